#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Tunnels over UDP/IPv6 (issue 12, underlay).
#
#   lac: c6 (ipv6 on), c4, cf   2001:db8:a::1 ---veth--- 2001:db8:a::2  lns: v6 [::]:1701
#                               192.0.2.1                192.0.2.2       v4 0.0.0.0:1701
#
# - Refused: a listener on a link-local or multicast IPv6 address, an LNS
#   at ::, at an IPv4-mapped address, an IPv4 peer prefix of 33 bits.
# - Two listeners on one port, [::] and 0.0.0.0: a client over IPv6 (dual
#   stack, tunnel secret from a peer matched by its IPv6 prefix) and one
#   over IPv4 come up side by side; tunnel show gives each its underlay's
#   addresses; the default MTU is 1440 over IPv6, 1460 over IPv4; pings go
#   through both sessions, IPv6 link-local too; TCP both ways through the
#   IPv6 tunnel (iperf3).
# - A route to the LNS through the client's own session does not take the
#   tunnel into it: the tunnel stays on the underlay, pings still pass.
# - A client whose LNS list mixes families fails over from an IPv4 LNS
#   that does not answer to the IPv6 one (and shares c6's tunnel there).
# - tshark reads L2TP over IPv6 (control, data, IPV6CP) and over IPv4,
#   nothing malformed.
# - rmmod with live IPv6 tunnels, then insmod: nothing left, no socket.
# - IPsec (ESP transport) over IPv6 (the listener on [2001:db8:a::2]:1701
#   now): the tunnel's packets go through the
#   SAs; a LAC sending in clear is dropped by the LNS's inbound policy; then
#   the LNS namespace deleted with the IPv6 session live: the LAC notices
#   and cleans up.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/l2tp.sh"

require_cmd tshark tshark
require_cmd dumpcap wireshark-common
require_cmd iperf3 iperf3
require_module esp6 xfrm_user

C6=2001:db8:a::1
N6=2001:db8:a::2
setup_ns lac lns
veth_pair "$lac" "$lns" $C6/64 $N6/64
ip -n "$lac" addr add $LAC_IP/24 dev "$VETH1"
ip -n "$lns" addr add $LNS_IP/24 dev "$VETH2"
fast_timers
pcap=$KL2TP_OUT/$KL2TP_TEST.pcapng
capture_start "$lns" "$VETH2" "$pcap"

lns_config() {
	l2 "$lns" pool add p1 range 10.0.0.100-10.0.0.199 &&
	l2 "$lns" pool add v6 prefix 2001:db8:100::/48 length 64 &&
	l2 "$lns" user add alice password pw &&
	l2 "$lns" user add bob password pw &&
	l2 "$lns" peer add lac6 address 2001:db8:a::/64 secret s6 &&
	l2 "$lns" lns add v6 listen "$1" local-ip 10.0.0.1 pool p1 pool6 v6 &&
	l2 "$lns" lns add v4 listen 0.0.0.0 local-ip 10.0.0.1 pool p1
}

check "LNS configuration: listeners on [::] and 0.0.0.0, port 1701" lns_config "[::]"
check_fail "listen on a link-local address" l2 "$lns" lns add ll \
	listen "[fe80::1]:1702" local-ip 10.0.0.1 pool p1
check_fail "listen on a multicast address" l2 "$lns" lns add mc \
	listen "[ff02::1]:1702" local-ip 10.0.0.1 pool p1
check_fail "an LNS at ::" l2 "$lac" client add z lns "[::]" user alice password pw
# What l2tpctl refuses itself, the module refuses too: requests made by
# hand (the same request with a good address passes first).
raw() {	# NS CMD ATTR...: its output says ok or refused
	ip netns exec "$1" python3 "$KL2TP_ROOT/selftests/tools/aaa_agent.py" raw "${@:2}" ||
		true
}
check_eq "by hand: a peer with an IPv6 /64" ok \
	"$(raw "$lns" PEER_ADD NAME=str:r1 ADDRESS=ip:2001:db8:9:: PREFIXLEN=u8:64)"
check_eq "by hand: an IPv4-mapped peer address refused" "refused: EINVAL" \
	"$(raw "$lns" PEER_ADD NAME=str:r2 ADDRESS=ip:::ffff:192.0.2.7)"
check_eq "by hand: an IPv4 peer prefix of 33 bits refused" "refused: EINVAL" \
	"$(raw "$lns" PEER_ADD NAME=str:r3 ADDRESS=ip:192.0.2.0 PREFIXLEN=u8:33)"
check_eq "by hand: a 5-byte listen address refused" "refused: EINVAL" \
	"$(raw "$lns" LNS_ADD NAME=str:r4 LISTEN_ADDR=hex:c000020201 LOCAL_IP=ip:10.0.0.1 POOL=str:p1)"
check_eq "by hand: an IPv6 listener without a local IP refused" "refused: EINVAL" \
	"$(raw "$lns" LNS_ADD NAME=str:r5 LISTEN_ADDR=ip:$N6 LISTEN_PORT=u16:1703 POOL=str:p1)"
check "peer r1 goes" l2 "$lns" peer del r1
check_eq "listener v6 shows [::]:1701" "[::]:1701" "$(jq_in "$lns" '.[0].listen' lns show v6)"
check_eq "peer lac6 shows its prefix" 2001:db8:a::/64 \
	"$(jq_in "$lns" '.[0].address' peer show lac6)"

dial() {
	l2 "$lac" client add c6 lns "[$N6]" user alice password pw secret s6 \
		ipv6 on hello 1 redial off &&
	l2 "$lac" client add c4 lns $LNS_IP user bob password pw hello 1 redial off &&
	l2 "$lac" client up c6 && l2 "$lac" client up c4
}
check "dial c6 over IPv6, c4 over IPv4" dial
check "c6 up" wait_eq 30000 up client_field "$lac" c6 state
check "c4 up" wait_eq 30000 up client_field "$lac" c4 state
check_eq "c6's LNS shown" "[$N6]:1701" "$(client_field "$lac" c6 lns)"

# tunnel_of NS FAMILY: "local remote peer" of NS's tunnel over FAMILY (4, 6).
tunnel_of() {
	jq_in "$1" "[.[] | select(.remote_address | contains(\":\") == ($2 == 6))][0] |
		\"\(.local_address) \(.remote_address) \(.peer // \"-\")\"" tunnel show
}
check_eq "LAC: the IPv6 tunnel's ends" "$C6 $N6 -" "$(tunnel_of "$lac" 6)"
check_eq "LNS: the IPv6 tunnel's ends, peer by IPv6 prefix" "$N6 $C6 lac6" \
	"$(tunnel_of "$lns" 6)"
check_eq "LNS: the IPv4 tunnel's ends" "$LNS_IP $LAC_IP -" "$(tunnel_of "$lns" 4)"

lif=$(client_session "$lac" c6 ifname)
l4if=$(client_session "$lac" c4 ifname)
nif=$(session_field "$lns" ifname '.user == "alice"')
n4if=$(session_field "$lns" ifname '.user == "bob"')
mtu() {
	ip -n "$1" -j link show dev "$2" | jq -r '.[0].mtu'
}
check_eq "MTU 1440 over IPv6 (client, LNS)" "1440 1440" \
	"$(mtu "$lac" "$lif") $(mtu "$lns" "$nif")"
check_eq "MTU 1460 over IPv4 (client, LNS)" "1460 1460" \
	"$(mtu "$lac" "$l4if") $(mtu "$lns" "$n4if")"
# Both sessions have 10.0.0.1 as peer: each ping leaves by its device.
check "ping through the IPv6 tunnel" ppp_ping "$lac" 10.0.0.1 -I "$lif"
check "ping through the IPv4 tunnel" ppp_ping "$lac" 10.0.0.1 -I "$l4if"
check "c6 dual-stack: link-local shown" wait_eq 30000 true \
	jq_in "$lac" "[.[] | select(.ifname == \"$lif\")][0].peer_link_local != null" session show
nll=$(client_session "$lac" c6 peer_link_local)
check "ping6 to the LNS's link-local through the IPv6 tunnel" \
	ip netns exec "$lac" ping -6 -q -c 3 -i 0.3 -W 3 "$nll%$lif"
check "ping6 with full-size packets (1440)" \
	ip netns exec "$lac" ping -6 -q -c 2 -W 3 -M do -s 1392 "$nll%$lif"

# TCP both ways through the IPv6 tunnel (GSO through UDP/IPv6): a fixed
# amount from c6's address, no speed asserted. The receiver has not
# counted what was in flight when the sender finished: -w bounds that
# (socket buffers of 256 KiB each), or a slow guest's 4 MiB send buffer
# may hold most of the 2 MiB at the end.
ip netns exec "$lns" iperf3 -s -D -B 10.0.0.1 -I "$PWD/iperf3.pid"
defer sh -c "kill \$(cat $PWD/iperf3.pid) 2>/dev/null; true"
iperf_v6() {
	local dir bytes
	for dir in "" -R; do
		bytes=$(ip netns exec "$lac" iperf3 -c 10.0.0.1 -B "$1" --bind-dev "$2" \
			-n 2M -w 128K -J $dir |
			jq -r '"\(.end.sum_sent.bytes) \(.end.sum_received.bytes)"') || return 1
		log "iperf3 $dir: sent, received $bytes bytes"
		[ "${bytes%% *}" -ge 2097152 ] && [ "${bytes##* }" -ge 1048576 ] || return 1
	done
}
# (the counts before: an IPv6 packet the stack sends before IPV6CP is up
# is dropped and counted as a transmit error)
txerr() {
	echo "$(link_stat "$lac" "$lif" tx errors) $(link_stat "$lns" "$nif" tx errors)"
}
txerr0=$(txerr)
check "iperf3 both ways through the IPv6 tunnel" \
	iperf_v6 "$(client_session "$lac" c6 address)" "$lif"
check_eq "... no transmit error on either device meanwhile" "$txerr0" "$(txerr)"

# The LNS reachable through the client's own session: the tunnel stays on
# the underlay (were it taken into the session, nothing would pass).
check "route to the LNS through c6's session" \
	ip -n "$lac" -6 route add $N6/128 dev "$lif" metric 1
before=$(link_stat "$lac" "$VETH1" tx packets)
check "ping through the IPv6 tunnel, a route into it" ppp_ping "$lac" 10.0.0.1 -I "$lif"
check "the tunnel still goes out on the underlay" \
	test "$(link_stat "$lac" "$VETH1" tx packets)" -ge $((before + 3))
check "route removed" ip -n "$lac" -6 route del $N6/128 dev "$lif"

# Mixed families in an LNS list: 192.0.2.9 never answers.
check "cf: LNS list 192.0.2.9, [$N6]:1701" l2 "$lac" client add cf \
	lns "192.0.2.9,[$N6]:1701" user alice password pw secret s6 redial off
check_eq "cf: the list shown" "192.0.2.9:1701 [$N6]:1701" "$(client_field "$lac" cf lns_list)"
check "cf up" l2 "$lac" client up cf
check "cf: up through the second LNS" wait_eq 40000 up client_field "$lac" cf state
check_eq "cf: on the IPv6 LNS" 1 "$(client_field "$lac" cf lns_current)"
check_eq "LNS: cf shares c6's IPv6 tunnel (same LNS and secret)" "1 1" \
	"$(jq_in "$lns" '[.[] | .remote_address | contains(":")] |
		"\(map(select(.)) | length) \(map(select(. | not)) | length)"' tunnel show)"

# The wire, before the module goes.
capture_stop
wt() {
	tshark -r "$pcap" "$@" 2>/dev/null
}
check "tshark: L2TP control over IPv6" \
	test "$(wt -Y 'ipv6 && l2tp.type == 1' | wc -l)" -ge 6
check "tshark: L2TP data over IPv6" \
	test "$(wt -Y 'ipv6 && l2tp.type == 0 && ppp' | wc -l)" -ge 6
check "tshark: IPV6CP over IPv6" test "$(wt -Y 'ipv6 && ipv6cp' | wc -l)" -ge 4
check "tshark: L2TP over IPv4 too" test "$(wt -Y 'ip && l2tp' | wc -l)" -ge 6
check_eq "tshark: no malformed packet" 0 \
	"$(wt -Y "_ws.malformed || _ws.expert.severity >= error" | wc -l)"

params=$(for p in ctrl_rto_ms ctrl_rto_max_ms ctrl_retries; do
	echo "$p=$(cat /sys/module/kl2tp/parameters/$p)"; done)
check "rmmod with live IPv6 tunnels" rmmod kl2tp
# shellcheck disable=SC2086 # name=value words
check "insmod again" insmod "$KL2TP_ROOT/kl2tp.ko" $params
check_eq "no tunnel, no device left" "0 0 0 0" \
	"$(n_tunnels "$lac") $(n_tunnels "$lns") $(n_l2tp_links "$lac") $(n_l2tp_links "$lns")"
check_eq "no UDP socket left on 1701 (IPv4 or IPv6)" 0 \
	"$(ip netns exec "$lns" ss -Hunl 'sport = :1701' | wc -l)"

# IPsec over IPv6: ESP transport for the tunnel's UDP.
check "ESP transport SAs and policies over IPv6, both ends" esp_transport $C6 $N6
check "LNS configured again, listening on [$N6]:1701" lns_config "[$N6]:1701"
check "c6 again, over IPsec" l2 "$lac" client add c6 lns "[$N6]" user alice \
	password pw secret s6 ipv6 on hello 1 redial off
check "c6 up" l2 "$lac" client up c6
check "c6 up over IPsec" wait_eq 30000 up client_field "$lac" c6 state
c6a=$(client_session "$lac" c6 address)
check "ping through the IPv6 tunnel over IPsec" ppp_ping "$lns" "$c6a"
check "LNS received through ESP" test "$(esp_rx $C6 $N6)" -gt 10

# (no /proc/net/xfrm_stat without CONFIG_XFRM_STATISTICS, as on the debug
# kernel: the tunnel count alone says it then)
m0=$(xfrm_mismatch)
check "LAC sends in clear" ip -n "$lac" xfrm policy del src $C6 dst $N6 proto udp dir out
check "c7 (a tunnel of its own) in clear" l2 "$lac" client add c7 lns "[$N6]" \
	user alice password pw tunnel own redial off
check "c7 up" l2 "$lac" client up c7
sleep 3
check_eq "LNS refused the clear SCCRQs: c6's tunnel only" 1 "$(n_tunnels "$lns")"
if [ -n "$m0" ]; then
	check "the LNS's IPv6 policy dropped them" test "$(xfrm_mismatch)" -gt "$m0"
fi

check "delete the LNS namespace with the IPv6 session live" cleanup_ns "$lns"
check "LAC notices and cleans up" busywait 30000 all_clean "$lac"
check_eq "LAC: no device left" 0 "$(n_l2tp_links "$lac")"
