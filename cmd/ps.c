/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ps.c - crash's "ps": the task table (core/task.h) in crash 8's columns,
 * '>' for the task running on each CPU, kernel threads in brackets.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/command.h"
#include "core/dump.h"
#include "core/error.h"
#include "core/output.h"
#include "core/record.h"
#include "core/session.h"
#include "core/task.h"

static const struct ms_option ps_options[] = {
	{ .letter = 'k', .arg = MS_OPT_NOARG, .help = "kernel threads only" },
	{ .letter = 'u', .arg = MS_OPT_NOARG, .help = "user tasks only" },
	{ 0 },
};

/* The row of one task: the keys of mmscope(1)'s JSON OUTPUT. */
static void task_row(struct ms_record *row, const struct ms_tasks *tt, const struct ms_task *t,
		     uint64_t page_size)
{
	double pct = tt->totalram_pages ? (double)t->rss * 100.0 / (double)tt->totalram_pages : 0;

	ms_record_add_bool(row, "active", t->active);
	ms_record_add_s64(row, "pid", t->pid);
	ms_record_add_s64(row, "ppid", t->ppid);
	ms_record_add_s64(row, "tgid", t->tgid);
	ms_record_add_opt_s64(row, "cpu", t->cpu >= 0, t->cpu);
	ms_record_add_addr(row, "task", t->task);
	ms_record_add_str(row, "state", ms_task_state_short(t));
	/* tenths of a percent, as crash rounds it for %.1f */
	ms_record_add_s64(row, "pct_mem_tenths", (int64_t)(pct * 10 + 0.5));
	ms_record_add_u64(row, "vsz", t->total_vm * page_size / 1024);
	ms_record_add_u64(row, "rss", (uint64_t)t->rss * page_size / 1024);
	ms_record_add_str(row, "comm", t->comm);
	ms_record_add_bool(row, "kthread", !t->mm);
}

static void ps_header(void)
{
	fprintf(ms_fp, "      PID    PPID  CPU       TASK        ST  %%MEM      VSZ      RSS  COMM\n");
}

static void ps_text(struct ms_session *sess, const struct ms_record *rec, void *arg)
{
	const struct ms_record *list = ms_record_get(rec, "tasks")->rec;

	(void)sess;
	(void)arg;
	ps_header();
	for (size_t i = 0; i < list->nr_fields && !ms_interrupted(); i++) {
		const struct ms_record *r = list->fields[i].rec;
		const char *st = ms_record_get_str(r, "state", "??");
		int64_t tenths = ms_record_get_s64(r, "pct_mem_tenths", 0);
		char cpu[16], comm[40], task[24], tb[32];

		if (ms_record_has(r, "cpu"))
			snprintf(cpu, sizeof(cpu), "%" PRId64, ms_record_get_s64(r, "cpu", 0));
		else
			snprintf(cpu, sizeof(cpu), "?");
		if (ms_record_get(r, "kthread")->b)
			snprintf(comm, sizeof(comm), "[%s]", ms_record_get_str(r, "comm", ""));
		else
			snprintf(comm, sizeof(comm), "%s", ms_record_get_str(r, "comm", ""));
		snprintf(task, sizeof(task), "%" PRIx64, ms_record_get_u64(r, "task", 0));
		fprintf(ms_fp, "%s%7" PRId64 " %7" PRId64 " %3s  %s %3s%s%2" PRId64 ".%" PRId64
			" %8" PRIu64 " %8" PRIu64 "  %s\n",
			ms_record_get(r, "active")->b ? "> " : "  ",
			ms_record_get_s64(r, "pid", 0), ms_record_get_s64(r, "ppid", 0), cpu,
			ms_mkstring(tb, sizeof(tb), 16, MS_CENTER_RIGHT, task), st, strlen(st) > 3 ? " " : "  ",
			tenths / 10, tenths % 10,
			ms_record_get_u64(r, "vsz", 0), ms_record_get_u64(r, "rss", 0), comm);
	}
}

static bool selected(const struct ms_task *t, int argc, char **argv)
{
	unsigned long long v;

	if (!argc)
		return true;
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i];

		if (a[0] == '\\') {	/* a command name made of digits */
			if (!strcmp(t->comm, a + 1))
				return true;
			continue;
		}
		if (*a && a[strspn(a, "0123456789")] == '\0' && t->pid == (int64_t)strtoll(a, NULL, 10))
			return true;
		if (ms_error_ok(ms_parse_addr(a, &v)) && v == t->task)
			return true;
		if (!strcmp(t->comm, a))
			return true;
	}
	return false;
}

/* crash: a pid or task that names no task is an error; a name matching nothing is not */
static bool arg_matches_any(const struct ms_tasks *tt, const char *a)
{
	for (size_t i = 0; i < tt->nr; i++) {
		char *one[] = { (char *)a };

		if (selected(&tt->tasks[i], 1, one))
			return true;
	}
	return false;
}

static bool names_task(const char *a)
{
	unsigned long long v;

	return (*a && a[strspn(a, "0123456789")] == '\0') ||
	       (ms_error_ok(ms_parse_addr(a, &v)) && v > 0xffffffffULL);
}

static int cmd_ps_handler(struct ms_session *sess, int argc, char **argv)
{
	const struct ms_tasks *tt;
	const struct ms_dump_info *info = ms_dump_info(sess->prog);
	struct ms_record *rec, *list;
	struct ms_error *err;
	bool kthreads = false, user = false;
	int c, failed = 0;

	while ((c = ms_getopt(sess, argc, argv)) != -1) {
		switch (c) {
		case 'k':
			kthreads = true;
			break;
		case 'u':
			user = true;
			break;
		default:
			return ms_cmd_usage(sess, NULL);
		}
	}
	if (kthreads && user)
		return ms_cmd_error(sess, "-u and -k are mutually exclusive");
	if ((err = ms_tasks_get(sess->prog, &tt)))
		return ms_cmd_fail(sess, err);
	for (int i = optind; i < argc; i++)
		if (names_task(argv[i]) && !arg_matches_any(tt, argv[i])) {
			ms_cmd_error(sess, "invalid task or pid value: %s\n", argv[i]);
			failed = -1;
		}
	rec = ms_record_create();
	list = ms_record_add_list(rec, "tasks");
	for (size_t i = 0; i < tt->nr; i++) {
		const struct ms_task *t = &tt->tasks[i];

		if ((kthreads && t->mm) || (user && !t->mm))
			continue;
		if (!selected(t, argc - optind, argv + optind))
			continue;
		task_row(ms_record_append_record(list), tt, t, info ? info->page_size : 4096);
	}
	ms_emit(sess, rec, ps_text, NULL);
	/* the damage met on the way: the tasks above are those read around it */
	for (size_t i = 0; i < tt->nr_problems; i++) {
		ms_cmd_error(sess, "%s", tt->problems[i]);
		failed = -1;
	}
	return failed;
}

const struct ms_command cmd_ps = {
	.name = "ps",
	.handler = cmd_ps_handler,
	.flags = MS_CMD_DUMP | MS_CMD_JSON | MS_CMD_PAGER,
	.summary = "display process status information",
	.options = ps_options,
	.operands = "[pid | task | command] ...",
	.help =
"  Lists the dump's tasks (the idle task of each CPU and every thread group\n"
"  on init_task's list, threads included) in crash's columns and order:\n"
"  by pid, the idle tasks (all pid 0) by CPU.\n"
"\n"
"      PID   the task's pid; PPID its real parent's\n"
"      CPU   the CPU of its thread_info\n"
"     TASK   the task_struct address\n"
"       ST   RU running, IN interruptible, UN uninterruptible, ZO zombie,\n"
"            ST stopped, TR traced, DE dead, WA waking, PA parked,\n"
"            ID idle (uninterruptible without load), NE new\n"
"     %MEM   RSS as a share of totalram_pages\n"
"      VSZ   the mm's total_vm, in KiB\n"
"      RSS   the mm's file and anon rss_stat counters plus each thread's\n"
"            unsynced counts (SPLIT_RSS_COUNTING), in KiB\n"
"     COMM   the command; a kernel thread (no mm) in brackets\n"
"\n"
"  A line starting with '>' is the task running on its CPU at the time of\n"
"  the dump.  Tasks may be selected by decimal pid, hexadecimal task\n"
"  address or command name (\\NAME for a name made of digits).\n"
"\n"
"  On a damaged dump (a task list or thread group that loops or cannot be\n"
"  read, a task whose mm cannot be read) the tasks read are listed, then\n"
"  each damage with its address, and the command fails.\n"
"\n"
"EXAMPLES\n"
"    mmscope> ps -k\n"
"          PID    PPID  CPU       TASK        ST  %MEM      VSZ      RSS  COMM\n"
"    >       0       0   0      40048000      RU   0.0        0        0  [swapper/0]\n"
"\n"
"    mmscope> ps 1\n",
};
