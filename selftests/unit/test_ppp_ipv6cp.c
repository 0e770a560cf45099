// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of IPV6CP (kernel/proto/ppp_ipv6cp.c, RFC 5072 4.1): our
 * Interface-Identifier (configured, or random with its "u" bit clear and
 * never zero, even from a source of zeros), kept across a renegotiation;
 * the peer's Acked when it differs, Nak'd when zero, equal to ours or
 * absent (never with the suggestion of our last Nak), Rejected when both
 * are zero or given twice; Naks of ours (the suggestion taken unless it
 * is ours to the peer, a malformed Nak changing nothing, none after a
 * Reject); options we do not run; two ends converging on a unique pair
 * from equal identifiers.
 */
#include "ppp_cp.h"
#include "ppp_ipv6cp.h"

struct env {
	struct cp_end end;		/* first: the callbacks' ctx and owner */
	struct kl2tp_ppp_ipv6cp c;
	u8 seed;			/* the random bytes: seed, seed + 1, ... */
	u8 zeros;			/* random calls left that give zeros */
};

static void env_random(void *ctx, void *buf, size_t len)
{
	struct env *e = ctx;
	u8 *p = buf;
	size_t i;

	if (e->zeros) {
		e->zeros--;
		memset(buf, 0, len);
		return;
	}
	for (i = 0; i < len; i++)
		p[i] = e->seed++;
}

static const u8 iid_a[8] = { 0x02, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77 };
static const u8 iid_b[8] = { 0x0a, 0xbb, 0xcc, 0xdd, 0xee, 0xff, 0x00, 0x01 };
static const u8 iid_0[8];

static void env_init(struct env *e, const u8 *iid, u8 seed)
{
	struct kl2tp_ppp_ipv6cp_cfg cfg;

	memset(e, 0, sizeof(*e));
	cp_end_init(&e->end, env_random);
	memset(&cfg, 0, sizeof(cfg));
	if (iid)
		memcpy(cfg.iid, iid, 8);
	e->seed = seed;
	e->end.fsm = &e->c.fsm;
	CHECK_EQ(kl2tp_ppp_ipv6cp_init(&e->c, &cfg, &cp_ops, e, &e->end.io,
				       NULL), 0);
}

static void start(struct env *e)
{
	cp_start(&e->c.fsm);
}

static int feed(struct env *e, u8 code, u8 id, const void *data, size_t len)
{
	return cp_feed(&e->c.fsm, code, id, data, len);
}

/* An Interface-Identifier option of @iid into @o: its length. */
static size_t opt_iid(u8 *o, const u8 *iid)
{
	o[0] = KL2TP_PPP_IPV6CP_IID;
	o[1] = 10;
	memcpy(o + 2, iid, 8);
	return 10;
}

/* The last frame sent: IPV6CP @code carrying one Interface-Identifier. */
static const u8 *last_iid(struct env *e, u8 code)
{
	CHECK_EQ(kl2tp_get_be16(e->end.last + 2), KL2TP_PPP_IPV6CP);
	CHECK_EQ(e->end.last[4], code);
	CHECK_EQ(kl2tp_get_be16(e->end.last + 6), 14);
	CHECK_EQ(e->end.last[8], KL2TP_PPP_IPV6CP_IID);
	CHECK_EQ(e->end.last[9], 10);
	return e->end.last + 10;
}

UNIT_TEST(t_request)
{
	static struct env e;
	const u8 *v;

	env_init(&e, iid_a, 0);
	start(&e);
	CHECK(!memcmp(last_iid(&e, KL2TP_PPP_CONF_REQ), iid_a, 8));

	/* none configured: random, and a zero draw is drawn again */
	env_init(&e, NULL, 0x40);
	e.zeros = 1;
	start(&e);
	v = last_iid(&e, KL2TP_PPP_CONF_REQ);
	CHECK(memcmp(v, iid_0, 8));
	CHECK_EQ(v[0], 0x40);
}

UNIT_TEST(t_peer)
{
	static struct env e;
	u8 o[16], ours[8], peer[8];
	const u8 *v;
	size_t n;

	env_init(&e, iid_a, 0x10);
	start(&e);

	/* different and not zero: Acked */
	n = opt_iid(o, iid_b);
	feed(&e, KL2TP_PPP_CONF_REQ, 1, o, n);
	CHECK(!memcmp(last_iid(&e, KL2TP_PPP_CONF_ACK), iid_b, 8));

	/* zero: Nak'd with one that is neither zero nor ours */
	n = opt_iid(o, iid_0);
	feed(&e, KL2TP_PPP_CONF_REQ, 2, o, n);
	v = last_iid(&e, KL2TP_PPP_CONF_NAK);
	CHECK(memcmp(v, iid_0, 8) && memcmp(v, iid_a, 8));

	/* ours: the same */
	n = opt_iid(o, iid_a);
	feed(&e, KL2TP_PPP_CONF_REQ, 3, o, n);
	v = last_iid(&e, KL2TP_PPP_CONF_NAK);
	CHECK(memcmp(v, iid_0, 8) && memcmp(v, iid_a, 8));

	/* the suggestion taken: Acked, and once ours is Acked, Opened */
	n = opt_iid(o, v);
	memcpy(peer, v, 8);
	feed(&e, KL2TP_PPP_CONF_REQ, 4, o, n);
	last_iid(&e, KL2TP_PPP_CONF_ACK);
	n = opt_iid(o, iid_a);
	feed(&e, KL2TP_PPP_CONF_ACK, e.c.fsm.reqid, o, n);
	CHECK_EQ(e.c.fsm.state, KL2TP_PPP_OPENED);
	CHECK_EQ(e.end.ups, 1);
	memset(ours, 0, 8);
	CHECK_EQ(kl2tp_ppp_ipv6cp_result(&e.c, ours, o), 0);
	CHECK(!memcmp(ours, iid_a, 8));
	CHECK(!memcmp(o, peer, 8));
}

UNIT_TEST(t_rejects)
{
	static const u8 comp[] = { 2, 4, 0x00, 0x4f };
	static const u8 unknown[] = { 0x99, 2 };
	static const u8 short_iid[] = { 1, 9, 1, 2, 3, 4, 5, 6, 7 };
	static const u8 long_iid[] = { 1, 11, 1, 2, 3, 4, 5, 6, 7, 8, 9 };
	static const u8 *const cases[] = { comp, unknown, short_iid, long_iid };
	static const size_t lens[] = { sizeof(comp), sizeof(unknown),
				       sizeof(short_iid), sizeof(long_iid) };
	static struct env e;
	u8 o[16];
	size_t i, n;

	env_init(&e, iid_a, 0);
	start(&e);
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		feed(&e, KL2TP_PPP_CONF_REQ, (u8)(10 + i), cases[i], lens[i]);
		CHECK_EQ(e.end.last[4], KL2TP_PPP_CONF_REJ);
		CHECK_EQ(kl2tp_get_be16(e.end.last + 6), 4 + lens[i]);
		CHECK(!memcmp(e.end.last + 8, cases[i], lens[i]));
	}

	/* the peer Rejects ours: we stop asking ... */
	n = opt_iid(o, iid_a);
	feed(&e, KL2TP_PPP_CONF_REJ, e.c.fsm.reqid, o, n);
	CHECK_EQ(e.end.last[4], KL2TP_PPP_CONF_REQ);
	CHECK_EQ(kl2tp_get_be16(e.end.last + 6), 4);
	/* ... and both zero: its zero identifier Rejected (RFC 5072 4.1) */
	n = opt_iid(o, iid_0);
	feed(&e, KL2TP_PPP_CONF_REQ, 20, o, n);
	CHECK(!memcmp(last_iid(&e, KL2TP_PPP_CONF_REJ), iid_0, 8));
	/* a non-zero one is still Acked: Opened without a unique pair */
	n = opt_iid(o, iid_b);
	feed(&e, KL2TP_PPP_CONF_REQ, 21, o, n);
	last_iid(&e, KL2TP_PPP_CONF_ACK);
	feed(&e, KL2TP_PPP_CONF_ACK, e.c.fsm.reqid, NULL, 0);
	CHECK_EQ(e.c.fsm.state, KL2TP_PPP_OPENED);
	CHECK_EQ(kl2tp_ppp_ipv6cp_result(&e.c, o, o + 8), -ENOENT);
	CHECK(!memcmp(o, iid_0, 8));
	CHECK(!memcmp(o + 8, iid_b, 8));
}

UNIT_TEST(t_nak)
{
	static const u8 bad_len[] = { 1, 6, 1, 2, 3, 4 };
	static struct env e;
	u8 o[16];
	const u8 *v;
	size_t n;

	env_init(&e, iid_a, 0x20);
	start(&e);
	/* the peer's b Acked, so b is the peer's */
	n = opt_iid(o, iid_b);
	feed(&e, KL2TP_PPP_CONF_REQ, 1, o, n);
	last_iid(&e, KL2TP_PPP_CONF_ACK);

	/* a Nak with a suggestion: we take it */
	static const u8 sug[8] = { 0x12, 0, 0, 0, 0, 0, 0, 0x34 };

	n = opt_iid(o, sug);
	feed(&e, KL2TP_PPP_CONF_NAK, e.c.fsm.reqid, o, n);
	CHECK(!memcmp(last_iid(&e, KL2TP_PPP_CONF_REQ), sug, 8));
	/* a Nak suggesting zero: a new random one, not zero */
	n = opt_iid(o, iid_0);
	feed(&e, KL2TP_PPP_CONF_NAK, e.c.fsm.reqid, o, n);
	v = last_iid(&e, KL2TP_PPP_CONF_REQ);
	CHECK(memcmp(v, iid_0, 8) && memcmp(v, sug, 8));
	CHECK_EQ(v[0], 0x20);
	/* a Nak suggesting the peer's own: not taken */
	n = opt_iid(o, iid_b);
	feed(&e, KL2TP_PPP_CONF_NAK, e.c.fsm.reqid, o, n);
	v = last_iid(&e, KL2TP_PPP_CONF_REQ);
	CHECK(memcmp(v, iid_b, 8) && memcmp(v, iid_0, 8));
	/* a malformed Nak is dropped: no new request */
	n = e.end.nsent;
	feed(&e, KL2TP_PPP_CONF_NAK, e.c.fsm.reqid, bad_len, sizeof(bad_len));
	CHECK_EQ(e.end.nsent, (int)n);
}

/*
 * Two ends back to back, each with @iid_x (NULL: random, from @seed_x;
 * the client's random bytes from 0x80 on after its first identifier).
 */
static void pair(const u8 *iid_s, u8 seed_s, const u8 *iid_c, u8 seed_c)
{
	static struct env s, c;
	u8 so[8], sp[8], co[8], cp[8];

	env_init(&s, iid_s, seed_s);
	env_init(&c, iid_c, seed_c);
	s.end.peer = &c.end;
	c.end.peer = &s.end;
	start(&s);
	start(&c);
	c.seed = 0x80;
	cp_pump(&s.end, &c.end, 40);
	CHECK_EQ(s.c.fsm.state, KL2TP_PPP_OPENED);
	CHECK_EQ(c.c.fsm.state, KL2TP_PPP_OPENED);
	CHECK_EQ(kl2tp_ppp_ipv6cp_result(&s.c, so, sp), 0);
	CHECK_EQ(kl2tp_ppp_ipv6cp_result(&c.c, co, cp), 0);
	CHECK(!memcmp(so, cp, 8));
	CHECK(!memcmp(sp, co, 8));
	CHECK(memcmp(so, sp, 8));
}

UNIT_TEST(t_pair)
{
	pair(iid_a, 1, iid_b, 2);	/* different: Acked at once */
	pair(iid_a, 1, iid_a, 2);	/* the same configured identifier */
	pair(NULL, 7, NULL, 7);		/* the same random first draw */
}

UNIT_TEST(t_draws)
{
	static struct env e;
	const u8 *v;

	/* the "u" bit of a random identifier is cleared */
	env_init(&e, NULL, 0x02);
	start(&e);
	v = last_iid(&e, KL2TP_PPP_CONF_REQ);
	CHECK_EQ(v[0], 0x00);
	CHECK_EQ(v[1], 0x03);
	/* a source that only gives zeros: still a valid identifier */
	memset(&e, 0, sizeof(e));
	e.zeros = 8;
	cp_end_init(&e.end, env_random);
	e.end.fsm = &e.c.fsm;
	{
		struct kl2tp_ppp_ipv6cp_cfg cfg = { { 0 } };

		CHECK_EQ(kl2tp_ppp_ipv6cp_init(&e.c, &cfg, &cp_ops, &e,
					       &e.end.io, NULL), 0);
	}
	start(&e);
	v = last_iid(&e, KL2TP_PPP_CONF_REQ);
	CHECK_EQ(v[7], 1);
	CHECK(!memcmp(v, iid_0, 7));
}

UNIT_TEST(t_request_rules)
{
	static struct env e;
	u8 o[32], first[8];
	const u8 *v;
	size_t n;

	env_init(&e, iid_a, 0x30);
	start(&e);
	/* two identifiers: the second Rejected */
	n = opt_iid(o, iid_b);
	n += opt_iid(o + n, iid_b);
	feed(&e, KL2TP_PPP_CONF_REQ, 1, o, n);
	CHECK(!memcmp(last_iid(&e, KL2TP_PPP_CONF_REJ), iid_b, 8));
	/* none: a Nak suggests one, neither zero nor ours */
	feed(&e, KL2TP_PPP_CONF_REQ, 2, NULL, 0);
	v = last_iid(&e, KL2TP_PPP_CONF_NAK);
	CHECK(memcmp(v, iid_0, 8) && memcmp(v, iid_a, 8));
	memcpy(first, v, 8);
	/* ours again: Nak'd, with another suggestion than the last */
	n = opt_iid(o, iid_a);
	feed(&e, KL2TP_PPP_CONF_REQ, 3, o, n);
	v = last_iid(&e, KL2TP_PPP_CONF_NAK);
	CHECK(memcmp(v, first, 8) && memcmp(v, iid_a, 8));
}

UNIT_TEST(t_nak_rules)
{
	static const u8 sug[8] = { 0x12, 0, 0, 0, 0, 0, 0, 0x34 };
	static struct env e;
	u8 o[32], hint[8];
	const u8 *v;
	size_t n;

	env_init(&e, iid_a, 0x50);
	start(&e);
	/* a Nak whose second option is malformed changes nothing */
	n = opt_iid(o, sug);
	o[n++] = KL2TP_PPP_IPV6CP_IID;
	o[n++] = 4;
	o[n++] = 1;
	o[n++] = 2;
	feed(&e, KL2TP_PPP_CONF_NAK, e.c.fsm.reqid, o, n);
	CHECK(!memcmp(e.c.ours, iid_a, 8));
	/* the peer's zero identifier Nak'd: we remember our suggestion ... */
	n = opt_iid(o, iid_0);
	feed(&e, KL2TP_PPP_CONF_REQ, 1, o, n);
	memcpy(hint, last_iid(&e, KL2TP_PPP_CONF_NAK), 8);
	/* ... and a Nak suggesting it to us is not taken */
	n = opt_iid(o, hint);
	feed(&e, KL2TP_PPP_CONF_NAK, e.c.fsm.reqid, o, n);
	v = last_iid(&e, KL2TP_PPP_CONF_REQ);
	CHECK(memcmp(v, hint, 8) && memcmp(v, iid_0, 8));
	/* the peer Rejects ours: a later Nak does not bring it back */
	n = opt_iid(o, v);
	feed(&e, KL2TP_PPP_CONF_REJ, e.c.fsm.reqid, o, n);
	CHECK_EQ(kl2tp_get_be16(e.end.last + 6), 4);
	n = opt_iid(o, sug);
	feed(&e, KL2TP_PPP_CONF_NAK, e.c.fsm.reqid, o, n);
	CHECK_EQ(e.end.last[4], KL2TP_PPP_CONF_REQ);
	CHECK_EQ(kl2tp_get_be16(e.end.last + 6), 4);
}

UNIT_TEST(t_renegotiate)
{
	static const u8 sug[8] = { 0x12, 0, 0, 0, 0, 0, 0, 0x34 };
	static struct env e;
	u8 o[16];
	size_t n;

	env_init(&e, iid_a, 0x60);
	start(&e);
	n = opt_iid(o, sug);
	feed(&e, KL2TP_PPP_CONF_NAK, e.c.fsm.reqid, o, n);
	n = opt_iid(o, iid_b);
	feed(&e, KL2TP_PPP_CONF_REQ, 1, o, n);
	n = opt_iid(o, sug);
	feed(&e, KL2TP_PPP_CONF_ACK, e.c.fsm.reqid, o, n);
	CHECK_EQ(e.c.fsm.state, KL2TP_PPP_OPENED);
	/* the peer starts again: ours is still the negotiated one */
	n = opt_iid(o, iid_b);
	feed(&e, KL2TP_PPP_CONF_REQ, 2, o, n);
	CHECK_EQ(e.c.fsm.state, KL2TP_PPP_ACK_SENT);
	CHECK(!memcmp(e.c.ours, sug, 8));
	CHECK_EQ(e.end.nsent, 5);	/* Req, Req, Ack, then Req and Ack */
}

UNIT_TEST(t_init)
{
	struct kl2tp_ppp_ipv6cp_cfg cfg;
	struct kl2tp_ppp_ipv6cp c;
	struct kl2tp_ppp_io io;

	memset(&io, 0, sizeof(io));
	memset(&cfg, 0, sizeof(cfg));
	CHECK_EQ(kl2tp_ppp_ipv6cp_init(&c, &cfg, &cp_ops, NULL, &io, NULL),
		 -EINVAL);
	CHECK_EQ(kl2tp_ppp_ipv6cp_init(&c, &cfg, &cp_ops, NULL, NULL, NULL),
		 -EINVAL);
}

UNIT_MAIN(UNIT_CASE(t_request), UNIT_CASE(t_peer), UNIT_CASE(t_rejects),
	  UNIT_CASE(t_nak), UNIT_CASE(t_draws), UNIT_CASE(t_request_rules),
	  UNIT_CASE(t_nak_rules), UNIT_CASE(t_renegotiate), UNIT_CASE(t_pair),
	  UNIT_CASE(t_init))
