// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of the control connection's reliable delivery engine
 * (kernel/proto/ctrl_window.c): sequence arithmetic and wraparound, send
 * window and congestion control, retransmission backoff and failure, ack
 * validation, receive classification and reordering, ZLBs, delayed acks,
 * and a simulation of two engines over a lossy, reordering, duplicating
 * channel.
 */
#include <stdint.h>
#include "unit.h"
#include "ctrl_window.h"

#define CK(i)	((void *)(uintptr_t)(i))
#define ID(c)	((unsigned long)(uintptr_t)(c))

/* Records the cookies a release callback hands back. */
struct released {
	unsigned long ids[256];
	int n;
};

static void record_release(void *ctx, void *cookie)
{
	struct released *r = ctx;

	if (r->n < (int)ARRAY_SIZE(r->ids))
		r->ids[r->n] = ID(cookie);
	r->n++;
}

static void init_rws(struct kl2tp_cw *cw, u16 rws)
{
	struct kl2tp_cw_params p;

	kl2tp_cw_params_default(&p);
	p.peer_rws = rws;
	kl2tp_cw_init(cw, &p);
}

static unsigned int in_flight(const struct kl2tp_cw *cw)
{
	return (u16)(cw->nxt - cw->una);
}

/* Send everything the engine allows at @now; returns how many. */
static int tx_all(struct kl2tp_cw *cw, u64 now)
{
	struct kl2tp_cw_tx tx;
	int n = 0;

	while (kl2tp_cw_next_tx(cw, now, &tx) == 1)
		n++;
	return n;
}

/* Keep the send ring full, numbering cookies from *next. */
static void top_up(struct kl2tp_cw *cw, unsigned long *next)
{
	while (kl2tp_cw_queue(cw, CK(*next), NULL) == 0)
		(*next)++;
}

UNIT_TEST(t_init_params)
{
	struct kl2tp_cw_params p, bad;
	struct kl2tp_cw cw, ref;

	CHECK(sizeof(struct kl2tp_cw) < 1024);
	kl2tp_cw_params_default(&p);
	CHECK_EQ(p.rto_init, 1000);
	CHECK_EQ(p.rto_max, 8000);
	CHECK_EQ(p.peer_rws, 4);
	CHECK_EQ(p.max_retries, 5);
	CHECK_EQ(p.ack_delay, 200);
	CHECK_EQ(p.ack_every, 2);

	CHECK_EQ(kl2tp_cw_init(&cw, NULL), 0);
	CHECK_EQ(cw.cwnd, 1);
	CHECK_EQ(cw.ssthresh, 4);
	CHECK_EQ(cw.una, 0);
	CHECK_EQ(cw.rx_nr, 0);
	CHECK(kl2tp_cw_idle(&cw));
	CHECK_EQ(kl2tp_cw_space(&cw), KL2TP_CW_TX_SLOTS);
	CHECK_EQ(kl2tp_cw_next_timeout(&cw, 0), KL2TP_CW_NO_TIMEOUT);

	memset(&cw, 0xab, sizeof(cw));
	ref = cw;
	bad = p;
	bad.rto_init = 0;
	CHECK_EQ(kl2tp_cw_init(&cw, &bad), -EINVAL);
	bad = p;
	bad.rto_max = 999;
	CHECK_EQ(kl2tp_cw_init(&cw, &bad), -EINVAL);
	bad = p;
	bad.rto_max = KL2TP_CW_TIME_LIMIT + 1;
	CHECK_EQ(kl2tp_cw_init(&cw, &bad), -EINVAL);
	bad = p;
	bad.ack_delay = KL2TP_CW_TIME_LIMIT + 1;
	CHECK_EQ(kl2tp_cw_init(&cw, &bad), -EINVAL);
	bad = p;
	bad.peer_rws = 0;
	CHECK_EQ(kl2tp_cw_init(&cw, &bad), -EINVAL);
	CHECK(!memcmp(&cw, &ref, sizeof(cw)));

	/* A big peer window is clipped to the ring. */
	p.peer_rws = 1000;
	CHECK_EQ(kl2tp_cw_init(&cw, &p), 0);
	CHECK_EQ(cw.ssthresh, KL2TP_CW_TX_SLOTS);
}

UNIT_TEST(t_seq_compare)
{
	CHECK(kl2tp_seq_before(0, 1));
	CHECK(!kl2tp_seq_before(1, 0));
	CHECK(!kl2tp_seq_before(7, 7));
	CHECK(kl2tp_seq_before(65535, 0));
	CHECK(kl2tp_seq_after(0, 65535));
	CHECK(kl2tp_seq_before(65000, 100));
	CHECK(kl2tp_seq_after(100, 65000));
	CHECK(kl2tp_seq_before(1, 32768));	/* 32767 ahead: after */
	CHECK(kl2tp_seq_after(32768, 1));
	CHECK(kl2tp_seq_after(1, 32769));	/* 32768 behind: before */
}

UNIT_TEST(t_queue_capacity)
{
	struct released rel = { .n = 0 };
	struct kl2tp_cw_tx tx;
	struct kl2tp_cw cw;
	u16 ns;
	int i;

	init_rws(&cw, 4);
	for (i = 0; i < KL2TP_CW_TX_SLOTS; i++) {
		CHECK_EQ(kl2tp_cw_queue(&cw, CK(100 + i), &ns), 0);
		CHECK_EQ(ns, i);
	}
	CHECK_EQ(kl2tp_cw_space(&cw), 0);
	CHECK_EQ(kl2tp_cw_queue(&cw, CK(999), &ns), -ENOBUFS);
	CHECK_EQ(kl2tp_cw_pending(&cw), KL2TP_CW_TX_SLOTS);

	/* CWND 1: one message, then nothing until acked. */
	CHECK_EQ(kl2tp_cw_next_tx(&cw, 0, &tx), 1);
	CHECK_EQ(ID(tx.cookie), 100);
	CHECK_EQ(tx.ns, 0);
	CHECK_EQ(tx.nr, 0);
	CHECK(!tx.retransmit);
	CHECK_EQ(kl2tp_cw_next_tx(&cw, 0, &tx), 0);

	CHECK_EQ(kl2tp_cw_ack(&cw, 1, record_release, &rel), 1);
	CHECK_EQ(rel.n, 1);
	CHECK_EQ(rel.ids[0], 100);
	CHECK_EQ(kl2tp_cw_space(&cw), 1);
	CHECK_EQ(kl2tp_cw_queue(&cw, CK(999), &ns), 0);
	CHECK_EQ(ns, 32);
	CHECK_EQ(kl2tp_cw_queue(&cw, CK(1000), &ns), -ENOBUFS);
	CHECK_EQ(cw.stats.tx, 1);
	CHECK_EQ(cw.stats.acked, 1);
}

UNIT_TEST(t_slow_start)
{
	unsigned long next = 0;
	struct kl2tp_cw cw;
	int i;

	init_rws(&cw, 8);
	top_up(&cw, &next);
	CHECK_EQ(tx_all(&cw, 0), 1);
	/* Acked one at a time: CWND 1, 2, 3 ... up to the peer's RWS. */
	for (i = 2; i <= 8; i++) {
		CHECK_EQ(kl2tp_cw_ack(&cw, cw.una + 1, NULL, NULL), 1);
		CHECK_EQ(cw.cwnd, i);
		/* One ack frees one slot and opens one more: two sends. */
		CHECK_EQ(tx_all(&cw, 0), 2);
		CHECK_EQ(in_flight(&cw), i);
		top_up(&cw, &next);
	}
	/* Capped at RWS (8 = SSTHRESH). */
	for (i = 0; i < 20; i++) {
		CHECK_EQ(kl2tp_cw_ack(&cw, cw.una + 1, NULL, NULL), 1);
		CHECK_EQ(cw.cwnd, 8);
		CHECK_EQ(tx_all(&cw, 0), 1);
		CHECK_EQ(in_flight(&cw), 8);
		top_up(&cw, &next);
	}

	/* A cumulative ack counts every message it acknowledges. */
	init_rws(&cw, 16);
	next = 0;
	top_up(&cw, &next);
	tx_all(&cw, 0);
	kl2tp_cw_ack(&cw, 1, NULL, NULL);
	CHECK_EQ(tx_all(&cw, 0), 2);
	CHECK_EQ(kl2tp_cw_ack(&cw, 3, NULL, NULL), 2);
	CHECK_EQ(cw.cwnd, 4);
	CHECK_EQ(tx_all(&cw, 0), 4);
}

UNIT_TEST(t_congestion_avoidance)
{
	static const u16 expect[] = { 2, 3, 4, 4, 4, 4, 5, 5, 5, 5, 5, 6,
				      6, 6, 6, 6, 6, 7 };
	unsigned long next = 0;
	struct kl2tp_cw_tx tx;
	struct kl2tp_cw cw;
	unsigned int i;

	init_rws(&cw, 16);
	top_up(&cw, &next);
	tx_all(&cw, 0);
	for (i = 0; i < 7; i++) {
		kl2tp_cw_ack(&cw, cw.una + 1, NULL, NULL);
		tx_all(&cw, 0);
		top_up(&cw, &next);
	}
	CHECK_EQ(cw.cwnd, 8);
	CHECK_EQ(in_flight(&cw), 8);

	/* Timeout: SSTHRESH = 8 / 2, CWND = 1, the oldest goes again. */
	CHECK_EQ(kl2tp_cw_next_tx(&cw, 999, &tx), 0);
	CHECK_EQ(kl2tp_cw_next_tx(&cw, 1000, &tx), 1);
	CHECK(tx.retransmit);
	CHECK_EQ(tx.ns, 7);
	CHECK_EQ(cw.ssthresh, 4);
	CHECK_EQ(cw.cwnd, 1);
	CHECK_EQ(cw.stats.timeouts, 1);
	CHECK_EQ(kl2tp_cw_next_tx(&cw, 1000, &tx), 0);

	/* Slow start to 4, then one more per window's worth of acks. */
	for (i = 0; i < ARRAY_SIZE(expect); i++) {
		CHECK_EQ(kl2tp_cw_ack(&cw, cw.una + 1, NULL, NULL), 1);
		CHECK_EQ(cw.cwnd, expect[i]);
		tx_all(&cw, 1000);
		CHECK_EQ(in_flight(&cw), cw.cwnd);
		top_up(&cw, &next);
	}

	/* A second timeout halves again. */
	CHECK_EQ(kl2tp_cw_next_tx(&cw, 2000, &tx), 1);
	CHECK_EQ(cw.ssthresh, 3);
	CHECK_EQ(cw.cwnd, 1);
	/* And from CWND 1 the floor is 1. */
	CHECK_EQ(kl2tp_cw_next_tx(&cw, 5000, &tx), 1);
	CHECK_EQ(cw.ssthresh, 1);
	CHECK_EQ(kl2tp_cw_ack(&cw, cw.una + 1, NULL, NULL), 1);
	CHECK_EQ(cw.cwnd, 2);		/* avoidance at 1: one ack makes 2 */
	CHECK_EQ(cw.ca_acked, 0);
	CHECK_EQ(tx_all(&cw, 5000), 2);
	CHECK_EQ(kl2tp_cw_ack(&cw, cw.una + 1, NULL, NULL), 1);
	CHECK_EQ(cw.cwnd, 2);
	CHECK_EQ(cw.ca_acked, 1);
}

UNIT_TEST(t_timeout_go_back)
{
	struct released rel = { .n = 0 };
	unsigned long next = 0;
	struct kl2tp_cw_tx tx;
	struct kl2tp_cw cw;
	int i;

	init_rws(&cw, 4);
	for (i = 0; i < 6; i++)
		kl2tp_cw_queue(&cw, CK(next++), NULL);
	tx_all(&cw, 0);
	kl2tp_cw_ack(&cw, 1, NULL, NULL);
	tx_all(&cw, 10);
	kl2tp_cw_ack(&cw, 2, NULL, NULL);
	tx_all(&cw, 10);
	kl2tp_cw_ack(&cw, 3, NULL, NULL);
	CHECK_EQ(cw.cwnd, 4);
	CHECK_EQ(tx_all(&cw, 20), 1);	/* ns 5: all queued are out */
	kl2tp_cw_queue(&cw, CK(next++), NULL);
	CHECK_EQ(tx_all(&cw, 20), 1);
	CHECK_EQ(in_flight(&cw), 4);	/* ns 3..6 */
	kl2tp_cw_queue(&cw, CK(next++), NULL);	/* ns 7 waits */

	/* Ns 3 was sent at 10: due at 1010. */
	CHECK_EQ(kl2tp_cw_next_timeout(&cw, 20), 990);
	CHECK_EQ(kl2tp_cw_next_tx(&cw, 1010, &tx), 1);
	CHECK_EQ(tx.ns, 3);
	CHECK(tx.retransmit);
	CHECK_EQ(kl2tp_cw_next_tx(&cw, 1010, &tx), 0);
	CHECK_EQ(cw.ssthresh, 2);

	/* Ack of 3: CWND 2, so 4 and 5 go again, in order. */
	CHECK_EQ(kl2tp_cw_ack(&cw, 4, NULL, NULL), 1);
	CHECK_EQ(cw.cwnd, 2);
	CHECK_EQ(kl2tp_cw_next_tx(&cw, 1100, &tx), 1);
	CHECK_EQ(tx.ns, 4);
	CHECK(tx.retransmit);
	CHECK_EQ(kl2tp_cw_next_tx(&cw, 1100, &tx), 1);
	CHECK_EQ(tx.ns, 5);
	CHECK(tx.retransmit);
	CHECK_EQ(kl2tp_cw_next_tx(&cw, 1100, &tx), 0);

	/* The peer had 6 after all: its ack covers a message presumed lost,
	 * which is not sent again; 7 goes out as a first transmission.
	 */
	CHECK_EQ(kl2tp_cw_ack(&cw, 7, record_release, &rel), 3);
	CHECK_EQ(rel.n, 3);
	CHECK_EQ(rel.ids[0], 4);
	CHECK_EQ(rel.ids[2], 6);
	CHECK_EQ(cw.nxt, 7);
	CHECK_EQ(kl2tp_cw_next_tx(&cw, 1200, &tx), 1);
	CHECK_EQ(tx.ns, 7);
	CHECK(!tx.retransmit);
	CHECK_EQ(cw.stats.tx, 8);
	CHECK_EQ(cw.stats.retransmits, 3);
}

/* Sends one message at 0 and lets every timer expire; checks the gaps. */
static void check_schedule(const struct kl2tp_cw_params *p,
			   const u32 *gaps, int n)
{
	struct kl2tp_cw_tx tx;
	struct kl2tp_cw cw;
	u64 now = 0;
	int i;

	CHECK_EQ(kl2tp_cw_init(&cw, p), 0);
	kl2tp_cw_queue(&cw, CK(1), NULL);
	CHECK_EQ(kl2tp_cw_next_tx(&cw, now, &tx), 1);
	for (i = 0; i < n; i++) {
		CHECK_EQ(kl2tp_cw_next_timeout(&cw, now), gaps[i]);
		CHECK_EQ(kl2tp_cw_next_tx(&cw, now + gaps[i] - 1, &tx), 0);
		now += gaps[i];
		CHECK_EQ(kl2tp_cw_next_tx(&cw, now, &tx), i < n - 1 ? 1 : -ETIMEDOUT);
		if (i < n - 1) {
			CHECK(tx.retransmit);
			CHECK_EQ(tx.ns, 0);
		}
	}
	CHECK_EQ(now, kl2tp_cw_linger(&cw));
	CHECK_EQ(cw.stats.retransmits, n - 1);
	CHECK_EQ(cw.stats.timeouts, n - 1);
	CHECK(cw.dead);
}

UNIT_TEST(t_backoff_schedule)
{
	static const u32 def[] = { 1000, 2000, 4000, 8000, 8000, 8000 };
	static const u32 cap3[] = { 1000, 2000, 3000, 3000, 3000, 3000, 3000,
				    3000 };
	static const u32 odd[] = { 700, 1400, 2800, 5000, 5000 };
	static const u32 once[] = { 1000 };
	struct kl2tp_cw_params p;

	kl2tp_cw_params_default(&p);
	check_schedule(&p, def, ARRAY_SIZE(def));

	p.rto_max = 3000;
	p.max_retries = 7;
	check_schedule(&p, cap3, ARRAY_SIZE(cap3));

	p.rto_init = 700;
	p.rto_max = 5000;
	p.max_retries = 4;
	check_schedule(&p, odd, ARRAY_SIZE(odd));

	kl2tp_cw_params_default(&p);
	p.max_retries = 0;
	check_schedule(&p, once, ARRAY_SIZE(once));
}

UNIT_TEST(t_retries_exhausted)
{
	struct kl2tp_cw_params p;
	struct kl2tp_cw_tx tx;
	struct kl2tp_cw cw;
	u64 now = 0;
	int r, sends = 0;
	void *ck;

	kl2tp_cw_init(&cw, NULL);
	CHECK_EQ(kl2tp_cw_linger(&cw), 31000);
	kl2tp_cw_queue(&cw, CK(1), NULL);
	kl2tp_cw_queue(&cw, CK(2), NULL);
	/* Event-driven, as the glue would be: a black-hole peer. */
	for (;;) {
		r = kl2tp_cw_next_tx(&cw, now, &tx);
		if (r < 0)
			break;
		sends += r;
		if (!r)
			now += kl2tp_cw_next_timeout(&cw, now);
	}
	CHECK_EQ(r, -ETIMEDOUT);
	CHECK_EQ(now, 31000);
	CHECK_EQ(sends, 6);
	CHECK_EQ(kl2tp_cw_oldest_age(&cw, now), 31000);
	/* Sticky, and nothing new is accepted. */
	CHECK_EQ(kl2tp_cw_next_tx(&cw, now + 50000, &tx), -ETIMEDOUT);
	CHECK_EQ(kl2tp_cw_queue(&cw, CK(3), NULL), -ETIMEDOUT);
	CHECK_EQ(kl2tp_cw_next_timeout(&cw, now), KL2TP_CW_NO_TIMEOUT);
	CHECK(!kl2tp_cw_idle(&cw));
	CHECK(kl2tp_cw_purge(&cw, &ck));
	CHECK_EQ(ID(ck), 1);
	CHECK(kl2tp_cw_purge(&cw, &ck));
	CHECK_EQ(ID(ck), 2);
	CHECK(!kl2tp_cw_purge(&cw, &ck));

	/* Backoff is per message: progress restarts at RTO(0). */
	kl2tp_cw_params_default(&p);
	p.max_retries = 1;
	kl2tp_cw_init(&cw, &p);
	kl2tp_cw_queue(&cw, CK(1), NULL);
	kl2tp_cw_queue(&cw, CK(2), NULL);
	kl2tp_cw_next_tx(&cw, 0, &tx);
	CHECK_EQ(kl2tp_cw_next_tx(&cw, 1000, &tx), 1);	/* retry 1 */
	CHECK_EQ(kl2tp_cw_next_timeout(&cw, 1000), 2000);
	CHECK_EQ(kl2tp_cw_ack(&cw, 1, NULL, NULL), 1);
	CHECK_EQ(kl2tp_cw_next_tx(&cw, 2500, &tx), 1);
	CHECK_EQ(tx.ns, 1);
	CHECK_EQ(kl2tp_cw_next_timeout(&cw, 2500), 1000);
	CHECK_EQ(kl2tp_cw_next_tx(&cw, 3500, &tx), 1);	/* retry 1 of ns 1 */
	CHECK_EQ(kl2tp_cw_next_tx(&cw, 5500, &tx), -ETIMEDOUT);
}

UNIT_TEST(t_peer_rws)
{
	unsigned long next = 0;
	unsigned int max_seen = 0;
	struct kl2tp_cw cw;
	u32 rng = 12345;
	int i;

	/* Never more than RWS unacknowledged, whatever the ack pattern. */
	init_rws(&cw, 3);
	top_up(&cw, &next);
	for (i = 0; i < 2000; i++) {
		tx_all(&cw, 0);
		if (in_flight(&cw) > max_seen)
			max_seen = in_flight(&cw);
		CHECK(in_flight(&cw) <= 3);
		rng = rng * 1103515245 + 12345;
		kl2tp_cw_ack(&cw, cw.una + (rng >> 16) % (in_flight(&cw) + 1),
			     NULL, NULL);
		top_up(&cw, &next);
	}
	CHECK_EQ(max_seen, 3);
	CHECK_EQ(cw.cwnd, 3);

	/* RWS learnt later (SCCRP): SSTHRESH follows before any loss. */
	init_rws(&cw, KL2TP_CW_DEF_RWS);
	CHECK_EQ(kl2tp_cw_set_peer_rws(&cw, 0), -EINVAL);
	CHECK_EQ(cw.params.peer_rws, KL2TP_CW_DEF_RWS);
	CHECK_EQ(kl2tp_cw_set_peer_rws(&cw, 10), 0);
	CHECK_EQ(cw.ssthresh, 10);
	next = 0;
	top_up(&cw, &next);
	tx_all(&cw, 0);
	for (i = 0; i < 40; i++) {
		kl2tp_cw_ack(&cw, cw.una + 1, NULL, NULL);
		tx_all(&cw, 0);
		top_up(&cw, &next);
	}
	CHECK_EQ(cw.cwnd, 10);
	CHECK_EQ(in_flight(&cw), 10);
	/* Shrinking: CWND clipped, nothing more sent until below. */
	CHECK_EQ(kl2tp_cw_set_peer_rws(&cw, 5), 0);
	CHECK_EQ(cw.cwnd, 5);
	CHECK_EQ(cw.ssthresh, 5);
	CHECK_EQ(tx_all(&cw, 0), 0);
	kl2tp_cw_ack(&cw, cw.una + 5, NULL, NULL);
	CHECK_EQ(tx_all(&cw, 0), 0);
	kl2tp_cw_ack(&cw, cw.una + 1, NULL, NULL);
	CHECK_EQ(tx_all(&cw, 0), 1);
	CHECK_EQ(in_flight(&cw), 5);
	/* Larger than the ring: the ring caps it. */
	CHECK_EQ(kl2tp_cw_set_peer_rws(&cw, 65535), 0);
	CHECK_EQ(cw.ssthresh, KL2TP_CW_TX_SLOTS);
}

UNIT_TEST(t_invalid_ack)
{
	struct released rel = { .n = 0 };
	struct kl2tp_cw cw, before;
	struct kl2tp_cw_tx tx;

	init_rws(&cw, 4);
	kl2tp_cw_queue(&cw, CK(10), NULL);
	kl2tp_cw_queue(&cw, CK(11), NULL);
	kl2tp_cw_queue(&cw, CK(12), NULL);
	kl2tp_cw_next_tx(&cw, 0, &tx);		/* only ns 0 sent */

	before = cw;
	/* Acks Ns 1, queued but never sent. */
	CHECK_EQ(kl2tp_cw_ack(&cw, 2, record_release, &rel), -EINVAL);
	CHECK_EQ(rel.n, 0);
	CHECK_EQ(cw.stats.ack_invalid, 1);
	cw.stats.ack_invalid = 0;
	CHECK(!memcmp(&cw, &before, sizeof(cw)));
	/* Far ahead: also invalid. */
	CHECK_EQ(kl2tp_cw_ack(&cw, 32767, NULL, NULL), -EINVAL);
	cw.stats.ack_invalid = 0;
	CHECK(!memcmp(&cw, &before, sizeof(cw)));
	/* Nr == una and older (stale) ones: valid, no-op. */
	CHECK_EQ(kl2tp_cw_ack(&cw, 0, NULL, NULL), 0);
	CHECK_EQ(kl2tp_cw_ack(&cw, 65535, NULL, NULL), 0);
	CHECK_EQ(kl2tp_cw_ack(&cw, 32768, NULL, NULL), 0);
	CHECK(!memcmp(&cw, &before, sizeof(cw)));

	CHECK_EQ(kl2tp_cw_ack(&cw, 1, record_release, &rel), 1);
	CHECK_EQ(rel.ids[0], 10);
	/* Stale after progress. */
	CHECK_EQ(kl2tp_cw_ack(&cw, 0, NULL, NULL), 0);
	CHECK_EQ(kl2tp_cw_ack(&cw, 2, NULL, NULL), -EINVAL);
	CHECK_EQ(cw.stats.acked, 1);
}

UNIT_TEST(t_tx_wraparound)
{
	struct released rel = { .n = 0 };
	struct kl2tp_cw_tx tx;
	struct kl2tp_cw cw;
	unsigned int i;
	u16 ns;

	init_rws(&cw, 4);
	for (i = 0; i < 65534; i++) {
		kl2tp_cw_queue(&cw, CK(i), NULL);
		kl2tp_cw_next_tx(&cw, i, &tx);
		if (tx.ns != (u16)i)
			break;
		kl2tp_cw_ack(&cw, (u16)(i + 1), NULL, NULL);
	}
	CHECK_EQ(i, 65534);
	CHECK_EQ(cw.una, 65534);
	CHECK_EQ(cw.cwnd, 4);
	for (i = 0; i < 5; i++) {
		CHECK_EQ(kl2tp_cw_queue(&cw, CK(1000 + i), &ns), 0);
		CHECK_EQ(ns, (u16)(65534 + i));
	}
	CHECK_EQ(kl2tp_cw_next_tx(&cw, 70000, &tx), 1);
	CHECK_EQ(tx.ns, 65534);
	CHECK_EQ(kl2tp_cw_next_tx(&cw, 70000, &tx), 1);
	CHECK_EQ(tx.ns, 65535);
	CHECK_EQ(kl2tp_cw_next_tx(&cw, 70000, &tx), 1);
	CHECK_EQ(tx.ns, 0);
	CHECK_EQ(kl2tp_cw_next_tx(&cw, 70000, &tx), 1);
	CHECK_EQ(tx.ns, 1);
	CHECK_EQ(kl2tp_cw_next_tx(&cw, 70000, &tx), 0);	/* RWS 4 */

	CHECK_EQ(kl2tp_cw_ack(&cw, 3, NULL, NULL), -EINVAL);	/* ns 2 unsent */
	CHECK_EQ(kl2tp_cw_ack(&cw, 0, record_release, &rel), 2);
	CHECK_EQ(rel.ids[0], 1000);
	CHECK_EQ(rel.ids[1], 1001);
	CHECK_EQ(kl2tp_cw_ack(&cw, 65535, NULL, NULL), 0);	/* stale */
	CHECK_EQ(kl2tp_cw_next_tx(&cw, 70000, &tx), 1);
	CHECK_EQ(tx.ns, 2);
	CHECK_EQ(kl2tp_cw_ack(&cw, 3, record_release, &rel), 3);
	CHECK_EQ(rel.ids[4], 1004);
	CHECK(kl2tp_cw_idle(&cw));

	/* A timeout across the wrap goes back to 65535. */
	init_rws(&cw, 4);
	cw.una = 65535;
	cw.nxt = 65535;
	cw.high = 65535;
	cw.tail = 65535;
	kl2tp_cw_queue(&cw, CK(1), NULL);
	kl2tp_cw_queue(&cw, CK(2), NULL);
	cw.cwnd = 2;
	CHECK_EQ(tx_all(&cw, 0), 2);
	CHECK_EQ(kl2tp_cw_next_tx(&cw, 1000, &tx), 1);
	CHECK_EQ(tx.ns, 65535);
	CHECK(tx.retransmit);
	CHECK_EQ(kl2tp_cw_ack(&cw, 0, NULL, NULL), 1);
	CHECK_EQ(kl2tp_cw_next_tx(&cw, 1000, &tx), 1);
	CHECK_EQ(tx.ns, 0);
	CHECK(tx.retransmit);
	CHECK_EQ(kl2tp_cw_ack(&cw, 1, NULL, NULL), 1);
	CHECK(kl2tp_cw_idle(&cw));
}

UNIT_TEST(t_rx_classify)
{
	struct kl2tp_cw cw;
	void *ck;
	u16 ns;
	int i;

	kl2tp_cw_init(&cw, NULL);
	CHECK_EQ(kl2tp_cw_rx(&cw, 0, false, CK(100), 0), KL2TP_CW_RX_IN_ORDER);
	CHECK_EQ(cw.rx_nr, 1);
	CHECK(!kl2tp_cw_rx_next_held(&cw, 0, &ck, &ns));
	CHECK_EQ(kl2tp_cw_rx(&cw, 0, false, CK(100), 0), KL2TP_CW_RX_DUPLICATE);
	/* Window: Ns 1 expected, 2 .. 16 can be held, 17 cannot. */
	CHECK_EQ(kl2tp_cw_rx(&cw, 17, false, CK(117), 0),
		 KL2TP_CW_RX_OUT_OF_WINDOW);
	CHECK_EQ(kl2tp_cw_rx(&cw, 16, false, CK(116), 0),
		 KL2TP_CW_RX_OUT_OF_ORDER);
	CHECK_EQ(kl2tp_cw_rx(&cw, 4, false, CK(104), 0),
		 KL2TP_CW_RX_OUT_OF_ORDER);
	CHECK_EQ(kl2tp_cw_rx(&cw, 3, false, CK(103), 0),
		 KL2TP_CW_RX_OUT_OF_ORDER);
	CHECK_EQ(kl2tp_cw_rx(&cw, 4, false, CK(204), 0), KL2TP_CW_RX_DUPLICATE);
	/* Behind by up to 32768: duplicate; ahead by 32767: out of window. */
	CHECK_EQ(kl2tp_cw_rx(&cw, 65535, false, NULL, 0),
		 KL2TP_CW_RX_DUPLICATE);
	CHECK_EQ(kl2tp_cw_rx(&cw, 1 + 32768, false, NULL, 0),
		 KL2TP_CW_RX_DUPLICATE);
	CHECK_EQ(kl2tp_cw_rx(&cw, 1 + 32767, false, NULL, 0),
		 KL2TP_CW_RX_OUT_OF_WINDOW);
	CHECK_EQ(cw.rx_nr, 1);
	CHECK(!kl2tp_cw_rx_next_held(&cw, 0, &ck, &ns));
	CHECK_EQ(cw.stats.rx_dup, 4);
	CHECK_EQ(cw.stats.rx_ooo, 3);
	CHECK_EQ(cw.stats.rx_out_of_window, 2);

	/* 2 missing: 1 fills nothing more. */
	CHECK_EQ(kl2tp_cw_rx(&cw, 1, false, CK(101), 0), KL2TP_CW_RX_IN_ORDER);
	CHECK(!kl2tp_cw_rx_next_held(&cw, 0, &ck, &ns));
	/* 2 arrives: 3 and 4 are released, in order, with their cookies. */
	CHECK_EQ(kl2tp_cw_rx(&cw, 2, false, CK(102), 0), KL2TP_CW_RX_IN_ORDER);
	CHECK(kl2tp_cw_rx_next_held(&cw, 0, &ck, &ns));
	CHECK_EQ(ns, 3);
	CHECK_EQ(ID(ck), 103);
	CHECK(kl2tp_cw_rx_next_held(&cw, 0, &ck, &ns));
	CHECK_EQ(ns, 4);
	CHECK_EQ(ID(ck), 104);
	CHECK(!kl2tp_cw_rx_next_held(&cw, 0, &ck, &ns));
	CHECK_EQ(cw.rx_nr, 5);
	/* Released ones are now plain duplicates. */
	CHECK_EQ(kl2tp_cw_rx(&cw, 3, false, NULL, 0), KL2TP_CW_RX_DUPLICATE);
	/* The window moved: 20 fits now (16 still held). */
	CHECK_EQ(kl2tp_cw_rx(&cw, 20, false, CK(120), 0),
		 KL2TP_CW_RX_OUT_OF_ORDER);
	for (i = 5; i < 16; i++)
		CHECK_EQ(kl2tp_cw_rx(&cw, i, false, CK(100 + i), 0),
			 KL2TP_CW_RX_IN_ORDER);
	CHECK(kl2tp_cw_rx_next_held(&cw, 0, &ck, &ns));
	CHECK_EQ(ID(ck), 116);
	CHECK(!kl2tp_cw_rx_next_held(&cw, 0, &ck, &ns));
	CHECK_EQ(cw.rx_nr, 17);
	CHECK_EQ(cw.stats.rx, 17);

	/* Fill the whole window out of order, then the gap. */
	for (i = 33; i > 17; i--)
		CHECK_EQ(kl2tp_cw_rx(&cw, i, false, CK(100 + i), 0),
			 i == 33 ? KL2TP_CW_RX_OUT_OF_WINDOW :
			 i == 20 ? KL2TP_CW_RX_DUPLICATE :
			 KL2TP_CW_RX_OUT_OF_ORDER);
	CHECK_EQ(kl2tp_cw_rx(&cw, 17, false, CK(117), 0), KL2TP_CW_RX_IN_ORDER);
	for (i = 18; i < 33; i++) {
		CHECK(kl2tp_cw_rx_next_held(&cw, 0, &ck, &ns));
		CHECK_EQ(ns, i);
		CHECK_EQ(ID(ck), 100 + i);
	}
	CHECK(!kl2tp_cw_rx_next_held(&cw, 0, &ck, &ns));
	CHECK_EQ(cw.held_map, 0);
}

UNIT_TEST(t_rx_wraparound)
{
	struct kl2tp_cw cw;
	unsigned int i;
	void *ck;
	u16 ns;

	kl2tp_cw_init(&cw, NULL);
	for (i = 0; i < 65533; i++)
		if (kl2tp_cw_rx(&cw, i, false, NULL, i) != KL2TP_CW_RX_IN_ORDER)
			break;
	CHECK_EQ(i, 65533);
	CHECK_EQ(cw.rx_nr, 65533);
	CHECK_EQ(kl2tp_cw_rx(&cw, 1, false, CK(1), 0), KL2TP_CW_RX_OUT_OF_ORDER);
	CHECK_EQ(kl2tp_cw_rx(&cw, 65535, false, CK(65535), 0),
		 KL2TP_CW_RX_OUT_OF_ORDER);
	CHECK_EQ(kl2tp_cw_rx(&cw, 0, false, CK(70000), 0),
		 KL2TP_CW_RX_OUT_OF_ORDER);
	CHECK_EQ(kl2tp_cw_rx(&cw, (u16)(65533 + 16), false, NULL, 0),
		 KL2TP_CW_RX_OUT_OF_WINDOW);
	CHECK_EQ(kl2tp_cw_rx(&cw, 65532, false, NULL, 0),
		 KL2TP_CW_RX_DUPLICATE);
	CHECK_EQ(kl2tp_cw_rx(&cw, 65533, false, CK(65533), 0),
		 KL2TP_CW_RX_IN_ORDER);
	CHECK(!kl2tp_cw_rx_next_held(&cw, 0, &ck, &ns));	/* 65534 missing */
	CHECK_EQ(kl2tp_cw_rx(&cw, 65534, false, CK(65534), 0),
		 KL2TP_CW_RX_IN_ORDER);
	CHECK(kl2tp_cw_rx_next_held(&cw, 0, &ck, &ns));
	CHECK_EQ(ns, 65535);
	CHECK_EQ(ID(ck), 65535);
	CHECK(kl2tp_cw_rx_next_held(&cw, 0, &ck, &ns));
	CHECK_EQ(ns, 0);
	CHECK_EQ(ID(ck), 70000);
	CHECK(kl2tp_cw_rx_next_held(&cw, 0, &ck, &ns));
	CHECK_EQ(ns, 1);
	CHECK_EQ(ID(ck), 1);
	CHECK(!kl2tp_cw_rx_next_held(&cw, 0, &ck, &ns));
	CHECK_EQ(cw.rx_nr, 2);
	CHECK_EQ(kl2tp_cw_rx(&cw, 65535, false, NULL, 0),
		 KL2TP_CW_RX_DUPLICATE);
	CHECK_EQ(kl2tp_cw_rx(&cw, 17, false, NULL, 0),
		 KL2TP_CW_RX_OUT_OF_ORDER);
	CHECK_EQ(kl2tp_cw_rx(&cw, 18, false, NULL, 0),
		 KL2TP_CW_RX_OUT_OF_WINDOW);
}

UNIT_TEST(t_zlb)
{
	struct kl2tp_cw_tx tx;
	struct kl2tp_cw cw;
	u16 ns;

	kl2tp_cw_init(&cw, NULL);
	/* Received: consumes nothing, owes nothing, holds nothing. */
	CHECK_EQ(kl2tp_cw_rx(&cw, 0, true, CK(1), 0), KL2TP_CW_RX_ZLB);
	CHECK_EQ(kl2tp_cw_rx(&cw, 5, true, CK(1), 0), KL2TP_CW_RX_ZLB);
	CHECK_EQ(kl2tp_cw_rx(&cw, 40000, true, CK(1), 0), KL2TP_CW_RX_ZLB);
	CHECK_EQ(cw.rx_nr, 0);
	CHECK_EQ(cw.held_map, 0);
	CHECK_EQ(kl2tp_cw_ack_due(&cw, 0), KL2TP_CW_NO_TIMEOUT);
	CHECK_EQ(cw.stats.rx_zlb, 3);
	CHECK_EQ(kl2tp_cw_rx(&cw, 0, false, CK(1), 0), KL2TP_CW_RX_IN_ORDER);

	/* Sent: Ns is the next never sent, and stays available. */
	kl2tp_cw_zlb(&cw, &tx);
	CHECK(!tx.cookie);
	CHECK_EQ(tx.ns, 0);
	CHECK_EQ(tx.nr, 1);
	CHECK_EQ(kl2tp_cw_queue(&cw, CK(7), &ns), 0);
	CHECK_EQ(ns, 0);
	kl2tp_cw_zlb(&cw, &tx);
	CHECK_EQ(tx.ns, 0);			/* queued, not sent yet */
	CHECK_EQ(kl2tp_cw_next_tx(&cw, 0, &tx), 1);
	CHECK_EQ(tx.ns, 0);
	kl2tp_cw_zlb(&cw, &tx);
	CHECK_EQ(tx.ns, 1);
	CHECK_EQ(kl2tp_cw_queue(&cw, CK(8), &ns), 0);
	CHECK_EQ(ns, 1);
	CHECK_EQ(cw.stats.zlb_tx, 3);
	/* A ZLB is never retransmitted: only ns 0 is in flight. */
	CHECK_EQ(in_flight(&cw), 1);
	/* Its Nr acks like any other. */
	CHECK_EQ(kl2tp_cw_ack(&cw, 1, NULL, NULL), 1);
}

UNIT_TEST(t_delayed_ack)
{
	struct kl2tp_cw_params p;
	struct kl2tp_cw_tx tx;
	struct kl2tp_cw cw;
	u16 ns;

	kl2tp_cw_params_default(&p);
	p.ack_every = 0;
	kl2tp_cw_init(&cw, &p);
	CHECK_EQ(kl2tp_cw_rx(&cw, 0, false, NULL, 100), KL2TP_CW_RX_IN_ORDER);
	CHECK_EQ(kl2tp_cw_ack_due(&cw, 100), 200);
	CHECK_EQ(kl2tp_cw_next_timeout(&cw, 100), 200);
	/* A second delivery does not push the deadline back. */
	CHECK_EQ(kl2tp_cw_rx(&cw, 1, false, NULL, 250), KL2TP_CW_RX_IN_ORDER);
	CHECK_EQ(kl2tp_cw_ack_due(&cw, 250), 50);
	CHECK_EQ(kl2tp_cw_ack_due(&cw, 300), 0);
	CHECK_EQ(kl2tp_cw_ack_due(&cw, 5000), 0);
	kl2tp_cw_zlb(&cw, &tx);
	CHECK_EQ(tx.nr, 2);
	CHECK_EQ(kl2tp_cw_ack_due(&cw, 5000), KL2TP_CW_NO_TIMEOUT);

	/* Out of order or out of window: Nr unchanged, nothing owed. */
	CHECK_EQ(kl2tp_cw_rx(&cw, 4, false, NULL, 5000),
		 KL2TP_CW_RX_OUT_OF_ORDER);
	CHECK_EQ(kl2tp_cw_rx(&cw, 400, false, NULL, 5000),
		 KL2TP_CW_RX_OUT_OF_WINDOW);
	CHECK_EQ(kl2tp_cw_ack_due(&cw, 5000), KL2TP_CW_NO_TIMEOUT);
	/* A duplicate: our ack was lost, ack at once. */
	CHECK_EQ(kl2tp_cw_rx(&cw, 1, false, NULL, 5000),
		 KL2TP_CW_RX_DUPLICATE);
	CHECK_EQ(kl2tp_cw_ack_due(&cw, 5000), 0);
	kl2tp_cw_zlb(&cw, &tx);

	/* Piggyback: a message sent carries Nr and clears the debt. */
	CHECK_EQ(kl2tp_cw_rx(&cw, 2, false, NULL, 6000), KL2TP_CW_RX_IN_ORDER);
	kl2tp_cw_queue(&cw, CK(1), NULL);
	CHECK_EQ(kl2tp_cw_next_tx(&cw, 6010, &tx), 1);
	CHECK_EQ(tx.nr, 3);
	CHECK_EQ(kl2tp_cw_ack_due(&cw, 6010), KL2TP_CW_NO_TIMEOUT);
	CHECK_EQ(kl2tp_cw_next_timeout(&cw, 6010), 1000);
	/* The retransmission timer and the ack deadline share one timer. */
	CHECK_EQ(kl2tp_cw_next_timeout(&cw, 6500), 510);
	CHECK_EQ(kl2tp_cw_rx(&cw, 3, false, NULL, 6700), KL2TP_CW_RX_IN_ORDER);
	CHECK_EQ(kl2tp_cw_next_timeout(&cw, 6700), 200);
	CHECK_EQ(kl2tp_cw_next_timeout(&cw, 6900), 0);
	kl2tp_cw_zlb(&cw, &tx);
	CHECK_EQ(kl2tp_cw_next_timeout(&cw, 6900), 110);
	kl2tp_cw_rx(&cw, 3, false, NULL, 6900);	/* duplicate */
	/* A retransmission carries the current Nr too. */
	CHECK_EQ(kl2tp_cw_next_tx(&cw, 7010, &tx), 1);
	CHECK(tx.retransmit);
	CHECK_EQ(tx.ns, 0);
	CHECK_EQ(tx.nr, 4);
	CHECK_EQ(kl2tp_cw_ack_due(&cw, 7010), KL2TP_CW_NO_TIMEOUT);
	/* Released held messages owe an ack like direct ones. */
	kl2tp_cw_zlb(&cw, &tx);
	CHECK(kl2tp_cw_rx_next_held(&cw, 8000, &tx.cookie, &ns));
	CHECK_EQ(ns, 4);
	CHECK_EQ(cw.rx_nr, 5);
	CHECK_EQ(kl2tp_cw_ack_due(&cw, 8000), 200);
	/* No timer wanted once every debt is paid. */
	kl2tp_cw_zlb(&cw, &tx);
	kl2tp_cw_ack(&cw, 1, NULL, NULL);
	CHECK_EQ(kl2tp_cw_next_timeout(&cw, 8000), KL2TP_CW_NO_TIMEOUT);

	/* ack_every 2 (default): the second delivery acks at once. */
	kl2tp_cw_init(&cw, NULL);
	kl2tp_cw_rx(&cw, 0, false, NULL, 0);
	CHECK_EQ(kl2tp_cw_ack_due(&cw, 0), 200);
	kl2tp_cw_rx(&cw, 1, false, NULL, 10);
	CHECK_EQ(kl2tp_cw_ack_due(&cw, 10), 0);
	kl2tp_cw_zlb(&cw, &tx);
	kl2tp_cw_rx(&cw, 2, false, NULL, 20);
	CHECK_EQ(kl2tp_cw_ack_due(&cw, 20), 200);

	/* ack_delay 0: every delivery acked at once. */
	kl2tp_cw_params_default(&p);
	p.ack_delay = 0;
	p.ack_every = 0;
	kl2tp_cw_init(&cw, &p);
	kl2tp_cw_rx(&cw, 0, false, NULL, 50);
	CHECK_EQ(kl2tp_cw_ack_due(&cw, 50), 0);

	/* ack_now: an owed ack is due at once; nothing owed, nothing due. */
	kl2tp_cw_init(&cw, NULL);
	kl2tp_cw_ack_now(&cw, 0);
	CHECK_EQ(kl2tp_cw_ack_due(&cw, 0), KL2TP_CW_NO_TIMEOUT);
	kl2tp_cw_rx(&cw, 0, false, NULL, 100);
	CHECK_EQ(kl2tp_cw_ack_due(&cw, 100), 200);
	kl2tp_cw_ack_now(&cw, 120);
	CHECK_EQ(kl2tp_cw_ack_due(&cw, 120), 0);
	CHECK_EQ(kl2tp_cw_next_timeout(&cw, 120), 0);
	kl2tp_cw_zlb(&cw, &tx);
	CHECK_EQ(tx.nr, 1);
	CHECK_EQ(kl2tp_cw_ack_due(&cw, 120), KL2TP_CW_NO_TIMEOUT);
}

UNIT_TEST(t_idle_linger_age)
{
	struct kl2tp_cw_params p;
	struct kl2tp_cw_tx tx;
	struct kl2tp_cw cw;

	kl2tp_cw_init(&cw, NULL);
	CHECK(kl2tp_cw_idle(&cw));
	CHECK_EQ(kl2tp_cw_oldest_age(&cw, 10), 0);
	kl2tp_cw_queue(&cw, CK(1), NULL);	/* StopCCN */
	CHECK(!kl2tp_cw_idle(&cw));
	CHECK_EQ(kl2tp_cw_oldest_age(&cw, 10), 0);	/* not sent yet */
	kl2tp_cw_next_tx(&cw, 100, &tx);
	kl2tp_cw_next_tx(&cw, 1100, &tx);
	CHECK_EQ(kl2tp_cw_oldest_age(&cw, 1500), 1400);
	kl2tp_cw_ack(&cw, 1, NULL, NULL);
	CHECK(kl2tp_cw_idle(&cw));
	CHECK_EQ(kl2tp_cw_oldest_age(&cw, 1500), 0);

	CHECK_EQ(kl2tp_cw_linger(&cw), 31000);
	kl2tp_cw_params_default(&p);
	p.max_retries = 10;
	kl2tp_cw_init(&cw, &p);
	CHECK_EQ(kl2tp_cw_linger(&cw), 1000 + 2000 + 4000 + 8 * 8000);
	p.max_retries = 255;
	p.rto_max = KL2TP_CW_TIME_LIMIT;
	kl2tp_cw_init(&cw, &p);
	CHECK(kl2tp_cw_linger(&cw) > 100000000);
	p.max_retries = 2;
	p.rto_init = 100;
	p.rto_max = 100;
	kl2tp_cw_init(&cw, &p);
	CHECK_EQ(kl2tp_cw_linger(&cw), 300);
}

UNIT_TEST(t_purge)
{
	struct kl2tp_cw_tx tx;
	struct kl2tp_cw cw;
	void *ck;

	init_rws(&cw, 4);
	kl2tp_cw_queue(&cw, CK(1), NULL);
	kl2tp_cw_queue(&cw, CK(2), NULL);
	kl2tp_cw_queue(&cw, CK(3), NULL);
	kl2tp_cw_next_tx(&cw, 0, &tx);
	kl2tp_cw_next_tx(&cw, 1000, &tx);	/* timeout: ns 0 again */
	kl2tp_cw_rx(&cw, 5, false, CK(15), 0);
	kl2tp_cw_rx(&cw, 2, false, CK(12), 0);
	CHECK(kl2tp_cw_purge(&cw, &ck));
	CHECK_EQ(ID(ck), 1);
	CHECK(kl2tp_cw_purge(&cw, &ck));
	CHECK_EQ(ID(ck), 2);
	CHECK(kl2tp_cw_purge(&cw, &ck));
	CHECK_EQ(ID(ck), 3);
	CHECK(kl2tp_cw_purge(&cw, &ck));
	CHECK_EQ(ID(ck), 12);
	CHECK(kl2tp_cw_purge(&cw, &ck));
	CHECK_EQ(ID(ck), 15);
	CHECK(!kl2tp_cw_purge(&cw, &ck));
	CHECK(kl2tp_cw_idle(&cw));
	CHECK_EQ(kl2tp_cw_next_timeout(&cw, 0), KL2TP_CW_NO_TIMEOUT);
}

/*
 * Simulation: endpoints 0 and 1 each send a stream of numbered messages to
 * the other over a channel that loses, duplicates and delays (so reorders)
 * packets. Each endpoint follows the caller's loop documented in
 * ctrl_window.h. Checked: every message delivered exactly once and in
 * order, every message released exactly once and in order, no ack ever
 * invalid, nothing out of window, the window honoured, no timeout
 * exhaustion, and the run ending within a bound.
 */
#define SIM_QLEN	4096

struct sim_pkt {
	u64 at;
	unsigned long id;
	int to;
	u16 ns;
	u16 nr;
	bool zlb;
};

struct sim_ep {
	struct kl2tp_cw cw;
	unsigned long total;	/* messages to send */
	unsigned long queued;	/* next id to queue */
	unsigned long expect;	/* next id expected from the peer */
	unsigned long released;	/* next id expected from release */
	unsigned long errors;
};

struct sim {
	struct sim_ep ep[2];
	struct sim_pkt q[SIM_QLEN];
	int n;
	u64 now;
	u64 rng;
	unsigned int loss, dup;	/* percent */
	unsigned int delay, jitter;
	unsigned long errors;
	unsigned long pkts;
};

static u32 sim_rand(struct sim *s)
{
	/* splitmix64 */
	u64 z = (s->rng += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return (u32)((z ^ (z >> 31)) >> 32);
}

static void sim_send(struct sim *s, int to, const struct kl2tp_cw_tx *tx)
{
	int copies = 1, i;

	s->pkts++;
	if (sim_rand(s) % 100 < s->loss)
		return;
	if (sim_rand(s) % 100 < s->dup)
		copies = 2;
	for (i = 0; i < copies; i++) {
		struct sim_pkt *p;

		if (s->n == SIM_QLEN) {
			s->errors++;
			return;
		}
		p = &s->q[s->n++];
		p->at = s->now + s->delay + sim_rand(s) % s->jitter;
		p->to = to;
		p->ns = tx->ns;
		p->nr = tx->nr;
		p->zlb = !tx->cookie;
		p->id = tx->cookie ? ID(tx->cookie) - 1 : 0;
	}
}

static void sim_release(void *ctx, void *cookie)
{
	struct sim_ep *e = ctx;

	if (ID(cookie) - 1 != e->released)
		e->errors++;
	e->released++;
}

static void sim_deliver(struct sim_ep *e, unsigned long id)
{
	if (id != e->expect)
		e->errors++;
	e->expect++;
}

/* Steps 3-4 of the caller's loop, after topping up the send ring. */
static void sim_pump(struct sim *s, int i)
{
	struct sim_ep *e = &s->ep[i];
	struct kl2tp_cw_tx tx;
	int r;

	while (e->queued < e->total && kl2tp_cw_space(&e->cw)) {
		u16 ns;

		kl2tp_cw_queue(&e->cw, CK(e->queued + 1), &ns);
		if (ns != (u16)e->queued)
			e->errors++;
		e->queued++;
	}
	while ((r = kl2tp_cw_next_tx(&e->cw, s->now, &tx)) == 1) {
		if (in_flight(&e->cw) > KL2TP_CW_RX_WIN ||
		    in_flight(&e->cw) > e->cw.cwnd ||
		    tx.ns != (u16)(ID(tx.cookie) - 1))
			e->errors++;
		sim_send(s, !i, &tx);
	}
	if (r < 0)
		e->errors++;
	if (kl2tp_cw_ack_due(&e->cw, s->now) == 0) {
		kl2tp_cw_zlb(&e->cw, &tx);
		sim_send(s, !i, &tx);
	}
}

/* Steps 1-2 of the caller's loop. */
static void sim_receive(struct sim *s, const struct sim_pkt *p)
{
	struct sim_ep *e = &s->ep[p->to];
	void *ck;

	if (kl2tp_cw_ack(&e->cw, p->nr, sim_release, e) < 0)
		e->errors++;
	switch (kl2tp_cw_rx(&e->cw, p->ns, p->zlb, CK(p->id + 1), s->now)) {
	case KL2TP_CW_RX_IN_ORDER:
		sim_deliver(e, p->id);
		while (kl2tp_cw_rx_next_held(&e->cw, s->now, &ck, NULL))
			sim_deliver(e, ID(ck) - 1);
		break;
	case KL2TP_CW_RX_OUT_OF_WINDOW:
		e->errors++;
		break;
	default:
		break;
	}
	sim_pump(s, p->to);
}

static bool sim_done(const struct sim *s)
{
	return s->ep[0].expect == s->ep[1].total &&
	       s->ep[1].expect == s->ep[0].total &&
	       kl2tp_cw_idle(&s->ep[0].cw) && kl2tp_cw_idle(&s->ep[1].cw);
}

/* Returns the number of event steps taken, or -1 past @max_steps. */
static long sim_run(struct sim *s, unsigned long n0, unsigned long n1,
		    long max_steps)
{
	struct kl2tp_cw_params p;
	long steps = 0;
	int i;

	kl2tp_cw_params_default(&p);
	p.peer_rws = KL2TP_CW_RX_WIN;	/* what each advertises */
	p.max_retries = 30;
	for (i = 0; i < 2; i++) {
		memset(&s->ep[i], 0, sizeof(s->ep[i]));
		kl2tp_cw_init(&s->ep[i].cw, &p);
	}
	s->ep[0].total = n0;
	s->ep[1].total = n1;
	s->n = 0;
	s->now = 0;
	s->errors = 0;
	s->pkts = 0;
	sim_pump(s, 0);
	sim_pump(s, 1);
	while (!sim_done(s)) {
		u64 next = ~0ULL;
		u32 t;

		if (++steps > max_steps)
			return -1;
		/* Deliver what is due, in random order. */
		for (;;) {
			int due = 0, pick = -1;
			struct sim_pkt p;

			for (i = 0; i < s->n; i++)
				if (s->q[i].at <= s->now && sim_rand(s) % ++due == 0)
					pick = i;
			if (pick < 0)
				break;
			p = s->q[pick];
			s->q[pick] = s->q[--s->n];
			sim_receive(s, &p);
		}
		/* Timers. */
		sim_pump(s, 0);
		sim_pump(s, 1);
		for (i = 0; i < s->n; i++)
			if (s->q[i].at < next)
				next = s->q[i].at;
		for (i = 0; i < 2; i++) {
			t = kl2tp_cw_next_timeout(&s->ep[i].cw, s->now);
			if (t != KL2TP_CW_NO_TIMEOUT && s->now + t < next)
				next = s->now + t;
		}
		if (next == ~0ULL || next <= s->now)
			return sim_done(s) ? steps : -1;	/* stalled */
		s->now = next;
	}
	return steps;
}

static void sim_check(struct sim *s, unsigned long n0, unsigned long n1)
{
	long steps = sim_run(s, n0, n1, 40 * (long)(n0 + n1) + 10000);
	int i;

	CHECK(steps > 0);
	CHECK_EQ(s->errors, 0);
	for (i = 0; i < 2; i++) {
		const struct sim_ep *e = &s->ep[i];

		CHECK_EQ(e->errors, 0);
		CHECK_EQ(e->expect, s->ep[!i].total);
		CHECK_EQ(e->released, e->total);
		CHECK_EQ(e->cw.stats.tx, e->total);
		CHECK_EQ(e->cw.stats.acked, e->total);
		CHECK_EQ(e->cw.stats.rx, s->ep[!i].total);
		CHECK_EQ(e->cw.stats.ack_invalid, 0);
		CHECK_EQ(e->cw.stats.rx_out_of_window, 0);
		CHECK(!e->cw.dead);
	}
	if (steps < 0 || s->errors || s->ep[0].errors || s->ep[1].errors)
		fprintf(stderr, "  sim: loss %u%% dup %u%% jitter %u: steps %ld, %lu/%lu %lu/%lu\n",
			s->loss, s->dup, s->jitter, steps, s->ep[0].expect,
			s->ep[1].total, s->ep[1].expect, s->ep[0].total);
}

static struct sim sim;

UNIT_TEST(t_sim_lossy)
{
	u64 seed;

	for (seed = 1; seed <= 8; seed++) {
		sim.rng = seed;
		sim.loss = 20;
		sim.dup = 5;
		sim.delay = 5;
		sim.jitter = 50;
		sim_check(&sim, 2000, 1500);
		CHECK(sim.ep[0].cw.stats.retransmits > 0);
		CHECK(sim.ep[1].cw.stats.rx_ooo > 0);
		CHECK(sim.ep[1].cw.stats.rx_dup > 0);
	}
}

UNIT_TEST(t_sim_wraparound)
{
	/* More than 65536 messages one way, replies the other way. */
	sim.rng = 42;
	sim.loss = 20;
	sim.dup = 5;
	sim.delay = 5;
	sim.jitter = 50;
	sim_check(&sim, 70000, 300);
}

UNIT_TEST(t_sim_hostile)
{
	u64 seed;

	/* Heavy loss, and delays beyond RTO: spurious retransmissions. */
	for (seed = 100; seed < 104; seed++) {
		sim.rng = seed;
		sim.loss = 40;
		sim.dup = 20;
		sim.delay = 1;
		sim.jitter = 2500;
		sim_check(&sim, 500, 500);
	}
	/* One-way traffic: every ack is a ZLB; lossless baseline. */
	sim.rng = 7;
	sim.loss = 0;
	sim.dup = 0;
	sim.delay = 10;
	sim.jitter = 1;
	sim_check(&sim, 1000, 0);
	CHECK_EQ(sim.ep[0].cw.stats.retransmits, 0);
	CHECK(sim.ep[1].cw.stats.zlb_tx > 0);
	CHECK_EQ(sim.ep[1].cw.stats.rx_dup, 0);
}

UNIT_MAIN(UNIT_CASE(t_init_params),
	  UNIT_CASE(t_seq_compare),
	  UNIT_CASE(t_queue_capacity),
	  UNIT_CASE(t_slow_start),
	  UNIT_CASE(t_congestion_avoidance),
	  UNIT_CASE(t_timeout_go_back),
	  UNIT_CASE(t_backoff_schedule),
	  UNIT_CASE(t_retries_exhausted),
	  UNIT_CASE(t_peer_rws),
	  UNIT_CASE(t_invalid_ack),
	  UNIT_CASE(t_tx_wraparound),
	  UNIT_CASE(t_rx_classify),
	  UNIT_CASE(t_rx_wraparound),
	  UNIT_CASE(t_zlb),
	  UNIT_CASE(t_delayed_ack),
	  UNIT_CASE(t_idle_linger_age),
	  UNIT_CASE(t_purge),
	  UNIT_CASE(t_sim_lossy),
	  UNIT_CASE(t_sim_wraparound),
	  UNIT_CASE(t_sim_hostile))
