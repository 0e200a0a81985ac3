#!/usr/bin/python3
"""slabinfo and slabtop against independent oracles.

slabinfo must print, byte for byte, the /proc/slabinfo text that refmm's
own seq_file code wrote into the truth file (kernel rules: array objects
count as active, full slabs as num, the tunables and slabdata columns; on
refmm-alt's CONFIG_DEBUG_SLAB build the globalstat and cpustat columns).
slabtop must print, byte for byte, what procps's own slabtop -o prints for
that same /proc/slabinfo text, bind-mounted over /proc/slabinfo in a private
mount namespace, for every sort key.  --json of both carries the same
figures.  Usage: slabinfo.py [SCENARIO[@NAME]...] (@NAME names the dump,
made with the gen options in KMEM_GEN_EXTRA, as for kmem/check_scenario.py;
the slabtop oracle needs root, unshare and
procps's slabtop; without them that part is skipped, and said so)."""
import difflib
import json
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import mstest  # noqa: E402

C = mstest.Checker("slabinfo")
KEYS = "abclvnopsu"


def oracle_ok():
    if os.geteuid() != 0 or not shutil.which("slabtop") or not shutil.which("unshare"):
        return False
    r = subprocess.run(["unshare", "-m", "true"], capture_output=True)
    return r.returncode == 0


def slabtop_oracle(text, key):
    with tempfile.NamedTemporaryFile("w", suffix=".slabinfo", delete=False) as f:
        f.write(text)
        path = f.name
    try:
        r = subprocess.run(["unshare", "-m", "sh", "-c",
                            'mount --bind "$1" /proc/slabinfo && exec slabtop -o -s "$2"', "sh", path, key],
                           capture_output=True, text=True, timeout=60)
    finally:
        os.unlink(path)
    return r.stdout


def scenario(scn, have_oracle):
    alt = scn.startswith("alt-")
    exe = os.path.join(mstest.BUILD, "refmm-alt") if alt else mstest.MMSCOPE
    scn, _, name = scn.partition("@")
    dump, truth = mstest.gen_cached(scn[4:] if alt else scn, exe=exe, name=name or scn,
                                    extra=os.environ.get("KMEM_GEN_EXTRA", "").split())
    scn = name or scn
    di = exe if alt else None
    cmds = [("slabinfo", "slabinfo")] + [("top-" + k, "slabtop -s " + k) for k in KEYS]
    outs, log, rc = mstest.run_files(dump, cmds, debuginfo=di)
    C.eq(rc, 0, f"{scn}: exit status ({log[-300:]!r})")
    C.eq(outs["slabinfo"], truth["slabinfo"], f"{scn}: slabinfo is the kernel's /proc/slabinfo")
    if alt:
        C.check("(statistics)" in outs["slabinfo"], f"{scn}: slabinfo has the statistics columns")
    js, _, _ = mstest.run_one(dump, "slabinfo", debuginfo=di, json_mode=True)
    rows = [l.split() for l in truth["slabinfo"].splitlines()[2:]]
    try:
        j = json.loads(js)["caches"]
        C.eq([[x["name"], str(x["active_objs"]), str(x["num_objs"]), str(x["objsize"]),
               str(x["objperslab"]), str(x["pagesperslab"]), str(x["active_slabs"]),
               str(x["num_slabs"]), str(x["sharedavail"])] for x in j],
             [r[0:6] + r[13:16] for r in rows], f"{scn}: slabinfo --json")
    except (ValueError, KeyError):
        C.check(False, f"{scn}: slabinfo --json parses: {js[:300]!r}")
    if have_oracle:
        for k in KEYS:
            want = slabtop_oracle(truth["slabinfo"], k)
            got = outs["top-" + k]
            C.check(got == want, f"{scn}: slabtop -s {k} is procps's:\n" + "".join(
                difflib.unified_diff(want.splitlines(True), got.splitlines(True), "procps", "mmscope")))
    print(f"{scn}: {len(rows)} caches")


def main():
    have = oracle_ok()
    if not have:
        print("NOTE: no root, unshare or slabtop: slabtop is not compared with procps's")
    for scn in sys.argv[1:] or ["tiny", "default", "numa", "slab", "slab-leak", "alt-default", "alt-slab-leak"]:
        scenario(scn, have)
    C.done()


if __name__ == "__main__":
    main()
