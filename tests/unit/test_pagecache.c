/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test_pagecache.c - the O(1) page cache of core/pagecache.c over a fake
 * fill function that writes (address space, page number) into each page.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "core/error.h"
#include "core/pagecache.h"

#define PSZ 4096

static unsigned fills;
static uint64_t fail_page = UINT64_MAX;

static struct ms_error *
fake_fill(void *arg, int as, uint64_t pageno, void *buf)
{
	uint64_t *w = buf;
	size_t i;

	(void)arg;
	fills++;
	if (pageno == fail_page)
		return ms_error_fault(as, pageno * PSZ, "invalid kernel virtual address: %llx  type: \"page\"",
				      (unsigned long long)pageno * PSZ);
	for (i = 0; i < PSZ / 8; i++)
		w[i] = ((uint64_t)as << 56) ^ (pageno << 12) ^ i;
	return NULL;
}

/* The page, or NULL when the fill failed (its error then in last_error). */
static char last_error[256];

static const void *
get(struct ms_pagecache *pc, int as, uint64_t pageno)
{
	const void *page = NULL;
	struct ms_error *err = ms_pagecache_get(pc, as, pageno, &page);

	last_error[0] = '\0';
	if (err) {
		assert_int_equal(err->kind, MS_ERR_FAULT);
		snprintf(last_error, sizeof(last_error), "%s", err->message);
		ms_error_destroy(err);
		return NULL;
	}
	return page;
}

static struct ms_pagecache *
create(size_t nr_pages, size_t page_size)
{
	struct ms_pagecache *pc = NULL;
	struct ms_error *err = ms_pagecache_create(nr_pages, page_size, fake_fill, NULL, &pc);

	last_error[0] = '\0';
	if (err) {
		snprintf(last_error, sizeof(last_error), "%s", err->message);
		ms_error_destroy(err);
		return NULL;
	}
	return pc;
}

static void
check_page(const void *p, int as, uint64_t pageno)
{
	const uint64_t *w = p;

	assert_non_null(p);
	assert_int_equal(w[0], ((uint64_t)as << 56) ^ (pageno << 12));
	assert_int_equal(w[PSZ / 8 - 1], ((uint64_t)as << 56) ^ (pageno << 12) ^ (PSZ / 8 - 1));
}

static int
setup(void **state)
{
	fills = 0;
	fail_page = UINT64_MAX;
	*state = create(8, PSZ);
	return *state ? 0 : -1;
}

static int
teardown(void **state)
{
	ms_pagecache_destroy(*state);
	return 0;
}

static void
test_hit_after_miss(void **state)
{
	struct ms_pagecache *pc = *state;
	struct ms_pagecache_stats st;

	check_page(get(pc, 0, 5), 0, 5);
	check_page(get(pc, 0, 5), 0, 5);
	check_page(get(pc, 0, 5), 0, 5);
	assert_int_equal(fills, 1);
	ms_pagecache_get_stats(pc, &st);
	assert_int_equal(st.hits, 2);
	assert_int_equal(st.misses, 1);
	assert_int_equal(st.used, 1);
	assert_int_equal(st.capacity, 8);
}

static void
test_address_spaces_distinct(void **state)
{
	struct ms_pagecache *pc = *state;

	check_page(get(pc, 0, 7), 0, 7);
	check_page(get(pc, 1, 7), 1, 7);
	check_page(get(pc, 0, 7), 0, 7);
	check_page(get(pc, 1, 7), 1, 7);
	assert_int_equal(fills, 2);
}

static void
test_eviction_and_clock(void **state)
{
	struct ms_pagecache *pc = *state;
	struct ms_pagecache_stats st;
	uint64_t i;

	for (i = 0; i < 8; i++)
		check_page(get(pc, 0, i), 0, i);
	assert_int_equal(fills, 8);
	/* page 3 referenced: the clock passes over it once */
	check_page(get(pc, 0, 3), 0, 3);
	check_page(get(pc, 0, 100), 0, 100);	/* evicts 0 */
	assert_int_equal(fills, 9);
	check_page(get(pc, 0, 3), 0, 3);		/* still there */
	assert_int_equal(fills, 9);
	for (i = 101; i < 106; i++)				/* evict 1,2,4,5,6 */
		check_page(get(pc, 0, i), 0, i);
	check_page(get(pc, 0, 3), 0, 3);
	assert_int_equal(fills, 14);
	check_page(get(pc, 0, 0), 0, 0);		/* was evicted */
	assert_int_equal(fills, 15);
	ms_pagecache_get_stats(pc, &st);
	assert_int_equal(st.used, 8);
	assert_true(st.evictions >= 7);
}

static void
test_failed_fill_not_cached(void **state)
{
	struct ms_pagecache *pc = *state;

	fail_page = 9;
	assert_null(get(pc, 0, 9));
	assert_string_equal(last_error, "invalid kernel virtual address: 9000  type: \"page\"");
	assert_null(get(pc, 0, 9));
	assert_int_equal(fills, 2);
	fail_page = UINT64_MAX;
	check_page(get(pc, 0, 9), 0, 9);
	check_page(get(pc, 0, 9), 0, 9);
	assert_int_equal(fills, 3);
}

static void
test_failed_fill_when_full(void **state)
{
	struct ms_pagecache *pc = *state;
	uint64_t i;

	for (i = 0; i < 8; i++)
		check_page(get(pc, 0, i), 0, i);
	fail_page = 50;
	assert_null(get(pc, 0, 50));	/* evicted a page, slot now empty */
	fail_page = UINT64_MAX;
	for (i = 60; i < 70; i++)
		check_page(get(pc, 0, i), 0, i);
	for (i = 62; i < 70; i++)
		check_page(get(pc, 0, i), 0, i);
}

static void
test_flush(void **state)
{
	struct ms_pagecache *pc = *state;
	struct ms_pagecache_stats st;

	check_page(get(pc, 0, 1), 0, 1);
	ms_pagecache_flush(pc);
	ms_pagecache_get_stats(pc, &st);
	assert_int_equal(st.used, 0);
	check_page(get(pc, 0, 1), 0, 1);
	assert_int_equal(fills, 2);
}

/* A random workload against a big cache: every page returned is right. */
static void
test_random_consistency(void **state)
{
	struct ms_pagecache *pc = create(257, PSZ);
	struct ms_pagecache_stats st;
	unsigned i, seed = 1;

	(void)state;
	assert_non_null(pc);
	for (i = 0; i < 200000; i++) {
		uint64_t pg;
		int as;

		seed = seed * 1103515245 + 12345;
		pg = (seed >> 8) % 600;
		as = (seed >> 30) & 1;
		check_page(get(pc, as, pg), as, pg);
	}
	ms_pagecache_get_stats(pc, &st);
	assert_int_equal(st.used, 257);
	assert_int_equal(st.hits + st.misses, 200000);
	assert_true(st.hits > 0 && st.misses > 257);
	ms_pagecache_destroy(pc);
}

static void
test_bad_geometry(void **state)
{
	(void)state;
	assert_null(create(0, PSZ));
	assert_null(create(4, 3000));
	assert_non_null(strstr(last_error, "bad geometry"));
	ms_pagecache_destroy(NULL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_hit_after_miss, setup, teardown),
		cmocka_unit_test_setup_teardown(test_address_spaces_distinct, setup, teardown),
		cmocka_unit_test_setup_teardown(test_eviction_and_clock, setup, teardown),
		cmocka_unit_test_setup_teardown(test_failed_fill_not_cached, setup, teardown),
		cmocka_unit_test_setup_teardown(test_failed_fill_when_full, setup, teardown),
		cmocka_unit_test_setup_teardown(test_flush, setup, teardown),
		cmocka_unit_test(test_random_consistency),
		cmocka_unit_test(test_bad_geometry),
	};

	return cmocka_run_group_tests_name("pagecache", tests, NULL, NULL);
}
