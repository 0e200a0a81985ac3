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
							    "full", "numa", "big", "slab",
							    "slab-leak", NULL }; *n; n++) {
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
	parses("alloc a order=3 gfp=GFP_KERNEL|__GFP_ZERO mt=Movable node=1 count=10/G fail=ok\n"
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

static void test_slab_steps(void **state)
{
	struct scenario *s;

	(void)state;
	parses("kmem_cache_create dentry size=192 align=8 flags=SLAB_RECLAIM_ACCOUNT|SLAB_PANIC\n"
	       "kmem_cache_create inode_cache size=592 ctor=init_once\n"
	       "kmem_cache_alloc d cache=dentry count=10 gfp=GFP_NOFS node=0 fail=ok\n"
	       "kmem_cache_free d every=3 start=2 random=50 seed=1\n"
	       "kmem_cache_storm s caches=dentry:3,inode_cache ops=100 free=40 seed=2\n"
	       "kmalloc k size=100\nkmalloc k sizes=8-64:8,65-256:6,1K-8K:1 count=5 seed=4\n"
	       "kfree k count=2\nkmalloc_storm ks ops=10 sizes=32 gfp=GFP_KERNEL:3,GFP_ATOMIC:1\n"
	       "leak l cache=dentry count=10 over=500ms\nleak m size=64 count=1 over=3j\n"
	       "sleep 2s\nsleep 250j\n"
	       "mempool_create p min=4 cache=dentry\nmempool_create q min=2 kmalloc=1K node=0\n"
	       "mempool_create r min=1 pages=2\n"
	       "failslab probability=50 times=3 interval=2 ignore_gfp_wait=no cache_filter=yes seed=7\n"
	       "mempool_alloc e pool=p count=3 gfp=GFP_ATOMIC fail=ok\nfailslab off\n"
	       "mempool_free e every=2\nmempool_resize p min=8\nmempool_destroy q\n"
	       "kmem_cache_tune dentry limit=8 batchcount=4 shared=0\n"
	       "kmem_cache_shrink dentry\nkmem_cache_destroy inode_cache busy=ok\n");
	s = scenario_parse("t.scn", "t", "slab_nomerge\nkmalloc k size=8\n", err, sizeof err);
	assert_non_null(s);
	assert_int_equal(scenario_params(s)->set, SCN_SET_NOMERGE);
	assert_int_equal(scenario_params(s)->slab_nomerge, 1);
	scenario_free(s);
}

static void test_slab_errors(void **state)
{
	(void)state;
	fails("kmem_cache_create\n", "t.scn:1: \"kmem_cache_create\": missing cache name");
	fails("kmem_cache_create x\n", "t.scn:1: \"kmem_cache_create\": missing size=N");
	fails("kmem_cache_create x size=4\n", "t.scn:1: \"size=4\": size must be 8..4194304");
	fails("kmem_cache_create x size=64 align=24\n", "t.scn:1: \"align=24\": align must be a power of two");
	fails("kmem_cache_create x size=64 flags=SLAB_PANIC|SLAB_FOO\n",
	      "t.scn:1: \"flags=SLAB_PANIC|SLAB_FOO\": unknown slab flag \"SLAB_FOO\"");
	fails("kmem_cache_create x size=8 ctor=init_once\n",
	      "t.scn:1: \"ctor=init_once\": init_once needs objects of 16 bytes or more");
	fails("kmem_cache_create x size=64 ctor=nope\n",
	      "t.scn:1: \"ctor=nope\": unknown constructor (known: init_once)");
	fails("kmem_cache_create \"two words\" size=64\n",
	      "t.scn:1: \"two words\": a cache name has no blanks or control characters");
	fails("kmem_cache_alloc a count=2\n", "t.scn:1: \"kmem_cache_alloc\": missing cache=NAME");
	fails("kmalloc k\n", "t.scn:1: \"kmalloc\": missing size=N or sizes=MIX");
	fails("kmalloc k size=8 sizes=16\n", "t.scn:1: \"size=8\": size= and sizes= exclude each other");
	fails("kmalloc k sizes=0\n", "t.scn:1: \"sizes=0\": \"0\": a size from 1 to 4194304 bytes");
	fails("kmalloc k sizes=64-32\n", "t.scn:1: \"sizes=64-32\": \"64-32\": an empty range");
	fails("kmalloc_storm k sizes=8\n", "t.scn:1: \"kmalloc_storm\": missing ops=N");
	fails("kmem_cache_storm s ops=5\n", "t.scn:1: \"kmem_cache_storm\": missing caches=NAME[:WEIGHT],...");
	fails("leak l count=3 over=1s\n", "t.scn:1: \"leak\": missing cache=NAME or size=N");
	fails("leak l size=8 count=3\n", "t.scn:1: \"leak\": needs count=N and over=DURATION");
	fails("sleep 5\n", "t.scn:1: \"5\": a duration is a number and s, ms or j (jiffies, 250 a second)");
	fails("sleep\n", "t.scn:1: \"sleep\": missing duration (e.g. 10s)");
	fails("mempool_create p min=3\n",
	      "t.scn:1: \"mempool_create\": needs one of cache=NAME, kmalloc=SIZE, pages=ORDER");
	fails("mempool_alloc e pool=p gfp=GFP_KERNEL|__GFP_ZERO\n",
	      "t.scn:1: \"gfp=GFP_KERNEL|__GFP_ZERO\": mempool_alloc does not support __GFP_ZERO");
	fails("failslab\n", "t.scn:1: \"failslab\": missing probability=PCT (or off)");
	fails("failslab maybe\n", "t.scn:1: \"maybe\": expected \"off\" or probability=PCT");
	fails("failslab probability=101\n", "t.scn:1: \"probability=101\": probability must be 0..100");
	fails("kmem_cache_tune x limit=4 batchcount=8 shared=0\n",
	      "t.scn:1: \"batchcount=8\": batchcount must not exceed limit");
	fails("kmem_cache_destroy x busy=maybe\n", "t.scn:1: \"busy=maybe\": busy= must be error or ok");
	fails("slab_nomerge yes\n", "t.scn:1: \"yes\": unexpected word after slab_nomerge");
}

static void test_errors(void **state)
{
	(void)state;
	fails("allocc a\n", "t.scn:1: \"allocc\": unknown step (see mmscope-scenario(5))");
	fails("\n\nalloc a order=11\n", "t.scn:3: \"order=11\": order must be 0..10");
	fails("alloc a order=x\n", "t.scn:1: \"order=x\": not a number");
	fails("alloc a count=x/G\n", "t.scn:1: \"count=x/G\": not a number per GiB (N/G)");
	fails("alloc a count=0/G\n", "t.scn:1: \"count=0/G\": count must be 1..4294967296");
	fails("alloc a count=/G\n", "t.scn:1: \"count=/G\": not a number");
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
		cmocka_unit_test(test_slab_steps),
		cmocka_unit_test(test_slab_errors),
		cmocka_unit_test(test_errors),
	};

	return cmocka_run_group_tests_name("dumps_scenario", tests, NULL, NULL);
}
