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
# tunnel's peer is dropped too.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/l2tp.sh"

ppp_setup auth chap
check "dial" ppp_dial "$lac" c1 alice pw redial off
check "up" wait_eq 30000 up client_field "$lac" c1 state
tid=$(session_field "$lns" tunnel_id)
sid=$(session_field "$lns" local_id)
drops0=$(jq_in "$lns" '.[0].rx_drops' -s lns show main)
err0=$(session_field "$lns" rx_errors)
tool=$KL2TP_ROOT/selftests/tools/l2tp_inject.py

check "malformed data sent" ip netns exec "$lac" python3 "$tool" --data "$tid" "$sid" $LNS_IP
sleep 1
check_eq "session still up" up "$(session_field "$lns" state)"
check "pings still pass" ppp_ping "$lac" $PPP_LOCAL
check "listener counted the drops" test "$(jq_in "$lns" '.[0].rx_drops' -s lns show main)" \
	-ge $((drops0 + 6))
check "session counted the bad frames" test "$(session_field "$lns" rx_errors)" -ge $((err0 + 3))

# the same ids from a host that is not the tunnel's peer
check "third host" ip -n "$lac" addr add 192.0.2.9/24 dev "$VETH1"
drops1=$(jq_in "$lns" '.[0].rx_drops' -s lns show main)
check "sent from another address" ip netns exec "$lac" python3 -c "
import socket, struct
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(('192.0.2.9', 0))
s.sendto(struct.pack('!HHH', 2, $tid, $sid) + b'\xff\x03\xc0\x21\x0b\x01\x00\x04', ('$LNS_IP', 1701))"
check "dropped as not from the peer" busywait 5000 sh -c \
	"[ \$(ip netns exec $lns l2tpctl -j -s lns show main | jq '.[0].rx_drops') -gt $drops1 ]"
check_eq "session still up at the end" up "$(session_field "$lns" state)"

check "client down" l2 "$lac" client down c1
check "all gone" busywait 30000 ppp_all_gone
