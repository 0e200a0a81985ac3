// SPDX-License-Identifier: GPL-2.0-only
/*
 * reciprocal_div.c - the multiplier and shifts of reciprocal_divide()
 * (lib/reciprocal_div.c).  See <linux/reciprocal_div.h>.
 */
#include <linux/bitops.h>
#include <linux/kernel.h>
#include <linux/reciprocal_div.h>

struct reciprocal_value reciprocal_value(u32 d)
{
	struct reciprocal_value R;
	u64 m;
	int l;

	l = fls(d - 1);
	m = ((1ULL << 32) * ((1ULL << l) - d));
	m /= d;
	++m;
	R.m = (u32)m;
	R.sh1 = min(l, 1);
	R.sh2 = max(l - 1, 0);

	return R;
}
