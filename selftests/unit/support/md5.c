// SPDX-License-Identifier: GPL-2.0
/*
 * MD5 (RFC 1321) for the host unit tests and fuzzers, and kl2tp_md5() on
 * top of it (the module implements kl2tp_md5() with the kernel crypto API).
 * Written from the RFC's description; checked against its test suite in
 * test_auth.c. Everything but kl2tp_md5() is file-local, so it cannot clash
 * with other support files linked into the same test binary.
 */
#include "hash.h"

struct md5_ctx {
	u32 state[4];
	u64 nbytes;		/* message length so far, in bytes */
	u8 block[64];		/* partial block, nbytes % 64 bytes used */
};

/* T[i] = floor(2^32 * abs(sin(i + 1))), RFC 1321 3.4. */
static const u32 md5_t[64] = {
	0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee,
	0xf57c0faf, 0x4787c62a, 0xa8304613, 0xfd469501,
	0x698098d8, 0x8b44f7af, 0xffff5bb1, 0x895cd7be,
	0x6b901122, 0xfd987193, 0xa679438e, 0x49b40821,
	0xf61e2562, 0xc040b340, 0x265e5a51, 0xe9b6c7aa,
	0xd62f105d, 0x02441453, 0xd8a1e681, 0xe7d3fbc8,
	0x21e1cde6, 0xc33707d6, 0xf4d50d87, 0x455a14ed,
	0xa9e3e905, 0xfcefa3f8, 0x676f02d9, 0x8d2a4c8a,
	0xfffa3942, 0x8771f681, 0x6d9d6122, 0xfde5380c,
	0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70,
	0x289b7ec6, 0xeaa127fa, 0xd4ef3085, 0x04881d05,
	0xd9d4d039, 0xe6db99e5, 0x1fa27cf8, 0xc4ac5665,
	0xf4292244, 0x432aff97, 0xab9423a7, 0xfc93a039,
	0x655b59c3, 0x8f0ccc92, 0xffeff47d, 0x85845dd1,
	0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1,
	0xf7537e82, 0xbd3af235, 0x2ad7d2bb, 0xeb86d391,
};

/* Per-round rotation amounts: four per round, used cyclically. */
static const u8 md5_s[4][4] = {
	{ 7, 12, 17, 22 },
	{ 5, 9, 14, 20 },
	{ 4, 11, 16, 23 },
	{ 6, 10, 15, 21 },
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

static void put_le32(u8 *p, u32 v)
{
	p[0] = v & 0xff;
	p[1] = (v >> 8) & 0xff;
	p[2] = (v >> 16) & 0xff;
	p[3] = v >> 24;
}

/* Process one 64-byte block (RFC 1321 3.4). */
static void md5_transform(u32 state[4], const u8 *block)
{
	u32 x[16];
	u32 a = state[0], b = state[1], c = state[2], d = state[3];
	u32 f, tmp;
	int i, k;

	for (i = 0; i < 16; i++)
		x[i] = get_le32(block + 4 * i);

	for (i = 0; i < 64; i++) {
		switch (i / 16) {
		case 0:		/* F(X,Y,Z) = XY v not(X) Z */
			f = (b & c) | (~b & d);
			k = i;
			break;
		case 1:		/* G(X,Y,Z) = XZ v Y not(Z) */
			f = (b & d) | (c & ~d);
			k = (1 + 5 * i) % 16;
			break;
		case 2:		/* H(X,Y,Z) = X xor Y xor Z */
			f = b ^ c ^ d;
			k = (5 + 3 * i) % 16;
			break;
		default:	/* I(X,Y,Z) = Y xor (X v not(Z)) */
			f = c ^ (b | ~d);
			k = (7 * i) % 16;
			break;
		}
		tmp = d;
		d = c;
		c = b;
		b = b + rol32(a + f + x[k] + md5_t[i], md5_s[i / 16][i % 4]);
		a = tmp;
	}

	state[0] += a;
	state[1] += b;
	state[2] += c;
	state[3] += d;
}

static void md5_init(struct md5_ctx *ctx)
{
	ctx->state[0] = 0x67452301;
	ctx->state[1] = 0xefcdab89;
	ctx->state[2] = 0x98badcfe;
	ctx->state[3] = 0x10325476;
	ctx->nbytes = 0;
}

static void md5_update(struct md5_ctx *ctx, const u8 *p, size_t len)
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
		md5_transform(ctx->state, ctx->block);
	}
	while (len >= 64) {
		md5_transform(ctx->state, p);
		p += 64;
		len -= 64;
	}
	if (len)
		memcpy(ctx->block, p, len);
}

/* Pad with 0x80, zeros to 56 mod 64, then the bit length, little-endian. */
static void md5_final(struct md5_ctx *ctx, u8 out[KL2TP_MD5_LEN])
{
	static const u8 pad[64] = { 0x80 };
	u64 bits = ctx->nbytes * 8;
	size_t used = ctx->nbytes % 64;
	u8 lenbuf[8];
	int i;

	for (i = 0; i < 8; i++)
		lenbuf[i] = (bits >> (8 * i)) & 0xff;
	md5_update(ctx, pad, used < 56 ? 56 - used : 120 - used);
	md5_update(ctx, lenbuf, 8);
	for (i = 0; i < 4; i++)
		put_le32(out + 4 * i, ctx->state[i]);
}

int kl2tp_md5(const struct kl2tp_iov *iov, int n, u8 out[KL2TP_MD5_LEN])
{
	struct md5_ctx ctx;
	int i;

	if (n < 0 || (n && !iov))
		return -EINVAL;
	md5_init(&ctx);
	for (i = 0; i < n; i++) {
		if (!iov[i].len)
			continue;
		if (!iov[i].base)
			return -EINVAL;
		md5_update(&ctx, iov[i].base, iov[i].len);
	}
	md5_final(&ctx, out);
	return 0;
}
