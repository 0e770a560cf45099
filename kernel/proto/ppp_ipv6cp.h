/* SPDX-License-Identifier: GPL-2.0 */
/*
 * IPV6CP, the IPv6 Control Protocol (RFC 5072), on the automaton of
 * ppp_fsm.h: the Interface-Identifiers of the link's two ends, from which
 * each builds its link-local address (fe80::/64 and the identifier).
 *
 * We request Interface-Identifier cfg.iid, or, when cfg.iid is zero, a
 * random one drawn at init (non-zero, its "u" bit clear, RFC 5072 4.1),
 * and keep what was negotiated across renegotiations. The peer's
 * identifier, compared with the one of our last Configure-Request (zero
 * once the peer Rejected ours), is (RFC 5072 4.1):
 *   - different and not zero: Acked, it is the peer's;
 *   - zero while ours is not, or equal to ours and not zero: Nak'd with a
 *     random identifier, non-zero, "u" clear, neither ours nor the one our
 *     last Nak suggested;
 *   - zero and equal to ours (both zero): Rejected, no unique pair;
 *   - absent while ours is not: a Nak suggests one;
 *   - a second one in the same request: Rejected.
 * A Nak of ours gives us the identifier it suggests, unless that is zero,
 * the peer's or the one our last Nak suggested to the peer: then a new
 * random one. A Reject of ours: we stop sending it, and a later Nak does
 * not bring it back. A malformed Nak changes nothing. IPv6-Compression-
 * Protocol, unknown options and an identifier of the wrong length are
 * Rejected. (Nothing but the random sources breaks the symmetry of two
 * ends that draw the same values at every step: they would Nak each other
 * until Max-Failure turns the Naks into Rejects, no unique pair then.)
 *
 * The session engine runs it when the glue asks (ppp_session.h,
 * kl2tp_ppp_session_set_ipv6()).
 */
#ifndef KL2TP_PROTO_PPP_IPV6CP_H
#define KL2TP_PROTO_PPP_IPV6CP_H

#include "ppp_fsm.h"

/* IPV6CP Configuration Option types (RFC 5072 4). */
enum kl2tp_ppp_ipv6cp_opt {
	KL2TP_PPP_IPV6CP_IID = 1,
	KL2TP_PPP_IPV6CP_COMP = 2,
};

#define KL2TP_PPP_IID_LEN	8

/**
 * struct kl2tp_ppp_ipv6cp_cfg - IPV6CP configuration
 * @iid: the Interface-Identifier we ask for first; all zero: a random one
 */
struct kl2tp_ppp_ipv6cp_cfg {
	u8 iid[KL2TP_PPP_IID_LEN];
};

/**
 * struct kl2tp_ppp_ipv6cp - IPV6CP of one session
 * @fsm: its automaton (fsm.priv is this struct)
 * @ours: the identifier we request
 * @req_iid: we request one (until the peer Rejects it)
 * @peer: the identifier of the peer's last request, if we Acked it
 * @peer_seen: that request carried one and was Acked
 * @nak_sent: the identifier our last Nak suggested to the peer (or zero)
 */
struct kl2tp_ppp_ipv6cp {
	struct kl2tp_ppp_fsm fsm;
	u8 ours[KL2TP_PPP_IID_LEN];
	bool req_iid;
	u8 peer[KL2TP_PPP_IID_LEN];
	bool peer_seen;
	u8 nak_sent[KL2TP_PPP_IID_LEN];
};

/*
 * kl2tp_ppp_ipv6cp_init() - IPV6CP in the Initial state. @io->random must
 * be set. Returns 0, or -EINVAL for an invalid @p or no @io->random.
 */
int kl2tp_ppp_ipv6cp_init(struct kl2tp_ppp_ipv6cp *c,
			  const struct kl2tp_ppp_ipv6cp_cfg *cfg,
			  const struct kl2tp_ppp_fsm_ops *ops, void *owner,
			  struct kl2tp_ppp_io *io,
			  const struct kl2tp_ppp_fsm_params *p);

/*
 * kl2tp_ppp_ipv6cp_result() - the negotiated identifiers (meaningful once
 * Opened): ours into @ours, the peer's into @peer. Returns 0 when both are
 * non-zero and differ, -ENOENT otherwise (an identifier was Rejected or
 * never requested: zero in its place).
 */
int kl2tp_ppp_ipv6cp_result(const struct kl2tp_ppp_ipv6cp *c,
			    u8 ours[KL2TP_PPP_IID_LEN],
			    u8 peer[KL2TP_PPP_IID_LEN]);

#endif /* KL2TP_PROTO_PPP_IPV6CP_H */
