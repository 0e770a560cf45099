#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Reliable delivery under a bad underlay: 20% loss, reordering and
# duplication both ways (netem).
#
#   lac: clients c1..c10 192.0.2.1 ---veth (netem)--- 192.0.2.2 lns
#
# Tunnel and every session still come up with PPP (clients redial if PPP
# gives up under the loss); retransmissions, duplicates and out-of-order
# messages were really seen; a tunnel reset reaches the LNS; teardown still
# ends clean.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/l2tp.sh"

require_module sch_netem
N=10
lns_lac_setup
for pair in "$lac $VETH1" "$lns $VETH2"; do
	set -- $pair
	check "netem on $2" ip -n "$1" link set "$2" up
	check "netem qdisc in $1" tc -n "$1" qdisc add dev "$2" root netem \
		delay 20ms 10ms loss 20% duplicate 20% reorder 25% 50%
done
check "pool add" l2 "$lns" pool add p1 range 10.0.0.100-10.0.0.199
check "lns add" l2 "$lns" lns add main listen $LNS_IP local-ip 10.0.0.1 pool p1
for i in $(seq $N); do
	echo "user add u$i password p"
done >users
check "users" ip netns exec "$lns" l2tpctl -f users
for i in $(seq $N); do
	echo "client add c$i lns $LNS_IP user u$i password p"
	echo "client up c$i"
done >conf
monitor_start "$lns" "$KL2TP_OUT/$KL2TP_TEST-lns.events"
monitor_start "$lac" "$KL2TP_OUT/$KL2TP_TEST-lac.events"
check "dial $N" ip netns exec "$lac" l2tpctl -f conf

check "LNS: $N sessions established despite loss" wait_eq 180000 $N n_sessions "$lns" up
check "LAC: $N sessions established despite loss" wait_eq 60000 $N n_sessions "$lac" up
l2 "$lns" session show
l2 "$lac" session show
sum() {
	echo $(( $(jq_in "$lac" ".[0].$1" -s tunnel show) + $(jq_in "$lns" ".[0].$1" -s tunnel show) ))
}
check "retransmissions happened" test "$(sum ctrl_retransmits)" -gt 0
check "duplicates were received" test "$(sum ctrl_dup)" -gt 0
tid=$(jq_in "$lac" '.[0].local_id' tunnel show)
check "LNS: that tunnel established" ip netns exec "$lns" sh -c \
	"l2tpctl -j tunnel show | jq -e '.[] | select(.remote_id == $tid and .state == \"established\")' >/dev/null"
check "tunnel reset" l2 "$lac" tunnel reset "$tid"
# The LNS keeps a tunnel whose StopCCN it received for a retransmission
# cycle (RFC 2661 5.7: to ack the StopCCN again), so "closing" is the
# sign that it got it; "both ends clean" below waits that cycle out.
check "LNS: reset tunnel closing or gone" busywait 60000 sh -c \
	"! ip netns exec $lns l2tpctl -j tunnel show | jq -e '.[] | select(.remote_id == $tid and .state != \"closing\")' >/dev/null"
# the clients redial (on by default: PPP under 20% loss may need a retry)
for i in $(seq $N); do
	l2 "$lac" client down "c$i"
done
# The last call's end closes the LAC's tunnel with a StopCCN: if the loss
# takes all six of its sends (or their acks; about 1 in 500), the LNS
# learns it from its Hello (60 s) going unanswered (31 s of retries).
check "both ends clean" busywait 120000 all_clean "$lac" "$lns"
