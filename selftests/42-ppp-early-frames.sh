#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# PPP frames that arrive before the session's PPP has started are kept.
#
#   lac: client c1 192.0.2.1 ---veth--- 192.0.2.2 lns
#
# A LAC starts PPP when it sends ICCN, so its first LCP Configure-Request
# often reaches the LNS before the LNS has handled that ICCN. Dropping it
# costs a restart timer (1 s) per call. Five calls, one after the other:
# every call comes up with exactly one LCP Configure-Request from each end
# (counted on the LNS's veth), so none was lost and retransmitted, and no
# PPP frame was dropped on either end. `l2tpctl -j monitor -t` on the LAC
# stamps every event with its time; the log shows each call's steps.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/l2tp.sh"

CALLS=5
ppp_setup auth chap

out=$PWD/confreq.out
# LCP Configure-Requests on the LNS's veth, by source address
ip netns exec "$lns" python3 "$KL2TP_ROOT/selftests/tools/l2tp_watch.py" "$VETH2" \
	lcp-confreq >"$out" &
watcher=$!
defer sh -c "kill $watcher 2>/dev/null || true"
check "watcher ready" busywait 20000 grep -q ready "$out"

events=$KL2TP_OUT/$KL2TP_TEST-lac.events
ip netns exec "$lac" l2tpctl -j monitor -t >"$events" 2>&1 &
mon=$!
defer sh -c "kill $mon 2>/dev/null || true"
sleep 0.3
check "client c1" l2 "$lac" client add c1 lns $LNS_IP user alice password pw auth chap \
	redial off
for i in $(seq $CALLS); do
	check "call $i: up" l2 "$lac" client up c1
	check "call $i: client up" wait_eq 30000 up client_field "$lac" c1 state
	check "call $i: LNS session up" wait_eq 30000 1 n_sessions "$lns" up
	check_eq "call $i: client dropped no PPP frame" 0 \
		"$(client_session "$lac" c1 rx_drops)"
	check_eq "call $i: LNS dropped no PPP frame" 0 "$(session_field "$lns" rx_drops)"
	check "call $i: down" l2 "$lac" client down c1
	check "call $i: all gone" busywait 30000 ppp_all_gone
done
kill "$watcher" "$mon"
wait "$watcher" "$mon" || true
cat "$out"
n=$(jq -s 'length' "$events")
check "monitor -t: events seen" [ "$n" -gt $((CALLS * 4)) ]
check_eq "monitor -t: every event stamped" "$n" "$(jq -s '[.[] | select(.time |
	test("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\\.[0-9]{6}$"))] | length' "$events")"
log "LAC events:"
jq -r '"\(.time) \(.event) \(.state // "") \(.tunnel_id // "") \(.session_id // "")"' "$events"
check_eq "Configure-Requests from the LAC" $CALLS "$(awk -v a=$LAC_IP '$1 == a { print $2 }' "$out")"
check_eq "Configure-Requests from the LNS" $CALLS "$(awk -v a=$LNS_IP '$1 == a { print $2 }' "$out")"
