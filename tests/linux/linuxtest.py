"""Helpers of the real-Linux tests (tests/linux/*.sh): where the fixture is,
parsers of its oracle files and of crash's and drgn's outputs, and the
checker that ends a test with "N passed, N failed".

The fixture is the directory tests/linux/make-dump.sh prints; the tests take
it from $MMSCOPE_LINUX_FIXTURE (make check-linux sets it) or ask
make-dump.sh --dir.  A missing fixture is an error (exit 99), not a skip.
"""
import os
import re
import struct
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
# the checker every end-to-end test counts with
sys.path.insert(0, os.path.join(HERE, "..", "e2e", "lib"))
from mstest import Checker  # noqa: E402,F401
# the dumps a fixture may hold; fixture_dumps() says which it does
DUMPS = ("nokaslr", "kaslr")
FORMATS = ("vmcore.elf", "vmcore.d31")
# the workload /init starts: name -> (heap KiB, anon KiB, threads, forks)
WORKLOADS = {"big": (4096, 16384, 2, True), "mid": (1024, 8192, 1, False),
             "small": (256, 1024, 0, False)}
PAGE = 4096


def fixture_dir():
    d = os.environ.get("MMSCOPE_LINUX_FIXTURE")
    if not d:
        r = subprocess.run([os.path.join(HERE, "make-dump.sh"), "--dir"],
                           capture_output=True, text=True)
        d = r.stdout.strip()
        if r.returncode != 0 or not d:
            print(r.stderr, end="")
            print("no real-Linux fixture: run make check-linux "
                  "(or tests/linux/make-dump.sh)")
            sys.exit(99)
    return d


def fixture_dumps(fx):
    """The dumps of fixture @fx, in DUMPS's order: those MANIFEST's "dumps"
    names (a named kernel's fixture may hold only kaslr), both when it names
    none (fixtures made before the flavours)."""
    listed = manifest(fx).get("dumps")
    if listed is None:
        return DUMPS
    names = listed.split()
    bad = [n for n in names if n not in DUMPS]
    if bad or not names:
        raise ValueError(f"MANIFEST: dumps '{listed}' are not of {DUMPS}")
    return tuple(d for d in DUMPS if d in names)


def read(path):
    with open(path, errors="replace") as f:
        return f.read()


def manifest(fx):
    out = {}
    for line in read(os.path.join(fx, "MANIFEST")).splitlines():
        k, sep, v = line.partition(": ")
        if sep:
            out[k] = v
    return out


# --- the guest's /proc (oracle/) ---

def oracle(fx, dump, name):
    return read(os.path.join(fx, dump, "oracle", name))


def ps(fx, dump):
    """[(pid, tgid, ppid, state, kthread, comm)] from oracle/ps.txt"""
    rows = []
    for line in oracle(fx, dump, "ps.txt").splitlines():
        if line.startswith("#"):
            continue
        pid, tgid, ppid, state, kthread, comm = line.split(" ", 5)
        rows.append((int(pid), int(tgid), int(ppid), state, int(kthread), comm))
    return rows


MAPS_RE = re.compile(r"([0-9a-f]+)-([0-9a-f]+) ([r-][w-][x-][ps]) ([0-9a-f]+) "
                     r"([0-9a-f]+:[0-9a-f]+) (\d+)\s*(.*)")


def maps(fx, dump, pid):
    """[(start, end, perms, offset, dev, inode, path)] of /proc/PID/maps;
    raises ValueError on a line that does not parse."""
    out = []
    for line in oracle(fx, dump, os.path.join("maps", str(pid))).splitlines():
        m = MAPS_RE.fullmatch(line)
        if not m:
            raise ValueError(f"maps of {pid}: cannot parse '{line}'")
        out.append((int(m[1], 16), int(m[2], 16), m[3], int(m[4], 16), m[5],
                    int(m[6]), m[7]))
    return out


def buddyinfo(fx, dump):
    """{zone: [free blocks of order 0, 1, ...]}"""
    out = {}
    for line in oracle(fx, dump, "buddyinfo.txt").splitlines():
        m = re.fullmatch(r"Node (\d+), zone\s+(\S+)((?:\s+\d+)+)\s*", line)
        if not m:
            raise ValueError(f"buddyinfo: cannot parse '{line}'")
        out[m[2]] = [int(x) for x in m[3].split()]
    return out


def pages_of(counts):
    return sum(n << order for order, n in enumerate(counts))


def meminfo(fx, dump):
    """{key: kB}"""
    out = {}
    for line in oracle(fx, dump, "meminfo.txt").splitlines():
        m = re.fullmatch(r"([\w()]+):\s+(\d+)( kB)?", line)
        if not m:
            raise ValueError(f"meminfo: cannot parse '{line}'")
        out[m[1]] = int(m[2])
    return out


def kallsyms(fx, dump):
    out = {}
    for line in oracle(fx, dump, "kallsyms.txt").splitlines():
        addr, _, name = line.split()
        out[name] = int(addr, 16)
    return out


def system_ram(fx, dump):
    """[(start, end)] of /proc/iomem's top-level System RAM, end exclusive"""
    out = []
    for line in oracle(fx, dump, "iomem.txt").splitlines():
        m = re.fullmatch(r"([0-9a-f]+)-([0-9a-f]+) : System RAM", line)
        if m:
            out.append((int(m[1], 16), int(m[2], 16) + 1))
    return out


def slabinfo(fx, dump):
    """{name: (active_objs, num_objs, objsize, objperslab, pagesperslab)}"""
    lines = oracle(fx, dump, "slabinfo.txt").splitlines()
    if not lines or lines[0] != "slabinfo - version: 2.1":
        raise ValueError("slabinfo: not version 2.1")
    out = {}
    for line in lines[2:]:
        f = line.split()
        if len(f) != 16 or f[7] != "tunables" or f[12] != "slabdata":
            raise ValueError(f"slabinfo: cannot parse '{line}'")
        out[f[0]] = tuple(int(x) for x in f[1:6])
    return out


def vmallocinfo(fx, dump):
    """[(start, end, size, rest)]"""
    out = []
    for line in oracle(fx, dump, "vmallocinfo.txt").splitlines():
        m = re.fullmatch(r"0x([0-9a-f]+)-0x([0-9a-f]+)\s+(\d+) ?(.*)", line)
        if not m:
            raise ValueError(f"vmallocinfo: cannot parse '{line}'")
        out.append((int(m[1], 16), int(m[2], 16), int(m[3]), m[4]))
    return out


# --- ELF ---

def elf_phdrs(f):
    """[(p_type, p_offset, p_paddr, p_filesz, p_memsz)] of the program
    headers of the ELF file open as @f"""
    f.seek(0)
    eh = f.read(64)
    phoff, = struct.unpack_from("<Q", eh, 32)
    phentsize, phnum = struct.unpack_from("<HH", eh, 54)
    f.seek(phoff)
    ph = f.read(phentsize * phnum)
    out = []
    for i in range(phnum):
        p_type, _, p_offset = struct.unpack_from("<IIQ", ph, i * phentsize)
        p_paddr, p_filesz, p_memsz = struct.unpack_from("<QQQ", ph, i * phentsize + 24)
        out.append((p_type, p_offset, p_paddr, p_filesz, p_memsz))
    return out


def elf_notes(path):
    """{(owner, type): desc} of an ELF core's PT_NOTE segments"""
    notes = {}
    with open(path, "rb") as f:
        for p_type, p_offset, _, p_filesz, _ in elf_phdrs(f):
            if p_type != 4:
                continue
            f.seek(p_offset)
            data = f.read(p_filesz)
            off = 0
            while off + 12 <= len(data):
                namesz, descsz, ntype = struct.unpack_from("<III", data, off)
                off += 12
                name = data[off:off + namesz].rstrip(b"\0").decode()
                off += (namesz + 3) & ~3
                notes.setdefault((name, ntype), data[off:off + descsz])
                off += (descsz + 3) & ~3
    return notes


def elf_segments(path):
    """[(paddr, memsz, filesz, file offset)] of an ELF file's PT_LOAD segments"""
    with open(path, "rb") as f:
        return [(paddr, memsz, filesz, offset)
                for p_type, offset, paddr, filesz, memsz in elf_phdrs(f) if p_type == 1]


def elf_loads(path):
    """[(paddr, memsz)] of an ELF file's PT_LOAD segments"""
    return [(p, m) for p, m, _, _ in elf_segments(path)]


def vmcoreinfo(path):
    """VMCOREINFO of a QEMU ELF dump as a dict"""
    desc = elf_notes(path).get(("VMCOREINFO", 0))
    if desc is None:
        return None
    out = {}
    for line in desc.decode(errors="replace").split("\n"):
        k, sep, v = line.partition("=")
        if sep:
            out[k] = v.rstrip("\0")
    return out


def elf_symbols(path, names):
    """{name: value} of the named symbols in an ELF file's .symtab"""
    want = set(names)
    out = {}
    with open(path, "rb") as f:
        eh = f.read(64)
        shoff, = struct.unpack_from("<Q", eh, 40)
        shentsize, shnum = struct.unpack_from("<HH", eh, 58)
        f.seek(shoff)
        sh = f.read(shentsize * shnum)
        secs = [struct.unpack_from("<IIQQQQIIQQ", sh, i * shentsize)
                for i in range(shnum)]
        for s in secs:
            if s[1] != 2:	# SHT_SYMTAB
                continue
            f.seek(s[4])
            symtab = f.read(s[5])
            strtab_sec = secs[s[6]]
            f.seek(strtab_sec[4])
            strtab = f.read(strtab_sec[5])
            for off in range(0, len(symtab), 24):
                st_name, = struct.unpack_from("<I", symtab, off)
                end = strtab.index(b"\0", st_name)
                name = strtab[st_name:end].decode()
                if name in want and name not in out:
                    out[name], = struct.unpack_from("<Q", symtab, off + 8)
    return out


def elf_build_id(path):
    r = subprocess.run(["readelf", "-n", path], capture_output=True, text=True,
                       env=dict(os.environ, LC_ALL="C"))
    m = re.search(r"Build ID: ([0-9a-f]+)", r.stdout)
    return m[1] if m else None


# --- crash 8.0.2 and drgn 0.0.22 outputs (crash/, drgn/) ---

def crash_kmem_f(text):
    """{(zone, order, list index): blocks} of non-empty lists, and the
    "nr_free_pages" total"""
    lists, zone, total = {}, None, None
    index = {}
    for line in text.splitlines():
        m = re.fullmatch(r"\s*\d+\s+(\S+)\s+\d+\s+\d+\s+\w+\s+\w+\s+\d+\s*", line)
        if m:
            zone = m[1]
            continue
        m = re.fullmatch(r"\s*(\d+)\s+\d+k\s+([0-9a-f]+)\s+(\d+)\s+(\d+)\s*", line)
        if m and zone:
            order = int(m[1])
            i = index.get((zone, order), 0)
            index[(zone, order)] = i + 1
            if int(m[3]):
                lists[(zone, order, i)] = int(m[3])
            continue
        m = re.match(r"nr_free_pages: (\d+)", line)
        if m:
            total = int(m[1])
    return lists, total


def crash_kmem_i(text):
    """{label: pages} of kmem -i's first column"""
    out = {}
    for line in text.splitlines():
        m = re.match(r"\s*([A-Z][A-Z ]*[A-Z])\s+(\d+)\s", line)
        if m:
            out[m[1]] = int(m[2])
    return out


def crash_kmem_s(text):
    """{name: (objsize, allocated, total, slabs, ssize in KiB)}"""
    out = {}
    for line in text.splitlines():
        m = re.fullmatch(r"([0-9a-f]{16})\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)k\s+(\S+)",
                         line)
        if m:
            out[m[7]] = tuple(int(m[i]) for i in range(2, 7))
    return out


def crash_sys(text):
    out = {}
    for line in text.splitlines():
        m = re.fullmatch(r"\s*([A-Z][A-Z ]*): (.*)", line)
        if m:
            out[m[1]] = m[2]
    return out


def drgn_free(text):
    """{(zone, order, type): blocks}, {(zone, order): nr_free},
    {zone: NR_FREE_PAGES}, pages on the walked lists"""
    lists, nr_free, counters, total = {}, {}, {}, None
    for line in text.splitlines():
        f = line.split()
        if f[0] == "zone" and f[2] == "NR_FREE_PAGES":
            counters[f[1]] = int(f[3])
        elif f[0] == "zone" and f[4] == "type":
            lists[(f[1], int(f[3]), int(f[5]))] = int(f[7])
        elif f[0] == "zone" and f[4] == "nr_free":
            nr_free[(f[1], int(f[3]))] = int(f[5])
        elif f[:2] == ["total", "blocks_pages"]:
            total = int(f[2])
    return lists, nr_free, counters, total


def drgn_tasks(text):
    """[(pid, tgid, ppid, kthread, comm)]"""
    rows = []
    for line in text.splitlines():
        if line.startswith("#"):
            continue
        pid, tgid, ppid, kthread, comm = line.split(" ", 4)
        rows.append((int(pid), int(tgid), int(ppid), int(kthread), comm))
    return rows


def same_comm(proc, task):
    """/proc's comm against task_struct.comm: /proc shows a kthread's full
    name (task->comm keeps 15 characters) and a kworker's workqueue after a
    '-' (fs/proc/array.c, proc_task_name())."""
    return proc == task or proc[:15] == task or proc.startswith(task + "-")


def memsize(nbytes):
    """crash's MEMORY format (crash-spec 1.3)"""
    gb, mb = 1 << 30, 1 << 20
    rem = nbytes % gb
    if nbytes >= gb and rem and gb - rem <= 64 * mb:
        nbytes += gb - rem
    for unit, name in ((gb, "GB"), (mb, "MB")):
        if nbytes >= unit:
            s = "%.1f" % (nbytes / unit)
            return (s[:-2] if s.endswith(".0") else s) + " " + name
    return "%d KB" % (nbytes // 1024)
