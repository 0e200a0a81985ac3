#!/usr/bin/python3
"""kmem against the truth file, for one scenario (argv[1]).

Generates the scenario's dump, runs kmem -f, -F, -p, -i, -z, -n, -g, -M,
kmem ADDR (a free page, a per-cpu page, the kernel's PGD, a vmalloc area),
buddyinfo, pagetypeinfo (text and JSON) in one batch session and
checks every figure refmm's own bookkeeping gives: free blocks per zone, order
and migratetype, nr_free counters, the free block list itself (kmem -F),
nr_free_pages, zone sizes, watermarks, addresses."""
import json
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import mstest as K  # noqa: E402


def find_pcp_page(truth, dump, exe):
    """(page, cpu, migratetype index) of the first page on a per-cpu list, via gdb."""
    import subprocess
    for n in truth["nodes"]:
        for zi, z in enumerate(n["zones"]):
            if not z.get("pcp_pages"):
                continue
            exprs = []
            for cpu in range(truth.get("nr_cpus", 1)):
                for mt in range(3):
                    pset = (f"((struct per_cpu_pageset *)((unsigned long)node_data[{n['id']}]->node_zones[{zi}].pageset"
                            f" + __per_cpu_offset[{cpu}]))")
                    exprs += ["-ex", f"print/x (unsigned long){pset}->pcp.lists[{mt}].next",
                              "-ex", f"print/x (unsigned long)&{pset}->pcp.lists[{mt}]"]
            exprs += ["-ex", "print/x (unsigned long)&((struct page *)0)->lru"]
            r = subprocess.run(["gdb", "-nx", "-batch", *exprs, exe, dump], capture_output=True, text=True)
            vals = [int(m, 16) for m in re.findall(r"^\$\d+ = (0x[0-9a-f]+)$", r.stdout, re.M)]
            if len(vals) != 2 * 3 * truth.get("nr_cpus", 1) + 1:
                print("gdb:", r.stdout[-500:], r.stderr[-500:])
                return None
            lru = vals[-1]
            for i in range(0, len(vals) - 1, 2):
                if vals[i] != vals[i + 1]:
                    return vals[i] - lru, (i // 2) // 3, (i // 2) % 3
    return None


def gdb_ints(exe, exprs):
    """Each expression's value as gdb evaluates it on @exe's DWARF, or None
    where gdb cannot (a name this build does not have)."""
    import subprocess
    args = []
    for i, e in enumerate(exprs):
        args += ["-ex", f"echo <{i}>", "-ex", f"print (long)({e})"]
    r = subprocess.run(["gdb", "-nx", "-batch", *args, exe], capture_output=True, text=True)
    got = dict(re.findall(r"<(\d+)>\$\d+ = (-?\d+)", r.stdout))
    return [int(got[str(i)]) if str(i) in got else None for i in range(len(exprs))]


def main():
    scenario = sys.argv[1]
    name = sys.argv[2] if len(sys.argv) > 2 else scenario
    exe = os.environ.get("KMEM_GEN_EXE", K.MMSCOPE)
    debuginfo = os.environ.get("KMEM_DEBUGINFO")
    t = K.Checker(f"kmem {name}")
    # KMEM_GEN_EXTRA: more gen options, e.g. "--format kdump --dump-level 31"
    # (tests/e2e/kdump/ runs every check on compressed dumps too)
    extra = os.environ.get("KMEM_GEN_EXTRA", "").split()
    dump, truth = K.gen_cached(scenario, exe=exe, name=name, extra=extra)
    truth_path = dump + ".truth.json"
    psize = K.page_struct_size(truth, debuginfo or exe)
    mts = K.mt_names(truth)
    pagesize = truth["pagesize"]
    max_order = truth["max_order"]

    # A few addresses for kmem ADDR: a free block of order >= 1 and an in-use page.
    free_pfns = {}
    sample = None
    for n, zi, z in K.zones(truth):
        for fa in z["free_area"]:
            for mt, pfns in fa.get("blocks", {}).items():
                for p in pfns:
                    for k in range(1 << fa["order"]):
                        free_pfns[p + k] = (p, fa["order"], mt, n["id"], z["name"])
                    if sample is None and fa["order"] >= 1:
                        sample = (p, fa["order"], mt, n["id"], z["name"])
    used_pfn = None
    for n in truth["nodes"]:
        for p in range(n["node_start_pfn"] + 1, n["node_start_pfn"] + n["node_spanned_pages"]):
            if p not in free_pfns:
                used_pfn = p
                break
        if used_pfn:
            break
    page_offset = int(truth["page_offset"], 16)

    cmds = [("f", "kmem -f"), ("F", "kmem -F"), ("p", "kmem -p"), ("i", "kmem -i"), ("ishared", "kmem -i=shared"),
            ("z", "kmem -z"), ("n", "kmem -n"), ("g", "kmem -g"), ("M", "kmem -M"),
            ("buddyinfo", "buddyinfo"), ("pagetypeinfo", "pagetypeinfo")]
    if sample:
        p, o = sample[0], sample[1]
        cmds += [("addr_kv", f"kmem {page_offset + (p + 1) * pagesize + 8:x}"),
                 ("addr_phys", f"kmem -f -P {(p + 1) * pagesize:x}"),
                 ("addr_page", f"kmem -p {K.page_addr(truth, p, psize):x}"),
                 ("addr_plain", f"kmem -f {p * pagesize:x}")]
    if used_pfn:
        cmds += [("used", f"kmem -f {page_offset + used_pfn * pagesize:x}")]
    if sample and used_pfn:
        cmds += [("two", f"kmem -f {p * pagesize:x} {page_offset + used_pfn * pagesize:x}"),
                 ("two_rev", f"kmem -f {page_offset + used_pfn * pagesize:x} {p * pagesize:x}")]
    outs, log, rc = K.run_files(dump, cmds, debuginfo=debuginfo, env={"COLUMNS": "100"})
    t.eq(rc, 0, "batch exit status")
    if rc:
        print(log[-3000:])

    # --- kmem -f: the shared floor, then every column
    code, msg = K.truthcheck("kmem-f", truth_path, outs["f"])
    t.check(code == 0, f"truthcheck kmem-f: {msg.strip()}")
    print(msg.strip())
    f = outs["f"]
    t.check(re.search(r"^nr_free_pages: %d  \(verified\)$" % truth["nr_free_pages"], f, re.M),
            "kmem -f: nr_free_pages line")
    t.check("kmem:" not in f, "kmem -f: no errors on a clean dump")
    t.check("kmem:" not in outs["F"], "kmem -F: no errors on a clean dump")
    # Linux 4.0 may leave free blocks on the list of another migratetype than
    # their pageblock's (a fallback that moved a block's free pages without
    # claiming it).  refmm lists those it has; kmem -f counts them in one NOTE,
    # kmem -F names each (at most 10 a list), and there is no other NOTE.
    mism = [(n["id"], z["name"], b) for n, _, z in K.zones(truth) for b in z["pageblock_mismatches"]]
    notes = re.findall(r"^NOTE: (.*)$", f, re.M)
    if mism:
        t.eq(notes, ["%d free block%s lie%s in pageblocks of another migratetype (kmem -F lists them)" %
                     (len(mism), "s" if len(mism) != 1 else "", "" if len(mism) != 1 else "s")],
             "kmem -f: the NOTE counts the blocks off their pageblock's type")
    else:
        t.eq(notes, [], "kmem -f: no NOTE when every free block matches its pageblock")
    Fnotes = re.findall(r"^NOTE: node (\d+) zone (\S+) free_area\[(\d+)\]\.free_list\[(\S+)\] \(list_head [0-9a-f]+\): "
                        r"page ([0-9a-f]+): pageblock migratetype (\S+), on the (\S+) list$", outs["F"], re.M)
    t.eq(len(re.findall(r"^NOTE", outs["F"], re.M)), len(Fnotes), "kmem -F: every NOTE is a pageblock note")
    want_F, per_list = set(), {}
    for nid, zn, b in mism:
        key = (nid, zn, b["order"], b["list"])
        per_list[key] = per_list.get(key, 0) + 1
        want_F.add((nid, zn, b["order"], b["list"], K.page_addr(truth, b["pfn"], psize), b["pageblock"]))
    got_F = {(int(a), zn, int(o), lst, int(pg, 16), pmt) for a, zn, o, lst, pg, pmt, lst2 in Fnotes if lst == lst2}
    t.check(got_F <= want_F, f"kmem -F: noted blocks are refmm's: {sorted(got_F - want_F)[:5]}")
    t.eq(len(Fnotes), sum(min(10, c) for c in per_list.values()), "kmem -F: pageblock notes, at most 10 a list")
    rows = re.findall(r"^ZONE  NAME        SIZE    FREE\s+MEM_MAP\s+START_PADDR  START_MAPNR\n(.*)$", f, re.M)
    want_rows = []
    for n, zi, z in K.zones(truth):
        want_rows.append([str(zi), z["name"], str(z["spanned_pages"]), str(z["free_pages"]),
                          "%x" % int(z["mem_map"], 16), "%x" % (z["start_pfn"] * pagesize),
                          str(z["start_pfn"])])
    t.eq([r.split() for r in rows], want_rows, "kmem -f zone rows (index name size free mem_map paddr mapnr)")
    nodes = re.findall(r"^NODE\n\s+(\d+)$", f, re.M)
    t.eq([int(x) for x in nodes], [n["id"] for n in truth["nodes"]], "kmem -f NODE lines")
    t.eq(len(re.findall(r"^-{74}$", f, re.M)), len(truth["nodes"]) - 1, "node separators")
    # exact columns, rebuilt from the truth with crash's printf widths (crash-spec §2.6)
    def center(w, s, right=False):
        if len(s) >= w:
            return s
        slack = w - len(s)
        left = (slack + 1) // 2 if right else slack // 2
        return " " * left + s + " " * (slack - left)
    exact = []
    for n, zi, z in K.zones(truth):
        exact.append("%3d   %-9s %6d  %6d  %s  %s  %s" % (
            zi, z["name"], z["spanned_pages"], z["free_pages"], center(16, "%x" % int(z["mem_map"], 16)),
            center(11, "%x" % (z["start_pfn"] * pagesize), True), center(11, "%d" % z["start_pfn"], True)))
    got_rows = [l for l in f.splitlines() if re.match(r"^\s*\d+\s+\S+\s+\d+\s+\d+\s+[0-9a-f]+\s+[0-9a-f]+\s+\d+\s*$", l)]
    t.eq(got_rows, exact, "kmem -f zone rows, exact columns")
    t.check(all(l == "ZONE  NAME        SIZE    FREE      MEM_MAP       START_PADDR  START_MAPNR"
                for l in f.splitlines() if l.startswith("ZONE")), "kmem -f zone header, exact")
    for l in f.splitlines():
        m = re.match(r"^\s*(\d+)\s+(\d+k)\s+([0-9a-f]+)\s+(\d+)\s+(\d+)$", l)
        if m:
            want = "%3d  %7s  %s  %6d %6d" % (int(m.group(1)), m.group(2), center(16, m.group(3)),
                                            int(m.group(4)), int(m.group(5)))
            if not t.eq(l, want, "kmem -f area row, exact columns"):
                break
    areas = re.findall(r"^\s*(\d+)\s+(\d+)k\s+([0-9a-f]+)\s+(\d+)\s+(\d+)$", f, re.M)
    for o, kb, addr, blocks, pages in areas:
        t.check(int(kb) == (pagesize << int(o)) // 1024 and int(pages) == int(blocks) << int(o),
                f"area row {o} {kb}k {blocks} {pages}")

    # --- kmem -F: the very blocks refmm has on its lists
    got = {}
    cur = None
    zone_i = -1
    node_i = 0
    order = None
    for line in outs["F"].splitlines():
        m = re.match(r"^\s+(\d+)$", line)
        if m and cur is None:
            node_i = int(m.group(1))
        if line.startswith("ZONE  NAME"):
            cur = "zone"
            continue
        if cur == "zone":
            cur = (node_i, line.split()[1])
            continue
        if line.startswith("NODE"):
            cur = None
            continue
        m = re.match(r"^\s*(\d+)\s+\d+k\s+[0-9a-f]+\s*$", line)
        if m and isinstance(cur, tuple):
            order = int(m.group(1))
            got.setdefault(cur, {}).setdefault(order, set())
            continue
        m = re.match(r"^([0-9a-f]+)$", line)
        if m and isinstance(cur, tuple) and order is not None:
            got[cur][order].add(int(m.group(1), 16))
    for n, zi, z in K.zones(truth):
        for fa in z["free_area"]:
            want = set()
            for pfns in fa.get("blocks", {}).values():
                want |= {K.page_addr(truth, p, psize) for p in pfns}
            g = got.get((n["id"], z["name"]), {}).get(fa["order"], set())
            if want or g:
                t.eq(sorted(g), sorted(want), f"kmem -F node {n['id']} {z['name']} order {fa['order']} blocks")

    # --- pagetypeinfo: per migratetype, exactly
    ptl = {}
    for line in outs["pagetypeinfo"].splitlines():
        m = re.match(r"^Node\s+(\d+), zone\s+(\S+), type\s+(\S+)\s+(.*)$", line)
        if m:
            ptl[(int(m.group(1)), m.group(2), m.group(3))] = [int(x) for x in m.group(4).split()]
    for n, zi, z in K.zones(truth):
        if not z["present_pages"]:
            continue
        for mt in mts:
            want = [fa["by_migratetype"][mt] for fa in z["free_area"]]
            t.eq(ptl.get((n["id"], z["name"], mt)), want, f"pagetypeinfo node {n['id']} {z['name']} {mt}")
    t.check(re.search(r"^Free pages count per migrate type at order\s+0", outs["pagetypeinfo"], re.M),
            "pagetypeinfo header")
    # the pageblock order and the pageblocks of each type: mmscope must read the
    # order from the dump (a variable or VMCOREINFO), as the alt build proves
    pt = outs["pagetypeinfo"]
    po = truth["pageblock_order"]
    t.check(re.search(r"^Page block order: %d\nPages per block:  %d$" % (po, 1 << po), pt, re.M),
            f"pagetypeinfo: pageblock order {po}")
    blk, cols = {}, []
    rest = pt.split("Number of blocks type", 1)
    if len(rest) == 2:
        lines = rest[1].splitlines()
        cols = lines[0].split()
        for line in lines[1:]:
            m = re.match(r"^Node (\d+), zone\s+(\S+)\s+(.*)$", line)
            if m:
                blk[(int(m.group(1)), m.group(2))] = dict(zip(cols, (int(x) for x in m.group(3).split())))
    t.check(set(mts) <= set(cols), f"pagetypeinfo: a pageblock column per migratetype: {cols}")
    for n, zi, z in K.zones(truth):
        if z["present_pages"]:
            # types the truth does not name (Isolate without CONFIG_MEMORY_ISOLATION) hold no block
            t.eq(blk.get((n["id"], z["name"])), {c: z["pageblocks"].get(c, 0) for c in cols},
                 f"pagetypeinfo: pageblocks of each type, node {n['id']} {z['name']}")

    # pagetypeinfo --json: per zone, migratetype and order, from the truth file
    out, err, _ = K.run_one(dump, "pagetypeinfo", debuginfo=debuginfo, json_mode=True)
    try:
        doc = json.loads(out)
        t.eq((doc["pageblock_order"], doc["pages_per_block"], doc["max_order"]),
             (po, 1 << po, truth["max_order"]), "json pagetypeinfo: pageblock order")
        t.check(set(mts) <= set(doc["migratetypes"]), f"json pagetypeinfo migratetypes {doc['migratetypes']}")
        jz = {(z["node"], z["zone"]): z for z in doc["zones"]}
        want_zones = [(n["id"], z["name"]) for n, zi, z in K.zones(truth) if z["present_pages"]]
        t.eq(sorted(jz), sorted(want_zones), "json pagetypeinfo: a record per populated zone")
        for n, zi, z in K.zones(truth):
            if not z["present_pages"] or (n["id"], z["name"]) not in jz:
                continue
            j = jz[(n["id"], z["name"])]
            got = {f["migratetype"]: f["counts"] for f in j["free"]}
            t.eq(j["zone_index"], zi, f"json pagetypeinfo zone_index {z['name']}")
            for mt in doc["migratetypes"]:
                want = [fa["by_migratetype"].get(mt, 0) for fa in z["free_area"]]
                t.eq(got.get(mt), want, f"json pagetypeinfo node {n['id']} {z['name']} {mt}")
            t.eq(j["blocks"], {c: z["pageblocks"].get(c, 0) for c in doc["migratetypes"]},
                 f"json pagetypeinfo: pageblocks, node {n['id']} {z['name']}")
    except (ValueError, KeyError, TypeError) as e:
        t.check(False, f"json pagetypeinfo: {e}: {out[:300]} {err[:300]}")

    # --- buddyinfo: the nr_free counters
    bi = {}
    for line in outs["buddyinfo"].splitlines():
        m = re.match(r"^Node (\d+), zone\s+(\S+)\s+(.*)$", line)
        if m:
            bi[(int(m.group(1)), m.group(2))] = [int(x) for x in m.group(3).split()]
    for n, zi, z in K.zones(truth):
        if z["present_pages"]:
            t.eq(bi.get((n["id"], z["name"])), [fa["nr_free"] for fa in z["free_area"]],
                 f"buddyinfo node {n['id']} {z['name']}")

    # --- kmem -i
    i = outs["i"]
    m = re.search(r"^\s+FREE\s+(\d+)\s", i, re.M)
    t.check(m and int(m.group(1)) == truth["nr_free_pages"], f"kmem -i FREE = nr_free_pages\n{i}")
    m1 = re.search(r"^\s+TOTAL MEM\s+(\d+)\s", i, re.M)
    m2 = re.search(r"^\s+USED\s+(\d+)\s", i, re.M)
    managed = sum(z["managed_pages"] for _, _, z in K.zones(truth))
    t.check(m1 and int(m1.group(1)) == managed, f"kmem -i TOTAL MEM = sum of managed_pages ({managed})")
    t.check(m1 and m2 and int(m2.group(1)) == int(m1.group(1)) - truth["nr_free_pages"], "kmem -i USED")
    t.check(i.startswith("                 PAGES        TOTAL      PERCENTAGE\n"), "kmem -i header")
    # crash 8.0.2 prints SHARED with every kmem -i (8.0.3 only with -i=shared)
    sh = re.search(r"^\s+SHARED\s+(\d+)\s", i, re.M)
    sh2 = re.search(r"^\s+SHARED\s+(\d+)\s", outs["ishared"], re.M)
    t.check(sh and sh2 and sh.group(1) == sh2.group(1) and i == outs["ishared"],
            "SHARED in kmem -i as in crash 8.0.2; -i=shared the same")
    # the hugetlb pool: refmm has no hugetlbfs (no hstates, no nr_huge_pages),
    # for which crash's get_hugetlb_total_pages() gives zeros and prints them
    t.check("\n\n   TOTAL HUGE        0            0         ----\n"
            "    HUGE FREE        0            0    0% of TOTAL HUGE\n\n   TOTAL SWAP" in i,
            "kmem -i: TOTAL HUGE and HUGE FREE 0, between SLAB and TOTAL SWAP as crash prints them")

    # --- kmem -z
    zs = re.findall(r'^NODE: (\d+)  ZONE: (\d+)  ADDR: ([0-9a-f]+)  NAME: "(\S+)"\n(.*)$', outs["z"], re.M)
    t.eq(len(zs), sum(1 for _ in K.zones(truth)), "kmem -z zone count")
    zmap = {(int(a), int(b)): (addr, nm, rest) for a, b, addr, nm, rest in zs}
    for n, zi, z in K.zones(truth):
        e = zmap.get((n["id"], zi))
        if not t.check(e is not None, f"kmem -z node {n['id']} zone {zi}"):
            continue
        t.eq(int(e[0], 16), int(z["addr"], 16), f"kmem -z {z['name']} ADDR")
        if z["spanned_pages"]:
            wm = z["watermark"]
            want = f"  SIZE: {z['spanned_pages']}"
            if z["present_pages"] != z["spanned_pages"]:
                want += f"  PRESENT: {z['present_pages']}"
            want += f"  MIN/LOW/HIGH: {wm['min']}/{wm['low']}/{wm['high']}"
            t.eq(e[2], want, f"kmem -z {z['name']} SIZE line")
    frees = [int(x) for x in re.findall(r"^\s+NR_FREE_PAGES: (\d+)$", outs["z"], re.M)]
    t.eq(frees, [z["free_pages"] for _, _, z in K.zones(truth) if z["spanned_pages"]], "kmem -z NR_FREE_PAGES")

    # --- kmem -n
    for n in truth["nodes"]:
        t.check("%x" % int(n["pgdat"], 16) in outs["n"], f"kmem -n shows pgdat of node {n['id']}")
        t.check("%x" % int(n["node_mem_map"], 16) in outs["n"], f"kmem -n shows mem_map of node {n['id']}")
    # kmem -n --json: a record per node and zone, every value from the truth file
    out, err, _ = K.run_one(dump, "kmem -n", debuginfo=debuginfo, json_mode=True)
    try:
        doc = json.loads(out)
        hx = lambda v: "0x%x" % (int(v, 16) if isinstance(v, str) else v)
        t.eq([(n["node"], n["pgdat"], n["mem_map"], n["spanned_pages"], n["start_pfn"],
               n["start_paddr"]) for n in doc["nodes"]],
             [(n["id"], hx(n["pgdat"]), hx(n["node_mem_map"]), n["node_spanned_pages"],
               n["node_start_pfn"], hx(n["node_start_pfn"] * pagesize)) for n in truth["nodes"]],
             "json kmem -n nodes vs truth")
        t.eq([[(z["zone_index"], z["zone"], z["address"], z["spanned_pages"], z["start_pfn"])
               for z in n["zones"]] for n in doc["nodes"]],
             [[(i, z["name"], hx(z["addr"]), z["spanned_pages"], z["start_pfn"])
               for i, z in enumerate(n["zones"])] for n in truth["nodes"]],
             "json kmem -n zones vs truth")
        t.eq([[z["mem_map"] for z in n["zones"] if z["spanned_pages"]] for n in doc["nodes"]],
             [[hx(z["mem_map"]) for z in n["zones"] if z["spanned_pages"]] for n in truth["nodes"]],
             "json kmem -n zone mem_map vs truth")
        t.check("sections" in doc and "memory_blocks" in doc, "json kmem -n has sections and memory_blocks")
    except (ValueError, KeyError, TypeError) as e:
        t.check(False, f"json kmem -n: {e}: {out[:300]} {err[:300]}")

    # Linux 4.0 marks a free block's head with _mapcount == -128
    # (PAGE_BUDDY_MAPCOUNT_VALUE) and has no PG_buddy; refmm's alternative
    # build has the older kernels' flag as well.  gdb says which this is.
    pg_buddy, pg_slab = gdb_ints(debuginfo or exe, ["PG_buddy", "PG_slab"])

    # --- kmem -p: one row per page; free block heads have count 0, and the
    # buddy flag exactly when the kernel has one
    prow = re.compile(r"^([0-9a-f]+)\s+([0-9a-f]+)\s+([0-9a-f]+)\s+([0-9a-f]+)\s+(-?\d+) ([0-9a-f]+)(?: (\S+))?$")
    plines = outs["p"].splitlines()
    t.check(re.match(r"^\s+PAGE\s+PHYSICAL\s+MAPPING\s+INDEX CNT FLAGS$", plines[0] if plines else ""),
            "kmem -p header")
    nrows = 0
    heads = {p for (p, o, mt, nid, zn) in free_pfns.values()}
    bad = 0
    for line in plines[1:]:
        m = prow.match(line)
        if not m:
            continue
        nrows += 1
        pfn = int(m.group(2), 16) // pagesize
        if pfn in heads:
            names = (m.group(7) or "").split(",")
            if ("buddy" in names) != (pg_buddy is not None) or m.group(5) != "0":
                bad += 1
    t.eq(nrows, sum(n["node_spanned_pages"] for n in truth["nodes"]), "kmem -p rows = spanned pages")
    pw = max(8, len("%x" % (sum(n["node_spanned_pages"] for n in truth["nodes"]) * pagesize)))
    t.eq(plines[0], "%s %s %s %sCNT FLAGS" % (center(16, "PAGE"), "PHYSICAL".rjust(pw),
                                              center(16, "MAPPING", True), center(8, "INDEX", True)),
         "kmem -p header, exact")
    for line in plines[1:50]:
        m = prow.match(line)
        if m:
            want = "%-16x %*x %16x %8x %2d %x" % (int(m.group(1), 16), pw, int(m.group(2), 16), int(m.group(3), 16),
                                                int(m.group(4), 16), int(m.group(5)), int(m.group(6), 16))
            if m.group(7):
                want += " " + m.group(7)
            if not t.eq(line, want, "kmem -p row, exact columns"):
                break
    t.eq(bad, 0, "kmem -p: free block heads with count 0, buddy flag %s" %
         ("set" if pg_buddy is not None else "absent (4.0)"))
    # a page on a per-cpu list, found by gdb reading the same dump (an independent reader);
    # gdb cannot read a compressed kdump: there the truth file's pcp lists say
    if truth.get("dump_format", "elf") == "elf":
        pcp = find_pcp_page(truth, dump, debuginfo or exe)
    else:
        pcp = next(((K.page_addr(truth, l["pfns"][0], psize), l["cpu"], mts.index(l["migratetype"]))
                    for _, _, z in K.zones(truth) for l in z.get("pcp_lists", []) if l["pfns"]), None)
    if pcp:
        page, cpu, mi = pcp
        out, _, _ = K.run_one(dump, f"kmem {page:x}", debuginfo=debuginfo)
        t.check(re.search(r"is free on the per-cpu list of cpu %d \(%s\)" % (cpu, mts[mi]), out),
                f"kmem ADDR on a per-cpu page (cpu {cpu}, {mts[mi]}): {out}")
        out, _, _ = K.run_one(dump, f"kmem {page:x}", debuginfo=debuginfo, json_mode=True)
        try:
            fb = json.loads(out)["addresses"][0]["free_block"]
            t.eq((fb["free"], fb["per_cpu_list"]), (False, {"cpu": cpu, "migratetype": mts[mi],
                                                            "page": "0x%x" % page}),
                 "json kmem ADDR on a per-cpu page")
        except (ValueError, KeyError, IndexError, TypeError) as e:
            t.check(False, f"json kmem ADDR on a per-cpu page: {e}: {out[:300]}")
        # crash's kmem -f ADDR searches the free areas only: nothing for a pcp page
        out, err, rc = K.run_one(dump, f"kmem -f {page:x}", debuginfo=debuginfo)
        t.check(out == "" and err == "" and rc == 0,
                f"kmem -f on a per-cpu page prints nothing, as crash: {out!r} {err!r} {rc}")
    elif sum(z.get("pcp_pages", 0) for _, _, z in K.zones(truth)):
        t.check(False, "gdb found no per-cpu page although the truth has some")

    # --- kmem -g: the dump's enum pageflags (PG_buddy only where it exists)
    g = outs["g"]
    t.check(g.startswith("PAGE-FLAG"), "kmem -g header")
    t.eq(re.search(r"^PG_buddy\s", g, re.M) is not None, pg_buddy is not None,
         "kmem -g lists PG_buddy exactly when the debuginfo has it")
    flag, bit = ("PG_buddy", pg_buddy) if pg_buddy is not None else ("PG_slab", pg_slab)
    m = re.search(r"^%s\s+(\d+)\s+([0-9a-f]+)$" % flag, g, re.M)
    t.check(m is not None and int(m.group(1)) == bit, f"kmem -g lists {flag} as bit {bit}")
    if bit is not None:
        out, _, _ = K.run_one(dump, f"kmem -g {1 << bit:x}", debuginfo=debuginfo)
        t.check(re.search(r"^FLAGS: %x\n  PAGE-FLAG\s+BIT  VALUE\n  %s\s+%d\s+0*%x$" % (1 << bit, flag, bit, 1 << bit),
                          out, re.M), f"kmem -g {1 << bit:x} decodes {flag}:\n{out}")

    # kmem -g --json: a record per PG_ bit, each bit as gdb evaluates the
    # enumerator on the same DWARF; a flags value keeps only its bits
    out, err, _ = K.run_one(dump, "kmem -g", debuginfo=debuginfo, json_mode=True)
    try:
        bits = json.loads(out)["bits"]
        names = [b["name"] for b in bits]
        gbits = gdb_ints(debuginfo or exe, names)
        t.check(len(bits) >= 10 and all(b["name"].startswith("PG_") for b in bits),
                f"json kmem -g lists the PG_ bits: {names}")
        t.eq([(b["bit"], b["value"]) for b in bits], [(g, 1 << g if g is not None else None) for g in gbits],
             "json kmem -g bits and values vs gdb")
        t.check((pg_buddy is not None) == ("PG_buddy" in names), "json kmem -g has PG_buddy where gdb does")
        want = [(n, g) for n, g in zip(names, gbits) if g in (0, 3, bit)]
        mask = sum(1 << g for _, g in want)
        out, err, _ = K.run_one(dump, f"kmem -g {mask:x}", debuginfo=debuginfo, json_mode=True)
        doc = json.loads(out)
        t.eq((doc["flags"], [(b["name"], b["bit"]) for b in doc["bits"]]), ("0x%x" % mask, want),
             f"json kmem -g {mask:x}")
    except (ValueError, KeyError, TypeError) as e:
        t.check(False, f"json kmem -g: {e}: {out[:300]} {err[:300]}")

    # --- kmem -M
    mm = outs["M"]
    t.check("LEGEND" in mm and "free:" in mm, "kmem -M legend")
    t.check(max(len(x) for x in mm.splitlines()) <= 100 or "LEGEND" in mm.splitlines()[-2], "kmem -M width")
    picture = [x for x in mm.splitlines() if re.match(r"^\s*[0-9a-f]+ [.SUPRo ]+$", x)]
    t.check(picture and all(len(x) <= 100 for x in picture), "kmem -M rows within COLUMNS=100")
    t.check(any("." in x for x in picture) or not truth["nr_free_pages"], "kmem -M shows free memory")
    m = re.search(r"\. free: (\d+) pages", mm)
    t.eq(int(m.group(1)) if m else None,
         truth["nr_free_pages"] + sum(z.get("pcp_pages", 0) for _, _, z in K.zones(truth)),
         "kmem -M free pages = buddy free + per-cpu pages")
    m = re.findall(r"(\d+) pages", mm.split("LEGEND")[-1])
    t.eq(sum(int(x) for x in m), sum(n["node_spanned_pages"] for n in truth["nodes"]),
         "kmem -M classes add up to every page")

    # --- kmem ADDR / -f ADDR
    if sample:
        p, o, mt, nid, zn = sample
        a = outs["addr_kv"]
        # crash 8.0.2 (dump_free_pages_zones_v2): "in" only for a physical
        # address; a kernel virtual address inside the page reads "ADDR is"
        t.check(re.search(r"^%x  \(%x is 2nd of %d pages\)$" % (K.page_addr(truth, p, psize),
                          page_offset + (p + 1) * pagesize + 8, 1 << o), a, re.M),
                f"kmem kvaddr: block of pfn {p} order {o}:\n{a}")
        t.check(re.search(r"^\s+%d\s+%dk\s+[0-9a-f]+\s*$" % (o, (pagesize << o) // 1024), a, re.M),
                "kmem kvaddr: AREA row of the order")
        t.check(re.search(r"^\s+PAGE\s+PHYSICAL", a, re.M) and "buddy" not in a.splitlines()[-1] or o == 0,
                "kmem kvaddr: page row of a non-head page")
        t.check(re.search(r"\(%x is 2nd of %d pages\)" % ((p + 1) * pagesize, 1 << o), outs["addr_phys"]),
                f"kmem -f -P: {outs['addr_phys']}")
        t.check(re.search(r"^%x\s+%x\s" % (K.page_addr(truth, p, psize), p * pagesize), outs["addr_page"], re.M)
                and ("buddy" in outs["addr_page"]) == (pg_buddy is not None), f"kmem -p PAGE: {outs['addr_page']}")
        t.check(re.search(r"\(%x is 1st of %d pages\)" % (p * pagesize, 1 << o), outs["addr_plain"]),
                f"kmem -f plain number = physical: {outs['addr_plain']}")
    if used_pfn:
        # crash (dump_free_pages_zones_v2) prints nothing for a page in no free block
        t.eq(outs["used"], "", "kmem -f on an in-use page")
    if sample and used_pfn:
        # crash: a blank line before each address's output but the first,
        # whether or not the one before printed anything
        t.eq(outs["two"], outs["addr_plain"] + "\n", "kmem -f FREE USED")
        t.eq(outs["two_rev"], "\n" + outs["addr_plain"], "kmem -f USED FREE")

    # --- JSON: kmem -f, -i, -z, -p ADDR, buddyinfo
    jouts_cmd_jp = f"kmem -p {page_offset + (sample[0] if sample else 1) * pagesize:x}"
    jcmds = [("jf", "kmem -f"), ("ji", "kmem -i"), ("jz", "kmem -z"), ("jb", "buddyinfo"), ("jp", jouts_cmd_jp),
             ("jn", "kmem -n"), ("jt", "pagetypeinfo")]
    if sample and used_pfn and sample[1]:
        jcmds.append(("jfa", f"kmem -f {(sample[0] + 1) * pagesize:x} {page_offset + used_pfn * pagesize:x}"))
    # kmem ADDR...: a free page (kernel virtual, physical), an in-use page,
    # the kernel's PGD (a symbol and a page table), a vmalloc address
    vm0 = truth["vmlist"][0] if truth.get("vmlist") else None
    ka = []
    if sample:
        ka += [("free_kv", page_offset + (sample[0] + 1) * pagesize + 8),
               ("free_phys", (sample[0] + 1) * pagesize + 0x10)]
    if used_pfn:
        ka.append(("used", page_offset + used_pfn * pagesize))
    ka.append(("pgd", int(truth["pgd"]["vaddr"], 16)))
    if vm0:
        ka.append(("vmalloc", int(vm0["addr"], 16) + 0x10))
    jcmds.append(("jka", "kmem " + " ".join("%x" % a for _, a in ka)))
    jouts, log, rc = K.run_files(dump, jcmds, debuginfo=debuginfo, json_mode=True)
    try:
        recs = dict(zip([k for k, _ in ka], json.loads(jouts["jka"])["addresses"]))
        t.eq(len(recs), len(ka), "json kmem ADDR...: a record per address")
        for k, a in ka:
            r = recs[k]
            t.eq((r["address"], r["physical"]), ("0x%x" % a, k == "free_phys"), f"json kmem ADDR {k}: address")
            t.check(all(key in r for key in ("symbol", "vmalloc", "user", "slab", "page_table", "free_block",
                                             "page")), f"json kmem ADDR {k}: every step's key: {sorted(r)}")
            t.check("addr" not in r, f"json kmem ADDR {k}: no key \"addr\"")
        if sample:
            p, o, mt, nid, zn = sample
            for k in ("free_kv", "free_phys"):
                fb = recs[k]["free_block"]
                t.eq((fb["free"], fb["node"], fb["zone"], fb["order"], fb["migratetype"], fb["pfn"], fb["page"],
                      fb["pages"], fb["index"]),
                     (True, nid, zn, o, mt, p, "0x%x" % K.page_addr(truth, p, psize), 1 << o, 1),
                     f"json kmem ADDR {k}: the truth's free block")
                t.eq((recs[k]["page"]["pfn"], recs[k]["page"]["page"]),
                     (p + 1, "0x%x" % K.page_addr(truth, p + 1, psize)), f"json kmem ADDR {k}: its page")
                t.check(recs[k]["symbol"] is None and recs[k]["slab"] is None,
                        f"json kmem ADDR {k}: no symbol, no slab")
            # the text of the same address names the same block head and page
            t.check(re.search(r"^%s  \(" % recs["free_kv"]["free_block"]["page"][2:], outs["addr_kv"], re.M)
                    and re.search(r"^%s\s" % recs["free_kv"]["page"]["page"][2:], outs["addr_kv"], re.M),
                    "json kmem ADDR: the block head and page of the text")
        if used_pfn:
            r = recs["used"]
            t.eq((r["free_block"]["free"], r["page"]["pfn"]), (False, used_pfn), "json kmem ADDR: an in-use page")
        r = recs["pgd"]
        # swapper_pg_dir and init_level4_pgt are one address: any name nm(1) gives it
        import subprocess
        nm = subprocess.run(["nm", debuginfo or exe], capture_output=True, text=True).stdout
        names = {l.split()[2] for l in nm.splitlines()
                 if len(l.split()) == 3 and int(l.split()[0], 16) == int(truth["pgd"]["vaddr"], 16)}
        sym = r["symbol"] or {}
        t.check(truth["pgd"]["symbol"] in names and sym.get("name") in names and sym.get("offset") == 0
                and sym.get("value") == "0x%x" % int(truth["pgd"]["vaddr"], 16),
                f"json kmem ADDR PGD: its symbol, one of nm's {sorted(names)}: {sym}")
        t.eq(((r["page_table"] or {}).get("level"), (r["page_table"] or {}).get("kernel")), ("PGD", True),
             "json kmem ADDR PGD: the kernel's PGD table")
        t.eq(r["page"]["physical"], "0x%x" % int(truth["pgd"]["paddr"], 16), "json kmem ADDR PGD: its page")
        if vm0:
            v = recs["vmalloc"]["vmalloc"] or {}
            t.eq((v.get("vmap_area"), v.get("start"), v.get("size"), v.get("caller"), v.get("caller_symbol")),
                 (vm0["vmap_area"], vm0["addr"], vm0["size"], vm0["caller"], vm0["caller_symbol"]),
                 "json kmem ADDR: the truth's vmalloc area and caller")
    except (ValueError, KeyError, IndexError, TypeError) as e:
        t.check(False, f"json kmem ADDR: {e}: {jouts.get('jka', '')[:500]}")
    if "jfa" in jouts:
        # kmem -f ADDR...: a record per address, the block from the truth file
        p, o, mt, nid, zn = sample
        try:
            ja = json.loads(jouts["jfa"])["addresses"]
            t.eq([(a["address"], a["physical"], a["free"], a["node"], a["zone"], a["order"], a["migratetype"],
                   a["pfn"], a["page"], a["pages"], a["index"]) for a in ja[:1]],
                 [("0x%x" % ((p + 1) * pagesize), True, True, nid, zn, o, mt, p,
                   "0x%x" % K.page_addr(truth, p, psize), 1 << o, 1)], "json kmem -f FREE-ADDR")
            t.eq([(a["address"], a["physical"], a["free"]) for a in ja[1:]],
                 [("0x%x" % (page_offset + used_pfn * pagesize), False, False)], "json kmem -f USED-ADDR")
        except (ValueError, KeyError, IndexError) as e:
            t.check(False, f"json kmem -f ADDR: {e}: {jouts['jfa'][:500]}")
    try:
        jf = json.loads(jouts["jf"])
        t.eq((jf["schema"], jf["command"]), (1, "kmem -f"), "json kmem -f: schema and command")
        t.eq(jf["nr_free_pages"], truth["nr_free_pages"], "json kmem -f nr_free_pages")
        t.check(jf["verified"] is True, "json kmem -f verified")
        t.eq(jf["max_order"], max_order, "json kmem -f max_order (from DWARF)")
        for (n, zi, z), jn in zip(K.zones(truth), [(jn, jz) for jn in jf["nodes"] for jz in jn["zones"]]):
            node, jz = jn
            t.eq(node["node"], n["id"], "json node id")
            t.eq((jz["node"], jz["zone"]), (n["id"], z["name"]), "json kmem -f zone: node and zone name")
            if "pcp_pages" in z:
                t.eq(jz.get("pcp_pages"), z["pcp_pages"], f"json kmem -f node {n['id']} {z['name']} pcp_pages")
            for key in ("start_pfn", "spanned_pages", "present_pages", "managed_pages", "free_pages"):
                t.eq(jz[key], z[key], f"json kmem -f node {n['id']} {z['name']} {key}")
            for fa, ja in zip(z["free_area"], jz["free_area"]):
                t.eq(ja["nr_free"], fa["nr_free"], f"json {z['name']} order {fa['order']} nr_free")
                jm = ja["by_migratetype"]
                t.eq({k: jm.get(k) for k in fa["by_migratetype"]}, fa["by_migratetype"],
                     f"json {z['name']} order {fa['order']} by_migratetype")
                # types the truth file leaves out (Isolate without CONFIG_MEMORY_ISOLATION) hold nothing
                t.eq(sum(v for k, v in jm.items() if k not in fa["by_migratetype"]), 0,
                     f"json {z['name']} order {fa['order']} other migratetypes")
    except (ValueError, KeyError) as e:
        t.check(False, f"json kmem -f: {e}: {jouts['jf'][:500]}")
    try:
        ji = json.loads(jouts["ji"])
        t.eq(ji["free"]["pages"], truth["nr_free_pages"], "json kmem -i free")
        t.eq((ji["total_huge"]["pages"], ji["huge_free"]["pages"], ji["huge_free"]["percent"]), (0, 0, 0),
             "json kmem -i: no hugetlb pages in refmm")
    except (ValueError, KeyError) as e:
        t.check(False, f"json kmem -i: {e}: {jouts['ji'][:300]}")
    try:
        jz = json.loads(jouts["jz"])
        t.eq([(z["zone"], z["watermark"]) for z in jz["zones"]],
             [(z["name"], z["watermark"]) for _, _, z in K.zones(truth)], "json kmem -z watermarks")
    except (ValueError, KeyError) as e:
        t.check(False, f"json kmem -z: {e}: {jouts['jz'][:300]}")
    try:
        jb = json.loads(jouts["jb"])
        t.eq([(b["node"], b["zone"], b["nr_free"]) for b in jb["zones"]],
             [(n["id"], z["name"], [fa["nr_free"] for fa in z["free_area"]])
              for n, _, z in K.zones(truth) if z["present_pages"]], "json buddyinfo")
    except (ValueError, KeyError) as e:
        t.check(False, f"json buddyinfo: {e}: {jouts['jb'][:300]}")
    # One zone-record shape: every command that emits a zone record names the
    # zone with the same keys, and the values are the truth file's (its
    # struct zone's address too); no record keeps the old "addr".
    ident = ("node", "zone", "zone_index", "address")
    want = [(n["id"], z["name"], zi, "0x%x" % int(z["addr"], 16)) for n, zi, z in K.zones(truth)]
    populated = [w for w, (_, _, z) in zip(want, K.zones(truth)) if z["present_pages"]]
    for key, cmd, exp in (("jf", "kmem -f", want), ("jz", "kmem -z", want), ("jn", "kmem -n", want),
                          ("jb", "buddyinfo", populated), ("jt", "pagetypeinfo", populated)):
        try:
            doc = json.loads(jouts[key])
            zl = [jz for jn in doc["nodes"] for jz in jn["zones"]] if "nodes" in doc else doc["zones"]
            t.eq([tuple(z.get(k) for k in ident) for z in zl], exp,
                 f"json {cmd}: zones named by {', '.join(ident)} as in the truth file")
            t.check(all("addr" not in z for z in zl), f"json {cmd}: no zone record says \"addr\"")
        except (ValueError, KeyError, TypeError) as e:
            t.check(False, f"json {cmd} zones: {e}: {jouts[key][:300]}")
    try:
        # a stream: JSON Lines, a header line, then one object per page
        lines = [json.loads(line) for line in jouts["jp"].splitlines()]
        t.eq(lines[0], {"schema": 1, "command": jouts_cmd_jp, "stream": True}, "json kmem -p: header line")
        jp = lines[1:]
        t.check(len(jp) == 1 and jp[0]["pfn"] == (sample[0] if sample else 1), f"json kmem -p ADDR: {jp}")
        if sample:
            t.check(jp[0]["count"] == 0 and jp[0]["mapcount"] == -128 and
                    ("buddy" in jp[0]["flag_names"]) == (pg_buddy is not None),
                    f"json kmem -p: free head page (count 0, _mapcount -128, buddy flag iff PG_buddy): {jp}")
    except (ValueError, KeyError, IndexError) as e:
        t.check(False, f"json kmem -p: {e}: {jouts['jp'][:300]}")
    t.done()


main()
