// SPDX-License-Identifier: GPL-2.0-only
/*
 * page_alloc.c - the zoned buddy allocator (mm/page_alloc.c, Linux 4.0).
 *
 * Each zone keeps free memory as blocks of 2^order pages, order 0 to
 * MAX_ORDER-1, aligned to their size.  free_area[order].free_list[mt]
 * links the first page of each free block of that order whose pageblock
 * was of migratetype mt when it was freed; the first page has _mapcount =
 * PAGE_BUDDY_MAPCOUNT_VALUE (PageBuddy(); 4.0 has no PG_buddy flag) and
 * page_private = order.
 *
 * Allocating (__rmqueue_smallest) takes the smallest block of at least the
 * requested order and splits it (expand), putting the unused upper halves
 * back on the lower orders' lists.  When a migratetype's lists are empty,
 * __rmqueue_fallback steals the largest block of another type, taking the
 * whole pageblock when it is big enough to be worth it, so that unmovable
 * allocations stay clustered.  MIGRATE_RESERVE blocks near each zone's
 * start are used last of all.
 *
 * Freeing (__free_one_page) merges a block with its buddy - the block of
 * the same order whose pfn differs in bit "order" - for as long as that
 * buddy is free and whole, then puts the result on its list.
 *
 * Order-0 pages go through per-CPU lists (zone->pageset: pcp->lists[mt],
 * count, high, batch): freeing adds to the current CPU's list and returns
 * "batch" pages to the buddy lists once "high" is reached; allocating
 * refills "batch" pages at a time.  drain_all_pages() empties them.
 *
 * Zones are tried in zonelist order (Normal, DMA32, DMA, then other nodes)
 * and a zone is used only when its free pages stay above the watermark
 * plus lowmem_reserve[classzone]: memory a lower zone keeps back from
 * allocations that could have used a higher zone.  The fair zone
 * allocation policy spreads the fast path's allocations over the local
 * node's zones: each zone serves NR_ALLOC_BATCH pages (high - low
 * watermark) in turn, and when every batch is used up they are all reset.
 *
 * Locking (as in the kernel; refmm is single-threaded and checks):
 *	zone->lock	free_area[], nr_free, pageblock_flags, NR_FREE_PAGES
 *	irqs off	the current CPU's per_cpu_pages
 */
#include <string.h>

#include <linux/bootmem.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/mmdebug.h>
#include <linux/vmstat.h>
#include <linux/sched.h>
#include <linux/vmalloc.h>
#include <asm/thread_info.h>
#include <refmm/machine.h>

#include "internal.h"

struct pglist_data *node_data[MAX_NUMNODES] __kdata;
struct page *mem_map __kdata;
unsigned long totalram_pages __kdata;
unsigned long totalreserve_pages __kdata;
unsigned long dirty_balance_reserve __kdata;
unsigned long max_mapnr __kdata;
unsigned long nr_kernel_pages __kdata;
unsigned long nr_all_pages __kdata;
int page_group_by_mobility_disabled __kdata;
gfp_t gfp_allowed_mask __kdata = GFP_BOOT_MASK;
int min_free_kbytes __kdata = 1024;
int user_min_free_kbytes __kdata = -1;
int percpu_pagelist_fraction __kdata;
unsigned long dma_reserve __kdata;

/*
 * results with 256, 32 in the lowmem_reserve sysctl:
 *	1G machine -> (16M dma, 800M-16M normal, 1G-800M high)
 *	1G machine -> (16M dma, 784M normal, 224M high)
 *	NORMAL allocation will leave 784M/256 of ram reserved in the ZONE_DMA
 *	HIGHMEM allocation will leave 224M/32 of ram reserved in ZONE_NORMAL
 *	HIGHMEM allocation will leave (224M+784M)/256 of ram reserved in ZONE_DMA
 */
int sysctl_lowmem_reserve_ratio[MAX_NR_ZONES - 1] __kdata = {
	[ZONE_DMA] = 256,
	[ZONE_DMA32] = 256,
	[ZONE_NORMAL] = 32,
};

/* Names in the image, so that zone->name is readable in a dump. */
static char zone_name_dma[] __kdata = "DMA";
static char zone_name_dma32[] __kdata = "DMA32";
static char zone_name_normal[] __kdata = "Normal";
static char zone_name_movable[] __kdata = "Movable";

char *zone_names[MAX_NR_ZONES] __kdata = {
	[ZONE_DMA] = zone_name_dma,
	[ZONE_DMA32] = zone_name_dma32,
	[ZONE_NORMAL] = zone_name_normal,
	[ZONE_MOVABLE] = zone_name_movable,
};

/*
 * Structure for holding the mostly immutable allocation parameters passed
 * between alloc_pages* family of functions.
 */
struct alloc_context {
	struct zonelist *zonelist;
	nodemask_t *nodemask;
	struct zone *preferred_zone;
	int classzone_idx;
	int migratetype;
	enum zone_type high_zoneidx;
};

/*
 * This array describes the order lists are fallen back to when
 * the free lists for the desirable migrate type are depleted
 */
static const int fallbacks[MIGRATE_TYPES][4] = {
	[MIGRATE_UNMOVABLE]   = { MIGRATE_RECLAIMABLE, MIGRATE_MOVABLE,     MIGRATE_RESERVE },
	[MIGRATE_RECLAIMABLE] = { MIGRATE_UNMOVABLE,   MIGRATE_MOVABLE,     MIGRATE_RESERVE },
	[MIGRATE_MOVABLE]     = { MIGRATE_RECLAIMABLE, MIGRATE_UNMOVABLE,   MIGRATE_RESERVE },
	[MIGRATE_RESERVE]     = { MIGRATE_RESERVE }, /* Never used */
	[MIGRATE_ISOLATE]     = { MIGRATE_RESERVE }, /* Never used */
};

/* Reports of bad pages so far (tests and the dump writers read it). */
unsigned long nr_bad_pages __kdata;

/* ------------------------------------------------------------------ */
/* pageblock flags                                                     */

#ifdef CONFIG_HUGETLB_PAGE_SIZE_VARIABLE
unsigned int pageblock_order __kdata;

/* Initialise the number of pages represented by NR_PAGEBLOCK_BITS */
static void set_pageblock_order(void)
{
	unsigned int order;

	/* Check that pageblock_nr_pages has not already been setup */
	if (pageblock_order)
		return;

	if (HPAGE_SHIFT > PAGE_SHIFT)
		order = HUGETLB_PAGE_ORDER;
	else
		order = MAX_ORDER - 1;

	/*
	 * Assume the largest contiguous order of interest is a huge page.
	 * This value may be variable depending on boot parameters on IA64
	 * and powerpc.
	 */
	pageblock_order = order;
}
#else
/*
 * When CONFIG_HUGETLB_PAGE_SIZE_VARIABLE is not set, set_pageblock_order()
 * is unused as pageblock_order is set at compile-time.
 */
static inline void set_pageblock_order(void)
{
}
#endif

static inline unsigned long *get_pageblock_bitmap(struct zone *zone,
						  unsigned long pfn)
{
	(void)pfn;
	return zone->pageblock_flags;
}

static inline int pfn_to_bitidx(struct zone *zone, unsigned long pfn)
{
	pfn = pfn - round_down(zone->zone_start_pfn, pageblock_nr_pages);
	return (pfn >> pageblock_order) * NR_PAGEBLOCK_BITS;
}

/**
 * get_pfnblock_flags_mask - Return the requested group of flags for the
 * pageblock_nr_pages block of pages
 * @page: The page within the block of interest
 * @pfn: The target page frame number
 * @end_bitidx: The last bit of interest to retrieve
 * @mask: mask of bits that the caller is interested in
 */
unsigned long get_pfnblock_flags_mask(struct page *page, unsigned long pfn,
				      unsigned long end_bitidx,
				      unsigned long mask)
{
	struct zone *zone = page_zone(page);
	unsigned long *bitmap = get_pageblock_bitmap(zone, pfn);
	unsigned long bitidx, word_bitidx, word;

	bitidx = pfn_to_bitidx(zone, pfn);
	word_bitidx = bitidx / BITS_PER_LONG;
	bitidx &= (BITS_PER_LONG - 1);

	word = bitmap[word_bitidx];
	bitidx += end_bitidx;
	return (word >> (BITS_PER_LONG - bitidx - 1)) & mask;
}

/**
 * set_pfnblock_flags_mask - Set the requested group of flags for a
 * pageblock_nr_pages block of pages
 * @page: The page within the block of interest
 * @flags: The flags to set
 * @pfn: The target page frame number
 * @end_bitidx: The last bit of interest
 * @mask: mask of bits that the caller is interested in
 */
void set_pfnblock_flags_mask(struct page *page, unsigned long flags,
			     unsigned long pfn, unsigned long end_bitidx,
			     unsigned long mask)
{
	struct zone *zone = page_zone(page);
	unsigned long *bitmap = get_pageblock_bitmap(zone, pfn);
	unsigned long bitidx, word_bitidx;

	bitidx = pfn_to_bitidx(zone, pfn);
	word_bitidx = bitidx / BITS_PER_LONG;
	bitidx &= (BITS_PER_LONG - 1);

	VM_BUG_ON_PAGE(!zone_spans_pfn(zone, pfn), page);

	bitidx += end_bitidx;
	mask <<= (BITS_PER_LONG - bitidx - 1);
	flags <<= (BITS_PER_LONG - bitidx - 1);

	bitmap[word_bitidx] = (bitmap[word_bitidx] & ~mask) | flags;
}

void set_pageblock_migratetype(struct page *page, int migratetype)
{
	if (unlikely(page_group_by_mobility_disabled &&
		     migratetype < MIGRATE_PCPTYPES))
		migratetype = MIGRATE_UNMOVABLE;

	set_pfnblock_flags_mask(page, (unsigned long)migratetype,
				page_to_pfn(page), PB_migrate_end,
				MIGRATETYPE_MASK);
}

/* ------------------------------------------------------------------ */
/* bad pages                                                           */

/*
 * Report a page in a state it must not be in, as the kernel does, and
 * taint.  Unlike the kernel, leave the page's fields alone: a double free
 * reaches here with the page still on a free list, and refmm must go on
 * running with consistent lists.  The page is not freed (leaked), which
 * is what the kernel does too.
 */
void bad_page(struct page *page, const char *reason, unsigned long bad_flags)
{
	printk(KERN_ALERT "BUG: Bad page state in process %s  pfn:%05lx\n",
	       "refmm", page_to_pfn(page));
	dump_page_badflags(page, reason, bad_flags);
	printk(KERN_ALERT "CPU: %d PID: 0 Comm: refmm Tainted: G    B\n",
	       smp_processor_id());
	nr_bad_pages++;
	add_taint(TAINT_BAD_PAGE);
}

/* ------------------------------------------------------------------ */
/* compound pages                                                      */

static void free_compound_page(struct page *page)
{
	__free_pages_ok(page, compound_order(page));
}

void prep_compound_page(struct page *page, unsigned long order)
{
	int i;
	int nr_pages = 1 << order;

	set_compound_page_dtor(page, free_compound_page);
	set_compound_order(page, order);
	__SetPageHead(page);
	for (i = 1; i < nr_pages; i++) {
		struct page *p = page + i;

		set_page_count(p, 0);
		p->first_page = page;
		/* Make sure p->first_page is always valid for PageTail() */
		smp_wmb();
		__SetPageTail(p);
	}
}

/* update __split_huge_page_refcount if you change this function */
static int destroy_compound_page(struct page *page, unsigned long order)
{
	int i;
	int nr_pages = 1 << order;
	int bad = 0;

	if (unlikely(compound_order(page) != (int)order)) {
		bad_page(page, "wrong compound order", 0);
		bad++;
	}

	__ClearPageHead(page);

	for (i = 1; i < nr_pages; i++) {
		struct page *p = page + i;

		if (unlikely(!PageTail(p))) {
			bad_page(page, "PageTail not set", 0);
			bad++;
		} else if (unlikely(p->first_page != page)) {
			bad_page(page, "first_page not consistent", 0);
			bad++;
		}
		__ClearPageTail(p);
	}

	return bad;
}

void get_page(struct page *page)
{
	page = compound_head(page);
	VM_BUG_ON_PAGE(atomic_read(&page->_count) <= 0, page);
	atomic_inc(&page->_count);
}

void put_page(struct page *page)
{
	page = compound_head(page);
	if (put_page_testzero(page)) {
		if (PageHead(page))
			(*get_compound_page_dtor(page))(page);
		else {
			/* 4.0's __put_single_page(): off the LRU first */
			__page_cache_release(page);
			free_hot_cold_page(page, false);
		}
	}
}

/* ------------------------------------------------------------------ */
/* the buddy lists                                                     */

static inline void set_page_order(struct page *page, unsigned int order)
{
	set_page_private(page, order);
	__SetPageBuddy(page);
}

static inline void rmv_page_order(struct page *page)
{
	__ClearPageBuddy(page);
	set_page_private(page, 0);
}

/*
 * Locate the struct page for both the matching buddy in our
 * pair (buddy1) and the combined O(n+1) page they form (page).
 *
 * 1) Any buddy B1 will have an order O twin B2 which satisfies
 * the following equation:
 *     B2 = B1 ^ (1 << O)
 * For example, if the starting buddy (buddy2) is #8 its order
 * 1 buddy is #10:
 *     B2 = 8 ^ (1 << 1) = 8 ^ 2 = 10
 *
 * 2) Any buddy B will have an order O+1 parent P which
 * satisfies the following equation:
 *     P = B & ~(1 << O)
 *
 * Assumption: *_mem_map is contiguous at least up to MAX_ORDER
 * (refmm's node mem_maps are allocated MAX_ORDER-aligned at both ends,
 * as alloc_node_mem_map() requires, and bootmem zeroes the struct pages
 * outside the zones, so such a page is never PageBuddy.)
 */
static inline unsigned long
__find_buddy_index(unsigned long page_idx, unsigned int order)
{
	return page_idx ^ (1 << order);
}

/*
 * This function checks whether a page is free && is the buddy
 * we can do coalesce a page and its buddy if
 * (a) the buddy is not in a hole &&
 * (b) the buddy is in the buddy system &&
 * (c) a page and its buddy have the same order &&
 * (d) a page and its buddy are in the same zone.
 *
 * For recording whether a page is in the buddy system, we set ->_mapcount
 * PAGE_BUDDY_MAPCOUNT_VALUE.
 * Setting, clearing, and testing _mapcount PAGE_BUDDY_MAPCOUNT_VALUE is
 * serialized by zone->lock.
 *
 * (a) is pfn_valid_within(), which is always true without
 * CONFIG_HOLES_IN_ZONE (x86-64); refmm has no CONFIG_DEBUG_PAGEALLOC
 * guard pages either.
 */
static inline int page_is_buddy(struct page *page, struct page *buddy,
				unsigned int order)
{
	if (PageBuddy(buddy) && page_order(buddy) == order) {
		/*
		 * zone check is done late to avoid uselessly
		 * calculating zone/node ids for pages that could
		 * never merge.
		 */
		if (page_zone_id(page) != page_zone_id(buddy))
			return 0;

		VM_BUG_ON_PAGE(page_count(buddy) != 0, buddy);

		return 1;
	}
	return 0;
}

/*
 * Freeing function for a buddy system allocator.
 *
 * The concept of a buddy system is to maintain direct-mapped table
 * (containing bit values) for memory blocks of various "orders".
 * The bottom level table contains the map for the smallest allocatable
 * units of memory (here, pages), and each level above it describes
 * pairs of units from the levels below, hence, "buddies".
 * At a high level, all that happens here is marking the table entry
 * at the bottom level available, and propagating the changes upward
 * as necessary, plus some accounting needed to play nicely with other
 * parts of the VM system.
 * At each level, we keep a list of pages, which are heads of continuous
 * free pages of length of (1 << order) and marked with _mapcount
 * PAGE_BUDDY_MAPCOUNT_VALUE.  Page's order is recorded in
 * page_private(page) field.
 * So when we are allocating or freeing one, we can derive the state of
 * the other.  That is, if we allocate a small block, and both were
 * free, the remainder of the region must be split into blocks.
 * If a block is freed, and its buddy is also free, then this
 * triggers coalescing into a block of larger size.
 *
 * Caller holds zone->lock.
 */
void __free_one_page(struct page *page, unsigned long pfn, struct zone *zone,
		     unsigned int order, int migratetype)
{
	unsigned long page_idx;
	unsigned long combined_idx;
	unsigned long buddy_idx;
	struct page *buddy;
	int max_order = MAX_ORDER;

	lockdep_assert_held(&zone->lock);
	VM_BUG_ON_PAGE(page->flags & PAGE_FLAGS_CHECK_AT_PREP, page);

	VM_BUG_ON(migratetype < 0 || migratetype >= MIGRATE_TYPES);
	if (is_migrate_isolate(migratetype)) {
		/*
		 * We restrict max order of merging to prevent merge
		 * between freepages on isolate pageblock and normal
		 * pageblock. Without this, pageblock isolation
		 * could cause incorrect freepage accounting.
		 */
		max_order = min(MAX_ORDER, pageblock_order + 1);
	} else {
		__mod_zone_freepage_state(zone, 1 << order, migratetype);
	}

	page_idx = pfn & ((1 << max_order) - 1);

	VM_BUG_ON_PAGE(page_idx & ((1 << order) - 1), page);
	VM_BUG_ON_PAGE(!zone_spans_pfn(zone, pfn), page);

	/* 4.0 leaves it uninitialized for a block already of max_order - 1 */
	buddy_idx = __find_buddy_index(page_idx, order);
	while (order < (unsigned int)max_order - 1) {
		buddy_idx = __find_buddy_index(page_idx, order);
		buddy = page + (buddy_idx - page_idx);
		if (!page_is_buddy(page, buddy, order))
			break;
		/* Our buddy is free, merge with it and move up one order. */
		list_del(&buddy->lru);
		zone->free_area[order].nr_free--;
		rmv_page_order(buddy);
		combined_idx = buddy_idx & page_idx;
		page = page + (combined_idx - page_idx);
		page_idx = combined_idx;
		order++;
	}
	set_page_order(page, order);

	/*
	 * If this is not the largest possible page, check if the buddy
	 * of the next-highest order is free. If it is, it's possible
	 * that pages are being freed that will coalesce soon. In case,
	 * that is happening, add the free page to the tail of the list
	 * so it's less likely to be used soon and more likely to be merged
	 * as a higher order page
	 */
	if (order < MAX_ORDER - 2) {
		struct page *higher_page, *higher_buddy;

		/*
		 * buddy_idx is the buddy the loop last looked at, of this
		 * order (it stopped there): their parent is at combined_idx.
		 */
		combined_idx = buddy_idx & page_idx;
		higher_page = page + (combined_idx - page_idx);
		buddy_idx = __find_buddy_index(combined_idx, order + 1);
		higher_buddy = higher_page + (buddy_idx - combined_idx);
		if (page_is_buddy(higher_page, higher_buddy, order + 1)) {
			list_add_tail(&page->lru,
				&zone->free_area[order].free_list[migratetype]);
			goto out;
		}
	}

	list_add(&page->lru, &zone->free_area[order].free_list[migratetype]);
out:
	zone->free_area[order].nr_free++;
}

static inline int free_pages_check(struct page *page)
{
	const char *bad_reason = NULL;
	unsigned long bad_flags = 0;

	if (unlikely(page_mapcount(page)))
		bad_reason = "nonzero mapcount";
	if (unlikely(page->mapping != NULL))
		bad_reason = "non-NULL mapping";
	if (unlikely(atomic_read(&page->_count) != 0))
		bad_reason = "nonzero _count";
	if (unlikely(page->flags & PAGE_FLAGS_CHECK_AT_FREE)) {
		bad_reason = "PAGE_FLAGS_CHECK_AT_FREE flag(s) set";
		bad_flags = PAGE_FLAGS_CHECK_AT_FREE;
	}
	if (unlikely(bad_reason)) {
		bad_page(page, bad_reason, bad_flags);
		return 1;
	}
	if (page->flags & PAGE_FLAGS_CHECK_AT_PREP)
		page->flags &= ~PAGE_FLAGS_CHECK_AT_PREP;
	return 0;
}

/*
 * Frees a number of pages from the PCP lists
 * Assumes all pages on list are in same zone, and of same order.
 * count is the number of pages to free.
 *
 * If the zone was previously in an "all pages pinned" state then look to
 * see if this freeing clears that state.
 *
 * And clear the zone's pages_scanned counter, to hold off the "all pages
 * are pinned" detection logic.
 */
static void free_pcppages_bulk(struct zone *zone, int count,
			       struct per_cpu_pages *pcp)
{
	int migratetype = 0;
	int batch_free = 0;
	int to_free = count;
	unsigned long nr_scanned;

	VM_BUG_ON(count > pcp->count);
	spin_lock(&zone->lock);
	nr_scanned = zone_page_state(zone, NR_PAGES_SCANNED);
	if (nr_scanned)
		__mod_zone_page_state(zone, NR_PAGES_SCANNED, -(long)nr_scanned);

	while (to_free) {
		struct page *page;
		struct list_head *list;

		/*
		 * Remove pages from lists in a round-robin fashion.  A
		 * batch_free count is maintained that is incremented when an
		 * empty list is encountered.  This is so more pages are freed
		 * off fuller lists instead of spinning excessively around empty
		 * lists
		 */
		do {
			batch_free++;
			if (++migratetype == MIGRATE_PCPTYPES)
				migratetype = 0;
			list = &pcp->lists[migratetype];
		} while (list_empty(list));

		/* This is the only non-empty list. Free them all. */
		if (batch_free == MIGRATE_PCPTYPES)
			batch_free = to_free;

		do {
			int mt;	/* migratetype of the to-be-freed page */

			page = list_entry(list->prev, struct page, lru);
			/* must delete as __free_one_page list manipulates */
			list_del(&page->lru);
			mt = get_freepage_migratetype(page);
			/* MIGRATE_MOVABLE list may include MIGRATE_RESERVEs */
			__free_one_page(page, page_to_pfn(page), zone, 0, mt);
		} while (--to_free && --batch_free && !list_empty(list));
	}
	spin_unlock(&zone->lock);
}

static void free_one_page(struct zone *zone, struct page *page,
			  unsigned long pfn, unsigned int order,
			  int migratetype)
{
	unsigned long nr_scanned;

	spin_lock(&zone->lock);
	nr_scanned = zone_page_state(zone, NR_PAGES_SCANNED);
	if (nr_scanned)
		__mod_zone_page_state(zone, NR_PAGES_SCANNED, -(long)nr_scanned);

	if (unlikely(is_migrate_isolate(migratetype)))
		migratetype = get_pfnblock_migratetype(page, pfn);
	__free_one_page(page, pfn, zone, order, migratetype);
	spin_unlock(&zone->lock);
}

static bool free_pages_prepare(struct page *page, unsigned int order)
{
	int i;
	int bad = 0;

	VM_BUG_ON_PAGE(PageTail(page), page);

	/* An anonymous page still points to its anon_vma: forget it. */
	if (PageAnon(page))
		page->mapping = NULL;
	/* Compound pages are torn down first: their tails carry PG_tail. */
	if (PageHead(page))
		bad += destroy_compound_page(page, order);

	for (i = 0; i < (1 << order); i++)
		bad += free_pages_check(page + i);
	if (bad)
		return false;
	return true;
}

void __free_pages_ok(struct page *page, unsigned int order)
{
	unsigned long flags;
	int migratetype;
	unsigned long pfn = page_to_pfn(page);

	if (!free_pages_prepare(page, order))
		return;

	migratetype = get_pfnblock_migratetype(page, pfn);
	local_irq_save(flags);
	set_freepage_migratetype(page, migratetype);
	free_one_page(page_zone(page), page, pfn, order, migratetype);
	local_irq_restore(flags);
}

/* Hand a range bootmem kept to the buddy allocator (free_all_bootmem). */
void __free_pages_bootmem(struct page *page, unsigned int order)
{
	unsigned int nr_pages = 1 << order;
	struct page *p = page;
	unsigned int loop;

	for (loop = 0; loop < (nr_pages - 1); loop++, p++) {
		__ClearPageReserved(p);
		set_page_count(p, 0);
	}
	__ClearPageReserved(p);
	set_page_count(p, 0);

	page_zone(page)->managed_pages += nr_pages;
	set_page_refcounted(page);
	__free_pages(page, order);
}

/*
 * The order of subdivision here is critical for the IO subsystem.
 * Please do not alter this order without good reasons and regression
 * testing.  Specifically, as large blocks of memory are subdivided,
 * the order in which smaller blocks are delivered depends on the order
 * they're subdivided in this function.  This is the primary factor
 * influencing the order in which pages are delivered to the IO
 * subsystem according to empirical testing, and this is also justified
 * by considering the behavior of a buddy system containing a single
 * large block of memory acted on by a series of small allocations.
 * This behavior is a critical factor in sglist merging's success.
 *
 * -- nyc
 */
void expand(struct zone *zone, struct page *page, int low, int high,
	    struct free_area *area, int migratetype)
{
	unsigned long size = 1 << high;

	while (high > low) {
		area--;
		high--;
		size >>= 1;
		VM_BUG_ON_PAGE(!zone_spans_pfn(zone, page_to_pfn(&page[size])),
			       &page[size]);
		list_add(&page[size].lru, &area->free_list[migratetype]);
		area->nr_free++;
		set_page_order(&page[size], high);
	}
}

/*
 * This page is about to be returned from the page allocator
 */
static inline int check_new_page(struct page *page)
{
	const char *bad_reason = NULL;
	unsigned long bad_flags = 0;

	if (unlikely(page_mapcount(page)))
		bad_reason = "nonzero mapcount";
	if (unlikely(page->mapping != NULL))
		bad_reason = "non-NULL mapping";
	if (unlikely(atomic_read(&page->_count) != 0))
		bad_reason = "nonzero _count";
	if (unlikely(page->flags & PAGE_FLAGS_CHECK_AT_PREP)) {
		bad_reason = "PAGE_FLAGS_CHECK_AT_PREP flag set";
		bad_flags = PAGE_FLAGS_CHECK_AT_PREP;
	}
	if (unlikely(bad_reason)) {
		bad_page(page, bad_reason, bad_flags);
		return 1;
	}
	return 0;
}

static int prep_new_page(struct page *page, unsigned int order, gfp_t gfp_flags,
			 int alloc_flags)
{
	int i;

	for (i = 0; i < (1 << order); i++) {
		struct page *p = page + i;

		if (unlikely(check_new_page(p)))
			return 1;
	}

	set_page_private(page, 0);
	set_page_refcounted(page);

	if (gfp_flags & __GFP_ZERO)
		memset(page_address(page), 0, PAGE_SIZE << order);

	if (order && (gfp_flags & __GFP_COMP))
		prep_compound_page(page, order);

	/*
	 * page->pfmemalloc is set when ALLOC_NO_WATERMARKS was necessary to
	 * allocate the page.  The expectation is that the caller is taking
	 * steps that will free more memory.  The caller should avoid the
	 * page being used for !PFMEMALLOC purposes.  (It shares its word
	 * with page->index, which held the free page's migratetype.)
	 */
	page->pfmemalloc = !!(alloc_flags & ALLOC_NO_WATERMARKS);

	return 0;
}

/*
 * Go through the free lists for the given migratetype and remove
 * the smallest available page from the freelists
 *
 * Caller holds zone->lock.
 */
struct page *__rmqueue_smallest(struct zone *zone, unsigned int order,
				int migratetype)
{
	unsigned int current_order;
	struct free_area *area;
	struct page *page;

	lockdep_assert_held(&zone->lock);

	/* Find a page of the appropriate size in the preferred list */
	for (current_order = order; current_order < MAX_ORDER; ++current_order) {
		area = &(zone->free_area[current_order]);
		if (list_empty(&area->free_list[migratetype]))
			continue;

		page = list_entry(area->free_list[migratetype].next,
				  struct page, lru);
		list_del(&page->lru);
		rmv_page_order(page);
		area->nr_free--;
		expand(zone, page, order, current_order, area, migratetype);
		set_freepage_migratetype(page, migratetype);
		return page;
	}

	return NULL;
}

/*
 * Move the free pages in a range to the free lists of the requested type.
 * Note that start_page and end_pages are not aligned on a pageblock
 * boundary.  If alignment is required, use move_freepages_block()
 */
int move_freepages(struct zone *zone, struct page *start_page,
		   struct page *end_page, int migratetype)
{
	struct page *page;
	unsigned int order;
	int pages_moved = 0;

	lockdep_assert_held(&zone->lock);

	for (page = start_page; page <= end_page;) {
		/* Make sure we are not inadvertently changing nodes */
		VM_BUG_ON_PAGE(page_to_nid(page) != zone_to_nid(zone), page);

		if (!PageBuddy(page)) {
			page++;
			continue;
		}

		order = page_order(page);
		list_move(&page->lru,
			  &zone->free_area[order].free_list[migratetype]);
		set_freepage_migratetype(page, migratetype);
		page += 1 << order;
		pages_moved += 1 << order;
	}

	return pages_moved;
}

int move_freepages_block(struct zone *zone, struct page *page,
			 int migratetype)
{
	unsigned long start_pfn, end_pfn;
	struct page *start_page, *end_page;

	start_pfn = page_to_pfn(page);
	start_pfn = start_pfn & ~(pageblock_nr_pages - 1);
	end_pfn = start_pfn + pageblock_nr_pages - 1;

	/* Do not cross zone boundaries */
	if (!zone_spans_pfn(zone, start_pfn))
		start_page = page;
	else
		start_page = page + ((long)start_pfn - (long)page_to_pfn(page));
	if (!zone_spans_pfn(zone, end_pfn))
		return 0;
	end_page = page + ((long)end_pfn - (long)page_to_pfn(page));

	return move_freepages(zone, start_page, end_page, migratetype);
}

static void change_pageblock_range(struct page *pageblock_page,
				   int start_order, int migratetype)
{
	int nr_pageblocks = 1 << (start_order - pageblock_order);

	while (nr_pageblocks--) {
		set_pageblock_migratetype(pageblock_page, migratetype);
		pageblock_page += pageblock_nr_pages;
	}
}

/*
 * When an allocation falls back to another migratetype, try to take the
 * other free pages of the same pageblock too, so that further allocations
 * of the start type come from this block instead of polluting others.
 *
 * A big buddy (at least half a pageblock's order) suggests the block is
 * mostly free, so its free pages are all moved; unmovable and reclaimable
 * allocations move them whatever the size, since those polluting movable
 * blocks fragment memory worse than movable pages in their blocks do.
 * When more than half the block was free, the pageblock changes type too.
 *
 * This is 4.0's version: it returns nothing, because since 4.0 the split
 * remainders always go to the start type (see __rmqueue_fallback); 3.19's
 * returned the type for them, and 4.1 splits the decision out into
 * can_steal_fallback()/steal_suitable_fallback().  Kernel commits:
 * 9c0415eb8cbf ("mm: more aggressive page stealing for UNMOVABLE
 * allocations") and 99592d598eca ("mm: always steal split buddies in
 * fallback allocations"), both v4.0-rc1.
 */
static void try_to_steal_freepages(struct zone *zone, struct page *page,
				   int start_type, int fallback_type)
{
	int current_order = page_order(page);

	(void)fallback_type;	/* 4.0 used it only for CMA, which refmm lacks */

	/*
	 * (int): pageblock_order is an unsigned variable where huge page
	 * sizes are variable, an int constant otherwise.
	 */
	/* Take ownership for orders >= pageblock_order */
	if (current_order >= (int)pageblock_order) {
		change_pageblock_range(page, current_order, start_type);
		return;
	}

	if (current_order >= (int)pageblock_order / 2 ||
	    start_type == MIGRATE_RECLAIMABLE ||
	    start_type == MIGRATE_UNMOVABLE ||
	    page_group_by_mobility_disabled) {
		int pages;

		pages = move_freepages_block(zone, page, start_type);

		/* Claim the whole block if over half of it is free */
		if (pages >= (1 << (pageblock_order - 1)) ||
		    page_group_by_mobility_disabled)
			set_pageblock_migratetype(page, start_type);
	}
}

/*
 * Remove an element from the buddy allocator from the fallback list.
 *
 * The largest free block of any fallback type is taken (orders from the
 * top down, fallback types in fallbacks[] order within an order), so that
 * a pageblock is stolen whole where possible rather than nibbled at.  The
 * block is split for the request and, as in 4.0, the split remainders go
 * on the start type's lists whether or not try_to_steal_freepages() took
 * the rest of the pageblock: the pages were taken out of the other type's
 * lists once already, so the next allocations of the start type use them
 * instead of splitting yet another block of the other type.  (A
 * MIGRATE_CMA fallback would keep its own type; refmm has no CMA.)
 *
 * Caller holds zone->lock.
 */
struct page *__rmqueue_fallback(struct zone *zone, unsigned int order,
				int start_migratetype)
{
	struct free_area *area;
	unsigned int current_order;
	struct page *page;

	lockdep_assert_held(&zone->lock);

	/* Find the largest possible block of pages in the other list */
	for (current_order = MAX_ORDER - 1;
	     current_order >= order && current_order <= MAX_ORDER - 1;
	     --current_order) {
		int i;

		for (i = 0;; i++) {
			int migratetype = fallbacks[start_migratetype][i];
			int buddy_type = start_migratetype;

			/* MIGRATE_RESERVE handled later if necessary */
			if (migratetype == MIGRATE_RESERVE)
				break;

			area = &(zone->free_area[current_order]);
			if (list_empty(&area->free_list[migratetype]))
				continue;

			page = list_entry(area->free_list[migratetype].next,
					  struct page, lru);
			area->nr_free--;

			try_to_steal_freepages(zone, page, start_migratetype,
					       migratetype);

			/* Remove the page from the freelists */
			list_del(&page->lru);
			rmv_page_order(page);

			expand(zone, page, order, current_order, area,
			       buddy_type);

			/*
			 * The freepage_migratetype may differ from the
			 * pageblock's migratetype, depending on what
			 * try_to_steal_freepages() decided.  A free page of
			 * the start type is what a pcp list or a later free
			 * of this page will put it back as.
			 */
			set_freepage_migratetype(page, buddy_type);
			return page;
		}
	}

	return NULL;
}

/*
 * Do the hard work of removing an element from the buddy allocator.
 * Call me with the zone->lock already held.
 */
static struct page *__rmqueue(struct zone *zone, unsigned int order,
			      int migratetype)
{
	struct page *page;

retry_reserve:
	page = __rmqueue_smallest(zone, order, migratetype);

	if (unlikely(!page) && migratetype != MIGRATE_RESERVE) {
		page = __rmqueue_fallback(zone, order, migratetype);

		/*
		 * Use MIGRATE_RESERVE rather than fail an allocation. goto
		 * is used because __rmqueue_smallest is an inline function
		 * and we want just one call site
		 */
		if (!page) {
			migratetype = MIGRATE_RESERVE;
			goto retry_reserve;
		}
	}

	return page;
}

/*
 * Obtain a specified number of elements from the buddy allocator, all under
 * a single hold of the lock, for efficiency.  Add them to the supplied list.
 * Returns the number of new pages which were placed at *list.
 */
static int rmqueue_bulk(struct zone *zone, unsigned int order,
			unsigned long count, struct list_head *list,
			int migratetype, bool cold)
{
	unsigned long i;

	spin_lock(&zone->lock);
	for (i = 0; i < count; ++i) {
		struct page *page = __rmqueue(zone, order, migratetype);

		if (unlikely(page == NULL))
			break;

		/*
		 * Split buddy pages returned by expand() are received here
		 * in physical page order.  The page is added to the callers and
		 * list and the list head then moves forward.  From the callers
		 * perspective, the linked list is ordered by page number in
		 * some conditions.  This is useful for IO devices that can
		 * merge IO requests if the physical pages are ordered
		 * properly.
		 */
		if (likely(!cold))
			list_add(&page->lru, list);
		else
			list_add_tail(&page->lru, list);
		list = &page->lru;
	}
	__mod_zone_page_state(zone, NR_FREE_PAGES, -(long)(i << order));
	spin_unlock(&zone->lock);
	return i;
}

/*
 * Drain pcplists of the indicated processor and zone.
 *
 * The processor must either be the current processor and the
 * thread pinned to the current processor or a processor that
 * is not online.
 */
static void drain_pages_zone(unsigned int cpu, struct zone *zone)
{
	unsigned long flags;
	struct per_cpu_pages *pcp;

	if (!zone->pageset)
		return;
	local_irq_save(flags);
	pcp = &per_cpu_ptr(zone->pageset, cpu)->pcp;
	if (pcp->count) {
		free_pcppages_bulk(zone, pcp->count, pcp);
		pcp->count = 0;
	}
	local_irq_restore(flags);
}

static void drain_pages(unsigned int cpu)
{
	struct zone *zone;

	for_each_populated_zone(zone)
		drain_pages_zone(cpu, zone);
}

/*
 * Spill all of this CPU's per-cpu pages back into the buddy allocator.
 * The CPU has to be pinned. When zone parameter is non-NULL, spill just
 * the single zone's pages.
 */
void drain_local_pages(struct zone *zone)
{
	int cpu = smp_processor_id();

	if (zone)
		drain_pages_zone(cpu, zone);
	else
		drain_pages(cpu);
}

/*
 * Spill all the per-cpu pages from all CPUs back into the buddy allocator.
 * When zone parameter is non-NULL, spill just the single zone's pages.
 * (The kernel sends IPIs to the CPUs with pages; here every CPU's lists
 * are simply drained in turn.)
 */
void drain_all_pages(struct zone *zone)
{
	int cpu;

	for_each_online_cpu(cpu) {
		if (zone)
			drain_pages_zone(cpu, zone);
		else
			drain_pages(cpu);
	}
}

void drain_zone_pages(struct zone *zone, struct per_cpu_pages *pcp)
{
	unsigned long flags;
	int to_drain, batch;

	local_irq_save(flags);
	batch = ACCESS_ONCE(pcp->batch);
	to_drain = min(pcp->count, batch);
	if (to_drain > 0) {
		free_pcppages_bulk(zone, to_drain, pcp);
		pcp->count -= to_drain;
	}
	local_irq_restore(flags);
}

/*
 * Free a 0-order page
 * cold == true ? free a cold page : free a hot page
 */
void free_hot_cold_page(struct page *page, bool cold)
{
	struct zone *zone = page_zone(page);
	struct per_cpu_pages *pcp;
	unsigned long flags;
	unsigned long pfn = page_to_pfn(page);
	int migratetype;

	if (!free_pages_prepare(page, 0))
		return;

	migratetype = get_pfnblock_migratetype(page, pfn);
	set_freepage_migratetype(page, migratetype);
	local_irq_save(flags);

	/*
	 * Until setup_per_cpu_pageset() the zone has no pcp lists (the
	 * kernel's boot_pageset has high 0): free straight to the buddy.
	 */
	if (unlikely(!zone->pageset)) {
		free_one_page(zone, page, pfn, 0, migratetype);
		goto out;
	}

	/*
	 * We only track unmovable, reclaimable and movable on pcp lists.
	 * Free ISOLATE pages back to the allocator because they are being
	 * offlined but treat RESERVE as movable pages so we can get those
	 * areas back if necessary.  Otherwise, we may have to free
	 * excessively into the page allocator
	 */
	if (migratetype >= MIGRATE_PCPTYPES) {
		if (unlikely(is_migrate_isolate(migratetype))) {
			free_one_page(zone, page, pfn, 0, migratetype);
			goto out;
		}
		migratetype = MIGRATE_MOVABLE;
	}

	pcp = &this_cpu_ptr(zone->pageset)->pcp;
	if (!cold)
		list_add(&page->lru, &pcp->lists[migratetype]);
	else
		list_add_tail(&page->lru, &pcp->lists[migratetype]);
	pcp->count++;
	if (pcp->count >= pcp->high) {
		int batch = ACCESS_ONCE(pcp->batch);

		free_pcppages_bulk(zone, batch, pcp);
		pcp->count -= batch;
	}

out:
	local_irq_restore(flags);
}

/*
 * Free a list of 0-order pages
 */
void free_hot_cold_page_list(struct list_head *list, bool cold)
{
	struct page *page, *next;

	list_for_each_entry_safe(page, next, list, lru)
		free_hot_cold_page(page, cold);
}

/*
 * split_page takes a non-compound higher-order page, and splits it into
 * n (1<<order) sub-pages: page[0..n]
 * Each sub-page must be freed individually.
 */
void split_page(struct page *page, unsigned int order)
{
	unsigned int i;

	VM_BUG_ON_PAGE(PageCompound(page), page);
	VM_BUG_ON_PAGE(!page_count(page), page);

	for (i = 1; i < (1U << order); i++)
		set_page_refcounted(page + i);
}

/*
 * Really, prep_compound_page() should be called from __rmqueue_bulk().  But
 * we cheat by calling it from here, in the order > 0 path.  Saves a branch
 * or two.
 */
static struct page *buffered_rmqueue(struct zone *preferred_zone,
				     struct zone *zone, unsigned int order,
				     gfp_t gfp_flags, int migratetype)
{
	unsigned long flags;
	struct page *page;
	bool cold = ((gfp_flags & __GFP_COLD) != 0);

	if (likely(order == 0) && zone->pageset) {
		struct per_cpu_pages *pcp;
		struct list_head *list;

		local_irq_save(flags);
		pcp = &this_cpu_ptr(zone->pageset)->pcp;
		list = &pcp->lists[migratetype];
		if (list_empty(list)) {
			pcp->count += rmqueue_bulk(zone, 0, pcp->batch, list,
						   migratetype, cold);
			if (unlikely(list_empty(list)))
				goto failed;
		}

		if (cold)
			page = list_entry(list->prev, struct page, lru);
		else
			page = list_entry(list->next, struct page, lru);

		list_del(&page->lru);
		pcp->count--;
	} else {
		if (unlikely(gfp_flags & __GFP_NOFAIL)) {
			/*
			 * __GFP_NOFAIL is not to be used in new code.
			 *
			 * All __GFP_NOFAIL callers should be fixed so that they
			 * properly detect and handle allocation failures.
			 *
			 * We most definitely don't want callers attempting to
			 * allocate greater than order-1 page units with
			 * __GFP_NOFAIL.
			 */
			WARN_ON_ONCE(order > 1);
		}
		spin_lock_irqsave(&zone->lock, flags);
		page = __rmqueue(zone, order, migratetype);
		spin_unlock(&zone->lock);
		if (!page)
			goto failed;
		__mod_zone_freepage_state(zone, -(1 << order),
					  get_freepage_migratetype(page));
	}

	/*
	 * The fair zone allocation policy's account: every allocation from
	 * the zone, fair or not, uses up its batch; once the batch is gone
	 * the fair pass of get_page_from_freelist() skips the zone until
	 * reset_alloc_batches().
	 */
	__mod_zone_page_state(zone, NR_ALLOC_BATCH, -(1 << order));
	if (atomic_long_read(&zone->vm_stat[NR_ALLOC_BATCH]) <= 0 &&
	    !test_bit(ZONE_FAIR_DEPLETED, &zone->flags))
		set_bit(ZONE_FAIR_DEPLETED, &zone->flags);

	zone_statistics(preferred_zone, zone, gfp_flags);
	local_irq_restore(flags);

	VM_BUG_ON_PAGE(page_zone(page) != zone, page);
	return page;

failed:
	local_irq_restore(flags);
	return NULL;
}

/*
 * Return true if free pages are above 'mark'. This takes into account the order
 * of the allocation.
 */
static bool __zone_watermark_ok(struct zone *z, unsigned int order,
				unsigned long mark, int classzone_idx,
				int alloc_flags, long free_pages)
{
	/* free_pages may go negative - that's OK */
	long min = mark;
	unsigned int o;

	free_pages -= (1 << order) - 1;
	if (alloc_flags & ALLOC_HIGH)
		min -= min / 2;
	if (alloc_flags & ALLOC_HARDER)
		min -= min / 4;

	if (free_pages <= min + z->lowmem_reserve[classzone_idx])
		return false;
	for (o = 0; o < order; o++) {
		/* At the next order, this order's pages become unavailable */
		free_pages -= z->free_area[o].nr_free << o;

		/* Require fewer higher order pages to be free */
		min >>= 1;

		if (free_pages <= min)
			return false;
	}
	return true;
}

bool zone_watermark_ok(struct zone *z, unsigned int order, unsigned long mark,
		       int classzone_idx, int alloc_flags)
{
	return __zone_watermark_ok(z, order, mark, classzone_idx, alloc_flags,
				   zone_page_state(z, NR_FREE_PAGES));
}

bool zone_watermark_ok_safe(struct zone *z, unsigned int order,
			    unsigned long mark, int classzone_idx,
			    int alloc_flags)
{
	return zone_watermark_ok(z, order, mark, classzone_idx, alloc_flags);
}

/* Returns the next zone at or below highest_zoneidx in a zonelist */
struct zoneref *next_zones_zonelist(struct zoneref *z,
				    enum zone_type highest_zoneidx,
				    nodemask_t *nodes, struct zone **zone)
{
	/*
	 * Find the next suitable zone to use for the allocation.
	 * Only filter based on nodemask if it's set
	 */
	if (likely(nodes == NULL))
		while (zonelist_zone_idx(z) > (int)highest_zoneidx)
			z++;
	else
		while (zonelist_zone_idx(z) > (int)highest_zoneidx ||
		       (z->zone && !node_isset(zonelist_node_idx(z), nodes)))
			z++;

	*zone = zonelist_zone(z);
	return z;
}

/*
 * The fair zone allocation policy spreads allocations over the zones of
 * the preferred zone's node: only those take part in it (4.0's
 * zone_local() compares nodes; remote zones come in the second pass).
 */
static bool zone_local(struct zone *local_zone, struct zone *zone)
{
	return local_zone->node == zone->node;
}

/*
 * Start a new round of the fair policy: each zone of the preferred
 * zone's node, from ZONE_DMA up to the preferred zone, gets a batch of
 * high_wmark - low_wmark pages again, the gap kswapd reclaims in one go,
 * so that every zone's pages age at the same pace.  Not static in refmm:
 * the unit tests start their cases from full batches.
 */
void reset_alloc_batches(struct zone *preferred_zone)
{
	struct zone *zone = preferred_zone->zone_pgdat->node_zones;

	do {
		mod_zone_page_state(zone, NR_ALLOC_BATCH,
			high_wmark_pages(zone) - low_wmark_pages(zone) -
			atomic_long_read(&zone->vm_stat[NR_ALLOC_BATCH]));
		clear_bit(ZONE_FAIR_DEPLETED, &zone->flags);
	} while (zone++ != preferred_zone);
}

/*
 * get_page_from_freelist goes through the zonelist trying to allocate
 * a page.
 *
 * With ALLOC_FAIR (the fast path's first attempt) it makes up to two
 * passes, as 4.0 does: the first takes only local zones whose batch is
 * not used up (ZONE_FAIR_DEPLETED clear), so that consecutive allocations
 * go round the node's zones in proportion to their sizes; when that finds
 * nothing and some zone was skipped for its batch, the batches are reset
 * and a second pass without fairness takes the first zone above its
 * watermark, remote nodes included.
 *
 * What 4.0 does here and refmm does not: the zonelist cache (zlc), cpuset
 * checks, the dirty limit of __GFP_WRITE allocations and zone_reclaim():
 * refmm has no cpusets, no dirty pages and nothing to reclaim, so a zone
 * below its watermark is simply full.
 */
static struct page *
get_page_from_freelist(gfp_t gfp_mask, unsigned int order, int alloc_flags,
		       const struct alloc_context *ac)
{
	struct zonelist *zonelist = ac->zonelist;
	struct zoneref *z;
	struct page *page = NULL;
	struct zone *zone;
	int nr_fair_skipped = 0;
	bool zonelist_rescan;

zonelist_scan:
	zonelist_rescan = false;

	/*
	 * Scan zonelist, looking for a zone with enough free.
	 */
	for_each_zone_zonelist_nodemask(zone, z, zonelist, ac->high_zoneidx,
					ac->nodemask) {
		unsigned long mark;

		/*
		 * Distribute pages in proportion to the individual zone
		 * size, so that the zone a page came from has no effect on
		 * how long it stays in memory before being reclaimed.  The
		 * zonelist holds the local node's zones first: the first
		 * remote zone ends the fair pass.
		 */
		if (alloc_flags & ALLOC_FAIR) {
			if (!zone_local(ac->preferred_zone, zone))
				break;
			if (test_bit(ZONE_FAIR_DEPLETED, &zone->flags)) {
				nr_fair_skipped++;
				continue;
			}
		}

		mark = zone->watermark[alloc_flags & ALLOC_WMARK_MASK];
		if (!zone_watermark_ok(zone, order, mark,
				       ac->classzone_idx, alloc_flags)) {
			if (alloc_flags & ALLOC_NO_WATERMARKS)
				goto try_this_zone;
			continue;	/* zone_reclaim_mode 0: full */
		}

try_this_zone:
		page = buffered_rmqueue(ac->preferred_zone, zone, order,
					gfp_mask, ac->migratetype);
		if (page) {
			if (prep_new_page(page, order, gfp_mask, alloc_flags))
				goto try_this_zone;	/* leak the bad page */
			return page;
		}
	}

	/*
	 * The first pass makes sure allocations are spread fairly within
	 * the local node.  But the local node may still have free pages
	 * once the batches are used up, and remote zones were not looked
	 * at yet: try once more without fairness, remote zones included,
	 * before the slow path - spilling to a remote node is better than
	 * reclaiming locally.
	 */
	if (alloc_flags & ALLOC_FAIR) {
		alloc_flags &= ~ALLOC_FAIR;
		if (nr_fair_skipped) {
			zonelist_rescan = true;
			reset_alloc_batches(ac->preferred_zone);
		}
		if (nr_online_nodes > 1)
			zonelist_rescan = true;
	}

	if (zonelist_rescan)
		goto zonelist_scan;

	return NULL;
}

static void warn_alloc_failed(gfp_t gfp_mask, unsigned int order)
{
	if (gfp_mask & __GFP_NOWARN)
		return;
	printk(KERN_WARNING "%s: page allocation failure: order:%u, mode:0x%x\n",
	       "refmm", order, gfp_mask);
}

static inline int gfp_to_alloc_flags(gfp_t gfp_mask)
{
	int alloc_flags = ALLOC_WMARK_MIN | ALLOC_CPUSET;
	const bool atomic = !(gfp_mask & (__GFP_WAIT | __GFP_NO_KSWAPD));

	/* __GFP_HIGH is assumed to be the same as ALLOC_HIGH to save a branch. */
	alloc_flags |= (__force int)(gfp_mask & __GFP_HIGH);

	if (atomic) {
		/*
		 * Not worth trying to allocate harder for __GFP_NOMEMALLOC even
		 * if it can't schedule.
		 */
		if (!(gfp_mask & __GFP_NOMEMALLOC))
			alloc_flags |= ALLOC_HARDER;
		/*
		 * Ignore cpuset mems for GFP_ATOMIC rather than fail, see the
		 * comment for __cpuset_node_allowed().
		 */
		alloc_flags &= ~ALLOC_CPUSET;
	}

	if (likely(!(gfp_mask & __GFP_NOMEMALLOC))) {
		if (gfp_mask & __GFP_MEMALLOC)
			alloc_flags |= ALLOC_NO_WATERMARKS;
	}
	return alloc_flags;
}

/* Reclaim directly, then try the freelists again. */
static inline struct page *
__alloc_pages_direct_reclaim(gfp_t gfp_mask, unsigned int order,
			     int alloc_flags, const struct alloc_context *ac,
			     unsigned long *did_some_progress)
{
	struct page *page = NULL;
	struct task_struct *cur = current;

	/* reclaim runs in the allocating task, which may use the reserves */
	if (cur)
		cur->flags |= PF_MEMALLOC;
	*did_some_progress = try_to_free_pages(ac->zonelist, order, gfp_mask,
					       ac->nodemask);
	if (cur)
		cur->flags &= ~PF_MEMALLOC;

	if (unlikely(!(*did_some_progress)))
		return NULL;

	page = get_page_from_freelist(gfp_mask, order,
				      alloc_flags & ~ALLOC_NO_WATERMARKS, ac);
	return page;
}

static inline struct page *
__alloc_pages_may_oom(gfp_t gfp_mask, unsigned int order,
		      const struct alloc_context *ac)
{
	struct page *page;

	/*
	 * One more pass at the high watermark: only a kill that just
	 * freed memory elsewhere can make it succeed; under real pressure
	 * it fails and the OOM killer decides.
	 */
	page = get_page_from_freelist(gfp_mask | __GFP_HARDWALL, order,
				      ALLOC_WMARK_HIGH | ALLOC_CPUSET, ac);
	if (page)
		return page;

	if (!(gfp_mask & __GFP_NOFAIL)) {
		/* killing does not make contiguous higher orders */
		if (order > PAGE_ALLOC_COSTLY_ORDER)
			return NULL;
		/* no kill for allocations limited to the low zones */
		if (ac->high_zoneidx < ZONE_NORMAL)
			return NULL;
		/* without __GFP_FS reclaim was light: no kill for it */
		if (!(gfp_mask & __GFP_FS))
			return NULL;
		/*
		 * GFP_THISNODE has __GFP_NORETRY and never gets here; a bare
		 * __GFP_THISNODE failing is not a system-wide shortage.
		 */
		if (gfp_mask & __GFP_THISNODE)
			return NULL;
	}
	/* nothing else helped: kill something */
	out_of_memory(ac->zonelist, gfp_mask, order, ac->nodemask, false);
	return NULL;
}

static void wake_all_kswapds(unsigned int order,
			     const struct alloc_context *ac)
{
	struct zoneref *z;
	struct zone *zone;

	for_each_zone_zonelist_nodemask(zone, z, ac->zonelist,
					ac->high_zoneidx, ac->nodemask)
		wakeup_kswapd(zone, order, zone_idx(ac->preferred_zone));
}

static inline int
should_alloc_retry(gfp_t gfp_mask, unsigned int order,
		   unsigned long did_some_progress,
		   unsigned long pages_reclaimed)
{
	(void)pages_reclaimed;
	/* the caller asked not to loop */
	if (gfp_mask & __GFP_NORETRY)
		return 0;

	/* the caller asked never to fail */
	if (gfp_mask & __GFP_NOFAIL)
		return 1;

	/*
	 * Orders up to PAGE_ALLOC_COSTLY_ORDER are retried for ever in
	 * 4.0, as if __GFP_NOFAIL (refmm bounds the retries, below).
	 */
	if (order <= PAGE_ALLOC_COSTLY_ORDER)
		return 1;

	return did_some_progress ? 0 : 0;
}

/*
 * refmm: the retries of one allocation are bounded.  4.0 loops as long
 * as reclaim reports progress; here every pass is deterministic and
 * single-threaded, so a pass that frees nothing usable would repeat
 * itself for ever.
 */
#define REFMM_ALLOC_MAX_RETRIES	64

/*
 * The slow path: wake kswapd, retry with the min watermark and the
 * context's privileges, reclaim directly, and when reclaim cannot make
 * progress call the OOM killer and start over, as 4.0 does (without
 * compaction).
 */
static struct page *
__alloc_pages_slowpath(gfp_t gfp_mask, unsigned int order,
		       struct alloc_context *ac)
{
	const gfp_t wait = gfp_mask & __GFP_WAIT;
	struct page *page = NULL;
	int alloc_flags;
	unsigned long pages_reclaimed = 0;
	unsigned long did_some_progress;
	struct task_struct *cur = current;
	int retries = 0;

	/*
	 * GFP_THISNODE (meaning __GFP_THISNODE, __GFP_NORETRY and
	 * __GFP_NOWARN set) should not cause reclaim since the subsystem
	 * (f.e. slab) using GFP_THISNODE may choose to trigger reclaim
	 * using a larger set of nodes after it has established that the
	 * allowed per node queues are empty and that nodes are
	 * over allocated.
	 */
	if ((gfp_mask & (__GFP_THISNODE | __GFP_NORETRY | __GFP_NOWARN)) ==
	    (__GFP_THISNODE | __GFP_NORETRY | __GFP_NOWARN))
		goto nopage;

restart:
	if (!(gfp_mask & __GFP_NO_KSWAPD))
		wake_all_kswapds(order, ac);

	alloc_flags = gfp_to_alloc_flags(gfp_mask);
	/* an OOM victim, or reclaim itself: the reserves may be used */
	if (cur && ((cur->flags & PF_MEMALLOC) ||
		    unlikely(test_tsk_thread_flag(cur, TIF_MEMDIE))) &&
	    !(gfp_mask & __GFP_NOMEMALLOC))
		alloc_flags |= ALLOC_NO_WATERMARKS;

rebalance:
	/* This is the last chance, in general, before the goto nopage. */
	page = get_page_from_freelist(gfp_mask, order,
				      alloc_flags & ~ALLOC_NO_WATERMARKS, ac);
	if (page)
		return page;

	/* Allocate without watermarks if the context allows */
	if ((alloc_flags & ALLOC_NO_WATERMARKS) ||
	    ((gfp_mask & __GFP_NOFAIL) && !(gfp_mask & __GFP_NOMEMALLOC))) {
		page = get_page_from_freelist(gfp_mask, order,
					      ALLOC_NO_WATERMARKS, ac);
		if (page)
			return page;
	}

	/* Atomic allocations - we can't balance anything */
	if (!wait) {
		WARN_ON_ONCE(gfp_mask & __GFP_NOFAIL);
		goto nopage;
	}

	/* reclaim's own allocations do not reclaim again */
	if (cur && (cur->flags & PF_MEMALLOC))
		goto nopage;

	/* an OOM victim that still fails must not loop */
	if (cur && test_tsk_thread_flag(cur, TIF_MEMDIE) &&
	    !(gfp_mask & __GFP_NOFAIL))
		goto nopage;

	if (++retries > REFMM_ALLOC_MAX_RETRIES)
		goto nopage;

	/* reclaim directly, then allocate */
	page = __alloc_pages_direct_reclaim(gfp_mask, order, alloc_flags,
					    ac, &did_some_progress);
	if (page)
		return page;

	/*
	 * Reclaim freed nothing: the OOM killer is what is left.
	 */
	if (!did_some_progress) {
		/*
		 * refmm: a boot without tasks (the allocator's own tests)
		 * has no process to kill, so the allocation fails as it
		 * would with the OOM killer disabled.
		 */
		if (!cur)
			goto nopage;
		if ((gfp_mask & __GFP_FS) && !(gfp_mask & __GFP_NORETRY)) {
			page = __alloc_pages_may_oom(gfp_mask, order, ac);
			if (page)
				return page;

			if (!(gfp_mask & __GFP_NOFAIL)) {
				/*
				 * no kill was tried for a costly order that
				 * may fail: retrying would change nothing
				 */
				if (order > PAGE_ALLOC_COSTLY_ORDER)
					goto nopage;
				/*
				 * nor for the low zones, where a kill would
				 * rarely help
				 */
				if (ac->high_zoneidx < ZONE_NORMAL)
					goto nopage;
			}

			goto restart;
		}
	}

	/* reclaim made progress: go round again? */
	pages_reclaimed += did_some_progress;
	if (should_alloc_retry(gfp_mask, order, did_some_progress,
			       pages_reclaimed))
		goto rebalance;

nopage:
	warn_alloc_failed(gfp_mask, order);
	return page;
}

/* refmm's debug check of a request: refuse what the kernel would BUG on. */
static bool alloc_request_ok(gfp_t gfp_mask, unsigned int order)
{
	if (unlikely(order >= MAX_ORDER)) {
		if (!(gfp_mask & __GFP_NOWARN))
			printk(KERN_WARNING "WARNING: CPU: %d PID: 0 at mm/page_alloc.c __alloc_pages_nodemask: "
			       "page allocation order %u >= MAX_ORDER %d\n",
			       smp_processor_id(), order, MAX_ORDER);
		return false;
	}
	if (unlikely(gfp_zone_bad(gfp_mask))) {
		printk(KERN_WARNING "WARNING: CPU: %d PID: 0 at include/linux/gfp.h gfp_zone: "
		       "bad zone modifiers in gfp mask 0x%x\n",
		       smp_processor_id(), gfp_mask);
		return false;
	}
	return true;
}

/*
 * This is the 'heart' of the zoned buddy allocator.
 */
struct page *__alloc_pages_nodemask(gfp_t gfp_mask, unsigned int order,
				    struct zonelist *zonelist,
				    nodemask_t *nodemask)
{
	struct zoneref *preferred_zoneref;
	struct page *page = NULL;
	int alloc_flags = ALLOC_WMARK_LOW | ALLOC_CPUSET | ALLOC_FAIR;
	struct alloc_context ac = {
		.high_zoneidx = gfp_zone(gfp_mask),
		.nodemask = nodemask,
		.migratetype = gfpflags_to_migratetype(gfp_mask),
	};

	gfp_mask &= gfp_allowed_mask;

	if (!alloc_request_ok(gfp_mask, order))
		return NULL;

	/* Both mobility bits at once is a caller bug: treat as movable. */
	if (unlikely((gfp_mask & GFP_MOVABLE_MASK) == GFP_MOVABLE_MASK)) {
		WARN_ON_ONCE(1);
		ac.migratetype = MIGRATE_MOVABLE;
	}

	/*
	 * Check the zones suitable for the gfp_mask contain at least one
	 * valid zone.  It's possible to have an empty zonelist as a result
	 * of __GFP_THISNODE and a memoryless node
	 */
	if (unlikely(!zonelist->_zonerefs->zone))
		return NULL;

	ac.zonelist = zonelist;
	/* The preferred zone is used for statistics later */
	preferred_zoneref = first_zones_zonelist(ac.zonelist, ac.high_zoneidx,
						 ac.nodemask,
						 &ac.preferred_zone);
	if (!ac.preferred_zone)
		goto out;
	ac.classzone_idx = zonelist_zone_idx(preferred_zoneref);

	/* First allocation attempt */
	page = get_page_from_freelist(gfp_mask | __GFP_HARDWALL, order,
				      alloc_flags, &ac);
	if (unlikely(!page))
		page = __alloc_pages_slowpath(gfp_mask, order, &ac);
out:
	return page;
}

struct page *alloc_pages_node(int nid, gfp_t gfp_mask, unsigned int order)
{
	/* Unknown node is current node */
	if (nid < 0)
		nid = numa_node_id();
	if (unlikely(nid >= MAX_NUMNODES || !node_online(nid))) {
		printk(KERN_WARNING "WARNING: alloc_pages_node: node %d is not online\n",
		       nid);
		return NULL;
	}
	return __alloc_pages(gfp_mask, order, node_zonelist(nid, gfp_mask));
}

struct page *alloc_pages_exact_node(int nid, gfp_t gfp_mask,
				    unsigned int order)
{
	return alloc_pages_node(nid, gfp_mask, order);
}

/**
 * alloc_pages_current - Allocate pages.
 * @gfp_mask: %GFP_USER, %GFP_KERNEL, %GFP_ATOMIC, %GFP_DMA ...
 * @order: Power of two of allocation size in pages. 0 is a single page.
 *
 * Allocate a page from the kernel page pool.  The default policy is
 * local: the node of the current CPU (refmm_current_cpu), then the
 * zonelist's fallbacks.  Returns NULL when no page can be allocated.
 */
struct page *alloc_pages_current(gfp_t gfp_mask, unsigned int order)
{
	return alloc_pages_node(numa_node_id(), gfp_mask, order);
}

/*
 * Common helper functions.
 */
unsigned long __get_free_pages(gfp_t gfp_mask, unsigned int order)
{
	struct page *page;

	/*
	 * __get_free_pages() returns a 32-bit address, which cannot represent
	 * a highmem page
	 */
	VM_BUG_ON((gfp_mask & __GFP_HIGHMEM) != 0);

	page = alloc_pages(gfp_mask, order);
	if (!page)
		return 0;
	return (unsigned long)page_address(page);
}

unsigned long get_zeroed_page(gfp_t gfp_mask)
{
	return __get_free_pages(gfp_mask | __GFP_ZERO, 0);
}

/*
 * refmm's debug check of a free: refuse what would corrupt the lists.
 * The kernel BUGs (VM_BUG_ON_PAGE in put_page_testzero) on most of
 * these; refmm reports them in bad_page() form and carries on.
 */
static bool free_request_ok(struct page *page, unsigned int order)
{
	unsigned long pfn;
	struct zone *zone;

	if (!refmm_debug_vm)
		return true;
	if (unlikely(order >= MAX_ORDER)) {
		bad_page(page, "freeing with order >= MAX_ORDER", 0);
		return false;
	}
	pfn = page_to_pfn(page);
	zone = page_zone(page);
	if (unlikely(pfn & ((1UL << order) - 1))) {
		bad_page(page, "freeing a block not aligned to its order", 0);
		return false;
	}
	if (unlikely(!zone_spans_pfn(zone, pfn) ||
		     !zone_spans_pfn(zone, pfn + (1UL << order) - 1))) {
		bad_page(page, "freeing a block outside its zone", 0);
		return false;
	}
	if (unlikely(PageBuddy(page))) {
		bad_page(page, "double free: page is already free (PageBuddy)", 0);
		return false;
	}
	if (unlikely(PageTail(page))) {
		bad_page(page, "freeing a tail page of a compound page", 0);
		return false;
	}
	if (unlikely(page_count(page) <= 0)) {
		bad_page(page, page_count(page) ? "negative _count" :
			 "freeing a page with _count 0: double free, or a page that was never allocated",
			 0);
		return false;
	}
	return true;
}

void __free_pages(struct page *page, unsigned int order)
{
	if (unlikely(!page)) {
		printk(KERN_WARNING "WARNING: __free_pages(NULL, %u)\n", order);
		return;
	}
	if (!free_request_ok(page, order))
		return;
	if (put_page_testzero(page)) {
		if (order == 0)
			free_hot_cold_page(page, false);
		else
			__free_pages_ok(page, order);
	}
}

void free_pages(unsigned long addr, unsigned int order)
{
	if (addr == 0)
		return;
	if (unlikely(addr < PAGE_OFFSET || !virt_addr_valid(addr))) {
		printk(KERN_ALERT "BUG: Bad page state in process refmm  free_pages: address %#lx is not in the direct map\n",
		       addr);
		nr_bad_pages++;
		add_taint(TAINT_BAD_PAGE);
		return;
	}
	__free_pages(virt_to_page((void *)addr), order);
}

static void *make_alloc_exact(unsigned long addr, unsigned int order,
			      size_t size)
{
	if (addr) {
		unsigned long alloc_end = addr + (PAGE_SIZE << order);
		unsigned long used = addr + PAGE_ALIGN(size);

		split_page(virt_to_page((void *)addr), order);
		while (used < alloc_end) {
			free_page(used);
			used += PAGE_SIZE;
		}
	}
	return (void *)addr;
}

/**
 * alloc_pages_exact - allocate an exact number physically-contiguous pages.
 * @size: the number of bytes to allocate
 * @gfp_mask: GFP flags for the allocation
 *
 * This function is similar to alloc_pages(), except that it allocates the
 * minimum number of pages to satisfy the request.  alloc_pages() can only
 * allocate memory in power-of-two pages.
 */
void *alloc_pages_exact(size_t size, gfp_t gfp_mask)
{
	unsigned int order = get_order(size);
	unsigned long addr;

	addr = __get_free_pages(gfp_mask & ~__GFP_COMP, order);
	return make_alloc_exact(addr, order, size);
}

/**
 * free_pages_exact - release memory allocated via alloc_pages_exact()
 * @virt: the value returned by alloc_pages_exact.
 * @size: size of allocation, same value as passed to alloc_pages_exact().
 */
void free_pages_exact(void *virt, size_t size)
{
	unsigned long addr = (unsigned long)virt;
	unsigned long end = addr + PAGE_ALIGN(size);

	while (addr < end) {
		free_page(addr);
		addr += PAGE_SIZE;
	}
}

static unsigned long nr_free_zone_pages(int offset)
{
	struct zoneref *z;
	struct zone *zone;
	unsigned long sum = 0;
	struct zonelist *zonelist = node_zonelist(numa_node_id(), GFP_KERNEL);

	for_each_zone_zonelist(zone, z, zonelist, offset) {
		unsigned long size = zone->managed_pages;
		unsigned long high = high_wmark_pages(zone);

		if (size > high)
			sum += size - high;
	}

	return sum;
}

/**
 * nr_free_buffer_pages - count number of pages beyond high watermark
 *
 * nr_free_buffer_pages() counts the number of pages which are beyond the
 * high watermark within ZONE_DMA and ZONE_NORMAL.
 */
unsigned long nr_free_buffer_pages(void)
{
	return nr_free_zone_pages(gfp_zone(GFP_USER));
}

unsigned long nr_free_pagecache_pages(void)
{
	return nr_free_zone_pages(gfp_zone(GFP_HIGHUSER_MOVABLE));
}

/* ------------------------------------------------------------------ */
/* boot: nodes, zones, mem_map                                         */

/* Zone boundaries of the x86-64 machine. */
static unsigned long arch_zone_lowest_possible_pfn[MAX_NR_ZONES];
static unsigned long arch_zone_highest_possible_pfn[MAX_NR_ZONES];

struct pglist_data *first_online_pgdat(void)
{
	int nid;

	for (nid = 0; nid < MAX_NUMNODES; nid++)
		if (node_online(nid))
			return NODE_DATA(nid);
	return NULL;
}

struct pglist_data *next_online_pgdat(struct pglist_data *pgdat)
{
	int nid;

	for (nid = pgdat->node_id + 1; nid < MAX_NUMNODES; nid++)
		if (node_online(nid))
			return NODE_DATA(nid);
	return NULL;
}

/*
 * next_zone - helper magic for for_each_zone()
 */
struct zone *next_zone(struct zone *zone)
{
	pg_data_t *pgdat = zone->zone_pgdat;

	if (zone < pgdat->node_zones + MAX_NR_ZONES - 1)
		zone++;
	else {
		pgdat = next_online_pgdat(pgdat);
		if (pgdat)
			zone = pgdat->node_zones;
		else
			zone = NULL;
	}
	return zone;
}

/* Pages of RAM (e820 usable) in [start, end). */
static unsigned long ram_pages_in_range(unsigned long start_pfn,
					unsigned long end_pfn)
{
	struct refmm_range r[8];
	unsigned long pages = 0;
	int i, n = refmm_ram_ranges(r, ARRAY_SIZE(r));

	for (i = 0; i < n && i < (int)ARRAY_SIZE(r); i++) {
		unsigned long s = max(start_pfn, (unsigned long)PFN_UP(r[i].start));
		unsigned long e = min(end_pfn, (unsigned long)PFN_DOWN(r[i].end));

		if (e > s)
			pages += e - s;
	}
	return pages;
}

static void calculate_node_totalpages(struct pglist_data *pgdat,
				      unsigned long node_start_pfn,
				      unsigned long node_end_pfn)
{
	unsigned long realtotalpages = 0, totalpages = 0;
	enum zone_type i;

	for (i = 0; i < MAX_NR_ZONES; i++) {
		struct zone *zone = pgdat->node_zones + i;
		unsigned long zs = max(node_start_pfn,
				       arch_zone_lowest_possible_pfn[i]);
		unsigned long ze = min(node_end_pfn,
				       arch_zone_highest_possible_pfn[i]);
		unsigned long size = 0, real_size = 0;

		if (ze > zs) {
			size = ze - zs;
			real_size = ram_pages_in_range(zs, ze);
		} else {
			zs = ze = clamp(zs, node_start_pfn, node_end_pfn);
		}
		zone->zone_start_pfn = zs;
		zone->spanned_pages = size;
		zone->present_pages = real_size;

		totalpages += size;
		realtotalpages += real_size;
	}

	pgdat->node_spanned_pages = totalpages;
	pgdat->node_present_pages = realtotalpages;
	printk(KERN_DEBUG "On node %d totalpages: %lu\n", pgdat->node_id,
	       realtotalpages);
}

static void alloc_node_mem_map(struct pglist_data *pgdat)
{
	unsigned long start, end, size;
	struct page *map;

	/* Skip empty nodes */
	if (!pgdat->node_spanned_pages)
		return;

	/*
	 * The zone's endpoints aren't required to be MAX_ORDER
	 * aligned but the node_mem_map endpoints must be in order
	 * for the buddy allocator to function correctly.
	 */
	start = pgdat->node_start_pfn & ~(MAX_ORDER_NR_PAGES - 1);
	end = pgdat_end_pfn(pgdat);
	end = ALIGN(end, MAX_ORDER_NR_PAGES);
	size = (end - start) * sizeof(struct page);
	map = __alloc_bootmem_node(pgdat, size, SMP_CACHE_BYTES,
				   BOOTMEM_LOW_LIMIT);
	pgdat->node_mem_map = map + (pgdat->node_start_pfn - start);

	/* With no DISCONTIG, the global mem_map is just set as node 0's */
	if (pgdat == NODE_DATA(0))
		mem_map = NODE_DATA(0)->node_mem_map;
}

/*
 * Calculate the size of the zone->blockflags rounded to an unsigned long
 * Start by making sure zonesize is a multiple of pageblock_order by rounding
 * up. Then use 1 NR_PAGEBLOCK_BITS worth of bits per pageblock, finally
 * round what is now in bits to nearest long in bits, then return it in
 * bytes.
 */
static unsigned long usemap_size(unsigned long zone_start_pfn,
				 unsigned long zonesize)
{
	unsigned long usemapsize;

	zonesize += zone_start_pfn & (pageblock_nr_pages - 1);
	usemapsize = roundup(zonesize, pageblock_nr_pages);
	usemapsize = usemapsize >> pageblock_order;
	usemapsize *= NR_PAGEBLOCK_BITS;
	usemapsize = roundup(usemapsize, 8 * sizeof(unsigned long));

	return usemapsize / 8;
}

static void setup_usemap(struct pglist_data *pgdat, struct zone *zone,
			 unsigned long zone_start_pfn, unsigned long zonesize)
{
	unsigned long usemapsize = usemap_size(zone_start_pfn, zonesize);

	zone->pageblock_flags = NULL;
	if (usemapsize)
		zone->pageblock_flags = __alloc_bootmem_node(pgdat, usemapsize,
							     SMP_CACHE_BYTES,
							     BOOTMEM_LOW_LIMIT);
}

static void zone_init_free_lists(struct zone *zone)
{
	unsigned int order, t;

	for_each_migratetype_order(order, t) {
		INIT_LIST_HEAD(&zone->free_area[order].free_list[t]);
		zone->free_area[order].nr_free = 0;
	}
}

static void init_waitqueue_head(wait_queue_head_t *q)
{
	spin_lock_init(&q->lock);
	INIT_LIST_HEAD(&q->task_list);
}

static void lruvec_init(struct lruvec *lruvec)
{
	enum lru_list lru;

	memset(lruvec, 0, sizeof(struct lruvec));
	for (lru = 0; lru < NR_LRU_LISTS; lru++)
		INIT_LIST_HEAD(&lruvec->lists[lru]);
}

/*
 * Initially all pages are reserved - free ones are freed
 * up by free_all_bootmem() once the early boot process is
 * done. Non-atomic initialization, single-pass.
 */
static void memmap_init_zone(unsigned long size, int nid, unsigned long zone,
			     unsigned long start_pfn)
{
	struct page *page;
	unsigned long end_pfn = start_pfn + size;
	unsigned long pfn;
	struct zone *z;

	z = &NODE_DATA(nid)->node_zones[zone];
	for (pfn = start_pfn; pfn < end_pfn; pfn++) {
		page = NODE_DATA(nid)->node_mem_map +
		       (pfn - NODE_DATA(nid)->node_start_pfn);
		set_page_links(page, zone, nid, pfn);
		init_page_count(page);
		page_mapcount_reset(page);
		SetPageReserved(page);
		/*
		 * Mark the block movable so that blocks are reserved for
		 * movable at startup. This will force kernel allocations
		 * to reserve their blocks rather than leaking throughout
		 * the address space during boot when many long-lived
		 * kernel allocations are made. Later some blocks near
		 * the start are marked MIGRATE_RESERVE by
		 * setup_zone_migrate_reserve()
		 */
		if ((z->zone_start_pfn <= pfn)
		    && (pfn < zone_end_pfn(z))
		    && !(pfn & (pageblock_nr_pages - 1)))
			set_pageblock_migratetype(page, MIGRATE_MOVABLE);

		INIT_LIST_HEAD(&page->lru);
	}
}

static unsigned long calc_memmap_size(unsigned long spanned_pages,
				      unsigned long present_pages)
{
	(void)present_pages;
	return PAGE_ALIGN(spanned_pages * sizeof(struct page)) >> PAGE_SHIFT;
}

/*
 * Set up the zone data structures:
 *   - mark all pages reserved
 *   - mark all memory queues empty
 *   - clear the memory bitmaps
 */
static void free_area_init_core(struct pglist_data *pgdat)
{
	enum zone_type j;
	int nid = pgdat->node_id;

	pgdat->nr_zones = 0;
	init_waitqueue_head(&pgdat->kswapd_wait);
	init_waitqueue_head(&pgdat->pfmemalloc_wait);

	for (j = 0; j < MAX_NR_ZONES; j++) {
		struct zone *zone = pgdat->node_zones + j;
		unsigned long size, realsize, freesize, memmap_pages;

		size = zone->spanned_pages;
		realsize = freesize = zone->present_pages;

		/*
		 * Adjust freesize so that it accounts for how much memory
		 * is used by this zone for memmap. This affects the watermark
		 * and per-cpu initialisations
		 */
		memmap_pages = calc_memmap_size(size, realsize);
		if (freesize >= memmap_pages)
			freesize -= memmap_pages;

		/* Account for reserved pages */
		if (j == 0 && freesize > dma_reserve)
			freesize -= dma_reserve;

		nr_kernel_pages += freesize;
		nr_all_pages += freesize;

		/* An estimate until free_all_bootmem() counts them. */
		zone->managed_pages = freesize;
		zone->node = nid;
		zone->min_unmapped_pages = (freesize * 1) / 100;
		zone->min_slab_pages = (freesize * 5) / 100;
		zone->name = zone_names[j];
		spin_lock_init(&zone->lock);
		spin_lock_init(&zone->lru_lock);
		zone->zone_pgdat = pgdat;
		zone->pageset = NULL;	/* until setup_per_cpu_pageset() */
		zone->inactive_ratio = 1;

		/*
		 * For bootup, initialized properly in watermark setup.  The
		 * allocations before init_per_zone_wmark_min() (SLAB's
		 * bootstrap) must not use up a batch: with batches at zero
		 * each would mark its zone ZONE_FAIR_DEPLETED, boot would
		 * alternate between a node's zones, and the flags would
		 * outlive __setup_per_zone_wmarks(), which refills the
		 * batches but leaves the flags alone.
		 */
		mod_zone_page_state(zone, NR_ALLOC_BATCH, zone->managed_pages);

		lruvec_init(&zone->lruvec);
		zone_init_free_lists(zone);
		if (!size)
			continue;

		set_pageblock_order();
		setup_usemap(pgdat, zone, zone->zone_start_pfn, size);
		pgdat->nr_zones = j + 1;
		memmap_init_zone(size, nid, j, zone->zone_start_pfn);
	}
}

static void free_area_init_node(int nid, unsigned long node_start_pfn,
				unsigned long node_end_pfn)
{
	pg_data_t *pgdat = NODE_DATA(nid);

	pgdat->node_id = nid;
	pgdat->node_start_pfn = node_start_pfn;
	calculate_node_totalpages(pgdat, node_start_pfn, node_end_pfn);
	alloc_node_mem_map(pgdat);
	printk(KERN_DEBUG "free_area_init_node: node %d, pgdat %p, node_mem_map %p\n",
	       nid, (void *)pgdat, (void *)pgdat->node_mem_map);
	free_area_init_core(pgdat);
}

/**
 * free_area_init_nodes - Initialise all pg_data_t and zone data
 * @max_zone_pfn: an array of max PFNs for each zone
 *
 * This will call free_area_init_node() for each active node in the
 * system.  Using the page ranges provided by the setup code, the size of
 * each zone in each node and their holes is calculated.  If the maximum
 * PFN between two adjacent zones match, it is assumed that the zone is
 * empty.  For example, if arch_max_dma_pfn == arch_max_dma32_pfn, it is
 * assumed that arch_max_dma32_pfn has no pages.
 */
void free_area_init_nodes(unsigned long *max_zone_pfn)
{
	int i, nid;

	arch_zone_lowest_possible_pfn[0] = 0;
	arch_zone_highest_possible_pfn[0] = max_zone_pfn[0];
	for (i = 1; i < MAX_NR_ZONES; i++) {
		if (i == ZONE_MOVABLE)
			continue;
		arch_zone_lowest_possible_pfn[i] =
			arch_zone_highest_possible_pfn[i - 1];
		arch_zone_highest_possible_pfn[i] =
			max(max_zone_pfn[i], arch_zone_lowest_possible_pfn[i]);
	}
	arch_zone_lowest_possible_pfn[ZONE_MOVABLE] = 0;
	arch_zone_highest_possible_pfn[ZONE_MOVABLE] = 0;

	printk(KERN_INFO "Zone ranges:\n");
	for (i = 0; i < MAX_NR_ZONES; i++) {
		if (i == ZONE_MOVABLE)
			continue;
		if (arch_zone_lowest_possible_pfn[i] ==
		    arch_zone_highest_possible_pfn[i])
			printk(KERN_INFO "  %-8s empty\n", zone_names[i]);
		else
			printk(KERN_INFO "  %-8s [mem %#018llx-%#018llx]\n",
			       zone_names[i],
			       (unsigned long long)PFN_PHYS(arch_zone_lowest_possible_pfn[i]),
			       (unsigned long long)PFN_PHYS(arch_zone_highest_possible_pfn[i]) - 1);
	}

	for_each_online_node(nid) {
		unsigned long start_pfn, end_pfn;

		refmm_node_pfn_range(nid, &start_pfn, &end_pfn);
		free_area_init_node(nid, start_pfn, end_pfn);

		/* Any memory on that node */
		if (NODE_DATA(nid)->node_present_pages)
			node_set_state(nid, N_MEMORY);
		if (NODE_DATA(nid)->node_present_pages)
			node_set_state(nid, N_NORMAL_MEMORY);
	}
	max_mapnr = max_pfn;
}

/* ------------------------------------------------------------------ */
/* boot: zonelists                                                     */

static void zoneref_set_zone(struct zone *zone, struct zoneref *zoneref)
{
	zoneref->zone = zone;
	zoneref->zone_idx = zone_idx(zone);
}

/*
 * Builds allocation fallback zone lists.
 *
 * Add all populated zones of a node to the zonelist, highest first.
 */
static int build_zonelists_node(pg_data_t *pgdat, struct zonelist *zonelist,
				int nr_zones)
{
	struct zone *zone;
	enum zone_type zone_type = MAX_NR_ZONES;

	do {
		zone_type--;
		zone = pgdat->node_zones + zone_type;
		if (populated_zone(zone))
			zoneref_set_zone(zone,
				&zonelist->_zonerefs[nr_zones++]);
	} while (zone_type);

	return nr_zones;
}

int node_distance(int from, int to)
{
	return from == to ? LOCAL_DISTANCE : REMOTE_DISTANCE;
}

/*
 * Node order ("prefer the next node"): the node itself, then the nodes
 * after it, wrapping around.  All remote nodes are equally far in refmm,
 * which is where the kernel's find_next_best_node() ends up too.
 */
static void build_zonelists(pg_data_t *pgdat)
{
	int local_node = pgdat->node_id;
	struct zonelist *zonelist;
	int i, j;

	/* zonelist[0]: all nodes */
	zonelist = &pgdat->node_zonelists[0];
	memset(zonelist, 0, sizeof(*zonelist));
	j = 0;
	for (i = 0; i < nr_node_ids; i++) {
		int node = (local_node + i) % nr_node_ids;

		if (!node_state(node, N_MEMORY))
			continue;
		j = build_zonelists_node(NODE_DATA(node), zonelist, j);
	}
	zonelist->_zonerefs[j].zone = NULL;
	zonelist->_zonerefs[j].zone_idx = 0;
	zonelist->zlcache_ptr = NULL;

	/* zonelist[1]: __GFP_THISNODE, this node only */
	zonelist = &pgdat->node_zonelists[1];
	memset(zonelist, 0, sizeof(*zonelist));
	j = build_zonelists_node(pgdat, zonelist, 0);
	zonelist->_zonerefs[j].zone = NULL;
	zonelist->_zonerefs[j].zone_idx = 0;
	zonelist->zlcache_ptr = NULL;
}

void build_all_zonelists(pg_data_t *pgdat, struct zone *zone)
{
	int nid;
	unsigned long vm_total_pages;

	(void)pgdat;
	(void)zone;
	for_each_online_node(nid)
		build_zonelists(NODE_DATA(nid));

	vm_total_pages = nr_free_pagecache_pages();
	printk(KERN_INFO "Built %i zonelists in Node order, mobility grouping on.  Total pages: %ld\n",
	       nr_online_nodes, vm_total_pages);
}

/* ------------------------------------------------------------------ */
/* boot: per-cpu pagesets                                              */

/*
 * The zone's per-cpu batch: about a quarter of a 1/1024th of the zone,
 * no more than 512 KiB, then rounded to 2^n - 1 to avoid cache aliasing
 * of the batches of different CPUs.
 */
static int zone_batchsize(struct zone *zone)
{
	int batch;

	/*
	 * The per-cpu-pages pools are set to around 1000th of the
	 * size of the zone.  But no more than 1/2 of a meg.
	 *
	 * OK, so we don't know how big the cache is.  So guess.
	 */
	batch = zone->managed_pages / 1024;
	if (batch * PAGE_SIZE > 512 * 1024)
		batch = (512 * 1024) / PAGE_SIZE;
	batch /= 4;		/* We effectively *= 4 below */
	if (batch < 1)
		batch = 1;

	/*
	 * Clamp the batch to a 2^n - 1 value. Having a power
	 * of 2 value was found to be more likely to have
	 * suboptimal cache aliasing properties in some cases.
	 *
	 * For example if 2 tasks are alternately allocating
	 * batches of pages, one task can end up with a lot
	 * of pages of one half of the possible page colors
	 * and the other with pages of the other colors.
	 */
	batch = rounddown_pow_of_two(batch + batch / 2) - 1;

	return batch;
}

static void pageset_update(struct per_cpu_pages *pcp, unsigned long high,
			   unsigned long batch)
{
	/* start with a fail safe value for batch */
	pcp->batch = 1;
	smp_wmb();
	/* Update high, then batch, in order */
	pcp->high = high;
	smp_wmb();
	pcp->batch = batch;
}

/* a companion to pageset_set_high() */
static void pageset_set_batch(struct per_cpu_pageset *p, unsigned long batch)
{
	pageset_update(&p->pcp, 6 * batch, max(1UL, 1 * batch));
}

static void pageset_init(struct per_cpu_pageset *p)
{
	struct per_cpu_pages *pcp;
	int migratetype;

	memset(p, 0, sizeof(*p));

	pcp = &p->pcp;
	pcp->count = 0;
	for (migratetype = 0; migratetype < MIGRATE_PCPTYPES; migratetype++)
		INIT_LIST_HEAD(&pcp->lists[migratetype]);
}

static void setup_pageset(struct per_cpu_pageset *p, unsigned long batch)
{
	pageset_init(p);
	pageset_set_batch(p, batch);
}

static void setup_zone_pageset(struct zone *zone)
{
	int cpu;

	zone->pageset = alloc_percpu(struct per_cpu_pageset);
	if (!zone->pageset)
		panic("setup_zone_pageset: out of per-cpu memory");
	for_each_possible_cpu(cpu)
		setup_pageset(per_cpu_ptr(zone->pageset, cpu),
			      zone_batchsize(zone));
}

/*
 * Allocate per cpu pagesets and initialize them.
 * Before this call only boot pagesets were available.
 */
void setup_per_cpu_pageset(void)
{
	struct zone *zone;

	for_each_populated_zone(zone)
		setup_zone_pageset(zone);
}

/* ------------------------------------------------------------------ */
/* boot: watermarks and reserves                                       */

/*
 * Check if a pageblock contains reserved pages
 */
static int pageblock_is_reserved(unsigned long start_pfn,
				 unsigned long end_pfn)
{
	unsigned long pfn;

	for (pfn = start_pfn; pfn < end_pfn; pfn++) {
		if (!pfn_valid(pfn) || PageReserved(pfn_to_page(pfn)))
			return 1;
	}
	return 0;
}

/*
 * Mark a number of pageblocks as MIGRATE_RESERVE.  The number
 * of blocks reserved is based on min_wmark_pages(zone).  The memory within
 * the reserve will tend to store contiguous free pages.  Setting min_free_kbytes
 * higher will lead to a bigger reserve which will get freed as contiguous
 * blocks as reclaim kicks in
 */
static void setup_zone_migrate_reserve(struct zone *zone)
{
	unsigned long start_pfn, pfn, end_pfn, block_end_pfn;
	struct page *page;
	unsigned long block_migratetype;
	int reserve;
	int old_reserve;

	/*
	 * Get the start pfn, end pfn and the number of blocks to reserve
	 * We have to be careful to be aligned to pageblock_nr_pages to
	 * make sure that we always check pfn_valid for the first page in
	 * the block.
	 */
	start_pfn = zone->zone_start_pfn;
	end_pfn = zone_end_pfn(zone);
	start_pfn = roundup(start_pfn, pageblock_nr_pages);
	reserve = roundup(min_wmark_pages(zone), pageblock_nr_pages) >>
							pageblock_order;

	/*
	 * Reserve blocks are generally in place to help high-order atomic
	 * allocations that are short-lived.  A min_free_kbytes value that
	 * would result in more than 2 reserve blocks for atomic allocations
	 * is assumed to be in place to help anti-fragmentation for the
	 * future allocation of hugepages at runtime.
	 */
	reserve = min(2, reserve);
	old_reserve = zone->nr_migrate_reserve_block;

	/* When memory hot-add, we almost always need to do nothing */
	if (reserve == old_reserve)
		return;
	zone->nr_migrate_reserve_block = reserve;

	for (pfn = start_pfn; pfn < end_pfn; pfn += pageblock_nr_pages) {
		if (!pfn_valid(pfn))
			continue;
		page = pfn_to_page(pfn);

		/* Watch out for overlapping nodes */
		if (page_to_nid(page) != zone_to_nid(zone))
			continue;

		block_migratetype = get_pageblock_migratetype(page);

		/* Only test what is necessary when the reserves are not met */
		if (reserve > 0) {
			/*
			 * Blocks with reserved pages will never free, skip
			 * them.
			 */
			block_end_pfn = min(pfn + pageblock_nr_pages, end_pfn);
			if (pageblock_is_reserved(pfn, block_end_pfn))
				continue;

			/* If this block is reserved, account for it */
			if (block_migratetype == MIGRATE_RESERVE) {
				reserve--;
				continue;
			}

			/* Suitable for reserving if this block is movable */
			if (block_migratetype == MIGRATE_MOVABLE) {
				set_pageblock_migratetype(page,
							MIGRATE_RESERVE);
				move_freepages_block(zone, page,
							MIGRATE_RESERVE);
				reserve--;
				continue;
			}
		} else if (!old_reserve) {
			/*
			 * At boot time we don't need to scan the whole zone
			 * for turning off MIGRATE_RESERVE.
			 */
			break;
		}

		/*
		 * If the reserve is met and this is a previous reserved block,
		 * take it back
		 */
		if (block_migratetype == MIGRATE_RESERVE) {
			set_pageblock_migratetype(page, MIGRATE_MOVABLE);
			move_freepages_block(zone, page, MIGRATE_MOVABLE);
		}
	}
}

/*
 * calculate_totalreserve_pages - called when sysctl_lowmem_reserve_ratio
 *	or min_free_kbytes changes.
 */
static void calculate_totalreserve_pages(void)
{
	struct pglist_data *pgdat;
	unsigned long reserve_pages = 0;
	enum zone_type i, j;

	for_each_online_pgdat(pgdat) {
		for (i = 0; i < MAX_NR_ZONES; i++) {
			struct zone *zone = pgdat->node_zones + i;
			long max = 0;

			/* Find valid and maximum lowmem_reserve in the zone */
			for (j = i; j < MAX_NR_ZONES; j++) {
				if (zone->lowmem_reserve[j] > max)
					max = zone->lowmem_reserve[j];
			}

			/* we treat the high watermark as reserved pages. */
			max += high_wmark_pages(zone);

			if ((unsigned long)max > zone->managed_pages)
				max = zone->managed_pages;
			reserve_pages += max;
			/*
			 * Lowmem reserves are not available to
			 * GFP_HIGHUSER page cache allocations and
			 * kswapd tries to balance zones to their high
			 * watermark.  As a result, neither should be
			 * regarded as dirtyable memory, to prevent a
			 * situation where reclaim has to clean pages
			 * in order to balance the zones.
			 */
			zone->dirty_balance_reserve = max;
		}
	}
	dirty_balance_reserve = reserve_pages;
	totalreserve_pages = reserve_pages;
}

/*
 * setup_per_zone_lowmem_reserve - called whenever
 *	sysctl_lowmem_reserve_ratio changes.  Ensures that each zone
 *	has a correct pages reserved value, so an adequate number of
 *	pages are left in the zone after a successful __alloc_pages().
 */
static void setup_per_zone_lowmem_reserve(void)
{
	struct pglist_data *pgdat;
	enum zone_type j, idx;

	for_each_online_pgdat(pgdat) {
		for (j = 0; j < MAX_NR_ZONES; j++) {
			struct zone *zone = pgdat->node_zones + j;
			unsigned long managed_pages = zone->managed_pages;

			zone->lowmem_reserve[j] = 0;

			idx = j;
			while (idx) {
				struct zone *lower_zone;

				idx--;

				if (sysctl_lowmem_reserve_ratio[idx] < 1)
					sysctl_lowmem_reserve_ratio[idx] = 1;

				lower_zone = pgdat->node_zones + idx;
				lower_zone->lowmem_reserve[j] = managed_pages /
					sysctl_lowmem_reserve_ratio[idx];
				managed_pages += lower_zone->managed_pages;
			}
		}
	}

	/* update totalreserve_pages */
	calculate_totalreserve_pages();
}

static void __setup_per_zone_wmarks(void)
{
	unsigned long pages_min = min_free_kbytes >> (PAGE_SHIFT - 10);
	unsigned long lowmem_pages = 0;
	struct zone *zone;
	unsigned long flags;

	/* Calculate total number of !ZONE_HIGHMEM pages */
	for_each_zone(zone)
		lowmem_pages += zone->managed_pages;

	for_each_zone(zone) {
		u64 tmp;

		spin_lock_irqsave(&zone->lock, flags);
		tmp = (u64)pages_min * zone->managed_pages;
		if (lowmem_pages)
			tmp /= lowmem_pages;
		/*
		 * If it's a lowmem zone, reserve a number of pages
		 * proportionate to the zone's size.
		 */
		zone->watermark[WMARK_MIN] = tmp;

		zone->watermark[WMARK_LOW]  = min_wmark_pages(zone) + (tmp >> 2);
		zone->watermark[WMARK_HIGH] = min_wmark_pages(zone) + (tmp >> 1);

		__mod_zone_page_state(zone, NR_ALLOC_BATCH,
			high_wmark_pages(zone) - low_wmark_pages(zone) -
			atomic_long_read(&zone->vm_stat[NR_ALLOC_BATCH]));

		if (populated_zone(zone))
			setup_zone_migrate_reserve(zone);
		spin_unlock_irqrestore(&zone->lock, flags);
	}

	/* update totalreserve_pages */
	calculate_totalreserve_pages();
}

/**
 * setup_per_zone_wmarks - called when min_free_kbytes changes
 * or when memory is hot-{added|removed}
 *
 * Ensures that the watermark[min,low,high] values for each zone are set
 * correctly with respect to min_free_kbytes.
 */
void setup_per_zone_wmarks(void)
{
	__setup_per_zone_wmarks();
}

/*
 * Initialise min_free_kbytes.
 *
 * For small machines we want it small (128k min).  For large machines
 * we want it large (64MB max).  But it is not linear, because network
 * bandwidth does not increase linearly with machine size.  We use
 *
 *	min_free_kbytes = 4 * sqrt(lowmem_kbytes), for better accuracy:
 *	min_free_kbytes = sqrt(lowmem_kbytes * 16)
 */
int init_per_zone_wmark_min(void)
{
	unsigned long lowmem_kbytes;
	int new_min_free_kbytes;

	lowmem_kbytes = nr_free_buffer_pages() * (PAGE_SIZE >> 10);
	new_min_free_kbytes = int_sqrt(lowmem_kbytes * 16);

	if (new_min_free_kbytes > user_min_free_kbytes) {
		min_free_kbytes = new_min_free_kbytes;
		if (min_free_kbytes < 128)
			min_free_kbytes = 128;
		if (min_free_kbytes > 65536)
			min_free_kbytes = 65536;
	}
	setup_per_zone_wmarks();
	setup_per_zone_lowmem_reserve();
	return 0;
}

void page_alloc_init(void)
{
	/* CPU hotplug notifiers in the kernel: nothing to register here. */
}

/* ------------------------------------------------------------------ */
/* reporting                                                           */

static void show_migration_types(unsigned char type)
{
	static const char types[MIGRATE_TYPES] = {
		[MIGRATE_UNMOVABLE]	= 'U',
		[MIGRATE_RECLAIMABLE]	= 'E',
		[MIGRATE_MOVABLE]	= 'M',
		[MIGRATE_RESERVE]	= 'R',
		[MIGRATE_ISOLATE]	= 'I',
	};
	char tmp[MIGRATE_TYPES + 1];
	char *p = tmp;
	int i;

	for (i = 0; i < MIGRATE_TYPES; i++) {
		if (type & (1 << i))
			*p++ = types[i];
	}

	*p = '\0';
	printk(KERN_CONT "(%s) ", tmp);
}

#define K(x) ((x) << (PAGE_SHIFT-10))

void show_swap_cache_info(void);

/*
 * Show free area list (used inside shift_scroll-lock stuff)
 * We also calculate the percentage fragmentation. We do this by counting the
 * memory on each free list with the exception of the first item on the list.
 *
 * Bits in @filter:
 * SHOW_MEM_FILTER_NODES: suppress nodes that are not allowed by current's
 *   cpuset (refmm has no cpusets: every node is shown).
 */
void show_free_areas(unsigned int filter)
{
	int cpu;
	struct zone *zone;

	(void)filter;
	for_each_populated_zone(zone) {
		printk("Node %d ", zone_to_nid(zone));	/* show_node() */
		printk("%s per-cpu:\n", zone->name);

		for_each_online_cpu(cpu) {
			struct per_cpu_pageset *pageset;

			pageset = per_cpu_ptr(zone->pageset, cpu);

			printk("CPU %4d: hi:%5d, btch:%4d usd:%4d\n",
			       cpu, pageset->pcp.high,
			       pageset->pcp.batch, pageset->pcp.count);
		}
	}

	printk("active_anon:%lu inactive_anon:%lu isolated_anon:%lu\n"
		" active_file:%lu inactive_file:%lu isolated_file:%lu\n"
		" unevictable:%lu"
		" dirty:%lu writeback:%lu unstable:%lu\n"
		" free:%lu slab_reclaimable:%lu slab_unreclaimable:%lu\n"
		" mapped:%lu shmem:%lu pagetables:%lu bounce:%lu\n"
		" free_cma:%lu\n",
		global_page_state(NR_ACTIVE_ANON),
		global_page_state(NR_INACTIVE_ANON),
		global_page_state(NR_ISOLATED_ANON),
		global_page_state(NR_ACTIVE_FILE),
		global_page_state(NR_INACTIVE_FILE),
		global_page_state(NR_ISOLATED_FILE),
		global_page_state(NR_UNEVICTABLE),
		global_page_state(NR_FILE_DIRTY),
		global_page_state(NR_WRITEBACK),
		global_page_state(NR_UNSTABLE_NFS),
		global_page_state(NR_FREE_PAGES),
		global_page_state(NR_SLAB_RECLAIMABLE),
		global_page_state(NR_SLAB_UNRECLAIMABLE),
		global_page_state(NR_FILE_MAPPED),
		global_page_state(NR_SHMEM),
		global_page_state(NR_PAGETABLE),
		global_page_state(NR_BOUNCE),
		global_page_state(NR_FREE_CMA_PAGES));

	for_each_populated_zone(zone) {
		int i;

		printk("Node %d ", zone_to_nid(zone));
		printk("%s"
			" free:%lukB"
			" min:%lukB"
			" low:%lukB"
			" high:%lukB"
			" active_anon:%lukB"
			" inactive_anon:%lukB"
			" active_file:%lukB"
			" inactive_file:%lukB"
			" unevictable:%lukB"
			" isolated(anon):%lukB"
			" isolated(file):%lukB"
			" present:%lukB"
			" managed:%lukB"
			" mlocked:%lukB"
			" dirty:%lukB"
			" writeback:%lukB"
			" mapped:%lukB"
			" shmem:%lukB"
			" slab_reclaimable:%lukB"
			" slab_unreclaimable:%lukB"
			" kernel_stack:%lukB"
			" pagetables:%lukB"
			" unstable:%lukB"
			" bounce:%lukB"
			" free_cma:%lukB"
			" writeback_tmp:%lukB"
			" pages_scanned:%lu"
			" all_unreclaimable? %s"
			"\n",
			zone->name,
			K(zone_page_state(zone, NR_FREE_PAGES)),
			K(min_wmark_pages(zone)),
			K(low_wmark_pages(zone)),
			K(high_wmark_pages(zone)),
			K(zone_page_state(zone, NR_ACTIVE_ANON)),
			K(zone_page_state(zone, NR_INACTIVE_ANON)),
			K(zone_page_state(zone, NR_ACTIVE_FILE)),
			K(zone_page_state(zone, NR_INACTIVE_FILE)),
			K(zone_page_state(zone, NR_UNEVICTABLE)),
			K(zone_page_state(zone, NR_ISOLATED_ANON)),
			K(zone_page_state(zone, NR_ISOLATED_FILE)),
			K(zone->present_pages),
			K(zone->managed_pages),
			K(zone_page_state(zone, NR_MLOCK)),
			K(zone_page_state(zone, NR_FILE_DIRTY)),
			K(zone_page_state(zone, NR_WRITEBACK)),
			K(zone_page_state(zone, NR_FILE_MAPPED)),
			K(zone_page_state(zone, NR_SHMEM)),
			K(zone_page_state(zone, NR_SLAB_RECLAIMABLE)),
			K(zone_page_state(zone, NR_SLAB_UNRECLAIMABLE)),
			zone_page_state(zone, NR_KERNEL_STACK) *
				THREAD_SIZE / 1024,
			K(zone_page_state(zone, NR_PAGETABLE)),
			K(zone_page_state(zone, NR_UNSTABLE_NFS)),
			K(zone_page_state(zone, NR_BOUNCE)),
			K(zone_page_state(zone, NR_FREE_CMA_PAGES)),
			K(zone_page_state(zone, NR_WRITEBACK_TEMP)),
			zone_page_state(zone, NR_PAGES_SCANNED),
			(!zone_reclaimable(zone) ? "yes" : "no")
			);
		printk("lowmem_reserve[]:");
		for (i = 0; i < MAX_NR_ZONES; i++)
			printk(" %ld", zone->lowmem_reserve[i]);
		printk("\n");
	}

	for_each_populated_zone(zone) {
		unsigned long nr[MAX_ORDER], flags, order, total = 0;
		unsigned char types[MAX_ORDER];

		printk("Node %d ", zone_to_nid(zone));
		printk("%s: ", zone->name);

		spin_lock_irqsave(&zone->lock, flags);
		for (order = 0; order < MAX_ORDER; order++) {
			struct free_area *area = &zone->free_area[order];
			int type;

			nr[order] = area->nr_free;
			total += nr[order] << order;

			types[order] = 0;
			for (type = 0; type < MIGRATE_TYPES; type++) {
				if (!list_empty(&area->free_list[type]))
					types[order] |= 1 << type;
			}
		}
		spin_unlock_irqrestore(&zone->lock, flags);
		for (order = 0; order < MAX_ORDER; order++) {
			printk("%lu*%lukB ", nr[order], K(1UL) << order);
			if (nr[order])
				show_migration_types(types[order]);
		}
		printk("= %lukB\n", K(total));
	}

	printk("%ld total pagecache pages\n", global_page_state(NR_FILE_PAGES));

	show_swap_cache_info();
}

/* ---- hash tables sized to memory ---- */

/*
 * Large hash tables (pid, dentry, inode, TCP...) live in vmalloc space
 * on NUMA machines, spread over the nodes (hashdist, default on with
 * CONFIG_NUMA and 64-bit), else in one block of pages; the early ones,
 * before the buddy allocator runs, come from bootmem.
 */
int hashdist __kdata = HASHDIST_DEFAULT;

/*
 * alloc_large_system_hash - a hash table of a power-of-two number of
 * @bucketsize buckets: @numentries, or sized to memory (one bucket per
 * 2^@scale bytes) between @low_limit and @high_limit buckets.  Its log2
 * and mask go to *@_hash_shift and *@_hash_mask; @tablename is for the
 * boot message.
 */
void *__init alloc_large_system_hash(const char *tablename,
				     unsigned long bucketsize,
				     unsigned long numentries,
				     int scale,
				     int flags,
				     unsigned int *_hash_shift,
				     unsigned int *_hash_mask,
				     unsigned long low_limit,
				     unsigned long high_limit)
{
	unsigned long long max = high_limit;
	unsigned long log2qty, size;
	void *table = NULL;

	/* allow the kernel cmdline to have a say */
	if (!numentries) {
		/* round applicable memory size up to nearest megabyte */
		numentries = nr_kernel_pages;

		/* It isn't necessary when PAGE_SIZE >= 1MB */
		if (PAGE_SHIFT < 20)
			numentries = round_up(numentries, (1 << 20) / PAGE_SIZE);

		/* limit to 1 bucket per 2^scale bytes of low memory */
		if (scale > PAGE_SHIFT)
			numentries >>= (scale - PAGE_SHIFT);
		else
			numentries <<= (PAGE_SHIFT - scale);

		/* Make sure we've got at least a 0-order allocation.. */
		if (unlikely(flags & HASH_SMALL)) {
			/* Makes no sense without HASH_EARLY */
			WARN_ON(!(flags & HASH_EARLY));
			if (!(numentries >> *_hash_shift)) {
				numentries = 1UL << *_hash_shift;
				BUG_ON(!numentries);
			}
		} else if (unlikely((numentries * bucketsize) < PAGE_SIZE))
			numentries = PAGE_SIZE / bucketsize;
	}
	numentries = roundup_pow_of_two(numentries);

	/* limit allocation size to 1/16 total memory by default */
	if (max == 0) {
		max = ((unsigned long long)nr_all_pages << PAGE_SHIFT) >> 4;
		max /= bucketsize;
	}
	max = min(max, 0x80000000ULL);

	if (numentries < low_limit)
		numentries = low_limit;
	if (numentries > max)
		numentries = max;

	log2qty = ilog2(numentries);

	do {
		size = bucketsize << log2qty;
		if (flags & HASH_EARLY)
			table = __alloc_bootmem_nopanic(size, SMP_CACHE_BYTES,
							BOOTMEM_LOW_LIMIT);
		else if (hashdist)
			table = __vmalloc(size, GFP_ATOMIC, PAGE_KERNEL);
		else {
			/*
			 * If bucketsize is not a power-of-two, we may free
			 * some pages at the end of hash table which
			 * alloc_pages_exact() automatically does
			 */
			if (get_order(size) < MAX_ORDER)
				table = alloc_pages_exact(size, GFP_ATOMIC);
		}
	} while (!table && size > PAGE_SIZE && --log2qty);

	if (!table)
		panic("Failed to allocate %s hash table\n", tablename);

	printk(KERN_INFO "%s hash table entries: %ld (order: %d, %lu bytes)\n",
	       tablename,
	       (1UL << log2qty),
	       ilog2(size) - PAGE_SHIFT,
	       size);

	if (_hash_shift)
		*_hash_shift = log2qty;
	if (_hash_mask)
		*_hash_mask = (1 << log2qty) - 1;

	return table;
}
