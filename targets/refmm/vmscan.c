// SPDX-License-Identifier: GPL-2.0-only
/*
 * vmscan.c - page reclaim (mm/vmscan.c, Linux 4.0, without swap, memory
 * cgroups, compaction or slab shrinkers).
 *
 * When a zone's free pages fall below its low watermark the allocator
 * wakes kswapd, which reclaims until the high watermark holds; an
 * allocation that still fails reclaims directly (try_to_free_pages()).
 * Both run shrink_zone() at decreasing priority: each pass scans
 * (list size >> priority) pages from the tail of the LRU lists.
 *
 *   shrink_active_list()    moves pages from the active to the inactive
 *                           list, giving referenced executable file pages
 *                           another trip round the active list;
 *   shrink_inactive_list()  isolates pages from the tail of an inactive
 *                           list and hands them to shrink_page_list(),
 *                           which frees the clean, unreferenced ones
 *                           (unmapping them first, writing dirty ones,
 *                           dropping buffers) and puts the rest back,
 *                           referenced ones on the active list.
 *
 * Without swap (refmm has none, as a machine with swapoff -a) anonymous
 * pages are never scanned (get_scan_count() picks SCAN_FILE): only the
 * page cache can be reclaimed, and a machine whose memory is anonymous
 * goes to the OOM killer.  The active file list is shrunk only while it
 * is larger than the inactive one (inactive_file_is_low()).
 *
 * Where refmm departs from 4.0: kswapd does not run as a thread; when it
 * is woken, balance_pgdat() runs at once on the waking CPU (the kswapd0
 * task exists, but the simulation does not switch to it).  No slab
 * shrinkers, no writeback throttling, no dirty page writeback delays.
 *
 * Locking: zone->lru_lock, the page lock; single-threaded here.
 */
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/mm_inline.h>
#include <linux/rmap.h>
#include <linux/sched.h>
#include <linux/vmstat.h>
#include <linux/fs.h>

#include "internal.h"

#define DEF_PRIORITY		12
#define SWAP_CLUSTER_MAX	32UL

struct scan_control {
	/* How many pages shrink_list() should reclaim */
	unsigned long nr_to_reclaim;

	/* This context's GFP mask */
	gfp_t gfp_mask;

	/* Allocation order */
	int order;

	/* the nodes the caller may use; NULL: every node */
	nodemask_t *nodemask;

	/* Scan (total_size >> priority) pages at once */
	int priority;

	unsigned int may_writepage:1;

	/* Can mapped pages be reclaimed? */
	unsigned int may_unmap:1;

	/* Can pages be swapped as part of reclaim? */
	unsigned int may_swap:1;

	/* Incremented by the number of inactive pages that were scanned */
	unsigned long nr_scanned;

	/* Number of pages freed so far during a call to shrink_zones() */
	unsigned long nr_reclaimed;
};

/* 0 to 100: how readily anonymous memory is swapped (no swap here) */
int vm_swappiness __kdata = 60;

/* kswapd's work, and the tally (cat /proc/vmstat's pgsteal and friends) */
unsigned long refmm_kswapd_runs __kdata;
unsigned long refmm_pages_reclaimed __kdata;

static unsigned long zone_reclaimable_pages(struct zone *zone)
{
	int nr;

	nr = zone_page_state(zone, NR_ACTIVE_FILE) +
	     zone_page_state(zone, NR_INACTIVE_FILE);

	if (get_nr_swap_pages() > 0)
		nr += zone_page_state(zone, NR_ACTIVE_ANON) +
		      zone_page_state(zone, NR_INACTIVE_ANON);

	return nr;
}

bool zone_reclaimable(struct zone *zone)
{
	return zone_page_state(zone, NR_PAGES_SCANNED) <
		zone_reclaimable_pages(zone) * 6;
}

static unsigned long get_lru_size(struct lruvec *lruvec, enum lru_list lru)
{
	return zone_page_state(lruvec_zone(lruvec), NR_LRU_BASE + lru);
}

/* The page's buffers (a bdev page) go before the page can. */
static int try_to_release_page(struct page *page, gfp_t gfp_mask)
{
	struct address_space *mapping = page->mapping;

	BUG_ON(!PageLocked(page));
	if (mapping && mapping->a_ops->releasepage)
		return mapping->a_ops->releasepage(page, gfp_mask);
	return try_to_free_buffers(page);
}

/* possible outcome of pageout() */
typedef enum {
	/* failed to write page out, page is locked */
	PAGE_KEEP,
	/* move page to the active list, page is locked */
	PAGE_ACTIVATE,
	/* page has been sent to the disk successfully, page is unlocked */
	PAGE_SUCCESS,
	/* page is clean and locked */
	PAGE_CLEAN,
} pageout_t;

/*
 * pageout - write a dirty page back before reclaiming it.
 * refmm's writes complete at once: the page comes back clean and locked.
 */
static pageout_t pageout(struct page *page, struct address_space *mapping,
			 struct scan_control *sc)
{
	if (!mapping)
		return PAGE_KEEP;
	if (!sc->may_writepage)
		return PAGE_KEEP;
	if (clear_page_dirty_for_io(page)) {
		inc_zone_page_state(page, NR_WRITTEN);
		return PAGE_CLEAN;
	}
	return PAGE_CLEAN;
}

/*
 * __remove_mapping - take @page out of its page cache when nobody else
 * uses it; it returns with a reference count of 0.
 */
static int __remove_mapping(struct address_space *mapping, struct page *page)
{
	BUG_ON(!PageLocked(page));
	BUG_ON(mapping != page_mapping(page));

	spin_lock_irq(&mapping->tree_lock);
	/*
	 * Is anyone else using the page?  Only the page cache's and
	 * the isolation's references may remain: freeze the count at 2
	 * (to 0), and only then look at PG_dirty; in the other order,
	 * a user could dirty the page and drop its reference in
	 * between.
	 */
	if (atomic_read(&page->_count) != 2)
		goto cannot_free;
	atomic_set(&page->_count, 0);	/* page_freeze_refs(page, 2) */
	if (unlikely(PageDirty(page))) {
		atomic_set(&page->_count, 2);
		goto cannot_free;
	}

	__delete_from_page_cache(page, NULL);
	spin_unlock_irq(&mapping->tree_lock);
	return 1;

cannot_free:
	spin_unlock_irq(&mapping->tree_lock);
	return 0;
}

enum page_references {
	PAGEREF_RECLAIM,
	PAGEREF_RECLAIM_CLEAN,
	PAGEREF_KEEP,
	PAGEREF_ACTIVATE,
};

static enum page_references page_check_references(struct page *page,
						  struct scan_control *sc)
{
	int referenced_ptes, referenced_page;
	unsigned long vm_flags;

	(void)sc;
	referenced_ptes = page_referenced(page, 1, &vm_flags);
	referenced_page = PageReferenced(page);
	ClearPageReferenced(page);

	/*
	 * mlock() raced with the isolation: try_to_unmap() moves the
	 * page to the unevictable list.
	 */
	if (vm_flags & VM_LOCKED)
		return PAGEREF_RECLAIM;

	if (referenced_ptes) {
		if (PageSwapBacked(page))
			return PAGEREF_ACTIVATE;
		/*
		 * A mapped file page has a page-table reference from the
		 * fault that mapped it, so one reference proves little:
		 * mark it PG_referenced and give it another round on the
		 * inactive list; a reference seen then activates it.
		 * Activated pages get the mark too, so that a page
		 * deactivated recently but still used comes back fast.
		 */
		SetPageReferenced(page);

		if (referenced_page || referenced_ptes > 1)
			return PAGEREF_ACTIVATE;

		/* executable file pages are activated on their first reuse */
		if (vm_flags & VM_EXEC)
			return PAGEREF_ACTIVATE;

		return PAGEREF_KEEP;
	}

	/* Reclaim if clean, defer dirty pages to writeback */
	if (referenced_page && !PageSwapBacked(page))
		return PAGEREF_RECLAIM_CLEAN;

	return PAGEREF_RECLAIM;
}

/*
 * shrink_page_list - try to free each page of @page_list; what cannot be
 * freed goes back to the list for the caller.  Returns the pages freed.
 */
static unsigned long shrink_page_list(struct list_head *page_list,
				      struct zone *zone,
				      struct scan_control *sc)
{
	LIST_HEAD(ret_pages);
	LIST_HEAD(free_pages);
	unsigned long nr_reclaimed = 0;

	(void)zone;
	while (!list_empty(page_list)) {
		struct address_space *mapping;
		struct page *page;
		enum page_references references = PAGEREF_RECLAIM_CLEAN;

		page = lru_to_page(page_list);
		list_del(&page->lru);

		if (!trylock_page(page))
			goto keep;

		VM_BUG_ON_PAGE(PageActive(page), page);

		sc->nr_scanned++;

		if (PageWriteback(page))
			goto keep_locked;

		references = page_check_references(page, sc);

		switch (references) {
		case PAGEREF_ACTIVATE:
			goto activate_locked;
		case PAGEREF_KEEP:
			goto keep_locked;
		case PAGEREF_RECLAIM:
		case PAGEREF_RECLAIM_CLEAN:
			; /* try to reclaim the page below */
		}

		/*
		 * anonymous memory has no backing store without a swap device:
		 * it stays
		 */
		if (PageAnon(page))
			goto activate_locked;

		mapping = page_mapping(page);

		/* mapped into some process: unmap it from all of them first */
		if (page_mapped(page) && mapping) {
			if (!sc->may_unmap)
				goto keep_locked;
			switch (try_to_unmap(page, TTU_UNMAP)) {
			case SWAP_FAIL:
				goto activate_locked;
			case SWAP_AGAIN:
				goto keep_locked;
			case SWAP_MLOCK:
				goto keep_locked;
			case SWAP_SUCCESS:
				; /* try to free the page below */
			}
		}

		if (PageDirty(page)) {
			if (references == PAGEREF_RECLAIM_CLEAN)
				goto keep_locked;

			/* Page is dirty, try to write it out here */
			switch (pageout(page, mapping, sc)) {
			case PAGE_KEEP:
				goto keep_locked;
			case PAGE_ACTIVATE:
				goto activate_locked;
			case PAGE_SUCCESS:
			case PAGE_CLEAN:
				; /* try to free the page below */
			}
		}

		/*
		 * buffer heads (block device metadata): drop them, then
		 * the page can go
		 */
		if (PagePrivate(page)) {
			if (!try_to_release_page(page, sc->gfp_mask))
				goto activate_locked;
		}

		if (!mapping || !__remove_mapping(mapping, page))
			goto keep_locked;

		/*
		 * Nobody else holds the page now (off the LRU, out of the
		 * page cache) and nobody can get it: plain flag operations
		 * are enough and no one waits on its lock.
		 */
		__ClearPageLocked(page);
		nr_reclaimed++;

		/* freed pages go back in one batch at the end */
		list_add(&page->lru, &free_pages);
		continue;

activate_locked:
		SetPageActive(page);
keep_locked:
		unlock_page(page);
keep:
		list_add(&page->lru, &ret_pages);
		VM_BUG_ON_PAGE(PageLRU(page) || PageUnevictable(page), page);
	}

	/* the freed pages: refcount 0, off every list, straight back */
	while (!list_empty(&free_pages)) {
		struct page *page = lru_to_page(&free_pages);

		list_del(&page->lru);
		set_page_count(page, 1);	/* free_hot_cold_page_list() */
		__free_page(page);
	}

	list_splice(&ret_pages, page_list);
	return nr_reclaimed;
}

/*
 * Isolate one page from the LRU lists: it must be on one and have a
 * user; it leaves with an extra reference and without PG_lru.
 */
static int __isolate_lru_page(struct page *page)
{
	/* Only take pages on the LRU. */
	if (!PageLRU(page))
		return -EINVAL;

	/* Compaction should not handle unevictable pages but CMA can do so */
	if (PageUnevictable(page))
		return -EINVAL;

	if (likely(get_page_unless_zero(page))) {
		/*
		 * PG_lru is cleared only once a reference is held: the freeing
		 * code relies on it to know the page is still on a list.
		 */
		ClearPageLRU(page);
		return 0;
	}
	return -EBUSY;
}

/*
 * isolate_lru_pages - move up to @nr_to_scan pages from the tail of list
 * @lru of @lruvec to @dst, taking a reference and clearing PG_lru, so
 * that they can be worked on without zone->lru_lock (a hot lock in the
 * kernel).  Pages that cannot be isolated go back to the head.
 * *@nr_scanned gets the pages looked at; returns the pages moved.
 * Called with zone->lru_lock held.
 */
static unsigned long isolate_lru_pages(unsigned long nr_to_scan,
				       struct lruvec *lruvec,
				       struct list_head *dst,
				       unsigned long *nr_scanned,
				       struct scan_control *sc,
				       enum lru_list lru)
{
	struct list_head *src = &lruvec->lists[lru];
	unsigned long nr_taken = 0;
	unsigned long scan;

	(void)sc;
	for (scan = 0; scan < nr_to_scan && !list_empty(src); scan++) {
		struct page *page;

		page = lru_to_page(src);

		VM_BUG_ON_PAGE(!PageLRU(page), page);

		switch (__isolate_lru_page(page)) {
		case 0:
			list_move(&page->lru, dst);
			nr_taken++;
			break;

		case -EBUSY:
			/* else it is being freed elsewhere */
			list_move(&page->lru, src);
			continue;

		default:
			BUG();
		}
	}

	*nr_scanned = scan;
	__mod_zone_page_state(lruvec_zone(lruvec), NR_LRU_BASE + lru,
			      -(long)nr_taken);
	return nr_taken;
}

static void putback_inactive_pages(struct lruvec *lruvec,
				   struct list_head *page_list)
{
	struct zone *zone = lruvec_zone(lruvec);
	LIST_HEAD(pages_to_free);

	/* what could not be freed goes back on the LRU */
	while (!list_empty(page_list)) {
		struct page *page = lru_to_page(page_list);
		int lru;

		VM_BUG_ON_PAGE(PageLRU(page), page);
		list_del(&page->lru);

		SetPageLRU(page);
		lru = page_lru(page);
		add_page_to_lru_list(page, lruvec, lru);

		if (is_active_lru(lru)) {
			int file = is_file_lru(lru);

			lruvec->reclaim_stat.recent_rotated[file]++;
		}
		if (put_page_testzero(page)) {
			__ClearPageLRU(page);
			__ClearPageActive(page);
			del_page_from_lru_list(page, lruvec, lru);
			list_add(&page->lru, &pages_to_free);
		}
	}
	(void)zone;

	while (!list_empty(&pages_to_free)) {
		struct page *page = lru_to_page(&pages_to_free);

		list_del(&page->lru);
		set_page_count(page, 1);
		__free_page(page);
	}
}

/*
 * shrink_inactive_list - isolate pages from the end of an inactive list
 * and reclaim what shrink_page_list() can; the rest returns.  Returns
 * the pages reclaimed (shrink_lruvec() calls it).
 */
static unsigned long shrink_inactive_list(unsigned long nr_to_scan,
					  struct lruvec *lruvec,
					  struct scan_control *sc,
					  enum lru_list lru)
{
	LIST_HEAD(page_list);
	unsigned long nr_scanned;
	unsigned long nr_reclaimed = 0;
	unsigned long nr_taken;
	int file = is_file_lru(lru);
	struct zone *zone = lruvec_zone(lruvec);
	struct zone_reclaim_stat *reclaim_stat = &lruvec->reclaim_stat;

	lru_add_drain();

	spin_lock_irq(&zone->lru_lock);

	nr_taken = isolate_lru_pages(nr_to_scan, lruvec, &page_list,
				     &nr_scanned, sc, lru);

	__mod_zone_page_state(zone, NR_ISOLATED_ANON + file, nr_taken);
	reclaim_stat->recent_scanned[file] += nr_taken;

	/* global reclaim */
	__mod_zone_page_state(zone, NR_PAGES_SCANNED, nr_scanned);
	spin_unlock_irq(&zone->lru_lock);

	if (nr_taken == 0)
		return 0;

	nr_reclaimed = shrink_page_list(&page_list, zone, sc);

	spin_lock_irq(&zone->lru_lock);

	putback_inactive_pages(lruvec, &page_list);

	__mod_zone_page_state(zone, NR_ISOLATED_ANON + file, -(long)nr_taken);

	spin_unlock_irq(&zone->lru_lock);

	refmm_pages_reclaimed += nr_reclaimed;
	return nr_reclaimed;
}

/*
 * shrink_active_list - age the active list: pages taken off its end
 * move to the inactive list unless rmap shows them referenced and they
 * are executable file pages, which get another round.
 * The pages are isolated first, so that zone->lru_lock need not be held
 * while page_referenced() walks the mappings; PG_active can be relied on
 * for pages off the LRU (nobody else changes it there).
 */
static void move_active_pages_to_lru(struct lruvec *lruvec,
				     struct list_head *list,
				     struct list_head *pages_to_free,
				     enum lru_list lru)
{
	while (!list_empty(list)) {
		struct page *page = lru_to_page(list);

		VM_BUG_ON_PAGE(PageLRU(page), page);
		SetPageLRU(page);

		list_move(&page->lru, &lruvec->lists[lru]);
		__mod_zone_page_state(lruvec_zone(lruvec), NR_LRU_BASE + lru, 1);

		if (put_page_testzero(page)) {
			__ClearPageLRU(page);
			__ClearPageActive(page);
			del_page_from_lru_list(page, lruvec, lru);
			list_add(&page->lru, pages_to_free);
		}
	}
}

static void shrink_active_list(unsigned long nr_to_scan,
			       struct lruvec *lruvec,
			       struct scan_control *sc,
			       enum lru_list lru)
{
	unsigned long nr_taken;
	unsigned long nr_scanned;
	unsigned long vm_flags;
	LIST_HEAD(l_hold);	/* The pages which were snipped off */
	LIST_HEAD(l_active);
	LIST_HEAD(l_inactive);
	struct page *page;
	struct zone_reclaim_stat *reclaim_stat = &lruvec->reclaim_stat;
	unsigned long nr_rotated = 0;
	int file = is_file_lru(lru);
	struct zone *zone = lruvec_zone(lruvec);

	lru_add_drain();

	spin_lock_irq(&zone->lru_lock);

	nr_taken = isolate_lru_pages(nr_to_scan, lruvec, &l_hold,
				     &nr_scanned, sc, lru);
	__mod_zone_page_state(zone, NR_PAGES_SCANNED, nr_scanned);
	reclaim_stat->recent_scanned[file] += nr_taken;
	__mod_zone_page_state(zone, NR_ISOLATED_ANON + file, nr_taken);
	spin_unlock_irq(&zone->lru_lock);

	while (!list_empty(&l_hold)) {
		page = lru_to_page(&l_hold);
		list_del(&page->lru);

		if (page_referenced(page, 0, &vm_flags)) {
			nr_rotated++;
			/*
			 * A referenced executable file page stays
			 * active for another round: program text
			 * should survive moderate pressure from
			 * streaming reads.  Anonymous VM_EXEC pages
			 * do not get this (use-once I/O does not
			 * evict them, and a JVM has plenty).
			 */
			if ((vm_flags & VM_EXEC) && page_is_file_cache(page)) {
				list_add(&page->lru, &l_active);
				continue;
			}
		}

		ClearPageActive(page);	/* we are de-activating */
		list_add(&page->lru, &l_inactive);
	}

	/* back to the LRU: the kept ones active, the others inactive */
	spin_lock_irq(&zone->lru_lock);
	/*
	 * Referenced pages of mappings in use count as rotated, even
	 * those not reactivated: get_scan_count() balances file
	 * against anon pressure with it.
	 */
	reclaim_stat->recent_rotated[file] += nr_rotated;

	{
		LIST_HEAD(l_free);

		move_active_pages_to_lru(lruvec, &l_active, &l_free, lru);
		move_active_pages_to_lru(lruvec, &l_inactive, &l_free,
					 lru - LRU_ACTIVE);
		__mod_zone_page_state(zone, NR_ISOLATED_ANON + file,
				      -(long)nr_taken);
		spin_unlock_irq(&zone->lru_lock);

		while (!list_empty(&l_free)) {
			page = lru_to_page(&l_free);
			list_del(&page->lru);
			set_page_count(page, 1);
			__free_page(page);
		}
	}
}

static int inactive_anon_is_low(struct lruvec *lruvec)
{
	/* without swap, aging anonymous pages is pointless */
	if (!total_swap_pages)
		return 0;
	return get_lru_size(lruvec, LRU_INACTIVE_ANON) * 3 <
		get_lru_size(lruvec, LRU_ACTIVE_ANON);
}

/*
 * inactive_file_is_low - should active file pages be deactivated?
 * @lruvec: the zone's LRU lists
 *
 * While fewer than half the file pages are inactive, yes: streaming I/O
 * then pushes the active list down.  Beyond that the active file pages,
 * the working set, are left alone.  (Anonymous pages use another ratio:
 * the page cache is use-once.)
 */
static int inactive_file_is_low(struct lruvec *lruvec)
{
	unsigned long inactive;
	unsigned long active;

	inactive = get_lru_size(lruvec, LRU_INACTIVE_FILE);
	active = get_lru_size(lruvec, LRU_ACTIVE_FILE);

	return active > inactive;
}

static int inactive_list_is_low(struct lruvec *lruvec, enum lru_list lru)
{
	if (is_file_lru(lru))
		return inactive_file_is_low(lruvec);
	else
		return inactive_anon_is_low(lruvec);
}

static unsigned long shrink_list(enum lru_list lru, unsigned long nr_to_scan,
				 struct lruvec *lruvec,
				 struct scan_control *sc)
{
	if (is_active_lru(lru)) {
		if (inactive_list_is_low(lruvec, lru))
			shrink_active_list(nr_to_scan, lruvec, sc, lru);
		return 0;
	}

	return shrink_inactive_list(nr_to_scan, lruvec, sc, lru);
}

/*
 * get_scan_count(): how much of each list to scan.  Without swap: the
 * file lists only, (size >> priority) each, and at least
 * SWAP_CLUSTER_MAX at priority 0.
 */
static void get_scan_count(struct lruvec *lruvec, struct scan_control *sc,
			   unsigned long *nr)
{
	enum lru_list lru;

	for (lru = 0; lru < NR_LRU_LISTS; lru++) {
		unsigned long size, scan = 0;

		if (is_file_lru(lru) || get_nr_swap_pages() > 0) {
			size = get_lru_size(lruvec, lru);
			scan = size >> sc->priority;
			if (!scan && !sc->priority)
				scan = min(size, SWAP_CLUSTER_MAX);
		}
		nr[lru] = lru == LRU_UNEVICTABLE ? 0 : scan;
	}
}

/*
 * shrink_lruvec - reclaim from one zone's lists, for kswapd and direct
 * reclaim alike.
 */
static void shrink_lruvec(struct lruvec *lruvec, struct scan_control *sc)
{
	unsigned long nr[NR_LRU_LISTS];
	unsigned long nr_to_scan;
	enum lru_list lru;
	unsigned long nr_reclaimed = 0;
	unsigned long nr_to_reclaim = sc->nr_to_reclaim;

	get_scan_count(lruvec, sc, nr);

	while (nr[LRU_INACTIVE_ANON] || nr[LRU_ACTIVE_FILE] ||
	       nr[LRU_INACTIVE_FILE]) {
		for (lru = 0; lru <= LRU_ACTIVE_FILE; lru++) {
			if (nr[lru]) {
				nr_to_scan = min(nr[lru], SWAP_CLUSTER_MAX);
				nr[lru] -= nr_to_scan;

				nr_reclaimed += shrink_list(lru, nr_to_scan,
							    lruvec, sc);
			}
		}

		if (nr_reclaimed >= nr_to_reclaim)
			break;
	}
	sc->nr_reclaimed += nr_reclaimed;

	/*
	 * even without anonymous reclaim, keep the anon lists'
	 * active/inactive balance
	 */
	if (inactive_anon_is_low(lruvec))
		shrink_active_list(SWAP_CLUSTER_MAX, lruvec,
				   sc, LRU_ACTIVE_ANON);
}

static void shrink_zone(struct zone *zone, struct scan_control *sc)
{
	shrink_lruvec(&zone->lruvec, sc);
}

/*
 * shrink_zones - direct reclaim over the zones that can satisfy the
 * caller's allocation.
 */
static bool shrink_zones(struct zonelist *zonelist, struct scan_control *sc)
{
	struct zoneref *z;
	struct zone *zone;
	bool reclaimable = false;
	enum zone_type requested_highidx = gfp_zone(sc->gfp_mask);

	for_each_zone_zonelist_nodemask(zone, z, zonelist,
					requested_highidx, sc->nodemask) {
		if (!populated_zone(zone))
			continue;
		if (sc->priority != DEF_PRIORITY && !zone_reclaimable(zone))
			continue;	/* Let kswapd poll it */

		shrink_zone(zone, sc);
		if (zone_reclaimable(zone))
			reclaimable = true;
	}
	return reclaimable;
}

/*
 * do_try_to_free_pages - direct reclaim: scan with rising priority
 * until enough is freed.  When a whole pass at the highest priority
 * frees nothing, the allocation is out of memory and the OOM killer is
 * next.
 *
 * Returns 0 when nothing was reclaimed, else the pages reclaimed (or 1
 * while some zone still looks reclaimable, to hold the OOM killer off).
 */
static unsigned long do_try_to_free_pages(struct zonelist *zonelist,
					  struct scan_control *sc)
{
	unsigned long total_scanned = 0;
	bool zones_reclaimable;

	do {
		sc->nr_scanned = 0;
		zones_reclaimable = shrink_zones(zonelist, sc);

		total_scanned += sc->nr_scanned;
		if (sc->nr_reclaimed >= sc->nr_to_reclaim)
			break;
	} while (--sc->priority >= 0);

	if (sc->nr_reclaimed)
		return sc->nr_reclaimed;

	/* Any of the zones still reclaimable?  Don't OOM. */
	if (zones_reclaimable)
		return 1;

	return 0;
}

unsigned long try_to_free_pages(struct zonelist *zonelist, int order,
				gfp_t gfp_mask, nodemask_t *nodemask)
{
	struct scan_control sc = {
		.nr_to_reclaim = SWAP_CLUSTER_MAX,
		.gfp_mask = (gfp_mask & GFP_RECLAIM_MASK),
		.order = order,
		.nodemask = nodemask,
		.priority = DEF_PRIORITY,
		.may_writepage = 1,
		.may_unmap = 1,
		.may_swap = 1,
	};

	return do_try_to_free_pages(zonelist, &sc);
}

static bool zone_balanced(struct zone *zone, int order,
			  unsigned long balance_gap, int classzone_idx)
{
	return zone_watermark_ok_safe(zone, order, high_wmark_pages(zone) +
				      balance_gap, classzone_idx, 0);
}

/*
 * balance_pgdat - kswapd's loop: reclaim in every zone of the node until
 * each is above its high watermark, or nothing more can be done.
 */
static void balance_pgdat(pg_data_t *pgdat, int order, int classzone_idx)
{
	struct scan_control sc = {
		.gfp_mask = GFP_KERNEL,
		.order = order,
		.priority = DEF_PRIORITY,
		.may_writepage = 1,
		.may_unmap = 1,
		.may_swap = 1,
	};
	int i;

	refmm_kswapd_runs++;
	do {
		bool balanced = true;

		sc.nr_reclaimed = 0;
		for (i = 0; i <= classzone_idx && i < MAX_NR_ZONES; i++) {
			struct zone *zone = pgdat->node_zones + i;

			if (!populated_zone(zone))
				continue;
			if (zone_balanced(zone, order, 0, 0))
				continue;
			balanced = false;
			if (sc.priority != DEF_PRIORITY &&
			    !zone_reclaimable(zone))
				continue;
			sc.nr_scanned = 0;
			sc.nr_to_reclaim = max(SWAP_CLUSTER_MAX,
					       high_wmark_pages(zone));
			shrink_zone(zone, &sc);
		}
		if (balanced)
			break;
	} while (--sc.priority >= 0);
}

/*
 * A zone is low on free memory: wake its node's kswapd.
 * refmm: kswapd's work is done here and now (see the file head).
 */
void wakeup_kswapd(struct zone *zone, int order, enum zone_type classzone_idx)
{
	pg_data_t *pgdat;
	static int in_kswapd __kdata;

	if (!populated_zone(zone))
		return;

	pgdat = zone->zone_pgdat;
	/* 4.0 asks waitqueue_active(): no kswapd thread yet, nobody to wake */
	if (!pgdat->kswapd)
		return;
	if (pgdat->kswapd_max_order < order) {
		pgdat->kswapd_max_order = order;
		pgdat->classzone_idx = min(pgdat->classzone_idx, classzone_idx);
	}
	if (zone_balanced(zone, order, 0, 0))
		return;
	if (in_kswapd)
		return;
	in_kswapd = 1;
	balance_pgdat(pgdat, order, MAX_NR_ZONES - 1);
	pgdat->kswapd_max_order = 0;
	in_kswapd = 0;
}

/*
 * kswapd_run - start the node's kswapd (at boot, and in 4.0 when a
 * node is hot-added).
 */
int kswapd_run(int nid)
{
	pg_data_t *pgdat = NODE_DATA(nid);
	struct task_struct *tsk;

	if (pgdat->kswapd)
		return 0;

	tsk = kthread_create_on_node_refmm("kswapd%d", nid, nid);
	if (IS_ERR(tsk)) {
		pr_err("Failed to start kswapd on node %d\n", nid);
		return PTR_ERR(tsk);
	}
	tsk->flags |= PF_MEMALLOC | PF_SWAPWRITE | PF_KSWAPD;
	pgdat->kswapd = tsk;
	return 0;
}

void __init kswapd_init(void)
{
	int nid;

	swap_setup();
	for_each_online_node(nid)
		kswapd_run(nid);
}
