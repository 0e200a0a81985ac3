/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * task.h - the dump's tasks, as crash's task table has them, and the
 * session's task context.
 *
 * The table is built once per program, on first use, from the idle task of
 * each CPU (runqueues.idle) and every thread group on init_task.tasks with
 * its threads (thread_group), and sorted as crash sorts its table: by pid,
 * the idle tasks (all pid 0) by CPU.  Per task it keeps
 * what ps, set and vm show: pid, tgid, parent, comm, state, CPU (the
 * thread_info's), whether it is the one running on its CPU (rq->curr), its
 * mm and the mm's figures (total_vm, RSS as crash computes it: the mm's
 * rss_stat counters plus each thread's unsynced task rss_stat).
 *
 * The lists are Linux 4.0's and still 6.1's (task_struct.tasks and
 * thread_group); the members that moved are chosen by the DWARF: state or
 * __state, the CPU in task_struct, in its thread_info or in a thread_info
 * under the stack.  Everything is read by member name.
 *
 * The context ("set PID") is the program's: the panic task at first (the
 * task running on crashing_cpu, or on panic_cpu when no crash kernel ran),
 * else the task running on CPU 0.
 */
#ifndef MS_TASK_H
#define MS_TASK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/error.h"
#include "core/program.h"

#define MS_TASK_COMM_LEN	16

/*
 * A task's state in kernel-independent bits: the kernel's TASK_* and EXIT_*
 * values moved between versions (4.14 put TASK_PARKED below TASK_DEAD), so
 * ms_task_bits_decode() translates them once, as the dump's own
 * task_state_array says they are laid out (core/task_state.c).
 */
enum {
	MS_TS_INTERRUPTIBLE	= 1 << 0,
	MS_TS_UNINTERRUPTIBLE	= 1 << 1,
	MS_TS_STOPPED		= 1 << 2,
	MS_TS_TRACED		= 1 << 3,
	MS_TS_EXIT_DEAD		= 1 << 4,
	MS_TS_EXIT_ZOMBIE	= 1 << 5,
	MS_TS_PARKED		= 1 << 6,
	MS_TS_DEAD		= 1 << 7,
	MS_TS_WAKEKILL		= 1 << 8,
	MS_TS_WAKING		= 1 << 9,
	MS_TS_NOLOAD		= 1 << 10,
	MS_TS_NEW		= 1 << 11,
	MS_TS_UNKNOWN		= 1 << 12,	/* a bit the layout does not name */
};

/* The kernel's value of each MS_TS_ bit (index: the MS_TS_ bit number). */
struct ms_task_bits {
	int64_t value[12];
};

/**
 * The dump's state bits: fs/proc/array.c's task_state_array lists the
 * reported states in bit order, "R" (0) then one bit each; with "P (parked)"
 * and "I (idle)" in it (Linux 4.14 on), TASK_PARKED is the bit after
 * EXIT_ZOMBIE and TASK_DEAD, WAKEKILL, WAKING, NOLOAD and NEW follow it;
 * without them, or without the array (refmm), the 3.14-4.13 layout: TASK_DEAD,
 * WAKEKILL, WAKING, PARKED, NOLOAD, NEW from 64 up.
 */
struct ms_error *ms_task_bits_init(struct ms_program *prog, struct ms_task_bits *ret);
/** task_struct's state and exit_state in MS_TS_ bits. */
uint32_t ms_task_bits_decode(const struct ms_task_bits *b, int64_t state, int64_t exit_state);

struct ms_task {
	uint64_t task;			/* struct task_struct address */
	int64_t pid, tgid, ppid;
	char comm[4 * MS_TASK_COMM_LEN + 1];	/* escaped (ms_read_text()) */
	int64_t state;			/* task_struct.state (5.14: __state) */
	int64_t exit_state;
	uint32_t st;			/* state and exit_state in MS_TS_ bits */
	int cpu;			/* thread_info.cpu; -1 if unknown */
	bool active;			/* runqueues[cpu].curr */
	bool idle;			/* the idle task of its CPU */
	uint64_t stack;
	uint64_t thread_info;		/* in the task, or at the base of its stack */
	uint64_t mm;			/* 0: a kernel thread */
	uint64_t active_mm;
	uint64_t pgd;			/* mm->pgd (virtual), 0 without an mm */
	uint64_t total_vm;		/* pages */
	int64_t rss;			/* pages, crash's sum of the counters */
};

struct ms_tasks {
	struct ms_task *tasks;
	size_t nr;
	int nr_cpus;
	uint64_t totalram_pages;	/* for %MEM; 0 if unknown */
	int crashing_cpu;		/* crashing_cpu, else panic_cpu; -1: none recorded */
	size_t context;			/* index of the context task */
	size_t panic_task;		/* index, or nr if none */
	/*
	 * Damage met while building, each message naming the structure and
	 * its address: a task list or thread group that loops or cannot be
	 * read (the table holds the tasks read before), a task whose mm
	 * cannot be read (kept, with no pgd, RSS or total_vm).  ps reports
	 * them; a command on one task reads what it needs and meets its own.
	 */
	char **problems;
	size_t nr_problems;
};

/**
 * The task table (built on first call; kept in the program).
 * @param[out] ret  Valid until the program is destroyed.
 * @return NULL (damage past the idle tasks is in ms_tasks.problems), or why
 * the tasks cannot be read at all (LOOKUP for a kernel without init_task or
 * runqueues, a FAULT on the run queues or idle tasks).
 */
struct ms_error *ms_tasks_get(struct ms_program *prog, const struct ms_tasks **ret);

/**
 * The @p n-th problem of @p tt that ended a list (the task list or a thread
 * group: tasks past it are missing from the table), or NULL.
 */
const char *ms_tasks_list_problem(const struct ms_tasks *tt, size_t n);

/** The context task, or NULL if the tasks cannot be read. */
const struct ms_task *ms_task_context(struct ms_program *prog);
/**
 * The context task's CPU, which an empty cpuspec ("p cpu_number:") names;
 * 0 when the tasks cannot be read or the task's CPU is not known.
 */
int ms_task_context_cpu(struct ms_program *prog);
/** Make @p t (an entry of the table) the context. */
void ms_task_set_context(struct ms_program *prog, const struct ms_task *t);

/**
 * crash's task selector: a decimal pid (the first task with it) or a hex
 * task address.  @p nr_ret (may be NULL) gets the number of tasks with
 * that pid.
 * @return the task, or NULL (USAGE "invalid task or pid value: X"; CORRUPT
 * when the table holds problems, which may have hidden it).
 */
struct ms_error *ms_task_lookup(struct ms_program *prog, const char *arg, const struct ms_task **ret);

/** crash's two-letter state ("RU", "IN", "UN", "ZO", ...). */
const char *ms_task_state_short(const struct ms_task *t);
/** crash's set/banner state: "TASK_RUNNING", "TASK_INTERRUPTIBLE"... */
void ms_task_state_long(const struct ms_task *t, char *buf, size_t bufsz);

/** Free the table (ms_program_destroy() calls it). */
void ms_tasks_free(struct ms_program *prog);

#endif
