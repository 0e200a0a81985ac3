#!/bin/sh
# Damaged SLAB data: every problem reported with its addresses, the walk goes on.
exec "${PYTHON3:-/usr/bin/python3}" "$top_srcdir/tests/e2e/slab/corrupt.py"
