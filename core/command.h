/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * command.h - the command table and the dispatcher.
 *
 * Each file in cmd/ defines one `const struct ms_command cmd_NAME` and
 * cmd/commands.c lists them in ms_commands[].  core/ never names a command:
 * main() hands the table to the session (ms_session_init()), and the
 * dispatcher, the REPL's completion and the banner find commands in it.
 *
 * A handler gets the session and argv as the user typed it (argv[0] is the
 * command name), parses it with getopt, writes to ms_fp, and returns 0, or
 * -1 after reporting the error with ms_cmd_error()/ms_cmd_fail().
 *
 * To add a command: write cmd/NAME.c defining `const struct ms_command
 * cmd_NAME` (name, handler, summary, synopsis, help, options), list it in
 * cmd/commands.c and cmd/Makefile.inc, add its tests and its entry in
 * man/mmscope.1.  The dispatcher, not the command, sets the command name for
 * messages, resets getopt and counts failures.
 */
#ifndef MS_COMMAND_H
#define MS_COMMAND_H

#include <stdbool.h>
#include <stddef.h>
#include "core/program.h"

struct ms_session;

struct ms_command {
	const char *name;
	int (*handler)(struct ms_session *sess, int argc, char **argv);
	const char *summary;		/* one line for "help" */
	const char *synopsis;		/* "kmem [-f|-F|-p] [address]" */
	const char *help;		/* the rest of "help NAME": description, options, examples */
	const char *const *options;	/* NULL-terminated, for tab completion */
	/* complete words of argument positions other than options: NULL = symbols */
	char *(*complete)(const char *text, int state);
	/* gdb's "/FMT" suffix is accepted on the name ("p/x"): argv[0] keeps it */
	bool format_suffix;
};

/* The table, NULL-terminated (cmd/commands.c); only main() names it. */
extern const struct ms_command *const ms_commands[];

/**
 * "mmscope diff OLD NEW" (cmd/diff.c; main() calls it, as it names the
 * table): what changed from program @p a (dump @p pa) to program @p b
 * (@p pb): slab caches, then buddy free pages per zone and order; JSON
 * with @p json.  NULL, or why one of them could not be read.
 */
struct ms_error *ms_diff(struct ms_program *a, struct ms_program *b, const char *pa,
			 const char *pb, bool json);

/** The command called @p name in @p sess's table, or NULL. */
const struct ms_command *ms_command_find(const struct ms_session *sess, const char *name);
/**
 * Print crash's usage block for @p cmd (NULL: the running command) and mark
 * the command failed; returns -1.
 */
int ms_cmd_usage(struct ms_session *sess, const struct ms_command *cmd);
/** Run one command line (already stripped of pipes/redirection).  0 or -1. */
int ms_command_run(struct ms_session *sess, int argc, char **argv);

/**
 * Parse an address as crash's htol() does: hexadecimal, "0x" optional, at
 * most 16 significant digits.  USAGE errors: invalid input: "zz",
 * input string too large: "..." (17 vs 16).
 */
struct ms_error *ms_parse_addr(const char *s, unsigned long long *ret);
/** Whether @p s parses as an address (ms_parse_addr()). */
bool ms_is_addr(const char *s);
/**
 * Parse an address, else a symbol name (its relocated value), "name+off" /
 * "name-off", or a (parenthesised expression) as eval takes it.
 * Errors: LOOKUP "symbol not found: NAME"; USAGE for the rest.
 */
struct ms_error *ms_parse_addr_or_symbol(struct ms_program *prog, const char *s, unsigned long long *ret);

#endif
