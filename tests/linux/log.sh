#!/bin/sh
# mmscope's log on the real dumps against crash 8.0.2's log and the guest's
# console (see checks.py).
exec /usr/bin/python3 "${top_srcdir:-$(dirname "$0")/../..}/tests/linux/checks.py" log
