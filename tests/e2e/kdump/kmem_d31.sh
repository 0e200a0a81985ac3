#!/bin/sh
# check_scenario.py on compressed kdumps at dump level 31 (kmem_level.sh)
exec sh "$top_srcdir/tests/e2e/kdump/kmem_level.sh" 31
