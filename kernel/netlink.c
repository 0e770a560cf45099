// SPDX-License-Identifier: GPL-2.0
/*
 * kl2tp: the generic netlink family. See uapi/linux/kl2tp.h for the
 * request/reply trees; every operation has its own strict policy, so an
 * attribute an operation does not take is refused.
 */
#include <linux/kernel.h>
#include <linux/ctype.h>
#include <linux/bitmap.h>
#include <linux/inetdevice.h>
#include <linux/slab.h>
#include <net/genetlink.h>

#include "uapi/linux/kl2tp.h"
#include "compat.h"
#include "kl2tp.h"
#include "pool.h"
#include "config.h"
#include "socket.h"
#include "tunnel.h"
#include "session.h"
#include "ppp.h"
#include "device.h"
#include "netlink.h"
#include "acct.h"
#include "version.h"
#include "proto/ppp_auth.h"

/* What this build implements (enum kl2tp_feature). */
#define KL2TP_FEATURES (KL2TP_FEATURE_INFO | KL2TP_FEATURE_CONTROL | \
			KL2TP_FEATURE_POOLS | KL2TP_FEATURE_PPP | \
			KL2TP_FEATURE_STATS | KL2TP_FEATURE_SET | \
			KL2TP_FEATURE_AAA | KL2TP_FEATURE_ACCT | \
			KL2TP_FEATURE_IPV6 | KL2TP_FEATURE_IPV6_UNDERLAY | \
			KL2TP_FEATURE_DHCP6_PD)

static struct genl_family kl2tp_genl_family;

enum { KL2TP_MCGRP_EVENTS_IDX };

/*
 * Events name users and their addresses. A kernel that cannot restrict
 * the group to CAP_NET_ADMIN (no GENL_MCAST_CAP_NET_ADMIN: before 6.7 and
 * its stable backports) lets any local user join it: there the events
 * carry only ids, states and results.
 */
#ifdef KL2TP_HAVE_GENL_MCAST_CAP
#define KL2TP_EVENTS_PRIVATE	true
#else
#define KL2TP_EVENTS_PRIVATE	false
#endif

static const struct genl_multicast_group kl2tp_mcgrps[] = {
	[KL2TP_MCGRP_EVENTS_IDX] = {
		.name = KL2TP_MCGRP_EVENTS,
#ifdef KL2TP_HAVE_GENL_MCAST_CAP
		/* events name users and addresses: admins only */
		.flags = GENL_MCAST_CAP_NET_ADMIN,
#endif
	},
};

/* ---- policies ------------------------------------------------------------ */

#define P_NAME		{ .type = NLA_NUL_STRING, .len = KL2TP_NAME_MAX - 1 }
#define P_HOSTNAME	{ .type = NLA_NUL_STRING, .len = KL2TP_HOSTNAME_MAX - 1 }
#define P_CALL_NUMBER	{ .type = NLA_NUL_STRING, .len = KL2TP_CALL_NUMBER_MAX - 1 }
#define P_SECRET	NLA_POLICY_RANGE(NLA_BINARY, 1, KL2TP_SECRET_MAX)
#define P_ADDR		{ .type = NLA_BE32 }
#define P_BOOL		NLA_POLICY_MAX(NLA_U8, 1)
#define P_IFNAME	{ .type = NLA_NUL_STRING, .len = IFNAMSIZ - 1 }
#define P_U16		{ .type = NLA_U16 }
#define P_U32		{ .type = NLA_U32 }
#define P_ADDR6		NLA_POLICY_EXACT_LEN(sizeof(struct in6_addr))
#define P_IP		NLA_POLICY_VALIDATE_FN(NLA_BINARY, kl2tp_validate_ip, \
					       sizeof(struct in6_addr))

/* An "ip_addr" (uapi): 4 bytes IPv4 or 16 bytes IPv6, not IPv4-mapped. */
static int kl2tp_validate_ip(const struct nlattr *a,
			     struct netlink_ext_ack *extack)
{
	if (nla_len(a) == sizeof(struct in_addr))
		return 0;
	if (nla_len(a) != sizeof(struct in6_addr)) {
		NL_SET_ERR_MSG_ATTR(extack, a,
				    "an address is 4 (IPv4) or 16 (IPv6) bytes");
		return -EINVAL;
	}
	if (ipv6_addr_v4mapped(nla_data(a))) {
		NL_SET_ERR_MSG_ATTR(extack, a,
				    "IPv4-mapped IPv6 address: give the IPv4 address");
		return -EINVAL;
	}
	return 0;
}

/* A P_IP attribute into @sa (no port). */
static void kl2tp_get_sa(const struct nlattr *a, union kl2tp_sa *sa)
{
	memset(sa, 0, sizeof(*sa));
	if (nla_len(a) == sizeof(struct in6_addr)) {
		sa->v6.sin6_family = AF_INET6;
		sa->v6.sin6_addr = nla_get_in6_addr(a);
	} else {
		sa->v4.sin_family = AF_INET;
		sa->v4.sin_addr.s_addr = nla_get_in_addr(a);
	}
}

static int kl2tp_put_sa(struct sk_buff *skb, int type,
			const union kl2tp_sa *sa)
{
	if (kl2tp_sa_is6(sa))
		return nla_put_in6_addr(skb, type, &sa->v6.sin6_addr);
	return nla_put_in_addr(skb, type, sa->v4.sin_addr.s_addr);
}

/* The first LNS as KL2TP_A_REMOTE_ADDR, of its family. */
static int kl2tp_put_lns(struct sk_buff *skb, const struct kl2tp_lns_addr *l)
{
	union kl2tp_sa sa;

	kl2tp_lns_sa(l, &sa);
	return kl2tp_put_sa(skb, KL2TP_A_REMOTE_ADDR, &sa);
}

/*
 * An underlay address given to listen on (@any allowed) or to reach: not
 * multicast, broadcast or (IPv6) link-local, which would need a scope.
 */
static int kl2tp_sa_check(const union kl2tp_sa *sa, bool any,
			  const struct nlattr *a, struct netlink_ext_ack *extack)
{
	if (kl2tp_sa_is6(sa) && !IS_ENABLED(CONFIG_IPV6)) {
		NL_SET_ERR_MSG_ATTR(extack, a, "this kernel has no IPv6");
		return -EAFNOSUPPORT;
	}
	if (kl2tp_sa_any(sa)) {
		if (any)
			return 0;
		NL_SET_ERR_MSG_ATTR(extack, a, "the unspecified address");
		return -EINVAL;
	}
	if (kl2tp_sa_is6(sa) ?
	    ipv6_addr_type(&sa->v6.sin6_addr) &
	    (IPV6_ADDR_MULTICAST | IPV6_ADDR_LINKLOCAL) :
	    ipv4_is_multicast(sa->v4.sin_addr.s_addr) ||
	    ipv4_is_lbcast(sa->v4.sin_addr.s_addr)) {
		NL_SET_ERR_MSG_ATTR(extack, a,
				    "a multicast, broadcast or link-local address");
		return -EINVAL;
	}
	return 0;
}

/* GET_INFO takes no attributes: every entry NLA_UNSPEC, refused as strict. */
static const struct nla_policy kl2tp_none_policy[KL2TP_A_MAX + 1] = {};

static const struct nla_policy kl2tp_name_policy[KL2TP_A_MAX + 1] = {
	[KL2TP_A_NAME] = P_NAME,
};

static const struct nla_policy kl2tp_pool_policy[KL2TP_A_MAX + 1] = {
	[KL2TP_A_NAME] = P_NAME,
	[KL2TP_A_POOL_START] = P_ADDR,
	[KL2TP_A_POOL_END] = P_ADDR,
	[KL2TP_A_DNS1] = P_ADDR,
	[KL2TP_A_DNS2] = P_ADDR,
	[KL2TP_A_PREFIX6] = P_ADDR6,
	[KL2TP_A_PREFIX6_LEN] = NLA_POLICY_RANGE(NLA_U8, 1, 64),
	[KL2TP_A_PREFIX6_ASSIGN] = NLA_POLICY_RANGE(NLA_U8, 1, 64),
	[KL2TP_A_DNS6_1] = P_ADDR6,
	[KL2TP_A_DNS6_2] = P_ADDR6,
};

static const struct nla_policy kl2tp_user_policy[KL2TP_A_MAX + 1] = {
	[KL2TP_A_NAME] = P_NAME,
	[KL2TP_A_PASSWORD] = P_SECRET,
	[KL2TP_A_POOL] = P_NAME,
	[KL2TP_A_ADDRESS] = P_ADDR,
	[KL2TP_A_MAX_SESSIONS] = P_U32,
	[KL2TP_A_ROUTES] = NLA_POLICY_RANGE(NLA_BINARY, 0,
					    sizeof(struct kl2tp_route) *
					    KL2TP_ROUTES_MAX),
	[KL2TP_A_POOL6] = P_NAME,
	[KL2TP_A_PREFIX6] = P_ADDR6,
	[KL2TP_A_PREFIX6_LEN] = NLA_POLICY_RANGE(NLA_U8, 1, 64),
	[KL2TP_A_PD_POOL] = P_NAME,
};

static const struct nla_policy kl2tp_peer_policy[KL2TP_A_MAX + 1] = {
	[KL2TP_A_NAME] = P_NAME,
	[KL2TP_A_ADDRESS] = P_IP,
	[KL2TP_A_PREFIXLEN] = NLA_POLICY_MAX(NLA_U8, 128),
	[KL2TP_A_HOSTNAME] = P_HOSTNAME,
	[KL2TP_A_SECRET] = P_SECRET,
	[KL2TP_A_HIDDEN] = P_BOOL,
	[KL2TP_A_HELLO] = NLA_POLICY_MAX(NLA_U32, KL2TP_HELLO_MAX),
	[KL2TP_A_MAX_SESSIONS] = P_U32,
	[KL2TP_A_TRUST_PROXY] = P_BOOL,
};

static const struct nla_policy kl2tp_peers_nest_policy[KL2TP_A_MAX + 1] = {
	[KL2TP_A_NAME] = P_NAME,
};

/* The attributes of struct kl2tp_call_opts, in both policies below. */
#define P_CALL_OPTS							\
	[KL2TP_A_HOSTNAME] = P_HOSTNAME,				\
	[KL2TP_A_MTU] = NLA_POLICY_RANGE(NLA_U32, KL2TP_MTU_MIN,	\
					 KL2TP_MTU_MAX),		\
	[KL2TP_A_LCP_ECHO_INTERVAL] =					\
		NLA_POLICY_MAX(NLA_U32, KL2TP_LCP_ECHO_INTERVAL_MAX),	\
	[KL2TP_A_LCP_ECHO_FAILURES] =					\
		NLA_POLICY_RANGE(NLA_U32, KL2TP_LCP_ECHO_FAILURES_MIN,	\
				 KL2TP_LCP_ECHO_FAILURES_MAX),		\
	[KL2TP_A_AUTH] = NLA_POLICY_RANGE(NLA_BINARY, 1, KL2TP_AUTH_LIST_MAX), \
	[KL2TP_A_MSS_CLAMP] = P_BOOL,					\
	[KL2TP_A_IFNAME] = P_IFNAME,					\
	[KL2TP_A_SHARED_DEV] = P_IFNAME

static const struct nla_policy kl2tp_lns_policy[KL2TP_A_MAX + 1] = {
	[KL2TP_A_NAME] = P_NAME,
	[KL2TP_A_LISTEN_ADDR] = P_IP,
	[KL2TP_A_LISTEN_PORT] = NLA_POLICY_MIN(NLA_U16, 1),
	[KL2TP_A_LOCAL_IP] = P_ADDR,
	[KL2TP_A_POOL] = P_NAME,
	[KL2TP_A_POOL6] = P_NAME,
	[KL2TP_A_PD_POOL] = P_NAME,
	[KL2TP_A_PEERS] = NLA_POLICY_NESTED(kl2tp_peers_nest_policy),
	[KL2TP_A_SEQUENCING] = P_BOOL,
	[KL2TP_A_MAX_TUNNELS] = P_U32,
	[KL2TP_A_MAX_SESSIONS] = P_U32,
	[KL2TP_A_STRIP_DOMAIN] = P_BOOL,
	[KL2TP_A_FORCE_CHAP] = P_BOOL,
	[KL2TP_A_LCP_RENEGOTIATE] = P_BOOL,
	[KL2TP_A_AAA] = NLA_POLICY_MAX(NLA_U8, __KL2TP_AAA_MAX - 1),
	[KL2TP_A_AAA_TIMEOUT] = NLA_POLICY_RANGE(NLA_U32, 1,
						 KL2TP_AAA_TIMEOUT_MAX),
	P_CALL_OPTS,
};

static const struct nla_policy kl2tp_client_policy[KL2TP_A_MAX + 1] = {
	[KL2TP_A_NAME] = P_NAME,
	[KL2TP_A_REMOTE_ADDR] = P_IP,
	[KL2TP_A_REMOTE_PORT] = NLA_POLICY_MIN(NLA_U16, 1),
	[KL2TP_A_USER] = P_NAME,
	[KL2TP_A_PASSWORD] = P_SECRET,
	[KL2TP_A_SECRET] = P_SECRET,
	[KL2TP_A_DEFAULT_ROUTE] = P_BOOL,
	[KL2TP_A_REDIAL] = P_BOOL,
	[KL2TP_A_IPV6] = P_BOOL,
	[KL2TP_A_PD] = P_BOOL,
	[KL2TP_A_PD_DEV] = P_IFNAME,
	[KL2TP_A_HELLO] = NLA_POLICY_MAX(NLA_U32, KL2TP_HELLO_MAX),
	[KL2TP_A_HIDDEN] = P_BOOL,
	[KL2TP_A_TUNNEL_OWN] = { .type = NLA_FLAG },
	[KL2TP_A_CALLING_NUMBER] = P_CALL_NUMBER,
	[KL2TP_A_CALLED_NUMBER] = P_CALL_NUMBER,
	[KL2TP_A_LNS_MORE] = NLA_POLICY_RANGE(NLA_BINARY,
					      sizeof(struct kl2tp_lns_addr),
					      sizeof(struct kl2tp_lns_addr) *
					      (KL2TP_LNS_MAX - 1)),
	[KL2TP_A_LNS_POLICY] = NLA_POLICY_MAX(NLA_U8,
					      __KL2TP_LNS_POLICY_MAX - 1),
	P_CALL_OPTS,
};

static const struct nla_policy kl2tp_tunnel_policy[KL2TP_A_MAX + 1] = {
	[KL2TP_A_TUNNEL_ID] = NLA_POLICY_MIN(NLA_U16, 1),
};

static const struct nla_policy kl2tp_session_policy[KL2TP_A_MAX + 1] = {
	[KL2TP_A_SESSION_ID] = NLA_POLICY_MIN(NLA_U16, 1),
	[KL2TP_A_TUNNEL_ID] = NLA_POLICY_MIN(NLA_U16, 1),
};

static const struct nla_policy kl2tp_session_set_policy[KL2TP_A_MAX + 1] = {
	[KL2TP_A_SESSION_ID] = NLA_POLICY_MIN(NLA_U16, 1),
	[KL2TP_A_SESSION_TIMEOUT] = { .type = NLA_U32 },
	[KL2TP_A_IDLE_TIMEOUT] = { .type = NLA_U32 },
};

static const struct nla_policy kl2tp_verdict_policy[KL2TP_A_MAX + 1] = {
	[KL2TP_A_AAA_COOKIE] = { .type = NLA_U64 },
	[KL2TP_A_SESSION_ID] = NLA_POLICY_MIN(NLA_U16, 1),
	[KL2TP_A_AAA_RESULT] = NLA_POLICY_MAX(NLA_U8,
					      __KL2TP_AAA_RESULT_MAX - 1),
	[KL2TP_A_AAA_AUTHRESP] =
		NLA_POLICY_EXACT_LEN(KL2TP_PPP_MSCHAP_AUTHRESP_LEN),
	[KL2TP_A_MESSAGE] = { .type = NLA_NUL_STRING, .len = 253 },
	/* what Access-Accept said about the user */
	[KL2TP_A_ADDRESS] = P_ADDR,
	[KL2TP_A_POOL] = P_NAME,
	[KL2TP_A_DNS1] = P_ADDR,
	[KL2TP_A_DNS2] = P_ADDR,
	[KL2TP_A_MTU] = NLA_POLICY_RANGE(NLA_U32, KL2TP_MTU_MIN, KL2TP_MTU_MAX),
	[KL2TP_A_ROUTES] = NLA_POLICY_RANGE(NLA_BINARY, 0,
					    sizeof(struct kl2tp_route) *
					    KL2TP_ROUTES_MAX),
	[KL2TP_A_SESSION_TIMEOUT] = NLA_POLICY_MIN(NLA_U32, 1),
	[KL2TP_A_IDLE_TIMEOUT] = NLA_POLICY_MIN(NLA_U32, 1),
	[KL2TP_A_ACCT_INTERIM] = NLA_POLICY_MIN(NLA_U32, 1),
	[KL2TP_A_ACCT_CLASS] = NLA_POLICY_RANGE(NLA_BINARY, 1,
						KL2TP_ACCT_CLASS_MAX),
	[KL2TP_A_PREFIX6] = P_ADDR6,
	[KL2TP_A_PREFIX6_LEN] = NLA_POLICY_RANGE(NLA_U8, 1, 64),
	[KL2TP_A_POOL6] = P_NAME,
	[KL2TP_A_DNS6_1] = P_ADDR6,
	[KL2TP_A_DNS6_2] = P_ADDR6,
	[KL2TP_A_PD_PREFIX] = P_ADDR6,
	[KL2TP_A_PD_PREFIX_LEN] = NLA_POLICY_RANGE(NLA_U8, 1, 64),
	[KL2TP_A_PD_POOL] = P_NAME,
};

static const struct nla_policy kl2tp_acct_ack_policy[KL2TP_A_MAX + 1] = {
	[KL2TP_A_ACCT_RECORD] = { .type = NLA_U64 },
};

/* ---- helpers --------------------------------------------------------------- */

static struct kl2tp_net *kl2tp_info_net(struct genl_info *info)
{
	return kl2tp_pernet(genl_info_net(info));
}

/* Names: 1..63 printable ASCII bytes without spaces. */
static int kl2tp_get_name(struct genl_info *info, int attr, char *dst,
			  bool required)
{
	const struct nlattr *a = info->attrs[attr];
	const char *s;
	size_t i, n;

	if (!a) {
		if (required) {
			GENL_SET_ERR_MSG(info, "missing name");
			NL_SET_BAD_ATTR(info->extack, NULL);
			return -EINVAL;
		}
		return 0;
	}
	s = nla_data(a);
	n = strnlen(s, nla_len(a));
	if (!n || n >= KL2TP_NAME_MAX) {
		NL_SET_ERR_MSG_ATTR(info->extack, a, "name must be 1..63 bytes");
		return -EINVAL;
	}
	for (i = 0; i < n; i++) {
		if (!isgraph(s[i])) {
			NL_SET_ERR_MSG_ATTR(info->extack, a,
					    "name must be printable, without spaces");
			return -EINVAL;
		}
	}
	memcpy(dst, s, n + 1);
	return 0;
}

static void kl2tp_get_secret(struct genl_info *info, int attr,
			     struct kl2tp_secret *dst)
{
	const struct nlattr *a = info->attrs[attr];

	if (!a)
		return;
	dst->len = nla_len(a);
	memcpy(dst->data, nla_data(a), dst->len);
}

/*
 * The session device name pattern ("l2tp%d" style) into @ifname, or the
 * name of the device the sessions share into @shared (no '%'); not both.
 */
static int kl2tp_get_ifname(struct genl_info *info, char *ifname,
			    char *shared)
{
	const struct nlattr *a = info->attrs[KL2TP_A_IFNAME];
	const struct nlattr *sh = info->attrs[KL2TP_A_SHARED_DEV];

	if (a && sh) {
		NL_SET_ERR_MSG_ATTR(info->extack, sh,
				    "ifname and shared-dev exclude each other");
		return -EINVAL;
	}
	if (a) {
		nla_strscpy(ifname, a, IFNAMSIZ);
		if (!dev_valid_name(ifname)) {
			NL_SET_ERR_MSG_ATTR(info->extack, a,
					    "invalid interface name");
			return -EINVAL;
		}
	}
	if (sh) {
		nla_strscpy(shared, sh, IFNAMSIZ);
		if (!dev_valid_name(shared) || strchr(shared, '%')) {
			NL_SET_ERR_MSG_ATTR(info->extack, sh,
					    "invalid shared device name (no '%')");
			return -EINVAL;
		}
	}
	return 0;
}

static void kl2tp_get_str(struct genl_info *info, int attr, char *dst,
			  size_t size)
{
	if (info->attrs[attr])
		nla_strscpy(dst, info->attrs[attr], size);
}

/* The value of an optional integer attribute, or @def when absent. */
static u32 kl2tp_u32(struct genl_info *info, int attr, u32 def)
{
	return info->attrs[attr] ? nla_get_u32(info->attrs[attr]) : def;
}

static u16 kl2tp_u16(struct genl_info *info, int attr, u16 def)
{
	return info->attrs[attr] ? nla_get_u16(info->attrs[attr]) : def;
}

static u8 kl2tp_u8(struct genl_info *info, int attr, u8 def)
{
	return info->attrs[attr] ? nla_get_u8(info->attrs[attr]) : def;
}

static int kl2tp_get_auth(struct genl_info *info, u8 *auth, u8 *n)
{
	const struct nlattr *a = info->attrs[KL2TP_A_AUTH];
	const u8 *p;
	int i;

	if (!a)
		return 0;
	p = nla_data(a);
	for (i = 0; i < nla_len(a); i++) {
		if (p[i] == KL2TP_AUTH_NONE || p[i] >= __KL2TP_AUTH_MAX) {
			NL_SET_ERR_MSG_ATTR(info->extack, a, "unknown auth method");
			return -EINVAL;
		}
		if (memchr(p, p[i], i)) {
			NL_SET_ERR_MSG_ATTR(info->extack, a, "auth method given twice");
			return -EINVAL;
		}
		auth[i] = p[i];
	}
	*n = nla_len(a);
	return 0;
}

/* The attributes of P_CALL_OPTS into @o, defaults for those absent. */
static int kl2tp_get_call_opts(struct genl_info *info,
			       struct kl2tp_call_opts *o)
{
	int ret;

	ret = kl2tp_get_auth(info, o->auth, &o->n_auth);
	if (ret)
		return ret;
	kl2tp_get_str(info, KL2TP_A_HOSTNAME, o->hostname, sizeof(o->hostname));
	o->mtu = kl2tp_u32(info, KL2TP_A_MTU, 0);
	o->lcp_echo_interval = kl2tp_u32(info, KL2TP_A_LCP_ECHO_INTERVAL,
					 KL2TP_DEFAULT_LCP_ECHO);
	o->lcp_echo_failures = kl2tp_u32(info, KL2TP_A_LCP_ECHO_FAILURES,
					 KL2TP_DEFAULT_LCP_ECHO_FAILURES);
	o->mss_clamp = kl2tp_u8(info, KL2TP_A_MSS_CLAMP, 0);
	return kl2tp_get_ifname(info, o->ifname, o->shared_dev);
}

/* The attributes of @o, for a get or dump. */
static int kl2tp_put_call_opts(struct sk_buff *skb,
			       const struct kl2tp_call_opts *o)
{
	if ((o->n_auth && nla_put(skb, KL2TP_A_AUTH, o->n_auth, o->auth)) ||
	    (o->hostname[0] &&
	     nla_put_string(skb, KL2TP_A_HOSTNAME, o->hostname)) ||
	    (o->mtu && nla_put_u32(skb, KL2TP_A_MTU, o->mtu)) ||
	    nla_put_u32(skb, KL2TP_A_LCP_ECHO_INTERVAL, o->lcp_echo_interval) ||
	    nla_put_u32(skb, KL2TP_A_LCP_ECHO_FAILURES, o->lcp_echo_failures) ||
	    (o->ifname[0] && nla_put_string(skb, KL2TP_A_IFNAME, o->ifname)) ||
	    (o->shared_dev[0] &&
	     nla_put_string(skb, KL2TP_A_SHARED_DEV, o->shared_dev)) ||
	    nla_put_u8(skb, KL2TP_A_MSS_CLAMP, o->mss_clamp))
		return -EMSGSIZE;
	return 0;
}

static u64 kl2tp_uptime(unsigned long since)
{
	return (jiffies - since) / HZ;
}

/* Reply to a doit with one object, filled by @fill under the caller's lock. */
typedef int (*kl2tp_fill_t)(struct sk_buff *skb, void *obj, u32 portid,
			    u32 seq, int flags, u8 cmd);

static int kl2tp_reply_obj(struct genl_info *info, kl2tp_fill_t fill,
			   void *obj, u8 cmd)
{
	struct sk_buff *msg;
	int ret;

	msg = kl2tp_fail() ? NULL : nlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	ret = fill(msg, obj, info->snd_portid, info->snd_seq, 0, cmd);
	if (ret < 0) {
		nlmsg_free(msg);
		return ret;
	}
	return genlmsg_reply(msg, info);
}

static int kl2tp_put_stats(struct sk_buff *skb, const u64 *vals,
			   const int *types, int n)
{
	struct nlattr *nest = nla_nest_start(skb, KL2TP_A_STATS);
	int i;

	if (!nest)
		return -EMSGSIZE;
	for (i = 0; i < n; i++)
		if (nla_put_u64_64bit(skb, types[i], vals[i], KL2TP_STAT_PAD))
			return -EMSGSIZE;
	nla_nest_end(skb, nest);
	return 0;
}

/* ---- GET_INFO -------------------------------------------------------------- */

static int kl2tp_nl_get_info(struct sk_buff *skb, struct genl_info *info)
{
	struct sk_buff *msg;
	void *hdr;

	msg = kl2tp_fail() ? NULL : genlmsg_new(NLMSG_DEFAULT_SIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;

	hdr = genlmsg_put_reply(msg, info, &kl2tp_genl_family, 0,
				KL2TP_CMD_GET_INFO);
	if (!hdr)
		goto nla_failure;

	if (nla_put_string(msg, KL2TP_A_INFO_VERSION, KL2TP_VERSION) ||
	    nla_put_u32(msg, KL2TP_A_INFO_API, KL2TP_API_VERSION) ||
	    nla_put_u64_64bit(msg, KL2TP_A_INFO_FEATURES, KL2TP_FEATURES,
			      KL2TP_A_PAD))
		goto nla_failure;

	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);

nla_failure:
	nlmsg_free(msg);
	return -EMSGSIZE;
}

/* ---- STATS_GET ------------------------------------------------------------- */

/* @ends as KL2TP_A_END entries in a nest @type: the kinds seen. */
static int kl2tp_put_ends(struct sk_buff *skb, int type,
			  atomic64_t ends[2][KL2TP_RESULT_SLOTS])
{
	struct nlattr *nest, *end;
	int ours, rc;
	u64 v;

	nest = nla_nest_start(skb, type);
	if (!nest)
		return -EMSGSIZE;
	for (ours = 0; ours < 2; ours++) {
		for (rc = 0; rc < KL2TP_RESULT_SLOTS; rc++) {
			v = atomic64_read(&ends[ours][rc]);
			if (!v)
				continue;
			end = nla_nest_start(skb, KL2TP_A_END);
			if (!end || nla_put_u16(skb, KL2TP_A_RESULT_CODE, rc) ||
			    (ours && nla_put_flag(skb, KL2TP_A_LOCAL)) ||
			    nla_put_u64_64bit(skb, KL2TP_A_COUNT, v, KL2TP_A_PAD))
				return -EMSGSIZE;
			nla_nest_end(skb, end);
		}
	}
	nla_nest_end(skb, nest);
	return 0;
}

static int kl2tp_nl_stats_get(struct sk_buff *skb, struct genl_info *info)
{
	static const int types[] = {
		KL2TP_STAT_TUNNELS_UP, KL2TP_STAT_SESSIONS_UP,
		KL2TP_STAT_CTRL_RETRANSMITS, KL2TP_STAT_ACCT_DROPPED,
	};
	struct kl2tp_net *kn = kl2tp_info_net(info);
	struct kl2tp_net_stats *st = &kn->stats;
	u64 vals[ARRAY_SIZE(types)];
	struct kl2tp_tunnel *t;
	struct sk_buff *msg;
	u64 retransmits;
	void *hdr;

	/* the gone tunnels' share moves in under kn->lock as they unlink */
	mutex_lock(&kn->lock);
	retransmits = atomic64_read(&st->ctrl_retransmits);
	list_for_each_entry(t, &kn->tunnels, list) {
		mutex_lock(&t->lock);
		retransmits += t->cw.stats.retransmits;
		mutex_unlock(&t->lock);
	}
	mutex_unlock(&kn->lock);
	vals[0] = atomic64_read(&st->tunnels_up);
	vals[1] = atomic64_read(&st->sessions_up);
	vals[2] = retransmits;
	vals[3] = atomic64_read(&st->acct_dropped);

	msg = kl2tp_fail() ? NULL : genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	hdr = genlmsg_put_reply(msg, info, &kl2tp_genl_family, 0,
				KL2TP_CMD_STATS_GET);
	if (!hdr ||
	    kl2tp_put_stats(msg, vals, types, ARRAY_SIZE(types)) ||
	    kl2tp_put_ends(msg, KL2TP_A_TUNNEL_ENDS, st->tunnel_ends) ||
	    kl2tp_put_ends(msg, KL2TP_A_SESSION_ENDS, st->session_ends)) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);
}

/* ---- pools and users ----------------------------------------------------- */

static int kl2tp_fill_pool(struct sk_buff *skb, void *obj, u32 portid,
			   u32 seq, int flags, u8 cmd)
{
	struct kl2tp_pool *p = obj;
	void *hdr;

	hdr = genlmsg_put(skb, portid, seq, &kl2tp_genl_family, flags, cmd);
	if (!hdr)
		return -EMSGSIZE;
	if (nla_put_string(skb, KL2TP_A_NAME, p->name) ||
	    (!p->v6 &&
	     (nla_put_in_addr(skb, KL2TP_A_POOL_START, htonl(p->start)) ||
	      nla_put_in_addr(skb, KL2TP_A_POOL_END, htonl(p->end)) ||
	      (p->dns1 && nla_put_in_addr(skb, KL2TP_A_DNS1, p->dns1)) ||
	      (p->dns2 && nla_put_in_addr(skb, KL2TP_A_DNS2, p->dns2)))) ||
	    (p->v6 &&
	     (nla_put_in6_addr(skb, KL2TP_A_PREFIX6, &p->prefix6) ||
	      nla_put_u8(skb, KL2TP_A_PREFIX6_LEN, p->plen6) ||
	      nla_put_u8(skb, KL2TP_A_PREFIX6_ASSIGN, p->assign6) ||
	      (!ipv6_addr_any(&p->dns6[0]) &&
	       nla_put_in6_addr(skb, KL2TP_A_DNS6_1, &p->dns6[0])) ||
	      (!ipv6_addr_any(&p->dns6[1]) &&
	       nla_put_in6_addr(skb, KL2TP_A_DNS6_2, &p->dns6[1])))) ||
	    nla_put_u32(skb, KL2TP_A_POOL_SIZE, p->size) ||
	    nla_put_u32(skb, KL2TP_A_POOL_USED, p->used)) {
		genlmsg_cancel(skb, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(skb, hdr);
	return 0;
}

static int kl2tp_fill_user(struct sk_buff *skb, void *obj, u32 portid,
			   u32 seq, int flags, u8 cmd)
{
	struct kl2tp_user *u = obj;
	void *hdr;

	hdr = genlmsg_put(skb, portid, seq, &kl2tp_genl_family, flags, cmd);
	if (!hdr)
		return -EMSGSIZE;
	if (nla_put_string(skb, KL2TP_A_NAME, u->name) ||
	    (u->pool[0] && nla_put_string(skb, KL2TP_A_POOL, u->pool)) ||
	    (u->address && nla_put_in_addr(skb, KL2TP_A_ADDRESS, u->address)) ||
	    nla_put_u32(skb, KL2TP_A_MAX_SESSIONS, u->max_sessions) ||
	    nla_put_u32(skb, KL2TP_A_SESSIONS, u->sessions) ||
	    (u->n_routes &&
	     nla_put(skb, KL2TP_A_ROUTES, u->n_routes * sizeof(u->routes[0]),
		     u->routes)) ||
	    (u->pool6[0] && nla_put_string(skb, KL2TP_A_POOL6, u->pool6)) ||
	    (u->prefix6_len &&
	     (nla_put_in6_addr(skb, KL2TP_A_PREFIX6, &u->prefix6) ||
	      nla_put_u8(skb, KL2TP_A_PREFIX6_LEN, u->prefix6_len))) ||
	    (u->pd_pool[0] && nla_put_string(skb, KL2TP_A_PD_POOL, u->pd_pool)) ||
	    nla_put_flag(skb, KL2TP_A_SECRET_SET)) {
		genlmsg_cancel(skb, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(skb, hdr);
	return 0;
}

/*
 * @attr (KL2TP_A_PREFIX6 or KL2TP_A_PD_PREFIX) and the length attribute
 * after it: a prefix, no bit beyond it.
 */
static int kl2tp_get_prefix6(struct genl_info *info, int attr,
			     struct in6_addr *pfx, u8 *len)
{
	struct in6_addr m;

	BUILD_BUG_ON(KL2TP_A_PREFIX6 + 1 != KL2TP_A_PREFIX6_LEN ||
		     KL2TP_A_PD_PREFIX + 1 != KL2TP_A_PD_PREFIX_LEN);
	if (!info->attrs[attr] || !info->attrs[attr + 1]) {
		GENL_SET_ERR_MSG(info, "an IPv6 prefix needs its length");
		return -EINVAL;
	}
	*pfx = nla_get_in6_addr(info->attrs[attr]);
	*len = nla_get_u8(info->attrs[attr + 1]);
	ipv6_addr_prefix(&m, pfx, *len);
	if (!ipv6_addr_equal(&m, pfx)) {
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[attr],
				    "IPv6 prefix has bits set beyond its length");
		return -EINVAL;
	}
	return 0;
}

/*
 * POOL_ADD creates a pool (an IPv4 range, or an IPv6 prefix); POOL_SET
 * changes the range or DNS of one.
 */
static int kl2tp_nl_pool_add_set(struct sk_buff *skb, struct genl_info *info)
{
	struct kl2tp_net *kn = kl2tp_info_net(info);
	bool set = info->genlhdr->cmd == KL2TP_CMD_POOL_SET;
	bool range = info->attrs[KL2TP_A_POOL_START] ||
		     info->attrs[KL2TP_A_POOL_END];
	bool dns = info->attrs[KL2TP_A_DNS1] || info->attrs[KL2TP_A_DNS2];
	bool dns6 = info->attrs[KL2TP_A_DNS6_1] || info->attrs[KL2TP_A_DNS6_2];
	bool v6 = info->attrs[KL2TP_A_PREFIX6] ||
		  info->attrs[KL2TP_A_PREFIX6_LEN] ||
		  info->attrs[KL2TP_A_PREFIX6_ASSIGN];
	struct kl2tp_pool *p;
	int ret;

	if ((v6 || dns6) && (range || dns)) {
		GENL_SET_ERR_MSG(info,
				 "an IPv4 range or an IPv6 prefix, not both");
		return -EINVAL;
	}
	if (set && v6) {
		GENL_SET_ERR_MSG(info,
				 "an IPv6 pool's prefix cannot change (add another pool)");
		return -EINVAL;
	}
	if (!set && !v6 &&
	    (!info->attrs[KL2TP_A_POOL_START] || !info->attrs[KL2TP_A_POOL_END])) {
		if (dns6)
			GENL_SET_ERR_MSG(info, "missing IPv6 prefix");
		else
			GENL_SET_ERR_MSG(info, "missing range");
		return -EINVAL;
	}
	if (set && range &&
	    (!info->attrs[KL2TP_A_POOL_START] || !info->attrs[KL2TP_A_POOL_END])) {
		GENL_SET_ERR_MSG(info, "missing range");
		return -EINVAL;
	}
	if (set && !range && !dns && !dns6) {
		GENL_SET_ERR_MSG(info, "nothing to change");
		return -EINVAL;
	}
	if ((dns && !info->attrs[KL2TP_A_DNS1]) ||
	    (dns6 && !info->attrs[KL2TP_A_DNS6_1])) {
		GENL_SET_ERR_MSG(info, "a second DNS server without a first");
		return -EINVAL;
	}
	p = kl2tp_fail() ? NULL : kzalloc(sizeof(*p), GFP_KERNEL_ACCOUNT);
	if (!p)
		return -ENOMEM;
	ret = kl2tp_get_name(info, KL2TP_A_NAME, p->name, true);
	if (!ret && v6) {
		p->v6 = true;
		ret = kl2tp_get_prefix6(info, KL2TP_A_PREFIX6, &p->prefix6, &p->plen6);
		p->assign6 = kl2tp_u8(info, KL2TP_A_PREFIX6_ASSIGN, 64);
	}
	if (ret)
		goto out;
	if (range) {
		p->start = ntohl(nla_get_in_addr(info->attrs[KL2TP_A_POOL_START]));
		p->end = ntohl(nla_get_in_addr(info->attrs[KL2TP_A_POOL_END]));
	}
	if (info->attrs[KL2TP_A_DNS1])
		p->dns1 = nla_get_in_addr(info->attrs[KL2TP_A_DNS1]);
	if (info->attrs[KL2TP_A_DNS2])
		p->dns2 = nla_get_in_addr(info->attrs[KL2TP_A_DNS2]);
	if (info->attrs[KL2TP_A_DNS6_1])
		p->dns6[0] = nla_get_in6_addr(info->attrs[KL2TP_A_DNS6_1]);
	if (info->attrs[KL2TP_A_DNS6_2])
		p->dns6[1] = nla_get_in6_addr(info->attrs[KL2TP_A_DNS6_2]);
	if (set) {
		ret = kl2tp_pool_set(kn, p, range, dns, dns6, info->extack);
		goto out;
	}
	ret = kl2tp_pool_add(kn, p, info->extack);
	if (!ret)
		return 0;
	bitmap_free(p->map);
out:
	kfree(p);
	return ret;
}

/* The user's framed routes: whole networks, no two the same. */
/* KL2TP_A_ROUTES, checked, into @routes (KL2TP_ROUTES_MAX) and @n_routes. */
static int kl2tp_get_routes(struct genl_info *info, struct kl2tp_route *routes,
			    u8 *n_routes)
{
	const struct nlattr *a = info->attrs[KL2TP_A_ROUTES];
	unsigned int i, j, n;

	if (!a)
		return 0;
	if (nla_len(a) % sizeof(struct kl2tp_route)) {
		NL_SET_ERR_MSG_ATTR(info->extack, a,
				    "routes: not a whole number of entries");
		return -EINVAL;
	}
	n = nla_len(a) / sizeof(struct kl2tp_route);
	if (n > KL2TP_ROUTES_MAX)	/* the policy says so already */
		return -EINVAL;
	memcpy(routes, nla_data(a), n * sizeof(struct kl2tp_route));
	for (i = 0; i < n; i++) {
		const struct kl2tp_route *r = &routes[i];

		if (r->len < 1 || r->len > 32) {
			NL_SET_ERR_MSG_ATTR(info->extack, a,
					    "route prefix length must be 1..32");
			return -EINVAL;
		}
		if (r->pad[0] || r->pad[1] || r->pad[2]) {
			NL_SET_ERR_MSG_ATTR(info->extack, a,
					    "route padding must be zero");
			return -EINVAL;
		}
		if (r->prefix & ~inet_make_mask(r->len)) {
			NL_SET_ERR_MSG_ATTR(info->extack, a,
					    "route has bits set beyond its prefix length");
			return -EINVAL;
		}
		for (j = 0; j < i; j++) {
			if (routes[j].prefix == r->prefix &&
			    routes[j].len == r->len) {
				NL_SET_ERR_MSG_ATTR(info->extack, a,
						    "the same route twice");
				return -EINVAL;
			}
		}
	}
	*n_routes = n;
	return 0;
}

/* An attribute and the bit of a *_set() "which" it stands for. */
struct kl2tp_attr_bit {
	u16 attr;
	u32 bit;
};

/* The bits of @map whose attributes @info carries. */
static unsigned int kl2tp_which(const struct genl_info *info,
				const struct kl2tp_attr_bit *map, size_t n)
{
	unsigned int which = 0;
	size_t i;

	for (i = 0; i < n; i++)
		if (info->attrs[map[i].attr])
			which |= map[i].bit;
	return which;
}

/* The call options of a listener or client (kl2tp_get_call_opts()). */
static const struct kl2tp_attr_bit kl2tp_opts_bits[] = {
	{ KL2TP_A_AUTH, KL2TP_OPTS_SET_AUTH },
	{ KL2TP_A_HOSTNAME, KL2TP_OPTS_SET_HOSTNAME },
	{ KL2TP_A_MTU, KL2TP_OPTS_SET_MTU },
	{ KL2TP_A_LCP_ECHO_INTERVAL, KL2TP_OPTS_SET_LCP_ECHO },
	{ KL2TP_A_LCP_ECHO_FAILURES, KL2TP_OPTS_SET_LCP_ECHO_FAILURES },
	{ KL2TP_A_IFNAME, KL2TP_OPTS_SET_DEVICE },
	{ KL2TP_A_SHARED_DEV, KL2TP_OPTS_SET_DEVICE },
	{ KL2TP_A_MSS_CLAMP, KL2TP_OPTS_SET_MSS_CLAMP },
};

/* The user attributes present in @info into @u; which in *@which. */
static int kl2tp_user_from_attrs(struct genl_info *info, struct kl2tp_user *u,
				 unsigned int *which)
{
	static const struct kl2tp_attr_bit map[] = {
		{ KL2TP_A_PASSWORD, KL2TP_USER_SET_PASSWORD },
		{ KL2TP_A_POOL, KL2TP_USER_SET_POOL },
		{ KL2TP_A_ADDRESS, KL2TP_USER_SET_ADDRESS },
		{ KL2TP_A_MAX_SESSIONS, KL2TP_USER_SET_MAX_SESSIONS },
		{ KL2TP_A_ROUTES, KL2TP_USER_SET_ROUTES },
		{ KL2TP_A_POOL6, KL2TP_USER_SET_POOL6 },
		{ KL2TP_A_PREFIX6, KL2TP_USER_SET_PREFIX6 },
		{ KL2TP_A_PREFIX6_LEN, KL2TP_USER_SET_PREFIX6 },
		{ KL2TP_A_PD_POOL, KL2TP_USER_SET_PD_POOL },
	};
	int ret;

	*which = 0;
	if (info->attrs[KL2TP_A_POOL] && info->attrs[KL2TP_A_ADDRESS]) {
		GENL_SET_ERR_MSG(info, "a pool or a static address, not both");
		return -EINVAL;
	}
	if (info->attrs[KL2TP_A_POOL6] && info->attrs[KL2TP_A_PREFIX6]) {
		GENL_SET_ERR_MSG(info, "an IPv6 pool or a static prefix, not both");
		return -EINVAL;
	}
	if (info->attrs[KL2TP_A_PREFIX6] || info->attrs[KL2TP_A_PREFIX6_LEN]) {
		ret = kl2tp_get_prefix6(info, KL2TP_A_PREFIX6, &u->prefix6, &u->prefix6_len);
		if (ret)
			return ret;
	}
	ret = kl2tp_get_name(info, KL2TP_A_NAME, u->name, true);
	if (!ret)
		ret = kl2tp_get_name(info, KL2TP_A_POOL, u->pool, false);
	if (!ret)
		ret = kl2tp_get_name(info, KL2TP_A_POOL6, u->pool6, false);
	if (!ret)
		ret = kl2tp_get_name(info, KL2TP_A_PD_POOL, u->pd_pool, false);
	if (!ret)
		ret = kl2tp_get_routes(info, u->routes, &u->n_routes);
	if (ret)
		return ret;
	kl2tp_get_secret(info, KL2TP_A_PASSWORD, &u->password);
	if (info->attrs[KL2TP_A_ADDRESS])
		u->address = nla_get_in_addr(info->attrs[KL2TP_A_ADDRESS]);
	u->max_sessions = kl2tp_u32(info, KL2TP_A_MAX_SESSIONS, 0);
	*which = kl2tp_which(info, map, ARRAY_SIZE(map));
	return 0;
}

/* USER_ADD creates a user; USER_SET changes what it names of one. */
static int kl2tp_nl_user_add_set(struct sk_buff *skb, struct genl_info *info)
{
	struct kl2tp_net *kn = kl2tp_info_net(info);
	bool set = info->genlhdr->cmd == KL2TP_CMD_USER_SET;
	struct kl2tp_user *u;
	unsigned int which;
	int ret;

	if (!set && !info->attrs[KL2TP_A_PASSWORD]) {
		GENL_SET_ERR_MSG(info, "missing password");
		return -EINVAL;
	}
	u = kl2tp_fail() ? NULL : kzalloc(sizeof(*u), GFP_KERNEL_ACCOUNT);
	if (!u)
		return -ENOMEM;
	ret = kl2tp_user_from_attrs(info, u, &which);
	if (ret)
		goto out;
	if (set && !which) {
		GENL_SET_ERR_MSG(info, "nothing to change");
		ret = -EINVAL;
		goto out;
	}
	if (set) {
		ret = kl2tp_user_set(kn, u, which, info->extack);
		goto out;
	}
	ret = kl2tp_user_add(kn, u, info->extack);
	if (!ret)
		return 0;
out:
	kfree_sensitive(u);
	return ret;
}

static int kl2tp_nl_pool_user_del(struct sk_buff *skb, struct genl_info *info)
{
	struct kl2tp_net *kn = kl2tp_info_net(info);
	char name[KL2TP_NAME_MAX];
	int ret;

	ret = kl2tp_get_name(info, KL2TP_A_NAME, name, true);
	if (ret)
		return ret;
	if (info->genlhdr->cmd == KL2TP_CMD_POOL_DEL)
		return kl2tp_pool_del(kn, name, info->extack);
	return kl2tp_user_del(kn, name, info->extack);
}

/* ---- peers ------------------------------------------------------------------ */

static int kl2tp_fill_peer(struct sk_buff *skb, void *obj, u32 portid,
			   u32 seq, int flags, u8 cmd)
{
	struct kl2tp_peer *p = obj;
	void *hdr;

	hdr = genlmsg_put(skb, portid, seq, &kl2tp_genl_family, flags, cmd);
	if (!hdr)
		return -EMSGSIZE;
	if (nla_put_string(skb, KL2TP_A_NAME, p->name) ||
	    (p->has_addr &&
	     (kl2tp_put_sa(skb, KL2TP_A_ADDRESS, &p->addr) ||
	      nla_put_u8(skb, KL2TP_A_PREFIXLEN, p->prefixlen))) ||
	    (p->hostname[0] &&
	     nla_put_string(skb, KL2TP_A_HOSTNAME, p->hostname)) ||
	    (p->secret.len && nla_put_flag(skb, KL2TP_A_SECRET_SET)) ||
	    nla_put_u8(skb, KL2TP_A_HIDDEN, p->hidden) ||
	    nla_put_u8(skb, KL2TP_A_TRUST_PROXY, p->trust_proxy) ||
	    nla_put_u32(skb, KL2TP_A_HELLO, p->hello) ||
	    nla_put_u32(skb, KL2TP_A_MAX_SESSIONS, p->max_sessions)) {
		genlmsg_cancel(skb, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(skb, hdr);
	return 0;
}

/* The peer attributes present in @info into @p; which in *@which. */
static int kl2tp_peer_from_attrs(struct genl_info *info, struct kl2tp_peer *p,
				 unsigned int *which)
{
	static const struct kl2tp_attr_bit map[] = {
		{ KL2TP_A_ADDRESS, KL2TP_PEER_SET_ADDRESS },
		{ KL2TP_A_HOSTNAME, KL2TP_PEER_SET_HOSTNAME },
		{ KL2TP_A_SECRET, KL2TP_PEER_SET_SECRET },
		{ KL2TP_A_HIDDEN, KL2TP_PEER_SET_HIDDEN },
		{ KL2TP_A_TRUST_PROXY, KL2TP_PEER_SET_TRUST_PROXY },
		{ KL2TP_A_HELLO, KL2TP_PEER_SET_HELLO },
		{ KL2TP_A_MAX_SESSIONS, KL2TP_PEER_SET_MAX_SESSIONS },
	};
	int ret;

	*which = kl2tp_which(info, map, ARRAY_SIZE(map));
	ret = kl2tp_get_name(info, KL2TP_A_NAME, p->name, true);
	if (ret)
		return ret;
	if (info->attrs[KL2TP_A_ADDRESS]) {
		p->has_addr = true;
		kl2tp_get_sa(info->attrs[KL2TP_A_ADDRESS], &p->addr);
		p->prefixlen = kl2tp_u8(info, KL2TP_A_PREFIXLEN,
					kl2tp_sa_is6(&p->addr) ? 128 : 32);
		if (!kl2tp_sa_is6(&p->addr) && p->prefixlen > 32) {
			NL_SET_ERR_MSG_ATTR(info->extack,
					    info->attrs[KL2TP_A_PREFIXLEN],
					    "an IPv4 prefix is 0..32 bits long");
			return -EINVAL;
		}
	} else if (info->attrs[KL2TP_A_PREFIXLEN]) {
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[KL2TP_A_PREFIXLEN],
				    "prefix length without address");
		return -EINVAL;
	}
	kl2tp_get_str(info, KL2TP_A_HOSTNAME, p->hostname, sizeof(p->hostname));
	kl2tp_get_secret(info, KL2TP_A_SECRET, &p->secret);
	p->hidden = kl2tp_u8(info, KL2TP_A_HIDDEN, 0);
	p->trust_proxy = kl2tp_u8(info, KL2TP_A_TRUST_PROXY, 0);
	p->hello = kl2tp_u32(info, KL2TP_A_HELLO, KL2TP_DEFAULT_HELLO);
	p->max_sessions = kl2tp_u32(info, KL2TP_A_MAX_SESSIONS, 0);
	return 0;
}

/* PEER_ADD creates a peer; PEER_SET changes what it names of one. */
static int kl2tp_nl_peer_add_set(struct sk_buff *skb, struct genl_info *info)
{
	struct kl2tp_net *kn = kl2tp_info_net(info);
	bool set = info->genlhdr->cmd == KL2TP_CMD_PEER_SET;
	struct kl2tp_peer *p;
	unsigned int which;
	int ret;

	p = kl2tp_fail() ? NULL : kzalloc(sizeof(*p), GFP_KERNEL_ACCOUNT);
	if (!p)
		return -ENOMEM;
	ret = kl2tp_peer_from_attrs(info, p, &which);
	if (ret)
		goto out;
	if (set && !which) {
		GENL_SET_ERR_MSG(info, "nothing to change");
		ret = -EINVAL;
		goto out;
	}
	if (!set && p->hidden && !p->secret.len) {
		GENL_SET_ERR_MSG(info, "hidden AVPs need a secret");
		ret = -EINVAL;
		goto out;
	}
	mutex_lock(&kn->lock);
	if (set)
		ret = kl2tp_peer_set(kn, p, which, info->extack);
	else
		ret = kl2tp_peer_add(kn, p, info->extack);
	mutex_unlock(&kn->lock);
	if (!ret && !set)
		return 0;
out:
	kfree_sensitive(p);
	return ret;
}

static int kl2tp_nl_peer_del(struct sk_buff *skb, struct genl_info *info)
{
	struct kl2tp_net *kn = kl2tp_info_net(info);
	char name[KL2TP_NAME_MAX];
	int ret;

	ret = kl2tp_get_name(info, KL2TP_A_NAME, name, true);
	if (ret)
		return ret;
	mutex_lock(&kn->lock);
	ret = kl2tp_peer_del(kn, name, info->extack);
	mutex_unlock(&kn->lock);
	return ret;
}

/* ---- listeners ------------------------------------------------------------- */

static int kl2tp_fill_lns(struct sk_buff *skb, void *obj, u32 portid,
			  u32 seq, int flags, u8 cmd)
{
	static const int stat_types[] = {
		KL2TP_STAT_RX_DROPS, KL2TP_STAT_EVICTED,
	};
	u64 stats[ARRAY_SIZE(stat_types)];
	struct kl2tp_lns *l = obj;
	struct nlattr *nest;
	unsigned int i;
	void *hdr;

	hdr = genlmsg_put(skb, portid, seq, &kl2tp_genl_family, flags, cmd);
	if (!hdr)
		return -EMSGSIZE;
	if (nla_put_string(skb, KL2TP_A_NAME, l->name) ||
	    kl2tp_put_sa(skb, KL2TP_A_LISTEN_ADDR, &l->listen_addr) ||
	    nla_put_u16(skb, KL2TP_A_LISTEN_PORT, l->listen_port) ||
	    (l->local_ip && nla_put_in_addr(skb, KL2TP_A_LOCAL_IP, l->local_ip)) ||
	    (l->pool[0] && nla_put_string(skb, KL2TP_A_POOL, l->pool)) ||
	    (l->pool6[0] && nla_put_string(skb, KL2TP_A_POOL6, l->pool6)) ||
	    (l->pd_pool[0] && nla_put_string(skb, KL2TP_A_PD_POOL, l->pd_pool)) ||
	    kl2tp_put_call_opts(skb, &l->opts) ||
	    nla_put_u8(skb, KL2TP_A_SEQUENCING, l->sequencing) ||
	    nla_put_u32(skb, KL2TP_A_MAX_TUNNELS, l->max_tunnels) ||
	    nla_put_u32(skb, KL2TP_A_MAX_SESSIONS, l->max_sessions) ||
	    nla_put_u8(skb, KL2TP_A_STRIP_DOMAIN, l->strip_domain) ||
	    nla_put_u8(skb, KL2TP_A_FORCE_CHAP, l->force_chap) ||
	    nla_put_u8(skb, KL2TP_A_LCP_RENEGOTIATE, l->lcp_renegotiate) ||
	    nla_put_u8(skb, KL2TP_A_AAA, l->aaa) ||
	    nla_put_u32(skb, KL2TP_A_AAA_TIMEOUT, l->aaa_timeout))
		goto cancel;
	stats[0] = atomic64_read(&l->ks->rx_drops);
	stats[1] = atomic64_read(&l->ks->evicted);
	if (kl2tp_put_stats(skb, stats, stat_types, ARRAY_SIZE(stats)))
		goto cancel;
	if (l->n_peers) {
		nest = nla_nest_start(skb, KL2TP_A_PEERS);
		if (!nest)
			goto cancel;
		for (i = 0; i < l->n_peers; i++)
			if (nla_put_string(skb, KL2TP_A_NAME, l->peers[i]))
				goto cancel;
		nla_nest_end(skb, nest);
	}
	genlmsg_end(skb, hdr);
	return 0;
cancel:
	genlmsg_cancel(skb, hdr);
	return -EMSGSIZE;
}

static int kl2tp_get_peers(struct genl_info *info, struct kl2tp_lns *l)
{
	const struct nlattr *nest = info->attrs[KL2TP_A_PEERS], *a;
	unsigned int n = 0;
	int rem, ret;

	if (!nest)
		return 0;
	nla_for_each_nested(a, nest, rem)
		n++;
	if (n > KL2TP_LNS_PEERS_MAX) {
		NL_SET_ERR_MSG_ATTR(info->extack, nest, "at most 32 peers");
		return -EINVAL;
	}
	if (!n)
		return 0;	/* any */
	l->peers = kl2tp_fail() ? NULL :
		kcalloc(n, KL2TP_NAME_MAX, GFP_KERNEL_ACCOUNT);
	if (!l->peers)
		return -ENOMEM;
	nla_for_each_nested(a, nest, rem) {
		if (nla_type(a) != KL2TP_A_NAME) {
			NL_SET_ERR_MSG_ATTR(info->extack, a, "expected a peer name");
			return -EINVAL;
		}
		ret = nla_strscpy(l->peers[l->n_peers], a, KL2TP_NAME_MAX);
		if (ret <= 0) {
			NL_SET_ERR_MSG_ATTR(info->extack, a, "bad peer name");
			return -EINVAL;
		}
		l->n_peers++;
	}
	return 0;
}

/* The bits of kl2tp_lns_set() for the attributes in @info. */
static unsigned int kl2tp_lns_which(struct genl_info *info)
{
	static const struct kl2tp_attr_bit map[] = {
		{ KL2TP_A_LISTEN_ADDR, KL2TP_LNS_SET_LISTEN_ADDR },
		{ KL2TP_A_LISTEN_PORT, KL2TP_LNS_SET_LISTEN_PORT },
		{ KL2TP_A_LOCAL_IP, KL2TP_LNS_SET_LOCAL_IP },
		{ KL2TP_A_POOL, KL2TP_LNS_SET_POOL },
		{ KL2TP_A_POOL6, KL2TP_LNS_SET_POOL6 },
		{ KL2TP_A_PD_POOL, KL2TP_LNS_SET_PD_POOL },
		{ KL2TP_A_PEERS, KL2TP_LNS_SET_PEERS },
		{ KL2TP_A_SEQUENCING, KL2TP_LNS_SET_SEQUENCING },
		{ KL2TP_A_MAX_TUNNELS, KL2TP_LNS_SET_MAX_TUNNELS },
		{ KL2TP_A_MAX_SESSIONS, KL2TP_LNS_SET_MAX_SESSIONS },
		{ KL2TP_A_STRIP_DOMAIN, KL2TP_LNS_SET_STRIP_DOMAIN },
		{ KL2TP_A_FORCE_CHAP, KL2TP_LNS_SET_FORCE_CHAP },
		{ KL2TP_A_LCP_RENEGOTIATE, KL2TP_LNS_SET_LCP_RENEGOTIATE },
		{ KL2TP_A_AAA, KL2TP_LNS_SET_AAA },
		{ KL2TP_A_AAA_TIMEOUT, KL2TP_LNS_SET_AAA_TIMEOUT },
	};

	return kl2tp_which(info, map, ARRAY_SIZE(map)) |
	       kl2tp_which(info, kl2tp_opts_bits, ARRAY_SIZE(kl2tp_opts_bits));
}

/* LNS_ADD creates a listener; LNS_SET changes what it names of one. */
static int kl2tp_nl_lns_add_set(struct sk_buff *skb, struct genl_info *info)
{
	struct kl2tp_net *kn = kl2tp_info_net(info);
	bool set = info->genlhdr->cmd == KL2TP_CMD_LNS_SET;
	unsigned int which = kl2tp_lns_which(info);
	struct kl2tp_lns *l;
	int ret;

	if (!set && !info->attrs[KL2TP_A_LISTEN_ADDR]) {
		GENL_SET_ERR_MSG(info, "missing listen address");
		return -EINVAL;
	}
	if (set && !which) {
		GENL_SET_ERR_MSG(info, "nothing to change");
		return -EINVAL;
	}
	l = kl2tp_fail() ? NULL : kzalloc(sizeof(*l), GFP_KERNEL_ACCOUNT);
	if (!l)
		return -ENOMEM;
	ret = kl2tp_get_name(info, KL2TP_A_NAME, l->name, true);
	if (!ret)
		ret = kl2tp_get_name(info, KL2TP_A_POOL, l->pool, false);
	if (!ret)
		ret = kl2tp_get_name(info, KL2TP_A_POOL6, l->pool6, false);
	if (!ret)
		ret = kl2tp_get_name(info, KL2TP_A_PD_POOL, l->pd_pool, false);
	if (!ret)
		ret = kl2tp_get_call_opts(info, &l->opts);
	if (!ret)
		ret = kl2tp_get_peers(info, l);
	if (ret)
		goto out;
	if (info->attrs[KL2TP_A_LISTEN_ADDR]) {
		kl2tp_get_sa(info->attrs[KL2TP_A_LISTEN_ADDR], &l->listen_addr);
		ret = kl2tp_sa_check(&l->listen_addr, true,
				     info->attrs[KL2TP_A_LISTEN_ADDR],
				     info->extack);
		if (ret)
			goto out;
	}
	l->listen_port = kl2tp_u16(info, KL2TP_A_LISTEN_PORT, KL2TP_DEFAULT_PORT);
	if (info->attrs[KL2TP_A_LOCAL_IP])
		l->local_ip = nla_get_in_addr(info->attrs[KL2TP_A_LOCAL_IP]);
	l->sequencing = kl2tp_u8(info, KL2TP_A_SEQUENCING, 0);
	l->strip_domain = kl2tp_u8(info, KL2TP_A_STRIP_DOMAIN, 0);
	l->force_chap = kl2tp_u8(info, KL2TP_A_FORCE_CHAP, 0);
	l->lcp_renegotiate = kl2tp_u8(info, KL2TP_A_LCP_RENEGOTIATE, 0);
	l->aaa = kl2tp_u8(info, KL2TP_A_AAA, KL2TP_AAA_LOCAL);
	l->aaa_timeout = kl2tp_u32(info, KL2TP_A_AAA_TIMEOUT,
				   KL2TP_DEFAULT_AAA_TIMEOUT);
	l->max_tunnels = kl2tp_u32(info, KL2TP_A_MAX_TUNNELS, 0);
	l->max_sessions = kl2tp_u32(info, KL2TP_A_MAX_SESSIONS, 0);

	mutex_lock(&kn->lock);
	if (set)
		ret = kl2tp_lns_set(kn, l, which, info->extack);
	else
		ret = kl2tp_lns_add(kn, l, info->extack);
	mutex_unlock(&kn->lock);
	if (!ret && !set)
		return 0;
out:
	kfree(l->peers);	/* with set, the listener's old list */
	kfree(l);
	return ret;
}

static int kl2tp_nl_lns_del(struct sk_buff *skb, struct genl_info *info)
{
	struct kl2tp_net *kn = kl2tp_info_net(info);
	char name[KL2TP_NAME_MAX];
	struct kl2tp_lns *l;
	int ret;

	ret = kl2tp_get_name(info, KL2TP_A_NAME, name, true);
	if (ret)
		return ret;
	mutex_lock(&kn->lock);
	l = kl2tp_lns_del(kn, name, info->extack);
	mutex_unlock(&kn->lock);
	if (IS_ERR(l))
		return PTR_ERR(l);
	kl2tp_lns_release(l);
	return 0;
}

/* ---- clients ---------------------------------------------------------------- */

/* A call's Calling and Called Number (either may be NULL or "": none). */
static int kl2tp_put_call_numbers(struct sk_buff *skb, const char *calling,
				  const char *called)
{
	return (calling && calling[0] &&
		nla_put_string(skb, KL2TP_A_CALLING_NUMBER, calling)) ||
	       (called && called[0] &&
		nla_put_string(skb, KL2TP_A_CALLED_NUMBER, called)) ?
	       -EMSGSIZE : 0;
}

static int kl2tp_fill_client(struct sk_buff *skb, void *obj, u32 portid,
			     u32 seq, int flags, u8 cmd)
{
	struct kl2tp_client *c = obj;
	struct kl2tp_session *s = c->session;
	void *hdr;

	hdr = genlmsg_put(skb, portid, seq, &kl2tp_genl_family, flags, cmd);
	if (!hdr)
		return -EMSGSIZE;
	if (nla_put_string(skb, KL2TP_A_NAME, c->name) ||
	    kl2tp_put_lns(skb, &c->lns[0]) ||
	    nla_put_u16(skb, KL2TP_A_REMOTE_PORT, c->lns[0].port) ||
	    (c->n_lns > 1 &&
	     nla_put(skb, KL2TP_A_LNS_MORE,
		     (c->n_lns - 1) * sizeof(c->lns[0]), &c->lns[1])) ||
	    nla_put_u8(skb, KL2TP_A_LNS_POLICY, c->lns_policy) ||
	    nla_put_u8(skb, KL2TP_A_LNS_CURRENT, c->lns_cur) ||
	    nla_put_string(skb, KL2TP_A_USER, c->user) ||
	    (c->secret.len && nla_put_flag(skb, KL2TP_A_SECRET_SET)) ||
	    (c->password.len && nla_put_flag(skb, KL2TP_A_PASSWORD_SET)) ||
	    kl2tp_put_call_opts(skb, &c->opts) ||
	    nla_put_u8(skb, KL2TP_A_DEFAULT_ROUTE, c->default_route) ||
	    nla_put_u8(skb, KL2TP_A_IPV6, c->ipv6) ||
	    nla_put_u8(skb, KL2TP_A_PD, c->pd) ||
	    (c->pd_dev[0] && nla_put_string(skb, KL2TP_A_PD_DEV, c->pd_dev)) ||
	    nla_put_u8(skb, KL2TP_A_REDIAL, c->redial) ||
	    nla_put_u8(skb, KL2TP_A_HIDDEN, c->hidden) ||
	    nla_put_u32(skb, KL2TP_A_HELLO, c->hello) ||
	    (c->tunnel_own && nla_put_flag(skb, KL2TP_A_TUNNEL_OWN)) ||
	    kl2tp_put_call_numbers(skb, c->calling, c->called) ||
	    nla_put_u8(skb, KL2TP_A_STATE, c->state) ||
	    (s && !test_bit(KL2TP_SF_DEAD, &s->flags) &&
	     (nla_put_u16(skb, KL2TP_A_TUNNEL_ID, s->tunnel->tid) ||
	      nla_put_u16(skb, KL2TP_A_SESSION_ID, s->sid)))) {
		genlmsg_cancel(skb, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(skb, hdr);
	return 0;
}

/* The client's LNSes: KL2TP_A_REMOTE_ADDR/_PORT, then KL2TP_A_LNS_MORE. */
static int kl2tp_get_lns(struct genl_info *info, struct kl2tp_client *c)
{
	const struct nlattr *a = info->attrs[KL2TP_A_LNS_MORE];
	unsigned int i, j, n = 0;
	union kl2tp_sa sa;
	int ret;

	kl2tp_get_sa(info->attrs[KL2TP_A_REMOTE_ADDR], &sa);
	ret = kl2tp_sa_check(&sa, false, info->attrs[KL2TP_A_REMOTE_ADDR],
			     info->extack);
	if (ret)
		return ret;
	if (kl2tp_sa_is6(&sa))
		c->lns[0].addr = sa.v6.sin6_addr;
	else
		ipv6_addr_set_v4mapped(sa.v4.sin_addr.s_addr, &c->lns[0].addr);
	c->lns[0].port = kl2tp_u16(info, KL2TP_A_REMOTE_PORT,
				   KL2TP_DEFAULT_PORT);
	if (a) {
		if (nla_len(a) % sizeof(struct kl2tp_lns_addr)) {
			NL_SET_ERR_MSG_ATTR(info->extack, a,
					    "LNSes: not a whole number of entries");
			return -EINVAL;
		}
		n = nla_len(a) / sizeof(struct kl2tp_lns_addr);
		if (n > KL2TP_LNS_MAX - 1)	/* the policy says so already */
			return -EINVAL;
		memcpy(&c->lns[1], nla_data(a), n * sizeof(c->lns[0]));
	}
	c->n_lns = n + 1;
	for (i = 1; i < c->n_lns; i++) {
		if (!c->lns[i].port || c->lns[i].pad) {
			NL_SET_ERR_MSG_ATTR(info->extack, a,
					    "an LNS needs a port (and a zero pad)");
			return -EINVAL;
		}
		kl2tp_lns_sa(&c->lns[i], &sa);
		ret = kl2tp_sa_check(&sa, false, a, info->extack);
		if (ret)
			return ret;
		for (j = 0; j < i; j++)
			if (ipv6_addr_equal(&c->lns[j].addr, &c->lns[i].addr) &&
			    c->lns[j].port == c->lns[i].port) {
				NL_SET_ERR_MSG_ATTR(info->extack, a,
						    "an LNS given twice");
				return -EINVAL;
			}
	}
	kl2tp_client_lns_set(c, 0);
	return 0;
}

/*
 * A Calling or Called Number for our ICRQ: printable ASCII ("" for none,
 * as the policy bounds it), into @dst of KL2TP_CALL_NUMBER_MAX bytes.
 */
static int kl2tp_get_call_number(struct genl_info *info, int attr, char *dst)
{
	const struct nlattr *a = info->attrs[attr];
	const char *p;

	if (!a)
		return 0;
	for (p = nla_data(a); *p; p++)
		if (*p < 0x20 || *p > 0x7e) {
			NL_SET_ERR_MSG_ATTR(info->extack, a,
					    "a number is printable ASCII");
			return -EINVAL;
		}
	nla_strscpy(dst, a, KL2TP_CALL_NUMBER_MAX);
	return 0;
}

/* The bits of kl2tp_client_set() for the attributes in @info. */
static unsigned int kl2tp_client_which(struct genl_info *info)
{
	static const struct kl2tp_attr_bit map[] = {
		{ KL2TP_A_REMOTE_ADDR, KL2TP_CLIENT_SET_LNS },
		{ KL2TP_A_LNS_POLICY, KL2TP_CLIENT_SET_LNS_POLICY },
		{ KL2TP_A_USER, KL2TP_CLIENT_SET_USER },
		{ KL2TP_A_PASSWORD, KL2TP_CLIENT_SET_PASSWORD },
		{ KL2TP_A_SECRET, KL2TP_CLIENT_SET_SECRET },
		{ KL2TP_A_DEFAULT_ROUTE, KL2TP_CLIENT_SET_DEFAULT_ROUTE },
		{ KL2TP_A_IPV6, KL2TP_CLIENT_SET_IPV6 },
		{ KL2TP_A_PD, KL2TP_CLIENT_SET_PD },
		{ KL2TP_A_PD_DEV, KL2TP_CLIENT_SET_PD_DEV },
		{ KL2TP_A_REDIAL, KL2TP_CLIENT_SET_REDIAL },
		{ KL2TP_A_HELLO, KL2TP_CLIENT_SET_HELLO },
		{ KL2TP_A_HIDDEN, KL2TP_CLIENT_SET_HIDDEN },
		{ KL2TP_A_TUNNEL_OWN, KL2TP_CLIENT_SET_TUNNEL_OWN },
		{ KL2TP_A_CALLING_NUMBER, KL2TP_CLIENT_SET_CALLING },
		{ KL2TP_A_CALLED_NUMBER, KL2TP_CLIENT_SET_CALLED },
	};

	return kl2tp_which(info, map, ARRAY_SIZE(map)) |
	       kl2tp_which(info, kl2tp_opts_bits, ARRAY_SIZE(kl2tp_opts_bits));
}

/* CLIENT_ADD creates a client; CLIENT_SET changes what it names of one. */
static int kl2tp_nl_client_add_set(struct sk_buff *skb, struct genl_info *info)
{
	struct kl2tp_net *kn = kl2tp_info_net(info);
	bool set = info->genlhdr->cmd == KL2TP_CMD_CLIENT_SET;
	unsigned int which = kl2tp_client_which(info);
	struct kl2tp_client *c;
	int ret;

	if (!info->attrs[KL2TP_A_REMOTE_ADDR] &&
	    (!set || info->attrs[KL2TP_A_REMOTE_PORT] ||
	     info->attrs[KL2TP_A_LNS_MORE])) {
		GENL_SET_ERR_MSG(info, "missing LNS address");
		return -EINVAL;
	}
	if (set && !which) {
		GENL_SET_ERR_MSG(info, "nothing to change");
		return -EINVAL;
	}
	c = kl2tp_fail() ? NULL : kzalloc(sizeof(*c), GFP_KERNEL_ACCOUNT);
	if (!c)
		return -ENOMEM;
	ret = kl2tp_get_name(info, KL2TP_A_NAME, c->name, true);
	if (!ret)
		ret = kl2tp_get_name(info, KL2TP_A_USER, c->user, !set);
	if (!ret)
		ret = kl2tp_get_call_opts(info, &c->opts);
	if (!ret && info->attrs[KL2TP_A_REMOTE_ADDR])
		ret = kl2tp_get_lns(info, c);
	if (!ret)
		ret = kl2tp_get_call_number(info, KL2TP_A_CALLING_NUMBER,
					    c->calling);
	if (!ret)
		ret = kl2tp_get_call_number(info, KL2TP_A_CALLED_NUMBER,
					    c->called);
	if (ret)
		goto err;
	c->lns_policy = kl2tp_u8(info, KL2TP_A_LNS_POLICY, KL2TP_LNS_FAILOVER);
	kl2tp_get_secret(info, KL2TP_A_PASSWORD, &c->password);
	kl2tp_get_secret(info, KL2TP_A_SECRET, &c->secret);
	c->default_route = kl2tp_u8(info, KL2TP_A_DEFAULT_ROUTE, 0);
	c->ipv6 = kl2tp_u8(info, KL2TP_A_IPV6, 0);
	c->pd = kl2tp_u8(info, KL2TP_A_PD, 0);
	if (info->attrs[KL2TP_A_PD_DEV]) {
		nla_strscpy(c->pd_dev, info->attrs[KL2TP_A_PD_DEV],
			    sizeof(c->pd_dev));
		if (c->pd_dev[0] && !dev_valid_name(c->pd_dev)) {
			NL_SET_ERR_MSG_ATTR(info->extack,
					    info->attrs[KL2TP_A_PD_DEV],
					    "invalid interface name");
			ret = -EINVAL;
			goto err;
		}
	}
	c->redial = kl2tp_u8(info, KL2TP_A_REDIAL, true);
	c->hidden = kl2tp_u8(info, KL2TP_A_HIDDEN, 0);
	if (!set && c->hidden && !c->secret.len) {
		GENL_SET_ERR_MSG(info, "hidden AVPs need a secret");
		ret = -EINVAL;
		goto err;
	}
	c->hello = kl2tp_u32(info, KL2TP_A_HELLO, KL2TP_DEFAULT_HELLO);
	c->tunnel_own = nla_get_flag(info->attrs[KL2TP_A_TUNNEL_OWN]);

	mutex_lock(&kn->lock);
	if (set)
		ret = kl2tp_client_set(kn, c, which, info->extack);
	else
		ret = kl2tp_client_add(kn, c, info->extack);
	mutex_unlock(&kn->lock);
	if (!ret && !set)
		return 0;
err:
	kfree_sensitive(c);
	return ret;
}

static int kl2tp_nl_client_cmd(struct sk_buff *skb, struct genl_info *info)
{
	struct kl2tp_net *kn = kl2tp_info_net(info);
	u8 cmd = info->genlhdr->cmd;
	struct kl2tp_client *c, *gone = NULL;
	char name[KL2TP_NAME_MAX];
	int ret;

	ret = kl2tp_get_name(info, KL2TP_A_NAME, name, true);
	if (ret)
		return ret;
	mutex_lock(&kn->lock);
	if (cmd == KL2TP_CMD_CLIENT_DEL) {
		gone = kl2tp_client_del(kn, name, info->extack);
		ret = PTR_ERR_OR_ZERO(gone);
	} else {
		c = kl2tp_client_find(kn, name, info->extack);
		if (!c)
			ret = -ENOENT;
		else if (cmd == KL2TP_CMD_CLIENT_UP)
			ret = kl2tp_client_up(kn, c, info->extack);
		else
			kl2tp_client_down(kn, c);
	}
	mutex_unlock(&kn->lock);
	if (!IS_ERR_OR_NULL(gone))
		kl2tp_client_release(gone);
	return ret;
}

/* ---- get and dump of config objects --------------------------------------- */

/* A dump in progress: where it resumes (cb->args[0]) and what it fills. */
struct kl2tp_dump {
	struct sk_buff *skb;
	struct netlink_callback *cb;
	long idx;
};

static void kl2tp_dump_start(struct kl2tp_dump *d, struct sk_buff *skb,
			     struct netlink_callback *cb)
{
	d->skb = skb;
	d->cb = cb;
	d->idx = 0;
}

/* Fill @obj unless an earlier part had it; true when the part is full. */
static bool kl2tp_dump_one(struct kl2tp_dump *d, kl2tp_fill_t fill, void *obj,
			   u8 cmd)
{
	if (d->idx++ < d->cb->args[0])
		return false;
	if (fill(d->skb, obj, NETLINK_CB(d->cb->skb).portid,
		 d->cb->nlh->nlmsg_seq, NLM_F_MULTI, cmd) < 0) {
		d->idx--;	/* the next part starts with it */
		return true;
	}
	return false;
}

static int kl2tp_dump_end(struct kl2tp_dump *d)
{
	d->cb->args[0] = d->idx;
	return d->skb->len;
}

static int kl2tp_nl_pool_get(struct sk_buff *skb, struct genl_info *info)
{
	struct kl2tp_net *kn = kl2tp_info_net(info);
	char name[KL2TP_NAME_MAX];
	struct kl2tp_pool *p;
	int ret;

	ret = kl2tp_get_name(info, KL2TP_A_NAME, name, true);
	if (ret)
		return ret;
	mutex_lock(&kn->pool_lock);
	p = kl2tp_pool_find(kn, name, info->extack);
	if (p) {
		ret = kl2tp_reply_obj(info, kl2tp_fill_pool, p,
				      KL2TP_CMD_POOL_GET);
	} else {
		ret = -ENOENT;
	}
	mutex_unlock(&kn->pool_lock);
	return ret;
}

static int kl2tp_nl_pool_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct kl2tp_net *kn = kl2tp_pernet(sock_net(skb->sk));
	struct kl2tp_pool *p;
	struct kl2tp_dump d;

	kl2tp_dump_start(&d, skb, cb);
	mutex_lock(&kn->pool_lock);
	list_for_each_entry(p, &kn->pools, list)
		if (kl2tp_dump_one(&d, kl2tp_fill_pool, p, KL2TP_CMD_POOL_GET))
			break;
	mutex_unlock(&kn->pool_lock);
	return kl2tp_dump_end(&d);
}

static int kl2tp_nl_user_get(struct sk_buff *skb, struct genl_info *info)
{
	struct kl2tp_net *kn = kl2tp_info_net(info);
	char name[KL2TP_NAME_MAX];
	struct kl2tp_user *u;
	int ret;

	ret = kl2tp_get_name(info, KL2TP_A_NAME, name, true);
	if (ret)
		return ret;
	mutex_lock(&kn->pool_lock);
	u = kl2tp_user_find(kn, name, info->extack);
	if (u) {
		ret = kl2tp_reply_obj(info, kl2tp_fill_user, u,
				      KL2TP_CMD_USER_GET);
	} else {
		ret = -ENOENT;
	}
	mutex_unlock(&kn->pool_lock);
	return ret;
}

static int kl2tp_nl_user_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct kl2tp_net *kn = kl2tp_pernet(sock_net(skb->sk));
	struct kl2tp_user *u;
	struct kl2tp_dump d;

	kl2tp_dump_start(&d, skb, cb);
	mutex_lock(&kn->pool_lock);
	list_for_each_entry(u, &kn->users, list)
		if (kl2tp_dump_one(&d, kl2tp_fill_user, u, KL2TP_CMD_USER_GET))
			break;
	mutex_unlock(&kn->pool_lock);
	return kl2tp_dump_end(&d);
}

static int kl2tp_nl_peer_get(struct sk_buff *skb, struct genl_info *info)
{
	struct kl2tp_net *kn = kl2tp_info_net(info);
	char name[KL2TP_NAME_MAX];
	struct kl2tp_peer *p;
	int ret;

	ret = kl2tp_get_name(info, KL2TP_A_NAME, name, true);
	if (ret)
		return ret;
	mutex_lock(&kn->lock);
	p = kl2tp_peer_find(kn, name, info->extack);
	if (p) {
		ret = kl2tp_reply_obj(info, kl2tp_fill_peer, p,
				      KL2TP_CMD_PEER_GET);
	} else {
		ret = -ENOENT;
	}
	mutex_unlock(&kn->lock);
	return ret;
}

static int kl2tp_nl_peer_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct kl2tp_net *kn = kl2tp_pernet(sock_net(skb->sk));
	struct kl2tp_peer *p;
	struct kl2tp_dump d;

	kl2tp_dump_start(&d, skb, cb);
	mutex_lock(&kn->lock);
	list_for_each_entry(p, &kn->peers, list)
		if (kl2tp_dump_one(&d, kl2tp_fill_peer, p, KL2TP_CMD_PEER_GET))
			break;
	mutex_unlock(&kn->lock);
	return kl2tp_dump_end(&d);
}

static int kl2tp_nl_lns_get(struct sk_buff *skb, struct genl_info *info)
{
	struct kl2tp_net *kn = kl2tp_info_net(info);
	char name[KL2TP_NAME_MAX];
	struct kl2tp_lns *l;
	int ret;

	ret = kl2tp_get_name(info, KL2TP_A_NAME, name, true);
	if (ret)
		return ret;
	mutex_lock(&kn->lock);
	l = kl2tp_lns_find(kn, name, info->extack);
	if (l) {
		ret = kl2tp_reply_obj(info, kl2tp_fill_lns, l,
				      KL2TP_CMD_LNS_GET);
	} else {
		ret = -ENOENT;
	}
	mutex_unlock(&kn->lock);
	return ret;
}

static int kl2tp_nl_lns_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct kl2tp_net *kn = kl2tp_pernet(sock_net(skb->sk));
	struct kl2tp_lns *l;
	struct kl2tp_dump d;

	kl2tp_dump_start(&d, skb, cb);
	mutex_lock(&kn->lock);
	list_for_each_entry(l, &kn->listeners, list)
		if (kl2tp_dump_one(&d, kl2tp_fill_lns, l, KL2TP_CMD_LNS_GET))
			break;
	mutex_unlock(&kn->lock);
	return kl2tp_dump_end(&d);
}

static int kl2tp_nl_client_get(struct sk_buff *skb, struct genl_info *info)
{
	struct kl2tp_net *kn = kl2tp_info_net(info);
	char name[KL2TP_NAME_MAX];
	struct kl2tp_client *c;
	int ret;

	ret = kl2tp_get_name(info, KL2TP_A_NAME, name, true);
	if (ret)
		return ret;
	mutex_lock(&kn->lock);
	c = kl2tp_client_find(kn, name, info->extack);
	if (c) {
		ret = kl2tp_reply_obj(info, kl2tp_fill_client, c,
				      KL2TP_CMD_CLIENT_GET);
	} else {
		ret = -ENOENT;
	}
	mutex_unlock(&kn->lock);
	return ret;
}

static int kl2tp_nl_client_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct kl2tp_net *kn = kl2tp_pernet(sock_net(skb->sk));
	struct kl2tp_client *c;
	struct kl2tp_dump d;

	kl2tp_dump_start(&d, skb, cb);
	mutex_lock(&kn->lock);
	list_for_each_entry(c, &kn->clients, list)
		if (kl2tp_dump_one(&d, kl2tp_fill_client, c, KL2TP_CMD_CLIENT_GET))
			break;
	mutex_unlock(&kn->lock);
	return kl2tp_dump_end(&d);
}

/* ---- tunnels and sessions ------------------------------------------------ */

/* t->lock held */
static int kl2tp_fill_tunnel(struct sk_buff *skb, void *obj, u32 portid,
			     u32 seq, int flags, u8 cmd)
{
	static const int types[] = {
		KL2TP_STAT_CTRL_TX, KL2TP_STAT_CTRL_RX,
		KL2TP_STAT_CTRL_RETRANSMITS, KL2TP_STAT_CTRL_DUP,
		KL2TP_STAT_CTRL_OOO, KL2TP_STAT_CTRL_ZLB_TX,
		KL2TP_STAT_CTRL_ZLB_RX, KL2TP_STAT_CTRL_ERRORS,
		KL2TP_STAT_CTRL_HIDDEN_RX, KL2TP_STAT_CALL_TIMEOUTS,
	};
	struct kl2tp_tunnel *t = obj;
	u64 vals[ARRAY_SIZE(types)] = {
		t->stats.ctrl_tx, t->stats.ctrl_rx, t->cw.stats.retransmits,
		t->cw.stats.rx_dup, t->cw.stats.rx_ooo, t->cw.stats.zlb_tx,
		t->stats.zlb_rx, t->stats.ctrl_errors, t->stats.hidden_rx,
		t->stats.call_timeouts,
	};
	const char *name = t->lns ? t->lns->name : NULL;
	void *hdr;

	lockdep_assert_held(&t->lock);
	hdr = genlmsg_put(skb, portid, seq, &kl2tp_genl_family, flags, cmd);
	if (!hdr)
		return -EMSGSIZE;
	if (nla_put_u16(skb, KL2TP_A_TUNNEL_ID, t->tid) ||
	    nla_put_u16(skb, KL2TP_A_PEER_TUNNEL_ID, t->peer_tid) ||
	    kl2tp_put_sa(skb, KL2TP_A_LOCAL_ADDR, &t->laddr) ||
	    kl2tp_put_sa(skb, KL2TP_A_REMOTE_ADDR, &t->raddr) ||
	    nla_put_u16(skb, KL2TP_A_LOCAL_PORT, ntohs(t->ks->lport)) ||
	    nla_put_u16(skb, KL2TP_A_REMOTE_PORT, ntohs(t->rport)) ||
	    nla_put_string(skb, KL2TP_A_REMOTE_NAME, t->remote_name) ||
	    (name && nla_put_string(skb, KL2TP_A_NAME, name)) ||
	    (t->peer_name[0] && nla_put_string(skb, KL2TP_A_PEER, t->peer_name)) ||
	    nla_put_u8(skb, KL2TP_A_STATE, t->state) ||
	    nla_put_u32(skb, KL2TP_A_SESSIONS, t->n_sessions) ||
	    nla_put_u64_64bit(skb, KL2TP_A_UPTIME, kl2tp_uptime(t->created),
			      KL2TP_A_PAD) ||
	    kl2tp_put_stats(skb, vals, types, ARRAY_SIZE(types))) {
		genlmsg_cancel(skb, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(skb, hdr);
	return 0;
}

/* the session's tunnel lock held */
static int kl2tp_fill_session(struct sk_buff *skb, void *obj, u32 portid,
			      u32 seq, int flags, u8 cmd)
{
	static const int types[] = {
		KL2TP_STAT_RX_PACKETS, KL2TP_STAT_RX_BYTES,
		KL2TP_STAT_TX_PACKETS, KL2TP_STAT_TX_BYTES,
		KL2TP_STAT_RX_ERRORS, KL2TP_STAT_TX_ERRORS,
		KL2TP_STAT_RX_DROPS,
	};
	struct kl2tp_session *s = obj;
	unsigned int n_routes = min_t(unsigned int, READ_ONCE(s->n_rx_routes),
				      KL2TP_ROUTES_MAX);
	struct rtnl_link_stats64 st;
	u64 vals[ARRAY_SIZE(types)];
	void *hdr;

	lockdep_assert_held(&s->tunnel->lock);
	kl2tp_dev_stats(s, &st);
	vals[0] = st.rx_packets;
	vals[1] = st.rx_bytes;
	vals[2] = st.tx_packets;
	vals[3] = st.tx_bytes;
	vals[4] = st.rx_errors;
	vals[5] = st.tx_errors;
	vals[6] = st.rx_dropped + kl2tp_ppp_rx_dropped(s);
	hdr = genlmsg_put(skb, portid, seq, &kl2tp_genl_family, flags, cmd);
	if (!hdr)
		return -EMSGSIZE;
	if (nla_put_u16(skb, KL2TP_A_SESSION_ID, s->sid) ||
	    nla_put_u16(skb, KL2TP_A_PEER_SESSION_ID, s->peer_sid) ||
	    nla_put_u16(skb, KL2TP_A_TUNNEL_ID, s->tunnel->tid) ||
	    nla_put_u8(skb, KL2TP_A_STATE, s->state) ||
	    (s->user[0] && nla_put_string(skb, KL2TP_A_USER, s->user)) ||
	    kl2tp_put_call_numbers(skb, s->calling, s->called) ||
	    (s->ifname[0] && nla_put_string(skb, KL2TP_A_IFNAME, s->ifname)) ||
	    (s->addr && nla_put_in_addr(skb, KL2TP_A_ADDRESS, s->addr)) ||
	    (s->peer_addr &&
	     nla_put_in_addr(skb, KL2TP_A_PEER_ADDRESS, s->peer_addr)) ||
	    (s->dns1 && nla_put_in_addr(skb, KL2TP_A_DNS1, s->dns1)) ||
	    (s->dns2 && nla_put_in_addr(skb, KL2TP_A_DNS2, s->dns2)) ||
	    (s->shown6 &&
	     (nla_put(skb, KL2TP_A_IFID, sizeof(s->ifid), s->ifid) ||
	      nla_put(skb, KL2TP_A_PEER_IFID, sizeof(s->peer_ifid),
		      s->peer_ifid))) ||
	    (s->shown6 && s->pfx6_len &&
	     (nla_put_in6_addr(skb, KL2TP_A_PREFIX6, &s->pfx6) ||
	      nla_put_u8(skb, KL2TP_A_PREFIX6_LEN, s->pfx6_len))) ||
	    (s->shown6 && s->pd_len &&
	     (nla_put_in6_addr(skb, KL2TP_A_PD_PREFIX, &s->pd_pfx) ||
	      nla_put_u8(skb, KL2TP_A_PD_PREFIX_LEN, s->pd_len))) ||
	    nla_put_u8(skb, KL2TP_A_SEQUENCING, READ_ONCE(s->data_seq)) ||
	    (s->aaa_via && nla_put_u8(skb, KL2TP_A_AAA_VIA, s->aaa_via)) ||
	    (s->session_timeout &&
	     nla_put_u32(skb, KL2TP_A_SESSION_TIMEOUT, s->session_timeout)) ||
	    (s->idle_timeout &&
	     nla_put_u32(skb, KL2TP_A_IDLE_TIMEOUT, s->idle_timeout)) ||
	    (s->acct_id &&
	     (nla_put_u64_64bit(skb, KL2TP_A_ACCT_SESSION_ID, s->acct_id,
				KL2TP_A_PAD) ||
	      nla_put_u32(skb, KL2TP_A_ACCT_SESSION_TIME,
			  (jiffies - s->up_since) / HZ) ||
	      (s->acct_interim &&
	       nla_put_u32(skb, KL2TP_A_ACCT_INTERIM, s->acct_interim)) ||
	      (s->acct_class &&
	       nla_put(skb, KL2TP_A_ACCT_CLASS, s->acct_class_len,
		       s->acct_class)))) ||
	    (s->addr && n_routes &&
	     nla_put(skb, KL2TP_A_ROUTES, n_routes * sizeof(s->rx_routes[0]),
		     s->rx_routes)) ||
	    nla_put_u64_64bit(skb, KL2TP_A_UPTIME, kl2tp_uptime(s->created),
			      KL2TP_A_PAD) ||
	    kl2tp_put_stats(skb, vals, types, ARRAY_SIZE(types))) {
		genlmsg_cancel(skb, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(skb, hdr);
	return 0;
}

static int kl2tp_nl_tunnel_get(struct sk_buff *skb, struct genl_info *info)
{
	struct kl2tp_net *kn = kl2tp_info_net(info);
	struct kl2tp_tunnel *t;
	int ret;

	if (!info->attrs[KL2TP_A_TUNNEL_ID]) {
		GENL_SET_ERR_MSG(info, "missing tunnel id");
		return -EINVAL;
	}
	t = kl2tp_tunnel_get(kn, nla_get_u16(info->attrs[KL2TP_A_TUNNEL_ID]));
	if (!t) {
		GENL_SET_ERR_MSG(info, "no such tunnel");
		return -ENOENT;
	}
	mutex_lock(&t->lock);
	ret = kl2tp_reply_obj(info, kl2tp_fill_tunnel, t, KL2TP_CMD_TUNNEL_GET);
	mutex_unlock(&t->lock);
	kl2tp_tunnel_put(t);
	return ret;
}

static int kl2tp_nl_tunnel_dump(struct sk_buff *skb,
				struct netlink_callback *cb)
{
	struct kl2tp_net *kn = kl2tp_pernet(sock_net(skb->sk));
	long idx = 0, start = cb->args[0];
	struct kl2tp_tunnel *t;
	struct nlmsghdr *nlh;
	int ret;

	mutex_lock(&kn->lock);
	cb->seq = atomic_read(&kn->tunnel_gen);
	list_for_each_entry(t, &kn->tunnels, list) {
		if (idx++ < start)
			continue;
		nlh = (struct nlmsghdr *)skb_tail_pointer(skb);
		mutex_lock(&t->lock);
		ret = kl2tp_fill_tunnel(skb, t, NETLINK_CB(cb->skb).portid,
					cb->nlh->nlmsg_seq, NLM_F_MULTI,
					KL2TP_CMD_TUNNEL_GET);
		mutex_unlock(&t->lock);
		if (ret < 0) {
			idx--;
			break;
		}
		nl_dump_check_consistent(cb, nlh);
	}
	mutex_unlock(&kn->lock);
	cb->args[0] = idx;
	return skb->len;
}

static int kl2tp_nl_tunnel_reset(struct sk_buff *skb, struct genl_info *info)
{
	struct kl2tp_net *kn = kl2tp_info_net(info);
	struct kl2tp_tunnel *t;

	if (!info->attrs[KL2TP_A_TUNNEL_ID]) {
		GENL_SET_ERR_MSG(info, "missing tunnel id");
		return -EINVAL;
	}
	t = kl2tp_tunnel_get(kn, nla_get_u16(info->attrs[KL2TP_A_TUNNEL_ID]));
	if (!t) {
		GENL_SET_ERR_MSG(info, "no such tunnel");
		return -ENOENT;
	}
	mutex_lock(&t->lock);
	kl2tp_tunnel_close(t, KL2TP_STOPCCN_RC_CLEAR, 0, "reset by operator");
	mutex_unlock(&t->lock);
	kl2tp_tunnel_put(t);
	return 0;
}

/* The session KL2TP_A_SESSION_ID names, referenced, or an ERR_PTR. */
static struct kl2tp_session *kl2tp_nl_session(struct genl_info *info)
{
	struct kl2tp_session *s;

	if (!info->attrs[KL2TP_A_SESSION_ID]) {
		GENL_SET_ERR_MSG(info, "missing session id");
		return ERR_PTR(-EINVAL);
	}
	s = kl2tp_session_get(kl2tp_info_net(info),
			      nla_get_u16(info->attrs[KL2TP_A_SESSION_ID]));
	if (!s) {
		GENL_SET_ERR_MSG(info, "no such session");
		return ERR_PTR(-ENOENT);
	}
	return s;
}

static int kl2tp_nl_session_get(struct sk_buff *skb, struct genl_info *info)
{
	struct kl2tp_session *s;
	struct kl2tp_tunnel *t;
	int ret = -ENOENT;

	s = kl2tp_nl_session(info);
	if (IS_ERR(s))
		return PTR_ERR(s);
	t = s->tunnel;
	mutex_lock(&t->lock);
	if (!test_bit(KL2TP_SF_DEAD, &s->flags))
		ret = kl2tp_reply_obj(info, kl2tp_fill_session, s,
				      KL2TP_CMD_SESSION_GET);
	mutex_unlock(&t->lock);
	kl2tp_session_put(s);
	return ret;
}

static int kl2tp_nl_session_dump(struct sk_buff *skb,
				 struct netlink_callback *cb)
{
	struct nlattr **attrs = kl2tp_dump_attrs(cb);
	struct kl2tp_net *kn = kl2tp_pernet(sock_net(skb->sk));
	long tidx = 0, sidx, tstart = cb->args[0], sstart = cb->args[1];
	const struct nlattr *filter = attrs[KL2TP_A_TUNNEL_ID];
	struct kl2tp_session *s;
	struct kl2tp_tunnel *t;
	struct nlmsghdr *nlh;
	bool full = false;

	mutex_lock(&kn->lock);
	cb->seq = atomic_read(&kn->session_gen);
	list_for_each_entry(t, &kn->tunnels, list) {
		if (tidx++ < tstart)
			continue;
		if (filter && t->tid != nla_get_u16(filter))
			continue;
		sidx = 0;
		mutex_lock(&t->lock);
		list_for_each_entry(s, &t->sessions, tlist) {
			if (sidx++ < sstart)
				continue;
			nlh = (struct nlmsghdr *)skb_tail_pointer(skb);
			if (kl2tp_fill_session(skb, s, NETLINK_CB(cb->skb).portid,
					       cb->nlh->nlmsg_seq, NLM_F_MULTI,
					       KL2TP_CMD_SESSION_GET) < 0) {
				full = true;
				sidx--;
				break;
			}
			nl_dump_check_consistent(cb, nlh);
		}
		mutex_unlock(&t->lock);
		if (full) {
			tidx--;
			sstart = sidx;
			break;
		}
		sstart = 0;
	}
	mutex_unlock(&kn->lock);
	cb->args[0] = tidx;
	cb->args[1] = full ? sstart : 0;
	return skb->len;
}

static int kl2tp_nl_session_reset(struct sk_buff *skb, struct genl_info *info)
{
	struct kl2tp_session *s;
	struct kl2tp_tunnel *t;

	s = kl2tp_nl_session(info);
	if (IS_ERR(s))
		return PTR_ERR(s);
	t = s->tunnel;
	mutex_lock(&t->lock);
	kl2tp_session_end(s, KL2TP_CDN_RC_ADMIN, 0, true);
	mutex_unlock(&t->lock);
	kl2tp_session_put(s);
	return 0;
}

/* SESSION_SET: an LNS session's session and idle timeouts (RADIUS CoA). */
static int kl2tp_nl_session_set(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *st = info->attrs[KL2TP_A_SESSION_TIMEOUT];
	struct nlattr *it = info->attrs[KL2TP_A_IDLE_TIMEOUT];
	struct kl2tp_session *s;
	struct kl2tp_tunnel *t;
	int ret;

	if (!st && !it) {
		GENL_SET_ERR_MSG(info, "nothing to set (session or idle timeout)");
		return -EINVAL;
	}
	s = kl2tp_nl_session(info);
	if (IS_ERR(s))
		return PTR_ERR(s);
	t = s->tunnel;
	mutex_lock(&t->lock);
	ret = kl2tp_ppp_set_limits(s, (st ? KL2TP_LIMIT_SESSION : 0) |
				      (it ? KL2TP_LIMIT_IDLE : 0),
				   st ? nla_get_u32(st) : 0,
				   it ? nla_get_u32(it) : 0);
	mutex_unlock(&t->lock);
	if (ret == -EINVAL)
		GENL_SET_ERR_MSG(info, "not an LNS session");
	else if (ret)
		GENL_SET_ERR_MSG(info, "the session's PPP is not up");
	kl2tp_session_put(s);
	return ret;
}

/* ---- the AAA agent -------------------------------------------------------------- */

/* kn->lock held: the agent is now @portid (0: none). */
static void kl2tp_aaa_agent_set(struct kl2tp_net *kn, u32 portid)
{
	u64 old = atomic64_read(&kn->aaa_agent);

	lockdep_assert_held(&kn->lock);
	atomic64_set(&kn->aaa_agent, (((old >> 32) + 1) << 32) | portid);
}

/* AAA_REGISTER: the requesting socket becomes the namespace's agent. */
static int kl2tp_nl_aaa_register(struct sk_buff *skb, struct genl_info *info)
{
	struct kl2tp_net *kn = kl2tp_info_net(info);
	int ret = 0;

	u64 agent;

	if (!info->snd_portid) {
		GENL_SET_ERR_MSG(info, "a kernel socket cannot be the AAA agent");
		return -EINVAL;
	}
	mutex_lock(&kn->lock);
	agent = atomic64_read(&kn->aaa_agent);
	if ((u32)agent && (u32)agent != info->snd_portid) {
		GENL_SET_ERR_MSG(info, "another process is the AAA agent");
		ret = -EBUSY;
	} else if (!(u32)agent) {
		kl2tp_aaa_agent_set(kn, info->snd_portid);
		pr_info("AAA agent registered (port %u)\n", info->snd_portid);
	}
	mutex_unlock(&kn->lock);
	return ret;
}

/* A netlink socket closed: if it was an agent's, there is none now. */
static int kl2tp_aaa_release(struct notifier_block *nb, unsigned long event,
			     void *ptr)
{
	struct netlink_notify *n = ptr;
	struct kl2tp_net *kn;

	if (event != NETLINK_URELEASE || n->protocol != NETLINK_GENERIC ||
	    !n->portid)
		return NOTIFY_DONE;
	kn = net_generic(n->net, kl2tp_net_id);
	if ((u32)atomic64_read(&kn->aaa_agent) != n->portid)
		return NOTIFY_DONE;
	mutex_lock(&kn->lock);
	if ((u32)atomic64_read(&kn->aaa_agent) == n->portid) {
		kl2tp_aaa_agent_set(kn, 0);
		pr_info("AAA agent gone (port %u)\n", n->portid);
	}
	mutex_unlock(&kn->lock);
	return NOTIFY_DONE;
}

static struct notifier_block kl2tp_aaa_notifier = {
	.notifier_call = kl2tp_aaa_release,
};

/*
 * Send the agent (@agent: kn->aaa_agent as it was read) the request
 * @cookie for @c, a credential of session @s's PPP. The work of @s's PPP,
 * nothing held. Returns 0; -EINVAL for a name no user can have; -EAGAIN
 * when the agent's socket is full; another error when it is gone.
 */
int kl2tp_aaa_request(struct kl2tp_session *s, u64 agent, u64 cookie,
		      const struct kl2tp_ppp_auth_cred *c)
{
	struct kl2tp_tunnel *t = s->tunnel;
	struct net *net = t->kn->net;
	char user[KL2TP_PPP_NAME_MAX + 1];
	struct sk_buff *msg;
	void *hdr;
	int ret = -EMSGSIZE;

	/* enum kl2tp_auth is the engine's numbering */
	BUILD_BUG_ON((int)KL2TP_PPP_AUTH_PAP != KL2TP_AUTH_PAP);
	BUILD_BUG_ON((int)KL2TP_PPP_AUTH_CHAP_MD5 != KL2TP_AUTH_CHAP);
	BUILD_BUG_ON((int)KL2TP_PPP_AUTH_MSCHAPV2 != KL2TP_AUTH_MSCHAPV2);
	if (c->name_len > KL2TP_PPP_NAME_MAX ||
	    (c->name_len && memchr(c->name, 0, c->name_len)))
		return -EINVAL;
	memcpy(user, c->name, c->name_len);
	user[c->name_len] = '\0';
	msg = kl2tp_fail() ? NULL : genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	hdr = genlmsg_put(msg, 0, 0, &kl2tp_genl_family, 0,
			  KL2TP_CMD_AAA_REQUEST);
	if (!hdr)
		goto fail;
	mutex_lock(&t->lock);	/* the tunnel's names and addresses */
	ret = nla_put_u64_64bit(msg, KL2TP_A_AAA_COOKIE, cookie, KL2TP_A_PAD) ||
	      nla_put_u16(msg, KL2TP_A_SESSION_ID, s->sid) ||
	      nla_put_u16(msg, KL2TP_A_TUNNEL_ID, t->tid) ||
	      (t->lns && nla_put_string(msg, KL2TP_A_NAME, t->lns->name)) ||
	      kl2tp_put_sa(msg, KL2TP_A_REMOTE_ADDR, &t->raddr) ||
	      nla_put_u16(msg, KL2TP_A_REMOTE_PORT, ntohs(t->rport)) ||
	      kl2tp_put_sa(msg, KL2TP_A_LOCAL_ADDR, &t->laddr) ||
	      nla_put_u16(msg, KL2TP_A_LOCAL_PORT, ntohs(t->ks->lport)) ||
	      (t->remote_name[0] &&
	       nla_put_string(msg, KL2TP_A_REMOTE_NAME, t->remote_name)) ||
	      kl2tp_put_call_numbers(msg, s->calling, s->called);
	mutex_unlock(&t->lock);
	if (ret ||
	    nla_put_u8(msg, KL2TP_A_AAA_METHOD, c->method) ||
	    nla_put_string(msg, KL2TP_A_USER, user) ||
	    (c->method == KL2TP_PPP_AUTH_PAP &&
	     nla_put(msg, KL2TP_A_PASSWORD, c->resp_len, c->resp)) ||
	    (c->method != KL2TP_PPP_AUTH_PAP &&
	     (nla_put_u8(msg, KL2TP_A_AAA_CHAP_ID, c->id) ||
	      nla_put(msg, KL2TP_A_AAA_CHALLENGE, c->chal_len, c->chal) ||
	      nla_put(msg, KL2TP_A_AAA_RESPONSE, c->resp_len, c->resp))) ||
	    (c->proxy && nla_put_flag(msg, KL2TP_A_AAA_PROXY))) {
		ret = -EMSGSIZE;
		goto fail;
	}
	memzero_explicit(user, sizeof(user));
	genlmsg_end(msg, hdr);
	/*
	 * Not to a port id the agent no longer has (this narrows, without
	 * closing, the window in which a new socket could take it: the
	 * release notifier runs after the port id is free).
	 */
	ret = -ECONNREFUSED;
	if (atomic64_read(&t->kn->aaa_agent) != agent)
		goto fail;
	return genlmsg_unicast(net, msg, (u32)agent);	/* consumes msg */
fail:
	memzero_explicit(user, sizeof(user));
	memzero_explicit(msg->data, msg->len);	/* a password, maybe */
	nlmsg_free(msg);
	return ret;
}

/*
 * What an accept says about the user (address or pool, DNS, MTU, framed
 * routes, session timeout), in *@out (NULL when it says nothing).
 */
static int kl2tp_get_aaa_attrs(struct genl_info *info,
			       struct kl2tp_aaa_attrs **out)
{
	static const int types[] = {
		KL2TP_A_ADDRESS, KL2TP_A_POOL, KL2TP_A_DNS1, KL2TP_A_DNS2,
		KL2TP_A_MTU, KL2TP_A_ROUTES, KL2TP_A_SESSION_TIMEOUT,
		KL2TP_A_IDLE_TIMEOUT, KL2TP_A_ACCT_INTERIM, KL2TP_A_ACCT_CLASS,
		KL2TP_A_PREFIX6, KL2TP_A_PREFIX6_LEN, KL2TP_A_POOL6,
		KL2TP_A_DNS6_1, KL2TP_A_DNS6_2, KL2TP_A_PD_PREFIX,
		KL2TP_A_PD_PREFIX_LEN, KL2TP_A_PD_POOL,
	};
	struct kl2tp_aaa_attrs *a;
	unsigned int i;
	int ret;

	*out = NULL;
	for (i = 0; i < ARRAY_SIZE(types) && !info->attrs[types[i]]; i++)
		;
	if (i == ARRAY_SIZE(types))
		return 0;
	if (info->attrs[KL2TP_A_ADDRESS] && info->attrs[KL2TP_A_POOL]) {
		GENL_SET_ERR_MSG(info, "an address or a pool, not both");
		return -EINVAL;
	}
	if (info->attrs[KL2TP_A_PREFIX6] && info->attrs[KL2TP_A_POOL6]) {
		GENL_SET_ERR_MSG(info, "an IPv6 prefix or an IPv6 pool, not both");
		return -EINVAL;
	}
	if (info->attrs[KL2TP_A_PD_PREFIX] && info->attrs[KL2TP_A_PD_POOL]) {
		GENL_SET_ERR_MSG(info, "a delegated prefix or a pool of them, not both");
		return -EINVAL;
	}
	a = kl2tp_fail() ? NULL : kzalloc(sizeof(*a), GFP_KERNEL);
	if (!a)
		return -ENOMEM;
	ret = kl2tp_get_name(info, KL2TP_A_POOL, a->pool, false);
	if (!ret)
		ret = kl2tp_get_name(info, KL2TP_A_POOL6, a->pool6, false);
	if (!ret && (info->attrs[KL2TP_A_PREFIX6] ||
		     info->attrs[KL2TP_A_PREFIX6_LEN]))
		ret = kl2tp_get_prefix6(info, KL2TP_A_PREFIX6, &a->prefix6,
					&a->prefix6_len);
	if (!ret)
		ret = kl2tp_get_name(info, KL2TP_A_PD_POOL, a->pd_pool, false);
	if (!ret && (info->attrs[KL2TP_A_PD_PREFIX] ||
		     info->attrs[KL2TP_A_PD_PREFIX_LEN]))
		ret = kl2tp_get_prefix6(info, KL2TP_A_PD_PREFIX, &a->pd_prefix,
					&a->pd_len);
	if (!ret)
		ret = kl2tp_get_routes(info, a->routes, &a->n_routes);
	if (ret) {
		kfree(a);
		return ret;
	}
	if (info->attrs[KL2TP_A_ADDRESS])
		a->addr = nla_get_in_addr(info->attrs[KL2TP_A_ADDRESS]);
	if (info->attrs[KL2TP_A_DNS1])
		a->dns1 = nla_get_in_addr(info->attrs[KL2TP_A_DNS1]);
	if (info->attrs[KL2TP_A_DNS2])
		a->dns2 = nla_get_in_addr(info->attrs[KL2TP_A_DNS2]);
	if (info->attrs[KL2TP_A_DNS6_1])
		a->dns6[0] = nla_get_in6_addr(info->attrs[KL2TP_A_DNS6_1]);
	if (info->attrs[KL2TP_A_DNS6_2])
		a->dns6[1] = nla_get_in6_addr(info->attrs[KL2TP_A_DNS6_2]);
	a->mtu = kl2tp_u32(info, KL2TP_A_MTU, 0);
	a->session_timeout = kl2tp_u32(info, KL2TP_A_SESSION_TIMEOUT, 0);
	a->idle_timeout = kl2tp_u32(info, KL2TP_A_IDLE_TIMEOUT, 0);
	a->acct_interim = kl2tp_u32(info, KL2TP_A_ACCT_INTERIM, 0);
	if (info->attrs[KL2TP_A_ACCT_CLASS]) {
		a->class_len = nla_len(info->attrs[KL2TP_A_ACCT_CLASS]);
		memcpy(a->class, nla_data(info->attrs[KL2TP_A_ACCT_CLASS]),
		       a->class_len);
	}
	*out = a;
	return 0;
}

/* AAA_VERDICT: the agent answers a request. */
static int kl2tp_nl_aaa_verdict(struct sk_buff *skb, struct genl_info *info)
{
	struct kl2tp_net *kn = kl2tp_info_net(info);
	const struct nlattr *ar = info->attrs[KL2TP_A_AAA_AUTHRESP];
	struct kl2tp_aaa_attrs *attrs = NULL;
	struct kl2tp_session *s;
	u8 result;
	int ret;

	if (!info->snd_portid ||
	    (u32)atomic64_read(&kn->aaa_agent) != info->snd_portid) {
		GENL_SET_ERR_MSG(info, "only the registered AAA agent gives verdicts");
		return -EPERM;
	}
	if (!info->attrs[KL2TP_A_AAA_COOKIE] ||
	    !info->attrs[KL2TP_A_SESSION_ID] ||
	    !info->attrs[KL2TP_A_AAA_RESULT]) {
		GENL_SET_ERR_MSG(info, "missing cookie, session id or result");
		return -EINVAL;
	}
	result = nla_get_u8(info->attrs[KL2TP_A_AAA_RESULT]);
	if (result == KL2TP_AAA_ACCEPT) {
		ret = kl2tp_get_aaa_attrs(info, &attrs);
		if (ret)
			return ret;
	}
	s = kl2tp_session_get(kn, nla_get_u16(info->attrs[KL2TP_A_SESSION_ID]));
	if (!s) {
		GENL_SET_ERR_MSG(info, "no such session");
		kfree(attrs);
		return -ENOENT;
	}
	/* takes @attrs, whatever it returns */
	ret = kl2tp_ppp_aaa_verdict(s, nla_get_u64(info->attrs[KL2TP_A_AAA_COOKIE]),
				    result, ar ? nla_data(ar) : NULL,
				    ar ? nla_len(ar) : 0, attrs);
	if (ret == -EINVAL) {
		NL_SET_ERR_MSG_ATTR(info->extack, ar ? ar : info->attrs[KL2TP_A_AAA_RESULT],
				    "MS-CHAPv2 accepted without an authenticator response (S= and 40 hex digits)");
	} else if (ret) {
		GENL_SET_ERR_MSG(info, "the session is not waiting for this request");
	} else if (info->attrs[KL2TP_A_MESSAGE]) {
		pr_info_ratelimited("session %u/%u: AAA %s: %s\n",
				    s->tunnel->tid, s->sid,
				    result == KL2TP_AAA_ACCEPT ? "accept" :
				    result == KL2TP_AAA_REJECT ? "reject" :
				    "unavailable",
				    (char *)nla_data(info->attrs[KL2TP_A_MESSAGE]));
	}
	kl2tp_session_put(s);
	return ret;
}

/* ---- accounting records ------------------------------------------------------ */

static int kl2tp_fill_acct(struct sk_buff *skb, const struct kl2tp_acct_rec *r,
			   u32 portid, u32 seq, int flags)
{
	static const int types[] = {
		KL2TP_STAT_RX_PACKETS, KL2TP_STAT_RX_BYTES,
		KL2TP_STAT_TX_PACKETS, KL2TP_STAT_TX_BYTES,
	};
	u64 vals[] = { r->rx_packets, r->rx_bytes, r->tx_packets, r->tx_bytes };
	void *hdr;

	hdr = genlmsg_put(skb, portid, seq, &kl2tp_genl_family, flags,
			  KL2TP_CMD_AAA_ACCT);
	if (!hdr)
		return -EMSGSIZE;
	if (nla_put_u64_64bit(skb, KL2TP_A_ACCT_RECORD, r->id, KL2TP_A_PAD) ||
	    nla_put_u8(skb, KL2TP_A_ACCT_TYPE, r->type) ||
	    nla_put_u64_64bit(skb, KL2TP_A_ACCT_SESSION_ID, r->acct_id,
			      KL2TP_A_PAD) ||
	    nla_put_u64_64bit(skb, KL2TP_A_ACCT_TIME, r->time, KL2TP_A_PAD) ||
	    nla_put_u16(skb, KL2TP_A_TUNNEL_ID, r->tid) ||
	    nla_put_u16(skb, KL2TP_A_SESSION_ID, r->sid) ||
	    (r->listener[0] && nla_put_string(skb, KL2TP_A_NAME, r->listener)) ||
	    (r->user[0] && nla_put_string(skb, KL2TP_A_USER, r->user)) ||
	    kl2tp_put_call_numbers(skb, r->calling, r->called) ||
	    nla_put_in_addr(skb, KL2TP_A_PEER_ADDRESS, r->addr) ||
	    kl2tp_put_sa(skb, KL2TP_A_REMOTE_ADDR, &r->raddr) ||
	    kl2tp_put_sa(skb, KL2TP_A_LOCAL_ADDR, &r->laddr) ||
	    (r->prefix6_len &&
	     (nla_put_in6_addr(skb, KL2TP_A_PREFIX6, &r->prefix6) ||
	      nla_put_u8(skb, KL2TP_A_PREFIX6_LEN, r->prefix6_len))) ||
	    (r->pd_len &&
	     (nla_put_in6_addr(skb, KL2TP_A_PD_PREFIX, &r->pd_pfx) ||
	      nla_put_u8(skb, KL2TP_A_PD_PREFIX_LEN, r->pd_len))) ||
	    (r->interim && nla_put_u32(skb, KL2TP_A_ACCT_INTERIM, r->interim)) ||
	    (r->class_len &&
	     nla_put(skb, KL2TP_A_ACCT_CLASS, r->class_len, r->class)) ||
	    (r->type == KL2TP_ACCT_STOP &&
	     (nla_put_u32(skb, KL2TP_A_ACCT_SESSION_TIME, r->session_time) ||
	      nla_put_u8(skb, KL2TP_A_ACCT_CAUSE, r->cause) ||
	      kl2tp_put_stats(skb, vals, types, ARRAY_SIZE(types))))) {
		genlmsg_cancel(skb, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(skb, hdr);
	return 0;
}

/*
 * kn->acct_lock held: a message of record @r for the agent, or NULL when
 * there is none (or no memory: its dump will find the record).
 */
struct sk_buff *kl2tp_acct_msg(struct kl2tp_net *kn,
			       const struct kl2tp_acct_rec *r)
{
	struct sk_buff *msg;

	lockdep_assert_held(&kn->acct_lock);
	if (!(u32)atomic64_read(&kn->aaa_agent))
		return NULL;
	msg = kl2tp_fail() ? NULL : genlmsg_new(NLMSG_DEFAULT_SIZE, GFP_KERNEL);
	if (msg && kl2tp_fill_acct(msg, r, 0, 0, 0)) {
		nlmsg_free(msg);
		msg = NULL;
	}
	return msg;
}

/* Hand @msg to the agent, if there is one still; its loss is not news. */
void kl2tp_aaa_send(struct kl2tp_net *kn, struct sk_buff *msg)
{
	u32 portid = (u32)atomic64_read(&kn->aaa_agent);

	if (!portid) {
		nlmsg_free(msg);
		return;
	}
	genlmsg_unicast(kn->net, msg, portid);	/* consumes msg */
}

static bool kl2tp_from_agent(struct kl2tp_net *kn, u32 portid)
{
	return portid && (u32)atomic64_read(&kn->aaa_agent) == portid;
}

/* AAA_ACCT_GET: the records not yet acknowledged, oldest first. */
static int kl2tp_nl_acct_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct kl2tp_net *kn = kl2tp_pernet(sock_net(skb->sk));
	u32 portid = NETLINK_CB(cb->skb).portid;
	struct kl2tp_acct_rec *r;
	int ret = 0;

	if (!kl2tp_from_agent(kn, portid)) {
		NL_SET_ERR_MSG(cb->extack, "only the AAA agent reads the records");
		return -EPERM;
	}
	mutex_lock(&kn->acct_lock);
	list_for_each_entry(r, &kn->acct_q, node) {
		if (r->id <= cb->args[0])
			continue;
		ret = kl2tp_fill_acct(skb, r, portid, cb->nlh->nlmsg_seq,
				      NLM_F_MULTI);
		if (ret)
			break;
		cb->args[0] = r->id;
	}
	mutex_unlock(&kn->acct_lock);
	/* a full skb ends this part of the dump; the next goes on */
	return ret ? skb->len : 0;
}

/* AAA_ACCT_ACK: the agent's server took a record. */
static int kl2tp_nl_acct_ack(struct sk_buff *skb, struct genl_info *info)
{
	struct kl2tp_net *kn = kl2tp_info_net(info);

	if (!kl2tp_from_agent(kn, info->snd_portid)) {
		GENL_SET_ERR_MSG(info, "only the registered AAA agent acknowledges records");
		return -EPERM;
	}
	if (!info->attrs[KL2TP_A_ACCT_RECORD]) {
		GENL_SET_ERR_MSG(info, "missing record");
		return -EINVAL;
	}
	if (kl2tp_acct_ack(kn, nla_get_u64(info->attrs[KL2TP_A_ACCT_RECORD]))) {
		GENL_SET_ERR_MSG(info, "no such record");
		return -ENOENT;
	}
	return 0;
}

/* ---- events ------------------------------------------------------------------ */

static void kl2tp_event_send(struct net *net, struct sk_buff *msg)
{
	genlmsg_multicast_netns(&kl2tp_genl_family, net, msg, 0,
				KL2TP_MCGRP_EVENTS_IDX, GFP_KERNEL);
}

static bool kl2tp_event_wanted(struct net *net)
{
	return genl_has_listeners(&kl2tp_genl_family, net,
				  KL2TP_MCGRP_EVENTS_IDX);
}

static struct sk_buff *kl2tp_event_new(u8 event, void **hdr)
{
	struct sk_buff *msg;

	msg = kl2tp_fail() ? NULL : genlmsg_new(NLMSG_DEFAULT_SIZE, GFP_KERNEL);
	if (!msg)
		return NULL;
	*hdr = genlmsg_put(msg, 0, 0, &kl2tp_genl_family, 0, KL2TP_CMD_EVENT);
	if (!*hdr || nla_put_u8(msg, KL2TP_A_EVENT, event)) {
		nlmsg_free(msg);
		return NULL;
	}
	return msg;
}

/* t->lock held */
void kl2tp_event_tunnel(struct kl2tp_tunnel *t, u8 event)
{
	struct net *net = t->kn->net;
	struct sk_buff *msg;
	void *hdr;

	lockdep_assert_held(&t->lock);
	if (!kl2tp_event_wanted(net))
		return;
	msg = kl2tp_event_new(event, &hdr);
	if (!msg)
		return;
	if (nla_put_u16(msg, KL2TP_A_TUNNEL_ID, t->tid) ||
	    nla_put_u8(msg, KL2TP_A_STATE, t->state) ||
	    (t->lns && nla_put_string(msg, KL2TP_A_NAME, t->lns->name)))
		goto fail;
	if (KL2TP_EVENTS_PRIVATE &&
	    (kl2tp_put_sa(msg, KL2TP_A_REMOTE_ADDR, &t->raddr) ||
	     (t->remote_name[0] &&
	      nla_put_string(msg, KL2TP_A_REMOTE_NAME, t->remote_name))))
		goto fail;
	if ((event == KL2TP_EVENT_TUNNEL_DOWN ||
	     t->state == KL2TP_TUNNEL_CLOSING) && t->result &&
	    (nla_put_u16(msg, KL2TP_A_RESULT_CODE, t->result) ||
	     nla_put_u16(msg, KL2TP_A_ERROR_CODE, t->error) ||
	     (t->message[0] && nla_put_string(msg, KL2TP_A_MESSAGE, t->message)) ||
	     (t->local_close && nla_put_flag(msg, KL2TP_A_LOCAL))))
		goto fail;
	genlmsg_end(msg, hdr);
	kl2tp_event_send(net, msg);
	return;
fail:
	nlmsg_free(msg);
}

void kl2tp_event_session(struct kl2tp_session *s, u8 event)
{
	struct net *net = s->tunnel->kn->net;
	struct sk_buff *msg;
	void *hdr;

	if (!kl2tp_event_wanted(net))
		return;
	msg = kl2tp_event_new(event, &hdr);
	if (!msg)
		return;
	if (nla_put_u16(msg, KL2TP_A_TUNNEL_ID, s->tunnel->tid) ||
	    nla_put_u16(msg, KL2TP_A_SESSION_ID, s->sid) ||
	    nla_put_u8(msg, KL2TP_A_STATE, s->state))
		goto fail;
	if (KL2TP_EVENTS_PRIVATE &&
	    ((s->user[0] && nla_put_string(msg, KL2TP_A_USER, s->user)) ||
	     (s->ifname[0] && nla_put_string(msg, KL2TP_A_IFNAME, s->ifname)) ||
	     (s->addr && nla_put_in_addr(msg, KL2TP_A_ADDRESS, s->addr)) ||
	     (s->peer_addr &&
	      nla_put_in_addr(msg, KL2TP_A_PEER_ADDRESS, s->peer_addr))))
		goto fail;
	if (event == KL2TP_EVENT_SESSION_DOWN && s->result &&
	    (nla_put_u16(msg, KL2TP_A_RESULT_CODE, s->result) ||
	     nla_put_u16(msg, KL2TP_A_ERROR_CODE, s->error) ||
	     (s->message && nla_put_string(msg, KL2TP_A_MESSAGE, s->message)) ||
	     (s->local_close && nla_put_flag(msg, KL2TP_A_LOCAL))))
		goto fail;
	genlmsg_end(msg, hdr);
	kl2tp_event_send(net, msg);
	return;
fail:
	nlmsg_free(msg);
}

void kl2tp_event_client(struct kl2tp_client *c)
{
	struct net *net = c->kn->net;
	struct sk_buff *msg;
	void *hdr;

	if (!kl2tp_event_wanted(net))
		return;
	msg = kl2tp_event_new(KL2TP_EVENT_CLIENT_STATE, &hdr);
	if (!msg)
		return;
	if (nla_put_string(msg, KL2TP_A_NAME, c->name) ||
	    nla_put_u8(msg, KL2TP_A_STATE, c->state)) {
		nlmsg_free(msg);
		return;
	}
	genlmsg_end(msg, hdr);
	kl2tp_event_send(net, msg);
}

/* ---- the family ---------------------------------------------------------------- */

#define KL2TP_OP(c, fn, pol) {						\
	.cmd = (c), .doit = (fn), .policy = (pol),			\
	.maxattr = KL2TP_A_MAX, .flags = GENL_UNS_ADMIN_PERM }

#define KL2TP_GETOP(c, fn, dump, pol) {					\
	.cmd = (c), .doit = (fn), .dumpit = (dump), .policy = (pol),	\
	.maxattr = KL2TP_A_MAX, .flags = GENL_UNS_ADMIN_PERM }

static const struct genl_ops kl2tp_genl_ops[] = {
	KL2TP_OP(KL2TP_CMD_GET_INFO, kl2tp_nl_get_info, kl2tp_none_policy),
	KL2TP_OP(KL2TP_CMD_POOL_ADD, kl2tp_nl_pool_add_set, kl2tp_pool_policy),
	KL2TP_OP(KL2TP_CMD_POOL_DEL, kl2tp_nl_pool_user_del, kl2tp_name_policy),
	KL2TP_GETOP(KL2TP_CMD_POOL_GET, kl2tp_nl_pool_get, kl2tp_nl_pool_dump,
		    kl2tp_name_policy),
	KL2TP_OP(KL2TP_CMD_USER_ADD, kl2tp_nl_user_add_set, kl2tp_user_policy),
	KL2TP_OP(KL2TP_CMD_USER_DEL, kl2tp_nl_pool_user_del, kl2tp_name_policy),
	KL2TP_GETOP(KL2TP_CMD_USER_GET, kl2tp_nl_user_get, kl2tp_nl_user_dump,
		    kl2tp_name_policy),
	KL2TP_OP(KL2TP_CMD_PEER_ADD, kl2tp_nl_peer_add_set, kl2tp_peer_policy),
	KL2TP_OP(KL2TP_CMD_PEER_DEL, kl2tp_nl_peer_del, kl2tp_name_policy),
	KL2TP_GETOP(KL2TP_CMD_PEER_GET, kl2tp_nl_peer_get, kl2tp_nl_peer_dump,
		    kl2tp_name_policy),
	KL2TP_OP(KL2TP_CMD_LNS_ADD, kl2tp_nl_lns_add_set, kl2tp_lns_policy),
	KL2TP_OP(KL2TP_CMD_LNS_DEL, kl2tp_nl_lns_del, kl2tp_name_policy),
	KL2TP_GETOP(KL2TP_CMD_LNS_GET, kl2tp_nl_lns_get, kl2tp_nl_lns_dump,
		    kl2tp_name_policy),
	KL2TP_OP(KL2TP_CMD_CLIENT_ADD, kl2tp_nl_client_add_set, kl2tp_client_policy),
	KL2TP_OP(KL2TP_CMD_CLIENT_DEL, kl2tp_nl_client_cmd, kl2tp_name_policy),
	KL2TP_GETOP(KL2TP_CMD_CLIENT_GET, kl2tp_nl_client_get, kl2tp_nl_client_dump,
		    kl2tp_name_policy),
	KL2TP_OP(KL2TP_CMD_CLIENT_UP, kl2tp_nl_client_cmd, kl2tp_name_policy),
	KL2TP_OP(KL2TP_CMD_CLIENT_DOWN, kl2tp_nl_client_cmd, kl2tp_name_policy),
	KL2TP_GETOP(KL2TP_CMD_TUNNEL_GET, kl2tp_nl_tunnel_get,
		    kl2tp_nl_tunnel_dump, kl2tp_tunnel_policy),
	KL2TP_OP(KL2TP_CMD_TUNNEL_RESET, kl2tp_nl_tunnel_reset,
		 kl2tp_tunnel_policy),
	KL2TP_GETOP(KL2TP_CMD_SESSION_GET, kl2tp_nl_session_get,
		    kl2tp_nl_session_dump, kl2tp_session_policy),
	KL2TP_OP(KL2TP_CMD_SESSION_RESET, kl2tp_nl_session_reset,
		 kl2tp_session_policy),
	KL2TP_OP(KL2TP_CMD_STATS_GET, kl2tp_nl_stats_get, kl2tp_none_policy),
	KL2TP_OP(KL2TP_CMD_USER_SET, kl2tp_nl_user_add_set, kl2tp_user_policy),
	KL2TP_OP(KL2TP_CMD_PEER_SET, kl2tp_nl_peer_add_set, kl2tp_peer_policy),
	KL2TP_OP(KL2TP_CMD_LNS_SET, kl2tp_nl_lns_add_set, kl2tp_lns_policy),
	KL2TP_OP(KL2TP_CMD_CLIENT_SET, kl2tp_nl_client_add_set,
		 kl2tp_client_policy),
	KL2TP_OP(KL2TP_CMD_POOL_SET, kl2tp_nl_pool_add_set, kl2tp_pool_policy),
	KL2TP_OP(KL2TP_CMD_AAA_REGISTER, kl2tp_nl_aaa_register,
		 kl2tp_none_policy),
	KL2TP_OP(KL2TP_CMD_AAA_VERDICT, kl2tp_nl_aaa_verdict,
		 kl2tp_verdict_policy),
	KL2TP_GETOP(KL2TP_CMD_AAA_ACCT_GET, NULL, kl2tp_nl_acct_dump,
		    kl2tp_none_policy),
	KL2TP_OP(KL2TP_CMD_AAA_ACCT_ACK, kl2tp_nl_acct_ack,
		 kl2tp_acct_ack_policy),
	KL2TP_OP(KL2TP_CMD_SESSION_SET, kl2tp_nl_session_set,
		 kl2tp_session_set_policy),
};

static struct genl_family kl2tp_genl_family __ro_after_init = {
	.name = KL2TP_GENL_NAME,
	.version = KL2TP_GENL_VERSION,
	.module = THIS_MODULE,
	.netnsok = true,
	.parallel_ops = true,
	.ops = kl2tp_genl_ops,
	.n_ops = ARRAY_SIZE(kl2tp_genl_ops),
	.mcgrps = kl2tp_mcgrps,
	.n_mcgrps = ARRAY_SIZE(kl2tp_mcgrps),
#ifdef KL2TP_HAVE_GENL_RESV_START_OP
	.resv_start_op = KL2TP_CMD_MAX + 1,
#endif
};

int __init kl2tp_genl_init(void)
{
	int ret = netlink_register_notifier(&kl2tp_aaa_notifier);

	if (ret)
		return ret;
	ret = genl_register_family(&kl2tp_genl_family);
	if (ret)
		netlink_unregister_notifier(&kl2tp_aaa_notifier);
	return ret;
}

void kl2tp_genl_uninit(void)
{
	genl_unregister_family(&kl2tp_genl_family);
	netlink_unregister_notifier(&kl2tp_aaa_notifier);
}

MODULE_ALIAS_GENL_FAMILY(KL2TP_GENL_NAME);
