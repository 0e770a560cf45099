#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Tunnel authentication (RFC 2661 4.2/5.1.1) and hidden AVPs (4.3).
#
#   lac: client 192.0.2.1 ---veth--- 192.0.2.2 lns: listener + peer "lac"
#
# - same secret on both ends: both challenge, both answer, tunnel up;
# - hidden AVPs on both ends: up, and hidden AVPs were really received;
# - wrong secret (plain or hidden AVPs; SCCRQ/SCCRP hide nothing): StopCCN
#   result 4 sent by the side that finds out, received by the other;
#   nothing is left on either end;
# - a secret only on the LNS: the LAC cannot answer, refuses (result 4);
# - a secret only on the LAC: the LNS cannot answer, refuses (result 4).
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/l2tp.sh"

lns_lac_setup
fast_timers
check "pool add" l2 "$lns" pool add p1 range 10.0.0.100-10.0.0.199
check "lns add" l2 "$lns" lns add main listen $LNS_IP local-ip 10.0.0.1 pool p1
check "user add u" l2 "$lns" user add u password p

# try NAME CLIENT-ARGS...: dial once; leaves the LNS/LAC monitors in $mlns/$mlac
try() {
	local name=$1
	shift
	mlns=$KL2TP_OUT/$KL2TP_TEST-$name-lns.events
	mlac=$KL2TP_OUT/$KL2TP_TEST-$name-lac.events
	monitor_start "$lns" "$mlns"
	monitor_start "$lac" "$mlac"
	l2 "$lac" client add "$name" lns $LNS_IP user u password p redial off "$@"
	l2 "$lac" client up "$name"
}

finish() {
	l2 "$lac" client del "$1"
	check "$1: nothing left" busywait 20000 all_clean "$lac" "$lns"
}

# peer_secret ARGS...: the LNS's peer "lac" anew, with ARGS
peer_secret() {
	l2 "$lns" peer del lac 2>/dev/null || true
	l2 "$lns" peer add lac address $LAC_IP "$@"
}

# 1. matching secrets
check "peer with secret" peer_secret secret s3cret
try cgood secret s3cret
check "good: LNS tunnel up" wait_eq 15000 1 n_tunnels "$lns" established
check "good: LAC session up" wait_eq 15000 1 n_sessions "$lac" up
finish cgood

# 2. wrong secret: the LAC finds the LNS's Challenge Response wrong
try cwrong secret nope
check "wrong: LAC refused with result 4" wait_eq 15000 "4/0 by local" teardown_result "$mlac"
check "wrong: LNS told result 4" wait_eq 15000 "4/0 by peer" teardown_result "$mlns"
check_eq "wrong: no session was made" 0 "$(n_sessions "$lns")"
finish cwrong

# 3. hidden AVPs
check "peer with hidden AVPs" peer_secret secret s3cret hidden on
try chidden secret s3cret hidden on
check "hidden: LNS session up" wait_eq 15000 1 n_sessions "$lns" up
check "hidden: LNS decoded hidden AVPs" test \
	"$(jq_in "$lns" '.[0].ctrl_hidden_rx' -s tunnel show)" -gt 0
check "hidden: LAC decoded hidden AVPs" test \
	"$(jq_in "$lac" '.[0].ctrl_hidden_rx' -s tunnel show)" -gt 0
finish chidden

# 4. hidden AVPs under a wrong secret: SCCRQ/SCCRP hide nothing, so as in 2
# the LAC finds the Challenge Response wrong, and nothing hidden is trusted
try chidwrong secret nope hidden on
check "hidden+wrong: LAC refused with result 4" wait_eq 15000 "4/0 by local" \
	teardown_result "$mlac"
check "hidden+wrong: LNS told result 4" wait_eq 15000 "4/0 by peer" teardown_result "$mlns"
check_eq "hidden+wrong: no session was made" 0 "$(n_sessions "$lns")"
finish chidwrong

# 5. only the LNS has a secret: the LAC cannot answer its challenge
check "peer with secret again" peer_secret secret s3cret
try cnosecret
check "LNS-only secret: LAC refused with result 4" wait_eq 15000 "4/0 by local" \
	teardown_result "$mlac"
check "LNS-only secret: LNS told" wait_eq 15000 "4/0 by peer" teardown_result "$mlns"
finish cnosecret

# 6. only the LAC has a secret: the LNS cannot answer its challenge
check "peer without secret" peer_secret
try clonely secret s3cret
check "LAC-only secret: LNS refused with result 4" wait_eq 15000 "4/0 by local" \
	teardown_result "$mlns"
check "LAC-only secret: LAC told" wait_eq 15000 "4/0 by peer" teardown_result "$mlac"
finish clonely
