/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_cmdline_output.c - crash's column and size formatting (core/output.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/output.h"

static void mk_is(int width, enum ms_just just, const char *s, const char *want)
{
	char buf[64];

	assert_string_equal(ms_mkstring(buf, sizeof(buf), width, just, s), want);
}

static void test_mkstring(void **state)
{
	(void)state;
	mk_is(6, MS_LJUST, "ab", "ab    ");
	mk_is(6, MS_RJUST, "ab", "    ab");
	mk_is(6, MS_CENTER, "ab", "  ab  ");
	/* odd slack: centre-left puts the extra space right, centre-right left */
	mk_is(6, MS_CENTER, "abc", " abc  ");
	mk_is(6, MS_CENTER_RIGHT, "abc", "  abc ");
	/* crash's "ADDRESS" header centred in a 16-column pointer field */
	mk_is(16, MS_CENTER, "ADDRESS", "    ADDRESS     ");
	/* a longer string is printed whole */
	mk_is(3, MS_LJUST, "kmalloc-512", "kmalloc-512");
	mk_is(3, MS_RJUST, "abc", "abc");
	mk_is(0, MS_CENTER, "x", "x");
}

static void mem_is(uint64_t bytes, const char *want)
{
	char buf[64];

	assert_string_equal(ms_format_memsize(buf, sizeof(buf), bytes), want);
}

static void test_memsize(void **state)
{
	const uint64_t k = 1024, m = k * k, g = m * k;

	(void)state;
	mem_is(0, "0");
	mem_is(8 * g, "8 GB");				/* crash-spec: "8 GB" */
	mem_is(8 * g - 100 * m, "7.9 GB");		/* 7.902... */
	mem_is(512 * m, "512 MB");			/* crash-spec: "512 MB" */
	mem_is(1536 * m, "1.5 GB");
	mem_is(100 * m + 512 * k, "100.5 MB");
	mem_is(640 * k, "640 KB");
	mem_is(64 * m, "64 MB");
	mem_is(16 * g, "16 GB");
	mem_is(3 * g + 50 * m, "3 GB");			/* 3.048 rounds to 3.0 */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_mkstring),
		cmocka_unit_test(test_memsize),
	};

	return cmocka_run_group_tests_name("cmdline_output", tests, NULL, NULL);
}
