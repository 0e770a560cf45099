#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Address pools and PPP users as configuration objects (one namespace).
#
# - pool add/show/del with the contract's JSON keys (name, range, size,
#   used); a bad, too large or overlapping range is refused;
# - users with a pool or a static address, user@domain names; an unknown
#   pool is refused; passwords are never printed;
# - a pool in use by a user or a listener cannot be deleted; a listener
#   naming an unknown pool is refused;
# - l2tpctl dump prints it all back (without secrets), and -f of a file
#   that fails half way leaves nothing applied;
# - every show, del, up and down of an unknown name says "no such <object>".
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/l2tp.sh"

setup_ns ns
check "pool add" l2 "$ns" pool add office range 10.0.0.10-10.0.0.19 dns 192.0.2.53 192.0.2.54
p=$(ip netns exec "$ns" l2tpctl -j pool show office)
check_eq "pool name" office "$(echo "$p" | jq -r '.[0].name')"
check_eq "pool range" 10.0.0.10-10.0.0.19 "$(echo "$p" | jq -r '.[0].range')"
check_eq "pool size" 10 "$(echo "$p" | jq -r '.[0].size')"
check_eq "pool used" 0 "$(echo "$p" | jq -r '.[0].used')"
check_eq "pool dns" "192.0.2.53 192.0.2.54" "$(echo "$p" | jq -r '.[0].dns | join(" ")')"
check_fail "overlapping pool refused" l2 "$ns" pool add other range 10.0.0.15-10.0.0.30
err=$(l2 "$ns" pool add other range 10.0.0.15-10.0.0.30 2>&1 || true)
check "refusal says why" sh -c "echo '$err' | grep -q overlaps"
check_fail "duplicate pool refused" l2 "$ns" pool add office range 10.0.1.1-10.0.1.2
check_fail "reversed range refused" l2 "$ns" pool add rev range 10.0.2.9-10.0.2.1
check_fail "oversized range refused" l2 "$ns" pool add big range 10.1.0.0-10.3.0.0
check "second pool" l2 "$ns" pool add lab range 10.0.1.1-10.0.1.254
check_eq "two pools" 2 "$(jq_in "$ns" length pool show)"

check "user with pool" l2 "$ns" user add alice password s3cret pool office max-sessions 2
check "user@domain with static address" l2 "$ns" user add bob@example.net password pw address 10.9.9.9
check_fail "user with unknown pool refused" l2 "$ns" user add carol password pw pool nope
check_fail "duplicate user refused" l2 "$ns" user add alice password x
u=$(ip netns exec "$ns" l2tpctl -j user show)
check_eq "users listed" 2 "$(echo "$u" | jq length)"
check_eq "alice's pool" office "$(echo "$u" | jq -r '.[] | select(.name == "alice") | .pool')"
check_eq "bob's address" 10.9.9.9 "$(echo "$u" | jq -r '.[] | select(.name == "bob@example.net") | .address')"
check_eq "password is write-only" 0 "$(ip netns exec "$ns" l2tpctl -j user show | grep -c s3cret || true)"
check_eq "password shown as set" set "$(echo "$u" | jq -r '.[0].secret')"

check_fail "pool used by a user cannot go" l2 "$ns" pool del office
check_fail "listener with unknown pool refused" \
	l2 "$ns" lns add main listen 127.0.0.1 local-ip 10.0.0.1 pool nope
check "listener with pool" l2 "$ns" lns add main listen 127.0.0.1 local-ip 10.0.0.1 pool lab
check_fail "pool used by a listener cannot go" l2 "$ns" pool del lab

d=$(l2 "$ns" dump)
check "dump has the pools" sh -c "echo '$d' | grep -q '^pool add office range 10.0.0.10-10.0.0.19'"
check "dump has the users" sh -c "echo '$d' | grep -q '^user add alice'"
check_eq "dump leaves secrets out" 0 "$(echo "$d" | grep -c s3cret || true)"

printf 'pool add extra range 10.0.3.1-10.0.3.9\nuser add dave password pw pool extra\nuser add eve password pw pool missing\n' >conf
check_fail "-f with a failing line" ip netns exec "$ns" l2tpctl -f conf
check_eq "-f undid everything: no pool extra" 0 \
	"$(jq_in "$ns" '[.[] | select(.name == "extra")] | length' pool show)"
check_eq "-f undid everything: no user dave" 0 \
	"$(jq_in "$ns" '[.[] | select(.name == "dave")] | length' user show)"

check "lns del" l2 "$ns" lns del main
check "user del" l2 "$ns" user del alice
check "user del with domain" l2 "$ns" user del bob@example.net
check_fail "user del unknown" l2 "$ns" user del alice
check "pool del" l2 "$ns" pool del office
check "pool del" l2 "$ns" pool del lab
check_eq "nothing left" "0 0" "$(jq_in "$ns" length pool show) $(jq_in "$ns" length user show)"

# A name that is not there: the kernel says which object it looked for,
# whatever the command (one lookup per object gives every message).
for cmd in "pool show" "pool del" "user show" "user del" "peer show" "peer del" \
	"lns show" "lns del" "client show" "client del" "client up" "client down"; do
	obj=${cmd%% *}
	[ "$obj" = lns ] && what=listener || what=$obj
	err=$(l2 "$ns" $cmd nosuch 2>&1 || true)
	check "$cmd of an unknown name: no such $what" \
		sh -c "echo '$err' | grep -q 'no such $what'"
done
