#!/bin/sh
# mmscope's SLUB walk (kmem -s/-S/ADDR, slabinfo, slabtop, --json) against
# crash 8.0.2 run on the same vmcore.d31 and the guest's /proc (see checks.py).
exec /usr/bin/python3 "${top_srcdir:-$(dirname "$0")/../..}/tests/linux/checks.py" slab
