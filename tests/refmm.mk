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
#   bench_buddy         (make bench) order-0 pairs and a random-order storm
#                       beside glibc malloc

REFMM_TEST_CPP = $(AM_CPPFLAGS) $(REFMM_INCLUDES) -I$(top_srcdir)/targets/refmm $(CMOCKA_CFLAGS)
REFMM_TEST_LINK = $(AM_LDFLAGS) $(REFMM_LINK_FLAGS)
REFMM_TEST_LIBS = targets/refmm/librefmm.a $(REFMM_LINK_LIBS) $(CMOCKA_LIBS)

check_PROGRAMS += tests/unit/test_refmm_buddy tests/unit/test_refmm_machine \
	tests/unit/test_refmm_stress
TESTS += tests/unit/test_refmm_buddy tests/unit/test_refmm_machine \
	tests/unit/test_refmm_stress

tests_unit_test_refmm_buddy_SOURCES = tests/unit/test_refmm_buddy.c
tests_unit_test_refmm_buddy_CPPFLAGS = $(REFMM_TEST_CPP)
tests_unit_test_refmm_buddy_LDFLAGS = $(REFMM_TEST_LINK)
tests_unit_test_refmm_buddy_LDADD = $(REFMM_TEST_LIBS)

tests_unit_test_refmm_machine_SOURCES = tests/unit/test_refmm_machine.c
tests_unit_test_refmm_machine_CPPFLAGS = $(REFMM_TEST_CPP)
tests_unit_test_refmm_machine_LDFLAGS = $(REFMM_TEST_LINK)
tests_unit_test_refmm_machine_LDADD = $(REFMM_TEST_LIBS)

tests_unit_test_refmm_stress_SOURCES = tests/unit/test_refmm_stress.c
tests_unit_test_refmm_stress_CPPFLAGS = $(REFMM_TEST_CPP)
tests_unit_test_refmm_stress_LDFLAGS = $(REFMM_TEST_LINK)
tests_unit_test_refmm_stress_LDADD = $(REFMM_TEST_LIBS)
