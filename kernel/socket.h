/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kl2tp: UDP encapsulation sockets (socket.c).
 */
#ifndef KL2TP_SOCKET_H
#define KL2TP_SOCKET_H

#include "kl2tp.h"

/* A UDP encapsulation socket. */
struct kl2tp_sock {
	struct kref ref;
	struct socket *sock;
	struct kl2tp_net *kn;
	union kl2tp_sa laddr;		/* bound to, its family the socket's */
	__be16 lport;
	struct kl2tp_lns *lns;		/* listener socket: SCCRQs go there */
	bool listener;			/* had an lns: sccrq_work may run */
	struct sk_buff_head sccrq_q;	/* tunnel id 0 messages */
	struct work_struct sccrq_work;
	atomic64_t rx_drops;
	atomic64_t evicted;		/* half-open tunnels closed for an SCCRQ */
	struct kl2tp_ctrl_msg msg;	/* sccrq_work's parse scratch */
};

/* socket.c */
struct kl2tp_sock *kl2tp_sock_create(struct kl2tp_net *kn,
				     const union kl2tp_sa *laddr, u16 lport,
				     struct kl2tp_lns *lns);
void kl2tp_sock_get(struct kl2tp_sock *ks);
void kl2tp_sock_put(struct kl2tp_sock *ks);
int kl2tp_xmit(struct kl2tp_tunnel *t, const void *data, unsigned int len);
int kl2tp_udp_xmit(struct kl2tp_tunnel *t, struct sk_buff *skb);
/* room for the underlay's link, IP (IPv6 the larger) and UDP headers */
#define KL2TP_UDP_HEADROOM	(LL_MAX_HEADER + sizeof(struct ipv6hdr) + \
				 sizeof(struct udphdr))

#endif /* KL2TP_SOCKET_H */
