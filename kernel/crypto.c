// SPDX-License-Identifier: GPL-2.0
/*
 * kl2tp: hash primitives for the protocol core, on the kernel crypto API.
 */
#include <linux/err.h>
#include <crypto/hash.h>

#include "kl2tp.h"
#include "proto/hash.h"

static struct crypto_shash *kl2tp_md5_tfm;

int kl2tp_md5(const struct kl2tp_iov *iov, int n, u8 out[KL2TP_MD5_LEN])
{
	SHASH_DESC_ON_STACK(desc, kl2tp_md5_tfm);
	int i, ret;

	desc->tfm = kl2tp_md5_tfm;
	ret = crypto_shash_init(desc);
	for (i = 0; !ret && i < n; i++)
		if (iov[i].len)
			ret = crypto_shash_update(desc, iov[i].base, iov[i].len);
	if (!ret)
		ret = crypto_shash_final(desc, out);
	shash_desc_zero(desc);
	return ret;
}

int __init kl2tp_crypto_init(void)
{
	kl2tp_md5_tfm = crypto_alloc_shash("md5", 0, 0);
	if (IS_ERR(kl2tp_md5_tfm)) {
		int ret = PTR_ERR(kl2tp_md5_tfm);

		pr_err("cannot allocate md5: %d\n", ret);
		kl2tp_md5_tfm = NULL;
		return ret;
	}
	return 0;
}

void kl2tp_crypto_uninit(void)
{
	crypto_free_shash(kl2tp_md5_tfm);
}
