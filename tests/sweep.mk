# tests/sweep.mk: the sweep (see tests/Makefile.inc)
#
# [sweep]: the fixed-seed checkers of kmem, tasks, slab and types run on
# other seeds, sizes, node counts and dump formats (tests/e2e/sweep/sweep.py).
#   e2e/sweep/quick.sh  make check's subset: 7 dumps, determinism, bad options
# The full matrix (110 dumps, about an hour at -j2) is run by hand:
#   cd build && top_srcdir=.. top_builddir=. python3 ../tests/e2e/sweep/sweep.py --set full -j2

SWEEP_E2E = tests/e2e/sweep/quick.sh
TESTS += $(SWEEP_E2E)
EXTRA_DIST += $(SWEEP_E2E) tests/e2e/sweep/sweep.py tests/e2e/sweep/sys_check.py
CLEANFILES += tests/e2e/kmem/work/sweep-*.vmcore tests/e2e/kmem/work/sweep-*.truth.json
