/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test_expr.c - the expression evaluator of "p" against gdb: each
 * expression is evaluated over typesprog_dw5's initialised data and printed
 * with ms_value_print(); gdb's "p EXPR" on the same executable is the oracle,
 * errors included.  Skipped without gdb.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/error.h"
#include "core/expr.h"
#include "core/symbols.h"
#include "core/types.h"
#include "core/value.h"
#include "tests/unit/test_assert.h"
#include "tests/unit/test_typesprog_util.h"

static char exe[1024];

static struct ms_program *prog;

/* gdb's words for memory it cannot read: the test compares with gdb */
static struct ms_error *image_read(void *arg, uint64_t addr, enum ms_as as, void *buf, size_t len,
				   const char *what)
{
	(void)arg;
	(void)what;
	if (tu_image_copy(addr, buf, len))
		return ms_error_fault(as, addr, "Cannot access memory at address 0x%llx",
				      (unsigned long long)addr);
	return NULL;
}

static int setup(void **state)
{
	(void)state;
	prog = tu_load(exe, image_read);
	return prog ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	tu_unload(prog);
	prog = NULL;
	return 0;
}

static const char *const exprs[] = {
	"max_pfn", "tp_zone0.name", "tp_zone0.matrix[1][2][0]", "tp_zone0.matrix[1]", "*tp_cache_ptr",
	"tp_cache_ptr->name", "tp_cache_ptr->list.next", "&tp_zone0", "&tp_zone0.free_area[3]",
	"&tp_zone0.free_area[3].free_list[1]", "tp_mem_map[1].objects", "tp_mem_map[1].private",
	"tp_mem_map[1].frozen", "(struct tp_cache *)tp_cache_ptr", "*(struct tp_cache *)tp_cache_ptr",
	"tp_int_ptr[1]", "*tp_int_ptr", "tp_int_ptr + 2", "&tp_ints[5] - &tp_ints[1]", "max_pfn * 2 + 1",
	"max_pfn >> 3", "(unsigned long)tp_cache_ptr", "sizeof(struct tp_zone)", "sizeof(tp_zone0)",
	"-neg_long", "~0", "ZONE_NORMAL", "tp_function2", "&max_pfn", "tp_banner", "tp_ints2[2]",
	"tp_points[1]", "tp_points[1].y", "tp_array_ptr[1][1]", "(long)tp_neg", "tp_bitsv.b",
	"tp_bitsv.c", "tp_bitsv.g", "1 << 10", "0x10 | 0x3", "100/7", "100 % 7", "tp_cache_ptr->self->size",
	"(struct list_head *)&tp_kmalloc_64.list", "*(unsigned long *)&max_pfn", "tp_mem_map[2].lru.next",
	"&((struct tp_zone *)0)->free_area[3].free_list[1]", "tp_unionv.half.hi", "tp_zone0.short_name",
	"(char)65", "0xffffffff", "4294967296", "-1", "tp_zone0.lowmem_reserve[1] * 3", "tp_flagv",
	"&tp_mem_map[1]", "&tp_mem_map[3] - tp_mem_map", "(int)tp_zone_type", "tp_rodata_ptr",
	"(2 + 3) * 4", "tp_neg", "tp_uchar", "max_pfn ^ 1", "max_pfn & 0xff00",
	"max_pfn == 262144", "max_pfn != 262144", "neg_long < 0", "neg_long > 0", "max_pfn >= 262144",
	"max_pfn <= 5", "1 && 0", "1 || 0", "tp_cache_ptr == &tp_kmalloc_64", "tp_cache_ptr->self != 0",
	"max_pfn > 1 && neg_long < -1", "1 << 3 == 8", "-1 < 0", "0xffffffff > 0",
	"*tp_zone0.free_area", "tp_zone0.free_area + 1", "sizeof tp_zone0.free_area", "(pg_data_t *)0",
	"(my_ulong)tp_cache_ptr", "tp_ints + 3", "*&tp_zone0.matrix[1]", "&*tp_cache_ptr", "&tp_ints",
	"*tp_array_ptr", "&tp_function2", "*tp_function2", "tp_zone0.ops[1]", "&tp_zone0.name",
	"*tp_zone0.name", "tp_zone0.name[1]", "tp_banner[2]", "&tp_banner[2]", "tp_kmalloc_64.list.next->next",
	"(char)tp_bitsv.e", "tp_bitsv.h", "!tp_bitsv.h", "~tp_uchar", "-tp_uchar", "tp_uchar + 1",
	"tp_short_int * 2", "tp_ullong / 3", "tp_llong % 7", "(unsigned char)300", "(short)-70000",
	"tp_neg + 1", "tp_double", "(long)tp_double", "tp_true + 1", "sizeof(int[3][4])",
	/* errors */
	"18446744073709551615", "0xffffffffffffffff",
	"nosuch", "tp_zone0.nope", "99999999999999999999999", "0x1ffffffffffffffffff", "*max_pfn", "max_pfn.", "tp_zone0 + ", "max_pfn->x", "_end", "(long)_end",
};

static void test_against_gdb(void **state)
{
	const size_t n = sizeof(exprs) / sizeof(*exprs);
	int bad = 0;

	(void)state;
	if (system("command -v gdb >/dev/null 2>&1"))
		skip();
	size_t cap = 1 << 16, len;
	char *cmd = malloc(cap);
	len = (size_t)snprintf(cmd, cap, "gdb -batch -nx -ex 'set print pretty on' -ex 'set width 0'");
	for (size_t i = 0; i < n; i++)
		len += (size_t)snprintf(cmd + len, cap - len, " -ex 'p %s' -ex 'echo @@@SEP@@@\\n'", exprs[i]);
	snprintf(cmd + len, cap - len, " %s 2>&1", exe);
	char *out = tu_run_any(cmd);
	free(cmd);

	char *cur = out;
	for (size_t i = 0; i < n; i++) {
		char *sep = strstr(cur, "@@@SEP@@@\n");
		assert_non_null(sep);
		*sep = 0;
		char *theirs = cur;
		cur = sep + 10;
		char *eq = strstr(theirs, " = ");
		bool gdb_ok = theirs[0] == '$' && eq;
		char *mine = NULL;
		size_t msz = 0;
		FILE *fp = open_memstream(&mine, &msz);
		struct ms_value v;
		struct ms_error *err = ms_expr_eval(prog, exprs[i], &v);
		if (!err && (err = ms_expr_value_load(prog, &v)))
			ms_expr_value_release(&v);
		bool ok = !err;
		if (ok) {
			ms_value_print(prog, fp, v.type, v.bytes, v.lval ? v.addr : 0, 10, 0);
			fputc('\n', fp);
			ms_expr_value_release(&v);
		} else {
			fprintf(fp, "%s\n", err->message);
			ms_error_destroy(err);
		}
		fclose(fp);
		const char *want = gdb_ok ? eq + 3 : theirs;
		if (ok != gdb_ok || strcmp(want, mine)) {
			print_error("p %s:\n gdb:  %s mine: %s", exprs[i], theirs, mine);
			bad++;
		}
		free(mine);
	}
	print_message("%zu expressions compared with gdb\n", n);
	free(out);
	assert_int_equal(bad, 0);
}

static void test_values(void **state)
{
	struct ms_value v;
	uint64_t u;

	(void)state;
	assert_ms_ok(ms_expr_eval(prog, "max_pfn", &v));
	assert_string_equal(v.symbol, "max_pfn");
	assert_true(v.lval);
	assert_int_equal(v.addr, ms_symbol_find(prog, "max_pfn")->value);
	assert_ms_ok(ms_expr_value_u64(prog, &v, &u));
	assert_int_equal(u, 262144);
	ms_expr_value_release(&v);
	assert_ms_ok(ms_expr_eval(prog, "tp_zone0.name", &v));
	assert_null(v.symbol);
	ms_expr_value_release(&v);
	assert_ms_ok(ms_expr_eval(prog, "(tp_zone0)", &v));
	ms_expr_value_release(&v);
	assert_ms_err_msg(ms_expr_eval(prog, "", &v), MS_ERR_USAGE, "A syntax error in expression, near `'.");
	assert_ms_ok(ms_expr_eval(prog, "0x12345678abcd", &v));
	assert_ms_ok(ms_expr_value_u64(prog, &v, &u));
	assert_int_equal(u, 0x12345678abcdULL);
	ms_expr_value_release(&v);
	/* as in gdb, a bare hex word is a name */
	assert_ms_err_msg(ms_expr_eval(prog, "(struct tp_cache *)ffff8800", &v), MS_ERR_LOOKUP,
			  "No symbol \"ffff8800\" in current context.");
	/* KERNELOFFSET: DWARF addresses move with the symbols */
	uint64_t before = ms_symbol_find(prog, "max_pfn")->value;
	ms_symbols_relocate(prog, 0x100000);
	assert_ms_ok(ms_expr_eval(prog, "&max_pfn", &v));
	assert_ms_ok(ms_expr_value_u64(prog, &v, &u));
	assert_int_equal(u, before + 0x100000);
	ms_expr_value_release(&v);
	ms_symbols_relocate(prog, 0);
	assert_ms_ok(ms_expr_eval(prog, "&max_pfn", &v));
	assert_ms_ok(ms_expr_value_u64(prog, &v, &u));
	assert_int_equal(u, before);
	ms_expr_value_release(&v);
	/* a read that fails */
	assert_ms_ok(ms_expr_eval(prog, "*(struct tp_cache *)0x10", &v));
	assert_ms_err(ms_expr_value_load(prog, &v), MS_ERR_FAULT, NULL);
	ms_expr_value_release(&v);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_against_gdb),
		cmocka_unit_test(test_values),
	};
	char dir[900];

	(void)argc;
	tu_prog_dir(dir, sizeof(dir), argv[0], false);
	snprintf(exe, sizeof(exe), "%s/typesprog_dw5", dir);
	return cmocka_run_group_tests(tests, setup, teardown);
}
