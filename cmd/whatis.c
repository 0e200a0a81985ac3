/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * whatis.c - the definition of a type or the declaration of a symbol
 * (crash-spec §2.9), from DWARF.
 *
 *   whatis [struct|union|enum] NAME   struct/union body (like "struct NAME") + SIZE
 *   whatis TYPEDEF                    the struct body, or "typedef T NAME;" + SIZE
 *   whatis ENUMERATOR                 "enum NAME = value"
 *   whatis SYMBOL                     its C declaration: "unsigned long max_pfn;"
 *   whatis -r SIZE|LOW-HIGH, -m TYPE  structures of a size / with a member of a type
 */
#include "config.h"

#include <getopt.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/array.h"
#include "core/command.h"
#include "core/error.h"
#include "core/expr.h"
#include "cmd/struct.h"
#include "core/output.h"
#include "core/record.h"
#include "core/session.h"
#include "core/symbols.h"
#include "core/types.h"
#include "core/value.h"

extern const struct ms_command cmd_whatis;

static void print_size(const struct ms_session *sess, uint64_t size)
{
	fprintf(ms_fp, sess->radix == 16 ? "SIZE: 0x%" PRIx64 "\n" : "SIZE: %" PRIu64 "\n", size);
}

/* whatis TYPE as data: a definition as struct's, or a typedef's or base type's name and size */
static int whatis_type_json(struct ms_session *sess, const struct ms_type *t, const char *name)
{
	const struct ms_type *s = ms_type_strip(t);
	enum ms_type_kind k = ms_type_kind(s);
	struct ms_record *rec = ms_record_create();

	if (k == MS_TYPE_STRUCT || k == MS_TYPE_UNION || k == MS_TYPE_ENUM) {
		const char *tag = ms_type_tag(s);

		struct_definition_record(rec, s, tag ? tag : name);
	} else {
		ms_record_add_str(rec, "name", name);
		if (ms_type_kind(t) == MS_TYPE_TYPEDEF) {
			ms_record_add_str(rec, "kind", "typedef");
			ms_record_add_str(rec, "type", ms_type_name(ms_type_target(t)));
		} else {
			ms_record_add_str(rec, "kind", "type");
			ms_record_add_str(rec, "type", ms_type_name(t));
		}
		ms_record_add_u64(rec, "size", ms_type_size(t));
	}
	ms_emit(sess, rec, NULL, NULL);
	return 0;
}

static int whatis_type(struct ms_session *sess, const struct ms_type *t, const char *name, bool offsets)
{
	const struct ms_type *s = ms_type_strip(t);
	enum ms_type_kind k = ms_type_kind(s);
	int radix = sess->radix == 16 ? 16 : 10;

	if (ms_json(sess))
		return whatis_type_json(sess, t, name);
	if (k == MS_TYPE_STRUCT || k == MS_TYPE_UNION || k == MS_TYPE_ENUM) {
		ms_type_print_decl(ms_fp, s, offsets, radix);
		print_size(sess, ms_type_size(s));
		return 0;
	}
	if (ms_type_kind(t) == MS_TYPE_TYPEDEF) {
		char *d = ms_type_decl(ms_type_target(t), name);
		fprintf(ms_fp, "typedef %s;\n", d);
		free(d);
	} else {
		fprintf(ms_fp, "%s\n", ms_type_name(t));
	}
	print_size(sess, ms_type_size(t));
	return 0;
}

struct range_ctx {
	struct ms_program *prog;
	uint64_t lo, hi;
	const struct ms_type *member_type;
	const char *member_name;
	struct row {
		uint64_t size;
		char *name;
	} *rows;
	size_t n, cap;
};

static bool has_member_of(const struct ms_type *s, const char *want, int depth)
{
	size_t n = ms_type_member_count(s);

	for (size_t i = 0; i < n && depth < 8; i++) {
		const struct ms_member *m = ms_type_member(s, i);
		const struct ms_type *mt = m->type;
		/* the member's type, or a pointer to / array of it */
		for (int k = 0; k < 4 && mt; k++) {
			const struct ms_type *st = ms_type_strip(mt);
			const char *tag = ms_type_tag(st);
			if (tag && !strcmp(tag, want))
				return true;
			if (tag && ms_type_kind(mt) == MS_TYPE_TYPEDEF && !strcmp(ms_type_tag(mt), want))
				return true;
			enum ms_type_kind kk = ms_type_kind(st);
			if (kk != MS_TYPE_POINTER && kk != MS_TYPE_ARRAY)
				break;
			mt = ms_type_target(st);
		}
		if (!m->name && has_member_of(m->type, want, depth + 1))
			return true;
	}
	return false;
}

static void range_visit(const char *name, void *arg)
{
	struct range_ctx *c = arg;
	struct ms_program *prog = c->prog;
	char buf[300];

	snprintf(buf, sizeof(buf), "struct %s", name);
	const struct ms_type *t = ms_type_get(prog, buf);
	if (!t || !ms_type_is_complete(t))
		return;
	uint64_t sz = ms_type_size(t);
	if (c->hi && (sz < c->lo || sz > c->hi))
		return;
	if (c->member_name && !has_member_of(t, c->member_name, 0))
		return;
	for (size_t i = 0; i < c->n; i++)
		if (!strcmp(c->rows[i].name, buf))
			return;
	if (!ms_array_grow(&c->rows, &c->cap, c->n + 1, 64))
		abort();
	c->rows[c->n].size = sz;
	c->rows[c->n++].name = strdup(buf);
}

static int row_cmp(const void *a, const void *b)
{
	const struct row *x = a, *y = b;

	if (x->size != y->size)
		return x->size < y->size ? -1 : 1;
	return strcmp(x->name, y->name);
}

static int whatis_range(struct ms_session *sess, const char *range, const char *member)
{
	struct ms_program *prog = sess->prog;
	struct range_ctx c = { .prog = sess->prog };

	if (range) {
		char *end;
		c.lo = strtoull(range, &end, 0);
		c.hi = c.lo;
		if (*end == '-')
			c.hi = strtoull(end + 1, &end, 0);
		if (*end || c.hi < c.lo || !c.hi)
			return ms_cmd_error(sess, "invalid size request: %s", range);
	}
	c.member_name = member;
	ms_type_names(prog, "", range_visit, &c);
	if (c.n)
		qsort(c.rows, c.n, sizeof(*c.rows), row_cmp);
	if (ms_json(sess)) {	/* {"types": [{"name", "size"}...]}, empty when none */
		struct ms_record *rec = ms_record_create(), *l = ms_record_add_list(rec, "types");

		for (size_t i = 0; i < c.n; i++) {
			struct ms_record *r = ms_record_append_record(l);

			ms_record_add_str(r, "name", c.rows[i].name);
			ms_record_add_u64(r, "size", c.rows[i].size);
			free(c.rows[i].name);
		}
		free(c.rows);
		ms_emit(sess, rec, NULL, NULL);
		return 0;
	}
	if (!c.n) {
		fprintf(ms_fp, "(none found)\n");
		return 0;
	}
	char w[32];
	int width = snprintf(w, sizeof(w), "%" PRIu64, c.rows[c.n - 1].size);
	if (width < 4)
		width = 4;
	fprintf(ms_fp, "%-*s  TYPE\n", width, "SIZE");
	for (size_t i = 0; i < c.n; i++) {
		fprintf(ms_fp, "%*" PRIu64 "  %s\n", width, c.rows[i].size, c.rows[i].name);
		free(c.rows[i].name);
	}
	free(c.rows);
	return 0;
}

static int cmd_whatis_handler(struct ms_session *sess, int argc, char **argv)
{
	struct ms_program *prog = sess->prog;
	bool offsets = false;
	const char *range = NULL, *member = NULL;
	int c;

	while ((c = ms_getopt(sess, argc, argv)) != -1) {
		switch (c) {
		case 'o': offsets = true; break;
		case 'r': range = optarg; break;
		case 'm': member = optarg; break;
		default:
			return ms_cmd_usage(sess, &cmd_whatis);
		}
	}
	if (range || member) {
		if (optind < argc)
			return ms_cmd_usage(sess, &cmd_whatis);
		return whatis_range(sess, range, member);
	}
	if (optind >= argc)
		return ms_cmd_usage(sess, &cmd_whatis);
	char name[300] = "";
	for (int i = optind; i < argc; i++) {
		if (i > optind)
			strncat(name, " ", sizeof(name) - strlen(name) - 1);
		strncat(name, argv[i], sizeof(name) - strlen(name) - 1);
	}

	/* a symbol: its declaration */
	const struct ms_type *t;
	uint64_t addr;
	if (!strchr(name, ' ')) {
		int64_t v;
		if (ms_error_ok(ms_variable_find(prog, name, &t, &addr)) ||
		    ms_error_ok(ms_function_find(prog, name, &t, &addr)) ||
		    (ms_error_ok(ms_variable_const(prog, name, &t, &v)) && t)) {
			char *d = ms_type_decl(t, name);

			if (ms_json(sess)) {	/* a symbol: its type, and the C declaration */
				struct ms_record *rec = ms_record_create();

				ms_record_add_str(rec, "name", name);
				ms_record_add_str(rec, "kind", "symbol");
				ms_record_add_str(rec, "type", ms_type_name(t));
				ms_record_add_str(rec, "declaration", d);
				ms_emit(sess, rec, NULL, NULL);
			} else {
				fprintf(ms_fp, "%s;\n", d);
			}
			free(d);
			return 0;
		}
		if (ms_error_ok(ms_enum_value(prog, name, &v))) {
			const struct ms_type *e = ms_enum_type_of(prog, name);

			if (ms_json(sess)) {
				struct ms_record *rec = ms_record_create();

				ms_record_add_str(rec, "name", name);
				ms_record_add_str(rec, "kind", "enumerator");
				ms_record_add_str(rec, "type", e ? ms_type_name(e) : "enum");
				ms_record_add_s64(rec, "value", v);
				ms_emit(sess, rec, NULL, NULL);
				return 0;
			}
			fprintf(ms_fp, "%s = %" PRId64 "\n", e ? ms_type_name(e) : "enum", v);
			return 0;
		}
	}
	t = ms_type_get(prog, name);
	if (t)
		return whatis_type(sess, t, name, offsets);
	if (ms_symbol_find(prog, name)) {
		if (ms_json(sess)) {
			struct ms_record *rec = ms_record_create();

			ms_record_add_str(rec, "name", name);
			ms_record_add_str(rec, "kind", "symbol");
			ms_record_add_null(rec, "type");	/* no debug info */
			ms_record_add_null(rec, "declaration");
			ms_emit(sess, rec, NULL, NULL);
			return 0;
		}
		fprintf(ms_fp, "%s: symbol without debug info\n", name);
		return 0;
	}
	ms_cmd_error(sess, "cannot resolve: %s", name);
	return ms_cmd_usage(sess, &cmd_whatis);
}

static const struct ms_option whatis_options[] = {
	{ .letter = 'o', .arg = MS_OPT_NOARG, .help = "member offsets" },
	{ .letter = 'r', .arg = MS_OPT_ARG, .argname = "size|range", .help = "structures of that size" },
	{ .letter = 'm', .arg = MS_OPT_ARG, .argname = "member", .help = "structures with a member of that type", .complete = MS_COMPLETE_TYPE },
	{ 0 },
};

const struct ms_command cmd_whatis = {
	.name = "whatis",
	.handler = cmd_whatis_handler,
	.flags = MS_CMD_DUMP | MS_CMD_JSON | MS_CMD_PAGER,
	.operand_complete = MS_COMPLETE_TYPE,
	.summary = "search symbol table for data or type information",
	.synopsis = "whatis [[-o] [struct | union | typedef | symbol]] | [[-r [size|range]] [-m member]]",
	.help =
	"  This command displays the definition of structures, unions, typedefs or\n"
	"  text/data symbols, from the debuginfo's DWARF.\n"
	"\n"
	"       -o  display the offsets of structure or union members.\n"
	"   struct  a structure name; the output is the same as if the \"struct\"\n"
	"           command was used.\n"
	"    union  a union name; the output is the same as if the \"union\" command\n"
	"           was used.\n"
	"  typedef  a typedef name.  If the typedef translates to a structure or\n"
	"           union, the output is the same as if the \"struct\" or \"union\"\n"
	"           command was used.  Otherwise the typedef is shown with its size.\n"
	"   symbol  a global variable or function: its declaration; an enumerator:\n"
	"           its enum type and value.\n"
	"  -r size  display all structures of a given size, or of a size within a\n"
	"           range entered as \"low-high\".\n"
	"  -m member  display all structures that contain a member of the given\n"
	"           type, or a pointer to, or an array of it.\n"
	"\n"
	"  With --json: a definition as struct prints it (\"name\", \"kind\",\n"
	"  \"size\", \"members\"; an enum's \"enumerators\"), a typedef's or\n"
	"  symbol's \"type\" (a symbol's \"declaration\" too), an enumerator's\n"
	"  \"value\"; -r and -m: \"types\", each with \"name\" and \"size\".\n"
	"\n"
	"EXAMPLES\n"
	"  Display the definition of a list_head structure:\n"
	"\n"
	"    mmscope> whatis list_head\n"
	"    struct list_head {\n"
	"        struct list_head *next;\n"
	"        struct list_head *prev;\n"
	"    }\n"
	"    SIZE: 16\n"
	"\n"
	"  Display the declaration of a variable and the type of a typedef:\n"
	"\n"
	"    mmscope> whatis max_pfn\n"
	"    unsigned long max_pfn;\n"
	"    mmscope> whatis gfp_t\n"
	"    typedef unsigned int gfp_t;\n"
	"    SIZE: 4\n"
	"\n"
	"  Display all structures of 16 bytes:\n"
	"\n"
	"    mmscope> whatis -r 16\n",
	.options = whatis_options,
};
