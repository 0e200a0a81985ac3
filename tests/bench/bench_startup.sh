#!/bin/sh
# make bench: time from start to the first prompt on the default dump.
# mmscope opens the dump, loads the ELF symbols and the DWARF index, prints
# the banner (the sys block reads init_uts_ns through DWARF) and reads "q";
# gdb loading the same executable and dump (gdb -batch EXE CORE) in the same
# run is the comparison.  Best of 5 runs each, after one untimed warm-up.
# BENCH_DIR picks the directory of the cache (default: the build tree's tests/bench).
set -eu
here=$(cd "$(dirname "$0")/../.." && pwd)
MMSCOPE=${top_builddir:-$here}/mmscope
XDG_CACHE_HOME=${BENCH_DIR:-$here/tests/bench}/cache
export XDG_CACHE_HOME TZ=UTC

# The default dump: generated on the first run, then re-used (not timed).
echo q | "$MMSCOPE" >/dev/null 2>&1 || { echo "bench_startup: mmscope failed on the default dump"; exit 1; }
dump=$(ls "$XDG_CACHE_HOME"/mmscope/default-*.vmcore | head -1)

now() { date +%s.%N; }
best() {	# best CMD...: the shortest wall time of 5 runs, in seconds
	b=
	for i in 1 2 3 4 5; do
		s=$(now)
		"$@" </dev/null >/dev/null 2>&1 || true
		e=$(now)
		b=$(awk -v s="$s" -v e="$e" -v b="$b" 'BEGIN { t = e - s; print (b == "" || t < b) ? t : b }')
	done
	echo "$b"
}
first_prompt() { echo q | "$MMSCOPE" "$dump"; }

m=$(best first_prompt)
size=$(stat -c %s "$dump")
printf 'mmscope first prompt (default dump, %d bytes): %.3f s\n' "$size" "$m"
if command -v gdb >/dev/null 2>&1; then
	g=$(best gdb -nx -batch -ex 'info files' "$MMSCOPE" "$dump")
	printf 'gdb -batch on the same executable and dump:   %.3f s\n' "$g"
	awk -v m="$m" -v g="$g" 'BEGIN { printf "ratio mmscope/gdb: %.2f\n", m / g
		printf "@row\tfirst prompt, default dump\t%.1f\tms\tgdb -batch, same exe and dump\t%.1f\t-\n", m * 1000, g * 1000 }'
else
	echo "gdb: not installed, no comparison"
fi
