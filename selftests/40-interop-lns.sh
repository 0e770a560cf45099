#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Interop: a kl2tp LNS with Debian's xl2tpd + pppd as the LAC.
#
#   lac: xl2tpd + pppd  192.0.2.1 ---veth--- 192.0.2.2  lns: kl2tp listener "main"
#        pppN 10.0.0.1xx <------ PPP ------> l2tpN 10.0.0.1 (pool p1, DNS .53 .54)
#
# One xl2tpd at a time (it allows one tunnel per pair of UDP endpoints), one
# call each. pppd runs on the kernel's l2tp_ppp data path, except in "lbit"
# where xl2tpd carries the data itself (force userspace).
#
#   case      PPP auth          tunnel                 data                teardown
#   pap       PAP (we offer     plain                  kernel, iperf3      xl2tpd-control
#             MS-CHAPv2 first)                                             disconnect-lac
#   chap      CHAP-MD5          secret                 kernel, pppd LCP    l2tpctl session reset
#                                                      echo 1 s for 15 s
#   mschapv2  MS-CHAPv2         secret                 kernel, IPv6 too    l2tpctl tunnel reset
#                                                      (pppd +ipv6)
#   seq       MS-CHAPv2         plain                  kernel, sequencing  kill pppd
#                                                      on (LAC follows)
#   lbit      CHAP-MD5          secret, xl2tpd sends   userspace, L bit    xl2tpd-control
#                               a Random Vector        on data, we         remove-lac
#                                                      sequence
#   hidden    MS-CHAPv2         secret, we hide AVPs   kernel              xl2tpd-control
#                               (not in SCCRP)                             disconnect-lac
#
# Each case: the session is up on kl2tp (user alice, a pool address, local-ip,
# the peer matched), pppd's interface has the pool address with local-ip as
# peer, pppd wrote the pool's DNS servers to resolv.conf, pppd acked the
# expected authentication protocol, pings go both ways and kl2tp counts them;
# after the teardown, kl2tp reported the session down (by the side that
# ended it), pppd has exited, xl2tpd logged the end of the call or tunnel,
# and kl2tp has no session, device or pool address left. "mschapv2" is
# dual-stack: IPV6CP with pppd's, both link-local addresses on both ends,
# link-local pings both ways, the user's prefix from pool6.
# "hidden": xl2tpd 1.3.18 cannot read hidden AVPs in an SCCRP (see
# Documentation/interop.md): kl2tp hides from SCCCN on, and it works.
# At the end, from a capture of the veth read by tshark: no malformed packet,
# hidden AVPs only where asked, sequence numbers on data both ways only where
# asked, the L bit on xl2tpd's data in "lbit".
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/l2tp.sh"

require_cmd xl2tpd xl2tpd
require_cmd xl2tpd-control xl2tpd
require_cmd pppd ppp
require_cmd tshark tshark
require_cmd mergecap wireshark-common
require_cmd iperf3 iperf3
require_module l2tp_ppp
interop_versions

ppp_setup
check "IPv6 pool v6" l2 "$lns" pool add v6 prefix 2001:db8:100::/48
check "peer xauth: secret" l2 "$lns" peer add xauth hostname xl-auth secret s3cret
check "peer xhid: secret, hidden AVPs" l2 "$lns" peer add xhid hostname xl-hidden \
	secret s3cret hidden on
events=$KL2TP_OUT/$KL2TP_TEST-lns.events
monitor_start "$lns" "$events"
pcap=$KL2TP_OUT/$KL2TP_TEST
capture_start "$lns" "$VETH2" "$pcap-1.pcapng"

in_pool() {
	[[ $1 =~ ^10\.0\.0\.1[0-9][0-9]$ ]]
}

# listener [OPTION...]: (re)create the listener "main" with these options.
listener() {
	l2 "$lns" lns del main 2>/dev/null || true
	l2 "$lns" lns add main listen $LNS_IP local-ip $PPP_LOCAL pool p1 "$@"
}

# start_case NAME HOSTNAME CHALLENGE AUTH [XL2TPD-LINE|+PPPD-LINE...]: write
# xl2tpd's and pppd's configuration for case NAME in ./NAME and start
# xl2tpd, which dials at once. AUTH (pap, chap or mschapv2) is the only
# protocol pppd accepts to authenticate itself with.
start_case() {
	local host=$2 chal=$3 auth=$4 xl=() pp=()
	interop_case "$1" xl "${@:5}"
	case $auth in
	pap) pp+=(refuse-chap refuse-mschap refuse-mschap-v2 refuse-eap) ;;
	chap) pp+=(refuse-pap refuse-mschap refuse-mschap-v2 refuse-eap) ;;
	mschapv2) pp+=(refuse-pap refuse-chap refuse-mschap refuse-eap) ;;
	esac
	# debug twice: pppd logs LCP echoes too
	printf '%s\n' "linkname $LINK" "logfile $PLOG" debug debug "user alice" "password pw" \
		noauth nodefaultroute noipdefault usepeerdns "${pp[@]}" >"$D/options"
	printf '%s\n' "* * s3cret" >"$D/l2tp-secrets"
	chmod 600 "$D/l2tp-secrets"
	cat >"$D/xl2tpd.conf" <<-EOT
	[global]
	port = 1701
	access control = no
	auth file = $D/l2tp-secrets
	$(printf '%s\n' "${xl[@]}" | grep '^force userspace' || true)
	[lac kl2tp]
	lns = $LNS_IP
	autodial = yes
	redial = no
	hostname = $host
	challenge = $chal
	require authentication = no
	pppoptfile = $D/options
	$(printf '%s\n' "${xl[@]}" | grep -v '^force userspace' || true)
	EOT
	rm -f "/run/ppp-$LINK.pid"
	log "case $C: xl2tpd as $host, challenge $chal, $auth${*:+, $*}"
	xl2tpd_start "$lac" "$D" "$XLOG"
}

pppd_has_if() {
	[ -n "$(pppd_ifname "$LINK")" ]
}

# case_up AUTH-IN-LCP WANT-PEER: the checks once the call is placed.
# AUTH-IN-LCP is how pppd's log shows the protocol it acked ("pap",
# "chap MD5", "chap MS-v2"); WANT-PEER the kl2tp peer that must match
# ("" for none).
case_up() {
	local want_auth=$1 want_peer=$2
	local s t
	check "$C: kl2tp session up" wait_eq 30000 1 n_sessions "$lns" up
	s=$(session_json "$lns")
	SID=$(jkey "$s" local_id)
	TID=$(jkey "$s" tunnel_id)
	PA=$(jkey "$s" peer_address)
	NIF=$(jkey "$s" ifname)
	t=$(jq -c ".[] | select(.local_id == ${TID:-0})" <<<"$(l2 "$lns" -j tunnel show)")
	echo "$C ${TID:-none} $(jkey "$t" remote_id)" >>cases
	check_eq "$C: tunnel remote_name" "$(sed -n 's/^hostname = //p' "$D/xl2tpd.conf")" \
		"$(jkey "$t" remote_name)"
	check_eq "$C: tunnel peer" "$want_peer" "$(jkey "$t" peer)"
	check_eq "$C: session user" alice "$(jkey "$s" user)"
	check_eq "$C: session address is local-ip" $PPP_LOCAL "$(jkey "$s" address)"
	check "$C: peer_address $PA from the pool" in_pool "$PA"
	check "$C: kl2tp's device $NIF is up" link_up "$lns" "${NIF:-none}"
	check "$C: pppd wrote its pid file" busywait 15000 pppd_has_if
	PPPD=$(pppd_pid "$LINK")
	PIF=$(pppd_ifname "$LINK")
	check "$C: pppd's $PIF has $PA peer $PPP_LOCAL" \
		wait_eq 15000 "$PA $PPP_LOCAL" ppp_inet "$lac" "${PIF:-none}"
	check_eq "$C: pppd got the pool's DNS (resolv.conf)" "$PPP_DNS" \
		"$(awk '$1 == "nameserver" { print $2 }' "$D/etc-ppp/resolv.conf" 2>/dev/null | xargs)"
	check "$C: pppd acked <auth $want_auth>" \
		grep -q "sent \[LCP ConfAck id=0x[0-9a-f]* .*<auth $want_auth>" "$PLOG"
	check "$C: pppd authenticated" grep -Eq "(PAP|CHAP) authentication succeeded" "$PLOG"
	# the MTU the LNS offers: 1460, 1456 when it sequences (4 more bytes)
	local mtu
	mtu=$(ip -n "$lns" -j link show "${NIF:-none}" | jq '.[0].mtu')
	interop_traffic "${mtu:-1460}" "$PA" "$lns" "$TID" "$SID"
}

# down_by SID: who ended session SID, from kl2tp's session-down event.
down_by() {
	jq -rs "[.[] | select(.event == \"session-down\" and .session_id == $1)][0].by" "$events"
}

# case_down BY XL2TPD-REGEX: after a teardown, kl2tp reported the session
# down by BY (local, peer, or "" for either), pppd has exited, xl2tpd's log
# matches XL2TPD-REGEX, kl2tp is clean.
case_down() {
	local by=$1 re=$2
	check "$C: pppd exited" busywait 20000 proc_gone "${PPPD:-0}"
	check "$C: xl2tpd logged it: $re" busywait 10000 grep -Eq "$re" "$XLOG"
	check "$C: kl2tp: no session, device or pool address left" busywait 20000 lns_clean "$lns"
	check "$C: kl2tp: session-down event" wait_eq 5000 1 sh -c "jq -s '[.[] |
		select(.event == \"session-down\" and .session_id == ${SID:-0})] | length' $events"
	[ -z "$by" ] || check_eq "$C: session ended by $by" "$by" "$(down_by "${SID:-0}")"
	check_eq "$C: no ppp device left on the LAC" "" \
		"$(ip -n "$lac" -o link show | awk -F': ' '$2 ~ /^ppp/')"
}

# end_case: stop xl2tpd, wait until no tunnel of kl2tp is established.
end_case() {
	xl2tpd_stop
	check "$C: no tunnel established on kl2tp" wait_eq 20000 0 n_tunnels "$lns" established
}

# --- pap: plain tunnel, MS-CHAPv2 offered first, pppd naks it down to PAP --
check "pap: listener, default auth" listener
start_case pap xl-plain no pap
check "pap: xl2tpd uses the kernel data path" busywait 5000 \
	grep -q "Using l2tp kernel support" "$XLOG"
case_up pap ""
# The capture pauses: tshark would take minutes over iperf3's packets.
capture_stop
ip netns exec "$lns" iperf3 -s -1 -B $PPP_LOCAL >"$KL2TP_OUT/$KL2TP_TEST-iperf3s.log" 2>&1 &
ipid=$!
defer sh -c "kill $ipid 2>/dev/null || true"
busywait 5000 sh -c "ip netns exec $lns ss -ltn | grep -q ':5201 '" || true
check "pap: iperf3 -t 3 LAC -> LNS" sh -c "ip netns exec $lac iperf3 -c $PPP_LOCAL -t 3 -f m \
	>$KL2TP_OUT/$KL2TP_TEST-iperf3.log 2>&1"
log "pap: iperf3: $(grep -E 'receiver' "$KL2TP_OUT/$KL2TP_TEST-iperf3.log" || true)"
capture_start "$lns" "$VETH2" "$pcap-2.pcapng"
check "pap: disconnect-lac" xl2tpd_ctl "$D" disconnect-lac kl2tp
case_down peer "Connection ${TID:-none} closed to $LNS_IP, port 1701 \(Goodbye!\)"
end_case

# --- chap: tunnel secret, CHAP-MD5, pppd's LCP echo every second for 15 s --
check "chap: listener auth chap" listener auth chap
start_case chap xl-auth yes chap "+lcp-echo-interval 1" "+lcp-echo-failure 3"
case_up "chap MD5" xauth
reps=$(n_match 'rcvd \[LCP EchoRep' "$PLOG")
log "chap: 15 s of LCP echo"
sleep 15
check_eq "chap: session still up after 15 s" up "$(jkey "$(session_json "$lns" "$TID" "$SID")" state)"
check "chap: pppd still running" kill -0 "${PPPD:-0}"
check "chap: 12 LCP echo replies at least in 15 s" \
	test $(($(n_match 'rcvd \[LCP EchoRep' "$PLOG") - reps)) -ge 12
check_fail "chap: pppd never missed its echoes" grep -q "No response to" "$PLOG"
check "chap: ping LAC -> $PPP_LOCAL" ppp_ping "$lac" $PPP_LOCAL
check "chap: session reset $SID" l2 "$lns" session reset "$SID"
case_down local "control_finish: Connection closed to $LNS_IP, serial"
end_case

# --- mschapv2: tunnel secret, MS-CHAPv2 offered first, dual-stack ---------
check "mschapv2: listener, default auth, pool6" listener pool6 v6
start_case mschapv2 xl-auth yes mschapv2 ++ipv6
case_up "chap MS-v2" xauth
interop_ipv6 "$lns" "$NIF" "$PIF" "$TID" "$SID"
check_eq "mschapv2: the user's prefix" 2001:db8:100::/64 \
	"$(jkey "$(session_json "$lns" "$TID" "$SID")" prefix6)"
check "mschapv2: tunnel reset $TID" l2 "$lns" tunnel reset "$TID"
case_down local "control_finish: Connection closed to $LNS_IP, port 1701 \(reset by operator\)"
end_case

# --- seq: sequencing on, the LAC must follow (RFC 2661 5.4) -----------------
check "seq: listener sequencing on" listener sequencing on
start_case seq xl-plain no mschapv2
case_up "chap MS-v2" ""
check_eq "seq: session sequencing" true "$(jq -r .sequencing <<<"$(session_json "$lns" "$TID" "$SID")")"
check "seq: 1000-byte pings" ppp_ping "$lac" $PPP_LOCAL -s 1000
check "seq: kill pppd" kill "${PPPD:-0}"
case_down "" "Call [0-9]+ to $LNS_IP disconnected"
end_case

# --- lbit: xl2tpd's own data path, L bit on data, we sequence ------------------
# xl2tpd's own data path never sends sequence numbers (RFC 2661 5.4 says it
# must once we do): kl2tp takes its data all the same.
check "lbit: listener auth chap, sequencing on" listener auth chap sequencing on
start_case lbit xl-auth yes chap "force userspace = yes" "length bit = yes" "hidden bit = yes"
check "lbit: xl2tpd carries the data itself" busywait 5000 \
	grep -q "Not looking for kernel support" "$XLOG"
case_up "chap MD5" xauth
check "lbit: 1000-byte pings" ppp_ping "$lac" $PPP_LOCAL -s 1000
check "lbit: remove-lac" xl2tpd_ctl "$D" remove-lac kl2tp
case_down peer "Connection ${TID:-none} closed to $LNS_IP, port 1701 \(Goodbye!\)"
end_case

# --- hidden: kl2tp hides its AVPs from ICRP on ------------------------------
# xl2tpd looks its secret up only once the whole SCCRQ/SCCRP is parsed, so
# kl2tp hides nothing in SCCRQ and SCCRP (RFC 2661 4.3: hiding is per AVP
# and optional); from SCCCN/ICRP on, xl2tpd reads the hidden AVPs.
check "hidden: listener, default auth" listener
start_case hidden xl-hidden yes mschapv2
case_up "chap MS-v2" xhid
check "hidden: ping LAC -> $PPP_LOCAL" ppp_ping "$lac" $PPP_LOCAL
check "hidden: disconnect-lac" xl2tpd_ctl "$D" disconnect-lac kl2tp
case_down peer "Connection ${TID:-none} closed to $LNS_IP, port 1701 \(Goodbye!\)"
end_case

check "all clean at the end" busywait 30000 all_clean "$lns"

# --- what went on the wire ----------------------------------------------------
wire_read "$pcap" lns

check "hidden: kl2tp's messages carry hidden AVPs" test "$(wcase hidden lns ctrl hidden 1)" -ge 1
check_eq "chap: no hidden AVP from kl2tp without hidden on" 0 "$(wcase chap lns ctrl hidden 1)"
log "lbit: xl2tpd (hidden bit = yes) sent $(wcase lbit lac ctrl hidden 1) messages with hidden AVPs"
check "seq: kl2tp's data has sequence numbers" test "$(wcase seq lns data sbit 1)" -ge 5
check_eq "seq: ...all of it" 0 "$(wcase seq lns data sbit 0)"
# The LAC's kernel turns them on at the first sequenced packet it receives:
# kl2tp's first LCP Configure-Request reaches xl2tpd, not the kernel, when
# it arrives before pppd is attached.
check "seq: xl2tpd's data has them too" test "$(wcase seq lac data sbit 1)" -ge 5
check_eq "seq: ...all of it once it started" 0 "$(wcase seq lac data sbit-late 0)"
check "seq: ...at most its first LCP packet without" test "$(wcase seq lac data sbit 0)" -le 1
check_eq "pap: no sequence numbers on kl2tp's data" 0 "$(wcase pap lns data sbit 1)"
check_eq "pap: none on xl2tpd's data" 0 "$(wcase pap lac data sbit 1)"
check "lbit: xl2tpd's data has the L bit" test "$(wcase lbit lac data lbit 1)" -ge 5
check_eq "lbit: ...all of it" 0 "$(wcase lbit lac data lbit 0)"
check "lbit: kl2tp's data has sequence numbers" test "$(wcase lbit lns data sbit 1)" -ge 5
log "lbit: xl2tpd's data: $(wcase lbit lac data sbit 1) with sequence numbers, $(wcase lbit lac data sbit 0) without"
