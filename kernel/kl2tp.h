/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kl2tp: what every file of the kernel glue shares: the namespace's state,
 * tunables, fault injection. Each object has a header of its own (pool.h,
 * config.h, socket.h, tunnel.h, session.h, ppp.h, device.h, netlink.h):
 * what a file touches is what it includes.
 *
 * Objects and their lifetimes
 * ---------------------------
 * struct kl2tp_net    per network namespace (pernet ops).
 * config objects      peers, listeners (lns), clients: created and deleted
 *                     by netlink under kn->lock, never touched in softirq.
 * struct kl2tp_sock   one kernel UDP encapsulation socket: a listener's,
 *                     or one per client tunnel. Refcounted (kref); the last
 *                     put releases the socket and must be in process
 *                     context.
 * struct kl2tp_tunnel one control connection. Found from softirq through
 *                     kn->hashes->tunnel under RCU with refcount_inc_not_zero;
 *                     its protocol state is only touched by its work item,
 *                     netlink and the PPP work (kl2tp_ppp_sync()), all
 *                     under tunnel->lock (a mutex).
 * struct kl2tp_session one call in a tunnel; lives on tunnel->sessions
 *                     under tunnel->lock and in kn->hashes->session (RCU).
 * struct kl2tp_ppp    the PPP of a session (ppp.c): its engine is only
 *                     touched by its own work item.
 * session device      a net_device per session with PPP (device.c); holds
 *                     a session reference until unregistered. A shared
 *                     device (shared-dev) holds none: its sessions are in
 *                     its table only while their network is up.
 *
 * Lock order: kn->lock, then tunnel->lock, then kn->hash_lock (spinlock,
 * hash writers only). kn->pool_lock (pools, users) nests inside kn->lock
 * only and takes nothing. rtnl is taken with no kl2tp lock held and takes
 * none of ours; the PPP work takes tunnel->lock, kn->pool_lock or rtnl,
 * one at a time.
 */
#ifndef KL2TP_H
#define KL2TP_H

#include <linux/types.h>
#include <linux/atomic.h>
#include <linux/hashtable.h>
#include <linux/kref.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/netdevice.h>
#include <linux/ip.h>
#include <linux/udp.h>
#include <linux/in6.h>
#include <linux/ipv6.h>
#include <net/ipv6.h>
#include <linux/refcount.h>
#include <linux/skbuff.h>
#include <linux/spinlock.h>
#include <linux/workqueue.h>
#include <linux/xarray.h>
#include <net/dst_cache.h>
#include <net/net_namespace.h>
#include <net/netns/generic.h>

#include "uapi/linux/kl2tp.h"
#include "proto/avp.h"
#include "proto/ctrl_window.h"
#include "proto/l2tp_hdr.h"
#include "proto/ppp_frame.h"

/*
 * An underlay (tunnel) address, IPv4 or IPv6 by its family; where a port is
 * kept, sin_port and sin6_port share their offset. Compare with
 * kl2tp_sa_eq(), never memcmp() (padding, flow info). Printed with %pISc.
 */
union kl2tp_sa {
	struct sockaddr sa;
	struct sockaddr_in v4;
	struct sockaddr_in6 v6;
};

static inline bool kl2tp_sa_is6(const union kl2tp_sa *a)
{
	return a->sa.sa_family == AF_INET6;
}

/* The same family and address (ports are not compared). */
static inline bool kl2tp_sa_eq(const union kl2tp_sa *a,
			       const union kl2tp_sa *b)
{
	if (a->sa.sa_family != b->sa.sa_family)
		return false;
	if (kl2tp_sa_is6(a))
		return ipv6_addr_equal(&a->v6.sin6_addr, &b->v6.sin6_addr);
	return a->v4.sin_addr.s_addr == b->v4.sin_addr.s_addr;
}

/* 0.0.0.0 or :: */
static inline bool kl2tp_sa_any(const union kl2tp_sa *a)
{
	if (kl2tp_sa_is6(a))
		return ipv6_addr_any(&a->v6.sin6_addr);
	return !a->v4.sin_addr.s_addr;
}

/*
 * Softirq or process context, @skb's network header an IP one of @a's
 * family or not: does @skb come from @a's address?
 */
static inline bool kl2tp_sa_skb_src(const union kl2tp_sa *a,
				    const struct sk_buff *skb)
{
	if (kl2tp_sa_is6(a))
		return ip_hdr(skb)->version == 6 &&
		       ipv6_addr_equal(&ipv6_hdr(skb)->saddr,
				       &a->v6.sin6_addr);
	return ip_hdr(skb)->version == 4 &&
	       ip_hdr(skb)->saddr == a->v4.sin_addr.s_addr;
}

/* @skb's IP source (@src) or destination address into @a; no port. */
static inline void kl2tp_sa_from_skb(union kl2tp_sa *a,
				     const struct sk_buff *skb, bool src)
{
	memset(a, 0, sizeof(*a));
	if (ip_hdr(skb)->version == 6) {
		a->v6.sin6_family = AF_INET6;
		a->v6.sin6_addr = src ? ipv6_hdr(skb)->saddr :
					ipv6_hdr(skb)->daddr;
	} else {
		a->v4.sin_family = AF_INET;
		a->v4.sin_addr.s_addr = src ? ip_hdr(skb)->saddr :
					      ip_hdr(skb)->daddr;
	}
}

#define KL2TP_CHALLENGE_LEN	16
/* control skbs queued per tunnel, and handled in one pass of its work */
#define KL2TP_RXQ_MAX		64
#define KL2TP_LISTEN_RXQ_MAX	256	/* SCCRQs queued per listener */
#define KL2TP_HALF_OPEN_MAX	512	/* tunnels not yet established */
#define KL2TP_HALF_OPEN_SHARE	32	/* of them one address may keep */
#define KL2TP_BACKLOG_MAX	4096	/* messages waiting for a send slot */
#define KL2TP_SETUP_EXPIRE_BATCH 256	/* calls ended per tunnel work pass */
#define KL2TP_LNS_PEERS_MAX	32	/* peer names a listener may list */
#define KL2TP_DUID_LEN		18	/* DUID-UUID: type and 16 bytes */

/*
 * The hashes and the map of session ids in use, 64 KiB: allocated with the
 * namespace's first tunnel or client (kl2tp_hashes_alloc()), so that a
 * namespace that never runs L2TP does not pay for them. Writers of the id
 * hashes and the map hold kn->hash_lock; the client names, kn->lock.
 */
struct kl2tp_hashes {
	DECLARE_HASHTABLE(tunnel, 10);	/* by local tunnel id */
	DECLARE_HASHTABLE(session, 12);	/* by local session id */
	DECLARE_HASHTABLE(peer, 10);	/* by tunnel id and peer session id */
	DECLARE_HASHTABLE(client, 10);	/* by name */
	DECLARE_BITMAP(sid_used, 65536);	/* bit 0 (no session) set */
	unsigned int sid_next;		/* where the next search starts */
};

/*
 * What a namespace has seen since its kl2tp state was made (the module's
 * load, or the namespace's creation), for monitoring
 * (KL2TP_CMD_STATS_GET): counters that only grow. Ends are counted by
 * who ended the tunnel or call ([1]: we did) and by the StopCCN or CDN
 * Result Code; codes from KL2TP_RESULT_CODE_OTHER up share its slot.
 */
#define KL2TP_RESULT_SLOTS	(KL2TP_RESULT_CODE_OTHER + 1)
struct kl2tp_net_stats {
	atomic64_t tunnels_up;		/* reached established */
	atomic64_t sessions_up;		/* PPP reached up (once per call) */
	atomic64_t ctrl_retransmits;	/* of the tunnels that are gone */
	atomic64_t acct_dropped;	/* accounting records lost: acct.c */
	atomic64_t tunnel_ends[2][KL2TP_RESULT_SLOTS];
	atomic64_t session_ends[2][KL2TP_RESULT_SLOTS];
};

static inline void kl2tp_count_end(atomic64_t ends[2][KL2TP_RESULT_SLOTS],
				   bool ours, u16 result)
{
	atomic64_inc(&ends[ours][min_t(u16, result, KL2TP_RESULT_SLOTS - 1)]);
}

struct kl2tp_net {
	struct net *net;
	struct mutex lock;		/* config lists, tunnel list */
	struct mutex cfg_lock;		/* what set changes in place: config.c */
	struct list_head peers;
	struct list_head listeners;
	struct list_head clients;
	struct list_head tunnels;
	struct list_head half_open;	/* accepted, not established: oldest first */
	spinlock_t hash_lock;		/* writers of the id hashes and map */
	struct kl2tp_hashes *hashes;	/* set once, under lock: kl2tp_hashes() */
	unsigned int n_tunnels;
	atomic_t n_half_open;		/* tunnels not established yet */
	atomic_t n_sessions;
	/*
	 * Dump generations (never 0: a dump's cb->seq 0 checks nothing),
	 * bumped when a tunnel / a tunnel or a session is unlinked.
	 */
	atomic_t tunnel_gen;
	atomic_t session_gen;
	atomic_t n_alloc;		/* tunnel structs not yet freed */
	struct mutex pool_lock;		/* pools, users: see pool.c */
	struct list_head pools;
	/* addresses an AAA server gave outside every pool, in use: pool.c */
	struct xarray aaa_addrs;
	struct xarray aaa_prefix6;	/* AAA prefixes in no pool, by hi 64 bits */
	struct list_head users;
	atomic_t call_serial;
	struct kl2tp_net_stats stats;
	struct list_head dev_names;	/* session device name IDAs: device.c */
	struct mutex local_lock;	/* locals: device.c */
	struct list_head locals;	/* LNS addresses on lo */
	/*
	 * The AAA agent: its netlink port id (0: none) in the low 32 bits,
	 * a count of its changes above, so that a request sent to an agent
	 * can tell it went (ppp.c). Written under lock. aaa_cookie names
	 * requests.
	 */
	atomic64_t aaa_agent;
	atomic64_t aaa_cookie;
	/* accounting records waiting for the agent (acct.c), oldest first */
	struct mutex acct_lock;
	struct list_head acct_q;
	u32 acct_n;
	u64 acct_last;			/* the last record's id */
	atomic64_t acct_ids;		/* KL2TP_A_ACCT_SESSION_ID */
	/* our DHCPv6 DUID (DUID-UUID, RFC 6355), both roles: ppp.c */
	u8 duid[KL2TP_DUID_LEN];
	bool dying;
};

extern unsigned int kl2tp_net_id;
extern struct workqueue_struct *kl2tp_wq;

/*
 * Fault injection, on kernels built with CONFIG_FAULT_INJECTION_DEBUG_FS:
 * each allocation of the module's objects, sockets, devices and messages
 * (not the data path's copies of packets) asks kl2tp_fail() first, which
 * applies the attributes in /sys/kernel/debug/kl2tp/fail/ (probability,
 * interval, times, space, task-filter, verbose: fault-injection.rst).
 * failslab's stack-trace filter, which could aim its failures at one
 * module, does not exist on x86_64. Each call counts one against "space":
 * space N fails the Nth allocation from then on. Nothing fails until
 * probability is set.
 */
#if IS_ENABLED(CONFIG_FAULT_INJECTION_DEBUG_FS)
bool kl2tp_fail(void);
#else
static inline bool kl2tp_fail(void)
{
	return false;
}
#endif

/* A new dump generation, skipping 0. */
static inline void kl2tp_gen_bump(atomic_t *gen)
{
	if (!atomic_inc_return(gen))
		atomic_inc(gen);
}

/* The hashes, or NULL before the namespace's first tunnel or client. */
static inline struct kl2tp_hashes *kl2tp_hashes(const struct kl2tp_net *kn)
{
	/* pairs with the release in kl2tp_hashes_alloc(): heads are empty */
	return smp_load_acquire(&kn->hashes);
}

static inline struct kl2tp_net *kl2tp_pernet(const struct net *net)
{
	return net_generic(net, kl2tp_net_id);
}

/* A secret (tunnel or PPP): peers, listeners, clients, users, tunnels. */
struct kl2tp_secret {
	u8 len;
	u8 data[KL2TP_SECRET_MAX];
};

struct kl2tp_peer;
struct kl2tp_lns;
struct kl2tp_client;
struct kl2tp_pool;
struct kl2tp_user;
struct kl2tp_sock;
struct kl2tp_tunnel;
struct kl2tp_session;
struct kl2tp_ppp;

/* main.c: tunables (module parameters) */
extern unsigned int kl2tp_ctrl_rto_ms;
extern unsigned int kl2tp_ctrl_rto_max_ms;
extern unsigned int kl2tp_ctrl_retries;
extern unsigned int kl2tp_call_starting_max;
extern unsigned int kl2tp_call_setup_timeout;
extern unsigned int kl2tp_pd_lifetime;
u64 kl2tp_now_ms(void);
void kl2tp_net_tunnel_freed(struct kl2tp_net *kn);

/* crypto.c */
int kl2tp_crypto_init(void);
void kl2tp_crypto_uninit(void);

#endif /* KL2TP_H */
