#!/bin/sh
# Test wrapper for automake's parallel harness: the test's whole output goes
# to its .log; its closing summary lines (cmocka's [  PASSED  ] / [  FAILED  ],
# or a plain "N passed, N failed") are also copied to fd 9, which make's
# AM_TESTS_FD_REDIRECT points at make's own stdout.
out=$(mktemp) || exit 99
"$@" >"$out" 2>&1
rc=$?
cat "$out"
if { true >&9; } 2>/dev/null; then
	grep -E '^\[  (PASSED|FAILED)  \]|^[0-9]+ passed, [0-9]+ failed' "$out" |
		sed "s|^|$(basename "$1"): |" >&9
fi
rm -f "$out"
exit $rc
