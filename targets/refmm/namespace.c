// SPDX-License-Identifier: GPL-2.0-only
/*
 * namespace.c - mounts (fs/namespace.c, Linux 4.0, reduced).
 *
 * A struct mount (from mnt_cache) wraps the vfsmount a path points to:
 * mnt_parent and mnt_mountpoint say where it is mounted (the root mount
 * is its own parent), mnt_mounts and mnt_child form the tree, and child
 * mounts are hashed in mount_hashtable by (parent, mountpoint) so that a
 * path walk crosses into them (lookup_mnt()).  The tables come from
 * alloc_large_system_hash() ("Mount-cache", "Mountpoint-cache").
 *
 * refmm mounts its disk at / and devtmpfs at /dev at boot (see
 * refmm_mount_root()); there are no mount namespaces beyond that tree.
 */
#include <string.h>

#include <linux/bootmem.h>
#include <linux/hash.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/fs.h>

static struct kmem_cache *mnt_cache __kdata;
static unsigned int m_hash_mask __kdata;
static unsigned int m_hash_shift __kdata;
static unsigned int mp_hash_mask __kdata;
static unsigned int mp_hash_shift __kdata;
static struct hlist_head *mount_hashtable __kdata;
static struct hlist_head *mountpoint_hashtable __kdata;
static int mnt_id_next __kdata;

/* the root of the mount tree: "/" */
struct mount *refmm_root_mount __kdata;

static inline struct hlist_head *m_hash(struct vfsmount *mnt,
					struct dentry *dentry)
{
	unsigned long tmp = ((unsigned long)mnt / L1_CACHE_BYTES);

	tmp += ((unsigned long)dentry / L1_CACHE_BYTES);
	tmp = tmp + (tmp >> m_hash_shift);
	return &mount_hashtable[tmp & m_hash_mask];
}

static struct mount *alloc_vfsmnt(const char *name)
{
	struct mount *mnt = kmem_cache_zalloc(mnt_cache, GFP_KERNEL);

	if (mnt) {
		mnt->mnt_id = mnt_id_next++;
		if (name)
			mnt->mnt_devname = kstrdup(name, GFP_KERNEL);
		mnt->mnt_count = 1;
		INIT_HLIST_NODE(&mnt->mnt_hash);
		INIT_LIST_HEAD(&mnt->mnt_child);
		INIT_LIST_HEAD(&mnt->mnt_mounts);
		INIT_LIST_HEAD(&mnt->mnt_list);
		INIT_LIST_HEAD(&mnt->mnt_instance);
	}
	return mnt;
}

/* mount a file system of @type from @bdev (NULL for a pseudo one) */
struct vfsmount *vfs_kern_mount_refmm(struct file_system_type *type,
				      const char *devname,
				      struct block_device *bdev)
{
	struct super_block *sb;
	struct mount *mnt;

	mnt = alloc_vfsmnt(devname);
	if (!mnt)
		return NULL;
	sb = refmm_fill_super(type, bdev, bdev ? devname + 5 : type->name);
	if (!sb) {
		kmem_cache_free(mnt_cache, mnt);
		return NULL;
	}
	mnt->mnt.mnt_root = sb->s_root;
	sb->s_root->d_lockref.count++;	/* dget() */
	mnt->mnt.mnt_sb = sb;
	mnt->mnt_mountpoint = mnt->mnt.mnt_root;
	mnt->mnt_parent = mnt;
	list_add_tail(&mnt->mnt_instance, &sb->s_mounts);
	return &mnt->mnt;
}

/* attach_mnt(): @newmnt appears at @mountpoint */
int do_add_mount_refmm(struct mount *newmnt, struct path *mountpoint)
{
	struct mount *parent = real_mount(mountpoint->mnt);

	newmnt->mnt_parent = parent;
	newmnt->mnt_mountpoint = mountpoint->dentry;
	mountpoint->dentry->d_flags |= DCACHE_MOUNTED;
	mountpoint->dentry->d_lockref.count++;
	parent->mnt_count++;
	list_add_tail(&newmnt->mnt_child, &parent->mnt_mounts);
	hlist_add_head(&newmnt->mnt_hash,
		       m_hash(&parent->mnt, mountpoint->dentry));
	list_add_tail(&newmnt->mnt_list, &refmm_root_mount->mnt_list);
	return 0;
}

/* The mount on top of @dentry in @mnt, or NULL. */
struct vfsmount *lookup_mnt_refmm(struct vfsmount *mnt, struct dentry *dentry)
{
	struct hlist_head *head = m_hash(mnt, dentry);
	struct mount *p;

	hlist_for_each_entry(p, head, mnt_hash)
		if (&p->mnt_parent->mnt == mnt && p->mnt_mountpoint == dentry)
			return &p->mnt;
	return NULL;
}

void __init mnt_init(void)
{
	unsigned int u;

	mnt_cache = kmem_cache_create("mnt_cache", sizeof(struct mount),
			0, SLAB_HWCACHE_ALIGN | SLAB_PANIC, NULL);

	mount_hashtable = alloc_large_system_hash("Mount-cache",
				sizeof(struct hlist_head),
				0,
				19,
				0,
				&m_hash_shift, &m_hash_mask, 0, 0);
	mountpoint_hashtable = alloc_large_system_hash("Mountpoint-cache",
				sizeof(struct hlist_head),
				0,
				19,
				0,
				&mp_hash_shift, &mp_hash_mask, 0, 0);

	for (u = 0; u <= m_hash_mask; u++)
		INIT_HLIST_HEAD(&mount_hashtable[u]);
	for (u = 0; u <= mp_hash_mask; u++)
		INIT_HLIST_HEAD(&mountpoint_hashtable[u]);
}
