// SPDX-License-Identifier: GPL-2.0-only
/*
 * file_table.c - open files (fs/file_table.c, Linux 4.0, reduced).
 *
 * A struct file (from the "filp" cache) is an open instance of a file:
 * f_path (the mount and the dentry), f_inode, f_mapping (the inode's page
 * cache), f_count references -- one per VMA that maps it, one per
 * process image it is the executable of (mm->exe_file).  The last fput()
 * frees it.
 */
#include <string.h>

#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/fs.h>

static struct kmem_cache *filp_cachep __kdata;

/* sysctl tunables... (files_stat.nr_files) */
unsigned long files_stat_nr_files __kdata;
unsigned long files_stat_max_files __kdata = 8192;

/*
 * alloc_file - a new struct file open on @path (a dentry and its mount)
 * with @mode and the file operations @fop.
 */
struct file *alloc_file(struct path *path, fmode_t mode,
			const struct file_operations *fop)
{
	struct file *file;

	file = kmem_cache_zalloc(filp_cachep, GFP_KERNEL);
	if (unlikely(!file))
		return NULL;

	atomic_long_set(&file->f_count, 1);
	spin_lock_init(&file->f_lock);
	mutex_init(&file->f_pos_lock);
	INIT_LIST_HEAD(&file->f_u.fu_llist);
	file->f_path = *path;
	file->f_inode = path->dentry->d_inode;
	file->f_mapping = path->dentry->d_inode->i_mapping;
	file->f_mode = mode;
	file->f_op = fop;
	file->f_flags = O_LARGEFILE;
	files_stat_nr_files++;
	return file;
}

void fput(struct file *file)
{
	if (atomic_long_dec_and_test(&file->f_count)) {
		/* __fput(): the dentry and the mount lose this user */
		file->f_path.dentry->d_lockref.count--;
		real_mount(file->f_path.mnt)->mnt_count--;
		files_stat_nr_files--;
		kmem_cache_free(filp_cachep, file);
	}
}

void __init files_init(unsigned long mempages)
{
	unsigned long n;

	filp_cachep = kmem_cache_create("filp", sizeof(struct file), 0,
			SLAB_HWCACHE_ALIGN | SLAB_PANIC, NULL);

	/*
	 * about 1 KiB per open file with its inode and dentry: at most 10%
	 * of memory for files
	 */
	n = (mempages * (PAGE_SIZE / 1024)) / 10;
	files_stat_max_files = max_t(unsigned long, n, 8192);
}
