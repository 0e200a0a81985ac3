// SPDX-License-Identifier: GPL-2.0-only
/*
 * oom_kill.c - the out-of-memory killer (mm/oom_kill.c, Linux 4.0).
 *
 * When an allocation that may not fail (order <= PAGE_ALLOC_COSTLY_ORDER,
 * __GFP_FS, a zone up to ZONE_NORMAL or above) finds no free page and
 * reclaim makes no progress, out_of_memory() picks the task whose death
 * frees the most memory -- the largest oom_badness(): resident pages plus
 * page-table pages, adjusted by oom_score_adj, with 3% off for root
 * tasks; never init, never a kernel thread -- and kills it.  The report
 * it logs first (dump_header()) is the one support engineers read: the
 * invoking task and its gfp mask, the CPU line, show_mem()'s Mem-Info
 * (per zone free, watermarks, LRU sizes, lowmem_reserve, free lists) and
 * a table of every user task's memory (dump_tasks()), then "Out of
 * memory: Kill process ..." and "Killed process ...".
 *
 * Where refmm departs from 4.0: the victim gets TIF_MEMDIE as in 4.0, but
 * instead of a SIGKILL it dies at once (do_exit() on its behalf: its
 * memory is back before the allocation retries); when the victim is the
 * allocating task itself it gets the reserves to finish its allocation
 * and its caller makes it exit (see the scenario's fault loop).
 * Memory cgroups, cpusets and mempolicies do not constrain the choice.
 *
 * Locking: tasklist_lock, task_lock, the zonelist's oom lock; single-
 * threaded here.
 */
#include <stdio.h>

#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/vmstat.h>

int sysctl_panic_on_oom __kdata;
int sysctl_oom_kill_allocating_task __kdata;
int sysctl_oom_dump_tasks __kdata = 1;
/* refmm: the OOM kills so far, and the last victim's pid (for the truth) */
unsigned long refmm_oom_kills __kdata;
int refmm_oom_last_victim __kdata;

#define K(x) ((x) << (PAGE_SHIFT - 10))

enum oom_constraint {
	CONSTRAINT_NONE,
	CONSTRAINT_CPUSET,
	CONSTRAINT_MEMORY_POLICY,
	CONSTRAINT_MEMCG,
};

enum oom_scan_t {
	OOM_SCAN_OK,		/* scan thread and find its badness */
	OOM_SCAN_CONTINUE,	/* do not consider thread for oom kill */
	OOM_SCAN_ABORT,		/* abort the iteration and return */
	OOM_SCAN_SELECT,	/* always select this thread first */
};

static inline int is_global_init(struct task_struct *tsk)
{
	return tsk->pid == 1;
}

/*
 * The process p may have detached its own ->mm while exiting or through
 * use_mm(), but one or more of its subthreads may still have a valid
 * pointer.  Return p, or any of its subthreads with a valid ->mm, with
 * task_lock() held.
 */
static struct task_struct *find_lock_task_mm(struct task_struct *p)
{
	struct task_struct *t = p;

	do {
		task_lock(t);
		if (likely(t->mm))
			return t;
		task_unlock(t);
	} while ((t = next_thread(t)) != p);

	return NULL;
}

/* return true if the task is not adequate as candidate victim task. */
static bool oom_unkillable_task(struct task_struct *p)
{
	if (is_global_init(p))
		return true;
	if (p->flags & PF_KTHREAD)
		return true;
	return false;
}

/**
 * oom_badness - heuristic function to determine which candidate task to kill
 * @p: task struct of which task we should calculate
 * @totalpages: total present RAM allowed for page allocation
 *
 * The heuristic for determining which task to kill is made to be as simple
 * and predictable as possible.  The goal is to return the highest value for
 * the task consuming the most memory to avoid subsequent oom failures.
 */
static unsigned long oom_badness(struct task_struct *p,
				 unsigned long totalpages)
{
	long points;
	long adj;

	if (oom_unkillable_task(p))
		return 0;

	p = find_lock_task_mm(p);
	if (!p)
		return 0;

	adj = (long)p->signal->oom_score_adj;
	if (adj == OOM_SCORE_ADJ_MIN) {
		task_unlock(p);
		return 0;
	}

	/*
	 * The baseline for the badness score is the proportion of RAM that each
	 * task's rss, pagetable and swap space use.
	 */
	points = get_mm_rss(p->mm) + atomic_long_read(&p->mm->nr_ptes) +
		 get_mm_counter(p->mm, MM_SWAPENTS);
	task_unlock(p);

	/*
	 * Root processes get 3% bonus, just like the __vm_enough_memory()
	 * implementation used by LSMs.  (refmm's tasks all run as root.)
	 */
	points -= (points * 3) / 100;

	/* Normalize to oom_score_adj units */
	adj *= totalpages / 1000;
	points += adj;

	/*
	 * Never return 0 for an eligible task regardless of the root bonus and
	 * oom_score_adj (oom_score_adj can't be OOM_SCORE_ADJ_MIN here).
	 */
	return points > 0 ? points : 1;
}

/*
 * Determine the type of allocation constraint: none in refmm (no cpusets,
 * no mempolicies); every page of RAM and swap counts.
 */
static enum oom_constraint constrained_alloc(struct zonelist *zonelist,
					     gfp_t gfp_mask,
					     nodemask_t *nodemask,
					     unsigned long *totalpages)
{
	(void)zonelist;
	(void)gfp_mask;
	(void)nodemask;
	*totalpages = totalram_pages + total_swap_pages;
	return CONSTRAINT_NONE;
}

static enum oom_scan_t oom_scan_process_thread(struct task_struct *task,
					       bool force_kill)
{
	if (oom_unkillable_task(task))
		return OOM_SCAN_CONTINUE;

	/*
	 * This task already has access to memory reserves and is being killed.
	 * Don't allow any other task to have access to the reserves.
	 */
	if (test_tsk_thread_flag(task, TIF_MEMDIE)) {
		if (!force_kill)
			return OOM_SCAN_ABORT;
	}
	if (!task->mm)
		return OOM_SCAN_CONTINUE;

	if (task->flags & PF_EXITING && !force_kill)
		return OOM_SCAN_ABORT;
	return OOM_SCAN_OK;
}

/*
 * Simple selection loop. We chose the process with the highest
 * number of 'points'.  Returns -1 on scan abort.
 */
static struct task_struct *select_bad_process(unsigned int *ppoints,
					      unsigned long totalpages,
					      bool force_kill)
{
	struct task_struct *g, *p;
	struct task_struct *chosen = NULL;
	unsigned long chosen_points = 0;

	do_each_thread(g, p) {
		unsigned long points;

		switch (oom_scan_process_thread(p, force_kill)) {
		case OOM_SCAN_SELECT:
			chosen = p;
			chosen_points = ULONG_MAX;
			/* fall through */
		case OOM_SCAN_CONTINUE:
			continue;
		case OOM_SCAN_ABORT:
			return (struct task_struct *)(-1UL);
		case OOM_SCAN_OK:
			break;
		};
		points = oom_badness(p, totalpages);
		if (!points || points < chosen_points)
			continue;
		/* Prefer thread group leaders for display purposes */
		if (points == chosen_points && thread_group_leader(chosen))
			continue;

		chosen = p;
		chosen_points = points;
	} while_each_thread(g, p);
	if (chosen)
		get_task_struct(chosen);

	*ppoints = chosen_points * 1000 / totalpages;
	return chosen;
}

/**
 * dump_tasks - dump current memory state of all system tasks
 *
 * Dumps the current memory state of all eligible tasks.  Tasks not in the
 * same memcg, not in the same cpuset, or bound to a disjoint set of
 * mempolicy nodes are not shown.
 * State information includes task's pid, uid, tgid, vm size, rss, nr_ptes,
 * swapents, oom_score_adj value, and name.
 */
static void dump_tasks(void)
{
	struct task_struct *p;
	struct task_struct *task;

	pr_info("[ pid ]   uid  tgid total_vm      rss nr_ptes nr_pmds swapents oom_score_adj name\n");
	for_each_process(p) {
		if (oom_unkillable_task(p))
			continue;

		task = find_lock_task_mm(p);
		if (!task) {
			/*
			 * This is a kthread or all of p's threads have already
			 * detached their mm's.  There's no need to report
			 * them; they can't be oom killed anyway.
			 */
			continue;
		}

		pr_info("[%5d] %5d %5d %8lu %8lu %7ld %7ld %8lu         %5hd %s\n",
			task->pid, task->uid.val, task->tgid,
			task->mm->total_vm, get_mm_rss(task->mm),
			atomic_long_read(&task->mm->nr_ptes),
			(long)mm_nr_pmds(task->mm),
			get_mm_counter(task->mm, MM_SWAPENTS),
			task->signal->oom_score_adj, task->comm);
		task_unlock(task);
	}
}

/* kernel/cpuset.c: the task's cpuset and the nodes it may allocate on */
static void cpuset_print_task_mems_allowed(struct task_struct *tsk)
{
	char mems[32];

	if (nr_online_nodes > 1)
		snprintf(mems, sizeof(mems), "0-%d", nr_online_nodes - 1);
	else
		snprintf(mems, sizeof(mems), "0");
	pr_info("%s cpuset=/ mems_allowed=%s\n", tsk->comm, mems);
}

static void dump_header(struct task_struct *p, gfp_t gfp_mask, int order,
			const nodemask_t *nodemask)
{
	struct task_struct *cur = current;

	(void)p;
	(void)nodemask;
	task_lock(cur);
	pr_warning("%s invoked oom-killer: gfp_mask=0x%x, order=%d, oom_score_adj=%hd\n",
		   cur->comm, gfp_mask, order, cur->signal->oom_score_adj);
	cpuset_print_task_mems_allowed(cur);
	task_unlock(cur);
	dump_stack();
	show_mem(SHOW_MEM_FILTER_NODES);
	if (sysctl_oom_dump_tasks)
		dump_tasks();
}

/*
 * Marks the given task as OOM victim: it may use the memory reserves to
 * exit.
 */
static void mark_oom_victim(struct task_struct *tsk)
{
	set_tsk_thread_flag(tsk, TIF_MEMDIE);
}

/*
 * refmm: the victim dies now.  A task other than the allocating one is
 * exited on its behalf; the allocating task, killed, finishes its
 * allocation from the reserves and its caller makes it exit.
 */
static void refmm_oom_reap(struct task_struct *victim)
{
	refmm_oom_kills++;
	refmm_oom_last_victim = victim->pid;
	if (victim == current)
		return;
	do_exit(victim, SIGKILL);
	if (victim->exit_state == EXIT_ZOMBIE)
		release_task(victim);	/* the parent reaps it */
}

/*
 * Must be called while holding a reference to p, which will be released upon
 * returning.
 */
static void oom_kill_process(struct task_struct *p, gfp_t gfp_mask, int order,
			     unsigned int points, unsigned long totalpages,
			     nodemask_t *nodemask, const char *message)
{
	struct task_struct *victim = p;
	struct task_struct *child;
	struct task_struct *t;
	struct mm_struct *mm;
	unsigned int victim_points = 0;

	/*
	 * If the task is already exiting, don't alarm the sysadmin or kill
	 * its children or threads, just set TIF_MEMDIE so it can die quickly
	 */
	task_lock(p);
	if (p->mm && p->flags & PF_EXITING) {
		mark_oom_victim(p);
		task_unlock(p);
		put_task_struct(p);
		return;
	}
	task_unlock(p);

	dump_header(p, gfp_mask, order, nodemask);

	task_lock(p);
	pr_err("%s: Kill process %d (%s) score %d or sacrifice child\n",
	       message, task_pid_nr(p), p->comm, points);
	task_unlock(p);

	/*
	 * If any of p's children has a different mm and is eligible for kill,
	 * the one with the highest oom_badness() score is sacrificed for its
	 * parent.  This attempts to lose the minimal amount of work done while
	 * still freeing memory.
	 */
	t = p;
	do {
		list_for_each_entry(child, &t->children, sibling) {
			unsigned int child_points;

			if (child->mm == p->mm)
				continue;
			/*
			 * oom_badness() returns 0 if the thread is unkillable
			 */
			child_points = oom_badness(child, totalpages);
			if (child_points > victim_points) {
				put_task_struct(victim);
				victim = child;
				victim_points = child_points;
				get_task_struct(victim);
			}
		}
	} while ((t = next_thread(t)) != p);

	p = find_lock_task_mm(victim);
	if (!p) {
		put_task_struct(victim);
		return;
	} else if (victim != p) {
		get_task_struct(p);
		put_task_struct(victim);
		victim = p;
	}

	/* mm cannot safely be dereferenced after task_unlock(victim) */
	mm = victim->mm;
	mark_oom_victim(victim);
	pr_err("Killed process %d (%s) total-vm:%lukB, anon-rss:%lukB, file-rss:%lukB\n",
	       task_pid_nr(victim), victim->comm, K(victim->mm->total_vm),
	       K(get_mm_counter(victim->mm, MM_ANONPAGES)),
	       K(get_mm_counter(victim->mm, MM_FILEPAGES)));
	task_unlock(victim);

	/*
	 * Kill all user processes sharing victim->mm in other thread groups, if
	 * any.  They don't get access to memory reserves, though, to avoid
	 * depletion of all memory.
	 */
	for_each_process(p)
		if (p->mm == mm && p->tgid != victim->tgid &&
		    !(p->flags & PF_KTHREAD)) {
			if (p->signal->oom_score_adj == OOM_SCORE_ADJ_MIN)
				continue;

			task_lock(p);	/* Protect ->comm from prctl() */
			pr_err("Kill process %d (%s) sharing same memory\n",
			       task_pid_nr(p), p->comm);
			task_unlock(p);
		}

	refmm_oom_reap(victim);
	put_task_struct(victim);
}

/*
 * Determines whether the kernel must panic because of the panic_oom sysctl.
 */
static void check_panic_on_oom(enum oom_constraint constraint, gfp_t gfp_mask,
			       int order, const nodemask_t *nodemask)
{
	if (likely(!sysctl_panic_on_oom))
		return;
	if (sysctl_panic_on_oom != 2) {
		/*
		 * panic_on_oom == 1 only affects CONSTRAINT_NONE, the kernel
		 * does not panic for cpuset, mempolicy, or memcg allocation
		 * failures.
		 */
		if (constraint != CONSTRAINT_NONE)
			return;
	}
	dump_header(NULL, gfp_mask, order, nodemask);
	panic("Out of memory: %s panic_on_oom is enabled\n",
		sysctl_panic_on_oom == 2 ? "compulsory" : "system-wide");
}

/**
 * out_of_memory - kill the "best" process when we run out of memory
 * @zonelist: zonelist pointer
 * @gfp_mask: memory allocation flags
 * @order: amount of memory being requested as a power of 2
 * @nodemask: nodemask passed to page allocator
 * @force_kill: true if a task must be killed, even if others are exiting
 *
 * If we run out of memory, we have the choice between either
 * killing a random task (bad), letting the system crash (worse)
 * OR try to be smart about which process to kill. Note that we
 * don't have to be perfect here, we just have to be good.
 *
 * Returns true when it killed (or found dying) a task.
 */
bool out_of_memory(struct zonelist *zonelist, gfp_t gfp_mask,
		   int order, nodemask_t *nodemask, bool force_kill)
{
	struct task_struct *p;
	unsigned long totalpages;
	unsigned int points;
	enum oom_constraint constraint;

	/*
	 * If current has a pending SIGKILL or is exiting, then automatically
	 * select it.  The goal is to allow it to allocate so that it may
	 * quickly exit and free its memory.
	 */
	if (current->mm && (test_tsk_thread_flag(current, TIF_MEMDIE) ||
			    current->flags & PF_EXITING)) {
		mark_oom_victim(current);
		return true;
	}

	/*
	 * Check if there were limitations on the allocation (only relevant for
	 * NUMA) that may require different handling.
	 */
	constraint = constrained_alloc(zonelist, gfp_mask, nodemask,
				       &totalpages);
	check_panic_on_oom(constraint, gfp_mask, order, nodemask);

	if (sysctl_oom_kill_allocating_task && current->mm &&
	    !oom_unkillable_task(current) &&
	    current->signal->oom_score_adj != OOM_SCORE_ADJ_MIN) {
		get_task_struct(current);
		oom_kill_process(current, gfp_mask, order, 0, totalpages,
				 nodemask,
				 "Out of memory (oom_kill_allocating_task)");
		return true;
	}

	p = select_bad_process(&points, totalpages, force_kill);
	/* Found nothing?!?! Either we hang forever, or we panic. */
	if (!p) {
		dump_header(NULL, gfp_mask, order, nodemask);
		panic("Out of memory and no killable processes...\n");
	}
	if (p != (void *)-1UL) {
		oom_kill_process(p, gfp_mask, order, points, totalpages,
				 nodemask, "Out of memory");
		return true;
	}
	return false;
}
