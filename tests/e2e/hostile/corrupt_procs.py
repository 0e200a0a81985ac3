#!/usr/bin/python3
"""refmm's "corrupt" steps on the vmalloc areas, the task list and a task's
VMAs.  gen applies the damage after the truth file and before the dump and
says on stderr what it damaged and where: that is the oracle for the
message, the truth file (the machine before the damage) for what must
still be right.  For each damage, kmem -v, kmem -V, ps, vm, vm -p, vtop -u
and kmem ADDR all complete (no crash, no hang), the ones that touch the
damage name the structure and its address, the batch status is 1, nothing
says "(verified)", and what the damage does not touch is listed as the
truth has it.  vm-freed and vmap-freed (an area's vm_struct, or the area,
kfree()d while in use; with and without CONFIG_DEBUG_SLAB's poison) are
checked against the object and cache gen names, vma-order (two VMAs
swapped) as the other VMA damage; vtop and search over a damaged vmalloc
area, sys and a pid lookup on a damaged task list, and vtop -u and kmem
of an address in a damaged VMA list each fail and say the damage."""
import json
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import mstest as K  # noqa: E402

t = K.Checker("corrupt procs")
SCN = """mem 64M
cpus 2
spawn daemon exe=/usr/sbin/daemon heap=256K touch=50
spawn app exe=/usr/bin/app parent=daemon threads=1 heap=512K touch=50
mmap arena task=app len=1M
touch arena map pct=50
vmalloc buf size=64K count=3
corrupt {step}
"""
H = r"0x([0-9a-f]+)"


def gen(name, step, exe=K.MMSCOPE):
    kind = step.split()[0]
    scn = os.path.join(K.tmpdir(), f"corrupt-{name}.scn")
    dump = os.path.join(K.tmpdir(), f"corrupt-{name}.vmcore")
    with open(scn, "w") as f:
        f.write(SCN.format(step=step))
    r = subprocess.run([exe, "gen", "-q", "-s", scn, "-o", dump], capture_output=True, text=True,
                       timeout=300)
    if not t.check(r.returncode == 0, f"{name}: gen succeeds: {r.stderr}"):
        return None, None, None
    m = re.search(r"^gen: corrupt %s: (.*)$" % kind, r.stderr, re.M)
    if not t.check(m is not None, f"{kind}: gen says what it damaged: {r.stderr!r}"):
        return None, None, None
    with open(dump + ".truth.json") as f:
        return dump, json.load(f), m.group(1)


def has_line(text, *words):
    return any(all(w in l for w in words) for l in text.splitlines())


def session(kind, dump, cmds, exe=K.MMSCOPE):
    try:
        outs, log, rc = K.run_files(dump, cmds, debuginfo=exe, timeout=300)
    except subprocess.TimeoutExpired:
        t.check(False, f"{kind}: the session ends")
        return None
    t.eq(rc, 1, f"{kind}: the batch status says a command failed")
    for name, out in outs.items():
        t.check("(verified)" not in out, f"{kind}: {name} says nothing is verified")
    return outs


def vm_rows(text):
    return re.findall(r"^\s+([0-9a-f]+)\s+([0-9a-f]+)\s+([0-9a-f]+)\s+[0-9a-f]+", text, re.M)


def ps_tasks(text):
    return set(re.findall(r"^[> ]\s+\d+\s+\d+\s+\d+\s+([0-9a-f]+)\s", text, re.M))


def area_probes(kind, dump, area, damaged, exe=K.MMSCOPE):
    """vtop of a page of @area translates it as the truth file has it (the
    page tables are not damaged); search -k over the area meets the damaged
    area and says so (@damaged: words of the message), status 1."""
    inside = int(area["addr"], 16) + 0x1000
    out, err, rc = K.run_one(dump, "vtop %x" % inside, debuginfo=exe, timeout=120)
    want = "%x" % (area["first_pfns"][1] * 4096)
    t.check(re.search(r"^%x +%s\b" % (inside, want), out, re.M) is not None,
            f"{kind}: vtop {inside:x} is {want} as the truth has it\n{out[:300]}{err}")
    out, err, rc = K.run_one(dump, "search -k -s %s -e %s 1234567812345678" % (area["addr"][2:], area["end"][2:]),
                             debuginfo=exe, timeout=300)
    t.check(rc == 1 and has_line(out + err, "search", *damaged),
            f"{kind}: search -k over the area fails and names {damaged} (status {rc})\n{(out + err)[-400:]}")


# --- vmalloc areas ---------------------------------------------------------
for kind, what in (("vm-addr", "addr ffffe8ffdead0000, not its vmap_area {va}'s va_start"),
                   ("vm-size", "size 0x1000000000000000, not its vmap_area {va}'s"),
                   ("vm-nr-pages", "nr_pages 2147483647, more than its size"),
                   ("vm-pages", "pages ffffe8ffdead0000: invalid kernel virtual address"),
                   ("vmap-list-cycle", None)):
    dump, truth, said = gen(kind, kind)
    if not dump:
        continue
    areas = truth["vmlist"]
    if kind == "vmap-list-cycle":
        m = re.match(r"vmap_area %s list.next -> vmap_area %s$" % (H, H), said)
        second, first = m.group(1), m.group(2)
        inside = int(areas[1]["addr"], 16) + 0x1000
    else:
        m = re.match(r"vmap_area %s vm_struct %s " % (H, H), said)
        va, vm = m.group(1), m.group(2)
        hit = [a for a in areas if a["vmap_area"] == "0x" + va][0]
        inside = int(hit["addr"], 16) + 0x1000
    outs = session(kind, dump, [("v", "kmem -v"), ("V", "kmem -V"), ("k", "kmem %x" % inside),
                                ("ps", "ps")])
    if outs is None:
        continue
    listed = [r[0] for r in re.findall(r"^\s+([0-9a-f]+)\s+([0-9a-f]+)\s+[0-9a-f]+ - ", outs["v"], re.M)]
    t.check("NR_FREE_PAGES" in outs["V"], f"{kind}: kmem -V untouched")
    t.eq(len(ps_tasks(outs["ps"])), len(truth["tasks"]), f"{kind}: ps untouched")
    if kind == "vmap-list-cycle":
        t.check(has_line(outs["v"], "vmap_area_list", "entry " + first, "cycle"),
                f"{kind}: kmem -v names the list and the repeated area {first}\n{outs['v'][-600:]}")
        t.eq(listed, [a["vmap_area"][2:] for a in areas[:2]], f"{kind}: kmem -v shows the areas before the loop")
        t.check("cycle" in outs["k"], f"{kind}: kmem ADDR says the list is damaged\n{outs['k'][-400:]}")
        continue
    msg = what.format(va=va)
    area_probes(kind, dump, hit, ("vmap_area " + va, msg))
    t.check(has_line(outs["v"], "vmap_area " + va, "vm_struct " + vm, msg),
            f"{kind}: kmem -v names vmap_area {va}, vm_struct {vm} and '{msg}'\n{outs['v'][:600]}")
    t.eq(listed, [a["vmap_area"][2:] for a in areas], f"{kind}: kmem -v still lists every area")
    t.check(has_line(outs["k"], "vm_struct " + vm, msg) and va in outs["k"],
            f"{kind}: kmem ADDR shows the area and its damage\n{outs['k'][:600]}")

# --- a vmalloc area, or its vm_struct, freed while still in use ---------------
# gen kfree()s the object back to its kmalloc cache and says which; without
# CONFIG_DEBUG_SLAB the freed bytes stay as they were (only the slab knows),
# with it (refmm-alt) they are poisoned.  kmem -v and kmem ADDR name the
# area, the freed object and its cache; kmem -s of that cache and kmem of
# the freed object agree that it is free; the other areas are as the truth
# file has them.
ALT = os.path.join(K.BUILD, "refmm-alt")
for kind, exe in (("vm-freed", K.MMSCOPE), ("vmap-freed", K.MMSCOPE), ("vm-freed", ALT),
                  ("vmap-freed", ALT)):
    name = kind + ("-alt" if exe == ALT else "")
    dump, truth, said = gen(name, kind, exe)
    if not dump:
        continue
    areas = truth["vmlist"]
    if kind == "vm-freed":
        m = re.match(r"vmap_area %s vm -> vm_struct %s, freed to (\S+)$" % (H, H), said)
        va, obj, cache = m.group(1), m.group(2), m.group(3)
        words = ("vmap_area " + va, "vm_struct %s is a free object of %s" % (obj, cache))
    else:
        m = re.match(r"vmap_area %s on vmap_area_list, freed to (\S+) \(va 0x([0-9a-f]+)-" % H, said)
        va, cache = m.group(1), m.group(2)
        obj = va
        words = ("vmap_area " + va, "on vmap_area_list but a free object of " + cache)
    hit = [i for i, a in enumerate(areas) if a["vmap_area"] == "0x" + va][0]
    inside = int(areas[hit]["addr"], 16) + 0x1000
    outs = session(name, dump, [("v", "kmem -v"), ("k", "kmem %x" % inside), ("s", "kmem -s " + cache),
                                ("o", "kmem " + obj)], exe)
    if outs is None:
        continue
    listed = [r[0] for r in re.findall(r"^\s+([0-9a-f]+)\s+([0-9a-f]+)\s+[0-9a-f]+ - ", outs["v"], re.M)]
    t.check(has_line(outs["v"], *words), f"{name}: kmem -v names {words}\n{outs['v'][:600]}")
    if not (kind == "vmap-freed" and exe == ALT):	# its range is poison there
        area_probes(name, dump, areas[hit], words, exe)
    if kind == "vmap-freed" and exe == ALT:
        # the poisoned list.next ends the walk: the areas up to the freed one
        t.eq(listed, [a["vmap_area"][2:] for a in areas[:hit + 1]], f"{name}: kmem -v lists the areas up to it")
        t.check(has_line(outs["v"], "vmap_area_list", "6b6b6b6b6b6b6b6b"),
                f"{name}: kmem -v says where the list ends\n{outs['v'][-400:]}")
    else:
        t.eq(listed, [a["vmap_area"][2:] for a in areas], f"{name}: kmem -v still lists every area")
        t.check(has_line(outs["k"], *words), f"{name}: kmem ADDR names the freed object\n{outs['k'][:600]}")
    t.check(re.search(r"^[0-9a-f]+ +\d+ +\d+ +\d+ +\d+ +\d+k +%s$" % cache, outs["s"], re.M) is not None,
            f"{name}: kmem -s {cache} completes\n{outs['s'][-400:]}")
    # kmem of the object: free (no brackets) in the cache gen freed it to
    t.check(re.search(r"^\s+%s\s+\((cpu \d+ cache|free)\)" % obj, outs["o"], re.M) is not None
            and cache in outs["o"], f"{name}: kmem {obj} says the object is free in {cache}\n{outs['o'][-600:]}")

# --- tasks and VMAs -------------------------------------------------------
for kind in ("task-list-cycle", "task-mm", "vma-list-cycle", "vma-range", "vma-overlap", "vma-order"):
    dump, truth, said = gen(kind, kind + " task=app")
    if not dump:
        continue
    app = [x for x in truth["tasks"] if x["comm"] == "app" and x["pid"] == x["tgid"]][0]
    pid, vmas = app["pid"], app["vmas"]
    user = int(vmas[-1]["start"], 16)	# a VMA after the damaged ones
    cmds = [("ps", "ps"), ("vm", "vm %d" % pid), ("vmp", "vm -p %d" % pid),
            ("vtop", "vtop -u -c %d %x" % (pid, user)), ("v", "kmem -v"), ("k", "kmem %s" % app["task"][2:])]
    outs = session(kind, dump, cmds)
    if outs is None:
        continue
    t.check("CACHE" in outs["k"] and "task_struct" in outs["k"], f"{kind}: kmem TASK still finds its slab")
    t.eq(len(re.findall(r"^\s+[0-9a-f]+\s+[0-9a-f]+\s+[0-9a-f]+ - ", outs["v"], re.M)), len(truth["vmlist"]),
         f"{kind}: kmem -v untouched")
    listed = ps_tasks(outs["ps"])
    if kind == "task-list-cycle":
        m = re.match(r"task %s \(pid (\d+)\) tasks.next -> task %s \(pid (\d+)\)$" % (H, H), said)
        t.check(has_line(outs["ps"], "task list", "entry " + m.group(3), "cycle"),
                f"{kind}: ps names the task list and the repeated task {m.group(3)}\n{outs['ps'][-400:]}")
        # the app is the last leader: its link loops back, every task was read
        t.eq(listed, {x["task"][2:] for x in truth["tasks"]}, f"{kind}: ps lists every task read before the loop")
        # sys counts the tasks read: it says the list is damaged; a pid not
        # among them may be one the damage hid
        for cmd in ("sys", "vm 99999"):
            out, err, rc = K.run_one(dump, cmd, debuginfo=K.MMSCOPE, timeout=120)
            t.check(rc == 1 and has_line(out + err, "task list", "entry " + m.group(3), "cycle"),
                    f"{kind}: {cmd} fails and names the task list's cycle (status {rc})\n{(out + err)[-400:]}")
        t.check(re.search(r"^ +TASKS: %d$" % len(truth["tasks"]), K.run_one(dump, "sys", debuginfo=K.MMSCOPE, timeout=120)[0], re.M)
                is not None, f"{kind}: sys still counts every task")
        t.check(vm_rows(outs["vm"])[:len(vmas)] == [(v["vma"][2:], v["start"][2:], v["end"][2:]) for v in vmas],
                f"{kind}: vm {pid} still lists its VMAs")
        continue
    if kind == "task-mm":
        m = re.match(r"task %s \(pid (\d+)\) mm %s -> 0xffffe8ffdead0000$" % (H, H), said)
        t.check(has_line(outs["ps"], "task " + m.group(1), "mm ffffe8ffdead0000", "invalid kernel virtual address"),
                f"{kind}: ps names the task and its bad mm\n{outs['ps'][-400:]}")
        t.eq(listed, {x["task"][2:] for x in truth["tasks"]}, f"{kind}: ps still lists every task")
        for name in ("vm", "vmp", "vtop"):
            t.check("ffffe8ffdead" in outs[name] and ("invalid" in outs[name]),
                    f"{kind}: {name} names the bad mm\n{outs[name][-400:]}")
        continue
    t.eq(listed, {x["task"][2:] for x in truth["tasks"]}, f"{kind}: ps untouched")
    m = re.search(r"mm %s vm_area_struct %s" % (H, H), said)
    mm, bad = m.group(1), m.group(2)
    first = vmas[0]["vma"][2:]
    if kind == "vma-list-cycle":
        words = ("mm_struct " + mm, "entry " + bad, "back at the first entry " + first, "cycle")
    elif kind == "vma-order":
        # the first two swapped: the second is met first, then the first
        m = re.match(r"mm %s vm_area_struct %s (0x[0-9a-f]+)-(0x[0-9a-f]+) after" % (H, H), said)
        t.eq((m.group(2), m.group(3), m.group(4)), (first, vmas[0]["start"], vmas[0]["end"]),
             f"{kind}: gen moved the first VMA after the second")
        words = ("mm_struct " + mm, "vm_area_struct " + bad,
                 "%s-%s out of order" % (vmas[0]["start"][2:], vmas[0]["end"][2:]))
    else:
        words = ("mm_struct " + mm, "vm_area_struct " + bad, "out of order")
    for name in ("vm", "vmp", "vtop"):
        t.check(has_line(outs[name], *words), f"{kind}: {name} names {words}\n{outs[name][-500:]}")
    # vtop -u and kmem of an address in the first VMA walk the whole list:
    # each fails and names the damage; before the damage (all but
    # vma-order), the VMA is still shown and translated (no pages: not mapped)
    addr = vmas[0]["start"][2:]
    for cmd in ("vtop -u -c %d %s" % (pid, addr), "set %d\nkmem %s" % (pid, addr)):
        out, err, rc = K.run_one(dump, cmd, debuginfo=K.MMSCOPE, timeout=120)
        t.check(rc == 1 and has_line(out + err, *words),
                f"{kind}: {cmd!r} fails and names {words} (status {rc})\n{(out + err)[-500:]}")
        if kind != "vma-order" and vmas[0]["rss_anon"] + vmas[0]["rss_file"] == 0:
            t.check(("%s  (not mapped)" % addr) in out or ("%s: user virtual address not mapped" % addr) in out,
                    f"{kind}: {cmd!r} still says the first VMA's page is not mapped\n{out[-500:]}")
    # the VMAs before the damaged one are still shown as the truth has them
    before = {"vma-list-cycle": vmas[:2], "vma-order": vmas[1:2]}.get(kind, vmas[:1])
    want = [(v["vma"][2:], v["start"][2:], v["end"][2:]) for v in before]
    t.eq(vm_rows(outs["vm"]), want, f"{kind}: vm shows the VMAs before the damage")
t.done()
