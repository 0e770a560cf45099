#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# A tunnel and a session between two kl2tp instances, through l2tpctl only.
#
#   lac: client c1  192.0.2.1 ---veth--- 192.0.2.2  lns: listener main
#
# - the client dials, the tunnel and its session come up on both ends;
# - tunnel/session show (table and JSON) carry the contract's keys;
# - client down sends CDN, the now empty LAC tunnel sends StopCCN, and both
#   ends end up with no tunnel and no session;
# - client up again redials; tunnel reset from the LNS tears both ends down.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/l2tp.sh"

lns_lac_setup
fast_timers
ddc=/sys/kernel/debug/dynamic_debug/control
if [ -w $ddc ]; then
	echo 'module kl2tp format "ctrl:" +p' >$ddc
	defer sh -c "echo 'module kl2tp -p' > $ddc"
fi

check "pool add" l2 "$lns" pool add p1 range 10.0.0.100-10.0.0.199
check "lns add" l2 "$lns" lns add main listen $LNS_IP local-ip 10.0.0.1 pool p1 hostname lns1
check "user add alice" l2 "$lns" user add alice password pw
check "client add" l2 "$lac" client add c1 lns $LNS_IP user alice password pw hostname lac1 redial off
check_eq "client starts down" down "$(jq_in "$lac" '.[0].state' client show c1)"
check_eq "client password: set, never shown" set "$(jq_in "$lac" '.[0].password' client show c1)"
check_eq "client password not in any output" 0 \
	"$(ip netns exec "$lac" l2tpctl -j client show | grep -c '"pw"' || true)"
check "client up" l2 "$lac" client up c1

check "LAC tunnel established" wait_eq 10000 1 n_tunnels "$lac" established
check "LNS tunnel established" wait_eq 10000 1 n_tunnels "$lns" established
check "LNS session established" wait_eq 10000 1 n_sessions "$lns" up
check "client up state" wait_eq 10000 up jq_in "$lac" '.[0].state' client show c1

t=$(ip netns exec "$lns" l2tpctl -j tunnel show)
check_eq "LNS sees the LAC's address" $LAC_IP "$(echo "$t" | jq -r '.[0].remote_address')"
check_eq "LNS sees the LAC's host name" lac1 "$(echo "$t" | jq -r '.[0].remote_name')"
check_eq "LNS tunnel has one session" 1 "$(echo "$t" | jq -r '.[0].sessions')"
for k in local_id remote_id local_address remote_address remote_port remote_name state sessions uptime; do
	check_eq "tunnel JSON has $k" true "$(echo "$t" | jq "all(.[]; has(\"$k\"))")"
done
ts=$(ip netns exec "$lns" l2tpctl -j -s tunnel show)
for k in ctrl_tx ctrl_rx ctrl_retransmits ctrl_dup ctrl_ooo; do
	check_eq "tunnel -s JSON has $k" true "$(echo "$ts" | jq ".[0] | has(\"$k\")")"
done
check "LNS received SCCRQ, SCCCN, ICRQ, ICCN" test "$(echo "$ts" | jq '.[0].ctrl_rx')" -ge 4
lac_tid=$(jq_in "$lac" '.[0].local_id' tunnel show)
check_eq "ids match across ends" "$lac_tid" "$(echo "$t" | jq -r '.[0].remote_id')"

s=$(ip netns exec "$lns" l2tpctl -j session show)
for k in local_id remote_id tunnel_id state user ifname address peer_address uptime; do
	check_eq "session JSON has $k" true "$(echo "$s" | jq ".[0] | has(\"$k\")")"
done
lac_sid=$(jq_in "$lac" '.[0].local_id' session show)
check_eq "session ids match across ends" "$lac_sid" "$(echo "$s" | jq -r '.[0].remote_id')"
check "table header" sh -c "ip netns exec $lns l2tpctl tunnel show | head -1 | grep -q LocalTID"

# Hang up: CDN, then the LAC's last session is gone and it sends StopCCN.
check "client down" l2 "$lac" client down c1
check "LNS session gone" wait_eq 10000 0 n_sessions "$lns"
check "LAC tunnel gone" wait_eq 15000 0 n_tunnels "$lac"
check "LNS tunnel gone (after linger)" wait_eq 15000 0 n_tunnels "$lns"
check_eq "client down state" down "$(jq_in "$lac" '.[0].state' client show c1)"

# Redial, then reset from the LNS side.
check "client up again" l2 "$lac" client up c1
check "LNS session again" wait_eq 10000 1 n_sessions "$lns" up
lns_tid=$(jq_in "$lns" '.[0].local_id' tunnel show)
check "tunnel reset" l2 "$lns" tunnel reset "$lns_tid"
check "LAC tunnel gone after reset" wait_eq 15000 0 n_tunnels "$lac"
check "LAC session gone after reset" wait_eq 15000 0 n_sessions "$lac"
check "LNS tunnel gone after reset" wait_eq 15000 0 n_tunnels "$lns"
check_fail "reset of an unknown tunnel fails" l2 "$lns" tunnel reset "$lns_tid"

if [ -w $ddc ]; then
	check "dynamic debug: control messages logged" sh -c \
		"dmesg | grep -q 'kl2tp: ctrl: tunnel [0-9]*: send SCCRQ'"
	check "dynamic debug: events off by default" sh -c \
		"! dmesg | grep -q 'kl2tp: event:'"
fi
check "client del" l2 "$lac" client del c1
check "lns del" l2 "$lns" lns del main
check_eq "no client left" 0 "$(jq_in "$lac" 'length' client show)"
check_eq "no listener left" 0 "$(jq_in "$lns" 'length' lns show)"
