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
# A flood of 2000 SCCRQs that are never followed up leaves at most 512
# half-open tunnels, which time out; an established tunnel keeps working
# through it (a new call in it comes up). 2000 Hellos for the live tunnel
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

# SCCRQ flood: bounded half-open state, established tunnels unaffected.
check "flood" ip netns exec "$lac" python3 "$KL2TP_ROOT/selftests/tools/l2tp_inject.py" \
	--flood 2000 $LNS_IP
sleep 1
n=$(n_tunnels "$lns")
check "half-open tunnels bounded ($n)" test "$n" -le 513
check "a new call in the established tunnel during the flood" \
	l2 "$lac" client add c2 lns $LNS_IP user u2 password p redial off
check "client up c2" l2 "$lac" client up c2
check "both sessions up" wait_eq 15000 2 n_sessions "$lns" up
check_eq "still one tunnel on the LAC" 1 "$(n_tunnels "$lac")"
check "the half-open tunnels time out" wait_eq 60000 1 n_tunnels "$lns"

# Control messages for the live tunnel from anyone but its peer, or from
# its peer's address but another port: dropped and counted before the
# tunnel's work sees them; the tunnel and both calls stay up.
tid=$(jq_in "$lns" '.[0].local_id' tunnel show)
ip -n "$lac" addr add 192.0.2.3/24 dev "$VETH1"
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
