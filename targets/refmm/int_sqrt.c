// SPDX-License-Identifier: GPL-2.0-only
/* int_sqrt.c - integer square root (lib/int_sqrt.c), bit by bit. */
#include <linux/kernel.h>

/**
 * int_sqrt - floor of the square root of @x
 * @x: the value
 *
 * min_free_kbytes is derived from sqrt(lowmem); floating point would be
 * fine on a host, but the kernel's integer answer is the one to match.
 */
unsigned long int_sqrt(unsigned long x)
{
	unsigned long b, m, y = 0;

	if (x <= 1)
		return x;

	m = 1UL << (BITS_PER_LONG - 2);
	while (m > x)
		m >>= 2;
	while (m != 0) {
		b = y + m;
		y >>= 1;
		if (x >= b) {
			x -= b;
			y += m;
		}
		m >>= 2;
	}
	return y;
}
