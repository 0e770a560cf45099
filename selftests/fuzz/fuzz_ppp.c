// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target for the PPP engine: a server (LNS) and a client session
 * engine wired back to back; the input configures them, injects arbitrary
 * frames of every protocol into either, and drops, mutates, delays or
 * delivers the frames they exchange (format: fuzz_ppp.h). The PPP codecs,
 * the Router Solicitation check and the Router Advertisement builder
 * (nd6.h, the latter with the input as its struct) also see the raw
 * input.
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
 * must not keep pointers into it. The new server runs IPV6CP as the old
 * one did (configuration byte 2).
 *
 * IPv6 (configuration byte 2, fuzz_ppp.h): either end may run IPV6CP
 * beside IPCP, with random Interface-Identifiers or both with the same
 * one. The contract: net6_up/net6_down alternate, only on an end that
 * runs it, with two identifiers non-zero and different; IPv6 frames come
 * back to the glue only while net6_up holds; IPV6CP frames are sent only
 * by an end that runs it.
 *
 * An external check (configuration byte 1 bit 7): the server's ops->verify
 * is an AAA server. It judges the credential it is handed on its own (as
 * the oracle below would: users, passwords, MD5, NT-Response) and keeps
 * that answer, with the call's number and for MS-CHAPv2 the
 * authenticator response, and the answer before it; it says PENDING, or
 * LOCAL or REJECT when told. OP_CONTROL with bit 5 drives it, by bits
 * 3-4: 0 delivers the answer through kl2tp_ppp_session_verdict() (bit 6:
 * refused whatever it judged; bit 7: the authenticator response garbled,
 * or, for PAP, CHAP-MD5 and every other MS-CHAPv2 call, the check made
 * after all with the credential it kept, through
 * kl2tp_ppp_session_verdict_local(), as a glue whose AAA server cannot
 * decide does; both: the answer before, which must come too late), 1-3 make verify
 * say PENDING, LOCAL, REJECT from then on. It never accepts what it
 * judged invalid, so the oracle holds: a server that gets past
 * authentication on a verdict must also have received a valid credential
 * in this round.
 *
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -I kernel/proto -I . \
 *	selftests/fuzz/fuzz_ppp.c selftests/unit/support/[a-z]*.c \
 *	kernel/proto/[a-z]*.c -o /tmp/fuzz_ppp
 *   /tmp/fuzz_ppp -max_total_time=60 selftests/fuzz/corpus_ppp
 *
 * Besides the sanitizers it checks the engine's contract and traps on a
 * breach: every frame sent is well formed and fits the frame buffer;
 * nothing is sent after finished; net_up/net_down alternate;
 * ipcp_assign/ipcp_release pair up; finished comes once, after net_down,
 * net6_down and ipcp_release; a dead session asks for no timer.
 *
 * Authentication oracle: the server never gets past authentication
 * without a valid credential. The harness judges that itself, from the
 * frames the server (node 0, or the engine that replaced it at OP_PROXY)
 * was handed and sent, parsed here, never from the engine's verdict. A
 * credential of users[u], u < SRV_USERS (the server's table: alice, and
 * "DOM\bob" with a UTF-8 password; the other entries are client-side
 * only: wrong password, unknown user), counts only for a method in the
 * server's cfg.lcp.auth, when:
 *   PAP	an Authenticate-Request received carries exactly that
 *		Peer-ID and Password;
 *   CHAP-MD5	a Response received with Name users[u] has a 16-byte Value
 *		equal to MD5(Identifier || password || Challenge) for a
 *		Challenge the server sent with that Identifier (RFC 1994);
 *   MS-CHAPv2	a Response received with Name users[u] has a 49-byte Value
 *		whose NT-Response is GenerateNTResponse(Challenge, its
 *		Peer-Challenge, the Name without a "DOMAIN\", password)
 *		for such a Challenge (RFC 2759 8.1). The harness computes
 *		it itself (o_nt_hash(), o_nt_response()) on the MD4, SHA-1
 *		and DES of selftests/unit/support - the primitives the
 *		engine also links - and checks that against the RFC 2759
 *		9.2 vector at start-up; it uses no function of ppp_auth.c.
 *   proxy	at OP_PROXY, without force_chap or lcp_renegotiate (then the
 *		proxy must not be taken), the proxied credential as the
 *		engine gets it (AVPs 29-33), the Name without trailing NULs
 *		(AVP padding, which the engine drops too): PAP or textual:
 *		the Password, trailing NULs dropped likewise, as for PAP;
 *		CHAP: a 16-byte Response equal to MD5(AVP 32 || password ||
 *		AVP 31), AVP 31 non-empty; in both cases only if the proxied
 *		LCP (AVP 27) has an Auth-Protocol option of that method.
 * Credentials count from when the server gets them until it next sends an
 * LCP Configure-Request (a new LCP negotiation: authentication starts
 * over) or is replaced; CHAP Challenges it sent likewise. The server
 * traps when it sends a PAP Authenticate-Ack or CHAP Success without any
 * valid credential; and, when it requires authentication (cfg.lcp.auth
 * not empty: byte 0 bits 0-1 non-zero or byte 1 bit 4), when it calls
 * ipcp_assign for a user without a valid credential, calls net_up or
 * net6_up, or sends an IPCP or IPV6CP frame, without one.
 */
#include <stdint.h>
#include <stdlib.h>
#include <stddef.h>

#include "ppp_session.h"
#include "nd6.h"
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
	bool ipv6;		/* runs IPV6CP */
	bool refuse6;		/* its net6_up fails */
	bool up6;
	struct kl2tp_ppp_ipv6cp v6;
	struct kl2tp_ppp_ipv6cp_cfg v6cfg;
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
#define SRV_USERS	2	/* users[] the server knows (f_lookup) */
#define NCHAL		8

/* The authentication oracle (see the top). */
static struct oracle {
	u8 valid;		/* bit u: users[u] gave a valid credential */
	int user;		/* users[] index of the last ipcp_assign */
	int nchal;
	struct {
		u8 id;
		u8 len;
		u8 v[255];
	} chal[NCHAL];		/* the server's Challenges, oldest first */
} orc;
static u8 nt_hashes[SRV_USERS][16];	/* NtPasswordHash of users[u] */

/* The external check's answers, until OP_CONTROL delivers them. */
struct answer {
	u32 seq;		/* the call of verify it answers */
	u8 method;
	bool valid;
	char authresp[KL2TP_PPP_MSCHAP_AUTHRESP_LEN];
	/* the credential, copied (its pointers into the buffers below) */
	struct kl2tp_ppp_auth_cred cred;
	u8 name[KL2TP_PPP_NAME_MAX], chal[255], resp[255];
};

static struct aaa {
	bool on;		/* the server uses it */
	int says;		/* what verify returns */
	bool pending;		/* asked since the last verdict */
	struct answer now, before;
} aaa;

static void check_frame(const struct fnode *n, const u8 *frame, size_t len)
{
	struct kl2tp_ppp_frame f;
	struct kl2tp_ppp_cp cp;

	ASSERT(len <= KL2TP_PPP_TX_LEN);
	ASSERT(!kl2tp_ppp_frame_parse(&f, frame, len));
	ASSERT(f.acf && !f.pfc);
	ASSERT(f.proto == KL2TP_PPP_LCP || f.proto == KL2TP_PPP_IPCP ||
	       f.proto == KL2TP_PPP_PAP || f.proto == KL2TP_PPP_CHAP ||
	       (f.proto == KL2TP_PPP_IPV6CP && n->ipv6));
	ASSERT(!kl2tp_ppp_cp_parse(&cp, f.data, f.len));
	ASSERT(cp.len + KL2TP_PPP_CP_HDR_LEN == f.len);
	if (cp.code >= KL2TP_PPP_CONF_REQ && cp.code <= KL2TP_PPP_CONF_REJ &&
	    (f.proto == KL2TP_PPP_LCP || f.proto == KL2TP_PPP_IPCP ||
	     f.proto == KL2TP_PPP_IPV6CP))
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

/* ---- the authentication oracle: parses and computes on its own ---- */

struct opkt {
	u16 proto;
	u8 code;
	u8 id;
	const u8 *d;
	size_t len;
};

/* A PPP control packet (RFC 1661 2, 5): Protocol, Code, Id, Data. */
static bool o_parse(const u8 *p, size_t len, struct opkt *k)
{
	size_t off = 0, plen;

	if (len >= 2 && p[0] == 0xff && p[1] == 0x03)
		off = 2;
	if (off < len && (p[off] & 1)) {
		k->proto = p[off++];
	} else if (len - off >= 2) {
		k->proto = p[off] << 8 | p[off + 1];
		off += 2;
	} else {
		return false;
	}
	if (len - off < 4)
		return false;
	plen = p[off + 2] << 8 | p[off + 3];
	if (plen < 4 || plen > len - off)
		return false;
	k->code = p[off];
	k->id = p[off + 1];
	k->d = p + off + 4;
	k->len = plen - 4;
	return true;
}

static bool o_eq(const char *s, const u8 *p, size_t len)
{
	return strlen(s) == len && !memcmp(s, p, len);
}

/* The server's user called @name, or -1. */
static int o_user(const u8 *name, size_t len)
{
	int u;

	for (u = 0; u < SRV_USERS; u++)
		if (o_eq(users[u][0], name, len))
			return u;
	return -1;
}

static bool o_required(void)
{
	return nodes[0].cfg.lcp.n_auth;
}

static bool o_allowed(u8 method)
{
	const struct kl2tp_ppp_lcp_cfg *c = &nodes[0].cfg.lcp;
	int i;

	for (i = 0; i < c->n_auth; i++)
		if (c->auth[i] == method)
			return true;
	return false;
}

static void o_reset(void)
{
	orc.valid = 0;
	orc.user = -1;
	orc.nchal = 0;
}

static bool o_md5_ok(int u, u8 id, const u8 *chal, size_t chal_len,
		     const u8 *val)
{
	struct kl2tp_iov iov[3] = {
		{ &id, 1 },
		{ users[u][1], strlen(users[u][1]) },
		{ chal, chal_len },
	};
	u8 d[16];

	ASSERT(!kl2tp_md5(iov, 3, d));
	return !memcmp(d, val, 16);
}

/* NtPasswordHash (RFC 2759 8.3) of a valid UTF-8 @pw of the BMP. */
static void o_nt_hash(const char *pw, u8 out[16])
{
	const u8 *p = (const u8 *)pw;
	struct kl2tp_iov iov;
	u8 ucs2[512];
	size_t n = 0;
	u32 c;

	while (*p) {
		ASSERT(n + 2 <= sizeof(ucs2));
		if (*p < 0x80) {
			c = *p++;
		} else if ((*p & 0xe0) == 0xc0) {
			ASSERT((p[1] & 0xc0) == 0x80);
			c = (p[0] & 0x1f) << 6 | (p[1] & 0x3f);
			p += 2;
		} else {
			ASSERT((*p & 0xf0) == 0xe0 && (p[1] & 0xc0) == 0x80 &&
			       (p[2] & 0xc0) == 0x80);
			c = (p[0] & 0x0f) << 12 | (p[1] & 0x3f) << 6 |
			    (p[2] & 0x3f);
			p += 3;
		}
		ucs2[n++] = c & 0xff;
		ucs2[n++] = c >> 8;
	}
	iov.base = ucs2;
	iov.len = n;
	ASSERT(!kl2tp_md4(&iov, 1, out));
}

/* 7 key bytes into the high 7 bits of 8 (parity ignored). */
static void o_des_key(const u8 *k, u8 out[8])
{
	out[0] = k[0];
	out[1] = (u8)(k[0] << 7 | k[1] >> 1);
	out[2] = (u8)(k[1] << 6 | k[2] >> 2);
	out[3] = (u8)(k[2] << 5 | k[3] >> 3);
	out[4] = (u8)(k[3] << 4 | k[4] >> 4);
	out[5] = (u8)(k[4] << 3 | k[5] >> 5);
	out[6] = (u8)(k[5] << 2 | k[6] >> 6);
	out[7] = (u8)(k[6] << 1);
}

/*
 * GenerateNTResponse (RFC 2759 8.1): ChallengeHash (8.2: SHA-1 of the
 * peer's challenge, ours and the user name without "DOMAIN\"), then
 * ChallengeResponse (8.5) under the zero-padded password hash.
 */
static void o_nt_response(const u8 hash[16], const u8 auth_chal[16],
			  const u8 peer_chal[16], const u8 *name, size_t len,
			  u8 out[24])
{
	struct kl2tp_iov iov[3];
	u8 d[20], z[21], key[8];
	size_t i;

	for (i = len; i > 0 && name[i - 1] != '\\'; i--)
		;
	iov[0].base = peer_chal;
	iov[0].len = 16;
	iov[1].base = auth_chal;
	iov[1].len = 16;
	iov[2].base = name + i;
	iov[2].len = len - i;
	ASSERT(!kl2tp_sha1(iov, 3, d));
	memset(z, 0, sizeof(z));
	memcpy(z, hash, 16);
	for (i = 0; i < 3; i++) {
		o_des_key(z + 7 * i, key);
		ASSERT(!kl2tp_des_encrypt(key, d, out + 8 * i));
	}
}

/* The server got @frame. */
static void o_rx(const u8 *frame, size_t len)
{
	const u8 *name, *val;
	size_t nlen, vlen;
	struct opkt k;
	u8 want[24];
	int u, i;

	if (!o_parse(frame, len, &k))
		return;
	if (k.proto == KL2TP_PPP_PAP && k.code == KL2TP_PPP_PAP_REQ) {
		/* Peer-ID Length, Peer-ID, Passwd-Length, Password */
		if (k.len < 1 || k.len - 1 < k.d[0])
			return;
		nlen = k.d[0];
		name = k.d + 1;
		if (k.len - 1 - nlen < 1 || k.len - 2 - nlen < k.d[1 + nlen])
			return;
		vlen = k.d[1 + nlen];
		val = k.d + 2 + nlen;
		u = o_user(name, nlen);
		if (u >= 0 && o_allowed(KL2TP_PPP_AUTH_PAP) &&
		    o_eq(users[u][1], val, vlen))
			orc.valid |= 1 << u;
	} else if (k.proto == KL2TP_PPP_CHAP &&
		   k.code == KL2TP_PPP_CHAP_RESPONSE) {
		/* Value-Size, Value, Name */
		if (k.len < 1 || k.len - 1 < k.d[0])
			return;
		vlen = k.d[0];
		val = k.d + 1;
		name = val + vlen;
		nlen = k.len - 1 - vlen;
		u = o_user(name, nlen);
		if (u < 0)
			return;
		for (i = 0; i < orc.nchal; i++) {
			if (orc.chal[i].id != k.id)
				continue;
			if (vlen == 16 && o_allowed(KL2TP_PPP_AUTH_CHAP_MD5) &&
			    o_md5_ok(u, k.id, orc.chal[i].v, orc.chal[i].len,
				     val))
				orc.valid |= 1 << u;
			if (vlen != 49 || orc.chal[i].len != 16 ||
			    !o_allowed(KL2TP_PPP_AUTH_MSCHAPV2))
				continue;
			/* Peer-Challenge, 8 reserved, NT-Response, Flags */
			o_nt_response(nt_hashes[u], orc.chal[i].v, val, name,
				      nlen, want);
			if (!memcmp(want, val + 24, 24))
				orc.valid |= 1 << u;
		}
	}
}

/* The server sent @frame. */
static void o_tx(const u8 *frame, size_t len)
{
	struct opkt k;
	int i;

	if (!o_parse(frame, len, &k))
		return;
	switch (k.proto) {
	case KL2TP_PPP_LCP:
		/* LCP starts over, and authentication with it. */
		if (k.code == KL2TP_PPP_CONF_REQ)
			o_reset();
		break;
	case KL2TP_PPP_PAP:
		if (k.code == KL2TP_PPP_PAP_ACK)
			ASSERT(orc.valid);
		break;
	case KL2TP_PPP_CHAP:
		if (k.code == KL2TP_PPP_CHAP_SUCCESS)
			ASSERT(orc.valid);
		if (k.code != KL2TP_PPP_CHAP_CHALLENGE || k.len < 1 ||
		    k.len - 1 < k.d[0])
			break;
		for (i = 0; i < orc.nchal; i++)	/* a retransmission */
			if (orc.chal[i].id == k.id &&
			    orc.chal[i].len == k.d[0] &&
			    !memcmp(orc.chal[i].v, k.d + 1, k.d[0]))
				return;
		if (orc.nchal == NCHAL)
			memmove(orc.chal, orc.chal + 1,
				sizeof(orc.chal[0]) * --orc.nchal);
		orc.chal[orc.nchal].id = k.id;
		orc.chal[orc.nchal].len = k.d[0];
		memcpy(orc.chal[orc.nchal].v, k.d + 1, k.d[0]);
		orc.nchal++;
		break;
	case KL2TP_PPP_IPCP:
	case KL2TP_PPP_IPV6CP:
		if (o_required())
			ASSERT(orc.valid);
		break;
	default:
		break;
	}
}

/* Proxy options @o (AVP 27) hold an Auth-Protocol of @method. */
static bool o_lcp_auth(const u8 *o, size_t len, u8 method)
{
	static const u8 want[][3] = {
		[KL2TP_PPP_AUTH_PAP] = { 0xc0, 0x23 },
		[KL2TP_PPP_AUTH_CHAP_MD5] = { 0xc2, 0x23, 5 },
		[KL2TP_PPP_AUTH_MSCHAPV2] = { 0xc2, 0x23, 0x81 },
	};
	size_t wlen = method == KL2TP_PPP_AUTH_PAP ? 2 : 3;

	while (len >= 2 && o[1] >= 2 && o[1] <= len) {
		if (o[0] == 3 && o[1] == 2 + wlen &&
		    !memcmp(o + 2, want[method], wlen))
			return true;
		len -= o[1];
		o += o[1];
	}
	return false;
}

/* OP_PROXY: the credential the LAC passes on. */
static void o_proxy(const struct kl2tp_ppp_proxy *p)
{
	size_t nlen = p->auth_name_len, vlen = p->auth_response_len;
	u8 method;
	bool ok;
	int u;

	while (nlen && !p->auth_name[nlen - 1])
		nlen--;
	switch (p->auth_type) {
	case KL2TP_PROXY_AUTH_TEXT:
	case KL2TP_PROXY_AUTH_PAP:
		method = KL2TP_PPP_AUTH_PAP;
		while (vlen && !p->auth_response[vlen - 1])
			vlen--;
		break;
	case KL2TP_PROXY_AUTH_CHAP:
		method = KL2TP_PPP_AUTH_CHAP_MD5;
		break;
	default:
		return;
	}
	u = o_user(p->auth_name, nlen);
	if (u < 0 || !o_allowed(method) ||
	    !o_lcp_auth(p->last_sent, p->last_sent_len, method))
		return;
	if (method == KL2TP_PPP_AUTH_PAP)
		ok = o_eq(users[u][1], p->auth_response, vlen);
	else
		ok = vlen == 16 && p->auth_challenge_len &&
		     o_md5_ok(u, p->auth_id, p->auth_challenge,
			      p->auth_challenge_len, p->auth_response);
	if (ok)
		orc.valid |= 1 << u;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	/* RFC 2759 9.2 */
	static const u8 auth[16] = {
		0x5b, 0x5d, 0x7c, 0x7d, 0x7b, 0x3f, 0x2f, 0x3e,
		0x3c, 0x2c, 0x60, 0x21, 0x32, 0x26, 0x26, 0x28,
	};
	static const u8 peer[16] = {
		0x21, 0x40, 0x23, 0x24, 0x25, 0x5e, 0x26, 0x2a,
		0x28, 0x29, 0x5f, 0x2b, 0x3a, 0x33, 0x7c, 0x7e,
	};
	static const u8 nt[24] = {
		0x82, 0x30, 0x9e, 0xcd, 0x8d, 0x70, 0x8b, 0x5e,
		0xa0, 0x8f, 0xaa, 0x39, 0x81, 0xcd, 0x83, 0x54,
		0x42, 0x33, 0x11, 0x4a, 0x3d, 0x85, 0xd6, 0xdf,
	};
	u8 hash[16], out[24];
	int u;

	o_nt_hash("clientPass", hash);
	o_nt_response(hash, auth, peer, (const u8 *)"User", 4, out);
	ASSERT(!memcmp(out, nt, sizeof(nt)));
	o_nt_response(hash, auth, peer, (const u8 *)"DOM\\User", 8, out);
	ASSERT(!memcmp(out, nt, sizeof(nt)));
	for (u = 0; u < SRV_USERS; u++)
		o_nt_hash(users[u][1], nt_hashes[u]);
	return 0;
}

static void f_send(void *ctx, const u8 *frame, size_t len)
{
	struct fnode *n = ctx;
	struct qframe *f;

	ASSERT(!n->finished);
	check_frame(n, frame, len);
	watch(n->id, frame, len);
	if (!n->id)
		o_tx(frame, len);
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
	for (i = 0; i < SRV_USERS; i++) {
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
	int u;

	ASSERT(!n->assigned);
	ASSERT(!n->finished);
	if (!n->id && o_required()) {
		u = o_user(user, len);
		ASSERT(u >= 0 && (orc.valid & 1 << u));
		orc.user = u;
	}
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
	if (!n->id && o_required())
		ASSERT(orc.user >= 0 && (orc.valid & 1 << orc.user));
	n->up = true;
}

static void f_down(void *ctx, int reason, const char *why)
{
	struct fnode *n = ctx;

	ASSERT(n->up);
	ASSERT(why);
	n->up = false;
}

static int f_up6(void *ctx, const u8 ours[KL2TP_PPP_IID_LEN],
		 const u8 peer[KL2TP_PPP_IID_LEN])
{
	static const u8 zero[KL2TP_PPP_IID_LEN];
	struct fnode *n = ctx;

	ASSERT(n->ipv6 && !n->up6 && !n->finished);
	ASSERT(memcmp(ours, zero, KL2TP_PPP_IID_LEN) &&
	       memcmp(peer, zero, KL2TP_PPP_IID_LEN) &&
	       memcmp(ours, peer, KL2TP_PPP_IID_LEN));
	if (!n->id && o_required())
		ASSERT(orc.valid);
	/* a glue that cannot carry IPv6 (configuration byte 2 bit 3) */
	if (n->refuse6)
		return -ENODEV;
	n->up6 = true;
	return 0;
}

static void f_down6(void *ctx, int reason, const char *why)
{
	struct fnode *n = ctx;

	ASSERT(n->up6);
	ASSERT(why);
	n->up6 = false;
}

static void f_finished(void *ctx, int reason, const char *why)
{
	struct fnode *n = ctx;

	ASSERT(!n->finished);
	ASSERT(!n->up && !n->up6);
	ASSERT(!n->assigned);
	ASSERT(reason > 0 && reason <= KL2TP_PPP_R_MAX);
	ASSERT(why && strcmp(why, "unknown"));
	n->finished = true;
}

/* The AAA server: judges @c on its own, answers later (see the top). */
static int f_verify(void *ctx, const struct kl2tp_ppp_auth_cred *c)
{
	struct fnode *n = ctx;
	u8 want[24];
	int u;

	struct answer *a = &aaa.now;

	ASSERT(!n->id && aaa.on);
	ASSERT(c->name_len <= KL2TP_PPP_NAME_MAX && (c->name || !c->name_len));
	ASSERT(c->resp || !c->resp_len);
	ASSERT(c->seq > a->seq);
	aaa.before = *a;
	memset(a, 0, sizeof(*a));
	a->seq = c->seq;
	a->method = c->method;
	ASSERT(c->chal_len <= sizeof(a->chal) && c->resp_len <= sizeof(a->resp));
	a->cred = *c;
	if (c->name_len)
		memcpy(a->name, c->name, c->name_len);
	if (c->chal_len)
		memcpy(a->chal, c->chal, c->chal_len);
	if (c->resp_len)
		memcpy(a->resp, c->resp, c->resp_len);
	aaa.pending = aaa.says == KL2TP_PPP_VERIFY_PENDING;
	u = o_user(c->name, c->name_len);
	if (u < 0 || !o_allowed(c->method))
		return aaa.says;
	switch (c->method) {
	case KL2TP_PPP_AUTH_PAP:
		a->valid = o_eq(users[u][1], c->resp, c->resp_len);
		break;
	case KL2TP_PPP_AUTH_CHAP_MD5:
		ASSERT(c->chal && c->chal_len && c->resp_len == 16);
		a->valid = o_md5_ok(u, c->id, c->chal, c->chal_len, c->resp);
		break;
	case KL2TP_PPP_AUTH_MSCHAPV2:
		ASSERT(!c->proxy && c->chal && c->chal_len == 16 &&
		       c->resp_len == KL2TP_PPP_MSCHAP_RESP_LEN);
		o_nt_response(nt_hashes[u], c->chal, c->resp, c->name,
			      c->name_len, want);
		a->valid = !memcmp(want, c->resp + 24, 24);
		if (a->valid)
			ASSERT(!kl2tp_ppp_mschap_auth_response(nt_hashes[u],
							       c->resp + 24, c->resp,
							       c->chal, c->name,
							       c->name_len,
							       a->authresp));
		break;
	default:
		ASSERT(0);
	}
	return aaa.says;
}

/* OP_CONTROL bit 5: drive the AAA server (see the top). */
static void aaa_control(u8 op)
{
	static const int says[] = { 0, KL2TP_PPP_VERIFY_PENDING,
				    KL2TP_PPP_VERIFY_LOCAL, KL2TP_PPP_VERIFY_REJECT };
	bool stale = (op & 0xc0) == 0xc0;
	struct answer a = stale ? aaa.before : aaa.now;
	bool ok = a.valid && (stale || !(op & 0x40));
	int ret;

	if ((op >> 3) & 3) {
		aaa.says = says[(op >> 3) & 3];
		return;
	}
	if ((op & 0xc0) == 0x80 && (a.method != KL2TP_PPP_AUTH_MSCHAPV2 ||
				    !(a.seq & 1))) {
		a.cred.name = a.name;
		a.cred.chal = a.cred.chal ? a.chal : NULL;
		a.cred.resp = a.cred.resp ? a.resp : NULL;
		ret = kl2tp_ppp_session_verdict_local(&nodes[0].s, now, a.seq,
						      &a.cred);
		/* a local check of the very credential: never malformed */
		ASSERT(!ret || ret == -EALREADY);
		if (!ret)
			ASSERT(aaa.pending);
		aaa.pending = false;
		return;
	}
	if (op & 0x80 && !stale)
		a.authresp[5] = 'G';
	ret = kl2tp_ppp_session_verdict(&nodes[0].s, now, a.seq, ok, a.authresp,
					sizeof(a.authresp));
	if (stale) {
		ASSERT(ret == -EALREADY);
		return;
	}
	ASSERT(!ret || ret == -EINVAL || ret == -EALREADY);
	if (ret == -EINVAL)
		ASSERT(ok && a.method == KL2TP_PPP_AUTH_MSCHAPV2 && (op & 0x80));
	if (ret != -EALREADY)
		ASSERT(aaa.pending);
	aaa.pending = false;
}

static const struct kl2tp_ppp_session_ops ops = {
	.send = f_send,
	.random = f_random,
	.lookup = f_lookup,
	.ipcp_assign = f_assign,
	.ipcp_release = f_release,
	.net_up = f_up,
	.net_down = f_down,
	.net6_up = f_up6,
	.net6_down = f_down6,
	.finished = f_finished,
};

/* The server's, with the external check. */
static const struct kl2tp_ppp_session_ops aaa_ops = {
	.send = f_send,
	.random = f_random,
	.lookup = f_lookup,
	.verify = f_verify,
	.ipcp_assign = f_assign,
	.ipcp_release = f_release,
	.net_up = f_up,
	.net_down = f_down,
	.net6_up = f_up6,
	.net6_down = f_down6,
	.finished = f_finished,
};

static const struct kl2tp_ppp_session_ops *node_ops(int i)
{
	return !i && aaa.on ? &aaa_ops : &ops;
}

/* Start node @i's engine, with IPV6CP if it runs it. */
static void node_init(int i)
{
	struct fnode *n = &nodes[i];

	ASSERT(!kl2tp_ppp_session_init(&n->s, &n->cfg, node_ops(i), n));
	if (n->ipv6)
		ASSERT(!kl2tp_ppp_session_set_ipv6(&n->s, &n->v6, &n->v6cfg));
}

static void configure(u8 c0, u8 c1, u8 c2)
{
	struct kl2tp_ppp_session_cfg *s = &nodes[0].cfg, *c = &nodes[1].cfg;
	const char *const *u = users[c1 & 3];
	u8 m = c0 & 3;
	int i;

	memset(nodes, 0, sizeof(nodes));
	memset(&seen, 0, sizeof(seen));
	memset(&aaa, 0, sizeof(aaa));
	aaa.on = c1 & 0x80;
	aaa.says = KL2TP_PPP_VERIFY_PENDING;
	o_reset();
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
		nodes[i].ipv6 = c2 & (1 << i);
		nodes[i].refuse6 = !i && (c2 & 8);
		/* both ask for the same identifier: a collision */
		if (c2 & 4)
			memcpy(nodes[i].v6cfg.iid, "\x04\0\0\0\0\0\0\x01",
			       KL2TP_PPP_IID_LEN);
		node_init(i);
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
	if (!f.dst)
		o_rx(f.data, f.len);
	ret = kl2tp_ppp_session_input(&n->s, now, f.data, f.len, &d);
	if (ret == 1) {
		ASSERT(d.proto == KL2TP_PPP_IP ? n->up :
		       d.proto == KL2TP_PPP_IPV6 && n->up6);
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
	if (!dst)
		o_rx(buf, n + len);
	ret = kl2tp_ppp_session_input(&nodes[dst].s, now, buf, n + len, &d);
	ASSERT(ret <= 1);
	if (ret == 1)
		ASSERT(d.proto == KL2TP_PPP_IP ? nodes[dst].up :
		       d.proto == KL2TP_PPP_IPV6 && nodes[dst].up6);
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
	n->up6 = false;
	n->assigned = false;
	n->cfg.force_chap = f & 8;
	n->cfg.lcp_renegotiate = f & 0x10;
	/* A new server: only the proxied credential, if it may be used. */
	o_reset();
	if (!n->cfg.force_chap && !n->cfg.lcp_renegotiate)
		o_proxy(&p);
	/* a new engine numbers its checks anew */
	aaa.pending = false;
	memset(&aaa.now, 0, sizeof(aaa.now));
	memset(&aaa.before, 0, sizeof(aaa.before));
	node_init(0);
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
	static u8 rabuf[KL2TP_ND6_RA_MAX];
	struct kl2tp_nd6_ra ra;
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
	/* an RS taken is one on its own terms: inside the input, type 133 */
	if (kl2tp_nd6_is_rs(data, size)) {
		ASSERT(size >= KL2TP_IP6_HDR_LEN + 8);
		ASSERT(KL2TP_IP6_HDR_LEN + kl2tp_get_be16(data + 4) <= size);
		ASSERT(data[7] == 255 && data[KL2TP_IP6_HDR_LEN] == KL2TP_ND6_RS);
	}
	/* an RA from any values: within its maximum, no RS, checksum right */
	if (size >= sizeof(ra)) {
		memcpy(&ra, data, sizeof(ra));
		ra.dst = NULL;
		ret = kl2tp_nd6_ra_build(&ra, rabuf, sizeof(rabuf));
		ASSERT(ret <= (int)sizeof(rabuf));
		if (ret > 0) {
			ASSERT(!kl2tp_nd6_is_rs(rabuf, ret));
			ASSERT(!kl2tp_ip6_csum(rabuf + 8, rabuf + 24,
					       KL2TP_IPPROTO_ICMPV6,
					       rabuf + KL2TP_IP6_HDR_LEN,
					       ret - KL2TP_IP6_HDR_LEN));
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t i = 3, len;
	u8 op;

	codecs(data, size);
	if (size < 3)
		return 0;
	now = 1000;
	qn = 0;
	configure(data[0], data[1], data[2]);

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
			if ((op & 0x20) && aaa.on) {
				aaa_control(op);
				break;
			}
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
		ASSERT(!nodes[i].up && !nodes[i].up6 && !nodes[i].assigned);
		ASSERT(nodes[i].s.phase == KL2TP_PPP_PHASE_DEAD);
	}
	return 0;
}
