// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target for the part of kl2tp-aaad's RADIUS code that reads
 * datagrams off the network (tools/aaad/radius.c, included here to reach
 * its static checks): the framing of a packet and its attributes, RFC 5176
 * requests as the DAE port takes them (rad_check_request()), replies to
 * our requests (rad_check_reply()), and the attribute walkers (rad_next(),
 * rad_find(), rad_find_vsa()) over what was taken.
 *
 *   make build/fuzz/fuzz_radius
 *   build/fuzz/fuzz_radius -max_total_time=60 selftests/fuzz/corpus_radius
 *
 * Input: byte 0 chooses what is done (below), byte 1 is the Identifier,
 * the rest is a datagram: code, Identifier, length, authenticator and
 * attributes as they would come. Each datagram is fed as it is (the
 * authenticator almost never checks: the framing code runs on it, as on
 * any packet from anyone), then signed as a holder of the secret would:
 * its length field set to its size (unless byte 0 says to keep it), its
 * Message-Authenticator and authenticator computed. Traps when:
 * - a signed request is refused although its framing checks and its code
 *   is Disconnect- or CoA-Request, or taken although it is not so;
 * - a signed reply is refused although its framing checks and its code
 *   answers the request's, or taken otherwise, or taken with another
 *   length than its own;
 * - the attributes rad_next() walks in a taken packet do not tile it
 *   exactly, or rad_find() / rad_find_vsa() hand back a value outside the
 *   attribute it belongs to, or not the first of its type.
 */
#include "radius.c"

#include <stdlib.h>

#define ASSERT(c) do { if (!(c)) __builtin_trap(); } while (0)

#define SECRET	"fuzz-secret"

/* byte 0 */
#define F_COA		0x01	/* sign a CoA-Request, else a Disconnect */
#define F_KEEP_CODE	0x02	/* sign with the datagram's own code */
#define F_KEEP_LEN	0x04	/* sign with the datagram's own length field */
#define F_ACCT		0x08	/* the reply answers an Accounting-Request */
#define F_TRAILER	0x10	/* extra octets after the packet */
#define F_VSA_PROBE	0x20	/* look for MS-CHAP2-Success, not the first */

/*
 * The first sub-attribute of type @type in the VSAs of @vendor, by the
 * harness's own walk of the packet's attributes: 1 and *val, *len, or 0.
 */
static int my_vsa(const struct rad_msg *m, uint32_t vendor, uint8_t type,
		  const uint8_t **val, size_t *len)
{
	size_t off, o;

	for (off = RAD_HDR_LEN; off + 2 <= m->len; off += m->buf[off + 1]) {
		const uint8_t *a = m->buf + off;
		size_t alen = a[1];

		if (alen < 2)
			return 0;
		if (a[0] != 26 || alen < 6 || rad_get32(a + 2) != vendor)
			continue;
		for (o = 6; o + 2 <= alen && a[o + 1] >= 2 &&
			    o + a[o + 1] <= alen; o += a[o + 1])
			if (a[o] == type) {
				*val = a + o + 2;
				*len = a[o + 1] - 2;
				return 1;
			}
	}
	return 0;
}

/* The attributes of a taken packet tile it; the finders agree with them. */
static void walk(const struct rad_msg *m, uint8_t probe)
{
	const uint8_t *val, *first_val = NULL, *fv, *mv;
	size_t off = 0, len, total = RAD_HDR_LEN, first_len = 0, fl, ml;
	uint8_t type;

	while (rad_next(m, &off, &type, &val, &len)) {
		ASSERT(val == m->buf + total + 2);
		ASSERT(len == (size_t)m->buf[total + 1] - 2);
		ASSERT(type == m->buf[total]);
		total += 2 + len;
		ASSERT(off == total);
		if (type == probe && !first_val) {
			first_val = val;
			first_len = len;
		}
		if (type == RAD_VENDOR_SPECIFIC && len >= 4) {
			int found = rad_find_vsa(m, rad_get32(val), probe,
						 &fv, &fl);

			ASSERT(found == my_vsa(m, rad_get32(val), probe,
					       &mv, &ml));
			ASSERT(!found || (fv == mv && fl == ml));
		}
	}
	ASSERT(total == m->len);
	if (first_val) {
		ASSERT(rad_find(m, probe, &fv, &fl));
		ASSERT(fv == first_val && fl == first_len);
	} else {
		ASSERT(!rad_find(m, probe, &fv, &fl));
	}
}

/*
 * The harness's own reading of RFC 2865 3 and 5 and RFC 3579 3.2, not the
 * code under test's: the attributes of pkt[RAD_HDR_LEN..n) frame it
 * exactly, each at least 2 octets, at most one Message-Authenticator, 18
 * octets. Its offset in *ma (0: none); 0 or -1.
 */
static int framing(const uint8_t *pkt, size_t n, size_t *ma)
{
	size_t off;

	*ma = 0;
	for (off = RAD_HDR_LEN; off < n; off += pkt[off + 1]) {
		if (off + 2 > n || pkt[off + 1] < 2 || off + pkt[off + 1] > n)
			return -1;
		if (pkt[off] == 80) {
			if (*ma || pkt[off + 1] != 18)
				return -1;
			*ma = off;
		}
	}
	return 0;
}

/* Whether reply code @resp answers request code @req (RFC 2865, 2866). */
static int answers(uint8_t req, uint8_t resp)
{
	if (req == 1)
		return resp == 2 || resp == 3 || resp == 11;
	return req == 4 && resp == 5;
}

/*
 * Sign the packet at the start of the datagram pkt[0..n) with
 * authenticator @auth (NULL: zeros, a request), its Message-Authenticator
 * too when its framing checks. Signed even when it does not: the code
 * under test must refuse it for its framing alone. Returns the length of
 * the packet when it should be taken, else 0.
 */
static size_t sign(uint8_t *pkt, size_t n, uint8_t flags, const uint8_t *auth)
{
	size_t len, ma;
	uint8_t a[RAD_AUTH_LEN];
	int framed;

	if (!(flags & F_KEEP_LEN))
		rad_put16(pkt + 2, (uint16_t)n);
	len = rad_get16(pkt + 2);
	if (len < RAD_HDR_LEN || len > n)
		return 0;
	framed = !framing(pkt, len, &ma);
	if (!auth)
		auth = rad_zero_auth;
	if (framed && ma && rad_hmac(pkt, len, ma, auth, SECRET, pkt + ma + 2))
		return 0;
	if (rad_authenticator(pkt, len, auth, SECRET, a))
		return 0;
	memcpy(pkt + 4, a, RAD_AUTH_LEN);
	return framed ? len : 0;
}

static void fuzz_request(const uint8_t *d, size_t n, uint8_t flags,
			 uint8_t probe)
{
	static struct rad_msg req;
	static uint8_t pkt[RAD_MAX_LEN + 16];
	size_t len = n > RAD_MAX_LEN ? RAD_MAX_LEN : n;
	size_t want;

	if (!rad_check_request(d, n, SECRET, &req))
		walk(&req, probe);	/* as it came (a forged one is rare) */
	if (len < RAD_HDR_LEN)
		return;
	memcpy(pkt, d, len);
	if (!(flags & F_KEEP_CODE))
		pkt[0] = flags & F_COA ? RAD_COA_REQUEST :
			 RAD_DISCONNECT_REQUEST;
	want = sign(pkt, len, flags, NULL);
	if (pkt[0] != 40 && pkt[0] != 43)
		want = 0;
	if (flags & F_TRAILER)
		memset(pkt + len, 0xa5, 16);	/* RFC 2865 3: ignored */
	ASSERT(!rad_check_request(pkt, len + (flags & F_TRAILER ? 16 : 0),
				  SECRET, &req) == !!want);
	if (want) {
		ASSERT(req.len == want && !memcmp(req.buf, pkt, want));
		walk(&req, probe);
	}
	/* no secret: nothing is taken */
	ASSERT(rad_check_request(pkt, len, "", &req) == -EBADMSG);
}

static void fuzz_reply(const uint8_t *d, size_t n, uint8_t flags, uint8_t id,
		       uint8_t probe)
{
	static struct rad_msg req, rep;
	static uint8_t sent[RAD_MAX_LEN], pkt[RAD_MAX_LEN + 16];
	size_t len = n > RAD_MAX_LEN ? RAD_MAX_LEN : n, got, want;
	ssize_t slen;

	rad_init(&req, flags & F_ACCT ? RAD_ACCOUNTING_REQUEST :
		 RAD_ACCESS_REQUEST);
	ASSERT(!rad_add_str(&req, RAD_USER_NAME, "fuzz"));
	if (!(flags & F_ACCT))
		ASSERT(!rad_set_password(&req, "pw", 2));
	slen = rad_build(&req, SECRET, id, sent);
	ASSERT(slen >= RAD_HDR_LEN);

	rad_check_reply(sent, (uint8_t *)d, n, SECRET);	/* as it came */
	if (len < RAD_HDR_LEN)
		return;
	memcpy(pkt, d, len);
	pkt[1] = id;
	want = sign(pkt, len, flags, sent + 4);
	if (!answers(sent[0], pkt[0]))
		want = 0;
	if (flags & F_TRAILER)
		memset(pkt + len, 0x5a, 16);
	got = rad_check_reply(sent, pkt, len + (flags & F_TRAILER ? 16 : 0),
			      SECRET);
	ASSERT(got == want);
	if (got) {
		memcpy(rep.buf, pkt, got);
		rep.len = got;
		walk(&rep, probe);
	}
	/* another Identifier: never taken */
	pkt[1] = id + 1;
	ASSERT(!rad_check_reply(sent, pkt, len, SECRET));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t flags, id, probe;

	if (size < 2)
		return 0;
	flags = data[0];
	id = data[1];
	data += 2;
	size -= 2;
	/* the type the finders look for: the first attribute's, or a VSA's */
	probe = flags & F_VSA_PROBE || size <= RAD_HDR_LEN ?
		RAD_MS_CHAP2_SUCCESS : data[RAD_HDR_LEN];
	fuzz_request(data, size, flags, probe);
	fuzz_reply(data, size, flags, id, probe);
	return 0;
}
