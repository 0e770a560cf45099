# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# Calls of the AAA tests (55-aaa-agent, 56-aaa-radius), from $lac to the
# listener at $LNS_IP in $lns: source after l2tp.sh.

# dial NAME USER PASS AUTH [KEYWORD VALUE...]: a client that does not redial
dial() {
	l2 "$lac" client add "$1" lns $LNS_IP user "$2" password "$3" auth "$4" \
		redial off "${@:5}" && l2 "$lac" client up "$1"
}

# hang_up NAME: the client goes, and its call with it
hang_up() {
	l2 "$lac" client del "$1"
	busywait 20000 all_clean "$lac" "$lns"
}

# refused_with MESSAGE: the LNS refused another call for MESSAGE (its
# log; the CDN says it too, unless the LAC hung up first on the Nak)
n_refused=0
refused_with() {
	[ "$(dmesg | grep -c "kl2tp: session [0-9/]* refused: $1\$")" -gt "$n_refused" ]
}

# dial_refused NAME USER PASS AUTH MESSAGE: a call refused for MESSAGE
dial_refused() {
	n_refused=$(dmesg | grep -c "kl2tp: session [0-9/]* refused: $5\$" || true)
	dial "$1" "$2" "$3" "$4" && busywait 20000 refused_with "$5"
}

# auth_of: who checked the user of the LNS's first session
auth_of() {
	session_field "$lns" auth
}
