#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# `make bench`: kl2tp side by side with xl2tpd + pppd on the kernel's
# pppol2tp data path, in one boot (the QEMU TCG guest, or directly on a host
# that can load kl2tp: see the Makefile). Figures only, no pass/fail on
# timings; it fails (non-zero) when a stack does not come up at all.
#
#   lac 192.0.2.1 ---------------veth--------------- 192.0.2.2 lns: kl2tp listener
#                                                    192.0.2.3      xl2tpd [lns]
#   kl2tp client   10.1.x.y <-- l2tpN --> l2tpN 10.0.0.1  (pool 10.1.0.0-10.1.255.255)
#                  (shared: l2tpc0 <-------> l2tps0, listener on port 1702)
#   xl2tpd [lac]   10.2.0.1xx <-- pppN --> pppN 10.2.0.1  (pppd, kernel pppol2tp)
#
# Both stacks: CHAP-MD5, no tunnel secret, MTU/MRU 1460 (kl2tp's default
# without sequencing; pppd is given mtu 1460 mru 1460 and noccp). The device
# MTUs of both ends are printed.
#
# Sections (BENCH=comma list, default tcp,ping,setup,lnsdev,shared):
#   tcp    iperf3 -t $BENCH_T (default 5) s, 1 and 4 streams (-P 4), LAC -> LNS
#          and LNS -> LAC (-R): raw veth, kl2tp <-> kl2tp (the veth passing
#          UDP tunnel GSO packets whole, then segmenting them as a NIC
#          without UDP tunnel offload would), xl2tpd+pppd <-> xl2tpd+pppd,
#          both sessions up, the paths back to back for each case.
#          Receiver's Mbit/s, ratio to the veth, kl2tp/pppol2tp.
#   ping   time from the dial command (`l2tpctl client up`, `xl2tpd-control
#          connect-lac`) to the first ICMP echo reply from the LNS's PPP
#          address, probed every 3 ms from a raw socket (tools/kl2tp_bench.py
#          ping: sends that fail for want of a route count as probes, so the
#          time before the device exists is counted). $BENCH_RUNS (5) runs
#          each, all printed, and the median.
#   setup  N calls from one `l2tpctl -f` file (N client adds, N client ups)
#          until all N clients are "up" (IPCP done, address on the device),
#          polled over generic netlink by one process (no exec per poll):
#          1000 calls in one tunnel, 1000 calls over 100 tunnels (clients
#          with 100 host names: same LNS, secret and host name share a
#          tunnel), $BENCH_BIG_N (10000) calls in one tunnel. Teardown: a
#          TUNNEL_RESET for each tunnel of the LAC, from one process, until
#          the LAC has no session and no l2tp device (tunnels still closing
#          not waited for). CPU for each run; kernel memory for the
#          100-tunnel and the largest run:
#            memory  /proc/meminfo (Slab, Percpu, VmallocUsed, MemFree,
#                    MemAvailable) and /proc/slabinfo (num_objs x objsize)
#                    after drop_caches, before the -f and once all are up;
#                    both ends are in this kernel: delta / (2 x sessions up).
#            cpu     /proc/stat busy jiffies (all CPUs, not idle/iowait) over
#                    the setup window, minus the CPU of the process counting
#                    the events: both ends (LAC and LNS), l2tpctl -f (its
#                    system time is the kernel adding the clients) and the
#                    kernel's softirqs/work items, per call. The LNS's share is not
#                    separable in one kernel; about half, as both run PPP.
#          After each setup, one ping from the LNS to each of 10 sessions
#          spread over the run (their users' addresses): how many answer.
#   lnsdev the LNS's cost of a device per call: 1000 and $BENCH_BIG_N calls
#          in one tunnel to the listener with a device each, the clients
#          on one shared device (shared-dev l2tpc0), so that the load
#          generator's devices are not in the figure (a LAC in the field
#          is another machine). CPU as for setup (both ends).
#   shared the setup runs again with shared devices on both ends (listener
#          "shared" on port 1702 with shared-dev l2tps0; clients with
#          shared-dev l2tpc0): no device per call.
#   radius the setup run of 1000 calls in one tunnel twice, back to back:
#          the users checked locally, then by RADIUS (listener "radius" on
#          port 1704 with aaa radius; kl2tp-aaad in the LNS's namespace,
#          FreeRADIUS 3.2 in one of its own, selftests/tools/freeradius.sh;
#          accounting Starts and Stops sent too), and the ratio.
#   huge   the setup run with $BENCH_HUGE_N (65535: every session id) calls
#          in one tunnel on shared devices (listener "huge" on port 1703),
#          LCP echo off on both ends, with memory and CPU. Not in the
#          default: it needs VM_MEM=6G and takes minutes under TCG.
# BENCH_PERF=1: each setup run is profiled (perf record -a -g, cpu-clock at
# 499 Hz, the whole guest); the top kernel symbols (self time) go to the log
# and $KL2TP_OUT/$KL2TP_TEST-perf-RUN.txt. The profiler costs CPU: do not
# compare rates of a profiled run with those of a plain one.
# Bounded: a setup run gives up after 60 s with no call coming up
# (BENCH_STALL) or 900 s in all (3600 s for huge), and reports how far it got (INCOMPLETE,
# not an error). Exit 1 when a stack does not come up at all, a setup run
# brings up no call, or something is not clean afterwards.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/l2tp.sh"
source "$(dirname "$0")/tools/freeradius.sh"

BENCH=${BENCH:-tcp,ping,setup,lnsdev,shared}
T=${BENCH_T:-5}
RUNS=${BENCH_RUNS:-5}
BIG_N=${BENCH_BIG_N:-10000}
HUGE_N=${BENCH_HUGE_N:-65535}
STALL=${BENCH_STALL:-60}
TOOL="python3 $(cd "$(dirname "$0")" && pwd -P)/tools/kl2tp_bench.py"
LOCAL=10.0.0.1          # kl2tp LNS's PPP address
X_LNS_IP=192.0.2.3      # xl2tpd LNS's tunnel address
X_LOCAL=10.2.0.1        # pppd LNS's PPP address
MTU=1460
SUMMARY=$PWD/summary
: >"$SUMMARY"
errors=()
incomplete=()

want() {
	[[ ",$BENCH," == *",$1,"* ]]
}

# out LINE...: print and keep for the summary at the end.
out() {
	printf '%s\n' "$@" | tee -a "$SUMMARY"
}

# error MSG: a stack that did not come up: reported at the end, exit 1.
error() {
	log "ERROR: $*"
	errors+=("$*")
}

# ratio A B: A/B with two decimals, "-" when either is not a number.
ratio() {
	awk -v a="$1" -v b="$2" 'BEGIN { if (a + 0 > 0 && b + 0 > 0) printf "%.2f", a / b;
		else printf "-" }'
}

# kv KEY LINE: the value of KEY=VALUE in LINE.
kv() {
	sed -n "s/.*\\b$1=\\([^ ]*\\).*/\\1/p" <<<"$2"
}

for s in ${BENCH//,/ }; do
	case $s in tcp | ping | setup | lnsdev | shared | radius | huge) ;; *) fail "unknown BENCH section '$s'" ;; esac
done
require_cmd iperf3 iperf3
require_cmd jq jq
require_cmd python3 python3
if want tcp || want ping; then
	require_cmd xl2tpd xl2tpd
	require_cmd xl2tpd-control xl2tpd
	require_cmd pppd ppp
	require_module l2tp_ppp
	interop_versions
fi

lns_lac_setup
ip -n "$lns" addr add $X_LNS_IP/24 dev "$VETH2"
# Short control timers for the single calls of tcp and ping (a closed tunnel
# lingers 7 s instead of 31 s between dials); the module's defaults for the
# setup runs: 3 retries capped at 2 s give up on a peer that a loaded
# guest answers late.
rto_default=$(cat "$(_param ctrl_rto_max_ms)")
retries_default=$(cat "$(_param ctrl_retries)")
fast_timers
l2 "$lns" pool add big range 10.1.0.0-10.1.255.255 || fail "pool add"
l2 "$lns" user add bench password p || fail "user add"
l2 "$lns" lns add main listen $LNS_IP local-ip $LOCAL pool big auth chap || fail "lns add"
l2 "$lns" lns add shared listen $LNS_IP:1702 local-ip $LOCAL pool big auth chap \
	shared-dev l2tps0 || fail "lns add shared"
# huge: LCP echo off on both ends; at 30 s, 130,000 PPP ends in one 2-vCPU TCG
# guest spend it on echoes until they time out
l2 "$lns" lns add huge listen $LNS_IP:1703 local-ip $LOCAL pool big auth chap \
	shared-dev l2tps1 lcp-echo 0 5 || fail "lns add huge"
# tcp: the same over UDP/IPv6
LAC_IP6=2001:db8:b::1
LNS_IP6=2001:db8:b::2
ip -n "$lac" addr add $LAC_IP6/64 dev "$VETH1" nodad
ip -n "$lns" addr add $LNS_IP6/64 dev "$VETH2" nodad
l2 "$lns" lns add main6 listen "[$LNS_IP6]" local-ip $LOCAL pool big auth chap ||
	fail "lns add main6"

# The kernel's kl2tp lines, as they come (the ring buffer does not keep
# them: each session device logs IPv6 "link becomes ready").
KLOG=$PWD/dmesg
dmesg -w >"$KLOG" 2>/dev/null &
defer kill $!
defer sh -c "grep kl2tp $KLOG >$KL2TP_OUT/$KL2TP_TEST-kl2tp.dmesg"

# klog_since LINE: what kl2tp logged after line LINE of KLOG, digits masked,
# counted, most frequent first.
klog_since() {
	tail -n +$(($1 + 1)) "$KLOG" | { grep kl2tp || echo "(none)"; } |
		sed 's/^\[ *[0-9.]*\] //; s/\([^a-z]\)[0-9][0-9]*/\1N/g' | sort | uniq -c | sort -rn |
		head -n 6
}

ncpu=$(nproc)
mem_total=$(awk '/^MemTotal:/ { print int($2 / 1024) }' /proc/meminfo)
out "bench: kernel $(uname -r), $ncpu CPUs, ${mem_total} MiB${KL2TP_VM:+, QEMU TCG guest}; BENCH=$BENCH"
[ -z "${KL2TP_VM:-}" ] || out "(TCG emulates the CPU: compare the stacks with each other, not with hardware)"

# --- xl2tpd + pppd on both ends ------------------------------------------------
XLNS=$PWD/xlns
XLAC=$PWD/xlac
XLNS_LOG=$KL2TP_OUT/$KL2TP_TEST-xlns
XLAC_LOG=$KL2TP_OUT/$KL2TP_TEST-xlac

xl_conf() {
	mkdir -p "$XLNS/etc-ppp" "$XLAC/etc-ppp"
	: >"$XLNS/etc-ppp/options"
	: >"$XLAC/etc-ppp/options"
	printf '%s\n' "bench * p *" >"$XLNS/etc-ppp/chap-secrets"
	chmod 600 "$XLNS/etc-ppp/chap-secrets"
	printf '%s\n' "* * unused" >"$XLNS/l2tp-secrets"
	cp "$XLNS/l2tp-secrets" "$XLAC/l2tp-secrets"
	chmod 600 "$XLNS/l2tp-secrets" "$XLAC/l2tp-secrets"
	# pppd's own LCP echo is off by default (no lcp-echo-interval); kl2tp's
	# runs every 30 s: nothing that matters in a few seconds.
	printf '%s\n' "linkname xlns" "logfile $XLNS_LOG.pppd.log" auth require-chap \
		"mtu $MTU" "mru $MTU" noccp nodefaultroute >"$XLNS/options"
	printf '%s\n' "linkname xlac" "logfile $XLAC_LOG.pppd.log" "user bench" "password p" \
		noauth "mtu $MTU" "mru $MTU" noccp nodefaultroute noipdefault \
		refuse-pap refuse-mschap refuse-mschap-v2 refuse-eap >"$XLAC/options"
	cat >"$XLNS/xl2tpd.conf" <<-EOT
	[global]
	port = 1701
	listen-addr = $X_LNS_IP
	access control = no
	auth file = $XLNS/l2tp-secrets
	[lns default]
	ip range = 10.2.0.100-10.2.0.199
	local ip = $X_LOCAL
	require authentication = no
	name = xlns
	hostname = xlns
	pppoptfile = $XLNS/options
	EOT
	cat >"$XLAC/xl2tpd.conf" <<-EOT
	[global]
	port = 1701
	access control = no
	auth file = $XLAC/l2tp-secrets
	[lac bench]
	lns = $X_LNS_IP
	autodial = no
	redial = no
	hostname = xlac
	require authentication = no
	pppoptfile = $XLAC/options
	EOT
}

XL_UP=0
xl_start() {
	[ "$XL_UP" = 0 ] || return 0
	xl_conf
	xl2tpd_start "$lns" "$XLNS" "$XLNS_LOG.log"
	XLNS_PID=$XL2TPD_PID
	defer kill "$XLNS_PID"
	xl2tpd_start "$lac" "$XLAC" "$XLAC_LOG.log"
	XL_UP=1
	test -p "$XLNS/control" && test -p "$XLAC/control" || fail "xl2tpd did not start (see $XLNS_LOG.log, $XLAC_LOG.log)"
}

n_ppp_links() {
	ip -n "$1" -o link show | awk -F': ' '$2 ~ /^ppp/ { n++ } END { print n + 0 }'
}

xl_gone() {
	[ "$(n_ppp_links "$lac")" = 0 ] && [ "$(n_ppp_links "$lns")" = 0 ] &&
		[ -z "$(pppd_ifname xlac)" ] && [ -z "$(pppd_ifname xlns)" ]
}

# xl_up: pppd's devices up on both ends with their addresses; sets X_DEV_LAC,
# X_DEV_LNS, X_PEER (the LAC's PPP address).
xl_up_now() {
	X_DEV_LAC=$(pppd_ifname xlac)
	X_DEV_LNS=$(pppd_ifname xlns)
	[ -n "$X_DEV_LAC" ] && [ -n "$X_DEV_LNS" ] || return 1
	read -r X_PEER _ < <(ppp_inet "$lac" "$X_DEV_LAC")
	[ -n "$X_PEER" ] && [ "$(ppp_inet "$lns" "$X_DEV_LNS")" = "$X_LOCAL $X_PEER" ]
}

xl_dial() {
	xl2tpd_ctl "$XLAC" connect-lac bench >/dev/null
}

xl_hangup() {
	xl2tpd_ctl "$XLAC" disconnect-lac bench >/dev/null || true
	busywait 30000 xl_gone || { error "xl2tpd+pppd: pppd still up 30 s after disconnect-lac"; return 1; }
}

mtu_of() {
	ip -n "$1" -j link show dev "$2" 2>/dev/null | jq -r '.[0].mtu // "-"'
}

# --- kl2tp client ---------------------------------------------------------------
k_clean() {
	[ "$(n_sessions "$lac")" = 0 ] && [ "$(n_sessions "$lns")" = 0 ] &&
		[ "$(n_l2tp_links "$lac")" = 0 ] && [ "$(n_l2tp_links "$lns")" = 0 ]
}

k_all_clean() {
	k_clean && all_clean "$lac" "$lns"
}

k_up() {
	[ "$(client_field "$lac" "$1" state)" = up ]
}

ping_ok() {	# NS DEST [PING-OPTION...]
	local ns=$1
	shift
	ip netns exec "$ns" ping -q -c 1 -W 1 "$@" >/dev/null 2>&1
}

# --- 1. TCP ------------------------------------------------------------------------
# iperf DEST ARGS...: receiver's Mbit/s, "-" on failure.
iperf() {
	local dest=$1 j
	shift
	j=$(ip netns exec "$lac" timeout $((T + 30)) iperf3 -c "$dest" -t "$T" -J "$@" 2>/dev/null) ||
		{ echo -; return; }
	jq -r '.end.sum_received.bits_per_second / 1e6 | floor' <<<"$j" 2>/dev/null || echo -
}

CASES=("1 stream,  LAC -> LNS|-P 1" "1 stream,  LNS -> LAC|-P 1 -R"
	"4 streams, LAC -> LNS|-P 4" "4 streams, LNS -> LAC|-P 4 -R")

if want tcp; then
	ip netns exec "$lns" iperf3 -s >/dev/null 2>&1 &
	defer kill $!
	busywait 5000 sh -c "ip netns exec $lns ss -ltn | grep -q ':5201 '" || fail "iperf3 -s"
	tcp_veth=() tcp_kl2tp=() tcp_kseg=() tcp_ppp=() tcp_k6=()
	# udp_tnl_seg on|off: whether the veths pass UDP tunnel GSO packets
	# whole (off: segmented after encapsulation, as on a NIC without UDP
	# tunnel offload)
	udp_tnl_seg() {
		ip netns exec "$lac" ethtool -K "$VETH1" tx-udp_tnl-segmentation "$1" \
			tx-udp_tnl-csum-segmentation "$1" &&
		ip netns exec "$lns" ethtool -K "$VETH2" tx-udp_tnl-segmentation "$1" \
			tx-udp_tnl-csum-segmentation "$1"
	}

	# Both sessions up at once (distinct tunnels and addresses), then each
	# case on the three paths back to back: the ratios hold even when the
	# host's load changes during the section.
	l2 "$lac" client add t1 lns $LNS_IP user bench password p auth chap redial off ||
		fail "client add t1"
	l2 "$lac" client up t1
	k_mtu="- / -" k_ok=0
	if busywait 60000 k_up t1; then
		kdev=$(client_session "$lac" t1 ifname)
		kdev_lns=$(session_field "$lns" ifname)
		k_mtu="$(mtu_of "$lac" "$kdev") / $(mtu_of "$lns" "$kdev_lns")"
		busywait 10000 ping_ok "$lac" $LOCAL && k_ok=1 || error "kl2tp: no ping through $kdev"
	else
		error "kl2tp: client t1 not up in 60 s"
	fi
	# t6 over IPv6, its iperf3 bound to its device (both sessions have
	# $LOCAL as peer; t1's route came first)
	l2 "$lac" client add t6 lns "[$LNS_IP6]" user bench password p auth chap \
		redial off || fail "client add t6"
	l2 "$lac" client up t6
	k6_mtu="- / -" k6_ok=0
	if busywait 60000 k_up t6; then
		k6dev=$(client_session "$lac" t6 ifname)
		k6addr=$(client_session "$lac" t6 address)
		k6_mtu="$(mtu_of "$lac" "$k6dev") / $(mtu_of "$lns" \
			"$(session_field "$lns" ifname ".peer_address == \"$k6addr\"")")"
		busywait 10000 ping_ok "$lac" $LOCAL -I "$k6dev" && k6_ok=1 ||
			error "kl2tp over IPv6: no ping through $k6dev"
	else
		error "kl2tp: client t6 (over IPv6) not up in 60 s"
	fi
	xl_start
	xl_dial
	x_mtu="- / -" x_ok=0
	if busywait 60000 xl_up_now; then
		x_mtu="$(mtu_of "$lac" "$X_DEV_LAC") / $(mtu_of "$lns" "$X_DEV_LNS")"
		busywait 10000 ping_ok "$lac" $X_LOCAL && x_ok=1 ||
			error "pppol2tp: no ping through $X_DEV_LAC"
		busywait 5000 grep -q "Using l2tp kernel support" "$XLAC_LOG.log" ||
			error "xl2tpd LAC does not use the kernel data path"
	else
		error "xl2tpd+pppd: session not up in 60 s (see $XLAC_LOG.log)"
	fi
	for i in "${!CASES[@]}"; do
		c=${CASES[i]}
		# shellcheck disable=SC2086 # options
		tcp_veth[i]=$(iperf $LNS_IP ${c#*|})
		# shellcheck disable=SC2086
		[ "$k_ok" = 0 ] || tcp_kl2tp[i]=$(iperf $LOCAL ${c#*|})
		if [ "$k_ok" = 1 ] && udp_tnl_seg off; then
			# shellcheck disable=SC2086
			tcp_kseg[i]=$(iperf $LOCAL ${c#*|})
			udp_tnl_seg on || error "cannot turn UDP tunnel segmentation back on"
		fi
		# shellcheck disable=SC2086
		[ "$k6_ok" = 0 ] ||
			tcp_k6[i]=$(iperf $LOCAL -B "$k6addr" --bind-dev "$k6dev" ${c#*|})
		# shellcheck disable=SC2086
		[ "$x_ok" = 0 ] || tcp_ppp[i]=$(iperf $X_LOCAL ${c#*|})
		log "tcp: ${c%%|*}: veth ${tcp_veth[i]}, kl2tp ${tcp_kl2tp[i]:--}, kl2tp segmented ${tcp_kseg[i]:--}, kl2tp over IPv6 ${tcp_k6[i]:--}, pppol2tp ${tcp_ppp[i]:--} Mbit/s"
	done
	log "kl2tp: session errors tx/rx $(client_session "$lac" t1 tx_errors)/$(client_session "$lac" t1 rx_errors)"
	log "kl2tp over IPv6: session errors tx/rx $(client_session "$lac" t6 tx_errors)/$(client_session "$lac" t6 rx_errors)"
	l2 "$lac" client down t1 || true
	l2 "$lac" client del t1 || true
	l2 "$lac" client down t6 || true
	l2 "$lac" client del t6 || true
	busywait 60000 k_all_clean || error "kl2tp: not clean 60 s after client down"
	xl_hangup || true

	out "" "1. TCP throughput, iperf3 -t $T, Mbit/s (receiver); (x) = ratio to the raw veth" \
		"   device MTU (LAC / LNS): kl2tp $k_mtu, over IPv6 $k6_mtu, pppd $x_mtu" \
		"   kl2tp: the veth passes UDP tunnel GSO packets whole; kl2tp seg: the veth" \
		"   segments them after encapsulation (a NIC without UDP tunnel offload);" \
		"   kl2tp/v6: the tunnel over UDP/IPv6 (GSO packets whole)"
	out "$(printf '%-22s %9s %17s %17s %17s %17s %9s %9s %9s' "" "raw veth" "kl2tp" \
		"kl2tp seg" "kl2tp/v6" "pppol2tp" "k/pppol2tp" "seg/ppp" "v6/k")"
	for i in "${!CASES[@]}"; do
		v=${tcp_veth[i]:--} k=${tcp_kl2tp[i]:--} g=${tcp_kseg[i]:--} p=${tcp_ppp[i]:--}
		s6=${tcp_k6[i]:--}
		out "$(printf '%-22s %9s %9s (%5s) %9s (%5s) %9s (%5s) %9s (%5s) %9s %9s %9s' \
			"${CASES[i]%%|*}" "$v" "$k" "$(ratio "$k" "$v")" "$g" "$(ratio "$g" "$v")" \
			"$s6" "$(ratio "$s6" "$v")" "$p" "$(ratio "$p" "$v")" \
			"$(ratio "$k" "$p")" "$(ratio "$g" "$p")" "$(ratio "$s6" "$k")")"
	done
fi

# --- 2. time to first ping -------------------------------------------------------
median() {
	tr ' ' '\n' | grep -v '^$' | sort -n | awk '{ a[NR] = $1 } END {
		if (NR == 0) print "-"; else if (NR % 2) print a[(NR + 1) / 2];
		else printf "%.1f\n", (a[NR / 2] + a[NR / 2 + 1]) / 2 }'
}

# k_ping_runs NAME CLIENT-OPTION...: $RUNS dials of a kl2tp client; the
# times in k_times, the failures in k_fail
k_ping_runs() {
	local name=$1 i r t
	shift
	k_times=() k_kern=() k_fail=0
	l2 "$lac" client add "$name" user bench password p auth chap redial off "$@" ||
		fail "client add $name"
	for i in $(seq "$RUNS"); do
		busywait 60000 k_all_clean || error "kl2tp: not clean before ping run $i"
		r=$(ip netns exec "$lac" $TOOL ping $LOCAL --every 3 --timeout 30 --events 1 -- \
			l2tpctl client up "$name") || true
		log "ping: kl2tp $name run $i: $r"
		t=$(kv first_reply_ms "$r")
		k_steps+=("$name run $i: $(kv steps "$r" | tr ',' ' ') cmd-exit@$(kv cmd_ms "$r") reply@$t")
		gaps+=("$(awk -v t="$t" -v p="$(kv probes "$r")" 'BEGIN { if (p > 0) printf "%.1f", t / p }')")
		if [ -n "$t" ] && [ "$t" != none ]; then k_times+=("$t"); else k_fail=$((k_fail + 1)); fi
		# the module's part: from its first event to the reply
		k_kern+=("$(kv steps "$r" | awk -F'[@,]' -v t="$t" \
			'NF >= 2 && t != "none" { printf "%.1f", t - $2 }')")
		l2 "$lac" client down "$name" || true
	done
	busywait 60000 k_all_clean || error "kl2tp: not clean after the ping runs"
	l2 "$lac" client del "$name" || true
	[ "$k_fail" = 0 ] || error "kl2tp $name: $k_fail of $RUNS dials got no echo reply in 30 s"
}

if want ping; then
	x_times=() x_fail=0 gaps=() k_steps=()
	k_ping_runs p2 lns $LNS_IP:1702 shared-dev l2tpc0
	ks_times=("${k_times[@]}") ks_kern=("${k_kern[@]}")
	k_ping_runs p1 lns $LNS_IP

	xl_start
	for i in $(seq "$RUNS"); do
		busywait 30000 xl_gone || error "pppd: not gone before ping run $i"
		# xl2tpd closes the tunnel after disconnect-lac: let its StopCCN
		# exchange finish before the next call.
		sleep 1
		r=$(ip netns exec "$lac" $TOOL ping $X_LOCAL --every 3 --timeout 30 -- \
			xl2tpd-control -c "$XLAC/control" connect-lac bench) || true
		log "ping: xl2tpd run $i: $r"
		t=$(kv first_reply_ms "$r")
		gaps+=("$(awk -v t="$t" -v p="$(kv probes "$r")" 'BEGIN { if (p > 0) printf "%.1f", t / p }')")
		if [ -n "$t" ] && [ "$t" != none ]; then x_times+=("$t"); else x_fail=$((x_fail + 1)); fi
		xl_hangup || true
	done
	[ "$x_fail" = 0 ] || error "xl2tpd+pppd: $x_fail of $RUNS dials got no echo reply in 30 s"
	km=$(echo "${k_times[*]}" | median)
	ksm=$(echo "${ks_times[*]}" | median)
	xm=$(echo "${x_times[*]}" | median)
	out "" "2. Dial -> first echo reply through the new session, ms (probe every 3 ms; $RUNS runs)"
	out "$(printf '%-14s %8s   %s' "" median runs)"
	out "$(printf '%-14s %8s   %s' kl2tp "$km" "${k_times[*]}")"
	out "$(printf '%-14s %8s   %s' "kl2tp shared" "$ksm" "${ks_times[*]}")"
	out "$(printf '%-14s %8s   %s' xl2tpd+pppd "$xm" "${x_times[*]}")"
	out "   kl2tp/pppol2tp: $(ratio "$km" "$xm") (time: lower is better); probes were" \
		"   $(echo "${gaps[*]}" | median) ms apart (median; asked 3 ms: python under TCG is slower)"
	out "   kl2tp's own part, from the module's first event (it has the command) to the" \
		"   reply, median: $(echo "${k_kern[*]}" | median) ms (a device per session: ${k_kern[*]})," \
		"   $(echo "${ks_kern[*]}" | median) ms (shared: ${ks_kern[*]}); before it, the exec of l2tpctl"
	out "   where kl2tp's dials spent it (ms from the command's start): each state's first" \
		"   event, as the LAC's namespace received it; cmd-exit: \`l2tpctl client up\` exited"
	for i in "${!k_steps[@]}"; do out "     ${k_steps[i]}"; done
fi

# --- 3-5. setup, teardown, memory, CPU -------------------------------------------
MEMKEYS="Slab SUnreclaim Percpu VmallocUsed KernelStack PageTables MemFree MemAvailable"

mem_snap() {
	sync
	echo 3 >/proc/sys/vm/drop_caches
	sleep 1
	cp /proc/meminfo "$1.mi"
	awk 'NR > 2 { print $1, $3 * $4 }' /proc/slabinfo >"$1.slab"
}

# mem_report BEFORE AFTER ENDS: meminfo deltas per session end, the top slab caches.
mem_report() {
	local k a b line=""
	for k in $MEMKEYS; do
		a=$(awk -v k="$k:" '$1 == k { print $2 }' "$1.mi")
		b=$(awk -v k="$k:" '$1 == k { print $2 }' "$2.mi")
		[ -n "$a" ] && [ -n "$b" ] || continue
		line+=$(awk -v k="$k" -v d=$((b - a)) -v n="$3" \
			'BEGIN { printf "%s %+.1f, ", k, (k ~ /^Mem/ ? -d : d) / n }')
	done
	out "   per session end (KiB; MemFree/MemAvailable as used): ${line%, }"
	a=$(awk '$1 == "Slab:" { s = $2 } $1 == "Percpu:" { p = $2 } END { print s + p }' "$1.mi")
	b=$(awk '$1 == "Slab:" { s = $2 } $1 == "Percpu:" { p = $2 } END { print s + p }' "$2.mi")
	out "   slab + percpu: $(awk -v d=$((b - a)) -v n="$3" 'BEGIN { printf "%.1f", d / n }') KiB per session end"
	out "   top slab caches (bytes per session end): $(join -a 2 -e 0 -o 0,1.2,2.2 \
		<(sort "$1.slab") <(sort "$2.slab") | awk -v n="$3" '{ d = $3 - $2;
		if (d > 0) printf "%d %s\n", d / n, $1 }' | sort -rn | head -n 10 |
		awk '{ printf "%s%s %d", (NR > 1 ? ", " : ""), $2, $1 }')"
}

# sample_ping: one ping from the LNS to each of 10 sessions spread over
# the LNS's sessions; prints how many answered.
sample_ping() {
	local a ok=0 n=0
	for a in $(ip netns exec "$lns" l2tpctl -j session show |
		jq -r '[.[] | .peer_address // empty] | . as $a | length as $n |
			[range(0; 10) | $a[(. * $n / 10 | floor)]] | unique | .[]'); do
		n=$((n + 1))
		ip netns exec "$lns" ping -q -c 1 -W 2 "$a" >/dev/null 2>&1 && ok=$((ok + 1))
	done
	echo "$ok of $n"
}

perf_pid=
perf_start() {
	[ -n "${BENCH_PERF:-}" ] || return 0
	require_cmd perf linux-perf
	echo 0 >/proc/sys/kernel/kptr_restrict
	echo -1 >/proc/sys/kernel/perf_event_paranoid
	# Under TCG a sample interrupt "takes too long" and the kernel would
	# throttle the rate down to a few samples a second.
	echo 0 >/proc/sys/kernel/perf_cpu_time_max_percent
	rm -f perf.ctl perf.ack
	mkfifo perf.ctl perf.ack
	# Started disabled: enabled (and acknowledged) once perf has read
	# the processes, which takes seconds under TCG.
	perf record -a -g -e cpu-clock -F 499 -D -1 --control fifo:perf.ctl,perf.ack \
		-o /tmp/perf.data >perf.log 2>&1 &
	perf_pid=$!
	exec {perf_ctl}>perf.ctl {perf_ack}<perf.ack
	echo enable >&"$perf_ctl"
	read -r -t 120 _ <&"$perf_ack" || log "perf: no ack to enable"
}

# perf_stop LABEL: the profile of a setup run, self time by symbol.
perf_stop() {
	[ -n "$perf_pid" ] || return 0
	exec {perf_ctl}>&- {perf_ack}<&-
	kill -INT "$perf_pid"
	wait "$perf_pid" || true
	perf_pid=
	local f=$KL2TP_OUT/$KL2TP_TEST-perf-$run.txt
	{
		echo "== perf: $1 =="
		perf report -i /tmp/perf.data --no-children --sort sym --stdio -g none \
			--percent-limit 0.3 2>/dev/null | grep -v '^#' | grep -v '^$' | head -n 60
		echo "== callers of the top symbols =="
		perf report -i /tmp/perf.data --no-children --sort sym --stdio \
			-g caller,0.5,callee --percent-limit 2 2>/dev/null | grep -v '^$' | head -n 400
	} >"$f"
	head -n 62 "$f" | while IFS= read -r l; do log "$l"; done
}

run=0
last_sps=
# setup_run N TUNNELS LABEL [mem] [shared] [LIMIT (s, default 900)]
setup_run() {
	local n=$1 tunnels=$2 label=$3 mem=${4:-} shared=${5:-} limit=${6:-900}
	local i host r ok=1 up ms td sps tsps cpu ends
	local dest=$LNS_IP opts=
	case $shared in
	lnsdev) opts="shared-dev l2tpc0" ;;
	shared) dest=$LNS_IP:1702 opts="shared-dev l2tpc0" ;;
	radius) dest=$LNS_IP:1704 ;;
	huge) dest=$LNS_IP:1703 opts="shared-dev l2tpc0 lcp-echo 0 5" ;;
	esac
	run=$((run + 1))
	for i in $(seq "$n"); do
		host=
		[ "$tunnels" = 1 ] || host="hostname h$((i % tunnels))"
		echo "client add s$run-$i lns $dest user bench password p auth chap redial off $host $opts"
	done >conf
	for i in $(seq "$n"); do echo "client up s$run-$i"; done >>conf
	busywait 120000 k_all_clean || error "kl2tp: not clean before the $label run"
	[ -z "$mem" ] || mem_snap before
	kl0=$(wc -l <"$KLOG")
	log "setup: $label"
	perf_start
	r=$(ip netns exec "$lac" $TOOL setup "$n" --lns "$lns" --every 100 --timeout "$limit" \
		--stall "$STALL" -- l2tpctl -f conf) || ok=0
	log "setup: $label: $r"
	perf_stop "$label"
	up=$(kv up "$r")
	ms=$(kv ms "$r")
	[ -n "$up" ] && [ "$up" -gt 0 ] || { error "kl2tp: none of $label came up ($r)"; return 0; }
	# Some but not all: reported (INCOMPLETE below), not an error.
	[ "$ok" = 1 ] || incomplete+=("$label: $up of $n up")
	if [ -n "$mem" ]; then
		sleep 2
		mem_snap after
		ends=$(($(kv lns_sessions "$r") + $(kv lac_sessions "$r")))
	fi
	pings=$(sample_ping)
	r2=$(ip netns exec "$lac" $TOOL teardown --every 50 --timeout 600) ||
		error "kl2tp: $label: teardown not done in 600 s ($r2)"
	log "teardown: $label: $r2"
	td=$(kv ms "$r2")
	sps=$(awk -v n="$up" -v ms="$ms" 'BEGIN { printf "%.0f", n * 1000 / ms }')
	tsps=$(awk -v n="$up" -v ms="$td" 'BEGIN { printf "%.0f", n * 1000 / ms }')
	last_sps=$sps
	cpu=$(awk -v b="$(kv busy_jiffies "$r")" -v o="$(kv own_jiffies "$r")" \
		-v hz="$(kv hz "$r")" -v n="$up" 'BEGIN { printf "%.1f", (b - o) * 1000 / hz / n }')
	out "$(printf '%-34s %11s %9.2f s %7s %9.2f s %7s %7s %8s' "$label" "$up/$n" \
		"$(awk -v m="$ms" 'BEGIN { print m / 1000 }')" "$sps" \
		"$(awk -v m="$td" 'BEGIN { print m / 1000 }')" "$tsps" "$cpu" "$pings")"
	if [ "$ok" != 1 ]; then
		out "   INCOMPLETE: $up of $n clients up; the last came up at $ms ms, then none for" \
			"   ${STALL} s (or $limit s in all). Clients $(kv clients "$r");" \
			"   LAC sessions $(kv lac_states "$r"); LNS sessions $(kv lns_states "$r")" \
			"   LAC calls ended (result:message:by, count): $(kv lac_downs "$r")" \
			"   kernel log (kl2tp lines during the run, counted; all in $KL2TP_TEST-kl2tp.dmesg):"
		klog_since "$kl0" | sed 's/^/   /' | tee -a "$SUMMARY"
	fi
	if [ -n "$mem" ]; then
		out "   memory at $up sessions ($ends session ends: LAC + LNS, one kernel):"
		mem_report before after "$ends"
	fi
	busywait 120000 k_all_clean || error "kl2tp: not clean 120 s after the teardown of $label"
	ip netns exec "$lac" $TOOL delclients >/dev/null || error "delclients"
	if [ -n "$mem" ]; then
		sleep 2
		mem_snap gone
		out "   after teardown, left over: $(awk '$1 == "Slab:" { s = $2 } $1 == "Percpu:" { p = $2 }
			END { print s + p }' gone.mi | awk -v a="$(awk '$1 == "Slab:" { s = $2 }
			$1 == "Percpu:" { p = $2 } END { print s + p }' before.mi)" \
			'{ printf "%+d KiB slab + percpu", $1 - a }')"
	fi
}

setup_header() {
	out "" "3. Setup: N calls from one \`l2tpctl -f\` until all N clients are up; teardown: a" \
		"   TUNNEL_RESET per tunnel until the LAC has no session and no device." \
		"   cpu = ms of CPU per call: all CPUs, both ends and l2tpctl -f; the counting process excluded"
	out "   ping = of 10 sessions spread over the run, how many answer one ping from the LNS"
	out "$(printf '%-34s %11s %11s %7s %11s %7s %7s %8s' calls up setup calls/s teardown calls/s "cpu ms" ping)"
}

if want setup || want lnsdev || want shared || want huge || want radius; then
	echo "$rto_default" >"$(_param ctrl_rto_max_ms)"
	echo "$retries_default" >"$(_param ctrl_retries)"
	setup_header
fi
if want setup; then
	setup_run 1000 1 "1000 calls, 1 tunnel"
	setup_run 1000 100 "1000 calls, 100 tunnels" mem
	setup_run "$BIG_N" 1 "$BIG_N calls, 1 tunnel" mem
fi
if want lnsdev; then
	setup_run 1000 1 "1000 calls, 1 tunnel, LAC shared" "" lnsdev
	setup_run "$BIG_N" 1 "$BIG_N calls, 1 tunnel, LAC shared" "" lnsdev
fi
if want shared; then
	setup_run 1000 1 "1000 calls, 1 tunnel, shared" "" shared
	setup_run 1000 100 "1000 calls, 100 tunnels, shared" mem shared
	setup_run "$BIG_N" 1 "$BIG_N calls, 1 tunnel, shared" mem shared
fi
if want radius; then
	# FreeRADIUS in its own namespace, kl2tp-aaad in the LNS's
	require_cmd freeradius freeradius
	setup_ns rad
	veth_pair "$lns" "$rad" 198.51.100.1/24 198.51.100.2/24
	rdir=$PWD/radius
	freeradius_conf "$rdir" 198.51.100.1 bench-secret
	echo 'bench Cleartext-Password := "p"' >"$rdir/users"
	ip netns exec "$rad" freeradius -f -d "$rdir" &
	busywait 60000 grep -q "Ready to process requests" "$rdir/radius.log" ||
		error "freeradius did not start"
	ip netns exec "$lns" "$KL2TP_ROOT/tools/aaad/kl2tp-aaad" \
		--server 198.51.100.2 --secret bench-secret 2>"$KL2TP_OUT/$KL2TP_TEST-aaad.log" &
	defer kill $!
	busywait 10000 grep -q "the AAA agent" "$KL2TP_OUT/$KL2TP_TEST-aaad.log" ||
		error "kl2tp-aaad did not start"
	l2 "$lns" lns add radius listen $LNS_IP:1704 local-ip $LOCAL pool big \
		auth chap aaa radius || fail "lns add radius"
	setup_run 1000 1 "1000 calls, 1 tunnel, local users"
	local_sps=$last_sps
	setup_run 1000 1 "1000 calls, 1 tunnel, RADIUS" "" radius
	out "   RADIUS / local users: $(ratio "$last_sps" "$local_sps") (calls/s; FreeRADIUS, kl2tp-aaad" \
		"   and the accounting Starts and Stops share the guest's CPUs)"
fi
if want huge; then
	need=$((HUGE_N * 2 * 16 / 1024 + 1024))
	[ "$mem_total" -gt "$need" ] ||
		out "   (the guest has $mem_total MiB; $HUGE_N calls may need ${need} MiB: VM_MEM=4G)"
	setup_run "$HUGE_N" 1 "$HUGE_N calls, 1 tunnel, shared" mem huge 3600
fi

echo
echo "==== bench summary ===="
cat "$SUMMARY"
[ ${#incomplete[@]} -eq 0 ] || printf 'bench: INCOMPLETE: %s\n' "${incomplete[@]}"
if [ ${#errors[@]} -gt 0 ]; then
	printf 'bench: ERROR: %s\n' "${errors[@]}"
	exit 1
fi
