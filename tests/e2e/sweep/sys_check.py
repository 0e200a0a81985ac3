#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""sys against the truth file, text and --json, for one scenario.

Every field the truth holds, computed here from it by crash's rules
(crash-spec §1.3): CPUS the machine's cpus, DATE the crash time through
strftime("%a %b %e %T %Z %Y") in UTC, RELEASE the utsname release, MEMORY
the RAM ranges added up (rounded up to the next GiB within 64 MiB of it,
"%.1f GB" / "%.1f MB" with a ".0" dropped), PANIC the panic message
(refmm_panic_msg, as crash reads a kernel's panic message variable; else
the log's line by crash's patterns) quoted, "" without one, DUMPFILE the
path followed by "  [PARTIAL DUMP]" for a kdump file of dump level above 0
(crash's is_partial_diskdump()).  Usage: sys_check.py SCENARIO [NAME] (NAME and
KMEM_GEN_EXTRA as for tests/e2e/kmem/check_scenario.py)."""
import json
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import mstest as K  # noqa: E402


def memory_text(nbytes):
    """crash's get_memory_size(): rounded up to the next GiB when within
    64 MiB of it (whatever the size), then pages_to_size(): "%.1f GB",
    "%.1f MB" or "%ld KB", a ".0" dropped."""
    gib, mib = 1 << 30, 1 << 20
    up = -(-nbytes // gib) * gib
    if up and up - nbytes <= 64 * mib:
        nbytes = up
    if nbytes >= gib:
        s = "%.1f GB" % (nbytes / gib)
    elif nbytes >= mib:
        s = "%.1f MB" % (nbytes / mib)
    else:
        return "%d KB" % (nbytes >> 10)
    return s.replace(".0 ", " ")


# crash's panic_msg[], in its order: the first found on any line of the log
PANIC_PATTERNS = ["SysRq : Crash", "SysRq : Trigger a crash", "SysRq : Netdump", "Kernel panic: ",
                  "Kernel panic - ", "Kernel BUG at", "kernel BUG at", "Unable to handle kernel paging request",
                  "Unable to handle kernel NULL pointer dereference", "BUG: unable to handle kernel ",
                  "general protection fault: ", "double fault: ", "divide error: ", "stack segment: ",
                  "[Hardware Error]: ", "Bad mode in ", "Oops: "]


def panic_line(truth):
    """The log line crash calls the panic message, from the truth's records."""
    lines = [l for e in truth["log"]["entries"] for l in e["text"].split("\n")]
    for pat in PANIC_PATTERNS:
        for l in lines:
            if pat in l:
                return l
    return ""


def main():
    scenario = sys.argv[1]
    name = sys.argv[2] if len(sys.argv) > 2 else scenario
    t = K.Checker(f"sys {name}")
    dump, truth = K.gen_cached(scenario, name=name, extra=os.environ.get("KMEM_GEN_EXTRA", "").split())
    env = {"TZ": "UTC"}
    outs, log, rc = K.run_files(dump, [("sweep_sys", "sys")], env=env)
    jouts, jlog, jrc = K.run_files(dump, [("sweep_sys_json", "sys")], json_mode=True, env=env)
    t.eq((rc, jrc), (0, 0), f"exit status of the sessions ({log[-300:]!r} {jlog[-300:]!r})")
    ram = sum(int(r["end"], 16) - int(r["start"], 16) for r in truth["ram_ranges"])
    present = sum(z["present_pages"] for n in truth["nodes"] for z in n["zones"]) * truth["pagesize"]
    t.eq(present, ram, "truth: the zones' present pages are the RAM ranges")
    date = time.strftime("%a %b %e %T UTC %Y", time.gmtime(truth["crashtime"]))
    # mmscope reads refmm's refmm_panic_msg as crash reads a kernel's
    # panic message variable (tt->panicmsg); without one, the log's line
    panic = truth["panic"]["message"].split("\n")[0] if truth["panic"] else panic_line(truth)
    want = {"CPUS": str(truth["nr_cpus"]), "DATE": date, "RELEASE": truth["release"],
            "MEMORY": memory_text(ram), "PANIC": '"%s"' % panic}
    got = {}
    for line in outs["sweep_sys"].splitlines():
        label, sep, value = line.partition(": ")
        if sep and len(label) == 12:
            got[label.strip()] = value
    for k, v in want.items():
        t.eq(got.get(k), v, f"sys {k}")
    # DUMPFILE: crash's is_partial_diskdump() marks a compressed kdump file
    # whose dump level is above 0 "  [PARTIAL DUMP]"; an ELF dump never
    level = truth["dump_level"] if truth["dump_format"] == "kdump" else None
    t.eq(got.get("DUMPFILE", "").rpartition("/")[2],
         os.path.basename(dump) + ("  [PARTIAL DUMP]" if level else ""),
         f"sys DUMPFILE ({truth['dump_format']}, dump level {truth['dump_level']})")
    try:
        j = json.loads(jouts["sweep_sys_json"])
        t.eq((j["cpus"], j["date"], j["release"], j["memory"], j["memory_bytes"], j["crash_time"]),
             (truth["nr_cpus"], date, truth["release"], want["MEMORY"], ram, truth["crashtime"]), "sys --json")
        t.eq((os.path.basename(j["dumpfile"]), j["dump_level"]), (os.path.basename(dump), level),
             "sys --json: dumpfile the path alone, dump_level the truth's (null for ELF)")
        # refmm boots every CPU it is given and never stops one (no cpumasks)
        t.eq(j["cpus_offline"], 0, "sys --json: no CPU offline")
    except (ValueError, KeyError) as e:
        t.check(False, f"sys --json: {e}: {jouts['sweep_sys_json'][:300]!r}")
    t.done()


if __name__ == "__main__":
    main()
