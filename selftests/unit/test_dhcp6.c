// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of DHCPv6 prefix delegation (kernel/proto/dhcp6.c): the
 * server's answers to each client message read back option by option
 * (a walker of its own here, not the parser under test), RFC 8415 16's
 * discards, no prefix to give, an IA_NA refused, Rapid Commit; the client's
 * messages; malformed messages refused and odd ones read; every buffer
 * size short of the answer refused; IPv6/UDP wrapping with the checksum
 * checked by a second implementation.
 */
#include "unit.h"
#include "dhcp6.h"
#include "nd6.h"

static const u8 sduid[] = { 0, 3, 0, 1, 2, 0, 0, 0, 0, 1 };	/* DUID-LL */
static const u8 cduid[] = { 0, 3, 0, 1, 2, 0, 0, 0, 0, 2 };
static const u8 other[] = { 0, 3, 0, 1, 2, 0, 0, 0, 0, 9 };
static const u8 xid[3] = { 0xab, 0xcd, 0xef };
static const u8 pfx56[16] = { 0x20, 0x01, 0x0d, 0xb8, 0x02, 0x00, 0x01 };
static const u8 old56[16] = { 0x20, 0x01, 0x0d, 0xb8, 0x02, 0x00, 0x09 };
static const u8 dns1[16] = { 0x20, 0x01, 0x0d, 0xb8, [15] = 0x53 };

static void server(struct kl2tp_dhcp6_server *s, bool with_prefix)
{
	memset(s, 0, sizeof(*s));
	s->duid = sduid;
	s->duid_len = sizeof(sduid);
	if (with_prefix) {
		memcpy(s->pfx.prefix, pfx56, 16);
		s->pfx.len = 56;
		s->pfx.preferred = 3600;
		s->pfx.valid = 7200;
	}
	s->n_dns = 1;
	memcpy(s->dns[0], dns1, 16);
}

/* A hand-made client message: the header, then options appended. */
struct hm {
	u8 b[512];
	size_t n;
};

static void hm_init(struct hm *m, u8 type)
{
	m->b[0] = type;
	memcpy(m->b + 1, xid, 3);
	m->n = 4;
}

static void hm_opt(struct hm *m, u16 code, const void *d, size_t len)
{
	kl2tp_put_be16(m->b + m->n, code);
	kl2tp_put_be16(m->b + m->n + 2, (u16)len);
	if (len)
		memcpy(m->b + m->n + 4, d, len);
	m->n += 4 + len;
}

/* An IA_PD (IAID 7, T1 0, T2 0) holding @pfx (NULL: none). */
static void hm_ia_pd(struct hm *m, const u8 *pfx, u8 len)
{
	u8 d[12 + 4 + 25] = { 0, 0, 0, 7 };
	size_t n = 12;

	if (pfx) {
		kl2tp_put_be16(d + 12, KL2TP_DHCP6_OPT_IAPREFIX);
		kl2tp_put_be16(d + 14, 25);
		kl2tp_put_be32(d + 16, 100);
		kl2tp_put_be32(d + 20, 200);
		d[24] = len;
		memcpy(d + 25, pfx, 16);
		n += 4 + 25;
	}
	hm_opt(m, KL2TP_DHCP6_OPT_IA_PD, d, n);
}

/*
 * @type with the client's Client Identifier (@cid), Server Identifier @sid
 * (a 10-byte DUID, NULL: none) and, with @ia, an IA_PD holding /56 @pfx
 * (NULL: none).
 */
static void hm_msg(struct hm *m, u8 type, bool cid, const u8 *sid, bool ia,
		   const u8 *pfx)
{
	hm_init(m, type);
	if (cid)
		hm_opt(m, KL2TP_DHCP6_OPT_CLIENTID, cduid, sizeof(cduid));
	if (sid)
		hm_opt(m, KL2TP_DHCP6_OPT_SERVERID, sid, sizeof(sduid));
	if (ia)
		hm_ia_pd(m, pfx, pfx ? 56 : 0);
}

static void hm_oro_dns(struct hm *m)
{
	u8 d[2];

	kl2tp_put_be16(d, KL2TP_DHCP6_OPT_DNS_SERVERS);
	hm_opt(m, KL2TP_DHCP6_OPT_ORO, d, 2);
}

/* Find top-level option @code in message @p (@len): its data and length. */
static const u8 *find(const u8 *p, size_t len, u16 code, u16 *olen)
{
	size_t off = 4;

	while (off + 4 <= len) {
		u16 c = kl2tp_get_be16(p + off), l = kl2tp_get_be16(p + off + 2);

		if (off + 4 + l > len)
			return NULL;
		if (c == code) {
			*olen = l;
			return p + off + 4;
		}
		off += 4 + l;
	}
	return NULL;
}

/* In an IA_PD's data (@d, @len): the @nth IAPREFIX, or its status. */
static const u8 *ia_sub(const u8 *d, u16 len, u16 code, int nth, u16 *olen)
{
	size_t off = 12;

	while (off + 4 <= len) {
		u16 c = kl2tp_get_be16(d + off), l = kl2tp_get_be16(d + off + 2);

		if (off + 4 + l > len)
			return NULL;
		if (c == code && !nth--) {
			*olen = l;
			return d + off + 4;
		}
		off += 4 + l;
	}
	return NULL;
}

static struct kl2tp_dhcp6_msg q;

static int answer(const struct kl2tp_dhcp6_server *s, struct hm *m, u8 *out,
		  size_t cap)
{
	CHECK_EQ(kl2tp_dhcp6_parse(&q, m->b, m->n), 0);
	return kl2tp_dhcp6_answer(s, &q, out, cap);
}

UNIT_TEST(t_solicit_advertise)
{
	struct kl2tp_dhcp6_server s;
	u8 out[512];
	const u8 *o, *ip;
	struct hm m;
	u16 len, ilen;
	int n;

	server(&s, true);
	hm_msg(&m, KL2TP_DHCP6_SOLICIT, true, NULL, false, NULL);
	hm_oro_dns(&m);
	hm_ia_pd(&m, NULL, 0);
	n = answer(&s, &m, out, sizeof(out));
	CHECK(n > 0);
	CHECK_EQ(out[0], KL2TP_DHCP6_ADVERTISE);
	CHECK(!memcmp(out + 1, xid, 3));
	o = find(out, n, KL2TP_DHCP6_OPT_SERVERID, &len);
	CHECK(o && len == sizeof(sduid) && !memcmp(o, sduid, len));
	o = find(out, n, KL2TP_DHCP6_OPT_CLIENTID, &len);
	CHECK(o && len == sizeof(cduid) && !memcmp(o, cduid, len));
	CHECK(!find(out, n, KL2TP_DHCP6_OPT_RAPID_COMMIT, &len));
	o = find(out, n, KL2TP_DHCP6_OPT_IA_PD, &len);
	CHECK(o && len == 12 + 4 + 25);
	if (o) {
		CHECK_EQ(kl2tp_get_be32(o), 7);
		CHECK_EQ(kl2tp_get_be32(o + 4), 1800);	/* preferred / 2 */
		CHECK_EQ(kl2tp_get_be32(o + 8), 2880);	/* preferred * 0.8 */
		ip = ia_sub(o, len, KL2TP_DHCP6_OPT_IAPREFIX, 0, &ilen);
		CHECK(ip && ilen == 25);
		if (ip) {
			CHECK_EQ(kl2tp_get_be32(ip), 3600);
			CHECK_EQ(kl2tp_get_be32(ip + 4), 7200);
			CHECK_EQ(ip[8], 56);
			CHECK(!memcmp(ip + 9, pfx56, 16));
		}
		CHECK(!ia_sub(o, len, KL2TP_DHCP6_OPT_STATUS_CODE, 0, &ilen));
	}
	o = find(out, n, KL2TP_DHCP6_OPT_DNS_SERVERS, &len);
	CHECK(o && len == 16 && !memcmp(o, dns1, 16));

	/* no DNS without the Option Request; T1 and T2 as configured */
	s.t1 = 1000;
	s.t2 = 2000;
	hm_msg(&m, KL2TP_DHCP6_SOLICIT, true, NULL, true, NULL);
	n = answer(&s, &m, out, sizeof(out));
	CHECK(n > 0 && !find(out, n, KL2TP_DHCP6_OPT_DNS_SERVERS, &len));
	o = find(out, n, KL2TP_DHCP6_OPT_IA_PD, &len);
	CHECK(o && kl2tp_get_be32(o + 4) == 1000 && kl2tp_get_be32(o + 8) == 2000);
}

/* The client's Solicit (Rapid Commit) answered by a Reply, read back. */
UNIT_TEST(t_rapid_commit_round_trip)
{
	struct kl2tp_dhcp6_client c = {
		.duid = cduid, .duid_len = sizeof(cduid), .iaid = 42,
		.elapsed = 5,
	};
	struct kl2tp_dhcp6_server s;
	struct kl2tp_dhcp6_msg r;
	u8 buf[512], out[512];
	u16 len;
	int n, a;

	server(&s, true);
	n = kl2tp_dhcp6_client_build(&c, KL2TP_DHCP6_SOLICIT, xid, buf,
				     sizeof(buf));
	CHECK(n > 0);
	CHECK(!find(buf, n, KL2TP_DHCP6_OPT_SERVERID, &len));
	CHECK_EQ(kl2tp_dhcp6_parse(&q, buf, n), 0);
	CHECK(q.rapid_commit && q.oro_dns && q.n_ia_pd == 1 && q.iaid == 42);
	CHECK(!q.pfx.len);
	a = kl2tp_dhcp6_answer(&s, &q, out, sizeof(out));
	CHECK(a > 0);
	CHECK_EQ(out[0], KL2TP_DHCP6_REPLY);
	CHECK(find(out, a, KL2TP_DHCP6_OPT_RAPID_COMMIT, &len) && len == 0);
	CHECK_EQ(kl2tp_dhcp6_parse(&r, out, a), 0);
	CHECK(r.server_id_len == sizeof(sduid) &&
	      !memcmp(r.server_id, sduid, sizeof(sduid)));
	CHECK(r.iaid == 42 && r.pfx.len == 56 && r.pfx.valid == 7200 &&
	      r.pfx.preferred == 3600 && !memcmp(r.pfx.prefix, pfx56, 16));
	CHECK(r.pd_status == KL2TP_DHCP6_NO_STATUS);
	CHECK(r.n_dns == 1 && !memcmp(r.dns[0], dns1, 16));

	/* Renew with what it got: the server named, the prefix held */
	c.server_id = r.server_id;
	c.server_id_len = r.server_id_len;
	c.pfx = r.pfx;
	n = kl2tp_dhcp6_client_build(&c, KL2TP_DHCP6_RENEW, xid, buf,
				     sizeof(buf));
	CHECK(n > 0);
	CHECK_EQ(kl2tp_dhcp6_parse(&q, buf, n), 0);
	CHECK(q.type == KL2TP_DHCP6_RENEW && !q.rapid_commit &&
	      q.server_id_len == sizeof(sduid) && q.pfx.len == 56);
	a = kl2tp_dhcp6_answer(&s, &q, out, sizeof(out));
	CHECK(a > 0 && out[0] == KL2TP_DHCP6_REPLY);
	CHECK_EQ(kl2tp_dhcp6_parse(&r, out, a), 0);
	CHECK(r.pfx.len == 56 && r.pfx.valid == 7200);

	/* Release: Success, no Option Request sent */
	n = kl2tp_dhcp6_client_build(&c, KL2TP_DHCP6_RELEASE, xid, buf,
				     sizeof(buf));
	CHECK(n > 0 && !find(buf, n, KL2TP_DHCP6_OPT_ORO, &len));
	CHECK_EQ(kl2tp_dhcp6_parse(&q, buf, n), 0);
	a = kl2tp_dhcp6_answer(&s, &q, out, sizeof(out));
	CHECK_EQ(kl2tp_dhcp6_parse(&r, out, a), 0);
	CHECK(r.type == KL2TP_DHCP6_REPLY && r.status == KL2TP_DHCP6_SUCCESS &&
	      !r.n_ia_pd);

	/* what needs a server cannot be built without one; other types */
	c.server_id_len = 0;
	CHECK_EQ(kl2tp_dhcp6_client_build(&c, KL2TP_DHCP6_REQUEST, xid, buf,
					  sizeof(buf)), -EINVAL);
	CHECK_EQ(kl2tp_dhcp6_client_build(&c, KL2TP_DHCP6_REPLY, xid, buf,
					  sizeof(buf)), -EINVAL);
	CHECK(kl2tp_dhcp6_client_build(&c, KL2TP_DHCP6_REBIND, xid, buf,
				       sizeof(buf)) > 0);
}

/* RFC 8415 16: what the server discards. */
UNIT_TEST(t_discards)
{
	struct kl2tp_dhcp6_server s;
	u8 out[512];
	struct hm m;

	server(&s, true);
	/* Solicit without a Client Identifier, or with a Server Identifier */
	hm_msg(&m, KL2TP_DHCP6_SOLICIT, false, NULL, true, NULL);
	CHECK_EQ(answer(&s, &m, out, sizeof(out)), 0);
	hm_msg(&m, KL2TP_DHCP6_SOLICIT, true, sduid, true, NULL);
	CHECK_EQ(answer(&s, &m, out, sizeof(out)), 0);
	/* Request, Renew, Release for another server, or none */
	hm_msg(&m, KL2TP_DHCP6_REQUEST, true, other, true, pfx56);
	CHECK_EQ(answer(&s, &m, out, sizeof(out)), 0);
	hm_msg(&m, KL2TP_DHCP6_RENEW, true, NULL, true, pfx56);
	CHECK_EQ(answer(&s, &m, out, sizeof(out)), 0);
	hm_msg(&m, KL2TP_DHCP6_RELEASE, false, sduid, true, pfx56);
	CHECK_EQ(answer(&s, &m, out, sizeof(out)), 0);
	/* Rebind names no server */
	hm_msg(&m, KL2TP_DHCP6_REBIND, true, sduid, true, pfx56);
	CHECK_EQ(answer(&s, &m, out, sizeof(out)), 0);
	/* Information-Request with an IA; Confirm, Decline, server types */
	hm_msg(&m, KL2TP_DHCP6_INFO_REQUEST, false, NULL, true, NULL);
	CHECK_EQ(answer(&s, &m, out, sizeof(out)), 0);
	hm_msg(&m, KL2TP_DHCP6_CONFIRM, true, NULL, false, NULL);
	CHECK_EQ(answer(&s, &m, out, sizeof(out)), 0);
	hm_msg(&m, KL2TP_DHCP6_ADVERTISE, true, NULL, false, NULL);
	CHECK_EQ(answer(&s, &m, out, sizeof(out)), 0);
	/* and the same Request for this server is answered */
	hm_msg(&m, KL2TP_DHCP6_REQUEST, true, sduid, true, pfx56);
	CHECK(answer(&s, &m, out, sizeof(out)) > 0);
	CHECK_EQ(out[0], KL2TP_DHCP6_REPLY);
}

/* A prefix the client holds that is not the server's: lifetimes 0. */
UNIT_TEST(t_renew_other_prefix)
{
	struct kl2tp_dhcp6_server s;
	const u8 *o, *ip;
	u8 out[512];
	struct hm m;
	u16 len, ilen;
	int n;

	server(&s, true);
	hm_msg(&m, KL2TP_DHCP6_RENEW, true, sduid, true, old56);
	n = answer(&s, &m, out, sizeof(out));
	CHECK(n > 0);
	o = find(out, n, KL2TP_DHCP6_OPT_IA_PD, &len);
	CHECK(o != NULL);
	if (!o)
		return;
	ip = ia_sub(o, len, KL2TP_DHCP6_OPT_IAPREFIX, 0, &ilen);
	CHECK(ip && !memcmp(ip + 9, pfx56, 16) && kl2tp_get_be32(ip + 4) == 7200);
	ip = ia_sub(o, len, KL2TP_DHCP6_OPT_IAPREFIX, 1, &ilen);
	CHECK(ip && !memcmp(ip + 9, old56, 16) && ip[8] == 56 &&
	      kl2tp_get_be32(ip) == 0 && kl2tp_get_be32(ip + 4) == 0);
	CHECK(!ia_sub(o, len, KL2TP_DHCP6_OPT_IAPREFIX, 2, &ilen));

	/* the same prefix: once, with its lifetimes */
	hm_msg(&m, KL2TP_DHCP6_REBIND, true, NULL, true, pfx56);
	n = answer(&s, &m, out, sizeof(out));
	o = find(out, n, KL2TP_DHCP6_OPT_IA_PD, &len);
	CHECK(o && ia_sub(o, len, KL2TP_DHCP6_OPT_IAPREFIX, 0, &ilen) &&
	      !ia_sub(o, len, KL2TP_DHCP6_OPT_IAPREFIX, 1, &ilen));
}

/*
 * A server renumbering lists the withdrawn prefix (lifetimes 0) before
 * the new one: the new one is read; alone, the withdrawn one.
 */
UNIT_TEST(t_parse_withdrawn_first)
{
	u8 d[12 + 2 * (4 + 25)] = { 0, 0, 0, 7 };
	struct kl2tp_dhcp6_msg r;
	struct hm m;
	int i;

	for (i = 0; i < 2; i++) {
		u8 *o = d + 12 + i * (4 + 25);

		kl2tp_put_be16(o, KL2TP_DHCP6_OPT_IAPREFIX);
		kl2tp_put_be16(o + 2, 25);
		kl2tp_put_be32(o + 4, i ? 100 : 0);
		kl2tp_put_be32(o + 8, i ? 200 : 0);
		o[12] = 56;
		memcpy(o + 13, i ? pfx56 : old56, 16);
	}
	hm_init(&m, KL2TP_DHCP6_REPLY);
	hm_opt(&m, KL2TP_DHCP6_OPT_IA_PD, d, sizeof(d));
	CHECK_EQ(kl2tp_dhcp6_parse(&r, m.b, m.n), 0);
	CHECK(r.pfx.len == 56 && !memcmp(r.pfx.prefix, pfx56, 16) &&
	      r.pfx.valid == 200);
	hm_init(&m, KL2TP_DHCP6_REPLY);
	hm_opt(&m, KL2TP_DHCP6_OPT_IA_PD, d, 12 + 4 + 25);
	CHECK_EQ(kl2tp_dhcp6_parse(&r, m.b, m.n), 0);
	CHECK(r.pfx.len == 56 && !memcmp(r.pfx.prefix, old56, 16) &&
	      r.pfx.valid == 0);
}

/* Nothing to delegate; an IA_NA; Information-Request. */
UNIT_TEST(t_no_prefix_ia_na_info)
{
	struct kl2tp_dhcp6_server s;
	u8 out[512], ia_na[12] = { 0, 0, 0, 5 };
	struct kl2tp_dhcp6_msg r;
	const u8 *o;
	struct hm m;
	u16 len;
	int n;

	server(&s, false);
	hm_msg(&m, KL2TP_DHCP6_SOLICIT, true, NULL, true, NULL);
	n = answer(&s, &m, out, sizeof(out));
	CHECK_EQ(kl2tp_dhcp6_parse(&r, out, n), 0);
	CHECK(r.type == KL2TP_DHCP6_ADVERTISE &&
	      r.status == KL2TP_DHCP6_NO_ADDRS_AVAIL && !r.n_ia_pd);
	hm_msg(&m, KL2TP_DHCP6_REQUEST, true, sduid, true, NULL);
	n = answer(&s, &m, out, sizeof(out));
	CHECK_EQ(kl2tp_dhcp6_parse(&r, out, n), 0);
	CHECK(r.n_ia_pd == 1 && !r.pfx.len &&
	      r.pd_status == KL2TP_DHCP6_NO_PREFIX_AVAIL);
	hm_msg(&m, KL2TP_DHCP6_RENEW, true, sduid, true, old56);
	n = answer(&s, &m, out, sizeof(out));
	CHECK_EQ(kl2tp_dhcp6_parse(&r, out, n), 0);
	CHECK(r.pd_status == KL2TP_DHCP6_NO_BINDING && r.pfx.len == 56 &&
	      r.pfx.valid == 0 && !memcmp(r.pfx.prefix, old56, 16));

	/* IA_NA beside an IA_PD: NoAddrsAvail in it, the prefix given */
	server(&s, true);
	hm_msg(&m, KL2TP_DHCP6_SOLICIT, true, NULL, false, NULL);
	hm_opt(&m, KL2TP_DHCP6_OPT_IA_NA, ia_na, sizeof(ia_na));
	hm_ia_pd(&m, NULL, 0);
	n = answer(&s, &m, out, sizeof(out));
	o = find(out, n, KL2TP_DHCP6_OPT_IA_NA, &len);
	CHECK(o && len == 12 + 6 && kl2tp_get_be32(o) == 5 &&
	      kl2tp_get_be16(o + 12) == KL2TP_DHCP6_OPT_STATUS_CODE &&
	      kl2tp_get_be16(o + 16) == KL2TP_DHCP6_NO_ADDRS_AVAIL);
	CHECK_EQ(kl2tp_dhcp6_parse(&r, out, n), 0);
	CHECK(r.pfx.len == 56);
	/* only an IA_NA: nothing to give */
	hm_msg(&m, KL2TP_DHCP6_SOLICIT, true, NULL, false, NULL);
	hm_opt(&m, KL2TP_DHCP6_OPT_IA_NA, ia_na, sizeof(ia_na));
	n = answer(&s, &m, out, sizeof(out));
	CHECK_EQ(kl2tp_dhcp6_parse(&r, out, n), 0);
	CHECK(r.status == KL2TP_DHCP6_NO_ADDRS_AVAIL && !r.n_ia_na);

	/* Information-Request: DNS, without asking, no Client Identifier */
	hm_init(&m, KL2TP_DHCP6_INFO_REQUEST);
	n = answer(&s, &m, out, sizeof(out));
	CHECK_EQ(kl2tp_dhcp6_parse(&r, out, n), 0);
	CHECK(r.type == KL2TP_DHCP6_REPLY && r.n_dns == 1 &&
	      !r.client_id_len && !r.n_ia_pd);
}

UNIT_TEST(t_malformed)
{
	static const u8 short_duid[1] = { 1 };
	u8 big[KL2TP_DHCP6_DUID_MAX + 1] = { 0 }, d[41] = { 0 };
	struct hm m = { { 0 }, 0 };

	CHECK_EQ(kl2tp_dhcp6_parse(&q, m.b, 3), -EINVAL);
	hm_init(&m, KL2TP_DHCP6_SOLICIT);
	CHECK_EQ(kl2tp_dhcp6_parse(&q, m.b, m.n), 0);	/* bare header */
	hm_opt(&m, KL2TP_DHCP6_OPT_CLIENTID, cduid, sizeof(cduid));
	CHECK_EQ(kl2tp_dhcp6_parse(&q, m.b, m.n - 1), -EINVAL);	/* overrun */
	CHECK_EQ(kl2tp_dhcp6_parse(&q, m.b, m.n + 3), -EINVAL);	/* 3 stray */
	hm_opt(&m, KL2TP_DHCP6_OPT_CLIENTID, cduid, sizeof(cduid));
	CHECK_EQ(kl2tp_dhcp6_parse(&q, m.b, m.n), -EINVAL);	/* twice */
	hm_init(&m, KL2TP_DHCP6_SOLICIT);
	hm_opt(&m, KL2TP_DHCP6_OPT_SERVERID, short_duid, 1);
	CHECK_EQ(kl2tp_dhcp6_parse(&q, m.b, m.n), -EINVAL);
	hm_init(&m, KL2TP_DHCP6_SOLICIT);
	hm_opt(&m, KL2TP_DHCP6_OPT_CLIENTID, big, sizeof(big));
	CHECK_EQ(kl2tp_dhcp6_parse(&q, m.b, m.n), -EINVAL);
	hm_init(&m, KL2TP_DHCP6_SOLICIT);
	hm_opt(&m, KL2TP_DHCP6_OPT_CLIENTID, big, sizeof(big) - 1);
	CHECK_EQ(kl2tp_dhcp6_parse(&q, m.b, m.n), 0);
	CHECK_EQ(q.client_id_len, KL2TP_DHCP6_DUID_MAX);
	/* IA_PD shorter than its fixed part, an IAPREFIX too short or /129 */
	hm_init(&m, KL2TP_DHCP6_SOLICIT);
	hm_opt(&m, KL2TP_DHCP6_OPT_IA_PD, d, 11);
	CHECK_EQ(kl2tp_dhcp6_parse(&q, m.b, m.n), -EINVAL);
	kl2tp_put_be16(d + 12, KL2TP_DHCP6_OPT_IAPREFIX);
	kl2tp_put_be16(d + 14, 24);
	hm_init(&m, KL2TP_DHCP6_SOLICIT);
	hm_opt(&m, KL2TP_DHCP6_OPT_IA_PD, d, 12 + 4 + 24);
	CHECK_EQ(kl2tp_dhcp6_parse(&q, m.b, m.n), -EINVAL);
	kl2tp_put_be16(d + 14, 25);
	d[24] = 129;
	hm_init(&m, KL2TP_DHCP6_SOLICIT);
	hm_opt(&m, KL2TP_DHCP6_OPT_IA_PD, d, 12 + 4 + 25);
	CHECK_EQ(kl2tp_dhcp6_parse(&q, m.b, m.n), -EINVAL);
	/* an IAPREFIX running past its IA_PD */
	d[24] = 56;
	hm_init(&m, KL2TP_DHCP6_SOLICIT);
	hm_opt(&m, KL2TP_DHCP6_OPT_IA_PD, d, 12 + 4 + 20);
	CHECK_EQ(kl2tp_dhcp6_parse(&q, m.b, m.n), -EINVAL);
	/* ORO of odd length, DNS not of 16-byte addresses, short status */
	hm_init(&m, KL2TP_DHCP6_SOLICIT);
	hm_opt(&m, KL2TP_DHCP6_OPT_ORO, d, 3);
	CHECK_EQ(kl2tp_dhcp6_parse(&q, m.b, m.n), -EINVAL);
	hm_init(&m, KL2TP_DHCP6_REPLY);
	hm_opt(&m, KL2TP_DHCP6_OPT_DNS_SERVERS, d, 15);
	CHECK_EQ(kl2tp_dhcp6_parse(&q, m.b, m.n), -EINVAL);
	hm_init(&m, KL2TP_DHCP6_REPLY);
	hm_opt(&m, KL2TP_DHCP6_OPT_STATUS_CODE, d, 1);
	CHECK_EQ(kl2tp_dhcp6_parse(&q, m.b, m.n), -EINVAL);
	hm_init(&m, KL2TP_DHCP6_SOLICIT);
	hm_opt(&m, KL2TP_DHCP6_OPT_IA_NA, d, 11);
	CHECK_EQ(kl2tp_dhcp6_parse(&q, m.b, m.n), -EINVAL);
}

/* Unknown options skipped; a prefix's bits beyond its length cleared. */
UNIT_TEST(t_lenient)
{
	static const u8 messy[16] = { 0x20, 0x01, 0x0d, 0xb8, 0x02, 0x00, 0x01,
				      0xff, [15] = 0xff };
	u8 dns3[48] = { 0 };
	struct hm m;

	hm_init(&m, KL2TP_DHCP6_REQUEST);
	hm_opt(&m, 999, "xyz", 3);
	hm_opt(&m, KL2TP_DHCP6_OPT_CLIENTID, cduid, sizeof(cduid));
	hm_ia_pd(&m, messy, 56);
	hm_ia_pd(&m, old56, 56);		/* a second one: counted */
	dns3[15] = 1;
	dns3[31] = 2;
	dns3[47] = 3;
	hm_opt(&m, KL2TP_DHCP6_OPT_DNS_SERVERS, dns3, sizeof(dns3));
	CHECK_EQ(kl2tp_dhcp6_parse(&q, m.b, m.n), 0);
	CHECK(q.client_id_len == sizeof(cduid) && q.n_ia_pd == 2);
	CHECK(q.pfx.len == 56 && !memcmp(q.pfx.prefix, pfx56, 16));
	CHECK(q.pfx.preferred == 100 && q.pfx.valid == 200);
	CHECK(q.n_dns == 2 && q.dns[1][15] == 2);
	/* a /0 is no prefix; a /57 keeps its 57th bit */
	hm_init(&m, KL2TP_DHCP6_REQUEST);
	hm_ia_pd(&m, messy, 0);
	CHECK_EQ(kl2tp_dhcp6_parse(&q, m.b, m.n), 0);
	CHECK(q.n_ia_pd == 1 && !q.pfx.len);
	hm_init(&m, KL2TP_DHCP6_REQUEST);
	hm_ia_pd(&m, messy, 57);
	CHECK_EQ(kl2tp_dhcp6_parse(&q, m.b, m.n), 0);
	CHECK(q.pfx.prefix[7] == 0x80 && q.pfx.prefix[6] == 0x01 &&
	      !q.pfx.prefix[15]);
}

/* Every buffer short of the answer is refused, the exact one taken. */
UNIT_TEST(t_nospace)
{
	struct kl2tp_dhcp6_client c = {
		.duid = cduid, .duid_len = sizeof(cduid), .iaid = 1,
	};
	struct kl2tp_dhcp6_server s;
	u8 out[512], buf[512];
	struct hm m;
	int n, cap, bad = 0;

	server(&s, true);
	hm_msg(&m, KL2TP_DHCP6_SOLICIT, true, NULL, false, NULL);
	hm_oro_dns(&m);
	hm_ia_pd(&m, NULL, 0);
	n = answer(&s, &m, out, sizeof(out));
	CHECK(n > 0);
	for (cap = 0; cap < n; cap++)
		if (kl2tp_dhcp6_answer(&s, &q, buf, cap) != -ENOSPC)
			bad++;
	CHECK_EQ(bad, 0);
	CHECK_EQ(kl2tp_dhcp6_answer(&s, &q, buf, n), n);
	CHECK(!memcmp(buf, out, n));
	n = kl2tp_dhcp6_client_build(&c, KL2TP_DHCP6_SOLICIT, xid, out,
				     sizeof(out));
	for (cap = 0; cap < n; cap++)
		if (kl2tp_dhcp6_client_build(&c, KL2TP_DHCP6_SOLICIT, xid, buf,
					     cap) != -ENOSPC)
			bad++;
	CHECK_EQ(bad, 0);
}

/* The UDP checksum another way: 32-bit words, folded once at the end. */
static u16 csum2(const u8 *src, const u8 *dst, const u8 *udp, size_t len)
{
	u8 b[1024] = { 0 };
	u64 sum = 0;
	size_t n = 40 + len, i;

	memcpy(b, src, 16);
	memcpy(b + 16, dst, 16);
	kl2tp_put_be32(b + 32, (u32)len);
	b[39] = 17;
	memcpy(b + 40, udp, len);
	b[40 + 6] = b[40 + 7] = 0;
	n = (n + 3) & ~(size_t)3;
	for (i = 0; i < n; i += 4)
		sum += kl2tp_get_be32(b + i);
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	sum = (u16)~sum;
	return sum ? (u16)sum : 0xffff;
}

UNIT_TEST(t_udp6)
{
	static const u8 src[16] = { 0xfe, 0x80, [8] = 2, [15] = 1 };
	static const u8 dst[16] = { 0xff, 0x02, [13] = 1, [15] = 2 };
	u8 pkt[KL2TP_DHCP6_PKT_MAX];
	const u8 *data;
	u16 sp, dp;
	size_t dl, n;
	int i;

	for (i = 0; i < 7; i++)
		pkt[KL2TP_UDP6_HDR_LEN + i] = (u8)(i * 37 + 1);
	n = kl2tp_udp6_build(pkt, src, dst, KL2TP_DHCP6_CLIENT_PORT,
			     KL2TP_DHCP6_SERVER_PORT, 7);
	CHECK_EQ(n, KL2TP_UDP6_HDR_LEN + 7);
	CHECK(pkt[0] == 0x60 && pkt[6] == 17 && pkt[7] == 255);
	CHECK_EQ(kl2tp_get_be16(pkt + 4), 15);
	CHECK_EQ(kl2tp_get_be16(pkt + 44), 15);
	CHECK_EQ(kl2tp_get_be16(pkt + 46), csum2(src, dst, pkt + 40, 15));
	CHECK_EQ(kl2tp_udp6_parse(pkt, n, &sp, &dp, &data, &dl), 0);
	CHECK(sp == 546 && dp == 547 && dl == 7 && data == pkt + 48 &&
	      data[6] == 6 * 37 + 1);
	/* one byte changed; a length that disagrees; no checksum; not UDP */
	pkt[50] ^= 1;
	CHECK_EQ(kl2tp_udp6_parse(pkt, n, &sp, &dp, &data, &dl), -EINVAL);
	pkt[50] ^= 1;
	CHECK_EQ(kl2tp_udp6_parse(pkt, n - 1, &sp, &dp, &data, &dl), -EINVAL);
	kl2tp_put_be16(pkt + 44, 14);
	CHECK_EQ(kl2tp_udp6_parse(pkt, n, &sp, &dp, &data, &dl), -EINVAL);
	kl2tp_put_be16(pkt + 44, 15);
	CHECK_EQ(kl2tp_udp6_parse(pkt, n, &sp, &dp, &data, &dl), 0);
	pkt[46] = pkt[47] = 0;
	CHECK_EQ(kl2tp_udp6_parse(pkt, n, &sp, &dp, &data, &dl), -EINVAL);
	n = kl2tp_udp6_build(pkt, src, dst, 546, 547, 7);
	pkt[6] = 58;
	CHECK_EQ(kl2tp_udp6_parse(pkt, n, &sp, &dp, &data, &dl), -EINVAL);
	CHECK_EQ(kl2tp_udp6_parse(pkt, 47, &sp, &dp, &data, &dl), -EINVAL);
}

UNIT_MAIN(UNIT_CASE(t_solicit_advertise), UNIT_CASE(t_rapid_commit_round_trip),
	  UNIT_CASE(t_discards), UNIT_CASE(t_renew_other_prefix),
	  UNIT_CASE(t_parse_withdrawn_first),
	  UNIT_CASE(t_no_prefix_ia_na_info), UNIT_CASE(t_malformed),
	  UNIT_CASE(t_lenient), UNIT_CASE(t_nospace), UNIT_CASE(t_udp6))
