/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * output.c - where command output goes, crash's column helpers, and the
 * signals that stop a command.
 *
 * The REPL calls ms_output_begin() before a command line and
 * ms_output_end() after it; in between ms_fp is stdout, a pager, a popen()ed
 * shell pipeline or a file.  SIGPIPE does not kill the session: its handler
 * only notes that the reader went away, and ms_interrupted() then tells a
 * long command to stop, as it does after SIGINT.
 */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/error.h"
#include "core/file.h"
#include "core/output.h"

FILE *ms_fp;

static enum ms_output_dest output_dest = MS_DEST_STDOUT;
static volatile sig_atomic_t interrupted;
static volatile sig_atomic_t pipe_broken;
/* the file of a "> FILE" line, and the first write error of the line */
static char *output_path;
static int write_errno;

/* Point ms_fp at stdout before main() runs, so that nothing writes to NULL. */
__attribute__((constructor)) static void output_init(void)
{
	ms_fp = stdout;
}

char *ms_mkstring(char *buf, size_t bufsz, int width, enum ms_just just, const char *s)
{
	size_t len = strlen(s);
	int left = 0, right = 0;

	if (width > 0 && len < (size_t)width) {
		int slack = width - (int)len;

		switch (just) {
		case MS_LJUST:
			right = slack;
			break;
		case MS_RJUST:
			left = slack;
			break;
		case MS_CENTER:		/* odd slack: the extra space goes right */
			left = slack / 2;
			right = slack - left;
			break;
		case MS_CENTER_RIGHT:	/* odd slack: the extra space goes left */
			right = slack / 2;
			left = slack - right;
			break;
		}
	}
	snprintf(buf, bufsz, "%*s%s%*s", left, "", s, right, "");
	return buf;
}

/* "%.1f <unit>" without a trailing ".0". */
static char *format_unit(char *buf, size_t bufsz, double v, const char *unit)
{
	char num[64];
	size_t n;

	snprintf(num, sizeof(num), "%.1f", v);
	n = strlen(num);
	if (n > 2 && !strcmp(num + n - 2, ".0"))
		num[n - 2] = '\0';
	snprintf(buf, bufsz, "%s %s", num, unit);
	return buf;
}

char *ms_format_memsize(char *buf, size_t bufsz, uint64_t bytes)
{
	const uint64_t kb = 1024, mb = kb * 1024, gb = mb * 1024;

	if (bytes == 0)
		snprintf(buf, bufsz, "0");
	else if (bytes >= gb)
		format_unit(buf, bufsz, (double)bytes / gb, "GB");
	else if (bytes >= mb)
		format_unit(buf, bufsz, (double)bytes / mb, "MB");
	else
		snprintf(buf, bufsz, "%llu KB", (unsigned long long)(bytes / kb));
	return buf;
}

char *ms_put_hex(char *p, uint64_t v)
{
	int n = v ? (64 - __builtin_clzll(v) + 3) / 4 : 1;

	for (int i = n - 1; i >= 0; i--, v >>= 4)
		p[i] = "0123456789abcdef"[v & 15];
	return p + n;
}

char *ms_put_hex_w(char *p, uint64_t v, int width, bool left)
{
	int n = v ? (64 - __builtin_clzll(v) + 3) / 4 : 1;

	if (!left)
		for (; n < width; n++)
			*p++ = ' ';
	p = ms_put_hex(p, v);
	if (left)
		for (; n < width; n++)
			*p++ = ' ';
	return p;
}

char *ms_put_udec_w(char *p, uint64_t v, int width)
{
	char tmp[20];
	int n = 0;

	do {
		tmp[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	for (; width > n; width--)
		*p++ = ' ';
	while (n)
		*p++ = tmp[--n];
	return p;
}

bool ms_interrupted(void)
{
	if (interrupted)
		return true;
	/*
	 * A pipeline or pager that has gone away will read nothing more; nor
	 * will the reader of our own stdout ("mmscope -s DUMP | head -1").
	 */
	if (pipe_broken && output_dest != MS_DEST_FILE)
		return true;
	return false;
}

bool ms_stdout_broken(void)
{
	return pipe_broken && output_dest == MS_DEST_STDOUT;
}

void ms_set_interrupted(bool on)
{
	interrupted = on;
	if (!on)
		pipe_broken = 0;
}

static void on_sigint(int sig)
{
	(void)sig;
	interrupted = 1;
}

static void on_sigpipe(int sig)
{
	(void)sig;
	pipe_broken = 1;
}

void ms_signals_init(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sigemptyset(&sa.sa_mask);
	/* No SA_RESTART: a blocking read or write returns EINTR and the command stops. */
	sa.sa_handler = on_sigint;
	sigaction(SIGINT, &sa, NULL);
	/*
	 * A handler rather than SIG_IGN: an ignored SIGPIPE would be inherited
	 * by the shell pipelines we start, and "| head" would stop working.
	 */
	sa.sa_handler = on_sigpipe;
	sa.sa_flags = SA_RESTART;
	sigaction(SIGPIPE, &sa, NULL);
}

enum ms_output_dest ms_output_dest(void)
{
	return output_dest;
}

/* Is @p prog an executable in $PATH? */
static bool in_path(const char *prog)
{
	const char *path = getenv("PATH");
	char buf[4096];

	if (!path)
		path = "/usr/bin:/bin";
	while (*path) {
		size_t n = strcspn(path, ":");

		snprintf(buf, sizeof(buf), "%.*s/%s", (int)n, path, prog);
		if (access(buf, X_OK) == 0)
			return true;
		path += n + (path[n] == ':');
	}
	return false;
}

const char *ms_pager_command(void)
{
	const char *p = getenv("PAGER");
	static int have_less = -1;

	if (p && *p)
		return p;
	if (have_less < 0)
		have_less = in_path("less");
	return have_less ? "less -E -X" : "more";
}

struct ms_error *ms_output_begin(enum ms_output_dest dest, const char *arg, bool append)
{
	FILE *fp = NULL;

	fflush(stdout);
	pipe_broken = 0;
	errno = 0;	/* what a failed write leaves is then its own */
	switch (dest) {
	case MS_DEST_STDOUT:
		ms_fp = stdout;
		output_dest = dest;
		return NULL;
	case MS_DEST_PAGER:
		arg = ms_pager_command();
		/* fall through */
	case MS_DEST_PIPE:
		fp = popen(arg, "w");
		if (!fp)
			return ms_error_os(errno, NULL, "cannot open pipe");
		break;
	case MS_DEST_FILE:
		if (ms_file_is_input(arg))
			return ms_error_create(MS_ERR_USAGE, "%s: the session reads this file (a dump, "
					       "debuginfo or index cache): not writing over it", arg);
		fp = fopen(arg, append ? "a" : "w");
		if (!fp) {
			int e = errno;

			return ms_error_os(e, arg, "unable to open %s: %s", arg, strerror(e));
		}
		free(output_path);
		output_path = strdup(arg);
		break;
	}
	ms_fp = fp;
	output_dest = dest;
	return NULL;
}

void ms_output_end(void)
{
	FILE *fp = ms_fp;
	enum ms_output_dest dest = output_dest;

	ms_fp = stdout;
	output_dest = MS_DEST_STDOUT;
	if (fp == stdout || !fp) {
		/* errno: the failed write's, most likely (stdio keeps only a flag) */
		if ((fflush(stdout) == EOF || ferror(stdout)) && errno != EPIPE && !write_errno)
			write_errno = errno ? errno : EIO;
		clearerr(stdout);
		return;
	}
	if (dest == MS_DEST_FILE) {
		/* a full disk shows at the last flush: output lost is an error */
		if ((ferror(fp) | (fclose(fp) == EOF)) && !write_errno)
			write_errno = errno ? errno : EIO;
	} else
		pclose(fp);	/* waits for the pipeline or the pager */
	clearerr(stdout);
	pipe_broken = 0;
}

struct ms_error *ms_output_write_error(void)
{
	int e = write_errno;
	struct ms_error *err;
	const char *path = output_path ? output_path : "standard output";

	if (!e)
		return NULL;
	write_errno = 0;
	err = ms_error_os(e, output_path, "write error: %s: %s", path, strerror(e));
	free(output_path);
	output_path = NULL;
	return err;
}
