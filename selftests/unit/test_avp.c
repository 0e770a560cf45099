// SPDX-License-Identifier: GPL-2.0
/* AVP parser, builder and per-message validation: kernel/proto/avp.c */
#include "unit.h"
#include "avp.h"
#include "avp_sample.h"

/* Hand-encode one AVP, independent of the builder. */
static size_t raw_avp(u8 *b, u16 bits, u16 vendor, u16 type, const void *val,
		      size_t vlen)
{
	u16 w = bits | (u16)(6 + vlen);

	b[0] = w >> 8;
	b[1] = w & 0xff;
	b[2] = vendor >> 8;
	b[3] = vendor & 0xff;
	b[4] = type >> 8;
	b[5] = type & 0xff;
	if (vlen)
		memcpy(b + 6, val, vlen);
	return 6 + vlen;
}

static size_t raw_msg_type(u8 *b, u16 mt)
{
	u8 v[2] = { mt >> 8, mt & 0xff };

	return raw_avp(b, KL2TP_AVP_M, 0, KL2TP_AVP_MSG_TYPE, v, 2);
}

/*
 * Value length bounds of RFC 2661 4.4, written out again here from the RFC
 * rather than taken from avp.c. -1: no upper bound but the AVP's own.
 */
static const struct {
	u16 type;
	int min, max;
} rfc_len[] = {
	{ KL2TP_AVP_MSG_TYPE, 2, 2 },
	{ KL2TP_AVP_RESULT_CODE, 2, -1 },
	{ KL2TP_AVP_PROTOCOL_VERSION, 2, 2 },
	{ KL2TP_AVP_FRAMING_CAP, 4, 4 },
	{ KL2TP_AVP_BEARER_CAP, 4, 4 },
	{ KL2TP_AVP_TIE_BREAKER, 8, 8 },
	{ KL2TP_AVP_FIRMWARE_REV, 2, 2 },
	{ KL2TP_AVP_HOST_NAME, 1, -1 },
	{ KL2TP_AVP_VENDOR_NAME, 0, -1 },
	{ KL2TP_AVP_ASSIGNED_TUNNEL_ID, 2, 2 },
	{ KL2TP_AVP_RX_WINDOW_SIZE, 2, 2 },
	{ KL2TP_AVP_CHALLENGE, 1, -1 },
	{ KL2TP_AVP_Q931_CAUSE, 3, -1 },
	{ KL2TP_AVP_CHALLENGE_RESPONSE, 16, 16 },
	{ KL2TP_AVP_ASSIGNED_SESSION_ID, 2, 2 },
	{ KL2TP_AVP_CALL_SERIAL, 4, 4 },
	{ KL2TP_AVP_MIN_BPS, 4, 4 },
	{ KL2TP_AVP_MAX_BPS, 4, 4 },
	{ KL2TP_AVP_BEARER_TYPE, 4, 4 },
	{ KL2TP_AVP_FRAMING_TYPE, 4, 4 },
	{ KL2TP_AVP_CALLED_NUMBER, 0, -1 },
	{ KL2TP_AVP_CALLING_NUMBER, 0, -1 },
	{ KL2TP_AVP_SUB_ADDRESS, 0, -1 },
	{ KL2TP_AVP_TX_CONNECT_SPEED, 4, 4 },
	{ KL2TP_AVP_PHYS_CHANNEL_ID, 4, 4 },
	{ KL2TP_AVP_INIT_RX_LCP_CONFREQ, 0, -1 },
	{ KL2TP_AVP_LAST_TX_LCP_CONFREQ, 0, -1 },
	{ KL2TP_AVP_LAST_RX_LCP_CONFREQ, 0, -1 },
	{ KL2TP_AVP_PROXY_AUTH_TYPE, 2, 2 },
	{ KL2TP_AVP_PROXY_AUTH_NAME, 0, -1 },
	{ KL2TP_AVP_PROXY_AUTH_CHALLENGE, 1, -1 },
	{ KL2TP_AVP_PROXY_AUTH_ID, 2, 2 },
	{ KL2TP_AVP_PROXY_AUTH_RESPONSE, 0, -1 },
	{ KL2TP_AVP_CALL_ERRORS, 26, 26 },
	{ KL2TP_AVP_ACCM, 10, 10 },
	{ KL2TP_AVP_RANDOM_VECTOR, 1, -1 },
	{ KL2TP_AVP_PRIVATE_GROUP_ID, 0, -1 },
	{ KL2TP_AVP_RX_CONNECT_SPEED, 4, 4 },
	{ KL2TP_AVP_SEQUENCING_REQUIRED, 0, 0 },
};

UNIT_TEST(every_avp_round_trips)
{
	struct kl2tp_ctrl_msg m;
	struct kl2tp_msgbuf mb;
	u8 buf[1024];

	kl2tp_msgbuf_init(&mb, buf, sizeof(buf));
	put_everything(&mb, 0);
	CHECK_EQ(mb.err, 0);
	CHECK_EQ(kl2tp_ctrl_parse(&m, buf, mb.len, NULL, 0, NULL), 0);
	check_everything(&m);
	CHECK_EQ(m.hidden, 0);
	/* all 39 defined, none missing for an ICCN */
	CHECK_EQ(kl2tp_ctrl_msg_validate(&m), 0);
}

/* Builder output checked byte by byte for a few AVPs. */
UNIT_TEST(builder_bytes)
{
	static const u8 want[] = {
		0x80, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01,	/* SCCRQ */
		0x80, 0x08, 0x00, 0x00, 0x00, 0x02, 0x01, 0x00,	/* ver 1.0 */
		0x80, 0x0a, 0x00, 0x00, 0x00, 0x03, 0x00, 0x00, 0x00, 0x03,
		0x80, 0x08, 0x00, 0x00, 0x00, 0x07, 'h', 'n',
		0x80, 0x08, 0x00, 0x00, 0x00, 0x09, 0x12, 0x34,
		0x00, 0x0e, 0x00, 0x00, 0x00, 0x05,
		0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08,
		0x00, 0x06, 0x00, 0x00, 0x00, 0x27,		/* seq req */
		0x00, 0x0a, 0x01, 0x37, 0x00, 0x01, 'a', 'b', 'c', 'd',
	};
	struct kl2tp_msgbuf mb;
	u8 buf[128];

	kl2tp_msgbuf_init(&mb, buf, sizeof(buf));
	kl2tp_avp_put_msg_type(&mb, KL2TP_MSG_SCCRQ);
	kl2tp_avp_put_proto_version(&mb);
	kl2tp_avp_put_u32(&mb, KL2TP_AVP_M, KL2TP_AVP_FRAMING_CAP, 3);
	kl2tp_avp_put_string(&mb, KL2TP_AVP_M, KL2TP_AVP_HOST_NAME, "hn");
	kl2tp_avp_put_u16(&mb, KL2TP_AVP_M, KL2TP_AVP_ASSIGNED_TUNNEL_ID,
			  0x1234);
	kl2tp_avp_put_u64(&mb, 0, KL2TP_AVP_TIE_BREAKER,
			  0x0102030405060708ULL);
	kl2tp_avp_put_bytes(&mb, 0, KL2TP_AVP_SEQUENCING_REQUIRED, NULL, 0);
	kl2tp_avp_put(&mb, 0, 311, 1, "abcd", 4);
	CHECK_EQ(mb.err, 0);
	CHECK_EQ(mb.len, sizeof(want));
	CHECK_MEM(buf, want, sizeof(want));
}

UNIT_TEST(result_code_forms)
{
	struct kl2tp_ctrl_msg m;
	struct kl2tp_msgbuf mb;
	u8 buf[128], v[16];
	size_t n;

	/* built: result only, result + error, result + error + message */
	kl2tp_msgbuf_init(&mb, buf, sizeof(buf));
	kl2tp_avp_put_msg_type(&mb, KL2TP_MSG_STOPCCN);
	kl2tp_avp_put_result_code(&mb, KL2TP_AVP_M, 1, -1, "ignored");
	CHECK_EQ(mb.len, 16);
	CHECK_EQ(kl2tp_get_be16(buf + 8), 0x8008);
	CHECK_EQ(kl2tp_ctrl_parse(&m, buf, mb.len, NULL, 0, NULL), 0);
	CHECK_EQ(m.result.result, 1);
	CHECK(!m.result.has_error);
	CHECK_EQ(m.result.msg.len, 0);

	kl2tp_msgbuf_init(&mb, buf, sizeof(buf));
	kl2tp_avp_put_msg_type(&mb, KL2TP_MSG_STOPCCN);
	kl2tp_avp_put_result_code(&mb, KL2TP_AVP_M, 2, 0, NULL);
	CHECK_EQ(kl2tp_get_be16(buf + 8), 0x800a);
	CHECK_EQ(kl2tp_ctrl_parse(&m, buf, mb.len, NULL, 0, NULL), 0);
	CHECK_EQ(m.result.result, 2);
	CHECK(m.result.has_error);
	CHECK_EQ(m.result.error, 0);

	/* sloppy peer: odd length, a stray byte after the result code */
	n = raw_msg_type(buf, KL2TP_MSG_CDN);
	v[0] = 0;
	v[1] = 3;
	v[2] = 0x77;
	n += raw_avp(buf + n, KL2TP_AVP_M, 0, KL2TP_AVP_RESULT_CODE, v, 3);
	CHECK_EQ(kl2tp_ctrl_parse(&m, buf, n, NULL, 0, NULL), 0);
	CHECK_EQ(m.result.result, 3);
	CHECK(!m.result.has_error);

	/* result + error + one-byte message */
	n = raw_msg_type(buf, KL2TP_MSG_CDN);
	v[2] = 0;
	v[3] = 8;
	v[4] = 'x';
	n += raw_avp(buf + n, KL2TP_AVP_M, 0, KL2TP_AVP_RESULT_CODE, v, 5);
	CHECK_EQ(kl2tp_ctrl_parse(&m, buf, n, NULL, 0, NULL), 0);
	CHECK_EQ(m.result.error, KL2TP_ERR_UNKNOWN_MANDATORY);
	CHECK(val_str(&m.result.msg, "x"));

	/* too short: 1 byte, 0 bytes */
	n = raw_msg_type(buf, KL2TP_MSG_CDN);
	n += raw_avp(buf + n, KL2TP_AVP_M, 0, KL2TP_AVP_RESULT_CODE, v, 1);
	CHECK_EQ(kl2tp_ctrl_parse(&m, buf, n, NULL, 0, NULL), -EBADMSG);
	CHECK_EQ(m.err_type, KL2TP_AVP_RESULT_CODE);
}

/* Each type at every value length from 0 to 40, and at the maximum. */
UNIT_TEST(length_rules)
{
	static u8 val[KL2TP_AVP_MAX_VALUE];
	static u8 buf[2048];
	struct kl2tp_ctrl_msg m;
	unsigned int i;
	int vlen, max, ret;
	size_t n;

	memset(val, 'v', sizeof(val));
	for (i = 0; i < ARRAY_SIZE(rfc_len); i++) {
		u16 t = rfc_len[i].type;

		max = rfc_len[i].max < 0 ? KL2TP_AVP_MAX_VALUE : rfc_len[i].max;
		for (vlen = 0; vlen <= KL2TP_AVP_MAX_VALUE; vlen++) {
			if (vlen > 40 && vlen < KL2TP_AVP_MAX_VALUE)
				continue;
			if (t == KL2TP_AVP_MSG_TYPE) {
				n = raw_avp(buf, KL2TP_AVP_M, 0, t, val, vlen);
			} else {
				n = raw_msg_type(buf, KL2TP_MSG_HELLO);
				n += raw_avp(buf + n, 0, 0, t, val, vlen);
			}
			ret = kl2tp_ctrl_parse(&m, buf, n, NULL, 0, NULL);
			if (vlen >= rfc_len[i].min && vlen <= max) {
				CHECK_EQ(ret, 0);
				CHECK(kl2tp_ctrl_has(&m, t));
			} else {
				CHECK_EQ(ret, -EBADMSG);
				CHECK_EQ(m.err_type, t);
				CHECK_EQ(m.err_vendor, 0);
				CHECK_EQ(m.err_off, t ? 8 : 0);
			}
		}
	}
}

UNIT_TEST(structure_errors)
{
	struct kl2tp_ctrl_msg m;
	u8 buf[64] = { 0 }, v[4] = { 0, 1, 2, 3 };
	size_t n, extra;

	/* empty */
	CHECK_EQ(kl2tp_ctrl_parse(&m, buf, 0, NULL, 0, NULL), -EBADMSG);
	/* first AVP is not Message Type */
	n = raw_avp(buf, KL2TP_AVP_M, 0, KL2TP_AVP_ASSIGNED_TUNNEL_ID, v, 2);
	n += raw_msg_type(buf + n, KL2TP_MSG_HELLO);
	CHECK_EQ(kl2tp_ctrl_parse(&m, buf, n, NULL, 0, NULL), -EBADMSG);
	CHECK_EQ(m.err_type, KL2TP_AVP_ASSIGNED_TUNNEL_ID);
	CHECK_EQ(m.err_off, 0);
	/* ... not even a vendor one with M clear */
	n = raw_avp(buf, 0, 9, 0, v, 2);
	n += raw_msg_type(buf + n, KL2TP_MSG_HELLO);
	CHECK_EQ(kl2tp_ctrl_parse(&m, buf, n, NULL, 0, NULL), -EBADMSG);
	CHECK_EQ(m.err_vendor, 9);
	/* a second Message Type */
	n = raw_msg_type(buf, KL2TP_MSG_HELLO);
	n += raw_msg_type(buf + n, KL2TP_MSG_HELLO);
	CHECK_EQ(kl2tp_ctrl_parse(&m, buf, n, NULL, 0, NULL), -EBADMSG);
	CHECK_EQ(m.err_off, 8);
	/* AVP length below 6, for each value 0..5 */
	for (extra = 0; extra < 6; extra++) {
		n = raw_msg_type(buf, KL2TP_MSG_HELLO);
		n += raw_avp(buf + n, 0, 0, KL2TP_AVP_VENDOR_NAME, NULL, 0);
		buf[9] = extra;
		CHECK_EQ(kl2tp_ctrl_parse(&m, buf, n, NULL, 0, NULL),
			 -EBADMSG);
		CHECK_EQ(m.err_type, KL2TP_AVP_VENDOR_NAME);
		CHECK_EQ(m.err_off, 8);
	}
	/* AVP running past the message */
	n = raw_msg_type(buf, KL2TP_MSG_HELLO);
	n += raw_avp(buf + n, 0, 0, KL2TP_AVP_VENDOR_NAME, "abc", 3);
	CHECK_EQ(kl2tp_ctrl_parse(&m, buf, n - 1, NULL, 0, NULL), -EBADMSG);
	CHECK_EQ(m.err_type, KL2TP_AVP_VENDOR_NAME);
	/* trailing bytes too few for an AVP header */
	for (extra = 1; extra < 6; extra++) {
		n = raw_msg_type(buf, KL2TP_MSG_HELLO);
		memset(buf + n, 0, extra);
		CHECK_EQ(kl2tp_ctrl_parse(&m, buf, n + extra, NULL, 0, NULL),
			 -EBADMSG);
		CHECK_EQ(m.err_type, 0xffff);
		CHECK_EQ(m.err_off, 8);
		/* the message type was already known */
		CHECK_EQ(m.msg_type, KL2TP_MSG_HELLO);
	}
	/* a hidden Message Type or Random Vector is malformed */
	n = raw_avp(buf, KL2TP_AVP_M | KL2TP_AVP_H, 0, 0, v, 4);
	CHECK_EQ(kl2tp_ctrl_parse(&m, buf, n, (const u8 *)"s", 1, buf), -EBADMSG);
	n = raw_msg_type(buf, KL2TP_MSG_HELLO);
	n += raw_avp(buf + n, KL2TP_AVP_H, 0, KL2TP_AVP_RANDOM_VECTOR, v, 4);
	CHECK_EQ(kl2tp_ctrl_parse(&m, buf, n, (const u8 *)"s", 1, buf), -EBADMSG);
	CHECK_EQ(m.err_type, KL2TP_AVP_RANDOM_VECTOR);
}

/* Truncating a valid message anywhere: error unless on an AVP boundary. */
UNIT_TEST(truncated_every_length)
{
	struct kl2tp_ctrl_msg m;
	struct kl2tp_msgbuf mb;
	u8 buf[1024];
	size_t cut, off;
	bool at_bound;
	int ret;

	kl2tp_msgbuf_init(&mb, buf, sizeof(buf));
	put_everything(&mb, 0);
	CHECK_EQ(mb.err, 0);
	for (cut = 0; cut <= mb.len; cut++) {
		/* exact-size copies so ASan catches over-reads */
		u8 *c = malloc(cut ? cut : 1);

		memcpy(c, buf, cut);
		ret = kl2tp_ctrl_parse(&m, c, cut, NULL, 0, NULL);
		at_bound = false;
		for (off = 0; off <= mb.len;
		     off += kl2tp_get_be16(buf + off) & KL2TP_AVP_LEN_MASK) {
			if (off == cut)
				at_bound = true;
			if (off == mb.len)
				break;
		}
		CHECK_EQ(ret, cut && at_bound ? 0 : -EBADMSG);
		free(c);
	}
}

UNIT_TEST(mandatory_bit_rules)
{
	struct kl2tp_ctrl_msg m;
	u8 buf[128], v[4] = { 1, 2, 3, 4 };
	static const u16 unknown_types[] = { 20, 40, 41, 63, 64, 100, 0xffff };
	unsigned int i;
	size_t n;

	for (i = 0; i < ARRAY_SIZE(unknown_types); i++) {
		/* unknown IETF type, M=1: tear down, naming it */
		n = raw_msg_type(buf, KL2TP_MSG_ICRQ);
		n += raw_avp(buf + n, KL2TP_AVP_M, 0, unknown_types[i], v, 4);
		CHECK_EQ(kl2tp_ctrl_parse(&m, buf, n, NULL, 0, NULL),
			 -EOPNOTSUPP);
		CHECK_EQ(m.err_type, unknown_types[i]);
		CHECK_EQ(m.err_vendor, 0);
		CHECK_EQ(m.err_off, 8);
		CHECK_EQ(m.msg_type, KL2TP_MSG_ICRQ);
		/* M=0: skipped and counted, even hidden */
		n = raw_msg_type(buf, KL2TP_MSG_ICRQ);
		n += raw_avp(buf + n, 0, 0, unknown_types[i], v, 4);
		n += raw_avp(buf + n, KL2TP_AVP_H, 0, unknown_types[i], v, 2);
		n += raw_avp(buf + n, KL2TP_AVP_M, 0,
			     KL2TP_AVP_ASSIGNED_SESSION_ID, v, 2);
		CHECK_EQ(kl2tp_ctrl_parse(&m, buf, n, NULL, 0, NULL), 0);
		CHECK_EQ(m.unknown, 2);
		CHECK_EQ(m.assigned_session_id, 0x0102);
		CHECK(!(m.present & KL2TP_AVP_BIT(20)));
	}

	/* vendor AVP (any type, even one that is known for vendor 0) */
	n = raw_msg_type(buf, KL2TP_MSG_ICRQ);
	n += raw_avp(buf + n, KL2TP_AVP_M, 9, KL2TP_AVP_HOST_NAME, v, 4);
	CHECK_EQ(kl2tp_ctrl_parse(&m, buf, n, NULL, 0, NULL), -EOPNOTSUPP);
	CHECK_EQ(m.err_vendor, 9);
	CHECK_EQ(m.err_type, KL2TP_AVP_HOST_NAME);
	n = raw_msg_type(buf, KL2TP_MSG_ICRQ);
	n += raw_avp(buf + n, 0, 9, KL2TP_AVP_HOST_NAME, v, 4);
	CHECK_EQ(kl2tp_ctrl_parse(&m, buf, n, NULL, 0, NULL), 0);
	CHECK_EQ(m.unknown, 1);
	CHECK(!kl2tp_ctrl_has(&m, KL2TP_AVP_HOST_NAME));

	/*
	 * reserved bits: an unrecognised AVP (RFC 2661 4.1), so with M it
	 * tears down, without M it is skipped, even for a known type
	 */
	for (i = 0; i < 4; i++) {
		n = raw_msg_type(buf, KL2TP_MSG_ICRQ);
		n += raw_avp(buf + n, KL2TP_AVP_M | 0x0400 << i, 0,
			     KL2TP_AVP_ASSIGNED_SESSION_ID, v, 2);
		CHECK_EQ(kl2tp_ctrl_parse(&m, buf, n, NULL, 0, NULL),
			 -EOPNOTSUPP);
		CHECK_EQ(m.err_type, KL2TP_AVP_ASSIGNED_SESSION_ID);
		n = raw_msg_type(buf, KL2TP_MSG_ICRQ);
		n += raw_avp(buf + n, 0x0400 << i, 0,
			     KL2TP_AVP_ASSIGNED_SESSION_ID, v, 2);
		n += raw_avp(buf + n, 0, 0, KL2TP_AVP_CALL_SERIAL, v, 4);
		CHECK_EQ(kl2tp_ctrl_parse(&m, buf, n, NULL, 0, NULL), 0);
		CHECK_EQ(m.unknown, 1);
		CHECK(!kl2tp_ctrl_has(&m, KL2TP_AVP_ASSIGNED_SESSION_ID));
		CHECK(kl2tp_ctrl_has(&m, KL2TP_AVP_CALL_SERIAL));
	}
	/* ... on the Message Type, whatever M says: no message to read */
	n = raw_msg_type(buf, KL2TP_MSG_ICRQ);
	buf[0] |= 0x20;
	CHECK_EQ(kl2tp_ctrl_parse(&m, buf, n, NULL, 0, NULL), -EOPNOTSUPP);

	/* known AVPs need no M bit */
	n = raw_msg_type(buf, KL2TP_MSG_ICRQ);
	n += raw_avp(buf + n, 0, 0, KL2TP_AVP_CALL_SERIAL, v, 4);
	CHECK_EQ(kl2tp_ctrl_parse(&m, buf, n, NULL, 0, NULL), 0);
	CHECK_EQ(m.call_serial, 0x01020304);
}

UNIT_TEST(unknown_message_type)
{
	struct kl2tp_ctrl_msg m;
	u8 buf[16];
	size_t n;

	n = raw_msg_type(buf, 5);
	CHECK_EQ(kl2tp_ctrl_parse(&m, buf, n, NULL, 0, NULL), 0);
	CHECK_EQ(kl2tp_ctrl_msg_validate(&m), -EOPNOTSUPP);
	CHECK(m.msg_type_m);
	n = raw_avp(buf, 0, 0, 0, "\x01\x00", 2);
	CHECK_EQ(kl2tp_ctrl_parse(&m, buf, n, NULL, 0, NULL), 0);
	CHECK_EQ(m.msg_type, 256);
	CHECK(!m.msg_type_m);
	CHECK_EQ(kl2tp_ctrl_msg_validate(&m), -EOPNOTSUPP);
	memset(&m, 0, sizeof(m));
	CHECK_EQ(kl2tp_ctrl_msg_validate(&m), -EBADMSG);
}

/* RFC 2661 section 6, written out again here. */
static const struct {
	u16 msg;
	u16 avps[9];
} rfc_required[] = {
	{ KL2TP_MSG_SCCRQ, { 0, 2, 3, 7, 9 } },
	{ KL2TP_MSG_SCCRP, { 0, 2, 3, 7, 9 } },
	{ KL2TP_MSG_SCCCN, { 0 } },
	{ KL2TP_MSG_STOPCCN, { 0, 1, 9 } },
	{ KL2TP_MSG_HELLO, { 0 } },
	{ KL2TP_MSG_OCRQ, { 0, 14, 15, 16, 17, 18, 19, 21 } },
	{ KL2TP_MSG_OCRP, { 0, 14 } },
	{ KL2TP_MSG_OCCN, { 0, 19, 24 } },
	{ KL2TP_MSG_ICRQ, { 0, 14, 15 } },
	{ KL2TP_MSG_ICRP, { 0, 14 } },
	{ KL2TP_MSG_ICCN, { 0, 19, 24 } },
	{ KL2TP_MSG_CDN, { 0, 1, 14 } },
	{ KL2TP_MSG_WEN, { 0, 34 } },
	{ KL2TP_MSG_SLI, { 0, 35 } },
};

/* A valid minimal value for each type used above. */
static void put_valid(struct kl2tp_msgbuf *mb, u16 t)
{
	static const u8 z[26];

	switch (t) {
	case KL2TP_AVP_RESULT_CODE:
		kl2tp_avp_put_result_code(mb, KL2TP_AVP_M, 1, -1, NULL);
		break;
	case KL2TP_AVP_HOST_NAME:
	case KL2TP_AVP_CALLED_NUMBER:
		kl2tp_avp_put_string(mb, KL2TP_AVP_M, t, "x");
		break;
	case KL2TP_AVP_PROTOCOL_VERSION:
		kl2tp_avp_put_proto_version(mb);
		break;
	case KL2TP_AVP_ASSIGNED_TUNNEL_ID:
	case KL2TP_AVP_ASSIGNED_SESSION_ID:
		kl2tp_avp_put_u16(mb, KL2TP_AVP_M, t, 7);
		break;
	case KL2TP_AVP_CALL_ERRORS:
		kl2tp_avp_put_bytes(mb, KL2TP_AVP_M, t, z, 26);
		break;
	case KL2TP_AVP_ACCM:
		kl2tp_avp_put_bytes(mb, KL2TP_AVP_M, t, z, 10);
		break;
	default:	/* the 4-byte ones */
		kl2tp_avp_put_u32(mb, KL2TP_AVP_M, t, 7);
		break;
	}
}

UNIT_TEST(missing_mandatory)
{
	struct kl2tp_ctrl_msg m;
	struct kl2tp_msgbuf mb;
	u8 buf[256];
	unsigned int i, j, k;
	u64 want;

	for (i = 0; i < ARRAY_SIZE(rfc_required); i++) {
		u16 mt = rfc_required[i].msg;
		const u16 *req = rfc_required[i].avps;

		want = KL2TP_AVP_BIT(0);
		for (j = 1; j < 9 && req[j]; j++)
			want |= KL2TP_AVP_BIT(req[j]);
		CHECK_EQ(kl2tp_ctrl_required(mt), want);

		/* complete: OK */
		kl2tp_msgbuf_init(&mb, buf, sizeof(buf));
		kl2tp_avp_put_msg_type(&mb, mt);
		for (j = 1; j < 9 && req[j]; j++)
			put_valid(&mb, req[j]);
		CHECK_EQ(mb.err, 0);
		CHECK_EQ(kl2tp_ctrl_parse(&m, buf, mb.len, NULL, 0, NULL), 0);
		CHECK_EQ(kl2tp_ctrl_msg_validate(&m), 0);

		/* leave each one out in turn: that one is reported */
		for (k = 1; k < 9 && req[k]; k++) {
			kl2tp_msgbuf_init(&mb, buf, sizeof(buf));
			kl2tp_avp_put_msg_type(&mb, mt);
			for (j = 1; j < 9 && req[j]; j++)
				if (j != k)
					put_valid(&mb, req[j]);
			CHECK_EQ(kl2tp_ctrl_parse(&m, buf, mb.len, NULL, 0,
						  NULL), 0);
			CHECK_EQ(kl2tp_ctrl_msg_validate(&m), req[k]);
		}
	}
	/* several missing: the lowest type is reported */
	kl2tp_msgbuf_init(&mb, buf, sizeof(buf));
	kl2tp_avp_put_msg_type(&mb, KL2TP_MSG_SCCRQ);
	kl2tp_avp_put_string(&mb, KL2TP_AVP_M, KL2TP_AVP_HOST_NAME, "h");
	CHECK_EQ(kl2tp_ctrl_parse(&m, buf, mb.len, NULL, 0, NULL), 0);
	CHECK_EQ(kl2tp_ctrl_msg_validate(&m), KL2TP_AVP_PROTOCOL_VERSION);
	CHECK_EQ(kl2tp_ctrl_required(0), 0);
	CHECK_EQ(kl2tp_ctrl_required(13), 0);
	CHECK_EQ(kl2tp_ctrl_required(17), 0);
}

UNIT_TEST(builder_errors)
{
	struct kl2tp_msgbuf mb;
	struct kl2tp_hide_key key = { 0 };
	static u8 big[KL2TP_AVP_MAX_VALUE + 1];
	u8 buf[64];
	size_t len;

	/* overflow is sticky; len stays at the last whole AVP */
	kl2tp_msgbuf_init(&mb, buf, 20);
	kl2tp_avp_put_msg_type(&mb, KL2TP_MSG_HELLO);
	kl2tp_avp_put_u32(&mb, 0, KL2TP_AVP_CALL_SERIAL, 1);
	CHECK_EQ(mb.err, 0);
	CHECK_EQ(mb.len, 18);
	kl2tp_avp_put_u16(&mb, 0, KL2TP_AVP_FIRMWARE_REV, 1);
	CHECK_EQ(mb.err, -ENOSPC);
	CHECK_EQ(mb.len, 18);
	kl2tp_avp_put_bytes(&mb, 0, KL2TP_AVP_SEQUENCING_REQUIRED, NULL, 0);
	CHECK_EQ(mb.err, -ENOSPC);
	CHECK_EQ(mb.len, 18);

	/* exactly full is fine */
	kl2tp_msgbuf_init(&mb, buf, 16);
	kl2tp_avp_put_msg_type(&mb, KL2TP_MSG_HELLO);
	kl2tp_avp_put_u16(&mb, 0, KL2TP_AVP_FIRMWARE_REV, 1);
	CHECK_EQ(mb.err, 0);
	CHECK_EQ(mb.len, 16);

	/* value too long for the 10-bit length */
	kl2tp_msgbuf_init(&mb, buf, sizeof(buf));
	kl2tp_avp_put_bytes(&mb, 0, KL2TP_AVP_PRIVATE_GROUP_ID, big,
			    sizeof(big));
	CHECK_EQ(mb.err, -EMSGSIZE);
	kl2tp_msgbuf_init(&mb, buf, sizeof(buf));
	kl2tp_avp_put_bytes(&mb, 0, KL2TP_AVP_PRIVATE_GROUP_ID, big,
			    sizeof(big) - 1);
	CHECK_EQ(mb.err, -ENOSPC);	/* fits an AVP, not this buffer */

	/* flags other than M and H */
	kl2tp_msgbuf_init(&mb, buf, sizeof(buf));
	kl2tp_avp_put_u16(&mb, 0x0400, KL2TP_AVP_FIRMWARE_REV, 1);
	CHECK_EQ(mb.err, -EINVAL);
	CHECK_EQ(mb.len, 0);

	/* hiding: no key, no secret, no RV, unhideable types */
	kl2tp_msgbuf_init(&mb, buf, sizeof(buf));
	kl2tp_avp_put_u16(&mb, KL2TP_AVP_H, KL2TP_AVP_FIRMWARE_REV, 1);
	CHECK_EQ(mb.err, -ENOKEY);
	kl2tp_msgbuf_init(&mb, buf, sizeof(buf));
	mb.hide = &key;
	kl2tp_avp_put_u16(&mb, KL2TP_AVP_H, KL2TP_AVP_FIRMWARE_REV, 1);
	CHECK_EQ(mb.err, -ENOKEY);
	key.secret = (const u8 *)"s";
	key.secret_len = 1;
	kl2tp_msgbuf_init(&mb, buf, sizeof(buf));
	mb.hide = &key;
	kl2tp_avp_put_u16(&mb, KL2TP_AVP_H, KL2TP_AVP_FIRMWARE_REV, 1);
	CHECK_EQ(mb.err, -ENODATA);
	key.rv = rv;
	key.rv_len = sizeof(rv);
	kl2tp_msgbuf_init(&mb, buf, sizeof(buf));
	mb.hide = &key;
	kl2tp_avp_put_u16(&mb, KL2TP_AVP_M | KL2TP_AVP_H, KL2TP_AVP_MSG_TYPE,
			  1);
	CHECK_EQ(mb.err, -EINVAL);
	kl2tp_msgbuf_init(&mb, buf, sizeof(buf));
	mb.hide = &key;
	kl2tp_avp_put_bytes(&mb, KL2TP_AVP_H, KL2TP_AVP_RANDOM_VECTOR, rv, 4);
	CHECK_EQ(mb.err, -EINVAL);
	/* a hidden value's limit is 2 bytes lower */
	kl2tp_msgbuf_init(&mb, buf, sizeof(buf));
	mb.hide = &key;
	kl2tp_avp_put_bytes(&mb, KL2TP_AVP_H, KL2TP_AVP_PRIVATE_GROUP_ID, big,
			    KL2TP_AVP_MAX_VALUE - 1);
	CHECK_EQ(mb.err, -EMSGSIZE);
	/* long strings */
	kl2tp_msgbuf_init(&mb, buf, sizeof(buf));
	memset(big, 'a', sizeof(big) - 1);
	big[sizeof(big) - 1] = 0;
	len = strlen((char *)big);
	CHECK_EQ(len, KL2TP_AVP_MAX_VALUE);
	kl2tp_avp_put_result_code(&mb, 0, 2, 0, (char *)big);
	CHECK_EQ(mb.err, -EMSGSIZE);
	kl2tp_msgbuf_init(&mb, buf, sizeof(buf));
	kl2tp_avp_put_q931_cause(&mb, 0, 1, 2, (char *)big);
	CHECK_EQ(mb.err, -EMSGSIZE);
	memset(big, 0, sizeof(big));
}

UNIT_TEST(names)
{
	CHECK(!strcmp(kl2tp_msg_type_name(KL2TP_MSG_SCCRQ), "SCCRQ"));
	CHECK(!strcmp(kl2tp_msg_type_name(KL2TP_MSG_STOPCCN), "StopCCN"));
	CHECK(!strcmp(kl2tp_msg_type_name(KL2TP_MSG_SLI), "SLI"));
	CHECK(!strcmp(kl2tp_msg_type_name(5), "unknown"));
	CHECK(!strcmp(kl2tp_msg_type_name(0), "unknown"));
	CHECK(!strcmp(kl2tp_msg_type_name(1000), "unknown"));
	CHECK(!strcmp(kl2tp_avp_name(KL2TP_AVP_HOST_NAME), "Host Name"));
	CHECK(!strcmp(kl2tp_avp_name(20), "unknown"));
	CHECK(!strcmp(kl2tp_avp_name(40), "unknown"));
	CHECK(!strcmp(kl2tp_result_name(KL2TP_MSG_STOPCCN, 7),
		      "finite state machine error"));
	CHECK(!strcmp(kl2tp_result_name(KL2TP_MSG_CDN, 8), "busy signal"));
	CHECK(!strcmp(kl2tp_result_name(KL2TP_MSG_CDN, 12), "unknown"));
	CHECK(!strcmp(kl2tp_result_name(KL2TP_MSG_HELLO, 1), "unknown"));
	CHECK(!strcmp(kl2tp_error_name(8), "unknown mandatory AVP"));
	CHECK(!strcmp(kl2tp_error_name(9), "unknown"));
	CHECK(!strcmp(kl2tp_stopccn_result_name(0), "reserved"));
	CHECK(!strcmp(kl2tp_cdn_result_name(11), "no framing detected"));
}

UNIT_TEST(duplicates_last_wins)
{
	struct kl2tp_ctrl_msg m;
	struct kl2tp_msgbuf mb;
	u8 buf[64];

	kl2tp_msgbuf_init(&mb, buf, sizeof(buf));
	kl2tp_avp_put_msg_type(&mb, KL2TP_MSG_ICRP);
	kl2tp_avp_put_u16(&mb, KL2TP_AVP_M, KL2TP_AVP_ASSIGNED_SESSION_ID, 1);
	kl2tp_avp_put_u16(&mb, KL2TP_AVP_M, KL2TP_AVP_ASSIGNED_SESSION_ID, 2);
	CHECK_EQ(kl2tp_ctrl_parse(&m, buf, mb.len, NULL, 0, NULL), 0);
	CHECK_EQ(m.assigned_session_id, 2);
	CHECK_EQ(kl2tp_ctrl_msg_validate(&m), 0);
}

/* peek finds a clear 2-byte AVP, skips hidden ones, stops at bad lengths */
UNIT_TEST(peek_u16)
{
	static const u8 msg[] = {
		0x80, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02,	/* Message Type 2 */
		0xc0, 0x08, 0x00, 0x00, 0x00, 0x09, 0x12, 0x34,	/* hidden tid */
		0x80, 0x07, 0x00, 0x00, 0x00, 0x07, 'x',	/* Host Name */
		0x80, 0x08, 0x00, 0x00, 0x00, 0x09, 0xab, 0xcd,	/* tid 0xabcd */
	};
	static const u8 bad[] = {
		0x80, 0x04, 0x00, 0x00, 0x00, 0x00,		/* length 4 */
		0x80, 0x08, 0x00, 0x00, 0x00, 0x09, 0xab, 0xcd,
	};
	u16 v = 0;

	CHECK_EQ(kl2tp_avp_peek_u16(msg, sizeof(msg), KL2TP_AVP_ASSIGNED_TUNNEL_ID, &v), 0);
	CHECK_EQ(v, 0xabcd);
	CHECK_EQ(kl2tp_avp_peek_u16(msg, sizeof(msg), KL2TP_AVP_MSG_TYPE, &v), 0);
	CHECK_EQ(v, 2);
	CHECK_EQ(kl2tp_avp_peek_u16(msg, sizeof(msg) - 1, KL2TP_AVP_ASSIGNED_TUNNEL_ID, &v),
		 -ENOENT);
	CHECK_EQ(kl2tp_avp_peek_u16(msg, sizeof(msg), KL2TP_AVP_HOST_NAME, &v), -ENOENT);
	CHECK_EQ(kl2tp_avp_peek_u16(bad, sizeof(bad), KL2TP_AVP_ASSIGNED_TUNNEL_ID, &v),
		 -ENOENT);
	CHECK_EQ(kl2tp_avp_peek_u16(msg, 0, KL2TP_AVP_MSG_TYPE, &v), -ENOENT);
}

UNIT_MAIN(UNIT_CASE(every_avp_round_trips),
	  UNIT_CASE(builder_bytes),
	  UNIT_CASE(result_code_forms),
	  UNIT_CASE(length_rules),
	  UNIT_CASE(structure_errors),
	  UNIT_CASE(truncated_every_length),
	  UNIT_CASE(mandatory_bit_rules),
	  UNIT_CASE(unknown_message_type),
	  UNIT_CASE(missing_mandatory),
	  UNIT_CASE(builder_errors),
	  UNIT_CASE(names),
	  UNIT_CASE(duplicates_last_wins),
	  UNIT_CASE(peek_u16))
