#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Dual-stack PPP sessions: IPV6CP beside IPCP (issue 12, first part).
#
#   lac: clients   192.0.2.1 ---veth--- 192.0.2.2   lns: main (pool p1,
#   fe80::C <------ l2tpN ------> fe80::L            pool6 v6 2001:db8:100::/48,
#                                                     /64 each), v4only (:1702)
#
# - IPv6 pools: a prefix pool's size and use; a listener refuses an IPv4
#   pool as pool6 and the other way round, an unknown one (pool6 with
#   shared-dev is taken); a client refuses ipv6 with shared-dev; a pool in use
#   cannot go.
# - A client with ipv6 on dials the dual-stack listener: both ends have
#   their link-local address (fe80:: and the identifier IPV6CP gave each,
#   the other's as peer) and say so in session show; the LNS routes the
#   user's /64 (the pool's first) through its device and announces it in
#   Router Advertisements (with the pool's DNS server, no MTU option: read
#   off the wire by tshark, no malformed packet); the client takes
#   its address there by SLAAC (the prefix and its IPV6CP identifier), no
#   default route without default-route on; pings go both ways over IPv4,
#   IPv6 link-local and the SLAAC address, and to an address of the /64
#   the client puts on its device; a packet from a source outside the
#   user's prefixes is dropped and counted on the LNS device; the LNS
#   device takes no Router Advertisement (accept_ra 0).
# - A client without ipv6: IPv4 only, no link-local address, IPV6CP
#   Protocol-Rejected, no prefix taken. Both ends with an MTU under 1280:
#   IPV6CP closed, IPv4 only, no prefix taken.
# - Static prefixes overlap no IPv6 pool and no other user's (user add,
#   user set, pool add refused).
# - A listener without pool6 and a user with a static prefix6: that user
#   gets it, by SLAAC too, and with default-route on an IPv6 default route
#   through its session; another user there is IPv4 only.
# - Everything goes at the end: prefixes back to the pool, devices gone.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/l2tp.sh"

require_cmd tshark tshark
require_cmd dumpcap wireshark-common

ppp_setup auth pap
pcap=$KL2TP_OUT/$KL2TP_TEST.pcapng
capture_start "$lns" "$VETH2" "$pcap"
check "v6 pool add" l2 "$lns" pool add v6 prefix 2001:db8:100::/48 length 64 \
	dns 2001:db8::53
check_eq "v6 pool size and use" "65536 0" \
	"$(jq_in "$lns" '.[0] | "\(.size) \(.used)"' pool show v6)"
check_fail "pool6 naming an IPv4 pool" l2 "$lns" lns set main pool6 p1
check_fail "pool naming an IPv6 pool" l2 "$lns" lns set main pool v6
check_fail "pool6 naming no pool" l2 "$lns" lns set main pool6 nosuch
check "pool6 with shared-dev (59 runs sessions there)" l2 "$lns" lns add sh \
	listen $LNS_IP:1709 local-ip $PPP_LOCAL pool p1 pool6 v6 shared-dev l2sh
check "... deleted" l2 "$lns" lns del sh
check_fail "overlapping IPv6 pool" l2 "$lns" pool add v6b prefix 2001:db8:100:8000::/49
check "listener main: pool6 v6" l2 "$lns" lns set main pool6 v6
check_eq "listener main shows pool6" v6 "$(jq_in "$lns" '.[0].pool6' lns show main)"
check_fail "client ipv6 with shared-dev" l2 "$lac" client add bad lns $LNS_IP \
	user alice password pw ipv6 on shared-dev l2c0

# ll6 NS DEV: "LOCAL PEER" of DEV's IPv6 link-local address.
ll6() {
	ip -n "$1" -j -6 addr show dev "$2" scope link |
		jq -r '[.[0].addr_info[] | select(.family == "inet6")][0] |
			"\(.local) \(.address)"'
}

# has_route6 NS PREFIX DEV: the IPv6 route to PREFIX goes through DEV.
has_route6() {
	ip -n "$1" -j -6 route show "$2" | jq -e ".[0].dev == \"$3\"" >/dev/null
}

ping6_ll() {
	ip netns exec "$1" ping -6 -q -c 3 -i 0.3 -W 3 "$2%$3"
}

# slaac NS DEV: DEV's global IPv6 address (SLAAC's, from a Router
# Advertisement), or nothing.
slaac() {
	ip -n "$1" -j -6 addr show dev "$2" scope global |
		jq -r '[.[0].addr_info[] | select(.family == "inet6" and .prefixlen == 64)][0].local // empty'
}

# in64 ADDR PREFIX LL: ADDR is PREFIX/64 with LL's interface identifier.
in64() {
	python3 -c 'import ipaddress, sys
a, p, l = (int(ipaddress.IPv6Address(x)) for x in sys.argv[1:4])
m = (1 << 64) - 1
sys.exit(not (a >> 64 == p >> 64 and a & m == l & m))' "$1" "$2" "$3"
}

check "dual: client add" l2 "$lac" client add c6 lns $LNS_IP user alice password pw \
	auth pap ipv6 on redial off
check_eq "dual: client shows ipv6" true "$(client_field "$lac" c6 ipv6)"
check "dual: client up" l2 "$lac" client up c6
check "dual: client state up" wait_eq 30000 up client_field "$lac" c6 state
check "dual: LNS link-local shown" wait_eq 30000 true \
	jq_in "$lns" '.[0].link_local != null' session show
check "dual: LAC link-local shown" wait_eq 30000 true \
	jq_in "$lac" '.[0].link_local != null' session show
lif=$(client_session "$lac" c6 ifname)
nif=$(session_field "$lns" ifname)
lll=$(client_session "$lac" c6 link_local)
lpl=$(client_session "$lac" c6 peer_link_local)
nll=$(session_field "$lns" link_local)
npl=$(session_field "$lns" peer_link_local)
check "dual: LAC link-local $lll is fe80::/64" test "${lll#fe80::}" != "$lll"
check "dual: the two differ" test "$lll" != "$lpl"
check_eq "dual: LNS's peer is the client" "$lll" "$npl"
check_eq "dual: client's peer is the LNS" "$nll" "$lpl"
check_eq "dual: LAC device has it, the LNS's as peer" "$lll $lpl" "$(ll6 "$lac" "$lif")"
check_eq "dual: LNS device has it, the client's as peer" "$nll $npl" "$(ll6 "$lns" "$nif")"
check_eq "dual: the user's prefix" 2001:db8:100::/64 "$(session_field "$lns" prefix6)"
check "dual: its route through $nif" has_route6 "$lns" 2001:db8:100::/64 "$nif"
check_eq "dual: one prefix used" 1 "$(pool_used "$lns" v6)"
check_eq "dual: the LNS device takes no RA" 0 \
	"$(ip netns exec "$lns" sysctl -n "net.ipv6.conf.$nif.accept_ra")"
check "dual: ping IPv4 client -> LNS" ppp_ping "$lac" $PPP_LOCAL
check "dual: ping6 client -> LNS link-local" ping6_ll "$lac" "$nll" "$lif"
check "dual: ping6 LNS -> client link-local" ping6_ll "$lns" "$lll" "$nif"
check "dual: an address by SLAAC on the client" busywait 40000 \
	sh -c "test -n \"\$(ip -n $lac -j -6 addr show dev $lif scope global | jq -r '.[0].addr_info[]?.local')\""
sa=$(slaac "$lac" "$lif")
check "dual: $sa is the prefix and the client's identifier" in64 "${sa:-::}" 2001:db8:100:: "$lll"
check_eq "dual: no IPv6 default route (default-route off)" "" \
	"$(ip -n "$lac" -6 route show default)"
check "dual: ping6 LNS -> $sa" ppp_ping "$lns" "${sa:-::}"
check "dual: ping6 from $sa to the LNS" ip netns exec "$lac" ping -6 -q -c 3 -i 0.3 -W 3 \
	-I "${sa:-::}" "$nll%$lif"
check "dual: an address of the /64 on the client" \
	ip -n "$lac" addr add 2001:db8:100::1234/128 dev "$lif" nodad
check "dual: ping6 LNS -> 2001:db8:100::1234" ppp_ping "$lns" 2001:db8:100::1234
before=$(link_stat "$lns" "$nif" rx errors)
check "dual: a foreign source on the client" \
	ip -n "$lac" addr add 2001:db8:999::1/128 dev "$lif" nodad
check_fail "dual: ping6 from 2001:db8:999::1 gets no answer" \
	ip netns exec "$lac" ping -6 -q -c 2 -i 0.3 -W 1 -I 2001:db8:999::1 "$nll%$lif"
check "dual: dropped and counted on the LNS device" \
	test "$(link_stat "$lns" "$nif" rx errors)" -ge $((before + 2))

# A client without IPv6: its IPV6CP is absent, the LNS's is rejected.
check "v4 client: add and up" ppp_dial "$lac" c4 alice pw auth pap redial off
check "v4 client: up" wait_eq 30000 2 n_sessions "$lns" up
l4=$(client_session "$lac" c4 ifname)
check_eq "v4 client: no link-local shown" null \
	"$(jq_in "$lac" "[.[] | select(.ifname == \"$l4\")][0].link_local" session show)"
check_eq "v4 client: no IPv6 address on its device" "" \
	"$(ip -n "$lac" -6 -o addr show dev "$l4")"
check "v4 client: ping IPv4" ppp_ping "$lac" $PPP_LOCAL -I "$l4"
check_eq "v4 client: still one prefix used" 1 "$(pool_used "$lns" v6)"
check_fail "pool in use cannot go" l2 "$lns" pool del v6

# An MTU under IPv6's 1280 on both ends: IPV6CP closed, IPv4 carries on.
check "small MTU: client mtu 1200, ipv6 on" ppp_dial "$lac" cm alice pw auth pap \
	redial off ipv6 on mtu 1200
check "small MTU: up" wait_eq 30000 3 n_sessions "$lns" up
lm=$(client_session "$lac" cm ifname)
check "small MTU: ping IPv4" ppp_ping "$lac" $PPP_LOCAL -I "$lm"
check_eq "small MTU: no link-local shown" "" "$(client_session "$lac" cm link_local)"
check_eq "small MTU: no IPv6 address on its device" "" \
	"$(ip -n "$lac" -6 -o addr show dev "$lm")"
check_eq "small MTU: no prefix taken" 1 "$(pool_used "$lns" v6)"
check "small MTU: hang up" l2 "$lac" client down cm
check "small MTU: gone" wait_eq 20000 2 n_sessions "$lns"

# A listener without pool6: only a user with IPv6 of its own runs IPV6CP.
check "static: user bob, prefix6" l2 "$lns" user add bob password b0b prefix6 2001:db8:5::/64
check_eq "static: bob shows prefix6" 2001:db8:5::/64 \
	"$(jq_in "$lns" '.[0].prefix6' user show bob)"
# a prefix goes through one session: no static prefix in a pool or in
# another user's, no pool over a user's
check_fail "static: a prefix6 inside pool v6" l2 "$lns" user add carl password c \
	prefix6 2001:db8:100:7::/64
check_fail "static: a prefix6 inside bob's" l2 "$lns" user add carl password c \
	prefix6 2001:db8:5::/64
check_fail "static: bob's prefix6 set into pool v6" l2 "$lns" user set bob \
	prefix6 2001:db8:100::/56
check_fail "static: a pool over bob's prefix6" l2 "$lns" pool add v6b prefix 2001:db8::/40
check "static: bob set to his own prefix6 again" l2 "$lns" user set bob \
	prefix6 2001:db8:5::/64
check "static: listener v4only" l2 "$lns" lns add v4only listen $LNS_IP:1702 \
	local-ip $PPP_LOCAL pool p1 auth pap
check "static: bob dials" l2 "$lac" client add cb lns $LNS_IP:1702 user bob \
	password b0b auth pap ipv6 on redial off default-route on
check "static: bob up" l2 "$lac" client up cb
check "static: bob's IPv6 up" wait_eq 30000 2001:db8:5::/64 \
	session_field "$lns" prefix6 '.user == "bob"'
bif=$(session_field "$lns" ifname '.user == "bob"')
check "static: its route through $bif" has_route6 "$lns" 2001:db8:5::/64 "$bif"
check "static: ping6 LNS -> bob link-local" ping6_ll "$lns" \
	"$(session_field "$lns" peer_link_local '.user == "bob"')" "$bif"
bl=$(client_session "$lac" cb ifname)
check "static: bob's address by SLAAC" busywait 40000 \
	sh -c "test -n \"\$(ip -n $lac -j -6 addr show dev $bl scope global | jq -r '.[0].addr_info[]?.local')\""
check "static: in 2001:db8:5::/64, with his identifier" in64 "$(slaac "$lac" "$bl")" \
	2001:db8:5:: "$(client_session "$lac" cb link_local)"
check "static: an IPv6 default route through bob's session" busywait 20000 \
	sh -c "ip -n $lac -6 route show default | grep -q 'dev $bl '"
check "static: alice dials there" l2 "$lac" client add ca lns $LNS_IP:1702 user alice \
	password pw auth pap ipv6 on redial off
check "static: alice up" l2 "$lac" client up ca
check "static: alice up on the LNS" wait_eq 30000 4 n_sessions "$lns" up
check_eq "static: alice IPv4 only there" "" \
	"$(session_field "$lns" link_local '.user == "alice" and .tunnel_id == '"$(
		jq_in "$lns" '[.[] | select(.user == "bob")][0].tunnel_id' session show)")"

for c in c6 c4 cb ca; do
	l2 "$lac" client down $c || fail "client down $c"
done
check "all down: nothing left" busywait 20000 ppp_all_gone
check_eq "all down: the prefix back" 0 "$(pool_used "$lns" v6)"
check "all down: bob's prefix is free again" \
	test "$(jq_in "$lns" '.[0].sessions' user show bob)" = 0
check_fail "pool v6 named by main cannot go" l2 "$lns" pool del v6
check "listener main del" l2 "$lns" lns del main
check "pool v6 del, unused" l2 "$lns" pool del v6

# The wire: the RAs as sent (prefix, router lifetime, DNS), nothing
# malformed (L2TP on 1702 too: tshark knows only 1701 by itself).
capture_stop
wt() {
	tshark -r "$pcap" -d udp.port==1702,l2tp "$@"
}
check "tshark reads the capture" test "$(wt 2>/dev/null | wc -l)" -ge 50
ras=$(wt -Y "icmpv6.type == 134" -T fields -E occurrence=f -e icmpv6.opt.prefix \
	-e icmpv6.nd.ra.router_lifetime -e icmpv6.opt.mtu -e icmpv6.opt.rdnss 2>/dev/null | sort -u)
check "tshark: alice's RA: prefix, default router, no MTU option, DNS" \
	grep -qx "2001:db8:100::	1800		2001:db8::53" <<<"$ras"
check "tshark: bob's RA: his prefix, no DNS (no listener pool)" \
	grep -qx "2001:db8:5::	1800		" <<<"$ras"
check "tshark: IPV6CP seen" test "$(wt -Y ipv6cp 2>/dev/null | wc -l)" -ge 4
check_eq "tshark: no malformed packet" 0 \
	"$(wt -Y "_ws.malformed || _ws.expert.severity >= error" 2>/dev/null | wc -l)"
