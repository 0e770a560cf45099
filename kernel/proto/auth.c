// SPDX-License-Identifier: GPL-2.0
/*
 * Tunnel authentication digest and hidden-AVP keystream (RFC 2661 4.2, 4.3,
 * 5.1.1). See auth.h.
 */
#include "auth.h"

int kl2tp_chal_response(u8 msg_type, const u8 *secret, size_t secret_len,
			const u8 *chal, size_t chal_len,
			u8 out[KL2TP_CHAL_RESP_LEN])
{
	struct kl2tp_iov iov[3] = {
		{ &msg_type, 1 },
		{ secret, secret_len },
		{ chal, chal_len },
	};

	return kl2tp_md5(iov, ARRAY_SIZE(iov), out);
}

int kl2tp_chal_verify(u8 msg_type, const u8 *secret, size_t secret_len,
		      const u8 *chal, size_t chal_len,
		      const u8 resp[KL2TP_CHAL_RESP_LEN])
{
	u8 want[KL2TP_CHAL_RESP_LEN];
	int ret;

	ret = kl2tp_chal_response(msg_type, secret, secret_len, chal, chal_len,
				  want);
	if (ret)
		return ret;
	return kl2tp_memneq(want, resp, sizeof(want)) ? -EACCES : 0;
}

/* b(1) = MD5(type || secret || RV) */
static int hide_first(u16 type, const u8 *secret, size_t secret_len,
		      const u8 *rv, size_t rv_len, u8 b[KL2TP_MD5_LEN])
{
	u8 tbuf[2];
	struct kl2tp_iov iov[3] = {
		{ tbuf, 2 },
		{ secret, secret_len },
		{ rv, rv_len },
	};

	kl2tp_put_be16(tbuf, type);
	return kl2tp_md5(iov, ARRAY_SIZE(iov), b);
}

/* b(i) = MD5(secret || c(i-1)) */
static int hide_next(const u8 *secret, size_t secret_len, const u8 *c,
		     u8 b[KL2TP_MD5_LEN])
{
	struct kl2tp_iov iov[2] = {
		{ secret, secret_len },
		{ c, KL2TP_MD5_LEN },
	};

	return kl2tp_md5(iov, ARRAY_SIZE(iov), b);
}

int kl2tp_avp_hide(u16 type, const u8 *secret, size_t secret_len,
		   const u8 *rv, size_t rv_len, u8 *data, size_t len)
{
	u8 b[KL2TP_MD5_LEN];
	size_t off, n, i;
	int ret;

	ret = hide_first(type, secret, secret_len, rv, rv_len, b);
	for (off = 0; !ret && off < len; off += n) {
		n = min_t(size_t, len - off, KL2TP_MD5_LEN);
		for (i = 0; i < n; i++)
			data[off + i] ^= b[i];
		/* The chain continues from the ciphertext just produced. */
		if (off + n < len)
			ret = hide_next(secret, secret_len, data + off, b);
	}
	return ret;
}

int kl2tp_avp_unhide(u16 type, const u8 *secret, size_t secret_len,
		     const u8 *rv, size_t rv_len, const u8 *in, u8 *out,
		     size_t len)
{
	u8 b[KL2TP_MD5_LEN], c[KL2TP_MD5_LEN];
	size_t off, n, i;
	int ret;

	ret = hide_first(type, secret, secret_len, rv, rv_len, b);
	for (off = 0; !ret && off < len; off += n) {
		n = min_t(size_t, len - off, KL2TP_MD5_LEN);
		/* Keep c(i) for b(i+1): @out may be overwriting @in. */
		memcpy(c, in + off, n);
		for (i = 0; i < n; i++)
			out[off + i] = c[i] ^ b[i];
		if (off + n < len)
			ret = hide_next(secret, secret_len, c, b);
	}
	return ret;
}

int kl2tp_memneq(const void *a, const void *b, size_t n)
{
	const u8 *pa = a, *pb = b;
	u8 acc = 0;
	size_t i;

	for (i = 0; i < n; i++)
		acc |= pa[i] ^ pb[i];
	return acc != 0;
}
