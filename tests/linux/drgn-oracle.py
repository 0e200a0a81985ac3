# drgn -q -c VMCORE -s VMLINUX --no-default-symbols drgn-oracle.py OUTDIR
#
# drgn 0.0.22's view of a real dump, for tests/linux/make-dump.sh:
#   OUTDIR/tasks.txt  every task in the pid table: PID TGID PPID KTHREAD COMM
#   OUTDIR/free.txt   the buddy free lists walked list by list:
#                     "zone Z order O type T blocks N" for every non-empty list,
#                     then "zone Z order O nr_free N" (the counter) and
#                     "zone Z NR_FREE_PAGES N", and "total blocks_pages N"
#                     (pages on the walked lists).
# The walks use drgn's own helpers and types, independently of mmscope.
import os
import sys

from drgn.helpers.linux.list import list_for_each_entry
from drgn.helpers.linux.pid import for_each_task

PF_KTHREAD = 0x00200000

out = sys.argv[1]
os.makedirs(out, exist_ok=True)
p = prog

with open(os.path.join(out, "tasks.txt"), "w") as f:
    f.write("# PID TGID PPID KTHREAD COMM\n")
    rows = []
    for t in for_each_task(p):
        kthread = 1 if t.flags.value_() & PF_KTHREAD else 0
        rows.append((t.pid.value_(), t.tgid.value_(),
                     t.real_parent.tgid.value_(), kthread,
                     t.comm.string_().decode(errors="replace")))
    for r in sorted(rows):
        f.write("%d %d %d %d %s\n" % r)

with open(os.path.join(out, "free.txt"), "w") as f:
    total = 0
    nr_free_pages = p["NR_FREE_PAGES"].value_()
    for nid in range(len(p["node_data"])):
        pgdat = p["node_data"][nid]
        if not pgdat:
            continue
        for z in pgdat.node_zones:
            if not z.present_pages:
                continue
            name = z.name.string_().decode()
            for order in range(len(z.free_area)):
                fa = z.free_area[order]
                for mt in range(len(fa.free_list)):
                    n = sum(1 for _ in list_for_each_entry(
                        "struct page", fa.free_list[mt].address_of_(), "lru"))
                    if n:
                        f.write(f"zone {name} order {order} type {mt} blocks {n}\n")
                    total += n << order
                f.write(f"zone {name} order {order} nr_free {fa.nr_free.value_()}\n")
            f.write(f"zone {name} NR_FREE_PAGES "
                    f"{z.vm_stat[nr_free_pages].counter.value_()}\n")
    f.write(f"total blocks_pages {total}\n")
