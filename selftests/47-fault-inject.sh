#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Allocation failures: kl2tp's own fault attribute (/sys/kernel/debug/kl2tp/
# fail, on kernels with CONFIG_FAULT_INJECTION_DEBUG_FS: the debug kernel)
# fails the module's allocations, and only those.
#
#   lac: clients c1..c100 192.0.2.1 ---veth--- 192.0.2.2 lns: pool, user,
#                                                   peer, listener "main"
#
# 1. Commands, systematically: for each add command (pool, user, peer,
#    lns, client) and `client up`, the Nth allocation the command makes in
#    its own process (task-filter: the work items it starts are not
#    counted) fails, for N = 1, 2, ... until the command needs fewer than
#    N. Each such failure refuses the command with ENOMEM and leaves no
#    object; each allocation that fails fails the command.
# 2. Calls: 100 clients (10 tunnels, redial on) are added and dial; then
#    3% of the module's allocations fail in every context (tunnel, session
#    and PPP work, devices, routes, events, both ends) while the LAC's
#    tunnels are reset three times and the calls set up again. Every call
#    or tunnel that ended says why (a result code, or a message); when the
#    failures stop all 100 come up (clients in their redial backoff are
#    dialed again by down + up), the LNS has exactly 100 sessions (a call
#    whose ICCN and then CDN the LAC could not allocate is ended by the
#    setup deadline, call_setup_timeout 10 s here) and traffic flows.
# 3. Teardown with 3% failing again: every client deleted, the listener
#    deleted; once the failures stop both namespaces are clean, with no
#    device, socket or lease left, and (the harness) the module unloads
#    with no kmemleak, KASAN or lockdep report.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/l2tp.sh"

mountpoint -q /sys/kernel/debug || mount -t debugfs none /sys/kernel/debug
# fault injection in debugfs is a kernel build option (failslab and the
# others appear there with it); without it there is nothing to test
F=/sys/kernel/debug/kl2tp/fail
if ! compgen -G '/sys/kernel/debug/fail_*' >/dev/null &&
   [ ! -d /sys/kernel/debug/failslab ]; then
	require_file $F "fault injection (CONFIG_FAULT_INJECTION_DEBUG_FS)"
fi
[ -d $F ] || fail "the kernel has fault injection in debugfs but kl2tp has no $F"

N_CLIENTS=100
BIG=1000000
TOOL="python3 $KL2TP_ROOT/selftests/tools/kl2tp_bench.py"

# arm PROBABILITY TIMES SPACE [TASK-FILTER]: PROBABILITY % of the module's
# allocations fail, at most TIMES of them, from the SPACEth on; with
# TASK-FILTER Y only in processes marked by make-it-fail (l2_marked).
arm() {
	echo 0 >$F/probability
	echo 0 >$F/verbose
	echo 1 >$F/interval
	echo "${4:-N}" >$F/task-filter
	echo "$2" >$F/times
	echo "$3" >$F/space
	echo "$1" >$F/probability
}
disarm() {
	echo 0 >$F/probability
	echo 0 >$F/times
}
defer disarm
# l2_marked NS ARGS...: l2tpctl in a process marked to fail (inherited)
l2_marked() {
	sh -c 'echo 1 >/proc/self/make-it-fail && exec ip netns exec "$@"' - "$1" l2tpctl "${@:2}"
}
# injected BEFORE: failures since arm ... BEFORE.
injected() {
	echo $(($1 - $(cat $F/times)))
}

lns_lac_setup
fast_timers

# --- 1. commands --------------------------------------------------------------
# nth_all NS WHAT OBJECT FILTER -- CMD...: CMD with its Nth allocation
# failing, N = 1, 2, ..., counting the OBJECTs (`OBJECT show`) that FILTER
# (jq) selects each time.
nth_all() {
	local ns=$1 what=$2 obj=$3 filter=$4 n out rc left before after
	shift 5
	before=$(jq_in "$ns" "[.[] | select($filter)] | length" "$obj" show)
	for n in $(seq 1 30); do
		arm 100 1 "$n" Y
		rc=0
		out=$(l2_marked "$ns" "$@" 2>&1) || rc=$?
		left=$(cat $F/times)
		disarm
		# an add that failed and left its object makes the next one
		# fail with EEXIST, not ENOMEM: count only where that cannot show
		after=$before
		[ "$rc" = 0 ] || [ "$filter" = true ] ||
			after=$(jq_in "$ns" "[.[] | select($filter)] | length" "$obj" show)
		if [ "$rc" = 0 ]; then
			after=$(jq_in "$ns" "[.[] | select($filter)] | length" "$obj" show)
			check_eq "$what: succeeds once it needs fewer than $n allocations" 1 "$left"
			check_eq "$what: done" $((before + 1)) "$after"
			# the first is the reply to l2tpctl's version check
			check "$what: the command's own allocations failed too" test "$n" -gt 2
			log "$what: $((n - 1)) allocations, each failure refused"
			return
		fi
		if [ "$left" != 0 ] || ! echo "$out" | grep -q 'Cannot allocate memory' ||
		   [ "$after" != "$before" ]; then
			check_eq "$what, allocation $n failing: ENOMEM, nothing done" \
				"0 ENOMEM $before" "$left $out $after"
			return
		fi
	done
	check_eq "$what: succeeds within 30 allocations" yes no
}

nth_all "$lns" "pool add" pool true -- pool add p1 range $PPP_POOL dns $PPP_DNS
nth_all "$lns" "user add" user true -- user add alice password pw
nth_all "$lns" "peer add" peer true -- peer add lac address $LAC_IP
nth_all "$lns" "lns add" lns true -- \
	lns add main listen $LNS_IP local-ip $PPP_LOCAL pool p1 lcp-echo 1 3
nth_all "$lac" "client add" client true -- \
	client add c0 lns $LNS_IP user alice password pw
# the namespace's first tunnel: its socket and the call start here
nth_all "$lac" "client up" client '.state != "down"' -- client up c0
check "c0's call up" busywait 30000 _out_is up client_field "$lac" c0 state
check "c0 down" l2 "$lac" client down c0
check "c0 deleted" l2 "$lac" client del c0
check "c0's call gone" busywait 30000 all_clean "$lac" "$lns"

# --- 2. calls ----------------------------------------------------------------
set_param call_setup_timeout 10
monitor_start "$lac" "$KL2TP_OUT/$KL2TP_TEST-lac.events"
monitor_start "$lns" "$KL2TP_OUT/$KL2TP_TEST-lns.events"
for i in $(seq 1 $N_CLIENTS); do
	echo "client add c$i lns $LNS_IP user alice password pw hostname h$((i % 10))"
	echo "client up c$i"
done >calls.conf
check "100 clients added and dialing" ip netns exec "$lac" l2tpctl -f calls.conf
check "100 calls up" busywait 120000 _out_is $N_CLIENTS \
	jq_in "$lac" '[.[] | select(.state == "up")] | length' client show
resets=()
arm 3 $BIG 0
for round in 1 2 3; do
	r=$(ip netns exec "$lac" $TOOL reset 2>&1) || r="failed: $r"
	log "round $round: $r"
	resets+=("$r")
	sleep 6
done
n=$(injected $BIG)
disarm
log "calls: $n allocations failed"
check "allocations failed during the calls" test "$n" -gt 0
log "LAC clients: $(jq_in "$lac" '[.[].state] | group_by(.) | map("\(.[0]) \(length)") | join(", ")' client show)"
check_eq "three rounds of resets done" 3 "$(printf '%s\n' "${resets[@]}" | grep -c '^reset=')"
# events: one JSON object per line (a line that is not is skipped)
evq() {
	jq -rnR "[inputs | fromjson? | select(type == \"object\")] | $1" "$2"
}
for ev in lac lns; do
	f=$KL2TP_OUT/$KL2TP_TEST-$ev.events
	log "$ev: calls ended (result/error by side): $(evq '[.[] | select(.event == "session-down")
		| "\(.result_code)/\(.error_code) \(.by)"] | group_by(.) | map("\(.[0]) x\(length)")
		| join(", ")' "$f")"
	log "$ev: tunnels ended: $(evq '[.[] | select(.event == "tunnel-down")
		| "\(.result_code)/\(.error_code) \(.by) \(.message // "")"] | group_by(.)
		| map("\(.[0]) x\(length)") | join(", ")' "$f")"
	check_eq "$ev: every call or tunnel that ended says why" 0 \
		"$(evq '[.[] | select(.event == "session-down" or .event == "tunnel-down")
			| select(.result_code == null and .message == null)] | length' "$f")"
done
# the resets' events are there (some events may be lost to the failures)
check "LAC: the resets' tunnel-down events (>= 20 of 30)" test \
	"$(evq '[.[] | select(.event == "tunnel-down" and .message == "reset by operator")]
		| length' "$KL2TP_OUT/$KL2TP_TEST-lac.events")" -ge 20

# clients backing off are dialed now
jq_in "$lac" '.[] | select(.state != "up") | .name' client show >redial.list
log "redialing $(wc -l <redial.list) clients: $(jq_in "$lac" '[.[] | select(.state != "up")
	| .state] | group_by(.) | map("\(.[0]) \(length)") | join(", ")' client show)"
while read -r c; do
	l2 "$lac" client down "$c" && l2 "$lac" client up "$c" || log "redial $c failed"
done <redial.list
check "all 100 clients up" busywait 120000 _out_is $N_CLIENTS \
	jq_in "$lac" '[.[] | select(.state == "up")] | length' client show
check "LNS: 100 sessions up" busywait 30000 _out_is $N_CLIENTS \
	jq_in "$lns" '[.[] | select(.state == "up")] | length' session show
log "LNS sessions not up: $(jq_in "$lns" '[.[] | select(.state != "up") | .state] | join(" ")' \
	session show)"
log "LNS call_timeouts: $(jq_in "$lns" '[.[].call_timeouts] | add' -s tunnel show)"
check "LNS: exactly 100 sessions (none left waiting for its ICCN)" \
	busywait 60000 _out_is $N_CLIENTS n_sessions "$lns"
for c in c1 c50 c100; do
	dev=$(client_session "$lac" "$c" ifname)
	check "ping through $c's session ($dev)" ppp_ping "$lac" $PPP_LOCAL -I "$dev"
done

# --- 3. teardown -------------------------------------------------------------
arm 3 $BIG 0
rc=0
r=$(ip netns exec "$lac" $TOOL delclients 2>&1) || rc=$?
for i in $(seq 1 20); do
	l2 "$lns" lns del main 2>/dev/null && break
done
n=$(injected $BIG)
disarm
log "teardown: $n allocations failed"
check_eq "clients deleted ($r)" 0 "$rc"
check_eq "the listener deleted" 0 "$(jq_in "$lns" length lns show)"
check "allocations failed during the teardown" test "$n" -gt 0
check_eq "no client left" 0 "$(jq_in "$lac" length client show)"
check "both ends clean" busywait 60000 all_clean "$lac" "$lns"
check_eq "no session device left" "0 0" "$(n_l2tp_links "$lac") $(n_l2tp_links "$lns")"
check_eq "no UDP socket left on 1701" 0 \
	"$(ip netns exec "$lns" ss -Hunl 'sport = :1701' | wc -l)"
check_eq "pool all free" 0 "$(pool_used "$lns" p1)"
check "pool, user and peer delete" sh -c "ip netns exec $lns l2tpctl user del alice &&
	ip netns exec $lns l2tpctl peer del lac && ip netns exec $lns l2tpctl pool del p1"
