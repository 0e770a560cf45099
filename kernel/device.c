// SPDX-License-Identifier: GPL-2.0
/*
 * kl2tp: session network devices and the data path.
 *
 * Each session whose PPP runs has one device (ARPHRD_PPP, point to point,
 * no ARP) in its tunnel's namespace. IP sent to it goes out as an L2TP
 * data message on the tunnel's UDP socket; data messages received are
 * delivered to it (IP, once the network is up) or queued to the session's
 * PPP engine (everything else). Both directions run without locks: the
 * session is found under RCU, counters are per cpu, routes come from the
 * tunnel's dst cache.
 *
 * Offloads: the device takes TSO/GSO packets with their checksum left to
 * the hardware, and they stay that way through the encapsulation (UDP
 * tunnel GSO, as vxlan does): the underlay segments after encapsulation,
 * or passes the whole packet on (veth). L2TP data headers carry no length
 * and, without sequencing, no per-packet field, so every segment shares
 * one header. With sequencing each segment needs its own Ns: those
 * packets are segmented before encapsulation. Received packets keep their
 * checksum state (CHECKSUM_COMPLETE is carried across the pulled headers)
 * and go through GRO (gro_cells).
 *
 * The device holds a reference on its session; the PPP work creates it
 * when the session starts and unregisters it when the session ends.
 *
 * Shared devices: the sessions of a listener or client configured with
 * "shared-dev NAME" use one device of that name instead, created with the
 * first of them and unregistered with the last (counted under rtnl). No
 * device, sysfs node or per-device IPv4/IPv6 state per call: what a call
 * costs is its session, its PPP and one route (LNS) or address (client).
 * Transmit finds the session by address in the device's table: an LNS
 * session by the route's next hop (the user's address: its host route, or
 * the gateway of its framed routes), a client session by the packet's
 * source (its own address). Such sessions count their own packets
 * (struct kl2tp_sh_stats); the device counts all of them. Addresses and
 * routes: rtnl.c.
 */
#include <linux/kernel.h>
#include <linux/etherdevice.h>
#include <linux/idr.h>
#include <linux/if_arp.h>
#include <linux/inetdevice.h>
#include <linux/ip.h>
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <linux/udp.h>
#include <linux/tcp.h>
#include <net/tcp.h>
#include <net/gro_cells.h>
#include <net/ip.h>
#include <net/ip_tunnels.h>
#include <net/ip6_route.h>
#include <net/ndisc.h>
#include <net/netlink.h>
#include <net/route.h>
#include <net/sock.h>
#include <net/udp_tunnel.h>

#include "kl2tp.h"
#include "socket.h"
#include "tunnel.h"
#include "session.h"
#include "ppp.h"
#include "device.h"
#include "compat.h"
#include "proto/dhcp6.h"
#include "proto/nd6.h"
#include "proto/ppp_frame.h"

struct kl2tp_dev {
	struct kl2tp_session *s;	/* a reference; NULL: shared device */
	struct net_device *dev;
	struct gro_cells gro_cells;
	struct llist_node gc;		/* waiting to be unregistered */
	atomic_long_t rx_errors;
	atomic_long_t rx_seq_drops;
	atomic_long_t tx_errors;
	struct kl2tp_dev_names *names;	/* name_id's allocator, or NULL */
	int name_id;
	/* shared device only */
	unsigned int users;		/* sessions on it, under rtnl */
	spinlock_t sh_lock;		/* writers of sh_table */
	struct hlist_head *sh_table;	/* by kl2tp_session.sh_key, RCU */
	struct mutex cl_lock;		/* clients' addresses on it */
	__be32 cl_addr;			/* the client's that is its address */
	__be32 cl_stale;		/* an ended client's, kept as its address */
	u8 iid[8];			/* LNS: our IPv6 link-local's identifier */
};

/*
 * A fixed table: an rhashtable may refuse an insert (-EBUSY) while it
 * resizes under a burst of calls, which would fail calls for no reason.
 * 4096 heads (32 KiB, one per shared device) keep chains short enough up
 * to the 65,535 sessions a namespace can have.
 */
#define KL2TP_SH_BITS	12

static const struct net_device_ops kl2tp_netdev_ops;
static const struct net_device_ops kl2tp_shdev_ops;

static struct hlist_head *kl2tp_sh_head(struct kl2tp_dev *pd, __be32 key)
{
	return &pd->sh_table[hash_32((__force u32)key, KL2TP_SH_BITS)];
}

/* Under RCU or pd->sh_lock. */
static struct kl2tp_session *kl2tp_sh_lookup(struct kl2tp_dev *pd, __be32 key)
{
	struct kl2tp_session *s;

	hlist_for_each_entry_rcu(s, kl2tp_sh_head(pd, key), sh_node,
				 lockdep_is_held(&pd->sh_lock))
		if (s->sh_key == key)
			return s;
	return NULL;
}

/* What the stack may hand us; see the top of this file. */
#define KL2TP_DEV_FEATURES	(NETIF_F_SG | NETIF_F_HW_CSUM | \
				 NETIF_F_RXCSUM | NETIF_F_HIGHDMA | \
				 (NETIF_F_GSO_SOFTWARE & ~NETIF_F_GSO_FRAGLIST))

bool kl2tp_dev_is_ours(const struct net_device *dev)
{
	return dev->netdev_ops == &kl2tp_netdev_ops ||
	       dev->netdev_ops == &kl2tp_shdev_ops;
}

/*
 * Send @skb (a PPP frame: Address, Control, Protocol, Information) on the
 * session; consumes it. Any context with BHs allowed to be disabled.
 */
int kl2tp_data_xmit(struct kl2tp_session *s, struct sk_buff *skb)
{
	struct kl2tp_tunnel *t = s->tunnel;
	bool seq = READ_ONCE(s->data_seq);
	unsigned int hlen = KL2TP_DATA_HDR_LEN + (seq ? KL2TP_DATA_SEQ_LEN : 0);
	u8 *h;

	if (skb_cow_head(skb, hlen + KL2TP_UDP_HEADROOM)) {
		kfree_skb(skb);
		return -ENOMEM;
	}
	h = __skb_push(skb, hlen);
	kl2tp_data_hdr_put(h, READ_ONCE(t->peer_tid), READ_ONCE(s->peer_sid),
			   seq, seq ? atomic_inc_return(&s->tx_ns) - 1 : 0);
	return kl2tp_udp_xmit(t, skb);
}

/*
 * TCP MSS clamping: lower the MSS option of a SYN (either direction) so
 * that segments fit the session's MTU. @skb->data is the IP header, of
 * skb->protocol: IPv4 (MSS at most MTU - 40) or IPv6 (MTU - 60; TCP
 * right after the fixed header: a SYN with extension headers is left).
 */
static void kl2tp_mss_clamp(struct sk_buff *skb, unsigned int mtu)
{
	unsigned int ihl, thl, i, max;
	const struct ipv6hdr *ip6h;
	const struct iphdr *iph;
	struct tcphdr *th;
	u16 mss;
	u8 *opt;

	if (skb->protocol == htons(ETH_P_IPV6)) {
		if (!pskb_may_pull(skb, sizeof(*ip6h)))
			return;
		ip6h = (const struct ipv6hdr *)skb->data;
		if (ip6h->nexthdr != IPPROTO_TCP)
			return;
		ihl = sizeof(*ip6h);
		max = mtu - 60;
	} else {
		if (!pskb_may_pull(skb, sizeof(*iph)))
			return;
		iph = (const struct iphdr *)skb->data;
		ihl = iph->ihl * 4;
		if (iph->protocol != IPPROTO_TCP || ihl < sizeof(*iph) ||
		    (iph->frag_off & htons(IP_OFFSET)))
			return;
		max = mtu - 40;
	}
	if (!pskb_may_pull(skb, ihl + sizeof(*th)))
		return;
	th = (struct tcphdr *)(skb->data + ihl);
	thl = th->doff * 4;
	if (!th->syn || thl <= sizeof(*th) ||
	    skb_ensure_writable(skb, ihl + thl))
		return;
	th = (struct tcphdr *)(skb->data + ihl);
	opt = (u8 *)(th + 1);
	thl -= sizeof(*th);
	for (i = 0; i < thl && opt[i] != TCPOPT_EOL;) {
		if (opt[i] == TCPOPT_NOP) {
			i++;
			continue;
		}
		if (i + 1 >= thl || opt[i + 1] < 2 || i + opt[i + 1] > thl)
			return;
		if (opt[i] == TCPOPT_MSS && opt[i + 1] == TCPOLEN_MSS) {
			mss = get_unaligned_be16(opt + i + 2);
			if (mss <= max)
				return;
			put_unaligned_be16(max, opt + i + 2);
			inet_proto_csum_replace2(&th->check, skb, htons(mss),
						 htons(max), false);
			return;
		}
		i += opt[i + 1];
	}
}

/* The MTU @s has on @pd: the device's own, or the session's on a shared one. */
static unsigned int kl2tp_sess_mtu(const struct kl2tp_dev *pd,
				   const struct kl2tp_session *s)
{
	return pd->s ? pd->dev->mtu : READ_ONCE(s->sh_mtu);
}

/* A packet for @s that could not go: counted on the device and the session. */
static void kl2tp_tx_error(struct kl2tp_dev *pd, struct kl2tp_session *s)
{
	atomic_long_inc(&pd->tx_errors);
	if (!pd->s)
		atomic_long_inc(&s->sh_stats.tx_errors);
}

/*
 * One IP packet (IPv4 or IPv6, as skb->protocol says; not GSO, or GSO
 * without sequencing) onto the tunnel.
 */
static void kl2tp_dev_xmit_one(struct kl2tp_dev *pd, struct kl2tp_session *s,
			       struct sk_buff *skb)
{
	struct net_device *dev = pd->dev;
	unsigned int len = skb->len;
	u8 *p;

	if (skb_cow_head(skb, KL2TP_PPP_HDR_LEN + KL2TP_DATA_HDR_MAX +
				  KL2TP_UDP_HEADROOM))
		goto drop;
	/* the inner headers start at the IP header: no link header here */
	skb_reset_mac_header(skb);
	if (udp_tunnel_handle_offloads(skb, true))
		goto drop;
	skb_set_inner_protocol(skb, skb->protocol);
	/* Address and Control always: RFC 1661 6.6 lets us, peers expect it */
	p = __skb_push(skb, KL2TP_PPP_HDR_LEN);
	p[0] = KL2TP_PPP_ADDRESS;
	p[1] = KL2TP_PPP_CONTROL;
	put_unaligned_be16(skb->protocol == htons(ETH_P_IPV6) ?
			   KL2TP_PPP_IPV6 : KL2TP_PPP_IP, p + 2);
	/* counted here: iptunnel_xmit() would count it again on skb->dev */
	skb->dev = NULL;
	if (kl2tp_data_xmit(s, skb))
		goto err;
	dev_sw_netstats_tx_add(dev, 1, len);
	if (!pd->s) {
		atomic_long_inc(&s->sh_stats.tx_packets);
		atomic_long_add(len, &s->sh_stats.tx_bytes);
	}
	return;
drop:
	kfree_skb(skb);
err:
	kl2tp_tx_error(pd, s);
}

/*
 * An IP packet from the stack onto session @s of device @pd: IPv4 while
 * IPCP is up, IPv6 while IPV6CP is.
 */
static netdev_tx_t kl2tp_sess_xmit(struct kl2tp_dev *pd, struct kl2tp_session *s,
				   struct sk_buff *skb)
{
	struct sk_buff *segs, *next;
	bool up;

	if (skb->protocol == htons(ETH_P_IP))
		up = READ_ONCE(s->net_up);
	else if (skb->protocol == htons(ETH_P_IPV6))
		up = READ_ONCE(s->net6_up);
	else
		up = false;
	if (!up || test_bit(KL2TP_SF_DEAD, &s->flags))
		goto drop;
	if (READ_ONCE(s->mss_clamp))
		kl2tp_mss_clamp(skb, kl2tp_sess_mtu(pd, s));
	/*
	 * Sequencing turned on after kl2tp_dev_features_check() let this
	 * one through whole: every segment needs its own Ns.
	 */
	if (skb_is_gso(skb) && READ_ONCE(s->data_seq)) {
		segs = skb_gso_segment(skb, 0);
		if (IS_ERR_OR_NULL(segs))
			goto drop;
		consume_skb(skb);
		skb_list_walk_safe(segs, skb, next) {
			skb_mark_not_on_list(skb);
			kl2tp_dev_xmit_one(pd, s, skb);
		}
		return NETDEV_TX_OK;
	}
	kl2tp_dev_xmit_one(pd, s, skb);
	return NETDEV_TX_OK;
drop:
	kl2tp_tx_error(pd, s);
	kfree_skb(skb);
	return NETDEV_TX_OK;
}

static netdev_tx_t kl2tp_dev_xmit(struct sk_buff *skb, struct net_device *dev)
{
	struct kl2tp_dev *pd = netdev_priv(dev);

	return kl2tp_sess_xmit(pd, pd->s, skb);
}

/* A packet a shared device has no session for: dropped, counted. */
static netdev_tx_t kl2tp_shdev_drop(struct kl2tp_dev *pd, struct sk_buff *skb)
{
	atomic_long_inc(&pd->tx_errors);
	kfree_skb(skb);
	return NETDEV_TX_OK;
}

/*
 * IPv6 on a shared device (LNS): the session whose user the route's next
 * hop names (kl2tp_shdev_gw6()). What the stack sends to a multicast group
 * (MLD) goes nowhere, uncounted: no user is the group.
 */
static netdev_tx_t kl2tp_shdev_xmit6(struct kl2tp_dev *pd, struct sk_buff *skb)
{
	const struct in6_addr *nh;
	struct kl2tp_session *s;
	struct dst_entry *dst;
	__be32 key;

	if (!pskb_may_pull(skb, sizeof(struct ipv6hdr)))
		goto drop;
	nh = &ipv6_hdr(skb)->daddr;
	if (ipv6_addr_is_multicast(nh)) {
		consume_skb(skb);
		return NETDEV_TX_OK;
	}
	dst = skb_dst(skb);
	if (dst)
		nh = rt6_nexthop(container_of(dst, struct rt6_info, dst), nh);
	if (!kl2tp_shdev_gw6_key(nh, &key))
		goto drop;
	s = kl2tp_sh_lookup(pd, key);
	if (!s || s->originator)
		goto drop;
	return kl2tp_sess_xmit(pd, s, skb);
drop:
	return kl2tp_shdev_drop(pd, skb);
}

/*
 * A shared device (under rcu_read_lock_bh, as every ndo_start_xmit): the
 * session whose user the route's next hop is (LNS), else the one whose
 * address the source is (client). Sessions leave the table before their
 * RCU-deferred free.
 */
static netdev_tx_t kl2tp_shdev_xmit(struct sk_buff *skb, struct net_device *dev)
{
	struct kl2tp_dev *pd = netdev_priv(dev);
	const struct iphdr *iph;
	struct kl2tp_session *s;
	struct rtable *rt;
	__be32 key;

	if (skb->protocol == htons(ETH_P_IPV6))
		return kl2tp_shdev_xmit6(pd, skb);
	if (skb->protocol != htons(ETH_P_IP) ||
	    !pskb_may_pull(skb, sizeof(*iph)))
		goto drop;
	iph = (const struct iphdr *)skb->data;
	rt = skb_rtable(skb);
	key = rt ? rt_nexthop(rt, iph->daddr) : iph->daddr;
	s = kl2tp_sh_lookup(pd, key);
	if (!s || s->originator) {
		s = kl2tp_sh_lookup(pd, iph->saddr);
		if (!s || !s->originator)
			goto drop;
	}
	return kl2tp_sess_xmit(pd, s, skb);
drop:
	return kl2tp_shdev_drop(pd, skb);
}

/* With data sequencing the stack segments before our xmit: one Ns each. */
static netdev_features_t kl2tp_dev_features_check(struct sk_buff *skb,
						  struct net_device *dev,
						  netdev_features_t features)
{
	struct kl2tp_dev *pd = netdev_priv(dev);

	if (READ_ONCE(pd->s->data_seq))
		features &= ~NETIF_F_GSO_MASK;
	return features;
}

static __be32 kl2tp_ip_src(const struct sk_buff *skb)
{
	return ((const struct iphdr *)skb->data)->saddr;
}

/*
 * LNS: may the user of @s send from @ip? Its address @src, or one inside
 * its framed routes (published with net_up, as @src is).
 */
static bool kl2tp_src_ok(const struct kl2tp_session *s, __be32 src, __be32 ip)
{
	unsigned int i, n = READ_ONCE(s->n_rx_routes);

	if (ip == src)
		return true;
	for (i = 0; i < n && i < KL2TP_ROUTES_MAX; i++) {
		const struct kl2tp_route *r = &s->rx_routes[i];

		if (!((ip ^ r->prefix) & inet_make_mask(r->len)))
			return true;
	}
	return false;
}

/*
 * LNS: may the user of @s send the IPv6 packet at @skb->data (its fixed
 * header pulled)? From its link-local address (fe80:: and the identifier
 * IPV6CP gave it), from inside its prefix, or from :: (ICMPv6 to a
 * multicast group only: Duplicate Address Detection). (Its Router Advertisements and Redirects
 * are ignored by the device: kl2tp_ppp_dev6_server().)
 */
static bool kl2tp_src6_ok(const struct kl2tp_session *s, struct sk_buff *skb)
{
	const struct ipv6hdr *ip6h = (const struct ipv6hdr *)skb->data;
	const struct in6_addr *a = &ip6h->saddr;
	u8 len = READ_ONCE(s->rx6_pfx_len);
	u8 pd_len = READ_ONCE(s->rx6_pd_len);

	if (a->s6_addr32[0] == htonl(0xfe800000) && !a->s6_addr32[1])
		return !memcmp(&a->s6_addr[8], s->rx6_ifid,
			       sizeof(s->rx6_ifid));
	if (ipv6_addr_any(a))
		return ip6h->nexthdr == IPPROTO_ICMPV6 &&
		       ipv6_addr_is_multicast(&ip6h->daddr);
	return (len && ipv6_prefix_equal(a, &s->rx6_pfx, len)) ||
	       (pd_len && ipv6_prefix_equal(a, &s->rx6_pd, pd_len));
}

/*
 * Is the IPv6 packet @off bytes into @skb an ICMPv6 Router Solicitation
 * right after its fixed header? (A first look: the PPP work checks it
 * whole, kl2tp_nd6_is_rs().) May reallocate the skb's head.
 */
static bool kl2tp_rx_is_rs(struct sk_buff *skb, unsigned int off)
{
	const u8 *p;

	if (!pskb_may_pull(skb, off + sizeof(struct ipv6hdr) + 1))
		return false;
	p = skb->data + off;
	return p[6] == IPPROTO_ICMPV6 &&
	       p[sizeof(struct ipv6hdr)] == NDISC_ROUTER_SOLICITATION;
}

#define KL2TP_DHCP6_RX_HZ	10	/* DHCPv6 messages a session takes a second */

/*
 * Is the IPv6 packet @off bytes into @skb DHCPv6 on the link: UDP to port
 * @port right after its fixed header, from a link-local address to one
 * (or, to the server, to All_DHCP_Relay_Agents_and_Servers)? (A first
 * look, as kl2tp_rx_is_rs(); the rest is the work's.)
 */
static bool kl2tp_rx_is_dhcp6(struct sk_buff *skb, unsigned int off, u16 port)
{
	static const u8 servers[16] = KL2TP_DHCP6_SERVERS_ADDR;
	const struct ipv6hdr *ip6h;

	if (!pskb_may_pull(skb, off + sizeof(struct ipv6hdr) +
			   sizeof(struct udphdr)))
		return false;
	ip6h = (const struct ipv6hdr *)(skb->data + off);
	if (ip6h->nexthdr != IPPROTO_UDP ||
	    get_unaligned_be16((const u8 *)(ip6h + 1) + 2) != port ||
	    !kl2tp_nd6_is_ll(ip6h->saddr.s6_addr))
		return false;
	if (kl2tp_nd6_is_ll(ip6h->daddr.s6_addr))
		return true;
	return port == KL2TP_DHCP6_SERVER_PORT &&
	       !memcmp(&ip6h->daddr, servers, sizeof(servers));
}

/* Data sequence check (RFC 2661 5.4): drop what is older than expected. */
static bool kl2tp_data_seq_ok(struct kl2tp_session *s, u16 ns)
{
	u16 nr = READ_ONCE(s->rx_nr);

	if ((s16)(ns - nr) < 0)
		return false;
	WRITE_ONCE(s->rx_nr, ns + 1);
	return true;
}

/*
 * An IP packet of @s (skb->data at its header, of @proto) into the stack
 * on the session's device: 0, or -EINVAL when it cannot be (the skb is
 * still the caller's).
 */
static int kl2tp_rx_deliver(struct kl2tp_dev *pd, struct kl2tp_session *s,
			    struct sk_buff *skb, __be16 proto)
{
	struct net_device *dev = pd->dev;
	unsigned int len;

	skb_scrub_packet(skb, false);
	/* a GSO packet from a local peer (veth) is one packet now */
	if (iptunnel_pull_offloads(skb))
		return -EINVAL;
	skb_reset_mac_header(skb);
	skb_reset_network_header(skb);
	skb->protocol = proto;
	skb->pkt_type = PACKET_HOST;
	skb->dev = dev;
	if (READ_ONCE(s->mss_clamp))
		kl2tp_mss_clamp(skb, kl2tp_sess_mtu(pd, s));
	len = skb->len;
	/* a drop in gro_cells_receive() is counted by the core */
	if (gro_cells_receive(&pd->gro_cells, skb) != NET_RX_SUCCESS)
		return 0;
	dev_sw_netstats_rx_add(dev, len);
	if (!pd->s) {
		atomic_long_inc(&s->sh_stats.rx_packets);
		atomic_long_add(len, &s->sh_stats.rx_bytes);
	}
	return 0;
}

/*
 * A data message (T clear) from encap_rcv, skb->data at the L2TP header,
 * under rcu_read_lock in softirq. Always consumes the skb; returns 0.
 */
int kl2tp_data_rcv(struct kl2tp_sock *ks, struct sk_buff *skb)
{
	struct kl2tp_session *s = NULL;
	struct kl2tp_hashes *hs;
	struct net_device *dev;
	struct kl2tp_ppp_frame f;
	struct kl2tp_dev *pd;
	struct kl2tp_hdr h;
	unsigned int plen;

	if (!pskb_may_pull(skb, min_t(unsigned int, skb->len,
				      KL2TP_HDR_MAX_LEN)))
		goto drop;
	if (kl2tp_hdr_parse(&h, skb->data, skb->len, 0) ||
	    h.payload_len < 2)
		goto drop;
	hs = kl2tp_hashes(ks->kn);
	if (!hs)
		goto drop;	/* no tunnel yet: a listener's socket */
	hash_for_each_possible_rcu(hs->session, s, hnode, h.session_id)
		if (s->sid == h.session_id)
			break;
	if (!s || s->tunnel->tid != h.tunnel_id || s->tunnel->ks != ks ||
	    !kl2tp_sa_skb_src(&s->tunnel->raddr, skb) ||
	    test_bit(KL2TP_SF_DEAD, &s->flags)) {
		union kl2tp_sa from;

		kl2tp_sa_from_skb(&from, skb, true);
		net_dbg_ratelimited("error: data for unknown session %u/%u from %pISc\n",
				    h.tunnel_id, h.session_id, &from.sa);
		goto drop;
	}
	dev = READ_ONCE(s->dev);
	pd = dev ? netdev_priv(dev) : NULL;
	plen = h.payload_len;
	/* the offset pad may run past the linear part */
	if (!pskb_may_pull(skb, h.payload_off))
		goto drop;
	if (h.flags & KL2TP_HDR_S) {
		/* RFC 2661 5.4: once the peer sends Ns, so do we */
		if (!READ_ONCE(s->data_seq))
			WRITE_ONCE(s->data_seq, true);
		if (!kl2tp_data_seq_ok(s, h.ns)) {
			if (pd)
				atomic_long_inc(&pd->rx_seq_drops);
			if (pd && !pd->s)
				atomic_long_inc(&s->sh_stats.rx_seq_drops);
			goto drop_quiet;
		}
	}
	skb_pull_rcsum(skb, h.payload_off);
	if (pskb_trim_rcsum(skb, plen))
		goto drop;
	if (!pskb_may_pull(skb, min_t(unsigned int, skb->len,
				      KL2TP_PPP_HDR_LEN)) ||
	    kl2tp_ppp_frame_parse(&f, skb->data, skb_headlen(skb)))
		goto bad;
	/* pairs with kl2tp_ppp_net_up(): rx_src is set before net_up */
	if (f.proto == KL2TP_PPP_IP && dev && smp_load_acquire(&s->net_up)) {
		__be32 src = READ_ONCE(s->rx_src);

		skb_pull_rcsum(skb, f.data - skb->data);
		/* an LNS takes from each user only its own addresses */
		if (src && (!pskb_may_pull(skb, sizeof(struct iphdr)) ||
			    !kl2tp_src_ok(s, src, kl2tp_ip_src(skb))))
			goto bad;
		if (kl2tp_rx_deliver(pd, s, skb, htons(ETH_P_IP)))
			goto bad;
		return 0;
	}
	/* pairs with kl2tp_ppp_net6_up(): the source check is set before */
	if (f.proto == KL2TP_PPP_IPV6 && dev && smp_load_acquire(&s->net6_up)) {
		unsigned int off = f.data - skb->data;

		/*
		 * an LNS answers Router Solicitations from its PPP work, one
		 * a second: the rest of a flood is dropped here, counted
		 */
		if (READ_ONCE(s->rx6_check) && kl2tp_rx_is_rs(skb, off)) {
			if (time_before(jiffies, READ_ONCE(s->rs_next)))
				goto drop;
			WRITE_ONCE(s->rs_next, jiffies + HZ);
			kl2tp_ppp_rx(s, skb);
			return 0;
		}
		/*
		 * DHCPv6 (prefix delegation) is the PPP work's too, the
		 * server's end (LNS) or the client's: at most
		 * KL2TP_DHCP6_RX_HZ messages a second, the rest dropped here
		 */
		if (READ_ONCE(s->rx6_dhcp) &&
		    kl2tp_rx_is_dhcp6(skb, off, READ_ONCE(s->rx6_check) ?
				      KL2TP_DHCP6_SERVER_PORT :
				      KL2TP_DHCP6_CLIENT_PORT)) {
			if (time_before(jiffies, READ_ONCE(s->dhcp6_next)))
				goto drop;
			WRITE_ONCE(s->dhcp6_next,
				   jiffies + HZ / KL2TP_DHCP6_RX_HZ);
			kl2tp_ppp_rx(s, skb);
			return 0;
		}
		skb_pull_rcsum(skb, off);
		if (READ_ONCE(s->rx6_check) &&
		    (!pskb_may_pull(skb, sizeof(struct ipv6hdr)) ||
		     !kl2tp_src6_ok(s, skb)))
			goto bad;
		if (kl2tp_rx_deliver(pd, s, skb, htons(ETH_P_IPV6)))
			goto bad;
		return 0;
	}
	kl2tp_ppp_rx(s, skb);
	return 0;
bad:
	if (pd)
		atomic_long_inc(&pd->rx_errors);
	if (pd && !pd->s)
		atomic_long_inc(&s->sh_stats.rx_errors);
drop:
	atomic64_inc(&ks->rx_drops);
drop_quiet:
	kfree_skb(skb);
	return 0;
}

static int kl2tp_dev_init(struct net_device *dev)
{
	struct kl2tp_dev *pd = netdev_priv(dev);
	int ret;

	dev->tstats = kl2tp_fail() ? NULL :
		netdev_alloc_pcpu_stats(struct pcpu_sw_netstats);
	if (!dev->tstats)
		return -ENOMEM;
	ret = kl2tp_fail() ? -ENOMEM : gro_cells_init(&pd->gro_cells, dev);
	if (ret) {
		free_percpu(dev->tstats);
		dev->tstats = NULL;
	}
	return ret;
}

static void kl2tp_dev_uninit(struct net_device *dev)
{
	struct kl2tp_dev *pd = netdev_priv(dev);

	gro_cells_destroy(&pd->gro_cells);
	free_percpu(dev->tstats);
	dev->tstats = NULL;
}

static void kl2tp_dev_get_stats64(struct net_device *dev,
				  struct rtnl_link_stats64 *st)
{
	struct kl2tp_dev *pd = netdev_priv(dev);

	if (dev->tstats)	/* NULL once ndo_uninit ran */
		dev_fetch_sw_netstats(st, dev->tstats);
	st->rx_errors = atomic_long_read(&pd->rx_errors);
	st->rx_dropped = atomic_long_read(&pd->rx_seq_drops);
	st->tx_errors = atomic_long_read(&pd->tx_errors);
}

static const struct net_device_ops kl2tp_netdev_ops = {
	.ndo_init = kl2tp_dev_init,
	.ndo_uninit = kl2tp_dev_uninit,
	.ndo_start_xmit = kl2tp_dev_xmit,
	.ndo_features_check = kl2tp_dev_features_check,
	.ndo_get_stats64 = kl2tp_dev_get_stats64,
};

static void kl2tp_dev_setup(struct net_device *dev)
{
	dev->netdev_ops = &kl2tp_netdev_ops;
	dev->type = ARPHRD_PPP;
	dev->flags = IFF_POINTOPOINT | IFF_NOARP | IFF_MULTICAST;
	dev->hard_header_len = 0;
	dev->addr_len = 0;
	dev->mtu = KL2TP_DEFAULT_MTU;
	dev->min_mtu = 68;
	dev->max_mtu = KL2TP_PPP_MAX_MRU;
	dev->tx_queue_len = 0;
	dev->priv_flags |= IFF_NO_QUEUE;
	kl2tp_dev_set_local_lltx(dev);
	dev->features |= KL2TP_DEV_FEATURES;
	dev->hw_features |= KL2TP_DEV_FEATURES;
	dev->needed_headroom = KL2TP_PPP_HDR_LEN + KL2TP_DATA_HDR_MAX +
			       KL2TP_UDP_HEADROOM;
}

static int kl2tp_shdev_init(struct net_device *dev)
{
	struct kl2tp_dev *pd = netdev_priv(dev);
	int ret;

	spin_lock_init(&pd->sh_lock);
	mutex_init(&pd->cl_lock);
	get_random_bytes(pd->iid, sizeof(pd->iid));
	pd->iid[0] &= ~0x02;	/* not a universal one (RFC 4291 2.5.1) */
	pd->sh_table = kl2tp_fail() ? NULL :
		kvcalloc(1 << KL2TP_SH_BITS, sizeof(*pd->sh_table),
			 GFP_KERNEL_ACCOUNT);
	if (!pd->sh_table)
		return -ENOMEM;
	ret = kl2tp_dev_init(dev);
	if (ret) {
		kvfree(pd->sh_table);
		pd->sh_table = NULL;
	}
	return ret;
}

static void kl2tp_shdev_uninit(struct net_device *dev)
{
	struct kl2tp_dev *pd = netdev_priv(dev);

	kl2tp_dev_uninit(dev);
	/* empty: each session left it before its put (kl2tp_shdev_put()) */
	kvfree(pd->sh_table);
	pd->sh_table = NULL;
	mutex_destroy(&pd->cl_lock);
}

static const struct net_device_ops kl2tp_shdev_ops = {
	.ndo_init = kl2tp_shdev_init,
	.ndo_uninit = kl2tp_shdev_uninit,
	.ndo_start_xmit = kl2tp_shdev_xmit,
	.ndo_get_stats64 = kl2tp_dev_get_stats64,
};

static void kl2tp_shdev_setup(struct net_device *dev)
{
	kl2tp_dev_setup(dev);
	dev->netdev_ops = &kl2tp_shdev_ops;
	/* many peers, each behind a route: not a point-to-point link */
	dev->flags = IFF_NOARP | IFF_MULTICAST;
	/* transmit reads the route's next hop (kl2tp_shdev_xmit()) */
	netif_keep_dst(dev);
	dev->needs_free_netdev = true;
}

/*
 * Process context, no locks held: the shared device @name of @net, made
 * (up, with @mtu) if it does not exist yet; counts one more session on
 * it. -EEXIST: a device of that name that is not a shared kl2tp device.
 */
struct net_device *kl2tp_shdev_get(struct net *net, const char *name, u32 mtu)
{
	struct net_device *dev;
	struct kl2tp_dev *pd;
	int ret;

	rtnl_lock();
	dev = __dev_get_by_name(net, name);
	if (dev) {
		ret = -EEXIST;
		if (dev->netdev_ops != &kl2tp_shdev_ops)
			goto err;
		pd = netdev_priv(dev);
		pd->users++;
		goto out;
	}
	ret = -ENOMEM;
	dev = kl2tp_fail() ? NULL :
		alloc_netdev(sizeof(*pd), name, NET_NAME_USER, kl2tp_shdev_setup);
	if (!dev)
		goto err;
	dev_net_set(dev, net);
	dev->mtu = mtu;
	pd = netdev_priv(dev);
	pd->dev = dev;
	pd->users = 1;
	ret = register_netdevice(dev);
	if (ret) {
		free_netdev(dev);
		goto err;
	}
	ret = dev_open(dev, NULL);
	if (ret) {
		unregister_netdevice(dev);	/* freed: needs_free_netdev */
		goto err;
	}
	netif_carrier_on(dev);
out:
	rtnl_unlock();
	return dev;
err:
	rtnl_unlock();
	return ERR_PTR(ret);
}

/*
 * Process context, no locks held: one session less on @dev (it left the
 * table already); the last one unregisters it. The caller cleared its
 * session's dev first; readers that still see it are inside RCU sections,
 * which the unregistration waits for.
 */
void kl2tp_shdev_put(struct net_device *dev)
{
	struct kl2tp_dev *pd = netdev_priv(dev);

	rtnl_lock();
	if (!--pd->users)
		unregister_netdevice(dev);
	rtnl_unlock();
}

/*
 * Put @s into @dev's table under @key (LNS: the user's address; client:
 * ours). -EEXIST when another session of the device has that address.
 */
int kl2tp_shdev_link(struct net_device *dev, struct kl2tp_session *s,
		     __be32 key)
{
	struct kl2tp_dev *pd = netdev_priv(dev);
	int ret = -EEXIST;

	spin_lock_bh(&pd->sh_lock);
	if (!kl2tp_sh_lookup(pd, key)) {
		s->sh_key = key;
		hlist_add_head_rcu(&s->sh_node, kl2tp_sh_head(pd, key));
		ret = 0;
	}
	spin_unlock_bh(&pd->sh_lock);
	return ret;
}

/* @s was linked to @dev (kl2tp_shdev_link() returned 0). */
void kl2tp_shdev_unlink(struct net_device *dev, struct kl2tp_session *s)
{
	struct kl2tp_dev *pd = netdev_priv(dev);

	spin_lock_bh(&pd->sh_lock);
	hlist_del_rcu(&s->sh_node);
	spin_unlock_bh(&pd->sh_lock);
}

bool kl2tp_dev_is_shared(const struct net_device *dev)
{
	return dev->netdev_ops == &kl2tp_shdev_ops;
}

/* The identifier of shared device @dev's link-local address, fe80::IID. */
void kl2tp_shdev_iid(const struct net_device *dev, u8 *iid)
{
	const struct kl2tp_dev *pd = netdev_priv(dev);

	memcpy(iid, pd->iid, sizeof(pd->iid));
}

/* LNS, process context: @local on the shared device unless it is there. */
int kl2tp_shdev_local(struct net *net, struct net_device *dev, __be32 local)
{
	const struct in_ifaddr *ifa;
	struct in_device *in_dev;
	bool found = false;

	rtnl_lock();
	in_dev = __in_dev_get_rtnl(dev);
	if (in_dev)
		in_dev_for_each_ifa_rtnl(ifa, in_dev)
			if (ifa->ifa_local == local)
				found = true;
	rtnl_unlock();
	return found ? 0 : kl2tp_addr_add(net, dev->ifindex, local, local);
}

/*
 * The LNS's own addresses for sessions with a device each: on the
 * namespace's loopback device, once, for as long as a session uses one.
 * On every session device (as pppd does) each call would walk the FIB
 * aliases of that one local address and, in check_lifetime(), every
 * address of the namespace: O(n) per call. A session's device carries a
 * route to its user with the address as source instead.
 */
struct kl2tp_local {
	struct list_head node;		/* in kl2tp_net.locals */
	__be32 addr;
	unsigned int refs;
	bool owned;			/* we added it: we delete it */
};

/*
 * Under kn->local_lock: @l's address on lo unless it is local already
 * (the tunnel's, one the operator put on lo, ours from before). Checked
 * for each session: the address may have gone since (the device that
 * had it, lo flushed), and with it every route from it.
 */
static int kl2tp_local_ensure(struct kl2tp_net *kn, struct kl2tp_local *l)
{
	struct net *net = kn->net;
	int ret;

	lockdep_assert_held(&kn->local_lock);
	if (inet_addr_type(net, l->addr) == RTN_LOCAL)
		return 0;
	ret = kl2tp_addr_add_excl(net, net->loopback_dev->ifindex, l->addr);
	if (!ret)
		l->owned = true;
	return ret == -EEXIST ? 0 : ret;
}

static struct kl2tp_local *kl2tp_local_find(struct kl2tp_net *kn,
					    __be32 addr)
{
	struct kl2tp_local *l;

	lockdep_assert_held(&kn->local_lock);
	list_for_each_entry(l, &kn->locals, node)
		if (l->addr == addr)
			return l;
	return NULL;
}

/*
 * Process context, no kl2tp lock held: @addr is local in @kn's namespace
 * until kl2tp_local_put(). An address local already is used as it is,
 * and left there.
 */
int kl2tp_local_get(struct kl2tp_net *kn, __be32 addr)
{
	struct kl2tp_local *l, *new = NULL;
	int ret;

	mutex_lock(&kn->local_lock);
	l = kl2tp_local_find(kn, addr);
	if (!l) {
		new = kl2tp_fail() ? NULL : kzalloc(sizeof(*new), GFP_KERNEL);
		if (!new) {
			ret = -ENOMEM;
			goto out;
		}
		new->addr = addr;
		l = new;
	}
	ret = kl2tp_local_ensure(kn, l);
	if (ret) {
		kfree(new);
		goto out;
	}
	if (new)
		list_add(&new->node, &kn->locals);
	l->refs++;
out:
	mutex_unlock(&kn->local_lock);
	return ret;
}

/* Undo kl2tp_local_get(): the last user deletes what it added. */
void kl2tp_local_put(struct kl2tp_net *kn, __be32 addr)
{
	struct net *net = kn->net;
	struct kl2tp_local *l;
	int ret;

	mutex_lock(&kn->local_lock);
	l = kl2tp_local_find(kn, addr);
	if (l && !--l->refs) {
		if (l->owned) {
			ret = kl2tp_addr_del(net, net->loopback_dev->ifindex,
					     addr, addr);
			if (ret && ret != -EADDRNOTAVAIL)
				net_warn_ratelimited("%pI4 left on lo: %d\n",
						     &addr, ret);
		}
		list_del(&l->node);
		kfree(l);
	}
	mutex_unlock(&kn->local_lock);
}

/* Namespace exit: every session is gone, and with it every reference. */
void kl2tp_locals_uninit(struct kl2tp_net *kn)
{
	struct kl2tp_local *l, *tmp;

	WARN_ON(!list_empty(&kn->locals));
	list_for_each_entry_safe(l, tmp, &kn->locals, node)
		kfree(l);
}

/*
 * Client sessions on a shared device, process context, the session linked
 * under @addr: the first one's address is the device's IPv4 address (the
 * source the kernel picks for a socket that names none), every other one
 * is local through a route (kl2tp_local_add()): an address added walks
 * every address and nexthop of the device, O(n) per call. -EEXIST from
 * the route is one that an earlier call's failed delete left: the same.
 * The device's address replaces a stale one (see below) and a local route
 * to it that a failed delete left.
 */
int kl2tp_shdev_client_up(struct net *net, struct net_device *dev,
			  __be32 addr)
{
	struct kl2tp_dev *pd = netdev_priv(dev);
	int ret = 0;

	mutex_lock(&pd->cl_lock);
	if (!pd->cl_addr) {
		ret = kl2tp_addr_add(net, dev->ifindex, addr, addr);
		if (ret)
			goto out;
		pd->cl_addr = addr;
		kl2tp_local_del(net, dev->ifindex, addr);
		if (pd->cl_stale && pd->cl_stale != addr)
			kl2tp_addr_del(net, dev->ifindex, pd->cl_stale,
				       pd->cl_stale);
		pd->cl_stale = 0;
	} else if (pd->cl_addr != addr) {	/* else: promoted already */
		ret = kl2tp_local_add(net, dev->ifindex, addr);
		if (ret == -EEXIST)
			ret = 0;
	}
out:
	mutex_unlock(&pd->cl_lock);
	return ret;
}

/* Under RCU: the address of a client session still in @pd's table, or 0. */
static __be32 kl2tp_shdev_any_client(struct kl2tp_dev *pd)
{
	struct kl2tp_session *s;
	unsigned int i;

	for (i = 0; i < 1U << KL2TP_SH_BITS; i++)
		hlist_for_each_entry_rcu(s, &pd->sh_table[i], sh_node)
			if (s->originator)
				return s->sh_key;
	return 0;
}

/* Is @addr linked again, by a new call given the same address? */
static bool kl2tp_shdev_taken(struct kl2tp_dev *pd, __be32 addr)
{
	bool taken;

	rcu_read_lock();
	taken = kl2tp_sh_lookup(pd, addr);
	rcu_read_unlock();
	return taken;
}

/*
 * Undo kl2tp_shdev_client_up() for @addr (@set: it returned 0), unlinked
 * already; nothing when a new call has linked that address since (the
 * address or route is that call's now). When it is the device's address
 * (even if its own step failed: it was linked, another's end may have
 * made it so), another client's takes its place first (that session finds
 * it done when its own kl2tp_shdev_client_up() comes after): the last
 * IPv4 address leaving a device takes every route through it along
 * (fib_disable_ip()). Should that add fail, @addr stays, stale, until the
 * next client up replaces it.
 */
int kl2tp_shdev_client_down(struct net *net, struct net_device *dev,
			    __be32 addr, bool set)
{
	struct kl2tp_dev *pd = netdev_priv(dev);
	__be32 next;
	int ret = 0;

	mutex_lock(&pd->cl_lock);
	if (kl2tp_shdev_taken(pd, addr))
		goto out;
	if (pd->cl_addr != addr) {
		ret = set ? kl2tp_local_del(net, dev->ifindex, addr) : 0;
		if (ret == -ESRCH)	/* gone with the device's last address */
			ret = 0;
		goto out;
	}
	pd->cl_addr = 0;
	rcu_read_lock();
	next = kl2tp_shdev_any_client(pd);
	rcu_read_unlock();
	if (next == addr) {		/* linked again since the check */
		pd->cl_addr = addr;
		goto out;
	}
	if (next) {
		if (kl2tp_addr_add(net, dev->ifindex, next, next)) {
			net_warn_ratelimited("%s: %pI4 stays its address: no other\n",
					     dev->name, &addr);
			pd->cl_stale = addr;
			goto out;
		}
		pd->cl_addr = next;
		/* its local route, unless it is promoted before its step */
		kl2tp_local_del(net, dev->ifindex, next);
	}
	ret = kl2tp_addr_del(net, dev->ifindex, addr, addr);
	kl2tp_local_del(net, dev->ifindex, addr);	/* a failed delete's */
out:
	mutex_unlock(&pd->cl_lock);
	return ret;
}

static void kl2tp_dev_gc(struct work_struct *work);
static DECLARE_WORK(kl2tp_dev_gc_work, kl2tp_dev_gc);

/*
 * Session device names. The core numbers a "name%d" pattern by reading the
 * name of every device in the namespace (__dev_alloc_name()), so that N
 * sessions cost O(N^2) and 10,000 devices took minutes to register. A
 * namespace keeps an IDA per pattern instead and registers the complete
 * name: the lowest number not held by one of its sessions and not the name
 * of another device.
 */
struct kl2tp_dev_names {
	struct list_head node;		/* in kl2tp_net.dev_names, under rtnl */
	struct ida ida;
	char pat[IFNAMSIZ];
};

#define KL2TP_DEV_NAME_TRIES	8	/* names held by others, then the core */

static struct kl2tp_dev_names *kl2tp_dev_names_get(struct kl2tp_net *kn,
						   const char *pat)
{
	struct kl2tp_dev_names *dn;

	ASSERT_RTNL();
	list_for_each_entry(dn, &kn->dev_names, node)
		if (!strcmp(dn->pat, pat))
			return dn;
	dn = kzalloc(sizeof(*dn), GFP_KERNEL);
	if (!dn)
		return NULL;
	ida_init(&dn->ida);
	strscpy(dn->pat, pat, sizeof(dn->pat));
	list_add(&dn->node, &kn->dev_names);
	return dn;
}

/* Namespace exit: every session device is gone. */
void kl2tp_dev_names_uninit(struct kl2tp_net *kn)
{
	struct kl2tp_dev_names *dn, *tmp;

	list_for_each_entry_safe(dn, tmp, &kn->dev_names, node) {
		WARN_ON(!ida_is_empty(&dn->ida));
		ida_destroy(&dn->ida);
		kfree(dn);
	}
}

/*
 * Under rtnl: replace the pattern in @pd's device name by a free name, or
 * leave it to the core (a fixed name, a pattern the core refuses, no
 * memory, a name too long, or too many numbers whose names others hold).
 */
static void kl2tp_dev_name(struct kl2tp_net *kn, struct kl2tp_dev *pd)
{
	struct net_device *dev = pd->dev;
	const char *pct = strchr(dev->name, '%');
	int held[KL2TP_DEV_NAME_TRIES];
	struct kl2tp_dev_names *dn;
	char name[IFNAMSIZ];
	int i, n = 0, id;

	if (!pct || pct[1] != 'd' || strchr(pct + 2, '%'))
		return;
	dn = kl2tp_dev_names_get(kn, dev->name);
	if (!dn)
		return;
	while (n < KL2TP_DEV_NAME_TRIES) {
		id = ida_alloc(&dn->ida, GFP_KERNEL);
		if (id < 0)
			break;
		if (snprintf(name, sizeof(name), "%.*s%d%s",
			     (int)(pct - dev->name), dev->name, id,
			     pct + 2) >= sizeof(name)) {
			ida_free(&dn->ida, id);
			break;
		}
		if (!__dev_get_by_name(kn->net, name)) {
			strscpy(dev->name, name, sizeof(dev->name));
			pd->names = dn;
			pd->name_id = id;
			break;
		}
		held[n++] = id;		/* another device's name */
	}
	for (i = 0; i < n; i++)
		ida_free(&dn->ida, held[i]);
}

static void kl2tp_dev_name_put(struct kl2tp_dev *pd)
{
	if (pd->names)
		ida_free(&pd->names->ida, pd->name_id);
	pd->names = NULL;
}

/*
 * Process context, no locks held: a device for session @s named after
 * @pat ("l2tp%d"), down until the network is up. Holds a reference on @s.
 */
struct net_device *kl2tp_dev_create(struct kl2tp_session *s, const char *pat,
				    u32 mtu)
{
	struct kl2tp_net *kn = s->tunnel->kn;
	struct net_device *dev;
	struct kl2tp_dev *pd;
	int ret;

	dev = kl2tp_fail() ? NULL :
		alloc_netdev(sizeof(*pd), pat[0] ? pat : "l2tp%d",
			     NET_NAME_ENUM, kl2tp_dev_setup);
	if (!dev)
		return ERR_PTR(-ENOMEM);
	dev_net_set(dev, kn->net);
	dev->mtu = mtu;
	pd = netdev_priv(dev);
	pd->s = s;
	pd->dev = dev;
	refcount_inc(&s->ref);
	netif_carrier_off(dev);
	rtnl_lock();
	kl2tp_dev_name(kn, pd);
	ret = register_netdevice(dev);
	rtnl_unlock();
	if (ret == -EEXIST && !strchr(pat, '%')) {
		/*
		 * A fixed name ("wan0") may still belong to the device of
		 * this client's previous call, waiting in the gc: let it go.
		 */
		flush_work(&kl2tp_dev_gc_work);
		ret = register_netdev(dev);
	}
	if (ret) {
		kl2tp_dev_name_put(pd);
		free_netdev(dev);
		kl2tp_session_put(s);
		return ERR_PTR(ret);
	}
	return dev;
}

/*
 * Unregistering a device waits for RCU grace periods; one at a time, a
 * thousand sessions ending together would take minutes. Devices to go are
 * collected here and unregistered in batches, each with one rtnl_lock and
 * one unregister_netdevice_many().
 */
static LLIST_HEAD(kl2tp_dev_gc_list);

static void kl2tp_dev_gc(struct work_struct *work)
{
	struct llist_node *first = llist_del_all(&kl2tp_dev_gc_list);
	struct kl2tp_dev *pd, *tmp;
	LIST_HEAD(list);

	if (!first)
		return;
	rtnl_lock();
	llist_for_each_entry(pd, first, gc)
		if (pd->dev->reg_state == NETREG_REGISTERED)
			unregister_netdevice_queue(pd->dev, &list);
	if (!list_empty(&list))
		unregister_netdevice_many(&list);
	rtnl_unlock();			/* runs the todo list: all unregistered */
	llist_for_each_entry_safe(pd, tmp, first, gc) {
		struct kl2tp_session *s = pd->s;

		kl2tp_dev_name_put(pd);
		free_netdev(pd->dev);
		kl2tp_ppp_dev_gone(s);	/* its address may be reused now */
		kl2tp_session_put(s);
	}
}

/* Any context; @s->dev was cleared by the caller. */
void kl2tp_dev_destroy(struct net_device *dev)
{
	struct kl2tp_dev *pd = netdev_priv(dev);

	llist_add(&pd->gc, &kl2tp_dev_gc_list);
	queue_work(kl2tp_wq, &kl2tp_dev_gc_work);
}

void kl2tp_dev_stats(struct kl2tp_session *s, struct rtnl_link_stats64 *st)
{
	const struct kl2tp_sh_stats *ss = &s->sh_stats;
	struct net_device *dev;

	memset(st, 0, sizeof(*st));
	rcu_read_lock();
	dev = READ_ONCE(s->dev);
	if (dev && kl2tp_dev_is_shared(dev)) {
		st->rx_packets = atomic_long_read(&ss->rx_packets);
		st->rx_bytes = atomic_long_read(&ss->rx_bytes);
		st->tx_packets = atomic_long_read(&ss->tx_packets);
		st->tx_bytes = atomic_long_read(&ss->tx_bytes);
		st->rx_errors = atomic_long_read(&ss->rx_errors);
		st->rx_dropped = atomic_long_read(&ss->rx_seq_drops);
		st->tx_errors = atomic_long_read(&ss->tx_errors);
	} else if (dev) {
		dev_get_stats(dev, st);
	}
	rcu_read_unlock();
}
