#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Malformed data messages to a live session.
#
#   lac: client c1 + tools/l2tp_inject.py --data 192.0.2.1 ---veth--- 192.0.2.2 lns
#
# With a session up, the injector (from the LAC's address, another port)
# sends data messages to the LNS's session: no PPP frame, a truncated or
# invalid PPP header, Offset Size past the end (also as IP fragments),
# Length beyond the packet or inside the header, IPv4 from a source the
# user was not given, IPV6CP (Protocol-Rejected), LCP garbage, an unknown
# session, random bytes, and a valid LCP Discard-Request behind a 2500-byte
# offset pad that arrives fragmented (the pad is outside the skb's linear
# part). The session stays up and still carries pings; drops are counted
# (the listener's rx_drops, the session's rx_errors); no warning in the
# kernel log (the harness checks it). Data from a host that is not the
# tunnel's peer is dropped too. IPv6 to a dual-stack session: a truncated
# header, a source outside the user's prefixes (receive errors), malformed
# Router Solicitations (dropped by the PPP work).
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/l2tp.sh"

ppp_setup auth chap
check "dial" ppp_dial "$lac" c1 alice pw redial off
check "up" wait_eq 30000 up client_field "$lac" c1 state
tid=$(session_field "$lns" tunnel_id)
sid=$(session_field "$lns" local_id)
tool=$KL2TP_ROOT/selftests/tools/l2tp_inject.py

# One case at a time (the tool's --data list, in order): what the listener
# counts as dropped and the session as a receive error. Dropped: whatever
# is not a PPP frame of this session; also an error: a PPP frame that is
# malformed, or IP from a source the user was not given. The rest goes to
# the PPP engine (Protocol-Reject, LCP's own checks) and costs no counter.
i=0
while read -r want_d want_e name; do
	d0=$(jq_in "$lns" '.[0].rx_drops' -s lns show main)
	e0=$(session_field "$lns" rx_errors)
	check "sent: $name" ip netns exec "$lac" python3 "$tool" --data "$tid" "$sid" \
		$LNS_IP 1701 $i
	sleep 0.3	# softirq on the LNS's veth
	check_eq "$name: dropped +$want_d, errors +$want_e" "$want_d $want_e" \
		"$(($(jq_in "$lns" '.[0].rx_drops' -s lns show main) - d0)) $(($(session_field "$lns" rx_errors) - e0))"
	i=$((i + 1))
done <<'EOT'
1 0 no PPP frame
1 0 one byte of PPP
1 1 Address without Control
1 1 invalid Protocol field
1 0 Offset Size past the end
1 0 Offset Size past the end, fragmented
1 0 Length beyond the packet
1 0 Length inside the header
1 1 IPv4 from another source
0 0 IPV6CP Configure-Request
0 0 LCP garbage
1 0 unknown session
1 1 garbage behind an even Protocol
0 0 Discard-Request behind a 2500-byte pad, fragmented
EOT
check_eq "session still up" up "$(session_field "$lns" state)"
check "pings still pass" ppp_ping "$lac" $PPP_LOCAL

# IPv6 to a dual-stack session (bob's: his IPv6 pool makes it one): a
# truncated header and a source outside his prefixes are receive errors;
# Router Solicitations go to the PPP work, which drops malformed ones
# (ICMPv6 checked whole there): no error, the session unharmed.
check "an IPv6 pool v6" l2 "$lns" pool add v6 prefix 2001:db8:100::/48
check "bob, with pool6 v6" l2 "$lns" user add bob password pw pool6 v6
check "bob dials, ipv6 on" ppp_dial "$lac" c2 bob pw redial off ipv6 on
check "bob's IPV6CP up" wait_eq 30000 true \
	jq_in "$lns" '[.[] | select(.user == "bob")][0].link_local != null' session show
sid2=$(session_field "$lns" local_id '.user == "bob"')
tid2=$(session_field "$lns" tunnel_id '.user == "bob"')
bob_errors() {
	session_field "$lns" rx_errors '.user == "bob"'
}
i=14
while read -r want_d want_e name; do
	d0=$(jq_in "$lns" '.[0].rx_drops' -s lns show main)
	e0=$(bob_errors)
	check "sent: $name" ip netns exec "$lac" python3 "$tool" --data "$tid2" "$sid2" \
		$LNS_IP 1701 $i
	sleep 0.3
	check_eq "$name: dropped +$want_d, errors +$want_e" "$want_d $want_e" \
		"$(($(jq_in "$lns" '.[0].rx_drops' -s lns show main) - d0)) $(($(bob_errors) - e0))"
	i=$((i + 1))
done <<'EOT'
1 1 truncated IPv6 header
1 1 IPv6 from another source
EOT
e0=$(bob_errors)
for i in 16 17; do
	check "sent: a malformed Router Solicitation ($i)" ip netns exec "$lac" \
		python3 "$tool" --data "$tid2" "$sid2" $LNS_IP 1701 $i
done
sleep 0.3
check_eq "malformed Router Solicitations: no receive error" "$e0" "$(bob_errors)"
check "bob's session still carries IPv6" ip netns exec "$lac" ping -6 -q -c 3 -i 0.3 -W 3 \
	"$(client_session "$lac" c2 peer_link_local)%$(client_session "$lac" c2 ifname)"

# the same ids from a host that is not the tunnel's peer
check "third host" ip -n "$lac" addr add 192.0.2.9/24 dev "$VETH1"
drops1=$(jq_in "$lns" '.[0].rx_drops' -s lns show main)
check "sent from another address" ip netns exec "$lac" python3 -c "
import socket, struct
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(('192.0.2.9', 0))
s.sendto(struct.pack('!HHH', 2, $tid, $sid) + b'\xff\x03\xc0\x21\x0b\x01\x00\x04', ('$LNS_IP', 1701))"
sleep 0.3
check_eq "dropped as not from the peer, once" 1 \
	"$(($(jq_in "$lns" '.[0].rx_drops' -s lns show main) - drops1))"
check_eq "session still up at the end" up "$(session_field "$lns" state)"

check "client down" l2 "$lac" client down c1
check "bob's client down" l2 "$lac" client down c2
check "all gone" busywait 30000 ppp_all_gone
