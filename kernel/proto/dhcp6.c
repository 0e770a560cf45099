// SPDX-License-Identifier: GPL-2.0
/*
 * DHCPv6 prefix delegation over a PPP link (RFC 8415): see dhcp6.h.
 */
#include "dhcp6.h"
#include "nd6.h"

#define KL2TP_IPPROTO_UDP	17
#define KL2TP_DHCP6_HDR_LEN	4	/* type and transaction id */
#define KL2TP_DHCP6_OPT_HDR	4	/* code and length */
#define KL2TP_DHCP6_IA_LEN	12	/* IAID, T1, T2 */
#define KL2TP_DHCP6_IAPREFIX_LEN 25	/* lifetimes, length, prefix */

/* ---- reading -------------------------------------------------------------- */

/* One option at @p (@len bytes left): its code, data and length. */
static int kl2tp_d6_opt(const u8 *p, size_t len, u16 *code, const u8 **data,
			u16 *olen)
{
	if (len < KL2TP_DHCP6_OPT_HDR)
		return -EINVAL;
	*code = kl2tp_get_be16(p);
	*olen = kl2tp_get_be16(p + 2);
	if (*olen > len - KL2TP_DHCP6_OPT_HDR)
		return -EINVAL;
	*data = p + KL2TP_DHCP6_OPT_HDR;
	return 0;
}

/* An IAPREFIX's fields into @pfx, bits beyond its length cleared. */
static int kl2tp_d6_iaprefix(struct kl2tp_dhcp6_prefix *pfx, const u8 *d,
			     u16 olen)
{
	unsigned int i;
	u8 len;

	if (olen < KL2TP_DHCP6_IAPREFIX_LEN)
		return -EINVAL;
	len = d[8];
	if (len > 128)
		return -EINVAL;
	pfx->preferred = kl2tp_get_be32(d);
	pfx->valid = kl2tp_get_be32(d + 4);
	pfx->len = len;
	memcpy(pfx->prefix, d + 9, 16);
	for (i = 0; i < 16; i++) {
		if (len >= 8) {
			len -= 8;
			continue;
		}
		pfx->prefix[i] &= (u8)(0xff00 >> len);
		len = 0;
	}
	return 0;
}

/* An IA_PD's fields (the first one's kept in @m) and its options. */
static int kl2tp_d6_ia_pd(struct kl2tp_dhcp6_msg *m, const u8 *p, u16 len)
{
	bool first = !m->n_ia_pd++;
	struct kl2tp_dhcp6_prefix pfx;
	const u8 *d;
	u16 code, olen;
	int ret;

	if (len < KL2TP_DHCP6_IA_LEN)
		return -EINVAL;
	if (first) {
		m->iaid = kl2tp_get_be32(p);
		m->t1 = kl2tp_get_be32(p + 4);
		m->t2 = kl2tp_get_be32(p + 8);
	}
	p += KL2TP_DHCP6_IA_LEN;
	len -= KL2TP_DHCP6_IA_LEN;
	while (len) {
		ret = kl2tp_d6_opt(p, len, &code, &d, &olen);
		if (ret)
			return ret;
		if (code == KL2TP_DHCP6_OPT_IAPREFIX) {
			ret = kl2tp_d6_iaprefix(&pfx, d, olen);
			if (ret)
				return ret;
			/* one still valid before one withdrawn (renumbering) */
			if (first && pfx.len &&
			    (!m->pfx.len || (!m->pfx.valid && pfx.valid)))
				m->pfx = pfx;
		} else if (code == KL2TP_DHCP6_OPT_STATUS_CODE) {
			if (olen < 2)
				return -EINVAL;
			if (first && m->pd_status == KL2TP_DHCP6_NO_STATUS)
				m->pd_status = kl2tp_get_be16(d);
		}
		p += KL2TP_DHCP6_OPT_HDR + olen;
		len -= KL2TP_DHCP6_OPT_HDR + olen;
	}
	return 0;
}

/* A Client or Server Identifier: once, of a DUID's size. */
static int kl2tp_d6_duid(u8 *dst, u8 *dst_len, const u8 *d, u16 olen)
{
	if (*dst_len || olen < KL2TP_DHCP6_DUID_MIN ||
	    olen > KL2TP_DHCP6_DUID_MAX)
		return -EINVAL;
	memcpy(dst, d, olen);
	*dst_len = (u8)olen;
	return 0;
}

int kl2tp_dhcp6_parse(struct kl2tp_dhcp6_msg *m, const u8 *p, size_t len)
{
	const u8 *d;
	u16 code, olen, i;
	int ret = 0;

	memset(m, 0, sizeof(*m));
	m->pd_status = KL2TP_DHCP6_NO_STATUS;
	m->status = KL2TP_DHCP6_NO_STATUS;
	if (len < KL2TP_DHCP6_HDR_LEN)
		return -EINVAL;
	m->type = p[0];
	memcpy(m->xid, p + 1, 3);
	p += KL2TP_DHCP6_HDR_LEN;
	len -= KL2TP_DHCP6_HDR_LEN;
	while (len && !ret) {
		ret = kl2tp_d6_opt(p, len, &code, &d, &olen);
		if (ret)
			break;
		switch (code) {
		case KL2TP_DHCP6_OPT_CLIENTID:
			ret = kl2tp_d6_duid(m->client_id, &m->client_id_len,
					    d, olen);
			break;
		case KL2TP_DHCP6_OPT_SERVERID:
			ret = kl2tp_d6_duid(m->server_id, &m->server_id_len,
					    d, olen);
			break;
		case KL2TP_DHCP6_OPT_IA_PD:
			ret = kl2tp_d6_ia_pd(m, d, olen);
			break;
		case KL2TP_DHCP6_OPT_IA_NA:
		case KL2TP_DHCP6_OPT_IA_TA:
			if (olen < (code == KL2TP_DHCP6_OPT_IA_NA ?
				    KL2TP_DHCP6_IA_LEN : 4)) {
				ret = -EINVAL;
				break;
			}
			if (!m->n_ia_na++)
				m->ia_na_iaid = kl2tp_get_be32(d);
			break;
		case KL2TP_DHCP6_OPT_ORO:
			if (olen % 2) {
				ret = -EINVAL;
				break;
			}
			for (i = 0; i < olen; i += 2)
				if (kl2tp_get_be16(d + i) ==
				    KL2TP_DHCP6_OPT_DNS_SERVERS)
					m->oro_dns = true;
			break;
		case KL2TP_DHCP6_OPT_STATUS_CODE:
			if (olen < 2)
				ret = -EINVAL;
			else if (m->status == KL2TP_DHCP6_NO_STATUS)
				m->status = kl2tp_get_be16(d);
			break;
		case KL2TP_DHCP6_OPT_RAPID_COMMIT:
			m->rapid_commit = true;
			break;
		case KL2TP_DHCP6_OPT_DNS_SERVERS:
			if (olen % 16) {
				ret = -EINVAL;
				break;
			}
			for (i = 0; i < olen && m->n_dns < KL2TP_DHCP6_DNS_MAX;
			     i += 16)
				memcpy(m->dns[m->n_dns++], d + i, 16);
			break;
		default:
			break;		/* others, Elapsed Time too: not used */
		}
		p += KL2TP_DHCP6_OPT_HDR + olen;
		len -= KL2TP_DHCP6_OPT_HDR + olen;
	}
	return ret;
}

/* ---- writing -------------------------------------------------------------- */

/* A message being written: past @cap, @err is set and nothing is. */
struct kl2tp_d6w {
	u8 *buf;
	size_t cap;
	size_t len;
	bool err;
};

static u8 *kl2tp_d6w_put(struct kl2tp_d6w *w, size_t n)
{
	u8 *p;

	if (w->err || n > w->cap - w->len) {
		w->err = true;
		return NULL;
	}
	p = w->buf + w->len;
	w->len += n;
	return p;
}

static void kl2tp_d6w_u32(struct kl2tp_d6w *w, u32 v)
{
	u8 *p = kl2tp_d6w_put(w, 4);

	if (p)
		kl2tp_put_be32(p, v);
}

/* Open option @code: its header now, its length at kl2tp_d6w_end(). */
static size_t kl2tp_d6w_begin(struct kl2tp_d6w *w, u16 code)
{
	size_t at = w->len;
	u8 *p = kl2tp_d6w_put(w, KL2TP_DHCP6_OPT_HDR);

	if (p)
		kl2tp_put_be16(p, code);
	return at;
}

static void kl2tp_d6w_end(struct kl2tp_d6w *w, size_t at)
{
	if (!w->err)
		kl2tp_put_be16(w->buf + at + 2,
			       (u16)(w->len - at - KL2TP_DHCP6_OPT_HDR));
}

static void kl2tp_d6w_opt(struct kl2tp_d6w *w, u16 code, const void *data,
			  size_t n)
{
	size_t at = kl2tp_d6w_begin(w, code);
	u8 *p = kl2tp_d6w_put(w, n);

	if (p && n)
		memcpy(p, data, n);
	kl2tp_d6w_end(w, at);
}

static void kl2tp_d6w_status(struct kl2tp_d6w *w, u16 status)
{
	u8 v[2];

	kl2tp_put_be16(v, status);
	kl2tp_d6w_opt(w, KL2TP_DHCP6_OPT_STATUS_CODE, v, sizeof(v));
}

static void kl2tp_d6w_iaprefix(struct kl2tp_d6w *w,
			       const struct kl2tp_dhcp6_prefix *pfx,
			       bool expired)
{
	size_t at = kl2tp_d6w_begin(w, KL2TP_DHCP6_OPT_IAPREFIX);
	u8 *p;

	kl2tp_d6w_u32(w, expired ? 0 : pfx->preferred);
	kl2tp_d6w_u32(w, expired ? 0 : pfx->valid);
	p = kl2tp_d6w_put(w, 17);
	if (p) {
		p[0] = pfx->len;
		memcpy(p + 1, pfx->prefix, 16);
	}
	kl2tp_d6w_end(w, at);
}

static int kl2tp_d6w_done(struct kl2tp_d6w *w)
{
	return w->err ? -ENOSPC : (int)w->len;
}

static void kl2tp_d6w_hdr(struct kl2tp_d6w *w, u8 type, const u8 *xid)
{
	u8 *p = kl2tp_d6w_put(w, KL2TP_DHCP6_HDR_LEN);

	if (p) {
		p[0] = type;
		memcpy(p + 1, xid, 3);
	}
}

/* ---- server --------------------------------------------------------------- */

static bool kl2tp_d6_ours(const struct kl2tp_dhcp6_server *s,
			  const struct kl2tp_dhcp6_msg *q)
{
	return q->server_id_len == s->duid_len &&
	       !memcmp(q->server_id, s->duid, s->duid_len);
}

/* RFC 8415 16: which client messages the server may answer at all. */
static bool kl2tp_d6_valid(const struct kl2tp_dhcp6_server *s,
			   const struct kl2tp_dhcp6_msg *q)
{
	switch (q->type) {
	case KL2TP_DHCP6_SOLICIT:
	case KL2TP_DHCP6_REBIND:
		return q->client_id_len && !q->server_id_len;
	case KL2TP_DHCP6_REQUEST:
	case KL2TP_DHCP6_RENEW:
	case KL2TP_DHCP6_RELEASE:
		return q->client_id_len && kl2tp_d6_ours(s, q);
	case KL2TP_DHCP6_INFO_REQUEST:
		return !q->n_ia_pd && !q->n_ia_na &&
		       (!q->server_id_len || kl2tp_d6_ours(s, q));
	default:
		return false;
	}
}

static bool kl2tp_d6_same(const struct kl2tp_dhcp6_prefix *a,
			  const struct kl2tp_dhcp6_prefix *b)
{
	return a->len == b->len && !memcmp(a->prefix, b->prefix, 16);
}

/* The IA_PD of the answer to @q. */
static void kl2tp_d6w_ia_pd(struct kl2tp_d6w *w,
			    const struct kl2tp_dhcp6_server *s,
			    const struct kl2tp_dhcp6_msg *q)
{
	const struct kl2tp_dhcp6_prefix *pfx = &s->pfx;
	size_t at = kl2tp_d6w_begin(w, KL2TP_DHCP6_OPT_IA_PD);
	bool renewing = q->type == KL2TP_DHCP6_RENEW ||
			q->type == KL2TP_DHCP6_REBIND;

	kl2tp_d6w_u32(w, q->iaid);
	kl2tp_d6w_u32(w, pfx->len ? kl2tp_dhcp6_t1(s->t1, pfx->preferred) : 0);
	kl2tp_d6w_u32(w, pfx->len ? kl2tp_dhcp6_t2(s->t2, pfx->preferred) : 0);
	if (pfx->len)
		kl2tp_d6w_iaprefix(w, pfx, false);
	/* a prefix the client holds that is not (any more) its */
	if (q->pfx.len && q->type != KL2TP_DHCP6_SOLICIT &&
	    (!pfx->len || !kl2tp_d6_same(&q->pfx, pfx)))
		kl2tp_d6w_iaprefix(w, &q->pfx, true);
	if (!pfx->len)
		kl2tp_d6w_status(w, renewing ? KL2TP_DHCP6_NO_BINDING :
				    KL2TP_DHCP6_NO_PREFIX_AVAIL);
	kl2tp_d6w_end(w, at);
}

int kl2tp_dhcp6_answer(const struct kl2tp_dhcp6_server *s,
		       const struct kl2tp_dhcp6_msg *q, u8 *buf, size_t cap)
{
	struct kl2tp_d6w w = { .buf = buf, .cap = cap };
	bool rapid = q->type == KL2TP_DHCP6_SOLICIT && q->rapid_commit;
	size_t at;

	if (!kl2tp_d6_valid(s, q))
		return 0;
	kl2tp_d6w_hdr(&w, q->type == KL2TP_DHCP6_SOLICIT && !rapid ?
		      KL2TP_DHCP6_ADVERTISE : KL2TP_DHCP6_REPLY, q->xid);
	kl2tp_d6w_opt(&w, KL2TP_DHCP6_OPT_SERVERID, s->duid, s->duid_len);
	if (q->client_id_len)
		kl2tp_d6w_opt(&w, KL2TP_DHCP6_OPT_CLIENTID, q->client_id,
			      q->client_id_len);
	if (rapid)
		kl2tp_d6w_opt(&w, KL2TP_DHCP6_OPT_RAPID_COMMIT, NULL, 0);
	if (q->type == KL2TP_DHCP6_RELEASE) {
		kl2tp_d6w_status(&w, KL2TP_DHCP6_SUCCESS);
		return kl2tp_d6w_done(&w);
	}
	/* RFC 8415 18.3.9: nothing to give, only a status */
	if (q->type == KL2TP_DHCP6_SOLICIT && (!q->n_ia_pd || !s->pfx.len)) {
		kl2tp_d6w_status(&w, KL2TP_DHCP6_NO_ADDRS_AVAIL);
		return kl2tp_d6w_done(&w);
	}
	if (q->n_ia_pd)
		kl2tp_d6w_ia_pd(&w, s, q);
	if (q->n_ia_na) {
		at = kl2tp_d6w_begin(&w, KL2TP_DHCP6_OPT_IA_NA);
		kl2tp_d6w_u32(&w, q->ia_na_iaid);
		kl2tp_d6w_u32(&w, 0);
		kl2tp_d6w_u32(&w, 0);
		kl2tp_d6w_status(&w, KL2TP_DHCP6_NO_ADDRS_AVAIL);
		kl2tp_d6w_end(&w, at);
	}
	if (s->n_dns && (q->oro_dns || q->type == KL2TP_DHCP6_INFO_REQUEST))
		kl2tp_d6w_opt(&w, KL2TP_DHCP6_OPT_DNS_SERVERS, s->dns,
			      (size_t)s->n_dns * 16);
	return kl2tp_d6w_done(&w);
}

/* ---- client --------------------------------------------------------------- */

int kl2tp_dhcp6_client_build(const struct kl2tp_dhcp6_client *c, u8 type,
			     const u8 *xid, u8 *buf, size_t cap)
{
	struct kl2tp_d6w w = { .buf = buf, .cap = cap };
	bool sid = type == KL2TP_DHCP6_REQUEST || type == KL2TP_DHCP6_RENEW ||
		   type == KL2TP_DHCP6_RELEASE;
	u8 v[2];
	size_t at;

	if ((type != KL2TP_DHCP6_SOLICIT && type != KL2TP_DHCP6_REBIND &&
	     !sid) || (sid && !c->server_id_len) ||
	    c->duid_len < KL2TP_DHCP6_DUID_MIN)
		return -EINVAL;
	kl2tp_d6w_hdr(&w, type, xid);
	kl2tp_d6w_opt(&w, KL2TP_DHCP6_OPT_CLIENTID, c->duid, c->duid_len);
	if (sid)
		kl2tp_d6w_opt(&w, KL2TP_DHCP6_OPT_SERVERID, c->server_id,
			      c->server_id_len);
	kl2tp_put_be16(v, c->elapsed);
	kl2tp_d6w_opt(&w, KL2TP_DHCP6_OPT_ELAPSED_TIME, v, sizeof(v));
	if (type != KL2TP_DHCP6_RELEASE) {
		kl2tp_put_be16(v, KL2TP_DHCP6_OPT_DNS_SERVERS);
		kl2tp_d6w_opt(&w, KL2TP_DHCP6_OPT_ORO, v, sizeof(v));
	}
	if (type == KL2TP_DHCP6_SOLICIT)
		kl2tp_d6w_opt(&w, KL2TP_DHCP6_OPT_RAPID_COMMIT, NULL, 0);
	at = kl2tp_d6w_begin(&w, KL2TP_DHCP6_OPT_IA_PD);
	kl2tp_d6w_u32(&w, c->iaid);
	kl2tp_d6w_u32(&w, 0);		/* T1, T2: the server's choice */
	kl2tp_d6w_u32(&w, 0);
	if (c->pfx.len)
		kl2tp_d6w_iaprefix(&w, &c->pfx, false);
	kl2tp_d6w_end(&w, at);
	return kl2tp_d6w_done(&w);
}

/* ---- IPv6 and UDP --------------------------------------------------------- */

size_t kl2tp_udp6_build(u8 *pkt, const u8 *src, const u8 *dst, u16 sport,
			u16 dport, size_t len)
{
	u8 *udp = pkt + KL2TP_IP6_HDR_LEN;
	u16 csum;

	memset(pkt, 0, KL2TP_UDP6_HDR_LEN);
	pkt[0] = 0x60;
	kl2tp_put_be16(pkt + 4, (u16)(8 + len));
	pkt[6] = KL2TP_IPPROTO_UDP;
	pkt[7] = 255;
	memcpy(pkt + 8, src, 16);
	memcpy(pkt + 24, dst, 16);
	kl2tp_put_be16(udp, sport);
	kl2tp_put_be16(udp + 2, dport);
	kl2tp_put_be16(udp + 4, (u16)(8 + len));
	csum = kl2tp_ip6_csum(src, dst, KL2TP_IPPROTO_UDP, udp, 8 + len);
	kl2tp_put_be16(udp + 6, csum ?: 0xffff);	/* RFC 768: 0 is none */
	return KL2TP_UDP6_HDR_LEN + len;
}

int kl2tp_udp6_parse(const u8 *pkt, size_t len, u16 *sport, u16 *dport,
		     const u8 **data, size_t *dlen)
{
	const u8 *udp = pkt + KL2TP_IP6_HDR_LEN;
	size_t plen;

	if (len < KL2TP_UDP6_HDR_LEN || (pkt[0] >> 4) != 6 ||
	    pkt[6] != KL2TP_IPPROTO_UDP)
		return -EINVAL;
	plen = kl2tp_get_be16(pkt + 4);
	if (plen != len - KL2TP_IP6_HDR_LEN || kl2tp_get_be16(udp + 4) != plen ||
	    !kl2tp_get_be16(udp + 6) ||
	    kl2tp_ip6_csum(pkt + 8, pkt + 24, KL2TP_IPPROTO_UDP, udp, plen))
		return -EINVAL;
	*sport = kl2tp_get_be16(udp);
	*dport = kl2tp_get_be16(udp + 2);
	*data = udp + 8;
	*dlen = plen - 8;
	return 0;
}
