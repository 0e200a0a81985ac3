#!/usr/bin/python3
"""make bench: how the inspector's time and peak RSS grow with the dump.

The `big` scenario at 1G, 4G and BENCH_SCALE (when larger: make bench
SCALE=16G): for each size, in a fresh process each, the time to the first
prompt (banner included, then "q"), and for sys, kmem -f, kmem -i,
kmem -p > /dev/null and kmem -s (when kmem has it) the whole batch run
("mmscope -s DUMP" with the one command): wall time (best of ROUNDS) and
peak RSS (the kernel's ru_maxrss of the child).

Rows: the time of each command on each size, beside the same on 1G (the
ratio is the growth); the peak RSS beside the same command on 1G plus the
16 MiB page cache, which is all the inspector may add whatever the dump's
size (goal: ratio <= 1; the per-command output is streamed, never held), and
on 1G beside a session that only starts plus the cache.  The dumps other than BENCH_BIG are generated here
and deleted after use.
"""
import os
import resource
import subprocess
import sys
import time

build = os.environ.get("top_builddir", os.getcwd())
mmscope = os.path.join(build, "mmscope")
work = os.environ.get("BENCH_DIR", os.path.join(build, "tests", "bench", "work"))
scale = os.environ.get("BENCH_SCALE", "4G")
big = os.environ.get("BENCH_BIG", "")
rounds = int(os.environ.get("SCALE_BENCH_ROUNDS", "3"))
PAGECACHE_MIB = 16	# core/dump.c: CACHE_PAGES of 4 KiB
os.makedirs(work, exist_ok=True)


def gib(s):
    m = {"G": 1024, "M": 1}
    return int(s[:-1]) * m[s[-1].upper()] / 1024


def run_rss(args, stdin):
    """Wall seconds, peak RSS (MiB, the child's own ru_maxrss) and exit code."""
    t = time.monotonic()
    pid = os.fork()
    if pid == 0:
        r, w = os.pipe()
        # the child: stdin from a pipe holding the commands, output to /dev/null
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.dup2(devnull, 2)
        os.write(w, stdin.encode())
        os.close(w)
        os.dup2(r, 0)
        resource.setrlimit(resource.RLIMIT_FSIZE, (2 << 30, 2 << 30))
        try:
            os.execv(args[0], args)
        finally:
            os._exit(127)
    _, status, ru = os.wait4(pid, 0)
    wall = time.monotonic() - t
    return wall, ru.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


def best(args, stdin):
    w, r = 1e9, 0
    for _ in range(rounds):
        wall, rss, code = run_rss(args, stdin)
        if code != 0:
            raise SystemExit(f"bench_scale: {' '.join(args)} <<< {stdin!r}: exit {code}")
        w, r = min(w, wall), max(r, rss)
    return w, r


sizes = ["1G", "4G"]
if gib(scale) > 4:
    sizes.append(scale.upper())
cmds = ["sys", "kmem -f", "kmem -i", "kmem -p > /dev/null", "kmem -s"]
res = {}
have_s = None
for size in sizes:
    dump = big if big and gib(size) == gib(scale) and os.path.exists(big) else \
        os.path.join(work, f"scale-{size}.vmcore")
    made = dump != big
    if made:
        subprocess.run(["nice", mmscope, "gen", "--quiet", "--scenario", "big", "--mem", size,
                        "-o", dump], check=True)
    try:
        if have_s is None:
            r = subprocess.run([mmscope, "-s", dump], input="kmem -s\nq\n", capture_output=True,
                               text=True)
            have_s = "not supported" not in r.stdout + r.stderr
            if not have_s:
                print("kmem -s: not supported by this mmscope: no row")
        # warm the page cache and the DWARF index cache: figures without disk
        run_rss([mmscope, "-s", dump], "kmem -p > /dev/null\nq\n")
        res[size, "first prompt"] = best([mmscope, dump], "q\n")
        res[size, "q"] = best([mmscope, "-s", dump], "q\n")
        for c in cmds:
            if c == "kmem -s" and not have_s:
                continue
            res[size, c] = best([mmscope, "-s", dump], c + "\nq\n")
    finally:
        if made:
            for f in (dump, dump + ".truth.json"):
                if os.path.exists(f):
                    os.unlink(f)

print(f"the big scenario at {', '.join(sizes)}; best of {rounds} runs; wall ms / peak RSS MiB")
names = ["first prompt", "q"] + [c for c in cmds if c != "kmem -s" or have_s]
print(f"{'command':<22}" + "".join(f"{s:>20}" for s in sizes))
for c in names:
    print(f"{c:<22}" + "".join(f"{res[s, c][0] * 1e3:10.1f} {res[s, c][1]:8.1f}" + " "
                               for s in sizes))
for c in names:
    label = {"q": "start-up to end of batch 'q'", "first prompt": "first prompt"}.get(c, c)
    for s in sizes:
        w, r = res[s, c]
        if s == "1G":
            print(f"@row\t{label}, big 1G: time\t{w * 1e3:.4g}\tms\t-\t-\t-")
        else:
            print(f"@row\t{label}, big {s}: time\t{w * 1e3:.4g}\tms\tthe same on big 1G\t"
                  f"{res['1G', c][0] * 1e3:.4g}\t-")
    for s in sizes:
        if c in ("q", "first prompt"):
            continue
        r = res[s, c][1]
        if s == "1G":
            base, what = res[s, "q"][1], "start-up RSS"
        else:
            base, what = res["1G", c][1], "the same on 1G"
        print(f"@row\t{label}, big {s}: peak RSS\t{r:.1f}\tMiB\t{what} + {PAGECACHE_MIB} MiB cache\t"
              f"{base + PAGECACHE_MIB:.1f}\t<=1")
