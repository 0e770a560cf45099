#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The module is loaded and l2tpctl talks to it, per network namespace, with
# the privilege rules of the genl family:
#
#   ns1      ns2        (no links needed: each has its own kl2tp state)
#
# - version works in two namespaces and reports the module version;
# - JSON output parses and carries the same versions;
# - without CAP_NET_ADMIN (an unprivileged uid) the request is refused;
# - a new user namespace owning a new netns has CAP_NET_ADMIN there: allowed;
#   a new user namespace in the initial netns has not: refused;
# - unknown commands and options are usage errors (exit 2);
# - with the module unloaded, the tool says so in one line and fails.
source "$(dirname "$0")/lib.sh"

setup_ns ns1 ns2
modver=$(cat /sys/module/kl2tp/version)
# the uapi header's version, which the module reports and the tool was built for
api=$(awk '$1 == "#define" && $2 == "KL2TP_API_VERSION" { print $3 }' \
	"$KL2TP_ROOT/uapi/linux/kl2tp.h")

for ns in "$ns1" "$ns2"; do
	check "version in $ns" ip netns exec "$ns" l2tpctl version
	out=$(ip netns exec "$ns" l2tpctl version)
	check_eq "module version in $ns" "kl2tp module $modver (api ${api:-?})" \
		"$(echo "$out" | sed -n 2p)"
	j=$(ip netns exec "$ns" l2tpctl -j version)
	check_eq "JSON module version in $ns" "$modver" \
		"$(echo "$j" | python3 -c 'import json,sys; print(json.load(sys.stdin)["module"])')"
done
check "-n selects the namespace" l2tpctl -n "$ns1" version

check_fail "unprivileged user refused" setpriv --reuid=65534 --regid=65534 \
	--clear-groups l2tpctl version
err=$(setpriv --reuid=65534 --regid=65534 --clear-groups l2tpctl version 2>&1 >/dev/null || true)
check_eq "refusal names the privilege" 1 "$(echo "$err" | grep -c 'CAP_NET_ADMIN')"
check "userns owning its netns is allowed" unshare -Urn l2tpctl version
# Events name users and addresses: a raw socket without CAP_NET_ADMIN
# cannot join them (l2tpctl would stop earlier, at its version query).
# (/usr/bin/python3: another python3 on PATH may be root's alone)
join="/usr/bin/python3 $KL2TP_ROOT/selftests/tools/genl_join.py kl2tp events"
check_eq "root joins the events group" joined "$($join || true)"
check_eq "an unprivileged socket may not join it" "refused: EPERM" \
	"$(setpriv --reuid=65534 --regid=65534 --clear-groups $join || true)"
check_fail "userns in the initial netns is refused" unshare -Ur l2tpctl version

rc=0; l2tpctl frobnicate 2>/dev/null || rc=$?
check_eq "unknown command: exit 2" 2 "$rc"
rc=0; l2tpctl --frob version 2>/dev/null || rc=$?
check_eq "unknown option: exit 2" 2 "$rc"
check "help lists version" sh -c 'l2tpctl help | grep -q "l2tpctl version"'

# Without the module: one line on stderr, non-zero exit.
rmmod kl2tp
defer insmod "$KL2TP_ROOT/kl2tp.ko"
rc=0; err=$(l2tpctl version 2>&1 >/dev/null) || rc=$?
check_eq "no module: exit 1" 1 "$rc"
check_eq "no module: one line" 1 "$(echo "$err" | wc -l)"
check "no module: says so" sh -c "echo '$err' | grep -q 'not loaded'"
