#!/bin/sh
# make bench: kmem -f, -F, -p, -i on the big dump beside refmm's in-process
# walk and drgn (tests/bench/bench_kmem.py).  Copied into the build tree with
# the source directory filled in.
exec /usr/bin/python3 "%%TOP_SRCDIR%%/tests/bench/bench_kmem.py" "$(pwd)" "%%TOP_SRCDIR%%" "$@"
