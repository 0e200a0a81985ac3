#!/usr/bin/python3
"""list on generated dumps: zone free lists walked by mmscope's list equal
the truth file's free blocks, in order; -h, -r, -s and (empty); and on a copy
of the dump with a free list corrupted in the file (a cycle that does not go
through the head, a pointer out of the dump, a NULL), list reports the damage
in crash's words instead of looping.  Usage: list_gdb.py (needs top_builddir)."""
import json, os, re, shutil, struct, subprocess, sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import mstest  # noqa: E402
from mstest import batch, check  # noqa: E402

mmscope = mstest.MMSCOPE


def gdb_values(dump, exprs):
    """gdb's p/x of each of @exprs, as numbers."""
    return [int(re.match(r"(?:\([^)]*\) )?0x([0-9a-f]+)", v).group(1), 16)
            for v in mstest.gdb_print(dump, exprs, "p/x", timeout=300)]


def file_offset(dump, vaddr):
    """File offset of a virtual address, through the ELF PT_LOADs."""
    with open(dump, "rb") as f:
        h = f.read(64)
        phoff, = struct.unpack_from("<Q", h, 32)
        phentsize, phnum = struct.unpack_from("<HH", h, 54)
        f.seek(phoff)
        ph = f.read(phentsize * phnum)
    for i in range(phnum):
        p_type, _, off, va, pa, filesz, memsz, _ = struct.unpack_from("<IIQQQQQQ", ph, i * 56)
        if p_type == 1 and va <= vaddr < va + filesz:
            return off + vaddr - va
    raise SystemExit("no PT_LOAD holds %x" % vaddr)


def patch(src, dst, vaddr, value):
    shutil.copyfile(src, dst)
    with open(dst, "r+b") as f:
        f.seek(file_offset(dst, vaddr))
        f.write(struct.pack("<Q", value))


def json_rows(dump, cmd):
    """The rows of list's JSON stream, after checking its header line."""
    out, err, _ = mstest.run_one(dump, cmd, json_mode=True, timeout=300)
    lines = [json.loads(l) for l in out.splitlines()]
    check(bool(lines) and lines[0].get("schema") == 1 and lines[0].get("stream") is True,
          "%s: JSON stream header: %r %r" % (cmd, out[:200], err))
    # the command as typed, though getopt permuted its words and -s cut its
    # member list in place
    check(bool(lines) and lines[0].get("command") == cmd,
          "%s: JSON command %r" % (cmd, lines[0].get("command") if lines else None))
    return lines[1:]


def run(tmp):
    dump = mstest.gen(os.path.join(tmp, "tiny.vmcore"), "tiny")
    truth = json.load(open(dump + ".truth.json"))
    mts = None
    lists = []          # (zone, order, mt name, mt index, pfns)
    for node in truth["nodes"]:
        for zi, z in enumerate(node["zones"]):
            for fa in z["free_area"]:
                names = list(fa["blocks"].keys())
                for mi, mt in enumerate(names):
                    lists.append((z, zi, node["id"], fa["order"], mt, mi, fa["blocks"][mt]))
    sizeof_page, lru_off = gdb_values(dump, ["sizeof(struct page)",
                                             "(long)&((struct page *)0)->lru"])

    def head_of(zi, nid, order, mi):
        return "&node_data[%d]->node_zones[%d].free_area[%d].free_list[%d]" % (nid, zi, order, mi)

    # blocks are listed per migratetype in the enum's order: index = free_list[]
    nonempty_lists = [l for l in lists if l[6]]
    longest = sorted(nonempty_lists, key=lambda l: -len(l[6]))[:6]
    sel = longest + [l for l in nonempty_lists if l not in longest][:6] + \
        [l for l in lists if not l[6]][:2]
    heads = gdb_values(dump, [head_of(zi, nid, o, mi) for (z, zi, nid, o, mt, mi, p) in sel])
    cmds = []
    for (z, zi, nid, o, mt, mi, pfns), h in zip(sel, heads):
        cmds.append("list -H 0x%x -o page.lru" % h)
    outs = batch(dump, cmds, timeout=300)
    page_of = lambda z, pfn: int(z["mem_map"], 16) + (pfn - z["start_pfn"]) * sizeof_page \
        if isinstance(z["mem_map"], str) else z["mem_map"] + (pfn - z["start_pfn"]) * sizeof_page
    nonempty = None
    for (z, zi, nid, o, mt, mi, pfns), h, out in zip(sel, heads, outs):
        want = [page_of(z, p) for p in pfns]
        if not pfns:
            check(out == "(empty)\n", "empty list %x: %r" % (h, out))
            continue
        got = [int(l, 16) for l in out.split()]
        check(got == want or sorted(got) == sorted(want),
              "zone %s order %d %s: list %s vs truth %s" % (z["name"], o, mt,
                                                            got[:5], want[:5]))
        if len(pfns) >= 3 and nonempty is None:
            nonempty = (h, got)
    check(nonempty is not None, "some free list has 3 or more blocks")
    if nonempty is None:
        return
    h, pages = nonempty

    o = batch(dump, ["list -H 0x%x -o page.lru -r" % h,
                     "list -h 0x%x -o page.lru" % pages[0],
                     "list -H 0x%x page.lru" % h,
                     "list -H 0x%x -o page.lru -s page.lru" % h,
                     "list", "list -H 0x%x -o page.nosuchmember" % h], timeout=300)
    check([int(l, 16) for l in o[0].split()] == pages[::-1], "-r: %r" % o[0][:200])
    hl = [int(l, 16) for l in o[1].split()]
    check(hl[0] == pages[0] and len(hl) == len(pages) + 1 and hl[-1] == h - lru_off,
          "-h: %r" % o[1][:200])
    check([int(l, 16) for l in o[2].split()] == pages, "offset as an argument: %r" % o[2][:200])
    check(o[3].count("  lru = ") == len(pages) and o[3].splitlines()[0] == "%x" % pages[0],
          "-s page.lru: %r" % o[3][:300])
    check(o[4].startswith("list: starting address required\nUsage:\n"), "no start: %r" % o[4])
    check(o[5].startswith("list: "), "bad member: %r" % o[5])

    # --json: one record per entry, in the truth file's order (pages came
    # from the truth check above), -s values against gdb on the same core
    rows = json_rows(dump, "list -H 0x%x -o page.lru" % h)
    check([int(r["address"], 16) for r in rows] == pages and
          all(list(r) == ["address"] for r in rows), "list --json: %r" % rows[:3])
    rows = json_rows(dump, "list -H 0x%x -o page.lru -s page.flags,private" % h)
    want = gdb_values(dump, ["((struct page *)0x%x)->%s" % (p, m) for p in pages
                             for m in ("flags", "private")])
    got = [(s["type"], s["member"], int(s["value"])) for r in rows for s in r["show"]]
    check([int(r["address"], 16) for r in rows] == pages and
          got == [("struct page", m, v) for m, v in zip(["flags", "private"] * len(pages), want)],
          "list -s --json vs gdb: %r vs %r" % (got[:4], want[:4]))
    empty = [l for l in sel if not l[6]]
    if empty:
        eh = heads[sel.index(empty[0])]
        check(json_rows(dump, "list -H 0x%x -o page.lru" % eh) == [],
              "list --json of an empty list: a header, no rows")

    # corruptions, in a copy of the dump
    bad = os.path.join(tmp, "bad.vmcore")
    link1 = pages[1] + lru_off
    cases = [
        (link1, pages[0] + lru_off,
         "%x\n%x\n\nlist: duplicate list entry: %x\n" % (pages[0], pages[1], pages[0])),
        (link1, 0x7ffff0000000,
         '%x\n%x\n%x\nlist: invalid kernel virtual address: 7ffff0000000  type: "list entry"\n'
         % (pages[0], pages[1], 0x7ffff0000000 - lru_off)),
        (link1, 0, "%x\n%x\n\nlist: invalid list entry: 0\n" % (pages[0], pages[1])),
        (link1, link1, "%x\n%x\n\nlist: duplicate list entry: %x\n" % (pages[0], pages[1],
                                                                     pages[1])),
    ]
    for where, value, want in cases:
        patch(dump, bad, where, value)
        p = subprocess.run([mmscope, "-s", bad], input="list -H 0x%x -o page.lru\n" % h,
                           capture_output=True, text=True, timeout=60)
        check(p.stdout == want, "corrupt %x := %x: %r, wanted %r" % (where, value, p.stdout, want))
        check(p.returncode != 0, "corrupt %x := %x: exit status %d" % (where, value, p.returncode))
    print("list compared on %d lists" % len(sel))


sys.exit(mstest.main(run, prefix="list_gdb."))
