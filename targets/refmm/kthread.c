// SPDX-License-Identifier: GPL-2.0-only
/*
 * kthread.c - kernel threads (kernel/kthread.c, Linux 4.0).
 *
 * Every kernel thread but the idle tasks and kthreadd itself is a child of
 * kthreadd (pid 2): kthread_create() forks kthreadd (with CLONE_FS |
 * CLONE_FILES | SIGCHLD, no mm), names the child and leaves it asleep in
 * TASK_INTERRUPTIBLE, as a thread waiting for work is.  Per-CPU threads
 * (ksoftirqd/N, migration/N, kworker/N:M) are bound to their CPU.
 *
 * Where refmm departs from 4.0: the threads run no function; they exist
 * for what a dump shows of them (task_struct, stack, comm, CPU, state).
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <linux/err.h>
#include <linux/mm.h>
#include <linux/sched.h>

#include "sched.h"

struct task_struct *kthreadd_task __kdata;

static struct task_struct *__kthread_create(int cpu, int node,
					    const char *namefmt, va_list args)
{
	struct task_struct *task;
	long pid;

	if (!kthreadd_task)
		return ERR_PTR(-EAGAIN);
	pid = do_fork(CLONE_FS | CLONE_FILES | SIGCHLD, kthreadd_task, &task);
	if (pid < 0)
		return ERR_PTR(pid);
	vsnprintf(task->comm, sizeof(task->comm), namefmt, args);
	task->flags |= PF_KTHREAD | PF_NOFREEZE;
	(void)node;
	/* the thread waits for work */
	refmm_task_sleep(task, TASK_INTERRUPTIBLE);
	if (cpu >= 0) {
		/* kthread_bind() */
		memset(&task->cpus_allowed, 0, sizeof(task->cpus_allowed));
		task->cpus_allowed.bits[cpu / BITS_PER_LONG] |=
			1UL << (cpu % BITS_PER_LONG);
		task->nr_cpus_allowed = 1;
		task->flags |= PF_NO_SETAFFINITY;
		task_thread_info(task)->cpu = cpu;
		task->wake_cpu = cpu;
	}
	return task;
}

/**
 * kthread_create - create a kthread
 * @namefmt: printf-style name for the thread.
 *
 * The thread is a child of kthreadd, asleep.
 */
struct task_struct *kthread_create(const char *namefmt, ...)
{
	struct task_struct *task;
	va_list args;

	va_start(args, namefmt);
	task = __kthread_create(-1, NUMA_NO_NODE, namefmt, args);
	va_end(args);
	return task;
}

/* kthread_create_on_cpu(): bound to @cpu, named with it */
struct task_struct *kthread_create_on_cpu(const char *namefmt, int cpu, ...)
{
	struct task_struct *task;
	va_list args;

	va_start(args, cpu);
	task = __kthread_create(cpu, cpu_to_node(cpu), namefmt, args);
	va_end(args);
	return task;
}

/* kthread_create_on_node(), the name taking the node number (kswapd%d) */
struct task_struct *kthread_create_on_node_refmm(const char *namefmt,
						 int arg, int node)
{
	char name[TASK_COMM_LEN];

	snprintf(name, sizeof(name), namefmt, arg);
	(void)node;
	return kthread_create("%s", name);
}
