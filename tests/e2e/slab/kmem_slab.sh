#!/bin/sh
# kmem -s/-S/ADDR on every built-in scenario but "big", against the truth files.
exec "${PYTHON3:-/usr/bin/python3}" "$top_srcdir/tests/e2e/slab/kmem_slab.py"
