// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target for the PPP engine: a server (LNS) and a client session
 * engine wired back to back; the input configures them, injects arbitrary
 * frames of every protocol into either, and drops, mutates, delays or
 * delivers the frames they exchange (format: fuzz_ppp.h). The PPP codecs
 * also see the raw input.
 *
 * Proxy LCP and authentication (RFC 2661): until it is handed over, the
 * server plays an LAC, and the harness notes what an LAC would pass on
 * (the Configure-Requests both ways, the client's PAP request or CHAP
 * Response). OP_PROXY hands the call
 * over: a new server engine takes node 0's place, started with
 * kl2tp_ppp_session_start_proxy() on those notes, some fields replaced
 * by bytes carved out of the input:
 *
 *	OP_PROXY	bit 3: keep the frames in flight to the client (all
 *			others are lost with the LAC); then one byte F:
 *	F bits 0-2	Proxy Authen Type: 0-5 as is, 6: what the LAC saw,
 *			7: the same with the response altered
 *	F bit 3		force_chap
 *	F bit 4		lcp_renegotiate
 *	F bit 5		carve AVP 27 (our side's options): a length byte,
 *			then that many bytes
 *	F bit 6		carve AVP 28 (the peer's options) likewise
 *	F bit 7		carve the Identifier (one byte), then the name, the
 *			challenge and the response, each a length byte and
 *			its bytes
 * The proxy lives in a heap block freed right after the call: the engine
 * must not keep pointers into it.
 *
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -I kernel/proto -I . \
 *	selftests/fuzz/fuzz_ppp.c selftests/unit/support/[a-z]*.c \
 *	kernel/proto/[a-z]*.c -o /tmp/fuzz_ppp
 *   /tmp/fuzz_ppp -max_total_time=60 selftests/fuzz/corpus_ppp
 *
 * Besides the sanitizers it checks the engine's contract and traps on a
 * breach: every frame sent is well formed and fits the frame buffer;
 * nothing is sent after finished; net_up/net_down alternate;
 * ipcp_assign/ipcp_release pair up; finished comes once, after net_down
 * and ipcp_release; a dead session asks for no timer.
 */
#include <stdint.h>
#include <stdlib.h>
#include <stddef.h>

#include "ppp_session.h"
#include "fuzz_ppp.h"

#define ASSERT(c) do { if (!(c)) __builtin_trap(); } while (0)
#define QMAX	64
#define SEEN_MAX	255

struct fnode {
	struct kl2tp_ppp_session s;
	struct kl2tp_ppp_session_cfg cfg;
	int id;
	u32 rnd;
	bool finished;
	bool up;
	bool assigned;
	bool pool_empty;
	bool one_dns;
};

struct qframe {
	int dst;
	size_t len;
	u8 data[KL2TP_PPP_TX_LEN];
};

static struct fnode nodes[2];
static struct qframe q[QMAX];
static int qn;
static u64 now;

/* What an LAC in node 0's place would put in its ICCN. */
static struct seen {
	u8 sent[SEEN_MAX], rcvd[SEEN_MAX], init[SEEN_MAX];
	size_t sent_len, rcvd_len, init_len;
	u16 type;
	u8 id;
	u8 name[SEEN_MAX], chal[SEEN_MAX], resp[SEEN_MAX];
	size_t name_len, chal_len, resp_len;
} seen;

static const char *const users[][2] = {
	{ FUZZ_USER, FUZZ_PASSWORD },
	{ "DOM\\bob", "b\xc3\xb6" "b" },
	{ FUZZ_USER, "wrong" },
	{ "nobody", "x" },
};

static void check_frame(const u8 *frame, size_t len)
{
	struct kl2tp_ppp_frame f;
	struct kl2tp_ppp_cp cp;

	ASSERT(len <= KL2TP_PPP_TX_LEN);
	ASSERT(!kl2tp_ppp_frame_parse(&f, frame, len));
	ASSERT(f.acf && !f.pfc);
	ASSERT(f.proto == KL2TP_PPP_LCP || f.proto == KL2TP_PPP_IPCP ||
	       f.proto == KL2TP_PPP_PAP || f.proto == KL2TP_PPP_CHAP);
	ASSERT(!kl2tp_ppp_cp_parse(&cp, f.data, f.len));
	ASSERT(cp.len + KL2TP_PPP_CP_HDR_LEN == f.len);
	if (cp.code >= KL2TP_PPP_CONF_REQ && cp.code <= KL2TP_PPP_CONF_REJ &&
	    (f.proto == KL2TP_PPP_LCP || f.proto == KL2TP_PPP_IPCP))
		ASSERT(!kl2tp_ppp_opts_valid(cp.data, cp.len));
}

static void note(u8 *dst, size_t *dlen, const u8 *src, size_t len)
{
	*dlen = min_t(size_t, len, SEEN_MAX);
	memcpy(dst, src, *dlen);
}

static void watch(int from, const u8 *frame, size_t len)
{
	struct kl2tp_ppp_chap_msg m;
	struct kl2tp_ppp_pap_req r;
	struct kl2tp_ppp_frame f;
	struct kl2tp_ppp_cp cp;

	if (kl2tp_ppp_frame_parse(&f, frame, len) ||
	    kl2tp_ppp_cp_parse(&cp, f.data, f.len))
		return;
	if (f.proto == KL2TP_PPP_LCP && cp.code == KL2TP_PPP_CONF_REQ) {
		if (!from) {
			note(seen.sent, &seen.sent_len, cp.data, cp.len);
			return;
		}
		if (!seen.rcvd_len)
			note(seen.init, &seen.init_len, cp.data, cp.len);
		note(seen.rcvd, &seen.rcvd_len, cp.data, cp.len);
	} else if (f.proto == KL2TP_PPP_PAP && from &&
		   cp.code == KL2TP_PPP_PAP_REQ &&
		   !kl2tp_ppp_pap_parse_req(cp.data, cp.len, &r)) {
		seen.type = KL2TP_PROXY_AUTH_PAP;
		seen.id = cp.id;
		note(seen.name, &seen.name_len, r.name, r.name_len);
		note(seen.resp, &seen.resp_len, r.passwd, r.passwd_len);
	} else if (f.proto == KL2TP_PPP_CHAP &&
		   !kl2tp_ppp_chap_parse(cp.data, cp.len, &m)) {
		if (!from && cp.code == KL2TP_PPP_CHAP_CHALLENGE) {
			note(seen.chal, &seen.chal_len, m.value, m.value_len);
		} else if (from && cp.code == KL2TP_PPP_CHAP_RESPONSE) {
			seen.type = KL2TP_PROXY_AUTH_CHAP;
			seen.id = cp.id;
			note(seen.name, &seen.name_len, m.name, m.name_len);
			note(seen.resp, &seen.resp_len, m.value, m.value_len);
		}
	}
}

static void f_send(void *ctx, const u8 *frame, size_t len)
{
	struct fnode *n = ctx;
	struct qframe *f;

	ASSERT(!n->finished);
	check_frame(frame, len);
	watch(n->id, frame, len);
	if (qn >= QMAX)
		return;
	f = &q[qn++];
	f->dst = !n->id;
	f->len = len;
	memcpy(f->data, frame, len);
}

static void f_random(void *ctx, void *buf, size_t len)
{
	struct fnode *n = ctx;
	u8 *p = buf;

	/* Deterministic: the fuzzer can learn magic numbers. */
	while (len--) {
		n->rnd = n->rnd * 1103515245 + 12345;
		*p++ = n->rnd >> 16;
	}
}

static int f_lookup(void *ctx, const u8 *name, size_t len,
		    const u8 **secret, size_t *secret_len)
{
	size_t i;

	ASSERT(len <= KL2TP_PPP_NAME_MAX);
	for (i = 0; i < 2; i++) {
		if (strlen(users[i][0]) == len &&
		    !memcmp(users[i][0], name, len)) {
			*secret = (const u8 *)users[i][1];
			*secret_len = strlen(users[i][1]);
			return 0;
		}
	}
	return -ENOENT;
}

static int f_assign(void *ctx, const u8 *user, size_t len,
		    struct kl2tp_ppp_ipcp_addrs *a)
{
	struct fnode *n = ctx;

	ASSERT(!n->assigned);
	ASSERT(!n->finished);
	if (n->pool_empty)
		return -ENOSPC;
	n->assigned = true;
	a->local = 0x0a000001;
	a->peer = 0x0a000002;
	a->dns1 = 0x08080808;
	a->dns2 = n->one_dns ? 0 : 0x08080404;
	return 0;
}

static void f_release(void *ctx)
{
	struct fnode *n = ctx;

	ASSERT(n->assigned);
	ASSERT(!n->up);
	n->assigned = false;
}

static void f_up(void *ctx, const struct kl2tp_ppp_ipcp_addrs *a)
{
	struct fnode *n = ctx;

	ASSERT(!n->up);
	ASSERT(!n->finished);
	ASSERT(a->local);
	ASSERT(n->id || (a->local == 0x0a000001 && a->peer == 0x0a000002));
	n->up = true;
}

static void f_down(void *ctx, int reason, const char *why)
{
	struct fnode *n = ctx;

	ASSERT(n->up);
	ASSERT(why);
	n->up = false;
}

static void f_finished(void *ctx, int reason, const char *why)
{
	struct fnode *n = ctx;

	ASSERT(!n->finished);
	ASSERT(!n->up);
	ASSERT(!n->assigned);
	ASSERT(reason > 0 && reason <= KL2TP_PPP_R_MAX);
	ASSERT(why && strcmp(why, "unknown"));
	n->finished = true;
}

static const struct kl2tp_ppp_session_ops ops = {
	.send = f_send,
	.random = f_random,
	.lookup = f_lookup,
	.ipcp_assign = f_assign,
	.ipcp_release = f_release,
	.net_up = f_up,
	.net_down = f_down,
	.finished = f_finished,
};

static void configure(u8 c0, u8 c1)
{
	struct kl2tp_ppp_session_cfg *s = &nodes[0].cfg, *c = &nodes[1].cfg;
	const char *const *u = users[c1 & 3];
	u8 m = c0 & 3;
	int i;

	memset(nodes, 0, sizeof(nodes));
	memset(&seen, 0, sizeof(seen));
	nodes[0].id = 0;
	nodes[1].id = 1;
	nodes[0].rnd = 1;
	nodes[1].rnd = 2;
	nodes[0].pool_empty = c0 & 0x40;
	nodes[0].one_dns = c0 & 0x80;

	s->server = true;
	s->name = (const u8 *)"lns";
	s->name_len = 3;
	if (c1 & 0x10) {
		s->lcp.auth[0] = KL2TP_PPP_AUTH_MSCHAPV2;
		s->lcp.auth[1] = KL2TP_PPP_AUTH_CHAP_MD5;
		s->lcp.auth[2] = KL2TP_PPP_AUTH_PAP;
		s->lcp.n_auth = 3;
	} else if (m) {
		s->lcp.auth[0] = m;
		s->lcp.n_auth = 1;
	}
	s->lcp.mru = c1 & 0x04 ? 1400 : 0;
	s->lcp.pfc = c1 & 0x20;
	s->lcp.acfc = c1 & 0x20;

	c->name = (const u8 *)u[0];
	c->name_len = strlen(u[0]);
	c->secret = (const u8 *)u[1];
	c->secret_len = strlen(u[1]);
	c->want_dns = true;
	switch ((c0 >> 2) & 3) {
	case 0:
		if (m) {
			c->lcp.peer_auth[0] = m;
			c->lcp.n_peer_auth = 1;
		}
		break;
	case 1:
		c->lcp.peer_auth[0] = KL2TP_PPP_AUTH_PAP;
		c->lcp.n_peer_auth = 1;
		break;
	case 2:
		for (i = 0; i < 3; i++)
			c->lcp.peer_auth[i] = i + 1;
		c->lcp.n_peer_auth = 3;
		break;
	default:
		break;
	}
	c->lcp.pfc = c0 & 0x10;
	c->lcp.acfc = c0 & 0x10;
	c->lcp.mru = c1 & 0x08 ? 576 : 0;
	c->lcp.no_magic = c1 & 0x40;
	if (c0 & 0x20) {
		s->echo_interval_ms = 4000;
		c->echo_interval_ms = 5000;
		s->echo_failures = 2;
	}
	for (i = 0; i < 2; i++) {
		ASSERT(!kl2tp_ppp_session_init(&nodes[i].s, &nodes[i].cfg,
					       &ops, &nodes[i]));
		ASSERT(!kl2tp_ppp_session_start(&nodes[i].s, now));
	}
}

static void deliver(int i)
{
	static struct qframe f;
	struct kl2tp_ppp_frame d;
	struct fnode *n;
	int ret;

	f = q[i];
	memmove(q + i, q + i + 1, sizeof(q[0]) * (qn - i - 1));
	qn--;
	n = &nodes[f.dst];
	ret = kl2tp_ppp_session_input(&n->s, now, f.data, f.len, &d);
	if (ret == 1) {
		ASSERT(n->up);
		ASSERT(d.proto == KL2TP_PPP_IP);
		ASSERT(d.data >= f.data && d.data + d.len == f.data + f.len);
	}
}

static void timers(void)
{
	int i;

	for (i = 0; i < 2; i++) {
		if (!kl2tp_ppp_session_next_timeout(&nodes[i].s, now))
			kl2tp_ppp_session_timer(&nodes[i].s, now);
		if (nodes[i].s.dead)
			ASSERT(kl2tp_ppp_session_next_timeout(&nodes[i].s,
							      now) ==
			       KL2TP_PPP_NO_TIMEOUT);
	}
}

/* Run until nothing is in flight and no timer is due within @span ms. */
static void pump(u64 span)
{
	u64 end = now + span;
	int rounds;
	u32 t;

	for (rounds = 0; rounds < 200; rounds++) {
		while (qn)
			deliver(0);
		t = min_t(u32, kl2tp_ppp_session_next_timeout(&nodes[0].s, now),
			  kl2tp_ppp_session_next_timeout(&nodes[1].s, now));
		if (t == KL2TP_PPP_NO_TIMEOUT || now + t > end)
			break;
		now += t;
		timers();
	}
}

static void inject(int dst, int pfx, const u8 *p, size_t len)
{
	static const u16 protos[] = {
		KL2TP_PPP_LCP, KL2TP_PPP_IPCP, KL2TP_PPP_PAP, KL2TP_PPP_CHAP,
		KL2TP_PPP_IP, KL2TP_PPP_IPV6CP, KL2TP_PPP_CCP,
	};
	static u8 buf[4 + 256];
	struct kl2tp_ppp_frame d;
	size_t n = 0;
	int ret;

	if (pfx != FUZZ_PFX_NONE) {
		buf[0] = KL2TP_PPP_ADDRESS;
		buf[1] = KL2TP_PPP_CONTROL;
		kl2tp_put_be16(buf + 2, protos[pfx]);
		n = 4;
	}
	memcpy(buf + n, p, len);
	ret = kl2tp_ppp_session_input(&nodes[dst].s, now, buf, n + len, &d);
	ASSERT(ret <= 1);
	if (ret == 1)
		ASSERT(nodes[dst].up);
}

/* A length byte and that many bytes of the input (fewer at its end). */
static const u8 *carve(const u8 *data, size_t size, size_t *i, size_t *len)
{
	const u8 *p;

	*len = 0;
	if (*i >= size)
		return NULL;
	*len = data[(*i)++];
	*len = min_t(size_t, *len, size - *i);
	p = data + *i;
	*i += *len;
	return p;
}

/* Put @len bytes of @src in the heap block at *@at; its copy. */
static const u8 *stash(u8 **at, const u8 *src, size_t len)
{
	u8 *p = *at;

	if (len)
		memcpy(p, src, len);
	*at += len;
	return p;
}

/* OP_PROXY: the LAC hands the call over to a new server engine. */
static void handover(u8 op, const u8 *data, size_t size, size_t *i)
{
	const u8 *sent = seen.sent, *rcvd = seen.rcvd, *name = seen.name;
	const u8 *chal = seen.chal, *resp = seen.resp;
	size_t sent_len = seen.sent_len, rcvd_len = seen.rcvd_len;
	size_t name_len = seen.name_len, chal_len = seen.chal_len;
	size_t resp_len = seen.resp_len;
	struct fnode *n = &nodes[0];
	struct kl2tp_ppp_proxy p;
	u8 f = *i < size ? data[(*i)++] : 6;
	u8 id = seen.id, *block, *at;
	int k, ret;

	if (f & 0x20)
		sent = carve(data, size, i, &sent_len);
	if (f & 0x40)
		rcvd = carve(data, size, i, &rcvd_len);
	if (f & 0x80) {
		if (*i < size)
			id = data[(*i)++];
		name = carve(data, size, i, &name_len);
		chal = carve(data, size, i, &chal_len);
		resp = carve(data, size, i, &resp_len);
	}

	/* Everything in the caller's memory, gone after the call. */
	block = malloc(seen.init_len + sent_len + rcvd_len + name_len +
		       chal_len + resp_len + 1);
	ASSERT(block);
	at = block;
	memset(&p, 0, sizeof(p));
	p.initial_rcvd = stash(&at, seen.init, seen.init_len);
	p.initial_rcvd_len = seen.init_len;
	p.last_sent = stash(&at, sent, sent_len);
	p.last_sent_len = sent_len;
	p.last_rcvd = stash(&at, rcvd, rcvd_len);
	p.last_rcvd_len = rcvd_len;
	p.auth_name = stash(&at, name, name_len);
	p.auth_name_len = name_len;
	p.auth_challenge = stash(&at, chal, chal_len);
	p.auth_challenge_len = chal_len;
	p.auth_response = stash(&at, resp, resp_len);
	p.auth_response_len = resp_len;
	p.auth_id = id;
	p.auth_type = f & 7;
	if (p.auth_type >= 6) {
		p.auth_type = seen.type ? seen.type : KL2TP_PROXY_AUTH_NONE;
		if ((f & 7) == 7 && resp_len)
			at[-1] ^= 0x5a;
	}

	/* Frames from the LAC and to it are lost, unless told otherwise. */
	for (k = 0; k < qn;) {
		if (q[k].dst == 0 || !(op & 8))
			memmove(q + k, q + k + 1, sizeof(q[0]) * (--qn - k));
		else
			k++;
	}
	n->finished = false;
	n->up = false;
	n->assigned = false;
	n->cfg.force_chap = f & 8;
	n->cfg.lcp_renegotiate = f & 0x10;
	ASSERT(!kl2tp_ppp_session_init(&n->s, &n->cfg, &ops, n));
	ret = kl2tp_ppp_session_start_proxy(&n->s, now, &p);
	free(block);
	ASSERT(!ret);
	ASSERT(!n->s.proxy);
	ASSERT(kl2tp_ppp_session_start_proxy(&n->s, now, &p) == -EALREADY);
	if (n->s.proxy_lcp) {
		ASSERT(!n->cfg.lcp_renegotiate);
		ASSERT(n->s.lcp.fsm.state == KL2TP_PPP_OPENED ||
		       n->s.lcp.fsm.state == KL2TP_PPP_CLOSING);
	} else {
		ASSERT(!n->s.proxy_auth);
		ASSERT(n->s.lcp.fsm.state == KL2TP_PPP_REQ_SENT);
	}
	if (n->s.proxy_auth)
		ASSERT(!n->cfg.force_chap);
}

/* The codecs on the raw input. */
static void codecs(const u8 *data, size_t size)
{
	static u8 ucs2[2 * KL2TP_PPP_MSCHAP_PW_MAX];
	struct kl2tp_ppp_chap_msg m;
	struct kl2tp_ppp_pap_req r;
	struct kl2tp_ppp_frame f;
	struct kl2tp_ppp_cp cp;
	struct kl2tp_ppp_opt o;
	const u8 *p = data;
	size_t left = size;
	u8 hash[16];
	int ret;

	if (!kl2tp_ppp_frame_parse(&f, data, size))
		ASSERT(f.data + f.len == data + size);
	if (!kl2tp_ppp_cp_parse(&cp, data, size))
		ASSERT(cp.data + cp.len <= data + size);
	while ((ret = kl2tp_ppp_opt_next(&p, &left, &o)) > 0)
		ASSERT(o.val + o.len <= data + size);
	ASSERT(ret == kl2tp_ppp_opts_valid(data, size));
	if (!kl2tp_ppp_pap_parse_req(data, size, &r)) {
		ASSERT(r.name + r.name_len <= data + size);
		ASSERT(r.passwd + r.passwd_len <= data + size);
	}
	if (!kl2tp_ppp_chap_parse(data, size, &m))
		ASSERT(m.name + m.name_len == data + size);
	if (size <= KL2TP_PPP_MSCHAP_PW_MAX)
		ASSERT(!kl2tp_ppp_mschap_nt_password_hash(data, size, ucs2,
							  hash));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t i = 2, len;
	u8 op;

	codecs(data, size);
	if (size < 2)
		return 0;
	now = 1000;
	qn = 0;
	configure(data[0], data[1]);

	while (i < size) {
		op = data[i++];
		switch (op & 7) {
		case OP_INJECT:
			if (i >= size)
				break;
			len = data[i++];
			if (len > size - i)
				len = size - i;
			inject((op >> 3) & 1, (op >> 4) & 7, data + i, len);
			i += len;
			break;
		case OP_DELIVER:
			if (qn)
				deliver(0);
			break;
		case OP_DROP:
			if (qn)
				memmove(q, q + 1, sizeof(q[0]) * --qn);
			break;
		case OP_WAIT:
			if (i < size)
				now += (u64)data[i++] * 50;
			timers();
			break;
		case OP_PUMP:
			pump(30000);
			break;
		case OP_MUTATE:
			if (i + 1 < size && qn) {
				q[0].data[data[i] % q[0].len] ^= data[i + 1];
				deliver(0);
			}
			i += 2;
			break;
		case OP_PROXY:
			handover(op, data, size, &i);
			break;
		case OP_CONTROL:
			switch ((op >> 3) & 3) {
			case 0:
				kl2tp_ppp_session_close(&nodes[0].s, now,
							KL2TP_PPP_R_ADMIN);
				break;
			case 1:
				kl2tp_ppp_session_close(&nodes[1].s, now,
							KL2TP_PPP_R_ADMIN);
				break;
			case 2:
				kl2tp_ppp_session_lower_down(&nodes[0].s, now);
				break;
			default:
				kl2tp_ppp_session_lower_down(&nodes[1].s, now);
				break;
			}
			break;
		default:
			break;
		}
	}
	/* Everything ends: close both and let them finish. */
	kl2tp_ppp_session_close(&nodes[0].s, now, KL2TP_PPP_R_ADMIN);
	kl2tp_ppp_session_close(&nodes[1].s, now, KL2TP_PPP_R_ADMIN);
	pump(600000);
	for (i = 0; i < 2; i++) {
		ASSERT(nodes[i].finished);
		ASSERT(!nodes[i].up && !nodes[i].assigned);
		ASSERT(nodes[i].s.phase == KL2TP_PPP_PHASE_DEAD);
	}
	return 0;
}
