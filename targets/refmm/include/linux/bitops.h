/* SPDX-License-Identifier: GPL-2.0-only */
/* bitops.h - find-last-set, as the kernel's generic fls(). */
#ifndef _LINUX_BITOPS_H
#define _LINUX_BITOPS_H

/*
 * fls - find last (most-significant) bit set
 * @x: the word to search
 *
 * This is defined the same way as ffs.
 * Note fls(0) = 0, fls(1) = 1, fls(0x80000000) = 32.
 */
static inline int fls(unsigned int x)
{
	return x ? 32 - __builtin_clz(x) : 0;
}

static inline int fls64(unsigned long long x)
{
	return x ? 64 - __builtin_clzll(x) : 0;
}

#endif /* _LINUX_BITOPS_H */
