# SPDX-License-Identifier: GPL-2.0-or-later
"""Shared driver of the session's end-to-end tests.

Each test script generates a dump with `mmscope gen`, runs mmscope on it in
batch mode and checks the transcript.  Checks are counted; the script ends
with the line "N passed, N failed" and exits 0, 1 (a check failed) or 99
(the dump could not be generated).  The harness exports top_srcdir,
top_builddir and PYTHON3.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

TOP_BUILDDIR = os.environ.get("top_builddir") or os.getcwd()
MMSCOPE = os.path.join(TOP_BUILDDIR, "mmscope")
SCENARIO = "tiny"

_passed = 0
_failed = 0
_tmp = tempfile.mkdtemp(prefix="mmscope-session-")


def tmpdir():
    return _tmp


def env(**extra):
    """A clean environment: UTC, a private HOME and cache, no pager."""
    e = dict(os.environ)
    e.pop("PAGER", None)
    e.update(TZ="UTC", HOME=_tmp, XDG_CACHE_HOME=os.path.join(_tmp, "cache"), LC_ALL="C")
    e.update(extra)
    return e


def run(args, stdin="", **extra_env):
    """Run mmscope with ARGS and STDIN; returns (status, stdout, stderr)."""
    p = subprocess.run([MMSCOPE] + list(args), input=stdin, capture_output=True,
                       text=True, env=env(**extra_env), timeout=300, cwd=_tmp)
    return p.returncode, p.stdout, p.stderr


_dump = None


def dump():
    """Path of a dump of the tiny scenario, generated once per test script."""
    global _dump
    if _dump:
        return _dump
    path = os.path.join(_tmp, "t.vmcore")
    p = subprocess.run([MMSCOPE, "gen", "--scenario", SCENARIO, "-o", path],
                       capture_output=True, text=True, env=env(), timeout=300)
    if p.returncode != 0 or not os.path.exists(path):
        print("cannot generate a dump: mmscope gen --scenario %s -o %s: status %d\n%s%s"
              % (SCENARIO, path, p.returncode, p.stdout, p.stderr))
        finish(error=True)
    _dump = path
    return path


def build_id(path):
    """The GNU build id of an ELF file, from its notes."""
    out = subprocess.run(["readelf", "-n", path], capture_output=True, text=True).stdout
    m = re.search(r"Build ID: ([0-9a-f]+)", out)
    return m.group(1) if m else None


def check(cond, what, detail=""):
    global _passed, _failed
    if cond:
        _passed += 1
        print("ok - " + what)
    else:
        _failed += 1
        print("FAIL - " + what)
        if detail:
            print("  " + detail.replace("\n", "\n  "))


def check_in(needle, haystack, what):
    check(needle in haystack, what, "expected %r in:\n%s" % (needle, haystack))


def check_not_in(needle, haystack, what):
    check(needle not in haystack, what, "did not expect %r in:\n%s" % (needle, haystack))


def check_eq(got, want, what):
    check(got == want, what, "got %r, want %r" % (got, want))


def finish(error=False):
    shutil.rmtree(_tmp, ignore_errors=True)
    print("%d passed, %d failed" % (_passed, _failed))
    sys.exit(99 if error else (1 if _failed else 0))
