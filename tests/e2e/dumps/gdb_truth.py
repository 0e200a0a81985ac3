#!/usr/bin/python3
"""gdb, an independent reader, reads zone free counts from refmm ELF dumps
equal to the truth file: NR_FREE_PAGES and every free_area[order].nr_free
of every zone, the panic message, and the utsname.  Usage: gdb_truth.py"""
import json, os, re, shutil, subprocess, sys, tempfile

top_builddir = os.environ.get("top_builddir", ".")
mmscope = os.path.join(top_builddir, "mmscope")
failed = passed = 0


def check(cond, what):
    global failed, passed
    if cond:
        passed += 1
    else:
        failed += 1
        print("FAIL:", what)


def gdb(exe, core, exprs):
    cmd = ["gdb", "-nx", "-batch", exe, core]
    for e in exprs:
        cmd += ["-ex", "p " + e]
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=600).stdout
    vals = [l.split("=", 1)[1].strip() for l in out.splitlines() if re.match(r"^\$\d+ = ", l)]
    if len(vals) != len(exprs):
        print(out[-3000:])
        raise SystemExit("gdb printed %d values for %d expressions" % (len(vals), len(exprs)))
    return vals


def run(scenario, tmp):
    dump = os.path.join(tmp, scenario + ".vmcore")
    subprocess.run([mmscope, "gen", "--quiet", "--scenario", scenario, "-o", dump], check=True)
    truth = json.load(open(dump + ".truth.json"))
    exprs, want = [], []
    for node in truth["nodes"]:
        for zi, z in enumerate(node["zones"]):
            zx = "node_data[%d]->node_zones[%d]" % (node["id"], zi)
            exprs.append(zx + ".name"); want.append(("name", z["name"]))
            exprs.append(zx + ".vm_stat[NR_FREE_PAGES].counter"); want.append(("int", z["free_pages"]))
            exprs.append(zx + ".managed_pages"); want.append(("int", z["managed_pages"]))
            exprs.append(zx + ".watermark[WMARK_MIN]"); want.append(("int", z["watermark"]["min"]))
            for fa in z["free_area"]:
                exprs.append("%s.free_area[%d].nr_free" % (zx, fa["order"]))
                want.append(("int", fa["nr_free"]))
    exprs.append("init_uts_ns.name.release"); want.append(("str", truth["release"]))
    exprs.append("init_uts_ns.name.sysname"); want.append(("str", "Linux"))
    if truth.get("panic"):
        exprs.append("refmm_panic_msg"); want.append(("str", truth["panic"]["message"]))
    got = gdb(mmscope, dump, exprs)
    for e, (kind, w), g in zip(exprs, want, got):
        if kind == "int":
            check(g == str(w), "%s %s: gdb %s, truth %s" % (scenario, e, g, w))
        elif kind == "name":
            check(('"%s"' % w) in g, "%s %s: gdb %s, truth %s" % (scenario, e, g, w))
        else:
            check(g.startswith('"%s' % w), "%s %s: gdb %s, truth %r" % (scenario, e, g, w))
    total = sum(z["free_pages"] for n in truth["nodes"] for z in n["zones"])
    check(total == truth["nr_free_pages"], "%s: nr_free_pages %d != sum of zones %d"
          % (scenario, truth["nr_free_pages"], total))
    print("%s: %d values compared" % (scenario, len(exprs)))


def main():
    if not shutil.which("gdb"):
        print("SKIP: gdb not installed (apt-get install gdb)")
        return 77
    tmp = tempfile.mkdtemp(prefix="gdb_truth.")
    try:
        for s in ("tiny", "numa"):
            run(s, tmp)
    finally:
        shutil.rmtree(tmp)
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


sys.exit(main())
