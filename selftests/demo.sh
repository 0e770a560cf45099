#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# `make demo`: kl2tp in two namespaces of a guest, driven by l2tpctl alone.
#
#   lac (192.0.2.1) ---veth--- lns (192.0.2.2)
#
# Versions from inside each namespace, an LNS with a tunnel secret, a LAC
# client that dials it, the tunnel and session tables on both ends, the
# events of the LNS, and a clean hang-up.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/l2tp.sh"

say() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
run() { echo "[$1]# l2tpctl ${*:2}"; l2 "$@"; }

lns_lac_setup
fast_timers
ns_name() { [ "$1" = "$lac" ] && echo lac || echo lns; }

say "module and tool versions, from inside each namespace"
for ns in "$lac" "$lns"; do
	echo "[$(ns_name "$ns")]# l2tpctl version"
	l2 "$ns" version
done

say "LNS: a peer with a tunnel secret, an address pool, a listener"
events=$(mktemp)
ip netns exec "$lns" l2tpctl monitor >"$events" 2>&1 &
mon=$!
defer kill "$mon"
run "$lns" peer add branch address 192.0.2.0/24 secret s3cret hello 30
run "$lns" peer show
run "$lns" pool add office range 10.0.0.100-10.0.0.199 dns 192.0.2.53
run "$lns" lns add main listen $LNS_IP local-ip 10.0.0.1 pool office hostname lns.example
run "$lns" lns show

say "LAC: three clients dialling the LNS (they share one tunnel)"
for u in alice bob carol; do
	run "$lac" client add "$u" lns $LNS_IP user "$u" password pw secret s3cret hostname branch1
	run "$lac" client up "$u"
done
busywait 20000 _out_is 3 n_sessions "$lns" established || fail "sessions did not come up"
run "$lac" client show

say "tunnels and sessions, both ends"
run "$lns" tunnel show
run "$lns" -s tunnel show
run "$lns" session show
run "$lac" tunnel show
run "$lac" -j session show

say "hang up one call, then reset the tunnel from the LNS: the others redial"
run "$lac" client down bob
busywait 10000 _out_is 2 n_sessions "$lns" || fail "CDN not processed"
run "$lns" session show
tid=$(jq_in "$lns" '.[0].local_id' tunnel show)
run "$lns" tunnel reset "$tid"
busywait 20000 _out_is 2 n_sessions "$lns" established || fail "no redial"
busywait 20000 _out_is 1 n_tunnels "$lns" established || fail "no new tunnel"
run "$lns" tunnel show
run "$lac" client show

say "hang up the rest: the LAC's idle tunnel closes"
run "$lac" client down alice
run "$lac" client down carol
busywait 15000 all_clean "$lac" || fail "LAC not clean"
run "$lac" tunnel show

say "what 'l2tpctl monitor' printed on the LNS"
sleep 0.5
cat "$events"
echo
echo "(PPP and the data path are not implemented yet: sessions carry no traffic.)"
