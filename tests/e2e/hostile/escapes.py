#!/usr/bin/python3
"""Text from the dump never reaches the terminal raw.  A copy of the tiny
dump has control bytes (ESC sequences, BEL, CR, DEL, an 8-bit CSI, NUL)
written over the strings mmscope prints: task comms, slab cache names,
file names of VMAs, log text, zone names and the uts fields.  Every
command that prints them must print no control byte: in text, each byte
as p escapes it (gdb's C escapes: \\033, \\a, \\r, \\177, \\233, \\000),
except log, which prints '.' as crash does; in JSON, valid JSON whose
strings decode to the same escaped text (log: to the raw bytes, which
JSON escapes itself).  The oracle is the bytes written and those rules,
worked out here by hand."""
import json
import os
import re
import struct
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import mstest as K  # noqa: E402

t = K.Checker("escapes")
src, _ = K.gen_cached("tiny")
with open(src, "rb") as f:
    base = f.read()
phoff, = struct.unpack_from("<Q", base, 32)
note_off, = struct.unpack_from("<Q", base, phoff + 8)
note_sz, = struct.unpack_from("<Q", base, phoff + 32)
C_ESC = {0x1b: "\\033", 0x07: "\\a", 0x0d: "\\r", 0x0a: "\\n", 0x09: "\\t", 0x00: "\\000"}


def c_escape(b):
    """gdb's escapes of bytes @b, as p prints a char array."""
    return "".join(C_ESC.get(c, chr(c) if 0x20 <= c < 0x7f else "\\%03o" % c) for c in b)




def mk(old, inj):
    """@old with @inj written over it after its first byte, the same length."""
    assert len(inj) + 1 < len(old)
    return old[:1] + inj + old[1 + len(inj):]


# (surface, the string in the dump, the bytes it becomes, commands that print it)
CASES = [
    ("comm", b"systemd\0", mk(b"systemd\0", b"\x1b[2J"), ["ps", "ps 1", "vm 1", "set 1"]),
    ("comm", b"kthreadd\0", mk(b"kthreadd\0", b"\x07\r"), ["ps", "ps 2", "ps -k"]),
    ("comm", b"kswapd0\0", mk(b"kswapd0\0", b"\x9b1m\x7f"), ["ps", "ps 31"]),
    ("cache name", b"kmalloc-96\0", mk(b"kmalloc-96\0", b"\x1b]0;x\x07"),
     ["kmem -s", "slabinfo", "slabtop", "kmem -s -k total"]),
    ("cache name", b"task_struct\0", mk(b"task_struct\0", b"\x9b2Jx\x7fs\x01"), ["kmem -s", "slabinfo"]),
    ("vm file", b"libc-2.17.so\0", mk(b"libc-2.17.so\0", b"\x1b[1m\r"), ["vm 1", "vm -p 1"]),
    ("vm file", b"librt-2.17.so\0", mk(b"librt-2.17.so\0", b"\0b\x07"), ["vm 1"]),
    ("zone name", b"DMA32\0", mk(b"DMA32\0", b"\x1b[0"), ["kmem -z", "buddyinfo", "kmem -f", "pagetypeinfo"]),
    ("zone name", b"DMA\0", mk(b"DMA\0", b"\x07\x7f"), ["kmem -z", "buddyinfo", "pagetypeinfo"]),
    ("uts", b"#1 SMP refmm\0", mk(b"#1 SMP refmm\0", b"\x1b[2J\x9b"), ["sys"]),
    ("log", b"Zone ranges", mk(b"Zone ranges", b"\x1b[2J\r\x07"), ["log", "log -m"]),
    ("log", b"devtmpfs: mounted", mk(b"devtmpfs: mounted", b"\x1b]0;x\x07s: \x9b\x7f"), ["log"]),
]


def strings(doc):
    """Every string value of a decoded JSON document."""
    if isinstance(doc, str):
        yield doc
    elif isinstance(doc, dict):
        for v in doc.values():
            yield from strings(v)
    elif isinstance(doc, list):
        for v in doc:
            yield from strings(v)


CTL = re.compile(rb"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
work = os.path.join(K.WORK, "escapes")
os.makedirs(work, exist_ok=True)
for n, (surface, old, new, cmds) in enumerate(CASES):
    assert len(old) == len(new)
    data = bytearray(base)
    hits, i = 0, 0
    while (i := data.find(old, i)) >= 0:
        if not note_off <= i < note_off + note_sz:	# VMCOREINFO has its own check
            data[i:i + len(old)] = new
            hits += 1
        i += len(old)
    if not t.check(hits > 0, f"{surface} {old!r}: in the dump"):
        continue
    dump = os.path.join(work, "esc%d.vmcore" % n)
    with open(dump, "wb") as f:
        f.write(data)
    raw = new.rstrip(b"\0").split(b"\0")[0] if surface != "vm file" else new.rstrip(b"\0")
    for cmd in cmds:
        for jm in (False, True):
            argv, e = K.session_args(dump, K.MMSCOPE, jm, None)
            r = subprocess.run(argv, input=(cmd + "\nq\n").encode(), capture_output=True, timeout=60 * K.SLOW)
            what = f"{surface} {new!r}: {cmd}{' --json' if jm else ''}"
            if jm and r.returncode == 2 and b"no JSON output" in r.stdout + r.stderr:
                continue	# a command without JSON: nothing to check
            m = CTL.search(r.stdout + r.stderr)
            t.check(m is None and r.returncode in (0, 1),
                    f"{what}: no raw control byte (status {r.returncode})",
                    (r.stdout + r.stderr)[max(0, m.start() - 80):m.start() + 20] if m else "")
            if jm:
                try:
                    docs = [json.loads(l) for l in r.stdout.decode().splitlines() if l.strip()] \
                        if cmd.startswith("log") else [json.loads(r.stdout)]
                except ValueError as ex:
                    t.check(False, f"{what}: valid JSON: {ex}")
                    continue
                vals = list(strings(docs))
                if any("no JSON output" in v for v in vals):
                    continue
                if surface == "log":
                    # the text field holds the bytes themselves, JSON-escaped (as Latin-1)
                    want = raw.decode("latin-1")
                else:
                    want = c_escape(raw)
                t.check(any(want in v for v in vals), f"{what}: {want!r} in a JSON string")
            else:
                out = r.stdout.decode("latin-1")
                if surface == "log":
                    want = "".join(chr(c) if 0x20 <= c < 0x7f or c == 9 else "." for c in raw)
                else:
                    want = c_escape(raw)
                if surface in ("comm", "cache name"):
                    # the name is cut at its field's width by some tables
                    want = want[:12]
                t.check(want in out, f"{what}: prints {want!r}", out[-600:])
    os.unlink(dump)
t.done()
