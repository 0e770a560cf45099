# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# selftests/l2tp.sh - kl2tp helpers on top of lib.sh: source after it.
#
#	lns_lac_setup        two namespaces $lac (192.0.2.1) and $lns
#	                     (192.0.2.2) on a veth pair
#	l2 NS ARGS...        l2tpctl ARGS... in NS
#	jq_in NS FILTER ARGS...   l2tpctl -j ARGS... in NS, through jq -r FILTER
#	fast_timers          shorter control retransmission (restored at exit)

LAC_IP=192.0.2.1
LNS_IP=192.0.2.2

lns_lac_setup() {
	setup_ns lac lns
	veth_pair "$lac" "$lns" $LAC_IP/24 $LNS_IP/24
}

l2() {
	local ns=$1
	shift
	ip netns exec "$ns" l2tpctl "$@"
}

jq_in() {
	local ns=$1 filter=$2
	shift 2
	ip netns exec "$ns" l2tpctl -j "$@" | jq -r "$filter"
}

_param() {
	echo "/sys/module/kl2tp/parameters/$1"
}

# set_param NAME VALUE: set a module parameter, restored at exit.
set_param() {
	local old
	old=$(cat "$(_param "$1")")
	echo "$2" >"$(_param "$1")"
	defer sh -c "echo $old > $(_param "$1")"
}

# Retransmit 1 s, cap 2 s, 3 retries: a dead peer is noticed and a closed
# tunnel lingers 7 s instead of 31 s.
fast_timers() {
	set_param ctrl_rto_max_ms 2000
	set_param ctrl_retries 3
}

# Counts of tunnels/sessions in NS, optionally in one state.
n_tunnels() {
	jq_in "$1" "[.[] | select(\"${2:-}\" == \"\" or .state == \"${2:-}\")] | length" tunnel show
}

n_sessions() {
	jq_in "$1" "[.[] | select(\"${2:-}\" == \"\" or .state == \"${2:-}\")] | length" session show
}

# wait_eq TIMEOUT_MS EXPECTED CMD...: poll until CMD prints EXPECTED.
wait_eq() {
	local t=$1 want=$2
	shift 2
	busywait "$t" _out_is "$want" "$@"
}

_out_is() {
	local want=$1
	shift
	[ "$("$@" 2>/dev/null)" = "$want" ]
}

# monitor_start NS FILE: l2tpctl -j monitor in NS into FILE until exit.
monitor_start() {
	ip netns exec "$1" l2tpctl -j monitor -t >"$2" 2>&1 &
	local pid=$!
	defer kill "$pid"
	sleep 0.3
}

# teardown_result FILE: "RESULT/ERROR by WHO" of the first tunnel gone.
teardown_result() {
	jq -rs '[.[] | select(.event == "tunnel-down")][0]
		| "\(.result_code)/\(.error_code) by \(.by)"' "$1"
}

# all_clean NS...: no tunnel and no session left in each NS.
all_clean() {
	local ns
	for ns in "$@"; do
		[ "$(n_tunnels "$ns")" = 0 ] && [ "$(n_sessions "$ns")" = 0 ] || return 1
	done
}

# --- PPP ---------------------------------------------------------------------
#	ppp_setup [LNS-OPTION...]   lns_lac_setup + fast_timers; on the LNS a pool
#	                     p1 ($PPP_POOL, dns $PPP_DNS), a user alice (password
#	                     pw, from the listener's pool) and a listener "main"
#	                     on $LNS_IP, local-ip $PPP_LOCAL, pool p1, the options
#	ppp_dial NS NAME USER PASSWORD [OPTION...]   client add + client up
#	client_field NS NAME FIELD      a key of `client show NAME`
#	client_session NS NAME FIELD    a key of the session of client NAME (-s)
#	session_field NS FIELD [COND]   a key of the first session (-s), among
#	                     those matching the jq condition COND
#	n_l2tp_links NS      network devices in NS named l2tp*
#	pool_used NS POOL    the pool's `used`
#	link_up NS DEV       DEV exists in NS and is up
#	link_stat NS DEV rx|tx packets|bytes   a device's counter
#	link_counts NS DEV   "tx_packets tx_bytes rx_packets rx_bytes" of DEV
#	link_delta NS DEV BEFORE   the same, minus BEFORE (a link_counts output)
#	frag_creates NS      IPv4 fragments NS has made (Ip: FragCreates)
#	ppp_ping NS DEST [PING-OPTION...]      3 pings, one at least answered
#	ppp_all_gone         no session and no l2tp device in $lac and $lns, and
#	                     every pool of $lns all free
#	n_up_events FILE     session-state "up" events in a monitor_start FILE
#	client_went_down FILE NAME [N]   FILE has N (1) events of client NAME
#	                     going "down"

PPP_LOCAL=10.0.0.1
PPP_POOL=10.0.0.100-10.0.0.199
PPP_DNS="10.0.0.53 10.0.0.54"

ppp_setup() {
	lns_lac_setup
	fast_timers
	# shellcheck disable=SC2086 # two DNS servers
	l2 "$lns" pool add p1 range $PPP_POOL dns $PPP_DNS || fail "pool add p1"
	l2 "$lns" user add alice password pw || fail "user add alice"
	l2 "$lns" lns add main listen $LNS_IP local-ip $PPP_LOCAL pool p1 "$@" ||
		fail "lns add main $*"
}

ppp_dial() {
	local ns=$1 name=$2 user=$3 pass=$4
	shift 4
	l2 "$ns" client add "$name" lns $LNS_IP user "$user" password "$pass" "$@" &&
		l2 "$ns" client up "$name"
}

# _join: jq filter printing a value on one line, arrays joined by spaces,
# nothing for null.
_join='if type == "array" then join(" ") else . end // empty'

client_field() {
	jq_in "$1" ".[0].$3 | $_join" client show "$2"
}

session_field() {
	jq_in "$1" "[.[] | select(${3:-true})][0].$2 | $_join" -s session show
}

client_session() {
	local ids
	ids=$(jq_in "$1" '.[0] | "\(.tunnel_id) \(.session_id)"' client show "$2")
	# shellcheck disable=SC2086 # two ids, or none
	set -- "$1" "$3" $ids
	[ "${3:-null}" != null ] && [ "${4:-null}" != null ] || return 0
	session_field "$1" "$2" ".tunnel_id == $3 and .local_id == $4"
}

n_l2tp_links() {
	ip -n "$1" -o link show | awk -F': ' '$2 ~ /^l2tp/ { n++ } END { print n + 0 }'
}

pool_used() {
	jq_in "$1" '.[0].used' pool show "$2"
}

# link_up NS DEV: DEV exists in NS and is administratively up.
link_up() {
	ip -n "$1" -j link show dev "$2" | jq -e '.[0].flags | index("UP")' >/dev/null
}

link_stat() {
	ip -n "$1" -s -j link show "$2" | jq -r ".[0].stats64.$3.$4"
}

link_counts() {
	ip -n "$1" -s -j link show "$2" |
		jq -r '.[0].stats64 | "\(.tx.packets) \(.tx.bytes) \(.rx.packets) \(.rx.bytes)"'
}

link_delta() {
	local -a a b
	read -ra a <<<"$3"
	read -ra b <<<"$(link_counts "$1" "$2")"
	echo "$((b[0] - a[0])) $((b[1] - a[1])) $((b[2] - a[2])) $((b[3] - a[3]))"
}

frag_creates() {
	ip netns exec "$1" awk '$1 == "Ip:" {
		if (!n) { n = split($0, k) } else { for (i = 2; i <= n; i++)
			if (k[i] == "FragCreates") print $i }
	}' /proc/net/snmp
}

ppp_ping() {
	local ns=$1 dst=$2
	shift 2
	ip netns exec "$ns" ping -q -c 3 -i 0.3 -W 3 "$@" "$dst"
}

ppp_all_gone() {
	[ "$(n_sessions "$lns")" = 0 ] && [ "$(n_sessions "$lac")" = 0 ] &&
		[ "$(n_l2tp_links "$lns")" = 0 ] && [ "$(n_l2tp_links "$lac")" = 0 ] &&
		[ "$(jq_in "$lns" '[.[].used] | add // 0' pool show)" = 0 ]
}

n_up_events() {
	jq -s '[.[] | select(.event == "session-state" and .state == "up")] | length' "$1"
}

# A client starts down without an event: a "down" event follows a dial.
client_went_down() {
	[ "$(jq -s "[.[] | select(.event == \"client-state\" and .name == \"$2\"
		and .state == \"down\")] | length" "$1")" -ge "${3:-1}" ]
}

# --- IPsec ----------------------------------------------------------------------
#	esp_transport A B    ESP transport (AES-GCM, fixed keys) for UDP between
#	                     $lac's address A and $lns's address B: both SAs and
#	                     the in and out policies in both namespaces
#	esp_rx SRC DST       packets $lns took through the SA from SRC to DST
#	xfrm_mismatch        $lns's XfrmInTmplMismatch count (nothing without
#	                     CONFIG_XFRM_STATISTICS)

esp_transport() {
	local a=$1 b=$2 ns k1 k2
	k1=0x$(printf '1%.0s' $(seq 40))
	k2=0x$(printf '2%.0s' $(seq 40))
	for ns in "$lac" "$lns"; do
		ip -n "$ns" xfrm state add src "$a" dst "$b" proto esp spi 0x1001 \
			mode transport aead 'rfc4106(gcm(aes))' "$k1" 128 &&
		ip -n "$ns" xfrm state add src "$b" dst "$a" proto esp spi 0x1002 \
			mode transport aead 'rfc4106(gcm(aes))' "$k2" 128 || return 1
	done
	_esp_pol "$lac" "$a" "$b" out && _esp_pol "$lac" "$b" "$a" in &&
		_esp_pol "$lns" "$b" "$a" out && _esp_pol "$lns" "$a" "$b" in
}

_esp_pol() {
	ip -n "$1" xfrm policy add src "$2" dst "$3" proto udp dir "$4" \
		tmpl proto esp mode transport
}

esp_rx() {
	local n
	n=$(ip -n "$lns" -s xfrm state get src "$1" dst "$2" proto esp spi 0x1001 |
		awk '/lifetime current:/ { getline; print $1 }')
	echo "${n%%(*}"
}

xfrm_mismatch() {
	[ -r /proc/net/xfrm_stat ] || return 0
	ip netns exec "$lns" awk '/XfrmInTmplMismatch/ { print $2 }' /proc/net/xfrm_stat
}

# --- interop -------------------------------------------------------------------
# Debian's xl2tpd + pppd as the other end (40-interop-lns, 41-interop-lac).
#	interop_versions     log the versions of xl2tpd, pppd and the kernel
#	xl2tpd_start NS DIR [LOG]   xl2tpd -D in NS with DIR/xl2tpd.conf,
#	                     control pipe DIR/control, log LOG (DIR/xl2tpd.log),
#	                     in a mount namespace of its own where DIR/etc-ppp is
#	                     /etc/ppp (pppd reads its options and secrets and
#	                     writes resolv.conf there: the guest's /etc is
#	                     read-only). Its pid in $XL2TPD_PID.
#	xl2tpd_stop          SIGTERM to it (it sends StopCCNs), wait until it is gone
#	xl2tpd_ctl DIR ARGS...   xl2tpd-control -c DIR/control ARGS...
#	pppd_pid LINK / pppd_ifname LINK   from pppd's /run/ppp-LINK.pid
#	                     (pppd option `linkname LINK`)
#	proc_gone PID        PID has exited (a zombie counts as gone)
#	n_match REGEX FILE   lines of FILE matching REGEX (0 if no FILE)
#	ppp_inet NS DEV      "LOCAL PEER" of DEV's IPv4 address (peer without /32)
#	lns_clean NS         no session, no l2tp device in NS, every pool all free
#	capture_start NS DEV FILE   dumpcap on DEV into FILE (snaplen 200) until
#	                     capture_stop (or the end of the test)
#	wire_fields PCAP     one tab-separated line per L2TP packet (tshark): ip.src
#	                     (outer[,inner]), T bit, L bit, S bit, tunnel, session,
#	                     H bits of its AVPs (comma-separated), frame.protocols
#	wire_count WIRE SRC TUN TYPE FIELD VALUE   in a wire_fields file, the
#	                     packets from SRC (outer address) with Tunnel ID TUN
#	                     in their header ("any": all), of TYPE (data|ctrl),
#	                     whose FIELD (lbit|sbit|hidden) is VALUE (0|1); FIELD
#	                     sbit-late counts only those after SRC's first data
#	                     packet with sequence numbers
#	session_json NS [TID SID]   session SID of tunnel TID in NS (-s), one object
#	                     (without TID: the first session); then
#	jkey JSON KEY        a key of that object (arrays joined by spaces)

interop_versions() {
	local x p d
	d=$(dpkg-query -W -f '${Package} ${Version}, ' xl2tpd ppp 2>/dev/null || true)
	x=$(xl2tpd -v 2>&1 || true)
	p=$(pppd --version 2>&1 || true)
	log "versions: $d${x##* }, $p, kernel $(uname -r)"
}

xl2tpd_start() {
	local ns=$1 d=$2 log=${3:-$2/xl2tpd.log}
	mkdir -p "$d/etc-ppp" /run/xl2tpd
	[ -e "$d/etc-ppp/options" ] || : >"$d/etc-ppp/options"
	# ip netns exec, unshare and sh exec: $! is xl2tpd itself.
	# shellcheck disable=SC2016 # expanded by the inner sh
	ip netns exec "$ns" unshare -m --propagation private sh -c \
		'mount --bind "$1/etc-ppp" /etc/ppp && exec xl2tpd -D -c "$1/xl2tpd.conf" \
			-p "$1/xl2tpd.pid" -C "$1/control"' sh "$d" >"$log" 2>&1 &
	XL2TPD_PID=$!
	defer xl2tpd_stop
	busywait 5000 test -p "$d/control" || log "xl2tpd made no control pipe: see $log"
}

xl2tpd_stop() {
	[ -n "${XL2TPD_PID:-}" ] || return 0
	kill "$XL2TPD_PID" 2>/dev/null || true
	busywait 10000 proc_gone "$XL2TPD_PID" || kill -9 "$XL2TPD_PID" 2>/dev/null || true
	wait "$XL2TPD_PID" 2>/dev/null || true
	XL2TPD_PID=
}

xl2tpd_ctl() {
	local d=$1
	shift
	xl2tpd-control -c "$d/control" "$@"
}

pppd_pid() {
	sed -n 1p "/run/ppp-$1.pid" 2>/dev/null || true
}

pppd_ifname() {
	sed -n 2p "/run/ppp-$1.pid" 2>/dev/null || true
}

proc_gone() {
	[ ! -e "/proc/$1" ] || grep -q '^State:[[:space:]]*Z' "/proc/$1/status" 2>/dev/null
}

n_match() {
	local n
	n=$(grep -c -- "$1" "$2" 2>/dev/null || true)
	echo "${n:-0}"
}

ppp_inet() {
	ip -n "$1" -4 -o addr show dev "$2" 2>/dev/null |
		awk '{ for (i = 1; i < NF; i++) if ($i == "inet") a = $(i + 1);
			else if ($i == "peer") p = $(i + 1) }
			END { sub("/32$", "", p); print a, p }'
}

lns_clean() {
	[ "$(n_sessions "$1")" = 0 ] && [ "$(n_l2tp_links "$1")" = 0 ] &&
		[ "$(jq_in "$1" '[.[].used] | add // 0' pool show)" = 0 ]
}

capture_start() {
	ip netns exec "$1" dumpcap -q -i "$2" -s 200 -w "$3" >/dev/null 2>&1 &
	CAPTURE_PID=$!
	defer capture_stop
	busywait 10000 test -s "$3" || true
}

capture_stop() {
	[ -n "${CAPTURE_PID:-}" ] || return 0
	kill -INT "$CAPTURE_PID" 2>/dev/null || true
	wait "$CAPTURE_PID" 2>/dev/null || true
	CAPTURE_PID=
}

wire_fields() {
	tshark -r "$1" -Y l2tp -T fields -E occurrence=a -E aggregator=, \
		-e ip.src -e l2tp.type -e l2tp.length_bit -e l2tp.seq_bit \
		-e l2tp.tunnel -e l2tp.session -e l2tp.avp.hidden -e frame.protocols 2>/dev/null
}

wire_count() {
	awk -F'\t' -v src="$2" -v tun="$3" -v type="$4" -v field="$5" -v value="$6" '
		function b(x) { return x == "1" || x == "True" }
		{ split($1, ip, ",") }
		ip[1] != src || (tun != "any" && $5 != tun) || (type == "ctrl") != b($2) { next }
		!b($2) && b($4) { seen = 1 }
		field == "sbit-late" && !seen { next }
		{
			v = field == "lbit" ? b($3) : field == "hidden" ? ($7 ~ /(^|,)(1|True)/) : b($4)
			if (v == value) n++
		}
		END { print n + 0 }' "$1"
}

session_json() {
	jq -c "[.[] | select(\"${2:-}\" == \"\" or (.tunnel_id == ${2:-0} and
		.local_id == ${3:-0}))][0]" <<<"$(ip netns exec "$1" l2tpctl -j -s session show)"
}

jkey() {
	jq -r ".$2 | $_join" <<<"$1"
}

# own_replies NS ADDR DEV: traffic from ADDR in NS leaves through DEV. With
# several clients in one namespace, all with the same PPP peer, a reply
# would otherwise leave through whichever session holds the peer route, and
# the LNS takes from each session only the address it gave.
own_replies() {
	local table=$((100 + ${2##*.}))
	ip -n "$1" rule add from "$2" table $table &&
		ip -n "$1" route add default dev "$3" table $table
}

# wire_read PCAP ROLE: stop the capture, merge its two parts into
# PCAP.pcapng and read it into $wire (wire_fields); check that tshark read
# it and found no malformed packet. ROLE is kl2tp's, lns or lac, for wcase.
wire_read() {
	capture_stop
	mergecap -w "$1.pcapng" "$1-1.pcapng" "$1-2.pcapng" && rm -f "$1"-[12].pcapng
	wire=$KL2TP_OUT/$KL2TP_TEST.wire
	wire_role=$2
	wire_fields "$1.pcapng" >"$wire"
	check "capture read by tshark" test -s "$wire"
	check_eq "tshark: no malformed packet" 0 \
		"$(awk -F'\t' '$8 ~ /_ws\.malformed/' "$wire" | wc -l)"
}

# wcase CASE lac|lns TYPE FIELD VALUE: wire_count for the packets of CASE's
# tunnel sent by the LAC or the LNS. ./cases has a line "CASE OURS THEIRS"
# with kl2tp's and the peer's Tunnel IDs: a header carries the receiver's.
wcase() {
	local ours theirs tid ip=$LNS_IP
	read -r _ ours theirs < <(grep "^$1 " cases || echo "$1 none none")
	[ "$2" = "$wire_role" ] && tid=$theirs || tid=$ours
	[ "$2" = lac ] && ip=$LAC_IP
	wire_count "$wire" "$ip" "$tid" "$3" "$4" "$5"
}

# interop_traffic MTU PEER NS TID SID: for case $C, pings both ways between
# the LAC and the LNS ($PPP_LOCAL on the LNS, PEER the LAC's PPP address),
# plain and MTU bytes with DF, and kl2tp's session TID/SID in NS counted
# them.
interop_traffic() {
	local mtu=$1 peer=$2 s
	check "$C: ping LAC -> $PPP_LOCAL" ppp_ping "$lac" $PPP_LOCAL
	check "$C: ping LNS -> $peer" ppp_ping "$lns" "$peer"
	check "$C: $mtu-byte IP packets (DF) both ways" sh -c "ip netns exec $lac \
		ping -q -c 2 -i 0.3 -W 3 -s $((mtu - 28)) -M do $PPP_LOCAL && ip netns exec $lns \
		ping -q -c 2 -i 0.3 -W 3 -s $((mtu - 28)) -M do $peer"
	s=$(session_json "$3" "$4" "$5")
	check "$C: kl2tp counted the pings" test "$(jkey "$s" rx_packets)" -ge 3 -a \
		"$(jkey "$s" tx_packets)" -ge 3
}

# ll6_local NS DEV: DEV's IPv6 link-local address.
ll6_local() {
	ip -n "$1" -j -6 addr show dev "$2" scope link |
		jq -r '[.[0].addr_info[] | select(.family == "inet6")][0].local // empty'
}

# interop_ipv6 NS IF PIF TID SID: for case $C, IPV6CP between kl2tp (NS,
# its device IF, its session TID/SID) and pppd (+ipv6, its device PIF in
# the other namespace): kl2tp's session shows both link-local addresses,
# its device has its own, pppd's has the one kl2tp shows for the peer, and
# link-local pings go both ways.
interop_ipv6() {
	local ns=$1 if=$2 pif=$3 other s ll pll
	other=$lns
	[ "$ns" != "$lns" ] || other=$lac
	check "$C: IPV6CP up on kl2tp" busywait 15000 sh -c "ip netns exec $ns l2tpctl -j \
		-s session show | jq -e '[.[] | select(.tunnel_id == $4 and .local_id == $5)][0].link_local'"
	s=$(session_json "$ns" "$4" "$5")
	ll=$(jkey "$s" link_local)
	pll=$(jkey "$s" peer_link_local)
	check_eq "$C: kl2tp's device has $ll" "$ll" "$(ll6_local "$ns" "$if")"
	check "$C: pppd's $pif has $pll" wait_eq 15000 "$pll" ll6_local "$other" "$pif"
	check "$C: ping6 kl2tp -> pppd link-local" \
		ip netns exec "$ns" ping -6 -q -c 3 -i 0.3 -W 3 "$pll%$if"
	check "$C: ping6 pppd -> kl2tp link-local" \
		ip netns exec "$other" ping -6 -q -c 3 -i 0.3 -W 3 "$ll%$pif"
}

# interop_case NAME LINK-PREFIX [XL2TPD-LINE|+PPPD-LINE...]: the case's
# names (C, D, LINK, PLOG, XLOG) and its directory with an empty
# etc-ppp/options; the lines go to the caller's arrays xl and pp.
interop_case() {
	local l
	C=$1
	D=$PWD/$C
	LINK=$2-$C
	PLOG=$KL2TP_OUT/$KL2TP_TEST-$C.pppd.log
	XLOG=$KL2TP_OUT/$KL2TP_TEST-$C.xl2tpd.log
	shift 2
	for l in "$@"; do
		case $l in
		+*) pp+=("${l#+}") ;;
		*) xl+=("$l") ;;
		esac
	done
	mkdir -p "$D/etc-ppp"
	: >"$D/etc-ppp/options"
}
