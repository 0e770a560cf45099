#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# pool, user, peer, lns and client set: objects changed in place while their tunnels and
# sessions are up.
#
#   lac 192.0.2.1 ---veth--- 192.0.2.2 lns: peer "lac" (by address), pools
#   p1 and p2, user alice (pool p1), listener main (auth pap)
#
# - peer set: a new secret, hello and hidden on the peer of a live tunnel:
#   the tunnel and its call stay up (no down event); show has the new
#   values; a new tunnel without the secret is refused, one with it comes
#   up with hidden AVPs; hidden without a secret is refused and changes
#   nothing; an unknown peer says "no such peer";
# - user set: a new password and pool for a user with a live session: the
#   session keeps its address; the old password is refused from then on,
#   the new one is taken and leased from the new pool; routes set and
#   removed (route none); a static address replaces the pool, and the pool
#   it no longer names can go once its last lease did; an unknown pool
#   changes nothing; an unknown user says "no such user";
# - lns set: hostname, device pattern, peer list, mss-clamp, max-sessions
#   with the call up: it stays up on its device; a new tunnel and call get
#   the new hostname and pattern; a full listener refuses the next call;
#   another listen address, an unknown peer or pool are refused and change
#   nothing; peers any drops the list;
# - client set: password, LNS list, hostname, redial, MTU with the call up:
#   it stays up; after a hang-up the next dial uses the new values (the bad
#   password is refused, the right one comes up on the new list's first
#   LNS with the new MTU and hostname); hidden without a secret and an
#   unknown client are refused;
# - pool set: a range that leaves out a leased address or overlaps another
#   pool is refused; one that keeps it (with a new DNS server) hands out
#   the other address only, with the new DNS (the old call keeps its
#   own); the LNS's own address kept back in a range carries over or
#   drops out with it; every lease goes back to the changed pool;
# - both ends clean after the clients go.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/l2tp.sh"

ppp_setup auth pap
check "pool p2" l2 "$lns" pool add p2 range 10.0.1.100-10.0.1.199
check "peer lac" l2 "$lns" peer add lac address $LAC_IP hello 60
mlns=$KL2TP_OUT/$KL2TP_TEST-lns.events
mlac=$KL2TP_OUT/$KL2TP_TEST-lac.events
monitor_start "$lns" "$mlns"
monitor_start "$lac" "$mlac"

# downs FILE TID: tunnel-down and session-down events of tunnel TID in a
# monitor FILE
downs() {
	jq -s "[.[] | select((.event == \"tunnel-down\" or .event == \"session-down\")
		and .tunnel_id == $2)] | length" "$1"
}
# peer_field NAME KEY / user_field NAME KEY: a key of `OBJ show NAME`
peer_field() {
	jq_in "$lns" ".[0].$2 | tostring" peer show "$1"
}
user_field() {
	jq_in "$lns" ".[0].$2 | $_join" user show "$1"
}
# refused NAME: client NAME dialled once (redial off) and went down
refused() {
	client_went_down "$mlac" "$1" && [ "$(client_field "$lac" "$1" state)" = down ]
}

check "c1 (alice) dials" ppp_dial "$lac" c1 alice pw auth pap redial off tunnel own
check "c1 up" wait_eq 30000 up client_field "$lac" c1 state
tid=$(jq_in "$lns" '.[0].local_id' tunnel show)
ltid=$(jq_in "$lac" '.[0].tunnel_id' client show c1)
addr1=$(client_session "$lac" c1 address)
check "c1's address from p1" grep -q '^10\.0\.0\.1[0-9][0-9]$' <<<"$addr1"
check_eq "the LNS's tunnel is peer lac's" lac "$(jq_in "$lns" '.[0].peer' tunnel show)"

# --- peer set -------------------------------------------------------------
check "peer set: secret, hello, hidden" \
	l2 "$lns" peer set lac secret s3cret hello 20 hidden on
check_eq "peer show: the new values" "20 true set" \
	"$(peer_field lac hello) $(peer_field lac hidden) $(peer_field lac secret)"
check_eq "peer show: the address kept" 192.0.2.1/32 "$(peer_field lac address)"
check "the peer does not change its live tunnel's call" ppp_ping "$lac" $PPP_LOCAL -I "$addr1"
check_eq "... same tunnel" "1 $tid" "$(n_tunnels "$lns") $(jq_in "$lns" '.[0].local_id' tunnel show)"
check_eq "... no tunnel or session went down" "0 0" "$(downs "$mlns" "$tid") $(downs "$mlac" "$ltid")"

check "c2 without the secret dials" ppp_dial "$lac" c2 alice pw auth pap redial off tunnel own
check "c2 refused (the peer has a secret now)" busywait 20000 refused c2
check "c3 with the secret dials" ppp_dial "$lac" c3 alice pw auth pap redial off tunnel own \
	secret s3cret hidden on
check "c3 up" wait_eq 30000 up client_field "$lac" c3 state
t3=$(jq_in "$lac" '.[0].tunnel_id' client show c3)
check "c3's tunnel took hidden AVPs from the LNS" test \
	"$(jq_in "$lac" ".[] | select(.local_id == $t3) | .ctrl_hidden_rx" -s tunnel show)" -gt 0
check "c2, c3 del" sh -c "ip netns exec $lac l2tpctl client del c2 &&
	ip netns exec $lac l2tpctl client del c3"

check "peer np" l2 "$lns" peer add np address 192.0.2.99
err=$(l2 "$lns" peer set np hidden on 2>&1 || true)
check "peer set hidden without a secret: refused" grep -q "hidden AVPs need a secret" <<<"$err"
check_eq "... and nothing changed" false "$(peer_field np hidden)"
err=$(l2 "$lns" peer set nosuch hello 5 2>&1 || true)
check "peer set of an unknown peer: no such peer" grep -q "no such peer" <<<"$err"
check "peer del np" l2 "$lns" peer del np

# --- user set ---------------------------------------------------------------
check "user set: password, pool" l2 "$lns" user set alice password pw2 pool p2
check_eq "user show: pool p2" p2 "$(user_field alice pool)"
check_eq "c1 keeps its address" "$addr1" "$(client_session "$lac" c1 address)"
check "... and its session works" ppp_ping "$lac" $PPP_LOCAL -I "$addr1"
check_eq "... no session went down" "0 0" "$(downs "$mlns" "$tid") $(downs "$mlac" "$ltid")"
check_fail "p2 named by a user: cannot go" l2 "$lns" pool del p2

# (c4 and c5 share a tunnel, which the peer's secret is now asked for)
check "c4 with the old password dials" ppp_dial "$lac" c4 alice pw auth pap redial off \
	secret s3cret
check "c4 refused" busywait 30000 refused c4
check "c5 with the new password dials" ppp_dial "$lac" c5 alice pw2 auth pap redial off \
	secret s3cret
check "c5 up" wait_eq 30000 up client_field "$lac" c5 state
check "c5's address from p2" grep -q '^10\.0\.1\.1[0-9][0-9]$' \
	<<<"$(client_session "$lac" c5 address)"

check "user set: routes" l2 "$lns" user set alice route 10.9.0.0/24,10.9.1.0/24
check_eq "user show: the routes" "10.9.0.0/24 10.9.1.0/24" "$(user_field alice routes)"
check "user set: route none" l2 "$lns" user set alice route none
check_eq "user show: no routes" "" "$(user_field alice routes)"

check "user set: a static address" l2 "$lns" user set alice address 10.0.2.5 max-sessions 4
check_eq "user show: the address, no pool, max-sessions" "10.0.2.5  4" \
	"$(user_field alice address) $(user_field alice pool) $(user_field alice max_sessions)"
err=$(l2 "$lns" user set alice pool nope 2>&1 || true)
check "user set with an unknown pool: no such pool" grep -q "no such pool" <<<"$err"
check_eq "... and nothing changed" "10.0.2.5 " "$(user_field alice address) $(user_field alice pool)"
err=$(l2 "$lns" user set nobody max-sessions 1 2>&1 || true)
check "user set of an unknown user: no such user" grep -q "no such user" <<<"$err"
check_fail "p2 still has c5's address: cannot go" l2 "$lns" pool del p2
check "c4, c5 del" sh -c "ip netns exec $lac l2tpctl client del c4 &&
	ip netns exec $lac l2tpctl client del c5"
check "p2, named by nobody and free, can go" busywait 20000 l2 "$lns" pool del p2
check_eq "c1 still up" up "$(client_field "$lac" c1 state)"

# --- lns set -----------------------------------------------------------------
check "user set: back to pool p1 (c1 holds a session)" l2 "$lns" user set alice pool p1
check "lns set: hostname, ifname, peers, mss-clamp" \
	l2 "$lns" lns set main hostname lns-b ifname lx%d peers lac mss-clamp on
check_eq "lns show: the new values" "lns-b lx%d lac true" \
	"$(jq_in "$lns" '.[0] | "\(.hostname) \(.ifname) \(.peers | join(",")) \(.mss_clamp)"' \
		lns show main)"
check "c6 dials (own tunnel)" ppp_dial "$lac" c6 alice pw2 auth pap redial off tunnel own \
	secret s3cret
check "c6 up" wait_eq 30000 up client_field "$lac" c6 state
t6=$(jq_in "$lac" '.[0].tunnel_id' client show c6)
check_eq "c6's tunnel: the LNS's new hostname" lns-b \
	"$(jq_in "$lac" ".[] | select(.local_id == $t6) | .remote_name" tunnel show)"
check_eq "c6's session on the LNS: the new device pattern" lx0 \
	"$(session_field "$lns" ifname '.user == "alice" and (.ifname | startswith("lx"))')"
check_eq "c1's device kept its name" 1 \
	"$(jq_in "$lns" '[.[] | select(.ifname | startswith("l2tp"))] | length' session show)"
check "lns set: max-sessions 2 (both in use)" l2 "$lns" lns set main max-sessions 2
check "c7 dials" ppp_dial "$lac" c7 alice pw2 auth pap redial off secret s3cret
check "c7 refused (the listener is full)" busywait 30000 refused c7
err=$(l2 "$lns" lns set main listen $LNS_IP:1702 2>&1 || true)
check "lns set of another listen address: refused" grep -q "cannot change" <<<"$err"
check "lns set of the same listen address" l2 "$lns" lns set main listen $LNS_IP max-sessions 0
err=$(l2 "$lns" lns set main peers nosuch 2>&1 || true)
check "lns set with an unknown peer: refused" grep -q "unknown peer" <<<"$err"
err=$(l2 "$lns" lns set main pool nope hostname lns-c 2>&1 || true)
check "lns set with an unknown pool: refused" grep -q "no such pool" <<<"$err"
check_eq "... and nothing changed" "lns-b lac 0" \
	"$(jq_in "$lns" '.[0] | "\(.hostname) \(.peers | join(",")) \(.max_sessions)"' lns show main)"
check "lns set: peers any" l2 "$lns" lns set main peers any
check_eq "lns show: no peer list" any "$(jq_in "$lns" '.[0].peers' lns show main)"
check_eq "c1 up through all of it" "up 0 0" \
	"$(client_field "$lac" c1 state) $(downs "$mlns" "$tid") $(downs "$mlac" "$ltid")"
check "c6, c7 del" sh -c "ip netns exec $lac l2tpctl client del c6 &&
	ip netns exec $lac l2tpctl client del c7"

# --- client set ---------------------------------------------------------------
check "client set: password, lns list, hostname, redial" l2 "$lac" client set c1 \
	password bad lns $LNS_IP,192.0.2.9 hostname lac-b redial off mtu 1400
check_eq "client show: the new values" "$LNS_IP:1701 192.0.2.9:1701 lac-b false 1400" \
	"$(client_field "$lac" c1 lns_list) $(client_field "$lac" c1 hostname) \
$(jq_in "$lac" '.[0] | "\(.redial) \(.mtu)"' client show c1)"
check_eq "c1's call stays up" "up 0 0" \
	"$(client_field "$lac" c1 state) $(downs "$mlns" "$tid") $(downs "$mlac" "$ltid")"
check "... and works" ppp_ping "$lac" $PPP_LOCAL -I "$addr1"
err=$(l2 "$lac" client set c1 hidden on 2>&1 || true)
check "client set hidden without a secret: refused" grep -q "hidden AVPs need a secret" <<<"$err"
err=$(l2 "$lac" client set nosuch redial on 2>&1 || true)
check "client set of an unknown client: no such client" grep -q "no such client" <<<"$err"
check "c1 down" l2 "$lac" client down c1
check "c1 went down" busywait 20000 client_went_down "$mlac" c1
check "c1 up again: the new password is refused" l2 "$lac" client up c1
check "... (it went down again)" busywait 30000 client_went_down "$mlac" c1 2
check "client set: the right password and the secret" \
	l2 "$lac" client set c1 password pw2 secret s3cret
check "c1 up again" l2 "$lac" client up c1
check "... comes up" wait_eq 30000 up client_field "$lac" c1 state
check_eq "... with the new MTU" 1400 \
	"$(ip -n "$lac" -j link show dev "$(client_session "$lac" c1 ifname)" | jq '.[0].mtu')"
check_eq "... on the first LNS of the new list" 0 "$(client_field "$lac" c1 lns_current)"
t1=$(jq_in "$lac" '.[0].tunnel_id' client show c1)
check_eq "... its new tunnel has the new hostname" lac-b \
	"$(jq_in "$lns" ".[] | select(.remote_id == $t1) | .remote_name" tunnel show)"

# --- pool set -----------------------------------------------------------------
# (c1 holds an address of p1; the LNS's own, 10.0.0.1, is outside it)
a=$(client_session "$lac" c1 address)
x=${a##*.}
err=$(l2 "$lns" pool set p1 range 10.0.0.$((x + 1))-10.0.0.199 2>&1 || true)
check "pool set leaving out an address in use: refused" grep -q "would fall outside" <<<"$err"
check_eq "... and nothing changed" 10.0.0.100-10.0.0.199 "$(jq_in "$lns" '.[0].range' pool show p1)"
check "pool set: a range of c1's address and one more, a DNS server" \
	l2 "$lns" pool set p1 range "$a-10.0.0.$((x + 1))" dns 10.0.0.55
check_eq "pool show: range, dns, size, used" "$a-10.0.0.$((x + 1)) 10.0.0.55 2 1" \
	"$(jq_in "$lns" '.[0] | "\(.range) \(.dns | join(" ")) \(.size) \(.used)"' pool show p1)"
check "c8 dials" ppp_dial "$lac" c8 alice pw2 auth pap redial off secret s3cret
check "c8 up" wait_eq 30000 up client_field "$lac" c8 state
check_eq "c8: the other address (c1's is still taken), the new DNS" "10.0.0.$((x + 1)) 10.0.0.55" \
	"$(client_session "$lac" c8 address) $(client_session "$lac" c8 dns)"
check_eq "c1 keeps its DNS servers" "$PPP_DNS" "$(client_session "$lac" c1 dns)"
check "pool p3" l2 "$lns" pool add p3 range 10.0.3.1-10.0.3.9
err=$(l2 "$lns" pool set p3 range "$a-10.0.3.9" 2>&1 || true)
check "pool set overlapping another pool: refused" grep -q "overlaps" <<<"$err"
check "c1, c8 del" sh -c "ip netns exec $lac l2tpctl client del c1 &&
	ip netns exec $lac l2tpctl client del c8"
check "p1 all free" wait_eq 20000 0 pool_used "$lns" p1

check "pool set: a range with the LNS's address" l2 "$lns" pool set p1 range 10.0.0.1-10.0.0.2
check "c9 dials" ppp_dial "$lac" c9 alice pw2 auth pap redial off secret s3cret
check "c9 up" wait_eq 30000 up client_field "$lac" c9 state
check_eq "c9: 10.0.0.2 (the LNS's kept back)" 10.0.0.2 "$(client_session "$lac" c9 address)"
check "pool set: the LNS's address out, c9's in" l2 "$lns" pool set p1 range 10.0.0.2-10.0.0.3
check "c10 dials" ppp_dial "$lac" c10 alice pw2 auth pap redial off secret s3cret
check "c10 up" wait_eq 30000 up client_field "$lac" c10 state
check_eq "c10: 10.0.0.3" 10.0.0.3 "$(client_session "$lac" c10 address)"
err=$(l2 "$lns" pool set p1 range 10.0.0.3-10.0.0.9 2>&1 || true)
check "pool set leaving out c9's address: refused" grep -q "would fall outside" <<<"$err"
check "c9, c10 del" sh -c "ip netns exec $lac l2tpctl client del c9 &&
	ip netns exec $lac l2tpctl client del c10"
check "both ends clean" busywait 30000 ppp_all_gone
