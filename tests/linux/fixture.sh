#!/bin/sh
# The real Linux fixture is complete and consistent (see checks.py).
exec /usr/bin/python3 "${top_srcdir:-$(dirname "$0")/../..}/tests/linux/checks.py" fixture
