/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * test_refmm_stress.c - the buddy allocator under a random storm.
 *
 * 1,000,000 operations (REFMM_STRESS_OPS overrides, e.g. under valgrind):
 * allocations of random orders with random GFP flags, from random CPUs
 * and sometimes for a given node, and frees of random live blocks.  The
 * live set swings between nearly empty and memory exhausted, so the
 * fallback paths and watermarks are all exercised.  Every few thousand
 * operations the full invariant check runs.  Each allocation is checked
 * against its GFP constraints and tagged in its first bytes; the tag is
 * verified when the block is freed, which catches a block handed out
 * twice.  At the end everything is freed and drained: each zone must
 * hold its boot free count and exactly the free blocks it had after boot.
 *
 * Two nodes and four CPUs, 192 MiB: node 0 has DMA and DMA32, node 1
 * DMA32 only.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include <refmm/machine.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/vmstat.h>

#include "internal.h"
#include "test_rnd.h"

#define DEFAULT_OPS	1000000UL
#define CHECK_EVERY	5000UL

static uint64_t rng_state = 0x9e3779b97f4a7c15ULL;

static uint64_t rnd(void)
{
	return test_rnd(&rng_state);
}

static unsigned int rnd_below(unsigned int n)
{
	return (unsigned int)((rnd() >> 32) % n);
}

struct block {
	struct page *page;
	unsigned int order;
	gfp_t gfp;
	uint64_t tag;
};

static struct block *live;
static size_t nlive, live_cap;
static unsigned long live_pages;

/* A snapshot of the free lists: (pfn, order) of every free block. */
struct free_block {
	unsigned long pfn;
	unsigned int order;
};

struct zone_snap {
	unsigned long nr_free_pages;
	struct free_block *blocks;
	size_t nblocks;
};

static struct zone_snap boot_snap[MAX_NUMNODES][MAX_NR_ZONES];

static int cmp_block(const void *a, const void *b)
{
	const struct free_block *x = a, *y = b;

	return x->pfn < y->pfn ? -1 : x->pfn > y->pfn;
}

static void snapshot(struct zone *zone, struct zone_snap *s)
{
	unsigned int order;
	int mt;
	size_t n = 0;

	for (order = 0; order < MAX_ORDER; order++)
		n += zone->free_area[order].nr_free;
	s->blocks = calloc(n + 1, sizeof(*s->blocks));
	s->nblocks = 0;
	for (order = 0; order < MAX_ORDER; order++)
		for (mt = 0; mt < MIGRATE_TYPES; mt++) {
			struct page *page;

			list_for_each_entry(page, &zone->free_area[order].free_list[mt], lru) {
				s->blocks[s->nblocks].pfn = page_to_pfn(page);
				s->blocks[s->nblocks].order = order;
				s->nblocks++;
			}
		}
	qsort(s->blocks, s->nblocks, sizeof(*s->blocks), cmp_block);
	s->nr_free_pages = zone_page_state(zone, NR_FREE_PAGES);
}

static int group_setup(void **state)
{
	struct refmm_config cfg;
	struct zone *zone;

	(void)state;
	console_loglevel = 0;
	refmm_default_config(&cfg);
	cfg.mem_bytes = 192ULL << 20;
	cfg.nr_nodes = 2;
	cfg.nr_cpus = 4;
	if (refmm_boot(&cfg))
		return -1;
	for_each_populated_zone(zone)
		snapshot(zone, &boot_snap[zone_to_nid(zone)][zone_idx(zone)]);
	return 0;
}

static int group_teardown(void **state)
{
	int n, z;

	(void)state;
	for (n = 0; n < MAX_NUMNODES; n++)
		for (z = 0; z < MAX_NR_ZONES; z++)
			free(boot_snap[n][z].blocks);
	free(live);
	return 0;
}

/* The GFP masks a kernel uses, all with __GFP_NOWARN: failure is expected. */
static const gfp_t gfp_table[] = {
	GFP_KERNEL,
	GFP_KERNEL,
	GFP_ATOMIC,
	GFP_NOWAIT,
	GFP_NOIO,
	GFP_NOFS,
	GFP_USER,
	GFP_TEMPORARY,
	GFP_HIGHUSER,
	GFP_HIGHUSER_MOVABLE,
	GFP_HIGHUSER_MOVABLE,
	GFP_KERNEL | __GFP_DMA32,
	GFP_KERNEL | GFP_DMA,
	GFP_ATOMIC | GFP_DMA,
	GFP_KERNEL | __GFP_COMP,
	GFP_HIGHUSER_MOVABLE | __GFP_COLD,
	GFP_KERNEL | __GFP_REPEAT,
	GFP_KERNEL | __GFP_NORETRY,
	GFP_KERNEL | __GFP_THISNODE,
	GFP_KERNEL | __GFP_ZERO,
};

static unsigned int random_order(void)
{
	/* Mostly small blocks, as in a kernel; now and then a large one. */
	unsigned int r = rnd_below(100);

	if (r < 55)
		return 0;
	if (r < 95)
		return 1 + rnd_below(3);
	return rnd_below(MAX_ORDER);
}

static void check_constraints(struct page *page, unsigned int order, gfp_t gfp,
			      int nid)
{
	enum zone_type high = gfp_zone(gfp);
	unsigned long pfn = page_to_pfn(page);

	if (page_zonenum(page) > high)
		fail_msg("pfn %#lx from zone %d for gfp %#x (highest %d)",
			 pfn, page_zonenum(page), gfp, high);
	if ((gfp & __GFP_THISNODE) && page_to_nid(page) != nid)
		fail_msg("pfn %#lx from node %d for __GFP_THISNODE on node %d",
			 pfn, page_to_nid(page), nid);
	if (pfn & ((1UL << order) - 1))
		fail_msg("pfn %#lx not aligned to order %u", pfn, order);
	if (page_count(page) != 1)
		fail_msg("pfn %#lx allocated with count %d", pfn, page_count(page));
	if (order && (gfp & __GFP_COMP) && compound_order(page) != (int)order)
		fail_msg("pfn %#lx: compound order %d, asked %u", pfn,
			 compound_order(page), order);
	if (gfp & __GFP_ZERO) {
		const uint64_t *w = page_address(page);
		size_t i, n = (PAGE_SIZE << order) / sizeof(*w);

		for (i = 0; i < n; i += 61)
			if (w[i])
				fail_msg("pfn %#lx: __GFP_ZERO page not zero", pfn);
	}
}

static void do_alloc(void)
{
	unsigned int order = random_order();
	gfp_t gfp = gfp_table[rnd_below(ARRAY_SIZE(gfp_table))] | __GFP_NOWARN;
	int nid = numa_node_id();
	struct page *page;
	struct block *b;

	if (rnd_below(8) == 0) {
		nid = rnd_below(nr_node_ids);
		page = alloc_pages_node(nid, gfp, order);
	} else {
		page = alloc_pages(gfp, order);
	}
	if (!page)
		return;
	check_constraints(page, order, gfp, nid);

	if (nlive == live_cap) {
		live_cap = live_cap ? live_cap * 2 : 4096;
		live = realloc(live, live_cap * sizeof(*live));
		assert_non_null(live);
	}
	b = &live[nlive++];
	b->page = page;
	b->order = order;
	b->gfp = gfp;
	b->tag = rnd();
	*(uint64_t *)page_address(page) = b->tag;
	live_pages += 1UL << order;
}

static void do_free(void)
{
	size_t i = rnd_below(nlive);
	struct block b = live[i];

	live[i] = live[--nlive];
	if (*(uint64_t *)page_address(b.page) != b.tag)
		fail_msg("pfn %#lx order %u: tag overwritten (handed out twice?)",
			 page_to_pfn(b.page), b.order);
	live_pages -= 1UL << b.order;
	/* Compound blocks are freed by reference like a kernel user would. */
	if (b.order && (b.gfp & __GFP_COMP) && rnd_below(2))
		put_page(b.page + rnd_below(1U << b.order));
	else
		__free_pages(b.page, b.order);
}

static void assert_invariants(unsigned long op)
{
	char msg[512];

	if (refmm_check_invariants(msg, sizeof(msg)))
		fail_msg("after %lu operations: %s", op, msg);
}

static void test_storm(void **state)
{
	const char *env = getenv("REFMM_STRESS_OPS");
	unsigned long ops = env ? strtoul(env, NULL, 0) : DEFAULT_OPS;
	unsigned long total = totalram_pages;
	unsigned long op, allocs = 0, failures = 0, checks = 0;
	unsigned long nr_free_before = global_page_state(NR_FREE_PAGES);
	struct timespec t0, t1;
	double secs;
	int phase_fill = 1;

	(void)state;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (op = 1; op <= ops; op++) {
		/*
		 * Fill towards exhaustion, then drain towards empty, then fill
		 * again: both ends of the allocator get their share.
		 */
		if (phase_fill && live_pages > total - total / 16)
			phase_fill = 0;
		else if (!phase_fill && live_pages < total / 8)
			phase_fill = 1;

		if (rnd_below(64) == 0)
			refmm_current_cpu = rnd_below(nr_cpu_ids);

		if (nlive == 0 || rnd_below(100) < (phase_fill ? 70u : 30u)) {
			size_t before = nlive;

			do_alloc();
			allocs++;
			failures += nlive == before;
		} else {
			do_free();
		}
		if (op % CHECK_EVERY == 0) {
			assert_invariants(op);
			checks++;
		}
		if (rnd_below(20000) == 0)
			drain_all_pages(NULL);
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	secs = (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
	print_message("%lu operations (%lu allocations, %lu failed), %lu invariant checks in %.2f s: %.0f ops/s\n",
		      ops, allocs, failures, checks, secs, ops / secs);
	assert_true(failures > 0);	/* memory was exhausted at some point */

	while (nlive)
		do_free();
	drain_all_pages(NULL);
	assert_invariants(ops);
	assert_int_equal(global_page_state(NR_FREE_PAGES), nr_free_before);
	refmm_current_cpu = 0;
}

static void test_back_to_boot(void **state)
{
	struct zone *zone;

	(void)state;
	for_each_populated_zone(zone) {
		struct zone_snap *boot = &boot_snap[zone_to_nid(zone)][zone_idx(zone)];
		struct zone_snap now;
		size_t i;

		snapshot(zone, &now);
		assert_int_equal(now.nr_free_pages, boot->nr_free_pages);
		if (now.nblocks != boot->nblocks)
			fail_msg("node %d %s: %zu free blocks, %zu after boot",
				 zone_to_nid(zone), zone->name, now.nblocks,
				 boot->nblocks);
		for (i = 0; i < now.nblocks; i++)
			if (now.blocks[i].pfn != boot->blocks[i].pfn ||
			    now.blocks[i].order != boot->blocks[i].order)
				fail_msg("node %d %s: free block %zu is pfn %#lx order %u, after boot pfn %#lx order %u",
					 zone_to_nid(zone), zone->name, i,
					 now.blocks[i].pfn, now.blocks[i].order,
					 boot->blocks[i].pfn, boot->blocks[i].order);
		free(now.blocks);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_storm),
		cmocka_unit_test(test_back_to_boot),
	};

	return cmocka_run_group_tests_name("refmm stress", tests,
					   group_setup, group_teardown);
}
