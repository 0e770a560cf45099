/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The input format of fuzz_cw, shared with gen_corpus_cw.c.
 *
 * FUZZ_CW_HDR configuration bytes, then operations on two control
 * connection engines A (end 0) and B (end 1) wired back to back through a
 * channel of packets in flight, each one byte with the kind in the low four
 * bits and the end E in bit 4:
 *
 *	OP_QUEUE	E queues 1 + (op >> 5) messages
 *	OP_SEND		E: kl2tp_cw_next_tx() once; bit 5: until it gives 0
 *	OP_DELIVER	byte I: deliver packet I % n of the n in flight
 *	OP_DROP		byte I: lose it
 *	OP_DUP		byte I: a copy of it joins the channel
 *	OP_MUTATE	bytes I, V: the peer lies: packet I's Ns (E 0) or Nr
 *			(E 1) gets V added as a signed byte, V << 8 xored, V
 *			as its value, or V xored, by (op >> 5) & 3
 *	OP_WAIT		byte V: the clock advances V * FUZZ_CW_UNITS[op >> 5]
 *			ms, no timer runs
 *	OP_TIMERS	steps 3-4 of the caller's loop on E; bit 5: both
 *	OP_ZLB		E sends a ZLB (an explicit ack)
 *	OP_ACK_NOW	kl2tp_cw_ack_now() on E
 *	OP_RWS		byte V: kl2tp_cw_set_peer_rws() on E with V, bit 5:
 *			with 0xff00 | V
 *	OP_PURGE	E torn down (kl2tp_cw_purge()) and started again;
 *			bit 5: both, a new connection, the channel emptied
 *	OP_PUMP		deliver everything in order and run both loops until
 *			nothing is in flight; no time passes
 *	OP_RUN		1 + 8 * (op >> 4) rounds of: pump, then the clock
 *			jumps to the next timer and both loops run
 *	OP_FIRST	deliver the oldest packet in flight
 *	OP_LAST		deliver the newest one (reordering)
 */
#ifndef KL2TP_FUZZ_CW_H
#define KL2TP_FUZZ_CW_H

enum {
	OP_QUEUE,
	OP_SEND,
	OP_DELIVER,
	OP_DROP,
	OP_DUP,
	OP_MUTATE,
	OP_WAIT,
	OP_TIMERS,
	OP_ZLB,
	OP_ACK_NOW,
	OP_RWS,
	OP_PURGE,
	OP_PUMP,
	OP_RUN,
	OP_FIRST,
	OP_LAST,
};

#define OP_END_B	0x10

/*
 * Byte 0: bits 0-1 the clock's origin (0, 123456, 2^32 - 5000: the 32-bit
 * send stamps wrap soon, 2^40 - 3000), bit 2: A is initialised with the
 * defaults (NULL params), bit 3: B likewise.
 * Bytes 1-5: A's struct kl2tp_cw_params, bytes 6-10: B's:
 *	P0 rto_init: 0 (invalid); 1-200: P0 * 10; 201-255: (P0 - 200) * 11000
 *	P1 rto_max by bits 6-7: rto_init * (1 + low 6 bits);
 *	   KL2TP_CW_TIME_LIMIT - 31 + low 6 bits; low 6 bits * 1000;
 *	   rto_init - low 6 bits
 *	P2 ack_delay: bit 7: KL2TP_CW_TIME_LIMIT - 63 + low 7 bits, else
 *	   low 7 bits * 20
 *	P3 peer_rws: below 0xc0: P3 & 0x3f, else 0xffff - (P3 & 0x3f)
 *	P4 bits 0-4 max_retries (31: 255), bits 5-7 ack_every
 * Parameters out of the documented limits must make kl2tp_cw_init() fail
 * and leave the struct alone; they are then clamped into the limits.
 */
#define FUZZ_CW_HDR	11
#define FUZZ_CW_UNITS	{ 1, 5, 20, 100, 500, 1000, 5000, 60000 }

#endif
