/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * set.c - "set": session variables (scroll, radix, output, silent, error,
 * hidden).
 * There is no task context yet, so "set" alone lists the variables as
 * "set -v" does.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <strings.h>

#include "core/command.h"
#include "core/error.h"
#include "core/output.h"
#include "core/program.h"
#include "core/session.h"

extern const struct ms_command cmd_set;

static const char *const set_options[] = { "-v", NULL };

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

static void show(const struct ms_session *sess, const char *name)
{
	if (!strcmp(name, "scroll"))
		fprintf(ms_fp, "scroll: %s (%s)\n", onoff(sess->scroll), ms_pager_command());
	else if (!strcmp(name, "radix"))
		fprintf(ms_fp, "output radix: %d (%s)\n", sess->radix,
			sess->radix == 16 ? "hex" : "decimal");
	else if (!strcmp(name, "output"))
		fprintf(ms_fp, "output: %s\n", sess->output_mode == MS_OUTPUT_JSON ? "json" : "text");
	else if (!strcmp(name, "silent"))
		fprintf(ms_fp, "silent: %s\n", onoff(sess->silent));
	else if (!strcmp(name, "error"))
		fprintf(ms_fp, "error: %s\n", ms_error_dest(sess));
	else if (!strcmp(name, "hidden"))
		fprintf(ms_fp, "hidden: %s\n", hidden_text(sess));
}

static void show_all(const struct ms_session *sess)
{
	fprintf(ms_fp, "%14s: %s (%s)\n", "scroll", onoff(sess->scroll), ms_pager_command());
	fprintf(ms_fp, "%14s: %d (%s)\n", "radix", sess->radix,
		sess->radix == 16 ? "hex" : "decimal");
	fprintf(ms_fp, "%14s: %s\n", "output", sess->output_mode == MS_OUTPUT_JSON ? "json" : "text");
	fprintf(ms_fp, "%14s: %s\n", "silent", onoff(sess->silent));
	fprintf(ms_fp, "%14s: %s\n", "namelist", sess->prog && sess->prog->debuginfo_path ? sess->prog->debuginfo_path : "(none)");
	fprintf(ms_fp, "%14s: %s\n", "dumpfile", sess->prog && sess->prog->dump_path ? sess->prog->dump_path : "(none)");
	fprintf(ms_fp, "%14s: %s\n", "error", ms_error_dest(sess));
	if (has_hidden(sess))
		fprintf(ms_fp, "%14s: %s\n", "hidden", hidden_text(sess));
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

static int cmd_set_handler(struct ms_session *sess, int argc, char **argv)
{
	const char *var, *val;
	int c, b;

	while ((c = getopt(argc, argv, "v")) != -1) {
		switch (c) {
		case 'v':
			show_all(sess);
			return 0;
		default:
			return ms_cmd_usage(sess, &cmd_set);
		}
	}
	if (optind == argc) {
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
	} else {
		/* crash reads any other word as a task; this dump has no task context */
		return ms_cmd_error(sess, "invalid task or pid value: %s", var);
	}
	show(sess, var);
	return 0;
}

const struct ms_command cmd_set = {
	.name = "set",
	.handler = cmd_set_handler,
	.options = set_options,
	.summary = "set a process context or internal mmscope variable",
	.synopsis = "set [-v] | [variable [setting]]",
	.help =
"  Shows or sets a session variable.  With no argument, or with -v, all\n"
"  variables are listed.  With a variable name alone, its value is shown.\n"
"  (There is no task context yet: a pid or task address is refused.)\n"
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
"  Booleans also take 1 and 0.\n"
"\n"
"EXAMPLES\n"
"    mmscope> set radix 16\n"
"    output radix: 16 (hex)\n"
"\n"
"    mmscope> set scroll off\n"
"    scroll: off (less -E -X)\n",
};
