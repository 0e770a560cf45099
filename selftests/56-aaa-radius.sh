#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# kl2tp-aaad against FreeRADIUS (Debian's 3.2, in its own namespace):
#
#   lac: clients  192.0.2.1 --- 192.0.2.2  lns: listener main   198.51.100.1 --- 198.51.100.2  rad:
#                                               kl2tp-aaad                                     freeradius
#
# - PAP, CHAP-MD5 and MS-CHAPv2 accepted (MS-CHAPv2: the client checks
#   the authenticator response FreeRADIUS computed); what the Access-Accept
#   says is applied: Framed-IP-Address, MS DNS servers, Framed-Pool,
#   Framed-Route, Framed-MTU, Session-Timeout; Reply-Message logged;
#   IPv6: Framed-IPv6-Prefix (routed, in the accounting; a second call of
#   that user IPv4 only while the first holds it, its again after; a /48
#   in no pool refused), Framed-IPv6-Pool; Delegated-IPv6-Prefix (the
#   client's, routed, in the accounting) and Delegated-IPv6-Prefix-Pool;
# - the Access-Request carries the NAS's facts (NAS-Identifier, NAS-Port,
#   NAS-Port-Id, NAS-Port-Type Virtual, Service-Type Framed, Framed-Protocol
#   PPP, Tunnel-Type L2TP, the tunnel's endpoints; Calling-Station-Id and
#   Called-Station-Id from bob's client's calling-number / called-number,
#   also in his accounting and in FreeRADIUS's detail file);
# - a wrong password and an unknown user refused, with the server's
#   Reply-Message in the log;
# - a wrong shared secret: FreeRADIUS drops the requests, the call is
#   refused because no server answered;
# - two servers, the first dead: the second answers;
# - accounting: Start at PPP up (with the Access-Accept's Class),
#   Interim-Update every Acct-Interim-Interval, Stop with octet and packet
#   counts equal to the session's after an iperf3 run and the terminate
#   cause: User-Request (the LAC hung up), Admin-Reset (session reset),
#   Session-Timeout, Idle-Timeout;
# - kill -9 of the agent with 100 sessions up: they stay up and pass
#   traffic; with no agent the next call is refused; the Stop of a call
#   that ended meanwhile is kept by the kernel and sent by the restarted
#   agent, which sends an Interim-Update for each live session at once;
# - RFC 5176 (radclient): a Disconnect-Request by Acct-Session-Id or by
#   Framed-IP-Address ends the call (ACK, Stop Admin-Reset); a CoA-Request
#   changes Session-Timeout (m7's call then ends: Session-Timeout), as
#   `l2tpctl session set` does; one naming no session, another NAS or an
#   attribute that cannot change is NAKed with the Error-Cause; one with a
#   wrong secret gets no answer and ends nothing; a retransmitted
#   Disconnect-Request (selftests/tools/rad_dae.py) gets the first one's
#   ACK again, one with an old Event-Timestamp no answer.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/l2tp.sh"
source "$(dirname "$0")/tools/aaa.sh"
source "$(dirname "$0")/tools/freeradius.sh"

require_cmd freeradius freeradius
require_cmd iperf3 iperf3
aaad=$KL2TP_ROOT/tools/aaad/kl2tp-aaad
[ -x "$aaad" ] || fail "$aaad not built (make tool)"

RAD_NAS=198.51.100.1
RAD_IP=198.51.100.2
SECRET=s3cret-for-kl2tp

ppp_setup auth chap,pap,mschapv2 aaa radius aaa-timeout 10
l2 "$lns" pool add p2 range 10.2.0.10-10.2.0.20 || fail "pool add p2"
l2 "$lns" pool add p3 range 10.3.0.1-10.3.0.200 || fail "pool add p3"
ip netns exec "$lns" iperf3 -s -D -I "$PWD/iperf3.pid"
defer sh -c "kill \$(cat $PWD/iperf3.pid)"
setup_ns rad
veth_pair "$lns" "$rad" $RAD_NAS/24 $RAD_IP/24

rdir=$KL2TP_OUT/$KL2TP_TEST-radius
rm -rf "$rdir"
freeradius_conf "$rdir" $RAD_NAS "$SECRET"
cat >"$rdir/users" <<'USERS'
bob	Cleartext-Password := "b0b"
	Framed-IP-Address = 10.0.0.150,
	MS-Primary-DNS-Server = 10.9.9.1,
	MS-Secondary-DNS-Server = 10.9.9.2,
	Acct-Interim-Interval = 2,
	Class = "bob-class",
	Reply-Message = "welcome bob"
carol	Cleartext-Password := "c4r0l"
	Framed-Pool = "p2",
	Framed-Route = "172.16.5.0/24",
	Framed-Route += "172.16.6.0/24 0.0.0.0 1",
	Framed-MTU = 1400,
	Session-Timeout = 3600
erin	Cleartext-Password := "3r1n"
	Framed-Pool = "p2"
dave	Cleartext-Password := "d4ve"
sam	Cleartext-Password := "s4m"
	Session-Timeout = 8
ivy	Cleartext-Password := "1vy"
	Idle-Timeout = 5
frank	Cleartext-Password := "fr4nk"
	Framed-IPv6-Prefix = 2001:db8:77::/64,
	Delegated-IPv6-Prefix = 2001:db8:f000:200::/56,
	DNS-Server-IPv6-Address = 2001:db8::99,
	Acct-Interim-Interval = 2
gina	Cleartext-Password := "g1na"
	Framed-IPv6-Pool = "v6",
	Delegated-IPv6-Prefix-Pool = "pd"
hank	Cleartext-Password := "h4nk"
	Framed-IPv6-Prefix = 2001:db8:88::/48
DEFAULT	User-Name =~ "^m[0-9]+$", Cleartext-Password := "many"
	Framed-Pool = "p3",
	Acct-Interim-Interval = 3600
USERS
in_ns "$rad" freeradius -f -d "$rdir" &
check "freeradius ready" busywait 60000 grep -q "Ready to process requests" \
	"$rdir/radius.log"

elns=$KL2TP_OUT/$KL2TP_TEST-lns.events
monitor_start "$lns" "$elns"
alog=$KL2TP_OUT/$KL2TP_TEST-aaad.log
: >"$alog"
# aaad_start ARGS...: the agent in the LNS's namespace, its pid in $apid
aaad_start() {
	# ip netns exec execs the agent: $! is its pid
	ip netns exec "$lns" "$aaad" -v "$@" 2>>"$alog" &
	apid=$!
	defer sh -c "kill -9 $apid 2>/dev/null; true"
	busywait 10000 sh -c "[ \$(grep -c '^kl2tp-aaad .*: the AAA agent' $alog) -gt $n_starts ]" &&
		kill -0 "$apid"
}
n_starts=0
aaad_stop() {
	kill -9 "$apid"
	wait "$apid" 2>/dev/null || true
	n_starts=$(grep -c '^kl2tp-aaad .*: the AAA agent' "$alog")
}

acct=$rdir/acct.log
# acct_id USER: the Acct-Session-Id of USER's session (as kl2tp-aaad
# writes it: 16 hex digits)
acct_id() {
	printf %016X "$(session_field "$lns" acct_session_id ".user == \"$1\"")"
}
# acct_has LINE-REGEX: FreeRADIUS's accounting log has such a line
acct_has() {
	grep -qE "$1" "$acct"
}
# acct_n LINE-REGEX: how many
acct_n() {
	grep -cE "$1" "$acct" || true
}

# 1. the agent with one server
check "kl2tp-aaad starts" aaad_start --server $RAD_IP --secret "$SECRET" \
	--nas-identifier lns-test
# second_agent: what another agent in the namespace says, and its exit
second_agent() {
	local out rc=0
	out=$(timeout 10 ip netns exec "$lns" "$aaad" --server $RAD_IP \
		--secret x 2>&1 >/dev/null) || rc=$?
	echo "$out, exit $rc"
}
check_eq "a second agent is refused" \
	"another AAA agent serves this network namespace, exit 1" "$(second_agent)"

# kmsg_count PATTERN: lines of the kernel's log that match (other tests of
# this boot may have logged some)
kmsg_count() {
	dmesg | grep -c "$1" || true
}
n_welcome=$(kmsg_count 'AAA accept: welcome bob')
# bob's LAC forwards his line and the number he dialled (a space in one)
BOB_LINE="00:11:22:33:44:55 port 7"
check "bob (PAP) dials, with a Calling and a Called Number" dial c1 bob b0b pap \
	calling-number "$BOB_LINE" called-number 5551234
check "... up" wait_eq 20000 1 n_sessions "$lns" up
check_eq "... auth radius" radius "$(auth_of)"
check "... with his Framed-IP-Address" wait_eq 10000 10.0.0.150 \
	client_session "$lac" c1 address
check_eq "... his MS DNS servers" "10.9.9.1 10.9.9.2" \
	"$(client_session "$lac" c1 dns)"
check "... the Reply-Message logged" test \
	"$(kmsg_count 'AAA accept: welcome bob')" -gt "$n_welcome"
check "... FreeRADIUS logged the login" grep -q "Login OK: \[bob\]" "$rdir/radius.log"
check "... the request's NAS facts" grep -qE \
	"^Access-Accept bob nas lns-test port [0-9]+ [0-9]+/[0-9]+ type Virtual service Framed-User PPP tunnel L2TP $LAC_IP $LNS_IP calling $BOB_LINE called 5551234\$" \
	"$rdir/auth.log"
check_eq "... session show: his Calling Number" "$BOB_LINE" \
	"$(session_field "$lns" calling_number '.user == "bob"')"
check_eq "... and Called Number" 5551234 \
	"$(session_field "$lns" called_number '.user == "bob"')"
bid=$(acct_id bob)
check "accounting Start, with his Class and address" busywait 10000 acct_has \
	"^Start bob $bid in 0 0 out 0 0 time none cause none class 0x626f622d636c617373 address 10.0.0.150 port [0-9]+/[0-9]+ nas lns-test calling $BOB_LINE called 5551234\$"
check_eq "... session show: acct_interim 2" 2 \
	"$(session_field "$lns" acct_interim '.user == "bob"')"
check "Interim-Updates every 2 s" busywait 10000 sh -c \
	"[ \$(grep -c '^Interim-Update bob $bid .* time [0-9]* cause none class 0x626f622d636c617373 ' $acct) -ge 2 ]"
# iperf3 both ways: the Stop must carry what the session counted
iperf_both() {
	local dir bytes
	for dir in "" -R; do
		bytes=$(ip netns exec "$lac" iperf3 -c $PPP_LOCAL -n 1M -J $dir |
			jq -r '.end.sum_sent.bytes') || return 1
		[ "$bytes" -ge 1048576 ] || return 1
	done
}
check "iperf3 both ways through his session" iperf_both
sleep 1
counts=$(jq_in "$lns" '.[0] | "\(.rx_bytes) \(.rx_packets) out \(.tx_bytes) \(.tx_packets)"' -s session show)
log "bob's session counted: in $counts"
check "... his Interim-Updates carry the numbers" grep -qE \
	"^Interim-Update bob $bid .* calling $BOB_LINE called 5551234\$" "$acct"
check "client set c1 calling-number none" l2 "$lac" client set c1 calling-number none
check_eq "... client show: no calling_number, the called_number kept" "null 5551234" \
	"$(jq_in "$lac" '.[0] | "\(.calling_number) \(.called_number)"' client show c1)"
l2 "$lac" client del c1
check "bob hung up" busywait 20000 all_clean "$lac" "$lns"
check "his Stop: the session's counts, cause User-Request, his numbers" busywait 10000 acct_has \
	"^Stop bob $bid in $counts time [0-9]+ cause User-Request class 0x626f622d636c617373 address 10.0.0.150 .* calling $BOB_LINE called 5551234\$"
check "... and in FreeRADIUS's detail file, with Calling-Station-Id" grep -qF \
	"Calling-Station-Id = \"$BOB_LINE\"" "$rdir/detail"
# detail_n STATUS ID: FreeRADIUS's detail records of that status and session
detail_n() {
	awk -v RS= -v id="Acct-Session-Id = \"$2\"" -v st="Acct-Status-Type = $1" \
		'index($0, id) && index($0, st) { n++ } END { print n + 0 }' "$rdir/detail"
}
check_eq "... his Start and Stop there, once each" "1 1" \
	"$(detail_n Start "$bid") $(detail_n Stop "$bid")"
# (each direction's receiver may not count what was in flight when its
# sender finished: the sum, then)
check "... iperf3's megabyte in them" test \
	$(($(cut -d' ' -f1 <<<"$counts") + $(cut -d' ' -f4 <<<"$counts"))) -gt 1048576

check "carol (CHAP-MD5) dials" dial c2 carol c4r0l chap
check "... up" wait_eq 20000 1 n_sessions "$lns" up
check_eq "... auth radius" radius "$(session_field "$lns" auth '.user == "carol"')"
check "... her request: no Calling or Called Number" grep -qE \
	"^Access-Accept carol .* calling none called none\$" "$rdir/auth.log"
check_eq "... an address of her Framed-Pool" 1 "$(pool_used "$lns" p2)"
nif=$(session_field "$lns" ifname '.user == "carol"')
check_eq "... her Framed-Routes through her session" 2 \
	"$(ip -n "$lns" route show | grep -cE "^172\.16\.[56]\.0/24 .*dev $nif ")"
check_eq "... her Framed-MTU" 1400 "$(ip -n "$lns" -j link show dev "$nif" | jq '.[0].mtu')"
check_eq "... her Session-Timeout" 3600 \
	"$(session_field "$lns" session_timeout '.user == "carol"')"

check "erin (MS-CHAPv2) dials" dial c3 erin 3r1n mschapv2
check "... up: her client took FreeRADIUS's authenticator response" \
	wait_eq 20000 2 n_sessions "$lns" up
check_eq "... auth radius" radius "$(session_field "$lns" auth '.user == "erin"')"
check_eq "... an address of her Framed-Pool" 2 "$(pool_used "$lns" p2)"
cid=$(acct_id carol)
check "session reset of carol's call" l2 "$lns" session reset \
	"$(session_field "$lns" local_id '.user == "carol"')"
check "... her Stop: cause Admin-Reset" busywait 10000 acct_has \
	"^Stop carol $cid .* cause Admin-Reset "
for c in c2 c3; do
	l2 "$lac" client del $c
done
check "all hung up" busywait 20000 all_clean "$lac" "$lns"

check "sam (Session-Timeout 8: ivy must be up before it ends) dials" dial c4 sam s4m pap
check "ivy (Idle-Timeout 5) dials" dial c5 ivy 1vy pap
check "... up" wait_eq 20000 2 n_sessions "$lns" up
check_eq "... ivy's idle_timeout" 5 "$(session_field "$lns" idle_timeout '.user == "ivy"')"
check "sam's Stop: cause Session-Timeout" busywait 15000 acct_has \
	"^Stop sam [0-9A-F]{16} .* cause Session-Timeout "
check "ivy's Stop: cause Idle-Timeout" busywait 15000 acct_has \
	"^Stop ivy [0-9A-F]{16} .* cause Idle-Timeout "
check "... the CDN said so" busywait 5000 sh -c "jq -se '[.[] |
	select(.event == \"session-down\" and .message == \"idle timeout\")] |
	length == 1' $elns >/dev/null"
l2 "$lac" client del c4
l2 "$lac" client del c5
check "both gone" busywait 20000 all_clean "$lac" "$lns"

# IPv6 from RADIUS: the listener names no IPv6 pool, so only these users'
# sessions run IPV6CP.
prefix6_of() {
	session_field "$lns" prefix6 ".user == \"$1\""
}
# route6_via PREFIX USER: the LNS routes PREFIX through USER's device
route6_via() {
	ip -n "$lns" -j -6 route show "$1" |
		jq -e ".[0].dev == \"$(session_field "$lns" ifname ".user == \"$2\"")\"" >/dev/null
}
check "an IPv6 pool v6" l2 "$lns" pool add v6 prefix 2001:db8:100::/48 length 64
check "a pool pd of delegated prefixes" l2 "$lns" pool add pd prefix 2001:db8:f000::/40 \
	length 56
check "frank (Framed-IPv6-Prefix) dials, ipv6 on" dial c6 frank fr4nk pap ipv6 on pd on
check "gina (Framed-IPv6-Pool v6) dials, ipv6 on" dial c7 gina g1na pap ipv6 on pd on
check "... both up" wait_eq 20000 2 n_sessions "$lns" up
check "... frank's prefix from RADIUS" wait_eq 20000 2001:db8:77::/64 prefix6_of frank
check "... routed through his session" route6_via 2001:db8:77::/64 frank
check "... gina's from pool v6" wait_eq 20000 2001:db8:100::/64 prefix6_of gina
check_eq "... one prefix of v6 used" 1 "$(pool_used "$lns" v6)"
check "... his prefix in his Interim-Update (FreeRADIUS's detail file)" \
	busywait 10000 grep -qF "Framed-IPv6-Prefix = 2001:db8:77::/64" "$rdir/detail"
check "... his delegated prefix (Delegated-IPv6-Prefix) at his client" wait_eq 20000 \
	2001:db8:f000:200::/56 client_session "$lac" c6 pd_prefix
check "... routed through his session" route6_via 2001:db8:f000:200::/56 frank
check "... in his Interim-Update too" busywait 10000 \
	grep -qF "Delegated-IPv6-Prefix = 2001:db8:f000:200::/56" "$rdir/detail"
check "... gina's (Delegated-IPv6-Prefix-Pool pd) the pool's first" wait_eq 20000 \
	2001:db8:f000::/56 client_session "$lac" c7 pd_prefix
check_eq "... two prefixes of pd used" 2 "$(pool_used "$lns" pd)"
n_inuse=$(kmsg_count 'no IPv6 prefix: IPv6 prefix given is in use')
check "frank again, while his first call is up" dial c8 frank fr4nk pap ipv6 on
check "... up, IPv4 only: his prefix is in use" busywait 20000 sh -c \
	"[ \$(dmesg | grep -c 'no IPv6 prefix: IPv6 prefix given is in use') -gt $n_inuse ]"
check_eq "... three sessions" 3 "$(n_sessions "$lns" up)"
l2 "$lac" client del c8
l2 "$lac" client del c7
check "all three hung up" hang_up c6
check "... the prefix back in v6 (devices gone)" wait_eq 10000 0 pool_used "$lns" v6
check "... the delegated ones back in pd" wait_eq 10000 0 pool_used "$lns" pd
check "frank again: his prefix is free again" dial c6 frank fr4nk pap ipv6 on
check "... routed for him" wait_eq 20000 2001:db8:77::/64 prefix6_of frank
check "... hung up" hang_up c6
n_not64=$(kmsg_count 'no IPv6 prefix: IPv6 prefix given in no IPv6 pool is not a /64')
check "hank (a /48 in no pool) dials, ipv6 on" dial c6 hank h4nk pap ipv6 on
check "... up, IPv4 only: not a /64" busywait 20000 sh -c \
	"[ \$(dmesg | grep -c 'no IPv6 prefix: IPv6 prefix given in no IPv6 pool is not a /64') -gt $n_not64 ]"
check "... hung up" hang_up c6

n_denied=$(kmsg_count 'AAA reject: access denied for dave')
check "dave, wrong password (CHAP): refused by the AAA server" \
	dial_refused c4 dave nope chap "refused by the AAA server"
check "... logged with the server's Reply-Message" test \
	"$(kmsg_count 'AAA reject: access denied for dave')" -gt "$n_denied"
hang_up c4
check "mallory, unknown (PAP): refused by the AAA server" \
	dial_refused c4 mallory x pap "refused by the AAA server"
hang_up c4
check "erin, wrong password (MS-CHAPv2): refused" \
	dial_refused c4 erin nope mschapv2 "refused by the AAA server"
hang_up c4
check_eq "the agent logged three rejects" 3 "$(grep -c ': reject' "$alog")"
check_eq "no accounting for refused calls" 0 "$(acct_n '^[A-Za-z-]+ (dave|mallory) ')"

# 2. a wrong shared secret
aaad_stop
check "kl2tp-aaad with a wrong secret" aaad_start --server $RAD_IP \
	--secret wrong --timeout 1 --retries 1
check "bob refused: no AAA server answered" \
	dial_refused c5 bob b0b pap "no AAA server answered"
check "... FreeRADIUS dropped the requests" grep -q \
	"invalid Message-Authenticator" "$rdir/radius.log"
hang_up c5

# 3. failover: the first server does not answer (no host has its address)
aaad_stop
check "kl2tp-aaad with a dead first server" aaad_start \
	--server 198.51.100.9 --server $RAD_IP --secret "$SECRET" --timeout 1 \
	--retries 0
check "bob dials" dial c6 bob b0b pap
check "... up through the second server" wait_eq 20000 1 n_sessions "$lns" up
check "... the agent says which server" grep -q \
	"answered by server 2" "$alog"
check "... and so is his Start (port 1813 of each)" busywait 10000 acct_has \
	"^Start bob $(acct_id bob) "
check "carol dials too" dial c7 carol c4r0l chap
check "... up" wait_eq 20000 2 n_sessions "$lns" up

# 4. 100 more calls, then the agent dies: the sessions are the kernel's
aaad_stop
check "kl2tp-aaad restarted" aaad_start --server $RAD_IP --secret "$SECRET"
calls=$KL2TP_OUT/$KL2TP_TEST-calls.conf
for i in $(seq 100); do
	echo "client add m$i lns $LNS_IP user m$i password many redial off auth pap"
done >"$calls"
for i in $(seq 100); do
	echo "client up m$i"
done >>"$calls"
t0=$(date +%s%N)
check "100 calls of m1..m100 (a DEFAULT entry) dialled" ip netns exec "$lac" l2tpctl -f "$calls"
check "... all up through RADIUS" wait_eq 120000 102 n_sessions "$lns" up
log "100 calls through RADIUS up in $((($(date +%s%N) - t0) / 1000000)) ms (TCG)"
check "... their Starts" busywait 30000 sh -c \
	"[ \$(grep -cE '^Start m[0-9]+ ' $acct) -eq 100 ]"
aaad_stop
check "agent killed: 102 sessions still up" test "$(n_sessions "$lns" up)" = 102
check "... bob's passes traffic" ppp_ping "$lac" $PPP_LOCAL -I \
	"$(client_session "$lac" c6 ifname)"
check "... and m50's" ppp_ping "$lac" $PPP_LOCAL -I \
	"$(client_session "$lac" m50 ifname)"
cid=$(acct_id carol)
l2 "$lac" client del c7
check "carol hung up while there is no agent" wait_eq 20000 101 n_sessions "$lns" up
check "no agent: erin refused: no AAA agent" \
	dial_refused c8 erin 3r1n mschapv2 "no AAA agent"
l2 "$lac" client del c8
check_eq "... carol's Stop not sent yet" 0 "$(acct_n "^Stop carol $cid ")"
n_interim=$(acct_n '^Interim-Update m[0-9]+ ')
check "kl2tp-aaad restarted" aaad_start --server $RAD_IP --secret "$SECRET"
check "... sends carol's Stop, kept by the kernel" busywait 5000 acct_has \
	"^Stop carol $cid .* cause User-Request "
check "... and an Interim-Update for each of the 100 live calls" busywait 30000 sh -c \
	"[ \$(grep -cE '^Interim-Update m[0-9]+ ' $acct) -ge $((n_interim + 100)) ]"
check "erin dials" dial c9 erin 3r1n mschapv2
check "... up" wait_eq 20000 102 n_sessions "$lns" up

# 5. RFC 5176, from FreeRADIUS's namespace (radclient)
# dae CODE SECRET ATTRS: the request to the agent's port 3799; radclient's
# report (the answer's code and attributes) in $dae_out
dae() {
	dae_out=$(echo "$3" | ip netns exec "$rad" radclient -x -r 1 -t 3 \
		$RAD_NAS:3799 "$1" "$2" 2>&1 || true)
	log "radclient $1: $(echo "$dae_out" | tr '\n' ' ')"
}
eid=$(acct_id erin)
dae disconnect "$SECRET" "Acct-Session-Id=$eid"
check "Disconnect-Request naming erin's Acct-Session-Id: ACKed" \
	grep -q "Received Disconnect-ACK" <<<"$dae_out"
check "... her call ended" wait_eq 20000 101 n_sessions "$lns" up
check "... her Stop: Admin-Reset" busywait 10000 acct_has \
	"^Stop erin $eid .* cause Admin-Reset "
# raw_dae MODE ATTRS...: selftests/tools/rad_dae.py from FreeRADIUS's side
raw_dae() {
	ip netns exec "$rad" python3 "$KL2TP_ROOT/selftests/tools/rad_dae.py" \
		$RAD_NAS 3799 "$SECRET" "$@"
}
m8id=$(acct_id m8)
check_eq "a Disconnect-Request for m8 and its retransmission: the same ACK" \
	"41 41 same" "$(raw_dae twice "Acct-Session-Id=$m8id")"
check "... his call ended" wait_eq 20000 100 n_sessions "$lns" up
check "... his Stop: Admin-Reset" busywait 10000 acct_has \
	"^Stop m8 $m8id .* cause Admin-Reset "
check_eq "a Disconnect-Request 1000 s old (Event-Timestamp): no answer" \
	"no answer" "$(raw_dae stale User-Name=bob)"
check "... dropped by the agent" grep -q \
	"dropped: Event-Timestamp out of the window" "$alog"
check_eq "... bob still up" up "$(session_field "$lns" state '.user == "bob"')"
check_eq "the same, timestamped now: NAKed (bob has no such address)" 42 \
	"$(raw_dae fresh User-Name=bob Framed-IP-Address=10.9.9.9)"
dae disconnect "$SECRET" "User-Name=nobody"
check "one naming nobody's User-Name: NAKed" grep -q "Received Disconnect-NAK" <<<"$dae_out"
check "... Error-Cause Session-Context-Not-Found" grep -q \
	"Error-Cause = Session-Context-Not-Found" <<<"$dae_out"
dae disconnect wrong-secret "Framed-IP-Address=10.0.0.150"
check "one with a wrong secret: no answer" grep -q "No reply from server" <<<"$dae_out"
check "... dropped by the agent" grep -q \
	"RFC 5176 request from $RAD_IP dropped: it does not check with its secret" "$alog"
check_eq "... bob still up" up "$(session_field "$lns" state '.user == "bob"')"
dae disconnect "$SECRET" "NAS-Identifier=another-nas,User-Name=bob"
check "one for another NAS: NAKed, NAS-Identification-Mismatch" grep -q \
	"Error-Cause = NAS-Identification-Mismatch" <<<"$dae_out"
dae coa "$SECRET" "User-Name=bob,Session-Timeout=600"
check "a CoA-Request giving bob Session-Timeout 600: ACKed" grep -q \
	"Received CoA-ACK" <<<"$dae_out"
check "... session show says so" wait_eq 5000 600 \
	session_field "$lns" session_timeout '.user == "bob"'
bsid=$(session_field "$lns" local_id '.user == "bob"')
check "l2tpctl session set: idle-timeout 900" l2 "$lns" session set "$bsid" \
	idle-timeout 900
check "... session show says so" wait_eq 5000 900 \
	session_field "$lns" idle_timeout '.user == "bob"'
out=$(l2 "$lns" session set 65000 idle-timeout 1 2>&1 && echo "exit 0" || true)
check "... of a session that is not there: refused (no such session)" \
	grep -q "session set 65000: no such session" <<<"$out"
dae coa "$SECRET" "User-Name=bob,Framed-MTU=1000"
check "a CoA-Request changing what cannot change: NAKed, Unsupported-Attribute" \
	grep -q "Error-Cause = Unsupported-Attribute" <<<"$dae_out"
m7id=$(acct_id m7)
dae coa "$SECRET" "Acct-Session-Id=$m7id,Session-Timeout=2"
check "a CoA-Request giving m7 Session-Timeout 2: ACKed" grep -q \
	"Received CoA-ACK" <<<"$dae_out"
check "... his call ends: Stop, Session-Timeout" busywait 15000 acct_has \
	"^Stop m7 $m7id .* cause Session-Timeout "
dae disconnect "$SECRET" "Framed-IP-Address=10.0.0.150"
check "a Disconnect-Request naming bob's Framed-IP-Address: ACKed" \
	grep -q "Received Disconnect-ACK" <<<"$dae_out"
check "... his call ended" wait_eq 20000 98 n_sessions "$lns" up
check "the LAC flushed: its 98 calls end" l2 "$lac" flush
check "all hung up" busywait 60000 all_clean "$lac" "$lns"
check "... 100 Stops of the m calls (m7's included)" busywait 30000 sh -c \
	"[ \$(grep -cE '^Stop m[0-9]+ ' $acct) -eq 100 ]"
check_eq "no accounting record lost" 0 "$(l2 "$lns" metrics |
	awk '$1 == "kl2tp_accounting_records_dropped_total" { print $2 }')"
