#!/bin/sh
# Files that are not what they seem, and output that cannot be written:
# every case ends with a message naming the file and status 1, never a
# hang (each run is under timeout), a crash or a silent success.
#   kinds     a FIFO, a directory, a device, an empty file as the dump or the
#             debuginfo; a FIFO as the DWARF index cache (ignored)
#   input     -i DIR, -i /dev/zero, stdin /dev/zero, "< DIR"
#   scenario  gen -s /dev/zero, a FIFO, a directory
#   output    stdout on /dev/full, "kmem -f > /dev/full"
#   changed   the dump or the debuginfo cut short under the session: an
#             error, not SIGBUS
#   cache     an index cache written for another file with the same build id
#   debuginfo cut short (the section headers past its end), its DWARF
#             stripped or cut away (an error at start-up), its strings cut
#             away (a warning at start-up, then errors naming the type)
MMSCOPE=${top_builddir:-.}/mmscope
work=${top_builddir:-.}/tests/e2e/hostile/work/files
rm -rf "$work"; mkdir -p "$work"
pass=0 fail=0
ok() { pass=$((pass + 1)); echo "ok - $1"; }
ko() { fail=$((fail + 1)); echo "not ok - $1"; }

# expect WHAT SUBSTRING CMD...: status 1 within 20 s, SUBSTRING in the output
expect() {
	what=$1 sub=$2; shift 2
	out=$(timeout 20 "$@" 2>&1 </dev/null); rc=$?
	if [ "$rc" -eq 1 ] && printf '%s' "$out" | grep -qF -- "$sub"; then
		ok "$what"
	else
		ko "$what: status $rc, want 1 and \"$sub\": $(printf '%s' "$out" | head -5)"
	fi
}

dump=$work/tiny.vmcore
timeout 300 "$MMSCOPE" gen -q -s tiny -o "$dump" || { echo "gen failed"; exit 99; }
mkfifo "$work/fifo"
mkdir "$work/dir"
: > "$work/empty"
expect "FIFO dump" "(a FIFO): not a dump" "$MMSCOPE" -s "$MMSCOPE" "$work/fifo"
expect "FIFO debuginfo" "(a FIFO): not a dump or debuginfo" "$MMSCOPE" -s "$work/fifo" "$dump"
expect "directory dump" "(a directory): not a dump" "$MMSCOPE" -s "$MMSCOPE" "$work/dir"
expect "device dump" "(a character device): not a dump" "$MMSCOPE" -s "$MMSCOPE" /dev/null
expect "empty dump" "empty file" "$MMSCOPE" -s "$MMSCOPE" "$work/empty"
expect "-i DIR" "a directory, not an input file" "$MMSCOPE" -s -i "$work/dir" "$MMSCOPE" "$dump"
expect "-i /dev/zero" "a NUL byte" "$MMSCOPE" -s -i /dev/zero "$MMSCOPE" "$dump"
# words of a binary file, echoed by "command not found" and usage errors,
# reach the terminal escaped as p escapes them (\033, \377), never raw
printf 'sys\n\033[2J\233x\377\n\007kmem\n-\r\nkmem -f\n' > "$work/binary"
out=$(timeout 20 "$MMSCOPE" -s -i "$work/binary" "$MMSCOPE" "$dump" </dev/null 2>&1); rc=$?
if [ "$rc" -eq 1 ] && printf '%s' "$out" | grep -qF 'command not found: \033[2J\233x\377' &&
   printf '%s' "$out" | grep -qF 'command not found: \akmem' &&
   ! printf '%s' "$out" | LC_ALL=C grep -q "$(printf '[\001-\010\013-\037\177-\377]')"; then
	ok "-i a binary file: its words escaped in the errors"
else
	ko "-i a binary file: status $rc: $(printf '%s' "$out" | od -c | head -5)"
fi
out=$(timeout 20 "$MMSCOPE" -s "$MMSCOPE" "$dump" </dev/zero 2>&1); rc=$?
[ "$rc" -eq 1 ] && printf '%s' "$out" | grep -qF "a NUL byte" && ok "stdin /dev/zero" ||
	ko "stdin /dev/zero: status $rc: $out"
# the longest input line is 65536 bytes (core/repl.c): one byte more is refused
{ head -c 65536 /dev/zero | tr '\0' x; echo; } > "$work/line-max"
{ head -c 65537 /dev/zero | tr '\0' x; echo; } > "$work/line-long"
expect "-i a line of 65537 bytes" "a line longer than 65536 bytes" "$MMSCOPE" -s -i "$work/line-long" "$MMSCOPE" "$dump"
out=$(timeout 20 "$MMSCOPE" -s -i "$work/line-max" "$MMSCOPE" "$dump" 2>&1 </dev/null); rc=$?
printf '%s' "$out" | grep -qF "longer than" && ko "-i a line of 65536 bytes: refused: $(printf '%s' "$out" | head -c 300)" ||
	{ printf '%s' "$out" | grep -qF "xxxxxxxx" && ok "-i a line of 65536 bytes is read as a command" ||
	  ko "-i a line of 65536 bytes: status $rc: $(printf '%s' "$out" | head -c 300)"; }
out=$(echo "< $work/dir" | timeout 20 "$MMSCOPE" -s "$MMSCOPE" "$dump" 2>&1); rc=$?
[ "$rc" -eq 1 ] && printf '%s' "$out" | grep -qF "directory" && ok "< DIR" || ko "< DIR: status $rc: $out"

expect "gen -s /dev/zero" "not a regular file" "$MMSCOPE" gen -q -s /dev/zero -o "$work/z.vmcore"
expect "gen -s FIFO" "not a regular file" "$MMSCOPE" gen -q -s "$work/fifo" -o "$work/z.vmcore"
expect "gen -s DIR" "not a regular file" "$MMSCOPE" gen -q -s "$work/dir/" -o "$work/z.vmcore"
[ ! -e "$work/z.vmcore" ] && ok "no dump left by a refused scenario" || ko "a dump was left"

# output that is lost is an error: status 1 and a message on stderr
out=$(echo "kmem -f" | timeout 30 "$MMSCOPE" -s "$MMSCOPE" "$dump" 2>&1 >/dev/full); rc=$?
[ "$rc" -eq 1 ] && printf '%s' "$out" | grep -qF "write error: standard output: No space left" &&
	ok "stdout on /dev/full" || ko "stdout on /dev/full: status $rc: $out"
out=$(echo "kmem -f > /dev/full" | timeout 30 "$MMSCOPE" -s "$MMSCOPE" "$dump" 2>&1); rc=$?
[ "$rc" -eq 1 ] && printf '%s' "$out" | grep -qF "write error: /dev/full: No space left" &&
	ok "kmem -f > /dev/full" || ko "kmem -f > /dev/full: status $rc: $out"
out=$(echo "kmem -f" | timeout 30 "$MMSCOPE" -s "$MMSCOPE" "$dump" 2>&1 >/dev/null); rc=$?
[ "$rc" -eq 0 ] && [ -z "$out" ] && ok "stdout on /dev/null: status 0" || ko "/dev/null: $rc $out"

# the dump cut short under the session (the shell escape truncates it):
# reads past the new end are errors, never SIGBUS
cp "$dump" "$work/cut.vmcore"
out=$(printf 'kmem -f\n!truncate -s 4M %s\nkmem -p\nrd -p 3000000 64\nkmem -f\n' "$work/cut.vmcore" |
	timeout 60 "$MMSCOPE" -s "$MMSCOPE" "$work/cut.vmcore" 2>&1); rc=$?
[ "$rc" -eq 1 ] && printf '%s' "$out" | grep -qE "rd: (invalid|read error|page excluded)" &&
	ok "dump cut short under the session: errors, status 1" ||
	ko "dump cut short under the session: status $rc: $(printf '%s' "$out" | tail -5)"

# the debuginfo cut short under the session (it is mapped): the lost
# pages read as damaged DWARF, with one message, never SIGBUS
cp "$MMSCOPE" "$work/cut.debuginfo"
out=$(printf 'struct page.lru\n!truncate -s 4096 %s\nstruct vm_area_struct\nstruct kmem_cache\neval 7\n' \
	"$work/cut.debuginfo" | timeout 60 "$MMSCOPE" -s "$work/cut.debuginfo" "$dump" 2>&1); rc=$?
[ "$rc" -eq 1 ] && printf '%s' "$out" | grep -qF "the debuginfo file changed under the session" &&
	printf '%s' "$out" | grep -qF "decimal: 7" &&
	ok "debuginfo cut short under the session: a message, the session goes on, status 1" ||
	ko "debuginfo cut short under the session: status $rc: $(printf '%s' "$out" | tail -5)"

# the index cache: a FIFO in its place is ignored; a cache written for
# another file with the same build id is not trusted
cache=$work/cache
mkdir -p "$cache"
bid=$(LC_ALL=C readelf -n "$MMSCOPE" | sed -n 's/.*Build ID: //p' | head -1)
mkfifo "$cache/dwarf-index-$bid.bin"
out=$(echo "whatis page" | MMSCOPE_CACHE_DIR=$cache timeout 20 "$MMSCOPE" -s "$MMSCOPE" "$dump" 2>&1); rc=$?
[ "$rc" -eq 0 ] && printf '%s' "$out" | grep -qF "struct page {" && ok "FIFO as the index cache: ignored" ||
	ko "FIFO as the index cache: status $rc: $out"
rm -f "$cache/dwarf-index-$bid.bin"
# B: mmscope with one byte of a struct's name changed in .debug_str (its
# last letter, "free_area" -> "free_arez"; same build id, same sizes); A's
# cache must not serve B.  The name must stand alone in .debug_str: the
# linker shares a string with the tail of a longer one ("lruvec" of
# "zone_lruvec"), so the first candidate that stands alone is taken.
cp "$MMSCOPE" "$work/A"
names=$(python3 - "$MMSCOPE" "$work/B" <<'PY'
import struct, sys
data = bytearray(open(sys.argv[1], "rb").read())
# the bounds of .debug_str (ELF64 little-endian section headers): the same
# name also stands in .rodata or .strtab (ASan's global names, symbols)
shoff, = struct.unpack_from("<Q", data, 0x28)
shentsize, shnum, shstrndx = struct.unpack_from("<HHH", data, 0x3a)
def sec(i):
    return struct.unpack_from("<IIQQQQ", data, shoff + i * shentsize)
shstr = sec(shstrndx)[4]
lo = hi = 0
for i in range(shnum):
    nm, _, _, _, off, size = sec(i)
    if data[shstr + nm:data.index(b"\0", shstr + nm)] == b".debug_str":
        lo, hi = off, off + size
for name in (b"free_area", b"lruvec", b"per_cpu_pages", b"kmem_cache_node", b"zonelist"):
    i = data.find(b"\0" + name + b"\0", lo, hi)
    if i >= lo and hi:
        new = name[:-1] + (b"z" if name[-1:] != b"z" else b"y")
        data[i + 1:i + 1 + len(name)] = new
        open(sys.argv[2], "wb").write(data)
        print(name.decode(), new.decode())
        break
PY
)
set -- $names
if [ $# -ne 2 ]; then
	ko "another file with the same build id: no struct name stands alone in .debug_str"
else
	echo "whatis $1" | MMSCOPE_CACHE_DIR=$cache timeout 60 "$MMSCOPE" -s --force "$work/A" "$dump" >/dev/null 2>&1
	out=$(echo "whatis $2" | MMSCOPE_CACHE_DIR=$cache timeout 60 "$MMSCOPE" -s --force "$work/B" "$dump" 2>&1); rc=$?
	printf '%s' "$out" | grep -qF "struct $2 {" && ok "another file with the same build id: its own index" ||
		ko "another file with the same build id: A's index was used: $out"
fi

# debuginfo: the oracle is the ELF header itself (read here) and objcopy
shdrs=$(python3 -c '
import struct, sys
d = open(sys.argv[1], "rb").read(64)
print(struct.unpack_from("<H", d, 0x3c)[0], hex(struct.unpack_from("<Q", d, 0x28)[0]))' "$MMSCOPE")
set -- $shdrs
size=$(stat -c %s "$MMSCOPE")
for n in 64 4096 $((size / 2)) $((size - 1)); do
	head -c "$n" "$MMSCOPE" > "$work/cut"
	expect "debuginfo cut to $n bytes" "cut: truncated: its $1 section headers at offset $2 end past its $n bytes" \
		"$MMSCOPE" -s "$work/cut" "$dump"
done
if command -v objcopy >/dev/null; then
	objcopy --strip-debug "$MMSCOPE" "$work/nodebug"
	expect "debuginfo without DWARF" "nodebug: no debugging data" "$MMSCOPE" -s "$work/nodebug" "$dump"
	objcopy --remove-section .debug_info "$MMSCOPE" "$work/noinfo"
	expect "debuginfo without .debug_info" "noinfo: no debugging data" "$MMSCOPE" -s "$work/noinfo" "$dump"
	objcopy --remove-section .debug_str "$MMSCOPE" "$work/nostr"
	out=$(printf 'ps\nsym __per_cpu_start\n' | MMSCOPE_CACHE_DIR=$work timeout 60 "$MMSCOPE" -s "$work/nostr" "$dump" 2>&1); rc=$?
	if [ "$rc" -eq 1 ] && printf '%s' "$out" | grep -qF "WARNING: $work/nostr: its DWARF describes no struct page" &&
	   printf '%s' "$out" | grep -qF "ps: No struct type named task_struct" &&
	   printf '%s' "$out" | grep -q "^0 (D) __per_cpu_start"; then
		ok "debuginfo without .debug_str: a warning, then each command's own error"
	else
		ko "debuginfo without .debug_str: status $rc: $(printf '%s' "$out" | head -5)"
	fi
else
	ko "objcopy (binutils) is missing"
fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
