#!/usr/bin/python3
"""What a user types, hostile: every bad count, index or address word is
refused with a message naming it and a failed status (never a bare usage
text, a crash or a silent success); output that cannot be written (stdout
on /dev/full, "> /dev/full") is an error with status 1, in text and JSON.
The oracle is the input itself: the message must quote the word typed."""
import os
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import mstest as K  # noqa: E402

t = K.Checker("hostile inputs")
dump, _ = K.gen_cached("tiny")


def session(cmd, json_mode=False, stdout=subprocess.PIPE):
    argv, e = K.session_args(dump, K.MMSCOPE, json_mode, None)
    r = subprocess.run(argv, input=(cmd + "\nq\n").encode(), stdout=stdout, stderr=subprocess.PIPE,
                       timeout=60 * K.SLOW, env=e)
    return r.returncode, (r.stdout or b"").decode(errors="replace") + r.stderr.decode(errors="replace")


# words that are no address: the message quotes the word, before the usage
for cmd, word in (("kmem zz", "zz"), ("kmem -p 0x", "0x"), ("kmem -f 0x", "0x"),
                  ("kmem -p 18446744073709551616", "18446744073709551616"),
                  ("kmem -p 0-ffffffffffffffff", "0-ffffffffffffffff"),
                  ("kmem 1000 g00", "g00"), ("kmem -P 10000000000000000", "10000000000000000")):
    rc, out = session(cmd)
    first = out.lstrip().splitlines()[0] if out.strip() else ""
    t.check(rc != 0 and word in first and not first.startswith("Usage"),
            f"{cmd!r}: status {rc}, the first line names {word!r}: {out[:200]!r}")
# too many words: the extra one is named
for cmd, word in (("rd node_data 4 5", "5"), ("rd -64 -N 1 node_data 99", "99"), ("log -m x", "x"),
                  ("log -c 0", "0")):
    rc, out = session(cmd)
    first = out.lstrip().splitlines()[0] if out.strip() else ""
    t.check(rc != 0 and ('"%s"' % word) in first, f"{cmd!r}: status {rc}, names {word!r}: {out[:200]!r}")
# counts and indexes that cannot be right (bounded by what the dump holds)
for cmd, words in (("struct list_head node_data -c 99999999", ("invalid count", "99999999")),
                   ("struct page.flags 20000105fdc0 -9223372036854775808", ("-9223372036854775808",)),
                   # crash reads on to the first address it cannot read, and names it
                   ("rd node_data 99999999999", ("invalid kernel virtual address",)),
                   ("p node_data[99999999]", ("invalid kernel virtual address",)),
                   ("struct zone.free_area[20] 0", ("free_area", "20"))):
    rc, out = session(cmd)
    t.check(rc != 0 and all(w in out for w in words), f"{cmd!r}: status {rc}, names {words}: {out[:300]!r}")

# output that cannot be written: every command, text and JSON, both ways
with open("/dev/full", "wb") as full:
    for cmd in ("kmem -f", "kmem -i", "kmem -s", "kmem -z", "kmem -p 0 10", "buddyinfo", "slabinfo",
                "ps", "vm 1", "sys", "log", "rd node_data 40", "p *node_data[0]", "struct page 20000105fdc0",
                "sym node_data", "eval 128m", "help kmem"):
        for jm in (False, True):
            rc, out = session(cmd, jm, stdout=full)
            if jm and "no JSON output" in out:
                continue
            t.check(rc == 1 and "write error: standard output: No space left" in out,
                    f"{cmd!r}{' --json' if jm else ''} > stdout on /dev/full: status {rc}: {out[-200:]!r}")
            rc, out = session(cmd + " > /dev/full", jm)
            t.check(rc == 1 and "write error: /dev/full: No space left" in out,
                    f"{cmd!r}{' --json' if jm else ''} > /dev/full: status {rc}: {out[-200:]!r}")
t.done()
