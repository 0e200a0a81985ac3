#!/bin/sh
# crash 8.0.2 on the real dumps against the guest's /proc and drgn (see checks.py).
exec /usr/bin/python3 "${top_srcdir:-$(dirname "$0")/../..}/tests/linux/checks.py" crash
