#!/usr/bin/python3
"""What core takes from VMCOREINFO rather than assuming it: pageblock_order.

The tiny dump says NUMBER(pageblock_order)=9 (x86-64's HUGETLB_PAGE_ORDER,
Linux 4.0's pageblock_order): pagetypeinfo prints it.  A copy with that line
renamed (same length, so the ELF note keeps its size) has no pageblock_order:
pagetypeinfo leaves its pageblock lines out and says why in a NOTE, kmem -f
says its free blocks were not checked against their pageblocks, and the free
counts do not change.  A copy whose value is not a number is refused with an
error naming the line."""
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import mstest as K  # noqa: E402

t = K.Checker("VMCOREINFO numbers")
dump, truth = K.gen_cached("tiny")
LINE = b"NUMBER(pageblock_order)=9\n"


def patched(name, new):
    path, (n,) = K.patched_copy(dump, name, replace=[(LINE, new)])
    t.check(n >= 1, f"the dump has {LINE!r}")
    return path


def free_counts(text):
    """pagetypeinfo's 'Node N, zone Z, type T  counts...' lines."""
    return re.findall(r"^Node +\d+, zone +\S+, type +\S+ .*$", text, re.M)


cmds = [("pt", "pagetypeinfo"), ("f", "kmem -f")]
orig, _, rc = K.run_files(dump, cmds, debuginfo=K.MMSCOPE)
t.check(rc == 0, "the original dump: no failure")
t.check("Page block order: 9\nPages per block:  512\n" in orig["pt"], "pagetypeinfo: order 9")
t.check(re.search(r"^Number of blocks type", orig["pt"], re.M), "pagetypeinfo: pageblock counts")
t.check("NOTE" not in orig["pt"] + orig["f"], "no NOTE when pageblock_order is known")

nopb = patched("tiny-nopb", b"NUMBER(pageblock_ordeX)=9\n")
outs, _, rc = K.run_files(nopb, cmds, debuginfo=K.MMSCOPE)
t.check(rc == 0, f"no pageblock_order: no failure (rc {rc})")
t.check("Page block order" not in outs["pt"], "pagetypeinfo: no order line")
t.check(not re.search(r"^Number of blocks type", outs["pt"], re.M), "pagetypeinfo: no pageblock counts")
t.check("NOTE: pageblock lines left out: pageblock_order is not known" in outs["pt"],
        "pagetypeinfo: a NOTE says why\n" + outs["pt"][-400:])
t.eq(free_counts(outs["pt"]), free_counts(orig["pt"]), "pagetypeinfo: the free counts")
t.check("NOTE: free blocks not checked against their pageblocks: pageblock_order is not known"
        in outs["f"], "kmem -f: a NOTE says what was not checked\n" + outs["f"][-400:])
t.check("(verified)" in outs["f"], "kmem -f: still verified")

bad = patched("tiny-badpb", b"NUMBER(pageblock_order)=Q\n")
out, err, rc = K.run_one(bad, "kmem -f", debuginfo=K.MMSCOPE)
t.check('VMCOREINFO line "NUMBER(pageblock_order)=Q"' in out + err and rc != 0,
        f"a bad value is an error naming the line: {out[-300:]}{err[-300:]}")

t.done()
