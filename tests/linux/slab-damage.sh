#!/bin/sh
# mmscope on a copy of the real ELF dump with SLUB lists damaged: each
# reported with its addresses, no crash, no endless walk (see checks.py).
exec /usr/bin/python3 "${top_srcdir:-$(dirname "$0")/../..}/tests/linux/checks.py" slab-damage
