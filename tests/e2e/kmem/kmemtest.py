#!/usr/bin/python3
"""Shared helpers of the kmem end-to-end tests: generate a dump, run mmscope in
batch mode with every command's output redirected to its own file, read a
truth file.  Used by check_scenario.py, options.py, corrupt.py and alt.py."""
import json
import os
import re
import subprocess
import sys

SRC = os.environ.get("top_srcdir", os.path.abspath(os.path.join(os.path.dirname(__file__), "../../..")))
BUILD = os.environ.get("top_builddir", os.getcwd())
MMSCOPE = os.path.join(BUILD, "mmscope")
# the truth checker, vendored in the tree: never a path outside it
TRUTHCHECK = os.path.join(SRC, "tests", "e2e", "lib", "truthcheck.py")
WORK = os.path.join(BUILD, "tests", "e2e", "kmem", "work")


class Checker:
    """Collects failures; prints a summary line the harness shows."""

    def __init__(self, name):
        self.name = name
        self.passed = 0
        self.failed = 0

    def check(self, cond, what):
        if cond:
            self.passed += 1
        else:
            self.failed += 1
            print(f"FAIL: {what}", flush=True)
        return cond

    def eq(self, got, want, what):
        return self.check(got == want, f"{what}: got {got!r}, want {want!r}")

    def done(self):
        print(f"{self.passed} passed, {self.failed} failed")
        sys.exit(1 if self.failed else 0)


def gen(scenario, exe=MMSCOPE, name=None, extra=()):
    """Generate (once per build) WORK/<name>.vmcore; return (dump, truth dict)."""
    os.makedirs(WORK, exist_ok=True)
    name = name or scenario
    dump = os.path.join(WORK, name + ".vmcore")
    truth = dump + ".truth.json"
    stamp_src = os.path.getmtime(exe)
    if not (os.path.exists(dump) and os.path.exists(truth) and os.path.getmtime(dump) > stamp_src):
        cmd = [exe, "gen", "--scenario", scenario, *extra, "-o", dump]
        r = subprocess.run(cmd, capture_output=True, text=True)
        if r.returncode != 0:
            print(f"gen failed: {' '.join(cmd)}\n{r.stdout}{r.stderr}")
            sys.exit(99)
    with open(truth) as f:
        return dump, json.load(f)


def session_args(dump, debuginfo, json_mode, env):
    """argv and environment of a silent batch session on @dump."""
    argv = [MMSCOPE, "-s"] + (["--json"] if json_mode else []) + ([debuginfo] if debuginfo else [])
    e = dict(os.environ)
    e.update(env or {})
    return argv + [dump], e


def run(dump, commands, debuginfo=None, json_mode=False, timeout=600, env=None):
    """Run commands in one batch session.  Returns (dict name->output, stdout, rc).
    Each command is given as (name, command line); its output goes to a file."""
    outdir = os.path.join(WORK, "out", os.path.basename(dump))
    os.makedirs(outdir, exist_ok=True)
    lines = []
    files = {}
    for name, cmd in commands:
        path = os.path.join(outdir, name + ".txt")
        if os.path.exists(path):
            os.unlink(path)
        files[name] = path
        lines.append(f"{cmd} > {path}")
    lines.append("q")
    argv, e = session_args(dump, debuginfo, json_mode, env)
    r = subprocess.run(argv, input="\n".join(lines) + "\n", capture_output=True, text=True,
                       timeout=timeout, env=e)
    outs = {}
    for name, path in files.items():
        try:
            with open(path, errors="replace") as f:
                outs[name] = f.read()
        except OSError:
            outs[name] = ""
    return outs, r.stdout + r.stderr, r.returncode


def run_one(dump, cmd, debuginfo=None, json_mode=False, timeout=600, env=None):
    """One command, its output on stdout (errors included)."""
    argv, e = session_args(dump, debuginfo, json_mode, env)
    r = subprocess.run(argv, input=cmd + "\nq\n", capture_output=True, text=True, timeout=timeout,
                       env=e)
    return r.stdout, r.stderr, r.returncode


def zones(truth):
    for n in truth["nodes"]:
        for i, z in enumerate(n["zones"]):
            yield n, i, z


def page_struct_size(truth):
    """sizeof(struct page) as the dump's own addresses show it."""
    for n in truth["nodes"]:
        zs = [z for z in n["zones"] if z["spanned_pages"]]
        for a in zs:
            for b in zs:
                if b["start_pfn"] > a["start_pfn"]:
                    return (int(b["mem_map"], 16) - int(a["mem_map"], 16)) // (b["start_pfn"] - a["start_pfn"])
    return None


def page_addr(truth, pfn, psize):
    for n in truth["nodes"]:
        s = n["node_start_pfn"]
        if s <= pfn < s + n["node_spanned_pages"]:
            return int(n["node_mem_map"], 16) + (pfn - s) * psize
    return None


def mt_names(truth):
    m = truth.get("migratetypes")
    if isinstance(m, list):
        return [x if isinstance(x, str) else x.get("name") for x in m]
    # fall back on the by_migratetype keys of the first free area
    for _, _, z in zones(truth):
        return list(z["free_area"][0]["by_migratetype"].keys())
    return []


def truthcheck(kind, truth_path, out_text):
    """(exit status, report) of truthcheck.py KIND on @out_text; a missing
    checker is an error of the test (99), never a pass."""
    if not os.path.exists(TRUTHCHECK):
        print(f"ERROR: {TRUTHCHECK} not found")
        sys.exit(99)
    path = os.path.join(WORK, "truthcheck-" + os.path.basename(truth_path) + ".txt")
    with open(path, "w") as f:
        f.write(out_text)
    r = subprocess.run([sys.executable, TRUTHCHECK, kind, truth_path, path], capture_output=True, text=True)
    return r.returncode, r.stdout + r.stderr
