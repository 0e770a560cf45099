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

/* A random identifier into @out: never zero, never @avoid. */
static void new_iid(struct kl2tp_ppp_ipv6cp *c, const u8 *avoid, u8 *out)
{
	struct kl2tp_ppp_io *io = c->fsm.io;
	int i;

	for (i = 0; i < 8; i++) {
		io->random(io->ctx, out, KL2TP_PPP_IID_LEN);
		if (!iid_zero(out) && !iid_eq(out, avoid))
			return;
	}
	/* A broken random source: still a valid, different value. */
	memcpy(out, avoid, KL2TP_PPP_IID_LEN);
	out[KL2TP_PPP_IID_LEN - 1] ^= 0x5a;
	if (iid_zero(out))
		out[0] = 1;
}

/* What our last Configure-Request said of us: zero when it did not. */
static const u8 *ours_sent(const struct kl2tp_ppp_ipv6cp *c)
{
	return c->req_iid ? c->ours : zero_iid;
}

static void ipv6cp_reset(struct kl2tp_ppp_fsm *f)
{
	struct kl2tp_ppp_ipv6cp *c = ipv6cp_of(f);

	if (iid_zero(c->cfg.iid))
		new_iid(c, zero_iid, c->ours);
	else
		memcpy(c->ours, c->cfg.iid, KL2TP_PPP_IID_LEN);
	c->req_iid = true;
}

static void ipv6cp_build_req(struct kl2tp_ppp_fsm *f, struct kl2tp_ppp_buf *b)
{
	struct kl2tp_ppp_ipv6cp *c = ipv6cp_of(f);

	if (c->req_iid)
		kl2tp_ppp_put_opt(b, KL2TP_PPP_IPV6CP_IID, c->ours,
				  KL2TP_PPP_IID_LEN);
}

static void ipv6cp_rx_req(struct kl2tp_ppp_fsm *f, const u8 *opts, size_t len,
			  struct kl2tp_ppp_reply *r)
{
	struct kl2tp_ppp_ipv6cp *c = ipv6cp_of(f);
	const u8 *mine = ours_sent(c);
	u8 hint[KL2TP_PPP_IID_LEN];
	struct kl2tp_ppp_opt o;

	c->peer_seen = false;
	memset(c->peer, 0, sizeof(c->peer));
	while (kl2tp_ppp_opt_next(&opts, &len, &o) > 0) {
		if (o.type != KL2TP_PPP_IPV6CP_IID ||
		    o.len != KL2TP_PPP_IID_LEN) {
			/* IPv6-Compression-Protocol, unknown, malformed */
			kl2tp_ppp_reply_rej(r, &o);
			continue;
		}
		if (iid_zero(o.val) && iid_zero(mine)) {
			/* RFC 5072 4.1: no unique pair can be negotiated */
			kl2tp_ppp_reply_rej(r, &o);
		} else if (iid_zero(o.val) || iid_eq(o.val, mine)) {
			new_iid(c, mine, hint);
			kl2tp_ppp_reply_nak(r, &o, o.type, hint, sizeof(hint));
		} else {
			memcpy(c->peer, o.val, KL2TP_PPP_IID_LEN);
			c->peer_seen = true;
			kl2tp_ppp_reply_ack(r, &o);
		}
	}
}

static int ipv6cp_rx_nak(struct kl2tp_ppp_fsm *f, const u8 *opts, size_t len)
{
	struct kl2tp_ppp_ipv6cp *c = ipv6cp_of(f);
	struct kl2tp_ppp_opt o;

	while (kl2tp_ppp_opt_next(&opts, &len, &o) > 0) {
		if (o.type != KL2TP_PPP_IPV6CP_IID)
			continue;	/* hints we do not take */
		if (o.len != KL2TP_PPP_IID_LEN)
			return -EBADMSG;
		if (!iid_zero(o.val) &&
		    !(c->peer_seen && iid_eq(o.val, c->peer)))
			memcpy(c->ours, o.val, KL2TP_PPP_IID_LEN);
		else
			new_iid(c, c->peer_seen ? c->peer : zero_iid, c->ours);
		c->req_iid = true;
	}
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
	c->cfg = *cfg;
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
