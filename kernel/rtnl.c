// SPDX-License-Identifier: GPL-2.0
/*
 * kl2tp: IPv4 and IPv6 addresses and routes of session devices, set through
 * rtnetlink from a kernel socket of the namespace (the only interface the
 * kernel exports for them). Process context, no kl2tp lock held: rtnetlink
 * takes rtnl.
 */
#include <linux/kernel.h>
#include <linux/net.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/sched.h>
#include <net/sock.h>

#include "kl2tp.h"
#include "device.h"

#define KL2TP_UNREACH6_METRIC	1701	/* a client's delegated prefix */

/*
 * One rtnetlink request, answered by an ack: process context. @ran is set
 * once rtnetlink has handled the request (the ack may still be lost).
 */
static int kl2tp_rtnl_request_once(struct net *net, struct nlmsghdr *nlh,
				   bool *ran)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	struct msghdr msg = { .msg_name = &sa, .msg_namelen = sizeof(sa) };
	struct kvec iov = { .iov_base = nlh, .iov_len = nlh->nlmsg_len };
	struct {
		struct nlmsghdr h;
		struct nlmsgerr e;
	} ack;
	struct socket *sock;
	int ret;

	ret = kl2tp_fail() ? -ENOMEM :
		sock_create_kern(net, AF_NETLINK, SOCK_RAW, NETLINK_ROUTE, &sock);
	if (ret)
		return ret;
	nlh->nlmsg_flags |= NLM_F_REQUEST | NLM_F_ACK;
	nlh->nlmsg_seq = 1;
	/* rtnetlink handles the request inside sendmsg, ack queued */
	ret = kernel_sendmsg(sock, &msg, &iov, 1, iov.iov_len);
	if (ret < 0)
		goto out;
	*ran = true;
	iov.iov_base = &ack;
	iov.iov_len = sizeof(ack);
	memset(&msg, 0, sizeof(msg));
	ret = kernel_recvmsg(sock, &msg, &iov, 1, sizeof(ack),
			     MSG_DONTWAIT | MSG_TRUNC);
	if (ret < 0)
		goto out;
	if (ret < (int)sizeof(ack) || ack.h.nlmsg_type != NLMSG_ERROR) {
		ret = -EPROTO;
	} else {
		ret = ack.e.error;
		*ran = ret != -ENOMEM && ret != -ENOBUFS;	/* nothing done */
	}
out:
	sock_release(sock);
	return ret;
}

/*
 * As kl2tp_rtnl_request_once(), tried again when memory was short before
 * the request was carried out: a delete that fails leaves a route or an
 * address of a call that is gone.
 */
static int kl2tp_rtnl_request(struct net *net, struct nlmsghdr *nlh)
{
	int ret, tries = 3;
	bool ran;

	for (;;) {
		ran = false;
		ret = kl2tp_rtnl_request_once(net, nlh, &ran);
		if (ran || (ret != -ENOMEM && ret != -ENOBUFS) || !--tries)
			return ret;
		cond_resched();
	}
}

struct kl2tp_rtnl_msg {
	struct nlmsghdr h;
	union {
		struct ifaddrmsg ifa;
		struct rtmsg rtm;
	};
	u8 attrs[128];
};

static void kl2tp_rtnl_put(struct kl2tp_rtnl_msg *m, u16 type, u32 v)
{
	struct nlattr *a = (struct nlattr *)((u8 *)m + m->h.nlmsg_len);

	a->nla_type = type;
	a->nla_len = nla_attr_size(sizeof(v));
	memcpy(nla_data(a), &v, sizeof(v));
	m->h.nlmsg_len += nla_total_size(sizeof(v));
}

static void kl2tp_rtnl_put_data(struct kl2tp_rtnl_msg *m, u16 type,
				const void *v, size_t len)
{
	struct nlattr *a = (struct nlattr *)((u8 *)m + m->h.nlmsg_len);

	a->nla_type = type;
	a->nla_len = nla_attr_size(len);
	memcpy(nla_data(a), v, len);
	m->h.nlmsg_len += nla_total_size(len);
}

/*
 * Add @local with @peer, /32, on device @ifindex (@flags: NLM_F_CREATE and
 * NLM_F_REPLACE or NLM_F_EXCL), or delete it (@flags 0).
 */
static int kl2tp_rtnl_addr(struct net *net, int ifindex, __be32 local,
			   __be32 peer, u16 flags)
{
	struct kl2tp_rtnl_msg m = {};

	m.h.nlmsg_len = NLMSG_LENGTH(sizeof(m.ifa));
	m.h.nlmsg_type = flags ? RTM_NEWADDR : RTM_DELADDR;
	m.h.nlmsg_flags = flags;
	m.ifa.ifa_family = AF_INET;
	m.ifa.ifa_prefixlen = 32;
	m.ifa.ifa_scope = RT_SCOPE_UNIVERSE;
	m.ifa.ifa_index = ifindex;
	kl2tp_rtnl_put(&m, IFA_LOCAL, (__force u32)local);
	kl2tp_rtnl_put(&m, IFA_ADDRESS, (__force u32)peer);
	return kl2tp_rtnl_request(net, &m.h);
}

/*
 * Add (or delete) a route of @type (RTN_UNICAST, in the main table;
 * RTN_LOCAL, in the local table: @prefix is ours) to @prefix/@len (the
 * default route: 0/0) through device @ifindex, via @gw unless 0 (on link),
 * with the preferred source @src and @mtu unless 0 (a delete without
 * them matches any).
 * Added before any other route to it of the same metric (which stays, and
 * takes over again when the device goes). The tunnel's own packets are
 * not affected: their route is pinned to the underlay device
 * (kl2tp_udp_xmit).
 */
static int kl2tp_rtnl_route_type(struct net *net, u8 type, int ifindex,
				 __be32 prefix, u8 len, __be32 gw, __be32 src,
				 u32 mtu, bool add)
{
	struct kl2tp_rtnl_msg m = {};
	struct nlattr *nest;

	m.h.nlmsg_len = NLMSG_LENGTH(sizeof(m.rtm));
	m.h.nlmsg_type = add ? RTM_NEWROUTE : RTM_DELROUTE;
	m.h.nlmsg_flags = add ? NLM_F_CREATE : 0;
	m.rtm.rtm_family = AF_INET;
	m.rtm.rtm_dst_len = len;
	m.rtm.rtm_table = type == RTN_LOCAL ? RT_TABLE_LOCAL : RT_TABLE_MAIN;
	m.rtm.rtm_protocol = RTPROT_STATIC;
	m.rtm.rtm_scope = !add ? RT_SCOPE_NOWHERE :
			  type == RTN_LOCAL ? RT_SCOPE_HOST :
			  gw ? RT_SCOPE_UNIVERSE : RT_SCOPE_LINK;
	m.rtm.rtm_type = type;
	if (gw)
		m.rtm.rtm_flags = RTNH_F_ONLINK;
	if (len)
		kl2tp_rtnl_put(&m, RTA_DST, (__force u32)prefix);
	kl2tp_rtnl_put(&m, RTA_OIF, ifindex);
	if (gw)
		kl2tp_rtnl_put(&m, RTA_GATEWAY, (__force u32)gw);
	if (src)
		kl2tp_rtnl_put(&m, RTA_PREFSRC, (__force u32)src);
	if (mtu && add) {
		nest = (struct nlattr *)((u8 *)&m + m.h.nlmsg_len);
		nest->nla_type = RTA_METRICS;
		m.h.nlmsg_len += NLA_HDRLEN;
		kl2tp_rtnl_put(&m, RTAX_MTU, mtu);
		nest->nla_len = (u8 *)&m + m.h.nlmsg_len - (u8 *)nest;
	}
	return kl2tp_rtnl_request(net, &m.h);
}

/* @local/32 with @peer on device @ifindex, in place of one there. */
int kl2tp_addr_add(struct net *net, int ifindex, __be32 local, __be32 peer)
{
	return kl2tp_rtnl_addr(net, ifindex, local, peer,
			       NLM_F_CREATE | NLM_F_REPLACE);
}

/* @local/32 on device @ifindex; -EEXIST when it is there already. */
int kl2tp_addr_add_excl(struct net *net, int ifindex, __be32 local)
{
	return kl2tp_rtnl_addr(net, ifindex, local, local,
			       NLM_F_CREATE | NLM_F_EXCL);
}

int kl2tp_addr_del(struct net *net, int ifindex, __be32 local, __be32 peer)
{
	return kl2tp_rtnl_addr(net, ifindex, local, peer, 0);
}

int kl2tp_route_add(struct net *net, int ifindex, __be32 prefix, u8 len,
		    __be32 gw, __be32 src, u32 mtu)
{
	return kl2tp_rtnl_route_type(net, RTN_UNICAST, ifindex, prefix, len,
				     gw, src, mtu, true);
}

int kl2tp_route_del(struct net *net, int ifindex, __be32 prefix, u8 len,
		    __be32 gw, __be32 src)
{
	return kl2tp_rtnl_route_type(net, RTN_UNICAST, ifindex, prefix, len,
				     gw, src, 0, false);
}

/*
 * @local/32 is ours, on device @ifindex: a local route without a source
 * address, so all of them share one nexthop (an address would add a local
 * route with itself as source, and the walks of every address of the
 * device that come with one).
 */
int kl2tp_local_add(struct net *net, int ifindex, __be32 local)
{
	return kl2tp_rtnl_route_type(net, RTN_LOCAL, ifindex, local, 32, 0, 0,
				     0, true);
}

int kl2tp_local_del(struct net *net, int ifindex, __be32 local)
{
	return kl2tp_rtnl_route_type(net, RTN_LOCAL, ifindex, local, 32, 0, 0,
				     0, false);
}

/*
 * IPv6: @local/128 with @peer on device @ifindex (a route to @peer comes
 * with it), no DAD (IPV6CP made the pair unique), no prefix route; or
 * delete it (@add false); or without @peer the address @local/@plen (no
 * DAD: the prefix is ours), its prefix route with it.
 */
static int kl2tp_rtnl_addr6(struct net *net, int ifindex,
			    const struct in6_addr *local,
			    const struct in6_addr *peer, u8 plen, bool add)
{
	struct kl2tp_rtnl_msg m = {};

	m.h.nlmsg_len = NLMSG_LENGTH(sizeof(m.ifa));
	m.h.nlmsg_type = add ? RTM_NEWADDR : RTM_DELADDR;
	m.h.nlmsg_flags = add ? NLM_F_CREATE | NLM_F_REPLACE : 0;
	m.ifa.ifa_family = AF_INET6;
	m.ifa.ifa_prefixlen = plen;
	m.ifa.ifa_scope = RT_SCOPE_LINK;
	m.ifa.ifa_index = ifindex;
	kl2tp_rtnl_put_data(&m, IFA_LOCAL, local, sizeof(*local));
	if (peer)
		kl2tp_rtnl_put_data(&m, IFA_ADDRESS, peer, sizeof(*peer));
	if (add)
		kl2tp_rtnl_put(&m, IFA_FLAGS, IFA_F_NODAD |
			       (peer ? IFA_F_NOPREFIXROUTE : 0));
	return kl2tp_rtnl_request(net, &m.h);
}

int kl2tp_addr6_add(struct net *net, int ifindex, const struct in6_addr *local,
		    const struct in6_addr *peer)
{
	return kl2tp_rtnl_addr6(net, ifindex, local, peer, 128, true);
}

int kl2tp_addr6_del(struct net *net, int ifindex, const struct in6_addr *local,
		    const struct in6_addr *peer)
{
	return kl2tp_rtnl_addr6(net, ifindex, local, peer, 128, false);
}

/* Add the IPv6 address @local/@plen to device @ifindex, or replace it. */
int kl2tp_addr6_add_plen(struct net *net, int ifindex,
			 const struct in6_addr *local, u8 plen)
{
	return kl2tp_rtnl_addr6(net, ifindex, local, NULL, plen, true);
}

/* Delete the IPv6 address @local/@plen of device @ifindex. */
int kl2tp_addr6_del_plen(struct net *net, int ifindex,
			 const struct in6_addr *local, u8 plen)
{
	return kl2tp_rtnl_addr6(net, ifindex, local, NULL, plen, false);
}

/*
 * IPv6: a route of ours (proto static) to @prefix/@len on link through
 * device @ifindex (via @gw there, if not NULL), or not; deleted of
 * protocol @proto when not 0. Without a device (@ifindex 0), an
 * unreachable route.
 */
static int kl2tp_rtnl_route6(struct net *net, int ifindex,
			     const struct in6_addr *prefix, u8 len,
			     const struct in6_addr *gw, u8 proto, bool add)
{
	struct kl2tp_rtnl_msg m = {};

	m.h.nlmsg_len = NLMSG_LENGTH(sizeof(m.rtm));
	m.h.nlmsg_type = add ? RTM_NEWROUTE : RTM_DELROUTE;
	m.h.nlmsg_flags = add ? NLM_F_CREATE : 0;
	/* an unreachable route of ours: its own metric, replaced in place */
	if (!ifindex && add)
		m.h.nlmsg_flags |= NLM_F_REPLACE;
	m.rtm.rtm_family = AF_INET6;
	m.rtm.rtm_dst_len = len;
	m.rtm.rtm_table = RT_TABLE_MAIN;
	m.rtm.rtm_protocol = proto;
	m.rtm.rtm_scope = RT_SCOPE_UNIVERSE;
	m.rtm.rtm_type = ifindex ? RTN_UNICAST : RTN_UNREACHABLE;
	if (len)
		kl2tp_rtnl_put_data(&m, RTA_DST, prefix, sizeof(*prefix));
	if (ifindex)
		kl2tp_rtnl_put(&m, RTA_OIF, ifindex);
	else
		kl2tp_rtnl_put(&m, RTA_PRIORITY, KL2TP_UNREACH6_METRIC);
	if (gw) {
		m.rtm.rtm_flags = RTNH_F_ONLINK;
		kl2tp_rtnl_put_data(&m, RTA_GATEWAY, gw, sizeof(*gw));
	}
	return kl2tp_rtnl_request(net, &m.h);
}

int kl2tp_route6_add(struct net *net, int ifindex,
		     const struct in6_addr *prefix, u8 len)
{
	return kl2tp_rtnl_route6(net, ifindex, prefix, len, NULL,
				 RTPROT_STATIC, true);
}

int kl2tp_route6_del(struct net *net, int ifindex,
		     const struct in6_addr *prefix, u8 len)
{
	return kl2tp_rtnl_route6(net, ifindex, prefix, len, NULL,
				 RTPROT_STATIC, false);
}

/* IPv6: a route of ours to @prefix/@len via @gw on device @ifindex, or not. */
int kl2tp_route6_gw(struct net *net, int ifindex, const struct in6_addr *prefix,
		    u8 len, const struct in6_addr *gw, bool add)
{
	return kl2tp_rtnl_route6(net, ifindex, prefix, len, gw, RTPROT_STATIC,
				 add);
}

/*
 * An unreachable route to @prefix/@len (what of a delegated prefix is not
 * routed more precisely elsewhere goes nowhere), or not: of metric
 * KL2TP_UNREACH6_METRIC, so that no route of the operator's to the same
 * prefix is replaced or deleted.
 */
int kl2tp_route6_unreach(struct net *net, const struct in6_addr *prefix,
			 u8 len, bool add)
{
	return kl2tp_rtnl_route6(net, 0, prefix, len, NULL, RTPROT_STATIC, add);
}

/* Delete a route to @prefix/@len through @ifindex of protocol @proto. */
int kl2tp_route6_del_proto(struct net *net, int ifindex,
			   const struct in6_addr *prefix, u8 len, u8 proto)
{
	return kl2tp_rtnl_route6(net, ifindex, prefix, len, NULL, proto, false);
}
