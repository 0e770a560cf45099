/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kl2tp: internal declarations shared by the kernel glue.
 */
#ifndef KL2TP_H
#define KL2TP_H

#include <linux/types.h>
#include <net/net_namespace.h>
#include <net/netns/generic.h>

/* Per network namespace state. */
struct kl2tp_net {
	struct net *net;
};

extern unsigned int kl2tp_net_id;

static inline struct kl2tp_net *kl2tp_pernet(const struct net *net)
{
	return net_generic(net, kl2tp_net_id);
}

int kl2tp_genl_init(void);
void kl2tp_genl_uninit(void);

#endif /* KL2TP_H */
