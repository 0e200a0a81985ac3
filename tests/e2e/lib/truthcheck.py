#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Compare mmscope's text output with a refmm truth file. Usage: truthcheck.py kmem-f|kmem-s|ps TRUTH.json OUTPUT.txt

Vendored from the project's shared tools (../shared/tools/truthcheck.py) so
that the tests do not depend on a checkout next to this one; keep the two
in step."""
import json, re, sys

def zones(t):
    for n in t["nodes"]:
        for z in n["zones"]:
            yield n["id"], z

def check_kmem_f(t, out):
    """Every zone's BLOCKS per order in `kmem -f` equals the truth's nr_free; nr_free_pages too."""
    want = {}
    total = 0
    for nid, z in zones(t):
        total += z["free_pages"]
        want[(nid, z["name"])] = [a["nr_free"] for a in z["free_area"]]
    got, cur, nid = {}, None, 0
    lines = out.splitlines()
    for i, l in enumerate(lines):
        if re.match(r"^\s*NODE\s*$", l) and i + 1 < len(lines):
            m = re.match(r"^\s*(\d+)", lines[i + 1]); nid = int(m.group(1)) if m else nid
        if re.match(r"^\s*ZONE\s+NAME\s+SIZE\s+FREE", l) and i + 1 < len(lines):
            f = lines[i + 1].split()
            cur = (nid, f[1]); got[cur] = {}
        m = re.match(r"^\s*(\d+)\s+(\d+)k\s+[0-9a-f]+\s+(\d+)\s+(\d+)\s*$", l)
        if m and cur is not None:
            # crash prints one row per order, or per order and free_list (migratetypes): sum by order
            o = int(m.group(1)); got[cur][o] = got[cur].get(o, 0) + int(m.group(3))
    bad = []
    for k, v in want.items():
        if sum(v) == 0 and k not in got:
            continue
        g = got.get(k)
        if g is None:
            bad.append(f"zone {k} missing from kmem -f")
        elif [g.get(o, 0) for o in range(len(v))] != v:
            bad.append(f"zone {k}: kmem -f blocks {[g.get(o, 0) for o in range(len(v))]} != truth {v}")
    m = re.search(r"nr_free_pages:\s*(\d+)\s*\(verified\)", out)
    if not m:
        bad.append("no 'nr_free_pages: N  (verified)' line")
    elif int(m.group(1)) != total:
        bad.append(f"nr_free_pages {m.group(1)} != truth {total}")
    return bad, f"{len(want)} zones, {total} free pages"

def check_kmem_s(t, out):
    """Every cache's ALLOCATED, TOTAL and SLABS in `kmem -s` equal the truth."""
    got = {}
    for l in out.splitlines():
        f = l.split()
        if len(f) >= 7 and re.fullmatch(r"[0-9a-f]{6,16}", f[0]) and f[1].isdigit():
            got[f[-1]] = (int(f[2]), int(f[3]), int(f[4]))
    bad = []
    for c in t.get("caches", []):
        g = got.get(c["name"])
        w = (c["active_objs"], c["num_objs"], c["num_slabs"])
        if g is None:
            bad.append(f"cache {c['name']} missing")
        elif g != w:
            bad.append(f"cache {c['name']}: kmem -s {g} != truth {w}")
    if not t.get("caches"):
        bad.append("truth file has no caches")
    return bad, f"{len(t.get('caches', []))} caches"

def check_ps(t, out):
    pids = set()
    for l in out.splitlines():
        m = re.match(r"^[>\s]*(\d+)\s+(\d+)\s+", l)
        if m:
            pids.add(int(m.group(1)))
    want = {x["pid"] for x in t.get("tasks", [])}
    bad = [] if want and want <= pids else [f"ps shows {len(pids)} pids, truth has {len(want)}; missing {sorted(want - pids)[:5]}"]
    return bad, f"{len(want)} tasks"

CHECKS = {"kmem-f": check_kmem_f, "kmem-s": check_kmem_s, "ps": check_ps}

if __name__ == "__main__":
    t = json.load(open(sys.argv[2]))
    out = open(sys.argv[3], errors="replace").read()
    bad, what = CHECKS[sys.argv[1]](t, out)
    for b in bad[:10]:
        print(b)
    print(("FAIL " if bad else "ok ") + f"{sys.argv[1]}: {what}, {len(bad)} mismatches")
    sys.exit(1 if bad else 0)
