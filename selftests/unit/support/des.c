// SPDX-License-Identifier: GPL-2.0
/*
 * Single DES encryption of one block (FIPS 46-3) for the host unit tests
 * and fuzzers: kl2tp_des_encrypt() (the module implements it with the
 * kernel crypto API). A direct, bit-by-bit reading of the standard: slow,
 * but MS-CHAPv2 needs three blocks per authentication. Checked against
 * published vectors in test_ppp_auth.c. Everything but kl2tp_des_encrypt()
 * is file-local.
 *
 * Bits are numbered as in the standard: bit 1 is the most significant bit
 * of the first byte.
 */
#include "hash.h"

/* Initial permutation IP and its inverse. */
static const u8 des_ip[64] = {
	58, 50, 42, 34, 26, 18, 10, 2, 60, 52, 44, 36, 28, 20, 12, 4,
	62, 54, 46, 38, 30, 22, 14, 6, 64, 56, 48, 40, 32, 24, 16, 8,
	57, 49, 41, 33, 25, 17, 9, 1, 59, 51, 43, 35, 27, 19, 11, 3,
	61, 53, 45, 37, 29, 21, 13, 5, 63, 55, 47, 39, 31, 23, 15, 7,
};

static const u8 des_fp[64] = {
	40, 8, 48, 16, 56, 24, 64, 32, 39, 7, 47, 15, 55, 23, 63, 31,
	38, 6, 46, 14, 54, 22, 62, 30, 37, 5, 45, 13, 53, 21, 61, 29,
	36, 4, 44, 12, 52, 20, 60, 28, 35, 3, 43, 11, 51, 19, 59, 27,
	34, 2, 42, 10, 50, 18, 58, 26, 33, 1, 41, 9, 49, 17, 57, 25,
};

/* Expansion E: 32 -> 48 bits. */
static const u8 des_e[48] = {
	32, 1, 2, 3, 4, 5, 4, 5, 6, 7, 8, 9,
	8, 9, 10, 11, 12, 13, 12, 13, 14, 15, 16, 17,
	16, 17, 18, 19, 20, 21, 20, 21, 22, 23, 24, 25,
	24, 25, 26, 27, 28, 29, 28, 29, 30, 31, 32, 1,
};

/* Permutation P of the S-box output. */
static const u8 des_p[32] = {
	16, 7, 20, 21, 29, 12, 28, 17, 1, 15, 23, 26, 5, 18, 31, 10,
	2, 8, 24, 14, 32, 27, 3, 9, 19, 13, 30, 6, 22, 11, 4, 25,
};

/* Permuted choice 1: 64 key bits -> C0 (28) || D0 (28). */
static const u8 des_pc1[56] = {
	57, 49, 41, 33, 25, 17, 9, 1, 58, 50, 42, 34, 26, 18,
	10, 2, 59, 51, 43, 35, 27, 19, 11, 3, 60, 52, 44, 36,
	63, 55, 47, 39, 31, 23, 15, 7, 62, 54, 46, 38, 30, 22,
	14, 6, 61, 53, 45, 37, 29, 21, 13, 5, 28, 20, 12, 4,
};

/* Permuted choice 2: Cn || Dn (56) -> Kn (48). */
static const u8 des_pc2[48] = {
	14, 17, 11, 24, 1, 5, 3, 28, 15, 6, 21, 10,
	23, 19, 12, 4, 26, 8, 16, 7, 27, 20, 13, 2,
	41, 52, 31, 37, 47, 55, 30, 40, 51, 45, 33, 48,
	44, 49, 39, 56, 34, 53, 46, 42, 50, 36, 29, 32,
};

/* Left rotations of C and D before each round. */
static const u8 des_shifts[16] = {
	1, 1, 2, 2, 2, 2, 2, 2, 1, 2, 2, 2, 2, 2, 2, 1,
};

/* S-boxes: row (outer bits) * 16 + column (inner four bits). */
static const u8 des_s[8][64] = {
	{ 14, 4, 13, 1, 2, 15, 11, 8, 3, 10, 6, 12, 5, 9, 0, 7,
	  0, 15, 7, 4, 14, 2, 13, 1, 10, 6, 12, 11, 9, 5, 3, 8,
	  4, 1, 14, 8, 13, 6, 2, 11, 15, 12, 9, 7, 3, 10, 5, 0,
	  15, 12, 8, 2, 4, 9, 1, 7, 5, 11, 3, 14, 10, 0, 6, 13 },
	{ 15, 1, 8, 14, 6, 11, 3, 4, 9, 7, 2, 13, 12, 0, 5, 10,
	  3, 13, 4, 7, 15, 2, 8, 14, 12, 0, 1, 10, 6, 9, 11, 5,
	  0, 14, 7, 11, 10, 4, 13, 1, 5, 8, 12, 6, 9, 3, 2, 15,
	  13, 8, 10, 1, 3, 15, 4, 2, 11, 6, 7, 12, 0, 5, 14, 9 },
	{ 10, 0, 9, 14, 6, 3, 15, 5, 1, 13, 12, 7, 11, 4, 2, 8,
	  13, 7, 0, 9, 3, 4, 6, 10, 2, 8, 5, 14, 12, 11, 15, 1,
	  13, 6, 4, 9, 8, 15, 3, 0, 11, 1, 2, 12, 5, 10, 14, 7,
	  1, 10, 13, 0, 6, 9, 8, 7, 4, 15, 14, 3, 11, 5, 2, 12 },
	{ 7, 13, 14, 3, 0, 6, 9, 10, 1, 2, 8, 5, 11, 12, 4, 15,
	  13, 8, 11, 5, 6, 15, 0, 3, 4, 7, 2, 12, 1, 10, 14, 9,
	  10, 6, 9, 0, 12, 11, 7, 13, 15, 1, 3, 14, 5, 2, 8, 4,
	  3, 15, 0, 6, 10, 1, 13, 8, 9, 4, 5, 11, 12, 7, 2, 14 },
	{ 2, 12, 4, 1, 7, 10, 11, 6, 8, 5, 3, 15, 13, 0, 14, 9,
	  14, 11, 2, 12, 4, 7, 13, 1, 5, 0, 15, 10, 3, 9, 8, 6,
	  4, 2, 1, 11, 10, 13, 7, 8, 15, 9, 12, 5, 6, 3, 0, 14,
	  11, 8, 12, 7, 1, 14, 2, 13, 6, 15, 0, 9, 10, 4, 5, 3 },
	{ 12, 1, 10, 15, 9, 2, 6, 8, 0, 13, 3, 4, 14, 7, 5, 11,
	  10, 15, 4, 2, 7, 12, 9, 5, 6, 1, 13, 14, 0, 11, 3, 8,
	  9, 14, 15, 5, 2, 8, 12, 3, 7, 0, 4, 10, 1, 13, 11, 6,
	  4, 3, 2, 12, 9, 5, 15, 10, 11, 14, 1, 7, 6, 0, 8, 13 },
	{ 4, 11, 2, 14, 15, 0, 8, 13, 3, 12, 9, 7, 5, 10, 6, 1,
	  13, 0, 11, 7, 4, 9, 1, 10, 14, 3, 5, 12, 2, 15, 8, 6,
	  1, 4, 11, 13, 12, 3, 7, 14, 10, 15, 6, 8, 0, 5, 9, 2,
	  6, 11, 13, 8, 1, 4, 10, 7, 9, 5, 0, 15, 14, 2, 3, 12 },
	{ 13, 2, 8, 4, 6, 15, 11, 1, 10, 9, 3, 14, 5, 0, 12, 7,
	  1, 15, 13, 8, 10, 3, 7, 4, 12, 5, 6, 11, 0, 14, 9, 2,
	  7, 11, 4, 1, 9, 12, 14, 2, 0, 6, 10, 13, 15, 3, 5, 8,
	  2, 1, 14, 7, 4, 10, 8, 13, 15, 12, 9, 0, 3, 5, 6, 11 },
};

/* Output bit i is input bit table[i] of an @in_bits wide value. */
static u64 permute(u64 in, unsigned int in_bits, const u8 *table,
		   unsigned int n)
{
	u64 out = 0;
	unsigned int i;

	for (i = 0; i < n; i++)
		out = (out << 1) | ((in >> (in_bits - table[i])) & 1);
	return out;
}

static u32 rol28(u32 x, unsigned int n)
{
	return ((x << n) | (x >> (28 - n))) & 0x0fffffff;
}

/* The cipher function f(R, K) (FIPS 46-3, figure 2). */
static u32 des_f(u32 r, u64 k)
{
	u64 x = permute(r, 32, des_e, 48) ^ k;
	u32 out = 0;
	unsigned int j, b;

	for (j = 0; j < 8; j++) {
		b = (x >> (42 - 6 * j)) & 0x3f;
		out = (out << 4) |
		      des_s[j][(((b >> 4) & 2) | (b & 1)) * 16 + ((b >> 1) & 0xf)];
	}
	return (u32)permute(out, 32, des_p, 32);
}

int kl2tp_des_encrypt(const u8 key[KL2TP_DES_KEY_LEN],
		      const u8 in[KL2TP_DES_BLOCK_LEN],
		      u8 out[KL2TP_DES_BLOCK_LEN])
{
	u64 k = 0, blk = 0, cd;
	u32 c, d, l, r, tmp;
	int i;

	if (!key || !in || !out)
		return -EINVAL;
	for (i = 0; i < 8; i++) {
		k = (k << 8) | key[i];
		blk = (blk << 8) | in[i];
	}
	cd = permute(k, 64, des_pc1, 56);
	c = (u32)(cd >> 28) & 0x0fffffff;
	d = (u32)cd & 0x0fffffff;

	blk = permute(blk, 64, des_ip, 64);
	l = (u32)(blk >> 32);
	r = (u32)blk;
	for (i = 0; i < 16; i++) {
		c = rol28(c, des_shifts[i]);
		d = rol28(d, des_shifts[i]);
		cd = ((u64)c << 28) | d;
		tmp = r;
		r = l ^ des_f(r, permute(cd, 56, des_pc2, 48));
		l = tmp;
	}
	/* The output of the last round is R16 L16. */
	blk = permute(((u64)r << 32) | l, 64, des_fp, 64);
	for (i = 7; i >= 0; i--) {
		out[i] = blk & 0xff;
		blk >>= 8;
	}
	return 0;
}
