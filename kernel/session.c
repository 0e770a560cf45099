// SPDX-License-Identifier: GPL-2.0
/*
 * kl2tp: L2TPv2 sessions (calls) inside a tunnel: ICRQ/ICRP/ICCN, CDN,
 * OCRQ refused, WEN and SLI accepted (RFC 2661 sections 6 and 7.4).
 *
 * Everything here runs under the tunnel's mutex, from its work item or
 * from netlink.
 */
#include <linux/ctype.h>
#include <linux/kernel.h>
#include <linux/random.h>
#include <linux/slab.h>

#include "kl2tp.h"
#include "config.h"
#include "tunnel.h"
#include "session.h"
#include "ppp.h"
#include "netlink.h"
#include "acct.h"
#include "pool.h"
#include "compat.h"

static const char * const session_state_names[] = {
	[KL2TP_SESSION_IDLE] = "idle",
	[KL2TP_SESSION_WAIT_TUNNEL] = "wait-tunnel",
	[KL2TP_SESSION_WAIT_REPLY] = "wait-reply",
	[KL2TP_SESSION_WAIT_CONNECT] = "wait-connect",
	[KL2TP_SESSION_ESTABLISHED] = "established",
	[KL2TP_SESSION_PPP_LCP] = "ppp-lcp",
	[KL2TP_SESSION_PPP_AUTH] = "ppp-auth",
	[KL2TP_SESSION_PPP_NETWORK] = "ppp-network",
	[KL2TP_SESSION_UP] = "up",
	[KL2TP_SESSION_CLOSING] = "closing",
};

const char *kl2tp_session_state_name(u8 state)
{
	if (state < ARRAY_SIZE(session_state_names))
		return session_state_names[state];
	return "unknown";
}

struct kl2tp_session *kl2tp_session_get(struct kl2tp_net *kn, u16 sid)
{
	struct kl2tp_hashes *h = kl2tp_hashes(kn);
	struct kl2tp_session *s;

	if (!h)
		return NULL;
	rcu_read_lock();
	hash_for_each_possible_rcu(h->session, s, hnode, sid) {
		if (s->sid == sid && refcount_inc_not_zero(&s->ref)) {
			rcu_read_unlock();
			return s;
		}
	}
	rcu_read_unlock();
	return NULL;
}

static void kl2tp_session_free_rcu(struct rcu_head *head)
{
	struct kl2tp_session *s = container_of(head, struct kl2tp_session, rcu);

	kl2tp_ppp_free(s);
	kfree(s->acct_class);
	kfree(s->calling);
	kfree(s->called);
	skb_queue_purge(&s->early_q);
	kl2tp_tunnel_put(s->tunnel);
	kfree(s);
}

void kl2tp_session_put(struct kl2tp_session *s)
{
	/* not lazy: the free drops a tunnel reference a netns exit waits on */
	if (refcount_dec_and_test(&s->ref))
		call_rcu_hurry(&s->rcu, kl2tp_session_free_rcu);
}

void kl2tp_session_set_state(struct kl2tp_session *s, u8 state)
{
	if (s->state == state)
		return;
	pr_debug("event: session %u/%u: %s -> %s\n", s->tunnel->tid, s->sid,
		 kl2tp_session_state_name(s->state),
		 kl2tp_session_state_name(state));
	s->state = state;
	kl2tp_event_session(s, KL2TP_EVENT_SESSION_STATE);
}

/* t->lock held. A new session with a local id unique in the namespace. */
static struct kl2tp_session *kl2tp_session_alloc(struct kl2tp_tunnel *t)
{
	struct kl2tp_net *kn = t->kn;
	unsigned long *map = kn->hashes->sid_used;
	struct kl2tp_session *s;
	unsigned int start, sid;

	lockdep_assert_held(&t->lock);
	s = kl2tp_fail() ? NULL : kzalloc(sizeof(*s), GFP_KERNEL);
	if (!s)
		return NULL;
	refcount_set(&s->ref, 1);	/* the tunnel's list reference */
	refcount_inc(&t->ref);
	s->tunnel = t;
	s->created = jiffies;
	INIT_LIST_HEAD(&s->setup_node);
	skb_queue_head_init(&s->early_q);

	/*
	 * The first free id a little (at random) past the last one given:
	 * every id can be used as the 16-bit space fills up, and a freed id
	 * is not given again at once (late data for the old call).
	 */
	spin_lock_bh(&kn->hash_lock);
	start = (kn->hashes->sid_next + (get_random_u32() & 0xff)) & 0xffff;
	sid = find_next_zero_bit(map, 65536, start);
	if (sid >= 65536)
		sid = find_first_zero_bit(map, 65536);
	if (sid < 65536) {
		kn->hashes->sid_next = sid + 1;
		__set_bit(sid, map);
		s->sid = sid;
		hash_add_rcu(kn->hashes->session, &s->hnode, sid);
	}
	spin_unlock_bh(&kn->hash_lock);
	if (!s->sid) {
		kl2tp_tunnel_put(t);
		kfree(s);
		return NULL;
	}
	list_add_tail(&s->tlist, &t->sessions);
	t->n_sessions++;
	atomic_inc(&kn->n_sessions);
	if (t->lns)
		atomic_inc(&t->lns->n_sessions);
	return s;
}

static u32 kl2tp_peer_key(const struct kl2tp_tunnel *t, u16 peer_sid)
{
	return (u32)t->tid << 16 | peer_sid;
}

/*
 * t->lock held: the session of @t with our id @sid or, when @sid is 0, the
 * peer's id @peer_sid. The hashes hold every tunnel's sessions, but those
 * of @t only change under its lock: what is found stays valid.
 */
static struct kl2tp_session *kl2tp_session_find(struct kl2tp_tunnel *t,
						u16 sid, u16 peer_sid)
{
	struct kl2tp_hashes *h = t->kn->hashes;
	struct kl2tp_session *s, *found = NULL;

	lockdep_assert_held(&t->lock);
	rcu_read_lock();
	if (sid) {
		hash_for_each_possible_rcu(h->session, s, hnode, sid)
			if (s->sid == sid && s->tunnel == t) {
				found = s;
				break;
			}
	} else if (peer_sid) {
		hash_for_each_possible_rcu(h->peer, s, pnode,
					   kl2tp_peer_key(t, peer_sid))
			if (s->peer_sid == peer_sid && s->tunnel == t) {
				found = s;
				break;
			}
	}
	rcu_read_unlock();
	return found;
}

/* t->lock held: the peer's id for @s is known, once. */
static void kl2tp_session_set_peer(struct kl2tp_tunnel *t,
				   struct kl2tp_session *s, u16 peer_sid)
{
	struct kl2tp_net *kn = t->kn;

	lockdep_assert_held(&t->lock);
	s->peer_sid = peer_sid;
	spin_lock_bh(&kn->hash_lock);
	hash_add_rcu(kn->hashes->peer, &s->pnode, kl2tp_peer_key(t, peer_sid));
	spin_unlock_bh(&kn->hash_lock);
}

static void kl2tp_session_close(struct kl2tp_session *s, u16 result,
				u16 error, bool send_cdn);

/*
 * t->lock held: the call now waits for the peer (our ICRQ is on the wire,
 * or our ICRP): kl2tp_session_setup_expire() ends it if no answer comes.
 */
static void kl2tp_session_setup_start(struct kl2tp_session *s)
{
	lockdep_assert_held(&s->tunnel->lock);
	s->setup_since = jiffies;
	list_add_tail(&s->setup_node, &s->tunnel->setup);
}

/* t->lock held: the peer answered, or the call ends. */
static void kl2tp_session_setup_done(struct kl2tp_session *s)
{
	lockdep_assert_held(&s->tunnel->lock);
	list_del_init(&s->setup_node);
}

/*
 * t->lock held, from the tunnel's work: end the calls whose peer did not
 * answer our ICRQ (with an ICRP) or our ICRP (with an ICCN) within
 * call_setup_timeout seconds. The control channel delivers every message
 * or gives up on the tunnel, so this catches the answer the peer never
 * sent: it could not allocate it, nor the CDN that should have replaced
 * it, or it never completes calls. Lowers @next to when the oldest call
 * left is due. Returns true when it ended calls (their CDNs are queued).
 */
bool kl2tp_session_setup_expire(struct kl2tp_tunnel *t, unsigned long *next)
{
	unsigned long secs = min(READ_ONCE(kl2tp_call_setup_timeout), 86400U);
	struct kl2tp_session *s;
	unsigned int ended = 0;
	unsigned long due;

	lockdep_assert_held(&t->lock);
	if (!secs || t->state != KL2TP_TUNNEL_ESTABLISHED)
		return false;
	/* a bounded pass: each ends with a CDN, which waits for a send slot */
	while (ended < KL2TP_SETUP_EXPIRE_BATCH &&
	       (s = list_first_entry_or_null(&t->setup, struct kl2tp_session,
					     setup_node))) {
		due = s->setup_since + secs * HZ;
		if (time_before(jiffies, due)) {
			if (time_before(due, *next))
				*next = due;
			break;
		}
		net_info_ratelimited("tunnel %u: call %u: no %s from the peer in %lu s\n",
				     t->tid, s->sid, s->originator ? "ICRP" : "ICCN",
				     secs);
		t->stats.call_timeouts++;
		s->message = "call setup timed out";
		kl2tp_session_end(s, KL2TP_CDN_RC_TIMEOUT, 0, true);
		ended++;
	}
	return ended > 0;
}

/* Send a CDN for peer session @peer_sid (ours: @sid, may be 0). */
static void kl2tp_send_cdn(struct kl2tp_tunnel *t, u16 sid, u16 peer_sid,
			   u16 result, u16 error, const char *msg)
{
	struct kl2tp_msgbuf mb;

	kl2tp_tunnel_msg_init(t, &mb, KL2TP_MSG_CDN);
	kl2tp_avp_put_result_code(&mb, KL2TP_AVP_M, result,
				  error || msg ? error : -1, msg);
	kl2tp_avp_put_u16(&mb, KL2TP_AVP_M | kl2tp_hide(&mb),
			  KL2TP_AVP_ASSIGNED_SESSION_ID, sid);
	kl2tp_tunnel_send(t, peer_sid, &mb);
}

/*
 * An ICRP for a call of ours that is gone (@sid: our id it named): the
 * peer's session @peer_sid ends too. Never a CDN to Session ID 0 instead:
 * xl2tpd takes one for its whole tunnel.
 */
static void kl2tp_refuse_late_icrp(struct kl2tp_tunnel *t, u16 sid,
				   u16 peer_sid)
{
	kl2tp_send_cdn(t, sid, peer_sid, KL2TP_CDN_RC_GENERAL_ERROR,
		       KL2TP_ERR_BAD_SESSION_ID, NULL);
}

/*
 * Who is on the call, for the log: the name the LNS authenticated or the
 * client's, printable characters only (a peer chose it), in @buf.
 */
static const char *kl2tp_session_user(const struct kl2tp_session *s,
				      char buf[KL2TP_NAME_MAX])
{
	unsigned int i;

	for (i = 0; i < KL2TP_NAME_MAX - 1 && s->user[i]; i++)
		buf[i] = isprint(s->user[i]) && s->user[i] != ' ' ?
			 s->user[i] : '?';
	buf[i] = '\0';
	return i ? buf : "-";
}

/*
 * t->lock held: the call's PPP came up for the first time, with @addr the
 * subscriber's address (the user's on an LNS, ours on a client): count it,
 * keep what its down line says, log it. A call of a listener that asks
 * the AAA agent is accounted from now on, with @a (what its AAA server
 * said, or NULL) for its records.
 */
void kl2tp_session_first_up(struct kl2tp_session *s, __be32 addr,
			    const struct kl2tp_aaa_attrs *a)
{
	struct kl2tp_tunnel *t = s->tunnel;
	char user[KL2TP_NAME_MAX];

	lockdep_assert_held(&t->lock);
	s->was_up = true;
	s->up_since = jiffies;
	s->up_addr = addr;
	atomic64_inc(&t->kn->stats.sessions_up);
	pr_info_ratelimited("session %u/%u up: user %s, address %pI4, tunnel peer %pISc (%s)\n",
			    t->tid, s->sid, kl2tp_session_user(s, user), &addr,
			    &t->raddr.sa, t->remote_name);
	if (!t->lns || READ_ONCE(t->lns->aaa) == KL2TP_AAA_LOCAL)
		return;
	s->acct_id = atomic64_inc_return(&t->kn->acct_ids);
	if (a) {
		s->acct_interim = a->acct_interim;
		if (a->class_len) {
			s->acct_class = kl2tp_fail() ? NULL :
					kmemdup(a->class, a->class_len,
						GFP_KERNEL_ACCOUNT);
			if (s->acct_class)
				s->acct_class_len = a->class_len;
		}
	}
	kl2tp_acct_record(s, KL2TP_ACCT_START);
}

/* Why an accounted call ended, as RFC 2866's Acct-Terminate-Cause. */
static u8 kl2tp_session_acct_cause(const struct kl2tp_session *s)
{
	const struct kl2tp_tunnel *t = s->tunnel;

	if (t->kn->dying)
		return KL2TP_ACCT_NAS_REBOOT;
	if (s->acct_cause)
		return s->acct_cause;
	/* the LAC's CDN (its tunnel's end: lost carrier, below) */
	if (!s->local_close)
		return s->result == KL2TP_CDN_RC_LOST_CARRIER ?
		       KL2TP_ACCT_LOST_CARRIER : KL2TP_ACCT_USER_REQUEST;
	if (s->result == KL2TP_CDN_RC_ADMIN)
		return KL2TP_ACCT_ADMIN_RESET;
	if (s->result == KL2TP_CDN_RC_LOST_CARRIER)
		return KL2TP_ACCT_LOST_CARRIER;
	return KL2TP_ACCT_NAS_ERROR;
}

/*
 * t->lock held. End a session: tell the peer with a CDN if @send_cdn,
 * unhash it, tell its client, drop the tunnel's reference. Outside a
 * tunnel teardown, through kl2tp_session_end().
 */
static void kl2tp_session_close(struct kl2tp_session *s, u16 result,
				u16 error, bool send_cdn)
{
	struct kl2tp_tunnel *t = s->tunnel;
	struct kl2tp_net *kn = t->kn;
	char user[KL2TP_NAME_MAX];

	lockdep_assert_held(&t->lock);
	if (test_and_set_bit(KL2TP_SF_DEAD, &s->flags))
		return;
	/*
	 * A call whose ICRQ still waits: the peer never hears of it. One whose
	 * ICRQ is out gets no CDN before the peer's ICRP names its session
	 * (xl2tpd takes a CDN to Session ID 0 for its whole tunnel): the late
	 * ICRP is answered with one (kl2tp_session_rx()).
	 */
	if (s->icrq) {
		kl2tp_tunnel_unqueue(t, s->icrq);
		s->icrq = NULL;
	}
	kl2tp_session_setup_done(s);
	kl2tp_session_started(s);
	if (send_cdn && s->peer_sid && t->state == KL2TP_TUNNEL_ESTABLISHED)
		kl2tp_send_cdn(t, s->sid, s->peer_sid, result, error,
			       s->message);
	if (!s->result) {
		s->result = result;
		s->error = error;
		/* ours, or part of a tunnel teardown that is ours */
		s->local_close = send_cdn || t->local_close;
	}
	kl2tp_count_end(kn->stats.session_ends, s->local_close, s->result);
	if (s->acct_id) {
		s->acct_cause = kl2tp_session_acct_cause(s);
		kl2tp_acct_record(s, KL2TP_ACCT_STOP);
	}
	if (s->was_up)
		pr_info_ratelimited("session %u/%u down after %lu s: user %s, address %pI4, tunnel peer %pISc (%s), result %u (%s) by %s\n",
				    t->tid, s->sid, (jiffies - s->up_since) / HZ,
				    kl2tp_session_user(s, user), &s->up_addr, &t->raddr.sa,
				    t->remote_name, s->result,
				    kl2tp_result_name(KL2TP_MSG_CDN, s->result),
				    s->local_close ? "us" : "the peer");
	pr_debug("event: session %u/%u closed: result %u (%s) error %u\n", t->tid,
		 s->sid, result, kl2tp_result_name(KL2TP_MSG_CDN, result), error);
	kl2tp_session_set_state(s, KL2TP_SESSION_CLOSING);
	kl2tp_event_session(s, KL2TP_EVENT_SESSION_DOWN);
	kl2tp_ppp_stop(s);

	spin_lock_bh(&kn->hash_lock);
	hash_del_rcu(&s->hnode);
	if (s->peer_sid)
		hash_del_rcu(&s->pnode);
	__clear_bit(s->sid, kn->hashes->sid_used);
	spin_unlock_bh(&kn->hash_lock);
	list_del(&s->tlist);
	kl2tp_gen_bump(&kn->session_gen);	/* a dump's positions moved */
	t->n_sessions--;
	atomic_dec(&kn->n_sessions);
	if (t->lns)
		atomic_dec(&t->lns->n_sessions);
	if (s->client) {
		kl2tp_client_session_down(s->client);
		s->client = NULL;
	}
	kl2tp_session_put(s);
}

void kl2tp_session_close_all(struct kl2tp_tunnel *t)
{
	/* the operator's tunnel reset, listener removal or flush */
	bool admin = t->local_close &&
		     (t->result == KL2TP_STOPCCN_RC_CLEAR ||
		      t->result == KL2TP_STOPCCN_RC_SHUTTING_DOWN);
	struct kl2tp_session *s, *tmp;

	list_for_each_entry_safe(s, tmp, &t->sessions, tlist) {
		if (admin && !s->acct_cause)
			s->acct_cause = KL2TP_ACCT_ADMIN_RESET;
		kl2tp_session_close(s, KL2TP_CDN_RC_LOST_CARRIER, 0, false);
	}
}

/*
 * t->lock held. A tunnel we opened for clients goes when its last session
 * does (RFC 2661 leaves it to the LAC; keeping idle tunnels would only hold
 * state).
 */
void kl2tp_tunnel_idle_check(struct kl2tp_tunnel *t)
{
	lockdep_assert_held(&t->lock);
	if (t->originator && !t->n_sessions &&
	    !test_bit(KL2TP_TF_DEAD, &t->flags) &&
	    t->state == KL2TP_TUNNEL_ESTABLISHED)
		kl2tp_tunnel_close(t, KL2TP_STOPCCN_RC_CLEAR, 0, "no sessions");
}

/*
 * t->lock held. The one way a call ends outside a tunnel teardown (the
 * operator, a client, PPP, the peer, the setup deadline): close it, with a
 * CDN if @send_cdn; a tunnel of ours left without calls goes
 * (kl2tp_tunnel_idle_check()); the tunnel's work sends what that queued.
 */
void kl2tp_session_end(struct kl2tp_session *s, u16 result, u16 error,
		       bool send_cdn)
{
	struct kl2tp_tunnel *t = s->tunnel;

	lockdep_assert_held(&t->lock);
	kl2tp_session_close(s, result, error, send_cdn);
	kl2tp_tunnel_idle_check(t);
	kl2tp_tunnel_kick(t);
}

static void kl2tp_send_icrq(struct kl2tp_session *s)
{
	struct kl2tp_tunnel *t = s->tunnel;
	struct kl2tp_msgbuf mb;

	s->call_serial = atomic_inc_return(&t->kn->call_serial);
	kl2tp_tunnel_msg_init(t, &mb, KL2TP_MSG_ICRQ);
	kl2tp_avp_put_u16(&mb, KL2TP_AVP_M | kl2tp_hide(&mb),
			  KL2TP_AVP_ASSIGNED_SESSION_ID, s->sid);
	kl2tp_avp_put_u32(&mb, KL2TP_AVP_M | kl2tp_hide(&mb),
			  KL2TP_AVP_CALL_SERIAL, s->call_serial);
	kl2tp_avp_put_u32(&mb, KL2TP_AVP_M | kl2tp_hide(&mb),
			  KL2TP_AVP_BEARER_TYPE, KL2TP_BEARER_DIGITAL);
	if (s->calling)
		kl2tp_avp_put_string(&mb, KL2TP_AVP_M | kl2tp_hide(&mb),
				     KL2TP_AVP_CALLING_NUMBER, s->calling);
	if (s->called)
		kl2tp_avp_put_string(&mb, KL2TP_AVP_M | kl2tp_hide(&mb),
				     KL2TP_AVP_CALLED_NUMBER, s->called);
	if (kl2tp_tunnel_send_queued(t, 0, s->sid, &mb, &s->icrq)) {
		kl2tp_session_close(s, KL2TP_CDN_RC_NO_FACILITIES_TEMP,
				    KL2TP_ERR_NO_RESOURCES, false);
		return;
	}
	if (!s->icrq)
		kl2tp_session_setup_start(s);
	s->starting = true;
	t->n_starting++;
	kl2tp_session_set_state(s, KL2TP_SESSION_WAIT_REPLY);
}

/*
 * t->lock held: our call @s is up or gone, so another may start. A burst
 * of calls (10,000 clients up at once) is set up call_starting_max at a
 * time: the rest wait as ICRQs in the backlog, instead of all of them
 * running PPP at once, where their restart timers would multiply the
 * work of a busy host until calls fail.
 */
void kl2tp_session_started(struct kl2tp_session *s)
{
	struct kl2tp_tunnel *t = s->tunnel;

	lockdep_assert_held(&t->lock);
	if (!s->starting)
		return;
	s->starting = false;
	t->n_starting--;
	if (t->n_backlog_new)
		kl2tp_tunnel_kick(t);
}

/* t->lock held: the ICRQ of our call @sid left the backlog for the wire. */
void kl2tp_session_icrq_sent(struct kl2tp_tunnel *t, u16 sid)
{
	struct kl2tp_session *s;

	lockdep_assert_held(&t->lock);
	s = kl2tp_session_find(t, sid, 0);
	if (s && s->icrq) {
		s->icrq = NULL;
		if (s->state == KL2TP_SESSION_WAIT_REPLY)
			kl2tp_session_setup_start(s);
	}
}

/* t->lock held: may one more of our calls' ICRQ go out now? */
bool kl2tp_tunnel_may_start(const struct kl2tp_tunnel *t)
{
	unsigned int max = READ_ONCE(kl2tp_call_starting_max);

	lockdep_assert_held(&t->lock);
	/* those not sent yet are counted too: they are in the backlog */
	return !max || t->n_starting - t->n_backlog_new < max;
}

/* t->lock held: the tunnel came up, place the calls waiting for it. */
void kl2tp_session_tunnel_up(struct kl2tp_tunnel *t)
{
	struct kl2tp_session *s, *tmp;

	lockdep_assert_held(&t->lock);
	list_for_each_entry_safe(s, tmp, &t->sessions, tlist)
		if (s->state == KL2TP_SESSION_WAIT_TUNNEL)
			kl2tp_send_icrq(s);
}

/*
 * kn->lock held. Place a call for client @c in tunnel @t (now, or when the
 * tunnel is up). Returns the session with a reference for the client.
 */
struct kl2tp_session *kl2tp_session_dial(struct kl2tp_tunnel *t,
					 struct kl2tp_client *c)
{
	char *calling = NULL, *called = NULL;
	struct kl2tp_session *s;

	lockdep_assert_held(&t->kn->lock);
	if (c->calling[0])
		calling = kstrdup(c->calling, GFP_KERNEL_ACCOUNT);
	if (c->called[0])
		called = kstrdup(c->called, GFP_KERNEL_ACCOUNT);
	if ((c->calling[0] && !calling) || (c->called[0] && !called)) {
		s = ERR_PTR(-ENOMEM);
		goto out;
	}
	mutex_lock(&t->lock);
	if (t->state == KL2TP_TUNNEL_CLOSING ||
	    test_bit(KL2TP_TF_DEAD, &t->flags)) {
		mutex_unlock(&t->lock);
		s = ERR_PTR(-ENOTCONN);
		goto out;
	}
	s = kl2tp_session_alloc(t);
	if (!s) {
		mutex_unlock(&t->lock);
		s = ERR_PTR(-ENOMEM);
		goto out;
	}
	s->calling = calling;
	s->called = called;
	calling = NULL;
	called = NULL;
	s->originator = true;
	s->client = c;
	strscpy(s->user, c->user, sizeof(s->user));
	refcount_inc(&s->ref);		/* the client's */
	s->state = KL2TP_SESSION_WAIT_TUNNEL;
	if (t->state == KL2TP_TUNNEL_ESTABLISHED)
		kl2tp_send_icrq(s);
	mutex_unlock(&t->lock);
	kl2tp_tunnel_kick(t);
out:
	kfree(calling);
	kfree(called);
	return s;
}

static bool kl2tp_session_admit(struct kl2tp_tunnel *t)
{
	struct kl2tp_lns *lns = t->lns;
	u32 max;

	if (t->max_sessions && t->n_sessions >= t->max_sessions)
		return false;
	max = lns ? READ_ONCE(lns->max_sessions) : 0;	/* kl2tp_lns_set() */
	if (max && atomic_read(&lns->n_sessions) >= max)
		return false;
	return true;
}

/*
 * A Calling or Called Number AVP to keep as a string: at most
 * KL2TP_CALL_NUMBER_MAX - 1 bytes of it, each outside printable ASCII as
 * '?'. NULL when absent or empty, or without memory (it is only reported).
 */
static char *kl2tp_call_number(const struct kl2tp_avp_val *v)
{
	size_t len = min_t(size_t, v->len, KL2TP_CALL_NUMBER_MAX - 1);
	char *str;

	if (!v->data || !len)
		return NULL;
	str = kmalloc(len + 1, GFP_KERNEL_ACCOUNT);
	if (str)
		kl2tp_copy_name(str, len + 1, v);
	return str;
}

static void kl2tp_rx_icrq(struct kl2tp_tunnel *t, const struct kl2tp_hdr *h,
			  const struct kl2tp_ctrl_msg *m)
{
	struct kl2tp_session *s;
	struct kl2tp_msgbuf mb;
	u16 peer_sid = m->assigned_session_id;

	if (!peer_sid) {
		t->stats.ctrl_errors++;
		return;
	}
	if (!t->lns) {
		/* We dial out; we do not answer calls on our tunnels. */
		kl2tp_send_cdn(t, 0, peer_sid, KL2TP_CDN_RC_NO_FACILITIES_PERM,
			       0, "incoming calls not accepted");
		return;
	}
	if (kl2tp_session_find(t, 0, peer_sid)) {
		t->stats.ctrl_errors++;	/* a second ICRQ for a live call */
		return;
	}
	if (!kl2tp_session_admit(t)) {
		kl2tp_send_cdn(t, 0, peer_sid, KL2TP_CDN_RC_NO_FACILITIES_TEMP,
			       KL2TP_ERR_NO_RESOURCES, "session limit");
		return;
	}
	s = kl2tp_session_alloc(t);
	if (!s) {
		kl2tp_send_cdn(t, 0, peer_sid, KL2TP_CDN_RC_NO_FACILITIES_TEMP,
			       KL2TP_ERR_NO_RESOURCES, NULL);
		return;
	}
	kl2tp_session_set_peer(t, s, peer_sid);
	s->call_serial = m->call_serial;
	s->calling = kl2tp_call_number(&m->calling_number);
	s->called = kl2tp_call_number(&m->called_number);
	s->sequencing = READ_ONCE(t->lns->sequencing);	/* kl2tp_lns_set() */
	kl2tp_tunnel_msg_init(t, &mb, KL2TP_MSG_ICRP);
	kl2tp_avp_put_u16(&mb, KL2TP_AVP_M | kl2tp_hide(&mb),
			  KL2TP_AVP_ASSIGNED_SESSION_ID, s->sid);
	if (kl2tp_tunnel_send(t, peer_sid, &mb)) {
		/* the LAC's call would wait for an ICRP forever: tell it */
		kl2tp_session_end(s, KL2TP_CDN_RC_NO_FACILITIES_TEMP,
				  KL2TP_ERR_NO_RESOURCES, true);
		return;
	}
	s->state = KL2TP_SESSION_WAIT_CONNECT;
	kl2tp_session_setup_start(s);
	kl2tp_event_session(s, KL2TP_EVENT_SESSION_STATE);
}

static void kl2tp_rx_icrp(struct kl2tp_tunnel *t, struct kl2tp_session *s,
			  const struct kl2tp_ctrl_msg *m)
{
	struct kl2tp_msgbuf mb;

	if (s->peer_sid && m->assigned_session_id &&
	    m->assigned_session_id != s->peer_sid) {
		/* late, for an earlier call that had our id: end that one */
		kl2tp_refuse_late_icrp(t, s->sid, m->assigned_session_id);
		return;
	}
	kl2tp_session_setup_done(s);
	/* (an ICRP for a call whose ICRQ we have not sent is forged) */
	if (s->state != KL2TP_SESSION_WAIT_REPLY || s->icrq ||
	    !m->assigned_session_id) {
		kl2tp_session_end(s, KL2TP_CDN_RC_GENERAL_ERROR,
				  KL2TP_ERR_BAD_VALUE, true);
		return;
	}
	kl2tp_session_set_peer(t, s, m->assigned_session_id);
	kl2tp_tunnel_msg_init(t, &mb, KL2TP_MSG_ICCN);
	kl2tp_avp_put_u32(&mb, KL2TP_AVP_M | kl2tp_hide(&mb),
			  KL2TP_AVP_TX_CONNECT_SPEED, 100000000);
	kl2tp_avp_put_u32(&mb, KL2TP_AVP_M | kl2tp_hide(&mb),
			  KL2TP_AVP_FRAMING_TYPE, KL2TP_FRAMING_SYNC);
	if (kl2tp_tunnel_send_call(t, s->peer_sid, s->sid, &mb)) {
		kl2tp_session_end(s, KL2TP_CDN_RC_NO_FACILITIES_TEMP,
				  KL2TP_ERR_NO_RESOURCES, true);
		return;
	}
	/* PPP starts once the LNS has the ICCN: kl2tp_session_iccn_acked() */
	kl2tp_session_set_state(s, KL2TP_SESSION_ESTABLISHED);
}

/*
 * t->lock held: the LNS acknowledged the ICCN of our session @sid, so it
 * has connected the call: start its PPP. Not earlier: the ICCN may wait
 * for a send slot (behind other calls, or a slow LNS's small window) longer
 * than our LCP waits for an answer, and an LNS drops PPP frames for a call
 * it has not connected yet.
 */
void kl2tp_session_iccn_acked(struct kl2tp_tunnel *t, u16 sid)
{
	struct kl2tp_session *s;

	lockdep_assert_held(&t->lock);
	s = kl2tp_session_get(t->kn, sid);
	if (!s)
		return;
	if (s->tunnel == t && s->originator &&
	    s->state == KL2TP_SESSION_ESTABLISHED &&
	    !test_bit(KL2TP_SF_DEAD, &s->flags))
		kl2tp_ppp_start(s, NULL);
	kl2tp_session_put(s);
}

static void kl2tp_rx_iccn(struct kl2tp_tunnel *t, struct kl2tp_session *s,
			  const struct kl2tp_ctrl_msg *m)
{
	kl2tp_session_setup_done(s);
	if (s->state != KL2TP_SESSION_WAIT_CONNECT) {
		kl2tp_session_end(s, KL2TP_CDN_RC_GENERAL_ERROR,
				  KL2TP_ERR_BAD_VALUE, true);
		return;
	}
	if (kl2tp_ctrl_has(m, KL2TP_AVP_SEQUENCING_REQUIRED))
		s->sequencing = true;
	if (s->sequencing)
		WRITE_ONCE(s->data_seq, true);
	kl2tp_session_set_state(s, KL2TP_SESSION_ESTABLISHED);
	kl2tp_ppp_start(s, m);
}

static void kl2tp_rx_cdn(struct kl2tp_tunnel *t, struct kl2tp_session *s,
			 const struct kl2tp_ctrl_msg *m)
{
	s->result = m->result.result;
	s->error = m->result.has_error ? m->result.error : 0;
	s->local_close = false;
	kl2tp_session_end(s, s->result, s->error, false);
}

/* t->lock held, tunnel established: a session message, in order. */
void kl2tp_session_rx(struct kl2tp_tunnel *t, const struct kl2tp_hdr *h,
		      struct kl2tp_ctrl_msg *m)
{
	struct kl2tp_session *s;
	u16 peer_sid = 0;

	lockdep_assert_held(&t->lock);
	switch (m->msg_type) {
	case KL2TP_MSG_ICRQ:
		kl2tp_rx_icrq(t, h, m);
		return;
	case KL2TP_MSG_OCRQ:
		/* We place no outgoing calls (RFC 2661 7.4.3: refuse). */
		if (m->assigned_session_id)
			kl2tp_send_cdn(t, 0, m->assigned_session_id,
				       KL2TP_CDN_RC_NO_FACILITIES_PERM, 0,
				       "outgoing calls not supported");
		return;
	case KL2TP_MSG_CDN:
		/* a CDN may come before the peer knew our session id */
		if (!h->session_id)
			peer_sid = m->assigned_session_id;
		break;
	}
	s = kl2tp_session_find(t, h->session_id, peer_sid);
	if (!s && m->msg_type == KL2TP_MSG_ICRP && h->session_id &&
	    m->assigned_session_id) {
		/* the answer to a call we ended while it waited: end it there */
		kl2tp_refuse_late_icrp(t, h->session_id, m->assigned_session_id);
		return;
	}
	if (!s) {
		t->stats.ctrl_errors++;
		net_dbg_ratelimited("error: tunnel %u: %s for unknown session %u\n", t->tid,
				    kl2tp_msg_type_name(m->msg_type), h->session_id);
		return;
	}
	switch (m->msg_type) {
	case KL2TP_MSG_ICRP:
		kl2tp_rx_icrp(t, s, m);
		break;
	case KL2TP_MSG_ICCN:
		kl2tp_rx_iccn(t, s, m);
		break;
	case KL2TP_MSG_CDN:
		kl2tp_rx_cdn(t, s, m);
		break;
	case KL2TP_MSG_WEN:
	case KL2TP_MSG_SLI:
		/* Accepted: no PPP async framing or error counters to feed. */
		break;
	default:
		/* OCRP, OCCN: we never sent an OCRQ. */
		kl2tp_session_end(s, KL2TP_CDN_RC_GENERAL_ERROR,
				  KL2TP_ERR_BAD_VALUE, true);
	}
}

/*
 * t->lock held: a malformed session message, or one with an unknown
 * mandatory AVP (RFC 2661 4.1: the session is terminated).
 */
void kl2tp_session_rx_bad(struct kl2tp_tunnel *t, const struct kl2tp_hdr *h,
			  const struct kl2tp_ctrl_msg *m, int err)
{
	u16 error = err == -EOPNOTSUPP ? KL2TP_ERR_UNKNOWN_MANDATORY :
		    err == -EBADMSG ? KL2TP_ERR_BAD_LENGTH : KL2TP_ERR_BAD_VALUE;
	struct kl2tp_session *s = NULL;

	lockdep_assert_held(&t->lock);
	if (h->session_id)
		s = kl2tp_session_find(t, h->session_id, 0);
	if (s) {
		kl2tp_session_end(s, KL2TP_CDN_RC_GENERAL_ERROR, error, true);
	} else if (m->msg_type == KL2TP_MSG_ICRQ &&
		   kl2tp_ctrl_has(m, KL2TP_AVP_ASSIGNED_SESSION_ID) &&
		   m->assigned_session_id) {
		kl2tp_send_cdn(t, 0, m->assigned_session_id,
			       KL2TP_CDN_RC_GENERAL_ERROR, error, NULL);
	}
}
