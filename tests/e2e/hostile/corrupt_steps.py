#!/usr/bin/python3
"""refmm's "corrupt" scenario steps, as real bugs damage the buddy lists:
gen applies the damage after the truth file and before the dump, and says
on stderr what it damaged ("gen: corrupt KIND: page ADDR ... list head
ADDR").  For each kind every command that touches the damage completes,
names the list, the page and what is wrong, is never "(verified)", the
batch status is 1, and what the damage does not touch (the zone DMA) still
agrees with the truth file."""
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import mstest as K  # noqa: E402

t = K.Checker("corrupt steps")
SCN = """mem 64M
cpus 2
alloc a order=0 count=200
alloc b order=1 count=100 gfp=GFP_DMA
free a every=2
free b every=2
corrupt {kind} zone=DMA32
"""
WHAT = {
    "freelist-cycle": "duplicate entry (cycle)",
    "freelist-pointer": "invalid kernel virtual address: ffffe8ffdead0000",
    "page-flags": "page flags 0xadbeef set on a free page",
    "page-order": "order 3 in page_private, on the order 0 list",
}


def buddy_row(text, zone):
    m = re.search(r"^Node 0, zone +%s +([\d ]+)$" % zone, text, re.M)
    return [int(x) for x in m.group(1).split()] if m else None


for kind, what in WHAT.items():
    scn = os.path.join(K.tmpdir(), f"corrupt-{kind}.scn")
    dump = os.path.join(K.tmpdir(), f"corrupt-{kind}.vmcore")
    with open(scn, "w") as f:
        f.write(SCN.format(kind=kind))
    r = subprocess.run([K.MMSCOPE, "gen", "-q", "-s", scn, "-o", dump], capture_output=True, text=True,
                       timeout=300)
    if not t.check(r.returncode == 0, f"{kind}: gen succeeds: {r.stderr}"):
        continue
    m = re.search(r"gen: corrupt %s: page 0x([0-9a-f]+) .*list head 0x([0-9a-f]+)\)" % kind, r.stderr)
    if not t.check(m is not None, f"{kind}: gen says what it damaged: {r.stderr!r}"):
        continue
    page, head = m.group(1), m.group(2)
    with open(dump + ".truth.json") as f:
        import json
        truth = json.load(f)
    outs, log, rc = K.run_files(dump, [("f", "kmem -f"), ("F", "kmem -F"), ("i", "kmem -i"),
                                 ("pt", "pagetypeinfo"), ("b", "buddyinfo"), ("p", "kmem -p")],
                          debuginfo=K.MMSCOPE, timeout=120)
    t.eq(rc, 1, f"{kind}: batch status says a command failed")
    t.check(what in outs["f"] and head in outs["f"] and page in outs["f"],
            f"{kind}: kmem -f names the list head {head}, the page {page} and '{what}'\n{outs['f'][:600]}")
    t.check("(verified)" not in outs["f"] and "(found" in outs["f"], f"{kind}: kmem -f not verified")
    t.check(what in outs["F"], f"{kind}: kmem -F reports it too")
    # kmem -i walks the lists too: it says the damage, and FREE stays the
    # machine's (the counters are intact: a broken zone counts NR_FREE_PAGES)
    m_free = re.search(r"^ +FREE +(\d+) ", outs["i"], re.M)
    t.check(what in outs["i"] and "TOTAL MEM" in outs["i"], f"{kind}: kmem -i says '{what}'\n{outs['i'][:600]}")
    t.eq(int(m_free.group(1)) if m_free else None, truth["nr_free_pages"], f"{kind}: kmem -i FREE as the truth has it")
    # kmem ADDR and kmem -f ADDR walk the zone's lists: for the damaged page
    # and for a page of the zone that is not free, each fails and says it;
    # the damaged page's own row is still shown
    used = "%x" % (int(page, 16) + K.page_struct_size(truth))
    for cmd in ("kmem " + page, "kmem -f " + page, "kmem " + used, "kmem -f " + used):
        out, err, rc1 = K.run_one(dump, cmd, debuginfo=K.MMSCOPE, timeout=120)
        t.check(rc1 == 1 and what in out + err and head in out + err,
                f"{kind}: {cmd} fails and names list head {head} and '{what}' (status {rc1})\n{(out + err)[:600]}")
        if cmd == "kmem " + page:
            t.check(re.search(r"^%s +[0-9a-f]+ " % page, out, re.M) is not None, f"{kind}: {cmd} still shows the page")
    t.check(re.search(r"^Node +0, zone +DMA32", outs["pt"], re.M) is not None, f"{kind}: pagetypeinfo completes")
    t.check(len(outs["p"].splitlines()) > 16000, f"{kind}: kmem -p lists every page")
    # the rest is still right: zone DMA's free areas against the truth file
    dma = [z for _, _, z in K.zones(truth) if z["name"] == "DMA"][0]
    want = [fa["nr_free"] for fa in dma["free_area"]]
    t.eq(buddy_row(outs["b"], "DMA"), want, f"{kind}: buddyinfo of DMA, untouched by the damage")

# slab damage: gen applies it and says what it damaged (the oracle: the
# addresses gen printed); kmem -S, which checks every slab, freelist and
# object, names each damage with the cache, the slab or object and where
# the bad value is, goes on, and the batch fails; kmem -s, which checks the
# counters and the arrays, names the two damages it sees.  The page
# allocator's view is untouched (kmem -f still verified).  Red zones and
# poison need CONFIG_DEBUG_SLAB: refmm-alt has it, mmscope's own refmm
# refuses with a message.
ALT = os.path.join(K.BUILD, "refmm-alt")
SLAB = """mem 64M
cpus 2
kmem_cache_create dmg size=200 flags={flags}
kmem_cache_alloc o cache=dmg count={count}
{free}corrupt {kind} cache=dmg
"""


def has_line(text, *words):
    return any(all(w in l for w in words) for l in text.splitlines())


DF = r"array_cache 0x(?P<ac>[0-9a-f]+) entry\[(?P<i>\d+)\] = entry\[0\] = 0x(?P<obj>[0-9a-f]+)"
RZ = r"slab page 0x(?P<slab>[0-9a-f]+) object 0x(?P<obj>[0-9a-f]+) red zone 2 at 0x(?P<rz>[0-9a-f]+) overwritten"
PS = r"slab page 0x(?P<slab>[0-9a-f]+) free object 0x(?P<obj>[0-9a-f]+) written after free"
DBG = "SLAB_RED_ZONE|SLAB_POISON"
# (name, kind, debuginfo, flags, objects, steps before the damage, gen's words);
# the cpu the damage is done on is the array it lands in (the "cpu" step)
for name, kind, exe, flags, count, free, what in (
        ("slab-freelist-index", "slab-freelist-index", K.MMSCOPE, "0", 5, "",
         r"slab page 0x(?P<slab>[0-9a-f]+) freelist\[(?P<i>\d+)\] = (?P<v>\d+) \((?P<n>\d+) objects\)"),
        ("double-free", "double-free", K.MMSCOPE, "0", 40, "kmem_cache_free o every=2\n", DF),
        ("double-free-cpu1", "double-free", K.MMSCOPE, "0", 40,
         "cpu 1\nkmem_cache_free o every=3\n", DF),
        ("double-free-dbg", "double-free", ALT, DBG, 7, "cpu 1\nkmem_cache_free o every=2\n", DF),
        ("redzone", "redzone", ALT, DBG, 40, "kmem_cache_free o every=2\n", RZ),
        ("redzone-live", "redzone", ALT, DBG, 30, "", RZ),
        ("poison", "poison", ALT, DBG, 5, "", PS),
        ("poison-freed", "poison", ALT, DBG, 60, "cpu 1\nkmem_cache_free o every=5\n", PS)):
    scn = os.path.join(K.tmpdir(), f"corrupt-{name}.scn")
    dump = os.path.join(K.tmpdir(), f"corrupt-{name}.vmcore")
    with open(scn, "w") as f:
        f.write(SLAB.format(kind=kind, flags=flags, count=count, free=free))
    runs = []
    for _ in range(2):
        r = subprocess.run([exe, "gen", "-q", "-s", scn, "-o", dump], capture_output=True, text=True,
                           timeout=300)
        runs.append((r.returncode, r.stderr))
    m = re.search(r"gen: corrupt %s: cache dmg: .*%s" % (kind, what), runs[0][1])
    t.check(runs[0][0] == 0 and m, f"{name}: gen damages the cache and says where: {runs[0]}")
    t.eq(runs[1], runs[0], f"{name}: the same damage on the same scenario")
    out, err, rc = K.run_one(dump, "kmem -f", debuginfo=exe)
    t.check(rc == 0 and "(verified)" in out, f"{name}: kmem -f still verified: {out[-200:]}{err}")
    if not m:
        continue
    g = m.groupdict()
    S, errS, rcS = K.run_one(dump, "kmem -S dmg", debuginfo=exe, timeout=300)
    s, errs, rcs = K.run_one(dump, "kmem -s dmg", debuginfo=exe, timeout=300)
    S += errS
    s += errs
    t.eq(rcS, 1, f"{name}: kmem -S fails in batch mode")
    t.check(re.search(r"^[0-9a-f]+ +\d+ +\d+ +\d+ +\d+ +4k +dmg$", S, re.M) is not None,
            f"{name}: kmem -S goes on and prints dmg's row\n{S[-800:]}")
    t.check("errors encountered" in S or "error encountered" in S, f"{name}: kmem -S counts its errors")
    if kind == "slab-freelist-index":
        words = ('"dmg" cache', "slab " + g["slab"], "freelist[%s] = %s out of range (num %s)" % (g["i"], g["v"], g["n"]))
        t.check(has_line(S, *words), f"{name}: kmem -S names cache, slab and index: {words}\n{S[-800:]}")
        t.check(has_line(s, *words), f"{name}: kmem -s too\n{s[-800:]}")
        t.eq(rcs, 1, f"{name}: kmem -s fails")
    elif kind == "double-free":
        # both entries by the array_cache gen wrote them to, on the cpu it ran on
        cpu = 1 if "cpu 1" in free else 0
        arr = "cpu %d array_cache %s" % (cpu, g["ac"])
        words = ('"dmg" cache', "object " + g["obj"],
                 "in the %s entry[0] and the %s entry[%s]" % (arr, arr, g["i"]))
        t.check(has_line(S, *words), f"{name}: kmem -S names the object and both entries of the array_cache: {words}\n{S[-800:]}")
        t.check(has_line(s, *words), f"{name}: kmem -s too\n{s[-800:]}")
        t.eq(rcs, 1, f"{name}: kmem -s fails")
    elif kind == "redzone":
        words = ('"dmg" cache', "slab %s:" % g["slab"], "object " + g["obj"], "red zone 2 at " + g["rz"],
                 "is 0123456789abcdef")
        t.check(has_line(S, *words), f"{name}: kmem -S names cache, slab, object and the red zone: {words}\n{S[-800:]}")
    else:
        # refmm clears the first byte of the object (obj_offset: after red zone 1)
        words = ('"dmg" cache', "slab %s:" % g["slab"], "free object " + g["obj"], "poison overwritten at",
                 "(byte 0 of 200 is 00, not 6b)")
        t.check(has_line(S, *words), f"{name}: kmem -S names cache, slab, object and the byte: {words}\n{S[-800:]}")
    t.check("(verified)" not in S, f"{name}: kmem -S says nothing is verified")
    # kmem ADDR of the damaged slab (its page) or object says the same
    # damage, fails, and still shows the cache's row and the slab
    addr = g["slab"] if kind == "slab-freelist-index" else g["obj"]
    k, errk, rck = K.run_one(dump, "kmem " + addr, debuginfo=exe, timeout=300)
    t.eq(rck, 1, f"{name}: kmem {addr} fails")
    t.check(has_line(k + errk, *words), f"{name}: kmem {addr} names {words}\n{(k + errk)[-800:]}")
    t.check(re.search(r"^[0-9a-f]+ +\d+ +\d+ +\d+ +\d+ +4k +dmg$", k, re.M) is not None,
            f"{name}: kmem {addr} still shows dmg's row\n{k[-800:]}")
r = subprocess.run([K.MMSCOPE, "gen", "-q", "-s", os.path.join(K.tmpdir(), "corrupt-redzone.scn"), "-o",
                    os.path.join(K.tmpdir(), "corrupt-nodebug.vmcore")], capture_output=True, text=True,
                   timeout=300)
t.check(r.returncode == 1 and "no CONFIG_DEBUG_SLAB" in r.stderr
        and not os.path.exists(os.path.join(K.tmpdir(), "corrupt-nodebug.vmcore")),
        f"redzone without CONFIG_DEBUG_SLAB: refused, no dump: {r.stderr!r}")

# the step's own syntax: an unknown damage is an error naming file, line and word
bad = os.path.join(K.tmpdir(), "corrupt-bad.scn")
with open(bad, "w") as f:
    f.write("mem 64M\ncorrupt freelist-knot\n")
r = subprocess.run([K.MMSCOPE, "gen", "-q", "-s", bad, "-o", os.path.join(K.tmpdir(), "corrupt-bad.vmcore")],
                   capture_output=True, text=True, timeout=60)
t.check(r.returncode != 0 and "corrupt-bad.scn" in r.stderr and ":2" in r.stderr
        and "freelist-knot" in r.stderr, f"an unknown damage is refused with its line: {r.stderr!r}")
for line, want in (("corrupt redzone", "needs cache=NAME"), ("corrupt page-flags cache=x", "no cache=")):
    with open(bad, "w") as f:
        f.write("mem 64M\n" + line + "\n")
    r = subprocess.run([K.MMSCOPE, "gen", "-q", "-s", bad, "-o", os.path.join(K.tmpdir(), "corrupt-bad.vmcore")],
                       capture_output=True, text=True, timeout=60)
    t.check(r.returncode != 0 and ":2" in r.stderr and want in r.stderr, f"{line!r}: {want}: {r.stderr!r}")
t.done()
