#!/bin/sh
# pageblock_order from VMCOREINFO: used, missing (a NOTE), malformed (an error naming the line).
exec "${PYTHON3:-/usr/bin/python3}" "$top_srcdir/tests/e2e/kmem/vmcoreinfo.py"
