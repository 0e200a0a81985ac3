#!/bin/sh
# make bench: kmem -s and -S on the slab scenario scaled to ~10^6 objects,
# beside refmm's in-process census and drgn (tests/bench/bench_slab_kmem.py).
exec /usr/bin/python3 "%%TOP_SRCDIR%%/tests/bench/bench_slab_kmem.py" "$(pwd)" "%%TOP_SRCDIR%%" "$@"
