/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * task.c - the task table and the task context (see task.h).
 *
 * The walk is Linux 4.0's: init_task.tasks links the thread-group leaders,
 * each leader's thread_group ring its threads, the per-CPU runqueues name
 * the idle and the running task of each CPU, and a task's CPU is its
 * thread_info's (the thread_info sits at the base of task->stack).  Every
 * list goes through core/list.c's walker, so a damaged ring ends the build
 * with the address where it went wrong instead of looping.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/array.h"
#include "core/dump.h"
#include "core/field.h"
#include "core/list.h"
#include "core/percpu.h"
#include "core/symbols.h"
#include "core/task.h"
#include "core/types.h"

struct ms_task_state {
	struct ms_tasks t;
	size_t cap;
};

/* the members read per task, resolved once */
struct task_fields {
	const struct ms_type *task_t, *mm_t;
	const struct ms_field *pid, *tgid, *comm, *state, *exit_state, *stack, *mm, *active_mm,
		*real_parent, *tasks, *thread_group, *rss_stat, *ti_cpu, *total_vm, *pgd,
		*mm_rss, *task_cpu, *ti_in_task;
	int64_t mm_file, mm_anon;	/* MM_FILEPAGES, MM_ANONPAGES */
	struct ms_task_bits bits;
	uint64_t rq_curr, rq_idle;	/* offsets in struct rq */
};

static struct ms_error *field(struct ms_program *prog, const char *type, const char *path,
			      const struct ms_field **ret)
{
	return ms_field_find_by_name(prog, type, path, ret);
}

static struct ms_error *fields_init(struct ms_program *prog, struct task_fields *f)
{
	const struct ms_field *rq_curr, *rq_idle;
	struct ms_error *err = NULL;

	if ((err = ms_type_find(prog, "struct task_struct", &f->task_t)))
		return err;
	/* 5.14 renamed task_struct.state to __state (and made it unsigned int) */
	f->state = ms_field_find_opt(prog, f->task_t, "__state", &err);
	/*
	 * The task's CPU: task_struct.cpu where it has one (THREAD_INFO_IN_TASK
	 * on most architectures), else thread_info.cpu, the thread_info inside
	 * the task (THREAD_INFO_IN_TASK on x86) or at the base of its stack.
	 */
	f->task_cpu = ms_field_find_opt(prog, f->task_t, "cpu", &err);
	f->ti_in_task = ms_field_find_opt(prog, f->task_t, "thread_info", &err);
	if (err)
		return err;
	if (!f->state && (err = field(prog, "struct task_struct", "state", &f->state)))
		return err;
	if (!f->task_cpu && (err = field(prog, "struct thread_info", "cpu", &f->ti_cpu)))
		return err;
	if ((err = ms_type_find(prog, "struct mm_struct", &f->mm_t)) ||
	    (err = field(prog, "struct task_struct", "pid", &f->pid)) ||
	    (err = field(prog, "struct task_struct", "tgid", &f->tgid)) ||
	    (err = field(prog, "struct task_struct", "comm", &f->comm)) ||
	    (err = field(prog, "struct task_struct", "exit_state", &f->exit_state)) ||
	    (err = field(prog, "struct task_struct", "stack", &f->stack)) ||
	    (err = field(prog, "struct task_struct", "mm", &f->mm)) ||
	    (err = field(prog, "struct task_struct", "active_mm", &f->active_mm)) ||
	    (err = field(prog, "struct task_struct", "real_parent", &f->real_parent)) ||
	    (err = field(prog, "struct task_struct", "tasks", &f->tasks)) ||
	    (err = field(prog, "struct task_struct", "thread_group", &f->thread_group)) ||
	    (err = field(prog, "struct mm_struct", "total_vm", &f->total_vm)) ||
	    (err = field(prog, "struct mm_struct", "pgd", &f->pgd)) ||
	    (err = field(prog, "struct mm_struct", "rss_stat.count", &f->mm_rss)) ||
	    (err = ms_enum_value(prog, "MM_FILEPAGES", &f->mm_file)) ||
	    (err = ms_enum_value(prog, "MM_ANONPAGES", &f->mm_anon)) ||
	    (err = field(prog, "struct rq", "curr", &rq_curr)) ||
	    (err = field(prog, "struct rq", "idle", &rq_idle)))
		return err;
	f->rq_curr = rq_curr->offset;
	f->rq_idle = rq_idle->offset;
	/* SPLIT_RSS_COUNTING: per-thread deltas not yet folded into the mm */
	err = field(prog, "struct task_struct", "rss_stat.count", &f->rss_stat);
	if (ms_error_catch(&err, MS_ERR_LOOKUP))
		f->rss_stat = NULL;
	return err;
}

static struct ms_error *rd(struct ms_program *prog, const struct ms_field *f, uint64_t addr,
			   uint64_t *ret, const char *what)
{
	return ms_field_read_u64(prog, f, addr, ret, what);
}

static struct ms_error *counter(struct ms_program *prog, const struct ms_field *arr, uint64_t base,
				int64_t idx, int64_t *ret, const char *what)
{
	uint64_t len, elsize, v;
	struct ms_error *err;

	if ((err = ms_field_array(arr, &len, &elsize)))
		return err;
	if (idx < 0 || (uint64_t)idx >= len)
		return ms_error_lookup(what, "%s: counter %" PRId64 " out of range", what, idx);
	if ((err = ms_readmem(prog, base + arr->offset + (uint64_t)idx * elsize, MS_KVADDR, &v,
			      elsize > 8 ? 8 : elsize, what)))
		return err;
	if (elsize == 4)
		v = (uint64_t)(int64_t)(int32_t)(uint32_t)v;
	else if (elsize < 8)
		v &= (1ULL << (elsize * 8)) - 1;
	*ret = (int64_t)v;
	return NULL;
}

static struct ms_error *table_add(struct ms_task_state *st, struct ms_task **ret)
{
	if (!ms_array_grow(&st->t.tasks, &st->cap, st->t.nr + 1, 64))
		return &ms_enomem;
	*ret = &st->t.tasks[st->t.nr++];
	memset(*ret, 0, sizeof(**ret));
	return NULL;
}

struct build {
	struct ms_program *prog;
	struct ms_task_state *st;
	struct task_fields *f;
	uint64_t *curr;		/* per CPU: rq->curr */
};

/* Keep @err's message, prefixed, as a problem of the table; @err is freed. */
static struct ms_error *note_problem(struct ms_task_state *st, struct ms_error *err, const char *prefix)
{
	char **v = realloc(st->t.problems, (st->t.nr_problems + 1) * sizeof(*v));
	size_t len = strlen(prefix) + strlen(err->message) + 1;
	char *msg = v ? malloc(len) : NULL;

	if (v)
		st->t.problems = v;
	if (msg)
		snprintf(msg, len, "%s%s", prefix, err->message);
	ms_error_destroy(err);
	if (!msg)
		return &ms_enomem;
	st->t.problems[st->t.nr_problems++] = msg;
	return NULL;
}

static void problems_free(struct ms_tasks *t)
{
	for (size_t i = 0; i < t->nr_problems; i++)
		free(t->problems[i]);
	free(t->problems);
	t->problems = NULL;
	t->nr_problems = 0;
}

static struct ms_error *read_task_fields(struct build *b, struct ms_task *t, uint64_t addr, bool idle);

/* Read the task at @addr into a new entry; an unreadable task leaves none. */
static struct ms_error *read_task(struct build *b, uint64_t addr, bool idle)
{
	struct ms_task *t;
	struct ms_error *err;

	if ((err = table_add(b->st, &t)))
		return err;
	if ((err = read_task_fields(b, t, addr, idle)))
		b->st->t.nr--;
	return err;
}

static struct ms_error *read_task_fields(struct build *b, struct ms_task *t, uint64_t addr, bool idle)
{
	struct ms_program *prog = b->prog;
	struct task_fields *f = b->f;
	struct ms_error *err;
	uint64_t v, parent;

	t->task = addr;
	t->idle = idle;
	if ((err = rd(prog, f->pid, addr, &v, "task_struct pid")))
		return err;
	t->pid = (int32_t)v;
	if ((err = rd(prog, f->tgid, addr, &v, "task_struct tgid")))
		return err;
	t->tgid = (int32_t)v;
	if ((err = ms_read_text(prog, addr + f->comm->offset, t->comm, sizeof(t->comm),
				MS_TASK_COMM_LEN - 1, "task_struct comm")))
		return err;
	if ((err = rd(prog, f->state, addr, &v, "task_struct state")))
		return err;
	t->state = (int64_t)v;
	if ((err = rd(prog, f->exit_state, addr, &v, "task_struct exit_state")))
		return err;
	t->exit_state = (int32_t)v;
	if ((err = rd(prog, f->real_parent, addr, &parent, "task_struct real_parent")) ||
	    (err = rd(prog, f->stack, addr, &t->stack, "task_struct stack")) ||
	    (err = rd(prog, f->mm, addr, &t->mm, "task_struct mm")) ||
	    (err = rd(prog, f->active_mm, addr, &t->active_mm, "task_struct active_mm")))
		return err;
	t->ppid = 0;
	if (!idle && parent) {
		err = rd(prog, f->pid, parent, &v, "task_struct pid");
		if (err)
			return ms_error_prepend(err, "parent of task %" PRIx64, addr);
		t->ppid = (int32_t)v;
	}
	t->thread_info = f->ti_in_task ? addr + f->ti_in_task->offset : t->stack;
	t->cpu = -1;
	if (f->task_cpu) {
		if (ms_error_ok(rd(prog, f->task_cpu, addr, &v, "task_struct cpu")))
			t->cpu = (int)v;
	} else if (f->ti_in_task) {
		if (ms_error_ok(rd(prog, f->ti_cpu, addr + f->ti_in_task->offset, &v, "thread_info cpu")))
			t->cpu = (int)v;
	} else if (t->stack && ms_error_ok(rd(prog, f->ti_cpu, t->stack, &v, "thread_info cpu"))) {
		t->cpu = (int)v;
	}
	t->st = ms_task_bits_decode(&f->bits, t->state, t->exit_state);
	if (t->cpu >= 0 && t->cpu < b->st->t.nr_cpus)
		t->active = b->curr[t->cpu] == addr;
	if (t->mm) {
		int64_t file, anon;

		if ((err = rd(prog, f->total_vm, t->mm, &t->total_vm, "mm_struct total_vm")) ||
		    (err = rd(prog, f->pgd, t->mm, &t->pgd, "mm_struct pgd")) ||
		    (err = counter(prog, f->mm_rss, t->mm, f->mm_file, &file, "mm_struct rss_stat")) ||
		    (err = counter(prog, f->mm_rss, t->mm, f->mm_anon, &anon, "mm_struct rss_stat"))) {
			/* the task stays, its mm's figures unknown (0) */
			char prefix[96];

			t->total_vm = 0;
			t->pgd = 0;
			snprintf(prefix, sizeof(prefix), "task %" PRIx64 " (pid %" PRId64 ") mm %" PRIx64 ": ",
				 addr, t->pid, t->mm);
			return note_problem(b->st, err, prefix);
		}
		t->rss = file + anon;
	}
	return NULL;
}

/* crash adds each thread's unsynced counts (SPLIT_RSS_COUNTING) to its mm's */
static struct ms_error *fold_split_rss(struct build *b)
{
	struct ms_tasks *tt = &b->st->t;
	struct ms_error *err;

	if (!b->f->rss_stat)
		return NULL;
	for (size_t i = 0; i < tt->nr; i++) {
		int64_t file, anon, add;

		if (!tt->tasks[i].mm)
			continue;
		if ((err = counter(b->prog, b->f->rss_stat, tt->tasks[i].task, b->f->mm_file, &file,
				   "task_struct rss_stat")) ||
		    (err = counter(b->prog, b->f->rss_stat, tt->tasks[i].task, b->f->mm_anon, &anon,
				   "task_struct rss_stat")))
			return err;
		add = file + anon;
		if (!add)
			continue;
		for (size_t k = 0; k < tt->nr; k++)
			if (tt->tasks[k].mm == tt->tasks[i].mm)
				tt->tasks[k].rss += add;
	}
	for (size_t i = 0; i < tt->nr; i++)
		if (tt->tasks[i].rss < 0)
			tt->tasks[i].rss = 0;
	return NULL;
}

struct group_arg {
	struct build *b;
	uint64_t leader;
};

static struct ms_error *thread_cb(uint64_t entry, void *arg)
{
	struct group_arg *g = arg;

	return read_task(g->b, entry, false);
}

static struct ms_error *leader_cb(uint64_t entry, void *arg)
{
	struct build *b = arg;
	struct ms_list_walk w = {
		.head = entry + b->f->thread_group->offset,
		.next_offset = (long)b->f->thread_group->offset,
		.circular = true,
		.max = 1000000,
	};
	struct group_arg g = { b, entry };
	struct ms_error *err;

	if ((err = read_task(b, entry, false)))
		return err;
	err = ms_list_walk(b->prog, &w, thread_cb, &g);
	/* a damaged thread group: its threads read so far stay, the walk goes on */
	if (err == &ms_enomem || err == &ms_interrupted_error)
		return err;
	return err ? note_problem(b->st, ms_list_error_context(&w, err), "thread group: ") : NULL;
}

/*
 * crash's order for its task table: by pid, the idle tasks (all pid 0) by
 * CPU.  Pids are unique otherwise; the task address only keeps a damaged
 * table's order deterministic.
 */
static int by_pid(const void *a, const void *b)
{
	const struct ms_task *x = a, *y = b;

	if (x->pid != y->pid)
		return x->pid < y->pid ? -1 : 1;
	if (x->pid == 0 && x->cpu != y->cpu)
		return x->cpu < y->cpu ? -1 : 1;
	return x->task < y->task ? -1 : x->task > y->task;
}

static struct ms_error *build(struct ms_program *prog, struct ms_task_state *st)
{
	struct task_fields f;
	struct build b = { prog, st, &f, NULL };
	const struct ms_symbol *init_task, *rq;
	struct ms_error *err;
	int64_t v;

	if ((err = fields_init(prog, &f)) || (err = ms_task_bits_init(prog, &f.bits)))
		return err;
	if (!(init_task = ms_symbol_find(prog, "init_task")))
		return ms_error_lookup("init_task", "symbol not found: init_task");
	if (!(rq = ms_symbol_find(prog, "runqueues")))
		return ms_error_lookup("runqueues", "symbol not found: runqueues");
	if ((err = ms_percpu_nr_cpus(prog, &st->t.nr_cpus)))
		return err;
	if (!(b.curr = calloc((size_t)st->t.nr_cpus, sizeof(*b.curr))))
		return &ms_enomem;
	/* the idle tasks first, by CPU, as crash lists them */
	for (int cpu = 0; cpu < st->t.nr_cpus && !err; cpu++) {
		uint64_t rqa, idle;

		if ((err = ms_per_cpu_ptr(prog, rq->value, cpu, &rqa)) ||
		    (err = ms_read_u64(prog, rqa + f.rq_curr, &b.curr[cpu], "rq curr")) ||
		    (err = ms_read_u64(prog, rqa + f.rq_idle, &idle, "rq idle")))
			break;
		if (idle)
			err = read_task(&b, idle, true);
	}
	if (!err) {
		struct ms_list_walk w = {
			.head = init_task->value + f.tasks->offset,
			.next_offset = (long)f.tasks->offset,
			.circular = true,
			.max = 1000000,
		};

		/* a damaged task list: the tasks read before the damage stay */
		err = ms_list_walk(prog, &w, leader_cb, &b);
		if (err && err != &ms_enomem && err != &ms_interrupted_error)
			err = note_problem(st, ms_list_error_context(&w, err), "task list: ");
	}
	if (!err)
		err = fold_split_rss(&b);
	free(b.curr);
	if (err)
		return ms_error_prepend(err, "task list");
	qsort(st->t.tasks, st->t.nr, sizeof(*st->t.tasks), by_pid);
	st->t.totalram_pages = 0;
	/* 5.0 made it _totalram_pages, an atomic_long_t */
	if ((ms_error_ok(ms_global_read_s64(prog, "totalram_pages", &v)) ||
	     ms_error_ok(ms_global_read_s64(prog, "_totalram_pages", &v))) && v > 0)
		st->t.totalram_pages = (uint64_t)v;
	st->t.crashing_cpu = -1;
	if (ms_error_ok(ms_global_read_s64(prog, "crashing_cpu", &v)))
		st->t.crashing_cpu = (int)v;
	/* without a crash kernel, panic() still names its CPU (-1: none) */
	if (st->t.crashing_cpu < 0 && ms_error_ok(ms_global_read_s64(prog, "panic_cpu", &v)))
		st->t.crashing_cpu = (int)v;
	/* the context: the panic task, else the task running on CPU 0 */
	st->t.panic_task = st->t.nr;
	st->t.context = 0;
	for (size_t i = 0; i < st->t.nr; i++) {
		const struct ms_task *t = &st->t.tasks[i];

		if (t->active && t->cpu == st->t.crashing_cpu) {
			st->t.panic_task = i;
			st->t.context = i;
			break;
		}
	}
	if (st->t.panic_task == st->t.nr) {
		for (size_t i = 0; i < st->t.nr; i++)
			if (st->t.tasks[i].active && st->t.tasks[i].cpu == 0 && !st->t.tasks[i].idle) {
				st->t.context = i;
				break;
			}
	}
	return NULL;
}

struct ms_error *ms_tasks_get(struct ms_program *prog, const struct ms_tasks **ret)
{
	struct ms_task_state *st;
	struct ms_error *err;

	if (prog->tasks) {
		*ret = &prog->tasks->t;
		return NULL;
	}
	if (!(st = calloc(1, sizeof(*st))))
		return &ms_enomem;
	if ((err = build(prog, st))) {
		problems_free(&st->t);
		free(st->t.tasks);
		free(st);
		return err;
	}
	prog->tasks = st;
	*ret = &st->t;
	return NULL;
}

const struct ms_task *ms_task_context(struct ms_program *prog)
{
	const struct ms_tasks *tt;

	if (!ms_error_ok(ms_tasks_get(prog, &tt)) || !tt->nr)
		return NULL;
	return &tt->tasks[tt->context];
}

int ms_task_context_cpu(struct ms_program *prog)
{
	const struct ms_task *t = ms_task_context(prog);

	return t && t->cpu >= 0 ? t->cpu : 0;
}

void ms_task_set_context(struct ms_program *prog, const struct ms_task *t)
{
	if (prog->tasks && t >= prog->tasks->t.tasks && t < prog->tasks->t.tasks + prog->tasks->t.nr)
		prog->tasks->t.context = (size_t)(t - prog->tasks->t.tasks);
}

const char *ms_tasks_list_problem(const struct ms_tasks *tt, size_t n)
{
	for (size_t i = 0; i < tt->nr_problems; i++)
		if ((!strncmp(tt->problems[i], "task list: ", 11) ||
		     !strncmp(tt->problems[i], "thread group: ", 14)) && !n--)
			return tt->problems[i];
	return NULL;
}

struct ms_error *ms_task_lookup(struct ms_program *prog, const char *arg, const struct ms_task **ret)
{
	const struct ms_tasks *tt;
	struct ms_error *err;
	const char *orig = arg;
	char *end;
	unsigned long long v;

	if ((err = ms_tasks_get(prog, &tt)))
		return err;
	if (*arg && arg[strspn(arg, "0123456789")] == '\0') {
		v = strtoull(arg, &end, 10);
		for (size_t i = 0; i < tt->nr; i++)
			if ((unsigned long long)tt->tasks[i].pid == v) {
				*ret = &tt->tasks[i];
				return NULL;
			}
	}
	/* a hex address, with or without 0x (core/ does not use the command parser) */
	if (!strncmp(arg, "0x", 2) || !strncmp(arg, "0X", 2))
		arg += 2;
	v = strtoull(arg, &end, 16);
	if (*arg && !*end)
		for (size_t i = 0; i < tt->nr; i++)
			if (tt->tasks[i].task == v) {
				*ret = &tt->tasks[i];
				return NULL;
			}
	/* the task may be one that a damaged list hid */
	if (ms_tasks_list_problem(tt, 0))
		return ms_error_corrupt(0, "invalid task or pid value: %s (among the tasks read; %s)",
					orig, ms_tasks_list_problem(tt, 0));
	return ms_error_usage("invalid task or pid value: %s", orig);
}

const char *ms_task_state_short(const struct ms_task *t)
{
	uint32_t st = t->st;

	/* crash's letters; the exit states first, as the kernel reports them */
	if (st & MS_TS_EXIT_ZOMBIE)
		return "ZO";
	if (st & MS_TS_EXIT_DEAD)
		return "DE";
	if (!t->state)
		return "RU";
	/* bits the layout does not name (6.1's TASK_FREEZABLE) are left out, as crash does */
	/* TASK_IDLE: uninterruptible without counting in the load average */
	if ((st & (MS_TS_UNINTERRUPTIBLE | MS_TS_NOLOAD)) ==
	    (MS_TS_UNINTERRUPTIBLE | MS_TS_NOLOAD))
		return "ID";
	if (st & MS_TS_INTERRUPTIBLE)
		return "IN";
	if (st & MS_TS_UNINTERRUPTIBLE)
		return "UN";
	if (st & MS_TS_STOPPED)
		return "ST";
	if (st & MS_TS_TRACED)
		return "TR";
	if (st & MS_TS_DEAD)
		return "DE";
	if (st & MS_TS_WAKING)
		return "WA";
	if (st & MS_TS_PARKED)
		return "PA";
	if (st & MS_TS_NEW)
		return "NE";
	return "??";
}

void ms_task_state_long(const struct ms_task *t, char *buf, size_t bufsz)
{
	static const struct { uint32_t bit; const char *name; } bits[] = {
		{ MS_TS_INTERRUPTIBLE, "TASK_INTERRUPTIBLE" },
		{ MS_TS_UNINTERRUPTIBLE, "TASK_UNINTERRUPTIBLE" },
		{ MS_TS_STOPPED, "TASK_STOPPED" }, { MS_TS_TRACED, "TASK_TRACED" },
		{ MS_TS_DEAD, "TASK_DEAD" }, { MS_TS_WAKEKILL, "TASK_WAKEKILL" },
		{ MS_TS_WAKING, "TASK_WAKING" }, { MS_TS_PARKED, "TASK_PARKED" },
		{ MS_TS_NOLOAD, "TASK_NOLOAD" }, { MS_TS_NEW, "TASK_NEW" },
	};
	size_t n = 0;

	buf[0] = '\0';
	if (t->st & MS_TS_EXIT_ZOMBIE)
		n += (size_t)snprintf(buf + n, bufsz - n, "EXIT_ZOMBIE");
	else if (t->st & MS_TS_EXIT_DEAD)
		n += (size_t)snprintf(buf + n, bufsz - n, "EXIT_DEAD");
	else if (!t->state)
		n += (size_t)snprintf(buf + n, bufsz - n, "TASK_RUNNING");
	for (size_t i = 0; !t->exit_state && i < sizeof(bits) / sizeof(bits[0]) && n < bufsz; i++)
		if (t->st & bits[i].bit)
			n += (size_t)snprintf(buf + n, bufsz - n, "%s%s", n ? "|" : "", bits[i].name);
	if (!buf[0])
		snprintf(buf, bufsz, "%" PRId64, t->state);
	else if (t->st & MS_TS_UNKNOWN && n < bufsz)
		snprintf(buf + n, bufsz - n, " (%#" PRIx64 ")", t->state);
}

void ms_tasks_free(struct ms_program *prog)
{
	if (!prog->tasks)
		return;
	problems_free(&prog->tasks->t);
	free(prog->tasks->t.tasks);
	free(prog->tasks);
	prog->tasks = NULL;
}
