#!/bin/sh
# make check: every harness replays fixtures/fuzz/NAME/ (its seed corpus and
# every input that once found a bug) once; none may crash, hang or report.
builddir=${top_builddir:-.}
work=$builddir/tests/fuzz/work
mkdir -p "$work"
. "$top_srcdir/tests/fuzz/env.sh"
pass=0 fail=0
for n in dump debuginfo vmcoreinfo expr cmdline slab ps vm; do
	dir=$top_srcdir/fixtures/fuzz/$n
	count=$(ls "$dir" | wc -l)
	if timeout 900 "$builddir/tests/fuzz/replay_$n" "$dir" >/dev/null 2>"$work/replay_$n.log"; then
		echo "ok - replay_$n: $count inputs"
		pass=$((pass + 1))
	else
		echo "not ok - replay_$n (status $?):"
		tail -30 "$work/replay_$n.log"
		fail=$((fail + 1))
	fi
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
