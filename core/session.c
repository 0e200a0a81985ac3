/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * session.c - a session's settings and crash's ways of printing a message
 * (see session.h).  The defaults are crash's: decimal output, scrolling on
 * (main() turns it off when stdout is no terminal).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "core/escape.h"
#include "core/output.h"
#include "core/record.h"
#include "core/session.h"

#define MSG_MAX 4096

void ms_session_init(struct ms_session *s, const struct ms_command *const *commands)
{
	memset(s, 0, sizeof(*s));
	s->commands = commands;
	s->radix = 10;
	s->scroll = true;
	s->output_mode = MS_OUTPUT_TEXT;
	s->err_mode = MS_ERRDEST_DEFAULT;
	ms_aliases_init(&s->aliases);
}

void ms_session_deinit(struct ms_session *s)
{
	for (unsigned i = 0; i < s->nr_history; i++)
		free(s->history[i]);
	free(s->history);
	ms_aliases_deinit(&s->aliases);
	if (s->err_fp)
		fclose(s->err_fp);
	free(s->err_path);
	for (int i = 0; i < s->value_history; i++)
		free(s->values ? s->values[i].bytes : NULL);
	free(s->values);
	s->values = NULL;
	s->value_history = 0;
	for (unsigned i = 0; i < MS_NR_CRASH_VARS; i++) {
		free(s->crash_vars[i]);
		s->crash_vars[i] = NULL;
	}
	s->history = NULL;
	s->nr_history = s->cap_history = 0;
	s->err_fp = NULL;
	s->err_path = NULL;
}

struct ms_error *ms_error_set_dest(struct ms_session *s, const char *spec)
{
	FILE *fp = NULL;
	char *path = NULL;

	if (strcmp(spec, "default") && strcmp(spec, "redirect")) {
		fp = fopen(spec, "a");
		path = strdup(spec);
		if (!fp || !path) {
			int e = errno;

			if (fp)
				fclose(fp);
			free(path);
			return ms_error_os(e, spec, "unable to open %s: %s", spec, strerror(e));
		}
	}
	if (s->err_fp)
		fclose(s->err_fp);
	free(s->err_path);
	s->err_fp = fp;
	s->err_path = path;
	s->err_mode = fp ? MS_ERRDEST_FILE :
		!strcmp(spec, "redirect") ? MS_ERRDEST_REDIRECT : MS_ERRDEST_DEFAULT;
	return NULL;
}

const char *ms_error_dest(const struct ms_session *s)
{
	return s->err_mode == MS_ERRDEST_FILE ? s->err_path :
	       s->err_mode == MS_ERRDEST_REDIRECT ? "redirect" : "default";
}

void ms_error_emit(struct ms_session *s, const char *text)
{
	enum ms_output_dest dest = ms_output_dest();

	if (s->err_mode == MS_ERRDEST_FILE) {
		fputs(text, s->err_fp);
		fflush(s->err_fp);
		return;
	}
	if (s->err_mode == MS_ERRDEST_REDIRECT && ms_fp != stdout) {
		fputs(text, ms_fp);
		return;
	}
	if (dest == MS_DEST_PAGER) {
		fputs(text, ms_fp);
		return;
	}
	if (ms_fp != stdout)
		fflush(ms_fp);
	fputs(text, stdout);
	fflush(stdout);
	if (ms_fp != stdout) {
		fputs(text, ms_fp);
		fflush(ms_fp);
	}
}

/*
 * A message may quote what was typed or read (a command word from a binary
 * -i file, a name from the dump): its control and 8-bit bytes are written as
 * p escapes them, its lines and tabs kept.  In place, cut short if need be.
 */
static void msg_escape(char *msg, size_t size)
{
	char out[MSG_MAX];
	size_t n = 0;

	for (const unsigned char *p = (const unsigned char *)msg; *p; p++) {
		char e[8];
		size_t k;

		if (*p == '\n' || *p == '\t' || (*p >= 0x20 && *p < 0x7f)) {
			e[0] = (char)*p;
			e[1] = '\0';
		} else {
			ms_escape_char(*p, e);
		}
		k = strlen(e);
		if (n + k >= sizeof(out) || n + k >= size)
			break;
		memcpy(out + n, e, k);
		n += k;
	}
	out[n] = '\0';
	memcpy(msg, out, n + 1);
}

static int cmd_verror(struct ms_session *s, const char *fmt, va_list ap)
{
	char msg[MSG_MAX], line[MSG_MAX + 64];
	const char *who = s->cmd_name ? s->cmd_name : "mmscope";

	vsnprintf(msg, sizeof(msg), fmt, ap);
	msg_escape(msg, sizeof(msg));
	if (s->output_mode == MS_OUTPUT_JSON) {
		ms_emit_message(s, "error", NULL, msg + (msg[0] == '\n'));
		s->cmd_failed = true;
		return -1;
	}
	/* crash: text that begins with a newline is preceded by a blank line. */
	if (msg[0] == '\n')
		snprintf(line, sizeof(line), "\n%s: %s\n", who, msg + 1);
	else
		snprintf(line, sizeof(line), "%s: %s\n", who, msg);
	ms_error_emit(s, line);
	s->cmd_failed = true;
	return -1;
}

int ms_cmd_error(struct ms_session *s, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	cmd_verror(s, fmt, ap);
	va_end(ap);
	return -1;
}

int ms_cmd_fail(struct ms_session *s, struct ms_error *err)
{
	if (!err)
		return -1;
	if (err->kind == MS_ERR_INTERRUPTED) {
		ms_error_destroy(err);
		return -1;
	}
	if (s->output_mode == MS_OUTPUT_JSON) {
		ms_emit_message(s, "error", err, NULL);
		s->cmd_failed = true;
	} else {
		ms_cmd_error(s, "%s", err->message);
	}
	ms_error_destroy(err);
	return -1;
}

static void labelled(struct ms_session *s, const char *label, const char *fmt, va_list ap)
{
	char msg[MSG_MAX];

	vsnprintf(msg, sizeof(msg), fmt, ap);
	msg_escape(msg, sizeof(msg));
	if (s->output_mode == MS_OUTPUT_JSON) {
		ms_emit_message(s, !strcmp(label, "NOTE") ? "note" : "warning", NULL, msg);
		return;
	}
	/* Inside the pager crash names the command, since the context scrolls away. */
	if (ms_output_dest() == MS_DEST_PAGER && s->cmd_name)
		fprintf(ms_fp, "%s: %s: %s\n", s->cmd_name, label, msg);
	else
		fprintf(ms_fp, "%s: %s\n", label, msg);
}

void ms_warn(struct ms_session *s, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	labelled(s, "WARNING", fmt, ap);
	va_end(ap);
}

void ms_note(struct ms_session *s, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	labelled(s, "NOTE", fmt, ap);
	va_end(ap);
}
