// SPDX-License-Identifier: GPL-2.0-only
/*
 * exit.c - the end of a task (kernel/exit.c, Linux 4.0).
 *
 * do_exit() gives back what a task holds: its address space (exit_mm():
 * the last user of an mm unmaps every VMA and frees the page tables, the
 * mm_struct itself goes with its last reference), then tells the family
 * (exit_notify()): its children go to the child reaper (init), and the
 * task becomes a zombie for its parent to reap, or -- a thread, or a
 * child its parent does not wait for -- is released at once.
 * release_task() unhashes it (pids, the tasks list, the parent's
 * children) and drops the reference its parent held; the reference of
 * its last run goes when it leaves its CPU.  The task_struct and the
 * kernel stack are freed with the last reference (__put_task_struct()).
 *
 * Where refmm departs from 4.0: do_exit() is given the task, which need
 * not be running (an OOM victim, a task the workload ends); there are no
 * signals, files, namespaces, timers or ptrace to tear down, and no
 * process accounting.
 *
 * Locking: tasklist_lock, task_lock; single-threaded here.
 */
#include <linux/mm.h>
#include <linux/pid.h>
#include <linux/pid_namespace.h>
#include <linux/sched.h>

#include "sched.h"

static void __unhash_process(struct task_struct *p, bool group_dead)
{
	nr_threads--;
	detach_pid(p, PIDTYPE_PID);
	if (group_dead) {
		detach_pid(p, PIDTYPE_PGID);
		detach_pid(p, PIDTYPE_SID);

		list_del_rcu(&p->tasks);
		list_del_init(&p->sibling);
		per_cpu(process_counts, task_cpu(p))--;
	}
	list_del_rcu(&p->thread_group);
	list_del_rcu(&p->thread_node);
}

static inline int thread_group_empty(struct task_struct *p)
{
	return list_empty(&p->thread_group);
}

/* __exit_signal - called with tasklist_lock held for writing. */
static void __exit_signal(struct task_struct *tsk)
{
	struct signal_struct *sig = tsk->signal;
	bool group_dead = thread_group_leader(tsk);

	sig->nr_threads--;
	__unhash_process(tsk, group_dead);
}

void release_task(struct task_struct *p)
{
	struct task_struct *leader;
	int zap_leader;
repeat:
	__exit_signal(p);

	/*
	 * the last thread besides a zombie leader is gone: the leader
	 * can be reaped now; tell its parent
	 */
	zap_leader = 0;
	leader = p->group_leader;
	if (leader != p && thread_group_empty(leader)
			&& leader->exit_state == EXIT_ZOMBIE) {
		/* refmm's parents reap their children at once */
		zap_leader = 1;
		leader->exit_state = EXIT_DEAD;
	}

	/* delayed_put_task_struct(): the release reference */
	put_task_struct(p);

	p = leader;
	if (unlikely(zap_leader))
		goto repeat;
}

/* exit_mm - @tsk leaves its mm and goes on with a lazy one. */
void exit_mm(struct task_struct *tsk)
{
	struct mm_struct *mm = tsk->mm;

	if (!mm)
		return;
	/*
	 * in the kernel mmap_sem serializes this with a core dump in
	 * progress, which counts the threads that still have the mm
	 */
	down_read(&mm->mmap_sem);
	atomic_inc(&mm->mm_count);
	BUG_ON(mm != tsk->active_mm);
	/* more a memory barrier than a real lock */
	task_lock(tsk);
	tsk->mm = NULL;
	up_read(&mm->mmap_sem);
	/* enter_lazy_tlb(mm, current): the task keeps mm as active_mm */
	task_unlock(tsk);
	mmput(mm);
}

/*
 * When we die, we re-parent all our children: to another live thread of
 * our group, else to the child reaper (init).  A child already a zombie
 * is reaped by init at once.
 */
static void forget_original_parent(struct task_struct *father)
{
	struct task_struct *p, *t, *n, *reaper = NULL;

	for (t = next_thread(father); t != father; t = next_thread(t))
		if (!(t->flags & PF_EXITING)) {
			reaper = t;
			break;
		}
	if (!reaper)
		reaper = init_pid_ns.child_reaper;
	if (reaper == father)
		reaper = &init_task;

	list_for_each_entry_safe(p, n, &father->children, sibling) {
		t = p;
		do {
			t->real_parent = reaper;
			t->parent = reaper;
			/* no signals: t->pdeath_signal is not sent */
		} while ((t = next_thread(t)) != p);
		list_move_tail(&p->sibling, &reaper->children);
		if (p->exit_state == EXIT_ZOMBIE && thread_group_empty(p)) {
			p->exit_state = EXIT_DEAD;
			release_task(p);
		}
	}
}

/*
 * exit_notify - tell the parent (SIGCHLD): the task becomes a zombie
 * to be reaped, or goes at once.
 */
static void exit_notify(struct task_struct *tsk, bool group_dead)
{
	bool autoreap;

	if (group_dead)
		forget_original_parent(tsk);

	if (unlikely(!thread_group_leader(tsk)))
		autoreap = true;	/* threads are reaped at once */
	else
		autoreap = false;	/* the parent waits: a zombie */

	tsk->exit_state = autoreap ? EXIT_DEAD : EXIT_ZOMBIE;
	if (tsk->exit_state == EXIT_DEAD)
		release_task(tsk);
}

/**
 * do_exit - @tsk terminates with @code
 *
 * The task loses its mm and its children; it stays a zombie (a leader)
 * until its parent reaps it with release_task(), or is gone at once (a
 * thread).
 */
void do_exit(struct task_struct *tsk, long code)
{
	bool group_dead;

	WARN_ON(tsk->flags & PF_EXITING);
	BUG_ON(!tsk->pid);	/* the idle tasks never exit */
	tsk->flags |= PF_EXITING;

	group_dead = atomic_dec_and_test(&tsk->signal->live);
	tsk->exit_code = code;
	exit_mm(tsk);

	/* a dying task keeps a reference until its last switch away */
	get_task_struct(tsk);
	exit_notify(tsk, group_dead);

	/* do_task_dead(): the final schedule() */
	refmm_task_dead(tsk);
	put_task_struct(tsk);
}
