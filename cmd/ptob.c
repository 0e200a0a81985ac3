/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ptob.c - crash's "ptob": page frame numbers to byte addresses.  A number
 * is decimal when it is all digits, hexadecimal otherwise (crash's stoll()).
 */
#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

#include "core/command.h"
#include "core/error.h"
#include "core/mm.h"
#include "core/output.h"
#include "core/session.h"

static int cmd_ptob_handler(struct ms_session *sess, int argc, char **argv)
{
	const struct ms_mm *mm;
	struct ms_error *err;

	if (ms_getopt(sess, argc, argv) != -1 || optind >= argc)
		return ms_cmd_usage(sess, NULL);
	if ((err = ms_mm(sess->prog, MS_MM_ZONES, &mm)))
		return ms_cmd_fail(sess, err);
	for (int i = optind; i < argc; i++) {
		const char *s = argv[i];
		unsigned long long v;
		size_t k;

		for (k = 0; isdigit((unsigned char)s[k]); k++)
			;
		if (k && !s[k])
			v = strtoull(s, NULL, 10);
		else if ((err = ms_parse_addr(s, &v)))
			return ms_cmd_fail(sess, err);
		fprintf(ms_fp, "%llx: %llx\n", v, v << mm->page_shift);
	}
	return 0;
}

const struct ms_command cmd_ptob = {
	.name = "ptob",
	.handler = cmd_ptob_handler,
	.flags = MS_CMD_DUMP | MS_CMD_PAGER,
	.summary = "page to bytes",
	.operands = "page_number ...",
	.help =
"  This command translates a page frame number to its byte value (the page\n"
"  size is the dump's).  A number of digits only is decimal, any other is\n"
"  hexadecimal.\n"
"\n"
"EXAMPLES\n"
"    mmscope> ptob 512a\n"
"    512a: 512a000\n",
};
