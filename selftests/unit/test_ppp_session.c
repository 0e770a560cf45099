// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of the PPP session engine (kernel/proto/ppp_session.c): a
 * server (LNS) and a client engine negotiate end to end in-process over a
 * simulated link with latency and deterministic loss: LCP, each of PAP,
 * CHAP-MD5 and MS-CHAPv2, IPCP address and DNS assignment; Nak and Reject
 * rounds; wrong passwords; address pool exhaustion; LCP echo keepalives
 * and echo failure; Terminate both ways; Protocol-Reject of protocols we
 * do not run; renegotiation; a looped-back link; an absent peer.
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

static void n_send(void *ctx, const u8 *frame, size_t len)
{
	struct node *nd = ctx;
	struct frame *f;

	N.sent++;
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
	CHECK_EQ(kl2tp_ppp_session_init(&srv->s, &srv->cfg, &ops, srv), 0);
	CHECK_EQ(kl2tp_ppp_session_init(&cli->s, &cli->cfg, &ops, cli), 0);
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

UNIT_MAIN(UNIT_CASE(t_up_each_method), UNIT_CASE(t_wrong_password),
	  UNIT_CASE(t_loss), UNIT_CASE(t_nak_reject_rounds),
	  UNIT_CASE(t_auth_refused), UNIT_CASE(t_no_auth),
	  UNIT_CASE(t_no_address), UNIT_CASE(t_data_and_proto_reject),
	  UNIT_CASE(t_ipcp_rejected), UNIT_CASE(t_echo), UNIT_CASE(t_close),
	  UNIT_CASE(t_no_peer), UNIT_CASE(t_auth_timeout),
	  UNIT_CASE(t_looped), UNIT_CASE(t_renegotiate),
	  UNIT_CASE(t_init_errors))
