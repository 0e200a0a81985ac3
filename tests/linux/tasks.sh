#!/bin/sh
# mmscope's ps, vm and kmem -v on the real dumps against the guest's /proc,
# drgn's task list and crash 8.0.2 (see checks.py).
exec /usr/bin/python3 "${top_srcdir:-$(dirname "$0")/../..}/tests/linux/checks.py" tasks
