#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Control-plane interop with xl2tpd (Debian's) as the LAC against a kl2tp
# LNS: tunnel and session setup, with and without tunnel authentication,
# and teardown from xl2tpd's side.
#
#   lac: xl2tpd 192.0.2.1 ---veth--- 192.0.2.2 lns: kl2tp listener
#
# kl2tp has no PPP yet, so xl2tpd's pppd gives up on LCP and the call ends;
# what is checked here is the L2TP side: the tunnel comes up with
# xl2tpd's host name, a session reaches established, and both go away.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/l2tp.sh"

require_cmd xl2tpd xl2tpd
require_cmd pppd ppp
lns_lac_setup
fast_timers
check "pool add" l2 "$lns" pool add p1 range 10.0.0.100-10.0.0.199
check "lns add" l2 "$lns" lns add main listen $LNS_IP local-ip 10.0.0.1 pool p1
monitor_start "$lns" "$KL2TP_OUT/$KL2TP_TEST-mon.events"

# xl2tpd_run NAME CHALLENGE: start xl2tpd in the LAC namespace
xl2tpd_run() {
	local d=$PWD/$1
	mkdir -p "$d"
	cat >"$d/options" <<-EOT
	noauth
	nodefaultroute
	noipdefault
	lcp-max-configure 10
	EOT
	cat >"$d/xl2tpd.conf" <<-EOT
	[global]
	port = 0
	access control = no
	auth file = $d/l2tp-secrets
	[lac kl2tp]
	lns = $LNS_IP
	autodial = yes
	redial = no
	hostname = xlac
	challenge = $2
	require authentication = no
	pppoptfile = $d/options
	EOT
	echo "* * s3cret" >"$d/l2tp-secrets"
	chmod 600 "$d/l2tp-secrets"
	ip netns exec "$lac" xl2tpd -D -c "$d/xl2tpd.conf" -p "$d/pid" \
		-C "$d/control" >"$KL2TP_OUT/$KL2TP_TEST-$1.xl2tpd.log" 2>&1 &
	xpid=$!
	defer sh -c "kill $xpid 2>/dev/null || true"
}

remote_name() { jq_in "$lns" '.[0].remote_name' tunnel show; }

xl2tpd_run plain no
check "tunnel from xl2tpd established" wait_eq 20000 1 n_tunnels "$lns" established
check_eq "xl2tpd's host name" xlac "$(remote_name)"
check "xl2tpd's session reached established" busywait 20000 sh -c \
	"grep -q 'session-state.*established' $KL2TP_OUT/$KL2TP_TEST-mon.events"
kill "$xpid"
check "xl2tpd's teardown cleans the LNS" busywait 40000 all_clean "$lns"

check "peer with secret" l2 "$lns" peer add xl address $LAC_IP secret s3cret
xl2tpd_run auth yes
check "authenticated tunnel from xl2tpd" wait_eq 20000 1 n_tunnels "$lns" established
check_eq "authenticated peer matched" xl "$(jq_in "$lns" '.[0].peer' tunnel show)"
kill "$xpid"
check "clean again" busywait 40000 all_clean "$lns"
