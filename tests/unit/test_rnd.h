/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * test_rnd.h - the random numbers of refmm's stress and random tests:
 * xorshift64*, the same stream on every host and C library.
 */
#ifndef TEST_RND_H
#define TEST_RND_H

#include <stdint.h>

/*
 * The next number of the stream whose state is *@state.  Each test keeps
 * its own state, its seed, so that its run is the same every time.
 */
static inline uint64_t test_rnd(uint64_t *state)
{
	*state ^= *state >> 12;
	*state ^= *state << 25;
	*state ^= *state >> 27;
	return *state * 0x2545f4914f6cdd1dULL;
}

#endif /* TEST_RND_H */
