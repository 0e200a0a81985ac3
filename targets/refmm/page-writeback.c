// SPDX-License-Identifier: GPL-2.0-only
/*
 * page-writeback.c - dirty page cache pages (mm/page-writeback.c,
 * Linux 4.0, reduced).
 *
 * A page cache page written through a shared mapping (or whose pte was
 * dirty when it was unmapped) becomes PG_dirty and is counted in
 * NR_FILE_DIRTY (and NR_DIRTIED) until it is written back.  refmm's disk
 * writes take no time: when reclaim writes a dirty page (pageout() in
 * vmscan.c) it is clean again at once, counted in NR_WRITTEN, and there
 * is no writeback thread.  An anonymous page (no mapping) only gets the
 * flag.
 */
#include <linux/mm.h>
#include <linux/vmstat.h>
#include <linux/fs.h>

/*
 * Helper function for set_page_dirty family.
 * NOTE: This relies on being atomic wrt interrupts.
 */
static void account_page_dirtied(struct page *page,
				 struct address_space *mapping)
{
	(void)mapping;
	__inc_zone_page_state(page, NR_FILE_DIRTY);
	__inc_zone_page_state(page, NR_DIRTIED);
}

/*
 * For address_spaces which do not use buffers: mark the page dirty and
 * count it (the radix tree's dirty tag is not kept, see radix-tree.c).
 */
static int __set_page_dirty_nobuffers(struct page *page)
{
	if (!PageDirty(page)) {
		struct address_space *mapping = page_mapping(page);

		SetPageDirty(page);
		if (!mapping)
			return 1;
		account_page_dirtied(page, mapping);
		return 1;
	}
	return 0;
}

/*
 * set_page_dirty - mark @page dirty through its mapping's method (the
 * kernel wants the page lock held, for a consistent dirty state).
 */
int set_page_dirty(struct page *page)
{
	struct address_space *mapping = page_mapping(page);

	if (likely(mapping)) {
		int (*spd)(struct page *) = mapping->a_ops->set_page_dirty;

		if (!spd)
			spd = __set_page_dirty_nobuffers;
		return (*spd)(page);
	}
	if (!PageDirty(page)) {
		SetPageDirty(page);
		return 1;
	}
	return 0;
}

/*
 * clear_page_dirty_for_io - clean @page before writing it, taking it out
 * of the dirty count.  Returns true when it was dirty.
 */
int clear_page_dirty_for_io(struct page *page)
{
	struct address_space *mapping = page_mapping(page);

	BUG_ON(!PageLocked(page));
	if (PageDirty(page)) {
		ClearPageDirty(page);
		if (mapping)
			dec_zone_page_state(page, NR_FILE_DIRTY);
		return 1;
	}
	return 0;
}
