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
#   kl2tp_test_timeout=SECS

set -u
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
export HOME=/root LANG=C.UTF-8 TERM=dumb

root=${kl2tp_root:-}
mode=${kl2tp_mode:-check}
tests=${kl2tp_tests:-}
test_timeout=${kl2tp_test_timeout:-300}
unset kl2tp_root kl2tp_mode kl2tp_tests kl2tp_test_timeout

power_off() {
	sync
	/bin/busybox poweroff -f 2>/dev/null
	echo o >/proc/sysrq-trigger
	sleep 30
}
trap power_off EXIT

die() {
	echo "guest: $*" >&2
	exit 1
}

# mnt TYPE DIR [OPTIONS] [SOURCE]
mnt() {
	mountpoint -q "$2" && return 0
	mkdir -p "$2" 2>/dev/null
	mount -t "$1" -o "${3:-defaults}" "${4:-$1}" "$2" || die "cannot mount $1 on $2"
}

# Not `mountpoint /proc` first: before our proc is mounted, it would read the
# host's /proc/self/mountinfo through 9p (QEMU's own) and say yes.
mount -t proc -o nosuid,nodev,noexec proc /proc || die "cannot mount proc"
mnt sysfs /sys nosuid,nodev,noexec
mnt devtmpfs /dev nosuid,mode=0755
mnt devpts /dev/pts nosuid,noexec,gid=5,mode=0620,ptmxmode=0666
mnt tmpfs /dev/shm nosuid,nodev
mnt tmpfs /run nosuid,nodev,mode=0755
mnt tmpfs /tmp nosuid,nodev,mode=1777
mnt tmpfs /var/tmp nosuid,nodev,mode=1777
mount -t debugfs -o nosuid,nodev,noexec debugfs /sys/kernel/debug 2>/dev/null
mkdir -p /run/netns /run/lock
# devtmpfs has no /dev/fd (bash's <(...) needs it) nor the std links.
ln -sfn /proc/self/fd /dev/fd
ln -sfn /proc/self/fd/0 /dev/stdin
ln -sfn /proc/self/fd/1 /dev/stdout
ln -sfn /proc/self/fd/2 /dev/stderr

hostname kl2tp-vm
ip link set lo up || die "cannot bring up lo"

# The project and its results directory, at the host's paths (the project may
# live under /tmp, which our tmpfs just covered). Read-only, except the results.
v9p=trans=virtio,version=9p2000.L,msize=512000
[ -n "$root" ] || die "no kl2tp_root= on the kernel command line"
mkdir -p "$root" 2>/dev/null
mount -t 9p -o "$v9p,ro" project "$root" || die "cannot mount the project (9p tag project) on $root"
out=$root/build/vm/out
mount -t 9p -o "$v9p,rw" results "$out" || die "cannot mount the results (9p tag results) on $out"

cd "$root" || die "cannot cd to $root"
read -r up _ </proc/uptime
echo "guest: kernel $(uname -r), $(nproc) cpus, mode $mode, up ${up}s"
# shellcheck disable=SC2086 # the test list is split on purpose
bash selftests/run.sh --mode "$mode" --out "$out" --timeout "$test_timeout" \
	${tests//,/ } </dev/null 2>&1 | tee "$out/stream.log"
echo "${PIPESTATUS[0]}" >"$out/status"
