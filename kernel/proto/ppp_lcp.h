/* SPDX-License-Identifier: GPL-2.0 */
/*
 * LCP, the PPP Link Control Protocol (RFC 1661 5-6), on the automaton of
 * ppp_fsm.h.
 *
 * Options we request:
 *	MRU		cfg.mru unless it is the default 1500 (a Nak within
 *			[128, max(cfg.mru, 1500)] is taken, a Reject drops it)
 *	Auth-Protocol	when we authenticate the peer: cfg.auth[0] first; on
 *			Nak the method the peer suggests if it is in cfg.auth
 *			and untried, else the next untried one; a Reject, or
 *			no method left, fails with KL2TP_PPP_R_AUTH_REFUSED
 *	Magic-Number	a random non-zero value unless cfg.no_magic
 *	PFC, ACFC	if cfg.pfc / cfg.acfc
 * Options we accept from the peer:
 *	MRU		>= 128 (smaller: Nak 128)
 *	ACCM		any value (meaningless on L2TP's synchronous link)
 *	Auth-Protocol	a method in cfg.peer_auth; another one: Nak with
 *			cfg.peer_auth[0]; Reject when cfg.peer_auth is empty
 *	Magic-Number	non-zero and not ours (else Nak with a new random
 *			value: RFC 1661 6.4 loopback detection)
 *	PFC, ACFC	if cfg.pfc / cfg.acfc, else Reject
 *	anything else	Reject; a known option of the wrong length: Reject
 *
 * Loopback: when a Configure-Nak of our Magic-Number carries the value of
 * our own last Nak of the peer's, the link is probably looped back; after
 * cfg.max_loops such Naks the negotiation fails (KL2TP_PPP_R_LOOPBACK).
 *
 * Extra codes, in the Opened state only (dropped in the others): an
 * Echo-Request is answered (unless it carries our own Magic-Number), an
 * Echo-Reply clears ->echo_pending (same check), Discard-Request,
 * Identification and Time-Remaining are dropped, a Protocol-Reject is
 * RXJ- for LCP itself or passed to ->proto_rej for another protocol. Other
 * codes get a Code-Reject.
 *
 * Proxy LCP (RFC 2661 4.4.5): an LAC that negotiated LCP with the peer
 * passes on the options of the last Configure-Requests sent and received.
 * kl2tp_ppp_lcp_proxy_check() judges them as if we had negotiated them,
 * kl2tp_ppp_lcp_proxy_open() then takes LCP to Opened without a packet
 * sent; from there on it runs as if negotiated (Echo, Terminate,
 * renegotiation from our configuration when the peer asks).
 *
 * Results, valid once Opened: what the peer asked of us and we Acked is in
 * ->peer_* (->peer_mru bounds what we send; ->peer_pfc and ->peer_acfc say
 * we MAY compress what we send), what we asked and the peer Acked in
 * ->want_* (->want_auth: how we authenticate the peer; ->peer_auth: how it
 * authenticates us).
 */
#ifndef KL2TP_PROTO_PPP_LCP_H
#define KL2TP_PROTO_PPP_LCP_H

#include "ppp_fsm.h"

/* LCP Configuration Option types (RFC 1661 6, IANA). */
enum kl2tp_ppp_lcp_opt {
	KL2TP_PPP_LCP_MRU = 1,
	KL2TP_PPP_LCP_ACCM = 2,
	KL2TP_PPP_LCP_AUTH = 3,
	KL2TP_PPP_LCP_QUALITY = 4,
	KL2TP_PPP_LCP_MAGIC = 5,
	KL2TP_PPP_LCP_PFC = 7,
	KL2TP_PPP_LCP_ACFC = 8,
};

/*
 * Authentication methods, numbered as enum kl2tp_auth of the uapi, and
 * their Auth-Protocol option values.
 */
enum kl2tp_ppp_auth_method {
	KL2TP_PPP_AUTH_NONE = 0,
	KL2TP_PPP_AUTH_PAP = 1,		/* c023 */
	KL2TP_PPP_AUTH_CHAP_MD5 = 2,	/* c223, algorithm 5 */
	KL2TP_PPP_AUTH_MSCHAPV2 = 3,	/* c223, algorithm 0x81 */
	KL2TP_PPP_AUTH_METHOD_MAX = KL2TP_PPP_AUTH_MSCHAPV2,
};

#define KL2TP_PPP_CHAP_ALG_MD5		5
#define KL2TP_PPP_CHAP_ALG_MSCHAPV2	0x81

/* Length of the method lists of the configuration. */
#define KL2TP_PPP_AUTH_LIST		4
#define KL2TP_PPP_LCP_DEF_LOOPS		5

/**
 * struct kl2tp_ppp_lcp_cfg - LCP configuration
 * @mru: MRU we request; 0 or KL2TP_PPP_DEF_MRU: none requested.
 *	KL2TP_PPP_MIN_MRU..KL2TP_PPP_MAX_MRU
 * @auth: methods we authenticate the peer with, preferred first
 * @n_auth: entries in @auth; 0: we do not authenticate the peer
 * @peer_auth: methods we let the peer authenticate us with, preferred
 *	first
 * @n_peer_auth: entries in @peer_auth; 0: we refuse to be authenticated
 * @pfc: request Protocol-Field-Compression and accept the peer's
 * @acfc: the same for Address-and-Control-Field-Compression
 * @no_magic: do not request a Magic-Number
 * @max_loops: looped-back Naks before giving up (0: KL2TP_PPP_LCP_DEF_LOOPS)
 */
struct kl2tp_ppp_lcp_cfg {
	u16 mru;
	u8 auth[KL2TP_PPP_AUTH_LIST];
	u8 n_auth;
	u8 peer_auth[KL2TP_PPP_AUTH_LIST];
	u8 n_peer_auth;
	bool pfc;
	bool acfc;
	bool no_magic;
	u8 max_loops;
};

struct kl2tp_ppp_lcp;

/* The peer Protocol-Rejected @proto (not LCP). */
typedef void (*kl2tp_ppp_proto_rej_t)(struct kl2tp_ppp_lcp *l, u64 now,
				      u16 proto);

/**
 * struct kl2tp_ppp_lcp - LCP of one session
 * @fsm: its automaton (fsm.priv is this struct)
 * @cfg: configuration
 * @proto_rej: called for a Protocol-Reject of another protocol, or NULL
 * @want_mru: MRU we request, 0: none
 * @want_auth: method we request, KL2TP_PPP_AUTH_NONE: none
 * @auth_tried: bit (1 << method): requested and Nak'd
 * @magic: Magic-Number we request, 0: none
 * @want_pfc: we request PFC
 * @want_acfc: we request ACFC
 * @peer_mru: MRU the peer asked for (KL2TP_PPP_DEF_MRU if none)
 * @peer_auth: method the peer wants to authenticate us with
 * @peer_magic: the peer's Magic-Number, 0: none
 * @peer_accm: the peer's ACCM (not used)
 * @peer_pfc: the peer accepts compressed Protocol fields
 * @peer_acfc: the peer accepts frames without Address and Control
 * @nak_magic: Magic-Number in our last Nak of the peer's
 * @loops: looped-back Naks seen in this negotiation
 * @echo_id: Identifier of our last Echo-Request
 * @echo_pending: Echo-Requests sent since the last valid Echo-Reply
 * @rx_looped: Echo packets dropped because they carried our Magic-Number
 */
struct kl2tp_ppp_lcp {
	struct kl2tp_ppp_fsm fsm;
	struct kl2tp_ppp_lcp_cfg cfg;
	kl2tp_ppp_proto_rej_t proto_rej;
	u16 want_mru;
	u8 want_auth;
	u8 auth_tried;
	u32 magic;
	bool want_pfc;
	bool want_acfc;
	u16 peer_mru;
	u8 peer_auth;
	u32 peer_magic;
	u32 peer_accm;
	bool peer_pfc;
	bool peer_acfc;
	u32 nak_magic;
	u8 loops;
	u8 echo_id;
	u16 echo_pending;
	u32 rx_looped;
};

/*
 * kl2tp_ppp_lcp_init() - LCP in the Initial state.
 * @ops, @owner: layer callbacks and their context (kl2tp_ppp_fsm_init())
 * @io: frame output; io->random must be set (magic numbers)
 * @p: automaton tunables, or NULL for the defaults
 *
 * Returns 0, or -EINVAL for an invalid @cfg (MRU out of range, more than
 * KL2TP_PPP_AUTH_LIST methods, an unknown or repeated method) or @p.
 */
int kl2tp_ppp_lcp_init(struct kl2tp_ppp_lcp *l,
		       const struct kl2tp_ppp_lcp_cfg *cfg,
		       const struct kl2tp_ppp_fsm_ops *ops, void *owner,
		       struct kl2tp_ppp_io *io,
		       const struct kl2tp_ppp_fsm_params *p);

/*
 * kl2tp_ppp_lcp_echo() - send an Echo-Request (Opened only) and count it
 * in ->echo_pending. Returns 0, -ENOTCONN when not Opened, or a buffer
 * error.
 */
int kl2tp_ppp_lcp_echo(struct kl2tp_ppp_lcp *l);

/*
 * kl2tp_ppp_lcp_proto_reject() - send a Protocol-Reject of a frame of
 * protocol @proto whose Information field is @info (@len bytes, truncated
 * to the peer's MRU). Opened only: returns 0, or -ENOTCONN.
 */
int kl2tp_ppp_lcp_proto_reject(struct kl2tp_ppp_lcp *l, u16 proto,
			       const u8 *info, size_t len);

/**
 * struct kl2tp_ppp_lcp_proxied - an LCP negotiated by another node, as
 * kl2tp_ppp_lcp_proxy_check() found it; the fields of struct kl2tp_ppp_lcp
 * of the same names, which kl2tp_ppp_lcp_proxy_open() sets
 * @want_mru: MRU in the Configure-Request sent to the peer, 0: none (1500)
 * @want_auth: its Auth-Protocol: how we authenticate the peer
 * @magic: its Magic-Number, 0: none
 * @want_pfc: it had PFC
 * @want_acfc: it had ACFC
 * @peer_mru: MRU the peer asked for (KL2TP_PPP_DEF_MRU if none)
 * @peer_auth: Auth-Protocol the peer asked for: how it authenticates us
 * @peer_magic: the peer's Magic-Number, 0: none
 * @peer_accm: the peer's ACCM
 * @peer_pfc: the peer asked for PFC and cfg.pfc lets us use it
 * @peer_acfc: the same for ACFC
 */
struct kl2tp_ppp_lcp_proxied {
	u16 want_mru;
	u8 want_auth;
	u32 magic;
	bool want_pfc;
	bool want_acfc;
	u16 peer_mru;
	u8 peer_auth;
	u32 peer_magic;
	u32 peer_accm;
	bool peer_pfc;
	bool peer_acfc;
};

/*
 * kl2tp_ppp_lcp_proxy_check() - could LCP be Opened with the options
 * another node negotiated with the peer (RFC 2661 proxy LCP)?
 * @sent: options of the last Configure-Request it sent the peer (our
 *	side), @sent_len bytes
 * @rcvd: options of the last one it received from the peer, @rcvd_len
 *	bytes
 * @r: filled on success, for kl2tp_ppp_lcp_proxy_open()
 *
 * Judged against our configuration as a negotiation would have been:
 *	our MRU		KL2TP_PPP_MIN_MRU..max(cfg.mru, 1500)
 *	our Auth	a method of cfg.auth; absent only if cfg.auth is empty
 *	our Magic	non-zero
 *	peer MRU	>= KL2TP_PPP_MIN_MRU
 *	peer Auth	a method of cfg.peer_auth
 *	peer Magic	non-zero, not ours (a looped link)
 *	PFC, ACFC	taken (a compressed frame is always understood); we
 *			compress what we send only if cfg.pfc / cfg.acfc
 *	ACCM		taken (meaningless on L2TP)
 * Returns 0, -EBADMSG when a list does not parse or a known option has
 * the wrong length, or -EINVAL for an option we would not have agreed to
 * (other values, Quality-Protocol, unknown options).
 */
int kl2tp_ppp_lcp_proxy_check(const struct kl2tp_ppp_lcp *l, const u8 *sent,
			      size_t sent_len, const u8 *rcvd,
			      size_t rcvd_len,
			      struct kl2tp_ppp_lcp_proxied *r);

/*
 * kl2tp_ppp_lcp_proxy_open() - LCP in the Starting state (Open, no Up yet)
 * goes to Opened with the options of @r, nothing sent: This-Layer-Up is
 * called as at the end of a negotiation. Returns 0, or -EINVAL in another
 * state (nothing done).
 */
int kl2tp_ppp_lcp_proxy_open(struct kl2tp_ppp_lcp *l, u64 now,
			     const struct kl2tp_ppp_lcp_proxied *r);

/*
 * Auth-Protocol option value of @method into @val (up to 3 bytes):
 * returns its length, or 0 for KL2TP_PPP_AUTH_NONE or an unknown method.
 * kl2tp_ppp_lcp_auth_decode() is the reverse: the method, or -1 when the
 * value names no method we know.
 */
size_t kl2tp_ppp_lcp_auth_encode(u8 method, u8 val[3]);
int kl2tp_ppp_lcp_auth_decode(const u8 *val, size_t len);

const char *kl2tp_ppp_auth_name(int method);	/* "MS-CHAPv2" */

#endif /* KL2TP_PROTO_PPP_LCP_H */
