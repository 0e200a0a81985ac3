// SPDX-License-Identifier: GPL-2.0-only
/*
 * swap.c - the LRU lists (mm/swap.c, Linux 4.0).
 *
 * Pages in use by user space and the page cache are on their zone's LRU
 * lists (see <linux/mm_inline.h>).  lru_cache_add() puts a new page on
 * the list page_lru() names: new anonymous pages go to the active anon
 * list (lru_cache_add_active_or_unevictable()), page cache pages to the
 * inactive file list.  mark_page_accessed() moves a page up one step
 * on the ladder (inactive list, PG_referenced clear) < (inactive,
 * PG_referenced set) < (active list, PG_referenced clear) < (active,
 * PG_referenced set), and the last reference to a page takes it off its
 * list (__page_cache_release(), from put_page()).
 *
 * Where refmm departs from 4.0: no per-CPU pagevecs, the lists change
 * at once (lru_add_drain() has nothing to drain).
 *
 * Locking: zone->lru_lock around the lists; single-threaded here.
 */
#include <linux/mm.h>
#include <linux/mm_inline.h>
#include <linux/vmstat.h>

/* How many pages do we try to swap or page in/out together? */
int page_cluster __kdata;

static void update_page_reclaim_stat(struct lruvec *lruvec,
				     int file, int rotated)
{
	struct zone_reclaim_stat *reclaim_stat = &lruvec->reclaim_stat;

	reclaim_stat->recent_scanned[file]++;
	if (rotated)
		reclaim_stat->recent_rotated[file]++;
}

/*
 * __page_cache_release - take a page whose last reference is going
 * off its LRU list (4.0 frees most pages through pagevecs instead; refmm
 * has none).
 */
void __page_cache_release(struct page *page)
{
	if (PageLRU(page)) {
		struct zone *zone = page_zone(page);
		struct lruvec *lruvec;

		spin_lock_irq(&zone->lru_lock);
		lruvec = mem_cgroup_page_lruvec(page, zone);
		VM_BUG_ON_PAGE(!PageLRU(page), page);
		__ClearPageLRU(page);
		del_page_from_lru_list(page, lruvec, page_off_lru(page));
		spin_unlock_irq(&zone->lru_lock);
	}
}

static void __lru_cache_add(struct page *page)
{
	struct zone *zone = page_zone(page);
	struct lruvec *lruvec;
	int file = page_is_file_cache(page);
	int active = PageActive(page);
	enum lru_list lru = page_lru(page);

	spin_lock_irq(&zone->lru_lock);
	lruvec = mem_cgroup_page_lruvec(page, zone);
	VM_BUG_ON_PAGE(PageLRU(page), page);
	SetPageLRU(page);
	add_page_to_lru_list(page, lruvec, lru);
	update_page_reclaim_stat(lruvec, file, active);
	spin_unlock_irq(&zone->lru_lock);
}

/* lru_cache_add - put a new page on its LRU list (inactive). */
void lru_cache_add(struct page *page)
{
	VM_BUG_ON_PAGE(PageActive(page) && PageUnevictable(page), page);
	VM_BUG_ON_PAGE(PageLRU(page), page);
	__lru_cache_add(page);
}

/*
 * lru_cache_add_active_or_unevictable - put a new page of @vma on the
 * active list, or the unevictable one for a VM_LOCKED VMA (directly, not
 * through a pagevec).
 */
void lru_cache_add_active_or_unevictable(struct page *page,
					 struct vm_area_struct *vma)
{
	VM_BUG_ON_PAGE(PageLRU(page), page);

	if (likely((vma->vm_flags & (VM_LOCKED | VM_SPECIAL)) != VM_LOCKED)) {
		SetPageActive(page);
		lru_cache_add(page);
		return;
	}
	/* mlocked pages: refmm has no mlock, they never get here */
	SetPageUnevictable(page);
	lru_cache_add(page);
}

/* The page moves to the head of its active list. */
void activate_page(struct page *page)
{
	struct zone *zone = page_zone(page);

	spin_lock_irq(&zone->lru_lock);
	if (PageLRU(page) && !PageActive(page) && !PageUnevictable(page)) {
		struct lruvec *lruvec = mem_cgroup_page_lruvec(page, zone);
		int file = page_is_file_cache(page);
		int lru = page_lru_base_type(page);

		del_page_from_lru_list(page, lruvec, lru);
		SetPageActive(page);
		lru += LRU_ACTIVE;
		add_page_to_lru_list(page, lruvec, lru);
		update_page_reclaim_stat(lruvec, file, 1);
	}
	spin_unlock_irq(&zone->lru_lock);
}

/*
 * mark_page_accessed - a use of @page moves it one step up the ladder
 * of the header: a first use sets PG_referenced; a second, on an
 * inactive page, promotes it to the active list and clears the bit
 * again; on an active page the bit is set and the page stays.
 */
void mark_page_accessed(struct page *page)
{
	if (PageReferenced(page) && !PageActive(page) &&
	    !PageUnevictable(page)) {

		/*
		 * on an LRU list: move it to the active one now (4.0 queues
		 * it in a pagevec)
		 */
		if (PageLRU(page))
			activate_page(page);
		else
			SetPageActive(page);
		ClearPageReferenced(page);
	} else if (!PageReferenced(page)) {
		SetPageReferenced(page);
	}
}

/* No pagevecs: nothing waits to be added to or moved on the lists. */
void lru_add_drain(void)
{
}

/*
 * Batched page_cache_release(): each page loses a reference, and those
 * that lose their last leave the LRU and are freed.
 */
void release_pages(struct page **pages, int nr, bool cold)
{
	int i;

	(void)cold;
	for (i = 0; i < nr; i++)
		page_cache_release(pages[i]);
}

/* swap_setup - the readahead cluster: refmm has no swap to tune. */
void __init swap_setup(void)
{
	unsigned long megs = totalram_pages >> (20 - PAGE_SHIFT);

	/* Use a smaller cluster for small-memory machines */
	if (megs < 16)
		page_cluster = 2;
	else
		page_cluster = 3;
}
