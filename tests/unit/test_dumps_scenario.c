// SPDX-License-Identifier: GPL-2.0-only
/*
 * test_dumps_scenario.c - the scenario parser, without booting: every
 * built-in scenario parses; boot parameters are collected; every kind of
 * error names the file, the line and the word.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "refmm/scenario.h"

static char err[1024];

static void parses(const char *text)
{
	struct scenario *s = scenario_parse("t.scn", "t", text, err, sizeof err);

	if (!s)
		fail_msg("unexpected error: %s", err);
	scenario_free(s);
}

static void fails(const char *text, const char *want)
{
	struct scenario *s = scenario_parse("t.scn", "t", text, err, sizeof err);

	if (s) {
		scenario_free(s);
		fail_msg("no error for: %s", text);
	}
	if (strcmp(err, want))
		fail_msg("error\n  got:  %s\n  want: %s", err, want);
}

static void test_builtins(void **state)
{
	(void)state;
	assert_true(refmm_nr_builtin_scenarios >= 6);
	for (const char *const *n = (const char *const[]){ "tiny", "default", "fragmented",
							    "full", "numa", "big", NULL }; *n; n++) {
		const struct scn_builtin *b = scenario_builtin(*n);
		struct scenario *s;

		assert_non_null(b);
		assert_true(strlen(b->summary) > 10);
		s = scenario_parse(b->name, b->name, b->text, err, sizeof err);
		if (!s)
			fail_msg("%s: %s", *n, err);
		assert_string_equal(scenario_name(s), *n);
		scenario_free(s);
	}
	assert_null(scenario_builtin("nosuch"));
}

static void test_params(void **state)
{
	struct scenario *s;
	const struct scn_params *p;

	(void)state;
	s = scenario_parse("t.scn", "t", "# c\nmem 1G # comment\nnodes 2\n\ncpus 8\nseed 0x10\nalloc a\n",
			   err, sizeof err);
	assert_non_null(s);
	p = scenario_params(s);
	assert_int_equal(p->mem_bytes, 1ULL << 30);
	assert_int_equal(p->nr_nodes, 2);
	assert_int_equal(p->nr_cpus, 8);
	assert_int_equal(p->seed, 16);
	assert_int_equal(p->set, SCN_SET_MEM | SCN_SET_NODES | SCN_SET_CPUS | SCN_SET_SEED);
	scenario_free(s);
	s = scenario_parse("t.scn", "t", "alloc a\n", err, sizeof err);
	assert_int_equal(scenario_params(s)->set, 0);
	scenario_free(s);
}

static void test_sizes(void **state)
{
	uint64_t v;

	(void)state;
	assert_int_equal(scn_parse_size("64M", &v), 0);
	assert_int_equal(v, 64ULL << 20);
	assert_int_equal(scn_parse_size("4GiB", &v), 0);
	assert_int_equal(v, 4ULL << 30);
	assert_int_equal(scn_parse_size("4096", &v), 0);
	assert_int_equal(v, 4096);
	assert_int_equal(scn_parse_size("1k", &v), 0);
	assert_int_equal(v, 1024);
	assert_int_equal(scn_parse_size("12Q", &v), -1);
	assert_int_equal(scn_parse_size("-1M", &v), -1);
	assert_int_equal(scn_parse_size("", &v), -1);
	assert_int_equal(scn_parse_size("99999999999T", &v), -1);
}

static void test_good_steps(void **state)
{
	(void)state;
	parses("alloc a order=3 gfp=GFP_KERNEL|__GFP_ZERO mt=Movable node=1 count=10 fail=ok\n"
	       "fill b order=0 gfp=GFP_HIGHUSER_MOVABLE leave=100 max=5\n"
	       "free a every=2 start=1 count=3\n"
	       "free b random=50 seed=9\n"
	       "storm c ops=100 orders=0-4 gfp=GFP_KERNEL,GFP_ATOMIC free=40 seed=3\n"
	       "storm d ops=100 orders=0:8,1:4,2-3:1 gfp=GFP_KERNEL:3,GFP_ATOMIC|__GFP_ZERO:1\n"
	       "write c pattern=pfn\nwrite a pattern=0xab\n"
	       "cpu 1\ndrain\ncheck\n"
	       "panic \"a \\\"quoted\\\" message\" # bye\n");
	parses("");
	parses("# only a comment\n\n   \t\n");
	parses("alloc a\r\nfree a\r\n");
}

static void test_errors(void **state)
{
	(void)state;
	fails("allocc a\n", "t.scn:1: \"allocc\": unknown step (see mmscope-scenario(5))");
	fails("\n\nalloc a order=11\n", "t.scn:3: \"order=11\": order must be 0..10");
	fails("alloc a order=x\n", "t.scn:1: \"order=x\": not a number");
	fails("alloc a gfp=GFP_KERNEL|FOO\n", "t.scn:1: \"gfp=GFP_KERNEL|FOO\": unknown GFP flag \"FOO\"");
	fails("alloc a mt=Sticky\n", "t.scn:1: \"mt=Sticky\": migratetype must be Unmovable, Movable or Reclaimable");
	fails("alloc\n", "t.scn:1: \"alloc\": missing handle name");
	fails("alloc 9lives\n", "t.scn:1: \"9lives\": a handle name is letters, digits, _ - . (not starting with a digit)");
	fails("alloc a b\n", "t.scn:1: \"b\": unexpected word after alloc");
	fails("free a colour=red\n", "t.scn:1: \"colour=red\": unknown option \"colour\" for free");
	fails("free a every=2 start=2\n", "t.scn:1: \"start=2\": start must be 0..1");
	fails("storm s orders=0-3\n", "t.scn:1: \"storm\": missing ops=N");
	fails("storm s ops=5 orders=3-1\n", "t.scn:1: \"orders=3-1\": orders must lie within 0..10");
	fails("storm s ops=5 orders=0:0\n", "t.scn:1: \"orders=0:0\": weight \"0\" must be 1..1000000");
	fails("storm s ops=5 orders=x\n", "t.scn:1: \"orders=x\": \"x\": expected ORDER or ORDER-ORDER");
	fails("storm s ops=5 gfp=GFP_KERNEL:2,NOPE:1\n", "t.scn:1: \"gfp=GFP_KERNEL:2,NOPE:1\": unknown GFP flag \"NOPE\"");
	fails("write a pattern=stripes\n", "t.scn:1: \"pattern=stripes\": pattern must be random, pfn, zero or a byte value");
	fails("mem 12Q\n", "t.scn:1: \"12Q\": not a size (e.g. 64M, 4G)");
	fails("mem\n", "t.scn:1: \"mem\": missing size (e.g. 256M)");
	fails("nodes 0\n", "t.scn:1: \"0\": must be 1..64");
	fails("alloc a\nmem 64M\n", "t.scn:2: \"mem\": boot parameter after the first step that runs");
	fails("panic \"x\"\nalloc a\n", "t.scn:2: \"alloc\": step after panic (the run ends at panic)");
	fails("panic\n", "t.scn:1: \"panic\": missing message (panic \"message\")");
	fails("panic \"abc\n", "t.scn:1: \"\"abc\": unterminated string");
	fails("panic \"abc\"def\n", "t.scn:1: \"\"abc\"def\": text right after a closing quote");
	fails("drain now\n", "t.scn:1: \"now\": unexpected word after drain");
	fails("cpu x\n", "t.scn:1: \"x\": not a number");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_builtins),
		cmocka_unit_test(test_params),
		cmocka_unit_test(test_sizes),
		cmocka_unit_test(test_good_steps),
		cmocka_unit_test(test_errors),
	};

	return cmocka_run_group_tests_name("dumps_scenario", tests, NULL, NULL);
}
