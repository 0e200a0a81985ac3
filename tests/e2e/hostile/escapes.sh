#!/bin/sh
exec "${PYTHON3:-/usr/bin/python3}" "$top_srcdir/tests/e2e/hostile/escapes.py"
