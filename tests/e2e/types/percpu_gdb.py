#!/usr/bin/python3
"""Per-CPU variables: "p SYMBOL", "p SYMBOL:cpuspec" and "struct NAME
SYMBOL:cpuspec" on refmm's static per-CPU area (DEFINE_PER_CPU: cpu_number,
this_cpu_off, current_task, runqueues), text and JSON, against
independent oracles:
  - nm(1): the variable's offset in the per-CPU area (its symbol value);
  - gdb on the same core: __per_cpu_offset[cpu], and what it prints at
    offset + __per_cpu_offset[cpu] (gdb itself cannot take &runqueues: the
    section is not loaded, so the address is computed from nm's value);
  - the kernel's rules: per_cpu(cpu_number, c) == c, per_cpu(this_cpu_off,
    c) == __per_cpu_offset[c], per_cpu(runqueues, c).cpu == c.
crash's forms (crash-spec 2.9, 2.10): "PER-CPU DATA TYPE:" / "PER-CPU
ADDRESSES:" without a cpuspec, "per_cpu(NAME, CPU) = $N = VALUE" with one,
"[CPU]: ADDR" before each structure, and "WARNING: X is not percpu; cpuspec
ignored." for any other symbol.  Exit 77 (skip) without gdb."""
import json
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import mstest  # noqa: E402
from mstest import check, check_eq  # noqa: E402

CHARSET = "set charset ASCII"
VARS = ("cpu_number", "this_cpu_off", "current_task", "runqueues")


def strip_history(text):
    """'per_cpu(X, 1) = $3 = value', 'X = $3 = value' or '$3 = value' -> 'value'."""
    return re.sub(r"^(?:per_cpu\([^)]*\) = |\S+ = )?\$\d+ = ", "", text, count=1)


def whatis(name):
    """gdb's whatis on the debuginfo alone (with the core gdb does not see
    variables of a section that is not loaded)."""
    out = subprocess.run(["gdb", "-nx", "-batch", "-ex", "whatis " + name, mstest.MMSCOPE],
                         capture_output=True, text=True).stdout
    m = re.search(r"^type = (.*)$", out, re.M)
    return m.group(1) if m else None


def main(tmp):
    dump = mstest.gen(os.path.join(tmp, "t.vmcore"), "tiny")
    with open(dump + ".truth.json") as f:
        ncpus = json.load(f)["nr_cpus"]
    check(ncpus >= 2, "the tiny dump has two CPUs or more (%d)" % ncpus)
    nm = subprocess.run(["nm", mstest.MMSCOPE], capture_output=True, text=True).stdout
    sym = {}
    for v in VARS:
        m = re.search(r"^([0-9a-f]+) \w %s$" % v, nm, re.M)
        check(m is not None, "nm lists " + v)
        sym[v] = int(m.group(1), 16)
    offs = [int(x, 16) for x in mstest.gdb_print(dump, ["/x __per_cpu_offset[%d]" % c
                                                        for c in range(ncpus)])]
    # (gdb drops cpu_number: a DWARF location of address 0 reads as none to it)
    decl = {v: whatis(v) for v in ("this_cpu_off", "runqueues")}
    cpus = range(ncpus)

    # ---- without a cpuspec: the type and every CPU's address
    out = mstest.batch(dump, ["p this_cpu_off", "p runqueues"])
    for v, o in zip(("this_cpu_off", "runqueues"), out):
        want = "PER-CPU DATA TYPE:\n  %s %s;\nPER-CPU ADDRESSES:\n" % (decl[v], v)
        want += "".join("  [%d]: %x\n" % (c, sym[v] + offs[c]) for c in cpus)
        check_eq(o, want, "p " + v)

    # ---- :a, a list, and "" (CPU 0): per_cpu(NAME, CPU) = $N = VALUE
    out = mstest.batch(dump, ["p cpu_number:a", "p this_cpu_off:a", "p -x this_cpu_off:1",
                              "p cpu_number:", "p current_task:%d" % (ncpus - 1)])
    check_eq(out[0], "".join("per_cpu(cpu_number, %d) = $%d = %d\n" % (c, c + 1, c) for c in cpus),
             "p cpu_number:a (per_cpu(cpu_number, c) == c)")
    check_eq(out[1], "".join("per_cpu(this_cpu_off, %d) = $%d = %d\n" % (c, ncpus + c + 1, offs[c])
                             for c in cpus),
             "p this_cpu_off:a (== __per_cpu_offset[c])")
    check_eq(out[2], "per_cpu(this_cpu_off, 1) = $%d = 0x%x\n" % (2 * ncpus + 1, offs[1]),
             "p -x this_cpu_off:1")
    ctx = int(re.search(r"^ +CPU: (\d+)$", mstest.batch(dump, ["set"])[0], re.M).group(1))
    check_eq(out[3], "per_cpu(cpu_number, %d) = $%d = %d\n" % (ctx, 2 * ncpus + 2, ctx),
             "p cpu_number: (the context's CPU, %d)" % ctx)
    c = ncpus - 1
    g = mstest.gdb(dump, ["p *(struct task_struct **)0x%x" % (sym["current_task"] + offs[c])],
                   settings=(CHARSET,))[0]
    check_eq(strip_history(out[4]), strip_history(g), "p current_task:%d against gdb" % c)
    check(out[4].startswith("per_cpu(current_task, %d) = $" % c), "p current_task: leader", out[4])

    # ---- a structure, against gdb at the same address
    rq = ["p runqueues:%d" % c for c in cpus]
    mine = mstest.batch(dump, rq)
    theirs = mstest.gdb(dump, ["p *(struct rq *)0x%x" % (sym["runqueues"] + offs[c]) for c in cpus],
                        settings=("set print pretty on", "set width 0", CHARSET))
    for c in cpus:
        check(mine[c].startswith("per_cpu(runqueues, %d) = $%d = {\n" % (c, c + 1)), rq[c] + ": leader",
              mine[c])
        check_eq(strip_history(mine[c]), strip_history(theirs[c]), rq[c] + " against gdb")
        check(re.search(r"^  cpu = %d,$" % c, mine[c], re.M), rq[c] + ": its cpu member is %d" % c)

    # ---- struct NAME SYMBOL:cpuspec: "[CPU]: ADDR" and the structure there
    mine = mstest.batch(dump, ["struct rq runqueues:a", "struct rq.cpu runqueues:1"])
    want = ""
    for c in cpus:
        want += "[%d]: %x\nstruct rq %s" % (c, sym["runqueues"] + offs[c], strip_history(theirs[c]))
    check_eq(mine[0], want, "struct rq runqueues:a")
    check_eq(mine[1], "[1]: %x\n  cpu = 1,\n" % (sym["runqueues"] + offs[1]), "struct rq.cpu runqueues:1")

    # ---- not a per-CPU symbol: crash's warning, the cpuspec ignored
    out = mstest.batch(dump, ["p max_pfn:1", "p max_pfn", "struct list_head.next max_pfn:1",
                              "struct list_head.next max_pfn",
                              "struct task_struct.pid current_task:0"])
    check(out[0].startswith("WARNING: max_pfn is not percpu; cpuspec ignored.\nmax_pfn = $1 = "),
          "p max_pfn:1 warns", out[0])
    check_eq(strip_history(out[0].split("\n", 1)[1]), strip_history(out[1]), "p max_pfn:1 is p max_pfn")
    check_eq(out[2], "WARNING: max_pfn is not percpu; cpuspec ignored.\n" + out[3],
             "struct ... max_pfn:1 warns and ignores the cpuspec")
    check(out[4].startswith('WARNING: percpu symbol "current_task" is of type pointer\n[0]: %x\n'
                            % (sym["current_task"] + offs[0])), "struct on a per-CPU pointer warns", out[4])

    # ---- "" is the current context's CPU (crash: CURRENT_CONTEXT()->processor),
    # which "set -c N" moves; by the kernel's rule cpu_number is the CPU's id
    big = mstest.gen(os.path.join(tmp, "d.vmcore"), "default")
    with open(big + ".truth.json") as f:
        bcpus = json.load(f)["nr_cpus"]
    check(bcpus >= 3, "the default dump has three CPUs or more (%d)" % bcpus)
    boffs = [int(x, 16) for x in mstest.gdb_print(big, ["/x __per_cpu_offset[%d]" % c
                                                       for c in range(bcpus)])]
    cmds = []
    for c in range(bcpus):
        cmds += ["set -c %d" % c, "p cpu_number:", "struct rq.cpu runqueues:",
                 "ptov %x:" % sym["runqueues"]]
    out = mstest.batch(big, cmds)
    for c in range(bcpus):
        o = out[4 * c:4 * c + 4]
        check(re.search(r"^ +CPU: %d$" % c, o[0], re.M), "set -c %d" % c, o[0])
        check_eq(o[1], "per_cpu(cpu_number, %d) = $%d = %d\n" % (c, c + 1, c),
                 "after set -c %d: p cpu_number:" % c)
        check_eq(o[2], "[%d]: %x\n  cpu = %d,\n" % (c, sym["runqueues"] + boffs[c], c),
                 "after set -c %d: struct rq.cpu runqueues:" % c)
        check(re.search(r"^ +\[%d\] +%x$" % (c, sym["runqueues"] + boffs[c]), o[3], re.M)
              and len(o[3].splitlines()) == 3, "after set -c %d: ptov OFFSET:" % c, o[3])

    # ---- bad cpuspecs fail with the reason
    out, rc = mstest.batch_rc(dump, ["p cpu_number:%d" % ncpus, "p cpu_number:x"])
    check_eq(out[0], "p: invalid cpu number: %d\n" % ncpus, "p cpu_number:NCPUS")
    check_eq(out[1], "p: invalid cpu specification: x\n", "p cpu_number:x")
    check(rc != 0, "failed commands: non-zero exit status")

    # ---- JSON: the same values
    js = mstest.run_one(dump, "p cpu_number", json_mode=True)[0]
    j = json.loads(js)
    check_eq((j["schema"], j["symbol"], j["declaration"]), (1, "cpu_number", "int cpu_number"),
             "json p cpu_number: symbol and declaration")
    check_eq([(x["cpu"], int(x["address"], 16)) for x in j["cpus"]],
             [(c, sym["cpu_number"] + offs[c]) for c in cpus], "json p cpu_number: addresses")
    js = mstest.run_one(dump, "p this_cpu_off:a", json_mode=True)[0]
    j = json.loads(js)
    check_eq([(x["name"], x["cpu"], x["type"], int(x["address"], 16), x["value"]) for x in j["values"]],
             [("per_cpu(this_cpu_off, %d)" % c, c, "unsigned long", sym["this_cpu_off"] + offs[c], offs[c])
              for c in cpus], "json p this_cpu_off:a")
    js = mstest.run_one(dump, "p current_task:0", json_mode=True)[0]
    j = json.loads(js)
    g = mstest.gdb_print(dump, ["/x *(unsigned long *)0x%x" % (sym["current_task"] + offs[0])])[0]
    check_eq(j["values"][0]["value"], g, "json p current_task:0: the pointer as a 0x string (gdb)")
    js, err, rc = mstest.run_one(dump, "p max_pfn:1", json_mode=True)
    j = json.loads(js)
    check_eq((j["values"][0]["name"], j["values"][0]["value"]),
             ("max_pfn", int(mstest.gdb_print(dump, ["max_pfn"])[0])), "json p max_pfn:1 (gdb's value)")
    check_eq(json.loads(err.splitlines()[0])["warning"]["message"],
             "max_pfn is not percpu; cpuspec ignored.", "json: the warning on stderr")


if __name__ == "__main__":
    sys.exit(mstest.main(main, prefix="percpu_gdb.", no_gdb="SKIP: gdb not installed"))
