/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * pid_namespace.h - the pid namespace and its bitmap of numbers
 * (include/linux/pid_namespace.h, Linux 4.0).  refmm has init_pid_ns only.
 */
#ifndef _LINUX_PID_NS_H
#define _LINUX_PID_NS_H

#include <linux/types.h>
#include <asm/page.h>
#include "refmm/utsname.h"	/* struct kref, struct ns_common */

struct pidmap {
	atomic_t nr_free;
	void *page;
};

#define PID_MAX_DEFAULT		0x8000
#define PID_MAX_LIMIT		(4 * 1024 * 1024)	/* 64-bit */
#define BITS_PER_PAGE		(PAGE_SIZE * 8)
#define BITS_PER_PAGE_MASK	(BITS_PER_PAGE - 1)
#define PIDMAP_ENTRIES		((PID_MAX_LIMIT + BITS_PER_PAGE - 1) / \
				 BITS_PER_PAGE)
#define RESERVED_PIDS		300

struct kmem_cache;
struct task_struct;

struct pid_namespace {
	struct kref kref;
	struct pidmap pidmap[PIDMAP_ENTRIES];
	struct rcu_head rcu;
	int last_pid;
	unsigned int nr_hashed;
	struct task_struct *child_reaper;
	struct kmem_cache *pid_cachep;
	unsigned int level;
	struct pid_namespace *parent;
	struct user_namespace *user_ns;
	int reboot;	/* group exit code if this pidns was rebooted */
	struct ns_common ns;
};

extern struct pid_namespace init_pid_ns;
extern int pid_max;

#endif /* _LINUX_PID_NS_H */
