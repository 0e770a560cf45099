/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kl2tp: peers, listeners and clients (config.c).
 */
#ifndef KL2TP_CONFIG_H
#define KL2TP_CONFIG_H

#include "kl2tp.h"

struct kl2tp_peer {
	struct list_head list;
	char name[KL2TP_NAME_MAX];
	union kl2tp_sa addr;		/* no port */
	u8 prefixlen;
	bool has_addr;
	bool hidden;
	bool trust_proxy;		/* its proxy auth without a secret */
	char hostname[KL2TP_HOSTNAME_MAX];
	struct kl2tp_secret secret;
	u32 hello;
	u32 max_sessions;
};

struct kl2tp_sock;

/*
 * What a listener and a client both set for their calls: parsed, filled
 * and checked once (netlink.c), applied to PPP once (ppp.c).
 */
struct kl2tp_call_opts {
	char hostname[KL2TP_HOSTNAME_MAX];	/* ours; "" = default */
	u32 mtu;			/* 0 = automatic */
	u32 lcp_echo_interval;		/* seconds, 0 = off */
	u32 lcp_echo_failures;
	u8 auth[KL2TP_AUTH_LIST_MAX];	/* enum kl2tp_auth, in order */
	u8 n_auth;
	bool mss_clamp;
	char ifname[IFNAMSIZ];		/* session device name pattern */
	char shared_dev[IFNAMSIZ];	/* or one device for all sessions */
};

struct kl2tp_lns {
	struct list_head list;
	char name[KL2TP_NAME_MAX];
	union kl2tp_sa listen_addr;	/* no port: listen_port */
	u16 listen_port;
	__be32 local_ip;
	char pool[KL2TP_NAME_MAX];
	char pool6[KL2TP_NAME_MAX];	/* IPv6 pool: IPV6CP; "" none */
	char pd_pool[KL2TP_NAME_MAX];	/* delegated prefixes: IPV6CP too */
	struct kl2tp_call_opts opts;
	/* allowed peers by name; n_peers == 0: any */
	char (*peers)[KL2TP_NAME_MAX];
	unsigned int n_peers;
	bool sequencing;
	bool strip_domain;		/* user@domain: try "user" too */
	bool force_chap;		/* challenge even after proxy auth */
	bool lcp_renegotiate;		/* ignore proxy LCP */
	u8 aaa;				/* enum kl2tp_aaa */
	u32 aaa_timeout;		/* seconds */
	u32 max_tunnels;
	u32 max_sessions;
	unsigned int n_tunnels;
	atomic_t n_sessions;		/* in this listener's tunnels */
	struct kl2tp_sock *ks;
};

struct kl2tp_client {
	struct list_head list;
	char name[KL2TP_NAME_MAX];
	struct kl2tp_lns_addr lns[KL2TP_LNS_MAX];	/* in order */
	u8 n_lns;
	u8 lns_policy;			/* enum kl2tp_lns_policy */
	u8 lns_cur;			/* dialled now or last; kn->lock */
	u8 lns_failed;			/* failed in this round; kn->lock */
	bool lns_new;			/* list changed under a call; kn->lock */
	union kl2tp_sa remote_addr;	/* lns[lns_cur]'s, for the tunnel */
	u16 remote_port;
	char user[KL2TP_NAME_MAX];
	struct kl2tp_secret password;
	struct kl2tp_secret secret;
	struct kl2tp_call_opts opts;
	bool default_route;
	bool redial;
	bool ipv6;			/* run IPV6CP */
	bool pd;			/* ask for a delegated prefix */
	char pd_dev[IFNAMSIZ];		/* its first /64 on this device */
	bool tunnel_own;
	bool hidden;
	u32 hello;
	char calling[KL2TP_CALL_NUMBER_MAX];	/* our ICRQ's, "" = none */
	char called[KL2TP_CALL_NUMBER_MAX];
	u8 state;			/* enum kl2tp_client_state */
	struct hlist_node hnode;	/* kn->hashes->client, kn->lock */
	bool want_up;
	unsigned int failures;		/* consecutive, for redial backoff */
	bool deleted;
	struct kl2tp_session *session;	/* a reference; under kn->lock */
	struct delayed_work work;	/* dial progress, redial */
	struct kl2tp_net *kn;
};

/* config.c */
void kl2tp_lns_sa(const struct kl2tp_lns_addr *l, union kl2tp_sa *sa);
int kl2tp_hashes_alloc(struct kl2tp_net *kn);
int kl2tp_config_init(struct kl2tp_net *kn);
void kl2tp_config_uninit(struct kl2tp_net *kn);
struct kl2tp_peer *kl2tp_peer_match(struct kl2tp_net *kn,
				    struct kl2tp_lns *lns,
				    const union kl2tp_sa *saddr,
				    const struct kl2tp_avp_val *host);
/* Lookups by name: NULL and, with @extack, "no such <object>" when absent. */
struct kl2tp_peer *kl2tp_peer_find(struct kl2tp_net *kn, const char *name,
				   struct netlink_ext_ack *extack);
struct kl2tp_lns *kl2tp_lns_find(struct kl2tp_net *kn, const char *name,
				 struct netlink_ext_ack *extack);
struct kl2tp_client *kl2tp_client_find(struct kl2tp_net *kn,
				       const char *name,
				       struct netlink_ext_ack *extack);
int kl2tp_peer_add(struct kl2tp_net *kn, struct kl2tp_peer *p,
		   struct netlink_ext_ack *extack);
int kl2tp_peer_del(struct kl2tp_net *kn, const char *name,
		   struct netlink_ext_ack *extack);
/* What kl2tp_peer_set() takes from its @n. */
enum {
	KL2TP_PEER_SET_ADDRESS		= BIT(0),	/* and prefix length */
	KL2TP_PEER_SET_HOSTNAME		= BIT(1),
	KL2TP_PEER_SET_SECRET		= BIT(2),
	KL2TP_PEER_SET_HIDDEN		= BIT(3),
	KL2TP_PEER_SET_TRUST_PROXY	= BIT(4),
	KL2TP_PEER_SET_HELLO		= BIT(5),
	KL2TP_PEER_SET_MAX_SESSIONS	= BIT(6),
};

int kl2tp_peer_set(struct kl2tp_net *kn, const struct kl2tp_peer *n,
		   unsigned int which, struct netlink_ext_ack *extack);
/* What kl2tp_lns_set() and kl2tp_client_set() take of their call options. */
enum {
	KL2TP_OPTS_SET_AUTH		= BIT(0),
	KL2TP_OPTS_SET_HOSTNAME		= BIT(1),
	KL2TP_OPTS_SET_MTU		= BIT(2),
	KL2TP_OPTS_SET_LCP_ECHO		= BIT(3),	/* the interval */
	KL2TP_OPTS_SET_LCP_ECHO_FAILURES = BIT(4),
	KL2TP_OPTS_SET_DEVICE		= BIT(5),	/* ifname or shared-dev */
	KL2TP_OPTS_SET_MSS_CLAMP	= BIT(6),
	KL2TP_OPTS_SET_NEXT		= BIT(7),	/* the others' first */
};

/* What kl2tp_lns_set() takes from its @n, with the KL2TP_OPTS_SET_* bits. */
enum {
	KL2TP_LNS_SET_LISTEN_ADDR	= KL2TP_OPTS_SET_NEXT,	/* to check it */
	KL2TP_LNS_SET_LISTEN_PORT	= KL2TP_OPTS_SET_NEXT << 1,	/* too */
	KL2TP_LNS_SET_LOCAL_IP		= KL2TP_OPTS_SET_NEXT << 2,
	KL2TP_LNS_SET_POOL		= KL2TP_OPTS_SET_NEXT << 3,
	KL2TP_LNS_SET_PEERS		= KL2TP_OPTS_SET_NEXT << 4,
	KL2TP_LNS_SET_SEQUENCING	= KL2TP_OPTS_SET_NEXT << 5,
	KL2TP_LNS_SET_MAX_TUNNELS	= KL2TP_OPTS_SET_NEXT << 6,
	KL2TP_LNS_SET_MAX_SESSIONS	= KL2TP_OPTS_SET_NEXT << 7,
	KL2TP_LNS_SET_STRIP_DOMAIN	= KL2TP_OPTS_SET_NEXT << 8,
	KL2TP_LNS_SET_FORCE_CHAP	= KL2TP_OPTS_SET_NEXT << 9,
	KL2TP_LNS_SET_LCP_RENEGOTIATE	= KL2TP_OPTS_SET_NEXT << 10,
	KL2TP_LNS_SET_AAA		= KL2TP_OPTS_SET_NEXT << 11,
	KL2TP_LNS_SET_AAA_TIMEOUT	= KL2TP_OPTS_SET_NEXT << 12,
	KL2TP_LNS_SET_POOL6		= KL2TP_OPTS_SET_NEXT << 13,
	KL2TP_LNS_SET_PD_POOL		= KL2TP_OPTS_SET_NEXT << 14,
};

int kl2tp_lns_set(struct kl2tp_net *kn, struct kl2tp_lns *n, unsigned int which,
		  struct netlink_ext_ack *extack);
int kl2tp_lns_add(struct kl2tp_net *kn, struct kl2tp_lns *l,
		  struct netlink_ext_ack *extack);
struct kl2tp_lns *kl2tp_lns_del(struct kl2tp_net *kn, const char *name,
				struct netlink_ext_ack *extack);
void kl2tp_lns_release(struct kl2tp_lns *l);
void kl2tp_client_lns_set(struct kl2tp_client *c, unsigned int i);
/* What kl2tp_client_set() takes from its @n, with the KL2TP_OPTS_SET_* bits. */
enum {
	KL2TP_CLIENT_SET_LNS		= KL2TP_OPTS_SET_NEXT,	/* the list */
	KL2TP_CLIENT_SET_LNS_POLICY	= KL2TP_OPTS_SET_NEXT << 1,
	KL2TP_CLIENT_SET_USER		= KL2TP_OPTS_SET_NEXT << 2,
	KL2TP_CLIENT_SET_PASSWORD	= KL2TP_OPTS_SET_NEXT << 3,
	KL2TP_CLIENT_SET_SECRET		= KL2TP_OPTS_SET_NEXT << 4,
	KL2TP_CLIENT_SET_DEFAULT_ROUTE	= KL2TP_OPTS_SET_NEXT << 5,
	KL2TP_CLIENT_SET_REDIAL		= KL2TP_OPTS_SET_NEXT << 6,
	KL2TP_CLIENT_SET_HELLO		= KL2TP_OPTS_SET_NEXT << 7,
	KL2TP_CLIENT_SET_HIDDEN		= KL2TP_OPTS_SET_NEXT << 8,
	KL2TP_CLIENT_SET_TUNNEL_OWN	= KL2TP_OPTS_SET_NEXT << 9,
	KL2TP_CLIENT_SET_CALLING	= KL2TP_OPTS_SET_NEXT << 10,
	KL2TP_CLIENT_SET_CALLED		= KL2TP_OPTS_SET_NEXT << 11,
	KL2TP_CLIENT_SET_IPV6		= KL2TP_OPTS_SET_NEXT << 12,
	KL2TP_CLIENT_SET_PD		= KL2TP_OPTS_SET_NEXT << 13,
	KL2TP_CLIENT_SET_PD_DEV		= KL2TP_OPTS_SET_NEXT << 14,
};

int kl2tp_client_set(struct kl2tp_net *kn, const struct kl2tp_client *n,
		     unsigned int which, struct netlink_ext_ack *extack);
int kl2tp_client_add(struct kl2tp_net *kn, struct kl2tp_client *c,
		     struct netlink_ext_ack *extack);
struct kl2tp_client *kl2tp_client_del(struct kl2tp_net *kn, const char *name,
				      struct netlink_ext_ack *extack);
void kl2tp_client_release(struct kl2tp_client *c);
int kl2tp_client_up(struct kl2tp_net *kn, struct kl2tp_client *c,
		    struct netlink_ext_ack *extack);
void kl2tp_client_down(struct kl2tp_net *kn, struct kl2tp_client *c);
void kl2tp_client_session_down(struct kl2tp_client *c);
void kl2tp_client_session_up(struct kl2tp_client *c);

#endif /* KL2TP_CONFIG_H */
