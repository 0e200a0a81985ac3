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
 * find_lock_task_mm - @p, or a thread of its group, that still has an mm
 * (the leader may have dropped its own while exiting); task_lock() is
 * held on the one returned.
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

/*
 * oom_badness - how much killing @p would give back, for choosing a
 * victim: its rss, page tables and swap as a share of @totalpages, moved
 * by oom_score_adj.  0 for a task that may not be killed.
 * @totalpages: the RAM (and swap) the allocation may use
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
	 * the base: pages held (rss, page tables, swap entries), as a
	 * share of memory
	 */
	points = get_mm_rss(p->mm) + atomic_long_read(&p->mm->nr_ptes) +
		 get_mm_counter(p->mm, MM_SWAPENTS);
	task_unlock(p);

	/*
	 * root's tasks get 3% off, as __vm_enough_memory() grants
	 * (refmm's tasks all run as root)
	 */
	points -= (points * 3) / 100;

	/* Normalize to oom_score_adj units */
	adj *= totalpages / 1000;
	points += adj;

	/*
	 * an eligible task scores at least 1, whatever the bonus and
	 * oom_score_adj did
	 */
	return points > 0 ? points : 1;
}

/*
 * constrained_alloc(): what limits the allocation; nothing in refmm (no
 * cpusets, no mempolicies): every page of RAM and swap counts.
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
	 * a victim is already on its way out, with the reserves: wait
	 * for it instead of killing another
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
 * select_bad_process - the task with the highest badness; -1 when a
 * victim is still exiting (abort the scan).
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

/*
 * dump_tasks - the table of every user task and its memory (pid, uid,
 * tgid, total_vm, rss, nr_ptes, nr_pmds, swapents, oom_score_adj,
 * name), as the OOM report prints it.  refmm has no memcgs, cpusets or
 * mempolicies to filter by.
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
			 * a kernel thread, or a process whose threads have all
			 * dropped their mm: nothing to report, nothing to kill
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

/* mark_oom_victim - @tsk may use the memory reserves to exit. */
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
 * oom_kill_process - kill @p (or one of its children) and report it;
 * the caller holds a reference to @p, released here.
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
	 * a task already exiting just gets the reserves, without a
	 * report and without killing its children or threads
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
	 * A child with its own mm and the highest badness dies for its
	 * parent: the least work lost for the memory gained.
	 */
	t = p;
	do {
		list_for_each_entry(child, &t->children, sibling) {
			unsigned int child_points;

			if (child->mm == p->mm)
				continue;
			/* 0: the thread may not be killed */
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
	 * Every other process sharing the victim's mm dies too (else the
	 * mm's memory would stay); they do not get the reserves.
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
 * check_panic_on_oom - vm.panic_on_oom asks for a panic instead of a
 * kill.
 */
static void check_panic_on_oom(enum oom_constraint constraint, gfp_t gfp_mask,
			       int order, const nodemask_t *nodemask)
{
	if (likely(!sysctl_panic_on_oom))
		return;
	if (sysctl_panic_on_oom != 2) {
		/*
		 * panic_on_oom 1 applies to unconstrained allocations only,
		 * not to those limited by cpusets, mempolicies or memcgs
		 */
		if (constraint != CONSTRAINT_NONE)
			return;
	}
	dump_header(NULL, gfp_mask, order, nodemask);
	panic("Out of memory: %s panic_on_oom is enabled\n",
		sysctl_panic_on_oom == 2 ? "compulsory" : "system-wide");
}

/*
 * out_of_memory - choose a process and kill it, because an allocation
 * cannot be satisfied
 * @zonelist: the allocation's zonelist
 * @gfp_mask: its flags
 * @order: its order
 * @nodemask: its nodemask, or NULL
 * @force_kill: kill even if some task is already exiting
 *
 * The choice tries to free the most memory while losing the least work:
 * oom_badness() over every task, the victim's children first.
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
	 * current is being killed or exiting anyway: let it have the
	 * reserves and finish, which frees its memory soonest
	 */
	if (current->mm && (test_tsk_thread_flag(current, TIF_MEMDIE) ||
			    current->flags & PF_EXITING)) {
		mark_oom_victim(current);
		return true;
	}

	/* what limits this allocation (NUMA policies and the like) */
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
