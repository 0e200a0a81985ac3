/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_cmdline_eval.c - eval's arithmetic against hand-computed values. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/cmdline.h"
#include "core/error.h"
#include "tests/unit/test_assert.h"

static int lookup(void *arg, const char *name, uint64_t *val)
{
	(void)arg;
	if (!strcmp(name, "jiffies")) {
		*val = 0x40001000;
		return 0;
	}
	if (!strcmp(name, "page_size")) {
		*val = 4096;
		return 0;
	}
	return -1;
}

static uint64_t ev(const char *s)
{
	uint64_t v = 0xdeadbeef;

	struct ms_error *err = ms_eval(s, lookup, NULL, &v);

	if (err)
		fail_msg("ms_eval(\"%s\"): %s", s, err->message);
	return v;
}

static void ev_err(const char *s, const char *msg)
{
	uint64_t v;

	assert_ms_err_msg(ms_eval(s, lookup, NULL, &v), MS_ERR_USAGE, msg);
}

static void test_numbers(void **state)
{
	(void)state;
	assert_int_equal(ev("10"), 10);			/* decimal without hex letters */
	assert_int_equal(ev("0x10"), 16);
	assert_int_equal(ev("1f"), 31);			/* a hex letter makes it hex */
	assert_int_equal(ev("41dc065"), 69058661);	/* crash-spec's example */
	assert_int_equal(ev("128m"), 134217728);	/* crash-spec's example */
	assert_int_equal(ev("4k"), 4096);
	assert_int_equal(ev("2G"), 2147483648ULL);
	assert_int_equal(ev("0x10k"), 16384);
	assert_int_equal(ev("ffffffffffffffff"), UINT64_MAX);
	assert_int_equal(ev("(42)"), 42);
	assert_int_equal(ev("jiffies"), 0x40001000);
}

static void test_operators(void **state)
{
	(void)state;
	assert_int_equal(ev("1 + 2"), 3);
	assert_int_equal(ev("10 - 3"), 7);
	assert_int_equal(ev("6 * 7"), 42);
	assert_int_equal(ev("100 / 7"), 14);
	assert_int_equal(ev("100 % 7"), 2);
	assert_int_equal(ev("1 << 12"), 4096);
	assert_int_equal(ev("0x8000 >> 3"), 4096);
	assert_int_equal(ev("0xf0 & 0x3c"), 0x30);
	assert_int_equal(ev("0xf0 | 0x0f"), 0xff);
	assert_int_equal(ev("0xff ^ 0x0f"), 0xf0);
	assert_int_equal(ev("~0"), UINT64_MAX);
	assert_int_equal(ev("~0xfff"), 0xfffffffffffff000ULL);
	assert_int_equal(ev("-1"), UINT64_MAX);
	assert_int_equal(ev("2 # 10"), 1024);		/* crash's power operator */
	assert_int_equal(ev("5 - 7"), (uint64_t)-2);	/* wraps like unsigned long */
	assert_int_equal(ev("jiffies + page_size"), 0x40002000);
	assert_int_equal(ev("jiffies & ~(page_size - 1)"), 0x40001000);
}

static void test_precedence(void **state)
{
	(void)state;
	assert_int_equal(ev("1 + 2 * 3"), 7);
	assert_int_equal(ev("(1 + 2) * 3"), 9);
	assert_int_equal(ev("1 << 2 + 1"), 8);		/* + binds tighter than << */
	assert_int_equal(ev("1 | 2 & 3"), 3);		/* & before | */
	assert_int_equal(ev("6 ^ 3 & 1"), 7);		/* & before ^ */
	assert_int_equal(ev("1 | 6 ^ 5"), 3);		/* ^ before | */
	assert_int_equal(ev("100 - 10 - 1"), 89);	/* left associative */
	assert_int_equal(ev("64 / 4 / 2"), 8);
	assert_int_equal(ev("2 # 3 # 2"), 512);		/* right associative */
	assert_int_equal(ev("-2 * 3"), (uint64_t)-6);
	assert_int_equal(ev("((1 << 4) | (2 + 3)) * 2"), 42);
	assert_int_equal(ev("4096 * 3 + 0x10 >> 4"), 769);	/* (12288 + 16) >> 4 */
}

static void test_errors(void **state)
{
	(void)state;
	ev_err("foo", "invalid expression");
	ev_err("1 +", "invalid expression");
	ev_err("(1 + 2", "invalid expression");
	ev_err("1 2", "invalid expression");
	ev_err("", "invalid expression");
	ev_err("1 / 0", "divide by zero");
	ev_err("5 % (3 - 3)", "divide by zero");
	ev_err("1234567890abcdef1", "invalid expression");	/* 17 hex digits */
	ev_err("99999999999999999999", "invalid expression");	/* decimal overflow */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_operators),
		cmocka_unit_test(test_precedence),
		cmocka_unit_test(test_errors),
	};

	return cmocka_run_group_tests_name("cmdline_eval", tests, NULL, NULL);
}
