// SPDX-License-Identifier: GPL-2.0
/*
 * l2tpctl: one look at the namespace: status (tunnels and sessions by
 * state, pools, drops) and metrics (the same with the module's counters,
 * in Prometheus's text format).
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"

/* Status: one look at the namespace, from four dumps */

#define STATUS_POOLS	64	/* pools listed; the rest are summed up */
#define STATUS_LISTENERS 64	/* listeners listed (metrics); the rest only in the drops sum */

struct status {
	uint64_t tunnels, tunnel_state[8];
	uint64_t sessions, session_state[16];
	uint64_t listener_drops, ctrl_errors, rx_errors, rx_drops;
	unsigned int npools;
	struct {
		char name[KL2TP_NAME_MAX];
		uint64_t used, size;
	} pool[STATUS_POOLS];
	uint64_t other_used, other_size;
	unsigned int nlns;
	struct {
		char name[KL2TP_NAME_MAX];
		uint64_t drops, evicted;
	} lns[STATUS_LISTENERS];
};

static uint64_t stat_of(const struct nl_attrs *at, uint16_t type)
{
	const struct col col = COL(NULL, NULL, C_STAT, type);
	struct val v;

	col_value(at, &col, &v);
	return v.t == V_NUM ? v.num : 0;
}

static uint64_t uint_of(const struct nlattr *a)
{
	uint64_t v;

	return attr_uint(a, &v) ? v : 0;
}

static int status_tunnel_cb(const struct nlmsghdr *nlh, void *arg)
{
	struct status *st = arg;
	struct nl_attrs at;
	uint64_t s;

	nl_parse(nlh, &at);
	st->tunnels++;
	s = uint_of(at.tb[KL2TP_A_STATE]);
	if (s < ARRAY_SIZE(st->tunnel_state))
		st->tunnel_state[s]++;
	st->ctrl_errors += stat_of(&at, KL2TP_STAT_CTRL_ERRORS);
	return MNL_CB_OK;
}

static int status_session_cb(const struct nlmsghdr *nlh, void *arg)
{
	struct status *st = arg;
	struct nl_attrs at;
	uint64_t s;

	nl_parse(nlh, &at);
	st->sessions++;
	s = uint_of(at.tb[KL2TP_A_STATE]);
	if (s < ARRAY_SIZE(st->session_state))
		st->session_state[s]++;
	st->rx_errors += stat_of(&at, KL2TP_STAT_RX_ERRORS);
	st->rx_drops += stat_of(&at, KL2TP_STAT_RX_DROPS);
	return MNL_CB_OK;
}

static int status_pool_cb(const struct nlmsghdr *nlh, void *arg)
{
	struct status *st = arg;
	const char *name;
	struct nl_attrs at;

	nl_parse(nlh, &at);
	name = attr_str(at.tb[KL2TP_A_NAME]);
	if (st->npools < STATUS_POOLS && name) {
		snprintf(st->pool[st->npools].name, KL2TP_NAME_MAX, "%s", name);
		st->pool[st->npools].used = uint_of(at.tb[KL2TP_A_POOL_USED]);
		st->pool[st->npools].size = uint_of(at.tb[KL2TP_A_POOL_SIZE]);
		st->npools++;
	} else {
		st->other_used += uint_of(at.tb[KL2TP_A_POOL_USED]);
		st->other_size += uint_of(at.tb[KL2TP_A_POOL_SIZE]);
	}
	return MNL_CB_OK;
}

static int status_lns_cb(const struct nlmsghdr *nlh, void *arg)
{
	struct status *st = arg;
	uint64_t drops, evicted;
	struct nl_attrs at;
	const char *name;

	nl_parse(nlh, &at);
	drops = stat_of(&at, KL2TP_STAT_RX_DROPS);
	evicted = stat_of(&at, KL2TP_STAT_EVICTED);
	st->listener_drops += drops;
	name = attr_str(at.tb[KL2TP_A_NAME]);
	if (st->nlns < STATUS_LISTENERS && name) {
		snprintf(st->lns[st->nlns].name, KL2TP_NAME_MAX, "%s", name);
		st->lns[st->nlns].drops = drops;
		st->lns[st->nlns].evicted = evicted;
		st->nlns++;
	}
	return MNL_CB_OK;
}

/* "N: name n, name n" of the non-zero counts in by (indexed by names). */
static void status_states(const char *what, uint64_t total, const uint64_t *by,
			  size_t n, const struct names *names)
{
	char tmp[32];
	size_t i;
	bool first = true;

	printf("%-10s %" PRIu64, what, total);
	for (i = 0; i < n; i++) {
		if (!by[i])
			continue;
		printf("%s %s %" PRIu64, first ? ":" : ",",
		       name_of(names, i, tmp, sizeof(tmp)), by[i]);
		first = false;
	}
	putchar('\n');
}

static void status_states_json(struct jw *w, const char *key, uint64_t total,
			       const uint64_t *by, size_t n, const struct names *names)
{
	char tmp[32];
	size_t i;

	jw_obj_open(w, key);
	jw_u64(w, "total", total);
	for (i = 0; i < n; i++)
		if (by[i])
			jw_u64(w, name_of(names, i, tmp, sizeof(tmp)), by[i]);
	jw_obj_close(w);
}

static void status_print(struct ctx *c, const struct status *st)
{
	unsigned int i;
	struct jw w;

	if (!c->json) {
		status_states("tunnels", st->tunnels, st->tunnel_state,
			      ARRAY_SIZE(st->tunnel_state), &tunnel_states);
		status_states("sessions", st->sessions, st->session_state,
			      ARRAY_SIZE(st->session_state), &session_states);
		for (i = 0; i < st->npools; i++)
			printf("pool %-5s %" PRIu64 " of %" PRIu64 " used\n",
			       st->pool[i].name, st->pool[i].used, st->pool[i].size);
		if (st->other_size)
			printf("pools      (others) %" PRIu64 " of %" PRIu64 " used\n",
			       st->other_used, st->other_size);
		printf("drops      listeners %" PRIu64 " (rx_drops), tunnels %" PRIu64
		       " (ctrl_errors), sessions %" PRIu64 " (rx_errors) %" PRIu64
		       " (rx_drops)\n", st->listener_drops, st->ctrl_errors,
		       st->rx_errors, st->rx_drops);
		return;
	}
	jw_init(&w, stdout);
	jw_obj_open(&w, NULL);
	status_states_json(&w, "tunnels", st->tunnels, st->tunnel_state,
			   ARRAY_SIZE(st->tunnel_state), &tunnel_states);
	status_states_json(&w, "sessions", st->sessions, st->session_state,
			   ARRAY_SIZE(st->session_state), &session_states);
	jw_arr_open(&w, "pools");
	for (i = 0; i < st->npools; i++) {
		jw_obj_open(&w, NULL);
		jw_str(&w, "name", st->pool[i].name);
		jw_u64(&w, "used", st->pool[i].used);
		jw_u64(&w, "size", st->pool[i].size);
		jw_obj_close(&w);
	}
	jw_arr_close(&w);
	if (st->other_size) {
		jw_obj_open(&w, "other_pools");
		jw_u64(&w, "used", st->other_used);
		jw_u64(&w, "size", st->other_size);
		jw_obj_close(&w);
	}
	jw_obj_open(&w, "drops");
	jw_u64(&w, "listener_rx_drops", st->listener_drops);
	jw_u64(&w, "tunnel_ctrl_errors", st->ctrl_errors);
	jw_u64(&w, "session_rx_errors", st->rx_errors);
	jw_u64(&w, "session_rx_drops", st->rx_drops);
	jw_obj_close(&w);
	jw_obj_close(&w);
	jw_end(&w);
}

/*
 * The counts come from dumps taken one after the other, each whole even
 * when objects come and go meanwhile: a summary, not a snapshot. 0, or the
 * failed request in @r and its error.
 */
static int status_collect(struct ctx *c, const char *what, struct status *st,
			  struct req *r)
{
	int ret;

	c->nl.take_intr = true;		/* one look: counts as read */
	c->nl.was_intr = false;
	req_init(r, "tunnel", "show", KL2TP_CMD_TUNNEL_GET, NLM_F_DUMP);
	ret = req_send(c, r, status_tunnel_cb, st);
	if (!ret) {
		req_init(r, "session", "show", KL2TP_CMD_SESSION_GET, NLM_F_DUMP);
		ret = req_send(c, r, status_session_cb, st);
	}
	if (!ret) {
		req_init(r, "pool", "show", KL2TP_CMD_POOL_GET, NLM_F_DUMP);
		ret = req_send(c, r, status_pool_cb, st);
	}
	if (!ret) {
		req_init(r, "lns", "show", KL2TP_CMD_LNS_GET, NLM_F_DUMP);
		ret = req_send(c, r, status_lns_cb, st);
	}
	c->nl.take_intr = false;
	if (!ret && c->nl.was_intr)
		err_msg("%s: objects changed during the dumps; counted as read", what);
	return ret;
}

/* "status" and "metrics" take no argument but help. 1: go on; else exit. */
static int one_look_args(struct ctx *c, const struct object *o, int argc,
			 char **argv)
{
	argc = strip_output_flags(c, argc, argv, false);
	if (argc && !strcmp(argv[0], "help")) {
		object_usage(stdout, o);
		return EXIT_OK;
	}
	if (argc) {
		err_msg("%s: unexpected argument \"%s\"", o->name, argv[0]);
		return EXIT_USAGE;
	}
	return 1;
}

int status_run(struct ctx *c, const struct object *o, int argc, char **argv)
{
	static struct status st;
	struct req r;
	int ret;

	ret = one_look_args(c, o, argc, argv);
	if (ret != 1)
		return ret;
	ret = ctx_connect(c) ?: status_collect(c, "status", &st, &r);
	if (ret)
		return ret > 0 ? ret : req_fail(c, &r, ret);
	status_print(c, &st);
	return fflush(stdout) ? EXIT_FAIL : EXIT_OK;
}

/*
 * Metrics: what status counts, and the module's own counters
 * (KL2TP_CMD_STATS_GET), in Prometheus's text exposition format, for
 * node_exporter's textfile collector or any scraper that runs a command.
 */

#define METRIC_ENDS	(2 * (KL2TP_RESULT_CODE_OTHER + 1))

struct metric_end {
	uint16_t result;
	bool local;
	uint64_t count;
};

struct counters {
	uint64_t tunnels_up, sessions_up, retransmits, acct_dropped;
	unsigned int ntunnel_ends, nsession_ends;
	struct metric_end tunnel_ends[METRIC_ENDS], session_ends[METRIC_ENDS];
};

static unsigned int parse_ends(const struct nlattr *nest, struct metric_end *ends)
{
	const struct nlattr *a;
	struct nl_attrs at;
	unsigned int n = 0;

	if (!nest)
		return 0;
	mnl_attr_for_each_nested(a, nest) {
		if (mnl_attr_get_type(a) != KL2TP_A_END || n == METRIC_ENDS)
			continue;
		nl_parse_nest(a, &at);
		ends[n].result = (uint16_t)uint_of(at.tb[KL2TP_A_RESULT_CODE]);
		ends[n].local = at.tb[KL2TP_A_LOCAL] != NULL;
		ends[n].count = uint_of(at.tb[KL2TP_A_COUNT]);
		n++;
	}
	return n;
}

static int counters_cb(const struct nlmsghdr *nlh, void *arg)
{
	struct counters *k = arg;
	struct nl_attrs at;

	nl_parse(nlh, &at);
	k->tunnels_up = stat_of(&at, KL2TP_STAT_TUNNELS_UP);
	k->sessions_up = stat_of(&at, KL2TP_STAT_SESSIONS_UP);
	k->retransmits = stat_of(&at, KL2TP_STAT_CTRL_RETRANSMITS);
	k->acct_dropped = stat_of(&at, KL2TP_STAT_ACCT_DROPPED);
	k->ntunnel_ends = parse_ends(at.tb[KL2TP_A_TUNNEL_ENDS], k->tunnel_ends);
	k->nsession_ends = parse_ends(at.tb[KL2TP_A_SESSION_ENDS], k->session_ends);
	return MNL_CB_OK;
}

/* A label value: \ " and newline escaped, as the format wants. */
static void label(const char *s)
{
	for (; *s; s++) {
		if (*s == '\\' || *s == '"')
			putchar('\\');
		if (*s == '\n')
			fputs("\\n", stdout);
		else
			putchar(*s);
	}
}

static void metric_head(const char *name, const char *type, const char *help)
{
	printf("# HELP %s %s\n# TYPE %s %s\n", name, help, name, type);
}

static void metric_states(const char *name, const char *help, const uint64_t *by,
			  size_t n, const struct names *names)
{
	size_t i;

	metric_head(name, "gauge", help);
	for (i = 0; i < n && i < names->n; i++)
		if (names->v[i])
			printf("%s{state=\"%s\"} %" PRIu64 "\n", name, names->v[i], by[i]);
}

static void metric_ends(const char *name, const char *help,
			const struct metric_end *ends, unsigned int n)
{
	unsigned int i;

	metric_head(name, "counter", help);
	for (i = 0; i < n; i++) {
		if (ends[i].result >= KL2TP_RESULT_CODE_OTHER)
			printf("%s{result=\"other\"", name);
		else
			printf("%s{result=\"%u\"", name, ends[i].result);
		printf(",by=\"%s\"} %" PRIu64 "\n", ends[i].local ? "local" : "peer",
		       ends[i].count);
	}
}

static void metric_one(const char *name, const char *type, const char *help,
		       uint64_t v)
{
	metric_head(name, type, help);
	printf("%s %" PRIu64 "\n", name, v);
}

static void metrics_print(const struct status *st, const struct counters *k)
{
	unsigned int i;

	metric_states("kl2tp_tunnels", "Tunnels now, by state.", st->tunnel_state,
		      ARRAY_SIZE(st->tunnel_state), &tunnel_states);
	metric_states("kl2tp_sessions", "Sessions now, by state.", st->session_state,
		      ARRAY_SIZE(st->session_state), &session_states);
	metric_one("kl2tp_tunnels_established_total", "counter",
		   "Tunnels that reached established.", k->tunnels_up);
	metric_one("kl2tp_sessions_up_total", "counter",
		   "Calls whose PPP came up (once each).", k->sessions_up);
	metric_ends("kl2tp_tunnel_ends_total",
		    "Tunnels ended, by StopCCN Result Code (0: none) and by who ended them.",
		    k->tunnel_ends, k->ntunnel_ends);
	metric_ends("kl2tp_session_ends_total",
		    "Calls ended, by CDN Result Code (0: none) and by who ended them.",
		    k->session_ends, k->nsession_ends);
	metric_one("kl2tp_control_retransmits_total", "counter",
		   "Control messages sent again, in every tunnel.", k->retransmits);
	metric_one("kl2tp_accounting_records_dropped_total", "counter",
		   "Accounting records lost to a full queue (no AAA agent took them).",
		   k->acct_dropped);
	metric_head("kl2tp_pool_addresses", "gauge",
		    "Addresses of each pool (of an IPv6 pool: prefixes), by state.");
	for (i = 0; i < st->npools; i++) {
		printf("kl2tp_pool_addresses{pool=\"");
		label(st->pool[i].name);
		printf("\",state=\"used\"} %" PRIu64 "\n", st->pool[i].used);
		printf("kl2tp_pool_addresses{pool=\"");
		label(st->pool[i].name);
		printf("\",state=\"free\"} %" PRIu64 "\n",
		       st->pool[i].size - st->pool[i].used);
	}
	metric_head("kl2tp_listener_rx_drops_total", "counter",
		    "Datagrams a listener dropped (malformed, refused, floods).");
	for (i = 0; i < st->nlns; i++) {
		printf("kl2tp_listener_rx_drops_total{listener=\"");
		label(st->lns[i].name);
		printf("\"} %" PRIu64 "\n", st->lns[i].drops);
	}
	metric_head("kl2tp_listener_evicted_total", "counter",
		    "Tunnels being set up that a listener closed to admit a newer SCCRQ.");
	for (i = 0; i < st->nlns; i++) {
		printf("kl2tp_listener_evicted_total{listener=\"");
		label(st->lns[i].name);
		printf("\"} %" PRIu64 "\n", st->lns[i].evicted);
	}
	metric_one("kl2tp_tunnel_control_errors", "gauge",
		   "Malformed or refused control messages, summed over the tunnels now.",
		   st->ctrl_errors);
	metric_one("kl2tp_session_rx_drops", "gauge",
		   "Data packets dropped, summed over the sessions now.", st->rx_drops);
}

int metrics_run(struct ctx *c, const struct object *o, int argc, char **argv)
{
	static struct status st;
	static struct counters k;
	struct req r;
	int ret;

	ret = one_look_args(c, o, argc, argv);
	if (ret != 1)
		return ret;
	if (c->json) {
		err_msg("metrics: Prometheus's text format only (no -j)");
		return EXIT_USAGE;
	}
	ret = ctx_connect(c);
	if (ret)
		return ret;
	if (!(c->module_features & KL2TP_FEATURE_STATS)) {
		err_msg("metrics: the loaded kl2tp module has no counters (an older one)");
		return EXIT_FAIL;
	}
	ret = status_collect(c, "metrics", &st, &r);
	if (!ret) {
		req_init(&r, "metrics", "show", KL2TP_CMD_STATS_GET, 0);
		ret = req_send(c, &r, counters_cb, &k);
	}
	if (ret)
		return req_fail(c, &r, ret);
	metrics_print(&st, &k);
	return fflush(stdout) ? EXIT_FAIL : EXIT_OK;
}
