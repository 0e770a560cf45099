#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# PID 1 of the test VM, started by the initramfs /init after switch_root into
# the host's root (read-only 9p). Makes the system usable, mounts the project
# and the results directory over 9p at the same paths as on the host, runs
# selftests/run.sh and powers off. Its exit code goes to build/vm/out/status;
# no status file means the guest died.
#
# From the kernel command line (via init's environment):
#   kl2tp_root=DIR  kl2tp_mode=check|demo|bench  kl2tp_tests=A,B,...
#   kl2tp_test_timeout=SECS  kl2tp_verbose=0|1

set -u
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
export HOME=/root LANG=C.UTF-8 TERM=dumb KL2TP_VM=1

root=${kl2tp_root:-}
mode=${kl2tp_mode:-check}
tests=${kl2tp_tests:-}
test_timeout=${kl2tp_test_timeout:-300}
verbose=${kl2tp_verbose:-0}
unset kl2tp_root kl2tp_mode kl2tp_tests kl2tp_test_timeout kl2tp_verbose
# The set-up uses the static busybox (busybox-static): under TCG, each exec of
# a dynamic binary costs ~0.1 s.
bb=/bin/busybox

power_off() {
	$bb sync
	$bb poweroff -f 2>/dev/null
	echo o >/proc/sysrq-trigger
	$bb sleep 30
}
trap power_off EXIT

die() {
	echo "guest: $*" >&2
	exit 1
}

mounted() {
	local _dev dir _rest
	while read -r _dev dir _rest; do
		[ "$dir" != "$1" ] || return 0
	done </proc/mounts
	return 1
}

# mnt TYPE DIR [OPTIONS]
mnt() {
	mounted "$2" && return 0
	$bb mkdir -p "$2" 2>/dev/null
	$bb mount -t "$1" -o "${3:-defaults}" "$1" "$2" || die "cannot mount $1 on $2"
}

# Before our proc is mounted, /proc is the host's (through 9p, QEMU's view):
# mount it unconditionally.
$bb mount -t proc -o nosuid,nodev,noexec proc /proc || die "cannot mount proc"
mnt sysfs /sys nosuid,nodev,noexec
mnt devtmpfs /dev nosuid,mode=0755
mnt devpts /dev/pts nosuid,noexec,gid=5,mode=0620,ptmxmode=0666
mnt tmpfs /dev/shm nosuid,nodev
mnt tmpfs /run nosuid,nodev,mode=0755
mnt tmpfs /tmp nosuid,nodev,mode=1777
mnt tmpfs /var/tmp nosuid,nodev,mode=1777
mnt tmpfs /var/log nosuid,nodev,mode=0755
mnt tmpfs /root nosuid,nodev,mode=0700
$bb mount -t debugfs -o nosuid,nodev,noexec debugfs /sys/kernel/debug 2>/dev/null
$bb mkdir -p /run/netns /run/lock
# devtmpfs has no /dev/fd (bash's <(...) needs it) nor the std links.
$bb ln -sfn /proc/self/fd /dev/fd
$bb ln -sfn /proc/self/fd/0 /dev/stdin
$bb ln -sfn /proc/self/fd/1 /dev/stdout
$bb ln -sfn /proc/self/fd/2 /dev/stderr

$bb hostname kl2tp-vm
$bb ip link set lo up || die "cannot bring up lo"

# The project and its results directory, at the host's paths (the project may
# live under /tmp, which our tmpfs just covered). Read-only, except the results.
v9p=trans=virtio,version=9p2000.L,msize=512000
[ -n "$root" ] || die "no kl2tp_root= on the kernel command line"
$bb mkdir -p "$root" 2>/dev/null
$bb mount -t 9p -o "$v9p,ro,cache=loose" project "$root" ||
	die "cannot mount the project (9p tag project) on $root"
out=$root/build/vm/out
$bb mount -t 9p -o "$v9p,rw" results "$out" ||
	die "cannot mount the results (9p tag results) on $out"

cd "$root" || die "cannot cd to $root"
read -r up _ </proc/uptime
echo "guest: kernel $($bb uname -r), $($bb nproc) cpus, mode $mode, up ${up}s"
# The host follows stream.log; the console gets it too only when verbose (it
# keeps the kernel's messages, the test markers and how the guest died).
stream=/dev/null
[ "$verbose" = 0 ] || stream=/dev/console
# shellcheck disable=SC2086 # the test list is split on purpose
bash selftests/run.sh --mode "$mode" --out "$out" --timeout "$test_timeout" \
	${tests//,/ } </dev/null 2>&1 | tee "$out/stream.log" >"$stream"
echo "${PIPESTATUS[0]}" >"$out/status"
