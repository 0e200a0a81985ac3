/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * bitops.h - bit operations on unsigned long words (include/linux/bitops.h
 * and asm/bitops.h).
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

#endif /* _LINUX_BITOPS_H */
