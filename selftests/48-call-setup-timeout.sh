#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The call setup deadline (module parameter call_setup_timeout, here 3 s):
# a call whose peer never answers it ends with a CDN at either end.
#
#   lac 192.0.2.1 ---veth--- 192.0.2.2 lns (kl2tp on 1701, a script on 1702)
#
# - a call that comes up is not touched: still up well past the deadline,
#   no call_timeouts at either end (the answer took it off the clock);
# - LNS: a scripted LAC (tools/l2tp_proxy_lac.py stall) gets its ICRP and
#   sends no ICCN: the LNS ends the call after 3 s with a CDN, Result Code
#   10; its session-down event says why, its tunnel counts one
#   call_timeouts and stays established;
# - LAC: two kl2tp clients dial a scripted LNS (tools/l2tp_stall_lns.py)
#   in one tunnel; it answers the first call's ICRQ only after 5 s: that
#   call ends at 3 s with no CDN (the LNS has not named its session yet),
#   its session-down event says why and its tunnel counted it; the late
#   ICRP gets a CDN to the session it names (Result Code 2, Error Code 5);
#   the second call, answered at once, stays.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/l2tp.sh"

tools=$KL2TP_ROOT/selftests/tools
ppp_setup auth chap
set_param call_setup_timeout 3
lns_ev=$KL2TP_OUT/$KL2TP_TEST-lns.events
lac_ev=$KL2TP_OUT/$KL2TP_TEST-lac.events
monitor_start "$lns" "$lns_ev"
monitor_start "$lac" "$lac_ev"

# session_down FILE: "RESULT/ERROR MESSAGE" of each session-down event
session_down() {
	jq -rs '.[] | select(.event == "session-down")
		| "\(.result_code)/\(.error_code) \(.message // "")"' "$1"
}

has_timeout_down() {
	session_down "$1" | grep -qx '10/0 call setup timed out'
}

# timeouts NS FILTER: call_timeouts of the tunnels of NS matching FILTER
timeouts() {
	jq_in "$1" "[.[] | select($2) | .call_timeouts] | add" -s tunnel show
}

check "a call comes up" ppp_dial "$lac" good alice pw
check "... up" wait_eq 15000 up client_field "$lac" good state
sleep 5
check_eq "still up after the deadline (LAC)" up "$(client_session "$lac" good state)"
check_eq "still up after the deadline (LNS)" up "$(session_field "$lns" state)"
check_eq "no call_timeouts (LAC)" 0 "$(timeouts "$lac" true)"
check_eq "no call_timeouts (LNS)" 0 "$(timeouts "$lns" true)"

check "LAC that sends no ICCN: CDN, Result Code 10" \
	ip netns exec "$lac" python3 "$tools/l2tp_proxy_lac.py" $LNS_IP 1701 stall
check "LNS session-down says why" busywait 5000 has_timeout_down "$lns_ev"
check_eq "LNS: one session-down only" 1 "$(session_down "$lns_ev" | wc -l)"
check_eq "LNS: the tunnel counted it" 1 \
	"$(timeouts "$lns" '.remote_name == "proxylac"')"
check_eq "LNS: the tunnel stays" established \
	"$(jq_in "$lns" '.[] | select(.remote_name == "proxylac") | .state' tunnel show)"
check_eq "LNS: the good call is still up" 1 "$(n_sessions "$lns" up)"

ip netns exec "$lns" python3 "$tools/l2tp_stall_lns.py" $LNS_IP 1702 20 5 \
	>"$KL2TP_OUT/$KL2TP_TEST-stall-lns.out" 2>&1 &
stall_pid=$!
defer sh -c "kill $stall_pid 2>/dev/null || true"
sleep 0.5
# one l2tpctl: both calls wait for the tunnel and their ICRQs leave
# together, stalled's first (two commands could be seconds apart on the
# debug kernel, and the first call's deadline would close the tunnel)
for c in stalled second; do
	echo "client add $c lns $LNS_IP:1702 user alice password pw redial off"
	echo "client up $c"
done >"$KL2TP_OUT/$KL2TP_TEST-calls.conf"
check "clients stalled and second dial the script (one tunnel)" \
	ip netns exec "$lac" l2tpctl -f "$KL2TP_OUT/$KL2TP_TEST-calls.conf"
check "the LNS script saw what it expects" wait "$stall_pid"
cat "$KL2TP_OUT/$KL2TP_TEST-stall-lns.out"
check "LAC session-down says why" busywait 5000 has_timeout_down "$lac_ev"
check_eq "LAC: one session-down only" 1 "$(session_down "$lac_ev" | wc -l)"
check "stalled went down" busywait 5000 client_went_down "$lac_ev" stalled
check_eq "LAC: its tunnel counted it" 1 "$(timeouts "$lac" '.remote_name == "stall-lns"')"
check_eq "LAC: second's call stays" dialing "$(client_field "$lac" second state)"
check_eq "LAC: the good call is still up" up "$(client_session "$lac" good state)"

check "client del good" l2 "$lac" client del good
for c in stalled second; do
	check "client del $c" l2 "$lac" client del $c
done
check "LNS: reset the scripted LAC's tunnel" l2 "$lns" tunnel reset \
	"$(jq_in "$lns" '.[] | select(.remote_name == "proxylac") | .local_id' tunnel show)"
check "both ends clean" busywait 20000 all_clean "$lac" "$lns"
