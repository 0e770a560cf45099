// SPDX-License-Identifier: GPL-2.0
/*
 * PAP, CHAP-MD5 and MS-CHAPv2. See ppp_auth.h.
 */
#include "ppp_auth.h"
#include "ppp_fsm.h"
#include "auth.h"

static const char msg_ok[] = "Access granted";
static const char msg_fail[] = "Authentication failed";

/* Wipe a copy of a secret so that the compiler cannot skip it. */
static void wipe(void *p, size_t n)
{
#ifdef __KERNEL__
	memzero_explicit(p, n);
#else
	memset(p, 0, n);
	__asm__ __volatile__("" : : "r"(p) : "memory");
#endif
}

/* ---- codecs ---- */

int kl2tp_ppp_pap_parse_req(const u8 *data, size_t len,
			    struct kl2tp_ppp_pap_req *r)
{
	size_t off = 0;

	memset(r, 0, sizeof(*r));
	if (len < 1 || len - 1 < data[0])
		return -EBADMSG;
	r->name_len = data[0];
	r->name = data + 1;
	off = 1 + r->name_len;
	if (len - off < 1 || len - off - 1 < data[off])
		return -EBADMSG;
	r->passwd_len = data[off];
	r->passwd = data + off + 1;
	return 0;
}

int kl2tp_ppp_pap_parse_reply(const u8 *data, size_t len, const u8 **msg,
			      size_t *msg_len)
{
	*msg = data;
	*msg_len = 0;
	if (!len)
		return 0;
	if (len - 1 < data[0])
		return -EBADMSG;
	*msg = data + 1;
	*msg_len = data[0];
	return 0;
}

int kl2tp_ppp_chap_parse(const u8 *data, size_t len,
			 struct kl2tp_ppp_chap_msg *m)
{
	memset(m, 0, sizeof(*m));
	if (len < 1 || !data[0] || len - 1 < data[0])
		return -EBADMSG;
	m->value_len = data[0];
	m->value = data + 1;
	m->name = data + 1 + m->value_len;
	m->name_len = len - 1 - m->value_len;
	return 0;
}

/* One length byte then the bytes: -EMSGSIZE past 255. */
static void put_counted(struct kl2tp_ppp_buf *b, const void *p, size_t len)
{
	if (len > 255 && !b->err)
		b->err = -EMSGSIZE;
	kl2tp_ppp_put_u8(b, (u8)len);
	kl2tp_ppp_put(b, p, len);
}

void kl2tp_ppp_pap_put_req(struct kl2tp_ppp_buf *b, u8 id, const u8 *name,
			   size_t name_len, const u8 *passwd,
			   size_t passwd_len)
{
	kl2tp_ppp_cp_begin(b, KL2TP_PPP_PAP_REQ, id);
	put_counted(b, name, name_len);
	put_counted(b, passwd, passwd_len);
	kl2tp_ppp_cp_end(b);
}

void kl2tp_ppp_pap_put_reply(struct kl2tp_ppp_buf *b, u8 code, u8 id,
			     const char *msg)
{
	kl2tp_ppp_cp_begin(b, code, id);
	put_counted(b, msg, msg ? strlen(msg) : 0);
	kl2tp_ppp_cp_end(b);
}

void kl2tp_ppp_chap_put(struct kl2tp_ppp_buf *b, u8 code, u8 id,
			const u8 *value, size_t value_len, const u8 *name,
			size_t name_len)
{
	kl2tp_ppp_cp_begin(b, code, id);
	put_counted(b, value, value_len);
	kl2tp_ppp_put(b, name, name_len);
	kl2tp_ppp_cp_end(b);
}

void kl2tp_ppp_chap_put_msg(struct kl2tp_ppp_buf *b, u8 code, u8 id,
			    const void *msg, size_t len)
{
	kl2tp_ppp_cp_begin(b, code, id);
	kl2tp_ppp_put(b, msg, len);
	kl2tp_ppp_cp_end(b);
}

/* ---- digests ---- */

int kl2tp_ppp_chap_md5(u8 id, const u8 *secret, size_t secret_len,
		       const u8 *chal, size_t chal_len,
		       u8 out[KL2TP_PPP_CHAP_MD5_LEN])
{
	struct kl2tp_iov iov[3] = {
		{ &id, 1 },
		{ secret, secret_len },
		{ chal, chal_len },
	};

	return kl2tp_md5(iov, ARRAY_SIZE(iov), out);
}

/*
 * One UTF-8 character at @s (@len > 0 bytes): its code point, and in
 * *@used how many bytes it took. A byte that starts no valid sequence
 * (overlong, surrogate, beyond U+10FFFF, cut short) is one Latin-1
 * character.
 */
static u32 utf8_next(const u8 *s, size_t len, size_t *used)
{
	static const u32 min[4] = { 0, 0x80, 0x800, 0x10000 };
	u32 c = s[0];
	size_t extra, i;

	*used = 1;
	if (c < 0x80)
		return c;
	if ((c & 0xe0) == 0xc0) {
		extra = 1;
		c &= 0x1f;
	} else if ((c & 0xf0) == 0xe0) {
		extra = 2;
		c &= 0x0f;
	} else if ((c & 0xf8) == 0xf0) {
		extra = 3;
		c &= 0x07;
	} else {
		return s[0];
	}
	if (len <= extra)
		return s[0];
	for (i = 1; i <= extra; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return s[0];
		c = (c << 6) | (s[i] & 0x3f);
	}
	if (c < min[extra] || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return s[0];
	*used = 1 + extra;
	return c;
}

static void put_le16(u8 *p, u32 v)
{
	p[0] = v & 0xff;
	p[1] = (v >> 8) & 0xff;
}

int kl2tp_ppp_mschap_nt_password_hash(const u8 *pw, size_t pw_len, u8 *ucs2,
				      u8 out[KL2TP_PPP_MSCHAP_HASH_LEN])
{
	struct kl2tp_iov iov;
	size_t i = 0, n = 0, used;
	u32 c;
	int ret;

	while (i < pw_len) {
		c = utf8_next(pw + i, pw_len - i, &used);
		i += used;
		if (n + (c >= 0x10000 ? 2 : 1) > KL2TP_PPP_MSCHAP_PW_MAX) {
			wipe(ucs2, 2 * n);
			return -EINVAL;
		}
		if (c >= 0x10000) {
			c -= 0x10000;
			put_le16(ucs2 + 2 * n++, 0xd800 | (c >> 10));
			put_le16(ucs2 + 2 * n++, 0xdc00 | (c & 0x3ff));
		} else {
			put_le16(ucs2 + 2 * n++, c);
		}
	}
	iov.base = ucs2;
	iov.len = 2 * n;
	ret = kl2tp_md4(&iov, 1, out);
	wipe(ucs2, 2 * n);
	return ret;
}

int kl2tp_ppp_mschap_hash_nt_password_hash(const u8 hash[16], u8 out[16])
{
	struct kl2tp_iov iov = { hash, KL2TP_PPP_MSCHAP_HASH_LEN };

	return kl2tp_md4(&iov, 1, out);
}

int kl2tp_ppp_mschap_challenge_hash(const u8 peer_chal[16],
				    const u8 auth_chal[16], const u8 *user,
				    size_t user_len, u8 out[8])
{
	struct kl2tp_iov iov[3] = {
		{ peer_chal, KL2TP_PPP_MSCHAP_CHAL_LEN },
		{ auth_chal, KL2TP_PPP_MSCHAP_CHAL_LEN },
		{ user, user_len },
	};
	u8 digest[KL2TP_SHA1_LEN];
	size_t i;
	int ret;

	/* Only the user name, without a "DOMAIN\" (RFC 2759 8.2). */
	for (i = user_len; i > 0; i--) {
		if (user[i - 1] == '\\') {
			iov[2].base = user + i;
			iov[2].len = user_len - i;
			break;
		}
	}
	ret = kl2tp_sha1(iov, ARRAY_SIZE(iov), digest);
	if (!ret)
		memcpy(out, digest, KL2TP_PPP_MSCHAP_CHASH_LEN);
	return ret;
}

/* 56 key bits, seven bytes, spread over eight with odd parity in bit 0. */
static void des_key_expand(const u8 in[7], u8 out[8])
{
	u64 k = 0;
	u8 v, p;
	int i;

	for (i = 0; i < 7; i++)
		k = (k << 8) | in[i];
	for (i = 0; i < 8; i++) {
		v = ((k >> (49 - 7 * i)) & 0x7f) << 1;
		p = v ^ (v >> 4);
		p ^= p >> 2;
		p ^= p >> 1;
		out[i] = v | (~p & 1);
	}
}

int kl2tp_ppp_mschap_challenge_response(const u8 chal[8], const u8 hash[16],
					u8 out[24])
{
	u8 z[21], key[KL2TP_DES_KEY_LEN];
	int i, ret = 0;

	memcpy(z, hash, KL2TP_PPP_MSCHAP_HASH_LEN);
	memset(z + KL2TP_PPP_MSCHAP_HASH_LEN, 0,
	       sizeof(z) - KL2TP_PPP_MSCHAP_HASH_LEN);
	for (i = 0; i < 3 && !ret; i++) {
		des_key_expand(z + 7 * i, key);
		ret = kl2tp_des_encrypt(key, chal, out + 8 * i);
	}
	wipe(z, sizeof(z));
	wipe(key, sizeof(key));
	return ret;
}

int kl2tp_ppp_mschap_nt_response(const u8 auth_chal[16],
				 const u8 peer_chal[16], const u8 *user,
				 size_t user_len, const u8 hash[16],
				 u8 out[KL2TP_PPP_MSCHAP_NT_LEN])
{
	u8 chash[KL2TP_PPP_MSCHAP_CHASH_LEN];
	int ret;

	ret = kl2tp_ppp_mschap_challenge_hash(peer_chal, auth_chal, user,
					      user_len, chash);
	if (ret)
		return ret;
	return kl2tp_ppp_mschap_challenge_response(chash, hash, out);
}

static void hex_upper(char *out, const u8 *in, size_t n)
{
	static const char digits[] = "0123456789ABCDEF";
	size_t i;

	for (i = 0; i < n; i++) {
		out[2 * i] = digits[in[i] >> 4];
		out[2 * i + 1] = digits[in[i] & 0xf];
	}
}

int kl2tp_ppp_mschap_auth_response(const u8 hash[16],
				   const u8 nt_resp[KL2TP_PPP_MSCHAP_NT_LEN],
				   const u8 peer_chal[16],
				   const u8 auth_chal[16], const u8 *user,
				   size_t user_len,
				   char out[KL2TP_PPP_MSCHAP_AUTHRESP_LEN])
{
	static const char magic1[] = "Magic server to client signing constant";
	static const char magic2[] =
		"Pad to make it do more than one iteration";
	u8 hh[KL2TP_MD4_LEN], digest[KL2TP_SHA1_LEN];
	u8 chash[KL2TP_PPP_MSCHAP_CHASH_LEN];
	struct kl2tp_iov iov[3];
	int ret;

	ret = kl2tp_ppp_mschap_hash_nt_password_hash(hash, hh);
	if (ret)
		goto out;
	iov[0].base = hh;
	iov[0].len = sizeof(hh);
	iov[1].base = nt_resp;
	iov[1].len = KL2TP_PPP_MSCHAP_NT_LEN;
	iov[2].base = magic1;
	iov[2].len = sizeof(magic1) - 1;
	ret = kl2tp_sha1(iov, 3, digest);
	if (ret)
		goto out;
	ret = kl2tp_ppp_mschap_challenge_hash(peer_chal, auth_chal, user,
					      user_len, chash);
	if (ret)
		goto out;
	iov[0].base = digest;
	iov[0].len = sizeof(digest);
	iov[1].base = chash;
	iov[1].len = sizeof(chash);
	iov[2].base = magic2;
	iov[2].len = sizeof(magic2) - 1;
	ret = kl2tp_sha1(iov, 3, digest);
	if (ret)
		goto out;
	out[0] = 'S';
	out[1] = '=';
	hex_upper(out + 2, digest, sizeof(digest));
out:
	wipe(hh, sizeof(hh));
	return ret;
}

/* ---- the authentication phase ---- */

int kl2tp_ppp_auth_init(struct kl2tp_ppp_auth *a, struct kl2tp_ppp_io *io,
			const struct kl2tp_ppp_auth_cfg *cfg)
{
	if (cfg->secret_len > KL2TP_PPP_SECRET_MAX ||
	    cfg->name_len > KL2TP_PPP_NAME_MAX || !cfg->restart_ms ||
	    !cfg->max_tries)
		return -EINVAL;
	memset(a, 0, sizeof(*a));
	a->io = io;
	a->cfg = *cfg;
	return 0;
}

static bool is_chap(u8 method)
{
	return method == KL2TP_PPP_AUTH_CHAP_MD5 ||
	       method == KL2TP_PPP_AUTH_MSCHAPV2;
}

static void send_pkt(struct kl2tp_ppp_auth *a, struct kl2tp_ppp_buf *b)
{
	kl2tp_ppp_io_send(a->io, b);
}

static void side_fail(struct kl2tp_ppp_auth_side *s, int reason)
{
	s->state = KL2TP_PPP_AUTH_FAILED;
	s->reason = reason;
	s->timer_on = false;
}

static void side_ok(struct kl2tp_ppp_auth_side *s)
{
	s->state = KL2TP_PPP_AUTH_OK;
	s->timer_on = false;
}

static void side_pending(struct kl2tp_ppp_auth_side *s)
{
	s->state = KL2TP_PPP_AUTH_PENDING;
	s->timer_on = false;
}

static void arm(struct kl2tp_ppp_auth_side *s, u64 now, u32 delay)
{
	s->timer_on = true;
	s->timer_at = now + delay;
}

static u32 deadline(const struct kl2tp_ppp_auth *a)
{
	return a->cfg.restart_ms * a->cfg.max_tries;
}

static void send_challenge(struct kl2tp_ppp_auth *a)
{
	struct kl2tp_ppp_buf b;

	kl2tp_ppp_io_begin(a->io, &b, KL2TP_PPP_CHAP);
	kl2tp_ppp_chap_put(&b, KL2TP_PPP_CHAP_CHALLENGE, a->srv.id, a->chal,
			   sizeof(a->chal), a->cfg.name, a->cfg.name_len);
	send_pkt(a, &b);
}

static void send_pap_req(struct kl2tp_ppp_auth *a)
{
	struct kl2tp_ppp_buf b;

	kl2tp_ppp_io_begin(a->io, &b, KL2TP_PPP_PAP);
	kl2tp_ppp_pap_put_req(&b, a->cli.id, a->cfg.name, a->cfg.name_len,
			      a->cfg.secret, a->cfg.secret_len);
	send_pkt(a, &b);
	/* The frame buffer held our password. */
	if (!b.err)
		wipe(b.buf, b.len);
}

void kl2tp_ppp_auth_start(struct kl2tp_ppp_auth *a, u64 now, u8 srv_method,
			  u8 cli_method)
{
	struct kl2tp_ppp_io *io = a->io;
	u8 ids[2];

	kl2tp_ppp_auth_stop(a);
	io->random(io->ctx, ids, sizeof(ids));
	a->srv.id = ids[0];
	a->cli.id = ids[1];

	a->srv.method = srv_method;
	a->srv.state = KL2TP_PPP_AUTH_RUNNING;
	if (srv_method == KL2TP_PPP_AUTH_NONE) {
		side_ok(&a->srv);
	} else if (is_chap(srv_method)) {
		io->random(io->ctx, a->chal, sizeof(a->chal));
		a->srv.tries = 1;
		send_challenge(a);
		arm(&a->srv, now, a->cfg.restart_ms);
	} else {
		arm(&a->srv, now, deadline(a));
	}

	a->cli.method = cli_method;
	a->cli.state = KL2TP_PPP_AUTH_RUNNING;
	if (cli_method == KL2TP_PPP_AUTH_NONE) {
		side_ok(&a->cli);
	} else if (cli_method == KL2TP_PPP_AUTH_PAP) {
		a->cli.tries = 1;
		send_pap_req(a);
		arm(&a->cli, now, a->cfg.restart_ms);
	} else {
		arm(&a->cli, now, deadline(a));
	}
}

void kl2tp_ppp_auth_stop(struct kl2tp_ppp_auth *a)
{
	memset(&a->srv, 0, sizeof(a->srv));
	memset(&a->cli, 0, sizeof(a->cli));
	a->responded = false;
	a->resp_len = 0;
	wipe(a->srv_authresp, sizeof(a->srv_authresp));
	wipe(a->cli_authresp, sizeof(a->cli_authresp));
}

/* Remember the name the peer gave; false if it is too long. */
static bool set_peer_name(struct kl2tp_ppp_auth *a, const u8 *name,
			  size_t len)
{
	if (len > KL2TP_PPP_NAME_MAX)
		return false;
	memcpy(a->peer_name, name, len);
	a->peer_name_len = (u8)len;
	return true;
}

static int lookup(struct kl2tp_ppp_auth *a, const u8 **secret, size_t *len)
{
	if (!a->cfg.lookup)
		return -ENOENT;
	*secret = NULL;
	*len = 0;
	if (a->cfg.lookup(a->cfg.lookup_ctx, a->peer_name, a->peer_name_len,
			  secret, len))
		return -ENOENT;
	if (*len > KL2TP_PPP_SECRET_MAX || (*len && !*secret))
		return -EINVAL;
	return 0;
}

/* Ask cfg.verify about @c (numbered): enum kl2tp_ppp_verify. */
static int verify(struct kl2tp_ppp_auth *a, struct kl2tp_ppp_auth_cred *c)
{
	int v;

	if (!a->cfg.verify)
		return KL2TP_PPP_VERIFY_LOCAL;
	c->seq = ++a->verify_seq;
	a->verify_proxy = c->proxy;
	v = a->cfg.verify(a->cfg.lookup_ctx, c);
	return v == KL2TP_PPP_VERIFY_PENDING || v == KL2TP_PPP_VERIFY_LOCAL ?
	       v : KL2TP_PPP_VERIFY_REJECT;
}

static void pap_reply(struct kl2tp_ppp_auth *a, u8 id)
{
	struct kl2tp_ppp_buf b;
	bool ok = a->srv.state == KL2TP_PPP_AUTH_OK;

	kl2tp_ppp_io_begin(a->io, &b, KL2TP_PPP_PAP);
	kl2tp_ppp_pap_put_reply(&b, ok ? KL2TP_PPP_PAP_ACK : KL2TP_PPP_PAP_NAK,
				id, ok ? msg_ok : msg_fail);
	send_pkt(a, &b);
}

/* Authenticator: PAP Authenticate-Request. */
static int pap_srv_rx(struct kl2tp_ppp_auth *a, const struct kl2tp_ppp_cp *cp)
{
	struct kl2tp_ppp_pap_req r;
	const u8 *secret;
	size_t slen;
	int neq;

	if (a->srv.method != KL2TP_PPP_AUTH_PAP ||
	    a->srv.state == KL2TP_PPP_AUTH_IDLE)
		return -EPROTO;
	if (kl2tp_ppp_pap_parse_req(cp->data, cp->len, &r))
		return -EBADMSG;
	if (a->srv.state == KL2TP_PPP_AUTH_PENDING) {
		a->srv.id = cp->id;	/* the verdict answers the last one */
		return 0;
	}
	if (a->srv.state == KL2TP_PPP_AUTH_RUNNING) {
		struct kl2tp_ppp_auth_cred c = {
			.method = KL2TP_PPP_AUTH_PAP, .id = cp->id,
			.name = r.name, .name_len = r.name_len,
			.resp = r.passwd, .resp_len = r.passwd_len,
		};
		int v = KL2TP_PPP_VERIFY_REJECT;

		if (set_peer_name(a, r.name, r.name_len))
			v = verify(a, &c);
		a->srv.id = cp->id;
		if (v == KL2TP_PPP_VERIFY_PENDING) {
			side_pending(&a->srv);
			return 0;
		}
		neq = 1;
		if (v == KL2TP_PPP_VERIFY_LOCAL && !lookup(a, &secret, &slen)) {
			neq = slen != r.passwd_len;
			neq |= kl2tp_memneq(r.passwd, secret,
					    min_t(size_t, slen, r.passwd_len));
		}
		if (neq)
			side_fail(&a->srv, KL2TP_PPP_R_AUTH_FAILED);
		else
			side_ok(&a->srv);
	}
	/* The answer again for a repeated request: our reply was lost. */
	pap_reply(a, cp->id);
	return 0;
}

/* Authenticator: check a CHAP Response with the peer's @secret. */
static bool chap_check(struct kl2tp_ppp_auth *a, u8 id,
		       const struct kl2tp_ppp_chap_msg *m, const u8 *secret,
		       size_t slen)
{
	u8 want[KL2TP_PPP_MSCHAP_NT_LEN], hash[KL2TP_PPP_MSCHAP_HASH_LEN];
	const u8 *peer_chal, *nt;
	bool ok = false;

	if (a->srv.method == KL2TP_PPP_AUTH_CHAP_MD5) {
		if (m->value_len != KL2TP_PPP_CHAP_MD5_LEN ||
		    kl2tp_ppp_chap_md5(id, secret, slen, a->chal,
				       sizeof(a->chal), want))
			goto out;
		ok = !kl2tp_memneq(want, m->value, KL2TP_PPP_CHAP_MD5_LEN);
		goto out;
	}
	/* MS-CHAPv2: Peer-Challenge, 8 reserved, NT-Response, Flags */
	if (m->value_len != KL2TP_PPP_MSCHAP_RESP_LEN)
		goto out;
	peer_chal = m->value;
	nt = m->value + KL2TP_PPP_MSCHAP_CHAL_LEN + 8;
	if (kl2tp_ppp_mschap_nt_password_hash(secret, slen, a->ucs2, hash) ||
	    kl2tp_ppp_mschap_nt_response(a->chal, peer_chal, m->name,
					 m->name_len, hash, want))
		goto out;
	if (kl2tp_memneq(want, nt, KL2TP_PPP_MSCHAP_NT_LEN))
		goto out;
	ok = !kl2tp_ppp_mschap_auth_response(hash, nt, peer_chal, a->chal,
					     m->name, m->name_len,
					     a->srv_authresp);
out:
	wipe(want, sizeof(want));
	wipe(hash, sizeof(hash));
	return ok;
}

/* Success or Failure for the exchange of Identifier @a->srv.id. */
static void chap_reply(struct kl2tp_ppp_auth *a)
{
	char msg[KL2TP_PPP_MSCHAP_AUTHRESP_LEN + sizeof(msg_fail) + 40];
	bool ok = a->srv.state == KL2TP_PPP_AUTH_OK;
	struct kl2tp_ppp_buf b, m;

	kl2tp_ppp_buf_init(&m, (u8 *)msg, sizeof(msg));
	if (a->srv.method == KL2TP_PPP_AUTH_MSCHAPV2) {
		if (ok) {
			kl2tp_ppp_put(&m, a->srv_authresp,
				      sizeof(a->srv_authresp));
			kl2tp_ppp_put(&m, " M=", 3);
		} else {
			kl2tp_ppp_put(&m, "E=691 R=0 C=", 12);
			if (m.len + 2 * sizeof(a->chal) <= m.cap) {
				hex_upper(msg + m.len, a->chal,
					  sizeof(a->chal));
				m.len += 2 * sizeof(a->chal);
			}
			kl2tp_ppp_put(&m, " V=3 M=", 7);
		}
	}
	kl2tp_ppp_put(&m, ok ? msg_ok : msg_fail,
		      ok ? sizeof(msg_ok) - 1 : sizeof(msg_fail) - 1);

	kl2tp_ppp_io_begin(a->io, &b, KL2TP_PPP_CHAP);
	kl2tp_ppp_chap_put_msg(&b, ok ? KL2TP_PPP_CHAP_SUCCESS :
				      KL2TP_PPP_CHAP_FAILURE,
			       a->srv.id, msg, m.err ? 0 : m.len);
	send_pkt(a, &b);
}

/* Authenticator: CHAP Response. */
static int chap_srv_rx(struct kl2tp_ppp_auth *a, const struct kl2tp_ppp_cp *cp)
{
	struct kl2tp_ppp_chap_msg m;
	const u8 *secret;
	size_t slen;

	if (!is_chap(a->srv.method) || a->srv.state == KL2TP_PPP_AUTH_IDLE ||
	    cp->id != a->srv.id)
		return -EPROTO;
	if (kl2tp_ppp_chap_parse(cp->data, cp->len, &m))
		return -EBADMSG;
	if (a->srv.state == KL2TP_PPP_AUTH_PENDING)
		return 0;	/* the verdict answers it */
	if (a->srv.state == KL2TP_PPP_AUTH_RUNNING) {
		struct kl2tp_ppp_auth_cred c = {
			.method = a->srv.method, .id = cp->id,
			.name = m.name, .name_len = m.name_len,
			.chal = a->chal, .chal_len = sizeof(a->chal),
			.resp = m.value, .resp_len = m.value_len,
		};
		size_t want = a->srv.method == KL2TP_PPP_AUTH_CHAP_MD5 ?
			      KL2TP_PPP_CHAP_MD5_LEN : KL2TP_PPP_MSCHAP_RESP_LEN;
		int v = KL2TP_PPP_VERIFY_REJECT;

		if (set_peer_name(a, m.name, m.name_len) && m.value_len == want)
			v = verify(a, &c);
		if (v == KL2TP_PPP_VERIFY_PENDING) {
			side_pending(&a->srv);
			return 0;
		}
		if (v == KL2TP_PPP_VERIFY_LOCAL && !lookup(a, &secret, &slen) &&
		    chap_check(a, cp->id, &m, secret, slen))
			side_ok(&a->srv);
		else
			side_fail(&a->srv, KL2TP_PPP_R_AUTH_FAILED);
	}
	chap_reply(a);
	return 0;
}

/*
 * The authenticator response an AAA server gave, "S=" and 40 hex digits
 * of either case, into @a->srv_authresp in upper case: 0, or -EINVAL.
 */
static int authresp_take(struct kl2tp_ppp_auth *a, const char *s, size_t len)
{
	char *out = a->srv_authresp;
	size_t i;
	char ch;

	if (!s || len != KL2TP_PPP_MSCHAP_AUTHRESP_LEN || s[0] != 'S' ||
	    s[1] != '=')
		return -EINVAL;
	for (i = 2; i < len; i++) {
		ch = s[i];
		if (ch >= 'a' && ch <= 'f')
			ch -= 'a' - 'A';
		if (!((ch >= '0' && ch <= '9') || (ch >= 'A' && ch <= 'F')))
			return -EINVAL;
	}
	for (i = 0; i < len; i++) {
		ch = s[i];
		out[i] = ch >= 'a' && ch <= 'f' ? ch - ('a' - 'A') : ch;
	}
	return 0;
}

/* A pending check decided: @ok; Ack/Nak or Success/Failure sent. */
static void verdict_apply(struct kl2tp_ppp_auth *a, bool ok)
{
	if (ok)
		side_ok(&a->srv);
	else
		side_fail(&a->srv, KL2TP_PPP_R_AUTH_FAILED);
	if (a->srv.method == KL2TP_PPP_AUTH_PAP)
		pap_reply(a, a->srv.id);
	else
		chap_reply(a);
}

int kl2tp_ppp_auth_verdict(struct kl2tp_ppp_auth *a, u32 seq, bool ok,
			   const char *authresp, size_t authresp_len)
{
	int ret = 0;

	if (a->srv.state != KL2TP_PPP_AUTH_PENDING || seq != a->verify_seq)
		return -EALREADY;
	if (ok && a->srv.method == KL2TP_PPP_AUTH_MSCHAPV2) {
		ret = authresp_take(a, authresp, authresp_len);
		ok = !ret;
	}
	verdict_apply(a, ok);
	return ret;
}

static bool proxy_check(const struct kl2tp_ppp_auth_cred *p,
			const u8 *secret, size_t slen);

int kl2tp_ppp_auth_verdict_local(struct kl2tp_ppp_auth *a, u32 seq,
				 const struct kl2tp_ppp_auth_cred *c)
{
	const u8 *secret;
	size_t slen;
	bool ok = false;

	if (a->srv.state != KL2TP_PPP_AUTH_PENDING || seq != a->verify_seq)
		return -EALREADY;
	if (!c || c->method != a->srv.method || c->seq != seq ||
	    c->proxy != a->verify_proxy || c->name_len != a->peer_name_len ||
	    (c->name_len && !c->name) || (c->resp_len && !c->resp) ||
	    (c->chal_len && !c->chal) ||
	    (c->name_len && kl2tp_memneq(c->name, a->peer_name, c->name_len))) {
		verdict_apply(a, false);
		return -EINVAL;
	}
	if (lookup(a, &secret, &slen))
		goto out;
	if (c->method == KL2TP_PPP_AUTH_PAP) {
		ok = proxy_check(c, secret, slen);
	} else if (c->proxy) {
		/* CHAP-MD5 only: the LAC's challenge */
		ok = c->method == KL2TP_PPP_AUTH_CHAP_MD5 && c->chal &&
		     c->chal_len && c->chal_len <= 255 &&
		     c->resp_len == KL2TP_PPP_CHAP_MD5_LEN &&
		     proxy_check(c, secret, slen);
	} else if (c->chal && c->chal_len == sizeof(a->chal) &&
		   !kl2tp_memneq(c->chal, a->chal, sizeof(a->chal))) {
		/* our challenge, answered with the Identifier we sent */
		struct kl2tp_ppp_chap_msg m = {
			.value = c->resp, .value_len = c->resp_len,
			.name = c->name, .name_len = c->name_len,
		};

		ok = c->id == a->srv.id && c->resp_len <= 255 &&
		     chap_check(a, c->id, &m, secret, slen);
	}
out:
	verdict_apply(a, ok);
	return 0;
}

static bool proxy_valid(const struct kl2tp_ppp_auth_cred *p)
{
	if (p->name_len > KL2TP_PPP_NAME_MAX || (p->name_len && !p->name) ||
	    (p->resp_len && !p->resp))
		return false;
	switch (p->method) {
	case KL2TP_PPP_AUTH_PAP:
		return p->resp_len <= 255;
	case KL2TP_PPP_AUTH_CHAP_MD5:
		return p->resp_len == KL2TP_PPP_CHAP_MD5_LEN && p->chal &&
		       p->chal_len && p->chal_len <= 255;
	default:
		return false;
	}
}

/* Authenticator: proxied credentials against the peer's @secret. */
static bool proxy_check(const struct kl2tp_ppp_auth_cred *p,
			const u8 *secret, size_t slen)
{
	u8 want[KL2TP_PPP_CHAP_MD5_LEN];
	bool ok;

	if (p->method == KL2TP_PPP_AUTH_PAP)
		return slen == p->resp_len &&
		       !kl2tp_memneq(p->resp, secret, slen);
	ok = !kl2tp_ppp_chap_md5(p->id, secret, slen, p->chal, p->chal_len,
				 want) &&
	     !kl2tp_memneq(want, p->resp, sizeof(want));
	wipe(want, sizeof(want));
	return ok;
}

int kl2tp_ppp_auth_start_proxy(struct kl2tp_ppp_auth *a, u64 now,
			       const struct kl2tp_ppp_auth_cred *p,
			       u8 cli_method)
{
	struct kl2tp_ppp_auth_cred c = *p;
	const u8 *secret;
	size_t slen;
	int v;

	if (!proxy_valid(p))
		return -EINVAL;
	kl2tp_ppp_auth_start(a, now, KL2TP_PPP_AUTH_NONE, cli_method);
	a->srv.method = p->method;
	a->srv.id = p->id;
	set_peer_name(a, p->name, p->name_len);
	c.proxy = true;
	v = verify(a, &c);
	if (v == KL2TP_PPP_VERIFY_PENDING) {
		side_pending(&a->srv);
		return 0;
	}
	if (v == KL2TP_PPP_VERIFY_LOCAL && !lookup(a, &secret, &slen) &&
	    proxy_check(p, secret, slen))
		side_ok(&a->srv);
	else
		side_fail(&a->srv, KL2TP_PPP_R_AUTH_FAILED);
	if (p->method == KL2TP_PPP_AUTH_PAP)
		pap_reply(a, p->id);
	else
		chap_reply(a);
	return 0;
}

/* Peer: PAP Authenticate-Ack or -Nak. */
static int pap_cli_rx(struct kl2tp_ppp_auth *a, const struct kl2tp_ppp_cp *cp)
{
	const u8 *msg;
	size_t len;

	if (a->cli.method != KL2TP_PPP_AUTH_PAP ||
	    a->cli.state != KL2TP_PPP_AUTH_RUNNING || cp->id != a->cli.id)
		return -EPROTO;
	if (kl2tp_ppp_pap_parse_reply(cp->data, cp->len, &msg, &len))
		return -EBADMSG;
	if (cp->code == KL2TP_PPP_PAP_ACK)
		side_ok(&a->cli);
	else
		side_fail(&a->cli, KL2TP_PPP_R_PEER_AUTH_FAILED);
	return 0;
}

static void send_response(struct kl2tp_ppp_auth *a)
{
	struct kl2tp_ppp_buf b;

	kl2tp_ppp_io_begin(a->io, &b, KL2TP_PPP_CHAP);
	kl2tp_ppp_chap_put(&b, KL2TP_PPP_CHAP_RESPONSE, a->cli.id, a->resp,
			   a->resp_len, a->cfg.name, a->cfg.name_len);
	send_pkt(a, &b);
}

/* Peer: answer a CHAP Challenge. */
static int chap_cli_challenge(struct kl2tp_ppp_auth *a, u64 now,
			      const struct kl2tp_ppp_cp *cp)
{
	u8 val[KL2TP_PPP_MSCHAP_RESP_LEN], hash[KL2TP_PPP_MSCHAP_HASH_LEN];
	struct kl2tp_ppp_chap_msg m;
	struct kl2tp_ppp_io *io = a->io;
	size_t vlen;
	u8 *nt;
	int ret;

	if (kl2tp_ppp_chap_parse(cp->data, cp->len, &m))
		return -EBADMSG;
	if (a->cli.method == KL2TP_PPP_AUTH_CHAP_MD5) {
		ret = kl2tp_ppp_chap_md5(cp->id, a->cfg.secret,
					 a->cfg.secret_len, m.value,
					 m.value_len, val);
		vlen = KL2TP_PPP_CHAP_MD5_LEN;
	} else {
		if (m.value_len != KL2TP_PPP_MSCHAP_CHAL_LEN)
			return -EBADMSG;
		/* Peer-Challenge, 8 reserved, NT-Response, Flags */
		memset(val, 0, sizeof(val));
		io->random(io->ctx, val, KL2TP_PPP_MSCHAP_CHAL_LEN);
		nt = val + KL2TP_PPP_MSCHAP_CHAL_LEN + 8;
		ret = kl2tp_ppp_mschap_nt_password_hash(a->cfg.secret,
							a->cfg.secret_len,
							a->ucs2, hash);
		if (!ret)
			ret = kl2tp_ppp_mschap_nt_response(m.value, val,
							   a->cfg.name,
							   a->cfg.name_len,
							   hash, nt);
		if (!ret)
			ret = kl2tp_ppp_mschap_auth_response(hash, nt, val,
							     m.value,
							     a->cfg.name,
							     a->cfg.name_len,
							     a->cli_authresp);
		wipe(hash, sizeof(hash));
		vlen = KL2TP_PPP_MSCHAP_RESP_LEN;
	}
	if (ret)
		return ret;
	memcpy(a->resp, val, vlen);
	a->resp_len = (u8)vlen;
	a->cli.id = cp->id;
	a->responded = true;
	send_response(a);
	if (a->cli.state == KL2TP_PPP_AUTH_RUNNING) {
		a->cli.tries = 1;
		arm(&a->cli, now, a->cfg.restart_ms);
	}
	return 0;
}

/* @got starts with the authenticator response @want (any hex case). */
static bool authresp_ok(const char *want, const u8 *got)
{
	char norm[KL2TP_PPP_MSCHAP_AUTHRESP_LEN];
	size_t i;

	for (i = 0; i < sizeof(norm); i++)
		norm[i] = got[i] >= 'a' && got[i] <= 'f' ?
			  got[i] - 'a' + 'A' : got[i];
	return !kl2tp_memneq(want, norm, sizeof(norm));
}

/* Peer: CHAP Success or Failure. */
static int chap_cli_result(struct kl2tp_ppp_auth *a,
			   const struct kl2tp_ppp_cp *cp)
{
	if (a->cli.state != KL2TP_PPP_AUTH_RUNNING || !a->responded ||
	    cp->id != a->cli.id)
		return -EPROTO;
	if (cp->code == KL2TP_PPP_CHAP_FAILURE) {
		side_fail(&a->cli, KL2TP_PPP_R_PEER_AUTH_FAILED);
		return 0;
	}
	if (a->cli.method == KL2TP_PPP_AUTH_MSCHAPV2) {
		/* "S=<40 hex digits> M=...": the server knows our password */
		if (cp->len < KL2TP_PPP_MSCHAP_AUTHRESP_LEN ||
		    !authresp_ok(a->cli_authresp, cp->data)) {
			side_fail(&a->cli, KL2TP_PPP_R_AUTH_FAILED);
			return 0;
		}
	}
	side_ok(&a->cli);
	return 0;
}

int kl2tp_ppp_auth_input(struct kl2tp_ppp_auth *a, u64 now, u16 proto,
			 const u8 *pkt, size_t len)
{
	struct kl2tp_ppp_cp cp;

	if (kl2tp_ppp_cp_parse(&cp, pkt, len))
		return -EBADMSG;
	if (proto == KL2TP_PPP_PAP) {
		switch (cp.code) {
		case KL2TP_PPP_PAP_REQ:
			return pap_srv_rx(a, &cp);
		case KL2TP_PPP_PAP_ACK:
		case KL2TP_PPP_PAP_NAK:
			return pap_cli_rx(a, &cp);
		default:
			return -EPROTO;
		}
	}
	if (proto != KL2TP_PPP_CHAP)
		return -EPROTO;
	switch (cp.code) {
	case KL2TP_PPP_CHAP_RESPONSE:
		return chap_srv_rx(a, &cp);
	case KL2TP_PPP_CHAP_CHALLENGE:
		if (!is_chap(a->cli.method) ||
		    a->cli.state == KL2TP_PPP_AUTH_IDLE ||
		    a->cli.state == KL2TP_PPP_AUTH_FAILED)
			return -EPROTO;
		return chap_cli_challenge(a, now, &cp);
	case KL2TP_PPP_CHAP_SUCCESS:
	case KL2TP_PPP_CHAP_FAILURE:
		if (!is_chap(a->cli.method))
			return -EPROTO;
		return chap_cli_result(a, &cp);
	default:
		return -EPROTO;
	}
}

static u32 side_timeout(const struct kl2tp_ppp_auth_side *s, u64 now)
{
	u64 left;

	if (!s->timer_on)
		return KL2TP_PPP_NO_TIMEOUT;
	if (s->timer_at <= now)
		return 0;
	left = s->timer_at - now;
	return left >= KL2TP_PPP_NO_TIMEOUT ? KL2TP_PPP_NO_TIMEOUT - 1 :
					      (u32)left;
}

u32 kl2tp_ppp_auth_next_timeout(const struct kl2tp_ppp_auth *a, u64 now)
{
	return min_t(u32, side_timeout(&a->srv, now),
		     side_timeout(&a->cli, now));
}

void kl2tp_ppp_auth_timer(struct kl2tp_ppp_auth *a, u64 now)
{
	struct kl2tp_ppp_auth_side *s = &a->srv;

	if (s->timer_on && s->timer_at <= now) {
		if (is_chap(s->method) && s->tries < a->cfg.max_tries) {
			s->tries++;
			send_challenge(a);
			arm(s, now, a->cfg.restart_ms);
		} else {
			side_fail(s, KL2TP_PPP_R_AUTH_TIMEOUT);
		}
	}
	s = &a->cli;
	if (s->timer_on && s->timer_at <= now) {
		if ((s->method == KL2TP_PPP_AUTH_PAP || a->responded) &&
		    s->tries < a->cfg.max_tries) {
			s->tries++;
			if (a->responded)
				send_response(a);
			else
				send_pap_req(a);
			arm(s, now, a->cfg.restart_ms);
		} else {
			side_fail(s, KL2TP_PPP_R_AUTH_TIMEOUT);
		}
	}
}

bool kl2tp_ppp_auth_done(const struct kl2tp_ppp_auth *a)
{
	return a->srv.state == KL2TP_PPP_AUTH_OK &&
	       a->cli.state == KL2TP_PPP_AUTH_OK;
}

int kl2tp_ppp_auth_failed(const struct kl2tp_ppp_auth *a)
{
	if (a->srv.state == KL2TP_PPP_AUTH_FAILED)
		return a->srv.reason;
	if (a->cli.state == KL2TP_PPP_AUTH_FAILED)
		return a->cli.reason;
	return 0;
}
