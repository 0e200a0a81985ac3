// SPDX-License-Identifier: GPL-2.0-only
/*
 * sched.c - the runqueues and context switches (kernel/sched/core.c,
 * Linux 4.0, without a scheduler).
 *
 * refmm runs one host thread; the simulated CPUs take turns as the
 * workload says (refmm_current_cpu).  What a CPU runs is its runqueue's
 * curr: the idle task until the workload makes a task run there, then the
 * last task that ran.  refmm_switch_to() is the context switch the kernel
 * makes in schedule(): it sets runqueues.curr and current_task, moves the
 * lazy mm of kernel threads (active_mm, mm_count) as context_switch()
 * does, and counts the switch.  There is no time slicing and no load
 * balancing: a task runs where and when a workload step runs it.
 *
 * A task that is not running is asleep (TASK_INTERRUPTIBLE, the state most
 * tasks of a real dump are in) or waits on its runqueue (TASK_RUNNING,
 * on_rq): refmm_task_sleep() and wake_up_new_task().  rq->nr_running
 * counts the tasks on a runqueue, the running one included.
 *
 * Locking: rq->lock and p->pi_lock in the kernel; single-threaded here.
 */
#include <stdio.h>
#include <string.h>

#include <linux/jiffies.h>
#include <linux/mm.h>
#include <linux/sched.h>

#include "sched.h"

DEFINE_PER_CPU_SHARED_ALIGNED(struct rq, runqueues);

/*
 * The task running on each CPU (arch/x86/kernel/cpu/common.c): what
 * "current" reads.  Always the same as the runqueue's curr.
 */
DEFINE_PER_CPU(struct task_struct *, current_task);

#define TASK_ON_RQ_QUEUED	1

static inline void __set_task_cpu(struct task_struct *p, unsigned int cpu)
{
	task_thread_info(p)->cpu = cpu;
	p->wake_cpu = cpu;
}

static void activate_task(struct rq *rq, struct task_struct *p)
{
	if (p->on_rq)
		return;
	p->on_rq = TASK_ON_RQ_QUEUED;
	rq->nr_running++;
}

static void deactivate_task(struct rq *rq, struct task_struct *p)
{
	if (!p->on_rq)
		return;
	p->on_rq = 0;
	rq->nr_running--;
	if (p->state == TASK_UNINTERRUPTIBLE)
		rq->nr_uninterruptible++;
}

/**
 * init_idle - set up an idle thread for a given CPU
 * @idle: task in question
 * @cpu: cpu the idle task belongs to
 *
 * The idle task runs whenever nothing else does; it is the CPU's curr
 * until a workload runs a task there.
 */
void init_idle(struct task_struct *idle, int cpu)
{
	struct rq *rq = cpu_rq(cpu);

	idle->state = TASK_RUNNING;
	idle->se.exec_start = sched_clock();
	memset(&idle->cpus_allowed, 0, sizeof(idle->cpus_allowed));
	idle->cpus_allowed.bits[cpu / BITS_PER_LONG] |=
		1UL << (cpu % BITS_PER_LONG);
	idle->nr_cpus_allowed = 1;
	__set_task_cpu(idle, cpu);

	rq->curr = rq->idle = idle;
	idle->on_rq = TASK_ON_RQ_QUEUED;
	idle->on_cpu = 1;
	per_cpu(current_task, cpu) = idle;

	/* Set the preempt count _outside_ the spinlocks! */
	task_thread_info(idle)->saved_preempt_count = 0;

	snprintf(idle->comm, sizeof(idle->comm), "swapper/%d", cpu);
}

void sched_init(void)
{
	int i;

	for_each_possible_cpu(i) {
		struct rq *rq = cpu_rq(i);

		rq->lock.raw_lock.slock = 0;
		rq->nr_running = 0;
		rq->cpu = i;
		rq->online = 1;
		rq->next_balance = jiffies;
		atomic_set(&rq->nr_iowait, 0);
	}

	/* the boot idle task borrows init_mm lazily, as every idle task does */
	atomic_inc(&init_mm.mm_count);

	/*
	 * the boot CPU's idle task is the one that booted: init_task
	 * itself
	 */
	init_idle(&init_task, smp_processor_id());
}

/*
 * fork()/clone()-time setup: the child starts runnable on the parent's
 * CPU, with the parent's priority.
 */
void sched_fork(unsigned long clone_flags, struct task_struct *p)
{
	int cpu = smp_processor_id();

	(void)clone_flags;
	memset(&p->se, 0, sizeof(p->se));
	/*
	 * TASK_RUNNING from the start: nothing can wake the child and put
	 * it on a runqueue before wake_up_new_task() does
	 */
	p->state = TASK_RUNNING;
	p->prio = current->normal_prio;
	__set_task_cpu(p, cpu);
	p->on_cpu = 0;
	p->on_rq = 0;
}

/*
 * wake_up_new_task - wake up a newly created task for the first time.
 *
 * The child waits on its CPU's runqueue until it runs.
 */
void wake_up_new_task(struct task_struct *p)
{
	struct rq *rq = task_rq(p);

	p->state = TASK_RUNNING;
	activate_task(rq, p);
}

/*
 * finish_task_switch: the lazy mm the previous kernel thread borrowed is
 * dropped, and a dead previous task loses the reference its CPU held.
 */
static void finish_task_switch(struct rq *rq, struct task_struct *prev)
{
	struct mm_struct *mm = rq->prev_mm;
	long prev_state = prev->state;

	rq->prev_mm = NULL;
	prev->on_cpu = 0;
	if (mm)
		mmdrop(mm);
	if (prev_state == TASK_DEAD)
		put_task_struct(prev);
}

/* context_switch - switch to the new MM and the new thread's registers. */
static void context_switch(struct rq *rq, struct task_struct *prev,
			   struct task_struct *next)
{
	struct mm_struct *mm, *oldmm;

	mm = next->mm;
	oldmm = prev->active_mm;

	if (!mm) {
		/* a kernel thread runs on whatever mm was loaded: lazily */
		next->active_mm = oldmm;
		atomic_inc(&oldmm->mm_count);
	} else if (oldmm != mm) {
		/* switch_mm(): CR3 := __pa(mm->pgd), the CPU joins the mm */
		int cpu = rq->cpu;

		oldmm->cpu_vm_mask.bits[cpu / BITS_PER_LONG] &=
			~(1UL << (cpu % BITS_PER_LONG));
		mm->cpu_vm_mask.bits[cpu / BITS_PER_LONG] |=
			1UL << (cpu % BITS_PER_LONG);
	}

	if (!prev->mm) {
		prev->active_mm = NULL;
		rq->prev_mm = oldmm;
	}

	/* switch_to(prev, next, prev) */
	rq->curr = next;
	per_cpu(current_task, rq->cpu) = next;
	next->on_cpu = 1;
	finish_task_switch(rq, prev);
}

/**
 * refmm_switch_to - make @p the task running on @cpu
 *
 * What schedule() does when @p is picked: the task that ran on @cpu
 * before goes to sleep (TASK_INTERRUPTIBLE) unless it is the idle task or
 * already gave up the CPU in another state (dead, or asleep on purpose).
 * A task running on another CPU migrates.
 */
void refmm_switch_to(struct task_struct *p, int cpu)
{
	struct rq *rq = cpu_rq(cpu);
	struct task_struct *prev = rq->curr;

	if (prev == p)
		return;
	BUG_ON(p->exit_state || p->state == TASK_DEAD);

	/* @p leaves the CPU it is running on, which goes idle */
	if (p->on_cpu) {
		int old = task_cpu(p);

		refmm_switch_to(cpu_rq(old)->idle, old);
	}
	if (p->on_rq && task_cpu(p) != (unsigned int)cpu)
		deactivate_task(task_rq(p), p);

	if (prev != rq->idle && prev->state == TASK_RUNNING)
		prev->state = TASK_INTERRUPTIBLE;
	if (prev != rq->idle && prev->state != TASK_RUNNING)
		deactivate_task(rq, prev);
	prev->nvcsw++;

	__set_task_cpu(p, cpu);
	p->state = TASK_RUNNING;
	if (p != rq->idle)
		activate_task(rq, p);
	p->se.exec_start = sched_clock();
	rq->clock = rq->clock_task = p->se.exec_start;
	rq->nr_switches++;
	context_switch(rq, prev, p);
}

/*
 * @p is not running and goes to sleep in @state (TASK_INTERRUPTIBLE,
 * TASK_UNINTERRUPTIBLE), or waits on its runqueue (TASK_RUNNING).  A
 * running task first leaves its CPU to the idle task.
 */
void refmm_task_sleep(struct task_struct *p, long state)
{
	if (p->on_cpu) {
		int cpu = task_cpu(p);

		p->state = state;
		refmm_switch_to(cpu_rq(cpu)->idle, cpu);
	}
	p->state = state;
	if (state == TASK_RUNNING)
		activate_task(task_rq(p), p);
	else
		deactivate_task(task_rq(p), p);
}

struct task_struct *idle_task(int cpu)
{
	return cpu_rq(cpu)->idle;
}

struct task_struct *cpu_curr_task(int cpu)
{
	return cpu_rq(cpu)->curr;
}

/* A dead task leaves its CPU for good (do_exit()'s final schedule()). */
void refmm_task_dead(struct task_struct *p)
{
	struct rq *rq = task_rq(p);

	p->state = TASK_DEAD;
	deactivate_task(rq, p);
	if (p->on_cpu) {
		refmm_switch_to(rq->idle, rq->cpu);
		return;
	}
	/* not running: the lazy mm exit_mm() left is dropped here */
	if (!p->mm && p->active_mm) {
		struct mm_struct *mm = p->active_mm;

		p->active_mm = NULL;
		mmdrop(mm);
	}
	put_task_struct(p);
}

/* The pid of the task running on @cpu, for its NT_PRSTATUS note. */
int refmm_cpu_curr_pid(int cpu)
{
	struct task_struct *p;

	if (!pcpu_base_addr)
		return 0;
	p = cpu_rq(cpu)->curr;
	return p ? p->pid : 0;
}
