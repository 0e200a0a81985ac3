/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * log.c - crash's "log": the kernel's log buffer (core/printk.h), oldest
 * record first, each line "[seconds.micro] text".
 */
#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/command.h"
#include "core/error.h"
#include "core/output.h"
#include "core/printk.h"
#include "core/record.h"
#include "core/session.h"

static const struct ms_option log_options[] = {
	{ .letter = 't', .arg = MS_OPT_NOARG, .help = "no timestamps" },
	{ .letter = 'm', .arg = MS_OPT_NOARG, .help = "each record's level, \"<N>\", after the timestamp" },
	{ 0 },
};

struct log_opts {
	bool no_ts, level;
};

/* one record: "[%5lld.%06ld] " then the text; continuation lines indented as wide */
static void log_row_text(struct ms_session *sess, const struct ms_record *r, void *arg)
{
	const struct log_opts *o = arg;
	const char *text = ms_record_get_str(r, "text", "");
	uint64_t ns = ms_record_get_u64(r, "ts_nsec", 0);
	char prefix[64];
	int w = 0;

	(void)sess;
	if (!o->no_ts)
		w = snprintf(prefix, sizeof(prefix), "[%5" PRIu64 ".%06" PRIu64 "] ", ns / 1000000000,
			     ns % 1000000000 / 1000);
	if (o->level)
		w += snprintf(prefix + w, sizeof(prefix) - (size_t)w, "<%" PRIx64 ">",
			      ms_record_get_u64(r, "level", 0));
	fwrite(prefix, 1, (size_t)w, ms_fp);
	for (const char *p = text; *p; p++) {
		if (*p == '\n') {
			fprintf(ms_fp, "\n%*s", p[1] ? w : 0, "");
			continue;
		}
		fputc(isprint((unsigned char)*p) ? *p : '.', ms_fp);
	}
	fputc('\n', ms_fp);
}

static int cmd_log_handler(struct ms_session *sess, int argc, char **argv)
{
	struct log_opts o = { false, false };
	struct ms_record *row;
	struct ms_log *log;
	struct ms_error *err;
	int c;

	while ((c = ms_getopt(sess, argc, argv)) != -1) {
		switch (c) {
		case 't':
			o.no_ts = true;
			break;
		case 'm':
			o.level = true;
			break;
		default:
			return ms_cmd_usage(sess, NULL);
		}
	}
	if (optind < argc)
		return ms_cmd_usage(sess, NULL);
	if ((err = ms_log_read(sess->prog, &log)))
		return ms_cmd_fail(sess, err);
	row = ms_record_create();
	for (size_t i = 0; i < log->nr && !ms_interrupted(); i++) {
		const struct ms_log_record *lr = &log->records[i];
		char *text = strndup(lr->text, lr->len);

		if (!text) {
			ms_record_destroy(row);
			ms_log_free(log);
			return ms_cmd_fail(sess, &ms_enomem);
		}
		/* a record's text never holds a NUL the line would stop at */
		ms_record_reset(row);
		ms_record_add_u64(row, "seq", lr->seq);
		ms_record_add_u64(row, "ts_nsec", lr->ts_nsec);
		ms_record_add_s64(row, "level", lr->level);
		ms_record_add_s64(row, "facility", lr->facility);
		ms_record_add_str(row, "text", text);
		free(text);
		ms_emit_row(sess, row, log_row_text, &o);
	}
	ms_record_destroy(row);
	ms_log_free(log);
	return 0;
}

const struct ms_command cmd_log = {
	.name = "log",
	.handler = cmd_log_handler,
	.flags = MS_CMD_DUMP | MS_CMD_JSON | MS_CMD_PAGER,
	.summary = "dump system message buffer",
	.options = log_options,
	.help =
"  Prints the kernel's log buffer (log_buf), oldest record first, each\n"
"  line prefixed with its timestamp, seconds and microseconds since boot.\n"
"  The lines of a record of several lines are indented under the first.\n"
"  Non-printable characters are shown as '.'.  The OOM killer's report\n"
"  and the panic message are records of the log like any other.  JSON: a\n"
"  stream of records {seq, ts_nsec, level, facility, text}.\n"
"\n"
"EXAMPLES\n"
"    mmscope> log | tail -1\n",
};
