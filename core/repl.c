/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * repl.c - the read-run loop.
 *
 * One line goes through: alias expansion of its first word, the split into
 * command / "| pipeline" / "> file" (cmdline.c), tokenising, then the command
 * with ms_fp pointing where its output goes.  The pager is used only for a
 * line typed at a terminal whose output is a terminal too, with scrolling on
 * and no explicit pipe or redirection, as crash does.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <readline/history.h>
#include <readline/readline.h>

#include "core/cmdline.h"
#include "core/command.h"
#include "core/error.h"
#include "core/output.h"
#include "core/repl.h"
#include "core/session.h"
#include "core/symbols.h"
#include "core/types.h"

#define HISTORY_FILE ".mmscope_history"
#define HISTORY_MAX 1000

bool ms_repl_is_command(const char *line)
{
	while (*line == ' ' || *line == '\t')
		line++;
	return *line && *line != '\n' && *line != '#' && strncmp(line, "//", 2) != 0;
}

/* A session-level error: "mmscope: MSG", counted as a failed command. */
static int line_error(const char *msg)
{
	ms_sess.cmd_name = NULL;
	ms_cmd_error("%s", msg);
	ms_sess.nr_failed++;
	return -1;
}

static int run_shell(const char *cmd)
{
	int rc;

	fflush(stdout);
	rc = system(*cmd ? cmd : "/bin/sh");
	if (rc == -1)
		return line_error("cannot run /bin/sh");
	return 0;
}

int ms_repl_line(const char *line, bool interactive)
{
	struct ms_cmdline cl;
	enum ms_output_dest dest = MS_DEST_STDOUT;
	const char *arg = NULL;
	char *expanded, **argv = NULL;
	int argc = 0, rc = 0;

	if (!ms_repl_is_command(line))
		return 0;
	expanded = ms_alias_expand(line);
	if (ms_cmdline_parse(expanded, &cl) < 0) {
		free(expanded);
		return line_error(ms_error_msg());
	}
	free(expanded);
	if (cl.shell) {
		rc = run_shell(cl.cmd);
		goto out;
	}
	if (ms_tokenize(cl.cmd, &argc, &argv) < 0) {
		rc = line_error(ms_error_msg());
		goto out;
	}
	if (argc == 0)
		goto out;
	if (cl.pipe) {
		dest = MS_DEST_PIPE;
		arg = cl.pipe;
	} else if (cl.file) {
		dest = MS_DEST_FILE;
		arg = cl.file;
	} else if (interactive && ms_sess.scroll && isatty(STDIN_FILENO) &&
		   isatty(STDOUT_FILENO) && strcmp(argv[0], "q") != 0) {
		dest = MS_DEST_PAGER;
	}
	if (ms_output_begin(dest, arg, cl.append) < 0) {
		rc = line_error(ms_error_msg());
		goto out;
	}
	ms_set_interrupted(false);
	rc = ms_command_run(argc, argv);
	ms_output_end();
	if (ms_interrupted()) {
		ms_set_interrupted(false);
		fputc('\n', stdout);
	}
out:
	ms_argv_free(argv);
	ms_cmdline_free(&cl);
	fflush(stdout);
	return rc;
}

void ms_repl_file(FILE *fp, bool echo)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;

	while (!ms_sess.quit) {
		errno = 0;
		n = getline(&line, &cap, fp);
		if (n < 0) {
			if (errno == EINTR) {	/* ^C between commands */
				clearerr(fp);
				ms_set_interrupted(false);
				continue;
			}
			break;
		}
		while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			line[--n] = '\0';
		if (!ms_repl_is_command(line))
			continue;
		if (echo && !ms_sess.silent) {	/* "set silent on" takes effect at once */
			printf("%s%s\n", MS_PROMPT, line);
			fflush(stdout);
		}
		ms_repl_line(line, false);
	}
	free(line);
}

/* ---- completion ---- */

/* Matches collected by one callback-style enumeration, handed out one by one. */
static char **matches;
static size_t nr_matches, cap_matches, next_match;

static void matches_reset(void)
{
	for (size_t i = next_match; i < nr_matches; i++)
		free(matches[i]);
	nr_matches = next_match = 0;
}

static void match_add(const char *s)
{
	if (nr_matches == cap_matches) {
		cap_matches = cap_matches ? 2 * cap_matches : 64;
		matches = realloc(matches, cap_matches * sizeof(*matches));
		if (!matches)
			abort();
	}
	matches[nr_matches] = strdup(s);
	if (!matches[nr_matches])
		abort();
	nr_matches++;
}

static char *match_next(void)
{
	return next_match < nr_matches ? matches[next_match++] : NULL;
}

static char *gen_command(const char *text, int state)
{
	size_t n = strlen(text);

	if (!state) {
		matches_reset();
		for (const struct ms_command *const *c = ms_commands; *c; c++)
			if (!strncmp((*c)->name, text, n))
				match_add((*c)->name);
		for (unsigned i = 0; ms_alias_at(i); i++)
			if (!strncmp(ms_alias_at(i)->name, text, n))
				match_add(ms_alias_at(i)->name);
	}
	return match_next();
}

static const struct ms_command *completing_cmd;

static char *gen_option(const char *text, int state)
{
	size_t n = strlen(text);

	if (!state) {
		matches_reset();
		if (completing_cmd && completing_cmd->options)
			for (const char *const *o = completing_cmd->options; *o; o++)
				if (!strncmp(*o, text, n))
					match_add(*o);
	}
	return match_next();
}

static char *gen_symbol(const char *text, int state)
{
	size_t n = strlen(text);

	if (!state) {
		matches_reset();
		if (ms_sess.have_dump)
			for (size_t i = 0, cnt = ms_symbol_count(); i < cnt; i++) {
				const struct ms_symbol *s = ms_symbol_at_index(i);

				if (s && s->name && !strncmp(s->name, text, n))
					match_add(s->name);
			}
	}
	return match_next();
}

static void add_type_name(const char *name, void *arg)
{
	(void)arg;
	match_add(name);
}

/*
 * Add "<text[0..plen)>member" for each member of @p t that starts with
 * text[plen..], looking into anonymous struct and union members as the
 * member-path lookup does.
 */
static void add_members_of(const struct ms_type *t, const char *text, size_t plen, int depth)
{
	const char *want = text + plen;
	size_t wlen = strlen(want);

	for (size_t i = 0, cnt = ms_type_member_count(t); i < cnt; i++) {
		const struct ms_member *mem = ms_type_member(t, i);
		char buf[512];

		if (!mem->name) {
			const struct ms_type *a = ms_type_strip(mem->type);

			if (a && depth < 8 && (ms_type_kind(a) == MS_TYPE_STRUCT ||
					       ms_type_kind(a) == MS_TYPE_UNION))
				add_members_of(a, text, plen, depth + 1);
			continue;
		}
		if (strncmp(mem->name, want, wlen))
			continue;
		snprintf(buf, sizeof(buf), "%.*s%s", (int)plen, text, mem->name);
		match_add(buf);
	}
}

/* "zone.free_area[3].fr" -> members of the type of zone.free_area[3] */
static void add_members(const char *text)
{
	const char *dot = strrchr(text, '.'), *first = strchr(text, '.');
	const struct ms_type *t;
	char *tname, *path;
	struct ms_member m;

	tname = strndup(text, (size_t)(first - text));
	t = tname ? ms_type_find(tname) : NULL;
	free(tname);
	if (!t)
		goto out;
	if (dot != first) {
		path = strndup(first + 1, (size_t)(dot - first - 1));
		if (!path || ms_type_member_path(t, path, &m) < 0) {
			free(path);
			goto out;
		}
		free(path);
		t = m.type;
	}
	t = ms_type_strip(t);
	while (t && ms_type_kind(t) == MS_TYPE_ARRAY)
		t = ms_type_strip(ms_type_target(t));
	if (!t || (ms_type_kind(t) != MS_TYPE_STRUCT && ms_type_kind(t) != MS_TYPE_UNION))
		goto out;
	add_members_of(t, text, (size_t)(dot + 1 - text), 0);
out:
	ms_error_clear();
}

static char *gen_type(const char *text, int state)
{
	if (!state) {
		matches_reset();
		if (ms_sess.have_dump) {
			if (strchr(text, '.'))
				add_members(text);
			else
				ms_type_names(text, add_type_name, NULL);
		}
	}
	return match_next();
}

static const char *const set_variables[] = {
	"scroll", "radix", "output", "silent", NULL,
};

static char *gen_set(const char *text, int state)
{
	size_t n = strlen(text);

	if (!state) {
		matches_reset();
		for (const char *const *v = set_variables; *v; v++)
			if (!strncmp(*v, text, n))
				match_add(*v);
	}
	return match_next();
}

static char **complete(const char *text, int start, int end)
{
	const char *buf = rl_line_buffer, *w;
	char first[64];
	size_t n;

	(void)end;
	rl_attempted_completion_over = 1;	/* never fall back to file names */
	while (*buf == ' ' || *buf == '\t')
		buf++;
	if (*buf == '!' || *buf == '|') {
		rl_attempted_completion_over = 0;	/* a shell command: file names */
		return NULL;
	}
	if (buf - rl_line_buffer >= start)
		return rl_completion_matches(text, gen_command);
	for (w = buf; *w && *w != ' ' && *w != '\t'; w++)
		;
	n = (size_t)(w - buf) < sizeof(first) ? (size_t)(w - buf) : sizeof(first) - 1;
	memcpy(first, buf, n);
	first[n] = '\0';
	if (ms_alias_find(first)) {
		const char *c = ms_alias_find(first)->command;

		n = strcspn(c, " \t");
		n = n < sizeof(first) ? n : sizeof(first) - 1;
		memcpy(first, c, n);
		first[n] = '\0';
	}
	completing_cmd = ms_command_find(first);
	if (text[0] == '-')
		return rl_completion_matches(text, gen_option);
	if (!strcmp(first, "help"))
		return rl_completion_matches(text, gen_command);
	if (!strcmp(first, "set"))
		return rl_completion_matches(text, gen_set);
	if (!strcmp(first, "struct") || !strcmp(first, "union") || !strcmp(first, "whatis") ||
	    !strcmp(first, "ptype") || !strcmp(first, "*") || strchr(text, '.'))
		return rl_completion_matches(text, gen_type);
	if (completing_cmd && completing_cmd->complete)
		return rl_completion_matches(text, completing_cmd->complete);
	return rl_completion_matches(text, gen_symbol);
}

/* ^C at the prompt: drop the line being typed and show a fresh prompt. */
static int on_signal_event(void)
{
	if (ms_interrupted()) {
		ms_set_interrupted(false);
		rl_replace_line("", 0);
		rl_crlf();
		rl_on_new_line();
		rl_redisplay();
	}
	return 0;
}

static char *history_path(void)
{
	const char *home = getenv("HOME");
	char *p;

	if (!home || !*home)
		return NULL;
	if (asprintf(&p, "%s/%s", home, HISTORY_FILE) < 0)
		return NULL;
	return p;
}

void ms_repl_interactive(void)
{
	char *hist = history_path(), *line, *prev = NULL;

	rl_readline_name = "mmscope";
	rl_attempted_completion_function = complete;
	rl_basic_word_break_characters = " \t\n\"'|><;(";
	rl_signal_event_hook = on_signal_event;
	using_history();
	if (hist)
		read_history(hist);
	while (!ms_sess.quit) {
		ms_set_interrupted(false);
		line = readline(MS_PROMPT);
		if (!line) {		/* Ctrl-D */
			fputc('\n', stdout);
			break;
		}
		if (*line && (!prev || strcmp(prev, line))) {
			add_history(line);
			free(prev);
			prev = strdup(line);
		}
		ms_repl_line(line, true);
		free(line);
	}
	free(prev);
	if (hist) {
		write_history(hist);
		history_truncate_file(hist, HISTORY_MAX);
		free(hist);
	}
	matches_reset();
}
