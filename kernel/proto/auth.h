/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shared-secret cryptography of RFC 2661: the tunnel authentication digest
 * (4.2, 5.1.1) and the hidden-AVP keystream (4.3). MD5 comes from hash.h.
 */
#ifndef KL2TP_PROTO_AUTH_H
#define KL2TP_PROTO_AUTH_H

#include "platform.h"
#include "hash.h"

#define KL2TP_CHAL_RESP_LEN	KL2TP_MD5_LEN

/*
 * kl2tp_chal_response() - Challenge Response value (RFC 2661 4.2, 5.1.1):
 *	MD5(msg_type as one octet || secret || challenge)
 * where @msg_type is the type of the message carrying the response:
 * KL2TP_MSG_SCCRP (2) answering an SCCRQ challenge, KL2TP_MSG_SCCCN (3)
 * answering an SCCRP challenge. Returns 0 or kl2tp_md5()'s error.
 */
int kl2tp_chal_response(u8 msg_type, const u8 *secret, size_t secret_len,
			const u8 *chal, size_t chal_len,
			u8 out[KL2TP_CHAL_RESP_LEN]);

/*
 * kl2tp_chal_verify() - check a received Challenge Response against the
 * challenge we sent, in constant time. Returns 0 when it matches, -EACCES
 * when it does not, or kl2tp_md5()'s error.
 */
int kl2tp_chal_verify(u8 msg_type, const u8 *secret, size_t secret_len,
		      const u8 *chal, size_t chal_len,
		      const u8 resp[KL2TP_CHAL_RESP_LEN]);

/*
 * Hidden AVP keystream (RFC 2661 4.3). The hidden value (2-octet original
 * length, original value, padding) is cut in 16-octet blocks p(i):
 *	b(1) = MD5(attribute type, 2 octets || secret || random vector)
 *	b(i) = MD5(secret || c(i-1))
 *	c(i) = p(i) xor b(i)
 * a last short block using the first bytes of its b(i).
 *
 * kl2tp_avp_hide() encrypts @len bytes in place at @data.
 * kl2tp_avp_unhide() decrypts @len bytes from @in to @out; @out may be
 * @in (in place) but must not otherwise overlap it.
 * Both return 0 or kl2tp_md5()'s error.
 */
int kl2tp_avp_hide(u16 type, const u8 *secret, size_t secret_len,
		   const u8 *rv, size_t rv_len, u8 *data, size_t len);
int kl2tp_avp_unhide(u16 type, const u8 *secret, size_t secret_len,
		     const u8 *rv, size_t rv_len, const u8 *in, u8 *out,
		     size_t len);

/*
 * kl2tp_memneq() - compare @n bytes in time that depends on @n only.
 * Returns 0 when equal, 1 when not. Every byte pair is XORed and ORed into
 * an accumulator, with no early exit; the kernel may use crypto_memneq().
 */
int kl2tp_memneq(const void *a, const void *b, size_t n);

#endif /* KL2TP_PROTO_AUTH_H */
