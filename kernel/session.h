/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kl2tp: calls in a tunnel (session.c).
 */
#ifndef KL2TP_SESSION_H
#define KL2TP_SESSION_H

#include "kl2tp.h"

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
	u8 aaa_via;			/* enum kl2tp_aaa_via (t->lock) */
	u32 session_timeout;		/* seconds, the AAA server's (t->lock) */
	u32 idle_timeout;		/* seconds, the AAA server's (t->lock) */
	/* accounting (acct.c), from the first up on; t->lock */
	u64 acct_id;			/* 0: not accounted */
	u32 acct_interim;		/* seconds, or 0 */
	u8 *acct_class;			/* Class, or NULL */
	u8 acct_class_len;
	u8 acct_cause;			/* enum kl2tp_acct_cause once known */
	/* Idle-Timeout: only the PPP work touches these (ppp.c) */
	u64 idle_next;			/* ms: the next look at the counters */
	u64 idle_since;			/* ms: the counters last moved */
	u64 idle_packets;		/* as they were then */
	/* KL2TP_CMD_SESSION_SET's new limits for the PPP work (t->lock) */
	u8 new_limits;			/* KL2TP_LIMIT_* bits */
	u32 new_session_timeout;
	u32 new_idle_timeout;
	bool originator;		/* we sent the ICRQ */
	bool starting;			/* counted in tunnel->n_starting */
	bool was_up;			/* counted in kn->stats.sessions_up */
	unsigned long up_since;		/* jiffies, first up: for the log */
	__be32 up_addr;			/* the subscriber's address then */
	struct list_head setup_node;	/* on tunnel->setup (t->lock) */
	unsigned long setup_since;	/* jiffies: since when it is there */
	struct kl2tp_txmsg *icrq;	/* our ICRQ while it waits (t->lock) */
	bool sequencing;
	u32 call_serial;
	char user[KL2TP_NAME_MAX];
	/* Calling and Called Number AVPs of its ICRQ, or NULL; fixed once set */
	char *calling;
	char *called;
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
	/* IPv6 (set before net6_up is published; READ_ONCE in softirq) */
	bool net6_up;
	bool rx6_check;			/* LNS: check IPv6 sources against: */
	u8 rx6_ifid[8];			/* the peer's link-local identifier */
	u8 rx6_pfx_len;			/* and its prefix (0: none) */
	struct in6_addr rx6_pfx;
	u8 rx6_pd_len;			/* and the delegated prefix (0: none) */
	struct in6_addr rx6_pd;
	bool rx6_dhcp;			/* DHCPv6 to this end goes to the work */
	unsigned long rs_next;		/* LNS: jiffies, the next RS taken */
	unsigned long dhcp6_next;	/* jiffies, the next DHCPv6 taken */
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
	bool shown6;			/* IPV6CP is up: the four below */
	u8 pfx6_len;
	u8 ifid[8];
	u8 peer_ifid[8];
	struct in6_addr pfx6;
	u8 pd_len;			/* the delegated prefix, installed */
	struct in6_addr pd_pfx;
	/* the user's prefix last routed, kept for accounting (as up_addr) */
	u8 acct_pfx6_len;
	struct in6_addr acct_pfx6;
	u8 acct_pd_len;			/* and the delegated one */
	struct in6_addr acct_pd;
};

#define KL2TP_LIMIT_SESSION	BIT(0)
#define KL2TP_LIMIT_IDLE	BIT(1)

/* session.c */
void kl2tp_session_rx(struct kl2tp_tunnel *t, const struct kl2tp_hdr *h,
		      struct kl2tp_ctrl_msg *m);
struct kl2tp_session *kl2tp_session_get(struct kl2tp_net *kn, u16 sid);
void kl2tp_session_put(struct kl2tp_session *s);
struct kl2tp_session *kl2tp_session_dial(struct kl2tp_tunnel *t,
					 struct kl2tp_client *c);
struct kl2tp_aaa_attrs;
void kl2tp_session_first_up(struct kl2tp_session *s, __be32 addr,
			    const struct kl2tp_aaa_attrs *a);
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

#endif /* KL2TP_SESSION_H */
