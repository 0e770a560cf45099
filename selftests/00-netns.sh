#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Harness self-test: namespaces, veth, kernel module auto-loading and netem
# work, and lib.sh's helpers behave. No kl2tp involved.
#
#   ┌────────────────────────┐          ┌────────────────────────┐
#   │ $ns1                   │          │ $ns2                   │
#   │ veth0 192.0.2.1/24     ├──────────┤ veth0 192.0.2.2/24     │
#   │       2001:db8::1/64   │  (netem) │       2001:db8::2/64   │
#   └────────────────────────┘          └────────────────────────┘

source "$(dirname "$0")/lib.sh"

require_cmd ping iputils-ping

# lib.sh: check_fail, check_eq, busywait.
check_fail "check_fail sees a failure" false
check_eq "check_eq compares" "a b" "a b"
(sleep 0.3 && touch later) &
check "busywait polls until success" busywait 3000 test -e later
check_fail "busywait gives up" busywait 200 false

setup_ns ns1 ns2
# shellcheck disable=SC2154 # set by setup_ns
{ [[ $ns1 == ns1-?????? ]] && [[ $ns2 == ns2-?????? ]]; } || fail "setup_ns names: $ns1 $ns2"
check "namespaces exist" ip netns pids "$ns1"
check_eq "each namespace has only lo" 1 "$(ip -n "$ns1" -o link show | wc -l)"

# `ip link add type veth` makes the kernel load veth through /sbin/modprobe
# in the VM: this fails under chroot instead of switch_root.
veth_pair "$ns1" "$ns2" 192.0.2.1/24 192.0.2.2/24
check_eq "veth_pair names" "veth0 veth0" "$VETH1 $VETH2"
ip -n "$ns1" addr add 2001:db8::1/64 dev veth0 nodad
ip -n "$ns2" addr add 2001:db8::2/64 dev veth0 nodad
check "ping ns1 -> ns2" in_ns "$ns1" ping -c1 -W2 192.0.2.2
check "ping ns2 -> ns1" in_ns "$ns2" ping -c1 -W2 192.0.2.1
check "ping6 ns1 -> ns2" busywait 3000 in_ns "$ns1" ping -6 -c1 -W1 2001:db8::2
check_fail "no route to elsewhere" in_ns "$ns1" ping -c1 -W1 198.51.100.1

# A second pair gets the next free names.
veth_pair "$ns1" "$ns2"
check_eq "second veth_pair names" "veth1 veth1" "$VETH1 $VETH2"

# netem: delay then loss, measured.
require_module sch_netem
check "add a netem qdisc" tc -n "$ns1" qdisc add dev veth0 root netem delay 200ms
check "netem qdisc shows" sh -c "tc -n '$ns1' qdisc show dev veth0 | grep -q 'netem.*delay 200ms'"
rtt=$(in_ns "$ns1" ping -c1 -W3 192.0.2.2 | sed -n 's/.*time=\([0-9]*\).*/\1/p')
log "rtt with 200 ms delay: ${rtt:-none} ms"
check "netem delays (rtt >= 200 ms)" test "${rtt:-0}" -ge 200
check "change netem to 100% loss" tc -n "$ns1" qdisc change dev veth0 root netem loss 100%
check_fail "ping is lost" in_ns "$ns1" ping -c2 -i0.2 -W1 192.0.2.2
check "delete netem" tc -n "$ns1" qdisc del dev veth0 root
check "ping after netem" in_ns "$ns1" ping -c1 -W2 192.0.2.2

# A process left in a namespace is killed by the clean-up, and defer runs.
(in_ns "$ns2" sleep 1000 || true) &
check "busywait until the process is in ns2" busywait 10000 sh -c "ip netns pids '$ns2' | grep -q ."
defer log "deferred command ran"
check "cleanup_ns removes one namespace" cleanup_ns "$ns2"
check_fail "it is gone" ip netns pids "$ns2"
check_eq "the rest remain" "$ns1" "${NS_LIST[*]}"
wait || true
