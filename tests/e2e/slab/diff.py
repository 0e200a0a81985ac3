#!/usr/bin/python3
"""mmscope diff OLD NEW against the two truth files.

The caches listed must be exactly those whose allocated objects
(active_objs), slabs or bytes (num_slabs * PAGE_SIZE << gfporder) differ
between the two truths, or that one dump lacks, ordered by growth in bytes,
then in objects, then by name; the free pages per node, zone and order
(nr_free << order) exactly those that differ.  A dump diffed with itself
shows nothing.  Text and --json."""
import json
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import mstest as K  # noqa: E402

C = K.Checker("diff")


def caches(t):
    return {c["name"]: (c["active_objs"], c["num_slabs"], c["num_slabs"] * (4096 << c["gfporder"]))
            for c in t["caches"]}


def free_pages(t):
    out = {}
    for n in t["nodes"]:
        for z in n["zones"]:
            for a in z["free_area"]:
                out[(n["id"], z["name"], a["order"])] = a["nr_free"] << a["order"]
    return out


def want(ta, tb):
    ca, cb = caches(ta), caches(tb)
    rows = []
    for name in set(ca) | set(cb):
        o, n = ca.get(name, (0, 0, 0)), cb.get(name, (0, 0, 0))
        d = tuple(y - x for x, y in zip(o, n))
        if any(d) or name not in ca or name not in cb:
            rows.append((name, o, n, d))
    rows.sort(key=lambda r: (-r[3][2], -r[3][0], r[0]))
    fa, fb = free_pages(ta), free_pages(tb)
    pages = {k: (fa.get(k, 0), fb.get(k, 0)) for k in set(fa) | set(fb) if fa.get(k, 0) != fb.get(k, 0)}
    return rows, pages


def run(a, b, json_mode):
    args = [K.MMSCOPE, "diff"] + (["--json"] if json_mode else []) + [a, b]
    r = subprocess.run(args, capture_output=True, text=True, timeout=600)
    C.eq(r.returncode, 0, f"mmscope diff {'--json ' if json_mode else ''}exit status ({r.stderr[-300:]!r})")
    return r.stdout


def main():
    da, ta = K.gen_cached("default")
    db, tb = K.gen_cached("slab-leak")
    rows, pages = want(ta, tb)
    C.check(len(rows) > 5 and pages, "the two scenarios differ (the test tests something)")
    j = json.loads(run(da, db, True))
    C.eq([(x["name"], (x["old_objs"] or 0, x["old_slabs"] or 0, x["old_bytes"] or 0),
           (x["new_objs"] or 0, x["new_slabs"] or 0, x["new_bytes"] or 0),
           (x["delta_objs"], x["delta_slabs"], x["delta_bytes"])) for x in j["caches"]],
         rows, "diff --json caches")
    C.eq({(x["node"], x["zone"], x["order"]): (x["old"], x["new"]) for x in j["free_pages"]}, pages,
         "diff --json free pages")
    text = run(da, db, False)
    got = [l.split()[0] for l in text.splitlines()
           if re.match(r"^\S+\s+\d+\s+\d+\s+[-+]\d+\s+\d+\s+\d+\s+[-+]\d+\s+[-+]\d+", l)]
    C.eq(got, [r[0] for r in rows], "diff text: the caches in order")
    new_caches = set(caches(tb)) - set(caches(ta))
    gone_caches = set(caches(ta)) - set(caches(tb))
    C.eq(text.count("(new cache)"), len(new_caches), "diff text marks every new cache, and only those")
    C.eq(text.count("(gone)"), len(gone_caches), "diff text marks every gone cache, and only those")
    got = {(int(m.group(1)), m.group(2), int(m.group(3))): (int(m.group(4)), int(m.group(5)))
           for m in re.finditer(r"^\s*(\d+)  (\S+)\s+(\d+)\s+(\d+)\s+(\d+)\s+[-+]\d+$", text, re.M)}
    C.eq(got, pages, "diff text: free pages")
    same = run(da, da, False)
    C.eq(same.count("(none)"), 2, "a dump diffed with itself shows nothing")
    r = subprocess.run([K.MMSCOPE, "diff", da], capture_output=True, text=True)
    C.eq(r.returncode, 2, "one dump only: a usage error")
    C.done()


main()
