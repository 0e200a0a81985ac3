#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# run.sh - a transcript of every command and mode of the inspector.
#
#   tests/e2e/transcript/run.sh MMSCOPE OUTDIR [SCENARIO...]
#
# For each scenario (default: tiny default numa) it writes a dump with
# "MMSCOPE gen", probes a few of its addresses (a free page, a page in use,
# a free list, the pgdat, a per-cpu offset ...), puts them in place of the
# @NAME@ placeholders of commands.txt and runs the result in one batch
# session: OUTDIR/SCENARIO.txt holds the banner, every command echoed as
# "mmscope> LINE" with its output (stdout and stderr), and the exit status.
# OUTDIR/startup.txt holds what needs no session: -h for every command and
# topic, --version, and start-up errors.
#
# It is a tool for refactoring, not a test: keep the outputs of the code
# before a change, run it again after, and compare the two directories with
# compare.py.  Text that was right must not change.  The dumps and files the
# commands write go to $TRANSCRIPT_WORK (default /tmp/mmscope-transcript),
# the same directory on every run, so that the paths printed do not differ.
set -eu

if [ $# -lt 2 ]; then
	sed -n '4,21p' "$0" >&2
	exit 2
fi
mm=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
out=$2
shift 2
[ $# -gt 0 ] || set -- tiny default numa
here=$(cd "$(dirname "$0")" && pwd)
work=${TRANSCRIPT_WORK:-/tmp/mmscope-transcript}
tmp=$work/tmp
mkdir -p "$out" "$work" "$tmp"

# A fixed environment: the same bytes on every run.
export TZ=UTC LC_ALL=C COLUMNS=100 HOME="$work/home"
export XDG_CACHE_HOME="$work/cache" MMSCOPE_CACHE_DIR="$work/cache"
unset PAGER || true
mkdir -p "$HOME"

# One batch session on DUMP with the commands on stdin; output on stdout.
session() {
	"$mm" -s "$1"
}

# The value after " = " (or "$N = ") of a "p" line, the address of a pointer.
pval() {
	sed -n 's/^.*= \(([^)]*) \)\{0,1\}\(0x[0-9a-f]*\).*$/\2/p' | head -1 | sed 's/^0x//'
}

probe() {	# probe DUMP: sets the placeholder variables
	dump=$1
	ZONE=$(echo 'px &node_data[0]->node_zones[1]' | session "$dump" | pval)
	PGDAT=$(echo 'px (unsigned long)node_data[0]' | session "$dump" | pval)
	PCPU=$(echo 'px node_data[0]->node_zones[1].pageset' | session "$dump" | pval)
	# the first page kmem -F lists in zone 1: the head of its free list is
	# its lru.prev (it is the first entry of that list)
	FREEPAGE=$(echo 'kmem -F' | session "$dump" |
		awk '/^ZONE/ { z++ } z == 2 && /^[0-9a-f]+$/ { print; exit }')
	FLHEAD=$(echo "px ((struct page *)0x$FREEPAGE)->lru.prev" | session "$dump" | pval)
	LRUADDR=$(echo "px &((struct page *)0x$FREEPAGE)->lru" | session "$dump" | pval)
	# a page in use: the 200th row of kmem -p, and its physical address
	USEDPAGE=$(echo 'kmem -p' | session "$dump" | awk 'NR == 201 { print $1 }')
	PHYS=$(echo 'kmem -p' | session "$dump" | awk 'NR == 201 { print $2 }')
	# a direct-map address that is no page struct: the pgdat
	KVADDR=$PGDAT
	# an empty free list: the first one "list -H" finds empty, from the top order
	EMPTYHEAD=
	for o in 10 9 8 7 6 5 4 3 2 1 0; do
		for t in 4 3 2 1 0; do
			h=$(echo "px &node_data[0]->node_zones[0].free_area[$o].free_list[$t]" |
				session "$dump" | pval)
			if [ -n "$h" ] && [ "$(echo "list -H $h -o page.lru" | session "$dump")" = "(empty)" ]; then
				EMPTYHEAD=$h
				break 2
			fi
		done
	done
	for v in ZONE PGDAT PCPU FREEPAGE FLHEAD LRUADDR USEDPAGE PHYS KVADDR EMPTYHEAD; do
		eval "val=\$$v"
		if [ -z "$val" ]; then
			echo "run.sh: $dump: could not probe $v" >&2
			exit 1
		fi
	done
}

for scn in "$@"; do
	dump=$work/$scn.vmcore
	"$mm" gen -q --scenario "$scn" -o "$dump"
	probe "$dump"
	sed -e "s|@ZONE@|$ZONE|g" -e "s|@PGDAT@|$PGDAT|g" -e "s|@PCPU@|$PCPU|g" \
	    -e "s|@FREEPAGE@|$FREEPAGE|g" -e "s|@FLHEAD@|$FLHEAD|g" -e "s|@LRUADDR@|$LRUADDR|g" \
	    -e "s|@USEDPAGE@|$USEDPAGE|g" -e "s|@PHYS@|$PHYS|g" -e "s|@KVADDR@|$KVADDR|g" \
	    -e "s|@EMPTYHEAD@|$EMPTYHEAD|g" -e "s|@TMP@|$tmp|g" \
	    "$here/commands.txt" > "$work/$scn.commands"
	rm -f "$tmp"/*
	{
		rc=0
		"$mm" "$dump" < "$work/$scn.commands" 2>&1 || rc=$?
		echo "(exit status: $rc)"
	} > "$out/$scn.txt"
	echo "run.sh: $out/$scn.txt: $(grep -c '^mmscope> ' "$out/$scn.txt") commands"
done

# Start-up paths that need no session.
dump=$work/$1.vmcore
{
	for topic in alias buddyinfo eval help kmem list p pagetypeinfo ptype q rd set \
		     struct sym sys union whatis input output all exit nosuchcmd; do
		echo "== mmscope -h $topic"
		"$mm" -h "$topic" 2>&1 || echo "(exit status: $?)"
	done
	echo "== mmscope -h"
	"$mm" -h 2>&1 || echo "(exit status: $?)"
	echo "== mmscope --version"
	"$mm" --version 2>&1 || echo "(exit status: $?)"
	echo "== mmscope -z"
	"$mm" -z 2>&1 || echo "(exit status: $?)"
	echo "== mmscope nosuchfile"
	"$mm" -s "$work/nosuchfile" < /dev/null 2>&1 || echo "(exit status: $?)"
	echo "== mmscope DUMP DUMP"
	"$mm" -s "$dump" "$dump" < /dev/null 2>&1 || echo "(exit status: $?)"
	echo "== mmscope commands.txt (not a dump)"
	"$mm" -s "$here/commands.txt" < /dev/null 2>&1 || echo "(exit status: $?)"
	echo "== mmscope -s --json DUMP (kmem -z, sys, buddyinfo)"
	printf 'kmem -z\nsys\nbuddyinfo\n' | "$mm" -s --json "$dump" 2>&1 || echo "(exit status: $?)"
	echo "== mmscope -s --hex DUMP (p max_pfn)"
	echo 'p max_pfn' | "$mm" -s --hex "$dump" 2>&1 || echo "(exit status: $?)"
	echo "== mmscope -s -i FILE DUMP"
	printf 'sym node_data\nkmem -g 400\n' > "$tmp/input"
	"$mm" -s -i "$tmp/input" "$dump" < /dev/null 2>&1 || echo "(exit status: $?)"
	echo "== mmscope -s DUMP, a usage error only"
	echo 'kmem' | "$mm" -s "$dump" 2>&1 || echo "(exit status: $?)"
} > "$out/startup.txt"
echo "run.sh: $out/startup.txt"
