// SPDX-License-Identifier: GPL-2.0
/* Hidden AVPs (RFC 2661 4.3): kernel/proto/avp.c and auth.c */
#include "unit.h"
#include "avp.h"
#include "auth.h"
#include "hash.h"
#include "avp_sample.h"

static const u8 secret[] = "tunnel-secret";
#define SECRET_LEN (sizeof(secret) - 1)

/* MD5 of one contiguous buffer, straight from the support code. */
static void md5_flat(const u8 *p, size_t len, u8 out[16])
{
	struct kl2tp_iov iov = { p, len };

	CHECK_EQ(kl2tp_md5(&iov, 1, out), 0);
}

/*
 * RFC 2661 4.3 written out longhand: concatenate, hash, XOR, one block at a
 * time. Hides @len bytes of @in into @out.
 */
static void ref_hide(u16 type, const u8 *sec, size_t slen, const u8 *rvec,
		     size_t rvlen, const u8 *in, u8 *out, size_t len)
{
	u8 cat[256], b[16];
	size_t off, i, n;

	cat[0] = type >> 8;
	cat[1] = type & 0xff;
	memcpy(cat + 2, sec, slen);
	memcpy(cat + 2 + slen, rvec, rvlen);
	md5_flat(cat, 2 + slen + rvlen, b);
	for (off = 0; off < len; off += 16) {
		n = len - off < 16 ? len - off : 16;
		for (i = 0; i < n; i++)
			out[off + i] = in[off + i] ^ b[i];
		if (n < 16)
			break;
		memcpy(cat, sec, slen);
		memcpy(cat + slen, out + off, 16);
		md5_flat(cat, slen + 16, b);
	}
}

static struct kl2tp_hide_key key = {
	.secret = secret, .secret_len = SECRET_LEN,
	.rv = rv, .rv_len = sizeof(rv),
};

UNIT_TEST(every_avp_hidden_round_trips)
{
	struct kl2tp_ctrl_msg m;
	struct kl2tp_msgbuf mb;
	u8 buf[1200], copy[1200], scratch[1200];
	u64 want;

	kl2tp_msgbuf_init(&mb, buf, sizeof(buf));
	mb.hide = &key;
	put_everything(&mb, KL2TP_AVP_H);
	CHECK_EQ(mb.err, 0);
	memcpy(copy, buf, mb.len);

	CHECK_EQ(kl2tp_ctrl_parse(&m, buf, mb.len, secret, SECRET_LEN,
				  scratch), 0);
	check_everything(&m);
	/* all but Message Type, Protocol Version and Random Vector */
	want = m.present & ~(KL2TP_AVP_BIT(KL2TP_AVP_MSG_TYPE) |
			     KL2TP_AVP_BIT(KL2TP_AVP_PROTOCOL_VERSION) |
			     KL2TP_AVP_BIT(KL2TP_AVP_RANDOM_VECTOR));
	CHECK_EQ(m.hidden, want);
	CHECK_MEM(buf, copy, mb.len);	/* input untouched */
	/* values of hidden AVPs point into scratch */
	CHECK(m.host_name.data >= scratch &&
	      m.host_name.data < scratch + sizeof(scratch));

	/* in place */
	CHECK_EQ(kl2tp_ctrl_parse(&m, buf, mb.len, secret, SECRET_LEN, buf),
		 0);
	check_everything(&m);
	CHECK_EQ(m.hidden, want);
	CHECK(m.host_name.data >= buf && m.host_name.data < buf + mb.len);

	/* the hidden message differs from the plain one */
	kl2tp_msgbuf_init(&mb, buf, sizeof(buf));
	put_everything(&mb, 0);
	CHECK(mb.len < sizeof(buf));
	CHECK(memcmp(buf, copy, 40) != 0);
}

/* A hand-made hidden AVP, ciphertext computed longhand here. */
UNIT_TEST(known_vector)
{
	static const char name[] = "a-user-name-longer-than-two-blocks@example";
	static const u8 rvec[] = { 0x5e, 0x11, 0x9a, 0x02, 0x7c };
	u8 plain[128], cipher[128], msg[256], scratch[256];
	struct kl2tp_ctrl_msg m;
	struct kl2tp_msgbuf mb;
	struct kl2tp_hide_key k = { secret, SECRET_LEN, rvec, sizeof(rvec) };
	size_t nlen = strlen(name), hlen, n = 0;
	u8 *avp;

	/* original length, value, 5 bytes of padding */
	hlen = 2 + nlen + 5;
	plain[0] = nlen >> 8;
	plain[1] = nlen & 0xff;
	memcpy(plain + 2, name, nlen);
	memcpy(plain + 2 + nlen, "\x99\x98\x97\x96\x95", 5);
	ref_hide(KL2TP_AVP_PROXY_AUTH_NAME, secret, SECRET_LEN, rvec,
		 sizeof(rvec), plain, cipher, hlen);

	/* Message Type, Random Vector, hidden Proxy Authen Name */
	memcpy(msg, "\x80\x08\x00\x00\x00\x00\x00\x0c", 8);
	n = 8;
	msg[n++] = 0x00;
	msg[n++] = 6 + sizeof(rvec);
	msg[n++] = 0;
	msg[n++] = 0;
	msg[n++] = 0;
	msg[n++] = KL2TP_AVP_RANDOM_VECTOR;
	memcpy(msg + n, rvec, sizeof(rvec));
	n += sizeof(rvec);
	msg[n++] = 0x40;
	msg[n++] = 6 + hlen;
	msg[n++] = 0;
	msg[n++] = 0;
	msg[n++] = 0;
	msg[n++] = KL2TP_AVP_PROXY_AUTH_NAME;
	memcpy(msg + n, cipher, hlen);
	n += hlen;

	CHECK_EQ(kl2tp_ctrl_parse(&m, msg, n, secret, SECRET_LEN, scratch), 0);
	CHECK(val_str(&m.proxy_auth_name, name));
	CHECK_EQ(m.hidden, KL2TP_AVP_BIT(KL2TP_AVP_PROXY_AUTH_NAME));

	/* the builder (no padding) matches the reference */
	ref_hide(KL2TP_AVP_PROXY_AUTH_NAME, secret, SECRET_LEN, rvec,
		 sizeof(rvec), plain, cipher, 2 + nlen);
	kl2tp_msgbuf_init(&mb, msg, sizeof(msg));
	mb.hide = &k;
	kl2tp_avp_put_string(&mb, KL2TP_AVP_H, KL2TP_AVP_PROXY_AUTH_NAME,
			     name);
	CHECK_EQ(mb.err, 0);
	CHECK_EQ(mb.len, 6 + 2 + nlen);
	avp = msg;
	CHECK_EQ(kl2tp_get_be16(avp), 0x4000 | (6 + 2 + nlen));
	CHECK_EQ(kl2tp_get_be16(avp + 4), KL2TP_AVP_PROXY_AUTH_NAME);
	CHECK_MEM(avp + 6, cipher, 2 + nlen);
}

/* The keystream functions alone, every length over three blocks. */
UNIT_TEST(keystream_lengths)
{
	u8 in[64], ref[64], out[64], back[64];
	size_t len, i;

	for (i = 0; i < sizeof(in); i++)
		in[i] = i * 7 + 3;
	for (len = 0; len <= 50; len++) {
		ref_hide(0x1234, secret, SECRET_LEN, rv, 3, in, ref, len);
		memcpy(out, in, len);
		CHECK_EQ(kl2tp_avp_hide(0x1234, secret, SECRET_LEN, rv, 3, out,
					len), 0);
		CHECK_MEM(out, ref, len);
		CHECK_EQ(kl2tp_avp_unhide(0x1234, secret, SECRET_LEN, rv, 3,
					  out, back, len), 0);
		CHECK_MEM(back, in, len);
		/* in place */
		CHECK_EQ(kl2tp_avp_unhide(0x1234, secret, SECRET_LEN, rv, 3,
					  out, out, len), 0);
		CHECK_MEM(out, in, len);
	}
	/* the attribute type is part of the key */
	ref_hide(0x1235, secret, SECRET_LEN, rv, 3, in, out, 16);
	CHECK(memcmp(out, ref, 16) != 0);
}

/* The most recent Random Vector applies. */
UNIT_TEST(latest_random_vector)
{
	static const u8 rv1[] = { 1, 1, 1, 1 }, rv2[] = { 2, 2, 2, 2, 2 };
	struct kl2tp_hide_key k1 = { secret, SECRET_LEN, rv1, sizeof(rv1) };
	struct kl2tp_hide_key k2 = { secret, SECRET_LEN, rv2, sizeof(rv2) };
	struct kl2tp_ctrl_msg m;
	struct kl2tp_msgbuf mb;
	u8 buf[128], scratch[128];

	kl2tp_msgbuf_init(&mb, buf, sizeof(buf));
	kl2tp_avp_put_msg_type(&mb, KL2TP_MSG_ICRQ);
	kl2tp_avp_put_bytes(&mb, 0, KL2TP_AVP_RANDOM_VECTOR, rv1, sizeof(rv1));
	mb.hide = &k1;
	kl2tp_avp_put_string(&mb, KL2TP_AVP_H, KL2TP_AVP_CALLING_NUMBER, "111");
	kl2tp_avp_put_bytes(&mb, 0, KL2TP_AVP_RANDOM_VECTOR, rv2, sizeof(rv2));
	mb.hide = &k2;
	kl2tp_avp_put_string(&mb, KL2TP_AVP_H, KL2TP_AVP_CALLED_NUMBER, "222");
	kl2tp_avp_put_u16(&mb, KL2TP_AVP_M | KL2TP_AVP_H,
			  KL2TP_AVP_ASSIGNED_SESSION_ID, 0x4321);
	kl2tp_avp_put_u32(&mb, KL2TP_AVP_M, KL2TP_AVP_CALL_SERIAL, 5);
	CHECK_EQ(mb.err, 0);
	CHECK_EQ(kl2tp_ctrl_parse(&m, buf, mb.len, secret, SECRET_LEN,
				  scratch), 0);
	CHECK(val_str(&m.calling_number, "111"));
	CHECK(val_str(&m.called_number, "222"));
	CHECK_EQ(m.assigned_session_id, 0x4321);
	CHECK(val_eq(&m.random_vector, rv2, sizeof(rv2)));
	CHECK_EQ(kl2tp_ctrl_msg_validate(&m), 0);
}

UNIT_TEST(hidden_errors)
{
	static const u8 wrong[] = "tunnel-secreT";
	struct kl2tp_ctrl_msg m;
	struct kl2tp_msgbuf mb;
	u8 buf[128], scratch[128], v[8] = { 0 };
	size_t n;
	int ret;

	/* a hidden AVP before any Random Vector */
	kl2tp_msgbuf_init(&mb, buf, sizeof(buf));
	mb.hide = &key;
	kl2tp_avp_put_msg_type(&mb, KL2TP_MSG_ICRQ);
	kl2tp_avp_put_u16(&mb, KL2TP_AVP_M | KL2TP_AVP_H,
			  KL2TP_AVP_ASSIGNED_SESSION_ID, 1);
	kl2tp_avp_put_bytes(&mb, 0, KL2TP_AVP_RANDOM_VECTOR, rv, sizeof(rv));
	CHECK_EQ(mb.err, 0);
	CHECK_EQ(kl2tp_ctrl_parse(&m, buf, mb.len, secret, SECRET_LEN,
				  scratch), -ENODATA);
	CHECK_EQ(m.err_type, KL2TP_AVP_ASSIGNED_SESSION_ID);
	CHECK_EQ(m.err_off, 8);

	/* properly ordered, now vary secret and scratch */
	kl2tp_msgbuf_init(&mb, buf, sizeof(buf));
	mb.hide = &key;
	kl2tp_avp_put_msg_type(&mb, KL2TP_MSG_ICRQ);
	kl2tp_avp_put_bytes(&mb, 0, KL2TP_AVP_RANDOM_VECTOR, rv, sizeof(rv));
	kl2tp_avp_put_u16(&mb, KL2TP_AVP_M | KL2TP_AVP_H,
			  KL2TP_AVP_ASSIGNED_SESSION_ID, 1);
	CHECK_EQ(mb.err, 0);
	CHECK_EQ(kl2tp_ctrl_parse(&m, buf, mb.len, NULL, 0, scratch),
		 -ENOKEY);
	CHECK_EQ(m.err_type, KL2TP_AVP_ASSIGNED_SESSION_ID);
	CHECK_EQ(kl2tp_ctrl_parse(&m, buf, mb.len, secret, SECRET_LEN, NULL),
		 -EINVAL);
	CHECK_EQ(kl2tp_ctrl_parse(&m, buf, mb.len, secret, SECRET_LEN,
				  scratch), 0);
	CHECK_EQ(m.assigned_session_id, 1);
	/* wrong secret: (almost always) an impossible original length */
	ret = kl2tp_ctrl_parse(&m, buf, mb.len, wrong, SECRET_LEN, scratch);
	CHECK_EQ(ret, -EKEYREJECTED);
	CHECK_EQ(m.err_type, KL2TP_AVP_ASSIGNED_SESSION_ID);

	/* hidden value too short to hold the original length */
	for (n = 0; n < 2; n++) {
		size_t len;

		kl2tp_msgbuf_init(&mb, buf, sizeof(buf));
		kl2tp_avp_put_msg_type(&mb, KL2TP_MSG_ICRQ);
		kl2tp_avp_put_bytes(&mb, 0, KL2TP_AVP_RANDOM_VECTOR, rv, 4);
		len = mb.len;
		kl2tp_avp_put(&mb, 0, 0, KL2TP_AVP_CALLING_NUMBER, v, n);
		buf[len] |= 0x40;	/* set H by hand */
		CHECK_EQ(kl2tp_ctrl_parse(&m, buf, mb.len, secret, SECRET_LEN,
					  scratch), -EBADMSG);
		CHECK_EQ(m.err_type, KL2TP_AVP_CALLING_NUMBER);
	}

	/* decoded length not allowed for the type: 3-byte session id */
	kl2tp_msgbuf_init(&mb, buf, sizeof(buf));
	mb.hide = &key;
	kl2tp_avp_put_msg_type(&mb, KL2TP_MSG_ICRQ);
	kl2tp_avp_put_bytes(&mb, 0, KL2TP_AVP_RANDOM_VECTOR, rv, sizeof(rv));
	kl2tp_avp_put_bytes(&mb, KL2TP_AVP_M | KL2TP_AVP_H,
			    KL2TP_AVP_ASSIGNED_SESSION_ID, v, 3);
	CHECK_EQ(mb.err, 0);
	CHECK_EQ(kl2tp_ctrl_parse(&m, buf, mb.len, secret, SECRET_LEN,
				  scratch), -EBADMSG);
	CHECK_EQ(m.err_type, KL2TP_AVP_ASSIGNED_SESSION_ID);

	/* an unknown hidden AVP with M set: tear down, no secret needed */
	n = 0;
	kl2tp_msgbuf_init(&mb, buf, sizeof(buf));
	kl2tp_avp_put_msg_type(&mb, KL2TP_MSG_ICRQ);
	kl2tp_avp_put(&mb, KL2TP_AVP_M, 0, 77, v, 4);
	buf[8] |= 0x40;
	CHECK_EQ(kl2tp_ctrl_parse(&m, buf, mb.len, NULL, 0, NULL),
		 -EOPNOTSUPP);
	CHECK_EQ(m.err_type, 77);
}

/* Padding after the original value is ignored; the empty value works. */
UNIT_TEST(padding_and_empty)
{
	u8 plain[40], msg[128], scratch[128];
	struct kl2tp_ctrl_msg m;
	size_t n, hlen;

	for (hlen = 2; hlen <= 36; hlen++) {
		/* empty original value, hlen - 2 bytes of padding */
		memset(plain, 0xee, sizeof(plain));
		plain[0] = 0;
		plain[1] = 0;
		n = 0;
		memcpy(msg, "\x80\x08\x00\x00\x00\x00\x00\x0a", 8);
		n = 8;
		memcpy(msg + n, "\x00\x0a\x00\x00\x00\x24", 6);
		memcpy(msg + n + 6, rv, 4);
		n += 10;
		msg[n] = 0x40;
		msg[n + 1] = 6 + hlen;
		memcpy(msg + n + 2, "\x00\x00\x00\x15", 4);	/* Called Number */
		ref_hide(KL2TP_AVP_CALLED_NUMBER, secret, SECRET_LEN, rv, 4,
			 plain, msg + n + 6, hlen);
		n += 6 + hlen;
		CHECK_EQ(kl2tp_ctrl_parse(&m, msg, n, secret, SECRET_LEN,
					  scratch), 0);
		CHECK_EQ(m.called_number.len, 0);
		CHECK(kl2tp_ctrl_has(&m, KL2TP_AVP_CALLED_NUMBER));
		/* claim one byte more than is there */
		plain[1] = hlen - 1;
		n -= hlen;
		ref_hide(KL2TP_AVP_CALLED_NUMBER, secret, SECRET_LEN, rv, 4,
			 plain, msg + n, hlen);
		n += hlen;
		CHECK_EQ(kl2tp_ctrl_parse(&m, msg, n, secret, SECRET_LEN,
					  scratch), -EKEYREJECTED);
		/* exactly what is there */
		plain[1] = hlen - 2;
		n -= hlen;
		ref_hide(KL2TP_AVP_CALLED_NUMBER, secret, SECRET_LEN, rv, 4,
			 plain, msg + n, hlen);
		n += hlen;
		CHECK_EQ(kl2tp_ctrl_parse(&m, msg, n, secret, SECRET_LEN,
					  scratch), 0);
		CHECK_EQ(m.called_number.len, hlen - 2);
	}
}

UNIT_MAIN(UNIT_CASE(every_avp_hidden_round_trips),
	  UNIT_CASE(known_vector),
	  UNIT_CASE(keystream_lengths),
	  UNIT_CASE(latest_random_vector),
	  UNIT_CASE(hidden_errors),
	  UNIT_CASE(padding_and_empty))
