// SPDX-License-Identifier: GPL-2.0
/*
 * The PPP engine of one session: phases, layer events, keepalive. See
 * ppp_session.h.
 *
 * Layer callbacks run inside an automaton's transition, so they never call
 * back into the automaton that called them: a decision to hang up is
 * recorded in ->pending and applied by settle() when the outer call
 * unwinds. Every entry point ends with settle().
 */
#include "ppp_session.h"

static void io_send(void *ctx, const u8 *frame, size_t len)
{
	struct kl2tp_ppp_session *s = ctx;

	if (s->reported)
		return;
	s->stats.tx_frames++;
	s->ops->send(s->ctx, frame, len);
}

static void io_random(void *ctx, void *buf, size_t len)
{
	struct kl2tp_ppp_session *s = ctx;

	s->ops->random(s->ctx, buf, len);
}

static struct kl2tp_ppp_session *owner_of(struct kl2tp_ppp_fsm *f)
{
	return f->owner;
}

/* Hang up for @reason once the current call unwinds; the first wins. */
static void close_later(struct kl2tp_ppp_session *s, int reason)
{
	if (!s->pending && !s->dead)
		s->pending = reason;
}

static void net_stop(struct kl2tp_ppp_session *s, int reason)
{
	if (!s->up)
		return;
	s->up = false;
	if (s->ops->net_down)
		s->ops->net_down(s->ctx, reason, kl2tp_ppp_reason_name(reason));
}

static void net6_stop(struct kl2tp_ppp_session *s, int reason)
{
	if (!s->up6)
		return;
	s->up6 = false;
	if (s->ops->net6_down)
		s->ops->net6_down(s->ctx, reason, kl2tp_ppp_reason_name(reason));
}

/* A control protocol that is not negotiating and will not unless asked. */
static bool ncp_idle(const struct kl2tp_ppp_fsm *f)
{
	return f->state <= KL2TP_PPP_STOPPED;
}

/*
 * An NCP finished in the Network phase: the link goes when the other one
 * is idle too (the link's purpose is gone), with @reason when the last
 * one could not get an address.
 */
static void ncp_finished(struct kl2tp_ppp_session *s, int reason)
{
	if (s->phase != KL2TP_PPP_PHASE_NETWORK)
		return;
	if (!ncp_idle(&s->ipcp.fsm) ||
	    (s->ipv6cp && !ncp_idle(&s->ipv6cp->fsm)))
		return;
	close_later(s, reason == KL2TP_PPP_R_NO_ADDRESS ?
		    KL2TP_PPP_R_NO_ADDRESS : KL2TP_PPP_R_NO_NCP);
}

static void release(struct kl2tp_ppp_session *s)
{
	if (!s->assigned)
		return;
	s->assigned = false;
	if (s->ops->ipcp_release)
		s->ops->ipcp_release(s->ctx);
}

static void ipcp_up(struct kl2tp_ppp_fsm *f, u64 now)
{
	struct kl2tp_ppp_session *s = owner_of(f);

	kl2tp_ppp_ipcp_result(&s->ipcp, &s->addrs);
	if (!s->addrs.local || (s->cfg.server && !s->addrs.peer)) {
		close_later(s, KL2TP_PPP_R_NO_ADDRESS);
		return;
	}
	s->up = true;
	if (s->ops->net_up)
		s->ops->net_up(s->ctx, &s->addrs);
}

static void ipcp_down(struct kl2tp_ppp_fsm *f, u64 now)
{
	net_stop(owner_of(f), f->reason);
}

static void ipcp_finished(struct kl2tp_ppp_fsm *f, u64 now)
{
	ncp_finished(owner_of(f), f->reason);
}

static const struct kl2tp_ppp_fsm_ops ipcp_ops = {
	.up = ipcp_up,
	.down = ipcp_down,
	.finished = ipcp_finished,
};

static void ipv6cp_up(struct kl2tp_ppp_fsm *f, u64 now)
{
	struct kl2tp_ppp_session *s = owner_of(f);
	u8 ours[KL2TP_PPP_IID_LEN], peer[KL2TP_PPP_IID_LEN];

	/*
	 * RFC 5072 4.1: no link-local addresses without a unique pair; nor
	 * IPv6 when the glue cannot carry it
	 */
	if (kl2tp_ppp_ipv6cp_result(s->ipv6cp, ours, peer) ||
	    (s->ops->net6_up && s->ops->net6_up(s->ctx, ours, peer))) {
		s->close6 = true;
		return;
	}
	s->up6 = true;
}

static void ipv6cp_down(struct kl2tp_ppp_fsm *f, u64 now)
{
	net6_stop(owner_of(f), f->reason);
}

static void ipv6cp_finished(struct kl2tp_ppp_fsm *f, u64 now)
{
	ncp_finished(owner_of(f), f->reason);
}

static const struct kl2tp_ppp_fsm_ops ipv6cp_ops = {
	.up = ipv6cp_up,
	.down = ipv6cp_down,
	.finished = ipv6cp_finished,
};

static void enter_network(struct kl2tp_ppp_session *s, u64 now)
{
	struct kl2tp_ppp_ipcp_cfg ic;
	size_t ulen = 0;
	int ret;

	memset(&ic, 0, sizeof(ic));
	s->phase = KL2TP_PPP_PHASE_NETWORK;
	if (s->cfg.server) {
		if (s->auth.srv.method != KL2TP_PPP_AUTH_NONE)
			ulen = s->auth.peer_name_len;
		s->assigning = true;
		ret = !s->ops->ipcp_assign ||
		      s->ops->ipcp_assign(s->ctx, s->auth.peer_name, ulen,
					  &ic.addrs);
		s->assigning = false;
		if (ret) {
			close_later(s, KL2TP_PPP_R_NO_ADDRESS);
			return;
		}
		s->assigned = true;
		ic.server = true;
	} else {
		ic.addrs.local = s->cfg.local_addr;
		ic.want_dns = s->cfg.want_dns;
	}
	if (kl2tp_ppp_ipcp_init(&s->ipcp, &ic, &ipcp_ops, s, &s->io,
				&s->cfg.fsm)) {
		close_later(s, KL2TP_PPP_R_NO_ADDRESS);
		return;
	}
	kl2tp_ppp_fsm_open(&s->ipcp.fsm, now);
	kl2tp_ppp_fsm_up(&s->ipcp.fsm, now);
	if (s->ipv6cp) {
		kl2tp_ppp_fsm_open(&s->ipv6cp->fsm, now);
		kl2tp_ppp_fsm_up(&s->ipv6cp->fsm, now);
	}
}

/* In the Authenticate phase: move on, or hang up, once auth has decided. */
static void check_auth(struct kl2tp_ppp_session *s, u64 now)
{
	int reason;

	if (s->phase != KL2TP_PPP_PHASE_AUTHENTICATE || s->pending)
		return;
	reason = kl2tp_ppp_auth_failed(&s->auth);
	if (reason)
		close_later(s, reason);
	else if (kl2tp_ppp_auth_done(&s->auth))
		enter_network(s, now);
}

static bool is_chap(u8 method)
{
	return method == KL2TP_PPP_AUTH_CHAP_MD5 ||
	       method == KL2TP_PPP_AUTH_MSCHAPV2;
}

/* @len less the NULs that pad or terminate the value of an AVP. */
static size_t strip_nuls(const u8 *p, size_t len)
{
	while (len && !p[len - 1])
		len--;
	return len;
}

/*
 * The Authenticate phase after a proxied LCP: check the proxied
 * credentials if they are of the method LCP agreed on (and we are not
 * told to check for ourselves), else run that method from our side.
 */
static void proxy_auth_start(struct kl2tp_ppp_session *s, u64 now)
{
	const struct kl2tp_ppp_proxy *p = s->proxy;
	struct kl2tp_ppp_auth_cred ap;
	u8 method = s->lcp.want_auth;

	memset(&ap, 0, sizeof(ap));
	ap.id = p->auth_id;
	ap.name = p->auth_name;
	ap.name_len = strip_nuls(p->auth_name, p->auth_name_len);
	switch (p->auth_type) {
	case KL2TP_PROXY_AUTH_TEXT:
	case KL2TP_PROXY_AUTH_PAP:
		ap.method = KL2TP_PPP_AUTH_PAP;
		ap.resp = p->auth_response;
		ap.resp_len = strip_nuls(p->auth_response,
					 p->auth_response_len);
		break;
	case KL2TP_PROXY_AUTH_CHAP:
		ap.method = KL2TP_PPP_AUTH_CHAP_MD5;
		ap.chal = p->auth_challenge;
		ap.chal_len = p->auth_challenge_len;
		ap.resp = p->auth_response;
		ap.resp_len = p->auth_response_len;
		break;
	default:
		break;
	}
	if (method != KL2TP_PPP_AUTH_NONE && !s->cfg.force_chap &&
	    ap.method == method &&
	    !kl2tp_ppp_auth_start_proxy(&s->auth, now, &ap,
					s->lcp.peer_auth)) {
		s->proxy_auth = true;
		return;
	}
	kl2tp_ppp_auth_start(&s->auth, now, method, s->lcp.peer_auth);
}

static void lcp_up(struct kl2tp_ppp_fsm *f, u64 now)
{
	struct kl2tp_ppp_session *s = owner_of(f);

	s->io.peer_mru = s->lcp.peer_mru;
	s->phase = KL2TP_PPP_PHASE_AUTHENTICATE;
	if (s->proxy)
		proxy_auth_start(s, now);
	else
		kl2tp_ppp_auth_start(&s->auth, now, s->lcp.want_auth,
				     s->lcp.peer_auth);
	if (s->cfg.echo_interval_ms) {
		s->echo_on = true;
		s->echo_at = now + s->cfg.echo_interval_ms;
	}
	check_auth(s, now);
}

static void lcp_down(struct kl2tp_ppp_fsm *f, u64 now)
{
	struct kl2tp_ppp_session *s = owner_of(f);

	s->echo_on = false;
	kl2tp_ppp_auth_stop(&s->auth);
	kl2tp_ppp_fsm_down(&s->ipcp.fsm, now);
	if (s->ipv6cp)
		kl2tp_ppp_fsm_down(&s->ipv6cp->fsm, now);
	s->close6 = false;
	net_stop(s, f->reason);
	net6_stop(s, f->reason);
	release(s);
	s->io.peer_mru = KL2TP_PPP_DEF_MRU;
	s->phase = KL2TP_PPP_PHASE_ESTABLISH;
}

static void lcp_finished(struct kl2tp_ppp_fsm *f, u64 now)
{
	struct kl2tp_ppp_session *s = owner_of(f);

	s->echo_on = false;
	net_stop(s, f->reason);
	net6_stop(s, f->reason);
	release(s);
	s->reason = f->reason;
	s->phase = KL2TP_PPP_PHASE_DEAD;
	s->dead = true;
}

static const struct kl2tp_ppp_fsm_ops lcp_ops = {
	.up = lcp_up,
	.down = lcp_down,
	.finished = lcp_finished,
};

static void lcp_proto_rej(struct kl2tp_ppp_lcp *l, u64 now, u16 proto)
{
	struct kl2tp_ppp_session *s = owner_of(&l->fsm);

	if (s->phase != KL2TP_PPP_PHASE_NETWORK)
		return;
	if (proto == KL2TP_PPP_IPCP)
		kl2tp_ppp_fsm_rxj(&s->ipcp.fsm, now, true);
	else if (proto == KL2TP_PPP_IPV6CP && s->ipv6cp)
		kl2tp_ppp_fsm_rxj(&s->ipv6cp->fsm, now, true);
}

/* Apply what callbacks decided, then report the end once. */
static void settle(struct kl2tp_ppp_session *s, u64 now)
{
	int reason;

	check_auth(s, now);
	if (s->close6 && !s->dead) {
		s->close6 = false;
		kl2tp_ppp_fsm_close(&s->ipv6cp->fsm, now,
				    KL2TP_PPP_R_NO_ADDRESS);
	}
	while (s->pending && !s->dead) {
		reason = s->pending;
		s->pending = 0;
		/* Already terminating: keep the first reason. */
		if (s->lcp.fsm.state != KL2TP_PPP_CLOSING &&
		    s->lcp.fsm.state != KL2TP_PPP_STOPPING)
			kl2tp_ppp_fsm_close(&s->lcp.fsm, now, reason);
	}
	s->pending = 0;
	if (!s->dead && (s->lcp.fsm.state == KL2TP_PPP_CLOSING ||
			 s->lcp.fsm.state == KL2TP_PPP_STOPPING))
		s->phase = KL2TP_PPP_PHASE_TERMINATE;
	if (s->dead && !s->reported) {
		s->reported = true;
		if (s->ops->finished)
			s->ops->finished(s->ctx, s->reason,
					 kl2tp_ppp_reason_name(s->reason));
	}
}

int kl2tp_ppp_session_init(struct kl2tp_ppp_session *s,
			   const struct kl2tp_ppp_session_cfg *cfg,
			   const struct kl2tp_ppp_session_ops *ops, void *ctx)
{
	struct kl2tp_ppp_ipcp_cfg ic;
	struct kl2tp_ppp_auth_cfg ac;
	int ret;

	if (!ops || !ops->send || !ops->random ||
	    (cfg->server && !ops->ipcp_assign))
		return -EINVAL;
	memset(s, 0, sizeof(*s));
	s->cfg = *cfg;
	if (!s->cfg.fsm.restart_ms)
		kl2tp_ppp_fsm_params_default(&s->cfg.fsm);
	if (!s->cfg.echo_failures)
		s->cfg.echo_failures = KL2TP_PPP_DEF_ECHO_FAILURES;
	s->ops = ops;
	s->ctx = ctx;
	s->io.tx = s->tx;
	s->io.tx_cap = sizeof(s->tx);
	s->io.peer_mru = KL2TP_PPP_DEF_MRU;
	s->io.send = io_send;
	s->io.random = io_random;
	s->io.ctx = s;

	ret = kl2tp_ppp_lcp_init(&s->lcp, &cfg->lcp, &lcp_ops, s, &s->io,
				 &s->cfg.fsm);
	if (ret)
		return ret;
	s->lcp.proto_rej = lcp_proto_rej;

	memset(&ac, 0, sizeof(ac));
	ac.name = cfg->name;
	ac.name_len = cfg->name_len;
	ac.secret = cfg->secret;
	ac.secret_len = cfg->secret_len;
	ac.lookup = ops->lookup;
	ac.verify = ops->verify;
	ac.lookup_ctx = ctx;
	ac.restart_ms = s->cfg.fsm.restart_ms;
	ac.max_tries = s->cfg.fsm.max_configure;
	ret = kl2tp_ppp_auth_init(&s->auth, &s->io, &ac);
	if (ret)
		return ret;

	/* Idle until the Network phase gives it its real configuration. */
	memset(&ic, 0, sizeof(ic));
	return kl2tp_ppp_ipcp_init(&s->ipcp, &ic, &ipcp_ops, s, &s->io,
				   &s->cfg.fsm);
}

int kl2tp_ppp_session_set_ipv6(struct kl2tp_ppp_session *s,
			       struct kl2tp_ppp_ipv6cp *c,
			       const struct kl2tp_ppp_ipv6cp_cfg *cfg)
{
	int ret;

	if (s->started && !s->assigning)
		return -EALREADY;
	if (s->ipv6cp)
		return -EBUSY;
	ret = kl2tp_ppp_ipv6cp_init(c, cfg, &ipv6cp_ops, s, &s->io,
				    &s->cfg.fsm);
	if (!ret)
		s->ipv6cp = c;
	return ret;
}

int kl2tp_ppp_session_start(struct kl2tp_ppp_session *s, u64 now)
{
	if (s->started)
		return -EALREADY;
	s->started = true;
	s->phase = KL2TP_PPP_PHASE_ESTABLISH;
	kl2tp_ppp_fsm_open(&s->lcp.fsm, now);
	kl2tp_ppp_fsm_up(&s->lcp.fsm, now);
	settle(s, now);
	return 0;
}

/* The proxied LCP into @r if it is there and we may take it. */
static bool proxy_lcp_usable(const struct kl2tp_ppp_session *s,
			     const struct kl2tp_ppp_proxy *p,
			     struct kl2tp_ppp_lcp_proxied *r)
{
	if (!p || s->cfg.lcp_renegotiate || !p->last_sent ||
	    !p->last_sent_len || !p->last_rcvd || !p->last_rcvd_len)
		return false;
	if (kl2tp_ppp_lcp_proxy_check(&s->lcp, p->last_sent, p->last_sent_len,
				      p->last_rcvd, p->last_rcvd_len, r))
		return false;
	/* Our own Challenge must be what the peer agreed to. */
	return !s->cfg.force_chap || is_chap(r->want_auth);
}

int kl2tp_ppp_session_start_proxy(struct kl2tp_ppp_session *s, u64 now,
				  const struct kl2tp_ppp_proxy *p)
{
	struct kl2tp_ppp_lcp_proxied r;

	if (!s->cfg.server)
		return -EINVAL;
	if (s->started)
		return -EALREADY;
	if (!proxy_lcp_usable(s, p, &r))
		return kl2tp_ppp_session_start(s, now);
	s->started = true;
	s->phase = KL2TP_PPP_PHASE_ESTABLISH;
	s->proxy_lcp = true;
	s->proxy = p;
	kl2tp_ppp_fsm_open(&s->lcp.fsm, now);
	kl2tp_ppp_lcp_proxy_open(&s->lcp, now, &r);
	s->proxy = NULL;
	settle(s, now);
	return 0;
}

void kl2tp_ppp_session_close(struct kl2tp_ppp_session *s, u64 now,
			     int reason)
{
	if (!s->started || s->dead)
		return;
	close_later(s, reason ? reason : KL2TP_PPP_R_ADMIN);
	settle(s, now);
}

void kl2tp_ppp_session_lower_down(struct kl2tp_ppp_session *s, u64 now)
{
	if (!s->started || s->dead)
		return;
	kl2tp_ppp_fsm_down(&s->lcp.fsm, now);
	net_stop(s, KL2TP_PPP_R_LOWER_DOWN);
	net6_stop(s, KL2TP_PPP_R_LOWER_DOWN);
	release(s);
	s->echo_on = false;
	s->pending = 0;
	s->reason = KL2TP_PPP_R_LOWER_DOWN;
	s->phase = KL2TP_PPP_PHASE_DEAD;
	s->dead = true;
	settle(s, now);
}

/* A protocol we do not run: RFC 1661 5.7, only once LCP is Opened. */
static int proto_reject(struct kl2tp_ppp_session *s,
			const struct kl2tp_ppp_frame *f)
{
	if (!kl2tp_ppp_lcp_proto_reject(&s->lcp, f->proto, f->data, f->len))
		s->stats.rx_proto_rejected++;
	return -EPROTONOSUPPORT;
}

int kl2tp_ppp_session_input(struct kl2tp_ppp_session *s, u64 now,
			    const u8 *frame, size_t len,
			    struct kl2tp_ppp_frame *data)
{
	struct kl2tp_ppp_frame f;
	int ret;

	s->stats.rx_frames++;
	if (!s->started || s->dead) {
		s->stats.rx_dropped++;
		return -ENOTCONN;
	}
	if (kl2tp_ppp_frame_parse(&f, frame, len)) {
		s->stats.rx_dropped++;
		return -EBADMSG;
	}

	switch (f.proto) {
	case KL2TP_PPP_LCP:
		ret = kl2tp_ppp_fsm_input(&s->lcp.fsm, now, f.data, f.len);
		break;
	case KL2TP_PPP_PAP:
	case KL2TP_PPP_CHAP:
		ret = -EPROTO;
		if (s->phase == KL2TP_PPP_PHASE_AUTHENTICATE ||
		    s->phase == KL2TP_PPP_PHASE_NETWORK)
			ret = kl2tp_ppp_auth_input(&s->auth, now, f.proto,
						   f.data, f.len);
		break;
	case KL2TP_PPP_IPCP:
		ret = -EPROTO;
		if (s->phase == KL2TP_PPP_PHASE_NETWORK)
			ret = kl2tp_ppp_fsm_input(&s->ipcp.fsm, now, f.data,
						  f.len);
		break;
	case KL2TP_PPP_IP:
		ret = -EPROTO;
		if (s->up) {
			if (data)
				*data = f;
			ret = 1;
		}
		break;
	case KL2TP_PPP_IPV6CP:
		if (!s->ipv6cp) {
			ret = proto_reject(s, &f);
			break;
		}
		ret = -EPROTO;
		if (s->phase == KL2TP_PPP_PHASE_NETWORK)
			ret = kl2tp_ppp_fsm_input(&s->ipv6cp->fsm, now, f.data,
						  f.len);
		break;
	case KL2TP_PPP_IPV6:
		if (!s->ipv6cp) {
			ret = proto_reject(s, &f);
			break;
		}
		ret = -EPROTO;
		if (s->up6) {
			if (data)
				*data = f;
			ret = 1;
		}
		break;
	default:
		ret = proto_reject(s, &f);
		break;
	}
	settle(s, now);
	if (ret < 0)
		s->stats.rx_dropped++;
	return ret;
}

void kl2tp_ppp_session_timer(struct kl2tp_ppp_session *s, u64 now)
{
	if (!s->started || s->dead)
		return;
	kl2tp_ppp_fsm_timer(&s->lcp.fsm, now);
	kl2tp_ppp_fsm_timer(&s->ipcp.fsm, now);
	if (s->ipv6cp)
		kl2tp_ppp_fsm_timer(&s->ipv6cp->fsm, now);
	kl2tp_ppp_auth_timer(&s->auth, now);
	if (s->echo_on && s->echo_at <= now) {
		if (s->lcp.echo_pending >= s->cfg.echo_failures) {
			close_later(s, KL2TP_PPP_R_ECHO_TIMEOUT);
		} else {
			kl2tp_ppp_lcp_echo(&s->lcp);
			s->stats.echo_sent++;
			s->echo_at = now + s->cfg.echo_interval_ms;
		}
	}
	settle(s, now);
}

int kl2tp_ppp_session_verdict(struct kl2tp_ppp_session *s, u64 now, u32 seq,
			      bool ok, const char *authresp, size_t authresp_len)
{
	int ret;

	if (!s->started || s->dead)
		return -EALREADY;
	ret = kl2tp_ppp_auth_verdict(&s->auth, seq, ok, authresp,
				     authresp_len);
	settle(s, now);
	return ret;
}

int kl2tp_ppp_session_verdict_local(struct kl2tp_ppp_session *s, u64 now,
				    u32 seq,
				    const struct kl2tp_ppp_auth_cred *c)
{
	int ret;

	if (!s->started || s->dead)
		return -EALREADY;
	ret = kl2tp_ppp_auth_verdict_local(&s->auth, seq, c);
	settle(s, now);
	return ret;
}

u32 kl2tp_ppp_session_next_timeout(const struct kl2tp_ppp_session *s,
				   u64 now)
{
	u32 t, e;

	if (!s->started || s->dead)
		return KL2TP_PPP_NO_TIMEOUT;
	t = kl2tp_ppp_fsm_next_timeout(&s->lcp.fsm, now);
	t = min_t(u32, t, kl2tp_ppp_fsm_next_timeout(&s->ipcp.fsm, now));
	if (s->ipv6cp)
		t = min_t(u32, t,
			  kl2tp_ppp_fsm_next_timeout(&s->ipv6cp->fsm, now));
	t = min_t(u32, t, kl2tp_ppp_auth_next_timeout(&s->auth, now));
	if (s->echo_on) {
		e = s->echo_at <= now ? 0 :
		    (u32)min_t(u64, s->echo_at - now, KL2TP_PPP_NO_TIMEOUT - 1);
		t = min_t(u32, t, e);
	}
	return t;
}

const char *kl2tp_ppp_phase_name(int phase)
{
	static const char * const names[] = {
		[KL2TP_PPP_PHASE_DEAD] = "Dead",
		[KL2TP_PPP_PHASE_ESTABLISH] = "Establish",
		[KL2TP_PPP_PHASE_AUTHENTICATE] = "Authenticate",
		[KL2TP_PPP_PHASE_NETWORK] = "Network",
		[KL2TP_PPP_PHASE_TERMINATE] = "Terminate",
	};

	if (phase >= 0 && phase < (int)ARRAY_SIZE(names))
		return names[phase];
	return "unknown";
}
