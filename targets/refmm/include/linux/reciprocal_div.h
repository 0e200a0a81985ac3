/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * reciprocal_div.h - division by a run-time constant as a multiply.
 *
 * SLAB turns an object's offset in its slab into an index with
 * reciprocal_divide(offset, cachep->reciprocal_buffer_size) instead of a
 * division by cachep->size: reciprocal_value() precomputes a multiplier
 * m and two shifts so that
 *
 *	t = (a * m) >> 32;  a / d == (t + ((a - t) >> sh1)) >> sh2
 *
 * for every 32-bit a (Granlund and Montgomery, "Division by invariant
 * integers using multiplication").
 */
#ifndef _LINUX_RECIPROCAL_DIV_H
#define _LINUX_RECIPROCAL_DIV_H

#include <linux/types.h>

struct reciprocal_value {
	u32 m;
	u8 sh1, sh2;
};

struct reciprocal_value reciprocal_value(u32 d);

static inline u32 reciprocal_divide(u32 a, struct reciprocal_value R)
{
	u32 t = (u32)(((u64)a * R.m) >> 32);

	return (t + ((a - t) >> R.sh1)) >> R.sh2;
}

#endif /* _LINUX_RECIPROCAL_DIV_H */
