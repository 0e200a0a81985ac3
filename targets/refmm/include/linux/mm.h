/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * mm.h - struct page helpers: zone and node bits, reference counts,
 * compound pages, page <-> pfn <-> address conversions.
 *
 * page->flags layout (64 bits):
 *	| NODE (2) | ZONE (2) | ... unused ... | enum pageflags (NR_PAGEFLAGS) |
 * NODES_PGSHIFT and ZONES_PGSHIFT give the positions, as in the kernel
 * without SPARSEMEM section bits.
 *
 * Memory model: each node has its own mem_map (pgdat->node_mem_map), so
 * pfn_to_page() finds the node first (DISCONTIGMEM-like); mem_map is node
 * 0's map, which is all of them when there is one node (FLATMEM view).
 */
#ifndef _LINUX_MM_H
#define _LINUX_MM_H

#include <linux/types.h>
#include <linux/kernel.h>
#include <linux/mm_types.h>
#include <linux/mmzone.h>
#include <linux/page-flags.h>
#include <linux/mmdebug.h>
#include <linux/atomic.h>
#include <asm/page.h>

#define NODES_WIDTH		NODES_SHIFT
#define ZONES_WIDTH		ZONES_SHIFT
#define SECTIONS_WIDTH		0
#define NODES_PGOFF		(BITS_PER_LONG - NODES_WIDTH)
#define ZONES_PGOFF		(NODES_PGOFF - ZONES_WIDTH)
#define NODES_PGSHIFT		NODES_PGOFF
#define ZONES_PGSHIFT		ZONES_PGOFF
#define NODES_MASK		((1UL << NODES_WIDTH) - 1)
#define ZONES_MASK		((1UL << ZONES_WIDTH) - 1)
/* zone and node together: what page_zone_id() compares for buddies */
#define ZONEID_SHIFT		(NODES_SHIFT + ZONES_SHIFT)
#define ZONEID_PGSHIFT		ZONES_PGOFF
#define ZONEID_MASK		((1UL << ZONEID_SHIFT) - 1)

#if NR_PAGEFLAGS > ZONES_PGOFF
#error "page->flags: not enough room for zone and node bits"
#endif

extern struct page *mem_map;
extern unsigned long totalram_pages;
extern unsigned long totalreserve_pages;
extern unsigned long max_mapnr;
extern unsigned long num_physpages;

static inline enum zone_type page_zonenum(const struct page *page)
{
	return (page->flags >> ZONES_PGSHIFT) & ZONES_MASK;
}

static inline int page_to_nid(const struct page *page)
{
	return (page->flags >> NODES_PGSHIFT) & NODES_MASK;
}

static inline int page_zone_id(const struct page *page)
{
	return (page->flags >> ZONEID_PGSHIFT) & ZONEID_MASK;
}

static inline struct zone *page_zone(const struct page *page)
{
	return &NODE_DATA(page_to_nid(page))->node_zones[page_zonenum(page)];
}

static inline void set_page_zone(struct page *page, enum zone_type zone)
{
	page->flags &= ~(ZONES_MASK << ZONES_PGSHIFT);
	page->flags |= (unsigned long)(zone & ZONES_MASK) << ZONES_PGSHIFT;
}

static inline void set_page_node(struct page *page, unsigned long node)
{
	page->flags &= ~(NODES_MASK << NODES_PGSHIFT);
	page->flags |= (node & NODES_MASK) << NODES_PGSHIFT;
}

static inline void set_page_links(struct page *page, enum zone_type zone,
				  unsigned long node, unsigned long pfn)
{
	(void)pfn;
	set_page_zone(page, zone);
	set_page_node(page, node);
}

/* ---- pfn <-> page <-> address ---- */

static inline bool pfn_valid(unsigned long pfn)
{
	int nid;

	for (nid = 0; nid < MAX_NUMNODES; nid++) {
		pg_data_t *pgdat = NODE_DATA(nid);

		if (pgdat && pfn >= pgdat->node_start_pfn &&
		    pfn < pgdat_end_pfn(pgdat))
			return true;
	}
	return false;
}

static inline struct page *pfn_to_page(unsigned long pfn)
{
	int nid;

	for (nid = 0; nid < MAX_NUMNODES; nid++) {
		pg_data_t *pgdat = NODE_DATA(nid);

		if (pgdat && pfn >= pgdat->node_start_pfn &&
		    pfn < pgdat_end_pfn(pgdat))
			return pgdat->node_mem_map + (pfn - pgdat->node_start_pfn);
	}
	return NULL;
}

static inline unsigned long page_to_pfn(const struct page *page)
{
	pg_data_t *pgdat = NODE_DATA(page_to_nid(page));

	return (unsigned long)(page - pgdat->node_mem_map) +
		pgdat->node_start_pfn;
}

static inline void *lowmem_page_address(const struct page *page)
{
	return __va(PFN_PHYS(page_to_pfn(page)));
}

#define page_address(page)	lowmem_page_address(page)
#define virt_to_page(kaddr)	pfn_to_page(__pa(kaddr) >> PAGE_SHIFT)
#define virt_addr_valid(kaddr)	pfn_valid(__pa(kaddr) >> PAGE_SHIFT)
#define page_to_phys(page)	PFN_PHYS(page_to_pfn(page))

/* ---- reference counts ---- */

static inline int page_count(const struct page *page)
{
	return atomic_read(&page->_count);
}

static inline void set_page_count(struct page *page, int v)
{
	atomic_set(&page->_count, v);
}

static inline void init_page_count(struct page *page)
{
	atomic_set(&page->_count, 1);
}

static inline void set_page_refcounted(struct page *page)
{
	VM_BUG_ON_PAGE(PageTail(page), page);
	VM_BUG_ON_PAGE(atomic_read(&page->_count), page);
	set_page_count(page, 1);
}

static inline int put_page_testzero(struct page *page)
{
	VM_BUG_ON_PAGE(atomic_read(&page->_count) == 0, page);
	return atomic_dec_and_test(&page->_count);
}

static inline int get_page_unless_zero(struct page *page)
{
	if (atomic_read(&page->_count) == 0)
		return 0;
	atomic_inc(&page->_count);
	return 1;
}

static inline int page_mapcount(const struct page *page)
{
	return atomic_read(&page->_mapcount) + 1;
}

static inline void page_mapcount_reset(struct page *page)
{
	atomic_set(&page->_mapcount, -1);
}

/*
 * For pages that are never mapped to userspace, page->_mapcount may be
 * used for storing extra information about page type.  Any value used for
 * this purpose must be <= -2, but it's better to start not too close to -2
 * so that an underflow of the page_mapcount() won't be mistaken for a
 * special page.  The buddy allocator marks the first page of a free block
 * with PAGE_BUDDY_MAPCOUNT_VALUE (Linux 4.0 has no PG_buddy flag; the
 * vmcoreinfo exports the value for dump readers).
 */
#define PAGE_BUDDY_MAPCOUNT_VALUE (-128)

static inline int PageBuddy(const struct page *page)
{
	return atomic_read(&page->_mapcount) == PAGE_BUDDY_MAPCOUNT_VALUE;
}

/*
 * CONFIG_REFMM_PG_BUDDY (the alternative build) also keeps the pre-2.6.38
 * PG_buddy flag in step with the mark: see <linux/page-flags.h>.
 */
static inline void __SetPageBuddy(struct page *page)
{
	VM_BUG_ON_PAGE(atomic_read(&page->_mapcount) != -1, page);
	atomic_set(&page->_mapcount, PAGE_BUDDY_MAPCOUNT_VALUE);
#ifdef CONFIG_REFMM_PG_BUDDY
	__SetPageBuddyFlag(page);
#endif
}

static inline void __ClearPageBuddy(struct page *page)
{
	VM_BUG_ON_PAGE(!PageBuddy(page), page);
	atomic_set(&page->_mapcount, -1);
#ifdef CONFIG_REFMM_PG_BUDDY
	__ClearPageBuddyFlag(page);
#endif
}

#define page_private(page)		((page)->private)
#define set_page_private(page, v)	((page)->private = (v))

/* ---- compound pages ---- */

static inline struct page *compound_head(struct page *page)
{
	if (unlikely(PageTail(page)))
		return page->first_page;
	return page;
}

static inline struct page *virt_to_head_page(const void *x)
{
	struct page *page = virt_to_page(x);

	return compound_head(page);
}

static inline int compound_order(struct page *page)
{
	if (!PageHead(page))
		return 0;
	return (unsigned long)page[1].lru.prev;
}

static inline void set_compound_order(struct page *page, unsigned long order)
{
	page[1].lru.prev = (void *)order;
}

static inline compound_page_dtor *get_compound_page_dtor(struct page *page)
{
	return (compound_page_dtor *)page[1].lru.next;
}

static inline void set_compound_page_dtor(struct page *page,
					  compound_page_dtor *dtor)
{
	page[1].lru.next = (void *)dtor;
}

void prep_compound_page(struct page *page, unsigned long order);
void get_page(struct page *page);
void put_page(struct page *page);

/* Free-page migratetype, kept in page->index while a page is free. */
static inline void set_freepage_migratetype(struct page *page, int migratetype)
{
	page->index = migratetype;
}

static inline int get_freepage_migratetype(struct page *page)
{
	return page->index;
}

static inline int get_pfnblock_migratetype(struct page *page,
					   unsigned long pfn)
{
	return get_pfnblock_flags_mask(page, pfn, PB_migrate_end,
				       MIGRATETYPE_MASK);
}

static inline int get_pageblock_migratetype(struct page *page)
{
	return get_pfnblock_migratetype(page, page_to_pfn(page));
}

void set_pageblock_migratetype(struct page *page, int migratetype);

/* ---- boot and statistics ---- */

void free_area_init_nodes(unsigned long *max_zone_pfn);
void build_all_zonelists(pg_data_t *pgdat, struct zone *zone);
void setup_per_cpu_pageset(void);
void setup_per_zone_wmarks(void);
int init_per_zone_wmark_min(void);
void __free_pages_bootmem(struct page *page, unsigned int order);
unsigned long nr_free_buffer_pages(void);
unsigned long nr_free_pagecache_pages(void);
void show_free_areas(unsigned int filter);
void si_meminfo_node_free(int nid, unsigned long *free);

#endif /* _LINUX_MM_H */
