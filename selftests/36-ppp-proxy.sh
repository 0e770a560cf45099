#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Proxy LCP and proxy authentication (RFC 2661 4.4.5) on the LNS.
#
#   lac: tools/l2tp_proxy_lac.py 192.0.2.1 ---veth--- 192.0.2.2 lns
#
# A scripted LAC that did LCP and PAP/CHAP with the user itself sends the
# results in its ICCN (see the tool's header). Its tunnel has no secret:
# - as long as no peer names it trusted, its proxy authentication could be
#   a replay of a captured exchange (the LAC chose the challenge): the LNS
#   challenges the user with CHAP itself, and renegotiates LCP when the
#   proxied link used PAP, as force-chap does; no session gets to IPCP;
# - once `peer add lac address ... trust-proxy on` names it:
# - proxied PAP or CHAP with the right password: the LNS answers the
#   proxied request (PAP Ack / CHAP Success), sends no LCP of its own, goes
#   on to IPCP, and the session carries the user's name (and the LAC's
#   Calling Number, cut to 63 characters, '?' for what is not printable);
# - a wrong password: Nak, no IPCP, CDN;
# - a listener with force-chap on challenges with CHAP itself, and
#   renegotiates LCP when the proxied link used PAP.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/l2tp.sh"

ppp_setup auth chap,pap
check "listener with force-chap" l2 "$lns" lns add force listen $LNS_IP:1702 \
	local-ip $PPP_LOCAL pool p1 auth chap,pap force-chap on
ev=$KL2TP_OUT/$KL2TP_TEST-lns.events
monitor_start "$lns" "$ev"
lac_tool=$KL2TP_ROOT/selftests/tools/l2tp_proxy_lac.py

proxy() {
	ip netns exec "$lac" python3 "$lac_tool" $LNS_IP "$@"
}

# reached STATE N: at least N session-state events STATE for alice
reached() {
	jq -es "[.[] | select(.event == \"session-state\" and .state == \"$1\"
		and .user == \"alice\")] | length >= $2" "$ev" >/dev/null
}

reset_all() {
	local t
	for t in $(jq_in "$lns" '.[].local_id' tunnel show); do
		l2 "$lns" tunnel reset "$t"
	done
	busywait 30000 ppp_all_gone
}

check "untrusted LAC, proxied CHAP: the LNS challenges itself" proxy 1701 chap-force
check "reset (untrusted CHAP)" reset_all
check "untrusted LAC, proxied PAP: LCP again" proxy 1701 force-chap
check "reset (untrusted PAP)" reset_all
check_fail "no IPCP on an untrusted proxy" reached ppp-network 1

check "peer lac, trust-proxy on" l2 "$lns" peer add lac address $LAC_IP trust-proxy on
check_eq "peer show: trust_proxy" true "$(jq_in "$lns" '.[0].trust_proxy' peer show lac)"
check "proxied PAP accepted" proxy 1701 pap-ok
check "IPCP with the proxied user" busywait 10000 reached ppp-network 1
check_eq "the LAC's Calling Number: 63 characters, '?' for the unprintable" \
	"line??/$(printf '9%.0s' {1..56})" "$(session_field "$lns" calling_number)"
check_eq "... its empty Called Number: none" true \
	"$(jq_in "$lns" '.[0].called_number == null' -s session show)"
check "reset" reset_all

check "proxied PAP, wrong password" proxy 1701 pap-bad
check "nothing left" busywait 30000 ppp_all_gone

check "proxied CHAP accepted" proxy 1701 chap-ok
check "IPCP with the proxied CHAP user" busywait 10000 reached ppp-network 2
check "reset again" reset_all

check "force-chap: own CHAP challenge" proxy 1702 chap-force
check "reset after force-chap" reset_all
check "force-chap over a PAP link: LCP again" proxy 1702 force-chap
check "reset at the end" reset_all
