/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * mm_internal.h - what core/mm.c shares with core/mm_walk.c; private to
 * those two files.
 *
 * Member lookups by name in the debuginfo and reads of raw struct bytes.
 * The model itself is public (core/mm.h); these helpers are valid once
 * ms_mm(prog) has succeeded.
 */
#ifndef MS_MM_INTERNAL_H
#define MS_MM_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "core/mm.h"
#include "core/types.h"

/** The debuginfo's struct zone (NULL before ms_mm(prog) has succeeded). */
const struct ms_type *mm_zone_type(struct ms_program *prog);

/** A member's offset and size; *f = {-1, 0} and false when absent. */
bool mm_field(const struct ms_type *t, const char *path, struct ms_mm_field *f);

/**
 * Array length and element size of member @p path of @p t; 0 if not an array.
 * @param[out] off_ret     The member's offset (may be NULL).
 * @param[out] elsize_ret  The element size (may be NULL).
 */
uint64_t mm_member_array(const struct ms_type *t, const char *path, long *off_ret,
			 uint64_t *elsize_ret);

/**
 * Read the unsigned member @p f (at most 8 bytes) of the structure at
 * kernel virtual address @p base.
 * @param what  What is being read, for the error message.
 * @return 0, or -1 with a message set ("WHAT: member not found" or a read error).
 */
int mm_read_field(struct ms_program *prog, uint64_t base, const struct ms_mm_field *f, uint64_t *ret, const char *what);

/**
 * The unsigned (mm_get_uint) or sign-extended (mm_get_int) value of @p size
 * bytes (1, 2, 4, else 8) at offset @p off of @p buf; 0 if @p off < 0.
 */
static inline uint64_t mm_get_uint(const void *buf, long off, unsigned size)
{
	const unsigned char *p = (const unsigned char *)buf + off;
	uint64_t v = 0;

	if (off < 0)
		return 0;
	switch (size) {
	case 1: v = p[0]; break;
	case 2: { uint16_t x; memcpy(&x, p, 2); v = x; break; }
	case 4: { uint32_t x; memcpy(&x, p, 4); v = x; break; }
	default: memcpy(&v, p, 8); break;
	}
	return v;
}

static inline int64_t mm_get_int(const void *buf, long off, unsigned size)
{
	uint64_t v = mm_get_uint(buf, off, size);

	switch (size) {
	case 1: return (int8_t)v;
	case 2: return (int16_t)v;
	case 4: return (int32_t)v;
	default: return (int64_t)v;
	}
}

#endif
