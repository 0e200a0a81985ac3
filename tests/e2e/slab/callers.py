#!/usr/bin/python3
"""kmem -s NAME -U (leak triage) against drgn: on refmm-alt's
CONFIG_DEBUG_SLAB slab-leak dump, drgn walks every slab of each
SLAB_STORE_USER cache, takes the allocated objects (not on the slab's
freelist, in no per-CPU or shared array), reads the last-user word that
ends each object and names it with nm(1) as function+0xoffset; mmscope's
table must hold the same callers with the same counts and bytes
(count * object_size), most objects first.  A cache without
SLAB_STORE_USER says that its callers were not recorded.  kmem -s -k KEY
must order every cache by the key (checked against the truth)."""
import json
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import mstest as K  # noqa: E402

C = K.Checker("callers")
try:
    import drgn
    from drgn import Object, container_of
except ImportError:
    print("SKIP: drgn not installed (apt-get install python3-drgn)")
    sys.exit(77)

ALT = os.path.join(K.BUILD, "refmm-alt")
dump, truth = K.gen_cached("slab-leak", exe=ALT, name="alt-slab-leak")
prog = drgn.Program()
prog.set_core_dump(dump)
prog.load_debug_info([ALT])
idx = drgn.sizeof(prog.type("freelist_idx_t"))
nr_cpus, nr_nodes = truth["nr_cpus"], truth["nr_nodes"]

funcs = K.text_symbols(ALT)


def name(addr):
    return K.text_symbol_offset(funcs, addr) or "%x" % addr


def lst(head):
    pos = head.next
    while pos.value_() != head.address_of_().value_():
        yield container_of(pos, "struct page", "lru")
        pos = pos.next


def array(addr):
    ac = Object(prog, "struct array_cache *", addr)
    return [ac.entry[i].value_() for i in range(ac.avail.value_())]


def callers(c):
    num, size = c.num.value_(), c.size.value_()
    cached = set()
    for cpu in range(nr_cpus):
        cached.update(array(c.cpu_cache.value_() + prog["__per_cpu_offset"][cpu].value_()))
    counts = {}
    for nid in range(nr_nodes):
        n = c.node[nid]
        if not n.value_():
            continue
        if n.shared.value_():
            cached.update(array(n.shared.value_()))
        for lname in ("slabs_partial", "slabs_full", "slabs_free"):
            for page in lst(getattr(n, lname)):
                a = page.active.value_()
                fl = prog.read(page.freelist.value_() + a * idx, (num - a) * idx)
                free = {int.from_bytes(fl[i:i + idx], "little") for i in range(0, len(fl), idx)}
                for i in range(num):
                    o = page.s_mem.value_() + i * size
                    if i in free or o in cached:
                        continue
                    who = name(prog.read_u64(o + size - 8))
                    counts[who] = counts.get(who, 0) + 1
    return counts


head = prog["slab_caches"]
pos, caches = head.next, {}
while pos.value_() != head.address_of_().value_():
    c = container_of(pos, "struct kmem_cache", "list")
    caches[c.name.string_().decode()] = c
    pos = pos.next

checked = 0
cmds = []
names = [t["name"] for t in truth["caches"] if t["active_objs"]][:12]
for n in names:
    cmds.append((n, f"kmem -s {n} -U"))
sort_keys = {"allocated": "active_objs", "total": "num_objs", "slabs": "num_slabs"}
for k in sort_keys:
    cmds.append(("sort-" + k, f"kmem -s -k {k}"))
outs, log, rc = K.run_files(dump, cmds, debuginfo=ALT)
for n in names:
    c = caches[n]
    out = outs[n]
    if not c.flags.value_() & 0x10000:
        C.check("callers not recorded" in out, f"{n}: no SLAB_STORE_USER is said: {out!r}")
        continue
    want = callers(c)
    rows = re.findall(r"^  (\S+)\s+(\d+)\s+(\d+)$", out, re.M)
    got = {r[0]: int(r[1]) for r in rows}
    C.eq(got, want, f"{n}: callers and counts")
    osz = c.object_size.value_()
    C.check(all(int(r[2]) == int(r[1]) * osz for r in rows), f"{n}: bytes = count * object_size")
    C.check([int(r[1]) for r in rows] == sorted((int(r[1]) for r in rows), reverse=True), f"{n}: most first")
    checked += 1
C.check(checked >= 2, f"callers checked for {checked} SLAB_STORE_USER caches")
# --json: each caller's name, code address and count are drgn's
store = [n for n in names if caches[n].flags.value_() & 0x10000]
jouts, log, rc = K.run_files(dump, [(n, f"kmem -s {n} -U") for n in store], debuginfo=ALT, json_mode=True)
for n in store:
    try:
        rows = json.loads(jouts[n])["caches"][0]["callers"]
    except (ValueError, KeyError, IndexError) as e:
        C.check(False, f"{n}: kmem -s -U --json has callers: {e}: {jouts[n][:300]!r}")
        continue
    C.eq({r["caller"]: r["count"] for r in rows}, callers(caches[n]), f"{n}: --json callers and counts")
    C.check(all(name(int(r["address"], 16)) == r["caller"] for r in rows),
            f"{n}: --json: each caller's address is its code address: {rows[:3]}")
for k, field in sort_keys.items():
    got = [l.split()[-1] for l in outs["sort-" + k].splitlines()[1:] if l.strip()]
    vals = {t["name"]: t[field] for t in truth["caches"]}
    C.eq(sorted(got), sorted(vals), f"--sort={k}: every cache")
    C.check([vals[x] for x in got] == sorted((vals[x] for x in got), reverse=True), f"--sort={k}: biggest first")
C.done()
