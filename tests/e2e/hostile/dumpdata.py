#!/usr/bin/python3
"""Damaged data inside a dump that opens: every command that touches the
damage completes, names the structure, the address and what is wrong, is
never "(verified)", and batch mode's exit status says a command failed.

  spanned    node_spanned_pages of 2^32 and of ~0 (kmem -p would walk for
             hours; kmem -M's bitmap size would wrap)
  present    a zone's present_pages above its span
  nr_free    a zone's free_area[3].nr_free of 2^63 (kmem -f must not say
             verified; kmem -i's arithmetic must not overflow)
  dup node   numa: node_data[1] pointing at node 0's pglist_data
  escapes    a zone name and the panic message holding ESC, BEL and
             newline bytes: printed escaped by kmem -z, buddyinfo, kmem -f
             and sys
  user       struct counts and array indexes that cannot be right, and the
             expression traps (INT64_MIN / -1, deep nesting)
Addresses and offsets come from gdb and the truth file."""
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import mstest as K  # noqa: E402

t = K.Checker("hostile dump data")
src, truth = K.gen_cached("tiny")
node0 = int(truth["nodes"][0]["pgdat"], 16) if "pgdat" in truth["nodes"][0] else K.gdb_expr("&contig_page_data")
spanned_off = K.gdb_expr("&((pg_data_t *)0)->node_spanned_pages")
zone_size = K.gdb_expr("sizeof(struct zone)")
zones_off = K.gdb_expr("&((pg_data_t *)0)->node_zones")
nr_free_off = K.gdb_expr("&((struct zone *)0)->free_area[3].nr_free")
present_off = K.gdb_expr("&((struct zone *)0)->present_pages")
spanned_z_off = K.gdb_expr("&((struct zone *)0)->spanned_pages")


def session(path, cmds, timeout=120):
    return K.run_files(path, cmds, debuginfo=K.MMSCOPE, timeout=timeout)


def hex_in(text, addr):
    return f"{addr:x}" in text


# -- node_spanned_pages of 2^32 and ~0
for name, value in (("span32", 1 << 32), ("spanmax", (1 << 64) - 1)):
    d = K.ElfDump(src, "hostile-" + name, truth)
    d.poke(node0 + spanned_off, value)
    outs, log, rc = session(d.path, [("p", "kmem -p"), ("M", "kmem -M"), ("f", "kmem -f"),
                                     ("i", "kmem -i")], timeout=60)
    t.check(rc == 1, f"{name}: batch status 1 (got {rc})")
    for k in ("p", "M", "f", "i"):
        t.check("node 0" in log and "spanned pages lie beyond the dump" in log and hex_in(log, node0),
                f"{name}: kmem -{k}: names node 0, its pglist_data and the span\n{log[-600:]}")
        t.check("(verified)" not in outs[k], f"{name}: kmem -{k} not verified")

# -- a zone's present_pages above its span
zaddr = node0 + zones_off + zone_size * 1
d = K.ElfDump(src, "hostile-present", truth)
span = d.peek(zaddr + spanned_z_off)
d.poke(zaddr + present_off, span + 1)
outs, log, rc = session(d.path, [("f", "kmem -f"), ("z", "kmem -z")])
t.check(rc == 1 and "present pages, more than its" in log and hex_in(log, zaddr),
        f"present > spanned: reported with the zone's address\n{log[-400:]}")

# -- zones that overlap: DMA32 made to start inside DMA
d = K.ElfDump(src, "hostile-zoverlap", truth)
d.poke(zaddr + K.gdb_expr("&((struct zone *)0)->zone_start_pfn"), 16)
outs, log, rc = session(d.path, [("f", "kmem -f"), ("p", "kmem -p")])
t.check(rc == 1 and "overlaps zone DMA" in log and hex_in(log, zaddr),
        f"overlapping zones: reported with the zone's address\n{log[-400:]}")

# -- nr_free of 2^63
d = K.ElfDump(src, "hostile-nrfree", truth)
d.poke(zaddr + nr_free_off, 1 << 63)
outs, log, rc = session(d.path, [("f", "kmem -f"), ("i", "kmem -i"), ("z", "kmem -z")])
t.check("(verified)" not in outs["f"] and "(found" in outs["f"],
        f"nr_free 2^63: kmem -f not verified\n{outs['f'][-300:]}")
t.check("free_area.nr_free 9223372036854775808" in outs["f"],
        f"nr_free 2^63: the difference is shown\n{outs['f'][-400:]}")
t.check(re.search(r"TOTAL MEM", outs["i"]) is not None, "nr_free 2^63: kmem -i completes")
t.check(rc == 0 or rc == 1, f"nr_free 2^63: no crash (status {rc})")

# -- numa: node_data[1] points at node 0's pglist_data (node 0 counted twice)
ndump, ntruth = K.gen_cached("numa")
if len(ntruth["nodes"]) >= 2:
    d = K.ElfDump(ndump, "hostile-dupnode", ntruth)
    pg0 = int(ntruth["nodes"][0]["pgdat"], 16)
    d.poke(K.gdb_expr("&node_data[1]"), pg0)
    outs, log, rc = session(d.path, [("f", "kmem -f"), ("i", "kmem -i"), ("n", "kmem -n")])
    t.check(rc == 1 and "nodes 0 and 0 are one pglist_data" in log or
            "are one pglist_data" in log and hex_in(log, pg0),
            f"node_data[1] = node 0: reported with the pglist_data\n{log[-400:]}")
    t.check("(verified)" not in outs["f"] and "% of TOTAL MEM" not in outs["i"],
            "node_data[1] = node 0: neither verified nor percentages")
    # node_data[nid]->node_id is nid (free_area_init_node()): a pglist_data
    # that names another node (the other's id, a huge or a negative one) is
    # reported with its slot, its address and what it says
    pg1 = int(ntruth["nodes"][1]["pgdat"], 16)
    id_off = K.gdb_expr("&((struct pglist_data *)0)->node_id")
    for slot, pg, bad in ((1, pg1, 0), (1, pg1, 123456), (1, pg1, -5), (0, pg0, 1)):
        d = K.ElfDump(ndump, f"hostile-nodeid-{slot}-{bad}", ntruth)
        d.poke(pg + id_off, bad, "<i")
        outs, log, rc = session(d.path, [("f", "kmem -f"), ("i", "kmem -i"), ("n", "kmem -n")])
        t.check(rc == 1 and f"node_data[{slot}] (pglist_data at {pg:#x}) says node_id {bad}" in log,
                f"node_data[{slot}]->node_id {bad}: reported with the slot and the pglist_data\n{log[-400:]}")
        t.check("(verified)" not in outs["f"] and "% of TOTAL MEM" not in outs["i"],
                f"node_data[{slot}]->node_id {bad}: neither verified nor percentages")
else:
    t.check(False, "the numa scenario has two nodes")

# -- escapes: the zone name "DMA32" -> "D\x1b[\a\n" (same length, NUL kept)
d = K.ElfDump(src, "hostile-escape", truth)
n = d.replace(b"\0DMA32\0", b"\0D\x1b[\a\n\0", -1)
t.check(n >= 1, "the zone name DMA32 is in the dump")
outs, log, rc = session(d.path, [("z", "kmem -z"), ("b", "buddyinfo"), ("f", "kmem -f"),
                                 ("pt", "pagetypeinfo")])
for k, out in outs.items():
    t.check("\x1b" not in out and "\a" not in out, f"escapes: {k}: no raw ESC or BEL")
t.check("D\\033[\\a\\n" in outs["z"] + outs["b"], f"escapes: the name printed escaped\n{outs['b'][:300]}")

# -- the panic message (a scenario that panics): ESC and BEL in its text
pdump, ptruth = K.gen_cached("default")
d = K.ElfDump(pdump, "hostile-panic", ptruth)
out0, _, _ = K.run_one(pdump, "sys", debuginfo=K.MMSCOPE)
m = re.search(r'PANIC: "(.+)"', out0)
if m and len(m.group(1)) >= 4:
    msg = m.group(1).encode()
    bad = b"\x1b[2J\a" + msg[5:] if len(msg) > 5 else b"\x1b\a\n\t"[:len(msg)]
    bad = bad[:len(msg)]
    t.check(d.replace(msg, bad, -1) >= 1, "the panic message is in the dump")
    out, err, rc = K.run_one(d.path, "sys", debuginfo=K.MMSCOPE)
    t.check("\x1b" not in out and "\a" not in out and "\\033" in out,
            f"sys: the panic message printed escaped\n{out}")
else:
    print("NOTE: the default scenario does not panic: the panic-message case is not run")

# -- user input that cannot be right
outs, log, rc = session(src, [
    ("c1", "struct page -c 99999999 0xffff880000000000"),
    ("c2", "struct page -c -9223372036854775808 0xffff880000000000"),
    ("c3", "struct page -c 0 0xffff880000000000"),
    ("i1", "struct zone.free_area[20] 0xffff880000000000"),
    ("i2", "struct zone.free_area[-1] 0xffff880000000000"),
    ("e1", "p (-9223372036854775807 - 1) / -1"),
    ("e2", "p (-9223372036854775807 - 1) % -1"),
    ("e3", "p 1 / 0"),
    ("e4", "p " + "(" * 5000 + "1" + ")" * 5000),
    ("e5", "p 0 + " + "-" * 5000 + "1"),
    ("e6", "eval " + "(" * 5000 + "1" + ")" * 5000),
    ("e7", "p 1 << 200"),
])
t.check(rc == 1, f"user input: batch status 1 (got {rc})")
for k in ("c1", "c2", "c3"):
    t.check(f"invalid count" in log, f"{k}: refused")
t.eq(log.count("invalid count"), 3, "three counts refused")
t.eq(log.count("invalid data structure reference: zone.free_area["), 2, "two indexes refused")
t.check("$1 = -9223372036854775808" in outs["e1"], f"INT64_MIN / -1 wraps: {outs['e1']!r}")
t.check("$2 = 0" in outs["e2"], f"INT64_MIN % -1 is 0: {outs['e2']!r}")
t.check("Division by zero" in log, "1 / 0: Division by zero")
for k in ("e4", "e5", "e6"):
    t.check("nested too deeply" in outs[k], f"{k}: 5000 levels of nesting refused: {outs[k][:80]!r}")
t.check("$3 = 0" in outs["e7"], f"1 << 200 is 0 as gdb's: {outs['e7']!r}")

t.done()
