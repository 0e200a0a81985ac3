// SPDX-License-Identifier: GPL-2.0-only
/*
 * inode.c - in-core inodes (fs/inode.c, Linux 4.0, reduced).
 *
 * new_inode() gives a file system an inode from the inode_cache (whose
 * constructor, init_once(), prepares the embedded address_space: an empty
 * page_tree, an empty i_mmap), on the super block's s_inodes list and, by
 * insert_inode_hash(), in inode_hashtable (vmalloc'ed by
 * alloc_large_system_hash("Inode-cache")).  The page cache of a regular
 * file is its i_data; i_mapping points to it.
 *
 * Where refmm departs from 4.0: inodes are never evicted (no LRU, no
 * shrinker), and there is no writeback list.
 */
#include <string.h>

#include <linux/bootmem.h>
#include <linux/gfp.h>
#include <linux/hash.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/fs.h>

static struct kmem_cache *inode_cachep __kdata;

static unsigned int i_hash_mask __kdata;
static unsigned int i_hash_shift __kdata;
static struct hlist_head *inode_hashtable __kdata;

/* inodes in use, the figure of /proc/sys/fs/inode-nr */
unsigned long nr_inodes __kdata;

static const struct address_space_operations empty_aops = {
	.readpage = NULL,
};

static unsigned long hash(struct super_block *sb, unsigned long hashval)
{
	unsigned long tmp;

	tmp = (hashval * (unsigned long)sb) ^ (GOLDEN_RATIO_PRIME_64 + hashval) /
			L1_CACHE_BYTES;
	tmp = tmp ^ ((tmp ^ GOLDEN_RATIO_PRIME_64) >> i_hash_shift);
	return tmp & i_hash_mask;
}

void address_space_init_once(struct address_space *mapping)
{
	memset(mapping, 0, sizeof(*mapping));
	INIT_RADIX_TREE(&mapping->page_tree, GFP_ATOMIC);
	spin_lock_init(&mapping->tree_lock);
	init_rwsem(&mapping->i_mmap_rwsem);
	INIT_LIST_HEAD(&mapping->private_list);
	spin_lock_init(&mapping->private_lock);
	mapping->i_mmap = RB_ROOT;
	INIT_LIST_HEAD(&mapping->i_mmap_nonlinear);
}

/*
 * init_once - the slab constructor: the fields that stay valid across
 * an inode's reuse are set once per object.
 */
static void inode_init_once(struct inode *inode)
{
	memset(inode, 0, sizeof(*inode));
	INIT_HLIST_NODE(&inode->i_hash);
	INIT_LIST_HEAD(&inode->i_wb_list);
	INIT_LIST_HEAD(&inode->i_lru);
	INIT_LIST_HEAD(&inode->i_sb_list);
	address_space_init_once(&inode->i_data);
}

static void init_once(void *foo)
{
	inode_init_once(foo);
}

/* inode_init_always - the fields every new inode of @sb starts with. */
static void inode_init_always(struct super_block *sb, struct inode *inode)
{
	struct address_space *const mapping = &inode->i_data;

	inode->i_sb = sb;
	inode->i_blkbits = sb->s_blocksize_bits;
	inode->i_flags = 0;
	atomic_set(&inode->i_count, 1);
	inode->i_op = NULL;
	inode->i_fop = NULL;
	inode->i_nlink = 1;
	inode->i_opflags = 0;
	inode->i_uid.val = 0;
	inode->i_gid.val = 0;
	atomic_set(&inode->i_writecount, 0);
	inode->i_size = 0;
	inode->i_blocks = 0;
	inode->i_bytes = 0;
	inode->i_rdev = 0;
	spin_lock_init(&inode->i_lock);
	mutex_init(&inode->i_mutex);
	INIT_HLIST_HEAD(&inode->i_dentry);

	mapping->a_ops = sb->s_aops ? sb->s_aops : &empty_aops;
	mapping->host = inode;
	mapping->flags = GFP_HIGHUSER_MOVABLE;	/* mapping_set_gfp_mask() */
	mapping->private_data = NULL;
	mapping->writeback_index = 0;
	inode->i_private = NULL;
	inode->i_mapping = mapping;
	nr_inodes++;
}

/* new_inode - a new inode of @sb: numbered, on its list, hashed. */
struct inode *new_inode(struct super_block *sb)
{
	struct inode *inode = kmem_cache_alloc(inode_cachep, GFP_KERNEL);

	if (!inode)
		return NULL;
	inode_init_always(sb, inode);
	inode->i_state = 0;
	inode->i_ino = ++sb->s_next_ino;	/* get_next_ino() */
	list_add(&inode->i_sb_list, &sb->s_inodes);
	/* insert_inode_hash() */
	hlist_add_head(&inode->i_hash,
		       inode_hashtable + hash(sb, inode->i_ino));
	return inode;
}

void iput(struct inode *inode)
{
	if (inode)
		atomic_dec(&inode->i_count);
}

/* inode_init - the inode cache and its hash table. */
void __init inode_init(void)
{
	unsigned int loop;

	/* inode slab cache */
	inode_cachep = kmem_cache_create("inode_cache",
					 sizeof(struct inode),
					 0,
					 (SLAB_RECLAIM_ACCOUNT | SLAB_PANIC |
					  SLAB_MEM_SPREAD),
					 init_once);

	inode_hashtable =
		alloc_large_system_hash("Inode-cache",
					sizeof(struct hlist_head),
					0,
					14,
					0,
					&i_hash_shift,
					&i_hash_mask,
					0,
					0);

	for (loop = 0; loop < (1U << i_hash_shift); loop++)
		INIT_HLIST_HEAD(&inode_hashtable[loop]);
}
