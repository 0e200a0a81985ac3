# tests/fuzz/env.sh: sourced by run.sh and replay.sh with $builddir and $work
# set: write the tiny dumps the harnesses need (once per mmscope) and export
# their paths.
mmscope=$builddir/mmscope
stamp=$work/mmscope.id
id=$(cksum < "$mmscope")
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$id" ]; then
	rm -f "$work"/tiny.*
	# a copy: the debuginfo stays the dumps' own while the build goes on
	cp "$mmscope" "$work/mmscope.debuginfo"
	timeout 300 "$mmscope" gen -q -s tiny -o "$work/tiny.vmcore" &&
	timeout 300 "$mmscope" gen -q -s tiny -f kdump -d 31 -o "$work/tiny.kdump" || {
		echo "fuzz: cannot write the tiny dumps" >&2; exit 1; }
	echo "$id" > "$stamp"
fi
MMSCOPE_FUZZ_DEBUGINFO=$work/mmscope.debuginfo
MMSCOPE_FUZZ_ELF=$work/tiny.vmcore
MMSCOPE_FUZZ_KDUMP=$work/tiny.kdump
export MMSCOPE_FUZZ_DEBUGINFO MMSCOPE_FUZZ_ELF MMSCOPE_FUZZ_KDUMP
