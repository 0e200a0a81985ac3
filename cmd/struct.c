/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * struct.c - "struct" and "union": a structure's layout, or its contents at
 * an address (crash-spec §2.9).
 *
 *   struct NAME                  layout as gdb's ptype, then SIZE:
 *   struct -o NAME               the same with each member's offset
 *   struct NAME.member           one member's line, with its offset
 *   struct NAME ADDR [count]     contents, gdb's pretty print
 *   struct NAME.m1,m2 ADDR       only those members, cut out of the print
 *   struct -o NAME ADDR          the layout with each member's address
 *
 * The layout comes from DWARF only (core/types.c); memory from the dump.
 */
#include "config.h"

#include <ctype.h>
#include <inttypes.h>
#include <limits.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/struct.h"
#include "core/command.h"
#include "core/dump.h"
#include "core/error.h"
#include "core/field.h"
#include "core/output.h"
#include "core/percpu.h"
#include "core/record.h"
#include "core/session.h"
#include "core/symbols.h"
#include "core/task.h"
#include "core/types.h"
#include "core/value.h"

extern const struct ms_command cmd_struct;
int ms_symbol_not_found(struct ms_session *sess, const char *name);	/* cmd/sym.c */

#define MAX_MEMBERS 32

struct sopts {
	bool offsets;		/* -o */
	bool raw;		/* -r */
	bool hex, dec;		/* -x, -d */
	const char *loff;	/* -l */
	const char *count;	/* -c or the third argument */
	const char *pos[4];
	int npos;
};

static bool is_number(const char *s)
{
	if (*s == '-' || *s == '+')
		s++;
	if (!*s)
		return false;
	for (; *s; s++)
		if (!isdigit((unsigned char)*s))
			return false;
	return true;
}

static bool is_identifier(const char *s)
{
	if (!isalpha((unsigned char)*s) && *s != '_')
		return false;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && *s != '_')
			return false;
	return true;
}

/*
 * Options may appear anywhere ("struct page -o"); a negative number is a
 * count, not an option, so getopt's permutation is not used here.
 */
static int parse_args(struct ms_session *sess, const struct ms_command *cmd, int argc, char **argv,
		      struct sopts *o)
{
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (a[0] != '-' || !a[1] || is_number(a)) {
			if (o->npos >= 3)
				return ms_cmd_error(sess, "too many arguments!");
			o->pos[o->npos++] = a;
			continue;
		}
		for (const char *p = a + 1; *p; p++) {
			switch (*p) {
			case 'o': o->offsets = true; break;
			case 'x': o->hex = true; break;
			case 'd': o->dec = true; break;
			case 'l':
			case 'c': {
				const char *v = p[1] ? p + 1 : (i + 1 < argc ? argv[++i] : NULL);
				if (!v)
					return ms_cmd_usage(sess, cmd);
				if (*p == 'l')
					o->loff = v;
				else
					o->count = v;
				goto next_arg;
			}
			case 'r': o->raw = true; break;
			case 'p':
			case 'f':
			case 'u':
				return ms_cmd_error(sess, "-%c option not supported or applicable on this architecture or "
						    "kernel", *p);
			default:
				fprintf(stderr, "%s: invalid option -- '%c'\n", cmd->name, *p);
				return ms_cmd_usage(sess, cmd);
			}
		}
next_arg:;
	}
	if (o->hex && o->dec)
		return ms_cmd_error(sess, "-d and -x are mutually exclusive");
	return 0;
}

/* The struct (or union) type called @p name for command @p kind. */
static struct ms_error *find_aggregate(struct ms_program *prog, const char *kind, const char *name,
				       const struct ms_type **ret, const char **tag_ret)
{
	char buf[300];
	enum ms_type_kind want = !strcmp(kind, "union") ? MS_TYPE_UNION : MS_TYPE_STRUCT;
	const char *other = want == MS_TYPE_UNION ? "struct" : "union";

	snprintf(buf, sizeof(buf), "%s %s", kind, name);
	const struct ms_type *t = ms_type_get(prog, buf);
	if (!t) {
		/* a typedef, or the other kind */
		t = ms_type_get(prog, name);
		if (!t) {
			snprintf(buf, sizeof(buf), "%s %s", other, name);
			t = ms_type_get(prog, buf);
		}
	}
	if (!t)
		return ms_error_lookup(name, "invalid data structure reference: %s", name);
	const struct ms_type *s = ms_type_strip(t);
	if (ms_type_kind(s) != want)
		return ms_error_usage("data type mismatch: %s is not a %s", name, kind);
	*tag_ret = ms_type_tag(s) ? ms_type_tag(s) : name;
	*ret = s;
	return NULL;
}

static int parse_address(struct ms_session *sess, const char *s, uint64_t *ret)
{
	struct ms_program *prog = sess->prog;
	unsigned long long v;
	struct ms_error *err;

	if (!(err = ms_parse_addr(s, &v))) {
		*ret = v;
		return 0;
	}
	ms_error_destroy(err);
	if (is_identifier(s)) {
		const struct ms_symbol *sym = ms_symbol_find(prog, s);
		if (!sym)
			return ms_symbol_not_found(sess, s);
		*ret = sym->value;
		return 0;
	}
	if ((err = ms_parse_addr_or_symbol(prog, s, &v)))
		return ms_cmd_fail(sess, err);
	*ret = v;
	return 0;
}

/* Is @p path's first component the last member of @p s (then no comma follows it)? */
static bool is_last_member(const struct ms_type *s, const char *path)
{
	size_t n = ms_type_member_count(s);
	size_t len = strcspn(path, ".[");

	if (!n)
		return false;
	const struct ms_member *m = ms_type_member(s, n - 1);
	return m->name && strlen(m->name) == len && !strncmp(m->name, path, len);
}

/*
 * -r: the bytes of the structure (or of its one member) as "rd" shows
 * 64-bit units: address, two units per line, the ASCII column.
 */
static int show_raw(struct ms_session *sess, uint64_t addr, uint64_t len)
{
	struct ms_program *prog = sess->prog;
	unsigned char buf[16];
	struct ms_error *err;

	for (uint64_t off = 0; off < len; off += 16) {
		size_t n = len - off < 16 ? (size_t)(len - off) : 16;
		if ((err = ms_readmem(prog, addr + off, MS_KVADDR, buf, n, "gdb_readmem_callback")))
			return ms_cmd_fail(sess, err);
		fprintf(ms_fp, "%16" PRIx64 ":  ", addr + off);
		size_t units = (n + 7) / 8;
		for (size_t u = 0; u < units; u++) {
			uint64_t v = 0;
			for (size_t b = 0; b < 8 && u * 8 + b < n; b++)
				v |= (uint64_t)buf[u * 8 + b] << (8 * b);
			fprintf(ms_fp, "%016" PRIx64 " ", v);
		}
		fprintf(ms_fp, "%*s  ", (int)(2 - units) * 17, "");
		for (size_t i = 0; i < n; i++)
			fputc(buf[i] >= 0x20 && buf[i] < 0x7f ? buf[i] : '.', ms_fp);
		fputc('\n', ms_fp);
	}
	return 0;
}

/* What ms_value_print() or, with @p m, ms_value_print_member() prints; free() it. */
static char *value_string(struct ms_program *prog, const struct ms_type *t, const struct ms_member *m,
			  const void *buf, uint64_t addr, int radix)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	if (!f)
		return NULL;
	if (m)
		ms_value_print_member(prog, f, m, buf, addr, radix, 1);
	else
		ms_value_print(prog, f, t, buf, addr, radix, 0);
	fclose(f);
	return text;
}

/*
 * JSON: one record per structure, as p --json shows a value: "type",
 * "address", "value" (the text p prints) and "data" (ms_value_record()),
 * or with members "members", a record each with "name", "value" and
 * "data"; "cpu" for a per-cpu structure.
 */
static int emit_at(struct ms_session *sess, const char *kind, const char *tag, const struct ms_type *t,
		   char *const *members, const struct ms_member *mres, int nmembers, uint64_t addr,
		   long count, int radix, int cpu)
{
	struct ms_program *prog = sess->prog;
	uint64_t size = ms_type_size(t);
	unsigned char *buf = malloc(size ? size : 1);
	char type[256];
	int rc = 0;

	if (!buf)
		return ms_cmd_error(sess, "out of memory");
	snprintf(type, sizeof(type), "%s %s", kind, tag);
	for (long i = 0; i < count && !ms_interrupted(); i++) {
		uint64_t a = addr + (uint64_t)i * size;
		struct ms_error *err = ms_readmem(prog, a, MS_KVADDR, buf, size, "gdb_readmem_callback");
		struct ms_record *rec, *list;
		char *text;

		if (err) {
			rc = ms_cmd_fail(sess, err);
			break;
		}
		rec = ms_record_create();
		if (cpu >= 0)
			ms_record_add_s64(rec, "cpu", cpu);
		ms_record_add_str(rec, "type", type);
		ms_record_add_addr(rec, "address", a);
		if (!nmembers) {
			text = value_string(prog, t, NULL, buf, a, radix);
			ms_record_add_str(rec, "value", text ? text : "");
			free(text);
			ms_value_record(prog, rec, t, buf, a);
		} else {
			list = ms_record_add_list(rec, "members");
			for (int k = 0; k < nmembers; k++) {
				struct ms_record *r = ms_record_append_record(list);

				text = value_string(prog, t, &mres[k], buf, a, radix);
				ms_record_add_str(r, "name", members[k]);
				ms_record_add_str(r, "value", text ? text : "");
				free(text);
				ms_value_record_member(prog, r, &mres[k], buf, a);
			}
		}
		ms_emit_row(sess, rec, NULL, NULL);
		ms_record_destroy(rec);
	}
	free(buf);
	return rc;
}

/* The contents (or with -o the member addresses) of @p count structures at @p addr. */
static int show_at(struct ms_session *sess, const struct sopts *o, const char *kind, const char *tag, const struct ms_type *t,
		   char *const *members, const struct ms_member *mres, int nmembers, uint64_t addr, long count,
		   int radix, int cpu)
{
	struct ms_program *prog = sess->prog;
	uint64_t size = ms_type_size(t);

	if (ms_json(sess))
		return emit_at(sess, kind, tag, t, members, mres, nmembers, addr, count, radix, cpu);

	if (o->offsets) {
		for (long i = 0; i < count; i++)
			ms_type_print_decl_at(ms_fp, t, addr + (uint64_t)i * size);
		return 0;
	}
	if (o->raw) {
		for (long i = 0; i < count; i++) {
			uint64_t a = addr + (uint64_t)i * size;
			int rc = nmembers ? show_raw(sess, a + mres[0].offset, ms_type_size(mres[0].type)) :
				   show_raw(sess, a, size);
			if (rc)
				return rc;
		}
		return 0;
	}
	unsigned char *buf = malloc(size ? size : 1);
	if (!buf)
		return ms_cmd_error(sess, "out of memory");
	int rc = 0;
	for (long i = 0; i < count && !ms_interrupted(); i++) {
		uint64_t a = addr + (uint64_t)i * size;
		if (i && !nmembers)
			fputc('\n', ms_fp);	/* crash: a blank line between structures */
		if (!nmembers)
			fprintf(ms_fp, "%s %s ", kind, tag);
		struct ms_error *err = ms_readmem(prog, a, MS_KVADDR, buf, size, "gdb_readmem_callback");

		if (err) {
			if (nmembers)
				fprintf(ms_fp, "%s %s ", kind, tag);
			fflush(ms_fp);
			rc = ms_cmd_fail(sess, err);
			char line[80];
			snprintf(line, sizeof(line), "Cannot access memory at address 0x%" PRIx64 "\n", a);
			ms_error_emit(sess, line);
			break;
		}
		if (!nmembers) {
			ms_value_print(prog, ms_fp, t, buf, a, radix, 0);
			fputc('\n', ms_fp);
			continue;
		}
		for (int k = 0; k < nmembers; k++) {
			fprintf(ms_fp, "  %s = ", members[k]);
			ms_value_print_member(prog, ms_fp, &mres[k], buf, a, radix, 1);
			fputs(is_last_member(t, members[k]) ? "\n" : ",\n", ms_fp);
		}
	}
	free(buf);
	return rc;
}

/* a member of a definition: its offset from the start of the outermost type */
static void member_json(struct ms_record *list, const struct ms_member *m, uint64_t base, int depth)
{
	struct ms_record *r = ms_record_append_record(list);
	const struct ms_type *mt = m->type;

	if (m->name)
		ms_record_add_str(r, "name", m->name);
	else
		ms_record_add_null(r, "name");
	ms_record_add_str(r, "type", ms_type_name(m->type));
	ms_record_add_u64(r, "offset", base + m->offset);
	ms_record_add_u64(r, "size", ms_type_size(m->type));
	if (m->bit_size) {
		ms_record_add_u64(r, "bit_offset", m->bit_offset);
		ms_record_add_u64(r, "bit_size", m->bit_size);
	}
	/* an anonymous struct or union declared in place (not one behind a
	 * typedef, as atomic_t) is laid out in place: its members too */
	while (mt && ms_type_kind(mt) == MS_TYPE_QUALIFIED)
		mt = ms_type_target(mt);
	if (mt && (ms_type_kind(mt) == MS_TYPE_STRUCT || ms_type_kind(mt) == MS_TYPE_UNION) &&
	    !ms_type_tag(mt) && depth < 16) {
		struct ms_record *sub = ms_record_add_list(r, "members");

		for (size_t i = 0; i < ms_type_member_count(mt); i++)
			member_json(sub, ms_type_member(mt, i), base + m->offset, depth + 1);
	}
}

void struct_definition_record(struct ms_record *rec, const struct ms_type *t, const char *name)
{
	const struct ms_type *s = ms_type_strip(t);
	enum ms_type_kind k = ms_type_kind(s);
	struct ms_record *list;

	ms_record_add_str(rec, "name", name);
	ms_record_add_str(rec, "kind", k == MS_TYPE_UNION ? "union" : k == MS_TYPE_ENUM ? "enum" : "struct");
	ms_record_add_u64(rec, "size", ms_type_size(s));
	if (k == MS_TYPE_ENUM) {
		list = ms_record_add_list(rec, "enumerators");
		for (size_t i = 0; i < ms_type_enumerator_count(s); i++) {
			const struct ms_enumerator *e = ms_type_enumerator(s, i);
			struct ms_record *r = ms_record_append_record(list);

			ms_record_add_str(r, "name", e->name);
			ms_record_add_s64(r, "value", e->value);
		}
		return;
	}
	list = ms_record_add_list(rec, "members");
	for (size_t i = 0; i < ms_type_member_count(s); i++)
		member_json(list, ms_type_member(s, i), 0, 0);
}

int struct_common(struct ms_session *sess, const struct ms_command *cmd, int argc, char **argv)
{
	struct ms_program *prog = sess->prog;
	struct sopts o = { 0 };
	const char *kind = !strcmp(cmd->name, "union") ? "union" : "struct";
	char spec[512], *members[MAX_MEMBERS];
	int nmembers = 0, radix;

	if (parse_args(sess, cmd, argc, argv, &o))
		return -1;
	radix = o.hex ? 16 : o.dec ? 10 : sess->radix == 16 ? 16 : 10;
	if (o.npos < 1)
		return ms_cmd_usage(sess, cmd);
	if (o.npos == 3) {
		if (o.count)
			return ms_cmd_error(sess, "too many arguments!");
		o.count = o.pos[2];
	}
	snprintf(spec, sizeof(spec), "%s", o.pos[0]);
	size_t sl = strlen(spec);
	if (sl && (spec[sl - 1] == ',' || spec[sl - 1] == '.'))
		return ms_cmd_error(sess, "invalid format: %s", spec);
	char *dot = strchr(spec, '.');
	if (dot) {
		*dot = 0;
		for (char *save, *m = strtok_r(dot + 1, ",", &save); m; m = strtok_r(NULL, ",", &save)) {
			if (nmembers == MAX_MEMBERS)
				return ms_cmd_error(sess, "too many members");
			members[nmembers++] = m;
		}
		if (!nmembers)
			return ms_cmd_error(sess, "invalid format: %s", o.pos[0]);
	}
	const char *tag;
	const struct ms_type *t;
	struct ms_error *err = find_aggregate(prog, kind, spec, &t, &tag);
	if (err)
		return ms_cmd_fail(sess, err);
	struct ms_member mres[MAX_MEMBERS];
	for (int i = 0; i < nmembers; i++) {
		if ((err = ms_type_member_path(t, members[i], &mres[i]))) {
			ms_error_destroy(err);
			return ms_cmd_error(sess, "invalid data structure reference: %s.%s", spec, members[i]);
		}
	}
	uint64_t size = ms_type_size(t);

	if (ms_json(sess) && o.npos >= 2 && (o.offsets || o.raw)) {
		sess->cmd_usage = true;
		return ms_cmd_error(sess, "no JSON output for %s with an address: run it with "
				    "\"set output text\"", o.offsets ? "-o" : "-r");
	}
	/* ---- a definition as data: every member's offset, with -o or not */
	if (ms_json(sess) && o.npos < 2) {
		struct ms_record *rec;

		if (o.count)
			return ms_cmd_error(sess, "no kernel virtual address argument entered");
		if (nmembers > 1)
			return ms_cmd_error(sess, "multiple member format not supported in this syntax");
		rec = ms_record_create();
		if (nmembers == 1) {
			struct ms_member m = mres[0];

			m.name = members[0];
			ms_record_add_str(rec, "name", tag);
			ms_record_add_str(rec, "kind", kind);
			ms_record_add_u64(rec, "size", size);
			member_json(ms_record_add_list(rec, "members"), &m, 0, 0);
		} else {
			struct_definition_record(rec, t, tag);
		}
		ms_emit(sess, rec, NULL, NULL);
		return 0;
	}
	/* ---- layouts */
	if (o.npos < 2) {
		if (o.count)
			return ms_cmd_error(sess, "no kernel virtual address argument entered");
		if (nmembers > 1)
			return ms_cmd_error(sess, "multiple member format not supported in this syntax");
		if (nmembers == 1) {
			fprintf(ms_fp, "%s %s {\n", kind, tag);
			struct ms_member m = mres[0];
			const char *last = strrchr(members[0], '.');
			char mname[256];
			snprintf(mname, sizeof(mname), "%s", last ? last + 1 : members[0]);
			mname[strcspn(mname, "[")] = 0;
			m.name = mname;
			ms_type_print_member_decl(ms_fp, t, &m, radix);
			fputs("}\n", ms_fp);
			return 0;
		}
		ms_type_print_decl(ms_fp, t, o.offsets, radix);
		fprintf(ms_fp, radix == 16 ? "SIZE: 0x%" PRIx64 "\n" : "SIZE: %" PRIu64 "\n", size);
		return 0;
	}

	/* ---- contents */
	uint64_t addr = 0;
	char abuf[256];
	const char *cpuspec = NULL;
	snprintf(abuf, sizeof(abuf), "%s", o.pos[1]);
	char *colon = strchr(abuf, ':');
	if (colon) {
		*colon = 0;
		cpuspec = o.pos[1] + (colon - abuf) + 1;
	}
	if (parse_address(sess, abuf, &addr))
		return -1;
	if (cpuspec && is_identifier(abuf)) {
		/* crash: a symbol with a cpuspec must be a per-CPU variable */
		const struct ms_symbol *sym = ms_symbol_find(prog, abuf);
		const struct ms_type *vt;
		uint64_t vaddr;

		if (!ms_percpu_symbol(prog, sym)) {
			ms_warn(sess, "%s is not percpu; cpuspec ignored.", abuf);
			cpuspec = NULL;
		} else if (ms_error_ok(ms_variable_find(prog, abuf, &vt, &vaddr)) &&
			   ms_type_kind(ms_type_strip(vt)) == MS_TYPE_POINTER) {
			ms_warn(sess, "percpu symbol \"%s\" is of type pointer", abuf);
		}
	}
	if (o.loff) {
		long off;
		if (strchr(o.loff, '.')) {
			char sn[256];
			const char *d = strchr(o.loff, '.');
			snprintf(sn, sizeof(sn), "%.*s", (int)(d - o.loff), o.loff);
			const struct ms_field *f;
			struct ms_error *err = ms_field_find_by_name(prog, sn, d + 1, &f);
			if (err) {
				ms_error_destroy(err);
				return ms_cmd_error(sess, "invalid data structure reference: %s", o.loff);
			}
			off = (long)f->offset;
		} else {
			char *end;
			off = strtol(o.loff, &end, 0);
			if (*end || off < 0)
				return ms_cmd_error(sess, "invalid -l option: %s", o.loff);
		}
		addr -= (uint64_t)off;
	}
	long count = 1;
	if (o.count) {
		char *end;
		errno = 0;
		count = strtol(o.count, &end, 10);
		if (*end || !count || errno)
			return ms_cmd_error(sess, "invalid count: %s", o.count);
	}
	{
		/* more structures than the dump has memory for cannot be right */
		const struct ms_dump_info *info = ms_dump_info(prog);
		uint64_t mem = info && info->phys_bytes ? info->phys_bytes : 1ULL << 46;
		uint64_t n = count < 0 ? -(uint64_t)count : (uint64_t)count;

		if (count == LONG_MIN || n > mem / (size ? size : 1) || n > (1ULL << 32))
			return ms_cmd_error(sess, "invalid count: %s (more structures than the dump's %" PRIu64
					    " bytes of memory hold)", o.count, mem);
	}
	if (count < 0) {
		count = -count;
		addr -= (uint64_t)(count - 1) * size;
	}
	if (o.offsets && nmembers)
		return ms_cmd_error(sess, "-o option not valid with multiple member format");
	if (o.raw && nmembers > 1)
		return ms_cmd_error(sess, "only one structure member allowed with -r");
	if (!cpuspec)
		return show_at(sess, &o, kind, tag, t, members, mres, nmembers, addr, count, radix, -1);
	int ncpus = 1;
	ms_error_destroy(ms_percpu_nr_cpus(prog, &ncpus));	/* 1 if not known */
	bool *cpus = calloc((size_t)ncpus, sizeof(*cpus));
	if (!cpus)
		return ms_cmd_error(sess, "out of memory");
	int rc = 0;
	if ((err = ms_percpu_parse_cpuspec(cpuspec, ncpus, ms_task_context_cpu(prog), cpus)))
		rc = ms_cmd_fail(sess, err);
	for (int c = 0; c < ncpus && !rc; c++) {
		uint64_t off;
		if (!cpus[c])
			continue;
		err = ms_percpu_offset(prog, c, &off);
		if (err) {
			rc = ms_cmd_fail(sess, err);
			break;
		}
		if (!ms_json(sess))
			fprintf(ms_fp, "[%d]: %" PRIx64 "\n", c, addr + off);
		rc = show_at(sess, &o, kind, tag, t, members, mres, nmembers, addr + off, count, radix, c);
	}
	free(cpus);
	return rc;
}

static int cmd_struct_handler(struct ms_session *sess, int argc, char **argv)
{
	return struct_common(sess, &cmd_struct, argc, argv);
}

const struct ms_option struct_options[] = {
	{ .letter = 'o', .arg = MS_OPT_NOARG, .help = "member offsets, or member addresses" },
	{ .letter = 'l', .arg = MS_OPT_ARG, .argname = "offset", .help = "the address is of this member (struct.member or bytes)" },
	{ .letter = 'r', .arg = MS_OPT_NOARG, .help = "raw dump, as rd" },
	{ .letter = 'x', .arg = MS_OPT_NOARG, .help = "hexadecimal" },
	{ .letter = 'd', .arg = MS_OPT_NOARG, .help = "decimal" },
	{ .letter = 'c', .arg = MS_OPT_ARG, .argname = "count", .help = "the number of structures" },
	{ 0 },
};

const struct ms_command cmd_struct = {
	.name = "struct",
	.handler = cmd_struct_handler,
	.flags = MS_CMD_DUMP | MS_CMD_JSON | MS_CMD_PAGER,
	.operand_complete = MS_COMPLETE_TYPE,
	.summary = "structure contents",
	.synopsis = "struct struct_name[.member[,member]] [-o][-l offset][-rxd] [address | symbol][:cpuspec]\n"
		    "       [count | -c count]",
	.help =
	"  This command displays either a structure definition, or a formatted display\n"
	"  of the contents of a structure at a specified address.  When no address is\n"
	"  specified, the structure definition is shown along with the structure size.\n"
	"  A structure member may be appended to the structure name in order to limit\n"
	"  the scope of the data displayed to that particular member.  The layout is\n"
	"  read from the debuginfo's DWARF; the contents are printed as gdb prints\n"
	"  them.\n"
	"\n"
	STRUCT_OPTIONS_HELP
	"\n"
	STRUCT_JSON_HELP
	"\n"
	"EXAMPLES\n"
	"  Display the list_head structure definition with offsets:\n"
	"\n"
	"    mmscope> struct -o list_head\n"
	"    struct list_head {\n"
	"       [0] struct list_head *next;\n"
	"       [8] struct list_head *prev;\n"
	"    }\n"
	"    SIZE: 16\n"
	"\n"
	"  Display the offset of one member:\n"
	"\n"
	"    mmscope> struct zone.free_area\n"
	"    struct zone {\n"
	"       [192] struct free_area free_area[11];\n"
	"    }\n"
	"\n"
	"  Display a structure at an address:\n"
	"\n"
	"    mmscope> struct list_head 20000105e8a8\n"
	"    struct list_head {\n"
	"      next = 0x2000011e94a0,\n"
	"      prev = 0x2000011e94a0\n"
	"    }\n"
	"\n"
	"  Display two members of two consecutive page structures:\n"
	"\n"
	"    mmscope> struct page.flags,lru 20000105fdc0 2\n"
	"      flags = 1024,\n"
	"      lru = {\n"
	"        next = 0x20000105fde0,\n"
	"        prev = 0x20000105fde0\n"
	"      },\n"
	"      flags = 1024,\n"
	"      lru = {\n"
	"        next = 0x20000105fe18,\n"
	"        prev = 0x20000105fe18\n"
	"      },\n"
	"\n"
	"  Display the per-cpu pagesets of a zone on every CPU:\n"
	"\n"
	"    mmscope> p node_data[0]->node_zones[1].pageset\n"
	"    $1 = (struct per_cpu_pageset *) 0x1070\n"
	"    mmscope> struct per_cpu_pageset.pcp 1070:a\n"
	"\n"
	"  Display members of a per-cpu variable on CPU 2:\n"
	"\n"
	"    mmscope> struct rq.cpu,nr_running runqueues:2\n"
	"    [2]: 200001460080\n"
	"      cpu = 2,\n"
	"      nr_running = 0,\n",
	.options = struct_options,
};
