// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of IPCP (kernel/proto/ppp_ipcp.c): the server assigning the
 * peer's address and DNS servers by Nak, the client taking them, Rejects
 * of DNS options, IP-Compression-Protocol and unknown options, option
 * length checks, and a server and a client negotiating with each other.
 */
#include "ppp_cp.h"
#include "ppp_ipcp.h"

#define IP(a, b, c, d)	(((u32)(a) << 24) | ((b) << 16) | ((c) << 8) | (d))

struct env {
	struct cp_end end;		/* first: the callbacks' ctx and owner */
	struct kl2tp_ppp_ipcp ic;
};

static void env_random(void *ctx, void *buf, size_t len)
{
	memset(buf, 7, len);
}

static void env_init(struct env *e, const struct kl2tp_ppp_ipcp_cfg *c)
{
	cp_end_init(&e->end, env_random);
	e->end.fsm = &e->ic.fsm;
	CHECK_EQ(kl2tp_ppp_ipcp_init(&e->ic, c, &cp_ops, e, &e->end.io, NULL),
		 0);
}

static void start(struct env *e)
{
	cp_start(&e->ic.fsm);
}

static int feed(struct env *e, u8 code, u8 id, const void *data, size_t len)
{
	return cp_feed(&e->ic.fsm, code, id, data, len);
}

static void cfg_server(struct kl2tp_ppp_ipcp_cfg *c)
{
	memset(c, 0, sizeof(*c));
	c->server = true;
	c->addrs.local = IP(10, 0, 0, 1);
	c->addrs.peer = IP(10, 0, 0, 2);
	c->addrs.dns1 = IP(8, 8, 8, 8);
	c->addrs.dns2 = IP(8, 8, 4, 4);
}

static void cfg_client(struct kl2tp_ppp_ipcp_cfg *c)
{
	memset(c, 0, sizeof(*c));
	c->want_dns = true;
}

/* Options: IP-Address @a, and the DNS pair if @dns. */
static size_t opts(u8 *o, u32 a, bool dns, u32 d1, u32 d2)
{
	size_t n = 0;

	o[n++] = KL2TP_PPP_IPCP_ADDR;
	o[n++] = 6;
	kl2tp_put_be32(o + n, a);
	n += 4;
	if (!dns)
		return n;
	o[n++] = KL2TP_PPP_IPCP_DNS1;
	o[n++] = 6;
	kl2tp_put_be32(o + n, d1);
	n += 4;
	o[n++] = KL2TP_PPP_IPCP_DNS2;
	o[n++] = 6;
	kl2tp_put_be32(o + n, d2);
	return n + 4;
}

UNIT_TEST(t_server)
{
	struct kl2tp_ppp_ipcp_cfg c;
	struct kl2tp_ppp_ipcp_addrs r;
	struct env e;
	u8 o[32], want[32];
	size_t n;

	cfg_server(&c);
	env_init(&e, &c);
	start(&e);
	/* Our request: our address only. */
	CHECK_EQ(kl2tp_get_be16(e.end.last + 2), KL2TP_PPP_IPCP);
	CHECK_EQ(kl2tp_get_be16(e.end.last + 6), 10);
	CHECK_EQ(e.end.last[8], KL2TP_PPP_IPCP_ADDR);
	CHECK_EQ(kl2tp_get_be32(e.end.last + 10), IP(10, 0, 0, 1));

	/* 0.0.0.0 everywhere: Nak'd with the assignment. */
	n = opts(o, 0, true, 0, 0);
	feed(&e, KL2TP_PPP_CONF_REQ, 1, o, n);
	CHECK_EQ(e.end.last[4], KL2TP_PPP_CONF_NAK);
	opts(want, IP(10, 0, 0, 2), true, IP(8, 8, 8, 8), IP(8, 8, 4, 4));
	CHECK_EQ(kl2tp_get_be16(e.end.last + 6), 4 + n);
	CHECK_MEM(e.end.last + 8, want, n);

	/* Another address: Nak'd too. */
	n = opts(o, IP(192, 168, 1, 1), false, 0, 0);
	feed(&e, KL2TP_PPP_CONF_REQ, 2, o, n);
	CHECK_EQ(e.end.last[4], KL2TP_PPP_CONF_NAK);
	CHECK_EQ(kl2tp_get_be32(e.end.last + 10), IP(10, 0, 0, 2));

	/* The right values: Acked. */
	n = opts(o, IP(10, 0, 0, 2), true, IP(8, 8, 8, 8), IP(8, 8, 4, 4));
	feed(&e, KL2TP_PPP_CONF_REQ, 3, o, n);
	CHECK_EQ(e.end.last[4], KL2TP_PPP_CONF_ACK);
	CHECK_MEM(e.end.last + 8, o, n);
	feed(&e, KL2TP_PPP_CONF_ACK, e.ic.fsm.reqid, e.ic.fsm.req,
	     e.ic.fsm.req_len);
	CHECK_EQ(e.ic.fsm.state, KL2TP_PPP_OPENED);
	CHECK_EQ(e.end.ups, 1);
	kl2tp_ppp_ipcp_result(&e.ic, &r);
	CHECK_EQ(r.local, IP(10, 0, 0, 1));
	CHECK_EQ(r.peer, IP(10, 0, 0, 2));
	CHECK_EQ(r.dns1, IP(8, 8, 8, 8));
	CHECK_EQ(r.dns2, IP(8, 8, 4, 4));

	/* No IP-Address at all: a Nak hints it. */
	env_init(&e, &c);
	start(&e);
	feed(&e, KL2TP_PPP_CONF_REQ, 1, NULL, 0);
	CHECK_EQ(e.end.last[4], KL2TP_PPP_CONF_NAK);
	CHECK_EQ(kl2tp_get_be16(e.end.last + 6), 10);
	CHECK_EQ(kl2tp_get_be32(e.end.last + 10), IP(10, 0, 0, 2));

	/* No secondary DNS configured: Rejected. */
	c.addrs.dns2 = 0;
	env_init(&e, &c);
	start(&e);
	n = opts(o, IP(10, 0, 0, 2), true, IP(8, 8, 8, 8), 0);
	feed(&e, KL2TP_PPP_CONF_REQ, 1, o, n);
	CHECK_EQ(e.end.last[4], KL2TP_PPP_CONF_REJ);
	CHECK_EQ(kl2tp_get_be16(e.end.last + 6), 10);
	CHECK_EQ(e.end.last[8], KL2TP_PPP_IPCP_DNS2);
}

UNIT_TEST(t_rejects)
{
	static const u8 vj[] = { 2, 6, 0x00, 0x2d, 0x0f, 0x01 };
	static const u8 old[] = { 1, 10, 0, 0, 0, 0, 0, 0, 0, 0 };
	static const u8 nbns[] = { 130, 6, 0, 0, 0, 0 };
	static const u8 unknown[] = { 0x99, 2 };
	static const u8 shortaddr[] = { 3, 5, 10, 0, 0 };
	static const u8 longdns[] = { 129, 7, 8, 8, 8, 8, 0 };
	static const u8 *const cases[] = { vj, old, nbns, unknown, shortaddr,
					   longdns };
	static const size_t lens[] = { sizeof(vj), sizeof(old), sizeof(nbns),
				       sizeof(unknown), sizeof(shortaddr),
				       sizeof(longdns) };
	struct kl2tp_ppp_ipcp_cfg c;
	struct env e;
	u8 o[32];
	size_t i, n;

	cfg_server(&c);
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		env_init(&e, &c);
		start(&e);
		n = opts(o, IP(10, 0, 0, 2), false, 0, 0);
		memcpy(o + n, cases[i], lens[i]);
		feed(&e, KL2TP_PPP_CONF_REQ, 1, o, n + lens[i]);
		CHECK_EQ(e.end.last[4], KL2TP_PPP_CONF_REJ);
		CHECK_EQ(kl2tp_get_be16(e.end.last + 6), 4 + lens[i]);
		CHECK_MEM(e.end.last + 8, cases[i], lens[i]);
	}
	/* A zero-length option breaks the list: dropped. */
	env_init(&e, &c);
	start(&e);
	e.end.nsent = 0;
	CHECK_EQ(feed(&e, KL2TP_PPP_CONF_REQ, 1, (const u8[]){ 3, 0 }, 2),
		 -EBADMSG);
	CHECK_EQ(e.end.nsent, 0);
}

UNIT_TEST(t_client)
{
	struct kl2tp_ppp_ipcp_cfg c;
	struct kl2tp_ppp_ipcp_addrs r;
	struct env e;
	u8 o[32], want[32];
	size_t n;

	cfg_client(&c);
	env_init(&e, &c);
	start(&e);
	n = opts(want, 0, true, 0, 0);
	CHECK_EQ(kl2tp_get_be16(e.end.last + 6), 4 + n);
	CHECK_MEM(e.end.last + 8, want, n);

	/* The server's Nak is taken as is. */
	n = opts(o, IP(10, 0, 0, 2), true, IP(1, 1, 1, 1), IP(9, 9, 9, 9));
	feed(&e, KL2TP_PPP_CONF_NAK, e.ic.fsm.reqid, o, n);
	CHECK_EQ(e.end.last[4], KL2TP_PPP_CONF_REQ);
	CHECK_MEM(e.end.last + 8, o, n);

	/* DNS2 Rejected: dropped from the next request. */
	feed(&e, KL2TP_PPP_CONF_REJ, e.ic.fsm.reqid, o + 12, 6);
	CHECK_EQ(kl2tp_get_be16(e.end.last + 6), 4 + 12);
	CHECK(!e.ic.req_dns2);

	/* The server's address: Acked; 0.0.0.0: Rejected. */
	n = opts(o, IP(10, 0, 0, 1), false, 0, 0);
	feed(&e, KL2TP_PPP_CONF_REQ, 5, o, n);
	CHECK_EQ(e.end.last[4], KL2TP_PPP_CONF_ACK);
	feed(&e, KL2TP_PPP_CONF_ACK, e.ic.fsm.reqid, e.ic.fsm.req,
	     e.ic.fsm.req_len);
	CHECK_EQ(e.ic.fsm.state, KL2TP_PPP_OPENED);
	kl2tp_ppp_ipcp_result(&e.ic, &r);
	CHECK_EQ(r.local, IP(10, 0, 0, 2));
	CHECK_EQ(r.peer, IP(10, 0, 0, 1));
	CHECK_EQ(r.dns1, IP(1, 1, 1, 1));
	CHECK_EQ(r.dns2, 0);

	env_init(&e, &c);
	start(&e);
	n = opts(o, 0, false, 0, 0);
	feed(&e, KL2TP_PPP_CONF_REQ, 5, o, n);
	CHECK_EQ(e.end.last[4], KL2TP_PPP_CONF_REJ);
	/* A server asking us for DNS: Rejected. */
	n = opts(o, IP(10, 0, 0, 1), true, 0, 0);
	feed(&e, KL2TP_PPP_CONF_REQ, 6, o, n);
	CHECK_EQ(e.end.last[4], KL2TP_PPP_CONF_REJ);
	CHECK_EQ(kl2tp_get_be16(e.end.last + 6), 4 + 12);

	/* IP-Address Rejected: no address, give up. */
	env_init(&e, &c);
	start(&e);
	feed(&e, KL2TP_PPP_CONF_REJ, e.ic.fsm.reqid, e.ic.fsm.req, 6);
	CHECK_EQ(e.ic.fsm.state, KL2TP_PPP_CLOSING);
	CHECK_EQ(e.ic.fsm.reason, KL2TP_PPP_R_NO_ADDRESS);

	/* Malformed Nak values are dropped. */
	env_init(&e, &c);
	start(&e);
	CHECK_EQ(feed(&e, KL2TP_PPP_CONF_NAK, e.ic.fsm.reqid,
		      (const u8[]){ 3, 4, 1, 2 }, 4), -EPROTO);
}

/* Server and client against each other. */
UNIT_TEST(t_pair)
{
	struct kl2tp_ppp_ipcp_cfg cs, cc;
	struct kl2tp_ppp_ipcp_addrs rs, rc;
	static struct env s, c;

	cfg_server(&cs);
	cfg_client(&cc);
	env_init(&s, &cs);
	env_init(&c, &cc);
	s.end.peer = &c.end;
	c.end.peer = &s.end;
	start(&s);
	start(&c);
	cp_pump(&s.end, &c.end, 20);
	CHECK_EQ(s.ic.fsm.state, KL2TP_PPP_OPENED);
	CHECK_EQ(c.ic.fsm.state, KL2TP_PPP_OPENED);
	kl2tp_ppp_ipcp_result(&s.ic, &rs);
	kl2tp_ppp_ipcp_result(&c.ic, &rc);
	CHECK_EQ(rs.local, rc.peer);
	CHECK_EQ(rs.peer, rc.local);
	CHECK_EQ(rc.local, IP(10, 0, 0, 2));
	CHECK_EQ(rc.dns1, IP(8, 8, 8, 8));
	CHECK_EQ(rc.dns2, IP(8, 8, 4, 4));
	CHECK_EQ(rs.dns1, IP(8, 8, 8, 8));
	/* Request/Nak, Request/Ack from the client, Request/Ack ours. */
	CHECK_EQ(c.end.nsent + s.end.nsent, 6);
}

UNIT_TEST(t_init)
{
	struct kl2tp_ppp_ipcp_cfg c;
	struct kl2tp_ppp_ipcp ic;
	struct kl2tp_ppp_io io;

	memset(&io, 0, sizeof(io));
	cfg_server(&c);
	c.addrs.peer = 0;
	CHECK_EQ(kl2tp_ppp_ipcp_init(&ic, &c, &cp_ops, NULL, &io, NULL), -EINVAL);
	cfg_client(&c);
	CHECK_EQ(kl2tp_ppp_ipcp_init(&ic, &c, &cp_ops, NULL, &io, NULL), 0);
}

UNIT_MAIN(UNIT_CASE(t_server), UNIT_CASE(t_rejects), UNIT_CASE(t_client),
	  UNIT_CASE(t_pair), UNIT_CASE(t_init))
