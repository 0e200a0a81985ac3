#!/bin/sh
# mmscope's kmem -n, kmem ADDR, kmem -p ADDR and kmem -g against crash 8.0.2
# run on the same real dumps (see checks.py).
exec /usr/bin/python3 "${top_srcdir:-$(dirname "$0")/../..}/tests/linux/checks.py" mm-crash
