/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kl2tp: session devices and the data path (device.c), their addresses
 * and routes (rtnl.c).
 */
#ifndef KL2TP_DEVICE_H
#define KL2TP_DEVICE_H

#include "kl2tp.h"

/*
 * A session's MTU unless configured: on a 1500-byte IPv4 underlay the IP,
 * UDP, L2TP (no Ns) and PPP headers take 38 bytes; 1460 is the customary
 * round figure below that. Data sequencing takes KL2TP_DATA_SEQ_LEN more.
 */
#define KL2TP_DEFAULT_MTU	1460
/* Over IPv6, 20 bytes less: its header is 40 bytes, not 20. */
#define KL2TP_DEFAULT_MTU6	(KL2TP_DEFAULT_MTU - 20)

/* device.c: session devices and the data path */
struct net_device *kl2tp_dev_create(struct kl2tp_session *s, const char *pat,
				    u32 mtu);
void kl2tp_dev_destroy(struct net_device *dev);
void kl2tp_dev_names_uninit(struct kl2tp_net *kn);
bool kl2tp_dev_is_ours(const struct net_device *dev);
struct net_device *kl2tp_shdev_get(struct net *net, const char *name, u32 mtu);
void kl2tp_shdev_put(struct net_device *dev);
int kl2tp_shdev_link(struct net_device *dev, struct kl2tp_session *s,
		     __be32 key);
void kl2tp_shdev_unlink(struct net_device *dev, struct kl2tp_session *s);
bool kl2tp_dev_is_shared(const struct net_device *dev);
void kl2tp_shdev_iid(const struct net_device *dev, u8 *iid);

/*
 * LNS, IPv6 on a shared device: its routes to a user's prefixes go via
 * fe80::5efe:A.B.C.D (an ISATAP-style identifier, RFC 5214), A.B.C.D the
 * user's IPv4 address, by which transmit finds its session.
 */
static inline void kl2tp_shdev_gw6(struct in6_addr *gw, __be32 key)
{
	*gw = (struct in6_addr){};
	gw->s6_addr32[0] = htonl(0xfe800000);
	gw->s6_addr32[2] = htonl(0x00005efe);
	gw->s6_addr32[3] = key;
}

/* The user's IPv4 address in such a gateway name, or false if @gw is none. */
static inline bool kl2tp_shdev_gw6_key(const struct in6_addr *gw, __be32 *key)
{
	if (gw->s6_addr32[0] != htonl(0xfe800000) || gw->s6_addr32[1] ||
	    gw->s6_addr32[2] != htonl(0x00005efe))
		return false;
	*key = gw->s6_addr32[3];
	return true;
}

int kl2tp_shdev_local(struct net *net, struct net_device *dev, __be32 local);
int kl2tp_local_get(struct kl2tp_net *kn, __be32 addr);
void kl2tp_local_put(struct kl2tp_net *kn, __be32 addr);
void kl2tp_locals_uninit(struct kl2tp_net *kn);
int kl2tp_shdev_client_up(struct net *net, struct net_device *dev,
			  __be32 addr);
int kl2tp_shdev_client_down(struct net *net, struct net_device *dev,
			    __be32 addr, bool set);
int kl2tp_data_rcv(struct kl2tp_sock *ks, struct sk_buff *skb);
int kl2tp_data_xmit(struct kl2tp_session *s, struct sk_buff *skb);
void kl2tp_dev_stats(struct kl2tp_session *s, struct rtnl_link_stats64 *st);

/* rtnl.c */
int kl2tp_addr_add(struct net *net, int ifindex, __be32 local, __be32 peer);
int kl2tp_addr_add_excl(struct net *net, int ifindex, __be32 local);
int kl2tp_addr_del(struct net *net, int ifindex, __be32 local, __be32 peer);
int kl2tp_addr6_add(struct net *net, int ifindex, const struct in6_addr *local,
		    const struct in6_addr *peer);
int kl2tp_addr6_del(struct net *net, int ifindex, const struct in6_addr *local,
		    const struct in6_addr *peer);
int kl2tp_route6_add(struct net *net, int ifindex,
		     const struct in6_addr *prefix, u8 len);
int kl2tp_route6_del(struct net *net, int ifindex,
		     const struct in6_addr *prefix, u8 len);
int kl2tp_addr6_add_plen(struct net *net, int ifindex,
			 const struct in6_addr *local, u8 plen);
int kl2tp_addr6_del_plen(struct net *net, int ifindex,
			 const struct in6_addr *local, u8 plen);
int kl2tp_route6_unreach(struct net *net, const struct in6_addr *prefix,
			 u8 len, bool add);
int kl2tp_route6_gw(struct net *net, int ifindex, const struct in6_addr *prefix,
		    u8 len, const struct in6_addr *gw, bool add);
int kl2tp_route6_del_proto(struct net *net, int ifindex,
			   const struct in6_addr *prefix, u8 len, u8 proto);
int kl2tp_route_add(struct net *net, int ifindex, __be32 prefix, u8 len,
		    __be32 gw, __be32 src, u32 mtu);
int kl2tp_route_del(struct net *net, int ifindex, __be32 prefix, u8 len,
		    __be32 gw, __be32 src);
int kl2tp_local_add(struct net *net, int ifindex, __be32 local);
int kl2tp_local_del(struct net *net, int ifindex, __be32 local);

#endif /* KL2TP_DEVICE_H */
