#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# l2tpctl apply FILE [--dry-run]: the running configuration made equal to
# a file's, without touching the calls of what did not change.
#
#   lac 192.0.2.1 ---veth--- 192.0.2.2 lns (configured by apply)
#
# - into an empty namespace: the plan adds everything; applied, dump has it;
# - the same file again: only what carries a write-only secret is set
#   again; a peer, pool and listener without one are unchanged;
# - a changed file with a call up: the plan adds, sets (with old -> new)
#   and deletes what it should, adds first; applied, the call stays up (no down event)
#   and dump has the new values, defaults back where the file left a value
#   out;
# - a pool's DNS removed and a peer's secret added in place; a secret
#   removed is a replacement;
# - a file that would delete the pool of the call's address, or a user
#   with a session, a renamed listener on the same address, an object
#   added twice: refused before anything changes;
# - a file whose listener cannot be created: what was added before it is
#   deleted again, exit 1; a failure after changes in place changes them
#   back, one among the deletions adds a deleted listener again;
# - a file that moves the listener: planned and done as delete and add
#   (the call ends);
# - client up/down lines on the LAC follow the file.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/l2tp.sh"

lns_lac_setup
fast_timers
mlns=$KL2TP_OUT/$KL2TP_TEST-lns.events
mlac=$KL2TP_OUT/$KL2TP_TEST-lac.events
monitor_start "$lns" "$mlns"
monitor_start "$lac" "$mlac"

# apply NS FILE [--dry-run]
apply() {
	ip netns exec "$1" l2tpctl apply "$2" ${3:+"$3"}
}
# plan NS FILE: the dry run's lines
plan() {
	apply "$1" "$2" --dry-run
}
# downs FILE: session-down and tunnel-down events in a monitor FILE
downs() {
	jq -s '[.[] | select(.event == "tunnel-down" or .event == "session-down")] |
		length' "$1"
}
# dump_has NS LINE...: every LINE is a line of the namespace's dump
dump_has() {
	local ns=$1 d
	shift
	d=$(l2 "$ns" dump)
	for line in "$@"; do
		grep -qxF "$line" <<<"$d" || { echo "missing: $line"; return 1; }
	done
}

c1=$KL2TP_OUT/$KL2TP_TEST-1.conf
cat >"$c1" <<EOF
pool add p1 range 10.0.0.100-10.0.0.199 dns 10.0.0.53
user add alice password pw
user add bob password pw2 max-sessions 3
peer add lac address $LAC_IP
lns add main listen $LNS_IP local-ip 10.0.0.1 pool p1 auth pap
EOF
p=$(plan "$lns" "$c1")
check_eq "empty namespace: the plan adds all five" \
	"+ pool add p1|+ user add alice|+ user add bob|+ peer add lac|+ lns add main|5 changes, 0 objects unchanged" \
	"$(paste -sd'|' <<<"$p")"
check_eq "... and changes nothing (dry run)" 0 "$(jq_in "$lns" length pool show)"
check "apply" apply "$lns" "$c1"
check "dump has it" dump_has "$lns" \
	"pool add p1 range 10.0.0.100-10.0.0.199 dns 10.0.0.53" \
	"user add bob max-sessions 3  # omitted (write-only): password" \
	"lns add main listen $LNS_IP:1701 local-ip 10.0.0.1 pool p1 auth pap sequencing off lcp-echo 30 5 max-tunnels 0 max-sessions 0 strip-domain off force-chap off lcp-renegotiate off mss-clamp off aaa local aaa-timeout 10"
check_eq "the same file again: the users' passwords only" \
	"~ user set alice: password (write-only)|~ user set bob: password (write-only)|2 changes, 3 objects unchanged" \
	"$(plan "$lns" "$c1" | paste -sd'|')"

check "a call" ppp_dial "$lac" c1 alice pw auth pap redial off
check "... comes up" wait_eq 30000 up client_field "$lac" c1 state
addr=$(client_session "$lac" c1 address)

c2=$KL2TP_OUT/$KL2TP_TEST-2.conf
cat >"$c2" <<EOF
pool add p1 range 10.0.0.100-10.0.0.199 dns 10.0.0.53 10.0.0.54
pool add p2 range 10.0.1.1-10.0.1.9
user add alice password pw max-sessions 2
user add carol password pw pool p2
peer add lac address $LAC_IP hello 20
lns add main listen $LNS_IP local-ip 10.0.0.1 pool p1 auth pap,chap mss-clamp on
EOF
p=$(plan "$lns" "$c2")
check_eq "a changed file: the plan" \
"+ pool add p2|\
+ user add carol|\
~ pool set p1: dns: 10.0.0.53 -> 10.0.0.53 10.0.0.54|\
~ user set alice: password (write-only), max-sessions: 0 -> 2|\
~ peer set lac: hello: 60 -> 20|\
~ lns set main: auth: pap -> pap,chap, mss-clamp: off -> on|\
- user del bob|\
7 changes, 0 objects unchanged" "$(paste -sd'|' <<<"$p")"
check "apply it with the call up" apply "$lns" "$c2"
check "dump has the new values" dump_has "$lns" \
	"pool add p2 range 10.0.1.1-10.0.1.9" \
	"user add alice max-sessions 2  # omitted (write-only): password" \
	"peer add lac address $LAC_IP/32 hidden off hello 20 max-sessions 0 trust-proxy off"
check_eq "bob is gone" 0 "$(jq_in "$lns" '[.[] | select(.name == "bob")] | length' user show)"
check_eq "the call stayed up" "up $addr 0 0" \
	"$(client_field "$lac" c1 state) $(client_session "$lac" c1 address) $(downs "$mlns") $(downs "$mlac")"
check "... and works" ppp_ping "$lac" 10.0.0.1 -I "$addr"

# back to the first file: defaults come back where it leaves values out
check "apply the first file again" apply "$lns" "$c1"
check "dump: defaults back, p2 and carol gone" dump_has "$lns" \
	"peer add lac address $LAC_IP/32 hidden off hello 60 max-sessions 0 trust-proxy off" \
	"user add alice max-sessions 0  # omitted (write-only): password"
check_eq "no p2, no carol" "0 0" \
	"$(jq_in "$lns" '[.[] | select(.name == "p2")] | length' pool show) \
$(jq_in "$lns" '[.[] | select(.name == "carol")] | length' user show)"
check_eq "the call still up" "up 0" "$(client_field "$lac" c1 state) $(downs "$mlns")"

# what set removes in place, and what it cannot
c7=$KL2TP_OUT/$KL2TP_TEST-7.conf
sed 's/ dns 10.0.0.53$//; s/^peer add lac .*/& secret s3cret/' "$c1" >"$c7"
check "a file without the pool's DNS, the peer with a secret" apply "$lns" "$c7"
check_eq "... the pool has no DNS server" "" "$(jq_in "$lns" '.[0].dns // empty | join(" ")' pool show p1)"
check_eq "... the peer has the secret" set "$(jq_in "$lns" '.[0].secret' peer show lac)"
check "without the peer's secret again: planned as a replacement" \
	grep -q "^! peer replace lac: delete and add (a secret cannot be removed in place)" \
	<<<"$(plan "$lns" "$c1")"
check "apply it" apply "$lns" "$c1"
check_eq "... the peer has no secret" null "$(jq_in "$lns" '.[0].secret' peer show lac)"
check_eq "... the pool its DNS server again" 10.0.0.53 "$(jq_in "$lns" '.[0].dns | join(" ")' pool show p1)"

# refusals before anything changes
c8=$KL2TP_OUT/$KL2TP_TEST-8.conf
sed 's/^lns add main /lns add main2 /' "$c1" >"$c8"
err=$(apply "$lns" "$c8" 2>&1 || true)
check "a renamed listener on the same address: refused" \
	grep -q "lns main2 takes the address of lns main, which the file deletes" <<<"$err"
c9=$KL2TP_OUT/$KL2TP_TEST-9.conf
{ cat "$c1"; echo "user add alice password other"; } >"$c9"
err=$(apply "$lns" "$c9" 2>&1 || true)
check "a user added twice: refused" grep -q "user add alice again (line 2)" <<<"$err"
c3=$KL2TP_OUT/$KL2TP_TEST-3.conf
grep -v '^pool\|^lns' "$c1" >"$c3"
echo "pool add p3 range 10.0.3.1-10.0.3.9" >>"$c3"
before=$(l2 "$lns" dump)
err=$(apply "$lns" "$c3" 2>&1 || true)
check "a file without the call's pool: refused" grep -q "pool p1 has 1 address in use" <<<"$err"
c4=$KL2TP_OUT/$KL2TP_TEST-4.conf
grep -v '^user add alice' "$c1" >"$c4"
err=$(apply "$lns" "$c4" 2>&1 || true)
check "a file without the call's user: refused" grep -q "user alice has 1 session" <<<"$err"
check_eq "... nothing changed" "$before" "$(l2 "$lns" dump)"

# a failure half way: what was added goes again
c5=$KL2TP_OUT/$KL2TP_TEST-5.conf
cp "$c1" "$c5"
echo "pool add p9 range 10.0.9.1-10.0.9.9" >>"$c5"
echo "lns add far listen 10.9.9.9 local-ip 10.0.9.1 pool p9" >>"$c5"
check_fail "a listener on an address not here: apply fails" apply "$lns" "$c5"
check_eq "... and p9 was deleted again" "$before" "$(l2 "$lns" dump)"

# a failure after changes in place: they are changed back
c7=$KL2TP_OUT/$KL2TP_TEST-undo-set.conf
sed -e 's/ dns 10.0.0.53$/ dns 10.0.0.53 10.0.0.54/' -e 's/ max-sessions 3$/ max-sessions 4/' \
	-e 's/ auth pap$/ auth pap peers nosuch/' "$c1" >"$c7"
err=$(apply "$lns" "$c7" 2>&1 || true)
check "a listener set that fails after a pool and a user set: refused" \
	grep -q "unknown peer" <<<"$err"
check "... the changes made before it were undone" \
	grep -q "stopped at change 4 of 4; what it changed was undone" <<<"$err"
check_eq "... nothing changed" "$before" "$(l2 "$lns" dump)"
# ... but a secret the run added cannot be taken away again (the rest of
# that change can)
sed -e "s/^peer add lac address $LAC_IP\$/peer add lac address $LAC_IP secret s1 hello 20/" \
	-e 's/ auth pap$/ auth pap peers nosuch/' "$c1" >"$KL2TP_OUT/$KL2TP_TEST-undo-secret.conf"
err=$(apply "$lns" "$KL2TP_OUT/$KL2TP_TEST-undo-secret.conf" 2>&1 || true)
check "a peer's secret added before a failure: named as what stays" \
	grep -q "peer lac could not be put back: a secret cannot be removed in place" <<<"$err"
check "... 1 change could not be undone" \
	grep -q "stopped at change 4 of 4; 1 change could not be undone" <<<"$err"
check_eq "... the peer's hello changed back all the same" 60 \
	"$(jq_in "$lns" '.[0].hello' peer show lac)"
check "the first file again (the peer replaced)" apply "$lns" "$c1"
check_eq "... as before" "$before" "$(l2 "$lns" dump)"

# a failure among the deletions: a deleted listener is added again
c8=$KL2TP_OUT/$KL2TP_TEST-undo-del.conf
sed 's/ auth pap$/ auth pap peers lac/' "$c1" >"$c8"
echo "lns add side listen $LNS_IP:1703 local-ip 10.0.0.1 pool p1 peers lac max-sessions 5" >>"$c8"
check "a second listener, both listing peer lac" apply "$lns" "$c8"
before8=$(l2 "$lns" dump)
grep -v -e '^peer add lac' -e '^lns add side' "$c8" >"$KL2TP_OUT/$KL2TP_TEST-undo-del-2.conf"
err=$(apply "$lns" "$KL2TP_OUT/$KL2TP_TEST-undo-del-2.conf" 2>&1 || true)
check "deleting the listener side, then peer lac that main lists: refused" \
	grep -q "a listener allows this peer by name" <<<"$err"
check "... side was added again" \
	grep -q "stopped at change 4 of 4; what it changed was undone" <<<"$err"
check_eq "... nothing changed" "$before8" "$(l2 "$lns" dump)"
check "back to the first file" apply "$lns" "$c1"
check_eq "... as before" "$before" "$(l2 "$lns" dump)"

# moving the listener: delete and add
c6=$KL2TP_OUT/$KL2TP_TEST-6.conf
sed "s|listen $LNS_IP |listen $LNS_IP:1702 |" "$c1" >"$c6"
check "moving the listener: planned as a replacement" \
	grep -q "^! lns replace main: delete and add, its calls end" <<<"$(plan "$lns" "$c6")"
check "apply it" apply "$lns" "$c6"
check_eq "the listener listens on 1702" "$LNS_IP:1702" "$(jq_in "$lns" '.[0].listen' lns show)"
check "the call ended" wait_eq 30000 down client_field "$lac" c1 state

# the LAC: client up lines
l1=$KL2TP_OUT/$KL2TP_TEST-lac1.conf
cat >"$l1" <<EOF
client add c1 lns $LNS_IP:1702 user alice password pw auth pap redial off
client add c2 lns $LNS_IP:1702 user bob password pw2 auth pap redial off calling-number "line 2"
client up c1
EOF
check_eq "the LAC's plan" \
	"+ client add c2|~ client set c1: lns: $LNS_IP:1701 -> $LNS_IP:1702, password (write-only)|> client up c1|3 changes, 0 objects unchanged" \
	"$(plan "$lac" "$l1" | paste -sd'|')"
check "apply it" apply "$lac" "$l1"
check "c1 comes up on the moved listener" wait_eq 30000 up client_field "$lac" c1 state
check_eq "c2 stays down" down "$(client_field "$lac" c2 state)"
sed 's/^client up c1$/client up c2/' "$l1" >"$l1.2"
check_eq "up c2, down c1" "< client down c1|> client up c2" \
	"$(plan "$lac" "$l1.2" | grep -v password | grep -v changes | paste -sd'|')"
check "apply it" apply "$lac" "$l1.2"
check "c1 goes down" wait_eq 30000 down client_field "$lac" c1 state
check "c2 comes up" wait_eq 30000 up client_field "$lac" c2 state
sed 's/ calling-number "line 2"$//' "$l1.2" >"$l1.3"
check_eq "a number left out: removed in place" \
	'~ client set c2: password (write-only), calling-number: "line 2" -> -' \
	"$(plan "$lac" "$l1.3" | grep 'client set c2')"
check "apply it" apply "$lac" "$l1.3"
check_eq "c2 has no calling_number now, and is still up" "true up" \
	"$(jq_in "$lac" '.[0].calling_number == null' client show c2) $(client_field "$lac" c2 state)"

printf '' >"$KL2TP_OUT/$KL2TP_TEST-empty.conf"
check "an empty file: everything goes (LAC)" apply "$lac" "$KL2TP_OUT/$KL2TP_TEST-empty.conf"
check "an empty file: everything goes (LNS)" busywait 20000 \
	apply "$lns" "$KL2TP_OUT/$KL2TP_TEST-empty.conf"
check_eq "nothing left" "" "$(l2 "$lns" dump | grep -v '^#' || true)"
check "both ends clean" busywait 30000 all_clean "$lac" "$lns"
