/* SPDX-License-Identifier: GPL-2.0-or-later */
/* fuzz_session.h - a session on a dump, for the harnesses that run commands. */
#ifndef MS_FUZZ_SESSION_H
#define MS_FUZZ_SESSION_H

#include "core/session.h"

/**
 * Open @p dump and the debuginfo into a new program, and @p sess on it
 * (silent, batch, no pager).  Returns the error instead of exiting.
 */
struct ms_error *fuzz_session_open(struct ms_session *sess, const char *dump);
void fuzz_session_close(struct ms_session *sess);
/** Run one command line's words, as the REPL would without redirection. */
int fuzz_run(struct ms_session *sess, const char *line);

#endif
