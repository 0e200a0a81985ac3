#!/usr/bin/python3
"""p, struct, union, whatis and sym on a generated dump, against gdb.

gdb reads the same core with the same executable (mmscope is its own
debuginfo), so for every global it can print, "p VAR" must give gdb's text
after "$N = ", "struct NAME ADDR" must give gdb's "p *(struct NAME *)ADDR"
after "struct NAME ", and the struct layout must match gdb's ptype.  Also:
crash's error strings, and that the session goes on after each of them.
Usage: p_struct_gdb.py [DUMP] (needs top_builddir; without DUMP, a dump of
"tiny" is generated; DUMP must be an ELF dump gdb can read).  Exit 77 (skip)
without gdb, 99 (an error) when the dump cannot be generated."""
import json, os, re, subprocess, sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import mstest  # noqa: E402
from mstest import check  # noqa: E402

mmscope = mstest.MMSCOPE


def batch(dump, cmds):
    """Run the commands in one batch session; the output of each."""
    return mstest.batch_rc(dump, cmds, debuginfo=mmscope)


# mmscope prints a string's bytes >= 0x80 as octal escapes, which is what gdb
# does with an ASCII charset; gdb's default follows the locale, and in a UTF-8
# one prints "<incomplete sequence \316>" where a byte starts a multibyte
# character the next byte does not finish (padding bytes can).  Pin the charset
# so that the oracle does not depend on the locale the tests run in.
CHARSET = "set charset ASCII"


def gdb(dump, cmds):
    return mstest.gdb(dump, cmds, settings=("set print pretty on", "set width 0", CHARSET))


def sym_json(dump, cmd):
    """The rows of a JSON stream, after checking its header line."""
    out, err, _ = mstest.run_one(dump, cmd, debuginfo=mmscope, json_mode=True)
    lines = [json.loads(l) for l in out.splitlines()]
    check(bool(lines) and lines[0] == {"schema": 1, "command": cmd, "stream": True},
          cmd + ": JSON stream header", out + err)
    return lines[1:]


def without_data(rows):
    """@rows without the "data" of each value (tested by json_data_gdb.py),
    after checking every value has one: the text keys are this test's."""
    def strip(r):
        check("data" in r, "JSON value has \"data\"", repr(r)[:300])
        return {k: v for k, v in r.items() if k != "data"}
    return [strip(r) if "members" not in r else
            dict({k: v for k, v in r.items() if k != "members"}, members=[strip(m) for m in r["members"]])
            for r in rows]


def strip_history(text):
    """'VAR = $3 = value' or '$3 = value' -> 'value'."""
    return re.sub(r"^(?:\S+ = )?\$\d+ = ", "", text, count=1)


def main(tmp):
    run(mstest.dump_arg(tmp))


def run(dump):
    # ---- p VAR, for globals gdb can print from the core
    vars_ = ["max_pfn", "max_low_pfn", "totalram_pages", "min_free_kbytes", "user_min_free_kbytes",
             "gfp_allowed_mask", "sysctl_lowmem_reserve_ratio", "zone_names", "node_data",
             "mem_map", "*node_data[0]", "node_data[0]->node_zones[1]",
             "node_data[0]->node_zones[1].name", "node_data[0]->node_zones[0].free_area[3]",
             "&node_data[0]->node_zones[1].free_area[2].free_list[1]",
             "node_data[0]->node_id",
             "*mem_map", "mem_map[1].flags", "sizeof(struct page)", "sizeof(struct zone)",
             "(unsigned long)node_data[0] + 8", "&mem_map[3] - mem_map"]
    mine, _ = batch(dump, ["p " + v for v in vars_])
    theirs = gdb(dump, ["p " + v for v in vars_])
    for v, m, t in zip(vars_, mine, theirs):
        if "No symbol" in t or "There is no member" in t:
            continue  # not in this refmm build
        check(strip_history(m) == strip_history(t), "p " + v, " mmscope: %s gdb:     %s" % (m, t))

    # ---- p -x against gdb's output-radix 16
    hexvars = ["max_pfn", "node_data[0]->node_zones[1].free_area[0]", "zone_names"]
    mine, _ = batch(dump, ["p -x " + v for v in hexvars])
    theirs = mstest.gdb(dump, ["p " + v for v in hexvars],
                        settings=("set print pretty on", "set output-radix 16", CHARSET))
    for v, m, t in zip(hexvars, mine, theirs):
        check(strip_history(m) == strip_history(t), "p -x " + v, " mmscope: %s gdb:     %s" % (m, t))

    # ---- struct NAME ADDR against p *(struct NAME *)ADDR
    addr_out, _ = batch(dump, ["p -x (unsigned long)node_data[0]",
                               "p -x (unsigned long)&node_data[0]->node_zones[1]",
                               "p -x (unsigned long)mem_map"])
    addrs = [int(strip_history(a).strip(), 16) for a in addr_out]
    cases = [("pglist_data", addrs[0]), ("zone", addrs[1]), ("page", addrs[2]),
             ("list_head", addrs[1] + 0)]
    mine, _ = batch(dump, ["struct %s %x" % c for c in cases])
    theirs = gdb(dump, ["p *(struct %s *)0x%x" % c for c in cases])
    for (name, addr), m, t in zip(cases, mine, theirs):
        want = "struct %s " % name + strip_history(t)
        check(m == want, "struct %s %x" % (name, addr), " mmscope: %s want:    %s" % (m[:2000], want[:2000]))

    # per-cpu: ADDR:cpuspec adds __per_cpu_offset[cpu], as gdb does by hand
    pcp, _ = batch(dump, ["p -x (unsigned long)node_data[0]->node_zones[1].pageset"])
    pcp = int(strip_history(pcp[0]).strip(), 16)
    mine, _ = batch(dump, ["struct per_cpu_pageset %x:0,1" % pcp])
    theirs_pcp = gdb(dump, ["p/x (unsigned long)(0x%x + __per_cpu_offset[%d])" % (pcp, c) for c in (0, 1)] +
                     ["p *(struct per_cpu_pageset *)(0x%x + __per_cpu_offset[%d])" % (pcp, c) for c in (0, 1)])
    want = ""
    for c in (0, 1):
        want += "[%d]: %x\n" % (c, int(strip_history(theirs_pcp[c]).strip(), 16))
        want += "struct per_cpu_pageset " + strip_history(theirs_pcp[2 + c])
    check(mine[0] == want, "struct per_cpu_pageset ADDR:0,1", " mmscope: %s want:    %s" % (mine[0], want))

    # struct --json: a record per structure, its value gdb's print
    for (name, addr), t in zip(cases, theirs):
        rows = sym_json(dump, "struct %s %x" % (name, addr))
        want = [{"type": "struct " + name, "address": "0x%x" % addr,
                 "value": strip_history(t).rstrip("\n")}]
        check(without_data(rows) == want, "struct %s %x --json" % (name, addr), "%r\n%r" % (rows, want))
    rows = sym_json(dump, "struct per_cpu_pageset %x:0,1" % pcp)
    want = [{"cpu": c, "type": "struct per_cpu_pageset",
             "address": "0x%x" % int(strip_history(theirs_pcp[c]).strip(), 16),
             "value": strip_history(theirs_pcp[2 + c]).rstrip("\n")} for c in (0, 1)]
    check(without_data(rows) == want, "struct per_cpu_pageset ADDR:0,1 --json", "%r\n%r" % (rows, want))
    rows = sym_json(dump, "struct zone.present_pages,spanned_pages %x" % addrs[1])
    g = gdb(dump, ["p ((struct zone *)0x%x)->%s" % (addrs[1], m) for m in ("present_pages", "spanned_pages")])
    want = [{"type": "struct zone", "address": "0x%x" % addrs[1],
             "members": [{"name": m, "value": strip_history(x).strip()}
                         for m, x in zip(("present_pages", "spanned_pages"), g)]}]
    check(without_data(rows) == want, "struct zone.MEMBERS --json", "%r\n%r" % (rows, want))
    # a definition is one document (member by member against ptype /o in
    # struct_def_gdb.py); -o with an address has no JSON
    out, err, _ = mstest.run_one(dump, "struct zone", debuginfo=mmscope, json_mode=True)
    try:
        doc = json.loads(out)
    except ValueError:
        doc = {}
    check(err == "" and (doc.get("name"), doc.get("kind")) == ("zone", "struct") and doc.get("members"),
          "struct --json of a definition: one document", out[:300] + err)
    out, err, _ = mstest.run_one(dump, "struct -o zone %x" % addrs[1], debuginfo=mmscope, json_mode=True)
    check(out == "" and "no JSON output" in err, "struct -o ADDR --json refused", out + err)

    # -r is rd's layout of the same bytes
    psz, _ = batch(dump, ["p sizeof(struct page)"])
    units = (int(strip_history(psz[0]).strip()) + 7) // 8
    r, _ = batch(dump, ["struct page -r %x" % addrs[2], "rd %x %d" % (addrs[2], units)])
    check(r[0] == r[1], "struct page -r equals rd", " struct -r: %s rd:        %s" % (r[0], r[1]))

    # two members, cut out of the full print
    mine, _ = batch(dump, ["struct zone.name,present_pages %x" % addrs[1]])
    full, _ = batch(dump, ["struct zone %x" % addrs[1]])
    lines = full[0].splitlines()
    # in the order requested, each line as in the full print
    want = "".join(l + "\n" for k in ("name", "present_pages") for l in lines
                   if re.match(r"^  %s = " % k, l))
    check(mine[0] == want, "struct zone.name,present_pages", " mmscope: %s want:    %s" % (mine[0], want))

    # ---- struct NAME against gdb's ptype (nested anonymous aggregates aside)
    for name in ["list_head", "free_area", "zone", "pglist_data", "page"]:
        m, _ = batch(dump, ["struct " + name])
        t = gdb(dump, ["ptype struct " + name])[0]
        body = m[0].rsplit("SIZE: ", 1)
        check(len(body) == 2, "struct %s ends with SIZE" % name, m[0])
        if "{...}" not in t:
            check(body[0] == t.replace("type = ", "", 1), "struct %s vs ptype" % name,
                  " mmscope: %s gdb:     %s" % (body[0], t))
        sz = gdb(dump, ["p sizeof(struct %s)" % name])[0]
        check(body[1].strip() == strip_history(sz).strip(), "SIZE of %s" % name)

    # ---- ptype: exactly gdb's, types and expressions
    pt = ["struct page", "struct zone", "pg_data_t", "struct free_area", "node_data[0]->node_zones[1]",
          "*mem_map", "node_data", "zone_names", "enum zone_type", "gfp_t"]
    mine, _ = batch(dump, ["ptype " + x for x in pt])
    theirs = gdb(dump, ["ptype " + x for x in pt])
    for x, m, t in zip(pt, mine, theirs):
        if "No symbol" in t:
            continue
        check(m == t, "ptype " + x, " mmscope: %s gdb:     %s" % (m, t))

    # ---- whatis and sym
    w, _ = batch(dump, ["whatis max_pfn", "whatis node_data", "whatis list_head"])
    check(w[0] == "unsigned long max_pfn;\n", "whatis max_pfn", w[0])
    check(w[1] == "struct pglist_data *node_data[%s];\n" % w[1].split("[")[1].split("]")[0],
          "whatis node_data", w[1])
    check(w[2].startswith("struct list_head {\n") and w[2].endswith("SIZE: 16\n"), "whatis list_head", w[2])
    nm = subprocess.run(["nm", mmscope], capture_output=True, text=True).stdout
    m = re.search(r"^([0-9a-f]+) (\w) max_pfn$", nm, re.M)
    s, _ = batch(dump, ["sym max_pfn", "sym %x" % (int(m.group(1), 16) + 3)])
    # crash's show_symbol(): "%lx (%c) %s"
    check(s[0] == "%x (%s) max_pfn\n" % (int(m.group(1), 16), m.group(2)), "sym max_pfn", s[0])
    check(s[1] == "%x (%s) max_pfn+3\n" % (int(m.group(1), 16) + 3, m.group(2)), "sym ADDR", s[1])

    # sym --json: one record per symbol, checked against nm's table
    nm_syms = {}
    for line in nm.splitlines():
        f = line.split()
        if len(f) == 3:
            nm_syms.setdefault(f[2], []).append((int(f[0], 16), f[1]))
    addr, typ = int(m.group(1), 16), m.group(2)
    rows = sym_json(dump, "sym max_pfn")
    check(rows == [{"address": "0x%x" % addr, "type": typ, "name": "max_pfn"}], "sym --json", rows)
    rows = sym_json(dump, "sym %x" % (addr + 3))
    check(rows == [{"address": "0x%x" % (addr + 3), "type": typ, "name": "max_pfn", "offset": 3}],
          "sym --json ADDR", rows)
    rows = sym_json(dump, "sym -q zone_name")
    want = sorted((a, t, n) for n, l in nm_syms.items() if "zone_name" in n for a, t in l
                  if 0x40000000 <= a < 0x80000000)
    got = sorted((int(r["address"], 16), r["type"], r["name"]) for r in rows)
    check(len(want) >= 3 and got == want, "sym -q --json vs nm", "%r\n%r" % (got, want))
    rows = sym_json(dump, "sym -p -n max_pfn")
    check([r.get("role") for r in rows] == ["previous", "target", "next"] and
          rows[1]["name"] == "max_pfn" and
          all(nm_syms.get(r["name"]) and (int(r["address"], 16), r["type"]) in nm_syms[r["name"]]
              for r in rows) and
          int(rows[0]["address"], 16) < addr < int(rows[2]["address"], 16),
          "sym -p -n --json", rows)
    check(sym_json(dump, "sym -q no_such_thing_anywhere") == [], "sym -q --json, none found")
    out, err, _ = mstest.run_one(dump, "sym nosuch_symbol", debuginfo=mmscope, json_mode=True)
    e = json.loads(err.splitlines()[0])
    check(out == "" and e["error"]["message"] == "symbol not found: nosuch_symbol",
          "sym --json, no such symbol", err)

    # ---- errors, worded as crash words them; the session goes on
    cmds = ["struct nosuch_struct", "struct zone.nosuch", "union zone", "p nosuch_symbol",
            "p node_data[0]->nosuch", "whatis nosuch_thing", "sym nosuch_symbol",
            "struct list_head 10", "p max_pfn"]
    e, rc = batch(dump, cmds)
    check(e[0] == "struct: invalid data structure reference: nosuch_struct\n", cmds[0], e[0])
    check(e[1] == "struct: invalid data structure reference: zone.nosuch\n", cmds[1], e[1])
    check(e[2] == "union: data type mismatch: zone is not a union\n", cmds[2], e[2])
    check(e[3] == 'No symbol "nosuch_symbol" in current context.\np: gdb request failed: p nosuch_symbol\n',
          cmds[3], e[3])
    check(e[4] == "There is no member named nosuch.\np: gdb request failed: p node_data[0]->nosuch\n",
          cmds[4], e[4])
    check(e[5].startswith("whatis: cannot resolve: nosuch_thing\nUsage:\n"), cmds[5], e[5])
    check(e[6].startswith("symbol not found: nosuch_symbol\npossible alternatives:\n"), cmds[6], e[6])
    check(e[7].startswith("struct list_head struct: invalid kernel virtual address: 10"), cmds[7], e[7])
    check(re.match(r"max_pfn = \$\d+ = \d+\n", e[8]) is not None, "session goes on after errors", e[8])
    check(rc != 0, "batch exit status is non-zero after failed commands")


if __name__ == "__main__":
    sys.exit(mstest.main(main, no_gdb="gdb not installed"))
