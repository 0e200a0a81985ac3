#!/usr/bin/python3
"""kmem -s, -S, -s NAME|ADDR and kmem ADDR on SLAB objects, against the
truth file (refmm's own census of every cache) for every built-in scenario
but "big" (make bench's), and for refmm-alt's CONFIG_DEBUG_SLAB build read
through its own DWARF.

Per cache, kmem -s must show the truth's address, size (crash's OBJSIZE is
kmem_cache.size), active_objs (objects in per-CPU, shared and alien arrays
count as free, as crash counts them), num_objs, num_slabs and
PAGE_SIZE << gfporder, in slab_caches order; --json the same figures.
kmem -S must list num_slabs slab rows and, per cache, exactly
active_objs allocated objects, free_objs free ones and cpu_avail +
shared_avail + alien_avail cached ones, with no consistency error on these
clean dumps (red zones and poison included on the debug build).  kmem ADDR
on the truth's sample objects (allocated, free, cached) must name the cache
and show the object in the right state; on the debug build an allocated
object of a SLAB_STORE_USER cache shows its last user, which must be the
function nm(1) finds for the word stored after the object, plus the
offset.  kmem ADDR --json on all the samples at once: a record per address
whose "slab" names the same cache, object and state, its "page" the page
the text shows.  Usage: kmem_slab.py [SCENARIO[@NAME]...]: @NAME names the dump
(WORK/NAME.vmcore), made with the gen options in KMEM_GEN_EXTRA, as for
tests/e2e/kmem/check_scenario.py."""
import json
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import mstest  # noqa: E402

C = mstest.Checker("kmem_slab")
ROW = re.compile(r"^([0-9a-f]+)\s+(\d+)\s+(\d+|\?)\s+(\d+|\?)\s+(\d+|\?)\s+(\d+)k\s+(\S+)$")
SLAB_ROW = re.compile(r"^([0-9a-f]+)\s+([0-9a-f]+)\s+(\d+)\s+(\d+)\s+(\d+)$")
STORE_USER = 0x10000
LAST_USERS = []


def rows(text):
    return [ROW.match(l) for l in text.splitlines() if ROW.match(l)]


def check_s(tag, truth, text, js):
    caches = truth["caches"]
    got = rows(text)
    C.eq([m.group(7) for m in got], [c["name"] for c in caches], f"{tag}: kmem -s names in slab_caches order")
    by = {m.group(7): m for m in got}
    for c in caches:
        m = by.get(c["name"])
        if not C.check(m is not None, f"{tag}: kmem -s has {c['name']}"):
            continue
        want = (int(c["addr"], 16), c["size"], c["active_objs"], c["num_objs"], c["num_slabs"],
                (4096 << c["gfporder"]) // 1024)
        g = (int(m.group(1), 16), int(m.group(2)), int(m.group(3)), int(m.group(4)), int(m.group(5)),
             int(m.group(6)))
        C.eq(g, want, f"{tag}: {c['name']} (CACHE, OBJSIZE, ALLOCATED, TOTAL, SLABS, SSIZE)")
    try:
        j = json.loads(js)["caches"]
    except (ValueError, KeyError):
        C.check(False, f"{tag}: kmem -s --json parses: {js[:200]!r}")
        return
    C.eq([(x["name"], x["allocated"], x["total"], x["slabs"], x["ssize"]) for x in j],
         [(c["name"], c["active_objs"], c["num_objs"], c["num_slabs"], 4096 << c["gfporder"]) for c in caches],
         f"{tag}: kmem -s --json")


def check_S(tag, truth, text):
    """Per cache: slab rows, allocated / free / cached object lines."""
    C.check("kmem:" not in text, f"{tag}: kmem -S reports no problem on a clean dump: "
            + "; ".join(l for l in text.splitlines() if "kmem:" in l)[:600])
    per = {}
    cur = None
    for l in text.splitlines():
        m = ROW.match(l)
        if m:
            cur = per.setdefault(m.group(7), dict(slabs=0, inuse=0, free=0, cached=0, rows_alloc=0))
            continue
        if cur is None:
            continue
        s = SLAB_ROW.match(l)
        if s:
            cur["slabs"] += 1
            cur["rows_alloc"] += int(s.group(4))
        elif l.startswith("  ["):
            cur["inuse"] += 1
        elif re.match(r"^   [0-9a-f]+  \((cpu \d+|shared|alien) cache\)$", l):
            cur["cached"] += 1
        elif re.match(r"^   [0-9a-f]+$", l):
            cur["free"] += 1
    for c in truth["caches"]:
        g = per.get(c["name"])
        if not C.check(g is not None, f"{tag}: kmem -S shows {c['name']}"):
            continue
        want = dict(slabs=c["num_slabs"], inuse=c["active_objs"], free=c["free_objs"],
                    cached=c["cpu_avail"] + c["shared_avail"] + c["alien_avail"], rows_alloc=c["active_objs"])
        C.eq(g, want, f"{tag}: kmem -S {c['name']}")


def check_addr(tag, truth, outs, funcs):
    for c in truth["caches"]:
        for kind, a in c["samples"].items():
            if not a:
                continue
            out = outs.get(f"addr-{c['name']}-{kind}", "")
            obj = int(a, 16)
            ok = C.check(re.search(r"^%x\s+%d\s" % (int(c["addr"], 16), c["size"]), out, re.M) is not None,
                         f"{tag}: kmem {a} names cache {c['name']}: {out[:300]!r}")
            if not ok:
                continue
            if kind == "inuse":
                m = re.search(r"^  \[([0-9a-f]+)\](?:  last user: (\S+))?$", out, re.M)
                C.check(m and int(m.group(1), 16) <= obj < int(m.group(1), 16) + c["size"],
                        f"{tag}: kmem {a}: allocated object of {c['name']}: {out!r}")
                if m and funcs is not None and c["flags"] & STORE_USER:
                    word = c.get("_user")
                    C.check(word is not None, f"{tag}: {c['name']}: nm names the last user")
                    C.eq(m.group(2), word, f"{tag}: kmem {a}: last user of {c['name']}")
                    LAST_USERS.append(word)
            elif kind == "free":
                m = re.search(r"^   ([0-9a-f]+)$", out, re.M)
                C.check(m and int(m.group(1), 16) <= obj < int(m.group(1), 16) + c["size"],
                        f"{tag}: kmem {a}: free object of {c['name']}: {out!r}")
            else:
                m = re.search(r"^   ([0-9a-f]+)  \((cpu \d+|shared|alien) cache\)$", out, re.M)
                C.check(m and int(m.group(1), 16) <= obj < int(m.group(1), 16) + c["size"],
                        f"{tag}: kmem {a}: cached object of {c['name']}: {out!r}")


def check_addr_json(tag, truth, outs, jout, addrs):
    """kmem ADDR --json on every sample object at once: one document, a record
    per address in the order given, whose "slab" names the truth's cache and
    holds the object in the truth's state, the same object the text shows."""
    try:
        doc = json.loads(jout)
        recs = doc["addresses"]
    except (ValueError, KeyError, TypeError) as e:
        C.check(False, f"{tag}: kmem ADDR... --json: {e}: {jout[:300]!r}")
        return
    C.eq([r["address"] for r in recs], ["0x%x" % int(a, 16) for _, _, a in addrs],
         f"{tag}: kmem ADDR... --json: a record per address, in order")
    want_state = {"inuse": ("allocated",), "free": ("free",), "cached": ("cpu", "shared", "alien")}
    for (c, kind, a), r in zip(addrs, recs):
        obj = int(a, 16)
        sl = r.get("slab") or {}
        C.check(sl.get("name") == c["name"] and sl.get("cache") == "0x%x" % int(c["addr"], 16)
                and sl.get("size") == c["size"] and sl.get("in") == "object",
                f"{tag}: json kmem {a}: the slab record names {c['name']}: {sl}")
        o = int(sl.get("object", "0x0"), 16)
        C.check(o <= obj < o + c["size"] and sl.get("state") in want_state[kind],
                f"{tag}: json kmem {a}: {kind} object of {c['name']}: {sl}")
        # the same object and page as the text of the same command
        text = outs.get(f"addr-{c['name']}-{kind}", "")
        m = re.search(r"^  \[([0-9a-f]+)\]|^   ([0-9a-f]+)(?:  \(|$)", text, re.M)
        C.check(m and int(m.group(1) or m.group(2), 16) == o, f"{tag}: json kmem {a}: the text's object")
        rows_p = [l.split() for l in text.split("PAGE       PHYSICAL")[-1].splitlines()[1:] if l.strip()]
        pg = r.get("page") or {}
        # PG_slab on the slab's first page; a later page of a bigger slab is a tail
        C.check(rows_p and pg.get("page") == "0x" + rows_p[0][0] and
                {"slab", "tail"} & set(pg.get("flag_names", [])),
                f"{tag}: json kmem {a}: the text's page, PG_slab or a tail: {pg}")
        C.check(r.get("free_block", {}).get("free") is False and r.get("vmalloc") is None
                and r.get("user") is None, f"{tag}: json kmem {a}: in no free block, no vmalloc area")
        if kind == "inuse" and c.get("_user"):
            C.eq(sl.get("caller"), c["_user"], f"{tag}: json kmem {a}: last user of {c['name']}")


def last_users(dump, exe, truth, funcs):
    """The word after each sample allocated object of a SLAB_STORE_USER cache,
    read with gdb (an independent reader), named from nm."""
    want = [c for c in truth["caches"] if c["flags"] & STORE_USER and c["samples"]["inuse"]]
    if not want:
        return
    # the sample is the object's start; its last-user word ends the object
    exprs = ["*(unsigned long *)(%s + %d - 8)" % (c["samples"]["inuse"], c["size"]) for c in want]
    args = ["gdb", "-nx", "-batch"]
    for e in exprs:
        args += ["-ex", "printf \"%lx\\n\", " + e]
    out = subprocess.run(args + [exe, dump], capture_output=True, text=True, timeout=600).stdout
    vals = [l for l in out.splitlines() if re.fullmatch(r"[0-9a-f]+", l)]
    if not C.eq(len(vals), len(want), "gdb read every last-user word"):
        return
    for c, v in zip(want, vals):
        c["_user"] = mstest.text_symbol_offset(funcs, int(v, 16))


def scenario(scn, exe=mstest.MMSCOPE, name=None, debuginfo=None, extra=()):
    tag = name or scn
    dump, truth = mstest.gen_cached(scn, exe=exe, name=name, extra=extra)
    funcs = None
    if debuginfo:
        funcs = mstest.text_symbols(debuginfo)
        last_users(dump, debuginfo, truth, funcs)
    cmds = [("s", "kmem -s"), ("S", "kmem -S")]
    for c in truth["caches"]:
        for kind, a in c["samples"].items():
            if a:
                cmds.append((f"addr-{c['name']}-{kind}", f"kmem {a}"))
    # names and cache addresses select one cache
    for c in truth["caches"][:5]:
        cmds.append((f"name-{c['name']}", f"kmem -s {c['name']}"))
        cmds.append((f"caddr-{c['name']}", f"kmem -s {c['addr'][2:]}"))
    cmds.append(("i", "kmem -i"))
    with_inuse = [c for c in truth["caches"] if c["samples"]["inuse"]][:4]
    for c in with_inuse:
        cmds.append((f"p-{c['name']}", f"kmem -p {c['samples']['inuse']}"))
    outs, log, rc = mstest.run_files(dump, cmds, debuginfo=debuginfo)
    C.eq(rc, 0, f"{tag}: the batch session's exit status ({log[-400:]!r})")
    # kmem -i's SLAB line: every slab's pages (the NR_SLAB_* counters)
    m = re.search(r"^\s*SLAB\s+(\d+)", outs["i"], re.M)
    C.eq(int(m.group(1)) if m else None, sum(c["num_slabs"] << c["gfporder"] for c in truth["caches"]),
         f"{tag}: kmem -i SLAB pages = the slabs' pages")
    # kmem -p on an object: its page has PG_slab; kmem PAGE-STRUCT names the cache
    pcmds = []
    for c in with_inuse:
        pout = outs[f"p-{c['name']}"]
        rows_p = [l.split() for l in pout.splitlines()[1:] if l.strip()]
        ok = C.check(rows_p and "slab" in rows_p[0][-1].split(","),
                     f"{tag}: kmem -p on a {c['name']} object shows the slab flag: {pout!r}")
        if ok:
            pcmds.append((f"page-{c['name']}", f"kmem {rows_p[0][0]}"))
    pouts, _, _ = mstest.run_files(dump, pcmds, debuginfo=debuginfo)
    for c in with_inuse:
        if f"page-{c['name']}" in pouts:
            out = pouts[f"page-{c['name']}"]
            C.check(re.search(r"^%x\s+%d\s" % (int(c["addr"], 16), c["size"]), out, re.M) is not None
                    and "FREE / [ALLOCATED]" in out,
                    f"{tag}: kmem on the slab's page struct names {c['name']} and lists the slab: {out[:300]!r}")
    js, _, _ = mstest.run_one(dump, "kmem -s", debuginfo=debuginfo, json_mode=True)
    check_s(tag, truth, outs["s"], js)
    check_S(tag, truth, outs["S"])
    check_addr(tag, truth, outs, funcs)
    # kmem ADDR... --json, 90 addresses a command (a command line takes 100 words)
    addrs = [(c, kind, a) for c in truth["caches"] for kind, a in c["samples"].items() if a]
    chunks = [addrs[i:i + 90] for i in range(0, len(addrs), 90)]
    jouts, jlog, jrc = mstest.run_files(dump, [(f"j{i}", "kmem " + " ".join(a for _, _, a in ch))
                                               for i, ch in enumerate(chunks)],
                                        debuginfo=debuginfo, json_mode=True)
    C.eq(jrc, 0, f"{tag}: kmem ADDR... --json: no error on a clean dump ({jlog[-300:]!r})")
    for i, ch in enumerate(chunks):
        check_addr_json(tag, truth, outs, jouts[f"j{i}"], ch)
    for c in truth["caches"][:5]:
        for k in ("name", "caddr"):
            r = rows(outs[f"{k}-{c['name']}"])
            C.eq([m.group(7) for m in r], [c["name"]], f"{tag}: kmem -s {k} {c['name']} shows that cache alone")
    print(f"{tag}: {len(truth['caches'])} caches")


def main():
    scns = sys.argv[1:] or ["tiny", "default", "fragmented", "full", "numa", "slab", "slab-leak"]
    alt = os.path.join(mstest.BUILD, "refmm-alt")
    for scn in scns:
        if scn.startswith("alt-"):
            scenario(scn[4:], exe=alt, name=scn, debuginfo=alt)
        else:
            scn, _, name = scn.partition("@")
            scenario(scn, name=name or None, extra=os.environ.get("KMEM_GEN_EXTRA", "").split())
    if any(s.startswith("alt-") for s in scns):
        C.check(len(LAST_USERS) >= 3, f"last users checked on the debug build: {LAST_USERS}")
        print("last users checked:", len(LAST_USERS))
    C.done()


if __name__ == "__main__":
    main()
