// SPDX-License-Identifier: GPL-2.0-only
/*
 * namei.c - from a path name to a dentry (fs/namei.c, Linux 4.0,
 * reduced to absolute paths in refmm's mount tree).
 *
 * kern_path_refmm() walks "/a/b/c" from the root mount: each component is
 * looked up among the children of the directory reached so far
 * (d_lookup()), crossing into a file system mounted on it
 * (follow_mount()).  With @create, a missing component is made: a
 * directory, and at the end a file of the given mode and size (refmm's
 * files spring into existence with the size their readers expect; their
 * contents are generated when read, see libfs.c).
 */
#include <string.h>

#include <linux/mm.h>
#include <linux/fs.h>

struct vfsmount *lookup_mnt_refmm(struct vfsmount *mnt, struct dentry *dentry);

static void follow_mount(struct path *path)
{
	while (path->dentry->d_flags & DCACHE_MOUNTED) {
		struct vfsmount *mounted = lookup_mnt_refmm(path->mnt,
							    path->dentry);

		if (!mounted)
			break;
		path->mnt = mounted;
		path->dentry = mounted->mnt_root;
	}
}

/* A new child of @dir named @name: a directory, or a file of @mode/@size. */
static struct dentry *create_child(struct dentry *dir, const struct qstr *name,
				   umode_t mode, __kernel_loff_t size)
{
	struct inode *inode = new_inode(dir->d_sb);
	struct dentry *dentry;

	if (!inode)
		return NULL;
	inode->i_mode = mode;
	inode->i_size = S_ISREG(mode) ? size : 0;
	inode->i_blocks = (u64)((inode->i_size + 511) >> 9);
	if (S_ISDIR(mode))
		inode->i_nlink = 2;
	dentry = d_alloc(dir, name);
	if (!dentry)
		return NULL;
	d_add(dentry, inode);
	return dentry;
}

int kern_path_refmm(const char *name, int create, umode_t mode,
		    __kernel_loff_t size, struct path *path)
{
	const char *p = name;

	if (*p != '/' || !refmm_root_mount)
		return -ENOENT;
	path->mnt = &refmm_root_mount->mnt;
	path->dentry = refmm_root_mount->mnt.mnt_root;
	follow_mount(path);

	while (*p) {
		const char *start;
		struct qstr this;
		struct dentry *child;
		size_t len;

		while (*p == '/')
			p++;
		if (!*p)
			break;
		start = p;
		while (*p && *p != '/')
			p++;
		len = (size_t)(p - start);
		this.name = (const unsigned char *)start;
		this.len = (u32)len;
		this.hash = full_name_hash(this.name, this.len);

		child = d_lookup(path->dentry, &this);
		if (!child) {
			int last = !*p || !p[strspn(p, "/")];

			if (!create)
				return -ENOENT;
			child = create_child(path->dentry, &this,
					     last ? mode : (S_IFDIR | 0755),
					     size);
			if (!child)
				return -ENOMEM;
		}
		path->dentry = child;
		follow_mount(path);
	}
	/* the path's references: path_get() */
	path->dentry->d_lockref.count++;
	real_mount(path->mnt)->mnt_count++;
	return 0;
}

struct file *filp_open_refmm(const char *name, int flags, umode_t mode)
{
	struct path path;

	if (kern_path_refmm(name, 1, mode, 0, &path))
		return NULL;
	return alloc_file(&path, (flags & O_RDWR) ?
			  FMODE_READ | FMODE_WRITE : FMODE_READ, NULL);
}
