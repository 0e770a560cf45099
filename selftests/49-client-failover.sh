#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# A client with several LNSes (client add ... lns A,B,C, lns-policy).
#
#   lac 192.0.2.1 ---veth--- lns: 192.0.2.2:1701 "main" (accepts)
#                                 192.0.2.3:1701 "refuse" (peers: none
#                                   that matches: StopCCN, result 4)
#                                 192.0.2.3:1702 "alt" (accepts)
#                                 192.0.2.9: nobody (no answer)
#
# - the list is refused when an LNS is given twice, when there are more
#   than 8, and a policy other than failover|random; show and dump give
#   it back in order;
# - failover: dead, refusing, good: the call comes up on the third, in
#   one dial (redial off), after the first timed out and the second
#   refused; lns_current says which;
# - a call that was up and ends starts the next round at the first LNS
#   again: refusing, good, alt; a tunnel reset on the good LNS, and the
#   refusing one is asked again, then the good one (not alt, the next);
# - random: 16 clients with the same two good LNSes end up on both;
#   failover: all on the first.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/l2tp.sh"

ppp_setup auth chap
ip -n "$lns" addr add 192.0.2.3/32 dev lo
DEAD=192.0.2.9
check "peer elsewhere" l2 "$lns" peer add elsewhere address 198.51.100.1
check "pool p2" l2 "$lns" pool add p2 range 10.0.2.100-10.0.2.199
check "listener refuse" l2 "$lns" lns add refuse listen 192.0.2.3 local-ip 10.0.2.1 \
	pool p2 peers elsewhere
check "listener alt" l2 "$lns" lns add alt listen 192.0.2.3:1702 local-ip 10.0.2.1 pool p2
elac=$KL2TP_OUT/$KL2TP_TEST-lac.events
monitor_start "$lac" "$elac"

# refused_by_peer: how many of the LAC's tunnels 192.0.2.3 refused (StopCCN
# 4; the tunnel-down event comes later, when the closing tunnel goes)
refused_by_peer() {
	jq -s '[.[] | select(.event == "tunnel-state" and .state == "closing"
		and .remote_address == "192.0.2.3" and .result_code == 4)] | length' "$elac"
}

# listener_sessions NAME: sessions in the LNS's tunnels of listener NAME
listener_sessions() {
	jq_in "$lns" "[.[] | select(.name == \"$1\") | .sessions] | add // 0" tunnel show
}

cl() {
	l2 "$lac" client add "$@" user alice password pw auth chap
}

# --- the list -------------------------------------------------------------------
check_fail "an LNS given twice: refused" cl x lns $LNS_IP,$LNS_IP:1701
check_fail "nine LNSes: refused" cl x \
	lns 192.0.2.11,192.0.2.12,192.0.2.13,192.0.2.14,192.0.2.15,192.0.2.16,192.0.2.17,192.0.2.18,192.0.2.19
check_fail "lns-policy bogus: refused" cl x lns $LNS_IP lns-policy bogus
check_fail "an empty entry: refused" cl x lns $LNS_IP,,192.0.2.3
check_eq "nothing was added" 0 "$(jq_in "$lac" length client show)"
check "eight LNSes will do" cl eight \
	lns 192.0.2.11,192.0.2.12,192.0.2.13,192.0.2.14,192.0.2.15,192.0.2.16,192.0.2.17,192.0.2.18
check "del" l2 "$lac" client del eight

check "f1: dead, refusing, good" cl f1 lns $DEAD,192.0.2.3,$LNS_IP redial off
check_eq "show: in order, ports filled in" \
	"$DEAD:1701 192.0.2.3:1701 $LNS_IP:1701" "$(client_field "$lac" f1 lns_list)"
check_eq "show: lns is the first, policy failover" "$DEAD:1701 failover" \
	"$(jq_in "$lac" '.[0] | "\(.lns) \(.lns_policy)"' client show f1)"
check "dump: the list" sh -c "ip netns exec $lac l2tpctl dump |
	grep -q '^client add f1 lns $DEAD:1701,192.0.2.3:1701,$LNS_IP:1701 '"

# --- failover ---------------------------------------------------------------------
check "f1 up" l2 "$lac" client up f1
check "f1: up, in one dial" wait_eq 60000 up client_field "$lac" f1 state
check_eq "f1: on the third LNS" 2 "$(client_field "$lac" f1 lns_current)"
check_eq "f1: its tunnel is to $LNS_IP" "$LNS_IP" \
	"$(jq_in "$lac" '[.[] | select(.state == "established")][0].remote_address' tunnel show)"
check_eq "the dead LNS did not answer" 1 "$(jq -s "[.[] | select(.event == \"tunnel-down\"
	and .remote_address == \"$DEAD\" and .message == \"peer not responding\")] | length" "$elac")"
check_eq "the refusing LNS was asked (StopCCN 4)" 1 "$(refused_by_peer)"
check_eq "LNS: the session is main's" 1 "$(listener_sessions main)"
check "f1 del" l2 "$lac" client del f1
check "clean" busywait 20000 all_clean "$lac" "$lns"

# --- a new round after a call that was up ---------------------------------------------
check "f2: refusing, good, alt; redial on" cl f2 lns 192.0.2.3,$LNS_IP,192.0.2.3:1702
check "f2 up" l2 "$lac" client up f2
check "f2: up" wait_eq 30000 up client_field "$lac" f2 state
check_eq "f2: on the second LNS" 1 "$(client_field "$lac" f2 lns_current)"
check_eq "refused twice so far" 2 "$(refused_by_peer)"
tid=$(jq_in "$lns" '[.[] | select(.name == "main")][0].local_id' tunnel show)
check "LNS resets f2's tunnel" l2 "$lns" tunnel reset "$tid"
check "the new round began at the refusing LNS" wait_eq 30000 3 refused_by_peer
check "f2: up again" wait_eq 30000 up client_field "$lac" f2 state
check_eq "f2: on the second LNS again, not the third" 1 "$(client_field "$lac" f2 lns_current)"
check_eq "LNS: f2's session is main's" 1 "$(listener_sessions main)"
check "f2 del" l2 "$lac" client del f2
check "clean" busywait 20000 all_clean "$lac" "$lns"

# --- policies -----------------------------------------------------------------------
for i in $(seq 16); do
	cl "r$i" lns $LNS_IP,192.0.2.3:1702 lns-policy random redial off
	l2 "$lac" client up "r$i"
done
check "16 random: all up" wait_eq 60000 16 n_sessions "$lac" up
check "... some on main" test "$(listener_sessions main)" -ge 1
check "... some on alt" test "$(listener_sessions alt)" -ge 1
check_eq "... all of them" 16 "$(($(listener_sessions main) + $(listener_sessions alt)))"
for i in $(seq 16); do l2 "$lac" client del "r$i"; done
check "clean" busywait 30000 all_clean "$lac" "$lns"
for i in $(seq 4); do
	cl "o$i" lns $LNS_IP,192.0.2.3:1702 redial off
	l2 "$lac" client up "o$i"
done
check "4 failover: all up" wait_eq 30000 4 n_sessions "$lac" up
check_eq "... all on main" 4 "$(listener_sessions main)"
for i in $(seq 4); do l2 "$lac" client del "o$i"; done
check "clean" busywait 30000 all_clean "$lac" "$lns"

