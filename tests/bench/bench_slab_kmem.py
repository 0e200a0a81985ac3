#!/usr/bin/python3
"""make bench for kmem -s and kmem -S > /dev/null on the "slab" scenario
scaled to about 10^6 objects (every count= of fixtures/scenarios/slab.scn
times SCALE, 4 GiB), each beside (a) refmm's own census of the same caches
in-process (bench_slab_refmm, the floor) and (b) drgn walking the same dump
(bench_slab_drgn.py).

mmscope figures, best of ROUNDS: process, the whole "mmscope -s DUMP" run
with the one command; first, process minus a session running only "q";
warm, the command again in the same session.  Goals: warm/(a) <= 3x;
drgn's whole run / mmscope's whole run >= 10x.

  bench_slab_kmem.py BUILDDIR SRCDIR"""
import json
import os
import resource
import re
import subprocess
import sys
import time

build, src = sys.argv[1], sys.argv[2]
rounds = int(os.environ.get("SLAB_BENCH_ROUNDS", "3"))
scale = int(os.environ.get("SLAB_BENCH_SCALE", "10"))
mmscope = os.path.join(build, "mmscope")
work = os.path.join(build, "tests", "bench", "work")
os.makedirs(work, exist_ok=True)
scn = os.path.join(work, "slab-x%d.scn" % scale)
with open(os.path.join(src, "fixtures", "scenarios", "slab.scn")) as f:
    text = f.read()
text = re.sub(r"(?<![a-z_])(count=)(\d+)", lambda m: m.group(1) + str(int(m.group(2)) * scale), text)
text = re.sub(r"^mem .*$", "mem 4G", text, flags=re.M)
with open(scn, "w") as f:
    f.write(text)
dump = os.path.join(work, "slab-x%d.vmcore" % scale)
if not (os.path.exists(dump) and os.path.getmtime(dump) > os.path.getmtime(mmscope)):
    t = time.monotonic()
    subprocess.run([mmscope, "gen", "--quiet", "--scenario", scn, "-o", dump], check=True)
    print(f"generated {dump} in {time.monotonic() - t:.1f} s")
truth = json.load(open(dump + ".truth.json"))
objs = sum(c["num_objs"] for c in truth["caches"])
active = sum(c["active_objs"] for c in truth["caches"])


def child_cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


CPU = {}


def session(lines):
    best, best_cpu, out = 1e9, 1e9, ""
    for _ in range(rounds):
        t, c = time.monotonic(), child_cpu()
        r = subprocess.run([mmscope, "-s", dump], input="\n".join(lines + ["q"]) + "\n",
                           capture_output=True, text=True)
        best = min(best, time.monotonic() - t)
        best_cpu = min(best_cpu, child_cpu() - c)
        if r.returncode:
            print(f"mmscope {lines[:1]!r} failed: {r.stdout[-500:]}")
        out = r.stdout
    CPU[tuple(lines)] = best_cpu
    return best, out


startup, _ = session([])
ms = {}
for key, cmd in (("kmem-s", "kmem -s > /dev/null"), ("kmem-S", "kmem -S > /dev/null")):
    one, _ = session([cmd])
    repeat = max(2, min(50, int(0.5 / max(one - startup, 1e-3))))
    many, _ = session([cmd] + [cmd] * repeat)
    ms[key] = (one, max(one - startup, 0.0), max((many - one) / repeat, 1e-6))
_, out = session(["kmem -s"])
got = sum(int(l.split()[2]) for l in out.splitlines()[1:] if len(l.split()) >= 7 and l.split()[2].isdigit())

r = subprocess.run([os.path.join(build, "tests", "bench", "bench_slab_refmm"), scn, str(rounds)],
                   capture_output=True, text=True)
refmm = {l.split()[1]: float(l.split()[2]) for l in r.stdout.splitlines() if l.startswith("refmm ")}
if r.returncode:
    print("bench_slab_refmm failed:", r.stderr[-500:])

drgn, walk = {}, {}
drgn_cpu = {}
for key, mode in (("kmem-s", "s"), ("kmem-S", "S")):
    t, c = time.monotonic(), child_cpu()
    r = subprocess.run(["/usr/bin/python3", os.path.join(src, "tests", "bench", "bench_slab_drgn.py"),
                        mmscope, dump, mode], capture_output=True, text=True)
    drgn[key] = time.monotonic() - t
    drgn_cpu[key] = child_cpu() - c
    if r.returncode:
        print("drgn failed:", r.stderr[-800:])
        drgn[key] = None
    for l in r.stdout.splitlines():
        f = l.split()
        if f[1] == key:
            walk[key] = float(f[2])
        elif f[1] == "active_objs":
            drgn["active_objs"] = int(f[2])

print(f"slab scenario x{scale}: {len(truth['caches'])} caches, {objs} objects ({active} allocated); "
      f"dump {os.path.getsize(dump) / 2**30:.2f} GiB; best of {rounds}")
print(f"allocated objects: truth {active}, mmscope {got}, refmm {int(refmm.get('active_objs', 0))}, "
      f"drgn {drgn.get('active_objs')}")
print(f"mmscope start-up (a session running only 'q'): {startup * 1e3:.1f} ms")
print()
hdr = (f"{'command':<22} {'process':>9} {'first':>9} {'warm':>9} {'refmm(a)':>9} {'drgn(b)':>10}"
       f" {'drgn walk':>10} {'warm/(a)':>9} {'(b)/process':>12}")
print(hdr)
print("-" * len(hdr))
for key, cmd in (("kmem-s", "kmem -s > /dev/null"), ("kmem-S", "kmem -S > /dev/null")):
    one, first, warm = ms[key]
    a, b, w = refmm.get(key), drgn.get(key), walk.get(key)
    fa = f"{warm / a:8.1f}x" if a else f"{'n/a':>9}"
    fb = f"{b / one:11.1f}x" if b else f"{'n/a':>12}"
    print(f"{cmd:<22} {one * 1e3:9.1f} {first * 1e3:9.1f} {warm * 1e3:9.1f} "
          f"{(a or float('nan')) * 1e3:9.1f} {(b or float('nan')) * 1e3:10.1f} "
          f"{(w or float('nan')) * 1e3:10.1f} {fa} {fb}")
print()
print("CPU time (user+sys) of the whole runs, robust on a loaded machine "
      f"(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs):")
for key, cmd in (("kmem-s", "kmem -s > /dev/null"), ("kmem-S", "kmem -S > /dev/null")):
    mc = CPU.get((cmd,))
    dc = drgn_cpu.get(key)
    print(f"  {cmd:<22} mmscope {mc * 1e3:8.1f} ms   drgn {dc * 1e3:8.1f} ms   drgn/mmscope {dc / mc:5.1f}x")
print()
# rows of make bench's table (tests/bench/bench_run.py): figure, peer, goal on figure/peer
for key, cmd in (("kmem-s", "kmem -s > /dev/null"), ("kmem-S", "kmem -S > /dev/null")):
    one, first, warm = ms[key]
    if refmm.get(key):
        print(f"@row\t{cmd}, slab x{scale}, warm\t{warm * 1e3:.4g}\tms\trefmm in-process census\t"
              f"{refmm[key] * 1e3:.4g}\t<=3")
    mc, dc = CPU.get((cmd,)), drgn_cpu.get(key)
    if mc and dc:
        print(f"@row\t{cmd}, slab x{scale}, CPU of the whole process\t{mc * 1e3:.4g}\tms\t"
              f"drgn, whole script CPU\t{dc * 1e3:.4g}\t<=0.1")
print("milliseconds.  goals: warm/(a) <= 3x (refmm counts its own memory with pointers);")
print("(b)/process >= 10x (drgn's whole script run against mmscope's whole run)")
