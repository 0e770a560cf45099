// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of the PPP session engine (kernel/proto/ppp_session.c): a
 * server (LNS) and a client engine negotiate end to end in-process over a
 * simulated link with latency and deterministic loss: LCP, each of PAP,
 * CHAP-MD5 and MS-CHAPv2, IPCP address and DNS assignment; Nak and Reject
 * rounds; wrong passwords; address pool exhaustion; LCP echo keepalives
 * and echo failure; Terminate both ways; Protocol-Reject of protocols we
 * do not run; renegotiation; a looped-back link; an absent peer. Proxy LCP
 * and proxy authentication (RFC 2661): the client dials an LAC (node 0),
 * which hands the call over to the LNS (node 0 again, started with
 * kl2tp_ppp_session_start_proxy() on what the LAC saw). An external check
 * (ops->verify) that answers later: the session waits in Authenticate and
 * moves on, or hangs up, with kl2tp_ppp_session_verdict(). IPV6CP beside
 * IPCP when an end has its state (kl2tp_ppp_session_set_ipv6()): both up,
 * one end without it, one of the two rejected, renegotiation, no unique
 * pair of identifiers.
 */
#include "unit.h"
#include "ppp_session.h"

#define IP(a, b, c, d)	(((u32)(a) << 24) | ((b) << 16) | ((c) << 8) | (d))
#define DELAY		20		/* one-way latency, ms */
#define QMAX		256

struct node {
	struct kl2tp_ppp_session s;
	struct kl2tp_ppp_session_cfg cfg;
	int id;
	u32 rnd;
	int finished;
	u64 finished_at;
	int reason;
	char why[64];
	int ups;
	int downs;
	int assigns;
	int releases;
	bool pool_empty;
	bool one_dns;
	char user[64];
	struct kl2tp_ppp_ipcp_addrs addrs;
	int data_frames;
	bool ipv6;			/* run IPV6CP (init_all) */
	bool ipv6_assign;		/* decide so in ipcp_assign */
	bool refuse6;			/* net6_up fails */
	int refused6;
	int set6_ret;
	struct kl2tp_ppp_ipv6cp v6;
	int ups6;
	int downs6;
	u8 iid_ours[KL2TP_PPP_IID_LEN];
	u8 iid_peer[KL2TP_PPP_IID_LEN];
};

struct frame {
	int dst;
	u64 at;
	size_t len;
	u8 data[1600];
};

static struct net {
	struct node n[2];		/* 0: server, 1: client */
	struct frame q[QMAX];
	int qn;
	u64 now;
	u32 loss_seed;
	int loss_pct;			/* of frames dropped */
	bool cut;			/* drop everything */
	bool loop;			/* a node's frames come back to it */
	int sent;
	struct lac_seen {		/* what an LAC would pass on */
		u8 init[64], sent[64], rcvd[64];
		size_t init_len, sent_len, rcvd_len;
		u16 type;		/* KL2TP_PROXY_AUTH_* */
		u8 id;
		u8 name[64], chal[64], resp[64];
		size_t name_len, chal_len, resp_len;
		bool auth;		/* the client sent its credentials */
	} lac;
} N;

static const char *users[][2] = {
	{ "alice", "wonderland" },
	{ "DOMAIN\\bob", "b0b-pässword" },
};

static u32 prng(u32 *s)
{
	*s = *s * 1103515245 + 12345;
	return *s >> 8;
}

static void copy(u8 *dst, size_t *dlen, const u8 *src, size_t len)
{
	if (len > 64)
		len = 64;
	memcpy(dst, src, len);
	*dlen = len;
}

/* Note what an LAC in node 0's place learns from the frames it sees. */
static void lac_watch(int from, const u8 *frame, size_t len)
{
	struct lac_seen *l = &N.lac;
	struct kl2tp_ppp_chap_msg m;
	struct kl2tp_ppp_pap_req r;
	struct kl2tp_ppp_frame f;
	struct kl2tp_ppp_cp cp;

	if (kl2tp_ppp_frame_parse(&f, frame, len) ||
	    kl2tp_ppp_cp_parse(&cp, f.data, f.len))
		return;
	if (f.proto == KL2TP_PPP_LCP && cp.code == KL2TP_PPP_CONF_REQ) {
		if (!from) {
			copy(l->sent, &l->sent_len, cp.data, cp.len);
			return;
		}
		if (!l->rcvd_len)
			copy(l->init, &l->init_len, cp.data, cp.len);
		copy(l->rcvd, &l->rcvd_len, cp.data, cp.len);
	} else if (f.proto == KL2TP_PPP_PAP && from &&
		   cp.code == KL2TP_PPP_PAP_REQ &&
		   !kl2tp_ppp_pap_parse_req(cp.data, cp.len, &r)) {
		l->type = KL2TP_PROXY_AUTH_PAP;
		l->id = cp.id;
		copy(l->name, &l->name_len, r.name, r.name_len);
		copy(l->resp, &l->resp_len, r.passwd, r.passwd_len);
		l->auth = true;
	} else if (f.proto == KL2TP_PPP_CHAP &&
		   !kl2tp_ppp_chap_parse(cp.data, cp.len, &m)) {
		if (!from && cp.code == KL2TP_PPP_CHAP_CHALLENGE) {
			copy(l->chal, &l->chal_len, m.value, m.value_len);
		} else if (from && cp.code == KL2TP_PPP_CHAP_RESPONSE) {
			l->type = KL2TP_PROXY_AUTH_CHAP;
			l->id = cp.id;
			copy(l->name, &l->name_len, m.name, m.name_len);
			copy(l->resp, &l->resp_len, m.value, m.value_len);
			l->auth = true;
		}
	}
}

static void n_send(void *ctx, const u8 *frame, size_t len)
{
	struct node *nd = ctx;
	struct frame *f;

	N.sent++;
	lac_watch(nd->id, frame, len);
	if (N.cut || N.qn >= QMAX || len > sizeof(f->data))
		return;
	if (N.loss_pct && (int)(prng(&N.loss_seed) % 100) < N.loss_pct)
		return;
	f = &N.q[N.qn++];
	f->dst = N.loop ? nd->id : !nd->id;
	f->at = N.now + DELAY;
	f->len = len;
	memcpy(f->data, frame, len);
}

static void n_random(void *ctx, void *buf, size_t len)
{
	struct node *nd = ctx;
	u8 *p = buf;

	while (len--)
		*p++ = prng(&nd->rnd);
}

static int n_lookup(void *ctx, const u8 *name, size_t len,
		    const u8 **secret, size_t *secret_len)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(users); i++) {
		if (strlen(users[i][0]) == len &&
		    !memcmp(users[i][0], name, len)) {
			*secret = (const u8 *)users[i][1];
			*secret_len = strlen(users[i][1]);
			return 0;
		}
	}
	return -ENOENT;
}

static int n_assign(void *ctx, const u8 *user, size_t len,
		    struct kl2tp_ppp_ipcp_addrs *a)
{
	struct node *nd = ctx;

	nd->assigns++;
	snprintf(nd->user, sizeof(nd->user), "%.*s", (int)len, user);
	if (nd->ipv6_assign) {
		struct kl2tp_ppp_ipv6cp_cfg c6 = { { 0 } };

		nd->set6_ret = kl2tp_ppp_session_set_ipv6(&nd->s, &nd->v6, &c6);
	}
	if (nd->pool_empty)
		return -ENOSPC;
	a->local = IP(10, 0, 0, 1);
	a->peer = IP(10, 0, 0, 100 + nd->assigns);
	a->dns1 = IP(192, 0, 2, 53);
	a->dns2 = nd->one_dns ? 0 : IP(192, 0, 2, 54);
	return 0;
}

static void n_release(void *ctx)
{
	((struct node *)ctx)->releases++;
}

static void n_up(void *ctx, const struct kl2tp_ppp_ipcp_addrs *a)
{
	struct node *nd = ctx;

	nd->ups++;
	nd->addrs = *a;
}

static void n_down(void *ctx, int reason, const char *why)
{
	((struct node *)ctx)->downs++;
}

static int n_up6(void *ctx, const u8 ours[KL2TP_PPP_IID_LEN],
		 const u8 peer[KL2TP_PPP_IID_LEN])
{
	struct node *nd = ctx;

	if (nd->refuse6) {
		nd->refused6++;
		return -ENODEV;
	}
	nd->ups6++;
	memcpy(nd->iid_ours, ours, KL2TP_PPP_IID_LEN);
	memcpy(nd->iid_peer, peer, KL2TP_PPP_IID_LEN);
	return 0;
}

static void n_down6(void *ctx, int reason, const char *why)
{
	((struct node *)ctx)->downs6++;
}

static void n_finished(void *ctx, int reason, const char *why)
{
	struct node *nd = ctx;

	nd->finished++;
	nd->finished_at = N.now;
	nd->reason = reason;
	snprintf(nd->why, sizeof(nd->why), "%s", why);
}

static const struct kl2tp_ppp_session_ops ops = {
	.send = n_send,
	.random = n_random,
	.lookup = n_lookup,
	.ipcp_assign = n_assign,
	.ipcp_release = n_release,
	.net_up = n_up,
	.net_down = n_down,
	.net6_up = n_up6,
	.net6_down = n_down6,
	.finished = n_finished,
};

static int verify_answer, verifies;
static u32 verify_seq;

static int n_verify(void *ctx, const struct kl2tp_ppp_auth_cred *c)
{
	verifies++;
	verify_seq = c->seq;
	return verify_answer;
}

/* The server's ops with an external check. */
static const struct kl2tp_ppp_session_ops vops = {
	.send = n_send,
	.random = n_random,
	.lookup = n_lookup,
	.verify = n_verify,
	.ipcp_assign = n_assign,
	.ipcp_release = n_release,
	.net_up = n_up,
	.net_down = n_down,
	.net6_up = n_up6,
	.net6_down = n_down6,
	.finished = n_finished,
};

static struct node *srv = &N.n[0];
static struct node *cli = &N.n[1];

/* Server: authenticates with @method; client: can do @cmethod. */
static void setup(u8 method, u8 cmethod, int user)
{
	memset(&N, 0, sizeof(N));
	N.n[0].id = 0;
	N.n[1].id = 1;
	N.n[0].rnd = 11;
	N.n[1].rnd = 22;
	srv->cfg.server = true;
	srv->cfg.name = (const u8 *)"lns";
	srv->cfg.name_len = 3;
	if (method) {
		srv->cfg.lcp.auth[0] = method;
		srv->cfg.lcp.n_auth = 1;
	}
	cli->cfg.name = (const u8 *)users[user][0];
	cli->cfg.name_len = strlen(users[user][0]);
	cli->cfg.secret = (const u8 *)users[user][1];
	cli->cfg.secret_len = strlen(users[user][1]);
	cli->cfg.want_dns = true;
	if (cmethod) {
		cli->cfg.lcp.peer_auth[0] = cmethod;
		cli->cfg.lcp.n_peer_auth = 1;
	}
}

static void init_all(void)
{
	struct kl2tp_ppp_ipv6cp_cfg c6 = { { 0 } };
	int k;

	CHECK_EQ(kl2tp_ppp_session_init(&srv->s, &srv->cfg, &ops, srv), 0);
	CHECK_EQ(kl2tp_ppp_session_init(&cli->s, &cli->cfg, &ops, cli), 0);
	for (k = 0; k < 2; k++)
		if (N.n[k].ipv6)
			CHECK_EQ(kl2tp_ppp_session_set_ipv6(&N.n[k].s,
							    &N.n[k].v6, &c6),
				 0);
}

static void start_all(void)
{
	init_all();
	kl2tp_ppp_session_start(&srv->s, N.now);
	kl2tp_ppp_session_start(&cli->s, N.now);
}

static bool both_up(void)
{
	return kl2tp_ppp_session_net_up(&srv->s) &&
	       kl2tp_ppp_session_net_up(&cli->s);
}

static bool both_finished(void)
{
	return srv->finished && cli->finished;
}

/* Deliver frames and fire timers until @done or @limit ms pass. */
static void run(bool (*done)(void), u64 limit)
{
	u64 end = N.now + limit;
	int i, k, spins = 0;

	while (N.now < end && !(done && done()) && spins++ < 1000000) {
		u64 next = end;
		u32 t;

		for (i = 0; i < N.qn; i++)
			if (N.q[i].at < next)
				next = N.q[i].at;
		for (k = 0; k < 2; k++) {
			t = kl2tp_ppp_session_next_timeout(&N.n[k].s, N.now);
			if (t != KL2TP_PPP_NO_TIMEOUT && N.now + t < next)
				next = N.now + t;
		}
		N.now = next;
		/* Deliver what is due, in order. */
		for (i = 0; i < N.qn;) {
			if (N.q[i].at > N.now) {
				i++;
				continue;
			}
			{
				static struct frame f;
				struct kl2tp_ppp_frame d;
				struct node *nd;

				f = N.q[i];
				memmove(N.q + i, N.q + i + 1,
					sizeof(N.q[0]) * (N.qn - i - 1));
				N.qn--;
				nd = &N.n[f.dst];
				if (kl2tp_ppp_session_input(&nd->s, N.now,
							    f.data, f.len,
							    &d) == 1)
					nd->data_frames++;
			}
		}
		for (k = 0; k < 2; k++)
			if (!kl2tp_ppp_session_next_timeout(&N.n[k].s, N.now))
				kl2tp_ppp_session_timer(&N.n[k].s, N.now);
	}
}

static void check_up(void)
{
	CHECK(both_up());
	CHECK_EQ(srv->s.phase, KL2TP_PPP_PHASE_NETWORK);
	CHECK_EQ(cli->s.phase, KL2TP_PPP_PHASE_NETWORK);
	CHECK_EQ(srv->ups, 1);
	CHECK_EQ(cli->ups, 1);
	CHECK_EQ(srv->addrs.local, IP(10, 0, 0, 1));
	CHECK_EQ(srv->addrs.peer, IP(10, 0, 0, 100 + srv->assigns));
	CHECK_EQ(cli->addrs.local, srv->addrs.peer);
	CHECK_EQ(cli->addrs.peer, IP(10, 0, 0, 1));
	CHECK_EQ(cli->addrs.dns1, IP(192, 0, 2, 53));
	CHECK_EQ(cli->addrs.dns2, IP(192, 0, 2, 54));
	CHECK_EQ(srv->addrs.dns1, IP(192, 0, 2, 53));
	CHECK(!srv->finished && !cli->finished);
}

static const u8 methods[] = {
	KL2TP_PPP_AUTH_PAP, KL2TP_PPP_AUTH_CHAP_MD5, KL2TP_PPP_AUTH_MSCHAPV2,
};

UNIT_TEST(t_up_each_method)
{
	size_t i;
	int u;

	for (u = 0; u < 2; u++) {
		for (i = 0; i < ARRAY_SIZE(methods); i++) {
			setup(methods[i], methods[i], u);
			start_all();
			run(both_up, 60000);
			check_up();
			CHECK(!strcmp(srv->user, users[u][0]));
			CHECK_EQ(srv->assigns, 1);
			/* No loss: well under one restart period. */
			CHECK(N.now < 1000);
			CHECK_EQ(srv->s.lcp.want_auth, methods[i]);
			CHECK_EQ(cli->s.lcp.peer_auth, methods[i]);
		}
	}
}

UNIT_TEST(t_wrong_password)
{
	static const char *bad = "guess";
	size_t i;

	for (i = 0; i < ARRAY_SIZE(methods); i++) {
		setup(methods[i], methods[i], 0);
		cli->cfg.secret = (const u8 *)bad;
		cli->cfg.secret_len = strlen(bad);
		start_all();
		run(both_finished, 120000);
		CHECK(both_finished());
		CHECK_EQ(srv->reason, KL2TP_PPP_R_AUTH_FAILED);
		CHECK(!strcmp(srv->why, "authentication failed"));
		CHECK(cli->reason == KL2TP_PPP_R_PEER_AUTH_FAILED ||
		      cli->reason == KL2TP_PPP_R_PEER_TERMINATE);
		CHECK_EQ(srv->ups + cli->ups, 0);
		CHECK_EQ(srv->assigns, 0);
		CHECK_EQ(srv->finished, 1);
		CHECK_EQ(cli->finished, 1);
		CHECK_EQ(srv->s.phase, KL2TP_PPP_PHASE_DEAD);
	}

	/* An unknown user. */
	setup(KL2TP_PPP_AUTH_CHAP_MD5, KL2TP_PPP_AUTH_CHAP_MD5, 0);
	cli->cfg.name = (const u8 *)"mallory";
	cli->cfg.name_len = 7;
	start_all();
	run(both_finished, 120000);
	CHECK_EQ(srv->reason, KL2TP_PPP_R_AUTH_FAILED);
}

/* 25% loss both ways, several seeds, every method: still converges. */
UNIT_TEST(t_loss)
{
	size_t i;
	u32 seed;
	int ok = 0, total = 0;

	for (i = 0; i < ARRAY_SIZE(methods); i++) {
		for (seed = 1; seed <= 8; seed++) {
			setup(methods[i], methods[i], (int)seed & 1);
			N.loss_seed = seed * 7919;
			N.loss_pct = 25;
			start_all();
			run(both_up, 300000);
			total++;
			if (both_up() && srv->addrs.peer == cli->addrs.local &&
			    cli->addrs.dns1 == IP(192, 0, 2, 53))
				ok++;
			else
				fprintf(stderr, "  method %zu seed %u: %s/%s\n",
					i, seed, srv->why, cli->why);
		}
	}
	CHECK_EQ(ok, total);
}

/* Nak rounds (auth method, MRU) and Reject rounds (PFC/ACFC, DNS2). */
UNIT_TEST(t_nak_reject_rounds)
{
	setup(KL2TP_PPP_AUTH_MSCHAPV2, KL2TP_PPP_AUTH_PAP, 0);
	srv->cfg.lcp.auth[1] = KL2TP_PPP_AUTH_CHAP_MD5;
	srv->cfg.lcp.auth[2] = KL2TP_PPP_AUTH_PAP;
	srv->cfg.lcp.n_auth = 3;
	srv->cfg.lcp.mru = 1400;
	cli->cfg.lcp.pfc = true;
	cli->cfg.lcp.acfc = true;
	cli->cfg.lcp.mru = 1000;
	/* One DNS server only: the client's DNS2 is Rejected. */
	srv->one_dns = true;
	start_all();
	run(both_up, 60000);
	CHECK(both_up());
	CHECK_EQ(srv->s.lcp.want_auth, KL2TP_PPP_AUTH_PAP);
	/* The client's Nak suggested PAP: taken at once. */
	CHECK_EQ(srv->s.lcp.auth_tried, 1 << KL2TP_PPP_AUTH_MSCHAPV2);
	/* The client asked for compression; the server rejected it. */
	CHECK(!cli->s.lcp.want_pfc && !cli->s.lcp.want_acfc);
	CHECK(!srv->s.lcp.peer_pfc && !srv->s.lcp.peer_acfc);
	/* MRUs as asked: each side sends at most the other's. */
	CHECK_EQ(srv->s.lcp.peer_mru, 1000);
	CHECK_EQ(cli->s.lcp.peer_mru, 1400);
	CHECK_EQ(srv->s.io.peer_mru, 1000);
	CHECK_EQ(cli->addrs.dns1, IP(192, 0, 2, 53));
	CHECK_EQ(cli->addrs.dns2, 0);
	CHECK(!cli->s.ipcp.req_dns2);
}

UNIT_TEST(t_auth_refused)
{
	/* The server insists on MS-CHAPv2; the client only knows PAP. */
	setup(KL2TP_PPP_AUTH_MSCHAPV2, KL2TP_PPP_AUTH_PAP, 0);
	start_all();
	run(both_finished, 60000);
	CHECK_EQ(srv->reason, KL2TP_PPP_R_AUTH_REFUSED);
	/*
	 * A Terminate-Request before LCP is Opened does not stop the
	 * client (RFC 1661 4.1: sta/6): it gives up after Max-Configure,
	 * unless the L2TP session goes first (it does in real life).
	 */
	CHECK_EQ(cli->reason, KL2TP_PPP_R_TIMEOUT);

	/* The client will not authenticate at all. */
	setup(KL2TP_PPP_AUTH_PAP, 0, 0);
	start_all();
	run(both_finished, 60000);
	CHECK_EQ(srv->reason, KL2TP_PPP_R_AUTH_REFUSED);
}

UNIT_TEST(t_no_auth)
{
	setup(0, KL2TP_PPP_AUTH_PAP, 0);
	start_all();
	run(both_up, 60000);
	CHECK(both_up());
	CHECK_EQ(srv->assigns, 1);
	CHECK_EQ(srv->user[0], 0);
}

UNIT_TEST(t_no_address)
{
	setup(KL2TP_PPP_AUTH_PAP, KL2TP_PPP_AUTH_PAP, 0);
	srv->pool_empty = true;
	start_all();
	run(both_finished, 60000);
	CHECK_EQ(srv->reason, KL2TP_PPP_R_NO_ADDRESS);
	CHECK_EQ(cli->reason, KL2TP_PPP_R_PEER_TERMINATE);
	CHECK_EQ(srv->assigns, 1);
	CHECK_EQ(srv->releases, 0);
}

/* Data flows once up, and only then; other protocols are rejected. */
UNIT_TEST(t_data_and_proto_reject)
{
	static const u8 ip[] = { 0xff, 0x03, 0x00, 0x21, 0x45, 0, 0, 20 };
	static const u8 ip_comp[] = { 0x21, 0x45, 0, 0, 20 };
	static const u8 v6cp[] = { 0xff, 0x03, 0x80, 0x57, 1, 1, 0, 4 };
	static const u8 v6[] = { 0xff, 0x03, 0x00, 0x57, 0x60, 0, 0, 0 };
	static const u8 ipcp_early[] = { 0xff, 0x03, 0x80, 0x21, 1, 1, 0, 4 };
	struct kl2tp_ppp_frame d;

	setup(KL2TP_PPP_AUTH_CHAP_MD5, KL2TP_PPP_AUTH_CHAP_MD5, 0);
	init_all();
	CHECK_EQ(kl2tp_ppp_session_input(&srv->s, 0, ip, sizeof(ip), &d),
		 -ENOTCONN);
	kl2tp_ppp_session_start(&srv->s, N.now);
	kl2tp_ppp_session_start(&cli->s, N.now);
	CHECK_EQ(kl2tp_ppp_session_start(&cli->s, N.now), -EALREADY);
	/* Before LCP is up: IP, IPCP, unknown protocols are dropped. */
	CHECK_EQ(kl2tp_ppp_session_input(&srv->s, 0, ip, sizeof(ip), &d),
		 -EPROTO);
	CHECK_EQ(kl2tp_ppp_session_input(&srv->s, 0, ipcp_early,
					 sizeof(ipcp_early), &d), -EPROTO);
	N.sent = 0;
	CHECK_EQ(kl2tp_ppp_session_input(&srv->s, 0, v6cp, sizeof(v6cp), &d),
		 -EPROTONOSUPPORT);
	CHECK_EQ(N.sent, 0);
	run(both_up, 60000);
	CHECK(both_up());

	CHECK_EQ(kl2tp_ppp_session_input(&srv->s, N.now, ip, sizeof(ip), &d),
		 1);
	CHECK_EQ(d.proto, KL2TP_PPP_IP);
	CHECK_EQ(d.len, 4);
	CHECK(d.data == ip + 4);
	CHECK_EQ(kl2tp_ppp_session_input(&srv->s, N.now, ip_comp,
					 sizeof(ip_comp), NULL), 1);

	/* IPV6CP and IPv6: Protocol-Reject. */
	N.qn = 0;
	CHECK_EQ(kl2tp_ppp_session_input(&srv->s, N.now, v6cp, sizeof(v6cp),
					 &d), -EPROTONOSUPPORT);
	CHECK_EQ(kl2tp_ppp_session_input(&srv->s, N.now, v6, sizeof(v6), &d),
		 -EPROTONOSUPPORT);
	CHECK_EQ(N.qn, 2);
	CHECK_EQ(kl2tp_get_be16(N.q[0].data + 2), KL2TP_PPP_LCP);
	CHECK_EQ(N.q[0].data[4], KL2TP_PPP_PROTO_REJ);
	CHECK_EQ(kl2tp_get_be16(N.q[0].data + 8), KL2TP_PPP_IPV6CP);
	CHECK_MEM(N.q[0].data + 10, v6cp + 4, 4);
	CHECK_EQ(kl2tp_get_be16(N.q[1].data + 8), KL2TP_PPP_IPV6);
	CHECK_EQ(srv->s.stats.rx_proto_rejected, 2);
	/* The client takes the rejects in its stride. */
	run(NULL, 1000);
	CHECK(both_up());
	/* Garbage. */
	CHECK_EQ(kl2tp_ppp_session_input(&srv->s, N.now, ip, 1, &d), -EBADMSG);
	CHECK(both_up());
}

/* The peer Protocol-Rejects IPCP: no network protocol left. */
UNIT_TEST(t_ipcp_rejected)
{
	u8 rej[16] = { 0xff, 0x03, 0xc0, 0x21, KL2TP_PPP_PROTO_REJ, 9, 0, 10,
		       0x80, 0x21, 1, 1, 0, 4 };

	setup(KL2TP_PPP_AUTH_PAP, KL2TP_PPP_AUTH_PAP, 0);
	start_all();
	run(both_up, 60000);
	CHECK_EQ(kl2tp_ppp_session_input(&srv->s, N.now, rej, 14, NULL), 0);
	CHECK_EQ(srv->downs, 1);
	CHECK_EQ(srv->releases, 0);
	run(both_finished, 60000);
	CHECK_EQ(srv->reason, KL2TP_PPP_R_NO_NCP);
	CHECK_EQ(srv->releases, 1);
	CHECK_EQ(cli->reason, KL2TP_PPP_R_PEER_TERMINATE);
	CHECK_EQ(cli->downs, 1);
}

UNIT_TEST(t_echo)
{
	u64 t0;

	/* Both send echoes every 10 s; an hour later both are still up. */
	setup(KL2TP_PPP_AUTH_PAP, KL2TP_PPP_AUTH_PAP, 0);
	srv->cfg.echo_interval_ms = 10000;
	cli->cfg.echo_interval_ms = 10000;
	srv->cfg.echo_failures = 3;
	start_all();
	run(both_up, 60000);
	run(NULL, 3600 * 1000);
	CHECK(both_up());
	CHECK(srv->s.stats.echo_sent >= 359);
	CHECK(cli->s.stats.echo_sent >= 359);
	CHECK(srv->s.lcp.echo_pending <= 1);

	/* The link dies: the server notices after 3 unanswered echoes. */
	N.cut = true;
	N.qn = 0;
	t0 = N.now;
	run(both_finished, 600000);
	CHECK_EQ(srv->reason, KL2TP_PPP_R_ECHO_TIMEOUT);
	CHECK(!strcmp(srv->why, "echo timeout"));
	CHECK_EQ(srv->downs, 1);
	CHECK_EQ(srv->releases, 1);
	/* 3 intervals unanswered, the 4th tick gives up, 2 x Terminate. */
	CHECK(srv->finished_at - t0 <= 4 * 10000 + 2 * KL2TP_PPP_DEF_RESTART);
	CHECK(srv->finished_at - t0 > 3 * 10000);
	/* The client, with the default 5 failures, a bit later. */
	CHECK_EQ(cli->reason, KL2TP_PPP_R_ECHO_TIMEOUT);
	CHECK(cli->finished_at > srv->finished_at);
}

UNIT_TEST(t_close)
{
	/* The server hangs up: both Dead, each for its reason. */
	setup(KL2TP_PPP_AUTH_MSCHAPV2, KL2TP_PPP_AUTH_MSCHAPV2, 0);
	start_all();
	run(both_up, 60000);
	kl2tp_ppp_session_close(&srv->s, N.now, KL2TP_PPP_R_ADMIN);
	CHECK_EQ(srv->s.phase, KL2TP_PPP_PHASE_TERMINATE);
	CHECK_EQ(srv->downs, 1);
	run(both_finished, 60000);
	CHECK_EQ(srv->reason, KL2TP_PPP_R_ADMIN);
	CHECK_EQ(cli->reason, KL2TP_PPP_R_PEER_TERMINATE);
	CHECK_EQ(srv->releases, 1);
	CHECK_EQ(cli->downs, 1);
	/* The client Acked at once; the server did not wait for a timeout. */
	CHECK(N.now < 60000);
	CHECK_EQ(kl2tp_ppp_session_next_timeout(&srv->s, N.now),
		 KL2TP_PPP_NO_TIMEOUT);
	/* Dead: nothing more is accepted or sent. */
	CHECK_EQ(kl2tp_ppp_session_input(&srv->s, N.now, N.q[0].data, 8,
					 NULL), -ENOTCONN);
	kl2tp_ppp_session_close(&srv->s, N.now, KL2TP_PPP_R_ADMIN);
	CHECK_EQ(srv->finished, 1);

	/* The L2TP session goes away: Dead at once, nothing sent. */
	setup(KL2TP_PPP_AUTH_PAP, KL2TP_PPP_AUTH_PAP, 0);
	start_all();
	run(both_up, 60000);
	N.sent = 0;
	kl2tp_ppp_session_lower_down(&srv->s, N.now);
	CHECK_EQ(N.sent, 0);
	CHECK_EQ(srv->finished, 1);
	CHECK_EQ(srv->reason, KL2TP_PPP_R_LOWER_DOWN);
	CHECK_EQ(srv->downs, 1);
	CHECK_EQ(srv->releases, 1);
	CHECK_EQ(srv->s.phase, KL2TP_PPP_PHASE_DEAD);
	kl2tp_ppp_session_lower_down(&srv->s, N.now);
	CHECK_EQ(srv->finished, 1);

	/* Lower down during LCP negotiation. */
	setup(KL2TP_PPP_AUTH_PAP, KL2TP_PPP_AUTH_PAP, 0);
	start_all();
	kl2tp_ppp_session_lower_down(&cli->s, N.now);
	CHECK_EQ(cli->finished, 1);
	CHECK_EQ(cli->downs, 0);

	/* Close before start: nothing to report. */
	setup(KL2TP_PPP_AUTH_PAP, KL2TP_PPP_AUTH_PAP, 0);
	init_all();
	kl2tp_ppp_session_close(&srv->s, 0, KL2TP_PPP_R_ADMIN);
	CHECK_EQ(srv->finished, 0);
	CHECK_EQ(kl2tp_ppp_session_next_timeout(&srv->s, 0),
		 KL2TP_PPP_NO_TIMEOUT);
}

/* Nobody answers: Max-Configure requests, then Dead. */
UNIT_TEST(t_no_peer)
{
	setup(KL2TP_PPP_AUTH_PAP, KL2TP_PPP_AUTH_PAP, 0);
	N.cut = true;
	init_all();
	kl2tp_ppp_session_start(&srv->s, 0);
	run(NULL, 100000);
	CHECK_EQ(srv->finished, 1);
	CHECK_EQ(srv->reason, KL2TP_PPP_R_TIMEOUT);
	CHECK_EQ(N.sent, KL2TP_PPP_DEF_MAX_CONFIGURE);
	CHECK_EQ(N.now, 100000);
}

/* Auth never completes: the peer stops answering after LCP. */
UNIT_TEST(t_auth_timeout)
{
	setup(KL2TP_PPP_AUTH_CHAP_MD5, KL2TP_PPP_AUTH_CHAP_MD5, 0);
	start_all();
	run(NULL, 50);	/* LCP done, the challenge in flight */
	CHECK_EQ(srv->s.phase, KL2TP_PPP_PHASE_AUTHENTICATE);
	N.cut = true;
	N.qn = 0;
	run(both_finished, 200000);
	CHECK_EQ(srv->reason, KL2TP_PPP_R_AUTH_TIMEOUT);
	CHECK_EQ(cli->reason, KL2TP_PPP_R_AUTH_TIMEOUT);
}

/* A looped-back link is detected by LCP. */
UNIT_TEST(t_looped)
{
	setup(KL2TP_PPP_AUTH_PAP, KL2TP_PPP_AUTH_PAP, 0);
	N.loop = true;
	init_all();
	kl2tp_ppp_session_start(&cli->s, 0);
	run(NULL, 60000);
	CHECK_EQ(cli->finished, 1);
	CHECK_EQ(cli->reason, KL2TP_PPP_R_LOOPBACK);
}

/* The peer renegotiates LCP: down, auth again, up again. */
UNIT_TEST(t_renegotiate)
{
	static const u8 cr[] = { 0xff, 0x03, 0xc0, 0x21, 1, 0x77, 0, 4 };

	setup(KL2TP_PPP_AUTH_MSCHAPV2, KL2TP_PPP_AUTH_MSCHAPV2, 1);
	start_all();
	run(both_up, 60000);
	/* As if the client had sent a fresh Configure-Request. */
	kl2tp_ppp_session_input(&srv->s, N.now, cr, sizeof(cr), NULL);
	CHECK_EQ(srv->downs, 1);
	CHECK_EQ(srv->releases, 1);
	CHECK_EQ(srv->s.phase, KL2TP_PPP_PHASE_ESTABLISH);
	run(both_up, 60000);
	CHECK(both_up());
	CHECK_EQ(srv->ups, 2);
	CHECK_EQ(srv->assigns, 2);
	CHECK_EQ(cli->ups, 2);
	CHECK_EQ(cli->addrs.local, IP(10, 0, 0, 102));
	CHECK(!srv->finished && !cli->finished);
}

UNIT_TEST(t_init_errors)
{
	struct kl2tp_ppp_session_ops bad = ops;
	static struct kl2tp_ppp_session s;

	setup(KL2TP_PPP_AUTH_PAP, KL2TP_PPP_AUTH_PAP, 0);
	bad.ipcp_assign = NULL;
	CHECK_EQ(kl2tp_ppp_session_init(&s, &srv->cfg, &bad, srv), -EINVAL);
	CHECK_EQ(kl2tp_ppp_session_init(&s, &cli->cfg, &bad, cli), 0);
	bad.random = NULL;
	CHECK_EQ(kl2tp_ppp_session_init(&s, &cli->cfg, &bad, cli), -EINVAL);
	cli->cfg.lcp.mru = 20;
	CHECK_EQ(kl2tp_ppp_session_init(&s, &cli->cfg, &ops, cli), -EINVAL);
	cli->cfg.lcp.mru = 0;
	cli->cfg.secret_len = 300;
	CHECK_EQ(kl2tp_ppp_session_init(&s, &cli->cfg, &ops, cli), -EINVAL);
	CHECK(sizeof(struct kl2tp_ppp_session) < 4096);
	CHECK(!strcmp(kl2tp_ppp_phase_name(KL2TP_PPP_PHASE_NETWORK),
		      "Network"));
	CHECK(!strcmp(kl2tp_ppp_phase_name(9), "unknown"));
}

/* ---- proxy LCP and proxy authentication ---- */

/* Node 0's counters, for a new engine in its place. */
static void node_reset(struct node *nd)
{
	nd->finished = 0;
	nd->finished_at = 0;
	nd->reason = 0;
	nd->why[0] = 0;
	nd->ups = 0;
	nd->downs = 0;
	nd->assigns = 0;
	nd->releases = 0;
	nd->user[0] = 0;
	memset(&nd->addrs, 0, sizeof(nd->addrs));
	nd->data_frames = 0;
}

static bool lac_done(void)
{
	return kl2tp_ppp_fsm_opened(&cli->s.lcp.fsm) &&
	       (N.lac.auth || cli->s.auth.cli.method == KL2TP_PPP_AUTH_NONE);
}

/*
 * The client (as setup() made it) dials an LAC that authenticates with
 * @lac_method: LCP, then the client's credentials, which the LAC keeps
 * (they never arrive). The LAC hands the call over: what is in flight is
 * lost and node 0 is free for the LNS (srv->cfg as before the call).
 */
static void dial_lac(u8 lac_method)
{
	struct kl2tp_ppp_session_cfg lns = srv->cfg;

	srv->cfg.name = (const u8 *)"lac";
	srv->cfg.lcp.n_auth = 0;
	if (lac_method) {
		srv->cfg.lcp.auth[0] = lac_method;
		srv->cfg.lcp.n_auth = 1;
	}
	srv->cfg.force_chap = false;
	start_all();
	run(lac_done, 10000);
	CHECK(lac_done());
	N.qn = 0;
	srv->cfg = lns;
	node_reset(srv);
}

/* The proxy AVPs of the LAC's ICCN. */
static void lac_proxy(struct kl2tp_ppp_proxy *p)
{
	struct lac_seen *l = &N.lac;

	memset(p, 0, sizeof(*p));
	p->initial_rcvd = l->init;
	p->initial_rcvd_len = l->init_len;
	p->last_sent = l->sent;
	p->last_sent_len = l->sent_len;
	p->last_rcvd = l->rcvd;
	p->last_rcvd_len = l->rcvd_len;
	p->auth_type = l->auth ? l->type : KL2TP_PROXY_AUTH_NONE;
	p->auth_name = l->name;
	p->auth_name_len = l->name_len;
	p->auth_challenge = l->chal;
	p->auth_challenge_len = l->chal_len;
	p->auth_id = l->id;
	p->auth_response = l->resp;
	p->auth_response_len = l->resp_len;
}

/* Node 0 becomes the LNS, started on @p. */
static int lns_start(const struct kl2tp_ppp_proxy *p)
{
	CHECK_EQ(kl2tp_ppp_session_init(&srv->s, &srv->cfg, &ops, srv), 0);
	N.sent = 0;
	return kl2tp_ppp_session_start_proxy(&srv->s, N.now, p);
}

/* The Code of the @nth frame of @proto in flight to the client, or -1. */
static int sent_code(u16 proto, int nth)
{
	int i;

	for (i = 0; i < N.qn; i++)
		if (N.q[i].dst == 1 &&
		    kl2tp_get_be16(N.q[i].data + 2) == proto && !nth--)
			return N.q[i].data[4];
	return -1;
}

static int sent_id(u16 proto)
{
	int i;

	for (i = 0; i < N.qn; i++)
		if (N.q[i].dst == 1 &&
		    kl2tp_get_be16(N.q[i].data + 2) == proto)
			return N.q[i].data[5];
	return -1;
}

/* Proxy LCP taken: Opened at once, keepalives and Terminate work. */
UNIT_TEST(t_proxy_lcp)
{
	struct kl2tp_ppp_proxy p;
	u32 lac_magic;
	u8 reqid;

	setup(0, KL2TP_PPP_AUTH_PAP, 0);
	srv->cfg.echo_interval_ms = 10000;
	cli->cfg.echo_interval_ms = 10000;
	dial_lac(KL2TP_PPP_AUTH_NONE);
	lac_magic = srv->s.lcp.magic;
	CHECK(lac_magic && cli->s.lcp.peer_magic == lac_magic);
	reqid = cli->s.lcp.fsm.reqid;
	lac_proxy(&p);
	CHECK_EQ(lns_start(&p), 0);
	CHECK(srv->s.proxy_lcp);
	CHECK(!srv->s.proxy);
	CHECK_EQ(srv->s.lcp.fsm.state, KL2TP_PPP_OPENED);
	CHECK_EQ(srv->s.lcp.magic, lac_magic);
	CHECK_EQ(srv->s.lcp.peer_magic, cli->s.lcp.magic);
	/* No authentication configured: straight to Network. */
	CHECK_EQ(srv->s.phase, KL2TP_PPP_PHASE_NETWORK);
	CHECK_EQ(srv->assigns, 1);
	CHECK_EQ(srv->user[0], 0);
	CHECK_EQ(sent_code(KL2TP_PPP_LCP, 0), -1);
	CHECK_EQ(sent_code(KL2TP_PPP_IPCP, 0), KL2TP_PPP_CONF_REQ);
	run(both_up, 60000);
	check_up();
	/* The client's LCP never had to renegotiate. */
	CHECK_EQ(cli->s.lcp.fsm.reqid, reqid);

	run(NULL, 3600 * 1000);
	CHECK(both_up());
	CHECK(srv->s.stats.echo_sent >= 359);
	CHECK(cli->s.stats.echo_sent >= 359);
	CHECK(srv->s.lcp.echo_pending <= 1);
	CHECK(cli->s.lcp.echo_pending <= 1);
	CHECK_EQ(srv->s.lcp.rx_looped + cli->s.lcp.rx_looped, 0);
	CHECK_EQ(cli->s.lcp.fsm.reqid, reqid);

	kl2tp_ppp_session_close(&cli->s, N.now, KL2TP_PPP_R_ADMIN);
	run(both_finished, 60000);
	CHECK_EQ(srv->reason, KL2TP_PPP_R_PEER_TERMINATE);
	CHECK_EQ(cli->reason, KL2TP_PPP_R_ADMIN);
	CHECK_EQ(srv->releases, 1);
}

/* Proxy LCP not taken: negotiated from scratch, authenticated as usual. */
UNIT_TEST(t_proxy_lcp_fallback)
{
	static const u8 mru_small[] = { KL2TP_PPP_LCP_MRU, 4, 0, 100 };
	static const u8 callback[] = { 13, 3, 6 };
	struct kl2tp_ppp_proxy p;
	static u8 buf[128];
	int i, failures;

	for (i = 0; i < 11; i++) {
		failures = unit_failures;
		setup(KL2TP_PPP_AUTH_PAP, KL2TP_PPP_AUTH_PAP, 0);
		if (i == 6) {
			/* The LNS wants CHAP; the LAC did PAP. */
			srv->cfg.lcp.auth[0] = KL2TP_PPP_AUTH_CHAP_MD5;
			cli->cfg.lcp.peer_auth[1] = KL2TP_PPP_AUTH_CHAP_MD5;
			cli->cfg.lcp.n_peer_auth = 2;
		}
		if (i == 8) {
			/* Our own challenge, but the client agreed to PAP. */
			srv->cfg.lcp.auth[1] = KL2TP_PPP_AUTH_CHAP_MD5;
			srv->cfg.lcp.n_auth = 2;
			srv->cfg.force_chap = true;
		}
		if (i == 10) {
			/* The LAC asked for no authentication. */
			dial_lac(KL2TP_PPP_AUTH_NONE);
		} else {
			dial_lac(KL2TP_PPP_AUTH_PAP);
		}
		lac_proxy(&p);
		CHECK_EQ(p.auth_type, i == 10 ? KL2TP_PROXY_AUTH_NONE :
						KL2TP_PROXY_AUTH_PAP);
		switch (i) {
		case 1:
			srv->cfg.lcp_renegotiate = true;
			break;
		case 2:
			buf[0] = p.last_sent[0];
			buf[1] = 0xff;	/* runs past the list */
			memcpy(buf + 2, p.last_sent + 2, p.last_sent_len - 2);
			p.last_sent = buf;
			break;
		case 3:
			p.last_rcvd = NULL;
			p.last_rcvd_len = 0;
			break;
		case 4:
		case 5:
		case 7:
			memcpy(buf, p.last_rcvd, p.last_rcvd_len);
			if (i == 4)
				memcpy(buf + p.last_rcvd_len, mru_small, 4);
			else if (i == 5)
				memcpy(buf + p.last_rcvd_len, callback, 3);
			else	/* the peer's magic is ours: looped */
				kl2tp_put_be32(buf + p.last_rcvd_len + 2,
					       srv->s.lcp.magic);
			if (i == 7) {
				buf[p.last_rcvd_len] = KL2TP_PPP_LCP_MAGIC;
				buf[p.last_rcvd_len + 1] = 6;
			}
			p.last_rcvd = buf;
			p.last_rcvd_len += i == 5 ? 3 : i == 4 ? 4 : 6;
			break;
		case 9:
			p.last_sent_len = 0;
			break;
		default:
			break;
		}
		CHECK_EQ(lns_start(i ? &p : NULL), 0);
		CHECK(!srv->s.proxy_lcp);
		CHECK_EQ(srv->s.lcp.fsm.state, KL2TP_PPP_REQ_SENT);
		CHECK_EQ(sent_code(KL2TP_PPP_LCP, 0), KL2TP_PPP_CONF_REQ);
		CHECK_EQ(sent_code(KL2TP_PPP_PAP, 0), -1);
		run(both_up, 60000);
		check_up();
		CHECK(!srv->s.proxy_auth);
		CHECK(!strcmp(srv->user, "alice"));
		CHECK_EQ(srv->s.lcp.want_auth, i == 6 ?
			 KL2TP_PPP_AUTH_CHAP_MD5 : KL2TP_PPP_AUTH_PAP);
		if (unit_failures != failures)
			fprintf(stderr, "  case %d\n", i);
	}
}

/* Proxy PAP (and textual): checked at once, the client gets the answer. */
UNIT_TEST(t_proxy_pap)
{
	struct kl2tp_ppp_proxy p;
	static u8 pw[80];
	int u, i;

	for (u = 0; u < 2; u++) {
		for (i = 0; i < 3; i++) {
			setup(KL2TP_PPP_AUTH_PAP, KL2TP_PPP_AUTH_PAP, u);
			dial_lac(KL2TP_PPP_AUTH_PAP);
			lac_proxy(&p);
			CHECK_EQ(p.auth_type, KL2TP_PROXY_AUTH_PAP);
			if (i == 1) {
				/* NUL-terminated and padded */
				memset(pw, 0, sizeof(pw));
				memcpy(pw, p.auth_response,
				       p.auth_response_len);
				p.auth_response = pw;
				p.auth_response_len += 5;
			}
			if (i == 2)
				p.auth_type = KL2TP_PROXY_AUTH_TEXT;
			CHECK_EQ(lns_start(&p), 0);
			CHECK(srv->s.proxy_lcp && srv->s.proxy_auth);
			CHECK_EQ(sent_code(KL2TP_PPP_PAP, 0),
				 KL2TP_PPP_PAP_ACK);
			CHECK_EQ(sent_id(KL2TP_PPP_PAP), p.auth_id);
			CHECK_EQ(sent_code(KL2TP_PPP_LCP, 0), -1);
			/* Network at once, for the user the LAC saw. */
			CHECK_EQ(srv->s.phase, KL2TP_PPP_PHASE_NETWORK);
			CHECK_EQ(srv->assigns, 1);
			CHECK(!strcmp(srv->user, users[u][0]));
			CHECK_EQ(srv->s.auth.peer_name_len,
				 strlen(users[u][0]));
			run(both_up, 60000);
			check_up();
			CHECK(N.now < 1000);
			CHECK(!strcmp(srv->user, users[u][0]));
		}
	}

	/* A wrong password, an unknown user. */
	for (i = 0; i < 2; i++) {
		setup(KL2TP_PPP_AUTH_PAP, KL2TP_PPP_AUTH_PAP, 0);
		dial_lac(KL2TP_PPP_AUTH_PAP);
		lac_proxy(&p);
		if (i) {
			p.auth_name = (const u8 *)"mallory";
			p.auth_name_len = 7;
		} else {
			p.auth_response = (const u8 *)"guess";
			p.auth_response_len = 5;
		}
		CHECK_EQ(lns_start(&p), 0);
		CHECK_EQ(sent_code(KL2TP_PPP_PAP, 0), KL2TP_PPP_PAP_NAK);
		CHECK_EQ(sent_code(KL2TP_PPP_LCP, 0), KL2TP_PPP_TERM_REQ);
		CHECK_EQ(srv->s.phase, KL2TP_PPP_PHASE_TERMINATE);
		run(both_finished, 60000);
		CHECK(both_finished());
		CHECK_EQ(srv->reason, KL2TP_PPP_R_AUTH_FAILED);
		CHECK(cli->reason == KL2TP_PPP_R_PEER_AUTH_FAILED ||
		      cli->reason == KL2TP_PPP_R_PEER_TERMINATE);
		CHECK_EQ(srv->assigns + srv->ups + cli->ups, 0);
		CHECK_EQ(srv->finished, 1);
	}
}

/* Proxy CHAP: the Response to the LAC's Challenge is checked. */
UNIT_TEST(t_proxy_chap)
{
	struct kl2tp_ppp_proxy p;
	int u, i;

	for (u = 0; u < 2; u++) {
		for (i = 0; i < 2; i++) {
			setup(KL2TP_PPP_AUTH_CHAP_MD5, KL2TP_PPP_AUTH_CHAP_MD5,
			      u);
			dial_lac(KL2TP_PPP_AUTH_CHAP_MD5);
			lac_proxy(&p);
			CHECK_EQ(p.auth_type, KL2TP_PROXY_AUTH_CHAP);
			CHECK_EQ(p.auth_challenge_len, 16);
			CHECK_EQ(p.auth_response_len, 16);
			if (i)
				N.lac.resp[7] ^= 0x40;
			CHECK_EQ(lns_start(&p), 0);
			CHECK_EQ(sent_code(KL2TP_PPP_CHAP, 0),
				 i ? KL2TP_PPP_CHAP_FAILURE :
				     KL2TP_PPP_CHAP_SUCCESS);
			CHECK_EQ(sent_id(KL2TP_PPP_CHAP), p.auth_id);
			if (i) {
				run(both_finished, 60000);
				CHECK_EQ(srv->reason, KL2TP_PPP_R_AUTH_FAILED);
				CHECK_EQ(cli->reason,
					 KL2TP_PPP_R_PEER_AUTH_FAILED);
				CHECK_EQ(srv->assigns, 0);
				continue;
			}
			CHECK(srv->s.proxy_auth);
			run(both_up, 60000);
			check_up();
			CHECK(!strcmp(srv->user, users[u][0]));
			CHECK_EQ(srv->s.auth.srv.method,
				 KL2TP_PPP_AUTH_CHAP_MD5);
		}
	}
}

/* force_chap: our own Challenge even over valid proxy credentials. */
UNIT_TEST(t_proxy_force_chap)
{
	static const char *good = "wonderland";
	struct kl2tp_ppp_proxy p;
	static u8 resp[16];
	int force;

	for (force = 0; force < 2; force++) {
		/* Valid proxy credentials, the client itself the same. */
		setup(KL2TP_PPP_AUTH_CHAP_MD5, KL2TP_PPP_AUTH_CHAP_MD5, 0);
		srv->cfg.force_chap = force;
		dial_lac(KL2TP_PPP_AUTH_CHAP_MD5);
		lac_proxy(&p);
		CHECK_EQ(lns_start(&p), 0);
		CHECK(srv->s.proxy_lcp);
		CHECK_EQ(srv->s.proxy_auth, !force);
		CHECK_EQ(sent_code(KL2TP_PPP_CHAP, 0),
			 force ? KL2TP_PPP_CHAP_CHALLENGE :
				 KL2TP_PPP_CHAP_SUCCESS);
		CHECK_EQ(srv->assigns, !force);
		run(both_up, 60000);
		check_up();
		CHECK(!strcmp(srv->user, "alice"));

		/* The proxy vouches for alice; the client cannot prove it. */
		setup(KL2TP_PPP_AUTH_CHAP_MD5, KL2TP_PPP_AUTH_CHAP_MD5, 0);
		cli->cfg.secret = (const u8 *)"guess";
		cli->cfg.secret_len = 5;
		srv->cfg.force_chap = force;
		dial_lac(KL2TP_PPP_AUTH_CHAP_MD5);
		lac_proxy(&p);
		CHECK_EQ(kl2tp_ppp_chap_md5(p.auth_id, (const u8 *)good,
					    strlen(good), p.auth_challenge,
					    p.auth_challenge_len, resp), 0);
		p.auth_response = resp;
		CHECK_EQ(lns_start(&p), 0);
		if (force) {
			run(both_finished, 60000);
			CHECK_EQ(srv->reason, KL2TP_PPP_R_AUTH_FAILED);
			CHECK_EQ(srv->assigns, 0);
		} else {
			run(both_up, 60000);
			check_up();
		}
	}
}

/*
 * Proxy authentication absent, none, MS-CHAPv1 or not what LCP agreed
 * on: the LNS runs the agreed method itself.
 */
UNIT_TEST(t_proxy_own_auth)
{
	static const u16 types[] = {
		KL2TP_PROXY_AUTH_NONE, 0, KL2TP_PROXY_AUTH_MSCHAPV1,
		KL2TP_PROXY_AUTH_PAP, KL2TP_PROXY_AUTH_TEXT, 77,
	};
	struct kl2tp_ppp_proxy p;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(types); i++) {
		setup(KL2TP_PPP_AUTH_CHAP_MD5, KL2TP_PPP_AUTH_CHAP_MD5, 0);
		dial_lac(KL2TP_PPP_AUTH_CHAP_MD5);
		lac_proxy(&p);
		p.auth_type = types[i];
		CHECK_EQ(lns_start(&p), 0);
		CHECK(srv->s.proxy_lcp && !srv->s.proxy_auth);
		CHECK_EQ(srv->s.phase, KL2TP_PPP_PHASE_AUTHENTICATE);
		CHECK_EQ(sent_code(KL2TP_PPP_CHAP, 0),
			 KL2TP_PPP_CHAP_CHALLENGE);
		CHECK_EQ(sent_code(KL2TP_PPP_CHAP, 1), -1);
		run(both_up, 60000);
		check_up();
		CHECK(!strcmp(srv->user, "alice"));
	}

	/* CHAP-MD5 credentials of the wrong size. */
	setup(KL2TP_PPP_AUTH_CHAP_MD5, KL2TP_PPP_AUTH_CHAP_MD5, 1);
	dial_lac(KL2TP_PPP_AUTH_CHAP_MD5);
	lac_proxy(&p);
	p.auth_response_len = 15;
	CHECK_EQ(lns_start(&p), 0);
	CHECK_EQ(sent_code(KL2TP_PPP_CHAP, 0), KL2TP_PPP_CHAP_CHALLENGE);
	run(both_up, 60000);
	check_up();
	CHECK(!strcmp(srv->user, users[1][0]));

	/* MS-CHAPv2 agreed: an MS-CHAPv2 Challenge of ours. */
	setup(KL2TP_PPP_AUTH_MSCHAPV2, KL2TP_PPP_AUTH_MSCHAPV2, 1);
	dial_lac(KL2TP_PPP_AUTH_MSCHAPV2);
	lac_proxy(&p);
	p.auth_type = KL2TP_PROXY_AUTH_CHAP;
	CHECK_EQ(lns_start(&p), 0);
	CHECK_EQ(srv->s.auth.srv.method, KL2TP_PPP_AUTH_MSCHAPV2);
	CHECK_EQ(sent_code(KL2TP_PPP_CHAP, 0), KL2TP_PPP_CHAP_CHALLENGE);
	run(both_up, 60000);
	check_up();
	CHECK(!strcmp(srv->user, users[1][0]));

	/* PAP agreed, CHAP proxied: wait for the client's next request. */
	setup(KL2TP_PPP_AUTH_PAP, KL2TP_PPP_AUTH_PAP, 0);
	dial_lac(KL2TP_PPP_AUTH_PAP);
	lac_proxy(&p);
	p.auth_type = KL2TP_PROXY_AUTH_CHAP;
	CHECK_EQ(lns_start(&p), 0);
	CHECK_EQ(N.qn, 0);
	CHECK_EQ(srv->s.phase, KL2TP_PPP_PHASE_AUTHENTICATE);
	run(both_up, 60000);
	check_up();
	CHECK(!strcmp(srv->user, "alice"));
	/* The client's PAP retransmission came after a restart period. */
	CHECK(N.now >= KL2TP_PPP_DEF_RESTART);
}

UNIT_TEST(t_proxy_errors)
{
	struct kl2tp_ppp_proxy p;

	setup(KL2TP_PPP_AUTH_PAP, KL2TP_PPP_AUTH_PAP, 0);
	init_all();
	memset(&p, 0, sizeof(p));
	/* Clients do not take over calls. */
	CHECK_EQ(kl2tp_ppp_session_start_proxy(&cli->s, 0, &p), -EINVAL);
	CHECK_EQ(kl2tp_ppp_session_start_proxy(&cli->s, 0, NULL), -EINVAL);
	CHECK(!cli->s.started);
	CHECK_EQ(kl2tp_ppp_session_start_proxy(&srv->s, 0, &p), 0);
	CHECK_EQ(kl2tp_ppp_session_start_proxy(&srv->s, 0, &p), -EALREADY);
	CHECK_EQ(kl2tp_ppp_session_start(&srv->s, 0), -EALREADY);
	CHECK_EQ(srv->s.lcp.fsm.state, KL2TP_PPP_REQ_SENT);

}

/* force_chap without a CHAP method: the proxied LCP is never taken. */
UNIT_TEST(t_proxy_force_chap_pap_only)
{
	struct kl2tp_ppp_proxy p;

	setup(KL2TP_PPP_AUTH_PAP, KL2TP_PPP_AUTH_PAP, 0);
	srv->cfg.force_chap = true;
	dial_lac(KL2TP_PPP_AUTH_PAP);
	lac_proxy(&p);
	CHECK_EQ(lns_start(&p), 0);
	CHECK(!srv->s.proxy_lcp);
	CHECK_EQ(srv->s.lcp.fsm.state, KL2TP_PPP_REQ_SENT);
	run(both_up, 60000);
	check_up();
	CHECK(!strcmp(srv->user, "alice"));
}

/*
 * A verdict that comes later: the server waits in Authenticate (no
 * address assigned, no hang-up; 20 s here, under the client's 30 s of
 * retries), then comes up with the
 * user the peer named, or hangs up refused; a second verdict is late.
 */
UNIT_TEST(t_verify_verdict)
{
	static const u8 m[] = { KL2TP_PPP_AUTH_PAP, KL2TP_PPP_AUTH_CHAP_MD5 };
	size_t i;
	int ok;

	for (ok = 0; ok < 2; ok++) {
		for (i = 0; i < ARRAY_SIZE(m); i++) {
			setup(m[i], m[i], 1);
			verifies = 0;
			verify_answer = KL2TP_PPP_VERIFY_PENDING;
			CHECK_EQ(kl2tp_ppp_session_init(&srv->s, &srv->cfg, &vops,
							srv), 0);
			CHECK_EQ(kl2tp_ppp_session_init(&cli->s, &cli->cfg, &ops,
							cli), 0);
			kl2tp_ppp_session_start(&srv->s, N.now);
			kl2tp_ppp_session_start(&cli->s, N.now);
			run(NULL, 20000);
			CHECK_EQ(srv->s.phase, KL2TP_PPP_PHASE_AUTHENTICATE);
			CHECK_EQ(verifies, 1);
			CHECK_EQ(srv->assigns, 0);
			CHECK(!srv->finished);
			CHECK_EQ(kl2tp_ppp_session_verdict(&srv->s, N.now,
							   verify_seq, ok, NULL, 0), 0);
			if (ok) {
				run(both_up, 60000);
				check_up();
				CHECK(!strcmp(srv->user, users[1][0]));
			} else {
				run(both_finished, 60000);
				CHECK_EQ(srv->reason, KL2TP_PPP_R_AUTH_FAILED);
				CHECK_EQ(srv->assigns, 0);
			}
			CHECK_EQ(kl2tp_ppp_session_verdict(&srv->s, N.now,
							   verify_seq, true, NULL, 0),
				 -EALREADY);
		}
	}
}

/* ---- IPV6CP ---- */

static bool both_up6(void)
{
	return both_up() && srv->s.up6 && cli->s.up6;
}

static bool ncp_idle(const struct kl2tp_ppp_fsm *f)
{
	return f->state <= KL2TP_PPP_STOPPED;
}

static bool srv_v6_idle(void)
{
	return ncp_idle(&srv->v6.fsm);
}

static bool cli_v6_idle(void)
{
	return ncp_idle(&cli->v6.fsm);
}

static void check_up6(void)
{
	static const u8 zero[KL2TP_PPP_IID_LEN];

	CHECK(both_up6());
	CHECK_EQ(srv->ups6, 1);
	CHECK_EQ(cli->ups6, 1);
	CHECK_MEM(srv->iid_ours, cli->iid_peer, KL2TP_PPP_IID_LEN);
	CHECK_MEM(srv->iid_peer, cli->iid_ours, KL2TP_PPP_IID_LEN);
	CHECK(memcmp(srv->iid_ours, srv->iid_peer, KL2TP_PPP_IID_LEN));
	CHECK(memcmp(srv->iid_ours, zero, KL2TP_PPP_IID_LEN));
	CHECK(memcmp(srv->iid_peer, zero, KL2TP_PPP_IID_LEN));
}

/* Both ends run IPV6CP: both protocols up, IPv6 frames go to the glue. */
UNIT_TEST(t_ipv6_dual)
{
	static const u8 v6[] = { 0xff, 0x03, 0x00, 0x57, 0x60, 0, 0, 0 };
	static const u8 v6_comp[] = { 0x57, 0x60, 0, 0, 0 };
	struct kl2tp_ppp_ipv6cp_cfg c6 = { { 0 } };
	struct kl2tp_ppp_ipv6cp other;
	struct kl2tp_ppp_frame d;

	setup(KL2TP_PPP_AUTH_CHAP_MD5, KL2TP_PPP_AUTH_CHAP_MD5, 0);
	srv->ipv6 = true;
	cli->ipv6 = true;
	init_all();
	CHECK_EQ(kl2tp_ppp_session_set_ipv6(&srv->s, &other, &c6), -EBUSY);
	kl2tp_ppp_session_start(&srv->s, N.now);
	kl2tp_ppp_session_start(&cli->s, N.now);
	CHECK_EQ(kl2tp_ppp_session_set_ipv6(&cli->s, &other, &c6), -EALREADY);
	/* Before the Network phase: IPv6 is dropped, not rejected. */
	N.sent = 0;
	CHECK_EQ(kl2tp_ppp_session_input(&srv->s, N.now, v6, sizeof(v6), &d),
		 -EPROTO);
	CHECK_EQ(N.sent, 0);
	run(both_up6, 60000);
	check_up();
	check_up6();
	CHECK_EQ(kl2tp_ppp_session_input(&srv->s, N.now, v6, sizeof(v6), &d),
		 1);
	CHECK_EQ(d.proto, KL2TP_PPP_IPV6);
	CHECK(d.data == v6 + 4);
	CHECK_EQ(d.len, 4);
	CHECK_EQ(kl2tp_ppp_session_input(&cli->s, N.now, v6_comp,
					 sizeof(v6_comp), NULL), 1);
	CHECK_EQ(srv->s.stats.rx_proto_rejected, 0);
	CHECK_EQ(cli->s.stats.rx_proto_rejected, 0);
	/* Down together at the end. */
	kl2tp_ppp_session_close(&cli->s, N.now, KL2TP_PPP_R_ADMIN);
	run(both_finished, 60000);
	CHECK_EQ(srv->downs6, 1);
	CHECK_EQ(cli->downs6, 1);
	CHECK_EQ(srv->downs, 1);
	CHECK_EQ(cli->reason, KL2TP_PPP_R_ADMIN);
}

/*
 * A server that learns from the user that the session is dual-stack: it
 * hands IPV6CP over in ipcp_assign; a renegotiation cannot set it twice.
 */
UNIT_TEST(t_ipv6_at_assign)
{
	static const u8 cr[] = { 0xff, 0x03, 0xc0, 0x21, 1, 0x77, 0, 4 };

	setup(KL2TP_PPP_AUTH_PAP, KL2TP_PPP_AUTH_PAP, 0);
	srv->ipv6_assign = true;
	cli->ipv6 = true;
	start_all();
	run(both_up6, 60000);
	CHECK_EQ(srv->set6_ret, 0);
	check_up6();
	kl2tp_ppp_session_input(&srv->s, N.now, cr, sizeof(cr), NULL);
	run(both_up6, 60000);
	CHECK_EQ(srv->assigns, 2);
	CHECK_EQ(srv->set6_ret, -EBUSY);
	CHECK_EQ(srv->ups6, 2);
}

/*
 * The glue cannot carry IPv6 (net6_up fails): IPV6CP is Closed with a
 * Terminate-Request, no net6_down follows, IPv4 stays up.
 */
UNIT_TEST(t_ipv6_refused)
{
	setup(KL2TP_PPP_AUTH_PAP, KL2TP_PPP_AUTH_PAP, 0);
	srv->ipv6 = true;
	cli->ipv6 = true;
	srv->refuse6 = true;
	start_all();
	run(both_up, 60000);
	run(NULL, 30000);
	CHECK(both_up());
	CHECK(srv->refused6 >= 1);
	CHECK_EQ(srv->ups6, 0);
	CHECK_EQ(srv->downs6, 0);
	CHECK(!srv->s.up6);
	CHECK(srv->v6.fsm.state <= KL2TP_PPP_STOPPED);
	CHECK(!cli->s.up6);
	CHECK_EQ(cli->downs6, cli->ups6);
	CHECK(!srv->finished && !cli->finished);
}

/* One end without IPV6CP: it Protocol-Rejects it, IPv4 stays up. */
UNIT_TEST(t_ipv6_one_side)
{
	int k;

	for (k = 0; k < 2; k++) {
		struct node *v6 = &N.n[k];

		setup(KL2TP_PPP_AUTH_PAP, KL2TP_PPP_AUTH_PAP, 0);
		v6->ipv6 = true;
		start_all();
		run(k ? cli_v6_idle : srv_v6_idle, 60000);
		run(both_up, 60000);
		check_up();
		CHECK_EQ(v6->v6.fsm.state, KL2TP_PPP_STOPPED);
		CHECK_EQ(v6->v6.fsm.reason, KL2TP_PPP_R_REJECTED);
		CHECK_EQ(N.n[!k].s.stats.rx_proto_rejected, 1);
		CHECK_EQ(v6->ups6, 0);
		run(NULL, 60000);
		CHECK(both_up());
		CHECK(!srv->finished && !cli->finished);
	}
}

/*
 * IPCP Protocol-Rejected under a dual-stack session: IPv6 carries on;
 * then IPV6CP too: no network protocol left, the link goes.
 */
UNIT_TEST(t_ipv6_outlives_ipcp)
{
	u8 rej[16] = { 0xff, 0x03, 0xc0, 0x21, KL2TP_PPP_PROTO_REJ, 9, 0, 10,
		       0x80, 0x21, 1, 1, 0, 4 };

	setup(KL2TP_PPP_AUTH_PAP, KL2TP_PPP_AUTH_PAP, 0);
	srv->ipv6 = true;
	cli->ipv6 = true;
	start_all();
	run(both_up6, 60000);
	CHECK(both_up6());
	CHECK_EQ(kl2tp_ppp_session_input(&srv->s, N.now, rej, 14, NULL), 0);
	CHECK_EQ(srv->downs, 1);
	run(NULL, 30000);
	CHECK(!srv->finished && !cli->finished);
	CHECK(!srv->s.up && srv->s.up6);
	CHECK_EQ(srv->downs6, 0);
	CHECK_EQ(srv->s.phase, KL2TP_PPP_PHASE_NETWORK);
	/* IPV6CP rejected as well */
	rej[5] = 10;
	rej[9] = 0x57;
	CHECK_EQ(kl2tp_ppp_session_input(&srv->s, N.now, rej, 14, NULL), 0);
	CHECK_EQ(srv->downs6, 1);
	run(both_finished, 60000);
	CHECK_EQ(srv->reason, KL2TP_PPP_R_NO_NCP);
	CHECK_EQ(cli->reason, KL2TP_PPP_R_PEER_TERMINATE);
	CHECK_EQ(cli->downs6, 1);
	CHECK_EQ(srv->releases, 1);
}

/* LCP renegotiates: IPv6 down, then up again with the same identifiers. */
UNIT_TEST(t_ipv6_renegotiate)
{
	static const u8 cr[] = { 0xff, 0x03, 0xc0, 0x21, 1, 0x77, 0, 4 };
	u8 ours[KL2TP_PPP_IID_LEN], peer[KL2TP_PPP_IID_LEN];

	setup(KL2TP_PPP_AUTH_MSCHAPV2, KL2TP_PPP_AUTH_MSCHAPV2, 1);
	srv->ipv6 = true;
	cli->ipv6 = true;
	start_all();
	run(both_up6, 60000);
	check_up6();
	memcpy(ours, srv->iid_ours, sizeof(ours));
	memcpy(peer, srv->iid_peer, sizeof(peer));
	kl2tp_ppp_session_input(&srv->s, N.now, cr, sizeof(cr), NULL);
	CHECK_EQ(srv->downs6, 1);
	CHECK(!srv->s.up6);
	run(both_up6, 60000);
	CHECK(both_up6());
	CHECK_EQ(srv->ups6, 2);
	CHECK_EQ(cli->ups6, 2);
	CHECK_MEM(srv->iid_ours, ours, sizeof(ours));
	CHECK_MEM(srv->iid_peer, peer, sizeof(peer));
	CHECK(!srv->finished && !cli->finished);
}

/* The last IPV6CP frame node 0 queued for node 1, or NULL. */
static const u8 *srv_v6cp_sent(u8 code)
{
	int i;

	for (i = N.qn - 1; i >= 0; i--)
		if (N.q[i].dst == 1 && N.q[i].len >= 8 &&
		    kl2tp_get_be16(N.q[i].data + 2) == KL2TP_PPP_IPV6CP &&
		    N.q[i].data[4] == code)
			return N.q[i].data;
	return NULL;
}

/*
 * IPV6CP Opened without a unique pair (the peer Rejected our identifier
 * and Acked a request without one): no net6_up, IPV6CP is Closed with a
 * Terminate-Request; IPv4 stays. The peer here is hand-made frames: the
 * client engine Protocol-Rejected IPV6CP, which left ours Stopped, and a
 * Configure-Request in Stopped starts it again (RFC 1661 4.1).
 */
UNIT_TEST(t_ipv6_no_unique_pair)
{
	u8 req[] = { 0xff, 0x03, 0x80, 0x57, KL2TP_PPP_CONF_REQ, 0x40, 0, 14,
		     1, 10, 2, 0, 0, 0, 0, 0, 0, 9 };
	u8 rej[18] = { 0xff, 0x03, 0x80, 0x57, KL2TP_PPP_CONF_REJ };
	u8 ack[8] = { 0xff, 0x03, 0x80, 0x57, KL2TP_PPP_CONF_ACK, 0, 0, 4 };
	const u8 *ours;

	setup(KL2TP_PPP_AUTH_PAP, KL2TP_PPP_AUTH_PAP, 0);
	srv->ipv6 = true;
	start_all();
	run(srv_v6_idle, 60000);
	run(both_up, 60000);
	CHECK_EQ(srv->v6.fsm.state, KL2TP_PPP_STOPPED);
	N.qn = 0;
	CHECK_EQ(kl2tp_ppp_session_input(&srv->s, N.now, req, sizeof(req),
					 NULL), 0);
	CHECK_EQ(srv->v6.fsm.state, KL2TP_PPP_ACK_SENT);
	CHECK(srv_v6cp_sent(KL2TP_PPP_CONF_ACK) != NULL);
	ours = srv_v6cp_sent(KL2TP_PPP_CONF_REQ);
	CHECK(ours != NULL);
	if (!ours)
		return;
	CHECK_EQ(kl2tp_get_be16(ours + 6), 14);
	/* Reject our identifier */
	memcpy(rej + 5, ours + 5, 13);
	N.qn = 0;
	CHECK_EQ(kl2tp_ppp_session_input(&srv->s, N.now, rej, sizeof(rej),
					 NULL), 0);
	ours = srv_v6cp_sent(KL2TP_PPP_CONF_REQ);
	CHECK(ours != NULL);
	if (!ours)
		return;
	CHECK_EQ(kl2tp_get_be16(ours + 6), 4);
	ack[5] = ours[5];
	N.qn = 0;
	CHECK_EQ(kl2tp_ppp_session_input(&srv->s, N.now, ack, sizeof(ack),
					 NULL), 0);
	CHECK_EQ(srv->ups6, 0);
	CHECK(!srv->s.up6);
	CHECK_EQ(srv->v6.fsm.state, KL2TP_PPP_CLOSING);
	CHECK(srv_v6cp_sent(KL2TP_PPP_TERM_REQ) != NULL);
	run(NULL, 30000);
	CHECK_EQ(srv->v6.fsm.state, KL2TP_PPP_CLOSED);
	CHECK(both_up());
	CHECK(!srv->finished && !cli->finished);
}

UNIT_MAIN(UNIT_CASE(t_up_each_method), UNIT_CASE(t_wrong_password),
	  UNIT_CASE(t_loss), UNIT_CASE(t_nak_reject_rounds),
	  UNIT_CASE(t_auth_refused), UNIT_CASE(t_no_auth),
	  UNIT_CASE(t_no_address), UNIT_CASE(t_data_and_proto_reject),
	  UNIT_CASE(t_ipcp_rejected), UNIT_CASE(t_echo), UNIT_CASE(t_close),
	  UNIT_CASE(t_no_peer), UNIT_CASE(t_auth_timeout),
	  UNIT_CASE(t_looped), UNIT_CASE(t_renegotiate),
	  UNIT_CASE(t_init_errors), UNIT_CASE(t_proxy_lcp),
	  UNIT_CASE(t_proxy_lcp_fallback), UNIT_CASE(t_proxy_pap),
	  UNIT_CASE(t_proxy_chap), UNIT_CASE(t_proxy_force_chap),
	  UNIT_CASE(t_proxy_own_auth), UNIT_CASE(t_proxy_errors),
	  UNIT_CASE(t_proxy_force_chap_pap_only), UNIT_CASE(t_verify_verdict),
	  UNIT_CASE(t_ipv6_dual), UNIT_CASE(t_ipv6_one_side),
	  UNIT_CASE(t_ipv6_outlives_ipcp), UNIT_CASE(t_ipv6_renegotiate),
	  UNIT_CASE(t_ipv6_no_unique_pair), UNIT_CASE(t_ipv6_at_assign),
	  UNIT_CASE(t_ipv6_refused))
