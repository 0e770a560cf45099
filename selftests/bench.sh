#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# `make bench`: setup figures and throughput, in the guest (QEMU TCG: slow,
# compare runs with each other, not with hardware). No pass/fail on timings.
#
#   lac (192.0.2.1) ---veth--- lns (192.0.2.2)
#   10.1.x.y <------ l2tpN ------> 10.0.0.1 (PPP, CHAP, pool of 4094)
#
# 1. TCP throughput (iperf3, 10 s, LAC -> LNS) through one session, and over
#    the raw veth between the same namespaces.
# 2. For N = 1, 100, 1000 calls in one tunnel, then 50 calls with a tunnel
#    each ("tunnel own"), from `l2tpctl -f` (N client adds + ups):
#      established  N sessions past the control setup on the LNS (what this
#                   benchmark measured before PPP);
#      ping-ready   N sessions up on both ends and a ping through the last
#                   client's device answered;
#      teardown     from the tunnel reset(s) to no session and no device left
#                   on the LAC.
#    Each figure includes l2tpctl's and jq's start-up under TCG (~0.1 s per
#    exec) and the polling.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/l2tp.sh"

LOCAL=10.0.0.1
lns_lac_setup
fast_timers
l2 "$lns" pool add big range 10.1.0.1-10.1.15.254 || fail "pool add"
l2 "$lns" user add bench password p || fail "user add"
l2 "$lns" lns add main listen $LNS_IP local-ip $LOCAL pool big auth chap || fail "lns add"

# secs MS: milliseconds as seconds with two decimals.
secs() {
	printf '%d.%02d' $(($1 / 1000)) $(($1 % 1000 / 10))
}

# n_lns_past_ctrl: LNS sessions whose control setup is done.
n_lns_past_ctrl() {
	jq_in "$lns" '[.[] | select(.state as $s | ["established", "ppp-lcp", "ppp-auth",
		"ppp-network", "up"] | index($s))] | length' session show
}

n_clients_up() {
	jq_in "$lac" '[.[] | select(.state == "up")] | length' client show
}

all_up() {
	[ "$(n_sessions "$lns" up)" = "$1" ] && [ "$(n_clients_up)" = "$1" ]
}

# ready N TID SID: N sessions up on each end; sets dev to the device of the
# LAC's session TID/SID. One l2tpctl per end and one jq, to keep the
# polling short under TCG.
ready() {
	ip netns exec "$lac" l2tpctl -j session show >lac.json || return 1
	ip netns exec "$lns" l2tpctl -j session show >lns.json || return 1
	dev=$(jq -rn --slurpfile a lac.json --slurpfile b lns.json \
		--argjson n "$1" --argjson t "$2" --argjson s "$3" '
		def n_up(x): [x[] | select(.state == "up")] | length;
		if n_up($a[0]) == $n and n_up($b[0]) == $n then
			$a[0][] | select(.tunnel_id == $t and .local_id == $s) | .ifname
		else empty end')
	[ -n "$dev" ]
}

ping_via() {
	ip netns exec "$lac" ping -q -c 1 -W 1 -I "$1" $LOCAL >/dev/null 2>&1
}

lac_clean() {
	all_clean "$lac" && [ "$(n_l2tp_links "$lac")" = 0 ]
}

lns_clean() {
	all_clean "$lns" && [ "$(n_l2tp_links "$lns")" = 0 ]
}

# --- 1. throughput --------------------------------------------------------------
require_cmd iperf3 iperf3
ip netns exec "$lns" iperf3 -s >/dev/null 2>&1 &
defer kill $!
sleep 0.5
# iperf DEST: TCP throughput to DEST in Mbit/s (receiver side), "-" on failure.
iperf() {
	local j
	j=$(ip netns exec "$lac" iperf3 -c "$1" -t 10 -J 2>/dev/null) || { echo -; return; }
	echo "$j" | jq -r '.end.sum_received.bits_per_second / 1e6 | floor'
}
l2 "$lac" client add t1 lns $LNS_IP user bench password p auth chap redial off || fail "client add t1"
l2 "$lac" client up t1
busywait 60000 all_up 1 || fail "t1 not up"
dev=$(client_session "$lac" t1 ifname)
busywait 10000 ping_via "$dev" || fail "no ping through $dev"
raw=$(iperf $LNS_IP)
ppp=$(iperf $LOCAL)
errs=$(client_session "$lac" t1 tx_errors)/$(client_session "$lac" t1 rx_errors)
echo
printf '%-34s %12s\n' "TCP, iperf3 -t 10, LAC -> LNS" "Mbit/s"
printf '%-34s %12s\n' "raw veth" "$raw" "through one session ($dev)" "$ppp"
echo "(session tx/rx errors after the run: $errs)"
l2 "$lac" client down t1
l2 "$lac" client del t1
busywait 60000 lac_clean || fail "t1 teardown"
busywait 60000 lns_clean || fail "LNS clean after t1"

# --- 2. setup and teardown ------------------------------------------------------
# bench N EXTRA LABEL: prints "LABEL established ping-ready teardown".
run=0
bench() {
	local n=$1 extra=$2 t0 t1 t2 t3 i tid sid
	# Names of their own per run: l2tpctl -f cannot delete, and deleting
	# 1000 clients one exec at a time takes minutes under TCG; the clients
	# of earlier runs stay, down.
	run=$((run + 1))
	for i in $(seq "$n"); do
		echo "client add r$run-$i lns $LNS_IP user bench password p auth chap redial off $extra"
	done >conf
	for i in $(seq "$n"); do echo "client up r$run-$i"; done >>conf
	t0=$(_now_ms)
	ip netns exec "$lac" l2tpctl -f conf
	busywait 900000 _out_is "$n" n_lns_past_ctrl || fail "setup of $n"
	t1=$(_now_ms)
	read -r tid sid < <(jq_in "$lac" '.[0] | "\(.tunnel_id) \(.session_id)"' \
		client show "r$run-$n")
	busywait 900000 ready "$n" "$tid" "$sid" || fail "PPP up for $n"
	busywait 60000 ping_via "$dev" || fail "ping through the last of $n ($dev)"
	t2=$(_now_ms)
	for tid in $(jq_in "$lac" '.[].local_id' tunnel show); do
		l2 "$lac" tunnel reset "$tid"
	done
	busywait 900000 lac_clean || fail "teardown of $n"
	t3=$(_now_ms)
	busywait 120000 lns_clean || fail "LNS clean after $n"
	printf '%-28s %10s s %10s s %8s s\n' "$3" "$(secs $((t1 - t0)))" \
		"$(secs $((t2 - t0)))" "$(secs $((t3 - t2)))"
}

echo
printf '%-28s %12s %12s %10s\n' "calls" "established" "ping-ready" "teardown"
bench 1 "" "1 call"
bench 100 "" "100 calls, 1 tunnel"
bench 1000 "" "1000 calls, 1 tunnel"
bench 50 "tunnel own" "50 calls, 50 tunnels"
