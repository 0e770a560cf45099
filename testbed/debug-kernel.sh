#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# testbed/debug-kernel.sh - the debug test kernel: Debian's 6.1 sources
# with KASAN, kmemleak, lockdep, DEBUG_OBJECTS, the netdev/netns refcount
# trackers, UBSAN and fault injection (testbed/debug.config), so that a
# lifetime or locking mistake in kl2tp is reported instead of passing.
#
# Usage: testbed/debug-kernel.sh --help

set -euo pipefail

usage() {
	cat <<'EOF'
Usage: testbed/debug-kernel.sh build | find | install | run [TEST...]
  build    rebuild the packages into build/debug-kernel/ from
           /usr/src/linux-source-6.1.tar.xz (about an hour on 2 cores)
  find     print the directory holding the packages; exit 1 if none
  install  install them when they are not (root), print the kernel version
  run      build kl2tp.ko for it in build/k-debug and run the guest
           selftests booted on it: the TESTs named, or all of them
Packages are looked for in $DEBUG_KERNEL_DIR, build/debug-kernel/ and
../shared/debug-kernel/, in that order. DEBUG_TIMEOUT (default 7200 s)
bounds the whole guest, each test gets 1200 s (about 4x Debian's kernel).
EOF
	exit "${1:-2}"
}

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
FRAGMENT=$ROOT/testbed/debug.config
SOURCE_TAR=/usr/src/linux-source-6.1.tar.xz

die() {
	echo "debug-kernel: $*" >&2
	exit 1
}

find_dir() {
	local d
	for d in "${DEBUG_KERNEL_DIR:-}" "$ROOT/build/debug-kernel" "$ROOT/../shared/debug-kernel"; do
		[ -n "$d" ] || continue
		compgen -G "$d/linux-image-*.deb" >/dev/null &&
			compgen -G "$d/linux-headers-*.deb" >/dev/null || continue
		(cd "$d" && pwd -P)
		return 0
	done
	return 1
}

# The kernel release the image package installs (its name without the prefix).
release() {
	local img
	img=$(compgen -G "$1/linux-image-*.deb" | grep -v -- '-dbg_' | head -n1)
	dpkg-deb -f "$img" Package | sed 's/^linux-image-//'
}

build() {
	local out=$ROOT/build/debug-kernel src
	[ -f "$SOURCE_TAR" ] || die "$SOURCE_TAR not found: apt install linux-source-6.1"
	src=$ROOT/build/debug-kernel-src
	rm -rf "$src"
	mkdir -p "$src" "$out"
	tar -C "$src" -xJf "$SOURCE_TAR"
	cd "$src"/linux-source-6.1
	make x86_64_defconfig kvm_guest.config
	scripts/kconfig/merge_config.sh -m .config "$FRAGMENT"
	make olddefconfig
	make -j"$(nproc)" bindeb-pkg LOCALVERSION=-kl2tp-debug KDEB_PKGVERSION=1
	rm -f "$out"/*.deb
	mv ../linux-image-*-kl2tp-debug_*.deb ../linux-headers-*-kl2tp-debug_*.deb "$out"/
	cp .config "$out/config-$(make -s kernelrelease)"
	cd "$ROOT"
	rm -rf "$src"
	echo "debug-kernel: packages in $out"
}

install_pkgs() {
	local dir v
	dir=$(find_dir) || die "no packages: make debug-kernel builds them (about an hour)"
	v=$(release "$dir")
	if [ ! -f "/boot/vmlinuz-$v" ] || [ ! -d "/lib/modules/$v/build" ]; then
		[ "$(id -u)" = 0 ] || die "installing $v needs root"
		dpkg -i "$dir"/linux-image-*.deb "$dir"/linux-headers-*.deb >&2 ||
			die "dpkg -i of $dir failed"
	fi
	echo "$v"
}

run() {
	local v copy=$ROOT/build/k-debug
	v=$(install_pkgs)
	rm -rf "$copy"
	mkdir -p "$copy"
	tar -C "$ROOT" --exclude=./build --exclude=./.git -cf - . | tar -C "$copy" -xf -
	make -C "$copy" -s module KVER="$v" >"$copy/module.log" 2>&1 ||
		{ cat "$copy/module.log"; die "kl2tp.ko does not build against $v"; }
	make -C "$copy" -s tool >/dev/null
	# The bzImage: this kernel's PVH entry (the ELF vmlinux) dies silently
	# under QEMU. KASAN, lockdep and kmemleak want more memory than 1G.
	VM_BZIMAGE=1 VM_MEM=${VM_MEM:-2G} KVER=$v "$copy/testbed/vm/run.sh" --mode check \
		--timeout "${DEBUG_TIMEOUT:-7200}" --test-timeout 1200 "$@"
}

case ${1:-} in
build) build ;;
find) find_dir ;;
install) install_pkgs ;;
run) shift; run "$@" ;;
-h|--help) usage 0 ;;
*) usage ;;
esac
