// SPDX-License-Identifier: GPL-2.0
/*
 * kl2tp: UDP encapsulation sockets, receive demultiplexing and transmit.
 *
 * Every socket is a kernel UDP socket with an encap_rcv hook, so packets
 * are taken in softirq before they reach a socket queue. Control messages
 * are queued to their tunnel (or, for Tunnel ID 0, to the listener) and
 * handled in process context; data messages go to the session.
 */
#include <linux/kernel.h>
#include <linux/ip.h>
#include <linux/udp.h>
#include <net/ip.h>
#include <net/ip6_route.h>
#include <net/ipv6_stubs.h>
#include <net/route.h>
#include <net/udp.h>
#include <net/udp_tunnel.h>
#include <net/xfrm.h>

#include "kl2tp.h"
#include "config.h"
#include "socket.h"
#include "tunnel.h"
#include "device.h"
#include "compat.h"

static int kl2tp_udp_encap_recv(struct sock *sk, struct sk_buff *skb)
{
	struct kl2tp_sock *ks = rcu_dereference_sk_user_data(sk);
	struct kl2tp_tunnel *t;
	union kl2tp_sa from;
	unsigned int off;
	const u8 *p;
	u16 flags, tid;

	if (!ks)
		return 1;	/* not ours (any more): normal UDP delivery */

	/*
	 * The same policy checks as any UDP socket: L2TP over IPsec. (IPv4's
	 * UDP checks only after this hook, IPv6's before it as well.)
	 */
	if (kl2tp_sa_is6(&ks->laddr) ?
	    !xfrm6_policy_check(sk, XFRM_POLICY_IN, skb) :
	    !xfrm4_policy_check(sk, XFRM_POLICY_IN, skb))
		goto drop;
	if (!pskb_may_pull(skb, sizeof(struct udphdr) + KL2TP_HDR_MIN_LEN))
		goto drop;
	/* CHECKSUM_COMPLETE stays true of what is left: see device.c */
	skb_pull_rcsum(skb, sizeof(struct udphdr));

	p = skb->data;
	flags = get_unaligned_be16(p);
	if ((flags & KL2TP_HDR_VER_MASK) != KL2TP_VER_L2TPV2) {
		kl2tp_sa_from_skb(&from, skb, true);
		net_dbg_ratelimited("error: dropped %s message from %pISc\n",
				    kl2tp_hdr_ver_name(flags & KL2TP_HDR_VER_MASK),
				    &from.sa);
		goto drop;
	}
	off = kl2tp_hdr_tid_off(flags);
	if (!pskb_may_pull(skb, off + KL2TP_HDR_IDS_LEN))
		goto drop;
	p = skb->data;
	tid = get_unaligned_be16(p + off);

	if (!(flags & KL2TP_HDR_T))
		return kl2tp_data_rcv(ks, skb);

	nf_reset_ct(skb);
	skb_dst_drop(skb);	/* queued for a while: no noref dst */
	if (tid == 0) {
		kl2tp_listener_rx(ks, skb);
		return 0;
	}
	t = kl2tp_tunnel_get(ks->kn, tid);
	if (!t || t->ks != ks) {
		if (t)
			kl2tp_tunnel_put(t);
		kl2tp_sa_from_skb(&from, skb, true);
		net_dbg_ratelimited("error: control message for unknown tunnel %u from %pISc\n",
				    tid, &from.sa);
		goto drop;
	}
	kl2tp_tunnel_rx(t, skb);
	kl2tp_tunnel_put(t);
	return 0;

drop:
	atomic64_inc(&ks->rx_drops);
	kfree_skb(skb);
	return 0;
}

/*
 * A socket bound to @laddr (0.0.0.0 or :: for any) and @lport (0: any), of
 * @laddr's family: an IPv6 one takes IPv6 only, and checksums both ways
 * (a zero UDP checksum over IPv6 is dropped, RFC 8200 8.1).
 */
struct kl2tp_sock *kl2tp_sock_create(struct kl2tp_net *kn,
				     const union kl2tp_sa *laddr, u16 lport,
				     struct kl2tp_lns *lns)
{
	struct udp_tunnel_sock_cfg cfg = {
		.encap_type = UDP_ENCAP_L2TPINUDP,
		.encap_rcv = kl2tp_udp_encap_recv,
	};
	struct udp_port_cfg ucfg = {
		.local_udp_port = htons(lport),
	};
	struct kl2tp_sock *ks;
	int ret;

	if (kl2tp_sa_is6(laddr)) {
#if IS_ENABLED(CONFIG_IPV6)
		ucfg.family = AF_INET6;
		ucfg.local_ip6 = laddr->v6.sin6_addr;
		ucfg.ipv6_v6only = 1;
		ucfg.use_udp6_tx_checksums = 1;
		ucfg.use_udp6_rx_checksums = 1;
#else
		return ERR_PTR(-EAFNOSUPPORT);	/* netlink.c refuses it first */
#endif
	} else {
		ucfg.family = AF_INET;
		ucfg.local_ip = laddr->v4.sin_addr;
	}

	ks = kl2tp_fail() ? NULL : kzalloc(sizeof(*ks), GFP_KERNEL);
	if (!ks)
		return ERR_PTR(-ENOMEM);
	kref_init(&ks->ref);
	ks->kn = kn;
	ks->lns = lns;
	ks->listener = !!lns;
	skb_queue_head_init(&ks->sccrq_q);
	INIT_WORK(&ks->sccrq_work, kl2tp_sccrq_work);

	ret = kl2tp_fail() ? -ENOMEM :
		udp_sock_create(kn->net, &ucfg, &ks->sock);
	if (ret) {
		kfree(ks);
		return ERR_PTR(ret);
	}
	ks->laddr = *laddr;
	ks->lport = inet_sk(ks->sock->sk)->inet_sport;
	cfg.sk_user_data = ks;
	setup_udp_tunnel_sock(kn->net, ks->sock, &cfg);
	return ks;
}

void kl2tp_sock_get(struct kl2tp_sock *ks)
{
	kref_get(&ks->ref);
}

static void kl2tp_sock_release(struct kref *ref)
{
	struct kl2tp_sock *ks = container_of(ref, struct kl2tp_sock, ref);

	/* Clears sk_user_data and waits for encap_rcv callers (RCU). */
	udp_tunnel_sock_release(ks->sock);
	/*
	 * Only a listener's socket queues SCCRQ work (kl2tp_listener_rx()
	 * wants ks->lns). A client socket's last put may come under kn->lock
	 * (a dial that failed half way), where waiting for that work, which
	 * takes kn->lock, would invert the two.
	 */
	if (ks->listener)
		cancel_work_sync(&ks->sccrq_work);
	skb_queue_purge(&ks->sccrq_q);
	kfree(ks);
}

/* Process context only: the last put sleeps. */
void kl2tp_sock_put(struct kl2tp_sock *ks)
{
	might_sleep();
	kref_put(&ks->ref, kl2tp_sock_release);
}

/* The IPv4 route of a tunnel's UDP packets, on @oif if not 0. */
static struct rtable *kl2tp_tunnel_route(struct kl2tp_tunnel *t,
					 struct sock *sk, struct flowi4 *fl4,
					 int oif)
{
	memset(fl4, 0, sizeof(*fl4));
	fl4->daddr = t->raddr.v4.sin_addr.s_addr;
	fl4->saddr = t->laddr.v4.sin_addr.s_addr;
	fl4->flowi4_oif = oif;
	fl4->flowi4_proto = IPPROTO_UDP;
	fl4->fl4_sport = t->ks->lport;
	fl4->fl4_dport = READ_ONCE(t->rport);
	return ip_route_output_flow(sock_net(sk), fl4, sk);
}

#if IS_ENABLED(CONFIG_IPV6)
/*
 * The same over IPv6 (through xfrm as well: @sk given). With @oif, no
 * source address: only then does IPv6 keep to @oif's routes
 * (RT6_LOOKUP_F_IFACE); the caller sends from the tunnel's all the same.
 */
static struct dst_entry *kl2tp_tunnel_route6(struct kl2tp_tunnel *t,
					     struct sock *sk,
					     struct flowi6 *fl6, int oif)
{
	memset(fl6, 0, sizeof(*fl6));
	fl6->daddr = t->raddr.v6.sin6_addr;
	if (!oif)
		fl6->saddr = t->laddr.v6.sin6_addr;
	fl6->flowi6_oif = oif;
	fl6->flowi6_proto = IPPROTO_UDP;
	fl6->fl6_sport = t->ks->lport;
	fl6->fl6_dport = READ_ONCE(t->rport);
	return ipv6_stub->ipv6_dst_lookup_flow(sock_net(sk), sk, fl6, NULL);
}
#endif

/* The route of the tunnel's family, on @oif if not 0. */
static struct dst_entry *kl2tp_tunnel_lookup(struct kl2tp_tunnel *t,
					     struct sock *sk, struct flowi *fl,
					     int oif)
{
	struct rtable *rt;

#if IS_ENABLED(CONFIG_IPV6)
	if (kl2tp_sa_is6(&t->raddr))
		return kl2tp_tunnel_route6(t, sk, &fl->u.ip6, oif);
#endif
	rt = kl2tp_tunnel_route(t, sk, &fl->u.ip4, oif);
	return IS_ERR(rt) ? ERR_CAST(rt) : &rt->dst;
}

/*
 * The route of a tunnel's UDP packets, either family, the flow it was
 * looked up with in @fl. Never through one of our own session devices:
 * when a client's default route goes through its session, or the LNS's
 * tunnel address is also its PPP address, the lookup is made again on the
 * underlay device the tunnel used last.
 */
static struct dst_entry *kl2tp_tunnel_dst(struct kl2tp_tunnel *t,
					  struct sock *sk, struct flowi *fl)
{
	struct dst_entry *dst = kl2tp_tunnel_lookup(t, sk, fl, 0);
	int oif;

	if (!IS_ERR(dst) && kl2tp_dev_is_ours(dst->dev)) {
		dst_release(dst);
		oif = READ_ONCE(t->oif);
		dst = oif ? kl2tp_tunnel_lookup(t, sk, fl, oif) :
			    ERR_PTR(-EHOSTUNREACH);
		if (IS_ERR(dst))
			WRITE_ONCE(t->oif, 0);
	} else if (!IS_ERR(dst) && !(dst->dev->flags & IFF_LOOPBACK)) {
		/* not an xfrm blackhole (lo) while an SA is missing */
		WRITE_ONCE(t->oif, dst->dev->ifindex);
	}
	if (IS_ERR(dst))
		net_dbg_ratelimited("error: no route to %pISc\n", &t->raddr.sa);
	return dst;
}

#if IS_ENABLED(CONFIG_IPV6)
/* kl2tp_udp_xmit() over IPv6: the same route cache and pinning. */
static int kl2tp_udp_xmit6(struct kl2tp_tunnel *t, struct sk_buff *skb)
{
	struct sock *sk = t->ks->sock->sk;
	struct in6_addr saddr, daddr;
	struct dst_entry *dst;
	struct flowi fl;

	local_bh_disable();
	dst = dst_cache_get_ip6(&t->dst_cache, &saddr);
	if (!dst) {
		dst = kl2tp_tunnel_dst(t, sk, &fl);
		if (IS_ERR(dst)) {
			local_bh_enable();
			kfree_skb(skb);
			return PTR_ERR(dst);
		}
		/* keep one source address: the first route's */
		if (ipv6_addr_any(&t->laddr.v6.sin6_addr))
			t->laddr.v6.sin6_addr = fl.u.ip6.saddr;
		saddr = t->laddr.v6.sin6_addr;
		dst_cache_set_ip6(&t->dst_cache, dst, &saddr);
	}
	daddr = t->raddr.v6.sin6_addr;
	/* as IPv4 without DF: a configured MTU above the path's fragments */
	skb->ignore_df = 1;
	/* no device: the session device counted it (see kl2tp_dev_xmit_one()) */
	kl2tp_udp_tunnel6_xmit_skb(dst, sk, skb, NULL, &saddr, &daddr,
				   ip6_dst_hoplimit(dst), t->ks->lport,
				   READ_ONCE(t->rport));
	local_bh_enable();
	return 0;
}
#endif

/*
 * Send @skb (an L2TP message, header included) to the tunnel's peer from
 * the tunnel's local address and port; consumes @skb. Routes are cached
 * per tunnel; the lookup passes the socket, so xfrm (IPsec) policies
 * apply.
 */
int kl2tp_udp_xmit(struct kl2tp_tunnel *t, struct sk_buff *skb)
{
	struct sock *sk = t->ks->sock->sk;
	struct dst_entry *dst;
	struct rtable *rt;
	struct flowi fl;
	__be32 saddr;

#if IS_ENABLED(CONFIG_IPV6)
	if (kl2tp_sa_is6(&t->raddr))
		return kl2tp_udp_xmit6(t, skb);
#endif
	local_bh_disable();
	rt = dst_cache_get_ip4(&t->dst_cache, &saddr);
	if (!rt) {
		dst = kl2tp_tunnel_dst(t, sk, &fl);
		if (IS_ERR(dst)) {
			local_bh_enable();
			kfree_skb(skb);
			return PTR_ERR(dst);
		}
		rt = container_of(dst, struct rtable, dst);
		saddr = fl.u.ip4.saddr;
		if (!t->laddr.v4.sin_addr.s_addr)	/* keep one source address */
			WRITE_ONCE(t->laddr.v4.sin_addr.s_addr, saddr);
		dst_cache_set_ip4(&t->dst_cache, &rt->dst, saddr);
	}
	kl2tp_udp_tunnel_xmit_skb(rt, sk, skb, saddr,
				  t->raddr.v4.sin_addr.s_addr, 0,
				  ip4_dst_hoplimit(&rt->dst), 0, t->ks->lport,
				  READ_ONCE(t->rport), false, false);
	local_bh_enable();
	return 0;
}

/* Send one control message (header included): process context. */
int kl2tp_xmit(struct kl2tp_tunnel *t, const void *data, unsigned int len)
{
	struct sk_buff *skb;

	skb = kl2tp_fail() ? NULL : alloc_skb(KL2TP_UDP_HEADROOM + len, GFP_KERNEL);
	if (!skb)
		return -ENOMEM;
	skb_reserve(skb, KL2TP_UDP_HEADROOM);
	skb_put_data(skb, data, len);
	return kl2tp_udp_xmit(t, skb);
}
