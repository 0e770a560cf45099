/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The PPP engine of one L2TP session: LCP, then authentication, then IPCP
 * and, when the glue gives it one, IPV6CP (RFC 1661 3.2 phases), with LCP
 * echo keepalives.
 *
 *	Dead -> Establish -> Authenticate -> Network -> Terminate -> Dead
 *	        (LCP)        (PAP/CHAP)      (IPCP,     (LCP close)
 *	                                      IPV6CP)
 *
 * Roles: the server (LNS) authenticates the peer and assigns its address
 * (ops->ipcp_assign); the client (LAC side of a dial-out) proves itself and
 * takes the address it is given. The LCP configuration says who
 * authenticates whom, so either role may do both.
 *
 * Like the rest of the protocol core it never allocates, sleeps, locks or
 * reads a clock. The caller (the kernel glue):
 *   - serialises every call on one session (in the module: all of them are
 *     made from the session's PPP work item, which never runs concurrently
 *     with itself; no lock is taken for them);
 *   - passes the time in: a u64 count of milliseconds, monotonic;
 *   - calls kl2tp_ppp_session_start() once the L2TP session is up (ICCN
 *     sent or received) - or, for an incoming call on an LNS, its
 *     kl2tp_ppp_session_start_proxy() with the ICCN's proxy AVPs (below) -
 *     kl2tp_ppp_session_input() for every PPP frame it
 *     receives that it does not deliver itself, kl2tp_ppp_session_close()
 *     to hang up, kl2tp_ppp_session_lower_down() when the L2TP session is
 *     gone, kl2tp_ppp_session_verdict() when an external check that
 *     ops->verify left pending has answered;
 *   - after each of these calls, and when its timer fires (then first
 *     kl2tp_ppp_session_timer()), re-arms its one timer for
 *     kl2tp_ppp_session_next_timeout() (none if KL2TP_PPP_NO_TIMEOUT);
 *   - tears the L2TP session down (CDN) when ops->finished is called.
 * The ops are called from inside these calls, in that serialised context;
 * they must not call back into the engine.
 *
 * Proxy LCP and authentication (RFC 2661 4.4.5, server only): the LAC
 * negotiated LCP with the peer and may have started its authentication;
 * the ICCN carries the results (struct kl2tp_ppp_proxy), and
 * kl2tp_ppp_session_start_proxy() takes over where the LAC stopped:
 *   - LCP: when the last Configure-Requests sent and received (AVPs 27
 *     and 28) are both there, parse and are acceptable to our
 *     configuration (kl2tp_ppp_lcp_proxy_check(): MRU, Auth-Protocol one
 *     of cfg.lcp.auth, Magic-Number, no option we do not run), LCP is
 *     Opened at once with them, nothing sent: our Magic-Number is that of
 *     AVP 27 (none if it has none), the peer's options are those of AVP
 *     28. Otherwise, or with cfg.lcp_renegotiate, or with cfg.force_chap
 *     when the proxied Auth-Protocol is not CHAP, LCP is negotiated from
 *     scratch and authentication runs as usual, the proxy ignored: exactly
 *     kl2tp_ppp_session_start(). AVP 26 is not used.
 *   - Authenticate, when LCP was proxied: nothing if the proxied LCP has no
 *     Auth-Protocol (our cfg.lcp.auth is then empty). With cfg.force_chap,
 *     our own Challenge with the proxied CHAP algorithm. Otherwise proxy
 *     authentication of the type the proxied Auth-Protocol names - PAP or
 *     textual (AVP 29 types 3, 1) for PAP, CHAP (2) for CHAP-MD5 - is
 *     checked at once like a received request: the user AVP 30, the
 *     password AVP 33 (PAP, textual: trailing NULs dropped, as from the
 *     name) or the Response AVP 33 to the Challenge AVP 31 with the
 *     Identifier AVP 32 (CHAP), against ops->lookup (ops->verify first,
 *     which may leave it pending). The answer (PAP Ack/Nak, CHAP
 *     Success/Failure) goes to the peer with that
 *     Identifier; a failure ends the session with KL2TP_PPP_R_AUTH_FAILED,
 *     a success names the user as a normal one would (auth.peer_name,
 *     the @user of ops->ipcp_assign). Any other case - type none (4) or
 *     absent, MS-CHAPv1 (5), a type that is not the proxied Auth-Protocol,
 *     a value of the wrong size - runs the proxied Auth-Protocol from our
 *     side as usual: a Challenge of ours for CHAP and MS-CHAPv2, a wait
 *     for the peer's next PAP request for PAP.
 *   - Network: as usual.
 * The proxy's memory is the caller's and only read during the call.
 *
 * IPv6 (RFC 5072): a session runs IPV6CP only when the glue gave it the
 * state for it with kl2tp_ppp_session_set_ipv6() before the start or in
 * ops->ipcp_assign (kept out of struct kl2tp_ppp_session: most sessions
 * do not run it). It then
 * starts with IPCP on each entry in the Network phase, and reports
 * ops->net6_up with the negotiated Interface-Identifiers (both non-zero
 * and different, else IPV6CP is Closed: no link-local addresses, RFC 5072
 * 4.1; Closed too when ops->net6_up fails), ops->net6_down when it leaves
 * Opened. IPCP and IPV6CP go up and
 * down on their own; the link is hung up (KL2TP_PPP_R_NO_NCP, or
 * KL2TP_PPP_R_NO_ADDRESS when the last to finish failed for want of an
 * address) once both are idle (Initial, Starting, Closed or Stopped) in the
 * Network phase: a peer that Protocol-Rejects one of them keeps the other.
 * Without that state IPV6CP and IPv6 frames are Protocol-Rejected as any
 * protocol we do not run.
 *
 * Data path: once ops->net_up (ops->net6_up) was called, IP frames
 * (KL2TP_PPP_IP; KL2TP_PPP_IPV6) may go both ways without the engine: the
 * glue may parse received frames with kl2tp_ppp_frame_parse() and deliver
 * them itself, passing everything else here; it sends with
 * kl2tp_ppp_put_hdr(.., lcp.peer_acfc, lcp.peer_pfc) and at most
 * lcp.peer_mru bytes of IP. Every protocol we do not run (CCP, ...) is
 * Protocol-Rejected.
 */
#ifndef KL2TP_PROTO_PPP_SESSION_H
#define KL2TP_PROTO_PPP_SESSION_H

#include "ppp_frame.h"
#include "ppp_fsm.h"
#include "ppp_lcp.h"
#include "ppp_ipcp.h"
#include "ppp_ipv6cp.h"
#include "ppp_auth.h"
#include "avp.h"

/* Frame buffer: an Information field as big as the largest MRU. */
#define KL2TP_PPP_TX_LEN	(KL2TP_PPP_MAX_MRU + KL2TP_PPP_HDR_LEN)

#define KL2TP_PPP_DEF_ECHO_FAILURES	5

/* RFC 1661 3.2 phases. */
enum kl2tp_ppp_phase {
	KL2TP_PPP_PHASE_DEAD,
	KL2TP_PPP_PHASE_ESTABLISH,
	KL2TP_PPP_PHASE_AUTHENTICATE,
	KL2TP_PPP_PHASE_NETWORK,
	KL2TP_PPP_PHASE_TERMINATE,
};

/**
 * struct kl2tp_ppp_session_cfg - configuration of one PPP session
 * @server: LNS role: assign the peer's address with ops->ipcp_assign
 * @fsm: LCP and IPCP automaton tunables; restart_ms and max_configure
 *	also drive PAP/CHAP retransmissions. All zero: RFC 1661 defaults.
 * @lcp: LCP options: MRU, who authenticates whom with what, compression
 * @name: client: our user name (PAP Peer-ID, CHAP Name); server: the Name
 *	of our CHAP challenges. The caller's memory, live as long as the
 *	session.
 * @name_len: its length (<= KL2TP_PPP_NAME_MAX)
 * @secret: client: our password (the caller's memory, as @name)
 * @secret_len: its length (<= KL2TP_PPP_SECRET_MAX)
 * @want_dns: client: ask for DNS servers
 * @local_addr: client: the address to ask for (0: any)
 * @echo_interval_ms: LCP Echo-Request period once LCP is up (0: none)
 * @echo_failures: Echo-Requests unanswered before the link is declared
 *	dead (0: KL2TP_PPP_DEF_ECHO_FAILURES)
 * @lcp_renegotiate: server: kl2tp_ppp_session_start_proxy() ignores the
 *	proxy: LCP and authentication from scratch
 * @force_chap: server: after a proxied LCP, challenge the peer ourselves
 *	even when proxy authentication is there and valid; the LCP is taken
 *	only if it agreed on CHAP-MD5 or MS-CHAPv2 (so never without one of
 *	them in @lcp.auth: LCP and authentication from scratch)
 */
struct kl2tp_ppp_session_cfg {
	bool server;
	struct kl2tp_ppp_fsm_params fsm;
	struct kl2tp_ppp_lcp_cfg lcp;
	const u8 *name;
	size_t name_len;
	const u8 *secret;
	size_t secret_len;
	bool want_dns;
	u32 local_addr;
	u32 echo_interval_ms;
	u8 echo_failures;
	bool lcp_renegotiate;
	bool force_chap;
};

/**
 * struct kl2tp_ppp_proxy - what the LAC negotiated (RFC 2661 4.4.5 AVPs,
 * from the ICCN); every pointer may be NULL when its length is 0
 * @initial_rcvd: AVP 26, the first Configure-Request the LAC received from
 *	the peer: its options (after the Length field), @initial_rcvd_len
 *	bytes (not used)
 * @last_sent: AVP 27, the options of the last Configure-Request the LAC
 *	sent the peer (our side of the LCP), @last_sent_len bytes
 * @last_rcvd: AVP 28, the options of the last one it received from the
 *	peer (the peer's side), @last_rcvd_len bytes
 * @auth_type: AVP 29, enum kl2tp_proxy_auth_type; 0: absent
 * @auth_name: AVP 30, the user name, @auth_name_len bytes
 * @auth_challenge: AVP 31, the CHAP Challenge Value, @auth_challenge_len
 *	bytes
 * @auth_id: AVP 32, the Identifier of the PAP or CHAP exchange
 * @auth_response: AVP 33, the PAP or textual password, or the CHAP
 *	Response Value, @auth_response_len bytes
 */
struct kl2tp_ppp_proxy {
	const u8 *initial_rcvd;
	size_t initial_rcvd_len;
	const u8 *last_sent;
	size_t last_sent_len;
	const u8 *last_rcvd;
	size_t last_rcvd_len;
	u16 auth_type;
	const u8 *auth_name;
	size_t auth_name_len;
	const u8 *auth_challenge;
	size_t auth_challenge_len;
	u8 auth_id;
	const u8 *auth_response;
	size_t auth_response_len;
};

/**
 * struct kl2tp_ppp_session_ops - what the engine needs from the glue
 * @send: transmit one PPP frame (Address, Control, 2-byte Protocol,
 *	Information), valid only during the call; required
 * @random: fill @buf with @len unpredictable bytes (get_random_bytes());
 *	required
 * @lookup: server (authenticator): the secret of user @name, see
 *	kl2tp_ppp_lookup_t; NULL: every authentication fails
 * @verify: server: asked first about each credential (an AAA server),
 *	see kl2tp_ppp_verify_t; a pending one is answered with
 *	kl2tp_ppp_session_verdict(); NULL: @lookup only
 * @ipcp_assign: server: addresses for the user authenticated as @user
 *	(@user_len 0 without authentication) into @addrs (local, peer, and
 *	DNS servers or 0): 0, or a negative errno to hang up with
 *	KL2TP_PPP_R_NO_ADDRESS. Called on each entry in the Network phase;
 *	required for a server
 * @ipcp_release: server: the addresses of the last successful
 *	@ipcp_assign are no longer used (Network phase left); may be NULL
 * @net_up: IPCP is Opened: IP may flow; @addrs as negotiated (host order)
 * @net_down: IPCP left Opened (@reason, @why: enum kl2tp_ppp_reason and
 *	its name): stop IP; it may come back up (renegotiation)
 * @net6_up: IPV6CP is Opened: IPv6 may flow; @ours and @peer are the
 *	Interface-Identifiers of the two ends' link-local addresses. 0, or a
 *	negative errno when IPv6 cannot be carried (the glue undid what it
 *	did): IPV6CP is then Closed, and no @net6_down follows
 * @net6_down: IPV6CP left Opened (@reason, @why as for @net_down): stop
 *	IPv6; it may come back up
 * @finished: the session is Dead for @reason: tear the L2TP session down.
 *	Called once per kl2tp_ppp_session_start(); nothing is sent after it.
 * Any but @send and @random may be NULL (@ipcp_assign not for a server).
 */
struct kl2tp_ppp_session_ops {
	void (*send)(void *ctx, const u8 *frame, size_t len);
	void (*random)(void *ctx, void *buf, size_t len);
	int (*lookup)(void *ctx, const u8 *name, size_t name_len,
		      const u8 **secret, size_t *secret_len);
	int (*verify)(void *ctx, const struct kl2tp_ppp_auth_cred *cred);
	int (*ipcp_assign)(void *ctx, const u8 *user, size_t user_len,
			   struct kl2tp_ppp_ipcp_addrs *addrs);
	void (*ipcp_release)(void *ctx);
	void (*net_up)(void *ctx, const struct kl2tp_ppp_ipcp_addrs *addrs);
	void (*net_down)(void *ctx, int reason, const char *why);
	int (*net6_up)(void *ctx, const u8 ours[KL2TP_PPP_IID_LEN],
		       const u8 peer[KL2TP_PPP_IID_LEN]);
	void (*net6_down)(void *ctx, int reason, const char *why);
	void (*finished)(void *ctx, int reason, const char *why);
};

/**
 * struct kl2tp_ppp_session_stats - counters
 * @rx_frames: frames given to kl2tp_ppp_session_input()
 * @rx_dropped: of which dropped (malformed, unexpected, wrong phase)
 * @rx_proto_rejected: of which Protocol-Rejected
 * @tx_frames: frames handed to ops->send
 * @echo_sent: LCP Echo-Requests sent
 */
struct kl2tp_ppp_session_stats {
	u32 rx_frames;
	u32 rx_dropped;
	u32 rx_proto_rejected;
	u32 tx_frames;
	u32 echo_sent;
};

/**
 * struct kl2tp_ppp_session - one PPP session (about 3 KB: embed it in the
 * glue's session object, not on the stack)
 *
 * Fields are readable (monitoring, data path: lcp.peer_mru, lcp.peer_pfc,
 * lcp.peer_acfc, auth.peer_name, addrs); change them only through the
 * functions below.
 *
 * @cfg: configuration
 * @ops: glue callbacks; @ctx is their first argument
 * @io: frame output (its buffer is @tx)
 * @lcp: LCP
 * @auth: authentication phase
 * @ipcp: IPCP
 * @ipv6cp: IPV6CP, the glue's memory (kl2tp_ppp_session_set_ipv6()), or
 *	NULL: IPV6CP and IPv6 are Protocol-Rejected
 * @phase: enum kl2tp_ppp_phase
 * @reason: why the session ended or is ending (enum kl2tp_ppp_reason)
 * @pending: a close decided inside a callback, applied before returning
 * @started: kl2tp_ppp_session_start() was called
 * @dead: finished (ops->finished was called or is due)
 * @reported: ops->finished was called
 * @assigned: an ipcp_assign awaits its ipcp_release
 * @up: ops->net_up was called, ops->net_down not yet
 * @up6: ops->net6_up was called, ops->net6_down not yet
 * @assigning: in ops->ipcp_assign (kl2tp_ppp_session_set_ipv6() allowed)
 * @close6: IPV6CP Opened without a unique pair of identifiers, or the
 *	glue refused it: settle() closes it
 * @echo_on: the keepalive timer runs
 * @echo_at: when it fires
 * @proxy_lcp: LCP was taken from the proxy (kl2tp_ppp_session_start_proxy)
 * @proxy_auth: authentication was decided on the proxied credentials
 * @proxy: the proxy during kl2tp_ppp_session_start_proxy() only, else NULL
 * @addrs: the negotiated addresses (valid while @up)
 * @stats: counters
 * @tx: the frame buffer
 */
struct kl2tp_ppp_session {
	struct kl2tp_ppp_session_cfg cfg;
	const struct kl2tp_ppp_session_ops *ops;
	void *ctx;
	struct kl2tp_ppp_io io;
	struct kl2tp_ppp_lcp lcp;
	struct kl2tp_ppp_auth auth;
	struct kl2tp_ppp_ipcp ipcp;
	struct kl2tp_ppp_ipv6cp *ipv6cp;
	u8 phase;
	u8 reason;
	u8 pending;
	bool started;
	bool dead;
	bool reported;
	bool assigned;
	bool up;
	bool up6;
	bool close6;
	bool assigning;
	bool echo_on;
	bool proxy_lcp;
	bool proxy_auth;
	u64 echo_at;
	const struct kl2tp_ppp_proxy *proxy;
	struct kl2tp_ppp_ipcp_addrs addrs;
	struct kl2tp_ppp_session_stats stats;
	u8 tx[KL2TP_PPP_TX_LEN];
};

/*
 * kl2tp_ppp_session_init() - a session in the Dead phase.
 * Returns 0, or -EINVAL for an invalid @cfg (see struct kl2tp_ppp_lcp_cfg,
 * struct kl2tp_ppp_auth_cfg) or missing required ops.
 */
int kl2tp_ppp_session_init(struct kl2tp_ppp_session *s,
			   const struct kl2tp_ppp_session_cfg *cfg,
			   const struct kl2tp_ppp_session_ops *ops, void *ctx);

/*
 * kl2tp_ppp_session_set_ipv6() - run IPV6CP too, with @cfg, its state in
 * @c (the caller's memory, live until ops->finished was called or the
 * session is no longer used). Before kl2tp_ppp_session_start(), or from
 * ops->ipcp_assign (a server that knows only then, from the user, that
 * the session is dual-stack). Returns 0, -EALREADY once started
 * (elsewhere), -EBUSY when already set, or -EINVAL from
 * kl2tp_ppp_ipv6cp_init().
 */
int kl2tp_ppp_session_set_ipv6(struct kl2tp_ppp_session *s,
			       struct kl2tp_ppp_ipv6cp *c,
			       const struct kl2tp_ppp_ipv6cp_cfg *cfg);

/* The L2TP session is up: start LCP (Establish). Once only: -EALREADY. */
int kl2tp_ppp_session_start(struct kl2tp_ppp_session *s, u64 now);

/*
 * kl2tp_ppp_session_start_proxy() - kl2tp_ppp_session_start() for a server
 * taking over from an LAC: LCP and authentication from @p (see the top of
 * this file); @p NULL or unusable: kl2tp_ppp_session_start(). Returns 0,
 * -EINVAL for a client, -EALREADY when already started.
 */
int kl2tp_ppp_session_start_proxy(struct kl2tp_ppp_session *s, u64 now,
				  const struct kl2tp_ppp_proxy *p);

/*
 * kl2tp_ppp_session_close() - hang up for @reason (enum kl2tp_ppp_reason,
 * usually KL2TP_PPP_R_ADMIN): LCP Terminate-Request, then Dead once the
 * peer acks or the retries run out. At once if not started.
 */
void kl2tp_ppp_session_close(struct kl2tp_ppp_session *s, u64 now,
			     int reason);

/*
 * kl2tp_ppp_session_lower_down() - the L2TP session is gone: Dead at once
 * (ops->net_down, ops->ipcp_release, ops->finished as they apply; nothing
 * is sent).
 */
void kl2tp_ppp_session_lower_down(struct kl2tp_ppp_session *s, u64 now);

/*
 * kl2tp_ppp_session_input() - a PPP frame from the peer (the L2TP
 * payload).
 * @data: filled when 1 is returned (may be NULL)
 *
 * Returns 1 for an IP frame while IPCP is up, or an IPv6 frame while
 * IPV6CP is up (@data describes it: the glue delivers it), 0 when the
 * engine consumed the frame, or a negative errno when it was dropped:
 * -EBADMSG malformed, -ENOTCONN not started or dead, -EPROTO unexpected in
 * this phase or state, -EPROTONOSUPPORT Protocol-Rejected (or dropped
 * before LCP is up).
 */
int kl2tp_ppp_session_input(struct kl2tp_ppp_session *s, u64 now,
			    const u8 *frame, size_t len,
			    struct kl2tp_ppp_frame *data);

/* Run the timers that are due: restart timers, auth, keepalive. */
void kl2tp_ppp_session_timer(struct kl2tp_ppp_session *s, u64 now);

/*
 * kl2tp_ppp_session_verdict() - the answer to ops->verify's call @seq
 * (cred->seq) that said KL2TP_PPP_VERIFY_PENDING (see
 * kl2tp_ppp_auth_verdict()); the session moves on to the Network phase or
 * hangs up as with a local check. Returns 0, -EINVAL (refused for a
 * malformed authenticator response), or -EALREADY when no verdict is
 * awaited for @seq (a late answer). The engine sets no deadline on a
 * pending check: the glue bounds it.
 */
int kl2tp_ppp_session_verdict(struct kl2tp_ppp_session *s, u64 now, u32 seq,
			      bool ok, const char *authresp, size_t authresp_len);

/*
 * kl2tp_ppp_session_verdict_local() - ops->verify's pending call @seq
 * answered by a local check of @c, the credential it was given (see
 * kl2tp_ppp_auth_verdict_local()): for a glue whose external check could
 * not be made. Returns as kl2tp_ppp_session_verdict().
 */
int kl2tp_ppp_session_verdict_local(struct kl2tp_ppp_session *s, u64 now,
				    u32 seq,
				    const struct kl2tp_ppp_auth_cred *c);

/* Time until kl2tp_ppp_session_timer() has work, or KL2TP_PPP_NO_TIMEOUT. */
u32 kl2tp_ppp_session_next_timeout(const struct kl2tp_ppp_session *s,
				   u64 now);

static inline bool kl2tp_ppp_session_net_up(const struct kl2tp_ppp_session *s)
{
	return s->up;
}

const char *kl2tp_ppp_phase_name(int phase);	/* "Authenticate" */

#endif /* KL2TP_PROTO_PPP_SESSION_H */
