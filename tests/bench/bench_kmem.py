#!/usr/bin/python3
"""make bench for kmem: on the `big` scenario (4 GiB), kmem -f, kmem -F >
/dev/null, kmem -p > /dev/null, kmem -i (and kmem -i=shared, which walks
every page), each beside (a) refmm's own in-process walk of the same
structures (bench_kmem_refmm, the floor) and (b) drgn doing the same walk on
the same dump (bench_kmem_drgn.py).

mmscope figures, best of ROUNDS:
  process  the whole "mmscope -s DUMP" run with the one command
  first    process minus a session that runs only "q" (start-up, DWARF index
           of what the command needs, cold page cache included)
  warm     the command run again in the same session: (T(1+R) - T(1)) / R
drgn (b) is timed the same way, as a whole script run (python, import drgn,
load, walk), and its walk alone.  Ratios: warm/(a) (goal <= 3x);
(b)/process, whole run against whole run (goal >= 10x); walk/first, drgn's
walk against mmscope's first command, both without start-up.

  bench_kmem.py BUILDDIR SRCDIR [SCENARIO]"""
import os
import subprocess
import sys
import time

build, src = sys.argv[1], sys.argv[2]
scenario = sys.argv[3] if len(sys.argv) > 3 else os.environ.get("KMEM_BENCH_SCENARIO", "big")
rounds = int(os.environ.get("KMEM_BENCH_ROUNDS", "5"))
# The warm figure is (a session running the command 1+N times) minus (one
# run), over N: N must make the warm runs outweigh the noise of starting a
# process (about a millisecond here).  By default N is chosen per command so
# that the repeats take about 0.3 s; KMEM_BENCH_REPEAT fixes it.
fixed_repeat = int(os.environ.get("KMEM_BENCH_REPEAT", "0"))
mmscope = os.path.join(build, "mmscope")
work = os.path.join(build, "tests", "bench", "work")
os.makedirs(work, exist_ok=True)
dump = os.path.join(work, f"kmem-{scenario}.vmcore")
# make bench: the big dump bench_gen wrote (see bench_run.py)
if scenario == "big" and os.path.exists(os.environ.get("BENCH_BIG", "")):
    dump = os.environ["BENCH_BIG"]
elif not (os.path.exists(dump) and os.path.getmtime(dump) > os.path.getmtime(mmscope)):
    t = time.monotonic()
    mem = ["--mem", os.environ["BENCH_SCALE"]] if scenario == "big" and "BENCH_SCALE" in os.environ else []
    subprocess.run([mmscope, "gen", "--scenario", scenario, "-o", dump] + mem, check=True)
    print(f"generated {dump} in {time.monotonic() - t:.1f} s")


def session(lines):
    best = 1e9
    out = ""
    for _ in range(rounds):
        t = time.monotonic()
        r = subprocess.run([mmscope, "-s", dump], input="\n".join(lines + ["q"]) + "\n",
                           capture_output=True, text=True)
        d = time.monotonic() - t
        if r.returncode != 0:
            print(f"mmscope {lines[:1]!r} failed: {r.stdout[-500:]}{r.stderr[-500:]}")
        best = min(best, d)
        out = r.stdout
    return best, out


startup, _ = session([])
cmds = [("kmem-f", "kmem -f", "kmem -f > /dev/null"),
        ("kmem-F", "kmem -F > /dev/null", None),
        ("kmem-p", "kmem -p > /dev/null", None),
        ("kmem-i", "kmem -i", "kmem -i > /dev/null"),
        ("kmem-i=shared", "kmem -i=shared", "kmem -i=shared > /dev/null")]
ms = {}
for key, cmd, again in cmds:
    again = again or cmd
    one, out = session([cmd])
    repeat = fixed_repeat or max(3, min(1000, int(0.3 / max(one - startup, 1e-4))))
    many, _ = session([cmd] + [again] * repeat)
    ms[key] = (one, max(one - startup, 0.0), max((many - one) / repeat, 1e-6))
    if key == "kmem-f":
        nr = [l for l in out.splitlines() if l.startswith("nr_free_pages")]
        print("mmscope:", nr[0] if nr else "(no nr_free_pages line)")

r = subprocess.run([os.path.join(build, "tests", "bench", "bench_kmem_refmm"), scenario, str(rounds)],
                   capture_output=True, text=True)
refmm = {}
for l in r.stdout.splitlines():
    f = l.split()
    if len(f) >= 3 and f[0] == "refmm":
        refmm[f[1]] = float(f[2])
if r.returncode:
    print("bench_kmem_refmm failed:", r.stderr[-1000:])
print("refmm:  nr_free_pages", int(refmm.get("nr_free_pages", 0)), "(in-process boot of the same scenario)")

drgn, drgn_walk, drgn_note = {}, {}, {}
limit = os.environ.get("KMEM_BENCH_DRGN_PAGES", "65536")
drgn_rounds = int(os.environ.get("KMEM_BENCH_DRGN_ROUNDS", "3"))
for key, mode in (("kmem-f", "f"), ("kmem-F", "F"), ("kmem-p", "p"), ("kmem-i", "i"), ("kmem-i=shared", "ishared")):
    best = best_walk = 1e9
    for _ in range(drgn_rounds):
        t = time.monotonic()
        r = subprocess.run(["/usr/bin/python3", os.path.join(src, "tests", "bench", "bench_kmem_drgn.py"),
                            mmscope, dump, limit, mode], capture_output=True, text=True)
        whole = time.monotonic() - t
        if r.returncode:
            print("drgn failed:", r.stderr[-1000:])
            break
        walk = load = 0.0
        for l in r.stdout.splitlines():
            f = l.split()
            if len(f) >= 3 and f[0] == "drgn":
                if f[1] == "load":
                    load = float(f[2])
                elif f[1] == key:
                    walk = float(f[2])
                    if "extrapolated" in l:
                        drgn_note[key] = " ".join(f[3:])
                        # the whole run with the walk of every page instead of the sample
                        whole = whole - 0.0
                elif f[1] == "nr_free_pages":
                    drgn["nr_free_pages"] = float(f[2])
        if key in drgn_note:
            # scale: process time minus the sampled walk plus the extrapolated one
            sampled = walk * int(drgn_note[key].split()[2]) / int(drgn_note[key].split()[4])
            whole = whole - sampled + walk
        best = min(best, whole)
        best_walk = min(best_walk, walk)
        drgn["load"] = load
    if best < 1e9:	# at least one run finished
        drgn[key] = best
        drgn_walk[key] = best_walk
if "nr_free_pages" in drgn:
    print("drgn:   nr_free_pages", int(drgn["nr_free_pages"]))
print()
print(f"kmem on the '{scenario}' dump ({os.path.getsize(dump) / 2**30:.2f} GiB); best of {rounds}; milliseconds")
print(f"mmscope start-up (a session running only 'q'): {startup * 1e3:.1f} ms; "
      f"drgn load: {drgn.get('load', float('nan')) * 1e3:.1f} ms")
print()
hdr = (f"{'command':<24} {'process':>9} {'first':>9} {'warm':>9} {'refmm(a)':>9} {'drgn(b)':>10}"
       f" {'drgn walk':>10} {'warm/(a)':>9} {'(b)/process':>12} {'walk/first':>11}")
print(hdr)
print("-" * len(hdr))
for key, cmd, _ in cmds:
    one, first, warm = ms[key]
    a = refmm.get(key)
    b = drgn.get(key)
    fa = f"{warm / a:8.1f}x" if a else f"{'n/a':>9}"
    fb = f"{b / one:11.1f}x" if b else f"{'n/a':>12}"
    w = drgn_walk.get(key)
    fw = f"{w / first:10.1f}x" if w and first > 0 else f"{'n/a':>11}"
    print(f"{cmd:<24} {one * 1e3:9.1f} {first * 1e3:9.1f} {warm * 1e3:9.2f} "
          f"{(a or float('nan')) * 1e3:9.2f} {(b or float('nan')) * 1e3:10.1f} "
          f"{(w or float('nan')) * 1e3:10.1f} {fa} {fb} {fw}")
for k, v in drgn_note.items():
    print(f"  drgn {k}: {v}")
# make bench's rows: warm against refmm's floor, the whole process against drgn's
size = os.environ.get("BENCH_SCALE", scenario) if scenario == "big" else scenario
for key, cmd, _ in cmds:
    one, first, warm = ms[key]
    if refmm.get(key):
        print(f"@row\t{cmd}, {scenario} {size}, warm\t{warm * 1e3:.4g}\tms\trefmm in-process walk\t"
              f"{refmm[key] * 1e3:.4g}\t<=3")
    if drgn.get(key):
        note = " (extrapolated)" if key in drgn_note else ""
        print(f"@row\t{cmd}, {scenario} {size}, whole process\t{one * 1e3:.4g}\tms\tdrgn, whole script{note}\t"
              f"{drgn[key] * 1e3:.4g}\t<=0.1")
print()
print("process: the whole mmscope run; first: minus start-up; warm: the command again in the session")
print("drgn(b): the whole drgn script run (python, import, load, walk); drgn walk: the walk alone")
print("goals: warm/(a) <= 3x (refmm walks its own memory with pointers); (b)/process >= 10x")
print("walk/first: drgn's walk alone against mmscope's first run of the command (start-up excluded on both sides)")
