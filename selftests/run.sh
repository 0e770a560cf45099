#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# selftests/run.sh - load kl2tp.ko and run the selftests on the running kernel.
#
# Where it runs:
#   - inside the test VM: testbed/vm/run.sh boots a guest whose
#     testbed/vm/guest.sh calls this script (the usual way; `make check`);
#   - directly, as root, on a real host whose kernel can load modules (not in a
#     container without module support). kl2tp must not be loaded already.
#
# Usage: selftests/run.sh --help
#
# Contract for a test (see lib.sh for the helpers): it runs as root under bash
# with a fresh environment (PATH with tools/ first, HOME, LANG=C.UTF-8,
# KL2TP_ROOT, KL2TP_OUT, KL2TP_TEST, KL2TP_VM=1 in the test VM) in an empty
# scratch directory removed afterwards, stdin /dev/null, stdout+stderr to
# DIR/TEST.log. Exit 0 = pass, 4 = skip, anything else (or the timeout) = fail;
# a network namespace left behind is a failure too. A peer program that is
# not installed (require_cmd: xl2tpd, pppd, ...) fails the test unless
# KL2TP_ALLOW_SKIP is set: `make check` proves the interop it lists. A
# kernel feature that is missing (require_module, require_file) skips it.
# After the tests, "module-unload" (rmmod kl2tp) and "kernel-log" (no
# WARNING/BUG/Oops/... in dmesg since the start, no new D/W/L/B taint, an empty
# kmemleak report where kmemleak exists) count as tests.
#
# Output: one line per test, "ok NAME", "FAIL NAME" (followed by the reason and
# the end of its log, indented) or "skip NAME", then
# "selftests: N passed, N failed[, N skipped]". DIR gets NAME.log per test,
# results (those lines), summary (the last line), timings and dmesg.log.
# Exit code: 0 if nothing failed, 1 otherwise.

set -uo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
MODULE=kl2tp
KO=$ROOT/$MODULE.ko
TOOLS=$ROOT/tools

mode=check
out=$ROOT/build/selftests/out
timeout=
tests=()
# kselftest's per-directory settings file: the default timeout of a test;
# timeout.TEST=SECS gives TEST at least SECS
settings_timeout=$(sed -n 's/^timeout=\([0-9]*\)$/\1/p' "$ROOT/selftests/settings")

usage() {
	cat <<EOF
Usage: selftests/run.sh [--mode check|demo|bench] [--out DIR] [--timeout SECS]
                        [TEST...]
  check  (default) runs each numbered test selftests/[0-9]*.sh (sorted), or
         the TESTs named (with or without .sh)
  demo   runs selftests/demo.sh, bench runs selftests/bench.sh, their output
         streamed to stdout as well as captured
  --out DIR      results and logs (default: build/selftests/out under the root)
  --timeout SECS per test (default: selftests/settings, $settings_timeout s;
                 bench 7000; a test the settings give more has that)
EOF
	exit "${1:-2}"
}

die() {
	echo "selftests: $*" >&2
	exit 1
}

while [ $# -gt 0 ]; do
	case $1 in
	--mode) mode=${2:?}; shift 2 ;;
	--out) out=${2:?}; shift 2 ;;
	--timeout) timeout=${2:?}; shift 2 ;;
	-h|--help) usage 0 ;;
	-*) usage ;;
	*) tests+=("$1"); shift ;;
	esac
done
case $mode in check|demo|bench) ;; *) usage ;; esac
[ "$mode" != bench ] || timeout=${timeout:-7000}
timeout=${timeout:-$settings_timeout}
[[ $timeout =~ ^[1-9][0-9]*$ ]] || die "bad --timeout '$timeout'"

[ "$(id -u)" = 0 ] || die "must run as root"
[ -e /proc/modules ] ||
	die "this kernel cannot load modules: use testbed/vm/run.sh (a VM)"
command -v ip >/dev/null || die "ip not found (install iproute2)"
command -v insmod >/dev/null || die "insmod not found (install kmod)"

mkdir -p "$out" || die "cannot create $out"
out=$(cd "$out" && pwd -P)
: >"$out/results"
: >"$out/timings"
rm -f "$out/summary"

if [ -d /sys/module/kl2tp ] || grep -q "^$MODULE " /proc/modules; then
	die "$MODULE is already loaded: rmmod $MODULE first"
fi

npass=0 nfail=0 nskip=0
in_vm=${KL2TP_VM:-0} # set by testbed/vm/guest.sh

# result ok|FAIL|skip NAME [DETAIL...]: print and record one test's result.
result() {
	local status=$1 name=$2
	shift 2
	echo "$status $name" | tee -a "$out/results"
	case $status in
	ok) npass=$((npass + 1)) ;;
	skip) nskip=$((nskip + 1)) ;;
	*) nfail=$((nfail + 1)) ;;
	esac
	[ $# -eq 0 ] || printf '    %s\n' "$@"
}

kmsg() {
	echo "kl2tp-selftests: $*" >/dev/kmsg 2>/dev/null || true
}

now_ms() {
	local t=${EPOCHREALTIME//[.,]/}
	echo $((t / 1000))
}

# Taint bits that mean the kernel misbehaved: B bad page (5), D died (7),
# W warning (9), L soft lockup (14).
bad_taint() {
	echo $(($(cat /proc/sys/kernel/tainted) & (1 << 5 | 1 << 7 | 1 << 9 | 1 << 14)))
}

finish() {
	local line="${mode/check/selftests}: $npass passed, $nfail failed"
	[ "$nskip" -eq 0 ] || line+=", $nskip skipped"
	echo "$line" | tee "$out/summary"
	[ "$nfail" -eq 0 ]
	exit
}

token="start-$$-$RANDOM$RANDOM"
kmsg "$token"
taint0=$(bad_taint)

# --- load the module ------------------------------------------------------
load_module() {
	local deps soft dep
	[ -f "$KO" ] || { echo "$KO not found (make module)"; return 1; }
	# insmod does not resolve dependencies: modprobe them (and the
	# "softdep: pre:" modules, as modprobe would) from the kernel's tree.
	deps=$(modinfo -F depends "$KO" 2>&1) || { echo "$deps"; return 1; }
	soft=$(modinfo -F softdep "$KO" | sed -n 's/.*pre:\([^:]*\)\( post:.*\)\{0,1\}$/\1/p')
	for dep in ${deps//,/ } $soft; do
		modprobe "$dep" 2>&1 || { echo "modprobe $dep failed"; return 1; }
	done
	insmod "$KO" 2>&1 || { dmesg | tail -n 20; return 1; }
}
if msg=$(load_module); then
	result ok module-load
else
	mapfile -t lines <<<"$msg"
	result FAIL module-load "${lines[@]}"
	finish
fi

[ -x "$TOOLS/l2tpctl" ] ||
	echo "selftests: warning: $TOOLS/l2tpctl not found (make tool)" >&2

# --- run the tests --------------------------------------------------------
# leftover_ns: print and remove the network namespaces that still exist.
leftover_ns() {
	local ns pid
	for ns in $(ip netns list 2>/dev/null | cut -d' ' -f1); do
		echo "$ns"
		for pid in $(ip netns pids "$ns" 2>/dev/null); do
			kill -9 "$pid" 2>/dev/null
		done
		ip netns del "$ns" 2>/dev/null
	done
}

# run_test NAME SCRIPT: run one test; with --stream, its output goes to stdout too.
run_test() {
	local name=$1 script=$2 stream=${3:-} log="$out/$1.log" scratch pid rc t0 ms left
	local limit
	limit=$(sed -n "s/^timeout\.$name=\([0-9]*\)$/\1/p" "$ROOT/selftests/settings")
	[ -n "$limit" ] && [ "$limit" -gt "$timeout" ] || limit=$timeout
	local -a env
	scratch=$(mktemp -d "${TMPDIR:-/tmp}/kl2tp-$name.XXXXXX") || die "mktemp failed"
	env=(PATH="$TOOLS:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
		HOME="${HOME:-/root}" LANG=C.UTF-8 TERM=dumb TMPDIR="${TMPDIR:-/tmp}"
		KL2TP_ROOT="$ROOT" KL2TP_OUT="$out" KL2TP_TEST="$name")
	[ "$in_vm" = 0 ] || env+=(KL2TP_VM=1)
	[ -z "${KL2TP_ALLOW_SKIP:-}" ] || env+=(KL2TP_ALLOW_SKIP=1)
	# selftests/bench.sh's knobs (BENCH, BENCH_*)
	local v
	for v in $(compgen -e | grep -E '^BENCH(_[A-Z0-9_]+)?$' || true); do
		env+=("$v=${!v}")
	done

	kmsg "test $name"
	t0=$(now_ms)
	# timeout makes the test a process group of its own (pgid = $pid).
	(cd "$scratch" && exec env -i "${env[@]}" \
		timeout -k 10 "$limit" bash "$script") </dev/null >"$log" 2>&1 &
	pid=$!
	[ -z "$stream" ] || tail -n +1 -f -s 0.2 --pid="$pid" "$log" &
	rc=0
	wait "$pid" || rc=$?
	[ -z "$stream" ] || wait $!
	# Whatever the test left running in its process group goes now.
	if kill -0 -- "-$pid" 2>/dev/null; then
		echo "harness: killing what the test left running:" >>"$log"
		pgrep -a -g "$pid" >>"$log" 2>&1
		kill -9 -- "-$pid" 2>/dev/null
	fi
	ms=$(($(now_ms) - t0))
	printf '%s %d.%03d\n' "$name" $((ms / 1000)) $((ms % 1000)) >>"$out/timings"
	rm -rf "$scratch"

	left=$(leftover_ns)
	local -a why=()
	case $rc in
	0) ;;
	4) ;;
	124|137) why+=("timed out after ${limit}s") ;;
	*) why+=("exit code $rc") ;;
	esac
	[ -z "$left" ] || why+=("left network namespaces behind: ${left//$'\n'/ }")

	if [ ${#why[@]} -gt 0 ]; then
		[ -n "$stream" ] || mapfile -t -O ${#why[@]} why < <(tail -n 40 "$log")
		result FAIL "$name" "${why[@]}"
	elif [ "$rc" = 4 ]; then
		result skip "$name" "$(grep -m1 -i 'skip' "$log" || true)"
	else
		result ok "$name"
	fi
}

case $mode in
check)
	if [ ${#tests[@]} -eq 0 ]; then
		for f in "$ROOT"/selftests/[0-9]*.sh; do
			[ -f "$f" ] && tests+=("${f##*/}")
		done
	fi
	for t in "${tests[@]}"; do
		t=${t##*/}
		t=${t%.sh}
		if [ -f "$ROOT/selftests/$t.sh" ]; then
			run_test "$t" "$ROOT/selftests/$t.sh"
		else
			result FAIL "$t" "no such test: selftests/$t.sh"
		fi
	done
	;;
demo|bench)
	if [ -f "$ROOT/selftests/$mode.sh" ]; then
		run_test "$mode" "$ROOT/selftests/$mode.sh" stream
	else
		result FAIL "$mode" "selftests/$mode.sh does not exist"
	fi
	;;
esac

# --- unload, then read the kernel log -------------------------------------
if msg=$(timeout 60 rmmod "$MODULE" 2>&1) && ! grep -q "^$MODULE " /proc/modules; then
	result ok module-unload
else
	result FAIL module-unload "rmmod $MODULE: ${msg:-still loaded}"
fi

kernel_log() {
	local km=/sys/kernel/debug/kmemleak
	if [ -w "$km" ]; then
		echo scan >"$km" 2>/dev/null
		sleep 1
		echo scan >"$km" 2>/dev/null
		cat "$km"
	fi
	dmesg >"$out/dmesg.log" 2>&1
	# Lines after our start marker (all of them if the ring buffer lost it),
	# each prefixed with the test that was running.
	local tok=$token
	grep -q "$tok" "$out/dmesg.log" || tok=
	awk -v tok="$tok" '
		BEGIN { on = (tok == ""); t = "start" }
		tok != "" && index($0, tok) { on = 1; next }
		!on { next }
		/kl2tp-selftests: test / { t = $NF; next }
		/WARNING:|BUG:|Oops|general protection|UBSAN|refcount_t:|KASAN|ODEBUG:|ref_tracker|unregister_netdevice: waiting|kmemleak|unreferenced object|Call Trace/ {
			print "[" t "] " $0
		}' "$out/dmesg.log"
	if [ "$(bad_taint)" != "$taint0" ]; then
		echo "kernel taint became $(cat /proc/sys/kernel/tainted) (was bad bits $taint0)"
	fi
}
msg=$(kernel_log)
if [ -z "$msg" ]; then
	result ok kernel-log
else
	mapfile -t lines < <(head -n 60 <<<"$msg")
	result FAIL kernel-log "${lines[@]}"
fi

finish
