#!/bin/sh
# mmscope's sys on the real dumps against the guest's /proc (see checks.py).
exec /usr/bin/python3 "${top_srcdir:-$(dirname "$0")/../..}/tests/linux/checks.py" sys
