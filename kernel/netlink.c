// SPDX-License-Identifier: GPL-2.0
/*
 * kl2tp: the generic netlink family. See uapi/linux/kl2tp.h for the
 * request/reply trees; every operation has its own strict policy.
 */
#include <linux/kernel.h>
#include <net/genetlink.h>

#include "uapi/linux/kl2tp.h"
#include "kl2tp.h"
#include "version.h"

static struct genl_family kl2tp_genl_family;

/* GET_INFO takes no attributes: every entry NLA_UNSPEC, refused as strict. */
static const struct nla_policy kl2tp_info_policy[KL2TP_A_MAX + 1] = {};

static int kl2tp_nl_get_info(struct sk_buff *skb, struct genl_info *info)
{
	struct sk_buff *msg;
	void *hdr;

	msg = genlmsg_new(NLMSG_DEFAULT_SIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;

	hdr = genlmsg_put_reply(msg, info, &kl2tp_genl_family, 0,
				KL2TP_CMD_GET_INFO);
	if (!hdr)
		goto nla_failure;

	if (nla_put_string(msg, KL2TP_A_INFO_VERSION, KL2TP_VERSION) ||
	    nla_put_u32(msg, KL2TP_A_INFO_API, KL2TP_API_VERSION) ||
	    nla_put_u64_64bit(msg, KL2TP_A_INFO_FEATURES, KL2TP_FEATURES_ALL,
			      KL2TP_A_PAD))
		goto nla_failure;

	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);

nla_failure:
	nlmsg_free(msg);
	return -EMSGSIZE;
}

static const struct genl_ops kl2tp_genl_ops[] = {
	{
		.cmd = KL2TP_CMD_GET_INFO,
		.doit = kl2tp_nl_get_info,
		.policy = kl2tp_info_policy,
		.maxattr = KL2TP_A_MAX,
		.flags = GENL_UNS_ADMIN_PERM,
	},
};

static struct genl_family kl2tp_genl_family __ro_after_init = {
	.name = KL2TP_GENL_NAME,
	.version = KL2TP_GENL_VERSION,
	.module = THIS_MODULE,
	.netnsok = true,
	.parallel_ops = true,
	.ops = kl2tp_genl_ops,
	.n_ops = ARRAY_SIZE(kl2tp_genl_ops),
#ifdef KL2TP_HAVE_GENL_RESV_START_OP
	.resv_start_op = KL2TP_CMD_MAX + 1,
#endif
};

int __init kl2tp_genl_init(void)
{
	return genl_register_family(&kl2tp_genl_family);
}

void kl2tp_genl_uninit(void)
{
	genl_unregister_family(&kl2tp_genl_family);
}
MODULE_ALIAS_GENL_FAMILY(KL2TP_GENL_NAME);
