/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * command.c - finding and running commands (see command.h).
 *
 * A first word that is no command is tried as crash does: a symbol alone is
 * printed ("p WORD"), a struct or union name runs "struct WORD ...".
 */
#include <ctype.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/cmdline.h"
#include "core/command.h"
#include "core/error.h"
#include "core/output.h"
#include "core/record.h"
#include "core/session.h"
#include "core/symbols.h"
#include "core/types.h"

const struct ms_command *ms_command_find(const struct ms_session *sess, const char *name)
{
	if (!sess->commands)
		return NULL;
	for (const struct ms_command *const *c = sess->commands; *c; c++)
		if (!strcmp((*c)->name, name))
			return *c;
	return NULL;
}

/* "p/x": a command that takes gdb's /FMT suffix, named before the slash. */
static const struct ms_command *command_with_format(const struct ms_session *sess, const char *word)
{
	const char *slash = strchr(word, '/');
	char name[64];
	const struct ms_command *cmd;

	if (!slash || slash == word || (size_t)(slash - word) >= sizeof(name))
		return NULL;
	memcpy(name, word, (size_t)(slash - word));
	name[slash - word] = '\0';
	cmd = ms_command_find(sess, name);
	return cmd && cmd->format_suffix ? cmd : NULL;
}

int ms_cmd_usage(struct ms_session *sess, const struct ms_command *cmd)
{
	const char *syn, *nl;
	char line[1024], gen[512];

	if (!cmd)
		cmd = sess->cmd;
	if (!cmd && sess->cmd_name)
		cmd = ms_command_find(sess, sess->cmd_name);
	if (!cmd) {
		sess->cmd_failed = true;
		return -1;
	}
	syn = cmd->synopsis;
	if (!syn) {
		ms_options_usage(cmd, gen, sizeof(gen));
		syn = gen;
	}
	sess->cmd_usage = true;
	if (sess->output_mode == MS_OUTPUT_JSON) {
		snprintf(line, sizeof(line), "usage: %s", syn);
		for (char *p = line; *p; p++)	/* one line: crash's continuation indent stays */
			if (*p == '\n')
				*p = ' ';
		ms_emit_message(sess, "error", NULL, line);
		sess->cmd_failed = true;
		return -1;
	}
	ms_error_emit(sess, "Usage:\n");
	/* each line of the synopsis indented by two spaces */
	for (; *syn; syn = nl + 1) {
		nl = strchr(syn, '\n');
		if (!nl)
			nl = syn + strlen(syn) - 1;
		snprintf(line, sizeof(line), "  %.*s\n", (int)(nl - syn + (*nl != '\n')), syn);
		ms_error_emit(sess, line);
		if (!nl[1])
			break;
	}
	snprintf(line, sizeof(line), "Enter \"help %s\" for details.\n", cmd->name);
	ms_error_emit(sess, line);
	sess->cmd_failed = true;
	return -1;
}

/* @p argv's words joined by one space, as the command's JSON names it, or NULL. */
static char *join_words(int argc, char **argv)
{
	size_t len = 1;
	char *line, *p;

	for (int i = 0; i < argc; i++)
		len += strlen(argv[i]) + 1;
	p = line = malloc(len);
	if (!line)
		return NULL;	/* the JSON names the command alone */
	*p = '\0';
	for (int i = 0; i < argc; i++)
		p += sprintf(p, "%s%s", i ? " " : "", argv[i]);
	return line;
}

static int run_handler(struct ms_session *sess, const struct ms_command *cmd, int argc, char **argv)
{
	const char *saved = sess->cmd_name;
	const struct ms_command *saved_cmd = sess->cmd;
	char *saved_line = sess->cmd_line;
	unsigned saved_emitted = sess->cmd_emitted;
	char saved_opts[sizeof(sess->cmd_optstring)];
	int rc;

	memcpy(saved_opts, sess->cmd_optstring, sizeof(saved_opts));
	sess->cmd_name = cmd->name;
	sess->cmd = cmd;
	sess->cmd_line = join_words(argc, argv);	/* before getopt permutes argv */
	sess->cmd_emitted = 0;
	sess->cmd_failed = false;
	sess->cmd_usage = false;
	ms_options_getopt_string(cmd, sess->cmd_optstring, sizeof(sess->cmd_optstring));
	optind = 0;		/* glibc: re-initialise getopt for a new argv */
	opterr = 1;
	if (sess->output_mode == MS_OUTPUT_JSON && !(cmd->flags & MS_CMD_JSON)) {
		sess->cmd_usage = true;	/* the user asked for what does not exist */
		rc = ms_cmd_error(sess, "no JSON output: run it with \"set output text\"");
	}
	else if ((cmd->flags & MS_CMD_DUMP) && !sess->prog)
		rc = ms_cmd_error(sess, "no dump is open");
	else
		rc = cmd->handler(sess, argc, argv);
	fflush(ms_fp);
	if (rc < 0 || sess->cmd_failed) {
		sess->nr_failed++;
		if (sess->cmd_usage)
			sess->nr_usage_failed++;
		rc = -1;
	}
	sess->cmd_name = saved;
	sess->cmd = saved_cmd;
	free(sess->cmd_line);
	sess->cmd_line = saved_line;
	sess->cmd_emitted = saved_emitted;
	memcpy(sess->cmd_optstring, saved_opts, sizeof(saved_opts));
	return rc;
}

/* Run @p name with @p argv's words after it: "struct page ADDR" from "page ADDR". */
static int run_as(struct ms_session *sess, const char *name, int argc, char **argv)
{
	const struct ms_command *cmd = ms_command_find(sess, name);
	char **nargv;
	int rc;

	if (!cmd)
		return 1;
	nargv = calloc((size_t)argc + 2, sizeof(*nargv));
	if (!nargv)
		abort();
	nargv[0] = (char *)name;
	memcpy(nargv + 1, argv, (size_t)argc * sizeof(*argv));
	rc = run_handler(sess, cmd, argc + 1, nargv);
	free(nargv);
	return rc;
}

int ms_command_run(struct ms_session *sess, int argc, char **argv)
{
	struct ms_program *prog = sess->prog;
	const struct ms_command *cmd;
	char tname[256];

	if (argc < 1)
		return 0;
	cmd = ms_command_find(sess, argv[0]);
	if (cmd)
		return run_handler(sess, cmd, argc, argv);
	cmd = command_with_format(sess, argv[0]);
	if (cmd)
		return run_handler(sess, cmd, argc, argv);
	if (sess->prog && strlen(argv[0]) < 200) {
		int rc = 1;

		if (argc == 1 && ms_symbol_find(prog, argv[0]))
			rc = run_as(sess, "p", argc, argv);
		if (rc > 0) {
			snprintf(tname, sizeof(tname), "struct %s", argv[0]);
			if (ms_type_get(prog, tname))
				rc = run_as(sess, "struct", argc, argv);
		}
		if (rc > 0) {
			snprintf(tname, sizeof(tname), "union %s", argv[0]);
			if (ms_type_get(prog, tname))
				rc = run_as(sess, ms_command_find(sess, "union") ? "union" : "struct", argc, argv);
		}
		if (rc <= 0)
			return rc;
	}
	sess->cmd_name = NULL;
	ms_cmd_error(sess, "command not found: %s", argv[0]);
	sess->cmd_failed = false;
	sess->nr_failed++;
	return -1;
}

struct ms_error *ms_parse_addr(const char *s, unsigned long long *ret)
{
	const char *p = s;
	unsigned long long v = 0;
	size_t n;

	if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X'))
		p += 2;
	n = strlen(p);
	if (!n)
		return ms_error_usage("invalid input: \"%s\"", s);
	for (size_t i = 0; i < n; i++)
		if (!isxdigit((unsigned char)p[i]))
			return ms_error_usage("invalid input: \"%s\"", s);
	while (n > 1 && *p == '0')	/* leading zeros do not count towards 16 */
		p++, n--;
	if (n > 16)
		return ms_error_usage("input string too large: \"%s\" (%zu vs 16)", s, n);
	for (; *p; p++)
		v = (v << 4) | (unsigned)(isdigit((unsigned char)*p) ? *p - '0'
					  : tolower((unsigned char)*p) - 'a' + 10);
	*ret = v;
	return NULL;
}

bool ms_is_addr(const char *s)
{
	unsigned long long v;

	return ms_error_ok(ms_parse_addr(s, &v));
}

static int lookup_symbol(void *arg, const char *name, uint64_t *val)
{
	struct ms_program *prog = arg;

	const struct ms_symbol *sym = ms_symbol_find(prog, name);

	if (!sym)
		return -1;
	*val = sym->value;
	return 0;
}

struct ms_error *ms_parse_addr_or_symbol(struct ms_program *prog, const char *s, unsigned long long *ret)
{
	const struct ms_symbol *sym;
	uint64_t v;
	const char *op;
	char name[256];
	struct ms_error *err = ms_parse_addr(s, ret);

	if (!ms_error_catch(&err, MS_ERR_USAGE))
		return err;
	/* (expression), as eval takes it */
	if (s[0] == '(') {
		if ((err = ms_eval(s, lookup_symbol, prog, &v))) {
			ms_error_destroy(err);
			return ms_error_usage("invalid expression: %s", s);
		}
		*ret = v;
		return NULL;
	}
	/* symbol or symbol+offset / symbol-offset */
	op = strpbrk(s, "+-");
	snprintf(name, sizeof(name), "%.*s", op ? (int)(op - s) : (int)strlen(s), s);
	sym = ms_symbol_find(prog, name);
	if (!sym)
		return ms_error_lookup(name, "symbol not found: %s", name);
	v = sym->value;
	if (op) {
		uint64_t off;

		if ((err = ms_eval(op + 1, NULL, NULL, &off))) {
			ms_error_destroy(err);
			return ms_error_usage("invalid input: \"%s\"", s);
		}
		v = *op == '+' ? v + off : v - off;
	}
	*ret = v;
	return NULL;
}
