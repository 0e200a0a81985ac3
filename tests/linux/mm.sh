#!/bin/sh
# mmscope's kmem, buddyinfo, pagetypeinfo and sys on the real dumps against
# the guest's /proc, crash 8.0.2 and drgn (see checks.py).
exec /usr/bin/python3 "${top_srcdir:-$(dirname "$0")/../..}/tests/linux/checks.py" mm
