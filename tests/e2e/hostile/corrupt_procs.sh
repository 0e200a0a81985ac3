#!/bin/sh
# refmm's corrupt steps on vmalloc areas, the task list and VMAs
exec "${PYTHON3:-/usr/bin/python3}" "$top_srcdir/tests/e2e/hostile/corrupt_procs.py"
