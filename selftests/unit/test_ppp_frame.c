// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of the PPP frame codec (kernel/proto/ppp_frame.c): Address/
 * Control and Protocol field compression, protocol validity, control packet
 * length checks and padding, option list walking with truncated, zero-length
 * and oversized options, and the sticky-error builder.
 */
#include "unit.h"
#include "ppp_frame.h"

UNIT_TEST(t_frame_forms)
{
	static const u8 full[] = { 0xff, 0x03, 0xc0, 0x21, 1, 2, 3 };
	static const u8 noacf[] = { 0xc0, 0x21, 9 };
	static const u8 pfc[] = { 0xff, 0x03, 0x21, 0x45 };
	static const u8 both[] = { 0x21, 0x45, 0x00 };
	static const u8 ipv6[] = { 0x00, 0x57, 0x60 };
	static const u8 empty_info[] = { 0xff, 0x03, 0x80, 0x21 };
	struct kl2tp_ppp_frame f;

	CHECK_EQ(kl2tp_ppp_frame_parse(&f, full, sizeof(full)), 0);
	CHECK_EQ(f.proto, KL2TP_PPP_LCP);
	CHECK(f.acf && !f.pfc);
	CHECK_EQ(f.len, 3);
	CHECK(f.data == full + 4);

	CHECK_EQ(kl2tp_ppp_frame_parse(&f, noacf, sizeof(noacf)), 0);
	CHECK_EQ(f.proto, KL2TP_PPP_LCP);
	CHECK(!f.acf && !f.pfc);
	CHECK_EQ(f.len, 1);

	CHECK_EQ(kl2tp_ppp_frame_parse(&f, pfc, sizeof(pfc)), 0);
	CHECK_EQ(f.proto, KL2TP_PPP_IP);
	CHECK(f.acf && f.pfc);
	CHECK_EQ(f.len, 1);

	CHECK_EQ(kl2tp_ppp_frame_parse(&f, both, sizeof(both)), 0);
	CHECK_EQ(f.proto, KL2TP_PPP_IP);
	CHECK(!f.acf && f.pfc);
	CHECK_EQ(f.len, 2);

	CHECK_EQ(kl2tp_ppp_frame_parse(&f, ipv6, sizeof(ipv6)), 0);
	CHECK_EQ(f.proto, KL2TP_PPP_IPV6);

	CHECK_EQ(kl2tp_ppp_frame_parse(&f, empty_info, sizeof(empty_info)), 0);
	CHECK_EQ(f.proto, KL2TP_PPP_IPCP);
	CHECK_EQ(f.len, 0);
}

UNIT_TEST(t_frame_bad)
{
	static const u8 ff_only[] = { 0xff };
	static const u8 ff_bad[] = { 0xff, 0x05, 0xc0, 0x21 };
	static const u8 acf_only[] = { 0xff, 0x03 };
	static const u8 half[] = { 0xff, 0x03, 0xc0 };
	static const u8 even[] = { 0xc0, 0x20, 1 };	/* low byte even */
	static const u8 even1[] = { 0x02, 0x20 };
	struct kl2tp_ppp_frame f;

	CHECK_EQ(kl2tp_ppp_frame_parse(&f, ff_only, 0), -EBADMSG);
	CHECK_EQ(kl2tp_ppp_frame_parse(&f, ff_only, 1), -EBADMSG);
	CHECK_EQ(kl2tp_ppp_frame_parse(&f, ff_bad, sizeof(ff_bad)), -EBADMSG);
	CHECK_EQ(kl2tp_ppp_frame_parse(&f, acf_only, sizeof(acf_only)),
		 -EBADMSG);
	CHECK_EQ(kl2tp_ppp_frame_parse(&f, half, sizeof(half)), -EBADMSG);
	CHECK_EQ(kl2tp_ppp_frame_parse(&f, even, sizeof(even)), -EBADMSG);
	CHECK_EQ(kl2tp_ppp_frame_parse(&f, even1, sizeof(even1)), -EBADMSG);
}

UNIT_TEST(t_cp_parse)
{
	static const u8 ok[] = { 1, 7, 0, 6, 0xaa, 0xbb, 0xcc, 0xdd };
	static const u8 hdr[] = { 5, 1, 0, 4 };
	static const u8 short_len[] = { 1, 1, 0, 3, 0 };
	static const u8 long_len[] = { 1, 1, 0, 9, 0, 0, 0, 0 };
	struct kl2tp_ppp_cp cp;

	CHECK_EQ(kl2tp_ppp_cp_parse(&cp, ok, sizeof(ok)), 0);
	CHECK_EQ(cp.code, 1);
	CHECK_EQ(cp.id, 7);
	CHECK_EQ(cp.len, 2);		/* padding past Length dropped */
	CHECK(cp.data == ok + 4);

	CHECK_EQ(kl2tp_ppp_cp_parse(&cp, hdr, sizeof(hdr)), 0);
	CHECK_EQ(cp.len, 0);

	CHECK_EQ(kl2tp_ppp_cp_parse(&cp, hdr, 3), -EBADMSG);
	CHECK_EQ(kl2tp_ppp_cp_parse(&cp, hdr, 0), -EBADMSG);
	CHECK_EQ(kl2tp_ppp_cp_parse(&cp, short_len, sizeof(short_len)),
		 -EBADMSG);
	CHECK_EQ(kl2tp_ppp_cp_parse(&cp, long_len, sizeof(long_len)),
		 -EBADMSG);
}

UNIT_TEST(t_opts)
{
	static const u8 good[] = { 1, 4, 5, 0xdc, 7, 2, 3, 5, 1, 2, 3 };
	static const u8 zero_len[] = { 1, 4, 5, 0xdc, 7, 0 };
	static const u8 one_len[] = { 7, 1 };
	static const u8 overrun[] = { 1, 4, 5, 0xdc, 3, 5, 0xc0 };
	static const u8 lone[] = { 1, 4, 5, 0xdc, 9 };
	const u8 *p = good;
	size_t left = sizeof(good);
	struct kl2tp_ppp_opt o;

	CHECK_EQ(kl2tp_ppp_opt_next(&p, &left, &o), 1);
	CHECK_EQ(o.type, 1);
	CHECK_EQ(o.len, 2);
	CHECK_EQ(kl2tp_get_be16(o.val), 1500);
	CHECK(o.raw == good);
	CHECK_EQ(kl2tp_ppp_opt_next(&p, &left, &o), 1);
	CHECK_EQ(o.type, 7);
	CHECK_EQ(o.len, 0);
	CHECK_EQ(kl2tp_ppp_opt_next(&p, &left, &o), 1);
	CHECK_EQ(o.type, 3);
	CHECK_EQ(o.len, 3);
	CHECK_EQ(kl2tp_ppp_opt_next(&p, &left, &o), 0);
	CHECK_EQ(left, 0);

	CHECK_EQ(kl2tp_ppp_opts_valid(good, sizeof(good)), 0);
	CHECK_EQ(kl2tp_ppp_opts_valid(good, 0), 0);
	CHECK_EQ(kl2tp_ppp_opts_valid(zero_len, sizeof(zero_len)), -EBADMSG);
	CHECK_EQ(kl2tp_ppp_opts_valid(one_len, sizeof(one_len)), -EBADMSG);
	CHECK_EQ(kl2tp_ppp_opts_valid(overrun, sizeof(overrun)), -EBADMSG);
	CHECK_EQ(kl2tp_ppp_opts_valid(lone, sizeof(lone)), -EBADMSG);
	/* Every truncation of a good list but the boundaries is bad. */
	CHECK_EQ(kl2tp_ppp_opts_valid(good, 4), 0);
	CHECK_EQ(kl2tp_ppp_opts_valid(good, 6), 0);
	CHECK_EQ(kl2tp_ppp_opts_valid(good, 3), -EBADMSG);
	CHECK_EQ(kl2tp_ppp_opts_valid(good, 5), -EBADMSG);
	CHECK_EQ(kl2tp_ppp_opts_valid(good, 10), -EBADMSG);
}

UNIT_TEST(t_builder)
{
	static const u8 want[] = {
		0xff, 0x03, 0xc0, 0x21, 1, 9, 0, 16,
		1, 4, 0x05, 0xdc, 7, 2, 5, 6, 0xde, 0xad, 0xbe, 0xef,
	};
	u8 buf[64];
	u8 big[300], val[256];
	struct kl2tp_ppp_buf b;

	kl2tp_ppp_buf_init(&b, buf, sizeof(buf));
	kl2tp_ppp_put_hdr(&b, KL2TP_PPP_LCP, false, false);
	kl2tp_ppp_cp_begin(&b, KL2TP_PPP_CONF_REQ, 9);
	kl2tp_ppp_put_opt_u16(&b, 1, 1500);
	kl2tp_ppp_put_opt(&b, 7, NULL, 0);
	kl2tp_ppp_put_opt_u32(&b, 5, 0xdeadbeef);
	kl2tp_ppp_cp_end(&b);
	CHECK_EQ(b.err, 0);
	CHECK_EQ(b.len, sizeof(want));
	CHECK_MEM(buf, want, sizeof(want));

	/* Compressed headers. */
	kl2tp_ppp_buf_init(&b, buf, sizeof(buf));
	kl2tp_ppp_put_hdr(&b, KL2TP_PPP_IP, true, true);
	CHECK_EQ(b.len, 1);
	CHECK_EQ(buf[0], 0x21);
	kl2tp_ppp_put_hdr(&b, KL2TP_PPP_LCP, true, true);
	CHECK_EQ(b.len, 3);		/* >= 0x100 never compressed */

	/* Sticky -ENOSPC: later puts do nothing. */
	kl2tp_ppp_buf_init(&b, buf, 6);
	kl2tp_ppp_put_hdr(&b, KL2TP_PPP_LCP, false, false);
	kl2tp_ppp_cp_begin(&b, 1, 1);
	CHECK_EQ(b.err, -ENOSPC);
	CHECK_EQ(b.len, 4);
	kl2tp_ppp_put_u8(&b, 1);
	CHECK_EQ(b.len, 4);
	kl2tp_ppp_cp_end(&b);
	CHECK_EQ(b.err, -ENOSPC);

	/* An option value too long for its length byte. */
	memset(val, 0, sizeof(val));
	kl2tp_ppp_buf_init(&b, big, sizeof(big));
	kl2tp_ppp_put_opt(&b, 1, val, 254);
	CHECK_EQ(b.err, -EMSGSIZE);
	CHECK_EQ(b.len, 0);
	kl2tp_ppp_buf_init(&b, big, sizeof(big));
	kl2tp_ppp_put_opt(&b, 1, val, 253);
	CHECK_EQ(b.err, 0);
	CHECK_EQ(big[1], 255);

	/* An option that does not fit. */
	kl2tp_ppp_buf_init(&b, buf, 5);
	kl2tp_ppp_put_opt_u32(&b, 3, 1);
	CHECK_EQ(b.err, -ENOSPC);
	CHECK_EQ(b.len, 0);

	/* End without begin. */
	kl2tp_ppp_buf_init(&b, buf, sizeof(buf));
	kl2tp_ppp_cp_end(&b);
	CHECK_EQ(b.err, -EINVAL);

	/* No buffer at all. */
	kl2tp_ppp_buf_init(&b, NULL, 100);
	kl2tp_ppp_put_u8(&b, 1);
	CHECK_EQ(b.err, -ENOSPC);
}

UNIT_TEST(t_names)
{
	CHECK(!strcmp(kl2tp_ppp_proto_name(KL2TP_PPP_LCP), "LCP"));
	CHECK(!strcmp(kl2tp_ppp_proto_name(KL2TP_PPP_IPV6CP), "IPV6CP"));
	CHECK(!strcmp(kl2tp_ppp_proto_name(0x1234), "unknown"));
	CHECK(!strcmp(kl2tp_ppp_code_name(1), "Configure-Request"));
	CHECK(!strcmp(kl2tp_ppp_code_name(0), "unknown"));
	CHECK(!strcmp(kl2tp_ppp_code_name(200), "unknown"));
}

UNIT_MAIN(UNIT_CASE(t_frame_forms), UNIT_CASE(t_frame_bad),
	  UNIT_CASE(t_cp_parse), UNIT_CASE(t_opts), UNIT_CASE(t_builder),
	  UNIT_CASE(t_names))
