/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * union.c - "union": "struct" for unions (cmd/struct.c does the work).
 */
#include "cmd/struct.h"
#include "core/command.h"

extern const struct ms_command cmd_union;

static int cmd_union_handler(struct ms_session *sess, int argc, char **argv)
{
	return struct_common(sess, &cmd_union, argc, argv);
}

const struct ms_command cmd_union = {
	.name = "union",
	.handler = cmd_union_handler,
	.flags = MS_CMD_DUMP | MS_CMD_JSON | MS_CMD_PAGER,
	.operand_complete = MS_COMPLETE_TYPE,
	.summary = "union contents",
	.synopsis = "union union_name[.member[,member]] [-o][-l offset][-rxd] [address | symbol][:cpuspec]\n"
		    "      [count | -c count]",
	.help =
	"  This command displays either a union definition, or a formatted display\n"
	"  of the contents of a union at a specified address.  When no address is\n"
	"  specified, the union definition is shown along with the union size.  A\n"
	"  union member may be appended to the union name in order to limit the\n"
	"  scope of the data displayed to that particular member.\n"
	"\n"
	STRUCT_OPTIONS_HELP
	"\n"
	STRUCT_JSON_HELP
	"\n"
	"EXAMPLES\n"
	"  The union that holds the first task's kernel stack, and a struct, which\n"
	"  is not a union:\n"
	"\n"
	"    mmscope> union thread_union init_thread_union\n"
	"    union thread_union {\n"
	"      thread_info = {\n"
	"        task = 0x40048000 <init_task>,\n"
	"    ...\n"
	"    mmscope> union -o page\n"
	"    union: data type mismatch: page is not a union\n",
	.options = struct_options,
};
