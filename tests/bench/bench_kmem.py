#!/usr/bin/python3
"""make bench for kmem: on the `big` scenario (4 GiB), kmem -f, kmem -F >
/dev/null, kmem -p > /dev/null and kmem -i, each beside (a) refmm's own
in-process walk of the same structures (bench_kmem_refmm) and (b) drgn doing
the same walk on the same dump (bench_kmem_drgn.py).

mmscope is timed as a whole process per command (best of N) and, separately,
with the session's start-up (a session running only "q") subtracted: the
command's own time.  Goal: within 3x of (a), at least 10x faster than (b).

  bench_kmem.py BUILDDIR SRCDIR [SCENARIO]"""
import os
import subprocess
import sys
import time

build, src = sys.argv[1], sys.argv[2]
scenario = sys.argv[3] if len(sys.argv) > 3 else os.environ.get("KMEM_BENCH_SCENARIO", "big")
rounds = int(os.environ.get("KMEM_BENCH_ROUNDS", "3"))
mmscope = os.path.join(build, "mmscope")
work = os.path.join(build, "tests", "bench", "work")
os.makedirs(work, exist_ok=True)
dump = os.path.join(work, f"kmem-{scenario}.vmcore")
if not (os.path.exists(dump) and os.path.getmtime(dump) > os.path.getmtime(mmscope)):
    t = time.monotonic()
    subprocess.run([mmscope, "gen", "--scenario", scenario, "-o", dump], check=True)
    print(f"generated {dump} in {time.monotonic() - t:.1f} s")


def session(cmd):
    best = 1e9
    for _ in range(rounds):
        t = time.monotonic()
        r = subprocess.run([mmscope, "-s", dump], input=cmd + "\nq\n", capture_output=True, text=True)
        d = time.monotonic() - t
        if r.returncode != 0:
            print(f"mmscope {cmd!r} failed: {r.stdout[-500:]}{r.stderr[-500:]}")
        best = min(best, d)
    return best, r.stdout


startup, _ = session("q")
cmds = [("kmem-f", "kmem -f"), ("kmem-F", "kmem -F > /dev/null"), ("kmem-p", "kmem -p > /dev/null"),
        ("kmem-i", "kmem -i")]
ms = {}
for key, cmd in cmds:
    total, out = session(cmd)
    ms[key] = (total, max(total - startup, 1e-6))
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

drgn = {}
drgn_note = {}
limit = os.environ.get("KMEM_BENCH_DRGN_PAGES", "131072")
r = subprocess.run(["/usr/bin/python3", os.path.join(src, "tests", "bench", "bench_kmem_drgn.py"), mmscope, dump, limit],
                   capture_output=True, text=True)
for l in r.stdout.splitlines():
    f = l.split()
    if len(f) >= 3 and f[0] == "drgn":
        try:
            drgn[f[1]] = float(f[2])
        except ValueError:
            drgn[f[1]] = f[2]
        if "extrapolated" in l:
            drgn_note[f[1]] = " ".join(f[3:])
if r.returncode:
    print("drgn failed:", r.stderr[-1000:])

print()
print(f"kmem on the '{scenario}' dump ({os.path.getsize(dump) / 2**30:.2f} GiB file); best of {rounds}; seconds")
print(f"mmscope start-up (session with only 'q'): {startup:.3f} s; drgn load: {drgn.get('load', float('nan')):.3f} s")
print()
hdr = f"{'command':<24} {'mmscope':>9} {'(cmd only)':>10} {'refmm (a)':>10} {'drgn (b)':>10} {'vs (a)':>8} {'drgn/mmscope':>13}"
print(hdr)
print("-" * len(hdr))
for key, cmd in cmds:
    total, own = ms[key]
    a = refmm.get(key)
    b = drgn.get(key)
    ra = f"{own / a:7.1f}x" if a else "     n/a"
    rb = f"{b / total:12.1f}x" if isinstance(b, float) else "         n/a"
    print(f"{cmd:<24} {total:9.3f} {own:10.3f} {a if a else float('nan'):10.4f} "
          f"{b if isinstance(b, float) else float('nan'):10.2f} {ra} {rb}")
for k, v in drgn_note.items():
    print(f"  drgn {k}: {v}")
print()
print("vs (a): mmscope's command time (start-up subtracted) / refmm's in-process walk; goal <= 3x")
print("drgn/mmscope: drgn's walk (load excluded) / mmscope's whole process; goal >= 10x")
