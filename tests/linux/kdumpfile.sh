#!/bin/sh
# libkdumpfile reads both formats of both real dumps (see checks.py).
exec /usr/bin/python3 "${top_srcdir:-$(dirname "$0")/../..}/tests/linux/checks.py" kdumpfile
