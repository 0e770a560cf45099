// SPDX-License-Identifier: GPL-2.0
/*
 * kl2tp: configuration objects (peers, listeners, clients) and the client
 * (LAC) dial/redial logic. Everything here runs under kn->lock.
 */
#include <linux/jhash.h>
#include <linux/kernel.h>
#include <linux/random.h>
#include <linux/slab.h>

#include <net/netlink.h>

#include "kl2tp.h"
#include "pool.h"
#include "config.h"
#include "socket.h"
#include "tunnel.h"
#include "session.h"
#include "netlink.h"

#define KL2TP_REDIAL_MIN	1	/* seconds */
#define KL2TP_REDIAL_MAX	60

/* Does prefix @net/@len hold @addr (of the same family)? */
static bool kl2tp_prefix_match(const union kl2tp_sa *net, u8 len,
			       const union kl2tp_sa *addr)
{
	__be32 mask;

	if (net->sa.sa_family != addr->sa.sa_family)
		return false;
	if (kl2tp_sa_is6(net))
		return ipv6_prefix_equal(&net->v6.sin6_addr,
					 &addr->v6.sin6_addr, len);
	/* an IPv4 prefix is 0..32 long (netlink.c) */
	mask = len ? htonl(~0U << (32 - len)) : 0;
	return !((net->v4.sin_addr.s_addr ^ addr->v4.sin_addr.s_addr) & mask);
}

static bool kl2tp_name_eq(const char *name, const struct kl2tp_avp_val *v)
{
	size_t n = strlen(name);

	return v && v->len == n && !memcmp(name, v->data, n);
}

static bool kl2tp_lns_allows(const struct kl2tp_lns *lns, const char *peer)
{
	unsigned int i;

	for (i = 0; i < lns->n_peers; i++)
		if (!strcmp(lns->peers[i], peer))
			return true;
	return false;
}

/*
 * The peer an SCCRQ from @saddr with Host Name @host comes from: among the
 * peers the listener allows (all when it lists none), those whose address
 * prefix contains @saddr and whose hostname, if set, equals @host; the
 * longest prefix wins, then a hostname match.
 */
struct kl2tp_peer *kl2tp_peer_match(struct kl2tp_net *kn,
				    struct kl2tp_lns *lns,
				    const union kl2tp_sa *saddr,
				    const struct kl2tp_avp_val *host)
{
	struct kl2tp_peer *p, *best = NULL;
	int score, best_score = -1;

	lockdep_assert_held(&kn->lock);
	list_for_each_entry(p, &kn->peers, list) {
		if (lns && lns->n_peers && !kl2tp_lns_allows(lns, p->name))
			continue;
		if (p->has_addr &&
		    !kl2tp_prefix_match(&p->addr, p->prefixlen, saddr))
			continue;
		if (p->hostname[0] && !kl2tp_name_eq(p->hostname, host))
			continue;
		if (!p->has_addr && !p->hostname[0] && lns && !lns->n_peers)
			continue;	/* matches nothing in particular */
		score = (p->has_addr ? (p->prefixlen + 1) * 2 : 0) +
			(p->hostname[0] ? 1 : 0);
		if (score > best_score) {
			best = p;
			best_score = score;
		}
	}
	return best;
}

struct kl2tp_peer *kl2tp_peer_find(struct kl2tp_net *kn, const char *name,
				   struct netlink_ext_ack *extack)
{
	struct kl2tp_peer *p;

	lockdep_assert_held(&kn->lock);
	list_for_each_entry(p, &kn->peers, list)
		if (!strcmp(p->name, name))
			return p;
	NL_SET_ERR_MSG(extack, "no such peer");
	return NULL;
}

struct kl2tp_lns *kl2tp_lns_find(struct kl2tp_net *kn, const char *name,
				 struct netlink_ext_ack *extack)
{
	struct kl2tp_lns *l;

	lockdep_assert_held(&kn->lock);
	list_for_each_entry(l, &kn->listeners, list)
		if (!strcmp(l->name, name))
			return l;
	NL_SET_ERR_MSG(extack, "no such listener");
	return NULL;
}

/* kn->lock held: the hashes, allocated with the first tunnel or client. */
int kl2tp_hashes_alloc(struct kl2tp_net *kn)
{
	struct kl2tp_hashes *h;

	lockdep_assert_held(&kn->lock);
	if (kn->hashes)
		return 0;
	h = kl2tp_fail() ? NULL : kvzalloc(sizeof(*h), GFP_KERNEL_ACCOUNT);
	if (!h)
		return -ENOMEM;
	__set_bit(0, h->sid_used);	/* no session has id 0 */
	smp_store_release(&kn->hashes, h);	/* empty heads first */
	return 0;
}

static u32 kl2tp_name_hash(const char *name)
{
	return jhash(name, strnlen(name, KL2TP_NAME_MAX), 0);
}

struct kl2tp_client *kl2tp_client_find(struct kl2tp_net *kn,
				       const char *name,
				       struct netlink_ext_ack *extack)
{
	struct kl2tp_client *c;

	lockdep_assert_held(&kn->lock);
	if (kn->hashes)
		hash_for_each_possible(kn->hashes->client, c, hnode,
				       kl2tp_name_hash(name))
			if (!strcmp(c->name, name))
				return c;
	NL_SET_ERR_MSG(extack, "no such client");
	return NULL;
}

/* ---- peers ---------------------------------------------------------------- */

int kl2tp_peer_add(struct kl2tp_net *kn, struct kl2tp_peer *p,
		   struct netlink_ext_ack *extack)
{
	lockdep_assert_held(&kn->lock);
	if (kl2tp_peer_find(kn, p->name, NULL)) {
		NL_SET_ERR_MSG(extack, "a peer of that name exists");
		return -EEXIST;
	}
	list_add_tail(&p->list, &kn->peers);
	return 0;
}

/*
 * kn->lock held. Change peer @n->name: the fields @which names, from @n.
 * Tunnels keep what they took from the peer when they were set up; new
 * ones match and use the changed peer. Nothing changes on an error.
 */
int kl2tp_peer_set(struct kl2tp_net *kn, const struct kl2tp_peer *n,
		   unsigned int which, struct netlink_ext_ack *extack)
{
	struct kl2tp_peer *p = kl2tp_peer_find(kn, n->name, extack);
	bool hidden;
	u8 secret_len;

	lockdep_assert_held(&kn->lock);
	if (!p)
		return -ENOENT;
	hidden = which & KL2TP_PEER_SET_HIDDEN ? n->hidden : p->hidden;
	secret_len = which & KL2TP_PEER_SET_SECRET ? n->secret.len :
		     p->secret.len;
	if (hidden && !secret_len) {
		NL_SET_ERR_MSG(extack, "hidden AVPs need a secret");
		return -EINVAL;
	}
	if (which & KL2TP_PEER_SET_ADDRESS) {
		p->has_addr = true;
		p->addr = n->addr;
		p->prefixlen = n->prefixlen;
	}
	if (which & KL2TP_PEER_SET_HOSTNAME)
		strscpy(p->hostname, n->hostname, sizeof(p->hostname));
	if (which & KL2TP_PEER_SET_SECRET)
		p->secret = n->secret;
	p->hidden = hidden;
	if (which & KL2TP_PEER_SET_TRUST_PROXY)
		p->trust_proxy = n->trust_proxy;
	if (which & KL2TP_PEER_SET_HELLO)
		p->hello = n->hello;
	if (which & KL2TP_PEER_SET_MAX_SESSIONS)
		p->max_sessions = n->max_sessions;
	return 0;
}

int kl2tp_peer_del(struct kl2tp_net *kn, const char *name,
		   struct netlink_ext_ack *extack)
{
	struct kl2tp_peer *p = kl2tp_peer_find(kn, name, extack);
	struct kl2tp_lns *l;

	lockdep_assert_held(&kn->lock);
	if (!p)
		return -ENOENT;
	list_for_each_entry(l, &kn->listeners, list) {
		if (kl2tp_lns_allows(l, name)) {
			NL_SET_ERR_MSG(extack, "a listener allows this peer by name");
			return -EBUSY;
		}
	}
	list_del(&p->list);
	memzero_explicit(&p->secret, sizeof(p->secret));
	kfree(p);
	return 0;
}

/* ---- listeners -------------------------------------------------------------- */

/*
 * A client's IPv6 needs a device per session: SLAAC and the routes the
 * LNS's Router Advertisements make are the device's (an LNS's sessions run
 * IPv6 on a shared device too). -EINVAL when @v6 and @o name a shared one.
 */
static int kl2tp_ipv6_dev_check(bool v6, const struct kl2tp_call_opts *o,
				struct netlink_ext_ack *extack)
{
	if (v6 && o->shared_dev[0]) {
		NL_SET_ERR_MSG(extack,
			       "a client's IPv6 needs a device per session (not shared-dev)");
		return -EINVAL;
	}
	return 0;
}

int kl2tp_lns_add(struct kl2tp_net *kn, struct kl2tp_lns *l,
		  struct netlink_ext_ack *extack)
{
	struct kl2tp_sock *ks;
	unsigned int i;
	int ret;

	lockdep_assert_held(&kn->lock);
	if (kl2tp_lns_find(kn, l->name, NULL)) {
		NL_SET_ERR_MSG(extack, "a listener of that name exists");
		return -EEXIST;
	}
	/* over IPv6, the tunnel's address cannot be the PPP one */
	if (kl2tp_sa_is6(&l->listen_addr) && !l->local_ip) {
		NL_SET_ERR_MSG(extack, "an IPv6 listener needs a local IP (its PPP address)");
		return -EINVAL;
	}
	for (i = 0; i < l->n_peers; i++) {
		if (!kl2tp_peer_find(kn, l->peers[i], NULL)) {
			NL_SET_ERR_MSG(extack, "unknown peer in the peer list");
			return -ENOENT;
		}
	}
	if (l->pool[0]) {
		ret = kl2tp_pool_check(kn, l->pool, false, extack);
		if (ret)
			return ret;
	}
	if (l->pool6[0]) {
		ret = kl2tp_pool_check(kn, l->pool6, true, extack);
		if (ret)
			return ret;
	}
	if (l->pd_pool[0]) {
		ret = kl2tp_pool_check(kn, l->pd_pool, true, extack);
		if (ret)
			return ret;
	}
	ks = kl2tp_sock_create(kn, &l->listen_addr, l->listen_port, l);
	if (IS_ERR(ks)) {
		if (PTR_ERR(ks) == -EADDRINUSE)
			NL_SET_ERR_MSG(extack, "address and port already in use");
		else if (PTR_ERR(ks) == -EADDRNOTAVAIL)
			NL_SET_ERR_MSG(extack, "listen address is not local");
		return PTR_ERR(ks);
	}
	l->ks = ks;
	list_add_tail(&l->list, &kn->listeners);
	return 0;
}

/* kn->cfg_lock held: the call options @which names, from @n into @o. */
static void kl2tp_call_opts_set(struct kl2tp_net *kn, struct kl2tp_call_opts *o,
				const struct kl2tp_call_opts *n,
				unsigned int which)
{
	lockdep_assert_held(&kn->cfg_lock);
	if (which & KL2TP_OPTS_SET_AUTH) {
		memcpy(o->auth, n->auth, sizeof(o->auth));
		o->n_auth = n->n_auth;
	}
	if (which & KL2TP_OPTS_SET_HOSTNAME)
		strscpy(o->hostname, n->hostname, sizeof(o->hostname));
	if (which & KL2TP_OPTS_SET_MTU)
		o->mtu = n->mtu;
	if (which & KL2TP_OPTS_SET_LCP_ECHO)
		o->lcp_echo_interval = n->lcp_echo_interval;
	if (which & KL2TP_OPTS_SET_LCP_ECHO_FAILURES)
		o->lcp_echo_failures = n->lcp_echo_failures;
	if (which & KL2TP_OPTS_SET_DEVICE) {
		strscpy(o->ifname, n->ifname, sizeof(o->ifname));
		strscpy(o->shared_dev, n->shared_dev, sizeof(o->shared_dev));
	}
	if (which & KL2TP_OPTS_SET_MSS_CLAMP)
		o->mss_clamp = n->mss_clamp;
}

/*
 * kn->lock held. Change listener @n->name: the fields @which names, from
 * @n (whose peer list it takes). Its address cannot change (that is a new
 * socket: del and add). Tunnels and sessions that are up keep what they
 * took; new tunnels and calls use the new values. What the calls of the
 * listener read without kn->lock (kl2tp_ppp_cfg_lns()) changes under
 * kn->cfg_lock. Nothing changes on an error.
 */
int kl2tp_lns_set(struct kl2tp_net *kn, struct kl2tp_lns *n, unsigned int which,
		  struct netlink_ext_ack *extack)
{
	struct kl2tp_lns *l = kl2tp_lns_find(kn, n->name, extack);
	unsigned int i;
	int ret;

	lockdep_assert_held(&kn->lock);
	if (!l)
		return -ENOENT;
	if (((which & KL2TP_LNS_SET_LISTEN_ADDR) &&
	     !kl2tp_sa_eq(&n->listen_addr, &l->listen_addr)) ||
	    ((which & KL2TP_LNS_SET_LISTEN_PORT) &&
	     n->listen_port != l->listen_port)) {
		NL_SET_ERR_MSG(extack,
			       "a listener's address cannot change (delete and add it)");
		return -EINVAL;
	}
	for (i = 0; (which & KL2TP_LNS_SET_PEERS) && i < n->n_peers; i++) {
		if (!kl2tp_peer_find(kn, n->peers[i], NULL)) {
			NL_SET_ERR_MSG(extack, "unknown peer in the peer list");
			return -ENOENT;
		}
	}
	if (which & KL2TP_LNS_SET_POOL) {
		ret = kl2tp_pool_check(kn, n->pool, false, extack);
		if (ret)
			return ret;
	}
	if ((which & KL2TP_LNS_SET_POOL6) && n->pool6[0]) {
		ret = kl2tp_pool_check(kn, n->pool6, true, extack);
		if (ret)
			return ret;
	}
	if ((which & KL2TP_LNS_SET_PD_POOL) && n->pd_pool[0]) {
		ret = kl2tp_pool_check(kn, n->pd_pool, true, extack);
		if (ret)
			return ret;
	}

	if ((which & KL2TP_LNS_SET_LOCAL_IP) && !n->local_ip &&
	    kl2tp_sa_is6(&l->listen_addr)) {
		NL_SET_ERR_MSG(extack, "an IPv6 listener needs a local IP (its PPP address)");
		return -EINVAL;
	}
	mutex_lock(&kn->cfg_lock);
	kl2tp_call_opts_set(kn, &l->opts, &n->opts, which);
	if (which & KL2TP_LNS_SET_LOCAL_IP)
		l->local_ip = n->local_ip;
	if (which & KL2TP_LNS_SET_POOL)
		strscpy(l->pool, n->pool, sizeof(l->pool));
	if (which & KL2TP_LNS_SET_POOL6)
		strscpy(l->pool6, n->pool6, sizeof(l->pool6));
	if (which & KL2TP_LNS_SET_PD_POOL)
		strscpy(l->pd_pool, n->pd_pool, sizeof(l->pd_pool));
	if (which & KL2TP_LNS_SET_PEERS) {
		swap(l->peers, n->peers);
		swap(l->n_peers, n->n_peers);
	}
	if (which & KL2TP_LNS_SET_SEQUENCING)
		WRITE_ONCE(l->sequencing, n->sequencing);
	if (which & KL2TP_LNS_SET_MAX_TUNNELS)
		l->max_tunnels = n->max_tunnels;
	if (which & KL2TP_LNS_SET_MAX_SESSIONS)
		WRITE_ONCE(l->max_sessions, n->max_sessions);
	if (which & KL2TP_LNS_SET_STRIP_DOMAIN)
		l->strip_domain = n->strip_domain;
	if (which & KL2TP_LNS_SET_FORCE_CHAP)
		l->force_chap = n->force_chap;
	if (which & KL2TP_LNS_SET_LCP_RENEGOTIATE)
		l->lcp_renegotiate = n->lcp_renegotiate;
	if (which & KL2TP_LNS_SET_AAA)
		l->aaa = n->aaa;
	if (which & KL2TP_LNS_SET_AAA_TIMEOUT)
		l->aaa_timeout = n->aaa_timeout;
	mutex_unlock(&kn->cfg_lock);
	return 0;
}

/*
 * kn->lock held. Take the listener out and destroy its tunnels; the
 * caller finishes with kl2tp_lns_release() once kn->lock is dropped (the
 * listener's SCCRQ work may be waiting for that lock).
 */
static void kl2tp_lns_unlink(struct kl2tp_net *kn, struct kl2tp_lns *l)
{
	lockdep_assert_held(&kn->lock);
	list_del(&l->list);
	WRITE_ONCE(l->ks->lns, NULL);	/* SCCRQs queued now are dropped */
	kl2tp_tunnel_destroy_all(kn, l);
}

void kl2tp_lns_release(struct kl2tp_lns *l)
{
	cancel_work_sync(&l->ks->sccrq_work);
	kl2tp_sock_put(l->ks);
	kfree(l->peers);
	kfree(l);
}

struct kl2tp_lns *kl2tp_lns_del(struct kl2tp_net *kn, const char *name,
				struct netlink_ext_ack *extack)
{
	struct kl2tp_lns *l = kl2tp_lns_find(kn, name, extack);

	if (!l)
		return ERR_PTR(-ENOENT);
	kl2tp_lns_unlink(kn, l);
	return l;
}

/* ---- clients ---------------------------------------------------------------- */

static void kl2tp_client_set_state(struct kl2tp_client *c, u8 state)
{
	if (c->state == state)
		return;
	c->state = state;
	kl2tp_event_client(c);
}

/* A tunnel this client may share: same LNS, same secret and hostname. */
static struct kl2tp_tunnel *kl2tp_client_tunnel(struct kl2tp_net *kn,
						struct kl2tp_client *c)
{
	struct kl2tp_tunnel *t;

	if (c->tunnel_own)
		return NULL;
	list_for_each_entry(t, &kn->tunnels, list) {
		if (!t->originator || t->shared_by_own ||
		    !kl2tp_sa_eq(&t->raddr, &c->remote_addr) ||
		    t->rport != htons(c->remote_port) ||
		    READ_ONCE(t->state) == KL2TP_TUNNEL_CLOSING ||
		    test_bit(KL2TP_TF_DEAD, &t->flags))
			continue;
		if (t->secret.len != c->secret.len ||
		    memcmp(t->secret.data, c->secret.data, c->secret.len) ||
		    strcmp(t->hostname, c->opts.hostname))
			continue;
		return t;
	}
	return NULL;
}

/* An LNS of a client's list (IPv4 as IPv4-mapped) as an address. */
void kl2tp_lns_sa(const struct kl2tp_lns_addr *l, union kl2tp_sa *sa)
{
	memset(sa, 0, sizeof(*sa));
	if (ipv6_addr_v4mapped(&l->addr)) {
		sa->v4.sin_family = AF_INET;
		sa->v4.sin_addr.s_addr = l->addr.s6_addr32[3];
	} else {
		sa->v6.sin6_family = AF_INET6;
		sa->v6.sin6_addr = l->addr;
	}
}

/* kn->lock held (or @c not published yet): dial LNS @i (mod n) next. */
void kl2tp_client_lns_set(struct kl2tp_client *c, unsigned int i)
{
	c->lns_cur = i % c->n_lns;
	kl2tp_lns_sa(&c->lns[c->lns_cur], &c->remote_addr);
	c->remote_port = c->lns[c->lns_cur].port;
}

/* kn->lock held: a new round over the LNSes, from where the policy says. */
static void kl2tp_client_round(struct kl2tp_client *c)
{
	lockdep_assert_held(&c->kn->lock);
	c->lns_failed = 0;
	c->lns_new = false;
	kl2tp_client_lns_set(c, c->lns_policy == KL2TP_LNS_RANDOM ?
				get_random_u32() % c->n_lns : 0);
}

/*
 * kn->lock held: the LNS dialled failed us. True: another one of this
 * round is next; false: the round is over.
 */
static bool kl2tp_client_lns_next(struct kl2tp_client *c)
{
	lockdep_assert_held(&c->kn->lock);
	if (c->lns_new) {	/* kl2tp_client_set(): a round of the new list */
		c->lns_new = false;
		c->lns_failed = 0;
		kl2tp_client_lns_set(c, 0);
		return true;
	}
	if (++c->lns_failed >= c->n_lns)
		return false;
	kl2tp_client_lns_set(c, c->lns_cur + 1);
	return true;
}

/*
 * kn->lock held. Place the client's call, opening a tunnel if needed;
 * @extack (NULL from a redial) says what failed.
 */
static int kl2tp_client_dial_one(struct kl2tp_net *kn, struct kl2tp_client *c,
				 struct netlink_ext_ack *extack)
{
	struct kl2tp_tunnel *t;
	struct kl2tp_session *s;
	bool fresh = false;

	lockdep_assert_held(&kn->lock);
	if (kn->dying) {
		NL_SET_ERR_MSG(extack, "the namespace is going away");
		return -ENETDOWN;
	}
	t = kl2tp_client_tunnel(kn, c);
	if (!t) {
		t = kl2tp_tunnel_dial(kn, c);
		if (IS_ERR(t)) {
			NL_SET_ERR_MSG(extack, "cannot open a tunnel to the LNS");
			return PTR_ERR(t);
		}
		t->shared_by_own = c->tunnel_own;
		fresh = true;
	}
	s = kl2tp_session_dial(t, c);
	if (IS_ERR(s)) {
		NL_SET_ERR_MSG(extack, "cannot place the call in the tunnel");
		if (fresh)
			kl2tp_tunnel_abort(t, PTR_ERR(s));
		return PTR_ERR(s);
	}
	c->session = s;
	kl2tp_client_set_state(c, KL2TP_CLIENT_DIALING);
	return 0;
}

/*
 * kn->lock held: kl2tp_client_dial_one() to the current LNS, and to the
 * next ones of the round while that fails.
 */
static int kl2tp_client_dial(struct kl2tp_net *kn, struct kl2tp_client *c,
			     struct netlink_ext_ack *extack)
{
	int ret;

	for (;;) {
		ret = kl2tp_client_dial_one(kn, c, extack);
		if (!ret && extack)
			extack->_msg = NULL;	/* an earlier LNS's failure */
		if (!ret || ret == -ENETDOWN || !kl2tp_client_lns_next(c))
			return ret;
	}
}

/* kn->lock held. Hang up. */
static void kl2tp_client_hangup(struct kl2tp_client *c, u16 result)
{
	struct kl2tp_session *s = c->session;
	struct kl2tp_tunnel *t;

	lockdep_assert_held(&c->kn->lock);
	if (!s)
		return;
	t = s->tunnel;
	mutex_lock(&t->lock);
	s->client = NULL;
	kl2tp_session_end(s, result, 0, true);
	mutex_unlock(&t->lock);
	c->session = NULL;
	kl2tp_session_put(s);
}

/*
 * kn->lock held: has the client's call @s ended? Asked under the tunnel's
 * lock, which kl2tp_session_close() holds from marking the session dead
 * until it has let go of the client (s->client = NULL): the client may be
 * freed once it forgets the session.
 */
static bool kl2tp_client_call_ended(struct kl2tp_session *s, bool *was_up)
{
	bool dead;

	lockdep_assert_held(&s->tunnel->kn->lock);
	mutex_lock(&s->tunnel->lock);
	dead = test_bit(KL2TP_SF_DEAD, &s->flags);
	*was_up = s->was_up;
	mutex_unlock(&s->tunnel->lock);
	return dead;
}

static void kl2tp_client_work(struct work_struct *work)
{
	struct kl2tp_client *c = container_of(to_delayed_work(work),
					      struct kl2tp_client, work);
	struct kl2tp_net *kn = c->kn;
	struct kl2tp_session *s;
	unsigned int delay;
	bool was_up;

	mutex_lock(&kn->lock);
	if (c->deleted || kn->dying)
		goto out;
	s = c->session;
	if (s && kl2tp_client_call_ended(s, &was_up)) {
		c->session = NULL;
		kl2tp_session_put(s);
		s = NULL;
		/*
		 * Never up: the next LNS of the round at once, if any. Up
		 * (even if this work never saw it): a new round, after the
		 * first backoff step.
		 */
		if (!was_up && kl2tp_client_lns_next(c) &&
		    kl2tp_client_dial(kn, c, NULL) == 0)
			goto out;
		if (was_up)
			c->failures = 0;
		c->failures++;
	}
	if (s) {
		if (READ_ONCE(s->state) == KL2TP_SESSION_UP) {
			c->failures = 0;
			kl2tp_client_set_state(c, KL2TP_CLIENT_UP);
		}
		goto out;
	}
	if (!c->want_up) {
		kl2tp_client_set_state(c, KL2TP_CLIENT_DOWN);
		goto out;
	}
	if (c->state == KL2TP_CLIENT_WAIT_REDIAL || c->failures == 0) {
		kl2tp_client_round(c);
		if (kl2tp_client_dial(kn, c, NULL) == 0)
			goto out;
		c->failures++;
	}
	if (!c->redial) {
		c->want_up = false;
		kl2tp_client_set_state(c, KL2TP_CLIENT_DOWN);
		goto out;
	}
	/* back off: 1, 2, 4 ... 60 s */
	delay = KL2TP_REDIAL_MIN << min(c->failures - 1, 6U);
	delay = min_t(unsigned int, delay, KL2TP_REDIAL_MAX);
	kl2tp_client_set_state(c, KL2TP_CLIENT_WAIT_REDIAL);
	queue_delayed_work(kl2tp_wq, &c->work, delay * HZ);
out:
	mutex_unlock(&kn->lock);
}

/* From under the session's tunnel lock: only wakes the client's work. */
void kl2tp_client_session_down(struct kl2tp_client *c)
{
	mod_delayed_work(kl2tp_wq, &c->work, 0);
}

void kl2tp_client_session_up(struct kl2tp_client *c)
{
	mod_delayed_work(kl2tp_wq, &c->work, 0);
}

/* A delegated prefix is asked for over IPv6, and numbers pd_dev if asked. */
static int kl2tp_client_pd_check(bool ipv6, bool pd, const char *pd_dev,
				 struct netlink_ext_ack *extack)
{
	if (pd && !ipv6) {
		NL_SET_ERR_MSG(extack, "a delegated prefix needs ipv6 on");
		return -EINVAL;
	}
	if (pd_dev[0] && !pd) {
		NL_SET_ERR_MSG(extack, "pd-dev needs pd on");
		return -EINVAL;
	}
	return 0;
}

int kl2tp_client_add(struct kl2tp_net *kn, struct kl2tp_client *c,
		     struct netlink_ext_ack *extack)
{
	lockdep_assert_held(&kn->lock);
	if (kl2tp_client_find(kn, c->name, NULL)) {
		NL_SET_ERR_MSG(extack, "a client of that name exists");
		return -EEXIST;
	}
	if (kl2tp_ipv6_dev_check(c->ipv6, &c->opts, extack) ||
	    kl2tp_client_pd_check(c->ipv6, c->pd, c->pd_dev, extack))
		return -EINVAL;
	if (kl2tp_hashes_alloc(kn))
		return -ENOMEM;
	c->kn = kn;
	INIT_DELAYED_WORK(&c->work, kl2tp_client_work);
	c->state = KL2TP_CLIENT_DOWN;
	list_add_tail(&c->list, &kn->clients);
	hash_add(kn->hashes->client, &c->hnode, kl2tp_name_hash(c->name));
	return 0;
}

/*
 * kn->lock held. Change client @n->name: the fields @which names, from @n.
 * A call that is up stays as it is, on its LNS; the next dial (a redial,
 * or client up) uses the new values, a new LNS list from its start. What
 * a call reads of its client outside kn->lock (kl2tp_ppp_cfg_client())
 * changes under kn->cfg_lock. Nothing changes on an error.
 */
int kl2tp_client_set(struct kl2tp_net *kn, const struct kl2tp_client *n,
		     unsigned int which, struct netlink_ext_ack *extack)
{
	struct kl2tp_client *c = kl2tp_client_find(kn, n->name, extack);
	bool hidden;
	u8 secret_len;

	lockdep_assert_held(&kn->lock);
	if (!c)
		return -ENOENT;
	hidden = which & KL2TP_CLIENT_SET_HIDDEN ? n->hidden : c->hidden;
	secret_len = which & KL2TP_CLIENT_SET_SECRET ? n->secret.len :
		     c->secret.len;
	if (hidden && !secret_len) {
		NL_SET_ERR_MSG(extack, "hidden AVPs need a secret");
		return -EINVAL;
	}
	if (kl2tp_ipv6_dev_check(which & KL2TP_CLIENT_SET_IPV6 ? n->ipv6 :
				 c->ipv6, which & KL2TP_OPTS_SET_DEVICE ?
				 &n->opts : &c->opts, extack) ||
	    kl2tp_client_pd_check(which & KL2TP_CLIENT_SET_IPV6 ? n->ipv6 :
				  c->ipv6, which & KL2TP_CLIENT_SET_PD ? n->pd :
				  c->pd, which & KL2TP_CLIENT_SET_PD_DEV ?
				  n->pd_dev : c->pd_dev, extack))
		return -EINVAL;

	mutex_lock(&kn->cfg_lock);
	kl2tp_call_opts_set(kn, &c->opts, &n->opts, which);
	if (which & KL2TP_CLIENT_SET_LNS) {
		memcpy(c->lns, n->lns, sizeof(c->lns));
		c->n_lns = n->n_lns;
		c->lns_failed = 0;
		if (c->session) {
			c->lns_cur = 0;	/* its call stays where it is */
			c->lns_new = true;
		} else {
			kl2tp_client_lns_set(c, 0);
		}
	}
	if (which & KL2TP_CLIENT_SET_LNS_POLICY)
		c->lns_policy = n->lns_policy;
	if (which & KL2TP_CLIENT_SET_USER)
		strscpy(c->user, n->user, sizeof(c->user));
	if (which & KL2TP_CLIENT_SET_PASSWORD)
		c->password = n->password;
	if (which & KL2TP_CLIENT_SET_SECRET)
		c->secret = n->secret;
	c->hidden = hidden;
	if (which & KL2TP_CLIENT_SET_DEFAULT_ROUTE)
		c->default_route = n->default_route;
	if (which & KL2TP_CLIENT_SET_IPV6)
		c->ipv6 = n->ipv6;
	if (which & KL2TP_CLIENT_SET_PD)
		c->pd = n->pd;
	if (which & KL2TP_CLIENT_SET_PD_DEV)
		strscpy(c->pd_dev, n->pd_dev, sizeof(c->pd_dev));
	if (which & KL2TP_CLIENT_SET_REDIAL)
		c->redial = n->redial;
	if (which & KL2TP_CLIENT_SET_HELLO)
		c->hello = n->hello;
	if (which & KL2TP_CLIENT_SET_TUNNEL_OWN)
		c->tunnel_own = n->tunnel_own;
	if (which & KL2TP_CLIENT_SET_CALLING)
		strscpy(c->calling, n->calling, sizeof(c->calling));
	if (which & KL2TP_CLIENT_SET_CALLED)
		strscpy(c->called, n->called, sizeof(c->called));
	mutex_unlock(&kn->cfg_lock);
	return 0;
}

int kl2tp_client_up(struct kl2tp_net *kn, struct kl2tp_client *c,
		    struct netlink_ext_ack *extack)
{
	int ret;

	lockdep_assert_held(&kn->lock);
	if (c->want_up)
		return 0;
	c->want_up = true;
	c->failures = 0;
	if (c->session)
		return 0;
	kl2tp_client_round(c);
	ret = kl2tp_client_dial(kn, c, extack);
	if (ret)
		c->want_up = false;
	return ret;
}

void kl2tp_client_down(struct kl2tp_net *kn, struct kl2tp_client *c)
{
	lockdep_assert_held(&kn->lock);
	c->want_up = false;
	kl2tp_client_hangup(c, KL2TP_CDN_RC_ADMIN);
	kl2tp_client_set_state(c, KL2TP_CLIENT_DOWN);
}

/*
 * kn->lock held: hang @c up and take it out of the namespace's lists (its
 * work, should it run, finds it deleted). kl2tp_client_release() frees
 * it once kn->lock is dropped.
 */
static void kl2tp_client_unlink(struct kl2tp_net *kn, struct kl2tp_client *c)
{
	lockdep_assert_held(&kn->lock);
	kl2tp_client_down(kn, c);
	c->deleted = true;
	list_del(&c->list);
	hash_del(&c->hnode);
}

/* kn->lock not held (the client's work takes it): free an unlinked client. */
void kl2tp_client_release(struct kl2tp_client *c)
{
	cancel_delayed_work_sync(&c->work);
	memzero_explicit(&c->secret, sizeof(c->secret));
	memzero_explicit(&c->password, sizeof(c->password));
	kfree(c);
}

/* kn->lock held: the client @name unlinked, for kl2tp_client_release(). */
struct kl2tp_client *kl2tp_client_del(struct kl2tp_net *kn, const char *name,
				      struct netlink_ext_ack *extack)
{
	struct kl2tp_client *c = kl2tp_client_find(kn, name, extack);

	if (!c)
		return ERR_PTR(-ENOENT);
	kl2tp_client_unlink(kn, c);
	return c;
}

/* ---- per namespace ------------------------------------------------------- */

int kl2tp_config_init(struct kl2tp_net *kn)
{
	mutex_init(&kn->lock);
	mutex_init(&kn->cfg_lock);
	spin_lock_init(&kn->hash_lock);
	INIT_LIST_HEAD(&kn->peers);
	INIT_LIST_HEAD(&kn->listeners);
	INIT_LIST_HEAD(&kn->clients);
	INIT_LIST_HEAD(&kn->tunnels);
	INIT_LIST_HEAD(&kn->half_open);
	atomic_set(&kn->tunnel_gen, 1);
	atomic_set(&kn->session_gen, 1);
	kl2tp_pool_init(kn);
	return 0;
}

/* Namespace exit or module unload: everything goes, nothing lingers. */
void kl2tp_config_uninit(struct kl2tp_net *kn)
{
	struct kl2tp_client *c, *ctmp;
	struct kl2tp_peer *p, *ptmp;
	struct kl2tp_lns *l, *ltmp;

	LIST_HEAD(gone_clients);
	LIST_HEAD(gone);

	mutex_lock(&kn->lock);
	list_for_each_entry_safe(c, ctmp, &kn->clients, list) {
		kl2tp_client_unlink(kn, c);
		list_add(&c->list, &gone_clients);
	}
	list_for_each_entry_safe(l, ltmp, &kn->listeners, list) {
		kl2tp_lns_unlink(kn, l);
		list_add(&l->list, &gone);
	}
	kl2tp_tunnel_destroy_all(kn, NULL);
	list_for_each_entry_safe(p, ptmp, &kn->peers, list) {
		list_del(&p->list);
		kfree_sensitive(p);
	}
	mutex_unlock(&kn->lock);
	list_for_each_entry_safe(c, ctmp, &gone_clients, list)
		kl2tp_client_release(c);
	list_for_each_entry_safe(l, ltmp, &gone, list)
		kl2tp_lns_release(l);
}
