#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# PPP addresses: pools, users' pools, limits.
#
#   lac: clients   192.0.2.1 ---veth--- 192.0.2.2   lns: listener main (chap),
#                                                   pool p1 10.0.0.100-199
#
# - two clients at once share one tunnel: two sessions, two devices on each
#   end, distinct addresses, each answers pings through its own device;
#   one hangs up, the other stays up; the addresses go back to the pool;
# - a user with a pool of its own gets its address from that pool;
# - a pool of one address: the first client is up, the second is refused
#   (CDN) without disturbing the first, the pool stays at used = 1; once the
#   first hangs up, the second comes up with that address;
# - a user's max-sessions is enforced;
# - the kernel log has a line for each call up and down, at both ends, with
#   the user, the address, the tunnel peer and (down) how long and why;
# - completion offers the live names: listeners, pools, clients, tunnel
#   ids, the users of the sessions, in the namespace of -n;
# - l2tpctl metrics says the same as status and counts what came up and
#   how each call and the tunnel ended, on each end;
# - at the end every pool is free, no session and no device is left.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/l2tp.sh"

# metric TEXT KEY: the value of the sample KEY (name and labels) in TEXT
metric() {
	awk -v k="$2" '$1 == k { print $2 }' <<<"$1"
}

metric_is() {	# NS KEY VALUE
	[ "$(metric "$(l2 "$1" metrics)" "$2")" = "$3" ]
}

metrics_well_formed() {
	awk '
	/^# HELP / { help[$3] = 1; next }
	/^# TYPE / { if (!help[$3] || ($4 != "gauge" && $4 != "counter")) { bad = NR ": " $0; exit }
		     type[$3] = 1; next }
	{ name = $1; sub(/\{.*/, "", name)
	  if (!type[name] || NF != 2 || $2 !~ /^[0-9]+$/) { bad = NR ": " $0; exit }
	  if ($1 != name && $1 !~ /^[a-zA-Z_][a-zA-Z0-9_]*\{[a-zA-Z_][a-zA-Z0-9_]*="[^"]*"(,[a-zA-Z_][a-zA-Z0-9_]*="[^"]*")*\}$/) { bad = NR ": " $0; exit }
	  n++ }
	END { if (bad) print "malformed line " bad; exit bad != "" || n == 0 }' <<<"$1"
}

ppp_setup auth chap
check "pool one (1 address)" l2 "$lns" pool add one range 10.0.1.10-10.0.1.10
check "pool lab" l2 "$lns" pool add lab range 10.0.2.10-10.0.2.19
for u in u1 u2; do
	check "user $u" l2 "$lns" user add $u password pw-$u
done
check "user carol with pool lab" l2 "$lns" user add carol password pw pool lab
check "user s1 with pool one" l2 "$lns" user add s1 password pw pool one
check "user s2 with pool one" l2 "$lns" user add s2 password pw pool one
check "user bob max-sessions 1" l2 "$lns" user add bob password pw max-sessions 1
elac=$KL2TP_OUT/$KL2TP_TEST-lac.events
elns=$KL2TP_OUT/$KL2TP_TEST-lns.events
monitor_start "$lac" "$elac"
monitor_start "$lns" "$elns"

in_p1() {
	[[ $1 =~ ^10\.0\.0\.1[0-9][0-9]$ ]]
}

in_lab() {
	[[ $1 =~ ^10\.0\.2\.1[0-9]$ ]]
}

# lns_user_sessions USER: the LNS's sessions of USER that are up.
lns_user_sessions() {
	jq_in "$lns" "[.[] | select(.user == \"$1\" and .state == \"up\")] | length" session show
}

# --- two sessions in one tunnel ----------------------------------------------
check "dial c1 (u1)" ppp_dial "$lac" c1 u1 pw-u1 auth chap redial off
check "dial c2 (u2)" ppp_dial "$lac" c2 u2 pw-u2 auth chap redial off
check "c1 up" wait_eq 30000 up client_field "$lac" c1 state
check "c2 up" wait_eq 30000 up client_field "$lac" c2 state
check "LNS: two sessions up" wait_eq 30000 2 n_sessions "$lns" up
check_eq "LAC: one tunnel" 1 "$(n_tunnels "$lac")"
check_eq "LNS: one tunnel" 1 "$(n_tunnels "$lns")"
a1=$(client_session "$lac" c1 address)
a2=$(client_session "$lac" c2 address)
i1=$(client_session "$lac" c1 ifname)
i2=$(client_session "$lac" c2 ifname)
check "c1 address $a1 from p1" in_p1 "$a1"
check "c2 address $a2 from p1" in_p1 "$a2"
check "distinct addresses" test "$a1" != "$a2"
check "distinct LAC devices ($i1, $i2)" test -n "$i1" -a -n "$i2" -a "$i1" != "$i2"
check_eq "LNS: two distinct devices" 2 "$(jq_in "$lns" '[.[].ifname] | unique | length' session show)"
check_eq "LAC: two l2tp devices" 2 "$(n_l2tp_links "$lac")"
check_eq "LNS: two l2tp devices" 2 "$(n_l2tp_links "$lns")"
check_eq "pool p1 used 2" 2 "$(pool_used "$lns" p1)"
check_eq "LNS peer addresses are the clients'" "$(printf '%s\n' "$a1" "$a2" | sort | xargs)" \
	"$(jq_in "$lns" '[.[].peer_address] | sort | join(" ")' session show)"
rx1=$(client_session "$lac" c1 rx_packets)
rx2=$(client_session "$lac" c2 rx_packets)
check "ping through $i1" ppp_ping "$lac" $PPP_LOCAL -I "${i1:-none}"
check "ping through $i2" ppp_ping "$lac" $PPP_LOCAL -I "${i2:-none}"
check "c1's session carried its pings" test "$(client_session "$lac" c1 rx_packets)" -ge $((${rx1:-0} + 3))
check "c2's session carried its pings" test "$(client_session "$lac" c2 rx_packets)" -ge $((${rx2:-0} + 3))
check "replies from $a1 through $i1" own_replies "$lac" "$a1" "$i1"
check "replies from $a2 through $i2" own_replies "$lac" "$a2" "$i2"
check "LNS pings $a1" ppp_ping "$lns" "$a1"
check "LNS pings $a2" ppp_ping "$lns" "$a2"

# session show filters and status
check_eq "session show user u1: c1's session" "u1 $a1" \
	"$(jq_in "$lns" '[.[] | "\(.user) \(.peer_address)"] | join(",")' session show user u1)"
check_eq "session show address $a2: c2's session" u2 \
	"$(jq_in "$lns" '[.[].user] | join(",")' session show address "$a2")"
check_eq "session show state up user u2: one" 1 \
	"$(jq_in "$lns" 'length' session show state up user u2)"
check_eq "session show state ppp-lcp: none" 0 "$(jq_in "$lns" 'length' session show state ppp-lcp)"
check_eq "session show user nobody: none" 0 "$(jq_in "$lns" 'length' session show user nobody)"
tid=$(jq_in "$lns" '.[0].tunnel_id' session show)
check_eq "session show tunnel $tid user u1: one" 1 \
	"$(jq_in "$lns" 'length' session show tunnel "$tid" user u1)"
check_fail "session show state bogus: refused" l2 "$lns" session show state bogus
check_eq "status: 1 tunnel established, 2 sessions up, p1 2 of 100" "1 1 2 2 2 100" \
	"$(jq_in "$lns" '"\(.tunnels.total) \(.tunnels.established) \(.sessions.total) \(.sessions.up) \(.pools[] | select(.name == "p1") | "\(.used) \(.size)")"' status)"
check "status as a table" sh -c "ip netns exec $lns l2tpctl status | grep -q '^sessions *2: up 2$'"

# metrics: the same in Prometheus's text format, with the module's counters
m=$(ip netns exec "$lns" l2tpctl metrics)
check_eq "metrics: 1 tunnel established, 2 sessions up now" "1 2" \
	"$(metric "$m" 'kl2tp_tunnels{state="established"}') $(metric "$m" 'kl2tp_sessions{state="up"}')"
check_eq "metrics: 1 tunnel and 2 calls came up" "1 2" \
	"$(metric "$m" kl2tp_tunnels_established_total) $(metric "$m" kl2tp_sessions_up_total)"
check_eq "metrics: p1 2 used, 98 free" "2 98" \
	"$(metric "$m" 'kl2tp_pool_addresses{pool="p1",state="used"}') $(metric "$m" 'kl2tp_pool_addresses{pool="p1",state="free"}')"
check_eq "metrics: listener main, no drops" 0 "$(metric "$m" 'kl2tp_listener_rx_drops_total{listener="main"}')"
check_eq "metrics: nothing ended yet" "" "$(echo "$m" | grep '_ends_total{' || true)"
check "metrics: every sample is NAME[{LABELS}] VALUE after its HELP and TYPE" \
	metrics_well_formed "$m"
check_fail "metrics -j: refused" l2 "$lns" -j metrics

# completion's live names (the rest is selftests/unit/completion.sh)
completes() {	# NS "WORDS" WANT: what l2tpctl --complete offers, sorted
	local ns=$1 words=$2
	# shellcheck disable=SC2086 # the words are split on purpose
	check_eq "completion in $ns of '$words': $3" "$3" \
		"$(ip netns exec "$ns" l2tpctl --complete $words "" | sort -u | tr '\n' ' ')"
}
completes "$lns" "lns del" "main "
completes "$lns" "user add x pool" "lab one p1 "
completes "$lns" "lns add x peers" "any "
completes "$lns" "tunnel reset" "$tid "
completes "$lns" "session show user" "u1 u2 "
completes "$lac" "client down" "c1 c2 "
check_eq "completion with -n: the listeners of that namespace" "main" \
	"$(l2tpctl --complete -n "$lns" lns show "")"

check "c1 down" l2 "$lac" client down c1
check "LNS: one session left" wait_eq 20000 1 n_sessions "$lns"
check_eq "metrics: the LNS counts c1's CDN (3, administrative) as the peer's" 1 \
	"$(metric "$(l2 "$lns" metrics)" 'kl2tp_session_ends_total{result="3",by="peer"}')"
check_eq "metrics: the LAC counts it as its own" 1 \
	"$(metric "$(l2 "$lac" metrics)" 'kl2tp_session_ends_total{result="3",by="local"}')"
check "p1: c1's address back" wait_eq 10000 1 pool_used "$lns" p1
check "LAC: one device left" wait_eq 10000 1 n_l2tp_links "$lac"
check_eq "c2 still up" up "$(client_field "$lac" c2 state)"
check "c2 still answers" ppp_ping "$lns" "$a2"
check "c2 down" l2 "$lac" client down c2
check "all gone, p1 free" busywait 20000 ppp_all_gone
check "metrics: the LAC closed its idle tunnel (StopCCN 1)" busywait 20000 \
	metric_is "$lac" 'kl2tp_tunnel_ends_total{result="1",by="local"}' 1
check "metrics: the LNS counts it as the peer's" busywait 20000 \
	metric_is "$lns" 'kl2tp_tunnel_ends_total{result="1",by="peer"}' 1

# --- a user's own pool -------------------------------------------------------
check "dial as carol" ppp_dial "$lac" cc carol pw auth chap redial off
check "carol up" wait_eq 30000 up client_field "$lac" cc state
ac=$(client_session "$lac" cc address)
check "carol's address $ac from pool lab" in_lab "$ac"
check_eq "pool lab used 1" 1 "$(pool_used "$lns" lab)"
check_eq "pool p1 unused" 0 "$(pool_used "$lns" p1)"
check "LNS pings carol" ppp_ping "$lns" "$ac"
check "carol down" l2 "$lac" client down cc
check "all gone, lab free" busywait 20000 ppp_all_gone
# the kernel log has each end's up and down lines (rate-limited; one call
# here, seconds after the last ones)
log_has() { dmesg | grep -q "kl2tp: session [0-9]*/[0-9]* $1"; }
check "log, LNS: carol up, her address, the LAC as tunnel peer" \
	log_has "up: user carol, address $ac, tunnel peer 192.0.2.1 "
check "log, LAC: carol up, the LNS as tunnel peer" \
	log_has "up: user carol, address $ac, tunnel peer 192.0.2.2 "
check "log, LNS: carol down, how long, CDN 3 from the peer" \
	log_has "down after [0-9]* s: user carol, address $ac, tunnel peer 192.0.2.1 (.*), result 3 (.*) by the peer"
check "log, LAC: carol down by us" \
	log_has "down after [0-9]* s: user carol, address $ac, tunnel peer 192.0.2.2 (.*), result 3 (.*) by us"

# --- a pool of one address ---------------------------------------------------
check "dial e1 (s1)" ppp_dial "$lac" e1 s1 pw auth chap redial off
check "e1 up" wait_eq 30000 up client_field "$lac" e1 state
check_eq "e1 got the pool's only address" 10.0.1.10 "$(client_session "$lac" e1 address)"
check_eq "pool one used 1" 1 "$(pool_used "$lns" one)"
e1sid=$(client_session "$lac" e1 local_id)
ups=$(n_up_events "$elns")
check "dial e2 (s2)" ppp_dial "$lac" e2 s2 pw auth chap redial off
check "e2 refused: client down" busywait 30000 client_went_down "$elac" e2
check_eq "e2 never up on the LNS" "$ups" "$(n_up_events "$elns")"
check "LNS: only e1's session" wait_eq 20000 1 n_sessions "$lns"
check_eq "LNS: s2 has no session" 0 "$(jq_in "$lns" '[.[] | select(.user == "s2")] | length' session show)"
check_eq "pool one still used 1" 1 "$(pool_used "$lns" one)"
check "LNS: one device" wait_eq 10000 1 n_l2tp_links "$lns"
check "LAC: one device" wait_eq 10000 1 n_l2tp_links "$lac"
check_eq "e1 undisturbed: still up" up "$(client_field "$lac" e1 state)"
check_eq "e1 undisturbed: same session" "$e1sid" "$(client_session "$lac" e1 local_id)"
check "e1 undisturbed: answers" ppp_ping "$lns" 10.0.1.10

check "e1 down" l2 "$lac" client down e1
check "pool one free again" wait_eq 20000 0 pool_used "$lns" one
check "e2 dials again" l2 "$lac" client up e2
check "e2 up now" wait_eq 30000 up client_field "$lac" e2 state
check_eq "e2 got the address" 10.0.1.10 "$(client_session "$lac" e2 address)"
check_eq "pool one used 1" 1 "$(pool_used "$lns" one)"
check "e2 answers" ppp_ping "$lns" 10.0.1.10
check "e2 down" l2 "$lac" client down e2
check "all gone, pools free" busywait 20000 ppp_all_gone

# --- max-sessions ------------------------------------------------------------
check "dial m1 (bob)" ppp_dial "$lac" m1 bob pw auth chap redial off
check "m1 up" wait_eq 30000 up client_field "$lac" m1 state
ups=$(n_up_events "$elns")
check "dial m2 (bob again)" ppp_dial "$lac" m2 bob pw auth chap redial off
check "m2 refused: client down" busywait 30000 client_went_down "$elac" m2
check_eq "m2 never up on the LNS" "$ups" "$(n_up_events "$elns")"
check "LNS: bob has one session" wait_eq 20000 1 lns_user_sessions bob
check "LNS: one session in all" wait_eq 20000 1 n_sessions "$lns"
check_eq "p1 used 1" 1 "$(pool_used "$lns" p1)"
check_eq "m1 still up" up "$(client_field "$lac" m1 state)"
check "m1 down" l2 "$lac" client down m1
check "all gone, pools free" busywait 20000 ppp_all_gone
check_eq "pools all free" "0 0 0" \
	"$(jq_in "$lns" '[.[] | .used] | map(tostring) | join(" ")' pool show)"
