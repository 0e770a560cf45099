// SPDX-License-Identifier: GPL-2.0
/*
 * kl2tp: the LNS side of tunnel setup. Listeners take SCCRQs (Tunnel ID 0)
 * in softirq and queue them; their work answers each under kn->lock: the
 * retransmission of an SCCRQ already taken, admission of half-open
 * tunnels (design.md, "SCCRQ admission"), the peer and its secret, the
 * tie breaker (RFC 2661 4.4.3), then an SCCRP from a new tunnel.
 */
#include <linux/kernel.h>
#include <linux/ip.h>
#include <linux/slab.h>
#include <linux/udp.h>
#include <net/udp_tunnel.h>

#include "kl2tp.h"
#include "config.h"
#include "socket.h"
#include "tunnel.h"
#include "compat.h"

/* Softirq: a message for Tunnel ID 0. */
void kl2tp_listener_rx(struct kl2tp_sock *ks, struct sk_buff *skb)
{
	spin_lock(&ks->sccrq_q.lock);
	if (!READ_ONCE(ks->lns) ||
	    skb_queue_len(&ks->sccrq_q) >= KL2TP_LISTEN_RXQ_MAX) {
		spin_unlock(&ks->sccrq_q.lock);
		atomic64_inc(&ks->rx_drops);
		kfree_skb(skb);
		return;
	}
	__skb_queue_tail(&ks->sccrq_q, skb);
	spin_unlock(&ks->sccrq_q.lock);
	queue_work(kl2tp_wq, &ks->sccrq_work);
}

/*
 * kn->lock held: the tunnel an SCCRQ retransmission belongs to. The same
 * address, port and Assigned Tunnel ID: a LAC restarted on another port
 * that happens to reuse its old tunnel id opens a new tunnel.
 */
static struct kl2tp_tunnel *kl2tp_tunnel_find_peer(struct kl2tp_net *kn,
						   struct kl2tp_sock *ks,
						   const struct sk_buff *skb,
						   u16 peer_tid)
{
	__be16 rport = udp_hdr(skb)->source;
	struct kl2tp_tunnel *t;

	lockdep_assert_held(&kn->lock);
	list_for_each_entry(t, &kn->tunnels, list)
		if (!t->originator && t->ks == ks &&
		    kl2tp_sa_skb_src(&t->raddr, skb) &&
		    t->rport == rport && t->peer_tid == peer_tid &&
		    t->state != KL2TP_TUNNEL_CLOSING)
			return t;
	return NULL;
}

/*
 * RFC 2661 4.4.3: when both ends open a tunnel to each other at once, a
 * received Tie Breaker wins over an SCCRQ of ours sent without one (ours
 * never carry one): drop our pending attempt to that peer.
 */
static void kl2tp_tie_break(struct kl2tp_net *kn, const union kl2tp_sa *raddr)
{
	struct kl2tp_tunnel *t;

	list_for_each_entry(t, &kn->tunnels, list) {
		if (!t->originator || !kl2tp_sa_eq(&t->raddr, raddr))
			continue;
		mutex_lock(&t->lock);
		if (t->state == KL2TP_TUNNEL_WAIT_CTL_REPLY)
			kl2tp_tunnel_close(t, KL2TP_STOPCCN_RC_ALREADY_EXISTS, 0,
					   "lost the tie breaker");
		mutex_unlock(&t->lock);
	}
}

/* Refuse or accept a new tunnel; t->lock held. */
static void kl2tp_sccrq_answer(struct kl2tp_tunnel *t, struct kl2tp_lns *lns,
			       struct kl2tp_peer *peer,
			       const struct kl2tp_ctrl_msg *m)
{
	struct kl2tp_msgbuf mb;

	lockdep_assert_held(&t->lock);
	if (!kl2tp_tunnel_learn(t, m))
		return;
	if (lns->n_peers && !peer) {
		kl2tp_tunnel_bad_msg(t, KL2TP_STOPCCN_RC_NOT_AUTHORIZED, 0,
				     "peer not allowed");
		return;
	}
	if (lns->max_tunnels && lns->n_tunnels > lns->max_tunnels) {
		kl2tp_tunnel_bad_msg(t, KL2TP_STOPCCN_RC_GENERAL_ERROR,
				     KL2TP_ERR_NO_RESOURCES, "tunnel limit");
		return;
	}
	if (kl2tp_ctrl_has(m, KL2TP_AVP_CHALLENGE) && !t->secret.len) {
		kl2tp_tunnel_bad_msg(t, KL2TP_STOPCCN_RC_NOT_AUTHORIZED, 0,
				     "challenged, but no secret configured");
		return;
	}
	kl2tp_tunnel_msg_init(t, &mb, KL2TP_MSG_SCCRP);
	kl2tp_put_ctrl_avps(t, &mb);
	if (kl2tp_ctrl_has(m, KL2TP_AVP_CHALLENGE) &&
	    kl2tp_put_chal_response(t, &mb, KL2TP_MSG_SCCRP, &m->challenge))
		return;
	if (kl2tp_tunnel_send(t, 0, &mb)) {
		kl2tp_tunnel_close(t, KL2TP_STOPCCN_RC_GENERAL_ERROR,
				   KL2TP_ERR_NO_RESOURCES, NULL);
		return;
	}
	kl2tp_tunnel_set_state(t, KL2TP_TUNNEL_WAIT_CTL_CONN);
}

static void kl2tp_tunnel_apply_peer(struct kl2tp_tunnel *t,
				    const struct kl2tp_peer *peer)
{
	strscpy(t->peer_name, peer->name, sizeof(t->peer_name));
	t->secret = peer->secret;
	t->hidden = peer->hidden;
	/*
	 * Proxy LCP and authentication (ICCN) say "this user already proved
	 * who they are to me": only a LAC that proved who it is may say so,
	 * with the tunnel secret, or one the operator trusts by name.
	 */
	t->trust_proxy = peer->trust_proxy || peer->secret.len;
	t->hello = peer->hello;
	t->max_sessions = peer->max_sessions;
}

/*
 * kn->lock held. A tunnel of the listener answering the SCCRQ in @skb,
 * from the address the peer contacted to the address and port it sent
 * from. The caller delivers the SCCRQ (Ns 0) to its window.
 */
static struct kl2tp_tunnel *kl2tp_tunnel_accept(struct kl2tp_sock *ks,
						const struct sk_buff *skb,
						u16 peer_tid)
{
	struct kl2tp_tunnel *t;
	union kl2tp_sa raddr;

	lockdep_assert_held(&ks->kn->lock);
	kl2tp_sa_from_skb(&raddr, skb, true);
	t = kl2tp_tunnel_alloc(ks->kn, ks, &raddr);
	if (IS_ERR(t))
		return t;
	t->lns = ks->lns;
	t->lns->n_tunnels++;
	list_add_tail(&t->half_open_node, &ks->kn->half_open);
	kl2tp_tunnel_pin_port(t, udp_hdr(skb)->source);	/* the SCCRQ's */
	/* answer from the address used; nothing sends before this */
	kl2tp_sa_from_skb(&t->laddr, skb, false);
	t->peer_tid = peer_tid;
	return t;
}

/*
 * For admission, a peer we know: matched by address or holding a secret.
 * A peer matched by host name alone is anyone who sends that name.
 */
static bool kl2tp_peer_named(const struct kl2tp_peer *peer)
{
	return peer && (peer->has_addr || peer->secret.len);
}

/*
 * kn->lock held. Admission of a new tunnel for an SCCRQ from @saddr on
 * listener socket @ks. At most KL2TP_HALF_OPEN_MAX tunnels (dialled and
 * accepted) are being set up at once. When that many are, an SCCRQ that
 * may be answered (@may_evict) takes the slot of an accepted tunnel still
 * being set up: the oldest from its own address once that address holds
 * KL2TP_HALF_OPEN_SHARE of them (a flood from one address evicts itself),
 * else the oldest that is not a known peer's (a flood from many addresses
 * loses to known peers' tunnels, not the other way), else for a known
 * peer (@named) the oldest. The evicted tunnel goes without a StopCCN
 * (its source may be forged) and is counted on its listener. Nothing is
 * kept for an SCCRQ refused here. Established tunnels leave kn->half_open
 * here (set_state cannot take kn->lock), so the walk is bounded by the
 * tunnels set up since the last SCCRQ plus those still half-open.
 */
static bool kl2tp_sccrq_admit(struct kl2tp_net *kn,
			      const union kl2tp_sa *saddr, bool named,
			      bool may_evict)
{
	struct kl2tp_tunnel *t, *tmp, *same = NULL, *anon = NULL, *any = NULL;
	struct kl2tp_tunnel *victim;
	struct kl2tp_sock *vks;
	unsigned int n_same = 0;

	lockdep_assert_held(&kn->lock);
	list_for_each_entry_safe(t, tmp, &kn->half_open, half_open_node) {
		if (!READ_ONCE(t->half_open)) {
			list_del_init(&t->half_open_node);
			continue;
		}
		if (kl2tp_sa_eq(&t->raddr, saddr) && !n_same++)
			same = t;
		if (!anon && !t->named)
			anon = t;
		if (!any)
			any = t;
	}
	if (atomic_read(&kn->n_half_open) < KL2TP_HALF_OPEN_MAX)
		return true;
	if (!may_evict)
		return false;
	if (n_same >= KL2TP_HALF_OPEN_SHARE)
		victim = same;
	else
		victim = anon ?: named ? any : NULL;
	if (!victim)
		return false;
	/* an accepted tunnel's socket is its listener's, alive under kn->lock */
	vks = victim->ks;
	if (kl2tp_tunnel_destroy_half_open(victim))
		atomic64_inc(&vks->evicted);
	/* else it was established meanwhile: its slot is free all the same */
	return atomic_read(&kn->n_half_open) < KL2TP_HALF_OPEN_MAX;
}

/*
 * kn->lock held. An SCCRQ whose hidden AVPs we cannot decode (no secret,
 * or a different one): answer StopCCN "not authorized" through a short
 * lived tunnel, if the peer's Assigned Tunnel ID is readable. Consumes
 * @skb.
 */
static void kl2tp_sccrq_refuse(struct kl2tp_sock *ks, struct sk_buff *skb,
			       const u8 *payload, size_t len)
{
	struct kl2tp_net *kn = ks->kn;
	struct kl2tp_tunnel *t;
	union kl2tp_sa saddr;
	u16 peer_tid;

	lockdep_assert_held(&kn->lock);
	kl2tp_sa_from_skb(&saddr, skb, true);
	if (kl2tp_avp_peek_u16(payload, len, KL2TP_AVP_ASSIGNED_TUNNEL_ID,
			       &peer_tid) || !peer_tid ||
	    kl2tp_tunnel_find_peer(kn, ks, skb, peer_tid) ||
	    !kl2tp_sccrq_admit(kn, &saddr, false, false)) {
		atomic64_inc(&ks->rx_drops);
		kfree_skb(skb);
		return;
	}
	t = kl2tp_tunnel_accept(ks, skb, peer_tid);
	if (IS_ERR(t)) {
		kfree_skb(skb);
		return;
	}
	mutex_lock(&t->lock);
	kl2tp_cw_rx(&t->cw, 0, false, NULL, kl2tp_now_ms());
	kl2tp_tunnel_bad_msg(t, KL2TP_STOPCCN_RC_NOT_AUTHORIZED, 0,
			     "cannot decode hidden AVPs");
	mutex_unlock(&t->lock);
	kl2tp_tunnel_kick(t);
	consume_skb(skb);
}

/* kn->lock held. Consumes @skb. */
static void kl2tp_sccrq_handle(struct kl2tp_sock *ks, struct sk_buff *skb)
{
	struct kl2tp_net *kn = ks->kn;
	struct kl2tp_ctrl_msg *m = &ks->msg;
	struct kl2tp_lns *lns = ks->lns;
	struct kl2tp_peer *peer = NULL;
	struct kl2tp_tunnel *t;
	struct kl2tp_hdr h;
	bool accepted, named;
	union kl2tp_sa saddr;
	u8 *payload;
	int ret;

	lockdep_assert_held(&kn->lock);
	if (!lns || kn->dying || skb_linearize(skb) ||
	    skb_unclone(skb, GFP_KERNEL))
		goto drop;
	kl2tp_sa_from_skb(&saddr, skb, true);
	if (kl2tp_hdr_parse(&h, skb->data, skb->len, 0) ||
	    !kl2tp_hdr_is_ctrl(&h) || !h.payload_len || h.ns != 0)
		goto bad;
	payload = skb->data + h.payload_off;

	/* Hidden AVPs need the secret, and so the peer: find it by address. */
	ret = kl2tp_ctrl_parse(m, payload, h.payload_len, NULL, 0, NULL);
	if (ret == -ENOKEY || ret == -EINVAL) {
		peer = kl2tp_peer_match(kn, lns, &saddr,
					kl2tp_ctrl_has(m, KL2TP_AVP_HOST_NAME) ?
					&m->host_name : NULL);
		if (peer && peer->secret.len)
			ret = kl2tp_ctrl_parse(m, payload, h.payload_len,
					       peer->secret.data,
					       peer->secret.len, payload);
	}
	if (kl2tp_hidden_error(ret) || ret == -EINVAL) {
		kl2tp_sccrq_refuse(ks, skb, payload, h.payload_len);
		return;
	}
	if (ret || m->msg_type != KL2TP_MSG_SCCRQ ||
	    kl2tp_ctrl_msg_validate(m) || !m->assigned_tunnel_id) {
		net_dbg_ratelimited("error: %s: dropped bad SCCRQ from %pISc (error %d, AVP %u)\n",
				    lns->name, &saddr.sa, ret, m->err_type);
		goto bad;
	}

	t = kl2tp_tunnel_find_peer(kn, ks, skb, m->assigned_tunnel_id);
	if (t) {
		/* A retransmission: its window re-acks it. */
		refcount_inc(&t->ref);
		kl2tp_tunnel_rx(t, skb);
		kl2tp_tunnel_put(t);
		return;
	}
	if (!peer)
		peer = kl2tp_peer_match(kn, lns, &saddr, &m->host_name);
	named = kl2tp_peer_named(peer);
	/* a listener with a peer list refuses others: they may not evict */
	if (!kl2tp_sccrq_admit(kn, &saddr, named, peer || !lns->n_peers)) {
		net_info_ratelimited("%s: too many tunnels being set up, dropped SCCRQ from %pISc\n",
				     lns->name, &saddr.sa);
		goto bad;
	}

	/* known now, so that even a refusal (e.g. bad version) reaches it */
	t = kl2tp_tunnel_accept(ks, skb, m->assigned_tunnel_id);
	if (IS_ERR(t))
		goto drop;
	strscpy(t->hostname, lns->opts.hostname, sizeof(t->hostname));
	if (peer)
		kl2tp_tunnel_apply_peer(t, peer);
	t->named = named;

	mutex_lock(&t->lock);
	kl2tp_cw_rx(&t->cw, h.ns, false, NULL, kl2tp_now_ms());
	t->stats.ctrl_rx++;
	kl2tp_sccrq_answer(t, lns, peer, m);
	accepted = t->state == KL2TP_TUNNEL_WAIT_CTL_CONN;
	mutex_unlock(&t->lock);
	/* RFC 2661 4.4.3: our own attempt yields only to a tunnel we took */
	if (accepted && kl2tp_ctrl_has(m, KL2TP_AVP_TIE_BREAKER))
		kl2tp_tie_break(kn, &saddr);
	kl2tp_tunnel_kick(t);
	consume_skb(skb);
	return;
bad:
	atomic64_inc(&ks->rx_drops);
drop:
	kfree_skb(skb);
}

void kl2tp_sccrq_work(struct work_struct *work)
{
	struct kl2tp_sock *ks = container_of(work, struct kl2tp_sock,
					     sccrq_work);
	struct kl2tp_net *kn = ks->kn;
	struct sk_buff *skb;

	while ((skb = skb_dequeue(&ks->sccrq_q))) {
		mutex_lock(&kn->lock);
		kl2tp_sccrq_handle(ks, skb);
		mutex_unlock(&kn->lock);
		cond_resched();
	}
}
