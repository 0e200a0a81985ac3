#!/bin/sh
# p, struct, union, whatis and sym on a generated dump, against gdb on the same core.
exec "${PYTHON3:-/usr/bin/python3}" "$top_srcdir/tests/e2e/types/p_struct_gdb.py"
