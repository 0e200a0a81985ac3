/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test_mm.c - the pure parts of core/mm: ordinals for "kmem -f ADDR",
 * migratetype and page flag names derived from enumerators, hex widths
 * (kmem -p's PHYSICAL column), how a free page is told, and where a
 * pageblock's migratetype lies in its zone's bitmap.  Everything that needs a dump is checked end
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

/*
 * A free block's first page, as the two kinds of kernel mark it: PG_buddy
 * in page->flags (2.6 kernels; refmm with the flag), or _mapcount ==
 * PAGE_BUDDY_MAPCOUNT_VALUE (-128 in 4.0's include/linux/mm.h).
 */
static void test_buddy_rule(void **state)
{
	struct ms_mm mm;

	(void)state;
	memset(&mm, 0, sizeof(mm));
	mm.pg_buddy = 10;
	mm.buddy_rule = MS_MM_BUDDY_FLAG;
	assert_true(ms_mm_page_is_buddy(&mm, 1ull << 10, -1));
	assert_false(ms_mm_page_is_buddy(&mm, 1ull << 11, -128));	/* the flag decides */

	mm.pg_buddy = -1;
	mm.buddy_rule = MS_MM_BUDDY_MAPCOUNT;
	mm.buddy_mapcount = -128;
	assert_true(ms_mm_page_is_buddy(&mm, 0, -128));
	assert_false(ms_mm_page_is_buddy(&mm, 1ull << 10, -1));
	assert_false(ms_mm_page_is_buddy(&mm, 0, 0));
	mm.buddy_mapcount = -129;	/* the value comes from VMCOREINFO, not from here */
	assert_false(ms_mm_page_is_buddy(&mm, 0, -128));
	assert_true(ms_mm_page_is_buddy(&mm, 0, -129));

	/* neither known: nothing is told free */
	mm.buddy_rule = MS_MM_BUDDY_UNKNOWN;
	assert_false(ms_mm_page_is_buddy(&mm, ~0ull, -128));
}

/*
 * Pageblock bits as Linux 4.0 lays them out (enum pageblock_bits: PB_migrate
 * 0, PB_migrate_end 2, PB_migrate_skip 3, NR_PAGEBLOCK_BITS 4;
 * pfn_to_bitidx() and set_pfnblock_flags_mask(), which stores a block's bits
 * from the top of the word: bit index i is bit 63 - i).  The word below was
 * put together by hand:
 *   0x5...: bits 62 and 60: block 0 is 0b010 = MIGRATE_MOVABLE (2), with its
 *           PB_migrate_skip bit (60) set, which is not part of the type;
 *   .2...:  bit 57 = index 6: block 1 is 0b001 = MIGRATE_RECLAIMABLE (1);
 *   ...8:   bit 3 = index 60: block 15 is 0b100 = MIGRATE_ISOLATE (4).
 */
static void test_pageblock_bits(void **state)
{
	struct ms_mm mm;
	const uint64_t word = 0x5200000000000008ull;

	(void)state;
	memset(&mm, 0, sizeof(mm));
	mm.pageblock_order = 9;
	mm.pb_bits = 4;
	mm.pb_migrate = 0;
	mm.pb_migrate_end = 2;
	mm.pb_word_bits = 64;

	/* a zone starting on a pageblock boundary */
	assert_int_equal(ms_mm_pageblock_bitidx(&mm, 0x1000, 0x1000), 0);
	assert_int_equal(ms_mm_pageblock_bitidx(&mm, 0x1000, 0x11ff), 0);
	assert_int_equal(ms_mm_pageblock_bitidx(&mm, 0x1000, 0x1000 + 3 * 512 + 5), 12);
	assert_int_equal(ms_mm_pageblock_bitidx(&mm, 0x1000, 0x1000 + 16 * 512), 64);
	/* DMA starts at pfn 1: its blocks count from pfn 0 (round_down) */
	assert_int_equal(ms_mm_pageblock_bitidx(&mm, 1, 511), 0);
	assert_int_equal(ms_mm_pageblock_bitidx(&mm, 1, 512), 4);

	assert_int_equal(ms_mm_pageblock_mt_from_word(&mm, word, 0), 2);
	assert_int_equal(ms_mm_pageblock_mt_from_word(&mm, word, 4), 1);
	assert_int_equal(ms_mm_pageblock_mt_from_word(&mm, word, 8), 0);
	assert_int_equal(ms_mm_pageblock_mt_from_word(&mm, word, 60), 4);
	/* the second word's first block is at index 64: bit 63 of that word */
	assert_int_equal(ms_mm_pageblock_mt_from_word(&mm, word, 64), 2);
}

/*
 * The same bits as later kernels lay them out (pb_low_first: their
 * get_pfnblock_flags_mask() takes no end_bitidx): block i's bits are bits
 * 4i..4i+3 counted from the word's low end.  Put together by hand:
 *   ...9:  bits 0 and 3: block 0 is 0b001 = 1, with its PB_migrate_skip
 *          bit (3) set, which is not part of the type;
 *   ..2.:  bit 5 = index 4: block 1 is 0b010 = 2;
 *   4...:  bit 62 = index 60: block 15 is 0b100 = 4.
 */
static void test_pageblock_bits_low_first(void **state)
{
	struct ms_mm mm;
	const uint64_t word = 0x4000000000000029ull;

	(void)state;
	memset(&mm, 0, sizeof(mm));
	mm.pageblock_order = 9;
	mm.pb_bits = 4;
	mm.pb_migrate = 0;
	mm.pb_migrate_end = 2;
	mm.pb_word_bits = 64;
	mm.pb_low_first = true;

	assert_int_equal(ms_mm_pageblock_mt_from_word(&mm, word, 0), 1);
	assert_int_equal(ms_mm_pageblock_mt_from_word(&mm, word, 4), 2);
	assert_int_equal(ms_mm_pageblock_mt_from_word(&mm, word, 8), 0);
	assert_int_equal(ms_mm_pageblock_mt_from_word(&mm, word, 60), 4);
	/* the second word's first block is at index 64: bits 0-3 of that word */
	assert_int_equal(ms_mm_pageblock_mt_from_word(&mm, word, 64), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ordinal),
		cmocka_unit_test(test_mt_names),
		cmocka_unit_test(test_buddy_rule),
		cmocka_unit_test(test_pageblock_bits),
		cmocka_unit_test(test_pageblock_bits_low_first),
		cmocka_unit_test(test_flag_names),
		cmocka_unit_test(test_flags_names),
		cmocka_unit_test(test_hex_digits),
		cmocka_unit_test(test_flag_bit),
	};
	return cmocka_run_group_tests_name("mm", tests, NULL, NULL);
}
