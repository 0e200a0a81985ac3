#!/bin/sh
# Corrupted free lists are reported and never followed forever.
exec "${PYTHON3:-/usr/bin/python3}" "$top_srcdir/tests/e2e/kmem/corrupt.py"
