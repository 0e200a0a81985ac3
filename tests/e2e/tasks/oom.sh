#!/bin/sh
# ps, set, vm and log on the "oom" scenario, checked against its truth file.
exec "${PYTHON3:-/usr/bin/python3}" "$top_srcdir/tests/e2e/tasks/check_scenario.py" oom
