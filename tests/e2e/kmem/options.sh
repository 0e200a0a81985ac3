#!/bin/sh
# kmem's option rules and error messages.
exec "${PYTHON3:-/usr/bin/python3}" "$top_srcdir/tests/e2e/kmem/options.py"
