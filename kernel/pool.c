// SPDX-License-Identifier: GPL-2.0
/*
 * kl2tp: address pools (IPv4 addresses, or IPv6 prefixes) and PPP users.
 *
 * kn->pool_lock (a mutex) covers both lists and the pools' allocation
 * maps. Only kn->lock may be held when taking it, and nothing is taken
 * under it.
 */
#include <linux/kernel.h>
#include <linux/bitmap.h>
#include <linux/slab.h>

#include <net/ipv6.h>
#include <net/netlink.h>

#include "kl2tp.h"
#include "pool.h"
#include "config.h"

struct kl2tp_pool *kl2tp_pool_find(struct kl2tp_net *kn, const char *name,
				   struct netlink_ext_ack *extack)
{
	struct kl2tp_pool *p;

	lockdep_assert_held(&kn->pool_lock);
	list_for_each_entry(p, &kn->pools, list)
		if (!strcmp(p->name, name))
			return p;
	NL_SET_ERR_MSG(extack, "no such pool");
	return NULL;
}

struct kl2tp_user *kl2tp_user_find(struct kl2tp_net *kn, const char *name,
				   struct netlink_ext_ack *extack)
{
	struct kl2tp_user *u;

	lockdep_assert_held(&kn->pool_lock);
	list_for_each_entry(u, &kn->users, list)
		if (!strcmp(u->name, name))
			return u;
	NL_SET_ERR_MSG(extack, "no such user");
	return NULL;
}

/*
 * pool_lock held. The pool other than @except whose range overlaps
 * [start, end], if any.
 */
static struct kl2tp_pool *kl2tp_pool_overlap(struct kl2tp_net *kn, u32 start,
					     u32 end,
					     const struct kl2tp_pool *except)
{
	struct kl2tp_pool *p;

	lockdep_assert_held(&kn->pool_lock);
	list_for_each_entry(p, &kn->pools, list)
		if (p != except && !p->v6 && start <= p->end &&
		    p->start <= end)
			return p;
	return NULL;
}

/* pool_lock held. The IPv6 pool whose prefix overlaps @n's, if any. */
static struct kl2tp_pool *kl2tp_pool6_overlap(struct kl2tp_net *kn,
					      const struct kl2tp_pool *n)
{
	struct kl2tp_pool *p;

	lockdep_assert_held(&kn->pool_lock);
	list_for_each_entry(p, &kn->pools, list)
		if (p->v6 && ipv6_prefix_equal(&p->prefix6, &n->prefix6,
					       min(p->plen6, n->plen6)))
			return p;
	return NULL;
}

/*
 * pool_lock held. Static IPv6 prefix @pfx/@len of user @self (or of none)
 * overlaps no IPv6 pool and no other user's static prefix (-EADDRINUSE):
 * a prefix is routed through one session at a time.
 */
static int kl2tp_prefix6_check(struct kl2tp_net *kn,
			       const struct in6_addr *pfx, u8 len,
			       const struct kl2tp_user *self,
			       struct netlink_ext_ack *extack)
{
	struct kl2tp_user *u;
	struct kl2tp_pool *p;

	lockdep_assert_held(&kn->pool_lock);
	list_for_each_entry(p, &kn->pools, list) {
		if (p->v6 && ipv6_prefix_equal(&p->prefix6, pfx,
					       min(p->plen6, len))) {
			NL_SET_ERR_MSG(extack, "IPv6 prefix overlaps an IPv6 pool");
			return -EADDRINUSE;
		}
	}
	list_for_each_entry(u, &kn->users, list) {
		if (u != self && u->prefix6_len &&
		    ipv6_prefix_equal(&u->prefix6, pfx,
				      min(u->prefix6_len, len))) {
			NL_SET_ERR_MSG(extack, "IPv6 prefix overlaps another user's");
			return -EADDRINUSE;
		}
	}
	return 0;
}

/*
 * pool_lock held. Pool @name exists (-ENXIO) and is of the kind @v6 says
 * (-EINVAL): what a listener or user may name.
 */
static int kl2tp_pool_check_locked(struct kl2tp_net *kn, const char *name,
				   bool v6, struct netlink_ext_ack *extack)
{
	struct kl2tp_pool *p = kl2tp_pool_find(kn, name, extack);

	lockdep_assert_held(&kn->pool_lock);
	if (!p)
		return -ENXIO;
	if (p->v6 != v6) {
		if (v6)
			NL_SET_ERR_MSG(extack, "not an IPv6 pool (a prefix pool)");
		else
			NL_SET_ERR_MSG(extack,
				       "an IPv6 pool where an IPv4 one is due");
		return -EINVAL;
	}
	return 0;
}

int kl2tp_pool_check(struct kl2tp_net *kn, const char *name, bool v6,
		     struct netlink_ext_ack *extack)
{
	int ret;

	mutex_lock(&kn->pool_lock);
	ret = kl2tp_pool_check_locked(kn, name, v6, extack);
	mutex_unlock(&kn->pool_lock);
	return ret;
}

/* The number of prefixes of IPv6 pool @p, or 0 if it can be no pool. */
static u32 kl2tp_pool6_size(const struct kl2tp_pool *p,
			    struct netlink_ext_ack *extack)
{
	struct in6_addr m;

	if (p->assign6 < p->plen6) {
		NL_SET_ERR_MSG(extack,
			       "the prefixes handed out are longer than the pool's");
		return 0;
	}
	if (p->assign6 - p->plen6 > 16) {
		NL_SET_ERR_MSG(extack, "a pool holds at most 65536 prefixes");
		return 0;
	}
	ipv6_addr_prefix(&m, &p->prefix6, p->plen6);
	if (!ipv6_addr_equal(&m, &p->prefix6)) {
		NL_SET_ERR_MSG(extack,
			       "prefix has bits set beyond its length");
		return 0;
	}
	return 1U << (p->assign6 - p->plen6);
}

/* The size of range @start..@end (host order), or 0 if it is no pool's. */
static u32 kl2tp_pool_size(u32 start, u32 end, struct netlink_ext_ack *extack)
{
	if (end < start) {
		NL_SET_ERR_MSG(extack, "range ends before it starts");
		return 0;
	}
	if (end - start >= KL2TP_POOL_MAX) {
		NL_SET_ERR_MSG(extack, "a pool holds at most 65536 addresses");
		return 0;
	}
	return end - start + 1;
}

int kl2tp_pool_add(struct kl2tp_net *kn, struct kl2tp_pool *p,
		   struct netlink_ext_ack *extack)
{
	u32 size = p->v6 ? kl2tp_pool6_size(p, extack) :
			   kl2tp_pool_size(p->start, p->end, extack);

	if (!size)
		return -EINVAL;
	p->map = kl2tp_fail() ? NULL :
		 bitmap_zalloc(2 * size, GFP_KERNEL_ACCOUNT);
	if (!p->map)
		return -ENOMEM;
	p->size = size;

	mutex_lock(&kn->pool_lock);
	if (kl2tp_pool_find(kn, p->name, NULL)) {
		mutex_unlock(&kn->pool_lock);
		NL_SET_ERR_MSG(extack, "a pool of that name exists");
		return -EEXIST;
	}
	if (p->v6 ? !!kl2tp_pool6_overlap(kn, p) :
		    !!kl2tp_pool_overlap(kn, p->start, p->end, NULL)) {
		mutex_unlock(&kn->pool_lock);
		if (p->v6)
			NL_SET_ERR_MSG(extack, "prefix overlaps another pool");
		else
			NL_SET_ERR_MSG(extack, "range overlaps another pool");
		return -EADDRINUSE;
	}
	/* a user's static prefix inside it: handed out twice */
	if (p->v6 && kl2tp_prefix6_check(kn, &p->prefix6, p->plen6, NULL,
					 NULL)) {
		mutex_unlock(&kn->pool_lock);
		NL_SET_ERR_MSG(extack, "prefix overlaps a user's static IPv6 prefix");
		return -EADDRINUSE;
	}
	list_add_tail(&p->list, &kn->pools);
	mutex_unlock(&kn->pool_lock);
	return 0;
}

/*
 * Change pool @n->name: its range (@n->start..@n->end, with @range) and
 * its DNS servers (with @dns; an IPv6 pool's, @n->dns6, with @dns6: all
 * an IPv6 pool may change). The new range must keep every address it
 * has handed out (a lease returns its address to the pool it came from)
 * and overlap no other pool; the LNS addresses it keeps back (marked twice
 * in the map) carry over if they stay inside. Sessions keep their DNS
 * servers; new ones get the new ones. Nothing changes on an error.
 */
int kl2tp_pool_set(struct kl2tp_net *kn, const struct kl2tp_pool *n,
		   bool range, bool dns, bool dns6,
		   struct netlink_ext_ack *extack)
{
	unsigned long *map = NULL, bit;
	struct kl2tp_pool *p;
	u32 size = 0, addr;
	int ret = 0;
	bool held;

	if (range) {
		size = kl2tp_pool_size(n->start, n->end, extack);
		if (!size)
			return -EINVAL;
		map = kl2tp_fail() ? NULL :
		      bitmap_zalloc(2 * size, GFP_KERNEL_ACCOUNT);
		if (!map)
			return -ENOMEM;
	}
	mutex_lock(&kn->pool_lock);
	p = kl2tp_pool_find(kn, n->name, extack);
	if (!p) {
		ret = -ENOENT;
		goto out;
	}
	if (p->v6 ? range || dns : dns6) {
		if (p->v6)
			NL_SET_ERR_MSG(extack,
				       "an IPv6 pool: only its IPv6 DNS servers change");
		else
			NL_SET_ERR_MSG(extack,
				       "an IPv4 pool has no IPv6 DNS servers");
		ret = -EINVAL;
		goto out;
	}
	if (range) {
		if (kl2tp_pool_overlap(kn, n->start, n->end, p)) {
			NL_SET_ERR_MSG(extack, "range overlaps another pool");
			ret = -EADDRINUSE;
			goto out;
		}
		/* what is handed out must stay in; what is kept back may */
		for_each_set_bit(bit, p->map, p->size) {
			addr = p->start + bit;
			held = test_bit(p->size + bit, p->map);
			if (addr < n->start || addr > n->end) {
				if (held)
					continue;
				NL_SET_ERR_MSG(extack,
					       "an address in use would fall outside the new range");
				ret = -EBUSY;
				goto out;
			}
			__set_bit(addr - n->start, map);
			if (held)
				__set_bit(size + addr - n->start, map);
		}
		swap(p->map, map);
		p->start = n->start;
		p->end = n->end;
		p->size = size;
		p->next = 0;
	}
	if (dns) {
		p->dns1 = n->dns1;
		p->dns2 = n->dns2;
	}
	if (dns6)
		memcpy(p->dns6, n->dns6, sizeof(p->dns6));
out:
	mutex_unlock(&kn->pool_lock);
	bitmap_free(map);		/* the old map, or the unused new one */
	return ret;
}

static void kl2tp_pool_free(struct kl2tp_pool *p)
{
	bitmap_free(p->map);
	kfree(p);
}

/* Listeners refer to pools by name: they are checked under kn->lock. */
static bool kl2tp_pool_listened(struct kl2tp_net *kn, const char *name)
{
	struct kl2tp_lns *l;

	lockdep_assert_held(&kn->lock);
	list_for_each_entry(l, &kn->listeners, list)
		if (!strcmp(l->pool, name) || !strcmp(l->pool6, name) ||
		    !strcmp(l->pd_pool, name))
			return true;
	return false;
}

int kl2tp_pool_del(struct kl2tp_net *kn, const char *name,
		   struct netlink_ext_ack *extack)
{
	struct kl2tp_pool *p;
	int ret = 0;

	mutex_lock(&kn->lock);
	mutex_lock(&kn->pool_lock);
	p = kl2tp_pool_find(kn, name, extack);
	if (!p) {
		ret = -ENOENT;
	} else if (p->users || kl2tp_pool_listened(kn, name)) {
		NL_SET_ERR_MSG(extack, "a user or listener uses this pool");
		ret = -EBUSY;
	} else if (p->used) {
		NL_SET_ERR_MSG(extack, "addresses or prefixes of this pool are in use");
		ret = -EBUSY;
	} else {
		list_del(&p->list);
	}
	mutex_unlock(&kn->pool_lock);
	mutex_unlock(&kn->lock);
	if (!ret)
		kl2tp_pool_free(p);
	return ret;
}

/* pool_lock held. The pools @u names exist and are of the right kind. */
static int kl2tp_user_pools_check(struct kl2tp_net *kn,
				  const struct kl2tp_user *u,
				  struct netlink_ext_ack *extack)
{
	int ret = 0;

	if (u->pool[0])
		ret = kl2tp_pool_check_locked(kn, u->pool, false, extack);
	if (!ret && u->pool6[0])
		ret = kl2tp_pool_check_locked(kn, u->pool6, true, extack);
	if (!ret && u->pd_pool[0])
		ret = kl2tp_pool_check_locked(kn, u->pd_pool, true, extack);
	return ret == -ENXIO ? -ENOENT : ret;
}

/* pool_lock held. Count @u in (@d 1) or out of (-1) the pools it names. */
static void kl2tp_user_pools_count(struct kl2tp_net *kn,
				   const struct kl2tp_user *u, int d)
{
	struct kl2tp_pool *p;

	lockdep_assert_held(&kn->pool_lock);
	p = u->pool[0] ? kl2tp_pool_find(kn, u->pool, NULL) : NULL;
	if (p)
		p->users += d;
	p = u->pool6[0] ? kl2tp_pool_find(kn, u->pool6, NULL) : NULL;
	if (p)
		p->users += d;
	p = u->pd_pool[0] ? kl2tp_pool_find(kn, u->pd_pool, NULL) : NULL;
	if (p)
		p->users += d;
}

int kl2tp_user_add(struct kl2tp_net *kn, struct kl2tp_user *u,
		   struct netlink_ext_ack *extack)
{
	int ret;

	mutex_lock(&kn->pool_lock);
	if (kl2tp_user_find(kn, u->name, NULL)) {
		mutex_unlock(&kn->pool_lock);
		NL_SET_ERR_MSG(extack, "a user of that name exists");
		return -EEXIST;
	}
	ret = kl2tp_user_pools_check(kn, u, extack);
	if (!ret && u->prefix6_len)
		ret = kl2tp_prefix6_check(kn, &u->prefix6, u->prefix6_len,
					  NULL, extack);
	if (ret) {
		mutex_unlock(&kn->pool_lock);
		return ret;
	}
	kl2tp_user_pools_count(kn, u, 1);
	list_add_tail(&u->list, &kn->users);
	mutex_unlock(&kn->pool_lock);
	return 0;
}

/*
 * Change user @n->name: the fields @which names, from @n. A pool replaces
 * the static address and the other way round. Sessions keep what their
 * lease took (address, routes); the next authentication and lease see the
 * change. Nothing changes on an error.
 */
int kl2tp_user_set(struct kl2tp_net *kn, const struct kl2tp_user *n,
		   unsigned int which, struct netlink_ext_ack *extack)
{
	struct kl2tp_user *u;
	int ret = 0;

	mutex_lock(&kn->pool_lock);
	u = kl2tp_user_find(kn, n->name, extack);
	if (!u) {
		ret = -ENOENT;
		goto out;
	}
	ret = kl2tp_user_pools_check(kn, n, extack);
	if (ret)
		goto out;
	if ((which & KL2TP_USER_SET_PREFIX6) && n->prefix6_len) {
		ret = kl2tp_prefix6_check(kn, &n->prefix6, n->prefix6_len, u,
					  extack);
		if (ret)
			goto out;
	}
	kl2tp_user_pools_count(kn, u, -1);
	if (which & KL2TP_USER_SET_POOL) {
		strscpy(u->pool, n->pool, sizeof(u->pool));
		u->address = 0;
	}
	if (which & KL2TP_USER_SET_ADDRESS) {
		u->pool[0] = '\0';
		u->address = n->address;
	}
	if (which & KL2TP_USER_SET_POOL6) {
		strscpy(u->pool6, n->pool6, sizeof(u->pool6));
		u->prefix6_len = 0;
	}
	if (which & KL2TP_USER_SET_PREFIX6) {
		u->pool6[0] = '\0';
		u->prefix6 = n->prefix6;
		u->prefix6_len = n->prefix6_len;
	}
	if (which & KL2TP_USER_SET_PD_POOL)
		strscpy(u->pd_pool, n->pd_pool, sizeof(u->pd_pool));
	kl2tp_user_pools_count(kn, u, 1);
	if (which & KL2TP_USER_SET_PASSWORD)
		u->password = n->password;
	if (which & KL2TP_USER_SET_MAX_SESSIONS)
		u->max_sessions = n->max_sessions;
	if (which & KL2TP_USER_SET_ROUTES) {
		u->n_routes = n->n_routes;
		memcpy(u->routes, n->routes, sizeof(u->routes));
	}
out:
	mutex_unlock(&kn->pool_lock);
	return ret;
}

static void kl2tp_user_unlink(struct kl2tp_net *kn, struct kl2tp_user *u)
{
	kl2tp_user_pools_count(kn, u, -1);
	list_del(&u->list);
	kfree_sensitive(u);
}

int kl2tp_user_del(struct kl2tp_net *kn, const char *name,
		   struct netlink_ext_ack *extack)
{
	struct kl2tp_user *u;
	int ret = 0;

	mutex_lock(&kn->pool_lock);
	u = kl2tp_user_find(kn, name, extack);
	if (!u) {
		ret = -ENOENT;
	} else if (u->sessions || u->prefix6_used) {
		NL_SET_ERR_MSG(extack, "the user has sessions (reset them first)");
		ret = -EBUSY;
	} else {
		kl2tp_user_unlink(kn, u);
	}
	mutex_unlock(&kn->pool_lock);
	return ret;
}

void kl2tp_pool_init(struct kl2tp_net *kn)
{
	mutex_init(&kn->pool_lock);
	INIT_LIST_HEAD(&kn->pools);
	INIT_LIST_HEAD(&kn->users);
	xa_init(&kn->aaa_addrs);
	xa_init(&kn->aaa_prefix6);
}

/* Namespace exit: sessions are gone, so nothing is in use. */
void kl2tp_pool_uninit(struct kl2tp_net *kn)
{
	struct kl2tp_user *u, *utmp;
	struct kl2tp_pool *p, *ptmp;

	mutex_lock(&kn->pool_lock);
	list_for_each_entry_safe(u, utmp, &kn->users, list)
		kl2tp_user_unlink(kn, u);
	list_for_each_entry_safe(p, ptmp, &kn->pools, list) {
		list_del(&p->list);
		kl2tp_pool_free(p);
	}
	mutex_unlock(&kn->pool_lock);
	WARN_ON_ONCE(!xa_empty(&kn->aaa_addrs));
	xa_destroy(&kn->aaa_addrs);
	WARN_ON_ONCE(!xa_empty(&kn->aaa_prefix6));
	xa_destroy(&kn->aaa_prefix6);
}

/*
 * pool_lock held. The user called @name: the whole name, or with
 * @strip_domain the part before '@' when the whole name is unknown.
 */
static struct kl2tp_user *kl2tp_user_resolve(struct kl2tp_net *kn,
					     const char *name,
					     bool strip_domain)
{
	char local[KL2TP_NAME_MAX];
	struct kl2tp_user *u;
	const char *at;

	lockdep_assert_held(&kn->pool_lock);
	u = kl2tp_user_find(kn, name, NULL);
	if (u || !strip_domain)
		return u;
	at = strchr(name, '@');
	if (!at || at == name || at - name >= sizeof(local))
		return NULL;
	memcpy(local, name, at - name);
	local[at - name] = '\0';
	return kl2tp_user_find(kn, local, NULL);
}

/*
 * kl2tp_user_secret() - copy the password of user @name into @buf (at
 * least KL2TP_SECRET_MAX bytes). Returns its length or -ENOENT.
 */
int kl2tp_user_secret(struct kl2tp_net *kn, const char *name,
		      bool strip_domain, u8 *buf)
{
	struct kl2tp_user *u;
	int ret = -ENOENT;

	mutex_lock(&kn->pool_lock);
	u = kl2tp_user_resolve(kn, name, strip_domain);
	if (u) {
		memcpy(buf, u->password.data, u->password.len);
		ret = u->password.len;
	}
	mutex_unlock(&kn->pool_lock);
	return ret;
}

/*
 * pool_lock held. The next free entry of @p's map from where the last
 * search stopped, taken (handed out in turn, so that an address or
 * prefix just given back is not the next one out); @p->size if none.
 */
static unsigned long kl2tp_pool_next(struct kl2tp_net *kn,
				     struct kl2tp_pool *p)
{
	unsigned long bit;

	lockdep_assert_held(&kn->pool_lock);
	bit = find_next_zero_bit(p->map, p->size, p->next);
	if (bit >= p->size)
		bit = find_first_zero_bit(p->map, p->size);
	if (bit >= p->size)
		return p->size;
	set_bit(bit, p->map);
	p->next = bit + 1 < p->size ? bit + 1 : 0;
	return bit;
}

/*
 * pool_lock held. Entry @bit of @p (an address or prefix an AAA server
 * named) for one session: false if it is not in @p or handed out.
 */
static bool kl2tp_pool_claim(struct kl2tp_pool *p, u64 bit)
{
	if (bit >= p->size || test_and_set_bit(bit, p->map))
		return false;
	p->used++;
	return true;
}

/* pool_lock held. Entry @bit of @p back, if it was handed out. */
static void kl2tp_pool_release(struct kl2tp_pool *p, u64 bit)
{
	if (bit < p->size && test_and_clear_bit(bit, p->map))
		p->used--;
}

/* pool_lock held. A free address of @p other than @avoid, or 0. */
static u32 kl2tp_pool_take(struct kl2tp_net *kn, struct kl2tp_pool *p,
			   u32 avoid)
{
	unsigned long bit;
	u32 tries;

	lockdep_assert_held(&kn->pool_lock);
	for (tries = 0; tries < 2; tries++) {
		bit = kl2tp_pool_next(kn, p);
		if (bit >= p->size)
			return 0;
		if (p->start + bit != avoid) {
			p->used++;
			return p->start + bit;
		}
		/* the LNS's own address: keep it marked, never hand it out */
		set_bit(p->size + bit, p->map);
	}
	return 0;
}

/*
 * pool_lock held. An address of the pool called @name (not @local, the
 * LNS's) into @l: 0, or -ENXIO (no such pool) or -ENOSPC (exhausted) with
 * *@why saying which.
 */
static int kl2tp_lease_from_pool(struct kl2tp_net *kn, const char *name,
				 u32 local, struct kl2tp_lease *l,
				 const char **why)
{
	struct kl2tp_pool *p = kl2tp_pool_find(kn, name, NULL);
	u32 addr;

	lockdep_assert_held(&kn->pool_lock);
	if (!p || p->v6) {
		*why = "no address pool";
		return -ENXIO;
	}
	addr = kl2tp_pool_take(kn, p, local);
	if (!addr) {
		pr_notice_ratelimited("pool %s exhausted (%u addresses)\n",
				      p->name, p->size);
		*why = "address pool exhausted";
		return -ENOSPC;
	}
	l->addr = htonl(addr);
	l->pool = p;
	return 0;
}

/*
 * kl2tp_lease_get() - the address and DNS servers for a session of user
 * @name (NULL or "": no authentication) on a listener whose default pool
 * is @def_pool and whose own address is @local (host order).
 * Counts the session against the user's max-sessions. Returns 0, or
 * -ENOENT (unknown user), -EUSERS (max-sessions reached), -EADDRINUSE
 * (static address taken), -ENOSPC (pool exhausted) or -ENXIO (no pool)
 * with *@why saying which.
 */
int kl2tp_lease_get(struct kl2tp_net *kn, const char *name, bool strip_domain,
		    const char *def_pool, u32 local, struct kl2tp_lease *l,
		    const char **why)
{
	struct kl2tp_user *u = NULL;
	struct kl2tp_pool *p = NULL;
	int ret = 0;

	memset(l, 0, sizeof(*l));
	mutex_lock(&kn->pool_lock);
	if (name && name[0]) {
		u = kl2tp_user_resolve(kn, name, strip_domain);
		if (!u) {
			*why = "unknown user";
			ret = -ENOENT;
			goto out;
		}
		if (u->max_sessions && u->sessions >= u->max_sessions) {
			*why = "user at max-sessions";
			ret = -EUSERS;
			goto out;
		}
		if (u->address && u->sessions) {
			*why = "static address in use by another session";
			ret = -EADDRINUSE;
			goto out;
		}
		if (u->n_routes && u->sessions) {
			/* two sessions would take the routes from each other */
			*why = "framed routes in use by another session";
			ret = -EADDRINUSE;
			goto out;
		}
	}
	if (u && u->address) {
		l->addr = u->address;
	} else {
		ret = kl2tp_lease_from_pool(kn, u && u->pool[0] ? u->pool :
					    def_pool, local, l, why);
		if (ret)
			goto out;
		l->dns1 = l->pool->dns1;
		l->dns2 = l->pool->dns2;
	}
	if (!l->pool && def_pool[0]) {
		/* a static address still gets the listener pool's DNS */
		p = kl2tp_pool_find(kn, def_pool, NULL);
		if (p) {
			l->dns1 = p->dns1;
			l->dns2 = p->dns2;
		}
	}
	if (u) {
		u->sessions++;
		l->user = u;
		l->n_routes = u->n_routes;
		memcpy(l->routes, u->routes, sizeof(l->routes));
	}
out:
	mutex_unlock(&kn->pool_lock);
	return ret;
}

/*
 * pool_lock held: an AAA server's address or prefix in no pool, @key in
 * @xa, taken for one session; -EADDRINUSE (*@why = @in_use) if it is.
 */
static int kl2tp_aaa_claim(struct xarray *xa, unsigned long key,
			   const char *in_use, const char **why)
{
	int ret = xa_insert(xa, key, xa_mk_value(1), GFP_KERNEL);

	if (ret == -EBUSY) {
		*why = in_use;
		return -EADDRINUSE;
	}
	if (ret)
		*why = "no memory";
	return ret;
}

/*
 * kl2tp_lease_get_aaa() - the lease of a user the AAA agent accepted, from
 * what its server said (@a, or NULL: nothing): its address (taken in the
 * pool whose range holds it; else kept in kn->aaa_addrs, so that no two
 * sessions have it), or one from its pool, else from
 * the listener's @def_pool; its DNS servers, else the pool's; its framed
 * routes. @local (host order) is the LNS's address. Returns 0, or
 * -EADDRINUSE (the address is handed out, or the LNS's), -ENXIO (no pool)
 * or -ENOSPC (pool exhausted) with *@why saying which.
 */
int kl2tp_lease_get_aaa(struct kl2tp_net *kn, const struct kl2tp_aaa_attrs *a,
			const char *def_pool, u32 local, struct kl2tp_lease *l,
			const char **why)
{
	struct kl2tp_pool *p, *dns = NULL;
	int ret = 0;
	u32 addr;

	memset(l, 0, sizeof(*l));
	mutex_lock(&kn->pool_lock);
	if (a && a->addr) {
		addr = ntohl(a->addr);
		if (addr == local) {
			*why = "address given is the LNS's";
			ret = -EADDRINUSE;
			goto out;
		}
		list_for_each_entry(p, &kn->pools, list) {
			if (p->v6 || addr < p->start || addr > p->end)
				continue;
			if (!kl2tp_pool_claim(p, addr - p->start)) {
				*why = "address given is in use";
				ret = -EADDRINUSE;
				goto out;
			}
			l->pool = p;
			break;
		}
		/* outside every pool: still one session per address */
		if (!l->pool) {
			ret = kl2tp_aaa_claim(&kn->aaa_addrs, addr,
					      "address given is in use", why);
			if (ret)
				goto out;
			l->outside = true;
		}
		l->addr = a->addr;
		dns = l->pool ? l->pool : kl2tp_pool_find(kn, def_pool, NULL);
		if (dns && dns->v6)
			dns = NULL;
	} else {
		ret = kl2tp_lease_from_pool(kn, a && a->pool[0] ? a->pool :
					    def_pool, local, l, why);
		if (ret)
			goto out;
		dns = l->pool;
	}
	if (a && a->dns1) {
		l->dns1 = a->dns1;
		l->dns2 = a->dns2;
	} else if (dns) {
		l->dns1 = dns->dns1;
		l->dns2 = dns->dns2;
	}
	if (a) {
		l->n_routes = a->n_routes;
		memcpy(l->routes, a->routes, sizeof(l->routes));
	}
out:
	mutex_unlock(&kn->pool_lock);
	return ret;
}

/* Give a lease back: the address to its pool, the session to its user. */
void kl2tp_lease_put(struct kl2tp_net *kn, struct kl2tp_lease *l)
{
	mutex_lock(&kn->pool_lock);
	if (l->pool)
		kl2tp_pool_release(l->pool, ntohl(l->addr) - l->pool->start);
	if (l->user)
		l->user->sessions--;
	if (l->outside)
		xa_erase(&kn->aaa_addrs, ntohl(l->addr));
	mutex_unlock(&kn->pool_lock);
	memset(l, 0, sizeof(*l));
}

/* The upper 64 bits of @a, host order: where pool prefixes differ. */
static u64 kl2tp_in6_hi(const struct in6_addr *a)
{
	return (u64)ntohl(a->s6_addr32[0]) << 32 | ntohl(a->s6_addr32[1]);
}

/*
 * pool_lock held: a prefix of IPv6 pool @p into @l (without @take: only its
 * length). Returns 0, or -ENOSPC with *@why when @p is exhausted.
 */
static int kl2tp_lease6_take(struct kl2tp_net *kn, struct kl2tp_pool *p,
			     bool take, struct kl2tp_lease6 *l,
			     const char **why)
{
	unsigned long bit;
	u64 hi;

	lockdep_assert_held(&kn->pool_lock);
	if (!take) {
		l->len = p->assign6;
		return 0;
	}
	bit = kl2tp_pool_next(kn, p);
	if (bit >= p->size) {
		pr_notice_ratelimited("IPv6 pool %s exhausted (%u prefixes)\n",
				      p->name, p->size);
		*why = "IPv6 pool exhausted";
		return -ENOSPC;
	}
	p->used++;
	l->pool = p;
	l->prefix = p->prefix6;
	/* assign6 <= 64: the index lands in the upper half */
	hi = kl2tp_in6_hi(&l->prefix);
	if (p->assign6 > p->plen6)
		hi |= (u64)bit << (64 - p->assign6);
	l->prefix.s6_addr32[0] = htonl(hi >> 32);
	l->prefix.s6_addr32[1] = htonl((u32)hi);
	l->len = p->assign6;
	memcpy(l->dns6, p->dns6, sizeof(l->dns6));
	return 0;
}

/* pool_lock held: as kl2tp_lease6_take(), from the IPv6 pool named @name. */
static int kl2tp_lease6_named(struct kl2tp_net *kn, const char *name,
			      bool take, struct kl2tp_lease6 *l,
			      const char **why)
{
	struct kl2tp_pool *p = kl2tp_pool_find(kn, name, NULL);

	if (!p || !p->v6) {
		*why = "no such IPv6 pool";
		return -ENXIO;
	}
	return kl2tp_lease6_take(kn, p, take, l, why);
}

/*
 * kl2tp_lease6_get() - the IPv6 prefix of a session of user @u (the one its
 * IPv4 lease holds, which keeps it; NULL: none) on a listener whose IPv6
 * pool is @def_pool6 (""): the user's static prefix, or one of its IPv6
 * pool or else of @def_pool6.
 * Returns 0 with @l->len 0 when neither names one (no IPv6), 0 with the
 * prefix, or -EADDRINUSE (static prefix in use), -ENXIO (no such IPv6
 * pool) or -ENOSPC (exhausted) with *@why saying which. Without @take,
 * only whether there would be one: @l->len set, nothing taken.
 */
int kl2tp_lease6_get(struct kl2tp_net *kn, struct kl2tp_user *u,
		     const char *def_pool6, bool take, struct kl2tp_lease6 *l,
		     const char **why)
{
	struct kl2tp_pool *p;
	const char *pool;
	int ret = 0;

	memset(l, 0, sizeof(*l));
	mutex_lock(&kn->pool_lock);
	if (u && u->prefix6_len && !take) {
		l->len = u->prefix6_len;
		goto out;
	}
	if (u && u->prefix6_len) {
		if (u->prefix6_used) {
			*why = "static IPv6 prefix in use by another session";
			ret = -EADDRINUSE;
			goto out;
		}
		u->prefix6_used = true;
		l->user = u;
		l->prefix = u->prefix6;
		l->len = u->prefix6_len;
		/* the listener pool's DNS servers */
		p = def_pool6[0] ? kl2tp_pool_find(kn, def_pool6, NULL) : NULL;
		if (p && p->v6)
			memcpy(l->dns6, p->dns6, sizeof(l->dns6));
		goto out;
	}
	pool = u && u->pool6[0] ? u->pool6 : def_pool6;
	if (pool[0])
		ret = kl2tp_lease6_named(kn, pool, take, l, why);
out:
	mutex_unlock(&kn->pool_lock);
	return ret;
}

/* The index in IPv6 pool @p of its prefix @pfx (an assign6 one of it). */
static u64 kl2tp_pool6_index(const struct kl2tp_pool *p,
			     const struct in6_addr *pfx)
{
	u64 bit = kl2tp_in6_hi(pfx) ^ kl2tp_in6_hi(&p->prefix6);

	return p->assign6 > p->plen6 ? bit >> (64 - p->assign6) : 0;
}

/*
 * pool_lock held: the AAA server's prefix @pfx/@len in the IPv6 pool it is
 * one of, into @l->pool. Returns 0, -ENOENT when no pool holds any of it,
 * -EADDRINUSE (it overlaps a pool otherwise, or is handed out) with *@why.
 */
static int kl2tp_pool6_claim(struct kl2tp_net *kn, const struct in6_addr *pfx,
			     u8 len, bool pd, struct kl2tp_lease6 *l,
			     const char **why)
{
	struct kl2tp_pool *p;

	lockdep_assert_held(&kn->pool_lock);
	list_for_each_entry(p, &kn->pools, list) {
		if (!p->v6 ||
		    !ipv6_prefix_equal(&p->prefix6, pfx, min(p->plen6, len)))
			continue;
		if (len != p->assign6 || len < p->plen6) {
			*why = pd ? "delegated prefix given overlaps an IPv6 pool" :
				    "IPv6 prefix given overlaps an IPv6 pool";
			return -EADDRINUSE;
		}
		if (!kl2tp_pool_claim(p, kl2tp_pool6_index(p, pfx))) {
			*why = pd ? "delegated prefix given is in use" :
				    "IPv6 prefix given is in use";
			return -EADDRINUSE;
		}
		l->pool = p;
		memcpy(l->dns6, p->dns6, sizeof(l->dns6));
		return 0;
	}
	return -ENOENT;
}

/*
 * kl2tp_lease6_get_aaa() - the IPv6 prefix of a session of a user the AAA
 * agent accepted, from what its server said (@a, or NULL): its prefix
 * (taken in the IPv6 pool it is one of; in no pool, a /64 kept in
 * kn->aaa_prefix6 so that no two sessions have it, and none of a user's
 * static prefixes; refused when it overlaps a pool otherwise), or one of
 * its IPv6 pool, else of the
 * listener's @def_pool6; its IPv6 DNS servers, else the pool's. Returns
 * as kl2tp_lease6_get().
 */
int kl2tp_lease6_get_aaa(struct kl2tp_net *kn, const struct kl2tp_aaa_attrs *a,
			 const char *def_pool6, bool take,
			 struct kl2tp_lease6 *l, const char **why)
{
	struct kl2tp_pool *dns = NULL;
	int ret = 0;

	if (!a || !a->prefix6_len) {
		ret = kl2tp_lease6_get(kn, NULL, a && a->pool6[0] ? a->pool6 :
				       def_pool6, take, l, why);
		goto dns;
	}
	memset(l, 0, sizeof(*l));
	if (!take) {
		l->len = a->prefix6_len;
		return 0;
	}
	mutex_lock(&kn->pool_lock);
	ret = kl2tp_pool6_claim(kn, &a->prefix6, a->prefix6_len, false, l, why);
	if (ret && ret != -ENOENT)
		goto out;
	if (!l->pool) {
		/*
		 * The link's prefix (SLAAC): a /64, so that those in no pool
		 * are equal or disjoint, told apart by their upper 64 bits.
		 */
		if (a->prefix6_len != 64) {
			*why = "IPv6 prefix given in no IPv6 pool is not a /64";
			ret = -EINVAL;
			goto out;
		}
		/* no pool holds it (the loop above): a user's static one? */
		ret = kl2tp_prefix6_check(kn, &a->prefix6, a->prefix6_len,
					  NULL, NULL);
		if (ret) {
			*why = "IPv6 prefix given is a user's static one";
			goto out;
		}
		/* xarray indices are longs: 32-bit kernels key by bits 32..63 */
		ret = kl2tp_aaa_claim(&kn->aaa_prefix6,
				      (unsigned long)kl2tp_in6_hi(&a->prefix6),
				      "IPv6 prefix given is in use", why);
		if (ret)
			goto out;
		l->outside = true;
	}
	l->prefix = a->prefix6;
	l->len = a->prefix6_len;
	dns = l->pool ?: kl2tp_pool_find(kn, def_pool6, NULL);
	if (dns && dns->v6)
		memcpy(l->dns6, dns->dns6, sizeof(l->dns6));
out:
	mutex_unlock(&kn->pool_lock);
dns:
	if (!ret && l->len && a && !ipv6_addr_any(&a->dns6[0]))
		memcpy(l->dns6, a->dns6, sizeof(l->dns6));
	return ret;
}

/*
 * kl2tp_lease6_get_pd() - the prefix delegated to the router of a session
 * (DHCPv6 IA_PD): the one its AAA server gave (@a; one of an IPv6 pool's),
 * or one of the IPv6 pool it named, of local user @u's, else of the
 * listener's @def_pool. Returns as kl2tp_lease6_get(), and -EINVAL for a
 * prefix in no pool.
 */
int kl2tp_lease6_get_pd(struct kl2tp_net *kn, struct kl2tp_user *u,
			const struct kl2tp_aaa_attrs *a, const char *def_pool,
			bool take, struct kl2tp_lease6 *l, const char **why)
{
	const char *pool = def_pool;
	int ret = 0;

	memset(l, 0, sizeof(*l));
	if (a && a->pd_len && !take) {
		l->len = a->pd_len;
		return 0;
	}
	mutex_lock(&kn->pool_lock);
	if (a && a->pd_len) {
		ret = kl2tp_pool6_claim(kn, &a->pd_prefix, a->pd_len, true, l,
					why);
		if (ret == -ENOENT) {
			*why = "delegated prefix given is in no IPv6 pool";
			ret = -EINVAL;
		}
		if (!ret) {
			l->prefix = a->pd_prefix;
			l->len = a->pd_len;
		}
		goto out;
	}
	if (a && a->pd_pool[0])
		pool = a->pd_pool;
	else if (u && u->pd_pool[0])
		pool = u->pd_pool;
	if (pool[0])
		ret = kl2tp_lease6_named(kn, pool, take, l, why);
out:
	mutex_unlock(&kn->pool_lock);
	return ret;
}

/* Give an IPv6 lease back: the prefix to its pool, its user or the AAA's. */
void kl2tp_lease6_put(struct kl2tp_net *kn, struct kl2tp_lease6 *l)
{
	struct kl2tp_pool *p = l->pool;

	mutex_lock(&kn->pool_lock);
	if (p)
		kl2tp_pool_release(p, kl2tp_pool6_index(p, &l->prefix));
	if (l->outside)
		xa_erase(&kn->aaa_prefix6,
			 (unsigned long)kl2tp_in6_hi(&l->prefix));
	if (l->user)
		l->user->prefix6_used = false;
	mutex_unlock(&kn->pool_lock);
	memset(l, 0, sizeof(*l));
}
