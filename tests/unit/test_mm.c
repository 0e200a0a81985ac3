/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test_mm.c - the pure parts of core/mm: ordinals for "kmem -f ADDR",
 * migratetype and page flag names derived from enumerators, hex widths
 * (kmem -p's PHYSICAL column).  Everything that needs a dump is checked end
 * to end against the truth files (tests/e2e/kmem/).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/mm.h"

static void test_ordinal(void **state)
{
	char b[32];
	static const struct { uint64_t n; const char *s; } t[] = {
		{ 1, "1st" }, { 2, "2nd" }, { 3, "3rd" }, { 4, "4th" }, { 10, "10th" },
		{ 11, "11th" }, { 12, "12th" }, { 13, "13th" }, { 21, "21st" }, { 22, "22nd" },
		{ 23, "23rd" }, { 101, "101st" }, { 111, "111th" }, { 112, "112th" }, { 1024, "1024th" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		assert_string_equal(ms_mm_ordinal(t[i].n, b, sizeof(b)), t[i].s);
}

static void test_mt_names(void **state)
{
	char b[32];

	(void)state;
	ms_mm_mt_name_from_enum("MIGRATE_UNMOVABLE", b, sizeof(b));
	assert_string_equal(b, "Unmovable");
	ms_mm_mt_name_from_enum("MIGRATE_RECLAIMABLE", b, sizeof(b));
	assert_string_equal(b, "Reclaimable");
	ms_mm_mt_name_from_enum("MIGRATE_ISOLATE", b, sizeof(b));
	assert_string_equal(b, "Isolate");
	ms_mm_mt_name_from_enum("MIGRATE_CMA", b, sizeof(b));
	assert_string_equal(b, "Cma");
	ms_mm_mt_name_from_enum("MIGRATE_MOVABLE", b, 4);	/* truncated, terminated */
	assert_string_equal(b, "Mov");
}

static void test_flag_names(void **state)
{
	char b[32];

	(void)state;
	ms_mm_flag_short_name("PG_swapbacked", b, sizeof(b));
	assert_string_equal(b, "swapbacked");
	ms_mm_flag_short_name("PG_owner_priv_1", b, sizeof(b));
	assert_string_equal(b, "owner_priv_1");
	ms_mm_flag_short_name("weird", b, sizeof(b));
	assert_string_equal(b, "weird");
}

static void test_flags_names(void **state)
{
	static char *names[] = { "PG_locked", "PG_error", NULL, "PG_uptodate", "PG_buddy" };
	struct ms_mm mm;
	char b[64];
	size_t n;

	(void)state;
	memset(&mm, 0, sizeof(mm));
	mm.nr_pageflags = 5;
	mm.pageflag_names = names;
	n = ms_mm_flags_names(&mm, 0x0b, b, sizeof(b));
	assert_string_equal(b, "locked,error,uptodate");
	assert_int_equal(n, strlen(b));
	/* unnamed bit 2 and bits above NR_PAGEFLAGS (zone/node) are not named */
	ms_mm_flags_names(&mm, 0xfff0000000000004ull | 0x10, b, sizeof(b));
	assert_string_equal(b, "buddy");
	ms_mm_flags_names(&mm, 0, b, sizeof(b));
	assert_string_equal(b, "");
	ms_mm_flags_names(&mm, 0x1b, b, 8);	/* truncated, terminated */
	assert_int_equal(strlen(b), 7);
}

static void test_hex_digits(void **state)
{
	(void)state;
	assert_int_equal(ms_mm_hex_digits(0), 1);
	assert_int_equal(ms_mm_hex_digits(0xf), 1);
	assert_int_equal(ms_mm_hex_digits(0x10), 2);
	assert_int_equal(ms_mm_hex_digits(0x10000000), 8);	/* 256 MiB: PHYSICAL width 8 */
	assert_int_equal(ms_mm_hex_digits(0x100000000ull), 9);	/* 4 GiB: 9 */
	assert_int_equal(ms_mm_hex_digits(UINT64_MAX), 16);
}

static void test_flag_bit(void **state)
{
	(void)state;
	assert_true(ms_mm_flag(1ull << 25, 25));
	assert_false(ms_mm_flag(1ull << 25, 24));
	assert_false(ms_mm_flag(~0ull, -1));
	assert_false(ms_mm_flag(~0ull, 64));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ordinal),
		cmocka_unit_test(test_mt_names),
		cmocka_unit_test(test_flag_names),
		cmocka_unit_test(test_flags_names),
		cmocka_unit_test(test_hex_digits),
		cmocka_unit_test(test_flag_bit),
	};
	return cmocka_run_group_tests_name("mm", tests, NULL, NULL);
}
