#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# tools/l2tpctl.bash, on the host (no module: no live names, which
# 31-ppp-pool checks in the guest): what the shell offers after a
# command line. Ends with "completion: N passed, N failed".
set -u
cd "$(dirname "$0")/../.." || exit 1
PATH=$PWD/tools:$PATH
# shellcheck source=tools/l2tpctl.bash
source tools/l2tpctl.bash
passed=0
failed=0

# offers "LINE" WANT...: completing the last word of LINE (after "l2tpctl ")
# offers exactly the words WANT (sorted), or with WANT "~W..." includes W
# and with "!W" leaves W out.
offers() {
	local line=$1 got w ok=1
	shift
	read -r -a COMP_WORDS <<<"l2tpctl $line"
	[ "${line: -1}" = " " ] || [ -z "$line" ] && COMP_WORDS+=("")
	COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
	COMPREPLY=()
	_l2tpctl
	got=" ${COMPREPLY[*]} "
	if [ "${1:0:1}" != "~" ] && [ "${1:0:1}" != "!" ]; then
		[ "$got" = " $* " ] || ok=0
	else
		for w in "$@"; do
			case $w in
			"~"*) [[ $got == *" ${w:1} "* ]] || ok=0 ;;
			"!"*) [[ $got != *" ${w:1} "* ]] || ok=0 ;;
			esac
		done
	fi
	if [ $ok = 1 ]; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
		echo "FAIL 'l2tpctl $line' offers:$got(want $*)"
	fi
}

offers "" "~client" "~metrics" "~session" "~help" "!-j"
offers "cl" client
offers "-" "~-j" "~--netns" "!client"
offers "-j " "~client" "~status"
offers "client " add del down help set show up
offers "pool " add del help set show
offers "user " add del help set show
offers "peer set p1 hello 5 " "!hello" "~secret" "~hidden"
offers "user set u1 pool p1 " "!pool" "!address" "~route"
offers "client add c1 " "~lns" "~user" "~password" "~password-file" "~mss-clamp" "~tunnel"
offers "client add c1 lns 10.0.0.1 user u password p " "!lns" "!user" "!password" \
	"!password-file" "~secret" "~mss-clamp"
offers "lns add l1 ifname x " "!ifname" "!shared-dev" "~pool"
offers "pool add p1 " dns length prefix range
offers "pool add p1 prefix 2001:db8::/48 " dns length
offers "pool set p1 dns 2001:db8::53 " length prefix range
offers "user add u1 password x pool6 p6 " "!pool6" "!prefix6" "~pool" "~address" "~route"
offers "user set u1 prefix6 2001:db8::/64 " "!pool6" "!prefix6" "~pool"
offers "lns add l1 pool p1 " "~pool6" "!pool"
offers "client add c1 " "~ipv6"
offers "client add c1 ipv6 " off on
offers "client set c1 ipv6 on " "!ipv6" "~redial"
offers "lns add l1 pool p1 pool6 p6 " "~pd-pool" "!pool6"
offers "user add u1 password x pool6 p6 " "~pd-pool"
offers "user set u1 pd-pool pd " "!pd-pool" "~pool6" "~prefix6"
offers "lns add l1 pd-pool " ""
offers "client add c1 " "~pd" "~pd-dev"
offers "client add c1 ipv6 on pd " off on
offers "client set c1 pd-dev " none
offers "client set c1 pd on " "!pd" "~pd-dev" "~ipv6"
offers "client set c1 pd-dev lan0 " "!pd-dev" "~pd"
offers "lns add l1 listen [2001:db8::1]:1701 " "!listen" "~local-ip" "~pool"
offers "client add c1 lns [2001:db8::1],10.0.0.1:1702 " "!lns" "~user" "~lns-policy"
offers "client add c1 hidden " off on
offers "client add c1 hidden o" off on
offers "lns add l1 auth " chap mschapv2 pap
offers "client add c1 tunnel " own
offers "client add c1 lcp-echo 3 " ""
offers "client add c1 lcp-echo 3 5 " "!lcp-echo" "~mtu"
offers "session show " "~tunnel" "~state" "~address" "~user"
offers "session show user u " "!user" "~state"
offers "session show state u" up
offers "tunnel " help reset show
offers "session " help reset set show
offers "monitor " -t
offers "help " "~pool" "~metrics" "!add"
offers "status " ""
d=$(mktemp -d)
touch "$d/pw-file"
offers "user add u1 password-file $d/pw" "$d/pw-file"
offers "-f $d/p" "$d/pw-file"
offers "apply $d/p" "$d/pw-file"
offers "apply $d/pw-file -" --dry-run
rm -rf "$d"
echo "completion: $passed passed, $failed failed"
[ "$failed" = 0 ]
