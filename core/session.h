/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * session.h - the state of one mmscope session.
 *
 * One session inspects one dump with one debuginfo file.  It is created by
 * main() after the dump and the debuginfo are open and lives until exit.
 */
#ifndef MS_SESSION_H
#define MS_SESSION_H

#include <stdbool.h>
#include <stdint.h>

struct ms_session {
	const char *debuginfo;		/* path of the ELF with symbols and DWARF */
	const char *dumpfile;		/* path of the vmcore */
	int radix;			/* 10 or 16: output radix of p, struct, ... */
	bool silent;			/* -s: no banner, no echo of batch input */
	bool batch;			/* input is not a terminal or comes from -i */
	bool scroll;			/* pager on */
	const char *cmd_name;		/* running command, NULL between commands */
	bool cmd_failed;		/* the running command reported an error */
	int nr_failed;			/* commands that failed in this session */
	/* added by the session code; other modules may read them */
	bool have_dump;			/* dump, symbols and types are loaded */
	bool cmd_usage;			/* the running command printed its usage block */
	int nr_usage_failed;		/* of nr_failed, those that were usage errors */
	bool quit;			/* "q" was entered: leave after this line */
};

extern struct ms_session ms_sess;

#endif
