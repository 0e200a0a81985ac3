/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * set.c - "set": session variables (scroll, radix, output, silent, error,
 * hidden).
 * "set PID|TASK", "set -p" and "set -c CPU" change the task context
 * (core/task.h); "set" alone shows it, as crash does, and so does the
 * banner ("set -B": the labels of the system block).
 */
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <strings.h>

#include "core/command.h"
#include "core/error.h"
#include "core/output.h"
#include "core/program.h"
#include "core/record.h"
#include "core/session.h"
#include "core/task.h"

extern const struct ms_command cmd_set;

static const struct ms_option set_options[] = {
	{ .letter = 'v', .arg = MS_OPT_NOARG, .help = "every setting" },
	{ .letter = 'p', .arg = MS_OPT_NOARG, .help = "the panic task becomes the context" },
	{ .letter = 'c', .arg = MS_OPT_ARG, .argname = "cpu",
	  .help = "the task running on CPU becomes the context" },
	{ .letter = 'B', .arg = MS_OPT_NOARG },	/* the banner's form: hidden */
	{ 0 },
};

static const char *onoff(bool v)
{
	return v ? "on" : "off";
}

/* "hidden" applies to a debuginfo that holds more than the dump's kernel (mmscope's own). */
static bool has_hidden(const struct ms_session *sess)
{
	return sess->prog && sess->prog->kernel_only;
}

static const char *hidden_text(const struct ms_session *sess)
{
	return sess->prog->show_hidden ? "on (the inspector's symbols and types are shown)" :
	       "off (only the dump's kernel is shown)";
}

/*
 * crash's other set variables (crash-spec §2.4): accepted, kept and shown,
 * without effect here, so that a .crashrc-style file or a script written
 * for crash does not fail on them.  Booleans take on/off/1/0, numbers
 * digits, strings anything.
 */
enum var_kind { VAR_BOOL, VAR_NUM, VAR_STR };

static const struct crash_var {
	const char *name;
	enum var_kind kind;
	const char *deflt;
} crash_vars[] = {
	{ "refresh", VAR_BOOL, "on" },
	{ "print_max", VAR_NUM, "256" },
	{ "print_array", VAR_BOOL, "off" },
	{ "console", VAR_STR, "(not assigned)" },
	{ "debug", VAR_NUM, "0" },
	{ "core", VAR_BOOL, "off" },
	{ "hash", VAR_BOOL, "on" },
	{ "edit", VAR_STR, "vi" },
	{ "unwind", VAR_BOOL, "off" },
	{ "zero_excluded", VAR_BOOL, "off" },
	{ "null-stop", VAR_BOOL, "on" },
	{ "gdb", VAR_BOOL, "off" },
	{ "scope", VAR_STR, "0 (not set)" },
	{ "offline", VAR_STR, "show" },
	{ "redzone", VAR_BOOL, "on" },
};

_Static_assert(sizeof(crash_vars) / sizeof(crash_vars[0]) <= MS_NR_CRASH_VARS,
	       "session.h's MS_NR_CRASH_VARS is too small");

static int crash_var_find(const char *name)
{
	for (size_t i = 0; i < sizeof(crash_vars) / sizeof(crash_vars[0]); i++)
		if (!strcmp(crash_vars[i].name, name))
			return (int)i;
	return -1;
}

static const char *crash_var_value(const struct ms_session *sess, int i)
{
	return sess->crash_vars[i] ? sess->crash_vars[i] : crash_vars[i].deflt;
}

/* The settings as a record: crash's names, values as "set" takes them. */
static void add_crash_var(struct ms_record *rec, const struct ms_session *sess, const char *name)
{
	ms_record_add_str(rec, name, crash_var_value(sess, crash_var_find(name)));
}

/* In the order of crash's "set -v", mmscope's own (output, hidden) beside. */
static struct ms_record *settings(const struct ms_session *sess)
{
	struct ms_record *rec = ms_record_create();

	ms_record_add_str(rec, "scroll", onoff(sess->scroll));
	ms_record_add_str(rec, "pager", ms_pager_command());
	ms_record_add_s64(rec, "radix", sess->radix);
	ms_record_add_str(rec, "output", sess->output_mode == MS_OUTPUT_JSON ? "json" : "text");
	add_crash_var(rec, sess, "refresh");
	add_crash_var(rec, sess, "print_max");
	add_crash_var(rec, sess, "print_array");
	add_crash_var(rec, sess, "console");
	add_crash_var(rec, sess, "debug");
	add_crash_var(rec, sess, "core");
	add_crash_var(rec, sess, "hash");
	ms_record_add_str(rec, "silent", onoff(sess->silent));
	add_crash_var(rec, sess, "edit");
	ms_record_add_str(rec, "namelist", sess->prog && sess->prog->debuginfo_path ?
			  sess->prog->debuginfo_path : "(none)");
	ms_record_add_str(rec, "dumpfile", sess->prog && sess->prog->dump_path ?
			  sess->prog->dump_path : "(none)");
	add_crash_var(rec, sess, "unwind");
	add_crash_var(rec, sess, "zero_excluded");
	add_crash_var(rec, sess, "null-stop");
	add_crash_var(rec, sess, "gdb");
	add_crash_var(rec, sess, "scope");
	add_crash_var(rec, sess, "offline");
	add_crash_var(rec, sess, "redzone");
	ms_record_add_str(rec, "error", ms_error_dest(sess));
	if (has_hidden(sess))
		ms_record_add_str(rec, "hidden", sess->prog->show_hidden ? "on" : "off");
	return rec;
}

/* "set NAME": one line, in crash's words. */
static void show_text(struct ms_session *sess, const struct ms_record *rec, void *arg)
{
	const char *name = arg;

	if (!strcmp(name, "scroll"))
		fprintf(ms_fp, "scroll: %s (%s)\n", ms_record_get_str(rec, "scroll", ""),
			ms_record_get_str(rec, "pager", ""));
	else if (!strcmp(name, "radix"))
		fprintf(ms_fp, "output radix: %" PRId64 " (%s)\n", ms_record_get_s64(rec, "radix", 10),
			ms_record_get_s64(rec, "radix", 10) == 16 ? "hex" : "decimal");
	else if (!strcmp(name, "hidden"))
		fprintf(ms_fp, "hidden: %s\n", hidden_text(sess));
	else
		fprintf(ms_fp, "%s: %s\n", name, ms_record_get_str(rec, name, ""));
}

/* "set" and "set -v": every setting, names right-aligned. */
static void show_all_text(struct ms_session *sess, const struct ms_record *rec, void *arg)
{
	(void)arg;
	for (size_t i = 0; i < rec->nr_fields; i++) {
		const struct ms_record_field *f = &rec->fields[i];

		if (!strcmp(f->key, "pager"))
			continue;
		if (!strcmp(f->key, "scroll"))
			fprintf(ms_fp, "%14s: %s (%s)\n", "scroll", f->str, ms_record_get_str(rec, "pager", ""));
		else if (!strcmp(f->key, "radix"))
			fprintf(ms_fp, "%14s: %" PRId64 " (%s)\n", "radix", f->s, f->s == 16 ? "hex" : "decimal");
		else if (!strcmp(f->key, "hidden"))
			fprintf(ms_fp, "%14s: %s\n", "hidden", hidden_text(sess));
		else
			fprintf(ms_fp, "%14s: %s\n", f->key, f->str);
	}
}

static void show(struct ms_session *sess, const char *name)
{
	struct ms_record *all = settings(sess), *rec = ms_record_create();
	const struct ms_record_field *f = ms_record_get(all, name);

	/* JSON: the one setting, and the pager with scroll */
	if (!strcmp(name, "radix"))
		ms_record_add_s64(rec, "radix", sess->radix);
	else if (f)
		ms_record_add_str(rec, name, f->str);
	if (!strcmp(name, "scroll"))
		ms_record_add_str(rec, "pager", ms_pager_command());
	ms_record_destroy(all);
	ms_emit(sess, rec, show_text, (void *)name);
}

static void show_all(struct ms_session *sess)
{
	ms_emit(sess, settings(sess), show_all_text, NULL);
}

/* on/off/1/0 -> 1/0, anything else -1 */
static int parse_bool(const char *s)
{
	if (!strcasecmp(s, "on") || !strcmp(s, "1"))
		return 1;
	if (!strcasecmp(s, "off") || !strcmp(s, "0"))
		return 0;
	return -1;
}

/* crash: "set: invalid command: set radix 7 " (the whole argv, each word followed by a space) */
static int invalid(struct ms_session *sess, int argc, char **argv)
{
	char buf[512] = "";

	for (int i = 0; i < argc; i++) {
		strncat(buf, argv[i], sizeof(buf) - strlen(buf) - 2);
		strcat(buf, " ");
	}
	return ms_cmd_error(sess, "invalid command: %s", buf);
}

/* The context as a record: the keys of ps's rows, and the long state. */
static struct ms_record *context_record(const struct ms_tasks *tt, const struct ms_task *t)
{
	struct ms_record *rec = ms_record_create();
	size_t same = 0, nth = 0;
	char state[128];

	for (size_t i = 0; i < tt->nr; i++)
		if (tt->tasks[i].pid == t->pid) {
			same++;
			if (&tt->tasks[i] == t)
				nth = same;
		}
	ms_record_add_s64(rec, "pid", t->pid);
	ms_record_add_str(rec, "comm", t->comm);
	ms_record_add_addr(rec, "task", t->task);
	ms_record_add_u64(rec, "nth", nth);
	ms_record_add_u64(rec, "same_pid", same);
	ms_record_add_addr(rec, "thread_info", t->thread_info);
	ms_record_add_opt_s64(rec, "cpu", t->cpu >= 0, t->cpu);
	ms_task_state_long(t, state, sizeof(state));
	ms_record_add_str(rec, "state", state);
	ms_record_add_bool(rec, "active", t->active);
	ms_record_add_bool(rec, "panic", t == &tt->tasks[tt->panic_task]);
	return rec;
}

/* crash's context block: labels right-aligned in 7 ("set"), 12 (banner) */
static void context_text(struct ms_session *sess, const struct ms_record *rec, void *arg)
{
	int w = *(const int *)arg;
	const char *mark = ms_record_get(rec, "panic")->b ? " (PANIC)" :
			   ms_record_get(rec, "active")->b ? " (ACTIVE)" : "";
	char of[64] = "";

	(void)sess;
	if (ms_record_get_u64(rec, "same_pid", 1) > 1)
		snprintf(of, sizeof(of), "(%" PRIu64 " of %" PRIu64 ")  ", ms_record_get_u64(rec, "nth", 1),
			 ms_record_get_u64(rec, "same_pid", 1));
	fprintf(ms_fp, "%*s: %" PRId64 "\n", w, "PID", ms_record_get_s64(rec, "pid", 0));
	fprintf(ms_fp, "%*s: \"%s\"\n", w, "COMMAND", ms_record_get_str(rec, "comm", ""));
	fprintf(ms_fp, "%*s: %" PRIx64 "  %s[THREAD_INFO: %" PRIx64 "]\n", w, "TASK",
		ms_record_get_u64(rec, "task", 0), of, ms_record_get_u64(rec, "thread_info", 0));
	if (ms_record_has(rec, "cpu"))
		fprintf(ms_fp, "%*s: %" PRId64 "\n", w, "CPU", ms_record_get_s64(rec, "cpu", 0));
	else
		fprintf(ms_fp, "%*s: (unknown)\n", w, "CPU");
	fprintf(ms_fp, "%*s: %s%s\n", w, "STATE", ms_record_get_str(rec, "state", ""), mark);
}

static int show_context(struct ms_session *sess, int width)
{
	const struct ms_tasks *tt;
	struct ms_error *err;

	if (!sess->prog || !sess->prog->dump)
		return ms_cmd_error(sess, "no dump: there is no task context");
	if ((err = ms_tasks_get(sess->prog, &tt))) {
		/* the banner goes on without a context (a debuginfo that does not match) */
		if (width == 12) {
			ms_error_destroy(err);
			return 0;
		}
		return ms_cmd_fail(sess, err);
	}
	if (!tt->nr) {
		/* a task list damaged before its first task: no context to show */
		if (width == 12)
			return 0;
		return ms_cmd_error(sess, "no task context: no task could be read%s",
				    tt->nr_problems ? " (ps shows why)" : "");
	}
	ms_emit(sess, context_record(tt, &tt->tasks[tt->context]), context_text, &width);
	return 0;
}

static int set_context(struct ms_session *sess, const struct ms_task *t)
{
	ms_task_set_context(sess->prog, t);
	return show_context(sess, 7);
}

static int set_cpu(struct ms_session *sess, const char *arg)
{
	const struct ms_tasks *tt;
	struct ms_error *err;
	char *end;
	long cpu = strtol(arg, &end, 10);

	if ((err = ms_tasks_get(sess->prog, &tt)))
		return ms_cmd_fail(sess, err);
	if (*end || end == arg || cpu < 0 || cpu >= tt->nr_cpus)
		return ms_cmd_error(sess, "invalid cpu number: %s", arg);
	for (size_t i = 0; i < tt->nr; i++)
		if (tt->tasks[i].active && tt->tasks[i].cpu == cpu)
			return set_context(sess, &tt->tasks[i]);
	return ms_cmd_error(sess, "no active task on cpu %ld", cpu);
}

static int cmd_set_handler(struct ms_session *sess, int argc, char **argv)
{
	const struct ms_tasks *tt;
	const struct ms_task *t;
	struct ms_error *err;
	const char *var, *val;
	int c, b;

	while ((c = ms_getopt(sess, argc, argv)) != -1) {
		switch (c) {
		case 'v':
			show_all(sess);
			return 0;
		case 'B':
			return show_context(sess, 12);
		case 'p':
			if (!sess->prog || !sess->prog->dump)
				return ms_cmd_error(sess, "no panic task found!");
			if ((err = ms_tasks_get(sess->prog, &tt)))
				return ms_cmd_fail(sess, err);
			if (tt->panic_task == tt->nr)
				return ms_cmd_error(sess, "no panic task found!");
			return set_context(sess, &tt->tasks[tt->panic_task]);
		case 'c':
			if (!sess->prog || !sess->prog->dump)
				return ms_cmd_error(sess, "no dump: there is no task context");
			return set_cpu(sess, optarg);
		default:
			return ms_cmd_usage(sess, &cmd_set);
		}
	}
	if (optind == argc) {
		/* crash shows the context; without a dump there is none */
		if (sess->prog && sess->prog->dump)
			return show_context(sess, 7);
		show_all(sess);
		return 0;
	}
	var = argv[optind];
	val = optind + 1 < argc ? argv[optind + 1] : NULL;
	if (optind + 2 < argc)
		return invalid(sess, argc, argv);
	if (!strcmp(var, "scroll")) {
		if (val) {
			if (!strcmp(val, "less"))
				setenv("PAGER", "less -E -X", 1), b = 1;
			else if (!strcmp(val, "more"))
				setenv("PAGER", "more", 1), b = 1;
			else if ((b = parse_bool(val)) < 0)
				return invalid(sess, argc, argv);
			sess->scroll = b;
		}
	} else if (!strcmp(var, "radix")) {
		if (val) {
			if (!strcmp(val, "16") || !strncasecmp(val, "hex", 3) ||
			    !strncasecmp(val, "six", 3))
				sess->radix = 16;
			else if (!strcmp(val, "10") || !strncasecmp(val, "dec", 3) ||
				 !strncasecmp(val, "ten", 3))
				sess->radix = 10;
			else
				return invalid(sess, argc, argv);
		}
	} else if (!strcmp(var, "output")) {
		if (val) {
			if (!strcmp(val, "text"))
				sess->output_mode = MS_OUTPUT_TEXT;
			else if (!strcmp(val, "json"))
				sess->output_mode = MS_OUTPUT_JSON;
			else
				return invalid(sess, argc, argv);
		}
	} else if (!strcmp(var, "error")) {
		struct ms_error *err = val ? ms_error_set_dest(sess, val) : NULL;

		if (err)
			return ms_cmd_fail(sess, err);
	} else if (!strcmp(var, "silent")) {
		if (val) {
			if ((b = parse_bool(val)) < 0)
				return invalid(sess, argc, argv);
			sess->silent = b;
		}
	} else if (!strcmp(var, "hidden") && has_hidden(sess)) {
		if (val) {
			if ((b = parse_bool(val)) < 0)
				return invalid(sess, argc, argv);
			ms_program_show_hidden(sess->prog, b);
		}
	} else if (!strcmp(var, "namelist") || !strcmp(var, "dumpfile")) {
		if (val)	/* the files of a running session do not change */
			return invalid(sess, argc, argv);
	} else if ((b = crash_var_find(var)) >= 0) {
		if (val) {
			const struct crash_var *cv = &crash_vars[b];
			char *copy;

			if (cv->kind == VAR_BOOL && parse_bool(val) < 0)
				return invalid(sess, argc, argv);
			if (cv->kind == VAR_NUM && (!*val || val[strspn(val, "0123456789")]))
				return invalid(sess, argc, argv);
			copy = strdup(cv->kind == VAR_BOOL ? (parse_bool(val) ? "on" : "off") : val);
			if (!copy)
				return ms_cmd_fail(sess, &ms_enomem);
			free(sess->crash_vars[b]);
			sess->crash_vars[b] = copy;
		}
	} else {
		/* crash reads any other word as a pid or a task address */
		if (!sess->prog || !sess->prog->dump)
			return ms_cmd_error(sess, "invalid task or pid value: %s", var);
		if (val)
			return invalid(sess, argc, argv);
		if ((err = ms_task_lookup(sess->prog, var, &t)))
			return ms_cmd_fail(sess, err);
		return set_context(sess, t);
	}
	show(sess, var);
	return 0;
}

const struct ms_command cmd_set = {
	.name = "set",
	.handler = cmd_set_handler,
	.flags = MS_CMD_JSON | MS_CMD_PAGER,
	.options = set_options,
	.summary = "set a process context or internal mmscope variable",
	.synopsis = "set [pid | task | -c cpu | -p] | [variable [setting]] | -v",
	.help =
"  Sets the task context, or shows or sets a session variable.\n"
"\n"
"  With no argument, the current context is shown: PID, COMMAND, TASK\n"
"  (with its thread_info), CPU and STATE, \"(PANIC)\" for the task that\n"
"  panicked, \"(ACTIVE)\" for another task running on its CPU.  The context\n"
"  starts as the panic task (the task running on crashing_cpu, or on\n"
"  panic_cpu without a crash kernel), or the task running on CPU 0 when\n"
"  the dump has none; vm, vtop -u and search -u use it.\n"
"\n"
"    pid | task   a decimal pid or a hexadecimal task address becomes the\n"
"                 context (the first task of a pid shared by several, as\n"
"                 the idle tasks' pid 0).\n"
"    -p           the panic task becomes the context.\n"
"    -c cpu       the task running on that CPU becomes the context.\n"
"    -v           every variable.\n"
"\n"
"  With a variable name alone, its value is shown.\n"
"\n"
"    scroll on|off|less|more  page the output of commands typed at a terminal\n"
"                             ($PAGER, or \"less -E -X\").  Aliases: sn, sf.\n"
"    radix 10|16              output radix of p, struct and friends.  Also\n"
"                             hex..., dec....  Aliases: hex, dec.\n"
"    output text|json         JSON output for the commands that support it.\n"
"    silent on|off            no echo of commands read in batch mode.\n"
"    error default|redirect|FILE\n"
"                             where error messages go: stdout and also the\n"
"                             pipe or file the output is redirected to\n"
"                             (default); only the redirection while there is\n"
"                             one (redirect); or appended to FILE only.\n"
"    hidden on|off            the debuginfo of a dump mmscope wrote is the\n"
"                             mmscope executable, inspector and all: symbols,\n"
"                             types and completion show only the dump's\n"
"                             kernel (refmm) unless this is on.  Listed only\n"
"                             for such a debuginfo.\n"
"\n"
"  crash's other variables are accepted, kept and shown, without effect in\n"
"  mmscope, so that scripts and .mmscoperc files written for crash run:\n"
"  refresh, print_max N, print_array, console, debug N, core, hash, edit,\n"
"  unwind, zero_excluded, null-stop, gdb, scope, offline, redzone.  namelist\n"
"  and dumpfile show the files of the session.\n"
"\n"
"  Booleans also take 1 and 0.\n"
"\n"
"EXAMPLES\n"
"    mmscope> set radix 16\n"
"    output radix: 16 (hex)\n"
"\n"
"    mmscope> set scroll off\n"
"    scroll: off (less -E -X)\n",
};
