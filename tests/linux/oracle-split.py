#!/usr/bin/python3
"""oracle-split.py CONSOLE-LOG OUTDIR - the guest's own view, as files.

The guest's /init (tests/linux/init) prints blocks between
"MMSCOPE-ORACLE-BEGIN NAME" and "MMSCOPE-ORACLE-END NAME" lines on its
serial console, then "MMSCOPE-ORACLE-DONE".  This writes them under OUTDIR:
    NAME.txt         each block as printed (meminfo.txt, buddyinfo.txt, ...)
    maps/PID         /proc/PID/maps of every process (empty for kthreads)
    stat.txt         "TGID <the thread's /proc stat line>", one per thread
    ps.txt           one thread a line: PID TGID PPID STATE KTHREAD COMM
                     (KTHREAD is 1 for PF_KTHREAD)
It fails, naming the line, on anything it cannot split exactly: a block
left open or closed twice, text between blocks that is not the kernel's
own, a block given twice, no DONE line.
"""
import os
import re
import sys

BEGIN = "MMSCOPE-ORACLE-BEGIN "
END = "MMSCOPE-ORACLE-END "
DONE = "MMSCOPE-ORACLE-DONE"
PF_KTHREAD = 0x00200000


def fail(msg):
    sys.exit(f"oracle-split: {msg}")


def split(path):
    blocks = {}
    name = None
    done = False
    with open(path, "rb") as f:
        text = f.read().decode("utf-8", "replace")
    for no, line in enumerate(text.split("\n"), 1):
        line = line.rstrip("\r")
        if line.startswith(BEGIN):
            if name is not None:
                fail(f"{path}:{no}: '{line}' inside block '{name}'")
            name = line[len(BEGIN):]
            if name in blocks:
                fail(f"{path}:{no}: block '{name}' given twice")
            blocks[name] = []
        elif line.startswith(END):
            if line[len(END):] != name:
                fail(f"{path}:{no}: '{line}' does not close block '{name}'")
            name = None
        elif line == DONE:
            if name is not None:
                fail(f"{path}:{no}: {DONE} inside block '{name}'")
            done = True
        elif name is not None:
            blocks[name].append(line)
    if name is not None:
        fail(f"{path}: block '{name}' never closed")
    if not done:
        fail(f"{path}: no {DONE} line: the guest never finished its oracle")
    return blocks


def parse_stat(tgid, line):
    """(pid, tgid, ppid, state, flags, comm) of one /proc/PID/stat line."""
    m = re.fullmatch(r"(\d+) \((.*)\) (\S) (-?\d+) (.*)", line)
    if not m:
        fail(f"cannot parse stat line '{line}'")
    rest = m.group(5).split()
    # fields after ppid: pgrp session tty_nr tpgid flags ...
    flags = int(rest[4])
    return int(m.group(1)), tgid, int(m.group(4)), m.group(3), flags, m.group(2)


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    blocks = split(sys.argv[1])
    out = sys.argv[2]
    os.makedirs(os.path.join(out, "maps"), exist_ok=True)
    for name, lines in blocks.items():
        body = "".join(l + "\n" for l in lines)
        if name.startswith("maps "):
            pid = name[5:]
            if not pid.isdigit():
                fail(f"bad maps block name '{name}'")
            dest = os.path.join(out, "maps", pid)
        else:
            if not re.fullmatch(r"[a-z0-9_-]+", name):
                fail(f"bad block name '{name}'")
            dest = os.path.join(out, name + ".txt")
        with open(dest, "w") as f:
            f.write(body)
    if "stat" not in blocks:
        fail("no stat block")
    ps = []
    for line in blocks["stat"]:
        tgid, _, stat = line.partition(" ")
        ps.append(parse_stat(int(tgid), stat))
    ps.sort()
    tgids = {p[1] for p in ps}
    missing = sorted(t for t in tgids if not os.path.exists(
        os.path.join(out, "maps", str(t))))
    if missing:
        fail(f"no maps block for process(es) {missing}")
    with open(os.path.join(out, "ps.txt"), "w") as f:
        f.write("# PID TGID PPID STATE KTHREAD COMM\n")
        for pid, tgid, ppid, state, flags, comm in ps:
            kthread = 1 if flags & PF_KTHREAD else 0
            f.write(f"{pid} {tgid} {ppid} {state} {kthread} {comm}\n")


if __name__ == "__main__":
    main()
