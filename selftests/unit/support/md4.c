// SPDX-License-Identifier: GPL-2.0
/*
 * MD4 (RFC 1320) for the host unit tests and fuzzers: kl2tp_md4() (the
 * module implements it with the kernel crypto API). Written from the RFC's
 * description; checked against its test suite in test_ppp_auth.c.
 * Everything but kl2tp_md4() is file-local.
 */
#include "hash.h"

struct md4_ctx {
	u32 state[4];
	u64 nbytes;		/* message length so far, in bytes */
	u8 block[64];		/* partial block, nbytes % 64 bytes used */
};

static u32 rol32(u32 x, unsigned int n)
{
	return (x << n) | (x >> (32 - n));
}

static u32 get_le32(const u8 *p)
{
	return (u32)p[0] | ((u32)p[1] << 8) | ((u32)p[2] << 16) |
	       ((u32)p[3] << 24);
}

/* Word order of each round (RFC 1320 3.4) and its four rotation amounts. */
static const u8 md4_k[3][16] = {
	{ 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15 },
	{ 0, 4, 8, 12, 1, 5, 9, 13, 2, 6, 10, 14, 3, 7, 11, 15 },
	{ 0, 8, 4, 12, 2, 10, 6, 14, 1, 9, 5, 13, 3, 11, 7, 15 },
};

static const u8 md4_s[3][4] = {
	{ 3, 7, 11, 19 },
	{ 3, 5, 9, 13 },
	{ 3, 9, 11, 15 },
};

static const u32 md4_add[3] = { 0, 0x5a827999, 0x6ed9eba1 };

/*
 * One 64-byte block. Each step updates the first of (a, b, c, d) from the
 * other three, then the four rotate right by one: the RFC's [ABCD], [DABC],
 * [CDAB], [BCDA] pattern.
 */
static void md4_transform(u32 state[4], const u8 *block)
{
	u32 x[16];
	u32 a = state[0], b = state[1], c = state[2], d = state[3];
	u32 f, tmp;
	int r, i;

	for (i = 0; i < 16; i++)
		x[i] = get_le32(block + 4 * i);

	for (r = 0; r < 3; r++) {
		for (i = 0; i < 16; i++) {
			if (r == 0)		/* F(X,Y,Z) = XY v not(X) Z */
				f = (b & c) | (~b & d);
			else if (r == 1)	/* G(X,Y,Z) = XY v XZ v YZ */
				f = (b & c) | (b & d) | (c & d);
			else			/* H(X,Y,Z) = X xor Y xor Z */
				f = b ^ c ^ d;
			a = rol32(a + f + x[md4_k[r][i]] + md4_add[r],
				  md4_s[r][i % 4]);
			tmp = d;
			d = c;
			c = b;
			b = a;
			a = tmp;
		}
	}

	state[0] += a;
	state[1] += b;
	state[2] += c;
	state[3] += d;
}

static void md4_update(struct md4_ctx *ctx, const u8 *p, size_t len)
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
		md4_transform(ctx->state, ctx->block);
	}
	while (len >= 64) {
		md4_transform(ctx->state, p);
		p += 64;
		len -= 64;
	}
	if (len)
		memcpy(ctx->block, p, len);
}

int kl2tp_md4(const struct kl2tp_iov *iov, int n, u8 out[KL2TP_MD4_LEN])
{
	static const u8 pad[64] = { 0x80 };
	struct md4_ctx ctx = {
		.state = { 0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476 },
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
		md4_update(&ctx, iov[i].base, iov[i].len);
	}
	/* Pad with 0x80, zeros to 56 mod 64, the bit length little-endian. */
	bits = ctx.nbytes * 8;
	used = ctx.nbytes % 64;
	for (i = 0; i < 8; i++)
		lenbuf[i] = (bits >> (8 * i)) & 0xff;
	md4_update(&ctx, pad, used < 56 ? 56 - used : 120 - used);
	md4_update(&ctx, lenbuf, 8);
	for (i = 0; i < 16; i++)
		out[i] = (ctx.state[i / 4] >> (8 * (i % 4))) & 0xff;
	return 0;
}
