// SPDX-License-Identifier: GPL-2.0
/*
 * Reliable delivery of L2TPv2 control messages: sequence numbers, send
 * window, retransmission, congestion control, reordering and acks.
 * The model and every function's contract are in ctrl_window.h.
 */
#include "ctrl_window.h"

#define TX_MASK		(KL2TP_CW_TX_SLOTS - 1)
#define RX_MASK		(KL2TP_CW_RX_WIN - 1)
#define SEQ_HALF	0x8000

/* Ring indexing by Ns % size needs sizes that divide 2^16. */
static_assert((KL2TP_CW_TX_SLOTS & TX_MASK) == 0 &&
	      KL2TP_CW_TX_SLOTS <= 256, "TX_SLOTS: a power of 2, <= 256");
static_assert((KL2TP_CW_RX_WIN & RX_MASK) == 0 && KL2TP_CW_RX_WIN >= 2 &&
	      KL2TP_CW_RX_WIN <= 16, "RX_WIN: a power of 2, fits held_map");

/* Distance from b forward to a, modulo 2^16. */
static u16 seq_dist(u16 a, u16 b)
{
	return (u16)(a - b);
}

static u16 tx_window(const struct kl2tp_cw *cw)
{
	u16 rws = min_t(u16, cw->params.peer_rws, KL2TP_CW_TX_SLOTS);

	return min_t(u16, cw->cwnd, rws);
}

/* RTO(n) = min(rto_init * 2^n, rto_max), without overflow. */
static u32 rto(const struct kl2tp_cw *cw, unsigned int n)
{
	u32 t = cw->params.rto_init;

	while (n-- && t < cw->params.rto_max)
		t = t > cw->params.rto_max / 2 ? cw->params.rto_max : t * 2;
	return min_t(u32, t, cw->params.rto_max);
}

/* Time left until @stamp + @delay, 0 if past; 32-bit wrap-safe. */
static u32 left_until(u32 stamp, u32 delay, u64 now)
{
	s32 left = (s32)(stamp + delay - (u32)now);

	return left > 0 ? (u32)left : 0;
}

/* Time left on the retransmission timer; KL2TP_CW_NO_TIMEOUT if idle. */
static u32 rtx_left(const struct kl2tp_cw *cw, u64 now)
{
	unsigned int i = cw->una & TX_MASK;

	if (cw->dead || cw->nxt == cw->una)
		return KL2TP_CW_NO_TIMEOUT;
	return left_until(cw->tx[i].last_tx, rto(cw, cw->retries[i]), now);
}

static bool params_valid(const struct kl2tp_cw_params *p)
{
	return p->rto_init && p->rto_max >= p->rto_init &&
	       p->rto_max <= KL2TP_CW_TIME_LIMIT &&
	       p->ack_delay <= KL2TP_CW_TIME_LIMIT && p->peer_rws;
}

void kl2tp_cw_params_default(struct kl2tp_cw_params *p)
{
	memset(p, 0, sizeof(*p));
	p->rto_init = KL2TP_CW_DEF_RTO;
	p->rto_max = KL2TP_CW_DEF_RTO_MAX;
	p->ack_delay = KL2TP_CW_DEF_ACK_DELAY;
	p->peer_rws = KL2TP_CW_DEF_RWS;
	p->max_retries = KL2TP_CW_DEF_RETRIES;
	p->ack_every = KL2TP_CW_DEF_ACK_EVERY;
}

int kl2tp_cw_init(struct kl2tp_cw *cw, const struct kl2tp_cw_params *p)
{
	struct kl2tp_cw_params def;

	if (!p) {
		kl2tp_cw_params_default(&def);
		p = &def;
	}
	if (!params_valid(p))
		return -EINVAL;
	memset(cw, 0, sizeof(*cw));
	cw->params = *p;
	cw->cwnd = 1;
	cw->ssthresh = min_t(u16, p->peer_rws, KL2TP_CW_TX_SLOTS);
	return 0;
}

int kl2tp_cw_set_peer_rws(struct kl2tp_cw *cw, u16 rws)
{
	u16 win = min_t(u16, rws, KL2TP_CW_TX_SLOTS);

	if (!rws)
		return -EINVAL;
	cw->params.peer_rws = rws;
	if (!cw->had_loss)
		cw->ssthresh = win;
	else
		cw->ssthresh = min_t(u16, cw->ssthresh, win);
	if (cw->cwnd > win) {
		cw->cwnd = win;
		cw->ca_acked = 0;
	}
	return 0;
}

int kl2tp_cw_queue(struct kl2tp_cw *cw, void *cookie, u16 *ns)
{
	struct kl2tp_cw_slot *s;
	unsigned int i;

	if (cw->dead)
		return -ETIMEDOUT;
	if (kl2tp_cw_pending(cw) >= KL2TP_CW_TX_SLOTS)
		return -ENOBUFS;
	i = cw->tail & TX_MASK;
	s = &cw->tx[i];
	s->cookie = cookie;
	s->first_tx = 0;
	s->last_tx = 0;
	cw->retries[i] = 0;
	if (ns)
		*ns = cw->tail;
	cw->tail++;
	return 0;
}

/* Sending anything stamped with rx_nr acknowledges all delivered so far. */
static void ack_sent(struct kl2tp_cw *cw)
{
	cw->ack_owed = false;
	cw->rx_unacked = 0;
}

/* The oldest message in flight timed out: presume all in flight lost. */
static void on_timeout(struct kl2tp_cw *cw)
{
	cw->ssthresh = max_t(u16, cw->cwnd / 2, 1);
	cw->cwnd = 1;
	cw->ca_acked = 0;
	cw->nxt = cw->una;
	cw->had_loss = true;
	cw->stats.timeouts++;
}

int kl2tp_cw_next_tx(struct kl2tp_cw *cw, u64 now, struct kl2tp_cw_tx *tx)
{
	struct kl2tp_cw_slot *s;
	unsigned int i;
	u16 ns;

	if (cw->dead)
		return -ETIMEDOUT;
	if (cw->nxt != cw->una && !rtx_left(cw, now)) {
		i = cw->una & TX_MASK;
		if (cw->retries[i] >= cw->params.max_retries) {
			cw->dead = true;
			return -ETIMEDOUT;
		}
		cw->retries[i]++;
		on_timeout(cw);
	}
	if (cw->nxt == cw->tail || seq_dist(cw->nxt, cw->una) >= tx_window(cw))
		return 0;

	ns = cw->nxt++;
	s = &cw->tx[ns & TX_MASK];
	tx->retransmit = seq_dist(ns, cw->una) < seq_dist(cw->high, cw->una);
	if (tx->retransmit) {
		cw->stats.retransmits++;
	} else {
		cw->high++;
		s->first_tx = (u32)now;
		cw->stats.tx++;
	}
	s->last_tx = (u32)now;
	tx->cookie = s->cookie;
	tx->ns = ns;
	tx->nr = cw->rx_nr;
	ack_sent(cw);
	return 1;
}

/* One more message acknowledged: RFC 2661 Appendix A window growth. */
static void cwnd_grow(struct kl2tp_cw *cw)
{
	u16 win = min_t(u16, cw->params.peer_rws, KL2TP_CW_TX_SLOTS);

	if (cw->cwnd >= win) {
		cw->cwnd = win;
		cw->ca_acked = 0;
	} else if (cw->cwnd < cw->ssthresh) {
		cw->cwnd++;
	} else if (++cw->ca_acked >= cw->cwnd) {
		cw->ca_acked = 0;
		cw->cwnd++;
	}
}

/* Cursors that una overtook (acked or purged) move up with it. */
static void fix_cursors(struct kl2tp_cw *cw)
{
	u16 pending = seq_dist(cw->tail, cw->una);

	if (seq_dist(cw->high, cw->una) > pending)
		cw->high = cw->una;
	if (seq_dist(cw->nxt, cw->una) > pending)
		cw->nxt = cw->una;
}

int kl2tp_cw_ack(struct kl2tp_cw *cw, u16 nr, kl2tp_cw_release_t release,
		 void *ctx)
{
	u16 n = seq_dist(nr, cw->una);
	struct kl2tp_cw_slot *s;
	void *cookie;
	u16 k;

	if (n > seq_dist(cw->high, cw->una)) {
		if (n >= SEQ_HALF)
			return 0;	/* stale: at or before una */
		cw->stats.ack_invalid++;
		return -EINVAL;
	}
	for (k = 0; k < n; k++) {
		s = &cw->tx[cw->una & TX_MASK];
		cookie = s->cookie;
		s->cookie = NULL;
		cw->una++;
		cwnd_grow(cw);
		if (release)
			release(ctx, cookie);
	}
	fix_cursors(cw);
	cw->stats.acked += n;
	return n;
}

/* Owe the peer an ack, due by @deadline (an earlier one stands). */
static void owe_ack(struct kl2tp_cw *cw, u64 deadline)
{
	if (!cw->ack_owed || deadline < cw->ack_deadline)
		cw->ack_deadline = deadline;
	cw->ack_owed = true;
}

static void deliver(struct kl2tp_cw *cw, u64 now)
{
	cw->rx_nr++;
	cw->held_map >>= 1;
	cw->stats.rx++;
	if (cw->rx_unacked < 0xffff)
		cw->rx_unacked++;
	if (cw->params.ack_every && cw->rx_unacked >= cw->params.ack_every)
		owe_ack(cw, now);
	else
		owe_ack(cw, now + cw->params.ack_delay);
}

enum kl2tp_cw_rx_class kl2tp_cw_rx(struct kl2tp_cw *cw, u16 ns, bool is_zlb,
				   void *cookie, u64 now)
{
	u16 d = seq_dist(ns, cw->rx_nr);

	if (is_zlb) {
		cw->stats.rx_zlb++;
		return KL2TP_CW_RX_ZLB;
	}
	if (!d) {
		deliver(cw, now);
		return KL2TP_CW_RX_IN_ORDER;
	}
	if (d >= SEQ_HALF ||
	    (d < KL2TP_CW_RX_WIN && (cw->held_map & (1U << d)))) {
		cw->stats.rx_dup++;
		owe_ack(cw, now);
		return KL2TP_CW_RX_DUPLICATE;
	}
	if (d >= KL2TP_CW_RX_WIN) {
		cw->stats.rx_out_of_window++;
		return KL2TP_CW_RX_OUT_OF_WINDOW;
	}
	cw->held_map |= 1U << d;
	cw->held[ns & RX_MASK] = cookie;
	cw->stats.rx_ooo++;
	return KL2TP_CW_RX_OUT_OF_ORDER;
}

bool kl2tp_cw_rx_next_held(struct kl2tp_cw *cw, u64 now, void **cookie,
			   u16 *ns)
{
	unsigned int i = cw->rx_nr & RX_MASK;

	if (!(cw->held_map & 1))
		return false;
	*cookie = cw->held[i];
	cw->held[i] = NULL;
	if (ns)
		*ns = cw->rx_nr;
	deliver(cw, now);
	return true;
}

u32 kl2tp_cw_ack_due(const struct kl2tp_cw *cw, u64 now)
{
	u64 left;

	if (!cw->ack_owed)
		return KL2TP_CW_NO_TIMEOUT;
	if (cw->ack_deadline <= now)
		return 0;
	left = cw->ack_deadline - now;
	return left < KL2TP_CW_NO_TIMEOUT ? (u32)left : KL2TP_CW_NO_TIMEOUT - 1;
}

void kl2tp_cw_ack_now(struct kl2tp_cw *cw, u64 now)
{
	if (cw->ack_owed && now < cw->ack_deadline)
		cw->ack_deadline = now;
}

void kl2tp_cw_zlb(struct kl2tp_cw *cw, struct kl2tp_cw_tx *tx)
{
	tx->cookie = NULL;
	tx->ns = cw->high;
	tx->nr = cw->rx_nr;
	tx->retransmit = false;
	ack_sent(cw);
	cw->stats.zlb_tx++;
}

u32 kl2tp_cw_next_timeout(const struct kl2tp_cw *cw, u64 now)
{
	return min_t(u32, rtx_left(cw, now), kl2tp_cw_ack_due(cw, now));
}

bool kl2tp_cw_idle(const struct kl2tp_cw *cw)
{
	return cw->una == cw->tail;
}

u32 kl2tp_cw_linger(const struct kl2tp_cw *cw)
{
	unsigned int n;
	u32 sum = 0;

	for (n = 0; n <= cw->params.max_retries; n++)
		sum += rto(cw, n);
	return sum;
}

u32 kl2tp_cw_oldest_age(const struct kl2tp_cw *cw, u64 now)
{
	if (cw->high == cw->una)
		return 0;
	return (u32)now - cw->tx[cw->una & TX_MASK].first_tx;
}

bool kl2tp_cw_purge(struct kl2tp_cw *cw, void **cookie)
{
	struct kl2tp_cw_slot *s;
	unsigned int i;

	if (cw->una != cw->tail) {
		s = &cw->tx[cw->una & TX_MASK];
		*cookie = s->cookie;
		s->cookie = NULL;
		cw->una++;
		fix_cursors(cw);
		return true;
	}
	for (i = 0; i < KL2TP_CW_RX_WIN; i++) {
		if (cw->held_map & (1U << i)) {
			cw->held_map &= ~(1U << i);
			*cookie = cw->held[(cw->rx_nr + i) & RX_MASK];
			cw->held[(cw->rx_nr + i) & RX_MASK] = NULL;
			return true;
		}
	}
	return false;
}
