/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * cmdline.h - turning a line of input into a command, as crash does
 * (crash-spec.md §1.6-1.8).
 *
 * A line is first split into the mmscope command and what follows it: a
 * "| shell pipeline", a "> file" or ">> file", or, for a line that starts
 * with "!" or "|", a shell command.  The command part is then cut into words:
 * blanks separate words, a "double quoted string" is one word (quotes
 * removed) and a (parenthesised expression), nested or not, is one word
 * (parentheses kept).  Characters inside quotes and parentheses never split
 * a line or a word.
 *
 * The alias table and crash's integer expression evaluator (eval) live here
 * too: both are pure string work, testable without a dump.
 *
 * Every function that fails returns a USAGE error (core/error.h) saying
 * what was wrong; nothing here prints.
 */
#ifndef MS_CMDLINE_H
#define MS_CMDLINE_H

#include <stdbool.h>
#include <stdint.h>

#include "core/error.h"

#define MS_MAXARGS 100

struct ms_cmdline {
	char *cmd;		/* the mmscope command, trimmed ("" if none) */
	char *pipe;		/* shell pipeline after the first '|' (or mid-line '!'), or NULL */
	char *file;		/* file after '>' or '>>', or NULL */
	bool append;		/* '>>' */
	bool shell;		/* the line starts with '!' or '|': cmd is a shell command
				   for system(); "" means an interactive shell */
	char *input;		/* "< FILE" at the start of the line: run FILE's commands */
	char *argfile;		/* "cmd args < FILE": run cmd once per line of FILE,
				   with that line's words appended, or NULL */
};

/**
 * Split @p line.  On success the strings in @p ret are malloc()ed and must be
 * freed with ms_cmdline_free().  Errors: "no shell command after '|'",
 * "pipe to nowhere?", "no file name after >", "no file name after >>",
 * "no file name after <", "unbalanced parentheses", "unbalanced quotes"
 * (USAGE errors).
 * A '<' counts only alone: "<<" is left to the command (eval's shift).
 */
struct ms_error *ms_cmdline_parse(const char *line, struct ms_cmdline *ret);
void ms_cmdline_free(struct ms_cmdline *cl);

/**
 * Cut @p s into words.  *argv_ret is a NULL-terminated malloc()ed vector of
 * malloc()ed strings, freed with ms_argv_free().  A first word "*foo" becomes
 * the two words "*" "foo".  Errors: "too many arguments (max 100)" and the
 * balance errors above.
 */
struct ms_error *ms_tokenize(const char *s, int *argc_ret, char ***argv_ret);
void ms_argv_free(char **argv);

/*
 * Aliases.  crash's built-ins (man, ?, quit, exit, sf, sn, hex, dec, px, pd)
 * are present from the start; runtime aliases are added with alias_set().
 * Expansion is textual and happens once, on the first word of a line, before
 * the line is split, so an alias may hold a pipe or a redirection.  The
 * table belongs to the session (session.h), which sets it up with
 * ms_aliases_init().
 */
struct ms_alias {
	const char *name;
	const char *command;
	bool builtin;
};

struct ms_aliases {
	struct ms_alias *v;	/* built-ins first, then runtime aliases */
	unsigned n;
};

/** Fill @p a with the built-in aliases. */
void ms_aliases_init(struct ms_aliases *a);
/** Free the runtime aliases and the table. */
void ms_aliases_deinit(struct ms_aliases *a);
/** The alias called @p name, or NULL. */
const struct ms_alias *ms_alias_find(const struct ms_aliases *a, const char *name);
/** Add or replace a runtime alias; USAGE if @p name is bad or would hide a built-in alias. */
struct ms_error *ms_alias_set(struct ms_aliases *a, const char *name, const char *command);
/** Delete a runtime alias; USAGE if there is none or it is built in. */
struct ms_error *ms_alias_delete(struct ms_aliases *a, const char *name);
/** The i-th alias in listing order (built-ins first), NULL past the end. */
const struct ms_alias *ms_alias_at(const struct ms_aliases *a, unsigned i);

/**
 * Expand an alias in the first word of @p line.  A first word written
 * "\\word" is not expanded; the backslash is dropped.  Returns a malloc()ed
 * line (a copy of @p line when nothing applies).
 */
char *ms_alias_expand(const struct ms_aliases *a, const char *line);

/**
 * Evaluate an integer expression as eval does, in 64-bit unsigned
 * arithmetic: + - * / % << >> & | ^ and "#" (power), unary ~ - +, with C
 * precedence and parentheses.  Numbers are hexadecimal if they start with
 * 0x or contain a hex letter, decimal otherwise; a k/K, m/M or g/G suffix
 * multiplies by 1 KiB, 1 MiB, 1 GiB.  Any other word is looked up with
 * @p lookup (may be NULL) with @p arg, which returns 0 and the value, or -1.
 * Errors (USAGE): "invalid expression" and "divide by zero".
 */
struct ms_error *ms_eval(const char *expr, int (*lookup)(void *arg, const char *name, uint64_t *val), void *arg,
	    uint64_t *ret);

#endif
