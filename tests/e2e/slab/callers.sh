#!/bin/sh
# kmem -s NAME -U against drgn on a CONFIG_DEBUG_SLAB dump; --sort.
exec "${PYTHON3:-/usr/bin/python3}" "$top_srcdir/tests/e2e/slab/callers.py"
