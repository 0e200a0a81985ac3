#!/usr/bin/python3
"""make bench: run every benchmark, print one table, write bench.json.

  bench_run.py [--scale SIZE] [--json FILE] [--only WORDS] BENCHMARK...

--only (make bench ONLY="gen scale"): only the benchmarks whose name holds
one of the words.

Each BENCHMARK is a program in the build tree (a C program or a script
copied there).  What it prints goes to tests/bench/logs/NAME.log; the lines
that start with "@row" are the table's rows, one per figure:

  @row<TAB>name<TAB>figure<TAB>unit<TAB>peer<TAB>peer figure<TAB>goal

  name         what was measured ("kmem -f, big 4G, warm")
  figure       mmscope's (or refmm's) figure, a number
  unit         of both figures: ms, s, MB, MB/s, M/s, ns/op ...
  peer         the comparison measured in the same run ("drgn", "dd", ...),
               or "-" for a figure that is only tracked
  peer figure  a number, or "-"
  goal         a bound on ratio = figure / peer figure: "<=3", ">=0.5";
               or "-" (none)

so adding a row is one line in any benchmark: printf in C
(tests/bench/bench_row.h), "row ..." in a shell script, print in Python.
Adding a benchmark is one line in a Makefile fragment: BENCHMARKS += PROG.

Every benchmark runs with, in its environment:
  BENCH_SCALE  the RAM of the big dump (make bench SCALE=16G; default 4G)
  BENCH_BIG    the big dump: scenario "big" at BENCH_SCALE.  bench_gen runs
               first and writes it (timed); the others read it, or write
               their own when it is not there (ONLY= without gen).
  BENCH_DIR    a work directory (tests/bench/work)
The runner deletes the dumps of BENCH_DIR at the end (BENCH_KEEP=1 keeps
them): a 16 GiB dump takes 5 GB of disk.
"""
import json
import os
import subprocess
import sys
import time


def parse_args(argv):
    scale, out, only, progs = "4G", "bench.json", [], []
    i = 0
    while i < len(argv):
        if argv[i] == "--scale":
            scale, i = argv[i + 1], i + 2
        elif argv[i] == "--json":
            out, i = argv[i + 1], i + 2
        elif argv[i] == "--only":
            only, i = argv[i + 1].split(), i + 2
        else:
            progs.append(argv[i])
            i += 1
    if only:
        progs = [p for p in progs if any(w in os.path.basename(p) for w in only)]
    return scale, out, progs


def number(s):
    try:
        return float(s)
    except ValueError:
        return None


def goal_met(goal, ratio):
    if goal in ("", "-") or ratio is None:
        return None
    for op in ("<=", ">="):
        if goal.startswith(op):
            bound = number(goal[2:])
            if bound is None:
                return None
            return ratio <= bound if op == "<=" else ratio >= bound
    return None


def parse_row(line, bench):
    f = line.rstrip("\n").split("\t")[1:]
    if len(f) != 6:
        return {"bench": bench, "name": "malformed row: " + line.strip(), "figure": None,
                "unit": "", "peer": "-", "peer_figure": None, "ratio": None, "goal": "-",
                "met": False}
    name, fig, unit, peer, pfig, goal = f
    fig, pfig = number(fig), number(pfig)
    ratio = fig / pfig if fig is not None and pfig else None
    return {"bench": bench, "name": name, "figure": fig, "unit": unit,
            "peer": peer if peer != "-" else None, "peer_figure": pfig,
            "ratio": ratio, "goal": goal if goal != "-" else None,
            "met": goal_met(goal, ratio)}


def fmt(x):
    if x is None:
        return "-"
    if x == 0 or abs(x) >= 100:
        return f"{x:.0f}"
    if abs(x) >= 10:
        return f"{x:.1f}"
    if abs(x) >= 0.1:
        return f"{x:.2f}"
    return f"{x:.3g}"


def main():
    scale, out, progs = parse_args(sys.argv[1:])
    build = os.getcwd()
    work = os.path.join(build, "tests", "bench", "work")
    logs = os.path.join(build, "tests", "bench", "logs")
    os.makedirs(work, exist_ok=True)
    os.makedirs(logs, exist_ok=True)
    env = dict(os.environ, BENCH_SCALE=scale, BENCH_DIR=work, TZ="UTC",
               BENCH_BIG=os.path.join(work, f"big-{scale}.vmcore"),
               top_builddir=build, XDG_CACHE_HOME=os.path.join(work, "cache"),
               MMSCOPE_CACHE_DIR=os.path.join(work, "cache"))
    # A big dump older than mmscope has another build id: bench_gen rewrites it.
    if (os.path.exists(env["BENCH_BIG"]) and
            os.path.getmtime(env["BENCH_BIG"]) < os.path.getmtime(os.path.join(build, "mmscope"))):
        os.unlink(env["BENCH_BIG"])
    # bench_gen writes the big dump the others read: it runs first.
    progs.sort(key=lambda p: os.path.basename(p) != "bench_gen")
    rows, failed = [], []
    t0 = time.monotonic()
    try:
        for prog in progs:
            name = os.path.basename(prog)
            log = os.path.join(logs, name + ".log")
            print(f"== {name} (log: {os.path.relpath(log, build)})", flush=True)
            t = time.monotonic()
            with open(log, "w") as lf:
                r = subprocess.run([os.path.join(build, prog)], stdout=subprocess.PIPE,
                                   stderr=subprocess.STDOUT, text=True, env=env, cwd=build)
                lf.write(r.stdout)
            n = 0
            for line in r.stdout.splitlines():
                if line.startswith("@row\t"):
                    rows.append(parse_row(line, name))
                    n += 1
            print(f"   {n} rows in {time.monotonic() - t:.1f} s"
                  + (f"; FAILED (exit {r.returncode})" if r.returncode else ""), flush=True)
            if r.returncode:
                failed.append(name)
                tail = r.stdout.strip().splitlines()[-5:]
                for line in tail:
                    print("   | " + line)
    finally:
        if os.environ.get("BENCH_KEEP") != "1":
            for f in os.listdir(work):
                if ".vmcore" in f or f.endswith(".kdump"):
                    os.unlink(os.path.join(work, f))

    hdr = ("measured", "figure", "unit", "peer (same run)", "peer", "ratio", "goal", "met")
    table = [hdr]
    for r in rows:
        met = {True: "yes", False: "NO", None: "-"}[r["met"]]
        table.append((r["name"], fmt(r["figure"]), r["unit"], r["peer"] or "-",
                      fmt(r["peer_figure"]), fmt(r["ratio"]), r["goal"] or "-", met))
    w = [max(len(row[i]) for row in table) for i in range(len(hdr))]
    print()
    print(f"make bench: SCALE={scale}, {len(rows)} rows from {len(progs)} benchmarks, "
          f"{time.monotonic() - t0:.0f} s")
    for i, row in enumerate(table):
        print("  ".join(c.ljust(w[j]) if j in (0, 2, 3, 6) else c.rjust(w[j])
                        for j, c in enumerate(row)).rstrip())
        if i == 0:
            print("  ".join("-" * x for x in w))
    missed = [r["name"] for r in rows if r["met"] is False]
    print()
    print(f"goals: {sum(1 for r in rows if r['met'])} met, {len(missed)} missed"
          + (": " + "; ".join(missed) if missed else ""))
    with open(out, "w") as f:
        json.dump({"scale": scale, "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                   "rows": rows, "failed": failed}, f, indent=1)
        f.write("\n")
    print(f"wrote {out}")
    if failed:
        print("failed benchmarks: " + " ".join(failed))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
