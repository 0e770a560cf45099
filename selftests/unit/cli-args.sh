#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# l2tpctl's command-line contract, on the host (no module needed): every
# malformed command is refused with exit 2 and a one-line message naming
# what is wrong, before anything is sent; well-formed commands get as far
# as the module (exit 1, "not loaded" here, or success where one is
# loaded). Ends with "cli: N passed, N failed".
set -u
cd "$(dirname "$0")/../.."
T=tools/l2tpctl
passed=0
failed=0

# expect CODE SUBSTRING ARGS...
expect() {
	local code=$1 want=$2 out rc
	shift 2
	out=$("$T" "$@" 2>&1 >/dev/null)
	rc=$?
	if [ "$rc" = "$code" ] && [[ "$out" == *"$want"* ]] &&
	   [ "$(printf '%s' "$out" | grep -c .)" -le 1 ]; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
		echo "FAIL l2tpctl $* -> exit $rc, stderr: $out (want $code, '$want')"
	fi
}

loaded=0
"$T" version >/dev/null 2>&1 && loaded=1

expect 2 'unknown object "nosuch"' nosuch
expect 2 'unknown option' --frob version
expect 2 'expected NAME' lns add
expect 2 '"range" or "prefix" is required' pool add p1
expect 2 'invalid range' pool add p1 range 10.0.0.9-10.0.0.1
expect 2 'invalid range' pool add p1 range 10.0.0.1-10.1.0.1
expect 2 'unknown keyword "rnage"' pool add p1 range 10.0.0.1-10.0.0.9 rnage x
expect 2 'given twice' pool add p1 range 10.0.0.1-10.0.0.9 range 10.0.0.1-10.0.0.9
expect 2 'invalid name' pool add "a b" range 10.0.0.1-10.0.0.9
expect 2 'exclude each other' user add u1 password x password-file /etc/hostname
expect 2 'is required' user add u1 pool p1
expect 2 'exclude each other' user add u1 password x pool p1 address 10.0.0.1
expect 2 'cannot read' user add u1 password-file /nonexistent
expect 2 'bits set beyond' user add u1 password x route 10.1.2.3/16
expect 2 'LEN 1..32' user add u1 password x route 10.1.0.0
expect 2 'given twice' user add u1 password x route 10.0.0.0/8,10.0.0.0/8
expect 2 'more than 8 routes' user add u1 password x route 1.0.0.0/8,2.0.0.0/8,3.0.0.0/8,4.0.0.0/8,5.0.0.0/8,6.0.0.0/8,7.0.0.0/8,8.0.0.0/8,9.0.0.0/8
expect 2 'user set: expected NAME' user set
expect 2 'user set: nothing to change' user set u1
expect 2 'exclude each other' user set u1 pool p1 address 10.0.0.1
expect 2 'invalid route "none"' user set u1 route none,10.0.0.0/8
expect 2 'peer set: invalid hidden "maybe"' peer set pe1 hidden maybe
expect 2 'lns set: nothing to change' lns set l1
expect 2 'lns set: "ifname" and "shared-dev" exclude each other' lns set l1 ifname a%d shared-dev b
expect 2 'client set: nothing to change' client set c1
expect 2 'client set: invalid lns "10.0.0.1,,10.0.0.2"' client set c1 lns 10.0.0.1,,10.0.0.2
expect 2 'pool set: nothing to change' pool set p1
expect 2 'pool set: invalid range' pool set p1 range 10.0.0.9-10.0.0.1
expect 2 'tunnel: unknown command "set"' tunnel set 5
expect 2 'invalid address' peer add pe1 address 10.0.0.0/33
expect 2 'invalid hidden' peer add pe1 hidden maybe
expect 2 'invalid hello' peer add pe1 hello 3601
expect 2 'invalid listen' lns add l1 listen 0.0.0.0:0 local-ip 10.0.0.1 pool p
expect 2 'unknown auth method' lns add l1 listen 10.0.0.1 local-ip 10.0.0.1 pool p auth pap,foo
expect 2 'cannot be combined' lns add l1 listen 10.0.0.1 local-ip 10.0.0.1 pool p peers any,x
expect 2 'invalid mtu' lns add l1 listen 10.0.0.1 local-ip 10.0.0.1 pool p mtu 100
expect 2 'invalid lns' client add c1 lns 10.0.0.1:70000 user u password p
expect 2 'invalid tunnel' client add c1 lns 10.0.0.1 user u password p tunnel shared
expect 2 'lns "10.0.0.1:1701" given twice' client add c1 lns 10.0.0.1,10.0.0.1:1701 user u password p
expect 2 'more than 8 LNSes' client add c1 lns 1.0.0.1,1.0.0.2,1.0.0.3,1.0.0.4,1.0.0.5,1.0.0.6,1.0.0.7,1.0.0.8,1.0.0.9 user u password p
expect 2 'invalid lns "10.0.0.1,,10.0.0.2"' client add c1 lns 10.0.0.1,,10.0.0.2 user u password p
expect 2 'invalid lns "10.0.0.2:0"' client add c1 lns 10.0.0.1,10.0.0.2:0 user u password p
expect 2 '"lns-policy" needs a value (failover|random)' client add c1 lns 10.0.0.1 user u password p lns-policy
expect 2 'invalid lns-policy "bogus" (expected failover|random)' client add c1 lns 10.0.0.1 user u password p lns-policy bogus
expect 2 'unexpected argument' client down c1 c2
expect 2 'invalid ID' tunnel show abc
expect 2 'invalid ID' tunnel show 0
expect 2 '"tunnel" needs a value' session show tunnel
expect 2 'invalid tunnel ID' session show tunnel 0
expect 2 'unknown state "bogus"' session show state bogus
expect 2 'invalid address "1.2.3"' session show address 1.2.3
expect 2 'unexpected argument "frob"' session show user u frob x
expect 2 '"user" given twice' session show user u tunnel 3 user v
expect 2 'unexpected argument "6"' session show 5 6
expect 2 'session set: expected ID' session set
expect 2 'nothing to set (session-timeout, idle-timeout)' session set 5
expect 2 'unexpected argument "bogus"' session set 5 bogus 1
expect 2 '"idle-timeout" needs a value' session set 5 idle-timeout
expect 2 'invalid session-timeout "-1"' session set 5 session-timeout -1
expect 2 '"idle-timeout" given twice' session set 5 idle-timeout 1 idle-timeout 2
expect 2 'unexpected argument "foo"' status foo
expect 2 'unexpected argument "foo"' metrics foo
expect 2 'no -j' -j metrics
expect 2 'given twice' lns add l1 listen 10.0.0.1 local-ip 10.0.0.1 pool p auth chap,pap,chap
expect 2 'invalid shared-dev "a%d"' client add c1 lns 10.0.0.1 user u password p shared-dev 'a%d'
expect 2 'invalid calling-number "'"$(printf 'x%.0s' {1..64})"'" (expected none or 1..63 printable characters)' client add c1 lns 10.0.0.1 user u password p calling-number "$(printf 'x%.0s' {1..64})"
expect 2 'invalid called-number' client add c1 lns 10.0.0.1 user u password p called-number "$(printf 'a\tb')"
expect 2 'invalid called-number ""' client add c1 lns 10.0.0.1 user u password p called-number ""
expect 2 'exclude each other' lns add l1 listen 10.0.0.1 local-ip 10.0.0.1 pool p shared-dev a ifname b
expect 2 'unexpected argument' monitor foo
# IPv6: pools of a prefix, users' and listeners' pool6, prefix6, client ipv6
expect 2 'pool add: prefix "2001:db8:100::1/48" has bits set beyond /48' \
	pool add p6 prefix 2001:db8:100::1/48
expect 2 'invalid prefix "2001:db8:100::/65" (expected X:X::X/LEN, LEN 1..64)' \
	pool add p6 prefix 2001:db8:100::/65
expect 2 'invalid prefix "::/0"' pool add p6 prefix ::/0
expect 2 'invalid prefix "2001:db8:100::"' pool add p6 prefix 2001:db8:100::
expect 2 'invalid prefix "10.0.0.0/8"' pool add p6 prefix 10.0.0.0/8
expect 2 'invalid length "65" (expected 1..64)' pool add p6 prefix 2001:db8:100::/48 length 65
expect 2 'invalid length "0" (expected 1..64)' pool add p6 prefix 2001:db8:100::/48 length 0
expect 2 'length 40 is shorter than the prefix'"'"'s /48' \
	pool add p6 prefix 2001:db8:100::/48 length 40
expect 2 'a /32 holds more than 65536 /64 prefixes (length at most 48)' \
	pool add p6 prefix 2001:db8::/32
expect 2 '"length" is for an IPv6 pool ("prefix")' pool add p1 range 10.0.0.1-10.0.0.9 length 64
expect 2 '"range" and "prefix" exclude each other' \
	pool add p6 range 10.0.0.1-10.0.0.9 prefix 2001:db8:100::/48
expect 2 '"prefix" and "range" exclude each other' \
	pool add p6 prefix 2001:db8:100::/48 range 10.0.0.1-10.0.0.9
expect 2 'the dns servers of an IPv6 pool ("prefix") are IPv6 addresses' \
	pool add p6 prefix 2001:db8:100::/48 dns 10.0.0.53
expect 2 'the dns servers of an IPv4 pool ("range") are IPv4 addresses' \
	pool add p1 range 10.0.0.1-10.0.0.9 dns 2001:db8::53
expect 2 'dns "2001:db8::53" and "10.0.0.53": both IPv4 or both IPv6' \
	pool add p6 prefix 2001:db8:100::/48 dns 2001:db8::53 10.0.0.53
expect 2 'pool set: invalid dns "2001:db8::x"' pool set p6 dns 2001:db8::x
expect 2 'pool set: "prefix" cannot change in place (del and add)' \
	pool set p6 prefix 2001:db8:100::/48
expect 2 'pool set: "length" cannot change in place (del and add)' pool set p6 dns :: length 56
expect 2 'unknown keyword "2001:db8::55"' pool set p6 dns 2001:db8::53 2001:db8::54 2001:db8::55
expect 2 '"pool6" and "prefix6" exclude each other' user add u1 password x pool6 p6 prefix6 2001:db8:5::/64
expect 2 'user set: "prefix6" and "pool6" exclude each other' \
	user set u1 prefix6 2001:db8:5::/64 pool6 p6
expect 2 'prefix6 "2001:db8:5::1/64" has bits set beyond /64' user add u1 password x prefix6 2001:db8:5::1/64
expect 2 'invalid prefix6 "2001:db8:5::/128" (expected X:X::X/LEN, LEN 1..64)' \
	user add u1 password x prefix6 2001:db8:5::/128
expect 2 'invalid pool6 "a b"' user add u1 password x pool6 "a b"
expect 2 '"pool6" given twice' lns add l1 listen 10.0.0.1 local-ip 10.0.0.1 pool p pool6 a pool6 b
expect 2 'lns set: "pool6" needs a value' lns set l1 pool6
expect 2 'client add: invalid ipv6 "maybe" (expected on|off)' \
	client add c1 lns 10.0.0.1 user u password p ipv6 maybe
expect 2 'client set: "ipv6" needs a value (on|off)' client set c1 ipv6
# DHCPv6 prefix delegation: pd-pool of users and listeners, client pd, pd-dev
D="(expected none or 1..15 characters without '/', ':', '%' or spaces)"
expect 2 'user add: invalid pd-pool "a b"' user add u1 password x pd-pool "a b"
expect 2 'user set: "pd-pool" needs a value' user set u1 pd-pool
expect 2 'user set: invalid pd-pool ""' user set u1 pd-pool ""
expect 2 'lns add: "pd-pool" given twice' \
	lns add l1 listen 10.0.0.1 local-ip 10.0.0.1 pool p pd-pool a pd-pool b
expect 2 'lns set: "pd-pool" needs a value' lns set l1 pd-pool
expect 2 'client add: invalid pd "maybe" (expected on|off)' \
	client add c1 lns 10.0.0.1 user u password p ipv6 on pd maybe
expect 2 'client set: invalid pd "2" (expected on|off)' client set c1 pd 2
expect 2 'client set: "pd" needs a value (on|off)' client set c1 pd
expect 2 'client set: "pd" given twice' client set c1 pd on pd off
expect 2 "client add: invalid pd-dev \"0123456789abcdef\" $D" \
	client add c1 lns 10.0.0.1 user u password p ipv6 on pd on pd-dev 0123456789abcdef
expect 2 "client set: invalid pd-dev \"lan%d\" $D" client set c1 pd-dev 'lan%d'
expect 2 "client set: invalid pd-dev \"a b\" $D" client set c1 pd-dev 'a b'
expect 2 "client set: invalid pd-dev \"..\" $D" client set c1 pd-dev ..
expect 2 "client set: invalid pd-dev \"\" $D" client set c1 pd-dev ''
expect 2 "client set: \"pd-dev\" needs a value (${D#(expected }" client set c1 pd-dev
expect 2 'flush: unexpected argument "foo"' flush foo
# IPv6 underlay: listeners, clients' LNSes and peers of either family
M='(an IPv4-mapped IPv6 address: give the IPv4 address)'
HP='(expected A.B.C.D[:PORT], [X:X::X][:PORT] or X:X::X)'
expect 2 "peer add: invalid address \"::ffff:10.0.0.1\" $M" peer add pe1 address ::ffff:10.0.0.1
expect 2 "peer set: invalid address \"::ffff:10.0.0.0/104\" $M" \
	peer set pe1 address ::ffff:10.0.0.0/104
expect 2 'peer add: invalid address "2001:db8::/129" (expected A.B.C.D[/LEN] (LEN 0..32) or X:X::X[/LEN] (LEN 0..128))' \
	peer add pe1 address 2001:db8::/129
expect 2 'peer add: invalid address "10.0.0.0/33" (expected A.B.C.D[/LEN] (LEN 0..32)' \
	peer add pe1 address 10.0.0.0/33
expect 2 'invalid address "[2001:db8::]/32"' peer add pe1 address '[2001:db8::]/32'
expect 2 'invalid address "2001:db8::/"' peer add pe1 address 2001:db8::/
expect 2 'user add: invalid address "2001:db8::1" (expected A.B.C.D)' \
	user add u1 password x address 2001:db8::1
expect 2 'user set: invalid address "2001:db8::1" (expected A.B.C.D)' user set u1 address 2001:db8::1
expect 2 "lns add: invalid listen \"::ffff:10.0.0.1\" $M" \
	lns add l1 listen ::ffff:10.0.0.1 local-ip 10.0.0.1 pool p
expect 2 "lns add: invalid listen \"[::ffff:10.0.0.1]:1701\" $M" \
	lns add l1 listen '[::ffff:10.0.0.1]:1701' local-ip 10.0.0.1 pool p
expect 2 "lns add: invalid listen \"[2001:db8::1\" $HP" \
	lns add l1 listen '[2001:db8::1' local-ip 10.0.0.1 pool p
expect 2 "lns add: invalid listen \"2001:db8::1]:1701\" $HP" \
	lns add l1 listen '2001:db8::1]:1701' local-ip 10.0.0.1 pool p
expect 2 "lns add: invalid listen \"[2001:db8::1]:0\" $HP" \
	lns add l1 listen '[2001:db8::1]:0' local-ip 10.0.0.1 pool p
expect 2 "lns add: invalid listen \"[2001:db8::1]:65536\" $HP" \
	lns add l1 listen '[2001:db8::1]:65536' local-ip 10.0.0.1 pool p
expect 2 "lns add: invalid listen \"[2001:db8::1]:\" $HP" \
	lns add l1 listen '[2001:db8::1]:' local-ip 10.0.0.1 pool p
expect 2 "lns add: invalid listen \"[2001:db8::1]1701\" $HP" \
	lns add l1 listen '[2001:db8::1]1701' local-ip 10.0.0.1 pool p
expect 2 "lns add: invalid listen \"[10.0.0.1]:1701\" $HP" \
	lns add l1 listen '[10.0.0.1]:1701' local-ip 10.0.0.1 pool p
expect 2 "lns add: invalid listen \"[]\" $HP" lns add l1 listen '[]' local-ip 10.0.0.1 pool p
expect 2 "lns add: invalid listen \"2001:db8::x\" $HP" \
	lns add l1 listen 2001:db8::x local-ip 10.0.0.1 pool p
expect 2 "lns add: invalid listen \"10.0.0.1:1701:1\" $HP" \
	lns add l1 listen 10.0.0.1:1701:1 local-ip 10.0.0.1 pool p
expect 2 "client add: invalid lns \"::ffff:10.0.0.2\" $M" \
	client add c1 lns 10.0.0.1,::ffff:10.0.0.2 user u password p
expect 2 "client add: invalid lns \"[2001:db8::1\" $HP" \
	client add c1 lns '10.0.0.1,[2001:db8::1' user u password p
expect 2 "client add: invalid lns \"[2001:db8::1]:0\" $HP" \
	client add c1 lns '[2001:db8::1]:0' user u password p
expect 2 "client add: invalid lns \"[2001:db8::1]:65536\" $HP" \
	client add c1 lns '[2001:db8::1]:65536' user u password p
expect 2 'client add: lns "[2001:db8::1]:1701" given twice' \
	client add c1 lns '[2001:db8::1],10.0.0.1,[2001:db8::1]:1701' user u password p
expect 2 'client add: lns "2001:db8:0::1" given twice' \
	client add c1 lns '[2001:db8::1],2001:db8:0::1' user u password p
expect 2 'client add: more than 8 LNSes' client add c1 \
	lns "$(printf '[2001:db8::%x],' {1..9} | sed 's/,$//')" user u password p
expect 2 "client set: invalid lns \"[::ffff:10.0.0.2]:1701\" $M" \
	client set c1 lns '[::ffff:10.0.0.2]:1701'
f=$(mktemp)
printf 'pool add p1 range 10.0.0.1-10.0.0.9\npool del p1\n' >"$f"
expect 2 'not allowed in a file' -f "$f"
printf 'pool add p1 range 10.0.0.9-10.0.0.1\n' >"$f"
expect 2 "$f:1:" -f "$f"
printf 'user set u1 max-sessions 2\n' >"$f"
expect 2 'not allowed in a file' -f "$f"
printf 'pool add p1 range 10.0.0.1-10.0.0.9\npool add p6 prefix 2001:db8:100::1/48\n' >"$f"
expect 2 "$f:2: pool add: prefix \"2001:db8:100::1/48\" has bits set beyond /48" -f "$f"
printf 'peer add pe6 address 2001:db8::/32\nlns add l6 listen [::ffff:10.0.0.1]:1701 local-ip 10.0.0.1 pool p1\n' >"$f"
expect 2 "$f:2: lns add: invalid listen \"[::ffff:10.0.0.1]:1701\" $M" -f "$f"
rm -f "$f"
expect 1 'write-only' dump --secrets
expect 2 'apply: expected FILE' apply
expect 2 'apply: unexpected argument "b"' apply a b
expect 1 'apply: cannot open "/nonexistent"' apply /nonexistent
f=$(mktemp)
printf 'pool add p1 range 10.0.0.1-10.0.0.9\nuser set u1 max-sessions 1\n' >"$f"
expect 2 'not allowed in a file' apply "$f" --dry-run
rm -f "$f"
if [ $loaded = 0 ]; then
	expect 1 'not loaded' version
	expect 1 'not loaded' pool add p1 range 10.0.0.1-10.0.0.9
	expect 1 'not loaded' user set u1 route none
	# well-formed IPv6 commands and files get as far as the module
	expect 1 'not loaded' pool add p6 prefix 2001:db8:100::/48
	expect 1 'not loaded' pool add p6 prefix 2001:db8:100::/48 length 56 dns 2001:db8::53 2001:db8::54
	expect 1 'not loaded' pool add p6 prefix 2001:db8::/32 length 48 dns 2001:db8::53
	expect 1 'not loaded' pool add p6 prefix 2001:db8:100::/64 length 64
	expect 1 'not loaded' pool set p6 dns 2001:db8::53 2001:db8::54
	expect 1 'not loaded' pool set p6 dns ::
	expect 1 'not loaded' pool set p1 dns 0.0.0.0
	expect 1 'not loaded' user add u6 password x pool p1 pool6 p6
	expect 1 'not loaded' user add u6 password x address 10.0.0.5 prefix6 2001:db8:5::/64
	expect 1 'not loaded' user set u6 pool6 p6
	expect 1 'not loaded' user set u6 prefix6 2001:db8:5::/56
	expect 1 'not loaded' lns add l6 listen 10.0.0.1 local-ip 10.0.0.1 pool p1 pool6 p6
	expect 1 'not loaded' lns set l6 pool6 p6
	expect 1 'not loaded' client add c6 lns 10.0.0.1 user u password p ipv6 on
	expect 1 'not loaded' client set c6 ipv6 off
	# DHCPv6 prefix delegation
	expect 1 'not loaded' pool add pd prefix 2001:db8:f000::/40 length 56
	expect 1 'not loaded' user add u6 password x pool6 p6 pd-pool pd
	expect 1 'not loaded' user set u6 pd-pool pd
	expect 1 'not loaded' lns add l6 listen 10.0.0.1 local-ip 10.0.0.1 pool p1 pool6 p6 \
		pd-pool pd
	expect 1 'not loaded' lns set l6 pd-pool pd
	expect 1 'not loaded' client add c6 lns 10.0.0.1 user u password p ipv6 on pd on \
		pd-dev lan0
	expect 1 'not loaded' client add c6 lns 10.0.0.1 user u password p ipv6 on pd on \
		pd-dev 012345678901234
	expect 1 'not loaded' client add c6 lns 10.0.0.1 user u password p ipv6 on pd off \
		pd-dev none
	expect 1 'not loaded' client set c6 pd off
	expect 1 'not loaded' client set c6 pd on pd-dev lan0
	expect 1 'not loaded' client set c6 pd-dev none
	# IPv6 underlay
	expect 1 'not loaded' peer add pe6 address 2001:db8::/32
	expect 1 'not loaded' peer add pe6 address 2001:db8::1
	expect 1 'not loaded' peer add pe6 address ::/0
	expect 1 'not loaded' peer add pe6 address 2001:db8::1/128
	expect 1 'not loaded' peer add pe4 address 0.0.0.0/0
	expect 1 'not loaded' peer set pe6 address 2001:db8:1::/48
	expect 1 'not loaded' lns add l6 listen '[2001:db8::1]:1701' local-ip 10.0.0.1 pool p1
	expect 1 'not loaded' lns add l6 listen '[2001:db8::1]' local-ip 10.0.0.1 pool p1
	expect 1 'not loaded' lns add l6 listen 2001:db8::1 local-ip 10.0.0.1 pool p1
	expect 1 'not loaded' lns add l6 listen :: local-ip 10.0.0.1 pool p1
	expect 1 'not loaded' lns add l6 listen '[::]:65535' local-ip 10.0.0.1 pool p1
	expect 1 'not loaded' lns add l4 listen 10.0.0.1:1702 local-ip 10.0.0.1 pool p1
	expect 1 'not loaded' client add c6 lns '[2001:db8::1]' user u password p
	expect 1 'not loaded' client add c6 lns 2001:db8::1 user u password p
	expect 1 'not loaded' client add c6 lns '[2001:db8::1]:1702,10.0.0.2,2001:db8::2' \
		user u password p
	expect 1 'not loaded' client add c6 lns '10.0.0.1,[2001:db8::1]:1701,[2001:db8::1]:1702' \
		user u password p
	expect 1 'not loaded' client add c6 \
		lns "$(printf '[2001:db8:aaaa:bbbb:cccc:dddd:eeee:%x]:65535,' {1..8} | sed 's/,$//')" \
		user u password p
	expect 1 'not loaded' client set c6 lns '[2001:db8::9]:1701'
	f=$(mktemp)
	printf '%s\n' 'pool add p6 prefix 2001:db8:100::/48 dns 2001:db8::53' \
		'user add u6 password x pool6 p6 # a comment' \
		'lns add l6 listen 10.0.0.1 local-ip 10.0.0.1 pool p1 pool6 p6' \
		'client add c6 lns 10.0.0.1 user u password p ipv6 on' >"$f"
	expect 1 'not loaded' -f "$f"
	printf '%s\n' 'pool add p6 prefix 2001:db8:100::/48' \
		'pool add pd prefix 2001:db8:f000::/40 length 56' \
		'user add u6 password x pool6 p6 pd-pool pd' \
		'lns add l6 listen 10.0.0.1 local-ip 10.0.0.1 pool p1 pool6 p6 pd-pool pd' \
		'client add c6 lns 10.0.0.1 user u password p ipv6 on pd on pd-dev lan0' >"$f"
	expect 1 'not loaded' -f "$f"
	printf '%s\n' 'peer add pe6 address 2001:db8::/32' \
		'lns add l6 listen [2001:db8::1]:1701 local-ip 10.0.0.1 pool p1' \
		'lns add l7 listen :: local-ip 10.0.0.1 pool p1' \
		'client add c6 lns [2001:db8::1],10.0.0.2:1702 user u password p' >"$f"
	expect 1 'not loaded' -f "$f"
	rm -f "$f"
fi
# The add synopsis of each configuration object in l2tpctl.md and in
# `l2tpctl OBJECT help` (generated from the keyword table, which is what
# the parser accepts) name the same keywords.
# kw_of OBJ: the keywords of OBJ's "add" block on stdin, one per line
kw_of() {
	awk -v o="$1" '
		$1 == "l2tpctl" && $2 == o && $3 == "add" { on = 1; print; next }
		on && $1 == "l2tpctl" { on = 0 }
		on { print }' |
		tr ' []()' '\n\n\n\n\n' |
		grep -E '^[a-z][a-z0-9-]*$' |
		grep -vxE "l2tpctl|add|own|$1" | sort -u
}
for obj in pool user peer lns client; do
	doc=$(kw_of "$obj" <Documentation/l2tpctl.md)
	help=$("$T" "$obj" help | kw_of "$obj")
	if [ -n "$doc" ] && [ "$doc" = "$help" ]; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
		echo "FAIL $obj add: l2tpctl.md and help name different keywords:"
		diff <(echo "$doc") <(echo "$help") | sed 's/^/    /'
	fi
done
echo "cli: $passed passed, $failed failed"
[ "$failed" = 0 ]
