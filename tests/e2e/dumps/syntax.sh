#!/bin/sh
# Scenario errors name the file, the line and the word; bad options name the
# bad input, kdump's options included.  Nothing is
# written when the command fails.
set -u
MMSCOPE=${top_builddir:-.}/mmscope
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); echo "ok: $*"; }
ko() { fail=$((fail + 1)); echo "FAIL: $*"; }

# expect_err WHAT EXPECTED-SUBSTRING -- ARGS...: non-zero exit, message, no output.
expect_err() {
	what=$1 want=$2; shift 3
	rm -f "$tmp/out.vmcore" "$tmp/out.vmcore.truth.json"
	if "$MMSCOPE" gen --quiet "$@" >"$tmp/stdout" 2>"$tmp/stderr"; then
		ko "$what: exit status 0"; return
	fi
	if grep -qF -- "$want" "$tmp/stderr"; then ok "$what: $(head -1 "$tmp/stderr")"
	else ko "$what: expected \"$want\" in: $(cat "$tmp/stderr")"; fi
	if [ -e "$tmp/out.vmcore" ] || [ -e "$tmp/out.vmcore.truth.json" ] || ls -a "$tmp" | grep -q '\.tmp\.'; then
		ko "$what: left a file behind"
	fi
}

scn() { printf '%b' "$2" >"$tmp/$1.scn"; }

scn unknown '# x\nmem 64M\n\nallocc a order=1\n'
expect_err "unknown step" "$tmp/unknown.scn:4: \"allocc\": unknown step" -- --scenario "$tmp/unknown.scn" -o "$tmp/out.vmcore"
scn order 'alloc a order=11\n'
expect_err "order out of range" "$tmp/order.scn:1: \"order=11\": order must be 0..10" -- --scenario "$tmp/order.scn" -o "$tmp/out.vmcore"
scn gfp 'alloc a gfp=GFP_KERNEL|__GFP_BOGUS\n'
expect_err "unknown gfp flag" "$tmp/gfp.scn:1: \"gfp=GFP_KERNEL|__GFP_BOGUS\": unknown GFP flag \"__GFP_BOGUS\"" -- --scenario "$tmp/gfp.scn" -o "$tmp/out.vmcore"
scn opt '# c\nfree a colour=red\n'
expect_err "unknown option" "$tmp/opt.scn:2: \"colour=red\": unknown option \"colour\" for free" -- --scenario "$tmp/opt.scn" -o "$tmp/out.vmcore"
scn quote 'panic "no end\n'
expect_err "unterminated string" "$tmp/quote.scn:1: \"\"no end\": unterminated string" -- --scenario "$tmp/quote.scn" -o "$tmp/out.vmcore"
scn mem 'mem 12Q\n'
expect_err "bad size" "$tmp/mem.scn:1: \"12Q\": not a size" -- --scenario "$tmp/mem.scn" -o "$tmp/out.vmcore"
scn late 'alloc a\nmem 64M\n'
expect_err "boot parameter late" "$tmp/late.scn:2: \"mem\": boot parameter after the first step that runs" -- --scenario "$tmp/late.scn" -o "$tmp/out.vmcore"
scn afterpanic 'panic "x"\nalloc a\n'
expect_err "step after panic" "$tmp/afterpanic.scn:2: \"alloc\": step after panic" -- --scenario "$tmp/afterpanic.scn" -o "$tmp/out.vmcore"
scn nohandle 'mem 64M\nfree nothing\n'
expect_err "free of an unknown handle (run time)" "$tmp/nohandle.scn:2: \"nothing\": no such handle" -- --scenario "$tmp/nohandle.scn" -o "$tmp/out.vmcore"
scn cpu 'mem 64M\ncpus 2\ncpu 5\n'
expect_err "cpu beyond nr_cpus (run time)" "$tmp/cpu.scn:3: \"5\": no such cpu (the machine has 2 cpus)" -- --scenario "$tmp/cpu.scn" -o "$tmp/out.vmcore"
expect_err "missing scenario file" "cannot open scenario $tmp/none.scn" -- --scenario "$tmp/none.scn" -o "$tmp/out.vmcore"
expect_err "unknown built-in" "unknown scenario \"nosuch\"" -- --scenario nosuch -o "$tmp/out.vmcore"

expect_err "bad --mem" "--mem \"12Q\"" -- --mem 12Q -o "$tmp/out.vmcore"
expect_err "--mem too small" "--mem \"1M\"" -- --mem 1M -o "$tmp/out.vmcore"
expect_err "--mem not 2M-aligned" "--mem \"65M\": must be a multiple of 2M" -- --mem 65M -o "$tmp/out.vmcore"
scn odd 'mem 65M\n'
expect_err "scenario mem not 2M-aligned" "scenario odd: mem 68157440 bytes: expected 64M to 16G, a multiple of 2M" -- --scenario "$tmp/odd.scn" -o "$tmp/out.vmcore"
expect_err "bad --nodes" "--nodes \"9\"" -- --nodes 9 -o "$tmp/out.vmcore"
expect_err "bad --cpus" "--cpus \"0\"" -- --cpus 0 -o "$tmp/out.vmcore"
expect_err "bad --seed" "--seed \"x\"" -- --seed x -o "$tmp/out.vmcore"
expect_err "bad --format" "--format \"zip\"" -- --format zip -o "$tmp/out.vmcore"
expect_err "bad --format" "--format \"xml\": expected elf or kdump" -- --format xml -o "$tmp/out.vmcore"
expect_err "dump level with elf" "--dump-level 31: the ELF format holds every page; use --format kdump" -- --dump-level 31 -o "$tmp/out.vmcore"
expect_err "dump level out of range" "--dump-level \"32\": expected 0 to 31" -- --format kdump --dump-level 32 -o "$tmp/out.vmcore"
expect_err "bad --compress" "--compress \"gzip\": expected zlib, lzo, snappy, zstd or none" -- --format kdump --compress gzip -o "$tmp/out.vmcore"
expect_err "--compress with elf" "--compress: only for --format kdump" -- --compress lzo -o "$tmp/out.vmcore"
expect_err "bad --threads" "--threads \"0\": expected 1 to 64" -- --format kdump --threads 0 -o "$tmp/out.vmcore"
expect_err "no -o" "no output file" --
expect_err "empty -o" "-o \"\": an empty file name" -- -o ""
expect_err "empty --output" "-o \"\": an empty file name" -- --output=
expect_err "unknown option" "unknown option --bogus" -- --bogus -o "$tmp/out.vmcore"
expect_err "stray argument" "unexpected argument \"stray\"" -- -o "$tmp/out.vmcore" stray

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
