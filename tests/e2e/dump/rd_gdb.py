#!/usr/bin/python3
"""rd on generated dumps against gdb, an independent reader of the same core.

Image globals, the direct map (a pgdat and its zones), physical addresses
(rd -p of the pgdat's physical address equals rd of its direct-map address),
the four unit sizes, crash's exact line layout with the ASCII column, rd -a,
and crash's error messages.  Usage: rd_gdb.py (needs top_builddir)."""
import json, os, re, subprocess, sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import mstest  # noqa: E402
from mstest import batch, check, gdb  # noqa: E402

mmscope = mstest.MMSCOPE
PAGE_OFFSET = 0x200000000000


def gdb_words(text):
    """Values of an x/ command's output, in order."""
    vals = []
    for line in text.splitlines():
        if ":" not in line:
            continue
        vals += [int(v, 16) for v in line.split(":", 1)[1].split()]
    return vals


def rd_words(text):
    vals = []
    for line in text.splitlines():
        m = re.match(r"^ *[0-9a-f]+:  (.*)$", line)
        if not m:
            continue
        body = m.group(1)
        vals += [int(v, 16) for v in re.findall(r"([0-9a-f]+) ", body[:body.rfind("   ") + 1]
                                                 if "   " in body else body + " ")]
    return vals


def expect_layout(text, size, addr, data):
    """crash's exact hex layout for the bytes @data read at @addr."""
    per_line = 16 // size
    lines = []
    for off in range(0, len(data), 16):
        chunk = data[off:off + 16]
        units = [int.from_bytes(chunk[i:i + size], "little") for i in range(0, len(chunk), size)]
        s = "%16x:  " % (addr + off)
        s += "".join("%0*x " % (2 * size, u) for u in units)
        s += " " * ((per_line - len(units)) * (2 * size + 1)) + "  "
        s += "".join(chr(b) if 0x20 <= b < 0x7f else "." for b in chunk)
        lines.append(s)
    return "\n".join(lines) + "\n"


def json_rows(dump, cmd):
    """The rows of rd's JSON stream, after checking its header line."""
    out, err, _ = mstest.run_one(dump, cmd, json_mode=True)
    lines = [json.loads(l) for l in out.splitlines()]
    check(bool(lines) and lines[0] == {"schema": 1, "command": cmd, "stream": True},
          "%s: JSON stream header: %r %r" % (cmd, out, err))
    return lines[1:]


def check_json(dump, scenario, pgdat, words, nm_syms):
    """rd --json against gdb's words: one record per line, 16 bytes each."""
    rows = json_rows(dump, "rd 0x%x 5" % pgdat)
    check([r["address"] for r in rows] == ["0x%x" % (pgdat + 16 * i) for i in range(3)] and
          [v for r in rows for v in r["values"]] == words[:5],
          "%s: rd --json 5 vs gdb: %r" % (scenario, rows))
    halves = [w >> s & 0xffffffff for w in words[:2] for s in (0, 32)]
    signed = [h - (1 << 32) if h >> 31 else h for h in halves]
    rows = json_rows(dump, "rd -d -32 0x%x 4" % pgdat)
    check(len(rows) == 1 and rows[0]["values"] == signed,
          "%s: rd -d -32 --json: %r vs %r" % (scenario, rows, signed))
    # -s: the symbol each word is in, by nm's table (sized data symbols)
    rows = json_rows(dump, "rd -s 0x%x 8" % pgdat)
    vals = [v for r in rows for v in r["values"]]
    syms = [v for r in rows for v in r["symbols"]]
    check(vals == words[:8] and len(syms) == 8, "%s: rd -s --json: %r" % (scenario, rows))
    # zone_names[] points at the zone_name_* strings of the image
    if "zone_names" in nm_syms:
        rows = json_rows(dump, "rd -s zone_names 3")
        zvals = [v for r in rows for v in r["values"]]
        check(zvals == gdb_words(gdb(dump, ["x/3gx 0x%x" % nm_syms["zone_names"][0]])[0]),
              "%s: rd -s zone_names --json vs gdb: %r" % (scenario, rows))
        zsyms = [v for r in rows for v in r["symbols"]]
        check(all(z is not None and z.startswith("zone_name") for z in zsyms),
              "%s: rd -s zone_names --json names: %r" % (scenario, zsyms))
        vals, syms = vals + zvals, syms + zsyms
    for v, sname in zip(vals, syms):
        want = None
        for name, (a, size) in nm_syms.items():
            if a <= v < a + size:
                want = name if v == a else "%s+0x%x" % (name, v - a)
        if want is not None or sname is None:
            check(sname == want, "%s: rd -s --json: %x is %r, nm says %r" % (scenario, v, sname, want))
    # -r: a document; the file holds gdb's bytes
    raw = os.path.join(os.path.dirname(dump), "rd.raw")
    out, err, _ = mstest.run_one(dump, "rd -r %s 0x%x 24" % (raw, pgdat), json_mode=True)
    doc = json.loads(out)
    with open(raw, "rb") as f:
        data = f.read()
    check(doc.get("bytes") == 24 and doc.get("address") == "0x%x" % pgdat and
          doc.get("file") == raw and data == b"".join(w.to_bytes(8, "little") for w in words[:3]),
          "%s: rd -r --json: %r" % (scenario, out + err))
    # an error is a JSON object on stderr, nothing on stdout
    out, err, _ = mstest.run_one(dump, "rd 0x1234", json_mode=True)
    e = json.loads(err.splitlines()[0]) if err else {}
    check(out == "" and e.get("error", {}).get("kind") == "fault" and
          e["error"].get("address") == "0x1234", "%s: rd --json fault: %r %r" % (scenario, out, err))


def run(tmp, scenario):
    dump = mstest.gen(os.path.join(tmp, scenario + ".vmcore"), scenario)

    # image globals: a few data symbols of the kernel image
    syms, nm_syms = {}, {}
    nm = subprocess.run(["nm", "-S", mmscope], capture_output=True, text=True).stdout
    for line in nm.splitlines():
        f = line.split()
        # a name spelled like hex ("e820") is an address to rd, as to crash
        if len(f) == 4 and f[2] in "bBdD" and not re.match(r"^[0-9a-fA-F]+$", f[3]) \
                and 0x40000000 <= int(f[0], 16) < 0x80000000 and int(f[1], 16) >= 32:
            syms[f[3]] = int(f[0], 16)
        if len(f) == 4 and f[2] in "bBdDrR" and 0x40000000 <= int(f[0], 16) < 0x80000000:
            nm_syms[f[3]] = (int(f[0], 16), int(f[1], 16))
    names = [n for n in ("node_data", "contig_page_data", "slab_caches", "vmlist", "init_mm",
                         "init_uts_ns") if n in syms]
    names += sorted(n for n in syms if n not in names)[:6]
    check(len(names) >= 4, "%s: at least 4 image symbols (%s)" % (scenario, names))

    cmds = ["rd -64 %s 4" % n for n in names]
    gcmds = ["x/4gx 0x%x" % syms[n] for n in names]
    outs, gouts = batch(dump, cmds), gdb(dump, gcmds)
    for n, o, g in zip(names, outs, gouts):
        check(rd_words(o) == gdb_words(g) and len(gdb_words(g)) == 4,
              "%s: rd -64 %s 4: %r vs gdb %r" % (scenario, n, o, g))

    # the direct map: the pgdat node_data[0] points at, and its physical address
    pgdat = None
    if "node_data" in syms:
        pgdat = gdb_words(gdb(dump, ["x/1gx 0x%x" % syms["node_data"]])[0])[0]
    elif "contig_page_data" in syms:
        pgdat = syms["contig_page_data"]
    check(pgdat is not None and pgdat >= PAGE_OFFSET, "%s: a pgdat in the direct map" % scenario)
    if pgdat and pgdat >= PAGE_OFFSET:
        pa = pgdat - PAGE_OFFSET
        o = batch(dump, ["rd 0x%x 32" % pgdat, "rd -p 0x%x 32" % pa,
                         "rd -32 0x%x 8" % pgdat, "rd -16 0x%x 8" % pgdat,
                         "rd -8 0x%x 20" % pgdat])
        g = gdb(dump, ["x/32gx 0x%x" % pgdat, "x/8wx 0x%x" % pgdat, "x/8hx 0x%x" % pgdat,
                       "x/20bx 0x%x" % pgdat])
        words = gdb_words(g[0])
        check(len(words) == 32 and rd_words(o[0]) == words,
              "%s: rd pgdat 32 vs gdb x/32gx" % scenario)
        check(rd_words(o[1]) == words, "%s: rd -p %x differs from rd %x" % (scenario, pa, pgdat))
        check(rd_words(o[2]) == gdb_words(g[1]), "%s: rd -32: %r vs %r" % (scenario, o[2], g[1]))
        check(rd_words(o[3]) == gdb_words(g[2]), "%s: rd -16: %r vs %r" % (scenario, o[3], g[2]))
        check(rd_words(o[4]) == gdb_words(g[3]), "%s: rd -8: %r vs %r" % (scenario, o[4], g[3]))
        # the exact layout, ASCII column included, from gdb's bytes
        data = bytes(gdb_words(g[3]))
        check(o[4] == expect_layout(data, 1, pgdat, data),
              "%s: rd -8 layout:\n%s\nwanted:\n%s" % (scenario, o[4],
                                                      expect_layout(data, 1, pgdat, data)))
        data64 = b"".join(w.to_bytes(8, "little") for w in words[:3])
        o2 = batch(dump, ["rd 0x%x 3" % pgdat, "rd -x 0x%x 3" % pgdat, "rd -d 0x%x 2" % pgdat,
                          "rd -D 0x%x 2" % pgdat, "rd -R 0x%x 3" % (pgdat + 16)])
        check(o2[4] == o2[0], "%s: rd -R: %r vs %r" % (scenario, o2[4], o2[0]))
        check(o2[0] == expect_layout(data64, 8, pgdat, data64),
              "%s: rd 3 layout:\n%s\nwanted:\n%s" % (scenario, o2[0],
                                                     expect_layout(data64, 8, pgdat, data64)))
        check(o2[1] == "%16x:  %016x %016x \n%16x:  %016x \n" % (
            pgdat, words[0], words[1], pgdat + 16, words[2]), "%s: rd -x: %r" % (scenario, o2[1]))
        s0 = words[0] - (1 << 64) if words[0] >> 63 else words[0]
        s1 = words[1] - (1 << 64) if words[1] >> 63 else words[1]
        check(o2[2] == "%16x:  %15d %15d \n" % (pgdat, s0, s1), "%s: rd -d: %r" % (scenario, o2[2]))
        check(o2[3] == "%16x:  %20d %20d \n" % (pgdat, words[0], words[1]),
              "%s: rd -D: %r" % (scenario, o2[3]))
        check_json(dump, scenario, pgdat, words, nm_syms)

    # rd -a on the release string
    if "init_uts_ns" in syms:
        rel = gdb(dump, ["p &init_uts_ns.name.release"])[0]
        m = re.search(r"0x([0-9a-f]+)", rel)
        if m:
            a = int(m.group(1), 16)
            o = batch(dump, ["rd -a 0x%x" % a])[0]
            check(o == "%16x:  4.0.0-refmm\n" % a, "%s: rd -a: %r" % (scenario, o))
            rows = json_rows(dump, "rd -a 0x%x" % a)
            check(rows == [{"address": "0x%x" % a, "text": "4.0.0-refmm"}],
                  "%s: rd -a --json: %r" % (scenario, rows))

    # errors, worded as crash words them
    o = batch(dump, ["rd 0x1234", "rd -p 0x7ffff0000000", "rd node_data 0", "rd no_such_symbol",
                     "rd -8 -s node_data", "rd", "rd 0x7ffff0000000 2"])
    check(o[0] == 'rd: invalid kernel virtual address: 1234  type: "64-bit KVADDR"\n',
          "rd 0x1234: %r" % o[0])
    check(o[1] == 'rd: invalid physical address: 7ffff0000000  type: "64-bit PHYSADDR"\n',
          "rd -p: %r" % o[1])
    check(o[2] == "rd: invalid count request: 0\n", "count 0: %r" % o[2])
    check(o[3].startswith("symbol not found: no_such_symbol\npossible alternatives:\n"),
          "bad symbol: %r" % o[3])
    check(o[4] == "rd: -s option is only allowed with 64-bit display\n", "-8 -s: %r" % o[4])
    check(o[5].startswith("Usage:\n  rd "), "no address: %r" % o[5])
    check(o[6].startswith("rd: invalid kernel virtual address: 7ffff0000000"), "%r" % o[6])
    print("%s: rd compared" % scenario)


def main(tmp):
    for s in ("tiny", "default"):
        run(tmp, s)


sys.exit(mstest.main(main, prefix="rd_gdb."))
