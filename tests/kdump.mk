# tests/kdump.mk: tests and benchmarks of this area (see tests/Makefile.inc)
#
# [kdump]: "mmscope gen --format kdump" (targets/refmm/diskdump.c,
# dump_filter.c) and reading compressed dumps (core/dump.c).
#   kdcmp                 compares two dumps page by page through libkdumpfile
#   e2e/kdump/<scn>.sh    kdump.py on each built-in scenario but big: the file
#                         layout, the pages left out against the truth file,
#                         every page against the ELF dump, kmem -f/-p/-s, the
#                         "page excluded" message, thread-count determinism,
#                         makedumpfile both ways
#   e2e/kdump/kmem_dN.sh  check_scenario.py (all of kmem) and kmem_s.py (kmem -s
#                         per cache) against the truth on compressed dumps of
#                         every scenario at dump levels 0, 1, 31, zlib + lzo
#   bench_kdump           make bench: write rates and sizes per format and
#                         compression beside makedumpfile; kmem -p ELF vs kdump

check_PROGRAMS += tests/e2e/kdump/kdcmp
tests_e2e_kdump_kdcmp_SOURCES = tests/e2e/kdump/kdcmp.c
tests_e2e_kdump_kdcmp_CPPFLAGS = $(AM_CPPFLAGS) $(KDUMPFILE_CFLAGS)
tests_e2e_kdump_kdcmp_LDADD = $(KDUMPFILE_LIBS)

KDUMP_E2E = \
	tests/e2e/kdump/tiny.sh \
	tests/e2e/kdump/default.sh \
	tests/e2e/kdump/fragmented.sh \
	tests/e2e/kdump/full.sh \
	tests/e2e/kdump/numa.sh \
	tests/e2e/kdump/kmem_d0.sh \
	tests/e2e/kdump/kmem_d1.sh \
	tests/e2e/kdump/kmem_d31.sh
TESTS += $(KDUMP_E2E)
EXTRA_DIST += $(KDUMP_E2E) tests/e2e/kdump/kdump.py tests/e2e/kdump/kmem_level.sh \
	tests/e2e/kdump/kmem_s.py \
	tests/bench/bench_kdump.sh

BENCHMARKS += tests/bench/bench_kdump
CLEANFILES += tests/bench/bench_kdump
tests/bench/bench_kdump: $(top_srcdir)/tests/bench/bench_kdump.sh
	$(AM_V_GEN)$(MKDIR_P) tests/bench && cp $(top_srcdir)/tests/bench/bench_kdump.sh $@ && chmod +x $@
