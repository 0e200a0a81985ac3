# tests/dumps.mk: tests and benchmarks of this area (see tests/Makefile.inc)
#
# [dumps]: ELF vmcores, "mmscope gen", scenarios and the truth file.
#   test_dumps_vmcore     the ELF writer and atomic files on a synthetic machine
#   test_dumps_readback   libkdumpfile reads back thousands of random pages of
#                         a dump (physical, direct map, image through the
#                         dumped page tables): they equal refmm's RAM
#   test_dumps_scenario   the scenario parser: errors name file, line, word
#   e2e/dumps/*           gdb vs truth, determinism, every built-in scenario,
#                         syntax errors, write failures (full fs, ro dir, SIGINT)
#   bench_gen             make bench: gen time of "big", write rate vs dd

DUMPS_T_CPP = $(AM_CPPFLAGS) $(REFMM_INCLUDES) $(KDUMPFILE_CFLAGS) $(CMOCKA_CFLAGS)
DUMPS_T_LD = $(AM_LDFLAGS) $(REFMM_LINK_FLAGS)
DUMPS_T_LIBS = targets/refmm/librefmm.a $(REFMM_LINK_LIBS) $(CMOCKA_LIBS)

check_PROGRAMS += tests/unit/test_dumps_vmcore tests/unit/test_dumps_readback tests/unit/test_dumps_scenario
TESTS += tests/unit/test_dumps_vmcore tests/unit/test_dumps_readback tests/unit/test_dumps_scenario \
	tests/e2e/dumps/syntax.sh \
	tests/e2e/dumps/scenarios.sh \
	tests/e2e/dumps/determinism.sh \
	tests/e2e/dumps/gdb_truth.py \
	tests/e2e/dumps/write_failures.sh
EXTRA_DIST += tests/e2e/dumps/syntax.sh tests/e2e/dumps/scenarios.sh \
	tests/e2e/dumps/determinism.sh tests/e2e/dumps/gdb_truth.py \
	tests/e2e/dumps/write_failures.sh tests/bench/bench_gen.sh

# The writer alone, on a synthetic machine: no refmm boot.
tests_unit_test_dumps_vmcore_SOURCES = tests/unit/test_dumps_vmcore.c targets/refmm/vmcore.c
tests_unit_test_dumps_vmcore_CPPFLAGS = $(DUMPS_T_CPP)
tests_unit_test_dumps_vmcore_LDADD = $(KDUMPFILE_LIBS) $(CMOCKA_LIBS)

tests_unit_test_dumps_readback_SOURCES = tests/unit/test_dumps_readback.c
tests_unit_test_dumps_readback_CPPFLAGS = $(DUMPS_T_CPP)
tests_unit_test_dumps_readback_LDFLAGS = $(DUMPS_T_LD)
tests_unit_test_dumps_readback_LDADD = $(DUMPS_T_LIBS) $(KDUMPFILE_LIBS)

tests_unit_test_dumps_scenario_SOURCES = tests/unit/test_dumps_scenario.c
tests_unit_test_dumps_scenario_CPPFLAGS = $(DUMPS_T_CPP)
tests_unit_test_dumps_scenario_LDFLAGS = $(DUMPS_T_LD)
tests_unit_test_dumps_scenario_LDADD = $(DUMPS_T_LIBS)

# make bench: the script is copied into the build tree, where "make bench" runs it.
BENCHMARKS += tests/bench/bench_gen
CLEANFILES += tests/bench/bench_gen
tests/bench/bench_gen: $(top_srcdir)/tests/bench/bench_gen.sh
	$(AM_V_GEN)$(MKDIR_P) tests/bench && cp $(top_srcdir)/tests/bench/bench_gen.sh $@ && chmod +x $@
