// SPDX-License-Identifier: GPL-2.0
/*
 * Accounting records. A session of a listener that asks the AAA agent is
 * accounted: its Start (PPP up) and its Stop (the call's end, with its
 * counters and why it ended) wait in a queue of the namespace until the
 * agent says RADIUS accounting took them (KL2TP_CMD_AAA_ACCT_ACK). The
 * agent may be gone, restarted or slow: the records wait, bounded by
 * KL2TP_ACCT_QUEUE_MAX (the oldest goes first, counted). Interim updates
 * need no record: the agent reads the live sessions' counters.
 */
#include <linux/kernel.h>
#include <linux/random.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/timekeeping.h>

#include "kl2tp.h"
#include "acct.h"
#include "config.h"
#include "device.h"
#include "netlink.h"
#include "session.h"
#include "tunnel.h"

void kl2tp_acct_init(struct kl2tp_net *kn)
{
	mutex_init(&kn->acct_lock);
	INIT_LIST_HEAD(&kn->acct_q);
	/*
	 * Acct-Session-Ids go on from the namespace's creation time (above
	 * bit 20) and a random offset below: after a reboot, a module
	 * reload, or in another namespace, a RADIUS server does not see the
	 * ids it has seen. Below 2^53 for centuries: JSON readers that keep
	 * numbers as doubles get them exactly.
	 */
	atomic64_set(&kn->acct_ids, (u64)ktime_get_real_seconds() << 20 |
				    (get_random_u32() & 0x7ffff));
}

/* The namespace goes: its records with it (there is no agent left). */
void kl2tp_acct_uninit(struct kl2tp_net *kn)
{
	struct kl2tp_acct_rec *r, *tmp;

	list_for_each_entry_safe(r, tmp, &kn->acct_q, node) {
		list_del(&r->node);
		kfree(r);
	}
	kn->acct_n = 0;
}

/*
 * The tunnel lock held: queue a @type record of session @s and hand a copy
 * to the agent. A Stop takes the counters now, before the device goes.
 */
void kl2tp_acct_record(struct kl2tp_session *s, u8 type)
{
	struct kl2tp_tunnel *t = s->tunnel;
	struct kl2tp_net *kn = t->kn;
	struct kl2tp_acct_rec *r, *old = NULL;
	struct rtnl_link_stats64 st;
	struct sk_buff *msg;

	lockdep_assert_held(&t->lock);
	/* charged to the namespace's creator: a user namespace may fill it */
	r = kl2tp_fail() ? NULL : kzalloc(sizeof(*r), GFP_KERNEL_ACCOUNT);
	if (!r) {
		atomic64_inc(&kn->stats.acct_dropped);
		return;
	}
	r->acct_id = s->acct_id;
	r->type = type;
	r->time = ktime_get_real_seconds();
	r->tid = t->tid;
	r->sid = s->sid;
	r->addr = s->up_addr;
	r->raddr = t->raddr;
	r->laddr = t->laddr;
	r->prefix6 = s->acct_pfx6;
	r->prefix6_len = s->acct_pfx6_len;
	r->pd_pfx = s->acct_pd;
	r->pd_len = s->acct_pd_len;
	r->interim = s->acct_interim;
	if (t->lns)
		strscpy(r->listener, t->lns->name, sizeof(r->listener));
	strscpy(r->user, s->user, sizeof(r->user));
	if (s->calling)
		strscpy(r->calling, s->calling, sizeof(r->calling));
	if (s->called)
		strscpy(r->called, s->called, sizeof(r->called));
	if (s->acct_class) {
		r->class_len = s->acct_class_len;
		memcpy(r->class, s->acct_class, r->class_len);
	}
	if (type == KL2TP_ACCT_STOP) {
		kl2tp_dev_stats(s, &st);
		r->rx_packets = st.rx_packets;
		r->rx_bytes = st.rx_bytes;
		r->tx_packets = st.tx_packets;
		r->tx_bytes = st.tx_bytes;
		r->session_time = (jiffies - s->up_since) / HZ;
		r->cause = s->acct_cause;
	}

	mutex_lock(&kn->acct_lock);
	r->id = ++kn->acct_last;
	if (kn->acct_n == KL2TP_ACCT_QUEUE_MAX) {
		old = list_first_entry(&kn->acct_q, struct kl2tp_acct_rec, node);
		list_del(&old->node);
		kn->acct_n--;
		atomic64_inc(&kn->stats.acct_dropped);
	}
	/* the copy for the agent, made before the agent can take it away */
	msg = kl2tp_acct_msg(kn, r);
	list_add_tail(&r->node, &kn->acct_q);
	kn->acct_n++;
	mutex_unlock(&kn->acct_lock);
	if (old)
		pr_warn_ratelimited("accounting queue full (%u): the oldest record is lost\n",
				    KL2TP_ACCT_QUEUE_MAX);
	kfree(old);
	if (msg)
		kl2tp_aaa_send(kn, msg);
}

/* The agent's acknowledgment: 0, or -ENOENT when @id is not queued. */
int kl2tp_acct_ack(struct kl2tp_net *kn, u64 id)
{
	struct kl2tp_acct_rec *r;

	mutex_lock(&kn->acct_lock);
	list_for_each_entry(r, &kn->acct_q, node) {
		if (r->id == id) {
			list_del(&r->node);
			kn->acct_n--;
			mutex_unlock(&kn->acct_lock);
			kfree(r);
			return 0;
		}
		if (r->id > id)
			break;
	}
	mutex_unlock(&kn->acct_lock);
	return -ENOENT;
}
