// SPDX-License-Identifier: GPL-2.0
/*
 * kl2tp: hash and cipher primitives for the protocol core (proto/hash.h),
 * on the kernel crypto API: MD5 (tunnel authentication, hidden AVPs,
 * CHAP), MD4, SHA-1 and DES (MS-CHAPv2). All callable from softirq.
 */
#include <linux/err.h>
#include <crypto/des.h>
#include <crypto/hash.h>

#include "kl2tp.h"
#include "proto/hash.h"

static struct crypto_shash *kl2tp_md5_tfm;
static struct crypto_shash *kl2tp_md4_tfm;	/* optional: MS-CHAPv2 only */
static struct crypto_shash *kl2tp_sha1_tfm;

static int kl2tp_hash(struct crypto_shash *tfm, const struct kl2tp_iov *iov,
		      int n, u8 *out)
{
	SHASH_DESC_ON_STACK(desc, tfm);
	int i, ret;

	if (!tfm)
		return -EOPNOTSUPP;
	desc->tfm = tfm;
	ret = crypto_shash_init(desc);
	for (i = 0; !ret && i < n; i++)
		if (iov[i].len)
			ret = crypto_shash_update(desc, iov[i].base, iov[i].len);
	if (!ret)
		ret = crypto_shash_final(desc, out);
	shash_desc_zero(desc);
	return ret;
}

int kl2tp_md5(const struct kl2tp_iov *iov, int n, u8 out[KL2TP_MD5_LEN])
{
	return kl2tp_hash(kl2tp_md5_tfm, iov, n, out);
}

int kl2tp_md4(const struct kl2tp_iov *iov, int n, u8 out[KL2TP_MD4_LEN])
{
	return kl2tp_hash(kl2tp_md4_tfm, iov, n, out);
}

int kl2tp_sha1(const struct kl2tp_iov *iov, int n, u8 out[KL2TP_SHA1_LEN])
{
	return kl2tp_hash(kl2tp_sha1_tfm, iov, n, out);
}

int kl2tp_des_encrypt(const u8 key[KL2TP_DES_KEY_LEN],
		      const u8 in[KL2TP_DES_BLOCK_LEN],
		      u8 out[KL2TP_DES_BLOCK_LEN])
{
	struct des_ctx ctx;
	int ret;

	/* MS-CHAPv2 keys come from password hashes: weak keys included. */
	ret = des_expand_key(&ctx, key, KL2TP_DES_KEY_LEN);
	if (ret && ret != -ENOKEY)
		return ret;
	des_encrypt(&ctx, out, in);
	memzero_explicit(&ctx, sizeof(ctx));
	return 0;
}

static struct crypto_shash *kl2tp_alloc(const char *name, bool required)
{
	struct crypto_shash *tfm = crypto_alloc_shash(name, 0, 0);

	if (!IS_ERR(tfm))
		return tfm;
	if (required)
		pr_err("cannot allocate %s: %ld\n", name, PTR_ERR(tfm));
	else
		pr_warn("no %s (%ld): MS-CHAPv2 is unavailable\n", name,
			PTR_ERR(tfm));
	return required ? tfm : NULL;
}

int __init kl2tp_crypto_init(void)
{
	kl2tp_md5_tfm = kl2tp_alloc("md5", true);
	if (IS_ERR(kl2tp_md5_tfm))
		return PTR_ERR(kl2tp_md5_tfm);
	kl2tp_sha1_tfm = kl2tp_alloc("sha1", true);
	if (IS_ERR(kl2tp_sha1_tfm)) {
		crypto_free_shash(kl2tp_md5_tfm);
		return PTR_ERR(kl2tp_sha1_tfm);
	}
	kl2tp_md4_tfm = kl2tp_alloc("md4", false);
	return 0;
}

void kl2tp_crypto_uninit(void)
{
	crypto_free_shash(kl2tp_md4_tfm);
	crypto_free_shash(kl2tp_sha1_tfm);
	crypto_free_shash(kl2tp_md5_tfm);
}
