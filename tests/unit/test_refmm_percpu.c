/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * test_refmm_percpu.c - the per-cpu area allocator (mm/percpu.c).
 *
 * One boot (256 MiB, 4 CPUs, so units of 256 KiB).  What is checked is
 * what a user of alloc_percpu() relies on, from outside: areas aligned as
 * asked, zeroed on every CPU, never overlapping one another or the static
 * area, inside the unit; and that freed space comes back, so that create
 * and destroy loops (SLAB's per-cpu array caches) never exhaust the
 * chunk.  A host-side shadow of the unit, one byte per byte, is the
 * oracle for overlaps.  The allocation map's own consistency is checked
 * by refmm_check_invariants() along the way.
 *
 * The tests work in a region R of the unit where first fit is computed
 * by hand.  Boot leaves the dynamic area with holes below its free tail:
 * SLAB's bootstrap gives each early cache one-entry per-CPU arrays, and
 * kmem_cache_init_late() replaces them by bigger ones and frees the old
 * ones (do_tune_cpucache(), as in 4.0), so a small request would land in
 * such a hole rather than where the test reasons.  group_setup() first
 * fills every free byte of the unit: 32 KiB page-aligned areas, then
 * areas of 16 KiB, 8 KiB ... 2 bytes, each size until it no longer fits
 * (a 2-byte area fits any free area, so when that fails nothing is free).
 * Then it frees the run of 32 KiB areas that starts with the first: R is
 * all the free space there is, page-aligned, with areas in use on both
 * sides, and first fit starts at R's start.  get() fails any area that
 * lands outside R, so a byte left free elsewhere would show.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <refmm/machine.h>
#include <linux/mm.h>
#include <linux/percpu.h>

#include "internal.h"
#include "test_refmm_util.h"

#define STATIC_SIZE	4096UL	/* the unit's static area (percpu.c) */
#define MAX_LIVE	48
#define MIN_UNIT	(32UL << 10)	/* PCPU_MIN_UNIT_SIZE: the largest request */
#define MAX_FILL	256

static unsigned char *shadow;	/* 1 where a live area is */

struct area {
	unsigned long off;
	size_t size;
};

/* The tests' region (see the file comment); 0 while it is being made. */
static unsigned long region_start, region_end;

/* What group_setup() allocated to leave only the region free. */
static struct area fill[MAX_FILL];
static int nfill;

/* A deterministic generator (xorshift64), so a failure can be replayed. */
static uint64_t rnd_state = 0x9e3779b97f4a7c15ULL;

static uint64_t rnd(void)
{
	rnd_state ^= rnd_state << 13;
	rnd_state ^= rnd_state >> 7;
	rnd_state ^= rnd_state << 17;
	return rnd_state;
}

/*
 * Allocate @size bytes at @align and check the area; false when it does
 * not fit.
 */
static bool try_get(size_t size, size_t align, struct area *ret)
{
	void __percpu *p = __alloc_percpu(size, align);
	struct area a = { (unsigned long)p, size };
	unsigned long i;
	int cpu;

	if (!p)
		return false;
	if (a.off & (align - 1))
		fail_msg("__alloc_percpu(%zu, %zu) = %#lx: misaligned", size, align, a.off);
	if (a.off < STATIC_SIZE || a.off + size > pcpu_unit_size)
		fail_msg("__alloc_percpu(%zu, %zu) = %#lx: outside the dynamic area",
			 size, align, a.off);
	if (region_end && (a.off < region_start || a.off + size > region_end))
		fail_msg("__alloc_percpu(%zu, %zu) = %#lx: outside the only free region [%#lx, %#lx)",
			 size, align, a.off, region_start, region_end);
	for (i = a.off; i < a.off + size; i++) {
		if (shadow[i])
			fail_msg("__alloc_percpu(%zu, %zu) = %#lx overlaps a live area at %#lx",
				 size, align, a.off, i);
		shadow[i] = 1;
	}
	/* zeroed on every CPU, then dirtied so that reuse must clear again */
	for_each_possible_cpu(cpu) {
		unsigned char *b = (unsigned char *)per_cpu_ptr(p, cpu);

		for (i = 0; i < size; i++)
			if (b[i])
				fail_msg("area %#lx cpu %d byte %lu is %#x, not zero",
					 a.off, cpu, i, b[i]);
		memset(b, 0xa5, size);
	}
	*ret = a;
	return true;
}

static struct area get(size_t size, size_t align)
{
	struct area a;

	if (!try_get(size, align, &a))
		fail_msg("__alloc_percpu(%zu, %zu) failed", size, align);
	return a;
}

static void put(struct area a)
{
	memset(shadow + a.off, 0, a.size);
	free_percpu((void __percpu *)a.off);
}

/* Allocate areas of @size at @align until one does not fit. */
static int fill_with(size_t size, size_t align)
{
	for (;;) {
		if (nfill == MAX_FILL)
			return -1;
		if (!try_get(size, align, &fill[nfill]))
			return 0;
		nfill++;
	}
}

static int group_setup(void **state)
{
	size_t size;
	int i, first = -1;

	(void)state;
	if (test_refmm_boot(0, 1, 4))
		return -1;
	shadow = calloc(pcpu_unit_size, 1);
	if (!shadow)
		return -1;

	/* Every free byte in use... */
	if (fill_with(MIN_UNIT, PAGE_SIZE))
		return -1;
	for (size = MIN_UNIT / 2; size >= 2; size /= 2)
		if (fill_with(size, 2))
			return -1;

	/* ...but the first run of 32 KiB areas. */
	for (i = 0; i < nfill; i++) {
		if (fill[i].size != MIN_UNIT)
			continue;
		if (first < 0) {
			first = i;
			region_start = region_end = fill[i].off;
		}
		if (fill[i].off != region_end)
			break;
		region_end += MIN_UNIT;
		put(fill[i]);
		fill[i].size = 0;	/* freed */
	}
	/* What the tests need: 100,000 rounds of up to 48 live areas. */
	if (first < 0 || region_end - region_start < 4 * MIN_UNIT)
		return -1;
	assert_invariants();
	return 0;
}

/* Give back what group_setup() held: the chunk is as boot left it. */
static int group_teardown(void **state)
{
	int i;

	(void)state;
	region_start = region_end = 0;
	for (i = 0; i < nfill; i++)
		if (fill[i].size)
			put(fill[i]);
	nfill = 0;
	assert_invariants();
	free(shadow);
	return 0;
}

/*
 * Freed space is reused: first fit finds the same place again.  By hand:
 * a takes R's first 100 bytes; b, aligned to 8, starts at R + 104 and
 * leaves a 4-byte free area (a head of at least sizeof(int) beside an
 * area in use keeps its own map entry); freeing a merges it with that.
 */
static void test_reuse(void **state)
{
	struct area a, b, c;

	(void)state;
	a = get(100, 8);
	assert_int_equal(a.off, region_start);
	b = get(200, 8);
	assert_int_equal(b.off, region_start + 104);
	put(a);
	c = get(100, 8);
	assert_int_equal(c.off, a.off);
	/* a smaller request fits in the hole too, at its start */
	put(c);
	c = get(40, 4);
	assert_int_equal(c.off, a.off);
	put(c);
	put(b);
	/* everything freed merges back: the next area starts where a did */
	c = get(300, 8);
	assert_int_equal(c.off, a.off);
	put(c);
	assert_invariants();
}

/*
 * Create/destroy: one area allocated and freed 100,000 times, sizes and
 * alignments varying, never fails (a bump allocator would run out of the
 * region within ~200 rounds of 1 KiB).
 */
static void test_create_destroy(void **state)
{
	int i;

	(void)state;
	for (i = 0; i < 100000; i++) {
		size_t size = 1 + rnd() % 2048;
		size_t align = 1UL << (rnd() % 7);	/* 1 .. 64 */
		struct area a = get(size, align);

		/* nothing else is live: first fit takes R's page-aligned start */
		if (a.off != region_start)
			fail_msg("round %d: area at %#lx, not at the region's start %#lx",
				 i, a.off, region_start);
		put(a);
	}
	assert_invariants();
}

/*
 * Many live areas of many sizes, freed in random order, 100,000
 * operations: never exhausted, never overlapping (the shadow), aligned,
 * zeroed; page-aligned requests now and then.  At the end everything is
 * freed and a request as big as the whole dynamic area fits again.
 */
static void test_random_live(void **state)
{
	static struct area live[MAX_LIVE];
	int nlive = 0, i;
	unsigned long big;

	(void)state;
	for (i = 0; i < 100000; i++) {
		if (nlive < MAX_LIVE && (nlive == 0 || rnd() % 2)) {
			size_t size = 1 + rnd() % 2048;
			size_t align = rnd() % 64 ? 1UL << (rnd() % 7) : PAGE_SIZE;

			live[nlive++] = get(size, align);
		} else {
			int k = (int)(rnd() % (uint64_t)nlive);

			put(live[k]);
			live[k] = live[--nlive];
		}
		if (i % 10000 == 0)
			assert_invariants();
	}
	while (nlive)
		put(live[--nlive]);
	assert_invariants();

	/* All space is back: the largest request, page-aligned, fits. */
	big = MIN_UNIT;
	{
		struct area a = get(big, PAGE_SIZE);

		assert_int_equal(a.off, region_start);
		put(a);
	}
	assert_invariants();
}

/* Bad requests and bad frees are refused, and change nothing. */
static void test_bad(void **state)
{
	struct area a;

	(void)state;
	assert_null(__alloc_percpu(0, 8));
	assert_null(__alloc_percpu(16, 3));
	assert_null(__alloc_percpu(16, 2 * PAGE_SIZE));
	assert_null(__alloc_percpu((64UL << 10), 8));
	a = get(64, 8);
	free_percpu((void __percpu *)(a.off + 8));	/* not an area's start */
	free_percpu((void __percpu *)(pcpu_unit_size + 64));
	assert_invariants();
	put(a);
	free_percpu((void __percpu *)a.off);		/* double free */
	assert_invariants();
	free_percpu(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reuse),
		cmocka_unit_test(test_create_destroy),
		cmocka_unit_test(test_random_live),
		cmocka_unit_test(test_bad),
	};

	return cmocka_run_group_tests_name("refmm per-cpu allocator", tests,
					   group_setup, group_teardown);
}
