/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The PPP option negotiation automaton (RFC 1661 4), shared by LCP and the
 * NCPs.
 *
 * One struct kl2tp_ppp_fsm per control protocol of a session. Like the rest
 * of the protocol core it never allocates, sleeps, locks or reads a clock:
 * the caller serialises every call, passes the time in and owns the frame
 * buffer (struct kl2tp_ppp_io). Time is a u64 count of milliseconds from any
 * monotonic origin.
 *
 * Events (RFC 1661 4.1) come from:
 *	Up, Down		kl2tp_ppp_fsm_up(), kl2tp_ppp_fsm_down()
 *	Open, Close		kl2tp_ppp_fsm_open(), kl2tp_ppp_fsm_close()
 *	TO+, TO-		kl2tp_ppp_fsm_timer() once the restart timer
 *				is due (kl2tp_ppp_fsm_next_timeout())
 *	RCR+ RCR- RCA RCN RTR	kl2tp_ppp_fsm_input() with a received
 *	RTA RUC RXJ+ RXJ- RXR	control packet
 *	RXJ+, RXJ-		also kl2tp_ppp_fsm_rxj(): LCP's Protocol-Reject
 *				of this protocol is RXJ- for it
 *
 * Actions: tlu, tld, tls and tlf are reported through struct
 * kl2tp_ppp_fsm_ops; irc, zrc and the restart timer are internal; scr, sca,
 * scn, str, sta, scj and ser build a packet in io->tx and pass it to
 * io->send. Options are the protocol's business (struct kl2tp_ppp_fsm_proto):
 * it writes our Configure-Request options, judges the peer's and learns
 * from its Nak and Reject.
 *
 * Receive checks made here, for every protocol: a malformed packet or
 * option list is dropped; a Configure-Ack, -Nak or -Reject counts only if
 * its Identifier is that of our last Configure-Request and no reply to that
 * request was processed yet; a Configure-Ack must repeat that request's
 * options exactly, and a Configure-Reject must list some of them, unchanged
 * and in order (RFC 1661 5.2, 5.4); otherwise it is dropped.
 *
 * Loops are bounded: the restart counter bounds requests without an answer
 * (max_configure, max_terminate); after max_failure Configure-Naks in a row
 * we Reject instead of Nak (the protocol's rx_req sees reject_only); more
 * than max_configure Configure-Naks/Rejects received in a row end the
 * negotiation with KL2TP_PPP_R_NEGOTIATION (Close).
 *
 * Not implemented: the restart and passive options of RFC 1661 4.1 (Open
 * in Stopped, Closing or Stopping only changes the state as the table
 * says; TO- in Req-Sent, Ack-Rcvd, Ack-Sent always does tlf).
 */
#ifndef KL2TP_PROTO_PPP_FSM_H
#define KL2TP_PROTO_PPP_FSM_H

#include "platform.h"
#include "ppp_frame.h"

/* RFC 1661 4.6 defaults. */
#define KL2TP_PPP_DEF_RESTART		3000	/* ms */
#define KL2TP_PPP_DEF_MAX_CONFIGURE	10
#define KL2TP_PPP_DEF_MAX_TERMINATE	2
#define KL2TP_PPP_DEF_MAX_FAILURE	5

/* Largest Configure-Request option list a protocol may build. */
#define KL2TP_PPP_FSM_REQ_MAX		64

/* "No timer needed" from the *_next_timeout() functions. */
#define KL2TP_PPP_NO_TIMEOUT		((u32)~0U)

/* States (RFC 1661 4.2), numbered as in the RFC's table. */
enum kl2tp_ppp_state {
	KL2TP_PPP_INITIAL,
	KL2TP_PPP_STARTING,
	KL2TP_PPP_CLOSED,
	KL2TP_PPP_STOPPED,
	KL2TP_PPP_CLOSING,
	KL2TP_PPP_STOPPING,
	KL2TP_PPP_REQ_SENT,
	KL2TP_PPP_ACK_RCVD,
	KL2TP_PPP_ACK_SENT,
	KL2TP_PPP_OPENED,
};

/* Why a layer went down or finished; also the session's end reason. */
enum kl2tp_ppp_reason {
	KL2TP_PPP_R_NONE,
	KL2TP_PPP_R_ADMIN,		/* closed locally */
	KL2TP_PPP_R_LOWER_DOWN,		/* the L2TP session went away */
	KL2TP_PPP_R_PEER_TERMINATE,	/* the peer sent Terminate-Request */
	KL2TP_PPP_R_TIMEOUT,		/* no answer to our requests */
	KL2TP_PPP_R_NEGOTIATION,	/* options did not converge */
	KL2TP_PPP_R_REJECTED,		/* Code-/Protocol-Reject (RXJ-) */
	KL2TP_PPP_R_LOOPBACK,		/* the link is looped back */
	KL2TP_PPP_R_ECHO_TIMEOUT,	/* LCP Echo-Requests unanswered */
	KL2TP_PPP_R_AUTH_REFUSED,	/* no authentication method agreed */
	KL2TP_PPP_R_AUTH_FAILED,	/* the peer's credentials are wrong */
	KL2TP_PPP_R_AUTH_TIMEOUT,	/* authentication did not complete */
	KL2TP_PPP_R_PEER_AUTH_FAILED,	/* the peer refused our credentials */
	KL2TP_PPP_R_NO_ADDRESS,		/* no IP address to assign/obtained */
	KL2TP_PPP_R_NO_NCP,		/* no network protocol left running */
	KL2TP_PPP_R_MAX = KL2TP_PPP_R_NO_NCP,
};

/**
 * struct kl2tp_ppp_fsm_params - tunables (RFC 1661 4.6)
 * @restart_ms: Restart timer (> 0)
 * @max_configure: Configure-Requests sent without an answer (> 0)
 * @max_terminate: Terminate-Requests sent without an answer (> 0)
 * @max_failure: Configure-Naks sent in a row before Rejecting (> 0)
 */
struct kl2tp_ppp_fsm_params {
	u32 restart_ms;
	u8 max_configure;
	u8 max_terminate;
	u8 max_failure;
};

/**
 * struct kl2tp_ppp_reply - the answer to a Configure-Request being built
 *
 * The protocol's rx_req judges each received option with one call of
 * kl2tp_ppp_reply_ack(), _nak() or _rej(). The reply is a Configure-Reject
 * of the rejected options if any, else a Configure-Nak of the Nak'd ones if
 * any, else a Configure-Ack of all (RFC 1661 5.3-5.4): options below the
 * reply's current verdict are left out, and the first option of a higher
 * verdict discards what was written before.
 *
 * @b: where options go (after the Code/Identifier/Length header)
 * @start: @b->len at the first option
 * @code: KL2TP_PPP_CONF_ACK, _NAK or _REJ so far
 * @reject_only: max_failure Naks were sent in a row: a Nak of a received
 *	option becomes its Reject, a Nak hinting an option not received is
 *	left out (RFC 1661 4.6 Max-Failure)
 */
struct kl2tp_ppp_reply {
	struct kl2tp_ppp_buf *b;
	size_t start;
	u8 code;
	bool reject_only;
};

/* Accept @o (it is echoed in a Configure-Ack). */
void kl2tp_ppp_reply_ack(struct kl2tp_ppp_reply *r,
			 const struct kl2tp_ppp_opt *o);
/* Reject @o (echoed unchanged in a Configure-Reject). */
void kl2tp_ppp_reply_rej(struct kl2tp_ppp_reply *r,
			 const struct kl2tp_ppp_opt *o);
/*
 * Nak: ask for option @type with value @val (@len bytes) instead of @o,
 * or, @o NULL, hint that the peer should request it.
 */
void kl2tp_ppp_reply_nak(struct kl2tp_ppp_reply *r,
			 const struct kl2tp_ppp_opt *o, u8 type,
			 const void *val, size_t len);

struct kl2tp_ppp_fsm;

/**
 * struct kl2tp_ppp_fsm_proto - what is specific to one control protocol
 * @proto: its PPP protocol number (KL2TP_PPP_LCP, ...)
 * @name: for logs
 * @reset: a negotiation starts: reload what we request from the
 *	configuration (our side only; the peer's side is rx_req's)
 * @build_req: append our Configure-Request options to @b (at most
 *	KL2TP_PPP_FSM_REQ_MAX bytes)
 * @rx_req: judge the options of a received Configure-Request (a
 *	well-formed list of @len bytes) into @r, remembering what the peer
 *	asked for: the last request Acked is what the peer got
 * @rx_ack: optional: our last request was Acked (already checked equal)
 * @rx_nak: learn from a Configure-Nak of our last request (a well-formed
 *	list): 0, or -EBADMSG to drop it as invalid, or a positive enum
 *	kl2tp_ppp_reason when no acceptable request remains (the fsm then
 *	closes for that reason)
 * @rx_rej: the same for a Configure-Reject (already checked to list some
 *	of our options unchanged)
 * @rx_other: optional: a packet whose code is above Code-Reject: 0 when
 *	handled (or dropped), -EOPNOTSUPP for an unknown code (RUC: the fsm
 *	sends Code-Reject)
 *
 * None may call into the fsm but kl2tp_ppp_fsm_send_cp(); rx_other, which
 * runs last in kl2tp_ppp_fsm_input(), may also call kl2tp_ppp_fsm_rxj().
 */
struct kl2tp_ppp_fsm_proto {
	u16 proto;
	const char *name;
	void (*reset)(struct kl2tp_ppp_fsm *f);
	void (*build_req)(struct kl2tp_ppp_fsm *f, struct kl2tp_ppp_buf *b);
	void (*rx_req)(struct kl2tp_ppp_fsm *f, const u8 *opts, size_t len,
		       struct kl2tp_ppp_reply *r);
	void (*rx_ack)(struct kl2tp_ppp_fsm *f, const u8 *opts, size_t len);
	int (*rx_nak)(struct kl2tp_ppp_fsm *f, const u8 *opts, size_t len);
	int (*rx_rej)(struct kl2tp_ppp_fsm *f, const u8 *opts, size_t len);
	int (*rx_other)(struct kl2tp_ppp_fsm *f, u64 now,
			const struct kl2tp_ppp_cp *cp);
};

/**
 * struct kl2tp_ppp_fsm_ops - the layer above the automaton (the session)
 * @up: This-Layer-Up: the protocol is Opened
 * @down: This-Layer-Down: it leaves Opened
 * @started: This-Layer-Started: it needs the lower layer
 * @finished: This-Layer-Finished: it no longer needs the lower layer;
 *	f->reason says why
 *
 * Any may be NULL. They are called last in their transition, with
 * f->state already the new state, except @down and @started which come
 * first, with f->state still the old one. They must not call into the same
 * fsm (other fsms are fine).
 */
struct kl2tp_ppp_fsm_ops {
	void (*up)(struct kl2tp_ppp_fsm *f, u64 now);
	void (*down)(struct kl2tp_ppp_fsm *f, u64 now);
	void (*started)(struct kl2tp_ppp_fsm *f, u64 now);
	void (*finished)(struct kl2tp_ppp_fsm *f, u64 now);
};

/**
 * struct kl2tp_ppp_fsm - one control protocol's automaton
 *
 * Fields are readable; change them only through the functions below
 * (tests may set @state to reach a cell of the RFC's table directly).
 *
 * @proto: protocol callbacks; @priv is theirs
 * @ops: layer callbacks; @owner is theirs
 * @io: frame output
 * @params: tunables
 * @timer_at: when the restart timer fires, if @timer_on
 * @state: enum kl2tp_ppp_state
 * @id: last Identifier we used for a request
 * @reqid: Identifier of our last Configure-Request
 * @restart: restart counter
 * @naks_sent: Configure-Naks sent since our last Configure-Ack
 * @naks_rcvd: Configure-Naks and -Rejects received in a row
 * @reason: enum kl2tp_ppp_reason of the last Close, timeout, reject or
 *	Terminate-Request received
 * @timer_on: the restart timer runs
 * @replied: a reply to our last Configure-Request was processed
 * @req_len: length of @req
 * @req: the options of our last Configure-Request
 * @rx_dropped: packets dropped as invalid or unexpected
 */
struct kl2tp_ppp_fsm {
	const struct kl2tp_ppp_fsm_proto *proto;
	void *priv;
	const struct kl2tp_ppp_fsm_ops *ops;
	void *owner;
	struct kl2tp_ppp_io *io;
	struct kl2tp_ppp_fsm_params params;
	u64 timer_at;
	u8 state;
	u8 id;
	u8 reqid;
	u8 restart;
	u8 naks_sent;
	u8 naks_rcvd;
	u8 reason;
	bool timer_on;
	bool replied;
	u8 req_len;
	u8 req[KL2TP_PPP_FSM_REQ_MAX];
	u32 rx_dropped;
};

/* Fill @p with the RFC 1661 defaults (KL2TP_PPP_DEF_*). */
void kl2tp_ppp_fsm_params_default(struct kl2tp_ppp_fsm_params *p);

/*
 * kl2tp_ppp_fsm_init() - an automaton in the Initial state.
 * @p may be NULL (defaults). Returns 0, or -EINVAL for a zero field in @p
 * (@f is then untouched).
 */
int kl2tp_ppp_fsm_init(struct kl2tp_ppp_fsm *f,
		       const struct kl2tp_ppp_fsm_proto *proto, void *priv,
		       const struct kl2tp_ppp_fsm_ops *ops, void *owner,
		       struct kl2tp_ppp_io *io,
		       const struct kl2tp_ppp_fsm_params *p);

/* Administrative and lower layer events. */
void kl2tp_ppp_fsm_up(struct kl2tp_ppp_fsm *f, u64 now);
void kl2tp_ppp_fsm_down(struct kl2tp_ppp_fsm *f, u64 now);
void kl2tp_ppp_fsm_open(struct kl2tp_ppp_fsm *f, u64 now);
/* @reason: enum kl2tp_ppp_reason, kept in f->reason */
void kl2tp_ppp_fsm_close(struct kl2tp_ppp_fsm *f, u64 now, int reason);

/*
 * kl2tp_ppp_fsm_input() - a control packet of this protocol arrived.
 * @pkt: the frame's Information field
 * @len: its length
 *
 * Returns 0 when the packet was processed, or -EBADMSG (malformed) or
 * -EPROTO (invalid or unexpected: wrong Identifier, an Ack that does not
 * match, nothing to do in this state) when it was dropped.
 */
int kl2tp_ppp_fsm_input(struct kl2tp_ppp_fsm *f, u64 now, const u8 *pkt,
			size_t len);

/* RXJ+ (@catastrophic false) or RXJ- from outside the protocol. */
void kl2tp_ppp_fsm_rxj(struct kl2tp_ppp_fsm *f, u64 now, bool catastrophic);

/*
 * kl2tp_ppp_fsm_next_timeout() - time left until the restart timer fires
 * (0: due), or KL2TP_PPP_NO_TIMEOUT. kl2tp_ppp_fsm_timer() runs TO+ or TO-
 * if it is due, and does nothing otherwise.
 */
u32 kl2tp_ppp_fsm_next_timeout(const struct kl2tp_ppp_fsm *f, u64 now);
void kl2tp_ppp_fsm_timer(struct kl2tp_ppp_fsm *f, u64 now);

/*
 * kl2tp_ppp_fsm_send_cp() - send a control packet of this protocol: Code
 * @code, Identifier @id, then @len bytes of @data followed by @len2 bytes
 * of @data2 (either may be empty), truncated to io->peer_mru when
 * @truncate. Returns 0 or the buffer error (nothing sent).
 */
int kl2tp_ppp_fsm_send_cp(struct kl2tp_ppp_fsm *f, u8 code, u8 id,
			  const void *data, size_t len,
			  const void *data2, size_t len2, bool truncate);

static inline bool kl2tp_ppp_fsm_opened(const struct kl2tp_ppp_fsm *f)
{
	return f->state == KL2TP_PPP_OPENED;
}

/* Names for logs; never NULL. */
const char *kl2tp_ppp_state_name(int state);	/* "Req-Sent" */
const char *kl2tp_ppp_reason_name(int reason);	/* "peer terminated" */

#endif /* KL2TP_PROTO_PPP_FSM_H */
