#!/bin/sh
# Every built-in scenario but big (4 GiB: make bench) boots and dumps, from
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
for s in tiny default fragmented full numa big; do
	echo "$list" | grep -q "^$s " && ok "--list has $s" || ko "--list lacks $s"
done

for s in tiny default fragmented full numa; do
	start=$(date +%s.%N)
	if (cd / && "$MMSCOPE" gen --quiet --scenario "$s" -o "$tmp/$s.vmcore"); then
		end=$(date +%s.%N)
		ok "gen $s ($(awk "BEGIN { printf \"%.2f\", $end - $start }") s, $(du -k "$tmp/$s.vmcore" | cut -f1) KiB on disk)"
	else
		ko "gen $s"; continue
	fi
	"$PY" - "$tmp/$s.vmcore" "$s" <<'PYEOF' && ok "truth of $s" || ko "truth of $s"
import json, struct, sys
path, name = sys.argv[1], sys.argv[2]
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
print(name, "free pages", free, "panic", t["panic"])
PYEOF
done

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
