/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * buffer_head.h - buffers of the buffer cache (include/linux/
 * buffer_head.h, Linux 4.0).  A page of a block device's page cache is
 * cut into blocks, one buffer_head each, linked in a ring through
 * b_this_page; page->private points to the first and PG_private says so.
 */
#ifndef _LINUX_BUFFER_HEAD_H
#define _LINUX_BUFFER_HEAD_H

#include <linux/types.h>
#include <linux/list.h>

enum bh_state_bits {
	BH_Uptodate,	/* Contains valid data */
	BH_Dirty,	/* Is dirty */
	BH_Lock,	/* Is locked */
	BH_Req,		/* Has been submitted for I/O */
	BH_Uptodate_Lock,/* the first buffer's: serializes the page's I/O
			    completions */

	BH_Mapped,	/* Has a disk mapping */
	BH_New,		/* Disk mapping was newly created by get_block */
	BH_Async_Read,	/* Is under end_buffer_async_read I/O */
	BH_Async_Write,	/* Is under end_buffer_async_write I/O */
	BH_Delay,	/* Buffer is not yet allocated on disk */
	BH_Boundary,	/* Block is followed by a discontiguity */
	BH_Write_EIO,	/* I/O error on write */
	BH_Unwritten,	/* Buffer is allocated on disk but not written */
	BH_Quiet,	/* Buffer Error Prinks to be quiet */
	BH_Meta,	/* Buffer contains metadata */
	BH_Prio,	/* Buffer should be submitted with REQ_PRIO */
	BH_Defer_Completion, /* Defer AIO completion to workqueue */

	BH_PrivateStart,/* not a state: the first bit other code may use */
};

struct page;
struct buffer_head;
struct address_space;
struct block_device;
typedef void (bh_end_io_t)(struct buffer_head *bh, int uptodate);
typedef u64 sector_t;

/*
 * struct buffer_head: one block of a block device's page (b_page,
 * b_data), its number (b_blocknr) and state.  Since bios carry the I/O,
 * buffer heads map blocks and keep per-block state of cached metadata.
 */
struct buffer_head {
	unsigned long b_state;		/* buffer state bitmap (see above) */
	struct buffer_head *b_this_page;/* circular list of page's buffers */
	struct page *b_page;		/* the page this bh is mapped to */

	sector_t b_blocknr;		/* start block number */
	size_t b_size;			/* size of mapping */
	char *b_data;			/* pointer to data within the page */

	struct block_device *b_bdev;
	bh_end_io_t *b_end_io;		/* I/O completion */
	void *b_private;		/* reserved for b_end_io */
	struct list_head b_assoc_buffers; /* associated with another mapping */
	struct address_space *b_assoc_map;	/* mapping this buffer is
						   associated with */
	atomic_t b_count;		/* users using this buffer_head */
};

#endif /* _LINUX_BUFFER_HEAD_H */
