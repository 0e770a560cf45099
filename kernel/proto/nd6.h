/* SPDX-License-Identifier: GPL-2.0 */
/*
 * IPv6 Neighbor Discovery messages an LNS exchanges with a user over the
 * session (RFC 4861): the Router Advertisement it sends, with the user's
 * prefix for SLAAC (Prefix Information, L and A set), the link MTU and
 * its DNS servers (RDNSS, RFC 8106); the Router Solicitation it answers.
 *
 * Packets are whole IPv6 packets (fixed header, then ICMPv6), built into
 * and read from the caller's buffer; like the rest of the protocol core
 * nothing here allocates, locks or reads a clock.
 */
#ifndef KL2TP_PROTO_ND6_H
#define KL2TP_PROTO_ND6_H

#include "platform.h"

#define KL2TP_IP6_HDR_LEN	40
#define KL2TP_IP6_ADDR_LEN	16
#define KL2TP_ND6_IID_LEN	8
#define KL2TP_ND6_DNS_MAX	2

/* ICMPv6 (RFC 4443) and Neighbor Discovery (RFC 4861) numbers. */
#define KL2TP_IPPROTO_ICMPV6	58
#define KL2TP_ND6_RS		133
#define KL2TP_ND6_RA		134
#define KL2TP_ND6_OPT_PREFIX	3
#define KL2TP_ND6_OPT_MTU	5
#define KL2TP_ND6_OPT_RDNSS	25

/*
 * RFC 4861 10's router constants (MaxRtrAdvInterval defaults to 600 s,
 * AdvDefaultLifetime to three times it), with RFC 4861 6.2.1's lifetimes
 * for a prefix and RFC 8106 5.1's for DNS servers.
 */
#define KL2TP_ND6_MAX_INTERVAL_S	600
#define KL2TP_ND6_ROUTER_LIFETIME_S	1800
#define KL2TP_ND6_VALID_S		86400
#define KL2TP_ND6_PREFERRED_S		14400
#define KL2TP_ND6_DNS_LIFETIME_S	1800
#define KL2TP_ND6_INITIAL_COUNT		3	/* MAX_INITIAL_RTR_ADVERTISEMENTS */
#define KL2TP_ND6_INITIAL_INTERVAL_S	16	/* MAX_INITIAL_RTR_ADVERT_INTERVAL */

/* The largest Router Advertisement kl2tp_nd6_ra_build() writes. */
#define KL2TP_ND6_RA_MAX	(KL2TP_IP6_HDR_LEN + 16 + 8 + 32 + \
				 8 + KL2TP_ND6_DNS_MAX * KL2TP_IP6_ADDR_LEN)

/**
 * struct kl2tp_nd6_ra - a Router Advertisement
 * @src_iid: the sender's link-local address is fe80:: and this identifier
 * @dst: the destination address, or NULL: all nodes (ff02::1)
 * @router_lifetime: seconds we are the link's default router (0: not)
 * @mtu: the link MTU to announce, or 0: no MTU option
 * @prefix: the user's prefix (no bits beyond @prefix_len), when
 *	@prefix_len is not 0
 * @prefix_len: its length: 64 for SLAAC (RFC 4862 5.5.3)
 * @valid: its valid lifetime, seconds
 * @preferred: its preferred lifetime, seconds (<= @valid)
 * @n_dns: DNS servers in @dns (0..KL2TP_ND6_DNS_MAX; 0: no RDNSS option)
 * @dns: their addresses
 * @dns_lifetime: seconds they may be used
 */
struct kl2tp_nd6_ra {
	u8 src_iid[KL2TP_ND6_IID_LEN];
	const u8 *dst;
	u16 router_lifetime;
	u32 mtu;
	u8 prefix[KL2TP_IP6_ADDR_LEN];
	u8 prefix_len;
	u32 valid;
	u32 preferred;
	u8 n_dns;
	u8 dns[KL2TP_ND6_DNS_MAX][KL2TP_IP6_ADDR_LEN];
	u32 dns_lifetime;
};

/* @addr (16 bytes) := fe80::/64 and the Interface-Identifier @iid. */
static inline void kl2tp_nd6_ll(u8 *addr, const u8 *iid)
{
	memset(addr, 0, KL2TP_IP6_ADDR_LEN);
	addr[0] = 0xfe;
	addr[1] = 0x80;
	memcpy(addr + 8, iid, KL2TP_ND6_IID_LEN);
}

/* Is @addr (16 bytes) link-local, fe80::/10? */
static inline bool kl2tp_nd6_is_ll(const u8 *addr)
{
	return addr[0] == 0xfe && (addr[1] & 0xc0) == 0x80;
}

/*
 * kl2tp_nd6_ra_build() - @ra as an IPv6 packet into @buf (@cap bytes, at
 * most KL2TP_ND6_RA_MAX needed): hop limit 255, ICMPv6 checksum set.
 * Returns its length, -ENOSPC when it does not fit, -EINVAL for an
 * invalid @ra (prefix length over 128, bits beyond it, preferred over
 * valid, too many DNS servers).
 */
int kl2tp_nd6_ra_build(const struct kl2tp_nd6_ra *ra, u8 *buf, size_t cap);

/*
 * kl2tp_nd6_is_rs() - @pkt (@len bytes, an IPv6 packet) is a valid Router
 * Solicitation (RFC 4861 6.1.1): hop limit 255, ICMPv6 type 133 code 0
 * right after the fixed header, at least 8 bytes of it, a correct
 * checksum, options well formed, from a link-local address or from ::
 * (then without a Source Link-Layer Address option).
 */
bool kl2tp_nd6_is_rs(const u8 *pkt, size_t len);

/*
 * kl2tp_ip6_csum() - the ICMPv6 (or other upper-layer, @proto) checksum
 * of @len bytes at @data between @src and @dst (RFC 8200 8.1): 0 when
 * @data already holds a correct one.
 */
u16 kl2tp_ip6_csum(const u8 *src, const u8 *dst, u8 proto, const u8 *data,
		   size_t len);

#endif /* KL2TP_PROTO_ND6_H */
