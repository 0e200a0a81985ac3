# tests/fuzz.mk: the libFuzzer harnesses (tests/fuzz/) and their replay.
#
#   fuzz_dump        a damaged ELF or kdump: open, kmem -f -p -i -z
#   fuzz_debuginfo   a damaged debuginfo or DWARF index cache: load, lookups
#   fuzz_vmcoreinfo  the VMCOREINFO parser and its range checks
#   fuzz_expr        p's C expressions and eval's
#   fuzz_cmdline     one line at the prompt, on the tiny kdump
#   fuzz_slab        a damaged dump with processes: kmem -s (-S)
#   fuzz_ps          the same: ps, ps PID, set PID
#   fuzz_vm          the same: vm PID, vm -p PID
#
# make check builds each harness with tests/fuzz/replay.c and runs it over
# fixtures/fuzz/NAME/ (the seed corpus and every input that found a bug).
# make fuzz builds the fuzzers with clang (./configure --enable-fuzzers in
# fuzz-build/ under the build tree) and runs each for FUZZ_TIME seconds
# (default 60): tests/fuzz/run.sh.

FUZZ_NAMES = dump debuginfo vmcoreinfo expr cmdline slab ps vm
FUZZ_COMMON = tests/fuzz/fuzz.h tests/fuzz/fuzz_common.c
FUZZ_SESSION = tests/fuzz/fuzz_session.h tests/fuzz/fuzz_session.c
FUZZ_BASE = tests/fuzz/fuzz_base.h tests/fuzz/fuzz_base.c
FUZZ_CPPFLAGS = $(AM_CPPFLAGS) $(KDUMPFILE_CFLAGS)
FUZZ_LDADD = cmd/libmscmd.a $(MS_CORE_LIBS)

if FUZZERS
FUZZ_PROGS = tests/fuzz/fuzz_dump tests/fuzz/fuzz_debuginfo tests/fuzz/fuzz_vmcoreinfo \
	tests/fuzz/fuzz_expr tests/fuzz/fuzz_cmdline tests/fuzz/fuzz_slab tests/fuzz/fuzz_ps \
	tests/fuzz/fuzz_vm
FUZZ_MAIN =
FUZZ_LINK = -fsanitize=fuzzer
else
FUZZ_PROGS = tests/fuzz/replay_dump tests/fuzz/replay_debuginfo tests/fuzz/replay_vmcoreinfo \
	tests/fuzz/replay_expr tests/fuzz/replay_cmdline tests/fuzz/replay_slab tests/fuzz/replay_ps \
	tests/fuzz/replay_vm
FUZZ_MAIN = tests/fuzz/replay.c
FUZZ_LINK =
endif
check_PROGRAMS += $(FUZZ_PROGS)
fuzzers: $(FUZZ_PROGS)
.PHONY: fuzzers

# one stanza per harness, the same under both names
tests_fuzz_fuzz_dump_SOURCES = tests/fuzz/fuzz_dump.c $(FUZZ_COMMON) $(FUZZ_SESSION) $(FUZZ_BASE)
tests_fuzz_fuzz_debuginfo_SOURCES = tests/fuzz/fuzz_debuginfo.c $(FUZZ_COMMON) $(FUZZ_SESSION)
tests_fuzz_fuzz_vmcoreinfo_SOURCES = tests/fuzz/fuzz_vmcoreinfo.c $(FUZZ_COMMON)
tests_fuzz_fuzz_expr_SOURCES = tests/fuzz/fuzz_expr.c $(FUZZ_COMMON)
tests_fuzz_fuzz_cmdline_SOURCES = tests/fuzz/fuzz_cmdline.c $(FUZZ_COMMON) $(FUZZ_SESSION)
tests_fuzz_fuzz_slab_SOURCES = tests/fuzz/fuzz_slab.c $(FUZZ_COMMON) $(FUZZ_SESSION) $(FUZZ_BASE)
tests_fuzz_fuzz_ps_SOURCES = tests/fuzz/fuzz_ps.c $(FUZZ_COMMON) $(FUZZ_SESSION) $(FUZZ_BASE)
tests_fuzz_fuzz_vm_SOURCES = tests/fuzz/fuzz_vm.c $(FUZZ_COMMON) $(FUZZ_SESSION) $(FUZZ_BASE)
tests_fuzz_replay_dump_SOURCES = $(tests_fuzz_fuzz_dump_SOURCES) $(FUZZ_MAIN)
tests_fuzz_replay_debuginfo_SOURCES = $(tests_fuzz_fuzz_debuginfo_SOURCES) $(FUZZ_MAIN)
tests_fuzz_replay_vmcoreinfo_SOURCES = $(tests_fuzz_fuzz_vmcoreinfo_SOURCES) $(FUZZ_MAIN)
tests_fuzz_replay_expr_SOURCES = $(tests_fuzz_fuzz_expr_SOURCES) $(FUZZ_MAIN)
tests_fuzz_replay_cmdline_SOURCES = $(tests_fuzz_fuzz_cmdline_SOURCES) $(FUZZ_MAIN)
tests_fuzz_replay_slab_SOURCES = $(tests_fuzz_fuzz_slab_SOURCES) $(FUZZ_MAIN)
tests_fuzz_replay_ps_SOURCES = $(tests_fuzz_fuzz_ps_SOURCES) $(FUZZ_MAIN)
tests_fuzz_replay_vm_SOURCES = $(tests_fuzz_fuzz_vm_SOURCES) $(FUZZ_MAIN)
tests_fuzz_fuzz_dump_CPPFLAGS = $(FUZZ_CPPFLAGS)
tests_fuzz_fuzz_debuginfo_CPPFLAGS = $(FUZZ_CPPFLAGS)
tests_fuzz_fuzz_vmcoreinfo_CPPFLAGS = $(FUZZ_CPPFLAGS)
tests_fuzz_fuzz_expr_CPPFLAGS = $(FUZZ_CPPFLAGS)
tests_fuzz_fuzz_cmdline_CPPFLAGS = $(FUZZ_CPPFLAGS)
tests_fuzz_fuzz_slab_CPPFLAGS = $(FUZZ_CPPFLAGS)
tests_fuzz_fuzz_ps_CPPFLAGS = $(FUZZ_CPPFLAGS)
tests_fuzz_fuzz_vm_CPPFLAGS = $(FUZZ_CPPFLAGS)
tests_fuzz_replay_dump_CPPFLAGS = $(FUZZ_CPPFLAGS)
tests_fuzz_replay_debuginfo_CPPFLAGS = $(FUZZ_CPPFLAGS)
tests_fuzz_replay_vmcoreinfo_CPPFLAGS = $(FUZZ_CPPFLAGS)
tests_fuzz_replay_expr_CPPFLAGS = $(FUZZ_CPPFLAGS)
tests_fuzz_replay_cmdline_CPPFLAGS = $(FUZZ_CPPFLAGS)
tests_fuzz_replay_slab_CPPFLAGS = $(FUZZ_CPPFLAGS)
tests_fuzz_replay_ps_CPPFLAGS = $(FUZZ_CPPFLAGS)
tests_fuzz_replay_vm_CPPFLAGS = $(FUZZ_CPPFLAGS)
tests_fuzz_fuzz_dump_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_LINK)
tests_fuzz_fuzz_debuginfo_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_LINK)
tests_fuzz_fuzz_vmcoreinfo_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_LINK)
tests_fuzz_fuzz_expr_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_LINK)
tests_fuzz_fuzz_cmdline_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_LINK)
tests_fuzz_fuzz_slab_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_LINK)
tests_fuzz_fuzz_ps_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_LINK)
tests_fuzz_fuzz_vm_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_LINK)
tests_fuzz_fuzz_dump_LDADD = $(FUZZ_LDADD)
tests_fuzz_fuzz_debuginfo_LDADD = $(FUZZ_LDADD)
tests_fuzz_fuzz_vmcoreinfo_LDADD = $(FUZZ_LDADD)
tests_fuzz_fuzz_expr_LDADD = $(FUZZ_LDADD)
tests_fuzz_fuzz_cmdline_LDADD = $(FUZZ_LDADD)
tests_fuzz_fuzz_slab_LDADD = $(FUZZ_LDADD)
tests_fuzz_fuzz_ps_LDADD = $(FUZZ_LDADD)
tests_fuzz_fuzz_vm_LDADD = $(FUZZ_LDADD)
tests_fuzz_replay_dump_LDADD = $(FUZZ_LDADD)
tests_fuzz_replay_debuginfo_LDADD = $(FUZZ_LDADD)
tests_fuzz_replay_vmcoreinfo_LDADD = $(FUZZ_LDADD)
tests_fuzz_replay_expr_LDADD = $(FUZZ_LDADD)
tests_fuzz_replay_cmdline_LDADD = $(FUZZ_LDADD)
tests_fuzz_replay_slab_LDADD = $(FUZZ_LDADD)
tests_fuzz_replay_ps_LDADD = $(FUZZ_LDADD)
tests_fuzz_replay_vm_LDADD = $(FUZZ_LDADD)

if !FUZZERS
TESTS += tests/fuzz/replay.sh
endif
EXTRA_DIST += tests/fuzz/replay.sh tests/fuzz/run.sh tests/fuzz/env.sh
CLEANFILES += tests/fuzz/work/*.vmcore tests/fuzz/work/*.json

# make fuzz [FUZZ_TIME=seconds per harness]
FUZZ_TIME = 60
fuzz: mmscope
	FUZZ_TIME='$(FUZZ_TIME)' $(SHELL) $(top_srcdir)/tests/fuzz/run.sh '$(abs_top_srcdir)' '$(abs_top_builddir)'
.PHONY: fuzz
