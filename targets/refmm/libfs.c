// SPDX-License-Identifier: GPL-2.0-only
/*
 * libfs.c - refmm's file systems (in the spirit of fs/libfs.c's simple
 * file systems): the disk mounted at /, calling itself "ext4", and
 * "devtmpfs" at /dev.
 *
 * refmm has no disk.  A file's contents are generated when a page of it
 * is read (->readpage): the first bytes of every page say which file and
 * page it is ("\177REFMM" ino index), the rest is zero, so a dump reader
 * (or a search) can tell which page of which file a page cache page
 * holds, and pages of never-written files compress to nothing.  Writes
 * (dirty pages) are written back to nowhere.
 *
 * Every super block is on super_blocks (fs/super.c).
 */
#include <stdio.h>
#include <string.h>

#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/fs.h>

struct list_head super_blocks __kdata = LIST_HEAD_INIT(super_blocks);

struct file_system_type refmm_ext4_fs_type __kdata = { .name = "ext4" };
struct file_system_type refmm_devtmpfs_fs_type __kdata = { .name = "devtmpfs" };

void refmm_fill_page(struct inode *inode, pgoff_t index, void *kaddr)
{
	char *p = kaddr;

	memset(p, 0, PAGE_SIZE);
	snprintf(p, 64, "\177REFMM dev %u ino %lu page %lu\n",
		 inode->i_sb->s_dev, inode->i_ino, (unsigned long)index);
}

/* ->readpage: the page is read, up to date and unlocked */
static int refmm_readpage(struct file *file, struct page *page)
{
	struct inode *inode = page->mapping->host;

	(void)file;
	refmm_fill_page(inode, page->index, page_address(page));
	SetPageUptodate(page);
	unlock_page(page);
	return 0;
}

static const struct address_space_operations refmm_aops = {
	.readpage	= refmm_readpage,
};

/* alloc_super() and the file system's fill_super(): a super block and
 * its root directory. */
struct super_block *refmm_fill_super(struct file_system_type *type,
				     struct block_device *bdev,
				     const char *id)
{
	static unsigned int anon_dev __kdata = 0x00100000;	/* MKDEV(0, N) */
	struct super_block *s = kzalloc(sizeof(*s), GFP_KERNEL);
	struct inode *root;

	if (!s)
		return NULL;
	INIT_LIST_HEAD(&s->s_list);
	INIT_LIST_HEAD(&s->s_mounts);
	INIT_LIST_HEAD(&s->s_inodes);
	INIT_HLIST_NODE(&s->s_instances);
	s->s_type = type;
	s->s_bdev = bdev;
	s->s_dev = bdev ? bdev->bd_dev : anon_dev++;
	s->s_blocksize = PAGE_SIZE;
	s->s_blocksize_bits = PAGE_SHIFT;
	s->s_maxbytes = 0x7fffffffffffffffLL;
	s->s_count = 1;
	atomic_set(&s->s_active, 1);
	s->s_magic = bdev ? 0xEF53 : 0x01021994;	/* EXT4/TMPFS_MAGIC */
	s->s_aops = &refmm_aops;
	snprintf(s->s_id, sizeof(s->s_id), "%s", id);
	hlist_add_head(&s->s_instances, &type->fs_supers);
	list_add_tail(&s->s_list, &super_blocks);

	root = new_inode(s);
	if (!root)
		return NULL;
	root->i_mode = S_IFDIR | 0755;
	root->i_nlink = 2;
	s->s_root = d_make_root(root);
	if (!s->s_root)
		return NULL;
	return s;
}
