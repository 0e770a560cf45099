#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Shared devices: the sessions of a listener (or of clients) that name
# "shared-dev NAME" use that one device instead of a device each.
#
#   lac: clients c1, c2 (shared-dev l2tpc0)  192.0.2.1 ---veth--- 192.0.2.2
#        lns: listener main (chap, shared-dev l2tps0), pool p1
#
# - two calls: one device on each end, the sessions name it; the LNS has
#   its address on it once and a host route per user; one client's
#   address is the client device's address, the other's is local by a
#   route on it (table local);
# - pings both ways reach the right session: only that session's own
#   counters move (transmit is by next hop on the LNS, by source address
#   on the client); a ping that names no source goes from the device's
#   address;
# - one call ends: its route and address go, its address returns to the
#   pool, the other call and the device stay, the other's address becomes
#   the device's; the last call takes the device with it;
# - a host route to a user's address left on the LNS's device (as when a
#   call's delete failed for lack of memory) is taken over by the next
#   call given that address, and goes with it;
# - framed routes go via the user's address on the shared device (a
#   client with a device of its own behind them), and go with the call;
# - refused: ifname with shared-dev; a shared-dev name taken by another
#   device ends the call, cleanly.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/l2tp.sh"

ppp_setup auth chap shared-dev l2tps0
check_eq "lns show: shared_dev" l2tps0 "$(jq_in "$lns" '.[0].shared_dev' lns show main)"
check "dump has it" sh -c "ip netns exec $lns l2tpctl dump | grep -q '^lns add main .*shared-dev l2tps0'"
for u in u1 u2; do
	check "user $u" l2 "$lns" user add $u password pw-$u
done
check "user bob, a framed route" l2 "$lns" user add bob password b0b route 192.168.50.0/24
check "user fixed, address 10.0.0.50" l2 "$lns" user add fixed password pw-f address 10.0.0.50
elac=$KL2TP_OUT/$KL2TP_TEST-lac.events
monitor_start "$lac" "$elac"

check_fail "ifname and shared-dev together: refused" \
	l2 "$lns" lns add other listen 192.0.2.2:1702 local-ip 10.0.0.1 pool p1 \
	ifname x%d shared-dev y
check_fail "shared-dev with '%': refused" \
	l2 "$lac" client add bad lns $LNS_IP user u1 password pw shared-dev 'l2tp%d'

# lac_addrs: the IPv4 addresses of the LAC's l2tpc0
lac_addrs() {
	ip -n "$lac" -j addr show dev l2tpc0 |
		jq -r '[.[0].addr_info[] | select(.family == "inet") | .local] | join(" ")'
}

# lac_local ADDR: the type of kl2tp's route to ADDR/32 in the LAC's table
# local through l2tpc0 ("local", or empty; an address's own is proto kernel)
lac_local() {
	ip -n "$lac" -j route show table local "$1/32" dev l2tpc0 proto static |
		jq -r '.[0].type // empty'
}

# sess_stat NS ADDR FIELD: FIELD of NS's session whose address on the link
# (LAC) or peer address (LNS) is ADDR
sess_stat() {
	jq_in "$1" "[.[] | select(.address == \"$2\" or .peer_address == \"$2\")][0].$3" \
		-s session show
}

# --- two calls, one device each end ------------------------------------------
check "dial c1" ppp_dial "$lac" c1 u1 pw-u1 auth chap redial off shared-dev l2tpc0
check "c1 up" wait_eq 30000 up client_field "$lac" c1 state
check "dial c2" ppp_dial "$lac" c2 u2 pw-u2 auth chap redial off shared-dev l2tpc0
check "c2 up" wait_eq 30000 up client_field "$lac" c2 state
check "LNS: two sessions up" wait_eq 30000 2 n_sessions "$lns" up
a1=$(client_session "$lac" c1 address)
a2=$(client_session "$lac" c2 address)
check "distinct addresses ($a1, $a2)" test -n "$a1" -a -n "$a2" -a "$a1" != "$a2"
check_eq "LNS: one l2tp device" 1 "$(n_l2tp_links "$lns")"
check_eq "LAC: one l2tp device" 1 "$(n_l2tp_links "$lac")"
check_eq "LNS sessions name l2tps0" l2tps0 "$(jq_in "$lns" '[.[].ifname] | unique | join(" ")' session show)"
check_eq "LAC sessions name l2tpc0" l2tpc0 "$(jq_in "$lac" '[.[].ifname] | unique | join(" ")' session show)"
check_eq "LNS: its address on l2tps0, once" "$PPP_LOCAL/32" \
	"$(ip -n "$lns" -j addr show dev l2tps0 | jq -r '[.[0].addr_info[] | select(.family == "inet") | "\(.local)/\(.prefixlen)"] | join(" ")')"
for a in "$a1" "$a2"; do
	check_eq "LNS: host route to $a on l2tps0" l2tps0 \
		"$(ip -n "$lns" -j route show "$a/32" | jq -r '.[0].dev')"
done
check_eq "LAC: c1's address is l2tpc0's (the first call's)" "$a1" "$(lac_addrs)"
check_eq "LAC: c2's, $a2, local by a route on l2tpc0" local "$(lac_local "$a2")"

# pings_move NS ADDR: NS's session of ADDR counted them, the other did not
t1=$(sess_stat "$lns" "$a1" tx_packets)
t2=$(sess_stat "$lns" "$a2" tx_packets)
r1=$(sess_stat "$lac" "$a1" rx_packets)
check "LNS pings $a1" ppp_ping "$lns" "$a1"
check "... on $a1's session (LNS tx)" test "$(sess_stat "$lns" "$a1" tx_packets)" -ge $((${t1:-0} + 3))
check_eq "... not on $a2's (LNS tx)" "$t2" "$(sess_stat "$lns" "$a2" tx_packets)"
check "... received by c1's session" test "$(sess_stat "$lac" "$a1" rx_packets)" -ge $((${r1:-0} + 3))
t1=$(sess_stat "$lac" "$a1" tx_packets)
t2=$(sess_stat "$lac" "$a2" tx_packets)
check "LAC pings the LNS from $a2" ppp_ping "$lac" $PPP_LOCAL -I "$a2"
check "... on c2's session (LAC tx)" test "$(sess_stat "$lac" "$a2" tx_packets)" -ge $((${t2:-0} + 3))
check_eq "... not on c1's (LAC tx)" "$t1" "$(sess_stat "$lac" "$a1" tx_packets)"
check "LAC pings the LNS from $a1" ppp_ping "$lac" $PPP_LOCAL -I "$a1"
t1=$(sess_stat "$lac" "$a1" tx_packets)
t2=$(sess_stat "$lac" "$a2" tx_packets)
check "LAC pings the LNS, no source named" ppp_ping "$lac" $PPP_LOCAL
check "... from $a1, the device's address" \
	test "$(sess_stat "$lac" "$a1" tx_packets)" -ge $((${t1:-0} + 3))
check_eq "... not on c2's session" "$t2" "$(sess_stat "$lac" "$a2" tx_packets)"

# --- one call ends -----------------------------------------------------------
check "c1 down" l2 "$lac" client down c1
check "LNS: one session left" wait_eq 20000 1 n_sessions "$lns"
check "p1: c1's address back" wait_eq 10000 1 pool_used "$lns" p1
check_eq "LNS: route to $a1 gone" "" "$(ip -n "$lns" route show "$a1/32")"
check "LAC: $a2 (c2) is l2tpc0's address now" wait_eq 10000 "$a2" lac_addrs
check_eq "LAC: no local route to $a2 (the device's address now)" "" "$(lac_local "$a2")"
t2=$(sess_stat "$lac" "$a2" tx_packets)
check "LAC pings the LNS, no source named" ppp_ping "$lac" $PPP_LOCAL
check "... from $a2, now the device's address" \
	test "$(sess_stat "$lac" "$a2" tx_packets)" -ge $((${t2:-0} + 3))
check_eq "LNS: l2tps0 stays" 1 "$(n_l2tp_links "$lns")"
check_eq "LAC: l2tpc0 stays" 1 "$(n_l2tp_links "$lac")"
check "c2 still answers" ppp_ping "$lns" "$a2"
check "c1 dials again" l2 "$lac" client up c1
check "c1 up again" wait_eq 30000 up client_field "$lac" c1 state
a1=$(client_session "$lac" c1 address)
check "LNS pings c1's new address $a1" ppp_ping "$lns" "$a1"
check_eq "LAC: $a1 local by a route (c2 has the device's address)" local "$(lac_local "$a1")"
check "a route to 10.0.0.50 left on l2tps0" ip -n "$lns" route add 10.0.0.50/32 dev l2tps0 \
	proto static scope link src $PPP_LOCAL
check "dial as fixed" ppp_dial "$lac" c5 fixed pw-f auth chap redial off shared-dev l2tpc0
check "c5 up, at 10.0.0.50" wait_eq 30000 10.0.0.50 client_session "$lac" c5 address
check "LNS pings 10.0.0.50" ppp_ping "$lns" 10.0.0.50
check_eq "LNS: one route to 10.0.0.50" 1 "$(ip -n "$lns" -j route show 10.0.0.50/32 | jq length)"
check_eq "LAC: 10.0.0.50 local by a route" local "$(lac_local 10.0.0.50)"
check "c5 down" l2 "$lac" client down c5
check "LAC: the local route to 10.0.0.50 goes with c5" wait_eq 10000 "" lac_local 10.0.0.50
check_eq "LAC: $a2 still l2tpc0's address" "$a2" "$(lac_addrs)"
check "LNS: route to 10.0.0.50 gone" wait_eq 10000 "" ip -n "$lns" route show 10.0.0.50/32
check "c1 down" l2 "$lac" client down c1
check "c2 down" l2 "$lac" client down c2
check "all gone, devices too, p1 free" busywait 20000 ppp_all_gone

# --- framed routes via the user's address -------------------------------------
ip -n "$lac" addr add 192.168.50.1/32 dev lo
check "dial as bob (a device of its own)" ppp_dial "$lac" c3 bob b0b auth chap redial off
check "c3 up" wait_eq 30000 up client_field "$lac" c3 state
ab=$(client_session "$lac" c3 address)
check_eq "LNS: 192.168.50.0/24 via $ab on l2tps0" "$ab l2tps0" \
	"$(ip -n "$lns" -j route show 192.168.50.0/24 | jq -r '.[0] | "\(.gateway) \(.dev)"')"
check "LNS -> 192.168.50.1 (behind bob)" ppp_ping "$lns" 192.168.50.1
check "from 192.168.50.1 to the LNS" ppp_ping "$lac" $PPP_LOCAL -I 192.168.50.1
check "c3 down" l2 "$lac" client down c3
check "all gone" busywait 20000 ppp_all_gone
check_eq "the framed route went with the call" "" "$(ip -n "$lns" route show 192.168.50.0/24)"

# --- a name taken by another device --------------------------------------------
ip -n "$lac" link add taken0 type veth peer name taken1
check "dial with shared-dev on a taken name" ppp_dial "$lac" c4 u1 pw-u1 auth chap redial off \
	shared-dev taken0
check "... the call ends" busywait 30000 client_went_down "$elac" c4
check_eq "... the other device untouched" veth \
	"$(ip -n "$lac" -j -d link show taken0 | jq -r '.[0].linkinfo.info_kind')"
check "... no session left" wait_eq 20000 0 n_sessions "$lns"
check "... p1 free" wait_eq 10000 0 pool_used "$lns" p1
ip -n "$lac" link del taken0

# --- teardown with live calls on shared devices --------------------------------
check "dial c1" l2 "$lac" client up c1
check "dial c2" l2 "$lac" client up c2
check "both up" wait_eq 30000 2 n_sessions "$lns" up
tid=$(jq_in "$lns" '[.[] | select(.state == "established")][0].local_id' tunnel show)
check "reset the tunnel" l2 "$lns" tunnel reset "$tid"
check "LNS: no session" wait_eq 20000 0 n_sessions "$lns"
check "LAC: no session" wait_eq 20000 0 n_sessions "$lac"
check "LNS: no device" wait_eq 20000 0 n_l2tp_links "$lns"
check "LAC: no device" wait_eq 20000 0 n_l2tp_links "$lac"
check "p1 free" wait_eq 20000 0 pool_used "$lns" p1

