# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# selftests/l2tp.sh - kl2tp helpers on top of lib.sh: source after it.
#
#	lns_lac_setup        two namespaces $lac (192.0.2.1) and $lns
#	                     (192.0.2.2) on a veth pair
#	l2 NS ARGS...        l2tpctl ARGS... in NS
#	jq_in NS FILTER ARGS...   l2tpctl -j ARGS... in NS, through jq -r FILTER
#	fast_timers          shorter control retransmission (restored at exit)

LAC_IP=192.0.2.1
LNS_IP=192.0.2.2

lns_lac_setup() {
	setup_ns lac lns
	veth_pair "$lac" "$lns" $LAC_IP/24 $LNS_IP/24
}

l2() {
	local ns=$1
	shift
	ip netns exec "$ns" l2tpctl "$@"
}

jq_in() {
	local ns=$1 filter=$2
	shift 2
	ip netns exec "$ns" l2tpctl -j "$@" | jq -r "$filter"
}

_param() {
	echo "/sys/module/kl2tp/parameters/$1"
}

# set_param NAME VALUE: set a module parameter, restored at exit.
set_param() {
	local old
	old=$(cat "$(_param "$1")")
	echo "$2" >"$(_param "$1")"
	defer sh -c "echo $old > $(_param "$1")"
}

# Retransmit 1 s, cap 2 s, 3 retries: a dead peer is noticed and a closed
# tunnel lingers 7 s instead of 31 s.
fast_timers() {
	set_param ctrl_rto_max_ms 2000
	set_param ctrl_retries 3
}

# Counts of tunnels/sessions in NS, optionally in one state.
n_tunnels() {
	jq_in "$1" "[.[] | select(\"${2:-}\" == \"\" or .state == \"${2:-}\")] | length" tunnel show
}

n_sessions() {
	jq_in "$1" "[.[] | select(\"${2:-}\" == \"\" or .state == \"${2:-}\")] | length" session show
}

# wait_eq TIMEOUT_MS EXPECTED CMD...: poll until CMD prints EXPECTED.
wait_eq() {
	local t=$1 want=$2
	shift 2
	busywait "$t" _out_is "$want" "$@"
}

_out_is() {
	local want=$1
	shift
	[ "$("$@" 2>/dev/null)" = "$want" ]
}

# monitor_start NS FILE: l2tpctl -j monitor in NS into FILE until exit.
monitor_start() {
	ip netns exec "$1" l2tpctl -j monitor >"$2" 2>&1 &
	local pid=$!
	defer kill "$pid"
	sleep 0.3
}

# teardown_result FILE: "RESULT/ERROR by WHO" of the first tunnel gone.
teardown_result() {
	jq -rs '[.[] | select(.event == "tunnel-down")][0]
		| "\(.result_code)/\(.error_code) by \(.by)"' "$1"
}

# all_clean NS...: no tunnel and no session left in each NS.
all_clean() {
	local ns
	for ns in "$@"; do
		[ "$(n_tunnels "$ns")" = 0 ] && [ "$(n_sessions "$ns")" = 0 ] || return 1
	done
}
