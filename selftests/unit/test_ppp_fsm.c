// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of the PPP option negotiation automaton (kernel/proto/
 * ppp_fsm.c): every cell of the RFC 1661 4.1 state transition table, the
 * restart counter with Max-Configure, Max-Terminate and Max-Failure,
 * validation of Acks and Rejects, Code-Reject truncation, and two automata
 * negotiating with each other.
 *
 * A toy protocol stands in for LCP: our request is one option of type 1;
 * the peer's options of type 1 are Acked, of type 2 Nak'd, others
 * Rejected; Echo-Request (9) is answered in Opened (RXR), Echo-Reply and
 * Discard-Request are dropped, other extra codes are unknown (RUC).
 */
#include "ppp_cp.h"
#include "ppp_fsm.h"

#define PROTO	0x8123

/* What the automaton did, in order: "tld,scr,sca". */
struct rec {
	char acts[256];
	int nsent;
	u8 last[256];
	size_t last_len;
	int resets;
	int nak_ret;			/* what rx_nak / rx_rej return */
};

static void act(struct rec *r, const char *a)
{
	if (r->acts[0])
		strcat(r->acts, ",");
	strcat(r->acts, a);
}

static void rec_send(void *ctx, const u8 *frame, size_t len)
{
	static const char * const names[] = {
		"?", "scr", "sca", "scn", "scn", "str", "sta", "scj",
		"?", "?", "ser",
	};
	struct rec *r = ctx;
	u8 code = len > 4 ? frame[4] : 0;

	act(r, code < ARRAY_SIZE(names) ? names[code] : "?");
	r->nsent++;
	r->last_len = len < sizeof(r->last) ? len : sizeof(r->last);
	memcpy(r->last, frame, r->last_len);
}

static void rec_random(void *ctx, void *buf, size_t len)
{
	memset(buf, 0x5a, len);
}

static struct rec *rec_of(struct kl2tp_ppp_fsm *f)
{
	return f->io->ctx;
}

static void toy_reset(struct kl2tp_ppp_fsm *f)
{
	rec_of(f)->resets++;
}

static void toy_build(struct kl2tp_ppp_fsm *f, struct kl2tp_ppp_buf *b)
{
	kl2tp_ppp_put_opt_u16(b, 1, 0x1234);
}

static void toy_rx_req(struct kl2tp_ppp_fsm *f, const u8 *opts, size_t len,
		       struct kl2tp_ppp_reply *r)
{
	struct kl2tp_ppp_opt o;
	u8 v[2] = { 0, 1 };

	while (kl2tp_ppp_opt_next(&opts, &len, &o) > 0) {
		if (o.type == 1)
			kl2tp_ppp_reply_ack(r, &o);
		else if (o.type == 2)
			kl2tp_ppp_reply_nak(r, &o, 2, v, 2);
		else
			kl2tp_ppp_reply_rej(r, &o);
	}
}

static int toy_rx_nak(struct kl2tp_ppp_fsm *f, const u8 *opts, size_t len)
{
	return rec_of(f)->nak_ret;
}

static int toy_rx_other(struct kl2tp_ppp_fsm *f, u64 now,
			const struct kl2tp_ppp_cp *cp)
{
	switch (cp->code) {
	case KL2TP_PPP_ECHO_REQ:
		if (kl2tp_ppp_fsm_opened(f))
			kl2tp_ppp_fsm_send_cp(f, KL2TP_PPP_ECHO_REP, cp->id,
					      cp->data, cp->len, NULL, 0, true);
		return 0;
	case KL2TP_PPP_ECHO_REP:
	case KL2TP_PPP_DISC_REQ:
		return 0;
	default:
		return -EOPNOTSUPP;
	}
}

static const struct kl2tp_ppp_fsm_proto toy = {
	.proto = PROTO,
	.name = "toy",
	.reset = toy_reset,
	.build_req = toy_build,
	.rx_req = toy_rx_req,
	.rx_nak = toy_rx_nak,
	.rx_rej = toy_rx_nak,
	.rx_other = toy_rx_other,
};

static void ev_up(struct kl2tp_ppp_fsm *f, u64 now)
{
	act(rec_of(f), "tlu");
}

static void ev_down(struct kl2tp_ppp_fsm *f, u64 now)
{
	act(rec_of(f), "tld");
}

static void ev_started(struct kl2tp_ppp_fsm *f, u64 now)
{
	act(rec_of(f), "tls");
}

static void ev_finished(struct kl2tp_ppp_fsm *f, u64 now)
{
	act(rec_of(f), "tlf");
}

static const struct kl2tp_ppp_fsm_ops layer = {
	.up = ev_up,
	.down = ev_down,
	.started = ev_started,
	.finished = ev_finished,
};

struct env {
	struct rec rec;
	struct kl2tp_ppp_io io;
	struct kl2tp_ppp_fsm f;
	u8 tx[1600];
};

static void env_init(struct env *e)
{
	memset(e, 0, sizeof(*e));
	e->io.tx = e->tx;
	e->io.tx_cap = sizeof(e->tx);
	e->io.peer_mru = 1500;
	e->io.send = rec_send;
	e->io.random = rec_random;
	e->io.ctx = &e->rec;
	kl2tp_ppp_fsm_init(&e->f, &toy, NULL, &layer, NULL, &e->io, NULL);
}

static void clear(struct env *e)
{
	e->rec.acts[0] = 0;
	e->rec.nsent = 0;
}

/* Feed one control packet: code, id, data. */
static int feed(struct env *e, u64 now, u8 code, u8 id, const void *data,
		size_t len)
{
	return cp_feed_at(&e->f, now, code, id, data, len);
}

enum ev {
	EV_UP, EV_DOWN, EV_OPEN, EV_CLOSE, EV_TOP, EV_TOM, EV_RCRP, EV_RCRM,
	EV_RCA, EV_RCN, EV_RTR, EV_RTA, EV_RUC, EV_RXJP, EV_RXJM, EV_RXR,
	EV_N
};

static const char * const ev_names[EV_N] = {
	"Up", "Down", "Open", "Close", "TO+", "TO-", "RCR+", "RCR-",
	"RCA", "RCN", "RTR", "RTA", "RUC", "RXJ+", "RXJ-", "RXR",
};

/*
 * RFC 1661 4.1, column by state 0..9. "-": cannot happen, ignored.
 * "r" (restart option) and "p" (passive option) cells are read without the
 * option, "x" (crossed connection) cells as written.
 */
static const char * const table[EV_N][10] = {
	[EV_UP] = { "2", "irc,scr/6", "-", "-", "-", "-", "-", "-", "-",
		    "-" },
	[EV_DOWN] = { "-", "-", "0", "tls/1", "0", "1", "1", "1", "1",
		      "tld/1" },
	[EV_OPEN] = { "tls/1", "1", "irc,scr/6", "3", "5", "5", "6", "7",
		      "8", "9" },
	[EV_CLOSE] = { "0", "tlf/0", "2", "2", "4", "4", "irc,str/4",
		       "irc,str/4", "irc,str/4", "tld,irc,str/4" },
	[EV_TOP] = { "-", "-", "-", "-", "str/4", "str/5", "scr/6", "scr/6",
		     "scr/8", "-" },
	[EV_TOM] = { "-", "-", "-", "-", "tlf/2", "tlf/3", "tlf/3", "tlf/3",
		     "tlf/3", "-" },
	[EV_RCRP] = { "-", "-", "sta/2", "irc,scr,sca/8", "4", "5", "sca/8",
		      "sca,tlu/9", "sca/8", "tld,scr,sca/8" },
	[EV_RCRM] = { "-", "-", "sta/2", "irc,scr,scn/6", "4", "5", "scn/6",
		      "scn/7", "scn/6", "tld,scr,scn/6" },
	[EV_RCA] = { "-", "-", "sta/2", "sta/3", "4", "5", "irc/7", "scr/6",
		     "irc,tlu/9", "tld,scr/6" },
	[EV_RCN] = { "-", "-", "sta/2", "sta/3", "4", "5", "irc,scr/6",
		     "scr/6", "irc,scr/8", "tld,scr/6" },
	[EV_RTR] = { "-", "-", "sta/2", "sta/3", "sta/4", "sta/5", "sta/6",
		     "sta/6", "sta/6", "tld,zrc,sta/5" },
	[EV_RTA] = { "-", "-", "2", "3", "tlf/2", "tlf/3", "6", "6", "8",
		     "tld,scr/6" },
	[EV_RUC] = { "-", "-", "scj/2", "scj/3", "scj/4", "scj/5", "scj/6",
		     "scj/7", "scj/8", "scj/9" },
	[EV_RXJP] = { "-", "-", "2", "3", "4", "5", "6", "6", "8", "9" },
	[EV_RXJM] = { "-", "-", "tlf/2", "tlf/3", "tlf/2", "tlf/3", "tlf/3",
		      "tlf/3", "tlf/3", "tld,irc,str/5" },
	[EV_RXR] = { "-", "-", "2", "3", "4", "5", "6", "7", "8", "ser/9" },
};

static void inject(struct env *e, enum ev ev, u64 now)
{
	static const u8 opt_ack[] = { 1, 4, 0x12, 0x34 };
	static const u8 opt_nak[] = { 2, 4, 0, 0 };
	static const u8 rej_cr[] = { 1, 1, 0, 4 };
	static const u8 rej_echo[] = { 9, 1, 0, 8, 0, 0, 0, 0 };
	static const u8 magic[] = { 0, 0, 0, 0, 'h', 'i' };
	struct kl2tp_ppp_fsm *f = &e->f;

	switch (ev) {
	case EV_UP:
		kl2tp_ppp_fsm_up(f, now);
		break;
	case EV_DOWN:
		kl2tp_ppp_fsm_down(f, now);
		break;
	case EV_OPEN:
		kl2tp_ppp_fsm_open(f, now);
		break;
	case EV_CLOSE:
		kl2tp_ppp_fsm_close(f, now, KL2TP_PPP_R_ADMIN);
		break;
	case EV_TOP:
	case EV_TOM:
		f->timer_on = true;
		f->timer_at = now;
		f->restart = ev == EV_TOP ? 5 : 0;
		kl2tp_ppp_fsm_timer(f, now);
		break;
	case EV_RCRP:
		feed(e, now, KL2TP_PPP_CONF_REQ, 0x41, opt_ack,
		     sizeof(opt_ack));
		break;
	case EV_RCRM:
		feed(e, now, KL2TP_PPP_CONF_REQ, 0x42, opt_nak,
		     sizeof(opt_nak));
		break;
	case EV_RCA:
		feed(e, now, KL2TP_PPP_CONF_ACK, f->reqid, f->req, f->req_len);
		break;
	case EV_RCN:
		feed(e, now, KL2TP_PPP_CONF_NAK, f->reqid, opt_nak,
		     sizeof(opt_nak));
		break;
	case EV_RTR:
		feed(e, now, KL2TP_PPP_TERM_REQ, 0x43, NULL, 0);
		break;
	case EV_RTA:
		feed(e, now, KL2TP_PPP_TERM_ACK, 0x44, NULL, 0);
		break;
	case EV_RUC:
		feed(e, now, 0x30, 0x45, NULL, 0);
		break;
	case EV_RXJP:
		feed(e, now, KL2TP_PPP_CODE_REJ, 0x46, rej_echo,
		     sizeof(rej_echo));
		break;
	case EV_RXJM:
		feed(e, now, KL2TP_PPP_CODE_REJ, 0x47, rej_cr, sizeof(rej_cr));
		break;
	default:
		feed(e, now, KL2TP_PPP_ECHO_REQ, 0x48, magic, sizeof(magic));
		break;
	}
}

static int count(const char *acts, const char *a)
{
	int n = 0;
	size_t l = strlen(a);

	for (; (acts = strstr(acts, a)); acts += l)
		n++;
	return n;
}

/* @want without "irc" and "zrc", which are checked on the counter. */
static void visible(const char *want, char *out)
{
	char tmp[128], *tok, *save = NULL;

	out[0] = 0;
	snprintf(tmp, sizeof(tmp), "%s", want);
	for (tok = strtok_r(tmp, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save)) {
		if (!strcmp(tok, "irc") || !strcmp(tok, "zrc"))
			continue;
		if (out[0])
			strcat(out, ",");
		strcat(out, tok);
	}
}

UNIT_TEST(t_table)
{
	struct env e;
	int ev, st;

	for (ev = 0; ev < EV_N; ev++) {
		for (st = 0; st < 10; st++) {
			const char *cell = table[ev][st];
			const char *slash = strchr(cell, '/');
			char want_acts[128], acts[128], got_acts[256];
			int want_state, nscr, nstr, want_restart;
			u8 before = 5;
			bool ok;

			env_init(&e);
			/* A Configure-Request on record, then the state. */
			kl2tp_ppp_fsm_open(&e.f, 0);
			kl2tp_ppp_fsm_up(&e.f, 0);
			e.f.state = st;
			e.f.replied = false;
			e.f.restart = before;
			e.f.timer_on = st >= KL2TP_PPP_CLOSING &&
				       st <= KL2TP_PPP_ACK_SENT;
			clear(&e);

			if (!strcmp(cell, "-")) {
				snprintf(acts, sizeof(acts), "%s", "");
				want_state = st;
			} else if (slash) {
				snprintf(acts, sizeof(acts), "%.*s",
					 (int)(slash - cell), cell);
				want_state = atoi(slash + 1);
			} else {
				acts[0] = 0;
				want_state = atoi(cell);
			}
			visible(acts, want_acts);

			inject(&e, ev, 100);
			if (ev == EV_TOM)
				before = 0;
			snprintf(got_acts, sizeof(got_acts), "%s", e.rec.acts);

			nscr = count(want_acts, "scr");
			nstr = count(want_acts, "str");
			if (strstr(acts, "zrc"))
				want_restart = 0;
			else if (strstr(acts, "irc"))
				want_restart = (nstr ? e.f.params.max_terminate :
					e.f.params.max_configure) - nscr - nstr;
			else
				want_restart = before - nscr - nstr;

			ok = !strcmp(got_acts, want_acts) &&
			     e.f.state == want_state &&
			     e.f.restart == want_restart;
			if (!ok) {
				fprintf(stderr,
					"  %s in %s: got \"%s\"/%d restart %d, want \"%s\"/%d restart %d\n",
					ev_names[ev], kl2tp_ppp_state_name(st),
					got_acts, e.f.state, e.f.restart,
					cell, want_state, want_restart);
			}
			CHECK(ok);
			/* The restart timer runs exactly where it should. */
			ok = true;
			if (e.f.timer_on != (e.f.state >= KL2TP_PPP_CLOSING &&
					     e.f.state <= KL2TP_PPP_ACK_SENT)) {
				fprintf(stderr, "  %s in %s: timer %d in %s\n",
					ev_names[ev], kl2tp_ppp_state_name(st),
					e.f.timer_on,
					kl2tp_ppp_state_name(e.f.state));
				ok = false;
			}
			CHECK(ok);
			if (strstr(acts, "zrc"))
				CHECK(e.f.timer_on && e.f.timer_at == 100 +
				      KL2TP_PPP_DEF_RESTART);
		}
	}
}

/* The replies carry the right codes, identifiers and options. */
UNIT_TEST(t_replies)
{
	static const u8 mixed[] = { 1, 4, 0x12, 0x34, 2, 4, 0, 0, 9, 2 };
	static const u8 naks[] = { 1, 4, 0x12, 0x34, 2, 3, 7 };
	struct env e;

	env_init(&e);
	kl2tp_ppp_fsm_open(&e.f, 0);
	kl2tp_ppp_fsm_up(&e.f, 0);
	CHECK_EQ(e.rec.nsent, 1);
	CHECK_EQ(kl2tp_get_be16(e.rec.last + 2), PROTO);
	CHECK_EQ(e.rec.last[4], KL2TP_PPP_CONF_REQ);
	CHECK_EQ(e.rec.last[5], e.f.reqid);
	CHECK_EQ(e.f.req_len, 4);
	CHECK_EQ(e.rec.resets, 1);

	/* Reject wins over Nak and Ack: only the rejected option. */
	clear(&e);
	CHECK_EQ(feed(&e, 0, KL2TP_PPP_CONF_REQ, 77, mixed, sizeof(mixed)), 0);
	CHECK(!strcmp(e.rec.acts, "scn"));
	CHECK_EQ(e.rec.last[4], KL2TP_PPP_CONF_REJ);
	CHECK_EQ(e.rec.last[5], 77);
	CHECK_EQ(kl2tp_get_be16(e.rec.last + 6), 6);
	CHECK_EQ(e.rec.last[8], 9);
	CHECK_EQ(e.rec.last[9], 2);

	/* Nak over Ack: only the Nak'd option, with our value. */
	clear(&e);
	CHECK_EQ(feed(&e, 0, KL2TP_PPP_CONF_REQ, 78, naks, sizeof(naks)), 0);
	CHECK_EQ(e.rec.last[4], KL2TP_PPP_CONF_NAK);
	CHECK_EQ(kl2tp_get_be16(e.rec.last + 6), 8);
	CHECK_EQ(e.rec.last[8], 2);
	CHECK_EQ(e.rec.last[9], 4);
	CHECK_EQ(e.rec.last[11], 1);

	/* Ack: everything echoed. */
	clear(&e);
	CHECK_EQ(feed(&e, 0, KL2TP_PPP_CONF_REQ, 79, naks, 4), 0);
	CHECK_EQ(e.rec.last[4], KL2TP_PPP_CONF_ACK);
	CHECK_EQ(kl2tp_get_be16(e.rec.last + 6), 8);
	CHECK_MEM(e.rec.last + 8, naks, 4);
	CHECK_EQ(e.f.state, KL2TP_PPP_ACK_SENT);

	/* An empty request is Acked empty. */
	clear(&e);
	CHECK_EQ(feed(&e, 0, KL2TP_PPP_CONF_REQ, 80, NULL, 0), 0);
	CHECK_EQ(e.rec.last[4], KL2TP_PPP_CONF_ACK);
	CHECK_EQ(kl2tp_get_be16(e.rec.last + 6), 4);

	/* Terminate-Request says why. */
	clear(&e);
	kl2tp_ppp_fsm_close(&e.f, 0, KL2TP_PPP_R_ADMIN);
	CHECK_EQ(e.rec.last[4], KL2TP_PPP_TERM_REQ);
	CHECK_MEM(e.rec.last + 8, "administrative close", 20);
}

/* Invalid or late replies are dropped without a transition. */
UNIT_TEST(t_reply_checks)
{
	static const u8 other[] = { 1, 4, 0x12, 0x35 };
	static const u8 two[] = { 1, 4, 0x12, 0x34, 1, 4, 0x12, 0x34 };
	static const u8 badopt[] = { 1, 1 };
	struct env e;

	env_init(&e);
	kl2tp_ppp_fsm_open(&e.f, 0);
	kl2tp_ppp_fsm_up(&e.f, 0);
	clear(&e);

	/* Wrong identifier. */
	CHECK_EQ(feed(&e, 0, KL2TP_PPP_CONF_ACK, e.f.reqid + 1, e.f.req,
		      e.f.req_len), -EPROTO);
	/* Different options, fewer options, more options. */
	CHECK_EQ(feed(&e, 0, KL2TP_PPP_CONF_ACK, e.f.reqid, other,
		      sizeof(other)), -EPROTO);
	CHECK_EQ(feed(&e, 0, KL2TP_PPP_CONF_ACK, e.f.reqid, NULL, 0), -EPROTO);
	CHECK_EQ(feed(&e, 0, KL2TP_PPP_CONF_ACK, e.f.reqid, two, sizeof(two)),
		 -EPROTO);
	/* A Reject of an option we did not send, or changed, or twice. */
	CHECK_EQ(feed(&e, 0, KL2TP_PPP_CONF_REJ, e.f.reqid, other,
		      sizeof(other)), -EPROTO);
	CHECK_EQ(feed(&e, 0, KL2TP_PPP_CONF_REJ, e.f.reqid, two, sizeof(two)),
		 -EPROTO);
	CHECK_EQ(feed(&e, 0, KL2TP_PPP_CONF_REJ, e.f.reqid, NULL, 0), -EPROTO);
	/* Malformed option lists. */
	CHECK_EQ(feed(&e, 0, KL2TP_PPP_CONF_NAK, e.f.reqid, badopt,
		      sizeof(badopt)), -EBADMSG);
	CHECK_EQ(feed(&e, 0, KL2TP_PPP_CONF_REQ, 1, badopt, sizeof(badopt)),
		 -EBADMSG);
	/* An empty Code-Reject. */
	CHECK_EQ(feed(&e, 0, KL2TP_PPP_CODE_REJ, 1, NULL, 0), -EBADMSG);
	CHECK_EQ(e.f.state, KL2TP_PPP_REQ_SENT);
	CHECK_EQ(e.rec.nsent, 0);
	CHECK_EQ(e.f.rx_dropped, 10);

	/* The right Ack counts once; its duplicate is dropped. */
	CHECK_EQ(feed(&e, 0, KL2TP_PPP_CONF_ACK, e.f.reqid, e.f.req,
		      e.f.req_len), 0);
	CHECK_EQ(e.f.state, KL2TP_PPP_ACK_RCVD);
	CHECK_EQ(feed(&e, 0, KL2TP_PPP_CONF_ACK, e.f.reqid, e.f.req,
		      e.f.req_len), -EPROTO);
	CHECK_EQ(e.f.state, KL2TP_PPP_ACK_RCVD);

	/* Nothing is accepted before the lower layer is up. */
	env_init(&e);
	kl2tp_ppp_fsm_open(&e.f, 0);
	clear(&e);
	CHECK_EQ(feed(&e, 0, KL2TP_PPP_TERM_REQ, 1, NULL, 0), -EPROTO);
	CHECK_EQ(e.rec.nsent, 0);
	CHECK_EQ(e.f.state, KL2TP_PPP_STARTING);
}

/* Max-Configure: 10 requests, then TO- (tlf, Stopped). */
UNIT_TEST(t_max_configure)
{
	struct env e;
	u64 now = 0;
	int i;

	env_init(&e);
	kl2tp_ppp_fsm_open(&e.f, now);
	CHECK_EQ(kl2tp_ppp_fsm_next_timeout(&e.f, now), KL2TP_PPP_NO_TIMEOUT);
	kl2tp_ppp_fsm_up(&e.f, now);
	for (i = 0; i < 20 && e.f.state == KL2TP_PPP_REQ_SENT; i++) {
		CHECK_EQ(kl2tp_ppp_fsm_next_timeout(&e.f, now),
			 KL2TP_PPP_DEF_RESTART);
		/* Early: nothing happens. */
		kl2tp_ppp_fsm_timer(&e.f, now + KL2TP_PPP_DEF_RESTART - 1);
		now += KL2TP_PPP_DEF_RESTART;
		CHECK_EQ(kl2tp_ppp_fsm_next_timeout(&e.f, now), 0);
		kl2tp_ppp_fsm_timer(&e.f, now);
	}
	CHECK_EQ(count(e.rec.acts, "scr"), KL2TP_PPP_DEF_MAX_CONFIGURE);
	CHECK_EQ(count(e.rec.acts, "tlf"), 1);
	CHECK_EQ(e.f.state, KL2TP_PPP_STOPPED);
	CHECK_EQ(e.f.reason, KL2TP_PPP_R_TIMEOUT);
	CHECK_EQ(kl2tp_ppp_fsm_next_timeout(&e.f, now), KL2TP_PPP_NO_TIMEOUT);
}

/* Max-Terminate: 2 Terminate-Requests, then TO- (tlf, Closed). */
UNIT_TEST(t_max_terminate)
{
	struct env e;
	u64 now = 0;
	int i;

	env_init(&e);
	kl2tp_ppp_fsm_open(&e.f, now);
	kl2tp_ppp_fsm_up(&e.f, now);
	e.f.state = KL2TP_PPP_OPENED;
	clear(&e);
	kl2tp_ppp_fsm_close(&e.f, now, KL2TP_PPP_R_ADMIN);
	for (i = 0; i < 10 && e.f.state == KL2TP_PPP_CLOSING; i++) {
		now += KL2TP_PPP_DEF_RESTART;
		kl2tp_ppp_fsm_timer(&e.f, now);
	}
	CHECK(!strcmp(e.rec.acts, "tld,str,str,tlf"));
	CHECK_EQ(e.f.state, KL2TP_PPP_CLOSED);
	CHECK_EQ(e.f.reason, KL2TP_PPP_R_ADMIN);

	/* The peer's Terminate-Ack ends it at once. */
	env_init(&e);
	kl2tp_ppp_fsm_open(&e.f, now);
	kl2tp_ppp_fsm_up(&e.f, now);
	kl2tp_ppp_fsm_close(&e.f, now, KL2TP_PPP_R_ADMIN);
	clear(&e);
	feed(&e, now, KL2TP_PPP_TERM_ACK, 9, NULL, 0);
	CHECK(!strcmp(e.rec.acts, "tlf"));
	CHECK_EQ(e.f.state, KL2TP_PPP_CLOSED);

	/* The peer's Terminate-Request while Opened: one period, then tlf. */
	env_init(&e);
	kl2tp_ppp_fsm_open(&e.f, now);
	kl2tp_ppp_fsm_up(&e.f, now);
	e.f.state = KL2TP_PPP_OPENED;
	clear(&e);
	feed(&e, now, KL2TP_PPP_TERM_REQ, 9, NULL, 0);
	CHECK_EQ(e.f.state, KL2TP_PPP_STOPPING);
	CHECK_EQ(e.f.reason, KL2TP_PPP_R_PEER_TERMINATE);
	kl2tp_ppp_fsm_timer(&e.f, now + KL2TP_PPP_DEF_RESTART);
	CHECK(!strcmp(e.rec.acts, "tld,sta,tlf"));
	CHECK_EQ(e.f.state, KL2TP_PPP_STOPPED);
}

/* Max-Failure: after 5 Naks with no Ack between, Naks turn into Rejects. */
UNIT_TEST(t_max_failure)
{
	static const u8 opt[] = { 2, 4, 0, 0 };
	static const u8 ack_opt[] = { 1, 4, 0x12, 0x34 };
	struct env e;
	int i;

	env_init(&e);
	kl2tp_ppp_fsm_open(&e.f, 0);
	kl2tp_ppp_fsm_up(&e.f, 0);
	for (i = 0; i < KL2TP_PPP_DEF_MAX_FAILURE; i++) {
		feed(&e, 0, KL2TP_PPP_CONF_REQ, i, opt, sizeof(opt));
		CHECK_EQ(e.rec.last[4], KL2TP_PPP_CONF_NAK);
	}
	feed(&e, 0, KL2TP_PPP_CONF_REQ, 99, opt, sizeof(opt));
	CHECK_EQ(e.rec.last[4], KL2TP_PPP_CONF_REJ);
	CHECK_MEM(e.rec.last + 8, opt, sizeof(opt));
	/* A new negotiation starts counting again. */
	e.f.state = KL2TP_PPP_OPENED;
	feed(&e, 0, KL2TP_PPP_CONF_REQ, 100, opt, sizeof(opt));
	CHECK_EQ(e.rec.last[4], KL2TP_PPP_CONF_NAK);

	/* An Ack sent in between starts it again too (RFC 1661 4.6). */
	env_init(&e);
	kl2tp_ppp_fsm_open(&e.f, 0);
	kl2tp_ppp_fsm_up(&e.f, 0);
	for (i = 0; i < 2 * KL2TP_PPP_DEF_MAX_FAILURE; i++) {
		feed(&e, 0, KL2TP_PPP_CONF_REQ, 2 * i, opt, sizeof(opt));
		CHECK_EQ(e.rec.last[4], KL2TP_PPP_CONF_NAK);
		feed(&e, 0, KL2TP_PPP_CONF_REQ, 2 * i + 1, ack_opt,
		     sizeof(ack_opt));
		CHECK_EQ(e.rec.last[4], KL2TP_PPP_CONF_ACK);
	}
}

/* Too many Naks received, or a protocol giving up, close the layer. */
UNIT_TEST(t_nak_limit)
{
	static const u8 opt[] = { 1, 4, 0x12, 0x34 };
	struct env e;
	int i;

	env_init(&e);
	kl2tp_ppp_fsm_open(&e.f, 0);
	kl2tp_ppp_fsm_up(&e.f, 0);
	for (i = 0; i < 30 && e.f.state == KL2TP_PPP_REQ_SENT; i++)
		feed(&e, 0, KL2TP_PPP_CONF_NAK, e.f.reqid, opt, sizeof(opt));
	CHECK_EQ(i, KL2TP_PPP_DEF_MAX_CONFIGURE + 1);
	CHECK_EQ(e.f.state, KL2TP_PPP_CLOSING);
	CHECK_EQ(e.f.reason, KL2TP_PPP_R_NEGOTIATION);

	env_init(&e);
	kl2tp_ppp_fsm_open(&e.f, 0);
	kl2tp_ppp_fsm_up(&e.f, 0);
	e.rec.nak_ret = KL2TP_PPP_R_AUTH_REFUSED;
	clear(&e);
	feed(&e, 0, KL2TP_PPP_CONF_REJ, e.f.reqid, e.f.req, e.f.req_len);
	CHECK(!strcmp(e.rec.acts, "str"));
	CHECK_EQ(e.f.state, KL2TP_PPP_CLOSING);
	CHECK_EQ(e.f.reason, KL2TP_PPP_R_AUTH_REFUSED);

	/* An Ack in between resets the count. */
	env_init(&e);
	kl2tp_ppp_fsm_open(&e.f, 0);
	kl2tp_ppp_fsm_up(&e.f, 0);
	for (i = 0; i < 8; i++)
		feed(&e, 0, KL2TP_PPP_CONF_NAK, e.f.reqid, opt, sizeof(opt));
	feed(&e, 0, KL2TP_PPP_CONF_ACK, e.f.reqid, e.f.req, e.f.req_len);
	CHECK_EQ(e.f.naks_rcvd, 0);
}

/* Code-Reject and the echo quote at most the peer's MRU. */
UNIT_TEST(t_truncate)
{
	u8 big[280];
	struct env e;
	u8 pkt[300];

	env_init(&e);
	kl2tp_ppp_fsm_open(&e.f, 0);
	kl2tp_ppp_fsm_up(&e.f, 0);
	e.io.peer_mru = 100;
	memset(big, 0xab, sizeof(big));
	pkt[0] = 0x30;
	pkt[1] = 1;
	kl2tp_put_be16(pkt + 2, sizeof(big));
	memcpy(pkt + 4, big, sizeof(big) - 4);
	clear(&e);
	CHECK_EQ(kl2tp_ppp_fsm_input(&e.f, 0, pkt, sizeof(big)), 0);
	CHECK(!strcmp(e.rec.acts, "scj"));
	CHECK_EQ(e.rec.last_len, 4 + 100);
	CHECK_EQ(kl2tp_get_be16(e.rec.last + 6), 100);
	CHECK_EQ(e.rec.last[8], 0x30);

	/* A peer MRU below the header: the header alone. */
	e.io.peer_mru = 2;
	clear(&e);
	CHECK_EQ(kl2tp_ppp_fsm_input(&e.f, 0, pkt, sizeof(big)), 0);
	CHECK_EQ(e.rec.last_len, 8);
}

/* Two automata over a perfect link reach Opened; a Nak round included. */
struct pair {
	struct env a, b;
	u8 q[64][300];
	size_t qlen[64];
	int qdst[64];
	int n;
};

static struct pair *the_pair;

static void pair_send(void *ctx, const u8 *frame, size_t len)
{
	struct pair *p = the_pair;

	rec_send(ctx, frame, len);
	if (p->n < 64 && len <= 300) {
		memcpy(p->q[p->n], frame, len);
		p->qlen[p->n] = len;
		p->qdst[p->n] = ctx == &p->a.rec ? 1 : 0;
		p->n++;
	}
}

UNIT_TEST(t_pair)
{
	static struct pair p;
	int i;

	the_pair = &p;
	env_init(&p.a);
	env_init(&p.b);
	p.a.io.send = pair_send;
	p.b.io.send = pair_send;
	kl2tp_ppp_fsm_open(&p.a.f, 0);
	kl2tp_ppp_fsm_open(&p.b.f, 0);
	kl2tp_ppp_fsm_up(&p.a.f, 0);
	kl2tp_ppp_fsm_up(&p.b.f, 0);
	for (i = 0; i < p.n && i < 64; i++) {
		struct env *dst = p.qdst[i] ? &p.b : &p.a;

		kl2tp_ppp_fsm_input(&dst->f, 0, p.q[i] + 4, p.qlen[i] - 4);
	}
	CHECK_EQ(p.a.f.state, KL2TP_PPP_OPENED);
	CHECK_EQ(p.b.f.state, KL2TP_PPP_OPENED);
	CHECK_EQ(count(p.a.rec.acts, "tlu"), 1);
	CHECK_EQ(count(p.b.rec.acts, "tlu"), 1);
	CHECK_EQ(p.n, 4);
	CHECK_EQ(kl2tp_ppp_fsm_next_timeout(&p.a.f, 0), KL2TP_PPP_NO_TIMEOUT);
}

UNIT_TEST(t_init_names)
{
	struct kl2tp_ppp_fsm_params pr;
	struct kl2tp_ppp_fsm f;
	struct kl2tp_ppp_io io;

	memset(&io, 0, sizeof(io));
	kl2tp_ppp_fsm_params_default(&pr);
	CHECK_EQ(pr.restart_ms, 3000);
	CHECK_EQ(pr.max_configure, 10);
	CHECK_EQ(pr.max_terminate, 2);
	CHECK_EQ(pr.max_failure, 5);
	pr.max_failure = 0;
	CHECK_EQ(kl2tp_ppp_fsm_init(&f, &toy, NULL, &layer, NULL, &io, &pr),
		 -EINVAL);
	CHECK_EQ(kl2tp_ppp_fsm_init(&f, &toy, NULL, &layer, NULL, &io, NULL),
		 0);
	CHECK_EQ(f.state, KL2TP_PPP_INITIAL);
	CHECK(!strcmp(kl2tp_ppp_state_name(KL2TP_PPP_ACK_RCVD), "Ack-Rcvd"));
	CHECK(!strcmp(kl2tp_ppp_state_name(10), "unknown"));
	CHECK(!strcmp(kl2tp_ppp_reason_name(KL2TP_PPP_R_LOOPBACK),
		      "link looped back"));
	CHECK(!strcmp(kl2tp_ppp_reason_name(-1), "unknown"));
}

UNIT_MAIN(UNIT_CASE(t_table), UNIT_CASE(t_replies),
	  UNIT_CASE(t_reply_checks), UNIT_CASE(t_max_configure),
	  UNIT_CASE(t_max_terminate), UNIT_CASE(t_max_failure),
	  UNIT_CASE(t_nak_limit), UNIT_CASE(t_truncate), UNIT_CASE(t_pair),
	  UNIT_CASE(t_init_names))
