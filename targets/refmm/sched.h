/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sched.h - the scheduler's private structures (kernel/sched/sched.h,
 * Linux 4.0, reduced to what a dump reader and refmm use).
 *
 * One struct rq per CPU, the static per-CPU variable runqueues: curr is
 * the task running on the CPU (crash marks it '>' in ps), idle its idle
 * task (swapper/N).  refmm has no scheduling classes: a task runs when the
 * workload makes it run (refmm_switch_to()), and nr_running counts the
 * TASK_RUNNING tasks queued on the CPU.
 */
#ifndef _KERNEL_SCHED_SCHED_H
#define _KERNEL_SCHED_SCHED_H

#include <linux/sched.h>
#include <linux/spinlock.h>

struct rq {
	raw_spinlock_t lock;

	unsigned int nr_running;	/* tasks runnable here, curr included */
	u64 nr_switches;		/* context switches so far */

	/* this CPU's share of a sum only meaningful over all CPUs */
	unsigned long nr_uninterruptible;

	struct task_struct *curr, *idle, *stop;	/* running; idle; none */
	unsigned long next_balance;
	struct mm_struct *prev_mm;

	u64 clock;
	u64 clock_task;

	atomic_t nr_iowait;

	int cpu;
	int online;
};

DECLARE_PER_CPU_SHARED_ALIGNED(struct rq, runqueues);

#define cpu_rq(cpu)		(&per_cpu(runqueues, (cpu)))
#define this_rq()		cpu_rq(smp_processor_id())
#define task_rq(p)		cpu_rq(task_cpu(p))
#define cpu_curr(cpu)		(cpu_rq(cpu)->curr)

#endif /* _KERNEL_SCHED_SCHED_H */
