#!/usr/bin/python3
"""Compressed kdump dumps from "mmscope gen --format kdump", checked by readers
that share no code with the writer:

  - a parser of the file format written here from makedumpfile's
    diskdump_mod.h (header, sub-header, both bitmaps, page descriptors);
  - libkdumpfile, through kdcmp, which compares every page with the ELF dump
    of the same run (refmm is deterministic: same scenario, same RAM bytes);
  - makedumpfile 1.7.2, which converts refmm's ELF dump to the compressed
    format and reads refmm's own compressed files;
  - the truth file: the pages left out at level 16 and 31 are the free
    blocks on the buddy lists and the pages on the pcp lists and, at 31,
    as many more as the truth counts anonymous and page-cache pages (its
    meminfo, from a walk of mem_map by the kernel's PageAnon/PageLRU rules);
    makedumpfile's -d 31 of the ELF dump leaves out the same pages but the
    pcp ones, which only refmm knows are free.

Usage: kdump.py [scenario...]   (default: tiny default fragmented full numa)"""
import collections
import json
import os
import re
import shutil
import struct
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import mstest as K  # noqa: E402

BUILD = K.BUILD
KDCMP = os.path.join(BUILD, "tests", "e2e", "kdump", "kdcmp")
WORK = os.path.join(BUILD, "tests", "e2e", "kdump", "work")
FLAGS = {"none": 0, "zlib": 1, "lzo": 2, "snappy": 4, "zstd": 0x20}
# what must read the same on every compressed dump as on the ELF dump: struct
# page, zone and slab data are never left out (kmem_level.sh checks the same
# commands against the truth file)
KMEM = ["kmem -f", "kmem -p", "kmem -s"]


def parse(path):
    """The fields of a compressed kdump that matter here (diskdump_mod.h)."""
    with open(path, "rb") as f:
        data = f.read()
    h = {"signature": data[0:8], "version": struct.unpack_from("<i", data, 8)[0],
         "release": data[142:207].split(b"\0")[0].decode(),
         "machine": data[272:337].split(b"\0")[0].decode()}
    (h["tv_sec"], h["tv_usec"], h["status"], h["block_size"], h["sub_hdr_size"], h["bitmap_blocks"],
     h["max_mapnr32"]) = struct.unpack_from("<qqIiiII", data, 408)
    h["nr_cpus"] = struct.unpack_from("<i", data, 460)[0]
    bs = h["block_size"]
    (h["phys_base"], h["dump_level"], h["split"]) = struct.unpack_from("<Qii", data, bs)
    (h["offset_vmcoreinfo"], h["size_vmcoreinfo"], h["offset_note"], h["size_note"]) = \
        struct.unpack_from("<QQQQ", data, bs + 32)
    h["max_mapnr"] = struct.unpack_from("<Q", data, bs + 96)[0]
    half = h["bitmap_blocks"] // 2 * bs
    b1 = (1 + h["sub_hdr_size"]) * bs
    bm1, bm2 = data[b1:b1 + half], data[b1 + half:b1 + 2 * half]

    def bits(bm):
        return {i * 8 + j for i, byte in enumerate(bm) if byte for j in range(8) if byte >> j & 1}
    h["ram"], h["dumped"] = bits(bm1), bits(bm2)
    pd = b1 + 2 * half
    h["descs"] = {}
    for k, pfn in enumerate(sorted(h["dumped"])):
        h["descs"][pfn] = struct.unpack_from("<QIIQ", data, pd + 24 * k)
    h["vmcoreinfo"] = data[h["offset_vmcoreinfo"]:h["offset_vmcoreinfo"] + h["size_vmcoreinfo"]].decode()
    h["size"] = len(data)
    return h


def free_pfns(truth):
    """Every pfn of every block on the buddy free lists, from the truth file."""
    out = set()
    for _, _, z in K.zones(truth):
        for fa in z["free_area"]:
            for pfns in fa["blocks"].values():
                for p in pfns:
                    out.update(range(p, p + (1 << fa["order"])))
    return out


def pcp_pfns(truth):
    return {p for _, _, z in K.zones(truth) for l in z.get("pcp_lists", []) for p in l["pfns"]}


def other_pages(truth, level):
    """How many pages besides the free ones dump level @level leaves out:
    user data (8), page cache without (2 or 4) and with PG_private (4)."""
    m = truth["meminfo"]
    return ((m["anon_pages"] if level & 8 else 0) + (m["cache_pages"] if level & 6 else 0) +
            (m["cache_private_pages"] if level & 4 else 0))


def gen(t, scenario, name, *extra):
    """WORK/name: gen's dump of @scenario with @extra options.  Without -q,
    as K.gen_cached() makes the ELF dump compared with: -q silences the
    dumped kernel's console (console_loglevel), a byte of its memory."""
    os.makedirs(WORK, exist_ok=True)
    path = os.path.join(WORK, name)
    r = subprocess.run([K.MMSCOPE, "gen", "--scenario", scenario, *extra, "-o", path],
                       capture_output=True, text=True)
    t.eq(r.returncode, 0, f"gen {scenario} {' '.join(extra)}: {r.stderr}")
    return path


def kdcmp(a, b):
    r = subprocess.run([KDCMP, a, b], capture_output=True, text=True)
    m = re.match(r"same (\d+) differ (\d+) only-a (\d+) only-b (\d+) neither (\d+)", r.stdout)
    if not m:
        return None, r.stdout + r.stderr
    return dict(zip(("same", "differ", "only_a", "only_b", "neither"), map(int, m.groups()))), r.stdout


def makedumpfile(*args):
    r = subprocess.run(["makedumpfile", *args], capture_output=True, text=True)
    return r.returncode, (r.stdout + r.stderr).replace("\r", "\n")


def session(dump, cmds):
    outs, _, rc = K.run_files(dump, [(f"c{i}", c) for i, c in enumerate(cmds)])
    return [outs[f"c{i}"] for i in range(len(cmds))], rc


def check_layout(t, name, h, truth, level, comp):
    t.eq((h["signature"], h["version"], h["tv_usec"]), (b"KDUMP   ", 6, 0), f"{name}: signature, version")
    t.eq((h["release"], h["machine"]), (truth["release"], "x86_64"), f"{name}: utsname")
    t.eq(h["tv_sec"], truth["crashtime"], f"{name}: time stamp is the crash time")
    t.eq(h["status"], FLAGS[comp], f"{name}: header status names the compression")
    t.eq((h["dump_level"], h["split"]), (level, 0), f"{name}: sub-header dump level")
    t.eq(h["nr_cpus"], truth["nr_cpus"], f"{name}: nr_cpus")
    t.check(h["bitmap_blocks"] % 2 == 0 and h["block_size"] == 4096, f"{name}: bitmap blocks, block size")
    ram = set()
    for r in truth["ram_ranges"]:
        ram.update(range(int(r["start"], 16) // 4096, int(r["end"], 16) // 4096))
    t.eq(h["max_mapnr"], max(ram) + 1, f"{name}: max_mapnr_64")
    t.check(h["ram"] == ram, f"{name}: bitmap 1 is the truth's RAM ranges")
    t.check(h["dumped"] <= h["ram"], f"{name}: bitmap 2 within bitmap 1")
    t.check("OSRELEASE=" + truth["release"] in h["vmcoreinfo"] and
            "NUMBER(phys_base)=%d" % (h["phys_base"] - (1 << 64 if h["phys_base"] >> 63 else 0))
            in h["vmcoreinfo"], f"{name}: offset_vmcoreinfo points at the text; phys_base agrees")
    end = 4096 * (1 + h["sub_hdr_size"] + h["bitmap_blocks"]) + 24 * len(h["descs"])
    bad = [(pfn, d) for pfn, d in h["descs"].items()
           if not (end <= d[0] and d[0] + d[1] <= h["size"] and d[2] in (0, FLAGS[comp])
                   and (d[1] == 4096 if d[2] == 0 else 0 < d[1] < 4096))]
    t.check(not bad, f"{name}: every page descriptor after the table, inside the file, "
            f"raw 4096 or compressed smaller: {bad[:3]}")


# the compressed files the makedumpfile checks at the end read again; the
# others are removed once checked (CI machines have little disk)
KEPT = {(31, "zlib"), (31, "lzo"), (1, "lzo"), (0, "zlib"), (1, "none")}


def check_scenario(t, scenario):
    # the ELF dump the kmem tests share (made once per build, never removed here)
    elf, truth = K.gen_cached(scenario)
    free, pcp = free_pfns(truth), pcp_pfns(truth)
    t.eq(len(free), truth["nr_free_pages"], f"{scenario}: truth's free blocks add up to nr_free_pages")
    t.eq(len(pcp), sum(z["pcp_pages"] for _, _, z in K.zones(truth)), f"{scenario}: pcp lists vs pcp_pages")
    elf_out, _ = session(elf, KMEM)
    cases = [(0, "zlib"), (1, "lzo"), (31, "zlib"), (31, "lzo")]
    if scenario == "default":
        cases += [(16, "zlib"), (31, "snappy"), (31, "zstd"), (31, "none"), (1, "none")]
    for level, comp in cases:
        name = f"{scenario}-d{level}-{comp}"
        path = gen(t, scenario, name + ".kdump", "--format", "kdump", "--dump-level", str(level),
                   "--compress", comp)
        h = parse(path)
        check_layout(t, name, h, truth, level, comp)
        excluded = h["ram"] - h["dumped"]
        want = free | pcp if level & 16 else set()
        t.check(want <= excluded, f"{name}: free blocks and pcp pages left out "
                f"({sorted(want - excluded)[:8]} kept)")
        t.eq(len(excluded - want), other_pages(truth, level),
             f"{name}: left out besides the free pages: the truth's anon and cache pages")
        # makedumpfile's -d 1: every zero page points at one shared raw page, the
        # first after the descriptors; below level 1 no two pages share data
        offs = collections.Counter(d[0] for d in h["descs"].values())
        first = min(offs) if offs else 0
        if level & 1:
            t.check(offs[first] > 1 and h["descs"][min(p for p, d in h["descs"].items() if d[0] == first)][1:3]
                    == (4096, 0), f"{name}: zero pages share one raw page ({offs[first]} of them)")
        else:
            t.check(max(offs.values()) == 1, f"{name}: every page has its own data")
        # libkdumpfile reads every page the ELF dump has, byte for byte
        c, text = kdcmp(elf, path)
        t.check(c and c["differ"] == 0 and c["only_b"] == 0 and c["same"] == len(h["dumped"]),
                f"{name}: kdcmp against the ELF dump: {text}")
        # the inspector: kmem -f, -p and -s as on the ELF dump; an excluded read names page and level
        if comp in ("zlib", "none") or scenario == "default":
            out, rc = session(path, KMEM)
            t.check(out == elf_out and rc == 0, f"{name}: kmem -f, -p and -s as on the ELF dump")
        if level & 16 and free:
            pfn = min(free)
            out, rc = session(path, [f"rd -p {pfn * 4096 + 8:x}",
                                     f"rd {int(truth['page_offset'], 16) + min(pcp) * 4096:x}" if pcp else "sys"])
            t.check(re.search(r"^rd: page excluded: physical address: %x  type: \"64-bit PHYSADDR\"  "
                              r"\(pfn %#x, left out at dump level %d\)$" % (pfn * 4096 + 8, pfn, level),
                              out[0], re.M), f"{name}: rd of free pfn {pfn:#x}: {out[0]!r}")
            if pcp:
                t.check("(pfn %#x, left out at dump level %d)" % (min(pcp), level) in out[1],
                        f"{name}: rd of pcp pfn {min(pcp):#x} by virtual address: {out[1]!r}")
        elif level == 0 and free:
            out, _ = session(path, [f"rd -p {min(free) * 4096:x}"])
            t.check(re.match(r"^\s*%x:  [0-9a-f]{16}" % (min(free) * 4096), out[0]),
                    f"{name}: level 0 keeps free pages: {out[0]!r}")
        if (level, comp) not in KEPT and not t.failed:
            os.unlink(path)
    # the same bytes whatever the number of compression threads
    a = gen(t, scenario, f"{scenario}-j1.kdump", "--format", "kdump", "-d", "31", "--threads", "1")
    b = gen(t, scenario, f"{scenario}-j3.kdump", "--format", "kdump", "-d", "31", "--threads", "3")
    t.check(open(a, "rb").read() == open(b, "rb").read(), f"{scenario}: 1 and 3 threads write the same bytes")
    if not t.failed:
        os.unlink(a)
        os.unlink(b)

    if not shutil.which("makedumpfile"):
        print(f"*** SKIPPED: {scenario}: makedumpfile not installed (apt-get install makedumpfile) ***")
        return
    # makedumpfile converts the ELF dump: mmscope reads the result with the same answers,
    # and makedumpfile (which knows only struct page) leaves out exactly the buddy pages
    for opt, comp, level in (("-c", "zlib", 31), ("-l", "lzo", 31), ("-l", "lzo", 1)):
        out = os.path.join(WORK, f"{scenario}-mdf-d{level}-{comp}.kdump")
        if os.path.exists(out):
            os.unlink(out)
        rc, msg = makedumpfile(opt, "-d", str(level), elf, out)
        if not t.eq(rc, 0, f"{scenario}: makedumpfile {opt} -d {level} of the ELF dump: {msg[-400:]}"):
            continue
        h = parse(out)
        t.eq(h["status"], FLAGS[comp], f"{scenario}: makedumpfile {opt}: header status")
        want = free if level & 16 else set()
        theirs = h["ram"] - h["dumped"]
        t.check(want <= theirs and len(theirs - want) == other_pages(truth, level),
                f"{scenario}: makedumpfile -d {level} left out the buddy free pages and "
                f"{other_pages(truth, level)} anon and cache pages ({len(theirs - want)})")
        ours = parse(os.path.join(WORK, f"{scenario}-d{level}-{comp}.kdump"))
        mine = ours["ram"] - ours["dumped"]
        t.check(theirs <= mine and mine - theirs == (pcp if level & 16 else set()),
                f"{scenario}: -d {level}: refmm leaves out makedumpfile's pages and the pcp pages "
                f"({sorted(theirs - mine)[:8]} only makedumpfile's)")
        got, rc = session(out, KMEM)
        t.check(got == elf_out and rc == 0,
                f"{scenario}: makedumpfile {opt} -d {level}: kmem -f, -p and -s as on the ELF dump")
        c, text = kdcmp(elf, out)
        t.check(c and c["differ"] == 0 and c["same"] == len(h["dumped"]),
                f"{scenario}: makedumpfile {opt} -d {level}: pages equal the ELF dump's: {text}")
        if not t.failed:
            os.unlink(out)
    # makedumpfile reads refmm's compressed files (zlib, lzo, raw; this build has no snappy
    # or zstd).  makedumpfile 1.7.2 takes PAGE_OFFSET as 0xffff880000000000 for any dump
    # that is not ELF, so it rejects node_data's pointers into refmm's direct map
    # (0x200000000000) as "not kernel addresses"; with one node it can use the FLATMEM
    # path through SYMBOL(mem_map) instead, once the copy it reads hides SYMBOL/LENGTH
    # (node_data) (same length, nothing else in the file changes).  Two nodes: no way.
    if truth["nr_nodes"] > 1:
        print(f"*** SKIPPED: {scenario}: makedumpfile cannot read a multi-node compressed "
              f"refmm dump (PAGE_OFFSET is fixed for non-ELF input) ***")
        return
    for level, comp in ((0, "zlib"), (1, "lzo"), (31, "zlib"), (31, "lzo"), (1, "none")):
        src = os.path.join(WORK, f"{scenario}-d{level}-{comp}.kdump")
        if not os.path.exists(src):
            continue
        data = open(src, "rb").read()
        notes = parse(src)
        a, b = notes["offset_note"], notes["offset_note"] + notes["size_note"]
        hid = data[:a] + data[a:b].replace(b"SYMBOL(node_data)", b"SYMBOL(xode_data)").replace(
            b"LENGTH(node_data)", b"LENGTH(xode_data)") + data[b:]
        t.check(len(hid) == len(data) and hid != data, f"{scenario}: node_data hidden in a copy's notes")
        cp = src + ".flat"
        open(cp, "wb").write(hid)
        out = src + ".mdf"
        if os.path.exists(out):
            os.unlink(out)
        rc, msg = makedumpfile("-c", "-d", "0", cp, out)
        os.unlink(cp)
        if not t.eq(rc, 0, f"{scenario}: makedumpfile reads {os.path.basename(src)}: {msg[-400:]}"):
            continue
        t.check(f"was created by dump_level({level})" in msg or level == 0,
                f"{scenario}: makedumpfile reads the sub-header's dump level {level}")
        h, mine = parse(out), parse(src)
        t.check(h["dumped"] <= mine["dumped"] and (level & 16 or h["dumped"] == mine["dumped"]),
                f"{scenario}: makedumpfile's copy of {os.path.basename(src)} keeps its pages")
        c, text = kdcmp(elf, out)
        t.check(c and c["differ"] == 0 and c["same"] == len(h["dumped"]),
                f"{scenario}: makedumpfile's copy of {os.path.basename(src)}: pages equal the ELF dump's: {text}")
        os.unlink(out)


def main():
    scenarios = sys.argv[1:] or ["tiny", "default", "fragmented", "full", "numa"]
    t = K.Checker("kdump " + " ".join(scenarios))
    for s in scenarios:
        check_scenario(t, s)
        if not t.failed:	# keep the files of a failure to look at
            for f in os.listdir(WORK):
                if f.startswith((s + "-", s + ".")):
                    os.unlink(os.path.join(WORK, f))
    t.done()


if __name__ == "__main__":
    main()
