# SPDX-License-Identifier: GPL-2.0-or-later
"""Shared helpers of the end-to-end tests that hold mmscope up against gdb.

A test script puts this directory on sys.path (relative to its own
directory), then uses:

  MMSCOPE          the mmscope under test, from $top_builddir (the harness
                   exports top_srcdir, top_builddir and PYTHON3)
  check()          count one check; print "FAIL: ..." if it does not hold
  gen()            write a scenario's dump with "mmscope gen"
  batch()          mmscope's output for each of a list of commands, from one
                   batch session (batch_rc() also returns its exit status)
  gdb()            gdb -batch's output for each of a list of commands, with
                   what gdb prints on loading the core (its register
                   warnings) dropped
  gdb_print()      the values gdb prints for a list of expressions
  main()           skip (77) without gdb, run the test in a temporary
                   directory, end with the line "N passed, N failed" and
                   exit 1 if a check failed, else 0
"""
import os
import re
import shutil
import subprocess
import tempfile

top_builddir = os.environ.get("top_builddir", ".")
MMSCOPE = os.path.abspath(os.path.join(top_builddir, "mmscope"))

passed = failed = 0


def check(cond, what, detail=""):
    """Count a check; on failure print "FAIL: WHAT" and then DETAIL, if any."""
    global failed, passed
    if cond:
        passed += 1
    else:
        failed += 1
        print("FAIL:", what)
        if detail:
            print(detail)


def summary():
    """Print "N passed, N failed"; the exit status: 1 if a check failed."""
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


def gen(dump, scenario):
    """Write @scenario's dump to the path @dump; raise if mmscope gen fails."""
    subprocess.run([MMSCOPE, "gen", "--quiet", "--scenario", scenario, "-o", dump], check=True)
    return dump


def batch_rc(dump, cmds, debuginfo=None, timeout=600):
    """Run @cmds in one batch session on @dump (with @debuginfo if given):
    the output of each command, and the session's exit status."""
    script = "".join("%s\n!echo @@END%d@@\n" % (c, i) for i, c in enumerate(cmds))
    args = [MMSCOPE, "-s"] + ([debuginfo] if debuginfo else []) + [dump]
    p = subprocess.run(args, input=script, capture_output=True, text=True, timeout=timeout)
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
