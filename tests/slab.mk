# tests/slab.mk: tests and benchmarks of this area (see tests/Makefile.inc)
#
# [refmm-2]: SLAB, slab_common, kmalloc and mempool.
#   test_refmm_slab        size classes, alignment and merging, layout
#                          (order, colouring, on/off-slab freelists),
#                          refill, flush, shrink, reap, aliens, ctor,
#                          mempool reserves; with CONFIG_DEBUG_SLAB (the
#                          _alt build) red zones, poison and the last user
#   test_refmm_slab_stress 1,000,000 random kmalloc/kfree and cache
#                          alloc/free with the census check; every cache
#                          destroyed, the page allocator is as booted
#   test_refmm_slab*_alt   the same against librefmm_alt.a
#   e2e/slab/drgn_caches   the truth's caches and slabinfo against drgn's
#                          walk of the dumps (and red zones, last users)
#   bench_slab             make bench: kmalloc+kfree pairs beside glibc

SLAB_TEST_SOURCES = tests/unit/test_refmm_slab_util.c tests/unit/test_refmm_slab_util.h

check_PROGRAMS += tests/unit/test_refmm_slab tests/unit/test_refmm_slab_alt \
	tests/unit/test_refmm_slab_stress tests/unit/test_refmm_slab_stress_alt
TESTS += tests/unit/test_refmm_slab tests/unit/test_refmm_slab_alt \
	tests/unit/test_refmm_slab_stress tests/unit/test_refmm_slab_stress_alt

tests_unit_test_refmm_slab_SOURCES = tests/unit/test_refmm_slab.c $(SLAB_TEST_SOURCES)
tests_unit_test_refmm_slab_CPPFLAGS = $(REFMM_TEST_CPP)
tests_unit_test_refmm_slab_LDFLAGS = $(REFMM_TEST_LINK)
tests_unit_test_refmm_slab_LDADD = $(REFMM_TEST_LIBS)

tests_unit_test_refmm_slab_alt_SOURCES = tests/unit/test_refmm_slab.c $(SLAB_TEST_SOURCES)
tests_unit_test_refmm_slab_alt_CPPFLAGS = $(REFMM_ALT_TEST_CPP)
tests_unit_test_refmm_slab_alt_LDFLAGS = $(REFMM_TEST_LINK)
tests_unit_test_refmm_slab_alt_LDADD = $(REFMM_ALT_TEST_LIBS)

tests_unit_test_refmm_slab_stress_SOURCES = tests/unit/test_refmm_slab_stress.c $(SLAB_TEST_SOURCES) tests/unit/test_rnd.h
tests_unit_test_refmm_slab_stress_CPPFLAGS = $(REFMM_TEST_CPP)
tests_unit_test_refmm_slab_stress_LDFLAGS = $(REFMM_TEST_LINK)
tests_unit_test_refmm_slab_stress_LDADD = $(REFMM_TEST_LIBS)

tests_unit_test_refmm_slab_stress_alt_SOURCES = tests/unit/test_refmm_slab_stress.c $(SLAB_TEST_SOURCES) tests/unit/test_rnd.h
tests_unit_test_refmm_slab_stress_alt_CPPFLAGS = $(REFMM_ALT_TEST_CPP)
tests_unit_test_refmm_slab_stress_alt_LDFLAGS = $(REFMM_TEST_LINK)
tests_unit_test_refmm_slab_stress_alt_LDADD = $(REFMM_ALT_TEST_LIBS)

# [kmem-slab]: core/slab.c, kmem -s/-S/ADDR, slabinfo, slabtop.
#   e2e/slab/kmem_slab      kmem -s, -S, -s NAME|ADDR, kmem ADDR on objects
#                           against the truth of every built-in scenario
#   e2e/slab/kmem_slab_alt  the same on refmm-alt's CONFIG_DEBUG_SLAB dumps
#                           through its DWARF (red zones, poison, last users)
#   e2e/slab/slabinfo       slabinfo = the truth's /proc/slabinfo; slabtop =
#                           procps's slabtop -o on that text, every sort key
#   e2e/slab/corrupt        patched dumps: every problem reported with its
#                           addresses, the walk goes on
#   e2e/slab/diff           mmscope diff OLD NEW against the two truths
#   e2e/slab/callers        kmem -s NAME -U against drgn; -k
KMEM_SLAB_E2E = tests/e2e/slab/kmem_slab.sh tests/e2e/slab/kmem_slab_alt.sh \
	tests/e2e/slab/slabinfo.sh tests/e2e/slab/corrupt.sh tests/e2e/slab/diff.sh \
	tests/e2e/slab/callers.sh
TESTS += $(KMEM_SLAB_E2E)
EXTRA_DIST += $(KMEM_SLAB_E2E) tests/e2e/slab/kmem_slab.py tests/e2e/slab/slabinfo.py \
	tests/e2e/slab/corrupt.py tests/e2e/slab/diff.py tests/e2e/slab/callers.py

# End to end: the truth file's caches and slabinfo against drgn walking the
# dumps (default, slab-leak, slab; refmm-alt's CONFIG_DEBUG_SLAB dumps with
# their red zones and last users too).
TESTS += tests/e2e/slab/drgn_caches.py
EXTRA_DIST += tests/e2e/slab/drgn_caches.py

# make bench: kmalloc+kfree beside glibc malloc+free, sizes 32 to 4096
noinst_PROGRAMS += tests/bench/bench_slab
BENCHMARKS += tests/bench/bench_slab
tests_bench_bench_slab_SOURCES = tests/bench/bench_slab.c
tests_bench_bench_slab_CPPFLAGS = $(AM_CPPFLAGS) $(REFMM_INCLUDES)
tests_bench_bench_slab_CFLAGS = $(AM_CFLAGS) -O2
tests_bench_bench_slab_LDFLAGS = $(AM_LDFLAGS) $(REFMM_LINK_FLAGS)
tests_bench_bench_slab_LDADD = targets/refmm/librefmm.a $(REFMM_LINK_LIBS)

# make bench: kmem -s and kmem -S > /dev/null on the slab scenario scaled to
# ~10^6 objects, beside refmm's in-process census (the floor) and drgn
noinst_PROGRAMS += tests/bench/bench_slab_refmm
tests_bench_bench_slab_refmm_SOURCES = tests/bench/bench_slab_refmm.c tests/bench/bench_refmm.h
tests_bench_bench_slab_refmm_CPPFLAGS = $(AM_CPPFLAGS) $(REFMM_INCLUDES) -I$(top_srcdir)/targets/refmm
tests_bench_bench_slab_refmm_CFLAGS = $(AM_CFLAGS) -O2
tests_bench_bench_slab_refmm_LDFLAGS = $(AM_LDFLAGS) $(REFMM_LINK_FLAGS)
tests_bench_bench_slab_refmm_LDADD = targets/refmm/librefmm.a $(REFMM_LINK_LIBS)
BENCHMARKS += tests/bench/bench_slab_kmem
CLEANFILES += tests/bench/bench_slab_kmem tests/bench/work/slab-x*.vmcore \
	tests/bench/work/slab-x*.truth.json tests/bench/work/slab-x*.scn
EXTRA_DIST += tests/bench/bench_slab_kmem.sh tests/bench/bench_slab_kmem.py tests/bench/bench_slab_drgn.py
tests/bench/bench_slab_kmem: $(top_srcdir)/tests/bench/bench_slab_kmem.sh tests/bench/bench_slab_refmm$(EXEEXT)
	$(AM_V_GEN)$(MKDIR_P) tests/bench && \
	sed 's|%%TOP_SRCDIR%%|$(abs_top_srcdir)|g' $(top_srcdir)/tests/bench/bench_slab_kmem.sh > $@ && chmod +x $@
