/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * print.c - "p": evaluate a C expression and print it as gdb's print does
 * (crash-spec §2.10).
 *
 * The expression goes to core/expr.c, the result to core/value.c.  Like
 * crash, a bare symbol is echoed before the history number
 * ("max_pfn = $1 = 262144"), and a failed evaluation prints gdb's message
 * followed by "p: gdb request failed: p EXPR".
 */
#include "config.h"

#include <getopt.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/command.h"
#include "core/error.h"
#include "core/expr.h"
#include "core/output.h"
#include "core/session.h"
#include "core/types.h"
#include "core/value.h"

extern const struct ms_command cmd_p;


static char *join_args(int argc, char **argv)
{
	size_t len = 1;

	for (int i = 0; i < argc; i++)
		len += strlen(argv[i]) + 1;
	char *s = calloc(1, len);
	if (!s)
		abort();
	for (int i = 0; i < argc; i++) {
		if (i)
			strcat(s, " ");
		strcat(s, argv[i]);
	}
	return s;
}

/*
 * gdb's value history, for a whole expression "$" (the last value), "$N",
 * "$$" (the one before the last) or "$$N" (N before the last): 1 and the
 * value in @p v (its bytes a copy), 0 when @p expr is no such reference,
 * -1 after reporting gdb's error.
 */
static int history_value(struct ms_session *sess, const char *expr, struct ms_value *v)
{
	const char *p = expr + 1;
	bool back = false;
	long n;
	char *end;

	if (expr[0] != '$')
		return 0;
	if (*p == '$') {
		back = true;
		p++;
	}
	if (!*p) {
		n = back ? 1 : 0;
	} else {
		n = strtol(p, &end, 10);
		if (*end || n < 0)
			return 0;
	}
	/* "$" and "$$N" count back from the last value, "$N" from the first */
	if (back || !*p)
		n = sess->value_history - n;
	if (n < 1 || n > sess->value_history) {
		if (!sess->value_history && !*p && !back)
			return 0;	/* gdb: "$" with an empty history is void */
		char line[64];

		snprintf(line, sizeof(line), "History has not yet reached $%ld.\n", n);
		ms_error_emit(sess, line);
		return ms_cmd_error(sess, "gdb request failed: p %s", expr);
	}
	{
		const struct ms_value_history *h = &sess->values[n - 1];
		size_t size = h->type ? (size_t)ms_type_size(h->type) : 0;

		memset(v, 0, sizeof(*v));
		v->type = h->type;
		v->lval = h->lval;
		v->addr = h->addr;
		v->bytes = malloc(size ? size : 1);
		if (!v->bytes)
			return ms_cmd_fail(sess, &ms_enomem);
		memcpy(v->bytes, h->bytes, size);
	}
	return 1;
}

/* Keep @p v as $N, the next value of the history; false if out of memory. */
static bool history_add(struct ms_session *sess, const struct ms_value *v)
{
	size_t size = v->type ? (size_t)ms_type_size(v->type) : 0;
	struct ms_value_history *vals = realloc(sess->values,
						(size_t)(sess->value_history + 1) * sizeof(*vals));
	unsigned char *copy = malloc(size ? size : 1);

	if (vals)
		sess->values = vals;
	if (!vals || !copy) {
		free(copy);
		return false;
	}
	memcpy(copy, v->bytes, size);
	sess->values[sess->value_history] = (struct ms_value_history){ v->type, copy, v->addr, v->lval };
	sess->value_history++;
	return true;
}

static int cmd_p_handler(struct ms_session *sess, int argc, char **argv)
{
	struct ms_program *prog = sess->prog;
	int radix = sess->radix == 16 ? 16 : 10, c;
	bool hex = false, dec = false, fmt_x = false;
	const char *fmt = NULL;

	/* gdb's "p/x EXPR" arrives as argv[0] "p/x" or as a first word "/x" */
	if (strchr(argv[0], '/'))
		fmt = strchr(argv[0], '/');
	while ((c = ms_getopt(sess, argc, argv)) != -1) {
		switch (c) {
		case 'x': hex = true; break;
		case 'd': dec = true; break;
		case 'u':
			return ms_cmd_error(sess, "-u option not supported or applicable on this architecture or kernel");
		default:
			return ms_cmd_usage(sess, &cmd_p);
		}
	}
	if (hex && dec)
		return ms_cmd_error(sess, "-d and -x are mutually exclusive");
	if (optind < argc && argv[optind][0] == '/')
		fmt = argv[optind++];
	if (fmt) {
		if (!strcmp(fmt, "/x"))
			fmt_x = true;
		else if (!strcmp(fmt, "/d"))
			dec = true;
		else
			return ms_cmd_error(sess, "unsupported print format: %s", fmt);
	}
	if (hex)
		radix = 16;
	if (dec)
		radix = 10;
	if (optind >= argc)
		return ms_cmd_usage(sess, &cmd_p);

	char *expr = join_args(argc - optind, argv + optind);
	struct ms_value v;
	int rc = 0, hist = history_value(sess, expr, &v);
	struct ms_error *err = NULL;

	if (hist < 0) {
		free(expr);
		return -1;
	}
	if (!hist)
		err = ms_expr_eval(prog, expr, &v);
	if (err) {
		char line[1200];
		snprintf(line, sizeof(line), "%s\n", err->message);
		ms_error_destroy(err);
		ms_error_emit(sess, line);
		rc = ms_cmd_error(sess, "gdb request failed: p %s", expr);
		free(expr);
		return rc;
	}
	if (!hist && (err = ms_expr_value_load(prog, &v))) {
		rc = ms_cmd_fail(sess, err);
		char line[128];
		snprintf(line, sizeof(line), "Cannot access memory at address 0x%" PRIx64 "\n", v.addr);
		ms_error_emit(sess, line);
		ms_expr_value_release(&v);
		free(expr);
		return rc;
	}
	if (v.symbol)
		fprintf(ms_fp, "%s = ", v.symbol);
	if (!history_add(sess, &v)) {
		ms_expr_value_release(&v);
		free(expr);
		return ms_cmd_fail(sess, &ms_enomem);
	}
	fprintf(ms_fp, "$%d = ", sess->value_history);	/* gdb's $N */
	ms_value_print_fmt(prog, ms_fp, v.type, v.bytes, v.lval ? v.addr : 0, radix, fmt_x, 0);
	fputc('\n', ms_fp);
	ms_expr_value_release(&v);
	free(expr);
	return rc;
}

static const struct ms_option p_options[] = {
	{ .letter = 'x', .arg = MS_OPT_NOARG, .help = "hexadecimal output" },
	{ .letter = 'd', .arg = MS_OPT_NOARG, .help = "decimal output" },
	{ .letter = 'u', .arg = MS_OPT_NOARG },
	{ 0 },
};

const struct ms_command cmd_p = {
	.name = "p",
	.format_suffix = true,
	.handler = cmd_p_handler,
	.flags = MS_CMD_DUMP | MS_CMD_PAGER,
	.summary = "print the value of an expression",
	.synopsis = "p [-x|-d] [/x] expression",
	.help =
	"  This command evaluates a C expression over the dump, using the types and\n"
	"  variables of the debuginfo's DWARF, and prints the result as gdb's print\n"
	"  command does: structures and unions as nested \"{ member = value, ... }\"\n"
	"  blocks, arrays as \"{1, 2, 3}\" with \"<repeats N times>\", enums by name,\n"
	"  pointers as 0x... followed by <symbol+offset> when they point into a\n"
	"  symbol, and char arrays and char pointers as strings.  When the expression\n"
	"  is a single symbol its name is shown before the value history number.\n"
	"\n"
	"  Expressions may use global variables, enumerators and functions, members\n"
	"  (a.b, a->b, through anonymous structs and unions), *ptr, &x, array[i],\n"
	"  ptr[i], casts such as (struct page *)0x..., sizeof, integer literals, and\n"
	"  the operators * / % + - << >> & ^ | with C precedence and pointer\n"
	"  arithmetic.\n"
	"\n"
	"       -x  override the current output format with hexadecimal format.\n"
	"       -d  override the current output format with decimal format.\n"
	"       /x  gdb's hexadecimal print format: every scalar, char arrays\n"
	"           included, in hex, without symbols or strings.\n"
	"\n"
	"  The aliases \"px\" and \"pd\" stand for \"p -x\" and \"p -d\".\n"
	"\n"
	"EXAMPLES\n"
	"  Print a global variable:\n"
	"\n"
	"    mmscope> p max_pfn\n"
	"    max_pfn = $1 = 65536\n"
	"\n"
	"  Follow a pointer to a member of a structure:\n"
	"\n"
	"    mmscope> p node_data[0]->node_zones[1].name\n"
	"    $2 = 0x4000404f <zone_name_dma32> \"DMA32\"\n"
	"\n"
	"  Print a structure through a cast, and an address in hexadecimal:\n"
	"\n"
	"    mmscope> p *(struct list_head *)0x20000105e8a8\n"
	"    $3 = {\n"
	"      next = 0x2000011e94a0,\n"
	"      prev = 0x2000011e94a0\n"
	"    }\n"
	"    mmscope> px (unsigned long)mem_map\n"
	"    $4 = 0x20000105fdc0\n",
	.options = p_options,
	.getopt_prefix = "+",
};
