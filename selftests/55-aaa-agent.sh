#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The AAA agent protocol's kernel side (uapi "AAA agent"), with a test
# agent (tools/aaa_agent.py: a users table instead of RADIUS):
#
#   lac: clients   192.0.2.1 ---veth--- 192.0.2.2   lns: listener main,
#                                                    aaa_agent.py
#
# - `aaa radius` with no agent: the call is refused (CDN "no AAA agent",
#   logged); `aaa radius,local`: the local user gets in (auth no-agent);
# - one agent per namespace (a second registration is refused); a verdict
#   from another socket is refused (EPERM), one for another cookie too
#   (ESTALE);
# - PAP and CHAP-MD5 checked by the agent (auth radius; the request
#   names the user, the method, the listener and the LAC's address), a
#   wrong password refused ("refused by the AAA server"), a user the agent
#   does not know refused even if local and radius,local (a refusal is
#   final); an MS-CHAPv2 accept without the authenticator response is
#   refused (EINVAL);
# - an agent that never answers: refused after aaa-timeout, or the local
#   user with radius,local (CHAP: the kept challenge and response; auth
#   agent-timeout); an agent that says no server answered: the same (PAP;
#   auth no-server);
# - the agent killed while a check is pending: the local users decide at
#   once (auth no-agent); a session the agent accepted stays up and
#   passes traffic after the agent is gone.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/l2tp.sh"
source "$(dirname "$0")/tools/aaa.sh"

ppp_setup auth chap,pap,mschapv2 aaa radius aaa-timeout 3
agent="/usr/bin/python3 $KL2TP_ROOT/selftests/tools/aaa_agent.py"
alog=$KL2TP_OUT/$KL2TP_TEST-agent.log
elns=$KL2TP_OUT/$KL2TP_TEST-lns.events
: >"$alog"
printf '%s\n' 'bob b0b address=10.0.0.150 dns1=10.9.9.1 dns2=10.9.9.2' \
	'carol c4r0l pool=p2 routes=172.16.5.0/24,172.16.6.0/24 mtu=1400 timeout=6' \
	'dave d4ve' 'gus g address=10.50.0.5' >users
l2 "$lns" pool add p2 range 10.2.0.10-10.2.0.20 || fail "pool add p2"
monitor_start "$lns" "$elns"

check_eq "lns show: aaa radius, timeout 3" "radius 3" \
	"$(jq_in "$lns" '.[0] | "\(.aaa) \(.aaa_timeout)"' lns show main)"

# agent_start [--silent|--unavailable]: the LNS's agent, in $apid; its
# first line ("registered", or why not) in $line
agent_start() {
	line=
	coproc AGENT { exec ip netns exec "$lns" $agent serve users "$alog" "$@"; }
	apid=$AGENT_PID
	defer sh -c "kill -9 $apid 2>/dev/null; true"
	read -r -t 10 line <&"${AGENT[0]}"
}

agent_stop() {
	kill -9 "$apid"
	wait "$apid" 2>/dev/null || true
}

# 1. no agent
check "no agent, radius: alice refused: no AAA agent" dial_refused c1 alice pw pap \
	"no AAA agent"
check "... nothing up" test "$(n_sessions "$lns" up)" = 0
hang_up c1
check "lns set aaa radius,local" l2 "$lns" lns set main aaa radius,local
check "no agent, radius,local: alice (local) up" dial c1 alice pw pap
check "... up" wait_eq 20000 1 n_sessions "$lns" up
check_eq "... auth no-agent" no-agent "$(auth_of)"
hang_up c1

# 2. the agent
check "lns set aaa radius" l2 "$lns" lns set main aaa radius
agent_start
check_eq "agent registered" registered "$line"
check_eq "a second agent is refused" "refused: EBUSY" \
	"$(ip netns exec "$lns" $agent register 2>&1 || true)"
check_eq "(in another namespace one may register)" registered \
	"$(ip netns exec "$lac" $agent register 2>&1 || true)"

check "bob (PAP, not local) dials" dial c2 bob b0b pap
check "... up" wait_eq 20000 1 n_sessions "$lns" up
check_eq "... auth radius" radius "$(auth_of)"
check_eq "... user bob" bob "$(session_field "$lns" user)"
check "... the address the agent gave" wait_eq 10000 10.0.0.150 \
	client_session "$lac" c2 address
check_eq "... taken in its pool" 1 "$(pool_used "$lns" p1)"
check_eq "... the DNS servers it gave" "10.9.9.1 10.9.9.2" \
	"$(client_session "$lac" c2 dns)"
check "... the agent got the request" grep -q \
	"request session .* user bob method 1 proxy 0 listener main peer $LAC_IP" "$alog"
check "... a verdict for another cookie was refused" grep -q "other cookie: ESTALE" "$alog"
check "... and its verdict taken" grep -q "verdict session .* user bob result 0 .*: ok" "$alog"
sid=$(session_field "$lns" local_id)
check_eq "a verdict from another socket is refused" "refused: EPERM" \
	"$(ip netns exec "$lns" $agent verdict "$sid" 1 2>&1 || true)"
hang_up c2

check_eq "bob's address back in its pool" 0 "$(pool_used "$lns" p1)"

check "carol (CHAP-MD5) dials" dial c3 carol c4r0l chap
check "... up" wait_eq 20000 1 n_sessions "$lns" up
check_eq "... auth radius" radius "$(auth_of)"
check "... the agent checked CHAP" grep -q "user carol method 2 " "$alog"
check_eq "... an address of the pool it named" 1 "$(pool_used "$lns" p2)"
nif=$(session_field "$lns" ifname)
check_eq "... its routes through her session" 2 \
	"$(ip -n "$lns" route show | grep -cE "^172\.16\.[56]\.0/24 .*dev $nif ")"
check_eq "... its MTU" 1400 "$(ip -n "$lns" -j link show dev "$nif" | jq '.[0].mtu')"
check_eq "... its session timeout" 6 "$(session_field "$lns" session_timeout)"
check "... which ends her call" busywait 15000 sh -c "jq -se '[.[] |
	select(.event == \"session-down\" and .message == \"session timeout\")] |
	length == 1' $elns >/dev/null"
hang_up c3

check "gus (an address outside the pools) dials" dial c9 gus g pap
check "... up with it" wait_eq 20000 10.50.0.5 client_session "$lac" c9 address
check "a second call of gus: refused, the address is in use" dial c10 gus g pap
check "... the CDN says so" busywait 20000 sh -c "jq -se '[.[] |
	select(.event == \"session-down\" and .message == \"address given is in use\")] |
	length >= 1' $elns >/dev/null"
l2 "$lac" client del c10
hang_up c9

check "dave, wrong password (CHAP): refused by the AAA server" \
	dial_refused c4 dave nope chap "refused by the AAA server"
check "... logged with the server's message" sh -c \
	"dmesg | grep -q 'AAA reject: wrong password for dave'"
check "... nothing up" test "$(n_sessions "$lns" up)" = 0
hang_up c4
check "lns set aaa radius,local" l2 "$lns" lns set main aaa radius,local
check "alice, local but unknown to the agent: refused (final)" \
	dial_refused c5 alice pw pap "refused by the AAA server"
check "... the agent's verdict" grep -q 'verdict session .* user alice result 1' "$alog"
sleep 1
check_eq "... no session up" 0 "$(n_sessions "$lns" up)"
hang_up c5
check "erin (MS-CHAPv2) dials" dial_refused c5 erin pw mschapv2 \
	"refused by the AAA server"
check "... an accept without MS-CHAP2-Success was refused" grep -q \
	"mschapv2 accept without authenticator response: EINVAL" "$alog"
hang_up c5
l2 "$lns" lns set main aaa radius

# 3. an agent that never answers, one that reaches no server
agent_stop
for mode in silent unavailable; do
	agent_start --$mode
	check_eq "$mode agent registered" registered "$line"
	why="no answer from the AAA agent"
	via=agent-timeout
	if [ $mode = unavailable ]; then
		why="no AAA server answered"
		via=no-server
	fi
	l2 "$lns" lns set main aaa radius
	check "$mode, radius: bob refused: $why" dial_refused c6 bob b0b pap "$why"
	hang_up c6
	l2 "$lns" lns set main aaa radius,local
	auth=pap
	[ $mode = silent ] && auth=chap
	check "$mode, radius,local: alice (local, $auth) dials" dial c6 alice pw $auth
	check "... up" wait_eq 20000 1 n_sessions "$lns" up
	check_eq "... auth $via" $via "$(auth_of)"
	hang_up c6
	agent_stop
done

# 4. the agent dies: a pending check falls back, an accepted call stays
agent_start
check_eq "agent registered again" registered "$line"
check "lns set aaa radius,local aaa-timeout 60" l2 "$lns" lns set main \
	aaa radius,local aaa-timeout 60
check "bob dials" dial c7 bob b0b pap
check "... up, auth radius" wait_eq 20000 radius auth_of
kill -STOP "$apid"	# it hears the next request but cannot answer
check "alice dials while the agent hangs" dial c8 alice pw pap
check "... her check is pending" wait_eq 20000 radius-pending \
	session_field "$lns" auth '.auth != "radius"'
kill -9 "$apid"
check "the agent killed: alice up at once (local users)" \
	wait_eq 5000 2 n_sessions "$lns" up
check_eq "... auth no-agent" no-agent "$(session_field "$lns" auth '.user == "alice"')"
check_eq "bob's call is still up" up "$(session_field "$lns" state '.user == "bob"')"
check "... and passes traffic" ppp_ping "$lac" $PPP_LOCAL -I "$(client_session "$lac" c7 ifname)"
l2 "$lac" client del c7
l2 "$lac" client del c8
check "both ends clean" busywait 20000 all_clean "$lac" "$lns"
check_eq "no agent left registered" registered \
	"$(ip netns exec "$lns" $agent register 2>&1 || true)"
