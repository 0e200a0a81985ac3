#!/bin/sh
# make bench: mmscope beside crash 8.0.2 and drgn on a real Linux dump (the
# fixture of make check-linux: Debian 12's kernel, its 300 MB vmlinux, the
# KASLR dump in makedumpfile's format, which all three read).
#
# Rows, each the best of BENCH_LINUX_RUNS runs (default 3), with peak RSS:
#   start, cold   mmscope to the first prompt without its DWARF index cache
#                 (a fresh cache directory each run); crash -s to its prompt
#                 and "q"; drgn loading the vmlinux and the dump
#   start, warm   mmscope with the index cache of the run before
#   kmem -f       the session with the command, less the warm start; drgn:
#                 the same free-list walk in Python, less drgn's start
#   kmem -s       every slab cache counted as crash counts it; drgn: the same
#                 walk in Python (CPU freelists decoded, partial lists)
#   kmem -i, log  mmscope and crash (drgn has no such helper)
#   ps            every task; drgn: the task list with each task's parent,
#                 state, VSZ and RSS in Python (crash 8.0.2 lists only the
#                 tasks on a CPU on 6.1)
# and the ratios mmscope/crash and mmscope/drgn.  The same rows again in CPU
# time (user + system, the least of the runs): on a machine shared with other
# work the wall-clock difference of two sessions is noise below a few tenths
# of a second, the CPU time each process used is not.
# Then each command alone, in milliseconds of CPU time, the least of the
# runs.  "first": the command's first run in a session, measured inside the
# session -- mmscope's CPU time (the kernel's sum_exec_runtime of its
# threads) once it waits for input after its banner, and again once it
# waits after the command (cmdtime.py); drgn's process_time() around its
# script's code.  The difference of two whole sessions, as above, is noise
# of some 30 ms on a loaded machine, more than a command costs.  "of N":
# the session with the command BENCH_LINUX_REPEAT times (default 20) less
# the session without it, divided by N (CPU time through wait4(), to the
# microsecond); drgn's script (its code run N times in one drgn) the same
# way.
# Without the fixture it says so and exits 0: "make check-linux" builds it (3
# minutes, 930 MB download).  Every process runs under timeout, one at a time
# (each needs up to 1 GB).
set -eu
here=$(cd "$(dirname "$0")/../.." && pwd)
MMSCOPE=${top_builddir:-$here}/mmscope
srcdir=@abs_top_srcdir@		# the build's copy has the source tree here
case $srcdir in @*) srcdir=$here ;; esac
RUNS=${BENCH_LINUX_RUNS:-3}
REPEAT=${BENCH_LINUX_REPEAT:-20}
[ -x "$MMSCOPE" ] || { echo "bench_linux: $MMSCOPE is not built (set top_builddir)"; exit 1; }
fx=${MMSCOPE_LINUX_FIXTURE:-$("$srcdir/tests/linux/make-dump.sh" --dir 2>/dev/null || true)}
if [ -z "$fx" ] || [ ! -f "$fx/vmlinux" ]; then
	echo "bench_linux: no real-Linux fixture (make check-linux builds it): skipped"
	exit 0
fi
vmlinux=$fx/vmlinux
dump=$fx/kaslr/vmcore.d31
work=$(mktemp -d)	# no spaces: the commands below are split on them
trap 'rm -rf "$work"' EXIT INT TERM
export TZ=UTC LC_ALL=C

# run CMD...: wall seconds, peak RSS (KiB) and CPU seconds (user + system,
# to the microsecond: /usr/bin/time prints hundredths) of one run of CMD,
# "T R C"; a command named "cold" first empties mmscope's index cache
cat >"$work/time.py" <<'EOF'
import os, sys, time
# time.py IN OUT CMD...: CMD with stdin IN, stdout and stderr to /dev/null;
# writes "T R C" to OUT
t0 = time.monotonic()
pid = os.fork()
if pid == 0:
    os.dup2(os.open(sys.argv[1], os.O_RDONLY), 0)
    os.dup2(os.open(os.devnull, os.O_WRONLY), 1)
    os.dup2(1, 2)
    os.execvp(sys.argv[3], sys.argv[3:])
_, status, ru = os.wait4(pid, 0)
if os.waitstatus_to_exitcode(status) == 0:	# a run that failed measures nothing
    with open(sys.argv[2], "w") as f:
        f.write("%.6f %d %.6f\n" % (time.monotonic() - t0, ru.ru_maxrss, ru.ru_utime + ru.ru_stime))
EOF
cat >"$work/cmdtime.py" <<'EOF'
import fcntl, os, struct, subprocess, sys, termios, time
# cmdtime.py OUT CMD ARGV...: the CPU milliseconds of CMD, the first command
# of the session ARGV starts, to OUT; read from the kernel's sum_exec_runtime
# of the session's threads (/proc/PID/task/*/schedstat) once it has printed
# its banner and again once it has run CMD: each time when it sleeps in
# read() of its standard input with every byte sent read
out, cmd, argv = sys.argv[1], sys.argv[2], sys.argv[3:]
p = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                     stderr=subprocess.DEVNULL)
deadline = time.monotonic() + 300


def cpu():
    t = 0
    for tid in os.listdir("/proc/%d/task" % p.pid):
        with open("/proc/%d/task/%s/schedstat" % (p.pid, tid)) as f:
            t += int(f.read().split()[0])
    return t


def wait_input():
    while time.monotonic() < deadline and p.poll() is None:
        unread = struct.unpack("i", fcntl.ioctl(p.stdin.fileno(), termios.FIONREAD, b"\0" * 4))[0]
        with open("/proc/%d/stat" % p.pid) as f:
            state = f.read().rsplit(")", 1)[1].split()[0]
        with open("/proc/%d/syscall" % p.pid) as f:
            call = f.read().split()[:2]
        if not unread and state == "S" and call == ["0", "0x0"]:
            return
        time.sleep(0.001)
    p.kill()
    raise SystemExit("cmdtime: the session did not come back to its input")


wait_input()
a = cpu()
p.stdin.write((cmd + "\n").encode())
p.stdin.flush()
wait_input()
b = cpu()
p.stdin.write(b"q\n")
p.stdin.close()
p.wait(60)
with open(out, "w") as f:
    f.write("%.3f\n" % ((b - a) / 1e6))
EOF
# least CMD...: over RUNS runs of CMD, each writing a figure to $work/ms,
# the least; "-" if none wrote one
least() {
	l=
	i=0
	while [ $i -lt "$RUNS" ]; do
		rm -f "$work/ms"
		timeout -s KILL 600 "$@" </dev/null >/dev/null 2>&1 || true
		[ ! -f "$work/ms" ] || l="$l $(cat "$work/ms")"
		i=$((i + 1))
	done
	echo "$l" | awk '{ for (i = 1; i <= NF; i++) if (i == 1 || $i < m) m = $i }
		END { if (NF) print m; else print "-" }'
}
run() {
	if [ "$1" = cold ]; then
		rm -rf "$work/cache"
		shift
	fi
	rm -f "$work/time"
	timeout -s KILL 600 /usr/bin/python3 "$work/time.py" "$work/in" "$work/time" "$@" \
		>/dev/null 2>&1 || true
	[ ! -f "$work/time" ] || awk 'NF == 3' "$work/time"
}
# best INPUT CMD...: over RUNS runs, "T R C": the fastest run's T and R, the
# least C; "-" when every run failed
best() {
	printf '%s' "$1" >"$work/in"
	shift
	b=
	i=0
	while [ $i -lt "$RUNS" ]; do
		b=$(printf '%s\n%s\n' "$(run "$@")" "$b")
		i=$((i + 1))
	done
	printf '%s\n' "$b" | awk 'NF == 3 { if (!n || $1 < t) { t = $1; r = $2 }
		if (!n || $3 < c) c = $3; n++ } END { if (n) print t, r, c; else print "-" }'
}
# not -s: the first prompt comes after the banner (the sys block, which
# loads the DWARF it reads through), as in bench_startup; with -s and "q"
# mmscope would load nothing
mm="env MMSCOPE_CACHE_DIR=$work/cache $MMSCOPE $vmlinux $dump"
crash_s="crash -s $vmlinux $dump"
drgn_s="drgn -q -c $dump -s $vmlinux --no-default-symbols"

cat >"$work/free.py" <<'EOF'
# the buddy free lists, list by list, as kmem -f walks them (an empty zone's
# free lists were never initialised: zeros, not empty lists)
from drgn.helpers.linux.list import list_for_each_entry
total = 0
for nid in range(len(prog["node_data"])):
    pgdat = prog["node_data"][nid]
    if not pgdat:
        continue
    for z in pgdat.node_zones:
        if not z.present_pages:
            continue
        for order in range(len(z.free_area)):
            for fl in z.free_area[order].free_list:
                for _ in list_for_each_entry("struct page", fl.address_of_(), "lru"):
                    total += 1 << order
print(total)
EOF
cat >"$work/slub.py" <<'EOF'
# every SLUB cache counted as kmem -s counts it: total_objects, less the
# objects free on each CPU's slab (its freelist decoded), per-CPU partial
# chain and node partial lists
from drgn.helpers.linux.list import list_for_each_entry
from drgn.helpers.linux.percpu import per_cpu_ptr
from drgn.helpers.linux.cpumask import for_each_possible_cpu
from drgn.helpers.linux.slab import for_each_slab_cache
swab = lambda v: int.from_bytes(v.to_bytes(8, "little"), "big")
rows = 0
for s in for_each_slab_cache(prog):
    total = free = 0
    off, rnd = s.offset.value_(), s.random.value_()
    for cpu in for_each_possible_cpu(prog):
        c = per_cpu_ptr(s.cpu_slab, cpu)
        if c.slab:
            free += c.slab.objects.value_() - c.slab.inuse.value_()
            q = c.freelist.value_()
            n = 0
            while q and n < 65536:
                n += 1
                q = prog.read_u64(q + off) ^ rnd ^ swab(q + off)
            free += n
        p = c.partial
        while p:
            free += p.objects.value_() - p.inuse.value_()
            p = p.next
    for i in range(prog["nr_node_ids"].value_()):
        n = s.node[i]
        if not n:
            continue
        total += n.total_objects.counter.value_()
        for sl in list_for_each_entry("struct slab", n.partial.address_of_(), "slab_list"):
            free += sl.objects.value_() - sl.inuse.value_()
    rows += 1
print(rows)
EOF
cat >"$work/ps.py" <<'EOF'
# ps: every task (thread groups and threads, from init_task's list) with
# its parent, state, VSZ and RSS (mm->total_vm and the mm's rss_stat
# counters less MM_SWAPENTS; ps adds the threads' unsynced deltas too)
from drgn.helpers.linux.pid import for_each_task
rows = 0
for t in for_each_task(prog):
    vsz = rss = 0
    if t.mm:
        vsz = t.mm.total_vm.value_()
        rss = sum(c.counter.value_() for i, c in enumerate(t.mm.rss_stat.count)
                  if i != prog["MM_SWAPENTS"].value_())
    print(t.pid.value_(), t.real_parent.pid.value_(), hex(t.value_()),
          t.__state.value_(), vsz, rss, t.comm.string_().decode())
    rows += 1
print(rows)
EOF
: >"$work/empty.py"
for f in free slub ps; do
	# the script's code run REPEAT times in one drgn
	printf 'code = compile(open("%s").read(), "%s", "exec")\nfor _ in range(%d):\n    exec(code, dict(globals()))\n' \
		"$work/$f.py" "$work/$f.py" "$REPEAT" >"$work/$f-rep.py"
	# its first run's CPU milliseconds, to $work/ms
	printf 'import time\ncode = compile(open("%s").read(), "%s", "exec")\nt = time.process_time()\nexec(code, dict(globals()))\nt = time.process_time() - t\nopen("%s", "w").write("%%.3f\\n" %% (t * 1e3))\n' \
		"$work/$f.py" "$work/$f.py" "$work/ms" >"$work/$f-first.py"
done

cells() {	# cells AWK-PRINTF LABEL MMSCOPE CRASH DRGN: each "T R C" through
	# the awk printf (fields $1 T, $2 R, $3 C), "-" when not measured
	fmt=$1; shift
	printf '%-14s' "$1"; shift
	for v in "$@"; do
		if [ "$v" = - ]; then
			printf '  %20s' "-"
		else
			echo "$v" | awk "{ printf $fmt }"
		fi
	done
	printf '\n'
}
row() { cells '"  %8.2f s %6d MB", $1, $2 / 1024' "$@"; }	# seconds and peak RSS
crow() { cells '"  %18.2f s", $3' "$@"; }			# CPU seconds
# sub A B: A less B, each of T and C (no less than 0), with A's R; "-" if
# either is
sub() {
	printf '%s\n%s\n' "$1" "$2" | awk 'NR == 1 { t = $1; r = $2; c = $3; bad = $1 == "-" }
		NR == 2 { if (bad || $1 == "-") { print "-"; exit }
			t -= $1; c -= $3; printf "%.3f %d %.3f\n", t < 0 ? 0 : t, r, c < 0 ? 0 : c }'
}
# lines N CMD: CMD N times, a line each (mmscope's input)
lines() {
	i=0
	while [ $i -lt "$1" ]; do
		printf '%s\n' "$2"
		i=$((i + 1))
	done
}
# per A B N: (A less B) / N in milliseconds, "T R C" with A's R
per() {
	printf '%s\n%s\n' "$1" "$2" | awk -v n="$3" 'NR == 1 { t = $1; r = $2; c = $3; bad = $1 == "-" }
		NR == 2 { if (bad || $1 == "-") { print "- - -"; exit }
			t = (t - $1) * 1000 / n; c = (c - $3) * 1000 / n
			printf "%.3f %d %.3f\n", t < 0 ? 0 : t, r, c < 0 ? 0 : c }'
}
# ratio A B [FIELD]: A/B of field FIELD (1, T, by default)
ratio() {
	printf '%s\n%s\n' "$1" "$2" | awk -v f="${3:-1}" 'NR == 1 { a = $f; bad = $1 == "-" }
		NR == 2 { if (!bad && $1 != "-" && $f > 0) printf "%.2f", a / $f; else printf "-" }'
}

echo "bench_linux: $(basename "$fx") $(basename "$(dirname "$dump")")/vmcore.d31, vmlinux $(stat -c %s "$vmlinux") bytes, best of $RUNS"
m_cold=$(best 'q
' cold $mm)
m_warm=$(best 'q
' $mm)
m_f=$(best 'kmem -f
q
' $mm)
m_i=$(best 'kmem -i
q
' $mm)
m_s=$(best 'kmem -s
q
' $mm)
m_log=$(best 'log
q
' $mm)
m_ps=$(best 'ps
q
' $mm)
c_start=$(best 'q
' $crash_s)
c_f=$(best 'kmem -f
q
' $crash_s)
c_i=$(best 'kmem -i
q
' $crash_s)
c_s=$(best 'kmem -s
q
' $crash_s)
c_log=$(best 'log
q
' $crash_s)
c_ps=$(best 'ps
q
' $crash_s)
d_start=$(best '' $drgn_s "$work/empty.py")
d_f=$(best '' $drgn_s "$work/free.py")
d_s=$(best '' $drgn_s "$work/slub.py")
d_ps=$(best '' $drgn_s "$work/ps.py")
mr_f=$(best "$(lines "$REPEAT" 'kmem -f')
q
" $mm)
mr_i=$(best "$(lines "$REPEAT" 'kmem -i')
q
" $mm)
mr_s=$(best "$(lines "$REPEAT" 'kmem -s')
q
" $mm)
mr_log=$(best "$(lines "$REPEAT" log)
q
" $mm)
mr_ps=$(best "$(lines "$REPEAT" ps)
q
" $mm)
dr_f=$(best '' $drgn_s "$work/free-rep.py")
dr_s=$(best '' $drgn_s "$work/slub-rep.py")
dr_ps=$(best '' $drgn_s "$work/ps-rep.py")
mf_f=$(least /usr/bin/python3 "$work/cmdtime.py" "$work/ms" "kmem -f" $mm)
mf_i=$(least /usr/bin/python3 "$work/cmdtime.py" "$work/ms" "kmem -i" $mm)
mf_s=$(least /usr/bin/python3 "$work/cmdtime.py" "$work/ms" "kmem -s" $mm)
mf_log=$(least /usr/bin/python3 "$work/cmdtime.py" "$work/ms" log $mm)
mf_ps=$(least /usr/bin/python3 "$work/cmdtime.py" "$work/ms" ps $mm)
df_f=$(least $drgn_s "$work/free-first.py")
df_s=$(least $drgn_s "$work/slub-first.py")
df_ps=$(least $drgn_s "$work/ps-first.py")

printf '%-14s  %20s  %20s  %20s\n' "" "mmscope" "crash 8.0.2" "drgn"
row "start, cold" "$m_cold" "$c_start" "$d_start"
row "start, warm" "$m_warm" - -
row "kmem -f" "$(sub "$m_f" "$m_warm")" "$(sub "$c_f" "$c_start")" "$(sub "$d_f" "$d_start")"
row "kmem -i" "$(sub "$m_i" "$m_warm")" "$(sub "$c_i" "$c_start")" -
row "kmem -s" "$(sub "$m_s" "$m_warm")" "$(sub "$c_s" "$c_start")" "$(sub "$d_s" "$d_start")"
row "log" "$(sub "$m_log" "$m_warm")" "$(sub "$c_log" "$c_start")" -
row "ps" "$(sub "$m_ps" "$m_warm")" "$(sub "$c_ps" "$c_start")" "$(sub "$d_ps" "$d_start")"
echo "ratio cold start mmscope/crash: $(ratio "$m_cold" "$c_start")"
echo "ratio warm start mmscope/drgn: $(ratio "$m_warm" "$d_start")"
echo "ratio kmem -f mmscope/drgn: $(ratio "$(sub "$m_f" "$m_warm")" "$(sub "$d_f" "$d_start")")"
echo "ratio kmem -s mmscope/drgn: $(ratio "$(sub "$m_s" "$m_warm")" "$(sub "$d_s" "$d_start")")"
echo "ratio peak RSS mmscope/drgn (warm start): $(ratio "$m_warm" "$d_start" 2)"
printf '\nCPU time (user + system), the least of %s runs\n' "$RUNS"
printf '%-14s  %20s  %20s  %20s\n' "" "mmscope" "crash 8.0.2" "drgn"
crow "start, cold" "$m_cold" "$c_start" "$d_start"
crow "start, warm" "$m_warm" - -
crow "kmem -f" "$(sub "$m_f" "$m_warm")" "$(sub "$c_f" "$c_start")" "$(sub "$d_f" "$d_start")"
crow "kmem -i" "$(sub "$m_i" "$m_warm")" "$(sub "$c_i" "$c_start")" -
crow "kmem -s" "$(sub "$m_s" "$m_warm")" "$(sub "$c_s" "$c_start")" "$(sub "$d_s" "$d_start")"
crow "log" "$(sub "$m_log" "$m_warm")" "$(sub "$c_log" "$c_start")" -
crow "ps" "$(sub "$m_ps" "$m_warm")" "$(sub "$c_ps" "$c_start")" "$(sub "$d_ps" "$d_start")"
echo "ratio CPU warm start mmscope/drgn: $(ratio "$m_warm" "$d_start" 3)"
echo "ratio CPU kmem -f mmscope/drgn: $(ratio "$(sub "$m_f" "$m_warm")" "$(sub "$d_f" "$d_start")" 3)"
echo "ratio CPU kmem -s mmscope/drgn: $(ratio "$(sub "$m_s" "$m_warm")" "$(sub "$d_s" "$d_start")" 3)"
echo "ratio CPU ps mmscope/drgn: $(ratio "$(sub "$m_ps" "$m_warm")" "$(sub "$d_ps" "$d_start")" 3)"

printf '\nEach command, CPU milliseconds (the least of %s runs): its first run in a session, and a run of %s in one session\n' "$RUNS" "$REPEAT"
printf '%-10s  %10s %10s  %10s %10s  %12s %10s\n' "" "mmscope" "" "drgn" "" "mmscope/drgn" ""
printf '%-10s  %10s %10s  %10s %10s  %12s %10s\n' "" "first" "of $REPEAT" "first" "of $REPEAT" "first" "of $REPEAT"
# msrow LABEL M-FIRST M-REP [D-FIRST D-REP]: milliseconds, or "-"
msrow() {
	printf '%-10s' "$1"
	shift
	for v in "$@"; do
		echo "$v" | awk '$1 == "-" { printf "  %10s", "-"; next } { printf "  %10.1f", $1 }'
	done
	[ $# -ne 4 ] || printf '  %12s %10s' "$(ratio "$1" "$3")" "$(ratio "$2" "$4")"
	printf '\n'
}
ms() { per "$1" "$2" "$REPEAT" | awk '{ print $3 }'; }	# CPU ms of one of REPEAT runs
msrow "kmem -f" "$mf_f" "$(ms "$mr_f" "$m_warm")" "$df_f" "$(ms "$dr_f" "$d_start")"
msrow "kmem -s" "$mf_s" "$(ms "$mr_s" "$m_warm")" "$df_s" "$(ms "$dr_s" "$d_start")"
msrow "ps" "$mf_ps" "$(ms "$mr_ps" "$m_warm")" "$df_ps" "$(ms "$dr_ps" "$d_start")"
msrow "kmem -i" "$mf_i" "$(ms "$mr_i" "$m_warm")"
msrow "log" "$mf_log" "$(ms "$mr_log" "$m_warm")"
