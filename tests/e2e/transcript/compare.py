#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""compare.py BEFORE AFTER: compare two directories written by run.sh.

Each SCENARIO.txt is cut at the echoed command lines ("mmscope> LINE") and
compared command by command; startup.txt section by section ("== ...").
Prints, per file, the number of commands compared and how many are
byte-identical, then a unified diff of each one that is not.  Exit status 0
when everything is identical, 1 otherwise.

  -q  list the commands that differ without their diffs
  -n  first normalise what moves whenever the inspector's own code changes:
      addresses inside the executable's text and read-only data
      (0x400000-0x7fffff; the image, kdata, is at 0x40000000 and is kept) and
      line numbers of core/ and cmd/ files ("sym main")"""
import difflib
import os
import re
import sys

HEX = re.compile(r"(?<![0-9a-fA-Fx])(0x)?([0-9a-f]{6,16})(?![0-9a-fA-F])")
LINE = re.compile(r"(/(core|cmd)/[a-z_]+\.c): [0-9]+")


def normalise(text):
    def hexsub(m):
        v = int(m.group(2), 16)
        return "<text>" if 0x400000 <= v < 0x800000 else m.group(0)
    return LINE.sub(r"\1: <line>", HEX.sub(hexsub, text))


def blocks(path, marker, norm=False):
    """[(heading, text)] of the file: each heading line with what follows it."""
    out, head, buf = [], "(start)", []
    with open(path, errors="replace") as f:
        for line in f:
            if line.startswith(marker):
                out.append((head, "".join(buf)))
                head, buf = line.rstrip("\n"), []
            else:
                buf.append(line)
    out.append((head, "".join(buf)))
    if norm:
        out = [(h, normalise(t)) for h, t in out]
    return out


def main():
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    before, after = sys.argv[1], sys.argv[2]
    quiet = "-q" in sys.argv[3:]
    norm = "-n" in sys.argv[3:]
    names = sorted(n for n in os.listdir(before) if n.endswith(".txt"))
    same_all = True
    for name in names:
        marker = "== " if name == "startup.txt" else "mmscope> "
        a = blocks(os.path.join(before, name), marker, norm)
        pb = os.path.join(after, name)
        if not os.path.exists(pb):
            print(f"{name}: missing in {after}")
            same_all = False
            continue
        b = blocks(pb, marker, norm)
        same = sum(1 for x, y in zip(a, b) if x == y)
        n = max(len(a), len(b))
        print(f"{name}: {n} compared, {same} identical, {n - same} different")
        if len(a) != len(b):
            print(f"  {len(a)} blocks before, {len(b)} after")
        for i in range(n):
            x = a[i] if i < len(a) else ("(none)", "")
            y = b[i] if i < len(b) else ("(none)", "")
            if x == y:
                continue
            same_all = False
            print(f"--- {name} #{i}: {x[0]}")
            if quiet:
                continue
            diff = difflib.unified_diff(x[1].splitlines(), y[1].splitlines(), "before", "after",
                                        lineterm="", n=1)
            lines = list(diff)
            for line in lines[:40]:
                print("  " + line)
            if len(lines) > 40:
                print(f"  ... {len(lines) - 40} more diff lines")
    return 0 if same_all else 1


if __name__ == "__main__":
    sys.exit(main())
