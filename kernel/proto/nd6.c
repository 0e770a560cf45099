// SPDX-License-Identifier: GPL-2.0
/*
 * IPv6 Neighbor Discovery: the Router Advertisement an LNS sends, the
 * Router Solicitation it answers. See nd6.h.
 */
#include "nd6.h"

static const u8 all_nodes[KL2TP_IP6_ADDR_LEN] = {
	0xff, 0x02, [15] = 0x01,
};

/* RFC 1071 sum of @len bytes at @p into @sum (not folded). */
static u32 csum_add(u32 sum, const u8 *p, size_t len)
{
	size_t i;

	for (i = 0; i + 1 < len; i += 2)
		sum += kl2tp_get_be16(p + i);
	if (len & 1)
		sum += (u32)p[len - 1] << 8;
	return sum;
}

u16 kl2tp_ip6_csum(const u8 *src, const u8 *dst, u8 proto, const u8 *data,
		   size_t len)
{
	u8 ph[8];
	u32 sum;

	kl2tp_put_be32(ph, (u32)len);
	ph[4] = 0;
	ph[5] = 0;
	ph[6] = 0;
	ph[7] = proto;
	sum = csum_add(0, src, KL2TP_IP6_ADDR_LEN);
	sum = csum_add(sum, dst, KL2TP_IP6_ADDR_LEN);
	sum = csum_add(sum, ph, sizeof(ph));
	sum = csum_add(sum, data, len);
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (u16)~sum;
}

/* @a has no bit set beyond its first @len. */
static bool prefix_clean(const u8 *a, u8 len)
{
	unsigned int i;

	for (i = len; i < 128; i++)
		if (a[i / 8] & (0x80 >> (i % 8)))
			return false;
	return true;
}

int kl2tp_nd6_ra_build(const struct kl2tp_nd6_ra *ra, u8 *buf, size_t cap)
{
	size_t len = KL2TP_IP6_HDR_LEN + 16;
	const u8 *dst = ra->dst ? ra->dst : all_nodes;
	u8 *ip = buf, *icmp = buf + KL2TP_IP6_HDR_LEN, *o;
	unsigned int i;

	if (ra->prefix_len > 128 || ra->n_dns > KL2TP_ND6_DNS_MAX ||
	    (ra->prefix_len && (!prefix_clean(ra->prefix, ra->prefix_len) ||
				ra->preferred > ra->valid)))
		return -EINVAL;
	if (ra->mtu)
		len += 8;
	if (ra->prefix_len)
		len += 32;
	if (ra->n_dns)
		len += 8 + ra->n_dns * KL2TP_IP6_ADDR_LEN;
	if (len > cap)
		return -ENOSPC;
	memset(buf, 0, len);

	ip[0] = 0x60;			/* version 6, class 0, flow 0 */
	kl2tp_put_be16(ip + 4, (u16)(len - KL2TP_IP6_HDR_LEN));
	ip[6] = KL2TP_IPPROTO_ICMPV6;
	ip[7] = 255;			/* RFC 4861 6.1.2: hop limit 255 */
	kl2tp_nd6_ll(ip + 8, ra->src_iid);
	memcpy(ip + 24, dst, KL2TP_IP6_ADDR_LEN);

	icmp[0] = KL2TP_ND6_RA;
	/* Cur Hop Limit 0: the user's own; flags M, O clear (design.md) */
	kl2tp_put_be16(icmp + 6, ra->router_lifetime);
	/* Reachable Time and Retrans Timer 0: unspecified */
	o = icmp + 16;
	if (ra->mtu) {
		o[0] = KL2TP_ND6_OPT_MTU;
		o[1] = 1;
		kl2tp_put_be32(o + 4, ra->mtu);
		o += 8;
	}
	if (ra->prefix_len) {
		o[0] = KL2TP_ND6_OPT_PREFIX;
		o[1] = 4;
		o[2] = ra->prefix_len;
		o[3] = 0xc0;		/* L: on link; A: autonomous (SLAAC) */
		kl2tp_put_be32(o + 4, ra->valid);
		kl2tp_put_be32(o + 8, ra->preferred);
		memcpy(o + 16, ra->prefix, KL2TP_IP6_ADDR_LEN);
		o += 32;
	}
	if (ra->n_dns) {
		o[0] = KL2TP_ND6_OPT_RDNSS;
		o[1] = 1 + 2 * ra->n_dns;
		kl2tp_put_be32(o + 4, ra->dns_lifetime);
		for (i = 0; i < ra->n_dns; i++)
			memcpy(o + 8 + i * KL2TP_IP6_ADDR_LEN, ra->dns[i],
			       KL2TP_IP6_ADDR_LEN);
	}
	kl2tp_put_be16(icmp + 2,
		       kl2tp_ip6_csum(ip + 8, ip + 24, KL2TP_IPPROTO_ICMPV6,
				      icmp, len - KL2TP_IP6_HDR_LEN));
	return (int)len;
}

bool kl2tp_nd6_is_rs(const u8 *pkt, size_t len)
{
	static const u8 any[KL2TP_IP6_ADDR_LEN];
	const u8 *icmp = pkt + KL2TP_IP6_HDR_LEN, *o;
	size_t plen, left;
	bool from_any;

	if (len < KL2TP_IP6_HDR_LEN + 8 || (pkt[0] >> 4) != 6 ||
	    pkt[6] != KL2TP_IPPROTO_ICMPV6 || pkt[7] != 255)
		return false;
	plen = kl2tp_get_be16(pkt + 4);
	if (plen < 8 || plen > len - KL2TP_IP6_HDR_LEN)
		return false;
	from_any = !memcmp(pkt + 8, any, sizeof(any));
	if (!from_any && (pkt[8] != 0xfe || (pkt[9] & 0xc0) != 0x80))
		return false;		/* neither fe80::/10 nor :: */
	if (icmp[0] != KL2TP_ND6_RS || icmp[1] != 0 ||
	    kl2tp_ip6_csum(pkt + 8, pkt + 24, KL2TP_IPPROTO_ICMPV6, icmp, plen))
		return false;
	/* RFC 4861 6.1.1: every option of a length above 0, inside */
	o = icmp + 8;
	left = plen - 8;
	while (left) {
		if (left < 8 || !o[1] || (size_t)o[1] * 8 > left)
			return false;
		if (o[0] == 1 && from_any)	/* Source Link-Layer Address */
			return false;
		left -= (size_t)o[1] * 8;
		o += (size_t)o[1] * 8;
	}
	return true;
}
