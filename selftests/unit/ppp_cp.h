/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shared by the tests of the control protocols (test_ppp_ipcp,
 * test_ppp_ipv6cp; cp_feed also test_ppp_lcp, test_ppp_fsm): one end's
 * frame output - the last frame sent, a count
 * and, when it has a peer end, a queue of the frames for it - a packet fed
 * in by code, Identifier and options, and two ends run against each other.
 * A test's own end struct starts with a struct cp_end.
 */
#ifndef KL2TP_UNIT_PPP_CP_H
#define KL2TP_UNIT_PPP_CP_H

#include "unit.h"
#include "ppp_fsm.h"

struct cp_end {
	struct kl2tp_ppp_io io;
	struct kl2tp_ppp_fsm *fsm;	/* fed from the queue by cp_pump() */
	u8 tx[1600];
	u8 last[1600];
	size_t last_len;
	int nsent;
	int ups;			/* This-Layer-Up calls (cp_ops) */
	struct cp_end *peer;		/* gets what is sent, queued */
	u8 q[16][64];
	size_t qlen[16];
	int qn;
};

static inline void cp_send(void *ctx, const u8 *frame, size_t len)
{
	struct cp_end *e = ctx;

	e->nsent++;
	e->last_len = len;
	memcpy(e->last, frame, len);
	if (e->peer && e->peer->qn < 16 && len <= 64) {
		memcpy(e->peer->q[e->peer->qn], frame, len);
		e->peer->qlen[e->peer->qn++] = len;
	}
}

static inline void cp_up(struct kl2tp_ppp_fsm *f, u64 now)
{
	((struct cp_end *)f->owner)->ups++;
}

/* The automaton's layer callbacks: @owner must be the struct cp_end. */
static const struct kl2tp_ppp_fsm_ops cp_ops __attribute__((unused)) = {
	.up = cp_up,
};

/* Zero @e and set its output up, random bytes from @random (ctx: @e). */
static inline void cp_end_init(struct cp_end *e,
				void (*random)(void *ctx, void *buf,
						       size_t len))
{
	memset(e, 0, sizeof(*e));
	e->io.tx = e->tx;
	e->io.tx_cap = sizeof(e->tx);
	e->io.peer_mru = 1500;
	e->io.send = cp_send;
	e->io.random = random;
	e->io.ctx = e;
}

/* Open @f and bring its lower layer up: its first Configure-Request. */
static inline void cp_start(struct kl2tp_ppp_fsm *f)
{
	kl2tp_ppp_fsm_open(f, 0);
	kl2tp_ppp_fsm_up(f, 0);
}

/* A packet of @code and @id with @len bytes of @data into @f at @now. */
static inline int cp_feed_at(struct kl2tp_ppp_fsm *f, u64 now, u8 code, u8 id,
			     const void *data, size_t len)
{
	u8 pkt[300];

	pkt[0] = code;
	pkt[1] = id;
	kl2tp_put_be16(pkt + 2, (u16)(len + 4));
	if (len)
		memcpy(pkt + 4, data, len);
	return kl2tp_ppp_fsm_input(f, now, pkt, len + 4);
}

static inline int cp_feed(struct kl2tp_ppp_fsm *f, u8 code, u8 id,
			  const void *data, size_t len)
{
	return cp_feed_at(f, 0, code, id, data, len);
}

/* Deliver the queued frames of @a and @b, at most @rounds of them. */
static inline void cp_pump(struct cp_end *a, struct cp_end *b, int rounds)
{
	while (rounds-- > 0 && (a->qn || b->qn)) {
		struct cp_end *e = a->qn ? a : b;
		u8 f[64];
		size_t len = e->qlen[0];

		memcpy(f, e->q[0], len);
		memmove(e->q, e->q + 1, sizeof(e->q[0]) * (e->qn - 1));
		memmove(e->qlen, e->qlen + 1, sizeof(e->qlen[0]) * (e->qn - 1));
		e->qn--;
		/* after the Address, Control and Protocol fields */
		kl2tp_ppp_fsm_input(e->fsm, 0, f + 4, len - 4);
	}
}

#endif /* KL2TP_UNIT_PPP_CP_H */
