#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# `make bench`: control-plane setup figures, in the guest (QEMU TCG: slow,
# compare runs with each other, not with hardware).
#
#   lac (192.0.2.1) ---veth--- lns (192.0.2.2)
#
# For N = 1, 100, 1000 calls in one tunnel: time from `l2tpctl -f` (N client
# adds + ups) to N sessions established on the LNS, and to all gone after a
# tunnel reset. Then 50 tunnels of one call each ("tunnel own").
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/l2tp.sh"

lns_lac_setup
fast_timers
l2 "$lns" pool add p1 range 10.0.0.100-10.0.0.199
l2 "$lns" lns add main listen $LNS_IP local-ip 10.0.0.1 pool p1

now() { date +%s.%N; }
elapsed() { echo "$2 - $1" | bc -l | xargs printf '%.2f'; }

# bench N EXTRA: prints "N setup teardown"
bench() {
	local n=$1 extra=$2 t0 t1 t2 i
	for i in $(seq "$n"); do
		echo "client add b$i lns $LNS_IP user u$i password p redial off $extra"
	done >conf
	for i in $(seq "$n"); do echo "client up b$i"; done >>conf
	t0=$(now)
	ip netns exec "$lac" l2tpctl -f conf
	busywait 600000 _out_is "$n" n_sessions "$lns" established || fail "setup of $n"
	t1=$(now)
	for tid in $(jq_in "$lac" '.[].local_id' tunnel show); do
		l2 "$lac" tunnel reset "$tid"
	done
	busywait 600000 all_clean "$lac" || fail "teardown of $n"
	t2=$(now)
	for i in $(seq "$n"); do l2 "$lac" client del "b$i"; done
	busywait 60000 all_clean "$lns" || fail "LNS clean after $n"
	printf '%-28s %8s s %8s s\n' "$3" "$(elapsed "$t0" "$t1")" "$(elapsed "$t1" "$t2")"
}

printf '%-28s %10s %10s\n' "calls" "setup" "teardown"
bench 1 "" "1 call"
bench 100 "" "100 calls, 1 tunnel"
bench 1000 "" "1000 calls, 1 tunnel"
bench 50 "tunnel own" "50 calls, 50 tunnels"
