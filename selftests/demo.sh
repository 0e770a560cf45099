#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# `make demo`: kl2tp in two namespaces of a guest, driven by l2tpctl alone.
#
#   lac (192.0.2.1) ---veth--- lns (192.0.2.2)
#   10.0.0.1xx <---- l2tpN (PPP) ----> 10.0.0.1
#
# Versions from inside each namespace, an LNS with a tunnel secret, a pool
# and PPP users, LAC clients that dial it (one tunnel, PPP with CHAP /
# MS-CHAPv2), the tunnel and session tables on both ends (user, address,
# device), pings through the tunnel, the events of the LNS, and a clean
# hang-up.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/l2tp.sh"

say() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
run() { echo "[$(ns_name "$1")]# l2tpctl ${*:2}"; l2 "$@"; }
sh_in() { echo "[$(ns_name "$1")]# ${*:2}"; ip netns exec "$@"; }
shell_in() { echo "[$(ns_name "$1")]# $2"; ip netns exec "$1" sh -c "$2"; }

lns_lac_setup
fast_timers
ns_name() { [ "$1" = "$lac" ] && echo lac || echo lns; }

say "module and tool versions, from inside each namespace"
for ns in "$lac" "$lns"; do
	run "$ns" version
done

say "LNS: a peer with a tunnel secret, an address pool, PPP users, a listener"
events=$(mktemp)
ip netns exec "$lns" l2tpctl monitor >"$events" 2>&1 &
mon=$!
defer kill "$mon"
run "$lns" peer add branch address 192.0.2.0/24 secret s3cret hello 30
run "$lns" pool add office range 10.0.0.100-10.0.0.199 dns 10.0.0.53 10.0.0.54
run "$lns" user add alice password alice-pw
run "$lns" user add bob password bob-pw
run "$lns" user add carol password carol-pw address 10.0.9.9
run "$lns" user show
run "$lns" lns add main listen $LNS_IP local-ip 10.0.0.1 pool office hostname lns.example \
	auth chap,mschapv2 lcp-echo 10 3
run "$lns" lns show

say "LAC: three clients dialling the LNS (they share one tunnel)"
run "$lac" client add alice lns $LNS_IP user alice password alice-pw secret s3cret hostname branch1 \
	auth chap
run "$lac" client add bob lns $LNS_IP user bob password bob-pw secret s3cret hostname branch1 \
	auth mschapv2
run "$lac" client add carol lns $LNS_IP user carol password carol-pw secret s3cret hostname branch1 \
	auth chap
for u in alice bob carol; do
	run "$lac" client up "$u"
done
busywait 30000 _out_is 3 n_sessions "$lns" up || fail "sessions did not come up"
busywait 30000 _out_is 3 n_sessions "$lac" up || fail "sessions did not come up on the LAC"
run "$lac" client show

say "tunnels and sessions, both ends: user, address, device"
run "$lns" tunnel show
run "$lns" -s tunnel show
run "$lns" session show
run "$lac" tunnel show
run "$lac" session show
run "$lac" -j session show
run "$lns" pool show

say "the session devices"
for ns in "$lac" "$lns"; do
	shell_in "$ns" "ip -br addr | grep ^l2tp"
done

say "pings through the tunnel"
dev=$(client_session "$lac" alice ifname)
sh_in "$lac" ping -c 3 -i 0.3 -I "$dev" 10.0.0.1
# The three clients share one namespace and the same peer 10.0.0.1: carol's
# replies must leave through carol's own session (the LNS accepts from each
# session only the address it gave), hence a rule for her source address.
addr=$(client_session "$lac" carol address)
cdev=$(client_session "$lac" carol ifname)
shell_in "$lac" "ip rule add from $addr table 100 && ip route add 10.0.0.1 dev $cdev table 100"
sh_in "$lns" ping -c 3 -i 0.3 "$addr"
run "$lac" -s session show

say "hang up one call: its device goes, its address goes back to the pool"
run "$lac" client down bob
busywait 10000 _out_is 2 n_sessions "$lns" || fail "CDN not processed"
run "$lns" session show
run "$lns" pool show

say "hang up the rest: the LAC's idle tunnel closes"
run "$lac" client down alice
run "$lac" client down carol
busywait 15000 all_clean "$lac" || fail "LAC not clean"
run "$lac" tunnel show
shell_in "$lac" "ip -br link | grep ^l2tp || echo '(no l2tp device left)'"

say "what 'l2tpctl monitor' printed on the LNS"
sleep 0.5
cat "$events"
