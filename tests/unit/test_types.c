/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test_types.c - the symbol, type and value layers against three oracles:
 *
 *  - typesprog's own offsetof()/sizeof()/enum values/&var (--oracle), for
 *    both bitfield encodings (typesprog_dw5: DW_AT_data_bit_offset,
 *    typesprog_dw4: DW_AT_bit_offset);
 *  - nm(1) for the symbol table (address <-> name, type letters);
 *  - gdb 13 for value printing ("p VAR" with print pretty on, read from the
 *    executable's initialised .data, no core needed), ptype and whatis,
 *    and gdb's Python for the values as JSON data.
 *    Skipped when gdb is not installed.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/error.h"
#include "core/symbols.h"
#include "core/types.h"
#include "core/value.h"
#include "core/field.h"
#include "core/program.h"
#include "core/record.h"
#include "tests/unit/test_assert.h"
#include "tests/unit/test_typesprog_util.h"

/* ------------------------------------------------------------ helpers */

/*
 * 0, 1: built by make (gcc DWARF 5 and 4); 2, 3: built here with clang when
 * it is installed (DWARF 5 with DW_OP_addrx and DW_FORM_strx, and DWARF 4),
 * else their tests are skipped.
 */
static char exe[4][1024];
static const char *variant_name[4] = { "typesprog_dw5", "typesprog_dw4", "typesprog_clang5", "typesprog_clang4" };
static bool have_clang;
static char clang_dir[256];

static bool have_prog(const char *name)
{
	char cmd[256];

	snprintf(cmd, sizeof(cmd), "command -v %s >/dev/null 2>&1", name);
	return system(cmd) == 0;
}

/* The program of the variant being tested: typesprog's debuginfo and image. */
static struct ms_program *prog;


/* The type called @name, which must exist. */
static const struct ms_type *T(const char *name)
{
	const struct ms_type *t;

	assert_ms_ok(ms_type_find(prog, name, &t));
	return t;
}

static void load_variant(int v)
{
	prog = tu_load(exe[v], NULL);
	assert_non_null(prog);
}

static void unload(void)
{
	tu_unload(prog);
	prog = NULL;
}

static void check_values(int v, const char *gdb_prefix, int radix, bool fmt_x);

/* ------------------------------------------------------------ the offsetof oracle */

static void check_oracle(int v)
{
	char cmd[1200];
	int checked = 0;

	snprintf(cmd, sizeof(cmd), "%s --oracle", exe[v]);
	char *out = tu_run_any(cmd);
	load_variant(v);
	for (char *save, *line = strtok_r(out, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char what[16], name[256];
		unsigned long long a, b;
		if (!strncmp(line, "SIZE ", 5)) {
			char *sp = strrchr(line, ' ');
			*sp = 0;
			a = strtoull(sp + 1, NULL, 10);
			const struct ms_type *t;
			struct ms_error *err = ms_type_find(prog, line + 5, &t);
			if (err)
				fail_msg("%s: %s: %s", variant_name[v], line, err->message);
			if (ms_type_size(t) != a)
				fail_msg("%s: SIZE %s: %llu, oracle %llu", variant_name[v], line + 5,
					 (unsigned long long)ms_type_size(t), a);
			checked++;
			continue;
		}
		if (sscanf(line, "%15s %255s %llx %llu", what, name, &a, &b) < 3)
			continue;
		if (!strcmp(what, "OFF") || !strcmp(what, "BIT")) {
			sscanf(line, "%15s %255s %llu %llu", what, name, &a, &b);
			char *dot = strchr(name, '.');
			*dot = 0;
			const struct ms_type *t;
			struct ms_member m;
			struct ms_error *err = ms_type_find(prog, name, &t);
			if (!err)
				err = ms_type_member_path(t, dot + 1, &m);
			if (err)
				fail_msg("%s: %s.%s: %s", variant_name[v], name, dot + 1, err->message);
			if (!strcmp(what, "OFF")) {
				if (m.offset != a || (ms_type_size(m.type) != b && !ms_type_is_flexible(m.type)))
					fail_msg("%s: OFF %s.%s: %llu/%llu, oracle %llu/%llu", variant_name[v], name,
						 dot + 1, (unsigned long long)m.offset,
						 (unsigned long long)ms_type_size(m.type), a, b);
			} else {
				unsigned long long pos = m.offset * 8 + m.bit_offset;
				if (pos != a || m.bit_size != b)
					fail_msg("%s: BIT %s.%s: %llu:%u, oracle %llu:%llu", variant_name[v], name,
						 dot + 1, pos, m.bit_size, a, b);
			}
			checked++;
		} else if (!strcmp(what, "ENUM")) {
			long long val = strtoll(strrchr(line, ' ') + 1, NULL, 10);
			int64_t got = 0;
			if (!ms_error_ok(ms_enum_value(prog, name, &got)) || got != val)
				fail_msg("%s: ENUM %s = %lld, oracle %lld", variant_name[v], name, (long long)got, val);
			checked++;
		} else if (!strcmp(what, "ADDR")) {
			const struct ms_type *t;
			uint64_t addr = 0;
			struct ms_error *err = ms_variable_find(prog, name, &t, &addr);
			if (err || addr != a)
				fail_msg("%s: ADDR %s: %s %llx, oracle %llx", variant_name[v], name,
					 err ? err->message : "", (unsigned long long)addr, a);
			const struct ms_symbol *s = ms_symbol_find(prog, name);
			if (!s || s->value != a)
				fail_msg("%s: symbol %s", variant_name[v], name);
			checked++;
		}
	}
	print_message("%s: %d oracle facts checked\n", variant_name[v], checked);
	assert_true(checked > 120);
	free(out);
	unload();
}

static void test_oracle_dw5(void **state)
{
	(void)state;
	check_oracle(0);
}

static void test_oracle_dw4(void **state)
{
	(void)state;
	check_oracle(1);
}

static void test_oracle_clang5(void **state)
{
	(void)state;
	if (!have_clang)
		skip();
	check_oracle(2);
}

static void test_oracle_clang4(void **state)
{
	(void)state;
	if (!have_clang)
		skip();
	check_oracle(3);
}

static void test_values_gdb_clang5(void **state)
{
	(void)state;
	if (!have_clang)
		skip();
	check_values(2, "p ", 10, false);
}

/* ------------------------------------------------------------ symbols vs nm */

static void test_symbols_nm(void **state)
{
	char cmd[1200];
	int checked = 0;

	(void)state;
	snprintf(cmd, sizeof(cmd), "nm -S %s | sort -k4 | uniq -u -f3", exe[0]);
	if (!have_prog("nm"))
		skip();
	char *out = tu_run_any(cmd);
	snprintf(cmd, sizeof(cmd), "nm %s | awk '{print $NF}' | sort | uniq -d", exe[0]);
	char *dups = tu_run_any(cmd);
	assert_int_equal(ms_program_create(&prog), 0);
	assert_ms_ok(ms_symbols_load(prog, exe[0]));
	assert_true(ms_symbol_count(prog) > 20);
	for (char *save, *line = strtok_r(out, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		unsigned long long val, size = 0;
		char type, name[512];
		if (sscanf(line, "%llx %llx %c %511s", &val, &size, &type, name) != 4) {
			size = 0;
			if (sscanf(line, "%llx %c %511s", &val, &type, name) != 3)
				continue;
		}
		char key[520];
		snprintf(key, sizeof(key), "\n%s\n", name);
		char hay[1 << 16];
		snprintf(hay, sizeof(hay), "\n%s", dups);
		if (strstr(hay, key) || type == 'U' || type == 'w' || type == 'v')
			continue;
		const struct ms_symbol *s = ms_symbol_find(prog, name);
		if (!s)
			fail_msg("symbol %s (%c) not found", name, type);
		assert_int_equal(s->value, val);
		if (s->type != type)
			fail_msg("symbol %s: type %c, nm %c", name, s->type, type);
		if (size > 1) {
			uint64_t off;
			const struct ms_symbol *b = ms_symbol_by_addr(prog, val + size - 1, &off);
			assert_non_null(b);
			assert_int_equal(b->value, val);
			assert_int_equal(off, size - 1);
		}
		checked++;
	}
	assert_true(checked > 30);
	/* sorted, and at_index agrees with count */
	for (size_t i = 1; i < ms_symbol_count(prog); i++)
		assert_true(ms_symbol_at_index(prog, i - 1)->value <= ms_symbol_at_index(prog, i)->value);
	assert_null(ms_symbol_at_index(prog, ms_symbol_count(prog)));
	/* relocation moves everything, and back */
	const struct ms_symbol *mp = ms_symbol_find(prog, "max_pfn");
	uint64_t v0 = mp->value, got;
	ms_symbols_relocate(prog, 0x1000000);
	assert_ms_ok(ms_symbol_value(prog, "max_pfn", &got));
	assert_int_equal(got, v0 + 0x1000000);
	uint64_t off;
	assert_string_equal(ms_symbol_by_addr(prog, v0 + 0x1000000 + 3, &off)->name, "max_pfn");
	assert_int_equal(off, 3);
	ms_symbols_relocate(prog, 0);
	assert_int_equal(ms_symbol_find(prog, "max_pfn")->value, v0);
	assert_ms_err_msg(ms_symbol_value(prog, "no_such_symbol_xyz", &got), MS_ERR_LOOKUP, "symbol not found: no_such_symbol_xyz");
	print_message("%d symbols checked against nm\n", checked);
	free(out);
	free(dups);
	ms_program_destroy(prog);
	prog = NULL;
}

static void test_build_id(void **state)
{
	char cmd[1200], buf[128];

	(void)state;
	snprintf(cmd, sizeof(cmd), "readelf -n %s | awk '/Build ID:/ {print $3}'", exe[0]);
	if (!have_prog("readelf"))
		skip();
	char *out = tu_run_any(cmd);
	char *nl = strchr(out, '\n');
	if (nl)
		*nl = 0;
	if (!*out) {
		free(out);
		skip();
	}
	assert_ms_ok(ms_elf_build_id(exe[0], buf, sizeof(buf)));
	assert_string_equal(buf, out);
	assert_ms_err(ms_elf_build_id(exe[0], buf, 8), MS_ERR_OTHER, "build id buffer too small");
	assert_ms_err(ms_elf_build_id("/nonexistent/file", buf, sizeof(buf)), MS_ERR_OS,
		      "/nonexistent/file: No such file or directory");
	free(out);
}

/* ------------------------------------------------------------ gdb as the oracle */

/*
 * Run gdb on @p path with one "-ex" per command, each followed by an echo of
 * a separator; returns the outputs in @p res (malloc'ed).
 */
static int gdb_batch_init(const char *path, const char *init, const char *const *cmds, int n, char **res)
{
	size_t cap = 4096;
	char *cmd = malloc(cap);
	size_t len = (size_t)snprintf(cmd, cap,
				      "gdb -batch -nx -ex 'set print pretty on' -ex 'set width 0' "
				      "-ex 'set height 0' -ex '%s'", init);
	for (int i = 0; i < n; i++) {
		size_t need = len + strlen(cmds[i]) + 64;
		if (need > cap) {
			cap = need * 2;
			cmd = realloc(cmd, cap);
		}
		len += (size_t)snprintf(cmd + len, cap - len, " -ex '%s' -ex 'echo @@@SEP@@@\\n'", cmds[i]);
	}
	len += (size_t)snprintf(cmd + len, cap - len, " %s 2>&1", path);
	char *out = tu_run_any(cmd);
	free(cmd);
	char *p = out;
	int got = 0;
	for (; got < n; got++) {
		char *sep = strstr(p, "@@@SEP@@@\n");
		if (!sep)
			break;
		*sep = 0;
		res[got] = strdup(p);
		p = sep + 10;
	}
	free(out);
	return got;
}

static int gdb_batch(const char *path, const char *const *cmds, int n, char **res)
{
	return gdb_batch_init(path, "set confirm off", cmds, n, res);
}

static char *capture_value(const struct ms_type *t, uint64_t addr, int radix, bool fmt_x)
{
	char *buf = NULL;
	size_t sz = 0;
	FILE *fp = open_memstream(&buf, &sz);
	uint64_t size = ms_type_size(t);
	unsigned char *data = calloc(1, size + 16);

	assert_int_equal(tu_image_copy(addr, data, size), 0);
	ms_value_print_fmt(prog, fp, t, data, addr, radix, fmt_x, 0);
	fputc('\n', fp);
	fclose(fp);
	free(data);
	return buf;
}

static void check_values(int v, const char *gdb_prefix, int radix, bool fmt_x)
{
	char cmd[1200];
	const char *vars[128];
	char *cmds[128] = { 0 }, *res[128] = { 0 };
	int n = 0, bad = 0;

	if (!have_prog("gdb"))
		skip();
	snprintf(cmd, sizeof(cmd), "%s --vars", exe[v]);
	char *out = tu_run_any(cmd);
	for (char *save, *l = strtok_r(out, "\n", &save); l && n < 128; l = strtok_r(NULL, "\n", &save))
		vars[n++] = l;
	for (int i = 0; i < n; i++) {
		cmds[i] = malloc(300);
		snprintf(cmds[i], 300, "%s%s", gdb_prefix, vars[i]);
	}
	int got = gdb_batch_init(exe[v], radix == 16 && !fmt_x ? "set output-radix 16" : "set confirm off",
				 (const char *const *)cmds, n, res);
	assert_int_equal(got, n);
	load_variant(v);
	for (int i = 0; i < n; i++) {
		const struct ms_type *t;
		uint64_t addr;
		struct ms_error *err = ms_variable_find(prog, vars[i], &t, &addr);
		if (err)
			fail_msg("%s: %s", vars[i], err->message);
		char *mine = capture_value(t, addr, radix, fmt_x);
		/* gdb: "$N = value" */
		char *theirs = strstr(res[i], " = ");
		if (!theirs || strcmp(theirs + 3, mine)) {
			print_error("%s %s%s:\n gdb:  %s\n mine: %s", variant_name[v], gdb_prefix, vars[i],
				    theirs ? theirs + 3 : res[i], mine);
			bad++;
		}
		free(mine);
		free(res[i]);
		free(cmds[i]);
	}
	print_message("%s: %d values compared with gdb (%s)\n", variant_name[v], n, gdb_prefix);
	free(out);
	unload();
	assert_int_equal(bad, 0);
}

static void test_values_gdb_dw5(void **state)
{
	(void)state;
	check_values(0, "p ", 10, false);
}

static void test_values_gdb_dw4(void **state)
{
	(void)state;
	check_values(1, "p ", 10, false);
}

static void test_values_gdb_fmt_x(void **state)
{
	(void)state;
	check_values(0, "p/x ", 16, true);
}

static void test_values_gdb_radix16(void **state)
{
	(void)state;
	check_values(1, "p ", 16, false);
}

/*
 * The JSON data of every typesprog variable (ms_value_record()) against
 * tests/e2e/lib/gdb_data.py, the rules of mmscope(1) applied by gdb's own
 * Python to gdb's values: both write compact JSON, compared line by line.
 * typesprog has what a dump lacks: an int array past gdb's 200 elements,
 * floats, flexible arrays, signed and flag enums, both bitfield encodings.
 */
static void check_values_data(int v)
{
	char cmd[4096], in[64] = "/tmp/test_types_jd.XXXXXX", out[80];
	const char *srcdir = getenv("top_srcdir");
	char *vars[128], *lines[128];
	int n = 0, nl = 0, bad = 0;

	if (!have_prog("gdb"))
		skip();
	snprintf(cmd, sizeof(cmd), "%s --vars", exe[v]);
	char *list = tu_run_any(cmd);
	for (char *save, *l = strtok_r(list, "\n", &save); l && n < 128; l = strtok_r(NULL, "\n", &save))
		vars[n++] = l;
	int fd = mkstemp(in);
	assert_true(fd >= 0);
	FILE *f = fdopen(fd, "w");
	assert_non_null(f);
	fputc('[', f);
	for (int i = 0; i < n; i++)
		fprintf(f, "%s\"%s\"", i ? "," : "", vars[i]);	/* C identifiers: nothing to escape */
	fputs("]\n", f);
	fclose(f);
	snprintf(out, sizeof(out), "%s.out", in);
	snprintf(cmd, sizeof(cmd), "JD_IN=%s JD_OUT=%s gdb -nx -batch -ex 'set charset ASCII' -x %s/tests/e2e/lib/gdb_data.py %s 2>&1",
		 in, out, srcdir ? srcdir : "..", exe[v]);
	char *log = tu_run_any(cmd);
	unlink(in);
	f = fopen(out, "r");
	if (!f)
		fail_msg("gdb_data.py wrote nothing: %s", log);
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	while (nl < 128 && (len = getline(&line, &cap, f)) > 0) {
		line[strcspn(line, "\n")] = '\0';
		lines[nl++] = strdup(line);
	}
	free(line);
	fclose(f);
	unlink(out);
	if (nl != n)
		fail_msg("gdb_data.py: %d values for %d variables: %s", nl, n, log);
	load_variant(v);
	for (int i = 0; i < n; i++) {
		const struct ms_type *t;
		uint64_t addr;
		char *mine = NULL;
		size_t sz = 0;
		struct ms_error *err = ms_variable_find(prog, vars[i], &t, &addr);
		if (err)
			fail_msg("%s: %s", vars[i], err->message);
		unsigned char *data = calloc(1, ms_type_size(t) + 16);
		assert_int_equal(tu_image_copy(addr, data, ms_type_size(t)), 0);
		struct ms_record *rec = ms_record_create();
		ms_value_record(prog, rec, t, data, addr);
		FILE *fp = open_memstream(&mine, &sz);
		ms_record_write_json(rec, fp, false);
		fclose(fp);
		if (strcmp(mine, lines[i])) {
			print_error("%s data of %s:\n gdb:  %s\n mine: %s\n", variant_name[v], vars[i], lines[i], mine);
			bad++;
		}
		ms_record_destroy(rec);
		free(data);
		free(mine);
		free(lines[i]);
	}
	print_message("%s: the data of %d values compared with gdb\n", variant_name[v], n);
	free(log);
	free(list);
	unload();
	assert_int_equal(bad, 0);
}

static void test_values_data_gdb_dw5(void **state)
{
	(void)state;
	check_values_data(0);
}

static void test_values_data_gdb_dw4(void **state)
{
	(void)state;
	check_values_data(1);
}

/* ptype and whatis: compare ms_type_print_decl and ms_type_name. */
static void test_ptype_whatis_gdb(void **state)
{
	static const char *const ptypes[] = {
		"struct tp_zone", "struct tp_bits", "union tp_union", "struct tp_flex", "struct tp_empty",
		"struct tp_cache", "pg_data_t", "my_culong3", "enum neg_enum", "enum tp_flags",
		"struct list_head", "atomic_t", "unsigned long", "struct pglist_data", "struct tp_page",
	};
	static const char *const whatis_vars[] = {
		"tp_zone0.fn", "tp_zone0.ops", "tp_zone0.cvp", "tp_zone0.cp", "tp_zone0.matrix",
		"tp_zone0.culong", "max_pfn", "tp_int_ptr", "tp_fn_ptr", "tp_array_ptr", "tp_rodata_ptr",
		"tp_mem_map", "tp_const_typedefd", "tp_bitsv.e", "tp_schar", "tp_ullong", "tp_ushort",
		"tp_short_int", "tp_points", "tp_cache_ptr->list", "tp_unionv.half", "tp_function2",
	};
	const size_t np = sizeof(ptypes) / sizeof(*ptypes), nw = sizeof(whatis_vars) / sizeof(*whatis_vars);
	char *cmds[64], *res[64];
	int bad = 0;

	(void)state;
	if (!have_prog("gdb"))
		skip();
	for (size_t i = 0; i < np; i++) {
		cmds[i] = malloc(200);
		snprintf(cmds[i], 200, "ptype %s", ptypes[i]);
	}
	for (size_t i = 0; i < nw; i++) {
		cmds[np + i] = malloc(200);
		snprintf(cmds[np + i], 200, "whatis %s", whatis_vars[i]);
	}
	assert_int_equal(gdb_batch(exe[0], (const char *const *)cmds, (int)(np + nw), res), (int)(np + nw));
	load_variant(0);
	for (size_t i = 0; i < np; i++) {
		const struct ms_type *t;
		struct ms_error *err = ms_type_find(prog, ptypes[i], &t);
		if (err)
			fail_msg("%s: %s", ptypes[i], err->message);
		char *buf = NULL;
		size_t sz = 0;
		FILE *fp = open_memstream(&buf, &sz);
		ms_type_print_ptype(fp, t);
		fclose(fp);
		if (strcmp(res[i] + strlen("type = "), buf)) {
			print_error("ptype %s:\n gdb:  %s mine: %s", ptypes[i], res[i] + 7, buf);
			bad++;
		}
		free(buf);
	}
	for (size_t i = 0; i < nw; i++) {
		const char *path = whatis_vars[i];
		char var[128];
		size_t k = strcspn(path, ".-");
		snprintf(var, sizeof(var), "%.*s", (int)k, path);
		const struct ms_type *t = NULL;
		uint64_t addr;
		if (!ms_error_ok(ms_variable_find(prog, var, &t, &addr))) {
			struct ms_error *err = ms_function_find(prog, var, &t, &addr);
			if (err)
				fail_msg("%s: %s", var, err->message);
		}
		if (path[k]) {
			struct ms_member m;
			const char *rest = path + k + (path[k] == '-' ? 2 : 1);
			if (path[k] == '-')
				t = ms_type_target(ms_type_strip(t));
			assert_ms_ok(ms_type_member_path(t, rest, &m));
			t = m.type;
		}
		char want[512];
		snprintf(want, sizeof(want), "type = %s\n", ms_type_name(t));
		if (strcmp(res[np + i], want)) {
			print_error("whatis %s:\n gdb:  %s mine: %s", path, res[np + i], want);
			bad++;
		}
	}
	for (size_t i = 0; i < np + nw; i++) {
		free(cmds[i]);
		free(res[i]);
	}
	unload();
	assert_int_equal(bad, 0);
}

/* ------------------------------------------------------------ API details */

static void test_api(void **state)
{
	(void)state;
	load_variant(0);

	/* names, spellings */
	assert_string_equal(ms_type_name(T("unsigned long")), "unsigned long");
	assert_string_equal(ms_type_name(T("long unsigned int")), "unsigned long");
	assert_string_equal(ms_type_name(T("struct tp_page *")), "struct tp_page *");
	assert_string_equal(ms_type_name(T("tp_page **")), "struct tp_page **");
	assert_string_equal(ms_type_name(T("char [16]")), "char [16]");
	assert_string_equal(ms_type_name(T("int [3][4]")), "int [3][4]");
	assert_string_equal(ms_type_name(T("const char *")), "const char *");
	assert_string_equal(ms_type_name(T("pg_data_t")), "pg_data_t");
	assert_int_equal(ms_type_kind(T("pglist_data")), MS_TYPE_STRUCT);
	assert_int_equal(ms_type_kind(T("pg_data_t")), MS_TYPE_TYPEDEF);
	assert_int_equal(ms_type_kind(ms_type_strip(T("pg_data_t"))), MS_TYPE_STRUCT);
	assert_true(ms_type_is_signed(T("enum neg_enum")));
	assert_false(ms_type_is_signed(T("enum tp_flags")));
	assert_true(ms_type_is_bool(T("_Bool")));
	assert_int_equal(ms_type_array_len(T("char [16]")), 16);

	/* errors */
	const struct ms_type *none;
	assert_ms_err_msg(ms_type_find(prog, "struct no_such_thing", &none), MS_ERR_LOOKUP,
			  "No struct type named no_such_thing.");
	assert_ms_err_msg(ms_type_find(prog, "no_such_thing", &none), MS_ERR_LOOKUP,
			  "No symbol \"no_such_thing\" in current context.");
	assert_null(ms_type_get(prog, "no_such_thing"));
	struct ms_member m;
	assert_ms_err_msg(ms_type_member_path(T("tp_page"), "lru.nope", &m), MS_ERR_LOOKUP, "There is no member named nope.");
	assert_ms_err(ms_type_member_path(T("tp_page"), "lru[1]", &m), MS_ERR_LOOKUP, NULL);

	/* member values, bitfields: read from a copy of the structure */
	const struct ms_type *t;
	const struct ms_field *f;
	uint64_t addr;
	unsigned char buf[64];
	assert_ms_ok(ms_variable_find(prog, "tp_bitsv", &t, &addr));
	assert_int_equal(tu_image_copy(addr, buf, ms_type_size(t)), 0);
	assert_ms_ok(ms_field_find(prog, t, "c", &f));
	assert_int_equal(ms_field_get_u64(f, buf), 0x123456789aULL);
	assert_ms_ok(ms_field_find(prog, t, "b", &f));
	assert_int_equal(ms_field_get_s64(f, buf), -7);
	assert_ms_ok(ms_field_find(prog, t, "i", &f));
	assert_int_equal(ms_field_get_s64(f, buf), -4294967296LL);
	assert_ms_err(ms_field_find(prog, t, "nope", &f), MS_ERR_LOOKUP, "nope");
	assert_ms_ok(ms_variable_find(prog, "tp_mem_map", &t, &addr));
	unsigned char pages[256];
	assert_int_equal(tu_image_copy(addr, pages, ms_type_size(t)), 0);
	const struct ms_type *pt = ms_type_target(ms_type_strip(t));
	uint64_t psz = ms_type_size(pt);
	assert_ms_ok(ms_field_find(prog, pt, "objects", &f));
	assert_int_equal(ms_field_get_u64(f, pages + psz), 12);
	assert_ms_ok(ms_field_find(prog, pt, "frozen", &f));
	assert_int_equal(ms_field_get_u64(f, pages + psz), 1);
	assert_ms_ok(ms_field_find(prog, pt, "private", &f));
	assert_int_equal(ms_field_get_u64(f, pages + psz), 42);

	/* enums and variables */
	int64_t e;
	assert_ms_ok(ms_enum_value(prog, "NEG_MIN", &e));
	assert_int_equal(e, -2147483648LL);
	assert_ms_err(ms_enum_value(prog, "NOPE_NOPE", &e), MS_ERR_LOOKUP, NULL);
	assert_string_equal(ms_type_name(ms_enum_type_of(prog, "ZONE_NORMAL")), "enum zone_type");
	assert_ms_err_msg(ms_variable_find(prog, "no_var", &t, &addr), MS_ERR_LOOKUP, "No symbol \"no_var\" in current context.");
	assert_ms_ok(ms_function_find(prog, "tp_function2", &t, &addr));
	assert_string_equal(ms_type_name(t), "int (int, char **, ...)");
	assert_int_equal(addr, ms_symbol_find(prog, "tp_function2")->value);

	/* declarations */
	char *d = ms_type_decl(T("char [16]"), "name");
	assert_string_equal(d, "char name[16]");
	free(d);

	unload();
}

static void count_name(const char *name, void *arg)
{
	(void)name;
	(*(int *)arg)++;
}

static void test_names(void **state)
{
	int n = 0;

	(void)state;
	load_variant(0);
	ms_type_names(prog, "tp_", count_name, &n);
	assert_true(n >= 9);
	unload();
}

static void test_struct_offsets_print(void **state)
{
	char *buf = NULL;
	size_t sz = 0;

	(void)state;
	load_variant(0);
	FILE *fp = open_memstream(&buf, &sz);
	ms_type_print_decl(fp, T("struct list_head"), true, 10);
	ms_type_print_decl(fp, T("struct tp_cache"), true, 16);
	fclose(fp);
	assert_string_equal(buf, "struct list_head {\n"
				 "   [0] struct list_head *next;\n"
				 "   [8] struct list_head *prev;\n"
				 "}\n"
				 "struct tp_cache {\n"
				 "   [0x0] const char *name;\n"
				 "   [0x8] unsigned int size;\n"
				 "   [0xc] unsigned int object_size;\n"
				 "  [0x10] struct list_head list;\n"
				 "  [0x20] struct tp_cache *self;\n"
				 "  [0x28] struct tp_flex *flex;\n"
				 "}\n");
	free(buf);
	unload();
}

/* Index and lookup speed on this test's own binary; printed, not asserted. */
static void test_speed(void **state)
{
	struct timespec a, b;

	(void)state;
	assert_int_equal(ms_program_create(&prog), 0);
	clock_gettime(CLOCK_MONOTONIC, &a);
	assert_ms_ok(ms_types_load(prog, exe[0]));
	assert_non_null(T("struct tp_zone"));
	clock_gettime(CLOCK_MONOTONIC, &b);
	double ms = (double)(b.tv_sec - a.tv_sec) * 1e3 + (double)(b.tv_nsec - a.tv_nsec) / 1e6;
	clock_gettime(CLOCK_MONOTONIC, &a);
	int n = 0;
	const struct ms_type *zt = T("struct tp_zone");
	for (int i = 0; i < 100000; i++) {
		const struct ms_field *f;
		struct ms_error *err = ms_field_find(prog, zt, "free_area[3].free_list[1]", &f);
		n += !err && f->offset > 0;
		ms_error_destroy(err);
	}
	clock_gettime(CLOCK_MONOTONIC, &b);
	double us = ((double)(b.tv_sec - a.tv_sec) * 1e6 + (double)(b.tv_nsec - a.tv_nsec) / 1e3) / 100000;
	print_message("load+index %.2f ms; memoised ms_field_find %.3f us\n", ms, us);
	assert_int_equal(n, 100000);
	ms_program_destroy(prog);
	prog = NULL;
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_oracle_dw5),
		cmocka_unit_test(test_oracle_dw4),
		cmocka_unit_test(test_oracle_clang5),
		cmocka_unit_test(test_oracle_clang4),
		cmocka_unit_test(test_values_gdb_clang5),
		cmocka_unit_test(test_symbols_nm),
		cmocka_unit_test(test_build_id),
		cmocka_unit_test(test_values_gdb_dw5),
		cmocka_unit_test(test_values_gdb_dw4),
		cmocka_unit_test(test_values_gdb_fmt_x),
		cmocka_unit_test(test_values_gdb_radix16),
		cmocka_unit_test(test_values_data_gdb_dw5),
		cmocka_unit_test(test_values_data_gdb_dw4),
		cmocka_unit_test(test_ptype_whatis_gdb),
		cmocka_unit_test(test_api),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_struct_offsets_print),
		cmocka_unit_test(test_speed),
	};

	(void)argc;
	/* The test programs sit next to this one. */
	char dir[512];
	tu_prog_dir(dir, sizeof(dir), argv[0], true);
	for (int v = 0; v < 2; v++)
		snprintf(exe[v], sizeof(exe[v]), "%s/%s", dir, variant_name[v]);
	const char *srcdir = getenv("top_srcdir");
	char src[900];
	snprintf(src, sizeof(src), "%s/tests/unit/typesprog.c", srcdir ? srcdir : "..");
	snprintf(clang_dir, sizeof(clang_dir), "/tmp/test_types.XXXXXX");
	if (have_prog("clang") && access(src, R_OK) == 0 && mkdtemp(clang_dir)) {
		char cmd[4096];
		have_clang = true;
		for (int v = 2; v < 4; v++) {
			snprintf(exe[v], sizeof(exe[v]), "%s/%s", clang_dir, variant_name[v]);
			snprintf(cmd, sizeof(cmd), "clang -std=gnu11 -g -gdwarf-%d -O0 -fno-pie -no-pie -w -o %s %s",
				 v == 2 ? 5 : 4, exe[v], src);
			if (system(cmd))
				have_clang = false;
		}
	}
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	if (have_clang) {
		unlink(exe[2]);
		unlink(exe[3]);
	}
	if (clang_dir[0] && strcmp(clang_dir, "/tmp/test_types.XXXXXX"))
		rmdir(clang_dir);
	return rc;
}
