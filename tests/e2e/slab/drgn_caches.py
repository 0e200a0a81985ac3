#!/usr/bin/python3
"""The truth file's caches against drgn, an independent reader of the dump.

drgn walks SLAB in the dump through the executable's DWARF, the way a
crash-style reader would: slab_caches, each cache's kmem_cache_node
lists, every slab's page->active and freelist, the per-CPU array caches
(cpu_cache + __per_cpu_offset[cpu]), the shared and alien arrays.  From
that it counts what the truth file states -- num_objs, num_slabs,
active_slabs, the objects in arrays, and crash's active_objs (array
objects count as free) -- and checks /proc/slabinfo's text line by line
(there, array objects count as active), which gen --slabinfo also writes.  In the CONFIG_DEBUG_SLAB build
(refmm-alt) it also reads the red zones and the last-user word of
allocated objects: the user must be a function of the executable.

Scenarios: default, slab-leak and slab with mmscope; default and
slab-leak with refmm-alt.  Usage: drgn_caches.py (exit 77 without python3-drgn)."""
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import mstest  # noqa: E402
from mstest import check as _check  # noqa: E402


def check(cond, what):
    """mstest.check, returning whether it held."""
    _check(cond, what)
    return bool(cond)

RED_ACTIVE = 0xD84156C5635688C0
RED_INACTIVE = 0x09F911029D74E35B
OFF_SLAB = 0x80000000
SLAB_RED_ZONE = 0x400
SLAB_STORE_USER = 0x10000


def walk_list(head, member, limit=1 << 22):
    """The entries of list @head, as struct page (member lru)."""
    from drgn import container_of
    pos, out = head.next, []
    while pos.value_() != head.address_of_().value_():
        out.append(container_of(pos, "struct page", member))
        pos = pos.next
        if len(out) > limit:
            raise RuntimeError("list does not end")
    return out


def array_avail(prog, ac_ptr):
    return 0 if not ac_ptr.value_() else ac_ptr.avail.value_()


def cache_from_dump(prog, cachep, nr_cpus, nr_nodes):
    """What drgn counts for one cache."""
    num = cachep.num.value_()
    r = dict(name=cachep.name.string_().decode(), addr=cachep.value_(), num=num,
             size=cachep.size.value_(), object_size=cachep.object_size.value_(),
             gfporder=cachep.gfporder.value_(), flags=cachep.flags.value_(),
             num_slabs=0, active_slabs=0, slab_active=0, free=0, cpu=0, shared=0, alien=0,
             shared_avail=0, slabs=[])
    import drgn
    per_cpu = prog["__per_cpu_offset"]
    for cpu in range(nr_cpus):
        # a __percpu pointer is an offset into each CPU's area
        addr = cachep.cpu_cache.value_() + per_cpu[cpu].value_()
        if cachep.cpu_cache.value_():
            r["cpu"] += drgn.Object(prog, "struct array_cache *", addr).avail.value_()
    # only node[0 .. nr_node_ids-1] exist in a kmem_cache object
    for nid in range(nr_nodes):
        n = cachep.node[nid]
        if not n.value_():
            continue
        for lname in ("slabs_full", "slabs_partial", "slabs_free"):
            for page in walk_list(getattr(n, lname), "lru"):
                active = page.active.value_()
                r["num_slabs"] += 1
                r["slab_active"] += active
                if lname != "slabs_free":
                    r["active_slabs"] += 1
                # freelist[active .. num-1]: the indices of the free objects
                fl = prog.read(page.freelist.value_() + active, num - active) if num > active else b""
                check(len(set(fl)) == len(fl) and all(i < num for i in fl),
                      "%s: slab %x freelist indices unique and < num" % (r["name"], page.value_()))
                r["free"] += len(fl)
                r["slabs"].append((page, set(fl)))
        r["shared"] += array_avail(prog, n.shared)
        r["shared_avail"] += array_avail(prog, n.shared)
        if n.alien.value_():
            for i in range(nr_nodes):
                alc = n.alien[i]
                if alc.value_():
                    r["alien"] += alc.ac.avail.value_()
    r["num_objs"] = r["num_slabs"] * num
    r["active_objs"] = r["slab_active"] - r["cpu"] - r["shared"] - r["alien"]
    return r


def text_symbol(funcs, addr):
    for a, size, name in funcs:
        if a <= addr < a + size:
            return name
    return None


def run(tmp, scenario, exe, name):
    import drgn
    dump = os.path.join(tmp, name + ".vmcore")
    subprocess.run([exe, "gen", "--quiet", "--slabinfo", "--scenario", scenario, "-o", dump], check=True)
    truth = json.load(open(dump + ".truth.json"))
    check(open(dump + ".slabinfo").read() == truth["slabinfo"], "%s: --slabinfo file is the truth's" % name)
    prog = drgn.Program()
    prog.set_core_dump(dump)
    prog.load_debug_info([exe])
    nr_cpus, nr_nodes = truth["nr_cpus"], truth["nr_nodes"]
    check(prog["nr_node_ids"].value_() == nr_nodes, "%s: nr_node_ids" % name)
    check(prog["kmem_cache"].value_() == int(truth["kmem_cache"], 16), "%s: kmem_cache" % name)

    head = prog["slab_caches"]
    from drgn import container_of
    pos, dumped = head.next, []
    while pos.value_() != head.address_of_().value_():
        dumped.append(container_of(pos, "struct kmem_cache", "list"))
        pos = pos.next
    check([c.value_() for c in dumped] == [int(c["addr"], 16) for c in truth["caches"]],
          "%s: slab_caches holds the truth's caches, in its order" % name)

    slabinfo = {l.split()[0]: l.split() for l in truth["slabinfo"].splitlines()[2:]}
    check(truth["slabinfo"].startswith("slabinfo - version: 2.1"), "%s: slabinfo header" % name)
    debug_users = 0
    users = set()
    # from nm: drgn relocates a refmm executable's symbols as it would a
    # KASLR kernel's
    funcs = mstest.text_symbols(exe) if any("obj_offset" in t for t in truth["caches"]) else []
    for c, t in zip(dumped, truth["caches"]):
        d = cache_from_dump(prog, c, nr_cpus, nr_nodes)
        for key, dkey in (("name", "name"), ("num", "num"), ("size", "size"),
                          ("object_size", "object_size"), ("gfporder", "gfporder"),
                          ("num_slabs", "num_slabs"), ("active_slabs", "active_slabs"),
                          ("num_objs", "num_objs"), ("active_objs", "active_objs"),
                          ("slab_active_objs", "slab_active"), ("free_objs", "free"),
                          ("cpu_avail", "cpu"), ("shared_avail", "shared"), ("alien_avail", "alien")):
            if not check(t[key] == d[dkey], "%s: cache %s %s: truth %s, drgn %s"
                         % (name, t["name"], key, t[key], d[dkey])):
                break
        check(t["off_slab"] == bool(d["flags"] & OFF_SLAB), "%s: %s off_slab" % (name, t["name"]))
        # /proc/slabinfo counts array objects as active (get_slabinfo)
        s = slabinfo.get(t["name"])
        if check(s is not None, "%s: slabinfo line of %s" % (name, t["name"])):
            want = [str(d["slab_active"]), str(d["num_objs"]), str(d["size"]), str(d["num"]),
                    str(1 << d["gfporder"])]
            check(s[1:6] == want, "%s: slabinfo %s: %s, drgn %s" % (name, t["name"], s[1:6], want))
            i = s.index("slabdata") + 1
            check(s[i:i + 3] == [str(d["active_slabs"]), str(d["num_slabs"]), str(d["shared_avail"])],
                  "%s: slabinfo %s slabdata %s" % (name, t["name"], s[i:i + 3]))
        # CONFIG_DEBUG_SLAB: red zones and the last user of allocated objects
        flags = d["flags"]
        if "obj_offset" in t and flags & SLAB_RED_ZONE and flags & SLAB_STORE_USER:
            off = c.obj_offset.value_()
            check(off == t["obj_offset"], "%s: %s obj_offset" % (name, t["name"]))
            for page, free in d["slabs"][:4]:
                for i in range(d["num"]):
                    obj = page.s_mem.value_() + i * d["size"]
                    rz1 = prog.read_u64(obj + off - 8)
                    rz2 = prog.read_u64(obj + d["size"] - 16)
                    user = prog.read_u64(obj + d["size"] - 8)
                    if i in free:
                        check(rz1 == RED_INACTIVE and rz2 == RED_INACTIVE,
                              "%s: %s free object %x red zones inactive" % (name, t["name"], obj))
                    elif rz1 == RED_ACTIVE:
                        # allocated, not in an array: its last user is a function
                        check(rz2 == RED_ACTIVE, "%s: %s object %x: both red zones active"
                              % (name, t["name"], obj))
                        sym = text_symbol(funcs, user)
                        if not check(sym is not None, "%s: %s object %x: last user %x is in a function"
                                     % (name, t["name"], obj, user)):
                            return
                        users.add(sym)
                        debug_users += 1
    if any("obj_offset" in t for t in truth["caches"]):
        check(debug_users > 0, "%s: last users of allocated objects checked" % name)
        print("%s: %d objects' last users name functions: %s" % (name, debug_users, ", ".join(sorted(users))))
    print("%s: %d caches compared with drgn" % (name, len(dumped)))


def main(tmp):
    try:
        import drgn  # noqa: F401
    except ImportError:
        print("SKIP: drgn not installed (apt-get install python3-drgn)")
        return 77
    alt = os.path.join(mstest.BUILD, "refmm-alt")
    for scenario in ("default", "slab-leak", "slab"):
        run(tmp, scenario, mstest.MMSCOPE, scenario)
    if os.path.exists(alt):
        for scenario in ("default", "slab-leak"):
            run(tmp, scenario, alt, "alt-" + scenario)
    else:
        check(False, "refmm-alt was not built")


sys.exit(mstest.main(main, prefix="drgn_caches."))
