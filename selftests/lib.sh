# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# selftests/lib.sh - helpers for kl2tp's selftests. Source it first:
#
#	#!/bin/bash
#	# <topology diagram>
#	source "$(dirname "$0")/lib.sh"
#	setup_ns lac lns                 # $lac, $lns: unique netns names
#	veth_pair "$lac" "$lns" 192.0.2.1/24 192.0.2.2/24
#	check "ping lns" ip netns exec "$lac" ping -c1 -W2 192.0.2.2
#
# Sourcing it turns on `set -euo pipefail` (a failing command ends the test
# and its line is logged) and installs the EXIT trap: do not `trap ... EXIT`
# yourself, register clean-up commands with `defer CMD...` instead. At exit the
# deferred commands run (last first), then every namespace from setup_ns is
# removed (with the processes in it), then the test exits 1 if any check
# failed. Exit codes: 0 pass, 4 skip (skip), anything else fail.
# selftests/run.sh documents the environment a test gets.

set -euo pipefail
set -E

# shellcheck disable=SC2034 # for the tests
KSFT_PASS=0
KSFT_FAIL=1
KSFT_SKIP=4

NS_LIST=()
_defers=()
_nchecks=0
_nfails=0

_now_ms() {
	local t=${EPOCHREALTIME//[.,]/}
	echo $((t / 1000))
}
_t0=$(_now_ms)
_out=$(mktemp "${TMPDIR:-/tmp}/kl2tp-check.XXXXXX")

# log MSG...: print MSG with the time since the test started.
log() {
	local ms=$(($(_now_ms) - _t0))
	printf '[%4d.%03d] %s\n' $((ms / 1000)) $((ms % 1000)) "$*"
}

# fail MSG...: end the test now, as failed.
fail() {
	log "FAIL: $*"
	exit "$KSFT_FAIL"
}

# skip MSG...: end the test now, as skipped (exit 4).
skip() {
	log "SKIP: $*"
	exit "$KSFT_SKIP"
}

# require_module NAME...: modprobe each, or skip the test.
require_module() {
	local m
	for m in "$@"; do
		modprobe -q "$m" 2>/dev/null || skip "kernel module $m is not available"
	done
}

# require_cmd CMD [PACKAGE]: fail the test unless CMD is installed (skip it
# with KL2TP_ALLOW_SKIP=1): a test's peer missing proves nothing.
require_cmd() {
	command -v "$1" >/dev/null && return 0
	[ -n "${KL2TP_ALLOW_SKIP:-}" ] || fail "$1 not found${2:+ (install $2)}"
	skip "$1 not found${2:+ (install $2)}"
}

# require_file PATH WHAT: skip the test unless PATH exists (a kernel
# feature, e.g. a debugfs file, that only some kernels have).
require_file() {
	[ -e "$1" ] || skip "$2 is not available ($1)"
}

# defer CMD...: run CMD at exit (before the namespaces go), last registered first.
defer() {
	_defers+=("$(printf '%q ' "$@")")
}

# _record OK|FAIL DESC: count one assertion and print it.
_record() {
	_nchecks=$((_nchecks + 1))
	if [ "$1" = ok ]; then
		log "ok $_nchecks - $2"
	else
		_nfails=$((_nfails + 1))
		log "FAIL $_nchecks - $2"
	fi
}

# check DESC CMD...: assert that CMD succeeds. A failure is counted (the test
# will fail) and printed with CMD's output, but the test goes on. Returns 0.
check() {
	local desc=$1 rc=0
	shift
	"$@" >"$_out" 2>&1 || rc=$?
	if [ "$rc" = 0 ]; then
		_record ok "$desc"
	else
		_record FAIL "$desc"
		echo "    \$ $* -> exit $rc"
		sed 's/^/    /' "$_out"
	fi
}

# check_fail DESC CMD...: assert that CMD fails.
check_fail() {
	local desc=$1 rc=0
	shift
	"$@" >"$_out" 2>&1 || rc=$?
	if [ "$rc" != 0 ]; then
		_record ok "$desc"
	else
		_record FAIL "$desc"
		echo "    \$ $* -> succeeded, expected a failure"
		sed 's/^/    /' "$_out"
	fi
}

# check_eq DESC EXPECTED ACTUAL: assert that two strings are equal.
check_eq() {
	if [ "$2" = "$3" ]; then
		_record ok "$1"
	else
		_record FAIL "$1"
		echo "    expected '$2', got '$3'"
	fi
}

# busywait TIMEOUT_MS CMD...: run CMD every 50 ms until it succeeds (returns
# 0) or TIMEOUT_MS has passed (returns CMD's last exit code).
busywait() {
	local timeout_ms=$1 start rc
	shift
	start=$(_now_ms)
	while true; do
		rc=0
		"$@" || rc=$?
		[ "$rc" != 0 ] || return 0
		[ $(($(_now_ms) - start)) -lt "$timeout_ms" ] || return "$rc"
		sleep 0.05
	done
}

# setup_ns NAME...: create one network namespace per NAME, named NAME-XXXXXX,
# with lo up and IPv6 DAD off, and set the variable NAME to its name.
setup_ns() {
	local _sn_var _sn_ns # unlikely names: the caller's variables are set
	for _sn_var in "$@"; do
		_sn_ns="$_sn_var-$(mktemp -u XXXXXX)"
		ip netns add "$_sn_ns" || fail "ip netns add $_sn_ns"
		NS_LIST+=("$_sn_ns")
		ip -n "$_sn_ns" link set lo up
		ip netns exec "$_sn_ns" sysctl -qw net.ipv6.conf.all.accept_dad=0 \
			net.ipv6.conf.default.accept_dad=0 2>/dev/null || true
		printf -v "$_sn_var" '%s' "$_sn_ns"
	done
}

# cleanup_ns [NS...]: kill the processes in each namespace (default: all those
# from setup_ns) and delete it.
cleanup_ns() {
	local ns pid
	[ $# -gt 0 ] || set -- "${NS_LIST[@]}"
	for ns in "$@"; do
		for pid in $(ip netns pids "$ns" 2>/dev/null); do
			kill -9 "$pid" 2>/dev/null || true
		done
		ip netns del "$ns" 2>/dev/null || true
	done
	local -a keep=()
	for ns in "${NS_LIST[@]}"; do
		[[ " $* " == *" $ns "* ]] || keep+=("$ns")
	done
	NS_LIST=("${keep[@]}")
}

# _free_ifname NS PREFIX: the first PREFIX<n> that does not exist in NS.
_free_ifname() {
	local i=0
	while ip -n "$1" link show "$2$i" >/dev/null 2>&1; do
		i=$((i + 1))
	done
	echo "$2$i"
}

# _addr NS DEV ADDR: add ADDR (v4 or v6, with prefix length) to DEV.
_addr() {
	case $3 in
	"") ;;
	*:*) ip -n "$1" addr add "$3" dev "$2" nodad ;;
	*) ip -n "$1" addr add "$3" dev "$2" ;;
	esac
}

# veth_pair NS1 NS2 [ADDR1 [ADDR2 [IF1 [IF2]]]]: a veth pair between NS1 and
# NS2, addressed (e.g. 192.0.2.1/24, 2001:db8::1/64; "" for none) and up.
# The interfaces are IF1/IF2, by default the first free veth<n> in each
# namespace; their names are left in $VETH1 and $VETH2.
veth_pair() {
	local ns1=$1 ns2=$2
	VETH1=${5:-$(_free_ifname "$ns1" veth)}
	VETH2=${6:-$(_free_ifname "$ns2" veth)}
	ip -n "$ns1" link add "$VETH1" type veth peer name "$VETH2" netns "$ns2"
	_addr "$ns1" "$VETH1" "${3:-}"
	_addr "$ns2" "$VETH2" "${4:-}"
	ip -n "$ns1" link set "$VETH1" up
	ip -n "$ns2" link set "$VETH2" up
}

# in_ns NS CMD...: run CMD in namespace NS.
in_ns() {
	local ns=$1
	shift
	ip netns exec "$ns" "$@"
}

_lib_err() {
	log "error: '$BASH_COMMAND' failed (exit $1) at ${BASH_SOURCE[1]:-?}:${BASH_LINENO[0]}"
}

_lib_exit() {
	local rc=$? i
	set +eE
	trap - ERR
	for ((i = ${#_defers[@]} - 1; i >= 0; i--)); do
		eval "${_defers[i]}" || log "deferred command failed: ${_defers[i]}"
	done
	[ ${#NS_LIST[@]} -eq 0 ] || cleanup_ns
	rm -f "$_out"
	[ "$rc" != 0 ] || [ "$_nfails" = 0 ] || rc=$KSFT_FAIL
	log "checks: $((_nchecks - _nfails)) ok, $_nfails failed; exit $rc"
	exit "$rc"
}

trap '_lib_err $?' ERR
trap _lib_exit EXIT
trap 'exit 143' TERM
trap 'exit 130' INT
