// SPDX-License-Identifier: GPL-2.0-only
/*
 * filemap.c - the page cache (mm/filemap.c, Linux 4.0, reduced).
 *
 * A file's cached pages are in its address_space: page_tree by index,
 * page->mapping the address_space, page->index the offset in pages,
 * counted in mapping->nrpages and the zone's NR_FILE_PAGES.  The cache
 * holds one reference to each of its pages; every pte that maps one holds
 * another.  New cache pages are locked while they are read, then
 * PG_uptodate; they start on the inactive file LRU
 * (add_to_page_cache_lru()).
 *
 * filemap_fault() is how a file VMA gets its pages: the cached page, or
 * one read from the file system (->readpage) together with a readahead
 * window of ra_pages around it, as 4.0's do_sync_mmap_readahead() reads
 * (MADV_RANDOM and MADV_SEQUENTIAL are not simulated).
 * refmm_read_file() is read(2): it caches pages and marks them accessed.
 *
 * Locking: mapping->tree_lock, the page lock; single-threaded here.
 */
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/mm_inline.h>
#include <linux/radix-tree.h>
#include <linux/sched.h>
#include <linux/vmstat.h>
#include <linux/fs.h>

/* default maximum readahead window: VM_MAX_READAHEAD, 128 KiB */
#define VM_MAX_READAHEAD	128	/* kbytes */
static unsigned long ra_pages __kdata = VM_MAX_READAHEAD * 1024 / PAGE_SIZE;

/* unlock_page - release PG_locked (4.0 also wakes the page's waiters). */
void unlock_page(struct page *page)
{
	VM_BUG_ON_PAGE(!PageLocked(page), page);
	ClearPageLocked(page);
}

/*
 * __delete_from_page_cache - take @page out of its mapping's radix tree
 * and the counters; the caller holds the page lock and the tree lock,
 * and nobody else uses the page.
 */
void __delete_from_page_cache(struct page *page, void *shadow)
{
	struct address_space *mapping = page->mapping;

	(void)shadow;
	radix_tree_delete(&mapping->page_tree, page->index);
	mapping->nrpages--;
	page->mapping = NULL;
	/* Leave page->index set: truncation lookup relies upon it */

	__dec_zone_page_state(page, NR_FILE_PAGES);
	if (PageSwapBacked(page))
		__dec_zone_page_state(page, NR_SHMEM);
	BUG_ON(page_mapped(page));

	/*
	 * A page leaving the cache was written back or truncated; if
	 * it is still dirty, take it out of the dirty count at least
	 * (PG_dirty itself goes when the page is freed).
	 */
	if (WARN_ON_ONCE(PageDirty(page))) {
		dec_zone_page_state(page, NR_FILE_DIRTY);
		ClearPageDirty(page);
	}
}

/*
 * delete_from_page_cache - remove locked @page from the page cache and
 * drop the cache's reference (the caller keeps its own).
 */
void delete_from_page_cache(struct page *page)
{
	struct address_space *mapping = page->mapping;

	BUG_ON(!PageLocked(page));
	spin_lock_irq(&mapping->tree_lock);
	__delete_from_page_cache(page, NULL);
	spin_unlock_irq(&mapping->tree_lock);
	page_cache_release(page);
}

/*
 * find_get_page - the page at @offset of @mapping, with a reference, or
 * NULL.
 */
struct page *find_get_page(struct address_space *mapping, pgoff_t offset)
{
	struct page *page;

	page = radix_tree_lookup(&mapping->page_tree, offset);
	if (page)
		page_cache_get(page);
	return page;
}

static int __add_to_page_cache_locked(struct page *page,
				      struct address_space *mapping,
				      pgoff_t offset, gfp_t gfp_mask)
{
	int error;

	(void)gfp_mask;
	VM_BUG_ON_PAGE(!PageLocked(page), page);
	VM_BUG_ON_PAGE(PageSwapBacked(page), page);

	page_cache_get(page);
	page->mapping = mapping;
	page->index = offset;

	spin_lock_irq(&mapping->tree_lock);
	error = radix_tree_insert(&mapping->page_tree, offset, page);
	if (unlikely(error))
		goto err_insert;
	mapping->nrpages++;
	__inc_zone_page_state(page, NR_FILE_PAGES);
	spin_unlock_irq(&mapping->tree_lock);
	return 0;
err_insert:
	page->mapping = NULL;
	/* Leave page->index set: truncation relies upon it */
	spin_unlock_irq(&mapping->tree_lock);
	page_cache_release(page);
	return error;
}

int add_to_page_cache_lru(struct page *page, struct address_space *mapping,
			  pgoff_t offset, gfp_t gfp_mask)
{
	int ret;

	__SetPageLocked(page);
	ret = __add_to_page_cache_locked(page, mapping, offset, gfp_mask);
	if (unlikely(ret)) {
		__ClearPageLocked(page);
	} else {
		/* no shadow entries: every page starts inactive */
		ClearPageActive(page);
		lru_cache_add(page);
	}
	return ret;
}

static inline gfp_t mapping_gfp_mask(struct address_space *mapping)
{
	return (gfp_t)mapping->flags & __GFP_BITS_MASK;
}

/*
 * page_cache_read - put page @offset of @file in the page cache, read
 * from the file system, unless it is there already.
 */
static int page_cache_read(struct file *file, pgoff_t offset)
{
	struct address_space *mapping = file->f_mapping;
	struct page *page;
	int ret;

	page = alloc_pages(mapping_gfp_mask(mapping) | __GFP_COLD, 0);
	if (!page)
		return -ENOMEM;

	ret = add_to_page_cache_lru(page, mapping, offset,
				    GFP_KERNEL & mapping_gfp_mask(mapping));
	if (ret == 0)
		ret = mapping->a_ops->readpage(file, page);
	else if (ret == -EEXIST)
		ret = 0; /* losing race to add is OK */

	page_cache_release(page);
	return ret;
}

/*
 * The readahead of a fault on a page not in the cache: ra_pages around
 * @offset (ra_submit() of do_sync_mmap_readahead()), the pages already
 * cached left alone, the page itself read by the caller.
 */
static void do_sync_mmap_readahead(struct file *file, pgoff_t offset)
{
	struct address_space *mapping = file->f_mapping;
	unsigned long size = (file_inode(file)->i_size + PAGE_SIZE - 1) >>
			     PAGE_SHIFT;
	pgoff_t start = offset > ra_pages / 2 ? offset - ra_pages / 2 : 0;
	pgoff_t i;

	for (i = start; i < start + ra_pages && i < size; i++) {
		struct page *page;

		if (i == offset)
			continue;
		page = radix_tree_lookup(&mapping->page_tree, i);
		if (page)
			continue;
		if (page_cache_read(file, i))
			break;
	}
}

/*
 * filemap_fault - the ->fault of file VMAs: find the page in the cache,
 * or read it (with readahead around it), and return it locked with a
 * reference (VM_FAULT_LOCKED).
 */
int filemap_fault(struct vm_area_struct *vma, struct vm_fault *vmf)
{
	int error;
	struct file *file = vma->vm_file;
	struct address_space *mapping = file->f_mapping;
	struct inode *inode = mapping->host;
	pgoff_t offset = vmf->pgoff;
	struct page *page;
	__kernel_loff_t size;
	int ret = 0;

	size = (inode->i_size + PAGE_SIZE - 1) >> PAGE_SHIFT;
	if (offset >= (pgoff_t)size)
		return VM_FAULT_SIGBUS;

	/* in the page cache already? */
	page = find_get_page(mapping, offset);
	if (!page) {
		/* No page in the page cache at all */
		do_sync_mmap_readahead(file, offset);
		if (current)
			current->maj_flt++;
		ret = VM_FAULT_MAJOR;
retry_find:
		page = find_get_page(mapping, offset);
		if (!page)
			goto no_cached_page;
	} else if (current) {
		current->min_flt++;
	}

	lock_page(page);

	/*
	 * locked and cached: refmm's reads never fail, so it is up to
	 * date
	 */
	if (unlikely(!PageUptodate(page))) {
		unlock_page(page);
		page_cache_release(page);
		return VM_FAULT_SIGBUS;
	}

	vmf->page = page;
	return ret | VM_FAULT_LOCKED;

no_cached_page:
	/* without readahead (MADV_RANDOM in the kernel) we come here */
	error = page_cache_read(file, offset);

	/*
	 * read now: look it up again (in the kernel it could have gone
	 * meanwhile)
	 */
	if (error >= 0)
		goto retry_find;

	/*
	 * page_cache_read() fails when memory is short (or the I/O
	 * could not be started)
	 */
	if (error == -ENOMEM)
		return VM_FAULT_OOM;
	return VM_FAULT_SIGBUS;
}

const struct vm_operations_struct generic_file_vm_ops = {
	.fault		= filemap_fault,
};

/*
 * read(2) of @nr pages of @file from @index, @accesses times: each page
 * is cached (read from the file system when it is not) and marked
 * accessed once per access, so that a file read twice ends up active, as
 * do_generic_file_read() leaves it.  Returns the pages read, or -ENOMEM.
 */
int refmm_read_file(struct file *file, pgoff_t index, unsigned long nr,
		    int accesses)
{
	struct address_space *mapping = file->f_mapping;
	unsigned long size = (file_inode(file)->i_size + PAGE_SIZE - 1) >>
			     PAGE_SHIFT;
	unsigned long i;
	int a;

	for (i = index; i < index + nr && i < size; i++) {
		struct page *page = find_get_page(mapping, i);

		if (!page) {
			int err = page_cache_read(file, i);

			if (err)
				return err == -ENOMEM ? -ENOMEM : -EIO;
			page = find_get_page(mapping, i);
			if (!page)
				return -EIO;
		}
		for (a = 0; a < accesses; a++)
			mark_page_accessed(page);
		page_cache_release(page);
	}
	return (int)(i - index);
}
