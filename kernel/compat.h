/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Differences between the kernels kl2tp builds against (5.15 and later).
 * Kbuild probes the headers of the target kernel and defines KL2TP_HAVE_*;
 * nothing here guesses from LINUX_VERSION_CODE.
 */
#ifndef KL2TP_COMPAT_H
#define KL2TP_COMPAT_H

#ifdef KL2TP_HAVE_LINUX_UNALIGNED_H
#include <linux/unaligned.h>
#else
#include <asm/unaligned.h>
#endif

#include <linux/netdevice.h>
#include <linux/timer.h>
#include <net/genetlink.h>
#include <net/udp_tunnel.h>

#ifndef KL2TP_HAVE_TIMER_DELETE_SYNC
#define timer_delete_sync del_timer_sync
#endif
#ifndef KL2TP_HAVE_TIMER_DELETE
#define timer_delete del_timer
#endif
/* 6.2: call_rcu() may be lazy (CONFIG_RCU_LAZY); before, it never was. */
#ifndef KL2TP_HAVE_CALL_RCU_HURRY
#define call_rcu_hurry call_rcu
#endif
#ifdef KL2TP_HAVE_TIMER_CONTAINER_OF
#define kl2tp_from_timer timer_container_of
#else
#define kl2tp_from_timer from_timer
#endif

/* 6.6 moved a dump's parsed attributes into an embedded genl_info. */
static inline struct nlattr **kl2tp_dump_attrs(struct netlink_callback *cb)
{
#ifdef KL2TP_HAVE_GENL_DUMPIT_INFO_INFO
	return genl_dumpit_info(cb)->info.attrs;
#else
	return genl_dumpit_info(cb)->attrs;
#endif
}

/* 6.16 added an IPCB flags argument to udp_tunnel_xmit_skb(). */
static inline void
kl2tp_udp_tunnel_xmit_skb(struct rtable *rt, struct sock *sk,
			  struct sk_buff *skb, __be32 src, __be32 dst, u8 tos,
			  u8 ttl, __be16 df, __be16 src_port, __be16 dst_port,
			  bool xnet, bool nocheck)
{
#ifdef KL2TP_HAVE_UDP_TUNNEL_IPCB_FLAGS
	udp_tunnel_xmit_skb(rt, sk, skb, src, dst, tos, ttl, df, src_port,
			    dst_port, xnet, nocheck, 0);
#else
	udp_tunnel_xmit_skb(rt, sk, skb, src, dst, tos, ttl, df, src_port,
			    dst_port, xnet, nocheck);
#endif
}

#if IS_ENABLED(CONFIG_IPV6)
/*
 * The same for IPv6 (checksummed, no traffic class or flow label); 6.1's
 * takes non-const addresses.
 */
static inline void
kl2tp_udp_tunnel6_xmit_skb(struct dst_entry *dst, struct sock *sk,
			   struct sk_buff *skb, struct net_device *dev,
			   struct in6_addr *saddr, struct in6_addr *daddr,
			   u8 ttl, __be16 src_port, __be16 dst_port)
{
#ifdef KL2TP_HAVE_UDP_TUNNEL_IPCB_FLAGS
	udp_tunnel6_xmit_skb(dst, sk, skb, dev, saddr, daddr, 0, ttl, 0,
			     src_port, dst_port, false, 0);
#else
	udp_tunnel6_xmit_skb(dst, sk, skb, dev, saddr, daddr, 0, ttl, 0,
			     src_port, dst_port, false);
#endif
}
#endif

/*
 * 6.12 turned the NETIF_F_NETNS_LOCAL and NETIF_F_LLTX features into
 * net_device bits (netns_local later renamed netns_immutable, a rename some
 * stable kernels took too): a session device stays in its namespace and
 * transmits without the queue lock.
 */
static inline void kl2tp_dev_set_local_lltx(struct net_device *dev)
{
#if defined(KL2TP_HAVE_DEV_NETNS_IMMUTABLE)
	dev->netns_immutable = true;
#elif defined(KL2TP_HAVE_DEV_NETNS_LOCAL)
	dev->netns_local = true;
#else
	dev->features |= NETIF_F_NETNS_LOCAL;
#endif
#ifdef KL2TP_HAVE_DEV_LLTX
	dev->lltx = true;
#else
	dev->features |= NETIF_F_LLTX;
#endif
}

#endif /* KL2TP_COMPAT_H */
