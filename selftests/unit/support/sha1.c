// SPDX-License-Identifier: GPL-2.0
/*
 * SHA-1 (FIPS 180-4 6.1) for the host unit tests and fuzzers: kl2tp_sha1()
 * (the module implements it with the kernel crypto API). Written from the
 * standard; checked against its examples in test_ppp_auth.c. Everything but
 * kl2tp_sha1() is file-local.
 */
#include "hash.h"

struct sha1_ctx {
	u32 h[5];
	u64 nbytes;		/* message length so far, in bytes */
	u8 block[64];		/* partial block, nbytes % 64 bytes used */
};

static u32 rol32(u32 x, unsigned int n)
{
	return (x << n) | (x >> (32 - n));
}

static void sha1_transform(u32 h[5], const u8 *block)
{
	u32 w[80];
	u32 a = h[0], b = h[1], c = h[2], d = h[3], e = h[4];
	u32 f, k, tmp;
	int t;

	for (t = 0; t < 16; t++)
		w[t] = kl2tp_get_be32(block + 4 * t);
	for (t = 16; t < 80; t++)
		w[t] = rol32(w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16], 1);

	for (t = 0; t < 80; t++) {
		if (t < 20) {		/* Ch */
			f = (b & c) ^ (~b & d);
			k = 0x5a827999;
		} else if (t < 40) {	/* Parity */
			f = b ^ c ^ d;
			k = 0x6ed9eba1;
		} else if (t < 60) {	/* Maj */
			f = (b & c) ^ (b & d) ^ (c & d);
			k = 0x8f1bbcdc;
		} else {		/* Parity */
			f = b ^ c ^ d;
			k = 0xca62c1d6;
		}
		tmp = rol32(a, 5) + f + e + k + w[t];
		e = d;
		d = c;
		c = rol32(b, 30);
		b = a;
		a = tmp;
	}

	h[0] += a;
	h[1] += b;
	h[2] += c;
	h[3] += d;
	h[4] += e;
}

static void sha1_update(struct sha1_ctx *ctx, const u8 *p, size_t len)
{
	size_t used = ctx->nbytes % 64;
	size_t n;

	ctx->nbytes += len;
	if (used) {
		n = 64 - used;
		if (n > len)
			n = len;
		memcpy(ctx->block + used, p, n);
		p += n;
		len -= n;
		if (used + n < 64)
			return;
		sha1_transform(ctx->h, ctx->block);
	}
	while (len >= 64) {
		sha1_transform(ctx->h, p);
		p += 64;
		len -= 64;
	}
	if (len)
		memcpy(ctx->block, p, len);
}

int kl2tp_sha1(const struct kl2tp_iov *iov, int n, u8 out[KL2TP_SHA1_LEN])
{
	static const u8 pad[64] = { 0x80 };
	struct sha1_ctx ctx = {
		.h = { 0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476,
		       0xc3d2e1f0 },
	};
	u8 lenbuf[8];
	size_t used;
	u64 bits;
	int i;

	if (n < 0 || (n && !iov))
		return -EINVAL;
	for (i = 0; i < n; i++) {
		if (!iov[i].len)
			continue;
		if (!iov[i].base)
			return -EINVAL;
		sha1_update(&ctx, iov[i].base, iov[i].len);
	}
	/* Pad with 0x80, zeros to 56 mod 64, the bit length big-endian. */
	bits = ctx.nbytes * 8;
	used = ctx.nbytes % 64;
	kl2tp_put_be32(lenbuf, (u32)(bits >> 32));
	kl2tp_put_be32(lenbuf + 4, (u32)bits);
	sha1_update(&ctx, pad, used < 56 ? 56 - used : 120 - used);
	sha1_update(&ctx, lenbuf, 8);
	for (i = 0; i < 5; i++)
		kl2tp_put_be32(out + 4 * i, ctx.h[i]);
	return 0;
}
