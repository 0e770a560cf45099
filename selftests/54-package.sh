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
require_cmd dkms
require_cmd unshare
require_cmd nsenter
require_cmd readelf
kver=$(uname -r)
case $kver in
*-kl2tp-debug) skip "DKMS's build under the debug kernel would take most of an hour" ;;
esac
ver=$(sed -n 's/^#define KL2TP_VERSION "\(.*\)"/\1/p' "$KL2TP_ROOT/kernel/version.h")
debs=("$KL2TP_ROOT/build/deb/kl2tp-dkms_${ver}_all.deb"
	"$KL2TP_ROOT/build/deb/l2tpctl_${ver}_$(dpkg --print-architecture).deb")
for d in "${debs[@]}"; do
	[ -f "$d" ] || fail "$d not found: make deb first"
done
ko=$KL2TP_ROOT/kl2tp.ko
[ -f "$ko" ] || fail "$ko not found"

# build_id FILE: the GNU build id of a module file, or of the loaded kl2tp
# (its notes in sysfs: a 16-byte note header, then the id)
build_id() {
	if [ "$1" = loaded ]; then
		od -An -tx1 -j16 -v /sys/module/kl2tp/notes/.note.gnu.build-id | tr -d ' \n'
	else
		readelf -n "$1" | awk '/Build ID:/ { print $3 }'
	fi
}

# --- the writable system -------------------------------------------------------
pk=$(mktemp -d "${TMPDIR:-/tmp}/kl2tp-pkg.XXXXXX")
root=$pk/root
mkdir "$pk/upper" "$pk/work" "$root"
# At the end, whatever happened: the container gone (cleanup_ns of its
# namespace, deferred later, so run before these), the overlay unmounted
# and its tmpfs layers removed, and the module the harness loaded in
# place of any other.
restore_module() {
	[ -d /sys/module/kl2tp ] && [ "$(build_id loaded)" = "$(build_id "$ko")" ] &&
		[ "$restored" = 1 ] && return 0
	rmmod kl2tp 2>/dev/null
	insmod "$ko"
}
restored=0
defer restore_module
defer sh -c "umount '$root' 2>/dev/null || umount -l '$root'; rm -rf '$pk'"
mount -t overlay overlay -o "lowerdir=/,upperdir=$pk/upper,workdir=$pk/work" "$root" ||
	fail "cannot mount an overlay over /"
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
dkms_ko=$root/lib/modules/$kver/updates/dkms/kl2tp.ko
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
# its own mount, PID, UTS and IPC namespaces in the LNS's network
# namespace, /sys read-only (no udev), a /dev of its own with the usual
# nodes, its console a file. Units that would change the guest's kernel
# (sysctls, module lists) are masked.
console=$KL2TP_OUT/$KL2TP_TEST-console.log
out=$KL2TP_OUT/$KL2TP_TEST-container.log
: >"$console"
ip netns exec "$svc" unshare --mount --pid --uts --ipc --fork --kill-child \
	--propagation private -- sh -c '
	r=$1 console=$2
	mount -t proc proc "$r/proc" && mount -t sysfs -o ro sysfs "$r/sys" &&
	mount -t tmpfs -o mode=755 tmpfs "$r/dev" && mount -t tmpfs tmpfs "$r/tmp" || exit 1
	for n in null zero full random urandom tty kmsg; do
		touch "$r/dev/$n" && mount --bind "/dev/$n" "$r/dev/$n" || exit 1
	done
	touch "$r/dev/console" && mount --bind "$console" "$r/dev/console" &&
	mkdir "$r/dev/shm" "$r/dev/pts" && ln -s /proc/self/fd "$r/dev/fd" &&
	cd "$r" && pivot_root . mnt && cd / && umount -l /mnt &&
	exec env -i container=kl2tp-selftest /lib/systemd/systemd --unit=kl2tp.service \
		systemd.mask=systemd-sysctl.service systemd.mask=systemd-modules-load.service \
		systemd.mask=systemd-binfmt.service' sh "$root" "$console" </dev/null >"$out" 2>&1 &
ctr=$!
# Runs first: everything in the LNS's namespace, the container with it.
defer cleanup_ns "$svc"
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
# the LAC's events, now that a module is loaded again
mlac=$KL2TP_OUT/$KL2TP_TEST-lac.events
monitor_start "$lac" "$mlac"
log "$(sysd systemctl status --no-pager kl2tp.service 2>&1 | head -n 12)"
id_dkms=$(build_id "$dkms_ko")
id_loaded=$(build_id loaded)
log "build ids: DKMS's $id_dkms, loaded $id_loaded, the harness's $(build_id "$ko")"
check "... both build ids read" test -n "$id_dkms" -a -n "$id_loaded"
check_eq "... which loaded the module DKMS built (build id)" "$id_dkms" "$id_loaded"
# svc_objects: the objects of the container's configuration (from the
# packaged l2tpctl's dump), "dump failed" when it fails
svc_objects() {
	local d
	d=$(sysd l2tpctl dump) || { echo "dump failed"; return; }
	awk '$2 == "add" { printf "%s%s %s", n++ ? " " : "", $1, $3 }' <<<"$d"
}
check_eq "... the file's objects are there" "pool p1 user alice lns main" "$(svc_objects)"

check "a call" ppp_dial "$lac" c1 alice pw auth chap redial off
check "... comes up" wait_eq 30000 up client_field "$lac" c1 state

echo "user add bob password pw2 pool p1" >>"$conf"
check "systemctl reload" sysd systemctl reload kl2tp.service
sleep 2	# a teardown, were there one, would reach the LAC by now
check_eq "... bob is there, the call stayed up" "bob up 0" \
	"$(sysd l2tpctl -j user show bob | jq -r '.[0].name') $(client_field "$lac" c1 state) \
$(jq -s '[.[] | select(.event == "session-down")] | length' "$mlac")"

check "systemctl stop" sysd systemctl stop kl2tp.service
check "... the call ends at the LAC" wait_eq 30000 down client_field "$lac" c1 state
check_eq "... nothing configured" "" "$(svc_objects)"
check "systemctl start" sysd systemctl start kl2tp.service
check_eq "... configured again" "pool p1 user alice user bob lns main" "$(svc_objects)"
check "... a call comes up" l2 "$lac" client up c1
check "... up" wait_eq 30000 up client_field "$lac" c1 state

check "systemctl poweroff" sysd systemctl poweroff
ctr_gone() {
	! kill -0 "$ctr" 2>/dev/null
}
check "the container's systemd exits" busywait 60000 ctr_gone
check "... having stopped the service: the call ended" wait_eq 30000 down client_field "$lac" c1 state
svc_dump=$(l2 "$svc" dump) || svc_dump="dump failed"
check_eq "... nothing configured in its namespace" "" "$(grep -v '^#' <<<"$svc_dump" || true)"
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
pkgs=$(in_root dpkg-query -W -f '${db:Status-Abbrev} ${Package}\n') || pkgs="dpkg-query failed"
check "dpkg lists its packages" test "$(wc -l <<<"$pkgs")" -gt 100
check_eq "neither package is installed or configured" "" \
	"$(grep -E ' (kl2tp-dkms|l2tpctl)$' <<<"$pkgs" | grep -v '^un' || true)"
dk=$(in_root dkms status) || dk="dkms status failed (kl2tp?)"
check_eq "DKMS knows no kl2tp" "" "$(grep kl2tp <<<"$dk" || true)"
left=$(cd "$pk/upper" && find . -path ./tmp -prune -o ! -type c \( -iname '*kl2tp*' -o -iname '*l2tpctl*' \) -print | sort)
check_eq "no file of either package is left" "" "$left"
check_eq "no module left in the kernel's tree" "" \
	"$(find "$root/lib/modules/$kver/" -name 'kl2tp.ko*')"

check "the module this test booted with loads again" insmod "$ko"
restored=1
