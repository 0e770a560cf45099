#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# testbed/vm/run.sh - boot Debian's kernel in QEMU (TCG) and run kl2tp's
# selftests there: the host itself cannot load modules.
#
# Usage: testbed/vm/run.sh --help
#
# Needs (installs nothing): qemu-system-x86, linux-image-amd64, busybox-static,
# cpio, kmod; kl2tp.ko built (make module) and tools/l2tpctl (make tool).
#
# How: an initramfs (build/vm/, cached per kernel version and init script)
# with a static busybox and the virtio + 9p modules; its /init (testbed/vm/init)
# mounts the host's / read-only over 9p and switch_root's into it, where
# testbed/vm/guest.sh mounts the project (read-only) and build/vm/out (read-write) at
# the same paths as here, runs selftests/run.sh and powers off. The guest's
# output streams to this terminal; the console is in build/vm/console.log,
# results and per-test logs in build/vm/out/.
# Exit code: 0 only if the guest ran everything, nothing failed, and the
# console shows no WARNING/BUG/Oops/panic.

set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)
VM=$ROOT/build/vm
OUT=$VM/out
CONSOLE=$VM/console.log
INIT=$ROOT/testbed/vm/init
# Loaded in this order, after their dependencies (from modules.dep); those
# built into the kernel or missing are skipped.
MODULES=(netfs fscache 9pnet 9p virtio_ring virtio 9pnet_virtio
	virtio_pci_modern_dev virtio_pci_legacy_dev virtio_pci)

mode=check
timeout=
test_timeout=
tests=()

usage() {
	cat <<'EOF'
Usage: testbed/vm/run.sh [--mode check|demo|bench] [--timeout SECS]
                           [--test-timeout SECS] [TEST...]
  --mode          check (default): the selftests, or the TESTs named;
                  demo / bench: selftests/demo.sh / bench.sh, output streamed
  --timeout       the whole guest, killed after it (default 1800; bench 7200)
  --test-timeout  each test inside the guest (default 300; bench 7000)
Environment: V=1 shows the guest console live; KVER=6.1.0-N-amd64 picks the
kernel (default: testbed/vm/kver.sh image, Debian's linux-image-amd64);
VM_SMP=N vCPUs (default 2; 1 is much faster when the host is busy);
VM_MEM=SIZE guest memory (default 1G; bench 4G: 10,000 sessions);
VM_BZIMAGE=1 boots the bzImage even when the kernel could boot as an ELF;
BENCH, BENCH_* (selftests/bench.sh's knobs) are passed to the guest.
EOF
	exit "${1:-2}"
}

die() {
	echo "vm: $*" >&2
	exit 1
}

while [ $# -gt 0 ]; do
	case $1 in
	--mode) mode=${2:?}; shift 2 ;;
	--timeout) timeout=${2:?}; shift 2 ;;
	--test-timeout) test_timeout=${2:?}; shift 2 ;;
	-h|--help) usage 0 ;;
	-*) usage ;;
	*) tests+=("$1"); shift ;;
	esac
done
case $mode in check|demo|bench) ;; *) usage ;; esac
vm_mem=${VM_MEM:-1G}
if [ "$mode" = bench ]; then
	timeout=${timeout:-7200}
	test_timeout=${test_timeout:-7000}
	vm_mem=${VM_MEM:-4G}
fi
timeout=${timeout:-1800}
test_timeout=${test_timeout:-300}
[[ $vm_mem =~ ^[1-9][0-9]*[MG]$ ]] || die "bad VM_MEM '$vm_mem' (e.g. 4G)"
# The bench's knobs reach the guest's init as NAME=VALUE on the kernel
# command line (no spaces).
bench_env=
for v in $(compgen -e | grep -E '^BENCH(_[A-Z0-9_]+)?$' || true); do
	[[ ${!v} =~ ^[A-Za-z0-9,._-]*$ ]] || die "bad $v='${!v}'"
	bench_env+=" $v=${!v}"
done
[[ $timeout =~ ^[1-9][0-9]*$ ]] || die "bad --timeout '$timeout'"
[[ $test_timeout =~ ^[1-9][0-9]*$ ]] || die "bad --test-timeout '$test_timeout'"
for t in "${tests[@]}"; do
	[[ $t =~ ^[A-Za-z0-9._/-]+$ ]] || die "bad test name '$t'"
done
# The root goes on the kernel command line (and commas into QEMU options).
[[ $ROOT =~ ^[A-Za-z0-9._/+-]+$ ]] ||
	die "the project path '$ROOT' must not contain spaces, commas or quotes"

# --- prerequisites ----------------------------------------------------------
need() { # need CMD PACKAGE
	command -v "$1" >/dev/null || die "$1 not found: install $2"
}
need qemu-system-x86_64 qemu-system-x86
need cpio cpio
need modinfo kmod
need timeout coreutils
need flock util-linux
BUSYBOX=/bin/busybox
static=
[ ! -x "$BUSYBOX" ] || static=$(LC_ALL=C ldd "$BUSYBOX" 2>&1 || true)
[[ $static == *"not a dynamic executable"* ]] || die "no static $BUSYBOX: install busybox-static"
[ -f "$ROOT/kl2tp.ko" ] || die "$ROOT/kl2tp.ko not found: make module"
[ -x "$ROOT/tools/l2tpctl" ] || echo "vm: warning: tools/l2tpctl not found (make tool)" >&2
if [ "$mode" != check ] && [ ! -f "$ROOT/selftests/$mode.sh" ]; then
	die "selftests/$mode.sh does not exist"
fi

# The guest kernel: the one Debian's linux-image-amd64 points at, else the
# newest /boot/vmlinuz-* whose modules exist.
[ -n "${KVER:-}" ] || KVER=$("$ROOT/testbed/vm/kver.sh" image)
[ -n "$KVER" ] || die "no /boot/vmlinuz-*-amd64 with /lib/modules/<version>/kernel: install linux-image-amd64"
KERNEL=/boot/vmlinuz-$KVER
MODDIR=/lib/modules/$KVER
if [ ! -f "$KERNEL" ] || [ ! -d "$MODDIR/kernel" ]; then
	die "no $KERNEL or $MODDIR/kernel: install linux-image-amd64"
fi
[ -r "$KERNEL" ] || die "cannot read $KERNEL (Debian makes it root-only): run as root"
modinfo -k "$KVER" -F vermagic "$ROOT/kl2tp.ko" 2>/dev/null | grep -q "^$KVER " ||
	echo "vm: warning: kl2tp.ko was not built for $KVER (make module KVER=$KVER)" >&2

mkdir -p "$VM"
exec 9>"$VM/.lock"
flock -n 9 || { echo "vm: waiting for another run in $VM"; flock 9; }

# Under TCG, the bzImage spends ~5 s decompressing itself. A kernel with
# CONFIG_PVH boots as a plain ELF vmlinux: extract it once (as the kernel's
# scripts/extract-vmlinux does) and boot that; else boot the bzImage.
vmlinux() {
	local v=$VM/vmlinux-$KVER magic cmd off
	if [ -f "$v" ] && [ ! "$KERNEL" -nt "$v" ]; then
		echo "$v"
		return
	fi
	[ "${VM_BZIMAGE:-0}" = 0 ] || return 1
	grep -qx 'CONFIG_PVH=y' "/boot/config-$KVER" 2>/dev/null || return 1
	for magic in '\xfd7zXZ\x00:xz -dc' '\x28\xb5\x2f\xfd:zstd -qdc' '\x1f\x8b\x08:gzip -dc'; do
		cmd=${magic#*:}
		command -v "${cmd%% *}" >/dev/null || continue
		for off in $(LC_ALL=C grep -obUaP "${magic%%:*}" "$KERNEL" | cut -d: -f1 | head -n 3); do
			tail -c +$((off + 1)) "$KERNEL" | $cmd >"$v.tmp" 2>/dev/null
			if [ "$(head -c 4 "$v.tmp" | od -An -c | tr -d ' ')" = '177ELF' ]; then
				mv "$v.tmp" "$v"
				echo "$v"
				return
			fi
		done
	done
	rm -f "$v.tmp"
	return 1
}
BOOT=$(vmlinux) || BOOT=$KERNEL

# --- initramfs ----------------------------------------------------------------
# mod_order: MODULES and their dependencies, dependencies first, as
# "name path" lines (path relative to MODDIR).
mod_order() {
	awk -v want="${MODULES[*]}" '
		function name(p) { sub(/.*\//, "", p); sub(/\.ko(\.[a-z]+)?$/, "", p); return p }
		function visit(m,   i, n, d) {
			if (m in done || !(m in path)) return
			done[m] = 1
			n = split(deps[m], d, " ")
			for (i = 1; i <= n; i++) visit(name(d[i]))
			print m, path[m]
		}
		{ sub(/:$/, "", $1); m = name($1); path[m] = $1; $1 = ""; deps[m] = $0 }
		END { n = split(want, w, " "); for (i = 1; i <= n; i++) visit(w[i]) }
	' "$MODDIR/modules.dep"
}
order=$(mod_order)
key=$( { echo "$KVER"; cat "$INIT"; echo "$order"; sha256sum <"$BUSYBOX"; } |
	sha256sum | cut -c1-16)
INITRD=$VM/initramfs-$KVER-$key.cpio
if [ ! -f "$INITRD" ]; then
	echo "vm: building $(basename "$INITRD")"
	rm -f "$VM"/initramfs-*.cpio
	stage=$(mktemp -d "$VM/initramfs.XXXXXX")
	trap 'rm -rf "$stage"' EXIT
	mkdir -p "$stage"/{bin,dev,proc,sys,newroot,lib/modules}
	cp "$BUSYBOX" "$stage/bin/busybox"
	cp "$INIT" "$stage/init"
	chmod 755 "$stage/init"
	: >"$stage/modules.load"
	while read -r m p; do
		[ -n "$m" ] || continue
		case $p in
		*.ko) cp "$MODDIR/$p" "$stage/lib/modules/$m.ko" ;;
		*.ko.xz) need xz xz-utils; xz -dc "$MODDIR/$p" >"$stage/lib/modules/$m.ko" ;;
		*.ko.zst) need zstd zstd; zstd -qdc "$MODDIR/$p" >"$stage/lib/modules/$m.ko" ;;
		*.ko.gz) gzip -dc "$MODDIR/$p" >"$stage/lib/modules/$m.ko" ;;
		*) die "unknown module file $p" ;;
		esac
		echo "$m" >>"$stage/modules.load"
	done <<<"$order"
	(cd "$stage" && find . -print0 | LC_ALL=C sort -z |
		cpio --null -o -H newc -R 0:0 --quiet) >"$INITRD.tmp"
	mv "$INITRD.tmp" "$INITRD"
	rm -rf "$stage"
	trap - EXIT
fi

# --- boot -------------------------------------------------------------------
rm -rf "$OUT"
mkdir -p "$OUT"
: >"$CONSOLE"
t_list=$(IFS=,; echo "${tests[*]}")
# mitigations=off: PTI & co. cost a lot under TCG and protect nothing here.
cmdline="console=ttyS0 panic=-1 panic_on_warn=1 oops=panic loglevel=5 mitigations=off"
[ "${V:-0}" = 0 ] || cmdline=${cmdline/loglevel=5/loglevel=7}
cmdline+=" kl2tp_root=$ROOT kl2tp_mode=$mode kl2tp_tests=$t_list"
cmdline+=" kl2tp_test_timeout=$test_timeout kl2tp_verbose=${V:-0}$bench_env"
echo "vm: kernel $KVER, $mode${tests[*]:+ ${tests[*]}}, ${vm_mem} memory, timeout ${timeout}s${bench_env}"

vfs=local,security_model=none,multidevs=remap
qemu=(qemu-system-x86_64 -accel tcg -m "$vm_mem" -smp "${VM_SMP:-2}" -nographic -nodefaults
	-no-reboot -monitor none -serial "file:$CONSOLE"
	-kernel "$BOOT" -initrd "$INITRD" -append "$cmdline"
	-virtfs "$vfs,path=/,mount_tag=hostroot,readonly=on"
	-virtfs "$vfs,path=$ROOT,mount_tag=project,readonly=on"
	-virtfs "$vfs,path=$OUT,mount_tag=results")

start=$(date +%s%N)
timeout -k 5 "$timeout" "${qemu[@]}" </dev/null >"$VM/qemu.log" 2>&1 &
qpid=$!
# Follow the guest's output (V=1: its whole console) until QEMU exits.
follow=$OUT/stream.log
[ "${V:-0}" = 0 ] || follow=$CONSOLE
tail -n +1 -F -s 0.2 --pid="$qpid" "$follow" 2>/dev/null &
tpid=$!
rc=0
wait "$qpid" || rc=$?
secs=$((($(date +%s%N) - start) / 1000000))
wait "$tpid" || true
secs=$(printf '%d.%03d' $((secs / 1000)) $((secs % 1000)))

# --- verdict ----------------------------------------------------------------
# The console has the kernel's messages and our per-test markers (with V=1,
# the guest's output too). Only kernel lines count as complaints:
# "[    1.234567] ..." (printk time has 6 decimals, lib.sh's log 3).
console=$(sed 's/\x1b\[[0-9;?]*[A-Za-z]//g; s/\x1bc//g; s/\r//g' "$CONSOLE")
complaint='^\[ *[0-9]+\.[0-9]{6}\] .*(WARNING:|BUG:|Oops|Kernel panic|general protection|UBSAN|KASAN|refcount_t:|ODEBUG:|ref_tracker|unregister_netdevice: waiting|Call Trace)'
last_test=$(sed -n 's/.*kl2tp-selftests: test //p' <<<"$console" | tail -n 1)
failed=0
died=
if [ "$rc" = 124 ] || [ "$rc" = 137 ]; then
	died="timed out after ${timeout}s (killed)"
elif [ "$rc" != 0 ]; then
	died="qemu exited with $rc: $(head -c 2000 "$VM/qemu.log")"
elif [ ! -f "$OUT/status" ]; then
	died="died before writing its result"
fi
if [ -n "$died" ]; then
	failed=1
	echo "vm: FAIL: the guest $died${last_test:+, during test $last_test}"
	if [ "${V:-0}" = 0 ]; then
		echo "vm: ---- end of the console ($CONSOLE) ----"
		tail -n 100 <<<"$console"
		echo "vm: ----"
	fi
else
	[ "$(cat "$OUT/status")" = 0 ] || failed=1
	if grep -qE "$complaint" <<<"$console"; then
		failed=1
		echo "vm: FAIL: the kernel complained on the console (line: text):"
		grep -nE -A 25 "$complaint" <<<"$console" | head -n 80 | sed 's/^/    /'
	fi
fi
echo "vm: guest ran ${secs}s; logs in ${OUT#"$ROOT"/}/"
exit "$failed"
