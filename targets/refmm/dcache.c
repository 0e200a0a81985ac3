// SPDX-License-Identifier: GPL-2.0-only
/*
 * dcache.c - the directory entry cache (fs/dcache.c, Linux 4.0, reduced).
 *
 * A dentry names one path component: d_name (a qstr: hash, length and the
 * name, inline in d_iname when short, else in a kmalloc'ed external_name),
 * d_parent (itself at the root of a file system), d_inode.  Children hang
 * on their parent's d_subdirs through d_child; positive dentries are
 * hashed into dentry_hashtable (hlist_bl by parent and name hash, a table
 * alloc_large_system_hash() puts in vmalloc space) for d_lookup().
 * d_path_refmm() builds a path as d_path() does: up the d_parent chain,
 * crossing from a mounted root to its mountpoint in the parent mount.
 *
 * Where refmm departs from 4.0: no LRU of unused dentries, no shrinker,
 * no RCU walk; dentries live until their file system is gone (never, in
 * refmm).
 */
#include <string.h>

#include <linux/bootmem.h>
#include <linux/hash.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/fs.h>

static struct kmem_cache *dentry_cache __kdata;

static unsigned int d_hash_mask __kdata;
static unsigned int d_hash_shift __kdata;
static struct hlist_bl_head *dentry_hashtable __kdata;

/* the external name of a long dentry name (kmalloc'ed) */
struct external_name {
	union {
		atomic_t count;
		struct rcu_head head;
	} u;
	unsigned char name[];
};

static inline struct hlist_bl_head *d_hash(const struct dentry *parent,
					   unsigned int hash)
{
	hash += (unsigned long)parent / L1_CACHE_BYTES;
	return dentry_hashtable + hash_32(hash, d_hash_shift);
}

/* lib/string_helpers: the dcache's name hash (full_name_hash() of 4.0) */
unsigned int full_name_hash(const unsigned char *name, unsigned int len)
{
	unsigned long hash = 0;

	while (len--) {
		unsigned long c = *name++;

		/* partial_name_hash() */
		hash = (hash + (c << 4) + (c >> 4)) * 11;
	}
	return (unsigned int)hash;	/* end_name_hash() */
}

static void hlist_bl_add_head(struct hlist_bl_node *n,
			      struct hlist_bl_head *h)
{
	struct hlist_bl_node *first = h->first;

	n->next = first;
	if (first)
		first->pprev = &n->next;
	n->pprev = &h->first;
	h->first = n;
}

/*
 * d_alloc - a new dentry named @name (copied) under @parent (NULL: a
 * file system's root); NULL without memory.
 */
struct dentry *d_alloc(struct dentry *parent, const struct qstr *name)
{
	struct dentry *dentry;
	unsigned char *dname;

	dentry = kmem_cache_zalloc(dentry_cache, GFP_KERNEL);
	if (!dentry)
		return NULL;

	/*
	 * the inline name always ends in a NUL, so that a rename copying
	 * names around keeps a terminated string
	 */
	dentry->d_iname[DNAME_INLINE_LEN - 1] = 0;
	if (name->len > DNAME_INLINE_LEN - 1) {
		struct external_name *p = kmalloc(offsetof(struct external_name,
							   name) + name->len + 1,
						  GFP_KERNEL);

		if (!p) {
			kmem_cache_free(dentry_cache, dentry);
			return NULL;
		}
		atomic_set(&p->u.count, 1);
		dname = p->name;
	} else {
		dname = dentry->d_iname;
	}

	dentry->d_name.len = name->len;
	dentry->d_name.hash = name->hash;
	memcpy(dname, name->name, name->len);
	dname[name->len] = 0;
	dentry->d_name.name = dname;

	dentry->d_lockref.count = 1;
	dentry->d_flags = 0;
	spin_lock_init(&dentry->d_lockref.lock);
	dentry->d_inode = NULL;
	dentry->d_parent = dentry;
	dentry->d_sb = parent ? parent->d_sb : NULL;
	INIT_LIST_HEAD(&dentry->d_lru);
	INIT_LIST_HEAD(&dentry->d_subdirs);
	INIT_HLIST_NODE(&dentry->d_u.d_alias);
	INIT_LIST_HEAD(&dentry->d_child);

	if (parent) {
		dentry->d_parent = parent;
		parent->d_lockref.count++;	/* dget_dlock(parent) */
		list_add(&dentry->d_child, &parent->d_subdirs);
	}
	return dentry;
}

/* __d_instantiate() and d_rehash(): the dentry names @inode, hashed */
void d_add(struct dentry *entry, struct inode *inode)
{
	if (inode) {
		unsigned int type = S_ISDIR(inode->i_mode) ?
				    DCACHE_DIRECTORY_TYPE :
				    S_ISREG(inode->i_mode) ?
				    DCACHE_REGULAR_TYPE : DCACHE_SPECIAL_TYPE;

		entry->d_flags |= type;
		hlist_add_head(&entry->d_u.d_alias, &inode->i_dentry);
	}
	entry->d_inode = inode;
	if (!IS_ROOT(entry))
		hlist_bl_add_head(&entry->d_hash,
				  d_hash(entry->d_parent, entry->d_name.hash));
}

struct dentry *d_make_root(struct inode *root_inode)
{
	static const struct qstr name = QSTR_INIT((const unsigned char *)"/", 1);
	struct dentry *res = NULL;

	if (root_inode) {
		res = d_alloc(NULL, &name);
		if (res) {
			res->d_sb = root_inode->i_sb;
			d_add(res, root_inode);
		}
	}
	return res;
}

/*
 * d_lookup - the child of @parent named @name, through the dentry hash;
 * NULL if there is none.
 */
struct dentry *d_lookup(const struct dentry *parent, const struct qstr *name)
{
	struct hlist_bl_head *b = d_hash(parent, name->hash);
	struct hlist_bl_node *node;

	for (node = b->first; node; node = node->next) {
		struct dentry *dentry = container_of(node, struct dentry,
						     d_hash);

		if (dentry->d_name.hash != name->hash)
			continue;
		if (dentry->d_parent != parent)
			continue;
		if (dentry->d_name.len != name->len ||
		    memcmp(dentry->d_name.name, name->name, name->len))
			continue;
		return dentry;
	}
	return NULL;
}

/*
 * d_path(): the absolute path of @path into the end of @buf; returns the
 * start of the path in @buf, or NULL when it does not fit.
 */
char *d_path_refmm(const struct path *path, char *buf, int buflen)
{
	struct dentry *dentry = path->dentry;
	struct mount *mnt = real_mount(path->mnt);
	char *end = buf + buflen;
	char *p = end;

	*--p = '\0';
	for (;;) {
		size_t len;

		if (dentry == mnt->mnt.mnt_root || IS_ROOT(dentry)) {
			/* at the root of this mount: continue in the parent */
			if (mnt->mnt_parent == mnt)
				break;
			dentry = mnt->mnt_mountpoint;
			mnt = mnt->mnt_parent;
			continue;
		}
		len = dentry->d_name.len;
		if (p - buf < (long)len + 1)
			return NULL;
		p -= len;
		memcpy(p, dentry->d_name.name, len);
		*--p = '/';
		dentry = dentry->d_parent;
	}
	if (*p == '\0') {
		if (p == buf)
			return NULL;
		*--p = '/';
	}
	return p;
}

void __init dcache_init(void)
{
	unsigned int loop;

	/*
	 * no constructor: the lists would be stable state, but a cache of
	 * dentries is not worth it
	 */
	dentry_cache = kmem_cache_create("dentry", sizeof(struct dentry),
			__alignof__(struct dentry),
			SLAB_RECLAIM_ACCOUNT | SLAB_PANIC | SLAB_MEM_SPREAD,
			NULL);

	dentry_hashtable =
		alloc_large_system_hash("Dentry cache",
					sizeof(struct hlist_bl_head),
					0,
					13,
					0,
					&d_hash_shift,
					&d_hash_mask,
					0,
					0);

	for (loop = 0; loop < (1U << d_hash_shift); loop++)
		dentry_hashtable[loop].first = NULL;
}
