#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Teardown with live tunnels and sessions leaves nothing behind.
#
#   lac: 5 clients 192.0.2.1 ---veth--- 192.0.2.2 lns (deleted while up)
#
# - deleting the LNS namespace with live tunnels frees them (the LAC then
#   loses its peer and cleans up too);
# - unloading the module with live tunnels in another namespace works,
#   and reloading it gives a clean slate (no tunnel, no UDP socket left).
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/l2tp.sh"

lns_lac_setup
fast_timers
up() {
	l2 "$lns" pool add p1 range 10.0.0.100-10.0.0.199
	l2 "$lns" lns add main listen $LNS_IP local-ip 10.0.0.1 pool p1
	for i in 1 2 3 4 5; do
		l2 "$lns" user add "u$i" password p
	done
	for i in 1 2 3 4 5; do
		echo "client add c$i lns $LNS_IP user u$i password p hello 1 redial off"
		echo "client up c$i"
	done >conf
	ip netns exec "$lac" l2tpctl -f conf
}
check "dial" up
check "5 sessions up" wait_eq 15000 5 n_sessions "$lns" up

check "delete the LNS namespace with live tunnels" cleanup_ns "$lns"
check "LAC notices and cleans up" busywait 30000 all_clean "$lac"

setup_ns lns
veth_pair "$lac" "$lns" "" $LNS_IP/24
check "LAC address back" ip -n "$lac" addr replace $LAC_IP/24 dev "$VETH1"
ip -n "$lac" link set "$VETH1" up
for i in 1 2 3 4 5; do l2 "$lac" client del "c$i"; done
check "dial again" up
check "5 sessions up again" wait_eq 15000 5 n_sessions "$lns" up

params=$(for p in ctrl_rto_ms ctrl_rto_max_ms ctrl_retries; do
	echo "$p=$(cat /sys/module/kl2tp/parameters/$p)"; done)
check "rmmod with live tunnels" rmmod kl2tp
check "insmod again" insmod "$KL2TP_ROOT/kl2tp.ko" $params
check_eq "LAC: no tunnel after reload" 0 "$(n_tunnels "$lac")"
check_eq "LNS: no listener after reload" 0 "$(jq_in "$lns" length lns show)"
check_eq "no UDP socket left on 1701" 0 \
	"$(ip netns exec "$lns" ss -Hunl 'sport = :1701' | wc -l)"
