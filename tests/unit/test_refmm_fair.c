/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * test_refmm_fair.c - the fair zone allocation policy of Linux 4.0.
 *
 * The machine: 4.5 GiB, two nodes, 4 CPUs.  RAM is split evenly, so
 * node 0 is [0, 2.25G): ZONE_DMA and part of ZONE_DMA32, and node 1 is
 * [2.25G, 4.5G): the rest of ZONE_DMA32 and 512 MiB of ZONE_NORMAL - a
 * node with two big zones, the case the policy is for.
 *
 * 4.0's rules (get_page_from_freelist, buffered_rmqueue,
 * reset_alloc_batches, zone_local):
 *   - every allocation takes 1 << order from its zone's NR_ALLOC_BATCH;
 *     at <= 0 the zone is marked ZONE_FAIR_DEPLETED;
 *   - the fast path's first pass (ALLOC_FAIR) walks the zonelist, stops
 *     at the first zone of another node, and skips depleted zones;
 *   - when it finds nothing after skipping some, every zone of the
 *     preferred node up to the preferred zone gets its batch back
 *     (high_wmark - low_wmark) and a second, unfair pass takes the first
 *     zone above its watermark.
 * So while the zones are well above their watermarks, order-k requests
 * on a node cycle through its zones in zonelist order (highest first):
 * each zone serves ceil(B / 2^k) requests per round, B = its batch, and
 * the request that finds every batch used up starts the next round in
 * the first zone.  The batches are computed here from the formulas of
 * __setup_per_zone_wmarks(), not read from the zones.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <refmm/machine.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/vmstat.h>

#include "internal.h"
#include "test_refmm_util.h"

#define MEM_BYTES	(4608ULL << 20)

static struct page *held[8192];
static unsigned int held_order[8192];
static int nheld;

static int group_setup(void **state)
{
	(void)state;
	return test_refmm_boot(MEM_BYTES, 2, 4) ? -1 : 0;
}

/* Free what the test took, start a new round: each test starts as booted. */
static int teardown(void **state)
{
	int nid;

	(void)state;
	while (nheld) {
		nheld--;
		__free_pages(held[nheld], held_order[nheld]);
	}
	drain_all_pages(NULL);
	assert_invariants();
	for_each_online_node(nid)
		reset_alloc_batches(&NODE_DATA(nid)->node_zones[MAX_NR_ZONES - 1]);
	refmm_current_cpu = 0;
	return 0;
}

/*
 * The batch 4.0 gives a zone: watermark[MIN] is the zone's share of
 * min_free_kbytes (in pages) by managed pages, LOW = MIN + MIN/4,
 * HIGH = MIN + MIN/2, and NR_ALLOC_BATCH = HIGH - LOW.
 */
static long batch_of(struct zone *zone)
{
	unsigned long pages_min = min_free_kbytes >> (PAGE_SHIFT - 10);
	unsigned long lowmem = 0, tmp;
	struct zone *z;

	for_each_zone(z)
		lowmem += z->managed_pages;
	tmp = pages_min * zone->managed_pages / lowmem;
	return (long)((tmp >> 1) - (tmp >> 2));
}

static void take(struct page *page, unsigned int order)
{
	assert_non_null(page);
	assert_true(nheld < (int)ARRAY_SIZE(held));
	held[nheld] = page;
	held_order[nheld] = order;
	nheld++;
}

/*
 * @rounds rounds of order-@order requests on node @nid; the zones of
 * @want (zonelist order) must serve ceil(batch / 2^order) requests each,
 * in turn, and nothing may come from another zone.
 */
static void check_rounds(int nid, gfp_t gfp, unsigned int order,
			 struct zone *const *want, int nwant, int rounds)
{
	int r, i;

	for (r = 0; r < rounds; r++)
		for (i = 0; i < nwant; i++) {
			long b = batch_of(want[i]);
			long n = (b + (1L << order) - 1) >> order;
			long k;

			assert_true(b > 0);
			for (k = 0; k < n; k++) {
				struct page *page = alloc_pages_node(nid, gfp, order);

				take(page, order);
				if (page_zone(page) != want[i])
					fail_msg("round %d, request %ld of %ld for %s: got node %d %s",
						 r, k + 1, n, want[i]->name,
						 page_to_nid(page), page_zone(page)->name);
			}
		}
}

/*
 * Boot leaves every zone a full batch, and none depleted.  SLAB's
 * bootstrap allocates on every node before init_per_zone_wmark_min()
 * sets the watermarks; 4.0's free_area_init_core() seeds each batch with
 * the zone's managed pages for that, so no boot allocation uses a batch
 * up and every fair pass takes the node's first zone: the bootstrap's
 * pages all come from node 0's DMA32 and node 1's Normal, and the zones
 * below them are untouched.  (With batches at zero, boot would go round
 * the zones and leave them ZONE_FAIR_DEPLETED: __setup_per_zone_wmarks()
 * refills the batches but does not clear the flag.)
 */
static void test_batches_at_boot(void **state)
{
	struct zone *first[] = {
		&NODE_DATA(0)->node_zones[ZONE_DMA32],
		&NODE_DATA(1)->node_zones[ZONE_NORMAL],
	};
	struct zone *zone;
	int nid;

	(void)state;
	for_each_populated_zone(zone) {
		long b = batch_of(zone);

		assert_int_equal(atomic_long_read(&zone->vm_stat[NR_ALLOC_BATCH]), b);
		assert_int_equal(b, high_wmark_pages(zone) - low_wmark_pages(zone));
		assert_false(test_bit(ZONE_FAIR_DEPLETED, &zone->flags));
	}
	drain_all_pages(NULL);
	for (nid = 0; nid < 2; nid++)
		for (zone = NODE_DATA(nid)->node_zones;
		     zone < NODE_DATA(nid)->node_zones + MAX_NR_ZONES; zone++) {
			unsigned long free = zone_page_state(zone, NR_FREE_PAGES);

			if (!populated_zone(zone))
				continue;
			if (zone == first[nid] ? free >= zone->managed_pages
					       : free != zone->managed_pages)
				fail_msg("node %d %s: %lu of %lu pages free after boot",
					 nid, zone->name, free, zone->managed_pages);
		}
	/* The layout the other tests rely on. */
	assert_true(populated_zone(&NODE_DATA(1)->node_zones[ZONE_NORMAL]));
	assert_true(populated_zone(&NODE_DATA(1)->node_zones[ZONE_DMA32]));
	assert_false(populated_zone(&NODE_DATA(1)->node_zones[ZONE_DMA]));
	assert_true(populated_zone(&NODE_DATA(0)->node_zones[ZONE_DMA]));
	assert_false(populated_zone(&NODE_DATA(0)->node_zones[ZONE_NORMAL]));
}

/*
 * Node 1, movable pages: Normal serves its batch, then DMA32 its batch,
 * then Normal again (the request that found both used up reset them and
 * was served by the unfair pass from Normal, the first zone).  Pages are
 * spread over the zones in proportion to their sizes.
 */
static void test_interleave_order0(void **state)
{
	struct zone *normal = &NODE_DATA(1)->node_zones[ZONE_NORMAL];
	struct zone *dma32 = &NODE_DATA(1)->node_zones[ZONE_DMA32];
	struct zone *const want[] = { normal, dma32 };

	(void)state;
	check_rounds(1, GFP_HIGHUSER_MOVABLE, 0, want, 2, 3);
	/* Three rounds used up the batches exactly: both zones depleted. */
	assert_true(test_bit(ZONE_FAIR_DEPLETED, &normal->flags));
	assert_true(test_bit(ZONE_FAIR_DEPLETED, &dma32->flags));
	assert_int_equal(atomic_long_read(&normal->vm_stat[NR_ALLOC_BATCH]), 0);
	assert_int_equal(atomic_long_read(&dma32->vm_stat[NR_ALLOC_BATCH]), 0);
	/* The next request starts round 4 in Normal, with a fresh batch. */
	take(alloc_pages_node(1, GFP_HIGHUSER_MOVABLE, 0), 0);
	assert_ptr_equal(page_zone(held[nheld - 1]), normal);
	assert_int_equal(atomic_long_read(&normal->vm_stat[NR_ALLOC_BATCH]),
			 batch_of(normal) - 1);
	assert_false(test_bit(ZONE_FAIR_DEPLETED, &dma32->flags));
	assert_int_equal(atomic_long_read(&dma32->vm_stat[NR_ALLOC_BATCH]),
			 batch_of(dma32));
}

/* Order 3 takes 8 pages of batch per request: ceil(B / 8) requests a zone. */
static void test_interleave_order3(void **state)
{
	struct zone *const want[] = {
		&NODE_DATA(1)->node_zones[ZONE_NORMAL],
		&NODE_DATA(1)->node_zones[ZONE_DMA32],
	};

	(void)state;
	check_rounds(1, GFP_KERNEL, 3, want, 2, 3);
}

/*
 * Node 0: its zonelist is DMA32(0), DMA(0), then node 1's zones.  The
 * fair pass stops at node 1 (zone_local), so the rounds stay on node 0:
 * DMA32 then DMA, DMA being above its low watermark plus the
 * lowmem_reserve it keeps from DMA32-capable requests.
 */
static void test_local_node_only(void **state)
{
	struct zone *dma32 = &NODE_DATA(0)->node_zones[ZONE_DMA32];
	struct zone *dma = &NODE_DATA(0)->node_zones[ZONE_DMA];
	struct zone *const want[] = { dma32, dma };

	(void)state;
	assert_true(zone_page_state(dma, NR_FREE_PAGES) >
		    low_wmark_pages(dma) + dma->lowmem_reserve[ZONE_DMA32] +
		    (unsigned long)(3 * batch_of(dma)));
	check_rounds(0, GFP_KERNEL, 0, want, 2, 3);
}

/*
 * A zone below its watermark takes no turn: with DMA's free pages
 * brought down to its low watermark plus reserve, node 0's rounds are
 * DMA32 only - and a batch of DMA32 is all the round there is.
 */
static void test_full_zone_skipped(void **state)
{
	struct zone *dma32 = &NODE_DATA(0)->node_zones[ZONE_DMA32];
	struct zone *dma = &NODE_DATA(0)->node_zones[ZONE_DMA];
	struct zone *const want[] = { dma32 };
	unsigned long floor = low_wmark_pages(dma) + dma->lowmem_reserve[ZONE_DMA32];

	(void)state;
	while (zone_page_state(dma, NR_FREE_PAGES) > floor)
		take(alloc_pages(GFP_DMA, 0), 0);
	reset_alloc_batches(&NODE_DATA(0)->node_zones[MAX_NR_ZONES - 1]);
	check_rounds(0, GFP_KERNEL, 0, want, 1, 3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_batches_at_boot, teardown),
		cmocka_unit_test_teardown(test_interleave_order0, teardown),
		cmocka_unit_test_teardown(test_interleave_order3, teardown),
		cmocka_unit_test_teardown(test_local_node_only, teardown),
		cmocka_unit_test_teardown(test_full_zone_skipped, teardown),
	};

	return cmocka_run_group_tests_name("refmm fair zone allocation policy",
					   tests, group_setup, NULL);
}
