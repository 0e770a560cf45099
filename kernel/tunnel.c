// SPDX-License-Identifier: GPL-2.0
/*
 * kl2tp: L2TPv2 control connections (RFC 2661 sections 5 and 7).
 *
 * Each tunnel runs in one work item: it drains the tunnel's receive queue,
 * feeds the reliable-delivery engine (proto/ctrl_window.c), runs the
 * state machine, transmits what the engine allows and arms one timer for
 * the next retransmission, delayed ack, Hello or linger deadline. Netlink
 * requests take the same mutex. Softirq only queues skbs and kicks.
 */
#include <linux/kernel.h>
#include <linux/ip.h>
#include <linux/jhash.h>
#include <linux/random.h>
#include <linux/slab.h>
#include <linux/udp.h>
#include <crypto/algapi.h>
#include <net/udp_tunnel.h>

#include "kl2tp.h"
#include "config.h"
#include "socket.h"
#include "tunnel.h"
#include "session.h"
#include "netlink.h"
#include "compat.h"
#include "proto/auth.h"

#define KL2TP_VENDOR_NAME	"kl2tp"
#define KL2TP_FIRMWARE_REV	0x0100

static const char * const tunnel_state_names[] = {
	[KL2TP_TUNNEL_IDLE] = "idle",
	[KL2TP_TUNNEL_WAIT_CTL_REPLY] = "wait-ctl-reply",
	[KL2TP_TUNNEL_WAIT_CTL_CONN] = "wait-ctl-conn",
	[KL2TP_TUNNEL_ESTABLISHED] = "established",
	[KL2TP_TUNNEL_CLOSING] = "closing",
};

const char *kl2tp_tunnel_state_name(u8 state)
{
	if (state < ARRAY_SIZE(tunnel_state_names))
		return tunnel_state_names[state];
	return "unknown";
}

/* ---- lifetime ---------------------------------------------------------- */

struct kl2tp_tunnel *kl2tp_tunnel_get(struct kl2tp_net *kn, u16 tid)
{
	struct kl2tp_hashes *h = kl2tp_hashes(kn);
	struct kl2tp_tunnel *t;

	if (!h)
		return NULL;
	rcu_read_lock();
	hash_for_each_possible_rcu(h->tunnel, t, hnode, tid) {
		if (t->tid == tid && refcount_inc_not_zero(&t->ref)) {
			rcu_read_unlock();
			return t;
		}
	}
	rcu_read_unlock();
	return NULL;
}

static void kl2tp_tunnel_free_work(struct work_struct *work)
{
	struct kl2tp_tunnel *t = container_of(to_rcu_work(work),
					      struct kl2tp_tunnel, free_work);

	struct kl2tp_net *kn = t->kn;

	dst_cache_destroy(&t->dst_cache);
	kl2tp_sock_put(t->ks);
	kfree_sensitive(t);		/* secret, challenge */
	kl2tp_net_tunnel_freed(kn);	/* last: the netns exit waits for it */
}

void kl2tp_tunnel_put(struct kl2tp_tunnel *t)
{
	if (refcount_dec_and_test(&t->ref)) {
		/* After a grace period, in process context: the socket put sleeps. */
		INIT_RCU_WORK(&t->free_work, kl2tp_tunnel_free_work);
		queue_rcu_work(kl2tp_wq, &t->free_work);
	}
}

void kl2tp_tunnel_kick(struct kl2tp_tunnel *t)
{
	if (test_bit(KL2TP_TF_DEAD, &t->flags))
		return;
	refcount_inc(&t->ref);
	if (!queue_work(kl2tp_wq, &t->work))
		kl2tp_tunnel_put(t);
}

static void kl2tp_tunnel_timer(struct timer_list *timer)
{
	struct kl2tp_tunnel *t = kl2tp_from_timer(t, timer, timer);

	kl2tp_tunnel_kick(t);
	kl2tp_tunnel_put(t);
}

static void kl2tp_tunnel_arm(struct kl2tp_tunnel *t, unsigned long when)
{
	if (test_bit(KL2TP_TF_DEAD, &t->flags))
		return;
	refcount_inc(&t->ref);
	if (mod_timer(&t->timer, when))
		kl2tp_tunnel_put(t);	/* it was pending: it has a ref */
}

/* Pairs with kl2tp_tunnel_pin_port(): a pinned port is the peer's. */
static bool kl2tp_tunnel_port_pinned(const struct kl2tp_tunnel *t)
{
	bool pinned = test_bit(KL2TP_TF_PORT_PINNED, &t->flags);

	smp_rmb();	/* rport after the flag */
	return pinned;
}

/* From now on, only the peer's port @sport (network order) is taken. */
void kl2tp_tunnel_pin_port(struct kl2tp_tunnel *t, __be16 sport)
{
	WRITE_ONCE(t->rport, sport);
	smp_mb__before_atomic();	/* rport before the flag */
	set_bit(KL2TP_TF_PORT_PINNED, &t->flags);
}

/* Softirq (or process context): queue a control message for the work. */
void kl2tp_tunnel_rx(struct kl2tp_tunnel *t, struct sk_buff *skb)
{
	/*
	 * Only the peer may cost the tunnel's work anything: its address,
	 * and its port once known (RFC 2661 5.1: an LNS may answer an
	 * SCCRQ from another port than the one it was sent to).
	 */
	if (!kl2tp_sa_skb_src(&t->raddr, skb) ||
	    (kl2tp_tunnel_port_pinned(t) &&
	     udp_hdr(skb)->source != READ_ONCE(t->rport))) {
		union kl2tp_sa from;

		kl2tp_sa_from_skb(&from, skb, true);
		net_dbg_ratelimited("error: tunnel %u: control message from %pISc port %u, not the peer\n",
				    t->tid, &from.sa,
				    ntohs(udp_hdr(skb)->source));
		atomic64_inc(&t->ks->rx_drops);
		kfree_skb(skb);
		return;
	}
	spin_lock_bh(&t->rxq.lock);
	if (test_bit(KL2TP_TF_DEAD, &t->flags) ||
	    skb_queue_len(&t->rxq) >= KL2TP_RXQ_MAX) {
		spin_unlock_bh(&t->rxq.lock);
		atomic64_inc(&t->ks->rx_drops);
		kfree_skb(skb);
		return;
	}
	__skb_queue_tail(&t->rxq, skb);
	spin_unlock_bh(&t->rxq.lock);
	kl2tp_tunnel_kick(t);
}

static void kl2tp_tunnel_work(struct work_struct *work);

/*
 * kn->lock held. Allocates a unique local id and hashes the tunnel, to
 * peer @raddr (of @ks's family).
 */
struct kl2tp_tunnel *kl2tp_tunnel_alloc(struct kl2tp_net *kn,
					struct kl2tp_sock *ks,
					const union kl2tp_sa *raddr)
{
	struct kl2tp_cw_params p;
	struct kl2tp_tunnel *t, *o;
	int tries;
	u16 tid;

	lockdep_assert_held(&kn->lock);
	if (kl2tp_hashes_alloc(kn))
		return ERR_PTR(-ENOMEM);
	t = kl2tp_fail() ? NULL : kzalloc(sizeof(*t), GFP_KERNEL);
	if (!t)
		return ERR_PTR(-ENOMEM);
	if (kl2tp_fail() || dst_cache_init(&t->dst_cache, GFP_KERNEL)) {
		kfree(t);
		return ERR_PTR(-ENOMEM);
	}
	refcount_set(&t->ref, 1);		/* kn->tunnels' reference */
	atomic_inc(&kn->n_alloc);
	t->kn = kn;
	kl2tp_sock_get(ks);
	t->ks = ks;
	t->raddr = *raddr;
	t->laddr.sa.sa_family = raddr->sa.sa_family;
	INIT_WORK(&t->work, kl2tp_tunnel_work);
	timer_setup(&t->timer, kl2tp_tunnel_timer, 0);
	mutex_init(&t->lock);
	skb_queue_head_init(&t->rxq);
	INIT_LIST_HEAD(&t->backlog);
	INIT_LIST_HEAD(&t->backlog_new);
	INIT_LIST_HEAD(&t->sessions);
	INIT_LIST_HEAD(&t->setup);
	INIT_LIST_HEAD(&t->half_open_node);
	t->created = jiffies;
	t->last_rx = jiffies;
	t->hello = KL2TP_DEFAULT_HELLO;

	kl2tp_cw_params_default(&p);
	p.rto_init = kl2tp_ctrl_rto_ms;
	p.rto_max = max(kl2tp_ctrl_rto_max_ms, kl2tp_ctrl_rto_ms);
	p.max_retries = min(kl2tp_ctrl_retries, 100U);
	if (kl2tp_cw_init(&t->cw, &p))
		kl2tp_cw_init(&t->cw, NULL);

	spin_lock_bh(&kn->hash_lock);
	for (tries = 0; tries < 64; tries++) {
		tid = get_random_u32() & 0xffff;
		if (!tid)
			continue;
		hash_for_each_possible(kn->hashes->tunnel, o, hnode, tid)
			if (o->tid == tid)
				goto again;
		t->tid = tid;
		hash_add_rcu(kn->hashes->tunnel, &t->hnode, tid);
		break;
again:
		;
	}
	spin_unlock_bh(&kn->hash_lock);
	if (!t->tid) {
		kl2tp_sock_put(ks);
		dst_cache_destroy(&t->dst_cache);
		kfree(t);
		kl2tp_net_tunnel_freed(kn);
		return ERR_PTR(-EBUSY);
	}
	list_add_tail(&t->list, &kn->tunnels);
	kn->n_tunnels++;
	t->half_open = true;
	atomic_inc(&kn->n_half_open);
	return t;
}

/*
 * An acknowledged message; @ctx is a list for the ICCNs, which the caller
 * hands to kl2tp_tunnel_acked() once the window is done with the ack.
 */
static void kl2tp_txmsg_acked(void *ctx, void *cookie)
{
	struct kl2tp_txmsg *m = cookie;

	if (m->call_sid && m->msg_type == KL2TP_MSG_ICCN) {
		list_add_tail(&m->list, ctx);
		return;
	}
	kfree(m);
}

/* t->lock held: the peer has these ICCNs, so their calls are connected. */
static void kl2tp_tunnel_acked(struct kl2tp_tunnel *t, struct list_head *iccn)
{
	struct kl2tp_txmsg *m, *tmp;

	lockdep_assert_held(&t->lock);
	list_for_each_entry_safe(m, tmp, iccn, list) {
		list_del(&m->list);
		kl2tp_session_iccn_acked(t, m->call_sid);
		kfree(m);
	}
}

static void kl2tp_tunnel_set_reason(struct kl2tp_tunnel *t, u16 result,
				    u16 error, const char *msg, bool local);

/*
 * kn->lock held, t->lock not. Unhash, drop every session and queued
 * message, and drop the list's reference; with @half_open_only, only a
 * tunnel still being set up (false if it was not); with @abort_err, the
 * reason of kl2tp_tunnel_abort() is recorded under the same lock. Safe
 * from the tunnel's own work.
 */
static bool __kl2tp_tunnel_destroy(struct kl2tp_tunnel *t, bool half_open_only,
				   int abort_err)
{
	struct kl2tp_net *kn = t->kn;
	struct kl2tp_txmsg *m, *tmp;
	struct kl2tp_lns *lns;
	unsigned int n;
	void *cookie;

	lockdep_assert_held(&kn->lock);
	mutex_lock(&t->lock);
	if (half_open_only && !t->half_open) {
		mutex_unlock(&t->lock);
		return false;
	}
	spin_lock_bh(&t->rxq.lock);
	if (test_and_set_bit(KL2TP_TF_DEAD, &t->flags)) {
		spin_unlock_bh(&t->rxq.lock);
		mutex_unlock(&t->lock);
		return false;
	}
	spin_unlock_bh(&t->rxq.lock);

	if (abort_err)
		kl2tp_tunnel_set_reason(t, KL2TP_STOPCCN_RC_GENERAL_ERROR,
					abort_err == -ENOMEM || abort_err == -ENOBUFS ?
					KL2TP_ERR_NO_RESOURCES : KL2TP_ERR_NONE,
					"could not start", true);
	if (!t->end_counted)	/* no reason given (an eviction): ours */
		kl2tp_tunnel_set_reason(t, 0, 0, NULL, true);
	kl2tp_session_close_all(t);
	/* with the unlink below, under kn->lock: kl2tp_nl_stats_get() */
	atomic64_add(t->cw.stats.retransmits, &kn->stats.ctrl_retransmits);
	skb_queue_purge(&t->rxq);
	/* The send ring (txmsgs) comes back first, then held skbs. */
	n = kl2tp_cw_pending(&t->cw);
	while (kl2tp_cw_purge(&t->cw, &cookie)) {
		if (n) {
			n--;
			kfree(cookie);
		} else {
			kfree_skb(cookie);
		}
	}
	list_splice_tail_init(&t->backlog_new, &t->backlog);
	list_for_each_entry_safe(m, tmp, &t->backlog, list) {
		list_del(&m->list);
		kfree(m);
	}
	if (t->half_open) {
		WRITE_ONCE(t->half_open, false);
		atomic_dec(&kn->n_half_open);
	}
	kl2tp_event_tunnel(t, KL2TP_EVENT_TUNNEL_DOWN);
	lns = t->lns;
	t->lns = NULL;			/* the listener may go once we are unlinked */
	mutex_unlock(&t->lock);

	spin_lock_bh(&kn->hash_lock);
	hash_del_rcu(&t->hnode);
	spin_unlock_bh(&kn->hash_lock);
	list_del(&t->list);
	list_del_init(&t->half_open_node);
	kl2tp_gen_bump(&kn->tunnel_gen);	/* a dump's positions moved */
	kl2tp_gen_bump(&kn->session_gen);
	kn->n_tunnels--;
	if (lns)
		lns->n_tunnels--;

	if (timer_delete_sync(&t->timer))
		kl2tp_tunnel_put(t);
	kl2tp_tunnel_put(t);
	return true;
}

void kl2tp_tunnel_destroy(struct kl2tp_tunnel *t)
{
	__kl2tp_tunnel_destroy(t, false, 0);
}

/* kn->lock held: destroy @t if it is still being set up; false if not. */
bool kl2tp_tunnel_destroy_half_open(struct kl2tp_tunnel *t)
{
	return __kl2tp_tunnel_destroy(t, true, 0);
}

/* t->lock held. */
void kl2tp_tunnel_set_state(struct kl2tp_tunnel *t, u8 state)
{
	lockdep_assert_held(&t->lock);
	if (t->state == state)
		return;
	/*
	 * Established tunnels leave the half-open count; refused ones stay in
	 * it until destroyed, so refusals are bounded too.
	 */
	if (t->half_open && state == KL2TP_TUNNEL_ESTABLISHED) {
		WRITE_ONCE(t->half_open, false);	/* kl2tp_sccrq_admit() */
		atomic_dec(&t->kn->n_half_open);
	}
	pr_debug("event: tunnel %u: %s -> %s\n", t->tid,
		 kl2tp_tunnel_state_name(t->state),
		 kl2tp_tunnel_state_name(state));
	t->state = state;
	kl2tp_event_tunnel(t, KL2TP_EVENT_TUNNEL_STATE);
}

/* ---- building and sending ------------------------------------------- */

void kl2tp_tunnel_msg_init(struct kl2tp_tunnel *t, struct kl2tp_msgbuf *mb,
			   u16 type)
{
	lockdep_assert_held(&t->lock);
	kl2tp_msgbuf_init(mb, t->txbuf + KL2TP_CTRL_HDR_LEN,
			  sizeof(t->txbuf) - KL2TP_CTRL_HDR_LEN);
	kl2tp_avp_put_msg_type(mb, type);
	/*
	 * Nothing is hidden in SCCRQ and SCCRP: a peer may pick the secret
	 * by the Host Name it finds in them (xl2tpd does, and cannot read
	 * hidden AVPs there). Hiding is per AVP and optional (RFC 2661 4.3).
	 */
	if (t->hidden && t->secret.len && type != KL2TP_MSG_SCCRQ &&
	    type != KL2TP_MSG_SCCRP) {
		get_random_bytes(t->rv, sizeof(t->rv));
		kl2tp_avp_put_bytes(mb, KL2TP_AVP_M, KL2TP_AVP_RANDOM_VECTOR,
				    t->rv, sizeof(t->rv));
		t->hide_key.secret = t->secret.data;
		t->hide_key.secret_len = t->secret.len;
		t->hide_key.rv = t->rv;
		t->hide_key.rv_len = sizeof(t->rv);
		mb->hide = &t->hide_key;
	}
}

/*
 * Queue the message built in @mb for reliable delivery to Session ID @sid
 * of the peer. It goes out when the window allows (the work item flushes;
 * callers outside it kick the tunnel). @call_sid is our session for an
 * ICCN (kl2tp_session_iccn_acked() is told when the peer acknowledged it)
 * and an ICRQ (kl2tp_session_icrq_sent() when it leaves the backlog).
 */
int kl2tp_tunnel_send_call(struct kl2tp_tunnel *t, u16 sid, u16 call_sid,
			   const struct kl2tp_msgbuf *mb)
{
	return kl2tp_tunnel_send_queued(t, sid, call_sid, mb, NULL);
}

/*
 * As kl2tp_tunnel_send_call(); @queued (may be NULL) is set to the message
 * when it waits in a backlog, else to NULL.
 */
int kl2tp_tunnel_send_queued(struct kl2tp_tunnel *t, u16 sid, u16 call_sid,
			     const struct kl2tp_msgbuf *mb,
			     struct kl2tp_txmsg **queued)
{
	struct kl2tp_hdr h = {
		.flags = KL2TP_CTRL_FLAGS,
		.tunnel_id = t->peer_tid,
		.session_id = sid,
	};
	struct kl2tp_txmsg *m;
	bool new_call;
	size_t len;

	lockdep_assert_held(&t->lock);
	if (queued)
		*queued = NULL;
	if (test_bit(KL2TP_TF_DEAD, &t->flags))
		return -ENOTCONN;
	if (mb->err) {
		pr_warn_ratelimited("tunnel %u: cannot build %s: %d\n", t->tid,
				    kl2tp_msg_type_name(kl2tp_get_be16(mb->buf + 6)),
				    mb->err);
		return mb->err;
	}
	len = KL2TP_CTRL_HDR_LEN + mb->len;
	m = kl2tp_fail() ? NULL : kmalloc(struct_size(m, data, len), GFP_KERNEL);
	if (!m)
		return -ENOMEM;
	h.payload_len = mb->len;
	if (kl2tp_hdr_build(&h, m->data, KL2TP_CTRL_HDR_LEN) != KL2TP_CTRL_HDR_LEN) {
		kfree(m);
		return -EINVAL;
	}
	memcpy(m->data + KL2TP_CTRL_HDR_LEN, mb->buf, mb->len);
	m->len = len;
	m->session_id = sid;
	m->call_sid = call_sid;
	m->msg_type = kl2tp_get_be16(mb->buf + 6);

	/*
	 * New calls (ICRQ) wait behind everything else: a message for a call
	 * the peer already knows (ICCN, CDN, ICRP) must not queue behind
	 * thousands of ICRQs, or the call times out at the other end while
	 * its ICCN waits here (our PPP starts as the ICCN is queued). Order
	 * among the messages of one call is kept: a call has no message
	 * but its ICRQ until the peer answered that ICRQ.
	 */
	new_call = m->msg_type == KL2TP_MSG_ICRQ;
	if (list_empty(&t->backlog) &&
	    (!new_call || (list_empty(&t->backlog_new) &&
			   kl2tp_tunnel_may_start(t))) &&
	    !kl2tp_cw_queue(&t->cw, m, NULL))
		return 0;
	/*
	 * ICRQs are bounded by the session ids (one per call placed here);
	 * the rest by KL2TP_BACKLOG_MAX, so that a burst of new calls never
	 * refuses calls already placed.
	 */
	if (new_call ? t->n_backlog_new > 0xffff :
	    t->n_backlog - t->n_backlog_new >= KL2TP_BACKLOG_MAX) {
		kfree(m);
		return -ENOBUFS;
	}
	list_add_tail(&m->list, new_call ? &t->backlog_new : &t->backlog);
	t->n_backlog++;
	if (new_call)
		t->n_backlog_new++;
	if (queued)
		*queued = m;
	return 0;
}

/* t->lock held: take @m off its backlog, keeping the counts. */
static void kl2tp_backlog_del(struct kl2tp_tunnel *t, struct kl2tp_txmsg *m)
{
	lockdep_assert_held(&t->lock);
	list_del(&m->list);
	t->n_backlog--;
	if (m->msg_type == KL2TP_MSG_ICRQ)
		t->n_backlog_new--;
}

/* t->lock held: @m (from kl2tp_tunnel_send_queued()) will not be sent. */
void kl2tp_tunnel_unqueue(struct kl2tp_tunnel *t, struct kl2tp_txmsg *m)
{
	lockdep_assert_held(&t->lock);
	kl2tp_backlog_del(t, m);
	kfree(m);
}

int kl2tp_tunnel_send(struct kl2tp_tunnel *t, u16 sid,
		      const struct kl2tp_msgbuf *mb)
{
	return kl2tp_tunnel_send_call(t, sid, 0, mb);
}

/* t->lock held: the next message waiting for a send slot, if any. */
static struct kl2tp_txmsg *kl2tp_backlog_first(struct kl2tp_tunnel *t)
{
	struct kl2tp_txmsg *m;

	lockdep_assert_held(&t->lock);
	m = list_first_entry_or_null(&t->backlog, struct kl2tp_txmsg, list);
	if (!m && kl2tp_tunnel_may_start(t))
		m = list_first_entry_or_null(&t->backlog_new,
					     struct kl2tp_txmsg, list);
	return m;
}

static void kl2tp_tunnel_send_zlb(struct kl2tp_tunnel *t)
{
	struct kl2tp_hdr h = {
		.flags = KL2TP_CTRL_FLAGS,
		.tunnel_id = t->peer_tid,
	};
	struct kl2tp_cw_tx tx;
	u8 buf[KL2TP_CTRL_HDR_LEN];

	kl2tp_cw_zlb(&t->cw, &tx);
	h.ns = tx.ns;
	h.nr = tx.nr;
	if (kl2tp_hdr_build(&h, buf, sizeof(buf)) == sizeof(buf))
		kl2tp_xmit(t, buf, sizeof(buf));
}

/*
 * t->lock held: transmit what the window allows now, each message stamped
 * with its Ns and the current Nr. Returns 0, or -ETIMEDOUT when the peer
 * stopped answering (retries exhausted).
 */
static int kl2tp_tunnel_tx_window(struct kl2tp_tunnel *t, u64 now)
{
	struct kl2tp_txmsg *m;
	struct kl2tp_cw_tx tx;
	int ret;

	lockdep_assert_held(&t->lock);
	while ((ret = kl2tp_cw_next_tx(&t->cw, now, &tx)) == 1) {
		m = tx.cookie;
		kl2tp_put_be16(m->data + 8, tx.ns);
		kl2tp_put_be16(m->data + 10, tx.nr);
		pr_debug("ctrl: tunnel %u: %s %s ns=%u nr=%u\n", t->tid,
			 tx.retransmit ? "resend" : "send",
			 kl2tp_msg_type_name(m->msg_type), tx.ns, tx.nr);
		if (!tx.retransmit)
			t->stats.ctrl_tx++;
		kl2tp_xmit(t, m->data, m->len);
	}
	return ret;
}

/*
 * t->lock held: move backlog into free send slots, transmit what the
 * window allows, ack if due. Returns -ETIMEDOUT when the peer stopped
 * answering (retries exhausted).
 */
static int kl2tp_tunnel_flush(struct kl2tp_tunnel *t, u64 now)
{
	struct kl2tp_txmsg *m;

	lockdep_assert_held(&t->lock);
	while (kl2tp_cw_space(&t->cw) && (m = kl2tp_backlog_first(t))) {
		if (kl2tp_cw_queue(&t->cw, m, NULL))
			break;
		kl2tp_backlog_del(t, m);
		if (m->msg_type == KL2TP_MSG_ICRQ)
			kl2tp_session_icrq_sent(t, m->call_sid);
	}
	if (kl2tp_tunnel_tx_window(t, now) == -ETIMEDOUT)
		return -ETIMEDOUT;
	if (t->peer_tid && kl2tp_cw_ack_due(&t->cw, now) == 0)
		kl2tp_tunnel_send_zlb(t);
	return 0;
}

/* ---- teardown --------------------------------------------------------- */

static void kl2tp_tunnel_set_reason(struct kl2tp_tunnel *t, u16 result,
				    u16 error, const char *msg, bool local)
{
	lockdep_assert_held(&t->lock);
	if (!t->end_counted) {
		t->end_counted = true;
		kl2tp_count_end(t->kn->stats.tunnel_ends, local, result);
	}
	t->result = result;
	t->error = error;
	t->local_close = local;
	strscpy(t->message, msg ? msg : "", sizeof(t->message));
}

/*
 * kn->lock held. Destroy a tunnel we were dialing that could not start
 * (its SCCRQ or its first call could not be made, @err): the reason, for
 * the tunnel-down event, is ours.
 */
void kl2tp_tunnel_abort(struct kl2tp_tunnel *t, int err)
{
	__kl2tp_tunnel_destroy(t, false, err ?: -EINVAL);
}

/*
 * t->lock held. Tear the tunnel down from our side: sessions go (the
 * StopCCN clears them at the peer), StopCCN is sent reliably, and the
 * tunnel lingers in CLOSING until it is acknowledged or the retransmit
 * period ends.
 */
void kl2tp_tunnel_close(struct kl2tp_tunnel *t, u16 result, u16 error,
			const char *msg)
{
	struct kl2tp_msgbuf mb;

	lockdep_assert_held(&t->lock);
	if (t->state == KL2TP_TUNNEL_CLOSING ||
	    test_bit(KL2TP_TF_DEAD, &t->flags))
		return;
	pr_info_ratelimited("tunnel %u to %pISc: closing, result %u (%s), error %u (%s)%s%s\n",
			    t->tid, &t->raddr.sa, result,
			    kl2tp_result_name(KL2TP_MSG_STOPCCN, result), error,
			    kl2tp_error_name(error), msg && *msg ? ": " : "", msg ? msg : "");
	kl2tp_tunnel_set_reason(t, result, error, msg, true);
	/* each call takes its ICRQ not sent yet along (kl2tp_session_close_all) */
	kl2tp_session_close_all(t);
	t->close_deadline = jiffies;
	if (t->peer_tid) {
		kl2tp_tunnel_msg_init(t, &mb, KL2TP_MSG_STOPCCN);
		kl2tp_avp_put_u16(&mb, KL2TP_AVP_M, KL2TP_AVP_ASSIGNED_TUNNEL_ID,
				  t->tid);
		kl2tp_avp_put_result_code(&mb, KL2TP_AVP_M, result,
					  error || (msg && *msg) ? error : -1,
					  msg);
		if (!kl2tp_tunnel_send(t, 0, &mb))
			t->close_deadline = jiffies +
				msecs_to_jiffies(kl2tp_cw_linger(&t->cw));
	}
	kl2tp_tunnel_set_state(t, KL2TP_TUNNEL_CLOSING);
	kl2tp_tunnel_kick(t);
}

void kl2tp_tunnel_bad_msg(struct kl2tp_tunnel *t, u16 result, u16 error,
			  const char *fmt, ...)
{
	char msg[64];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	t->stats.ctrl_errors++;
	kl2tp_tunnel_close(t, result, error, msg);
}

/* ---- receive: the state machine ----------------------------------------- */

/* The digest answering @chal in a message of type @type. */
int kl2tp_put_chal_response(struct kl2tp_tunnel *t, struct kl2tp_msgbuf *mb,
			    u8 type, const struct kl2tp_avp_val *chal)
{
	u8 resp[KL2TP_CHAL_RESP_LEN];
	int ret;

	ret = kl2tp_chal_response(type, t->secret.data, t->secret.len,
				  chal->data, chal->len, resp);
	if (ret)
		return ret;
	kl2tp_avp_put_bytes(mb, KL2TP_AVP_M | kl2tp_hide(mb),
			    KL2TP_AVP_CHALLENGE_RESPONSE, resp, sizeof(resp));
	memzero_explicit(resp, sizeof(resp));
	return 0;
}

static int kl2tp_check_chal_response(struct kl2tp_tunnel *t, u8 type,
				     const struct kl2tp_ctrl_msg *m)
{
	u8 want[KL2TP_CHAL_RESP_LEN];
	int ret;

	if (!kl2tp_ctrl_has(m, KL2TP_AVP_CHALLENGE_RESPONSE))
		return -ENOENT;
	ret = kl2tp_chal_response(type, t->secret.data, t->secret.len,
				  t->challenge, sizeof(t->challenge), want);
	if (!ret && crypto_memneq(want, m->challenge_response, sizeof(want)))
		ret = -EACCES;
	memzero_explicit(want, sizeof(want));
	return ret;
}

/* SCCRQ and SCCRP share most AVPs. */
void kl2tp_put_ctrl_avps(struct kl2tp_tunnel *t, struct kl2tp_msgbuf *mb)
{
	kl2tp_avp_put_proto_version(mb);
	kl2tp_avp_put_u32(mb, KL2TP_AVP_M | kl2tp_hide(mb), KL2TP_AVP_FRAMING_CAP,
			  KL2TP_FRAMING_SYNC | KL2TP_FRAMING_ASYNC);
	kl2tp_avp_put_u32(mb, kl2tp_hide(mb), KL2TP_AVP_BEARER_CAP,
			  KL2TP_BEARER_DIGITAL | KL2TP_BEARER_ANALOG);
	kl2tp_avp_put_u16(mb, kl2tp_hide(mb), KL2TP_AVP_FIRMWARE_REV,
			  KL2TP_FIRMWARE_REV);
	kl2tp_avp_put_string(mb, KL2TP_AVP_M, KL2TP_AVP_HOST_NAME,
			     t->hostname[0] ? t->hostname : "kl2tp");
	kl2tp_avp_put_string(mb, kl2tp_hide(mb), KL2TP_AVP_VENDOR_NAME,
			     KL2TP_VENDOR_NAME);
	kl2tp_avp_put_u16(mb, KL2TP_AVP_M, KL2TP_AVP_ASSIGNED_TUNNEL_ID, t->tid);
	kl2tp_avp_put_u16(mb, KL2TP_AVP_M, KL2TP_AVP_RX_WINDOW_SIZE,
			  KL2TP_CW_RX_WIN);
	if (t->secret.len) {
		get_random_bytes(t->challenge, sizeof(t->challenge));
		t->challenged = true;
		kl2tp_avp_put_bytes(mb, KL2TP_AVP_M, KL2TP_AVP_CHALLENGE,
				    t->challenge, sizeof(t->challenge));
	}
}

/*
 * The string AVP @v into @dst (@size bytes): cut to fit, NUL-terminated,
 * each byte outside printable ASCII as '?'.
 */
void kl2tp_copy_name(char *dst, size_t size, const struct kl2tp_avp_val *v)
{
	size_t n = min_t(size_t, v->len, size - 1);
	size_t i;

	for (i = 0; i < n; i++)
		dst[i] = (v->data[i] >= 0x20 && v->data[i] < 0x7f) ? v->data[i] : '?';
	dst[n] = '\0';
}

/* Information every SCCRQ/SCCRP carries. Returns false if unusable. */
bool kl2tp_tunnel_learn(struct kl2tp_tunnel *t, const struct kl2tp_ctrl_msg *m)
{
	if (m->proto_version != KL2TP_PROTO_VERSION) {
		kl2tp_tunnel_bad_msg(t, KL2TP_STOPCCN_RC_BAD_PROTOCOL, 0,
				     "protocol version %u.%u",
				     m->proto_version, m->proto_revision);
		return false;
	}
	if (!m->assigned_tunnel_id) {
		kl2tp_tunnel_bad_msg(t, KL2TP_STOPCCN_RC_GENERAL_ERROR,
				     KL2TP_ERR_BAD_VALUE,
				     "Assigned Tunnel ID 0");
		return false;
	}
	t->peer_tid = m->assigned_tunnel_id;
	kl2tp_copy_name(t->remote_name, sizeof(t->remote_name), &m->host_name);
	if (kl2tp_ctrl_has(m, KL2TP_AVP_RX_WINDOW_SIZE) && m->rx_window_size)
		kl2tp_cw_set_peer_rws(&t->cw, m->rx_window_size);
	if (kl2tp_ctrl_has(m, KL2TP_AVP_TIE_BREAKER)) {
		memcpy(t->tie_breaker, m->tie_breaker, sizeof(t->tie_breaker));
		t->has_tie_breaker = true;
	}
	return true;
}

static void kl2tp_tunnel_established(struct kl2tp_tunnel *t)
{
	pr_info_ratelimited("tunnel %u to %pISc port %u (%s) established, peer tunnel %u\n",
			    t->tid, &t->raddr.sa, ntohs(t->rport), t->remote_name,
			    t->peer_tid);
	kl2tp_tunnel_set_state(t, KL2TP_TUNNEL_ESTABLISHED);
	atomic64_inc(&t->kn->stats.tunnels_up);
	kl2tp_session_tunnel_up(t);
	kl2tp_tunnel_idle_check(t);	/* its calls may be gone already */
}

static void kl2tp_rx_sccrp(struct kl2tp_tunnel *t,
			   const struct kl2tp_ctrl_msg *m)
{
	struct kl2tp_msgbuf mb;
	int ret;

	if (t->state != KL2TP_TUNNEL_WAIT_CTL_REPLY) {
		kl2tp_tunnel_bad_msg(t, KL2TP_STOPCCN_RC_FSM_ERROR, 0,
				     "SCCRP in state %s",
				     kl2tp_tunnel_state_name(t->state));
		return;
	}
	if (!kl2tp_tunnel_learn(t, m))
		return;
	if (t->challenged) {
		ret = kl2tp_check_chal_response(t, KL2TP_MSG_SCCRP, m);
		if (ret) {
			kl2tp_tunnel_bad_msg(t, KL2TP_STOPCCN_RC_NOT_AUTHORIZED, 0,
					     ret == -ENOENT ? "no challenge response" :
					     "challenge response mismatch");
			return;
		}
	}
	kl2tp_tunnel_msg_init(t, &mb, KL2TP_MSG_SCCCN);
	if (kl2tp_ctrl_has(m, KL2TP_AVP_CHALLENGE)) {
		if (!t->secret.len) {
			kl2tp_tunnel_bad_msg(t, KL2TP_STOPCCN_RC_NOT_AUTHORIZED, 0,
					     "challenged, but no secret configured");
			return;
		}
		if (kl2tp_put_chal_response(t, &mb, KL2TP_MSG_SCCCN,
					    &m->challenge))
			return;
	}
	if (kl2tp_tunnel_send(t, 0, &mb))
		return;
	kl2tp_tunnel_established(t);
}

static void kl2tp_rx_scccn(struct kl2tp_tunnel *t,
			   const struct kl2tp_ctrl_msg *m)
{
	int ret;

	if (t->state != KL2TP_TUNNEL_WAIT_CTL_CONN) {
		kl2tp_tunnel_bad_msg(t, KL2TP_STOPCCN_RC_FSM_ERROR, 0,
				     "SCCCN in state %s",
				     kl2tp_tunnel_state_name(t->state));
		return;
	}
	if (t->challenged) {
		ret = kl2tp_check_chal_response(t, KL2TP_MSG_SCCCN, m);
		if (ret) {
			kl2tp_tunnel_bad_msg(t, KL2TP_STOPCCN_RC_NOT_AUTHORIZED, 0,
					     ret == -ENOENT ? "no challenge response" :
					     "challenge response mismatch");
			return;
		}
	}
	kl2tp_tunnel_established(t);
}

static void kl2tp_rx_stopccn(struct kl2tp_tunnel *t,
			     const struct kl2tp_ctrl_msg *m)
{
	char msg[64] = "";

	if (m->result.msg.len)
		kl2tp_copy_name(msg, sizeof(msg), &m->result.msg);
	pr_info_ratelimited("tunnel %u to %pISc: StopCCN from peer, result %u (%s), error %u (%s)%s%s\n",
			    t->tid, &t->raddr.sa, m->result.result,
			    kl2tp_result_name(KL2TP_MSG_STOPCCN, m->result.result),
			    m->result.error, kl2tp_error_name(m->result.error),
			    msg[0] ? ": " : "", msg);
	kl2tp_tunnel_set_reason(t, m->result.result,
				m->result.has_error ? m->result.error : 0,
				msg, false);
	kl2tp_session_close_all(t);
	/* Keep acking its retransmissions for the full period (RFC 5.7). */
	t->close_deadline = jiffies + msecs_to_jiffies(kl2tp_cw_linger(&t->cw));
	kl2tp_tunnel_set_state(t, KL2TP_TUNNEL_CLOSING);
}

static bool kl2tp_is_session_msg(u16 type)
{
	switch (type) {
	case KL2TP_MSG_OCRQ:
	case KL2TP_MSG_OCRP:
	case KL2TP_MSG_OCCN:
	case KL2TP_MSG_ICRQ:
	case KL2TP_MSG_ICRP:
	case KL2TP_MSG_ICCN:
	case KL2TP_MSG_CDN:
	case KL2TP_MSG_WEN:
	case KL2TP_MSG_SLI:
		return true;
	}
	return false;
}

/* Parse errors that mean "hidden AVPs we cannot decode". */
bool kl2tp_hidden_error(int err)
{
	return err == -EKEYREJECTED || err == -ENOKEY || err == -ENODATA;
}

/* One in-order control message (with AVPs). Consumes @skb. */
static void kl2tp_tunnel_handle(struct kl2tp_tunnel *t, struct sk_buff *skb)
{
	struct kl2tp_ctrl_msg *m = &t->msg;
	struct kl2tp_hdr h;
	u8 *payload;
	int ret;

	if (kl2tp_hdr_parse(&h, skb->data, skb->len, 0))
		goto out;
	t->stats.ctrl_rx++;
	payload = skb->data + h.payload_off;
	ret = kl2tp_ctrl_parse(m, payload, h.payload_len,
			       t->secret.len ? t->secret.data : NULL,
			       t->secret.len, payload);
	if (!ret && m->hidden)
		t->stats.hidden_rx++;
	if (!ret) {
		ret = kl2tp_ctrl_msg_validate(m);
		if (ret > 0) {
			net_dbg_ratelimited("error: tunnel %u: %s without %s AVP\n", t->tid,
					    kl2tp_msg_type_name(m->msg_type),
					    kl2tp_avp_name(ret));
			m->err_vendor = KL2TP_VENDOR_IETF;
			m->err_type = ret;
			ret = -EBADMSG;
		} else if (ret == -EOPNOTSUPP && !m->msg_type_m) {
			/* unknown message type without M: ignore it */
			goto out;
		}
	}
	if (ret) {
		t->stats.ctrl_errors++;
		net_dbg_ratelimited("error: tunnel %u: bad %s from %pISc: error %d at AVP %u/%u\n",
				    t->tid, kl2tp_msg_type_name(m->msg_type),
				    &t->raddr.sa, ret, m->err_vendor, m->err_type);
		if (t->state == KL2TP_TUNNEL_CLOSING)
			goto out;
		if (kl2tp_is_session_msg(m->msg_type) &&
		    t->state == KL2TP_TUNNEL_ESTABLISHED) {
			kl2tp_session_rx_bad(t, &h, m, ret);
			goto out;
		}
		if (kl2tp_hidden_error(ret)) {
			/* Hidden AVPs that do not decode: the secrets differ. */
			if (!t->peer_tid)
				kl2tp_avp_peek_u16(payload, h.payload_len,
						   KL2TP_AVP_ASSIGNED_TUNNEL_ID,
						   &t->peer_tid);
			kl2tp_tunnel_bad_msg(t, KL2TP_STOPCCN_RC_NOT_AUTHORIZED, 0,
					     "cannot decode hidden AVPs");
			goto out;
		}
		kl2tp_tunnel_bad_msg(t, KL2TP_STOPCCN_RC_GENERAL_ERROR,
				     ret == -EOPNOTSUPP ? KL2TP_ERR_UNKNOWN_MANDATORY :
				     ret == -EBADMSG ? KL2TP_ERR_BAD_LENGTH :
				     KL2TP_ERR_BAD_VALUE,
				     "bad %s", kl2tp_msg_type_name(m->msg_type));
		goto out;
	}

	pr_debug("ctrl: tunnel %u: received %s ns=%u nr=%u session %u\n", t->tid,
		 kl2tp_msg_type_name(m->msg_type), h.ns, h.nr, h.session_id);
	if (t->state == KL2TP_TUNNEL_CLOSING)
		goto out;	/* only acked now */

	switch (m->msg_type) {
	case KL2TP_MSG_SCCRP:
		kl2tp_rx_sccrp(t, m);
		break;
	case KL2TP_MSG_SCCCN:
		kl2tp_rx_scccn(t, m);
		break;
	case KL2TP_MSG_STOPCCN:
		kl2tp_rx_stopccn(t, m);
		break;
	case KL2TP_MSG_HELLO:
		break;
	case KL2TP_MSG_SCCRQ:
		kl2tp_tunnel_bad_msg(t, KL2TP_STOPCCN_RC_FSM_ERROR, 0,
				     "SCCRQ on an open tunnel");
		break;
	default:
		if (t->state != KL2TP_TUNNEL_ESTABLISHED) {
			kl2tp_tunnel_bad_msg(t, KL2TP_STOPCCN_RC_FSM_ERROR, 0,
					     "%s before the tunnel is up",
					     kl2tp_msg_type_name(m->msg_type));
			break;
		}
		/* a call it ends lets an idle tunnel of ours go (session_end) */
		kl2tp_session_rx(t, &h, m);
		/* the LAC starts its PPP when we acknowledge its ICCN */
		if (m->msg_type == KL2TP_MSG_ICCN)
			kl2tp_cw_ack_now(&t->cw, kl2tp_now_ms());
	}
out:
	kfree_skb(skb);
}

/* t->lock held. One received control message, any order. Consumes @skb. */
static void kl2tp_tunnel_process(struct kl2tp_tunnel *t, struct sk_buff *skb,
				 u64 now)
{
	enum kl2tp_cw_rx_class cls;
	struct kl2tp_hdr h;
	LIST_HEAD(iccn);
	void *cookie;
	__be16 sport;

	lockdep_assert_held(&t->lock);
	/* hidden AVPs are decoded in place: the data must be ours alone */
	if (skb_linearize(skb) || skb_unclone(skb, GFP_KERNEL))
		goto drop;
	if (!kl2tp_sa_skb_src(&t->raddr, skb))
		goto bad;	/* not from our peer: spoofed or misrouted */
	if (kl2tp_hdr_parse(&h, skb->data, skb->len, 0) ||
	    !kl2tp_hdr_is_ctrl(&h))
		goto bad;
	if (kl2tp_cw_ack(&t->cw, h.nr, kl2tp_txmsg_acked, &iccn) < 0)
		goto bad;
	kl2tp_tunnel_acked(t, &iccn);
	t->last_rx = jiffies;
	if (!h.payload_len) {
		kl2tp_cw_rx(&t->cw, h.ns, true, NULL, now);
		t->stats.zlb_rx++;
		goto drop;
	}
	cls = kl2tp_cw_rx(&t->cw, h.ns, false, skb, now);
	switch (cls) {
	case KL2TP_CW_RX_IN_ORDER:
		/* The first answer names the peer's port: from now on, only it. */
		if (!test_bit(KL2TP_TF_PORT_PINNED, &t->flags)) {
			sport = udp_hdr(skb)->source;
			if (sport != t->rport)
				dst_cache_reset(&t->dst_cache);
			kl2tp_tunnel_pin_port(t, sport);
		}
		kl2tp_tunnel_handle(t, skb);
		while (kl2tp_cw_rx_next_held(&t->cw, now, &cookie, NULL))
			kl2tp_tunnel_handle(t, cookie);
		return;
	case KL2TP_CW_RX_OUT_OF_ORDER:
		return;		/* the window holds it */
	default:
		goto drop;
	}
bad:
	t->stats.ctrl_errors++;
drop:
	kfree_skb(skb);
}

/* t->lock held. Hello and linger. Returns true when the tunnel must go. */
static bool kl2tp_tunnel_timers(struct kl2tp_tunnel *t, unsigned long *next)
{
	struct kl2tp_msgbuf mb;
	unsigned long due;

	lockdep_assert_held(&t->lock);
	switch (t->state) {
	case KL2TP_TUNNEL_CLOSING:
		if (time_after_eq(jiffies, t->close_deadline) ||
		    (t->local_close && kl2tp_cw_idle(&t->cw) &&
		     !t->n_backlog))
			return true;
		*next = t->close_deadline;
		break;
	case KL2TP_TUNNEL_ESTABLISHED:
		if (!t->hello)
			break;
		due = t->last_rx + t->hello * HZ;
		if (time_after_eq(jiffies, due)) {
			if (kl2tp_cw_idle(&t->cw)) {
				kl2tp_tunnel_msg_init(t, &mb, KL2TP_MSG_HELLO);
				kl2tp_tunnel_send(t, 0, &mb);
			}
			t->last_rx = jiffies;
			due = jiffies + t->hello * HZ;
		}
		*next = due;
		break;
	default:
		/* A half-open tunnel whose peer went quiet. */
		due = t->created + msecs_to_jiffies(2 * kl2tp_cw_linger(&t->cw));
		if (time_after_eq(jiffies, due)) {
			kl2tp_tunnel_close(t, KL2TP_STOPCCN_RC_GENERAL_ERROR, 0,
					   "setup timed out");
			break;
		}
		*next = due;
	}
	return false;
}

static void kl2tp_tunnel_work(struct work_struct *work)
{
	struct kl2tp_tunnel *t = container_of(work, struct kl2tp_tunnel, work);
	struct kl2tp_net *kn = t->kn;
	unsigned long next = jiffies + 3600 * HZ;
	bool destroy, more;
	struct sk_buff *skb;
	unsigned int n;
	u32 ms;
	u64 now;

	mutex_lock(&t->lock);
	if (test_bit(KL2TP_TF_DEAD, &t->flags)) {
		mutex_unlock(&t->lock);
		goto out;
	}
	now = kl2tp_now_ms();
	/* a bounded pass: softirq may refill the queue as fast as we drain */
	for (n = 0; n < KL2TP_RXQ_MAX; n++) {
		skb = skb_dequeue(&t->rxq);
		if (!skb)
			break;
		kl2tp_tunnel_process(t, skb, now);
	}
	more = n == KL2TP_RXQ_MAX;
	destroy = kl2tp_tunnel_timers(t, &next);
	if (!destroy && kl2tp_tunnel_flush(t, now) == -ETIMEDOUT) {
		pr_info_ratelimited("tunnel %u to %pISc: peer not responding, giving up\n",
				    t->tid, &t->raddr.sa);
		if (t->state != KL2TP_TUNNEL_CLOSING)
			kl2tp_tunnel_set_reason(t, KL2TP_STOPCCN_RC_GENERAL_ERROR,
						0, "peer not responding", true);
		destroy = true;
	}
	if (!destroy) {
		/* after the flush: it may have sent ICRQs, whose clock starts */
		if (kl2tp_session_setup_expire(t, &next))
			more = true;	/* their CDNs go out in another pass */
		ms = kl2tp_cw_next_timeout(&t->cw, now);
		if (ms != KL2TP_CW_NO_TIMEOUT &&
		    time_before(jiffies + msecs_to_jiffies(ms), next))
			next = jiffies + msecs_to_jiffies(ms);
		kl2tp_tunnel_arm(t, next);
	}
	mutex_unlock(&t->lock);

	if (destroy) {
		mutex_lock(&kn->lock);
		kl2tp_tunnel_destroy(t);
		mutex_unlock(&kn->lock);
	} else if (more) {
		kl2tp_tunnel_kick(t);	/* the rest in another pass */
	}
out:
	kl2tp_tunnel_put(t);	/* the queued work's reference */
}

/* ---- LAC side: dial ------------------------------------------------------ */

/* kn->lock held. Open a tunnel to the client's LNS. */
struct kl2tp_tunnel *kl2tp_tunnel_dial(struct kl2tp_net *kn,
				       struct kl2tp_client *c)
{
	struct kl2tp_tunnel *t;
	struct kl2tp_sock *ks;
	struct kl2tp_msgbuf mb;
	union kl2tp_sa any;
	int ret;

	lockdep_assert_held(&kn->lock);
	/* any local address of the LNS's family */
	memset(&any, 0, sizeof(any));
	any.sa.sa_family = c->remote_addr.sa.sa_family;
	ks = kl2tp_sock_create(kn, &any, 0, NULL);
	if (IS_ERR(ks))
		return ERR_CAST(ks);
	t = kl2tp_tunnel_alloc(kn, ks, &c->remote_addr);
	kl2tp_sock_put(ks);
	if (IS_ERR(t))
		return t;
	t->originator = true;
	WRITE_ONCE(t->rport, htons(c->remote_port));
	t->secret = c->secret;
	t->hidden = c->hidden;
	t->hello = c->hello;
	strscpy(t->hostname, c->opts.hostname, sizeof(t->hostname));

	mutex_lock(&t->lock);
	kl2tp_tunnel_msg_init(t, &mb, KL2TP_MSG_SCCRQ);
	kl2tp_put_ctrl_avps(t, &mb);
	ret = kl2tp_tunnel_send(t, 0, &mb);
	if (!ret)
		kl2tp_tunnel_set_state(t, KL2TP_TUNNEL_WAIT_CTL_REPLY);
	mutex_unlock(&t->lock);
	if (ret) {
		kl2tp_tunnel_abort(t, ret);
		return ERR_PTR(ret);
	}
	/*
	 * Not kicked: the SCCRQ goes out when the caller attaches its call
	 * (kl2tp_session_dial() kicks), so a fast refusal cannot close the
	 * tunnel before the call is in it.
	 */
	return t;
}

/*
 * kn->lock held. Destroy every tunnel (of @lns, or all), telling each peer
 * with one StopCCN that is not retransmitted: for listener removal, module
 * unload and namespace exit, which cannot wait.
 */
void kl2tp_tunnel_destroy_all(struct kl2tp_net *kn, struct kl2tp_lns *lns)
{
	struct kl2tp_tunnel *t, *tmp;

	lockdep_assert_held(&kn->lock);
	list_for_each_entry_safe(t, tmp, &kn->tunnels, list) {
		if (lns && t->lns != lns)
			continue;
		mutex_lock(&t->lock);
		if (t->state != KL2TP_TUNNEL_CLOSING)
			kl2tp_tunnel_close(t, KL2TP_STOPCCN_RC_SHUTTING_DOWN, 0,
					   lns ? "listener removed" : "shutting down");
		/* one transmission of whatever is queued now (the StopCCN) */
		if (t->peer_tid && !kn->dying)
			kl2tp_tunnel_tx_window(t, kl2tp_now_ms());
		mutex_unlock(&t->lock);
		kl2tp_tunnel_destroy(t);
	}
}
