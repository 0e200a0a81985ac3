#!/usr/bin/python3
"""The drgn peer of make bench for kmem -s / -S: drgn walks the same SLAB
structures of the same dump through the same DWARF, as a drgn user would
script it: slab_caches, each node's three lists, every slab page's active
and freelist, the per-CPU, shared and alien arrays; for -S it also prints one
line per object to /dev/null.  Prints "drgn load|kmem-s|kmem-S SECONDS"
and "drgn active_objs N".

  bench_slab_drgn.py DEBUGINFO DUMP s|S"""
import sys
import time

t0 = time.monotonic()
import drgn  # noqa: E402
from drgn import Object, container_of  # noqa: E402

exe, dump, mode = sys.argv[1], sys.argv[2], sys.argv[3]
prog = drgn.Program()
prog.set_core_dump(dump)
prog.load_debug_info([exe])
nr_cpus = prog["nr_cpu_ids"].value_()
nr_nodes = prog["nr_node_ids"].value_()
offsets = [prog["__per_cpu_offset"][c].value_() for c in range(nr_cpus)]
idx_size = drgn.sizeof(prog.type("freelist_idx_t"))
t_load = time.monotonic() - t0


def lst(head):
    pos = head.next
    end = head.address_of_().value_()
    while pos.value_() != end:
        yield container_of(pos, "struct page", "lru")
        pos = pos.next


def array(addr):
    ac = Object(prog, "struct array_cache *", addr)
    n = ac.avail.value_()
    return [ac.entry[i].value_() for i in range(n)]


def walk(verbose, out):
    active = 0
    head = prog["slab_caches"]
    pos = head.next
    while pos.value_() != head.address_of_().value_():
        c = container_of(pos, "struct kmem_cache", "list")
        num, size = c.num.value_(), c.size.value_()
        cached = {}
        pcpu = c.cpu_cache.value_()
        for cpu in range(nr_cpus):
            for o in array(pcpu + offsets[cpu]):
                cached[o] = "(cpu %d cache)" % cpu
        nodes = [c.node[i] for i in range(nr_nodes) if c.node[i].value_()]
        for n in nodes:
            if n.shared.value_():
                for o in array(n.shared.value_()):
                    cached[o] = "(shared cache)"
            if n.alien.value_():
                for i in range(nr_nodes):
                    alc = n.alien[i]
                    if alc.value_():
                        for o in array(alc.ac.address_of_().value_()):
                            cached[o] = "(alien cache)"
        slab_active = slabs = 0
        for n in nodes:
            for lname in ("slabs_partial", "slabs_full", "slabs_free"):
                for page in lst(getattr(n, lname)):
                    a = page.active.value_()
                    slab_active += a
                    slabs += 1
                    if not verbose:
                        continue
                    s_mem = page.s_mem.value_()
                    fl = prog.read(page.freelist.value_() + a * idx_size, (num - a) * idx_size)
                    free = set(int.from_bytes(fl[i:i + idx_size], "little") for i in range(0, len(fl), idx_size))
                    out.write("%x  %x  %d\n" % (page.value_(), s_mem, num))
                    for i in range(num):
                        o = s_mem + i * size
                        if i in free:
                            out.write("   %x\n" % o)
                        elif o in cached:
                            out.write("   %x  %s\n" % (o, cached[o]))
                        else:
                            out.write("  [%x]\n" % o)
        act = slab_active - len(cached)
        active += act
        out.write("%x %d %d %d %d %s\n" % (c.value_(), size, act, slabs * num, slabs,
                                           c.name.string_().decode()))
        pos = pos.next
    return active


with open("/dev/null", "w") as out:
    t = time.monotonic()
    active = walk(mode == "S", out)
    t_walk = time.monotonic() - t
print("drgn load %.6f" % t_load)
print("drgn kmem-%s %.6f" % (mode, t_walk))
print("drgn active_objs %d" % active)
