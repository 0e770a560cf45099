// SPDX-License-Identifier: GPL-2.0
/*
 * kl2tp: module init/exit, tunables and per-namespace state.
 */
#include <linux/module.h>
#include <linux/debugfs.h>
#include <linux/fault-inject.h>
#include <linux/init.h>
#include <linux/jiffies.h>
#include <linux/uuid.h>
#include <linux/wait.h>
#include <linux/workqueue.h>
#include <net/net_namespace.h>
#include <net/netns/generic.h>

#include "kl2tp.h"
#include "pool.h"
#include "config.h"
#include "device.h"
#include "netlink.h"
#include "acct.h"
#include "version.h"

unsigned int kl2tp_net_id __read_mostly;
struct workqueue_struct *kl2tp_wq __read_mostly;

unsigned int kl2tp_ctrl_rto_ms = KL2TP_CW_DEF_RTO;
module_param_named(ctrl_rto_ms, kl2tp_ctrl_rto_ms, uint, 0644);
MODULE_PARM_DESC(ctrl_rto_ms,
		 "first control retransmission timeout, ms (default 1000; 0, or a cap over 600000: both at their defaults)");

unsigned int kl2tp_ctrl_rto_max_ms = KL2TP_CW_DEF_RTO_MAX;
module_param_named(ctrl_rto_max_ms, kl2tp_ctrl_rto_max_ms, uint, 0644);
MODULE_PARM_DESC(ctrl_rto_max_ms,
		 "cap of the retransmission backoff, ms (default 8000; at least ctrl_rto_ms, at most 600000)");

unsigned int kl2tp_ctrl_retries = KL2TP_CW_DEF_RETRIES;
module_param_named(ctrl_retries, kl2tp_ctrl_retries, uint, 0644);
MODULE_PARM_DESC(ctrl_retries,
		 "retransmissions before the peer is declared dead (default 5, at most 100)");

unsigned int kl2tp_call_starting_max = 512;
module_param_named(call_starting_max, kl2tp_call_starting_max, uint, 0644);
MODULE_PARM_DESC(call_starting_max,
		 "calls a LAC tunnel sets up at once; more wait for a slot (default 512, 0 = no limit)");

unsigned int kl2tp_call_setup_timeout = 60;
module_param_named(call_setup_timeout, kl2tp_call_setup_timeout, uint, 0644);
MODULE_PARM_DESC(call_setup_timeout,
		 "seconds a call waits for the peer's ICRP or ICCN before it ends (default 60, at most 86400, 0 = forever)");

unsigned int kl2tp_pd_lifetime = 7200;
module_param_named(pd_lifetime, kl2tp_pd_lifetime, uint, 0644);
MODULE_PARM_DESC(pd_lifetime,
		 "valid lifetime of the prefixes an LNS delegates, seconds (default 7200, 20..86400; preferred half of it, Renew at a quarter)");

#if IS_ENABLED(CONFIG_FAULT_INJECTION_DEBUG_FS)
static DECLARE_FAULT_ATTR(kl2tp_fail_attr);
static struct dentry *kl2tp_debugfs;

bool kl2tp_fail(void)
{
	return should_fail(&kl2tp_fail_attr, 1);
}

static void kl2tp_fault_init(void)
{
	/* no debugfs is no fault injection, not an error */
	kl2tp_debugfs = debugfs_create_dir("kl2tp", NULL);
	fault_create_debugfs_attr("fail", kl2tp_debugfs, &kl2tp_fail_attr);
}

static void kl2tp_fault_uninit(void)
{
	debugfs_remove_recursive(kl2tp_debugfs);
}
#else
static void kl2tp_fault_init(void)
{
}

static void kl2tp_fault_uninit(void)
{
}
#endif

u64 kl2tp_now_ms(void)
{
	return jiffies64_to_msecs(get_jiffies_64());
}

/* Woken when a namespace's last tunnel struct is freed (kl2tp_net_exit). */
static DECLARE_WAIT_QUEUE_HEAD(kl2tp_free_wq);

/*
 * A tunnel struct of @kn was freed. This is the last touch of @kn: once the
 * count is zero, the namespace's exit may go on and free it, which is why
 * the wait queue is not in @kn.
 */
void kl2tp_net_tunnel_freed(struct kl2tp_net *kn)
{
	if (atomic_dec_and_test(&kn->n_alloc))
		wake_up(&kl2tp_free_wq);
}

static int __net_init kl2tp_net_init(struct net *net)
{
	struct kl2tp_net *kn = kl2tp_pernet(net);

	kn->net = net;
	INIT_LIST_HEAD(&kn->dev_names);
	mutex_init(&kn->local_lock);
	INIT_LIST_HEAD(&kn->locals);
	kl2tp_acct_init(kn);
	/* DUID-UUID (type 4, RFC 6355): the namespace's, a random UUID */
	kn->duid[0] = 0;
	kn->duid[1] = 4;
	generate_random_uuid(&kn->duid[2]);
	return kl2tp_config_init(kn);
}

/*
 * Before the core's device exit: since 6.9 it unregisters every device left
 * in the namespace before any .exit runs, ours included, so the sessions
 * and their devices must be gone by then.
 */
static void __net_exit kl2tp_net_pre_exit(struct net *net)
{
	struct kl2tp_net *kn = kl2tp_pernet(net);

	kn->dying = true;
	kl2tp_config_uninit(kn);
	/*
	 * Tunnels are freed after an RCU grace period by kl2tp_wq, and free
	 * their sockets then: wait, the sockets must go before the netns.
	 */
	while (!wait_event_timeout(kl2tp_free_wq, !atomic_read(&kn->n_alloc),
				   30 * HZ))
		pr_warn("netns exit still waits for %d tunnels\n",
			atomic_read(&kn->n_alloc));
}

static void __net_exit kl2tp_net_exit(struct net *net)
{
	struct kl2tp_net *kn = kl2tp_pernet(net);

	/* every session, and so every lease, is gone since pre_exit */
	kl2tp_pool_uninit(kn);
	kl2tp_dev_names_uninit(kn);
	kl2tp_locals_uninit(kn);
	kl2tp_acct_uninit(kn);
	/* no tunnel since pre_exit, no reader since the core's grace period */
	kvfree(kn->hashes);
}

static struct pernet_operations kl2tp_net_ops = {
	.init = kl2tp_net_init,
	.pre_exit = kl2tp_net_pre_exit,
	.exit = kl2tp_net_exit,
	.id = &kl2tp_net_id,
	.size = sizeof(struct kl2tp_net),
};

static int __init kl2tp_mod_init(void)
{
	int ret;

	kl2tp_fault_init();
	ret = kl2tp_crypto_init();
	if (ret)
		goto err_crypto;

	/*
	 * Not WQ_MEM_RECLAIM: the device gc work unregisters netdevs, and
	 * unregister_netdevice_many() flushes the backlog works queued on
	 * system_highpri_wq; a reclaim queue may not wait on those.
	 */
	kl2tp_wq = alloc_workqueue("kl2tp", WQ_UNBOUND, 0);
	if (!kl2tp_wq) {
		ret = -ENOMEM;
		goto err_wq;
	}

	ret = register_pernet_device(&kl2tp_net_ops);
	if (ret)
		goto err_pernet;

	ret = kl2tp_genl_init();
	if (ret)
		goto err_genl;

	pr_info("L2TPv2 LNS/LAC with in-kernel PPP, version %s loaded\n",
		KL2TP_VERSION);
	return 0;

err_genl:
	unregister_pernet_device(&kl2tp_net_ops);
err_pernet:
	destroy_workqueue(kl2tp_wq);
err_wq:
	kl2tp_crypto_uninit();
err_crypto:
	kl2tp_fault_uninit();
	return ret;
}

static void __exit kl2tp_mod_exit(void)
{
	kl2tp_genl_uninit();
	unregister_pernet_device(&kl2tp_net_ops);
	/* tunnel frees are RCU callbacks that queue work: let them all run */
	rcu_barrier();
	destroy_workqueue(kl2tp_wq);
	rcu_barrier();
	kl2tp_crypto_uninit();
	kl2tp_fault_uninit();
	pr_info("unloaded\n");
}

module_init(kl2tp_mod_init);
module_exit(kl2tp_mod_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("L2TPv2 (RFC 2661) LNS and LAC with in-kernel PPP");
MODULE_AUTHOR("kl2tp developers");
MODULE_VERSION(KL2TP_VERSION);
MODULE_SOFTDEP("pre: md4 udp_tunnel");
