/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kl2tp: address pools, users and leases (pool.c).
 */
#ifndef KL2TP_POOL_H
#define KL2TP_POOL_H

#include <linux/in6.h>

#include "kl2tp.h"

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
	u32 next;			/* where the next search starts */
	unsigned int users;		/* users that name this pool */
	/* size bits: handed out or kept back; then size bits: kept back */
	unsigned long *map;
	/* an IPv6 pool: prefixes, bit i the i-th of length assign6 */
	bool v6;
	u8 plen6;			/* the pool's prefix length */
	u8 assign6;			/* that of each prefix handed out */
	struct in6_addr prefix6;
	struct in6_addr dns6[2];	/* :: when none */
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
	char pool6[KL2TP_NAME_MAX];	/* IPv6 pool, or "" */
	struct in6_addr prefix6;	/* or this static prefix */
	u8 prefix6_len;			/* its length, 0: none */
	bool prefix6_used;		/* a session has it */
	char pd_pool[KL2TP_NAME_MAX];	/* delegated prefixes, or "" */
};

/* What a session holds of pools and users (pool.c), under kn->pool_lock. */
struct kl2tp_lease {
	struct kl2tp_pool *pool;	/* the address is from it, or NULL */
	struct kl2tp_user *user;	/* counted in user->sessions, or NULL */
	bool outside;			/* in kn->aaa_addrs: in no pool */
	__be32 addr;
	__be32 dns1;
	__be32 dns2;
	u8 n_routes;			/* the user's framed routes */
	struct kl2tp_route routes[KL2TP_ROUTES_MAX];
};

/* A session's IPv6 prefix (pool.c), under kn->pool_lock. */
struct kl2tp_lease6 {
	struct kl2tp_pool *pool;	/* the prefix is from it, or NULL */
	struct kl2tp_user *user;	/* or it is this user's static one */
	struct in6_addr prefix;
	u8 len;				/* 0: no prefix */
	bool outside;			/* an AAA server's, in kn->aaa_prefix6 */
	struct in6_addr dns6[2];
};

/* What an AAA server said about a user it accepted (KL2TP_CMD_AAA_VERDICT). */
struct kl2tp_aaa_attrs {
	__be32 addr;			/* Framed-IP-Address, or 0 */
	char pool[KL2TP_NAME_MAX];	/* Framed-Pool, or "" */
	__be32 dns1;
	__be32 dns2;
	struct in6_addr prefix6;	/* Framed-IPv6-Prefix, if prefix6_len */
	u8 prefix6_len;
	char pool6[KL2TP_NAME_MAX];	/* Framed-IPv6-Pool, or "" */
	struct in6_addr dns6[2];	/* DNS-Server-IPv6-Address, or :: */
	struct in6_addr pd_prefix;	/* Delegated-IPv6-Prefix, if pd_len */
	u8 pd_len;
	char pd_pool[KL2TP_NAME_MAX];	/* Delegated-IPv6-Prefix-Pool, or "" */
	u32 mtu;			/* Framed-MTU, or 0 */
	u32 session_timeout;		/* seconds, or 0 */
	u32 idle_timeout;		/* seconds, or 0 */
	u32 acct_interim;		/* Acct-Interim-Interval, or 0 */
	u8 class_len;			/* Class, kept for accounting */
	u8 class[KL2TP_ACCT_CLASS_MAX];
	u8 n_routes;
	struct kl2tp_route routes[KL2TP_ROUTES_MAX];
};

/* pool.c */
void kl2tp_pool_init(struct kl2tp_net *kn);
void kl2tp_pool_uninit(struct kl2tp_net *kn);
/* Lookups by name: NULL and, with @extack, "no such <object>" when absent. */
struct kl2tp_pool *kl2tp_pool_find(struct kl2tp_net *kn, const char *name,
				   struct netlink_ext_ack *extack);
struct kl2tp_user *kl2tp_user_find(struct kl2tp_net *kn, const char *name,
				   struct netlink_ext_ack *extack);
int kl2tp_pool_add(struct kl2tp_net *kn, struct kl2tp_pool *p,
		   struct netlink_ext_ack *extack);
int kl2tp_pool_del(struct kl2tp_net *kn, const char *name,
		   struct netlink_ext_ack *extack);
int kl2tp_pool_set(struct kl2tp_net *kn, const struct kl2tp_pool *n,
		   bool range, bool dns, bool dns6,
		   struct netlink_ext_ack *extack);
int kl2tp_pool_check(struct kl2tp_net *kn, const char *name, bool v6,
		     struct netlink_ext_ack *extack);
int kl2tp_user_add(struct kl2tp_net *kn, struct kl2tp_user *u,
		   struct netlink_ext_ack *extack);
int kl2tp_user_del(struct kl2tp_net *kn, const char *name,
		   struct netlink_ext_ack *extack);
/* What kl2tp_user_set() takes from its @n. */
enum {
	KL2TP_USER_SET_PASSWORD		= BIT(0),
	KL2TP_USER_SET_POOL		= BIT(1),
	KL2TP_USER_SET_ADDRESS		= BIT(2),
	KL2TP_USER_SET_MAX_SESSIONS	= BIT(3),
	KL2TP_USER_SET_ROUTES		= BIT(4),
	KL2TP_USER_SET_POOL6		= BIT(5),
	KL2TP_USER_SET_PREFIX6		= BIT(6),
	KL2TP_USER_SET_PD_POOL		= BIT(7),
};

int kl2tp_user_set(struct kl2tp_net *kn, const struct kl2tp_user *n,
		   unsigned int which, struct netlink_ext_ack *extack);
int kl2tp_user_secret(struct kl2tp_net *kn, const char *name,
		      bool strip_domain, u8 *buf);
int kl2tp_lease_get_aaa(struct kl2tp_net *kn, const struct kl2tp_aaa_attrs *a,
			const char *def_pool, u32 local, struct kl2tp_lease *l,
			const char **why);
int kl2tp_lease_get(struct kl2tp_net *kn, const char *name, bool strip_domain,
		    const char *def_pool, u32 local, struct kl2tp_lease *l,
		    const char **why);
void kl2tp_lease_put(struct kl2tp_net *kn, struct kl2tp_lease *l);
int kl2tp_lease6_get(struct kl2tp_net *kn, struct kl2tp_user *u,
		     const char *def_pool6, bool take, struct kl2tp_lease6 *l,
		     const char **why);
void kl2tp_lease6_put(struct kl2tp_net *kn, struct kl2tp_lease6 *l);
int kl2tp_lease6_get_aaa(struct kl2tp_net *kn, const struct kl2tp_aaa_attrs *a,
			 const char *def_pool6, bool take,
			 struct kl2tp_lease6 *l, const char **why);
int kl2tp_lease6_get_pd(struct kl2tp_net *kn, struct kl2tp_user *u,
			const struct kl2tp_aaa_attrs *a, const char *def_pool,
			bool take, struct kl2tp_lease6 *l, const char **why);

#endif /* KL2TP_POOL_H */
