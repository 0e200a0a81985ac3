# tests/linux.mk: real Linux dumps (see tests/Makefile.inc)
#
# [linux]: "make check-linux", not part of "make check".  It builds the
# fixture when it is not cached (tests/linux/make-dump.sh: Debian 12's kernel
# and its -dbg package, QEMU/TCG; about 3 minutes and 930 MB of download the
# first time, then cached per kernel version under ~/.cache/mmscope/linux),
# then runs LINUX_TESTS through the same driver and wrapper as make check,
# each with its .log and .trs under tests/linux/.
#   linux/fixture.sh    the fixture is complete and consistent
#   linux/kdumpfile.sh  libkdumpfile reads both formats
#   linux/drgn.sh       drgn 0.0.22's tasks and free lists against /proc
#   linux/crash.sh      crash 8.0.2 against /proc, drgn and itself
#   linux/sys.sh        mmscope's sys against /proc
#   linux/mm.sh         mmscope's kmem -f/-i/-z, buddyinfo, pagetypeinfo and
#                       sys against /proc, crash and drgn
#   linux/mm-crash.sh   mmscope's kmem -n, ADDR, -p ADDR, -g, set against crash
#   linux/log.sh        mmscope's log against crash and the console
#   linux/tasks.sh      mmscope's ps, vm (maple tree VMAs) and kmem -v against
#                       /proc, drgn and crash
#   linux/slab.sh       mmscope's SLUB kmem -s/-S/ADDR, slabinfo, slabtop and
#                       --json against crash and the guest's /proc/slabinfo
#   linux/slab-damage.sh  mmscope on copies of vmcore.elf with SLUB lists
#                       damaged: reported with their addresses, no crash
#
# MMSCOPE_LINUX_KERNELS="K..." runs them on each kernel K in turn (building
# its fixture when missing), logs under tests/linux/K/; K is "default" (the
# archive's amd64 candidate, or MMSCOPE_LINUX_VERSION and _FLAVOUR when set;
# its logs stay in tests/linux/), a flavour
# ("rt-amd64", "cloud-amd64": the candidate version), a version ("6.1.176-1")
# or VERSION/FLAVOUR.  Unset, it is "default" alone; e.g.
#   make check-linux MMSCOPE_LINUX_KERNELS="default rt-amd64 cloud-amd64 6.1.176-1"

LINUX_TESTS = \
	tests/linux/fixture.sh \
	tests/linux/kdumpfile.sh \
	tests/linux/drgn.sh \
	tests/linux/crash.sh \
	tests/linux/sys.sh \
	tests/linux/mm.sh \
	tests/linux/mm-crash.sh \
	tests/linux/log.sh \
	tests/linux/tasks.sh \
	tests/linux/slab.sh \
	tests/linux/slab-damage.sh
EXTRA_DIST += $(LINUX_TESTS) tests/linux/make-dump.sh tests/linux/init \
	tests/linux/workload.c tests/linux/mkinitramfs.py tests/linux/qmp.py \
	tests/linux/elf-phdr-fixup.py tests/linux/oracle-split.py \
	tests/linux/crash-oracle.cmds tests/linux/drgn-oracle.py \
	tests/linux/checks.py tests/linux/linuxtest.py

check-linux: all
	@kernels="$${MMSCOPE_LINUX_KERNELS:-default}"; pass=0; fail=0; \
	for k in $$kernels; do \
		case $$k in \
		default) v=$${MMSCOPE_LINUX_VERSION:-}; f=$${MMSCOPE_LINUX_FLAVOUR:-}; \
			dir=tests/linux ;; \
		[0-9]*/*) v=$${k%%/*}; f=$${k#*/}; dir=tests/linux/$$v-$$f ;; \
		[0-9]*) v=$$k; f=; dir=tests/linux/$$v ;; \
		*) v=; f=$$k; dir=tests/linux/$$f ;; \
		esac; \
		fx=$$(MMSCOPE_LINUX_VERSION=$$v MMSCOPE_LINUX_FLAVOUR=$$f \
			$(SHELL) $(top_srcdir)/tests/linux/make-dump.sh) || \
			{ echo "check-linux: no fixture for kernel '$$k'"; fail=$$((fail + 1)); continue; }; \
		echo "real Linux fixture ($$k): $$fx"; \
		$(MKDIR_P) $$dir; \
		for t in $(LINUX_TESTS); do \
			log=$$dir/$${t##*/}; log=$${log%.sh}; \
			rm -f $$log.log $$log.trs; \
			( $(AM_TESTS_ENVIRONMENT) MMSCOPE_LINUX_FIXTURE=$$fx; \
			  export MMSCOPE_LINUX_FIXTURE; \
			  name=$$t; [ "$$k" = default ] || name="$$t ($$k)"; \
			  $(LOG_DRIVER) --test-name "$$name" --log-file $$log.log \
				--trs-file $$log.trs --color-tests no --enable-hard-errors yes \
				--expect-failure no \
				-- $(LOG_COMPILE) $(top_srcdir)/$$t $(AM_TESTS_FD_REDIRECT) ); \
			if grep -q '^:test-result: PASS' $$log.trs 2>/dev/null; then \
				pass=$$((pass + 1)); else fail=$$((fail + 1)); fi; \
		done; \
	done; \
	echo "check-linux: $$pass passed, $$fail failed"; \
	test $$fail -eq 0
.PHONY: check-linux

# make bench: mmscope beside crash 8.0.2 and drgn on the real dump (start,
# kmem -f, -i, -s, log, ps; then each command's first run and its mean over
# BENCH_LINUX_REPEAT runs in one session, in CPU milliseconds); it says so
# and passes when there is no fixture.
BENCHMARKS += tests/bench/bench_linux
CLEANFILES += tests/bench/bench_linux
EXTRA_DIST += tests/bench/bench_linux.sh
tests/bench/bench_linux: $(top_srcdir)/tests/bench/bench_linux.sh
	$(AM_V_GEN)$(MKDIR_P) tests/bench && \
	sed 's|@abs_top_srcdir@|$(abs_top_srcdir)|' $(top_srcdir)/tests/bench/bench_linux.sh >$@ && \
	chmod +x $@
