#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# LCP echo: a silent peer is noticed, and the client redials.
#
#   lac: client c1 (redial on) 192.0.2.1 ---veth (netem)--- 192.0.2.2 lns
#   both ends: lcp-echo 1 3
#
# - the session is up and carries pings;
# - everything the LAC sends is dropped (netem loss 100% on its veth): the
#   LNS's LCP echoes go unanswered, and it tears the session down itself;
#   the LAC's session goes too; no device is left on either end;
# - the link comes back (netem removed): the client redials by itself and
#   the session is up again, pings pass.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/l2tp.sh"

require_module sch_netem
ppp_setup auth chap lcp-echo 1 3
elns=$KL2TP_OUT/$KL2TP_TEST-lns.events
monitor_start "$lns" "$elns"
check "dial, redial on, lcp-echo 1 3" ppp_dial "$lac" c1 alice pw auth chap redial on lcp-echo 1 3
check "client up" wait_eq 30000 up client_field "$lac" c1 state
check "LNS session up" wait_eq 30000 1 n_sessions "$lns" up
check "ping through the session" ppp_ping "$lac" $PPP_LOCAL
sleep 4
check_eq "idle session kept up by LCP echo" "up up" \
	"$(client_field "$lac" c1 state) $(session_field "$lns" state)"
lns_sid=$(session_field "$lns" local_id)

# no_session_up NS: no session up and no l2tp device in NS.
no_session_up() {
	[ "$(n_sessions "$1" up)" = 0 ] && [ "$(n_l2tp_links "$1")" = 0 ]
}

check "silence the LAC (netem loss 100%)" tc -n "$lac" qdisc add dev "$VETH1" root netem loss 100%
t0=$(_now_ms)
check "LNS tears the session down (LCP echo)" busywait 15000 no_session_up "$lns"
log "LNS: session down after $(($(_now_ms) - t0)) ms"
check "LAC's session goes too" busywait 15000 no_session_up "$lac"
log "LAC: session down after $(($(_now_ms) - t0)) ms"
check "client no longer up" wait_eq 5000 1 sh -c \
	"ip netns exec $lac l2tpctl -j client show c1 | jq '[.[] | select(.state != \"up\")] | length'"
check_eq "LNS ended it itself" "local" \
	"$(jq -rs "[.[] | select(.event == \"session-down\" and .session_id == ${lns_sid:-0})][0].by" "$elns")"

check "the link comes back" tc -n "$lac" qdisc del dev "$VETH1" root
t0=$(_now_ms)
check "client redials by itself" wait_eq 90000 up client_field "$lac" c1 state
log "client up again after $(($(_now_ms) - t0)) ms"
check "LNS session up again" wait_eq 30000 1 n_sessions "$lns" up
check_eq "one device on each end" "1 1" "$(n_l2tp_links "$lac") $(n_l2tp_links "$lns")"
check "pings pass again" ppp_ping "$lac" $PPP_LOCAL
check "LNS pings the client again" ppp_ping "$lns" "$(client_session "$lac" c1 address)"
check_eq "pool used 1" 1 "$(pool_used "$lns" p1)"

check "client down" l2 "$lac" client down c1
check "all gone" busywait 30000 ppp_all_gone
