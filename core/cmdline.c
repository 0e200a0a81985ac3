/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * cmdline.c - splitting, tokenising and alias expansion of command lines,
 * and eval's expression evaluator (see cmdline.h for the rules).
 *
 * The scanners share one notion of "outside": not inside a "quoted string"
 * and not inside (parentheses).  Only outside do '|', '!', '>' and blanks
 * mean anything, which is what lets `eval (1 << 4)` and `p (a | b)` through.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/cmdline.h"
#include "core/error.h"

static struct ms_error *split_line(const char *line, struct ms_cmdline *ret);

static char *xstrndup(const char *s, size_t n)
{
	char *p = strndup(s, n);

	if (!p)
		abort();
	return p;
}

/* A copy of s[0..n) without leading and trailing blanks. */
static char *trimmed(const char *s, size_t n)
{
	while (n && isspace((unsigned char)*s))
		s++, n--;
	while (n && isspace((unsigned char)s[n - 1]))
		n--;
	return xstrndup(s, n);
}

void ms_cmdline_free(struct ms_cmdline *cl)
{
	free(cl->input);
	free(cl->argfile);
	free(cl->cmd);
	free(cl->pipe);
	free(cl->file);
	memset(cl, 0, sizeof(*cl));
}

/* "cmd args < FILE": move FILE from ret->cmd into ret->argfile. */
static struct ms_error *split_argfile(struct ms_cmdline *ret)
{
	char *s = ret->cmd;
	int depth = 0;
	bool inq = false;

	for (size_t i = 0; s[i]; i++) {
		char c = s[i];

		if (inq) {
			inq = c != '"';
			continue;
		}
		if (c == '"')
			inq = true;
		else if (c == '(')
			depth++;
		else if (c == ')')
			depth--;
		else if (c == '<' && !depth && s[i + 1] != '<' && (i == 0 || s[i - 1] != '<')) {
			ret->argfile = trimmed(s + i + 1, strlen(s + i + 1));
			if (!*ret->argfile) {
				ms_cmdline_free(ret);
				return ms_error_usage("no file name after <");
			}
			ret->cmd = trimmed(s, i);
			free(s);
			return NULL;
		}
	}
	return NULL;
}

struct ms_error *ms_cmdline_parse(const char *line, struct ms_cmdline *ret)
{
	const char *p = line;

	while (isspace((unsigned char)*p))
		p++;
	if (*p == '<' && p[1] != '<') {
		/* "< FILE" or "<FILE": an input file */
		memset(ret, 0, sizeof(*ret));
		ret->input = trimmed(p + 1, strlen(p + 1));
		ret->cmd = xstrndup("", 0);
		if (!*ret->input) {
			ms_cmdline_free(ret);
			return ms_error_usage("no file name after <");
		}
		return NULL;
	}
	struct ms_error *err = split_line(line, ret);

	if (err)
		return err;
	if (ret->shell)
		return NULL;
	return split_argfile(ret);
}

static struct ms_error *split_line(const char *line, struct ms_cmdline *ret)
{
	const char *s = line;
	int depth = 0;
	bool inq = false;
	size_t i;

	memset(ret, 0, sizeof(*ret));
	while (isspace((unsigned char)*s))
		s++;
	if (*s == '!' || *s == '|') {
		/* "!cmd" or "|cmd": the whole rest is for the shell */
		ret->shell = true;
		ret->cmd = trimmed(s + 1, strlen(s + 1));
		return NULL;
	}
	for (i = 0; s[i]; i++) {
		char c = s[i];
		const char *rest;

		if (inq) {
			if (c == '"')
				inq = false;
			continue;
		}
		if (c == '"') {
			inq = true;
			continue;
		}
		if (c == '(') {
			depth++;
			continue;
		}
		if (c == ')') {
			if (--depth < 0)
				return ms_error_usage("unbalanced parentheses");
			continue;
		}
		if (depth)
			continue;
		if (c == '|' || c == '!') {
			rest = s + i + 1;
			ret->pipe = trimmed(rest, strlen(rest));
			if (!*ret->pipe) {
				ms_cmdline_free(ret);
				return ms_error_usage("no shell command after '%c'", c);
			}
			/* crash's words: a pipeline that ends in '|' feeds nothing */
			if (ret->pipe[strlen(ret->pipe) - 1] == '|') {
				ms_cmdline_free(ret);
				return ms_error_usage("pipe to nowhere?");
			}
			ret->cmd = trimmed(s, i);
			return NULL;
		}
		/* "p page->lru" is a member access, not a redirection */
		if (c == '>' && (i == 0 || s[i - 1] != '-')) {
			bool append = s[i + 1] == '>';

			rest = s + i + 1 + append;
			ret->file = trimmed(rest, strlen(rest));
			if (!*ret->file) {
				ms_cmdline_free(ret);
				return ms_error_usage("no file name after %s", append ? ">>" : ">");
			}
			ret->append = append;
			ret->cmd = trimmed(s, i);
			return NULL;
		}
	}
	if (inq)
		return ms_error_usage("unbalanced quotes");
	if (depth)
		return ms_error_usage("unbalanced parentheses");
	ret->cmd = trimmed(s, i);
	return NULL;
}

void ms_argv_free(char **argv)
{
	if (!argv)
		return;
	for (char **a = argv; *a; a++)
		free(*a);
	free(argv);
}

struct ms_error *ms_tokenize(const char *s, int *argc_ret, char ***argv_ret)
{
	char **argv = calloc(MS_MAXARGS + 2, sizeof(*argv));
	size_t len = strlen(s);
	char *word = malloc(len + 1);
	int argc = 0;

	if (!argv || !word)
		abort();
	for (;;) {
		size_t n = 0;
		int depth = 0;
		bool inq = false;

		while (isspace((unsigned char)*s))
			s++;
		if (!*s)
			break;
		for (; *s; s++) {
			char c = *s;

			if (inq) {
				if (c == '"')
					inq = false;
				else
					word[n++] = c;
				continue;
			}
			if (c == '"') {
				inq = true;
				continue;
			}
			if (c == '(')
				depth++;
			else if (c == ')')
				depth--;
			else if (!depth && isspace((unsigned char)c))
				break;
			word[n++] = c;
		}
		if (inq || depth) {
			ms_argv_free(argv);
			free(word);
			return ms_error_usage(inq ? "unbalanced quotes" : "unbalanced parentheses");
		}
		if (argc >= MS_MAXARGS) {
			ms_argv_free(argv);
			free(word);
			return ms_error_usage("too many arguments (max %d)", MS_MAXARGS);
		}
		/* crash's pointer-to shorthand: "*page addr" is "* page addr" */
		if (argc == 0 && n > 1 && word[0] == '*') {
			argv[argc++] = xstrndup("*", 1);
			argv[argc++] = xstrndup(word + 1, n - 1);
			continue;
		}
		argv[argc++] = xstrndup(word, n);
	}
	free(word);
	argv[argc] = NULL;
	*argc_ret = argc;
	*argv_ret = argv;
	return NULL;
}

/* ---- aliases ---- */

struct alias_entry {
	char *name;
	char *command;
	bool builtin;
};

static const struct { const char *name, *command; } builtin_aliases[] = {
	{ "man", "help" },
	{ "?", "help" },
	{ "quit", "q" },
	{ "exit", "q" },
	{ "sf", "set scroll off" },
	{ "sn", "set scroll on" },
	{ "hex", "set radix 16" },
	{ "dec", "set radix 10" },
	{ "px", "p -x" },
	{ "pd", "p -d" },
	{ "*", "struct" },
};

void ms_aliases_init(struct ms_aliases *a)
{
	size_t i, n = sizeof(builtin_aliases) / sizeof(builtin_aliases[0]);

	a->v = calloc(n, sizeof(*a->v));
	if (!a->v)
		abort();
	for (i = 0; i < n; i++) {
		a->v[i].name = builtin_aliases[i].name;
		a->v[i].command = builtin_aliases[i].command;
		a->v[i].builtin = true;
	}
	a->n = n;
}

void ms_aliases_deinit(struct ms_aliases *a)
{
	for (unsigned i = 0; i < a->n; i++) {
		if (a->v[i].builtin)
			continue;
		free((char *)a->v[i].name);
		free((char *)a->v[i].command);
	}
	free(a->v);
	a->v = NULL;
	a->n = 0;
}

const struct ms_alias *ms_alias_at(const struct ms_aliases *a, unsigned i)
{
	return i < a->n ? &a->v[i] : NULL;
}

const struct ms_alias *ms_alias_find(const struct ms_aliases *a, const char *name)
{
	for (unsigned i = 0; i < a->n; i++)
		if (!strcmp(a->v[i].name, name))
			return &a->v[i];
	return NULL;
}

struct ms_error *ms_alias_set(struct ms_aliases *as, const char *name, const char *command)
{
	struct ms_alias *a = (struct ms_alias *)ms_alias_find(as, name);

	if (!*name || strpbrk(name, " \t|>!\"()"))
		return ms_error_usage("invalid alias name: %s", name);
	if (a && a->builtin)
		return ms_error_usage("cannot redefine built-in alias: %s", name);
	if (a) {
		free((char *)a->command);
		a->command = xstrndup(command, strlen(command));
		return NULL;
	}
	as->v = realloc(as->v, (as->n + 1) * sizeof(*as->v));
	if (!as->v)
		abort();
	a = &as->v[as->n++];
	a->name = xstrndup(name, strlen(name));
	a->command = xstrndup(command, strlen(command));
	a->builtin = false;
	return NULL;
}

struct ms_error *ms_alias_delete(struct ms_aliases *as, const char *name)
{
	struct ms_alias *a = (struct ms_alias *)ms_alias_find(as, name);

	if (!a)
		return ms_error_usage("alias does not exist: %s", name);
	if (a->builtin)
		return ms_error_usage("cannot delete built-in alias: %s", name);
	free((char *)a->name);
	free((char *)a->command);
	memmove(a, a + 1, (size_t)(&as->v[as->n] - (a + 1)) * sizeof(*a));
	as->n--;
	return NULL;
}

char *ms_alias_expand(const struct ms_aliases *as, const char *line)
{
	const char *s = line, *end;
	const struct ms_alias *a;
	char *word, *out;
	size_t lead;

	while (isspace((unsigned char)*s))
		s++;
	lead = (size_t)(s - line);
	if (*s == '\\')		/* "\word": the command itself, not an alias */
		return xstrndup(line + lead + 1, strlen(s + 1));
	if (*s == '*')
		end = s + 1;
	else
		for (end = s; *end && !isspace((unsigned char)*end) && !strchr("|>!", *end); end++)
			;
	if (end == s)
		return xstrndup(line, strlen(line));
	word = xstrndup(s, (size_t)(end - s));
	a = ms_alias_find(as, word);
	free(word);
	if (!a)
		return xstrndup(line, strlen(line));
	out = malloc(strlen(a->command) + strlen(end) + 2);
	if (!out)
		abort();
	/* "*page" -> "struct page": keep a blank between the two */
	sprintf(out, "%s%s%s", a->command,
		*end && !isspace((unsigned char)*end) && !strchr("|>!", *end) ? " " : "", end);
	return out;
}

/* ---- eval ---- */

struct eval_ctx {
	const char *p;
	int (*lookup)(void *arg, const char *name, uint64_t *val);
	void *arg;
	const char *err;
	unsigned depth;		/* nesting: unary operators, parentheses, '#' */
};

/* Deeper nesting is refused: it would only overflow the stack. */
#define EVAL_MAX_DEPTH	200

static int eval_or(struct eval_ctx *c, uint64_t *v);

static void skip_blanks(struct eval_ctx *c)
{
	while (isspace((unsigned char)*c->p))
		c->p++;
}

static int eval_fail(struct eval_ctx *c, const char *why)
{
	if (!c->err)
		c->err = why;
	return -1;
}

static uint64_t suffix_mult(char ch)
{
	switch (ch) {
	case 'k': case 'K': return 1ULL << 10;
	case 'm': case 'M': return 1ULL << 20;
	case 'g': case 'G': return 1ULL << 30;
	}
	return 0;
}

/* A number or a name: [0-9A-Za-z_.$]+ */
static int eval_word(struct eval_ctx *c, uint64_t *v)
{
	const char *s = c->p, *e = s;
	size_t n, digits;
	uint64_t mult = 1, val = 0;
	bool hex = false, isnum = true;
	char *word;

	while (isalnum((unsigned char)*e) || *e == '_' || *e == '.' || *e == '$')
		e++;
	n = (size_t)(e - s);
	if (!n)
		return eval_fail(c, "invalid expression");
	c->p = e;
	digits = n;
	if (n > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		hex = true;
		s += 2;
		digits -= 2;
	}
	if (digits > 1 && suffix_mult(s[digits - 1])) {
		mult = suffix_mult(s[digits - 1]);
		digits--;
	}
	for (size_t i = 0; i < digits; i++) {
		if (!isxdigit((unsigned char)s[i])) {
			isnum = false;
			break;
		}
		if (!isdigit((unsigned char)s[i]))
			hex = true;
	}
	if (!digits)
		isnum = false;
	if (isnum) {
		if (hex && digits > 16)
			return eval_fail(c, "invalid expression");
		for (size_t i = 0; i < digits; i++) {
			unsigned d = isdigit((unsigned char)s[i]) ? (unsigned)(s[i] - '0')
				: (unsigned)(tolower((unsigned char)s[i]) - 'a' + 10);
			uint64_t next = hex ? (val << 4) | d : val * 10 + d;

			if (!hex && (next - d) / 10 != val)
				return eval_fail(c, "invalid expression");
			val = next;
		}
		*v = val * mult;
		return 0;
	}
	word = xstrndup(c->p - n, n);
	if (!c->lookup || c->lookup(c->arg, word, v) < 0) {
		free(word);
		return eval_fail(c, "invalid expression");
	}
	free(word);
	return 0;
}

static int eval_primary(struct eval_ctx *c, uint64_t *v)
{
	skip_blanks(c);
	if (*c->p == '(') {
		c->p++;
		if (eval_or(c, v) < 0)
			return -1;
		skip_blanks(c);
		if (*c->p != ')')
			return eval_fail(c, "invalid expression");
		c->p++;
		return 0;
	}
	return eval_word(c, v);
}

static int eval_unary_nested(struct eval_ctx *c, uint64_t *v);

static int eval_unary(struct eval_ctx *c, uint64_t *v)
{
	int rc;

	if (c->depth >= EVAL_MAX_DEPTH)
		return eval_fail(c, "expression nested too deeply");
	c->depth++;
	rc = eval_unary_nested(c, v);
	c->depth--;
	return rc;
}

static int eval_unary_nested(struct eval_ctx *c, uint64_t *v)
{
	char op;

	skip_blanks(c);
	op = *c->p;
	if (op == '~' || op == '-' || op == '+' || op == '!') {
		c->p++;
		if (eval_unary(c, v) < 0)
			return -1;
		if (op == '~')
			*v = ~*v;
		else if (op == '-')
			*v = -*v;
		else if (op == '!')
			*v = !*v;
		return 0;
	}
	return eval_primary(c, v);
}

static int eval_pow(struct eval_ctx *c, uint64_t *v)
{
	uint64_t e, r = 1;
	int rc;

	if (eval_unary(c, v) < 0)
		return -1;
	skip_blanks(c);
	if (*c->p != '#')
		return 0;
	c->p++;
	if (c->depth >= EVAL_MAX_DEPTH)
		return eval_fail(c, "expression nested too deeply");
	c->depth++;
	rc = eval_pow(c, &e);	/* right-associative */
	c->depth--;
	if (rc < 0)
		return -1;
	for (uint64_t b = *v; e; e >>= 1, b *= b)
		if (e & 1)
			r *= b;
	*v = r;
	return 0;
}

static int eval_mul(struct eval_ctx *c, uint64_t *v)
{
	uint64_t r;

	if (eval_pow(c, v) < 0)
		return -1;
	for (;;) {
		char op;

		skip_blanks(c);
		op = *c->p;
		if (op != '*' && op != '/' && op != '%')
			return 0;
		c->p++;
		if (eval_pow(c, &r) < 0)
			return -1;
		if (op != '*' && r == 0)
			return eval_fail(c, "divide by zero");
		*v = op == '*' ? *v * r : op == '/' ? *v / r : *v % r;
	}
}

static int eval_add(struct eval_ctx *c, uint64_t *v)
{
	uint64_t r;

	if (eval_mul(c, v) < 0)
		return -1;
	for (;;) {
		char op;

		skip_blanks(c);
		op = *c->p;
		if (op != '+' && op != '-')
			return 0;
		c->p++;
		if (eval_mul(c, &r) < 0)
			return -1;
		*v = op == '+' ? *v + r : *v - r;
	}
}

static int eval_shift(struct eval_ctx *c, uint64_t *v)
{
	uint64_t r;

	if (eval_add(c, v) < 0)
		return -1;
	for (;;) {
		bool left;

		skip_blanks(c);
		if (!strncmp(c->p, "<<", 2))
			left = true;
		else if (!strncmp(c->p, ">>", 2))
			left = false;
		else
			return 0;
		c->p += 2;
		if (eval_add(c, &r) < 0)
			return -1;
		*v = r >= 64 ? 0 : left ? *v << r : *v >> r;
	}
}

/* One level of the bitwise operators: & above ^ above |. */
static int eval_bits(struct eval_ctx *c, uint64_t *v, char op)
{
	uint64_t r;
	char below = op == '|' ? '^' : op == '^' ? '&' : 0;

	if ((below ? eval_bits(c, v, below) : eval_shift(c, v)) < 0)
		return -1;
	for (;;) {
		skip_blanks(c);
		if (*c->p != op || (op == '|' && c->p[1] == '|') || (op == '&' && c->p[1] == '&'))
			return 0;
		c->p++;
		if ((below ? eval_bits(c, &r, below) : eval_shift(c, &r)) < 0)
			return -1;
		*v = op == '|' ? *v | r : op == '^' ? *v ^ r : *v & r;
	}
}

static int eval_or(struct eval_ctx *c, uint64_t *v)
{
	return eval_bits(c, v, '|');
}

struct ms_error *ms_eval(const char *expr, int (*lookup)(void *arg, const char *name, uint64_t *val), void *arg,
	    uint64_t *ret)
{
	struct eval_ctx c = { .p = expr, .lookup = lookup, .arg = arg };
	uint64_t v;

	if (eval_or(&c, &v) < 0)
		return ms_error_usage("%s", c.err);
	skip_blanks(&c);
	if (*c.p)
		return ms_error_usage("invalid expression");
	*ret = v;
	return NULL;
}
