#!/bin/sh
# struct/union NAME and whatis --json (definitions as data) against gdb's ptype /o on the same debuginfo.
exec "${PYTHON3:-/usr/bin/python3}" "$top_srcdir/tests/e2e/types/struct_def_gdb.py"
