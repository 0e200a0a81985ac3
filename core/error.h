/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * error.h - how mmscope reports failure.
 *
 * A fallible core function records one message with ms_error_set() and
 * returns -1 (or NULL); it prints nothing.  The message is worded the way
 * crash words it ("invalid kernel virtual address: 1234  type: \"page\"")
 * and never carries the command name: the command that gave up prints it
 * with ms_cmd_fail() (core/session.h), which adds the "cmd: " prefix.  A
 * later ms_error_set() replaces the message.
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

#endif
