/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kl2tp: internal declarations shared by the kernel glue.
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
#include <linux/hashtable.h>
#include <linux/kref.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/netdevice.h>
#include <linux/ip.h>
#include <linux/udp.h>
#include <linux/refcount.h>
#include <linux/skbuff.h>
#include <linux/spinlock.h>
#include <linux/workqueue.h>
#include <net/dst_cache.h>
#include <net/net_namespace.h>
#include <net/netns/generic.h>

#include "uapi/linux/kl2tp.h"
#include "proto/avp.h"
#include "proto/ctrl_window.h"
#include "proto/l2tp_hdr.h"
#include "proto/ppp_frame.h"

#define KL2TP_DEFAULT_PORT	1701
#define KL2TP_DEFAULT_HELLO	60	/* seconds */
#define KL2TP_DEFAULT_LCP_ECHO	30	/* seconds */
#define KL2TP_DEFAULT_LCP_ECHO_FAILURES	5
#define KL2TP_CHALLENGE_LEN	16
/* control skbs queued per tunnel, and handled in one pass of its work */
#define KL2TP_RXQ_MAX		64
#define KL2TP_LISTEN_RXQ_MAX	256	/* SCCRQs queued per listener */
#define KL2TP_HALF_OPEN_MAX	512	/* tunnels not yet established */
#define KL2TP_HALF_OPEN_SHARE	32	/* of them one address may keep */
#define KL2TP_BACKLOG_MAX	4096	/* messages waiting for a send slot */
#define KL2TP_SETUP_EXPIRE_BATCH 256	/* calls ended per tunnel work pass */
#define KL2TP_LNS_PEERS_MAX	32	/* peer names a listener may list */

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

struct kl2tp_net {
	struct net *net;
	struct mutex lock;		/* config lists, tunnel list */
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
	struct list_head users;
	atomic_t call_serial;
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

#define KL2TP_POOL_MAX		65536	/* addresses in one pool */

struct kl2tp_pool {
	struct list_head list;
	char name[KL2TP_NAME_MAX];
	u32 start;			/* host byte order */
	u32 end;
	__be32 dns1;
	__be32 dns2;
	u32 size;
	u32 used;			/* addresses handed out */
	u32 reserved;			/* LNS addresses never handed out */
	u32 next;			/* where the next search starts */
	unsigned int users;		/* users that name this pool */
	unsigned long *map;
};

/* Tunnel parameters shared by peers, listeners and clients. */
struct kl2tp_secret {
	u8 len;
	u8 data[KL2TP_SECRET_MAX];
};

struct kl2tp_user {
	struct list_head list;
	char name[KL2TP_NAME_MAX];
	struct kl2tp_secret password;
	char pool[KL2TP_NAME_MAX];
	__be32 address;			/* static address, or 0 */
	u32 max_sessions;
	u32 sessions;
	u8 n_routes;
	struct kl2tp_route routes[KL2TP_ROUTES_MAX];	/* framed routes */
};

/* What a session holds of pools and users (pool.c), under kn->pool_lock. */
struct kl2tp_lease {
	struct kl2tp_pool *pool;	/* the address is from it, or NULL */
	struct kl2tp_user *user;	/* counted in user->sessions, or NULL */
	__be32 addr;
	__be32 dns1;
	__be32 dns2;
	u8 n_routes;			/* the user's framed routes */
	struct kl2tp_route routes[KL2TP_ROUTES_MAX];
};

struct kl2tp_peer {
	struct list_head list;
	char name[KL2TP_NAME_MAX];
	__be32 addr;
	u8 prefixlen;
	bool has_addr;
	bool hidden;
	bool trust_proxy;		/* its proxy auth without a secret */
	char hostname[KL2TP_HOSTNAME_MAX];
	struct kl2tp_secret secret;
	u32 hello;
	u32 max_sessions;
};

struct kl2tp_sock;

/*
 * What a listener and a client both set for their calls: parsed, filled
 * and checked once (netlink.c), applied to PPP once (ppp.c).
 */
struct kl2tp_call_opts {
	char hostname[KL2TP_HOSTNAME_MAX];	/* ours; "" = default */
	u32 mtu;			/* 0 = automatic */
	u32 lcp_echo_interval;		/* seconds, 0 = off */
	u32 lcp_echo_failures;
	u8 auth[4];			/* enum kl2tp_auth, in order */
	u8 n_auth;
	bool mss_clamp;
	char ifname[IFNAMSIZ];		/* session device name pattern */
	char shared_dev[IFNAMSIZ];	/* or one device for all sessions */
};

struct kl2tp_lns {
	struct list_head list;
	char name[KL2TP_NAME_MAX];
	__be32 listen_addr;
	u16 listen_port;
	__be32 local_ip;
	char pool[KL2TP_NAME_MAX];
	struct kl2tp_call_opts opts;
	/* allowed peers by name; n_peers == 0: any */
	char (*peers)[KL2TP_NAME_MAX];
	unsigned int n_peers;
	bool sequencing;
	bool strip_domain;		/* user@domain: try "user" too */
	bool force_chap;		/* challenge even after proxy auth */
	bool lcp_renegotiate;		/* ignore proxy LCP */
	u32 max_tunnels;
	u32 max_sessions;
	unsigned int n_tunnels;
	atomic_t n_sessions;		/* in this listener's tunnels */
	struct kl2tp_sock *ks;
};

struct kl2tp_client {
	struct list_head list;
	char name[KL2TP_NAME_MAX];
	__be32 remote_addr;
	u16 remote_port;
	char user[KL2TP_NAME_MAX];
	struct kl2tp_secret password;
	struct kl2tp_secret secret;
	struct kl2tp_call_opts opts;
	bool default_route;
	bool redial;
	bool tunnel_own;
	bool hidden;
	u32 hello;
	u8 state;			/* enum kl2tp_client_state */
	struct hlist_node hnode;	/* kn->hashes->client, kn->lock */
	bool want_up;
	unsigned int failures;		/* consecutive, for redial backoff */
	bool deleted;
	struct kl2tp_session *session;	/* a reference; under kn->lock */
	struct delayed_work work;	/* dial progress, redial */
	struct kl2tp_net *kn;
};

/* A UDP encapsulation socket. */
struct kl2tp_sock {
	struct kref ref;
	struct socket *sock;
	struct kl2tp_net *kn;
	__be32 laddr;
	__be16 lport;
	struct kl2tp_lns *lns;		/* listener socket: SCCRQs go there */
	bool listener;			/* had an lns: sccrq_work may run */
	struct sk_buff_head sccrq_q;	/* tunnel id 0 messages */
	struct work_struct sccrq_work;
	atomic64_t rx_drops;
	atomic64_t evicted;		/* half-open tunnels closed for an SCCRQ */
	struct kl2tp_ctrl_msg msg;	/* sccrq_work's parse scratch */
};

enum kl2tp_tunnel_flags {
	KL2TP_TF_DEAD,			/* unhashed; no new work */
	KL2TP_TF_PORT_PINNED,		/* rport is the peer's: see tunnel_rx */
};

struct kl2tp_tunnel_stats {
	u64 ctrl_tx;
	u64 ctrl_rx;
	u64 ctrl_errors;
	u64 zlb_rx;
	u64 hidden_rx;
	u64 call_timeouts;		/* kl2tp_session_setup_expire() */
};

/* A control message waiting for (or in) a send slot. */
struct kl2tp_txmsg {
	struct list_head list;		/* backlog, while it has no slot */
	u16 session_id;			/* header Session ID */
	u16 call_sid;			/* ours, for an ICCN; else 0 */
	u16 msg_type;
	u16 len;
	u8 data[];			/* header + AVPs */
};

struct kl2tp_tunnel {
	struct hlist_node hnode;	/* kn->hashes->tunnel, RCU */
	struct list_head list;		/* kn->tunnels, kn->lock */
	struct list_head half_open_node; /* kn->half_open, kn->lock */
	struct rcu_head rcu;
	refcount_t ref;
	unsigned long flags;
	struct kl2tp_net *kn;
	struct kl2tp_sock *ks;
	struct kl2tp_lns *lns;		/* LNS side: the listener */
	bool originator;		/* we sent the SCCRQ */
	bool shared_by_own;		/* opened by a "tunnel own" client */
	bool half_open;			/* counted in kn->n_half_open */
	bool named;			/* kl2tp_sccrq_admit(): a peer we know */

	u16 tid;
	u16 peer_tid;
	__be32 laddr;
	__be32 raddr;
	__be16 rport;
	int oif;			/* underlay device, pinned at first route */
	struct dst_cache dst_cache;

	struct work_struct work;	/* holds a reference while queued */
	struct timer_list timer;	/* holds a reference while pending */
	struct rcu_work free_work;

	struct mutex lock;		/* everything below */
	struct sk_buff_head rxq;
	u8 state;			/* enum kl2tp_tunnel_state */
	struct kl2tp_cw cw;
	struct list_head backlog;	/* struct kl2tp_txmsg */
	struct list_head backlog_new;	/* ICRQs: after backlog */
	unsigned int n_backlog;
	unsigned int n_backlog_new;	/* of them, on backlog_new */
	unsigned int n_starting;	/* our calls placed, not up yet */
	struct list_head setup;		/* calls waiting for the peer, oldest first */
	struct list_head sessions;
	unsigned int n_sessions;

	/* configuration taken when the tunnel was made */
	struct kl2tp_secret secret;
	char hostname[KL2TP_HOSTNAME_MAX];	/* ours */
	char peer_name[KL2TP_NAME_MAX];		/* matched peer config */
	bool hidden;
	bool trust_proxy;		/* the peer's, or it had a secret */
	u32 hello;			/* seconds, 0 = off */
	u32 max_sessions;

	/* learnt from the peer */
	char remote_name[KL2TP_HOSTNAME_MAX];
	u8 tie_breaker[8];
	bool has_tie_breaker;

	/* tunnel authentication */
	u8 challenge[KL2TP_CHALLENGE_LEN];	/* the one we sent */
	bool challenged;

	/* the reason of the teardown, for events */
	u16 result;
	u16 error;
	char message[64];
	bool local_close;

	unsigned long created;		/* jiffies */
	unsigned long last_rx;		/* jiffies, for Hello */
	unsigned long close_deadline;	/* jiffies, CLOSING: when to free */
	struct kl2tp_tunnel_stats stats;
	struct kl2tp_ctrl_msg msg;	/* parse scratch */
	u8 rv[16];			/* Random Vector of the message being built */
	struct kl2tp_hide_key hide_key;
	u8 txbuf[1024];			/* message being built */
};

enum kl2tp_session_flags {
	KL2TP_SF_DEAD,
};

struct kl2tp_ppp;
struct net_device;

/* The data counters of a session on a shared device (device.c). */
struct kl2tp_sh_stats {
	atomic_long_t rx_packets;
	atomic_long_t rx_bytes;
	atomic_long_t tx_packets;
	atomic_long_t tx_bytes;
	atomic_long_t rx_errors;
	atomic_long_t rx_seq_drops;
	atomic_long_t tx_errors;
};

struct kl2tp_session {
	struct hlist_node hnode;	/* kn->hashes->session, RCU */
	struct hlist_node pnode;	/* kn->hashes->peer once peer_sid is known */
	struct list_head tlist;		/* tunnel->sessions */
	struct rcu_head rcu;
	refcount_t ref;
	unsigned long flags;
	struct kl2tp_tunnel *tunnel;	/* holds a reference */
	struct kl2tp_client *client;	/* LAC side: who dialled */
	u16 sid;
	u16 peer_sid;
	u8 state;			/* enum kl2tp_session_state */
	bool originator;		/* we sent the ICRQ */
	bool starting;			/* counted in tunnel->n_starting */
	struct list_head setup_node;	/* on tunnel->setup (t->lock) */
	unsigned long setup_since;	/* jiffies: since when it is there */
	struct kl2tp_txmsg *icrq;	/* our ICRQ while it waits (t->lock) */
	bool sequencing;
	u32 call_serial;
	char user[KL2TP_NAME_MAX];
	unsigned long created;
	u16 result;
	u16 error;
	bool local_close;
	const char *message;		/* static string for the CDN, or NULL */

	/* PPP (ppp.c), from ICCN on */
	struct kl2tp_ppp *ppp;
	/* frames that came before it: see kl2tp_ppp_rx() */
	struct sk_buff_head early_q;
	u32 early_dropped;		/* under early_q.lock */
	/* data path: the device and whether IP flows (READ_ONCE in softirq) */
	struct net_device *dev;
	bool net_up;
	bool data_seq;			/* send Ns/Nr in data messages */
	bool mss_clamp;			/* clamp the MSS of TCP SYNs */
	__be32 rx_src;			/* LNS: the source IP accepted, */
	u8 n_rx_routes;			/* and those inside these routes */
	struct kl2tp_route rx_routes[KL2TP_ROUTES_MAX];
	atomic_t tx_ns;
	u16 rx_nr;			/* next expected data Ns */
	/* on a shared device: its table entry, while the network is up */
	struct hlist_node sh_node;
	__be32 sh_key;			/* LNS: the user's address; client: ours */
	u32 sh_mtu;			/* its MTU there (the device's may differ) */
	struct kl2tp_sh_stats sh_stats;
	/* shown by session get; written by the PPP work */
	char ifname[IFNAMSIZ];
	__be32 addr;
	__be32 peer_addr;
	__be32 dns1;
	__be32 dns2;
};

/* main.c: tunables (module parameters) */
extern unsigned int kl2tp_ctrl_rto_ms;
extern unsigned int kl2tp_ctrl_rto_max_ms;
extern unsigned int kl2tp_ctrl_retries;
extern unsigned int kl2tp_call_starting_max;
extern unsigned int kl2tp_call_setup_timeout;
u64 kl2tp_now_ms(void);
void kl2tp_net_tunnel_freed(struct kl2tp_net *kn);

/* crypto.c */
int kl2tp_crypto_init(void);
void kl2tp_crypto_uninit(void);

/* socket.c */
struct kl2tp_sock *kl2tp_sock_create(struct kl2tp_net *kn, __be32 laddr,
				     u16 lport, struct kl2tp_lns *lns);
void kl2tp_sock_get(struct kl2tp_sock *ks);
void kl2tp_sock_put(struct kl2tp_sock *ks);
int kl2tp_xmit(struct kl2tp_tunnel *t, const void *data, unsigned int len);
int kl2tp_udp_xmit(struct kl2tp_tunnel *t, struct sk_buff *skb);
/*
 * A session's MTU unless configured: on a 1500-byte IPv4 underlay the IP,
 * UDP, L2TP (no Ns) and PPP headers take 38 bytes; 1460 is the customary
 * round figure below that. Data sequencing takes KL2TP_DATA_SEQ_LEN more.
 */
#define KL2TP_DEFAULT_MTU	1460
/* room for the underlay's link, IP and UDP headers */
#define KL2TP_UDP_HEADROOM	(LL_MAX_HEADER + sizeof(struct iphdr) + \
				 sizeof(struct udphdr))

/* tunnel.c */
struct kl2tp_tunnel *kl2tp_tunnel_get(struct kl2tp_net *kn, u16 tid);
void kl2tp_tunnel_put(struct kl2tp_tunnel *t);
void kl2tp_tunnel_kick(struct kl2tp_tunnel *t);
void kl2tp_tunnel_rx(struct kl2tp_tunnel *t, struct sk_buff *skb);
void kl2tp_listener_rx(struct kl2tp_sock *ks, struct sk_buff *skb);
void kl2tp_sccrq_work(struct work_struct *work);
struct kl2tp_tunnel *kl2tp_tunnel_dial(struct kl2tp_net *kn,
				       struct kl2tp_client *c);
void kl2tp_tunnel_close(struct kl2tp_tunnel *t, u16 result, u16 error,
			const char *msg);
void kl2tp_tunnel_abort(struct kl2tp_tunnel *t, int err);
void kl2tp_tunnel_destroy(struct kl2tp_tunnel *t);
void kl2tp_tunnel_destroy_all(struct kl2tp_net *kn, struct kl2tp_lns *lns);
void kl2tp_tunnel_msg_init(struct kl2tp_tunnel *t, struct kl2tp_msgbuf *mb,
			   u16 type);
int kl2tp_tunnel_send(struct kl2tp_tunnel *t, u16 sid,
		      const struct kl2tp_msgbuf *mb);
int kl2tp_tunnel_send_call(struct kl2tp_tunnel *t, u16 sid, u16 call_sid,
			   const struct kl2tp_msgbuf *mb);
int kl2tp_tunnel_send_queued(struct kl2tp_tunnel *t, u16 sid, u16 call_sid,
			     const struct kl2tp_msgbuf *mb,
			     struct kl2tp_txmsg **queued);
void kl2tp_tunnel_unqueue(struct kl2tp_tunnel *t, struct kl2tp_txmsg *m);
void kl2tp_tunnel_bad_msg(struct kl2tp_tunnel *t, u16 result, u16 error,
			  const char *fmt, ...) __printf(4, 5);

/* AVP flags for a value that may be hidden: H when the tunnel hides. */
static inline u16 kl2tp_hide(const struct kl2tp_msgbuf *mb)
{
	return mb->hide ? KL2TP_AVP_H : 0;
}

const char *kl2tp_tunnel_state_name(u8 state);

/* session.c */
void kl2tp_session_rx(struct kl2tp_tunnel *t, const struct kl2tp_hdr *h,
		      struct kl2tp_ctrl_msg *m);
struct kl2tp_session *kl2tp_session_get(struct kl2tp_net *kn, u16 sid);
void kl2tp_session_put(struct kl2tp_session *s);
struct kl2tp_session *kl2tp_session_dial(struct kl2tp_tunnel *t,
					 struct kl2tp_client *c);
void kl2tp_session_end(struct kl2tp_session *s, u16 result, u16 error,
		       bool send_cdn);
void kl2tp_tunnel_idle_check(struct kl2tp_tunnel *t);
void kl2tp_session_rx_bad(struct kl2tp_tunnel *t, const struct kl2tp_hdr *h,
			  const struct kl2tp_ctrl_msg *m, int err);
void kl2tp_session_tunnel_up(struct kl2tp_tunnel *t);
void kl2tp_session_iccn_acked(struct kl2tp_tunnel *t, u16 sid);
void kl2tp_session_close_all(struct kl2tp_tunnel *t);
const char *kl2tp_session_state_name(u8 state);
void kl2tp_session_set_state(struct kl2tp_session *s, u8 state);
void kl2tp_session_started(struct kl2tp_session *s);
void kl2tp_session_icrq_sent(struct kl2tp_tunnel *t, u16 sid);
bool kl2tp_session_setup_expire(struct kl2tp_tunnel *t, unsigned long *next);
bool kl2tp_tunnel_may_start(const struct kl2tp_tunnel *t);

/* config.c */
int kl2tp_hashes_alloc(struct kl2tp_net *kn);
int kl2tp_config_init(struct kl2tp_net *kn);
void kl2tp_config_uninit(struct kl2tp_net *kn);
struct kl2tp_peer *kl2tp_peer_match(struct kl2tp_net *kn,
				    struct kl2tp_lns *lns, __be32 saddr,
				    const struct kl2tp_avp_val *host);
struct kl2tp_peer *kl2tp_peer_find(struct kl2tp_net *kn, const char *name);
struct kl2tp_lns *kl2tp_lns_find(struct kl2tp_net *kn, const char *name);
struct kl2tp_client *kl2tp_client_find(struct kl2tp_net *kn,
				       const char *name);
int kl2tp_peer_add(struct kl2tp_net *kn, struct kl2tp_peer *p,
		   struct netlink_ext_ack *extack);
int kl2tp_peer_del(struct kl2tp_net *kn, const char *name,
		   struct netlink_ext_ack *extack);
int kl2tp_lns_add(struct kl2tp_net *kn, struct kl2tp_lns *l,
		  struct netlink_ext_ack *extack);
struct kl2tp_lns *kl2tp_lns_del(struct kl2tp_net *kn, const char *name);
void kl2tp_lns_release(struct kl2tp_lns *l);
int kl2tp_client_add(struct kl2tp_net *kn, struct kl2tp_client *c,
		     struct netlink_ext_ack *extack);
struct kl2tp_client *kl2tp_client_del(struct kl2tp_net *kn, const char *name,
				      struct netlink_ext_ack *extack);
void kl2tp_client_release(struct kl2tp_client *c);
int kl2tp_client_up(struct kl2tp_net *kn, struct kl2tp_client *c);
void kl2tp_client_down(struct kl2tp_net *kn, struct kl2tp_client *c);
void kl2tp_client_session_down(struct kl2tp_client *c);
void kl2tp_client_session_up(struct kl2tp_client *c);

/* pool.c */
void kl2tp_pool_init(struct kl2tp_net *kn);
void kl2tp_pool_uninit(struct kl2tp_net *kn);
struct kl2tp_pool *kl2tp_pool_find(struct kl2tp_net *kn, const char *name);
struct kl2tp_user *kl2tp_user_find(struct kl2tp_net *kn, const char *name);
int kl2tp_pool_add(struct kl2tp_net *kn, struct kl2tp_pool *p,
		   struct netlink_ext_ack *extack);
int kl2tp_pool_del(struct kl2tp_net *kn, const char *name,
		   struct netlink_ext_ack *extack);
int kl2tp_user_add(struct kl2tp_net *kn, struct kl2tp_user *u,
		   struct netlink_ext_ack *extack);
int kl2tp_user_del(struct kl2tp_net *kn, const char *name,
		   struct netlink_ext_ack *extack);
int kl2tp_user_secret(struct kl2tp_net *kn, const char *name,
		      bool strip_domain, u8 *buf);
int kl2tp_lease_get(struct kl2tp_net *kn, const char *name, bool strip_domain,
		    const char *def_pool, u32 local, struct kl2tp_lease *l,
		    const char **why);
void kl2tp_lease_put(struct kl2tp_net *kn, struct kl2tp_lease *l);

/* ppp.c: the PPP engine of each session */
void kl2tp_ppp_start(struct kl2tp_session *s, const struct kl2tp_ctrl_msg *m);
void kl2tp_ppp_stop(struct kl2tp_session *s);
void kl2tp_ppp_rx(struct kl2tp_session *s, struct sk_buff *skb);
void kl2tp_ppp_free(struct kl2tp_session *s);
u64 kl2tp_ppp_rx_dropped(const struct kl2tp_session *s);
void kl2tp_ppp_dev_gone(struct kl2tp_session *s);

/* device.c: session devices and the data path */
struct net_device *kl2tp_dev_create(struct kl2tp_session *s, const char *pat,
				    u32 mtu);
void kl2tp_dev_destroy(struct net_device *dev);
bool kl2tp_dev_is_ours(const struct net_device *dev);
struct net_device *kl2tp_shdev_get(struct net *net, const char *name, u32 mtu);
void kl2tp_shdev_put(struct net_device *dev);
int kl2tp_shdev_link(struct net_device *dev, struct kl2tp_session *s,
		     __be32 key);
void kl2tp_shdev_unlink(struct net_device *dev, struct kl2tp_session *s);
bool kl2tp_dev_is_shared(const struct net_device *dev);
int kl2tp_shdev_local(struct net *net, struct net_device *dev, __be32 local);
int kl2tp_data_rcv(struct kl2tp_sock *ks, struct sk_buff *skb);
int kl2tp_data_xmit(struct kl2tp_session *s, struct sk_buff *skb);
void kl2tp_dev_stats(struct kl2tp_session *s, struct rtnl_link_stats64 *st);

/* rtnl.c */
int kl2tp_addr_add(struct net *net, int ifindex, __be32 local, __be32 peer);
int kl2tp_addr_del(struct net *net, int ifindex, __be32 local, __be32 peer);
int kl2tp_route_add(struct net *net, int ifindex, __be32 prefix, u8 len,
		    __be32 gw, u32 mtu);
int kl2tp_route_del(struct net *net, int ifindex, __be32 prefix, u8 len,
		    __be32 gw);

/* netlink.c */
int kl2tp_genl_init(void);
void kl2tp_genl_uninit(void);
void kl2tp_event_tunnel(struct kl2tp_tunnel *t, u8 event);
void kl2tp_event_session(struct kl2tp_session *s, u8 event);
void kl2tp_event_client(struct kl2tp_client *c);

#endif /* KL2TP_H */
