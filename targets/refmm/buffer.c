// SPDX-License-Identifier: GPL-2.0-only
/*
 * buffer.c - buffer heads (fs/buffer.c, Linux 4.0, reduced to what the
 * buffer cache of a block device needs).
 *
 * create_empty_buffers() cuts a page into blocks: a ring of buffer_heads
 * from the buffer_head cache, the page's private pointing to it, PG_private
 * set and an extra page reference held (attach_page_buffers()), as 4.0
 * does.  try_to_free_buffers() undoes it before reclaim frees the page.
 * These are the pages crash counts as BUFFERS (the block devices' page
 * cache) and makedumpfile as "cache with private data".
 */
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/buffer_head.h>
#include <linux/fs.h>

static struct kmem_cache *bh_cachep __kdata;

/* buffer_heads in use, the figure of /proc/sys/vm/buffer_heads */
static int buffer_heads_nr __kdata;

static struct buffer_head *alloc_buffer_head(gfp_t gfp_flags)
{
	struct buffer_head *ret = kmem_cache_zalloc(bh_cachep, gfp_flags);

	if (ret) {
		INIT_LIST_HEAD(&ret->b_assoc_buffers);
		buffer_heads_nr++;
	}
	return ret;
}

static void free_buffer_head(struct buffer_head *bh)
{
	BUG_ON(!list_empty(&bh->b_assoc_buffers));
	kmem_cache_free(bh_cachep, bh);
	buffer_heads_nr--;
}

static inline void attach_page_buffers(struct page *page,
				       struct buffer_head *head)
{
	page_cache_get(page);
	SetPagePrivate(page);
	set_page_private(page, (unsigned long)head);
}

static void __clear_page_buffers(struct page *page)
{
	ClearPagePrivate(page);
	set_page_private(page, 0);
	page_cache_release(page);
}

/*
 * the buffers are attached (and dirtied) under private_lock, as
 * __set_page_dirty_buffers() expects; the page lock keeps
 * try_to_free_buffers() away
 */
void create_empty_buffers(struct page *page, unsigned long blocksize,
			  unsigned long b_state)
{
	struct buffer_head *bh, *head = NULL, *tail = NULL;
	struct block_device *bdev = page->mapping ?
		page->mapping->host->i_bdev : NULL;
	long offset;

	for (offset = PAGE_SIZE - blocksize; offset >= 0;
	     offset -= blocksize) {
		bh = alloc_buffer_head(GFP_NOFS);
		if (!bh)
			break;
		bh->b_this_page = head;
		bh->b_blocknr = (page->index << (PAGE_SHIFT - 10)) +
				offset / 1024;
		bh->b_size = blocksize;
		bh->b_page = page;
		bh->b_data = (char *)page_address(page) + offset;
		bh->b_bdev = bdev;
		bh->b_state = b_state;
		head = bh;
		if (!tail)
			tail = bh;
	}
	if (!head)
		return;
	tail->b_this_page = head;
	attach_page_buffers(page, head);
}

int try_to_free_buffers(struct page *page)
{
	struct buffer_head *head, *bh;

	if (!PagePrivate(page))
		return 1;
	head = (struct buffer_head *)page_private(page);
	bh = head;
	do {
		struct buffer_head *next = bh->b_this_page;

		free_buffer_head(bh);
		bh = next;
	} while (bh != head);
	__clear_page_buffers(page);
	return 1;
}

void __init buffer_init(void)
{
	bh_cachep = kmem_cache_create("buffer_head",
			sizeof(struct buffer_head), 0,
				(SLAB_RECLAIM_ACCOUNT | SLAB_PANIC |
				SLAB_MEM_SPREAD),
				NULL);
}
