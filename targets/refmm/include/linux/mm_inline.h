/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * mm_inline.h - moving pages on and off the LRU lists
 * (include/linux/mm_inline.h, Linux 4.0, without memory cgroups).
 *
 * Each zone has one lruvec (zone->lruvec): five lists of pages in use,
 * inactive and active anonymous, inactive and active file, and
 * unevictable.  A page on one has PG_lru, PG_active on the active lists,
 * PG_swapbacked when it is anonymous (or shmem), and is counted in the
 * zone's NR_LRU_BASE + lru counter.  Reclaim takes pages from the tail of
 * the inactive lists; new and referenced pages go to the head.
 */
#ifndef LINUX_MM_INLINE_H
#define LINUX_MM_INLINE_H

#include <linux/mm.h>
#include <linux/vmstat.h>

/*
 * page_is_file_cache - does @page belong on a file LRU list?  1 for page
 * cache of a regular file system, 0 for anonymous (or swap- and
 * RAM-backed, like tmpfs) pages: PG_swapbacked.
 */
static inline int page_is_file_cache(struct page *page)
{
	return !PageSwapBacked(page);
}

static inline struct zone *lruvec_zone(struct lruvec *lruvec)
{
	return container_of(lruvec, struct zone, lruvec);
}

static inline struct lruvec *mem_cgroup_page_lruvec(struct page *page,
						    struct zone *zone)
{
	(void)page;
	return &zone->lruvec;
}

static __always_inline void add_page_to_lru_list(struct page *page,
				struct lruvec *lruvec, enum lru_list lru)
{
	list_add(&page->lru, &lruvec->lists[lru]);
	__mod_zone_page_state(lruvec_zone(lruvec), NR_LRU_BASE + lru, 1);
}

static __always_inline void del_page_from_lru_list(struct page *page,
				struct lruvec *lruvec, enum lru_list lru)
{
	list_del(&page->lru);
	__mod_zone_page_state(lruvec_zone(lruvec), NR_LRU_BASE + lru, -1);
}

/* page_lru_base_type - LRU_INACTIVE_FILE or LRU_INACTIVE_ANON for @page. */
static inline enum lru_list page_lru_base_type(struct page *page)
{
	if (page_is_file_cache(page))
		return LRU_INACTIVE_FILE;
	return LRU_INACTIVE_ANON;
}

/*
 * page_off_lru - the list @page was on, its PG_active and
 * PG_unevictable cleared (before freeing).
 */
static __always_inline enum lru_list page_off_lru(struct page *page)
{
	enum lru_list lru;

	if (PageUnevictable(page)) {
		__ClearPageUnevictable(page);
		lru = LRU_UNEVICTABLE;
	} else {
		lru = page_lru_base_type(page);
		if (PageActive(page)) {
			__ClearPageActive(page);
			lru += LRU_ACTIVE;
		}
	}
	return lru;
}

/* page_lru - the LRU list @page belongs on. */
static __always_inline enum lru_list page_lru(struct page *page)
{
	enum lru_list lru;

	if (PageUnevictable(page))
		lru = LRU_UNEVICTABLE;
	else {
		lru = page_lru_base_type(page);
		if (PageActive(page))
			lru += LRU_ACTIVE;
	}
	return lru;
}

static inline int is_file_lru(enum lru_list lru)
{
	return (lru == LRU_INACTIVE_FILE || lru == LRU_ACTIVE_FILE);
}

static inline int is_active_lru(enum lru_list lru)
{
	return (lru == LRU_ACTIVE_ANON || lru == LRU_ACTIVE_FILE);
}

#define lru_to_page(_head) (list_entry((_head)->prev, struct page, lru))

#endif
