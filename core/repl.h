/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * repl.h - reading command lines: readline at a terminal, plain lines from
 * a pipe or an input file (batch mode), and running each line with its
 * pipe, redirection or pager (crash-spec.md §1.5-1.7).
 */
#ifndef MS_REPL_H
#define MS_REPL_H

#include <stdbool.h>
#include <stdio.h>

struct ms_session;

#define MS_PROMPT "mmscope> "

/**
 * Run one line of input: alias expansion, "!shell", "| pipeline",
 * "> file", ">> file", the pager, the command.  Blank lines and "#" or "//"
 * comments do nothing.  Errors are printed; returns 0 or -1.
 * @p interactive: the line was typed at a terminal (the pager may be used).
 */
int ms_repl_line(struct ms_session *sess, const char *line, bool interactive);

/** True if @p line is neither blank nor a comment. */
bool ms_repl_is_command(const char *line);

/**
 * Batch mode: run every line of @p fp until its end or "q", echoing
 * "mmscope> LINE" before each command when @p echo is set and the session
 * is not silent (checked at each line: "set silent on" applies at once).
 */
void ms_repl_file(struct ms_session *sess, FILE *fp, bool echo);

/**
 * The interactive loop on a terminal: readline with the prompt
 * "mmscope> ", history in ~/.mmscope_history, completion of commands,
 * options, symbols, struct names and members.  Ends at "q" or Ctrl-D.
 */
void ms_repl_interactive(struct ms_session *sess);

#endif
