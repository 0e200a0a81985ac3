/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * command.h - the command table.
 *
 * Each file in cmd/ defines one `const struct ms_command cmd_NAME` and
 * cmd/commands.c lists them.  A handler gets argv as the user typed it
 * (argv[0] is the command name), parses it with getopt, writes to ms_fp, and
 * returns 0, or -1 after reporting the error with ms_cmd_error()/ms_cmd_fail().
 */
#ifndef MS_COMMAND_H
#define MS_COMMAND_H

#include <stddef.h>

struct ms_command {
	const char *name;
	int (*handler)(int argc, char **argv);
	const char *summary;		/* one line for "help" */
	const char *synopsis;		/* "kmem [-f|-F|-p] [address]" */
	const char *help;		/* the rest of "help NAME": description, options, examples */
	const char *const *options;	/* NULL-terminated, for tab completion */
	/* complete words of argument positions other than options: NULL = symbols */
	char *(*complete)(const char *text, int state);
};

extern const struct ms_command *const ms_commands[];	/* NULL-terminated, cmd/commands.c */

const struct ms_command *ms_command_find(const char *name);
/** Print crash's usage block for @p cmd and mark the command failed; returns -1. */
int ms_cmd_usage(const struct ms_command *cmd);
/** Run one command line (already stripped of pipes/redirection).  0 or -1. */
int ms_command_run(int argc, char **argv);

/** Parse a number as crash does: hex for addresses ("0x" optional), or decimal. */
int ms_parse_addr(const char *s, unsigned long long *ret);
/** Parse an address or a symbol name (value of the symbol). */
int ms_parse_addr_or_symbol(const char *s, unsigned long long *ret);

#endif
