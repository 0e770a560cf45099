/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kl2tp: control connections (tunnel.c) and SCCRQs at listeners (listener.c).
 */
#ifndef KL2TP_TUNNEL_H
#define KL2TP_TUNNEL_H

#include "kl2tp.h"

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
	union kl2tp_sa laddr;		/* no port (the socket's) */
	union kl2tp_sa raddr;		/* no port; set before hashing */
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
	bool end_counted;		/* in kn->stats.tunnel_ends: the first reason */

	unsigned long created;		/* jiffies */
	unsigned long last_rx;		/* jiffies, for Hello */
	unsigned long close_deadline;	/* jiffies, CLOSING: when to free */
	struct kl2tp_tunnel_stats stats;
	struct kl2tp_ctrl_msg msg;	/* parse scratch */
	u8 rv[16];			/* Random Vector of the message being built */
	struct kl2tp_hide_key hide_key;
	u8 txbuf[1024];			/* message being built */
};

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

/* tunnel.c for listener.c only: setting up a tunnel on the LNS side */
struct kl2tp_tunnel *kl2tp_tunnel_alloc(struct kl2tp_net *kn,
					struct kl2tp_sock *ks,
					const union kl2tp_sa *raddr);
bool kl2tp_tunnel_destroy_half_open(struct kl2tp_tunnel *t);
void kl2tp_tunnel_set_state(struct kl2tp_tunnel *t, u8 state);
void kl2tp_tunnel_pin_port(struct kl2tp_tunnel *t, __be16 sport);
bool kl2tp_tunnel_learn(struct kl2tp_tunnel *t, const struct kl2tp_ctrl_msg *m);
void kl2tp_copy_name(char *dst, size_t size, const struct kl2tp_avp_val *v);
void kl2tp_put_ctrl_avps(struct kl2tp_tunnel *t, struct kl2tp_msgbuf *mb);
int kl2tp_put_chal_response(struct kl2tp_tunnel *t, struct kl2tp_msgbuf *mb,
			    u8 type, const struct kl2tp_avp_val *chal);
bool kl2tp_hidden_error(int err);

#endif /* KL2TP_TUNNEL_H */
