#!/bin/sh
# p SYMBOL[:cpuspec] and struct NAME SYMBOL:cpuspec on per-CPU variables, against gdb, nm and the kernel's rules.
exec "${PYTHON3:-/usr/bin/python3}" "$top_srcdir/tests/e2e/types/percpu_gdb.py"
