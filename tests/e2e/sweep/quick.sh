#!/bin/sh
# make check's sweep: a few scenarios on other seeds (0, 2^31-1, 2^32+5 ...),
# sizes, node counts and kdump formats, every checker against the truth
# file; gen's determinism and its refusal of bad option values.  The full
# matrix: tests/e2e/sweep/sweep.py --set full (doc/HACKING.md).
exec "${PYTHON3:-/usr/bin/python3}" "$top_srcdir/tests/e2e/sweep/sweep.py" --set quick
