/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * log.c - "log": the kernel's message log, oldest record first, in crash's
 * format (crash-spec §2.14): "[%5llu.%06lu] " and the text, the lines after
 * a record's first indented to the width of its prefix, a character that
 * is neither printable nor white space shown as '.', and a record with no
 * text as an empty line.  The records come from core/printk.h.
 */
#include <ctype.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <json-c/json.h>

#include "cmd/kmem_json.h"
#include "core/command.h"
#include "core/error.h"
#include "core/field.h"
#include "core/output.h"
#include "core/printk.h"
#include "core/session.h"

extern const struct ms_command cmd_log;

#define CALLER_CPU	0x80000000u	/* caller_id of a record printed in CPU context */

struct log_opts {
	bool no_time;		/* -t */
	bool level;		/* -m */
	bool dict;		/* -d */
	bool caller;		/* -c */
	int caller_width;	/* crash: 6 when pid_max <= 99999, 7 to 999999, else 8 */
	struct json_object *json;	/* --json: the array of records */
};

static void put_text(const char *text, size_t len, int indent)
{
	size_t i;

	for (i = 0; i < len; i++) {
		unsigned char ch = (unsigned char)text[i];

		if (ch == '\n')
			fprintf(ms_fp, "\n%*s", indent, "");
		else
			fputc(isprint(ch) || isspace(ch) ? ch : '.', ms_fp);
	}
}

static struct ms_error *print_record(const struct ms_printk_record *rec, void *arg)
{
	struct log_opts *o = arg;
	char buf[64];
	int indent = 0;

	if (ms_interrupted())
		return &ms_interrupted_error;
	if (o->json) {
		struct json_object *r = json_object_new_object();

		json_object_object_add(r, "seq", json_object_new_int64((int64_t)rec->seq));
		json_object_object_add(r, "ts_nsec", json_object_new_int64((int64_t)rec->ts_nsec));
		json_object_object_add(r, "level", rec->level >= 0 ? json_object_new_int(rec->level) : NULL);
		snprintf(buf, sizeof(buf), "%c%u", rec->caller_id & CALLER_CPU ? 'C' : 'T',
			 rec->caller_id & ~CALLER_CPU);
		json_object_object_add(r, "caller", json_object_new_string(buf));
		json_object_object_add(r, "text", json_object_new_string_len(rec->text ? rec->text : "",
									      (int)rec->text_len));
		if (rec->subsystem[0])
			json_object_object_add(r, "subsystem", json_object_new_string(rec->subsystem));
		if (rec->device[0])
			json_object_object_add(r, "device", json_object_new_string(rec->device));
		json_object_array_add(o->json, r);
		return NULL;
	}
	/* crash prints nothing but the newline for a record without text */
	if (rec->text) {
		if (!o->no_time)
			indent += fprintf(ms_fp, "[%5" PRIu64 ".%06" PRIu64 "] ", rec->ts_nsec / 1000000000,
					  rec->ts_nsec % 1000000000 / 1000);
		if (o->caller) {
			snprintf(buf, sizeof(buf), "%c%u", rec->caller_id & CALLER_CPU ? 'C' : 'T',
				 rec->caller_id & ~CALLER_CPU);
			indent += fprintf(ms_fp, "[%*s] ", o->caller_width, buf);
		}
		if (o->level && rec->level >= 0)
			indent += fprintf(ms_fp, "<%x>", (unsigned)rec->level);
		put_text(rec->text, rec->text_len, indent);
		if (o->dict && rec->subsystem[0])
			fprintf(ms_fp, "\n%*sSUBSYSTEM=%s", indent, "", rec->subsystem);
		if (o->dict && rec->device[0])
			fprintf(ms_fp, "\n%*sDEVICE=%s", indent, "", rec->device);
	}
	fprintf(ms_fp, "\n");
	return NULL;
}

static int caller_width(struct ms_program *prog)
{
	int64_t pid_max;
	struct ms_error *err = ms_global_read_s64(prog, "pid_max", &pid_max);

	if (err) {
		ms_error_destroy(err);
		return 8;
	}
	return pid_max <= 99999 ? 6 : pid_max <= 999999 ? 7 : 8;
}

static int cmd_log_handler(struct ms_session *sess, int argc, char **argv)
{
	struct log_opts o = { 0 };
	struct ms_error *err;
	int c;

	optind = 0;
	opterr = 1;
	while ((c = getopt(argc, argv, "tmdcTas")) != -1) {
		switch (c) {
		case 't': o.no_time = true; break;
		case 'm': o.level = true; break;
		case 'd': o.dict = true; break;
		case 'c': o.caller = true; break;
		case 'T': case 'a': case 's':
			return ms_cmd_error(sess, "-%c option not supported yet", c);
		default:
			return ms_cmd_usage(sess, &cmd_log);
		}
	}
	if (optind < argc)
		return ms_cmd_usage(sess, &cmd_log);
	if (!sess->prog)
		return ms_cmd_error(sess, "no dump is open");
	if (o.caller)
		o.caller_width = caller_width(sess->prog);
	if (sess->output_mode == MS_OUTPUT_JSON)
		o.json = json_object_new_array();
	err = ms_printk_walk(sess->prog, print_record, &o);
	if (o.json) {
		if (!err)
			kmem_json_print(o.json);
		json_object_put(o.json);
	}
	return err ? ms_cmd_fail(sess, err) : 0;
}

const struct ms_command cmd_log = {
	.name = "log",
	.handler = cmd_log_handler,
	.summary = "dump system message buffer",
	.synopsis = "log [-tmdc]",
	.help =
"  Prints the kernel's message log, oldest record first, as crash does: each\n"
"  record's time stamp in seconds since boot, then its text; the lines after\n"
"  the first of a record are indented to the width of its prefix.  It reads\n"
"  the lockless printk ring buffer of Linux 5.10 and later (prb); a kernel\n"
"  without one (refmm's printk keeps no log) gets an error saying so.\n"
"\n"
"    -t  leave out the time stamps.\n"
"    -m  show each record's level, in hex, as <N> after the time stamp.\n"
"    -d  show each record's device dictionary (SUBSYSTEM=, DEVICE=) on lines\n"
"        of their own.\n"
"    -c  show each record's caller, [T<pid>] or [C<cpu>], after the time stamp.\n"
"\n"
"  With --json (or \"set output json\") it prints an array of records with\n"
"  seq, ts_nsec, level, caller, text, and subsystem and device when set.\n"
"\n"
"EXAMPLES\n"
"    mmscope> log\n"
"    [    0.000000] Linux version 6.1.0-57-amd64 (debian-kernel@lists.debian.org) ...\n"
"    [    0.000000] Command line: console=ttyS0 panic=0 nokaslr\n",
};
