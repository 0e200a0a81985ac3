/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test_array.c - growing arrays (core/array.c): the first allocation's size,
 * doubling, growing past twice at once, no change when there is room, and
 * refusal - without touching the array - when the size would overflow size_t
 * or realloc() fails.  realloc is wrapped (-Wl,--wrap=realloc) to count the
 * calls, see the size asked for and fail on demand; the expected sizes are
 * worked out by hand from the rule in core/array.h.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/array.h"

static unsigned nr_realloc;	/* calls since the test started */
static size_t last_size;	/* the size the last call asked for */
static bool fail_realloc;	/* the next calls fail */

void *__real_realloc(void *p, size_t size);
void *__wrap_realloc(void *p, size_t size)
{
	nr_realloc++;
	last_size = size;
	/* nothing this test grows legitimately comes near 1 GiB */
	if (fail_realloc || size > (1u << 30))
		return NULL;
	return __real_realloc(p, size);
}

static int reset(void **state)
{
	(void)state;
	nr_realloc = 0;
	last_size = 0;
	fail_realloc = false;
	return 0;
}

static void test_initial(void **state)
{
	int *a = NULL, *before;
	size_t cap = 0;

	(void)state;
	assert_true(ms_array_grow(&a, &cap, 1, 16));
	assert_non_null(a);
	assert_int_equal(cap, 16);
	assert_int_equal(nr_realloc, 1);
	assert_int_equal(last_size, 16 * sizeof(int));
	for (int i = 0; i < 16; i++)	/* all 16 are there (valgrind) */
		a[i] = i;

	/* room already: no call, nothing moves */
	before = a;
	assert_true(ms_array_grow(&a, &cap, 16, 16));
	assert_true(ms_array_grow(&a, &cap, 0, 16));
	assert_ptr_equal(a, before);
	assert_int_equal(cap, 16);
	assert_int_equal(nr_realloc, 1);
	free(a);

	/* an initial capacity of 0 is taken as 1 */
	a = NULL;
	cap = 0;
	assert_true(ms_array_grow(&a, &cap, 1, 0));
	assert_int_equal(cap, 1);
	assert_int_equal(last_size, sizeof(int));
	free(a);
}

/* pushing 1000 entries one at a time: 16, 32, ... 1024, entries kept */
static void test_doubling(void **state)
{
	static const size_t caps[] = { 16, 32, 64, 128, 256, 512, 1024 };
	uint64_t *a = NULL;
	size_t nr = 0, cap = 0;
	unsigned grown = 0;

	(void)state;
	for (uint64_t i = 0; i < 1000; i++) {
		size_t old = cap;

		assert_true(ms_array_grow(&a, &cap, nr + 1, 16));
		if (cap != old) {
			assert_true(grown < sizeof(caps) / sizeof(caps[0]));
			assert_int_equal(cap, caps[grown]);
			assert_int_equal(last_size, caps[grown] * sizeof(uint64_t));
			grown++;
		}
		a[nr++] = i * 7;
	}
	assert_int_equal(grown, 7);
	assert_int_equal(nr_realloc, 7);
	assert_int_equal(cap, 1024);
	for (size_t i = 0; i < nr; i++)
		assert_int_equal(a[i], i * 7);
	free(a);
}

/* a need beyond twice the capacity doubles until it fits, in one call */
static void test_need_beyond_double(void **state)
{
	char *s = NULL;
	size_t cap = 0;

	(void)state;
	assert_true(ms_array_grow(&s, &cap, 100, 16));	/* 16 32 64 128 */
	assert_int_equal(cap, 128);
	assert_int_equal(nr_realloc, 1);
	memset(s, 'x', 100);
	assert_true(ms_array_grow(&s, &cap, 129, 16));	/* 256 */
	assert_int_equal(cap, 256);
	assert_true(ms_array_grow(&s, &cap, 1000, 16));	/* 512 1024 */
	assert_int_equal(cap, 1024);
	assert_int_equal(last_size, 1024);
	assert_int_equal(nr_realloc, 3);
	for (int i = 0; i < 100; i++)
		assert_int_equal(s[i], 'x');
	free(s);
}

/* more entries than size_t bytes can hold: refused before realloc() */
static void test_overflow(void **state)
{
	struct page_sized { char b[4096]; } *p = NULL;
	size_t cap = 0;

	(void)state;
	assert_false(ms_array_grow(&p, &cap, SIZE_MAX / 4096 + 1, 16));
	assert_false(ms_array_grow(&p, &cap, SIZE_MAX, 16));
	assert_int_equal(nr_realloc, 0);
	assert_null(p);
	assert_int_equal(cap, 0);

	/* a huge first capacity is cut to what fits: the call asks for that */
	assert_false(ms_array_grow(&p, &cap, 1, SIZE_MAX));
	assert_int_equal(nr_realloc, 1);
	assert_int_equal(last_size, SIZE_MAX / 4096 * 4096);
	assert_null(p);
	assert_int_equal(cap, 0);
}

/*
 * Doubling a capacity past what fits stops at the most that fits rather than
 * wrapping round: twice (SIZE_MAX / 8 / 2 + 1) entries of 8 bytes would be
 * 2^64 bytes, 0 in a 64-bit size_t, and realloc(p, 0) would "succeed".
 */
static void test_doubling_clamped(void **state)
{
	uint64_t *a = NULL;
	size_t max = SIZE_MAX / sizeof(*a);
	size_t cap = max / 2 + 1;

	(void)state;
	assert_false(ms_array_grow(&a, &cap, cap + 1, 16));
	assert_int_equal(nr_realloc, 1);
	assert_int_equal(last_size, max * sizeof(*a));
	assert_int_equal(cap, max / 2 + 1);
	assert_null(a);
}

/* realloc() fails: false, and the array and its capacity are as they were */
static void test_realloc_fails(void **state)
{
	int *a = NULL, *before;
	size_t cap = 0;

	(void)state;
	assert_true(ms_array_grow(&a, &cap, 4, 4));
	for (int i = 0; i < 4; i++)
		a[i] = 100 + i;
	before = a;
	fail_realloc = true;
	assert_false(ms_array_grow(&a, &cap, 5, 4));
	assert_int_equal(last_size, 8 * sizeof(int));
	assert_ptr_equal(a, before);
	assert_int_equal(cap, 4);
	for (int i = 0; i < 4; i++)
		assert_int_equal(a[i], 100 + i);
	fail_realloc = false;
	assert_true(ms_array_grow(&a, &cap, 5, 4));
	assert_int_equal(cap, 8);
	for (int i = 0; i < 4; i++)
		assert_int_equal(a[i], 100 + i);
	free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_initial, reset),
		cmocka_unit_test_setup(test_doubling, reset),
		cmocka_unit_test_setup(test_need_beyond_double, reset),
		cmocka_unit_test_setup(test_overflow, reset),
		cmocka_unit_test_setup(test_doubling_clamped, reset),
		cmocka_unit_test_setup(test_realloc_fails, reset),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
