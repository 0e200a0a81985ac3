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
Ratios: vs (a) = warm / refmm (goal <= 3x); (b)/mmscope = drgn's walk (its
load excluded) / mmscope's whole process (goal >= 10x).

  bench_kmem.py BUILDDIR SRCDIR [SCENARIO]"""
import os
import subprocess
import sys
import time

build, src = sys.argv[1], sys.argv[2]
scenario = sys.argv[3] if len(sys.argv) > 3 else os.environ.get("KMEM_BENCH_SCENARIO", "big")
rounds = int(os.environ.get("KMEM_BENCH_ROUNDS", "5"))
repeat = int(os.environ.get("KMEM_BENCH_REPEAT", "10"))
mmscope = os.path.join(build, "mmscope")
work = os.path.join(build, "tests", "bench", "work")
os.makedirs(work, exist_ok=True)
dump = os.path.join(work, f"kmem-{scenario}.vmcore")
if not (os.path.exists(dump) and os.path.getmtime(dump) > os.path.getmtime(mmscope)):
    t = time.monotonic()
    subprocess.run([mmscope, "gen", "--scenario", scenario, "-o", dump], check=True)
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

drgn, drgn_note = {}, {}
limit = os.environ.get("KMEM_BENCH_DRGN_PAGES", "65536")
r = subprocess.run(["/usr/bin/python3", os.path.join(src, "tests", "bench", "bench_kmem_drgn.py"), mmscope, dump, limit],
                   capture_output=True, text=True)
for l in r.stdout.splitlines():
    f = l.split()
    if len(f) >= 3 and f[0] == "drgn":
        try:
            drgn[f[1]] = float(f[2])
        except ValueError:
            pass
        if "extrapolated" in l:
            drgn_note[f[1]] = " ".join(f[3:])
if r.returncode:
    print("drgn failed:", r.stderr[-1000:])
print("drgn:   nr_free_pages", int(drgn.get("nr_free_pages", 0)))
print()
print(f"kmem on the '{scenario}' dump ({os.path.getsize(dump) / 2**30:.2f} GiB); best of {rounds}; milliseconds")
print(f"mmscope start-up (a session running only 'q'): {startup * 1e3:.1f} ms; "
      f"drgn load: {drgn.get('load', float('nan')) * 1e3:.1f} ms")
print()
hdr = (f"{'command':<24} {'process':>9} {'first':>9} {'warm':>9} {'refmm(a)':>9} {'drgn(b)':>10}"
       f" {'warm/(a)':>9} {'(b)/process':>12}")
print(hdr)
print("-" * len(hdr))
for key, cmd, _ in cmds:
    one, first, warm = ms[key]
    a = refmm.get(key)
    b = drgn.get(key)
    fa = f"{warm / a:8.1f}x" if a else f"{'n/a':>9}"
    fb = f"{b / one:11.1f}x" if b else f"{'n/a':>12}"
    print(f"{cmd:<24} {one * 1e3:9.1f} {first * 1e3:9.1f} {warm * 1e3:9.2f} "
          f"{(a or float('nan')) * 1e3:9.2f} {(b or float('nan')) * 1e3:10.1f} {fa} {fb}")
for k, v in drgn_note.items():
    print(f"  drgn {k}: {v}")
print()
print("goal: warm/(a) <= 3x (refmm walks its own memory with pointers);"
      " (b)/process >= 10x (mmscope's whole run against drgn's walk alone)")
