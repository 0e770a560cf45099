#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# PPP over a session, with each authentication protocol.
#
#   lac: clients   192.0.2.1 ---veth--- 192.0.2.2   lns: listeners pap (:1701),
#   10.0.0.1xx <------ l2tpN ------> 10.0.0.1       chap (:1702), mschapv2 (:1703)
#
# For PAP, CHAP-MD5 and MS-CHAPv2 in turn:
# - the session comes up on both ends (state up, client up), each end has
#   its network device, the client got an address from the pool with the
#   listener's local-ip as its peer, and the pool's DNS servers; the LNS
#   has local-ip on its lo (once, the device has no address) and a route
#   to the client through the device, from local-ip; pings go both
#   ways; the session's counters count them;
# - the same user with a wrong password is refused: the session is never
#   up, it is gone on both ends, no device is left, the pool is all free.
# Then a user with a static address gets that address; two sessions share
# local-ip on lo (the last one removes it); with lo down a session still
# puts it there, pings go both ways, the last session removes it; deleted
# from lo under a session, the next session puts it back.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/l2tp.sh"

ppp_setup auth pap
check "listener chap" l2 "$lns" lns add chap listen $LNS_IP:1702 local-ip $PPP_LOCAL pool p1 auth chap
check "listener mschapv2" l2 "$lns" lns add mschapv2 listen $LNS_IP:1703 local-ip $PPP_LOCAL \
	pool p1 auth mschapv2
check "user bob with a static address" l2 "$lns" user add bob password b0b address 10.9.9.9
elac=$KL2TP_OUT/$KL2TP_TEST-lac.events
elns=$KL2TP_OUT/$KL2TP_TEST-lns.events
monitor_start "$lac" "$elac"
monitor_start "$lns" "$elns"

# has_inet NS DEV REGEX: DEV has an IPv4 address line matching "inet REGEX".
has_inet() {
	ip -n "$1" -4 -o addr show dev "$2" | grep -Eq "inet $3"
}

# lo_inet NS: lo's IPv4 addresses but 127.0.0.1/8, space-separated.
lo_inet() {
	ip -n "$1" -j addr show dev lo |
		jq -r '[.[0].addr_info[] | select(.family == "inet" and .local != "127.0.0.1") |
			"\(.local)/\(.prefixlen)"] | join(" ")'
}

# route_dev_src NS ADDR: "DEV SRC" of the host route to ADDR.
route_dev_src() {
	ip -n "$1" -j route show "$2/32" | jq -r '.[0] | "\(.dev) \(.prefsrc)"'
}

routes_via() {
	ip -n "$1" route get "$2" | grep -q "dev $3 "
}

in_pool() {
	[[ $1 =~ ^10\.0\.0\.1[0-9][0-9]$ ]]
}

port=1701
for auth in pap chap mschapv2; do
	c=c-$auth
	check "$auth: client add" l2 "$lac" client add $c lns $LNS_IP:$port user alice \
		password pw auth $auth redial off
	check "$auth: client up" l2 "$lac" client up $c
	check "$auth: client state up" wait_eq 30000 up client_field "$lac" $c state
	check "$auth: LNS session up" wait_eq 30000 1 n_sessions "$lns" up
	check_eq "$auth: LAC session up" up "$(client_session "$lac" $c state)"

	lif=$(client_session "$lac" $c ifname)
	nif=$(session_field "$lns" ifname)
	addr=$(client_session "$lac" $c address)
	check "$auth: LAC ifname set ($lif)" test -n "$lif"
	check "$auth: LNS ifname set ($nif)" test -n "$nif"
	check "$auth: LAC device exists and is up" link_up "$lac" "${lif:-none}"
	check "$auth: LNS device exists and is up" link_up "$lns" "${nif:-none}"
	check "$auth: client address $addr from the pool" in_pool "$addr"
	check_eq "$auth: client's peer is the LNS local-ip" $PPP_LOCAL \
		"$(client_session "$lac" $c peer_address)"
	check_eq "$auth: client got the pool's DNS" "$PPP_DNS" "$(client_session "$lac" $c dns)"
	check_eq "$auth: LNS address is local-ip" $PPP_LOCAL "$(session_field "$lns" address)"
	check_eq "$auth: LNS peer_address is the client's" "$addr" "$(session_field "$lns" peer_address)"
	check_eq "$auth: LNS session user" alice "$(session_field "$lns" user)"
	check_eq "$auth: pool used 1" 1 "$(pool_used "$lns" p1)"
	check "$auth: client device has $addr peer $PPP_LOCAL" \
		has_inet "$lac" "${lif:-none}" "$addr peer $PPP_LOCAL/32"
	check_eq "$auth: LNS device has no IPv4 address" "" \
		"$(ip -n "$lns" -4 -o addr show dev "${nif:-none}")"
	check_eq "$auth: $PPP_LOCAL is on the LNS's lo" "$PPP_LOCAL/32" "$(lo_inet "$lns")"
	check_eq "$auth: LNS route to $addr: through $nif, from $PPP_LOCAL" \
		"${nif:-none} $PPP_LOCAL" "$(route_dev_src "$lns" "$addr")"
	check "$auth: LNS routes $addr through $nif" routes_via "$lns" "$addr" "${nif:-none}"
	lc=$(link_counts "$lac" "${lif:-none}")
	nc=$(link_counts "$lns" "${nif:-none}")
	check "$auth: 3 pings client -> LNS local-ip, all answered" \
		ip netns exec "$lac" ping -q -c 3 -i 0.3 -W 3 $PPP_LOCAL
	# 3 echo requests out and 3 replies in, 84 bytes each (IP): counted
	# once each by the devices (PPP control frames are not IP traffic).
	check_eq "$auth: LAC device counted 3 out, 3 in (tx pkts bytes, rx pkts bytes)" \
		"3 252 3 252" "$(link_delta "$lac" "${lif:-none}" "$lc")"
	check_eq "$auth: LNS device counted 3 in, 3 out (tx pkts bytes, rx pkts bytes)" \
		"3 252 3 252" "$(link_delta "$lns" "${nif:-none}" "$nc")"
	check "$auth: ping LNS -> client" ppp_ping "$lns" "$addr"
	check "$auth: LAC session counted packets" \
		test "$(client_session "$lac" $c rx_packets)" -ge 3 -a \
		"$(client_session "$lac" $c tx_packets)" -ge 3
	check "$auth: LNS session counted packets" \
		test "$(session_field "$lns" rx_packets)" -ge 3 -a \
		"$(session_field "$lns" tx_packets)" -ge 3

	check "$auth: client down" l2 "$lac" client down $c
	check "$auth: sessions, devices, addresses gone" busywait 20000 ppp_all_gone
	check_eq "$auth: $PPP_LOCAL left lo with the session" "" "$(lo_inet "$lns")"
	check_eq "$auth: no route to $addr left" "" "$(ip -n "$lns" route show "$addr")"

	# The same user with a wrong password.
	ups=$(n_up_events "$elns")
	ups_lac=$(n_up_events "$elac")
	check "$auth: client with a wrong password" l2 "$lac" client add bad-$auth \
		lns $LNS_IP:$port user alice password wrong auth $auth redial off
	check "$auth: dial with the wrong password" l2 "$lac" client up bad-$auth
	check "$auth: wrong password: client ends down" busywait 30000 client_went_down "$elac" bad-$auth
	check "$auth: wrong password: nothing left" busywait 20000 ppp_all_gone
	check_eq "$auth: wrong password: client state down" down \
		"$(client_field "$lac" bad-$auth state)"
	check_eq "$auth: wrong password: never up on the LNS" "$ups" "$(n_up_events "$elns")"
	check_eq "$auth: wrong password: never up on the LAC" "$ups_lac" "$(n_up_events "$elac")"
	check "$auth: clients del" sh -c "ip netns exec $lac l2tpctl client del $c &&
		ip netns exec $lac l2tpctl client del bad-$auth"
	port=$((port + 1))
done

# A user with a static address.
check "static: dial as bob (main: pap)" ppp_dial "$lac" cb bob b0b auth pap redial off
check "static: client up" wait_eq 30000 up client_field "$lac" cb state
check_eq "static: bob got 10.9.9.9" 10.9.9.9 "$(client_session "$lac" cb address)"
check_eq "static: LNS peer_address 10.9.9.9" 10.9.9.9 "$(session_field "$lns" peer_address)"
check_eq "static: LNS session user" bob "$(session_field "$lns" user)"
check_eq "static: pool untouched" 0 "$(pool_used "$lns" p1)"
check "static: ping LNS -> 10.9.9.9" ppp_ping "$lns" 10.9.9.9
check "static: ping client -> LNS local-ip" ppp_ping "$lac" $PPP_LOCAL

# LNS sessions with a device each share our address, on lo: the last one
# takes it away, not the first. lo down in the LNS's namespace: the address
# is put on it all the same, and the LNS is reached through it. (One
# client at a time for the pings: the LAC routes the LNS's address through
# one of its sessions.)
check "shared local: dial as alice too" ppp_dial "$lac" ca alice pw auth pap redial off
check "shared local: both up" wait_eq 30000 2 n_sessions "$lns" up
check "shared local: bob down" l2 "$lac" client down cb
check "shared local: bob's device gone" wait_eq 20000 1 n_l2tp_links "$lns"
check_eq "shared local: $PPP_LOCAL still on lo" "$PPP_LOCAL/32" "$(lo_inet "$lns")"
check "shared local: alice still reaches $PPP_LOCAL" ppp_ping "$lac" $PPP_LOCAL
check "shared local: alice down" l2 "$lac" client down ca
check "shared local: alice gone" busywait 20000 ppp_all_gone
check_eq "shared local: $PPP_LOCAL left lo with the last" "" "$(lo_inet "$lns")"
check "lo down: on the LNS" ip -n "$lns" link set lo down
check "lo down: bob dials again" l2 "$lac" client up cb
check "lo down: bob up" wait_eq 30000 up client_field "$lac" cb state
check_eq "lo down: $PPP_LOCAL on lo" "$PPP_LOCAL/32" "$(lo_inet "$lns")"
check "lo down: ping client -> LNS" ppp_ping "$lac" $PPP_LOCAL
check "lo down: ping LNS -> client" ppp_ping "$lns" 10.9.9.9
check "lo down: bob down" l2 "$lac" client down cb
check "lo down: nothing left" busywait 20000 ppp_all_gone
check_eq "lo down: $PPP_LOCAL left lo" "" "$(lo_inet "$lns")"
check "lo down: lo up" ip -n "$lns" link set lo up

# The address gone from lo while a session uses it (lo flushed): the next
# session puts it back, and its route with it as source is accepted.
check "flushed: bob dials" l2 "$lac" client up cb
check "flushed: bob up" wait_eq 30000 up client_field "$lac" cb state
check "flushed: $PPP_LOCAL deleted from lo" ip -n "$lns" addr del $PPP_LOCAL/32 dev lo
check "flushed: alice dials" l2 "$lac" client up ca
check "flushed: alice up" wait_eq 30000 2 n_sessions "$lns" up
check_eq "flushed: $PPP_LOCAL back on lo" "$PPP_LOCAL/32" "$(lo_inet "$lns")"
a=$(client_session "$lac" ca address)
check_eq "flushed: the route to alice, from $PPP_LOCAL" \
	"$(session_field "$lns" ifname ".peer_address == \"$a\"") $PPP_LOCAL" \
	"$(route_dev_src "$lns" "$a")"
check "flushed: both down" sh -c "ip netns exec $lac l2tpctl client down ca &&
	ip netns exec $lac l2tpctl client down cb"
check "flushed: nothing left" busywait 20000 ppp_all_gone
check_eq "flushed: $PPP_LOCAL left lo" "" "$(lo_inet "$lns")"
