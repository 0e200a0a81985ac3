/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * pid.h - process identifiers (include/linux/pid.h, Linux 4.0).
 *
 * A struct pid names a process, a process group or a session; tasks point
 * to theirs through task->pids[type].pid and are listed on
 * pid->tasks[type].  The number of a pid in a namespace is a struct upid,
 * hashed into pid_hash by (nr, ns): find_pid_ns() and crash's task table
 * walk those chains (upid.pid_chain).  refmm has one namespace,
 * init_pid_ns, so numbers[] has one entry (level 0).
 */
#ifndef _LINUX_PID_H
#define _LINUX_PID_H

#include <linux/types.h>
#include <linux/atomic.h>

enum pid_type {
	PIDTYPE_PID,
	PIDTYPE_PGID,
	PIDTYPE_SID,
	PIDTYPE_MAX
};

struct pid_namespace;
struct task_struct;

struct upid {
	/* Try to keep pid_chain in the same cacheline as nr for find_vpid */
	int nr;
	struct pid_namespace *ns;
	struct hlist_node pid_chain;
};

struct pid {
	atomic_t count;
	unsigned int level;
	/* lists of tasks that use this pid */
	struct hlist_head tasks[PIDTYPE_MAX];
	struct rcu_head rcu;
	struct upid numbers[1];
};

extern struct pid init_struct_pid;

struct pid_link {
	struct hlist_node node;
	struct pid *pid;
};

extern struct hlist_head *pid_hash;
extern unsigned int pidhash_shift;

static inline struct pid *get_pid(struct pid *pid)
{
	if (pid)
		atomic_inc(&pid->count);
	return pid;
}

void put_pid(struct pid *pid);
struct pid *alloc_pid(struct pid_namespace *ns);
void free_pid(struct pid *pid);
void attach_pid(struct task_struct *task, enum pid_type type);
void detach_pid(struct task_struct *task, enum pid_type type);
void change_pid(struct task_struct *task, enum pid_type type,
		struct pid *pid);
struct pid *find_pid_ns(int nr, struct pid_namespace *ns);
struct pid *find_vpid(int nr);
struct task_struct *pid_task(struct pid *pid, enum pid_type type);
struct task_struct *find_task_by_vpid(int nr);
void pidhash_init(void);
void pidmap_init(void);

static inline pid_t pid_nr(struct pid *pid)
{
	return pid ? pid->numbers[0].nr : 0;
}

#endif /* _LINUX_PID_H */
