#!/bin/sh
# kdump.py on the "default" scenario: layout, exclusion, libkdumpfile and makedumpfile checks
exec "${PYTHON3:-/usr/bin/python3}" "$top_srcdir/tests/e2e/kdump/kdump.py" default
