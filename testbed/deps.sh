#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Install what kl2tp needs to build and test on Debian 12 (bookworm):
# kernel headers and image for the guest (Debian's 6.1, and the 6.12 that
# bookworm also carries, for the second kernel of make check), QEMU, libmnl, the checkers, and
# the interop peers, systemd (54-package boots it in a container),
# FreeRADIUS (kl2tp-aaad's peer in 56-aaa-radius).
# Installs only what is missing; needs root for that.
set -euo pipefail

PKGS=(
	build-essential make gcc clang libclang-rt-14-dev sparse kmod cpio xz-utils
	linux-headers-amd64 linux-image-amd64 linux-source-6.1
	linux-headers-6.12-amd64 linux-image-6.12-amd64
	qemu-system-x86 busybox-static
	libmnl-dev libssl-dev pkg-config dkms debhelper dh-dkms lintian
	iproute2 iputils-ping iperf3 ethtool procps util-linux
	xl2tpd ppp tshark python3 jq bc groff-base man-db systemd dhcpcd-base
	freeradius freeradius-utils
)

missing=()
for p in "${PKGS[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
		missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
	echo "deps: all present"
	exit 0
fi
if [ "$(id -u)" != 0 ]; then
	echo "deps: missing packages (install as root): ${missing[*]}" >&2
	exit 1
fi
echo "deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
# tshark asks whether non-root users may capture; answer no.
echo "wireshark-common wireshark-common/install-setuid boolean false" | debconf-set-selections
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "deps: done"
