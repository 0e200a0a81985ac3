#!/bin/sh
# make bench: "mmscope gen" of the big scenario at BENCH_SCALE (4G unless
# make bench SCALE=...), its time by phase, and the dump write rate beside
# dd writing the same number of bytes to the same directory in the same run
# (both with fsync), as a ratio.  The dump is kept as BENCH_BIG for the
# benchmarks that read it (bench_run.py runs this one first).
# BENCH_DIR picks the directory (default: the build tree's tests/bench).
set -eu
here=$(cd "$(dirname "$0")/../.." && pwd)
MMSCOPE=${top_builddir:-$here}/mmscope
dir=${BENCH_DIR:-$here/tests/bench}
scale=${BENCH_SCALE:-4G}
dump=${BENCH_BIG:-$dir/bench_big.vmcore}
keep=${BENCH_BIG:+1}
trap 'rm -f "$dir/bench_dd.out" "$dir/bench_gen.log"; [ -n "$keep" ] || rm -f "$dump" "$dump.truth.json"' EXIT
row() { printf '@row\t%s\t%s\t%s\t%s\t%s\t%s\n' "$@"; }

# dd before and after gen, both timed: the VM's disk is noisy.
dd_run() {
	s=$(date +%s.%N)
	dd if=/dev/zero of="$dir/bench_dd.out" bs=1M count="$1" conv=fsync 2>/dev/null
	e=$(date +%s.%N)
	rm -f "$dir/bench_dd.out"
	awk -v s="$s" -v e="$e" 'BEGIN { printf "%.4f", e - s }'
}
# The big dump writes about a third of its RAM; the first dd uses that, the
# second the exact figure.
ram_mib=$(echo "$scale" | awk '/[Gg]$/ { print $0 * 1024; next } /[Mm]$/ { print $0 + 0; next } { print int($0 / 1048576) }')
mib1=$((ram_mib / 3))
dd1=$(dd_run "$mib1")

"$MMSCOPE" gen --quiet --verbose --scenario big --mem "$scale" -o "$dump" 2>"$dir/bench_gen.log" ||
	{ cat "$dir/bench_gen.log"; exit 1; }
line=$(grep '^gen: ' "$dir/bench_gen.log" | tail -1)
echo "$line"
# gen: FILE: boot B s, run R s, truth T s, dump D s + fsync F s (N bytes written, file S bytes), total X s
set -- $(echo "$line" | sed -E 's/.*boot ([0-9.]+) s, run ([0-9.]+) s, truth ([0-9.]+) s, dump ([0-9.]+) s \+ fsync ([0-9.]+) s \(([0-9]+) bytes written, file ([0-9]+) bytes\), total ([0-9.]+) s/\1 \2 \3 \4 \5 \6 \7 \8/')
boot=$1 run=$2 truth=$3 wdump=$4 fsync=$5 bytes=$6 fsize=$7 total=$8
mib=$(( (bytes + 1048575) / 1048576 ))

dd2=$(dd_run "$mib")

awk -v total="$total" -v boot="$boot" -v run="$run" -v truth="$truth" -v w="$wdump" -v f="$fsync" \
    -v bytes="$bytes" -v fsize="$fsize" -v mib="$mib" -v mib1="$mib1" -v dd1="$dd1" -v dd2="$dd2" \
    -v scale="$scale" 'BEGIN {
	gen_rate = bytes / (w + f) / 1e6
	dd_rate = (mib1 + mib) * 1048576 / (dd1 + dd2) / 1e6
	printf "dd before gen: %.0f MB/s, after: %.0f MB/s\n", mib1 * 1048576 / dd1 / 1e6, mib * 1048576 / dd2 / 1e6
	printf "gen big (%s RAM, 8 cpus): total %.2f s (boot %.2f, run %.2f, truth %.2f, dump %.2f, fsync %.2f)\n", scale, total, boot, run, truth, w, f
	printf "dump: %.0f MiB written of a %.0f MiB sparse file\n", bytes / 1048576, fsize / 1048576
	printf "write rate: gen %.0f MB/s (dump + fsync), dd %.0f MB/s (mean of both, bs=1M, conv=fsync): ratio gen/dd %.2f\n", gen_rate, dd_rate, gen_rate / dd_rate
	printf "@row\tgen big %s: dump write rate\t%.1f\tMB/s\tdd, same bytes, fsync\t%.1f\t>=1\n", scale, gen_rate, dd_rate
	printf "@row\tgen big %s: total (boot %.1f, run %.1f, dump %.1f s)\t%.2f\ts\t-\t-\t-\n", scale, boot, run, w + f, total
}'
