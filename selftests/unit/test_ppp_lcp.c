// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of LCP (kernel/proto/ppp_lcp.c): the Configure-Request we
 * build, judging the peer's options (good, truncated, oversized,
 * zero-length, wrong length, unknown), the authentication method walk on
 * Nak, Rejects, Magic-Number loopback detection on a looped link, Echo with
 * magic checks, Discard, Protocol-Reject and Code-Reject; proxy LCP
 * (RFC 2661): what is taken, what is refused, and the Opened state it
 * leaves.
 */
#include "ppp_cp.h"
#include "ppp_lcp.h"

struct env {
	struct kl2tp_ppp_io io;
	struct kl2tp_ppp_lcp l;
	u8 tx[1600];
	u8 last[1600];
	size_t last_len;
	int nsent;
	int ups, downs, fins;
	u16 rejected;
	u32 rnd;
	bool loop;			/* queue our frames to ourselves */
	u8 q[16][64];
	size_t qlen[16];
	int qn;
};

static void env_send(void *ctx, const u8 *frame, size_t len)
{
	struct env *e = ctx;

	e->nsent++;
	e->last_len = len;
	memcpy(e->last, frame, len);
	if (e->loop && e->qn < 16 && len <= 64) {
		memcpy(e->q[e->qn], frame, len);
		e->qlen[e->qn++] = len;
	}
}

static void env_random(void *ctx, void *buf, size_t len)
{
	struct env *e = ctx;
	u8 *p = buf;

	while (len--) {
		e->rnd = e->rnd * 1103515245 + 12345;
		*p++ = e->rnd >> 16;
	}
}

static void ev_up(struct kl2tp_ppp_fsm *f, u64 now)
{
	((struct env *)f->owner)->ups++;
}

static void ev_down(struct kl2tp_ppp_fsm *f, u64 now)
{
	((struct env *)f->owner)->downs++;
}

static void ev_fin(struct kl2tp_ppp_fsm *f, u64 now)
{
	((struct env *)f->owner)->fins++;
}

static const struct kl2tp_ppp_fsm_ops ops = {
	.up = ev_up,
	.down = ev_down,
	.finished = ev_fin,
};

static void proto_rej(struct kl2tp_ppp_lcp *l, u64 now, u16 proto)
{
	((struct env *)l->fsm.owner)->rejected = proto;
}

static void cfg_server(struct kl2tp_ppp_lcp_cfg *c)
{
	memset(c, 0, sizeof(*c));
	c->mru = 1400;
	c->auth[0] = KL2TP_PPP_AUTH_MSCHAPV2;
	c->auth[1] = KL2TP_PPP_AUTH_CHAP_MD5;
	c->auth[2] = KL2TP_PPP_AUTH_PAP;
	c->n_auth = 3;
}

static void cfg_client(struct kl2tp_ppp_lcp_cfg *c)
{
	memset(c, 0, sizeof(*c));
	c->peer_auth[0] = KL2TP_PPP_AUTH_PAP;
	c->peer_auth[1] = KL2TP_PPP_AUTH_CHAP_MD5;
	c->n_peer_auth = 2;
	c->pfc = true;
	c->acfc = true;
}

/* Opened administratively, the lower layer not up yet: Starting. */
static void env_starting(struct env *e, const struct kl2tp_ppp_lcp_cfg *c)
{
	memset(e, 0, sizeof(*e));
	e->rnd = 1;
	e->io.tx = e->tx;
	e->io.tx_cap = sizeof(e->tx);
	e->io.peer_mru = 1500;
	e->io.send = env_send;
	e->io.random = env_random;
	e->io.ctx = e;
	CHECK_EQ(kl2tp_ppp_lcp_init(&e->l, c, &ops, e, &e->io, NULL), 0);
	e->l.proto_rej = proto_rej;
	kl2tp_ppp_fsm_open(&e->l.fsm, 0);
}

static void env_init(struct env *e, const struct kl2tp_ppp_lcp_cfg *c)
{
	env_starting(e, c);
	kl2tp_ppp_fsm_up(&e->l.fsm, 0);
}

static int feed(struct env *e, u8 code, u8 id, const void *data, size_t len)
{
	return cp_feed(&e->l.fsm, code, id, data, len);
}

/* The options of the last frame sent, and its code. */
static const u8 *last_opts(struct env *e, u8 *code, size_t *len)
{
	*code = e->last[4];
	*len = kl2tp_get_be16(e->last + 6) - 4;
	return e->last + 8;
}

UNIT_TEST(t_request)
{
	struct kl2tp_ppp_lcp_cfg c;
	struct env e;
	size_t len;
	u8 code;
	const u8 *o;

	cfg_server(&c);
	env_init(&e, &c);
	o = last_opts(&e, &code, &len);
	CHECK_EQ(kl2tp_get_be16(e.last + 2), KL2TP_PPP_LCP);
	CHECK_EQ(code, KL2TP_PPP_CONF_REQ);
	CHECK_EQ(len, 4 + 5 + 6);
	CHECK_EQ(o[0], KL2TP_PPP_LCP_MRU);
	CHECK_EQ(kl2tp_get_be16(o + 2), 1400);
	CHECK_EQ(o[4], KL2TP_PPP_LCP_AUTH);
	CHECK_EQ(o[5], 5);
	CHECK_EQ(kl2tp_get_be16(o + 6), KL2TP_PPP_CHAP);
	CHECK_EQ(o[8], 0x81);
	CHECK_EQ(o[9], KL2TP_PPP_LCP_MAGIC);
	CHECK(kl2tp_get_be32(o + 11) == e.l.magic && e.l.magic);

	cfg_client(&c);
	c.no_magic = true;
	c.mru = 1500;			/* the default: not requested */
	env_init(&e, &c);
	o = last_opts(&e, &code, &len);
	CHECK_EQ(len, 4);
	CHECK_EQ(o[0], KL2TP_PPP_LCP_PFC);
	CHECK_EQ(o[2], KL2TP_PPP_LCP_ACFC);
}

UNIT_TEST(t_peer_options)
{
	static const u8 good[] = {
		1, 4, 0x05, 0xd4,		/* MRU 1492 */
		2, 6, 0, 0, 0, 0,		/* ACCM */
		3, 4, 0xc0, 0x23,		/* PAP */
		5, 6, 0x11, 0x22, 0x33, 0x44,	/* Magic */
		7, 2, 8, 2,			/* PFC, ACFC */
	};
	struct kl2tp_ppp_lcp_cfg c;
	struct env e;
	size_t len;
	u8 code;
	const u8 *o;

	cfg_client(&c);
	env_init(&e, &c);
	CHECK_EQ(feed(&e, KL2TP_PPP_CONF_REQ, 1, good, sizeof(good)), 0);
	o = last_opts(&e, &code, &len);
	CHECK_EQ(code, KL2TP_PPP_CONF_ACK);
	CHECK_EQ(len, sizeof(good));
	CHECK_MEM(o, good, sizeof(good));
	CHECK_EQ(e.l.peer_mru, 1492);
	CHECK_EQ(e.l.peer_auth, KL2TP_PPP_AUTH_PAP);
	CHECK_EQ(e.l.peer_magic, 0x11223344);
	CHECK_EQ(e.l.peer_accm, 0);
	CHECK(e.l.peer_pfc && e.l.peer_acfc);

	/* Without compression configured, PFC and ACFC are Rejected. */
	c.pfc = false;
	c.acfc = false;
	env_init(&e, &c);
	feed(&e, KL2TP_PPP_CONF_REQ, 1, good, sizeof(good));
	o = last_opts(&e, &code, &len);
	CHECK_EQ(code, KL2TP_PPP_CONF_REJ);
	CHECK_EQ(len, 4);
	CHECK_MEM(o, good + sizeof(good) - 4, 4);
	CHECK(!e.l.peer_pfc);
}

struct judged {
	const char *what;
	u8 opt[12];
	u8 len;
	u8 code;		/* the reply */
	u8 reply[12];		/* its options, when a Nak */
	u8 reply_len;
};

UNIT_TEST(t_judge)
{
	static const struct judged cases[] = {
		{ "MRU too small", { 1, 4, 0, 64 }, 4, KL2TP_PPP_CONF_NAK,
		  { 1, 4, 0, 128 }, 4 },
		{ "MRU minimum", { 1, 4, 0, 128 }, 4, KL2TP_PPP_CONF_ACK, { 0 }, 0 },
		{ "MRU big", { 1, 4, 0xff, 0xff }, 4, KL2TP_PPP_CONF_ACK, { 0 }, 0 },
		{ "MRU short", { 1, 3, 5 }, 3, KL2TP_PPP_CONF_REJ, { 0 }, 0 },
		{ "MRU long", { 1, 5, 5, 0, 0 }, 5, KL2TP_PPP_CONF_REJ, { 0 }, 0 },
		{ "ACCM short", { 2, 4, 0, 0 }, 4, KL2TP_PPP_CONF_REJ, { 0 }, 0 },
		{ "Magic short", { 5, 4, 1, 2 }, 4, KL2TP_PPP_CONF_REJ, { 0 }, 0 },
		{ "Magic zero", { 5, 6, 0, 0, 0, 0 }, 6, KL2TP_PPP_CONF_NAK, { 0 }, 0 },
		{ "PFC with data", { 7, 3, 0 }, 3, KL2TP_PPP_CONF_REJ, { 0 }, 0 },
		{ "Auth CHAP-MD5", { 3, 5, 0xc2, 0x23, 5 }, 5,
		  KL2TP_PPP_CONF_ACK, { 0 }, 0 },
		{ "Auth MS-CHAPv2", { 3, 5, 0xc2, 0x23, 0x81 }, 5,
		  KL2TP_PPP_CONF_NAK, { 3, 4, 0xc0, 0x23 }, 4 },
		{ "Auth MS-CHAPv1", { 3, 5, 0xc2, 0x23, 0x80 }, 5,
		  KL2TP_PPP_CONF_NAK, { 3, 4, 0xc0, 0x23 }, 4 },
		{ "Auth EAP", { 3, 4, 0xc2, 0x27 }, 4, KL2TP_PPP_CONF_NAK,
		  { 3, 4, 0xc0, 0x23 }, 4 },
		{ "Auth PAP with data", { 3, 5, 0xc0, 0x23, 0 }, 5,
		  KL2TP_PPP_CONF_NAK, { 3, 4, 0xc0, 0x23 }, 4 },
		{ "Auth empty", { 3, 2 }, 2, KL2TP_PPP_CONF_REJ, { 0 }, 0 },
		{ "Auth short", { 3, 3, 0xc0 }, 3, KL2TP_PPP_CONF_REJ, { 0 }, 0 },
		{ "Quality", { 4, 8, 0xc0, 0x25, 0, 0, 0, 1 }, 8,
		  KL2TP_PPP_CONF_REJ, { 0 }, 0 },
		{ "unknown", { 0x42, 2 }, 2, KL2TP_PPP_CONF_REJ, { 0 }, 0 },
		{ "type 0", { 0, 3, 1 }, 3, KL2TP_PPP_CONF_REJ, { 0 }, 0 },
	};
	struct kl2tp_ppp_lcp_cfg c;
	struct env e;
	size_t i, len;
	u8 code;
	const u8 *o;

	cfg_client(&c);
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		const struct judged *j = &cases[i];
		int ok;

		env_init(&e, &c);
		feed(&e, KL2TP_PPP_CONF_REQ, 9, j->opt, j->len);
		o = last_opts(&e, &code, &len);
		ok = code == j->code && e.last[5] == 9;
		if (code == KL2TP_PPP_CONF_REJ || code == KL2TP_PPP_CONF_ACK)
			ok = ok && len == j->len && !memcmp(o, j->opt, len);
		if (code == KL2TP_PPP_CONF_NAK && j->reply_len)
			ok = ok && len == j->reply_len &&
			     !memcmp(o, j->reply, len);
		if (!ok)
			fprintf(stderr, "  %s: code %d len %zu\n", j->what,
				code, len);
		CHECK(ok);
	}

	/* Magic zero: Nak'd with a non-zero value. */
	env_init(&e, &c);
	feed(&e, KL2TP_PPP_CONF_REQ, 9, cases[7].opt, 6);
	o = last_opts(&e, &code, &len);
	CHECK_EQ(len, 6);
	CHECK(kl2tp_get_be32(o + 2) != 0);

	/* We accept no authentication at all: Reject. */
	c.n_peer_auth = 0;
	env_init(&e, &c);
	feed(&e, KL2TP_PPP_CONF_REQ, 9, cases[9].opt, 5);
	o = last_opts(&e, &code, &len);
	CHECK_EQ(code, KL2TP_PPP_CONF_REJ);
}

/* Malformed option lists: the whole request is dropped. */
UNIT_TEST(t_malformed)
{
	static const u8 zero[] = { 1, 4, 5, 0xdc, 7, 0 };
	static const u8 one[] = { 1, 4, 5, 0xdc, 8, 1 };
	static const u8 over[] = { 1, 4, 5, 0xdc, 5, 7, 1, 2, 3, 4 };
	static const u8 half[] = { 1, 4, 5, 0xdc, 5 };
	u8 pkt[16] = { 1, 1, 0, 12, 1, 4, 5, 0xdc };
	struct kl2tp_ppp_lcp_cfg c;
	struct env e;

	cfg_client(&c);
	env_init(&e, &c);
	e.nsent = 0;
	CHECK_EQ(feed(&e, KL2TP_PPP_CONF_REQ, 1, zero, sizeof(zero)),
		 -EBADMSG);
	CHECK_EQ(feed(&e, KL2TP_PPP_CONF_REQ, 1, one, sizeof(one)), -EBADMSG);
	CHECK_EQ(feed(&e, KL2TP_PPP_CONF_REQ, 1, over, sizeof(over)),
		 -EBADMSG);
	CHECK_EQ(feed(&e, KL2TP_PPP_CONF_REQ, 1, half, sizeof(half)),
		 -EBADMSG);
	/* Length field beyond the frame; shorter than the header. */
	CHECK_EQ(kl2tp_ppp_fsm_input(&e.l.fsm, 0, pkt, 8), -EBADMSG);
	kl2tp_put_be16(pkt + 2, 2);
	CHECK_EQ(kl2tp_ppp_fsm_input(&e.l.fsm, 0, pkt, 8), -EBADMSG);
	/* Padding past Length is ignored. */
	kl2tp_put_be16(pkt + 2, 8);
	CHECK_EQ(kl2tp_ppp_fsm_input(&e.l.fsm, 0, pkt, sizeof(pkt)), 0);
	CHECK_EQ(e.nsent, 1);
	CHECK_EQ(e.last[4], KL2TP_PPP_CONF_ACK);
	CHECK_EQ(kl2tp_get_be16(e.last + 6), 8);

	/* A Nak of ours with a wrong-length known option is dropped. */
	cfg_server(&c);
	env_init(&e, &c);
	CHECK_EQ(feed(&e, KL2TP_PPP_CONF_NAK, e.l.fsm.reqid, one, 4 + 0),
		 0);
	CHECK_EQ(feed(&e, KL2TP_PPP_CONF_NAK, e.l.fsm.reqid,
		      (const u8[]){ 5, 4, 1, 2 }, 4), -EPROTO);
}

/* As authenticator: walk down the list on Nak, fail when it is empty. */
UNIT_TEST(t_auth_walk)
{
	static const u8 nak_pap[] = { 3, 4, 0xc0, 0x23 };
	static const u8 nak_md5[] = { 3, 5, 0xc2, 0x23, 5 };
	static const u8 nak_ms[] = { 3, 5, 0xc2, 0x23, 0x81 };
	static const u8 nak_eap[] = { 3, 4, 0xc2, 0x27 };
	struct kl2tp_ppp_lcp_cfg c;
	struct env e;

	cfg_server(&c);
	env_init(&e, &c);
	CHECK_EQ(e.l.want_auth, KL2TP_PPP_AUTH_MSCHAPV2);
	/* The peer suggests PAP: ours, untried: take it. */
	feed(&e, KL2TP_PPP_CONF_NAK, e.l.fsm.reqid, nak_pap, sizeof(nak_pap));
	CHECK_EQ(e.l.want_auth, KL2TP_PPP_AUTH_PAP);
	CHECK_EQ(e.last[4], KL2TP_PPP_CONF_REQ);
	CHECK_MEM(e.last + 8 + 4, nak_pap, sizeof(nak_pap));
	/* MS-CHAPv2 again: tried; the next untried is CHAP-MD5. */
	feed(&e, KL2TP_PPP_CONF_NAK, e.l.fsm.reqid, nak_ms, sizeof(nak_ms));
	CHECK_EQ(e.l.want_auth, KL2TP_PPP_AUTH_CHAP_MD5);
	CHECK_EQ(e.l.fsm.state, KL2TP_PPP_REQ_SENT);
	/* Nothing left. */
	feed(&e, KL2TP_PPP_CONF_NAK, e.l.fsm.reqid, nak_md5, sizeof(nak_md5));
	CHECK_EQ(e.l.fsm.state, KL2TP_PPP_CLOSING);
	CHECK_EQ(e.l.fsm.reason, KL2TP_PPP_R_AUTH_REFUSED);

	/* An unknown suggestion: the next in our order. */
	env_init(&e, &c);
	feed(&e, KL2TP_PPP_CONF_NAK, e.l.fsm.reqid, nak_eap, sizeof(nak_eap));
	CHECK_EQ(e.l.want_auth, KL2TP_PPP_AUTH_CHAP_MD5);

	/* A Reject of Auth-Protocol: the peer will not authenticate. */
	env_init(&e, &c);
	feed(&e, KL2TP_PPP_CONF_REJ, e.l.fsm.reqid, nak_ms, sizeof(nak_ms));
	CHECK_EQ(e.l.fsm.state, KL2TP_PPP_CLOSING);
	CHECK_EQ(e.l.fsm.reason, KL2TP_PPP_R_AUTH_REFUSED);

	/* A new negotiation starts from the top of the list. */
	env_init(&e, &c);
	feed(&e, KL2TP_PPP_CONF_NAK, e.l.fsm.reqid, nak_pap, sizeof(nak_pap));
	e.l.fsm.state = KL2TP_PPP_STOPPED;
	feed(&e, KL2TP_PPP_CONF_REQ, 1, NULL, 0);
	CHECK_EQ(e.l.want_auth, KL2TP_PPP_AUTH_MSCHAPV2);
}

/* Rejected options are not requested again; MRU Nak taken in range. */
UNIT_TEST(t_reject_nak_ours)
{
	struct kl2tp_ppp_lcp_cfg c;
	struct env e;
	u8 req[32], rej[16];
	size_t n;

	cfg_client(&c);
	c.mru = 1400;
	env_init(&e, &c);
	CHECK_EQ(e.l.want_mru, 1400);
	/* MRU Nak'd to 1200: taken. */
	feed(&e, KL2TP_PPP_CONF_NAK, e.l.fsm.reqid,
	     (const u8[]){ 1, 4, 0x04, 0xb0 }, 4);
	CHECK_EQ(e.l.want_mru, 1200);
	/* MRU Nak'd to 9000: out of range, ignored. */
	feed(&e, KL2TP_PPP_CONF_NAK, e.l.fsm.reqid,
	     (const u8[]){ 1, 4, 0x23, 0x28 }, 4);
	CHECK_EQ(e.l.want_mru, 1200);
	/* Reject MRU, Magic, PFC, ACFC (as sent). */
	n = e.l.fsm.req_len;
	memcpy(req, e.l.fsm.req, n);
	memcpy(rej, req, n);
	CHECK_EQ(feed(&e, KL2TP_PPP_CONF_REJ, e.l.fsm.reqid, rej, n), 0);
	CHECK_EQ(e.l.want_mru, 0);
	CHECK_EQ(e.l.magic, 0);
	CHECK(!e.l.want_pfc && !e.l.want_acfc);
	CHECK_EQ(e.l.fsm.req_len, 0);
	CHECK_EQ(kl2tp_get_be16(e.last + 6), 4);
}

/* A link looped back onto itself is detected through the magic Naks. */
UNIT_TEST(t_loopback)
{
	struct kl2tp_ppp_lcp_cfg c;
	struct env e;
	int i, n = 0;

	cfg_client(&c);
	env_init(&e, &c);
	e.loop = true;
	/* The first request, sent before the loop was armed. */
	memcpy(e.q[0], e.last, e.last_len);
	e.qlen[0] = e.last_len;
	e.qn = 1;
	for (i = 0; i < e.qn && n < 200; n++) {
		u8 f[64];
		size_t len = e.qlen[i];

		memcpy(f, e.q[i], len);
		/* keep the queue short: shift */
		memmove(e.q, e.q + 1, sizeof(e.q[0]) * (e.qn - 1));
		memmove(e.qlen, e.qlen + 1, sizeof(e.qlen[0]) * (e.qn - 1));
		e.qn--;
		kl2tp_ppp_fsm_input(&e.l.fsm, 0, f + 4, len - 4);
		if (e.l.fsm.state == KL2TP_PPP_CLOSING)
			break;
	}
	CHECK_EQ(e.l.fsm.state, KL2TP_PPP_CLOSING);
	CHECK_EQ(e.l.fsm.reason, KL2TP_PPP_R_LOOPBACK);
	CHECK_EQ(e.l.loops, KL2TP_PPP_LCP_DEF_LOOPS);
	CHECK_EQ(e.ups, 0);
}

static void open_it(struct env *e)
{
	feed(e, KL2TP_PPP_CONF_REQ, 1, NULL, 0);
	feed(e, KL2TP_PPP_CONF_ACK, e->l.fsm.reqid, e->l.fsm.req,
	     e->l.fsm.req_len);
}

UNIT_TEST(t_echo)
{
	struct kl2tp_ppp_lcp_cfg c;
	struct env e;
	u8 data[8];

	cfg_client(&c);
	env_init(&e, &c);
	/* Not Opened: silently dropped. */
	e.nsent = 0;
	kl2tp_put_be32(data, 0x01020304);
	CHECK_EQ(feed(&e, KL2TP_PPP_ECHO_REQ, 5, data, 4), 0);
	CHECK_EQ(e.nsent, 0);
	CHECK_EQ(kl2tp_ppp_lcp_echo(&e.l), -ENOTCONN);

	open_it(&e);
	CHECK_EQ(e.l.fsm.state, KL2TP_PPP_OPENED);
	CHECK_EQ(e.ups, 1);
	/* Answered with our magic and the same data. */
	memcpy(data + 4, "ping", 4);
	CHECK_EQ(feed(&e, KL2TP_PPP_ECHO_REQ, 5, data, 8), 0);
	CHECK_EQ(e.last[4], KL2TP_PPP_ECHO_REP);
	CHECK_EQ(e.last[5], 5);
	CHECK_EQ(kl2tp_get_be16(e.last + 6), 12);
	CHECK_EQ(kl2tp_get_be32(e.last + 8), e.l.magic);
	CHECK_MEM(e.last + 12, "ping", 4);
	/* Too short for a magic number. */
	CHECK_EQ(feed(&e, KL2TP_PPP_ECHO_REQ, 5, data, 3), -EBADMSG);
	/* Our own magic: looped, dropped. */
	e.nsent = 0;
	kl2tp_put_be32(data, e.l.magic);
	CHECK_EQ(feed(&e, KL2TP_PPP_ECHO_REQ, 6, data, 4), -EPROTO);
	CHECK_EQ(e.nsent, 0);
	CHECK_EQ(e.l.rx_looped, 1);

	/* Our echo; the reply clears the count, unless it is our own. */
	CHECK_EQ(kl2tp_ppp_lcp_echo(&e.l), 0);
	CHECK_EQ(kl2tp_ppp_lcp_echo(&e.l), 0);
	CHECK_EQ(e.last[4], KL2TP_PPP_ECHO_REQ);
	CHECK_EQ(kl2tp_get_be32(e.last + 8), e.l.magic);
	CHECK_EQ(e.l.echo_pending, 2);
	CHECK_EQ(feed(&e, KL2TP_PPP_ECHO_REP, e.l.echo_id, data, 4), -EPROTO);
	CHECK_EQ(e.l.echo_pending, 2);
	kl2tp_put_be32(data, 0x01020304);
	CHECK_EQ(feed(&e, KL2TP_PPP_ECHO_REP, e.l.echo_id, data, 4), 0);
	CHECK_EQ(e.l.echo_pending, 0);

	/* Discard-Request, Identification, Time-Remaining: dropped. */
	e.nsent = 0;
	CHECK_EQ(feed(&e, KL2TP_PPP_DISC_REQ, 7, data, 4), 0);
	CHECK_EQ(feed(&e, KL2TP_PPP_IDENTIFICATION, 7, data, 4), 0);
	CHECK_EQ(feed(&e, KL2TP_PPP_TIME_REMAINING, 7, data, 8), 0);
	CHECK_EQ(e.nsent, 0);
	/* An unknown code: Code-Reject quoting it. */
	CHECK_EQ(feed(&e, 14, 8, data, 4), 0);
	CHECK_EQ(e.last[4], KL2TP_PPP_CODE_REJ);
	CHECK_EQ(e.last[8], 14);
	CHECK_EQ(e.last[9], 8);
	CHECK_EQ(e.l.fsm.state, KL2TP_PPP_OPENED);
}

UNIT_TEST(t_proto_reject)
{
	struct kl2tp_ppp_lcp_cfg c;
	struct env e;
	u8 data[8], info[2000];

	cfg_client(&c);
	env_init(&e, &c);
	CHECK_EQ(kl2tp_ppp_lcp_proto_reject(&e.l, KL2TP_PPP_IPV6CP, data, 4),
		 -ENOTCONN);
	kl2tp_put_be16(data, KL2TP_PPP_IPCP);
	CHECK_EQ(feed(&e, KL2TP_PPP_PROTO_REJ, 1, data, 2), 0);
	CHECK_EQ(e.rejected, 0);		/* not Opened: dropped */

	open_it(&e);
	CHECK_EQ(feed(&e, KL2TP_PPP_PROTO_REJ, 1, data, 1), -EBADMSG);
	CHECK_EQ(feed(&e, KL2TP_PPP_PROTO_REJ, 1, data, 2), 0);
	CHECK_EQ(e.rejected, KL2TP_PPP_IPCP);
	CHECK_EQ(e.l.fsm.state, KL2TP_PPP_OPENED);

	/* We reject IPV6CP: the protocol, then its packet, cut to MRU. */
	memset(info, 0xab, sizeof(info));
	e.io.peer_mru = 300;
	CHECK_EQ(kl2tp_ppp_lcp_proto_reject(&e.l, KL2TP_PPP_IPV6CP, info,
					    sizeof(info)), 0);
	CHECK_EQ(e.last[4], KL2TP_PPP_PROTO_REJ);
	CHECK_EQ(kl2tp_get_be16(e.last + 6), 300);
	CHECK_EQ(kl2tp_get_be16(e.last + 8), KL2TP_PPP_IPV6CP);
	CHECK_EQ(e.last[10], 0xab);
	CHECK_EQ(e.last_len, 304);

	/* A Protocol-Reject of LCP itself is RXJ-. */
	kl2tp_put_be16(data, KL2TP_PPP_LCP);
	CHECK_EQ(feed(&e, KL2TP_PPP_PROTO_REJ, 2, data, 2), 0);
	CHECK_EQ(e.l.fsm.state, KL2TP_PPP_STOPPING);
	CHECK_EQ(e.l.fsm.reason, KL2TP_PPP_R_REJECTED);
	CHECK_EQ(e.downs, 1);
}

UNIT_TEST(t_init)
{
	struct kl2tp_ppp_lcp_cfg c;
	struct kl2tp_ppp_lcp l;
	struct kl2tp_ppp_io io;
	u8 v[3];

	memset(&io, 0, sizeof(io));
	io.random = env_random;
	cfg_server(&c);
	CHECK_EQ(kl2tp_ppp_lcp_init(&l, &c, &ops, NULL, &io, NULL), 0);
	c.mru = 64;
	CHECK_EQ(kl2tp_ppp_lcp_init(&l, &c, &ops, NULL, &io, NULL), -EINVAL);
	cfg_server(&c);
	c.auth[1] = KL2TP_PPP_AUTH_MSCHAPV2;	/* repeated */
	CHECK_EQ(kl2tp_ppp_lcp_init(&l, &c, &ops, NULL, &io, NULL), -EINVAL);
	cfg_server(&c);
	c.auth[0] = 9;
	CHECK_EQ(kl2tp_ppp_lcp_init(&l, &c, &ops, NULL, &io, NULL), -EINVAL);
	cfg_server(&c);
	c.n_peer_auth = 5;
	CHECK_EQ(kl2tp_ppp_lcp_init(&l, &c, &ops, NULL, &io, NULL), -EINVAL);
	cfg_server(&c);
	io.random = NULL;
	CHECK_EQ(kl2tp_ppp_lcp_init(&l, &c, &ops, NULL, &io, NULL), -EINVAL);

	CHECK_EQ(kl2tp_ppp_lcp_auth_encode(KL2TP_PPP_AUTH_NONE, v), 0);
	CHECK_EQ(kl2tp_ppp_lcp_auth_encode(KL2TP_PPP_AUTH_PAP, v), 2);
	CHECK_EQ(kl2tp_ppp_lcp_auth_decode(v, 2), KL2TP_PPP_AUTH_PAP);
	CHECK_EQ(kl2tp_ppp_lcp_auth_encode(KL2TP_PPP_AUTH_CHAP_MD5, v), 3);
	CHECK_EQ(kl2tp_ppp_lcp_auth_decode(v, 3), KL2TP_PPP_AUTH_CHAP_MD5);
	CHECK_EQ(kl2tp_ppp_lcp_auth_decode(v, 2), -1);
	CHECK_EQ(kl2tp_ppp_lcp_auth_decode(v, 1), -1);
}

/* A proxied LCP as a Cisco LAC sends it: our side, then the peer's. */
static const u8 px_sent[] = {
	KL2TP_PPP_LCP_MRU, 4, 0x05, 0x78,		/* 1400 */
	KL2TP_PPP_LCP_AUTH, 5, 0xc2, 0x23, 0x05,	/* CHAP-MD5 */
	KL2TP_PPP_LCP_MAGIC, 6, 0x11, 0x22, 0x33, 0x44,
	KL2TP_PPP_LCP_PFC, 2, KL2TP_PPP_LCP_ACFC, 2,
	KL2TP_PPP_LCP_ACCM, 6, 0, 0, 0, 0,
};

static const u8 px_rcvd[] = {
	KL2TP_PPP_LCP_MRU, 4, 0x05, 0xd4,		/* 1492 */
	KL2TP_PPP_LCP_ACCM, 6, 0, 0x0a, 0, 0,
	KL2TP_PPP_LCP_MAGIC, 6, 0x55, 0x66, 0x77, 0x88,
	KL2TP_PPP_LCP_PFC, 2, KL2TP_PPP_LCP_ACFC, 2,
};

/* @base (@len bytes) with @extra appended, into @out. */
static size_t cat(u8 *out, const u8 *base, size_t len, const u8 *extra,
		  size_t elen)
{
	memcpy(out, base, len);
	memcpy(out + len, extra, elen);
	return len + elen;
}

UNIT_TEST(t_proxy_check)
{
	static const u8 mru_3[] = { KL2TP_PPP_LCP_MRU, 5, 5, 0x78, 0 };
	static const u8 mru_big[] = { KL2TP_PPP_LCP_MRU, 4, 0x06, 0x40 };
	static const u8 mru_small[] = { KL2TP_PPP_LCP_MRU, 4, 0, 100 };
	static const u8 eap[] = { KL2TP_PPP_LCP_AUTH, 4, 0xc2, 0x27 };
	static const u8 mschap1[] = { KL2TP_PPP_LCP_AUTH, 5, 0xc2, 0x23, 0x80 };
	static const u8 pap[] = { KL2TP_PPP_LCP_AUTH, 4, 0xc0, 0x23 };
	static const u8 magic0[] = { KL2TP_PPP_LCP_MAGIC, 6, 0, 0, 0, 0 };
	static const u8 looped[] = { KL2TP_PPP_LCP_MAGIC, 6, 0x11, 0x22,
				     0x33, 0x44 };
	static const u8 callback[] = { 13, 3, 6 };
	static const u8 quality[] = { KL2TP_PPP_LCP_QUALITY, 8, 0xc0, 0x25,
				      0, 0, 0, 10 };
	static const u8 pfc_1[] = { KL2TP_PPP_LCP_PFC, 3, 0 };
	static const u8 cut[] = { KL2TP_PPP_LCP_MRU, 4, 0x05 };
	struct kl2tp_ppp_lcp_proxied r;
	struct kl2tp_ppp_lcp_cfg c;
	struct env e;
	u8 buf[64];
	size_t n;

	cfg_server(&c);
	env_starting(&e, &c);
	CHECK_EQ(kl2tp_ppp_lcp_proxy_check(&e.l, px_sent, sizeof(px_sent),
					   px_rcvd, sizeof(px_rcvd), &r), 0);
	CHECK_EQ(r.want_mru, 1400);
	CHECK_EQ(r.want_auth, KL2TP_PPP_AUTH_CHAP_MD5);
	CHECK_EQ(r.magic, 0x11223344);
	CHECK(r.want_pfc && r.want_acfc);
	CHECK_EQ(r.peer_mru, 1492);
	CHECK_EQ(r.peer_accm, 0x000a0000);
	CHECK_EQ(r.peer_magic, 0x55667788);
	CHECK_EQ(r.peer_auth, KL2TP_PPP_AUTH_NONE);
	/* We do not compress: cfg.pfc, cfg.acfc are off. */
	CHECK(!r.peer_pfc && !r.peer_acfc);
	/* Nothing changed yet. */
	CHECK_EQ(e.l.fsm.state, KL2TP_PPP_STARTING);
	CHECK_EQ(e.l.magic, 0);
	CHECK_EQ(e.nsent, 0);

	c.pfc = true;
	c.acfc = true;
	env_starting(&e, &c);
	CHECK_EQ(kl2tp_ppp_lcp_proxy_check(&e.l, px_sent, sizeof(px_sent),
					   px_rcvd, sizeof(px_rcvd), &r), 0);
	CHECK(r.peer_pfc && r.peer_acfc);

	/* Our side: what we would not have asked for, or malformed. */
	cfg_server(&c);
	env_starting(&e, &c);
#define OURS(extra, want) do {						\
	n = cat(buf, px_sent, sizeof(px_sent), extra, sizeof(extra));	\
	CHECK_EQ(kl2tp_ppp_lcp_proxy_check(&e.l, buf, n, px_rcvd,	\
					   sizeof(px_rcvd), &r), want);	\
} while (0)
#define PEERS(extra, want) do {						\
	n = cat(buf, px_rcvd, sizeof(px_rcvd), extra, sizeof(extra));	\
	CHECK_EQ(kl2tp_ppp_lcp_proxy_check(&e.l, px_sent,		\
					   sizeof(px_sent), buf, n, &r),\
		 want);							\
} while (0)
	OURS(mru_3, -EBADMSG);
	OURS(mru_big, -EINVAL);
	OURS(mru_small, -EINVAL);
	OURS(eap, -EINVAL);
	OURS(mschap1, -EINVAL);
	OURS(magic0, -EINVAL);
	OURS(quality, -EINVAL);
	OURS(cut, -EBADMSG);
	OURS(pfc_1, -EBADMSG);
	PEERS(mru_small, -EINVAL);
	PEERS(pap, -EINVAL);		/* we do not authenticate ourselves */
	PEERS(looped, -EINVAL);
	PEERS(magic0, -EINVAL);
	PEERS(callback, -EINVAL);
	PEERS(quality, -EINVAL);
	PEERS(pfc_1, -EBADMSG);
	PEERS(cut, -EBADMSG);
	/* Without an Auth-Protocol: the peer would not be authenticated. */
	CHECK_EQ(kl2tp_ppp_lcp_proxy_check(&e.l, px_sent, 4, px_rcvd,
					   sizeof(px_rcvd), &r), -EINVAL);
	/* PAP is not among our methods any more. */
	c.auth[2] = 0;
	c.n_auth = 2;
	env_starting(&e, &c);
	OURS(pap, -EINVAL);
	/* ...and with it, it is taken (the last option wins). */
	cfg_server(&c);
	env_starting(&e, &c);
	OURS(pap, 0);
	CHECK_EQ(r.want_auth, KL2TP_PPP_AUTH_PAP);
	/* An MRU of 1500 is no MRU. */
	n = cat(buf, px_sent, sizeof(px_sent), (const u8 *)"\x01\x04\x05\xdc",
		4);
	CHECK_EQ(kl2tp_ppp_lcp_proxy_check(&e.l, buf, n, px_rcvd,
					   sizeof(px_rcvd), &r), 0);
	CHECK_EQ(r.want_mru, 0);

	/* The peer authenticates us with a method we accept. */
	cfg_client(&c);
	env_starting(&e, &c);
	n = cat(buf, px_rcvd, sizeof(px_rcvd), pap, sizeof(pap));
	CHECK_EQ(kl2tp_ppp_lcp_proxy_check(&e.l, px_sent, 4, buf, n, &r), 0);
	CHECK_EQ(r.peer_auth, KL2TP_PPP_AUTH_PAP);
	CHECK_EQ(r.want_auth, KL2TP_PPP_AUTH_NONE);
	/* Not with CHAP-MD5 in our request: we do not authenticate. */
	CHECK_EQ(kl2tp_ppp_lcp_proxy_check(&e.l, px_sent, sizeof(px_sent),
					   buf, n, &r), -EINVAL);
	/* Empty lists: all defaults. */
	CHECK_EQ(kl2tp_ppp_lcp_proxy_check(&e.l, NULL, 0, NULL, 0, &r), 0);
	CHECK_EQ(r.peer_mru, KL2TP_PPP_DEF_MRU);
	CHECK_EQ(r.magic, 0);
	CHECK_EQ(r.peer_magic, 0);
#undef OURS
#undef PEERS
}

UNIT_TEST(t_proxy_open)
{
	struct kl2tp_ppp_lcp_proxied r;
	struct kl2tp_ppp_lcp_cfg c;
	struct env e;
	size_t len;
	const u8 *o;
	u8 data[8], code;

	cfg_server(&c);
	env_starting(&e, &c);
	CHECK_EQ(kl2tp_ppp_lcp_proxy_check(&e.l, px_sent, sizeof(px_sent),
					   px_rcvd, sizeof(px_rcvd), &r), 0);
	CHECK_EQ(kl2tp_ppp_lcp_proxy_open(&e.l, 5, &r), 0);
	CHECK_EQ(e.l.fsm.state, KL2TP_PPP_OPENED);
	CHECK_EQ(e.ups, 1);
	CHECK_EQ(e.nsent, 0);
	CHECK_EQ(kl2tp_ppp_fsm_next_timeout(&e.l.fsm, 5),
		 KL2TP_PPP_NO_TIMEOUT);
	CHECK_EQ(e.l.magic, 0x11223344);
	CHECK_EQ(e.l.peer_magic, 0x55667788);
	CHECK_EQ(e.l.peer_mru, 1492);
	CHECK_EQ(e.l.want_auth, KL2TP_PPP_AUTH_CHAP_MD5);
	CHECK_EQ(e.l.want_mru, 1400);
	/* Once only. */
	CHECK_EQ(kl2tp_ppp_lcp_proxy_open(&e.l, 5, &r), -EINVAL);

	/* Echo with the proxied magic; the peer's own is looped. */
	CHECK_EQ(kl2tp_ppp_lcp_echo(&e.l), 0);
	CHECK_EQ(e.last[4], KL2TP_PPP_ECHO_REQ);
	CHECK_EQ(kl2tp_get_be32(e.last + 8), 0x11223344);
	kl2tp_put_be32(data, 0x55667788);
	CHECK_EQ(feed(&e, KL2TP_PPP_ECHO_REP, e.l.echo_id, data, 4), 0);
	CHECK_EQ(e.l.echo_pending, 0);
	CHECK_EQ(feed(&e, KL2TP_PPP_ECHO_REQ, 9, data, 4), 0);
	CHECK_EQ(e.last[4], KL2TP_PPP_ECHO_REP);
	CHECK_EQ(kl2tp_get_be32(e.last + 8), 0x11223344);
	kl2tp_put_be32(data, 0x11223344);
	CHECK_EQ(feed(&e, KL2TP_PPP_ECHO_REQ, 10, data, 4), -EPROTO);
	/* No request of ours is outstanding: a Configure-Ack is stray. */
	CHECK_EQ(feed(&e, KL2TP_PPP_CONF_ACK, e.l.fsm.reqid, NULL, 0),
		 -EPROTO);
	CHECK_EQ(e.l.fsm.state, KL2TP_PPP_OPENED);

	/* The peer renegotiates: from our configuration, a new magic. */
	CHECK_EQ(feed(&e, KL2TP_PPP_CONF_REQ, 3, NULL, 0), 0);
	CHECK_EQ(e.downs, 1);
	CHECK_EQ(e.l.fsm.state, KL2TP_PPP_ACK_SENT);
	CHECK(e.l.magic && e.l.magic != 0x11223344);
	CHECK_EQ(e.l.want_auth, KL2TP_PPP_AUTH_MSCHAPV2);
	o = e.l.fsm.req;
	len = e.l.fsm.req_len;
	CHECK_EQ(o[0], KL2TP_PPP_LCP_MRU);
	CHECK(len > 4);

	/* Terminate-Request in the proxied Opened state. */
	env_starting(&e, &c);
	kl2tp_ppp_lcp_proxy_check(&e.l, px_sent, sizeof(px_sent), px_rcvd,
				  sizeof(px_rcvd), &r);
	kl2tp_ppp_lcp_proxy_open(&e.l, 0, &r);
	CHECK_EQ(feed(&e, KL2TP_PPP_TERM_REQ, 4, NULL, 0), 0);
	o = last_opts(&e, &code, &len);
	CHECK_EQ(code, KL2TP_PPP_TERM_ACK);
	CHECK_EQ(e.l.fsm.state, KL2TP_PPP_STOPPING);
	CHECK_EQ(e.l.fsm.reason, KL2TP_PPP_R_PEER_TERMINATE);
	CHECK_EQ(e.downs, 1);

	/* Not in Starting: refused, nothing done. */
	env_init(&e, &c);
	CHECK_EQ(kl2tp_ppp_lcp_proxy_open(&e.l, 0, &r), -EINVAL);
	CHECK_EQ(e.l.fsm.state, KL2TP_PPP_REQ_SENT);
	CHECK_EQ(e.ups, 0);
}

UNIT_MAIN(UNIT_CASE(t_request), UNIT_CASE(t_peer_options),
	  UNIT_CASE(t_judge), UNIT_CASE(t_malformed), UNIT_CASE(t_auth_walk),
	  UNIT_CASE(t_reject_nak_ours), UNIT_CASE(t_loopback),
	  UNIT_CASE(t_echo), UNIT_CASE(t_proto_reject), UNIT_CASE(t_init),
	  UNIT_CASE(t_proxy_check), UNIT_CASE(t_proxy_open))
