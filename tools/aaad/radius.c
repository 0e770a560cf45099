// SPDX-License-Identifier: GPL-2.0
/*
 * A RADIUS client for kl2tp-aaad (radius.h): RFC 2865 (Access), RFC 2866
 * (Accounting), RFC 3579 3.2 (Message-Authenticator), and the server side
 * of RFC 5176 requests. MD5 and HMAC-MD5 come from libcrypto.
 *
 * Nothing here keeps state between calls: each exchange has its own
 * socket, Identifier and authenticator, so threads may share a client.
 */
#define _GNU_SOURCE
#include "radius.h"

#include <errno.h>
#include <netdb.h>
#include <poll.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/random.h>
#include <sys/types.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#define RAD_VAL_MAX	253	/* an attribute's value */
#define RAD_VSA_HDR	6	/* vendor id, vendor type, vendor length */
#define RAD_MA_LEN	(2 + RAD_AUTH_LEN)

/* 16 zero octets: the authenticator of a request signed like RFC 2866's. */
static const uint8_t rad_zero_auth[RAD_AUTH_LEN];

static uint16_t rad_get16(const uint8_t *p)
{
	return (uint16_t)((p[0] << 8) | p[1]);
}

static void rad_put16(uint8_t *p, uint16_t v)
{
	p[0] = v >> 8;
	p[1] = v & 0xff;
}

static uint32_t rad_get32(const uint8_t *p)
{
	return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) |
	       ((uint32_t)p[2] << 8) | p[3];
}

static void rad_put32(uint8_t *p, uint32_t v)
{
	p[0] = v >> 24;
	p[1] = (v >> 16) & 0xff;
	p[2] = (v >> 8) & 0xff;
	p[3] = v & 0xff;
}

/* One piece of a hashed message. */
struct rad_iov {
	const void *base;
	size_t len;
};

/* MD5 of the concatenation of n pieces: 0 or -EIO. */
static int rad_md5(const struct rad_iov *iov, int n,
		   uint8_t out[RAD_AUTH_LEN])
{
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	unsigned int olen = 0;
	int ok, i;

	if (!ctx)
		return -ENOMEM;
	ok = EVP_DigestInit_ex(ctx, EVP_md5(), NULL);
	for (i = 0; ok && i < n; i++)
		ok = EVP_DigestUpdate(ctx, iov[i].base, iov[i].len);
	ok = ok && EVP_DigestFinal_ex(ctx, out, &olen) &&
	     olen == RAD_AUTH_LEN;
	EVP_MD_CTX_free(ctx);
	return ok ? 0 : -EIO;
}

/*
 * MD5(Code | Identifier | Length | auth | Attributes | secret) of the
 * packet pkt[0..len): the Response Authenticator when auth is the
 * request's, an RFC 2866 / 5176 Request Authenticator when it is zeros.
 */
static int rad_authenticator(const uint8_t *pkt, size_t len,
			     const uint8_t *auth, const char *secret,
			     uint8_t out[RAD_AUTH_LEN])
{
	struct rad_iov iov[] = {
		{ pkt, 4 },
		{ auth, RAD_AUTH_LEN },
		{ pkt + RAD_HDR_LEN, len - RAD_HDR_LEN },
		{ secret, strlen(secret) },
	};

	return rad_md5(iov, 4, out);
}

/*
 * The Message-Authenticator (RFC 3579 3.2) of pkt[0..len), whose attribute
 * is at offset ma: HMAC-MD5 keyed with the secret over the packet with auth
 * in the authenticator field (NULL: the packet's own) and the attribute's
 * value zeroed.
 */
static int rad_hmac(const uint8_t *pkt, size_t len, size_t ma,
		    const uint8_t *auth, const char *secret,
		    uint8_t out[RAD_AUTH_LEN])
{
	uint8_t tmp[RAD_MAX_LEN];
	unsigned int olen = 0;
	int ret = 0;

	memcpy(tmp, pkt, len);
	if (auth)
		memcpy(tmp + 4, auth, RAD_AUTH_LEN);
	memset(tmp + ma + 2, 0, RAD_AUTH_LEN);
	if (!HMAC(EVP_md5(), secret, (int)strlen(secret), tmp, len, out,
		  &olen) || olen != RAD_AUTH_LEN)
		ret = -EIO;
	OPENSSL_cleanse(tmp, len);
	return ret;
}

/*
 * Check that the attributes of pkt[RAD_HDR_LEN..len) frame it exactly.
 * *ma is set to the offset of the Message-Authenticator, 0 if none; there
 * may be one at most, 18 octets long. Returns 0 or -EBADMSG.
 */
static int rad_frame_attrs(const uint8_t *pkt, size_t len, size_t *ma)
{
	size_t off = RAD_HDR_LEN;

	*ma = 0;
	while (off < len) {
		size_t alen;

		if (len - off < 2)
			return -EBADMSG;
		alen = pkt[off + 1];
		if (alen < 2 || alen > len - off)
			return -EBADMSG;
		if (pkt[off] == RAD_MESSAGE_AUTHENTICATOR) {
			if (*ma || alen != RAD_MA_LEN)
				return -EBADMSG;
			*ma = off;
		}
		off += alen;
	}
	return 0;
}

/*
 * The length of the packet at the start of a datagram of n octets when
 * its header and attributes check (extra octets after it are ignored,
 * RFC 2865 3), else 0.
 */
static size_t rad_frame(const uint8_t *buf, size_t n, size_t *ma)
{
	size_t len;

	if (n < RAD_HDR_LEN)
		return 0;
	len = rad_get16(buf + 2);
	if (len < RAD_HDR_LEN || len > n || len > RAD_MAX_LEN)
		return 0;
	if (rad_frame_attrs(buf, len, ma))
		return 0;
	return len;
}

/* Whether resp is a code that answers a request of code req. */
static int rad_answers(uint8_t req, uint8_t resp)
{
	switch (req) {
	case RAD_ACCESS_REQUEST:
		return resp == RAD_ACCESS_ACCEPT ||
		       resp == RAD_ACCESS_REJECT ||
		       resp == RAD_ACCESS_CHALLENGE;
	case RAD_ACCOUNTING_REQUEST:
		return resp == RAD_ACCOUNTING_RESPONSE;
	case RAD_DISCONNECT_REQUEST:
		return resp == RAD_DISCONNECT_ACK ||
		       resp == RAD_DISCONNECT_NAK;
	case RAD_COA_REQUEST:
		return resp == RAD_COA_ACK || resp == RAD_COA_NAK;
	}
	return 0;
}

static int rad_random(void *buf, size_t n)
{
	uint8_t *p = buf;

	while (n) {
		ssize_t r = getrandom(p, n, 0);

		if (r < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		p += r;
		n -= (size_t)r;
	}
	return 0;
}

void rad_init(struct rad_msg *m, uint8_t code)
{
	memset(m->buf, 0, RAD_HDR_LEN);
	m->buf[0] = code;
	rad_put16(m->buf + 2, RAD_HDR_LEN);
	m->len = RAD_HDR_LEN;
	OPENSSL_cleanse(m->password, sizeof(m->password));
	m->password_len = 0;
}

int rad_add(struct rad_msg *m, uint8_t type, const void *val, size_t len)
{
	if (len > RAD_VAL_MAX || m->len > RAD_MAX_LEN ||
	    2 + len > RAD_MAX_LEN - m->len)
		return -EMSGSIZE;
	m->buf[m->len] = type;
	m->buf[m->len + 1] = (uint8_t)(2 + len);
	if (len)
		memcpy(m->buf + m->len + 2, val, len);
	m->len += 2 + len;
	rad_put16(m->buf + 2, (uint16_t)m->len);
	return 0;
}

int rad_add_str(struct rad_msg *m, uint8_t type, const char *s)
{
	return rad_add(m, type, s, strlen(s));
}

int rad_add_u32(struct rad_msg *m, uint8_t type, uint32_t v)
{
	uint8_t b[4];

	rad_put32(b, v);
	return rad_add(m, type, b, sizeof(b));
}

int rad_add_nas_addr(struct rad_msg *m, const void *addr, size_t len)
{
	if (len != 4 && len != 16)
		return -EINVAL;
	return rad_add(m, len == 4 ? RAD_NAS_IP_ADDRESS : RAD_NAS_IPV6_ADDRESS,
		       addr, len);
}

int rad_add_addr_str(struct rad_msg *m, uint8_t type, const void *addr,
		     size_t len)
{
	char s[INET6_ADDRSTRLEN];

	if ((len != 4 && len != 16) ||
	    !inet_ntop(len == 4 ? AF_INET : AF_INET6, addr, s, sizeof(s)))
		return -EINVAL;
	return rad_add_str(m, type, s);
}

/* Zero the bits of prefix[16] beyond the first plen (0..128). */
static void rad_prefix_mask(uint8_t *prefix, unsigned int plen)
{
	size_t keep = (plen + 7) / 8;

	if (plen % 8)
		prefix[keep - 1] &= (uint8_t)(0xff << (8 - plen % 8));
	memset(prefix + keep, 0, 16 - keep);
}

int rad_add_ipv6_prefix(struct rad_msg *m, uint8_t type, const void *prefix,
			uint8_t plen)
{
	uint8_t b[2 + 16] = { 0, plen };

	if (plen > 128)
		return -EINVAL;
	memcpy(b + 2, prefix, 16);
	rad_prefix_mask(b + 2, plen);
	return rad_add(m, type, b, sizeof(b));
}

int rad_add_vsa(struct rad_msg *m, uint32_t vendor, uint8_t type,
		const void *val, size_t len)
{
	uint8_t b[RAD_VAL_MAX];

	if (len > RAD_VAL_MAX - RAD_VSA_HDR)
		return -EMSGSIZE;
	rad_put32(b, vendor);
	b[4] = type;
	b[5] = (uint8_t)(2 + len);
	if (len)
		memcpy(b + RAD_VSA_HDR, val, len);
	return rad_add(m, RAD_VENDOR_SPECIFIC, b, RAD_VSA_HDR + len);
}

int rad_set_password(struct rad_msg *m, const void *pw, size_t len)
{
	if (!pw || len == 0 || len > RAD_PASSWORD_MAX)
		return -EINVAL;
	memcpy(m->password, pw, len);
	m->password_len = len;
	return 0;
}

/*
 * Hide a User-Password (RFC 2865 5.2): out gets the password padded with
 * zeros to a multiple of 16, each block XORed with MD5(secret | previous
 * ciphertext block), the first with MD5(secret | Request Authenticator).
 */
static int rad_hide_password(const uint8_t *pw, size_t len, const char *secret,
			     const uint8_t ra[RAD_AUTH_LEN], uint8_t *out,
			     size_t plen)
{
	const uint8_t *prev = ra;
	uint8_t b[RAD_AUTH_LEN];
	size_t i, j;
	int ret;

	memset(out, 0, plen);
	memcpy(out, pw, len);
	for (i = 0; i < plen; i += RAD_AUTH_LEN) {
		struct rad_iov iov[] = {
			{ secret, strlen(secret) },
			{ prev, RAD_AUTH_LEN },
		};

		ret = rad_md5(iov, 2, b);
		if (ret)
			return ret;
		for (j = 0; j < RAD_AUTH_LEN; j++)
			out[i + j] ^= b[j];
		prev = out + i;
	}
	OPENSSL_cleanse(b, sizeof(b));
	return 0;
}

/*
 * The datagram for req to a server with this secret, in pkt (RAD_MAX_LEN
 * octets): Identifier id; for an Access-Request a random Request
 * Authenticator, the hidden User-Password and a Message-Authenticator; for
 * other codes the Request Authenticator of RFC 2866 3. Returns its length,
 * or a negative errno.
 */
static ssize_t rad_build(const struct rad_msg *req, const char *secret,
			 uint8_t id, uint8_t *pkt)
{
	size_t len = req->len, ma, off;
	int ret;

	if (len < RAD_HDR_LEN || len > RAD_MAX_LEN ||
	    rad_frame_attrs(req->buf, len, &ma) || ma)
		return -EINVAL;
	switch (req->buf[0]) {
	case RAD_ACCESS_REQUEST:
	case RAD_ACCOUNTING_REQUEST:
	case RAD_DISCONNECT_REQUEST:
	case RAD_COA_REQUEST:
		break;
	default:
		return -EINVAL;	/* no reply would answer it */
	}
	/* A User-Password is only sent hidden, and only in Access-Request. */
	for (off = RAD_HDR_LEN; off < len; off += req->buf[off + 1])
		if (req->buf[off] == RAD_USER_PASSWORD)
			return -EINVAL;
	if (req->password_len > RAD_PASSWORD_MAX ||
	    (req->password_len && req->buf[0] != RAD_ACCESS_REQUEST))
		return -EINVAL;

	memcpy(pkt, req->buf, len);
	pkt[1] = id;

	if (pkt[0] != RAD_ACCESS_REQUEST) {
		rad_put16(pkt + 2, (uint16_t)len);
		ret = rad_authenticator(pkt, len, rad_zero_auth, secret,
					pkt + 4);
		return ret ? ret : (ssize_t)len;
	}

	ret = rad_random(pkt + 4, RAD_AUTH_LEN);
	if (ret)
		return ret;
	if (req->password_len) {
		size_t plen = (req->password_len + RAD_AUTH_LEN - 1) &
			      ~(size_t)(RAD_AUTH_LEN - 1);

		if (2 + plen > RAD_MAX_LEN - len)
			return -EMSGSIZE;
		pkt[len] = RAD_USER_PASSWORD;
		pkt[len + 1] = (uint8_t)(2 + plen);
		ret = rad_hide_password(req->password, req->password_len,
					secret, pkt + 4, pkt + len + 2, plen);
		if (ret)
			return ret;
		len += 2 + plen;
	}
	if (RAD_MA_LEN > RAD_MAX_LEN - len)
		return -EMSGSIZE;
	ma = len;
	pkt[ma] = RAD_MESSAGE_AUTHENTICATOR;
	pkt[ma + 1] = RAD_MA_LEN;
	memset(pkt + ma + 2, 0, RAD_AUTH_LEN);
	len += RAD_MA_LEN;
	rad_put16(pkt + 2, (uint16_t)len);
	ret = rad_hmac(pkt, len, ma, NULL, secret, pkt + ma + 2);
	return ret ? ret : (ssize_t)len;
}

/*
 * The length of the reply at the start of buf[0..n) when it answers the
 * request pkt sent with this secret, else 0.
 */
static size_t rad_check_reply(const uint8_t *pkt, uint8_t *buf, size_t n,
			      const char *secret)
{
	uint8_t calc[RAD_AUTH_LEN];
	size_t len, ma;

	len = rad_frame(buf, n, &ma);
	if (!len || buf[1] != pkt[1] || !rad_answers(pkt[0], buf[0]))
		return 0;
	if (rad_authenticator(buf, len, pkt + 4, secret, calc) ||
	    CRYPTO_memcmp(calc, buf + 4, RAD_AUTH_LEN))
		return 0;
	if (ma && (rad_hmac(buf, len, ma, pkt + 4, secret, calc) ||
		   CRYPTO_memcmp(calc, buf + ma + 2, RAD_AUTH_LEN)))
		return 0;
	return len;
}

static int64_t rad_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/*
 * Wait up to timeout_ms on fd for a reply to pkt. Returns 0 with *reply
 * set, -ETIMEDOUT, or another negative errno that ends the try.
 */
static int rad_wait(int fd, int timeout_ms, const uint8_t *pkt,
		    const char *secret, struct rad_msg *reply)
{
	int64_t end = rad_now_ms() + timeout_ms;
	uint8_t buf[RAD_MAX_LEN];

	for (;;) {
		int64_t left = end - rad_now_ms();
		struct pollfd pfd = { .fd = fd, .events = POLLIN };
		ssize_t n;
		size_t len;
		int r;

		if (left <= 0)
			return -ETIMEDOUT;
		r = poll(&pfd, 1, (int)left);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		if (r == 0)
			return -ETIMEDOUT;
		n = recv(fd, buf, sizeof(buf), MSG_DONTWAIT);
		if (n < 0) {
			if (errno == EINTR || errno == EAGAIN ||
			    errno == EWOULDBLOCK)
				continue;
			/* ICMP unreachable and the like: nobody there. */
			return -errno;
		}
		len = rad_check_reply(pkt, buf, (size_t)n, secret);
		if (!len)
			continue;
		memcpy(reply->buf, buf, len);
		reply->len = len;
		reply->password_len = 0;
		return 0;
	}
}

/*
 * One server, 1 + retries tries: 0 with *reply set, -ETIMEDOUT when it did
 * not answer (or could not be reached), or a negative errno that no other
 * server would change (a bad request, no random numbers).
 */
static int rad_exchange_one(const struct rad_client *c,
			    const struct rad_server *s,
			    const struct rad_msg *req, struct rad_msg *reply)
{
	uint8_t pkt[RAD_MAX_LEN];
	ssize_t len;
	uint8_t id;
	int fd, ret, try;

	ret = rad_random(&id, 1);
	if (ret)
		return ret;
	len = rad_build(req, s->secret, id, pkt);
	if (len < 0)
		return (int)len;

	ret = -ETIMEDOUT;
	fd = socket(s->addr.ss_family, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		goto out;
	if (connect(fd, (const struct sockaddr *)&s->addr, s->addrlen) < 0)
		goto out_close;
	for (try = 0; try <= c->retries; try++) {
		if (send(fd, pkt, (size_t)len, 0) != len)
			continue;
		if (!rad_wait(fd, c->timeout_ms, pkt, s->secret, reply)) {
			ret = 0;
			break;
		}
	}
out_close:
	close(fd);
out:
	OPENSSL_cleanse(pkt, (size_t)len);
	return ret;
}

int rad_exchange(const struct rad_client *c, const struct rad_msg *req,
		 struct rad_msg *reply, int *server)
{
	int i, ret;

	if (c->nservers < 1 || c->nservers > RAD_SERVERS_MAX ||
	    c->timeout_ms <= 0 || c->retries < 0)
		return -EINVAL;
	for (i = 0; i < c->nservers; i++) {
		ret = rad_exchange_one(c, &c->servers[i], req, reply);
		if (ret == -ETIMEDOUT)
			continue;
		if (!ret && server)
			*server = i;
		return ret;
	}
	return -ETIMEDOUT;
}

int rad_next(const struct rad_msg *m, size_t *off, uint8_t *type,
	     const uint8_t **val, size_t *len)
{
	size_t o = *off < RAD_HDR_LEN ? RAD_HDR_LEN : *off;
	size_t end = m->len > RAD_MAX_LEN ? RAD_MAX_LEN : m->len;
	size_t alen;

	if (o >= end || end - o < 2)
		return 0;
	alen = m->buf[o + 1];
	if (alen < 2 || alen > end - o)
		return 0;
	*type = m->buf[o];
	*val = m->buf + o + 2;
	*len = alen - 2;
	*off = o + alen;
	return 1;
}

int rad_find(const struct rad_msg *m, uint8_t type, const uint8_t **val,
	     size_t *len)
{
	const uint8_t *v;
	size_t off = 0, l;
	uint8_t t;

	while (rad_next(m, &off, &t, &v, &l)) {
		if (t == type) {
			*val = v;
			*len = l;
			return 1;
		}
	}
	return 0;
}

int rad_find_vsa(const struct rad_msg *m, uint32_t vendor, uint8_t type,
		 const uint8_t **val, size_t *len)
{
	const uint8_t *v;
	size_t off = 0, l, o;
	uint8_t t;

	while (rad_next(m, &off, &t, &v, &l)) {
		if (t != RAD_VENDOR_SPECIFIC || l < 4 ||
		    rad_get32(v) != vendor)
			continue;
		for (o = 4; l - o >= 2; ) {
			size_t slen = v[o + 1];

			if (slen < 2 || slen > l - o)
				break;
			if (v[o] == type) {
				*val = v + o + 2;
				*len = slen - 2;
				return 1;
			}
			o += slen;
		}
	}
	return 0;
}

int rad_get_ipv6_prefix(const uint8_t *val, size_t len, uint8_t prefix[16],
			uint8_t *plen)
{
	/* the reserved octet is not looked at (RFC 3162: sent as zero) */
	if (len < 2 || len > 2 + 16 || val[1] > 128 ||
	    len - 2 < (size_t)(val[1] + 7) / 8)
		return -EINVAL;
	memset(prefix, 0, 16);
	memcpy(prefix, val + 2, len - 2);
	rad_prefix_mask(prefix, val[1]);
	*plen = val[1];
	return 0;
}

int rad_check_request(const void *buf, size_t len, const char *secret,
		      struct rad_msg *req)
{
	const uint8_t *p = buf;
	uint8_t calc[RAD_AUTH_LEN];
	size_t plen, ma;

	if (!secret || !*secret)
		return -EBADMSG;
	plen = rad_frame(p, len, &ma);
	if (!plen || (p[0] != RAD_DISCONNECT_REQUEST &&
		      p[0] != RAD_COA_REQUEST))
		return -EBADMSG;
	/* RFC 5176 3.5: the Message-Authenticator first, with zeros. */
	if (ma && (rad_hmac(p, plen, ma, rad_zero_auth, secret, calc) ||
		   CRYPTO_memcmp(calc, p + ma + 2, RAD_AUTH_LEN)))
		return -EBADMSG;
	if (rad_authenticator(p, plen, rad_zero_auth, secret, calc) ||
	    CRYPTO_memcmp(calc, p + 4, RAD_AUTH_LEN))
		return -EBADMSG;
	memcpy(req->buf, p, plen);
	req->len = plen;
	OPENSSL_cleanse(req->password, sizeof(req->password));
	req->password_len = 0;
	return 0;
}

void rad_finish_response(struct rad_msg *resp, const struct rad_msg *req,
			 const char *secret)
{
	uint8_t auth[RAD_AUTH_LEN];
	size_t ma;

	if (resp->len < RAD_HDR_LEN || resp->len > RAD_MAX_LEN)
		return;
	resp->buf[1] = req->buf[1];
	rad_put16(resp->buf + 2, (uint16_t)resp->len);
	/* A Message-Authenticator the caller added is filled in, with the
	 * request's authenticator (RFC 5176 3.5); none is added. */
	if (!rad_frame_attrs(resp->buf, resp->len, &ma) && ma &&
	    rad_hmac(resp->buf, resp->len, ma, req->buf + 4, secret,
		     resp->buf + ma + 2))
		memset(resp->buf + ma + 2, 0, RAD_AUTH_LEN);
	if (rad_authenticator(resp->buf, resp->len, req->buf + 4, secret,
			      auth))
		memset(auth, 0, sizeof(auth));
	memcpy(resp->buf + 4, auth, RAD_AUTH_LEN);
}

/* A port: 1 to 65535, decimal digits only. */
static int rad_parse_port(const char *s, uint16_t *port)
{
	unsigned long v = 0;

	if (!*s || strlen(s) > 5)
		return -EINVAL;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return -EINVAL;
		v = v * 10 + (unsigned long)(*s - '0');
	}
	if (v < 1 || v > 65535)
		return -EINVAL;
	*port = (uint16_t)v;
	return 0;
}

int rad_server_parse(struct rad_server *s, const char *spec,
		     uint16_t default_port, const char *secret)
{
	struct addrinfo hints, *res, *ai;
	struct rad_server tmp;
	const char *host = spec, *port = NULL, *colon, *end;
	uint16_t pnum = default_port;
	char name[NI_MAXHOST];
	size_t hlen, slen;
	int v6 = 0, ret = -EINVAL;

	if (!spec || !secret)
		return -EINVAL;
	slen = strlen(secret);
	if (slen == 0 || slen > RAD_SECRET_MAX)
		return -EINVAL;

	if (spec[0] == '[') {
		/* "[IPv6]" or "[IPv6]:port" */
		host = spec + 1;
		end = strchr(host, ']');
		if (!end)
			return -EINVAL;
		hlen = (size_t)(end - host);
		if (end[1] == ':')
			port = end + 2;
		else if (end[1])
			return -EINVAL;
		v6 = 1;
	} else {
		colon = strchr(spec, ':');
		if (colon && strchr(colon + 1, ':')) {
			hlen = strlen(spec);	/* a bare IPv6 address */
			v6 = 1;
		} else if (colon) {
			hlen = (size_t)(colon - spec);
			port = colon + 1;
		} else {
			hlen = strlen(spec);
		}
	}
	if (hlen == 0 || hlen >= sizeof(name))
		return -EINVAL;
	memcpy(name, host, hlen);
	name[hlen] = '\0';
	if (port && rad_parse_port(port, &pnum))
		return -EINVAL;
	if (pnum == 0)
		return -EINVAL;

	memset(&hints, 0, sizeof(hints));
	hints.ai_family = v6 ? AF_INET6 : AF_UNSPEC;
	hints.ai_socktype = SOCK_DGRAM;
	hints.ai_flags = v6 ? AI_NUMERICHOST : 0;
	if (getaddrinfo(name, NULL, &hints, &res))
		return -EINVAL;
	memset(&tmp, 0, sizeof(tmp));
	for (ai = res; ai; ai = ai->ai_next) {
		if (ai->ai_addrlen > sizeof(tmp.addr))
			continue;
		if (ai->ai_family == AF_INET) {
			memcpy(&tmp.addr, ai->ai_addr, ai->ai_addrlen);
			((struct sockaddr_in *)&tmp.addr)->sin_port =
				htons(pnum);
		} else if (ai->ai_family == AF_INET6) {
			memcpy(&tmp.addr, ai->ai_addr, ai->ai_addrlen);
			((struct sockaddr_in6 *)&tmp.addr)->sin6_port =
				htons(pnum);
		} else {
			continue;
		}
		tmp.addrlen = (socklen_t)ai->ai_addrlen;
		ret = 0;
		break;
	}
	freeaddrinfo(res);
	if (ret)
		return ret;
	memcpy(tmp.secret, secret, slen + 1);
	*s = tmp;
	OPENSSL_cleanse(&tmp, sizeof(tmp));
	return 0;
}
