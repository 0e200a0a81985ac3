/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * types_internal.h - struct ms_type, shared by core/types.c, which builds
 * types from DWARF and owns them, and core/typename.c, which formats their C
 * names and declarations; private to those two files.
 *
 * Every other file sees struct ms_type only through the accessors of
 * core/types.h.  A type lives until ms_types_free(), which also frees the
 * name that ms_type_name() caches in it.
 */
#ifndef MS_TYPES_INTERNAL_H
#define MS_TYPES_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/dwarf.h"
#include "core/types.h"

struct ms_type {
	enum ms_type_kind kind;
	struct ms_program *prog;	/* whose DWARF it came from (members load lazily) */
	const char *tag;		/* DWARF name: struct tag, typedef name, base name */
	char *name;			/* C name as whatis prints it, built on demand */
	uint64_t size;
	const struct ms_type *target;
	uint64_t nelem;			/* arrays */
	Dwarf_Off die;			/* 0 for synthesised types */
	unsigned quals;			/* MS_QUAL_* for MS_TYPE_QUALIFIED */
	bool is_signed, is_bool, is_char, incomplete, flexible;
	bool prototyped, varargs, members_done;
	struct ms_member *members;
	size_t nmembers;
	struct ms_enumerator *enums;
	size_t nenums;
	const struct ms_type **params;
	size_t nparams;
	struct ms_type *ptr_to;		/* cached pointer to this type */
	struct ms_type *next_alloc;
};

#endif
