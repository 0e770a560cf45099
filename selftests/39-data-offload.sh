#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Offloads through a session (kernel/device.c).
#
#   lac: client c1 192.0.2.1 ---veth---------- 192.0.2.2 lns
#        10.0.0.1xx <------------ l2tpN ------------> 10.0.0.1 (iperf3 -s)
#
# - the session device offers scatter-gather, checksum offload and TSO;
# - TCP both ways (iperf3, 4 MB each), with the veth passing whole GSO
#   packets (UDP tunnel GSO): data flows, no session error or drop on
#   either end, neither end fragments a tunnel packet;
# - the same with the veth's UDP tunnel segmentation off, so that packets
#   are segmented after encapsulation as for a NIC without tunnel offload:
#   every L2TP packet on the LNS's veth, either way, fits its 1500-byte MTU;
# - a listener that sequences data (the client follows), the veth still
#   not segmenting: TCP both ways with no error, and fewer than 1 in 10
#   packets dropped as out of sequence on either end. Every segment must
#   have been given its own Ns: one Ns for a whole GSO packet, segmented
#   after encapsulation, would make the receiver drop all segments but the
#   first. (A few drops are expected: packets two CPUs send at once may
#   overtake each other, and RFC 2661 5.4 lets the receiver drop them.)
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/l2tp.sh"

require_cmd iperf3 iperf3
ppp_setup auth chap
check "listener seq (sequencing on)" l2 "$lns" lns add seq listen $LNS_IP:1702 \
	local-ip $PPP_LOCAL pool p1 auth chap sequencing on
ip netns exec "$lns" iperf3 -s -D -I "$PWD/iperf3.pid"
defer sh -c "kill \$(cat $PWD/iperf3.pid)"

# iperf_both NS: 2 s of TCP each way to $PPP_LOCAL from NS; both moved data.
iperf_both() {
	local dir bytes
	for dir in "" -R; do
		# A fixed amount, not a time: no speed is asserted. The receiver
		# has not counted what was in flight when the sender finished;
		# -w bounds that (buffers of 256 KiB; a slow guest's send
		# buffer grows to 4 MiB otherwise).
		bytes=$(ip netns exec "$lac" iperf3 -c $PPP_LOCAL -n 4M -w 128K -J $dir |
			jq -r '"\(.end.sum_sent.bytes) \(.end.sum_received.bytes)"') || return 1
		log "iperf3 $dir: sent, received $bytes bytes"
		[ "${bytes%% *}" -ge 4194304 ] && [ "${bytes##* }" -ge 2097152 ] || return 1
	done
}

# session_ok NAME [seq]: client NAME's session and the LNS's counted no
# error and no drop; with "seq", drops below 10% of the packets received
# (a few segments overtake each other; one Ns per GSO packet drops most).
session_ok() {
	local f drops pkts
	for f in rx_errors tx_errors; do
		check_eq "$1: client $f" 0 "$(client_session "$lac" "$1" $f)"
		check_eq "$1: LNS $f" 0 "$(session_field "$lns" $f)"
	done
	if [ "${2:-}" != seq ]; then
		check_eq "$1: client rx_drops" 0 "$(client_session "$lac" "$1" rx_drops)"
		check_eq "$1: LNS rx_drops" 0 "$(session_field "$lns" rx_drops)"
		return
	fi
	drops=$(client_session "$lac" "$1" rx_drops)
	pkts=$(client_session "$lac" "$1" rx_packets)
	log "$1: client dropped $drops of $pkts"
	check "$1: client drops < 10%" [ $((drops * 10)) -lt "$pkts" ]
	drops=$(session_field "$lns" rx_drops)
	pkts=$(session_field "$lns" rx_packets)
	log "$1: LNS dropped $drops of $pkts"
	check "$1: LNS drops < 10%" [ $((drops * 10)) -lt "$pkts" ]
}

check "dial" ppp_dial "$lac" c1 alice pw auth chap redial off
check "client up" wait_eq 30000 up client_field "$lac" c1 state
lif=$(client_session "$lac" c1 ifname)
feat=$(ip netns exec "$lac" ethtool -k "$lif")
for f in scatter-gather tx-checksum-ip-generic tcp-segmentation-offload; do
	check "$lif offers $f" grep -q "^[[:space:]]*$f: on" <<<"$feat"
done

f0=$(frag_creates "$lac")
g0=$(frag_creates "$lns")
check "TCP both ways, whole GSO packets on the veth" iperf_both
session_ok c1
check_eq "LAC fragmented no tunnel packet" "$f0" "$(frag_creates "$lac")"
check_eq "LNS fragmented no tunnel packet" "$g0" "$(frag_creates "$lns")"

check "veths: no UDP tunnel segmentation" sh -c \
	"ip netns exec $lac ethtool -K $VETH1 tx-udp_tnl-segmentation off tx-udp_tnl-csum-segmentation off &&
	 ip netns exec $lns ethtool -K $VETH2 tx-udp_tnl-segmentation off tx-udp_tnl-csum-segmentation off"
out=$PWD/big.out
ip netns exec "$lns" python3 "$KL2TP_ROOT/selftests/tools/l2tp_watch.py" "$VETH2" big >"$out" &
watcher=$!
defer sh -c "kill $watcher 2>/dev/null || true"
check "watcher ready" busywait 20000 grep -q ready "$out"
check "TCP both ways, segmented after encapsulation" iperf_both
kill "$watcher"
wait "$watcher" || true
read -r _ big _ n < <(grep '^big' "$out")
log "UDP packets on $VETH2: $n, longer than 1500 bytes: $big"
check "the watcher saw the transfer" [ "${n:-0}" -gt 1000 ]
check_eq "every L2TP packet fits the veth's MTU" 0 "${big:-x}"
session_ok c1
check "client down" l2 "$lac" client down c1
check "all gone" busywait 30000 ppp_all_gone

check "client c2 to the sequencing listener" l2 "$lac" client add c2 \
	lns $LNS_IP:1702 user alice password pw auth chap redial off
check "dial" l2 "$lac" client up c2
check "client up" wait_eq 30000 up client_field "$lac" c2 state
check_eq "client sequences" true "$(client_session "$lac" c2 sequencing)"
check "TCP both ways, sequenced" iperf_both
session_ok c2 seq
check "client down" l2 "$lac" client down c2
check "all gone" busywait 30000 ppp_all_gone
