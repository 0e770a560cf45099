#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# kl2tp.service's commands, as systemd runs them (tools/kl2tp.service.in;
# its ExecStartPre, modprobe, is left out: the test harness loaded the
# module), in the LNS's namespace, with the configuration file in place of
# /etc/kl2tp/kl2tp.conf.
#
#   lac 192.0.2.1 ---veth--- 192.0.2.2 lns (the "service")
#
# - the example configuration shipped as /etc/kl2tp/kl2tp.conf applies;
# - start: the file's pool, user and listener are there; a call comes up;
# - reload (l2tpctl apply) after a user was added and the listener changed
#   in the file: both are live, the call stayed up;
# - stop (l2tpctl flush): the call ends at both ends, the LNS has no
#   tunnel and no object left, its dump is empty; flush again does
#   nothing and succeeds;
# - start again: the same configuration, a call comes up again; flush on
#   the LAC deletes its client.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/l2tp.sh"

unit=$KL2TP_ROOT/tools/kl2tp.service.in
conf=$KL2TP_OUT/$KL2TP_TEST.conf

# unit_cmd KEY: the unit's KEY= command line, for this namespace's file
unit_cmd() {
	sed -n "s/^$1=//p" "$unit" | sed "s|@SBINDIR@/||; s|/etc/kl2tp/kl2tp.conf|$conf|"
}
start=$(unit_cmd ExecStart)
reload=$(unit_cmd ExecReload)
stop=$(unit_cmd ExecStop)
check_eq "the unit starts with l2tpctl -f" "l2tpctl -f $conf" "$start"
check_eq "the unit stops with l2tpctl flush" "l2tpctl flush" "$stop"
check_eq "the unit reloads with l2tpctl apply" "l2tpctl apply $conf" "$reload"

lns_lac_setup
fast_timers
cp "$KL2TP_ROOT/tools/kl2tp.conf" "$conf"
# shellcheck disable=SC2086 # the unit's command line
check "the shipped example applies" ip netns exec "$lns" $start
check_eq "... and configures nothing" 0 "$(l2 "$lns" dump | grep -c ' add ' || true)"

cat >"$conf" <<EOF2
pool add p1 range $PPP_POOL
user add alice password pw pool p1
lns add main listen $LNS_IP local-ip $PPP_LOCAL pool p1 auth chap
EOF2
# shellcheck disable=SC2086
check "start" ip netns exec "$lns" $start
check_eq "the file's objects are there" "pool p1 user alice lns main" \
	"$(l2 "$lns" dump | awk '$2 == "add" { printf "%s%s %s", n++ ? " " : "", $1, $3 }')"
mlac=$KL2TP_OUT/$KL2TP_TEST-lac.events
monitor_start "$lac" "$mlac"
check "a call" ppp_dial "$lac" c1 alice pw auth chap redial off
check "... comes up" wait_eq 30000 up client_field "$lac" c1 state

# reload: a new user and a changed listener, the call stays up
cat >>"$conf" <<EOF2
user add bob password pw2 pool p1
EOF2
sed -i 's/ auth chap$/ auth chap mss-clamp on/' "$conf"
# shellcheck disable=SC2086
check "reload" ip netns exec "$lns" $reload
check_eq "... bob is there, the listener changed" "bob true" \
	"$(jq_in "$lns" '.[] | select(.name == "bob") | .name' user show) \
$(jq_in "$lns" '.[0].mss_clamp' lns show main)"
check_eq "... the call stayed up" "up 0" \
	"$(client_field "$lac" c1 state) $(jq -s '[.[] | select(.event == "session-down")] | length' "$mlac")"

# shellcheck disable=SC2086
check "stop" ip netns exec "$lns" $stop
check "the call ends at the LAC" wait_eq 30000 down client_field "$lac" c1 state
check "the LNS: no tunnel, no session" busywait 20000 all_clean "$lns"
check_eq "the LNS: nothing in its dump" 0 "$(l2 "$lns" dump | grep -c ' add ' || true)"
check_eq "pool, user, lns show: empty" "0 0 0" \
	"$(for o in pool user lns; do jq_in "$lns" length "$o" show; done | xargs)"
# shellcheck disable=SC2086
check "stop again: nothing to do" ip netns exec "$lns" $stop

# shellcheck disable=SC2086
check "start again" ip netns exec "$lns" $start
check "the call again" l2 "$lac" client up c1
check "... comes up" wait_eq 30000 up client_field "$lac" c1 state
check "LAC: flush (its client goes)" l2 "$lac" flush
check_eq "LAC: no client left" 0 "$(jq_in "$lac" length client show)"
# shellcheck disable=SC2086
check "stop" ip netns exec "$lns" $stop
check "both ends clean" busywait 20000 all_clean "$lac" "$lns"
