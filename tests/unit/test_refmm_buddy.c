/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * test_refmm_buddy.c - unit tests of refmm's zoned buddy allocator.
 *
 * One boot per process (refmm maps fixed addresses), done in the group
 * setup: 256 MiB, one node, 4 CPUs, so ZONE_DMA and ZONE_DMA32 exist and
 * ZONE_NORMAL is empty.  Each test leaves the allocator as it found it
 * (every page freed, pcp lists drained) and the invariant check runs
 * after each one.
 *
 * expand and merge are driven directly on one top-order block taken off
 * the lists, so the expected orders and pfns are computed by hand; the
 * other tests go through the public API.
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

#define TOP_ORDER	(MAX_ORDER - 1)

/* ---- printk capture ---- */

static char klog[1 << 16];
static size_t klog_len;

static void capture(int level, const char *text)
{
	size_t n = strlen(text);

	(void)level;
	if (klog_len + n >= sizeof(klog))
		n = sizeof(klog) - 1 - klog_len;
	memcpy(klog + klog_len, text, n);
	klog_len += n;
	klog[klog_len] = '\0';
}

static void klog_reset(void)
{
	klog_len = 0;
	klog[0] = '\0';
}

#define assert_klog_has(s) do {						\
	if (!strstr(klog, (s)))						\
		fail_msg("kernel log lacks \"%s\"; log:\n%s", (s), klog); \
} while (0)

/* ---- helpers ---- */

static struct zone *zone_of(int nid, enum zone_type t)
{
	return &NODE_DATA(nid)->node_zones[t];
}

static unsigned long boot_free[MAX_NUMNODES][MAX_NR_ZONES];

/* Every test ends here: all pages back, the same free counts as at boot. */
static int check_clean(void **state)
{
	struct zone *zone;

	(void)state;
	drain_all_pages(NULL);
	assert_invariants();
	for_each_populated_zone(zone)
		assert_int_equal(zone_page_state(zone, NR_FREE_PAGES),
				 boot_free[zone_to_nid(zone)][zone_idx(zone)]);
	/* The next test starts a new round of the fair policy, as at boot. */
	reset_alloc_batches(&NODE_DATA(0)->node_zones[MAX_NR_ZONES - 1]);
	refmm_current_cpu = 0;
	klog_reset();
	return 0;
}

static int group_setup(void **state)
{
	struct refmm_config cfg;
	struct zone *zone;

	(void)state;
	refmm_printk_hook = capture;
	console_loglevel = 0;	/* the hook sees everything; keep stderr quiet */
	refmm_default_config(&cfg);
	if (refmm_boot(&cfg))
		return -1;
	/* measured as check_clean() measures: pcp lists drained */
	drain_all_pages(NULL);
	for_each_populated_zone(zone)
		boot_free[zone_to_nid(zone)][zone_idx(zone)] =
			zone_page_state(zone, NR_FREE_PAGES);
	klog_reset();
	return 0;
}

/* Take the first top-order free block of @zone off its list; caller holds the lock. */
static struct page *take_top_block(struct zone *zone, int *mt_ret)
{
	int mt;

	for (mt = 0; mt < MIGRATE_TYPES; mt++) {
		struct free_area *area = &zone->free_area[TOP_ORDER];
		struct page *page;

		if (list_empty(&area->free_list[mt]))
			continue;
		page = list_first_entry(&area->free_list[mt], struct page, lru);
		list_del(&page->lru);
		__ClearPageBuddy(page);
		set_page_private(page, 0);
		area->nr_free--;
		__mod_zone_freepage_state(zone, -(1 << TOP_ORDER), mt);
		*mt_ret = mt;
		return page;
	}
	return NULL;
}

static void assert_free_head(struct page *page, unsigned int order)
{
	if (!PageBuddy(page) || page_private(page) != order)
		fail_msg("pfn %#lx: expected a free block of order %u, PageBuddy %d private %lu",
			 page_to_pfn(page), order, PageBuddy(page),
			 page_private(page));
	assert_int_equal(atomic_read(&page->_mapcount), PAGE_BUDDY_MAPCOUNT_VALUE);
	assert_int_equal(page_count(page), 0);
}

static void assert_not_head(struct page *page)
{
	if (PageBuddy(page))
		fail_msg("pfn %#lx should not be a free block head (order %lu)",
			 page_to_pfn(page), page_private(page));
}

/* ---- expand ---- */

/*
 * Splitting a block of order TOP for an order-0 request keeps page 0 and
 * frees the upper halves: P+2^(TOP-1) of order TOP-1, ..., P+2 of order
 * 1, P+1 of order 0, each at the head of its list.
 */
static void test_expand(void **state)
{
	struct zone *zone = zone_of(0, ZONE_DMA32);
	unsigned long nr_before[MAX_ORDER];
	struct page *page;
	unsigned long pfn;
	int mt, o;

	(void)state;
	spin_lock(&zone->lock);
	page = take_top_block(zone, &mt);
	assert_non_null(page);
	pfn = page_to_pfn(page);
	assert_int_equal(pfn & ((1UL << TOP_ORDER) - 1), 0);
	for (o = 0; o < MAX_ORDER; o++)
		nr_before[o] = zone->free_area[o].nr_free;

	expand(zone, page, 0, TOP_ORDER, &zone->free_area[TOP_ORDER], mt);

	for (o = 0; o < TOP_ORDER; o++) {
		struct page *half = page + (1UL << o);
		struct page *first = list_first_entry(&zone->free_area[o].free_list[mt],
						      struct page, lru);

		assert_free_head(half, o);
		assert_ptr_equal(first, half);
		assert_int_equal(zone->free_area[o].nr_free, nr_before[o] + 1);
	}
	assert_int_equal(zone->free_area[TOP_ORDER].nr_free, nr_before[TOP_ORDER]);
	assert_not_head(page);

	/*
	 * expand() does not touch NR_FREE_PAGES (its callers account the
	 * whole block); account the halves, then give the kept page back:
	 * everything merges.
	 */
	__mod_zone_freepage_state(zone, (1 << TOP_ORDER) - 1, mt);
	__free_one_page(page, pfn, zone, 0, mt);
	spin_unlock(&zone->lock);

	assert_free_head(page, TOP_ORDER);
	for (o = 0; o < TOP_ORDER; o++) {
		assert_not_head(page + (1UL << o));
		assert_int_equal(zone->free_area[o].nr_free, nr_before[o]);
	}
	assert_int_equal(zone->free_area[TOP_ORDER].nr_free, nr_before[TOP_ORDER] + 1);
}

/* ---- merge ---- */

/*
 * Free the pages of an owned top-order block B one step at a time:
 *   B+1 (0): buddy B busy          -> (B+1, 0)
 *   B+3 (0): buddy B+2 busy        -> (B+3, 0)
 *   B+2 (0): buddy B+3 free        -> (B+2, 1); buddy B (order 1) busy
 *   B   (0): B+1 free -> (B,1); B+2 free (1) -> (B,2); B+4 busy
 *   B+2^k (k) for k = 2..TOP-1: each merges with (B,k) -> (B,k+1)
 */
static void test_merge(void **state)
{
	struct zone *zone = zone_of(0, ZONE_DMA32);
	unsigned long nr_before[MAX_ORDER];
	struct page *b;
	unsigned long pfn;
	int mt, o;

	(void)state;
	spin_lock(&zone->lock);
	b = take_top_block(zone, &mt);
	assert_non_null(b);
	pfn = page_to_pfn(b);
	for (o = 0; o < MAX_ORDER; o++)
		nr_before[o] = zone->free_area[o].nr_free;

	__free_one_page(b + 1, pfn + 1, zone, 0, mt);
	assert_free_head(b + 1, 0);
	assert_int_equal(zone->free_area[0].nr_free, nr_before[0] + 1);

	__free_one_page(b + 3, pfn + 3, zone, 0, mt);
	assert_free_head(b + 3, 0);
	assert_int_equal(zone->free_area[0].nr_free, nr_before[0] + 2);

	__free_one_page(b + 2, pfn + 2, zone, 0, mt);
	assert_free_head(b + 2, 1);
	assert_not_head(b + 3);
	assert_int_equal(zone->free_area[0].nr_free, nr_before[0] + 1);
	assert_int_equal(zone->free_area[1].nr_free, nr_before[1] + 1);

	__free_one_page(b, pfn, zone, 0, mt);
	assert_free_head(b, 2);
	assert_not_head(b + 1);
	assert_not_head(b + 2);
	assert_int_equal(zone->free_area[0].nr_free, nr_before[0]);
	assert_int_equal(zone->free_area[1].nr_free, nr_before[1]);
	assert_int_equal(zone->free_area[2].nr_free, nr_before[2] + 1);

	for (o = 2; o < TOP_ORDER; o++) {
		__free_one_page(b + (1UL << o), pfn + (1UL << o), zone, o, mt);
		assert_free_head(b, o + 1);
		assert_not_head(b + (1UL << o));
	}
	spin_unlock(&zone->lock);

	for (o = 0; o < TOP_ORDER; o++)
		assert_int_equal(zone->free_area[o].nr_free, nr_before[o]);
	assert_int_equal(zone->free_area[TOP_ORDER].nr_free, nr_before[TOP_ORDER] + 1);
}

/* ---- GFP to zone ---- */

static void test_gfp_zone(void **state)
{
	struct page *page;

	(void)state;
	assert_int_equal(gfp_zone(GFP_KERNEL), ZONE_NORMAL);
	assert_int_equal(gfp_zone(GFP_ATOMIC), ZONE_NORMAL);
	assert_int_equal(gfp_zone(GFP_DMA), ZONE_DMA);
	assert_int_equal(gfp_zone(GFP_DMA32), ZONE_DMA32);
	assert_int_equal(gfp_zone(GFP_HIGHUSER), ZONE_NORMAL);
	assert_int_equal(gfp_zone(GFP_HIGHUSER_MOVABLE), ZONE_MOVABLE);
	assert_int_equal(gfp_zone(GFP_KERNEL | __GFP_MOVABLE), ZONE_NORMAL);
	assert_int_equal(gfp_zone(__GFP_DMA | __GFP_MOVABLE), ZONE_DMA);
	assert_int_equal(gfp_zone(__GFP_DMA32 | __GFP_MOVABLE), ZONE_DMA32);
	assert_true(gfp_zone_bad(__GFP_DMA | __GFP_DMA32));
	assert_true(gfp_zone_bad(__GFP_DMA | __GFP_HIGHMEM));
	assert_false(gfp_zone_bad(GFP_HIGHUSER_MOVABLE));

	assert_int_equal(gfpflags_to_migratetype(GFP_KERNEL), MIGRATE_UNMOVABLE);
	assert_int_equal(gfpflags_to_migratetype(GFP_TEMPORARY), MIGRATE_RECLAIMABLE);
	assert_int_equal(gfpflags_to_migratetype(GFP_HIGHUSER_MOVABLE), MIGRATE_MOVABLE);

	/* Real allocations land in the highest allowed populated zone. */
	page = alloc_pages(GFP_DMA, 0);
	assert_non_null(page);
	assert_int_equal(page_zonenum(page), ZONE_DMA);
	__free_pages(page, 0);

	page = alloc_pages(GFP_DMA32, 1);
	assert_non_null(page);
	assert_int_equal(page_zonenum(page), ZONE_DMA32);
	__free_pages(page, 1);

	/* Normal is empty on 256 MiB: GFP_KERNEL and movable fall to DMA32. */
	page = alloc_pages(GFP_KERNEL, 2);
	assert_non_null(page);
	assert_int_equal(page_zonenum(page), ZONE_DMA32);
	__free_pages(page, 2);

	page = alloc_pages(GFP_HIGHUSER_MOVABLE, 0);
	assert_non_null(page);
	assert_int_equal(page_zonenum(page), ZONE_DMA32);
	__free_pages(page, 0);

	/* A forbidden combination is refused with a warning. */
	assert_null(alloc_pages(__GFP_DMA | __GFP_DMA32, 0));
	assert_klog_has("bad zone modifiers");

	/* __get_free_pages/get_zeroed_page/free_pages: addresses in the direct map. */
	{
		unsigned long addr = get_zeroed_page(GFP_KERNEL);
		unsigned long i, sum = 0;

		assert_true(addr >= PAGE_OFFSET);
		assert_int_equal(addr & ~PAGE_MASK, 0);
		for (i = 0; i < PAGE_SIZE / sizeof(long); i++)
			sum |= ((unsigned long *)addr)[i];
		assert_int_equal(sum, 0);
		assert_ptr_equal(page_address(virt_to_page((void *)addr)), (void *)addr);
		memset((void *)addr, 0xaa, PAGE_SIZE);
		free_pages(addr, 0);

		addr = __get_free_pages(GFP_KERNEL | __GFP_ZERO, 2);
		assert_true(addr != 0);
		for (i = 0; i < (PAGE_SIZE << 2) / sizeof(long); i++)
			sum |= ((unsigned long *)addr)[i];
		assert_int_equal(sum, 0);
		free_pages(addr, 2);
	}
}

/* ---- migratetype fallback ---- */

static int count_blocks(struct zone *zone, int mt)
{
	int n = 0;
	unsigned long pfn;

	for (pfn = round_up(zone->zone_start_pfn, pageblock_nr_pages);
	     pfn < zone_end_pfn(zone); pfn += pageblock_nr_pages)
		if (get_pageblock_migratetype(pfn_to_page(pfn)) == mt)
			n++;
	return n;
}

/*
 * SLAB's bootstrap (kmem_cache_init) claimed the unmovable pageblocks of
 * ZONE_DMA32 that its slabs live in.  Take the free pages left in them
 * off the unmovable lists, so that the zone looks as it did before any
 * unmovable allocation; put them back afterwards.
 */
static struct page *hidden_unmovable[2 * MAX_ORDER_NR_PAGES];
static unsigned long nr_hidden;

static void hide_unmovable(struct zone *zone)
{
	struct page *page;

	spin_lock(&zone->lock);
	while ((page = __rmqueue_smallest(zone, 0, MIGRATE_UNMOVABLE))) {
		__mod_zone_freepage_state(zone, -1, MIGRATE_UNMOVABLE);
		assert_true(nr_hidden < ARRAY_SIZE(hidden_unmovable));
		hidden_unmovable[nr_hidden++] = page;
	}
	spin_unlock(&zone->lock);
}

static void unhide_unmovable(struct zone *zone)
{
	spin_lock(&zone->lock);
	while (nr_hidden) {
		struct page *page = hidden_unmovable[--nr_hidden];

		/* __free_one_page() counts the page free again */
		__free_one_page(page, page_to_pfn(page), zone, 0,
				MIGRATE_UNMOVABLE);
	}
	spin_unlock(&zone->lock);
}

static void test_fallback_migratetype(void **state)
{
	struct zone *zone = zone_of(0, ZONE_DMA32);
	struct page *page, *page2;
	int unmovable_before = count_blocks(zone, MIGRATE_UNMOVABLE);
	int movable_before = count_blocks(zone, MIGRATE_MOVABLE);
	int o;

	(void)state;
	/*
	 * Boot leaves every pageblock movable (or reserve), but those
	 * SLAB's bootstrap claimed for its slabs: its first unmovable
	 * request found only movable blocks and stole the largest, of
	 * order TOP >= pageblock_order, claiming all its pageblocks; its
	 * few dozen pages came from that block (the fair policy's boot
	 * batches keep the bootstrap in ZONE_DMA32, not DMA).
	 */
	assert_int_equal(unmovable_before, 1 << (TOP_ORDER - pageblock_order));
	assert_true(count_blocks(zone, MIGRATE_RESERVE) >= 1);
	hide_unmovable(zone);
	for (o = 0; o < MAX_ORDER; o++)
		assert_true(list_empty(&zone->free_area[o].free_list[MIGRATE_UNMOVABLE]));

	/*
	 * An unmovable order-1 request finds no unmovable block: it steals
	 * the largest movable block, claims its pageblocks, and the split
	 * remainders go to the unmovable lists.
	 */
	page = alloc_pages(GFP_KERNEL, 1);
	assert_non_null(page);
	assert_int_equal(get_pageblock_migratetype(page), MIGRATE_UNMOVABLE);
	assert_int_equal(count_blocks(zone, MIGRATE_UNMOVABLE),
			 unmovable_before + (1 << (TOP_ORDER - pageblock_order)));
	assert_int_equal(count_blocks(zone, MIGRATE_MOVABLE),
			 movable_before - (1 << (TOP_ORDER - pageblock_order)));
	for (o = 1; o < TOP_ORDER; o++)
		assert_false(list_empty(&zone->free_area[o].free_list[MIGRATE_UNMOVABLE]));

	/* The next unmovable request is served from the stolen block. */
	page2 = alloc_pages(GFP_KERNEL, 1);
	assert_non_null(page2);
	assert_int_equal(page_to_pfn(page2) >> TOP_ORDER, page_to_pfn(page) >> TOP_ORDER);

	/* Movable requests do not touch it while movable blocks are free. */
	{
		struct page *m = alloc_pages(GFP_HIGHUSER_MOVABLE, 3);

		assert_non_null(m);
		assert_int_equal(get_pageblock_migratetype(m), MIGRATE_MOVABLE);
		__free_pages(m, 3);
	}

	/* Freed, the block merges back whole on the unmovable list. */
	__free_pages(page2, 1);
	__free_pages(page, 1);
	drain_all_pages(zone);
	assert_false(list_empty(&zone->free_area[TOP_ORDER].free_list[MIGRATE_UNMOVABLE]));
	unhide_unmovable(zone);
	assert_invariants();
}

/* ---- the fallback path, block by block ---- */

/*
 * The free blocks a fallback test took off the zone's lists: with every
 * UNMOVABLE, RECLAIMABLE and MOVABLE list empty, __rmqueue_fallback() sees
 * only the blocks the test frees into one pageblock.  (MIGRATE_RESERVE
 * lists stay: the fallback never looks at them.)
 */
struct taken {
	struct page *page;
	unsigned int order;
	int mt;
};

static struct taken taken[4096];
static int nr_taken;

static void take_all_free(struct zone *zone)
{
	unsigned int order;
	int mt;

	drain_all_pages(NULL);
	nr_taken = 0;
	spin_lock(&zone->lock);
	for (order = 0; order < MAX_ORDER; order++) {
		struct free_area *area = &zone->free_area[order];

		for (mt = 0; mt < MIGRATE_PCPTYPES; mt++) {
			while (!list_empty(&area->free_list[mt])) {
				struct page *page = list_first_entry(&area->free_list[mt],
								     struct page, lru);

				assert_true(nr_taken < (int)ARRAY_SIZE(taken));
				list_del(&page->lru);
				__ClearPageBuddy(page);
				set_page_private(page, 0);
				area->nr_free--;
				__mod_zone_freepage_state(zone, -(1 << order), mt);
				taken[nr_taken].page = page;
				taken[nr_taken].order = order;
				taken[nr_taken].mt = mt;
				nr_taken++;
			}
		}
	}
	spin_unlock(&zone->lock);
}

/* A taken block of at least pageblock order: the test's pageblock is its first. */
static int taken_pageblock(void)
{
	int i;

	for (i = 0; i < nr_taken; i++)
		if (taken[i].order >= pageblock_order)
			return i;
	fail_msg("no free block of pageblock order %d in the zone", pageblock_order);
	return -1;
}

struct piece {
	unsigned long off;	/* pfn - the pageblock's first pfn */
	unsigned int order;
};

/* The free list (@order, @mt) of @zone holds exactly @offs (pfn - @base), in this order. */
static void assert_free_list(struct zone *zone, unsigned long base,
			     unsigned int order, int mt,
			     const unsigned long *offs, int n)
{
	struct list_head *head = &zone->free_area[order].free_list[mt];
	struct list_head *pos;
	int i = 0;

	list_for_each(pos, head) {
		struct page *page = list_entry(pos, struct page, lru);

		if (i >= n || page_to_pfn(page) != base + offs[i])
			fail_msg("free_area[%u].free_list[%d] entry %d: pfn base+%#lx, want %s%#lx",
				 order, mt, i, page_to_pfn(page) - base,
				 i < n ? "base+" : "the end, not ",
				 i < n ? offs[i] : page_to_pfn(page) - base);
		assert_free_head(page, order);
		i++;
	}
	if (i != n)
		fail_msg("free_area[%u].free_list[%d] has %d entries, want %d",
			 order, mt, i, n);
}

/*
 * Every UNMOVABLE, RECLAIMABLE and MOVABLE list of @zone is empty except
 * the ones @want names: { order, mt, number of pfns, pfn offsets }.
 */
struct want_list {
	unsigned int order;
	int mt;
	int n;
	unsigned long offs[4];
};

static void assert_free_lists(struct zone *zone, unsigned long base,
			      const struct want_list *want, int nwant)
{
	unsigned int order;
	int mt, i;

	for (order = 0; order < MAX_ORDER; order++)
		for (mt = 0; mt < MIGRATE_PCPTYPES; mt++) {
			const struct want_list *w = NULL;

			for (i = 0; i < nwant; i++)
				if (want[i].order == order && want[i].mt == mt)
					w = &want[i];
			assert_free_list(zone, base, order, mt, w ? w->offs : NULL,
					 w ? w->n : 0);
		}
	for (order = 0; order < MAX_ORDER; order++) {
		unsigned long n = 0;

		for (i = 0; i < nwant; i++)
			if (want[i].order == order)
				n += want[i].n;
		for (mt = MIGRATE_PCPTYPES; mt < MIGRATE_TYPES; mt++) {
			struct list_head *pos;

			list_for_each(pos, &zone->free_area[order].free_list[mt])
				n++;
		}
		assert_int_equal(zone->free_area[order].nr_free, n);
	}
}

/*
 * Run one fallback: pageblock B (the first pageblock of a taken block T)
 * gets type @block_mt and free blocks @pieces (freed with @block_mt, so
 * they go on its lists), then one order-0 request of @start_mt goes
 * through __rmqueue_smallest() (which must find nothing) and
 * __rmqueue_fallback(), accounted as buffered_rmqueue() does.  Returns
 * the page; *@base_ret is B's first pfn.
 */
static struct page *fallback_once(struct zone *zone, int block_mt,
				  const struct piece *pieces, int npieces,
				  int start_mt, unsigned long *base_ret,
				  int *saved_mt_ret)
{
	struct page *page, *block;
	unsigned long base;
	int i;

	take_all_free(zone);
	block = taken[taken_pageblock()].page;
	base = page_to_pfn(block);
	*base_ret = base;
	*saved_mt_ret = get_pageblock_migratetype(block);
	set_pageblock_migratetype(block, block_mt);

	spin_lock(&zone->lock);
	for (i = 0; i < npieces; i++)
		__free_one_page(block + pieces[i].off, base + pieces[i].off,
				zone, pieces[i].order, block_mt);
	assert_null(__rmqueue_smallest(zone, 0, start_mt));
	page = __rmqueue_fallback(zone, 0, start_mt);
	assert_non_null(page);
	__mod_zone_freepage_state(zone, -1, get_freepage_migratetype(page));
	spin_unlock(&zone->lock);
	assert_invariants();
	return page;
}

/*
 * Give everything back: the allocated page, then every page of B that
 * was not one of the pieces (order 0; they merge as they come), then the
 * rest of T and every other taken block.  B gets its type back first.
 */
static void fallback_undo(struct zone *zone, struct page *page,
			  unsigned long base, int saved_mt,
			  const struct piece *pieces, int npieces)
{
	int t = taken_pageblock();
	struct page *block = pfn_to_page(base);
	unsigned long off, pfn;
	int i;

	set_pageblock_migratetype(block, saved_mt);
	spin_lock(&zone->lock);
	__free_one_page(page, page_to_pfn(page), zone, 0, saved_mt);
	for (off = 0; off < pageblock_nr_pages; off++) {
		bool in_piece = false;

		for (i = 0; i < npieces; i++)
			if (off >= pieces[i].off &&
			    off < pieces[i].off + (1UL << pieces[i].order))
				in_piece = true;
		if (!in_piece)
			__free_one_page(block + off, base + off, zone, 0, saved_mt);
	}
	for (pfn = base + pageblock_nr_pages;
	     pfn < base + (1UL << taken[t].order); pfn += pageblock_nr_pages)
		__free_one_page(pfn_to_page(pfn), pfn, zone, pageblock_order,
				get_pageblock_migratetype(pfn_to_page(pfn)));
	for (i = 0; i < nr_taken; i++)
		if (i != t)
			__free_one_page(taken[i].page, page_to_pfn(taken[i].page),
					zone, taken[i].order, taken[i].mt);
	spin_unlock(&zone->lock);
	nr_taken = 0;
	assert_invariants();
}

/*
 * One case: B's type and free blocks before, the order-0 request's type,
 * then the page it must get (pfn - b), B's type after and the free lists
 * after.  In 4.0 the page's freepage migratetype is always the request's.
 */
struct fallback_case {
	int block_mt;
	struct piece pieces[2];
	int start_mt;
	unsigned long got;
	int block_mt_after;
	int nwant;
	struct want_list want[MAX_ORDER];
};

static void run_fallback(const struct fallback_case *c)
{
	struct zone *zone = zone_of(0, ZONE_DMA32);
	struct page *page;
	unsigned long b;
	int saved;

	page = fallback_once(zone, c->block_mt, c->pieces, ARRAY_SIZE(c->pieces),
			     c->start_mt, &b, &saved);
	assert_int_equal(page_to_pfn(page), b + c->got);
	assert_int_equal(get_freepage_migratetype(page), c->start_mt);
	assert_int_equal(get_pageblock_migratetype(page), c->block_mt_after);
	assert_free_lists(zone, b, c->want, c->nwant);
	fallback_undo(zone, page, b, saved, c->pieces, ARRAY_SIZE(c->pieces));
}

/*
 * A small MOVABLE request falls back, by Linux 4.0's rules
 * (__rmqueue_fallback and try_to_steal_freepages of v4.0, with
 * 99592d598eca "always steal split buddies"); p = pageblock_order
 * (9 here, 10 in the alternative build), so p/2 = 4 (5).
 *
 * B is UNMOVABLE with two free blocks, b+1 (order 0) and b+8 (order 3),
 * every MOVABLE and RECLAIMABLE list empty:
 *  - __rmqueue_smallest(MOVABLE) finds nothing;
 *  - __rmqueue_fallback scans orders from MAX_ORDER-1 down and, in each,
 *    fallbacks[MOVABLE] = RECLAIMABLE, UNMOVABLE: the first block found
 *    is b+8 on free_area[3].free_list[UNMOVABLE];
 *  - try_to_steal_freepages: 3 < p, 3 < p/2, start type MOVABLE and
 *    grouping by mobility on: it moves nothing and B stays UNMOVABLE;
 *  - expand(b+8, 0, 3) with the start type: b+12 order 2, b+10 order 1,
 *    b+9 order 0 go on the MOVABLE lists (3.19 put them on UNMOVABLE's);
 *  - b+8 is returned, its freepage migratetype MOVABLE.
 * So: [0][UNMOVABLE] = b+1; [0][MOVABLE] = b+9; [1][MOVABLE] = b+10;
 * [2][MOVABLE] = b+12; every other list of the three types empty.
 */
static void test_fallback_movable_small(void **state)
{
	static const struct fallback_case c = {
		.block_mt = MIGRATE_UNMOVABLE,
		.pieces = { { 1, 0 }, { 8, 3 } },
		.start_mt = MIGRATE_MOVABLE,
		.got = 8,
		.block_mt_after = MIGRATE_UNMOVABLE,
		.nwant = 4,
		.want = {
			{ 0, MIGRATE_UNMOVABLE, 1, { 1 } },
			{ 0, MIGRATE_MOVABLE, 1, { 9 } },
			{ 1, MIGRATE_MOVABLE, 1, { 10 } },
			{ 2, MIGRATE_MOVABLE, 1, { 12 } },
		},
	};

	(void)state;
	run_fallback(&c);
}

/*
 * B UNMOVABLE with b+1 (order 0) and b+2^k (order k), k >= p/2; an
 * order-0 MOVABLE request.  By 4.0's rules:
 *  - the largest fallback block is b+2^k, of order k >= p/2:
 *    try_to_steal_freepages moves B's free pages to the MOVABLE lists
 *    (move_freepages_block, in pfn order, each to the head of its list):
 *    b+1 to [0][MOVABLE], b+2^k to [k][MOVABLE];
 *  - it moved 1 + 2^k pages: B becomes MOVABLE if that is at least half
 *    the block, 2^(p-1) pages, and stays UNMOVABLE otherwise;
 *  - b+2^k comes off [k][MOVABLE] and expand() frees its upper halves to
 *    the MOVABLE lists: b+2^k+2^j of order j for j = k-1 .. 0, each at its
 *    list's head, so [0][MOVABLE] = b+2^k+1, b+1.
 */
static void fallback_movable_big(unsigned int k, int want_block_mt)
{
	const unsigned long bk = 1UL << k;
	struct fallback_case c = {
		.block_mt = MIGRATE_UNMOVABLE,
		.pieces = { { 1, 0 }, { bk, k } },
		.start_mt = MIGRATE_MOVABLE,
		.got = bk,
		.block_mt_after = want_block_mt,
	};
	unsigned int j;

	c.want[c.nwant++] = (struct want_list){ 0, MIGRATE_MOVABLE, 2, { bk + 1, 1 } };
	for (j = 1; j < k; j++)
		c.want[c.nwant++] = (struct want_list){ j, MIGRATE_MOVABLE, 1,
							{ bk + (1UL << j) } };
	run_fallback(&c);
}

/* k = p/2 (4; 5 in the alternative build): 1 + 2^k pages moved, B kept. */
static void test_fallback_movable_steal(void **state)
{
	(void)state;
	fallback_movable_big(pageblock_order / 2, MIGRATE_UNMOVABLE);
}

/* k = p-1: 1 + 2^(p-1) pages moved, over half the block: B claimed. */
static void test_fallback_movable_claim(void **state)
{
	(void)state;
	fallback_movable_big(pageblock_order - 1, MIGRATE_MOVABLE);
}

/*
 * An UNMOVABLE request is more aggressive (4.0's 9c0415eb8cbf): B MOVABLE
 * with b+1 (order 0) and b+8 (order 3).  fallbacks[UNMOVABLE] =
 * RECLAIMABLE, MOVABLE: b+8 is the largest.  Order 3 < p/2, but the start
 * type is UNMOVABLE, so B's free pages move: b+1 to [0][UNMOVABLE], b+8
 * to [3][UNMOVABLE]; 9 pages < 2^(p-1), B stays MOVABLE.  b+8 is split:
 * b+12 (2), b+10 (1), b+9 (0) on UNMOVABLE's lists, so
 * [0][UNMOVABLE] = b+9, b+1.
 */
static void test_fallback_unmovable_small(void **state)
{
	static const struct fallback_case c = {
		.block_mt = MIGRATE_MOVABLE,
		.pieces = { { 1, 0 }, { 8, 3 } },
		.start_mt = MIGRATE_UNMOVABLE,
		.got = 8,
		.block_mt_after = MIGRATE_MOVABLE,
		.nwant = 3,
		.want = {
			{ 0, MIGRATE_UNMOVABLE, 2, { 9, 1 } },
			{ 1, MIGRATE_UNMOVABLE, 1, { 10 } },
			{ 2, MIGRATE_UNMOVABLE, 1, { 12 } },
		},
	};

	(void)state;
	run_fallback(&c);
}

/* ---- zone fallback, watermarks, lowmem_reserve ---- */

struct held {
	struct page *page;
	unsigned int order;
};

static struct held *held;
static size_t nheld, held_cap;

static void hold(struct page *page, unsigned int order)
{
	if (nheld == held_cap) {
		held_cap = held_cap ? held_cap * 2 : 1024;
		held = realloc(held, held_cap * sizeof(*held));
		assert_non_null(held);
	}
	held[nheld].page = page;
	held[nheld].order = order;
	nheld++;
}

static void release_all(void)
{
	while (nheld) {
		nheld--;
		__free_pages(held[nheld].page, held[nheld].order);
	}
}

static void test_watermarks(void **state)
{
	struct zone *dma = zone_of(0, ZONE_DMA);
	struct zone *dma32 = zone_of(0, ZONE_DMA32);
	struct page *page;
	unsigned long free_dma;
	int o;

	(void)state;
	/* The boot-time figures follow the kernel's formulas. */
	/* init_per_zone_wmark_min() ran before any watermark was set. */
	assert_int_equal(min_free_kbytes,
			 (int)int_sqrt((dma->managed_pages + dma32->managed_pages) *
				       (PAGE_SIZE >> 10) * 16));
	assert_int_equal(dma->lowmem_reserve[ZONE_DMA32],
			 dma32->managed_pages / sysctl_lowmem_reserve_ratio[ZONE_DMA]);
	assert_int_equal(dma->lowmem_reserve[ZONE_DMA], 0);
	assert_int_equal(dma32->watermark[WMARK_LOW],
			 dma32->watermark[WMARK_MIN] + dma32->watermark[WMARK_MIN] / 4);
	assert_int_equal(dma32->watermark[WMARK_HIGH],
			 dma32->watermark[WMARK_MIN] + dma32->watermark[WMARK_MIN] / 2);
	{
		unsigned long pages_min = min_free_kbytes >> 2;
		unsigned long lowmem = dma->managed_pages + dma32->managed_pages;

		assert_int_equal(dma32->watermark[WMARK_MIN],
				 pages_min * dma32->managed_pages / lowmem);
		assert_int_equal(dma->watermark[WMARK_MIN],
				 pages_min * dma->managed_pages / lowmem);
	}

	/* zone_watermark_ok on its own. */
	assert_true(zone_watermark_ok(dma32, 0, low_wmark_pages(dma32), ZONE_DMA32, 0));
	assert_false(zone_watermark_ok(dma, 0,
				       zone_page_state(dma, NR_FREE_PAGES), ZONE_DMA, 0));

	/*
	 * Exhaust memory with GFP_KERNEL: big blocks first, then single
	 * pages.  The preferred zone is DMA32 (Normal is empty), so the
	 * classzone is DMA32 and DMA keeps lowmem_reserve[ZONE_DMA32] back
	 * from these requests.  The fair policy (4.0) takes from DMA too,
	 * in turn with DMA32, as long as DMA is above its low watermark plus
	 * that reserve; when the fast path fails, the slow path goes down to
	 * each zone's min watermark (plus the reserve for DMA).
	 */
	for (o = TOP_ORDER; o >= 0; o--)
		while ((page = alloc_pages(GFP_KERNEL | __GFP_NOWARN, o)))
			hold(page, o);
	/* DMA32 went down to its min watermark (order-0 refills of the pcp
	 * list take a batch past the check, so maybe a little below). */
	assert_true(zone_page_state(dma32, NR_FREE_PAGES) <= min_wmark_pages(dma32));
	/* DMA still holds its reserve (its pcp batch is 1: no overshoot)... */
	free_dma = zone_page_state(dma, NR_FREE_PAGES);
	assert_true(free_dma >= min_wmark_pages(dma) + dma->lowmem_reserve[ZONE_DMA32]);
	/* ...but gave pages to the DMA32-capable requests down to that. */
	assert_true(free_dma <= min_wmark_pages(dma) + dma->lowmem_reserve[ZONE_DMA32] +
		    (1UL << TOP_ORDER));

	/* A DMA request has classzone DMA: no reserve against it. */
	page = alloc_pages(GFP_DMA | __GFP_NOWARN, 0);
	assert_non_null(page);
	assert_int_equal(page_zonenum(page), ZONE_DMA);
	hold(page, 0);
	while ((page = alloc_pages(GFP_DMA | __GFP_NOWARN, 0)))
		hold(page, 0);
	free_dma = zone_page_state(dma, NR_FREE_PAGES);
	assert_true(free_dma <= low_wmark_pages(dma) + 1);
	assert_true(free_dma > 0);

	/* GFP_ATOMIC may dig below the min watermark (ALLOC_HIGH|HARDER)... */
	page = alloc_pages(GFP_ATOMIC | __GFP_DMA | __GFP_NOWARN, 0);
	assert_non_null(page);
	hold(page, 0);
	/* ...and a failing allocation warns unless __GFP_NOWARN. */
	klog_reset();
	while ((page = alloc_pages(GFP_ATOMIC | __GFP_DMA | __GFP_NOWARN, 0)))
		hold(page, 0);
	assert_null(alloc_pages(GFP_KERNEL, 3));
	assert_klog_has("page allocation failure: order:3");

	/* __GFP_NOFAIL cannot wait for reclaim here: it gets the reserves. */
	if (zone_page_state(dma, NR_FREE_PAGES) + zone_page_state(dma32, NR_FREE_PAGES)) {
		page = alloc_pages(GFP_KERNEL | __GFP_NOFAIL, 0);
		assert_non_null(page);
		hold(page, 0);
	}

	/* __GFP_MEMALLOC ignores watermarks altogether. */
	page = alloc_pages(GFP_DMA | __GFP_MEMALLOC | __GFP_NOWARN, 0);
	if (page)
		hold(page, 0);

	release_all();
	assert_invariants();
}

/* ---- compound pages ---- */

static void test_compound(void **state)
{
	struct page *page;
	int i;

	(void)state;
	page = alloc_pages(GFP_KERNEL | __GFP_COMP, 3);
	assert_non_null(page);
	assert_true(PageHead(page));
	assert_false(PageTail(page));
	assert_int_equal(compound_order(page), 3);
	assert_int_equal(page_count(page), 1);
	for (i = 1; i < 8; i++) {
		assert_true(PageTail(page + i));
		assert_ptr_equal(page[i].first_page, page);
		assert_ptr_equal(compound_head(page + i), page);
		assert_int_equal(page_count(page + i), 0);
	}
	/* get/put through a tail act on the head; the last put frees all. */
	get_page(page + 5);
	assert_int_equal(page_count(page), 2);
	put_page(page + 3);
	assert_int_equal(page_count(page), 1);
	put_page(page + 7);
	assert_false(PageHead(page));
	for (i = 1; i < 8; i++)
		assert_false(PageTail(page + i));
	assert_invariants();

	/* Without __GFP_COMP nothing is marked. */
	page = alloc_pages(GFP_KERNEL, 2);
	assert_false(PageCompound(page));
	assert_false(PageCompound(page + 1));
	__free_pages(page, 2);

	/* Freeing a compound page with the wrong order is a bad page. */
	page = alloc_pages(GFP_KERNEL | __GFP_COMP, 2);
	assert_non_null(page);
	klog_reset();
	__free_pages(page, 1);
	assert_klog_has("BUG: Bad page state in process refmm");
	assert_klog_has("wrong compound order");
	/* The page was not freed; free it properly to leave a clean zone. */
	prep_compound_page(page, 2);
	set_page_count(page, 1);
	__free_pages(page, 2);
}

/* ---- per-cpu lists ---- */

static void test_pcp(void **state)
{
	struct zone *zone = zone_of(0, ZONE_DMA32);
	struct per_cpu_pages *pcp0, *pcp1;
	struct page *pages[256];
	long free0;
	int i, batch, high;

	(void)state;
	drain_all_pages(NULL);
	pcp0 = &per_cpu_ptr(zone->pageset, 0)->pcp;
	pcp1 = &per_cpu_ptr(zone->pageset, 1)->pcp;
	batch = pcp0->batch;
	high = pcp0->high;
	/* 4.0's zone_batchsize(): managed/1024/4 -> 2^n - 1; high = 6 * batch. */
	{
		int b = zone->managed_pages / 1024;

		if (b * PAGE_SIZE > 512 * 1024)
			b = (512 * 1024) / PAGE_SIZE;
		b /= 4;
		if (b < 1)
			b = 1;
		b = rounddown_pow_of_two(b + b / 2) - 1;
		assert_int_equal(batch, b);
		assert_int_equal(high, 6 * b);
	}
	assert_int_equal(pcp0->count, 0);
	free0 = zone_page_state(zone, NR_FREE_PAGES);

	/* The first order-0 allocation pulls a batch onto the list. */
	pages[0] = alloc_page(GFP_HIGHUSER_MOVABLE);
	assert_non_null(pages[0]);
	assert_int_equal(pcp0->count, batch - 1);
	assert_int_equal(zone_page_state(zone, NR_FREE_PAGES), free0 - batch);
	assert_ptr_equal(page_zone(pages[0]), zone);
	/* Hot: a freed page is the next one handed out. */
	pages[1] = alloc_page(GFP_HIGHUSER_MOVABLE);
	__free_page(pages[1]);
	assert_ptr_equal(list_first_entry(&pcp0->lists[MIGRATE_MOVABLE],
					  struct page, lru), pages[1]);
	assert_ptr_equal(alloc_page(GFP_HIGHUSER_MOVABLE), pages[1]);

	for (i = 2; i < 256; i++) {
		pages[i] = alloc_page(GFP_HIGHUSER_MOVABLE);
		assert_non_null(pages[i]);
		assert_true(pcp0->count < batch);
	}

	/* Frees collect on the list until high, then a batch goes back. */
	drain_local_pages(zone);
	assert_int_equal(pcp0->count, 0);
	for (i = 0; i < high - 1; i++)
		__free_page(pages[i]);
	assert_int_equal(pcp0->count, high - 1);
	__free_page(pages[high - 1]);
	assert_int_equal(pcp0->count, high - batch);

	/* Another CPU has its own lists. */
	refmm_current_cpu = 1;
	__free_page(pages[high]);
	assert_int_equal(pcp1->count, 1);
	assert_int_equal(pcp0->count, high - batch);
	for (i = high + 1; i < 256; i++)
		__free_page(pages[i]);
	refmm_current_cpu = 0;
	assert_true(pcp1->count < high);
	assert_invariants();

	/* drain_all_pages() empties every CPU's lists into the buddy. */
	drain_all_pages(NULL);
	assert_int_equal(pcp0->count, 0);
	assert_int_equal(pcp1->count, 0);
	assert_int_equal(zone_page_state(zone, NR_FREE_PAGES), free0);

	/* __GFP_COLD takes from the tail. */
	pages[0] = alloc_page(GFP_HIGHUSER_MOVABLE);
	{
		struct page *tail = list_last_entry(&pcp0->lists[MIGRATE_MOVABLE],
						    struct page, lru);

		pages[1] = alloc_page(GFP_HIGHUSER_MOVABLE | __GFP_COLD);
		assert_ptr_equal(pages[1], tail);
	}
	__free_page(pages[0]);
	__free_page(pages[1]);
}

/* ---- NUMA-less node API ---- */

static void test_node_api(void **state)
{
	struct page *page;

	(void)state;
	page = alloc_pages_node(0, GFP_KERNEL | __GFP_THISNODE, 0);
	assert_non_null(page);
	assert_int_equal(page_to_nid(page), 0);
	__free_pages(page, 0);

	page = alloc_pages_node(-1, GFP_KERNEL, 1);
	assert_non_null(page);
	__free_pages(page, 1);

	klog_reset();
	assert_null(alloc_pages_node(3, GFP_KERNEL, 0));
	assert_klog_has("node 3 is not online");

	{
		void *p = alloc_pages_exact(5 * PAGE_SIZE, GFP_KERNEL);

		assert_non_null(p);
		assert_int_equal(page_count(virt_to_page(p)), 1);
		assert_int_equal(page_count(virt_to_page((char *)p + 4 * PAGE_SIZE)), 1);
		free_pages_exact(p, 5 * PAGE_SIZE);
	}
}

/* ---- bad requests ---- */

static void test_bad_order(void **state)
{
	char want[64];

	(void)state;
	klog_reset();
	assert_null(alloc_pages(GFP_KERNEL, MAX_ORDER));
	snprintf(want, sizeof(want), "order %d >= MAX_ORDER %d", MAX_ORDER, MAX_ORDER);
	assert_klog_has(want);
	assert_int_equal(__get_free_pages(GFP_KERNEL, MAX_ORDER + 5), 0);

	/* Freeing with an impossible order is refused, the page untouched. */
	{
		struct page *page = alloc_pages(GFP_KERNEL, 0);
		unsigned long nbad = nr_bad_pages;

		klog_reset();
		__free_pages(page, MAX_ORDER);
		assert_int_equal(nr_bad_pages, nbad + 1);
		assert_klog_has("BUG: Bad page state in process refmm  pfn:");
		assert_klog_has("order >= MAX_ORDER");
		assert_int_equal(page_count(page), 1);
		__free_pages(page, 0);
	}
}

static void test_double_free(void **state)
{
	struct page *page;
	char want[64];
	unsigned long nbad = nr_bad_pages;

	(void)state;
	/* Order 0: the page sits on a pcp list after the first free. */
	page = alloc_pages(GFP_KERNEL, 0);
	__free_pages(page, 0);
	klog_reset();
	__free_pages(page, 0);
	snprintf(want, sizeof(want), "BUG: Bad page state in process refmm  pfn:%05lx",
		 page_to_pfn(page));
	assert_klog_has(want);
	assert_klog_has("page:");
	assert_klog_has("count:0 mapcount:0");
	assert_klog_has("page dumped because: freeing a page with _count 0");
	assert_int_equal(nr_bad_pages, nbad + 1);
	assert_invariants();

	/*
	 * Higher order: back in the buddy lists, its head marked PageBuddy:
	 * _mapcount PAGE_BUDDY_MAPCOUNT_VALUE (-128), which dump_page() shows
	 * as mapcount -127 (page_mapcount() adds 1), and PG_buddy in the
	 * build that has the flag.
	 */
	drain_all_pages(NULL);
	page = alloc_pages(GFP_KERNEL, 3);
	__free_pages(page, 3);
	klog_reset();
	__free_pages(page, 3);
	assert_klog_has("BUG: Bad page state in process refmm");
	if (PageBuddy(page)) {
		assert_klog_has("double free: page is already free (PageBuddy)");
		assert_klog_has("count:0 mapcount:-127");
#ifdef CONFIG_REFMM_PG_BUDDY
		assert_klog_has("(buddy)");
#else
		if (strstr(klog, "buddy)"))
			fail_msg("4.0 has no PG_buddy flag, yet the log shows one:\n%s", klog);
#endif
	}
	assert_int_equal(nr_bad_pages, nbad + 2);
	assert_invariants();

	/* free_pages() of an address outside the direct map. */
	klog_reset();
	free_pages(0x1000, 0);
	assert_klog_has("not in the direct map");
	assert_invariants();
}

static void test_never_allocated(void **state)
{
	struct zone *zone = zone_of(0, ZONE_DMA32);
	struct page *head = NULL, *page;
	unsigned long nbad = nr_bad_pages;
	int o;

	(void)state;
	/* A page in the middle of a free block: count 0, not a head. */
	for (o = TOP_ORDER; o > 0 && !head; o--) {
		int mt;

		for (mt = 0; mt < MIGRATE_TYPES && !head; mt++)
			if (!list_empty(&zone->free_area[o].free_list[mt]))
				head = list_first_entry(&zone->free_area[o].free_list[mt],
							struct page, lru);
	}
	assert_non_null(head);
	klog_reset();
	__free_pages(head + 1, 0);
	assert_klog_has("BUG: Bad page state in process refmm");
	assert_klog_has("never allocated");
	assert_invariants();

	/* A reserved page (the node's own mem_map) was never the allocator's. */
	page = virt_to_page(NODE_DATA(0)->node_mem_map);
	assert_true(PageReserved(page));
	klog_reset();
	__free_pages(page, 0);
	assert_klog_has("BUG: Bad page state in process refmm");
	assert_klog_has("PAGE_FLAGS_CHECK_AT_FREE flag(s) set");
	assert_klog_has("bad because of flags:");
	assert_klog_has("reserved");
	assert_true(PageReserved(page));	/* refused: still reserved */
	set_page_count(page, 1);		/* undo put_page_testzero */

	/* A tail page of a compound page. */
	page = alloc_pages(GFP_KERNEL | __GFP_COMP, 2);
	klog_reset();
	__free_pages(page + 2, 0);
	assert_klog_has("freeing a tail page");
	__free_pages(page, 2);

	assert_true(nr_bad_pages >= nbad + 3);
	assert_true(tainted_mask & (1UL << TAINT_BAD_PAGE));
	assert_invariants();
}

/* ---- the invariant checker catches corruption ---- */

static void test_invariants_detect(void **state)
{
	struct zone *zone = zone_of(0, ZONE_DMA32);
	char msg[256];
	unsigned long saved;

	(void)state;
	assert_int_equal(refmm_check_invariants(msg, sizeof(msg)), 0);

	saved = zone->free_area[3].nr_free;
	zone->free_area[3].nr_free = saved + 1;
	assert_int_equal(refmm_check_invariants(msg, sizeof(msg)), -1);
	assert_non_null(strstr(msg, "nr_free"));
	zone->free_area[3].nr_free = saved;

	atomic_long_add(1, &zone->vm_stat[NR_FREE_PAGES]);
	atomic_long_add(1, &vm_stat[NR_FREE_PAGES]);
	assert_int_equal(refmm_check_invariants(msg, sizeof(msg)), -1);
	assert_non_null(strstr(msg, "NR_FREE_PAGES"));
	atomic_long_sub(1, &zone->vm_stat[NR_FREE_PAGES]);
	atomic_long_sub(1, &vm_stat[NR_FREE_PAGES]);

	assert_int_equal(refmm_check_invariants(msg, sizeof(msg)), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_fallback_migratetype, check_clean),
		cmocka_unit_test_teardown(test_fallback_movable_small, check_clean),
		cmocka_unit_test_teardown(test_fallback_movable_steal, check_clean),
		cmocka_unit_test_teardown(test_fallback_movable_claim, check_clean),
		cmocka_unit_test_teardown(test_fallback_unmovable_small, check_clean),
		cmocka_unit_test_teardown(test_expand, check_clean),
		cmocka_unit_test_teardown(test_merge, check_clean),
		cmocka_unit_test_teardown(test_gfp_zone, check_clean),
		cmocka_unit_test_teardown(test_watermarks, check_clean),
		cmocka_unit_test_teardown(test_compound, check_clean),
		cmocka_unit_test_teardown(test_pcp, check_clean),
		cmocka_unit_test_teardown(test_node_api, check_clean),
		cmocka_unit_test_teardown(test_bad_order, check_clean),
		cmocka_unit_test_teardown(test_double_free, check_clean),
		cmocka_unit_test_teardown(test_never_allocated, check_clean),
		cmocka_unit_test_teardown(test_invariants_detect, check_clean),
	};

	return cmocka_run_group_tests_name("refmm buddy allocator", tests,
					   group_setup, NULL);
}
