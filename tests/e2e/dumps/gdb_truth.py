#!/usr/bin/python3
"""gdb, an independent reader, reads zone free counts from refmm ELF dumps
equal to the truth file: NR_FREE_PAGES and every free_area[order].nr_free
of every zone, the panic message, and the utsname.  drgn (python3-drgn, in
kernel mode because of the VMCOREINFO note) does the same and also walks
the free lists, when it is installed.  Usage: gdb_truth.py"""
import json, os, sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import mstest  # noqa: E402
from mstest import check  # noqa: E402

mmscope = mstest.MMSCOPE


def run(scenario, tmp):
    dump = mstest.gen(os.path.join(tmp, scenario + ".vmcore"), scenario)
    truth = json.load(open(dump + ".truth.json"))
    exprs, want = [], []
    for node in truth["nodes"]:
        for zi, z in enumerate(node["zones"]):
            zx = "node_data[%d]->node_zones[%d]" % (node["id"], zi)
            exprs.append(zx + ".name"); want.append(("name", z["name"]))
            exprs.append(zx + ".vm_stat[NR_FREE_PAGES].counter"); want.append(("int", z["free_pages"]))
            exprs.append(zx + ".managed_pages"); want.append(("int", z["managed_pages"]))
            exprs.append(zx + ".watermark[WMARK_MIN]"); want.append(("int", z["watermark"]["min"]))
            for fa in z["free_area"]:
                exprs.append("%s.free_area[%d].nr_free" % (zx, fa["order"]))
                want.append(("int", fa["nr_free"]))
    exprs.append("init_uts_ns.name.release"); want.append(("str", truth["release"]))
    exprs.append("init_uts_ns.name.sysname"); want.append(("str", "Linux"))
    if truth.get("panic"):
        exprs.append("refmm_panic_msg"); want.append(("str", truth["panic"]["message"]))
    got = mstest.gdb_print(dump, exprs)
    for e, (kind, w), g in zip(exprs, want, got):
        if kind == "int":
            check(g == str(w), "%s %s: gdb %s, truth %s" % (scenario, e, g, w))
        elif kind == "name":
            check(('"%s"' % w) in g, "%s %s: gdb %s, truth %s" % (scenario, e, g, w))
        else:
            check(g.startswith('"%s' % w), "%s %s: gdb %s, truth %r" % (scenario, e, g, w))
    total = sum(z["free_pages"] for n in truth["nodes"] for z in n["zones"])
    check(total == truth["nr_free_pages"], "%s: nr_free_pages %d != sum of zones %d"
          % (scenario, truth["nr_free_pages"], total))
    print("%s: %d values compared with gdb" % (scenario, len(exprs)))
    drgn_check(scenario, dump, truth)


def drgn_check(scenario, dump, truth):
    try:
        import drgn
        from drgn import container_of
    except ImportError:
        print("drgn not installed (apt-get install python3-drgn): drgn checks skipped")
        return
    prog = drgn.Program()
    prog.set_core_dump(dump)
    check(bool(prog.flags & drgn.ProgramFlags.IS_LINUX_KERNEL), "%s: drgn sees a kernel core" % scenario)
    prog.load_debug_info([mmscope])
    n = 0
    for node in truth["nodes"]:
        pgdat = prog["node_data"][node["id"]]
        for zi, z in enumerate(node["zones"]):
            zone = pgdat.node_zones[zi]
            check(zone.vm_stat[0].counter.value_() == z["free_pages"],
                  "drgn %s node %d %s free pages" % (scenario, node["id"], z["name"]))
            for fa in z["free_area"]:
                area = zone.free_area[fa["order"]]
                check(area.nr_free.value_() == fa["nr_free"],
                      "drgn %s %s order %d nr_free" % (scenario, z["name"], fa["order"]))
                for mt, name in enumerate(truth["migratetypes"]):
                    head = area.free_list[mt]
                    pos, pfns = head.next, []
                    while pos.value_() != head.address_of_().value_() and len(pfns) <= 1 << 20:
                        page = container_of(pos, "struct page", "lru")
                        pfns.append((page - prog["node_data"][node["id"]].node_mem_map).value_()
                                    + node["node_start_pfn"])
                        pos = pos.next
                    check(pfns == fa["blocks"][name], "drgn %s %s order %d %s free list"
                          % (scenario, z["name"], fa["order"], name))
                    n += 1
    print("%s: %d free lists walked with drgn" % (scenario, n))


def main(tmp):
    for s in ("tiny", "numa"):
        run(s, tmp)


sys.exit(mstest.main(main, prefix="gdb_truth."))
