/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Reliable delivery of L2TPv2 control messages (RFC 2661 5.8, Appendix A).
 *
 * One struct kl2tp_cw per control connection. It is pure bookkeeping: it
 * never allocates, sleeps, locks or reads a clock. The caller serialises
 * every call (the tunnel's mutex), owns the message buffers and passes
 * the time in. The engine decides what to send, when, and with which Ns
 * and Nr; the caller builds and transmits the packets.
 *
 * Time: a u64 count of milliseconds from any monotonic origin, never going
 * backwards (for example jiffies64_to_msecs(get_jiffies_64())). Any other
 * unit works if every parameter is given in that unit. Send times are kept
 * as 32-bit stamps, so a message must not stay in flight for 24 days.
 *
 * Sequence numbers are 16 bits and compared modulo 2^16: a value in the
 * 32767 values after x is "after x", one in the 32768 values up to and
 * including x is "at or before x" (RFC 2661 5.8).
 *
 * Send side
 * ---------
 * Messages live in a ring of KL2TP_CW_TX_SLOTS slots holding consecutive
 * Ns values. Four cursors split the ring, in sequence order:
 *
 *	una ........ nxt ........ high ........ tail
 *	| in flight  | presumed   | queued,      |
 *	| (sent, not | lost, to   | never sent   |
 *	|  acked)    | resend     |              |
 *
 * kl2tp_cw_queue() appends at tail: the message takes its Ns at once and
 * keeps it across every retransmission. kl2tp_cw_next_tx() sends the slot
 * at nxt (a retransmission if it is before high) while fewer than
 * min(CWND, peer RWS) messages are in flight. An acknowledgment (any Nr
 * received) frees the slots before Nr and advances una.
 *
 * Retransmission (RFC 2661 5.8): one timer, on the oldest message in
 * flight (una). It is due RTO(n) after that message was last sent, where n
 * counts how many times its timer already expired and RTO(n) =
 * min(rto_init * 2^n, rto_max): 1, 2, 4, 8, 8, 8 s by default. When it
 * expires everything in flight is presumed lost (nxt = una, go-back-N:
 * without selective acks a lost message usually takes the ones after it
 * with it, since many peers drop out-of-order messages), SSTHRESH =
 * max(CWND / 2, 1), CWND = 1, and the oldest message is sent again. When it
 * expires for a message whose timer already expired max_retries times, the
 * peer is unreachable: the engine turns dead and every later call to
 * kl2tp_cw_next_tx() returns -ETIMEDOUT. With the defaults that is 31 s
 * after the first transmission (1+2+4+8+8+8): see kl2tp_cw_linger().
 *
 * Congestion control (RFC 2661 Appendix A): CWND starts at 1 and SSTHRESH
 * at the peer's RWS. Each message newly acknowledged adds 1 to CWND while
 * CWND < SSTHRESH (slow start) and 1/CWND otherwise (congestion avoidance:
 * a counter adds 1 to CWND once CWND messages are acknowledged). CWND never
 * exceeds min(peer RWS, KL2TP_CW_TX_SLOTS).
 *
 * Receive side
 * ------------
 * rx_nr is the Ns expected next, the Nr stamped on everything sent. A
 * message with Ns == rx_nr is delivered and advances rx_nr; one up to
 * KL2TP_CW_RX_WIN - 1 ahead is held (the engine keeps the caller's cookie)
 * and released in order by kl2tp_cw_rx_next_held() once the gap fills. A
 * ZLB carries the Ns of the next message its sender will send but does not
 * consume it: it is never delivered or held, only its Nr is processed. The
 * Receive Window Size AVP we advertise is KL2TP_CW_RX_WIN.
 *
 * Acknowledgments: delivering a message owes the peer an ack. Any message
 * kl2tp_cw_next_tx() returns carries it (piggyback); otherwise a ZLB must
 * be sent when kl2tp_cw_ack_due() reaches 0: ack_delay after the first
 * unacknowledged delivery, at once after ack_every deliveries, and at once
 * on a duplicate (our previous ack was probably lost). Processing is
 * synchronous in the kernel, so a reply to a request is normally queued
 * before the ZLB would go and carries the ack instead.
 *
 * Caller's loop
 * -------------
 * On a received control message (header parsed, tunnel found):
 *	1. kl2tp_cw_ack(nr): -EINVAL means the peer acknowledged an Ns we
 *	   never sent: drop the message (the engine did not change).
 *	2. kl2tp_cw_rx(ns): IN_ORDER: process it, then process each message
 *	   kl2tp_cw_rx_next_held() returns; OUT_OF_ORDER: the engine now
 *	   holds the buffer's cookie; DUPLICATE, OUT_OF_WINDOW, ZLB: free it.
 * After that, after queueing, and when the timer fires:
 *	3. while kl2tp_cw_next_tx() returns 1: stamp ns/nr into the buffer
 *	   (Nr changes between retransmissions, Ns does not) and send a copy;
 *	   -ETIMEDOUT: tear the tunnel down.
 *	4. if kl2tp_cw_ack_due() is 0: kl2tp_cw_zlb() and send a ZLB.
 *	5. arm the one timer for kl2tp_cw_next_timeout() (none if
 *	   KL2TP_CW_NO_TIMEOUT).
 * A transmission that fails locally is simply a loss: the timer recovers.
 *
 * After sending StopCCN, keep the connection until kl2tp_cw_idle() or for
 * kl2tp_cw_linger(), whichever comes first, still acking the peer's
 * retransmissions (RFC 2661 5.7). kl2tp_cw_purge() hands back every buffer
 * still owned by the engine before the tunnel is freed.
 */
#ifndef KL2TP_PROTO_CTRL_WINDOW_H
#define KL2TP_PROTO_CTRL_WINDOW_H

#include "platform.h"

/* Send ring size: caps messages queued + unacknowledged, and the window. */
#define KL2TP_CW_TX_SLOTS	32
/* Our Receive Window Size: messages held out of order + the expected one. */
#define KL2TP_CW_RX_WIN		16

/* Defaults (RFC 2661 5.8 where it gives one); times in milliseconds. */
#define KL2TP_CW_DEF_RWS	4	/* peer sent no Receive Window Size */
#define KL2TP_CW_DEF_RTO	1000
#define KL2TP_CW_DEF_RTO_MAX	8000	/* RFC: cap no lower than 8 s */
#define KL2TP_CW_DEF_RETRIES	5
#define KL2TP_CW_DEF_ACK_DELAY	200
#define KL2TP_CW_DEF_ACK_EVERY	2

/* Upper bound accepted for rto_max and ack_delay (10 minutes). */
#define KL2TP_CW_TIME_LIMIT	600000

/* "No timer needed" from kl2tp_cw_next_timeout() and kl2tp_cw_ack_due(). */
#define KL2TP_CW_NO_TIMEOUT	((u32)~0U)

/**
 * struct kl2tp_cw_params - tunables of one control connection
 * @rto_init: first retransmission timeout (> 0)
 * @rto_max: backoff cap (>= @rto_init, <= KL2TP_CW_TIME_LIMIT); the RFC
 *	wants at least 8 s, lower values are for tests
 * @ack_delay: longest wait for a piggyback before a ZLB acks a delivery
 *	(<= KL2TP_CW_TIME_LIMIT; 0 acks every delivery at once)
 * @peer_rws: the peer's Receive Window Size (> 0); the window used is
 *	min(@peer_rws, KL2TP_CW_TX_SLOTS)
 * @max_retries: retransmission timeouts of one message before the peer is
 *	declared unreachable (0: give up at the first timeout)
 * @ack_every: ack at once after this many unacknowledged deliveries
 *	(0: only @ack_delay applies)
 */
struct kl2tp_cw_params {
	u32 rto_init;
	u32 rto_max;
	u32 ack_delay;
	u16 peer_rws;
	u8 max_retries;
	u8 ack_every;
};

/**
 * struct kl2tp_cw_stats - counters, never reset but by kl2tp_cw_init()
 * @tx: messages transmitted for the first time
 * @retransmits: retransmissions (after a timeout, of the oldest message and
 *	of those resent behind it)
 * @timeouts: retransmission timer expiries
 * @acked: messages acknowledged by the peer
 * @ack_invalid: Nr values rejected: they acknowledged an Ns never sent
 * @zlb_tx: ZLB acks handed out by kl2tp_cw_zlb()
 * @rx: messages delivered in order (directly or released from hold)
 * @rx_zlb: ZLBs received
 * @rx_dup: duplicates: already delivered, or already held
 * @rx_ooo: messages held out of order
 * @rx_out_of_window: messages dropped, too far ahead
 */
struct kl2tp_cw_stats {
	u64 tx;
	u64 retransmits;
	u64 timeouts;
	u64 acked;
	u64 ack_invalid;
	u64 zlb_tx;
	u64 rx;
	u64 rx_zlb;
	u64 rx_dup;
	u64 rx_ooo;
	u64 rx_out_of_window;
};

/**
 * struct kl2tp_cw_slot - one message of the send ring
 * @cookie: the caller's handle on the message buffer
 * @first_tx: low 32 bits of the time of the first transmission
 * @last_tx: low 32 bits of the time of the latest transmission
 *
 * The slot's retry count is kl2tp_cw.retries[] at the same index (kept
 * apart so that a slot is 16 bytes).
 */
struct kl2tp_cw_slot {
	void *cookie;
	u32 first_tx;
	u32 last_tx;
};

/**
 * struct kl2tp_cw - reliable delivery state of one control connection
 *
 * Fixed size, no pointers into itself: it may be embedded, copied before
 * first use, and used under a spinlock. Fields are readable (for stats and
 * tests); change them only through the functions below.
 *
 * @params: tunables, validated
 * @stats: counters
 * @ack_deadline: when the owed ack must go out as a ZLB (if @ack_owed)
 * @una: oldest unacknowledged Ns
 * @nxt: next slot to transmit; [una, nxt) is in flight
 * @high: first Ns never transmitted; [nxt, high) awaits retransmission
 * @tail: Ns the next queued message takes; [high, tail) never sent
 * @cwnd: congestion window, in messages
 * @ssthresh: slow start threshold
 * @ca_acked: messages acknowledged towards the next CWND increment in
 *	congestion avoidance
 * @rx_nr: next Ns expected from the peer, the Nr we send
 * @rx_unacked: deliveries not yet acknowledged to the peer
 * @held_map: bit i set: Ns rx_nr + i is held in @held
 * @ack_owed: the peer is owed an acknowledgment
 * @had_loss: a retransmission timer expired at least once
 * @dead: retries exhausted; only kl2tp_cw_purge() is still useful
 * @tx: send ring, indexed by Ns % KL2TP_CW_TX_SLOTS
 * @retries: per send slot, how many times the retransmission timer expired
 *	for its message
 * @held: cookies of messages held out of order, by Ns % KL2TP_CW_RX_WIN
 */
struct kl2tp_cw {
	struct kl2tp_cw_params params;
	struct kl2tp_cw_stats stats;
	u64 ack_deadline;
	u16 una;
	u16 nxt;
	u16 high;
	u16 tail;
	u16 cwnd;
	u16 ssthresh;
	u16 ca_acked;
	u16 rx_nr;
	u16 rx_unacked;
	u16 held_map;
	bool ack_owed;
	bool had_loss;
	bool dead;
	struct kl2tp_cw_slot tx[KL2TP_CW_TX_SLOTS];
	u8 retries[KL2TP_CW_TX_SLOTS];
	void *held[KL2TP_CW_RX_WIN];
};

/**
 * struct kl2tp_cw_tx - what to transmit now
 * @cookie: the message (NULL for a ZLB)
 * @ns: Ns to put in the header
 * @nr: Nr to put in the header
 * @retransmit: the message was sent before
 */
struct kl2tp_cw_tx {
	void *cookie;
	u16 ns;
	u16 nr;
	bool retransmit;
};

/**
 * enum kl2tp_cw_rx_class - what kl2tp_cw_rx() made of a message
 * @KL2TP_CW_RX_IN_ORDER: the one expected: process it now
 * @KL2TP_CW_RX_ZLB: a ZLB: nothing to process or keep
 * @KL2TP_CW_RX_DUPLICATE: delivered or held already: drop it (an ack is
 *	now due at once)
 * @KL2TP_CW_RX_OUT_OF_ORDER: ahead within our window: the engine holds
 *	its cookie until kl2tp_cw_rx_next_held() or kl2tp_cw_purge() returns it
 * @KL2TP_CW_RX_OUT_OF_WINDOW: too far ahead: drop it
 */
enum kl2tp_cw_rx_class {
	KL2TP_CW_RX_IN_ORDER,
	KL2TP_CW_RX_ZLB,
	KL2TP_CW_RX_DUPLICATE,
	KL2TP_CW_RX_OUT_OF_ORDER,
	KL2TP_CW_RX_OUT_OF_WINDOW,
};

/* Called once per acknowledged message, oldest first; must not re-enter. */
typedef void (*kl2tp_cw_release_t)(void *ctx, void *cookie);

/* Modular sequence comparison (RFC 2661 5.8). */
static inline bool kl2tp_seq_before(u16 a, u16 b)
{
	return (s16)(u16)(a - b) < 0;
}

static inline bool kl2tp_seq_after(u16 a, u16 b)
{
	return kl2tp_seq_before(b, a);
}

/**
 * kl2tp_cw_params_default() - fill @p with the defaults (KL2TP_CW_DEF_*)
 * @p: parameters to fill
 */
void kl2tp_cw_params_default(struct kl2tp_cw_params *p);

/**
 * kl2tp_cw_init() - start a control connection: Ns and Nr 0, nothing queued
 * @cw: state to initialise (fully overwritten)
 * @p: tunables, or NULL for the defaults
 *
 * Return: 0, or -EINVAL if @p breaks a limit of struct kl2tp_cw_params
 * (then @cw is untouched).
 */
int kl2tp_cw_init(struct kl2tp_cw *cw, const struct kl2tp_cw_params *p);

/**
 * kl2tp_cw_set_peer_rws() - the peer's Receive Window Size AVP arrived
 * @cw: connection
 * @rws: its value
 *
 * CWND is clipped to the new window; SSTHRESH follows it until the first
 * timeout, and is clipped to it afterwards.
 *
 * Return: 0, or -EINVAL for 0 (nothing changed).
 */
int kl2tp_cw_set_peer_rws(struct kl2tp_cw *cw, u16 rws);

/**
 * kl2tp_cw_queue() - append a message to the send ring
 * @cw: connection
 * @cookie: the caller's handle on the buffer, given back by next_tx, the
 *	release callback of kl2tp_cw_ack() and kl2tp_cw_purge()
 * @ns: where to store the Ns the message takes (may be NULL)
 *
 * The message is not sent yet: call kl2tp_cw_next_tx().
 *
 * Return: 0; -ENOBUFS if all KL2TP_CW_TX_SLOTS slots are taken (the caller
 * keeps it on its own backlog, or fails); -ETIMEDOUT if @cw is dead.
 */
int kl2tp_cw_queue(struct kl2tp_cw *cw, void *cookie, u16 *ns);

/**
 * kl2tp_cw_next_tx() - the next message to put on the wire now, if any
 * @cw: connection
 * @now: current time
 * @tx: filled when 1 is returned
 *
 * Runs the retransmission timer first. The caller sends the message with
 * @tx->ns and @tx->nr, which also acknowledges everything received so far
 * (the owed ack is cleared), and calls again until 0.
 *
 * Return: 1 with @tx filled; 0 if nothing may be sent now (nothing queued,
 * or the window is full); -ETIMEDOUT if retries are exhausted (from then
 * on, always).
 */
int kl2tp_cw_next_tx(struct kl2tp_cw *cw, u64 now, struct kl2tp_cw_tx *tx);

/**
 * kl2tp_cw_ack() - process the Nr of a received message (ZLBs included)
 * @cw: connection
 * @nr: the Nr received
 * @release: called with each message acknowledged, oldest first (or NULL)
 * @ctx: first argument of @release
 *
 * Frees every slot with Ns before @nr and grows CWND. An Nr at or before
 * una is stale (reordered or duplicated packet) and changes nothing.
 *
 * Return: how many messages this acknowledged (0 included), or -EINVAL if
 * @nr acknowledges an Ns not yet sent: the engine is then unchanged but for
 * stats.ack_invalid, and @release was not called.
 */
int kl2tp_cw_ack(struct kl2tp_cw *cw, u16 nr, kl2tp_cw_release_t release,
		 void *ctx);

/**
 * kl2tp_cw_rx() - classify the Ns of a received message
 * @cw: connection
 * @ns: its Ns
 * @is_zlb: it carries no AVP
 * @cookie: its buffer, kept by the engine only for KL2TP_CW_RX_OUT_OF_ORDER
 * @now: current time, to schedule the ack
 *
 * Return: its class (enum kl2tp_cw_rx_class); only IN_ORDER advances Nr.
 */
enum kl2tp_cw_rx_class kl2tp_cw_rx(struct kl2tp_cw *cw, u16 ns, bool is_zlb,
				   void *cookie, u64 now);

/**
 * kl2tp_cw_rx_next_held() - a held message that is now in order
 * @cw: connection
 * @now: current time, to schedule the ack
 * @cookie: its cookie, as given to kl2tp_cw_rx()
 * @ns: its Ns (may be NULL)
 *
 * Call after each IN_ORDER delivery until it returns false; every message
 * it returns is delivered (Nr advances past it).
 *
 * Return: true with @cookie set, false if Ns rx_nr is not held.
 */
bool kl2tp_cw_rx_next_held(struct kl2tp_cw *cw, u64 now, void **cookie,
			   u16 *ns);

/**
 * kl2tp_cw_ack_due() - when the owed ack must go out as a ZLB
 * @cw: connection
 * @now: current time
 *
 * Return: 0 if a ZLB must be sent now, the time left if an ack is owed
 * later, KL2TP_CW_NO_TIMEOUT if none is owed.
 */
u32 kl2tp_cw_ack_due(const struct kl2tp_cw *cw, u64 now);

/**
 * kl2tp_cw_ack_now() - the owed ack, if any, is due now
 * @cw: connection
 * @now: current time
 *
 * For a delivery the peer waits on before it goes on (an ICCN): no delayed
 * ack. kl2tp_cw_ack_due() then returns 0 until an ack is sent.
 */
void kl2tp_cw_ack_now(struct kl2tp_cw *cw, u64 now);

/**
 * kl2tp_cw_zlb() - Ns and Nr for a ZLB ack, which clears the owed ack
 * @cw: connection
 * @tx: filled: cookie NULL, ns = first Ns never sent (not consumed),
 *	nr = rx_nr, retransmit false
 *
 * May be called any time (an explicit ack); the ZLB is never retransmitted.
 */
void kl2tp_cw_zlb(struct kl2tp_cw *cw, struct kl2tp_cw_tx *tx);

/**
 * kl2tp_cw_next_timeout() - time until the engine next needs the caller
 * @cw: connection
 * @now: current time
 *
 * The earlier of the retransmission timer and the ack deadline; the
 * caller then runs steps 3 and 4 of its loop (see the top of this file).
 * Changes after every call that changes @cw, so re-arm after each.
 *
 * Return: time left (0: already due), or KL2TP_CW_NO_TIMEOUT.
 */
u32 kl2tp_cw_next_timeout(const struct kl2tp_cw *cw, u64 now);

/**
 * kl2tp_cw_idle() - nothing queued or awaiting acknowledgment
 * @cw: connection
 *
 * Return: true when every message queued was acknowledged.
 */
bool kl2tp_cw_idle(const struct kl2tp_cw *cw);

/**
 * kl2tp_cw_linger() - longest time a message may stay unacknowledged
 * @cw: connection
 *
 * The sum of RTO(0) .. RTO(max_retries): from a message's first
 * transmission to the timeout that declares the peer unreachable, if the
 * message is the oldest in flight all along (31 s with the defaults). How
 * long to keep a tunnel after StopCCN (RFC 2661 5.7).
 *
 * Return: that duration.
 */
u32 kl2tp_cw_linger(const struct kl2tp_cw *cw);

/**
 * kl2tp_cw_oldest_age() - how long the oldest unacknowledged message has
 * been waiting since its first transmission
 * @cw: connection
 * @now: current time
 *
 * Return: that age, 0 if no transmitted message awaits acknowledgment.
 */
u32 kl2tp_cw_oldest_age(const struct kl2tp_cw *cw, u64 now);

/**
 * kl2tp_cw_purge() - take back one buffer the engine still holds
 * @cw: connection
 * @cookie: set to its cookie
 *
 * For teardown: call until false, freeing each buffer. Send-ring messages
 * come first, then held ones. Afterwards @cw is empty but only fit for
 * kl2tp_cw_init().
 *
 * Return: true with @cookie set, false when nothing is left.
 */
bool kl2tp_cw_purge(struct kl2tp_cw *cw, void **cookie);

/* Messages queued or unacknowledged, and free send slots. */
static inline unsigned int kl2tp_cw_pending(const struct kl2tp_cw *cw)
{
	return (u16)(cw->tail - cw->una);
}

static inline unsigned int kl2tp_cw_space(const struct kl2tp_cw *cw)
{
	return KL2TP_CW_TX_SLOTS - kl2tp_cw_pending(cw);
}

#endif /* KL2TP_PROTO_CTRL_WINDOW_H */
