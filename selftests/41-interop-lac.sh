#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Interop: a kl2tp client (LAC) with Debian's xl2tpd + pppd as the LNS.
#
#   lac: kl2tp client  192.0.2.1 ---veth--- 192.0.2.2  lns: xl2tpd [lns default]
#        l2tpN 10.0.0.1xx <----- PPP -----> pppN 10.0.0.1 (ip range .100-.199,
#                                           pppd ms-dns .53 .54)
#
# One xl2tpd at a time, one call each. pppd runs on the kernel's l2tp_ppp
# data path (LNS mode), except in "lbit" (xl2tpd's own, force userspace).
# pppd authenticates alice from pap-secrets/chap-secrets in a private
# /etc/ppp (the guest's /etc is read-only).
#
#   case      pppd requires     tunnel                 data                teardown
#   pap       PAP               plain                  kernel, iperf3      l2tpctl client down
#   chap      CHAP-MD5          secret                 kernel, LCP echo    kill pppd (CDN)
#                                                      1 s both ways, 15 s
#   mschapv2  MS-CHAPv2         secret                 kernel, IPv6 too    l2tpctl tunnel reset
#                                                      (pppd +ipv6)
#   seq       MS-CHAPv2         plain                  kernel, the LNS     SIGTERM to xl2tpd
#                                                      sequences (we follow) (StopCCN)
#   lbit      CHAP-MD5          secret, xl2tpd sends   userspace, L bit    l2tpctl client down
#                               a Random Vector        on data
#   hidden    MS-CHAPv2         secret, we hide AVPs   kernel              l2tpctl client down
#                               (not in SCCRQ)
#
# Each case: the client is up, its session has the address of xl2tpd's range
# with local ip as peer and pppd's ms-dns servers (`session show`), the
# device has them; the tunnel's remote name is xl2tpd's hostname; pppd
# authenticated alice with the protocol asked and has local ip with our
# address as peer; pings go both ways and kl2tp counts them. After the
# teardown: kl2tp reported the session down (by the side that ended it), the
# client is down, no session, tunnel or device is left on our side, pppd
# has exited and xl2tpd logged the end of the call or tunnel. "mschapv2"
# is dual-stack (ipv6 on, pppd +ipv6): both link-local addresses on both
# ends, link-local pings both ways.
# "hidden": xl2tpd cannot read hidden AVPs in an SCCRQ (see
# Documentation/interop.md): kl2tp hides from SCCCN on, and it works.
# At the end, from a capture read by tshark: no malformed packet, hidden AVPs
# only where asked, sequence numbers on data both ways where the LNS asked
# for them (RFC 2661 5.4) and nowhere else, the L bit on xl2tpd's data in
# "lbit".
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/l2tp.sh"

require_cmd xl2tpd xl2tpd
require_cmd pppd ppp
require_cmd tshark tshark
require_cmd mergecap wireshark-common
require_cmd iperf3 iperf3
require_module l2tp_ppp
interop_versions

lns_lac_setup
fast_timers
PPP_LOCAL=10.0.0.1
events=$KL2TP_OUT/$KL2TP_TEST-lac.events
monitor_start "$lac" "$events"
pcap=$KL2TP_OUT/$KL2TP_TEST
capture_start "$lac" "$VETH1" "$pcap-1.pcapng"

in_range() {
	[[ $1 =~ ^10\.0\.0\.1[0-9][0-9]$ ]]
}

# start_case NAME REQUIRE CHALLENGE [XL2TPD-LINE|+PPPD-LINE...]: write
# xl2tpd's and pppd's configuration for case NAME in ./NAME and start
# xl2tpd as the LNS; pppd requires REQUIRE (pap, chap, mschap-v2).
start_case() {
	local req=$2 chal=$3 xl=() pp=()
	interop_case "$1" xlns "${@:4}"
	printf '%s\n' "alice * pw *" >"$D/etc-ppp/pap-secrets"
	printf '%s\n' "alice * pw *" >"$D/etc-ppp/chap-secrets"
	chmod 600 "$D/etc-ppp/pap-secrets" "$D/etc-ppp/chap-secrets"
	printf '%s\n' "linkname $LINK" "logfile $PLOG" debug debug auth "require-$req" \
		"ms-dns 10.0.0.53" "ms-dns 10.0.0.54" nodefaultroute "${pp[@]}" >"$D/options"
	printf '%s\n' "* * s3cret" >"$D/l2tp-secrets"
	chmod 600 "$D/l2tp-secrets"
	cat >"$D/xl2tpd.conf" <<-EOT
	[global]
	port = 1701
	listen-addr = $LNS_IP
	access control = no
	auth file = $D/l2tp-secrets
	$(printf '%s\n' "${xl[@]}" | grep '^force userspace' || true)
	[lns default]
	ip range = 10.0.0.100-10.0.0.199
	local ip = $PPP_LOCAL
	require authentication = no
	name = xlns
	hostname = xlns
	challenge = $chal
	pppoptfile = $D/options
	$(printf '%s\n' "${xl[@]}" | grep -v '^force userspace' || true)
	EOT
	rm -f "/run/ppp-$LINK.pid"
	log "case $C: xl2tpd LNS, pppd require-$req, challenge $chal${*:+, $*}"
	xl2tpd_start "$lns" "$D" "$XLOG"
}

# dial OPTION...: client c-$C (redial off) with these options, up.
dial() {
	ppp_dial "$lac" "c-$C" alice pw redial off "$@"
}

pppd_has_if() {
	[ -n "$(pppd_ifname "$LINK")" ]
}

# case_up AUTH-IN-LCP: the checks once the client is up. AUTH-IN-LCP is how
# pppd's log shows the protocol kl2tp acked ("pap", "chap MD5", "chap MS-v2").
case_up() {
	local want_auth=$1
	local c s t
	check "$C: client up" wait_eq 30000 up client_field "$lac" "c-$C" state
	c=$(jq -c '.[0]' <<<"$(l2 "$lac" -j client show "c-$C")")
	SID=$(jkey "$c" session_id)
	TID=$(jkey "$c" tunnel_id)
	s=$(session_json "$lac" "${TID:-0}" "${SID:-0}")
	A=$(jkey "$s" address)
	IF=$(jkey "$s" ifname)
	t=$(jq -c ".[] | select(.local_id == ${TID:-0})" <<<"$(l2 "$lac" -j tunnel show)")
	echo "$C ${TID:-none} $(jkey "$t" remote_id)" >>cases
	check_eq "$C: session up" up "$(jkey "$s" state)"
	check_eq "$C: tunnel remote_name" xlns "$(jkey "$t" remote_name)"
	check "$C: address $A from xl2tpd's ip range" in_range "$A"
	check_eq "$C: peer_address is xl2tpd's local ip" $PPP_LOCAL "$(jkey "$s" peer_address)"
	check_eq "$C: dns from pppd's ms-dns" "10.0.0.53 10.0.0.54" "$(jkey "$s" dns)"
	check_eq "$C: device $IF has them" "$A $PPP_LOCAL" "$(ppp_inet "$lac" "${IF:-none}")"
	check "$C: pppd wrote its pid file" busywait 15000 pppd_has_if
	PPPD=$(pppd_pid "$LINK")
	PIF=$(pppd_ifname "$LINK")
	check "$C: pppd's $PIF has $PPP_LOCAL peer $A" \
		wait_eq 15000 "$PPP_LOCAL $A" ppp_inet "$lns" "${PIF:-none}"
	check "$C: kl2tp acked pppd's <auth $want_auth>" \
		grep -q "rcvd \[LCP ConfAck id=0x[0-9a-f]* .*<auth $want_auth>" "$PLOG"
	check "$C: alice authenticated herself to pppd" \
		grep -Eq 'rcvd \[(CHAP Response .*name = "alice"|PAP AuthReq .*user="alice")' "$PLOG"
	check "$C: pppd said success" grep -Eq "sent \[(CHAP Success|PAP AuthAck)" "$PLOG"
	# our MTU: 1460, or 1456 when the LNS sequences (4 more header bytes)
	local mtu=1460
	[ "$C" != seq ] || mtu=1456
	check_eq "$C: our device's MTU" $mtu \
		"$(ip -n "$lac" -j link show dev "${IF:-none}" | jq '.[0].mtu')"
	interop_traffic $mtu "$A" "$lac" "${TID:-0}" "${SID:-0}"
}

down_by() {
	jq -rs "[.[] | select(.event == \"session-down\" and .session_id == $1)][0].by" "$events"
}

lac_clean() {
	all_clean "$lac" && [ "$(n_l2tp_links "$lac")" = 0 ]
}

# case_down BY XL2TPD-REGEX: after a teardown, kl2tp reported the session
# down by BY (local, peer, or "" for either), the client is down, pppd has
# exited, xl2tpd's log matches XL2TPD-REGEX, nothing is left on our side.
case_down() {
	local by=$1 re=$2
	check "$C: pppd exited" busywait 20000 proc_gone "${PPPD:-0}"
	check "$C: xl2tpd logged it: $re" busywait 10000 grep -Eq "$re" "$XLOG"
	check "$C: kl2tp: session-down event" wait_eq 5000 1 sh -c "jq -s '[.[] |
		select(.event == \"session-down\" and .session_id == ${SID:-0})] | length' $events"
	[ -z "$by" ] || check_eq "$C: session ended by $by" "$by" "$(down_by "${SID:-0}")"
	check "$C: client down" wait_eq 10000 down client_field "$lac" "c-$C" state
	check "$C: no session, tunnel or device left" busywait 20000 lac_clean
	check_eq "$C: no ppp device left on the LNS" "" \
		"$(ip -n "$lns" -o link show | awk -F': ' '$2 ~ /^ppp/')"
	l2 "$lac" client del "c-$C" || true
}

end_case() {
	xl2tpd_stop
}

# --- pap: plain tunnel, PAP, iperf3, client down --------------------------------
start_case pap pap no
check "pap: xl2tpd uses the kernel data path" busywait 5000 \
	grep -q "Using l2tp kernel support" "$XLOG"
check "pap: dial (auth pap: a client offers no PAP unless told)" dial auth pap
case_up pap
capture_stop # tshark would take minutes over iperf3's packets
ip netns exec "$lns" iperf3 -s -1 -B $PPP_LOCAL >"$KL2TP_OUT/$KL2TP_TEST-iperf3s.log" 2>&1 &
ipid=$!
defer sh -c "kill $ipid 2>/dev/null || true"
busywait 5000 sh -c "ip netns exec $lns ss -ltn | grep -q ':5201 '" || true
check "pap: iperf3 -t 3 LAC -> LNS" sh -c "ip netns exec $lac iperf3 -c $PPP_LOCAL -t 3 -f m \
	>$KL2TP_OUT/$KL2TP_TEST-iperf3.log 2>&1"
log "pap: iperf3: $(grep -E 'receiver' "$KL2TP_OUT/$KL2TP_TEST-iperf3.log" || true)"
capture_start "$lac" "$VETH1" "$pcap-2.pcapng"
check "pap: client down" l2 "$lac" client down c-pap
case_down local "Call [0-9]+ to $LAC_IP disconnected|Connection closed to $LAC_IP, serial"
check "pap: our idle tunnel closed (xl2tpd logged it)" busywait 10000 \
	grep -Eq "Connection closed to $LAC_IP, port [0-9]+ \(no sessions\)" "$XLOG"
end_case

# --- chap: tunnel secret, CHAP-MD5, LCP echo every second both ways for 15 s --
start_case chap chap yes "+lcp-echo-interval 1" "+lcp-echo-failure 3"
check "chap: dial (secret, lcp-echo 1 3)" dial secret s3cret lcp-echo 1 3
case_up "chap MD5"
reps=$(n_match 'rcvd \[LCP EchoRep' "$PLOG")
reqs=$(n_match 'rcvd \[LCP EchoReq' "$PLOG")
log "chap: 15 s of LCP echo"
sleep 15
check_eq "chap: session still up after 15 s" up "$(jkey "$(session_json "$lac" "$TID" "$SID")" state)"
check "chap: pppd still running" kill -0 "${PPPD:-0}"
check "chap: kl2tp answered 12 of pppd's echoes at least" \
	test $(($(n_match 'rcvd \[LCP EchoRep' "$PLOG") - reps)) -ge 12
check "chap: kl2tp sent 12 echoes at least" \
	test $(($(n_match 'rcvd \[LCP EchoReq' "$PLOG") - reqs)) -ge 12
check_fail "chap: pppd never missed its echoes" grep -q "No response to" "$PLOG"
check "chap: kill pppd" kill "${PPPD:-0}"
case_down peer "Call [0-9]+ to $LAC_IP disconnected"
end_case

# --- mschapv2: tunnel secret, MS-CHAPv2, tunnel reset ---------------------------
start_case mschapv2 mschap-v2 yes ++ipv6
check "mschapv2: dial (secret, ipv6 on)" dial secret s3cret ipv6 on
case_up "chap MS-v2"
interop_ipv6 "$lac" "$IF" "$PIF" "$TID" "$SID"
check "mschapv2: tunnel reset $TID" l2 "$lac" tunnel reset "$TID"
case_down local "control_finish: Connection closed to $LAC_IP, port [0-9]+ \(reset by operator\)"
end_case

# --- seq: the LNS sends and requires sequence numbers: we must follow ------------
start_case seq mschap-v2 no +pppol2tp_send_seq +pppol2tp_recv_seq
check "seq: dial" dial
case_up "chap MS-v2"
check_eq "seq: session sequencing" true "$(jq -r .sequencing <<<"$(session_json "$lac" "$TID" "$SID")")"
check "seq: 1000-byte pings" ppp_ping "$lac" $PPP_LOCAL -s 1000
check "seq: SIGTERM to xl2tpd" kill "$XL2TPD_PID"
case_down peer "Connection ${TID:-none} closed to $LAC_IP, port [0-9]+ \(Server closing\)"
end_case

# --- lbit: xl2tpd's own data path, L bit on data ----------------------------------
start_case lbit chap yes "force userspace = yes" "length bit = yes" "hidden bit = yes"
check "lbit: xl2tpd carries the data itself" busywait 5000 \
	grep -q "Not looking for kernel support" "$XLOG"
check "lbit: dial (secret)" dial secret s3cret
case_up "chap MD5"
check "lbit: 1000-byte pings" ppp_ping "$lac" $PPP_LOCAL -s 1000
check "lbit: client down" l2 "$lac" client down c-lbit
case_down local "Call [0-9]+ to $LAC_IP disconnected|Connection closed to $LAC_IP, serial"
end_case

# --- hidden: we hide our AVPs from SCCCN on ---------------------------------------
# xl2tpd cannot read hidden AVPs in an SCCRQ (it picks the secret once the
# message is parsed): kl2tp hides nothing in SCCRQ/SCCRP (RFC 2661 4.3:
# hiding is per AVP and optional), and xl2tpd reads the rest.
start_case hidden mschap-v2 yes
check "hidden: dial (secret, hidden on)" dial secret s3cret hidden on
case_up "chap MS-v2"
check "hidden: ping -> $PPP_LOCAL" ppp_ping "$lac" $PPP_LOCAL
check "hidden: client down" l2 "$lac" client down c-hidden
case_down local "Call [0-9]+ to $LAC_IP disconnected|Connection closed to $LAC_IP, serial"
end_case

# --- what went on the wire ----------------------------------------------------
wire_read "$pcap" lac

check "hidden: kl2tp's messages carry hidden AVPs" test "$(wcase hidden lac ctrl hidden 1)" -ge 1
check_eq "chap: no hidden AVP from kl2tp without hidden on" 0 "$(wcase chap lac ctrl hidden 1)"
log "lbit: xl2tpd (hidden bit = yes) sent $(wcase lbit lns ctrl hidden 1) messages with hidden AVPs"
check "seq: xl2tpd's data has sequence numbers" test "$(wcase seq lns data sbit 1)" -ge 5
check "seq: kl2tp's data has them (RFC 2661 5.4)" test "$(wcase seq lac data sbit 1)" -ge 5
check_eq "seq: ...all of it once it started" 0 "$(wcase seq lac data sbit-late 0)"
check "seq: ...at most its first LCP packet without" test "$(wcase seq lac data sbit 0)" -le 1
check_eq "pap: no sequence numbers on kl2tp's data" 0 "$(wcase pap lac data sbit 1)"
check_eq "pap: none on xl2tpd's data" 0 "$(wcase pap lns data sbit 1)"
check "lbit: xl2tpd's data has the L bit" test "$(wcase lbit lns data lbit 1)" -ge 5
check_eq "lbit: ...all of it" 0 "$(wcase lbit lns data lbit 0)"
