#!/bin/sh
# mmscope diff OLD NEW against the two truth files.
exec "${PYTHON3:-/usr/bin/python3}" "$top_srcdir/tests/e2e/slab/diff.py"
