#!/bin/sh
# kmem_level.sh LEVEL: every check of tests/e2e/kmem/check_scenario.py (kmem -f,
# -F, -p, -i, -z, ..., buddyinfo, pagetypeinfo against the truth file) and
# kmem -s per cache against the truth (kmem_s.py) on compressed kdump dumps
# of every built-in scenario but big, at dump level LEVEL, with zlib and
# with lzo.  Free pages, left out from level 16 on, are never needed: the
# answers come from struct page, the zones and the slab caches.  Each dump is
# removed once both checkers have read it (CI machines have little disk).
level=$1
work=${top_builddir:-.}/tests/e2e/kmem/work
py=${PYTHON3:-/usr/bin/python3}
rc=0 pass=0 fail=0
for s in tiny default fragmented full numa; do
	for c in zlib lzo; do
		for check in kmem/check_scenario.py kdump/kmem_s.py; do
			out=$(KMEM_GEN_EXTRA="--format kdump --dump-level $level --compress $c" \
				"$py" "$top_srcdir/tests/e2e/$check" "$s" "kdump-$s-d$level-$c" 2>&1)
			r=$?
			p=$(echo "$out" | sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\1/p' | tail -1)
			f=$(echo "$out" | sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\2/p' | tail -1)
			echo "== $s, dump level $level, $c, $(basename $check): exit $r, ${p:-0} checks passed, ${f:-?} failed"
			echo "$out" | grep -vE '^ok |^[0-9]+ passed, [0-9]+ failed$'
			pass=$((pass + ${p:-0}))
			fail=$((fail + ${f:-1}))
			[ "$r" -eq 0 ] || rc=1
		done
		rm -f "$work/kdump-$s-d$level-$c.vmcore" "$work/kdump-$s-d$level-$c.vmcore.truth.json"
	done
done
echo "$pass passed, $fail failed"
exit $rc
