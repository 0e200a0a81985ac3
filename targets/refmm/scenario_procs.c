// SPDX-License-Identifier: GPL-2.0-only
/*
 * scenario_procs.c - the scenario steps of vmalloc, processes, the page
 * cache and memory pressure (mmscope-scenario(5)).
 *
 * Tasks are named by handles: "init" and "kthreadd" exist after boot;
 * spawn and fork name new ones.  A handle keeps the pid, and every use
 * looks the task up again (find_task_by_vpid()), so a task the OOM killer
 * ended is reported as gone rather than used.  A step that acts as a task
 * first runs it on the current CPU (refmm_switch_to()): the task that
 * last acted on a CPU is what that CPU runs in the dump.
 *
 * Mappings (mmap), vmalloc areas and vmaps have handles of their own.
 * Touching memory (touch, spawn's touch=) goes through refmm's MMU,
 * refmm_user_access(): a write stores a marker -- "REFM", the pid and
 * the user address -- in the first 16 bytes of the page, so a search of
 * the dump finds the page of each task and address.
 *
 * The vmalloc steps call vmalloc() and friends from the functions of
 * this file: each area's caller is one of them (scn_do_vmalloc+0x...).
 */
/* Kernel headers first: their compiler.h owns __always_inline. */
#include <linux/err.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/pid.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>
#include <linux/fs.h>

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "refmm/machine.h"
#include "refmm/scn_steps.h"

long sys_mprotect(unsigned long start, size_t len, unsigned long prot);
extern struct block_device *refmm_root_bdev;
extern int sysctl_panic_on_oom, sysctl_oom_kill_allocating_task;
extern int sysctl_overcommit_memory;
extern unsigned long refmm_oom_kills;

/*
 * A failed step's reason, from the kernel's -errno (the same numbers as the
 * C library's on Linux): ENOMEM, the one a scenario meets when its mix does
 * not fit the machine's RAM (4.0's overcommit guess refuses the mmap, the
 * fork cannot get its pages), says which option to change.
 */
static const char *scn_errno(long err)
{
	static char buf[160];

	if (err == -ENOMEM) {
		snprintf(buf, sizeof(buf), "%s (%lu MiB of RAM: too little for "
			 "this scenario? see --mem)", strerror(ENOMEM),
			 totalram_pages >> (20 - PAGE_SHIFT));
		return buf;
	}
	return strerror((int)-err);
}

/* ------------------------------------------------------------------ */
/* handles                                                             */

struct scn_task {
	char *name;
	pid_t pid;
};

struct scn_map {
	char *name;
	pid_t pid;
	unsigned long start, len;
};

enum scn_va_kind { VA_VMALLOC, VA_VMAP, VA_IOREMAP };

struct scn_va {
	void *addr;
	enum scn_va_kind kind;
	struct page **pages;	/* VA_VMAP: the pages mapped */
	unsigned int nr_pages;
};

struct scn_vas {
	char *name;
	struct scn_va *v;
	size_t n, cap;
};

struct scn_procs {
	struct scn_task *t;
	size_t nt, capt;
	struct scn_map *m;
	size_t nm, capm;
	struct scn_vas *va;
	size_t nva, capva;
};

struct scn_procs *scn_procs_create(void)
{
	struct scn_procs *p = calloc(1, sizeof(*p));
	struct task_struct *t;

	if (!p)
		return NULL;
	/* the tasks of the boot */
	p->t = calloc(4, sizeof(*p->t));
	if (!p->t) {
		free(p);
		return NULL;
	}
	p->capt = 4;
	t = find_task_by_vpid(1);
	if (t) {
		p->t[p->nt].name = strdup("init");
		p->t[p->nt++].pid = 1;
	}
	if (kthreadd_task) {
		p->t[p->nt].name = strdup("kthreadd");
		p->t[p->nt++].pid = kthreadd_task->pid;
	}
	return p;
}

/* The areas and tasks stay for the dump: only the bookkeeping goes. */
void scn_procs_destroy(struct scn_procs *p)
{
	size_t i;

	if (!p)
		return;
	for (i = 0; i < p->nt; i++)
		free(p->t[i].name);
	for (i = 0; i < p->nm; i++)
		free(p->m[i].name);
	for (i = 0; i < p->nva; i++) {
		size_t j;

		for (j = 0; j < p->va[i].n; j++)
			free(p->va[i].v[j].pages);
		free(p->va[i].name);
		free(p->va[i].v);
	}
	free(p->t);
	free(p->m);
	free(p->va);
	free(p);
}

static struct scn_task *task_handle(struct scn_ctx *c, const char *name,
				    int create)
{
	struct scn_procs *p = c->procs;
	size_t i;
	void *n;

	for (i = 0; i < p->nt; i++)
		if (!strcmp(p->t[i].name, name)) {
			if (create) {
				scn_error(c, name, "a task of this name exists already");
				return NULL;
			}
			return &p->t[i];
		}
	if (!create) {
		scn_error(c, name, "no such task (spawn or fork it first)");
		return NULL;
	}
	if (!(n = scn_grow(c, p->t, p->nt, &p->capt, sizeof(*p->t))))
		return NULL;
	p->t = n;
	if (!(p->t[p->nt].name = strdup(name))) {
		scn_error(c, NULL, "out of memory");
		return NULL;
	}
	p->t[p->nt].pid = 0;
	return &p->t[p->nt++];
}

/* The live task of handle @name: "pid:N" also names any task. */
static struct task_struct *task_get(struct scn_ctx *c, const char *name)
{
	struct task_struct *t;
	struct scn_task *h;
	pid_t pid;

	if (!strncmp(name, "pid:", 4)) {
		pid = (pid_t)strtol(name + 4, NULL, 10);
	} else {
		h = task_handle(c, name, 0);
		if (!h)
			return NULL;
		pid = h->pid;
	}
	t = find_task_by_vpid(pid);
	if (!t || t->exit_state || (t->flags & PF_EXITING)) {
		scn_error(c, name, "task (pid %d) is gone: it exited or was killed",
			  (int)pid);
		return NULL;
	}
	return t;
}

/* task_get() for the other steps (scenario_corrupt.c): the pid, or -1 */
int scn_task_pid(struct scn_ctx *c, const char *name)
{
	struct task_struct *t = task_get(c, name);

	return t ? t->pid : -1;
}

static struct scn_map *map_handle(struct scn_ctx *c, const char *name,
				  int create)
{
	struct scn_procs *p = c->procs;
	size_t i;
	void *n;

	for (i = 0; i < p->nm; i++)
		if (!strcmp(p->m[i].name, name))
			return &p->m[i];
	if (!create) {
		scn_error(c, name, "no such mapping (mmap it first)");
		return NULL;
	}
	if (!(n = scn_grow(c, p->m, p->nm, &p->capm, sizeof(*p->m))))
		return NULL;
	p->m = n;
	if (!(p->m[p->nm].name = strdup(name))) {
		scn_error(c, NULL, "out of memory");
		return NULL;
	}
	return &p->m[p->nm++];
}

static struct scn_vas *va_handle(struct scn_ctx *c, const char *name,
				 int create)
{
	struct scn_procs *p = c->procs;
	struct scn_vas *h;
	size_t i;
	void *n;

	for (i = 0; i < p->nva; i++)
		if (!strcmp(p->va[i].name, name))
			return &p->va[i];
	if (!create) {
		scn_error(c, name, "no such vmalloc handle");
		return NULL;
	}
	if (!(n = scn_grow(c, p->va, p->nva, &p->capva, sizeof(*p->va))))
		return NULL;
	p->va = n;
	h = &p->va[p->nva];
	memset(h, 0, sizeof(*h));
	h->name = strdup(name);
	if (!h->name) {
		scn_error(c, NULL, "out of memory");
		return NULL;
	}
	p->nva++;
	return h;
}

static int va_add(struct scn_ctx *c, struct scn_vas *h, void *addr,
		  enum scn_va_kind kind, struct page **pages,
		  unsigned int nr_pages)
{
	void *n = scn_grow(c, h->v, h->n, &h->cap, sizeof(*h->v));

	if (!n)
		return -1;
	h->v = n;
	h->v[h->n].addr = addr;
	h->v[h->n].kind = kind;
	h->v[h->n].pages = pages;
	h->v[h->n].nr_pages = nr_pages;
	h->n++;
	return 0;
}

/* ------------------------------------------------------------------ */
/* common options                                                      */

static unsigned long step_size(struct scn_ctx *c, const char *key,
			       unsigned long def, int required)
{
	const char *v = scn_arg_str(c, key, NULL);
	uint64_t n;

	if (!v) {
		if (required)
			scn_error(c, c->step->argv[0], "missing %s=SIZE", key);
		return def;
	}
	if (scn_parse_size(v, &n) < 0) {
		scn_error(c, v, "not a size (e.g. 4K, 2M)");
		return def;
	}
	return (unsigned long)n;
}

/* The task the step acts as, running on its cpu= or the current CPU. */
static struct task_struct *run_task(struct scn_ctx *c, const char *name)
{
	struct task_struct *t = task_get(c, name);
	int cpu = (int)scn_arg_num(c, "cpu", (uint64_t)refmm_current_cpu, 0,
				   4095);

	if (!t)
		return NULL;
	if (cpu >= refmm_nr_cpus()) {
		scn_error(c, c->step->argv[0], "no such cpu %d (the machine has %d)",
			  cpu, refmm_nr_cpus());
		return NULL;
	}
	refmm_current_cpu = cpu;
	refmm_switch_to(t, cpu);
	return t;
}

/* The state a task is left in: S, D, R (runnable) or the running one. */
static int parse_state(struct scn_ctx *c, const char *v, long *state)
{
	if (!strcmp(v, "S"))
		*state = TASK_INTERRUPTIBLE;
	else if (!strcmp(v, "D"))
		*state = TASK_UNINTERRUPTIBLE;
	else if (!strcmp(v, "R"))
		*state = TASK_RUNNING;
	else if (!strcmp(v, "running"))
		*state = -1;
	else {
		scn_error(c, v, "state must be S, D, R or running");
		return -1;
	}
	return 0;
}

static void leave_state(struct scn_ctx *c, struct task_struct *t,
			const char *def)
{
	long state;

	if (parse_state(c, scn_arg_str(c, "state", def), &state) < 0)
		return;
	if (state >= 0)
		refmm_task_sleep(t, state);
}

static int parse_prot(struct scn_ctx *c, const char *v, unsigned long *prot)
{
	const char *p;

	*prot = 0;
	for (p = v; *p; p++) {
		switch (*p) {
		case 'r': *prot |= PROT_READ; break;
		case 'w': *prot |= PROT_WRITE; break;
		case 'x': *prot |= PROT_EXEC; break;
		case '-': break;
		default:
			scn_error(c, v, "prot is made of r, w, x and -");
			return -1;
		}
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* touching memory                                                     */

/*
 * current accesses one byte of each picked page of [start, end): a write
 * leaves the marker.  Returns 1 when the task was OOM-killed (and has
 * exited), -1 on an error, 0.
 */
static int touch_range(struct scn_ctx *c, struct task_struct *t,
		       unsigned long start, unsigned long end, int write,
		       uint64_t pct, uint64_t *rnd, unsigned long *touched)
{
	unsigned long addr;

	for (addr = start & PAGE_MASK; addr < end; addr += PAGE_SIZE) {
		uint64_t mark[2];
		int err;

		if (pct < 100 && scn_rnd_next(rnd) % 100 >= pct)
			continue;
		mark[0] = 0x4d464552ULL | ((uint64_t)t->pid << 32);	/* "REFM" */
		mark[1] = addr;
		err = refmm_user_access(addr, write, mark, write ? sizeof(mark) : 1);
		if (test_tsk_thread_flag(t, TIF_MEMDIE)) {
			/* killed by the OOM killer: it exits on return to user */
			do_exit(t, SIGKILL);
			if (t->exit_state == EXIT_ZOMBIE)
				release_task(t);
			return 1;
		}
		if (err == -ENOMEM)
			continue;	/* the OOM killer made room elsewhere */
		if (err) {
			scn_error(c, c->step->argv[0],
				  "%s of %#lx by %s (pid %d) faulted (%s)",
				  write ? "write" : "read", addr, t->comm,
				  t->pid, err == -EFAULT ? "SIGSEGV" : "error");
			return -1;
		}
		(*touched)++;
	}
	return 0;
}

enum touch_what {
	TOUCH_TEXT = 1, TOUCH_DATA = 2, TOUCH_HEAP = 4, TOUCH_STACK = 8,
	TOUCH_ANON = 16, TOUCH_ALL = 31,
};

static const struct { const char *name; unsigned int what; } touch_names[] = {
	{ "text", TOUCH_TEXT }, { "data", TOUCH_DATA }, { "heap", TOUCH_HEAP },
	{ "stack", TOUCH_STACK }, { "anon", TOUCH_ANON }, { "all", TOUCH_ALL },
};

static int parse_what(struct scn_ctx *c, const char *v, unsigned int *what)
{
	char buf[128], *tok, *save;

	*what = 0;
	snprintf(buf, sizeof buf, "%s", v);
	for (tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		size_t i;

		for (i = 0; i < sizeof(touch_names) / sizeof(touch_names[0]); i++)
			if (!strcmp(tok, touch_names[i].name)) {
				*what |= touch_names[i].what;
				break;
			}
		if (i == sizeof(touch_names) / sizeof(touch_names[0])) {
			scn_error(c, v, "\"%s\": what= is text, data, heap, stack, anon or all",
				  tok);
			return -1;
		}
	}
	return 0;
}

/* Which kinds of @what a VMA is, and whether a touch writes it. */
static unsigned int vma_kind(struct mm_struct *mm, struct vm_area_struct *vma,
			     int *write)
{
	*write = !!(vma->vm_flags & VM_WRITE);
	if (!(vma->vm_flags & (VM_READ | VM_WRITE | VM_EXEC)))
		return 0;		/* PROT_NONE: nobody touches */
	if (vma->vm_ops && vma->vm_ops->name)
		return TOUCH_TEXT;	/* [vdso] */
	if (vma->vm_flags & VM_GROWSDOWN)
		return TOUCH_STACK;
	if (vma->vm_start >= mm->start_brk && vma->vm_end <= mm->brk &&
	    !vma->vm_file)
		return TOUCH_HEAP;
	if (vma->vm_file && (vma->vm_flags & VM_EXEC))
		return TOUCH_TEXT;
	if (vma->vm_file && vma->vm_ops)
		return TOUCH_DATA;
	return TOUCH_ANON;
}

/* current touches @pct% of the pages of the VMAs of kinds @what. */
static int touch_task(struct scn_ctx *c, struct task_struct *t,
		      unsigned int what, uint64_t pct, int force_write,
		      uint64_t *rnd, unsigned long *touched)
{
	struct mm_struct *mm = t->mm;
	struct vm_area_struct *vma;
	unsigned long start, end;

	if (!mm) {
		scn_error(c, c->step->argv[0], "%s (pid %d) is a kernel thread: no user memory",
			  t->comm, t->pid);
		return -1;
	}
	for (vma = mm->mmap; vma; ) {
		int write, r;
		unsigned int kind = vma_kind(mm, vma, &write);

		start = vma->vm_start;
		end = vma->vm_end;
		if (!(kind & what)) {
			vma = vma->vm_next;
			continue;
		}
		if (kind == TOUCH_STACK)	/* a stack is used from the top */
			start = end - min(end - start, 8 * PAGE_SIZE);
		if (force_write >= 0)
			write = force_write && (vma->vm_flags & VM_WRITE);
		r = touch_range(c, t, start, end, write, pct, rnd, touched);
		if (r)
			return r;
		/* the VMAs may have changed (stack growth): look again */
		vma = find_vma(mm, end);
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* spawn, fork, exec, thread, exit, run, state                         */

#define MAX_ARGS 16

/* "a b c" into argv[] (in @buf) */
static int split_args(const char *s, char *buf, size_t len, const char **argv)
{
	char *tok, *save;
	int n = 0;

	snprintf(buf, len, "%s", s);
	for (tok = strtok_r(buf, " ", &save); tok && n < MAX_ARGS - 1;
	     tok = strtok_r(NULL, " ", &save))
		argv[n++] = tok;
	argv[n] = NULL;
	return n;
}

static const char *const default_envp[] = {
	"LANG=en_US.UTF-8",
	"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin",
	NULL,
};

static int do_spawn_fork(struct scn_ctx *c, const char *name,
			 struct task_struct *parent, struct task_struct **childp)
{
	struct scn_task *h = task_handle(c, name, 1);
	long pid;

	if (!h)
		return -1;
	pid = do_fork(SIGCHLD, parent, childp);
	if (pid < 0) {
		scn_error(c, c->step->argv[0], "fork of %s failed: %s", parent->comm,
			  scn_errno(pid));
		c->procs->nt--;
		free(h->name);
		return -1;
	}
	h->pid = (pid_t)pid;
	return 0;
}

static int do_exec(struct scn_ctx *c, struct task_struct *t, const char *exe)
{
	const char *argv[MAX_ARGS];
	char buf[512];
	const char *args = scn_arg_str(c, "args", NULL);
	const char *libs = scn_arg_str(c, "libs", NULL);
	int ret;

	if (args)
		split_args(args, buf, sizeof buf, argv);
	else {
		argv[0] = exe;
		argv[1] = NULL;
	}
	if (libs && !strcmp(libs, "none"))
		libs = "";
	refmm_switch_to(t, refmm_current_cpu);
	ret = refmm_execve(exe, argv, default_envp, libs);
	if (ret) {
		scn_error(c, exe, "exec failed: %s", scn_errno(ret));
		return -1;
	}
	if (scn_arg_str(c, "comm", NULL))
		set_task_comm(t, scn_arg_str(c, "comm", NULL));
	return 0;
}

/* threads= and heap=: what a program sets up after exec */
static int do_setup(struct scn_ctx *c, struct task_struct *t)
{
	unsigned long heap = step_size(c, "heap", 0, 0);
	uint64_t threads = scn_arg_num(c, "threads", 0, 0, 64);
	int64_t adj = (int64_t)scn_arg_num(c, "oom_score_adj", 1000, 0, 2000) - 1000;
	uint64_t i;

	if (scn_arg_str(c, "oom_score_adj", NULL))
		t->signal->oom_score_adj = (short)adj;
	if (heap) {
		unsigned long want = t->mm->start_brk + PAGE_ALIGN(heap);

		if (sys_brk(want) != want) {
			scn_error(c, c->step->argv[0], "brk to %#lx failed", want);
			return -1;
		}
	}
	for (i = 0; i < threads; i++) {
		struct task_struct *th;
		unsigned long stack;
		long pid;

		/* pthread_create(): an 8 MiB stack with a guard page, then clone */
		stack = vm_mmap_pgoff(NULL, 0, (8UL << 20) + PAGE_SIZE,
				      PROT_READ | PROT_WRITE,
				      MAP_PRIVATE | MAP_ANONYMOUS, 0);
		if (IS_ERR_VALUE(stack) ||
		    sys_mprotect(stack, PAGE_SIZE, PROT_NONE)) {
			scn_error(c, c->step->argv[0], "thread stack mmap failed");
			return -1;
		}
		pid = do_fork(CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND |
			      CLONE_THREAD, t, &th);
		if (pid < 0) {
			scn_error(c, c->step->argv[0], "clone failed: %s", scn_errno(pid));
			return -1;
		}
		th->thread.usersp = stack + (8UL << 20) + PAGE_SIZE - 64;
		refmm_task_sleep(th, TASK_INTERRUPTIBLE);
	}
	return 0;
}

/* touch=PCT: a program's working set after start-up */
static int do_initial_touch(struct scn_ctx *c, struct task_struct *t)
{
	uint64_t pct = scn_arg_num(c, "touch", 0, 0, 100);
	uint64_t rnd = scn_step_seed(c);
	unsigned long touched = 0;
	int r;

	if (!pct)
		return 0;
	/* some of the code, all of the data, stack and heap */
	r = touch_task(c, t, TOUCH_TEXT, pct / 2, 0, &rnd, &touched);
	if (!r)
		r = touch_task(c, t, TOUCH_DATA | TOUCH_STACK | TOUCH_HEAP |
			       TOUCH_ANON, pct, -1, &rnd, &touched);
	return r < 0 ? -1 : 0;
}

/*
 * spawn NAME exe=PATH [parent=TASK] [args="..."] [libs=A,B|none]
 *	 [comm=NAME] [heap=SIZE] [threads=N] [touch=PCT] [oom_score_adj=N]
 *	 [state=S|D|R|running] [cpu=N] [seed=N]
 */
/* The options spawn and exec share: the program and what it does first. */
static void check_exec_options(struct scn_ctx *c)
{
	long state;

	if (!scn_arg_str(c, "exe", NULL))
		scn_error(c, c->step->argv[0], "missing exe=PATH");
	else if (scn_arg_str(c, "exe", "")[0] != '/')
		scn_error(c, scn_arg_str(c, "exe", ""), "exe= is an absolute path");
	scn_arg_str(c, "args", NULL);
	scn_arg_str(c, "libs", NULL);
	scn_arg_str(c, "comm", NULL);
	step_size(c, "heap", 0, 0);
	scn_arg_num(c, "threads", 0, 0, 64);
	scn_arg_num(c, "touch", 0, 0, 100);
	scn_arg_num(c, "oom_score_adj", 1000, 0, 2000);
	scn_arg_num(c, "cpu", 0, 0, 4095);
	scn_arg_num(c, "seed", 0, 0, UINT64_MAX);
	parse_state(c, scn_arg_str(c, "state", "S"), &state);
}

void scn_check_spawn(struct scn_ctx *c)
{
	scn_check_name(c, scn_arg_pos(c, 0, "task name"));
	scn_arg_str(c, "parent", NULL);
	check_exec_options(c);
}

void scn_run_spawn(struct scn_ctx *c)
{
	const char *name = scn_arg_pos(c, 0, NULL);
	struct task_struct *parent, *child;

	parent = run_task(c, scn_arg_str(c, "parent", "init"));
	if (!parent || do_spawn_fork(c, name, parent, &child) < 0)
		return;
	if (do_exec(c, child, scn_arg_str(c, "exe", "")) < 0 ||
	    do_setup(c, child) < 0 || do_initial_touch(c, child) < 0)
		return;
	if (!child->exit_state)
		leave_state(c, child, "S");
	/* the parent waits in the kernel for its next event */
	if (parent->pid > 1 && !parent->exit_state)
		refmm_task_sleep(parent, TASK_INTERRUPTIBLE);
}

/* fork NAME parent=TASK [comm=NAME] [state=] [cpu=N] */
void scn_check_fork(struct scn_ctx *c)
{
	long state;

	scn_check_name(c, scn_arg_pos(c, 0, "task name"));
	if (!scn_arg_str(c, "parent", NULL))
		scn_error(c, c->step->argv[0], "missing parent=TASK");
	scn_arg_str(c, "comm", NULL);
	scn_arg_num(c, "cpu", 0, 0, 4095);
	parse_state(c, scn_arg_str(c, "state", "S"), &state);
}

void scn_run_fork(struct scn_ctx *c)
{
	const char *name = scn_arg_pos(c, 0, NULL);
	struct task_struct *parent, *child;

	parent = run_task(c, scn_arg_str(c, "parent", ""));
	if (!parent || do_spawn_fork(c, name, parent, &child) < 0)
		return;
	if (scn_arg_str(c, "comm", NULL))
		set_task_comm(child, scn_arg_str(c, "comm", NULL));
	leave_state(c, child, "S");
}

/* exec TASK exe=PATH [args=] [libs=] [comm=] [heap=] [threads=] [touch=] */
void scn_check_exec(struct scn_ctx *c)
{
	scn_arg_pos(c, 0, "task name");
	check_exec_options(c);
}

void scn_run_exec(struct scn_ctx *c)
{
	struct task_struct *t = run_task(c, scn_arg_pos(c, 0, NULL));

	if (!t || do_exec(c, t, scn_arg_str(c, "exe", "")) < 0 ||
	    do_setup(c, t) < 0 || do_initial_touch(c, t) < 0)
		return;
	if (!t->exit_state)
		leave_state(c, t, "S");
}

/* exit TASK [code=N] [zombie] */
void scn_check_exit(struct scn_ctx *c)
{
	const char *w;

	scn_arg_pos(c, 0, "task name");
	scn_arg_num(c, "code", 0, 0, 255);
	w = scn_arg_pos(c, 1, NULL);
	if (w && strcmp(w, "zombie"))
		scn_error(c, w, "expected \"zombie\" or nothing");
}

void scn_run_exit(struct scn_ctx *c)
{
	struct task_struct *t = task_get(c, scn_arg_pos(c, 0, NULL));
	const char *z = scn_arg_pos(c, 1, NULL);
	struct task_struct *th, *next;

	if (!t)
		return;
	if (t != t->group_leader) {
		scn_error(c, c->step->argv[0], "%s is a thread: exit its process",
			  t->comm);
		return;
	}
	/* exit_group(): the other threads go first, then the leader */
	for (th = next_thread(t); th != t; th = next) {
		next = next_thread(th);
		do_exit(th, (long)scn_arg_num(c, "code", 0, 0, 255) << 8);
	}
	do_exit(t, (long)scn_arg_num(c, "code", 0, 0, 255) << 8);
	/* wait(2) by the parent unless the zombie is to stay */
	if (!z && t->exit_state == EXIT_ZOMBIE)
		release_task(t);
}

/* run TASK [cpu=N]: the task runs on the CPU (and stays running) */
void scn_check_run(struct scn_ctx *c)
{
	scn_arg_pos(c, 0, "task name");
	scn_arg_num(c, "cpu", 0, 0, 4095);
}

void scn_run_run(struct scn_ctx *c)
{
	run_task(c, scn_arg_pos(c, 0, NULL));
}

/* state TASK S|D|R */
void scn_check_state(struct scn_ctx *c)
{
	long state;
	const char *w;

	scn_arg_pos(c, 0, "task name");
	w = scn_arg_pos(c, 1, "state (S, D or R)");
	if (w)
		parse_state(c, w, &state);
}

void scn_run_state(struct scn_ctx *c)
{
	struct task_struct *t = task_get(c, scn_arg_pos(c, 0, NULL));
	long state;

	if (!t || parse_state(c, scn_arg_pos(c, 1, NULL), &state) < 0)
		return;
	if (state < 0) {
		refmm_switch_to(t, refmm_current_cpu);
		return;
	}
	refmm_task_sleep(t, state);
}

/* ------------------------------------------------------------------ */
/* mmap, munmap, mprotect, brk, touch                                  */

/*
 * mmap NAME task=TASK len=SIZE [prot=rw] [file=PATH [off=SIZE] [shared]]
 *	[addr=ADDR [fixed]]
 */
void scn_check_mmap(struct scn_ctx *c)
{
	unsigned long prot;
	const char *f;

	scn_check_name(c, scn_arg_pos(c, 0, "mapping name"));
	if (!scn_arg_str(c, "task", NULL))
		scn_error(c, c->step->argv[0], "missing task=TASK");
	step_size(c, "len", 0, 1);
	parse_prot(c, scn_arg_str(c, "prot", "rw"), &prot);
	f = scn_arg_str(c, "file", NULL);
	if (f && f[0] != '/')
		scn_error(c, f, "file= is an absolute path");
	step_size(c, "off", 0, 0);
	scn_arg_num(c, "addr", 0, 0, UINT64_MAX);
	scn_arg_num(c, "cpu", 0, 0, 4095);
	for (int i = 1; scn_arg_has_pos(c, i); i++) {
		const char *w = scn_arg_pos(c, i, NULL);

		if (strcmp(w, "shared") && strcmp(w, "fixed"))
			scn_error(c, w, "expected shared or fixed");
	}
}

static int has_word(struct scn_ctx *c, const char *word)
{
	for (int i = 1; scn_arg_has_pos(c, i); i++)
		if (!strcmp(scn_arg_pos(c, i, NULL), word))
			return 1;
	return 0;
}

void scn_run_mmap(struct scn_ctx *c)
{
	struct task_struct *t = run_task(c, scn_arg_str(c, "task", ""));
	unsigned long len = step_size(c, "len", 0, 1);
	unsigned long off = step_size(c, "off", 0, 0);
	unsigned long addr = scn_arg_num(c, "addr", 0, 0, UINT64_MAX);
	const char *path = scn_arg_str(c, "file", NULL);
	unsigned long prot, flags, ret;
	struct file *file = NULL;
	struct scn_map *m;

	if (!t || parse_prot(c, scn_arg_str(c, "prot", "rw"), &prot) < 0)
		return;
	if (!t->mm) {
		scn_error(c, c->step->argv[0], "%s is a kernel thread", t->comm);
		return;
	}
	flags = has_word(c, "shared") ? MAP_SHARED : MAP_PRIVATE;
	if (has_word(c, "fixed"))
		flags |= MAP_FIXED;
	if (path) {
		struct path p;

		if (kern_path_refmm(path, 1, S_IFREG | 0644,
				    (__kernel_loff_t)(off + len), &p)) {
			scn_error(c, path, "cannot open");
			return;
		}
		if (S_ISREG(p.dentry->d_inode->i_mode) &&
		    p.dentry->d_inode->i_size < (__kernel_loff_t)(off + len))
			p.dentry->d_inode->i_size = (__kernel_loff_t)(off + len);
		file = alloc_file(&p, FMODE_READ | FMODE_WRITE, NULL);
	} else {
		flags |= MAP_ANONYMOUS;
	}
	ret = vm_mmap_pgoff(file, addr, len, prot, flags, off >> PAGE_SHIFT);
	if (file)
		fput(file);
	if (IS_ERR_VALUE(ret)) {
		scn_error(c, c->step->argv[0], "mmap of %lu bytes failed: %s",
			  len, scn_errno((long)ret));
		return;
	}
	m = map_handle(c, scn_arg_pos(c, 0, NULL), 1);
	if (m) {
		m->pid = t->pid;
		m->start = ret;
		m->len = PAGE_ALIGN(len);
	}
}

/* The range [start, end) of map= (or addr= len=) of task, with off=/len=. */
static int step_range(struct scn_ctx *c, struct task_struct **tp,
		      unsigned long *start, unsigned long *len)
{
	const char *mname = scn_arg_pos(c, 0, NULL);
	struct scn_map *m = map_handle(c, mname, 0);
	struct task_struct *t;
	unsigned long off, l;

	if (!m)
		return -1;
	t = find_task_by_vpid(m->pid);
	if (!t || !t->mm) {
		scn_error(c, mname, "the task of this mapping is gone");
		return -1;
	}
	off = step_size(c, "off", 0, 0);
	l = step_size(c, "len", m->len - min(off, m->len), 0);
	if (off + l > m->len) {
		scn_error(c, c->step->argv[0], "off+len beyond the mapping (%lu bytes)",
			  m->len);
		return -1;
	}
	refmm_switch_to(t, refmm_current_cpu);
	*tp = t;
	*start = m->start + off;
	*len = l;
	return 0;
}

/* munmap MAP [off=SIZE] [len=SIZE] */
void scn_check_munmap(struct scn_ctx *c)
{
	scn_arg_pos(c, 0, "mapping name");
	step_size(c, "off", 0, 0);
	step_size(c, "len", 0, 0);
}

void scn_run_munmap(struct scn_ctx *c)
{
	struct task_struct *t;
	unsigned long start, len;
	int err;

	if (step_range(c, &t, &start, &len) < 0)
		return;
	err = vm_munmap(start, len);
	if (err)
		scn_error(c, c->step->argv[0], "munmap failed: %s", scn_errno(err));
}

/* mprotect MAP prot=PROT [off=SIZE] [len=SIZE] */
void scn_check_mprotect(struct scn_ctx *c)
{
	unsigned long prot;

	scn_arg_pos(c, 0, "mapping name");
	if (!scn_arg_str(c, "prot", NULL))
		scn_error(c, c->step->argv[0], "missing prot=PROT");
	parse_prot(c, scn_arg_str(c, "prot", "r"), &prot);
	step_size(c, "off", 0, 0);
	step_size(c, "len", 0, 0);
}

void scn_run_mprotect(struct scn_ctx *c)
{
	struct task_struct *t;
	unsigned long start, len, prot;
	long err;

	if (parse_prot(c, scn_arg_str(c, "prot", "r"), &prot) < 0 ||
	    step_range(c, &t, &start, &len) < 0)
		return;
	err = sys_mprotect(start, len, prot);
	if (err)
		scn_error(c, c->step->argv[0], "mprotect failed: %s", scn_errno(err));
}

/* brk TASK size=SIZE: the heap's size (from start_brk) */
void scn_check_brk(struct scn_ctx *c)
{
	scn_arg_pos(c, 0, "task name");
	step_size(c, "size", 0, 1);
}

void scn_run_brk(struct scn_ctx *c)
{
	struct task_struct *t = run_task(c, scn_arg_pos(c, 0, NULL));
	unsigned long want;

	if (!t || !t->mm)
		return;
	want = t->mm->start_brk + step_size(c, "size", 0, 1);
	if (sys_brk(want) != want)
		scn_error(c, c->step->argv[0], "brk to %#lx failed", want);
}

/*
 * touch TASK [what=text,data,heap,stack,anon|all] [pct=PCT] [write=0|1]
 *	 [seed=N]
 * touch MAP map [off=SIZE] [len=SIZE] [pct=PCT] [write=0|1] [seed=N]
 */
void scn_check_touch(struct scn_ctx *c)
{
	unsigned int what;
	const char *w = scn_arg_pos(c, 1, NULL);

	scn_arg_pos(c, 0, "task or mapping name");
	if (w && strcmp(w, "map"))
		scn_error(c, w, "expected \"map\" (touch MAP map ...)");
	parse_what(c, scn_arg_str(c, "what", "all"), &what);
	scn_arg_num(c, "pct", 100, 0, 100);
	scn_arg_num(c, "write", 1, 0, 1);
	scn_arg_num(c, "seed", 0, 0, UINT64_MAX);
	scn_arg_num(c, "cpu", 0, 0, 4095);
	step_size(c, "off", 0, 0);
	step_size(c, "len", 0, 0);
}

void scn_run_touch(struct scn_ctx *c)
{
	uint64_t pct = scn_arg_num(c, "pct", 100, 0, 100);
	int write = (int)scn_arg_num(c, "write", 1, 0, 1);
	uint64_t rnd = scn_step_seed(c);
	unsigned long touched = 0;
	struct task_struct *t;

	if (scn_arg_has_pos(c, 1)) {
		unsigned long start, len;

		if (step_range(c, &t, &start, &len) < 0)
			return;
		touch_range(c, t, start, start + len, write, pct, &rnd,
			    &touched);
	} else {
		unsigned int what;

		t = run_task(c, scn_arg_pos(c, 0, NULL));
		if (!t || parse_what(c, scn_arg_str(c, "what", "all"), &what) < 0)
			return;
		touch_task(c, t, what, pct, scn_arg_str(c, "write", NULL) ?
			   write : -1, &rnd, &touched);
	}
}

/* ------------------------------------------------------------------ */
/* the page cache                                                      */

/* read PATH size=SIZE [task=TASK] [times=N]: read(2), into the cache */
void scn_check_read(struct scn_ctx *c)
{
	const char *p = scn_arg_pos(c, 0, "file path");

	if (p && p[0] != '/')
		scn_error(c, p, "an absolute path");
	step_size(c, "size", 0, 1);
	scn_arg_str(c, "task", NULL);
	scn_arg_num(c, "times", 1, 1, 16);
}

void scn_run_read(struct scn_ctx *c)
{
	const char *path = scn_arg_pos(c, 0, NULL);
	unsigned long size = step_size(c, "size", 0, 1);
	const char *task = scn_arg_str(c, "task", NULL);
	struct path p;
	struct file *file;
	int n;

	if (task && !run_task(c, task))
		return;
	if (kern_path_refmm(path, 1, S_IFREG | 0644, (__kernel_loff_t)size, &p)) {
		scn_error(c, path, "cannot open");
		return;
	}
	if (p.dentry->d_inode->i_size < (__kernel_loff_t)size)
		p.dentry->d_inode->i_size = (__kernel_loff_t)size;
	file = alloc_file(&p, FMODE_READ, NULL);
	if (!file) {
		scn_error(c, NULL, "out of memory");
		return;
	}
	n = refmm_read_file(file, 0, PAGE_ALIGN(size) >> PAGE_SHIFT,
			    (int)scn_arg_num(c, "times", 1, 1, 16));
	fput(file);
	if (n < 0)
		scn_error(c, path, "read failed: %s", scn_errno(n));
}

/* bread blocks=N [start=N]: metadata reads through the buffer cache */
void scn_check_bread(struct scn_ctx *c)
{
	scn_arg_num(c, "blocks", 1, 1, 1ULL << 30);
	scn_arg_num(c, "start", 64, 0, 1ULL << 30);
}

void scn_run_bread(struct scn_ctx *c)
{
	uint64_t blocks = scn_arg_num(c, "blocks", 1, 1, 1ULL << 30);
	uint64_t start = scn_arg_num(c, "start", 64, 0, 1ULL << 30);
	uint64_t i;

	/* four 1 KiB blocks a page */
	for (i = start / 4; i < (start + blocks + 3) / 4; i++) {
		struct page *page = refmm_bread_page(refmm_root_bdev, i);

		if (!page) {
			scn_error(c, c->step->argv[0], "out of memory reading block %" PRIu64,
				  i * 4);
			return;
		}
		page_cache_release(page);
	}
}

/* reclaim [pages=N]: direct reclaim of clean page cache */
void scn_check_reclaim(struct scn_ctx *c)
{
	scn_arg_num(c, "pages", 32, 1, 1ULL << 32);
}

void scn_run_reclaim(struct scn_ctx *c)
{
	uint64_t want = scn_arg_num(c, "pages", 32, 1, 1ULL << 32);
	uint64_t got = 0;
	struct zonelist *zl = &NODE_DATA(numa_node_id())->node_zonelists[0];

	while (got < want) {
		unsigned long n = try_to_free_pages(zl, 0, GFP_KERNEL, NULL);

		if (n <= 1)
			break;
		got += n;
	}
}

/* sysctl NAME VALUE: vm.panic_on_oom, vm.oom_kill_allocating_task, ... */
static const struct { const char *name; int *var; int max; } scn_sysctls[] = {
	{ "vm.panic_on_oom", &sysctl_panic_on_oom, 2 },
	{ "vm.oom_kill_allocating_task", &sysctl_oom_kill_allocating_task, 1 },
	{ "vm.overcommit_memory", &sysctl_overcommit_memory, 2 },
};

void scn_check_sysctl(struct scn_ctx *c)
{
	const char *n = scn_arg_pos(c, 0, "sysctl name");
	const char *v = scn_arg_pos(c, 1, "value");
	size_t i;

	if (!n || !v)
		return;
	for (i = 0; i < sizeof(scn_sysctls) / sizeof(scn_sysctls[0]); i++)
		if (!strcmp(n, scn_sysctls[i].name)) {
			scn_word_num(c, v, 0, (uint64_t)scn_sysctls[i].max);
			return;
		}
	scn_error(c, n, "unknown sysctl (vm.panic_on_oom, vm.oom_kill_allocating_task, vm.overcommit_memory)");
}

void scn_run_sysctl(struct scn_ctx *c)
{
	const char *n = scn_arg_pos(c, 0, NULL);
	const char *v = scn_arg_pos(c, 1, NULL);
	size_t i;

	for (i = 0; i < sizeof(scn_sysctls) / sizeof(scn_sysctls[0]); i++)
		if (!strcmp(n, scn_sysctls[i].name))
			*scn_sysctls[i].var = (int)scn_word_num(c, v, 0,
						(uint64_t)scn_sysctls[i].max);
}

/* printk "text" [level=N] */
void scn_check_printk(struct scn_ctx *c)
{
	scn_arg_pos(c, 0, "message");
	scn_arg_num(c, "level", 6, 0, 7);
}

void scn_run_printk(struct scn_ctx *c)
{
	printk("\001%c%s\n", (char)('0' + scn_arg_num(c, "level", 6, 0, 7)),
	       scn_arg_pos(c, 0, NULL));
}

/* ------------------------------------------------------------------ */
/* vmalloc                                                             */

/*
 * The allocations are made in these functions, so their addresses are
 * the callers kmem -v shows (noinline: each is its own symbol).
 */
static noinline void *scn_do_vmalloc(unsigned long size, int node, int zero)
{
	if (node >= 0)
		return zero ? vzalloc_node(size, node) : vmalloc_node(size, node);
	return zero ? vzalloc(size) : vmalloc(size);
}

static noinline void *scn_do_vmap(struct page **pages, unsigned int n)
{
	return vmap(pages, n, VM_MAP, PAGE_KERNEL);
}

static noinline void *scn_do_ioremap(unsigned long phys, unsigned long size)
{
	return ioremap_nocache(phys, size);
}

static void parse_vmalloc_sizes(struct scn_ctx *c, struct scn_mix *m)
{
	const char *v = scn_arg_str(c, "sizes", NULL);
	char buf[512], *tok, *save;

	memset(m, 0, sizeof(*m));
	if (!v) {
		uint64_t size = step_size(c, "size", PAGE_SIZE, 0);

		scn_mix_add(c, NULL, m, size, size, 1);
		return;
	}
	snprintf(buf, sizeof buf, "%s", v);
	for (tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		char *dash;
		uint64_t w, lo, hi;

		if (scn_mix_item(c, v, tok, &w) < 0)
			return;
		dash = strchr(tok, '-');
		if (dash)
			*dash++ = 0;
		if (scn_parse_size(tok, &lo) < 0 ||
		    (dash && scn_parse_size(dash, &hi) < 0)) {
			scn_error(c, v, "\"%s\": expected SIZE or SIZE-SIZE", tok);
			return;
		}
		if (!dash)
			hi = lo;
		if (!lo || lo > hi || hi > (1ULL << 30)) {
			scn_error(c, v, "sizes must lie within 1..1G");
			return;
		}
		if (scn_mix_add(c, v, m, lo, hi, w) < 0)
			return;
	}
}

/* vmalloc NAME size=SIZE|sizes=MIX [count=N] [node=N] [zero] [fail=ok] */
void scn_check_vmalloc(struct scn_ctx *c)
{
	struct scn_mix m;
	const char *w = scn_arg_pos(c, 1, NULL);

	scn_check_name(c, scn_arg_pos(c, 0, "handle name"));
	parse_vmalloc_sizes(c, &m);
	scn_step_count(c, 1 << 20);
	scn_step_node(c);
	scn_arg_num(c, "seed", 0, 0, UINT64_MAX);
	if (w && strcmp(w, "zero"))
		scn_error(c, w, "expected \"zero\" or nothing");
	scn_check_fail(c);
}

void scn_run_vmalloc(struct scn_ctx *c)
{
	struct scn_vas *h = va_handle(c, scn_arg_pos(c, 0, NULL), 1);
	uint64_t count = scn_step_count(c, 1 << 20);
	int zero = scn_arg_has_pos(c, 1);
	int nid = scn_step_node(c);
	int fail_ok = scn_step_fail_ok(c);
	uint64_t rnd = scn_step_seed(c);
	struct scn_mix m;
	uint64_t i;

	parse_vmalloc_sizes(c, &m);
	if (!h || c->failed || !scn_node_ok(c, nid))
		return;
	for (i = 0; i < count; i++) {
		uint64_t size = scn_mix_pick(&m, scn_rnd_next(&rnd));
		void *p = scn_do_vmalloc(size, nid, zero);

		if (!p) {
			if (!fail_ok)
				scn_error(c, c->step->argv[0],
					  "vmalloc %" PRIu64 " of %" PRIu64 " (%" PRIu64 " bytes) failed",
					  i + 1, count, size);
			return;
		}
		if (va_add(c, h, p, VA_VMALLOC, NULL, 0) < 0)
			return;
	}
}

static void va_release(struct scn_va *v)
{
	unsigned int i;

	switch (v->kind) {
	case VA_VMALLOC:
		vfree(v->addr);
		break;
	case VA_VMAP:
		vunmap(v->addr);
		for (i = 0; i < v->nr_pages; i++)
			__free_page(v->pages[i]);
		free(v->pages);
		v->pages = NULL;
		break;
	case VA_IOREMAP:
		iounmap(v->addr);
		break;
	}
}

/* vfree NAME [every=N] [start=K] [count=N] [random=PCT] [seed=N] */
void scn_check_vfree(struct scn_ctx *c)
{
	struct scn_pick p;

	scn_check_name(c, scn_arg_pos(c, 0, "handle name"));
	scn_pick_init(c, &p);
}

void scn_run_vfree(struct scn_ctx *c)
{
	struct scn_vas *h = va_handle(c, scn_arg_pos(c, 0, NULL), 0);
	struct scn_pick p;
	size_t keep = 0, i;

	scn_pick_init(c, &p);
	if (!h)
		return;
	for (i = 0; i < h->n; i++) {
		if (scn_pick(&p, i))
			va_release(&h->v[i]);
		else
			h->v[keep++] = h->v[i];
	}
	h->n = keep;
}

/* vmap NAME pages=N [count=N]: N single pages, mapped contiguously */
void scn_check_vmap(struct scn_ctx *c)
{
	scn_check_name(c, scn_arg_pos(c, 0, "handle name"));
	scn_arg_num(c, "pages", 1, 1, 1 << 18);
	scn_step_count(c, 1 << 16);
}

void scn_run_vmap(struct scn_ctx *c)
{
	struct scn_vas *h = va_handle(c, scn_arg_pos(c, 0, NULL), 1);
	unsigned int n = (unsigned int)scn_arg_num(c, "pages", 1, 1, 1 << 18);
	uint64_t count = scn_step_count(c, 1 << 16);
	uint64_t k;

	if (!h)
		return;
	for (k = 0; k < count; k++) {
		struct page **pages = calloc(n, sizeof(*pages));
		unsigned int i;
		void *p;

		if (!pages) {
			scn_error(c, NULL, "out of memory");
			return;
		}
		for (i = 0; i < n; i++) {
			pages[i] = alloc_page(GFP_KERNEL);
			if (!pages[i])
				break;
		}
		p = i == n ? scn_do_vmap(pages, n) : NULL;
		if (!p) {
			while (i--)
				__free_page(pages[i]);
			free(pages);
			scn_error(c, c->step->argv[0], "vmap of %u pages failed", n);
			return;
		}
		if (va_add(c, h, p, VA_VMAP, pages, n) < 0)
			return;
	}
}

/* ioremap NAME phys=ADDR size=SIZE */
void scn_check_ioremap(struct scn_ctx *c)
{
	scn_check_name(c, scn_arg_pos(c, 0, "handle name"));
	if (!scn_arg_str(c, "phys", NULL))
		scn_error(c, c->step->argv[0], "missing phys=ADDR");
	scn_arg_num(c, "phys", 0, 0, (1ULL << 46) - 1);
	step_size(c, "size", 0, 1);
}

void scn_run_ioremap(struct scn_ctx *c)
{
	struct scn_vas *h = va_handle(c, scn_arg_pos(c, 0, NULL), 1);
	uint64_t phys = scn_arg_num(c, "phys", 0, 0, (1ULL << 46) - 1);
	unsigned long size = step_size(c, "size", 0, 1);
	void *p;

	if (!h)
		return;
	p = scn_do_ioremap(phys, size);
	if (!p) {
		scn_error(c, c->step->argv[0], "ioremap of %#" PRIx64 " failed (RAM?)", phys);
		return;
	}
	va_add(c, h, p, VA_IOREMAP, NULL, 0);
}

/* vmalloc_storm NAME ops=N [sizes=MIX] [free=PCT] [seed=N] */
void scn_check_vmalloc_storm(struct scn_ctx *c)
{
	struct scn_mix m;

	scn_check_name(c, scn_arg_pos(c, 0, "handle name"));
	if (!scn_arg_str(c, "ops", NULL))
		scn_error(c, c->step->argv[0], "missing ops=N");
	scn_arg_num(c, "ops", 1, 1, 1 << 24);
	scn_arg_num(c, "free", 50, 0, 100);
	scn_arg_num(c, "seed", 0, 0, UINT64_MAX);
	parse_vmalloc_sizes(c, &m);
}

void scn_run_vmalloc_storm(struct scn_ctx *c)
{
	struct scn_vas *h = va_handle(c, scn_arg_pos(c, 0, NULL), 1);
	uint64_t ops = scn_arg_num(c, "ops", 1, 1, 1 << 24);
	uint64_t pfree = scn_arg_num(c, "free", 50, 0, 100);
	uint64_t rnd = scn_step_seed(c);
	struct scn_mix m;
	uint64_t i;

	parse_vmalloc_sizes(c, &m);
	if (!h || c->failed)
		return;
	for (i = 0; i < ops; i++) {
		uint64_t r = scn_rnd_next(&rnd);

		if (h->n && r % 100 < pfree) {
			size_t k = (size_t)((r >> 8) % h->n);

			va_release(&h->v[k]);
			h->v[k] = h->v[--h->n];
		} else {
			void *p = scn_do_vmalloc(scn_mix_pick(&m, r >> 8), -1, 0);

			if (p && va_add(c, h, p, VA_VMALLOC, NULL, 0) < 0)
				return;
		}
	}
}
