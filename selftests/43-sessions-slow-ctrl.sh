#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Many calls in one tunnel whose control channel is slow: every call comes
# up, and the LAC's PPP never starts before the LNS has its ICCN.
#
#   lac: clients c1..c300 192.0.2.1 ---veth--- 192.0.2.2 lns: listener
#                                        (netem: 800 ms on the LNS's control
#                                         messages only; data is not delayed)
#
# The smallest reproduction of issue 9's 2000 calls (1737 up, the rest
# never): the LAC started each call's PPP when its ICCN was queued, but the
# ICCN waited for a send slot behind every ICRQ still queued; the LNS drops
# PPP frames of a call it has not connected, so the LAC's LCP gave up (10 x
# 1 s) and, with redial off, the call stayed down. Under TCG, 2000 calls
# take minutes; here a control round trip of 800 ms (16 messages in flight,
# the LNS's window) makes the ICCN of the first calls wait behind ~300
# ICRQs, over 10 s, with 300 calls (the old code lost most of them).
# Checked: all 300 up on both ends with no CDN at all (control message
# counts exact); from a capture, the first ICCN left before the last ICRQ
# (new calls wait behind the calls in progress) and no call's first PPP
# frame from the LAC precedes the LNS's acknowledgment of its ICCN; a
# tunnel reset leaves nothing.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/l2tp.sh"

require_module sch_netem
require_cmd tshark tshark
N=300
lns_lac_setup
# RTO above the 800 ms round trip: no spurious retransmission; 3 retries
# and a 4 s cap: a closed tunnel lingers 14 s (2 + 4 + 4 + 4)
set_param ctrl_rto_ms 2000
set_param ctrl_rto_max_ms 4000
set_param ctrl_retries 3
# The LNS's control messages (T bit, the first byte after the UDP header)
# go through netem, everything else does not.
check "prio qdisc on the LNS" tc -n "$lns" qdisc add dev "$VETH2" root handle 1: prio
check "netem on band 3" tc -n "$lns" qdisc add dev "$VETH2" parent 1:3 handle 30: \
	netem delay 800ms limit 10000
check "control messages to band 3" tc -n "$lns" filter add dev "$VETH2" parent 1: \
	protocol ip prio 1 u32 match ip protocol 17 0xff match u8 0x80 0x80 at 28 flowid 1:3

check "pool add" l2 "$lns" pool add p1 range 10.0.0.0-10.0.3.255
for i in $(seq $N); do
	echo "user add u$i password p$i"
done >users
check "apply $N users" ip netns exec "$lns" l2tpctl -f users
check "lns add" l2 "$lns" lns add main listen $LNS_IP local-ip 10.0.0.1 pool p1 auth pap
for i in $(seq $N); do
	echo "client add c$i lns $LNS_IP user u$i password p$i redial off auth pap"
done >conf
for i in $(seq $N); do
	echo "client up c$i"
done >>conf
events=$KL2TP_OUT/$KL2TP_TEST-lac.events
monitor_start "$lac" "$events"
pcap=$KL2TP_OUT/$KL2TP_TEST.pcapng
capture_start "$lac" "$VETH1" "$pcap"
check "apply $N clients" ip netns exec "$lac" l2tpctl -f conf

check "LAC: $N sessions up" wait_eq 150000 $N n_sessions "$lac" up
check "LNS: $N sessions up" wait_eq 30000 $N n_sessions "$lns" up
check_eq "all clients up" $N "$(jq_in "$lac" '[.[] | select(.state == "up")] | length' client show)"
check_eq "no session went down" 0 \
	"$(jq -s '[.[] | select(.event == "session-down")] | length' "$events")"
# SCCRQ, SCCCN, then one ICRQ and one ICCN per call: not a single CDN
check_eq "LNS received exactly 2 + 2 x $N messages" $((2 + 2 * N)) \
	"$(jq_in "$lns" '.[0].ctrl_rx' -s tunnel show)"
check_eq "LAC sent exactly 2 + 2 x $N messages" $((2 + 2 * N)) \
	"$(jq_in "$lac" '.[0].ctrl_tx' -s tunnel show)"
capture_stop

# One line per L2TP packet: time, source, T bit, session, message type, Ns, Nr
wire=$KL2TP_OUT/$KL2TP_TEST.wire
tshark -r "$pcap" -Y l2tp -T fields -e frame.time_epoch -e ip.src -e l2tp.type \
	-e l2tp.session -e l2tp.avp.message_type -e l2tp.Ns -e l2tp.Nr \
	2>/dev/null >"$wire" || true
check "capture read by tshark" test -s "$wire"
# shellcheck disable=SC2016 # awk's variables
order=$(awk -F'\t' -v lac=$LAC_IP '
	$2 == lac && $5 == "10" && $6 + 0 > last_icrq { last_icrq = $6 + 0 }
	$2 == lac && $5 == "12" && first_iccn == "" { first_iccn = $6 + 0 }
	END { print (first_iccn != "" && first_iccn < last_icrq) ? "interleaved" : "after" }' "$wire")
check_eq "the first ICCN left before the last ICRQ" interleaved "$order"
# For each call (the LNS's session id in our headers): the time of its
# ICCN's acknowledgment (first LNS message with Nr > the ICCN's Ns) and of
# the LAC's first PPP frame.
# shellcheck disable=SC2016 # awk's variables
early=$(awk -F'\t' -v lac=$LAC_IP -v lns=$LNS_IP '
	function b(x) { return x == "1" || x == "True" }
	$2 == lac && b($3) && $5 == "12" && !($4 in ns) { ns[$4] = $6 + 0; n++ }
	$2 == lns && b($3) {
		for (s in ns) if (!(s in acked) && $7 + 0 > ns[s]) acked[s] = $1
	}
	$2 == lac && !b($3) && !($4 in ppp) {
		ppp[$4] = $1
		if (!($4 in acked)) bad++
	}
	END { print n + 0, bad + 0 }' "$wire")
check_eq "$N ICCNs seen, no PPP frame before its ICCN was acked" "$N 0" "$early"

lac_tid=$(jq_in "$lac" '.[0].local_id' tunnel show)
check "tunnel reset" l2 "$lac" tunnel reset "$lac_tid"
check "everything closed" busywait 60000 ppp_all_gone
check "no tunnel left" busywait 30000 all_clean "$lac" "$lns"
check_eq "pool: nothing used" 0 "$(jq_in "$lns" '.[0].used' pool show)"
