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
#include "core/record.h"
#include "core/session.h"
#include "core/symbols.h"

extern const struct ms_command cmd_eval;

static const struct ms_option eval_options[] = {
	{ .letter = 'b', .arg = MS_OPT_NOARG, .help = "the bits set in the value" },
	{ .letter = 'l', .arg = MS_OPT_NOARG, .help = "64-bit arithmetic (always)" },
	{ 0 },
};

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

/* The record: the value in each radix, and the bits set (highest first). */
static struct ms_record *eval_record(uint64_t v)
{
	struct ms_record *rec = ms_record_create(), *bits;
	char oct[32];

	ms_record_add_addr(rec, "hexadecimal", v);
	ms_record_add_u64(rec, "decimal", v);
	ms_record_add_s64(rec, "signed", (int64_t)v);
	snprintf(oct, sizeof(oct), "%" PRIo64, v);
	ms_record_add_str(rec, "octal", oct);
	bits = ms_record_add_list(rec, "bits");
	for (int i = 63; i >= 0; i--)
		if ((v >> i) & 1)
			ms_record_append_s64(bits, i);
	return rec;
}

static void eval_text(struct ms_session *sess, const struct ms_record *rec, void *arg)
{
	(void)sess;
	print_value(ms_record_get_u64(rec, "decimal", 0), *(const bool *)arg);
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
	ms_emit(sess, eval_record(v), eval_text, &bits);
	return 0;
}

const struct ms_command cmd_eval = {
	.name = "eval",
	.handler = cmd_eval_handler,
	.flags = MS_CMD_JSON | MS_CMD_PAGER,
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
