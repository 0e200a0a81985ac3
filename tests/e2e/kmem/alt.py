#!/usr/bin/python3
"""The DWARF-only proof: refmm-alt (librefmm_alt.a) writes a dump; the same
mmscope binary, given refmm-alt as the debuginfo, must read it exactly as the
alt truth file says.  The alt build differs from mmscope's own refmm in:
MAX_ORDER 13; NR_CPUS 8; struct page and struct zone members in another
order; the list_heads of struct free_area, per_cpu_pages (and pcp inside
per_cpu_pageset), lruvec and wait_queue_head_t at other offsets;
pageblock_order 10 in a variable, as kernels with variable huge page sizes
have it (mmscope's refmm: 9, a macro, only in VMCOREINFO); the PG_buddy
flag of pre-2.6.38 kernels kept beside 4.0's _mapcount mark, so that the
reader's flag path is tested here and its mapcount path by the default
build, which has no PG_buddy, as Linux 4.0; and SLAB's debug options
(CONFIG_DEBUG_SLAB: red zones, poison, the last user, obj_offset in
struct kmem_cache).  Runs the whole per-scenario check with the alt
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
         "sizeof(struct zone)", "(long)&((struct free_area *)0)->free_list",
         "(long)&((struct per_cpu_pageset *)0)->pcp.lists", "(int)PG_buddy", "sizeof(pageblock_order)"]
names = ["page.lru", "page.private", "sizeof(page)", "MAX_ORDER", "sizeof(zone)", "free_area.free_list",
         "per_cpu_pageset.pcp.lists", "PG_buddy", "sizeof(pageblock_order)"]
a = [gdb(mmscope, e) for e in exprs]
b = [gdb(alt, e) for e in exprs]
print("mmscope:   " + ", ".join("%s %s" % nv for nv in zip(names, a)))
print("refmm-alt: " + ", ".join("%s %s" % nv for nv in zip(names, b)))
differ = [n for n, x, y in zip(names, a, b) if x != y]
# (the variable's value, 10, is set at boot: the truth and pagetypeinfo check it)
if set(differ) != set(names) - {"sizeof(page)"} or not b[7].isdigit() or b[8] != "4":
    print("FAIL: refmm-alt should differ from mmscope in all but sizeof(page), have PG_buddy and"
          " a pageblock_order variable; it differs in", differ)
    sys.exit(1)

rc = 0
for scn in ("tiny", "numa"):
    env = dict(os.environ, KMEM_GEN_EXE=alt, KMEM_DEBUGINFO=alt)
    r = subprocess.run([sys.executable, os.path.join(here, "check_scenario.py"), scn, "alt-" + scn], env=env)
    rc |= r.returncode
sys.exit(rc)
