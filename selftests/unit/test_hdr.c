// SPDX-License-Identifier: GPL-2.0
/* L2TPv2 header codec: kernel/proto/l2tp_hdr.c */
#include "unit.h"
#include "l2tp_hdr.h"

static const u16 flag_bits[5] = {
	KL2TP_HDR_T, KL2TP_HDR_L, KL2TP_HDR_S, KL2TP_HDR_O, KL2TP_HDR_P,
};

static u16 combo_flags(unsigned int combo)
{
	u16 f = 0;
	int i;

	for (i = 0; i < 5; i++)
		if (combo & (1u << i))
			f |= flag_bits[i];
	return f;
}

static bool combo_valid(u16 f)
{
	if (!(f & KL2TP_HDR_T))
		return true;
	return (f & (KL2TP_HDR_L | KL2TP_HDR_S | KL2TP_HDR_O | KL2TP_HDR_P)) ==
	       (KL2TP_HDR_L | KL2TP_HDR_S);
}

static void fill(struct kl2tp_hdr *h, u16 flags, u16 offset, u32 plen)
{
	memset(h, 0, sizeof(*h));
	h->flags = flags;
	h->tunnel_id = 0x1234;
	h->session_id = 0xabcd;
	h->ns = (flags & KL2TP_HDR_S) ? 0x0102 : 0;
	h->nr = (flags & KL2TP_HDR_S) ? 0xfffe : 0;
	h->offset_size = (flags & KL2TP_HDR_O) ? offset : 0;
	h->payload_len = plen;
}

/* Hand-encode a header, independent of kl2tp_hdr_build(). */
static size_t encode(u8 *b, u16 word, u16 length, u16 offset)
{
	size_t n = 0;

	b[n++] = word >> 8;
	b[n++] = word & 0xff;
	if (word & KL2TP_HDR_L) {
		b[n++] = length >> 8;
		b[n++] = length & 0xff;
	}
	b[n++] = 0x12; b[n++] = 0x34;	/* tunnel */
	b[n++] = 0xab; b[n++] = 0xcd;	/* session */
	if (word & KL2TP_HDR_S) {
		b[n++] = 0x01; b[n++] = 0x02;
		b[n++] = 0xff; b[n++] = 0xfe;
	}
	if (word & KL2TP_HDR_O) {
		b[n++] = offset >> 8;
		b[n++] = offset & 0xff;
	}
	return n;
}

/* parse(build(x)) == x for all 32 flag combinations and several offsets. */
UNIT_TEST(all_flag_combinations)
{
	static const u16 offsets[] = { 0, 1, 3, 16 };
	struct kl2tp_hdr h, p;
	u8 buf[128];
	unsigned int combo, oi;
	int n, ret, i;
	size_t len;

	for (combo = 0; combo < 32; combo++) {
		u16 f = combo_flags(combo);

		for (oi = 0; oi < ARRAY_SIZE(offsets); oi++) {
			fill(&h, f, offsets[oi], 7);
			memset(buf, 0x5a, sizeof(buf));
			n = kl2tp_hdr_build(&h, buf, sizeof(buf));
			if (!combo_valid(f)) {
				CHECK_EQ(n, -EINVAL);
				/* The parser rejects it too. */
				len = encode(buf, f | 2, 20, offsets[oi]);
				memset(buf + len, 0, sizeof(buf) - len);
				CHECK_EQ(kl2tp_hdr_parse(&p, buf, 40, 0),
					 -EINVAL);
				continue;
			}
			CHECK(n >= 6);
			len = n + 7;	/* seven payload bytes follow */
			for (i = 0; i < 7; i++)
				buf[n + i] = i;
			/* the offset pad is zeroed */
			for (i = 0; i < h.offset_size; i++)
				CHECK_EQ(buf[n - h.offset_size + i], 0);
			ret = kl2tp_hdr_parse(&p, buf, len, 0);
			CHECK_EQ(ret, 0);
			CHECK_EQ(p.flags, f);
			CHECK_EQ(p.ver, 2);
			CHECK_EQ(p.rsvd, 0);
			CHECK_EQ(p.tunnel_id, h.tunnel_id);
			CHECK_EQ(p.session_id, h.session_id);
			CHECK_EQ(p.ns, h.ns);
			CHECK_EQ(p.nr, h.nr);
			CHECK_EQ(p.offset_size, h.offset_size);
			CHECK_EQ(p.payload_off, n);
			CHECK_EQ(p.payload_len, 7);
			CHECK_EQ(p.hdr_len, n - h.offset_size);
			CHECK_EQ(p.length, (f & KL2TP_HDR_L) ? len : 0);
			CHECK_EQ(buf[p.payload_off], 0);
			CHECK_EQ(kl2tp_hdr_is_ctrl(&p), !!(f & KL2TP_HDR_T));
		}
	}
}

/* Bytes on the wire for a control header, checked by hand. */
UNIT_TEST(control_header_bytes)
{
	static const u8 want[] = {
		0xc8, 0x02, 0x00, 0x14, 0x12, 0x34, 0xab, 0xcd,
		0x01, 0x02, 0xff, 0xfe,
	};
	struct kl2tp_hdr h;
	u8 buf[KL2TP_CTRL_HDR_LEN];

	fill(&h, KL2TP_CTRL_FLAGS, 0, 8);
	CHECK_EQ(kl2tp_hdr_build(&h, buf, sizeof(buf)), KL2TP_CTRL_HDR_LEN);
	CHECK_MEM(buf, want, sizeof(want));
	CHECK_EQ(kl2tp_hdr_build(&h, buf, sizeof(buf) - 1), -ENOSPC);
}

/* Every truncation of a message: never a read past the end, right error. */
UNIT_TEST(truncated_every_length)
{
	struct kl2tp_hdr h, p;
	unsigned int combo;
	u8 *buf;
	int n, ret, want;
	size_t len, cut;

	for (combo = 0; combo < 32; combo++) {
		u16 f = combo_flags(combo);

		if (!combo_valid(f))
			continue;
		fill(&h, f, 5, 9);
		buf = malloc(64);
		n = kl2tp_hdr_build(&h, buf, 64);
		CHECK(n > 0);
		len = n + 9;
		for (cut = 0; cut < len; cut++) {
			/* exact-size copies so ASan catches over-reads */
			u8 *c = malloc(cut ? cut : 1);

			memcpy(c, buf, cut);
			ret = kl2tp_hdr_parse(&p, c, cut, 0);
			if (cut < (size_t)(n - h.offset_size))
				want = -EMSGSIZE;
			else if (f & KL2TP_HDR_L)
				want = -EBADMSG;	/* Length > buffer */
			else if (cut < (size_t)n)
				want = -ERANGE;		/* pad cut short */
			else
				want = 0;		/* shorter payload */
			CHECK_EQ(ret, want);
			if (!ret)
				CHECK_EQ(p.payload_len, cut - n);
			free(c);
		}
		free(buf);
	}
}

UNIT_TEST(length_field)
{
	struct kl2tp_hdr p;
	u8 buf[64] = { 0 };
	size_t n;

	/* Length larger than the datagram */
	n = encode(buf, KL2TP_CTRL_FLAGS | 2, 21, 0);
	CHECK_EQ(n, 12);
	CHECK_EQ(kl2tp_hdr_parse(&p, buf, 20, 0), -EBADMSG);
	CHECK_EQ(kl2tp_hdr_parse(&p, buf, 21, 0), 0);
	CHECK_EQ(p.payload_len, 9);
	/* trailing bytes beyond Length are not part of the message */
	CHECK_EQ(kl2tp_hdr_parse(&p, buf, 64, 0), 0);
	CHECK_EQ(p.payload_len, 9);
	CHECK_EQ(p.length, 21);
	/* Length smaller than the header */
	encode(buf, KL2TP_CTRL_FLAGS | 2, 11, 0);
	CHECK_EQ(kl2tp_hdr_parse(&p, buf, 64, 0), -EBADMSG);
	/* exactly the header: a ZLB */
	encode(buf, KL2TP_CTRL_FLAGS | 2, 12, 0);
	CHECK_EQ(kl2tp_hdr_parse(&p, buf, 64, 0), 0);
	CHECK_EQ(p.payload_len, 0);
	CHECK_EQ(p.payload_off, 12);
	/* 0xffff with a short buffer */
	encode(buf, KL2TP_CTRL_FLAGS | 2, 0xffff, 0);
	CHECK_EQ(kl2tp_hdr_parse(&p, buf, 64, 0), -EBADMSG);
	/* data, L set, offset pad beyond Length but inside the buffer */
	encode(buf, KL2TP_HDR_L | KL2TP_HDR_O | 2, 20, 11);
	CHECK_EQ(kl2tp_hdr_parse(&p, buf, 64, 0), -ERANGE);
	encode(buf, KL2TP_HDR_L | KL2TP_HDR_O | 2, 20, 10);
	CHECK_EQ(kl2tp_hdr_parse(&p, buf, 64, 0), 0);
	CHECK_EQ(p.payload_len, 0);
	/* data, no L: offset beyond the buffer */
	encode(buf, KL2TP_HDR_O | 2, 0, 0xffff);
	CHECK_EQ(kl2tp_hdr_parse(&p, buf, 64, 0), -ERANGE);
}

UNIT_TEST(build_length_overflow)
{
	struct kl2tp_hdr h;
	u8 buf[32];

	fill(&h, KL2TP_CTRL_FLAGS, 0, 0xffff - 12);
	CHECK_EQ(kl2tp_hdr_build(&h, buf, sizeof(buf)), 12);
	CHECK_EQ(kl2tp_get_be16(buf + 2), 0xffff);
	fill(&h, KL2TP_CTRL_FLAGS, 0, 0xffff - 11);
	CHECK_EQ(kl2tp_hdr_build(&h, buf, sizeof(buf)), -EMSGSIZE);
	/* no L: no Length field to overflow */
	fill(&h, 0, 0, 100000);
	CHECK_EQ(kl2tp_hdr_build(&h, buf, sizeof(buf)), 6);
	/* offset pad counts towards Length */
	fill(&h, KL2TP_HDR_L | KL2TP_HDR_O, 0xfff0, 0x10);
	CHECK_EQ(kl2tp_hdr_build(&h, buf, sizeof(buf)), -EMSGSIZE);
	fill(&h, KL2TP_HDR_L | KL2TP_HDR_O, 23, 0);
	CHECK_EQ(kl2tp_hdr_build(&h, buf, sizeof(buf)), -ENOSPC);
	/* unknown flag bits */
	fill(&h, 0x1000, 0, 0);
	CHECK_EQ(kl2tp_hdr_build(&h, buf, sizeof(buf)), -EINVAL);
}

UNIT_TEST(versions)
{
	struct kl2tp_hdr p;
	u8 buf[32] = { 0 };
	unsigned int v;
	int ret;

	for (v = 0; v < 16; v++) {
		encode(buf, KL2TP_CTRL_FLAGS | v, 12, 0);
		ret = kl2tp_hdr_parse(&p, buf, sizeof(buf), 0);
		CHECK_EQ(p.ver, v);
		if (v == 2)
			CHECK_EQ(ret, 0);
		else if (v == 3)
			CHECK_EQ(ret, -EPROTONOSUPPORT);
		else
			CHECK_EQ(ret, -EPROTO);
	}
	/* the version is judged before the length */
	buf[0] = 0;
	buf[1] = 3;
	CHECK_EQ(kl2tp_hdr_parse(&p, buf, 2, 0), -EPROTONOSUPPORT);
	buf[1] = 1;
	CHECK_EQ(kl2tp_hdr_parse(&p, buf, 2, 0), -EPROTO);
	CHECK(!strcmp(kl2tp_hdr_ver_name(1), "L2F"));
	CHECK(!strcmp(kl2tp_hdr_ver_name(2), "L2TPv2"));
	CHECK(!strcmp(kl2tp_hdr_ver_name(3), "L2TPv3"));
	CHECK(!strcmp(kl2tp_hdr_ver_name(9), "unknown"));
}

UNIT_TEST(reserved_bits)
{
	static const u16 rsvd[] = { 0x2000, 0x1000, 0x0400, 0x0080, 0x0040,
				    0x0020, 0x0010 };
	struct kl2tp_hdr p;
	u8 buf[32] = { 0 };
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(rsvd); i++) {
		encode(buf, KL2TP_CTRL_FLAGS | rsvd[i] | 2, 12, 0);
		/* RFC 2661 3.1: ignored on receipt ... */
		CHECK_EQ(kl2tp_hdr_parse(&p, buf, sizeof(buf), 0), 0);
		CHECK_EQ(p.rsvd, rsvd[i]);
		CHECK_EQ(p.flags, KL2TP_CTRL_FLAGS);
		/* ... unless asked to be strict */
		CHECK_EQ(kl2tp_hdr_parse(&p, buf, sizeof(buf),
					 KL2TP_HDR_PARSE_STRICT), -EINVAL);
	}
	CHECK_EQ(KL2TP_HDR_RSVD & KL2TP_HDR_FLAGS, 0);
	CHECK_EQ(KL2TP_HDR_RSVD | KL2TP_HDR_FLAGS | KL2TP_HDR_VER_MASK, 0xffff);
}

UNIT_TEST(tiny_inputs)
{
	struct kl2tp_hdr p;
	u8 b[1] = { 0xc8 };

	CHECK_EQ(kl2tp_hdr_parse(&p, b, 0, 0), -EMSGSIZE);
	CHECK_EQ(kl2tp_hdr_parse(&p, b, 1, 0), -EMSGSIZE);
}

/* What the data path sends parses back as sent. */
UNIT_TEST(data_header_put)
{
	struct kl2tp_hdr p;
	u8 buf[KL2TP_DATA_HDR_LEN + KL2TP_DATA_SEQ_LEN + 2];
	unsigned int seq, n;

	for (seq = 0; seq < 2; seq++) {
		memset(buf, 0xee, sizeof(buf));
		n = kl2tp_data_hdr_put(buf, 0x1234, 0xfedc, seq, 0xbeef);
		CHECK_EQ(n, KL2TP_DATA_HDR_LEN + (seq ? KL2TP_DATA_SEQ_LEN : 0));
		CHECK_EQ(buf[n], 0xee);		/* nothing past the header */
		CHECK_EQ(kl2tp_hdr_parse(&p, buf, n + 2, KL2TP_HDR_PARSE_STRICT), 0);
		CHECK_EQ(p.flags, seq ? KL2TP_HDR_S : 0);
		CHECK_EQ(p.ver, KL2TP_VER_L2TPV2);
		CHECK_EQ(p.tunnel_id, 0x1234);
		CHECK_EQ(p.session_id, 0xfedc);
		CHECK_EQ(p.ns, seq ? 0xbeef : 0);
		CHECK_EQ(p.nr, 0);
		CHECK_EQ(p.payload_off, n);
		CHECK_EQ(p.payload_len, 2);
	}
}

UNIT_MAIN(UNIT_CASE(all_flag_combinations),
	  UNIT_CASE(data_header_put),
	  UNIT_CASE(control_header_bytes),
	  UNIT_CASE(truncated_every_length),
	  UNIT_CASE(length_field),
	  UNIT_CASE(build_length_overflow),
	  UNIT_CASE(versions),
	  UNIT_CASE(reserved_bits),
	  UNIT_CASE(tiny_inputs))
