#!/usr/bin/python3
"""Damaged SLAB data: kmem -s and -S must report each problem with the
cache, slab and object addresses, go on with the walk, and fail.

A copy of refmm-alt's slab-leak dump (CONFIG_DEBUG_SLAB: red zones,
poison) is patched in place through its PT_LOAD headers; what to patch is
found with drgn, an independent reader, walking the same structures:
  A kmalloc-192: a partial slab's freelist[active] out of range
  B kmalloc-64: a partial slab lists one free object twice
  C dentry: a full slab's page.active one short (a slab on the wrong list)
  D kmem_cache: node 0 free_objects 5 too many (a counter)
  E vm_area_struct: an allocated object's first red zone overwritten
  F skbuff_head_cache: a free object's poison overwritten
  G kmalloc-96: a CPU array entry replaced by a free object (on two lists)
  H kmalloc-128: a full slab's lru.next points at itself (a cycle)
Every other cache's kmem -s row must still equal the truth."""
import os
import re
import struct
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import mstest as K  # noqa: E402

C = K.Checker("slab corrupt")
try:
    import drgn
    from drgn import container_of
except ImportError:
    print("SKIP: drgn not installed (apt-get install python3-drgn)")
    sys.exit(77)

ALT = os.path.join(K.BUILD, "refmm-alt")
src, truth = K.gen_cached("slab-leak", exe=ALT, name="alt-slab-leak")
d = K.ElfDump(src, "slab-corrupt", truth)
dump = d.path

prog = drgn.Program()
prog.set_core_dump(src)
prog.load_debug_info([ALT])

poke = d.write


def cache(name):
    head = prog["slab_caches"]
    pos = head.next
    while pos.value_() != head.address_of_().value_():
        c = container_of(pos, "struct kmem_cache", "list")
        if c.name.string_().decode() == name:
            return c
        pos = pos.next
    raise SystemExit("no cache " + name)


def first_slab(c, lname):
    head = getattr(c.node[0], lname)
    return container_of(head.next, "struct page", "lru")


def slab_of(c, obj):
    """The slab page (struct page *) of @obj in cache @c, by walking every
    slab list of every node with drgn; None if no slab holds it."""
    span = c.num.value_() * c.size.value_()
    for node in range(64):
        try:
            n = c.node[node]
            if not n.value_():
                continue
        except (drgn.FaultError, IndexError):
            break
        for lname in ("slabs_partial", "slabs_full", "slabs_free"):
            head = getattr(n, lname)
            pos = head.next
            while pos.value_() != head.address_of_().value_():
                pg = container_of(pos, "struct page", "lru")
                if pg.s_mem.value_() <= obj < pg.s_mem.value_() + span:
                    return pg.value_()
                pos = pos.next
    return None


idx = drgn.sizeof(prog.type("freelist_idx_t"))
pack_idx = (lambda v: struct.pack("<B", v)) if idx == 1 else (lambda v: struct.pack("<H", v))
T = {}

# A
c = cache("kmalloc-192")
pg = first_slab(c, "slabs_partial")
T["A"] = (c, pg, pg.freelist.value_() + pg.active.value_() * idx)
poke(T["A"][2], pack_idx(idx == 1 and 0xff or 0xffff))
# B
c = cache("kmalloc-64")
pg = first_slab(c, "slabs_partial")
fl, act = pg.freelist.value_(), pg.active.value_()
first = prog.read(fl + act * idx, idx)
poke(fl + (act + 1) * idx, first)
T["B"] = (c, pg, pg.s_mem.value_() + int.from_bytes(first, "little") * c.size.value_())
# C
c = cache("dentry")
pg = first_slab(c, "slabs_full")
active_off = drgn.offsetof(prog.type("struct page"), "active")
poke(pg.value_() + active_off, struct.pack("<I", c.num.value_() - 1))
T["C"] = (c, pg, None)
# D
c = cache("kmem_cache")
n = c.node[0]
fo_off = drgn.offsetof(prog.type("struct kmem_cache_node"), "free_objects")
poke(n.value_() + fo_off, struct.pack("<Q", n.free_objects.value_() + 5))
T["D"] = (c, None, n.value_())
# E
c = cache("vm_area_struct")
obj = int([x for x in truth["caches"] if x["name"] == "vm_area_struct"][0]["samples"]["inuse"], 16)
poke(obj + c.obj_offset.value_() - 8, b"A" * 8)
T["E"] = (c, None, obj)
# F
c = cache("skbuff_head_cache")
obj = int([x for x in truth["caches"] if x["name"] == "skbuff_head_cache"][0]["samples"]["free"], 16)
poke(obj + c.obj_offset.value_() + 10, b"\0")
T["F"] = (c, None, obj)
# G
c = cache("kmalloc-96")
free_obj = int([x for x in truth["caches"] if x["name"] == "kmalloc-96"][0]["samples"]["free"], 16)
entry_off = drgn.offsetof(prog.type("struct array_cache"), "entry")
for cpu in range(truth["nr_cpus"]):
    ac = drgn.Object(prog, "struct array_cache *", c.cpu_cache.value_() + prog["__per_cpu_offset"][cpu].value_())
    if ac.avail.value_():
        poke(ac.value_() + entry_off, struct.pack("<Q", free_obj))
        T["G"] = (c, ac.value_(), free_obj, cpu)
        break
# H
c = cache("kmalloc-128")
pg = first_slab(c, "slabs_full")
lru = pg.value_() + drgn.offsetof(prog.type("struct page"), "lru")
poke(lru, struct.pack("<Q", lru))
T["H"] = (c, pg, None)


def hx(v):
    return "%x" % v


def has(text, *words):
    return any(all(w in l for w in words) for l in text.splitlines())


try:
    outs, log, rc = K.run_files(dump, [("s", "kmem -s"), ("S", "kmem -S"), ("si", "slabinfo"),
                                 ("sk", "kmem -s -k allocated"),
                                 ("s_dentry", "kmem -s dentry"), ("s_kmem_cache", "kmem -s kmem_cache"),
                                 ("s_kmalloc-96", "kmem -s kmalloc-96"), ("s_kmalloc-128", "kmem -s kmalloc-128"),
                                 ("s_kmalloc-192", "kmem -s kmalloc-192"), ("s_kmalloc-64", "kmem -s kmalloc-64")],
                          debuginfo=ALT, timeout=300)
    # -S without a redirection: each message once, in its cache's block
    S192, _, _ = K.run_one(dump, "kmem -S kmalloc-192", debuginfo=ALT, timeout=300)
except subprocess.TimeoutExpired:
    C.check(False, "mmscope ended on the corrupted dump")
    C.done()
s, S = outs["s"], outs["S"]
C.check(rc != 0, f"the session fails on damaged data (exit status {rc})")

c, pg, addr = T["A"]
C.check(has(S, "kmalloc-192", hx(c.value_()), hx(pg.value_()), "out of range"), "A: freelist index out of range reported")
c, pg, obj = T["B"]
C.check(has(S, "kmalloc-64", hx(pg.value_()), hx(obj), "freelist twice"), "B: an object listed twice reported")
c, pg, _ = T["C"]
C.check(has(s, "dentry", hx(pg.value_()), "full list", "bad active counter"), "C: slab on the wrong list reported")
C.check(has(s, "dentry", "free_objects"), "C: dentry's free_objects then disagrees too")
c, _, n = T["D"]
C.check(has(s, "kmem_cache", hx(n), "free_objects"), "D: node counter reported")
c, ac, obj, cpu = T["G"]
C.check(has(s, "kmalloc-96", hx(obj), "freelist and in the cpu %d array" % cpu), "G: cached and free reported")
# the entry named by its array_cache (drgn: cpu_cache + __per_cpu_offset[cpu]) and index
C.check(has(s, "kmalloc-96", "slab %x: object %s on its freelist and in the cpu %d array_cache %x entry[0]"
            % (slab_of(c, obj), hx(obj), cpu, ac)), "G: the array_cache and the entry named")
c, pg, _ = T["H"]
C.check(has(s, "kmalloc-128", "cycle"), "H: the cycle is reported")
C.check(has(s, "kmalloc-128: cannot gather relevant slab data"), "H: kmalloc-128 cannot be counted")
C.check(re.search(r"^%x\s+\d+\s+\?\s+\?\s+\?\s+\d+k\s+kmalloc-128$" % c.value_(), s, re.M) is not None,
        "H: kmalloc-128's row has ? for its counts")
# kmem -s in its every form reports C, D, G and H, the damage that
# counting sees (lists, page.active, counters, arrays), as crash's does
for name, out in (("kmem -s -k allocated", outs["sk"]),):
    C.check(has(out, "dentry", hx(T["C"][1].value_()), "bad active counter"), f"C: {name}")
    C.check(has(out, "kmem_cache", hx(T["D"][2]), "free_objects"), f"D: {name}")
    C.check(has(out, "kmalloc-96", hx(T["G"][2]), "freelist and in the cpu %d array" % T["G"][3]),
            f"G: {name}")
    C.check(has(out, "kmalloc-128", "cycle"), f"H: {name}")
C.check(has(outs["s_dentry"], "dentry", hx(T["C"][1].value_()), "full list", "bad active counter"),
        "C: kmem -s dentry")
C.check(has(outs["s_kmem_cache"], "kmem_cache", hx(T["D"][2]), "free_objects"), "D: kmem -s kmem_cache")
C.check(has(outs["s_kmalloc-96"], hx(T["G"][2]), "freelist and in the cpu %d array" % T["G"][3]),
        "G: kmem -s kmalloc-96")
C.check(has(outs["s_kmalloc-128"], "kmalloc-128", "cycle"), "H: kmem -s kmalloc-128")
C.check(has(outs["s_kmalloc-128"], "kmalloc-128: cannot gather relevant slab data"),
        "H: kmem -s kmalloc-128 cannot count it")


def in_arrays(c, pg):
    """Whether a CPU or shared array holds an object of slab pg (drgn)."""
    lo = pg.s_mem.value_()
    hi = lo + c.num.value_() * c.size.value_()
    acs = [drgn.Object(prog, "struct array_cache *",
                       c.cpu_cache.value_() + prog["__per_cpu_offset"][cpu].value_())
           for cpu in range(truth["nr_cpus"])]
    for node in range(len(truth["nodes"])):
        if c.node[node].value_() and c.node[node].shared.value_():
            acs.append(c.node[node].shared)
    return any(lo <= ac.entry[i].value_() < hi for ac in acs for i in range(ac.avail.value_()))


# A, B: -S reads every freelist; kmem -s, as crash's, only those of slabs
# with objects in arrays (an object both free and cached is on two lists;
# reading them all would double its time).  Damaged freelist bytes do not
# change what -s counts: those rows still equal the truth.
# E, F: the objects are checked by -S.
for key, cname, what in (("A", "kmalloc-192", "out of range"), ("B", "kmalloc-64", "freelist twice")):
    c, pg = T[key][0], T[key][1]
    t = [x for x in truth["caches"] if x["name"] == cname][0]
    m = re.search(r"^%x\s+\d+\s+(\d+)\s+(\d+)\s+(\d+)\s+\d+k\s+%s$" % (c.value_(), cname),
                  outs["s_" + cname], re.M)
    C.check(m is not None and m.groups() == (str(t["active_objs"]), str(t["num_objs"]), str(t["num_slabs"])),
            f"{key}: kmem -s {cname} counts as the truth does")
    cached = in_arrays(c, pg)
    C.eq(has(outs["s_" + cname], cname, hx(pg.value_()), what), cached,
         f"{key}: kmem -s {cname} reports the freelist damage exactly when an array holds "
         f"an object of the slab ({cached})")
# -S: a message stands in its cache's block, among the slabs, once
c, pg, addr = T["A"]
blocks = re.split(r"(?m)^(?=CACHE )", S)
b192 = [b for b in blocks if re.search(r"^%x\s.*kmalloc-192$" % c.value_(), b, re.M)]
C.check(len(b192) == 1 and has(b192[0], hx(pg.value_()), "out of range"),
        "A: -S reports it inside kmalloc-192's block")
C.check(sum("out of range" in l for l in S.splitlines()) == 1, "A: -S says it once")
C.check(sum("out of range" in l for l in S192.splitlines()) == 1, "A: -S on stdout says it once")
rows = [i for i, l in enumerate(S192.splitlines()) if l.endswith(" kmalloc-192")]
errs = [i for i, l in enumerate(S192.splitlines()) if "out of range" in l]
C.check(rows and errs and rows[0] < errs[0], "A: -S on stdout says it after the cache's row")
c, _, obj = T["E"]
C.check(has(S, "vm_area_struct", hx(obj), "red zone 1", "RED_ACTIVE"), "E: red zone reported by -S")
pg = slab_of(c, obj)
C.check(pg and has(S, "vm_area_struct", "slab %x: allocated object %s: red zone 1 at %x"
                   % (pg, hx(obj), obj + c.obj_offset.value_() - 8)),
        "E: -S names the slab page (drgn), the object and the red zone word")
c, _, obj = T["F"]
C.check(has(S, "skbuff_head_cache", hx(obj), "poison overwritten", hx(obj + c.obj_offset.value_() + 10)),
        "F: poison reported by -S")
pg = slab_of(c, obj)
C.check(pg and has(S, "skbuff_head_cache", "slab %x:" % pg, "object %s: poison overwritten at %x (byte 10 of"
                   % (hx(obj), obj + c.obj_offset.value_() + 10)),
        "F: -S names the slab page (drgn), the object and the byte")
C.check(has(S, "kmalloc-128", "cycle"), "H: -S reports the cycle too")

# the walk went on: every cache has its row; untouched ones equal the truth
touched = {"kmalloc-192", "kmalloc-64", "dentry", "kmem_cache", "kmalloc-96", "kmalloc-128"}
rows = {m.group(7): m for m in (re.match(r"^([0-9a-f]+)\s+(\d+)\s+(\S+)\s+(\S+)\s+(\S+)\s+(\d+)k\s+(\S+)$", l)
                                for l in s.splitlines()) if m}
for t in truth["caches"]:
    m = rows.get(t["name"])
    if not C.check(m is not None, f"kmem -s still shows {t['name']}"):
        continue
    if t["name"] not in touched:
        C.eq((m.group(3), m.group(4), m.group(5)),
             (str(t["active_objs"]), str(t["num_objs"]), str(t["num_slabs"])), f"{t['name']} unchanged")
C.check(has(s, "errors encountered"), "kmem -s ends with the count of errors")
C.check(has(outs["si"], "kmalloc-128: cannot gather relevant slab data"), "slabinfo says which cache it could not count")
os.unlink(dump)
C.done()
