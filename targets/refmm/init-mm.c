// SPDX-License-Identifier: GPL-2.0-only
/*
 * init-mm.c - the kernel's own address space (mm/init-mm.c, Linux 4.0).
 *
 * init_mm has no VMAs; its pgd is swapper_pg_dir, the kernel page tables
 * every process's pgd copies its kernel entries from.  Kernel threads run
 * on it (active_mm) until they borrow a user mm lazily.
 */
#include <linux/mm.h>
#include <linux/sched.h>

struct mm_struct init_mm __kdata = {
	.mm_rb		= { NULL },
	.pgd		= init_level4_pgt,
	.mm_users	= ATOMIC_INIT(2),
	.mm_count	= ATOMIC_INIT(1),
	.mmap_sem	= __RWSEM_INITIALIZER(init_mm.mmap_sem),
	.page_table_lock = __SPIN_LOCK_UNLOCKED(init_mm.page_table_lock),
	.mmlist		= LIST_HEAD_INIT(init_mm.mmlist),
	.task_size	= TASK_SIZE,
};
