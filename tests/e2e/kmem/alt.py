#!/usr/bin/python3
"""The DWARF-only proof: refmm-alt (librefmm_alt.a: another MAX_ORDER, 2
nodes, NR_CPUS 8, struct page members in another order) writes a dump; the
same mmscope binary, given refmm-alt as the debuginfo, must read it exactly
as the alt truth file says.  Runs the whole per-scenario check with the alt
executable as generator and debuginfo, for two scenarios."""
import os
import subprocess
import sys

here = os.path.dirname(os.path.abspath(__file__))
build = os.environ.get("top_builddir", os.getcwd())
alt = os.path.join(build, "refmm-alt")
if not os.path.exists(alt):
    print("refmm-alt was not built")
    sys.exit(1)
rc = 0
for scn in ("tiny", "numa"):
    env = dict(os.environ, KMEM_GEN_EXE=alt, KMEM_DEBUGINFO=alt)
    r = subprocess.run([sys.executable, os.path.join(here, "check_scenario.py"), scn, "alt-" + scn], env=env)
    rc |= r.returncode
sys.exit(rc)
