/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * btop.c - crash's "btop": hexadecimal addresses to page frame numbers.
 */
#include <inttypes.h>
#include <stdio.h>

#include "core/command.h"
#include "core/error.h"
#include "core/mm.h"
#include "core/output.h"
#include "core/session.h"

static int cmd_btop_handler(struct ms_session *sess, int argc, char **argv)
{
	const struct ms_mm *mm;
	struct ms_error *err;

	if (ms_getopt(sess, argc, argv) != -1 || optind >= argc)
		return ms_cmd_usage(sess, NULL);
	if ((err = ms_mm(sess->prog, MS_MM_ZONES, &mm)))
		return ms_cmd_fail(sess, err);
	for (int i = optind; i < argc; i++) {
		unsigned long long v;

		if ((err = ms_parse_addr(argv[i], &v)))
			return ms_cmd_fail(sess, err);
		fprintf(ms_fp, "%llx: %llx\n", v, v >> mm->page_shift);
	}
	return 0;
}

const struct ms_command cmd_btop = {
	.name = "btop",
	.handler = cmd_btop_handler,
	.flags = MS_CMD_DUMP | MS_CMD_PAGER,
	.summary = "bytes to page",
	.operands = "address ...",
	.help =
"  This command translates a hexadecimal address to its page number (the\n"
"  page size is the dump's).\n"
"\n"
"EXAMPLES\n"
"    mmscope> btop 512a000\n"
"    512a000: 512a\n",
};
