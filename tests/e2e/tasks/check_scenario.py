#!/usr/bin/python3
"""ps, set, vm and log against the truth file, for one scenario (argv[1]).

The truth file is refmm's own account, computed from its structures in the
generating process (targets/refmm/truth_procs.c), never from the dump:
the task list with pid, parent, comm, state, CPU, whether it runs, its mm's
total_vm and rss_stat counters and its VMAs (file paths built by d_path);
the log's records as printk stored them, the number of lines they make and
the panic message.  mmscope reads the dump through DWARF; every figure is
compared, text and JSON.  Usage: check_scenario.py SCENARIO [NAME]: NAME
names the dump (WORK/NAME.vmcore, default SCENARIO) and KMEM_GEN_EXTRA
holds more gen options, as for tests/e2e/kmem/check_scenario.py (the
sweep, tests/e2e/sweep/sweep.py, runs it on other seeds and sizes)."""
import json
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import mstest as K  # noqa: E402


def hx(s):
    return int(s, 16) if isinstance(s, str) else s


def main():
    scenario = sys.argv[1]
    name = sys.argv[2] if len(sys.argv) > 2 else scenario
    t = K.Checker(f"tasks {name}")
    dump, truth = K.gen_cached(scenario, name=name, extra=os.environ.get("KMEM_GEN_EXTRA", "").split())
    truth_path = dump + ".truth.json"
    page_kb = truth["pagesize"] // 1024
    tasks = truth["tasks"]
    users = [x for x in tasks if not x["kthread"]]
    some = users[:3] + users[-2:] if users else []

    cmds = [("ps", "ps"), ("ps_k", "ps -k"), ("ps_u", "ps -u"), ("set", "set"), ("log", "log"),
            ("log_t", "log -t")]
    for x in some:
        cmds += [(f"vm_{x['pid']}_{x['task']}", f"vm {x['task']}"),
                 (f"vmp_{x['task']}", f"vm -p {x['task']}"),
                 (f"set_{x['task']}", f"set {x['task']}")]
    areas = truth["vmlist"]
    if areas:
        cmds += [("kmem_addr", "kmem %x" % (hx(areas[-1]["addr"]) + 1)), ("kmem_v_addr", "kmem -v %x" % hx(areas[0]["addr"]))]
    cmds += [("kmem_v", "kmem -v"), ("kmem_V", "kmem -V")]
    # vtop: a vmalloc address's page is the truth's first pfn of the area
    vt = [a for a in truth["vmlist"] if a.get("first_pfns")][:3]
    cmds += [(f"vtop_{i}", "vtop %x" % (hx(a["addr"]) + 0x123)) for i, a in enumerate(vt)]
    cmds += [("vtop_none", "vtop 1000")]
    # search: a VMA's vm_start is the first word of its vm_area_struct (4.0's layout)
    if users:
        sv = users[0]["vmas"][0]
        page_offset = hx(users[0]["pgd"]) - hx(users[0]["pgd_phys"])
        cmds += [("search_k", "search %x" % hx(sv["start"])), ("search_p", "search -p %x" % hx(sv["start"])),
                 ("search_m", "search -s %x -l 40 -m ffffffffffffffff 0" % hx(sv["vma"]))]
    cmds += [("kmem_p", "kmem -p")]
    # names of their own: the kmem tests share the dumps and the output directory
    cmds = [("tasks_" + n, c) for n, c in cmds]
    outs, log, rc = K.run_files(dump, cmds)
    outs = {n[6:]: o for n, o in outs.items()}
    jcmds = [("ps", "ps"), ("log", "log"), ("set", "set"), ("kmem_v", "kmem -v"), ("kmem_V", "kmem -V"),
             ("kmem_i", "kmem -i=shared")] + \
        [(f"vm_{x['task']}", f"vm {x['task']}") for x in some] + \
        [(f"vmp_{x['task']}", f"vm -p {x['task']}") for x in some[:2]]
    jouts, jlog, jrc = K.run_files(dump, [("tasks_json_" + n, c) for n, c in jcmds], json_mode=True)
    jouts = {n[11:]: o for n, o in jouts.items()}
    t.eq(rc, 0, f"batch exit status ({log[-500:]})")
    t.eq(jrc, 0, f"JSON batch exit status ({jlog[-500:]})")

    # ---- ps: JSON, every task in crash's order, every column ----
    # crash sorts its task table by pid, the idle tasks (all pid 0) by CPU
    # (task.c, sort_by_pid()): the truth's tasks sorted by that key (a stable
    # sort: a pid the truth has twice keeps the truth's order)
    bypid = sorted(tasks, key=lambda x: (x["pid"], x["cpu"] if x["pid"] == 0 else 0))
    ps = json.loads(jouts["ps"])["tasks"]
    t.eq(len(ps), len(tasks), "ps: number of tasks")
    t.eq([hx(x["task"]) for x in ps], [hx(x["task"]) for x in bypid], "ps: crash's order (pid, idle tasks by CPU)")
    for got, want in zip(ps, bypid):
        what = f"ps pid {want['pid']} task {want['task']}"
        t.eq(hx(got["task"]), hx(want["task"]), what + ": task")
        t.eq(got["pid"], want["pid"], what + ": pid")
        t.eq(got["ppid"], want["ppid"], what + ": ppid")
        t.eq(got["comm"], want["comm"], what + ": comm")
        t.eq(got["state"], want["state"], what + ": state")
        t.eq(got["cpu"], want["cpu"], what + ": cpu")
        t.eq(got["active"], want["on_cpu"], what + ": running on its CPU")
        t.eq(got["kthread"], want["kthread"], what + ": kernel thread")
        t.eq(got["vsz"], want["total_vm"] * page_kb, what + ": VSZ")
        if not want["kthread"]:
            # crash's RSS: the mm's counters (refmm folds the per-thread
            # deltas before the dump); refmm's own page-table count agrees
            t.eq(got["rss"], (want["rss_stat_file"] + want["rss_stat_anon"]) * page_kb, what + ": RSS")
            t.eq(got["rss"], want["rss"] * page_kb, what + ": RSS = present pages")
    # ---- ps text: columns, markers, brackets; the vendored checker too ----
    rows = [l for l in outs["ps"].splitlines()[1:] if l.strip()]
    t.eq(outs["ps"].splitlines()[0],
         "      PID    PPID  CPU       TASK        ST  %MEM      VSZ      RSS  COMM", "ps header")
    t.eq(len(rows), len(tasks), "ps text rows")
    for line, want in zip(rows, bypid):
        m = re.match(r"^([> ]) +(\d+) +(\d+) +(\d+) +([0-9a-f]+) +([A-Z?]{2}) +(\d+\.\d) +(\d+) +(\d+)  (.*)$", line)
        if not t.check(m, f"ps row parses: {line!r}"):
            continue
        t.eq(m.group(1) == ">", want["on_cpu"], f"ps '>' of pid {want['pid']}")
        t.eq((int(m.group(2)), int(m.group(3)), int(m.group(4)), int(m.group(5), 16), m.group(6)),
             (want["pid"], want["ppid"], want["cpu"], hx(want["task"]), want["state"]), f"ps row of {want['pid']}")
        comm = f"[{want['comm']}]" if want["kthread"] else want["comm"]
        t.eq(m.group(10), comm, f"ps COMM of {want['pid']}")
        pct = want["rss"] * 100.0 / truth["meminfo"]["totalram_pages"] if not want["kthread"] else 0
        t.check(abs(float(m.group(7)) - pct) <= 0.051, f"ps %MEM of {want['pid']}: {m.group(7)} vs {pct:.3f}")
    rcode, report = K.truthcheck("ps", truth_path, outs["ps"])
    t.check(rcode == 0, f"truthcheck ps: {report}")
    t.eq(len([l for l in outs["ps_k"].splitlines()[1:] if l.strip()]),
         len([x for x in tasks if x["kthread"]]), "ps -k: kernel threads")
    t.eq(len([l for l in outs["ps_u"].splitlines()[1:] if l.strip()]), len(users), "ps -u: user tasks")

    # ---- set: the context is the panic task (crashing_cpu's), else CPU 0's ----
    ctx = json.loads(jouts["set"])
    running = [x for x in tasks if x["on_cpu"]]
    panic = truth["log"]["panic"]
    want_ctx = None
    if panic:
        # the "CPU: N PID: M" line panic() prints after its message
        texts = [e["text"] for e in truth["log"]["entries"]]
        after = texts[[i for i, x in enumerate(texts) if x.startswith("Kernel panic")][-1]:]
        m = re.search(r"CPU: (\d+) PID: (\d+)", "\n".join(after))
        if m:
            want_ctx = [x for x in running if x["cpu"] == int(m.group(1))][0]
    if want_ctx is None:
        cands = [x for x in running if x["cpu"] == 0 and x["pid"] != 0] or [tasks[0]]
        want_ctx = cands[0]
    t.eq(hx(ctx["task"]), hx(want_ctx["task"]), "set: the initial context")
    t.eq(ctx["panic"], bool(panic and want_ctx["on_cpu"]), "set: (PANIC) marks the panic task")
    t.check(f"COMMAND: \"{want_ctx['comm']}\"" in outs["set"], "set: text shows the context's COMMAND")

    # ---- vm and set TASK for a few user tasks ----
    for x in some:
        what = f"vm pid {x['pid']}"
        j = json.loads(jouts[f"vm_{x['task']}"])["tasks"][0]
        t.eq(hx(j["mm"]), hx(x["mm"]), what + ": mm")
        t.eq(hx(j["pgd"]), hx(x["pgd"]), what + ": pgd")
        t.eq(j["total_vm"], x["total_vm"] * page_kb, what + ": TOTAL_VM")
        got = [(hx(v["vma"]), hx(v["start"]), hx(v["end"]), hx(v["flags"]), v["file"]) for v in j["vmas"]]
        want = [(hx(v["vma"]), hx(v["start"]), hx(v["end"]), hx(v["flags"]), v["file"]) for v in x["vmas"]]
        t.eq(got, want, what + ": VMAs (address, range, flags, file)")
        text = outs[f"vm_{x['pid']}_{x['task']}"].splitlines()
        t.check(text and text[0].startswith(f"PID: {x['pid']:<7}  TASK: {hx(x['task']):<16x}"), what + ": task header")
        t.eq(text[1:2], ["       MM               PGD          RSS    TOTAL_VM"], what + ": summary header")
        t.eq(text[3:4], ["      VMA           START       END     FLAGS FILE"], what + ": VMA header")
        t.eq(len(text) - 4, len(x["vmas"]), what + ": VMA lines")
        for line, v in zip(text[4:], x["vmas"]):
            f = line.split()
            t.eq([int(f[0], 16), int(f[1], 16), int(f[2], 16), int(f[3], 16), f[4] if len(f) > 4 else None],
                 [hx(v["vma"]), hx(v["start"]), hx(v["end"]), hx(v["flags"]), v["file"]], what + f": line {line!r}")
        st = outs[f"set_{x['task']}"]
        t.check(f"    PID: {x['pid']}\n" in st and f"   TASK: {hx(x['task']):x}" in st, f"set {x['task']}: context block")
        # vm -p: every page of every VMA once; the mapped ones' count is refmm's RSS walk
        pt = outs[f"vmp_{x['task']}"]
        mapped = len(re.findall(r"^[0-9a-f]+ +[0-9a-f]+$", pt, re.M))
        pages = sum((hx(v["end"]) - hx(v["start"])) // truth["pagesize"] for v in x["vmas"])
        listed = len(re.findall(r"^[0-9a-f]+  ", pt, re.M))
        t.eq(listed, pages, what + ": vm -p lists every page")
        walk = sum(v.get("rss_anon", 0) + v.get("rss_file", 0) + v.get("zero_pages", 0) for v in x["vmas"])
        t.eq(mapped, walk, what + ": vm -p mapped pages = refmm's present ptes")
    for x in some[:2]:
        j = json.loads(jouts[f"vmp_{x['task']}"])["tasks"][0]
        t.check(all(len(v["pages"]) == (hx(v["end"]) - hx(v["start"])) // truth["pagesize"] for v in j["vmas"]),
                f"vm -p pid {x['pid']} JSON: a row per page")

    # ---- kmem -v: every vmalloc area, its caller, the total; kmem ADDR; kmem -V ----
    kv = json.loads(jouts["kmem_v"])
    got = [(hx(a["vmap_area"]), hx(a["vm_struct"]), hx(a["vm_addr"]), hx(a["end"]), a["vm_size"], hx(a["caller"]),
            a["caller_symbol"]) for a in kv["areas"]]
    want = [(hx(a["vmap_area"]), hx(a["vm_struct"]), hx(a["addr"]), hx(a["end"]), a["size"], hx(a["caller"]),
             a["caller_symbol"]) for a in areas]
    bad = [(g, w) for g, w in zip(got, want) if g != w]
    t.check(len(got) == len(want) and not bad,
            f"kmem -v: the areas, their callers: {len(got)} vs {len(want)}, first difference {bad[:1]}")
    t.eq(kv["total_size"], truth["vmlist_total"], "kmem -v: total")
    t.eq(kv["total_size"], sum(a["size"] for a in areas), "kmem -v: total = the truth's sizes added")
    rows = outs["kmem_v"].splitlines()[1:]
    t.eq(len(rows), len(areas), "kmem -v text: a row per area")
    t.eq(sum(int(r.split()[-1]) for r in rows), truth["vmlist_total"], "kmem -v text: SIZE column adds up (awk)")
    if areas:
        a0, a1 = areas[0], areas[-1]
        t.check(re.search(r"^ *%x +%x +%x - %x +%d$" % (hx(a0["vmap_area"]), hx(a0["vm_struct"]), hx(a0["addr"]),
                                                       hx(a0["end"]), a0["size"]), outs["kmem_v_addr"], re.M),
                "kmem -v ADDR: the area's row")
        t.check("CALLER: %x (%s)" % (hx(a1["caller"]), a1["caller_symbol"]) in outs["kmem_addr"],
                "kmem ADDR in a vmalloc area: its caller " + outs["kmem_addr"][:300])
    vs = json.loads(jouts["kmem_V"])["vm_stat"]
    # by index: the truth names them as /proc/vmstat (vmstat_text), kmem -V as the enum does
    t.eq(list(vs.values()), list(truth["vm_stat"].values()), "kmem -V: every vm_stat counter")
    t.check(outs["kmem_V"].startswith("  VM_STAT:\n"), "kmem -V text: section")

    # ---- vtop: kernel (vmalloc) addresses against the truth's pfns; user ones against vm -p ----
    for i, a in enumerate(vt):
        o = outs[f"vtop_{i}"]
        want = a["first_pfns"][0] * truth["pagesize"] + 0x123
        t.check(re.match(r"VIRTUAL +PHYSICAL *\n%x +%x *\n\nPGD DIRECTORY: [0-9a-f]+\nPAGE DIRECTORY: [0-9a-f]+\n"
                         r"   PUD: [0-9a-f]+ => [0-9a-f]+\n   PMD: [0-9a-f]+ => [0-9a-f]+\n   PTE: [0-9a-f]+ => [0-9a-f]+\n"
                         r"  PAGE: %x\n" % (hx(a["addr"]) + 0x123, want, want & ~0xfff), o),
                f"vtop of vmalloc area {a['addr']}: the truth's pfn through every level:\n{o[:600]}")
        t.check(re.search(r"^ +PAGE +PHYSICAL +MAPPING", o, re.M), "vtop: the page's struct page")
    t.check("(not mapped)" in outs["vtop_none"], "vtop of an unmapped address: (not mapped)")
    for x in some[:2]:
        j = json.loads(jouts[f"vmp_{x['task']}"])["tasks"][0]
        mapped = [p for v in j["vmas"] for p in v["pages"] if "paddr" in p][:1]
        if mapped:
            cmds2 = [("vtop_u", "set %x" % hx(x["task"])), ("vtop_u2", "vtop -u %x" % (hx(mapped[0]["vaddr"]) + 8))]
            o2, _, _ = K.run_files(dump, [("tasks_" + n, c) for n, c in cmds2])
            t.check(re.match(r"VIRTUAL +PHYSICAL *\n%x +%x *\n" % (hx(mapped[0]["vaddr"]) + 8, hx(mapped[0]["paddr"]) + 8),
                             o2["tasks_vtop_u2"]), f"vtop -u in pid {x['pid']}: the page vm -p shows")
            t.check("      VMA           START       END     FLAGS FILE\n" in o2["tasks_vtop_u2"], "vtop -u: the VMA")

    # ---- search ----
    if users:
        t.check(re.search(r"^%x: %x $" % (hx(sv["vma"]), hx(sv["start"])), outs["search_k"], re.M),
                f"search -k: the vm_area_struct holding vm_start {sv['start']}")
        t.check(re.search(r"^%x: %x $" % (hx(sv["vma"]) - page_offset, hx(sv["start"])), outs["search_p"], re.M),
                "search -p: its physical address")
        t.eq([int(l.split(":")[0], 16) for l in outs["search_m"].splitlines()],
             [hx(sv["vma"]) + 8 * i for i in range(8)], "search -s -l -m: every word of the range, once")

    # ---- kmem -i: BUFFERS, CACHED, SHARED and the LRU as crash computes them ----
    ki = json.loads(jouts["kmem_i"])
    mi = truth["meminfo"]
    t.eq(ki["buffers"]["pages"], mi["buffers"], "kmem -i BUFFERS = nr_blockdev_pages()")
    # refmm has no swap cache (total_swap_pages 0): CACHED = file pages - buffers
    if mi["total_swap_pages"] == 0:
        t.eq(ki["cached"]["pages"], max(mi["file_pages"] - mi["buffers"], 0), "kmem -i CACHED")
    # crash's SHARED: pages with page_count > 1, PG_reserved ones left out
    reserved_shared = sum(1 for l in outs["kmem_p"].splitlines()[1:]
                          if re.search(r"\breserved\b", l) and int(l.split()[4]) > 1)
    t.eq(ki["shared"]["pages"], mi["pages_count_gt1"] - reserved_shared, "kmem -i=shared SHARED")
    for k in ("inactive_anon", "active_anon", "inactive_file", "active_file", "unevictable"):
        t.eq(ki["lru"][k], sum(z[k] for z in truth["lru"]), f"kmem -i lru {k} = the lists walked")

    # ---- kmem ADDR: a task's page directory, a user address of the context ----
    if users:
        x = users[-1]
        v = x["vmas"][0]
        o3, _, _ = K.run_files(dump, [("tasks_kpgd", "kmem -P %x" % hx(x["pgd_phys"])), ("tasks_kset", "set %x" % hx(x["task"])),
                                ("tasks_kuser", "kmem %x" % (hx(v["start"]) + 0x10))])
        t.check(re.search(r"^%x: PGD table of mm %x " % (hx(x["pgd_phys"]), hx(x["mm"])), o3["tasks_kpgd"], re.M),
                "kmem -P on a page directory: the mm it belongs to\n" + o3["tasks_kpgd"][:300])
        t.check(re.search(r"^ *%x +%x +%x +%x %s$" % (hx(v["vma"]), hx(v["start"]), hx(v["end"]), hx(v["flags"]),
                                                      re.escape(v["file"] or "")), o3["tasks_kuser"], re.M),
                "kmem USER-ADDRESS: the context's VMA holding it\n" + o3["tasks_kuser"][:300])

    # ---- log: every record, text and lines, the panic message ----
    lg = truth["log"]
    recs = [json.loads(l) for l in jouts["log"].splitlines()[1:] if l.strip()]
    t.eq(len(recs), lg["records"], "log: records")
    t.eq([(r["seq"], r["ts_nsec"], r["level"], r["text"]) for r in recs],
         [(e["seq"], e["ts_nsec"], e["level"], e["text"]) for e in lg["entries"]], "log: every record as printk stored it")
    t.eq(len(outs["log"].splitlines()), lg["lines"], "log text: lines")
    t.eq(len(outs["log_t"].splitlines()), lg["lines"], "log -t: lines")
    first = lg["entries"][0] if lg["entries"] else None
    if first:
        ts = first["ts_nsec"]
        want = "[%5d.%06d] %s" % (ts // 10**9, ts % 10**9 // 1000, first["text"].split("\n")[0])
        t.eq(outs["log"].splitlines()[0], want, "log: the first line")
    if lg["panic"]:
        t.check(any(l.endswith(lg["panic"].split("\n")[0]) for l in outs["log"].splitlines()), "log: the panic message")
    t.done()


if __name__ == "__main__":
    main()
