// SPDX-License-Identifier: GPL-2.0
/*
 * kl2tp: IPv4 address pools and PPP users.
 *
 * kn->pool_lock (a mutex) covers both lists and the pools' allocation
 * maps. Only kn->lock may be held when taking it, and nothing is taken
 * under it.
 */
#include <linux/kernel.h>
#include <linux/bitmap.h>
#include <linux/slab.h>

#include "kl2tp.h"

struct kl2tp_pool *kl2tp_pool_find(struct kl2tp_net *kn, const char *name)
{
	struct kl2tp_pool *p;

	lockdep_assert_held(&kn->pool_lock);
	list_for_each_entry(p, &kn->pools, list)
		if (!strcmp(p->name, name))
			return p;
	return NULL;
}

struct kl2tp_user *kl2tp_user_find(struct kl2tp_net *kn, const char *name)
{
	struct kl2tp_user *u;

	lockdep_assert_held(&kn->pool_lock);
	list_for_each_entry(u, &kn->users, list)
		if (!strcmp(u->name, name))
			return u;
	return NULL;
}

/* pool_lock held. The pool whose range overlaps [start, end], if any. */
static struct kl2tp_pool *kl2tp_pool_overlap(struct kl2tp_net *kn, u32 start,
					     u32 end)
{
	struct kl2tp_pool *p;

	list_for_each_entry(p, &kn->pools, list)
		if (start <= p->end && p->start <= end)
			return p;
	return NULL;
}

int kl2tp_pool_add(struct kl2tp_net *kn, struct kl2tp_pool *p,
		   const char **why)
{
	u32 size;

	if (p->end < p->start) {
		*why = "range ends before it starts";
		return -EINVAL;
	}
	size = p->end - p->start + 1;
	if (!size || size > KL2TP_POOL_MAX) {
		*why = "a pool holds at most 65536 addresses";
		return -EINVAL;
	}
	p->map = bitmap_zalloc(size, GFP_KERNEL);
	if (!p->map)
		return -ENOMEM;
	p->size = size;

	mutex_lock(&kn->pool_lock);
	if (kl2tp_pool_find(kn, p->name)) {
		mutex_unlock(&kn->pool_lock);
		*why = "a pool of that name exists";
		return -EEXIST;
	}
	if (kl2tp_pool_overlap(kn, p->start, p->end)) {
		mutex_unlock(&kn->pool_lock);
		*why = "range overlaps another pool";
		return -EADDRINUSE;
	}
	list_add_tail(&p->list, &kn->pools);
	mutex_unlock(&kn->pool_lock);
	return 0;
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
		if (!strcmp(l->pool, name))
			return true;
	return false;
}

int kl2tp_pool_del(struct kl2tp_net *kn, const char *name, const char **why)
{
	struct kl2tp_pool *p;
	int ret = 0;

	mutex_lock(&kn->lock);
	mutex_lock(&kn->pool_lock);
	p = kl2tp_pool_find(kn, name);
	if (!p) {
		*why = "no such pool";
		ret = -ENOENT;
	} else if (p->users || kl2tp_pool_listened(kn, name)) {
		*why = "a user or listener uses this pool";
		ret = -EBUSY;
	} else if (p->used) {
		*why = "addresses of this pool are in use";
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

int kl2tp_user_add(struct kl2tp_net *kn, struct kl2tp_user *u,
		   const char **why)
{
	struct kl2tp_pool *p = NULL;

	mutex_lock(&kn->pool_lock);
	if (kl2tp_user_find(kn, u->name)) {
		mutex_unlock(&kn->pool_lock);
		*why = "a user of that name exists";
		return -EEXIST;
	}
	if (u->pool[0]) {
		p = kl2tp_pool_find(kn, u->pool);
		if (!p) {
			mutex_unlock(&kn->pool_lock);
			*why = "no such pool";
			return -ENOENT;
		}
		p->users++;
	}
	list_add_tail(&u->list, &kn->users);
	mutex_unlock(&kn->pool_lock);
	return 0;
}

static void kl2tp_user_unlink(struct kl2tp_net *kn, struct kl2tp_user *u)
{
	struct kl2tp_pool *p;

	if (u->pool[0]) {
		p = kl2tp_pool_find(kn, u->pool);
		if (p)
			p->users--;
	}
	list_del(&u->list);
	kfree_sensitive(u);
}

int kl2tp_user_del(struct kl2tp_net *kn, const char *name, const char **why)
{
	struct kl2tp_user *u;
	int ret = 0;

	mutex_lock(&kn->pool_lock);
	u = kl2tp_user_find(kn, name);
	if (!u) {
		*why = "no such user";
		ret = -ENOENT;
	} else if (u->sessions) {
		*why = "the user has sessions (reset them first)";
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
}
