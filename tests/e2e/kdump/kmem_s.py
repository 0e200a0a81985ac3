#!/usr/bin/python3
"""kmem -s on a compressed kdump against the truth file (argv[1] the
scenario, argv[2] the dump's name; KMEM_GEN_EXTRA the gen options, as for
tests/e2e/kmem/check_scenario.py, whose dump of the same name it reuses).

Per cache, in slab_caches order: CACHE, OBJSIZE, ALLOCATED (the truth's
active_objs: objects in the per-CPU, shared and alien arrays count as
free), TOTAL (num_objs), SLABS (num_slabs) and SSIZE (PAGE_SIZE <<
gfporder), in text and --json, by tests/e2e/slab/kmem_slab.py's check_s.
Slab pages, kmem_cache and its arrays are never left out, so every dump
level must give the full answer."""
import os
import sys

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(here, "..", "lib"))
sys.path.insert(0, os.path.join(here, "..", "slab"))
import mstest as K  # noqa: E402
import kmem_slab as S  # noqa: E402


def main():
    scenario = sys.argv[1]
    name = sys.argv[2] if len(sys.argv) > 2 else scenario
    extra = os.environ.get("KMEM_GEN_EXTRA", "").split()
    S.C.name = f"kmem -s {name}"
    dump, truth = K.gen_cached(scenario, name=name, extra=extra)
    outs, log, rc = K.run_files(dump, [("s", "kmem -s")])
    S.C.eq(rc, 0, f"{name}: the batch session's exit status ({log[-400:]!r})")
    S.C.check("kmem:" not in outs["s"] and "excluded" not in outs["s"],
              f"{name}: kmem -s reports nothing missing: "
              + "; ".join(l for l in outs["s"].splitlines() if "kmem:" in l or "excluded" in l)[:600])
    js, _, _ = K.run_one(dump, "kmem -s", json_mode=True)
    S.check_s(name, truth, outs["s"], js)
    print(f"{name}: {len(truth['caches'])} caches")
    S.C.done()


if __name__ == "__main__":
    main()
