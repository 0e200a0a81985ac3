/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * fs.h - files, inodes and the page cache's address spaces
 * (include/linux/fs.h, dcache.h, mount.h, path.h of Linux 4.0, reduced to
 * what memory management and a dump reader need).
 *
 * A mapped file is a struct file (vm_area_struct.vm_file) whose f_path is
 * {mnt, dentry}.  The dentry names one path component (d_name, a qstr)
 * and points to its parent (d_parent; the root of a file system points to
 * itself); where a file system is mounted, the walk to "/" continues from
 * the mount's mountpoint in the parent mount (struct mount, around the
 * vfsmount).  This is how d_path() and crash rebuild "/lib64/libc.so.6".
 *
 * The file's inode owns an address_space (inode->i_data, i_mapping): the
 * page cache of the file.  page_tree indexes its pages by file offset in
 * pages (page->index), i_mmap holds the VMAs that map it, nrpages counts
 * its pages.  A page cache page has page->mapping == the address_space.
 */
#ifndef _LINUX_FS_H
#define _LINUX_FS_H

#include <linux/types.h>
#include <linux/list.h>
#include <linux/rbtree.h>
#include <linux/rwsem.h>
#include <linux/mutex.h>
#include <linux/radix-tree.h>
#include <linux/spinlock.h>
#include <linux/gfp.h>

struct page;
struct inode;
struct dentry;
struct file;
struct super_block;
struct vfsmount;
struct address_space;
struct block_device;
struct vm_area_struct;
struct file_system_type;

/* ---- names and paths ---- */

#define HASH_LEN_DECLARE u32 hash; u32 len

/* a name with its length and hash (the dentry hash's key) */
struct qstr {
	union {
		struct {
			HASH_LEN_DECLARE;
		};
		u64 hash_len;
	};
	const unsigned char *name;
};

#define QSTR_INIT(n, l) { { { .len = l } }, .name = n }

struct path {
	struct vfsmount *mnt;
	struct dentry *dentry;
};

/* ---- dentries (include/linux/dcache.h) ---- */

#define DNAME_INLINE_LEN 32	/* 192 bytes */

struct hlist_bl_head {
	struct hlist_bl_node *first;
};

struct hlist_bl_node {
	struct hlist_bl_node *next, **pprev;
};

typedef struct seqcount {
	unsigned sequence;
} seqcount_t;

struct lockref {
	union {
		struct {
			spinlock_t lock;
			int count;
		};
		u64 lock_count;
	};
};

struct dentry {
	/* RCU lookup touched fields */
	unsigned int d_flags;		/* protected by d_lock */
	seqcount_t d_seq;		/* per dentry seqlock */
	struct hlist_bl_node d_hash;	/* lookup hash list */
	struct dentry *d_parent;	/* parent directory */
	struct qstr d_name;
	struct inode *d_inode;		/* Where the name belongs to - NULL is
					 * negative */
	unsigned char d_iname[DNAME_INLINE_LEN];	/* small names */

	/* Ref lookup also touches following */
	struct lockref d_lockref;	/* per-dentry lock and refcount */
	const struct dentry_operations *d_op;
	struct super_block *d_sb;	/* The root of the dentry tree */
	unsigned long d_time;		/* used by d_revalidate */
	void *d_fsdata;			/* fs-specific data */

	struct list_head d_lru;		/* LRU list */
	struct list_head d_child;	/* child of parent list */
	struct list_head d_subdirs;	/* our children */
	/* d_alias and d_rcu never live at once: they share memory */
	union {
		struct hlist_node d_alias;	/* inode alias list */
		struct rcu_head d_rcu;
	} d_u;
};

#define DCACHE_MOUNTED		0x00010000 /* is a mountpoint */
#define DCACHE_DIRECTORY_TYPE	0x00200000 /* Normal directory */
#define DCACHE_REGULAR_TYPE	0x00400000 /* Regular file type (or fallthru to such) */
#define DCACHE_SPECIAL_TYPE	0x00500000 /* Other file type */

#define IS_ROOT(x) ((x) == (x)->d_parent)

/* ---- mounts (include/linux/mount.h, fs/mount.h) ---- */

struct vfsmount {
	struct dentry *mnt_root;	/* root of the mounted tree */
	struct super_block *mnt_sb;	/* pointer to superblock */
	int mnt_flags;
};

struct mount {
	struct hlist_node mnt_hash;
	struct mount *mnt_parent;
	struct dentry *mnt_mountpoint;
	struct vfsmount mnt;
	int mnt_count;
	int mnt_writers;
	struct list_head mnt_mounts;	/* the mounts on top of this one... */
	struct list_head mnt_child;	/* ...linked by this member */
	struct list_head mnt_instance;	/* on the super block's s_mounts */
	const char *mnt_devname;	/* e.g. "/dev/sda1" */
	struct list_head mnt_list;
	int mnt_id;			/* mount identifier */
};

static inline struct mount *real_mount(struct vfsmount *mnt)
{
	return container_of(mnt, struct mount, mnt);
}

/* ---- address spaces ---- */

struct address_space_operations {
	int (*writepage)(struct page *page, void *wbc);
	int (*readpage)(struct file *, struct page *);
	/* Set a page dirty.  Return true if this dirtied it */
	int (*set_page_dirty)(struct page *page);
	/* free the page's private data (buffers) before it is reclaimed */
	int (*releasepage)(struct page *, gfp_t);
};

struct backing_dev_info;

struct address_space {
	struct inode		*host;		/* owner: inode, block_device */
	struct radix_tree_root	page_tree;	/* radix tree of all pages */
	spinlock_t		tree_lock;	/* and lock protecting it */
	atomic_t		i_mmap_writable;/* count VM_SHARED mappings */
	struct rb_root		i_mmap;		/* tree of private and shared mappings */
	struct list_head	i_mmap_nonlinear;/*list VM_NONLINEAR mappings */
	struct rw_semaphore	i_mmap_rwsem;	/* protect tree, count, list */
	/* Protected by tree_lock together with the radix tree */
	unsigned long		nrpages;	/* number of total pages */
	unsigned long		nrshadows;	/* number of shadow entries */
	pgoff_t			writeback_index;/* writeback starts here */
	const struct address_space_operations *a_ops;	/* methods */
	unsigned long		flags;		/* error bits/gfp mask */
	struct backing_dev_info *backing_dev_info; /* device readahead, etc */
	spinlock_t		private_lock;	/* for use by the address_space */
	struct list_head	private_list;	/* ditto */
	void			*private_data;	/* ditto */
} __attribute__((aligned(sizeof(long))));

/* ---- inodes (mode bits as glibc's <sys/stat.h> has them too) ---- */

#ifndef S_IFMT
#define S_IFMT  00170000
#endif
#ifndef S_IFREG
#define S_IFREG  0100000
#endif
#ifndef S_IFBLK
#define S_IFBLK  0060000
#endif
#ifndef S_IFDIR
#define S_IFDIR  0040000
#endif
#ifndef S_IFCHR
#define S_IFCHR  0020000
#endif
#ifndef S_ISREG
#define S_ISREG(m)	(((m) & S_IFMT) == S_IFREG)
#endif
#ifndef S_ISDIR
#define S_ISDIR(m)	(((m) & S_IFMT) == S_IFDIR)
#endif
#ifndef S_ISCHR
#define S_ISCHR(m)	(((m) & S_IFMT) == S_IFCHR)
#endif
#ifndef S_ISBLK
#define S_ISBLK(m)	(((m) & S_IFMT) == S_IFBLK)
#endif

struct inode {
	umode_t			i_mode;
	unsigned short		i_opflags;
	kuid_t			i_uid;
	kgid_t			i_gid;
	unsigned int		i_flags;

	const struct inode_operations	*i_op;
	struct super_block	*i_sb;
	struct address_space	*i_mapping;

	/* Stat data, not accessed from path walking */
	unsigned long		i_ino;
	unsigned int		i_nlink;
	__kernel_dev_t		i_rdev;
	__kernel_loff_t		i_size;
	long			i_atime, i_mtime, i_ctime;	/* seconds */
	spinlock_t		i_lock;	/* i_blocks, i_bytes, maybe i_size */
	unsigned short		i_bytes;
	unsigned int		i_blkbits;
	u64			i_blocks;

	/* Misc */
	unsigned long		i_state;
	struct mutex		i_mutex;

	unsigned long		dirtied_when;	/* jiffies of first dirtying */

	struct hlist_node	i_hash;
	struct list_head	i_wb_list;	/* backing dev IO list */
	struct list_head	i_lru;		/* inode LRU list */
	struct list_head	i_sb_list;
	struct hlist_head	i_dentry;
	u64			i_version;
	atomic_t		i_count;
	atomic_t		i_dio_count;
	atomic_t		i_writecount;
	const struct file_operations	*i_fop;	/* former ->i_op->default_file_ops */
	struct address_space	i_data;
	struct block_device	*i_bdev;

	void			*i_private; /* fs or device private pointer */
};

/* ---- files ---- */

#define FMODE_READ		((fmode_t)0x1)
#define FMODE_WRITE		((fmode_t)0x2)
#define FMODE_EXEC		((fmode_t)0x20)

#ifndef O_RDONLY
#define O_RDONLY	00000000
#endif
#ifndef O_RDWR
#define O_RDWR		00000002
#endif
#ifndef O_LARGEFILE
#define O_LARGEFILE	00100000
#endif

struct file {
	union {
		struct list_head	fu_llist;
		struct rcu_head		fu_rcuhead;
	} f_u;
	struct path		f_path;
	struct inode		*f_inode;	/* cached value */
	const struct file_operations	*f_op;

	spinlock_t		f_lock;
	atomic_long_t		f_count;
	unsigned int		f_flags;
	fmode_t			f_mode;
	struct mutex		f_pos_lock;
	__kernel_loff_t		f_pos;
	void			*f_cred;
	u64			f_version;
	/* needed for tty driver, and maybe others */
	void			*private_data;
	struct address_space	*f_mapping;
} __attribute__((aligned(4)));	/* lest something weird decides that 2 is OK */

static inline struct inode *file_inode(const struct file *f)
{
	return f->f_inode;
}

static inline struct file *get_file(struct file *f)
{
	atomic_long_inc(&f->f_count);
	return f;
}

void fput(struct file *file);

/* ---- super blocks ---- */

struct file_system_type {
	const char *name;
	int fs_flags;
	struct file_system_type *next;
	struct hlist_head fs_supers;
};

struct super_block {
	struct list_head	s_list;		/* Keep this first */
	__kernel_dev_t		s_dev;		/* search index; _not_ kdev_t */
	unsigned char		s_blocksize_bits;
	unsigned long		s_blocksize;
	__kernel_loff_t		s_maxbytes;	/* Max file size */
	struct file_system_type	*s_type;
	unsigned long		s_flags;
	unsigned long		s_magic;
	struct dentry		*s_root;
	int			s_count;
	atomic_t		s_active;
	struct hlist_node	s_instances;
	struct list_head	s_mounts;	/* list of mounts; _not_ for fs use */
	struct block_device	*s_bdev;
	char			s_id[32];	/* Informational name */
	struct list_head	s_inodes;	/* all inodes */
	const struct address_space_operations *s_aops; /* refmm: files' a_ops */
	unsigned long		s_next_ino;	/* refmm: inode numbers */
};

/* ---- block devices (fs/block_dev.c): the buffer cache ---- */

struct block_device {
	__kernel_dev_t		bd_dev;		/* MKDEV(major, minor) */
	int			bd_openers;
	struct inode		*bd_inode;	/* its page cache's inode */
	struct super_block	*bd_super;
	struct mutex		bd_mutex;	/* open/close mutex */
	struct list_head	bd_inodes;
	void			*bd_claiming;
	void			*bd_holder;
	int			bd_holders;
	struct list_head	bd_list;
	unsigned		bd_block_size;
	unsigned long		bd_private;
};

#define MKDEV(ma, mi)	(((ma) << 20) | (mi))

/* fs/dcache.c */
void dcache_init(void);
struct dentry *d_alloc(struct dentry *parent, const struct qstr *name);
struct dentry *d_make_root(struct inode *root_inode);
void d_add(struct dentry *entry, struct inode *inode);
struct dentry *d_lookup(const struct dentry *parent, const struct qstr *name);
unsigned int full_name_hash(const unsigned char *name, unsigned int len);
char *d_path_refmm(const struct path *path, char *buf, int buflen);

/* fs/inode.c */
void address_space_init_once(struct address_space *mapping);
void inode_init(void);
struct inode *new_inode(struct super_block *sb);
void iput(struct inode *inode);
void inode_add_lru(struct inode *inode);

/* fs/file_table.c */
void files_init(unsigned long mempages);
struct file *alloc_file(struct path *path, fmode_t mode,
			const struct file_operations *fop);
extern unsigned long files_stat_nr_files;

/* fs/namespace.c */
void mnt_init(void);
struct vfsmount *vfs_kern_mount_refmm(struct file_system_type *type,
				      const char *devname,
				      struct block_device *bdev);
int do_add_mount_refmm(struct mount *newmnt, struct path *mountpoint);
extern struct mount *refmm_root_mount;

/* fs/namei.c: find (and with @create, make) a file by absolute path */
int kern_path_refmm(const char *name, int create, umode_t mode,
		    __kernel_loff_t size, struct path *path);
struct file *filp_open_refmm(const char *name, int flags, umode_t mode);

/* fs/libfs.c: refmm's disk file system */
extern struct file_system_type refmm_ext4_fs_type;
extern struct file_system_type refmm_devtmpfs_fs_type;
struct super_block *refmm_fill_super(struct file_system_type *type,
				     struct block_device *bdev,
				     const char *id);
void refmm_fill_page(struct inode *inode, pgoff_t index, void *kaddr);

/* fs/block_dev.c */
extern struct list_head all_bdevs;
void bdev_cache_init(void);
struct block_device *bdget(__kernel_dev_t dev);
long nr_blockdev_pages(void);

/* fs/buffer.c */
void buffer_init(void);
void create_empty_buffers(struct page *page, unsigned long blocksize,
			  unsigned long b_state);
int try_to_free_buffers(struct page *page);
struct page *refmm_bread_page(struct block_device *bdev, pgoff_t index);

/* mm/readahead-ish: read pages of @file into the page cache */
int refmm_read_file(struct file *file, pgoff_t index, unsigned long nr,
		    int accesses);

/* the root, set up by refmm's boot (init/do_mounts.c) */
void refmm_mount_root(void);
void vfs_caches_init(unsigned long mempages);

#endif /* _LINUX_FS_H */
