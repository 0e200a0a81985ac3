# SPDX-License-Identifier: GPL-2.0-or-later
"""The one helper library of the end-to-end tests (tests/e2e/*/).

A test script puts this directory on sys.path (relative to its own
directory) and imports what it uses.  The harness exports top_srcdir,
top_builddir and PYTHON3.

Paths
  SRC, BUILD        the source and build trees
  MMSCOPE           the mmscope under test (absolute)
  WORK              BUILD/tests/e2e/kmem/work: dumps kept between tests
  TRUTHCHECK        the vendored truth checker (lib/truthcheck.py)

Counting checks (one count per test process)
  check()           count one check; print "FAIL: ..." if it does not hold
  check_eq(), check_in(), check_not_in()
  Checker           the same counters as an object: t.check, t.eq, t.done
  summary()         print "N passed, N failed"; 1 if a check failed, else 0
  finish()          remove the temporary directory, exit with the summary's
                    status (99: the test itself could not run)

Dumps
  gen()             write a scenario's dump to a path with "mmscope gen"
  gen_cached()      WORK/<name>.vmcore and its truth file, made once per build
  dump()            a tiny dump in this test's temporary directory
  dump_arg()        the dump named on the command line, else a tiny one
                    generated in a directory the test names
  sparse_copy()     copy a dump keeping its holes (gen writes zero pages as holes)
  patched_copy()    a sparse copy in tmpdir() with bytes patched in place
  ElfDump           a copy of an ELF dump to patch through its PT_LOADs
  gdb_expr()        a number gdb computes on the debuginfo (member offsets)

Running mmscope
  run()             mmscope with arguments and stdin, in a clean environment
  batch()           the output of each of a list of commands, one batch
                    session (batch_rc() also returns its exit status)
  run_files()       commands of one batch session, each redirected to a file
  run_one()         one command of a batch session: stdout, stderr, status
  gdb(), gdb_print() gdb -batch on a dump, for each of a list of commands
  main()            skip (77) without gdb, run the test in a temporary
                    directory, end with the summary

Truth files
  zones(), page_struct_size(), page_addr(), mt_names(), truthcheck()
"""
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile

SRC = os.path.abspath(os.environ.get("top_srcdir") or
                      os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../.."))
BUILD = os.path.abspath(os.environ.get("top_builddir") or os.getcwd())
MMSCOPE = os.path.join(BUILD, "mmscope")
# the truth checker, vendored in the tree: never a path outside it
TRUTHCHECK = os.path.join(SRC, "tests", "e2e", "lib", "truthcheck.py")
WORK = os.path.join(BUILD, "tests", "e2e", "kmem", "work")
# make check-valgrind: every mmscope session runs under memcheck (core/main.c),
# 10 to 50 times slower than native, so the sessions' timeouts are scaled.
VALGRIND = bool(os.environ.get("MMSCOPE_VALGRIND"))
SLOW = 5 if VALGRIND else 1

# ---------------------------------------------------------------- counting

passed = failed = 0


def check(cond, what, detail=""):
    """Count a check; on failure print "FAIL: WHAT" and then DETAIL, if any.
    Returns whether it held."""
    global failed, passed
    if cond:
        passed += 1
    else:
        failed += 1
        print("FAIL:", what, flush=True)
        if detail:
            print("  " + str(detail).replace("\n", "\n  "), flush=True)
    return bool(cond)


def check_eq(got, want, what):
    return check(got == want, f"{what}: got {got!r}, want {want!r}")


def check_in(needle, haystack, what):
    return check(needle in haystack, what, "expected %r in:\n%s" % (needle, haystack))


def check_not_in(needle, haystack, what):
    return check(needle not in haystack, what, "did not expect %r in:\n%s" % (needle, haystack))


def summary():
    """Print "N passed, N failed"; the exit status: 1 if a check failed."""
    print("%d passed, %d failed" % (passed, failed), flush=True)
    return 1 if failed else 0


class Checker:
    """The module's counters as an object, for tests that name their
    checker: t.check(cond, what), t.eq(got, want, what), t.done()."""

    def __init__(self, name=""):
        self.name = name

    @property
    def failed(self):
        return failed

    check = staticmethod(check)
    eq = staticmethod(check_eq)

    def done(self):
        finish()


_tmp = None


def tmpdir():
    """This test's temporary directory, made on first use, removed by finish()."""
    global _tmp
    if _tmp is None:
        _tmp = tempfile.mkdtemp(prefix="mmscope-test-")
    return _tmp


def finish(error=False):
    """Remove the temporary directory and exit: 99 if @error (the test could
    not run), else the summary's status."""
    if _tmp is not None:
        shutil.rmtree(_tmp, ignore_errors=True)
    rc = summary()
    sys.exit(99 if error else rc)


# ---------------------------------------------------------------- dumps

def gen(dump, scenario):
    """Write @scenario's dump to the path @dump; raise if mmscope gen fails."""
    subprocess.run([MMSCOPE, "gen", "--quiet", "--scenario", scenario, "-o", dump], check=True)
    return dump


def gen_cached(scenario, exe=MMSCOPE, name=None, extra=()):
    """Generate (once per build of @exe) WORK/<name>.vmcore; return (dump,
    truth dict)."""
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


def _gen_or_say(path, scenario, environ=None):
    """Write @scenario's dump to @path; False (after saying why) if mmscope
    gen failed."""
    p = subprocess.run([MMSCOPE, "gen", "--quiet", "--scenario", scenario, "-o", path],
                       capture_output=True, text=True, env=environ, timeout=300)
    if p.returncode == 0 and os.path.exists(path):
        return True
    print("cannot generate a dump: mmscope gen --scenario %s -o %s: status %d\n%s%s"
          % (scenario, path, p.returncode, p.stdout[-2000:], p.stderr[-2000:]))
    return False


_dump = None


def dump(scenario="tiny"):
    """Path of a dump of @scenario in tmpdir(), generated once per test."""
    global _dump
    if _dump:
        return _dump
    path = os.path.join(tmpdir(), "t.vmcore")
    if not _gen_or_say(path, scenario, env()):
        finish(error=True)
    _dump = path
    return path


def dump_arg(tmp, scenario="tiny"):
    """The dump named by the test's first argument, else @scenario's dump
    generated as @tmp/t.vmcore.  A dump that cannot be generated is an error
    of the test (exit 99), not a skip: mmscope gen is part of the build."""
    if len(sys.argv) > 1:
        return sys.argv[1]
    path = os.path.join(tmp, "t.vmcore")
    if not _gen_or_say(path, scenario):
        sys.exit(99)
    return path


def sparse_copy(src, dst):
    """Copy the dump @src to @dst keeping its holes: gen leaves zero pages
    as holes, and a plain copy of a 512 MB dump takes 512 MB of disk where
    the original takes 90 (CI machines have little disk)."""
    subprocess.run(["cp", "--sparse=always", src, dst], check=True)
    return dst


def patched_copy(src, name, patches=(), replace=()):
    """A sparse copy of @src, tmpdir()/<name>.vmcore (removed by finish()),
    with each (offset, struct format, value) of @patches packed at its
    offset, then each (old, new) of @replace applied in turn to every
    occurrence of old (the file keeps its length: the replacements' lengths
    may differ but must add up to none).  Only the 1 MiB blocks that
    changed are written.  Returns (path, the number of occurrences of each
    old)."""
    path = sparse_copy(src, os.path.join(tmpdir(), name + ".vmcore"))
    found = []
    with open(path, "r+b") as f:
        for off, fmt, val in patches:
            f.seek(off)
            f.write(struct.pack(fmt, val))
        if replace:
            f.seek(0)
            data = new = f.read()
            for old, rep in replace:
                found.append(new.count(old))
                new = new.replace(old, rep)
            assert len(new) == len(data), "the replacements change the file's length"
            block = 1 << 20
            for off in range(0, len(data), block):
                if data[off:off + block] != new[off:off + block]:
                    f.seek(off)
                    f.write(new[off:off + block])
    return path, found


def build_id(path):
    """The GNU build id of an ELF file, from its notes."""
    out = subprocess.run(["readelf", "-n", path], capture_output=True, text=True).stdout
    m = re.search(r"Build ID: ([0-9a-f]+)", out)
    return m.group(1) if m else None


def text_symbols(exe):
    """(address, size, name) of the functions of the ELF file @exe, in
    address order, from nm: an oracle beside mmscope's own symbols."""
    out = subprocess.run(["nm", "-S", "-n", exe], capture_output=True, text=True, check=True).stdout
    funcs = []
    for line in out.splitlines():
        f = line.split()
        if len(f) == 4 and f[2] in "tT":
            funcs.append((int(f[0], 16), int(f[1], 16), f[3]))
    return funcs


def text_symbol_offset(funcs, addr):
    """NAME, or NAME+0xOFF, of the function of @funcs (text_symbols())
    holding @addr, as crash prints a caller; None if none does."""
    for a, size, name in funcs:
        if a <= addr < a + size:
            return name if addr == a else "%s+0x%x" % (name, addr - a)
    return None


def gdb_expr(expr, exe=None):
    """The number gdb prints for (long)(@expr) on the debuginfo @exe
    (mmscope by default): member offsets, sizes, symbol addresses from an
    independent reader.  Exits 99 if gdb cannot evaluate it."""
    r = subprocess.run(["gdb", "-nx", "-batch", "-ex", f"print (long)({expr})", exe or MMSCOPE],
                       capture_output=True, text=True)
    m = re.search(r"= (-?\d+)", r.stdout)
    if not m:
        print(f"gdb cannot evaluate {expr}: {r.stdout}{r.stderr}")
        sys.exit(99)
    return int(m.group(1))


class ElfDump:
    """A sparse copy, tmpdir()/<name>.vmcore (removed by finish()), of the
    ELF dump @src written by "mmscope gen", patched in place: kernel virtual
    addresses become file offsets through its PT_LOADs (the direct map by
    physical address)."""

    def __init__(self, src, name, truth):
        self.path = sparse_copy(src, os.path.join(tmpdir(), name + ".vmcore"))
        self.page_offset = int(truth["page_offset"], 16)
        with open(self.path, "rb") as f:
            eh = f.read(64)
            phoff, = struct.unpack_from("<Q", eh, 0x20)
            phentsize, phnum = struct.unpack_from("<HH", eh, 0x36)
            self.loads = []     # (p_offset, p_vaddr, p_paddr, p_filesz)
            f.seek(phoff)
            for _ in range(phnum):
                p = struct.unpack("<IIQQQQQQ", f.read(phentsize)[:56])
                if p[0] == 1:
                    self.loads.append((p[2], p[3], p[4], p[5]))

    def off(self, vaddr):
        """The file offset of @vaddr: by virtual address, else through the
        direct map by physical address."""
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

    def write(self, vaddr, data):
        """Write the bytes @data at @vaddr, in every copy."""
        with open(self.path, "r+b") as f:
            for off in self.offs(vaddr):
                f.seek(off)
                f.write(data)

    def poke(self, vaddr, value, fmt="<Q"):
        self.write(vaddr, struct.pack(fmt, value))

    def peek(self, vaddr, fmt="<Q"):
        with open(self.path, "rb") as f:
            f.seek(self.off(vaddr))
            return struct.unpack(fmt, f.read(struct.calcsize(fmt)))[0]

    def replace(self, old, new, count=1):
        """Replace the first @count occurrences of the bytes @old (same
        length as @new) in place; return how many the file holds."""
        assert len(old) == len(new)
        with open(self.path, "r+b") as f:
            data = f.read()
            offs = [m.start() for m in re.finditer(re.escape(old), data)]
            for off in offs[:count]:
                f.seek(off)
                f.write(new)
        return len(offs)


# ---------------------------------------------------------------- running mmscope

def env(**extra):
    """A clean environment: UTC, a private HOME and cache, no pager."""
    e = dict(os.environ)
    e.pop("PAGER", None)
    e.update(TZ="UTC", HOME=tmpdir(), XDG_CACHE_HOME=os.path.join(tmpdir(), "cache"), LC_ALL="C")
    e.update(extra)
    return e


def run(args, stdin="", **extra_env):
    """Run mmscope with @args and @stdin in env() and tmpdir(); returns
    (status, stdout, stderr)."""
    p = subprocess.run([MMSCOPE] + list(args), input=stdin, capture_output=True,
                       text=True, env=env(**extra_env), timeout=300 * SLOW, cwd=tmpdir())
    return p.returncode, p.stdout, p.stderr


def batch_rc(dump, cmds, debuginfo=None, timeout=600):
    """Run @cmds in one batch session on @dump (with @debuginfo if given):
    the output of each command, and the session's exit status."""
    script = "".join("%s\n!echo @@END%d@@\n" % (c, i) for i, c in enumerate(cmds))
    args = [MMSCOPE, "-s"] + ([debuginfo] if debuginfo else []) + [dump]
    p = subprocess.run(args, input=script, capture_output=True, text=True,
                       timeout=timeout * SLOW)
    out, res = p.stdout, []
    for i in range(len(cmds)):
        mark = "@@END%d@@\n" % i
        k = out.find(mark)
        if k < 0:
            print(p.stdout[-3000:], p.stderr[-2000:])
            raise SystemExit("batch output lacks the marker of %r" % cmds[i])
        res.append(out[:k])
        out = out[k + len(mark):]
    return res, p.returncode


def batch(dump, cmds, debuginfo=None, timeout=600):
    """The output of each of @cmds, run in one batch session on @dump."""
    return batch_rc(dump, cmds, debuginfo, timeout)[0]


def session_args(dump, debuginfo, json_mode, extra_env):
    """argv and environment of a silent batch session on @dump."""
    argv = [MMSCOPE, "-s"] + (["--json"] if json_mode else []) + ([debuginfo] if debuginfo else [])
    e = dict(os.environ)
    e.update(extra_env or {})
    return argv + [dump], e


def run_files(dump, commands, debuginfo=None, json_mode=False, timeout=600, env=None):
    """Run commands in one batch session.  Returns (dict name->output, stdout, rc).
    Each command is given as (name, command line); its output goes to a
    file in a directory of tmpdir() removed once the files are read."""
    outdir = tempfile.mkdtemp(prefix="out-", dir=tmpdir())
    lines = []
    files = {}
    for name, cmd in commands:
        path = os.path.join(outdir, name + ".txt")
        files[name] = path
        lines.append(f"{cmd} > {path}")
    lines.append("q")
    argv, e = session_args(dump, debuginfo, json_mode, env)
    r = subprocess.run(argv, input="\n".join(lines) + "\n", capture_output=True, text=True,
                       timeout=timeout * SLOW, env=e)
    outs = {}
    for name, path in files.items():
        try:
            with open(path, errors="replace") as f:
                outs[name] = f.read()
        except OSError:
            outs[name] = ""
    shutil.rmtree(outdir, ignore_errors=True)
    return outs, r.stdout + r.stderr, r.returncode


def run_one(dump, cmd, debuginfo=None, json_mode=False, timeout=600, env=None):
    """One command, its output on stdout (errors included)."""
    argv, e = session_args(dump, debuginfo, json_mode, env)
    r = subprocess.run(argv, input=cmd + "\nq\n", capture_output=True, text=True,
                       timeout=timeout * SLOW, env=e)
    return r.stdout, r.stderr, r.returncode


def gdb_args(dump, settings=()):
    """gdb -batch on @dump with mmscope as the executable, @settings first."""
    args = ["gdb", "-nx", "-batch"]
    for s in settings:
        args += ["-ex", s]
    return args + [MMSCOPE, dump]


def gdb(dump, cmds, settings=(), timeout=600):
    """gdb's output for each of @cmds.  An echoed marker before each command
    separates them and drops what gdb prints on loading the core."""
    args = gdb_args(dump, settings)
    for c in cmds:
        args += ["-ex", "echo @@\\n", "-ex", c]
    out = subprocess.run(args, capture_output=True, text=True, timeout=timeout).stdout
    return out.split("@@\n")[1:]


def gdb_print(dump, exprs, cmd="p", timeout=600):
    """The text after "$N = " of gdb's "@cmd EXPR" for each of @exprs, in
    order; exit if gdb did not print one value for each."""
    args = gdb_args(dump)
    for e in exprs:
        args += ["-ex", "%s %s" % (cmd, e)]
    out = subprocess.run(args, capture_output=True, text=True, timeout=timeout).stdout
    vals = [l.split("=", 1)[1].strip() for l in out.splitlines() if re.match(r"^\$\d+ = ", l)]
    if len(vals) != len(exprs):
        print(out[-3000:])
        raise SystemExit("gdb printed %d values for %d expressions" % (len(vals), len(exprs)))
    return vals


def main(body, prefix=None, no_gdb="SKIP: gdb not installed (apt-get install gdb)"):
    """A test's exit status: 77 (after printing @no_gdb) without gdb; else
    @body(tmp) runs in a new temporary directory, removed afterwards.  If
    @body returns a status (77 to skip), that is the status; otherwise the
    summary line is printed and decides it."""
    if not shutil.which("gdb"):
        print(no_gdb)
        return 77
    tmp = tempfile.mkdtemp(prefix=prefix)
    try:
        rc = body(tmp)
    finally:
        shutil.rmtree(tmp)
    return rc if rc is not None else summary()


# ---------------------------------------------------------------- truth files

def zones(truth):
    for n in truth["nodes"]:
        for i, z in enumerate(n["zones"]):
            yield n, i, z


def page_struct_size(truth, exe=None):
    """sizeof(struct page) as the dump's own addresses show it: two zones of
    one node.  Where no node has two (a node of ZONE_DMA alone, gen --nodes 3
    --mem 66M), gdb's sizeof on the debuginfo @exe (mmscope by default)."""
    for n in truth["nodes"]:
        zs = [z for z in n["zones"] if z["spanned_pages"]]
        for a in zs:
            for b in zs:
                if b["start_pfn"] > a["start_pfn"]:
                    return (int(b["mem_map"], 16) - int(a["mem_map"], 16)) // (b["start_pfn"] - a["start_pfn"])
    return gdb_expr("sizeof(struct page)", exe)


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
    path = os.path.join(tmpdir(), "truthcheck-" + os.path.basename(truth_path) + ".txt")
    with open(path, "w") as f:
        f.write(out_text)
    r = subprocess.run([sys.executable, TRUTHCHECK, kind, truth_path, path], capture_output=True, text=True)
    return r.returncode, r.stdout + r.stderr
