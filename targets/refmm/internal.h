/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * internal.h - what refmm's mm files share and nothing else should use
 * (mm/internal.h).  The unit tests include it to drive expand(),
 * __rmqueue_smallest() and friends directly.
 */
#ifndef __MM_INTERNAL_H
#define __MM_INTERNAL_H

#include <linux/mm.h>

/* The ALLOC_WMARK bits are used as an index to zone->watermark */
#define ALLOC_WMARK_MIN		WMARK_MIN
#define ALLOC_WMARK_LOW		WMARK_LOW
#define ALLOC_WMARK_HIGH	WMARK_HIGH
#define ALLOC_NO_WATERMARKS	0x04 /* don't check watermarks at all */

/* Mask to get the watermark bits */
#define ALLOC_WMARK_MASK	(ALLOC_NO_WATERMARKS - 1)

#define ALLOC_HARDER		0x10 /* try to alloc harder */
#define ALLOC_HIGH		0x20 /* __GFP_HIGH set */
#define ALLOC_CPUSET		0x40 /* check for correct cpuset */
#define ALLOC_CMA		0x80 /* allow allocations from CMA areas */
#define ALLOC_FAIR		0x100 /* fair zone allocation */

/*
 * This function returns the order of a free page in the buddy system.  In
 * general, page_zone(page)->lock must be held by the caller to prevent the
 * page from being allocated in parallel and returning garbage as the order.
 */
static inline unsigned long page_order(struct page *page)
{
	/* PageBuddy() must be checked by the caller */
	return page_private(page);
}

extern unsigned long nr_bad_pages;
extern unsigned long nr_kernel_pages;
extern unsigned long nr_all_pages;
extern unsigned long dirty_balance_reserve;

void bad_page(struct page *page, const char *reason, unsigned long bad_flags);
void __free_pages_ok(struct page *page, unsigned int order);
void __free_one_page(struct page *page, unsigned long pfn, struct zone *zone,
		     unsigned int order, int migratetype);
void expand(struct zone *zone, struct page *page, int low, int high,
	    struct free_area *area, int migratetype);
struct page *__rmqueue_smallest(struct zone *zone, unsigned int order,
				int migratetype);
struct page *__rmqueue_fallback(struct zone *zone, unsigned int order,
				int start_migratetype);
int move_freepages(struct zone *zone, struct page *start_page,
		   struct page *end_page, int migratetype);
int move_freepages_block(struct zone *zone, struct page *page,
			 int migratetype);
void split_page(struct page *page, unsigned int order);
void reset_alloc_batches(struct zone *preferred_zone);

/* percpu.c: the consistency check of the first chunk's allocation map */
int pcpu_check_first_chunk(char *msg, size_t len);

/* setup.c: the node layout decided at boot */
void refmm_node_pfn_range(int nid, unsigned long *start_pfn,
			  unsigned long *end_pfn);

#endif /* __MM_INTERNAL_H */
