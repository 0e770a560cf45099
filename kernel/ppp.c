// SPDX-License-Identifier: GPL-2.0
/*
 * kl2tp: the PPP of each session.
 *
 * The protocol engine (proto/ppp_session.c) runs in one work item per
 * session, which alone touches it: PPP control frames from the data path
 * are queued to it, its timer only queues it. Working in process context
 * lets the engine's callbacks sleep: user lookups and pool leases take
 * kn->pool_lock, the session device is registered and configured through
 * rtnl.
 *
 * Lifetime: kl2tp_ppp_start() (under the tunnel lock, when ICCN is
 * received, or our ICCN acknowledged) allocates struct kl2tp_ppp and
 * queues its start; the session's end (kl2tp_session_end(), or its tunnel's
 * teardown) calls kl2tp_ppp_stop(), which queues the teardown: lower down,
 * device unregistered, lease returned.
 * The work and the device each hold a session reference; the struct goes
 * with the session (kl2tp_ppp_free()).
 *
 * Lock order: the work takes the tunnel lock (to publish state or send
 * the CDN) with nothing held, and rtnl or kn->pool_lock inside engine
 * calls with nothing held. Nothing under the tunnel lock waits for the
 * work.
 *
 * AAA: on a listener whose users the AAA agent checks, the engine's
 * verify (kl2tp_ppp_verify()) sends each credential to the agent and
 * leaves it pending; the agent's verdict (kl2tp_ppp_aaa_verdict(), from
 * netlink) is recorded under aaa_lock and the work hands it to the engine.
 * The work also ends the wait: the agent gone (kn->aaa_agent changed) or
 * the listener's timeout passed, checked at least once a second; then the
 * listener's fallback decides (local users with the credential kept for
 * that, or a refusal).
 */
#include <linux/kernel.h>
#include <linux/ctype.h>
#include <linux/jhash.h>
#include <linux/random.h>
#include <linux/rtnetlink.h>
#include <linux/slab.h>

#include <net/addrconf.h>

#include "kl2tp.h"
#include "pool.h"
#include "config.h"
#include "socket.h"
#include "tunnel.h"
#include "session.h"
#include "ppp.h"
#include "device.h"
#include "netlink.h"
#include "compat.h"
#include "proto/dhcp6.h"
#include "proto/l2tp_hdr.h"
#include "proto/nd6.h"
#include "proto/ppp_session.h"

#define KL2TP_PPP_RXQ_MAX	64	/* control frames waiting for the work */
#define KL2TP_PPP_EARLY_MAX	8	/* frames kept before PPP starts */
#define KL2TP_PPP_RESTART_MS	1000	/* RFC 1661 says 3 s; see testing.md */
#define KL2TP_PPP_MAX_CONFIGURE	30	/* so still RFC 1661's 30 s to answer */
#define KL2TP_PPP_PROXY_MAX	256	/* bytes kept of each proxy AVP */
#define KL2TP_PPP_AAA_TICK_MS	1000	/* a pending check looks at the agent */

/*
 * DHCPv6 prefix delegation (dhcp6.h). The LNS gives a valid lifetime of
 * pd_lifetime (a module parameter), preferred half of it, T1 a quarter, T2
 * 0.4: the prefix is the session's until it ends, and a lost Renew or two
 * change nothing. The client's retransmissions are RFC 8415 7.6's
 * (SOL_TIMEOUT, SOL_MAX_RT, REQ_*, REN_*, REB_*), its first Solicit
 * delayed by up to SOL_MAX_DELAY.
 */
#define KL2TP_PD_LIFETIME_MIN	20
#define KL2TP_PD_LIFETIME_MAX	86400
#define KL2TP_PD_SOL_DELAY_MS	1000
#define KL2TP_PD_SOL_IRT_MS	1000
#define KL2TP_PD_SOL_MRT_MS	(3600 * 1000)
#define KL2TP_PD_REQ_IRT_MS	1000
#define KL2TP_PD_REQ_MRT_MS	(30 * 1000)
#define KL2TP_PD_REQ_MRC	10
#define KL2TP_PD_REN_IRT_MS	(10 * 1000)
#define KL2TP_PD_REN_MRT_MS	(600 * 1000)
#define KL2TP_PD_T1_MIN_S	5	/* not a Renew storm */
#define KL2TP_PD_T1_MAX_S	43200	/* a timer within reach (u32 ms) */
#define KL2TP_PD_LEN_MIN	32	/* shortest prefix a client takes */

/* The client's DHCPv6 exchange (kl2tp_ppp_pd_tick()). */
enum {
	KL2TP_PD_OFF,			/* not asking (or IPV6CP is down) */
	KL2TP_PD_SOLICIT,
	KL2TP_PD_REQUEST,
	KL2TP_PD_BOUND,			/* holds a prefix until T1 */
	KL2TP_PD_RENEW,
	KL2TP_PD_REBIND,
};

enum {
	KL2TP_PPP_EV_START,
	KL2TP_PPP_EV_STOP,
	KL2TP_PPP_EV_LIMITS,		/* s->new_limits to apply */
};

/*
 * IPv6 of a session that runs IPV6CP (struct kl2tp_ppp has no room for
 * it): allocated with the session's PPP for a client with ipv6 on or a
 * listener with an IPv6 pool, else in ipcp_assign for a user with one;
 * freed with it. The work only.
 */
struct kl2tp_ppp6 {
	struct kl2tp_ppp_ipv6cp cp;
	struct kl2tp_lease6 lease;	/* LNS: the user's prefix */
	bool leased;
	bool addr_set;			/* our link-local on the device */
	bool route_set;			/* LNS: the prefix's route */
	bool published;			/* s->rx6_* were set once */
	u8 gen;				/* bumped by net6_up and net6_down, */
	u8 shown_gen;			/* and as last published */
	u8 ra_initial;			/* LNS: initial RAs still to send */
	u64 ra_at;			/* when the next RA goes, 0: none */
	u64 ra_last;			/* when the last one went */
	u8 ifid[KL2TP_PPP_IID_LEN];	/* negotiated: ours, */
	u8 peer_ifid[KL2TP_PPP_IID_LEN];	/* the peer's */
	char pool[KL2TP_NAME_MAX];	/* LNS: the listener's IPv6 pool */
	/*
	 * The delegated prefix (DHCPv6 IA_PD): LNS, the user's, from a pool;
	 * client, the one the LNS gave us (@pd.pool NULL)
	 */
	struct kl2tp_lease6 pd;
	bool pd_leased;			/* LNS: @pd is to give back */
	bool pd_denied;			/* LNS: one applies, none could be had */
	bool pd_route_set;		/* via the device; client: unreachable */
	char pd_pool[KL2TP_NAME_MAX];	/* LNS: the listener's pool of them */
	/* client */
	bool pd_want;			/* ask for one */
	bool pd_addr_set;		/* its first /64 on pd_dev: ::1 */
	u8 pd_state;
	u8 pd_tries;			/* messages of this exchange */
	u8 pd_xid[3];
	u8 pd_server_len;
	u8 pd_server[KL2TP_DHCP6_DUID_MAX];	/* the server's DUID */
	int pd_ifindex;			/* pd_dev's, when pd_addr_set */
	u32 pd_iaid;
	u32 pd_rt;			/* retransmission timeout, ms */
	u64 pd_at;			/* when the next message goes, 0: none */
	u64 pd_begin;			/* the exchange's start */
	u64 pd_t2_at;			/* Renew until, then Rebind */
	u64 pd_end_at;			/* the prefix's valid lifetime, 0: no end */
	struct kl2tp_dhcp6_prefix pd_got;	/* advertised, or held */
	char pd_dev[IFNAMSIZ];
};

struct kl2tp_ppp {
	struct kl2tp_session *s;	/* owns us */
	struct work_struct work;	/* holds a session reference */
	struct timer_list timer;
	struct sk_buff_head rxq;
	unsigned long events;
	atomic_long_t rx_dropped;

	/* below: the work only */
	bool running;			/* the engine was started */
	bool gone;			/* torn down */
	bool finished;			/* the engine is Dead: CDN due */
	bool cdn_done;
	bool addr_set;
	bool server;
	bool default_route;
	bool strip_domain;
	bool leased;
	bool net_failed;		/* the device could not be set up */
	bool shared;			/* ifpat names a shared device */
	bool linked;			/* in the shared device's table */
	bool mtu_auto;			/* no mtu configured: the default */
	u8 shown;			/* session state last published */
	u8 acct_cause;			/* enum kl2tp_acct_cause, when ours */
	u16 result;			/* CDN for the end */
	u16 error;
	const char *why;
	u32 mtu;
	__be32 local_ip;		/* LNS: ours */
	__be32 addr;			/* as installed */
	__be32 peer;
	__be32 dns1;
	__be32 dns2;
	struct kl2tp_lease lease;
	struct kl2tp_ppp6 *v6;		/* runs IPV6CP, or NULL */
	struct net_device *dev;
	char pool[KL2TP_NAME_MAX];
	char ifpat[IFNAMSIZ];
	char user[KL2TP_NAME_MAX];	/* client: ours; server: the peer's */
	char *name;			/* server: Name of our challenges */
	union {				/* wiped at teardown */
		u8 secret[KL2TP_SECRET_MAX];	/* client: our password */
		u8 lookup_buf[KL2TP_SECRET_MAX];	/* server: a user's */
	};
	struct kl2tp_ppp_session_cfg cfg;
	/* ICCN's proxy LCP/auth AVPs (LNS), until the engine has started */
	struct kl2tp_ppp_proxy_copy *proxy;
	/* AAA (LNS): the work only, but for what aaa_lock covers */
	u8 aaa;				/* enum kl2tp_aaa */
	u8 aaa_via;			/* enum kl2tp_aaa_via */
	u8 shown_via;			/* as last published */
	bool aaa_pending;		/* a verdict is awaited for aaa_seq */
	bool aaa_unsent;		/* the agent's socket was full: again */
	u32 aaa_timeout_ms;
	u32 aaa_seq;
	u64 aaa_agent;			/* kn->aaa_agent when it was asked */
	u64 aaa_deadline;
	u64 aaa_req_cookie;		/* aaa_cookie, for sending again */
	const char *aaa_why;		/* why the check failed, for the CDN */
	struct kl2tp_aaa_attrs *aaa_attrs;	/* the accept's, for the lease */
	u64 session_deadline;		/* ms: the AAA server's Session-Timeout */
	struct kl2tp_ppp_aaa_cred *aaa_cred;	/* for local users after all */
	spinlock_t aaa_lock;		/* the agent's answer: */
	u64 aaa_cookie;			/* the request waiting, 0: none */
	bool aaa_answered;
	u8 aaa_method;			/* of the request */
	u8 aaa_result;			/* enum kl2tp_aaa_result */
	u8 aaa_authresp_len;
	char aaa_authresp[KL2TP_PPP_MSCHAP_AUTHRESP_LEN];
	struct kl2tp_aaa_attrs *aaa_new_attrs;
	struct kl2tp_ppp_session eng;
};

/*
 * A copy of a credential sent to the AAA agent, to send it again or for a
 * listener that falls back to its local users: only while the agent's
 * verdict is awaited.
 */
struct kl2tp_ppp_aaa_cred {
	struct kl2tp_ppp_auth_cred c;	/* points into the buffers */
	u8 name[KL2TP_PPP_NAME_MAX];
	u8 chal[255];
	u8 resp[255];
};

/*
 * A copy of the proxy AVPs: only needed to start the engine, so not kept
 * in struct kl2tp_ppp (which then fits a 4 KiB slab).
 */
struct kl2tp_ppp_proxy_copy {
	struct kl2tp_ppp_proxy p;	/* points into buf */
	u8 buf[6][KL2TP_PPP_PROXY_MAX];
};

static void kl2tp_ppp_queue(struct kl2tp_ppp *ppp)
{
	struct kl2tp_session *s = ppp->s;

	if (!refcount_inc_not_zero(&s->ref))
		return;
	if (!queue_work(kl2tp_wq, &ppp->work))
		kl2tp_session_put(s);
}

static void kl2tp_ppp_timer(struct timer_list *tm)
{
	struct kl2tp_ppp *ppp = kl2tp_from_timer(ppp, tm, timer);

	kl2tp_ppp_queue(ppp);
}

/*
 * Softirq, @s has no PPP yet: keep a few frames for it. The peer starts
 * its PPP as soon as it receives (LNS) the ICCN, or sees it acknowledged
 * (LAC), so its first Configure-Request often arrives before our end has
 * handled the ICCN or the ack in process context; dropping it would cost
 * a restart timer (1 s) on every call. kl2tp_ppp_start() hands them to
 * the engine; the session frees what was never claimed. Returns false if
 * @s has PPP by now.
 */
static bool kl2tp_ppp_rx_early(struct kl2tp_session *s, struct sk_buff *skb)
{
	struct sk_buff_head *q = &s->early_q;

	spin_lock(&q->lock);
	if (s->ppp) {
		spin_unlock(&q->lock);
		return false;
	}
	if (skb_queue_len(q) >= KL2TP_PPP_EARLY_MAX ||
	    test_bit(KL2TP_SF_DEAD, &s->flags)) {
		s->early_dropped++;
		spin_unlock(&q->lock);
		kfree_skb(skb);
		return true;
	}
	__skb_queue_tail(q, skb);
	spin_unlock(&q->lock);
	return true;
}

/* Softirq: a PPP frame the data path does not deliver itself. */
void kl2tp_ppp_rx(struct kl2tp_session *s, struct sk_buff *skb)
{
	/* pairs with kl2tp_ppp_start(): a published ppp is initialised */
	struct kl2tp_ppp *ppp = smp_load_acquire(&s->ppp);

	skb_dst_drop(skb);
	nf_reset_ct(skb);
	skb_orphan(skb);
	if (!ppp) {
		if (kl2tp_ppp_rx_early(s, skb))
			return;
		ppp = s->ppp;	/* published under early_q.lock */
	}
	if (test_bit(KL2TP_PPP_EV_STOP, &ppp->events) ||
	    skb_queue_len(&ppp->rxq) >= KL2TP_PPP_RXQ_MAX) {
		atomic_long_inc(&ppp->rx_dropped);
		kfree_skb(skb);
		return;
	}
	skb_queue_tail(&ppp->rxq, skb);
	kl2tp_ppp_queue(ppp);
}

/* Engine callbacks: called from the work, inside engine calls. */

static void kl2tp_ppp_send(void *ctx, const u8 *frame, size_t len)
{
	struct kl2tp_ppp *ppp = ctx;
	struct sk_buff *skb;

	if (test_bit(KL2TP_PPP_EV_STOP, &ppp->events))
		return;
	skb = kl2tp_fail() ? NULL :
		alloc_skb(KL2TP_UDP_HEADROOM + KL2TP_DATA_HDR_MAX + len,
			  GFP_KERNEL);
	if (!skb)
		return;
	skb_reserve(skb, KL2TP_UDP_HEADROOM + KL2TP_DATA_HDR_MAX);
	skb_put_data(skb, frame, len);
	kl2tp_data_xmit(ppp->s, skb);
}

static void kl2tp_ppp_random(void *ctx, void *buf, size_t len)
{
	get_random_bytes(buf, len);
}

/* A peer's name as a C string, or false if it cannot be a user name. */
static bool kl2tp_ppp_name(char *out, const u8 *name, size_t len)
{
	if (!len || len >= KL2TP_NAME_MAX || memchr(name, 0, len))
		return false;
	memcpy(out, name, len);
	out[len] = '\0';
	return true;
}

static int kl2tp_ppp_lookup(void *ctx, const u8 *name, size_t name_len,
			    const u8 **secret, size_t *secret_len)
{
	struct kl2tp_ppp *ppp = ctx;
	char user[KL2TP_NAME_MAX];
	int ret;

	if (!kl2tp_ppp_name(user, name, name_len))
		return -ENOENT;
	ret = kl2tp_user_secret(ppp->s->tunnel->kn, user, ppp->strip_domain,
				ppp->lookup_buf);
	if (ret < 0)
		return ret;
	*secret = ppp->lookup_buf;
	*secret_len = ret;
	return 0;
}

/* The IPv6 lease first: its user is kept by the IPv4 one's. */
static void kl2tp_ppp_lease_put(struct kl2tp_ppp *ppp)
{
	if (ppp->v6 && ppp->v6->leased) {
		kl2tp_lease6_put(ppp->s->tunnel->kn, &ppp->v6->lease);
		ppp->v6->leased = false;
	}
	if (ppp->v6 && ppp->v6->pd_leased) {
		kl2tp_lease6_put(ppp->s->tunnel->kn, &ppp->v6->pd);
		ppp->v6->pd_leased = false;
	}
	if (ppp->leased) {
		kl2tp_lease_put(ppp->s->tunnel->kn, &ppp->lease);
		ppp->leased = false;
	}
}

/* IPV6CP's state, an identifier of our own drawn by the engine. */
static struct kl2tp_ppp6 *kl2tp_ppp6_alloc(void)
{
	return kl2tp_fail() ? NULL : kzalloc(sizeof(struct kl2tp_ppp6),
					     GFP_KERNEL_ACCOUNT);
}

/*
 * LNS: the IPv6 prefix of the session's user, as kl2tp_lease6_get(): what
 * the AAA server said of a user it accepted, else the local user's (the
 * IPv4 lease's: none, no prefix of its own).
 */
static int kl2tp_ppp_get6(struct kl2tp_ppp *ppp, const char *def_pool6,
			  bool take, struct kl2tp_lease6 *l, const char **why)
{
	struct kl2tp_net *kn = ppp->s->tunnel->kn;

	if (ppp->aaa_via == KL2TP_AAA_VIA_AGENT)
		return kl2tp_lease6_get_aaa(kn, ppp->aaa_attrs, def_pool6,
					    take, l, why);
	return kl2tp_lease6_get(kn, ppp->lease.user, def_pool6, take, l, why);
}

/* LNS: the prefix delegated to the user's router, as kl2tp_lease6_get_pd(). */
static int kl2tp_ppp_get_pd(struct kl2tp_ppp *ppp, const char *def_pool,
			    bool take, struct kl2tp_lease6 *l, const char **why)
{
	bool aaa = ppp->aaa_via == KL2TP_AAA_VIA_AGENT;

	return kl2tp_lease6_get_pd(ppp->s->tunnel->kn,
				   aaa ? NULL : ppp->lease.user,
				   aaa ? ppp->aaa_attrs : NULL, def_pool, take,
				   l, why);
}

/*
 * LNS, in ipcp_assign: IPV6CP for a session that runs it only because of
 * its user (an IPv6 pool or prefix of the user's or from its AAA server;
 * the listener's pool made it run from the start). No memory: IPv4 only.
 */
static void kl2tp_ppp_assign6(struct kl2tp_ppp *ppp)
{
	struct kl2tp_ppp_ipv6cp_cfg c6 = {};
	struct kl2tp_lease6 l;
	const char *why;

	/* IPv6 needs a device of its own */
	if (ppp->v6)
		return;
	if ((kl2tp_ppp_get6(ppp, "", false, &l, &why) || !l.len) &&
	    (kl2tp_ppp_get_pd(ppp, "", false, &l, &why) || !l.len))
		return;
	ppp->v6 = kl2tp_ppp6_alloc();
	if (ppp->v6 && ppp->shared)
		kl2tp_shdev_iid(ppp->dev, c6.iid);
	if (ppp->v6 &&
	    kl2tp_ppp_session_set_ipv6(&ppp->eng, &ppp->v6->cp, &c6)) {
		kfree(ppp->v6);
		ppp->v6 = NULL;
	}
}

/*
 * LNS, IPV6CP up: the user's IPv6 prefix (its own or its pool's, else the
 * listener's pool's), kept until the Network phase is left (with the
 * IPv4 lease). Without one (none configured, in use, exhausted) the
 * session has link-local addresses only.
 */
static void kl2tp_ppp_lease6(struct kl2tp_ppp *ppp)
{
	struct kl2tp_ppp6 *v6 = ppp->v6;
	struct kl2tp_session *s = ppp->s;
	const char *why = "";

	if (v6->leased || !ppp->leased)
		return;
	if (kl2tp_ppp_get6(ppp, v6->pool, true, &v6->lease, &why)) {
		pr_notice_ratelimited("session %u/%u user %s: no IPv6 prefix: %s\n",
				      s->tunnel->tid, s->sid,
				      ppp->user[0] ? ppp->user : "-", why);
		return;
	}
	v6->leased = v6->lease.len;
}

/* LNS, IPV6CP up: the prefix delegated to the user's router, kept likewise. */
static void kl2tp_ppp_lease_pd(struct kl2tp_ppp *ppp)
{
	struct kl2tp_ppp6 *v6 = ppp->v6;
	struct kl2tp_session *s = ppp->s;
	const char *why = "";

	if (v6->pd_leased || !ppp->leased)
		return;
	if (kl2tp_ppp_get_pd(ppp, v6->pd_pool, true, &v6->pd, &why)) {
		pr_notice_ratelimited("session %u/%u user %s: no delegated prefix: %s\n",
				      s->tunnel->tid, s->sid,
				      ppp->user[0] ? ppp->user : "-", why);
		/* its DHCPv6 still gets an answer: NoPrefixAvail */
		v6->pd_denied = true;
		return;
	}
	v6->pd_leased = v6->pd.len;
}

static void kl2tp_ppp_release(void *ctx)
{
	struct kl2tp_ppp *ppp = ctx;

	/*
	 * At teardown the address goes back only with the device
	 * (kl2tp_ppp_dev_gone()): until then the device still holds the
	 * route to it, which a new session must not share. On a shared
	 * device the route is gone already (kl2tp_ppp_shared_down()).
	 */
	if (test_bit(KL2TP_PPP_EV_STOP, &ppp->events) && ppp->dev &&
	    !ppp->shared)
		return;
	kl2tp_ppp_lease_put(ppp);
}

/* The session's device is unregistered (device.c's gc): free the lease. */
void kl2tp_ppp_dev_gone(struct kl2tp_session *s)
{
	if (s->ppp)
		kl2tp_ppp_lease_put(s->ppp);
}

static int kl2tp_ppp_assign(void *ctx, const u8 *user, size_t user_len,
			    struct kl2tp_ppp_ipcp_addrs *addrs)
{
	struct kl2tp_ppp *ppp = ctx;
	struct kl2tp_session *s = ppp->s;
	const char *why = "no address";
	int ret;

	kl2tp_ppp_lease_put(ppp);	/* never two leases */
	ppp->user[0] = '\0';
	if (user_len && !kl2tp_ppp_name(ppp->user, user, user_len))
		return -ENOENT;
	/* a user the AAA agent accepted: what its server said */
	if (ppp->aaa_via == KL2TP_AAA_VIA_AGENT)
		ret = kl2tp_lease_get_aaa(s->tunnel->kn, ppp->aaa_attrs,
					  ppp->pool, ntohl(ppp->local_ip),
					  &ppp->lease, &why);
	else
		ret = kl2tp_lease_get(s->tunnel->kn, ppp->user,
				      ppp->strip_domain, ppp->pool,
				      ntohl(ppp->local_ip), &ppp->lease, &why);
	if (ret) {
		pr_notice_ratelimited("session %u/%u user %s refused: %s\n",
				      s->tunnel->tid, s->sid,
				      ppp->user[0] ? ppp->user : "-", why);
		ppp->why = why;
		ppp->result = KL2TP_CDN_RC_NO_FACILITIES_TEMP;
		ppp->error = KL2TP_ERR_NO_RESOURCES;
		return ret;
	}
	ppp->leased = true;
	kl2tp_ppp_assign6(ppp);
	addrs->local = ntohl(ppp->local_ip);
	addrs->peer = ntohl(ppp->lease.addr);
	addrs->dns1 = ntohl(ppp->lease.dns1);
	addrs->dns2 = ntohl(ppp->lease.dns2);
	return 0;
}

/*
 * The MTU metric of a route to the user: on a shared device whose MTU is
 * larger, the session's (set by kl2tp_ppp_shared_up()); else none.
 */
static u32 kl2tp_ppp_route_mtu(const struct kl2tp_ppp *ppp)
{
	u32 mtu = ppp->s->sh_mtu;

	return ppp->shared && mtu < READ_ONCE(ppp->dev->mtu) ? mtu : 0;
}

/*
 * Add a route that is this session's alone: the LNS's host route to the
 * user and the user's framed routes, with our address as their source
 * (a device of its own has none: kl2tp_local_get()). The same route there
 * already (-EEXIST: same destination, device, gateway, source, protocol
 * and metrics) is one an earlier call left when kl2tp_ppp_server_down()
 * could not delete it (or the operator's twin of ours): it is replaced.
 * One that differs (another MTU metric) stays behind the new one.
 */
static int kl2tp_ppp_route_own(struct kl2tp_ppp *ppp, struct net *net,
			       int ifindex, __be32 prefix, u8 len, __be32 gw)
{
	u32 mtu = kl2tp_ppp_route_mtu(ppp);
	int ret;

	ret = kl2tp_route_add(net, ifindex, prefix, len, gw, ppp->addr, mtu);
	if (ret == -EEXIST) {
		kl2tp_route_del(net, ifindex, prefix, len, gw, ppp->addr);
		ret = kl2tp_route_add(net, ifindex, prefix, len, gw, ppp->addr,
				      mtu);
	}
	return ret;
}

/*
 * LNS: the user's framed routes through the device (they go with it, or
 * when it is closed), and the sources they allow (kl2tp_src_ok()). A route
 * that cannot be added is logged; the session stays.
 */
static void kl2tp_ppp_framed_routes(struct kl2tp_ppp *ppp, struct net *net,
				    struct net_device *dev)
{
	struct kl2tp_session *s = ppp->s;
	unsigned int i, n = min_t(unsigned int, ppp->lease.n_routes,
				  KL2TP_ROUTES_MAX);
	int ret;

	if (READ_ONCE(s->n_rx_routes)) {
		/* network up again: no reader may see a half-written entry */
		WRITE_ONCE(s->n_rx_routes, 0);
		synchronize_net();
	}
	memcpy(s->rx_routes, ppp->lease.routes, sizeof(s->rx_routes));
	WRITE_ONCE(s->n_rx_routes, n);
	for (i = 0; i < n; i++) {
		const struct kl2tp_route *r = &ppp->lease.routes[i];

		/* on a shared device the user's address says which session */
		ret = kl2tp_ppp_route_own(ppp, net, dev->ifindex, r->prefix,
					  r->len, ppp->shared ? ppp->peer : 0);
		if (ret)
			net_warn_ratelimited("session %u/%u: no route to %pI4/%u via %s: %d\n",
					     s->tunnel->tid, s->sid, &r->prefix,
					     r->len, dev->name, ret);
	}
}

/* The user's prefixes the source check takes: those routed to it. */
static void kl2tp_ppp_rx6_lens(struct kl2tp_ppp *ppp)
{
	struct kl2tp_ppp6 *v6 = ppp->v6;

	WRITE_ONCE(ppp->s->rx6_pfx_len, v6->route_set ? v6->lease.len : 0);
	WRITE_ONCE(ppp->s->rx6_pd_len, v6->pd_route_set ? v6->pd.len : 0);
}

/*
 * IPV6CP up: what the data path takes, the prefixes above and DHCPv6 for
 * the work (the LNS's server, when a delegated prefix applies; the
 * client's own exchange).
 */
static void kl2tp_ppp_rx6_publish(struct kl2tp_ppp *ppp)
{
	struct kl2tp_ppp6 *v6 = ppp->v6;

	kl2tp_ppp_rx6_lens(ppp);
	WRITE_ONCE(ppp->s->rx6_dhcp, ppp->server ?
		   v6->pd_route_set || v6->pd_denied : v6->pd_want);
}

/*
 * LNS on a shared device: a route to @pfx/@len via the user's gateway name
 * (kl2tp_shdev_gw6()), or not (@add false); one an earlier call left
 * (-EEXIST) is replaced.
 */
static int kl2tp_ppp_shared6_route(struct kl2tp_ppp *ppp,
				   const struct in6_addr *pfx, u8 len, bool add)
{
	struct net *net = ppp->s->tunnel->kn->net;
	int ifindex = ppp->dev->ifindex;
	struct in6_addr gw;
	int ret;

	kl2tp_shdev_gw6(&gw, ppp->s->sh_key);
	ret = kl2tp_route6_gw(net, ifindex, pfx, len, &gw, add);
	if (ret == -EEXIST && add) {
		kl2tp_route6_gw(net, ifindex, pfx, len, &gw, false);
		ret = kl2tp_route6_gw(net, ifindex, pfx, len, &gw, true);
	}
	return ret;
}

/*
 * LNS, IPV6CP up on a shared device: the routes to the user's prefixes,
 * once its IPv4 address links the session to the device (IPCP may come
 * up later: kl2tp_ppp_net_up() calls this again), and a Router
 * Advertisement that says so. A route that cannot be added is logged:
 * the session keeps link-local IPv6.
 */
static void kl2tp_ppp_shared6_routes(struct kl2tp_ppp *ppp)
{
	struct kl2tp_ppp6 *v6 = ppp->v6;
	struct kl2tp_session *s = ppp->s;
	int ret = 0;

	if (!ppp->linked)
		return;
	if (v6->leased && !v6->route_set) {
		ret = kl2tp_ppp_shared6_route(ppp, &v6->lease.prefix,
					      v6->lease.len, true);
		v6->route_set = !ret;
	}
	if (!ret && v6->pd_leased && !v6->pd_route_set) {
		ret = kl2tp_ppp_shared6_route(ppp, &v6->pd.prefix, v6->pd.len,
					      true);
		v6->pd_route_set = !ret;
	}
	if (ret)
		net_warn_ratelimited("session %u/%u: no IPv6 route via %s: %d\n",
				     s->tunnel->tid, s->sid, ppp->dev->name,
				     ret);
	kl2tp_ppp_rx6_publish(ppp);
	v6->gen++;
	if (v6->route_set || v6->pd_route_set)
		v6->ra_at = kl2tp_now_ms();
}

/* Undo kl2tp_ppp_shared6_routes(): before the prefixes go back. */
static void kl2tp_ppp_shared6_down(struct kl2tp_ppp *ppp)
{
	struct kl2tp_ppp6 *v6 = ppp->v6;

	if (v6->route_set)
		kl2tp_ppp_shared6_route(ppp, &v6->lease.prefix, v6->lease.len,
					false);
	if (v6->pd_route_set)
		kl2tp_ppp_shared6_route(ppp, &v6->pd.prefix, v6->pd.len,
					false);
	v6->route_set = false;
	v6->pd_route_set = false;
	kl2tp_ppp_rx6_lens(ppp);
}

/*
 * A session on a shared device (device.c) enters the device's table, then
 * gets its routes. LNS: our address on the device (once for all), a host
 * route to the user (with the session's MTU when it is below the
 * device's); its framed routes go via the user's address. Client: its
 * address local on the device (kl2tp_shdev_client_up()) and a route to
 * the LNS's PPP address (one for all the device's clients: an existing
 * one will do).
 */
static int kl2tp_ppp_shared_up(struct kl2tp_ppp *ppp, struct net *net,
			       u32 mtu)
{
	struct kl2tp_session *s = ppp->s;
	struct net_device *dev = ppp->dev;
	int ret;

	WRITE_ONCE(s->sh_mtu, mtu);	/* for MSS clamping */
	ret = kl2tp_shdev_link(dev, s, ppp->server ? ppp->peer : ppp->addr);
	if (ret)
		return ret;
	ppp->linked = true;
	if (ppp->server) {
		ret = kl2tp_shdev_local(net, dev, ppp->addr);
		if (!ret)
			ret = kl2tp_ppp_route_own(ppp, net, dev->ifindex,
						  ppp->peer, 32, 0);
		if (!ret)
			ppp->addr_set = true;
		return ret;
	}
	ret = kl2tp_shdev_client_up(net, dev, ppp->addr);
	if (ret)
		return ret;
	ppp->addr_set = true;	/* kl2tp_ppp_shared_down() deletes it */
	if (ppp->peer) {
		ret = kl2tp_route_add(net, dev->ifindex, ppp->peer, 32, 0, 0,
				      0);
		if (ret == -EEXIST)
			ret = 0;
	}
	return ret;
}

/*
 * LNS, a session up: the routes to the user go (host route, framed
 * routes), and with a device of its own, our address
 * (kl2tp_ppp_server_up()). Done before the device goes: unregistering one
 * that still has routes walks every route of the namespace
 * (fib_flush()).
 */
static void kl2tp_ppp_server_down(struct kl2tp_ppp *ppp)
{
	struct kl2tp_session *s = ppp->s;
	struct net *net = s->tunnel->kn->net;
	struct net_device *dev = ppp->dev;
	__be32 gw = ppp->shared ? ppp->peer : 0;
	unsigned int i, n;
	int ret, r;

	if (!ppp->addr_set)
		return;
	ppp->addr_set = false;
	/* -ESRCH: not there (not added: logged then; the operator's doing) */
	ret = kl2tp_route_del(net, dev->ifindex, ppp->peer, 32, 0, ppp->addr);
	ret = ret == -ESRCH ? 0 : ret;
	n = min_t(unsigned int, READ_ONCE(s->n_rx_routes), KL2TP_ROUTES_MAX);
	for (i = 0; i < n; i++) {
		r = kl2tp_route_del(net, dev->ifindex, s->rx_routes[i].prefix,
				    s->rx_routes[i].len, gw, ppp->addr);
		if (r && r != -ESRCH)
			ret = r;
	}
	if (!ppp->shared)
		kl2tp_local_put(s->tunnel->kn, ppp->addr);
	if (ret)
		net_warn_ratelimited("session %u/%u: routes via %pI4 left on %s: %d\n",
				     s->tunnel->tid, s->sid, &ppp->peer,
				     dev->name, ret);
}

/*
 * Undo kl2tp_ppp_shared_up(): out of the table first (transmit stops
 * finding the session), then its routes or address, so that the address
 * may go back to its pool at once.
 */
static void kl2tp_ppp_shared_down(struct kl2tp_ppp *ppp)
{
	struct kl2tp_session *s = ppp->s;
	struct net *net = s->tunnel->kn->net;
	struct net_device *dev = ppp->dev;
	bool linked = ppp->linked;
	int ret;

	if (linked) {
		kl2tp_shdev_unlink(dev, s);
		ppp->linked = false;
	}
	/*
	 * What cannot be deleted stays until the device goes; the next call
	 * given the same address replaces the LNS's routes
	 * (kl2tp_ppp_route_own()) and the client's address (NLM_F_REPLACE, or
	 * its local route: kl2tp_shdev_client_up()). A client that was linked
	 * may have been made the device's address even if its own step failed.
	 */
	if (!ppp->server) {
		ret = linked ? kl2tp_shdev_client_down(net, dev, ppp->addr,
						       ppp->addr_set) : 0;
		ppp->addr_set = false;
		if (ret)
			net_warn_ratelimited("session %u/%u: %pI4 left on %s: %d\n",
					     s->tunnel->tid, s->sid, &ppp->addr,
					     dev->name, ret);
		return;
	}
	kl2tp_ppp_server_down(ppp);
}

/*
 * LNS, a device of its own: our address local in the namespace (on lo,
 * once for all sessions: kl2tp_local_get()), a route to the user through
 * the device with it as source.
 */
static int kl2tp_ppp_server_up(struct kl2tp_ppp *ppp, struct net *net)
{
	struct kl2tp_net *kn = ppp->s->tunnel->kn;
	int ret;

	ret = kl2tp_local_get(kn, ppp->addr);
	if (ret)
		return ret;
	ret = kl2tp_ppp_route_own(ppp, net, ppp->dev->ifindex, ppp->peer, 32,
				  0);
	if (ret) {
		kl2tp_local_put(kn, ppp->addr);
		return ret;
	}
	ppp->addr_set = true;
	return 0;
}

/* The MTU of a session of tunnel @t unless configured: its underlay's. */
static u32 kl2tp_ppp_auto_mtu(const struct kl2tp_tunnel *t)
{
	return kl2tp_sa_is6(&t->raddr) ? KL2TP_DEFAULT_MTU6 : KL2TP_DEFAULT_MTU;
}

/* The session's MTU: ours, the peer's MRU, and room for Ns/Nr. */
static u32 kl2tp_ppp_mtu(const struct kl2tp_ppp *ppp)
{
	u32 mtu = min_t(u32, ppp->mtu, ppp->eng.lcp.peer_mru);

	/* the peer turned data sequencing on: 4 more bytes of header */
	if (ppp->mtu_auto && READ_ONCE(ppp->s->data_seq))
		mtu = min_t(u32, mtu, kl2tp_ppp_auto_mtu(ppp->s->tunnel) -
				      KL2TP_DATA_SEQ_LEN);
	return mtu;
}

/*
 * A device of its own up, with @mtu, for the first network protocol up
 * (IPCP or IPV6CP); carrier on once it is, IP flows only once net_up or
 * net6_up is set. Up already: the MTU only (sequencing may have come).
 */
static int kl2tp_ppp_dev_open(struct kl2tp_ppp *ppp, u32 mtu)
{
	struct net_device *dev = ppp->dev;
	int ret = 0;

	rtnl_lock();
	if (dev->reg_state != NETREG_REGISTERED) {
		ret = -ENODEV;
	} else {
		dev_set_mtu(dev, mtu);
		if (!(dev->flags & IFF_UP))
			ret = dev_open(dev, NULL);
		if (!ret)
			netif_carrier_on(dev);
	}
	rtnl_unlock();
	return ret;
}

/* ...and down once neither protocol is up. */
static void kl2tp_ppp_dev_close(struct kl2tp_ppp *ppp)
{
	struct net_device *dev = ppp->dev;

	if (ppp->eng.up || ppp->eng.up6)
		return;
	rtnl_lock();
	if (dev->reg_state == NETREG_REGISTERED) {
		netif_carrier_off(dev);
		dev_close(dev);
	}
	rtnl_unlock();
}

static void kl2tp_ppp_net_up(void *ctx, const struct kl2tp_ppp_ipcp_addrs *a)
{
	struct kl2tp_ppp *ppp = ctx;
	struct kl2tp_session *s = ppp->s;
	struct net *net = s->tunnel->kn->net;
	struct net_device *dev = ppp->dev;
	u32 mtu = kl2tp_ppp_mtu(ppp);
	int ret;

	/*
	 * After PAP, authentication is over: our password leaves the session
	 * (the client keeps it for a redial; should the peer renegotiate LCP,
	 * we fail its authentication and the call ends). CHAP and MS-CHAPv2
	 * keep it: the LNS may challenge again at any time (RFC 1994).
	 */
	if (!ppp->server &&
	    ppp->eng.auth.cli.method != KL2TP_PPP_AUTH_CHAP_MD5 &&
	    ppp->eng.auth.cli.method != KL2TP_PPP_AUTH_MSCHAPV2)
		memzero_explicit(ppp->secret, sizeof(ppp->secret));
	ppp->addr = htonl(a->local);
	ppp->peer = htonl(a->peer);
	ppp->dns1 = htonl(a->dns1);
	ppp->dns2 = htonl(a->dns2);
	if (!dev || test_bit(KL2TP_PPP_EV_STOP, &ppp->events))
		return;
	if (ppp->shared) {
		ret = kl2tp_ppp_shared_up(ppp, net, mtu);
		/* IPV6CP may have come up first: its routes wait for this */
		if (!ret && ppp->server && ppp->v6 && ppp->eng.up6)
			kl2tp_ppp_shared6_routes(ppp);
		goto set;
	}
	ret = kl2tp_ppp_dev_open(ppp, mtu);
	if (!ret && ppp->server) {
		ret = kl2tp_ppp_server_up(ppp, net);
	} else if (!ret) {
		ret = kl2tp_addr_add(net, dev->ifindex, ppp->addr,
				     ppp->peer ? ppp->peer : ppp->addr);
		if (!ret)
			ppp->addr_set = true;
	}
set:
	if (ret) {
		net_warn_ratelimited("session %u/%u: cannot set up %s: %d\n",
				     s->tunnel->tid, s->sid, dev->name, ret);
		/* hang up once the engine returns (no re-entry from here) */
		ppp->net_failed = true;
		return;
	}
	if (ppp->default_route) {
		ret = kl2tp_route_add(net, dev->ifindex, 0, 0, 0, 0, 0);
		if (ret && !(ret == -EEXIST && ppp->shared))
			net_warn_ratelimited("session %u/%u: no default route via %s: %d\n",
					     s->tunnel->tid, s->sid, dev->name,
					     ret);
	}
	if (ppp->server)
		kl2tp_ppp_framed_routes(ppp, net, dev);
	WRITE_ONCE(s->rx_src, ppp->server ? ppp->peer : 0);
	/* pairs with kl2tp_data_rcv(): rx_src is visible with net_up */
	smp_store_release(&s->net_up, true);
}

static void kl2tp_ppp_net_down(void *ctx, int reason, const char *why)
{
	struct kl2tp_ppp *ppp = ctx;
	struct kl2tp_session *s = ppp->s;
	struct net_device *dev = ppp->dev;

	WRITE_ONCE(s->net_up, false);
	if (dev && ppp->shared) {
		kl2tp_ppp_shared_down(ppp);
		return;
	}
	if (!dev || test_bit(KL2TP_PPP_EV_STOP, &ppp->events))
		return;	/* kl2tp_ppp_teardown() */
	if (ppp->server) {
		kl2tp_ppp_server_down(ppp);
	} else if (ppp->addr_set) {
		kl2tp_addr_del(s->tunnel->kn->net, dev->ifindex, ppp->addr,
			       ppp->peer ? ppp->peer : ppp->addr);
		ppp->addr_set = false;
	}
	kl2tp_ppp_dev_close(ppp);
}

/* fe80::/64 and the Interface-Identifier @ifid. */
static void kl2tp_ll6(struct in6_addr *a, const u8 *ifid)
{
	kl2tp_nd6_ll(a->s6_addr, ifid);
}

/*
 * The device's IPv6 settings, before our link-local address goes on it
 * (which makes a host solicit Router Advertisements). LNS: it takes no
 * Router Advertisement or Redirect from the user (a default route via a
 * subscriber) and solicits none. Client: it takes the LNS's, even when
 * the namespace forwards (accept_ra 2): an address in the user's prefix
 * by SLAAC (the kernel's, from our link-local identifier), and the
 * default route only with default-route on.
 */
static void kl2tp_ppp_dev6_conf(struct kl2tp_ppp *ppp)
{
	struct inet6_dev *idev;

	rtnl_lock();
	idev = __in6_dev_get(ppp->dev);
	if (idev && ppp->server) {
		WRITE_ONCE(idev->cnf.accept_ra, 0);
		WRITE_ONCE(idev->cnf.accept_redirects, 0);
		WRITE_ONCE(idev->cnf.rtr_solicits, 0);
	} else if (idev) {
		WRITE_ONCE(idev->cnf.accept_ra, 2);
		WRITE_ONCE(idev->cnf.accept_ra_defrtr, ppp->default_route);
		WRITE_ONCE(idev->cnf.accept_ra_pinfo, 1);
		WRITE_ONCE(idev->cnf.autoconf, 1);
	}
	rtnl_unlock();
}

/*
 * LNS: a Router Advertisement to the user (nd6.h), through the session like
 * our control frames: we are its default router when its prefix is routed
 * (else it could send us only from its link-local address); its /64 for
 * SLAAC (a prefix of another length is routed only); its pool's IPv6 DNS
 * servers (RDNSS). No MTU option: LCP gave each end its MTU, and an MTU
 * above the user's own would only be logged there as invalid.
 */
static void kl2tp_ppp_ra_send(struct kl2tp_ppp *ppp, u64 now)
{
	u8 frame[KL2TP_PPP_HDR_LEN + KL2TP_ND6_RA_MAX];
	struct kl2tp_ppp6 *v6 = ppp->v6;
	struct kl2tp_nd6_ra ra = {};
	unsigned int i;
	int len;

	BUILD_BUG_ON(ARRAY_SIZE(v6->lease.dns6) > KL2TP_ND6_DNS_MAX);
	memcpy(ra.src_iid, v6->ifid, sizeof(ra.src_iid));
	if (v6->route_set || v6->pd_route_set)
		ra.router_lifetime = KL2TP_ND6_ROUTER_LIFETIME_S;
	if (v6->route_set && v6->lease.len == 64) {
		memcpy(ra.prefix, &v6->lease.prefix, sizeof(ra.prefix));
		ra.prefix_len = 64;
		ra.valid = KL2TP_ND6_VALID_S;
		ra.preferred = KL2TP_ND6_PREFERRED_S;
	}
	for (i = 0; i < ARRAY_SIZE(v6->lease.dns6); i++) {
		if (ipv6_addr_any(&v6->lease.dns6[i]))
			continue;
		memcpy(ra.dns[ra.n_dns++], &v6->lease.dns6[i],
		       KL2TP_IP6_ADDR_LEN);
	}
	ra.dns_lifetime = KL2TP_ND6_DNS_LIFETIME_S;
	frame[0] = KL2TP_PPP_ADDRESS;
	frame[1] = KL2TP_PPP_CONTROL;
	kl2tp_put_be16(frame + 2, KL2TP_PPP_IPV6);
	len = kl2tp_nd6_ra_build(&ra, frame + KL2TP_PPP_HDR_LEN,
				 sizeof(frame) - KL2TP_PPP_HDR_LEN);
	if (len > 0)
		kl2tp_ppp_send(ppp, frame, KL2TP_PPP_HDR_LEN + len);
	v6->ra_last = now;
}

/*
 * LNS: send the RA that is due (RFC 4861 6.2.4: the first ones
 * KL2TP_ND6_INITIAL_INTERVAL_S apart, then every
 * KL2TP_ND6_MAX_INTERVAL_S; one link, one host: no jitter needed).
 */
static void kl2tp_ppp_ra_tick(struct kl2tp_ppp *ppp, u64 now)
{
	struct kl2tp_ppp6 *v6 = ppp->v6;

	if (!v6 || !v6->ra_at || now < v6->ra_at)
		return;
	if (!ppp->eng.up6) {
		v6->ra_at = 0;
		return;
	}
	kl2tp_ppp_ra_send(ppp, now);
	if (v6->ra_initial) {
		v6->ra_initial--;
		v6->ra_at = now + KL2TP_ND6_INITIAL_INTERVAL_S * 1000;
	} else {
		v6->ra_at = now + KL2TP_ND6_MAX_INTERVAL_S * 1000;
	}
}

/*
 * LNS: the user solicited an RA (RFC 4861 6.2.6): one within
 * MAX_RA_DELAY_TIME (500 ms, at random), or as soon as
 * MIN_DELAY_BETWEEN_RAS (3 s) since the last allows.
 */
static void kl2tp_ppp_rs(struct kl2tp_ppp *ppp, u64 now)
{
	struct kl2tp_ppp6 *v6 = ppp->v6;
	u64 at = v6->ra_last + 3000;

	if (!ppp->eng.up6)
		return;
	at = max_t(u64, at, now + get_random_u32() % 500);
	if (!v6->ra_at || at < v6->ra_at)
		v6->ra_at = at;
}

/*
 * A DHCPv6 message (@len bytes at @frame + KL2TP_PPP_HDR_LEN +
 * KL2TP_UDP6_HDR_LEN) from our link-local address and port @sport to @dst
 * port @dport, through the session like our control frames.
 */
static void kl2tp_ppp_dhcp6_send(struct kl2tp_ppp *ppp, u8 *frame, size_t len,
				 const u8 *dst, u16 sport, u16 dport)
{
	struct in6_addr src;

	kl2tp_ll6(&src, ppp->v6->ifid);
	frame[0] = KL2TP_PPP_ADDRESS;
	frame[1] = KL2TP_PPP_CONTROL;
	kl2tp_put_be16(frame + 2, KL2TP_PPP_IPV6);
	len = kl2tp_udp6_build(frame + KL2TP_PPP_HDR_LEN, src.s6_addr, dst,
			       sport, dport, len);
	kl2tp_ppp_send(ppp, frame, KL2TP_PPP_HDR_LEN + len);
}

/*
 * LNS: answer a message of the user's router @q from its address @peer
 * with what the session holds: its delegated prefix (while routed), the
 * IPv6 DNS servers of its Router Advertisements (else the prefix pool's).
 */
static void kl2tp_ppp_dhcp6_serve(struct kl2tp_ppp *ppp,
				  const struct kl2tp_dhcp6_msg *q,
				  const u8 *peer)
{
	u8 frame[KL2TP_PPP_HDR_LEN + KL2TP_DHCP6_PKT_MAX];
	struct kl2tp_net *kn = ppp->s->tunnel->kn;
	struct kl2tp_ppp6 *v6 = ppp->v6;
	const struct in6_addr *dns = v6->lease.dns6;
	struct kl2tp_dhcp6_server sv = {
		.duid = kn->duid,
		.duid_len = sizeof(kn->duid),
	};
	unsigned int i;
	int len;

	BUILD_BUG_ON(ARRAY_SIZE(v6->lease.dns6) > KL2TP_DHCP6_DNS_MAX);
	if (v6->pd_route_set) {
		u32 valid = clamp(READ_ONCE(kl2tp_pd_lifetime),
				  KL2TP_PD_LIFETIME_MIN, KL2TP_PD_LIFETIME_MAX);

		memcpy(sv.pfx.prefix, &v6->pd.prefix, sizeof(sv.pfx.prefix));
		sv.pfx.len = v6->pd.len;
		sv.pfx.valid = valid;
		sv.pfx.preferred = valid / 2;
		sv.t1 = valid / 4;
		sv.t2 = valid / 5 * 2;
	}
	if (ipv6_addr_any(&dns[0]) && ipv6_addr_any(&dns[1]))
		dns = v6->pd.dns6;
	for (i = 0; i < ARRAY_SIZE(v6->lease.dns6); i++)
		if (!ipv6_addr_any(&dns[i]))
			memcpy(sv.dns[sv.n_dns++], &dns[i], KL2TP_IP6_ADDR_LEN);
	len = kl2tp_dhcp6_answer(&sv, q, frame + KL2TP_PPP_HDR_LEN +
				 KL2TP_UDP6_HDR_LEN, KL2TP_DHCP6_PKT_MAX -
				 KL2TP_UDP6_HDR_LEN);
	if (len > 0)
		kl2tp_ppp_dhcp6_send(ppp, frame, len, peer,
				     KL2TP_DHCP6_SERVER_PORT,
				     KL2TP_DHCP6_CLIENT_PORT);
}

/*
 * Client: our address on pd-dev, ::1 in the first /64 of the prefix held
 * (at most 64 bits long: the prefix itself).
 */
static void kl2tp_ppp_pd_dev_ip(const struct kl2tp_ppp6 *v6, struct in6_addr *a)
{
	*a = v6->pd.prefix;
	a->s6_addr[15] = 1;
}

/*
 * Client: the delegated prefix goes (IPV6CP down, the LNS withdrew it, its
 * lifetime ended, the session ends): its unreachable route, the address
 * on pd_dev.
 */
static void kl2tp_ppp_pd_remove(struct kl2tp_ppp *ppp)
{
	struct net *net = ppp->s->tunnel->kn->net;
	struct kl2tp_ppp6 *v6 = ppp->v6;
	struct in6_addr a;

	if (v6->pd_addr_set) {
		kl2tp_ppp_pd_dev_ip(v6, &a);
		kl2tp_addr6_del_plen(net, v6->pd_ifindex, &a, 64);
		v6->pd_addr_set = false;
	}
	if (v6->pd_route_set) {
		kl2tp_route6_unreach(net, &v6->pd.prefix, v6->pd.len, false);
		v6->pd_route_set = false;
	}
	if (v6->pd.len)
		v6->gen++;	/* session get shows it gone */
	memset(&v6->pd, 0, sizeof(v6->pd));
}

/* Client: kl2tp_ppp_pd_dev_ip()/64 on pd-dev, if it names a device here. */
static void kl2tp_ppp_pd_dev_addr(struct kl2tp_ppp *ppp)
{
	struct kl2tp_session *s = ppp->s;
	struct net *net = s->tunnel->kn->net;
	struct kl2tp_ppp6 *v6 = ppp->v6;
	struct net_device *dev;
	struct in6_addr a;
	int ret;

	if (!v6->pd_dev[0])
		return;
	dev = dev_get_by_name(net, v6->pd_dev);
	if (!dev) {
		net_warn_ratelimited("session %u/%u: pd-dev %s: no such device\n",
				     s->tunnel->tid, s->sid, v6->pd_dev);
		return;
	}
	v6->pd_ifindex = dev->ifindex;
	dev_put(dev);
	kl2tp_ppp_pd_dev_ip(v6, &a);
	ret = kl2tp_addr6_add_plen(net, v6->pd_ifindex, &a, 64);
	if (ret)
		net_warn_ratelimited("session %u/%u: pd-dev %s: cannot add %pI6c/64: %d\n",
				     s->tunnel->tid, s->sid, v6->pd_dev, &a,
				     ret);
	v6->pd_addr_set = !ret;
}

/*
 * Client: the LNS delegated @p to us: routed unreachable (what the network
 * behind us does not use goes nowhere, not back out through the
 * session), its first /64 on pd_dev with address ::1. A renewal of the
 * prefix held changes nothing; another prefix replaces it.
 */
static void kl2tp_ppp_pd_install(struct kl2tp_ppp *ppp,
				 const struct kl2tp_dhcp6_prefix *p)
{
	struct kl2tp_session *s = ppp->s;
	struct net *net = s->tunnel->kn->net;
	struct kl2tp_ppp6 *v6 = ppp->v6;
	struct in6_addr pfx;
	int ret;

	memcpy(&pfx, p->prefix, sizeof(pfx));
	if (v6->pd.len == p->len && ipv6_addr_equal(&v6->pd.prefix, &pfx)) {
		if (!v6->pd_addr_set)
			kl2tp_ppp_pd_dev_addr(ppp);	/* pd-dev came since */
		return;
	}
	kl2tp_ppp_pd_remove(ppp);
	v6->pd.prefix = pfx;
	v6->pd.len = p->len;
	v6->gen++;
	ret = kl2tp_route6_unreach(net, &pfx, p->len, true);
	if (ret && ret != -EEXIST)
		net_warn_ratelimited("session %u/%u: no route for the delegated prefix %pI6c/%u: %d\n",
				     s->tunnel->tid, s->sid, &pfx, p->len, ret);
	v6->pd_route_set = !ret;
	kl2tp_ppp_pd_dev_addr(ppp);
}

/* Client: a new exchange of @state, its first message due at @at. */
static void kl2tp_ppp_pd_begin(struct kl2tp_ppp6 *v6, u8 state, u32 irt,
			       u64 now, u64 at)
{
	v6->pd_state = state;
	get_random_bytes(v6->pd_xid, sizeof(v6->pd_xid));
	v6->pd_begin = now;
	v6->pd_tries = 0;
	v6->pd_rt = irt;
	v6->pd_at = at;
}

/* Client: the message of the exchange under way, to all DHCPv6 servers. */
static void kl2tp_ppp_pd_send(struct kl2tp_ppp *ppp, u64 now)
{
	static const u8 servers[16] = KL2TP_DHCP6_SERVERS_ADDR;
	static const u8 types[] = {
		[KL2TP_PD_SOLICIT] = KL2TP_DHCP6_SOLICIT,
		[KL2TP_PD_REQUEST] = KL2TP_DHCP6_REQUEST,
		[KL2TP_PD_RENEW] = KL2TP_DHCP6_RENEW,
		[KL2TP_PD_REBIND] = KL2TP_DHCP6_REBIND,
	};
	u8 frame[KL2TP_PPP_HDR_LEN + KL2TP_DHCP6_PKT_MAX];
	struct kl2tp_net *kn = ppp->s->tunnel->kn;
	struct kl2tp_ppp6 *v6 = ppp->v6;
	bool server = v6->pd_state == KL2TP_PD_REQUEST ||
		      v6->pd_state == KL2TP_PD_RENEW;
	struct kl2tp_dhcp6_client c = {
		.duid = kn->duid,
		.duid_len = sizeof(kn->duid),
		.iaid = v6->pd_iaid,
		.server_id = server ? v6->pd_server : NULL,
		.server_id_len = server ? v6->pd_server_len : 0,
		.elapsed = min_t(u64, (now - v6->pd_begin) / 10, 0xffff),
	};
	int len;

	if (v6->pd_state != KL2TP_PD_SOLICIT)
		c.pfx = v6->pd_got;
	len = kl2tp_dhcp6_client_build(&c, types[v6->pd_state], v6->pd_xid,
				       frame + KL2TP_PPP_HDR_LEN +
				       KL2TP_UDP6_HDR_LEN,
				       KL2TP_DHCP6_PKT_MAX - KL2TP_UDP6_HDR_LEN);
	if (len > 0)
		kl2tp_ppp_dhcp6_send(ppp, frame, len, servers,
				     KL2TP_DHCP6_CLIENT_PORT,
				     KL2TP_DHCP6_SERVER_PORT);
}

/*
 * Client: what is due of the exchange: Renew at T1, Rebind at T2, the
 * prefix dropped when its valid lifetime ends, Solicit again after
 * REQ_MAX_RC Requests; then the message, and its retransmission timer
 * (RFC 8415 15: doubled up to the exchange's maximum, +-10%).
 */
static void kl2tp_ppp_pd_tick(struct kl2tp_ppp *ppp, u64 now)
{
	struct kl2tp_ppp6 *v6 = ppp->v6;
	u32 mrt = KL2TP_PD_SOL_MRT_MS;
	u64 rt;

	if (!v6 || !v6->pd_at || now < v6->pd_at)
		return;
	if (!ppp->eng.up6 || v6->pd_state == KL2TP_PD_OFF) {
		v6->pd_at = 0;
		return;
	}
	if (v6->pd_state == KL2TP_PD_BOUND && v6->pd_end_at &&
	    now >= v6->pd_end_at)
		v6->pd_state = KL2TP_PD_REBIND;	/* the prefix goes below */
	if (v6->pd_state == KL2TP_PD_BOUND)
		kl2tp_ppp_pd_begin(v6, KL2TP_PD_RENEW, KL2TP_PD_REN_IRT_MS,
				   now, now);
	if (v6->pd_state == KL2TP_PD_RENEW && now >= v6->pd_t2_at)
		kl2tp_ppp_pd_begin(v6, KL2TP_PD_REBIND, KL2TP_PD_REN_IRT_MS,
				   now, now);
	if (((v6->pd_state == KL2TP_PD_RENEW ||
	      v6->pd_state == KL2TP_PD_REBIND) && v6->pd_end_at &&
	     now >= v6->pd_end_at) ||
	    (v6->pd_state == KL2TP_PD_REQUEST &&
	     v6->pd_tries >= KL2TP_PD_REQ_MRC)) {
		kl2tp_ppp_pd_remove(ppp);
		kl2tp_ppp_pd_begin(v6, KL2TP_PD_SOLICIT, KL2TP_PD_SOL_IRT_MS,
				   now, now);
	}
	kl2tp_ppp_pd_send(ppp, now);
	if (v6->pd_tries < U8_MAX)
		v6->pd_tries++;
	if (v6->pd_state == KL2TP_PD_REQUEST)
		mrt = KL2TP_PD_REQ_MRT_MS;
	else if (v6->pd_state != KL2TP_PD_SOLICIT)
		mrt = KL2TP_PD_REN_MRT_MS;
	rt = v6->pd_rt;
	rt = rt * 9 / 10 + get_random_u32() % (rt / 5 + 1);
	v6->pd_at = now + rt;
	if (v6->pd_state == KL2TP_PD_RENEW)
		v6->pd_at = min(v6->pd_at, v6->pd_t2_at);
	if ((v6->pd_state == KL2TP_PD_RENEW ||
	     v6->pd_state == KL2TP_PD_REBIND) && v6->pd_end_at)
		v6->pd_at = min(v6->pd_at, v6->pd_end_at);
	v6->pd_rt = min_t(u32, v6->pd_rt * 2, mrt);
}

/*
 * Client: may the LNS delegate @p to us? KL2TP_PD_LEN_MIN to 64 bits (a
 * shorter one would make much of the Internet unreachable here, a longer
 * one cannot number a /64), global unicast (2000::/3) or unique local
 * (fc00::/7), not holding the tunnel's own peer, lifetimes that agree.
 */
static bool kl2tp_ppp_pd_ok(struct kl2tp_ppp *ppp,
			    const struct kl2tp_dhcp6_prefix *p)
{
	const union kl2tp_sa *ra = &ppp->s->tunnel->raddr;
	struct in6_addr a;

	if (p->len < KL2TP_PD_LEN_MIN || p->len > 64 ||
	    p->preferred > p->valid ||
	    ((p->prefix[0] & 0xe0) != 0x20 && (p->prefix[0] & 0xfe) != 0xfc))
		return false;
	memcpy(&a, p->prefix, sizeof(a));
	return !kl2tp_sa_is6(ra) ||
	       !ipv6_prefix_equal(&a, &ra->v6.sin6_addr, p->len);
}

/* Client: the server of @m and its prefix, to ask for or renew. */
static void kl2tp_ppp_pd_offer(struct kl2tp_ppp6 *v6,
			       const struct kl2tp_dhcp6_msg *m)
{
	memcpy(v6->pd_server, m->server_id, m->server_id_len);
	v6->pd_server_len = m->server_id_len;
	v6->pd_got = m->pfx;
}

/* Seconds from @now as an absolute time, ms (0xffffffff: never, 0). */
static u64 kl2tp_pd_deadline(u64 now, u32 s)
{
	return s == U32_MAX ? 0 : now + (u64)s * 1000;
}

/*
 * Client: a message of the server's @m for the exchange under way (its
 * transaction id and our DUID): an Advertise with a prefix leads to a
 * Request; a Reply binds the prefix (Renew at T1, by default half its
 * preferred lifetime), asks again (NoBinding) or drops it (withdrawn, or
 * NoPrefixAvail: Solicit again, after SOL_MAX_RT's pace).
 */
static void kl2tp_ppp_pd_rx(struct kl2tp_ppp *ppp,
			    const struct kl2tp_dhcp6_msg *m, u64 now)
{
	struct kl2tp_net *kn = ppp->s->tunnel->kn;
	struct kl2tp_ppp6 *v6 = ppp->v6;
	bool ok = m->pd_status == KL2TP_DHCP6_NO_STATUS ||
		  m->pd_status == KL2TP_DHCP6_SUCCESS;
	u32 t1, t2;

	if (v6->pd_state == KL2TP_PD_OFF || v6->pd_state == KL2TP_PD_BOUND ||
	    memcmp(m->xid, v6->pd_xid, sizeof(v6->pd_xid)) ||
	    m->client_id_len != sizeof(kn->duid) ||
	    memcmp(m->client_id, kn->duid, sizeof(kn->duid)) ||
	    !m->server_id_len || !m->n_ia_pd || m->iaid != v6->pd_iaid ||
	    (m->status != KL2TP_DHCP6_NO_STATUS &&
	     m->status != KL2TP_DHCP6_SUCCESS))
		return;
	/* RFC 8415 21.21: an IA_PD with T1 > T2 is discarded */
	if (m->t1 && m->t2 && m->t1 > m->t2)
		return;
	if (m->type == KL2TP_DHCP6_ADVERTISE) {
		if (v6->pd_state != KL2TP_PD_SOLICIT || !ok || !m->pfx.len ||
		    !m->pfx.valid || !kl2tp_ppp_pd_ok(ppp, &m->pfx))
			return;
		kl2tp_ppp_pd_offer(v6, m);
		kl2tp_ppp_pd_begin(v6, KL2TP_PD_REQUEST, KL2TP_PD_REQ_IRT_MS,
				   now, now);
		return;
	}
	if (m->type != KL2TP_DHCP6_REPLY ||
	    (v6->pd_state == KL2TP_PD_SOLICIT && !m->rapid_commit))
		return;
	if (m->pd_status == KL2TP_DHCP6_NO_BINDING &&
	    (v6->pd_state == KL2TP_PD_RENEW ||
	     v6->pd_state == KL2TP_PD_REBIND)) {
		kl2tp_ppp_pd_begin(v6, KL2TP_PD_REQUEST, KL2TP_PD_REQ_IRT_MS,
				   now, now);
		return;
	}
	if (!ok || !m->pfx.len || !m->pfx.valid ||
	    !kl2tp_ppp_pd_ok(ppp, &m->pfx)) {
		kl2tp_ppp_pd_remove(ppp);
		kl2tp_ppp_pd_begin(v6, KL2TP_PD_SOLICIT, KL2TP_PD_SOL_IRT_MS,
				   now, now + KL2TP_PD_REQ_MRT_MS);
		return;
	}
	kl2tp_ppp_pd_offer(v6, m);
	kl2tp_ppp_pd_install(ppp, &m->pfx);
	/* never past the valid lifetime */
	t1 = kl2tp_dhcp6_t1(m->t1, m->pfx.preferred);
	t2 = min(kl2tp_dhcp6_t2(m->t2, m->pfx.preferred), m->pfx.valid);
	t1 = clamp_t(u32, min(t1, t2), KL2TP_PD_T1_MIN_S, KL2TP_PD_T1_MAX_S);
	t2 = max(t2, t1);
	v6->pd_state = KL2TP_PD_BOUND;
	v6->pd_at = now + t1 * 1000ULL;
	v6->pd_t2_at = kl2tp_pd_deadline(now, t2) ?: U64_MAX;
	v6->pd_end_at = kl2tp_pd_deadline(now, m->pfx.valid);
	if (v6->pd_end_at)
		v6->pd_at = min(v6->pd_at, v6->pd_end_at);
}

/*
 * A DHCPv6 message the data path handed to the work (@p, the IPv6 packet,
 * @len bytes): UDP from a link-local address, to the server's port on an
 * LNS, to the client's on a client. Returns false when it is none of
 * that, or malformed (the caller counts it dropped).
 */
static bool kl2tp_ppp_dhcp6_rx(struct kl2tp_ppp *ppp, const u8 *p, size_t len,
			       u64 now)
{
	struct kl2tp_dhcp6_msg *m;
	u16 sport, dport;
	const u8 *data;
	size_t dlen;

	if (!ppp->v6 || !ppp->eng.up6 || !READ_ONCE(ppp->s->rx6_dhcp) ||
	    kl2tp_udp6_parse(p, len, &sport, &dport, &data, &dlen))
		return false;
	if (!kl2tp_nd6_is_ll(p + 8))	/* the source */
		return false;
	if (!ppp->server)	/* from the server's port to the client's */
		swap(sport, dport);
	if (sport != KL2TP_DHCP6_CLIENT_PORT ||
	    dport != KL2TP_DHCP6_SERVER_PORT)
		return false;
	m = kl2tp_fail() ? NULL : kmalloc(sizeof(*m), GFP_KERNEL);
	if (!m)
		return false;
	if (kl2tp_dhcp6_parse(m, data, dlen)) {
		kfree(m);
		return false;
	}
	if (ppp->server)
		kl2tp_ppp_dhcp6_serve(ppp, m, p + 8);
	else
		kl2tp_ppp_pd_rx(ppp, m, now);
	kfree(m);
	return true;
}

/*
 * Undo kl2tp_ppp_net6_up(): the prefixes' routes (a client's delegated
 * prefix), our link-local address.
 */
static void kl2tp_ppp_net6_clear(struct kl2tp_ppp *ppp)
{
	struct kl2tp_ppp6 *v6 = ppp->v6;
	struct net *net = ppp->s->tunnel->kn->net;
	struct net_device *dev = ppp->dev;
	struct in6_addr l, r;

	WRITE_ONCE(ppp->s->rx6_dhcp, false);
	v6->pd_state = KL2TP_PD_OFF;
	v6->pd_at = 0;
	if (ppp->shared) {
		/* the device's link-local address is the device's */
		kl2tp_ppp_shared6_down(ppp);
		return;
	}
	if (!ppp->server) {
		kl2tp_ppp_pd_remove(ppp);
	} else if (v6->pd_route_set) {
		kl2tp_route6_del(net, dev->ifindex, &v6->pd.prefix, v6->pd.len);
		v6->pd_route_set = false;
	}
	if (v6->route_set) {
		kl2tp_route6_del(net, dev->ifindex, &v6->lease.prefix,
				 v6->lease.len);
		v6->route_set = false;
	}
	if (v6->addr_set) {
		kl2tp_ll6(&l, v6->ifid);
		kl2tp_ll6(&r, v6->peer_ifid);
		kl2tp_addr6_del(net, dev->ifindex, &l, &r);
		v6->addr_set = false;
	}
}

/*
 * IPV6CP is up: the device up (as for IPv4), our link-local address on it
 * with the peer's as its peer; an LNS routes the user's prefix through
 * it and checks sources. On a failure (logged) all that is undone and the
 * engine closes IPV6CP: IPv4 is not affected, and no IPv6 frame waits in
 * the control queue of a session that cannot carry it.
 */
static int kl2tp_ppp_net6_up(void *ctx, const u8 ours[KL2TP_PPP_IID_LEN],
			     const u8 peer[KL2TP_PPP_IID_LEN])
{
	struct kl2tp_ppp *ppp = ctx;
	struct kl2tp_ppp6 *v6 = ppp->v6;
	struct kl2tp_session *s = ppp->s;
	struct net *net = s->tunnel->kn->net;
	struct net_device *dev = ppp->dev;
	u32 mtu = kl2tp_ppp_mtu(ppp);
	struct in6_addr l, r;
	int ret;

	v6->gen++;
	memcpy(v6->ifid, ours, sizeof(v6->ifid));
	memcpy(v6->peer_ifid, peer, sizeof(v6->peer_ifid));
	if (!dev || (ppp->shared && !ppp->server) ||
	    test_bit(KL2TP_PPP_EV_STOP, &ppp->events))
		return -ENODEV;
	ret = mtu < IPV6_MIN_MTU ? -EMSGSIZE :
	      ppp->shared ? 0 : kl2tp_ppp_dev_open(ppp, mtu);
	if (ret)
		goto fail;
	kl2tp_ppp_dev6_conf(ppp);
	if (ppp->server) {
		kl2tp_ppp_lease6(ppp);
		kl2tp_ppp_lease_pd(ppp);
	}
	if (ppp->shared) {
		/* the device's own, which each session asked IPV6CP for */
		u8 iid[KL2TP_PPP_IID_LEN];

		kl2tp_shdev_iid(dev, iid);
		kl2tp_ll6(&l, iid);
		ret = kl2tp_addr6_add_plen(net, dev->ifindex, &l, 64);
		if (ret)
			goto fail;
		goto publish;
	}
	kl2tp_ll6(&l, ours);
	kl2tp_ll6(&r, peer);
	ret = kl2tp_addr6_add(net, dev->ifindex, &l, &r);
	if (ret)
		goto fail;
	v6->addr_set = true;
	if (ppp->server && v6->leased) {
		ret = kl2tp_route6_add(net, dev->ifindex, &v6->lease.prefix,
				       v6->lease.len);
		if (ret)
			goto fail;
		v6->route_set = true;
	}
	if (ppp->server && v6->pd_leased) {
		ret = kl2tp_route6_add(net, dev->ifindex, &v6->pd.prefix,
				       v6->pd.len);
		if (ret)
			goto fail;
		v6->pd_route_set = true;
	}
publish:
	/* up again: no reader may see a half-written source check */
	if (v6->published)
		synchronize_net();
	v6->published = true;
	WRITE_ONCE(s->rx6_check, ppp->server);
	memcpy(s->rx6_ifid, peer, sizeof(s->rx6_ifid));
	s->rx6_pfx = v6->lease.prefix;
	s->rx6_pd = v6->pd.prefix;
	if (ppp->shared)
		kl2tp_ppp_shared6_routes(ppp);	/* routes once linked */
	kl2tp_ppp_rx6_publish(ppp);
	/* as if the last one had been long ago (jiffies start near a wrap) */
	WRITE_ONCE(s->rs_next, jiffies);
	WRITE_ONCE(s->dhcp6_next, jiffies);
	/* pairs with kl2tp_data_rcv(): the source check is visible with it */
	smp_store_release(&s->net6_up, true);
	if (ppp->server) {
		/* the first RA at once (kl2tp_ppp_ra_tick(), after the engine) */
		v6->ra_initial = KL2TP_ND6_INITIAL_COUNT - 1;
		v6->ra_at = kl2tp_now_ms();
	} else if (v6->pd_want) {
		u64 now = kl2tp_now_ms();

		kl2tp_ppp_pd_begin(v6, KL2TP_PD_SOLICIT, KL2TP_PD_SOL_IRT_MS,
				   now, now + get_random_u32() %
				   KL2TP_PD_SOL_DELAY_MS + 1);
	}
	return 0;
fail:
	net_warn_ratelimited("session %u/%u: no IPv6 on %s: %d\n",
			     s->tunnel->tid, s->sid, dev->name, ret);
	kl2tp_ppp_net6_clear(ppp);
	if (!ppp->shared)
		kl2tp_ppp_dev_close(ppp);
	return ret;
}

#define KL2TP_PPP_FLUSH6_MAX	8	/* SLAAC addresses a client removes */

/*
 * Client, IPV6CP down while IPCP keeps the device up: what the LNS's RAs
 * made the kernel add goes too, as it would with the device: the
 * addresses SLAAC built (not the operator's: those are permanent), their
 * prefix routes and the default route through the LNS. Nothing carries
 * IPv6 any more; a default route left would black-hole it.
 */
static void kl2tp_ppp_client6_flush(struct kl2tp_ppp *ppp)
{
	struct net *net = ppp->s->tunnel->kn->net;
	struct in6_addr a[KL2TP_PPP_FLUSH6_MAX], p;
	u8 plen[KL2TP_PPP_FLUSH6_MAX];
	struct net_device *dev = ppp->dev;
	struct inet6_ifaddr *ifa;
	struct inet6_dev *idev;
	unsigned int n = 0, i;
	bool up;

	rtnl_lock();
	up = dev->flags & IFF_UP;
	idev = up ? __in6_dev_get(dev) : NULL;
	if (idev) {
		read_lock_bh(&idev->lock);
		list_for_each_entry(ifa, &idev->addr_list, if_list) {
			if (ifa->scope == IFA_LINK ||
			    (ifa->flags & IFA_F_PERMANENT) ||
			    n == ARRAY_SIZE(a))
				continue;
			a[n] = ifa->addr;
			plen[n++] = ifa->prefix_len;
		}
		read_unlock_bh(&idev->lock);
	}
	rtnl_unlock();
	if (!up)
		return;
	for (i = 0; i < n; i++) {
		kl2tp_addr6_del_plen(net, dev->ifindex, &a[i], plen[i]);
		ipv6_addr_prefix(&p, &a[i], plen[i]);
		kl2tp_route6_del_proto(net, dev->ifindex, &p, plen[i],
				       RTPROT_KERNEL);
	}
	kl2tp_route6_del_proto(net, dev->ifindex, &in6addr_any, 0, RTPROT_RA);
}

static void kl2tp_ppp_net6_down(void *ctx, int reason, const char *why)
{
	struct kl2tp_ppp *ppp = ctx;
	struct kl2tp_session *s = ppp->s;

	ppp->v6->gen++;
	ppp->v6->ra_at = 0;
	ppp->v6->pd_at = 0;
	WRITE_ONCE(s->net6_up, false);
	/* a shared device stays: its routes to the user go, now */
	if (ppp->dev && ppp->shared) {
		kl2tp_ppp_net6_clear(ppp);
		return;
	}
	if (!ppp->dev || test_bit(KL2TP_PPP_EV_STOP, &ppp->events))
		return;	/* kl2tp_ppp_teardown(): they go with the device */
	kl2tp_ppp_net6_clear(ppp);
	if (!ppp->server && ppp->eng.up)
		kl2tp_ppp_client6_flush(ppp);
	kl2tp_ppp_dev_close(ppp);
}

static void kl2tp_ppp_finished(void *ctx, int reason, const char *why)
{
	struct kl2tp_ppp *ppp = ctx;

	ppp->finished = true;
	if (ppp->result)
		return;		/* decided earlier (e.g. by ipcp_assign) */
	if (reason == KL2TP_PPP_R_AUTH_FAILED && ppp->aaa_why)
		why = ppp->aaa_why;
	ppp->why = why;
	switch (reason) {
	case KL2TP_PPP_R_PEER_TERMINATE:
		ppp->acct_cause = KL2TP_ACCT_USER_REQUEST;
		fallthrough;
	case KL2TP_PPP_R_ADMIN:
		ppp->result = KL2TP_CDN_RC_ADMIN;
		break;
	case KL2TP_PPP_R_TIMEOUT:
	case KL2TP_PPP_R_ECHO_TIMEOUT:
		ppp->result = KL2TP_CDN_RC_LOST_CARRIER;
		break;
	case KL2TP_PPP_R_NO_ADDRESS:
		ppp->result = KL2TP_CDN_RC_NO_FACILITIES_TEMP;
		ppp->error = KL2TP_ERR_NO_RESOURCES;
		break;
	default:
		ppp->result = KL2TP_CDN_RC_GENERAL_ERROR;
	}
	if (reason != KL2TP_PPP_R_ADMIN && reason != KL2TP_PPP_R_LOWER_DOWN)
		pr_info_ratelimited("session %u/%u user %s: PPP ended: %s\n",
				    ppp->s->tunnel->tid, ppp->s->sid,
				    ppp->user[0] ? ppp->user : "-", why);
}

/* No verdict awaited from the agent any more; a late one will not match. */
static void kl2tp_ppp_aaa_forget(struct kl2tp_ppp *ppp)
{
	struct kl2tp_aaa_attrs *attrs;

	ppp->aaa_pending = false;
	ppp->aaa_unsent = false;
	kfree_sensitive(ppp->aaa_cred);
	ppp->aaa_cred = NULL;
	spin_lock(&ppp->aaa_lock);
	ppp->aaa_cookie = 0;
	ppp->aaa_answered = false;
	memzero_explicit(ppp->aaa_authresp, sizeof(ppp->aaa_authresp));
	attrs = ppp->aaa_new_attrs;
	ppp->aaa_new_attrs = NULL;
	spin_unlock(&ppp->aaa_lock);
	kfree(attrs);
}

/* Keep @c, to send it again or check it locally: false without memory. */
static bool kl2tp_ppp_aaa_keep(struct kl2tp_ppp *ppp,
			       const struct kl2tp_ppp_auth_cred *c)
{
	struct kl2tp_ppp_aaa_cred *k;

	if (c->name_len > sizeof(k->name) || c->chal_len > sizeof(k->chal) ||
	    c->resp_len > sizeof(k->resp))
		return false;
	k = kl2tp_fail() ? NULL : kzalloc(sizeof(*k), GFP_KERNEL);
	if (!k)
		return false;
	k->c = *c;
	if (c->name_len)
		memcpy(k->name, c->name, c->name_len);
	if (c->chal_len)
		memcpy(k->chal, c->chal, c->chal_len);
	if (c->resp_len)
		memcpy(k->resp, c->resp, c->resp_len);
	k->c.name = k->name;
	k->c.chal = c->chal ? k->chal : NULL;
	k->c.resp = c->resp ? k->resp : NULL;
	ppp->aaa_cred = k;
	return true;
}

static const char *const kl2tp_ppp_aaa_why[] = {
	[KL2TP_AAA_VIA_NO_AGENT] = "no AAA agent",
	[KL2TP_AAA_VIA_TIMEOUT] = "no answer from the AAA agent",
	[KL2TP_AAA_VIA_UNAVAILABLE] = "no AAA server answered",
};

/* The peer is refused because of the AAA agent: @why, for the CDN. */
static void kl2tp_ppp_aaa_refuse(struct kl2tp_ppp *ppp, const char *why)
{
	ppp->aaa_why = why;
	pr_notice_ratelimited("session %u/%u refused: %s\n", ppp->s->tunnel->tid,
			      ppp->s->sid, why);
}

/*
 * The agent cannot decide (@via says why): with a fallback, the local
 * users check the credential, else the peer is refused. Returns true for
 * the local check.
 */
static bool kl2tp_ppp_aaa_unable(struct kl2tp_ppp *ppp, u8 via)
{
	struct kl2tp_session *s = ppp->s;

	ppp->aaa_via = via;
	if (ppp->aaa == KL2TP_AAA_AGENT_LOCAL) {
		ppp->aaa_why = NULL;
		pr_info_ratelimited("session %u/%u: %s: checking local users\n",
				    s->tunnel->tid, s->sid,
				    kl2tp_ppp_aaa_why[via]);
		return true;
	}
	kl2tp_ppp_aaa_refuse(ppp, kl2tp_ppp_aaa_why[via]);
	return false;
}

/*
 * The engine asks about a credential (in the work, inside an engine
 * call): send it to the agent and wait, or say why not. A request the
 * agent's full socket could not take is sent again at the next tick.
 */
static int kl2tp_ppp_verify(void *ctx, const struct kl2tp_ppp_auth_cred *c)
{
	struct kl2tp_ppp *ppp = ctx;
	struct kl2tp_session *s = ppp->s;
	struct kl2tp_net *kn = s->tunnel->kn;
	u64 agent, cookie;
	int ret;

	kl2tp_ppp_aaa_forget(ppp);	/* a new check: the old one is over */
	ppp->aaa_why = NULL;
	agent = atomic64_read(&kn->aaa_agent);
	if (!(u32)agent)
		return kl2tp_ppp_aaa_unable(ppp, KL2TP_AAA_VIA_NO_AGENT) ?
		       KL2TP_PPP_VERIFY_LOCAL : KL2TP_PPP_VERIFY_REJECT;
	if (!kl2tp_ppp_aaa_keep(ppp, c)) {
		kl2tp_ppp_aaa_refuse(ppp, "cannot ask the AAA agent");
		return KL2TP_PPP_VERIFY_REJECT;
	}
	cookie = atomic64_inc_return(&kn->aaa_cookie);
	spin_lock(&ppp->aaa_lock);
	ppp->aaa_cookie = cookie;
	ppp->aaa_method = c->method;
	spin_unlock(&ppp->aaa_lock);
	ret = kl2tp_aaa_request(s, agent, cookie, c);
	if (ret == -EINVAL) {		/* no user could have this name */
		kl2tp_ppp_aaa_forget(ppp);
		kl2tp_ppp_aaa_refuse(ppp, "user name not usable");
		return KL2TP_PPP_VERIFY_REJECT;
	}
	if (ret && ret != -EAGAIN && ret != -ENOMEM) {
		kl2tp_ppp_aaa_forget(ppp);
		return kl2tp_ppp_aaa_unable(ppp, KL2TP_AAA_VIA_NO_AGENT) ?
		       KL2TP_PPP_VERIFY_LOCAL : KL2TP_PPP_VERIFY_REJECT;
	}
	ppp->aaa_unsent = ret;
	ppp->aaa_req_cookie = cookie;
	ppp->aaa_pending = true;
	ppp->aaa_seq = c->seq;
	ppp->aaa_agent = agent;
	ppp->aaa_deadline = kl2tp_now_ms() + ppp->aaa_timeout_ms;
	ppp->aaa_via = KL2TP_AAA_VIA_PENDING;
	return KL2TP_PPP_VERIFY_PENDING;
}

/*
 * Idle-Timeout: the data counters are looked at every tenth of the
 * timeout (1 s to 30 s apart), not on each packet.
 */
static u64 kl2tp_ppp_idle_step(u32 timeout)
{
	return clamp_t(u64, 100ULL * timeout, 1000, 30000);
}

/*
 * The work, at s->idle_next: true when no data packet went either way for
 * the AAA server's Idle-Timeout; else the next look is set.
 */
static bool kl2tp_ppp_idle(struct kl2tp_ppp *ppp, u64 now)
{
	const struct kl2tp_aaa_attrs *a = ppp->aaa_attrs;
	struct kl2tp_session *s = ppp->s;
	struct rtnl_link_stats64 st;
	u64 packets;

	if (!a || !a->idle_timeout) {
		s->idle_next = 0;
		return false;
	}
	kl2tp_dev_stats(s, &st);
	packets = st.rx_packets + st.tx_packets;
	if (packets != s->idle_packets) {
		s->idle_packets = packets;
		s->idle_since = now;
	}
	if (now - s->idle_since >= 1000ULL * a->idle_timeout)
		return true;
	s->idle_next = now + kl2tp_ppp_idle_step(a->idle_timeout);
	return false;
}

/* An accept counted: the session's MTU and deadlines from its attributes. */
static void kl2tp_ppp_aaa_accepted(struct kl2tp_ppp *ppp, u64 now)
{
	const struct kl2tp_aaa_attrs *a = ppp->aaa_attrs;

	if (a && a->mtu)
		ppp->mtu = min(ppp->mtu, a->mtu);
	ppp->session_deadline = a && a->session_timeout ?
				now + 1000ULL * a->session_timeout : 0;
	ppp->s->idle_since = now;
	ppp->s->idle_packets = 0;
	ppp->s->idle_next = a && a->idle_timeout ?
			    now + kl2tp_ppp_idle_step(a->idle_timeout) : 0;
}

/*
 * The work, with a check pending: the agent's verdict to the engine, or
 * the fallback once the agent has gone, given up or timed out. What is
 * decided is decided under aaa_lock, so that a verdict either counts or
 * is refused as late (-ESTALE).
 */
static void kl2tp_ppp_aaa_check(struct kl2tp_ppp *ppp, u64 now)
{
	struct kl2tp_session *s = ppp->s;
	struct kl2tp_net *kn = s->tunnel->kn;
	char authresp[KL2TP_PPP_MSCHAP_AUTHRESP_LEN];
	bool gone, late, answered, local = false;
	struct kl2tp_aaa_attrs *attrs = NULL;
	struct kl2tp_ppp_aaa_cred *k;
	u8 result = 0, len = 0, via, was = ppp->aaa_via;
	u32 seq = ppp->aaa_seq;
	int ret;

	if (!ppp->aaa_pending)
		return;
	gone = atomic64_read(&kn->aaa_agent) != ppp->aaa_agent;
	late = now >= ppp->aaa_deadline;
	spin_lock(&ppp->aaa_lock);
	answered = ppp->aaa_answered;
	if (answered) {
		result = ppp->aaa_result;
		len = ppp->aaa_authresp_len;
		memcpy(authresp, ppp->aaa_authresp, len);
		attrs = ppp->aaa_new_attrs;
		ppp->aaa_new_attrs = NULL;
	} else if (gone || late) {
		ppp->aaa_cookie = 0;	/* from now on a verdict is late */
	}
	spin_unlock(&ppp->aaa_lock);
	if (!answered && !gone && !late) {
		if (ppp->aaa_unsent &&
		    !kl2tp_aaa_request(s, ppp->aaa_agent, ppp->aaa_req_cookie,
				       &ppp->aaa_cred->c))
			ppp->aaa_unsent = false;
		return;
	}
	k = ppp->aaa_cred;
	ppp->aaa_cred = NULL;
	kl2tp_ppp_aaa_forget(ppp);
	if (answered && result != KL2TP_AAA_UNAVAILABLE) {
		ppp->aaa_via = KL2TP_AAA_VIA_AGENT;
		if (result != KL2TP_AAA_ACCEPT)
			ppp->aaa_why = "refused by the AAA server";
		/*
		 * The lease (kl2tp_ppp_assign()) may come inside the verdict:
		 * the attributes are in place before, and put back if the
		 * verdict does not count (authentication started over).
		 */
		swap(ppp->aaa_attrs, attrs);
		ret = kl2tp_ppp_session_verdict(&ppp->eng, now, seq,
						result == KL2TP_AAA_ACCEPT,
						authresp, len);
		if (ret == -EALREADY)
			swap(ppp->aaa_attrs, attrs);
		else if (result != KL2TP_AAA_ACCEPT)
			kl2tp_ppp_aaa_refuse(ppp, ppp->aaa_why);
		else
			kl2tp_ppp_aaa_accepted(ppp, now);
	} else {
		via = answered ? KL2TP_AAA_VIA_UNAVAILABLE :
		      gone ? KL2TP_AAA_VIA_NO_AGENT : KL2TP_AAA_VIA_TIMEOUT;
		local = ppp->aaa == KL2TP_AAA_AGENT_LOCAL;
		ppp->aaa_via = via;
		ppp->aaa_why = local ? NULL : kl2tp_ppp_aaa_why[via];
		ret = local ? kl2tp_ppp_session_verdict_local(&ppp->eng, now,
							      seq, &k->c) :
			      kl2tp_ppp_session_verdict(&ppp->eng, now, seq,
							false, NULL, 0);
		if (ret != -EALREADY)
			kl2tp_ppp_aaa_unable(ppp, via);
	}
	if (ret == -EALREADY) {		/* authentication started over since */
		ppp->aaa_via = was;
		ppp->aaa_why = NULL;
	}
	memzero_explicit(authresp, sizeof(authresp));
	kfree_sensitive(k);
	kfree(attrs);			/* an earlier verdict's, or unused */
}

/*
 * Netlink: the agent's verdict for request @cookie of @s (a reference),
 * with what an accept said about the user (@attrs, taken in any case).
 * -ESTALE when @s is not waiting for it; -EINVAL for an MS-CHAPv2 accept
 * without a well-formed authenticator response (the request stays).
 */
int kl2tp_ppp_aaa_verdict(struct kl2tp_session *s, u64 cookie, u8 result,
			  const u8 *authresp, size_t authresp_len,
			  struct kl2tp_aaa_attrs *attrs)
{
	/* pairs with kl2tp_ppp_start(): a published ppp is initialised */
	struct kl2tp_ppp *ppp = smp_load_acquire(&s->ppp);
	size_t i;
	int ret = -ESTALE;

	if (!ppp || !cookie || authresp_len > sizeof(ppp->aaa_authresp)) {
		kfree(attrs);
		return -ESTALE;
	}
	spin_lock(&ppp->aaa_lock);
	if (ppp->aaa_cookie != cookie || ppp->aaa_answered)
		goto out;
	ret = -EINVAL;
	if (result == KL2TP_AAA_ACCEPT &&
	    ppp->aaa_method == KL2TP_PPP_AUTH_MSCHAPV2) {
		if (authresp_len != KL2TP_PPP_MSCHAP_AUTHRESP_LEN ||
		    authresp[0] != 'S' || authresp[1] != '=')
			goto out;
		for (i = 2; i < authresp_len; i++)
			if (!isxdigit(authresp[i]))
				goto out;
	}
	ppp->aaa_answered = true;
	ppp->aaa_result = result;
	memcpy(ppp->aaa_authresp, authresp, authresp_len);
	ppp->aaa_authresp_len = authresp_len;
	swap(ppp->aaa_new_attrs, attrs);	/* was NULL: not answered */
	ret = 0;
out:
	spin_unlock(&ppp->aaa_lock);
	kfree(attrs);
	if (!ret)
		kl2tp_ppp_queue(ppp);
	return ret;
}

/*
 * The tunnel lock held: new session and idle timeouts (@set: the
 * KL2TP_LIMIT_* bits of those given; 0 s: none) for an LNS session whose
 * PPP is up, applied by its work. -EINVAL not an LNS session, -EBUSY not
 * up.
 */
int kl2tp_ppp_set_limits(struct kl2tp_session *s, u8 set, u32 st, u32 it)
{
	/* pairs with kl2tp_ppp_start(): a published ppp is initialised */
	struct kl2tp_ppp *ppp = smp_load_acquire(&s->ppp);

	lockdep_assert_held(&s->tunnel->lock);
	if (!s->tunnel->lns)
		return -EINVAL;
	/* an LNS session's PPP is a server's, once started */
	if (!ppp || s->state != KL2TP_SESSION_UP ||
	    test_bit(KL2TP_SF_DEAD, &s->flags))
		return -EBUSY;
	s->new_limits |= set;
	if (set & KL2TP_LIMIT_SESSION)
		s->new_session_timeout = st;
	if (set & KL2TP_LIMIT_IDLE)
		s->new_idle_timeout = it;
	set_bit(KL2TP_PPP_EV_LIMITS, &ppp->events);
	kl2tp_ppp_queue(ppp);
	return 0;
}

/* The work: what kl2tp_ppp_set_limits() asked for. */
static void kl2tp_ppp_limits(struct kl2tp_ppp *ppp, u64 now)
{
	struct kl2tp_session *s = ppp->s;
	struct kl2tp_aaa_attrs *a = ppp->aaa_attrs;
	u32 st, it;
	u8 set;

	mutex_lock(&s->tunnel->lock);
	set = s->new_limits;
	st = s->new_session_timeout;
	it = s->new_idle_timeout;
	s->new_limits = 0;
	mutex_unlock(&s->tunnel->lock);
	if (!a) {
		/* a local user's session: its PPP is up, its lease taken */
		a = kl2tp_fail() ? NULL : kzalloc(sizeof(*a), GFP_KERNEL);
		if (!a) {
			pr_warn_ratelimited("session %u: new limits not applied: no memory\n",
					    s->sid);
			return;
		}
		ppp->aaa_attrs = a;
	}
	if (set & KL2TP_LIMIT_SESSION) {
		a->session_timeout = st;
		ppp->session_deadline = st ? now + 1000ULL * st : 0;
	}
	if (set & KL2TP_LIMIT_IDLE) {
		a->idle_timeout = it;
		s->idle_since = now;
		s->idle_next = it ? now + kl2tp_ppp_idle_step(it) : 0;
	}
	/* no aaa_via has this value: the next kl2tp_ppp_sync() shows them */
	ppp->shown_via = U8_MAX;
}

static const struct kl2tp_ppp_session_ops kl2tp_ppp_ops = {
	.send = kl2tp_ppp_send,
	.random = kl2tp_ppp_random,
	.lookup = kl2tp_ppp_lookup,
	.ipcp_assign = kl2tp_ppp_assign,
	.ipcp_release = kl2tp_ppp_release,
	.net_up = kl2tp_ppp_net_up,
	.net_down = kl2tp_ppp_net_down,
	.net6_up = kl2tp_ppp_net6_up,
	.net6_down = kl2tp_ppp_net6_down,
	.finished = kl2tp_ppp_finished,
};

/* A listener whose users the AAA agent checks. */
static const struct kl2tp_ppp_session_ops kl2tp_ppp_aaa_ops = {
	.send = kl2tp_ppp_send,
	.random = kl2tp_ppp_random,
	.lookup = kl2tp_ppp_lookup,
	.verify = kl2tp_ppp_verify,
	.ipcp_assign = kl2tp_ppp_assign,
	.ipcp_release = kl2tp_ppp_release,
	.net_up = kl2tp_ppp_net_up,
	.net_down = kl2tp_ppp_net_down,
	.net6_up = kl2tp_ppp_net6_up,
	.net6_down = kl2tp_ppp_net6_down,
	.finished = kl2tp_ppp_finished,
};

static u8 kl2tp_ppp_state(const struct kl2tp_ppp *ppp)
{
	/* IPv4 up; or IPv6 only, once IPCP has given up (rejected, ...) */
	if (ppp->eng.up ||
	    (ppp->eng.up6 && ppp->eng.ipcp.fsm.state <= KL2TP_PPP_STOPPED))
		return KL2TP_SESSION_UP;
	switch (ppp->eng.phase) {
	case KL2TP_PPP_PHASE_AUTHENTICATE:
		return KL2TP_SESSION_PPP_AUTH;
	case KL2TP_PPP_PHASE_NETWORK:
		return KL2TP_SESSION_PPP_NETWORK;
	default:
		return KL2TP_SESSION_PPP_LCP;
	}
}

/*
 * Publish what changed to the session (under the tunnel lock, where
 * netlink reads it) and, once the engine is Dead, end the call with a CDN.
 */
static void kl2tp_ppp_sync(struct kl2tp_ppp *ppp)
{
	struct kl2tp_session *s = ppp->s;
	struct kl2tp_tunnel *t = s->tunnel;
	u8 state = kl2tp_ppp_state(ppp);
	bool end = ppp->finished && !ppp->cdn_done;

	if (!end && state == ppp->shown && ppp->aaa_via == ppp->shown_via &&
	    (!ppp->v6 || ppp->v6->shown_gen == ppp->v6->gen))
		return;
	mutex_lock(&t->lock);
	if (test_bit(KL2TP_SF_DEAD, &s->flags))
		goto out;
	if (ppp->dev && !s->ifname[0])
		strscpy(s->ifname, ppp->dev->name, sizeof(s->ifname));
	if (ppp->server && ppp->user[0])
		strscpy(s->user, ppp->user, sizeof(s->user));
	s->addr = ppp->eng.up ? ppp->addr : 0;
	s->peer_addr = ppp->eng.up ? ppp->peer : 0;
	s->dns1 = ppp->eng.up ? ppp->dns1 : 0;
	s->dns2 = ppp->eng.up ? ppp->dns2 : 0;
	if (ppp->v6) {
		struct kl2tp_ppp6 *v6 = ppp->v6;

		v6->shown_gen = v6->gen;
		s->shown6 = ppp->eng.up6;
		memcpy(s->ifid, v6->ifid, sizeof(s->ifid));
		memcpy(s->peer_ifid, v6->peer_ifid, sizeof(s->peer_ifid));
		s->pfx6 = v6->lease.prefix;
		s->pfx6_len = v6->route_set ? v6->lease.len : 0;
		if (s->shown6 && s->pfx6_len) {
			s->acct_pfx6 = s->pfx6;
			s->acct_pfx6_len = s->pfx6_len;
		}
		s->pd_pfx = v6->pd.prefix;
		s->pd_len = ppp->server && !v6->pd_route_set ? 0 : v6->pd.len;
		if (s->shown6 && s->pd_len) {
			s->acct_pd = s->pd_pfx;
			s->acct_pd_len = s->pd_len;
		}
	}
	s->aaa_via = ppp->aaa_via;
	ppp->shown_via = ppp->aaa_via;
	s->session_timeout = ppp->session_deadline && ppp->aaa_attrs ?
			     ppp->aaa_attrs->session_timeout : 0;
	s->idle_timeout = ppp->aaa_attrs ? ppp->aaa_attrs->idle_timeout : 0;
	if (end) {
		ppp->cdn_done = true;
		s->message = ppp->why;
		s->acct_cause = ppp->acct_cause;
		kl2tp_session_end(s, ppp->result, ppp->error, true);
		goto out;
	}
	ppp->shown = state;
	kl2tp_session_set_state(s, state);
	if (state == KL2TP_SESSION_UP && s->client)
		kl2tp_client_session_up(s->client);
	if (state == KL2TP_SESSION_UP) {
		kl2tp_session_started(s);
		if (!s->was_up)
			kl2tp_session_first_up(s, ppp->server ? ppp->peer : ppp->addr,
					       ppp->aaa_attrs);
	}
out:
	mutex_unlock(&t->lock);
}

static void kl2tp_ppp_begin(struct kl2tp_ppp *ppp, u64 now)
{
	struct kl2tp_session *s = ppp->s;
	struct net_device *dev;
	int ret;

	if (ppp->shared)
		dev = kl2tp_shdev_get(s->tunnel->kn->net, ppp->ifpat, ppp->mtu);
	else
		dev = kl2tp_dev_create(s, ppp->ifpat, ppp->mtu);
	if (IS_ERR(dev)) {
		ret = PTR_ERR(dev);
		ppp->why = "cannot create the session device";
		goto fail;
	}
	ppp->dev = dev;
	WRITE_ONCE(s->dev, dev);	/* s->ifname: kl2tp_ppp_sync() */
	ret = kl2tp_ppp_session_init(&ppp->eng, &ppp->cfg,
				     ppp->aaa == KL2TP_AAA_LOCAL ?
				     &kl2tp_ppp_ops : &kl2tp_ppp_aaa_ops, ppp);
	if (!ret && ppp->v6) {
		struct kl2tp_ppp_ipv6cp_cfg c6 = {};

		/* on a shared device, the device's link-local address */
		if (ppp->shared)
			kl2tp_shdev_iid(dev, c6.iid);
		ret = kl2tp_ppp_session_set_ipv6(&ppp->eng, &ppp->v6->cp, &c6);
	}
	if (ret) {
		ppp->why = "invalid PPP configuration";
		goto fail;
	}
	if (ppp->proxy)
		ret = kl2tp_ppp_session_start_proxy(&ppp->eng, now,
						    &ppp->proxy->p);
	else
		ret = kl2tp_ppp_session_start(&ppp->eng, now);
	kfree_sensitive(ppp->proxy);	/* the engine is done with it */
	ppp->proxy = NULL;
	if (ret) {
		ppp->why = "PPP did not start";
		goto fail;
	}
	ppp->running = true;
	return;
fail:
	net_warn_ratelimited("session %u/%u: %s: %d\n", s->tunnel->tid, s->sid,
			     ppp->why, ret);
	ppp->finished = true;
	ppp->result = KL2TP_CDN_RC_NO_FACILITIES_TEMP;
	ppp->error = KL2TP_ERR_NO_RESOURCES;
}

static void kl2tp_ppp_teardown(struct kl2tp_ppp *ppp, u64 now)
{
	struct kl2tp_session *s = ppp->s;
	struct net_device *dev = ppp->dev;

	if (ppp->running)
		kl2tp_ppp_session_lower_down(&ppp->eng, now);
	if (!dev)
		kl2tp_ppp_lease_put(ppp);
	ppp->gone = true;
	kl2tp_ppp_aaa_forget(ppp);
	timer_delete_sync(&ppp->timer);
	skb_queue_purge(&ppp->rxq);
	WRITE_ONCE(s->net_up, false);
	WRITE_ONCE(s->net6_up, false);
	/* a client's delegated prefix is routed outside the device */
	if (ppp->v6 && !ppp->server)
		kl2tp_ppp_pd_remove(ppp);
	if (dev && ppp->shared) {
		if (ppp->v6)
			kl2tp_ppp_shared6_down(ppp);
		kl2tp_ppp_shared_down(ppp);
		WRITE_ONCE(s->dev, NULL);
		ppp->dev = NULL;
		kl2tp_shdev_put(dev);
		kl2tp_ppp_lease_put(ppp);
	} else if (dev) {
		if (ppp->server)
			kl2tp_ppp_server_down(ppp);
		WRITE_ONCE(s->dev, NULL);
		ppp->dev = NULL;
		kl2tp_dev_destroy(dev);	/* a client's address goes with it */
	}
	memzero_explicit(ppp->secret, sizeof(ppp->secret));
}

static void kl2tp_ppp_work(struct work_struct *work)
{
	struct kl2tp_ppp *ppp = container_of(work, struct kl2tp_ppp, work);
	struct kl2tp_session *s = ppp->s;
	struct kl2tp_ppp_frame f;
	struct sk_buff *skb;
	u64 now = kl2tp_now_ms();
	u32 next;

	if (ppp->gone)
		goto out;
	if (test_bit(KL2TP_PPP_EV_STOP, &ppp->events)) {
		kl2tp_ppp_teardown(ppp, now);
		goto out;
	}
	if (test_and_clear_bit(KL2TP_PPP_EV_START, &ppp->events))
		kl2tp_ppp_begin(ppp, now);
	if (test_and_clear_bit(KL2TP_PPP_EV_LIMITS, &ppp->events) &&
	    ppp->running && !ppp->finished)
		kl2tp_ppp_limits(ppp, now);
	if (ppp->running && !ppp->finished) {
		while ((skb = skb_dequeue(&ppp->rxq)) != NULL) {
			bool linear = !skb_linearize(skb);
			int ret = linear ?
				  kl2tp_ppp_session_input(&ppp->eng, now,
							  skb->data, skb->len,
							  &f) : 0;

			/*
			 * 1: IP that raced net_up here: dropped, counted; but
			 * an LNS answers a Router Solicitation (device.c
			 * hands them here)
			 */
			if (ret == 1 && ppp->server && f.proto == KL2TP_PPP_IPV6 &&
			    kl2tp_nd6_is_rs(f.data, f.len))
				kl2tp_ppp_rs(ppp, now);
			else if (ret == 1 && f.proto == KL2TP_PPP_IPV6 &&
				 kl2tp_ppp_dhcp6_rx(ppp, f.data, f.len, now))
				;	/* DHCPv6, device.c's too */
			else if (!linear || ret == 1)
				atomic_long_inc(&ppp->rx_dropped);
			kfree_skb(skb);
			if (ppp->finished)
				break;
		}
		kl2tp_ppp_session_timer(&ppp->eng, now);
		if (ppp->server && !ppp->finished)
			kl2tp_ppp_ra_tick(ppp, now);
		if (!ppp->server && !ppp->finished)
			kl2tp_ppp_pd_tick(ppp, now);
		if (!ppp->finished)
			kl2tp_ppp_aaa_check(ppp, now);
		if (ppp->session_deadline && now >= ppp->session_deadline &&
		    !ppp->finished) {
			ppp->session_deadline = 0;
			ppp->why = "session timeout";
			ppp->result = KL2TP_CDN_RC_ADMIN;
			ppp->acct_cause = KL2TP_ACCT_SESSION_TIMEOUT;
			kl2tp_ppp_session_close(&ppp->eng, now,
						KL2TP_PPP_R_ADMIN);
		}
		if (s->idle_next && now >= s->idle_next && !ppp->finished &&
		    kl2tp_ppp_idle(ppp, now)) {
			s->idle_next = 0;
			ppp->why = "idle timeout";
			ppp->result = KL2TP_CDN_RC_ADMIN;
			ppp->acct_cause = KL2TP_ACCT_IDLE_TIMEOUT;
			kl2tp_ppp_session_close(&ppp->eng, now,
						KL2TP_PPP_R_ADMIN);
		}
		/* a user's password is only needed while a check runs */
		if (ppp->server)
			memzero_explicit(ppp->lookup_buf,
					 sizeof(ppp->lookup_buf));
		if (ppp->net_failed && !ppp->finished) {
			ppp->net_failed = false;
			ppp->why = "cannot configure the session device";
			ppp->result = KL2TP_CDN_RC_NO_FACILITIES_TEMP;
			ppp->error = KL2TP_ERR_NO_RESOURCES;
			kl2tp_ppp_session_close(&ppp->eng, now,
						KL2TP_PPP_R_ADMIN);
		}
	}
	kl2tp_ppp_sync(ppp);
	if (ppp->running && !ppp->finished) {
		next = kl2tp_ppp_session_next_timeout(&ppp->eng, now);
		if (ppp->aaa_pending) {
			u64 left = ppp->aaa_deadline > now ?
				   ppp->aaa_deadline - now : 0;

			next = min_t(u64, next,
				     min_t(u64, KL2TP_PPP_AAA_TICK_MS, left));
		}
		if (ppp->session_deadline)
			next = min_t(u64, next, ppp->session_deadline > now ?
				     ppp->session_deadline - now : 0);
		if (s->idle_next)
			next = min_t(u64, next, s->idle_next > now ?
				     s->idle_next - now : 0);
		if (ppp->v6 && ppp->v6->ra_at)
			next = min_t(u64, next, ppp->v6->ra_at > now ?
				     ppp->v6->ra_at - now : 0);
		if (ppp->v6 && ppp->v6->pd_at)
			next = min_t(u64, next, ppp->v6->pd_at > now ?
				     ppp->v6->pd_at - now : 0);
		if (next != KL2TP_PPP_NO_TIMEOUT)
			mod_timer(&ppp->timer,
				  jiffies + msecs_to_jiffies(next) + 1);
	}
out:
	kl2tp_session_put(s);
}

/*
 * The methods of @cfg, in order; without any, the defaults: an LNS asks for
 * MS-CHAPv2, CHAP or PAP, a client offers no PAP (a cleartext password)
 * unless its configuration names it.
 */
static void kl2tp_ppp_auth_list(u8 *out, u8 *n, const u8 *cfg, u8 n_cfg,
				bool server)
{
	static const u8 def[] = {
		KL2TP_PPP_AUTH_MSCHAPV2, KL2TP_PPP_AUTH_CHAP_MD5,
		KL2TP_PPP_AUTH_PAP,	/* last: not a client's default */
	};
	unsigned int i;

	/* a configured list is never cut short */
	BUILD_BUG_ON(KL2TP_AUTH_LIST_MAX > KL2TP_PPP_AUTH_LIST);
	if (!n_cfg) {
		cfg = def;
		n_cfg = server ? ARRAY_SIZE(def) : ARRAY_SIZE(def) - 1;
	}
	*n = 0;
	for (i = 0; i < n_cfg && *n < KL2TP_PPP_AUTH_LIST; i++)
		if (cfg[i] >= KL2TP_PPP_AUTH_PAP &&
		    cfg[i] <= KL2TP_PPP_AUTH_METHOD_MAX)
			out[(*n)++] = cfg[i];
}

/*
 * What listeners and clients share: authentication methods (those we ask
 * for as a server, those we accept as a client), LCP echo, the MTU (@auto
 * unless configured), MSS clamping and the session's device.
 */
static void kl2tp_ppp_cfg_opts(struct kl2tp_ppp *ppp,
			       const struct kl2tp_call_opts *o, u32 auto_mtu)
{
	struct kl2tp_ppp_session_cfg *c = &ppp->cfg;

	if (c->server)
		kl2tp_ppp_auth_list(c->lcp.auth, &c->lcp.n_auth, o->auth,
				    o->n_auth, true);
	else
		kl2tp_ppp_auth_list(c->lcp.peer_auth, &c->lcp.n_peer_auth,
				    o->auth, o->n_auth, false);
	c->echo_interval_ms = o->lcp_echo_interval * 1000;
	c->echo_failures = o->lcp_echo_failures;
	ppp->mtu = o->mtu ? o->mtu : auto_mtu;
	ppp->mtu_auto = !o->mtu;
	ppp->s->mss_clamp = o->mss_clamp;
	strscpy(ppp->ifpat, o->shared_dev[0] ? o->shared_dev : o->ifname,
		sizeof(ppp->ifpat));
	ppp->shared = o->shared_dev[0];
}

/* t->lock held: the server's configuration, from the listener. */
static int kl2tp_ppp_cfg_lns(struct kl2tp_ppp *ppp, struct kl2tp_tunnel *t,
			     struct kl2tp_lns *l)
{
	struct kl2tp_ppp_session_cfg *c = &ppp->cfg;
	bool want6;

	lockdep_assert_held(&t->lock);
	c->server = true;
	mutex_lock(&t->kn->cfg_lock);	/* against kl2tp_lns_set() */
	/* sequencing adds 4 bytes to the L2TP header */
	kl2tp_ppp_cfg_opts(ppp, &l->opts, kl2tp_ppp_auto_mtu(t) -
			   (ppp->s->sequencing ? KL2TP_DATA_SEQ_LEN : 0));
	ppp->name = kl2tp_fail() ? NULL :
		kstrdup(l->opts.hostname[0] ? l->opts.hostname : "kl2tp",
			GFP_KERNEL);
	/* a LAC we may not believe: its proxy authentication is replayable */
	c->force_chap = l->force_chap || !t->trust_proxy;
	c->lcp_renegotiate = l->lcp_renegotiate;
	/* an IPv6 listener has a local_ip (kl2tp_lns_add()) */
	if (l->local_ip)
		ppp->local_ip = l->local_ip;
	else if (!kl2tp_sa_is6(&t->laddr))
		ppp->local_ip = l->listen_addr.v4.sin_addr.s_addr ?:
				t->laddr.v4.sin_addr.s_addr;
	ppp->strip_domain = l->strip_domain;
	ppp->aaa = l->aaa;
	ppp->aaa_timeout_ms = l->aaa_timeout * 1000;
	if (ppp->aaa == KL2TP_AAA_LOCAL)
		ppp->aaa_via = KL2TP_AAA_VIA_LOCAL;
	strscpy(ppp->pool, l->pool, sizeof(ppp->pool));
	want6 = l->pool6[0] || l->pd_pool[0];
	if (want6) {
		ppp->v6 = kl2tp_ppp6_alloc();
		if (ppp->v6) {
			strscpy(ppp->v6->pool, l->pool6, sizeof(ppp->v6->pool));
			strscpy(ppp->v6->pd_pool, l->pd_pool,
				sizeof(ppp->v6->pd_pool));
		}
	}
	mutex_unlock(&t->kn->cfg_lock);
	if (!ppp->name || (want6 && !ppp->v6))
		return -ENOMEM;
	c->name = ppp->name;
	c->name_len = strlen(ppp->name);
	return 0;
}

/* t->lock held: the client's configuration. */
static void kl2tp_ppp_cfg_client(struct kl2tp_ppp *ppp, struct kl2tp_client *cl)
{
	struct kl2tp_ppp_session_cfg *c = &ppp->cfg;

	lockdep_assert_held(&ppp->s->tunnel->lock);
	mutex_lock(&cl->kn->cfg_lock);	/* against kl2tp_client_set() */
	kl2tp_ppp_cfg_opts(ppp, &cl->opts, kl2tp_ppp_auto_mtu(ppp->s->tunnel));
	strscpy(ppp->user, cl->user, sizeof(ppp->user));
	memcpy(ppp->secret, cl->password.data, cl->password.len);
	c->secret_len = cl->password.len;
	ppp->default_route = cl->default_route;
	if (cl->ipv6 && !cl->opts.shared_dev[0])
		ppp->v6 = kl2tp_ppp6_alloc();	/* none: IPv4 only */
	if (ppp->v6 && cl->pd) {
		ppp->v6->pd_want = true;
		strscpy(ppp->v6->pd_dev, cl->pd_dev, sizeof(ppp->v6->pd_dev));
		/* the same IA_PD on every call of the client */
		ppp->v6->pd_iaid = jhash(cl->name, strlen(cl->name), 0);
	}
	mutex_unlock(&cl->kn->cfg_lock);
	c->name = ppp->user;
	c->name_len = strlen(ppp->user);
	c->secret = ppp->secret;
	c->want_dns = true;
}

/* Keep a copy of one proxy AVP; false if it is too long to be sane. */
static bool kl2tp_ppp_proxy_avp(struct kl2tp_ppp_proxy_copy *pc, int i,
				const struct kl2tp_avp_val *v, const u8 **data,
				size_t *len)
{
	if (v->len > KL2TP_PPP_PROXY_MAX)
		return false;
	memcpy(pc->buf[i], v->data, v->len);
	*data = v->len ? pc->buf[i] : NULL;
	*len = v->len;
	return true;
}

/*
 * The ICCN's proxy LCP and authentication AVPs (RFC 2661 4.4.5). Without
 * them, or without memory for the copy, PPP negotiates from scratch:
 * always safe.
 */
static void kl2tp_ppp_proxy(struct kl2tp_ppp *ppp,
			    const struct kl2tp_ctrl_msg *m)
{
	struct kl2tp_ppp_proxy_copy *pc;
	struct kl2tp_ppp_proxy *p;

	if (!kl2tp_ctrl_has(m, KL2TP_AVP_LAST_TX_LCP_CONFREQ) &&
	    !kl2tp_ctrl_has(m, KL2TP_AVP_PROXY_AUTH_TYPE))
		return;
	pc = kl2tp_fail() ? NULL : kzalloc(sizeof(*pc), GFP_KERNEL);
	if (!pc)
		return;
	p = &pc->p;
	if (!kl2tp_ppp_proxy_avp(pc, 0, &m->init_rx_lcp_confreq,
				 &p->initial_rcvd, &p->initial_rcvd_len) ||
	    !kl2tp_ppp_proxy_avp(pc, 1, &m->last_tx_lcp_confreq,
				 &p->last_sent, &p->last_sent_len) ||
	    !kl2tp_ppp_proxy_avp(pc, 2, &m->last_rx_lcp_confreq,
				 &p->last_rcvd, &p->last_rcvd_len) ||
	    !kl2tp_ppp_proxy_avp(pc, 3, &m->proxy_auth_name,
				 &p->auth_name, &p->auth_name_len) ||
	    !kl2tp_ppp_proxy_avp(pc, 4, &m->proxy_auth_challenge,
				 &p->auth_challenge, &p->auth_challenge_len) ||
	    !kl2tp_ppp_proxy_avp(pc, 5, &m->proxy_auth_response,
				 &p->auth_response, &p->auth_response_len)) {
		kfree_sensitive(pc);
		return;
	}
	p->auth_type = kl2tp_ctrl_has(m, KL2TP_AVP_PROXY_AUTH_TYPE) ?
		       m->proxy_auth_type : 0;
	p->auth_id = m->proxy_auth_id;
	ppp->proxy = pc;
}

/*
 * t->lock held, the session just established (ICCN received, or ours acked):
 * start its PPP. @m is the ICCN received (LNS), or NULL.
 */
void kl2tp_ppp_start(struct kl2tp_session *s, const struct kl2tp_ctrl_msg *m)
{
	struct kl2tp_tunnel *t = s->tunnel;
	struct kl2tp_ppp *ppp;

	lockdep_assert_held(&t->lock);
	/* a 4 KiB slab, not 8 (lock debugging makes the locks larger) */
	BUILD_BUG_ON(!IS_ENABLED(CONFIG_LOCKDEP) &&
		     !IS_ENABLED(CONFIG_DEBUG_SPINLOCK) && sizeof(*ppp) > 4096);
	if (s->ppp)
		return;
	ppp = kl2tp_fail() ? NULL : kzalloc(sizeof(*ppp), GFP_KERNEL);
	if (!ppp)
		goto nomem;
	ppp->s = s;
	INIT_WORK(&ppp->work, kl2tp_ppp_work);
	timer_setup(&ppp->timer, kl2tp_ppp_timer, 0);
	skb_queue_head_init(&ppp->rxq);
	spin_lock_init(&ppp->aaa_lock);
	kl2tp_ppp_fsm_params_default(&ppp->cfg.fsm);
	ppp->cfg.fsm.restart_ms = KL2TP_PPP_RESTART_MS;
	ppp->cfg.fsm.max_configure = KL2TP_PPP_MAX_CONFIGURE;
	if (s->client) {
		kl2tp_ppp_cfg_client(ppp, s->client);
	} else if (t->lns && kl2tp_ppp_cfg_lns(ppp, t, t->lns)) {
		kfree(ppp->name);
		kfree(ppp->v6);
		kfree(ppp);
		goto nomem;
	}
	if (ppp->cfg.server && m)
		kl2tp_ppp_proxy(ppp, m);
	ppp->server = ppp->cfg.server;
	ppp->mtu = min_t(u32, ppp->mtu, KL2TP_PPP_MAX_MRU);
	ppp->cfg.lcp.mru = ppp->mtu;
	ppp->shown = KL2TP_SESSION_ESTABLISHED;
	set_bit(KL2TP_PPP_EV_START, &ppp->events);
	/*
	 * The data path may use it from now on: kl2tp_ppp_rx(). What came
	 * early goes first; no frame can be left behind in early_q, which
	 * is only filled under its lock while s->ppp is NULL.
	 */
	spin_lock_bh(&s->early_q.lock);
	skb_queue_splice_init(&s->early_q, &ppp->rxq);
	atomic_long_set(&ppp->rx_dropped, s->early_dropped);
	/* pairs with the acquire in kl2tp_ppp_rx() */
	smp_store_release(&s->ppp, ppp);
	spin_unlock_bh(&s->early_q.lock);
	kl2tp_ppp_queue(ppp);
	return;
nomem:
	kl2tp_session_end(s, KL2TP_CDN_RC_NO_FACILITIES_TEMP,
			  KL2TP_ERR_NO_RESOURCES, true);
}

/* t->lock held, the session is closing: tear its PPP down. */
void kl2tp_ppp_stop(struct kl2tp_session *s)
{
	struct kl2tp_ppp *ppp = s->ppp;

	lockdep_assert_held(&s->tunnel->lock);
	if (!ppp || test_and_set_bit(KL2TP_PPP_EV_STOP, &ppp->events))
		return;
	kl2tp_ppp_queue(ppp);
}

/* The session is being freed (RCU callback): the work is done with us. */
void kl2tp_ppp_free(struct kl2tp_session *s)
{
	struct kl2tp_ppp *ppp = s->ppp;

	if (!ppp)
		return;
	skb_queue_purge(&ppp->rxq);
	kfree_sensitive(ppp->proxy);	/* the work never started the engine */
	kfree_sensitive(ppp->aaa_cred);	/* the work never ran its teardown */
	kfree(ppp->aaa_new_attrs);
	kfree(ppp->aaa_attrs);
	kfree(ppp->name);
	kfree(ppp->v6);
	kfree_sensitive(ppp);
}

/* For session get: PPP counters (drops before the engine saw them). */
u64 kl2tp_ppp_rx_dropped(const struct kl2tp_session *s)
{
	const struct kl2tp_ppp *ppp = READ_ONCE(s->ppp);

	return ppp ? atomic_long_read(&ppp->rx_dropped) +
		     ppp->eng.stats.rx_dropped : 0;
}
