#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# `l2tpctl dump` reproduces the configuration: every kind of object with
# every option it takes (none left at its default) goes into namespace a
# from one -f file; a's dump, with the write-only secrets put back, is
# applied with -f to the empty namespace b.
#
#   a, b: a dummy device with 192.0.2.2/24 and 2001:db8:2::2/64 (the
#   listeners' addresses)
#
# - every word of each added line (secrets aside) is in a's dump line of
#   that object: no option is dropped;
# - b's dump is a's, line for line; `show -j` of each kind of object is
#   the same in both;
# - the dump names the secrets it leaves out; IPv6 listen and LNS
#   addresses go through it.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/l2tp.sh"

setup_ns a b
for ns in "$a" "$b"; do
	ip -n "$ns" link add d0 type dummy
	ip -n "$ns" addr add 192.0.2.2/24 dev d0
	ip -n "$ns" addr add 2001:db8:2::2/64 dev d0 nodad
	ip -n "$ns" link set d0 up
done

conf=$KL2TP_OUT/$KL2TP_TEST.conf
cat >"$conf" <<'EOF'
pool add p1 range 10.0.0.100-10.0.0.199 dns 10.0.0.53 10.0.0.54
pool add p2 range 10.1.0.1-10.1.0.9
pool add v6 prefix 2001:db8:100::/48 length 56 dns 2001:db8::53 2001:db8::54
pool add pd prefix 2001:db8:f000::/40 length 56
user add alice password pw-a pool p1 max-sessions 3 route 192.168.50.0/24,192.168.60.0/25 pool6 v6 pd-pool pd
user add bob password pw-b address 10.2.0.5 prefix6 2001:db8:5::/64
peer add lac1 address 198.51.100.0/24 hostname lac-one secret s-1 hidden on hello 30 max-sessions 7 trust-proxy on
peer add lac2 hostname lac-two
peer add lac6 address 2001:db8:a::/48 secret s-6
lns add l1 listen 192.0.2.2:1702 local-ip 10.0.0.1 pool p1 pool6 v6 auth pap,chap hostname lns-one peers lac1,lac2 mtu 1400 sequencing on lcp-echo 10 4 max-tunnels 5 max-sessions 50 ifname ppp%d strip-domain on force-chap on lcp-renegotiate on mss-clamp on
lns add l2 listen 192.0.2.2:1701 local-ip 10.1.0.254 pool p2 pool6 v6 pd-pool pd shared-dev l2tps9
lns add l3 listen [2001:db8:2::2]:1704 local-ip 10.1.0.253 pool p2 peers lac6
client add c1 lns 192.0.2.9:1703,192.0.2.10:1701 lns-policy random user alice password pw-c secret s-2 hostname cl-one default-route on redial off ipv6 on pd on pd-dev eth1 mtu 1380 auth mschapv2,chap hello 20 hidden on tunnel own lcp-echo 15 2 ifname cl%d mss-clamp on calling-number "00:11:22:33:44:55 port 3" called-number 5551234
client add c2 lns 192.0.2.11:1701 user bob password pw-d shared-dev l2tpc9
client add c3 lns [2001:db8:2::9]:1705,192.0.2.12:1701 user bob password pw-e
EOF
check "a: the configuration" ip netns exec "$a" l2tpctl -f "$conf"

da=$KL2TP_OUT/$KL2TP_TEST-a.dump
db=$KL2TP_OUT/$KL2TP_TEST-b.dump
l2 "$a" dump >"$da"
check_eq "a: one dump line per object" "$(grep -c . "$conf")" "$(grep -c ' add ' "$da")"

# secrets_of OBJ NAME: the "password X" / "secret X" words of its line in $conf
secrets_of() {
	awk -v o="$1" -v n="$2" '$1 == o && $3 == n {
		for (i = 4; i < NF; i++)
			if ($i == "password" || $i == "secret")
				printf " %s %s", $i, $(i + 1)
	}' "$conf"
}

# Every word of each configuration line, its secrets left out, is in the
# dump line of that object.
missing=
while read -r obj _ name rest; do
	line=$(grep "^$obj add $name " "$da")
	for w in $(echo " $rest" | sed -E 's/ (password|secret) [^ ]+//g'); do
		case " $line " in *" $w "*) ;; *) missing+=" $obj/$name:$w" ;; esac
	done
done <"$conf"
check_eq "a: the dump keeps every option" "" "$missing"
check_eq "a: the dump names what it leaves out" "password, secret" \
	"$(sed -n 's/^client add c1 .*# omitted (write-only): //p' "$da")"

# The dump, secrets back in place of the comment, into b.
restored=$KL2TP_OUT/$KL2TP_TEST-restored.conf
while read -r obj _ name rest; do
	echo "$obj add $name ${rest%%  # omitted*}$(secrets_of "$obj" "$name")"
done <"$da" >"$restored"
check "b: a's dump applied" ip netns exec "$b" l2tpctl -f "$restored"
l2 "$b" dump >"$db"
check "b dumps what a dumps" diff -u "$da" "$db"
for o in pool user peer lns client; do
	check_eq "$o show: the same in a and b" "$(l2 "$a" -j "$o" show)" "$(l2 "$b" -j "$o" show)"
done
check_eq "c1's LNSes, in order" "192.0.2.9:1703 192.0.2.10:1701" \
	"$(client_field "$b" c1 lns_list)"
check_eq "c3's LNSes: IPv6 and IPv4" "[2001:db8:2::9]:1705 192.0.2.12:1701" \
	"$(client_field "$b" c3 lns_list)"
check_eq "l3 listens on IPv6" "[2001:db8:2::2]:1704" "$(jq_in "$b" '.[0].listen' lns show l3)"
