/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test_field.c - the member accessor (core/field.c) over typesprog's DWARF
 * and initialised data.  Oracles: typesprog --oracle (the compiler's own
 * offsetof/sizeof, and bit positions of bitfields), and the initialisers
 * in tests/unit/typesprog.c (tp_bitsv, tp_zone0, tp_points).  Checks the
 * memo (a path resolves once), LOOKUP vs FAULT, and the value decoding;
 * and per_cpu_ptr() over typesprog's __per_cpu_offset[].
 */
#include <inttypes.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/field.h"
#include "core/percpu.h"
#include "core/program.h"
#include "core/symbols.h"
#include "core/types.h"
#include "tests/unit/test_assert.h"
#include "tests/unit/test_typesprog_util.h"

static char exe[1024];
static struct ms_program *prog;

static int setup(void **state)
{
	(void)state;
	prog = tu_load(exe, NULL);
	return prog ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	tu_unload(prog);
	prog = NULL;
	return 0;
}

/* "tp_page" -> the type: a struct, union or typedef of that name */
static const struct ms_type *type_of(const char *name)
{
	const struct ms_type *t;

	assert_ms_ok(ms_type_find(prog, name, &t));
	return t;
}

/* Every OFF and BIT line of the oracle: offset, size, bit position. */
static void test_oracle(void **state)
{
	char cmd[1100];
	int checked = 0;

	(void)state;
	snprintf(cmd, sizeof(cmd), "%s --oracle", exe);
	char *out = tu_run(cmd);
	for (char *save, *line = strtok_r(out, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char kind[8], path[256];
		unsigned long long a, b;
		const struct ms_field *f;

		if (sscanf(line, "%7s %255s %llu %llu", kind, path, &a, &b) != 4 ||
		    (strcmp(kind, "OFF") && strcmp(kind, "BIT")))
			continue;
		char *dot = strchr(path, '.');
		assert_non_null(dot);
		*dot = '\0';
		assert_ms_ok(ms_field_find(prog, type_of(path), dot + 1, &f));
		if (!strcmp(kind, "OFF")) {
			if (f->offset != a || f->size != b)
				fail_msg("%s.%s: offset %" PRIu64 " size %" PRIu64 ", oracle %llu %llu",
					 path, dot + 1, f->offset, f->size, a, b);
		} else {
			if (f->offset * 8 + f->bit_offset != a || f->bit_size != b)
				fail_msg("%s.%s: bit %" PRIu64 " width %u, oracle %llu %llu", path, dot + 1,
					 f->offset * 8 + f->bit_offset, f->bit_size, a, b);
		}
		checked++;
	}
	free(out);
	print_message("%d members checked against the oracle\n", checked);
	assert_true(checked > 40);
}

/* A path resolves through the DWARF once; later lookups are answered from the memo. */
static void test_memo(void **state)
{
	const struct ms_field *f1, *f2;
	uint64_t r0, l0, r1, l1;
	int i;

	(void)state;
	ms_field_cache_stats(prog, &r0, &l0);
	assert_ms_ok(ms_field_find_by_name(prog, "struct tp_zone", "free_area[3].nr_free", &f1));
	ms_field_cache_stats(prog, &r1, &l1);
	assert_int_equal(r1, r0 + 1);
	for (i = 0; i < 1000; i++) {
		assert_ms_ok(ms_field_find_by_name(prog, "struct tp_zone", "free_area[3].nr_free", &f2));
		assert_ptr_equal(f1, f2);
	}
	ms_field_cache_stats(prog, &r1, &l1);
	assert_int_equal(r1, r0 + 1);		/* resolved once */
	assert_int_equal(l1, l0 + 1001);	/* asked 1001 times */
	/* another path of the same type is another entry */
	assert_ms_ok(ms_field_find_by_name(prog, "struct tp_zone", "free_area[4].nr_free", &f2));
	assert_int_equal(f2->offset, f1->offset + 88);	/* SIZE struct free_area 88 */
	ms_field_cache_stats(prog, &r1, &l1);
	assert_int_equal(r1, r0 + 2);
}

/* A member that does not exist is a LOOKUP naming it, remembered as such. */
static void test_lookup(void **state)
{
	const struct ms_field *f;
	uint64_t r0, l0, r1, l1, v;

	(void)state;
	ms_field_cache_stats(prog, &r0, &l0);
	assert_ms_err(ms_field_find_by_name(prog, "struct tp_page", "_refcount", &f), MS_ERR_LOOKUP,
		      "_refcount");
	assert_ms_err(ms_field_find_by_name(prog, "struct tp_page", "_refcount", &f), MS_ERR_LOOKUP,
		      NULL);
	ms_field_cache_stats(prog, &r1, &l1);
	assert_int_equal(r1, r0 + 1);
	/* the fallback of a kernel that spells it otherwise */
	struct ms_error *err = ms_field_find_by_name(prog, "struct tp_page", "_refcount.counter", &f);
	assert_non_null(err);
	assert_string_equal(err->name, "tp_page._refcount.counter");
	if (ms_error_catch(&err, MS_ERR_LOOKUP))
		err = ms_field_find_by_name(prog, "struct tp_page", "_count.counter", &f);
	assert_ms_ok(err);
	assert_int_equal(f->offset, 28);	/* OFF tp_page._count.counter 28 4 */
	/* no such type */
	assert_ms_err(ms_field_find_by_name(prog, "struct no_such_type", "x", &f), MS_ERR_LOOKUP,
		      "no_such_type");
	/* a lookup, not a fault, even at an unreadable address */
	assert_ms_err(ms_member_read_u64(prog, type_of("struct tp_page"), 0x10, "_refcount", &v),
		      MS_ERR_LOOKUP, NULL);
}

/* A member that exists at an address that cannot be read is a FAULT there. */
static void test_fault(void **state)
{
	const struct ms_field *f;
	struct ms_error *err;
	uint64_t v;

	(void)state;
	assert_ms_ok(ms_field_find_by_name(prog, "struct tp_page", "lru.next", &f));
	err = ms_member_read_u64(prog, type_of("struct tp_page"), 0x10, "lru.next", &v);
	assert_non_null(err);
	assert_int_equal(err->kind, MS_ERR_FAULT);
	assert_int_equal(err->address, 0x10 + f->offset);	/* where the read failed */
	assert_string_equal(err->message, "invalid kernel virtual address: 30  type: \"tp_page lru.next\"");
	ms_error_destroy(err);
}

static uint64_t symbol(const char *name)
{
	const struct ms_symbol *s = ms_symbol_find(prog, name);

	assert_non_null(s);
	return s->value;
}

static int64_t member(const char *type, const char *var, const char *path)
{
	uint64_t v;

	assert_ms_ok(ms_member_read_u64(prog, type_of(type), symbol(var), path, &v));
	return (int64_t)v;
}

/* Values as typesprog.c initialises them: widths, signs, bitfields, arrays. */
static void test_values(void **state)
{
	int64_t v;

	(void)state;
	assert_int_equal(member("struct tp_bits", "tp_bitsv", "a"), 5);
	assert_int_equal(member("struct tp_bits", "tp_bitsv", "b"), -7);		/* signed : 5 */
	assert_int_equal(member("struct tp_bits", "tp_bitsv", "c"), 0x123456789aLL);	/* : 40 */
	assert_int_equal(member("struct tp_bits", "tp_bitsv", "d"), 0xabcde);
	assert_int_equal(member("struct tp_bits", "tp_bitsv", "f"), 0x1ff);
	assert_int_equal(member("struct tp_bits", "tp_bitsv", "g"), -1);		/* signed char : 2 */
	assert_int_equal(member("struct tp_bits", "tp_bitsv", "h"), 1);		/* _Bool : 1 */
	assert_int_equal(member("struct tp_bits", "tp_bitsv", "i"), -4294967296LL);	/* : 33 */
	assert_int_equal(member("struct tp_bits", "tp_bitsv", "j"), 99);
	assert_int_equal(member("struct tp_zone", "tp_zone0", "watermark[2]"), 3);
	assert_int_equal(member("struct tp_zone", "tp_zone0", "lowmem_reserve[1]"), -1);	/* long */
	assert_int_equal(member("struct tp_zone", "tp_zone0", "lowmem_reserve[2]"), 256);
	assert_int_equal(member("struct tp_zone", "tp_zone0", "pad"), 77);
	assert_int_equal(member("struct tp_point", "tp_points", "y"), 2);
	/* a global integer of any width */
	assert_ms_ok(ms_global_read_s64(prog, "nr_cpu_ids", &v));
	assert_int_equal(v, 3);
	assert_ms_err(ms_global_read_s64(prog, "no_such_global", &v), MS_ERR_LOOKUP, "no_such_global");
	/* an array member */
	const struct ms_field *f;
	uint64_t len, elsize;
	assert_ms_ok(ms_field_find_by_name(prog, "struct tp_zone", "watermark", &f));
	assert_ms_ok(ms_field_array(f, &len, &elsize));
	assert_int_equal(len, 3);
	assert_int_equal(elsize, 8);
	assert_ms_ok(ms_field_find_by_name(prog, "struct tp_zone", "pad", &f));
	assert_ms_err(ms_field_array(f, &len, &elsize), MS_ERR_LOOKUP, "not an array");
}

/*
 * per_cpu_ptr() on typesprog: __per_cpu_offset[4] = { 0, 8, 16, 24 } and
 * nr_cpu_ids = 3 (its initialisers); a CPU outside the array is the user's
 * mistake.
 */
static void test_per_cpu(void **state)
{
	static const uint64_t offsets[4] = { 0, 8, 16, 24 };
	const struct ms_symbol *points = ms_symbol_find(prog, "tp_points");
	uint64_t p;
	int n, cpu;

	(void)state;
	assert_non_null(points);
	assert_ms_ok(ms_percpu_nr_cpus(prog, &n));
	assert_int_equal(n, 3);
	for (cpu = 0; cpu < 4; cpu++) {
		assert_ms_ok(ms_percpu_offset(prog, cpu, &p));
		assert_int_equal(p, offsets[cpu]);
		assert_ms_ok(ms_per_cpu_ptr(prog, points->value, cpu, &p));
		assert_int_equal(p, points->value + offsets[cpu]);
	}
	assert_ms_err_msg(ms_per_cpu_ptr(prog, points->value, 4, &p), MS_ERR_USAGE,
			  "invalid cpu number: 4");
	assert_ms_err(ms_per_cpu_ptr(prog, points->value, -1, &p), MS_ERR_USAGE, "invalid cpu");
}

int main(int argc, char **argv)
{
	char dir[512];
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_oracle),
		cmocka_unit_test(test_memo),
		cmocka_unit_test(test_lookup),
		cmocka_unit_test(test_fault),
		cmocka_unit_test(test_values),
		cmocka_unit_test(test_per_cpu),
	};

	tu_prog_dir(dir, sizeof(dir), argv[0], false);
	(void)argc;
	snprintf(exe, sizeof(exe), "%s/typesprog_dw5", dir);
	return cmocka_run_group_tests_name("field", tests, setup, teardown);
}
