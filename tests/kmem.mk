# tests/kmem.mk: tests and benchmarks of this area (see tests/Makefile.inc)
#
# [kmem-pages]: core/mm.c, core/mm_walk.c, kmem -f/-F/-p/-m/-g/-i/-z/-n/-M/ADDR,
# buddyinfo, pagetypeinfo.
#   test_mm            pure helpers of core/mm (ordinals, names, widths)
#   e2e/kmem/<scn>.sh  every built-in scenario (tiny default fragmented full
#                      numa) against its truth file, text and JSON
#   e2e/kmem/options   crash's option rules and messages, -m, pipes
#   e2e/kmem/corrupt   corrupted free lists: reported, never looped on
#   e2e/kmem/alt       another refmm configuration read through its DWARF
#   e2e/kmem/vmcoreinfo pageblock_order from VMCOREINFO: used, missing, malformed
#   bench_kmem         make bench: the big dump, beside refmm and drgn

KMEM_LDADD = $(MS_CORE_LIBS)

check_PROGRAMS += tests/unit/test_mm
TESTS += tests/unit/test_mm
tests_unit_test_mm_SOURCES = tests/unit/test_mm.c
tests_unit_test_mm_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_mm_LDADD = $(KMEM_LDADD) $(CMOCKA_LIBS)

# The DWARF-only proof: refmm-alt is refmm built with another configuration
# (librefmm_alt.a: MAX_ORDER 13, NR_CPUS 8, struct page and zone members and
# the list_heads of free_area, per_cpu_pages, lruvec, wait_queue_head_t
# reordered, pageblock_order 10 in a variable, PG_buddy kept);
# e2e/kmem/alt.sh generates its dumps (tiny; numa for 2 nodes) and reads them
# with "mmscope -s refmm-alt DUMP", checked against the alt truth files.
check_PROGRAMS += refmm-alt
refmm_alt_SOURCES = tests/e2e/kmem/refmm-alt.c
refmm_alt_LDFLAGS = $(AM_LDFLAGS) $(REFMM_LINK_FLAGS)
refmm_alt_LDADD = targets/refmm/librefmm_alt.a $(REFMM_LINK_LIBS)

KMEM_E2E = \
	tests/e2e/kmem/tiny.sh \
	tests/e2e/kmem/default.sh \
	tests/e2e/kmem/fragmented.sh \
	tests/e2e/kmem/full.sh \
	tests/e2e/kmem/numa.sh \
	tests/e2e/kmem/options.sh \
	tests/e2e/kmem/corrupt.sh \
	tests/e2e/kmem/alt.sh \
	tests/e2e/kmem/vmcoreinfo.sh
TESTS += $(KMEM_E2E)
CLEANFILES += tests/e2e/kmem/work/*.vmcore tests/e2e/kmem/work/*.truth.json \
	tests/e2e/kmem/work/out/*/*.txt tests/e2e/kmem/work/*.txt
EXTRA_DIST += $(KMEM_E2E) tests/e2e/kmem/check_scenario.py \
	tests/e2e/kmem/options.py tests/e2e/kmem/corrupt.py tests/e2e/kmem/alt.py \
	tests/e2e/kmem/vmcoreinfo.py

# make bench: kmem on the big dump beside refmm's own walk and drgn
noinst_PROGRAMS += tests/bench/bench_kmem_refmm
tests_bench_bench_kmem_refmm_SOURCES = tests/bench/bench_kmem_refmm.c tests/bench/bench_refmm.h
tests_bench_bench_kmem_refmm_CPPFLAGS = $(AM_CPPFLAGS) $(REFMM_INCLUDES)
tests_bench_bench_kmem_refmm_CFLAGS = $(AM_CFLAGS) -O2 -fno-strict-aliasing
tests_bench_bench_kmem_refmm_LDFLAGS = $(AM_LDFLAGS) $(REFMM_LINK_FLAGS)
tests_bench_bench_kmem_refmm_LDADD = targets/refmm/librefmm.a $(REFMM_LINK_LIBS)
BENCHMARKS += tests/bench/bench_kmem
CLEANFILES += tests/bench/bench_kmem tests/bench/work/kmem-*.vmcore tests/bench/work/kmem-*.truth.json
EXTRA_DIST += tests/bench/bench_kmem.sh tests/bench/bench_kmem.py tests/bench/bench_kmem_drgn.py
tests/bench/bench_kmem: $(top_srcdir)/tests/bench/bench_kmem.sh tests/bench/bench_kmem_refmm$(EXEEXT)
	$(AM_V_GEN)$(MKDIR_P) tests/bench && \
	sed 's|%%TOP_SRCDIR%%|$(abs_top_srcdir)|g' $(top_srcdir)/tests/bench/bench_kmem.sh > $@ && chmod +x $@

# make bench: time and peak RSS of the commands on big at 1G, 4G and SCALE
BENCHMARKS += tests/bench/bench_scale
CLEANFILES += tests/bench/bench_scale
EXTRA_DIST += tests/bench/bench_scale.py
tests/bench/bench_scale: $(top_srcdir)/tests/bench/bench_scale.py
	$(AM_V_GEN)$(MKDIR_P) tests/bench && cp $(top_srcdir)/tests/bench/bench_scale.py $@ && chmod +x $@

# [reliability] hostile dumps (tests/e2e/hostile/): damaged data inside a
# dump that opens, refmm's corrupt steps, damaged headers and files
HOSTILE_E2E = tests/e2e/hostile/dumpdata.sh tests/e2e/hostile/corrupt_steps.sh \
	tests/e2e/hostile/corrupt_procs.sh \
	tests/e2e/hostile/files.sh tests/e2e/hostile/headers.sh \
	tests/e2e/hostile/escapes.sh tests/e2e/hostile/inputs.sh
TESTS += $(HOSTILE_E2E)
EXTRA_DIST += $(HOSTILE_E2E) tests/e2e/hostile/dumpdata.py \
	tests/e2e/hostile/corrupt_steps.py tests/e2e/hostile/corrupt_procs.py tests/e2e/hostile/headers.py \
	tests/e2e/hostile/escapes.py tests/e2e/hostile/inputs.py
