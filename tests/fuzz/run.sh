#!/bin/sh
# make fuzz: build the libFuzzer harnesses with clang in BUILDDIR/fuzz-build
# (./configure --enable-fuzzers) and run each for $FUZZ_TIME seconds (default
# 60), one after another, niced.  The corpus starts from fixtures/fuzz/NAME
# and grows in BUILDDIR/fuzz-build/corpus/NAME; inputs that crash, leak or
# hang land in BUILDDIR/fuzz-build/artifacts/NAME (the run goes on after one).  Keep each one that found
# a bug under fixtures/fuzz/NAME/ once it is fixed: make check replays them.
#   FUZZ_TIME=600 make fuzz        FUZZ_ONLY="dump expr" make fuzz
set -eu
srcdir=$1 builddir=$2
time=${FUZZ_TIME:-60}
names=${FUZZ_ONLY:-dump debuginfo vmcoreinfo expr cmdline slab ps vm}
fb=$builddir/fuzz-build
command -v clang >/dev/null || { echo "make fuzz: clang not found (apt-get install clang)" >&2; exit 1; }
mkdir -p "$fb"
if [ ! -f "$fb/Makefile" ]; then
	(cd "$fb" && "$srcdir/configure" -q CC=clang CFLAGS="-g -O1" --enable-fuzzers)
fi
nice make -C "$fb" -s fuzzers
# the dumps the harnesses damage, written by this build's mmscope
work=$fb/work
mkdir -p "$work"
. "$srcdir/tests/fuzz/env.sh"
status=0
# leaks inside libkdumpfile are not ours (tests/lsan.supp)
LSAN_OPTIONS=suppressions=$srcdir/tests/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}
export LSAN_OPTIONS
for n in $names; do
	mkdir -p "$fb/corpus/$n" "$fb/artifacts/$n"
	echo "== fuzz_$n: ${time}s"
	nice "$fb/tests/fuzz/fuzz_$n" -max_total_time="$time" -timeout=20 -rss_limit_mb=2048 \
		-fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 \
		-max_len=4096 -print_final_stats=1 -artifact_prefix="$fb/artifacts/$n/" \
		"$fb/corpus/$n" "$srcdir/fixtures/fuzz/$n" 2>"$fb/fuzz_$n.log" || status=1
	grep -E '^(stat::number_of_executed_units|stat::peak_rss_mb)|^==.*ERROR|^SUMMARY' \
		"$fb/fuzz_$n.log" || true
done
ls "$fb"/artifacts/*/ 2>/dev/null | grep -v ':$' | grep . && status=1
exit $status
