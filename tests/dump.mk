# tests/dump.mk: tests and benchmarks of this area (see tests/Makefile.inc)
#
# Dump access (core/dump.c), the page cache (core/pagecache.c), the list
# walker (core/list.c) and the rd and list commands.  The unit tests link
# core/libmscore.a; test_list replaces its ^C flag with
# tests/unit/test_dump_stubs.c's, which interrupts after a given count.

DUMP_TEST_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
DUMP_TEST_CPPFLAGS = $(AM_CPPFLAGS) $(KDUMPFILE_CFLAGS)
DUMP_TEST_STUBS = tests/unit/test_dump_stubs.c tests/unit/test_dump_stubs.h \
	core/error.c

check_PROGRAMS += tests/unit/test_pagecache tests/unit/test_list
TESTS += tests/unit/test_pagecache tests/unit/test_list

tests_unit_test_pagecache_SOURCES = tests/unit/test_pagecache.c core/pagecache.c $(DUMP_TEST_STUBS)
tests_unit_test_pagecache_CPPFLAGS = $(DUMP_TEST_CPPFLAGS)
tests_unit_test_pagecache_CFLAGS = $(DUMP_TEST_CFLAGS)
tests_unit_test_pagecache_LDADD = $(CMOCKA_LIBS)

tests_unit_test_list_SOURCES = tests/unit/test_list.c $(DUMP_TEST_STUBS)
tests_unit_test_list_CPPFLAGS = $(DUMP_TEST_CPPFLAGS)
tests_unit_test_list_CFLAGS = $(DUMP_TEST_CFLAGS)
tests_unit_test_list_LDADD = $(MS_CORE_LIBS) $(CMOCKA_LIBS)

# dump.c on small ELF vmcores the test writes itself (no generator needed)
check_PROGRAMS += tests/unit/test_dump
TESTS += tests/unit/test_dump
tests_unit_test_dump_SOURCES = tests/unit/test_dump.c tests/unit/test_assert.h
tests_unit_test_dump_CPPFLAGS = $(DUMP_TEST_CPPFLAGS)
tests_unit_test_dump_CFLAGS = $(DUMP_TEST_CFLAGS)
tests_unit_test_dump_LDADD = $(MS_CORE_LIBS) $(CMOCKA_LIBS)

# make bench: random and sequential read speed, ms_readmem vs kdump_read
noinst_PROGRAMS += tests/bench/bench_read
BENCHMARKS += tests/bench/bench_read
tests_bench_bench_read_SOURCES = tests/bench/bench_read.c
tests_bench_bench_read_CPPFLAGS = $(DUMP_TEST_CPPFLAGS)
tests_bench_bench_read_CFLAGS = $(AM_CFLAGS) -O2
tests_bench_bench_read_LDADD = $(MS_CORE_LIBS)

# end to end, on dumps from "mmscope gen": rd and list against gdb and the
# truth file, list on deliberately corrupted free lists, damaged dump files
TESTS += tests/e2e/dump/rd_gdb.py tests/e2e/dump/list_gdb.py tests/e2e/dump/open_errors.sh
EXTRA_DIST += tests/e2e/dump/rd_gdb.py tests/e2e/dump/list_gdb.py tests/e2e/dump/open_errors.sh \
	tests/e2e/dump/valgrind.supp
# helpers of the Python tests against gdb, also used by tests/e2e/dumps/gdb_truth.py
# and tests/e2e/types/p_struct_gdb.py
EXTRA_DIST += tests/e2e/lib/mstest.py tests/e2e/lib/truthcheck.py

# core on dumps written by this mmscope (tiny, numa): two programs in one
# process, the model and free lists against the truth files, per_cpu_ptr(),
# the page-table walker against libaddrxlat and the direct map
check_PROGRAMS += tests/unit/test_program
TESTS += tests/unit/test_program
tests_unit_test_program_SOURCES = tests/unit/test_program.c tests/unit/test_assert.h
tests_unit_test_program_CPPFLAGS = $(DUMP_TEST_CPPFLAGS) $(JSONC_CFLAGS)
tests_unit_test_program_CFLAGS = $(DUMP_TEST_CFLAGS)
tests_unit_test_program_LDADD = $(MS_CORE_LIBS) $(CMOCKA_LIBS)
EXTRA_tests_unit_test_program_DEPENDENCIES = mmscope
