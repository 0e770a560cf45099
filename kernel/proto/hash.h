/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The one hash the protocol core needs, MD5 (RFC 1321), for the tunnel
 * authentication digest (RFC 2661 4.2, 5.1.1) and the hidden-AVP keystream
 * (RFC 2661 4.3).
 *
 * The protocol core does not implement it: the module implements it with
 * the kernel crypto API, the host tests and fuzzers with
 * selftests/unit/support/md5.c.
 */
#ifndef KL2TP_PROTO_HASH_H
#define KL2TP_PROTO_HASH_H

#include "platform.h"

#define KL2TP_MD5_LEN	16

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

#endif /* KL2TP_PROTO_HASH_H */
