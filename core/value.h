/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * value.h - printing typed data the way gdb prints it.
 *
 * p, struct, union and list -s all print through here, so that
 * "{ member = value, ... }" nesting, enum names, pointers with <symbol+off>,
 * char arrays as strings and the radix setting behave the same everywhere.
 */
#ifndef MS_VALUE_H
#define MS_VALUE_H

#include <stdint.h>
#include <stdio.h>

#include "core/types.h"

/**
 * Print the object of type @p t whose bytes are @p buf (ms_type_size(t)
 * bytes) and which lives at @p addr in the dump (0 if unknown), in @p radix
 * (10 or 16), as gdb's "print" does after "$N = ".  Nested aggregates are
 * indented by 2 spaces per level starting from @p indent.
 */
void ms_value_print(FILE *fp, const struct ms_type *t, const void *buf, uint64_t addr,
		    int radix, int indent);

/** Print the declaration of @p t as gdb's ptype does (struct body expanded once). */
void ms_type_print_decl(FILE *fp, const struct ms_type *t, bool show_offsets, int radix);

/** Read a scalar member of @p t at @p path out of @p buf, zero- or sign-extended. */
int ms_value_member_u64(const struct ms_type *t, const void *buf, const char *path, uint64_t *ret);

#endif
