/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * hash.h - multiplicative hashing (include/linux/hash.h, Linux 4.0): the
 * high bits of the key times a prime close to the golden ratio of 2^64.
 * The pid hash and the dentry hash bucket their keys with it.
 */
#ifndef _LINUX_HASH_H
#define _LINUX_HASH_H

#include <linux/types.h>

#define GOLDEN_RATIO_PRIME_32 0x9e370001UL
/*  2^63 + 2^61 - 2^57 + 2^54 - 2^51 - 2^18 + 1 */
#define GOLDEN_RATIO_PRIME_64 0x9e37fffffffc0001UL

static inline u64 hash_64(u64 val, unsigned int bits)
{
	u64 hash = val * GOLDEN_RATIO_PRIME_64;

	/* High bits are more random, so use them. */
	return hash >> (64 - bits);
}

static inline u32 hash_32(u32 val, unsigned int bits)
{
	/* On some cpus multiply is faster, on others gcc will do shifts */
	u32 hash = val * GOLDEN_RATIO_PRIME_32;

	/* High bits are more random, so use them. */
	return hash >> (32 - bits);
}

#define hash_long(val, bits) hash_64(val, bits)

#endif /* _LINUX_HASH_H */
