#!/bin/sh
# kmem -s/-S/ADDR on refmm-alt's CONFIG_DEBUG_SLAB dumps, read through refmm-alt's DWARF.
exec "${PYTHON3:-/usr/bin/python3}" "$top_srcdir/tests/e2e/slab/kmem_slab.py" alt-default alt-slab-leak alt-numa
