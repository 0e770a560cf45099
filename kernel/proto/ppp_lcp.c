// SPDX-License-Identifier: GPL-2.0
/*
 * LCP options, Echo, Protocol-Reject. See ppp_lcp.h.
 */
#include "ppp_lcp.h"

static struct kl2tp_ppp_lcp *lcp_of(struct kl2tp_ppp_fsm *f)
{
	return f->priv;
}

/* A random Magic-Number: never 0, never @avoid. */
static u32 new_magic(struct kl2tp_ppp_lcp *l, u32 avoid)
{
	struct kl2tp_ppp_io *io = l->fsm.io;
	u8 b[4];
	u32 v;
	int i;

	for (i = 0; i < 8; i++) {
		io->random(io->ctx, b, sizeof(b));
		v = kl2tp_get_be32(b);
		if (v && v != avoid)
			return v;
	}
	/* A broken random source: still a valid, different value. */
	return (avoid + 0x9e3779b9U) ? avoid + 0x9e3779b9U : 1;
}

size_t kl2tp_ppp_lcp_auth_encode(u8 method, u8 val[3])
{
	switch (method) {
	case KL2TP_PPP_AUTH_PAP:
		kl2tp_put_be16(val, KL2TP_PPP_PAP);
		return 2;
	case KL2TP_PPP_AUTH_CHAP_MD5:
		kl2tp_put_be16(val, KL2TP_PPP_CHAP);
		val[2] = KL2TP_PPP_CHAP_ALG_MD5;
		return 3;
	case KL2TP_PPP_AUTH_MSCHAPV2:
		kl2tp_put_be16(val, KL2TP_PPP_CHAP);
		val[2] = KL2TP_PPP_CHAP_ALG_MSCHAPV2;
		return 3;
	default:
		return 0;
	}
}

int kl2tp_ppp_lcp_auth_decode(const u8 *val, size_t len)
{
	if (len < 2)
		return -1;
	switch (kl2tp_get_be16(val)) {
	case KL2TP_PPP_PAP:
		return len == 2 ? KL2TP_PPP_AUTH_PAP : -1;
	case KL2TP_PPP_CHAP:
		if (len != 3)
			return -1;
		if (val[2] == KL2TP_PPP_CHAP_ALG_MD5)
			return KL2TP_PPP_AUTH_CHAP_MD5;
		if (val[2] == KL2TP_PPP_CHAP_ALG_MSCHAPV2)
			return KL2TP_PPP_AUTH_MSCHAPV2;
		return -1;
	default:
		return -1;
	}
}

static bool in_list(const u8 *list, u8 n, int method)
{
	u8 i;

	for (i = 0; i < n; i++)
		if (list[i] == method)
			return true;
	return false;
}

static void lcp_reset(struct kl2tp_ppp_fsm *f)
{
	struct kl2tp_ppp_lcp *l = lcp_of(f);
	const struct kl2tp_ppp_lcp_cfg *c = &l->cfg;

	l->want_mru = c->mru == KL2TP_PPP_DEF_MRU ? 0 : c->mru;
	l->want_auth = c->n_auth ? c->auth[0] : KL2TP_PPP_AUTH_NONE;
	l->auth_tried = 0;
	l->magic = c->no_magic ? 0 : new_magic(l, 0);
	l->want_pfc = c->pfc;
	l->want_acfc = c->acfc;
	l->nak_magic = 0;
	l->loops = 0;
	l->echo_pending = 0;
}

static void lcp_build_req(struct kl2tp_ppp_fsm *f, struct kl2tp_ppp_buf *b)
{
	struct kl2tp_ppp_lcp *l = lcp_of(f);
	u8 val[3];
	size_t n;

	if (l->want_mru)
		kl2tp_ppp_put_opt_u16(b, KL2TP_PPP_LCP_MRU, l->want_mru);
	n = kl2tp_ppp_lcp_auth_encode(l->want_auth, val);
	if (n)
		kl2tp_ppp_put_opt(b, KL2TP_PPP_LCP_AUTH, val, n);
	if (l->magic)
		kl2tp_ppp_put_opt_u32(b, KL2TP_PPP_LCP_MAGIC, l->magic);
	if (l->want_pfc)
		kl2tp_ppp_put_opt(b, KL2TP_PPP_LCP_PFC, NULL, 0);
	if (l->want_acfc)
		kl2tp_ppp_put_opt(b, KL2TP_PPP_LCP_ACFC, NULL, 0);
}

static void rx_auth(struct kl2tp_ppp_lcp *l, const struct kl2tp_ppp_opt *o,
		    struct kl2tp_ppp_reply *r)
{
	const struct kl2tp_ppp_lcp_cfg *c = &l->cfg;
	int method = kl2tp_ppp_lcp_auth_decode(o->val, o->len);
	u8 val[3];

	if (o->len < 2 || !c->n_peer_auth) {
		kl2tp_ppp_reply_rej(r, o);
		return;
	}
	if (method > 0 && in_list(c->peer_auth, c->n_peer_auth, method)) {
		l->peer_auth = method;
		kl2tp_ppp_reply_ack(r, o);
		return;
	}
	kl2tp_ppp_reply_nak(r, o, KL2TP_PPP_LCP_AUTH, val,
			    kl2tp_ppp_lcp_auth_encode(c->peer_auth[0], val));
}

static void rx_magic(struct kl2tp_ppp_lcp *l, const struct kl2tp_ppp_opt *o,
		     struct kl2tp_ppp_reply *r)
{
	u32 v = kl2tp_get_be32(o->val);
	u8 val[4];

	if (v && v != l->magic) {
		l->peer_magic = v;
		kl2tp_ppp_reply_ack(r, o);
		return;
	}
	/* Zero is invalid; our own value may mean a loop (RFC 1661 6.4). */
	l->nak_magic = new_magic(l, l->magic);
	kl2tp_put_be32(val, l->nak_magic);
	kl2tp_ppp_reply_nak(r, o, KL2TP_PPP_LCP_MAGIC, val, sizeof(val));
}

static void lcp_rx_req(struct kl2tp_ppp_fsm *f, const u8 *opts, size_t len,
		       struct kl2tp_ppp_reply *r)
{
	struct kl2tp_ppp_lcp *l = lcp_of(f);
	struct kl2tp_ppp_opt o;
	u8 mru[2];

	/* Each request states all of the peer's wishes. */
	l->peer_mru = KL2TP_PPP_DEF_MRU;
	l->peer_auth = KL2TP_PPP_AUTH_NONE;
	l->peer_magic = 0;
	l->peer_accm = 0xffffffff;
	l->peer_pfc = false;
	l->peer_acfc = false;

	while (kl2tp_ppp_opt_next(&opts, &len, &o) > 0) {
		switch (o.type) {
		case KL2TP_PPP_LCP_MRU:
			if (o.len != 2) {
				kl2tp_ppp_reply_rej(r, &o);
			} else if (kl2tp_get_be16(o.val) < KL2TP_PPP_MIN_MRU) {
				kl2tp_put_be16(mru, KL2TP_PPP_MIN_MRU);
				kl2tp_ppp_reply_nak(r, &o, o.type, mru, 2);
			} else {
				l->peer_mru = kl2tp_get_be16(o.val);
				kl2tp_ppp_reply_ack(r, &o);
			}
			break;
		case KL2TP_PPP_LCP_ACCM:
			if (o.len != 4) {
				kl2tp_ppp_reply_rej(r, &o);
				break;
			}
			l->peer_accm = kl2tp_get_be32(o.val);
			kl2tp_ppp_reply_ack(r, &o);
			break;
		case KL2TP_PPP_LCP_AUTH:
			rx_auth(l, &o, r);
			break;
		case KL2TP_PPP_LCP_MAGIC:
			if (o.len != 4)
				kl2tp_ppp_reply_rej(r, &o);
			else
				rx_magic(l, &o, r);
			break;
		case KL2TP_PPP_LCP_PFC:
		case KL2TP_PPP_LCP_ACFC:
			if (o.len ||
			    !(o.type == KL2TP_PPP_LCP_PFC ? l->cfg.pfc :
							    l->cfg.acfc)) {
				kl2tp_ppp_reply_rej(r, &o);
				break;
			}
			if (o.type == KL2TP_PPP_LCP_PFC)
				l->peer_pfc = true;
			else
				l->peer_acfc = true;
			kl2tp_ppp_reply_ack(r, &o);
			break;
		default:
			kl2tp_ppp_reply_rej(r, &o);
			break;
		}
	}
}

/* Next authentication method to request after a Nak suggesting @hint. */
static int next_auth(struct kl2tp_ppp_lcp *l, int hint)
{
	const struct kl2tp_ppp_lcp_cfg *c = &l->cfg;
	u8 i;

	l->auth_tried |= 1 << l->want_auth;
	if (hint > 0 && in_list(c->auth, c->n_auth, hint) &&
	    !(l->auth_tried & (1 << hint)))
		return hint;
	for (i = 0; i < c->n_auth; i++)
		if (!(l->auth_tried & (1 << c->auth[i])))
			return c->auth[i];
	return -1;
}

static int lcp_rx_nak(struct kl2tp_ppp_fsm *f, const u8 *opts, size_t len)
{
	struct kl2tp_ppp_lcp *l = lcp_of(f);
	u16 top = max_t(u16, l->cfg.mru, KL2TP_PPP_DEF_MRU);
	u8 max_loops = l->cfg.max_loops ? l->cfg.max_loops :
					  KL2TP_PPP_LCP_DEF_LOOPS;
	struct kl2tp_ppp_opt o;
	int method;
	u16 v;

	while (kl2tp_ppp_opt_next(&opts, &len, &o) > 0) {
		switch (o.type) {
		case KL2TP_PPP_LCP_MRU:
			if (o.len != 2)
				return -EBADMSG;
			v = kl2tp_get_be16(o.val);
			/* A value we can live with; a hint only if smaller. */
			if (v >= KL2TP_PPP_MIN_MRU && v <= top &&
			    (l->want_mru || v < KL2TP_PPP_DEF_MRU))
				l->want_mru = v == KL2TP_PPP_DEF_MRU ? 0 : v;
			break;
		case KL2TP_PPP_LCP_AUTH:
			if (o.len < 2)
				return -EBADMSG;
			if (l->want_auth == KL2TP_PPP_AUTH_NONE)
				break;		/* a hint: we need none */
			method = next_auth(l, kl2tp_ppp_lcp_auth_decode(o.val,
									o.len));
			if (method < 0)
				return KL2TP_PPP_R_AUTH_REFUSED;
			l->want_auth = method;
			break;
		case KL2TP_PPP_LCP_MAGIC:
			if (o.len != 4)
				return -EBADMSG;
			if (!l->magic)
				break;
			if (l->nak_magic &&
			    kl2tp_get_be32(o.val) == l->nak_magic &&
			    ++l->loops >= max_loops)
				return KL2TP_PPP_R_LOOPBACK;
			l->magic = new_magic(l, l->magic);
			break;
		default:
			/* ACCM, PFC, ACFC and unknown ones: nothing to do */
			break;
		}
	}
	return 0;
}

static int lcp_rx_rej(struct kl2tp_ppp_fsm *f, const u8 *opts, size_t len)
{
	struct kl2tp_ppp_lcp *l = lcp_of(f);
	struct kl2tp_ppp_opt o;

	while (kl2tp_ppp_opt_next(&opts, &len, &o) > 0) {
		switch (o.type) {
		case KL2TP_PPP_LCP_MRU:
			l->want_mru = 0;
			break;
		case KL2TP_PPP_LCP_AUTH:
			/* The peer will not be authenticated at all. */
			return KL2TP_PPP_R_AUTH_REFUSED;
		case KL2TP_PPP_LCP_MAGIC:
			l->magic = 0;
			break;
		case KL2TP_PPP_LCP_PFC:
			l->want_pfc = false;
			break;
		case KL2TP_PPP_LCP_ACFC:
			l->want_acfc = false;
			break;
		default:
			break;
		}
	}
	return 0;
}

/* An Echo or Discard packet carrying our own Magic-Number looped back. */
static bool looped(struct kl2tp_ppp_lcp *l, const struct kl2tp_ppp_cp *cp)
{
	if (l->magic && kl2tp_get_be32(cp->data) == l->magic) {
		l->rx_looped++;
		return true;
	}
	return false;
}

static int lcp_rx_other(struct kl2tp_ppp_fsm *f, u64 now,
			const struct kl2tp_ppp_cp *cp)
{
	struct kl2tp_ppp_lcp *l = lcp_of(f);
	u8 magic[4];
	u16 proto;

	switch (cp->code) {
	case KL2TP_PPP_PROTO_REJ:
		if (!kl2tp_ppp_fsm_opened(f))
			return 0;
		if (cp->len < 2)
			return -EBADMSG;
		proto = kl2tp_get_be16(cp->data);
		if (proto == KL2TP_PPP_LCP)
			kl2tp_ppp_fsm_rxj(f, now, true);
		else if (l->proto_rej)
			l->proto_rej(l, now, proto);
		return 0;
	case KL2TP_PPP_ECHO_REQ:
		if (!kl2tp_ppp_fsm_opened(f))
			return 0;
		if (cp->len < 4)
			return -EBADMSG;
		if (looped(l, cp))
			return -EPROTO;
		kl2tp_put_be32(magic, l->magic);
		return kl2tp_ppp_fsm_send_cp(f, KL2TP_PPP_ECHO_REP, cp->id,
					     magic, 4, cp->data + 4,
					     cp->len - 4, true);
	case KL2TP_PPP_ECHO_REP:
		if (!kl2tp_ppp_fsm_opened(f))
			return 0;
		if (cp->len < 4)
			return -EBADMSG;
		if (looped(l, cp))
			return -EPROTO;
		l->echo_pending = 0;
		return 0;
	case KL2TP_PPP_DISC_REQ:
	case KL2TP_PPP_IDENTIFICATION:
	case KL2TP_PPP_TIME_REMAINING:
		return 0;
	default:
		return -EOPNOTSUPP;
	}
}

static const struct kl2tp_ppp_fsm_proto lcp_proto = {
	.proto = KL2TP_PPP_LCP,
	.name = "LCP",
	.reset = lcp_reset,
	.build_req = lcp_build_req,
	.rx_req = lcp_rx_req,
	.rx_nak = lcp_rx_nak,
	.rx_rej = lcp_rx_rej,
	.rx_other = lcp_rx_other,
};

static bool methods_valid(const u8 *list, u8 n)
{
	u8 i;

	if (n > KL2TP_PPP_AUTH_LIST)
		return false;
	for (i = 0; i < n; i++) {
		if (list[i] == KL2TP_PPP_AUTH_NONE ||
		    list[i] > KL2TP_PPP_AUTH_METHOD_MAX ||
		    in_list(list, i, list[i]))
			return false;
	}
	return true;
}

int kl2tp_ppp_lcp_init(struct kl2tp_ppp_lcp *l,
		       const struct kl2tp_ppp_lcp_cfg *cfg,
		       const struct kl2tp_ppp_fsm_ops *ops, void *owner,
		       struct kl2tp_ppp_io *io,
		       const struct kl2tp_ppp_fsm_params *p)
{
	int ret;

	if (cfg->mru && (cfg->mru < KL2TP_PPP_MIN_MRU ||
			 cfg->mru > KL2TP_PPP_MAX_MRU))
		return -EINVAL;
	if (!methods_valid(cfg->auth, cfg->n_auth) ||
	    !methods_valid(cfg->peer_auth, cfg->n_peer_auth))
		return -EINVAL;
	if (!io->random)
		return -EINVAL;
	memset(l, 0, sizeof(*l));
	ret = kl2tp_ppp_fsm_init(&l->fsm, &lcp_proto, l, ops, owner, io, p);
	if (ret)
		return ret;
	l->cfg = *cfg;
	l->peer_mru = KL2TP_PPP_DEF_MRU;
	return 0;
}

int kl2tp_ppp_lcp_echo(struct kl2tp_ppp_lcp *l)
{
	u8 magic[4];
	int ret;

	if (!kl2tp_ppp_fsm_opened(&l->fsm))
		return -ENOTCONN;
	kl2tp_put_be32(magic, l->magic);
	ret = kl2tp_ppp_fsm_send_cp(&l->fsm, KL2TP_PPP_ECHO_REQ, ++l->echo_id,
				    magic, 4, NULL, 0, false);
	if (l->echo_pending < 0xffff)
		l->echo_pending++;
	return ret;
}

int kl2tp_ppp_lcp_proto_reject(struct kl2tp_ppp_lcp *l, u16 proto,
			       const u8 *info, size_t len)
{
	u8 p[2];

	if (!kl2tp_ppp_fsm_opened(&l->fsm))
		return -ENOTCONN;
	kl2tp_put_be16(p, proto);
	return kl2tp_ppp_fsm_send_cp(&l->fsm, KL2TP_PPP_PROTO_REJ, ++l->fsm.id,
				     p, 2, info, len, true);
}

/* The options of one proxied Configure-Request (RFC 2661 AVP 27 or 28). */
struct proxy_opts {
	u16 mru;			/* 0: absent */
	u8 auth;			/* method, KL2TP_PPP_AUTH_NONE: absent */
	bool has_accm;
	u32 accm;
	u32 magic;			/* 0: absent */
	bool pfc;
	bool acfc;
};

/* Decode @opts; -EBADMSG for a malformed option, -EINVAL for a bad value. */
static int proxy_decode(const u8 *opts, size_t len, struct proxy_opts *p)
{
	struct kl2tp_ppp_opt o;
	int ret, method;

	memset(p, 0, sizeof(*p));
	while ((ret = kl2tp_ppp_opt_next(&opts, &len, &o)) > 0) {
		switch (o.type) {
		case KL2TP_PPP_LCP_MRU:
			if (o.len != 2)
				return -EBADMSG;
			p->mru = kl2tp_get_be16(o.val);
			if (p->mru < KL2TP_PPP_MIN_MRU)
				return -EINVAL;
			break;
		case KL2TP_PPP_LCP_ACCM:
			if (o.len != 4)
				return -EBADMSG;
			p->has_accm = true;
			p->accm = kl2tp_get_be32(o.val);
			break;
		case KL2TP_PPP_LCP_AUTH:
			if (o.len < 2)
				return -EBADMSG;
			method = kl2tp_ppp_lcp_auth_decode(o.val, o.len);
			if (method <= 0)
				return -EINVAL;
			p->auth = method;
			break;
		case KL2TP_PPP_LCP_MAGIC:
			if (o.len != 4)
				return -EBADMSG;
			p->magic = kl2tp_get_be32(o.val);
			if (!p->magic)
				return -EINVAL;
			break;
		case KL2TP_PPP_LCP_PFC:
		case KL2TP_PPP_LCP_ACFC:
			if (o.len)
				return -EBADMSG;
			if (o.type == KL2TP_PPP_LCP_PFC)
				p->pfc = true;
			else
				p->acfc = true;
			break;
		default:
			return -EINVAL;
		}
	}
	return ret;
}

int kl2tp_ppp_lcp_proxy_check(const struct kl2tp_ppp_lcp *l, const u8 *sent,
			      size_t sent_len, const u8 *rcvd,
			      size_t rcvd_len,
			      struct kl2tp_ppp_lcp_proxied *r)
{
	const struct kl2tp_ppp_lcp_cfg *c = &l->cfg;
	u16 top = max_t(u16, c->mru, KL2TP_PPP_DEF_MRU);
	struct proxy_opts ours, peer;
	int ret;

	memset(r, 0, sizeof(*r));
	/* ours: what the peer Acked; the peer's: what it asked for */
	ret = proxy_decode(sent, sent_len, &ours);
	if (ret)
		return ret;
	if (ours.mru > top ||
	    (ours.auth && !in_list(c->auth, c->n_auth, ours.auth)) ||
	    (c->n_auth && !ours.auth))	/* it must have agreed to a method */
		return -EINVAL;
	ret = proxy_decode(rcvd, rcvd_len, &peer);
	if (ret)
		return ret;
	if ((peer.auth && !in_list(c->peer_auth, c->n_peer_auth, peer.auth)) ||
	    (ours.magic && ours.magic == peer.magic))	/* looped (6.4) */
		return -EINVAL;
	r->want_mru = ours.mru == KL2TP_PPP_DEF_MRU ? 0 : ours.mru;
	r->want_auth = ours.auth;
	r->magic = ours.magic;
	r->want_pfc = ours.pfc;
	r->want_acfc = ours.acfc;
	r->peer_mru = peer.mru ? peer.mru : KL2TP_PPP_DEF_MRU;
	r->peer_auth = peer.auth;
	r->peer_accm = peer.has_accm ? peer.accm : 0xffffffff;
	r->peer_magic = peer.magic;
	r->peer_pfc = peer.pfc && c->pfc;
	r->peer_acfc = peer.acfc && c->acfc;
	return 0;
}

int kl2tp_ppp_lcp_proxy_open(struct kl2tp_ppp_lcp *l, u64 now,
			     const struct kl2tp_ppp_lcp_proxied *r)
{
	struct kl2tp_ppp_fsm *f = &l->fsm;

	if (f->state != KL2TP_PPP_STARTING)
		return -EINVAL;
	l->want_mru = r->want_mru;
	l->want_auth = r->want_auth;
	l->auth_tried = 0;
	l->magic = r->magic;
	l->want_pfc = r->want_pfc;
	l->want_acfc = r->want_acfc;
	l->peer_mru = r->peer_mru;
	l->peer_auth = r->peer_auth;
	l->peer_magic = r->peer_magic;
	l->peer_accm = r->peer_accm;
	l->peer_pfc = r->peer_pfc;
	l->peer_acfc = r->peer_acfc;
	l->nak_magic = 0;
	l->loops = 0;
	l->echo_pending = 0;

	/*
	 * The automaton has no event for "negotiated elsewhere": leave it as
	 * an Ack-Sent -> Opened transition (RCA: irc, tlu) would, with no
	 * request of ours outstanding, so that a stray Configure-Ack,
	 * -Nak or -Reject is dropped.
	 */
	f->naks_sent = 0;
	f->naks_rcvd = 0;
	f->reason = KL2TP_PPP_R_NONE;
	f->restart = f->params.max_configure;
	f->req_len = 0;
	f->replied = true;
	f->timer_on = false;
	f->state = KL2TP_PPP_OPENED;
	if (f->ops && f->ops->up)
		f->ops->up(f, now);
	return 0;
}

const char *kl2tp_ppp_auth_name(int method)
{
	switch (method) {
	case KL2TP_PPP_AUTH_NONE:
		return "none";
	case KL2TP_PPP_AUTH_PAP:
		return "PAP";
	case KL2TP_PPP_AUTH_CHAP_MD5:
		return "CHAP-MD5";
	case KL2TP_PPP_AUTH_MSCHAPV2:
		return "MS-CHAPv2";
	default:
		return "unknown";
	}
}
