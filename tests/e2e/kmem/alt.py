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

# First make sure the proof proves something: the two executables must lay
# struct page and struct zone out differently (gdb reads each one's DWARF).
def gdb(exe, expr):
    r = subprocess.run(["gdb", "-nx", "-batch", "-ex", f"print {expr}", exe], capture_output=True, text=True)
    return r.stdout.strip().split("=")[-1].strip()


mmscope = os.path.join(build, "mmscope")
exprs = ["(long)&((struct page *)0)->lru", "(long)&((struct page *)0)->private", "sizeof(struct page)",
         "sizeof(((struct zone *)0)->free_area) / sizeof(((struct zone *)0)->free_area[0])",
         "sizeof(struct zone)"]
a = [gdb(mmscope, e) for e in exprs]
b = [gdb(alt, e) for e in exprs]
print("mmscope:   page.lru %s, page.private %s, sizeof(page) %s, MAX_ORDER %s, sizeof(zone) %s" % tuple(a))
print("refmm-alt: page.lru %s, page.private %s, sizeof(page) %s, MAX_ORDER %s, sizeof(zone) %s" % tuple(b))
if a[0] == b[0] or a[1] == b[1] or a[3] == b[3]:
    print("FAIL: refmm-alt does not differ from mmscope in struct page or MAX_ORDER")
    sys.exit(1)

rc = 0
for scn in ("tiny", "numa"):
    env = dict(os.environ, KMEM_GEN_EXE=alt, KMEM_DEBUGINFO=alt)
    r = subprocess.run([sys.executable, os.path.join(here, "check_scenario.py"), scn, "alt-" + scn], env=env)
    rc |= r.returncode
sys.exit(rc)
