/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * session.h - the state of one mmscope session, and how a command reports.
 *
 * A session is the user's side of mmscope, around the program it inspects
 * (core/program.h): the settings (radix, scrolling,
 * output mode, where errors go), the command running now and how many
 * failed, the aliases, the history of command lines.  main() makes one and
 * hands it to the REPL, which hands it to every command handler: nothing in
 * core/ or cmd/ reaches the session through a global.
 *
 * Messages: a handler that gives up prints "<cmd>: <message>" with
 * ms_cmd_error(), and returns -1.  Errors go to stdout, as crash's do ("set
 * error default"); when the command's output goes to a "| pipeline" or a
 * "> file" the message is written there too, so that a transcript captured
 * through a redirection shows why it is short.  Output going to the pager
 * gets the message only once, inside it.
 *
 * In JSON mode (--json, "set output json") errors, warnings, notes and
 * usage blocks go to stderr as JSON objects instead (core/record.h), so that
 * stdout holds nothing but the command's JSON.
 */
#ifndef MS_SESSION_H
#define MS_SESSION_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "core/cmdline.h"
#include "core/error.h"
#include "core/output.h"
#include "core/program.h"

struct ms_command;
struct ms_type;

#define MS_NR_CRASH_VARS 16

/* One value of gdb's value history ($1, $2 ...), as "p" printed it. */
struct ms_value_history {
	const struct ms_type *type;	/* valid while the program lives */
	unsigned char *bytes;		/* a copy of the value; malloc()ed */
	uint64_t addr;			/* where it was read, if lval */
	bool lval;
};

/* "set error": where error messages go */
enum ms_error_dest_mode {
	MS_ERRDEST_DEFAULT,	/* stdout, and also the redirection */
	MS_ERRDEST_REDIRECT,	/* only the redirection while there is one */
	MS_ERRDEST_FILE,	/* appended to a file only */
};

struct ms_session {
	/* the command table (cmd/commands.c), given by main() */
	const struct ms_command *const *commands;
	/* the dump and debuginfo being inspected; NULL for "mmscope -h" */
	struct ms_program *prog;

	/* settings ("set") */
	int radix;			/* 10 or 16: output radix of p, struct, ... */
	bool silent;			/* -s: no banner, no echo of batch input */
	bool batch;			/* input is not a terminal or comes from -i */
	bool scroll;			/* pager on */
	enum ms_output_mode output_mode;	/* crash's text, or JSON */
	enum ms_error_dest_mode err_mode;
	/*
	 * crash's set variables that mmscope accepts and shows but does not act
	 * on (hash, print_max, edit ...): their values, as set, indexed by
	 * cmd/set.c's table; NULL means the default.
	 */
	char *crash_vars[MS_NR_CRASH_VARS];
	char *err_path;			/* MS_ERRDEST_FILE: its name and stream */
	FILE *err_fp;

	/* the running command */
	const char *cmd_name;		/* NULL between commands */
	const struct ms_command *cmd;	/* the running command, or NULL */
	char *cmd_line;			/* its words as typed, for JSON's "command" */
	unsigned cmd_emitted;		/* JSON documents or rows it emitted */
	char cmd_optstring[128];	/* its getopt string (ms_getopt()) */
	bool cmd_failed;		/* it reported an error */
	bool cmd_usage;			/* it printed its usage block */
	int nr_failed;			/* commands that failed in this session */
	int nr_usage_failed;		/* of nr_failed, those that were usage errors */
	bool quit;			/* "q" was entered: leave after this line */

	/* the REPL */
	struct ms_aliases aliases;
	char **history;			/* command lines run, for "h" and "r" */
	unsigned nr_history;
	size_t cap_history;
	int input_depth;		/* input files being read (-i, "< FILE") */
	int value_history;		/* the last $N that "p" printed */
	struct ms_value_history *values;	/* values[N - 1] is $N */
};

/**
 * Set up @p s with crash's defaults (decimal output, scrolling on, text) and
 * the command table @p commands (NULL-terminated).
 */
void ms_session_init(struct ms_session *s, const struct ms_command *const *commands);
/** Free what the session holds (aliases, history, the "set error" file). */
void ms_session_deinit(struct ms_session *s);

/**
 * Print "<cmd>: <message>\n" where <cmd> is the running command's name
 * ("mmscope" outside a command), where errors go (see above).  Marks the
 * current command as failed.  Always returns -1 so that a handler can say
 * `return ms_cmd_error(...)`.  A message that starts with a newline is
 * preceded by a blank line, as crash does.
 */
int ms_cmd_error(struct ms_session *s, const char *fmt, ...) MS_PRINTF(2, 3);
/**
 * Report @p err as ms_cmd_error() reports a message, and destroy it.  An
 * INTERRUPTED error prints nothing and does not mark the command failed:
 * what was wanted has been printed.  Returns -1.
 */
int ms_cmd_fail(struct ms_session *s, struct ms_error *err);
/** "WARNING: <message>\n" on the current output; does not fail the command. */
void ms_warn(struct ms_session *s, const char *fmt, ...) MS_PRINTF(2, 3);
/** "NOTE: <message>\n" on the current output, labelled like ms_warn(). */
void ms_note(struct ms_session *s, const char *fmt, ...) MS_PRINTF(2, 3);

/**
 * Write @p text where an error message goes: stdout, and also the pipe or
 * file the command's output is redirected to (only the pager when paging).
 * Used for messages that are not "cmd: " lines, such as the usage block.
 */
void ms_error_emit(struct ms_session *s, const char *text);

/**
 * "set error": "default", "redirect", or a file name (appended to); an OS
 * error if the file cannot be opened.
 */
struct ms_error *ms_error_set_dest(struct ms_session *s, const char *spec);
/** The current "set error" value: "default", "redirect" or the file name. */
const char *ms_error_dest(const struct ms_session *s);

#endif
