#!/bin/sh
# make bench: the compressed kdump writer.  For the "default" scenario
# (256 MiB of RAM), in one run:
#   - the size of the ELF dump and of the compressed kdump per compression
#     and dump level, and the ratio ELF size / kdump size (goal at level 31:
#     at least 5x);
#   - the write rate of each (MiB of RAM per second of gen's dump phase,
#     fsync excluded) beside makedumpfile converting the same ELF dump to the
#     same compression and level (wall time; one thread, and --num-threads 2
#     as gen uses this machine's cpus);
#   - kmem -p > /dev/null on the compressed dump beside the ELF dump.
# BENCH_DIR picks the directory (default: the build tree's tests/bench).
set -eu
here=$(cd "$(dirname "$0")/../.." && pwd)
MMSCOPE=${top_builddir:-$here}/mmscope
dir=${BENCH_DIR:-$here/tests/bench}/kdump.$$
mkdir -p "$dir"
trap 'rm -rf "$dir"' EXIT
scn=default

now() { date +%s.%N; }
fsize() { stat -c %s "$1"; }
alloc() { echo $(( $(stat -c %b "$1") * $(stat -c %B "$1") )); }

# gen's own figure for its dump phase: "... dump D s + fsync F s ...", the
# better of two runs (this machine is shared and noisy)
gen_dump() {	# OUT OPTIONS...
	out=$1; shift
	for i in 1 2; do
		"$MMSCOPE" gen --quiet --verbose --scenario $scn "$@" -o "$out" 2>"$dir/gen.log" ||
			{ cat "$dir/gen.log"; exit 1; }
		sed -nE 's/.* dump ([0-9.]+) s \+ fsync.*/\1/p' "$dir/gen.log" | tail -1
	done | sort -g | head -1
}

elf=$dir/$scn.vmcore
t_elf=$(gen_dump "$elf")
ram=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['mem_bytes'])" "$elf.truth.json")
elf_size=$(fsize "$elf")
elf_alloc=$(alloc "$elf")
has_mdf=$(command -v makedumpfile >/dev/null 2>&1 && echo 1 || echo 0)

printf '%-6s %-7s %5s %10s %8s %8s %9s | %-26s %10s %9s %9s\n' format compr level "size MiB" \
	"ELF/it" "gen s" "MiB/s" "makedumpfile (same ELF)" "size MiB" "1 thr MiB/s" "2 thr MiB/s"
awk -v s="$elf_size" -v a="$elf_alloc" -v t="$t_elf" -v r="$ram" 'BEGIN {
	printf "%-6s %-7s %5s %10.1f %8s %8.3f %9.0f | (apparent size; %.1f MiB allocated: zero pages are holes)\n",
	       "elf", "-", "-", s / 1048576, "1.00", t, r / 1048576 / t, a / 1048576 }'

ratio31=""
for spec in "zlib 31 -c" "lzo 31 -l" "snappy 31 -p" "zstd 31 -z" "none 31 -" "zlib 1 -c" "zlib 0 -c"; do
	set -- $spec
	comp=$1 level=$2 mopt=$3
	k=$dir/$scn-$comp-$level.kdump
	t=$(gen_dump "$k" --format kdump --compress "$comp" --dump-level "$level")
	size=$(fsize "$k")
	[ "$comp.$level" = "zlib.31" ] && ratio31=$(awk -v e="$elf_size" -v k="$size" 'BEGIN { printf "%.2f", e / k }')
	mdf="(not in makedumpfile)" msize="-" m1="-" m2="-"
	if [ "$has_mdf" = 1 ] && [ "$mopt" != - ]; then
		m=$dir/mdf.kdump
		rm -f "$m"
		makedumpfile "$mopt" -d "$level" "$elf" "$m" >/dev/null 2>&1 || true	# the better of two
		rm -f "$m"
		s0=$(now)
		if makedumpfile "$mopt" -d "$level" "$elf" "$m" >"$dir/mdf.log" 2>&1; then
			s1=$(now)
			msize=$(awk -v b="$(fsize "$m")" 'BEGIN { printf "%.1f", b / 1048576 }')
			# a makedumpfile built without the library stores the pages raw
			status=$(od -An -tu4 -j424 -N4 "$m" | tr -d ' ')
			rm -f "$m"
			makedumpfile --num-threads 2 "$mopt" -d "$level" "$elf" "$m" >/dev/null 2>&1 || true
			s2=$(now)
			rm -f "$m"
			m1=$(awk -v r="$ram" -v a="$s0" -v b="$s1" 'BEGIN { printf "%.0f", r / 1048576 / (b - a) }')
			m2=$(awk -v r="$ram" -v a="$s1" -v b="$s2" 'BEGIN { printf "%.0f", r / 1048576 / (b - a) }')
			mdf="makedumpfile $mopt -d $level"
			[ "$status" != 0 ] || mdf="makedumpfile $mopt: stored raw"
		else
			mdf="makedumpfile $mopt: $(grep -m1 -iE 'not|error|invalid' "$dir/mdf.log" | cut -c1-30)"
		fi
	fi
	awk -v s="$size" -v e="$elf_size" -v t="$t" -v r="$ram" -v c="$comp" -v l="$level" \
	    -v mdf="$mdf" -v ms="$msize" -v m1="$m1" -v m2="$m2" 'BEGIN {
		printf "%-6s %-7s %5s %10.1f %8.2f %8.3f %9.0f | %-26s %10s %9s %9s\n", "kdump", c, l,
		       s / 1048576, e / s, t, r / 1048576 / t, mdf, ms, m1, m2
		if (m1 ~ /^[0-9.]+$/)
			printf "@row\tgen kdump %s -d %s (default): write rate\t%.1f\tMiB/s\t%s, 1 thread\t%s\t-\n",
			       c, l, r / 1048576 / t, mdf, m1
		if (c == "zlib" && l == 31)
			printf "@row\tkdump zlib -d 31 (default): size\t%.2f\tMiB\tits ELF dump\t%.2f\t<=0.2\n",
			       s / 1048576, e / 1048576 }'
	[ "$comp.$level" = "zlib.31" ] || [ "$comp.$level" = "lzo.31" ] || rm -f "$k"
done
awk -v r="$ratio31" 'BEGIN {
	printf "default at dump level 31 (zlib): %sx smaller than its ELF dump (goal: at least 5x): %s\n",
	       r, (r >= 5) ? "met" : "NOT MET" }'

# kmem -p > /dev/null: a session running it 10 times, less a session that
# only starts (its cost is the same for every file but opening); the best of
# three of each.
session() {	# DUMP COMMAND REPEAT
	s=$(now)
	i=0
	cmds=""
	while [ $i -lt "$3" ]; do cmds="$cmds$2
"; i=$((i + 1)); done
	printf '%sq\n' "$cmds" | "$MMSCOPE" -s "$1" >/dev/null 2>&1
	e=$(now)
	awk -v s="$s" -v e="$e" 'BEGIN { printf "%.4f", e - s }'
}
best3() {	# DUMP COMMAND REPEAT
	for i in 1 2 3; do session "$@"; echo; done | sort -g | head -1
}
for f in "$elf" "$dir/$scn-zlib-31.kdump" "$dir/$scn-lzo-31.kdump"; do
	session "$f" sys 1 >/dev/null	# warm the page cache and the index cache
	base=$(best3 "$f" sys 1)
	full=$(best3 "$f" "kmem -p > /dev/null" 10)
	echo "$f $base $full"
done | awk '{
	n = split($1, p, "/"); name = p[n]
	ms = ($3 - $2) / 10 * 1000
	if (NR == 1) elf = ms
	printf "kmem -p > /dev/null on %-22s %8.1f ms (session start %.0f ms)%s\n", name, ms, $2 * 1000,
	       (NR == 1) ? "" : sprintf("   ratio to ELF %.2f", ms / elf)
	if (NR > 1)
		printf "@row\tkmem -p > /dev/null on %s\t%.1f\tms\tthe same on the ELF dump\t%.1f\t-\n", name, ms, elf
}'
