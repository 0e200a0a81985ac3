# tests/fuzz/env.sh: sourced by run.sh and replay.sh with $builddir and $work
# set: write the tiny dumps the harnesses need (once per mmscope) and export
# their paths.
mmscope=$builddir/mmscope
stamp=$work/mmscope.id
id=$(cksum < "$mmscope")
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$id" ]; then
	rm -f "$work"/tiny.* "$work"/procs.*
	# a copy: the debuginfo stays the dumps' own while the build goes on
	cp "$mmscope" "$work/mmscope.debuginfo"
	timeout 300 "$mmscope" gen -q -s tiny -o "$work/tiny.vmcore" &&
	timeout 300 "$mmscope" gen -q -s tiny -f kdump -d 31 -o "$work/tiny.kdump" &&
	# a small machine with two processes (tasks, mms, VMAs, slab objects)
	printf '%s\n' 'mem 64M' 'cpus 2' 'spawn daemon exe=/usr/sbin/daemon heap=256K touch=50' \
		'spawn app exe=/usr/bin/app parent=daemon threads=1 heap=512K touch=50' \
		'mmap arena task=app len=1M' 'touch arena map pct=50' > "$work/procs.scn" &&
	timeout 300 "$mmscope" gen -q -s "$work/procs.scn" -o "$work/procs.vmcore" || {
		echo "fuzz: cannot write the tiny dumps" >&2; exit 1; }
	echo "$id" > "$stamp"
fi
MMSCOPE_FUZZ_DEBUGINFO=$work/mmscope.debuginfo
MMSCOPE_FUZZ_ELF=$work/tiny.vmcore
MMSCOPE_FUZZ_KDUMP=$work/tiny.kdump
MMSCOPE_FUZZ_PROCS=$work/procs.vmcore
export MMSCOPE_FUZZ_DEBUGINFO MMSCOPE_FUZZ_ELF MMSCOPE_FUZZ_KDUMP MMSCOPE_FUZZ_PROCS
