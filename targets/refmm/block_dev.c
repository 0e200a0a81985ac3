// SPDX-License-Identifier: GPL-2.0-only
/*
 * block_dev.c - block devices and their page cache (fs/block_dev.c,
 * Linux 4.0, reduced).
 *
 * Each block device is a bdev_inode (bdev_cache): the struct block_device
 * and the inode whose i_data is the device's page cache -- the buffer
 * cache of file system metadata.  Block devices are on all_bdevs, which
 * is where crash's kmem -i adds up BUFFERS (nr_blockdev_pages()).
 * refmm_bread_page() is a metadata read through the buffer cache
 * (__bread()): the page is cached, cut into 1 KiB buffers, and accessed.
 */
#include <stdio.h>

#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/buffer_head.h>
#include <linux/fs.h>

struct bdev_inode {
	struct block_device bdev;
	struct inode vfs_inode;
};

static struct kmem_cache *bdev_cachep __kdata;
struct list_head all_bdevs __kdata = LIST_HEAD_INIT(all_bdevs);
static struct super_block *blockdev_superblock __kdata;

/* ->readpage of a block device: the blocks, read, in buffers */
static int blkdev_readpage(struct file *file, struct page *page)
{
	struct inode *inode = page->mapping->host;

	(void)file;
	refmm_fill_page(inode, page->index, page_address(page));
	create_empty_buffers(page, 1024,
			     (1UL << BH_Uptodate) | (1UL << BH_Mapped));
	SetPageUptodate(page);
	unlock_page(page);
	return 0;
}

static const struct address_space_operations def_blk_aops = {
	.readpage	= blkdev_readpage,
};

struct block_device *bdget(__kernel_dev_t dev)
{
	struct bdev_inode *ei;
	struct block_device *bdev;
	struct inode *inode;
	struct super_block *sb = blockdev_superblock;

	ei = kmem_cache_zalloc(bdev_cachep, GFP_KERNEL);
	if (!ei)
		return NULL;
	bdev = &ei->bdev;
	inode = &ei->vfs_inode;

	address_space_init_once(&inode->i_data);
	INIT_HLIST_HEAD(&inode->i_dentry);
	INIT_LIST_HEAD(&inode->i_sb_list);
	inode->i_sb = sb;
	inode->i_mode = S_IFBLK;
	inode->i_rdev = dev;
	inode->i_ino = dev;
	inode->i_bdev = bdev;
	inode->i_blkbits = 10;
	atomic_set(&inode->i_count, 1);
	inode->i_mapping = &inode->i_data;
	inode->i_data.host = inode;
	inode->i_data.a_ops = &def_blk_aops;
	inode->i_data.flags = GFP_USER;		/* mapping_set_gfp_mask() */
	inode->i_size = (__kernel_loff_t)8 << 30;	/* an 8 GiB disk */

	bdev->bd_dev = dev;
	bdev->bd_inode = inode;
	bdev->bd_block_size = 1024;
	INIT_LIST_HEAD(&bdev->bd_inodes);
	mutex_init(&bdev->bd_mutex);
	list_add(&bdev->bd_list, &all_bdevs);
	list_add(&inode->i_sb_list, &sb->s_inodes);
	return bdev;
}

long nr_blockdev_pages(void)
{
	struct block_device *bdev;
	long ret = 0;

	list_for_each_entry(bdev, &all_bdevs, bd_list)
		ret += bdev->bd_inode->i_mapping->nrpages;
	return ret;
}

/*
 * __bread() of the page of block device @bdev holding page @index: the
 * buffer cache keeps it, a new read brings it in (buffers and all).
 */
struct page *refmm_bread_page(struct block_device *bdev, pgoff_t index)
{
	struct address_space *mapping = bdev->bd_inode->i_mapping;
	struct page *page = find_get_page(mapping, index);

	if (!page) {
		page = alloc_pages(GFP_USER | __GFP_COLD, 0);
		if (!page)
			return NULL;
		if (add_to_page_cache_lru(page, mapping, index, GFP_KERNEL)) {
			page_cache_release(page);
			return NULL;
		}
		blkdev_readpage(NULL, page);
	}
	mark_page_accessed(page);
	return page;
}

void __init bdev_cache_init(void)
{
	bdev_cachep = kmem_cache_create("bdev_cache", sizeof(struct bdev_inode),
			0, (SLAB_HWCACHE_ALIGN | SLAB_RECLAIM_ACCOUNT |
			    SLAB_MEM_SPREAD | SLAB_PANIC),
			NULL);
	blockdev_superblock = kzalloc(sizeof(*blockdev_superblock),
				      GFP_KERNEL);
	INIT_LIST_HEAD(&blockdev_superblock->s_list);
	INIT_LIST_HEAD(&blockdev_superblock->s_inodes);
	INIT_LIST_HEAD(&blockdev_superblock->s_mounts);
	snprintf(blockdev_superblock->s_id, sizeof(blockdev_superblock->s_id),
		 "bdev");
	blockdev_superblock->s_blocksize = 1024;
	blockdev_superblock->s_blocksize_bits = 10;
}
