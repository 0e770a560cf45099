// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target for the reliable delivery of control messages
 * (kernel/proto/ctrl_window.c, RFC 2661 5.8 and Appendix A): two engines,
 * A and B, wired back to back through a simulated channel. The input sets
 * their parameters (some out of the limits on purpose), then queues
 * messages, transmits, delivers, drops, duplicates and reorders packets,
 * lets the peer lie about Ns and Nr, moves the clock, fires acks and
 * timers, changes the peer's RWS and tears ends down (format: fuzz_cw.h).
 *
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -I kernel/proto -I . \
 *	selftests/fuzz/fuzz_cw.c kernel/proto/ctrl_window.c -o /tmp/fuzz_cw
 *   /tmp/fuzz_cw -max_total_time=60 selftests/fuzz/corpus_cw
 *
 * (or make fuzz, make fuzz-run FUZZ_SECONDS=60). Seeds: gen_corpus_cw.c.
 *
 * Each message is a heap record with the sender's own sequence number;
 * each packet in flight carries that number beside its Ns and Nr. The
 * harness keeps a model of what ctrl_window.h documents and traps when the
 * engine departs from it:
 * - every cookie handed back (release callback, kl2tp_cw_rx_next_held(),
 *   kl2tp_cw_purge()) is one the engine was given and still owned, each
 *   once: acks release the oldest first, a rejected Nr changes nothing but
 *   stats.ack_invalid, and purging both ends at the end of every input
 *   hands back the rest (records are freed on return: a second return is
 *   a use after free for ASan, one never given fails the magic);
 * - kl2tp_cw_rx() classifies every Ns as documented, and unless a packet
 *   was mutated or one end restarted alone, the application sees every
 *   message once, in order, without gaps, never an out-of-window one
 *   (unless a peer RWS above KL2TP_CW_RX_WIN was configured) and no Nr is
 *   ever rejected; packets older than FUZZ_LIFETIME messages are dropped,
 *   as the RFC assumes a bounded packet lifetime;
 * - kl2tp_cw_next_tx() sends go-back-N from nxt, never more than
 *   min(CWND, peer RWS, KL2TP_CW_TX_SLOTS) in flight, stamps Ns, Nr and
 *   the retransmit flag right, times out exactly RTO(n) after the oldest
 *   message's last transmission (n its expiries), halves SSTHRESH and
 *   resets CWND then, and gives -ETIMEDOUT exactly when that message
 *   already expired max_retries times (and from then on);
 * - the pending and space counts, kl2tp_cw_idle(), the counters, CWND and
 *   SSTHRESH bounds, kl2tp_cw_ack_due() (delayed acks, ack_every, dups,
 *   ack_now, piggyback), kl2tp_cw_next_timeout() (the earlier of the two
 *   timers, never beyond rto_max or ack_delay), kl2tp_cw_oldest_age(),
 *   kl2tp_cw_linger(), ZLB Ns/Nr, parameter validation and
 *   kl2tp_cw_set_peer_rws();
 * - liveness: unless a packet was mutated or an end gave up (legal only
 *   with max_retries exhausted, which the model checks), a lossless
 *   channel driven by the timers gets every queued message delivered and
 *   acknowledged at the end of every input.
 * Everything is deterministic: the clock is the input's.
 */
#include <stdint.h>
#include <stdlib.h>
#include <stddef.h>

#include "ctrl_window.h"
#include "fuzz_cw.h"

#define ASSERT(c) do { if (!(c)) __builtin_trap(); } while (0)

#define QMAX		128
#define REC_MAGIC	0x6b6c3274
#define SLOTS		KL2TP_CW_TX_SLOTS
#define RXWIN		KL2TP_CW_RX_WIN
#define NO_TIMEOUT	KL2TP_CW_NO_TIMEOUT
/* Messages queued (both ways) after which a packet in flight is gone. */
#define FUZZ_LIFETIME	8192
/* Clock advance the operations may make: far below the 24 days limit. */
#define TIME_BUDGET	(1ULL << 29)
#define PUMP_ROUNDS	64
#define LIVE_ROUNDS	20000

/* A message queued (tx) or a received copy held out of order (rx). */
struct rec {
	u32 magic;
	int owner;
	bool rx;
	u32 seq;	/* the sender's own number for the message */
	u16 ns;
	u32 sends;
	u32 timeouts;	/* retransmission timer expiries while oldest */
	u64 first_tx;
	u64 last_tx;
};

/* One end and the model of its engine, from ctrl_window.h. */
struct end {
	struct kl2tp_cw cw;
	struct kl2tp_cw_params cfg;
	bool use_defaults;
	int id;
	bool dead;
	bool had_loss;
	bool in_ack;
	bool wide;		/* told of a peer RWS above ours, once */
	u16 rws;
	u32 queued;		/* tail: messages queued */
	u32 released;		/* una: messages acknowledged */
	u32 nxt;		/* next to transmit */
	u32 high;		/* first never transmitted */
	u32 timeouts;
	u32 delivered;		/* rx_nr */
	u32 unacked;
	u32 zlbs;
	bool owed;
	u64 deadline;
	u16 held_map;		/* bit d: Ns delivered + d is held */
	struct rec *ring[SLOTS];
	struct rec *held[RXWIN];
};

struct pkt {
	int to;
	u16 ns;
	u16 nr;
	bool zlb;
	u32 seq;
	u32 epoch;
};

static struct end ends[2];
static struct pkt q[QMAX];
static int qn;
static u64 now, now0;
static u32 total_queued;
static bool tainted;
static long live_recs;

static u32 min_u32(u32 a, u32 b)
{
	return a < b ? a : b;
}

static struct rec *rec_new(int owner, bool rx, u32 seq, u16 ns)
{
	struct rec *r = calloc(1, sizeof(*r));

	ASSERT(r);
	r->magic = REC_MAGIC;
	r->owner = owner;
	r->rx = rx;
	r->seq = seq;
	r->ns = ns;
	live_recs++;
	return r;
}

static void rec_free(struct rec *r)
{
	r->magic = 0;
	free(r);
	live_recs--;
}

static struct rec *rec_check(void *cookie, int owner, bool rx)
{
	struct rec *r = cookie;

	ASSERT(r && r->magic == REC_MAGIC);
	ASSERT(r->owner == owner && r->rx == rx);
	return r;
}

static u32 win(const struct end *e)
{
	return min_u32(e->rws, SLOTS);
}

/* RTO(n) = min(rto_init * 2^n, rto_max) */
static u32 rto(const struct end *e, u32 n)
{
	u64 t = e->cw.params.rto_init;

	while (n-- && t < e->cw.params.rto_max)
		t *= 2;
	return t < e->cw.params.rto_max ? (u32)t : e->cw.params.rto_max;
}

static u32 left(u64 at)
{
	return at > now ? (u32)(at - now) : 0;
}

static u32 model_ack_due(const struct end *e)
{
	return e->owed ? left(e->deadline) : NO_TIMEOUT;
}

static u32 model_rtx(const struct end *e)
{
	const struct rec *r;

	if (e->dead || e->nxt == e->released)
		return NO_TIMEOUT;
	r = e->ring[e->released % SLOTS];
	return left(r->last_tx + rto(e, r->timeouts));
}

static void owe(struct end *e, u64 deadline)
{
	if (!e->owed || deadline < e->deadline)
		e->deadline = deadline;
	e->owed = true;
}

static void ack_sent(struct end *e)
{
	e->owed = false;
	e->unacked = 0;
}

static void check_linger(const struct end *e)
{
	u32 n, sum = 0;

	for (n = 0; n <= e->cw.params.max_retries; n++)
		sum += rto(e, n);
	ASSERT(kl2tp_cw_linger(&e->cw) == sum);
}

/* Everything observable agrees with the model. */
static void check_end(const struct end *e)
{
	const struct kl2tp_cw *cw = &e->cw;
	u32 pending = e->queued - e->released;
	u32 t, age = 0;

	ASSERT(pending <= SLOTS);
	ASSERT(e->released <= e->nxt && e->nxt <= e->high &&
	       e->high <= e->queued);
	ASSERT(kl2tp_cw_pending(cw) == pending);
	ASSERT(kl2tp_cw_space(cw) == SLOTS - pending);
	ASSERT(kl2tp_cw_idle(cw) == !pending);
	ASSERT(cw->params.peer_rws == e->rws);
	ASSERT(cw->cwnd >= 1 && cw->cwnd <= win(e));
	ASSERT(cw->ssthresh >= 1 && cw->ssthresh <= win(e));
	ASSERT(cw->stats.tx == e->high);
	ASSERT(cw->stats.acked == e->released);
	ASSERT(cw->stats.timeouts == e->timeouts);
	ASSERT(cw->stats.rx == e->delivered);
	ASSERT(cw->stats.zlb_tx == e->zlbs);
	ASSERT(cw->dead == e->dead);
	if (e->high != e->released)
		age = (u32)(now - e->ring[e->released % SLOTS]->first_tx);
	ASSERT(kl2tp_cw_oldest_age(cw, now) == age);
	ASSERT(kl2tp_cw_ack_due(cw, now) == model_ack_due(e));
	if (e->dead)
		return;
	t = kl2tp_cw_next_timeout(cw, now);
	ASSERT(t == min_u32(model_rtx(e), model_ack_due(e)));
	ASSERT(t == NO_TIMEOUT ||
	       t <= max_t(u32, cw->params.rto_max, cw->params.ack_delay));
	/* Time left shrinks with the clock. */
	if (t != NO_TIMEOUT && t)
		ASSERT(kl2tp_cw_next_timeout(cw, now + t / 2) == t - t / 2);
}

static bool all_null(struct rec *const *p, int n)
{
	while (n--)
		if (*p++)
			return false;
	return true;
}

/* The engine owns no record of @e any more: a fresh model. */
static void reset_model(struct end *e)
{
	int id = e->id;
	struct kl2tp_cw_params cfg = e->cfg;
	bool def = e->use_defaults;

	ASSERT(all_null(e->ring, SLOTS) && all_null(e->held, RXWIN));
	memset((u8 *)e + offsetof(struct end, id), 0,
	       sizeof(*e) - offsetof(struct end, id));
	e->id = id;
	e->cfg = cfg;
	e->use_defaults = def;
	e->rws = cfg.peer_rws;
	e->wide = e->rws > RXWIN;
}

static void start(struct end *e)
{
	reset_model(e);
	ASSERT(!kl2tp_cw_init(&e->cw, e->use_defaults ? NULL : &e->cfg));
	ASSERT(!memcmp(&e->cw.params, &e->cfg, sizeof(e->cfg)));
	ASSERT(e->cw.cwnd == 1 && e->cw.ssthresh == win(e));
	ASSERT(kl2tp_cw_next_timeout(&e->cw, now) == NO_TIMEOUT);
	check_linger(e);
	check_end(e);
}

static bool params_valid(const struct kl2tp_cw_params *p)
{
	return p->rto_init && p->rto_max >= p->rto_init &&
	       p->rto_max <= KL2TP_CW_TIME_LIMIT &&
	       p->ack_delay <= KL2TP_CW_TIME_LIMIT && p->peer_rws;
}

/* Parameters from five input bytes (fuzz_cw.h), checked, then clamped. */
static void configure(struct end *e, const u8 *b, bool def)
{
	struct kl2tp_cw_params *p = &e->cfg;
	static struct kl2tp_cw ref;
	u32 low6 = b[1] & 0x3f;
	int ret;

	memset(p, 0, sizeof(*p));
	if (!b[0])
		p->rto_init = 0;
	else if (b[0] <= 200)
		p->rto_init = b[0] * 10;
	else
		p->rto_init = (b[0] - 200) * 11000;
	switch (b[1] >> 6) {
	case 0:
		p->rto_max = p->rto_init * (1 + low6);
		break;
	case 1:
		p->rto_max = KL2TP_CW_TIME_LIMIT - 31 + low6;
		break;
	case 2:
		p->rto_max = low6 * 1000;
		break;
	default:
		p->rto_max = p->rto_init - low6;
		break;
	}
	if (b[2] & 0x80)
		p->ack_delay = KL2TP_CW_TIME_LIMIT - 63 + (b[2] & 0x7f);
	else
		p->ack_delay = (b[2] & 0x7f) * 20;
	p->peer_rws = b[3] < 0xc0 ? b[3] & 0x3f : 0xffff - (b[3] & 0x3f);
	p->max_retries = (b[4] & 0x1f) == 0x1f ? 255 : b[4] & 0x1f;
	p->ack_every = b[4] >> 5;

	memset(&e->cw, 0xa5, sizeof(e->cw));
	memcpy(&ref, &e->cw, sizeof(ref));
	ret = kl2tp_cw_init(&e->cw, p);
	if (params_valid(p)) {
		ASSERT(!ret);
	} else {
		ASSERT(ret == -EINVAL);
		ASSERT(!memcmp(&ref, &e->cw, sizeof(ref)));
		if (!p->rto_init)
			p->rto_init = 1;
		p->rto_init = min_u32(p->rto_init, KL2TP_CW_TIME_LIMIT);
		p->rto_max = min_u32(max_t(u32, p->rto_max, p->rto_init),
				     KL2TP_CW_TIME_LIMIT);
		p->ack_delay = min_u32(p->ack_delay, KL2TP_CW_TIME_LIMIT);
		if (!p->peer_rws)
			p->peer_rws = 1;
		ASSERT(params_valid(p));
	}
	e->use_defaults = def;
	if (def)
		kl2tp_cw_params_default(p);
	start(e);
}

static void chan_put(const struct end *from, const struct kl2tp_cw_tx *tx,
		     u32 seq)
{
	struct pkt *k;

	if (qn == QMAX)
		return;		/* a full queue loses it */
	k = &q[qn++];
	k->to = !from->id;
	k->ns = tx->ns;
	k->nr = tx->nr;
	k->zlb = !tx->cookie;
	k->seq = seq;
	k->epoch = total_queued;
}

static struct pkt chan_take(int i)
{
	struct pkt k = q[i];

	memmove(q + i, q + i + 1, sizeof(q[0]) * (qn - i - 1));
	qn--;
	return k;
}

static void do_queue(struct end *e, int n)
{
	struct rec *r;
	bool full;
	int ret;
	u16 ns;

	while (n--) {
		r = rec_new(e->id, false, e->queued, (u16)e->queued);
		ns = ~e->queued;
		/* @ns may be NULL: then tx.ns checks it */
		ret = kl2tp_cw_queue(&e->cw, r, e->queued & 3 ? &ns : NULL);
		full = e->queued - e->released == SLOTS;
		if (e->dead || full) {
			ASSERT((e->dead && ret == -ETIMEDOUT) ||
			       (full && ret == -ENOBUFS));
			rec_free(r);
			return;
		}
		ASSERT(!ret);
		ASSERT(ns == (u16)(e->queued & 3 ? e->queued : ~e->queued));
		ASSERT(!e->ring[e->queued % SLOTS]);
		e->ring[e->queued % SLOTS] = r;
		e->queued++;
		total_queued++;
	}
}

/* kl2tp_cw_next_tx() once, against the model. */
static int send_one(struct end *e)
{
	u16 cwnd0 = e->cw.cwnd;
	struct kl2tp_cw_tx tx;
	struct rec *r;
	bool due;
	int ret;

	due = !e->dead && model_rtx(e) == 0;
	ret = kl2tp_cw_next_tx(&e->cw, now, &tx);
	if (e->dead) {
		ASSERT(ret == -ETIMEDOUT);
		return ret;
	}
	if (due) {
		r = e->ring[e->released % SLOTS];
		if (r->timeouts >= e->cw.params.max_retries) {
			ASSERT(ret == -ETIMEDOUT);
			ASSERT(e->cw.dead);
			e->dead = true;
			return ret;
		}
		r->timeouts++;
		e->timeouts++;
		e->had_loss = true;
		e->nxt = e->released;
		ASSERT(e->cw.cwnd == 1);
		ASSERT(e->cw.ssthresh == max_t(u16, cwnd0 / 2, 1));
	}
	ASSERT(e->cw.stats.timeouts == e->timeouts);
	if (e->nxt == e->queued ||
	    e->nxt - e->released >= min_u32(e->cw.cwnd, win(e))) {
		ASSERT(ret == 0);
		return 0;
	}
	ASSERT(ret == 1);
	r = rec_check(tx.cookie, e->id, false);
	ASSERT(r == e->ring[e->nxt % SLOTS]);
	ASSERT(r->seq == e->nxt);
	ASSERT(tx.ns == (u16)e->nxt);
	ASSERT(tx.nr == (u16)e->delivered);
	ASSERT(tx.retransmit == (e->nxt < e->high));
	ASSERT(tx.retransmit == (r->sends > 0));
	ASSERT(!due || (tx.retransmit && e->nxt == e->released));
	if (!r->sends) {
		r->first_tx = now;
		e->high++;
	}
	r->sends++;
	r->last_tx = now;
	e->nxt++;
	/* Never beyond the window. */
	ASSERT(e->nxt - e->released <= min_u32(e->cw.cwnd, win(e)));
	ack_sent(e);
	chan_put(e, &tx, r->seq);
	return 1;
}

static void do_zlb(struct end *e)
{
	struct kl2tp_cw_tx tx;

	kl2tp_cw_zlb(&e->cw, &tx);
	ASSERT(!tx.cookie && !tx.retransmit);
	ASSERT(tx.ns == (u16)e->high);
	ASSERT(tx.nr == (u16)e->delivered);
	ack_sent(e);
	e->zlbs++;
	chan_put(e, &tx, 0);
}

/* Steps 3 and 4 of the caller's loop. */
static void run_loop(struct end *e)
{
	if (e->dead)
		return;
	while (send_one(e) == 1)
		;
	if (!e->dead && !kl2tp_cw_ack_due(&e->cw, now))
		do_zlb(e);
}

static void release_cb(void *ctx, void *cookie)
{
	struct end *e = ctx;
	struct rec *r = rec_check(cookie, e->id, false);

	ASSERT(e->in_ack);
	ASSERT(r == e->ring[e->released % SLOTS]);	/* oldest first */
	ASSERT(r->seq == e->released && r->sends);
	e->ring[e->released % SLOTS] = NULL;
	e->released++;
	rec_free(r);
}

static void model_deliver(struct end *e)
{
	e->delivered++;
	e->held_map >>= 1;
	if (e->unacked < 0xffff)
		e->unacked++;
	if (e->cw.params.ack_every && e->unacked >= e->cw.params.ack_every)
		owe(e, now);
	else
		owe(e, now + e->cw.params.ack_delay);
}

/* Steps 1 and 2 of the caller's loop, and the application behind. */
static void receive(const struct pkt *k)
{
	struct end *e = &ends[k->to];
	static struct kl2tp_cw before;
	u16 cwnd0 = e->cw.cwnd, ssthresh0 = e->cw.ssthresh;
	u32 una0 = e->released, expect;
	enum kl2tp_cw_rx_class cls, want;
	struct rec *r = NULL, *h;
	bool wants_ns;
	void *ck;
	int ret;
	u16 d, ns;

	if (e->dead)
		return;		/* torn down: only purge is left */
	if (total_queued - k->epoch > FUZZ_LIFETIME)
		return;		/* outlived the packet lifetime */

	/* 1: the Nr; at or before una (32768 behind included): stale */
	if (k->nr == (u16)e->released ||
	    kl2tp_seq_before(k->nr, (u16)e->released))
		expect = 0;
	else if (kl2tp_seq_after(k->nr, (u16)e->high))
		expect = (u32)-EINVAL;
	else
		expect = (u16)(k->nr - (u16)e->released);
	memcpy(&before, &e->cw, sizeof(before));
	e->in_ack = true;
	ret = kl2tp_cw_ack(&e->cw, k->nr, release_cb, e);
	e->in_ack = false;
	ASSERT((u32)ret == expect);
	if (ret < 0) {
		ASSERT(tainted);
		ASSERT(e->released == una0);
		ASSERT(e->cw.stats.ack_invalid == before.stats.ack_invalid + 1);
		before.stats.ack_invalid++;
		ASSERT(!memcmp(&before, &e->cw, sizeof(before)));
		return;		/* dropped */
	}
	ASSERT(e->released - una0 == (u32)ret);
	if (e->nxt < e->released)
		e->nxt = e->released;
	ASSERT(e->cw.ssthresh == ssthresh0);
	ASSERT(e->cw.cwnd >= cwnd0);
	ASSERT(e->cw.cwnd <= min_u32(cwnd0 + ret, win(e)));
	if (ret && cwnd0 < ssthresh0)
		ASSERT(e->cw.cwnd > cwnd0);
	if (!ret)
		ASSERT(e->cw.cwnd == cwnd0);

	/* 2: the Ns */
	if (!k->zlb)
		r = rec_new(e->id, true, k->seq, k->ns);
	cls = kl2tp_cw_rx(&e->cw, k->ns, k->zlb, r, now);
	d = (u16)(k->ns - (u16)e->delivered);
	if (k->zlb)
		want = KL2TP_CW_RX_ZLB;
	else if (!d)
		want = KL2TP_CW_RX_IN_ORDER;
	else if (kl2tp_seq_before(k->ns, (u16)e->delivered) ||
		 (d < RXWIN && (e->held_map & (1U << d))))
		want = KL2TP_CW_RX_DUPLICATE;
	else if (d >= RXWIN)
		want = KL2TP_CW_RX_OUT_OF_WINDOW;
	else
		want = KL2TP_CW_RX_OUT_OF_ORDER;
	ASSERT(cls == want);

	switch (cls) {
	case KL2TP_CW_RX_IN_ORDER:
		ASSERT(tainted || k->seq == e->delivered);
		model_deliver(e);
		rec_free(r);
		for (;;) {
			/* @ns may be NULL: then it keeps the right value */
			wants_ns = e->delivered & 1;
			ns = wants_ns ? ~e->delivered : e->delivered;
			if (!kl2tp_cw_rx_next_held(&e->cw, now, &ck,
						   wants_ns ? &ns : NULL))
				break;
			h = rec_check(ck, e->id, true);
			ASSERT(e->held_map & 1);
			ASSERT(h == e->held[e->delivered % RXWIN]);
			ASSERT(ns == (u16)e->delivered && h->ns == ns);
			ASSERT(tainted || h->seq == e->delivered);
			e->held[e->delivered % RXWIN] = NULL;
			model_deliver(e);
			rec_free(h);
		}
		ASSERT(!(e->held_map & 1));
		break;
	case KL2TP_CW_RX_OUT_OF_ORDER:
		ASSERT(!e->held[k->ns % RXWIN]);
		e->held[k->ns % RXWIN] = r;
		e->held_map |= 1U << d;
		break;
	case KL2TP_CW_RX_DUPLICATE:
		owe(e, now);
		rec_free(r);
		break;
	case KL2TP_CW_RX_OUT_OF_WINDOW:
		/* Only a sender told of a window wider than ours does that. */
		ASSERT(tainted || ends[!e->id].wide);
		rec_free(r);
		break;
	default:
		ASSERT(!r);
		break;
	}
}

static void deliver(int i)
{
	struct pkt k = chan_take(i);

	receive(&k);
}

static void purge(struct end *e)
{
	bool held_phase = false;
	struct rec *r;
	int n = 0;
	void *ck;

	while (kl2tp_cw_purge(&e->cw, &ck)) {
		ASSERT(++n <= SLOTS + RXWIN);
		r = ck;
		ASSERT(r && r->magic == REC_MAGIC && r->owner == e->id);
		if (!r->rx) {
			ASSERT(!held_phase);	/* send ring first */
			ASSERT(e->ring[r->seq % SLOTS] == r);
			e->ring[r->seq % SLOTS] = NULL;
		} else {
			held_phase = true;
			ASSERT(e->held[r->ns % RXWIN] == r);
			e->held[r->ns % RXWIN] = NULL;
		}
		rec_free(r);
	}
	/* reset_model() checks that nothing is left. */
}

static void set_rws(struct end *e, u16 v)
{
	static struct kl2tp_cw before;
	u16 cwnd0 = e->cw.cwnd, ssthresh0 = e->cw.ssthresh, w;

	if (!v) {
		memcpy(&before, &e->cw, sizeof(before));
		ASSERT(kl2tp_cw_set_peer_rws(&e->cw, 0) == -EINVAL);
		ASSERT(!memcmp(&before, &e->cw, sizeof(before)));
		return;
	}
	ASSERT(!kl2tp_cw_set_peer_rws(&e->cw, v));
	e->rws = v;
	e->wide |= v > RXWIN;
	w = win(e);
	ASSERT(e->cw.cwnd == min_t(u16, cwnd0, w));
	ASSERT(e->cw.ssthresh ==
	       (e->had_loss ? min_t(u16, ssthresh0, w) : w));
}

static void advance(u64 dt)
{
	if (now - now0 + dt > TIME_BUDGET)
		dt = TIME_BUDGET - (now - now0);
	now += dt;
}

static void pump(void)
{
	int round;

	for (round = 0; round < PUMP_ROUNDS; round++) {
		while (qn)
			deliver(0);
		run_loop(&ends[0]);
		run_loop(&ends[1]);
		if (!qn)
			break;
	}
}

static u32 next_timer(void)
{
	u32 t = NO_TIMEOUT;
	int i;

	for (i = 0; i < 2; i++)
		if (!ends[i].dead)
			t = min_u32(t, kl2tp_cw_next_timeout(&ends[i].cw,
							     now));
	return t;
}

static void run(int rounds)
{
	u64 before;
	u32 t;

	while (rounds--) {
		pump();
		t = next_timer();
		if (t == NO_TIMEOUT)
			break;
		before = now;
		advance(t);
		if (now == before && t)
			break;		/* out of time budget */
		run_loop(&ends[0]);
		run_loop(&ends[1]);
	}
}

static bool all_done(void)
{
	return kl2tp_cw_idle(&ends[0].cw) && kl2tp_cw_idle(&ends[1].cw) &&
	       ends[0].delivered == ends[1].queued &&
	       ends[1].delivered == ends[0].queued;
}

/* An honest lossless channel and the timers finish every exchange. */
static void liveness(void)
{
	int round;
	u32 t;

	for (round = 0; round < LIVE_ROUNDS; round++) {
		while (qn)
			deliver(0);
		run_loop(&ends[0]);
		run_loop(&ends[1]);
		check_end(&ends[0]);
		check_end(&ends[1]);
		if (ends[0].dead || ends[1].dead)
			return;		/* gave up: legal, checked */
		if (qn)
			continue;
		if (all_done())
			return;
		t = next_timer();
		ASSERT(t != NO_TIMEOUT && t);	/* nothing stalls */
		now += t;
	}
	ASSERT(0);
}

static u8 arg(const u8 *data, size_t size, size_t *i)
{
	return *i < size ? data[(*i)++] : 0;
}

static void mutate(u8 op, u8 v, struct pkt *k)
{
	u16 *f = op & OP_END_B ? &k->nr : &k->ns;

	switch ((op >> 5) & 3) {
	case 0:
		*f += (s8)v;
		break;
	case 1:
		*f ^= (u16)(v << 8);
		break;
	case 2:
		*f = v;
		break;
	default:
		*f ^= v;
		break;
	}
	tainted = true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const u64 origins[] = {
		0, 123456, (1ULL << 32) - 5000, (1ULL << 40) - 3000,
	};
	static const u32 units[] = FUZZ_CW_UNITS;
	struct end *e;
	size_t i = FUZZ_CW_HDR;
	u8 op, v;
	int j;

	if (size < FUZZ_CW_HDR)
		return 0;
	now0 = origins[data[0] & 3];
	now = now0;
	qn = 0;
	total_queued = 0;
	tainted = false;
	live_recs = 0;
	for (j = 0; j < 2; j++) {
		memset(&ends[j], 0, sizeof(ends[j]));
		ends[j].id = j;
		configure(&ends[j], data + 1 + 5 * j, data[0] & (4 << j));
	}

	while (i < size) {
		op = data[i++];
		e = &ends[!!(op & OP_END_B)];
		switch (op & 15) {
		case OP_QUEUE:
			do_queue(e, 1 + (op >> 5));
			break;
		case OP_SEND:
			if (op & 0x20)
				run_loop(e);
			else
				send_one(e);	/* dead: -ETIMEDOUT again */
			break;
		case OP_DELIVER:
			v = arg(data, size, &i);
			if (qn)
				deliver(v % qn);
			break;
		case OP_DROP:
			v = arg(data, size, &i);
			if (qn)
				chan_take(v % qn);
			break;
		case OP_DUP:
			v = arg(data, size, &i);
			if (qn && qn < QMAX) {
				q[qn] = q[v % qn];
				qn++;
			}
			break;
		case OP_MUTATE:
			v = arg(data, size, &i);
			if (qn)
				mutate(op, arg(data, size, &i), &q[v % qn]);
			break;
		case OP_WAIT:
			advance((u64)arg(data, size, &i) * units[op >> 5]);
			break;
		case OP_TIMERS:
			if (op & 0x20) {
				run_loop(&ends[0]);
				run_loop(&ends[1]);
			} else {
				run_loop(e);
			}
			break;
		case OP_ZLB:
			if (!e->dead)
				do_zlb(e);
			break;
		case OP_ACK_NOW:
			if (e->dead)
				break;
			kl2tp_cw_ack_now(&e->cw, now);
			if (e->owed && now < e->deadline)
				e->deadline = now;
			break;
		case OP_RWS:
			v = arg(data, size, &i);
			if (!e->dead)
				set_rws(e, op & 0x20 ? 0xff00 | v : v);
			break;
		case OP_PURGE:
			if (op & 0x20) {
				purge(&ends[0]);
				purge(&ends[1]);
				start(&ends[0]);
				start(&ends[1]);
				qn = 0;
				tainted = false;
			} else {
				purge(e);
				start(e);
				tainted = true;
			}
			break;
		case OP_PUMP:
			pump();
			break;
		case OP_RUN:
			run(1 + 8 * (op >> 4));
			break;
		case OP_FIRST:
			if (qn)
				deliver(0);
			break;
		default:
			if (qn)
				deliver(qn - 1);
			break;
		}
		check_end(&ends[0]);
		check_end(&ends[1]);
	}

	if (!tainted && !ends[0].dead && !ends[1].dead)
		liveness();
	/* Teardown: every cookie comes back, once. */
	for (j = 0; j < 2; j++) {
		purge(&ends[j]);
		reset_model(&ends[j]);
	}
	ASSERT(!live_recs);
	return 0;
}
