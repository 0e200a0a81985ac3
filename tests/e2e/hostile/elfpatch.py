"""Patching a copy of an ELF dump written by "mmscope gen": kernel virtual
addresses to file offsets through its PT_LOADs (the direct map by physical
address), and member offsets from gdb on the debuginfo (an independent
reader, as tests/e2e/kmem/corrupt.py does)."""
import os
import re
import shutil
import struct
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "kmem"))
import kmemtest as K  # noqa: E402,F401


def gdb_expr(expr, exe=None):
    r = subprocess.run(["gdb", "-nx", "-batch", "-ex", f"print (long)({expr})", exe or K.MMSCOPE],
                       capture_output=True, text=True)
    m = re.search(r"= (-?\d+)", r.stdout)
    if not m:
        print(f"gdb cannot evaluate {expr}: {r.stdout}{r.stderr}")
        sys.exit(99)
    return int(m.group(1))


class Dump:
    def __init__(self, src, name, truth):
        self.path = os.path.join(K.WORK, name + ".vmcore")
        shutil.copyfile(src, self.path)
        self.page_offset = int(truth["page_offset"], 16)
        with open(self.path, "rb") as f:
            eh = f.read(64)
            phoff, = struct.unpack_from("<Q", eh, 0x20)
            phentsize, phnum = struct.unpack_from("<HH", eh, 0x36)
            self.loads = []
            f.seek(phoff)
            for _ in range(phnum):
                p = struct.unpack("<IIQQQQQQ", f.read(phentsize)[:56])
                if p[0] == 1:
                    self.loads.append((p[2], p[3], p[4], p[5]))

    def off(self, vaddr):
        for off, va, pa, sz in self.loads:
            if va <= vaddr < va + sz:
                return off + vaddr - va
        pa_want = vaddr - self.page_offset
        for off, va, pa, sz in self.loads:
            if pa <= pa_want < pa + sz:
                return off + pa_want - pa
        raise SystemExit(f"address {vaddr:x} not in the dump")

    def offs(self, vaddr):
        """Every file offset that holds @vaddr: the kernel image's segment
        and the RAM segment of the same physical page are two copies."""
        pa = None
        for off, va, p, sz in self.loads:
            if va <= vaddr < va + sz:
                pa = p + vaddr - va
        if pa is None:
            pa = vaddr - self.page_offset
        found = [off + pa - p for off, va, p, sz in self.loads if p <= pa < p + sz]
        found += [off + vaddr - va for off, va, p, sz in self.loads if va <= vaddr < va + sz]
        if not found:
            raise SystemExit(f"address {vaddr:x} not in the dump")
        return sorted(set(found))

    def poke(self, vaddr, value, fmt="<Q"):
        with open(self.path, "r+b") as f:
            for off in self.offs(vaddr):
                f.seek(off)
                f.write(struct.pack(fmt, value))

    def peek(self, vaddr, fmt="<Q"):
        with open(self.path, "rb") as f:
            f.seek(self.off(vaddr))
            return struct.unpack(fmt, f.read(struct.calcsize(fmt)))[0]

    def replace(self, old, new, count=1):
        """Replace the bytes @old (same length as @new) in the file; return how many."""
        assert len(old) == len(new)
        with open(self.path, "rb") as f:
            data = f.read()
        n = data.count(old)
        if n:
            data = data.replace(old, new, count)
            with open(self.path, "wb") as f:
                f.write(data)
        return n
