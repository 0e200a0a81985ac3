#!/usr/bin/env bash
# make-dump.sh - real Linux x86-64 crash dumps for mmscope's tests, made from
# Debian packages alone.
#
#   tests/linux/make-dump.sh            build the fixture unless it is cached;
#                                       print its directory
#   tests/linux/make-dump.sh --dir      print the cached fixture's directory
#                                       (exit 1 when there is none, or it is
#                                       stale)
#   tests/linux/make-dump.sh --rebuild  build it again
#   tests/linux/make-dump.sh --name     print the fixture's name in the cache
#                                       (VERSION, or VERSION-FLAVOUR)
#
# By default the kernel is Debian's amd64 flavour at the archive's candidate
# version, with two dumps (nokaslr and kaslr).  MMSCOPE_LINUX_VERSION and
# MMSCOPE_LINUX_FLAVOUR name another kernel: another version of the same
# series (6.1.176-1), another flavour (rt-amd64: PREEMPT_RT; cloud-amd64), or
# both; such a named kernel gets the kaslr dump only unless
# MMSCOPE_LINUX_DUMPS says otherwise.  Each is cached in its own directory.
# Measured for 6.1.192-3: rt-amd64 and cloud-amd64 ship qemu_fw_cfg.ko and
# pvpanic*.ko as amd64 does (FW_CFG_SYSFS=m, PVPANIC_MMIO=m); their kaslr
# fixtures took 7.5 and 10 minutes here under load, about 810 MB each (the
# cloud -dbg package is 283 MB, the others 860 MB).  make check-linux runs
# them with MMSCOPE_LINUX_KERNELS (tests/linux.mk, doc/HACKING.md).
#
# What it does:
#  1. Resolves the kernel: the candidate version of linux-image-FLAVOUR-dbg
#     (apt-cache policy), then the other versions the archive offers, then a
#     pinned fallback; the metapackage's Depends names the ABI (6.1.0-NN).
#     The image (-unsigned, else signed) and -dbg packages of that same
#     version are fetched with apt-get download.
#  2. Takes vmlinux out of the 860 MB -dbg package without installing it
#     (dpkg-deb --fsys-tarfile | tar --occurrence=1: tar stops at the member,
#     dpkg-deb then dies of SIGPIPE), strips its .rela.* sections (633 MB ->
#     303 MB; crash, drgn and mmscope read it all the same), and takes
#     vmlinuz, config and the modules qemu_fw_cfg and pvpanic* from the image
#     (a flavour whose config builds one of them in needs no .ko of it; one
#     that has neither is refused with its name).
#  3. Builds a byte-reproducible initramfs (mkinitramfs.py): the static
#     busybox, tests/linux/init, tests/linux/workload (built with gcc -static)
#     and the modules.
#  4. Boots it twice under QEMU/TCG (no KVM here), "nokaslr" and "kaslr",
#     with -device vmcoreinfo (VMCOREINFO, KERNELOFFSET included, in the
#     dump) and -device pvpanic -action panic=pause.  /init starts the
#     workload and prints the oracle blocks on the serial console; when the
#     host has read them all it answers "panic" on the serial line and the
#     guest panics through /proc/sysrq-trigger; QEMU stops inside panic().
#     From that one stopped VM:
#       vmcore.elf  dump-guest-memory, ELF, paging=false (QEMU's own bytes)
#       vmcore.d31  makedumpfile -c -d 31 of it (after elf-phdr-fixup.py on a
#                   temporary copy: makedumpfile 1.7.2 needs e_phoff == 64)
#  5. Splits the console log into oracle/ (oracle-split.py), runs crash 8.0.2
#     and drgn 0.0.22 on vmcore.d31 into crash/ and drgn/, writes MANIFEST.
#
# The fixture, per Debian package version and flavour:
#   ${MMSCOPE_LINUX_CACHE:-${XDG_CACHE_HOME:-~/.cache}/mmscope/linux}/NAME/
#     NAME is VERSION for the amd64 flavour, VERSION-FLAVOUR for the others
#     MANIFEST        versions, sizes, build id, commands, times
#     vmlinux vmlinuz config modules/*.ko initrd.cpio.gz
#     nokaslr/ kaslr/ (those of MANIFEST's "dumps") console.log vmcore.elf vmcore.d31 makedumpfile.log
#                     oracle/{ps,stat,meminfo,buddyinfo,slabinfo,vmallocinfo,
#                       zoneinfo,pagetypeinfo,vmstat,iomem,kallsyms,osrelease,
#                       version,hostname,uname,cmdline,cpus-online}.txt
#                     oracle/maps/PID (see oracle-split.py)
#                     crash/{sys,kmem-f,kmem-i,kmem-s,kmem-v,kmem-V,kmem-z,log,
#                       ps}.txt crash/session.log   drgn/{tasks,free}.txt
# It is built in a temporary directory beside it and renamed into place only
# when complete, under a lock, so a failed or concurrent run never leaves a
# half-made fixture under the final name.  MANIFEST's "recipe" is a hash of
# the files the guest and the oracles are made from (RECIPE_FILES): when they
# change, the fixture is stale and is built again (from the same kernel files
# when the version has not changed).  After a successful build of the
# archive's candidate the fixtures of other versions of the same flavour are
# removed, except those built for a named version (MANIFEST "pinned: yes");
# MMSCOPE_LINUX_KEEP_OLD=1 keeps them all.
# A fresh build takes about 2.5 minutes here (each TCG boot about 25 s),
# 930 MB of download, 2 GB of disk at its peak and 1.4 GB in the cache; a
# cached run costs one apt-cache look-up.
#
# Environment:
#   MMSCOPE_LINUX_VERSION=V   use Debian kernel package version V (6.1.176-1)
#   MMSCOPE_LINUX_FLAVOUR=F   use Debian's kernel flavour F: amd64 (default),
#                             cloud-amd64, rt-amd64
#   MMSCOPE_LINUX_DUMPS="D.." the dumps to make, of nokaslr and kaslr (both
#                             for the default kernel, kaslr for a named one)
#   MMSCOPE_LINUX_CACHE=DIR   cache directory (see above)
#   MMSCOPE_LINUX_DEBS=DIR    keep the two .debs in DIR and reuse them
#                             (default: downloaded, then deleted)
#   MMSCOPE_LINUX_STRIP=0     keep vmlinux's .rela.* sections
#   MMSCOPE_LINUX_KEEP_OLD=1  keep the fixtures of other versions
#   MMSCOPE_LINUX_TIMEOUT=S   seconds a guest may take to panic (900)
#
# Debian packages it needs (./dev check-linux installs them): qemu-system-x86
# busybox-static makedumpfile crash python3-drgn python3-libkdumpfile
# build-essential (gcc, libc6-dev, binutils).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
PY=/usr/bin/python3		# Debian's, with drgn (not a pyenv shim)
FALLBACK_VERSION=6.1.176-1	# Debian 12.x point release kernel (6.1.0-50)
GUEST_MEM=512M
PANIC_LINE='Kernel panic - not syncing'
# What the fixture is made from, besides the kernel: a change to any of these
# files (or to FIXTURE_FORMAT, bumped by hand when this script starts making
# something else) makes the cached fixture stale, and it is built again.
FIXTURE_FORMAT=1
RECIPE_FILES="init workload.c mkinitramfs.py oracle-split.py crash-oracle.cmds
drgn-oracle.py elf-phdr-fixup.py"
cache=${MMSCOPE_LINUX_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/mmscope/linux}
flavour=${MMSCOPE_LINUX_FLAVOUR:-amd64}
case $flavour in
*[!a-z0-9-]* | "") echo "make-dump: error: bad MMSCOPE_LINUX_FLAVOUR '$flavour'" >&2; exit 1 ;;
esac
# a named kernel (version or flavour) gets one dump unless told otherwise
if [ -n "${MMSCOPE_LINUX_VERSION:-}" ] || [ "$flavour" != amd64 ]; then
	dumps=${MMSCOPE_LINUX_DUMPS:-kaslr}
else
	dumps=${MMSCOPE_LINUX_DUMPS:-nokaslr kaslr}
fi
for d in $dumps; do
	case $d in nokaslr | kaslr) ;;
	*) echo "make-dump: error: MMSCOPE_LINUX_DUMPS: '$d' is neither nokaslr nor kaslr" >&2; exit 1 ;;
	esac
done
dumps=$(echo $dumps)	# one space between names
[ -n "$dumps" ] || { echo "make-dump: error: MMSCOPE_LINUX_DUMPS is empty" >&2; exit 1; }

say() { printf 'make-dump: %s\n' "$*" >&2; }
die() { say "error: $*"; exit 1; }
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

need_tools() {
	local t missing=()
	for t in qemu-system-x86_64:qemu-system-x86 busybox:busybox-static \
		makedumpfile:makedumpfile crash:crash drgn:python3-drgn \
		gcc:build-essential objcopy:binutils dpkg-deb:dpkg \
		apt-get:apt flock:util-linux; do
		command -v "${t%%:*}" >/dev/null || missing+=("${t#*:}")
	done
	[ -x "$PY" ] || missing+=(python3)
	$PY -c 'import kdumpfile' 2>/dev/null || missing+=(python3-libkdumpfile)
	[ ${#missing[@]} -eq 0 ] ||
		die "missing Debian packages: ${missing[*]} (./dev check-linux installs them)"
	# a dynamic busybox cannot run in the initramfs
	LC_ALL=C readelf -l /bin/busybox | grep -q 'Requesting program interpreter' &&
		die "/bin/busybox is dynamically linked: install busybox-static"
	return 0
}

recipe() {
	(cd "$here" && echo "format $FIXTURE_FORMAT mem $GUEST_MEM strip ${MMSCOPE_LINUX_STRIP:-1}" &&
		sha256sum $RECIPE_FILES) | sha256sum | cut -c1-16
}

# fixture_dir VERSION: the fixture's directory
fixture_dir() {
	if [ "$flavour" = amd64 ]; then
		echo "$cache/$1"
	else
		echo "$cache/$1-$flavour"
	fi
}

# fixture_ok DIR: a complete fixture made from today's recipe, with the dumps
# asked for
fixture_ok() {
	local d
	[ -f "$1/MANIFEST" ] && grep -qx "recipe: $(recipe)" "$1/MANIFEST" || return 1
	for d in $dumps; do
		[ -f "$1/$d/vmcore.d31" ] || return 1
	done
}

# --- which kernel: "VERSION ABI IMAGE-PACKAGE DBG-PACKAGE" ---

archive_versions() {	# the candidate first, then the rest of the version table
	LC_ALL=C apt-cache policy "linux-image-$flavour-dbg" 2>/dev/null | awk '
		/^  Candidate:/ && $2 != "(none)" { print $2 }
		/^ (\*\*\*| )   *[0-9][^ ]* [0-9]+$/ { print ($1 == "***") ? $2 : $1 }'
}

resolve_one() {		# resolve_one VERSION [ABI]
	local v=$1 abi=${2:-} img dbg
	if [ -z "$abi" ]; then
		abi=$(LC_ALL=C apt-cache show "linux-image-$flavour-dbg=$v" 2>/dev/null |
			sed -n "s/^Depends:.*linux-image-\([0-9][0-9.]*-[0-9][0-9]*\)-$flavour-dbg.*/\1/p" |
			head -1)
		[ -n "$abi" ] || return 1
	fi
	dbg=linux-image-$abi-$flavour-dbg
	apt-cache show "$dbg=$v" >/dev/null 2>&1 || return 1
	for img in "linux-image-$abi-$flavour-unsigned" "linux-image-$abi-$flavour"; do
		if apt-cache show "$img=$v" >/dev/null 2>&1; then
			echo "$v $abi $img $dbg"
			return 0
		fi
	done
	return 1
}

resolve() {
	local v seen=" "
	if [ -n "${MMSCOPE_LINUX_VERSION:-}" ]; then
		resolve_one "$MMSCOPE_LINUX_VERSION" && return 0
		# a cached fixture needs no archive
		[ -f "$(fixture_dir "$MMSCOPE_LINUX_VERSION")/MANIFEST" ] &&
			{ echo "$MMSCOPE_LINUX_VERSION - - -"; return 0; }
		die "kernel $MMSCOPE_LINUX_VERSION: no linux-image-$flavour-dbg of that version in the archive (apt-get update?)"
	fi
	# the archive's candidate, cached already: no more questions to apt
	v=$(archive_versions | head -1)
	if [ "$mode" != rebuild ] && [ -n "$v" ] && fixture_ok "$(fixture_dir "$v")"; then
		echo "$v - - -"
		return 0
	fi
	for v in $(archive_versions) "$FALLBACK_VERSION"; do
		case $seen in *" $v "*) continue ;; esac
		seen="$seen$v "
		resolve_one "$v" && return 0
		# the pinned fallback is not always listed under the metapackage
		[ "$v" = "$FALLBACK_VERSION" ] && resolve_one "$v" 6.1.0-50 && return 0
	done
	# offline, or no package lists: the newest fixture already cached
	v=$(grep -lx "kernel.flavour: $flavour" "$cache"/*/MANIFEST 2>/dev/null |
		xargs -r grep -h '^kernel.version: ' | sed 's/^kernel.version: //' |
		sort -V | tail -1)
	[ -n "$v" ] || [ "$flavour" != amd64 ] ||	# fixtures of before the flavours
		v=$(ls -d "$cache"/*/MANIFEST 2>/dev/null | sed 's|/MANIFEST$||; s|.*/||' |
			grep -v -- '-[a-z]' | sort -V | tail -1)
	[ -n "$v" ] && { say "no kernel found with apt-cache; using the cached $v"; echo "$v - - -"; return 0; }
	return 1
}

# --- building ---

tmp= qemu_pid= sockdir=
cleanup() {
	if [ -n "$qemu_pid" ]; then
		kill "$qemu_pid" 2>/dev/null || true
		wait "$qemu_pid" 2>/dev/null || true
	fi
	[ -z "$sockdir" ] || rm -rf "$sockdir"
	[ -z "$tmp" ] || rm -rf "$tmp"
}

manifest() { printf '%s: %s\n' "$1" "$2" >> "$tmp/MANIFEST"; }
size_of() { stat -c %s "$1"; }

fetch_debs() {		# fetch_debs DIR: the two .debs into DIR
	local dir=$1 p
	mkdir -p "$dir"
	for p in "$img_pkg" "$dbg_pkg"; do
		ls "$dir/${p}_${version}_amd64.deb" >/dev/null 2>&1 && continue
		# apt-get download as root warns that it runs unsandboxed
		(cd "$dir" && apt-get download -q "$p=$version" 2>&1 |
			grep -v 'Download is performed unsandboxed' >&2) || true
		[ -s "$dir/${p}_${version}_amd64.deb" ] ||
			die "apt-get download $p=$version failed"
	done
}

# reuse_kernel DIR: take the kernel files of an older fixture of this version
reuse_kernel() {
	local old=$1 f
	[ -f "$old/MANIFEST" ] && [ -d "$old/modules" ] || return 1
	grep -qx "kernel.release: $abi-$flavour" "$old/MANIFEST" || return 1
	grep -qx "vmlinux.stripped: $(strip_mode)" "$old/MANIFEST" || return 1
	mkdir -p "$tmp/modules"
	for f in vmlinux vmlinuz config "$old"/modules/*.ko; do
		f=${f#"$old"/}
		if ! { ln "$old/$f" "$tmp/$f" 2>/dev/null || cp -p "$old/$f" "$tmp/$f"; }; then
			rm -rf "$tmp/vmlinux" "$tmp/vmlinuz" "$tmp/config" "$tmp/modules"
			return 1
		fi
	done
	grep -E '^(package\.|vmlinux\.)' "$old/MANIFEST" >> "$tmp/MANIFEST"
	manifest kernel.reused "from the fixture built $(sed -n 's/^created: //p' "$old/MANIFEST")"
}

strip_mode() {
	if [ "${MMSCOPE_LINUX_STRIP:-1}" = 0 ]; then
		echo no
	else
		echo "objcopy --remove-section='.rela.*'"
	fi
}

extract_kernel() {
	local debs=${MMSCOPE_LINUX_DEBS:-$tmp/debs} x=$tmp/x t
	local img_deb dbg_deb rel=$abi-$flavour
	t=$(now)
	if reuse_kernel "$(fixture_dir "$version")"; then
		say "kernel files taken from the stale fixture of the same version"
		return 0
	fi
	fetch_debs "$debs"
	img_deb=$debs/${img_pkg}_${version}_amd64.deb
	dbg_deb=$debs/${dbg_pkg}_${version}_amd64.deb
	manifest download.seconds "$(since "$t")"
	manifest package.image "$img_pkg $version $(size_of "$img_deb")"
	manifest package.dbg "$dbg_pkg $version $(size_of "$dbg_deb")"

	t=$(now)
	mkdir -p "$x"
	{ dpkg-deb --fsys-tarfile "$dbg_deb" 2>/dev/null || true; } |
		tar -x --occurrence=1 -C "$x" "./usr/lib/debug/boot/vmlinux-$rel" ||
		die "no ./usr/lib/debug/boot/vmlinux-$rel in $dbg_deb"
	# the modules may be missing from a flavour that builds them in:
	# make_initramfs decides from the config
	dpkg-deb --fsys-tarfile "$img_deb" | tar -x -C "$x" --wildcards \
		"./boot/vmlinuz-$rel" "./boot/config-$rel" \
		"./lib/modules/$rel/kernel/drivers/firmware/qemu_fw_cfg.ko" \
		"./lib/modules/$rel/kernel/drivers/misc/pvpanic/*.ko" 2>/dev/null ||
		[ -f "$x/boot/vmlinuz-$rel" ] && [ -f "$x/boot/config-$rel" ] ||
		die "no ./boot/vmlinuz-$rel or ./boot/config-$rel in $img_deb"
	[ -n "${MMSCOPE_LINUX_DEBS:-}" ] || rm -rf "$tmp/debs"
	manifest vmlinux.full_size "$(size_of "$x/usr/lib/debug/boot/vmlinux-$rel")"
	if [ "${MMSCOPE_LINUX_STRIP:-1}" = 0 ]; then
		mv "$x/usr/lib/debug/boot/vmlinux-$rel" "$tmp/vmlinux"
	else
		objcopy --remove-section='.rela.*' \
			"$x/usr/lib/debug/boot/vmlinux-$rel" "$tmp/vmlinux"
	fi
	manifest vmlinux.stripped "$(strip_mode)"
	mv "$x/boot/vmlinuz-$rel" "$tmp/vmlinuz"
	mv "$x/boot/config-$rel" "$tmp/config"
	mkdir -p "$tmp/modules"
	[ ! -d "$x/lib/modules" ] ||
		find "$x/lib/modules" -name '*.ko' -exec mv {} "$tmp/modules/" \;
	rm -rf "$x"
	manifest vmlinux.size "$(size_of "$tmp/vmlinux")"
	manifest vmlinux.build_id "$(LC_ALL=C readelf -n "$tmp/vmlinux" |
		sed -n 's/.*Build ID: //p' | head -1)"
	manifest extract.seconds "$(since "$t")"
}

make_initramfs() {
	local m entries=()
	gcc -static -O2 -Wall -Wextra -Werror -pthread \
		-o "$tmp/workload" "$here/workload.c"
	entries=(dir:bin dir:dev dir:proc dir:sys dir:tmp dir:lib dir:lib/modules
		chr:dev/console=5,1 chr:dev/null=1,3:666
		file:init="$here/init":755 file:bin/busybox=/bin/busybox:755
		file:bin/workload="$tmp/workload":755)
	# module and the config symbol that builds it in; /init loads those
	# that are there
	for m in qemu_fw_cfg:FW_CFG_SYSFS pvpanic:PVPANIC pvpanic-mmio:PVPANIC_MMIO; do
		if [ -f "$tmp/modules/${m%%:*}.ko" ]; then
			entries+=("file:lib/modules/${m%%:*}.ko=$tmp/modules/${m%%:*}.ko:644")
		elif grep -qx "CONFIG_${m#*:}=y" "$tmp/config"; then
			manifest "initrd.builtin.${m%%:*}" "CONFIG_${m#*:}=y"
		else
			die "$img_pkg has no ${m%%:*}.ko and does not build it in (CONFIG_${m#*:}): QEMU could not stop the guest in its panic or copy VMCOREINFO"
		fi
	done
	$PY "$here/mkinitramfs.py" "$tmp/initrd.cpio.gz" "${entries[@]}"
	rm -f "$tmp/workload"
	manifest initrd "$(size_of "$tmp/initrd.cpio.gz") sha256 $(sha256sum < "$tmp/initrd.cpio.gz" | cut -d' ' -f1)"
	manifest initrd.busybox "$(busybox 2>&1 | head -1)"
	manifest initrd.gcc "$(gcc -dumpfullversion) $(dpkg-query -W -f='libc6-dev ${Version}' libc6-dev 2>/dev/null || true)"
}

qmp() { $PY "$here/qmp.py" "$sockdir/qmp" "$@"; }

wait_console() {	# wait_console NAME TEXT DEADLINE
	local d=$tmp/$1
	until grep -q "$2" "$d/console.log" 2>/dev/null; do
		if ! kill -0 "$qemu_pid" 2>/dev/null; then
			tail -20 "$d/console.log" "$d/qemu.log" >&2 || true
			die "QEMU ($1) exited before the guest printed '$2'"
		fi
		# a guest that panics too early stays paused: say so at once
		if [ "$2" != "$PANIC_LINE" ] && grep -q "$PANIC_LINE" "$d/console.log" 2>/dev/null; then
			tail -40 "$d/console.log" >&2 || true
			die "guest $1 panicked before it printed '$2'"
		fi
		if [ "$(date +%s)" -ge "$3" ]; then
			tail -20 "$d/console.log" >&2 || true
			die "guest $1 did not print '$2' within ${MMSCOPE_LINUX_TIMEOUT:-900} s"
		fi
		sleep 0.5
	done
}

boot_and_dump() {	# boot_and_dump NAME KERNEL-ARGS...
	local name=$1 d=$tmp/$1 t deadline append status
	shift
	append="console=ttyS0 panic=0 $*"
	mkdir -p "$d"
	t=$(now)
	# the console is a socket, so that the host can answer the guest; QEMU
	# logs all of its output
	local cmd=(qemu-system-x86_64 -accel tcg -m "$GUEST_MEM" -smp 2
		-kernel "$tmp/vmlinuz" -initrd "$tmp/initrd.cpio.gz"
		-append "$append" -display none -vga none -nodefaults -no-reboot
		-chardev "socket,id=con,path=$sockdir/console,server=on,wait=off,logfile=$d/console.log"
		-serial chardev:con -device pvpanic -action panic=pause
		-device vmcoreinfo -qmp "unix:$sockdir/qmp,server=on,wait=off")
	manifest "$name.qemu" "$(qemu-system-x86_64 --version | head -1)"
	manifest "$name.command" "${cmd[*]//$tmp\//}"
	nice "${cmd[@]}" </dev/null >"$d/qemu.log" 2>&1 &
	qemu_pid=$!
	deadline=$(( $(date +%s) + ${MMSCOPE_LINUX_TIMEOUT:-900} ))
	wait_console "$name" MMSCOPE-ORACLE-DONE "$deadline"
	# the guest has printed all of its oracle: let it panic
	$PY -c 'import socket, sys
s = socket.socket(socket.AF_UNIX); s.connect(sys.argv[1]); s.sendall(b"panic\n"); s.close()' \
		"$sockdir/console"
	wait_console "$name" "$PANIC_LINE" "$deadline"
	# pvpanic: QEMU pauses the guest inside panic(), other CPUs stopped
	status=
	for _ in $(seq 60); do
		status=$(qmp query-status)
		case $status in *guest-panicked*) break ;; esac
		sleep 1
	done
	case $status in *guest-panicked*) ;; *) die "guest $name is not paused in its panic: $status" ;; esac
	manifest "$name.boot_seconds" "$(since "$t")"
	t=$(now)
	qmp dump-guest-memory "{\"paging\": false, \"protocol\": \"file:$d/vmcore.elf\"}" >/dev/null
	manifest "$name.dump_command" 'dump-guest-memory {"paging": false, "protocol": "file:vmcore.elf"}'
	manifest "$name.dump_seconds" "$(since "$t")"
	qmp quit >/dev/null 2>&1 || true
	wait "$qemu_pid" 2>/dev/null || true
	qemu_pid=
	rm -f "$sockdir/qmp"
	[ -s "$d/vmcore.elf" ] || die "QEMU wrote no $name/vmcore.elf"
	manifest "$name.vmcore.elf" "$(size_of "$d/vmcore.elf")"

	t=$(now)
	cp "$d/vmcore.elf" "$d/fixed.elf"
	$PY "$here/elf-phdr-fixup.py" "$d/fixed.elf"
	makedumpfile -c -d 31 "$d/fixed.elf" "$d/vmcore.d31" \
		>"$d/makedumpfile.log" 2>&1 ||
		{ cat "$d/makedumpfile.log" >&2; die "makedumpfile failed on $name"; }
	rm -f "$d/fixed.elf"
	manifest "$name.d31_command" "makedumpfile -c -d 31 vmcore.elf vmcore.d31 (program headers moved to offset 64 first)"
	manifest "$name.vmcore.d31" "$(size_of "$d/vmcore.d31")"
	manifest "$name.makedumpfile_seconds" "$(since "$t")"

	$PY "$here/oracle-split.py" "$d/console.log" "$d/oracle"
	manifest "$name.oracle" "$(wc -l < "$d/oracle/ps.txt") ps lines, $(ls "$d/oracle/maps" | wc -l) maps"
}

run_oracles() {		# run_oracles NAME: crash and drgn on vmcore.d31
	local name=$1 d=$tmp/$1 t rc
	mkdir -p "$d/crash"
	t=$(now)
	rc=0
	(cd "$d" && timeout -s KILL 900 nice crash -s ../vmlinux vmcore.d31 \
		< "$here/crash-oracle.cmds" > crash/session.log 2>&1) || rc=$?
	manifest "$name.crash" "rc $rc, $(since "$t") s: $(crash --version 2>/dev/null | grep -m1 '^crash')"
	t=$(now)
	rc=0
	(cd "$d" && timeout -s KILL 900 nice drgn -q -c vmcore.d31 -s ../vmlinux \
		--no-default-symbols "$here/drgn-oracle.py" drgn \
		> drgn.log 2>&1) || rc=$?
	manifest "$name.drgn" "rc $rc, $(since "$t") s: drgn $($PY -c 'import drgn; print(drgn.__version__)')"
}

build() {
	local t0 final old= d name
	final=$(fixture_dir "$version")
	name=${final##*/}
	t0=$(now)
	tmp=$cache/.tmp-$name
	sockdir=$(mktemp -d)
	rm -rf "$tmp"
	mkdir -p "$tmp"
	manifest fixture "mmscope real Linux dumps (tests/linux/make-dump.sh)"
	manifest recipe "$(recipe)"
	manifest created "$(date -u +%FT%TZ)"
	manifest kernel.version "$version"
	manifest kernel.flavour "$flavour"
	manifest kernel.release "$abi-$flavour"
	manifest dumps "$dumps"
	[ -z "${MMSCOPE_LINUX_VERSION:-}" ] || manifest pinned yes
	manifest host "$(. /etc/os-release && echo "$PRETTY_NAME") $(uname -m)"
	say "kernel $abi-$flavour ($version), dumps: $dumps"
	extract_kernel
	make_initramfs
	for d in $dumps; do
		say "booting the $d guest (TCG: a few minutes)"
		if [ "$d" = nokaslr ]; then
			boot_and_dump nokaslr nokaslr
		else
			boot_and_dump kaslr
		fi
	done
	say "running crash and drgn on the dumps"
	for d in $dumps; do
		run_oracles "$d"
	done
	chmod -R a+rX,go-w "$tmp"
	chmod a-w "$tmp"/*/vmcore.* "$tmp/vmlinux" "$tmp/vmlinuz"
	manifest total_seconds "$(since "$t0")"
	manifest disk_bytes "$(du -sb "$tmp" | cut -f1)"
	if [ -e "$final" ]; then
		old=$cache/.old-$name
		rm -rf "$old"
		mv "$final" "$old"
	fi
	mv "$tmp" "$final"
	tmp=
	[ -z "$old" ] || rm -rf "$old"
	# the archive's candidate replaces the older fixtures of its flavour,
	# not those of a named version or of another flavour
	if [ "${MMSCOPE_LINUX_KEEP_OLD:-0}" != 1 ] && [ -z "${MMSCOPE_LINUX_VERSION:-}" ]; then
		for m in "$cache"/*/MANIFEST; do
			[ -f "$m" ] && [ "${m%/MANIFEST}" != "$final" ] || continue
			grep -qx 'pinned: yes' "$m" && continue
			if [ "$flavour" = amd64 ]; then	# older fixtures name no flavour
				grep -q '^kernel.flavour: ' "$m" &&
					! grep -qx 'kernel.flavour: amd64' "$m" && continue
			else
				grep -qx "kernel.flavour: $flavour" "$m" || continue
			fi
			say "removing the older fixture ${m%/MANIFEST}"
			rm -rf "${m%/MANIFEST}"
		done
	fi
	say "fixture ready in $(since "$t0") s: $final"
}

mode=build
case ${1:-} in
"") ;;
--dir) mode=dir ;;
--rebuild) mode=rebuild ;;
--name) mode=name ;;
*) sed -n '2,11p' "$0" >&2; exit 2 ;;
esac

if [ "$mode" = dir ] || [ "$mode" = name ]; then
	read -r version abi img_pkg dbg_pkg < <(resolve) || exit 1
	final=$(fixture_dir "$version")
	if [ "$mode" = name ]; then
		echo "${final##*/}"
		exit 0
	fi
	[ -f "$final/MANIFEST" ] || { say "no fixture for kernel $version ($flavour) in $cache"; exit 1; }
	fixture_ok "$final" ||
		{ say "the fixture in $final is stale or lacks a dump of '$dumps': run $0"; exit 1; }
	echo "$final"
	exit 0
fi

need_tools
if ! resolved=$(resolve); then
	if [ "$(id -u)" = 0 ]; then
		say "no Linux kernel package known to apt-cache: apt-get update"
		apt-get update -qq
		resolved=$(resolve) || die "no linux-image-$flavour-dbg in the archive"
	else
		die "no linux-image-$flavour-dbg known to apt-cache (run apt-get update)"
	fi
fi
read -r version abi img_pkg dbg_pkg <<< "$resolved"
mkdir -p "$cache"
exec 8>"$cache/.lock"
flock 8
final=$(fixture_dir "$version")
if [ "$mode" = build ] && fixture_ok "$final"; then
	echo "$final"
	exit 0
fi
[ "$abi" != - ] || die "kernel $version is cached incompletely and not in the archive"
rm -rf "$cache"/.tmp-* "$cache"/.old-*	# left by killed runs (we hold the lock)
[ ! -f "$final/MANIFEST" ] || say "the fixture in $final is stale, lacks a dump, or --rebuild: building it again"
trap cleanup EXIT
trap 'exit 130' INT TERM
build
echo "$final"
