#!/usr/bin/python3
"""The "data" of p, struct, union and list -s --json, against gdb.

mmscope adds to each value it prints in JSON mode the value as data
("data", mmscope(1) JSON OUTPUT): structures and unions as objects with
their anonymous struct/union members flattened in, arrays as lists (the
elements gdb's text shows, its repeats spelt out; a cut array named in
"data_truncated"), char arrays as the string up to the first NUL (escaped as
gdb escapes it), pointers and functions as "0x..." strings, integers and
bitfields as numbers, bool as true/false and enums by name.

The oracle is gdb on the same dump with the same debuginfo: a Python script
run inside gdb walks each value through gdb's own types and memory
(gdb.Value, field by field, element by element) and writes the data those
rules give; the two are compared member by member.  gdb's text is used once
more to check that an array mmscope calls cut is one gdb prints with "...".
Usage: json_data_gdb.py [DUMP] (needs top_builddir; without DUMP a dump of
"tiny" is generated).  Exit 77 (skip) without gdb, 99 (an error) when the
dump cannot be generated."""
import json, os, subprocess, sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import mstest  # noqa: E402
from mstest import check  # noqa: E402

mmscope = mstest.MMSCOPE

# Runs inside gdb: the oracle (tests/e2e/lib/gdb_data.py).
GDB_SCRIPT = os.path.join(mstest.SRC, "tests", "e2e", "lib", "gdb_data.py")


def gdb_data(dump, tmp, exprs):
    """[{"data": ..., "cut": [paths]}] of each of @exprs, from gdb."""
    inp, out = (os.path.join(tmp, n) for n in ("jd_in.json", "jd_out.json"))
    with open(inp, "w") as f:
        json.dump(exprs, f)
    env = dict(os.environ, JD_IN=inp, JD_OUT=out)
    r = subprocess.run(mstest.gdb_args(dump, ("set charset ASCII",)) + ["-x", GDB_SCRIPT],
                       capture_output=True, text=True, env=env, timeout=600 * mstest.SLOW)
    if not os.path.exists(out):
        print(r.stdout[-3000:], r.stderr[-3000:])
        raise SystemExit("the gdb script wrote nothing")
    with open(out) as f:
        lines = [json.loads(l) for l in f]
    if len(lines) != len(exprs):
        print(r.stdout[-3000:], r.stderr[-3000:])
        raise SystemExit("the gdb script wrote %d values for %d expressions" % (len(lines), len(exprs)))
    return [{"data": l["data"], "cut": l.get("data_truncated", [])} for l in lines]


def docs(text):
    """The JSON documents (objects and JSON Lines) of a session's output."""
    dec, i, res = json.JSONDecoder(), 0, []
    while True:
        while i < len(text) and text[i].isspace():
            i += 1
        if i >= len(text):
            return res
        o, i = dec.raw_decode(text, i)
        res.append(o)


def diff(mine, want, path, out):
    """The paths where @mine and @want differ, into @out."""
    if isinstance(want, dict) and isinstance(mine, dict):
        for k in want:
            if k not in mine:
                out.append("%s.%s: missing" % (path, k))
            else:
                diff(mine[k], want[k], "%s.%s" % (path, k), out)
        out.extend("%s.%s: not in gdb" % (path, k) for k in mine if k not in want)
    elif isinstance(want, list) and isinstance(mine, list):
        if len(mine) != len(want):
            out.append("%s: %d elements, gdb %d" % (path, len(mine), len(want)))
        for i, (m, w) in enumerate(zip(mine, want)):
            diff(m, w, "%s[%d]" % (path, i), out)
    elif mine != want or type(mine) is not type(want):
        out.append("%s: %r, gdb %r" % (path, mine, want))


def compare(what, rec, want):
    """@rec's "data" and "data_truncated" against gdb's @want."""
    bad = []
    if "data" not in rec:
        bad.append("no \"data\" key")
    else:
        diff(rec["data"], want["data"], "", bad)
    if rec.get("data_truncated", []) != want["cut"]:
        bad.append("data_truncated %r, gdb %r" % (rec.get("data_truncated"), want["cut"]))
    check(not bad, what + ": data as gdb", "\n".join(bad[:20]))


def main(tmp):
    run(mstest.dump_arg(tmp), tmp)


def session(dump, cmds):
    """The JSON documents of each of @cmds, run in one --json session."""
    outs, log, rc = mstest.run_files(dump, [("c%d" % i, c) for i, c in enumerate(cmds)],
                                     debuginfo=mmscope, json_mode=True)
    check(rc == 0, "the session's status (99: valgrind's errors)", log[-3000:])
    return [docs(outs["c%d" % i]) for i in range(len(cmds))], log


def run(dump, tmp):
    # pages of interest: pfn 0, a slab page (its union members in use) and a free page
    # (-128: the kernel's PAGE_BUDDY_MAPCOUNT_VALUE, a macro the DWARF lacks)
    pfns = mstest.gdb(dump, ["python import gdb; n = int(gdb.parse_and_eval('max_pfn')); "
                             "slab = 1 << int(gdb.parse_and_eval('PG_slab')); "
                             "mm = gdb.parse_and_eval('mem_map'); "
                             "s = next(i for i in range(n) if int(mm[i]['flags']) & slab); "
                             "b = next(i for i in range(n) if int(mm[i]['_mapcount']['counter']) == -128); "
                             "print(s, b)"])
    slab_pfn, free_pfn = (int(x) for x in pfns[0].split())
    page = [("mem_map[%d]" % p) for p in (0, slab_pfn, free_pfn)]
    exprs = page + [
        "*node_data[0]",                              # zones, locks, an enum, arrays
        "node_data[0]->node_zones[1].free_area",      # a zone's free_area: array of structs
        "node_data[0]->node_zones[1].free_area[0]",
        "node_data[0]->classzone_idx",                # an enum alone
        "node_data[0]->node_zones[1].name",           # a char pointer: the address only
        "init_task",                                  # comm, bitfields, nested anonymous unions
        "init_task.comm",                             # a char array
        "mem_map[%d].frozen" % slab_pfn,              # a bitfield
        "mem_map[%d].pfmemalloc" % slab_pfn,          # a bool
        "mem_map",                                    # a pointer
        "pcpu_first_chunk_map",                       # 1024 ints: repeats spelt out
        "__per_cpu_offset",
        "vmcoreinfo_data",                            # a char array cut at 200
        "refmm_panic_msg",                            # all NUL: ""
        "init_thread_union",                          # a union; its stack: 2043 zeros in a run
        "jiffies", "max_pfn",
        "__free_pages",                               # a function: its address
    ]
    want = gdb_data(dump, tmp, exprs)
    got, log = session(dump, ["p " + e for e in exprs])
    for e, d, w in zip(exprs, got, want):
        vals = d[0].get("values") if d else None
        check(bool(vals) and len(vals) == 1, "p %s --json: one value" % e, log[-2000:] + repr(d)[:2000])
        if vals:
            compare("p " + e, vals[0], w)
            check(isinstance(vals[0].get("value"), (str, int)), "p %s: \"value\" kept" % e, repr(vals[0])[:500])

    # the keys mmscope(1) promises, spelt out on values whose meaning is known
    byexpr = {e: d[0]["values"][0] for e, d in zip(exprs, got) if d and d[0].get("values")}
    slab = byexpr[page[1]]["data"]
    check(isinstance(slab.get("flags"), int) and "lru" in slab and "_mapcount" in slab and "inuse" in slab,
          "struct page: anonymous members flattened", repr(slab)[:800])
    check(byexpr["init_task.comm"]["data"] == "swapper/0", "init_task.comm is \"swapper/0\"",
          repr(byexpr["init_task.comm"]))
    check(byexpr["refmm_panic_msg"]["data"] == "", "an empty char array is \"\"", repr(byexpr["refmm_panic_msg"])[:300])
    check(byexpr["vmcoreinfo_data"].get("data_truncated") == [""], "vmcoreinfo_data: cut, said so",
          repr(byexpr["vmcoreinfo_data"].get("data_truncated")))
    check(len(byexpr["pcpu_first_chunk_map"]["data"]) == 1024 and
          "data_truncated" not in byexpr["pcpu_first_chunk_map"],
          "pcpu_first_chunk_map: all 1024 elements (gdb shows them as repeats)", "")
    check(byexpr["mem_map[%d].pfmemalloc" % slab_pfn]["data"] in (True, False), "bool as true/false",
          repr(byexpr["mem_map[%d].pfmemalloc" % slab_pfn]))
    check(byexpr["node_data[0]->classzone_idx"]["data"].startswith("ZONE_"), "an enum by name",
          repr(byexpr["node_data[0]->classzone_idx"]))
    check(byexpr["mem_map"]["data"] == byexpr["mem_map"]["value"], "a pointer: the \"0x...\" of value",
          repr(byexpr["mem_map"]))
    # p of a function crashed in the value history before: its text is gdb's too
    g = mstest.gdb_print(dump, ["__free_pages"])[0]
    check(byexpr["__free_pages"]["value"] == g, "p __free_pages: gdb's text",
          "%r\n%r" % (byexpr["__free_pages"]["value"], g))

    # cut exactly where gdb's own text prints "..."
    for expr, owner, path in (("vmcoreinfo_data", "vmcoreinfo_data", ""),
                              ("init_thread_union.stack", "init_thread_union", ".stack"),
                              ("pcpu_first_chunk_map", "pcpu_first_chunk_map", "")):
        text = mstest.gdb(dump, ["p " + expr], settings=("set charset ASCII",))[0].rstrip()
        gdb_cut = text.endswith('"...') or text.endswith("...}")
        ours = path in byexpr[owner].get("data_truncated", [])
        check(ours == gdb_cut, "%s: cut (%s) as gdb's text" % (expr, ours), text[-200:])
    check(len(byexpr["init_thread_union"]["data"]["stack"]) == 2048 and
          byexpr["init_thread_union"]["data"]["stack"][5:] == [0] * 2043,
          "init_thread_union.stack: 2048 elements, the run of zeros spelt out", "")

    # struct and union at an address, and with members; list -s
    addrs = [int(byexpr[p]["address"], 16) for p in page]
    tu = int(byexpr["init_thread_union"]["address"], 16)
    task = int(byexpr["init_task"]["address"], 16)
    members = ["flags", "lru", "inuse", "frozen", "_mapcount", "slab_cache"]
    cmds = ["struct page %x" % a for a in addrs] + ["union thread_union %x" % tu] + \
           ["struct page.%s %x" % (",".join(members), addrs[1]),
            "list -s task_struct.comm,pid,mm -h %x -o task_struct.tasks" % task]
    got, log = session(dump, cmds)
    want = gdb_data(dump, tmp, ["*(struct page *)0x%x" % a for a in addrs] +
                    ["*(union thread_union *)0x%x" % tu] +
                    ["((struct page *)0x%x)->%s" % (addrs[1], m) for m in members])
    whole = len(addrs) + 1     # struct page ADDR (three), union thread_union ADDR
    for c, d in zip(cmds[:-1], got[:-1]):
        rows = d[1:] if d and d[0].get("stream") else []
        check(len(rows) == 1, c + " --json: one row", log[-2000:] + repr(d)[:1000])
    for c, d, w in zip(cmds[:whole], got[:whole], want[:whole]):
        if len(d) == 2:
            compare(c, d[1], w)
    rows = got[whole][1:]
    check(bool(rows) and [r["name"] for r in rows[0]["members"]] == members, "struct page.MEMBERS: in order",
          repr(rows)[:500])
    for m, r, w in zip(members, rows[0]["members"] if rows else [], want[whole:]):
        compare("struct page.%s" % m, r, w)
    rows = got[-1][1:]
    check(len(rows) > 3, "list -s over the tasks: rows", repr(got[-1])[:500])
    tasks = [int(r["address"], 16) for r in rows]
    want = gdb_data(dump, tmp, ["((struct task_struct *)0x%x)->%s" % (t, m)
                                for t in tasks for m in ("comm", "pid", "mm")])
    for i, r in enumerate(rows):
        for k, s in enumerate(r.get("show", [])):
            compare("list -s %x %s" % (tasks[i], s.get("member")), s, want[3 * i + k])
    return None


if __name__ == "__main__":
    sys.exit(mstest.main(main, prefix="json_data_gdb."))
