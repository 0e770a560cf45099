// SPDX-License-Identifier: GPL-2.0
/*
 * kl2tp: module init/exit and per-namespace state.
 */
#include <linux/module.h>
#include <linux/init.h>
#include <net/net_namespace.h>
#include <net/netns/generic.h>

#include "kl2tp.h"
#include "version.h"

unsigned int kl2tp_net_id __read_mostly;

static int __net_init kl2tp_net_init(struct net *net)
{
	struct kl2tp_net *kn = kl2tp_pernet(net);

	kn->net = net;
	return 0;
}

static void __net_exit kl2tp_net_exit(struct net *net)
{
}

static struct pernet_operations kl2tp_net_ops = {
	.init = kl2tp_net_init,
	.exit = kl2tp_net_exit,
	.id = &kl2tp_net_id,
	.size = sizeof(struct kl2tp_net),
};

static int __init kl2tp_mod_init(void)
{
	int ret;

	ret = register_pernet_subsys(&kl2tp_net_ops);
	if (ret)
		goto err_pernet;

	ret = kl2tp_genl_init();
	if (ret)
		goto err_genl;

	pr_info("L2TPv2 LNS/LAC with in-kernel PPP, version %s loaded\n",
		KL2TP_VERSION);
	return 0;

err_genl:
	unregister_pernet_subsys(&kl2tp_net_ops);
err_pernet:
	return ret;
}

static void __exit kl2tp_mod_exit(void)
{
	kl2tp_genl_uninit();
	unregister_pernet_subsys(&kl2tp_net_ops);
	pr_info("unloaded\n");
}

module_init(kl2tp_mod_init);
module_exit(kl2tp_mod_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("L2TPv2 (RFC 2661) LNS and LAC with in-kernel PPP");
MODULE_AUTHOR("kl2tp developers");
MODULE_VERSION(KL2TP_VERSION);
