/* SPDX-License-Identifier: GPL-2.0-or-later */
/* cmd/buddyinfo.c - placeholder until the command lands. */
#include "core/command.h"
#include "core/error.h"

static int cmd_buddyinfo_handler(int argc, char **argv)
{
	(void)argc; (void)argv;
	return ms_cmd_error("not implemented yet");
}

const struct ms_command cmd_buddyinfo = {
	.name = "buddyinfo",
	.handler = cmd_buddyinfo_handler,
	.summary = "(not implemented yet)",
};
