#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Framed routes: networks behind a user, routed by the LNS through the
# user's session.
#
#   lac: client c1 (user bob) 192.0.2.1 ---veth--- 192.0.2.2 lns
#        lo: 192.168.50.1, 192.168.51.1 (behind bob), 192.168.70.1 (not)
#   bob: route 192.168.50.0/24,192.168.51.0/24
#
# - user show lists the routes; session show lists them once the session
#   is up, and the LNS's routing table has them through the device;
# - a second call as bob is refused while the first is up (two sessions
#   would take the routes from each other);
# - the LNS reaches the networks behind bob; their sources pass the LNS's
#   source check; a source outside them is dropped and counted;
# - the routes go with the session; a user added with routes is listed by
#   dump with them.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/l2tp.sh"

ppp_setup auth chap
check "user bob, two routes" l2 "$lns" user add bob password b0b \
	route 192.168.50.0/24,192.168.51.0/24
check_eq "user show: routes" "192.168.50.0/24 192.168.51.0/24" \
	"$(jq_in "$lns" '.[] | select(.name == "bob") | .routes | join(" ")' user show)"
check "dump has them" sh -c "ip netns exec $lns l2tpctl dump |
	grep -q '^user add bob .*route 192.168.50.0/24,192.168.51.0/24'"
for a in 192.168.50.1 192.168.51.1 192.168.70.1; do
	ip -n "$lac" addr add $a/32 dev lo
done

check "dial as bob" ppp_dial "$lac" c1 bob b0b auth chap redial off
check "client up" wait_eq 30000 up client_field "$lac" c1 state
check "LNS session up" wait_eq 30000 1 n_sessions "$lns" up
nif=$(session_field "$lns" ifname)
check "a second call as bob" ppp_dial "$lac" c2 bob b0b auth chap redial off
check "... refused: the routes are in use" busywait 30000 sh -c \
	"[ \"\$(ip netns exec $lac l2tpctl -j client show c2 | jq -r '.[0].state')\" = down ]"
lns_sessions() {
	echo "$(n_sessions "$lns") $(session_field "$lns" state)"
}
check "... the first stays, alone" wait_eq 10000 "1 up" lns_sessions
check_eq "session show: routes" "192.168.50.0/24 192.168.51.0/24" "$(session_field "$lns" routes)"
for net in 192.168.50.0/24 192.168.51.0/24; do
	check_eq "LNS routes $net through ${nif:-?}" "${nif:-none}" \
		"$(ip -n "$lns" -j route show "$net" | jq -r '.[0].dev')"
done

check "LNS -> 192.168.50.1 (behind bob)" ppp_ping "$lns" 192.168.50.1
check "LNS -> 192.168.51.1 (behind bob)" ppp_ping "$lns" 192.168.51.1
check "from 192.168.50.1 to the LNS" ppp_ping "$lac" $PPP_LOCAL -I 192.168.50.1
e0=$(session_field "$lns" rx_errors)
check_fail "from 192.168.70.1 (not bob's): dropped" \
	ip netns exec "$lac" ping -q -c 2 -i 0.3 -W 1 -I 192.168.70.1 $PPP_LOCAL
check "... and counted" test "$(session_field "$lns" rx_errors)" -ge $((${e0:-0} + 2))

check "client down" l2 "$lac" client down c1
check "all gone" busywait 20000 ppp_all_gone
check_eq "the routes went with the session" "" \
	"$(ip -n "$lns" route show 192.168.50.0/24)$(ip -n "$lns" route show 192.168.51.0/24)"
