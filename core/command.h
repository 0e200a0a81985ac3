/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * command.h - the command table, option tables and the dispatcher.
 *
 * Each file in cmd/ defines one `const struct ms_command cmd_NAME` and
 * cmd/commands.c lists them in ms_commands[].  core/ never names a command:
 * main() hands the table to the session (ms_session_init()), and the
 * dispatcher, help, the REPL's completion and the banner find commands in it.
 *
 * A command declares:
 *   - its options, in a table of struct ms_option (letter, argument, help,
 *     what the argument completes to).  The table gives the getopt string
 *     (ms_getopt() parses with it), the usage line when the command has no
 *     crash synopsis of its own, the OPTIONS lines of its help page and TAB
 *     completion of options and of their arguments;
 *   - flags the dispatcher enforces before the handler runs: MS_CMD_DUMP
 *     (needs an open dump), MS_CMD_JSON (renders JSON through the output
 *     layer, core/record.h; without it --json is refused with a clear
 *     error), MS_CMD_PAGER (its output goes through the pager at a
 *     terminal).
 *
 * A handler gets the session and argv as the user typed it (argv[0] is the
 * command name), parses it with ms_getopt(), builds records and emits them
 * (ms_emit(), ms_emit_row()) or writes crash's text to ms_fp, and returns 0,
 * or -1 after reporting the error with ms_cmd_error()/ms_cmd_fail().
 *
 * To add a command (doc/HACKING.md has a worked example): write cmd/NAME.c
 * defining its option table and `const struct ms_command cmd_NAME`, list it
 * in cmd/commands.c and cmd/Makefile.inc, add its tests and its entry in
 * man/mmscope.1.  The dispatcher, not the command, sets the command name for
 * messages, resets getopt, refuses --json and counts failures.
 */
#ifndef MS_COMMAND_H
#define MS_COMMAND_H

#include <stdbool.h>
#include <stddef.h>
#include <getopt.h>

#include "core/program.h"

struct ms_session;

/** What an option's argument, or an operand, completes to at TAB. */
enum ms_complete {
	MS_COMPLETE_NONE,
	MS_COMPLETE_SYMBOL,	/* symbol names */
	MS_COMPLETE_TYPE,	/* struct/union/type names, "type.member" */
	MS_COMPLETE_MEMBER,	/* members of the option's .type ("struct page") */
	MS_COMPLETE_COMMAND,	/* command names (help) */
};

enum ms_option_arg {
	MS_OPT_NOARG,		/* -f */
	MS_OPT_ARG,		/* -m member[,member] */
	MS_OPT_OPTARG,		/* -i[=shared]: glued to the letter or absent */
};

/** One option of a command: a row of its option table, ended by { 0 }. */
struct ms_option {
	char letter;
	enum ms_option_arg arg;
	const char *argname;		/* "member[,member]", in usage and help */
	const char *help;		/* one line, for help's OPTIONS; NULL: not listed */
	enum ms_complete complete;	/* what the argument completes to */
	const char *type;		/* MS_COMPLETE_MEMBER: whose members */
};

/* Flags of struct ms_command, enforced by the dispatcher. */
#define MS_CMD_DUMP	(1u << 0)	/* needs an open dump */
#define MS_CMD_JSON	(1u << 1)	/* renders JSON; others refuse --json */
#define MS_CMD_PAGER	(1u << 2)	/* output goes through the pager at a terminal */

struct ms_command {
	const char *name;
	int (*handler)(struct ms_session *sess, int argc, char **argv);
	unsigned flags;			/* MS_CMD_* */
	const char *summary;		/* one line for "help" */
	/*
	 * The usage line: crash's synopsis when it groups options its own way
	 * ("kmem [-f|-F|-p] [address]"); NULL: generated from the option table
	 * and .operands.  tests/e2e/session/options checks that the two name
	 * the same options.
	 */
	const char *synopsis;
	const char *operands;		/* after the options in a generated usage: "[address] ..." */
	const char *help;		/* the rest of "help NAME": description, options, examples */
	const struct ms_option *options;	/* ended by { 0 }; NULL: no options */
	const char *getopt_prefix;	/* "+" (stop at the first operand), "" or NULL */
	/* complete words of argument positions other than options: NULL = symbols */
	char *(*complete)(const char *text, int state);
	enum ms_complete operand_complete;	/* when .complete is NULL */
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
/**
 * getopt() over @p argv with the running command's option table (the
 * dispatcher builds the string once per command).  Returns the option
 * letter, '?' for a bad option or missing argument (getopt's message is
 * printed), -1 at the end; optarg and optind as getopt's.
 */
int ms_getopt(struct ms_session *sess, int argc, char **argv);
/** The getopt string of @p cmd's table into @p buf: "fFpi::m:". */
void ms_options_getopt_string(const struct ms_command *cmd, char *buf, size_t bufsz);
/** The usage line generated from @p cmd's table: "sym [-l] [-q string] [symbol] ...". */
void ms_options_usage(const struct ms_command *cmd, char *buf, size_t bufsz);
/** The option @p letter of @p cmd's table, or NULL. */
const struct ms_option *ms_option_find(const struct ms_command *cmd, int letter);
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
