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
#include "core/percpu.h"
#include "core/record.h"
#include "core/session.h"
#include "core/symbols.h"
#include "core/task.h"
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
	if (v->bytes)
		memcpy(copy, v->bytes, size);
	else
		memset(copy, 0, size);	/* a function: no bytes, its address is the value */
	sess->values[sess->value_history] = (struct ms_value_history){ v->type, copy, v->addr, v->lval };
	sess->value_history++;
	return true;
}

/*
 * JSON: a value as a record: its name, history number, type, address,
 * value - integers and enums as numbers, pointers as "0x..." strings, any
 * other value as the text gdb prints - and data, the value as JSON
 * (ms_value_record()).
 */
static void value_record(struct ms_session *sess, struct ms_record *r, const struct ms_value *v,
			 const char *name, int cpu, int radix, bool fmt_x)
{
	const struct ms_type *st = v->type ? ms_type_strip(v->type) : NULL;
	enum ms_type_kind k = st ? ms_type_kind(st) : MS_TYPE_VOID;
	uint64_t size = st ? ms_type_size(st) : 0, u = 0;

	ms_record_add_str(r, "name", name);
	if (cpu >= 0)
		ms_record_add_s64(r, "cpu", cpu);
	ms_record_add_s64(r, "history", sess->value_history);
	if (v->type) {
		char *decl = ms_type_decl(v->type, "");

		ms_record_add_str(r, "type", decl ? decl : "?");
		free(decl);
	} else {
		ms_record_add_null(r, "type");
	}
	if (v->lval)
		ms_record_add_addr(r, "address", v->addr);
	else
		ms_record_add_null(r, "address");
	if ((k == MS_TYPE_INT || k == MS_TYPE_ENUM || k == MS_TYPE_POINTER) && size &&
	    size <= 8 && v->bytes) {
		memcpy(&u, v->bytes, size);	/* little-endian: x86-64 dumps only */
		if (k == MS_TYPE_POINTER) {
			ms_record_add_addr(r, "value", u);
		} else if (ms_type_is_signed(st) && size < 8 && (u >> (size * 8 - 1)) & 1) {
			ms_record_add_s64(r, "value", (int64_t)(u | ~0ULL << (size * 8)));
		} else if (ms_type_is_signed(st)) {
			ms_record_add_s64(r, "value", (int64_t)u);
		} else {
			ms_record_add_u64(r, "value", u);
		}
		ms_value_record(sess->prog, r, v->type, v->bytes, v->lval ? v->addr : 0);
		return;
	}
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	if (f) {
		ms_value_print_fmt(sess->prog, f, v->type, v->bytes, v->lval ? v->addr : 0, radix, fmt_x, 0);
		fclose(f);
	}
	ms_record_add_str(r, "value", text ? text : "");
	free(text);
	ms_value_record(sess->prog, r, v->type, v->bytes, v->lval ? v->addr : 0);
}

/*
 * "LEADER = $N = VALUE" (no leader: "$N = VALUE"), @p v kept as $N; in
 * JSON mode (@p list) a record of the list instead, named @p name (and
 * @p cpu, unless -1).
 */
static int print_result(struct ms_session *sess, const struct ms_value *v, const char *leader,
			const char *name, int cpu, int radix, bool fmt_x, struct ms_record *list)
{
	if (leader && !list)
		fprintf(ms_fp, "%s = ", leader);
	if (!history_add(sess, v))
		return ms_cmd_fail(sess, &ms_enomem);
	if (list) {
		value_record(sess, ms_record_append_record(list), v, name, cpu, radix, fmt_x);
		return 0;
	}
	fprintf(ms_fp, "$%d = ", sess->value_history);	/* gdb's $N */
	ms_value_print_fmt(sess->prog, ms_fp, v->type, v->bytes, v->lval ? v->addr : 0, radix, fmt_x, 0);
	fputc('\n', ms_fp);
	return 0;
}

/* A value that could not be read: crash's error, then gdb's. */
static int print_fault(struct ms_session *sess, struct ms_error *err, uint64_t addr)
{
	char line[128];
	int rc = ms_cmd_fail(sess, err);

	if (ms_json(sess))
		return rc;	/* the error object has the address */
	snprintf(line, sizeof(line), "Cannot access memory at address 0x%" PRIx64 "\n", addr);
	ms_error_emit(sess, line);
	return rc;
}

/*
 * A per-CPU variable, as crash's display_per_cpu_info(): without a cpuspec
 * its type and each CPU's address; with one, "per_cpu(NAME, CPU) = $N =
 * VALUE" for each CPU it names ("&per_cpu(...)" and the address when the
 * debuginfo does not give the type).
 */
static int print_percpu(struct ms_session *sess, const struct ms_symbol *sym, const char *cpuspec,
			int radix, bool fmt_x, struct ms_record *rec)
{
	struct ms_program *prog = sess->prog;
	const struct ms_type *t = NULL;
	struct ms_error *err;
	uint64_t daddr, off;
	int ncpus, rc = 0;
	bool *cpus;

	if (!ms_error_ok(ms_variable_find(prog, sym->name, &t, &daddr)))
		t = NULL;
	if ((err = ms_percpu_nr_cpus(prog, &ncpus)))
		return ms_cmd_fail(sess, err);
	if (!cpuspec) {
		char *d = t ? ms_type_decl(t, sym->name) : NULL;
		struct ms_record *list = NULL;

		if (t && !d)
			return ms_cmd_fail(sess, &ms_enomem);
		if (rec) {
			ms_record_add_str(rec, "symbol", sym->name);
			if (d)
				ms_record_add_str(rec, "declaration", d);
			else
				ms_record_add_null(rec, "declaration");
			list = ms_record_add_list(rec, "cpus");
		} else {
			fprintf(ms_fp, "PER-CPU DATA TYPE:\n  ");
			if (d)
				fprintf(ms_fp, "%s;\n", d);
			else
				fprintf(ms_fp, "[undetermined type] %s;\n", sym->name);
			fprintf(ms_fp, "PER-CPU ADDRESSES:\n");
		}
		free(d);
		for (int c = 0; c < ncpus; c++) {
			if ((err = ms_percpu_offset(prog, c, &off)))
				return ms_cmd_fail(sess, err);
			if (list) {
				struct ms_record *r = ms_record_append_record(list);

				ms_record_add_s64(r, "cpu", c);
				ms_record_add_addr(r, "address", sym->value + off);
			} else {
				fprintf(ms_fp, "  [%d]: %" PRIx64 "\n", c, sym->value + off);
			}
		}
		return 0;
	}
	struct ms_record *list = rec ? ms_record_add_list(rec, "values") : NULL;

	cpus = calloc((size_t)ncpus, sizeof(*cpus));
	if (!cpus)
		return ms_cmd_fail(sess, &ms_enomem);
	if ((err = ms_percpu_parse_cpuspec(cpuspec, ncpus, ms_task_context_cpu(sess->prog), cpus))) {
		free(cpus);
		return ms_cmd_fail(sess, err);
	}
	for (int c = 0; c < ncpus && !rc; c++) {
		char leader[256];
		struct ms_value v = { .type = t, .lval = true };
		uint64_t addr;

		if (!cpus[c])
			continue;
		if ((err = ms_percpu_offset(prog, c, &off))) {
			rc = ms_cmd_fail(sess, err);
			break;
		}
		addr = sym->value + off;
		v.addr = addr;
		if (t) {
			snprintf(leader, sizeof(leader), "per_cpu(%s, %d)", sym->name, c);
			err = ms_expr_value_load(prog, &v);
		} else {
			char cast[64];

			snprintf(leader, sizeof(leader), "&per_cpu(%s, %d)", sym->name, c);
			snprintf(cast, sizeof(cast), "(void *)0x%" PRIx64, addr);
			err = ms_expr_eval(prog, cast, &v);
		}
		if (err)
			rc = print_fault(sess, err, addr);
		else
			rc = print_result(sess, &v, leader, leader, c, radix, fmt_x, list);
		ms_expr_value_release(&v);
	}
	free(cpus);
	return rc;
}

/* JSON mode: the document, unless the command failed (its error is the document). */
static int emit(struct ms_session *sess, struct ms_record *rec, int rc)
{
	if (rec && !rc)
		ms_emit(sess, rec, NULL, NULL);
	else if (rec)
		ms_record_destroy(rec);
	return rc;
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

	/*
	 * crash: "SYMBOL:cpuspec" in the first word; a per-CPU symbol shows
	 * its copies (all of them without a cpuspec), any other symbol warns
	 * and drops the cpuspec, and anything else keeps its ':' (a C
	 * expression's "?:").
	 */
	char *cpuspec = strrchr(argv[optind], ':');
	const struct ms_symbol *sym;
	struct ms_record *rec = ms_json(sess) ? ms_record_create() : NULL;

	if (cpuspec) {
		*cpuspec = '\0';
		sym = ms_symbol_find(prog, argv[optind]);
		*cpuspec++ = ':';	/* the command line stays as typed */
	} else {
		sym = ms_symbol_find(prog, argv[optind]);
	}
	if (ms_percpu_symbol(prog, sym)) {
		int prc = print_percpu(sess, sym, cpuspec, radix, fmt_x, rec);

		return emit(sess, rec, prc);
	}
	if (cpuspec && sym)
		ms_warn(sess, "%s is not percpu; cpuspec ignored.", sym->name);

	char *expr = join_args(argc - optind, argv + optind);

	if (cpuspec && sym) {	/* the symbol, without its cpuspec */
		size_t at = (size_t)(cpuspec - 1 - argv[optind]), end = strlen(argv[optind]);

		memmove(expr + at, expr + end, strlen(expr + end) + 1);
	}
	struct ms_value v;
	int rc = 0, hist = history_value(sess, expr, &v);
	struct ms_error *err = NULL;

	if (hist < 0) {
		free(expr);
		return emit(sess, rec, -1);
	}
	if (!hist)
		err = ms_expr_eval(prog, expr, &v);
	if (err && rec) {	/* JSON: the error itself, with its kind */
		free(expr);
		return emit(sess, rec, ms_cmd_fail(sess, err));
	}
	if (err) {
		char line[1200];
		snprintf(line, sizeof(line), "%s\n", err->message);
		ms_error_destroy(err);
		ms_error_emit(sess, line);
		rc = ms_cmd_error(sess, "gdb request failed: p %s", expr);
		free(expr);
		return emit(sess, rec, rc);
	}
	if (!hist && (err = ms_expr_value_load(prog, &v)))
		rc = print_fault(sess, err, v.addr);
	else
		rc = print_result(sess, &v, v.symbol, v.symbol ? v.symbol : expr, -1, radix, fmt_x,
				  rec ? ms_record_add_list(rec, "values") : NULL);
	ms_expr_value_release(&v);
	free(expr);
	return emit(sess, rec, rc);
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
	.flags = MS_CMD_DUMP | MS_CMD_JSON | MS_CMD_PAGER,
	.summary = "print the value of an expression",
	.synopsis = "p [-x|-d] [/x] [expression | symbol[:cpuspec]]",
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
	"  symbol:cpuspec  a per-cpu variable (DEFINE_PER_CPU) on the CPUs named:\n"
	"                 \"a\" or \"all\", a list such as \"0,2-3\", or nothing\n"
	"                 for the CPU of the current context (set); each copy\n"
	"                 is printed as \"per_cpu(symbol, cpu) = $N = value\"\n"
	"                 (per_cpu_ptr through __per_cpu_offset).  A per-cpu\n"
	"                 variable alone shows its type and each CPU's address;\n"
	"                 a cpuspec on any other symbol is ignored with a warning.\n"
	"\n"
	"  The aliases \"px\" and \"pd\" stand for \"p -x\" and \"p -d\".\n"
	"\n"
	"  With --json, \"values\": a record per value with \"name\", \"history\",\n"
	"  \"type\", \"address\", \"value\" (a number, a \"0x...\" pointer, or else the\n"
	"  text above) and \"data\", the value as JSON from its type: structures\n"
	"  and unions as objects (anonymous members flattened in), arrays as lists,\n"
	"  char arrays as the string up to their first NUL, pointers as \"0x...\",\n"
	"  integers and bitfields as numbers, bool as true/false, enums by name\n"
	"  (the number when no enumerator has it).  Arrays give the elements the\n"
	"  text shows (repeats spelt out); where the text is cut with \"...\",\n"
	"  \"data_truncated\" lists the paths cut (\"\" the value, \".comm\" a\n"
	"  member).  See mmscope(1), JSON OUTPUT.\n"
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
	"    $4 = 0x20000105fdc0\n"
	"\n"
	"  A per-cpu variable on every CPU, and where its copies are:\n"
	"\n"
	"    mmscope> p cpu_number:a\n"
	"    per_cpu(cpu_number, 0) = $5 = 0\n"
	"    per_cpu(cpu_number, 1) = $6 = 1\n"
	"    per_cpu(cpu_number, 2) = $7 = 2\n"
	"    per_cpu(cpu_number, 3) = $8 = 3\n"
	"    mmscope> p this_cpu_off\n"
	"    PER-CPU DATA TYPE:\n"
	"      unsigned long this_cpu_off;\n"
	"    PER-CPU ADDRESSES:\n"
	"      [0]: 2000013e0008\n"
	"      [1]: 200001420008\n"
	"      [2]: 200001460008\n"
	"      [3]: 2000014a0008\n",
	.options = p_options,
	.getopt_prefix = "+",
};
