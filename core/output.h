/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * output.h - where command output goes.
 *
 * Commands write to ms_fp, never to stdout directly.  The session points
 * ms_fp at stdout, at a pager, at a "| pipeline" or at a "> file" for the
 * length of one command line and restores it afterwards.
 *
 * Column helpers follow crash's "make string" rules (crash-spec.md §0.1):
 * a string shorter than the width is left-, right- or centre-justified; a
 * longer one is printed whole.
 */
#ifndef MS_OUTPUT_H
#define MS_OUTPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "core/error.h"

extern FILE *ms_fp;

enum ms_just { MS_LJUST, MS_RJUST, MS_CENTER, MS_CENTER_RIGHT };

/** Format @p s into @p buf justified in @p width columns; returns @p buf. */
char *ms_mkstring(char *buf, size_t bufsz, int width, enum ms_just just, const char *s);

/*
 * Row builders for commands that print a line per page or per object
 * (kmem -p, kmem -S): printf's conversions by hand, several times faster.
 * Each writes at @p (no terminating NUL) and returns the end.
 */
/** "%lx" */
char *ms_put_hex(char *p, uint64_t v);
/** "%*lx", or "%-*lx" when @p left */
char *ms_put_hex_w(char *p, uint64_t v, int width, bool left);
/** "%*lu" */
char *ms_put_udec_w(char *p, uint64_t v, int width);

/** Output mode: crash's text, or JSON for the commands that support it (session.h). */
enum ms_output_mode { MS_OUTPUT_TEXT, MS_OUTPUT_JSON };

/**
 * Memory sizes as crash's MEMORY line and kmem -i print them: "%.1f GB",
 * "%.1f MB" or "%ld KB" with a trailing ".0" dropped, "0" for zero.
 */
char *ms_format_memsize(char *buf, size_t bufsz, uint64_t bytes);

/** True when the user asked to stop (SIGINT); long loops poll it. */
bool ms_interrupted(void);

/*
 * The session side: where one command line's output goes.  Everything
 * below is called by the REPL, not by commands.
 */
enum ms_output_dest {
	MS_DEST_STDOUT,		/* the terminal or whatever stdout is */
	MS_DEST_PAGER,		/* $PAGER or "less -E -X" */
	MS_DEST_PIPE,		/* "| pipeline" */
	MS_DEST_FILE,		/* "> file" or ">> file" */
};
enum ms_output_dest ms_output_dest(void);

/**
 * Point ms_fp at @p dest for one command line.  @p arg is the shell
 * pipeline (PIPE), the file name (FILE) or ignored.  On failure ms_fp stays
 * stdout and the OS error says why ("unable to open FILE: ...").
 */
struct ms_error *ms_output_begin(enum ms_output_dest dest, const char *arg, bool append);
/** Close the pipe, pager or file and point ms_fp back at stdout. */
void ms_output_end(void);
/**
 * The first write error on the output since the last call (a full disk, an
 * I/O error; not a reader that went away), as OS naming the file or
 * "standard output", or NULL.  Output that was lost is a failed command.
 */
struct ms_error *ms_output_write_error(void);

/** The pager command line: $PAGER if set and non-empty, else "less -E -X". */
const char *ms_pager_command(void);

/**
 * Install the handlers for SIGINT (sets the interrupted flag) and SIGPIPE
 * (a closed pipe or pager must not end the session).
 */
void ms_signals_init(void);
/**
 * Whether the reader of stdout went away (EPIPE/SIGPIPE) while a command
 * wrote to it: the REPL then ends the session quietly.
 */
bool ms_stdout_broken(void);
/** Set or clear the interrupted flag (the REPL clears it before each line). */
void ms_set_interrupted(bool on);

#endif
