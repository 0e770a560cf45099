// SPDX-License-Identifier: GPL-2.0
/*
 * l2tpctl: live state (tunnel, session) and the event monitor.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <linux/genetlink.h>

#include "cmd.h"

/* Tunnels and sessions */

struct live_obj {
	uint8_t get, reset;
	uint16_t id_attr;	/* KL2TP_A_TUNNEL_ID or KL2TP_A_SESSION_ID */
	bool tunnel_filter;	/* "show tunnel TID" */
	struct view view;
};

static const struct col tunnel_cols[] = {
	COL("LocalTID", "local_id", C_UINT, KL2TP_A_TUNNEL_ID),
	COL("RemoteTID", "remote_id", C_UINT, KL2TP_A_PEER_TUNNEL_ID),
	COL(NULL, "local_address", C_IP, KL2TP_A_LOCAL_ADDR),
	COL(NULL, "local_port", C_UINT, KL2TP_A_LOCAL_PORT),
	COL("RemoteAddress", "remote_address", C_IP, KL2TP_A_REMOTE_ADDR),
	COL("Port", "remote_port", C_UINT, KL2TP_A_REMOTE_PORT),
	COL("Sessions", "sessions", C_UINT, KL2TP_A_SESSIONS),
	COL("RemoteName", "remote_name", C_STR, KL2TP_A_REMOTE_NAME),
	COL("State", "state", C_ENUM, KL2TP_A_STATE, .names = &tunnel_states),
	COL("Uptime", "uptime", C_UPTIME, KL2TP_A_UPTIME),
	COL(NULL, "name", C_STR, KL2TP_A_NAME),
	COL(NULL, "peer", C_STR, KL2TP_A_PEER),
	COL("CtrlTx", NULL, C_STAT, KL2TP_STAT_CTRL_TX, .flags = COL_STATS),
	COL("CtrlRx", NULL, C_STAT, KL2TP_STAT_CTRL_RX, .flags = COL_STATS),
	COL("Retrans", NULL, C_STAT, KL2TP_STAT_CTRL_RETRANSMITS, .flags = COL_STATS),
	COL("Dup", NULL, C_STAT, KL2TP_STAT_CTRL_DUP, .flags = COL_STATS),
	COL("OOO", NULL, C_STAT, KL2TP_STAT_CTRL_OOO, .flags = COL_STATS),
	COL(NULL, "stats", C_STATS, KL2TP_A_STATS, .flags = COL_STATS),
};

static const struct col session_cols[] = {
	COL("LocalSID", "local_id", C_UINT, KL2TP_A_SESSION_ID),
	COL("RemoteSID", "remote_id", C_UINT, KL2TP_A_PEER_SESSION_ID),
	COL("LocalTID", "tunnel_id", C_UINT, KL2TP_A_TUNNEL_ID),
	COL("State", "state", C_ENUM, KL2TP_A_STATE, .names = &session_states),
	COL("User", "user", C_STR, KL2TP_A_USER),
	COL("Interface", "ifname", C_STR, KL2TP_A_IFNAME),
	COL("Address", "address", C_IP, KL2TP_A_ADDRESS),
	COL("PeerAddress", "peer_address", C_IP, KL2TP_A_PEER_ADDRESS),
	COL("Prefix6", "prefix6", C_PREFIX, KL2TP_A_PREFIX6, .a2 = KL2TP_A_PREFIX6_LEN),
	COL("PDPrefix", "pd_prefix", C_PREFIX, KL2TP_A_PD_PREFIX,
	    .a2 = KL2TP_A_PD_PREFIX_LEN),
	COL("Uptime", "uptime", C_UPTIME, KL2TP_A_UPTIME),
	COL("Auth", "auth", C_ENUM, KL2TP_A_AAA_VIA, .names = &aaa_vias),
	COL(NULL, "dns", C_IPLIST, KL2TP_A_DNS1, .a2 = KL2TP_A_DNS2),
	COL(NULL, "link_local", C_IFID, KL2TP_A_IFID),
	COL(NULL, "peer_link_local", C_IFID, KL2TP_A_PEER_IFID),
	COL(NULL, "calling_number", C_STR, KL2TP_A_CALLING_NUMBER),
	COL(NULL, "called_number", C_STR, KL2TP_A_CALLED_NUMBER),
	COL(NULL, "sequencing", C_ONOFF, KL2TP_A_SEQUENCING),
	COL(NULL, "routes", C_ROUTES, KL2TP_A_ROUTES),
	COL(NULL, "session_timeout", C_UINT, KL2TP_A_SESSION_TIMEOUT),
	COL(NULL, "idle_timeout", C_UINT, KL2TP_A_IDLE_TIMEOUT),
	COL(NULL, "acct_session_id", C_UINT, KL2TP_A_ACCT_SESSION_ID),
	COL(NULL, "acct_interim", C_UINT, KL2TP_A_ACCT_INTERIM),
	COL("RxPkts", NULL, C_STAT, KL2TP_STAT_RX_PACKETS, .flags = COL_STATS),
	COL("RxBytes", NULL, C_STAT, KL2TP_STAT_RX_BYTES, .flags = COL_STATS),
	COL("TxPkts", NULL, C_STAT, KL2TP_STAT_TX_PACKETS, .flags = COL_STATS),
	COL("TxBytes", NULL, C_STAT, KL2TP_STAT_TX_BYTES, .flags = COL_STATS),
	COL("RxErr", NULL, C_STAT, KL2TP_STAT_RX_ERRORS, .flags = COL_STATS),
	COL("TxErr", NULL, C_STAT, KL2TP_STAT_TX_ERRORS, .flags = COL_STATS),
	COL(NULL, "stats", C_STATS, KL2TP_A_STATS, .flags = COL_STATS),
};

const struct live_obj live_tunnel = {
	KL2TP_CMD_TUNNEL_GET, KL2TP_CMD_TUNNEL_RESET, KL2TP_A_TUNNEL_ID, false,
	VIEW(tunnel_cols),
};

const struct live_obj live_session = {
	KL2TP_CMD_SESSION_GET, KL2TP_CMD_SESSION_RESET, KL2TP_A_SESSION_ID, true,
	VIEW(session_cols),
};

static struct row_filter show_filter;

/* The words of "session show" filters. */
static const char *const filter_words[] = { "tunnel", "user", "address", "state" };

static bool is_filter_word(const char *s)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(filter_words); i++)
		if (!strcmp(s, filter_words[i]))
			return true;
	return false;
}

/*
 * Parse "[ID]" or, with filters, "[ID | [tunnel TID] [user NAME] [address
 * A.B.C.D] [state STATE]]" into r: the tunnel filter goes to the kernel,
 * the others to c->filter (kept by show_cb).
 */
static int live_parse_show(struct ctx *c, const struct object *o,
			   const struct live_obj *d, int argc, char **argv,
			   struct req *r, struct perr *e)
{
	struct row_filter *f = &show_filter;
	bool filtered = false;
	uint16_t id;
	int i;

	if (!d->tunnel_filter || !argc || !is_filter_word(argv[0])) {
		if (argc > 1)
			return perr(e, "unexpected argument \"%s\"", argv[1]);
		req_init(r, o->name, "show", d->get, argc ? 0 : NLM_F_DUMP);
		if (!argc)
			return 0;
		if (parse_id(argv[0], "ID", &id, e))
			return -1;
		snprintf(r->name, sizeof(r->name), "%s", argv[0]);
		req_put_u16(r, d->id_attr, id);
		return 0;
	}
	req_init(r, o->name, "show", d->get, NLM_F_DUMP);
	f->state = -1;
	for (i = 0; i < argc; i += 2) {
		const char *k = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		size_t n = strlen(r->name);
		int j;

		if (!is_filter_word(k))
			return perr(e, "unexpected argument \"%s\" (ID, tunnel, user, address or state)",
				    k);
		if (!v)
			return perr(e, "\"%s\" needs a value", k);
		for (j = 0; j < i; j += 2)
			if (!strcmp(argv[j], k))
				return perr(e, "\"%s\" given twice", k);
		/* the filters, for messages: "session show (tunnel 5 user x)" */
		snprintf(r->name + n, sizeof(r->name) - n, "%s%s %s",
			 n ? " " : "", k, v);
		if (!strcmp(k, "tunnel")) {
			if (parse_id(v, "tunnel ID", &id, e))
				return -1;
			req_put_u16(r, KL2TP_A_TUNNEL_ID, id);
		} else if (!strcmp(k, "user")) {
			f->user = v;
		} else if (!strcmp(k, "address")) {
			if (inet_pton(AF_INET, v, &f->addr) != 1)
				return perr(e, "invalid address \"%s\" (expected A.B.C.D)", v);
			f->has_addr = true;
		} else {
			f->state = name_index(&session_states, v);
			if (f->state < 0)
				return perr(e, "unknown state \"%s\"", v);
		}
		filtered = true;
	}
	if (filtered)
		c->filter = f;
	return 0;
}

static int live_parse_reset(const struct object *o, const struct live_obj *d,
			    int argc, char **argv, struct req *r, struct perr *e)
{
	uint16_t id;

	if (argc < 1)
		return perr(e, "expected ID");
	if (argc > 1)
		return perr(e, "unexpected argument \"%s\"", argv[1]);
	if (parse_id(argv[0], "ID", &id, e))
		return -1;
	req_init(r, o->name, "reset", d->reset, 0);
	snprintf(r->name, sizeof(r->name), "%s", argv[0]);
	req_put_u16(r, d->id_attr, id);
	return 0;
}

/* session set ID [session-timeout S] [idle-timeout S] */
static int live_parse_set(const struct object *o, int argc, char **argv,
			  struct req *r, struct perr *e)
{
	bool st = false, it = false;
	uint32_t v;
	uint16_t id;
	int i;

	if (argc < 1)
		return perr(e, "expected ID");
	if (parse_id(argv[0], "ID", &id, e))
		return -1;
	req_init(r, o->name, "set", KL2TP_CMD_SESSION_SET, 0);
	snprintf(r->name, sizeof(r->name), "%s", argv[0]);
	req_put_u16(r, KL2TP_A_SESSION_ID, id);
	for (i = 1; i < argc; i += 2) {
		bool *seen;

		if (!strcmp(argv[i], "session-timeout"))
			seen = &st;
		else if (!strcmp(argv[i], "idle-timeout"))
			seen = &it;
		else
			return perr(e, "unexpected argument \"%s\"", argv[i]);
		if (*seen)
			return perr(e, "\"%s\" given twice", argv[i]);
		*seen = true;
		if (i + 1 == argc)
			return perr(e, "\"%s\" needs a value", argv[i]);
		if (parse_u32(argv[i + 1], 0, UINT32_MAX, &v))
			return perr(e, "invalid %s \"%s\" (seconds, 0: no limit)",
				    argv[i], argv[i + 1]);
		req_put_u32(r, seen == &st ? KL2TP_A_SESSION_TIMEOUT :
			    KL2TP_A_IDLE_TIMEOUT, v);
	}
	if (!st && !it)
		return perr(e, "nothing to set (session-timeout, idle-timeout)");
	return 0;
}

int live_run(struct ctx *c, const struct object *o, int argc, char **argv)
{
	const struct live_obj *d = o->priv;
	const char *verb;
	struct perr e;
	struct req r;
	bool show, set;
	int ret;

	argc = strip_output_flags(c, argc, argv, false);
	verb = argc ? argv[0] : "show";
	if (!strcmp(verb, "help")) {
		object_usage(stdout, o);
		return EXIT_OK;
	}
	/* sessions only: "set" */
	set = !strcmp(verb, "set") && d->get == KL2TP_CMD_SESSION_GET;
	show = strcmp(verb, "reset") && !set;
	if (show && strcmp(verb, "show") && strcmp(verb, "list") && strcmp(verb, "ls")) {
		err_msg("%s: unknown command \"%s\" (try 'l2tpctl %s help')", o->name, verb,
			o->name);
		return EXIT_USAGE;
	}
	if (argc) {
		argc--;
		argv++;
	}
	ret = show ? live_parse_show(c, o, d, argc, argv, &r, &e) :
	      set ? live_parse_set(o, argc, argv, &r, &e) :
		     live_parse_reset(o, d, argc, argv, &r, &e);
	if (ret) {
		err_msg("%s %s: %s", o->name, verb, e.msg);
		return EXIT_USAGE;
	}
	if (show)
		return view_show(c, &d->view, &r);
	ret = ctx_connect(c);
	if (ret)
		return ret;
	ret = req_send(c, &r, NULL, NULL);
	return ret ? req_fail(c, &r, ret) : EXIT_OK;
}

/* Events */

/* RFC 2661 4.4.2: Result Code AVP values for StopCCN ... */
static const char *const stopccn_results[] = {
	"reserved",
	"general request to clear control connection",
	"general error, see error code",
	"control channel already exists",
	"requester is not authorized to establish a control channel",
	"protocol version not supported",
	"requester is being shut down",
	"finite state machine error",
};

/* ... for CDN ... */
static const char *const cdn_results[] = {
	"reserved",
	"call disconnected due to loss of carrier",
	"call disconnected for the reason indicated in error code",
	"call disconnected for administrative reasons",
	"no appropriate facilities available (temporary condition)",
	"no appropriate facilities available (permanent condition)",
	"invalid destination",
	"no carrier detected",
	"busy signal detected",
	"no dial tone",
	"call not established within time allotted by LAC",
	"call connected but no appropriate framing detected",
};

/* ... and General Error Codes, for both. */
static const char *const general_errors[] = {
	"no general error",
	"no control connection exists yet for this LAC-LNS pair",
	"length is wrong",
	"field value out of range or reserved field non-zero",
	"insufficient resources to handle this operation now",
	"session ID is invalid in this context",
	"generic vendor-specific error",
	"try another LNS",
	"shut down due to an unknown AVP with the M-bit set",
};

static const struct names stopccn_names = NAMES(stopccn_results);
static const struct names cdn_names = NAMES(cdn_results);
static const struct names error_names = NAMES(general_errors);

static uint64_t event_of(const struct nl_attrs *at)
{
	uint64_t ev = KL2TP_EVENT_UNSPEC;

	attr_uint(at->tb[KL2TP_A_EVENT], &ev);
	return ev;
}

static bool is_teardown(const struct nl_attrs *at)
{
	uint64_t ev = event_of(at);

	return ev == KL2TP_EVENT_TUNNEL_DOWN || ev == KL2TP_EVENT_SESSION_DOWN;
}

/* The state, named from the enum of the event's object. */
static void get_state(const struct nl_attrs *at, const struct col *col,
		      struct val *v)
{
	const struct names *names = &session_states;
	uint64_t ev = event_of(at), x;

	if (ev == KL2TP_EVENT_TUNNEL_STATE || ev == KL2TP_EVENT_TUNNEL_DOWN)
		names = &tunnel_states;
	else if (ev == KL2TP_EVENT_CLIENT_STATE)
		names = &client_states;
	if (!attr_uint(at->tb[col->a1], &x))
		return;
	v->t = V_STR;
	v->str = name_of(names, x, v->buf, sizeof(v->buf));
}

/* A result or error code: JSON its meaning, tables "CODE (meaning)". */
static void get_code(const struct nl_attrs *at, const struct col *col,
		     struct val *v)
{
	const struct names *names = &error_names;
	const char *meaning;
	char tmp[32];
	uint64_t x;
	int n;

	if (col->a1 == KL2TP_A_RESULT_CODE)
		names = event_of(at) == KL2TP_EVENT_TUNNEL_DOWN ||
			event_of(at) == KL2TP_EVENT_TUNNEL_STATE ? &stopccn_names : &cdn_names;
	if (!attr_uint(at->tb[col->a1], &x))
		return;
	meaning = name_of(names, x, tmp, sizeof(tmp));
	n = snprintf(v->buf, sizeof(v->buf), "%u (%s)", (unsigned int)x, meaning) + 1;
	snprintf(v->buf + n, sizeof(v->buf) - n, "%s", meaning);
	v->t = V_STR;
	v->text = v->buf;
	v->str = v->buf + n;
}

static void get_by(const struct nl_attrs *at, const struct col *col,
		   struct val *v)
{
	if (!is_teardown(at))
		return;
	v->t = V_STR;
	v->str = at->tb[KL2TP_A_LOCAL] ? "local" : "peer";
}

/* The time an event was read (monitor -t), for its "time" key. */
static char event_time[40];

static void get_time(const struct nl_attrs *at, const struct col *col,
		     struct val *v)
{
	if (!event_time[0])
		return;
	v->t = V_STR;
	v->str = event_time;
}

static const struct col event_cols[] = {
	COL(NULL, "time", C_CUSTOM, 0, .get = get_time),
	COL(NULL, "event", C_ENUM, KL2TP_A_EVENT, .names = &event_names),
	COL("tunnel", "tunnel_id", C_UINT, KL2TP_A_TUNNEL_ID),
	COL("session", "session_id", C_UINT, KL2TP_A_SESSION_ID),
	COL("name", "name", C_STR, KL2TP_A_NAME),
	COL("state", "state", C_CUSTOM, KL2TP_A_STATE, .get = get_state),
	COL("remote", "remote_address", C_IP, KL2TP_A_REMOTE_ADDR),
	COL("remote-name", "remote_name", C_STR, KL2TP_A_REMOTE_NAME),
	COL("user", "user", C_STR, KL2TP_A_USER),
	COL("address", "address", C_IP, KL2TP_A_ADDRESS),
	COL("peer", "peer_address", C_IP, KL2TP_A_PEER_ADDRESS),
	COL("dev", "ifname", C_STR, KL2TP_A_IFNAME),
	COL(NULL, "result_code", C_UINT, KL2TP_A_RESULT_CODE),
	COL("result", "result", C_CUSTOM, KL2TP_A_RESULT_CODE, .get = get_code),
	COL(NULL, "error_code", C_UINT, KL2TP_A_ERROR_CODE),
	COL("error", "error", C_CUSTOM, KL2TP_A_ERROR_CODE, .get = get_code),
	COL("message", "message", C_STR, KL2TP_A_MESSAGE),
	COL("by", "by", C_CUSTOM, KL2TP_A_LOCAL, .get = get_by),
};

static const struct view event_view = { event_cols, ARRAY_SIZE(event_cols), true };

static int event_cb(const struct nlmsghdr *nlh, void *arg)
{
	struct ctx *c = arg;
	const struct genlmsghdr *genl = mnl_nlmsg_get_payload(nlh);
	struct nl_attrs at;
	char tmp[32];
	struct jw w;

	if (nlh->nlmsg_type != c->nl.family ||
	    mnl_nlmsg_get_payload_len(nlh) < sizeof(*genl) ||
	    genl->cmd != KL2TP_CMD_EVENT)
		return MNL_CB_OK;
	nl_parse(nlh, &at);
	if (c->timestamp) {
		struct timespec ts;
		struct tm tm;
		size_t n;

		clock_gettime(CLOCK_REALTIME, &ts);
		localtime_r(&ts.tv_sec, &tm);
		n = strftime(event_time, sizeof(event_time), "%Y-%m-%dT%H:%M:%S", &tm);
		snprintf(event_time + n, sizeof(event_time) - n, ".%06ld",
			 ts.tv_nsec / 1000);
		if (!c->json)
			printf("[%s] ", event_time);
	}
	if (c->json) {
		jw_init(&w, stdout);
		view_json(c, &event_view, &at, &w);
		jw_end(&w);
	} else {
		fputs(name_of(&event_names, event_of(&at), tmp, sizeof(tmp)), stdout);
		view_line(c, &event_view, &at, stdout);
		fputc('\n', stdout);
		fflush(stdout);
	}
	return MNL_CB_OK;
}

static void on_signal(int sig)
{
	/* Every line is flushed as it is printed: nothing is lost. */
	_exit(EXIT_OK);
}

int monitor_run(struct ctx *c, const struct object *o, int argc, char **argv)
{
	struct sigaction sa = { .sa_handler = on_signal };
	int ret;

	argc = strip_output_flags(c, argc, argv, false);
	if (argc && !strcmp(argv[0], "help")) {
		object_usage(stdout, o);
		return EXIT_OK;
	}
	if (argc && (!strcmp(argv[0], "-t") || !strcmp(argv[0], "--timestamp"))) {
		c->timestamp = true;
		argc--;
		argv++;
	}
	if (argc) {
		err_msg("monitor: unexpected argument \"%s\"", argv[0]);
		return EXIT_USAGE;
	}
	ret = ctx_connect(c);
	if (ret)
		return ret;
	ret = nl_subscribe(&c->nl, c->nl.mcgrp_events);
	if (ret == -ENOENT) {
		err_msg("monitor: the kl2tp module has no \"%s\" multicast group",
			KL2TP_MCGRP_EVENTS);
		return EXIT_FAIL;
	}
	if (ret)
		return nl_fail(c, "monitor: cannot join the events group", ret);
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	for (;;) {
		ret = nl_listen(&c->nl, event_cb, c);
		if (ret == -ENOBUFS)
			err_msg("monitor: events were lost (receive buffer overrun)");
		else if (ret != -EINTR)
			return nl_fail(c, "monitor", ret);
	}
}

/* Completion */

/* Print the attribute *arg (a name, a user or an id) of a dumped object. */
static int print_attr_cb(const struct nlmsghdr *nlh, void *arg)
{
	const uint16_t *attr = arg;
	struct nl_attrs at;
	const char *s;
	uint64_t v;

	nl_parse(nlh, &at);
	if (*attr == KL2TP_A_NAME || *attr == KL2TP_A_USER) {
		s = attr_str(at.tb[*attr]);
		if (s && *s)
			puts(s);
	} else if (attr_uint(at.tb[*attr], &v)) {
		printf("%" PRIu64 "\n", v);
	}
	return MNL_CB_OK;
}

void complete_dump(struct ctx *c, uint8_t cmd, uint16_t attr)
{
	struct req r;

	if (ctx_connect(c))
		return;
	req_init(&r, "complete", "show", cmd, NLM_F_DUMP);
	req_send(c, &r, print_attr_cb, &attr);
}

void live_complete(struct ctx *c, const struct object *o, int argc, char **argv)
{
	const struct live_obj *d = o->priv;
	int n = argc - 1, j;
	const char *prev;
	size_t i;

	if (n == 0) {
		puts("show");
		puts("reset");
		if (d->get == KL2TP_CMD_SESSION_GET)
			puts("set");
		puts("help");
		return;
	}
	if (!strcmp(argv[0], "reset") ||
	    (!strcmp(argv[0], "set") && d->get == KL2TP_CMD_SESSION_GET)) {
		if (n == 1)
			complete_dump(c, d->get, d->id_attr);
		else if (!strcmp(argv[0], "set") && n % 2 == 0) {
			puts("session-timeout");
			puts("idle-timeout");
		}
		return;
	}
	if (strcmp(argv[0], "show") && strcmp(argv[0], "list") && strcmp(argv[0], "ls"))
		return;
	prev = argv[n - 1];
	if (d->tunnel_filter && n > 1 && is_filter_word(prev)) {
		if (!strcmp(prev, "tunnel"))
			complete_dump(c, KL2TP_CMD_TUNNEL_GET, KL2TP_A_TUNNEL_ID);
		else if (!strcmp(prev, "user"))
			complete_dump(c, KL2TP_CMD_SESSION_GET, KL2TP_A_USER);
		else if (!strcmp(prev, "state"))
			for (i = 0; i < session_states.n; i++)
				puts(session_states.v[i]);
		return;
	}
	if (n == 1)
		complete_dump(c, d->get, d->id_attr);
	if (!d->tunnel_filter)
		return;
	for (i = 0; i < ARRAY_SIZE(filter_words); i++) {
		for (j = 1; j < n; j++)
			if (!strcmp(argv[j], filter_words[i]))
				break;
		if (j == n)
			puts(filter_words[i]);
	}
}
