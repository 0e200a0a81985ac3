#!/usr/bin/python3
"""struct/union NAME and whatis --json (a definition as data) against gdb's
"ptype /o" of the same type on the same debuginfo.

gdb's ptype /o prints each member's byte offset (and a bit field's bit
within it), its size, and the total size; members of a union carry no
offset of their own (the union's).  The test reads that text into a tree,
keeps of it what mmscope's JSON lays out (a member whose struct or union is
declared in place without a name is opened, a named one is a member like
any other), and compares member by member: name, offset, bit, size; then
the total size.  whatis NAME must give the same definition; whatis SYMBOL
the type gdb's whatis gives.  Usage: struct_def_gdb.py [DUMP]; exit 77
without gdb."""
import json, os, re, subprocess, sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import mstest  # noqa: E402
from mstest import check, check_eq  # noqa: E402
from json_data_gdb import docs  # noqa: E402  (the JSON documents of a session's output)

TYPES = ["struct list_head", "struct page", "struct zone", "struct kmem_cache", "struct task_struct",
         "struct mm_struct", "struct vm_area_struct", "struct pglist_data", "struct free_area",
         "struct per_cpu_pageset", "union thread_union", "struct array_cache", "struct vmap_area"]
SYMBOLS = ["max_pfn", "jiffies", "node_data", "init_task", "__per_cpu_offset"]

MEMBER = re.compile(r"^/\*\s*(?:(\d+)(?::\s*(\d+))?\s*\|)?\s*(\d+) \*/ {4}(.*)$")
CLOSE = re.compile(r"^\s*\}\s*([^;]*);?\s*$")
TOTAL = re.compile(r"/\* total size \(bytes\):\s*(\d+) \*/")


def decl_name(decl):
    """The member's name in a one-line declaration: "unsigned int x : 3;",
    "char comm[16];", "void (*func)(struct callback_head *);"."""
    d = decl.rstrip(";").strip()
    m = re.search(r"\(\s*\*\s*(\w+)\s*\)\s*\(", d)
    if m:
        return m.group(1)
    d = re.sub(r"\s*:\s*\d+$", "", d)
    d = re.sub(r"(\[[^\]]*\])+$", "", d)
    m = re.search(r"(\w+)$", d)
    return m.group(1) if m else None


def parse_ptype(text):
    """ptype /o's text as (tree, total size): nodes {name, offset, bit, size, members}."""
    lines = text.splitlines()
    root = {"offset": 0, "members": [], "name": None}
    stack = [root]
    total = None
    for l in lines[1:]:
        m = MEMBER.match(l)
        if m:
            parent = stack[-1]
            off = int(m.group(1)) if m.group(1) else parent["offset"]
            node = {"offset": off, "bit": int(m.group(2) or 0), "size": int(m.group(3)), "members": None,
                    "name": None}
            decl = m.group(4).strip()
            parent["members"].append(node)
            if decl.endswith("{"):
                node["members"] = []
                stack.append(node)
            else:
                node["name"] = decl_name(decl)
            continue
        m = CLOSE.match(l)
        if m and len(stack) > 1:
            node = stack.pop()
            name = m.group(1).strip()
            node["name"] = re.sub(r"(\[[^\]]*\])+$", "", name) or None
            continue
        m = TOTAL.search(l)
        if m and len(stack) == 1:
            total = int(m.group(1))
    return root["members"], total


def flat_gdb(members, out):
    for n in members:
        out.append((n["name"], n["offset"], n["bit"], n["size"]))
        if n["name"] is None and n["members"] is not None:
            flat_gdb(n["members"], out)
    return out


def flat_ms(members, out):
    for n in members:
        out.append((n["name"], n["offset"], n.get("bit_offset", 0), n["size"]))
        if n["name"] is None and "members" in n:
            flat_ms(n["members"], out)
    return out


def main(tmp):
    dump = sys.argv[1] if len(sys.argv) > 1 else mstest.dump("tiny")
    cmds = [t for t in TYPES] + ["whatis " + t for t in TYPES] + \
        ["whatis " + s for s in SYMBOLS] + ["struct page.lru", "struct -o list_head"]
    r = subprocess.run([mstest.MMSCOPE, "-s", "--json", dump], input="\n".join(cmds) + "\nq\n",
                       capture_output=True, text=True, timeout=600 * mstest.SLOW)
    check_eq(r.stderr, "", "no errors")
    got = docs(r.stdout)
    if not check_eq(len(got), len(cmds), "a document per command"):
        print(r.stdout[-2000:])
        return None
    args = ["gdb", "-nx", "-batch"]
    for t in TYPES:
        args += ["-ex", "echo @@\\n", "-ex", "ptype /o " + t]
    for s in SYMBOLS:
        args += ["-ex", "echo @@\\n", "-ex", "whatis " + s]
    out = subprocess.run(args + [mstest.MMSCOPE], capture_output=True, text=True, timeout=600).stdout
    parts = out.split("@@\n")[1:]
    check_eq(len(parts), len(TYPES) + len(SYMBOLS), "gdb answered every command")
    n = len(TYPES)
    for t, d, w, p in zip(TYPES, got[:n], got[n:2 * n], parts):
        kind, name = t.split()
        tree, total = parse_ptype(p)
        check_eq((d.get("name"), d.get("kind"), d.get("size")), (name, kind, total), f"{t}: name, kind, size")
        want = flat_gdb(tree, [])
        have = flat_ms(d.get("members", []), [])
        check(have == want and len(want) > 1 or t == "struct free_area" and have == want,
              f"{t}: every member's name, offset, bit and size as gdb's ptype /o ({len(want)} members)",
              "\n".join(f"{h} != {g}" for h, g in zip(have, want) if h != g)[:2000] or f"{have} {want}")
        check(all(k not in json.dumps(d) for k in ('"addr"',)), f"{t}: no key \"addr\"")
        w = dict(w, command=d["command"])
        check_eq(w, d, f"whatis {t}: the same definition as {t}")
    for s, d, p in zip(SYMBOLS, got[2 * n:], parts[n:]):
        m = re.search(r"type = (.*)", p)
        check_eq((d.get("name"), d.get("kind"), d.get("type")), (s, "symbol", m.group(1) if m else None),
                 f"whatis {s}: the type gdb's whatis gives")
    d = got[-2]
    lru = [x for x in flat_ms(got[1]["members"], []) if x[0] == "lru"]
    check_eq([(x["name"], x["offset"], x["size"]) for x in d.get("members", [])],
             [(x[0], x[1], x[3]) for x in lru], "struct page.lru: the member as in struct page")
    check_eq({k: v for k, v in got[-1].items() if k != "command"},
             {k: v for k, v in got[0].items() if k != "command"}, "struct -o NAME: the same JSON as struct NAME")
    return None


if __name__ == "__main__":
    sys.exit(mstest.main(main, prefix="struct_def_gdb."))
