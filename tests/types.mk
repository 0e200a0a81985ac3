# tests/types.mk: tests and benchmarks of this area (see tests/Makefile.inc)
#
# Symbols (core/symbols.c), DWARF types (core/dwarf.c, core/types.c, core/typename.c), value
# printing (core/value.c) and the expression evaluator (core/expr.c).  The unit tests
# link core/libmscore.a (test_types_cmds stubs the session layer).  Their oracles: typesprog's own offsetof/sizeof output,
# built twice for both bitfield encodings (DWARF 5: DW_AT_data_bit_offset,
# DWARF 4: DW_AT_bit_offset), nm(1), and gdb's print/ptype/whatis on the
# same executables.

TYPESPROG_CFLAGS = -std=gnu11 -g -O0 -fno-pie $(WARN_CFLAGS)
check_PROGRAMS += tests/unit/typesprog_dw5 tests/unit/typesprog_dw4
tests_unit_typesprog_dw5_SOURCES = tests/unit/typesprog.c
tests_unit_typesprog_dw5_CFLAGS = $(TYPESPROG_CFLAGS) -gdwarf-5
tests_unit_typesprog_dw5_LDFLAGS = -no-pie
tests_unit_typesprog_dw4_SOURCES = tests/unit/typesprog.c
tests_unit_typesprog_dw4_CFLAGS = $(TYPESPROG_CFLAGS) -gdwarf-4
tests_unit_typesprog_dw4_LDFLAGS = -no-pie

# helpers of the tests over typesprog: commands, an image of its PT_LOAD segments, paths
TYPESPROG_TEST_UTIL = tests/unit/test_typesprog_util.c tests/unit/test_typesprog_util.h

# The tests link core/libmscore.a; their programs read memory from the test
# executable's own image (tests/unit/test_typesprog_util.c).
TYPES_TEST_LIBS = $(MS_CORE_LIBS) $(CMOCKA_LIBS)
check_PROGRAMS += tests/unit/test_types tests/unit/test_expr tests/unit/test_types_cmds
TESTS += tests/unit/test_types tests/unit/test_expr tests/unit/test_types_cmds
tests_unit_test_types_SOURCES = tests/unit/test_types.c $(TYPESPROG_TEST_UTIL) tests/unit/test_assert.h
tests_unit_test_types_CPPFLAGS = $(AM_CPPFLAGS) $(LIBELF_CFLAGS) $(DWARF_CFLAGS)
tests_unit_test_types_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_types_LDADD = $(TYPES_TEST_LIBS)
EXTRA_tests_unit_test_types_DEPENDENCIES = tests/unit/typesprog_dw5 tests/unit/typesprog_dw4


tests_unit_test_expr_SOURCES = tests/unit/test_expr.c $(TYPESPROG_TEST_UTIL) tests/unit/test_assert.h
tests_unit_test_expr_CPPFLAGS = $(AM_CPPFLAGS) $(LIBELF_CFLAGS) $(DWARF_CFLAGS)
tests_unit_test_expr_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_expr_LDADD = $(TYPES_TEST_LIBS)
EXTRA_tests_unit_test_expr_DEPENDENCIES = tests/unit/typesprog_dw5

# the member accessor (core/field.c) on typesprog_dw5: memo, lookup vs fault, values
check_PROGRAMS += tests/unit/test_field
TESTS += tests/unit/test_field
tests_unit_test_field_SOURCES = tests/unit/test_field.c $(TYPESPROG_TEST_UTIL) tests/unit/test_assert.h
tests_unit_test_field_CPPFLAGS = $(AM_CPPFLAGS) $(LIBELF_CFLAGS) $(DWARF_CFLAGS)
tests_unit_test_field_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_field_LDADD = $(TYPES_TEST_LIBS)
EXTRA_tests_unit_test_field_DEPENDENCIES = tests/unit/typesprog_dw5

# the DWARF index cache file (core/dwarf_cache.c) on typesprog_dw5
check_PROGRAMS += tests/unit/test_index_cache
TESTS += tests/unit/test_index_cache
tests_unit_test_index_cache_SOURCES = tests/unit/test_index_cache.c $(TYPESPROG_TEST_UTIL) tests/unit/test_assert.h
tests_unit_test_index_cache_CPPFLAGS = $(AM_CPPFLAGS) $(LIBELF_CFLAGS) $(DWARF_CFLAGS)
tests_unit_test_index_cache_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_index_cache_LDADD = $(TYPES_TEST_LIBS)
EXTRA_tests_unit_test_index_cache_DEPENDENCIES = tests/unit/typesprog_dw5

# struct, union, whatis, p and sym over typesprog's data, session layer stubbed
tests_unit_test_types_cmds_SOURCES = tests/unit/test_types_cmds.c $(TYPESPROG_TEST_UTIL) tests/unit/test_assert.h \
	cmd/struct.c cmd/union.c cmd/whatis.c cmd/ptype.c cmd/print.c cmd/sym.c
tests_unit_test_types_cmds_CPPFLAGS = $(AM_CPPFLAGS) $(LIBELF_CFLAGS) $(DWARF_CFLAGS)
tests_unit_test_types_cmds_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_types_cmds_LDADD = $(TYPES_TEST_LIBS)
EXTRA_tests_unit_test_types_cmds_DEPENDENCIES = tests/unit/typesprog_dw5

# make bench: index and lookup speed on the mmscope executable's own DWARF
BENCHMARKS += tests/bench/bench_types
noinst_PROGRAMS += tests/bench/bench_types
tests_bench_bench_types_SOURCES = tests/bench/bench_types.c
tests_bench_bench_types_CPPFLAGS = $(AM_CPPFLAGS) $(LIBELF_CFLAGS) $(DWARF_CFLAGS)
tests_bench_bench_types_CFLAGS = $(AM_CFLAGS) -O2
tests_bench_bench_types_LDADD = $(MS_CORE_LIBS)

# end to end: p/struct/whatis/sym on a generated dump against gdb, the JSON "data"
# of values against gdb's Python, and definitions as JSON against gdb's ptype /o (skip without gen or gdb)
TESTS += tests/e2e/types/p_struct_gdb.sh tests/e2e/types/percpu_gdb.sh tests/e2e/types/json_data_gdb.sh \
	tests/e2e/types/struct_def_gdb.sh
EXTRA_DIST += tests/e2e/types/p_struct_gdb.sh tests/e2e/types/p_struct_gdb.py \
	tests/e2e/types/struct_def_gdb.sh tests/e2e/types/struct_def_gdb.py \
	tests/e2e/types/percpu_gdb.sh tests/e2e/types/percpu_gdb.py \
	tests/e2e/types/json_data_gdb.sh tests/e2e/types/json_data_gdb.py tests/e2e/lib/gdb_data.py
