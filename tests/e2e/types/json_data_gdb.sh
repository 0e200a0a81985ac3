#!/bin/sh
# The "data" of p, struct, union and list -s --json, member by member against gdb's Python on the same dump.
exec "${PYTHON3:-/usr/bin/python3}" "$top_srcdir/tests/e2e/types/json_data_gdb.py"
