#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# L2TP over IPsec: kl2tp's sockets go through the xfrm policy checks like
# any UDP socket.
#
#   lac 192.0.2.1 ===ESP transport (UDP only)=== 192.0.2.2 lns
#
# - with matching SAs and policies on both ends, the tunnel comes up and its
#   packets went through ESP (SA counters);
# - when the LAC sends in clear (its out policy removed), the LNS's inbound
#   policy drops the packets before kl2tp sees them: no tunnel, and the
#   kernel counts a template mismatch.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/l2tp.sh"

require_module esp4 xfrm_user
lns_lac_setup
fast_timers
K1=0x$(printf '1%.0s' $(seq 40))
K2=0x$(printf '2%.0s' $(seq 40))

sa() {	# NS SRC DST SPI KEY
	ip -n "$1" xfrm state add src "$2" dst "$3" proto esp spi "$4" \
		mode transport aead 'rfc4106(gcm(aes))' "$5" 128
}
pol() {	# NS SRC DST DIR
	ip -n "$1" xfrm policy add src "$2" dst "$3" proto udp dir "$4" \
		tmpl proto esp mode transport
}
for ns in "$lac" "$lns"; do
	check "SA lac->lns in $ns" sa "$ns" $LAC_IP $LNS_IP 0x1001 "$K1"
	check "SA lns->lac in $ns" sa "$ns" $LNS_IP $LAC_IP 0x1002 "$K2"
done
check "LAC out policy" pol "$lac" $LAC_IP $LNS_IP out
check "LAC in policy" pol "$lac" $LNS_IP $LAC_IP in
check "LNS out policy" pol "$lns" $LNS_IP $LAC_IP out
check "LNS in policy" pol "$lns" $LAC_IP $LNS_IP in

check "pool add" l2 "$lns" pool add p1 range 10.0.0.100-10.0.0.199
check "lns add" l2 "$lns" lns add main listen $LNS_IP local-ip 10.0.0.1 pool p1
check "user add u" l2 "$lns" user add u password p
check "client add" l2 "$lac" client add c1 lns $LNS_IP user u password p redial off
check "client up" l2 "$lac" client up c1
check "session up over IPsec" wait_eq 15000 1 n_sessions "$lns" up
esp_in=$(ip -n "$lns" -s xfrm state get src $LAC_IP dst $LNS_IP proto esp spi 0x1001 |
	awk '/lifetime current:/ { getline; print $1 }')
check "LNS received through ESP" test "${esp_in%%(*}" -gt 0
check "client down" l2 "$lac" client down c1
check "clean" busywait 20000 all_clean "$lac" "$lns"

mismatch() {
	ip netns exec "$lns" awk '/XfrmInTmplMismatch/ { print $2 }' /proc/net/xfrm_stat
}
[ -r /proc/net/xfrm_stat ] || skip "no CONFIG_XFRM_STATISTICS"
m0=$(mismatch)
check "LAC sends in clear" ip -n "$lac" xfrm policy del src $LAC_IP dst $LNS_IP proto udp dir out
check "client up in clear" l2 "$lac" client up c1
sleep 3
check_eq "LNS refused the clear SCCRQs: no tunnel" 0 "$(n_tunnels "$lns")"
m1=$(mismatch)
check "the LNS's policy dropped them" test "$m1" -gt "$m0"
check "client down" l2 "$lac" client down c1
check "clean" busywait 20000 all_clean "$lac" "$lns"
