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

#include <stdbool.h>
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
	/* gdb's "/FMT" suffix is accepted on the name ("p/x"): argv[0] keeps it */
	bool format_suffix;
};

extern const struct ms_command *const ms_commands[];	/* NULL-terminated, cmd/commands.c */

const struct ms_command *ms_command_find(const char *name);
/** Print crash's usage block for @p cmd and mark the command failed; returns -1. */
int ms_cmd_usage(const struct ms_command *cmd);
/** Run one command line (already stripped of pipes/redirection).  0 or -1. */
int ms_command_run(int argc, char **argv);

/**
 * Parse an address as crash's htol() does: hexadecimal, "0x" optional, at
 * most 16 significant digits.  Errors (message set): invalid input: "zz",
 * input string too large: "..." (17 vs 16).
 */
int ms_parse_addr(const char *s, unsigned long long *ret);
/**
 * Parse an address, else a symbol name (its relocated value), "name+off" /
 * "name-off", or a (parenthesised expression) as eval takes it.
 * Error: "symbol not found: NAME".
 */
int ms_parse_addr_or_symbol(const char *s, unsigned long long *ret);

/*
 * Entry points of a few commands that the session also uses.
 */
/** cmd/help.c: print the help page of @p topic (a command, alias, "input",
 *  "output", "all") to ms_fp; -1 (nothing printed) if there is none. */
int ms_help_show(const char *topic);
/** cmd/sys.c: print the system block (crash-spec §1.3) to ms_fp. */
void ms_sys_print(void);

#endif
