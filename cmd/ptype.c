/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ptype.c - gdb's ptype, which crash passes through to gdb: the definition
 * of a type, or of the type of an expression, from DWARF.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "core/command.h"
#include "core/error.h"
#include "core/expr.h"
#include "core/output.h"
#include "core/session.h"
#include "core/types.h"
#include "core/value.h"

/*
 * ptype: gdb's own command, which crash passes through to gdb: "type = "
 * and the type of a type name or of an expression, struct bodies expanded.
 */
static int cmd_ptype_handler(struct ms_session *sess, int argc, char **argv)
{
	struct ms_program *prog = sess->prog;
	bool offsets = false;
	int c;

	while ((c = ms_getopt(sess, argc, argv)) != -1) {
		if (c != 'o')
			return ms_cmd_usage(sess, NULL);
		offsets = true;
	}
	if (optind >= argc)
		return ms_cmd_usage(sess, NULL);
	char text[512] = "";
	for (int i = optind; i < argc; i++) {
		if (i > optind)
			strncat(text, " ", sizeof(text) - strlen(text) - 1);
		strncat(text, argv[i], sizeof(text) - strlen(text) - 1);
	}
	const struct ms_type *t = ms_type_get(prog, text);
	if (!t) {
		struct ms_value v;
		struct ms_error *err = ms_expr_eval(prog, text, &v);
		if (err) {
			char line[600];
			snprintf(line, sizeof(line), "%s\n", err->message);
			ms_error_destroy(err);
			ms_error_emit(sess, line);
			return ms_cmd_error(sess, "gdb request failed: ptype %s", text);
		}
		t = v.type;
		ms_expr_value_release(&v);
	}
	fputs("type = ", ms_fp);
	if (offsets)
		ms_type_print_decl(ms_fp, t, true, sess->radix == 16 ? 16 : 10);
	else
		ms_type_print_ptype(ms_fp, t);
	return 0;
}

static const struct ms_option ptype_options[] = {
	{ .letter = 'o', .arg = MS_OPT_NOARG, .help = "member offsets" },
	{ 0 },
};

const struct ms_command cmd_ptype = {
	.name = "ptype",
	.handler = cmd_ptype_handler,
	.flags = MS_CMD_DUMP | MS_CMD_PAGER,
	.getopt_prefix = "+",
	.operand_complete = MS_COMPLETE_TYPE,
	.summary = "print the definition of a type or of an expression's type",
	.synopsis = "ptype [-o] type | expression",
	.help =
	"  This command prints, as gdb's ptype does, the definition of a type given\n"
	"  by name (\"struct page\", \"pg_data_t\", \"unsigned long\") or of the type of\n"
	"  a C expression (\"node_data[0]->node_zones[1]\", \"*mem_map\").  Typedefs at\n"
	"  the top are resolved and structure and union bodies are expanded; as in\n"
	"  gdb, anonymous structures and unions nested two deep are shown as {...}\n"
	"  (\"struct NAME\" expands them all).\n"
	"\n"
	"       -o  show each member's offset, as \"struct -o\" does.\n"
	"\n"
	"EXAMPLES\n"
	"  The type of an expression:\n"
	"\n"
	"    mmscope> ptype node_data[0]->node_zones[0].free_area[0]\n"
	"    type = struct free_area {\n"
	"        struct list_head free_list[5];\n"
	"        unsigned long nr_free;\n"
	"    }\n",
	.options = ptype_options,
};
