#!/usr/bin/python3
"""Corrupted free lists: kmem -f, -F and pagetypeinfo must report the list
head, the bad entry and the reason, go on with the next list, and never loop.

A copy of the tiny dump is patched in place (through its PT_LOAD headers):
  list A: an entry's lru.next points back at itself   -> a cycle
  list B: an entry's lru.next points outside the dump  -> a bad pointer
  list C: an entry's page_private holds another order  -> a bad entry, walk goes on
  list D: an entry is no longer marked free: _mapcount -1 instead of
          PAGE_BUDDY_MAPCOUNT_VALUE (Linux 4.0 has no PG_buddy) -> a bad entry, walk goes on
  list E: the pageblock of an entry says another migratetype -> reported
Member offsets come from gdb on the debuginfo (an independent reader)."""
import os
import re
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import mstest as K  # noqa: E402

t = K.Checker("kmem corrupt")
src, truth = K.gen_cached("tiny")
d = K.ElfDump(src, "corrupt", truth)
dump = d.path
shutil.copyfile(src + ".truth.json", dump + ".truth.json")


gdb_expr = K.gdb_expr


lru = gdb_expr("&((struct page *)0)->lru")
priv = gdb_expr("&((struct page *)0)->private")
mapcount_off = gdb_expr("&((struct page *)0)->_mapcount")
psize = K.page_struct_size(truth)


def list_head(zone_addr, order, mt_index):
    return zone_addr + gdb_expr(f"&((struct zone *)0)->free_area[{order}].free_list[{mt_index}]")


def poke(vaddr, value):
    d.poke(vaddr, value)


def poke32(vaddr, value):
    d.poke(vaddr, value, "<i")


peek = d.peek


mts = K.mt_names(truth)
lists = []   # (n, z, order, mt_index, pfns)
for n, zi, z in K.zones(truth):
    for fa in z["free_area"]:
        for mi, mt in enumerate(mts):
            pfns = fa["blocks"].get(mt, [])
            if len(pfns) >= 2:
                lists.append((n, z, fa["order"], mi, pfns))
if not t.check(len(lists) >= 4, f"tiny has 4 free lists with 2 entries ({len(lists)})"):
    t.done()
A, B, C, D = lists[0], lists[1], lists[2], lists[3]
# list E: any other list with an entry of order < pageblock_order (9)
E = None
for n, zi, z in K.zones(truth):
    for fa in z["free_area"]:
        for mi, mt in enumerate(mts):
            pfns = fa["blocks"].get(mt, [])
            if pfns and fa["order"] < 9 and mi < 3 and \
                    all((n, z["name"], fa["order"], mi) != (L[0], L[1]["name"], L[2], L[3]) for L in
                        [(X[0], X[1], X[2], X[3]) for X in (A, B, C, D)]) and E is None:
                E = (n, z, fa["order"], mi, pfns)
pa = lambda pfn: K.page_addr(truth, pfn, psize)
a1 = pa(A[4][1])
poke(a1 + lru, a1 + lru)                          # cycle
b0 = pa(B[4][0])
poke(b0 + lru, 0x6b6b6b6b6b6b6b00)                # leaves the dump
c0 = pa(C[4][0])
poke(c0 + priv, C[2] + 1)                         # wrong order
d0 = pa(D[4][0])
poke32(d0 + mapcount_off, -1)                    # not buddy: an unmapped page's _mapcount
heads = {k: list_head(int(L[1]["addr"], 16), L[2], L[3]) for k, L in zip("ABCD", (A, B, C, D))}
# E: give the pageblock of its first block another migratetype (Linux's bit layout:
# 4 bits per pageblock, migratetype in the 3 bits below the top, most significant first)
e0 = None
if E:
    z = E[1]
    bitmap = peek(int(z["addr"], 16) + gdb_expr("&((struct zone *)0)->pageblock_flags"))
    pfn = E[4][0]
    start = z["start_pfn"] & ~511
    bitidx = ((pfn - start) >> 9) * 4
    waddr = bitmap + (bitidx // 64) * 8
    shift = 64 - ((bitidx & 63) + 2) - 1
    word = peek(waddr)
    old_mt = (word >> shift) & 7
    new_mt = (E[3] + 1) % 3
    poke(waddr, (word & ~(7 << shift)) | (new_mt << shift))
    e0 = pa(pfn)
    heads["E"] = list_head(int(z["addr"], 16), E[2], E[3])
    t.eq(old_mt, E[3], "the pageblock held the list's migratetype before the change")

for cmd in ("kmem -f", "kmem -F", "pagetypeinfo", "kmem -i"):
    try:
        out, err, rc = K.run_one(dump, cmd, timeout=120)
    except subprocess.TimeoutExpired:
        t.check(False, f"{cmd} on a corrupted dump did not finish (loop?)")
        continue
    text = out + err
    t.check(rc != 0 or cmd == "kmem -i", f"{cmd}: exit status reports the errors (rc {rc})")
    if cmd == "kmem -i":
        t.check("TOTAL MEM" in out, "kmem -i still prints")
        continue
    ha = "%x" % heads["A"]
    t.check(re.search(r"^kmem: .*%s.*(cycle|duplicate)" % ha, text, re.M) or
            re.search(r"^pagetypeinfo: .*%s.*(cycle|duplicate)" % ha, text, re.M),
            f"{cmd}: cycle reported with list head {ha}:\n{text[:1500]}")
    hb = "%x" % heads["B"]
    t.check(re.search(r"^\w+: .*%s.*6b6b6b6b6b6b6b00.*page %x" % (hb, b0), text, re.M),
            f"{cmd}: bad pointer reported with list head {hb} and entry {b0:x}")
    t.check(re.search(r"^\w+: .*%x.*page %x: order %d in page_private" % (heads["C"], c0, C[2] + 1), text, re.M),
            f"{cmd}: wrong order reported for page {c0:x}")
    t.check(re.search(r"^\w+: .*%x.*page %x: .*not PageBuddy" % (heads["D"], d0), text, re.M),
            f"{cmd}: a block not marked PageBuddy reported for page {d0:x}")
    # a pageblock of another migratetype is a note (Linux can leave split blocks so):
    # kmem -F lists the blocks, kmem -f counts them, and neither fails for it
    if e0 and cmd == "kmem -F":
        t.check(re.search(r"NOTE: .*%x.*page %x: pageblock migratetype %s, on the %s list" %
                          (heads["E"], e0, mts[new_mt], mts[E[3]]), text, re.M),
                f"{cmd}: pageblock migratetype noted for page {e0:x}")
    if e0 and cmd == "kmem -f":
        t.check(re.search(r"NOTE: \d+ free blocks? lies? in pageblocks of another migratetype", text, re.M),
                f"{cmd}: pageblock migratetype mismatches counted")
    if cmd == "kmem -f":
        # the truth is the dump before the corruption: the checker must see
        # that the lists no longer verify, and say so
        code, msg = K.truthcheck("kmem-f", dump + ".truth.json", out)
        t.check(code == 1 and "FAIL kmem-f" in msg and "(verified)" in msg,
                f"truthcheck kmem-f rejects the corrupted free lists: {msg.strip()}")
        t.check("(found" in out and "nr_free_pages:" in out, "kmem -f: nr_free_pages (found N)")
        t.check(re.search(r"free lists hold", out), "kmem -f: states the difference per zone")
        nz = len(re.findall(r"^ZONE  NAME", out, re.M))
        t.eq(nz, sum(1 for _ in K.zones(truth)), "kmem -f: every zone still printed")
# JSON: the same verdict, for scripts
out, err, rc = K.run_one(dump, "kmem -f", json_mode=True, timeout=120)
try:
    import json
    j = json.loads(out)
    t.check(j["verified"] is False, "json kmem -f: not verified")
    t.eq(len(j["errors"]), 2, "json kmem -f: the two broken lists")
    t.check(any("%x" % heads["A"] in e and "cycle" in e for e in j["errors"]), "json: the cycle")
    t.eq(sum(z["bad_entries"] for n in j["nodes"] for z in n["zones"]), 2, "json: two bad entries")
    t.check(sum(z["migratetype_mismatches"] for n in j["nodes"] for z in n["zones"]) >= (1 if e0 else 0),
            "json: pageblock migratetype mismatches counted")
except (ValueError, KeyError) as e:
    t.check(False, f"json kmem -f on the corrupted dump: {e}: {out[:500]}")
t.done()
