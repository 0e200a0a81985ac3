#!/bin/sh
# Another refmm configuration, read through its own DWARF by the same mmscope.
exec "${PYTHON3:-/usr/bin/python3}" "$top_srcdir/tests/e2e/kmem/alt.py"
