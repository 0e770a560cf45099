/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The input format of fuzz_ppp, shared with gen_corpus_ppp.c.
 *
 * Three configuration bytes, then operations on a server (LNS, node 0) and a
 * client (node 1) engine wired back to back, each one byte with the kind
 * in the low three bits:
 *
 *	OP_INJECT	frame to node (op >> 3) & 1, prefix (op >> 4) & 7
 *			(FUZZ_PFX_*: Address/Control and a protocol, or
 *			none), then a length byte and that many bytes
 *	OP_DELIVER	deliver the oldest frame in flight
 *	OP_DROP		drop it
 *	OP_WAIT		advance the clock by (next byte) * 50 ms, run timers
 *	OP_PUMP		deliver everything and run timers until quiet, for
 *			at most 30 s
 *	OP_MUTATE	xor the oldest frame's byte (next byte) with the byte
 *			after, then deliver it
 *	OP_CONTROL	(op >> 3) & 3: close server, close client, lower
 *			down server, lower down client; with bit 5, when the
 *			external check is on, instead drives it: bits 3-4
 *			0 its verdict (bit 6 refuse, bit 7 garble the
 *			MS-CHAPv2 authenticator response, both: the answer
 *			before, too late), 1-3 verify says PENDING, LOCAL,
 *			REJECT from then on
 *	OP_PROXY	node 0 acted as the LAC: hand the call over to a new
 *			server engine started with the proxy LCP/auth it saw
 *			(format at the top of fuzz_ppp.c)
 */
#ifndef KL2TP_FUZZ_PPP_H
#define KL2TP_FUZZ_PPP_H

enum {
	OP_INJECT,
	OP_DELIVER,
	OP_DROP,
	OP_WAIT,
	OP_PUMP,
	OP_MUTATE,
	OP_CONTROL,
	OP_PROXY,
};

enum {
	FUZZ_PFX_LCP,
	FUZZ_PFX_IPCP,
	FUZZ_PFX_PAP,
	FUZZ_PFX_CHAP,
	FUZZ_PFX_IP,
	FUZZ_PFX_IPV6CP,
	FUZZ_PFX_CCP,
	FUZZ_PFX_NONE,
};

/*
 * Configuration byte 0: bits 0-1 the server's authentication method
 * (enum kl2tp_ppp_auth_method), bits 2-3 the client's accepted methods
 * (0: the server's, 1: PAP, 2: all three, 3: none), bit 4 client PFC/ACFC,
 * bit 5 echo keepalives, bit 6 the server's pool is empty, bit 7 one DNS
 * server only.
 * Byte 1: bits 0-1 the user (alice, bob with a domain, alice with a wrong
 * password, unknown), bit 2 server MRU 1400, bit 3 client MRU 576, bit 4
 * server offers all three methods, bit 5 server PFC/ACFC, bit 6 client
 * without magic number, bit 7 the server asks an external check that
 * answers later (ops->verify; OP_CONTROL bit 5 delivers its verdict).
 * Byte 2: bit 0 the server runs IPV6CP, bit 1 the client does, bit 2
 * both ask for the same Interface-Identifier (else random ones), bit 3
 * the server's net6_up fails (IPv6 cannot be carried).
 */
#define FUZZ_USER		"alice"
#define FUZZ_PASSWORD		"wonderland"

#endif
