// SPDX-License-Identifier: GPL-2.0
/*
 * The RADIUS client of kl2tp-aaad: tools/aaad/radius.c. Real exchanges
 * with a fake server in a thread on 127.0.0.1 (an ephemeral UDP port). The
 * fake server checks requests and signs replies with its own MD5
 * (selftests/unit/support/md5.c, not libcrypto) and HMAC-MD5 (below), so a
 * mistake radius.c makes the same way on both sides still shows.
 */
#define _GNU_SOURCE
#include "unit.h"
#include "hash.h"
#include "radius.h"

#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <time.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#define SECRET		"xyzzy5461-shared"
#define OTHER_SECRET	"not-the-secret"
#define USER		"alice@example.net"
#define PASSWORD	"correct horse battery"	/* 21 octets: two blocks */

static const uint8_t zero16[16];

static uint16_t get16(const uint8_t *p)
{
	return (uint16_t)((p[0] << 8) | p[1]);
}

static void put16(uint8_t *p, uint16_t v)
{
	p[0] = v >> 8;
	p[1] = v & 0xff;
}

static void md5_2(const void *a, size_t alen, const void *b, size_t blen,
		  uint8_t out[16])
{
	struct kl2tp_iov iov[] = { { a, alen }, { b, blen } };

	if (kl2tp_md5(iov, 2, out))
		abort();
}

/* MD5(b[0..4) | auth | b[20..len) | secret): RFC 2865 3, RFC 2866 3. */
static void pkt_auth(const uint8_t *b, size_t len, const uint8_t *auth,
		     const char *secret, uint8_t out[16])
{
	struct kl2tp_iov iov[] = {
		{ b, 4 }, { auth, 16 }, { b + 20, len - 20 },
		{ secret, strlen(secret) },
	};

	if (kl2tp_md5(iov, 4, out))
		abort();
}

/* HMAC-MD5 (RFC 2104), keys up to 64 octets. */
static void hmac_md5(const char *key, const void *data, size_t len,
		     uint8_t out[16])
{
	uint8_t k[64], inner[16];
	size_t klen = strlen(key), i;

	if (klen > sizeof(k))
		abort();
	memset(k, 0, sizeof(k));
	memcpy(k, key, klen);
	for (i = 0; i < 64; i++)
		k[i] ^= 0x36;
	md5_2(k, 64, data, len, inner);
	for (i = 0; i < 64; i++)
		k[i] ^= 0x36 ^ 0x5c;
	md5_2(k, 64, inner, 16, out);
}

/* HMAC-MD5 of pkt[0..len) with auth at 4 and the attribute at ma zeroed. */
static void pkt_hmac(const uint8_t *pkt, size_t len, size_t ma,
		     const uint8_t *auth, const char *secret, uint8_t out[16])
{
	uint8_t tmp[RAD_MAX_LEN];

	memcpy(tmp, pkt, len);
	memcpy(tmp + 4, auth, 16);
	memset(tmp + ma + 2, 0, 16);
	hmac_md5(secret, tmp, len, out);
}

/* A packet built by hand, independent of rad_add(). */
struct out {
	uint8_t b[RAD_MAX_LEN + 64];
	size_t len;
};

static void out_init(struct out *o, uint8_t code, uint8_t id)
{
	memset(o, 0, sizeof(*o));
	o->b[0] = code;
	o->b[1] = id;
	o->len = 20;
}

static size_t out_attr(struct out *o, uint8_t type, const void *v, size_t n)
{
	size_t off = o->len;

	o->b[off] = type;
	o->b[off + 1] = (uint8_t)(n + 2);
	memcpy(o->b + off + 2, v, n);
	o->len += n + 2;
	return off;
}

static void out_vsa(struct out *o, uint32_t vendor, uint8_t type,
		    const void *v, size_t n)
{
	uint8_t b[253];

	b[0] = vendor >> 24;
	b[1] = vendor >> 16;
	b[2] = vendor >> 8;
	b[3] = vendor;
	b[4] = type;
	b[5] = (uint8_t)(n + 2);
	memcpy(b + 6, v, n);
	out_attr(o, RAD_VENDOR_SPECIFIC, b, n + 6);
}

/*
 * Sign a reply: the length, the Message-Authenticator at ma when ma (with
 * the request's authenticator ra), then the Response Authenticator.
 */
static void out_sign(struct out *o, const uint8_t *ra, const char *secret,
		     size_t ma)
{
	uint8_t a[16];

	put16(o->b + 2, (uint16_t)o->len);
	if (ma)
		pkt_hmac(o->b, o->len, ma, ra, secret, o->b + ma + 2);
	pkt_auth(o->b, o->len, ra, secret, a);
	memcpy(o->b + 4, a, 16);
}

/* What the fake server does with the one request it takes. */
enum fake_mode {
	F_GOOD,			/* Access-Accept, with a Message-Authenticator */
	F_GOOD_NO_MA,		/* Access-Accept, none */
	F_REJECT,		/* Access-Reject */
	F_TRAILING,		/* Access-Accept, 7 more octets in the datagram */
	F_BAD_AUTH,		/* a wrong Response Authenticator */
	F_BAD_ID,		/* another Identifier, signed */
	F_BAD_MA,		/* a wrong Message-Authenticator, signed */
	F_BAD_FRAME,		/* the last attribute overruns the length */
	F_BAD_ATTR_LEN,		/* an attribute of length 1 */
	F_BAD_CODE,		/* Accounting-Response to an Access-Request */
	F_BAD_SHORT,		/* 19 octets */
	F_BAD_LEN,		/* a length past the datagram */
	F_BAD_MA_LEN,		/* a Message-Authenticator of 20 octets */
	F_BAD_TWO_MA,		/* two Message-Authenticators, both right */
	F_ACCT,			/* Accounting-Response */
	F_DM,			/* radius.c's server side answers */
};

struct fake {
	int fd;
	uint16_t port;
	pthread_t thr;
	enum fake_mode mode;
	int bad_only;		/* the bad reply, not the good one after it */
	const char *secret;

	/* What it saw, for the main thread after pthread_join(). */
	int got;
	uint8_t code, id, ra[16];
	int frame_ok;		/* length == datagram, attributes frame it */
	int ma_count, ma_ok;
	int acct_auth_ok;
	int dm_ok;
	char user[254];
	char pw[RAD_PASSWORD_MAX + 16];
	size_t hidden_len;
	size_t good_len;	/* length of the good reply sent */
};

static void fake_inspect(struct fake *f, const uint8_t *b, size_t n)
{
	size_t len = get16(b + 2), off = 20, ma = 0;
	uint8_t calc[16];

	f->got = 1;
	f->code = b[0];
	f->id = b[1];
	memcpy(f->ra, b + 4, 16);
	f->frame_ok = len == n;
	while (f->frame_ok && off < len) {
		size_t alen = len - off >= 2 ? b[off + 1] : 0;

		if (alen < 2 || alen > len - off) {
			f->frame_ok = 0;
			break;
		}
		switch (b[off]) {
		case RAD_USER_NAME:
			memcpy(f->user, b + off + 2, alen - 2);
			f->user[alen - 2] = '\0';
			break;
		case RAD_USER_PASSWORD: {
			const uint8_t *c = b + off + 2, *prev = f->ra;
			size_t i, j;

			f->hidden_len = alen - 2;
			if (f->hidden_len > RAD_PASSWORD_MAX)
				break;
			/* RFC 2865 5.2, undone. */
			for (i = 0; i + 16 <= f->hidden_len; i += 16) {
				uint8_t k[16];

				md5_2(f->secret, strlen(f->secret), prev, 16,
				      k);
				for (j = 0; j < 16; j++)
					f->pw[i + j] = (char)(c[i + j] ^ k[j]);
				prev = c + i;
			}
			break;
		}
		case RAD_MESSAGE_AUTHENTICATOR:
			f->ma_count++;
			if (alen == 18)
				ma = off;
			break;
		}
		off += alen;
	}
	if (f->frame_ok && f->ma_count == 1 && ma) {
		pkt_hmac(b, len, ma, f->ra, f->secret, calc);
		f->ma_ok = !memcmp(calc, b + ma + 2, 16);
	}
	if (f->frame_ok && f->code == RAD_ACCOUNTING_REQUEST) {
		pkt_auth(b, len, zero16, f->secret, calc);
		f->acct_auth_ok = !memcmp(calc, f->ra, 16);
	}
}

static const uint8_t framed_ip[4] = { 10, 1, 2, 3 };
static const uint8_t ms_dns[4] = { 192, 0, 2, 53 };
static const uint8_t other_dns[4] = { 1, 1, 1, 1 };

/* An Access-Accept (or code) carrying msg in a Reply-Message. */
static size_t build_reply(struct out *o, uint8_t code, uint8_t id,
			  const char *msg, int with_ma)
{
	out_init(o, code, id);
	out_attr(o, RAD_FRAMED_IP_ADDRESS, framed_ip, 4);
	/* Another vendor's attribute 28 first: rad_find_vsa must skip it. */
	out_vsa(o, 9, RAD_MS_PRIMARY_DNS, other_dns, 4);
	out_vsa(o, RAD_VENDOR_MICROSOFT, RAD_MS_PRIMARY_DNS, ms_dns, 4);
	out_attr(o, RAD_REPLY_MESSAGE, msg, strlen(msg));
	if (!with_ma)
		return 0;
	return out_attr(o, RAD_MESSAGE_AUTHENTICATOR, zero16, 16);
}

static void fake_send(struct fake *f, const struct sockaddr *to,
		      socklen_t tolen, const void *b, size_t n)
{
	if (sendto(f->fd, b, n, 0, to, tolen) != (ssize_t)n)
		abort();
}

/* The bad reply of the mode, to the request with this id and ra. */
static void fake_bad(struct fake *f, struct out *o)
{
	size_t ma, last;

	switch (f->mode) {
	case F_BAD_AUTH:
		ma = build_reply(o, RAD_ACCESS_ACCEPT, f->id, "bad", 1);
		out_sign(o, f->ra, f->secret, ma);
		o->b[4] ^= 0x80;
		break;
	case F_BAD_ID:
		ma = build_reply(o, RAD_ACCESS_ACCEPT, f->id + 1, "bad", 1);
		out_sign(o, f->ra, f->secret, ma);
		break;
	case F_BAD_MA:
		ma = build_reply(o, RAD_ACCESS_ACCEPT, f->id, "bad", 1);
		out_sign(o, f->ra, f->secret, ma);
		o->b[ma + 5] ^= 0x01;
		out_sign(o, f->ra, f->secret, 0);	/* over the bad one */
		break;
	case F_BAD_FRAME:
		build_reply(o, RAD_ACCESS_ACCEPT, f->id, "bad", 0);
		last = o->len - 5;	/* Reply-Message "bad" */
		o->b[last + 1] += 2;
		out_sign(o, f->ra, f->secret, 0);
		break;
	case F_BAD_ATTR_LEN:
		build_reply(o, RAD_ACCESS_ACCEPT, f->id, "bad", 0);
		o->b[o->len++] = RAD_CLASS;
		o->b[o->len++] = 1;
		out_sign(o, f->ra, f->secret, 0);
		break;
	case F_BAD_CODE:
		ma = build_reply(o, RAD_ACCOUNTING_RESPONSE, f->id, "bad", 1);
		out_sign(o, f->ra, f->secret, ma);
		break;
	case F_BAD_SHORT:
		ma = build_reply(o, RAD_ACCESS_ACCEPT, f->id, "bad", 1);
		out_sign(o, f->ra, f->secret, ma);
		o->len = 19;
		break;
	case F_BAD_LEN:
		ma = build_reply(o, RAD_ACCESS_ACCEPT, f->id, "bad", 1);
		out_sign(o, f->ra, f->secret, ma);
		put16(o->b + 2, (uint16_t)(o->len + 4));
		break;
	case F_BAD_MA_LEN: {
		static const uint8_t z18[18];

		/* 20 octets, the first 16 of the value right. */
		build_reply(o, RAD_ACCESS_ACCEPT, f->id, "bad", 0);
		ma = out_attr(o, RAD_MESSAGE_AUTHENTICATOR, z18, 18);
		out_sign(o, f->ra, f->secret, ma);
		break;
	}
	case F_BAD_TWO_MA: {
		size_t ma2;

		/* The first right with the second zeroed, the second right
		 * with the first as it is: one of them checks, whichever a
		 * client that takes several would take. */
		ma = build_reply(o, RAD_ACCESS_ACCEPT, f->id, "bad", 1);
		ma2 = out_attr(o, RAD_MESSAGE_AUTHENTICATOR, zero16, 16);
		put16(o->b + 2, (uint16_t)o->len);
		pkt_hmac(o->b, o->len, ma, f->ra, f->secret, o->b + ma + 2);
		pkt_hmac(o->b, o->len, ma2, f->ra, f->secret, o->b + ma2 + 2);
		out_sign(o, f->ra, f->secret, 0);
		break;
	}
	default:
		o->len = 0;
	}
}

static void *fake_run(void *arg)
{
	struct fake *f = arg;
	struct sockaddr_storage from;
	socklen_t flen = sizeof(from);
	struct pollfd pfd = { .fd = f->fd, .events = POLLIN };
	static __thread uint8_t buf[RAD_MAX_LEN + 64];
	struct out *o = calloc(1, sizeof(*o));
	size_t ma;
	ssize_t n;

	if (!o)
		abort();
	if (poll(&pfd, 1, 5000) != 1)
		goto out;
	n = recvfrom(f->fd, buf, sizeof(buf), 0, (struct sockaddr *)&from,
		     &flen);
	if (n < 20)
		goto out;
	fake_inspect(f, buf, (size_t)n);

	switch (f->mode) {
	case F_ACCT:
		out_init(o, RAD_ACCOUNTING_RESPONSE, f->id);
		out_sign(o, f->ra, f->secret, 0);
		f->good_len = o->len;
		fake_send(f, (struct sockaddr *)&from, flen, o->b, o->len);
		goto out;
	case F_DM: {
		struct rad_msg req, resp;

		f->dm_ok = !rad_check_request(buf, (size_t)n, f->secret,
					      &req);
		if (!f->dm_ok)
			goto out;
		rad_init(&resp, RAD_DISCONNECT_ACK);
		rad_finish_response(&resp, &req, f->secret);
		fake_send(f, (struct sockaddr *)&from, flen, resp.buf,
			  resp.len);
		goto out;
	}
	case F_GOOD:
	case F_GOOD_NO_MA:
	case F_REJECT:
	case F_TRAILING:
		break;
	default:
		fake_bad(f, o);
		fake_send(f, (struct sockaddr *)&from, flen, o->b, o->len);
		if (f->bad_only)
			goto out;
	}

	ma = build_reply(o, f->mode == F_REJECT ? RAD_ACCESS_REJECT :
			 RAD_ACCESS_ACCEPT, f->id, "good",
			 f->mode != F_GOOD_NO_MA);
	out_sign(o, f->ra, f->secret, ma);
	f->good_len = o->len;
	if (f->mode == F_TRAILING) {
		memset(o->b + o->len, 0xee, 7);
		o->len += 7;
	}
	fake_send(f, (struct sockaddr *)&from, flen, o->b, o->len);
out:
	free(o);
	return NULL;
}

/* A bound UDP socket on 127.0.0.1, ephemeral port. */
static int udp_bound(uint16_t *port)
{
	struct sockaddr_in sin = { .sin_family = AF_INET };
	socklen_t sl = sizeof(sin);
	int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);

	if (fd < 0)
		abort();
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (bind(fd, (struct sockaddr *)&sin, sizeof(sin)) ||
	    getsockname(fd, (struct sockaddr *)&sin, &sl))
		abort();
	*port = ntohs(sin.sin_port);
	return fd;
}

static void fake_start(struct fake *f, enum fake_mode mode, int bad_only)
{
	memset(f, 0, sizeof(*f));
	f->fd = udp_bound(&f->port);
	f->mode = mode;
	f->bad_only = bad_only;
	f->secret = SECRET;
	if (pthread_create(&f->thr, NULL, fake_run, f))
		abort();
}

static void fake_stop(struct fake *f)
{
	pthread_join(f->thr, NULL);
	close(f->fd);
}

static void client_add(struct rad_client *c, uint16_t port,
		       const char *secret)
{
	char spec[32];

	snprintf(spec, sizeof(spec), "127.0.0.1:%u", port);
	if (rad_server_parse(&c->servers[c->nservers], spec, 1812, secret))
		abort();
	c->nservers++;
}

static void client_init(struct rad_client *c, int timeout_ms, int retries)
{
	memset(c, 0, sizeof(*c));
	c->timeout_ms = timeout_ms;
	c->retries = retries;
}

static void access_request(struct rad_msg *m, const char *pw)
{
	rad_init(m, RAD_ACCESS_REQUEST);
	if (rad_add_str(m, RAD_USER_NAME, USER) ||
	    rad_add_u32(m, RAD_NAS_PORT, 7) ||
	    rad_set_password(m, pw, strlen(pw)))
		abort();
}

/* 1 when the reply carries Reply-Message msg. */
static int reply_says(const struct rad_msg *m, const char *msg)
{
	const uint8_t *v;
	size_t n;

	return rad_find(m, RAD_REPLY_MESSAGE, &v, &n) && n == strlen(msg) &&
	       !memcmp(v, msg, n);
}

/* The test's own HMAC-MD5 against RFC 2104's first and second vectors. */
UNIT_TEST(t_hmac_md5_vectors)
{
	static const uint8_t want1[16] = {
		0x92, 0x94, 0x72, 0x7a, 0x36, 0x38, 0xbb, 0x1c,
		0x13, 0xf4, 0x8e, 0xf8, 0x15, 0x8b, 0xfc, 0x9d,
	};
	static const uint8_t want2[16] = {
		0x75, 0x0c, 0x78, 0x3e, 0x6a, 0xb0, 0xb5, 0x03,
		0xea, 0xa8, 0x6e, 0x31, 0x0a, 0x5d, 0xb7, 0x38,
	};
	char key[17];
	uint8_t out[16];

	memset(key, 0x0b, 16);
	key[16] = '\0';
	hmac_md5(key, "Hi There", 8, out);
	CHECK_MEM(out, want1, 16);
	hmac_md5("Jefe", "what do ya want for nothing?", 28, out);
	CHECK_MEM(out, want2, 16);
}

/* Access-Request: the server un-hides the password, checks the
 * Message-Authenticator; the Access-Accept's attributes are found. */
UNIT_TEST(t_access_accept)
{
	struct rad_client c;
	struct rad_msg req, reply;
	struct fake f;
	const uint8_t *v;
	uint8_t ra1[16], t;
	size_t n, off = 0;
	int server = -1, ret, count = 0;

	client_init(&c, 2000, 0);
	fake_start(&f, F_GOOD, 0);
	client_add(&c, f.port, SECRET);
	access_request(&req, PASSWORD);
	ret = rad_exchange(&c, &req, &reply, &server);
	fake_stop(&f);

	CHECK_EQ(ret, 0);
	CHECK_EQ(server, 0);
	CHECK(f.got);
	CHECK_EQ(f.code, RAD_ACCESS_REQUEST);
	CHECK(f.frame_ok);
	CHECK(memcmp(f.ra, zero16, 16) != 0);
	CHECK_EQ(f.ma_count, 1);
	CHECK(f.ma_ok);
	CHECK(!strcmp(f.user, USER));
	CHECK_EQ(f.hidden_len, 32);
	CHECK(!memcmp(f.pw, PASSWORD, sizeof(PASSWORD)));	/* zero pad */
	CHECK(!memcmp(f.pw + sizeof(PASSWORD), zero16,
		      32 - sizeof(PASSWORD)));
	memcpy(ra1, f.ra, 16);

	CHECK_EQ(rad_code(&reply), RAD_ACCESS_ACCEPT);
	CHECK_EQ(reply.len, f.good_len);
	CHECK_EQ(reply.buf[1], f.id);
	CHECK(rad_find(&reply, RAD_FRAMED_IP_ADDRESS, &v, &n));
	CHECK(n == 4 && !memcmp(v, framed_ip, 4));
	CHECK(rad_find_vsa(&reply, RAD_VENDOR_MICROSOFT, RAD_MS_PRIMARY_DNS,
			   &v, &n));
	CHECK(n == 4 && !memcmp(v, ms_dns, 4));
	CHECK(!rad_find_vsa(&reply, RAD_VENDOR_MICROSOFT,
			    RAD_MS_SECONDARY_DNS, &v, &n));
	CHECK(rad_find_vsa(&reply, 9, RAD_MS_PRIMARY_DNS, &v, &n));
	CHECK(n == 4 && !memcmp(v, other_dns, 4));
	CHECK(!rad_find(&reply, RAD_CLASS, &v, &n));
	CHECK(reply_says(&reply, "good"));
	while (rad_next(&reply, &off, &t, &v, &n))
		count++;
	CHECK_EQ(count, 5);
	CHECK_EQ(off, reply.len);

	/* Again, a 16-octet password: one block, a new authenticator. */
	client_init(&c, 2000, 0);
	fake_start(&f, F_GOOD_NO_MA, 0);
	client_add(&c, f.port, SECRET);
	access_request(&req, "0123456789abcdef");
	ret = rad_exchange(&c, &req, &reply, &server);
	fake_stop(&f);
	CHECK_EQ(ret, 0);
	CHECK(f.ma_ok);
	CHECK_EQ(f.hidden_len, 16);
	CHECK(!memcmp(f.pw, "0123456789abcdef", 16));
	CHECK(memcmp(f.ra, ra1, 16) != 0);
	CHECK_EQ(rad_code(&reply), RAD_ACCESS_ACCEPT);
	CHECK(reply_says(&reply, "good"));

	/* Access-Reject is an answer too. */
	client_init(&c, 2000, 0);
	fake_start(&f, F_REJECT, 0);
	client_add(&c, f.port, SECRET);
	access_request(&req, PASSWORD);
	ret = rad_exchange(&c, &req, &reply, &server);
	fake_stop(&f);
	CHECK_EQ(ret, 0);
	CHECK_EQ(rad_code(&reply), RAD_ACCESS_REJECT);

	/* Octets after the length are ignored. */
	client_init(&c, 2000, 0);
	fake_start(&f, F_TRAILING, 0);
	client_add(&c, f.port, SECRET);
	access_request(&req, PASSWORD);
	ret = rad_exchange(&c, &req, &reply, &server);
	fake_stop(&f);
	CHECK_EQ(ret, 0);
	CHECK_EQ(reply.len, f.good_len);
	CHECK(reply_says(&reply, "good"));
}

/* A bad reply first, then the good one: the good one is returned. */
UNIT_TEST(t_bad_then_good)
{
	static const enum fake_mode modes[] = {
		F_BAD_AUTH, F_BAD_ID, F_BAD_MA, F_BAD_FRAME, F_BAD_ATTR_LEN,
		F_BAD_CODE, F_BAD_SHORT, F_BAD_LEN, F_BAD_MA_LEN, F_BAD_TWO_MA,
	};
	struct rad_client c;
	struct rad_msg req, reply;
	struct fake f;
	size_t i;
	int server, ret;

	for (i = 0; i < ARRAY_SIZE(modes); i++) {
		client_init(&c, 2000, 0);
		fake_start(&f, modes[i], 0);
		client_add(&c, f.port, SECRET);
		access_request(&req, PASSWORD);
		server = -1;
		ret = rad_exchange(&c, &req, &reply, &server);
		fake_stop(&f);
		CHECK_EQ(ret, 0);
		CHECK_EQ(server, 0);
		CHECK_EQ(rad_code(&reply), RAD_ACCESS_ACCEPT);
		if (!reply_says(&reply, "good"))
			fprintf(stderr, "  mode %d: the bad reply taken\n",
				modes[i]);
		CHECK(reply_says(&reply, "good"));
		CHECK_EQ(reply.len, f.good_len);
	}
}

/* Only a bad reply (or a reply under another secret): -ETIMEDOUT. */
UNIT_TEST(t_bad_only_times_out)
{
	static const enum fake_mode modes[] = {
		F_BAD_AUTH, F_BAD_MA, F_BAD_CODE, F_BAD_ID, F_BAD_FRAME,
		F_BAD_TWO_MA,
	};
	struct rad_client c;
	struct rad_msg req, reply;
	struct fake f;
	size_t i;
	int ret;

	for (i = 0; i < ARRAY_SIZE(modes); i++) {
		client_init(&c, 200, 0);
		fake_start(&f, modes[i], 1);
		client_add(&c, f.port, SECRET);
		access_request(&req, PASSWORD);
		ret = rad_exchange(&c, &req, &reply, NULL);
		fake_stop(&f);
		if (ret != -ETIMEDOUT)
			fprintf(stderr, "  mode %d: %d\n", modes[i], ret);
		CHECK_EQ(ret, -ETIMEDOUT);
		CHECK(f.got);
	}

	/* The client has another secret: the server's good reply fails. */
	client_init(&c, 200, 0);
	fake_start(&f, F_GOOD, 0);
	client_add(&c, f.port, OTHER_SECRET);
	access_request(&req, PASSWORD);
	ret = rad_exchange(&c, &req, &reply, NULL);
	fake_stop(&f);
	CHECK_EQ(ret, -ETIMEDOUT);
	CHECK(f.got);
	CHECK(!f.ma_ok);
}

static int64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* The first server never answers (tried 1 + retries times), the second
 * does; then a first server whose port is closed. */
UNIT_TEST(t_failover)
{
	struct rad_client c;
	struct rad_msg req, reply;
	struct fake f;
	uint8_t buf[RAD_MAX_LEN];
	uint16_t dead_port;
	int dead, server = -1, ret, sent = 0;
	int64_t t0, el;

	dead = udp_bound(&dead_port);
	client_init(&c, 200, 1);
	client_add(&c, dead_port, SECRET);
	fake_start(&f, F_GOOD, 0);
	client_add(&c, f.port, SECRET);
	access_request(&req, PASSWORD);
	t0 = now_ms();
	ret = rad_exchange(&c, &req, &reply, &server);
	el = now_ms() - t0;
	fake_stop(&f);
	CHECK_EQ(ret, 0);
	CHECK_EQ(server, 1);
	CHECK(f.ma_ok);
	CHECK(reply_says(&reply, "good"));
	CHECK(el >= 390);
	while (recv(dead, buf, sizeof(buf), MSG_DONTWAIT) >= 20)
		sent++;
	CHECK_EQ(sent, 2);
	close(dead);

	/* Nobody bound there: ICMP port unreachable ends the tries early. */
	dead = udp_bound(&dead_port);
	close(dead);
	client_init(&c, 1500, 1);
	client_add(&c, dead_port, SECRET);
	fake_start(&f, F_GOOD, 0);
	client_add(&c, f.port, SECRET);
	server = -1;
	t0 = now_ms();
	ret = rad_exchange(&c, &req, &reply, &server);
	el = now_ms() - t0;
	fake_stop(&f);
	CHECK_EQ(ret, 0);
	CHECK_EQ(server, 1);
	CHECK(el < 1500);

	/* No server answers at all. */
	dead = udp_bound(&dead_port);
	client_init(&c, 100, 0);
	client_add(&c, dead_port, SECRET);
	client_add(&c, dead_port, SECRET);
	ret = rad_exchange(&c, &req, &reply, &server);
	CHECK_EQ(ret, -ETIMEDOUT);
	close(dead);
}

/* Accounting-Request: the RFC 2866 Request Authenticator, no
 * Message-Authenticator; Accounting-Response taken. */
UNIT_TEST(t_accounting)
{
	struct rad_client c;
	struct rad_msg req, reply;
	struct fake f;
	int server = -1, ret;

	client_init(&c, 2000, 0);
	fake_start(&f, F_ACCT, 0);
	client_add(&c, f.port, SECRET);
	rad_init(&req, RAD_ACCOUNTING_REQUEST);
	CHECK_EQ(rad_add_u32(&req, RAD_ACCT_STATUS_TYPE, 1), 0);
	CHECK_EQ(rad_add_str(&req, RAD_USER_NAME, USER), 0);
	CHECK_EQ(rad_add_str(&req, RAD_ACCT_SESSION_ID, "00000042"), 0);
	ret = rad_exchange(&c, &req, &reply, &server);
	fake_stop(&f);
	CHECK_EQ(ret, 0);
	CHECK_EQ(server, 0);
	CHECK(f.got);
	CHECK_EQ(f.code, RAD_ACCOUNTING_REQUEST);
	CHECK(f.frame_ok);
	CHECK(f.acct_auth_ok);
	CHECK_EQ(f.ma_count, 0);
	CHECK_EQ(f.hidden_len, 0);
	CHECK_EQ(rad_code(&reply), RAD_ACCOUNTING_RESPONSE);
	CHECK_EQ(reply.len, 20);

	/* A Disconnect-Request sent by radius.c, answered by its server
	 * side: both halves agree. */
	client_init(&c, 2000, 0);
	fake_start(&f, F_DM, 0);
	client_add(&c, f.port, SECRET);
	rad_init(&req, RAD_DISCONNECT_REQUEST);
	CHECK_EQ(rad_add_str(&req, RAD_ACCT_SESSION_ID, "00000042"), 0);
	ret = rad_exchange(&c, &req, &reply, &server);
	fake_stop(&f);
	CHECK_EQ(ret, 0);
	CHECK(f.dm_ok);
	CHECK_EQ(rad_code(&reply), RAD_DISCONNECT_ACK);
}

/* Requests radius.c refuses to send. */
UNIT_TEST(t_bad_requests)
{
	struct rad_client c;
	struct rad_msg req, reply;
	uint16_t port;
	int fd = udp_bound(&port);
	uint8_t buf[RAD_MAX_LEN];

	client_init(&c, 100, 0);
	client_add(&c, port, SECRET);

	rad_init(&req, RAD_ACCOUNTING_REQUEST);
	CHECK_EQ(rad_set_password(&req, "pw", 2), 0);
	CHECK_EQ(rad_exchange(&c, &req, &reply, NULL), -EINVAL);

	rad_init(&req, RAD_ACCESS_REQUEST);
	CHECK_EQ(rad_add_str(&req, RAD_USER_PASSWORD, "clear"), 0);
	CHECK_EQ(rad_exchange(&c, &req, &reply, NULL), -EINVAL);

	rad_init(&req, RAD_ACCESS_ACCEPT);
	CHECK_EQ(rad_exchange(&c, &req, &reply, NULL), -EINVAL);

	rad_init(&req, RAD_ACCESS_REQUEST);
	c.nservers = 0;
	CHECK_EQ(rad_exchange(&c, &req, &reply, NULL), -EINVAL);

	/* Nothing was sent. */
	CHECK(recv(fd, buf, sizeof(buf), MSG_DONTWAIT) < 0);
	close(fd);
}

/* A Disconnect-Request signed by hand (RFC 5176 3.5). */
static void dm_request(struct out *o, const char *secret, int with_ma,
		       uint8_t code)
{
	size_t ma = 0;
	uint8_t a[16];

	out_init(o, code, 7);
	out_attr(o, RAD_USER_NAME, USER, strlen(USER));
	out_attr(o, RAD_ACCT_SESSION_ID, "00000042", 8);
	if (with_ma)
		ma = out_attr(o, RAD_MESSAGE_AUTHENTICATOR, zero16, 16);
	put16(o->b + 2, (uint16_t)o->len);
	if (ma)
		pkt_hmac(o->b, o->len, ma, zero16, secret, o->b + ma + 2);
	pkt_auth(o->b, o->len, zero16, secret, a);
	memcpy(o->b + 4, a, 16);
}

UNIT_TEST(t_server_side)
{
	struct out o;
	struct rad_msg req, resp;
	uint8_t want[16], mac[16];
	const uint8_t *v;
	size_t n, ma;
	uint8_t ec[4] = { 0, 0, 0x01, 0xf7 };	/* 503 */

	dm_request(&o, SECRET, 0, RAD_DISCONNECT_REQUEST);
	CHECK_EQ(rad_check_request(o.b, o.len, SECRET, &req), 0);
	CHECK_EQ(req.len, o.len);
	CHECK_MEM(req.buf, o.b, o.len);
	CHECK(rad_find(&req, RAD_USER_NAME, &v, &n));
	CHECK(n == strlen(USER) && !memcmp(v, USER, n));
	CHECK_EQ(rad_check_request(o.b, o.len, OTHER_SECRET, &req),
		 -EBADMSG);
	CHECK_EQ(rad_check_request(o.b, o.len - 1, SECRET, &req), -EBADMSG);
	CHECK_EQ(rad_check_request(o.b, 19, SECRET, &req), -EBADMSG);
	CHECK_EQ(rad_check_request(o.b, o.len + 5, SECRET, &req), 0);
	CHECK_EQ(req.len, o.len);
	o.b[25] ^= 1;
	CHECK_EQ(rad_check_request(o.b, o.len, SECRET, &req), -EBADMSG);

	dm_request(&o, SECRET, 0, RAD_COA_REQUEST);
	CHECK_EQ(rad_check_request(o.b, o.len, SECRET, &req), 0);
	dm_request(&o, SECRET, 0, RAD_ACCESS_REQUEST);
	CHECK_EQ(rad_check_request(o.b, o.len, SECRET, &req), -EBADMSG);
	dm_request(&o, SECRET, 0, RAD_ACCOUNTING_REQUEST);
	CHECK_EQ(rad_check_request(o.b, o.len, SECRET, &req), -EBADMSG);

	/* With a Message-Authenticator: right, then wrong (re-signed). */
	dm_request(&o, SECRET, 1, RAD_DISCONNECT_REQUEST);
	CHECK_EQ(rad_check_request(o.b, o.len, SECRET, &req), 0);
	o.b[o.len - 1] ^= 1;
	pkt_auth(o.b, o.len, zero16, SECRET, want);
	memcpy(o.b + 4, want, 16);
	CHECK_EQ(rad_check_request(o.b, o.len, SECRET, &req), -EBADMSG);

	/* The answer, checked as its client would. */
	dm_request(&o, SECRET, 0, RAD_DISCONNECT_REQUEST);
	CHECK_EQ(rad_check_request(o.b, o.len, SECRET, &req), 0);
	rad_init(&resp, RAD_DISCONNECT_NAK);
	CHECK_EQ(rad_add(&resp, RAD_ERROR_CAUSE, ec, 4), 0);
	rad_finish_response(&resp, &req, SECRET);
	CHECK_EQ(resp.len, 26);
	CHECK_EQ(resp.buf[0], RAD_DISCONNECT_NAK);
	CHECK_EQ(resp.buf[1], 7);
	CHECK_EQ(get16(resp.buf + 2), 26);
	pkt_auth(resp.buf, resp.len, o.b + 4, SECRET, want);
	CHECK_MEM(resp.buf + 4, want, 16);
	CHECK(rad_find(&resp, RAD_ERROR_CAUSE, &v, &n));
	CHECK(n == 4 && !memcmp(v, ec, 4));

	/* A Message-Authenticator placeholder is filled in. */
	rad_init(&resp, RAD_DISCONNECT_ACK);
	ma = resp.len;
	CHECK_EQ(rad_add(&resp, RAD_MESSAGE_AUTHENTICATOR, zero16, 16), 0);
	rad_finish_response(&resp, &req, SECRET);
	pkt_hmac(resp.buf, resp.len, ma, o.b + 4, SECRET, mac);
	CHECK_MEM(resp.buf + ma + 2, mac, 16);
	pkt_auth(resp.buf, resp.len, o.b + 4, SECRET, want);
	CHECK_MEM(resp.buf + 4, want, 16);
}

static int parsed(const struct rad_server *s, int family, const char *addr,
		  uint16_t port)
{
	char txt[INET6_ADDRSTRLEN];

	if (s->addr.ss_family != family)
		return 0;
	if (family == AF_INET) {
		const struct sockaddr_in *sin = (const void *)&s->addr;

		inet_ntop(AF_INET, &sin->sin_addr, txt, sizeof(txt));
		return s->addrlen == sizeof(*sin) &&
		       ntohs(sin->sin_port) == port && !strcmp(txt, addr);
	} else {
		const struct sockaddr_in6 *sin6 = (const void *)&s->addr;

		inet_ntop(AF_INET6, &sin6->sin6_addr, txt, sizeof(txt));
		return s->addrlen == sizeof(*sin6) &&
		       ntohs(sin6->sin6_port) == port && !strcmp(txt, addr);
	}
}

UNIT_TEST(t_server_parse)
{
	static const char *const bad[] = {
		"", "1.2.3.4:", "1.2.3.4:0", "1.2.3.4:65536", "1.2.3.4:18a",
		"1.2.3.4:-1", "1.2.3.4:123456", "[::1", "[::1]x", "[::1]:",
		"[]:1812", "[1.2.3.4]:1812", ":1812", "::1:x:",
		"1.2.3.4:1812:", "[::1]:0",
	};
	struct rad_server s;
	char longsecret[RAD_SECRET_MAX + 2];
	size_t i;

	CHECK_EQ(rad_server_parse(&s, "192.0.2.1", 1812, SECRET), 0);
	CHECK(parsed(&s, AF_INET, "192.0.2.1", 1812));
	CHECK(!strcmp(s.secret, SECRET));
	CHECK_EQ(rad_server_parse(&s, "192.0.2.1:1645", 1812, "k"), 0);
	CHECK(parsed(&s, AF_INET, "192.0.2.1", 1645));
	CHECK(!strcmp(s.secret, "k"));
	CHECK_EQ(rad_server_parse(&s, "[::1]:1813", 1812, SECRET), 0);
	CHECK(parsed(&s, AF_INET6, "::1", 1813));
	CHECK_EQ(rad_server_parse(&s, "[2001:db8::2]", 1812, SECRET), 0);
	CHECK(parsed(&s, AF_INET6, "2001:db8::2", 1812));
	CHECK_EQ(rad_server_parse(&s, "::1", 3799, SECRET), 0);
	CHECK(parsed(&s, AF_INET6, "::1", 3799));
	CHECK_EQ(rad_server_parse(&s, "2001:db8::1:1812", 1812, SECRET), 0);
	CHECK(parsed(&s, AF_INET6, "2001:db8::1:1812", 1812));
	CHECK_EQ(rad_server_parse(&s, "localhost:65535", 1812, SECRET), 0);
	CHECK(parsed(&s, AF_INET, "127.0.0.1", 65535) ||
	      parsed(&s, AF_INET6, "::1", 65535));
	CHECK_EQ(rad_server_parse(&s, "192.0.2.1", 0, SECRET), -EINVAL);

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		int ret = rad_server_parse(&s, bad[i], 1812, SECRET);

		if (ret != -EINVAL)
			fprintf(stderr, "  \"%s\": %d\n", bad[i], ret);
		CHECK_EQ(ret, -EINVAL);
	}

	CHECK_EQ(rad_server_parse(&s, "192.0.2.1", 1812, ""), -EINVAL);
	CHECK_EQ(rad_server_parse(&s, "192.0.2.1", 1812, NULL), -EINVAL);
	memset(longsecret, 'a', RAD_SECRET_MAX);
	longsecret[RAD_SECRET_MAX] = '\0';
	CHECK_EQ(rad_server_parse(&s, "192.0.2.1", 1812, longsecret), 0);
	CHECK_EQ(strlen(s.secret), RAD_SECRET_MAX);
	longsecret[RAD_SECRET_MAX] = 'a';
	longsecret[RAD_SECRET_MAX + 1] = '\0';
	CHECK_EQ(rad_server_parse(&s, "192.0.2.1", 1812, longsecret),
		 -EINVAL);
}

UNIT_TEST(t_add_limits)
{
	static uint8_t val[300];
	struct rad_msg m;
	size_t before = 0;
	int i, ret = 0;

	memset(val, 'v', sizeof(val));
	rad_init(&m, RAD_ACCESS_REQUEST);
	CHECK_EQ(m.len, 20);
	CHECK_EQ(m.buf[0], RAD_ACCESS_REQUEST);
	CHECK_EQ(rad_add(&m, RAD_CLASS, val, 254), -EMSGSIZE);
	CHECK_EQ(m.len, 20);
	CHECK_EQ(rad_add(&m, RAD_CLASS, val, 253), 0);
	CHECK_EQ(m.len, 275);
	CHECK_EQ(m.buf[20], RAD_CLASS);
	CHECK_EQ(m.buf[21], 255);
	CHECK_EQ(get16(m.buf + 2), 275);
	CHECK_EQ(rad_add_vsa(&m, RAD_VENDOR_MICROSOFT, 1, val, 248),
		 -EMSGSIZE);
	CHECK_EQ(rad_add_vsa(&m, RAD_VENDOR_MICROSOFT, 1, val, 247), 0);
	CHECK_EQ(m.len, 530);
	CHECK_EQ(m.buf[275], RAD_VENDOR_SPECIFIC);
	CHECK_EQ(m.buf[276], 255);
	CHECK_EQ(m.buf[280], 0x37);	/* 311 */
	CHECK_EQ(m.buf[281], 1);
	CHECK_EQ(m.buf[282], 249);

	/* Fill to RAD_MAX_LEN exactly. */
	rad_init(&m, RAD_ACCESS_REQUEST);
	for (i = 0; i < 20 && !ret; i++) {
		before = m.len;
		ret = rad_add(&m, RAD_CLASS, val, 253);
	}
	CHECK_EQ(ret, -EMSGSIZE);
	CHECK_EQ(m.len, before);
	CHECK_EQ(m.len, 20 + 15 * 255);
	CHECK_EQ(rad_add(&m, RAD_CLASS, val, RAD_MAX_LEN - m.len - 1),
		 -EMSGSIZE);
	CHECK_EQ(rad_add(&m, RAD_CLASS, val, RAD_MAX_LEN - m.len - 2), 0);
	CHECK_EQ(m.len, RAD_MAX_LEN);
	CHECK_EQ(rad_add(&m, RAD_CLASS, NULL, 0), -EMSGSIZE);
	CHECK_EQ(rad_add_u32(&m, RAD_NAS_PORT, 1), -EMSGSIZE);
	CHECK_EQ(m.len, RAD_MAX_LEN);

	CHECK_EQ(rad_set_password(&m, val, 0), -EINVAL);
	CHECK_EQ(rad_set_password(&m, val, RAD_PASSWORD_MAX + 1), -EINVAL);
	CHECK_EQ(rad_set_password(&m, val, RAD_PASSWORD_MAX), 0);
	CHECK_EQ(m.password_len, RAD_PASSWORD_MAX);
}

/*
 * The NAS's address by family (NAS-IP-Address, RFC 3162 NAS-IPv6-Address)
 * and the tunnel endpoints' text (RFC 2868 3.3, 3.4) of either family.
 */
UNIT_TEST(t_add_addrs)
{
	static const uint8_t v4[4] = { 192, 0, 2, 1 };
	static const uint8_t v6[16] = {
		0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01,
	};
	struct rad_msg m;
	const uint8_t *v;
	size_t n;

	rad_init(&m, RAD_ACCESS_REQUEST);
	CHECK_EQ(rad_add_nas_addr(&m, v4, 4), 0);
	CHECK_EQ(m.len, 26);
	CHECK_EQ(m.buf[20], RAD_NAS_IP_ADDRESS);
	CHECK_EQ(m.buf[21], 6);
	CHECK_MEM(m.buf + 22, v4, 4);
	CHECK_EQ(rad_add_nas_addr(&m, v6, 16), 0);
	CHECK_EQ(m.len, 44);
	CHECK_EQ(m.buf[26], 95);
	CHECK_EQ(m.buf[27], 18);
	CHECK_MEM(m.buf + 28, v6, 16);
	CHECK_EQ(rad_add_nas_addr(&m, v6, 8), -EINVAL);
	CHECK_EQ(rad_add_addr_str(&m, RAD_TUNNEL_CLIENT_ENDPOINT, v4, 4), 0);
	CHECK_EQ(rad_add_addr_str(&m, RAD_TUNNEL_SERVER_ENDPOINT, v6, 16), 0);
	CHECK_EQ(rad_add_addr_str(&m, RAD_TUNNEL_SERVER_ENDPOINT, v6, 5),
		 -EINVAL);
	CHECK_EQ(m.len, 44 + 2 + 9 + 2 + 11);
	CHECK_EQ(get16(m.buf + 2), m.len);
	CHECK(rad_find(&m, RAD_NAS_IPV6_ADDRESS, &v, &n));
	CHECK(n == 16 && !memcmp(v, v6, 16));
	CHECK(rad_find(&m, RAD_TUNNEL_CLIENT_ENDPOINT, &v, &n));
	CHECK(n == 9 && !memcmp(v, "192.0.2.1", 9));
	CHECK(rad_find(&m, RAD_TUNNEL_SERVER_ENDPOINT, &v, &n));
	CHECK(n == 11 && !memcmp(v, "2001:db8::1", 11));
}

/*
 * An "ipv6prefix" (RFC 3162 2.3 Framed-IPv6-Prefix) read: only the octets
 * the length covers, or more with the bits beyond it zeroed; a length
 * beyond 128 or octets missing refused. And written, as accounting sends
 * the user's prefix (and, as Delegated-IPv6-Prefix, RFC 4818, the one
 * delegated to its router): all 16 octets, the bits beyond the length
 * zeroed.
 */
UNIT_TEST(t_ipv6_prefix)
{
	static const uint8_t p64[2 + 8] = {
		0, 64, 0x20, 0x01, 0x0d, 0xb8, 0x00, 0x01, 0x00, 0x02,
	};
	static const uint8_t p48[2 + 6] = {
		0, 48, 0x20, 0x01, 0x0d, 0xb8, 0xab, 0xcd,
	};
	static const uint8_t want64[16] = {
		0x20, 0x01, 0x0d, 0xb8, 0x00, 0x01, 0x00, 0x02,
	};
	static const uint8_t want48[16] = {
		0x20, 0x01, 0x0d, 0xb8, 0xab, 0xcd,
	};
	uint8_t full[2 + 16], got[16], plen;
	struct rad_msg m;
	const uint8_t *v;
	size_t n;

	memset(got, 0xee, sizeof(got));
	CHECK_EQ(rad_get_ipv6_prefix(p64, sizeof(p64), got, &plen), 0);
	CHECK_EQ(plen, 64);
	CHECK_MEM(got, want64, 16);
	memset(got, 0xee, sizeof(got));
	CHECK_EQ(rad_get_ipv6_prefix(p48, sizeof(p48), got, &plen), 0);
	CHECK_EQ(plen, 48);
	CHECK_MEM(got, want48, 16);
	/* a /64 in 16 octets, host bits set: zeroed */
	memcpy(full, p64, sizeof(p64));
	memset(full + sizeof(p64), 0xff, sizeof(full) - sizeof(p64));
	full[0] = 0x5a;			/* the reserved octet: not looked at */
	memset(got, 0xee, sizeof(got));
	CHECK_EQ(rad_get_ipv6_prefix(full, sizeof(full), got, &plen), 0);
	CHECK_EQ(plen, 64);
	CHECK_MEM(got, want64, 16);
	/* a length within an octet: /61 keeps the top 5 bits of the 8th */
	full[1] = 61;
	full[9] = 0xff;
	CHECK_EQ(rad_get_ipv6_prefix(full, 10, got, &plen), 0);
	CHECK_EQ(plen, 61);
	CHECK_EQ(got[7], 0xf8);
	CHECK_MEM(got + 8, zero16, 8);
	/* /0 in no octet; /128 in 16 */
	full[1] = 0;
	CHECK_EQ(rad_get_ipv6_prefix(full, 2, got, &plen), 0);
	CHECK_EQ(plen, 0);
	CHECK_MEM(got, zero16, 16);
	full[1] = 128;
	CHECK_EQ(rad_get_ipv6_prefix(full, 18, got, &plen), 0);
	CHECK_EQ(plen, 128);
	CHECK_MEM(got, full + 2, 16);
	/* refused: length 129, octets missing, too short or long a value */
	plen = 7;
	full[1] = 129;
	CHECK_EQ(rad_get_ipv6_prefix(full, 18, got, &plen), -EINVAL);
	CHECK_EQ(rad_get_ipv6_prefix(p64, sizeof(p64) - 1, got, &plen),
		 -EINVAL);
	CHECK_EQ(rad_get_ipv6_prefix(p48, sizeof(p48) - 1, got, &plen),
		 -EINVAL);
	full[1] = 64;
	CHECK_EQ(rad_get_ipv6_prefix(full, 1, got, &plen), -EINVAL);
	CHECK_EQ(rad_get_ipv6_prefix(full, 0, got, &plen), -EINVAL);
	CHECK_EQ(rad_get_ipv6_prefix(full, 19, got, &plen), -EINVAL);
	CHECK_EQ(plen, 7);

	/* written: type, 20, 0, the length, 16 octets masked */
	rad_init(&m, RAD_ACCOUNTING_REQUEST);
	memset(full, 0xff, sizeof(full));
	memcpy(full, want48, 6);
	CHECK_EQ(rad_add_ipv6_prefix(&m, RAD_FRAMED_IPV6_PREFIX, full, 48), 0);
	CHECK_EQ(m.len, 40);
	CHECK_EQ(get16(m.buf + 2), 40);
	CHECK_EQ(m.buf[20], 97);
	CHECK_EQ(m.buf[21], 20);
	CHECK_EQ(m.buf[22], 0);
	CHECK_EQ(m.buf[23], 48);
	CHECK_MEM(m.buf + 24, want48, 16);
	CHECK_EQ(rad_add_ipv6_prefix(&m, RAD_FRAMED_IPV6_PREFIX, full, 61), 0);
	CHECK_EQ(m.len, 60);
	CHECK_EQ(m.buf[43], 61);
	CHECK_MEM(m.buf + 44, full, 7);
	CHECK_EQ(m.buf[51], 0xf8);
	CHECK_MEM(m.buf + 52, zero16, 8);
	CHECK_EQ(rad_add_ipv6_prefix(&m, RAD_FRAMED_IPV6_PREFIX, full, 129),
		 -EINVAL);
	CHECK_EQ(m.len, 60);
	/* what is written reads back */
	CHECK(rad_find(&m, RAD_FRAMED_IPV6_PREFIX, &v, &n));
	CHECK_EQ(n, 18);
	CHECK_EQ(rad_get_ipv6_prefix(v, n, got, &plen), 0);
	CHECK_EQ(plen, 48);
	CHECK_MEM(got, want48, 16);

	/* a delegated /56 after the user's prefix: type 123, apart from 97 */
	full[6] = 0x12;
	CHECK_EQ(rad_add_ipv6_prefix(&m, RAD_DELEGATED_IPV6_PREFIX, full, 56),
		 0);
	CHECK_EQ(m.len, 80);
	CHECK_EQ(get16(m.buf + 2), 80);
	CHECK_EQ(m.buf[60], 123);
	CHECK_EQ(m.buf[61], 20);
	CHECK_EQ(m.buf[62], 0);
	CHECK_EQ(m.buf[63], 56);
	CHECK_MEM(m.buf + 64, full, 7);
	CHECK_MEM(m.buf + 71, zero16, 9);
	CHECK(rad_find(&m, RAD_DELEGATED_IPV6_PREFIX, &v, &n));
	CHECK_EQ(n, 18);
	CHECK_EQ(rad_get_ipv6_prefix(v, n, got, &plen), 0);
	CHECK_EQ(plen, 56);
	CHECK_MEM(got, full, 7);
	CHECK_MEM(got + 7, zero16, 9);
	CHECK(rad_find(&m, RAD_FRAMED_IPV6_PREFIX, &v, &n));
	CHECK_EQ(v[1], 48);
}

/* rad_next/rad_find/rad_find_vsa on odd VSAs. */
UNIT_TEST(t_find_vsa_walk)
{
	struct rad_msg m;
	const uint8_t *v;
	size_t n;
	/* MS VSA holding sub-attributes 11 (2 octets) and 28 (4 octets). */
	static const uint8_t two[] = {
		0, 0, 0x01, 0x37, 11, 4, 'a', 'b', 28, 6, 9, 9, 9, 9,
	};
	/* MS VSA whose sub-attribute overruns it. */
	static const uint8_t overrun[] = {
		0, 0, 0x01, 0x37, 29, 9, 1, 2, 3, 4,
	};
	/* Too short to have a vendor. */
	static const uint8_t tiny[] = { 0, 0, 1 };

	rad_init(&m, RAD_ACCESS_ACCEPT);
	CHECK_EQ(rad_add(&m, RAD_VENDOR_SPECIFIC, tiny, sizeof(tiny)), 0);
	CHECK_EQ(rad_add(&m, RAD_VENDOR_SPECIFIC, overrun, sizeof(overrun)),
		 0);
	CHECK_EQ(rad_add(&m, RAD_VENDOR_SPECIFIC, two, sizeof(two)), 0);
	CHECK(rad_find_vsa(&m, RAD_VENDOR_MICROSOFT, 28, &v, &n));
	CHECK(n == 4 && v[0] == 9);
	CHECK(rad_find_vsa(&m, RAD_VENDOR_MICROSOFT, 11, &v, &n));
	CHECK(n == 2 && v[0] == 'a');
	CHECK(!rad_find_vsa(&m, RAD_VENDOR_MICROSOFT, 29, &v, &n));
	CHECK(!rad_find_vsa(&m, 1, 28, &v, &n));
	CHECK(rad_find(&m, RAD_VENDOR_SPECIFIC, &v, &n));
	CHECK_EQ(n, sizeof(tiny));
}

UNIT_MAIN(UNIT_CASE(t_hmac_md5_vectors), UNIT_CASE(t_access_accept),
	  UNIT_CASE(t_bad_then_good), UNIT_CASE(t_bad_only_times_out),
	  UNIT_CASE(t_failover), UNIT_CASE(t_accounting),
	  UNIT_CASE(t_bad_requests), UNIT_CASE(t_server_side),
	  UNIT_CASE(t_server_parse), UNIT_CASE(t_add_limits),
	  UNIT_CASE(t_add_addrs), UNIT_CASE(t_ipv6_prefix),
	  UNIT_CASE(t_find_vsa_walk))
