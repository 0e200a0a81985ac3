# tests/session.mk: tests of the session: command lines, eval, output
# formatting (cmocka), and end-to-end batch transcripts on generated dumps.
MS_SESSION_UNIT_SOURCES = core/array.c core/cmdline.c core/error.c core/escape.c core/file.c core/output.c core/record.c core/session.c
MS_SESSION_UNIT_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)

check_PROGRAMS += tests/unit/test_cmdline tests/unit/test_cmdline_eval tests/unit/test_cmdline_output \
	tests/unit/test_cmdline_dispatch
tests_unit_test_cmdline_SOURCES = tests/unit/test_cmdline.c $(MS_SESSION_UNIT_SOURCES)
tests_unit_test_cmdline_CFLAGS = $(MS_SESSION_UNIT_CFLAGS)
tests_unit_test_cmdline_LDADD = $(CMOCKA_LIBS)
tests_unit_test_cmdline_eval_SOURCES = tests/unit/test_cmdline_eval.c $(MS_SESSION_UNIT_SOURCES)
tests_unit_test_cmdline_eval_CFLAGS = $(MS_SESSION_UNIT_CFLAGS)
tests_unit_test_cmdline_eval_LDADD = $(CMOCKA_LIBS)
tests_unit_test_cmdline_output_SOURCES = tests/unit/test_cmdline_output.c $(MS_SESSION_UNIT_SOURCES)
tests_unit_test_cmdline_output_CFLAGS = $(MS_SESSION_UNIT_CFLAGS)
tests_unit_test_cmdline_output_LDADD = $(CMOCKA_LIBS)
# the dispatcher, with the symbol and type layers stubbed inside the test
tests_unit_test_cmdline_dispatch_SOURCES = tests/unit/test_cmdline_dispatch.c core/command.c core/options.c \
	$(MS_SESSION_UNIT_SOURCES)
tests_unit_test_cmdline_dispatch_CFLAGS = $(MS_SESSION_UNIT_CFLAGS)
tests_unit_test_cmdline_dispatch_LDADD = $(CMOCKA_LIBS)
TESTS += tests/unit/test_cmdline tests/unit/test_cmdline_eval tests/unit/test_cmdline_output \
	tests/unit/test_cmdline_dispatch
# records and their JSON and text renderings (core/record.c)
check_PROGRAMS += tests/unit/test_record
TESTS += tests/unit/test_record
tests_unit_test_record_SOURCES = tests/unit/test_record.c $(MS_SESSION_UNIT_SOURCES)
tests_unit_test_record_CFLAGS = $(MS_SESSION_UNIT_CFLAGS)
tests_unit_test_record_LDADD = $(CMOCKA_LIBS)
# typed errors (core/error.c), with calloc wrapped to fail on demand
check_PROGRAMS += tests/unit/test_error
TESTS += tests/unit/test_error
tests_unit_test_error_SOURCES = tests/unit/test_error.c core/error.c
tests_unit_test_error_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_error_LDFLAGS = $(AM_LDFLAGS) -Wl,--wrap=calloc
tests_unit_test_error_LDADD = $(CMOCKA_LIBS)
# growing arrays (core/array.c), with realloc wrapped to see and fail its calls
check_PROGRAMS += tests/unit/test_array
TESTS += tests/unit/test_array
tests_unit_test_array_SOURCES = tests/unit/test_array.c core/array.c core/array.h
tests_unit_test_array_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_array_LDFLAGS = $(AM_LDFLAGS) -Wl,--wrap=realloc
tests_unit_test_array_LDADD = $(CMOCKA_LIBS)

# End-to-end: batch transcripts on dumps written by "mmscope gen" (python3
# scripts sharing tests/e2e/lib/mstest.py; each prints "N passed, N failed").
MS_SESSION_E2E = \
	tests/e2e/session/batch \
	tests/e2e/session/pipes \
	tests/e2e/session/errors \
	tests/e2e/session/options \
	tests/e2e/session/interactive \
	tests/e2e/session/helppages \
	tests/e2e/session/examples
TESTS += $(MS_SESSION_E2E)
EXTRA_DIST += $(MS_SESSION_E2E)

# make bench: time to the first prompt on the default dump, beside gdb.
BENCHMARKS += tests/bench/bench_startup
CLEANFILES += tests/bench/bench_startup
EXTRA_DIST += tests/bench/bench_startup.sh
tests/bench/bench_startup: $(top_srcdir)/tests/bench/bench_startup.sh
	$(AM_V_GEN)$(MKDIR_P) tests/bench && cp $(top_srcdir)/tests/bench/bench_startup.sh $@ && chmod +x $@

# Not a test: a transcript of every command on the tiny, default and numa
# dumps, for comparing outputs before and after a refactoring.
EXTRA_DIST += tests/e2e/transcript/run.sh tests/e2e/transcript/compare.py \
	tests/e2e/transcript/commands.txt
