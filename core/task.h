/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * task.h - the dump's tasks, as crash's task table has them, and the
 * session's task context.
 *
 * The table is built once per program, on first use: the idle task of each
 * CPU (runqueues.idle) first, then every thread group on init_task.tasks,
 * each leader followed by its threads (thread_group).  Per task it keeps
 * what ps, set and vm show: pid, tgid, parent, comm, state, CPU (the
 * thread_info's), whether it is the one running on its CPU (rq->curr), its
 * mm and the mm's figures (total_vm, RSS as crash computes it: the mm's
 * rss_stat counters plus each thread's unsynced task rss_stat).
 *
 * This is the Linux 4.0 layout (task_struct.tasks and thread_group, a
 * thread_info under the stack); another kernel's walk goes beside it.
 * Everything is read by member name through the DWARF.
 *
 * The context ("set PID") is the program's: the panic task at first (the
 * task running on crashing_cpu), else the task running on CPU 0.
 */
#ifndef MS_TASK_H
#define MS_TASK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/error.h"
#include "core/program.h"

#define MS_TASK_COMM_LEN	16

struct ms_task {
	uint64_t task;			/* struct task_struct address */
	int64_t pid, tgid, ppid;
	char comm[MS_TASK_COMM_LEN + 1];
	int64_t state;			/* task_struct.state */
	int64_t exit_state;
	int cpu;			/* thread_info.cpu; -1 if unknown */
	bool active;			/* runqueues[cpu].curr */
	bool idle;			/* the idle task of its CPU */
	uint64_t stack;
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
	int crashing_cpu;		/* -1: none recorded */
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

/** The context task, or NULL if the tasks cannot be read. */
const struct ms_task *ms_task_context(struct ms_program *prog);
/** Make @p t (an entry of the table) the context. */
void ms_task_set_context(struct ms_program *prog, const struct ms_task *t);

/**
 * crash's task selector: a decimal pid (the first task with it) or a hex
 * task address.  @p nr_ret (may be NULL) gets the number of tasks with
 * that pid.
 * @return the task, or NULL (USAGE "invalid task or pid value: X").
 */
struct ms_error *ms_task_lookup(struct ms_program *prog, const char *arg, const struct ms_task **ret);

/** crash's two-letter state ("RU", "IN", "UN", "ZO", ...). */
const char *ms_task_state_short(const struct ms_task *t);
/** crash's set/banner state: "TASK_RUNNING", "TASK_INTERRUPTIBLE"... */
void ms_task_state_long(const struct ms_task *t, char *buf, size_t bufsz);

/** Free the table (ms_program_destroy() calls it). */
void ms_tasks_free(struct ms_program *prog);

#endif
