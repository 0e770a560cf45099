// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of PPP authentication (kernel/proto/ppp_auth.c) and of the
 * host implementations of the primitives it needs (selftests/unit/support):
 * MD4 against the RFC 1320 test suite, SHA-1 against FIPS 180 examples,
 * DES against published vectors, CHAP-MD5 known answers, MS-CHAPv2 against
 * RFC 2759 9.2 step by step, the PAP/CHAP codecs with truncated fields, and
 * both directions of PAP, CHAP-MD5 and MS-CHAPv2 run against each other
 * with losses, retransmissions, wrong passwords and forged replies; proxy
 * authentication (RFC 2661): PAP and CHAP-MD5 credentials a peer gave
 * someone else, right, wrong and unusable; the external check (verify:
 * local, pending then a verdict, refused; repeats while pending, late and
 * stale verdicts, authenticator responses malformed or wrong, MS-CHAPv2
 * both ways).
 */
#include "unit.h"
#include "hash.h"
#include "ppp_auth.h"

static void unhex(const char *s, u8 *out)
{
	unsigned int v;

	while (*s) {
		if (*s == ' ') {
			s++;
			continue;
		}
		sscanf(s, "%2x", &v);
		*out++ = (u8)v;
		s += 2;
	}
}

static int md4_str(const char *s, const char *want_hex)
{
	struct kl2tp_iov iov = { s, strlen(s) };
	u8 out[16], want[16];

	unhex(want_hex, want);
	return !kl2tp_md4(&iov, 1, out) && !memcmp(out, want, 16);
}

UNIT_TEST(t_md4)
{
	/* RFC 1320 A.5 */
	CHECK(md4_str("", "31d6cfe0d16ae931b73c59d7e0c089c0"));
	CHECK(md4_str("a", "bde52cb31de33e46245e05fbdbd6fb24"));
	CHECK(md4_str("abc", "a448017aaf21d8525fc10ae87aa6729d"));
	CHECK(md4_str("message digest", "d9130a8164549fe818874806e1c7014b"));
	CHECK(md4_str("abcdefghijklmnopqrstuvwxyz",
		      "d79e1c308aa5bbcdeea8ed63df412da9"));
	CHECK(md4_str("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
		      "043f8582f241db351ce627e153e7f0e4"));
	CHECK(md4_str("1234567890123456789012345678901234567890123456789012345678901234567890"
		      "1234567890", "e33b4ddc9c38f2199c3e7b164fcc0536"));
}

UNIT_TEST(t_sha1)
{
	static const char *abc2 =
		"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
	struct kl2tp_iov iov[3];
	static u8 million[1000000];
	u8 out[20], want[20];

	iov[0].base = "abc";
	iov[0].len = 3;
	CHECK_EQ(kl2tp_sha1(iov, 1, out), 0);
	unhex("a9993e364706816aba3e25717850c26c9cd0d89d", want);
	CHECK_MEM(out, want, 20);

	iov[0].base = abc2;
	iov[0].len = 10;
	iov[1].base = NULL;
	iov[1].len = 0;
	iov[2].base = abc2 + 10;
	iov[2].len = strlen(abc2) - 10;
	CHECK_EQ(kl2tp_sha1(iov, 3, out), 0);
	unhex("84983e441c3bd26ebaae4aa1f95129e5e54670f1", want);
	CHECK_MEM(out, want, 20);

	CHECK_EQ(kl2tp_sha1(NULL, 0, out), 0);
	unhex("da39a3ee5e6b4b0d3255bfef95601890afd80709", want);
	CHECK_MEM(out, want, 20);

	memset(million, 'a', sizeof(million));
	iov[0].base = million;
	iov[0].len = 333333;
	iov[1].base = million;
	iov[1].len = 1;
	iov[2].base = million;
	iov[2].len = sizeof(million) - 333334;
	CHECK_EQ(kl2tp_sha1(iov, 3, out), 0);
	unhex("34aa973cd4c4daa4f61eeb2bdbad27316534016f", want);
	CHECK_MEM(out, want, 20);

	iov[0].base = NULL;
	iov[0].len = 1;
	CHECK_EQ(kl2tp_sha1(iov, 1, out), -EINVAL);
	CHECK_EQ(kl2tp_md4(iov, 1, out), -EINVAL);
}

static int des_vec(const char *key, const char *pt, const char *ct)
{
	u8 k[8], p[8], c[8], out[8];

	unhex(key, k);
	unhex(pt, p);
	unhex(ct, c);
	return !kl2tp_des_encrypt(k, p, out) && !memcmp(out, c, 8);
}

UNIT_TEST(t_des)
{
	u8 k[8], p[8], out[8], want[8];
	int i;

	CHECK(des_vec("133457799BBCDFF1", "0123456789ABCDEF",
		      "85E813540F0AB405"));
	CHECK(des_vec("0E329232EA6D0D73", "8787878787878787",
		      "0000000000000000"));
	/* Parity bits do not matter. */
	unhex("133457799BBCDFF1", k);
	unhex("0123456789ABCDEF", p);
	for (i = 0; i < 8; i++)
		k[i] ^= 1;
	CHECK_EQ(kl2tp_des_encrypt(k, p, out), 0);
	unhex("85E813540F0AB405", want);
	CHECK_MEM(out, want, 8);
	/* NBS SP 500-20 variable plaintext, first and last entries. */
	CHECK(des_vec("0101010101010101", "8000000000000000",
		      "95F8A5E5DD31D900"));
	CHECK(des_vec("0101010101010101", "0000000000000001",
		      "166B40B44ABA4BD6"));
	/* A weak key is accepted. */
	CHECK(des_vec("0101010101010101", "95F8A5E5DD31D900",
		      "8000000000000000"));
}

UNIT_TEST(t_chap_md5)
{
	u8 chal[16], out[16], want[16];
	int i;

	for (i = 0; i < 16; i++)
		chal[i] = i;
	CHECK_EQ(kl2tp_ppp_chap_md5(0x2a, (const u8 *)"password", 8, chal, 16,
				    out), 0);
	unhex("3e0949a5572c2d338c182b7f6377471d", want);
	CHECK_MEM(out, want, 16);

	memset(chal, 0xff, 8);
	CHECK_EQ(kl2tp_ppp_chap_md5(0, NULL, 0, chal, 8, out), 0);
	unhex("76213d30e2422ef6e2f4a52c1fe31438", want);
	CHECK_MEM(out, want, 16);
}

/* RFC 2759 9.2, every intermediate value. */
UNIT_TEST(t_mschapv2_rfc2759)
{
	static const u8 user[] = "User";
	static const u8 pass[] = "clientPass";
	u8 auth_chal[16], peer_chal[16], want[24], out[24], hash[16];
	u8 ucs2[2 * KL2TP_PPP_MSCHAP_PW_MAX];
	char resp[42];

	unhex("5B5D7C7D7B3F2F3E3C2C602132262628", auth_chal);
	unhex("21402324255E262A28295F2B3A337C7E", peer_chal);

	CHECK_EQ(kl2tp_ppp_mschap_nt_password_hash(pass, 10, ucs2, hash), 0);
	unhex("44EBBA8D5312B8D611474411F56989AE", want);
	CHECK_MEM(hash, want, 16);
	/* The scratch copy of the password was wiped. */
	memset(want, 0, sizeof(want));
	CHECK_MEM(ucs2, want, 20);

	CHECK_EQ(kl2tp_ppp_mschap_hash_nt_password_hash(hash, out), 0);
	unhex("41C00C584BD2D91C4017A2A12FA59F3F", want);
	CHECK_MEM(out, want, 16);

	CHECK_EQ(kl2tp_ppp_mschap_challenge_hash(peer_chal, auth_chal, user, 4,
						 out), 0);
	unhex("D02E4386BCE91226", want);
	CHECK_MEM(out, want, 8);
	/* A domain prefix is not hashed. */
	CHECK_EQ(kl2tp_ppp_mschap_challenge_hash(peer_chal, auth_chal,
						 (const u8 *)"DOM\\User", 8,
						 out), 0);
	CHECK_MEM(out, want, 8);

	CHECK_EQ(kl2tp_ppp_mschap_nt_response(auth_chal, peer_chal, user, 4,
					      hash, out), 0);
	unhex("82309ECD8D708B5EA08FAA3981CD83544233114A3D85D6DF", want);
	CHECK_MEM(out, want, 24);

	CHECK_EQ(kl2tp_ppp_mschap_auth_response(hash, out, peer_chal,
						auth_chal, user, 4, resp), 0);
	CHECK_MEM(resp, "S=407A5589115FD0D6209F510FE9C04566932CDA56", 42);
}

/* UTF-8 passwords become UTF-16LE; stray bytes count as Latin-1. */
UNIT_TEST(t_mschapv2_unicode)
{
	static const u8 utf8[] = "p\xc3\xa4ss";		/* p U+00E4 s s */
	static const u8 latin1[] = "p\xe4ss";
	static const u8 utf16[] = { 'p', 0, 0xe4, 0, 's', 0, 's', 0 };
	static const u8 emoji[] = "\xf0\x9f\x98\x80";	/* U+1F600 */
	static const u8 emoji16[] = { 0x3d, 0xd8, 0x00, 0xde };
	static const u8 overlong[] = "\xc0\xaf";
	static const u8 overlong16[] = { 0xc0, 0, 0xaf, 0 };
	u8 ucs2[2 * KL2TP_PPP_MSCHAP_PW_MAX], a[16], b[16];
	u8 pw[KL2TP_PPP_MSCHAP_PW_MAX + 1];
	struct kl2tp_iov iov;

	iov.base = utf16;
	iov.len = sizeof(utf16);
	kl2tp_md4(&iov, 1, b);
	CHECK_EQ(kl2tp_ppp_mschap_nt_password_hash(utf8, 5, ucs2, a), 0);
	CHECK_MEM(a, b, 16);
	CHECK_EQ(kl2tp_ppp_mschap_nt_password_hash(latin1, 4, ucs2, a), 0);
	CHECK_MEM(a, b, 16);

	iov.base = emoji16;
	iov.len = sizeof(emoji16);
	kl2tp_md4(&iov, 1, b);
	CHECK_EQ(kl2tp_ppp_mschap_nt_password_hash(emoji, 4, ucs2, a), 0);
	CHECK_MEM(a, b, 16);
	/* Cut short: four Latin-1 characters... of which three exist. */
	CHECK_EQ(kl2tp_ppp_mschap_nt_password_hash(emoji, 3, ucs2, a), 0);

	iov.base = overlong16;
	iov.len = sizeof(overlong16);
	kl2tp_md4(&iov, 1, b);
	CHECK_EQ(kl2tp_ppp_mschap_nt_password_hash(overlong, 2, ucs2, a), 0);
	CHECK_MEM(a, b, 16);

	memset(pw, 'x', sizeof(pw));
	CHECK_EQ(kl2tp_ppp_mschap_nt_password_hash(pw, KL2TP_PPP_MSCHAP_PW_MAX,
						   ucs2, a), 0);
	CHECK_EQ(kl2tp_ppp_mschap_nt_password_hash(pw, sizeof(pw), ucs2, a),
		 -EINVAL);
	CHECK_EQ(kl2tp_ppp_mschap_nt_password_hash(pw, 0, ucs2, a), 0);
	CHECK(md4_str("", "31d6cfe0d16ae931b73c59d7e0c089c0"));
}

UNIT_TEST(t_codecs)
{
	static const u8 pap[] = { 4, 'u', 's', 'e', 'r', 2, 'p', 'w', 0xee };
	static const u8 pap_cut1[] = { 5, 'u', 's', 'e', 'r' };
	static const u8 pap_cut2[] = { 4, 'u', 's', 'e', 'r', 3, 'p', 'w' };
	static const u8 pap_cut3[] = { 4, 'u', 's', 'e', 'r' };
	static const u8 chap[] = { 3, 1, 2, 3, 'n', 'a', 'm', 'e' };
	static const u8 chap_cut[] = { 9, 1, 2, 3 };
	static const u8 chap_zero[] = { 0, 'n' };
	static const u8 reply[] = { 2, 'o', 'k' };
	struct kl2tp_ppp_pap_req r;
	struct kl2tp_ppp_chap_msg m;
	struct kl2tp_ppp_buf b;
	const u8 *msg;
	size_t len;
	u8 buf[600], big[300];

	CHECK_EQ(kl2tp_ppp_pap_parse_req(pap, sizeof(pap), &r), 0);
	CHECK_EQ(r.name_len, 4);
	CHECK_MEM(r.name, "user", 4);
	CHECK_EQ(r.passwd_len, 2);
	CHECK_MEM(r.passwd, "pw", 2);
	CHECK_EQ(kl2tp_ppp_pap_parse_req(pap, 0, &r), -EBADMSG);
	CHECK_EQ(kl2tp_ppp_pap_parse_req(pap_cut1, sizeof(pap_cut1), &r),
		 -EBADMSG);
	CHECK_EQ(kl2tp_ppp_pap_parse_req(pap_cut2, sizeof(pap_cut2), &r),
		 -EBADMSG);
	CHECK_EQ(kl2tp_ppp_pap_parse_req(pap_cut3, sizeof(pap_cut3), &r),
		 -EBADMSG);

	CHECK_EQ(kl2tp_ppp_pap_parse_reply(reply, sizeof(reply), &msg, &len),
		 0);
	CHECK_EQ(len, 2);
	CHECK_EQ(kl2tp_ppp_pap_parse_reply(reply, 0, &msg, &len), 0);
	CHECK_EQ(len, 0);
	CHECK_EQ(kl2tp_ppp_pap_parse_reply(reply, 2, &msg, &len), -EBADMSG);

	CHECK_EQ(kl2tp_ppp_chap_parse(chap, sizeof(chap), &m), 0);
	CHECK_EQ(m.value_len, 3);
	CHECK_EQ(m.name_len, 4);
	CHECK_MEM(m.name, "name", 4);
	CHECK_EQ(kl2tp_ppp_chap_parse(chap, 4, &m), 0);
	CHECK_EQ(m.name_len, 0);
	CHECK_EQ(kl2tp_ppp_chap_parse(chap, 3, &m), -EBADMSG);
	CHECK_EQ(kl2tp_ppp_chap_parse(chap, 0, &m), -EBADMSG);
	CHECK_EQ(kl2tp_ppp_chap_parse(chap_cut, sizeof(chap_cut), &m),
		 -EBADMSG);
	CHECK_EQ(kl2tp_ppp_chap_parse(chap_zero, sizeof(chap_zero), &m),
		 -EBADMSG);

	kl2tp_ppp_buf_init(&b, buf, sizeof(buf));
	kl2tp_ppp_pap_put_req(&b, 7, (const u8 *)"user", 4,
			      (const u8 *)"pw", 2);
	CHECK_EQ(b.err, 0);
	CHECK_EQ(b.len, 4 + sizeof(pap) - 1);
	CHECK_EQ(buf[0], KL2TP_PPP_PAP_REQ);
	CHECK_EQ(buf[1], 7);
	CHECK_EQ(kl2tp_get_be16(buf + 2), b.len);
	CHECK_MEM(buf + 4, pap, sizeof(pap) - 1);

	memset(big, 'a', sizeof(big));
	kl2tp_ppp_buf_init(&b, buf, sizeof(buf));
	kl2tp_ppp_pap_put_req(&b, 7, big, 256, (const u8 *)"pw", 2);
	CHECK_EQ(b.err, -EMSGSIZE);
	kl2tp_ppp_buf_init(&b, buf, sizeof(buf));
	kl2tp_ppp_chap_put(&b, 1, 1, big, 256, NULL, 0);
	CHECK_EQ(b.err, -EMSGSIZE);
	kl2tp_ppp_buf_init(&b, buf, sizeof(buf));
	kl2tp_ppp_chap_put(&b, 1, 1, big, 16, big, 280);
	CHECK_EQ(b.err, 0);
	CHECK_EQ(kl2tp_ppp_chap_parse(buf + 4, b.len - 4, &m), 0);
	CHECK_EQ(m.name_len, 280);
}

/*
 * Two authentication engines wired back to back: "srv" authenticates,
 * "cli" proves itself. Frames are queued and delivered by pump(), which
 * can drop chosen ones.
 */
struct side {
	struct kl2tp_ppp_io io;
	struct kl2tp_ppp_auth a;
	u8 tx[1600];
	int id;
};

static struct link {
	struct side srv, cli;
	u8 q[32][600];
	size_t qlen[32];
	int qfrom[32];
	int head, tail;
	int sent;
	unsigned int drop_mask;		/* drop the n-th frame sent */
	const char *pw;			/* what lookup returns */
	int lookups;
	u8 rnd;
	int verify_answer;		/* what verify returns */
	int verifies;
	struct kl2tp_ppp_auth_cred cred;	/* the last one verify saw, */
	u8 cname[64], cchal[64], cresp[64];	/* with copies of its data */
} L;

static void link_send(void *ctx, const u8 *frame, size_t len)
{
	struct side *s = ctx;
	int n = L.sent++;

	if (n < 32 && (L.drop_mask & (1u << n)))
		return;
	if (L.tail < 32 && len <= sizeof(L.q[0])) {
		memcpy(L.q[L.tail], frame, len);
		L.qlen[L.tail] = len;
		L.qfrom[L.tail] = s->id;
		L.tail++;
	}
}

static void link_random(void *ctx, void *buf, size_t len)
{
	u8 *p = buf;

	while (len--)
		*p++ = L.rnd++ * 37 + 11;
}

static int link_lookup(void *ctx, const u8 *name, size_t len,
		       const u8 **secret, size_t *secret_len)
{
	L.lookups++;
	if (len != 4 || memcmp(name, "user", 4) || !L.pw)
		return -ENOENT;
	*secret = (const u8 *)L.pw;
	*secret_len = strlen(L.pw);
	return 0;
}

static bool use_verify;		/* side_init: the server asks link_verify */

static int link_verify(void *ctx, const struct kl2tp_ppp_auth_cred *c)
{
	L.verifies++;
	L.cred = *c;
	if (c->name && c->name_len <= sizeof(L.cname))
		memcpy(L.cname, c->name, c->name_len);
	if (c->chal && c->chal_len <= sizeof(L.cchal))
		memcpy(L.cchal, c->chal, c->chal_len);
	if (c->resp && c->resp_len <= sizeof(L.cresp))
		memcpy(L.cresp, c->resp, c->resp_len);
	return L.verify_answer;
}

static void side_init(struct side *s, int id, const char *secret)
{
	struct kl2tp_ppp_auth_cfg cfg;

	memset(s, 0, sizeof(*s));
	s->id = id;
	s->io.tx = s->tx;
	s->io.tx_cap = sizeof(s->tx);
	s->io.peer_mru = 1500;
	s->io.send = link_send;
	s->io.random = link_random;
	s->io.ctx = s;
	memset(&cfg, 0, sizeof(cfg));
	cfg.name = (const u8 *)(id ? "user" : "lns");
	cfg.name_len = id ? 4 : 3;
	cfg.secret = (const u8 *)secret;
	cfg.secret_len = secret ? strlen(secret) : 0;
	cfg.lookup = id ? NULL : link_lookup;
	cfg.verify = id || !use_verify ? NULL : link_verify;
	cfg.restart_ms = 1000;
	cfg.max_tries = 3;
	kl2tp_ppp_auth_init(&s->a, &s->io, &cfg);
}

static void link_init(const char *srv_pw, const char *cli_pw)
{
	memset(&L, 0, sizeof(L));
	side_init(&L.srv, 0, NULL);
	side_init(&L.cli, 1, cli_pw);
	L.pw = srv_pw;
	L.verify_answer = KL2TP_PPP_VERIFY_LOCAL;
}

/* Deliver queued frames until none is left. */
static void pump(u64 now)
{
	while (L.head < L.tail) {
		int i = L.head++;
		struct side *dst = L.qfrom[i] ? &L.srv : &L.cli;

		kl2tp_ppp_auth_input(&dst->a, now, kl2tp_get_be16(L.q[i] + 2),
				     L.q[i] + 4, L.qlen[i] - 4);
	}
}

/* Run timers and deliveries until both sides decided or @limit ms. */
static u64 run(u64 now, u64 limit)
{
	u64 end = now + limit;
	u32 t;

	pump(now);
	while (now < end && (L.srv.a.srv.state == KL2TP_PPP_AUTH_RUNNING ||
			     L.cli.a.cli.state == KL2TP_PPP_AUTH_RUNNING)) {
		t = min_t(u32, kl2tp_ppp_auth_next_timeout(&L.srv.a, now),
			  kl2tp_ppp_auth_next_timeout(&L.cli.a, now));
		if (t == KL2TP_PPP_NO_TIMEOUT)
			break;
		now += t;
		kl2tp_ppp_auth_timer(&L.srv.a, now);
		kl2tp_ppp_auth_timer(&L.cli.a, now);
		pump(now);
	}
	return now;
}

static void start(u8 method)
{
	kl2tp_ppp_auth_start(&L.srv.a, 0, method, KL2TP_PPP_AUTH_NONE);
	kl2tp_ppp_auth_start(&L.cli.a, 0, KL2TP_PPP_AUTH_NONE, method);
}

static const u8 methods[] = {
	KL2TP_PPP_AUTH_PAP, KL2TP_PPP_AUTH_CHAP_MD5, KL2TP_PPP_AUTH_MSCHAPV2,
};

UNIT_TEST(t_auth_ok)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(methods); i++) {
		link_init("s3cret", "s3cret");
		start(methods[i]);
		run(0, 60000);
		CHECK_EQ(L.srv.a.srv.state, KL2TP_PPP_AUTH_OK);
		CHECK_EQ(L.cli.a.cli.state, KL2TP_PPP_AUTH_OK);
		CHECK(kl2tp_ppp_auth_done(&L.srv.a));
		CHECK(kl2tp_ppp_auth_done(&L.cli.a));
		CHECK_EQ(kl2tp_ppp_auth_failed(&L.srv.a), 0);
		CHECK_EQ(L.srv.a.peer_name_len, 4);
		CHECK_MEM(L.srv.a.peer_name, "user", 4);
		CHECK_EQ(L.lookups, 1);
		CHECK_EQ(L.sent, 2 + (methods[i] != KL2TP_PPP_AUTH_PAP));
		CHECK_EQ(kl2tp_ppp_auth_next_timeout(&L.srv.a, 0),
			 KL2TP_PPP_NO_TIMEOUT);
	}
}

UNIT_TEST(t_auth_wrong)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(methods); i++) {
		/* Wrong password: both sides fail, for their reasons. */
		link_init("s3cret", "guess");
		start(methods[i]);
		run(0, 60000);
		CHECK_EQ(kl2tp_ppp_auth_failed(&L.srv.a),
			 KL2TP_PPP_R_AUTH_FAILED);
		CHECK_EQ(kl2tp_ppp_auth_failed(&L.cli.a),
			 KL2TP_PPP_R_PEER_AUTH_FAILED);

		/* Unknown user. */
		link_init(NULL, "s3cret");
		start(methods[i]);
		run(0, 60000);
		CHECK_EQ(kl2tp_ppp_auth_failed(&L.srv.a),
			 KL2TP_PPP_R_AUTH_FAILED);
		CHECK_EQ(kl2tp_ppp_auth_failed(&L.cli.a),
			 KL2TP_PPP_R_PEER_AUTH_FAILED);

		/* A prefix of the password is not the password. */
		link_init("s3cret", "s3cre");
		start(methods[i]);
		run(0, 60000);
		CHECK_EQ(kl2tp_ppp_auth_failed(&L.srv.a),
			 KL2TP_PPP_R_AUTH_FAILED);
	}
}

/* The MS-CHAPv2 Failure message format. */
UNIT_TEST(t_mschap_failure_msg)
{
	char want[64];
	int i, n;

	link_init("s3cret", "guess");
	start(KL2TP_PPP_AUTH_MSCHAPV2);
	pump(0);
	/* Challenge, Response, Failure */
	CHECK_EQ(L.tail, 3);
	CHECK_EQ(L.q[2][4], KL2TP_PPP_CHAP_FAILURE);
	n = snprintf(want, sizeof(want), "E=691 R=0 C=");
	for (i = 0; i < 16; i++)
		n += snprintf(want + n, sizeof(want) - n, "%02X",
			      L.srv.a.chal[i]);
	snprintf(want + n, sizeof(want) - n, " V=3 M=");
	CHECK_EQ(kl2tp_get_be16(L.q[2] + 6), 4 + strlen(want) +
		 strlen("Authentication failed"));
	CHECK_MEM(L.q[2] + 8, want, strlen(want));

	/* Success: "S=<42> M=..." */
	link_init("s3cret", "s3cret");
	start(KL2TP_PPP_AUTH_MSCHAPV2);
	pump(0);
	CHECK_EQ(L.q[2][4], KL2TP_PPP_CHAP_SUCCESS);
	CHECK_MEM(L.q[2] + 8, "S=", 2);
	CHECK_MEM(L.q[2] + 8 + 42, " M=Access granted", 17);
}

/* A Success whose authenticator response is wrong is a failure. */
UNIT_TEST(t_mschap_forged_success)
{
	u8 pkt[64];
	int i;

	link_init("s3cret", "s3cret");
	start(KL2TP_PPP_AUTH_MSCHAPV2);
	/* Deliver the challenge only; answer with a forged Success. */
	L.head = 0;
	kl2tp_ppp_auth_input(&L.cli.a, 0, KL2TP_PPP_CHAP, L.q[0] + 4,
			     L.qlen[0] - 4);
	CHECK(L.cli.a.responded);
	pkt[0] = KL2TP_PPP_CHAP_SUCCESS;
	pkt[1] = L.cli.a.cli.id;
	kl2tp_put_be16(pkt + 2, 4 + 42);
	memcpy(pkt + 4, "S=0000000000000000000000000000000000000000", 42);
	CHECK_EQ(kl2tp_ppp_auth_input(&L.cli.a, 0, KL2TP_PPP_CHAP, pkt, 46),
		 0);
	CHECK_EQ(kl2tp_ppp_auth_failed(&L.cli.a), KL2TP_PPP_R_AUTH_FAILED);

	/* Too short to hold one. */
	link_init("s3cret", "s3cret");
	start(KL2TP_PPP_AUTH_MSCHAPV2);
	kl2tp_ppp_auth_input(&L.cli.a, 0, KL2TP_PPP_CHAP, L.q[0] + 4,
			     L.qlen[0] - 4);
	kl2tp_put_be16(pkt + 2, 4 + 10);
	pkt[1] = L.cli.a.cli.id;
	CHECK_EQ(kl2tp_ppp_auth_input(&L.cli.a, 0, KL2TP_PPP_CHAP, pkt, 14),
		 0);
	CHECK_EQ(kl2tp_ppp_auth_failed(&L.cli.a), KL2TP_PPP_R_AUTH_FAILED);

	/* A lowercase authenticator response is accepted. */
	link_init("s3cret", "s3cret");
	start(KL2TP_PPP_AUTH_MSCHAPV2);
	kl2tp_ppp_auth_input(&L.cli.a, 0, KL2TP_PPP_CHAP, L.q[0] + 4,
			     L.qlen[0] - 4);
	kl2tp_ppp_auth_input(&L.srv.a, 0, KL2TP_PPP_CHAP, L.q[1] + 4,
			     L.qlen[1] - 4);
	CHECK_EQ(L.tail, 3);
	for (i = 10; i < 50; i++)
		if (L.q[2][i] >= 'A' && L.q[2][i] <= 'F')
			L.q[2][i] += 'a' - 'A';
	CHECK_EQ(kl2tp_ppp_auth_input(&L.cli.a, 0, KL2TP_PPP_CHAP, L.q[2] + 4,
				      L.qlen[2] - 4), 0);
	CHECK_EQ(L.cli.a.cli.state, KL2TP_PPP_AUTH_OK);
}

/* Lost packets are retransmitted; repeated ones get the same answer. */
UNIT_TEST(t_auth_loss)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(methods); i++) {
		/* The first request/challenge is lost. */
		link_init("s3cret", "s3cret");
		L.drop_mask = 1;
		start(methods[i]);
		run(0, 60000);
		CHECK(kl2tp_ppp_auth_done(&L.srv.a));
		CHECK(kl2tp_ppp_auth_done(&L.cli.a));

		/* The first answer is lost: the repeat gets it again. */
		link_init("s3cret", "s3cret");
		L.drop_mask = methods[i] == KL2TP_PPP_AUTH_PAP ? 2 : 4;
		start(methods[i]);
		run(0, 60000);
		CHECK(kl2tp_ppp_auth_done(&L.srv.a));
		CHECK(kl2tp_ppp_auth_done(&L.cli.a));
		CHECK_EQ(L.lookups, 1);
	}
}

/* Nothing from the other side: time out after max_tries. */
UNIT_TEST(t_auth_timeout)
{
	size_t i;
	u64 end;

	for (i = 0; i < ARRAY_SIZE(methods); i++) {
		link_init("s3cret", "s3cret");
		L.drop_mask = ~0u;
		start(methods[i]);
		end = run(0, 60000);
		CHECK_EQ(kl2tp_ppp_auth_failed(&L.srv.a),
			 KL2TP_PPP_R_AUTH_TIMEOUT);
		CHECK_EQ(kl2tp_ppp_auth_failed(&L.cli.a),
			 KL2TP_PPP_R_AUTH_TIMEOUT);
		CHECK_EQ(end, 3000);
		/* 3 transmissions by the side that starts */
		CHECK_EQ(L.sent, 3);
	}
}

/* Replies that do not belong are dropped. */
UNIT_TEST(t_auth_unexpected)
{
	static const u8 pap_ack[] = { 2, 0, 0, 5, 0 };
	static const u8 chap_succ[] = { 3, 0, 0, 4 };
	static const u8 chap_resp[] = { 2, 0, 0, 6, 1, 0 };
	u8 pkt[8];

	link_init("s3cret", "s3cret");
	/* Not started: nothing is accepted. */
	CHECK_EQ(kl2tp_ppp_auth_input(&L.cli.a, 0, KL2TP_PPP_PAP, pap_ack,
				      sizeof(pap_ack)), -EPROTO);
	CHECK_EQ(kl2tp_ppp_auth_input(&L.srv.a, 0, KL2TP_PPP_CHAP, chap_resp,
				      sizeof(chap_resp)), -EPROTO);
	start(KL2TP_PPP_AUTH_PAP);
	/* Wrong identifier, wrong protocol, wrong direction. */
	memcpy(pkt, pap_ack, sizeof(pap_ack));
	pkt[1] = L.cli.a.cli.id + 1;
	CHECK_EQ(kl2tp_ppp_auth_input(&L.cli.a, 0, KL2TP_PPP_PAP, pkt,
				      sizeof(pap_ack)), -EPROTO);
	CHECK_EQ(kl2tp_ppp_auth_input(&L.cli.a, 0, KL2TP_PPP_CHAP, chap_succ,
				      sizeof(chap_succ)), -EPROTO);
	CHECK_EQ(kl2tp_ppp_auth_input(&L.srv.a, 0, KL2TP_PPP_PAP, pap_ack,
				      sizeof(pap_ack)), -EPROTO);
	CHECK_EQ(kl2tp_ppp_auth_input(&L.cli.a, 0, 0xc025, pap_ack,
				      sizeof(pap_ack)), -EPROTO);
	/* Malformed. */
	CHECK_EQ(kl2tp_ppp_auth_input(&L.cli.a, 0, KL2TP_PPP_PAP, pap_ack, 3),
		 -EBADMSG);
	CHECK_EQ(L.cli.a.cli.state, KL2TP_PPP_AUTH_RUNNING);
	kl2tp_ppp_auth_stop(&L.cli.a);
	CHECK_EQ(L.cli.a.cli.state, KL2TP_PPP_AUTH_IDLE);
	CHECK_EQ(kl2tp_ppp_auth_next_timeout(&L.cli.a, 0),
		 KL2TP_PPP_NO_TIMEOUT);
}

/* The peer answers rechallenges after success (RFC 1994). */
UNIT_TEST(t_chap_rechallenge)
{
	link_init("s3cret", "s3cret");
	start(KL2TP_PPP_AUTH_CHAP_MD5);
	run(0, 10000);
	CHECK(kl2tp_ppp_auth_done(&L.cli.a));
	/* A new exchange from the authenticator side. */
	kl2tp_ppp_auth_start(&L.srv.a, 0, KL2TP_PPP_AUTH_CHAP_MD5,
			     KL2TP_PPP_AUTH_NONE);
	run(0, 10000);
	CHECK(kl2tp_ppp_auth_done(&L.srv.a));
	CHECK(kl2tp_ppp_auth_done(&L.cli.a));
	CHECK_EQ(L.lookups, 2);
}

/*
 * The peer's PAP request went to someone else (the LAC): the server
 * decides on what it carried, and the waiting peer gets the answer.
 */
UNIT_TEST(t_proxy_pap)
{
	struct kl2tp_ppp_auth_cred p;
	struct kl2tp_ppp_pap_req r;
	static u8 req[64];
	size_t req_len;
	int i;

	for (i = 0; i < 3; i++) {
		link_init(i == 2 ? NULL : "s3cret", "s3cret");
		kl2tp_ppp_auth_start(&L.cli.a, 0, KL2TP_PPP_AUTH_NONE,
				     KL2TP_PPP_AUTH_PAP);
		/* Taken by the LAC: never delivered. */
		CHECK_EQ(L.tail, 1);
		req_len = L.qlen[0] - 4;
		memcpy(req, L.q[0] + 4, req_len);
		L.head = L.tail;
		CHECK_EQ(kl2tp_ppp_pap_parse_req(req + 4, req_len - 4, &r), 0);
		memset(&p, 0, sizeof(p));
		p.method = KL2TP_PPP_AUTH_PAP;
		p.id = req[1];
		p.name = r.name;
		p.name_len = r.name_len;
		p.resp = i == 1 ? (const u8 *)"guess" : r.passwd;
		p.resp_len = i == 1 ? 5 : r.passwd_len;

		CHECK_EQ(kl2tp_ppp_auth_start_proxy(&L.srv.a, 0, &p,
						    KL2TP_PPP_AUTH_NONE), 0);
		CHECK_EQ(L.lookups, 1);
		CHECK_EQ(L.srv.a.peer_name_len, 4);
		CHECK_MEM(L.srv.a.peer_name, "user", 4);
		/* The answer, with the peer's Identifier. */
		CHECK_EQ(L.tail, 2);
		CHECK_EQ(kl2tp_get_be16(L.q[1] + 2), KL2TP_PPP_PAP);
		CHECK_EQ(L.q[1][4], i ? KL2TP_PPP_PAP_NAK : KL2TP_PPP_PAP_ACK);
		CHECK_EQ(L.q[1][5], req[1]);
		pump(0);
		if (!i) {
			CHECK(kl2tp_ppp_auth_done(&L.srv.a));
			CHECK(kl2tp_ppp_auth_done(&L.cli.a));
			CHECK_EQ(kl2tp_ppp_auth_next_timeout(&L.srv.a, 0),
				 KL2TP_PPP_NO_TIMEOUT);
		} else {
			CHECK_EQ(kl2tp_ppp_auth_failed(&L.srv.a),
				 KL2TP_PPP_R_AUTH_FAILED);
			CHECK_EQ(kl2tp_ppp_auth_failed(&L.cli.a),
				 KL2TP_PPP_R_PEER_AUTH_FAILED);
		}
		/* The request repeated: the same answer, no new lookup. */
		CHECK_EQ(kl2tp_ppp_auth_input(&L.srv.a, 0, KL2TP_PPP_PAP, req,
					      req_len), 0);
		CHECK_EQ(L.tail, 3);
		CHECK_EQ(L.q[2][4], L.q[1][4]);
		CHECK_EQ(L.lookups, 1);
	}
}

UNIT_TEST(t_proxy_chap)
{
	static const u8 chal[] = "0123456789ab";
	struct kl2tp_ppp_auth_cred p;
	struct kl2tp_ppp_chap_msg m;
	u8 pkt[64], resp[64], val[16];
	size_t resp_len;
	int i;

	for (i = 0; i < 2; i++) {
		link_init("s3cret", "s3cret");
		kl2tp_ppp_auth_start(&L.cli.a, 0, KL2TP_PPP_AUTH_NONE,
				     KL2TP_PPP_AUTH_CHAP_MD5);
		/* The LAC's Challenge, and the peer's Response to it. */
		pkt[0] = KL2TP_PPP_CHAP_CHALLENGE;
		pkt[1] = 0x42;
		kl2tp_put_be16(pkt + 2, 4 + 1 + 12 + 3);
		pkt[4] = 12;
		memcpy(pkt + 5, chal, 12);
		memcpy(pkt + 17, "lac", 3);
		CHECK_EQ(kl2tp_ppp_auth_input(&L.cli.a, 0, KL2TP_PPP_CHAP, pkt,
					      20), 0);
		CHECK_EQ(L.tail, 1);
		resp_len = L.qlen[0] - 4;
		memcpy(resp, L.q[0] + 4, resp_len);
		L.head = L.tail;
		CHECK_EQ(resp[1], 0x42);
		CHECK_EQ(kl2tp_ppp_chap_parse(resp + 4, resp_len - 4, &m), 0);
		memcpy(val, m.value, 16);
		if (i)
			val[3] ^= 1;
		memset(&p, 0, sizeof(p));
		p.method = KL2TP_PPP_AUTH_CHAP_MD5;
		p.id = 0x42;
		p.name = m.name;
		p.name_len = m.name_len;
		p.chal = chal;
		p.chal_len = 12;
		p.resp = val;
		p.resp_len = m.value_len;

		CHECK_EQ(kl2tp_ppp_auth_start_proxy(&L.srv.a, 0, &p,
						    KL2TP_PPP_AUTH_NONE), 0);
		CHECK_EQ(L.tail, 2);
		CHECK_EQ(L.q[1][4], i ? KL2TP_PPP_CHAP_FAILURE :
					KL2TP_PPP_CHAP_SUCCESS);
		CHECK_EQ(L.q[1][5], 0x42);
		pump(0);
		CHECK_EQ(kl2tp_ppp_auth_failed(&L.srv.a),
			 i ? KL2TP_PPP_R_AUTH_FAILED : 0);
		CHECK_EQ(kl2tp_ppp_auth_failed(&L.cli.a),
			 i ? KL2TP_PPP_R_PEER_AUTH_FAILED : 0);
		CHECK_EQ(kl2tp_ppp_auth_done(&L.cli.a), !i);
		CHECK_MEM(L.srv.a.peer_name, "user", 4);
		/* The Response repeated: the same answer. */
		CHECK_EQ(kl2tp_ppp_auth_input(&L.srv.a, 0, KL2TP_PPP_CHAP, resp,
					      resp_len), 0);
		CHECK_EQ(L.tail, 3);
		CHECK_EQ(L.q[2][4], L.q[1][4]);
		CHECK_EQ(L.lookups, 1);
	}
}

/*
 * What an AAA server would answer for MS-CHAPv2: the authenticator
 * response for @pw, from what verify saw.
 */
static void server_authresp(const char *pw, char out[KL2TP_PPP_MSCHAP_AUTHRESP_LEN])
{
	u8 hash[16], ucs2[2 * KL2TP_PPP_MSCHAP_PW_MAX];

	CHECK_EQ(kl2tp_ppp_mschap_nt_password_hash((const u8 *)pw, strlen(pw), ucs2,
						   hash), 0);
	CHECK_EQ(kl2tp_ppp_mschap_auth_response(hash, L.cresp + 24, L.cresp,
						L.cchal, L.cname,
						L.cred.name_len, out), 0);
}

/* link_init() with the server asking link_verify, which answers @answer. */
static void verify_init(const char *srv_pw, const char *cli_pw, int answer)
{
	use_verify = true;
	link_init(srv_pw, cli_pw);
	use_verify = false;
	L.verify_answer = answer;
}

static int verdict(bool ok, const char *authresp, size_t len)
{
	return kl2tp_ppp_auth_verdict(&L.srv.a, L.cred.seq, ok, authresp, len);
}

/* verify says LOCAL: the lookup decides, as without it. */
UNIT_TEST(t_verify_local)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(methods); i++) {
		verify_init("s3cret", "s3cret", KL2TP_PPP_VERIFY_LOCAL);
		start(methods[i]);
		run(0, 60000);
		CHECK(kl2tp_ppp_auth_done(&L.srv.a));
		CHECK(kl2tp_ppp_auth_done(&L.cli.a));
		CHECK_EQ(L.verifies, 1);
		CHECK_EQ(L.lookups, 1);
	}
}

/*
 * verify says PENDING: the credentials as the peer gave them, no answer
 * and no retransmission until the verdict, repeats dropped; the verdict
 * answers (for PAP, the last request: one with another Identifier was
 * injected); a second verdict is late.
 */
UNIT_TEST(t_verify_pending)
{
	char authresp[KL2TP_PPP_MSCHAP_AUTHRESP_LEN];
	static u8 req[64];
	size_t i, req_len;
	int tail;

	for (i = 0; i < ARRAY_SIZE(methods); i++) {
		bool pap = methods[i] == KL2TP_PPP_AUTH_PAP;

		verify_init(NULL, "s3cret", KL2TP_PPP_VERIFY_PENDING);	/* no local user */
		start(methods[i]);
		pump(0);
		CHECK_EQ(L.srv.a.srv.state, KL2TP_PPP_AUTH_PENDING);
		CHECK_EQ(L.verifies, 1);
		CHECK_EQ(L.cred.seq, 1);
		CHECK_EQ(L.lookups, 0);
		CHECK_EQ(L.cred.method, methods[i]);
		CHECK(!L.cred.proxy);
		CHECK_EQ(L.cred.name_len, 4);
		CHECK_MEM(L.cname, "user", 4);
		if (pap) {
			CHECK_EQ(L.cred.resp_len, 6);
			CHECK_MEM(L.cresp, "s3cret", 6);
		} else {
			CHECK_EQ(L.cred.id, L.srv.a.srv.id);
			CHECK_EQ(L.cred.chal_len, sizeof(L.srv.a.chal));
			CHECK_MEM(L.cchal, L.srv.a.chal, sizeof(L.srv.a.chal));
			CHECK_EQ(L.cred.resp_len,
				 methods[i] == KL2TP_PPP_AUTH_CHAP_MD5 ?
				 KL2TP_PPP_CHAP_MD5_LEN : KL2TP_PPP_MSCHAP_RESP_LEN);
		}
		/* nothing sent back, nothing to retransmit */
		CHECK_EQ(L.tail, pap ? 1 : 2);
		CHECK_EQ(kl2tp_ppp_auth_next_timeout(&L.srv.a, 0),
			 KL2TP_PPP_NO_TIMEOUT);
		/* the peer repeats: dropped, no new check */
		kl2tp_ppp_auth_timer(&L.cli.a, 1000);
		tail = L.tail;
		CHECK_EQ(tail, pap ? 2 : 3);
		pump(1000);
		CHECK_EQ(L.tail, tail);
		CHECK_EQ(L.verifies, 1);
		CHECK_EQ(L.srv.a.srv.state, KL2TP_PPP_AUTH_PENDING);
		if (pap) {
			/* the same request with another Identifier */
			req_len = L.qlen[tail - 1] - 4;
			memcpy(req, L.q[tail - 1] + 4, req_len);
			req[1] ^= 0x55;
			CHECK_EQ(kl2tp_ppp_auth_input(&L.srv.a, 1000, KL2TP_PPP_PAP,
						      req, req_len), 0);
			CHECK_EQ(L.tail, tail);
		}
		/* the verdict */
		if (methods[i] == KL2TP_PPP_AUTH_MSCHAPV2)
			server_authresp("s3cret", authresp);
		CHECK_EQ(verdict(true, authresp, sizeof(authresp)), 0);
		CHECK_EQ(L.tail, tail + 1);
		CHECK_EQ(L.q[tail][5], pap ? req[1] : L.srv.a.srv.id);
		pump(1500);
		CHECK_EQ(L.srv.a.srv.state, KL2TP_PPP_AUTH_OK);
		/* PAP: the peer waits for its own Identifier, ours was the other */
		CHECK_EQ(kl2tp_ppp_auth_done(&L.cli.a), !pap);
		CHECK_EQ(L.lookups, 0);
		CHECK_EQ(verdict(false, NULL, 0), -EALREADY);
		CHECK_EQ(L.tail, tail + 1);
	}
}

/*
 * A pending check answered here after all (the glue's external check
 * could not be made): the kept credential against the local user, right
 * or wrong password, each method; MS-CHAPv2's authenticator response is
 * ours (the client checks it). A copy that is not the pending credential
 * (number, name, said to be proxied) refuses the peer; an old number does
 * nothing.
 */
UNIT_TEST(t_verify_verdict_local)
{
	struct kl2tp_ppp_auth_cred c;
	u8 name[8];
	size_t i, k;
	int tail;

	for (i = 0; i < ARRAY_SIZE(methods); i++) {
		for (k = 0; k < 5; k++) {
			verify_init(k == 1 ? "wrong" : "s3cret", "s3cret",
				    KL2TP_PPP_VERIFY_PENDING);
			start(methods[i]);
			pump(0);
			CHECK_EQ(L.srv.a.srv.state, KL2TP_PPP_AUTH_PENDING);
			CHECK_EQ(L.lookups, 0);
			c = L.cred;
			tail = L.tail;
			CHECK_EQ(kl2tp_ppp_auth_verdict_local(&L.srv.a, c.seq + 1,
							      &c), -EALREADY);
			CHECK_EQ(L.tail, tail);
			if (k == 2) {
				c.seq++;
				CHECK_EQ(kl2tp_ppp_auth_verdict_local(&L.srv.a,
								      L.cred.seq, &c),
					 -EINVAL);
			} else if (k == 3) {
				memcpy(name, "usex", 4);
				c.name = name;
				CHECK_EQ(kl2tp_ppp_auth_verdict_local(&L.srv.a,
								      c.seq, &c),
					 -EINVAL);
			} else if (k == 4) {
				c.proxy = true;
				CHECK_EQ(kl2tp_ppp_auth_verdict_local(&L.srv.a,
								      c.seq, &c),
					 -EINVAL);
			} else {
				CHECK_EQ(kl2tp_ppp_auth_verdict_local(&L.srv.a,
								      c.seq, &c), 0);
				CHECK_EQ(L.lookups, 1);
			}
			CHECK_EQ(L.tail, tail + 1);
			pump(0);
			CHECK_EQ(kl2tp_ppp_auth_failed(&L.srv.a),
				 k ? KL2TP_PPP_R_AUTH_FAILED : 0);
			CHECK_EQ(kl2tp_ppp_auth_done(&L.cli.a), !k);
			CHECK_EQ(kl2tp_ppp_auth_verdict_local(&L.srv.a, L.cred.seq,
							      &L.cred), -EALREADY);
		}
	}
}

/* A CHAP Response to another Identifier while pending: dropped, unasked. */
UNIT_TEST(t_verify_pending_other_id)
{
	static u8 resp[64];
	size_t len;

	verify_init(NULL, "s3cret", KL2TP_PPP_VERIFY_PENDING);
	start(KL2TP_PPP_AUTH_CHAP_MD5);
	pump(0);
	CHECK_EQ(L.srv.a.srv.state, KL2TP_PPP_AUTH_PENDING);
	len = L.qlen[1] - 4;
	memcpy(resp, L.q[1] + 4, len);
	resp[1] ^= 1;
	CHECK_EQ(kl2tp_ppp_auth_input(&L.srv.a, 0, KL2TP_PPP_CHAP, resp, len),
		 -EPROTO);
	CHECK_EQ(L.verifies, 1);
	CHECK_EQ(L.tail, 2);
}

/*
 * Authentication started again (LCP renegotiated) while a check was
 * pending: the first check's verdict is late, even with the second
 * pending, and only the second's counts.
 */
UNIT_TEST(t_verify_stale)
{
	u32 first;
	int tail;

	verify_init(NULL, "s3cret", KL2TP_PPP_VERIFY_PENDING);
	start(KL2TP_PPP_AUTH_PAP);
	pump(0);
	first = L.cred.seq;
	kl2tp_ppp_auth_stop(&L.srv.a);
	kl2tp_ppp_auth_stop(&L.cli.a);
	start(KL2TP_PPP_AUTH_PAP);
	pump(0);
	CHECK_EQ(L.srv.a.srv.state, KL2TP_PPP_AUTH_PENDING);
	CHECK_EQ(L.verifies, 2);
	CHECK(L.cred.seq != first);
	tail = L.tail;
	CHECK_EQ(kl2tp_ppp_auth_verdict(&L.srv.a, first, true, NULL, 0),
		 -EALREADY);
	CHECK_EQ(L.tail, tail);
	CHECK_EQ(L.srv.a.srv.state, KL2TP_PPP_AUTH_PENDING);
	CHECK_EQ(verdict(false, NULL, 0), 0);
	CHECK_EQ(kl2tp_ppp_auth_failed(&L.srv.a), KL2TP_PPP_R_AUTH_FAILED);
}

/* Refused now (REJECT, or an answer verify should not give) or later. */
UNIT_TEST(t_verify_refused)
{
	size_t i;
	int k;

	for (k = 0; k < 3; k++) {
		for (i = 0; i < ARRAY_SIZE(methods); i++) {
			verify_init("s3cret", "s3cret",
				    k == 0 ? KL2TP_PPP_VERIFY_REJECT :
				    k == 1 ? 7 : KL2TP_PPP_VERIFY_PENDING);
			start(methods[i]);
			pump(0);
			if (k == 2) {
				CHECK_EQ(verdict(false, NULL, 0), 0);
				pump(0);
			}
			CHECK_EQ(kl2tp_ppp_auth_failed(&L.srv.a),
				 KL2TP_PPP_R_AUTH_FAILED);
			CHECK_EQ(kl2tp_ppp_auth_failed(&L.cli.a),
				 KL2TP_PPP_R_PEER_AUTH_FAILED);
			CHECK_EQ(L.lookups, 0);
		}
	}
}

/*
 * MS-CHAPv2 accepted with the authenticator response: in lower case it is
 * taken; malformed (a non-hex digit, no "S=", one short) or missing, the
 * peer is refused and the verdict says -EINVAL; well-formed but wrong,
 * the peer refuses us.
 */
UNIT_TEST(t_verify_mschap_authresp)
{
	char ar[KL2TP_PPP_MSCHAP_AUTHRESP_LEN], up[KL2TP_PPP_MSCHAP_AUTHRESP_LEN];
	size_t i;
	int k;

	for (k = 0; k < 6; k++) {
		verify_init(NULL, "s3cret", KL2TP_PPP_VERIFY_PENDING);
		start(KL2TP_PPP_AUTH_MSCHAPV2);
		pump(0);
		server_authresp("s3cret", ar);
		switch (k) {
		case 0:
			memcpy(up, ar, sizeof(ar));
			for (i = 2; i < sizeof(ar); i++)
				if (ar[i] >= 'A' && ar[i] <= 'F')
					ar[i] += 'a' - 'A';
			CHECK_EQ(verdict(true, ar, sizeof(ar)), 0);
			CHECK_MEM(L.srv.a.srv_authresp, up, sizeof(up));
			break;
		case 1:
			ar[9] = 'G';
			CHECK_EQ(verdict(true, ar, sizeof(ar)), -EINVAL);
			break;
		case 2:
			ar[1] = ':';
			CHECK_EQ(verdict(true, ar, sizeof(ar)), -EINVAL);
			break;
		case 3:
			CHECK_EQ(verdict(true, ar, sizeof(ar) - 1), -EINVAL);
			break;
		case 4:
			CHECK_EQ(verdict(true, NULL, 0), -EINVAL);
			break;
		default:
			ar[40] = ar[40] == '0' ? '1' : '0';
			CHECK_EQ(verdict(true, ar, sizeof(ar)), 0);
			break;
		}
		pump(0);
		if (k == 0) {
			CHECK(kl2tp_ppp_auth_done(&L.srv.a));
			CHECK(kl2tp_ppp_auth_done(&L.cli.a));
		} else if (k < 5) {
			CHECK_EQ(kl2tp_ppp_auth_failed(&L.srv.a),
				 KL2TP_PPP_R_AUTH_FAILED);
		} else {
			CHECK_EQ(L.srv.a.srv.state, KL2TP_PPP_AUTH_OK);
			CHECK_EQ(kl2tp_ppp_auth_failed(&L.cli.a),
				 KL2TP_PPP_R_AUTH_FAILED);
		}
	}
}

/*
 * MS-CHAPv2 both ways, checked locally or pending, the frames delivered
 * one at a time: each side's authenticator response stays its own (one
 * buffer for both failed either way).
 */
UNIT_TEST(t_verify_mschap_mutual)
{
	char ar[KL2TP_PPP_MSCHAP_AUTHRESP_LEN];
	struct kl2tp_ppp_auth_cfg cfg;
	int k, n;

	for (k = 0; k < 2; k++) {
		verify_init("s3cret", "s3cret", k ? KL2TP_PPP_VERIFY_PENDING :
					     KL2TP_PPP_VERIFY_LOCAL);
		/* the server proves itself too, as the same user */
		cfg = L.srv.a.cfg;
		cfg.name = (const u8 *)"user";
		cfg.name_len = 4;
		cfg.secret = (const u8 *)"s3cret";
		cfg.secret_len = 6;
		CHECK_EQ(kl2tp_ppp_auth_init(&L.srv.a, &L.srv.io, &cfg), 0);
		L.cli.a.cfg.lookup = link_lookup;
		kl2tp_ppp_auth_start(&L.srv.a, 0, KL2TP_PPP_AUTH_MSCHAPV2,
				     KL2TP_PPP_AUTH_MSCHAPV2);
		kl2tp_ppp_auth_start(&L.cli.a, 0, KL2TP_PPP_AUTH_MSCHAPV2,
				     KL2TP_PPP_AUTH_MSCHAPV2);
		/* one frame at a time; the verdict as soon as it is asked */
		for (n = 0; n < 40 && L.head < L.tail; n++) {
			int i = L.head++;
			struct side *dst = L.qfrom[i] ? &L.srv : &L.cli;

			kl2tp_ppp_auth_input(&dst->a, 0, kl2tp_get_be16(L.q[i] + 2),
					     L.q[i] + 4, L.qlen[i] - 4);
			if (k && L.srv.a.srv.state == KL2TP_PPP_AUTH_PENDING) {
				server_authresp("s3cret", ar);
				CHECK_EQ(verdict(true, ar, sizeof(ar)), 0);
			}
		}
		CHECK(kl2tp_ppp_auth_done(&L.srv.a));
		CHECK(kl2tp_ppp_auth_done(&L.cli.a));
		CHECK_EQ(L.verifies, 1);
	}
}

/* Stopped (LCP down) while pending: the verdict is late, nothing sent. */
UNIT_TEST(t_verify_stopped)
{
	int tail;

	verify_init(NULL, "s3cret", KL2TP_PPP_VERIFY_PENDING);
	start(KL2TP_PPP_AUTH_PAP);
	pump(0);
	tail = L.tail;
	kl2tp_ppp_auth_stop(&L.srv.a);
	CHECK_EQ(verdict(true, NULL, 0), -EALREADY);
	CHECK_EQ(L.tail, tail);
	CHECK_EQ(L.srv.a.srv.state, KL2TP_PPP_AUTH_IDLE);
}

/* Proxied credentials go to verify too, marked as such. */
UNIT_TEST(t_verify_proxy)
{
	struct kl2tp_ppp_auth_cred p;
	struct kl2tp_ppp_pap_req r;
	static u8 req[64];
	size_t req_len;

	verify_init(NULL, "s3cret", KL2TP_PPP_VERIFY_PENDING);
	kl2tp_ppp_auth_start(&L.cli.a, 0, KL2TP_PPP_AUTH_NONE, KL2TP_PPP_AUTH_PAP);
	req_len = L.qlen[0] - 4;
	memcpy(req, L.q[0] + 4, req_len);
	L.head = L.tail;
	CHECK_EQ(kl2tp_ppp_pap_parse_req(req + 4, req_len - 4, &r), 0);
	memset(&p, 0, sizeof(p));
	p.method = KL2TP_PPP_AUTH_PAP;
	p.id = req[1];
	p.name = r.name;
	p.name_len = r.name_len;
	p.resp = r.passwd;
	p.resp_len = r.passwd_len;
	CHECK_EQ(kl2tp_ppp_auth_start_proxy(&L.srv.a, 0, &p, KL2TP_PPP_AUTH_NONE), 0);
	CHECK_EQ(L.srv.a.srv.state, KL2TP_PPP_AUTH_PENDING);
	CHECK(L.cred.proxy);
	CHECK_EQ(L.cred.id, req[1]);
	CHECK_MEM(L.cresp, "s3cret", 6);
	CHECK_EQ(L.tail, 1);		/* no answer yet */
	CHECK_EQ(verdict(true, NULL, 0), 0);
	CHECK_EQ(L.tail, 2);
	CHECK_EQ(L.q[1][4], KL2TP_PPP_PAP_ACK);
	CHECK_EQ(L.q[1][5], req[1]);
	pump(0);
	CHECK(kl2tp_ppp_auth_done(&L.srv.a));
	CHECK(kl2tp_ppp_auth_done(&L.cli.a));
}

/* Credentials that cannot be checked: nothing is done. */
UNIT_TEST(t_proxy_unusable)
{
	static const u8 big[300];
	struct kl2tp_ppp_auth_cred p, ok;
	int i;

	memset(&ok, 0, sizeof(ok));
	ok.method = KL2TP_PPP_AUTH_CHAP_MD5;
	ok.name = (const u8 *)"user";
	ok.name_len = 4;
	ok.chal = big;
	ok.chal_len = 16;
	ok.resp = big;
	ok.resp_len = 16;
	for (i = 0; i < 8; i++) {
		link_init("s3cret", "s3cret");
		p = ok;
		switch (i) {
		case 0:
			p.method = KL2TP_PPP_AUTH_MSCHAPV2;
			break;
		case 1:
			p.method = KL2TP_PPP_AUTH_NONE;
			break;
		case 2:
			p.resp_len = 15;
			break;
		case 3:
			p.chal_len = 0;
			break;
		case 4:
			p.chal_len = 256;
			break;
		case 5:
			p.name_len = 256;
			break;
		case 6:
			p.method = KL2TP_PPP_AUTH_PAP;
			p.resp_len = 256;
			break;
		default:
			p.chal = NULL;
			break;
		}
		CHECK_EQ(kl2tp_ppp_auth_start_proxy(&L.srv.a, 0, &p,
						    KL2TP_PPP_AUTH_NONE),
			 -EINVAL);
		CHECK_EQ(L.sent, 0);
		CHECK_EQ(L.lookups, 0);
		CHECK_EQ(L.srv.a.srv.state, KL2TP_PPP_AUTH_IDLE);
	}
	/* An empty PAP password is a password. */
	link_init("", "");
	p = ok;
	p.method = KL2TP_PPP_AUTH_PAP;
	p.resp = NULL;
	p.resp_len = 0;
	CHECK_EQ(kl2tp_ppp_auth_start_proxy(&L.srv.a, 0, &p,
					    KL2TP_PPP_AUTH_PAP), 0);
	CHECK_EQ(L.srv.a.srv.state, KL2TP_PPP_AUTH_OK);
	/* Our own side starts as well: Ack, then our request. */
	CHECK_EQ(L.sent, 2);
	CHECK_EQ(L.srv.a.cli.state, KL2TP_PPP_AUTH_RUNNING);
}

UNIT_TEST(t_auth_init)
{
	struct kl2tp_ppp_auth_cfg cfg;
	struct kl2tp_ppp_auth a;
	struct kl2tp_ppp_io io;

	memset(&cfg, 0, sizeof(cfg));
	memset(&io, 0, sizeof(io));
	CHECK_EQ(kl2tp_ppp_auth_init(&a, &io, &cfg), -EINVAL);
	cfg.restart_ms = 1;
	cfg.max_tries = 1;
	CHECK_EQ(kl2tp_ppp_auth_init(&a, &io, &cfg), 0);
	cfg.secret_len = 256;
	CHECK_EQ(kl2tp_ppp_auth_init(&a, &io, &cfg), -EINVAL);
	CHECK(!strcmp(kl2tp_ppp_auth_name(KL2TP_PPP_AUTH_MSCHAPV2),
		      "MS-CHAPv2"));
}

UNIT_MAIN(UNIT_CASE(t_md4), UNIT_CASE(t_sha1), UNIT_CASE(t_des),
	  UNIT_CASE(t_chap_md5), UNIT_CASE(t_mschapv2_rfc2759),
	  UNIT_CASE(t_mschapv2_unicode), UNIT_CASE(t_codecs),
	  UNIT_CASE(t_auth_ok), UNIT_CASE(t_auth_wrong),
	  UNIT_CASE(t_mschap_failure_msg), UNIT_CASE(t_mschap_forged_success),
	  UNIT_CASE(t_auth_loss), UNIT_CASE(t_auth_timeout),
	  UNIT_CASE(t_auth_unexpected), UNIT_CASE(t_chap_rechallenge),
	  UNIT_CASE(t_proxy_pap), UNIT_CASE(t_proxy_chap),
	  UNIT_CASE(t_proxy_unusable), UNIT_CASE(t_verify_local),
	  UNIT_CASE(t_verify_pending), UNIT_CASE(t_verify_pending_other_id),
	  UNIT_CASE(t_verify_stale), UNIT_CASE(t_verify_refused),
	  UNIT_CASE(t_verify_mschap_authresp), UNIT_CASE(t_verify_mschap_mutual),
	  UNIT_CASE(t_verify_stopped), UNIT_CASE(t_verify_verdict_local),
	  UNIT_CASE(t_verify_proxy), UNIT_CASE(t_auth_init))
