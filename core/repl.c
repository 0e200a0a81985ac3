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
#include <sys/stat.h>
#include <unistd.h>

#include <readline/history.h>
#include <readline/readline.h>

#include "core/array.h"
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
static int line_error(struct ms_session *sess, const char *msg)
{
	sess->cmd_name = NULL;
	ms_cmd_error(sess, "%s", msg);
	sess->nr_failed++;
	return -1;
}

/* A command line that failed before any command ran: @p err, which is destroyed. */
static int line_fail(struct ms_session *sess, struct ms_error *err)
{
	int rc = line_error(sess, err->message);

	ms_error_destroy(err);
	return rc;
}

static int run_shell(struct ms_session *sess, const char *cmd)
{
	int rc;

	fflush(stdout);
	rc = system(*cmd ? cmd : "/bin/sh");
	if (rc == -1)
		return line_error(sess, "cannot run /bin/sh");
	return 0;
}

static int run_line(struct ms_session *sess, const char *line, bool interactive);

/*
 * crash's history (crash-spec §1.5): every command line run is numbered
 * from 1; "h" (or any prefix of "history" from "hi") lists them, "r" or "!!"
 * repeats the last one, "r N", "rN" or "!N" entry N, "r PREFIX" the newest
 * starting with PREFIX.  The repeated line is echoed and runs as if typed.
 */
static void hist_add(struct ms_session *sess, const char *line)
{
	if (!ms_array_grow(&sess->history, &sess->cap_history, sess->nr_history + 1, 64))
		abort();
	sess->history[sess->nr_history] = strdup(line);
	if (!sess->history[sess->nr_history])
		abort();
	sess->nr_history++;
}

static bool is_command_or_alias(const struct ms_session *sess, const char *w)
{
	return ms_command_find(sess, w) || ms_alias_find(&sess->aliases, w);
}

static bool is_history_word(const struct ms_session *sess, const char *w)
{
	size_t n = strlen(w);

	return n >= 1 && n <= 7 && !strncmp("history", w, n) && !is_command_or_alias(sess, w);
}

static bool all_digits(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return false;
	return true;
}

static struct ms_error *hist_entry(const struct ms_session *sess, const char *num, char **ret)
{
	unsigned long n = strtoul(num, NULL, 10);

	if (!sess->nr_history)
		return ms_error_usage("no commands entered!");
	if (n < 1 || n > sess->nr_history)
		return ms_error_usage("command %s not entered yet!", num);
	*ret = strdup(sess->history[n - 1]);
	return *ret ? NULL : &ms_enomem;
}

/* The command @p line repeats in *ret (NULL when @p line is not a repeat request). */
static struct ms_error *hist_resolve(const struct ms_session *sess, const char *line, char **ret)
{
	char *const *hist = sess->history;
	unsigned nr_hist = sess->nr_history;

	char buf[1024], *word, *rest;
	size_t n;

	*ret = NULL;
	while (*line == ' ' || *line == '\t')
		line++;
	snprintf(buf, sizeof(buf), "%s", line);
	for (n = strlen(buf); n && (buf[n - 1] == ' ' || buf[n - 1] == '\t'); n--)
		buf[n - 1] = '\0';
	if (!strcmp(buf, "!!")) {
		if (!nr_hist)
			return ms_error_usage("no commands entered!");
		*ret = strdup(hist[nr_hist - 1]);
		return *ret ? NULL : &ms_enomem;
	}
	if (buf[0] == '!' && all_digits(buf + 1))
		return hist_entry(sess, buf + 1, ret);
	word = buf;
	rest = buf + strcspn(buf, " \t");
	if (*rest)
		*rest++ = '\0';
	while (*rest == ' ' || *rest == '\t')
		rest++;
	if (word[0] != 'r' || is_command_or_alias(sess, word))
		return NULL;
	if (word[1] && !all_digits(word + 1))
		return NULL;
	if (word[1])
		return hist_entry(sess, word + 1, ret);
	if (!nr_hist)
		return ms_error_usage("no commands entered!");
	if (!*rest) {
		*ret = strdup(hist[nr_hist - 1]);
		return *ret ? NULL : &ms_enomem;
	}
	if (all_digits(rest))
		return hist_entry(sess, rest, ret);
	for (unsigned i = nr_hist; i-- > 0;) {
		const char *h = hist[i];

		while (*h == ' ' || *h == '\t')
			h++;
		if (!strncmp(h, rest, strlen(rest))) {
			*ret = strdup(hist[i]);
			return *ret ? NULL : &ms_enomem;
		}
	}
	return ms_error_usage("invalid repeat request: %s", line);
}

static void hist_list(const struct ms_session *sess)
{
	for (unsigned i = 0; i < sess->nr_history; i++)
		fprintf(ms_fp, "[%u] %s\n", i + 1, sess->history[i]);
}

int ms_repl_line(struct ms_session *sess, const char *line, bool interactive)
{
	char *repeated = NULL;
	struct ms_error *err;
	int rc;

	if (!ms_repl_is_command(line))
		return 0;
	if ((err = hist_resolve(sess, line, &repeated)))
		return line_fail(sess, err);
	if (repeated) {
		if (interactive || !sess->silent) {
			printf("%s%s\n", MS_PROMPT, repeated);
			fflush(stdout);
		}
		line = repeated;
	}
	hist_add(sess, line);
	rc = run_line(sess, line, interactive);
	free(repeated);
	return rc;
}

/*
 * Shell commands crash runs without a "!" when no command or alias has
 * their name.
 */
static const char *const shell_words[] = {
	"vi", "pwd", "grep", "cat", "more", "less", "echo", "ls", "clear", NULL,
};

static bool is_shell_word(const struct ms_session *sess, const char *line)
{
	size_t n;

	while (*line == ' ' || *line == '\t')
		line++;
	n = strcspn(line, " \t|>");
	for (const char *const *w = shell_words; *w; w++) {
		if (strlen(*w) == n && !strncmp(*w, line, n)) {
			char word[16];

			snprintf(word, sizeof(word), "%s", *w);
			return !is_command_or_alias(sess, word);
		}
	}
	return false;
}

/*
 * Input files are text: a line longer than MS_MAX_INPUT_LINE bytes or a NUL
 * byte means a file that is not a command file (/dev/zero, a dump given to
 * -i), and reading stops there instead of growing a line without bound.
 */
#define MS_MAX_INPUT_LINE	65536

/*
 * One line of @fp into *@line (without its '\n'), like getline().
 * @return its length; -1 at the end; -2 if the line is too long or holds a
 * NUL (*@why says which); errno EINTR as getline() leaves it.
 */
static ssize_t input_line(FILE *fp, char **line, size_t *cap, const char **why)
{
	size_t n = 0;
	int c;

	for (;;) {
		c = getc(fp);
		if (c == EOF) {
			if (!n)
				return -1;
			break;
		}
		if (c == '\n')
			break;
		if (c == '\0') {
			*why = "a NUL byte: not a text file";
			return -2;
		}
		if (n >= MS_MAX_INPUT_LINE) {
			*why = "a line longer than 65536 bytes";
			return -2;
		}
		if (!ms_array_grow(line, cap, n + 2, 256))
			abort();
		(*line)[n++] = (char)c;
	}
	if (!ms_array_grow(line, cap, n + 1, 256))	/* the NUL of an empty first line */
		abort();
	(*line)[n] = '\0';
	return (ssize_t)n;
}

/* "< FILE": FILE's commands, echoed, as with -i.  crash allows no nesting. */
static int run_input_file(struct ms_session *sess, const char *path)
{
	FILE *fp;

	struct stat st;

	if (sess->input_depth)
		return line_error(sess, "embedded input files not allowed!");
	fp = fopen(path, "r");
	if (!fp) {
		int e = errno;

		return line_fail(sess, ms_error_os(e, path, "%s: %s", path, strerror(e)));
	}
	if (fstat(fileno(fp), &st) == 0 && S_ISDIR(st.st_mode)) {
		fclose(fp);
		return line_error(sess, "input file is a directory");
	}
	ms_repl_file(sess, fp, true);
	fclose(fp);
	return 0;
}

/* "cmd args < FILE": cmd once per line of FILE, with the line's words appended. */
static int run_argfile(struct ms_session *sess, int argc, char **argv, FILE *fp)
{
	char *line = NULL, **words, **nargv;
	size_t cap = 0;
	int nwords, rc = 0;
	struct ms_error *err;
	const char *why = NULL;
	ssize_t n;

	while (!ms_interrupted() && (n = input_line(fp, &line, &cap, &why)) >= 0) {
		if (!ms_repl_is_command(line))
			continue;
		if ((err = ms_tokenize(line, &nwords, &words))) {
			rc = line_fail(sess, err);
			continue;
		}
		nargv = calloc((size_t)(argc + nwords + 1), sizeof(*nargv));
		if (!nargv)
			abort();
		memcpy(nargv, argv, (size_t)argc * sizeof(*argv));
		memcpy(nargv + argc, words, (size_t)nwords * sizeof(*words));
		if (ms_command_run(sess, argc + nwords, nargv) < 0)
			rc = -1;
		free(nargv);
		ms_argv_free(words);
	}
	if (n == -2)
		rc = line_fail(sess, ms_error_usage("input: %s", why));
	free(line);
	return rc;
}

/*
 * Whether the command @p name pages its output (MS_CMD_PAGER).  A word that
 * is no command runs as "p" or "struct", which page.
 */
static bool pages_output(const struct ms_session *sess, const char *name)
{
	const struct ms_command *cmd = ms_command_find(sess, name);

	return cmd ? (cmd->flags & MS_CMD_PAGER) != 0 : true;
}

/* One command line, after history: see ms_repl_line(). */
static int run_line(struct ms_session *sess, const char *line, bool interactive)
{
	FILE *argfp = NULL;
	struct ms_cmdline cl;
	enum ms_output_dest dest = MS_DEST_STDOUT;
	const char *arg = NULL;
	char *expanded, **argv = NULL;
	int argc = 0, rc = 0;
	struct ms_error *err;

	if (is_shell_word(sess, line))
		return run_shell(sess, line);
	expanded = ms_alias_expand(&sess->aliases, line);
	if ((err = ms_cmdline_parse(expanded, &cl))) {
		free(expanded);
		return line_fail(sess, err);
	}
	free(expanded);
	if (cl.shell) {
		rc = run_shell(sess, cl.cmd);
		goto out;
	}
	if (cl.input) {
		rc = run_input_file(sess, cl.input);
		goto out;
	}
	if ((err = ms_tokenize(cl.cmd, &argc, &argv))) {
		rc = line_fail(sess, err);
		goto out;
	}
	if (argc == 0)
		goto out;
	if (cl.argfile && !(argfp = fopen(cl.argfile, "r"))) {
		int e = errno;

		rc = line_fail(sess, ms_error_os(e, cl.argfile, "%s: %s", cl.argfile, strerror(e)));
		goto out;
	}
	if (cl.pipe) {
		dest = MS_DEST_PIPE;
		arg = cl.pipe;
	} else if (cl.file) {
		dest = MS_DEST_FILE;
		arg = cl.file;
	} else if (interactive && sess->scroll && isatty(STDIN_FILENO) &&
		   isatty(STDOUT_FILENO) && pages_output(sess, argv[0])) {
		dest = MS_DEST_PAGER;
	}
	if ((err = ms_output_begin(dest, arg, cl.append))) {
		rc = line_fail(sess, err);
		goto out;
	}
	ms_set_interrupted(false);
	if (argc == 1 && is_history_word(sess, argv[0]))
		hist_list(sess);
	else if (argfp)
		rc = run_argfile(sess, argc, argv, argfp);
	else
		rc = ms_command_run(sess, argc, argv);
	if (dest == MS_DEST_STDOUT && ms_stdout_broken()) {
		/* nobody reads our output any more: stop, quietly, as a
		 * shell pipeline's writer does */
		sess->quit = true;
		ms_output_end();
		ms_set_interrupted(false);
		goto out;
	}
	ms_output_end();
	if ((err = ms_output_write_error())) {
		/* said on stderr: stdout may be what failed */
		fprintf(stderr, "mmscope: %s\n", err->message);
		ms_error_destroy(err);
		sess->nr_failed++;
		rc = -1;
	}
	if (ms_interrupted()) {
		ms_set_interrupted(false);
		fputc('\n', stdout);
	}
out:
	if (argfp)
		fclose(argfp);
	ms_argv_free(argv);
	ms_cmdline_free(&cl);
	fflush(stdout);
	return rc;
}

void ms_repl_file(struct ms_session *sess, FILE *fp, bool echo)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	const char *why = NULL;

	if (fp != stdin)
		sess->input_depth++;
	while (!sess->quit) {
		errno = 0;
		n = input_line(fp, &line, &cap, &why);
		if (n == -2) {
			line_fail(sess, ms_error_usage("input: %s", why));
			break;
		}
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
		if (echo && !sess->silent) {	/* "set silent on" takes effect at once */
			printf("%s%s\n", MS_PROMPT, line);
			fflush(stdout);
		}
		ms_repl_line(sess, line, false);
	}
	free(line);
	if (fp != stdin)
		sess->input_depth--;
}

/* ---- completion ---- */

/*
 * readline's completion callbacks take no argument: the session being
 * completed for, set by ms_repl_interactive(), and the matches collected by
 * one callback-style enumeration, handed out one by one.
 */
static struct ms_session *completing;

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
	if (!ms_array_grow(&matches, &cap_matches, nr_matches + 1, 64))
		abort();
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
		for (const struct ms_command *const *c = completing->commands; c && *c; c++)
			if (!strncmp((*c)->name, text, n))
				match_add((*c)->name);
		for (unsigned i = 0; ms_alias_at(&completing->aliases, i); i++)
			if (!strncmp(ms_alias_at(&completing->aliases, i)->name, text, n))
				match_add(ms_alias_at(&completing->aliases, i)->name);
	}
	return match_next();
}

static const struct ms_command *completing_cmd;

static char *gen_option(const char *text, int state)
{
	size_t n = strlen(text);

	if (!state) {
		matches_reset();
		if (completing_cmd)
			for (const struct ms_option *o = completing_cmd->options; o && o->letter; o++) {
				char opt[3] = { '-', o->letter, '\0' };

				if (o->help && !strncmp(opt, text, n))
					match_add(opt);
			}
	}
	return match_next();
}

static char *gen_symbol(const char *text, int state)
{
	size_t n = strlen(text);

	if (!state) {
		matches_reset();
		if (completing->prog)
			for (size_t i = 0, cnt = ms_symbol_count(completing->prog); i < cnt; i++) {
				const struct ms_symbol *s = ms_symbol_at_index(completing->prog, i);

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

/*
 * "zone.free_area[3].fr" -> members of the type of zone.free_area[3];
 * "init_uts_ns.name.re" -> members of a global variable's type.
 */
static void add_members(const char *text)
{
	const char *dot = strrchr(text, '.'), *first = strchr(text, '.');
	const struct ms_type *t;
	char *tname, *path;
	struct ms_member m;

	tname = strndup(text, (size_t)(first - text));
	t = tname ? ms_type_get(completing->prog, tname) : NULL;
	if (!t && tname) {	/* "init_uts_ns.na": members of a variable's type */
		uint64_t addr;
		struct ms_error *err = ms_variable_find(completing->prog, tname, &t, &addr);

		if (err)
			t = NULL;
		ms_error_destroy(err);
	}
	free(tname);
	if (!t)
		return;
	if (dot != first) {
		path = strndup(first + 1, (size_t)(dot - first - 1));
		struct ms_error *err = path ? ms_type_member_path(t, path, &m) : &ms_enomem;

		if (err) {
			ms_error_destroy(err);
			free(path);
			return;
		}
		free(path);
		t = m.type;
	}
	t = ms_type_strip(t);
	while (t && ms_type_kind(t) == MS_TYPE_ARRAY)
		t = ms_type_strip(ms_type_target(t));
	if (!t || (ms_type_kind(t) != MS_TYPE_STRUCT && ms_type_kind(t) != MS_TYPE_UNION))
		return;
	add_members_of(t, text, (size_t)(dot + 1 - text), 0);
}

/* The type whose members complete the argument of the option being completed. */
static const char *completing_type;

/* "fl" -> the members of completing_type that start with "fl". */
static char *gen_member(const char *text, int state)
{
	if (!state) {
		const struct ms_type *t;

		matches_reset();
		t = completing->prog ? ms_type_get(completing->prog, completing_type) : NULL;
		t = t ? ms_type_strip(t) : NULL;
		if (t && (ms_type_kind(t) == MS_TYPE_STRUCT || ms_type_kind(t) == MS_TYPE_UNION))
			add_members_of(t, text, 0, 0);
	}
	return match_next();
}

static char *gen_type(const char *text, int state)
{
	if (!state) {
		matches_reset();
		if (completing->prog) {
			if (strchr(text, '.'))
				add_members(text);
			else
				ms_type_names(completing->prog, text, add_type_name, NULL);
		}
	}
	return match_next();
}

static const char *const set_variables[] = {
	"scroll", "radix", "output", "silent", "error", NULL,
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
	if (ms_alias_find(&completing->aliases, first)) {
		const char *c = ms_alias_find(&completing->aliases, first)->command;

		n = strcspn(c, " \t");
		n = n < sizeof(first) ? n : sizeof(first) - 1;
		memcpy(first, c, n);
		first[n] = '\0';
	}
	completing_cmd = ms_command_find(completing, first);
	if (text[0] == '-')
		return rl_completion_matches(text, gen_option);
	if (completing_cmd) {
		/* the argument of an option: "-m fl", "-s pa" */
		const char *p = rl_line_buffer + start, *q;
		enum ms_complete what = completing_cmd->operand_complete;
		const struct ms_option *o = NULL;

		while (p > rl_line_buffer && (p[-1] == ' ' || p[-1] == '\t'))
			p--;
		for (q = p; q > rl_line_buffer && q[-1] != ' ' && q[-1] != '\t'; q--)
			;
		if (q[0] == '-' && p - q >= 2)
			o = ms_option_find(completing_cmd, p[-1]);
		if (o && o->arg == MS_OPT_ARG)
			what = o->complete;
		switch (what) {
		case MS_COMPLETE_MEMBER:
			completing_type = o ? o->type : NULL;
			if (completing_type)
				return rl_completion_matches(text, gen_member);
			break;
		case MS_COMPLETE_TYPE:
			return rl_completion_matches(text, gen_type);
		case MS_COMPLETE_COMMAND:
			return rl_completion_matches(text, gen_command);
		case MS_COMPLETE_SYMBOL:
			return rl_completion_matches(text, gen_symbol);
		case MS_COMPLETE_NONE:
			if (o && o->arg == MS_OPT_ARG)
				return NULL;
			break;
		}
	}
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

void ms_repl_interactive(struct ms_session *sess)
{
	char *hist = history_path(), *line, *prev = NULL;

	completing = sess;
	rl_readline_name = "mmscope";
	rl_attempted_completion_function = complete;
	rl_basic_word_break_characters = " \t\n\"'|><;(";
	/*
	 * readline calls the signal hook only when a blocked read() returns
	 * EINTR.  A ^C that lands while it is busy (completing, redisplaying)
	 * would leave the flag set and the line in place; the event hook, which
	 * readline polls while it waits for input, catches that case.
	 */
	rl_signal_event_hook = on_signal_event;
	rl_event_hook = on_signal_event;
	using_history();
	if (hist)
		read_history(hist);
	while (!sess->quit) {
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
		ms_repl_line(sess, line, true);
		free(line);
	}
	free(prev);
	if (hist) {
		write_history(hist);
		history_truncate_file(hist, HISTORY_MAX);
		free(hist);
	}
	matches_reset();
	completing = NULL;
}
