/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * log.c - "log": the kernel's message log, oldest record first, in crash's
 * format (crash-spec §2.14): "[%5llu.%06lu] " and the text, the lines after
 * a record's first indented to the width of its prefix, a character that
 * is neither printable nor white space shown as '.', and a record with no
 * text as an empty line.  The records come from core/printk.h.
 */
#include <ctype.h>
#include <stdlib.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "core/command.h"
#include "core/error.h"
#include "core/field.h"
#include "core/output.h"
#include "core/printk.h"
#include "core/record.h"
#include "core/session.h"

extern const struct ms_command cmd_log;

#define CALLER_CPU	0x80000000u	/* caller_id of a record printed in CPU context */

struct log_opts {
	bool no_time;		/* -t */
	bool level;		/* -m */
	bool dict;		/* -d */
	bool caller;		/* -c */
	int caller_width;	/* crash: 6 when pid_max <= 99999, 7 to 999999, else 8 */
	struct ms_session *sess;
	struct ms_record *row;	/* the record being emitted, reused */
};

static void put_log_text(const char *text, int indent)
{
	for (; *text; text++) {
		unsigned char ch = (unsigned char)*text;

		/* crash prints '.' for what is not printable; \r, \v and \f too */
		if (ch == '\n')
			fprintf(ms_fp, "\n%*s", indent, "");
		else
			fputc(isprint(ch) || ch == '\t' ? ch : '.', ms_fp);
	}
}

/* crash's text of one record, from its row; no "text" is a record without text */
static void log_row_text(struct ms_session *sess, const struct ms_record *row, void *arg)
{
	const struct log_opts *o = arg;
	int indent = 0;

	(void)sess;
	if (ms_record_has(row, "text")) {
		uint64_t ts = ms_record_get_u64(row, "ts_nsec", 0);

		if (!o->no_time)
			indent += fprintf(ms_fp, "[%5" PRIu64 ".%06" PRIu64 "] ", ts / 1000000000,
					  ts % 1000000000 / 1000);
		if (o->caller)
			indent += fprintf(ms_fp, "[%*s] ", o->caller_width,
					  ms_record_get_str(row, "caller", ""));
		if (o->level && ms_record_has(row, "level"))
			indent += fprintf(ms_fp, "<%x>", (unsigned)ms_record_get_s64(row, "level", 0));
		put_log_text(ms_record_get_str(row, "text", ""), indent);
		if (o->dict && ms_record_has(row, "subsystem"))
			fprintf(ms_fp, "\n%*sSUBSYSTEM=%s", indent, "",
				ms_record_get_str(row, "subsystem", ""));
		if (o->dict && ms_record_has(row, "device"))
			fprintf(ms_fp, "\n%*sDEVICE=%s", indent, "", ms_record_get_str(row, "device", ""));
	}
	fprintf(ms_fp, "\n");
}

static struct ms_error *emit_log_row(const struct ms_printk_record *rec, void *arg)
{
	struct log_opts *o = arg;
	struct ms_record *row = o->row;
	char buf[64];

	if (ms_interrupted())
		return &ms_interrupted_error;
	ms_record_reset(row);
	ms_record_add_u64(row, "seq", rec->seq);
	ms_record_add_u64(row, "ts_nsec", rec->ts_nsec);
	ms_record_add_opt_s64(row, "level", rec->level >= 0, rec->level);
	snprintf(buf, sizeof(buf), "%c%u", rec->caller_id & CALLER_CPU ? 'C' : 'T',
		 rec->caller_id & ~CALLER_CPU);
	ms_record_add_str(row, "caller", buf);
	if (rec->text) {
		/* the ring's text is counted, not terminated */
		char *text = strndup(rec->text, rec->text_len);

		if (!text)
			return &ms_enomem;
		ms_record_add_str(row, "text", text);
		free(text);
	} else {
		ms_record_add_null(row, "text");
	}
	if (rec->subsystem[0])
		ms_record_add_str(row, "subsystem", rec->subsystem);
	if (rec->device[0])
		ms_record_add_str(row, "device", rec->device);
	ms_emit_row(o->sess, row, log_row_text, o);
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

static const struct ms_option log_options[] = {
	{ .letter = 't', .arg = MS_OPT_NOARG, .help = "leave out the time stamps" },
	{ .letter = 'm', .arg = MS_OPT_NOARG, .help = "show each record's level" },
	{ .letter = 'd', .arg = MS_OPT_NOARG, .help = "show each record's device dictionary" },
	{ .letter = 'c', .arg = MS_OPT_NOARG, .help = "show each record's caller" },
	/* crash's, answered "not supported yet" */
	{ .letter = 'T', .arg = MS_OPT_NOARG }, { .letter = 'a', .arg = MS_OPT_NOARG },
	{ .letter = 's', .arg = MS_OPT_NOARG },
	{ 0 },
};

static int cmd_log_handler(struct ms_session *sess, int argc, char **argv)
{
	struct log_opts o = { .sess = sess };
	struct ms_error *err;
	int c;

	while ((c = ms_getopt(sess, argc, argv)) != -1) {
		switch (c) {
		case 't': o.no_time = true; break;
		case 'm': o.level = true; break;
		case 'd': o.dict = true; break;
		case 'c': o.caller = true; break;
		case 'T': case 'a': case 's':
			return ms_cmd_error(sess, "-%c option not supported yet", c);
		default:
			return ms_cmd_usage(sess, NULL);
		}
	}
	if (optind < argc) {
		ms_cmd_error(sess, "unexpected argument: \"%s\"", argv[optind]);
		return ms_cmd_usage(sess, NULL);
	}
	if (o.caller)
		o.caller_width = caller_width(sess->prog);
	o.row = ms_record_create();
	err = ms_printk_walk(sess->prog, emit_log_row, &o);
	ms_record_destroy(o.row);
	return err ? ms_cmd_fail(sess, err) : 0;
}

const struct ms_command cmd_log = {
	.name = "log",
	.handler = cmd_log_handler,
	.flags = MS_CMD_DUMP | MS_CMD_JSON | MS_CMD_PAGER,
	.options = log_options,
	.summary = "dump system message buffer",
	.synopsis = "log [-tmdc]",
	.help =
"  Prints the kernel's message log, oldest record first, as crash does: each\n"
"  record's time stamp in seconds since boot, then its text; the lines after\n"
"  the first of a record are indented to the width of its prefix; a byte\n"
"  that is neither printable nor white space shows as '.'.  The OOM killer's\n"
"  report and the panic message are records like any other.  It reads the\n"
"  lockless printk ring buffer of Linux 5.10 and later (prb), else the\n"
"  struct printk_log ring of log_buf (3.5 to 5.9, and refmm).\n"
"\n"
"    -t  leave out the time stamps.\n"
"    -m  show each record's level, in hex, as <N> after the time stamp.\n"
"    -d  show each record's device dictionary (SUBSYSTEM=, DEVICE=) on lines\n"
"        of their own.\n"
"    -c  show each record's caller, [T<pid>] or [C<cpu>], after the time stamp.\n"
"\n"
"  With --json (or \"set output json\") it prints a stream (JSON Lines): a\n"
"  header line, then one object per record with seq, ts_nsec, level, caller,\n"
"  text (null for a record without text), and subsystem and device when set.\n"
"\n"
"EXAMPLES\n"
"    mmscope> log\n"
"    [    0.000000] Linux version 4.0.0-refmm (refmm@mmscope) (gcc) #1 SMP refmm\n"
"    [    0.000000] NUMA: Node 0 [mem 0x00000000-0x0fffffff]\n"
"    [    0.000000] NODE_DATA(0) allocated [mem 0x0105e000-0x0105fdbf]\n"
"    [    0.000000] Zone ranges:\n",
};
