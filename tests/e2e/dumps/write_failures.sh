#!/bin/sh
# A full filesystem (ELF and kdump), a read-only directory and SIGINT leave
# no file under the final name (nor a temporary one) and exit non-zero with
# a message that says what failed.  Targets that are not regular files (a
# device node, a directory, a FIFO, links to them) are refused and left as
# they were; the dump and its truth file (and with --slabinfo the slabinfo
# file) are committed all or none; a write error on standard output is an
# error; the temporaries of a run killed by SIGKILL are pruned by the next
# run, those of a live run are not; a kernel panic in the run is dumped
# like a normal end, with no temporary left; a file size limit (ulimit -f)
# too low for the RAM or the dump is an error with a message, not SIGXFSZ.
# Needs root for the mounts; otherwise says so loudly and skips those cases
# (exit 77 if nothing could run).
set -u
MMSCOPE=$(cd "${top_builddir:-.}" && pwd)/mmscope
tmp=$(mktemp -d) || exit 99
mounted=""
cleanup() {
	for m in $mounted; do umount "$m" 2>/dev/null; done
	rm -rf "$tmp"
}
trap cleanup EXIT
pass=0 fail=0 skipped=0
ok() { pass=$((pass + 1)); echo "ok: $*"; }
ko() { fail=$((fail + 1)); echo "FAIL: $*"; }

nothing_left() {	# DIR NAME WHAT
	if [ -e "$1/$2" ] || [ -e "$1/$2.truth.json" ] || [ -e "$1/$2.slabinfo" ]; then
		ko "$3: a final file was left"; return; fi
	if ls -a "$1" | grep -q '\.tmp\.'; then ko "$3: a temporary file was left: $(ls -a "$1")"; return; fi
	ok "$3: no file left"
}

# 1. Full filesystem: a 1 MiB tmpfs cannot hold even the tiny dump.
mkdir -p "$tmp/full"
if mount -t tmpfs -o size=1m mmscope-full "$tmp/full" 2>/dev/null; then
	mounted="$mounted $tmp/full"
	if "$MMSCOPE" gen --quiet --scenario tiny -o "$tmp/full/x.vmcore" 2>"$tmp/err"; then
		ko "full filesystem: exit status 0"
	else
		grep -q "No space left on device" "$tmp/err" && grep -q "$tmp/full/x.vmcore" "$tmp/err" &&
			ok "full filesystem: $(cat "$tmp/err")" || ko "full filesystem: message: $(cat "$tmp/err")"
	fi
	nothing_left "$tmp/full" x.vmcore "full filesystem"
	if "$MMSCOPE" gen --quiet --scenario tiny --format kdump --compress none -o "$tmp/full/k.kdump" \
		2>"$tmp/err"; then
		ko "full filesystem, kdump: exit status 0"
	else
		grep -q "No space left on device" "$tmp/err" && grep -q "$tmp/full/k.kdump" "$tmp/err" &&
			ok "full filesystem, kdump: $(cat "$tmp/err")" ||
			ko "full filesystem, kdump: message: $(cat "$tmp/err")"
	fi
	nothing_left "$tmp/full" k.kdump "full filesystem, kdump"
else
	echo "*** SKIPPED: full-filesystem case: cannot mount a tmpfs (not root?) ***"
	skipped=$((skipped + 1))
fi

# 2. Read-only directory: a tmpfs remounted read-only (root ignores modes).
mkdir -p "$tmp/ro"
if mount -t tmpfs -o size=4m mmscope-ro "$tmp/ro" 2>/dev/null; then
	mounted="$mounted $tmp/ro"
	if mount -o remount,ro "$tmp/ro" 2>/dev/null; then
		if "$MMSCOPE" gen --quiet --scenario tiny -o "$tmp/ro/x.vmcore" 2>"$tmp/err"; then
			ko "read-only directory: exit status 0"
		else
			grep -q "Read-only file system" "$tmp/err" && grep -q "$tmp/ro/x.vmcore" "$tmp/err" &&
				ok "read-only directory: $(cat "$tmp/err")" || ko "read-only directory: message: $(cat "$tmp/err")"
		fi
		nothing_left "$tmp/ro" x.vmcore "read-only directory"
	else
		echo "*** SKIPPED: read-only case: cannot remount read-only ***"
		skipped=$((skipped + 1))
	fi
else
	echo "*** SKIPPED: read-only case: cannot mount a tmpfs (not root?) ***"
	skipped=$((skipped + 1))
fi

# 3. A directory that does not exist.
if "$MMSCOPE" gen --quiet --scenario tiny -o "$tmp/nodir/x.vmcore" 2>"$tmp/err"; then
	ko "missing directory: exit status 0"
else
	grep -q "No such file or directory" "$tmp/err" && ok "missing directory: $(cat "$tmp/err")" ||
		ko "missing directory: message: $(cat "$tmp/err")"
fi

# 4. SIGINT while the machine runs: a long storm on a small machine.
mkdir -p "$tmp/int"
printf 'mem 128M\nstorm s ops=1000000000 orders=0-2 free=50\n' >"$tmp/long.scn"
timeout -s KILL 120 "$MMSCOPE" gen --quiet --scenario "$tmp/long.scn" -o "$tmp/int/x.vmcore" 2>"$tmp/err" &
pid=$!
# wait for the temporaries (up to 60 s: on a loaded machine under a
# sanitizer a fixed second was not enough for gen to create them)
i=0
while [ $i -lt 1200 ] && ! ls -a "$tmp/int" | grep -q '\.tmp\.'; do sleep 0.05; i=$((i + 1)); done
ls -a "$tmp/int" | grep -q '\.tmp\.' && ok "SIGINT: temporary files exist during the run" ||
	ko "SIGINT: no temporary file during the run: $(ls -a "$tmp/int")"
kill -INT "$pid"
wait "$pid"
rc=$?
if [ "$rc" -eq 130 ]; then
	grep -q "interrupted" "$tmp/err" && ok "SIGINT: exit $rc: $(cat "$tmp/err")" ||
		ko "SIGINT: exit $rc, message: $(cat "$tmp/err")"
else
	ko "SIGINT: exit status $rc, not 130: $(cat "$tmp/err")"
fi
nothing_left "$tmp/int" x.vmcore "SIGINT"

# 5. An existing dump is replaced only by a complete one.
"$MMSCOPE" gen --quiet --scenario tiny -o "$tmp/keep.vmcore" || ko "gen tiny"
cp "$tmp/keep.vmcore" "$tmp/keep.orig"
if "$MMSCOPE" gen --quiet --scenario "$tmp/nonexistent.scn" -o "$tmp/keep.vmcore" 2>/dev/null; then
	ko "failed run: exit status 0"
fi
cmp -s "$tmp/keep.vmcore" "$tmp/keep.orig" && ok "a failed run leaves the old dump alone" ||
	ko "a failed run changed the old dump"

# 6. Targets that are not regular files: refused, named, left as they were.
mkdir -p "$tmp/nr/adir"
mkfifo "$tmp/nr/fifo"
ln -s /dev/null "$tmp/nr/to-null"
ln -s "$tmp/nr/adir" "$tmp/nr/to-dir"
ln -s "$tmp/nr/nowhere" "$tmp/nr/dangling"
before=$(ls -la /dev/null /dev/full)
for t in /dev/null /dev/full "$tmp/nr/adir" "$tmp/nr/fifo" "$tmp/nr/to-null" "$tmp/nr/to-dir" \
	 "$tmp/nr/dangling"; do
	if timeout 60 "$MMSCOPE" gen --quiet --scenario tiny -o "$t" 2>"$tmp/err"; then
		ko "non-regular target $t: exit status 0"
	elif [ $? -ne 1 ]; then
		ko "non-regular target $t: exit status not 1: $(cat "$tmp/err")"
	else
		grep -q "$t: .*refusing to replace it" "$tmp/err" &&
			ok "non-regular target: $(cat "$tmp/err")" ||
			ko "non-regular target $t: message: $(cat "$tmp/err")"
	fi
done
[ "$(ls -la /dev/null /dev/full)" = "$before" ] && [ -c /dev/null ] && [ -c /dev/full ] &&
	ok "/dev/null and /dev/full are still the device nodes" || ko "/dev/null or /dev/full changed"
[ -d "$tmp/nr/adir" ] && [ -p "$tmp/nr/fifo" ] && [ -L "$tmp/nr/to-null" ] && [ -L "$tmp/nr/dangling" ] &&
	[ ! -e "$tmp/nr/nowhere" ] && [ -z "$(ls -A "$tmp/nr/adir")" ] &&
	ok "the directory, FIFO and links are as they were" || ko "a non-regular target changed: $(ls -la "$tmp/nr")"
if ls -a /dev "$tmp/nr" | grep -q '\.tmp\.'; then ko "non-regular targets: a temporary file was left"
else ok "non-regular targets: no temporary file in /dev or the directory"; fi
# a link to a regular file: the file it points to gets the dump
ln -s keep.vmcore "$tmp/link.vmcore"
if "$MMSCOPE" gen --quiet --scenario tiny --seed 3 -o "$tmp/link.vmcore" 2>"$tmp/err" &&
	[ -L "$tmp/link.vmcore" ] && ! cmp -s "$tmp/keep.vmcore" "$tmp/keep.orig"; then
	ok "a link to a regular file: the link stays, its target is the new dump"
else
	ko "a link to a regular file: $(cat "$tmp/err"); $(ls -la "$tmp")"
fi
cp "$tmp/keep.orig" "$tmp/keep.vmcore"

# 7. The truth file's name is a directory: the old dump is left as it was.
rm -f "$tmp/keep.vmcore.truth.json"
mkdir "$tmp/keep.vmcore.truth.json"
if "$MMSCOPE" gen --quiet --scenario tiny --seed 9 -o "$tmp/keep.vmcore" 2>"$tmp/err"; then
	ko "truth name is a directory: exit status 0"
else
	grep -q "keep.vmcore.truth.json: a directory" "$tmp/err" &&
		ok "truth name is a directory: $(cat "$tmp/err")" || ko "truth name is a directory: $(cat "$tmp/err")"
fi
cmp -s "$tmp/keep.vmcore" "$tmp/keep.orig" && ok "truth name is a directory: the old dump is intact" ||
	ko "truth name is a directory: the old dump changed"
rmdir "$tmp/keep.vmcore.truth.json"

# 8. ... and when it becomes one during the run, the dump renamed first is
#    taken back: both files or neither.
"$MMSCOPE" gen --quiet --scenario tiny -o "$tmp/keep.vmcore" 2>/dev/null
cp "$tmp/keep.vmcore" "$tmp/keep.orig"
cp "$tmp/keep.vmcore.truth.json" "$tmp/keep.truth.orig"
printf 'mem 128M\nstorm s ops=40000000 orders=0-2 free=50\n' >"$tmp/mid.scn"	# ~1.5 s
"$MMSCOPE" gen --quiet --scenario "$tmp/mid.scn" -o "$tmp/keep.vmcore" 2>"$tmp/err" &
pid=$!
i=0
while [ $i -lt 100 ] && ! ls -a "$tmp" | grep -q '^\.keep\.vmcore\.truth\.json\.tmp\.'; do
	sleep 0.05; i=$((i + 1)); done
rm -f "$tmp/keep.vmcore.truth.json"
mkdir "$tmp/keep.vmcore.truth.json"
wait "$pid"
rc=$?
if [ "$rc" -eq 1 ] && grep -q "cannot rename" "$tmp/err" && cmp -s "$tmp/keep.vmcore" "$tmp/keep.orig"; then
	ok "truth rename fails at commit: exit 1, the old dump is back: $(cat "$tmp/err")"
else
	ko "truth rename fails at commit: exit $rc, $(cat "$tmp/err"), dump intact: $(cmp "$tmp/keep.vmcore" "$tmp/keep.orig" 2>&1)"
fi
ls -a "$tmp" | grep -q '\.tmp\.' && ko "truth rename fails: a temporary was left: $(ls -a "$tmp")" ||
	ok "truth rename fails: no temporary left"
rmdir "$tmp/keep.vmcore.truth.json"
cp "$tmp/keep.truth.orig" "$tmp/keep.vmcore.truth.json"

# 9. Standard output that cannot be written is an error.
if [ -w /dev/full ]; then
	if "$MMSCOPE" gen --list >/dev/full 2>"$tmp/err"; then
		ko "gen --list > /dev/full: exit status 0"
	else
		grep -q "No space left on device" "$tmp/err" && ok "gen --list > /dev/full: $(cat "$tmp/err")" ||
			ko "gen --list > /dev/full: message: $(cat "$tmp/err")"
	fi
fi

# 10. SIGKILL leaves temporaries (nothing can remove them then); the next
#     run in that directory prunes them, but not those of a live run.
mkdir -p "$tmp/kill"
"$MMSCOPE" gen --quiet --scenario "$tmp/long.scn" -o "$tmp/kill/x.vmcore" 2>/dev/null &
pid=$!
i=0
while [ $i -lt 100 ] && ! ls -a "$tmp/kill" | grep -q '\.tmp\.'; do sleep 0.05; i=$((i + 1)); done
kill -KILL "$pid"
wait "$pid" 2>/dev/null
n=$(ls -a "$tmp/kill" | grep -c "\.tmp\.$pid\.")
[ "$n" -eq 2 ] && ok "SIGKILL: the killed run left its 2 temporaries, named with its pid $pid" ||
	ko "SIGKILL: expected 2 temporaries with pid $pid: $(ls -a "$tmp/kill")"
"$MMSCOPE" gen --quiet --scenario "$tmp/long.scn" -o "$tmp/kill/live.vmcore" 2>/dev/null &
live=$!
i=0
while [ $i -lt 100 ] && ! ls -a "$tmp/kill" | grep -q "\.tmp\.$live\."; do sleep 0.05; i=$((i + 1)); done
"$MMSCOPE" gen --quiet --scenario tiny -o "$tmp/kill/other.vmcore" 2>"$tmp/err" || ko "gen tiny: $(cat "$tmp/err")"
ls -a "$tmp/kill" | grep -q "\.tmp\.$pid\." && ko "SIGKILL: the next run did not prune: $(ls -a "$tmp/kill")" ||
	ok "SIGKILL: the next run in the directory pruned the dead run's temporaries"
[ "$(ls -a "$tmp/kill" | grep -c "\.tmp\.$live\.")" -eq 2 ] &&
	ok "a live run's temporaries are not pruned" || ko "a live run's temporaries were touched: $(ls -a "$tmp/kill")"
kill -INT "$live"
wait "$live" 2>/dev/null
nothing_left "$tmp/kill" live.vmcore "SIGINT of the live run"

# 11. An original kept aside by a run killed while committing (where the
#     filesystem can neither swap nor link) goes back under its name when
#     nothing has it; one whose name is taken again is dropped.  (pid
#     99999999 is above any pid_max: no such process.)
mkdir -p "$tmp/aside"
echo original >"$tmp/aside/.a.vmcore.tmp.99999999.AbC123.old"
echo stale >"$tmp/aside/.b.vmcore.tmp.99999999.XyZ789.old"
echo newer >"$tmp/aside/b.vmcore"
echo other >"$tmp/aside/.b.vmcore.tmp.99999999"	# not ours: no XXXXXX part
"$MMSCOPE" gen --quiet --scenario tiny -o "$tmp/aside/c.vmcore" 2>"$tmp/err" || ko "gen tiny: $(cat "$tmp/err")"
[ "$(cat "$tmp/aside/a.vmcore" 2>/dev/null)" = original ] && [ "$(cat "$tmp/aside/b.vmcore")" = newer ] &&
	[ ! -e "$tmp/aside/.b.vmcore.tmp.99999999.XyZ789.old" ] && [ -e "$tmp/aside/.b.vmcore.tmp.99999999" ] &&
	ok "a kept original goes back under its free name; a stale one is dropped; other names are left" ||
	ko "kept originals: $(ls -a "$tmp/aside")"

# 12. gen --slabinfo: FILE.slabinfo is committed with the dump and its
#     truth, all three or none.
mkdir -p "$tmp/si"
if "$MMSCOPE" gen --quiet --scenario tiny --slabinfo -o "$tmp/si/x.vmcore" 2>"$tmp/err" &&
	[ -s "$tmp/si/x.vmcore" ] && [ -s "$tmp/si/x.vmcore.truth.json" ] &&
	head -n 1 "$tmp/si/x.vmcore.slabinfo" | grep -q '^slabinfo - version: 2\.1$' &&
	! ls -a "$tmp/si" | grep -q '\.tmp\.'; then
	ok "--slabinfo: the dump, its truth and its slabinfo, no temporary left"
else
	ko "--slabinfo: $(cat "$tmp/err"); $(ls -a "$tmp/si")"
fi
cp "$tmp/si/x.vmcore" "$tmp/si.dump.orig"
cp "$tmp/si/x.vmcore.truth.json" "$tmp/si.truth.orig"
intact() {	# WHAT: the dump and truth of the first run are as they were
	cmp -s "$tmp/si/x.vmcore" "$tmp/si.dump.orig" &&
		cmp -s "$tmp/si/x.vmcore.truth.json" "$tmp/si.truth.orig" &&
		ok "$1: the old dump and truth are intact" ||
		ko "$1: the old dump or truth changed"
}
#     The slabinfo name is a directory: refused before the run.
rm -f "$tmp/si/x.vmcore.slabinfo"
mkdir "$tmp/si/x.vmcore.slabinfo"
if "$MMSCOPE" gen --quiet --scenario tiny --seed 9 --slabinfo -o "$tmp/si/x.vmcore" 2>"$tmp/err"; then
	ko "slabinfo name is a directory: exit status 0"
else
	grep -q "x.vmcore.slabinfo: a directory" "$tmp/err" &&
		ok "slabinfo name is a directory: $(cat "$tmp/err")" ||
		ko "slabinfo name is a directory: $(cat "$tmp/err")"
fi
intact "slabinfo name is a directory"
rmdir "$tmp/si/x.vmcore.slabinfo"
#     It becomes a directory during the run: the slabinfo is committed
#     last, so the dump and truth put in place before it are taken back.
printf 'old\n' >"$tmp/si/x.vmcore.slabinfo"
"$MMSCOPE" gen --quiet --scenario "$tmp/mid.scn" --slabinfo -o "$tmp/si/x.vmcore" 2>"$tmp/err" &
pid=$!
i=0
while [ $i -lt 100 ] && ! ls -a "$tmp/si" | grep -q '^\.x\.vmcore\.slabinfo\.tmp\.'; do
	sleep 0.05; i=$((i + 1)); done
rm -f "$tmp/si/x.vmcore.slabinfo"
mkdir "$tmp/si/x.vmcore.slabinfo"
wait "$pid"
rc=$?
if [ "$rc" -eq 1 ] && grep -q "cannot rename .*x.vmcore.slabinfo" "$tmp/err"; then
	ok "slabinfo rename fails at commit: exit 1: $(cat "$tmp/err")"
else
	ko "slabinfo rename fails at commit: exit $rc, $(cat "$tmp/err")"
fi
intact "slabinfo rename fails at commit"
ls -a "$tmp/si" | grep -q '\.tmp\.' && ko "slabinfo rename fails: a temporary was left: $(ls -a "$tmp/si")" ||
	ok "slabinfo rename fails: no temporary left"
rmdir "$tmp/si/x.vmcore.slabinfo"
#     SIGINT: none of the three, no temporary.
mkdir -p "$tmp/siint"
"$MMSCOPE" gen --quiet --scenario "$tmp/long.scn" --slabinfo -o "$tmp/siint/x.vmcore" 2>"$tmp/err" &
pid=$!
i=0
while [ $i -lt 100 ] && [ "$(ls -a "$tmp/siint" | grep -c '\.tmp\.')" -lt 3 ]; do sleep 0.05; i=$((i + 1)); done
[ "$(ls -a "$tmp/siint" | grep -c "\.tmp\.$pid\.")" -eq 3 ] &&
	ok "--slabinfo SIGINT: three temporary files during the run" ||
	ko "--slabinfo SIGINT: temporaries during the run: $(ls -a "$tmp/siint")"
kill -INT "$pid"
wait "$pid"
rc=$?
[ "$rc" -eq 130 ] && ok "--slabinfo SIGINT: exit $rc" || ko "--slabinfo SIGINT: exit status $rc, not 130"
nothing_left "$tmp/siint" x.vmcore "--slabinfo SIGINT"

# 13. A kernel panic during the run (a SLAB_PANIC cache whose per-CPU
#     arrays no longer fit: 64 cpus on 64 MiB have 32 KiB units) is the
#     crash kernel's moment, as with kdump ([refmm-3]): the run ends at the
#     panic and the dump of that moment is committed like any other --
#     exit 0, all three files replaced, the panic in the truth and the
#     log, no temporary left.
{ printf 'mem 64M\ncpus 64\nslab_nomerge\n'
  i=0; while [ $i -lt 100 ]; do i=$((i + 1)); echo "kmem_cache_create c$i size=64 flags=SLAB_PANIC"; done
} >"$tmp/panic.scn"
"$MMSCOPE" gen --quiet --scenario "$tmp/panic.scn" --slabinfo -o "$tmp/si/x.vmcore" 2>"$tmp/err"
rc=$?
[ "$rc" -eq 0 ] && ok "kernel panic: exit 0, the dump taken" || ko "kernel panic: exit $rc, $(cat "$tmp/err")"
! cmp -s "$tmp/si/x.vmcore" "$tmp/si.dump.orig" && ! cmp -s "$tmp/si/x.vmcore.truth.json" "$tmp/si.truth.orig" &&
	[ -f "$tmp/si/x.vmcore.slabinfo" ] &&
	ok "kernel panic: dump, truth and slabinfo replaced" || ko "kernel panic: the files were not all replaced"
"${PYTHON3:-/usr/bin/python3}" - "$tmp/si/x.vmcore.truth.json" <<'PYEOF' &&
import json, sys
t = json.load(open(sys.argv[1]))
msg = "kmem_cache_create: Failed to create slab 'c1'. Error -12"
assert t["panic"]["message"] == msg, t["panic"]
# the panic's format ends in "\n" and panic() adds one: printk strips one
assert t["log"]["panic"] == "Kernel panic - not syncing: " + msg + "\n", t["log"]["panic"]
PYEOF
	ok "kernel panic: the truth and the log hold the panic" || ko "kernel panic: truth or log"
ls -a "$tmp/si" | grep -q '\.tmp\.' && ko "kernel panic: a temporary was left: $(ls -a "$tmp/si")" ||
	ok "kernel panic: no temporary left"

# The file size limit (ulimit -f): SIGXFSZ would kill gen without a word and
# leave its temporaries.  A limit below the RAM (a memory file of --mem
# bytes) is refused at boot, naming the limit; one the RAM fits under but
# the dump (kdump -d 0, no compression: RAM and headers) does not is a
# write error like a full disk.  Neither leaves a file.
mkdir -p "$tmp/fsz"
fsize() {	# BYTES COMMAND...: COMMAND under a file size limit of BYTES
	"${PYTHON3:-/usr/bin/python3}" -c 'import os, resource, sys
n = int(sys.argv[1]); resource.setrlimit(resource.RLIMIT_FSIZE, (n, n)); os.execv(sys.argv[2], sys.argv[2:])' "$@"
}
fsize 52428800 "$MMSCOPE" gen --quiet --scenario tiny --mem 100M -o "$tmp/fsz/x.vmcore" 2>"$tmp/err"
rc=$?
if [ "$rc" -eq 1 ] && grep -q "ulimit -f" "$tmp/err" && grep -q -- "--mem" "$tmp/err"; then
	ok "file size limit below --mem: refused with a message (exit 1)"
else ko "file size limit below --mem: exit $rc: $(cat "$tmp/err")"; fi
nothing_left "$tmp/fsz" x.vmcore "file size limit below --mem"
fsize 104960000 "$MMSCOPE" gen --quiet --scenario tiny --mem 100M --format kdump --dump-level 0 \
	--compress none -o "$tmp/fsz/x.vmcore" 2>"$tmp/err"
rc=$?
if [ "$rc" -eq 1 ] && grep -q "x.vmcore: File too large" "$tmp/err"; then
	ok "file size limit below the dump: a write error (exit 1)"
else ko "file size limit below the dump: exit $rc: $(cat "$tmp/err")"; fi
nothing_left "$tmp/fsz" x.vmcore "file size limit below the dump"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ] || exit 1
[ "$pass" -gt 0 ] || exit 77
exit 0
