/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * eval.c - "eval": evaluate an integer expression and show it in
 * hexadecimal, decimal, octal and binary, as crash does (crash-spec §2.11).
 * The expression language is core/cmdline.c's ms_eval(); unlike crash it
 * takes any number of operators with C precedence.
 */
#include <getopt.h>
#include <stdbool.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "core/cmdline.h"
#include "core/command.h"
#include "core/error.h"
#include "core/output.h"
#include "core/session.h"
#include "core/symbols.h"

extern const struct ms_command cmd_eval;

static const char *const eval_options[] = { "-b", "-l", NULL };

static int lookup(void *arg, const char *name, uint64_t *val)
{
	struct ms_program *prog = arg;

	const struct ms_symbol *s = ms_symbol_find(prog, name);

	if (!s)
		return -1;
	*val = s->value;
	return 0;
}

static void print_value(uint64_t v, bool bits)
{
	const uint64_t kb = 1ULL << 10, mb = 1ULL << 20, gb = 1ULL << 30;
	char bin[65];
	int i, col;

	fprintf(ms_fp, "hexadecimal: %" PRIx64 "  ", v);
	if (v >= kb) {
		if (v % gb == 0)
			fprintf(ms_fp, "(%" PRIu64 "GB)", v / gb);
		else if (v % mb == 0)
			fprintf(ms_fp, "(%" PRIu64 "MB)", v / mb);
		else if (v % kb == 0)
			fprintf(ms_fp, "(%" PRIu64 "KB)", v / kb);
	}
	fprintf(ms_fp, "\n    decimal: %" PRIu64 "  ", v);
	if ((int64_t)v < 0)
		fprintf(ms_fp, "(%" PRId64 ")", (int64_t)v);
	fprintf(ms_fp, "\n      octal: %" PRIo64 "\n", v);
	for (i = 0; i < 64; i++)
		bin[i] = (v >> (63 - i)) & 1 ? '1' : '0';
	bin[64] = '\0';
	fprintf(ms_fp, "     binary: %s\n", bin);
	if (!bits)
		return;
	col = fprintf(ms_fp, "   bits set: ");
	for (i = 63; i >= 0; i--) {
		if (!((v >> i) & 1))
			continue;
		if (col >= 77) {
			fprintf(ms_fp, "\n%13s", "");
			col = 13;
		}
		col += fprintf(ms_fp, "%d ", i);
	}
	fputc('\n', ms_fp);
}

/* --json: {"hexadecimal": "8000000", "decimal": 134217728, "signed": ..., "octal": ..., "bits": [...]} */
static void print_json(uint64_t v)
{
	fprintf(ms_fp, "{\"hexadecimal\": \"%" PRIx64 "\", \"decimal\": %" PRIu64
		", \"signed\": %" PRId64 ", \"octal\": \"%" PRIo64 "\", \"bits\": [",
		v, v, (int64_t)v, v);
	for (int i = 63, first = 1; i >= 0; i--) {
		if ((v >> i) & 1) {
			fprintf(ms_fp, "%s%d", first ? "" : ", ", i);
			first = 0;
		}
	}
	fprintf(ms_fp, "]}\n");
}

static int cmd_eval_handler(struct ms_session *sess, int argc, char **argv)
{
	struct ms_program *prog = sess->prog;
	char expr[1024] = "";
	bool bits = false;
	uint64_t v;
	int c;
	struct ms_error *err;

	/*
	 * Options come first and are letters: "-1" or "-(x)" starts the
	 * expression, which getopt would take for an option.
	 */
	for (optind = 1; optind < argc && argv[optind][0] == '-' &&
	     (argv[optind][1] == 'b' || argv[optind][1] == 'l' ||
	      (argv[optind][1] >= 'a' && argv[optind][1] <= 'z')); optind++) {
		for (const char *o = argv[optind] + 1; (c = *o); o++) {
			if (c == 'b') {
				bits = true;
			} else if (c != 'l') {	/* -l: 64-bit already */
				fprintf(stderr, "%s: invalid option -- '%c'\n", argv[0], c);
				return ms_cmd_usage(sess, &cmd_eval);
			}
		}
	}
	if (optind == argc)
		return ms_cmd_usage(sess, &cmd_eval);
	for (int i = optind; i < argc; i++) {
		if (i > optind)
			strncat(expr, " ", sizeof(expr) - strlen(expr) - 1);
		strncat(expr, argv[i], sizeof(expr) - strlen(expr) - 1);
	}
	if ((err = ms_eval(expr, lookup, prog, &v))) {
		bool wrapped = expr[0] == '(' && expr[strlen(expr) - 1] == ')';

		int rc = ms_cmd_error(sess, "%s: %s%s%s", err->message, wrapped ? "" : "(", expr,
				      wrapped ? "" : ")");

		ms_error_destroy(err);
		return rc;
	}
	if (sess->output_mode == MS_OUTPUT_JSON)
		print_json(v);
	else
		print_value(v, bits);
	return 0;
}

const struct ms_command cmd_eval = {
	.name = "eval",
	.handler = cmd_eval_handler,
	.options = eval_options,
	.summary = "evaluate",
	.synopsis = "eval [-b][-l] (expression) | value",
	.help =
"  Evaluates an integer expression and shows the result in hexadecimal,\n"
"  decimal, octal and binary.  The operators are, by C precedence:\n"
"  unary ~ - + !, # (power), * / %, + -, << >>, &, ^, |; parentheses group.\n"
"  Arithmetic is 64-bit unsigned.  Operands are numbers or symbols: a number is\n"
"  hexadecimal if it starts with 0x or holds a hex letter, decimal otherwise;\n"
"  a k, m or g suffix multiplies it by 1K, 1M or 1G.  Parenthesise an\n"
"  expression that uses |, << or >> (or !), which would otherwise be read as\n"
"  a pipe, a redirection or a shell escape.\n"
"\n"
"    -b  also list the bits set in the result.\n"
"    -l  accepted for crash compatibility: values are always 64-bit.\n"
"\n"
"  With --json (or \"set output json\") the result is one JSON object:\n"
"  hexadecimal and octal as strings, decimal and signed as numbers, and the\n"
"  bits set, highest first.\n"
"\n"
"  A hexadecimal value that is a whole number of KB, MB or GB is followed by\n"
"  that size; a decimal value with the top bit set by its signed value.\n"
"\n"
"EXAMPLES\n"
"    mmscope> eval 128m\n"
"    hexadecimal: 8000000  (128MB)\n"
"        decimal: 134217728  \n"
"          octal: 1000000000\n"
"         binary: 0000000000000000000000000000000000001000000000000000000000000000\n"
"\n"
"    mmscope> eval ((1 << 12) | 0x3)\n"
"\n"
"    mmscope> eval -b 41dc065\n"
"    hexadecimal: 41dc065\n"
"        decimal: 69058661  \n"
"          octal: 407340145\n"
"         binary: 0000000000000000000000000000000000000100000111011100000001100101\n"
"       bits set: 26 20 19 18 16 15 14 6 5 2 0 \n",
};
