#!/bin/sh
# Same arguments, same bytes: two runs of "mmscope gen" give identical dumps
# and truth files; another seed gives another dump.
set -u
MMSCOPE=${top_builddir:-.}/mmscope
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); echo "ok: $*"; }
ko() { fail=$((fail + 1)); echo "FAIL: $*"; }

for args in "--scenario tiny" "--scenario default --seed 7" "--scenario numa --cpus 8 --seed 3" \
	"--scenario slab" "--scenario slab-leak --seed 5" "--scenario processes --seed 4" \
	"--scenario vmalloc" "--scenario oom --seed 2"; do
	# shellcheck disable=SC2086
	"$MMSCOPE" gen --quiet $args -o "$tmp/a.vmcore" || { ko "gen $args (1)"; continue; }
	mkdir -p "$tmp/other"
	# shellcheck disable=SC2086
	"$MMSCOPE" gen --quiet $args -o "$tmp/other/b.vmcore" || { ko "gen $args (2)"; continue; }
	if cmp -s "$tmp/a.vmcore" "$tmp/other/b.vmcore"; then ok "dump identical: $args"
	else ko "dumps differ: $args"; fi
	if cmp -s "$tmp/a.vmcore.truth.json" "$tmp/other/b.vmcore.truth.json"; then ok "truth identical: $args"
	else ko "truth files differ: $args"; fi
done

"$MMSCOPE" gen --quiet --scenario tiny --seed 2 -o "$tmp/c.vmcore" || ko "gen --seed 2"
"$MMSCOPE" gen --quiet --scenario tiny --seed 3 -o "$tmp/d.vmcore" || ko "gen --seed 3"
if cmp -s "$tmp/c.vmcore" "$tmp/d.vmcore"; then ko "seeds 2 and 3 give the same dump"
else ok "another seed, another dump"; fi

SOURCE_DATE_EPOCH=1700000000 "$MMSCOPE" gen --quiet --scenario tiny -o "$tmp/e.vmcore" || ko "gen SOURCE_DATE_EPOCH"
if grep -a -q 'CRASHTIME=1700000000' "$tmp/e.vmcore"; then ok "CRASHTIME from SOURCE_DATE_EPOCH"
else ko "CRASHTIME does not follow SOURCE_DATE_EPOCH"; fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
