#!/usr/bin/python3
"""Damaged dump headers and VMCOREINFO lines, checked before libkdumpfile
sees them: each copy of the tiny dump (ELF, and compressed kdump) with one
field out of range is refused at open with status 1 and a message naming
the field (never a crash, a hang or a session on wrong sizes).  Offsets
are the formats' own (elf(5), makedumpfile's disk_dump_header and
kdump_sub_header, 64-bit layout)."""
import os
import re
import struct
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import mstest as K  # noqa: E402

t = K.Checker("hostile headers")
elf, _ = K.gen_cached("tiny")
kd, _ = K.gen_cached("tiny", name="tiny-kdump-d31", extra=("-f", "kdump", "-d", "31"))


def patched(src, name, patches=(), replace=None):
    replace = [replace] if isinstance(replace, tuple) else replace or []
    path, found = K.patched_copy(src, "hdr-" + name, patches, replace)
    for (old, _), n in zip(replace, found):
        t.check(n >= 1, f"{name}: {old!r} is in the dump")
    return path


def refused(path, name, *words):
    r = subprocess.run([K.MMSCOPE, "-s", K.MMSCOPE, path], input="kmem -i\nq\n", capture_output=True,
                       text=True, timeout=60)
    out = r.stdout + r.stderr
    t.check(r.returncode == 1 and all(w in out for w in words),
            f"{name}: status 1 naming {words}: status {r.returncode}: {out.strip()[:300]}")


def opens(path, name, *words):
    r = subprocess.run([K.MMSCOPE, "-s", K.MMSCOPE, path], input="pagetypeinfo\nq\n", capture_output=True,
                       text=True, timeout=60)
    out = r.stdout + r.stderr
    t.check(r.returncode == 0 and all(w in out for w in words),
            f"{name}: opens, shows {words}: status {r.returncode}: {out.strip()[:300]}")


with open(elf, "rb") as f:
    eh = f.read(64)
    size = os.path.getsize(elf)
phoff, = struct.unpack_from("<Q", eh, 0x20)
with open(elf, "rb") as f:
    f.seek(phoff)
    ph0 = f.read(56)
p_type, _, p_offset = struct.unpack_from("<IIQ", ph0, 0)
t.eq(p_type, 4, "the first program header is the PT_NOTE")

# ---- ELF
refused(patched(elf, "e_shoff", [(0x28, "<Q", 1)]), "e_shoff 1", "section header table")
refused(patched(elf, "e_shnum", [(0x3c, "<H", 1)]), "e_shnum 1", "section header table")
refused(patched(elf, "shdr-beyond", [(0x28, "<Q", size - 16), (0x3a, "<H", 64), (0x3c, "<H", 2)]),
        "section headers past the end", "section header table")
refused(patched(elf, "note-namesz", [(p_offset, "<I", 0xffffffff)]), "note n_namesz ~0",
        "ELF note", "runs past its segment")
refused(patched(elf, "note-descsz", [(p_offset + 4, "<I", 0x7fffffff)]), "note n_descsz huge",
        "ELF note", "runs past its segment")
refused(patched(elf, "load-filesz", [(phoff + 56 + 32, "<Q", 1 << 62)]), "PT_LOAD p_filesz 2^62",
        "PT_LOAD", "beyond end of file")

# Two PT_LOADs at one virtual address with different physical ones: the last
# segment's p_vaddr set to the one before it (its own p_paddr differs).
phnum, = struct.unpack_from("<H", eh, 0x38)
with open(elf, "rb") as f:
    f.seek(phoff)
    phs = [struct.unpack_from("<IIQQQQQQ", f.read(56)) for _ in range(phnum)]
loads = [i for i, ph in enumerate(phs) if ph[0] == 1]
a, b = loads[-2], loads[-1]
t.check(phs[a][3] - phs[a][4] != phs[b][3] - phs[b][4] or phs[a][4] != phs[b][4],
        "the last two PT_LOADs map different physical memory")
refused(patched(elf, "load-vaddr", [(phoff + 56 * b + 16, "<Q", phs[a][3])]),
        "PT_LOAD p_vaddr of the one before", f"PT_LOAD segments {a} and {b} overlap at virtual address "
        f"{phs[a][3]:#x}", f"({phs[a][4]:#x} and {phs[b][4]:#x})")

# The direct map's segment moved by 0x7f bytes: every kernel read lands off by
# that much, so nothing reads right, and every command still ends with a
# message (no task context is shown from a task that could not be read).
shifted = patched(elf, "load-shift", [(phoff + 56 * b + 16, "<Q", phs[b][3] + 0x7f)])
cmds = ["sys", "set", "set -p", "vm", "vm -p", "vm -m", "vm -v", "ps", "kmem -f", "kmem -i",
        "kmem -s", "kmem -v", "log", "search -u 0", "vtop -u 1000"]
for c in cmds:
    r = subprocess.run([K.MMSCOPE, "-s", K.MMSCOPE, shifted], input=c + "\n", capture_output=True,
                       text=True, timeout=60)
    out = r.stdout + r.stderr
    t.check(r.returncode in (0, 1) and "(verified)" not in out and
            ("PANIC" not in out or c == "sys"),
            f"shifted direct map: {c}: ends with status 0 or 1, nothing verified or shown as the "
            f"panic task: status {r.returncode}: {out.strip()[:300]}")

# ---- VMCOREINFO lines (same length: the note keeps its size)
refused(patched(elf, "pagesize", replace=(b"PAGESIZE=4096\n", b"PAGESIZE=8192\n")),
        "PAGESIZE 8192", 'VMCOREINFO line "PAGESIZE=8192"', "4096 bytes")
refused(patched(elf, "pagesize0", replace=(b"PAGESIZE=4096\n", b"PAGESIZE=0000\n")),
        "PAGESIZE 0", "PAGESIZE")
refused(patched(elf, "pagesize-neg", replace=(b"PAGESIZE=4096\n", b"PAGESIZE=-096\n")),
        "PAGESIZE negative", "PAGESIZE")
refused(patched(elf, "number-x", replace=(b"NUMBER(pgtable_l5_enabled)=0\n",
                                           b"NUMBER(pgtable_l5_enabled)=x\n")),
        "NUMBER() not a number", 'VMCOREINFO line "NUMBER(pgtable_l5_enabled)=x"')
with open(elf, "rb") as f:
    data = f.read()
i = data.find(b"BUILD-ID=")
j = data.find(b"\n", i)
bid_line = data[i:j + 1]
filler = b"X" * (len(bid_line) - len(b"BUILD-ID=\n") - 2) + b"=\n"
refused(patched(elf, "build-id-empty", replace=(bid_line, b"BUILD-ID=\n" + filler)),
        "BUILD-ID empty", 'VMCOREINFO line "BUILD-ID="', "not a build id")
refused(patched(elf, "control", replace=(b"OSRELEASE=4.0.0-refmm\n", b"OSRELEASE=4.0.0\x1b[2Jmm\n")),
        "ESC in OSRELEASE", "control character")
refused(patched(elf, "noeq", replace=(b"OSRELEASE=4.0.0-refmm\n", b"OSRELEASE 4.0.0-refmm\n")),
        "a line without =", '"OSRELEASE 4.0.0-refmm": not KEY=VALUE')
# NUMBER(phys_base): the page-table root it puts off its page, or out of
# the dump, is named with the line (root = SYMBOL(swapper_pg_dir) +
# phys_base - __START_KERNEL_map, 0xffffffff80000000 on x86-64)
m = re.search(rb"NUMBER\(phys_base\)=(-?[0-9]+)\n", data)
s_pgd = re.search(rb"SYMBOL\(swapper_pg_dir\)=([0-9a-f]+)\n", data)
pb_line, pb = m.group(0), m.group(1).decode()
pgd = int(s_pgd.group(1), 16)
for v in (int(pb) - 1, int(pb) + 1, 10 ** (len(pb) - 1) - 1, int(pb) + (1 << 30)):
    txt = str(v).encode()
    if len(txt) > len(pb):
        continue
    txt = txt.rjust(len(pb), b"0") if v >= 0 else b"-" + str(-v).encode().rjust(len(pb) - 1, b"0")
    root = (pgd + v - 0xffffffff80000000) % (1 << 64)
    why = "not page-aligned" if root % 4096 else "which is not in the dump"
    refused(patched(elf, f"phys-base-{v}", replace=(pb_line, b"NUMBER(phys_base)=" + txt + b"\n")),
            f"NUMBER(phys_base)={v}", f"SYMBOL(swapper_pg_dir)={pgd:x} and NUMBER(phys_base)={v} put the "
            f"page-table root at physical address {root:x}, {why}")
# a CRLF line end (the byte taken from OSRELEASE): NUMBER(pageblock_order) still reads 9
opens(patched(elf, "crlf", replace=[(b"OSRELEASE=4.0.0-refmm\n", b"OSRELEASE=4.0.0-refm\n"),
                                    (b"NUMBER(pageblock_order)=9\n", b"NUMBER(pageblock_order)=9\r\n")]),
      "CRLF line end", "Page block order: 9\n")

# ---- compressed kdump (64-bit header; sub-header in block 1)
with open(kd, "rb") as f:
    h = f.read(464)
bs, shs, bmb = struct.unpack_from("<iiI", h, 428)
t.eq(bs, 4096, "kdump block size")
desc = (1 + shs + bmb) * bs
refused(patched(kd, "version", [(8, "<i", 99)]), "header_version 99", "header version 99")
# The timestamp's tv_usec (offset 416) is the 32-bit layout's block size, which
# libkdumpfile 0.5.1 tries first, in both byte orders: a power of 2 from 4 KiB
# to 256 KiB read either way (status 1 as bitmap blocks covers max_mapnr 4096)
# made it take the file for a 32-bit dump and crash: 256, 512, 1024 read
# big-endian, 4096 to 262144 little-endian.  Others open.
t.eq(struct.unpack_from("<I", h, 424)[0], 1, "kdump status: zlib")
for us in (256, 512, 1024, 4096, 32768, 262144):
    refused(patched(kd, f"tv-usec-{us}", [(416, "<Q", us)]), f"tv_usec {us}",
            f"libkdumpfile would read it as a 32-bit header (its timestamp's tv_usec {us}")
for us in (1, 2048, 4097, 999999):
    opens(patched(kd, f"tv-usec-{us}", [(416, "<Q", us)]), f"tv_usec {us}", "Page block order: 9\n")
refused(patched(kd, "block", [(428, "<i", 65536)]), "block_size 65536", "block size 65536")
refused(patched(kd, "subhdr", [(432, "<i", 100000)]), "sub_hdr_size 100000", "sub-header of 100000")
refused(patched(kd, "bitmaps", [(436, "<I", 0xffff)]), "bitmap_blocks 0xffff", "bitmap blocks")
refused(patched(kd, "bitmaps-odd", [(436, "<I", bmb + 1)]), "bitmap_blocks odd", "bitmap blocks")
refused(patched(kd, "cpus", [(460, "<i", -5)]), "nr_cpus -5", "-5 cpus")
refused(patched(kd, "mapnr", [(bs + 96, "<Q", 1 << 40)]), "max_mapnr_64 2^40", "max_mapnr")
# the 32-bit max_mapnr of a version 6 header: libkdumpfile crashed on these
for v in (bmb // 2 * bs * 8 + 1, 0x17d504, 0x7fffffff, 0xffffffff):
    refused(patched(kd, "mapnr32-%x" % v, [(440, "<I", v)]), "max_mapnr %#x" % v, "max_mapnr %d pages" % v)
refused(patched(kd, "vmci-off", [(bs + 32, "<Q", 1 << 62)]), "offset_vmcoreinfo 2^62",
        "VMCOREINFO of", "is not in the file")
refused(patched(kd, "note-size", [(bs + 56, "<Q", 1 << 40)]), "size_note 2^40", "notes of")
refused(patched(kd, "desc-size", [(desc + 8, "<I", 0x10000)]), "page descriptor size 64 KiB",
        "page descriptor 0", "out of range")
refused(patched(kd, "desc-off", [(desc, "<Q", 1 << 50)]), "page descriptor offset 2^50",
        "page descriptor 0", "truncated")
refused(patched(kd, "desc-flags", [(desc + 12, "<I", 0x40)]), "page descriptor flags 0x40",
        "page descriptor 0", "flags 0x40")
t.done()
