#!/usr/bin/python3
"""The drgn side of "make bench" for kmem: the same walks as kmem -f, -F, -p,
-i and -i=shared on the same dump, written as a drgn user would (objects, the list
helper), with the same text sent to /dev/null.

  bench_kmem_drgn.py EXE DUMP [PAGE_LIMIT [f,F,p,i,ishared]]

Prints "drgn <what> <seconds>" lines (the walk alone; the caller also times
the whole script, as it times the whole mmscope process).  kmem -p walks every struct page; with
PAGE_LIMIT it walks that many and says "extrapolated" (drgn needs tens of
microseconds a page)."""
import sys
import time

import drgn
from drgn import cast
from drgn.helpers.linux.list import list_for_each_entry

exe, dump = sys.argv[1], sys.argv[2]
limit = int(sys.argv[3]) if len(sys.argv) > 3 else 0
t0 = time.monotonic()
prog = drgn.Program()
prog.set_core_dump(dump)
prog.load_debug_info([exe])
t_load = time.monotonic() - t0
out = open("/dev/null", "w")

max_order = None
zone_t = prog.type("struct zone")
for m in zone_t.members:
    if m.name == "free_area":
        max_order = m.type.length
fa_t = prog.type("struct free_area")
for m in fa_t.members:
    if m.name == "free_list":
        nr_mt = m.type.length
# Linux 4.0 (refmm's default build) marks a free block's first page with
# _mapcount == PAGE_BUDDY_MAPCOUNT_VALUE (-128); the CONFIG_REFMM_PG_BUDDY
# build has the old PG_buddy flag instead, as kmem checks either.
pg_buddy = next((e.value for e in prog.type("enum pageflags").enumerators if e.name == "PG_buddy"), None)


def page_buddy(page):
    if pg_buddy is not None:
        return (page.flags.value_() >> pg_buddy) & 1
    return page._mapcount.counter.value_() == -128


def nodes():
    nd = prog["node_data"]
    for i in range(len(nd)):
        if nd[i].value_():
            yield nd[i]


def walk_free(verbose):
    found = 0
    for pgdat in nodes():
        print("NODE\n %2d" % pgdat.node_id.value_(), file=out)
        for zi in range(len(pgdat.node_zones)):
            z = pgdat.node_zones[zi]
            print("%3d %6d %6d" % (zi, z.spanned_pages.value_(), z.vm_stat[0].counter.value_()), file=out)
            for o in range(max_order):
                blocks = 0
                for mt in range(nr_mt):
                    head = z.free_area[o].free_list[mt].address_of_()
                    for page in list_for_each_entry("struct page", head, "lru"):
                        if not page_buddy(page) or page.private.value_() != o:
                            print("bad %x" % page.value_(), file=out)
                        if verbose:
                            print("%x" % page.value_(), file=out)
                        blocks += 1
                print("%3d %6d %6d" % (o, blocks, blocks << o), file=out)
                found += blocks << o
    print("nr_free_pages: %d  (verified)" % found, file=out)
    return found


def walk_pages(printing, limit):
    shared = 0
    n = 0
    for pgdat in nodes():
        mm = pgdat.node_mem_map
        start = pgdat.node_start_pfn.value_()
        for i in range(pgdat.node_spanned_pages.value_()):
            if limit and n >= limit:
                return shared, n
            p = mm[i]
            cnt = p._count.counter.value_()
            if printing:
                print("%-16x %9x %16x %8x %2d %x" % (p.address_, (start + i) << 12, p.mapping.value_(),
                                                   p.index.value_(), cnt, p.flags.value_()), file=out)
            elif cnt > 1:
                shared += cnt - 1
            n += 1
    return shared, n


def total_pages():
    return sum(p.node_spanned_pages.value_() for p in nodes())


def timed(label, fn):
    t = time.monotonic()
    r = fn()
    print("drgn %s %.6f" % (label, time.monotonic() - t))
    return r


def pages_walk(printing, label, with_free):
    total = total_pages()
    t = time.monotonic()
    if with_free:
        walk_free(False)
    t_free = time.monotonic() - t
    t = time.monotonic()
    _, n = walk_pages(printing, limit)
    dt = time.monotonic() - t
    if n < total:
        print("drgn %s %.6f extrapolated from %d of %d pages" % (label, t_free + dt * total / n, n, total))
    else:
        print("drgn %s %.6f" % (label, t_free + dt))


print("drgn load %.6f" % t_load)
modes = sys.argv[4].split(",") if len(sys.argv) > 4 else ["f", "F", "p", "i", "ishared"]
for m in modes:
    if m == "f":
        print("drgn nr_free_pages %d" % timed("kmem-f", lambda: walk_free(False)))
    elif m == "F":
        timed("kmem-F", lambda: walk_free(True))
    elif m == "p":
        pages_walk(True, "kmem-p", False)
    elif m == "i":
        timed("kmem-i", lambda: walk_free(False))
    elif m == "ishared":
        pages_walk(False, "kmem-i=shared", True)
