# tests/refmm.mk: tests and benchmarks of this area (see tests/Makefile.inc)
#
# [refmm-1]: the simulated machine and the buddy allocator.
#   test_refmm_buddy    expand/merge by hand, migratetype and zone fallback,
#                       watermarks and lowmem_reserve, GFP -> zone,
#                       compound pages, pcp lists, bad requests
#   test_refmm_machine  boot layout (image alias, page tables, bootmem,
#                       nodes, zonelists, per-cpu), determinism of RAM
#   test_refmm_stress   1,000,000 random allocations and frees with the
#                       invariant check; everything returns as booted
#   test_refmm_fair     the fair zone allocation policy on a 4.5 GiB,
#                       two-node machine: batches, rounds, zone_local
#   test_refmm_percpu   the per-cpu area allocator: reuse of freed areas,
#                       100,000-round create/destroy loops, alignment
#   test_refmm_*_alt    the buddy and machine tests again, built against
#                       librefmm_alt.a (reordered struct page, zone and
#                       list_head users, MAX_ORDER 13, NR_CPUS 8,
#                       pageblock_order 10, PG_buddy)
#   bench_buddy         (make bench) order-0 pairs and a random-order storm
#                       beside glibc malloc

REFMM_TEST_CPP = $(AM_CPPFLAGS) $(REFMM_INCLUDES) -I$(top_srcdir)/targets/refmm $(CMOCKA_CFLAGS)
REFMM_TEST_LINK = $(AM_LDFLAGS) $(REFMM_LINK_FLAGS)
REFMM_TEST_LIBS = targets/refmm/librefmm.a $(REFMM_LINK_LIBS) $(CMOCKA_LIBS)

check_PROGRAMS += tests/unit/test_refmm_buddy tests/unit/test_refmm_machine \
	tests/unit/test_refmm_stress tests/unit/test_refmm_fair \
	tests/unit/test_refmm_percpu
TESTS += tests/unit/test_refmm_buddy tests/unit/test_refmm_machine \
	tests/unit/test_refmm_stress tests/unit/test_refmm_fair \
	tests/unit/test_refmm_percpu

tests_unit_test_refmm_buddy_SOURCES = tests/unit/test_refmm_buddy.c tests/unit/test_refmm_util.h
tests_unit_test_refmm_buddy_CPPFLAGS = $(REFMM_TEST_CPP)
tests_unit_test_refmm_buddy_LDFLAGS = $(REFMM_TEST_LINK)
tests_unit_test_refmm_buddy_LDADD = $(REFMM_TEST_LIBS)

tests_unit_test_refmm_machine_SOURCES = tests/unit/test_refmm_machine.c $(SLAB_TEST_SOURCES)
tests_unit_test_refmm_machine_CPPFLAGS = $(REFMM_TEST_CPP)
tests_unit_test_refmm_machine_LDFLAGS = $(REFMM_TEST_LINK)
tests_unit_test_refmm_machine_LDADD = $(REFMM_TEST_LIBS)

tests_unit_test_refmm_stress_SOURCES = tests/unit/test_refmm_stress.c tests/unit/test_rnd.h
tests_unit_test_refmm_stress_CPPFLAGS = $(REFMM_TEST_CPP)
tests_unit_test_refmm_stress_LDFLAGS = $(REFMM_TEST_LINK)
tests_unit_test_refmm_stress_LDADD = $(REFMM_TEST_LIBS)

tests_unit_test_refmm_fair_SOURCES = tests/unit/test_refmm_fair.c tests/unit/test_refmm_util.h
tests_unit_test_refmm_fair_CPPFLAGS = $(REFMM_TEST_CPP)
tests_unit_test_refmm_fair_LDFLAGS = $(REFMM_TEST_LINK)
tests_unit_test_refmm_fair_LDADD = $(REFMM_TEST_LIBS)

tests_unit_test_refmm_percpu_SOURCES = tests/unit/test_refmm_percpu.c tests/unit/test_refmm_util.h
tests_unit_test_refmm_percpu_CPPFLAGS = $(REFMM_TEST_CPP)
tests_unit_test_refmm_percpu_LDFLAGS = $(REFMM_TEST_LINK)
tests_unit_test_refmm_percpu_LDADD = $(REFMM_TEST_LIBS)

# The same tests against the other configuration.
REFMM_ALT_TEST_CPP = $(REFMM_TEST_CPP) $(REFMM_ALT_FLAGS)
REFMM_ALT_TEST_LIBS = targets/refmm/librefmm_alt.a $(REFMM_LINK_LIBS) $(CMOCKA_LIBS)
check_PROGRAMS += tests/unit/test_refmm_buddy_alt tests/unit/test_refmm_machine_alt
TESTS += tests/unit/test_refmm_buddy_alt tests/unit/test_refmm_machine_alt

tests_unit_test_refmm_buddy_alt_SOURCES = tests/unit/test_refmm_buddy.c tests/unit/test_refmm_util.h
tests_unit_test_refmm_buddy_alt_CPPFLAGS = $(REFMM_ALT_TEST_CPP)
tests_unit_test_refmm_buddy_alt_LDFLAGS = $(REFMM_TEST_LINK)
tests_unit_test_refmm_buddy_alt_LDADD = $(REFMM_ALT_TEST_LIBS)

tests_unit_test_refmm_machine_alt_SOURCES = tests/unit/test_refmm_machine.c $(SLAB_TEST_SOURCES)
tests_unit_test_refmm_machine_alt_CPPFLAGS = $(REFMM_ALT_TEST_CPP)
tests_unit_test_refmm_machine_alt_LDFLAGS = $(REFMM_TEST_LINK)
tests_unit_test_refmm_machine_alt_LDADD = $(REFMM_ALT_TEST_LIBS)

# make bench: refmm's page allocator beside glibc malloc
noinst_PROGRAMS += tests/bench/bench_buddy
BENCHMARKS += tests/bench/bench_buddy
tests_bench_bench_buddy_SOURCES = tests/bench/bench_buddy.c
tests_bench_bench_buddy_CPPFLAGS = $(AM_CPPFLAGS) $(REFMM_INCLUDES)
tests_bench_bench_buddy_CFLAGS = $(AM_CFLAGS) -O2
tests_bench_bench_buddy_LDFLAGS = $(AM_LDFLAGS) $(REFMM_LINK_FLAGS)
tests_bench_bench_buddy_LDADD = targets/refmm/librefmm.a $(REFMM_LINK_LIBS)
