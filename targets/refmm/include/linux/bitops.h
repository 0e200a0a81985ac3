/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * bitops.h - bit operations on unsigned long words and find-last-set
 * (include/linux/bitops.h, asm/bitops.h and the generic fls()).
 *
 * The kernel's set_bit() and clear_bit() are atomic (lock-prefixed on
 * x86); refmm runs one thread, so plain read-modify-write is the same.
 * The bit numbering is the kernel's: bit nr of the bitmap at addr is bit
 * nr % BITS_PER_LONG of word nr / BITS_PER_LONG.
 */
#ifndef _LINUX_BITOPS_H
#define _LINUX_BITOPS_H

#include <linux/types.h>

#define BIT_MASK(nr)		(1UL << ((nr) % BITS_PER_LONG))
#define BIT_WORD(nr)		((nr) / BITS_PER_LONG)

static inline void set_bit(long nr, volatile unsigned long *addr)
{
	addr[BIT_WORD(nr)] |= BIT_MASK(nr);
}

static inline void clear_bit(long nr, volatile unsigned long *addr)
{
	addr[BIT_WORD(nr)] &= ~BIT_MASK(nr);
}

static inline int test_bit(long nr, const volatile unsigned long *addr)
{
	return (addr[BIT_WORD(nr)] >> (nr % BITS_PER_LONG)) & 1;
}

static inline int test_and_set_bit(long nr, volatile unsigned long *addr)
{
	int old = test_bit(nr, addr);

	set_bit(nr, addr);
	return old;
}

static inline int test_and_clear_bit(long nr, volatile unsigned long *addr)
{
	int old = test_bit(nr, addr);

	clear_bit(nr, addr);
	return old;
}

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
