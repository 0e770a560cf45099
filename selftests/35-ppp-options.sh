#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Listener and client options of the PPP layer.
#
#   lac: clients 192.0.2.1 ---veth--- 192.0.2.2 lns: listeners
#
# - user@domain: with strip-domain on, "bob@corp.example" logs in as the
#   user "bob"; without it the same name is refused (unknown user);
# - ifname: devices take the pattern given (lns "dsl%d", client "up%d");
# - sequencing on: data messages carry Ns on both ends (the client follows
#   the LNS) and traffic flows;
# - mss-clamp on: a TCP SYN whose MSS option is larger than the session
#   allows (a route with advmss 1460; the link is 1456 bytes with
#   sequencing) leaves the LNS clamped to 1416;
# - a fixed device name (client ifname wan0) is taken again by each call,
#   however quickly down follows up (the previous call's device may still
#   be on its way out).
# - names another device holds are skipped: with dummies up0 and up2, two
#   calls on "up%d" take up1 and up3; once they and the dummies are gone,
#   the next call takes up0 again (the numbers went back).
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/l2tp.sh"

ppp_setup auth chap strip-domain on ifname dsl%d sequencing on mss-clamp on
check "listener without strip-domain" l2 "$lns" lns add plain listen $LNS_IP:1702 \
	local-ip $PPP_LOCAL pool p1 auth chap
check "user bob" l2 "$lns" user add bob password b0b

# user@domain
check "client bob@corp.example" ppp_dial "$lac" c1 bob@corp.example b0b ifname up%d redial off
check "stripped name: up" wait_eq 30000 up client_field "$lac" c1 state
check_eq "LNS shows the name as given" bob@corp.example "$(session_field "$lns" user)"
check_eq "LNS device named by the pattern" dsl0 "$(session_field "$lns" ifname)"
check_eq "client device named by the pattern" up0 "$(client_session "$lac" c1 ifname)"
check "dsl0 exists" link_up "$lns" dsl0
check "up0 exists" link_up "$lac" up0

# sequencing
check_eq "LNS sends Ns" true "$(session_field "$lns" sequencing)"
check "ping with sequencing" ppp_ping "$lac" $PPP_LOCAL
check_eq "client follows with Ns" true "$(client_session "$lac" c1 sequencing)"
check_eq "no data dropped out of sequence" 0 "$(client_session "$lac" c1 rx_drops)"

# MSS clamping on the LNS: a SYN from the LNS to the client
addr=$(client_session "$lac" c1 address)
check "advmss 1460 towards the client" ip -n "$lns" route replace "$addr" dev dsl0 \
	src $PPP_LOCAL advmss 1460
# syn_mss DEV: print the MSS option of the first TCP SYN seen on DEV
# (an AF_PACKET socket: no capture tool to start)
syn_mss() {
	timeout 20 python3 -c "
import socket, struct
s = socket.socket(socket.AF_PACKET, socket.SOCK_DGRAM, socket.htons(0x0800))
s.bind(('$1', 0))
print('ready', flush=True)
while True:
    p = s.recv(2048)
    ihl = (p[0] & 15) * 4
    if p[9] != 6:
        continue
    t = p[ihl:]
    if not t[13] & 2:
        continue
    o, i = t[20:(t[12] >> 4) * 4], 0
    while i < len(o) and o[i] != 0:
        if o[i] == 1:
            i += 1
            continue
        if o[i] == 2:
            print(struct.unpack('!H', o[i + 2:i + 4])[0], flush=True)
            raise SystemExit
        i += o[i + 1]
"
}
out=$PWD/syn.out
ip netns exec "$lac" bash -c "$(declare -f syn_mss); syn_mss up0" >"$out" &
check "SYN watcher ready" busywait 20000 grep -q ready "$out"
ip netns exec "$lac" timeout 10 python3 -c "
import socket; s = socket.socket(); s.bind(('$addr', 7000)); s.listen(1); s.accept()" &
check "listener on the client" busywait 10000 sh -c \
	"ip netns exec $lac ss -Hltn 'sport = :7000' | grep -q ."
check "TCP through the session" ip netns exec "$lns" timeout 5 python3 -c "
import socket; socket.create_connection(('$addr', 7000), 3).close()"
check "SYN seen" busywait 10000 sh -c "[ \$(wc -l <$out) -ge 2 ]"
mss=$(sed -n 2p "$out")
mtu=$(ip -n "$lns" -j link show dsl0 | jq '.[0].mtu')
check_eq "sequencing: LNS device MTU 4 bytes below 1460" 1456 "$mtu"
check_eq "SYN MSS clamped to the session" $((mtu - 40)) "$mss"

# the same user name on a listener without strip-domain
check "client on the plain listener" l2 "$lac" client add c2 lns $LNS_IP:1702 \
	user bob@corp.example password b0b redial off
check "client c2 up" l2 "$lac" client up c2
check "unknown as a whole: refused" busywait 30000 sh -c \
	"[ \"\$(ip netns exec $lac l2tpctl -j client show c2 | jq -r '.[0].state')\" = down ]"
check_eq "only the first session is left" 1 "$(n_sessions "$lns")"

check "client down" l2 "$lac" client down c1
check "all gone" busywait 30000 ppp_all_gone

# a fixed name, down and up again at once, three times
check "client c3, ifname wan0" l2 "$lac" client add c3 lns $LNS_IP user alice password pw \
	auth chap ifname wan0 redial off
for i in 1 2 3; do
	check "c3 up ($i)" l2 "$lac" client up c3
	check "c3 session up ($i)" wait_eq 30000 up client_field "$lac" c3 state
	check_eq "device wan0 ($i)" wan0 "$(client_session "$lac" c3 ifname)"
	check "ping over wan0 ($i)" ppp_ping "$lac" $PPP_LOCAL
	check "c3 down ($i)" l2 "$lac" client down c3
done
check "wan0 gone" busywait 20000 sh -c "! ip -n $lac link show wan0 2>/dev/null"
check "all gone again" busywait 30000 ppp_all_gone

# names held by other devices
check "dummy up0" ip -n "$lac" link add up0 type dummy
check "dummy up2" ip -n "$lac" link add up2 type dummy
for c in c4 c5; do
	check "client $c, ifname up%d" ppp_dial "$lac" $c alice pw auth chap ifname up%d redial off
	check "$c up" wait_eq 30000 up client_field "$lac" $c state
done
check_eq "c4 skips up0" up1 "$(client_session "$lac" c4 ifname)"
check_eq "c5 skips up2" up3 "$(client_session "$lac" c5 ifname)"
check "ping with both calls up" ppp_ping "$lac" $PPP_LOCAL
for c in c4 c5; do
	check "$c down" l2 "$lac" client down $c
done
check "all gone at last" busywait 30000 ppp_all_gone
check "dummies still there" ip -n "$lac" link show up2
check "dummies deleted" sh -c "ip -n $lac link del up0 && ip -n $lac link del up2"
check "client c6, ifname up%d" ppp_dial "$lac" c6 alice pw auth chap ifname up%d redial off
check "c6 up" wait_eq 30000 up client_field "$lac" c6 state
check_eq "c6 takes up0 again" up0 "$(client_session "$lac" c6 ifname)"
check "c6 down" l2 "$lac" client down c6
check "all gone, c6 too" busywait 30000 ppp_all_gone
