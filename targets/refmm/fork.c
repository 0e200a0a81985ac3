// SPDX-License-Identifier: GPL-2.0-only
/*
 * fork.c - creating tasks and address spaces (kernel/fork.c, Linux 4.0).
 *
 * copy_process() builds a child of @parent: a task_struct from the
 * task_struct cache, a kernel stack of THREAD_SIZE from the buddy
 * allocator (thread_info at its base, counted in NR_KERNEL_STACK), a pid,
 * and the parent's address space -- shared with CLONE_VM (threads, and
 * kernel threads, which have none), else copied by dup_mm():
 *
 *   dup_mm()    a new mm_struct (mm_struct cache) and pgd (pgd_alloc),
 *   dup_mmap()  a copy of every VMA (vm_area_struct cache), linked in the
 *               same order on the list and in the rbtree, each file VMA
 *               added to its file's i_mmap, each anonymous one chained to
 *               the parent's anon_vma and a new one of its own
 *               (anon_vma_fork), and the page tables copied
 *               (copy_page_range): private writable pages become
 *               copy-on-write, write-protected in parent and child and
 *               mapped twice (_mapcount, _count).
 *
 * Where refmm departs from 4.0: the parent is an argument, not current
 * (the workload forks the task it names, which need not be running), and
 * there are no credentials, files, fs, namespaces or signal handlers to
 * copy beyond signal_struct.  The child is left runnable on the parent's
 * CPU (wake_up_new_task()).
 *
 * Locking: tasklist_lock, mmap_sem of both mms (taken as 4.0 takes them).
 */
#include <string.h>

#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/pid.h>
#include <linux/pid_namespace.h>
#include <linux/rmap.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/vmstat.h>
#include <linux/fs.h>

#include "sched.h"

/* counted under tasklist_lock */
unsigned long total_forks __kdata;	/* Handle normal Linux uptimes. */
int nr_threads __kdata;			/* The idle threads do not count.. */

int max_threads __kdata;		/* tunable limit on nr_threads */

DEFINE_PER_CPU(unsigned long, process_counts);

/* SLAB cache for signal_struct structures (tsk->signal) */
static struct kmem_cache *signal_cachep __kdata;

/* SLAB cache for vm_area_struct structures */
struct kmem_cache *vm_area_cachep __kdata;

/* SLAB cache for mm_struct structures (tsk->mm) */
static struct kmem_cache *mm_cachep __kdata;

/* SLAB cache for task_struct structures */
static struct kmem_cache *task_struct_cachep __kdata;

#define THREADINFO_GFP		(GFP_KERNEL | __GFP_NOTRACK)
#define ARCH_MIN_MMSTRUCT_ALIGN	0

static inline struct task_struct *alloc_task_struct_node(int node)
{
	return kmem_cache_alloc_node(task_struct_cachep, GFP_KERNEL, node);
}

static inline void free_task_struct(struct task_struct *tsk)
{
	kmem_cache_free(task_struct_cachep, tsk);
}

/*
 * Kernel stacks are THREAD_SIZE_ORDER blocks straight from the buddy
 * allocator (alloc_kmem_pages_node(), without kmemcg accounting here).
 */
static struct thread_info *alloc_thread_info_node(struct task_struct *tsk,
						  int node)
{
	struct page *page = alloc_pages_node(node, THREADINFO_GFP,
					     THREAD_SIZE_ORDER);

	(void)tsk;
	return page ? page_address(page) : NULL;
}

static inline void free_thread_info(struct thread_info *ti)
{
	free_pages((unsigned long)ti, THREAD_SIZE_ORDER);
}

/* NR_KERNEL_STACK counts stacks, not pages, in 4.0. */
static void account_kernel_stack(struct thread_info *ti, int account)
{
	struct zone *zone = page_zone(virt_to_page(ti));

	mod_zone_page_state(zone, NR_KERNEL_STACK, account);
}

void free_task(struct task_struct *tsk)
{
	account_kernel_stack(tsk->stack, -1);
	free_thread_info(tsk->stack);
	free_task_struct(tsk);
}

static inline void free_signal_struct(struct signal_struct *sig)
{
	kmem_cache_free(signal_cachep, sig);
}

static inline void put_signal_struct(struct signal_struct *sig)
{
	if (atomic_dec_and_test(&sig->sigcnt))
		free_signal_struct(sig);
}

void __put_task_struct(struct task_struct *tsk)
{
	WARN_ON(!tsk->exit_state);
	WARN_ON(atomic_read(&tsk->usage));
	WARN_ON(tsk == current);

	put_signal_struct(tsk->signal);
	free_task(tsk);
}

void __init fork_init(unsigned long mempages)
{
	/* create a slab on which task_structs can be allocated */
	task_struct_cachep =
		kmem_cache_create("task_struct", sizeof(struct task_struct),
				  16, SLAB_PANIC | SLAB_NOTRACK, NULL);

	/*
	 * at most half of memory in thread structures (task_struct and
	 * kernel stack)
	 */
	max_threads = mempages / (8 * THREAD_SIZE / PAGE_SIZE);

	/* and at least 20 threads, enough to boot */
	if (max_threads < 20)
		max_threads = 20;
}

static void set_task_stack_end_magic(struct task_struct *tsk)
{
	unsigned long *stackend;

	stackend = end_of_stack(tsk);
	*stackend = STACK_END_MAGIC;	/* for overflow detection */
}

static struct task_struct *dup_task_struct(struct task_struct *orig, int node)
{
	struct task_struct *tsk;
	struct thread_info *ti;

	if (node == NUMA_NO_NODE)
		node = cpu_to_node(task_cpu(orig));
	tsk = alloc_task_struct_node(node);
	if (!tsk)
		return NULL;

	ti = alloc_thread_info_node(tsk, node);
	if (!ti)
		goto free_tsk;

	*tsk = *orig;
	tsk->stack = ti;

	/* setup_thread_stack(): the parent's thread_info, our task */
	*ti = *task_thread_info(orig);
	ti->task = tsk;
	ti->flags &= ~(1U << TIF_MEMDIE);
	set_task_stack_end_magic(tsk);
	tsk->thread.sp0 = (unsigned long)ti + THREAD_SIZE;
	tsk->thread.sp = tsk->thread.sp0 - 8 * sizeof(unsigned long);

	/* two users: the task itself, and its release_task() */
	atomic_set(&tsk->usage, 2);

	account_kernel_stack(ti, 1);

	return tsk;

free_tsk:
	free_task_struct(tsk);
	return NULL;
}

/*
 * dup_mmap - copy @oldmm's VMAs and page tables into the new @mm.
 */
static int dup_mmap(struct mm_struct *mm, struct mm_struct *oldmm)
{
	struct vm_area_struct *mpnt, *tmp, *prev, **pprev;
	struct rb_node **rb_link, *rb_parent;
	int retval = 0;
	unsigned long charge;

	down_write(&oldmm->mmap_sem);
	down_write(&mm->mmap_sem);

	mm->exe_file = oldmm->exe_file;
	if (mm->exe_file)
		get_file(mm->exe_file);
	mm->total_vm = oldmm->total_vm;
	mm->shared_vm = oldmm->shared_vm;
	mm->exec_vm = oldmm->exec_vm;
	mm->stack_vm = oldmm->stack_vm;

	rb_link = &mm->mm_rb.rb_node;
	rb_parent = NULL;
	pprev = &mm->mmap;

	prev = NULL;
	for (mpnt = oldmm->mmap; mpnt; mpnt = mpnt->vm_next) {
		struct file *file;

		if (mpnt->vm_flags & VM_DONTCOPY) {
			vm_stat_account(mm, mpnt->vm_flags, mpnt->vm_file,
					-vma_pages(mpnt));
			continue;
		}
		charge = 0;
		if (mpnt->vm_flags & VM_ACCOUNT) {
			unsigned long len = vma_pages(mpnt);

			if (security_vm_enough_memory_mm(oldmm, len)) /* sic */
				goto fail_nomem;
			charge = len;
		}
		tmp = kmem_cache_alloc(vm_area_cachep, GFP_KERNEL);
		if (!tmp)
			goto fail_nomem;
		*tmp = *mpnt;
		INIT_LIST_HEAD(&tmp->anon_vma_chain);
		tmp->vm_mm = mm;
		if (anon_vma_fork(tmp, mpnt))
			goto fail_nomem_anon_vma_fork;
		tmp->vm_flags &= ~VM_LOCKED;
		tmp->vm_next = tmp->vm_prev = NULL;
		file = tmp->vm_file;
		if (file) {
			struct address_space *mapping = file->f_mapping;

			get_file(file);
			if (tmp->vm_flags & VM_DENYWRITE)
				atomic_dec(&file->f_inode->i_writecount);
			if (tmp->vm_flags & VM_SHARED)
				atomic_inc(&mapping->i_mmap_writable);
			/* insert tmp into the share list, just after mpnt */
			vma_interval_tree_insert_after(tmp, mpnt,
						       &mapping->i_mmap);
		}

		/* link the copy, then copy the page tables it covers */
		*pprev = tmp;
		pprev = &tmp->vm_next;
		tmp->vm_prev = prev;
		prev = tmp;

		__vma_link_rb(mm, tmp, rb_link, rb_parent);
		rb_link = &tmp->vm_rb.rb_right;
		rb_parent = &tmp->vm_rb;

		mm->map_count++;
		retval = copy_page_range(mm, oldmm, mpnt);

		if (tmp->vm_ops && tmp->vm_ops->open)
			tmp->vm_ops->open(tmp);

		if (retval)
			goto out;
	}
	retval = 0;
out:
	up_write(&mm->mmap_sem);
	up_write(&oldmm->mmap_sem);
	return retval;
fail_nomem_anon_vma_fork:
	kmem_cache_free(vm_area_cachep, tmp);
fail_nomem:
	retval = -ENOMEM;
	vm_unacct_memory(charge);
	goto out;
}

static inline int mm_alloc_pgd(struct mm_struct *mm)
{
	mm->pgd = pgd_alloc(mm);
	if (unlikely(!mm->pgd))
		return -ENOMEM;
	return 0;
}

static inline void mm_free_pgd(struct mm_struct *mm)
{
	pgd_free(mm, mm->pgd);
}

#define allocate_mm()	(kmem_cache_alloc(mm_cachep, GFP_KERNEL))
#define free_mm(mm)	(kmem_cache_free(mm_cachep, (mm)))

/* The dump filter of core dumps: MMF_DUMP_FILTER_DEFAULT (0x33). */
#define MMF_DUMP_FILTER_DEFAULT	0x33

static struct mm_struct *mm_init(struct mm_struct *mm, struct task_struct *p)
{
	mm->mmap = NULL;
	mm->mm_rb = RB_ROOT;
	mm->vmacache_seqnum = 0;
	atomic_set(&mm->mm_users, 1);
	atomic_set(&mm->mm_count, 1);
	init_rwsem(&mm->mmap_sem);
	INIT_LIST_HEAD(&mm->mmlist);
	mm->core_state = NULL;
	atomic_long_set(&mm->nr_ptes, 0);
	atomic_long_set(&mm->nr_pmds, 0);
	mm->map_count = 0;
	mm->locked_vm = 0;
	mm->pinned_vm = 0;
	memset(&mm->rss_stat, 0, sizeof(mm->rss_stat));
	spin_lock_init(&mm->page_table_lock);
	memset(&mm->cpu_vm_mask, 0, sizeof(mm->cpu_vm_mask));
	mm->owner = p;
	mm->flags = MMF_DUMP_FILTER_DEFAULT;
	mm->def_flags = 0;

	if (mm_alloc_pgd(mm))
		goto fail_nopgd;

	return mm;

fail_nopgd:
	free_mm(mm);
	return NULL;
}

/* The mm must be empty when it is freed: what check_mm() complains about. */
static void check_mm(struct mm_struct *mm)
{
	int i;

	for (i = 0; i < NR_MM_COUNTERS; i++) {
		long x = atomic_long_read(&mm->rss_stat.count[i]);

		if (unlikely(x))
			printk(KERN_ALERT "BUG: Bad rss-counter state mm:%p idx:%d val:%ld\n",
			       (void *)mm, i, x);
	}

	if (atomic_long_read(&mm->nr_ptes))
		pr_alert("BUG: non-zero nr_ptes on freeing mm: %ld\n",
			 atomic_long_read(&mm->nr_ptes));
	if (mm_nr_pmds(mm))
		pr_alert("BUG: non-zero nr_pmds on freeing mm: %ld\n",
			 (long)mm_nr_pmds(mm));
}

/* mm_init - a new mm_struct: counters, the pgd, the layout defaults. */
struct mm_struct *mm_alloc(void)
{
	struct mm_struct *mm;

	mm = allocate_mm();
	if (!mm)
		return NULL;

	memset(mm, 0, sizeof(*mm));
	return mm_init(mm, current);
}

/*
 * __mmdrop - the last reference (mm_count) went: a lazy user or mmput().
 * The pgd and the mm_struct are freed.
 */
void __mmdrop(struct mm_struct *mm)
{
	BUG_ON(mm == &init_mm);
	mm_free_pgd(mm);
	check_mm(mm);
	free_mm(mm);
}

/*
 * mmput - one user (mm_users) less; the last one tears the address
 * space down (exit_mmap) and drops its mm_count reference.
 */
void mmput(struct mm_struct *mm)
{
	if (atomic_dec_and_test(&mm->mm_users)) {
		exit_mmap(mm);
		if (mm->exe_file) {
			fput(mm->exe_file);
			mm->exe_file = NULL;
		}
		if (!list_empty(&mm->mmlist))
			list_del(&mm->mmlist);
		mmdrop(mm);
	}
}

/* dup_mm - a copy of @tsk's mm for a fork without CLONE_VM. */
static struct mm_struct *dup_mm(struct task_struct *tsk,
				struct mm_struct *oldmm)
{
	struct mm_struct *mm;
	int err;

	mm = allocate_mm();
	if (!mm)
		goto fail_nomem;

	memcpy(mm, oldmm, sizeof(*mm));

	if (!mm_init(mm, tsk))
		goto fail_nomem;

	err = dup_mmap(mm, oldmm);
	if (err)
		goto free_pt;

	mm->hiwater_rss = get_mm_rss(mm);
	mm->hiwater_vm = mm->total_vm;

	return mm;

free_pt:
	/* don't put binfmt in mmput, we haven't got module yet */
	mmput(mm);

fail_nomem:
	return NULL;
}

static int copy_mm(unsigned long clone_flags, struct task_struct *tsk,
		   struct task_struct *parent)
{
	struct mm_struct *mm, *oldmm;

	tsk->min_flt = tsk->maj_flt = 0;
	tsk->nvcsw = tsk->nivcsw = 0;

	tsk->mm = NULL;
	tsk->active_mm = NULL;

	/*
	 * a kernel thread has no mm: nothing to copy (it borrows an
	 * active_mm when it runs)
	 */
	oldmm = parent->mm;
	if (!oldmm)
		return 0;

	/* initialize the new vmacache entries */
	tsk->vmacache_seqnum = 0;
	memset(tsk->vmacache, 0, sizeof(tsk->vmacache));

	if (clone_flags & CLONE_VM) {
		atomic_inc(&oldmm->mm_users);
		mm = oldmm;
		goto good_mm;
	}

	mm = dup_mm(tsk, oldmm);
	if (!mm)
		return -ENOMEM;

good_mm:
	tsk->mm = mm;
	tsk->active_mm = mm;
	return 0;
}

static int copy_signal(unsigned long clone_flags, struct task_struct *tsk,
		       struct task_struct *parent)
{
	struct signal_struct *sig;

	if (clone_flags & CLONE_THREAD)
		return 0;

	sig = kmem_cache_zalloc(signal_cachep, GFP_KERNEL);
	tsk->signal = sig;
	if (!sig)
		return -ENOMEM;

	sig->nr_threads = 1;
	atomic_set(&sig->live, 1);
	atomic_set(&sig->sigcnt, 1);

	/* list_add(thread_node, thread_head) without INIT_LIST_HEAD() */
	sig->thread_head = (struct list_head)LIST_HEAD_INIT(tsk->thread_node);
	tsk->thread_node = (struct list_head)LIST_HEAD_INIT(sig->thread_head);

	sig->curr_target = tsk;
	sig->oom_score_adj = parent->signal->oom_score_adj;
	sig->oom_score_adj_min = parent->signal->oom_score_adj_min;

	return 0;
}

static inline void init_task_pid(struct task_struct *task, enum pid_type type,
				 struct pid *pid)
{
	task->pids[type].pid = pid;
}

/*
 * copy_process - the new task, a copy of @parent as @clone_flags say
 * (mm, files, signal handlers shared or copied), not yet running: the
 * caller wakes it.
 */
struct task_struct *copy_process(unsigned long clone_flags,
				 struct task_struct *parent,
				 struct pid *pid, int node)
{
	int retval;
	struct task_struct *p;

	/*
	 * CLONE_THREAD needs CLONE_SIGHAND (a thread group shares its signal
	 * handlers), which needs CLONE_VM
	 */
	if ((clone_flags & CLONE_THREAD) && !(clone_flags & CLONE_SIGHAND))
		return ERR_PTR(-EINVAL);
	if ((clone_flags & CLONE_SIGHAND) && !(clone_flags & CLONE_VM))
		return ERR_PTR(-EINVAL);

	retval = -ENOMEM;
	p = dup_task_struct(parent, node);
	if (!p)
		goto fork_out;

	retval = -EAGAIN;
	if (nr_threads >= max_threads)
		goto bad_fork_free;

	p->flags &= ~(PF_SUPERPRIV | PF_WQ_WORKER);
	p->flags |= PF_FORKNOEXEC;
	INIT_LIST_HEAD(&p->children);
	INIT_LIST_HEAD(&p->sibling);
	spin_lock_init(&p->alloc_lock);

	p->utime = p->stime = p->gtime = 0;
	p->utimescaled = p->stimescaled = 0;
	memset(&p->rss_stat, 0, sizeof(p->rss_stat));

	p->start_time = local_clock();
	p->real_start_time = p->start_time;
	p->journal_info = NULL;
	p->reclaim_state = NULL;
	p->exit_state = 0;
	p->exit_code = 0;

	/* Perform scheduler related setup. Assign this task to a CPU. */
	sched_fork(clone_flags, p);

	retval = copy_signal(clone_flags, p, parent);
	if (retval)
		goto bad_fork_free;
	retval = copy_mm(clone_flags, p, parent);
	if (retval)
		goto bad_fork_cleanup_signal;

	if (pid != &init_struct_pid) {
		retval = -ENOMEM;
		pid = alloc_pid(&init_pid_ns);
		if (!pid)
			goto bad_fork_cleanup_mm;
	}

	/* ok, now we should be set up.. */
	p->pid = pid_nr(pid);
	if (clone_flags & CLONE_THREAD) {
		p->exit_signal = -1;
		p->group_leader = parent->group_leader;
		p->tgid = parent->tgid;
	} else {
		p->exit_signal = (clone_flags & CSIGNAL);
		p->group_leader = p;
		p->tgid = p->pid;
	}

	INIT_LIST_HEAD(&p->thread_group);
	INIT_LIST_HEAD(&p->tasks);

	/* CLONE_PARENT re-uses the old parent */
	if (clone_flags & CLONE_THREAD)
		p->real_parent = parent->real_parent;
	else
		p->real_parent = parent;
	p->parent = p->real_parent;

	if (likely(p->pid)) {
		init_task_pid(p, PIDTYPE_PID, pid);
		if (thread_group_leader(p)) {
			init_task_pid(p, PIDTYPE_PGID,
				      parent->group_leader->pids[PIDTYPE_PGID].pid);
			init_task_pid(p, PIDTYPE_SID,
				      parent->group_leader->pids[PIDTYPE_SID].pid);

			if (p->pid == 1)	/* is_child_reaper() */
				init_pid_ns.child_reaper = p;

			list_add_tail(&p->sibling, &p->real_parent->children);
			list_add_tail_rcu(&p->tasks, &init_task.tasks);
			attach_pid(p, PIDTYPE_PGID);
			attach_pid(p, PIDTYPE_SID);
			per_cpu(process_counts, smp_processor_id())++;
		} else {
			parent->signal->nr_threads++;
			atomic_inc(&parent->signal->live);
			atomic_inc(&parent->signal->sigcnt);
			p->signal = parent->signal;
			list_add_tail_rcu(&p->thread_group,
					  &p->group_leader->thread_group);
			list_add_tail_rcu(&p->thread_node,
					  &p->signal->thread_head);
		}
		attach_pid(p, PIDTYPE_PID);
		nr_threads++;
	}

	total_forks++;
	return p;

bad_fork_cleanup_mm:
	if (p->mm)
		mmput(p->mm);
bad_fork_cleanup_signal:
	if (!(clone_flags & CLONE_THREAD))
		free_signal_struct(p->signal);
bad_fork_free:
	free_task(p);
fork_out:
	return ERR_PTR(retval);
}

struct task_struct *fork_idle(int cpu)
{
	struct task_struct *task;

	task = copy_process(CLONE_VM, &init_task, &init_struct_pid,
			    cpu_to_node(cpu));
	if (!IS_ERR(task)) {
		/* start_secondary(): idle threads run on init_mm */
		atomic_inc(&init_mm.mm_count);
		task->active_mm = &init_mm;
		init_idle(task, cpu);
	}
	return task;
}

/*
 * do_fork - copy_process(), then wake the child; returns its pid (and
 * the child in *@child) or an error.
 */
long do_fork(unsigned long clone_flags, struct task_struct *parent,
	     struct task_struct **child)
{
	struct task_struct *p;

	p = copy_process(clone_flags, parent, NULL, NUMA_NO_NODE);
	if (IS_ERR(p))
		return PTR_ERR(p);
	wake_up_new_task(p);
	if (child)
		*child = p;
	return p->pid;
}

void __init proc_caches_init(void)
{
	signal_cachep = kmem_cache_create("signal_cache",
			sizeof(struct signal_struct), 0,
			SLAB_HWCACHE_ALIGN | SLAB_PANIC | SLAB_NOTRACK, NULL);
	mm_cachep = kmem_cache_create("mm_struct",
			sizeof(struct mm_struct), ARCH_MIN_MMSTRUCT_ALIGN,
			SLAB_HWCACHE_ALIGN | SLAB_PANIC | SLAB_NOTRACK, NULL);
	vm_area_cachep = KMEM_CACHE(vm_area_struct, SLAB_PANIC);
	mmap_init();
}

void set_task_comm(struct task_struct *tsk, const char *buf)
{
	task_lock(tsk);
	strncpy(tsk->comm, buf, sizeof(tsk->comm) - 1);
	tsk->comm[sizeof(tsk->comm) - 1] = '\0';
	task_unlock(tsk);
}

char *get_task_comm(char *buf, struct task_struct *tsk)
{
	task_lock(tsk);
	memcpy(buf, tsk->comm, TASK_COMM_LEN);
	task_unlock(tsk);
	return buf;
}
