#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# kver.sh headers|image [SERIES]: the kernel version to build against
# (headers) or to boot in the guest (image). It is the one Debian's
# meta-package points at: linux-headers-amd64 / linux-image-amd64, or with
# SERIES (e.g. 6.12) linux-headers-6.12-amd64 / linux-image-6.12-amd64.
# Without SERIES, headers prefer the running kernel's build tree. When the
# meta-package is missing, the newest installed kernel of that kind.
# Prints nothing when there is none.
what=${1:-headers}
series=${2:-}

usable() {
	if [ "$what" = headers ]; then
		[ -d "/lib/modules/$1/build" ]
	else
		[ -f "/boot/vmlinuz-$1" ] && [ -d "/lib/modules/$1/kernel" ]
	fi
}

case $what in
headers | image) ;;
*) echo "usage: $0 headers|image [SERIES]" >&2; exit 2 ;;
esac

if [ -z "$series" ] && [ "$what" = headers ] && usable "$(uname -r)"; then
	uname -r
	exit 0
fi
meta=linux-$what-${series:+$series-}amd64
v=$(dpkg-query -W -f='${Depends}' "$meta" 2>/dev/null |
	sed -n "s/^linux-$what-\([^ ,(]*\).*/\1/p")
if [ -n "$v" ] && usable "$v"; then
	echo "$v"
	exit 0
fi
[ -z "$series" ] || exit 0
for d in /lib/modules/*; do
	v=${d#/lib/modules/}
	usable "$v" && echo "$v"
done | sort -V | tail -n 1
