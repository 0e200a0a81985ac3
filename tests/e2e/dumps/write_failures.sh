#!/bin/sh
# A full filesystem, a read-only directory and SIGINT leave no file under
# the final name (nor a temporary one) and exit non-zero with a message that
# says what failed.  Needs root for the mounts; otherwise says so loudly and
# skips those cases (exit 77 if nothing could run).
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

nothing_left() {	# DIR NAME
	if [ -e "$1/$2" ] || [ -e "$1/$2.truth.json" ]; then ko "$3: a final file was left"; return; fi
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
sleep 1
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

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ] || exit 1
[ "$pass" -gt 0 ] || exit 77
exit 0
