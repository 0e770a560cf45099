#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# 1000 sessions in one tunnel, each with its PPP up, then all closed.
#
#   lac: clients c1..c1000 192.0.2.1 ---veth--- 192.0.2.2 lns: listener
#
# The clients share one tunnel (same LNS, secret, hostname), configured and
# dialled from one l2tpctl -f file; each authenticates as its own user and
# gets an address of the pool and a device on both ends. Counters and show
# must agree on both ends; 100 calls are hung up one by one (CDN), the rest
# by a tunnel reset (StopCCN); nothing is left: no session, no device, no
# address taken. `session show` on the LNS, run over and over while the
# sessions come up and while they are hung up, always succeeds.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/l2tp.sh"

N=1000
lns_lac_setup
fast_timers
check "pool add" l2 "$lns" pool add p1 range 10.0.0.0-10.0.3.255
users=$(mktemp)
for i in $(seq $N); do
	echo "user add u$i password p$i"
done >"$users"
check "apply $N users" ip netns exec "$lns" l2tpctl -f "$users"
check "lns add" l2 "$lns" lns add main listen $LNS_IP local-ip 10.0.0.1 pool p1 auth pap

# show_loop NS OUT: `session show` on NS over and over until OUT.stop
# exists, one line per run in OUT: ok (exit 0 and a JSON array) or fail.
show_loop() {
	while [ ! -e "$2.stop" ]; do
		if ip netns exec "$1" l2tpctl -j session show 2>>"$2.err" |
			jq -e 'type == "array"' >/dev/null; then
			echo ok
		else
			echo fail
		fi
		sleep 0.2	# room for the calls themselves
	done >"$2"
}
shows=$(mktemp)
show_loop "$lns" "$shows" &
show_pid=$!

conf=$(mktemp)
for i in $(seq $N); do
	echo "client add c$i lns $LNS_IP user u$i password p$i redial off auth pap"
done >"$conf"
for i in $(seq $N); do
	echo "client up c$i"
done >>"$conf"
check "apply $N clients" ip netns exec "$lac" l2tpctl -f "$conf"

check "LNS: $N sessions up" wait_eq 600000 $N n_sessions "$lns" up
check "LAC: $N sessions up" wait_eq 120000 $N n_sessions "$lac" up
check_eq "LAC: one tunnel" 1 "$(n_tunnels "$lac")"
check_eq "LNS: one tunnel" 1 "$(n_tunnels "$lns")"
check_eq "LNS tunnel counts $N sessions" $N "$(jq_in "$lns" '.[0].sessions' tunnel show)"
check_eq "LAC tunnel counts $N sessions" $N "$(jq_in "$lac" '.[0].sessions' tunnel show)"
tid=$(jq_in "$lns" '.[0].local_id' tunnel show)
check_eq "session show filtered by tunnel agrees" $N \
	"$(jq_in "$lns" 'length' session show tunnel "$tid")"
check_eq "all clients up" $N "$(jq_in "$lac" '[.[] | select(.state == "up")] | length' client show)"
check_eq "sessions have distinct ids" $N "$(jq_in "$lns" '[.[].local_id] | unique | length' session show)"
rx=$(jq_in "$lns" '.[0].ctrl_rx' -s tunnel show)
check "LNS received at least 2 messages per session" test "$rx" -ge $((2 * N))
check_eq "LNS: $N devices" $N "$(n_l2tp_links "$lns")"
check_eq "LAC: $N devices" $N "$(n_l2tp_links "$lac")"
check_eq "pool: $N addresses used" $N "$(jq_in "$lns" '.[0].used' pool show)"
check_eq "addresses distinct" $N "$(jq_in "$lns" '[.[].peer_address] | unique | length' session show)"
# (from the last client's own device: all 1000 share the peer 10.0.0.1, and
# the LNS takes from each session only the address it gave)
check "ping through the last session" ip netns exec "$lac" ping -c 1 -W 5 -I \
	"$(jq_in "$lac" '.[] | select(.user == "u'$N'") | .ifname' session show)" 10.0.0.1

for i in $(seq 100); do
	l2 "$lac" client down "c$i"
done
check "100 hung up: LNS has $((N - 100))" wait_eq 60000 $((N - 100)) n_sessions "$lns"
check_eq "LNS tunnel count agrees" $((N - 100)) "$(jq_in "$lns" '.[0].sessions' tunnel show)"
touch "$shows.stop"
wait "$show_pid"
log "session show on the LNS: $(grep -c ok "$shows" || true) runs ok, $(grep -c fail "$shows" || true) failed"
check "session show ran while sessions came and went" \
	test "$(grep -c ok "$shows" || true)" -ge 5
check_eq "every such session show succeeded" 0 "$(grep -c fail "$shows" || true)"
sed 's/^/    /' "$shows.err"

lac_tid=$(jq_in "$lac" '.[0].local_id' tunnel show)
check "tunnel reset" l2 "$lac" tunnel reset "$lac_tid"
check "everything closed" busywait 30000 all_clean "$lac" "$lns"
check_eq "LNS: no device left" 0 "$(n_l2tp_links "$lns")"
check_eq "LAC: no device left" 0 "$(n_l2tp_links "$lac")"
check_eq "pool: nothing used" 0 "$(jq_in "$lns" '.[0].used' pool show)"
check_eq "clients down" $N "$(jq_in "$lac" '[.[] | select(.state == "down")] | length' client show)"
