#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Every scenario on other seeds, sizes, node counts and dump formats,
against its truth file.

The fixed-seed tests (tests/e2e/kmem, tasks, slab, types, kdump) check one
dump per scenario; a reader that is right there can still be wrong on
another seed (other free lists, other slabs), size (zones that appear or
vanish, another page-table shape), node count or compression.  This sweep
generates, for each configuration of a matrix, the dump and its truth file
(refmm's own account, computed in the generating process) and runs on it
the very checkers of those tests, which compare every command whose result
the truth holds, text and --json:

  kmem/check_scenario.py   kmem -f -F -p -i -z -n -g -M ADDR, buddyinfo,
                           pagetypeinfo
  tasks/check_scenario.py  ps, set, vm, vm -p, vtop, kmem -v -V -i, search, log
  slab/kmem_slab.py        kmem -s -S, kmem -s NAME|ADDR, kmem OBJECT
  slab/slabinfo.py         slabinfo, byte for byte the kernel's /proc/slabinfo
  types/p_struct_gdb.py    p, struct against gdb on the same core (ELF only:
                           gdb cannot read a compressed kdump)
  sweep/sys_check.py       sys: CPUS, DATE, RELEASE, MEMORY, PANIC, DUMPFILE

Then, without the checkers: gen is deterministic (same scenario, seed and
options twice, the second time with other compression threads: the same
bytes of dump and truth file), and gen refuses bad option values with a
message naming the option, leaving no file behind.

Usage: sweep.py [--set quick|full] [-j N] [--keep] [--scenario S,...]
                [--seed N,...] [--list] [--config "SCENARIO GEN-OPTIONS"...]
  --set quick   make check's subset (tests/e2e/sweep/quick.sh), a few minutes
  --set full    every scenario x seeds x sizes x nodes x formats (by hand:
                see doc/HACKING.md; hours at -j2 on a busy 2-core machine)
Dumps go to WORK (build/tests/e2e/kmem/work) as sweep-*.vmcore and are
deleted after their checks unless --keep."""
import argparse
import concurrent.futures
import filecmp
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "lib"))
import mstest as K  # noqa: E402

E2E = os.path.dirname(HERE)
SCENARIOS = sorted(os.path.basename(p)[:-4] for p in glob.glob(os.path.join(K.SRC, "fixtures", "scenarios", "*.scn")))
# 2^31-1, 2^32+5 and 2^64-1: a seed cut to 32 bits, or read as a signed
# number, shows here
SEEDS = [1, 2, 7, 12345, 2**31 - 1, 2**32 + 5, 0, 2**64 - 1]
FORMATS = [(), ("--format", "kdump", "--dump-level", "0", "--compress", "zlib"),
           ("--format", "kdump", "--dump-level", "1", "--compress", "lzo"),
           ("--format", "kdump", "--dump-level", "31", "--compress", "snappy"),
           ("--format", "kdump", "--dump-level", "31", "--compress", "zstd"),
           ("--format", "kdump", "--dump-level", "17", "--compress", "none")]
# the checkers and what each needs: (script, argument form, ELF only)
CHECKERS = [("kmem/check_scenario.py", "pair", False),
            ("tasks/check_scenario.py", "pair", False),
            ("slab/kmem_slab.py", "at", False),
            ("slab/slabinfo.py", "at", False),
            ("types/p_struct_gdb.py", "dump", True),
            ("sweep/sys_check.py", "pair", False)]


class Config:
    def __init__(self, scenario, seed=None, mem=None, nodes=None, cpus=None, fmt=()):
        self.scenario, self.seed, self.mem, self.nodes, self.cpus, self.fmt = \
            scenario, seed, mem, nodes, cpus, tuple(fmt)

    def args(self):
        a = []
        for opt, v in (("--seed", self.seed), ("--mem", self.mem), ("--nodes", self.nodes),
                       ("--cpus", self.cpus)):
            if v is not None:
                a += [opt, str(v)]
        return a + list(self.fmt)

    def elf(self):
        return "kdump" not in self.fmt

    def name(self):
        parts = ["sweep", self.scenario]
        for tag, v in (("s", self.seed), ("m", self.mem), ("n", self.nodes), ("c", self.cpus)):
            if v is not None:
                parts.append(f"{tag}{v}")
        if not self.elf():
            f = dict(zip(self.fmt[::2], self.fmt[1::2]))
            parts.append("d%s%s" % (f.get("--dump-level", "0"), f.get("--compress", "zlib")))
        return "-".join(parts)

    def __str__(self):
        return " ".join([self.scenario] + self.args())


def quick():
    """make check's subset: each axis once, on the small scenarios."""
    kd = FORMATS
    # a node of ZONE_DMA alone: 3 nodes of 16M, 16M and 34M
    return [Config("tiny", seed=0, nodes=3, mem="66M"),
            Config("tiny", seed=2**32 + 5, nodes=2, mem="128M", fmt=kd[3]),
            Config("tiny", seed=2**31 - 1, mem="66M", cpus=3, fmt=kd[2]),
            # 1000M: 24M below 1G, which crash's sys calls "1 GB"
            Config("numa", seed=12345, nodes=4, mem="1000M", fmt=kd[4]),
            Config("slab", seed=7, nodes=1, mem="192M"),
            Config("vmalloc", seed=2, fmt=kd[1]),
            # a seed above 2^63: the truth file's seed was once negative
            Config("oom", seed=2**64 - 1, fmt=kd[5])]


def to_bytes(size):
    return int(size[:-1]) << {"K": 10, "M": 20, "G": 30}[size[-1].upper()]


def own_line(scenario, key):
    """The RAM in bytes ("mem") or the nodes ("nodes") a built-in scenario
    asks for; its default otherwise."""
    with open(os.path.join(K.SRC, "fixtures", "scenarios", scenario + ".scn")) as f:
        for line in f:
            w = line.split()
            if len(w) == 2 and w[0] == key:
                return to_bytes(w[1]) if key == "mem" else int(w[1])
    return 256 << 20 if key == "mem" else 1


def full(scenarios, seeds):
    """Sizes and node counts first (1, 2 and 4 nodes, 64M to 3G rotated over
    the scenarios, formats rotated), then every scenario on every seed at
    its own size, seed by seed from the last (big at 256M: it scales with
    --mem).  The order puts the most different dumps first, so that a run
    cut short has still seen every axis."""
    out = []
    sizes = ["64M", "130M", "1G", "3G"]
    for i, s in enumerate(scenarios):
        for k, nodes in enumerate((1, 2, 4)):
            mem = sizes[(i + k) % len(sizes)]
            if s == "big":
                mem = ("130M", "256M", "512M")[k]
            elif to_bytes(mem) < own_line(s, "mem"):
                # the scenario's mix does not fit (its mmaps fail as the
                # kernel's overcommit check says): 2M above its own size
                mem = "%dM" % (own_line(s, "mem") // 2**20 + 2)
            # a scenario that allocates on node 1 needs it
            nodes = max(nodes, own_line(s, "nodes"))
            out.append(Config(s, seed=seeds[(i + k) % len(seeds)], mem=mem, nodes=nodes,
                              fmt=FORMATS[(i + 2 * k + 1) % len(FORMATS)]))
    for j, seed in enumerate(reversed(seeds)):
        for i, s in enumerate(scenarios):
            mem = "256M" if s == "big" else None
            out.append(Config(s, seed=seed, mem=mem, fmt=FORMATS[(i + j) % len(FORMATS)]))
    return out


def parse_config(text):
    """A Config from "SCENARIO [--seed N] [--mem SIZE] ... [kdump options]",
    as --list and a failure print it."""
    w = text.split()
    cfg, fmt, i = Config(w[0]), [], 1
    while i < len(w):
        opt, val = w[i], w[i + 1]
        key = opt.lstrip("-")
        if key in ("seed", "mem", "nodes", "cpus"):
            setattr(cfg, key, val)
        else:
            fmt += [opt, val]
        i += 2
    cfg.fmt = tuple(fmt)
    return cfg


def checkers(cfg, dump):
    """The command line of each checker that applies to @cfg."""
    for script, form, elf_only in CHECKERS:
        if elf_only and not cfg.elf():
            continue
        path = os.path.join(E2E, script)
        if form == "pair":
            yield script, [sys.executable, path, cfg.scenario, cfg.name()]
        elif form == "at":
            yield script, [sys.executable, path, f"{cfg.scenario}@{cfg.name()}"]
        else:
            yield script, [sys.executable, path, dump]


def run_config(cfg, keep):
    """Generate @cfg's dump, run every checker on it: (passed, failed, report)."""
    name = cfg.name()
    dump = os.path.join(K.WORK, name + ".vmcore")
    report, passed, failed = [], 0, 0
    os.makedirs(K.WORK, exist_ok=True)
    g = subprocess.run(["timeout", "600", K.MMSCOPE, "gen", "--quiet", "--scenario", cfg.scenario,
                        *cfg.args(), "-o", dump], capture_output=True, text=True)
    if g.returncode != 0:
        return 0, 1, [f"FAIL: {cfg}: gen exit {g.returncode}: {(g.stdout + g.stderr)[-800:]}"]
    p, f, bad = honoured(cfg, dump)
    passed, failed, report = passed + p, failed + f, report + bad
    env = dict(os.environ, KMEM_GEN_EXTRA=" ".join(cfg.args()))
    for script, argv in checkers(cfg, dump):
        try:
            r = subprocess.run(["timeout", "900"] + argv, capture_output=True, text=True, env=env)
            out = r.stdout + r.stderr
        except OSError as e:
            out, r = str(e), None
        m = re.findall(r"^(\d+) passed, (\d+) failed$", out, re.M)
        p, f = (int(m[-1][0]), int(m[-1][1])) if m else (0, 0)
        rc = r.returncode if r else -1
        if rc not in (0, 77) and f == 0:
            f = 1   # the checker died, or could not run: never a pass
        passed += p
        failed += f
        if f:
            fails = [l for l in out.splitlines() if l.startswith("FAIL") or l.startswith("  ")][:40]
            report.append(f"FAIL: {cfg}: {script}: exit {rc}, {p} passed, {f} failed\n  "
                          + "\n  ".join(fails or out.splitlines()[-20:]))
    if not keep:
        for p in [dump, dump + ".truth.json"]:
            if os.path.exists(p):
                os.unlink(p)
    return passed, failed, report


def honoured(cfg, dump):
    """The truth file says the machine gen was asked for: (passed, failed,
    report lines)."""
    with open(dump + ".truth.json") as f:
        truth = json.load(f)
    fmt = dict(zip(cfg.fmt[::2], cfg.fmt[1::2]))
    want = {"seed": int(cfg.seed) if cfg.seed is not None else None,
            "nr_nodes": int(cfg.nodes) if cfg.nodes is not None else None,
            "nr_cpus": int(cfg.cpus) if cfg.cpus is not None else None,
            "mem_bytes": to_bytes(cfg.mem) if cfg.mem is not None else None,
            "dump_format": "kdump" if not cfg.elf() else "elf",
            "dump_level": int(fmt.get("--dump-level", 0)) if not cfg.elf() else None,
            "compression": fmt.get("--compress") if not cfg.elf() else None}
    bad = [f"FAIL: {cfg}: truth {k} = {truth.get(k)!r}, gen was given {v!r}"
           for k, v in want.items() if v is not None and truth.get(k) != v]
    n = sum(v is not None for v in want.values())
    return n - len(bad), len(bad), bad


def gen(args, out):
    return subprocess.run(["timeout", "600", K.MMSCOPE, "gen", "--quiet", *args, "-o", out],
                          capture_output=True, text=True)


def determinism(configs, tmp):
    """Same options twice, the second with another number of compression
    threads (which must not change a byte): identical dump and truth file."""
    for cfg in configs:
        a, b = os.path.join(tmp, "a.vmcore"), os.path.join(tmp, "b.vmcore")
        ra = gen(["--scenario", cfg.scenario, *cfg.args()], a)
        rb = gen(["--scenario", cfg.scenario, *cfg.args()] + ([] if cfg.elf() else ["--threads", "3"]), b)
        if not K.check(ra.returncode == 0 and rb.returncode == 0, f"determinism: gen {cfg}",
                       ra.stderr[-400:] + rb.stderr[-400:]):
            continue
        K.check(filecmp.cmp(a, b, shallow=False), f"determinism: {cfg}: same dump bytes")
        K.check(filecmp.cmp(a + ".truth.json", b + ".truth.json", shallow=False),
                f"determinism: {cfg}: same truth file")
        for p in (a, b, a + ".truth.json", b + ".truth.json"):
            os.unlink(p)


# Bad values: (option, value, a word the message must hold).  The limits are
# gen --help's: --mem 64M..16G in multiples of 2M, --nodes 1..4, --cpus 1..64,
# --seed a 64-bit unsigned number.
BAD = [("--seed", "-1", "--seed"), ("--seed", "18446744073709551616", "--seed"), ("--seed", "12abc", "--seed"),
       ("--seed", "", "--seed"),
       ("--mem", "0", "--mem"), ("--mem", "32M", "--mem"), ("--mem", "63M", "--mem"), ("--mem", "65M", "--mem"),
       ("--mem", "64M1", "--mem"), ("--mem", "100001K", "--mem"), ("--mem", "17G", "--mem"),
       ("--mem", "1T", "--mem"), ("--mem", "18446744073709551615", "--mem"), ("--mem", "-64M", "--mem"),
       ("--mem", "99999999999999999999G", "--mem"), ("--mem", "G", "--mem"),
       ("--nodes", "0", "--nodes"), ("--nodes", "5", "--nodes"), ("--nodes", "-1", "--nodes"),
       ("--nodes", "4294967297", "--nodes"), ("--nodes", "two", "--nodes"),
       ("--cpus", "0", "--cpus"), ("--cpus", "65", "--cpus"), ("--cpus", "4294967297", "--cpus"),
       ("--dump-level", "32", "--dump-level"), ("--dump-level", "-1", "--dump-level"),
       ("--compress", "gzip", "--compress"), ("--format", "raw", "--format"), ("--threads", "0", "--threads")]


def bad_options(tmp):
    out = os.path.join(tmp, "bad.vmcore")
    for opt, val, word in BAD:
        r = gen(["--scenario", "tiny", opt, val], out)
        what = f"gen {opt} {val!r}"
        K.check(r.returncode not in (0, 124) and r.returncode < 128, f"{what}: refused (exit {r.returncode})")
        K.check(word in r.stderr and val in r.stderr, f"{what}: the message names the option and the value",
                r.stderr[:300])
        K.check(not os.path.exists(out) and not os.path.exists(out + ".truth.json"), f"{what}: no file left")
        for p in (out, out + ".truth.json"):
            if os.path.exists(p):
                os.unlink(p)
    # more nodes than the memory can hold: every node needs its own zones
    r = gen(["--scenario", "tiny", "--mem", "64M", "--nodes", "4"], out)
    if r.returncode:
        K.check("--nodes" in r.stderr or "--mem" in r.stderr, "gen --mem 64M --nodes 4: a clear refusal", r.stderr)
    else:
        K.check(os.path.exists(out + ".truth.json"), "gen --mem 64M --nodes 4: a dump and its truth")
    for p in (out, out + ".truth.json"):
        if os.path.exists(p):
            os.unlink(p)


def far_time(tmp):
    """A crash time struct tm cannot hold (SOURCE_DATE_EPOCH, which gen
    takes up to 2^63-1): sys prints no DATE rather than what an unset
    struct tm holds, and --json keeps the number."""
    out = os.path.join(tmp, "t.vmcore")
    big = 2**63 - 1
    r = subprocess.run(["timeout", "600", K.MMSCOPE, "gen", "--quiet", "--scenario", "tiny", "-o", out],
                       capture_output=True, text=True, env=dict(os.environ, SOURCE_DATE_EPOCH=str(big)))
    if not K.check(r.returncode == 0, "gen with SOURCE_DATE_EPOCH=2^63-1", r.stderr[-300:]):
        return
    text, _, rc = K.run_one(out, "sys", env={"TZ": "UTC"})
    K.check(rc == 0 and "DATE:" not in text and "RELEASE:" in text, "sys: no DATE for a time past struct tm", text)
    js, _, _ = K.run_one(out, "sys", json_mode=True, env={"TZ": "UTC"})
    try:
        K.check_eq(json.loads(js).get("crash_time"), big, "sys --json: crash_time past struct tm")
    except ValueError:
        K.check(False, "sys --json parses", js[:300])
    for p in (out, out + ".truth.json"):
        os.unlink(p)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--set", choices=("quick", "full"), default="quick")
    ap.add_argument("-j", "--jobs", type=int, default=1)
    ap.add_argument("--keep", action="store_true", help="keep the dumps")
    ap.add_argument("--scenario", help="comma-separated scenarios (full set)")
    ap.add_argument("--seed", help="comma-separated seeds (full set)")
    ap.add_argument("--config", action="append", default=[],
                    help='one configuration instead of a set: "SCENARIO GEN-OPTIONS" (repeatable)')
    ap.add_argument("--skip", help="a file of configurations to leave out, one a line as --list prints them "
                    "(those a cut-short run passed: grep '^ok' LOG | sed 's/^ok *//; s/: [0-9]* checks.*//')")
    ap.add_argument("--list", action="store_true", help="print the matrix and exit")
    ap.add_argument("--no-extra", action="store_true", help="no determinism or bad-option checks")
    a = ap.parse_args()
    if not os.access(K.MMSCOPE, os.X_OK):
        print(f"no {K.MMSCOPE}")
        return 99
    if a.config:
        configs = [parse_config(c) for c in a.config]
    elif a.set == "quick":
        configs = quick()
    else:
        scns = a.scenario.split(",") if a.scenario else SCENARIOS
        seeds = [int(x, 0) for x in a.seed.split(",")] if a.seed else SEEDS
        configs = full(scns, seeds)
    if a.skip:
        with open(a.skip) as f:
            done = {l.strip() for l in f}
        configs = [c for c in configs if str(c) not in done]
    if a.list:
        for c in configs:
            print(c)
        print(len(configs), "configurations")
        return 0
    total_p = total_f = 0
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, min(a.jobs, 2))) as ex:
        futs = {ex.submit(run_config, c, a.keep): c for c in configs}
        for fut in concurrent.futures.as_completed(futs):
            c = futs[fut]
            p, f, report = fut.result()
            total_p += p
            total_f += f
            print(f"{'ok  ' if not f else 'FAIL'} {c}: {p} checks passed, {f} failed", flush=True)
            for r in report:
                print(r, flush=True)
    print(f"sweep: {len(configs)} dumps, {total_p} checks passed, {total_f} failed", flush=True)
    K.passed += total_p
    K.failed += total_f
    if not a.no_extra:
        tmp = tempfile.mkdtemp(prefix="mmscope-sweep-")
        try:
            det = configs[:3] if a.set == "quick" else configs[::7]
            determinism(det, tmp)
            bad_options(tmp)
            far_time(tmp)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    return K.summary()


if __name__ == "__main__":
    sys.exit(main())
