// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of IPv6 Neighbor Discovery (kernel/proto/nd6.c): a Router
 * Advertisement with every option read back field by field, its ICMPv6
 * checksum checked by a second implementation (32-bit words, folded at the
 * end) and by RFC 1071's property (the sum over a correct message is 0);
 * a bare one; invalid ones refused; Router Solicitations taken (from a
 * link-local address, from :: without a link-layer option) and refused
 * (hop limit, checksum, source, type, code, lengths, options).
 */
#include "unit.h"
#include "nd6.h"

static const u8 iid[8] = { 0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc, 0xde, 0xf0 };
static const u8 pfx[16] = { 0x20, 0x01, 0x0d, 0xb8, 0x01, 0x00, 0x00, 0x07 };
static const u8 dns1[16] = { 0x20, 0x01, 0x0d, 0xb8, [15] = 0x53 };
static const u8 dns2[16] = { 0x20, 0x01, 0x0d, 0xb8, [15] = 0x54 };

/* The checksum another way: 32-bit big-endian words, folded once at the end. */
static u16 csum2(const u8 *src, const u8 *dst, const u8 *msg, size_t len)
{
	u8 buf[512] = { 0 };
	u64 sum = 0;
	size_t n = 40 + len, i;

	memcpy(buf, src, 16);
	memcpy(buf + 16, dst, 16);
	kl2tp_put_be32(buf + 32, (u32)len);
	buf[39] = 58;
	memcpy(buf + 40, msg, len);
	n = (n + 3) & ~(size_t)3;
	for (i = 0; i < n; i += 4)
		sum += kl2tp_get_be32(buf + i);
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (u16)~sum;
}

static void full_ra(struct kl2tp_nd6_ra *ra)
{
	memset(ra, 0, sizeof(*ra));
	memcpy(ra->src_iid, iid, 8);
	ra->router_lifetime = KL2TP_ND6_ROUTER_LIFETIME_S;
	ra->mtu = 1460;
	memcpy(ra->prefix, pfx, 16);
	ra->prefix_len = 64;
	ra->valid = KL2TP_ND6_VALID_S;
	ra->preferred = KL2TP_ND6_PREFERRED_S;
	ra->n_dns = 2;
	memcpy(ra->dns[0], dns1, 16);
	memcpy(ra->dns[1], dns2, 16);
	ra->dns_lifetime = KL2TP_ND6_DNS_LIFETIME_S;
}

UNIT_TEST(t_ra_full)
{
	static const u8 all_nodes[16] = { 0xff, 0x02, [15] = 1 };
	u8 buf[KL2TP_ND6_RA_MAX], saved[2];
	struct kl2tp_nd6_ra ra;
	const u8 *icmp = buf + 40, *o;
	int len;

	full_ra(&ra);
	len = kl2tp_nd6_ra_build(&ra, buf, sizeof(buf));
	CHECK_EQ(len, KL2TP_ND6_RA_MAX);
	CHECK_EQ(buf[0], 0x60);
	CHECK_EQ(kl2tp_get_be16(buf + 4), len - 40);
	CHECK_EQ(buf[6], 58);
	CHECK_EQ(buf[7], 255);
	CHECK_EQ(buf[8], 0xfe);
	CHECK_EQ(buf[9], 0x80);
	CHECK_MEM(buf + 16, iid, 8);
	CHECK_MEM(buf + 24, all_nodes, 16);
	CHECK_EQ(icmp[0], KL2TP_ND6_RA);
	CHECK_EQ(icmp[1], 0);
	CHECK_EQ(icmp[4], 0);			/* Cur Hop Limit: unspecified */
	CHECK_EQ(icmp[5], 0);			/* M, O clear */
	CHECK_EQ(kl2tp_get_be16(icmp + 6), 1800);
	CHECK_EQ(kl2tp_get_be32(icmp + 8), 0);
	CHECK_EQ(kl2tp_get_be32(icmp + 12), 0);
	o = icmp + 16;
	CHECK_EQ(o[0], KL2TP_ND6_OPT_MTU);
	CHECK_EQ(o[1], 1);
	CHECK_EQ(kl2tp_get_be32(o + 4), 1460);
	o += 8;
	CHECK_EQ(o[0], KL2TP_ND6_OPT_PREFIX);
	CHECK_EQ(o[1], 4);
	CHECK_EQ(o[2], 64);
	CHECK_EQ(o[3], 0xc0);
	CHECK_EQ(kl2tp_get_be32(o + 4), 86400);
	CHECK_EQ(kl2tp_get_be32(o + 8), 14400);
	CHECK_EQ(kl2tp_get_be32(o + 12), 0);
	CHECK_MEM(o + 16, pfx, 16);
	o += 32;
	CHECK_EQ(o[0], KL2TP_ND6_OPT_RDNSS);
	CHECK_EQ(o[1], 5);
	CHECK_EQ(kl2tp_get_be16(o + 2), 0);
	CHECK_EQ(kl2tp_get_be32(o + 4), 1800);
	CHECK_MEM(o + 8, dns1, 16);
	CHECK_MEM(o + 24, dns2, 16);
	CHECK(o + 40 == buf + len);
	/* the checksum: right by both sums, wrong once a byte changes */
	CHECK_EQ(kl2tp_ip6_csum(buf + 8, buf + 24, 58, icmp, len - 40), 0);
	memcpy(saved, icmp + 2, 2);
	icmp = buf + 40;
	buf[42] = 0;
	buf[43] = 0;
	CHECK_EQ(csum2(buf + 8, buf + 24, icmp, len - 40),
		 kl2tp_get_be16(saved));
	memcpy(buf + 42, saved, 2);
	buf[len - 1] ^= 1;
	CHECK(kl2tp_ip6_csum(buf + 8, buf + 24, 58, icmp, len - 40) != 0);
}

/* To one address, no option but the prefix; then none at all. */
UNIT_TEST(t_ra_bare)
{
	static const u8 dst[16] = { 0xfe, 0x80, [8] = 0x02, [15] = 0x09 };
	u8 buf[KL2TP_ND6_RA_MAX];
	struct kl2tp_nd6_ra ra;
	int len;

	memset(&ra, 0, sizeof(ra));
	memcpy(ra.src_iid, iid, 8);
	ra.dst = dst;
	memcpy(ra.prefix, pfx, 16);
	ra.prefix_len = 64;
	ra.valid = 100;
	ra.preferred = 100;
	len = kl2tp_nd6_ra_build(&ra, buf, sizeof(buf));
	CHECK_EQ(len, 40 + 16 + 32);
	CHECK_MEM(buf + 24, dst, 16);
	CHECK_EQ(kl2tp_get_be16(buf + 40 + 6), 0);	/* not a default router */
	CHECK_EQ(buf[40 + 16], KL2TP_ND6_OPT_PREFIX);
	CHECK_EQ(kl2tp_ip6_csum(buf + 8, buf + 24, 58, buf + 40, len - 40), 0);
	ra.prefix_len = 0;
	len = kl2tp_nd6_ra_build(&ra, buf, sizeof(buf));
	CHECK_EQ(len, 56);
	CHECK_EQ(kl2tp_get_be16(buf + 4), 16);
	CHECK_EQ(kl2tp_ip6_csum(buf + 8, buf + 24, 58, buf + 40, 16), 0);
}

UNIT_TEST(t_ra_invalid)
{
	u8 buf[KL2TP_ND6_RA_MAX];
	struct kl2tp_nd6_ra ra;

	full_ra(&ra);
	ra.prefix[8] = 1;			/* a bit beyond /64 */
	CHECK_EQ(kl2tp_nd6_ra_build(&ra, buf, sizeof(buf)), -EINVAL);
	ra.prefix_len = 128;			/* the same bit is inside /128 */
	CHECK(kl2tp_nd6_ra_build(&ra, buf, sizeof(buf)) > 0);
	ra.prefix_len = 129;
	CHECK_EQ(kl2tp_nd6_ra_build(&ra, buf, sizeof(buf)), -EINVAL);
	full_ra(&ra);
	ra.preferred = ra.valid + 1;
	CHECK_EQ(kl2tp_nd6_ra_build(&ra, buf, sizeof(buf)), -EINVAL);
	full_ra(&ra);
	ra.n_dns = 3;
	CHECK_EQ(kl2tp_nd6_ra_build(&ra, buf, sizeof(buf)), -EINVAL);
	full_ra(&ra);
	CHECK_EQ(kl2tp_nd6_ra_build(&ra, buf, KL2TP_ND6_RA_MAX - 1), -ENOSPC);
	CHECK_EQ(kl2tp_nd6_ra_build(&ra, buf, 0), -ENOSPC);
}

/* An RS from fe80::9 (or @src) to ff02::2, with @opt (@olen bytes) after it. */
static size_t rs(u8 *buf, const u8 *src, const u8 *opt, size_t olen)
{
	static const u8 ll9[16] = { 0xfe, 0x80, [15] = 9 };
	static const u8 all_routers[16] = { 0xff, 0x02, [15] = 2 };
	size_t plen = 8 + olen;

	memset(buf, 0, 40 + plen);
	buf[0] = 0x60;
	kl2tp_put_be16(buf + 4, (u16)plen);
	buf[6] = 58;
	buf[7] = 255;
	memcpy(buf + 8, src ? src : ll9, 16);
	memcpy(buf + 24, all_routers, 16);
	buf[40] = KL2TP_ND6_RS;
	if (olen)
		memcpy(buf + 48, opt, olen);
	kl2tp_put_be16(buf + 42, kl2tp_ip6_csum(buf + 8, buf + 24, 58,
						buf + 40, plen));
	return 40 + plen;
}

/* Fix the checksum after a change. */
static void resum(u8 *buf)
{
	size_t plen = kl2tp_get_be16(buf + 4);

	buf[42] = 0;
	buf[43] = 0;
	kl2tp_put_be16(buf + 42, kl2tp_ip6_csum(buf + 8, buf + 24, 58,
						buf + 40, plen));
}

UNIT_TEST(t_rs)
{
	static const u8 any[16];
	static const u8 global[16] = { 0x20, 0x01, 0x0d, 0xb8, [15] = 1 };
	static const u8 slla[8] = { 1, 1, 0, 0x11, 0x22, 0x33, 0x44, 0x55 };
	static const u8 other[8] = { 200, 1 };
	static const u8 zero_len[8] = { 1, 0 };
	static const u8 too_long[8] = { 1, 2 };
	u8 buf[128];
	size_t len;

	len = rs(buf, NULL, NULL, 0);
	CHECK(kl2tp_nd6_is_rs(buf, len));
	CHECK(kl2tp_nd6_is_rs(buf, len + 8));	/* trailing bytes: beyond it */
	CHECK(!kl2tp_nd6_is_rs(buf, len - 1));	/* truncated */
	len = rs(buf, NULL, slla, sizeof(slla));
	CHECK(kl2tp_nd6_is_rs(buf, len));
	len = rs(buf, NULL, other, sizeof(other));
	CHECK(kl2tp_nd6_is_rs(buf, len));	/* unknown options: skipped */
	len = rs(buf, any, NULL, 0);
	CHECK(kl2tp_nd6_is_rs(buf, len));
	len = rs(buf, any, slla, sizeof(slla));
	CHECK(!kl2tp_nd6_is_rs(buf, len));	/* RFC 4861 6.1.1 */
	len = rs(buf, global, NULL, 0);
	CHECK(!kl2tp_nd6_is_rs(buf, len));
	len = rs(buf, NULL, zero_len, sizeof(zero_len));
	CHECK(!kl2tp_nd6_is_rs(buf, len));
	len = rs(buf, NULL, too_long, sizeof(too_long));
	CHECK(!kl2tp_nd6_is_rs(buf, len));
	len = rs(buf, NULL, slla, 4);		/* an option cut short */
	CHECK(!kl2tp_nd6_is_rs(buf, len));

	len = rs(buf, NULL, NULL, 0);
	buf[7] = 64;				/* forwarded: not on link */
	CHECK(!kl2tp_nd6_is_rs(buf, len));
	len = rs(buf, NULL, NULL, 0);
	buf[43] ^= 1;
	CHECK(!kl2tp_nd6_is_rs(buf, len));
	len = rs(buf, NULL, NULL, 0);
	buf[41] = 1;				/* code */
	resum(buf);
	CHECK(!kl2tp_nd6_is_rs(buf, len));
	len = rs(buf, NULL, NULL, 0);
	buf[40] = KL2TP_ND6_RA;
	resum(buf);
	CHECK(!kl2tp_nd6_is_rs(buf, len));
	len = rs(buf, NULL, NULL, 0);
	buf[6] = 0;				/* a Hop-by-Hop header first */
	CHECK(!kl2tp_nd6_is_rs(buf, len));
	len = rs(buf, NULL, NULL, 0);
	buf[0] = 0x40;
	CHECK(!kl2tp_nd6_is_rs(buf, len));
	len = rs(buf, NULL, NULL, 0);
	kl2tp_put_be16(buf + 4, 4);		/* shorter than an RS */
	CHECK(!kl2tp_nd6_is_rs(buf, len));
	kl2tp_put_be16(buf + 4, 16);		/* longer than the packet */
	CHECK(!kl2tp_nd6_is_rs(buf, len));
	CHECK(!kl2tp_nd6_is_rs(buf, 47));
}

UNIT_MAIN(UNIT_CASE(t_ra_full), UNIT_CASE(t_ra_bare), UNIT_CASE(t_ra_invalid),
	  UNIT_CASE(t_rs))
