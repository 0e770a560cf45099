#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The Debian packages (make deb: build/deb/) as an operator uses them, in a
# writable copy of this system: an overlay over the guest's read-only root,
# upper layer in tmpfs, where dpkg runs chrooted and systemd boots as the
# init of a container (its own mount and PID namespaces, in the LNS's
# network namespace).
#
#   lac 192.0.2.1 ---veth--- 192.0.2.2 svc (systemd, kl2tp.service)
#
# - dpkg -i kl2tp-dkms l2tpctl: DKMS builds and installs the module for the
#   running kernel, l2tpctl and its unit are installed, the unit is
#   enabled for multi-user.target and not started (no configuration yet);
# - the module this test booted with is unloaded; systemd starts
#   kl2tp.service, whose modprobe loads the packaged module, and applies
#   /etc/kl2tp/kl2tp.conf: the LAC's call comes up;
# - systemctl reload applies a changed file, the call stays up; stop
#   ends the call and leaves nothing configured; start again;
# - the container's shutdown stops the service; dpkg --purge removes the
#   module from the kernel's tree, the DKMS tree, the tool, the unit and
#   /etc/kl2tp: no file of either package is left in the overlay (its
#   whiteouts aside).
# The module this test booted with is loaded again at the end.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/l2tp.sh"

require_cmd dpkg
require_cmd unshare
require_cmd nsenter
ver=$(sed -n 's/^#define KL2TP_VERSION "\(.*\)"/\1/p' "$KL2TP_ROOT/kernel/version.h")
debs=("$KL2TP_ROOT/build/deb/kl2tp-dkms_${ver}_all.deb"
	"$KL2TP_ROOT/build/deb/l2tpctl_${ver}_amd64.deb")
for d in "${debs[@]}"; do
	[ -f "$d" ] || fail "$d not found: make deb first"
done
kver=$(uname -r)
ko=$KL2TP_ROOT/kl2tp.ko
[ -f "$ko" ] || fail "$ko not found"

# --- the writable system -------------------------------------------------------
pk=$(mktemp -d "${TMPDIR:-/tmp}/kl2tp-pkg.XXXXXX")
root=$pk/root
mkdir "$pk/upper" "$pk/work" "$root"
# The module the harness loaded comes back whatever happens below.
defer sh -c "grep -q '^kl2tp ' /proc/modules || insmod $ko"
mount -t overlay overlay -o "lowerdir=/,upperdir=$pk/upper,workdir=$pk/work" "$root" ||
	fail "cannot mount an overlay over /"
defer umount -l "$root"
# man-db's trigger would index every manual page under TCG: not this
# test's business.
rm -f "$root/var/lib/man-db/auto-update"
# A gateway with one kernel: DKMS builds for the running kernel and for the
# newest one it finds in /boot; the testbed's other kernels are not this
# test's (each build is minutes under TCG).
for c in "$root"/boot/config-*; do
	[ "$c" = "$root/boot/config-$kver" ] || rm -f "$c"
done
mkdir -p "$root/var/tmp/kl2tp-debs"
cp "${debs[@]}" "$root/var/tmp/kl2tp-debs/"

# in_root CMD...: CMD chrooted in the overlay, with proc, sys (read-only),
# dev, run and tmp, in a mount namespace of its own.
in_root() {
	unshare --mount --propagation private -- sh -c '
		r=$1; shift
		mount -t proc proc "$r/proc" && mount -t sysfs -o ro sysfs "$r/sys" &&
		mount --rbind /dev "$r/dev" && mount -t tmpfs tmpfs "$r/run" &&
		mount -t tmpfs tmpfs "$r/tmp" &&
		exec chroot "$r" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root \
			LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive "$@"' sh "$root" "$@"
}

# stamp: each line of stdin with the seconds since $t0
stamp() {
	local l
	while IFS= read -r l; do
		printf '  [%4d s] %s\n' $((SECONDS - t0)) "$l"
	done
}
dpkg_i() {
	in_root dpkg -i "/var/tmp/kl2tp-debs/${debs[0]##*/}" \
		"/var/tmp/kl2tp-debs/${debs[1]##*/}" 2>&1 | stamp | tee -a "$KL2TP_OUT/$KL2TP_TEST-dpkg.log"
	return "${PIPESTATUS[0]}"
}
t0=$SECONDS
check "dpkg -i kl2tp-dkms l2tpctl" dpkg_i
log "dpkg -i: $((SECONDS - t0)) s, DKMS's build included"
rm -rf "$root/var/tmp/kl2tp-debs"
cp "$root/var/lib/dkms/kl2tp/$ver/build/make.log" "$KL2TP_OUT/$KL2TP_TEST-make.log" || true
check_eq "both packages installed" "install ok installed
install ok installed" "$(in_root dpkg-query -W -f '${Status}\n' kl2tp-dkms l2tpctl)"
check_eq "DKMS built and installed the module for $kver" \
	"kl2tp/$ver, $kver, $(uname -m): installed" "$(in_root dkms status kl2tp | grep ", $kver,")"
check_eq "modprobe finds it in the kernel's tree" "/lib/modules/$kver/updates/dkms/kl2tp.ko" \
	"$(in_root modinfo -n kl2tp | sed 's/\.ko\..*/.ko/')"
check_eq "... at version $ver" "$ver" "$(in_root modinfo -F version kl2tp)"
check_eq "the unit is enabled, not started" "enabled" \
	"$(in_root systemctl is-enabled kl2tp.service 2>&1)"
check_eq "the example configuration, mode 0600" "600" "$(stat -c %a "$root/etc/kl2tp/kl2tp.conf")"

# --- the service ---------------------------------------------------------------
setup_ns lac svc
veth_pair "$lac" "$svc" $LAC_IP/24 $LNS_IP/24
conf=$root/etc/kl2tp/kl2tp.conf
cat >"$conf" <<EOF
pool add p1 range $PPP_POOL
user add alice password pw pool p1
lns add main listen $LNS_IP local-ip $PPP_LOCAL pool p1 auth chap
EOF

check "the module this test booted with unloads" rmmod kl2tp

# systemd as PID 1 of a container: the overlay as its root (pivot_root),
# /sys read-only (no udev), its console a file. Units that would change the
# guest's kernel (sysctls, module lists) are masked.
console=$KL2TP_OUT/$KL2TP_TEST-systemd.log
: >"$console"
ip netns exec "$svc" unshare --mount --pid --fork --propagation private -- sh -c '
	r=$1 console=$2
	mount -t proc proc "$r/proc" && mount -t sysfs -o ro sysfs "$r/sys" &&
	mount --rbind /dev "$r/dev" && mount --bind "$console" "$r/dev/console" &&
	mount -t tmpfs tmpfs "$r/tmp" &&
	cd "$r" && pivot_root . mnt && cd / && umount -l /mnt &&
	exec env -i container=kl2tp-selftest /lib/systemd/systemd --unit=kl2tp.service \
		systemd.mask=systemd-sysctl.service systemd.mask=systemd-modules-load.service \
		systemd.mask=systemd-binfmt.service' sh "$root" "$console" </dev/null >>"$console" 2>&1 &
ctr=$!
defer sh -c "kill -9 $ctr 2>/dev/null; pkill -9 -P $ctr 2>/dev/null; true"
init_pid() {
	pgrep -P "$ctr" -x systemd
}
busywait 20000 init_pid >/dev/null || fail "systemd did not start (see $console)"
pid1=$(init_pid)
# sysd CMD...: CMD inside the container
sysd() {
	nsenter -t "$pid1" -m -p -n -- env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin "$@"
}
active() {
	[ "$(sysd systemctl is-active kl2tp.service)" = "$1" ]
}
check "systemd starts kl2tp.service" busywait 120000 active active
log "$(sysd systemctl status --no-pager kl2tp.service 2>&1 | head -n 12)"
check_eq "... which loaded the packaged module" "/lib/modules/$kver/updates/dkms/kl2tp.ko" \
	"$(sysd modinfo -n kl2tp | sed 's/\.ko\..*/.ko/')"
check "... and it is loaded" grep -q '^kl2tp ' /proc/modules
check_eq "... the file's objects are there" "pool p1 user alice lns main" \
	"$(sysd l2tpctl dump | awk '$2 == "add" { printf "%s%s %s", n++ ? " " : "", $1, $3 }')"

check "a call" ppp_dial "$lac" c1 alice pw auth chap redial off
check "... comes up" wait_eq 30000 up client_field "$lac" c1 state

echo "user add bob password pw2 pool p1" >>"$conf"
check "systemctl reload" sysd systemctl reload kl2tp.service
check_eq "... bob is there, the call stayed up" "bob up" \
	"$(sysd l2tpctl -j user show bob | jq -r '.[0].name') $(client_field "$lac" c1 state)"

check "systemctl stop" sysd systemctl stop kl2tp.service
check "... the call ends at the LAC" wait_eq 30000 down client_field "$lac" c1 state
check_eq "... nothing configured" 0 "$(sysd l2tpctl dump | grep -c ' add ' || true)"
check "systemctl start" sysd systemctl start kl2tp.service
check_eq "... configured again" "pool p1 user alice user bob lns main" \
	"$(sysd l2tpctl dump | awk '$2 == "add" { printf "%s%s %s", n++ ? " " : "", $1, $3 }')"
check "... a call comes up" l2 "$lac" client up c1
check "... up" wait_eq 30000 up client_field "$lac" c1 state

check "systemctl poweroff" sysd systemctl poweroff
ctr_gone() {
	! kill -0 "$ctr" 2>/dev/null
}
check "the container's systemd exits" busywait 60000 ctr_gone
check "... having stopped the service: the call ended" wait_eq 30000 down client_field "$lac" c1 state
check_eq "... nothing configured in its namespace" 0 "$(l2 "$svc" dump | grep -c ' add ' || true)"
l2 "$lac" client del c1 || true

# --- purge -----------------------------------------------------------------------
check "the packaged module unloads" rmmod kl2tp
dpkg_purge() {
	in_root dpkg --purge l2tpctl kl2tp-dkms 2>&1 | stamp | tee -a "$KL2TP_OUT/$KL2TP_TEST-dpkg.log"
	return "${PIPESTATUS[0]}"
}
t0=$SECONDS
check "dpkg --purge l2tpctl kl2tp-dkms" dpkg_purge
log "dpkg --purge: $((SECONDS - t0)) s"
check_eq "neither package is known to dpkg" "" \
	"$(in_root dpkg-query -W -f '${db:Status-Abbrev}\n' kl2tp-dkms l2tpctl 2>/dev/null | grep -v '^un' || true)"
check_eq "DKMS knows no kl2tp" "" "$(in_root dkms status kl2tp)"
left=$(cd "$pk/upper" && find . -path ./tmp -prune -o ! -type c \( -iname '*kl2tp*' -o -iname '*l2tpctl*' \) -print | sort)
check_eq "no file of either package is left" "" "$left"
check_eq "no module left in the kernel's tree" "" \
	"$(find "$root/lib/modules/$kver/" -name 'kl2tp.ko*')"

check "the module this test booted with loads again" insmod "$ko"
