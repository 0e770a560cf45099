// SPDX-License-Identifier: GPL-2.0
/*
 * IPCP options. See ppp_ipcp.h.
 */
#include "ppp_ipcp.h"

static struct kl2tp_ppp_ipcp *ipcp_of(struct kl2tp_ppp_fsm *f)
{
	return f->priv;
}

static void ipcp_reset(struct kl2tp_ppp_fsm *f)
{
	struct kl2tp_ppp_ipcp *ic = ipcp_of(f);

	memset(&ic->want, 0, sizeof(ic->want));
	ic->want.local = ic->cfg.addrs.local;
	ic->req_addr = !ic->cfg.server || ic->cfg.addrs.local;
	ic->req_dns1 = !ic->cfg.server && ic->cfg.want_dns;
	ic->req_dns2 = ic->req_dns1;
}

static void ipcp_build_req(struct kl2tp_ppp_fsm *f, struct kl2tp_ppp_buf *b)
{
	struct kl2tp_ppp_ipcp *ic = ipcp_of(f);

	if (ic->req_addr)
		kl2tp_ppp_put_opt_u32(b, KL2TP_PPP_IPCP_ADDR, ic->want.local);
	if (ic->req_dns1)
		kl2tp_ppp_put_opt_u32(b, KL2TP_PPP_IPCP_DNS1, ic->want.dns1);
	if (ic->req_dns2)
		kl2tp_ppp_put_opt_u32(b, KL2TP_PPP_IPCP_DNS2, ic->want.dns2);
}

/* Ack @o if it carries @want, else Nak it with @want. */
static void ack_or_nak(struct kl2tp_ppp_reply *r, const struct kl2tp_ppp_opt *o,
		       u32 want, u32 *store)
{
	u8 val[4];

	if (kl2tp_get_be32(o->val) == want) {
		*store = want;
		kl2tp_ppp_reply_ack(r, o);
		return;
	}
	kl2tp_put_be32(val, want);
	kl2tp_ppp_reply_nak(r, o, o->type, val, sizeof(val));
}

static void ipcp_rx_req(struct kl2tp_ppp_fsm *f, const u8 *opts, size_t len,
			struct kl2tp_ppp_reply *r)
{
	struct kl2tp_ppp_ipcp *ic = ipcp_of(f);
	const struct kl2tp_ppp_ipcp_addrs *a = &ic->cfg.addrs;
	struct kl2tp_ppp_opt o;
	u8 val[4];
	u32 v;

	memset(&ic->peer, 0, sizeof(ic->peer));
	ic->peer_addr_seen = false;

	while (kl2tp_ppp_opt_next(&opts, &len, &o) > 0) {
		if ((o.type == KL2TP_PPP_IPCP_ADDR ||
		     o.type == KL2TP_PPP_IPCP_DNS1 ||
		     o.type == KL2TP_PPP_IPCP_DNS2) && o.len != 4) {
			kl2tp_ppp_reply_rej(r, &o);
			continue;
		}
		switch (o.type) {
		case KL2TP_PPP_IPCP_ADDR:
			ic->peer_addr_seen = true;
			v = kl2tp_get_be32(o.val);
			if (ic->cfg.server) {
				ack_or_nak(r, &o, a->peer, &ic->peer.peer);
			} else if (v) {
				ic->peer.peer = v;
				kl2tp_ppp_reply_ack(r, &o);
			} else {
				/* We have no address to give the server. */
				kl2tp_ppp_reply_rej(r, &o);
			}
			break;
		case KL2TP_PPP_IPCP_DNS1:
			if (ic->cfg.server && a->dns1)
				ack_or_nak(r, &o, a->dns1, &ic->peer.dns1);
			else
				kl2tp_ppp_reply_rej(r, &o);
			break;
		case KL2TP_PPP_IPCP_DNS2:
			if (ic->cfg.server && a->dns2)
				ack_or_nak(r, &o, a->dns2, &ic->peer.dns2);
			else
				kl2tp_ppp_reply_rej(r, &o);
			break;
		default:
			/* IP-Addresses, IP-Compression-Protocol, NBNS, ... */
			kl2tp_ppp_reply_rej(r, &o);
			break;
		}
	}
	/* RFC 1332 3.3: the peer must use the address we assign. */
	if (ic->cfg.server && !ic->peer_addr_seen) {
		kl2tp_put_be32(val, a->peer);
		kl2tp_ppp_reply_nak(r, NULL, KL2TP_PPP_IPCP_ADDR, val,
				    sizeof(val));
	}
}

static int ipcp_rx_nak(struct kl2tp_ppp_fsm *f, const u8 *opts, size_t len)
{
	struct kl2tp_ppp_ipcp *ic = ipcp_of(f);
	struct kl2tp_ppp_opt o;
	u32 v;

	while (kl2tp_ppp_opt_next(&opts, &len, &o) > 0) {
		if (o.type != KL2TP_PPP_IPCP_ADDR &&
		    o.type != KL2TP_PPP_IPCP_DNS1 &&
		    o.type != KL2TP_PPP_IPCP_DNS2)
			continue;	/* hints we do not take */
		if (o.len != 4)
			return -EBADMSG;
		v = kl2tp_get_be32(o.val);
		/* The server keeps its own values. */
		if (ic->cfg.server)
			continue;
		switch (o.type) {
		case KL2TP_PPP_IPCP_ADDR:
			if (v) {
				ic->want.local = v;
				ic->req_addr = true;
			}
			break;
		case KL2TP_PPP_IPCP_DNS1:
			if (ic->req_dns1)
				ic->want.dns1 = v;
			break;
		default:
			if (ic->req_dns2)
				ic->want.dns2 = v;
			break;
		}
	}
	return 0;
}

static int ipcp_rx_rej(struct kl2tp_ppp_fsm *f, const u8 *opts, size_t len)
{
	struct kl2tp_ppp_ipcp *ic = ipcp_of(f);
	struct kl2tp_ppp_opt o;

	while (kl2tp_ppp_opt_next(&opts, &len, &o) > 0) {
		switch (o.type) {
		case KL2TP_PPP_IPCP_ADDR:
			if (!ic->cfg.server)
				return KL2TP_PPP_R_NO_ADDRESS;
			ic->req_addr = false;
			break;
		case KL2TP_PPP_IPCP_DNS1:
			ic->req_dns1 = false;
			ic->want.dns1 = 0;
			break;
		case KL2TP_PPP_IPCP_DNS2:
			ic->req_dns2 = false;
			ic->want.dns2 = 0;
			break;
		default:
			break;
		}
	}
	return 0;
}

static const struct kl2tp_ppp_fsm_proto ipcp_proto = {
	.proto = KL2TP_PPP_IPCP,
	.name = "IPCP",
	.reset = ipcp_reset,
	.build_req = ipcp_build_req,
	.rx_req = ipcp_rx_req,
	.rx_nak = ipcp_rx_nak,
	.rx_rej = ipcp_rx_rej,
};

int kl2tp_ppp_ipcp_init(struct kl2tp_ppp_ipcp *ic,
			const struct kl2tp_ppp_ipcp_cfg *cfg,
			const struct kl2tp_ppp_fsm_ops *ops, void *owner,
			struct kl2tp_ppp_io *io,
			const struct kl2tp_ppp_fsm_params *p)
{
	int ret;

	if (cfg->server && !cfg->addrs.peer)
		return -EINVAL;
	memset(ic, 0, sizeof(*ic));
	ret = kl2tp_ppp_fsm_init(&ic->fsm, &ipcp_proto, ic, ops, owner, io, p);
	if (ret)
		return ret;
	ic->cfg = *cfg;
	return 0;
}

void kl2tp_ppp_ipcp_result(const struct kl2tp_ppp_ipcp *ic,
			   struct kl2tp_ppp_ipcp_addrs *out)
{
	if (ic->cfg.server) {
		out->local = ic->cfg.addrs.local;
		out->peer = ic->cfg.addrs.peer;
		out->dns1 = ic->peer.dns1;
		out->dns2 = ic->peer.dns2;
		return;
	}
	out->local = ic->want.local;
	out->peer = ic->peer.peer;
	out->dns1 = ic->req_dns1 ? ic->want.dns1 : 0;
	out->dns2 = ic->req_dns2 ? ic->want.dns2 : 0;
}
