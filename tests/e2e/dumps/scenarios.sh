#!/bin/sh
# Every built-in scenario but big (4 GiB: make bench; here at 1G) boots and dumps, from
# any directory; the truth file parses and matches the dump's basics.
set -u
MMSCOPE=$(cd "${top_builddir:-.}" && pwd)/mmscope
PY=${PYTHON3:-/usr/bin/python3}
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); echo "ok: $*"; }
ko() { fail=$((fail + 1)); echo "FAIL: $*"; }

list=$(cd / && "$MMSCOPE" gen --list) || ko "gen --list"
echo "$list"
for s in tiny default fragmented full numa big slab slab-leak processes vmalloc oom; do
	echo "$list" | grep -q "^$s " && ok "--list has $s" || ko "--list lacks $s"
done

for s in tiny default fragmented full numa slab slab-leak processes vmalloc oom; do
	start=$(date +%s.%N)
	if (cd / && "$MMSCOPE" gen --quiet --scenario "$s" -o "$tmp/$s.vmcore"); then
		end=$(date +%s.%N)
		ok "gen $s ($(awk "BEGIN { printf \"%.2f\", $end - $start }") s, $(du -k "$tmp/$s.vmcore" | cut -f1) KiB on disk)"
	else
		ko "gen $s"; continue
	fi
	"$PY" - "$tmp/$s.vmcore" "$s" "$MMSCOPE" <<'PYEOF' && ok "truth of $s" || ko "truth of $s"
import json, struct, sys
path, name, exe = sys.argv[1], sys.argv[2], sys.argv[3]
t = json.load(open(path + ".truth.json"))
assert t["format"] == 1 and t["scenario"] == name, (t["format"], t["scenario"])
assert t["pagesize"] == 4096 and t["release"] == "4.0.0-refmm"
with open(path, "rb") as f:
    h = f.read(64)
assert h[:4] == b"\x7fELF" and struct.unpack_from("<HH", h, 16) == (4, 62), "not ET_CORE/EM_X86_64"
free = 0
for n in t["nodes"]:
    for z in n["zones"]:
        s = 0
        for fa in z["free_area"]:
            assert fa["nr_free"] == sum(fa["by_migratetype"].values()), (z["name"], fa)
            for mt, pfns in fa["blocks"].items():
                assert len(pfns) == fa["by_migratetype"][mt]
            s += fa["nr_free"] << fa["order"]
        assert s == z["free_pages"], (z["name"], s, z["free_pages"])
        free += s
assert free == t["nr_free_pages"]
if name == "numa":
    assert len(t["nodes"]) == 2
if name == "fragmented":
    z = [z for n in t["nodes"] for z in n["zones"] if z["name"] == "DMA32"][0]
    low = sum(fa["nr_free"] << fa["order"] for fa in z["free_area"] if fa["order"] <= 1)
    assert low * 2 > z["free_pages"], "fragmented: most free memory should be in orders 0-1"
if name == "full":
    for n in t["nodes"]:
        for z in n["zones"]:
            if z["managed_pages"]:
                assert z["free_pages"] <= z["watermark"]["high"] + 1024, (z["name"], z["free_pages"])
# The caches: consistent counts; what each scenario promises.
caches = {c["name"]: c for c in t["caches"]}
for c in t["caches"]:
    assert c["num_objs"] == c["num_slabs"] * c["num"], c["name"]
    assert c["active_objs"] == (c["slab_active_objs"] - c["cpu_avail"] - c["shared_avail"]
                                - c["alien_avail"]), c["name"]
    assert c["slab_active_objs"] + c["free_objs"] == c["num_objs"], c["name"]
assert "kmem_cache" in caches and "kmalloc-4194304" in caches and "dma-kmalloc-32" in caches
assert t["slabinfo"].startswith("slabinfo - version: 2.1\n")
objs = sum(c["active_objs"] for c in t["caches"])
if name == "slab":
    assert len(t["caches"]) >= 100 and objs >= 100000, (len(t["caches"]), objs)
    assert sum(c["alien_avail"] for c in t["caches"]) > 0, "slab: no object in an alien array"
if name == "slab-leak":
    # 10 rounds of leak count=400, never freed: in use, not in any array
    assert caches["nf_conntrack"]["active_objs"] == 4000, caches["nf_conntrack"]
if name == "default":
    for n in ("task_struct", "mm_struct", "vm_area_struct", "dentry", "inode_cache", "buffer_head"):
        assert n in caches, n
    assert caches["inode_cache"]["active_objs"] >= 9000
    assert caches["kmalloc-256"]["refcount"] >= 2, "skbuff_head_cache merged into kmalloc-256"
    pools = {p["name"]: p for p in t["mempools"]}
    # 24 atomic allocations, the first 20 failed by failslab: 20 from the reserve of 32
    assert pools["bh_pool"]["curr_nr"] == 12 and pools["req_pool"]["curr_nr"] == 8, pools
# The tasks: every task_struct but init_task's (static) is a tasks[] entry,
# every mm_struct a task's mm or an idle CPU's lazily held active_mm, every
# vm_area_struct a VMA of one of those mms.
tasks = t["tasks"]
assert len({x["pid"] for x in tasks if x["pid"]}) == len([x for x in tasks if x["pid"]])
assert caches["task_struct"]["active_objs"] == len(tasks) - 1 or name == "slab", name
mms = {x["mm"] for x in tasks if int(x["mm"], 16)}
lazy = {x["active_mm"] for x in tasks if int(x["active_mm"], 16)} - mms
lazy.discard(t.get("init_mm", "0x0"))
vmas = {x["mm"]: len(x["vmas"]) for x in tasks if int(x["mm"], 16)}
if name != "slab":
    assert caches["mm_struct"]["active_objs"] - len(mms) in (len(lazy), len(lazy) - 1), (
        caches["mm_struct"]["active_objs"], len(mms), lazy)
if name not in ("slab", "slab-leak"):
    assert caches["vm_area_struct"]["active_objs"] == sum(vmas.values()), (
        caches["vm_area_struct"]["active_objs"], sum(vmas.values()))
for x in tasks:
    if int(x["mm"], 16):
        # ps's RSS: the mm's counters agree with a walk of its page tables
        assert (x["rss_stat_file"], x["rss_stat_anon"]) == (x["rss_file"], x["rss_anon"]), x["comm"]
        assert x["total_vm"] == sum((int(v["end"], 16) - int(v["start"], 16)) >> 12
                                    for v in x["vmas"]), x["comm"]
oncpu = [x for x in tasks if x["on_cpu"]]
assert sorted(x["cpu"] for x in oncpu) == list(range(t["nr_cpus"])), [(x["pid"], x["cpu"]) for x in oncpu]
assert t["log"]["records"] == len(t["log"]["entries"]) > 0
if t["panic"]:
    assert t["panic"]["message"] in t["log"]["panic"], (t["panic"], t["log"]["panic"])
ntask = len([x for x in tasks if x["pid"]])
nvma = sum(vmas.values())
if name == "processes":
    assert ntask >= 50 and "sshd" in {x["comm"] for x in tasks}, ntask
    paths = {v.get("file") for x in tasks if int(x["mm"], 16) for v in x["vmas"]}
    assert "/lib64/libc-2.17.so" in paths and "/usr/sbin/sshd" in paths, sorted(p for p in paths if p)[:20]
if name == "vmalloc":
    assert len(t["vmlist"]) >= 200, len(t["vmlist"])
if name in ("vmalloc", "default", "processes"):
    # each area's size is its pages and the guard page (ioremap: no pages)
    for a in t["vmlist"]:
        assert a["size"] % 4096 == 0 and a["size"] >= (a["nr_pages"] + 1) * 4096, a
        assert a["caller_symbol"], a
if name == "oom":
    assert "hog" not in {x["comm"] for x in tasks}, "the OOM killer should have ended hog"
    assert any("Killed process" in r["text"] and "(hog)" in r["text"]
               for r in t["log"]["entries"]), "no 'Killed process ... (hog)' in the log"
# Whatever a reader walks lives in the kernel image, which the dump holds:
# every SYMBOL of VMCOREINFO and the roots of ps, vm, log and kmem -v.
img = int(t["image"]["vaddr"], 16), int(t["image"]["vaddr"], 16) + t["image"]["size"]
with open(path, "rb") as f:
    data = f.read(1 << 20)
info = data[data.index(b"OSRELEASE="):].split(b"\0", 1)[0].decode()
for l in info.splitlines():
    if l.startswith("SYMBOL("):
        v = int(l.split("=")[1], 16)
        assert img[0] <= v < img[1], ("outside the image", l)
if name == "tiny":
    import subprocess
    syms = {}
    for l in subprocess.run(["nm", exe], capture_output=True, text=True).stdout.splitlines():
        f = l.split()
        if len(f) == 3:
            syms[f[2]] = int(f[0], 16)
    for s in ("init_task", "init_mm", "pid_hash", "totalram_pages", "vmap_area_list",
              "vmap_area_root", "vmlist", "log_buf", "log_buf_len", "log_first_idx",
              "log_next_idx", "log_first_seq", "log_next_seq", "swapper_pg_dir",
              "vm_stat", "empty_zero_page", "all_bdevs", "super_blocks", "pgd_list",
              "__per_cpu_offset", "crashing_cpu", "nr_threads"):
        assert img[0] <= syms[s] < img[1], ("outside the image", s, hex(syms[s]))
    for s in ("runqueues", "current_task", "this_cpu_off", "cpu_number"):
        assert syms[s] < 0x10000, ("not a per-CPU offset", s, hex(syms[s]))
print(name, "tasks", ntask, "vmas", nvma, "vmlist", len(t["vmlist"]),
      "log records", t["log"]["records"])
print(name, "free pages", free, "panic", t["panic"], "caches", len(t["caches"]), "objects", objs)
PYEOF
	rm -f "$tmp/$s".vmcore*	# one dump at a time on disk (CI machines have little)
done

# N/G counts scale with the RAM given: an order-9 allocation takes exactly 512
# pages off nr_free_pages (no per-cpu list holds order > 0), so
# "count=64/G" must take 8 blocks at 128M, 16 at 256M and, rounded up,
# ceil(64 * 130 / 1024) = 9 at 130M, against the same scenario without it.
printf 'mem 128M\n' >"$tmp/base.scn"
printf 'mem 128M\nalloc a order=9 count=64/G\n' >"$tmp/perg.scn"
for m in 128M:8 256M:16 130M:9; do
	mem=${m%:*} want=${m#*:}
	if "$MMSCOPE" gen --quiet --scenario "$tmp/base.scn" --mem "$mem" -o "$tmp/base.vmcore" &&
	   "$MMSCOPE" gen --quiet --scenario "$tmp/perg.scn" --mem "$mem" -o "$tmp/perg.vmcore"; then
		got=$("$PY" -c 'import json, sys
a, b = (json.load(open(p + ".truth.json"))["nr_free_pages"] for p in sys.argv[1:])
print((a - b) / 512)' "$tmp/base.vmcore" "$tmp/perg.vmcore")
		[ "$got" = "$want.0" ] && ok "count=64/G at $mem: $want blocks" ||
			ko "count=64/G at $mem: $got blocks, want $want"
	else
		ko "gen count=64/G at $mem"
	fi
	rm -f "$tmp"/base.vmcore* "$tmp"/perg.vmcore*
done

# big scales with --mem: it failed at 1G when its counts were fixed (an
# order-9 allocation ran out).  Only its success is checked here; make bench
# runs it at 4G and 16G.
if "$MMSCOPE" gen --quiet --scenario big --mem 1G -o "$tmp/big.vmcore"; then
	ok "gen big --mem 1G"
else
	ko "gen big --mem 1G"
fi
rm -f "$tmp"/big.vmcore*

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
