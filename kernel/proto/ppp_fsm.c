// SPDX-License-Identifier: GPL-2.0
/*
 * The PPP option negotiation automaton (RFC 1661 4). See ppp_fsm.h.
 *
 * Each event has one function below; its switch is one row of the RFC's
 * state transition table (4.1), each case one cell, the actions in the
 * cell's order.
 */
#include "ppp_fsm.h"

void kl2tp_ppp_fsm_params_default(struct kl2tp_ppp_fsm_params *p)
{
	p->restart_ms = KL2TP_PPP_DEF_RESTART;
	p->max_configure = KL2TP_PPP_DEF_MAX_CONFIGURE;
	p->max_terminate = KL2TP_PPP_DEF_MAX_TERMINATE;
	p->max_failure = KL2TP_PPP_DEF_MAX_FAILURE;
}

int kl2tp_ppp_fsm_init(struct kl2tp_ppp_fsm *f,
		       const struct kl2tp_ppp_fsm_proto *proto, void *priv,
		       const struct kl2tp_ppp_fsm_ops *ops, void *owner,
		       struct kl2tp_ppp_io *io,
		       const struct kl2tp_ppp_fsm_params *p)
{
	struct kl2tp_ppp_fsm_params def;

	if (!p) {
		kl2tp_ppp_fsm_params_default(&def);
		p = &def;
	}
	if (!p->restart_ms || !p->max_configure || !p->max_terminate ||
	    !p->max_failure)
		return -EINVAL;
	memset(f, 0, sizeof(*f));
	f->proto = proto;
	f->priv = priv;
	f->ops = ops;
	f->owner = owner;
	f->io = io;
	f->params = *p;
	f->state = KL2TP_PPP_INITIAL;
	return 0;
}

/* The restart timer runs in these states only (RFC 1661 4.2). */
static bool timed_state(u8 state)
{
	return state >= KL2TP_PPP_CLOSING && state <= KL2TP_PPP_ACK_SENT;
}

static bool negotiating(u8 state)
{
	return state >= KL2TP_PPP_REQ_SENT && state <= KL2TP_PPP_ACK_SENT;
}

static void set_state(struct kl2tp_ppp_fsm *f, u8 state)
{
	f->state = state;
	if (!timed_state(state))
		f->timer_on = false;
}

static void timer_start(struct kl2tp_ppp_fsm *f, u64 now)
{
	f->timer_on = true;
	f->timer_at = now + f->params.restart_ms;
}

static void tlu(struct kl2tp_ppp_fsm *f, u64 now)
{
	if (f->ops && f->ops->up)
		f->ops->up(f, now);
}

static void tld(struct kl2tp_ppp_fsm *f, u64 now)
{
	if (f->ops && f->ops->down)
		f->ops->down(f, now);
}

static void tls(struct kl2tp_ppp_fsm *f, u64 now)
{
	if (f->ops && f->ops->started)
		f->ops->started(f, now);
}

static void tlf(struct kl2tp_ppp_fsm *f, u64 now)
{
	if (f->ops && f->ops->finished)
		f->ops->finished(f, now);
}

/* irc for Configure-Request and for Terminate-Request */
static void irc_conf(struct kl2tp_ppp_fsm *f)
{
	f->restart = f->params.max_configure;
}

static void irc_term(struct kl2tp_ppp_fsm *f)
{
	f->restart = f->params.max_terminate;
}

/* zrc: zero restart counter, and give the peer one restart period. */
static void zrc(struct kl2tp_ppp_fsm *f, u64 now)
{
	f->restart = 0;
	timer_start(f, now);
}

int kl2tp_ppp_fsm_send_cp(struct kl2tp_ppp_fsm *f, u8 code, u8 id,
			  const void *data, size_t len,
			  const void *data2, size_t len2, bool truncate)
{
	struct kl2tp_ppp_io *io = f->io;
	struct kl2tp_ppp_buf b;
	size_t room;

	kl2tp_ppp_io_begin(io, &b, f->proto->proto);
	kl2tp_ppp_cp_begin(&b, code, id);
	if (truncate && !b.err) {
		room = b.cap - b.len;
		if (io->peer_mru < KL2TP_PPP_CP_HDR_LEN)
			room = 0;
		else if ((size_t)io->peer_mru - KL2TP_PPP_CP_HDR_LEN < room)
			room = (size_t)io->peer_mru - KL2TP_PPP_CP_HDR_LEN;
		if (len > room)
			len = room;
		if (len2 > room - len)
			len2 = room - len;
	}
	kl2tp_ppp_put(&b, data, len);
	kl2tp_ppp_put(&b, data2, len2);
	kl2tp_ppp_cp_end(&b);
	return kl2tp_ppp_io_send(io, &b);
}

/* scr: Send-Configure-Request */
static void scr(struct kl2tp_ppp_fsm *f, u64 now)
{
	struct kl2tp_ppp_buf b;
	size_t start;

	if (!negotiating(f->state)) {
		/* A new negotiation: start over from our configuration. */
		f->proto->reset(f);
		f->naks_sent = 0;
		f->naks_rcvd = 0;
	}
	f->reqid = ++f->id;
	f->replied = false;
	kl2tp_ppp_io_begin(f->io, &b, f->proto->proto);
	kl2tp_ppp_cp_begin(&b, KL2TP_PPP_CONF_REQ, f->reqid);
	start = b.len;
	f->proto->build_req(f, &b);
	if (!b.err && b.len - start > KL2TP_PPP_FSM_REQ_MAX)
		b.err = -EMSGSIZE;
	kl2tp_ppp_cp_end(&b);
	if (!b.err) {
		f->req_len = (u8)(b.len - start);
		memcpy(f->req, b.buf + start, f->req_len);
		kl2tp_ppp_io_send(f->io, &b);
	} else {
		/* Not sent: no reply can match it; the timer tries again. */
		f->req_len = 0;
		f->replied = true;
	}
	if (f->restart)
		f->restart--;
	timer_start(f, now);
}

/* str: Send-Terminate-Request, saying why in its Data. */
static void str(struct kl2tp_ppp_fsm *f, u64 now)
{
	const char *why = kl2tp_ppp_reason_name(f->reason);

	kl2tp_ppp_fsm_send_cp(f, KL2TP_PPP_TERM_REQ, ++f->id, why,
			      strlen(why), NULL, 0, true);
	if (f->restart)
		f->restart--;
	timer_start(f, now);
}

/* sta: Send-Terminate-Ack */
static void sta(struct kl2tp_ppp_fsm *f, u8 id)
{
	kl2tp_ppp_fsm_send_cp(f, KL2TP_PPP_TERM_ACK, id, NULL, 0, NULL, 0,
			      false);
}

/* scj: Send-Code-Reject quoting the packet (RFC 1661 5.6) */
static void scj(struct kl2tp_ppp_fsm *f, const u8 *pkt, size_t len)
{
	kl2tp_ppp_fsm_send_cp(f, KL2TP_PPP_CODE_REJ, ++f->id, pkt, len,
			      NULL, 0, true);
}

void kl2tp_ppp_fsm_up(struct kl2tp_ppp_fsm *f, u64 now)
{
	switch (f->state) {
	case KL2TP_PPP_INITIAL:
		set_state(f, KL2TP_PPP_CLOSED);
		break;
	case KL2TP_PPP_STARTING:
		irc_conf(f);
		scr(f, now);
		set_state(f, KL2TP_PPP_REQ_SENT);
		break;
	default:
		break;
	}
}

void kl2tp_ppp_fsm_down(struct kl2tp_ppp_fsm *f, u64 now)
{
	if (f->state > KL2TP_PPP_STARTING)
		f->reason = KL2TP_PPP_R_LOWER_DOWN;
	switch (f->state) {
	case KL2TP_PPP_CLOSED:
	case KL2TP_PPP_CLOSING:
		set_state(f, KL2TP_PPP_INITIAL);
		break;
	case KL2TP_PPP_STOPPED:
		tls(f, now);
		set_state(f, KL2TP_PPP_STARTING);
		break;
	case KL2TP_PPP_STOPPING:
	case KL2TP_PPP_REQ_SENT:
	case KL2TP_PPP_ACK_RCVD:
	case KL2TP_PPP_ACK_SENT:
		set_state(f, KL2TP_PPP_STARTING);
		break;
	case KL2TP_PPP_OPENED:
		tld(f, now);
		set_state(f, KL2TP_PPP_STARTING);
		break;
	default:
		break;
	}
}

void kl2tp_ppp_fsm_open(struct kl2tp_ppp_fsm *f, u64 now)
{
	switch (f->state) {
	case KL2TP_PPP_INITIAL:
		f->reason = KL2TP_PPP_R_NONE;
		tls(f, now);
		set_state(f, KL2TP_PPP_STARTING);
		break;
	case KL2TP_PPP_CLOSED:
		f->reason = KL2TP_PPP_R_NONE;
		irc_conf(f);
		scr(f, now);
		set_state(f, KL2TP_PPP_REQ_SENT);
		break;
	case KL2TP_PPP_CLOSING:
		set_state(f, KL2TP_PPP_STOPPING);
		break;
	default:
		/* Starting, Stopped, Stopping, Req-Sent..Opened: stay */
		break;
	}
}

void kl2tp_ppp_fsm_close(struct kl2tp_ppp_fsm *f, u64 now, int reason)
{
	f->reason = reason;
	switch (f->state) {
	case KL2TP_PPP_STARTING:
		set_state(f, KL2TP_PPP_INITIAL);
		tlf(f, now);
		break;
	case KL2TP_PPP_STOPPED:
		set_state(f, KL2TP_PPP_CLOSED);
		break;
	case KL2TP_PPP_STOPPING:
		set_state(f, KL2TP_PPP_CLOSING);
		break;
	case KL2TP_PPP_OPENED:
		tld(f, now);
		fallthrough;
	case KL2TP_PPP_REQ_SENT:
	case KL2TP_PPP_ACK_RCVD:
	case KL2TP_PPP_ACK_SENT:
		irc_term(f);
		str(f, now);
		set_state(f, KL2TP_PPP_CLOSING);
		break;
	default:
		/* Initial, Closed, Closing: stay */
		break;
	}
}

static void timeout(struct kl2tp_ppp_fsm *f, u64 now)
{
	if (f->restart) {			/* TO+ */
		switch (f->state) {
		case KL2TP_PPP_CLOSING:
		case KL2TP_PPP_STOPPING:
			str(f, now);
			break;
		case KL2TP_PPP_REQ_SENT:
		case KL2TP_PPP_ACK_SENT:
			scr(f, now);
			break;
		case KL2TP_PPP_ACK_RCVD:
			scr(f, now);
			set_state(f, KL2TP_PPP_REQ_SENT);
			break;
		default:
			break;
		}
		return;
	}
	switch (f->state) {			/* TO- */
	case KL2TP_PPP_CLOSING:
		set_state(f, KL2TP_PPP_CLOSED);
		tlf(f, now);
		break;
	case KL2TP_PPP_STOPPING:
		set_state(f, KL2TP_PPP_STOPPED);
		tlf(f, now);
		break;
	case KL2TP_PPP_REQ_SENT:
	case KL2TP_PPP_ACK_RCVD:
	case KL2TP_PPP_ACK_SENT:
		f->reason = KL2TP_PPP_R_TIMEOUT;
		set_state(f, KL2TP_PPP_STOPPED);
		tlf(f, now);
		break;
	default:
		break;
	}
}

u32 kl2tp_ppp_fsm_next_timeout(const struct kl2tp_ppp_fsm *f, u64 now)
{
	u64 left;

	if (!f->timer_on)
		return KL2TP_PPP_NO_TIMEOUT;
	if (f->timer_at <= now)
		return 0;
	left = f->timer_at - now;
	return left >= KL2TP_PPP_NO_TIMEOUT ? KL2TP_PPP_NO_TIMEOUT - 1 :
					      (u32)left;
}

void kl2tp_ppp_fsm_timer(struct kl2tp_ppp_fsm *f, u64 now)
{
	if (!f->timer_on || now < f->timer_at)
		return;
	f->timer_on = false;
	timeout(f, now);
}

/* Receive-Configure-Request (RCR+ / RCR-) */
static int rcr(struct kl2tp_ppp_fsm *f, u64 now, const struct kl2tp_ppp_cp *cp)
{
	struct kl2tp_ppp_reply r;
	struct kl2tp_ppp_buf b;
	bool ack;

	if (kl2tp_ppp_opts_valid(cp->data, cp->len))
		return -EBADMSG;
	/* Room for the reply, a few Nak'd values longer than asked. */
	if (cp->len + KL2TP_PPP_HDR_LEN + KL2TP_PPP_CP_HDR_LEN + 32 >
	    f->io->tx_cap)
		return -EPROTO;

	switch (f->state) {
	case KL2TP_PPP_CLOSED:
		sta(f, cp->id);
		return 0;
	case KL2TP_PPP_CLOSING:
	case KL2TP_PPP_STOPPING:
		return 0;
	case KL2TP_PPP_OPENED:
		tld(f, now);
		scr(f, now);
		break;
	case KL2TP_PPP_STOPPED:
		irc_conf(f);
		scr(f, now);
		break;
	default:
		break;
	}

	kl2tp_ppp_io_begin(f->io, &b, f->proto->proto);
	kl2tp_ppp_cp_begin(&b, KL2TP_PPP_CONF_ACK, cp->id);
	r.b = &b;
	r.start = b.len;
	r.code = KL2TP_PPP_CONF_ACK;
	r.reject_only = f->naks_sent >= f->params.max_failure;
	f->proto->rx_req(f, cp->data, cp->len, &r);
	if (!b.err)
		b.buf[b.cp] = r.code;
	kl2tp_ppp_cp_end(&b);
	kl2tp_ppp_io_send(f->io, &b);
	ack = r.code == KL2TP_PPP_CONF_ACK;
	/* RFC 1661 4.6: Naks sent without sending an Ack */
	if (ack)
		f->naks_sent = 0;
	else if (r.code == KL2TP_PPP_CONF_NAK && f->naks_sent < 0xff)
		f->naks_sent++;

	if (f->state == KL2TP_PPP_ACK_RCVD) {
		if (ack) {				/* sca, tlu/9 */
			set_state(f, KL2TP_PPP_OPENED);
			tlu(f, now);
		}					/* scn/7 */
		return 0;
	}
	/* Stopped, Req-Sent, Ack-Sent, Opened: sca/8 or scn/6 */
	set_state(f, ack ? KL2TP_PPP_ACK_SENT : KL2TP_PPP_REQ_SENT);
	return 0;
}

/* Is this a reply to our last Configure-Request, the first one? */
static bool reply_expected(const struct kl2tp_ppp_fsm *f, u8 id)
{
	return id == f->reqid && !f->replied;
}

/* Receive-Configure-Ack (RCA) */
static int rca(struct kl2tp_ppp_fsm *f, u64 now, const struct kl2tp_ppp_cp *cp)
{
	switch (f->state) {
	case KL2TP_PPP_CLOSED:
	case KL2TP_PPP_STOPPED:
		sta(f, cp->id);
		return 0;
	case KL2TP_PPP_CLOSING:
	case KL2TP_PPP_STOPPING:
		return 0;
	default:
		break;
	}
	if (!reply_expected(f, cp->id) || cp->len != f->req_len ||
	    memcmp(cp->data, f->req, cp->len))
		return -EPROTO;
	f->replied = true;
	f->naks_rcvd = 0;
	if (f->proto->rx_ack)
		f->proto->rx_ack(f, cp->data, cp->len);

	switch (f->state) {
	case KL2TP_PPP_REQ_SENT:
		irc_conf(f);
		set_state(f, KL2TP_PPP_ACK_RCVD);
		break;
	case KL2TP_PPP_ACK_RCVD:		/* crossed connection */
		scr(f, now);
		set_state(f, KL2TP_PPP_REQ_SENT);
		break;
	case KL2TP_PPP_ACK_SENT:
		irc_conf(f);
		set_state(f, KL2TP_PPP_OPENED);
		tlu(f, now);
		break;
	case KL2TP_PPP_OPENED:
		tld(f, now);
		scr(f, now);
		set_state(f, KL2TP_PPP_REQ_SENT);
		break;
	default:
		break;
	}
	return 0;
}

/*
 * A Configure-Reject must list options of our last request, each exactly
 * as sent, in the order sent (RFC 1661 5.4).
 */
static bool rej_valid(const struct kl2tp_ppp_fsm *f, const u8 *opts,
		      size_t len)
{
	const u8 *q = f->req;
	size_t qleft = f->req_len;
	struct kl2tp_ppp_opt o, m;
	int ret;

	if (!len)
		return false;
	while ((ret = kl2tp_ppp_opt_next(&opts, &len, &o)) > 0) {
		for (;;) {
			if (kl2tp_ppp_opt_next(&q, &qleft, &m) <= 0)
				return false;
			if (m.type == o.type && m.len == o.len &&
			    !memcmp(m.val, o.val, o.len))
				break;
		}
	}
	return ret == 0;
}

/* Receive-Configure-Nak/Rej (RCN) */
static int rcn(struct kl2tp_ppp_fsm *f, u64 now, const struct kl2tp_ppp_cp *cp)
{
	int ret;

	switch (f->state) {
	case KL2TP_PPP_CLOSED:
	case KL2TP_PPP_STOPPED:
		sta(f, cp->id);
		return 0;
	case KL2TP_PPP_CLOSING:
	case KL2TP_PPP_STOPPING:
		return 0;
	default:
		break;
	}
	if (!reply_expected(f, cp->id))
		return -EPROTO;
	if (kl2tp_ppp_opts_valid(cp->data, cp->len))
		return -EBADMSG;
	if (cp->code == KL2TP_PPP_CONF_REJ) {
		if (!rej_valid(f, cp->data, cp->len))
			return -EPROTO;
		ret = f->proto->rx_rej(f, cp->data, cp->len);
	} else {
		ret = f->proto->rx_nak(f, cp->data, cp->len);
	}
	if (ret < 0)
		return -EPROTO;
	f->replied = true;
	if (!ret && f->naks_rcvd++ >= f->params.max_configure)
		ret = KL2TP_PPP_R_NEGOTIATION;
	if (ret) {
		kl2tp_ppp_fsm_close(f, now, ret);
		return 0;
	}

	switch (f->state) {
	case KL2TP_PPP_REQ_SENT:
		irc_conf(f);
		scr(f, now);
		break;
	case KL2TP_PPP_ACK_RCVD:		/* crossed connection */
		scr(f, now);
		set_state(f, KL2TP_PPP_REQ_SENT);
		break;
	case KL2TP_PPP_ACK_SENT:
		irc_conf(f);
		scr(f, now);
		break;
	case KL2TP_PPP_OPENED:
		tld(f, now);
		scr(f, now);
		set_state(f, KL2TP_PPP_REQ_SENT);
		break;
	default:
		break;
	}
	return 0;
}

/* Receive-Terminate-Request (RTR) */
static void rtr(struct kl2tp_ppp_fsm *f, u64 now, const struct kl2tp_ppp_cp *cp)
{
	switch (f->state) {
	case KL2TP_PPP_REQ_SENT:
	case KL2TP_PPP_ACK_RCVD:
	case KL2TP_PPP_ACK_SENT:
		sta(f, cp->id);
		set_state(f, KL2TP_PPP_REQ_SENT);
		break;
	case KL2TP_PPP_OPENED:
		f->reason = KL2TP_PPP_R_PEER_TERMINATE;
		tld(f, now);
		zrc(f, now);
		sta(f, cp->id);
		set_state(f, KL2TP_PPP_STOPPING);
		break;
	default:
		/* Closed, Stopped, Closing, Stopping: sta, stay */
		sta(f, cp->id);
		break;
	}
}

/* Receive-Terminate-Ack (RTA) */
static void rta(struct kl2tp_ppp_fsm *f, u64 now)
{
	switch (f->state) {
	case KL2TP_PPP_CLOSING:
		set_state(f, KL2TP_PPP_CLOSED);
		tlf(f, now);
		break;
	case KL2TP_PPP_STOPPING:
		set_state(f, KL2TP_PPP_STOPPED);
		tlf(f, now);
		break;
	case KL2TP_PPP_ACK_RCVD:
		set_state(f, KL2TP_PPP_REQ_SENT);
		break;
	case KL2TP_PPP_OPENED:
		tld(f, now);
		scr(f, now);
		set_state(f, KL2TP_PPP_REQ_SENT);
		break;
	default:
		/* Closed, Stopped, Req-Sent, Ack-Sent: stay */
		break;
	}
}

void kl2tp_ppp_fsm_rxj(struct kl2tp_ppp_fsm *f, u64 now, bool catastrophic)
{
	if (!catastrophic) {			/* RXJ+ */
		if (f->state == KL2TP_PPP_ACK_RCVD)
			set_state(f, KL2TP_PPP_REQ_SENT);
		return;
	}
	switch (f->state) {			/* RXJ- */
	case KL2TP_PPP_CLOSED:
	case KL2TP_PPP_CLOSING:
		f->reason = KL2TP_PPP_R_REJECTED;
		set_state(f, KL2TP_PPP_CLOSED);
		tlf(f, now);
		break;
	case KL2TP_PPP_STOPPED:
	case KL2TP_PPP_STOPPING:
	case KL2TP_PPP_REQ_SENT:
	case KL2TP_PPP_ACK_RCVD:
	case KL2TP_PPP_ACK_SENT:
		f->reason = KL2TP_PPP_R_REJECTED;
		set_state(f, KL2TP_PPP_STOPPED);
		tlf(f, now);
		break;
	case KL2TP_PPP_OPENED:
		f->reason = KL2TP_PPP_R_REJECTED;
		tld(f, now);
		irc_term(f);
		str(f, now);
		set_state(f, KL2TP_PPP_STOPPING);
		break;
	default:
		break;
	}
}

int kl2tp_ppp_fsm_input(struct kl2tp_ppp_fsm *f, u64 now, const u8 *pkt,
			size_t len)
{
	struct kl2tp_ppp_cp cp;
	int ret;

	if (kl2tp_ppp_cp_parse(&cp, pkt, len)) {
		f->rx_dropped++;
		return -EBADMSG;
	}
	/* The lower layer is not up: nothing can arrive (RFC 1661 4.1). */
	if (f->state <= KL2TP_PPP_STARTING) {
		f->rx_dropped++;
		return -EPROTO;
	}

	switch (cp.code) {
	case KL2TP_PPP_CONF_REQ:
		ret = rcr(f, now, &cp);
		break;
	case KL2TP_PPP_CONF_ACK:
		ret = rca(f, now, &cp);
		break;
	case KL2TP_PPP_CONF_NAK:
	case KL2TP_PPP_CONF_REJ:
		ret = rcn(f, now, &cp);
		break;
	case KL2TP_PPP_TERM_REQ:
		rtr(f, now, &cp);
		ret = 0;
		break;
	case KL2TP_PPP_TERM_ACK:
		rta(f, now);
		ret = 0;
		break;
	case KL2TP_PPP_CODE_REJ:
		/* The rejected packet starts with its code. */
		if (!cp.len) {
			ret = -EBADMSG;
			break;
		}
		kl2tp_ppp_fsm_rxj(f, now, cp.data[0] >= KL2TP_PPP_CONF_REQ &&
				  cp.data[0] <= KL2TP_PPP_CODE_REJ);
		ret = 0;
		break;
	default:
		ret = -EOPNOTSUPP;
		if (f->proto->rx_other)
			ret = f->proto->rx_other(f, now, &cp);
		if (ret == -EOPNOTSUPP) {		/* RUC */
			scj(f, pkt, KL2TP_PPP_CP_HDR_LEN + cp.len);
			ret = 0;
		}
		break;
	}
	if (ret)
		f->rx_dropped++;
	return ret;
}

void kl2tp_ppp_reply_ack(struct kl2tp_ppp_reply *r,
			 const struct kl2tp_ppp_opt *o)
{
	if (r->code != KL2TP_PPP_CONF_ACK)
		return;
	kl2tp_ppp_put(r->b, o->raw, o->len + KL2TP_PPP_OPT_HDR_LEN);
}

/* Raise the reply to @code, dropping what lower verdicts wrote. */
static bool reply_raise(struct kl2tp_ppp_reply *r, u8 code)
{
	if (r->code > code)
		return false;
	if (r->code < code) {
		if (!r->b->err)
			r->b->len = r->start;
		r->code = code;
	}
	return true;
}

void kl2tp_ppp_reply_rej(struct kl2tp_ppp_reply *r,
			 const struct kl2tp_ppp_opt *o)
{
	if (reply_raise(r, KL2TP_PPP_CONF_REJ))
		kl2tp_ppp_put(r->b, o->raw, o->len + KL2TP_PPP_OPT_HDR_LEN);
}

void kl2tp_ppp_reply_nak(struct kl2tp_ppp_reply *r,
			 const struct kl2tp_ppp_opt *o, u8 type,
			 const void *val, size_t len)
{
	if (r->reject_only) {
		if (o)
			kl2tp_ppp_reply_rej(r, o);
		return;
	}
	if (reply_raise(r, KL2TP_PPP_CONF_NAK))
		kl2tp_ppp_put_opt(r->b, type, val, len);
}

const char *kl2tp_ppp_state_name(int state)
{
	static const char * const names[] = {
		[KL2TP_PPP_INITIAL] = "Initial",
		[KL2TP_PPP_STARTING] = "Starting",
		[KL2TP_PPP_CLOSED] = "Closed",
		[KL2TP_PPP_STOPPED] = "Stopped",
		[KL2TP_PPP_CLOSING] = "Closing",
		[KL2TP_PPP_STOPPING] = "Stopping",
		[KL2TP_PPP_REQ_SENT] = "Req-Sent",
		[KL2TP_PPP_ACK_RCVD] = "Ack-Rcvd",
		[KL2TP_PPP_ACK_SENT] = "Ack-Sent",
		[KL2TP_PPP_OPENED] = "Opened",
	};

	if (state >= 0 && state < (int)ARRAY_SIZE(names))
		return names[state];
	return "unknown";
}

const char *kl2tp_ppp_reason_name(int reason)
{
	static const char * const names[] = {
		[KL2TP_PPP_R_NONE] = "none",
		[KL2TP_PPP_R_ADMIN] = "administrative close",
		[KL2TP_PPP_R_LOWER_DOWN] = "lower layer down",
		[KL2TP_PPP_R_PEER_TERMINATE] = "peer terminated",
		[KL2TP_PPP_R_TIMEOUT] = "peer not responding",
		[KL2TP_PPP_R_NEGOTIATION] = "negotiation failed",
		[KL2TP_PPP_R_REJECTED] = "protocol rejected by peer",
		[KL2TP_PPP_R_LOOPBACK] = "link looped back",
		[KL2TP_PPP_R_ECHO_TIMEOUT] = "echo timeout",
		[KL2TP_PPP_R_AUTH_REFUSED] = "authentication refused",
		[KL2TP_PPP_R_AUTH_FAILED] = "authentication failed",
		[KL2TP_PPP_R_AUTH_TIMEOUT] = "authentication timeout",
		[KL2TP_PPP_R_PEER_AUTH_FAILED] = "peer refused our credentials",
		[KL2TP_PPP_R_NO_ADDRESS] = "no address",
		[KL2TP_PPP_R_NO_NCP] = "no network protocol",
	};

	if (reason >= 0 && reason < (int)ARRAY_SIZE(names))
		return names[reason];
	return "unknown";
}
