/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * sym.c - translate a symbol to its address or an address to symbol+offset
 * (crash-spec §2.13), from the debuginfo's ELF symbol table.
 */
#include "config.h"

#include <ctype.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/command.h"
#include "core/error.h"
#include "core/output.h"
#include "core/record.h"
#include "core/session.h"
#include "core/symbols.h"
#include "core/types.h"

extern const struct ms_command cmd_sym;

static bool is_text(char type)
{
	return type == 'T' || type == 't' || type == 'W' || type == 'i';
}

/*
 * One line of sym's output is one record: address, nm(1) type, name, the
 * offset into the symbol when an address was asked for, and crash's
 * " file: line" suffix for text symbols when line numbers exist.
 */
static void sym_text(struct ms_session *sess, const struct ms_record *r, void *arg)
{
	const char *type = ms_record_get_str(r, "type", "?");
	uint64_t off = ms_record_get_u64(r, "offset", 0);

	(void)arg;
	fprintf(ms_fp, "%" PRIx64 " (%s) %s", ms_record_get_u64(r, "address", 0), type,
		ms_record_get_str(r, "name", ""));
	if (off)
		fprintf(ms_fp, sess->radix == 16 ? "+0x%" PRIx64 : "+%" PRIu64, off);
	if (ms_record_has(r, "file"))
		fprintf(ms_fp, " %s: %" PRIu64, ms_record_get_str(r, "file", ""),
			ms_record_get_u64(r, "line", 0));
	fputc('\n', ms_fp);
}

/*
 * Emit the symbol @p s for address @p addr (@p addr - s->value is the
 * offset); @p lines: look up the source line of text symbols.
 */
static void sym_emit(struct ms_session *sess, const struct ms_symbol *s, uint64_t addr,
		     bool lines, const char *role)
{
	struct ms_program *prog = sess->prog;
	struct ms_record *r = ms_record_create();
	char type[2] = { s->type, '\0' };

	ms_record_add_addr(r, "address", addr);
	ms_record_add_str(r, "type", type);
	ms_record_add_str(r, "name", s->name);
	if (addr != s->value)
		ms_record_add_u64(r, "offset", addr - s->value);
	if (lines && is_text(s->type)) {
		const char *file;
		unsigned line;
		struct ms_error *err;

		err = ms_line_find(prog, addr - (uint64_t)ms_symbols_offset(prog), &file, &line);
		if (!err) {
			ms_record_add_str(r, "file", file);
			ms_record_add_u64(r, "line", line);
		}
		ms_error_destroy(err);	/* no line information: no suffix */
	}
	if (role)
		ms_record_add_str(r, "role", role);
	ms_emit_row(sess, r, sym_text, NULL);
	ms_record_destroy(r);
}

/*
 * crash's block for a name that is no symbol: plain text, no "sym: "
 * prefix, then the symbols whose names contain it.
 */
int ms_symbol_not_found(struct ms_session *sess, const char *name)
{
	struct ms_program *prog = sess->prog;
	char line[512];
	size_t n = ms_symbol_count(prog), found = 0;

	if (ms_json(sess)) {	/* one error line; "sym -q" lists the alternatives */
		snprintf(line, sizeof(line), "symbol not found: %s", name);
		ms_emit_message(sess, "error", NULL, line);
		sess->cmd_failed = true;
		return -1;
	}
	snprintf(line, sizeof(line), "symbol not found: %s\npossible alternatives:\n", name);
	ms_error_emit(sess, line);
	for (size_t i = 0; i < n && found < 100; i++) {
		const struct ms_symbol *s = ms_symbol_at_index(prog, i);
		if (strstr(s->name, name)) {
			snprintf(line, sizeof(line), "  %" PRIx64 " (%c) %s\n", s->value, s->type, s->name);
			ms_error_emit(sess, line);
			found++;
		}
	}
	if (!found)
		ms_error_emit(sess, "  (none found)\n");
	sess->cmd_failed = true;
	return -1;
}

static size_t index_of(struct ms_program *prog, const struct ms_symbol *s)
{
	return (size_t)(s - ms_symbol_at_index(prog, 0));
}

/* The symbol that an address belongs to, crash's way: inside a sized symbol, or below the next one. */
static const struct ms_symbol *symbol_for(struct ms_program *prog, uint64_t addr, uint64_t *off)
{
	const struct ms_symbol *s = ms_symbol_by_addr(prog, addr, off);

	if (!s)
		return NULL;
	if (s->size && *off >= s->size)
		return NULL;
	if (!s->size && *off && index_of(prog, s) + 1 >= ms_symbol_count(prog))
		return NULL;	/* past the last symbol (_end) */
	return s;
}

static void neighbour(struct ms_session *sess, const struct ms_symbol *s, int dir)
{
	struct ms_program *prog = sess->prog;
	size_t i = index_of(prog, s), n = ms_symbol_count(prog);

	/* skip aliases at the same address */
	while (dir < 0 ? i > 0 : i + 1 < n) {
		i += (size_t)dir;
		const struct ms_symbol *o = ms_symbol_at_index(prog, i);
		if (o->value != s->value) {
			sym_emit(sess, o, o->value, true, dir < 0 ? "previous" : "next");
			return;
		}
	}
}

static bool is_hex(const char *s)
{
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
		s += 2;
	if (!*s)
		return false;
	for (; *s; s++)
		if (!isxdigit((unsigned char)*s))
			return false;
	return true;
}

static int sym_one(struct ms_session *sess, const char *arg, bool prev, bool next)
{
	struct ms_program *prog = sess->prog;
	const struct ms_symbol *s = ms_symbol_find(prog, arg);

	if (s) {
		/* every symbol of that name, in address order */
		for (size_t i = 0; i < ms_symbol_count(prog); i++) {
			const struct ms_symbol *o = ms_symbol_at_index(prog, i);
			if (strcmp(o->name, arg))
				continue;
			if (prev)
				neighbour(sess, o, -1);
			sym_emit(sess, o, o->value, true, prev || next ? "target" : NULL);
			if (next)
				neighbour(sess, o, 1);
		}
		return 0;
	}
	if (!is_hex(arg))
		return ms_symbol_not_found(sess, arg);
	unsigned long long addr;
	struct ms_error *err = ms_parse_addr(arg, &addr);
	if (err)
		return ms_cmd_fail(sess, err);
	uint64_t off;
	s = symbol_for(prog, addr, &off);
	if (!s)
		return ms_cmd_error(sess, "invalid address: 0x%llx", addr);
	if (prev)
		neighbour(sess, s, -1);
	sym_emit(sess, s, addr, true, prev || next ? "target" : NULL);
	if (next)
		neighbour(sess, s, 1);
	return 0;
}

static int cmd_sym_handler(struct ms_session *sess, int argc, char **argv)
{
	struct ms_program *prog = sess->prog;
	bool list = false, prev = false, next = false;
	const char *query = NULL;
	int c, rc = 0;

	while ((c = ms_getopt(sess, argc, argv)) != -1) {
		switch (c) {
		case 'l': list = true; break;
		case 'q': query = optarg; break;
		case 'p': prev = true; break;
		case 'n': next = true; break;
		case 'M':
		case 'm':
		case 's':
			return ms_cmd_error(sess, "-%c option not supported or applicable on this architecture or kernel",
					    c);
		default:
			return ms_cmd_usage(sess, &cmd_sym);
		}
	}
	if (list) {
		for (size_t i = 0; i < ms_symbol_count(prog) && !ms_interrupted(); i++)
			sym_emit(sess, ms_symbol_at_index(prog, i), ms_symbol_at_index(prog, i)->value,
				 false, NULL);
		ms_emit_stream_end(sess);
		return 0;
	}
	if (query) {
		size_t found = 0;
		for (size_t i = 0; i < ms_symbol_count(prog); i++) {
			const struct ms_symbol *s = ms_symbol_at_index(prog, i);
			if (strstr(s->name, query)) {
				sym_emit(sess, s, s->value, false, NULL);
				found++;
			}
		}
		if (!found && !ms_json(sess))
			fprintf(ms_fp, "(none found)\n");
		ms_emit_stream_end(sess);
		return 0;
	}
	if (optind >= argc)
		return ms_cmd_usage(sess, &cmd_sym);
	for (int i = optind; i < argc; i++)
		if (sym_one(sess, argv[i], prev, next))
			rc = -1;
	if (!rc)
		ms_emit_stream_end(sess);
	return rc;
}

static const struct ms_option sym_options[] = {
	{ .letter = 'l', .arg = MS_OPT_NOARG, .help = "every symbol, sorted by address" },
	{ .letter = 'q', .arg = MS_OPT_ARG, .argname = "string", .help = "the symbols whose names contain string" },
	{ .letter = 'p', .arg = MS_OPT_NOARG, .help = "also the symbol before" },
	{ .letter = 'n', .arg = MS_OPT_NOARG, .help = "also the symbol after" },
	{ .letter = 'M', .arg = MS_OPT_NOARG },
	{ .letter = 'm', .arg = MS_OPT_ARG },
	{ .letter = 's', .arg = MS_OPT_NOARG },
	{ 0 },
};

const struct ms_command cmd_sym = {
	.name = "sym",
	.handler = cmd_sym_handler,
	.flags = MS_CMD_DUMP | MS_CMD_JSON | MS_CMD_PAGER,
	.summary = "translate a symbol to its address, or vice versa",
	.synopsis = "sym [-l] | [-p|-n] | [-q string] | [symbol | vaddr]",
	.help =
	"  This command translates a symbol to its virtual address, or a virtual\n"
	"  address to the symbol that contains it, with the offset from the symbol's\n"
	"  start.  Each line shows the address, the symbol type as nm(1) prints it\n"
	"  (T/t text, D/d data, B/b bss, R/r read-only data, A absolute, W/V weak;\n"
	"  lower case for local symbols) and the name.  The symbols are those of the\n"
	"  debuginfo's ELF symbol table, relocated by the dump's KERNELOFFSET.\n"
	"\n"
	"       -l  dumps all symbols and their values, in address order.\n"
	"       -p  display the target symbol and the previous symbol.\n"
	"       -n  display the target symbol and the next symbol.\n"
	"  -q string  search for all symbols containing string.\n"
	"   symbol  a symbol name; every symbol of that name is shown.\n"
	"    vaddr  a hexadecimal address; the symbol containing it is shown as\n"
	"           name+offset (the offset in the output radix).\n"
	"\n"
	"  With --json, JSON Lines: a header line, then one record per symbol shown,\n"
	"  with \"address\", \"type\", \"name\", \"offset\" (an address inside the\n"
	"  symbol), \"file\" and \"line\" (a text symbol with line numbers), and\n"
	"  \"role\" (\"previous\", \"target\" or \"next\" with -p or -n).\n"
	"\n"
	"EXAMPLES\n"
	"  Translate a symbol and an address inside it:\n"
	"\n"
	"    mmscope> sym node_data\n"
	"    400040e0 (D) node_data\n"
	"    mmscope> sym 400040e8\n"
	"    400040e8 (D) node_data+8\n"
	"\n"
	"  Search for symbols containing a string:\n"
	"\n"
	"    mmscope> sym -q zone_name\n"
	"    40004020 (D) zone_names\n"
	"    40004040 (d) zone_name_movable\n"
	"    40004048 (d) zone_name_normal\n"
	"    4000404f (d) zone_name_dma32\n"
	"    40004055 (d) zone_name_dma\n",
	.options = sym_options,
};
