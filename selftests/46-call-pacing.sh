#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Call pacing: a LAC tunnel sets up at most call_starting_max calls at
# once; the others wait as ICRQs for a slot.
#
#   lac: 24 clients, one tunnel   192.0.2.1 ---veth--- 192.0.2.2   lns
#
# - with call_starting_max 4, 24 calls brought up at once all come up, and
#   the LAC's events never show more than 4 calls being set up (ICCN done
#   or PPP running) at once;
# - with 0 (no limit) they all come up too, and more than 4 at a time;
# - with 1, a client deleted while its ICRQ waits never reaches the LNS.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/l2tp.sh"

N=24
ppp_setup auth chap
l2 "$lns" user add bob password b0b

# max_starting FILE: the most calls of the LAC that were set up at once
# (from established or a PPP phase to up or down), from its events in FILE.
# (A call is "wait-reply" from the moment its ICRQ is queued, sent or not.)
max_starting() {
	jq -rs '
		reduce (.[] | select(.event == "session-state" or .event == "session-down")) as $e
			({cur: 0, max: 0, s: {}};
			 ($e.session_id | tostring) as $k |
			 if $e.event == "session-state" and .s[$k] == null and
			    ($e.state | IN("established", "ppp-lcp", "ppp-auth", "ppp-network")) then
				.s[$k] = true | .cur += 1
			 elif .s[$k] and ($e.event == "session-down" or $e.state == "up") then
				.s[$k] = false | .cur -= 1
			 else . end | .max = ([.max, .cur] | max))
		| .max' "$1"
}

# run TAG MAX: N calls from one file with call_starting_max MAX
run() {
	local tag=$1 max=$2 ev=$KL2TP_OUT/$KL2TP_TEST-$1.events i
	set_param call_starting_max "$max"
	for i in $(seq $N); do
		echo "client add $tag$i lns $LNS_IP user bob password b0b auth chap redial off"
	done >"$KL2TP_OUT/$tag.conf"
	for i in $(seq $N); do echo "client up $tag$i"; done >>"$KL2TP_OUT/$tag.conf"
	monitor_start "$lac" "$ev"
	check "$tag: $N clients up at once" l2 "$lac" -f "$KL2TP_OUT/$tag.conf"
	check "$tag: all $N calls up" wait_eq 60000 $N n_sessions "$lns" up
	check_eq "$tag: one tunnel" 1 "$(n_tunnels "$lac")"
	sleep 0.5	# the last events
	starting=$(max_starting "$ev")
	if [ "$max" = 0 ]; then
		check "$tag: no limit: $starting calls were starting at once (more than 4)" \
			test "${starting:-0}" -gt 4
	else
		check "$tag: at most $max calls starting at once (saw $starting)" \
			test "${starting:-99}" -le "$max" -a "${starting:-0}" -ge 1
	fi
	for i in $(seq $N); do
		l2 "$lac" client del "$tag$i" || fail "client del $tag$i"
	done
	check "$tag: all gone" busywait 30000 ppp_all_gone
}

run paced 4
run free 0

# --- a call deleted while its ICRQ waits -----------------------------------------
set_param call_starting_max 1
for i in 1 2 3 4; do
	echo "client add q$i lns $LNS_IP user bob password b0b auth chap redial off"
done >"$KL2TP_OUT/q.conf"
for i in 1 2 3 4; do echo "client up q$i"; done >>"$KL2TP_OUT/q.conf"
check "limit 1: 4 clients up at once" l2 "$lac" -f "$KL2TP_OUT/q.conf"
check "q3 deleted while it waits" l2 "$lac" client del q3
check "the other 3 calls up" wait_eq 60000 3 n_sessions "$lns" up
sleep 1
check_eq "LNS: 3 sessions, none for q3" 3 "$(n_sessions "$lns")"
check_eq "LAC: 3 sessions" 3 "$(n_sessions "$lac")"
check_eq "LAC: no control errors (no answer to a forgotten ICRQ)" 0 \
	"$(jq_in "$lac" '[.[].ctrl_errors] | add' -s tunnel show)"
for i in 1 2 4; do
	check "q$i del" l2 "$lac" client del q$i
done
check "all gone" busywait 30000 ppp_all_gone
