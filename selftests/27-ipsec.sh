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
check "ESP transport SAs and policies, both ends" esp_transport $LAC_IP $LNS_IP

check "pool add" l2 "$lns" pool add p1 range 10.0.0.100-10.0.0.199
check "lns add" l2 "$lns" lns add main listen $LNS_IP local-ip 10.0.0.1 pool p1
check "user add u" l2 "$lns" user add u password p
check "client add" l2 "$lac" client add c1 lns $LNS_IP user u password p redial off
check "client up" l2 "$lac" client up c1
check "session up over IPsec" wait_eq 15000 1 n_sessions "$lns" up
check "LNS received through ESP" test "$(esp_rx $LAC_IP $LNS_IP)" -gt 0
check "client down" l2 "$lac" client down c1
check "clean" busywait 20000 all_clean "$lac" "$lns"

[ -r /proc/net/xfrm_stat ] || skip "no CONFIG_XFRM_STATISTICS"
m0=$(xfrm_mismatch)
check "LAC sends in clear" ip -n "$lac" xfrm policy del src $LAC_IP dst $LNS_IP proto udp dir out
check "client up in clear" l2 "$lac" client up c1
sleep 3
check_eq "LNS refused the clear SCCRQs: no tunnel" 0 "$(n_tunnels "$lns")"
m1=$(xfrm_mismatch)
check "the LNS's policy dropped them" test "$m1" -gt "$m0"
check "client down" l2 "$lac" client down c1
check "clean" busywait 20000 all_clean "$lac" "$lns"
