/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * error.c - the last error message and crash's ways of printing one.
 *
 * Errors go to stdout, as crash's do ("set error default"); when the command's
 * output goes to a "| pipeline" or a "> file" the message is written there
 * too, so that a transcript captured through a redirection shows why it is
 * short.  Output going to the pager gets the message only once, inside it.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "core/output.h"
#include "core/session.h"

static char errbuf[4096];

/* "set error": default, redirect, or a file that errors are appended to */
static enum { ERR_DEFAULT, ERR_REDIRECT, ERR_FILE } err_mode;
static char *err_path;
static FILE *err_fp;

int ms_error_vset(const char *fmt, va_list ap)
{
	char tmp[sizeof(errbuf)];

	/* The message may quote the previous one (ms_error_msg() as an argument). */
	vsnprintf(tmp, sizeof(tmp), fmt, ap);
	memcpy(errbuf, tmp, sizeof(errbuf));
	return -1;
}

int ms_error_set(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	ms_error_vset(fmt, ap);
	va_end(ap);
	return -1;
}

const char *ms_error_msg(void)
{
	return errbuf;
}

void ms_error_clear(void)
{
	errbuf[0] = '\0';
}

/* Write @p text (a whole line) to stdout and, when redirected, to ms_fp too. */
int ms_error_set_dest(const char *spec)
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
			return ms_error_set("unable to open %s: %s", spec, strerror(e));
		}
	}
	if (err_fp)
		fclose(err_fp);
	free(err_path);
	err_fp = fp;
	err_path = path;
	err_mode = fp ? ERR_FILE : !strcmp(spec, "redirect") ? ERR_REDIRECT : ERR_DEFAULT;
	return 0;
}

const char *ms_error_dest(void)
{
	return err_mode == ERR_FILE ? err_path : err_mode == ERR_REDIRECT ? "redirect" : "default";
}

void ms_error_emit(const char *text)
{
	enum ms_output_dest dest = ms_output_dest();

	if (err_mode == ERR_FILE) {
		fputs(text, err_fp);
		fflush(err_fp);
		return;
	}
	if (err_mode == ERR_REDIRECT && ms_fp != stdout) {
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

static int cmd_verror(const char *fmt, va_list ap)
{
	char msg[sizeof(errbuf)], line[sizeof(errbuf) + 64];
	const char *who = ms_sess.cmd_name ? ms_sess.cmd_name : "mmscope";

	vsnprintf(msg, sizeof(msg), fmt, ap);
	/* crash: text that begins with a newline is preceded by a blank line. */
	if (msg[0] == '\n')
		snprintf(line, sizeof(line), "\n%s: %s\n", who, msg + 1);
	else
		snprintf(line, sizeof(line), "%s: %s\n", who, msg);
	ms_error_emit(line);
	ms_sess.cmd_failed = true;
	return -1;
}

int ms_cmd_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	cmd_verror(fmt, ap);
	va_end(ap);
	return -1;
}

int ms_cmd_fail(void)
{
	return ms_cmd_error("%s", errbuf[0] ? errbuf : "unknown error");
}

static void labelled(const char *label, const char *fmt, va_list ap)
{
	char msg[sizeof(errbuf)];

	vsnprintf(msg, sizeof(msg), fmt, ap);
	/* Inside the pager crash names the command, since the context scrolls away. */
	if (ms_output_dest() == MS_DEST_PAGER && ms_sess.cmd_name)
		fprintf(ms_fp, "%s: %s: %s\n", ms_sess.cmd_name, label, msg);
	else
		fprintf(ms_fp, "%s: %s\n", label, msg);
}

void ms_warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	labelled("WARNING", fmt, ap);
	va_end(ap);
}

void ms_note(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	labelled("NOTE", fmt, ap);
	va_end(ap);
}
