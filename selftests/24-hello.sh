#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Keepalive and dead peer detection.
#
#   lac: client 192.0.2.1 ---veth--- 192.0.2.2 lns: peer "lac" hello 1
#
# - an idle tunnel exchanges Hellos and stays up;
# - when the LAC disappears (its link goes down) the LNS's Hello goes
#   unanswered, is retransmitted ctrl_retries times, and the LNS tears the
#   tunnel down ("peer not responding"); the LAC, which can no longer
#   send, gives up too; nothing is left on either end.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/l2tp.sh"

lns_lac_setup
fast_timers
mlns=$KL2TP_OUT/$KL2TP_TEST-lns.events
monitor_start "$lns" "$mlns"
check "peer with hello 1" l2 "$lns" peer add lac address $LAC_IP hello 1
check "pool add" l2 "$lns" pool add p1 range 10.0.0.100-10.0.0.199
check "lns add" l2 "$lns" lns add main listen $LNS_IP local-ip 10.0.0.1 pool p1
check "user add u" l2 "$lns" user add u password p
check "client add" l2 "$lac" client add c1 lns $LNS_IP user u password p hello 1 redial off
check "client up" l2 "$lac" client up c1
check "session up" wait_eq 15000 1 n_sessions "$lns" up

sleep 4
check_eq "idle tunnel still up after 4 Hello intervals" 1 "$(n_tunnels "$lns" established)"
tx=$(jq_in "$lns" '.[0].ctrl_tx' -s tunnel show)
check "Hellos were sent" test "$tx" -ge 3

check "LAC vanishes" ip -n "$lac" link set "$VETH1" down
check "LNS declares the peer dead" busywait 30000 all_clean "$lns"
check_eq "LNS says why" "peer not responding" \
	"$(jq -rs '[.[] | select(.event == "tunnel-down")][0].message' "$mlns")"
check "LAC gives up too" busywait 30000 all_clean "$lac"
