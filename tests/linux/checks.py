#!/usr/bin/python3
"""checks.py TEST - the tests of the real Linux fixture (tests/linux/*.sh).

  fixture    the fixture is complete and consistent: MANIFEST, vmlinux and
             dumps of one build, VMCOREINFO against the guest's kallsyms,
             the oracle files parse, every process has its maps, the
             workload's mappings are those workload.c makes, buddyinfo
             against MemFree, the initramfs repacks to the same bytes
  kdumpfile  libkdumpfile opens both formats of both dumps and reads the
             kernel's release at init_uts_ns (the guest's own address)
  crash      crash 8.0.2 on the QEMU ELF and the captured crash/ outputs
             (of vmcore.d31) against each other, the guest's /proc and drgn
  drgn       drgn 0.0.22's tasks and free lists against the guest's /proc
  sys        mmscope's sys on every dump against the guest's /proc
  mm         mmscope's kmem -f/-i/-z, buddyinfo, pagetypeinfo and sys on
             every dump against the guest's /proc, crash and drgn
  mm-crash   mmscope's kmem -n, kmem ADDR, -p ADDR, -g and set against
             crash 8.0.2 run on the same vmcore.d31
  log        mmscope's log on every dump against crash's and the console
  tasks      mmscope's ps, vm and kmem -v on every dump against the guest's
             /proc (tasks and maps), drgn's tasks and crash 8.0.2
  slab       mmscope's SLUB walk (kmem -s/-S/ADDR, slabinfo, slabtop, --json)
             on every dump against crash 8.0.2 run on the same vmcore.d31
             and the guest's /proc/slabinfo
  slab-damage  mmscope on copies of vmcore.elf with a SLUB freelist and a
             partial list damaged: reported with addresses, no crash

Each prints "FAIL: ..." for a check that does not hold and ends with
"N passed, N failed"; exit 1 if a check failed.
"""
import gzip
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile

from linuxtest import (DUMPS, FORMATS, HERE, PAGE, WORKLOADS, Checker,
                       buddyinfo, crash_kmem_f, crash_kmem_i, crash_kmem_s,
                       crash_sys, drgn_free, drgn_tasks, elf_build_id,
                       elf_loads, elf_segments, elf_symbols, fixture_dir,
                       fixture_dumps,
                       kallsyms, manifest,
                       maps, meminfo, memsize, oracle, pages_of, ps, read,
                       same_comm, slabinfo, system_ram, vmallocinfo,
                       vmcoreinfo)

PY = "/usr/bin/python3"		# Debian's, with drgn and libkdumpfile


def crash_run(fx, vmlinux, dump, commands, timeout=600):
    """crash -s's output for @commands (crash can hang: killed after @timeout)."""
    r = subprocess.run(["timeout", "-s", "KILL", str(timeout), "crash", "-s",
                        vmlinux, dump], input="".join(c + "\n" for c in commands) + "q\n",
                       capture_output=True, text=True, cwd=fx)
    return r.returncode, r.stdout + r.stderr


def crash_named(fx, d, commands):
    """crash's return code and {name: output} on @d's vmcore.d31; each
    command is (name, line), split as mmscope_run() splits mmscope's."""
    script = []
    for name, line in commands:
        script += [f"!echo @@{name}@@", line]
    rc, text = crash_run(os.path.join(fx, d), "../vmlinux", "vmcore.d31", script)
    parts = re.split(r"^@@(\S+)@@\n", text, flags=re.M)
    return rc, dict(zip(parts[1::2], parts[2::2]))


# --- fixture ---

def check_manifest(c, fx):
    m = manifest(fx)
    for key in ("recipe", "kernel.version", "kernel.release", "vmlinux.build_id",
                "package.image", "package.dbg", "initrd"):
        c.check(m.get(key), f"MANIFEST has {key}")
    for f in ("vmlinux", "vmlinuz", "config", "initrd.cpio.gz",
              "modules/qemu_fw_cfg.ko", "modules/pvpanic-mmio.ko"):
        # a flavour may build a module in (make-dump.sh says so)
        builtin = m.get("initrd.builtin." + f[8:-3]) if f.startswith("modules/") else None
        if builtin:
            c.check(builtin in read(os.path.join(fx, "config")).splitlines(),
                    f"{f[8:]} is built in: {builtin}")
            continue
        c.check(os.path.getsize(os.path.join(fx, f)) > 0, f"{f} is there")
    c.eq(elf_build_id(os.path.join(fx, "vmlinux")), m.get("vmlinux.build_id"),
         "vmlinux's build id is the MANIFEST's")
    c.eq(int(m.get("vmlinux.size", -1)), os.path.getsize(os.path.join(fx, "vmlinux")),
         "vmlinux's size is the MANIFEST's")
    c.check("CONFIG_SLUB=y" in read(os.path.join(fx, "config")).splitlines(),
            "config is a SLUB kernel's")
    for d in DUMPS:
        for f in FORMATS:
            c.eq(int(m.get(f"{d}.{f}", -1)), os.path.getsize(os.path.join(fx, d, f)),
                 f"{d}/{f}'s size is the MANIFEST's")
        for tool in ("crash", "drgn"):
            c.check(m.get(f"{d}.{tool}", "").startswith("rc 0,"),
                    f"{tool} ran on {d}/vmcore.d31 without error: {m.get(d + '.' + tool)}")
        for f in ("crash/sys.txt", "crash/kmem-f.txt", "crash/kmem-i.txt",
                  "crash/kmem-s.txt", "crash/kmem-v.txt", "crash/log.txt",
                  "drgn/tasks.txt", "drgn/free.txt"):
            p = os.path.join(fx, d, f)
            c.check(os.path.exists(p) and os.path.getsize(p) > 0, f"{d}/{f} is there")
    return m


def check_vmcoreinfo(c, fx, m, d, syms):
    release = m["kernel.release"]
    elf = os.path.join(fx, d, "vmcore.elf")
    vi = vmcoreinfo(elf)
    if not c.check(vi is not None, f"{d}: QEMU's ELF has a VMCOREINFO note"):
        return
    c.eq(vi.get("OSRELEASE"), release, f"{d}: VMCOREINFO OSRELEASE")
    c.eq(vi.get("BUILD-ID"), m["vmlinux.build_id"], f"{d}: VMCOREINFO BUILD-ID is vmlinux's")
    offset = int(vi.get("KERNELOFFSET", "-1"), 16)
    guest = kallsyms(fx, d)
    for name in ("_text", "init_uts_ns", "node_data"):
        c.eq(guest[name] - syms[name], offset,
             f"{d}: the guest's {name} minus vmlinux's is KERNELOFFSET")
    if d == "nokaslr":
        c.eq(offset, 0, f"{d}: no KASLR offset")
    else:
        c.check(offset != 0, f"{d}: KASLR moved the kernel (KERNELOFFSET {offset:#x})")
    # the d31's own header: "KDUMP   ", header_version, then new_utsname
    with open(os.path.join(fx, d, "vmcore.d31"), "rb") as f:
        head = f.read(12 + 6 * 65)
    c.eq(head[:8], b"KDUMP   ", f"{d}: vmcore.d31 is makedumpfile's compressed format")
    c.eq(head[12 + 130:12 + 195].split(b"\0")[0].decode(), release,
         f"{d}: vmcore.d31's utsname release")
    # QEMU's ELF holds every byte of the guest's System RAM
    loads = elf_loads(elf)
    for lo, hi in system_ram(fx, d):
        c.check(any(p <= lo and hi <= p + n for p, n in loads),
                f"{d}: System RAM {lo:#x}-{hi:#x} is inside one PT_LOAD of vmcore.elf")


def check_ps(c, fx, d):
    rows = ps(fx, d)
    pids = {r[0] for r in rows}
    c.eq(len(pids), len(rows), f"{d}: pids are unique")
    byp = {r[0]: r for r in rows}
    c.check(byp.get(1, (0,) * 6)[5] == "init" and byp[1][4] == 0, f"{d}: pid 1 is init")
    c.check(byp.get(2, (0,) * 6)[5] == "kthreadd", f"{d}: pid 2 is kthreadd")
    for pid, tgid, ppid, state, kthread, comm in rows:
        c.check(ppid == 0 or ppid in pids, f"{d}: parent {ppid} of {pid} exists")
        if kthread and pid != 2:
            c.eq(ppid, 2, f"{d}: kthread {pid} ({comm}) is kthreadd's child")
        c.check(tgid in pids, f"{d}: thread group {tgid} of {pid} exists")
    user = [r for r in rows if not r[4]]
    comms = sorted(r[5] for r in user)
    nthreads = sum(1 + w[2] + (1 if w[3] else 0) for w in WORKLOADS.values())
    c.eq(comms.count("workload"), nthreads, f"{d}: tasks of the workload")
    c.eq(comms.count("sleep"), 4, f"{d}: sleepers")
    c.eq(comms.count("cat"), 1, f"{d}: the fifo's reader")
    c.eq(len(user), nthreads + 4 + 1 + 1, f"{d}: user tasks (init, workload, sleep, cat)")
    return rows


def check_maps(c, fx, d, rows):
    tgids = {r[1] for r in rows}
    kthreads = {r[1] for r in rows if r[4]}
    all_maps = {}
    for tgid in sorted(tgids):
        try:
            vmas = maps(fx, d, tgid)
        except (ValueError, OSError) as e:
            c.check(False, f"{d}: {e}")
            continue
        all_maps[tgid] = vmas
        if tgid in kthreads:
            c.eq(vmas, [], f"{d}: kthread {tgid} has no maps")
            continue
        ok = bool(vmas)
        for i, (start, end, *_rest) in enumerate(vmas):
            ok &= start < end and start % PAGE == 0 and end % PAGE == 0
            ok &= i == 0 or vmas[i - 1][1] <= start
        c.check(ok, f"{d}: maps of {tgid} are sorted, page-aligned and disjoint")
        names = {v[6] for v in vmas}
        c.check({"[stack]", "[vdso]"} <= names, f"{d}: {tgid} has [stack] and [vdso]")
    return all_maps


def check_workload(c, fx, d, rows, all_maps):
    """Each workload's maps are what workload.c makes (hand-computed)."""
    threads = {}
    for r in rows:
        threads.setdefault(r[1], []).append(r)
    for name, (heap_kb, anon_kb, nthreads, forks) in WORKLOADS.items():
        shared = f"/tmp/shared.{name}"
        procs = [t for t, v in all_maps.items()
                 if any(m[6] == shared for m in v) and threads[t][0][5] == "workload"]
        parents = [t for t in procs if threads[t][0][2] == 1]
        if not c.eq(len(parents), 1, f"{d}: one workload {name} started by init"):
            continue
        parent = parents[0]
        vmas = all_maps[parent]
        c.eq(len(threads[parent]), 1 + nthreads, f"{d}: threads of workload {name}")
        sh = [m for m in vmas if m[6] == shared]
        c.check(len(sh) == 1 and sh[0][1] - sh[0][0] == 64 * PAGE and sh[0][2] == "rw-s",
                f"{d}: {name} maps 64 pages of {shared} shared rw")
        c.check(any(m[6] == "/bin/busybox" and m[2] == "r--p" for m in vmas),
                f"{d}: {name} maps /bin/busybox private read-only")
        heap = [m for m in vmas if m[6] == "[heap]"]
        c.check(len(heap) == 1 and heap[0][1] - heap[0][0] >= heap_kb * 1024,
                f"{d}: {name}'s [heap] holds its {heap_kb} KiB")
        # mmap(ANON_KB) with its middle third read-only: rw-p r--p rw-p, adjacent
        third = anon_kb * 1024 // 3 & ~(PAGE - 1)
        found = False
        for a, b, e in zip(vmas, vmas[1:], vmas[2:]):
            if (a[1], b[1]) == (b[0], e[0]) and (a[2], b[2], e[2]) == ("rw-p", "r--p", "rw-p") \
                    and not a[6] and not b[6] and not e[6]:
                found |= (a[1] - a[0] == third and b[1] - b[0] == third
                          and e[1] - a[0] == anon_kb * 1024)
        c.check(found, f"{d}: {name}'s {anon_kb} KiB anonymous mapping is three VMAs")
        # each thread's stack: a PROT_NONE guard page right below an rw-p mapping
        guards = sum(1 for a, b in zip(vmas, vmas[1:])
                     if a[2] == "---p" and a[1] - a[0] == PAGE and a[1] == b[0]
                     and b[2] == "rw-p" and not b[6])
        c.check(guards >= nthreads, f"{d}: {name} has a guarded stack for each of its {nthreads} threads")
        children = [t for t in procs if threads[t][0][2] == parent]
        c.eq(len(children), 1 if forks else 0, f"{d}: fork children of {name}")
        for child in children:
            c.eq(all_maps[child], vmas, f"{d}: {name}'s fork child {child} has its parent's maps")


def check_counters(c, fx, d):
    bi = buddyinfo(fx, d)
    mi = meminfo(fx, d)
    free = sum(pages_of(v) for v in bi.values())
    # MemFree is NR_FREE_PAGES: pages on the free lists, read just before them
    near_meminfo(c, free * PAGE // 1024, mi["MemFree"], f"{d}: buddyinfo's pages are MemFree")
    c.check(set(bi) <= {"DMA", "DMA32", "Normal", "Movable"}, f"{d}: buddyinfo's zones {sorted(bi)}")
    c.check(all(len(v) == 11 for v in bi.values()), f"{d}: buddyinfo has orders 0-10")
    # zoneinfo: "Node N, zone NAME", the node's stats (first zone only),
    # then the zone's "pages free"
    zi = re.findall(r"^Node \d+, zone\s+(\S+)\n(?:.*\n)*?\s+pages free\s+(\d+)$",
                    oracle(fx, d, "zoneinfo.txt"), re.M)
    zi = {z: int(n) for z, n in zi}
    for zone, counts in bi.items():
        c.eq(zi.get(zone), pages_of(counts), f"{d}: zoneinfo's free pages of {zone} are buddyinfo's")
    slab = slabinfo(fx, d)
    for name in ("task_struct", "mm_struct", "vm_area_struct", "dentry", "kmalloc-64"):
        c.check(name in slab, f"{d}: slabinfo has {name}")
    # /init made 4000 files in 40 directories on tmpfs
    c.check(slab.get("dentry", (0, 0))[1] >= 4040, f"{d}: dentries for the 4040 tmpfs files")
    c.check(slab.get("shmem_inode_cache", (0, 0))[1] >= 4040, f"{d}: shmem inodes for them")
    va = vmallocinfo(fx, d)
    c.check(len(va) > 20 and all(s >= 0xffff800000000000 and e - s == n for s, e, n, _ in va),
            f"{d}: vmallocinfo has real kernel addresses ({len(va)} areas)")
    console = read(os.path.join(fx, d, "console.log"))
    c.check("MMSCOPE-KMSG workload-ready" in console, f"{d}: the kmsg marker is on the console")
    c.check("Kernel panic - not syncing: sysrq triggered crash" in console,
            f"{d}: the guest panicked through sysrq")
    cmdline = oracle(fx, d, "cmdline.txt")
    c.eq("nokaslr" in cmdline.split(), d == "nokaslr", f"{d}: nokaslr on the command line")


def check_initrd(c, fx):
    """The initramfs repacks to the same bytes, and holds today's /init."""
    with gzip.open(os.path.join(fx, "initrd.cpio.gz"), "rb") as f:
        data = f.read()
    entries, off = [], 0
    while True:
        h = data[off:off + 110]
        fields = [int(h[6 + 8 * i:14 + 8 * i], 16) for i in range(13)]
        mode, size, rmaj, rmin, namesize = fields[1], fields[6], fields[9], fields[10], fields[11]
        name = data[off + 110:off + 110 + namesize - 1].decode()
        off = (off + 110 + namesize + 3) & ~3
        body = data[off:off + size]
        off = (off + size + 3) & ~3
        if name == "TRAILER!!!":
            break
        entries.append((name, mode, body, rmaj, rmin))
    files = {e[0]: e[2] for e in entries}
    with open(os.path.join(HERE, "init"), "rb") as f:
        c.eq(files.get("init"), f.read(), "the initramfs's /init is tests/linux/init")
    with tempfile.TemporaryDirectory() as tmp:
        args = []
        for i, (name, mode, body, rmaj, rmin) in enumerate(entries):
            kind = mode >> 12
            if kind == 0o04:
                args.append(f"dir:{name}")
            elif kind == 0o02:
                args.append(f"chr:{name}={rmaj},{rmin}:{mode & 0o7777:o}")
            elif kind == 0o12:
                args.append(f"symlink:{name}={body.decode()}")
            else:
                src = os.path.join(tmp, str(i))
                with open(src, "wb") as f:
                    f.write(body)
                args.append(f"file:{name}={src}:{mode & 0o7777:o}")
        out = os.path.join(tmp, "again.cpio.gz")
        subprocess.run([PY, os.path.join(HERE, "mkinitramfs.py"), out] + args[::-1],
                       check=True)
        with open(out, "rb") as f1, open(os.path.join(fx, "initrd.cpio.gz"), "rb") as f2:
            c.check(f1.read() == f2.read(),
                    "mkinitramfs.py repacks the initramfs to the same bytes (in any order)")


def test_fixture(c, fx):
    m = check_manifest(c, fx)
    syms = elf_symbols(os.path.join(fx, "vmlinux"), ["_text", "init_uts_ns", "node_data"])
    c.eq(len(syms), 3, "vmlinux has _text, init_uts_ns and node_data")
    for d in DUMPS:
        c.eq(oracle(fx, d, "osrelease.txt").strip(), m["kernel.release"], f"{d}: the guest's release")
        check_vmcoreinfo(c, fx, m, d, syms)
        rows = check_ps(c, fx, d)
        all_maps = check_maps(c, fx, d, rows)
        check_workload(c, fx, d, rows, all_maps)
        check_counters(c, fx, d)
    check_initrd(c, fx)


# --- libkdumpfile ---

KDUMPFILE_READ = r'''
import sys, kdumpfile, addrxlat
k = kdumpfile.kdumpfile(sys.argv[1])
k.attr["addrxlat.ostype"] = "linux"
lines = k.attr["linux.vmcoreinfo.lines"]
addr = int(sys.argv[2], 16) + int(lines["OFFSET(uts_namespace.name)"])
uts = k.read(addrxlat.KVADDR, addr, 6 * 65)
print("format", k.attr["file.format"])
print("release", k.attr["linux.uts.release"])
print("offset", lines["KERNELOFFSET"])
print("read", uts[130:195].split(b"\0")[0].decode())
'''


def test_kdumpfile(c, fx):
    release = manifest(fx)["kernel.release"]
    for d in DUMPS:
        uts = kallsyms(fx, d)["init_uts_ns"]
        off = kallsyms(fx, d)["_text"] - elf_symbols(os.path.join(fx, "vmlinux"), ["_text"])["_text"]
        for f, fmt in zip(FORMATS, ("elf", "diskdump")):
            r = subprocess.run([PY, "-c", KDUMPFILE_READ, os.path.join(fx, d, f), "%x" % uts],
                               capture_output=True, text=True)
            if not c.check(r.returncode == 0, f"libkdumpfile opens {d}/{f}: {r.stderr.strip()}"):
                continue
            got = dict(line.split(" ", 1) for line in r.stdout.splitlines())
            c.eq(got.get("format"), fmt, f"{d}/{f}: libkdumpfile's file.format")
            c.eq(got.get("release"), release, f"{d}/{f}: linux.uts.release")
            c.eq(int(got.get("offset", "-1"), 16), off, f"{d}/{f}: KERNELOFFSET")
            c.eq(got.get("read"), release,
                 f"{d}/{f}: init_uts_ns.name.release read at the guest's own address")


# --- crash ---

def test_crash(c, fx):
    release = manifest(fx)["kernel.release"]
    for d in DUMPS:
        cap = {n: read(os.path.join(fx, d, "crash", n + ".txt"))
               for n in ("sys", "kmem-f", "kmem-i", "kmem-s", "kmem-v", "log")}
        rc, out = crash_run(os.path.join(fx, d), "../vmlinux", "vmcore.elf",
                            ["sys", "!echo @@kmem-f@@", "kmem -f", "!echo @@kmem-i@@", "kmem -i"])
        c.eq(rc, 0, f"crash opens {d}/vmcore.elf")
        parts = re.split(r"^@@(\S+)@@$", out, flags=re.M)
        elf = {"sys": parts[0], **dict(zip(parts[1::2], parts[2::2]))}
        ram = sum(e - s for s, e in system_ram(fx, d))
        for what, text in (("vmcore.elf", elf.get("sys", "")), ("vmcore.d31", cap["sys"])):
            s = crash_sys(text)
            c.eq(s.get("RELEASE"), release, f"crash sys RELEASE on {d}/{what}")
            c.eq(s.get("PANIC"), '"Kernel panic - not syncing: sysrq triggered crash"',
                 f"crash sys PANIC on {d}/{what}")
            c.eq(s.get("MEMORY"), memsize(ram),
                 f"crash sys MEMORY on {d}/{what} is the guest's System RAM")
        # the same stopped VM: the two formats give the same free lists
        lists_elf, total_elf = crash_kmem_f(elf.get("kmem-f", ""))
        lists, total = crash_kmem_f(cap["kmem-f"])
        c.check(lists and lists_elf == lists and total_elf == total,
                f"{d}: crash kmem -f reads the same free lists from vmcore.elf and vmcore.d31")
        c.eq(crash_kmem_i(elf.get("kmem-i", "")), crash_kmem_i(cap["kmem-i"]),
             f"{d}: crash kmem -i on vmcore.elf and vmcore.d31")
        # against the guest's /proc and drgn
        bi = buddyinfo(fx, d)
        c.eq(total, sum(pages_of(v) for v in bi.values()),
             f"{d}: crash's nr_free_pages is the pages of the guest's buddyinfo")
        for zone, counts in bi.items():
            per_order = [sum(n for (z, o, _), n in lists.items() if z == zone and o == order)
                         for order in range(len(counts))]
            c.eq(per_order, counts, f"{d}: crash kmem -f's {zone} blocks per order are buddyinfo's")
        dl, _, _, dtotal = drgn_free(read(os.path.join(fx, d, "drgn", "free.txt")))
        c.eq(lists, dl, f"{d}: crash kmem -f and drgn walk the same lists to the same counts")
        ki = crash_kmem_i(cap["kmem-i"])
        mi = meminfo(fx, d)
        c.eq(ki.get("TOTAL MEM", 0) * PAGE // 1024, mi["MemTotal"], f"{d}: kmem -i TOTAL MEM is MemTotal")
        near_meminfo(c, ki.get("FREE", 0) * PAGE // 1024, mi["MemFree"], f"{d}: kmem -i FREE is MemFree")
        # slab caches: sizes are static; totals are the guest's, read just before
        ks, slab = crash_kmem_s(cap["kmem-s"]), slabinfo(fx, d)
        c.check(len(ks) > 100, f"{d}: crash kmem -s lists {len(ks)} caches")
        for name in sorted(set(ks) & set(slab)):
            objsize, allocated, total_objs, slabs, ssize = ks[name]
            active, num, _, _, pagesperslab = slab[name]
            c.eq((total_objs, ssize), (num, pagesperslab * 4),
                 f"{d}: {name}: crash's TOTAL and SSIZE are slabinfo's num_objs and pages per slab")
        c.check(set(slab) == set(ks), f"{d}: the same caches in kmem -s and slabinfo: "
                f"only crash {sorted(set(ks) - set(slab))}, only /proc {sorted(set(slab) - set(ks))}")
        # kmem -v: every vmalloc area the guest listed with its caller
        kv = set(re.findall(r"([0-9a-f]{16}) - ([0-9a-f]{16})\s+(\d+)", cap["kmem-v"]))
        kv = {(int(a, 16), int(b, 16)) for a, b, _ in kv}
        va = [(s, e) for s, e, _, rest in vmallocinfo(fx, d) if "unpurged" not in rest]
        c.check(va and all(v in kv for v in va),
                f"{d}: every busy area of /proc/vmallocinfo is in crash kmem -v "
                f"(missing: {[hex(s) for s, e in va if (s, e) not in kv][:5]})")
        # log: every kernel line the console showed is in the ring buffer;
        # the console repeats a record's timestamp on each of its lines,
        # crash indents its continuation lines to the same width instead
        log = set(cap["log"].splitlines())
        console = [l.rstrip("\r") for l in read(os.path.join(fx, d, "console.log")).splitlines()]
        klines = [l for l in console if re.match(r"\[\s*\d+\.\d+\] ", l)]
        missing = [l for l in klines if l not in log and
                   " " * (l.index("] ") + 2) + l[l.index("] ") + 2:] not in log]
        c.check(klines and not missing,
                f"{d}: crash log has the {len(klines)} kernel lines of the console "
                f"(missing {len(missing)}: {missing[:3]})")


# --- drgn ---

def test_drgn(c, fx):
    for d in DUMPS:
        tasks = drgn_tasks(read(os.path.join(fx, d, "drgn", "tasks.txt")))
        proc = {r[0]: r for r in ps(fx, d)}
        got = {t[0]: t for t in tasks}
        c.eq(sorted(got), sorted(proc), f"{d}: drgn's tasks are the guest's pids")
        for pid in sorted(set(got) & set(proc)):
            _, tgid, ppid, kthread, comm = got[pid]
            p = proc[pid]
            c.check((tgid, ppid, kthread) == (p[1], p[2], p[4]) and same_comm(p[5], comm),
                    f"{d}: pid {pid}: drgn {got[pid]} against /proc {p}")
        lists, nr_free, counters, total = drgn_free(read(os.path.join(fx, d, "drgn", "free.txt")))
        for (zone, order), n in nr_free.items():
            walked = sum(b for (z, o, _), b in lists.items() if (z, o) == (zone, order))
            c.eq(walked, n, f"{d}: drgn walks nr_free blocks on {zone} order {order}")
        for zone, n in counters.items():
            c.eq(sum(b << o for (z, o, _), b in lists.items() if z == zone), n,
                 f"{d}: {zone}'s NR_FREE_PAGES is the pages on its lists")
        bi = buddyinfo(fx, d)
        c.eq(total, sum(pages_of(v) for v in bi.values()), f"{d}: drgn's free pages are buddyinfo's")


# --- mmscope sys ---

def test_sys(c, fx):
    mmscope = os.path.join(os.environ.get("top_builddir", "."), "mmscope")
    # what sys's HZ rests on, as gdb prints it from the vmlinux alone:
    # write_expire, a "static const int" folded into DW_AT_const_value; and
    # jiffies, only declared in DWARF (a linker alias of jiffies_64)
    vmlinux = os.path.join(fx, "vmlinux")
    g = subprocess.run(["gdb", "-nx", "-batch", "-ex", "p write_expire", "-ex", "whatis write_expire",
                        "-ex", "whatis jiffies", vmlinux], capture_output=True, text=True, timeout=600)
    want = re.findall(r"^(?:\$\d+ = .*|type = .*)$", g.stdout, re.M)
    r = subprocess.run([mmscope, "-s", vmlinux, os.path.join(fx, DUMPS[0], "vmcore.d31")],
                       input="p write_expire\nwhatis write_expire\nwhatis jiffies\np jiffies == jiffies_64\n",
                       capture_output=True, text=True, timeout=600)
    got = r.stdout.split("PANIC:", 1)[-1].splitlines()
    if c.eq(len(want), 3, f"gdb prints write_expire and the types: {g.stdout[-300:]}{g.stderr[-300:]}"):
        c.check(want[0] in got, f"mmscope p write_expire is gdb's {want[0]!r}: {got[-6:]}")
        c.check(want[1].replace("type = ", "") + " write_expire;" in got,
                f"mmscope whatis write_expire is gdb's {want[1]!r}: {got[-6:]}")
        c.check(want[2].replace("type = ", "") + " jiffies;" in got,
                f"mmscope whatis jiffies is gdb's {want[2]!r}: {got[-6:]}")
    c.check("$2 = 1" in got, f"mmscope p jiffies == jiffies_64: {got[-4:]}")
    for d in DUMPS:
        ncpus = 0
        for part in oracle(fx, d, "cpus-online.txt").strip().split(","):
            lo, _, hi = part.partition("-")
            ncpus += int(hi or lo) - int(lo) + 1
        want = {"RELEASE": oracle(fx, d, "osrelease.txt").strip(),
                "VERSION": oracle(fx, d, "version.txt").strip(),
                "NODENAME": oracle(fx, d, "hostname.txt").strip()}
        # busybox's uname -a: ... MACHINE GNU/Linux
        machine = oracle(fx, d, "uname.txt").split()[-2]
        # crash 8.0.2's clock lines: DATE from tk_core's xtime_sec (6.1
        # writes no CRASHTIME), UPTIME from jiffies_64 and HZ (5 * HZ is
        # mq-deadline's write_expire), LOAD AVERAGE from avenrun[]
        cs = crash_sys(read(os.path.join(fx, d, "crash", "sys.txt")))
        clock = {k: cs.get(k) for k in ("DATE", "UPTIME", "LOAD AVERAGE")}
        # TASKS: every task of the guest's ps and one idle task per CPU;
        # crash 8.0.2 says 3 here, its table holding only the active tasks
        # ("active task ... not found in PID hash")
        tasks = str(len(ps(fx, d)) + ncpus)
        for f in FORMATS:
            r = subprocess.run([mmscope, "-s", os.path.join(fx, "vmlinux"), os.path.join(fx, d, f)],
                               input="sys\nset output json\nsys\n", capture_output=True, text=True,
                               timeout=600)
            if not c.eq(r.returncode, 0, f"mmscope sys on {d}/{f}: {r.stderr.strip()}"):
                continue
            s = crash_sys(r.stdout)
            for key, value in want.items():
                c.eq(s.get(key), value, f"mmscope sys {key} on {d}/{f}")
            for key, value in clock.items():
                c.eq(s.get(key), value, f"mmscope sys {key} on {d}/{f} is crash's")
            c.eq(s.get("TASKS"), tasks, f"mmscope sys TASKS on {d}/{f}: the guest's tasks and idle tasks")
            c.eq(s.get("MACHINE", "").split()[0], machine,
                 f"mmscope sys MACHINE on {d}/{f} is uname -m")
            # CPUS: the guest's CPUs (all online before the panic), then
            # what crash prints after the count: " [OFFLINE: 1]", the CPU
            # the panic stopped; MACHINE's "(N Mhz)" is crash's (cpu_khz)
            cpus_suffix = cs.get("CPUS", "")[len(str(ncpus)):]
            c.check(cs.get("CPUS", "").startswith(str(ncpus)), f"crash's CPUS on {d}: {cs.get('CPUS')}")
            c.eq(s.get("CPUS"), str(ncpus) + cpus_suffix,
                 f"mmscope sys CPUS on {d}/{f}: the guest's CPUs and crash's '{cpus_suffix}'")
            c.eq(s.get("MACHINE"), cs.get("MACHINE"), f"mmscope sys MACHINE on {d}/{f} is crash's")
            # DUMPFILE: the path, and after it what crash 8.0.2 prints after
            # its own (its sys.txt of vmcore.d31: "  [PARTIAL DUMP]", the
            # file makedumpfile filtered with -d 31); QEMU's ELF nothing
            # (crash's is_partial_diskdump() is for compressed kdump files)
            suffix = cs.get("DUMPFILE", "")[len("vmcore.d31"):] if f == "vmcore.d31" else ""
            c.eq(s.get("DUMPFILE"), os.path.join(fx, d, f) + suffix,
                 f"mmscope sys DUMPFILE on {d}/{f}: the path and crash's '{suffix}'")
            # sys's JSON document: the last one (set prints its own first)
            m = [x.start() for x in re.finditer(r"^\{", r.stdout, re.M)]
            try:
                j = json.JSONDecoder().raw_decode(r.stdout[m[-1]:])[0]
                got = (j["dumpfile"], j["dump_level"])
                offline = re.search(r"\[OFFLINE: (\d+)\]", cpus_suffix)
                c.eq((j["cpus"], j["cpus_offline"]), (ncpus, int(offline.group(1)) if offline else 0),
                     f"mmscope sys --json on {d}/{f}: cpus and cpus_offline")
            except (IndexError, ValueError, KeyError) as e:
                got = f"{e}: {r.stdout[-300:]}"
            c.eq(got, (os.path.join(fx, d, f), 31 if f == "vmcore.d31" else None),
                 f"mmscope sys --json on {d}/{f}: dumpfile the path alone, dump_level "
                 f"makedumpfile's -d (make-dump.sh's -d 31; null for ELF)")
            print(f"note: {d}/{f}: MEMORY {s.get('MEMORY')} (guest System RAM "
                  f"{memsize(sum(e - s for s, e in system_ram(fx, d)))}), PANIC {s.get('PANIC')}")


# --- mmscope's memory model and log ---

def mmscope_run(fx, dump, commands):
    """{name: output} of one batch session of mmscope on @dump; each command
    is (name, line), outputs are split at "!echo @@name@@" lines."""
    mmscope = os.path.join(os.environ.get("top_builddir", "."), "mmscope")
    script = "".join(f"!echo @@{name}@@\n{line}\n" for name, line in commands)
    r = subprocess.run(["timeout", "-s", "KILL", "600", mmscope, "-s",
                        os.path.join(fx, "vmlinux"), dump],
                       input=script, capture_output=True, text=True)
    parts = re.split(r"^@@(\S+)@@\n", r.stdout, flags=re.M)
    return r.returncode, r.stderr, dict(zip(parts[1::2], parts[2::2]))


def zone_rows(text):
    """The zone rows of kmem -f, as printed (crash and mmscope alike)."""
    return re.findall(r"^ZONE  NAME.*\n(.*)$", text, re.M)


def free_by_list(kmem_f_json):
    """{(zone, order, migratetype index): blocks} of non-empty lists, from
    mmscope's kmem -f JSON (by_migratetype keeps the kernel's order)."""
    out = {}
    for node in kmem_f_json["nodes"]:
        for z in node["zones"]:
            for area in z["free_area"]:
                for i, n in enumerate(area["by_migratetype"].values()):
                    if n:
                        out[(z["zone"], area["order"], i)] = n
    return out


# The guest's /proc/meminfo was read a moment before the panic; the counters
# it sums (vm_zone_stat, vm_node_stat) then still take in each CPU's
# vm_stat_diff when the vmstat worker folds it, up to stat_threshold pages
# (at most 125: calculate_normal_threshold()) per CPU and counter, with no
# page allocated or freed.  make-dump.sh's guest has 2 CPUs.  The dump's own
# counters are checked exactly against crash's kmem -V.
VMSTAT_FOLD_KB = 2 * 125 * PAGE // 1024


def near_meminfo(c, got_kb, want_kb, what):
    c.check(abs(got_kb - want_kb) <= VMSTAT_FOLD_KB,
            f"{what} (within the vmstat fold, {VMSTAT_FOLD_KB} kB): got {got_kb}, want {want_kb}")


def crash_vm_stat(text):
    """NAME: value rows of crash's kmem -V (the dump's global counters)."""
    out = {}
    for l in text.splitlines():
        m = re.match(r"\s*([A-Z_0-9]+): (\d+)$", l)
        if m:
            out.setdefault(m.group(1), int(m.group(2)))
    return out


def proc_lines(text):
    return [l.rstrip() for l in text.splitlines() if l.strip()]


def test_mm(c, fx):
    """mmscope's kmem, buddyinfo, pagetypeinfo and sys on every dump: the
    guest's /proc, crash 8.0.2's captured outputs (of vmcore.d31; crash.sh
    shows crash reads the same from vmcore.elf) and drgn's free lists."""
    for d in DUMPS:
        cap = {n: read(os.path.join(fx, d, "crash", n + ".txt"))
               for n in ("sys", "kmem-f", "kmem-i", "kmem-z", "kmem-V")}
        vs = crash_vm_stat(cap["kmem-V"])
        crash_lists, crash_total = crash_kmem_f(cap["kmem-f"])
        drgn_lists, _, _, drgn_total = drgn_free(read(os.path.join(fx, d, "drgn", "free.txt")))
        ci = crash_kmem_i(cap["kmem-i"])
        mi = meminfo(fx, d)
        bi = buddyinfo(fx, d)
        ram = sum(e - s for s, e in system_ram(fx, d))
        for f in FORMATS:
            w = f"{d}/{f}"
            rc, err, out = mmscope_run(fx, os.path.join(fx, d, f), [
                ("sys", "sys"), ("kmem-f", "kmem -f"), ("kmem-i", "kmem -i"),
                ("buddyinfo", "buddyinfo"), ("pagetypeinfo", "pagetypeinfo"),
                ("kmem-z", "kmem -z"), ("json", "set output json"),
                ("kmem-f-json", "kmem -f"), ("kmem-z-json", "kmem -z"), ("kmem-n-json", "kmem -n"),
                ("buddyinfo-json", "buddyinfo"), ("pagetypeinfo-json", "pagetypeinfo"),
                ("text", "set output text")])
            if not c.eq((rc, err), (0, ""), f"mmscope runs on {w}"):
                continue
            # kmem -f: the zone rows as crash prints them, the blocks per
            # order, the total, verified
            c.eq(zone_rows(out["kmem-f"]), zone_rows(cap["kmem-f"]),
                 f"{w}: kmem -f zone rows (size, free, mem_map, start) are crash's")
            lists, total = crash_kmem_f(out["kmem-f"])
            for zone in {z for z, _, _ in crash_lists}:
                for order in range(11):
                    c.eq(sum(n for (z, o, _), n in lists.items() if (z, o) == (zone, order)),
                         sum(n for (z, o, _), n in crash_lists.items() if (z, o) == (zone, order)),
                         f"{w}: kmem -f {zone} order {order} blocks are crash's")
            c.eq(total, crash_total, f"{w}: kmem -f nr_free_pages is crash's")
            c.check("(verified)" in out["kmem-f"], f"{w}: kmem -f verifies the free lists")
            c.check("NOTE" not in out["kmem-f"], f"{w}: kmem -f has nothing to note: "
                    f"{[l for l in out['kmem-f'].splitlines() if 'NOTE' in l]}")
            # every zone, order and free list (migratetype) against crash's
            # per-list rows and drgn's walk
            try:
                byl = free_by_list(json.loads(out["kmem-f-json"]))
            except (ValueError, KeyError) as e:
                c.check(False, f"{w}: kmem -f --json parses: {e}")
                byl = {}
            c.eq(byl, crash_lists, f"{w}: kmem -f every free list's blocks are crash's")
            c.eq(byl, drgn_lists, f"{w}: kmem -f every free list's blocks are drgn's")
            c.eq(sum(n << o for (_, o, _), n in byl.items()), drgn_total,
                 f"{w}: the pages on the free lists are drgn's total")
            # the guest's /proc
            c.eq(proc_lines(out["buddyinfo"]), proc_lines(oracle(fx, d, "buddyinfo.txt")),
                 f"{w}: buddyinfo is the guest's /proc/buddyinfo")
            c.eq(proc_lines(out["pagetypeinfo"]), proc_lines(oracle(fx, d, "pagetypeinfo.txt")),
                 f"{w}: pagetypeinfo is the guest's /proc/pagetypeinfo")
            ki = crash_kmem_i(out["kmem-i"])
            for row in ("TOTAL MEM", "FREE", "USED", "BUFFERS", "CACHED", "TOTAL HUGE", "HUGE FREE",
                        "TOTAL SWAP", "COMMIT LIMIT", "COMMITTED"):
                c.eq(ki.get(row), ci.get(row), f"{w}: kmem -i {row} is crash's")
            near_meminfo(c, ki.get("FREE", 0) * PAGE // 1024, mi["MemFree"], f"{w}: kmem -i FREE is MemFree")
            c.eq(ki.get("TOTAL MEM", 0) * PAGE // 1024, mi["MemTotal"],
                 f"{w}: kmem -i TOTAL MEM is MemTotal")
            near_meminfo(c, ki.get("CACHED", 0) * PAGE // 1024, mi["Cached"], f"{w}: kmem -i CACHED is Cached")
            # the hugetlb pool: HugePages_Total and _Free, of Hugepagesize kB each
            c.eq((ki.get("TOTAL HUGE"), ki.get("HUGE FREE")),
                 (mi["HugePages_Total"] * mi["Hugepagesize"] * 1024 // PAGE,
                  mi["HugePages_Free"] * mi["Hugepagesize"] * 1024 // PAGE),
                 f"{w}: kmem -i TOTAL HUGE and HUGE FREE are HugePages_Total and _Free")
            # crash 8.0.2 counts PG_slab pages for SLAB on 5.9+; the kernel's
            # counters (and /proc/meminfo) count every page of a slab
            near_meminfo(c, ki.get("SLAB", 0) * PAGE // 1024, mi["Slab"], f"{w}: kmem -i SLAB is Slab")
            c.eq(ki.get("SLAB"), vs.get("NR_SLAB_RECLAIMABLE_B", -1) + vs.get("NR_SLAB_UNRECLAIMABLE_B", -1),
                 f"{w}: kmem -i SLAB is the dump's NR_SLAB_RECLAIMABLE_B + NR_SLAB_UNRECLAIMABLE_B (crash's kmem -V)")
            # kmem -z: crash's text byte for byte (its blank lines: one
            # after an unpopulated zone, two after a populated one, whose
            # ALL_UNRECLAIMABLE/PAGES_SCANNED line 6.1 leaves empty)
            c.eq(out["kmem-z"], cap["kmem-z"], f"{w}: kmem -z is crash's text")
            # kmem -z: the zones' counters and watermarks against /proc/zoneinfo
            zi = dict(re.findall(r"^Node \d+, zone\s+(\S+)\n(?:.*\n)*?\s+pages free\s+\d+\n"
                                 r"\s+boost\s+\d+\n\s+min\s+(\d+\n\s+low\s+\d+\n\s+high\s+\d+)$",
                                 oracle(fx, d, "zoneinfo.txt"), re.M))
            mz = re.findall(r'NAME: "(\S+)"\n  SIZE: \d+(?:  PRESENT: \d+)?  MIN/LOW/HIGH: (\S+)\n',
                            out["kmem-z"])
            c.eq({z: wm for z, wm in mz},
                 {z: "/".join(re.findall(r"\d+", v)) for z, v in zi.items() if z in bi},
                 f"{w}: kmem -z MIN/LOW/HIGH are /proc/zoneinfo's min, low, high")
            # one zone-record shape: every command's zone record names the
            # zone by node, zone, zone_index and address, crash's kmem -z
            # NODE, NAME, ZONE and ADDR (buddyinfo and pagetypeinfo: the
            # populated zones, those of the guest's /proc/buddyinfo)
            want = [(int(n), nm, int(i), "0x" + a) for n, i, a, nm in
                    re.findall(r'^NODE: (\d+)  ZONE: (\d+)  ADDR: ([0-9a-f]+)  NAME: "(\S+)"$',
                               cap["kmem-z"], re.M)]
            for key, exp in (("kmem-f-json", want), ("kmem-z-json", want), ("kmem-n-json", want),
                             ("buddyinfo-json", [z for z in want if z[1] in bi]),
                             ("pagetypeinfo-json", [z for z in want if z[1] in bi])):
                try:
                    doc = json.loads(out[key])
                    zl = ([z for n in doc["nodes"] for z in n["zones"]] if "nodes" in doc
                          else doc["zones"])
                    got = [(z.get("node"), z.get("zone"), z.get("zone_index"), z.get("address"))
                           for z in zl]
                except (ValueError, KeyError, TypeError) as e:
                    got = f"{key}: {e}"
                c.eq(got, exp, f"{w}: {key[:-5]} --json zones: node, zone, zone_index, address "
                     f"are crash's kmem -z NODE, NAME, ZONE, ADDR")
            # sys: MEMORY and PANIC as crash prints them
            s, cs = crash_sys(out["sys"]), crash_sys(cap["sys"])
            c.eq(s.get("MEMORY"), memsize(ram), f"{w}: sys MEMORY is the guest's System RAM")
            c.eq(s.get("MEMORY"), cs.get("MEMORY"), f"{w}: sys MEMORY is crash's")
            c.eq(s.get("PANIC"), cs.get("PANIC"), f"{w}: sys PANIC is crash's")


def test_mm_crash(c, fx):
    """mmscope's kmem -n, kmem ADDR, kmem -p ADDR, kmem -g (the whole table
    and one value) and set against
    crash 8.0.2 run by this test on the same vmcore.d31: the same text (kmem
    -n with its memory-block table; set names the panic task as crash does,
    the thread_info inside the task)."""
    for d in DUMPS:
        dump = os.path.join(fx, d, "vmcore.d31")
        rc, err, out = mmscope_run(fx, dump, [("kmem-F", "kmem -F")])
        if not c.eq((rc, err), (0, ""), f"mmscope kmem -F on {d}/vmcore.d31"):
            continue
        # the second page of the first free block of order 1 or more: kmem
        # ADDR names its block, "2nd of N pages"
        heads = re.findall(r"^\s*([1-9]\d*)\s+\d+k\s+[0-9a-f]+\s*\n([0-9a-f]{16})$",
                           out["kmem-F"], re.M)
        if not c.check(heads, f"{d}: kmem -F lists a free block of order 1 or more"):
            continue
        page = "%x" % (int(heads[0][1], 16) + 0x40)
        commands = [("kmem-n", "kmem -n"), ("kmem-addr", f"kmem {page}"),
                    ("kmem-p", f"kmem -p {page}"), ("kmem-g", "kmem -g 10200"),
                    ("kmem-g-all", "kmem -g"), ("kmem-h", "kmem -h"), ("set", "set")]
        # kmem PHYS: crash's kmem_search() looks a physical address up as it
        # does a page's (the free block holding it, then its page).  The
        # blocks' physical addresses: vmemmap is linear in the pfn, its slope
        # (sizeof(struct page)) from the first two zones' MEM_MAP/START_PADDR.
        zr = [r.split() for r in zone_rows(out["kmem-F"])]
        (m0, p0), (m1, p1) = [(int(r[4], 16), int(r[5], 16)) for r in zr[:2]]
        spage = (m1 - m0) // ((p1 - p0) // PAGE)
        blocks, order = [], None
        for line in out["kmem-F"].splitlines():
            m = re.match(r"^\s*(\d+)\s+\d+k\s+[0-9a-f]+\s*$", line)
            if m:
                order = int(m.group(1))
            elif re.match(r"^ffff[0-9a-f]{12}$", line) and order is not None:
                blocks.append((p0 + (int(line, 16) - m0) // spage * PAGE, order))
        ends = {b + (PAGE << o) for b, o in blocks}
        free = lambda a: any(b <= a < b + (PAGE << o) for b, o in blocks)
        # crash's free_page_callback() takes the page just past a block as in
        # it, so a block that starts where one met earlier ends gets no
        # free-area lines from crash: "after" checks mmscope names it anyway
        lone = [b for b, o in blocks if o and b not in ends]
        after = [b for b, o in blocks if b in ends]
        busy = next(a for a in range(p0, p0 + (PAGE << 20), PAGE) if not free(a))
        phys = []
        if c.check(lone, f"{d}: a free block of order 1 or more not right after another"):
            phys += [("phys-head", lone[0]), ("phys-in", lone[0] + PAGE + 0x800)]
        phys.append(("phys-busy", busy))
        commands += [(name, "kmem %x" % a) for name, a in phys]
        if after:
            commands.append(("phys-after", "kmem %x" % after[0]))
        rc, err, mine = mmscope_run(fx, dump, commands)
        c.eq((rc, err), (0, ""), f"mmscope on {d}/vmcore.d31")
        crc, theirs = crash_named(fx, d, commands)
        if not c.eq(crc, 0, f"crash runs on {d}/vmcore.d31"):
            continue
        c.check(re.search(r"^   MEM_BLOCK .*\n( ffff[0-9a-f]{12}   memory\d+ .*\n)+",
                          theirs.get("kmem-n", ""), re.M),
                f"{d}: crash's kmem -n has the memory-block table")
        for name, line in commands:
            if name != "phys-after":
                c.eq(mine.get(name), theirs.get(name), f"{d}: mmscope {line} is crash's")
        # kmem -h --json: the default hstate is /proc/meminfo's Hugepagesize
        # with its HugePages_Total and _Free
        rc, err, js = mmscope_run(fx, dump, [("json", "set output json"), ("h", "kmem -h"),
                                             ("addrs", "kmem %s %s" % (page, " ".join("%x" % a for _, a in phys)))])
        # kmem ADDR... --json: the free block and page of crash's text of each address
        try:
            recs = json.loads(js["addrs"])["addresses"]
        except (ValueError, KeyError) as e:
            recs = []
            c.check(False, f"{d}: kmem ADDR... --json: {e}: {js.get('addrs', '')[:300]!r}")
        names = ["kmem-addr"] + [n for n, _ in phys]
        c.eq(len(recs), len(names), f"{d}: kmem ADDR... --json: a record per address")
        for name, r in zip(names, recs):
            text = theirs.get(name, "")
            area = re.search(r"^\s*(\d+)\s+\d+k\s+([0-9a-f]{16})\s*$", text, re.M)
            head = re.search(r"^([0-9a-f]{16})  (?:\(\S+ is (?:in )?(\d+)(?:st|nd|rd|th) of (\d+) pages\))?$",
                             text, re.M)
            pm = re.search(r"PAGE\s+PHYSICAL.*\n([0-9a-f]{16})\s+([0-9a-f]+)\s", text)
            fb = r.get("free_block") or {}
            want = (True, int(area[1]), "0x" + area[2], "0x" + head[1], int(head[2] or 1) - 1) \
                if area and head else (False, None, None, None, None)
            c.check(pm and (fb.get("free"), fb.get("order"), fb.get("free_list"), fb.get("page"),
                            fb.get("index")) == want and
                    (r["page"]["page"], r["page"]["physical"]) == ("0x" + pm[1], "0x" + pm[2]) and
                    r["physical"] == (name != "kmem-addr"),
                    f"{d}: {name} --json: crash's free block {want} and page: {fb} {r.get('page')}")
        try:
            hs = json.loads(js["h"])["hstates"]
        except (ValueError, KeyError) as e:
            hs = f"{e}: {js.get('h', '')[:300]}"
        mi = meminfo(fx, d)
        kb = mi["Hugepagesize"]
        c.check(isinstance(hs, list) and any(
            (h["name"], h["size"], h["total"], h["free"]) ==
            (f"hugepages-{kb}kB", kb * 1024, mi["HugePages_Total"], mi["HugePages_Free"]) for h in hs),
            f"{d}: kmem -h --json has /proc/meminfo's {kb} kB hstate and its counts: {hs}")
        c.check("FREE_AREA_STRUCT" in theirs.get("phys-head", "") and
                "FREE_AREA_STRUCT" not in theirs.get("phys-busy", "x"),
                f"{d}: crash names the free block of a physical address, none for a busy one")
        if after:
            a, b = mine.get("phys-after", ""), theirs.get("phys-after", "")
            c.check("FREE_AREA_STRUCT" not in b and "FREE_AREA_STRUCT" in a and
                    "(%x is 1st of " % after[0] in a and a.endswith(b),
                    f"{d}: kmem {after[0]:x}: crash's page lines, after the free block "
                    "crash's off-by-one misses")


def test_log(c, fx):
    """mmscope's log on every dump: crash 8.0.2's log of vmcore.d31 line for
    line, and every kernel line the guest's console showed."""
    for d in DUMPS:
        want = read(os.path.join(fx, d, "crash", "log.txt"))
        console = [l.rstrip("\r") for l in read(os.path.join(fx, d, "console.log")).splitlines()]
        klines = [l for l in console if re.match(r"\[\s*\d+\.\d+\] ", l)]
        for f in FORMATS:
            w = f"{d}/{f}"
            rc, err, out = mmscope_run(fx, os.path.join(fx, d, f),
                                       [("log", "log"), ("json", "set output json"),
                                        ("log-json", "log")])
            if not c.eq((rc, err), (0, ""), f"mmscope runs on {w}"):
                continue
            got = out["log"].splitlines()
            c.check(got == want.splitlines(),
                    f"{w}: log is crash's, {len(got)} lines against {len(want.splitlines())}: "
                    f"first difference {next((p for p in zip(got, want.splitlines()) if p[0] != p[1]), None)}")
            log = set(got)
            missing = [l for l in klines if l not in log and
                       " " * (l.index("] ") + 2) + l[l.index("] ") + 2:] not in log]
            c.check(klines and not missing, f"{w}: log has the {len(klines)} kernel lines of "
                    f"the console (missing {len(missing)}: {missing[:3]})")
            try:
                lines = out["log-json"].splitlines()
                head = json.loads(lines[0])
                c.check(head.get("command") == "log" and head.get("stream") is True,
                        f"{w}: log --json starts with the stream's header line")
                recs = [json.loads(l) for l in lines[1:]]
            except ValueError as e:
                c.check(False, f"{w}: log --json parses: {e}")
                continue
            seqs = [r["seq"] for r in recs]
            c.check(seqs and seqs == list(range(seqs[0], seqs[0] + len(seqs))),
                    f"{w}: log --json records have consecutive sequence numbers")
            c.check(any(r["text"] == "Kernel panic - not syncing: sysrq triggered crash"
                        and r["level"] == 0 for r in recs),
                    f"{w}: log --json has the panic at level 0 (KERN_EMERG)")


# --- mmscope ps, vm, kmem -v ---

PROC_STATE = {"R": "RU", "S": "IN", "D": "UN", "I": "ID", "T": "ST", "t": "TR", "Z": "ZO"}
VM_READ, VM_WRITE, VM_EXEC, VM_MAYSHARE = 0x1, 0x2, 0x4, 0x80	# include/linux/mm.h


def perms(flags):
    """/proc/PID/maps' permissions from vm_flags (fs/proc/task_mmu.c, show_map_vma())"""
    return ("r" if flags & VM_READ else "-") + ("w" if flags & VM_WRITE else "-") + \
           ("x" if flags & VM_EXEC else "-") + ("s" if flags & VM_MAYSHARE else "p")


def proc_vma(v):
    """(start, end, perms, file) of a /proc maps row; only a path is a file
    ([heap], [stack], [vdso] and [vvar] are anonymous to the kernel)"""
    start, end, prm, _off, _dev, _ino, path = v
    return (start, end, prm, path if path.startswith("/") else None)


# An independent page-table walk: libkdumpfile reads the tables (the top one
# at the mm's pgd, a kernel virtual address; the others physical) and the
# x86-64 4-level rules are applied here.  stdin: "PGD VADDR" lines (hex);
# stdout: the physical address or "-" (not present) per line.
KDUMPFILE_WALK = r'''
import sys, kdumpfile, addrxlat
k = kdumpfile.kdumpfile(sys.argv[1])
k.attr["addrxlat.ostype"] = "linux"
PRESENT, PSE, MASK = 0x1, 0x80, 0x000ffffffffff000
cache = {}
def entry(space, table, i):
    key = (space, table)
    if key not in cache:
        b = k.read(space, table, 4096)
        cache[key] = [int.from_bytes(b[j:j + 8], "little") for j in range(0, 4096, 8)]
    return cache[key][i]
for line in sys.stdin:
    pgd, va = (int(x, 16) for x in line.split())
    space, table, out = addrxlat.KVADDR, pgd, "-"
    for shift in (39, 30, 21, 12):
        e = entry(space, table, (va >> shift) & 511)
        if not e & PRESENT:
            break
        if shift == 12 or (shift in (30, 21) and e & PSE):
            size = 1 << shift
            out = "%x" % ((e & MASK & ~(size - 1)) + (va & (size - 1)))
            break
        space, table = addrxlat.KPHYSADDR, e & MASK
    print(out)
'''


def kdumpfile_walk(dump, queries):
    """{(pgd, vaddr): paddr or None} by KDUMPFILE_WALK"""
    r = subprocess.run([PY, "-c", KDUMPFILE_WALK, dump], capture_output=True, text=True,
                       input="".join("%x %x\n" % q for q in queries))
    if r.returncode:
        raise RuntimeError(r.stderr.strip())
    return {q: None if a == "-" else int(a, 16) for q, a in zip(queries, r.stdout.split())}


DIRECT_MAP = 0xffff888000000000	# x86-64's page_offset_base without KASLR


def test_maple_damage(c, fx, work):
    """Damaged maple nodes in a copy of vmcore.elf (nokaslr's when the
    fixture has it): vm ends with an
    error naming the node, and the session goes on.  The node layout is
    include/linux/maple_tree.h's (a parent pointer, then the pivots and
    slots: 15 and 16 in a leaf or range node, 9 and 10 in an arange node);
    the roots come from mmscope's print, the bytes written are hand-made."""
    d = DUMPS[0]
    src = os.path.join(fx, d, "vmcore.elf")
    rc, err, out = mmscope_run(fx, src, [("json", "set output json"), ("ps", "ps -u")])
    if not c.eq((rc, err), (0, ""), f"mmscope ps on {d}/vmcore.elf"):
        return
    tasks = json.loads(out["ps"])["tasks"]
    roots = {}
    for t in tasks:
        _, _, o = mmscope_run(fx, src, [("r", "p ((struct task_struct *)%s)->mm->mm_mt.ma_root"
                                         % t["task"])])
        m = re.search(r"0x([0-9a-f]+)", o.get("r", ""))
        if m:
            roots[t["pid"]] = int(m[1], 16)
    leaf = [(p, r) for p, r in sorted(roots.items()) if (r >> 3) & 15 == 1]
    arange = [(p, r) for p, r in sorted(roots.items()) if (r >> 3) & 15 == 3]
    if not (c.check(leaf, "a process whose maple root is a leaf") and
            c.check(arange, "a process whose maple root is an arange node")):
        return
    lpid, lroot = leaf[0]
    apid, aroot = arange[0]
    lnode, anode = lroot & ~0xff, aroot & ~0xff
    direct_map = DIRECT_MAP
    if d != "nokaslr":	# KASLR moved the direct map: where vtop says it is
        _, _, vt = mmscope_run(fx, src, [("v", f"vtop {lnode:x}")])
        p = phys_of(vt.get("v", ""))
        if not c.check(p is not None, f"{d}: the physical address of maple node {lnode:x}"):
            return
        direct_map = lnode - p
    # the leaf's pivot 1 below its pivot 0; the arange root's slot 0 pointing
    # at the root itself, encoded as a child (a loop only the depth bound ends)
    patches = {lnode - direct_map + 8 + 8: struct.pack("<Q", 0x1000),
               anode - direct_map + 8 + 9 * 8: struct.pack("<Q", anode | (3 << 3) | 4)}
    dst = os.path.join(work, "damaged.elf")
    try:
        shutil.copyfile(src, dst)
        if not elf_patch(dst, patches):
            raise ValueError("a patched address is in no PT_LOAD of the copy")
        rc, err, out = mmscope_run(fx, dst, [("vm-leaf", f"vm {lpid}"), ("vm-arange", f"vm {apid}"),
                                             ("ps", "ps")])
    finally:
        if os.path.exists(dst):
            os.unlink(dst)
    leaf_err, arange_err = out.get("vm-leaf", ""), out.get("vm-arange", "")
    c.check(f"maple node {lnode:x}: pivot 1 (0x1000) outside" in leaf_err,
            f"vm {lpid}: the leaf's bad pivot is named with its node: {leaf_err!r}")
    c.check(f"maple node {anode:x}: deeper than 31 levels" in arange_err,
            f"vm {apid}: the node that points at itself ends at the depth bound: {arange_err!r}")
    c.check(re.search(r"^>?\s+1\s+0\s+\d+\s+[0-9a-f]+\s+RU", out.get("ps", ""), re.M),
            "ps still works after the errors")


def test_tasks(c, fx):
    """mmscope's ps, vm and kmem -v on every dump and format: every task
    against the guest's /proc and drgn's task list (drgn walks the pid table,
    mmscope the task list), every process's VMAs against /proc/PID/maps
    (start, end, permissions, file), VSZ against the maps' sizes, the rows
    crash 8.0.2 can print (the tasks on a CPU) line for line, and kmem -v
    and -V line for line against crash's."""
    for d in DUMPS:
        proc = {r[0]: r for r in ps(fx, d)}
        drgn = {t[0]: t for t in drgn_tasks(read(os.path.join(fx, d, "drgn", "tasks.txt")))}
        crash_ps = read(os.path.join(fx, d, "crash", "ps.txt")).splitlines()
        crash_v = read(os.path.join(fx, d, "crash", "kmem-v.txt"))
        crash_V = read(os.path.join(fx, d, "crash", "kmem-V.txt"))
        user = sorted(p for p, r in proc.items() if not r[4])
        pmaps = {}
        for pid in user:
            try:
                pmaps[pid] = [proc_vma(v) for v in maps(fx, d, proc[pid][1])]
            except (ValueError, OSError) as e:
                c.check(False, f"{d}: maps of {pid}: {e}")
        for f in FORMATS:
            w = f"{d}/{f}"
            rc, err, out = mmscope_run(fx, os.path.join(fx, d, f), [
                ("ps", "ps"), ("kmem-v", "kmem -v"), ("kmem-V", "kmem -V"),
                ("json", "set output json"),
                ("ps-json", "ps"), ("vm-json", "vm " + " ".join(map(str, user))),
                ("kmem-v-json", "kmem -v"), ("text", "set output text")])
            if not c.eq((rc, err), (0, ""), f"mmscope ps, vm, kmem -v on {w}"):
                continue
            try:
                tasks = json.loads(out["ps-json"])["tasks"]
                vms = json.loads(out["vm-json"])["tasks"]
                areas = json.loads(out["kmem-v-json"])
            except (KeyError, ValueError) as e:
                c.check(False, f"{w}: the JSON parses: {e}")
                continue
            mine = {t["pid"]: t for t in tasks if t["pid"]}
            c.eq(sorted(mine), sorted(proc), f"{w}: ps's pids are the guest's")
            c.eq(sorted(mine), sorted(drgn), f"{w}: ps's pids are drgn's")
            c.eq(len(mine), len([t for t in tasks if t["pid"]]), f"{w}: each pid once")
            c.eq(len(tasks) - len(mine), 2, f"{w}: one idle task per CPU")
            for pid in sorted(set(mine) & set(proc)):
                t, p = mine[pid], proc[pid]
                got = (t["tgid"], t["ppid"], t["kthread"])
                c.check(got == (p[1], p[2], bool(p[4])) and same_comm(p[5], t["comm"]),
                        f"{w}: pid {pid}: tgid, ppid, kthread, comm {got} {t['comm']!r}"
                        f" against /proc {p}")
                c.check(t["state"] in PROC_STATE.values(), f"{w}: pid {pid}: state {t['state']}")
                if not p[4]:	# a kworker's state moves on; the workload's stays
                    c.eq(t["state"], PROC_STATE.get(p[3]), f"{w}: pid {pid}: state /proc {p[3]}")
                if pid in pmaps:
                    c.eq(t["vsz"], sum(e - s for s, e, _p, _f in pmaps[pid]) // 1024,
                         f"{w}: pid {pid}: VSZ is the size of its maps")
            # crash 8.0.2 lists the tasks on a CPU only; those rows are mmscope's
            text = out["ps"].splitlines()
            c.eq(text[0], crash_ps[0], f"{w}: ps header is crash's")
            for line in crash_ps[1:]:
                c.check(line in text, f"{w}: crash's ps row is mmscope's: {line!r}")
            got_vm = {t["pid"]: t for t in vms}
            c.eq(sorted(got_vm), user, f"{w}: vm shows every user task")
            for pid in user:
                vmas = [(int(v["start"], 16), int(v["end"], 16), perms(int(v["flags"], 16)),
                         v["file"]) for v in got_vm.get(pid, {}).get("vmas", [])]
                c.eq(vmas, pmaps.get(pid), f"{w}: pid {pid}: vm's VMAs are /proc/{pid}/maps")
                c.eq(got_vm.get(pid, {}).get("total_vm"), mine.get(pid, {}).get("vsz"),
                     f"{w}: pid {pid}: vm's total_vm is ps's VSZ")
            # vm -p: every page of every process against the walk
            stacks = {pid: v[:4] for pid in user[:3] for v in maps(fx, d, proc[pid][1])
                      if v[6] == "[stack]"}
            kmem_user = []
            for pid, (start, end, _p, _f) in stacks.items():
                kmem_user += [(f"set-{pid}", f"set {pid}"), (f"kmem-{pid}", f"kmem {end - 8:x}")]
            rc, err, out2 = mmscope_run(fx, os.path.join(fx, d, f), kmem_user + [
                ("json", "set output json"), ("vm-p", "vm -p " + " ".join(map(str, user)))] + [
                (f"vtop-{pid}-{i}", f"vtop -c {pid} -u {a:x}") for pid in user[:3]
                for i, a in enumerate([v[0] for v in pmaps.get(pid, [])] +
                                      [v[1] - 8 for v in pmaps.get(pid, [])])] +
                [(n.replace("kmem-", "jkmem-").replace("set-", "jset-"), l) for n, l in kmem_user])
            if c.eq((rc, err), (0, ""), f"mmscope vm -p and vtop -u on {w}"):
                pages, vtops = {}, []
                for t in json.loads(out2["vm-p"])["tasks"]:
                    for v in t["vmas"]:
                        for pg in v["pages"]:
                            pages[(int(t["pgd"], 16), int(pg["vaddr"], 16))] = \
                                int(pg["paddr"], 16) if "paddr" in pg else None
                for name, text in out2.items():
                    if name.startswith("vtop-"):
                        j = json.loads(text)
                        vtops.append(((int(j["pgd"], 16), int(j["vaddr"], 16)),
                                      int(j["paddr"], 16) if j.get("paddr") else None, j))
                try:
                    walk = kdumpfile_walk(os.path.join(fx, d, f),
                                          sorted(set(pages) | {q for q, _, _ in vtops}))
                except RuntimeError as e:
                    c.check(False, f"{w}: libkdumpfile's page-table walk: {e}")
                    walk = {}
                bad = [(hex(q[1]), pages[q], walk.get(q)) for q in sorted(pages)
                       if pages[q] != walk.get(q, -1)]
                c.eq(bad[:5], [], f"{w}: vm -p's {len(pages)} pages, "
                     f"{sum(1 for v in pages.values() if v is not None)} mapped, are the walk's")
                # kmem ADDR of a user address of the context: its VMA and page
                for pid, (start, end, _p, _f) in stacks.items():
                    text = out2.get(f"kmem-{pid}", "")
                    m = re.search(r"^\s*[0-9a-f]+\s+([0-9a-f]+)\s+([0-9a-f]+)\s+[0-9a-f]+ *\n\n"
                                  r"\s+PAGE\s+PHYSICAL.*\n[0-9a-f]+\s+([0-9a-f]+) ", text, re.M)
                    vt = [j for q, _g, j in vtops if q[1] == end - 8 and j.get("vma") and
                          int(j["vma"]["start"], 16) == start]
                    c.check(m and (int(m[1], 16), int(m[2], 16)) == (start, end) and vt and
                            int(m[3], 16) == int(vt[0]["paddr"], 16) & ~0xfff,
                            f"{w}: kmem {end - 8:x} in pid {pid}: its VMA {start:x}-{end:x} and"
                            f" the page vtop -u gives: {text!r}")
                    # --json: the same task, VMA, physical address and page
                    try:
                        r = json.loads(out2.get(f"jkmem-{pid}", ""))["addresses"][0]
                        u, pg = r["user"], r["page"]
                        c.check(vt and (u["pid"], int(u["vma"]["start"], 16), int(u["vma"]["end"], 16),
                                        u["mapped"], int(u["physical"], 16), int(pg["physical"], 16)) ==
                                (pid, start, end, True, int(vt[0]["paddr"], 16),
                                 int(vt[0]["paddr"], 16) & ~0xfff) and
                                r["slab"] is None and r["free_block"] is None,
                                f"{w}: kmem {end - 8:x} --json in pid {pid}: its VMA and the page "
                                f"vtop -u gives: {r}")
                    except (ValueError, KeyError, IndexError, TypeError) as e:
                        c.check(False, f"{w}: kmem {end - 8:x} --json in pid {pid}: {e}: "
                                f"{out2.get(f'jkmem-{pid}', '')[:300]!r}")
                for q, got, j in vtops:
                    c.eq(got, walk.get(q, -1), f"{w}: vtop -u {q[1]:x}: the walk's address")
                    c.check(int(j["vma"]["start"], 16) <= q[1] < int(j["vma"]["end"], 16),
                            f"{w}: vtop -u {q[1]:x}: its VMA holds it")
            c.eq(out["kmem-v"], crash_v, f"{w}: kmem -v is crash's")
            c.eq(out["kmem-V"], crash_V, f"{w}: kmem -V is crash's")
            rows = [l.split() for l in crash_v.splitlines()[1:]]
            want = [(int(r[0], 16), int(r[1], 16), int(r[2], 16), int(r[4], 16), int(r[5]))
                    for r in rows]
            got = [(int(a["vmap_area"], 16), int(a["vm_struct"], 16), int(a["start"], 16),
                    int(a["end"], 16), a["size"]) for a in areas.get("areas", [])]
            c.eq(got, want, f"{w}: kmem -v --json's areas are crash's rows")
    with tempfile.TemporaryDirectory() as work:
        test_maple_damage(c, fx, work)


# --- mmscope's SLUB walk ---

SLUB_SLAB_ROW = re.compile(r"^  ([0-9a-f]{16})  ([0-9a-f]{16})\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)$", re.M)


def slub_sections(text):
    """{cache name: its kmem -S block} of kmem -S output (crash's or mmscope's)."""
    out = {}
    for block in re.split(r"^(?=CACHE  )", text, flags=re.M):
        m = re.search(r"^[0-9a-f]{16}\s+\d+\s+\S+\s+\S+\s+\S+\s+\d+k\s+(\S+)$", block, re.M)
        if m:
            out[m[1]] = block
    return out


def slabtop_summary(rows):
    """slabtop -o's first five lines from slabinfo rows {name: (active, num,
    objsize, objperslab, pagesperslab)}, by procps's rules (hand-written
    here from slabtop.c: sizes in KiB with 2 decimals, the average object a
    whole number of bytes)."""
    objs = sum(r[1] for r in rows.values())
    active = sum(r[0] for r in rows.values())
    size = sum(r[1] * r[2] for r in rows.values())
    asize = sum(r[0] * r[2] for r in rows.values())
    acaches = sum(1 for r in rows.values() if r[0])
    pct = lambda a, b: 100.0 * a / b if b else 0.0
    return [
        f" Active / Total Objects (% used)    : {active} / {objs} ({pct(active, objs):.1f}%)",
        f" Active / Total Caches (% used)     : {acaches} / {len(rows)} ({pct(acaches, len(rows)):.1f}%)",
        f" Active / Total Size (% used)       : {asize / 1024:.2f}K / {size / 1024:.2f}K "
        f"({pct(asize, size):.1f}%)",
        f" Minimum / Average / Maximum Object : {min(r[2] for r in rows.values()) / 1024:.2f}K / "
        f"{(size // objs if objs else 0) / 1024:.2f}K / {max(r[2] for r in rows.values()) / 1024:.2f}K",
    ]


def parse_slabinfo(text):
    """{name: (active, num, objsize, objperslab, pagesperslab)} and the
    tunables and slabdata columns {name: (limit, batch, shared, active_slabs,
    num_slabs, sharedavail)} of slabinfo 2.1 text."""
    rows, rest = {}, {}
    for line in text.splitlines()[2:]:
        f = line.split()
        if len(f) != 16 or f[7] != "tunables" or f[12] != "slabdata":
            raise ValueError(f"slabinfo: cannot parse '{line}'")
        rows[f[0]] = tuple(int(x) for x in f[1:6])
        rest[f[0]] = tuple(int(x) for x in f[8:11] + f[13:16])
    return rows, rest


def test_slab(c, fx):
    """mmscope's SLUB walk against crash 8.0.2 run by this test on the same
    vmcore.d31 (kmem -s every cache, kmem -S of a few, kmem ADDR of objects
    in every kind of slab) and the guest's /proc/slabinfo."""
    for d in DUMPS:
        dump = os.path.join(fx, d, "vmcore.d31")
        # the objects to look up, from mmscope's own kmem -S of kmalloc-64
        # and task_struct (crash's kmem -S of the same must agree first)
        names = ["kmalloc-64", "task_struct", "dentry", "kmalloc-192", "vm_area_struct"]
        rc, err, pre = mmscope_run(fx, dump, [(f"S-{n}", f"kmem -S {n}") for n in names])
        if not c.eq((rc, err), (0, ""), f"mmscope kmem -S on {d}/vmcore.d31"):
            continue
        addrs = []
        for n in names:
            blk = pre.get(f"S-{n}", "")
            alloc = re.findall(r"^  \[([0-9a-f]{16})\]$", blk, re.M)
            cpu_free = re.findall(r"^   ([0-9a-f]{16})  \(cpu \d+ cache\)$", blk, re.M)
            free = re.findall(r"^   ([0-9a-f]{16})  $", blk, re.M)
            slabs = SLUB_SLAB_ROW.findall(blk)
            if alloc:
                addrs.append("%x" % (int(alloc[-1], 16) + 8))	# inside an object
            if cpu_free:
                addrs.append(cpu_free[0])
            if free:
                addrs.append(free[0])
            if slabs:
                addrs.append(slabs[-1][0])			# a slab's struct page: every object
                addrs.append("%x" % (int(slabs[-1][1], 16) + 16))
        c.check(len(addrs) >= 10, f"{d}: objects to look up in kmem -S ({len(addrs)})")
        cache = re.search(r"^([0-9a-f]{16}) ", pre.get("S-dentry", ""), re.M)
        by_name = [("s-name", "kmem -s dentry"), ("s-list", "kmem -s list")] + \
            ([("s-cache", f"kmem -s {cache[1]}")] if cache else [])
        commands = [("kmem-s", "kmem -s"), ("kmem-S", "kmem -S")] + \
            [(f"S-{n}", f"kmem -S {n}") for n in names] + \
            [(f"addr-{a}", f"kmem {a}") for a in addrs] + \
            [(f"s-addr-{a}", f"kmem -s {a}") for a in addrs[:4]] + by_name
        crc, theirs = crash_named(fx, d, commands)
        if not c.eq(crc, 0, f"crash runs on {d}/vmcore.d31"):
            continue
        ck = crash_kmem_s(theirs.get("kmem-s", ""))
        c.check(len(ck) > 100, f"{d}: crash kmem -s lists {len(ck)} caches")
        proc, _ = parse_slabinfo(oracle(fx, d, "slabinfo.txt"))
        for f in FORMATS:
            w = f"{d}/{f}"
            rc, err, out = mmscope_run(fx, os.path.join(fx, d, f), commands + [
                ("slabinfo", "slabinfo"), ("slabtop", "slabtop"), ("json", "set output json"),
                ("kmem-s-json", "kmem -s"), ("S-json", "kmem -S kmalloc-64"),
                ("slabinfo-json", "slabinfo"), ("slabtop-json", "slabtop"),
                ("addr-json", f"kmem -s {addrs[0] if addrs else '0'}"),
                ("addrs-json", "kmem " + " ".join(addrs)),
                ("text", "set output text")])
            if not c.eq((rc, err), (0, ""), f"mmscope runs on {w}"):
                continue
            # kmem -s: every row (OBJSIZE, ALLOCATED, TOTAL, SLABS, SSIZE) is
            # crash's, in crash's order; both formats of one stopped VM
            c.eq(out["kmem-s"], theirs.get("kmem-s"), f"{w}: kmem -s is crash's kmem -s of vmcore.d31")
            mk = crash_kmem_s(out["kmem-s"])
            for name in sorted(set(ck) | set(mk)):
                c.eq(mk.get(name), ck.get(name), f"{w}: kmem -s {name} is crash's")
            # kmem -S: every CPU's slab and partial chain with each object
            # marked as crash marks it, every node list, of every cache
            c.check(out["kmem-S"] == theirs.get("kmem-S"),
                    f"{w}: kmem -S is crash's, {len(out['kmem-S'].splitlines())} lines: first "
                    f"difference {next((p for p in zip(out['kmem-S'].splitlines(), theirs.get('kmem-S', '').splitlines()) if p[0] != p[1]), None)}")
            c.check(out["kmem-S"].count("(cpu ") > 100, f"{w}: kmem -S marks objects (cpu N cache)")
            for n in names:
                c.eq(out[f"S-{n}"], theirs.get(f"S-{n}"), f"{w}: kmem -S {n} is crash's")
            for a in addrs:
                c.eq(out[f"addr-{a}"], theirs.get(f"addr-{a}"), f"{w}: kmem {a} is crash's")
            # kmem ADDR... --json: a record per address, with the cache, slab,
            # object and page of crash's text of the same address
            try:
                recs = json.loads(out["addrs-json"])["addresses"]
            except (ValueError, KeyError) as e:
                recs = []
                c.check(False, f"{w}: kmem ADDR... --json: {e}: {out['addrs-json'][:300]!r}")
            c.eq([r["address"] for r in recs], ["0x" + a for a in addrs],
                 f"{w}: kmem ADDR... --json: a record per address, in order")
            for a, r in zip(addrs, recs):
                text = theirs.get(f"addr-{a}", "")
                cm = re.search(r"^([0-9a-f]{16})\s+(\d+)\s+\d+\s+\d+\s+\d+\s+\d+k\s+(\S+)$", text, re.M)
                sm = SLUB_SLAB_ROW.search(text)
                objs = re.findall(r"^  \[([0-9a-f]{16})\]|^   ([0-9a-f]{16})  ", text, re.M)
                pm = re.search(r"PAGE\s+PHYSICAL.*\n([0-9a-f]{16})\s", text)
                sl = r.get("slab") or {}
                c.check(cm and sm and pm and (sl.get("cache"), sl.get("objsize"), sl.get("name"),
                                              sl.get("slab"), r["page"]["page"]) ==
                        ("0x" + cm[1], int(cm[2]), cm[3], "0x" + sm[1], "0x" + pm[1]),
                        f"{w}: kmem {a} --json: crash's cache, slab and page: {sl} {r['page']}")
                if len(objs) == 1:
                    c.eq(sl.get("object"), "0x" + (objs[0][0] or objs[0][1]),
                         f"{w}: kmem {a} --json: crash's object")
                    c.eq(sl.get("state") == "allocated", bool(objs[0][0]),
                         f"{w}: kmem {a} --json: allocated as crash's [brackets] say")
            for a in addrs[:4]:
                c.eq(out[f"s-addr-{a}"], theirs.get(f"s-addr-{a}"), f"{w}: kmem -s {a} is crash's")
            c.check(cache, f"{w}: kmem -S dentry names its cache")
            for name, line in by_name:
                c.eq(out[name], theirs.get(name), f"{w}: {line} is crash's")
            # slabinfo against the guest's /proc/slabinfo, read by /init
            # before the panic: the sizes are the caches' own and exact; the
            # object counts may move between that read and the sysrq (the
            # shell, cat and the sysrq write allocate and free), by at most
            # a few slabs of a cache: 2 slabs or 2% of the cache, whichever
            # is more.  Tunables and sharedavail are 0 under SLUB, and
            # active_slabs is num_slabs (6.1's get_slabinfo()).
            try:
                rows, rest = parse_slabinfo(out["slabinfo"])
            except ValueError as e:
                c.check(False, f"{w}: slabinfo parses: {e}")
                continue
            c.eq(out["slabinfo"].splitlines()[:2], oracle(fx, d, "slabinfo.txt").splitlines()[:2],
                 f"{w}: slabinfo's heading is the guest's")
            c.eq(list(rows), list(proc), f"{w}: slabinfo lists the guest's caches in its order")
            exact = 0
            for name in sorted(set(rows) & set(proc)):
                m, p = rows[name], proc[name]
                c.eq(m[2:], p[2:], f"{w}: slabinfo {name} objsize, objperslab, pagesperslab")
                tol = max(2 * p[3], p[1] // 50)
                c.check(abs(m[1] - p[1]) <= tol and abs(m[0] - p[0]) <= tol,
                        f"{w}: slabinfo {name} active_objs/num_objs {m[:2]} within {tol} "
                        f"of /proc's {p[:2]}")
                c.check(rest[name][:3] == (0, 0, 0) and rest[name][5] == 0 and
                        rest[name][3] == rest[name][4],
                        f"{w}: slabinfo {name}: SLUB's tunables 0 0 0, sharedavail 0, "
                        f"active_slabs = num_slabs: {rest[name]}")
                c.eq(m[1], ck.get(name, (0, 0, -1))[2], f"{w}: slabinfo {name} num_objs is crash's TOTAL")
                exact += m[:2] == p[:2]
            print(f"note: {w}: slabinfo counts equal to /proc's in {exact} of {len(proc)} caches")
            # slabtop's summary from slabinfo's rows by procps's rules
            c.eq([l for l in out["slabtop"].splitlines()[:5] if "Slabs" not in l],
                 slabtop_summary(rows), f"{w}: slabtop's summary follows its slabinfo")
            top = re.findall(r"^\s*(\d+)\s+(\d+)\s+\d+%\s+[\d.]+K\s+\d+\s+\d+\s+\d+K (\S+)",
                             out["slabtop"], re.M)
            c.eq({n: (int(a), int(o)) for o, a, n in top}, {n: r[:2] for n, r in rows.items()},
                 f"{w}: slabtop's rows are slabinfo's")
            objs = [int(o) for o, _, _ in top]
            c.check(objs == sorted(objs, reverse=True), f"{w}: slabtop sorts by objects")
            # --json, by a parser
            try:
                js = json.loads(out["kmem-s-json"])
                c.eq({r["name"]: (r["objsize"], r["allocated"], r["total"], r["slabs"],
                                  r["ssize"] // 1024) for r in js["caches"]}, ck,
                     f"{w}: kmem -s --json is crash's kmem -s")
                c.check(all(r["allocator"] == "slub" for r in js["caches"]),
                        f"{w}: kmem -s --json says slub")
                sj = json.loads(out["S-json"])["caches"][0]
                cs = SLUB_SLAB_ROW.findall(out["S-kmalloc-64"])
                c.eq(sorted((s["slab"], s["memory"], s["total"], s["allocated"])
                            for s in sj["slab_list"]),
                     sorted(("0x" + a, "0x" + m, int(t), int(al)) for a, m, _, t, al, _ in cs),
                     f"{w}: kmem -S --json's slabs are the text's")
                cpu_objs = [o for s in sj["slab_list"] if s["list"] in ("cpu", "cpu partial")
                            for o in s["objects"]]
                c.eq(sorted(o["address"] for o in cpu_objs if o["state"] == "allocated"),
                     sorted("0x" + a for a in re.findall(r"^  \[([0-9a-f]+)\]", out["S-kmalloc-64"], re.M)),
                     f"{w}: kmem -S --json's allocated objects are the text's")
                sij = json.loads(out["slabinfo-json"])
                c.eq({r["name"]: (r["active_objs"], r["num_objs"], r["objsize"], r["objperslab"],
                                  r["pagesperslab"]) for r in sij["caches"]}, rows,
                     f"{w}: slabinfo --json is its text")
                tj = json.loads(out["slabtop-json"])
                c.eq((tj["active_objs"], tj["num_objs"], tj["num_caches"]),
                     (sum(r[0] for r in rows.values()), sum(r[1] for r in rows.values()), len(rows)),
                     f"{w}: slabtop --json's totals")
                aj = json.loads(out["addr-json"])["caches"][0]
                c.check(addrs and int(aj["address"], 16) == int(addrs[0], 16) and
                        aj["state"] == "allocated" and aj["in"] == "object",
                        f"{w}: kmem -s ADDR --json names the allocated object: {aj}")
            except (ValueError, KeyError, IndexError, TypeError) as e:
                c.check(False, f"{w}: --json outputs parse: {e!r}")


# --- damaged SLUB lists ---

def elf_file_offset(path, paddr, n):
    """Where the @n bytes at physical address @paddr are in the ELF core
    file @path, or None."""
    for start, _, filesz, offset in elf_segments(path):
        if start <= paddr and paddr + n <= start + filesz:
            return offset + paddr - start
    return None


def elf_patch(path, writes):
    """Write {paddr: bytes} into the ELF core file at @path; False if an
    address is in no PT_LOAD."""
    where = {p: elf_file_offset(path, p, len(data)) for p, data in writes.items()}
    if None in where.values():
        return False
    with open(path, "r+b") as f:
        for p, data in writes.items():
            f.seek(where[p])
            f.write(data)
    return True


def phys_of(out):
    m = re.search(r"^VIRTUAL\s+PHYSICAL\s*\n[0-9a-f]+\s+([0-9a-f]+)", out, re.M)
    return int(m[1], 16) if m else None


def elf_read(path, paddr, n):
    """@n bytes at physical address @paddr of an ELF core file, or None."""
    off = elf_file_offset(path, paddr, n)
    if off is None:
        return None
    with open(path, "rb") as f:
        f.seek(off)
        return f.read(n)


def test_slab_damage(c, fx):
    """A copy of vmcore.elf (nokaslr's when the fixture has it) with three
    SLUB lists broken: a CPU's
    freelist whose head points out of its slab, a CPU freelist whose head
    points at itself, a node's partial list that loops on a slab.  mmscope
    reports each with the addresses involved, counts what it can, and
    never crashes.  The expected counts come from crash's kmem -s of the
    undamaged dump and the freelists' lengths walked here in Python from
    the ELF's bytes (6.1's freelist_ptr(): ptr ^ random ^ swab(ptr_addr))."""
    d = DUMPS[0]
    elf = os.path.join(fx, d, "vmcore.elf")
    rc, err, out = mmscope_run(fx, elf, [("S", "kmem -S")])
    if not c.eq((rc, err), (0, ""), f"mmscope kmem -S on {d}/vmcore.elf"):
        return
    blocks = slub_sections(out["S"])
    caches = {n: int(re.search(r"^([0-9a-f]{16}) ", b, re.M)[1], 16) for n, b in blocks.items()}
    # CPU 0's kmem_cache_cpu of caches whose CPU 0 slab has free objects
    kcc = {}
    for n in ("kmalloc-64", "kmalloc-32", "kmalloc-128", "kmalloc-96", "kmalloc-16", "dentry"):
        m = re.search(r"^CPU 0 KMEM_CACHE_CPU:\n  ([0-9a-f]{16})\n", blocks.get(n, ""), re.M)
        if m and "(cpu 0 cache)" in blocks[n]:
            kcc[n] = int(m[1], 16)
    # node partial lists can be rare (PREEMPT_RT's dump had one): the
    # freelists to break are taken from the other caches
    partial = sorted(n for n, b in blocks.items()
                     if re.search(r"^NODE 0 PARTIAL:\n  SLAB .*\n  [0-9a-f]{16}", b, re.M))
    cmds = [(f"kc-{n}", f"struct kmem_cache.offset,random {caches[n]:x}") for n in kcc] + \
        [(f"cpu-{n}", f"struct kmem_cache_cpu.freelist {a:x}") for n, a in kcc.items()] + \
        [("o", "struct -o slab")]
    rc, err, kc = mmscope_run(fx, elf, cmds)
    info = {}
    for n in kcc:
        m = re.search(r"offset = (\d+),\s*random = (\d+),", kc.get(f"kc-{n}", ""))
        h = re.search(r"freelist = (0x[0-9a-f]+)", kc.get(f"cpu-{n}", ""))
        if m and h and int(h[1], 16):
            info[n] = (int(m[1]), int(m[2]), int(h[1], 16))
    list_name = next((n for n in partial if len(set(info) - {n}) >= 2), None)
    if not c.check(list_name,
                   f"{d}: caches to damage: CPU freelists {sorted(info)}, node partial {partial[:3]}"):
        return
    names = sorted(set(info) - {list_name})[:2]
    m = re.search(r"\[(\d+)\]\s+struct list_head slab_list;", kc.get("o", ""))
    if not c.check(m, f"{d}: struct slab.slab_list's offset"):
        return
    swab = lambda v: int.from_bytes(v.to_bytes(8, "little"), "big")
    list_slab = int(re.search(r"^NODE 0 PARTIAL:\n  SLAB .*\n  ([0-9a-f]{16})", blocks[list_name],
                              re.M)[1], 16)
    list_at = list_slab + int(m[1])
    rc, err, vt = mmscope_run(fx, elf, [("v0", f"vtop {info[names[0]][2]:x}"),
                                        ("v1", f"vtop {list_at:x}")])
    p0, plist = phys_of(vt.get("v0", "")), phys_of(vt.get("v1", ""))
    if not c.check(p0 is not None and plist is not None, f"{d}: physical addresses {p0} {plist}"):
        return
    page_offset = info[names[0]][2] - p0		# the direct map's start

    def chain(n):
        """the CPU 0 freelist of @n, walked in the undamaged ELF"""
        offset, random, q = info[n]
        seen = []
        while q and q not in seen and len(seen) < 4096:
            seen.append(q)
            raw = elf_read(elf, q + offset - page_offset, 8)
            if raw is None:
                break
            q = int.from_bytes(raw, "little") ^ random ^ swab(q + offset)
        return seen

    chains = {n: chain(n) for n in names}
    print(f"note: {d}: CPU 0 freelists walked here: " +
          ", ".join(f"{n} {len(v)}" for n, v in chains.items()))
    out_name, loop_name = names
    outside = 0xdead000000000100
    writes = {}
    for n, target in ((out_name, outside), (loop_name, info[loop_name][2])):
        offset, random, head = info[n]
        writes[head + offset - page_offset] = \
            (target ^ random ^ swab(head + offset)).to_bytes(8, "little")
    writes[plist] = list_at.to_bytes(8, "little")
    with tempfile.TemporaryDirectory(dir=os.environ.get("TMPDIR", "/tmp")) as tmp:
        bad = os.path.join(tmp, "vmcore.elf")
        subprocess.run(["cp", "--sparse=always", elf, bad], check=True)
        c.check(elf_patch(bad, writes), f"{d}: the three words are in the copy's PT_LOADs")
        r = subprocess.run(["timeout", "-s", "KILL", "600",
                            os.path.join(os.environ.get("top_builddir", "."), "mmscope"), "-s",
                            os.path.join(fx, "vmlinux"), bad],
                           input="kmem -s\n!echo @@S@@\nkmem -S %s\n!echo @@info@@\nslabinfo\n"
                           "!echo @@addr@@\nkmem %x\n" % (loop_name, info[loop_name][2]),
                           capture_output=True, text=True)
    c.check(r.returncode in (0, 1), f"{d}: mmscope on the damaged copy ends by itself "
            f"(rc {r.returncode}: {r.stderr[-300:]})")
    said = r.stdout + r.stderr
    c.check(f"cpu freelist: free pointer {outside:x} is no object of the slab" in said,
            f"{d}: {out_name}'s CPU freelist out of its slab is reported with the pointer")
    c.check(f"cpu freelist: object {info[loop_name][2]:x} met twice" in said,
            f"{d}: {loop_name}'s looping CPU freelist is reported at {info[loop_name][2]:x}")
    c.check(re.search(r'"%s" cache [0-9a-f]+: node 0 partial list: list_head [0-9a-f]+: '
                      r'duplicate entry \(cycle\)' % re.escape(list_name), said),
            f"{d}: {list_name}'s looping partial list is reported as a cycle")
    rows = r.stdout.split("@@S@@")[0]
    mine = crash_kmem_s(rows)
    want = crash_kmem_s(read(os.path.join(fx, d, "crash", "kmem-s.txt")))
    # with its head's pointer broken, a CPU freelist of N objects counts 1
    for n in names:
        o, a, t, sl, ss = want[n]
        c.eq(mine.get(n), (o, a + len(chains[n]) - 1, t, sl, ss),
             f"{d}: {n}: the {len(chains[n]) - 1} objects past the broken head count as allocated")
    c.check(re.search(r"^[0-9a-f]{16}\s+\d+\s+\?\s+\?\s+\?\s+\d+k\s+%s$" % re.escape(list_name),
                      rows, re.M),
            f"{d}: {list_name}, whose partial list loops, is counted '?' as crash does")
    c.eq(sorted(n for n in want if n not in (list_name, *names) and mine.get(n) != want[n]), [],
         f"{d}: every other cache counts as crash's kmem -s of the undamaged dump")
    c.check("CPU 0 KMEM_CACHE_CPU" in r.stdout and "slabinfo - version: 2.1" in r.stdout and
            "FREE / [ALLOCATED]" in r.stdout.split("@@addr@@")[-1],
            f"{d}: kmem -S, slabinfo and kmem ADDR still print on the damaged copy")

TESTS = {"fixture": test_fixture, "kdumpfile": test_kdumpfile, "crash": test_crash,
         "drgn": test_drgn, "sys": test_sys, "mm": test_mm, "mm-crash": test_mm_crash,
         "log": test_log, "tasks": test_tasks, "slab": test_slab,
         "slab-damage": test_slab_damage}


def main():
    if len(sys.argv) != 2 or sys.argv[1] not in TESTS:
        sys.exit(__doc__)
    global DUMPS
    fx = fixture_dir()
    DUMPS = fixture_dumps(fx)
    print(f"fixture: {fx} ({manifest(fx).get('kernel.release')}, dumps: {' '.join(DUMPS)})")
    c = Checker()
    TESTS[sys.argv[1]](c, fx)
    c.done()


if __name__ == "__main__":
    main()
