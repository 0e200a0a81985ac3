/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sched.h - tasks (include/linux/sched.h, Linux 4.0, reduced).
 *
 * struct task_struct keeps 4.0's members a memory-management reader walks,
 * in 4.0's order, and leaves out the scheduler's entities, credentials,
 * signals beyond signal_struct, audit, perf, cgroups and the like:
 *
 *   state, flags, stack	run state, PF_* flags, the kernel stack
 *				(thread_info at its base: thread_info->cpu)
 *   on_cpu, on_rq		running on a CPU now; on a runqueue
 *   tasks			init_task.tasks: every thread-group leader
 *				(and idle task 0 itself), in creation order
 *   mm, active_mm		the address space; NULL mm for kernel
 *				threads, whose active_mm is borrowed
 *   pid, tgid			the thread's and the thread group's number
 *   real_parent, parent,	the family: parent->children lists its
 *   children, sibling		children through their sibling member
 *   group_leader, thread_group	the thread group
 *   pids[]			links to struct pid (pid hash, find_vpid)
 *   comm			the executable name, TASK_COMM_LEN bytes
 *   signal			struct signal_struct: oom_score_adj, threads
 *
 * The idle task of CPU 0 is init_task (swapper/0, pid 0); the other CPUs'
 * idle tasks (swapper/N, pid 0 too) are not on the tasks list but are
 * their runqueue's idle, as in the kernel.  The task running on a CPU is
 * that CPU's runqueues.curr (and per-CPU current_task).
 */
#ifndef _LINUX_SCHED_H
#define _LINUX_SCHED_H

#include <linux/types.h>
#include <linux/list.h>
#include <linux/mm_types.h>
#include <linux/percpu.h>
#include <linux/pid.h>
#include <asm/thread_info.h>

/* task->state (TASK_*), and task->exit_state (EXIT_*). */
#define TASK_RUNNING		0
#define TASK_INTERRUPTIBLE	1
#define TASK_UNINTERRUPTIBLE	2
#define __TASK_STOPPED		4
#define __TASK_TRACED		8
/* in tsk->exit_state */
#define EXIT_DEAD		16
#define EXIT_ZOMBIE		32
#define EXIT_TRACE		(EXIT_ZOMBIE | EXIT_DEAD)
/* in tsk->state again */
#define TASK_DEAD		64
#define TASK_WAKEKILL		128
#define TASK_WAKING		256
#define TASK_PARKED		512
#define TASK_STATE_MAX		1024

#define TASK_KILLABLE		(TASK_WAKEKILL | TASK_UNINTERRUPTIBLE)
#define TASK_STOPPED		(TASK_WAKEKILL | __TASK_STOPPED)

/* task->flags (PF_*) */
#define PF_EXITING	0x00000004	/* getting shut down */
#define PF_EXITPIDONE	0x00000008	/* pi exit done on shut down */
#define PF_VCPU		0x00000010	/* I'm a virtual CPU */
#define PF_WQ_WORKER	0x00000020	/* I'm a workqueue worker */
#define PF_FORKNOEXEC	0x00000040	/* forked but didn't exec */
#define PF_MCE_PROCESS	0x00000080	/* process policy on mce errors */
#define PF_SUPERPRIV	0x00000100	/* used super-user privileges */
#define PF_DUMPCORE	0x00000200	/* dumped core */
#define PF_SIGNALED	0x00000400	/* killed by a signal */
#define PF_MEMALLOC	0x00000800	/* Allocating memory */
#define PF_NPROC_EXCEEDED 0x00001000	/* set_user noticed that RLIMIT_NPROC was exceeded */
#define PF_USED_MATH	0x00002000	/* if unset the fpu must be initialized before use */
#define PF_USED_ASYNC	0x00004000	/* used async_schedule*(), used by module init */
#define PF_NOFREEZE	0x00008000	/* this thread should not be frozen */
#define PF_FROZEN	0x00010000	/* frozen for system suspend */
#define PF_FSTRANS	0x00020000	/* inside a filesystem transaction */
#define PF_KSWAPD	0x00040000	/* I am kswapd */
#define PF_MEMALLOC_NOIO 0x00080000	/* Allocating memory without IO involved */
#define PF_LESS_THROTTLE 0x00100000	/* Throttle me less: I clean memory */
#define PF_KTHREAD	0x00200000	/* I am a kernel thread */
#define PF_RANDOMIZE	0x00400000	/* randomize virtual address space */
#define PF_SWAPWRITE	0x00800000	/* Allowed to write to swap */
#define PF_NO_SETAFFINITY 0x04000000	/* Userland is not allowed to meddle with cpus_allowed */
#define PF_MCE_EARLY	0x08000000	/* Early kill for mce process policy */
#define PF_MUTEX_TESTER	0x20000000	/* Thread belongs to the rt mutex tester */
#define PF_FREEZER_SKIP	0x40000000	/* Freezer should not count it as freezable */
#define PF_SUSPEND_TASK 0x80000000	/* this thread called freeze_processes and should not be frozen */

/* clone(2) flags that fork.c honours */
#define CSIGNAL		0x000000ff	/* signal mask to be sent at exit */
#define CLONE_VM	0x00000100	/* set if VM shared between processes */
#define CLONE_FS	0x00000200	/* set if fs info shared between processes */
#define CLONE_FILES	0x00000400	/* set if open files shared between processes */
#define CLONE_SIGHAND	0x00000800	/* set if signal handlers and blocked signals shared */
#define CLONE_THREAD	0x00010000	/* Same thread group? */
#define SIGCHLD		17
#define SIGKILL		9

#define TASK_COMM_LEN	16

#define MAX_USER_RT_PRIO	100
#define MAX_RT_PRIO		MAX_USER_RT_PRIO
#define MAX_PRIO		(MAX_RT_PRIO + 40)
#define DEFAULT_PRIO		(MAX_RT_PRIO + 20)

#define SCHED_NORMAL		0
#define SCHED_FIFO		1

#define OOM_SCORE_ADJ_MIN	(-1000)
#define OOM_SCORE_ADJ_MAX	1000

/* What refmm keeps of struct sched_entity: the run time accounting. */
struct sched_entity {
	u64 exec_start;
	u64 sum_exec_runtime;
	u64 vruntime;
	u64 prev_sum_exec_runtime;
	u64 nr_migrations;
};

/* x86-64's struct thread_struct, the registers a switch saves. */
struct thread_struct {
	unsigned long sp0;
	unsigned long sp;
	unsigned long usersp;	/* Copy from PDA */
	unsigned short es;
	unsigned short ds;
	unsigned short fsindex;
	unsigned short gsindex;
	unsigned long fs;
	unsigned long gs;
};

/*
 * A thread group's shared state (4.0 locks it through the shared
 * sighand_struct).  refmm keeps what memory management reads: the
 * OOM killer's oom_score_adj, and the thread count.
 */
struct signal_struct {
	atomic_t sigcnt;
	atomic_t live;
	int nr_threads;
	struct list_head thread_head;

	/* current thread group signal load-balancing target: */
	struct task_struct *curr_target;

	int group_exit_code;

	/* process credentials and limits are elsewhere in 4.0 */
	unsigned long maxrss;

	/* OOM killer: how much to adjust this group's badness */
	short oom_score_adj;		/* OOM kill score adjustment */
	short oom_score_adj_min;	/* OOM kill score adjustment min value.
					 * Only settable by CAP_SYS_RESOURCE. */
};

struct task_struct {
	volatile long state;	/* -1 unrunnable, 0 runnable, >0 stopped */
	void *stack;
	atomic_t usage;
	unsigned int flags;	/* per process flags, defined above */
	unsigned int ptrace;

	int on_cpu;
	int wake_cpu;
	int on_rq;

	int prio, static_prio, normal_prio;
	unsigned int rt_priority;
	struct sched_entity se;

	unsigned int policy;
	int nr_cpus_allowed;
	cpumask_t cpus_allowed;

	struct list_head tasks;

	struct mm_struct *mm, *active_mm;
	/* per-thread vma caching */
	u32 vmacache_seqnum;
	struct vm_area_struct *vmacache[VMACACHE_SIZE];
	struct task_rss_stat rss_stat;

	/* task state */
	int exit_state;
	int exit_code, exit_signal;
	int pdeath_signal;	/*  The signal sent when the parent dies  */
	unsigned int jobctl;	/* JOBCTL_*, siglock protected */

	/* Used for emulating ABI behavior of previous Linux versions */
	unsigned int personality;

	unsigned in_execve:1;	/* Tell the LSMs that the process is doing
				 * an execve */
	unsigned in_iowait:1;

	pid_t pid;
	pid_t tgid;

	/*
	 * the family: real_parent forked us, parent gets our SIGCHLD
	 * (the same without ptrace)
	 */
	struct task_struct *real_parent; /* real parent process */
	struct task_struct *parent; /* recipient of SIGCHLD, wait4() reports */
	/* our children are on children, linked by their sibling */
	struct list_head children;	/* list of my children */
	struct list_head sibling;	/* linkage in my parent's children list */
	struct task_struct *group_leader;	/* threadgroup leader */

	/* PID/PID hash table linkage. */
	struct pid_link pids[PIDTYPE_MAX];
	struct list_head thread_group;
	struct list_head thread_node;

	cputime_t utime, stime, utimescaled, stimescaled;
	cputime_t gtime;
	unsigned long nvcsw, nivcsw; /* context switch counts */
	u64 start_time;		/* monotonic time in nsec */
	u64 real_start_time;	/* boot based time in nsec */
	/* mm fault and swap info: this can arguably be seen as either
	   mm-specific or thread-specific */
	unsigned long min_flt, maj_flt;

	kuid_t uid;		/* refmm: the cred's uid, no struct cred */
	kgid_t gid;

	char comm[TASK_COMM_LEN];	/* the executable's name, no path:
				   set at exec, [gs]et_task_comm() */

	/* filesystem and open files: not simulated (NULL) */
	struct fs_struct *fs;
	struct files_struct *files;

	/* signal handlers */
	struct signal_struct *signal;

	/* Protection of (de-)allocation: mm, files, fs, tty, keyrings,
	 * mems_allowed, mempolicy */
	spinlock_t alloc_lock;

	/* journalling filesystem info */
	void *journal_info;

	/* VM state */
	struct reclaim_state *reclaim_state;

	struct rcu_head rcu;

	/* CPU-specific state of this task */
	struct thread_struct thread;
};

/* The idle task of CPU 0, pid 0: the head of the tasks list. */
extern struct task_struct init_task;
extern struct mm_struct init_mm;
extern struct signal_struct init_signals;

DECLARE_PER_CPU(struct task_struct *, current_task);

/*
 * current: the task running on the CPU the workload runs on
 * (refmm_current_cpu), per_cpu(current_task, cpu) as on x86-64.  NULL
 * before sched_init() sets up the idle tasks.
 */
static inline struct task_struct *get_current(void)
{
	/* before setup_per_cpu_areas() there is no per-CPU data yet */
	return pcpu_base_addr ? this_cpu_read(current_task) : NULL;
}
#define current get_current()

#define task_thread_info(task)	((struct thread_info *)(task)->stack)

static inline unsigned int task_cpu(const struct task_struct *p)
{
	return task_thread_info(p)->cpu;
}

static inline unsigned long *end_of_stack(struct task_struct *p)
{
	return (unsigned long *)(task_thread_info(p) + 1);
}

#define next_task(p) \
	list_entry((p)->tasks.next, struct task_struct, tasks)

#define for_each_process(p) \
	for (p = &init_task ; (p = next_task(p)) != &init_task ; )

/*
 * do_each_thread ... while_each_thread walks every thread of
 * every process: two loops, so leave with goto, not break
 */
#define do_each_thread(g, t) \
	for (g = t = &init_task ; (g = t = next_task(g)) != &init_task ; ) do

#define while_each_thread(g, t) \
	while ((t = next_thread(t)) != g)

static inline struct task_struct *next_thread(const struct task_struct *p)
{
	return list_entry(p->thread_group.next, struct task_struct,
			  thread_group);
}

static inline int thread_group_leader(struct task_struct *p)
{
	return p->exit_signal >= 0;
}

static inline int get_nr_threads(struct task_struct *tsk)
{
	return tsk->signal->nr_threads;
}

static inline pid_t task_pid_nr(struct task_struct *tsk)
{
	return tsk->pid;
}

static inline pid_t task_tgid_nr(struct task_struct *tsk)
{
	return tsk->tgid;
}

static inline struct pid *task_pid(struct task_struct *task)
{
	return task->pids[PIDTYPE_PID].pid;
}

static inline void get_task_struct(struct task_struct *t)
{
	atomic_inc(&t->usage);
}

void __put_task_struct(struct task_struct *t);

static inline void put_task_struct(struct task_struct *t)
{
	if (atomic_dec_and_test(&t->usage))
		__put_task_struct(t);
}

static inline void task_lock(struct task_struct *p)
{
	spin_lock(&p->alloc_lock);
}

static inline void task_unlock(struct task_struct *p)
{
	spin_unlock(&p->alloc_lock);
}

static inline void set_tsk_thread_flag(struct task_struct *tsk, int flag)
{
	task_thread_info(tsk)->flags |= 1U << flag;
}

static inline int test_tsk_thread_flag(struct task_struct *tsk, int flag)
{
	return (task_thread_info(tsk)->flags >> flag) & 1;
}

void set_task_comm(struct task_struct *tsk, const char *from);
char *get_task_comm(char *to, struct task_struct *tsk);

/* kernel/sched/core.c */
void sched_init(void);
void init_idle(struct task_struct *idle, int cpu);
void sched_fork(unsigned long clone_flags, struct task_struct *p);
void wake_up_new_task(struct task_struct *p);
/* Make @p the task running on @cpu (a context switch). */
void refmm_switch_to(struct task_struct *p, int cpu);
/* @p stops running or waiting: it sleeps in @state. */
void refmm_task_sleep(struct task_struct *p, long state);
struct task_struct *idle_task(int cpu);
/* @p died (state TASK_DEAD): its CPU goes idle, its run reference goes. */
void refmm_task_dead(struct task_struct *p);
struct task_struct *cpu_curr_task(int cpu);

/* kernel/fork.c */
void fork_init(unsigned long mempages);
void proc_caches_init(void);
struct task_struct *copy_process(unsigned long clone_flags,
				 struct task_struct *parent,
				 struct pid *pid, int node);
long do_fork(unsigned long clone_flags, struct task_struct *parent,
	     struct task_struct **child);
struct task_struct *fork_idle(int cpu);
struct mm_struct *mm_alloc(void);
void mmput(struct mm_struct *mm);
void __mmdrop(struct mm_struct *mm);
static inline void mmdrop(struct mm_struct *mm)
{
	if (atomic_dec_and_test(&mm->mm_count))
		__mmdrop(mm);
}
extern int nr_threads;
extern unsigned long total_forks;
extern int max_threads;
DECLARE_PER_CPU(unsigned long, process_counts);
void free_task(struct task_struct *tsk);

/* kernel/exit.c */
void do_exit(struct task_struct *tsk, long code);
void release_task(struct task_struct *p);
void exit_mm(struct task_struct *tsk);

/* kernel/kthread.c */
struct task_struct *kthread_create_on_cpu(const char *namefmt, int cpu,
					  ...);
struct task_struct *kthread_create(const char *namefmt, ...) __printf(1, 2);
struct task_struct *kthread_create_on_node_refmm(const char *namefmt,
						 int arg, int node);
extern struct task_struct *kthreadd_task;

/* fs/exec.c: execve(2) by current; @libs NULL for the program's own */
int refmm_execve(const char *path, const char *const *argv,
		 const char *const *envp, const char *libs);

#endif /* _LINUX_SCHED_H */
