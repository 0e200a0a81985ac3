#!/usr/bin/python3
"""refmm's "corrupt" steps on the vmalloc areas, the task list and a task's
VMAs.  gen applies the damage after the truth file and before the dump and
says on stderr what it damaged and where: that is the oracle for the
message, the truth file (the machine before the damage) for what must
still be right.  For each damage, kmem -v, kmem -V, ps, vm, vm -p, vtop -u
and kmem ADDR all complete (no crash, no hang), the ones that touch the
damage name the structure and its address, the batch status is 1, nothing
says "(verified)", and what the damage does not touch is listed as the
truth has it."""
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


def gen(kind, step):
    scn = os.path.join(K.tmpdir(), f"corrupt-{kind}.scn")
    dump = os.path.join(K.tmpdir(), f"corrupt-{kind}.vmcore")
    with open(scn, "w") as f:
        f.write(SCN.format(step=step))
    r = subprocess.run([K.MMSCOPE, "gen", "-q", "-s", scn, "-o", dump], capture_output=True, text=True,
                       timeout=300)
    if not t.check(r.returncode == 0, f"{kind}: gen succeeds: {r.stderr}"):
        return None, None, None
    m = re.search(r"^gen: corrupt %s: (.*)$" % kind, r.stderr, re.M)
    if not t.check(m is not None, f"{kind}: gen says what it damaged: {r.stderr!r}"):
        return None, None, None
    with open(dump + ".truth.json") as f:
        return dump, json.load(f), m.group(1)


def has_line(text, *words):
    return any(all(w in l for w in words) for l in text.splitlines())


def session(kind, dump, cmds):
    try:
        outs, log, rc = K.run_files(dump, cmds, debuginfo=K.MMSCOPE, timeout=300)
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
    t.check(has_line(outs["v"], "vmap_area " + va, "vm_struct " + vm, msg),
            f"{kind}: kmem -v names vmap_area {va}, vm_struct {vm} and '{msg}'\n{outs['v'][:600]}")
    t.eq(listed, [a["vmap_area"][2:] for a in areas], f"{kind}: kmem -v still lists every area")
    t.check(has_line(outs["k"], "vm_struct " + vm, msg) and va in outs["k"],
            f"{kind}: kmem ADDR shows the area and its damage\n{outs['k'][:600]}")

# --- tasks and VMAs -------------------------------------------------------
for kind in ("task-list-cycle", "task-mm", "vma-list-cycle", "vma-range", "vma-overlap"):
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
    else:
        words = ("mm_struct " + mm, "vm_area_struct " + bad, "out of order")
    for name in ("vm", "vmp", "vtop"):
        t.check(has_line(outs[name], *words), f"{kind}: {name} names {words}\n{outs[name][-500:]}")
    # the VMAs before the damaged one are still shown as the truth has them
    want = [(v["vma"][2:], v["start"][2:], v["end"][2:]) for v in vmas[:2 if kind == "vma-list-cycle" else 1]]
    t.eq(vm_rows(outs["vm"]), want, f"{kind}: vm shows the VMAs before the damage")
t.done()
