#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Malformed control messages from the wire.
#
#   lac: selftests/tools/l2tp_inject.py 192.0.2.1 ---veth--- 192.0.2.2 lns
#
# Truncated headers, other versions, Length beyond the packet, AVP length
# < 6, an AVP past the message, an unknown mandatory AVP in an SCCRQ, a zero
# Assigned Tunnel ID, a first AVP that is not Message Type, messages for an
# unknown tunnel and garbage are dropped and counted by the listener; an
# unknown mandatory AVP in an open tunnel is answered with StopCCN, Result
# Code 2, Error Code 8 (RFC 2661 4.1); an SCCRQ of protocol version 2.0
# gets StopCCN result 5. Nothing is left behind; the kernel
# log stays clean (checked by the harness).
# Floods of 2000 and 3000 SCCRQs from new sockets (ephemeral ports) of one
# address, never followed up, leave at most 512 half-open tunnels, which time out;
# during the second and right after it, a fresh valid SCCRQ from another address is
# answered and a configured peer gets a new tunnel within 2 s, taking the
# slots of the flood's oldest (counted as "evicted"); an established
# tunnel keeps working through it (a new call in it comes up). Once a
# tunnel was accepted, the SCCRQ's Tie Breaker closes our own attempt to
# that peer (RFC 2661 4.4.3). 2000 Hellos for the live tunnel
# from another address, or from the peer's address but another port, are
# dropped and counted before its work sees them: it keeps its calls.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/l2tp.sh"

require_cmd python3 python3
lns_lac_setup
fast_timers
check "pool add" l2 "$lns" pool add p1 range 10.0.0.100-10.0.0.199
check "lns add" l2 "$lns" lns add main listen $LNS_IP local-ip 10.0.0.1 pool p1
check "user add u" l2 "$lns" user add u password p
check "user add u2" l2 "$lns" user add u2 password p
drops0=$(jq_in "$lns" '.[0].rx_drops' -s lns show main)
check "injector" ip netns exec "$lac" python3 "$KL2TP_ROOT/selftests/tools/l2tp_inject.py" $LNS_IP
drops=$(jq_in "$lns" '.[0].rx_drops' -s lns show main)
check "12 malformed datagrams counted as drops" test $((drops - drops0)) -ge 12
check "the refused tunnel is gone" busywait 20000 all_clean "$lns"
check "listener still works" l2 "$lac" client add c1 lns $LNS_IP user u password p redial off
check "client up" l2 "$lac" client up c1
check "session up after the garbage" wait_eq 15000 1 n_sessions "$lns" up

# SCCRQ flood from 192.0.2.3: bounded half-open state, established tunnels
# unaffected, fresh SCCRQs (192.0.2.4) and the configured peer (the LAC's
# address, new tunnels by host name) admitted during and after it.
ip -n "$lac" addr add 192.0.2.3/24 dev "$VETH1"
ip -n "$lac" addr add 192.0.2.4/24 dev "$VETH1"
check "peer add lac" l2 "$lns" peer add lac address $LAC_IP
half_open() {
	jq_in "$lns" '[.[] | select(.state != "established")] | length' tunnel show
}
peer_tunnel_in_2s() {
	local t0=$SECONDS
	check "client add $1" l2 "$lac" client add "$1" lns $LNS_IP user u password p \
		hostname "$1" redial off
	check "client up $1" l2 "$lac" client up "$1"
	check "$2: the configured peer's new tunnel up in 2 s" \
		wait_eq 2000 "$3" n_tunnels "$lac" established
	log "$2: tunnel of $1 after $((SECONDS - t0)) s (whole seconds)"
}
evicted0=$(jq_in "$lns" '.[0].evicted' -s lns show main)
inject() {
	ip netns exec "$lac" python3 "$KL2TP_ROOT/selftests/tools/l2tp_inject.py" "$@"
}
inject --flood 2000 $LNS_IP 1701 192.0.2.3 4 >flood.out &
flood=$!
check "the flood fills the half-open slots" wait_eq 60000 512 half_open
check "flood sent" wait $flood
check "flood output" grep -q "sent 2000 SCCRQs" flood.out
# a second one, over 8 s, running while the LAC dials
inject --flood 3000 $LNS_IP 1701 192.0.2.3 8 >flood.out &
flood=$!
check "during the flood: a fresh SCCRQ is answered" inject --sccrq 192.0.2.4 $LNS_IP
peer_tunnel_in_2s c3 "during the flood" 2
check "... which was still running" kill -0 $flood
check "flood sent" wait $flood
check "flood output" grep -q "sent 3000 SCCRQs" flood.out
n=$(half_open)
check "half-open tunnels bounded ($n)" test "$n" -le 512
check "after the flood: a fresh SCCRQ is answered" inject --sccrq 192.0.2.4 $LNS_IP
peer_tunnel_in_2s c4 "after the flood" 3
evicted=$(jq_in "$lns" '.[0].evicted' -s lns show main)
check "evictions counted ($((evicted - evicted0)))" test $((evicted - evicted0)) -ge 2
check "client del c3" l2 "$lac" client del c3
check "client del c4" l2 "$lac" client del c4
check "their tunnels close" wait_eq 20000 1 n_tunnels "$lac"
check "a new call in the established tunnel" \
	l2 "$lac" client add c2 lns $LNS_IP user u2 password p redial off
check "client up c2" l2 "$lac" client up c2
check "both sessions up" wait_eq 15000 2 n_sessions "$lns" up
check_eq "still one tunnel on the LAC" 1 "$(n_tunnels "$lac")"
check "the half-open tunnels time out" wait_eq 60000 1 n_tunnels "$lns"

# Control messages for the live tunnel from anyone but its peer, or from
# its peer's address but another port: dropped and counted before the
# tunnel's work sees them; the tunnel and both calls stay up.
tid=$(jq_in "$lns" '.[0].local_id' tunnel show)
drops0=$(jq_in "$lns" '.[0].rx_drops' -s lns show main)
errs0=$(jq_in "$lns" '.[0].ctrl_errors' -s tunnel show)
for src in 192.0.2.3 $LAC_IP; do
	check "1000 Hellos to tunnel $tid from $src, not the peer's port" \
		ip netns exec "$lac" python3 "$KL2TP_ROOT/selftests/tools/l2tp_inject.py" \
		--spoof "$tid" 1000 $src $LNS_IP
done
drops=$(jq_in "$lns" '.[0].rx_drops' -s lns show main)
check_eq "each one dropped and counted" 2000 $((drops - drops0))
check_eq "none reached the tunnel's work" "$errs0" \
	"$(jq_in "$lns" '.[0].ctrl_errors' -s tunnel show)"
check_eq "both sessions still up" 2 "$(n_sessions "$lns" up)"
check "hang up c2" l2 "$lac" client down c2
check "c2's session gone" wait_eq 15000 1 n_sessions "$lns"
check "the tunnel still carries calls: c2 again" l2 "$lac" client up c2
check "both sessions up again" wait_eq 15000 2 n_sessions "$lns" up

# Tie breaker (RFC 2661 4.4.3): the LNS's namespace also dials 192.0.2.4,
# which does not answer. An SCCRQ from there with a Tie Breaker that is
# refused (a Challenge, and no secret for it) leaves that attempt alone;
# one that is accepted closes it.
set_param ctrl_retries 10	# tb's SCCRQ keeps going while we test
check "client add tb (from the LNS's namespace)" l2 "$lns" client add tb lns 192.0.2.4 \
	user u password p redial off
check "client up tb" l2 "$lns" client up tb
check "tb's tunnel waits for an SCCRP" wait_eq 5000 1 n_tunnels "$lns" wait-ctl-reply
rc=0
inject --sccrq 192.0.2.4 $LNS_IP 1701 tie challenge || rc=$?
check_eq "a refused SCCRQ with a Tie Breaker: StopCCN" 2 "$rc"
check_eq "... and our attempt is still there" 1 "$(n_tunnels "$lns" wait-ctl-reply)"
check "an accepted SCCRQ with a Tie Breaker: SCCRP" \
	inject --sccrq 192.0.2.4 $LNS_IP 1701 tie
check "... closes our attempt" wait_eq 5000 0 n_tunnels "$lns" wait-ctl-reply
check "client tb is down" wait_eq 5000 down client_field "$lns" tb state
