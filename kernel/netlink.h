/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kl2tp: the generic netlink family: requests and events (netlink.c).
 */
#ifndef KL2TP_NETLINK_H
#define KL2TP_NETLINK_H

#include "kl2tp.h"

/* netlink.c */
int kl2tp_genl_init(void);
void kl2tp_genl_uninit(void);
void kl2tp_event_tunnel(struct kl2tp_tunnel *t, u8 event);
void kl2tp_event_session(struct kl2tp_session *s, u8 event);
struct kl2tp_ppp_auth_cred;
int kl2tp_aaa_request(struct kl2tp_session *s, u64 agent, u64 cookie,
		      const struct kl2tp_ppp_auth_cred *c);
void kl2tp_event_client(struct kl2tp_client *c);
struct kl2tp_acct_rec;
struct sk_buff *kl2tp_acct_msg(struct kl2tp_net *kn,
			       const struct kl2tp_acct_rec *r);
void kl2tp_aaa_send(struct kl2tp_net *kn, struct sk_buff *msg);

#endif /* KL2TP_NETLINK_H */
