// SPDX-License-Identifier: GPL-2.0-only
/*
 * init_task.c - the first task (init/init_task.c, Linux 4.0).
 *
 * init_task is CPU 0's idle task, "swapper/0", pid 0: the head of the
 * tasks list every other process is linked on, the parent of pid 1 and
 * pid 2.  It is a kernel thread (no mm) running on init_mm's page tables.
 * Its kernel stack is init_thread_union, in the image, with its
 * thread_info at the base like every other stack.
 */
#include <linux/sched.h>

/* Initial signal_struct of init_task. */
struct signal_struct init_signals __kdata = {
	.sigcnt		= ATOMIC_INIT(1),
	.live		= ATOMIC_INIT(1),
	.nr_threads	= 1,
	.thread_head	= LIST_HEAD_INIT(init_task.thread_node),
};

union thread_union {
	struct thread_info thread_info;
	unsigned long stack[THREAD_SIZE / sizeof(long)];
};

union thread_union init_thread_union __kdata __aligned(THREAD_SIZE) = {
	.thread_info = {
		.task		= &init_task,
		.flags		= 0,
		.cpu		= 0,
		.addr_limit	= KERNEL_DS,
	},
};

#define INIT_TASK_COMM "swapper"

#define INIT_PID_LINK(type)				\
{							\
	.node = { .next = NULL, .pprev = NULL, },	\
	.pid = &init_struct_pid,			\
}

/* init_task: the boot CPU's idle task, static; every other task is forked. */
struct task_struct init_task __kdata = {
	.state		= 0,
	.stack		= &init_thread_union.thread_info,
	.usage		= ATOMIC_INIT(2),
	.flags		= PF_KTHREAD,
	.prio		= MAX_PRIO - 20,
	.static_prio	= MAX_PRIO - 20,
	.normal_prio	= MAX_PRIO - 20,
	.policy		= SCHED_NORMAL,
	.nr_cpus_allowed = NR_CPUS,
	.tasks		= LIST_HEAD_INIT(init_task.tasks),
	.mm		= NULL,
	.active_mm	= &init_mm,
	.real_parent	= &init_task,
	.parent		= &init_task,
	.children	= LIST_HEAD_INIT(init_task.children),
	.sibling	= LIST_HEAD_INIT(init_task.sibling),
	.group_leader	= &init_task,
	.comm		= INIT_TASK_COMM,
	.signal		= &init_signals,
	.pids = {
		[PIDTYPE_PID]  = INIT_PID_LINK(PIDTYPE_PID),
		[PIDTYPE_PGID] = INIT_PID_LINK(PIDTYPE_PGID),
		[PIDTYPE_SID]  = INIT_PID_LINK(PIDTYPE_SID),
	},
	.thread_group	= LIST_HEAD_INIT(init_task.thread_group),
	.thread_node	= LIST_HEAD_INIT(init_signals.thread_head),
	.thread = {
		.sp0 = (unsigned long)&init_thread_union + THREAD_SIZE,
	},
};
