#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Allocations that fail while 100 sessions come and go (fault injection).
#
#   lac: clients c1..c100 192.0.2.1 ---veth--- 192.0.2.2 lns: listener
#
# failslab and fail_page_alloc make 1 in 20 allocations fail whose call
# stack passes through kl2tp's code (their stack-trace filter, set to the
# module's text), sleeping ones included. Meanwhile the clients are dialled
# (one l2tpctl -f), both tunnels are reset, and they are dialled again:
# every failure must end as an error to l2tpctl, a CDN or a StopCCN, never
# as an oops (the harness's log scan), a leak (kmemleak, module unload) or
# a stuck object. After the injection stops: the failures did happen;
# every session and tunnel ends on both sides, with no device and no pool
# address left; then 10 new calls come up and carry pings. Needs a kernel
# with fault injection (the debug kernel, selftests/debug-kernel.sh);
# skipped on others.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/l2tp.sh"

FS=/sys/kernel/debug/failslab
FP=/sys/kernel/debug/fail_page_alloc
require_file $FS/require-start "failslab with its stack-trace filter"
require_file $FP/require-start "fail_page_alloc with its stack-trace filter"
TIMES=1000000

N=100
lns_lac_setup
fast_timers
mass_conf $N auth chap
check "pool add" l2 "$lns" pool add p1 range 10.0.0.100-10.0.1.99
check "apply $N users" ip netns exec "$lns" l2tpctl -f users
check "lns add" l2 "$lns" lns add main listen $LNS_IP local-ip 10.0.0.1 pool p1 auth chap
check "apply $N clients" ip netns exec "$lac" l2tpctl -f clients

# inject ON|OFF: fault injection in kl2tp's code paths, or none.
inject() {
	local f start end syms
	# the module's text: from its first text symbol to a page past its last
	syms=$(awk '$4 == "[kl2tp]" && ($2 == "t" || $2 == "T") { print $1 }' \
		/proc/kallsyms | sort)
	[ -n "$syms" ] || fail "no kl2tp text symbols in /proc/kallsyms"
	start=0x$(head -n1 <<<"$syms")
	end=$(printf '0x%x' $((16#$(tail -n1 <<<"$syms") + 4096)))
	[ "$start" != 0x0000000000000000 ] || fail "kallsyms hides addresses"
	for f in $FS $FP; do
		if [ "$1" = on ]; then
			echo $start >$f/require-start
			echo $end >$f/require-end
			echo N >$f/task-filter
			echo 0 >$f/verbose	# a stack trace per failure would flood
			echo N >$f/ignore-gfp-wait
			echo 1 >$f/interval
			echo $TIMES >$f/times
			echo 5 >$f/probability
		else
			echo 0 >$f/probability
		fi
	done
}
defer inject off

# injected: how many failures the two knobs made (times counts down).
injected() {
	echo $((2 * TIMES - $(cat $FS/times) - $(cat $FP/times)))
}

inject on
# Not checked: with allocations failing, a line may be refused (ENOMEM),
# which is one of the outcomes this test allows.
ip netns exec "$lac" l2tpctl -f up >up.log 2>&1 || true
sleep 20
for ns in "$lac" "$lns"; do
	for t in $(jq_in "$ns" '.[].local_id' tunnel show 2>/dev/null || true); do
		l2 "$ns" tunnel reset "$t" 2>/dev/null || true
	done
done
sleep 10
ip netns exec "$lac" l2tpctl -f down >/dev/null 2>&1 || true
ip netns exec "$lac" l2tpctl -f up >>up.log 2>&1 || true
sleep 20
n=$(injected)
inject off
log "failures injected: $n; l2tpctl said: $(sort up.log | uniq -c | sort -rn | head -n 3 | tr '\n' ';')"
check "allocations failed" test "$n" -gt 0

# Everything ends, nothing is stuck.
ip netns exec "$lac" l2tpctl -f down >/dev/null 2>&1 || true
for ns in "$lac" "$lns"; do
	for t in $(jq_in "$ns" '.[].local_id' tunnel show); do
		l2 "$ns" tunnel reset "$t" 2>/dev/null || true
	done
done
check "no session or tunnel left on either side" busywait 60000 all_clean "$lac" "$lns"
check_eq "LNS: no device left" 0 "$(n_l2tp_links "$lns")"
check_eq "LAC: no device left" 0 "$(n_l2tp_links "$lac")"
check_eq "pool: no address left taken" 0 "$(jq_in "$lns" '.[0].used' pool show)"

# ... and it all still works.
head -n 10 up >up10
check "10 calls again" ip netns exec "$lac" l2tpctl -f up10
check "10 sessions up on the LNS" wait_eq 60000 10 n_sessions "$lns" up
check "ping through c10's session" ip netns exec "$lac" ping -c 1 -W 5 -I \
	"$(jq_in "$lac" '.[] | select(.user == "u10") | .ifname' session show)" 10.0.0.1
check "down again" ip netns exec "$lac" l2tpctl -f down
check "clean again" busywait 60000 all_clean "$lac" "$lns"
