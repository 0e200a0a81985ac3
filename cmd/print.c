/* SPDX-License-Identifier: GPL-2.0-or-later */
/* cmd/print.c - placeholder until the command lands. */
#include "core/command.h"
#include "core/error.h"

static int cmd_p_handler(int argc, char **argv)
{
	(void)argc; (void)argv;
	return ms_cmd_error("not implemented yet");
}

const struct ms_command cmd_p = {
	.name = "p",
	.handler = cmd_p_handler,
	.summary = "(not implemented yet)",
};
