/* SPDX-License-Identifier: GPL-2.0-or-later */
/* quit.c - "q": end the session ("exit" and "quit" are aliases). */
#include "core/command.h"
#include "core/session.h"

static int cmd_q_handler(struct ms_session *sess, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	sess->quit = true;
	return 0;
}

const struct ms_command cmd_q = {
	.name = "q",
	.handler = cmd_q_handler,
	.flags = MS_CMD_JSON,	/* prints nothing */
	.summary = "exit this session",
	.synopsis = "q",
	.help =
"  Bring the session to an end; \"exit\" and \"quit\" are aliases.  In batch\n"
"  mode the exit status tells whether every command succeeded (see the\n"
"  EXIT STATUS section of mmscope(1)).\n",
};
