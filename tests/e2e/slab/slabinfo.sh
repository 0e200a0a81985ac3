#!/bin/sh
# slabinfo against the truth's /proc/slabinfo, slabtop against procps's slabtop.
exec "${PYTHON3:-/usr/bin/python3}" "$top_srcdir/tests/e2e/slab/slabinfo.py"
