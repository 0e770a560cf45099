#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The LNS's tunnel address is also its PPP address.
#
#   lac: client c1 192.0.2.1 ---veth--- 192.0.2.2 lns: listener, local-ip 192.0.2.2
#        10.0.0.1xx peer 192.0.2.2 <--- l2tpN ---> 192.0.2.2, lo 10.99.0.1
#
# The client's PPP peer (192.0.2.2, with a host route through the session
# device, and a default route there too) is the address its tunnel's UDP
# packets go to. Those must keep going over the veth, not into the session
# itself: 30 s of pings to 192.0.2.2, with LCP echo every second on both
# ends, are all answered through the session device, and the session stays
# up the whole time (same ids, uptime growing, tunnel established).
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/l2tp.sh"

PPP_LOCAL=$LNS_IP
ppp_setup auth chap lcp-echo 1 3
check "an address behind the LNS" ip -n "$lns" addr add 10.99.0.1/32 dev lo
check "dial with default-route on" ppp_dial "$lac" c1 alice pw auth chap redial off \
	default-route on lcp-echo 1 3
check "client up" wait_eq 30000 up client_field "$lac" c1 state
check "LNS session up" wait_eq 30000 1 n_sessions "$lns" up

lif=$(client_session "$lac" c1 ifname)
addr=$(client_session "$lac" c1 address)
check "LAC device $lif exists" link_up "$lac" "${lif:-none}"
check_eq "client's peer is the LNS's tunnel address" $LNS_IP "$(client_session "$lac" c1 peer_address)"
check_eq "LNS's address is its tunnel address" $LNS_IP "$(session_field "$lns" address)"
check "default route through $lif" sh -c "ip -n $lac route show default | grep -q 'dev ${lif:-none}'"
check_eq "LNS: $LNS_IP, local already, not put on lo" "10.99.0.1/32" \
	"$(ip -n "$lns" -4 -o addr show dev lo | awk '$4 != "127.0.0.1/8" { print $4 }')"

# Before: ids, uptime, counters.
lac_sid=$(client_session "$lac" c1 local_id)
lns_sid=$(session_field "$lns" local_id)
lac_tid=$(jq_in "$lac" '.[0].local_id' tunnel show)
lns_tid=$(jq_in "$lns" '.[0].local_id' tunnel show)
up0=$(client_session "$lac" c1 uptime)
stx0=$(client_session "$lac" c1 tx_bytes)
srx0=$(client_session "$lac" c1 rx_bytes)
vtx0=$(link_stat "$lac" "$VETH1" tx bytes)
vrx0=$(link_stat "$lac" "$VETH1" rx bytes)
ltx0=$(link_stat "$lac" "${lif:-none}" tx packets)
check "$LNS_IP is routed through $lif" \
	sh -c "ip -n $lac route get $LNS_IP | grep -q 'dev ${lif:-none} '"

# 1000-byte pings: the session's byte counters cannot be explained by the
# LCP echoes (a few dozen bytes each).
out=$(ip netns exec "$lac" ping -c 30 -i 1 -W 3 -s 1000 $LNS_IP 2>&1 || true)
echo "$out" | tail -n 2
check_eq "30 pings to $LNS_IP in 30 s (1000 bytes), all answered" 30 \
	"$(echo "$out" | sed -n 's/.* \([0-9]*\) received.*/\1/p')"

check_eq "LAC session still up" up "$(client_session "$lac" c1 state)"
check_eq "LAC: same session" "$lac_sid" "$(client_session "$lac" c1 local_id)"
check_eq "LNS: same session, up" "$lns_sid up" \
	"$(session_field "$lns" local_id) $(session_field "$lns" state)"
check_eq "LAC: same tunnel, established" "$lac_tid established" \
	"$(jq_in "$lac" '.[0] | "\(.local_id) \(.state)"' tunnel show)"
check_eq "LNS: same tunnel, established" "$lns_tid established" \
	"$(jq_in "$lns" '.[0] | "\(.local_id) \(.state)"' tunnel show)"
check "uptime grew by 25 s at least" test "$(client_session "$lac" c1 uptime)" -ge $((${up0:-0} + 25))
check "pings went into the session (tx_bytes +30000)" \
	test "$(client_session "$lac" c1 tx_bytes)" -ge $((${stx0:-0} + 30000))
check "answers came out of it (rx_bytes +30000)" \
	test "$(client_session "$lac" c1 rx_bytes)" -ge $((${srx0:-0} + 30000))
check "$lif sent them (tx packets +30)" \
	test "$(link_stat "$lac" "${lif:-none}" tx packets)" -ge $((${ltx0:-0} + 30))
check "the tunnel went over $VETH1 (tx bytes +30000)" \
	test "$(link_stat "$lac" "$VETH1" tx bytes)" -ge $((vtx0 + 30000))
check "and came back over it (rx bytes +30000)" \
	test "$(link_stat "$lac" "$VETH1" rx bytes)" -ge $((vrx0 + 30000))
check "ping $LNS_IP still works" ppp_ping "$lac" $LNS_IP

check "default route: ping 10.99.0.1 behind the LNS" ppp_ping "$lac" 10.99.0.1
check "10.99.0.1 is reached through $lif" \
	sh -c "ip -n $lac route get 10.99.0.1 | grep -q 'dev ${lif:-none} '"
check "LNS pings the client" ppp_ping "$lns" "$addr"

check "client down" l2 "$lac" client down c1
check "all gone" busywait 20000 ppp_all_gone
check_eq "default route gone" "" "$(ip -n "$lac" route show default)"
check "$LNS_IP still on $VETH2" sh -c "ip -n $lns -4 -o addr show dev $VETH2 | grep -q 'inet $LNS_IP/'"
check "the underlay still works" ppp_ping "$lac" $LNS_IP
