/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The hashes and the cipher the protocol core needs:
 *   MD5 (RFC 1321): the tunnel authentication digest (RFC 2661 4.2, 5.1.1),
 *	the hidden-AVP keystream (RFC 2661 4.3) and CHAP-MD5 (RFC 1994);
 *   MD4 (RFC 1320), SHA-1 (FIPS 180-4) and single DES (FIPS 46-3):
 *	MS-CHAPv2 (RFC 2759).
 *
 * The protocol core does not implement them: the module implements them
 * with the kernel crypto API, the host tests and fuzzers with
 * selftests/unit/support/{md5,md4,sha1,des}.c.
 */
#ifndef KL2TP_PROTO_HASH_H
#define KL2TP_PROTO_HASH_H

#include "platform.h"

#define KL2TP_MD5_LEN	16
#define KL2TP_MD4_LEN	16
#define KL2TP_SHA1_LEN	20
#define KL2TP_DES_KEY_LEN	8
#define KL2TP_DES_BLOCK_LEN	8

/* One piece of the hashed message; pieces are hashed in order. */
struct kl2tp_iov {
	const void *base;
	size_t len;
};

/*
 * kl2tp_md5() - MD5 of the concatenation of @n pieces.
 * A piece may have len 0 (then base may be NULL). Returns 0, or a negative
 * errno if the implementation failed (out[] is then undefined).
 * Callable from process and softirq context; must not sleep.
 */
int kl2tp_md5(const struct kl2tp_iov *iov, int n, u8 out[KL2TP_MD5_LEN]);

/*
 * kl2tp_md4() - MD4 of the concatenation of @n pieces;
 * kl2tp_sha1() - SHA-1 of the concatenation of @n pieces.
 * Same contract as kl2tp_md5().
 */
int kl2tp_md4(const struct kl2tp_iov *iov, int n, u8 out[KL2TP_MD4_LEN]);
int kl2tp_sha1(const struct kl2tp_iov *iov, int n, u8 out[KL2TP_SHA1_LEN]);

/*
 * kl2tp_des_encrypt() - encrypt one 8-byte block with single DES, ECB.
 * @key: 8 bytes, 56 key bits in the high 7 bits of each byte; the low bit
 *	(parity) is ignored. Weak and semi-weak keys must be accepted: the
 *	MS-CHAPv2 keys come from a password hash, and may be any value.
 * Returns 0, or a negative errno if the implementation failed (out[] is
 * then undefined). Callable from process and softirq context.
 */
int kl2tp_des_encrypt(const u8 key[KL2TP_DES_KEY_LEN],
		      const u8 in[KL2TP_DES_BLOCK_LEN],
		      u8 out[KL2TP_DES_BLOCK_LEN]);

#endif /* KL2TP_PROTO_HASH_H */
