#!/bin/sh
# kmem, buddyinfo and pagetypeinfo on the "tiny" scenario, checked against its truth file.
exec "${PYTHON3:-/usr/bin/python3}" "$top_srcdir/tests/e2e/kmem/check_scenario.py" tiny
