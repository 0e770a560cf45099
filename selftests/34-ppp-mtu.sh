#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The session devices' MTU.
#
#   lac: client c1 192.0.2.1 ---veth (mtu 1500)--- 192.0.2.2 lns
#        10.0.0.1xx <------------- l2tpN -------------> 10.0.0.1
#
# - both devices have the default MTU, 1460;
# - a 1460-byte packet with DF (ping -M do -s 1432) passes, both ways, and
#   its L2TP/UDP packet fits the veth unfragmented;
# - 1461 bytes with DF fail locally ("message too long"), both ways;
# - without DF, bigger packets are fragmented and still pass;
# - when the LNS sequences data (4 more header bytes), both devices take
#   1456, the client's without being told, and 1456 bytes with DF pass
#   unfragmented.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/l2tp.sh"

ppp_setup auth chap
check "dial" ppp_dial "$lac" c1 alice pw auth chap redial off
check "client up" wait_eq 30000 up client_field "$lac" c1 state
check "LNS session up" wait_eq 30000 1 n_sessions "$lns" up
lif=$(client_session "$lac" c1 ifname)
nif=$(session_field "$lns" ifname)
addr=$(client_session "$lac" c1 address)

mtu() {
	ip -n "$1" -j link show dev "$2" | jq -r '.[0].mtu'
}

# df_both_ways SIZE: SIZE-byte packets with DF pass both ways between the
# client and $addr, and neither end fragments a tunnel packet.
df_both_ways() {
	local f0 g0
	f0=$(frag_creates "$lac")
	g0=$(frag_creates "$lns")
	check "$1 bytes with DF: client -> LNS" ppp_ping "$lac" $PPP_LOCAL -M "do" -s $(($1 - 28))
	check "$1 bytes with DF: LNS -> client" ppp_ping "$lns" "$addr" -M "do" -s $(($1 - 28))
	check_eq "LAC fragmented no tunnel packet" "$f0" "$(frag_creates "$lac")"
	check_eq "LNS fragmented no tunnel packet" "$g0" "$(frag_creates "$lns")"
}

check_eq "LAC device MTU 1460" 1460 "$(mtu "$lac" "${lif:-none}")"
check_eq "LNS device MTU 1460" 1460 "$(mtu "$lns" "${nif:-none}")"
check_eq "veth MTU 1500" 1500 "$(mtu "$lac" "$VETH1")"

df_both_ways 1460

out=$(ip netns exec "$lac" ping -c 1 -W 2 -M "do" -s 1433 $PPP_LOCAL 2>&1) && rc=0 || rc=$?
check "1461 bytes with DF: client -> LNS fails" test "$rc" != 0
check "... locally: message too long" grep -qi 'message too long' <<<"$out"
out=$(ip netns exec "$lns" ping -c 1 -W 2 -M "do" -s 1433 "$addr" 2>&1) && rc=0 || rc=$?
check "1461 bytes with DF: LNS -> client fails" test "$rc" != 0
check "... locally: message too long" grep -qi 'message too long' <<<"$out"

f0=$(frag_creates "$lac")
check "3028 bytes without DF pass (fragmented)" ppp_ping "$lac" $PPP_LOCAL -M dont -s 3000
check "... the LAC fragmented them (so FragCreates counts)" test "$(frag_creates "$lac")" -gt "$f0"
check "and back" ppp_ping "$lns" "$addr" -M dont -s 3000

check "client down" l2 "$lac" client down c1
check "all gone" busywait 20000 ppp_all_gone

# The LNS turns data sequencing on: the client learns it from the S bit.
check "lns del" l2 "$lns" lns del main
check "lns add, sequencing on" l2 "$lns" lns add main listen $LNS_IP \
	local-ip $PPP_LOCAL pool p1 auth chap sequencing on
check "dial again" ppp_dial "$lac" c2 alice pw auth chap redial off
check "client up" wait_eq 30000 up client_field "$lac" c2 state
check_eq "client session sequenced" true "$(client_session "$lac" c2 sequencing)"
lif=$(client_session "$lac" c2 ifname)
nif=$(session_field "$lns" ifname)
addr=$(client_session "$lac" c2 address)
check_eq "LAC device MTU 1456" 1456 "$(mtu "$lac" "${lif:-none}")"
check_eq "LNS device MTU 1456" 1456 "$(mtu "$lns" "${nif:-none}")"
df_both_ways 1456
check "client down" l2 "$lac" client down c2
check "all gone" busywait 20000 ppp_all_gone
