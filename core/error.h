/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * error.h - how mmscope reports failure.
 *
 * A fallible core function records one message with ms_error_set() and
 * returns -1 (or NULL); it prints nothing.  The message is worded the way
 * crash words it ("invalid kernel virtual address: 1234  type: \"page\"")
 * and never carries the command name: the command that gave up prints it
 * with ms_cmd_fail(), which adds the "cmd: " prefix.  The message buffer is
 * per session; a later ms_error_set() replaces it.
 */
#ifndef MS_ERROR_H
#define MS_ERROR_H

#include <stdarg.h>

#define MS_PRINTF(a, b) __attribute__((format(printf, a, b)))

/** Record @p fmt as the last error.  Always returns -1. */
int ms_error_set(const char *fmt, ...) MS_PRINTF(1, 2);
int ms_error_vset(const char *fmt, va_list ap);
/** The last recorded error, "" if none.  Valid until the next ms_error_set(). */
const char *ms_error_msg(void);
void ms_error_clear(void);

/**
 * Print "<cmd>: <message>\n" where <cmd> is the running command's name
 * ("mmscope" outside a command).  Like crash, errors go to stdout and, when
 * the command's output is piped or redirected, into that stream as well.
 * Marks the current command as failed.  Always returns -1 so that a
 * handler can say `return ms_cmd_error(...)`.
 */
int ms_cmd_error(const char *fmt, ...) MS_PRINTF(1, 2);
/** ms_cmd_error() with the last recorded error as the message. */
int ms_cmd_fail(void);
/** "WARNING: <message>\n" on the current output; does not fail the command. */
void ms_warn(const char *fmt, ...) MS_PRINTF(1, 2);
/** "NOTE: <message>\n" on the current output, labelled like ms_warn(). */
void ms_note(const char *fmt, ...) MS_PRINTF(1, 2);

/**
 * Write @p text where an error message goes: stdout, and also the pipe or
 * file the command's output is redirected to (only the pager when paging).
 * Used for messages that are not "cmd: " lines, such as the usage block.
 */
void ms_error_emit(const char *text);

/**
 * Where error messages go ("set error"): "default" (stdout, and also the
 * redirection), "redirect" (only the redirection while there is one, stdout
 * otherwise), or a file name (appended to that file only).  -1 (message
 * set) if the file cannot be opened.
 */
int ms_error_set_dest(const char *spec);
/** The current "set error" value: "default", "redirect" or the file name. */
const char *ms_error_dest(void);

#endif
