#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# DHCPv6 prefix delegation (issue 12): the LNS delegates a prefix to the
# user's router; the client asks for one and numbers the network behind it.
#
#   home 2001:db8:f000::100 --veth-- lac: c1 ==== l2tpN ==== lns: main
#        (default via ::1)      pd-dev vh (::1/64)            pool6 v6, pd-pool pd
#                                                             2001:db8:ffff::1 on lo
#
# - Configuration: pd-pool names an IPv6 pool (not an IPv4 one, not an
#   unknown one); a client's pd needs ipv6, pd-dev
#   needs pd; a pool of delegated prefixes in use by a listener or a user
#   cannot go.
# - Client c1 (ipv6, pd on, pd-dev vh) dials: both ends show the same
#   delegated prefix (the pool's first /56); the LNS routes it through the
#   session; the client routes it unreachable and puts ::1/64 of it on vh;
#   a host behind the client reaches an address of the LNS's through the
#   session from its address in the prefix, and one outside the user's
#   prefixes is dropped and counted on the LNS device. On the wire (tshark):
#   Solicit with Rapid Commit and an IA_PD, a Reply with the prefix, no
#   malformed packet. With pd_lifetime 20 s, c1 renews (Renew, Reply)
#   and still holds its prefix after 25 s.
# - dhcpcd (-6, ia_pd) on the device of a session whose client does not
#   ask (Solicit, Advertise, Request, Reply): it gets the pool's second /56
#   (each dual-stack session has its prefix from IPV6CP up).
# - A user's pd-pool wins over the listener's.
# - A listener with a shared device: two dual-stack users with delegated
#   prefixes, the LNS's routes to their prefixes through it via
#   fe80::5efe:ADDR (ADDR each user's IPv4 address), a ping from each
#   SLAAC address answered through it, no transmit error counted there;
#   hung up, the routes go and the prefixes go back.
# - A verdict of the AAA agent with a delegated prefix: one of a pool's is
#   taken (the same prefix for a second call refused: in use), one in no
#   pool is refused, a pool of them taken from; a verdict with a prefix and
#   a pool, or a prefix with bits beyond its length, is refused.
# - Hang-ups give the prefixes back and take the routes and the address
#   away; rmmod with a delegated prefix live leaves no route behind.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/l2tp.sh"

require_cmd tshark tshark
require_cmd dumpcap wireshark-common
require_cmd dhcpcd dhcpcd-base

# lifetimes of 20 s (preferred 10, Renew at 5, Rebind at 8)
set_param pd_lifetime 20
ppp_setup auth pap
pcap=$KL2TP_OUT/$KL2TP_TEST.pcapng
capture_start "$lns" "$VETH2" "$pcap"

check "v6 pool add" l2 "$lns" pool add v6 prefix 2001:db8:100::/48 length 64 \
	dns 2001:db8::53
check "pd pool add (/40 in /56s)" l2 "$lns" pool add pd prefix 2001:db8:f000::/40 \
	length 56
check_fail "pd-pool naming an IPv4 pool" l2 "$lns" lns set main pd-pool p1
check_fail "pd-pool naming no pool" l2 "$lns" lns set main pd-pool nosuch
check "listener main: pool6 v6, pd-pool pd" l2 "$lns" lns set main pool6 v6 pd-pool pd
check_eq "listener main shows pd-pool" pd "$(jq_in "$lns" '.[0].pd_pool' lns show main)"
check_fail "pool pd in use by the listener cannot go" l2 "$lns" pool del pd
check_fail "client pd without ipv6" l2 "$lac" client add bad lns $LNS_IP \
	user alice password pw pd on
check_fail "client pd-dev without pd" l2 "$lac" client add bad lns $LNS_IP \
	user alice password pw ipv6 on pd-dev vh
check_fail "client pd-dev, an invalid name" l2 "$lac" client add bad lns $LNS_IP \
	user alice password pw ipv6 on pd on pd-dev "a/b"

# The LNS's own address beyond the session, and the network behind c1.
check "LNS: 2001:db8:ffff::1 on lo" ip -n "$lns" addr add 2001:db8:ffff::1/128 dev lo
setup_ns home
veth_pair "$lac" "$home" "" "" vh vh
check "home: 2001:db8:f000::100/64, default via ::1" sh -c "
	ip -n $home addr add 2001:db8:f000::100/64 dev vh nodad &&
	ip -n $home -6 route add default via 2001:db8:f000::1"
check "lac forwards IPv6" ip netns exec "$lac" sysctl -qw net.ipv6.conf.all.forwarding=1

# route6 NS PREFIX: "TYPE DEV" of the IPv6 route to PREFIX (DEV - when none).
route6() {
	ip -n "$1" -j -6 route show "$2" |
		jq -r '.[0] // empty | "\(.type // "unicast") \(.dev // "-")"'
}

check "c1: ipv6 on, pd on, pd-dev vh" ppp_dial "$lac" c1 alice pw auth pap \
	redial off ipv6 on pd on pd-dev vh default-route on
check_eq "c1 shows pd and pd-dev" "true vh" \
	"$(jq_in "$lac" '.[0] | "\(.pd) \(.pd_dev)"' client show c1)"
check "c1: a delegated prefix" wait_eq 30000 2001:db8:f000::/56 \
	client_session "$lac" c1 pd_prefix
c1_bound=$SECONDS
lif=$(client_session "$lac" c1 ifname)
nif=$(session_field "$lns" ifname)
check_eq "LNS: the same prefix, delegated" 2001:db8:f000::/56 \
	"$(session_field "$lns" pd_prefix)"
check_eq "LNS: one prefix of pd used" 1 "$(pool_used "$lns" pd)"
check_eq "LNS: routed through $nif" "unicast $nif" "$(route6 "$lns" 2001:db8:f000::/56)"
check_eq "c1: routed unreachable" "unreachable lo" "$(route6 "$lac" 2001:db8:f000::/56)"
check "c1: 2001:db8:f000::1/64 on vh" sh -c \
	"ip -n $lac -6 -o addr show dev vh | grep -q 'inet6 2001:db8:f000::1/64'"
check "c1: an IPv6 default route through $lif" busywait 20000 \
	sh -c "ip -n $lac -6 route show default | grep -q 'dev $lif '"
check "home -> 2001:db8:ffff::1 through the session" \
	ip netns exec "$home" ping -6 -q -c 3 -i 0.3 -W 3 2001:db8:ffff::1
before=$(link_stat "$lns" "$nif" rx errors)
check "home: a source outside the user's prefixes" \
	ip -n "$home" addr add 2001:db8:eeee::100/128 dev vh nodad
check_fail "home: ping6 from 2001:db8:eeee::100 gets no answer" \
	ip netns exec "$home" ping -6 -q -c 2 -i 0.3 -W 1 -I 2001:db8:eeee::100 \
	2001:db8:ffff::1
check "... dropped and counted on the LNS device" \
	test "$(link_stat "$lns" "$nif" rx errors)" -ge $((before + 2))

# dhcpcd against the LNS: Solicit, Advertise, Request, Reply. (ISC's
# dhclient takes no PPP device.) Its state goes to a tmpfs of its own:
# the guest's /var/lib is read-only.
check "c2: ipv6 on, no pd" ppp_dial "$lac" c2 alice pw auth pap redial off ipv6 on
check "c2: IPV6CP up" wait_eq 30000 true \
	sh -c "ip netns exec $lac l2tpctl -j session show | jq '[.[] | select(.link_local != null)] | length == 2'"
l2if=$(jq_in "$lac" '[.[] | select(.link_local != null and .pd_prefix == null)][0].ifname' \
	session show)
check "LNS: a prefix of pd for each session (from IPV6CP up)" wait_eq 20000 2 \
	pool_used "$lns" pd
printf 'ipv6only\nnoipv6rs\nduid\ninterface %s\n\tia_pd 1\n' "$l2if" >"$PWD/dhcpcd.conf"
check "dhcpcd -6 on $l2if: a delegated prefix" timeout 60 unshare -m sh -c "
	mount -t tmpfs none /var/lib && exec ip netns exec $lac dhcpcd -f $PWD/dhcpcd.conf \
	-B -1 -6 -t 40 -c /bin/true -j $PWD/dhcpcd.log $l2if"
check "dhcpcd: the pool's second /56" grep -q "2001:db8:f000:100::/56" "$PWD/dhcpcd.log"

# A user's pool of delegated prefixes before the listener's.
check "pool pd2 add (/48 in /60s)" l2 "$lns" pool add pd2 prefix 2001:db8:e000::/48 length 60
check "user bob, pd-pool pd2" l2 "$lns" user add bob password b0b pd-pool pd2
check_eq "bob shows pd-pool" pd2 "$(jq_in "$lns" '.[0].pd_pool' user show bob)"
check_fail "pool pd2 in use by bob cannot go" l2 "$lns" pool del pd2
check "cb: bob, pd on" ppp_dial "$lac" cb bob b0b auth pap redial off ipv6 on pd on
check "cb: 2001:db8:e000::/60" wait_eq 30000 2001:db8:e000::/60 \
	client_session "$lac" cb pd_prefix
check "cb: hang up" l2 "$lac" client down cb
check "cb: pd2 free again" wait_eq 20000 0 pool_used "$lns" pd2
check "cb: no route left on the client" busywait 20000 \
	sh -c "! ip -n $lac -6 route show 2001:db8:e000::/60 | grep -q ."

# Renewals: c1 still holds its prefix after its valid lifetime, and asked
# for it once (had a renewal failed, it would have solicited again).
c1ll=$(client_session "$lac" c1 link_local)
while [ $((SECONDS - c1_bound)) -lt 25 ]; do sleep 1; done
check_eq "c1: its prefix still held after 25 s (valid 20 s: renewed)" \
	2001:db8:f000::/56 "$(client_session "$lac" c1 pd_prefix)"
check_eq "c1: still routed unreachable" "unreachable lo" "$(route6 "$lac" 2001:db8:f000::/56)"
capture_stop
# dhcp6 NS-filter FIELD: a field of the DHCPv6 messages in the capture.
dhcp6() {
	tshark -r "$pcap" -Y "dhcpv6$1" -T fields -e "$2" 2>/dev/null | sort -u | tr '\n' ' '
}
check "tshark: Solicit with Rapid Commit and IA_PD (c1)" test -n \
	"$(dhcp6 ' && dhcpv6.msgtype == 1 && dhcpv6.option.type == 14 && dhcpv6.option.type == 25' frame.number)"
check "tshark: Reply with 2001:db8:f000::/56" test -n \
	"$(dhcp6 ' && dhcpv6.msgtype == 7 && dhcpv6.iaprefix.pref_addr == 2001:db8:f000::' frame.number)"
# (the capture keeps 200 bytes of a frame: a Renew's IA_PD is cut off)
check "tshark: c1's Renews" test -n \
	"$(dhcp6 " && ipv6.src == $c1ll && dhcpv6.msgtype == 5" frame.number)"
check_eq "tshark: c1 solicited once" 1 \
	"$(dhcp6 " && ipv6.src == $c1ll && dhcpv6.msgtype == 1" frame.number | wc -w)"
check "tshark: the LNS's Replies with 2001:db8:f000::/56 to them too" test \
	"$(dhcp6 ' && dhcpv6.msgtype == 7 && dhcpv6.iaprefix.pref_addr == 2001:db8:f000::' \
	frame.number | wc -w)" -ge 3
check "tshark: Advertise, Request and Reply for dhcpcd (2001:db8:f000:100::)" test \
	"$(dhcp6 ' && dhcpv6.iaprefix.pref_addr == 2001:db8:f000:100::' dhcpv6.msgtype)" = "2 3 7 "
check_eq "tshark: no malformed packet" 0 \
	"$(tshark -r "$pcap" -Y "_ws.malformed || _ws.expert.severity >= error" 2>/dev/null |
	wc -l)"


# Hang-ups: c1's prefix back, its routes and address gone.
check "c1: hang up" l2 "$lac" client down c1
check "c1: one prefix of pd used (c2's)" wait_eq 20000 1 pool_used "$lns" pd
check_eq "c1: no route left on the LNS" "" "$(route6 "$lns" 2001:db8:f000::/56)"
check "c1: no route left on the client" busywait 20000 \
	sh -c "! ip -n $lac -6 route show 2001:db8:f000::/56 | grep -q ."
check_eq "c1: no address left on vh" "" \
	"$(ip -n "$lac" -6 -o addr show dev vh scope global)"

# A shared device (one for all sessions): the routes to each user's
# prefixes via fe80::5efe:ADDR, ADDR the user's IPv4 address.
check "listener sh: shared-dev l2sh, pool6 v6, pd-pool pd" l2 "$lns" lns add sh \
	listen $LNS_IP:1709 local-ip $PPP_LOCAL pool p1 pool6 v6 pd-pool pd auth pap \
	shared-dev l2sh
# has CLIENT FIELD: the field of CLIENT's session is there
has() {
	test -n "$(client_session "$lac" "$1" "$2")"
}
# global6 NS DEV: DEV's global IPv6 addresses
global6() {
	ip -n "$1" -j -6 addr show dev "$2" scope global | jq -r '.[0].addr_info[]?.local'
}
for c in s1 s2; do
	check "$c: dials sh, ipv6 on, pd on" l2 "$lac" client add $c lns $LNS_IP:1709 \
		user alice password pw auth pap redial off ipv6 on pd on
	check "$c: up" l2 "$lac" client up $c
	check "$c: a delegated prefix" busywait 30000 has $c pd_prefix
	sif=$(client_session "$lac" $c ifname)
	check "$c: an address by SLAAC on $sif" busywait 30000 \
		sh -c "ip -n $lac -j -6 addr show dev $sif scope global | grep -q 2001:db8:100:"
done
check_eq "LNS: the routes via the users' names are to their prefixes" \
	"$(jq_in "$lns" '[.[] | select(.ifname == "l2sh") | .prefix6, .pd_prefix] |
	sort | join(" ")' session show)" \
	"$(ip -n "$lns" -j -6 route show dev l2sh | jq -r '[.[] | select(.gateway // "" |
	startswith("fe80::5efe:")) | .dst] | sort | join(" ")')"
check_eq "LNS: four of them, via the users' IPv4 addresses" 4 \
	"$(ip -n "$lns" -j -6 route show dev l2sh | jq '[.[] | select(.gateway // "" |
	startswith("fe80::5efe:a00:"))] | length')"
shtx=$(link_stat "$lns" l2sh tx errors)
for c in s1 s2; do
	sif=$(client_session "$lac" $c ifname)
	check "$c: a route to 2001:db8:ffff::1 through $sif" \
		ip -n "$lac" -6 route add 2001:db8:ffff::1/128 dev "$sif" metric "${c#s}"
	check "$c: ping6 2001:db8:ffff::1 from its SLAAC address, through l2sh" \
		ip netns exec "$lac" ping -6 -q -c 3 -i 0.3 -W 3 -I "$sif" 2001:db8:ffff::1
done
check_eq "LNS: no transmit error on l2sh (its own MLD goes nowhere)" "$shtx" \
	"$(link_stat "$lns" l2sh tx errors)"
check "s1, s2: hang up" sh -c "ip netns exec $lac l2tpctl client del s1 &&
	ip netns exec $lac l2tpctl client del s2"
check "their routes on l2sh gone" busywait 20000 sh -c \
	"! ip -n $lns -6 route show dev l2sh 2>/dev/null | grep -q 'via fe80::5efe:'"
check "their prefixes back (dhcpcd's still out)" wait_eq 20000 1 pool_used "$lns" pd
check "listener sh deleted" l2 "$lns" lns del sh

# The AAA agent's delegated prefixes (its verdicts, from aaa_agent.py).
users=$PWD/aaa.users
cat >"$users" <<EOF
dave d4ve pd_prefix=2001:db8:f000:300::/56
erin 3rin pd_prefix=2001:db8:f000:300::/56
fred fr3d pd_prefix=2001:db8:77::/56
gwen gw3n pd_pool=pd2
hugo hug0 pd_prefix=2001:db8:f000:400::/56 pd_pool=pd
ivan 1van pd_prefix=2001:db8:f000:401::/56
EOF
ip netns exec "$lns" python3 "$KL2TP_ROOT/selftests/tools/aaa_agent.py" serve \
	"$users" "$PWD/aaa.log" >"$PWD/aaa.out" 2>&1 &
defer kill $!
check "agent registered" busywait 10000 grep -q registered "$PWD/aaa.out"
check "listener main: aaa radius (the agent)" l2 "$lns" lns set main aaa radius
check "dave: a prefix of pd from the agent" ppp_dial "$lac" cd dave d4ve auth pap \
	redial off ipv6 on pd on
check "dave: 2001:db8:f000:300::/56" wait_eq 30000 2001:db8:f000:300::/56 \
	client_session "$lac" cd pd_prefix
kmsg_count() {	# PATTERN: lines of the kernel's log that match
	dmesg | grep -c "$1" || true
}
n_inuse=$(kmsg_count 'erin: no delegated prefix: delegated prefix given is in use')
n_nopool=$(kmsg_count 'fred: no delegated prefix: delegated prefix given is in no IPv6 pool')
check "erin: the same prefix while dave has it" ppp_dial "$lac" ce erin 3rin auth pap \
	redial off ipv6 on pd on
check "erin: up without a delegated prefix (in use)" wait_eq 30000 up \
	client_field "$lac" ce state
check "erin: none, as the LNS logged (in use)" busywait 20000 sh -c \
	"[ \$(dmesg | grep -c 'erin: no delegated prefix: delegated prefix given is in use') -gt $n_inuse ]"
check "fred: a prefix in no pool" ppp_dial "$lac" cf fred fr3d auth pap \
	redial off ipv6 on pd on
check "fred: up without a delegated prefix" wait_eq 30000 up client_field "$lac" cf state
check "fred: none, as the LNS logged (in no pool)" busywait 20000 sh -c \
	"[ \$(dmesg | grep -c 'fred: no delegated prefix: delegated prefix given is in no IPv6 pool') -gt $n_nopool ]"
check "gwen: pool pd2 from the agent" ppp_dial "$lac" cg gwen gw3n auth pap \
	redial off ipv6 on pd on
# (a pool hands its prefixes out in turn: bob had the first)
check "gwen: 2001:db8:e000:10::/60" wait_eq 30000 2001:db8:e000:10::/60 \
	client_session "$lac" cg pd_prefix
# the module's own checks of a verdict: the agent's log says what it got
check "hugo: a delegated prefix and a pool of them" ppp_dial "$lac" ch hugo hug0 \
	auth pap redial off ipv6 on pd on
check "... that verdict refused (EINVAL)" busywait 20000 \
	grep -q "verdict session .* user hugo result 0 .*: EINVAL" "$PWD/aaa.log"
check "ivan: a delegated prefix with bits beyond its length" ppp_dial "$lac" ci ivan 1van \
	auth pap redial off ipv6 on pd on
check "... that verdict refused (EINVAL)" busywait 20000 \
	grep -q "verdict session .* user ivan result 0 .*: EINVAL" "$PWD/aaa.log"
check "hugo and ivan hang up" sh -c "ip netns exec $lac l2tpctl client down ch &&
	ip netns exec $lac l2tpctl client down ci"

# rmmod with delegated prefixes live: the client's unreachable route goes.
check "dave's route on the client" test -n "$(route6 "$lac" 2001:db8:f000:300::/56)"
params=$(for p in ctrl_rto_ms ctrl_rto_max_ms ctrl_retries; do
	echo "$p=$(cat /sys/module/kl2tp/parameters/$p)"; done)
check "rmmod with live sessions" rmmod kl2tp
# shellcheck disable=SC2086 # name=value words
check "insmod again" insmod "$KL2TP_ROOT/kl2tp.ko" $params
check_eq "no route left on the client" "" "$(route6 "$lac" 2001:db8:f000:300::/56)"
check_eq "no route left on the LNS" "" "$(route6 "$lns" 2001:db8:f000:300::/56)"
check_eq "no session device left" "0 0" "$(n_l2tp_links "$lac") $(n_l2tp_links "$lns")"
