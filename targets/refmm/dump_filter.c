// SPDX-License-Identifier: GPL-2.0-only
/*
 * dump_filter.c - which pages makedumpfile's -d would leave out.
 *
 * makedumpfile reads mem_map from the dump and, page by page, excludes
 * (__exclude_unnecessary_pages() in makedumpfile.c):
 *
 *   free		PageBuddy: the head of a free block, and the
 *			1 << page_order() pages it spans; never a PG_slab
 *			page, whose _mapcount word is SLAB's active count
 *   cache		PG_lru (or PG_swapcache with PG_swapbacked), not
 *			PG_private, not anonymous: clean page cache
 *   cache private	the same with PG_private (buffer heads)
 *   user data		mapping with PAGE_MAPPING_ANON set, not a slab page
 *
 * and decides zero pages by their bytes.  refmm answers the same question
 * from its own structures, so that later kinds of pages (processes, page
 * cache: [refmm-3]) are covered by setting the flags the kernel sets.  It
 * also knows the pages on the per-cpu (pcp) lists, which are free but look
 * in use to makedumpfile; they are left out with the free pages.
 *
 * Called at dump time, with the machine stopped: no lock is needed.
 */
#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/percpu.h>

#include <string.h>

#include "internal.h"
#include "refmm/dump_filter.h"
#include "refmm/machine.h"

static int page_is_cache(const struct page *page)
{
	if (PageLRU(page))
		return 1;
	/* 4.10+ only trusts PG_swapcache with PG_swapbacked; 4.0 has both */
	return PageSwapCache(page) && PageSwapBacked(page);
}

static int page_is_anon(const struct page *page)
{
	/* PageAnon(): the low bit of page->mapping marks an anon_vma */
	return PageAnon(page) && !PageSlab(page);
}

unsigned int page_dump_class(const struct page *page)
{
	/*
	 * A slab's first page keeps SLAB's active count in the word of
	 * _mapcount, so the buddy mark alone does not tell: makedumpfile's
	 * page_is_buddy_v3() rules out PG_slab first.  Slab pages hold
	 * live objects and are never left out (not anonymous, not cache).
	 */
	if (PageSlab(page))
		return 0;
	if (PageBuddy(page))
		return DL_EXCLUDE_FREE;
	if (page_is_cache(page) && !page_is_anon(page)) {
		/* -d 4 takes all cache pages, -d 2 only those without private */
		if (PagePrivate(page))
			return DL_EXCLUDE_CACHE_PRI;
		return DL_EXCLUDE_CACHE | DL_EXCLUDE_CACHE_PRI;
	}
	if (page_is_anon(page))
		return DL_EXCLUDE_USER_DATA;
	return 0;
}

static void mark(unsigned char *cls, uint64_t nr_pfns, uint64_t pfn,
		 uint64_t nr, unsigned int bits)
{
	for (; nr && pfn < nr_pfns; nr--, pfn++)
		cls[pfn] = (unsigned char)bits;
}

static void mark_pcp_pages(unsigned char *cls, uint64_t nr_pfns, struct zone *zone)
{
	for (int cpu = 0; cpu < refmm_nr_cpus(); cpu++) {
		struct per_cpu_pages *pcp = &per_cpu_ptr(zone->pageset, cpu)->pcp;

		for (int mt = 0; mt < MIGRATE_PCPTYPES; mt++) {
			struct list_head *pos;

			list_for_each(pos, &pcp->lists[mt]) {
				struct page *page = list_entry(pos, struct page, lru);

				mark(cls, nr_pfns, page_to_pfn(page), 1, DL_EXCLUDE_FREE);
			}
		}
	}
}

void refmm_dump_classes(unsigned char *cls, uint64_t nr_pfns)
{
	struct pglist_data *pgdat;
	struct zone *zone;

	memset(cls, 0, nr_pfns);
	for_each_online_pgdat(pgdat) {
		unsigned long pfn = pgdat->node_start_pfn, end = pgdat_end_pfn(pgdat);

		while (pfn < end) {
			struct page *page = pgdat->node_mem_map + (pfn - pgdat->node_start_pfn);
			unsigned int bits = page_dump_class(page);
			unsigned long nr = 1;

			/*
			 * A free block's order is in its head page only, and
			 * a compound page's in its second page: both classes
			 * cover the whole block, as makedumpfile's do.
			 */
			if (bits == DL_EXCLUDE_FREE && page_order(page) < MAX_ORDER)
				nr = 1UL << page_order(page);
			else if (bits && PageHead(page))
				nr = 1UL << compound_order(page);
			mark(cls, nr_pfns, pfn, nr, bits);
			pfn += nr;
		}
	}
	for_each_populated_zone(zone)
		mark_pcp_pages(cls, nr_pfns, zone);
}
