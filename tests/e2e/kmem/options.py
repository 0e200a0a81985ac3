#!/usr/bin/python3
"""kmem's option rules as crash has them (crash-spec.md §2.6 and §0.4), on the
tiny dump: one main flag, usage blocks, no address with -z/-n/-i/-F/-M,
unknown options, a bad address, and the session going on after each error."""
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import mstest as K  # noqa: E402

t = K.Checker("kmem options")
dump, truth = K.gen_cached("tiny")
USAGE = re.compile(r"^Usage:\n  kmem \[-f\|-F.*\n(       .*\n)*Enter \"help kmem\" for details\.$", re.M)

def one(cmd):
    out, err, rc = K.run_one(dump, cmd)
    return out, err, rc

out, err, rc = one("kmem -f -p")
t.check("kmem: only one flag allowed!" in out and USAGE.search(out), f"kmem -f -p: {out}")
t.check(rc != 0, "kmem -f -p fails the batch")
out, _, _ = one("kmem -F -i")
t.check("kmem: only one flag allowed!" in out, f"kmem -F -i: {out}")
for opt in ("-i", "-z", "-n", "-F", "-M"):
    out, _, rc = one(f"kmem {opt} 1000")
    t.check("kmem: no address arguments allowed with this option" in out and USAGE.search(out),
            f"kmem {opt} 1000: {out}")
out, _, rc = one("kmem")
t.check(USAGE.search(out) and rc != 0, f"kmem alone: {out}")
out, err, rc = one("kmem -q")
t.check(USAGE.search(out) and "invalid option" in err + out, f"kmem -q: {out} {err}")
out, _, rc = one("kmem -f zz")
t.check(USAGE.search(out), f"kmem -f zz (a slab name without -s): {out}")
out, _, rc = one("kmem -z -f")
t.check(re.search(r"^NODE: 0  ZONE: 0", out, re.M) and "nr_free_pages:" in out and rc == 0,
        f"kmem -z -f combine: {out[:300]}")
out, _, rc = one("kmem -n -z")
t.check("MEM_MAP" in out and "MIN/LOW/HIGH" in out and rc == 0, "kmem -n -z combine")
out, _, rc = one("kmem -p ffffffffffff0000")
t.check("kmem: ffffffffffff0000: kernel virtual address not found in mem map" in out and rc != 0,
        f"kmem -p bad address: {out}")
out, _, rc = one("kmem -g 0")
t.check(out.startswith("FLAGS: 0\n") and "(none found)" in out, f"kmem -g 0: {out}")
# kmem -h on a kernel without hugetlbfs (refmm has no hstates[]): crash's
# message, and the batch fails
out, _, rc = one("kmem -h")
t.check("kmem: hstates[] array does not exist" in out and rc != 0, f"kmem -h without hstates: {out}")
# the session goes on after an error
out, _, rc = K.run_one(dump, "kmem -f -p\nkmem -g")
t.check("only one flag allowed" in out and "PG_locked" in out, "session continues after a usage error")
out, _, rc = one("help kmem")
t.check("-M" in out and "-f" in out, "help kmem")
out, _, rc = one("buddyinfo x")
t.check(re.search(r"^Usage:\n  buddyinfo", out, re.M), f"buddyinfo x: {out}")
out, _, rc = one("pagetypeinfo -z")
t.check(re.search(r"^Usage:\n  pagetypeinfo", out, re.M), f"pagetypeinfo -z: {out}")
# a pipe whose reader goes away stops the walk quietly; the command did not fail
for cmd in ("kmem -p | head -3", "kmem -F | head -3", "kmem -m flags | head -3"):
    out, err, rc = one(cmd)
    t.check(rc == 0 and len(out.splitlines()) == 3 and "kmem:" not in out, f"{cmd}: rc {rc}: {out}")
# kmem -m: members by DWARF name, as crash formats them
psize = K.page_struct_size(truth)
blk = None
for n, zi, z in K.zones(truth):
    for fa in z["free_area"]:
        for mt, pfns in fa["blocks"].items():
            if pfns and fa["order"] >= 1 and blk is None:
                blk = (pfns[0], fa["order"])
page = K.page_addr(truth, blk[0], psize)
out, _, rc = one(f"kmem -m lru,flags,_count,_mapcount,private,mapping {page:x}")
lines = out.splitlines()
t.check(rc == 0 and len(lines) == 2 and lines[0].split() == ["PAGE", "lru", "flags", "_count", "_mapcount",
                                                              "private", "mapping"], f"kmem -m header: {out}")
f = lines[1].split() if len(lines) > 1 else []
t.check(len(f) == 7 and f[0] == "%x" % page and re.fullmatch(r"[0-9a-f]{16},[0-9a-f]{16}", f[1])
        and f[3] == "0" and f[4] == "-128" and f[5] == str(blk[1]) and f[6] == "0" * 16,
        f"kmem -m row of a free block head (order {blk[1]}): {out}")
pout, _, _ = one(f"kmem -p {page:x}")
# crash 8.0.2's show_page_member_data(): flags "%016lx", every member followed by two spaces
t.check(len(f) > 2 and re.fullmatch(r"[0-9a-f]{16}", f[2]) and
        int(pout.splitlines()[1].split()[5], 16) == int(f[2], 16), "kmem -m flags = kmem -p flags, as %016lx")
t.check(len(lines) > 1 and lines[1].endswith("  ") and not lines[1].endswith("   "),
        f"kmem -m: two spaces after the last member: {lines[1:]!r}")
out, _, rc = one("kmem -m flags,_count")
rows = [l for l in out.splitlines()[1:] if re.match(r"^[0-9a-f]+  [0-9a-f]{16}  -?\d+  $", l)]
t.eq(len(rows), sum(n["node_spanned_pages"] for n in truth["nodes"]), "kmem -m: one row per page")
out, _, rc = one("kmem -m nosuch")
t.check("kmem: invalid data structure reference: page.nosuch" in out and rc != 0, f"kmem -m nosuch: {out}")
out, _, rc = one("kmem -m flags -p")
t.check("only one flag allowed" in out, "kmem -m with -p")
t.done()
