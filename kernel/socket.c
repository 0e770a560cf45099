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
	unsigned int off;
	const u8 *p;
	u16 flags, tid;

	if (!ks)
		return 1;	/* not ours (any more): normal UDP delivery */

	/* The same policy checks as any UDP socket: L2TP over IPsec. */
	if (!xfrm4_policy_check(sk, XFRM_POLICY_IN, skb))
		goto drop;
	if (!pskb_may_pull(skb, sizeof(struct udphdr) + KL2TP_HDR_MIN_LEN))
		goto drop;
	/* CHECKSUM_COMPLETE stays true of what is left: see device.c */
	skb_pull_rcsum(skb, sizeof(struct udphdr));

	p = skb->data;
	flags = get_unaligned_be16(p);
	if ((flags & KL2TP_HDR_VER_MASK) != KL2TP_VER_L2TPV2) {
		net_dbg_ratelimited("error: dropped %s message from %pI4\n",
				    kl2tp_hdr_ver_name(flags & KL2TP_HDR_VER_MASK),
				    &ip_hdr(skb)->saddr);
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
		net_dbg_ratelimited("error: control message for unknown tunnel %u from %pI4\n",
				    tid, &ip_hdr(skb)->saddr);
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

struct kl2tp_sock *kl2tp_sock_create(struct kl2tp_net *kn, __be32 laddr,
				     u16 lport, struct kl2tp_lns *lns)
{
	struct udp_tunnel_sock_cfg cfg = {
		.encap_type = UDP_ENCAP_L2TPINUDP,
		.encap_rcv = kl2tp_udp_encap_recv,
	};
	struct udp_port_cfg ucfg = {
		.family = AF_INET,
		.local_ip.s_addr = laddr,
		.local_udp_port = htons(lport),
	};
	struct kl2tp_sock *ks;
	int ret;

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
	ks->laddr = laddr;
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

/*
 * The route of a tunnel's UDP packets. Never through one of our own
 * session devices: when a client's default route goes through its
 * session, or the LNS's tunnel address is also its PPP address, the
 * lookup is made again on the underlay device the tunnel used last.
 */
static struct rtable *kl2tp_tunnel_route(struct kl2tp_tunnel *t,
					 struct sock *sk, struct flowi4 *fl4,
					 int oif)
{
	memset(fl4, 0, sizeof(*fl4));
	fl4->daddr = READ_ONCE(t->raddr);
	fl4->saddr = t->laddr;
	fl4->flowi4_oif = oif;
	fl4->flowi4_proto = IPPROTO_UDP;
	fl4->fl4_sport = t->ks->lport;
	fl4->fl4_dport = READ_ONCE(t->rport);
	return ip_route_output_flow(sock_net(sk), fl4, sk);
}

/*
 * Send @skb (an L2TP message, header included) to the tunnel's peer from
 * the tunnel's local address and port; consumes @skb. Routes are cached
 * per tunnel; the lookup passes the socket, so xfrm (IPsec) policies
 * apply.
 */
int kl2tp_udp_xmit(struct kl2tp_tunnel *t, struct sk_buff *skb)
{
	struct sock *sk = t->ks->sock->sk;
	struct flowi4 fl4;
	struct rtable *rt;
	__be32 saddr;
	int oif;

	local_bh_disable();
	rt = dst_cache_get_ip4(&t->dst_cache, &saddr);
	if (!rt) {
		rt = kl2tp_tunnel_route(t, sk, &fl4, 0);
		if (!IS_ERR(rt) && kl2tp_dev_is_ours(rt->dst.dev)) {
			ip_rt_put(rt);
			oif = READ_ONCE(t->oif);
			rt = oif ? kl2tp_tunnel_route(t, sk, &fl4, oif) :
				   ERR_PTR(-EHOSTUNREACH);
			if (IS_ERR(rt))
				WRITE_ONCE(t->oif, 0);
		} else if (!IS_ERR(rt) &&
			   !(rt->dst.dev->flags & IFF_LOOPBACK)) {
			/* not an xfrm blackhole (lo) while an SA is missing */
			WRITE_ONCE(t->oif, rt->dst.dev->ifindex);
		}
		if (IS_ERR(rt)) {
			local_bh_enable();
			kfree_skb(skb);
			net_dbg_ratelimited("error: no route to %pI4\n",
					    &t->raddr);
			return PTR_ERR(rt);
		}
		saddr = fl4.saddr;
		if (!t->laddr)
			t->laddr = saddr;	/* keep one source address */
		dst_cache_set_ip4(&t->dst_cache, &rt->dst, saddr);
	}
	kl2tp_udp_tunnel_xmit_skb(rt, sk, skb, saddr, READ_ONCE(t->raddr), 0,
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
