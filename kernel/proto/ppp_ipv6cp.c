// SPDX-License-Identifier: GPL-2.0
/*
 * IPV6CP options. See ppp_ipv6cp.h.
 */
#include "ppp_ipv6cp.h"

static const u8 zero_iid[KL2TP_PPP_IID_LEN];

static struct kl2tp_ppp_ipv6cp *ipv6cp_of(struct kl2tp_ppp_fsm *f)
{
	return f->priv;
}

static bool iid_zero(const u8 *iid)
{
	return !memcmp(iid, zero_iid, KL2TP_PPP_IID_LEN);
}

static bool iid_eq(const u8 *a, const u8 *b)
{
	return !memcmp(a, b, KL2TP_PPP_IID_LEN);
}

static bool iid_usable(const u8 *iid, const u8 *avoid1, const u8 *avoid2)
{
	return !iid_zero(iid) && !iid_eq(iid, avoid1) && !iid_eq(iid, avoid2);
}

/*
 * A random identifier into @out (which may be @avoid1 or @avoid2): its
 * "u" bit clear (RFC 5072 4.1: not derived from a global address), never
 * zero, never @avoid1 or @avoid2 as they were.
 */
static void new_iid(struct kl2tp_ppp_ipv6cp *c, const u8 *avoid1,
		    const u8 *avoid2, u8 *out)
{
	struct kl2tp_ppp_io *io = c->fsm.io;
	u8 v[KL2TP_PPP_IID_LEN];
	int i;

	for (i = 0; i < 8; i++) {
		io->random(io->ctx, v, sizeof(v));
		v[0] &= ~0x02;
		if (iid_usable(v, avoid1, avoid2))
			break;
	}
	/* A broken random source: still valid values, different ones. */
	if (i == 8) {
		memset(v, 0, sizeof(v));
		for (i = 1; i <= 3 && !iid_usable(v, avoid1, avoid2); i++)
			v[KL2TP_PPP_IID_LEN - 1] = i;
	}
	memcpy(out, v, sizeof(v));
}

/* What our last Configure-Request said of us: zero when it did not. */
static const u8 *ours_sent(const struct kl2tp_ppp_ipv6cp *c)
{
	return c->req_iid ? c->ours : zero_iid;
}

/* A negotiation starts: ours as it was (the same across restarts). */
static void ipv6cp_reset(struct kl2tp_ppp_fsm *f)
{
	struct kl2tp_ppp_ipv6cp *c = ipv6cp_of(f);

	c->req_iid = true;
	memset(c->nak_sent, 0, sizeof(c->nak_sent));
}

static void ipv6cp_build_req(struct kl2tp_ppp_fsm *f, struct kl2tp_ppp_buf *b)
{
	struct kl2tp_ppp_ipv6cp *c = ipv6cp_of(f);

	if (c->req_iid)
		kl2tp_ppp_put_opt(b, KL2TP_PPP_IPV6CP_IID, c->ours,
				  KL2TP_PPP_IID_LEN);
}

/* Nak the peer's identifier @o (NULL: it gave none) with a new one. */
static void nak_iid(struct kl2tp_ppp_ipv6cp *c, struct kl2tp_ppp_reply *r,
		    const struct kl2tp_ppp_opt *o)
{
	new_iid(c, ours_sent(c), c->nak_sent, c->nak_sent);
	kl2tp_ppp_reply_nak(r, o, KL2TP_PPP_IPV6CP_IID, c->nak_sent,
			    KL2TP_PPP_IID_LEN);
}

static void ipv6cp_rx_req(struct kl2tp_ppp_fsm *f, const u8 *opts, size_t len,
			  struct kl2tp_ppp_reply *r)
{
	struct kl2tp_ppp_ipv6cp *c = ipv6cp_of(f);
	const u8 *mine = ours_sent(c);
	struct kl2tp_ppp_opt o;
	bool seen = false;

	c->peer_seen = false;
	memset(c->peer, 0, sizeof(c->peer));
	while (kl2tp_ppp_opt_next(&opts, &len, &o) > 0) {
		if (o.type != KL2TP_PPP_IPV6CP_IID ||
		    o.len != KL2TP_PPP_IID_LEN || seen) {
			/*
			 * IPv6-Compression-Protocol, unknown, malformed, or
			 * a second identifier (RFC 5072 4.1: one at most)
			 */
			kl2tp_ppp_reply_rej(r, &o);
			continue;
		}
		seen = true;
		if (iid_zero(o.val) && iid_zero(mine)) {
			/* RFC 5072 4.1: no unique pair can be negotiated */
			kl2tp_ppp_reply_rej(r, &o);
		} else if (iid_zero(o.val) || iid_eq(o.val, mine)) {
			nak_iid(c, r, &o);
		} else {
			memcpy(c->peer, o.val, KL2TP_PPP_IID_LEN);
			c->peer_seen = true;
			kl2tp_ppp_reply_ack(r, &o);
		}
	}
	/* none: ask for one (RFC 5072 4.1 SHOULD), unless ours was refused */
	if (!seen && !iid_zero(mine))
		nak_iid(c, r, NULL);
	/* the peer's is the one of a request we Ack */
	if (r->code != KL2TP_PPP_CONF_ACK)
		c->peer_seen = false;
}

static int ipv6cp_rx_nak(struct kl2tp_ppp_fsm *f, const u8 *opts, size_t len)
{
	struct kl2tp_ppp_ipv6cp *c = ipv6cp_of(f);
	const u8 *p = opts, *sug = NULL;
	const u8 *peer = c->peer_seen ? c->peer : zero_iid;
	struct kl2tp_ppp_opt o;
	size_t n = len;

	/* the whole list checked first: a malformed Nak changes nothing */
	while (kl2tp_ppp_opt_next(&p, &n, &o) > 0) {
		if (o.type != KL2TP_PPP_IPV6CP_IID)
			continue;	/* hints we do not take */
		if (o.len != KL2TP_PPP_IID_LEN)
			return -EBADMSG;
		sug = o.val;
	}
	/* RFC 5072 4.1: after a Reject, never again */
	if (!sug || !c->req_iid)
		return 0;
	if (iid_zero(sug) || iid_eq(sug, peer) || iid_eq(sug, c->nak_sent))
		new_iid(c, peer, c->nak_sent, c->ours);
	else
		memcpy(c->ours, sug, KL2TP_PPP_IID_LEN);
	return 0;
}

static int ipv6cp_rx_rej(struct kl2tp_ppp_fsm *f, const u8 *opts, size_t len)
{
	struct kl2tp_ppp_ipv6cp *c = ipv6cp_of(f);
	struct kl2tp_ppp_opt o;

	while (kl2tp_ppp_opt_next(&opts, &len, &o) > 0)
		if (o.type == KL2TP_PPP_IPV6CP_IID)
			c->req_iid = false;
	return 0;
}

static const struct kl2tp_ppp_fsm_proto ipv6cp_proto = {
	.proto = KL2TP_PPP_IPV6CP,
	.name = "IPV6CP",
	.reset = ipv6cp_reset,
	.build_req = ipv6cp_build_req,
	.rx_req = ipv6cp_rx_req,
	.rx_nak = ipv6cp_rx_nak,
	.rx_rej = ipv6cp_rx_rej,
};

int kl2tp_ppp_ipv6cp_init(struct kl2tp_ppp_ipv6cp *c,
			  const struct kl2tp_ppp_ipv6cp_cfg *cfg,
			  const struct kl2tp_ppp_fsm_ops *ops, void *owner,
			  struct kl2tp_ppp_io *io,
			  const struct kl2tp_ppp_fsm_params *p)
{
	int ret;

	if (!io || !io->random)
		return -EINVAL;
	memset(c, 0, sizeof(*c));
	ret = kl2tp_ppp_fsm_init(&c->fsm, &ipv6cp_proto, c, ops, owner, io,
				 p);
	if (ret)
		return ret;
	if (iid_zero(cfg->iid))
		new_iid(c, zero_iid, zero_iid, c->ours);
	else
		memcpy(c->ours, cfg->iid, KL2TP_PPP_IID_LEN);
	return 0;
}

int kl2tp_ppp_ipv6cp_result(const struct kl2tp_ppp_ipv6cp *c,
			    u8 ours[KL2TP_PPP_IID_LEN],
			    u8 peer[KL2TP_PPP_IID_LEN])
{
	memcpy(ours, ours_sent(c), KL2TP_PPP_IID_LEN);
	memcpy(peer, c->peer_seen ? c->peer : zero_iid, KL2TP_PPP_IID_LEN);
	if (iid_zero(ours) || iid_zero(peer) || iid_eq(ours, peer))
		return -ENOENT;
	return 0;
}
