// SPDX-License-Identifier: GPL-2.0-only
/*
 * random.c - get_random_int() (drivers/char/random.c), deterministic.
 *
 * Address space layout randomization (mmap_base, the stack top, the brk
 * start) asks for random numbers.  A kernel draws them from its entropy
 * pool; refmm draws them from a splitmix64 stream seeded with the boot
 * seed, so that a run is reproducible and another seed gives another
 * layout.  The state lives in the image.
 */
#include <linux/kernel.h>
#include <asm/page.h>

static u64 random_int_state __kdata;

void refmm_random_init(u64 seed)
{
	random_int_state = seed * 0x9e3779b97f4a7c15ULL + 0x5245464d;
}

static u64 next(void)
{
	u64 z = (random_int_state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

unsigned int get_random_int(void)
{
	return (unsigned int)(next() >> 32);
}

/*
 * randomize_range() returns a start address such that
 *
 *    [...... <range> .....]
 *  start                  end
 *
 * a <range> with size "len" starting at the return value is inside in the
 * area defined by [start, end], but is otherwise randomized.
 */
unsigned long randomize_range(unsigned long start, unsigned long end,
			      unsigned long len)
{
	unsigned long range = end - len - start;

	if (end <= start + len)
		return 0;
	return PAGE_ALIGN(get_random_int() % range + start);
}
