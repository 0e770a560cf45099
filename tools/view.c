// SPDX-License-Identifier: GPL-2.0
/*
 * l2tpctl: rendering replies as tables, JSON and event lines.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <inttypes.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "view.h"

static const char *const tunnel_state_v[] = {
	[KL2TP_TUNNEL_IDLE] = "idle",
	[KL2TP_TUNNEL_WAIT_CTL_REPLY] = "wait-ctl-reply",
	[KL2TP_TUNNEL_WAIT_CTL_CONN] = "wait-ctl-conn",
	[KL2TP_TUNNEL_ESTABLISHED] = "established",
	[KL2TP_TUNNEL_CLOSING] = "closing",
};

static const char *const session_state_v[] = {
	[KL2TP_SESSION_IDLE] = "idle",
	[KL2TP_SESSION_WAIT_TUNNEL] = "wait-tunnel",
	[KL2TP_SESSION_WAIT_REPLY] = "wait-reply",
	[KL2TP_SESSION_WAIT_CONNECT] = "wait-connect",
	[KL2TP_SESSION_ESTABLISHED] = "established",
	[KL2TP_SESSION_PPP_LCP] = "ppp-lcp",
	[KL2TP_SESSION_PPP_AUTH] = "ppp-auth",
	[KL2TP_SESSION_PPP_NETWORK] = "ppp-network",
	[KL2TP_SESSION_UP] = "up",
	[KL2TP_SESSION_CLOSING] = "closing",
};

static const char *const client_state_v[] = {
	[KL2TP_CLIENT_DOWN] = "down",
	[KL2TP_CLIENT_DIALING] = "dialing",
	[KL2TP_CLIENT_UP] = "up",
	[KL2TP_CLIENT_WAIT_REDIAL] = "wait-redial",
};

static const char *const auth_v[] = {
	[KL2TP_AUTH_NONE] = "none",
	[KL2TP_AUTH_PAP] = "pap",
	[KL2TP_AUTH_CHAP] = "chap",
	[KL2TP_AUTH_MSCHAPV2] = "mschapv2",
};

static const char *const lns_policy_v[] = {
	[KL2TP_LNS_FAILOVER] = "failover",
	[KL2TP_LNS_RANDOM] = "random",
};

static const char *const stat_v[] = {
	[KL2TP_STAT_CTRL_TX] = "ctrl_tx",
	[KL2TP_STAT_CTRL_RX] = "ctrl_rx",
	[KL2TP_STAT_CTRL_RETRANSMITS] = "ctrl_retransmits",
	[KL2TP_STAT_CTRL_DUP] = "ctrl_dup",
	[KL2TP_STAT_CTRL_OOO] = "ctrl_ooo",
	[KL2TP_STAT_CTRL_ZLB_TX] = "ctrl_zlb_tx",
	[KL2TP_STAT_CTRL_ZLB_RX] = "ctrl_zlb_rx",
	[KL2TP_STAT_CTRL_ERRORS] = "ctrl_errors",
	[KL2TP_STAT_RX_PACKETS] = "rx_packets",
	[KL2TP_STAT_RX_BYTES] = "rx_bytes",
	[KL2TP_STAT_TX_PACKETS] = "tx_packets",
	[KL2TP_STAT_TX_BYTES] = "tx_bytes",
	[KL2TP_STAT_RX_ERRORS] = "rx_errors",
	[KL2TP_STAT_TX_ERRORS] = "tx_errors",
	[KL2TP_STAT_RX_DROPS] = "rx_drops",
	[KL2TP_STAT_CTRL_HIDDEN_RX] = "ctrl_hidden_rx",
	[KL2TP_STAT_EVICTED] = "evicted",
	[KL2TP_STAT_CALL_TIMEOUTS] = "call_timeouts",
	[KL2TP_STAT_TUNNELS_UP] = "tunnels_up",
	[KL2TP_STAT_SESSIONS_UP] = "sessions_up",
	[KL2TP_STAT_ACCT_DROPPED] = "acct_dropped",
};

static const char *const event_v[] = {
	[KL2TP_EVENT_TUNNEL_STATE] = "tunnel-state",
	[KL2TP_EVENT_TUNNEL_DOWN] = "tunnel-down",
	[KL2TP_EVENT_SESSION_STATE] = "session-state",
	[KL2TP_EVENT_SESSION_DOWN] = "session-down",
	[KL2TP_EVENT_CLIENT_STATE] = "client-state",
};

const struct names tunnel_states = NAMES(tunnel_state_v);
const struct names session_states = NAMES(session_state_v);
const struct names client_states = NAMES(client_state_v);
const struct names auth_names = NAMES(auth_v);
const struct names stat_names = NAMES(stat_v);
const struct names event_names = NAMES(event_v);
const struct names lns_policies = NAMES(lns_policy_v);

/* enum kl2tp_aaa: the agent is kl2tp-aaad, which speaks RADIUS */
static const char *const aaa_v[] = {
	[KL2TP_AAA_LOCAL] = "local",
	[KL2TP_AAA_AGENT] = "radius",
	[KL2TP_AAA_AGENT_LOCAL] = "radius,local",
};

static const char *const aaa_via_v[] = {
	[KL2TP_AAA_VIA_LOCAL] = "local",
	[KL2TP_AAA_VIA_PENDING] = "radius-pending",
	[KL2TP_AAA_VIA_AGENT] = "radius",
	[KL2TP_AAA_VIA_NO_AGENT] = "no-agent",
	[KL2TP_AAA_VIA_TIMEOUT] = "agent-timeout",
	[KL2TP_AAA_VIA_UNAVAILABLE] = "no-server",
};

const struct names aaa_names = NAMES(aaa_v);
const struct names aaa_vias = NAMES(aaa_via_v);

const char *name_of(const struct names *names, uint64_t i, char *buf, size_t len)
{
	if (i < names->n && names->v[i])
		return names->v[i];
	snprintf(buf, len, "unknown-%" PRIu64, i);
	return buf;
}

int name_index(const struct names *names, const char *name)
{
	unsigned int i;

	for (i = 0; i < names->n; i++)
		if (names->v[i] && !strcmp(names->v[i], name))
			return (int)i;
	return -1;
}

/* Attributes */

bool attr_uint(const struct nlattr *a, uint64_t *v)
{
	const void *p;

	if (!a)
		return false;
	p = mnl_attr_get_payload(a);
	switch (mnl_attr_get_payload_len(a)) {
	case 1:
		*v = *(const uint8_t *)p;
		return true;
	case 2:
		*v = *(const uint16_t *)p;
		return true;
	case 4:
		*v = *(const uint32_t *)p;
		return true;
	case 8:
		memcpy(v, p, sizeof(*v));
		return true;
	}
	return false;
}

const char *attr_str(const struct nlattr *a)
{
	const char *s;
	uint16_t n;

	if (!a)
		return NULL;
	s = mnl_attr_get_payload(a);
	n = mnl_attr_get_payload_len(a);
	return n && s[n - 1] == '\0' ? s : NULL;
}

bool attr_ip(const struct nlattr *a, uint32_t *be)
{
	if (!a || mnl_attr_get_payload_len(a) != sizeof(*be))
		return false;
	memcpy(be, mnl_attr_get_payload(a), sizeof(*be));
	return true;
}

const char *ip_str(uint32_t be, char *buf)
{
	struct in_addr in = { .s_addr = be };

	if (!inet_ntop(AF_INET, &in, buf, INET_ADDRSTRLEN))
		snprintf(buf, INET_ADDRSTRLEN, "?");
	return buf;
}

bool attr_ip6(const struct nlattr *a, struct in6_addr *in6)
{
	if (!a || mnl_attr_get_payload_len(a) != sizeof(*in6))
		return false;
	memcpy(in6, mnl_attr_get_payload(a), sizeof(*in6));
	return true;
}

const char *ip6_str(const struct in6_addr *in6, char *buf)
{
	if (!inet_ntop(AF_INET6, in6, buf, INET6_ADDRSTRLEN))
		snprintf(buf, INET6_ADDRSTRLEN, "?");
	return buf;
}

bool attr_ip_addr(const struct nlattr *a, struct ip_addr *ip)
{
	if (attr_ip(a, &ip->v4)) {
		ip->len = sizeof(ip->v4);
		return true;
	}
	if (attr_ip6(a, &ip->v6)) {
		ip->len = sizeof(ip->v6);
		return true;
	}
	return false;
}

const char *ip_addr_str(const struct ip_addr *ip, char *buf)
{
	return ip->len == sizeof(ip->v4) ? ip_str(ip->v4, buf) : ip6_str(&ip->v6, buf);
}

/* The text of an in_addr or in6_addr attribute in buf, or NULL. */
static const char *addr_str(const struct nlattr *a, char *buf)
{
	struct ip_addr ip;

	return attr_ip_addr(a, &ip) ? ip_addr_str(&ip, buf) : NULL;
}

/*
 * A.B.C.D:PORT or [X:X::X]:PORT in buf; without a port (@port 0), the
 * address alone. An IPv4-mapped address is shown as IPv4.
 */
static const char *hostport_str(const struct ip_addr *ip, uint64_t port, char *buf,
				size_t len)
{
	char addr[INET6_ADDRSTRLEN];
	struct ip_addr v4 = { .len = sizeof(v4.v4) };
	bool v6 = ip->len == sizeof(ip->v6);

	if (v6 && IN6_IS_ADDR_V4MAPPED(&ip->v6)) {
		memcpy(&v4.v4, &ip->v6.s6_addr[12], sizeof(v4.v4));
		ip = &v4;
		v6 = false;
	}
	ip_addr_str(ip, addr);
	if (!port)
		snprintf(buf, len, "%s", addr);
	else
		snprintf(buf, len, "%s%s%s:%" PRIu64, v6 ? "[" : "", addr, v6 ? "]" : "",
			 port);
	return buf;
}

/* Values */

static void fmt_duration(uint64_t s, char *buf, size_t len)
{
	uint64_t d = s / 86400, h = s / 3600 % 24, m = s / 60 % 60;

	s %= 60;
	if (d)
		snprintf(buf, len, "%" PRIu64 "d%02" PRIu64 "h%02" PRIu64 "m%02" PRIu64 "s",
			 d, h, m, s);
	else if (h)
		snprintf(buf, len, "%" PRIu64 "h%02" PRIu64 "m%02" PRIu64 "s", h, m, s);
	else if (m)
		snprintf(buf, len, "%" PRIu64 "m%02" PRIu64 "s", m, s);
	else
		snprintf(buf, len, "%" PRIu64 "s", s);
}

static void set_str(struct val *v, const char *s)
{
	if (!s)
		return;
	v->t = V_STR;
	v->str = s;
}

static void set_num(struct val *v, const struct nlattr *a)
{
	if (attr_uint(a, &v->num))
		v->t = V_NUM;
}

/* Add an item to a list value, copying it into v->buf. */
static void list_add(struct val *v, const char *s)
{
	size_t used = 0, n = strlen(s) + 1;
	int i;

	v->t = V_LIST;
	for (i = 0; i < v->n; i++)
		used += strlen(v->item[i]) + 1;
	if (v->n == VAL_ITEMS || used + n > sizeof(v->buf))
		return;
	memcpy(v->buf + used, s, n);
	v->item[v->n++] = v->buf + used;
}

static void get_addrs(const struct nl_attrs *at, const struct col *col,
		      struct val *v)
{
	const struct nlattr *a2 = at->tb[col->a2];
	char ip[INET6_ADDRSTRLEN], last[INET_ADDRSTRLEN];
	struct ip_addr a;
	uint32_t b;
	uint64_t x;

	if (!attr_ip_addr(at->tb[col->a1], &a))
		return;
	switch (col->kind) {
	case C_RANGE:
		if (a.len != sizeof(a.v4) || !attr_ip(a2, &b))
			return;
		snprintf(v->buf, sizeof(v->buf), "%s-%s", ip_str(a.v4, ip),
			 ip_str(b, last));
		break;
	case C_PREFIX:
		snprintf(v->buf, sizeof(v->buf), "%s/%" PRIu64, ip_addr_str(&a, ip),
			 attr_uint(a2, &x) ? x : a.len * 8);
		break;
	default:	/* C_HOSTPORT */
		hostport_str(&a, attr_uint(a2, &x) ? x : 0, v->buf, sizeof(v->buf));
	}
	set_str(v, v->buf);
}

static void get_list(const struct nl_attrs *at, const struct col *col,
		     struct val *v)
{
	const uint16_t addrs[] = { col->a1, col->a2, col->a3, col->a4 };
	const struct nlattr *a = at->tb[col->a1], *n;
	char ip[INET_ADDRSTRLEN], tmp[64], addr[INET6_ADDRSTRLEN];
	struct ip_addr la6 = { .len = sizeof(la6.v6) }, first;
	const uint8_t *p;
	size_t off;
	uint64_t x;
	int i;

	switch (col->kind) {
	case C_IPLIST:
		v->t = V_LIST;
		for (i = 0; i < (int)ARRAY_SIZE(addrs); i++)
			if (addrs[i] && addr_str(at->tb[addrs[i]], addr))
				list_add(v, addr);
		break;
	case C_AUTH:
		if (!a)
			break;
		v->t = V_LIST;
		p = mnl_attr_get_payload(a);
		for (i = 0; i < mnl_attr_get_payload_len(a); i++)
			list_add(v, name_of(&auth_names, p[i], tmp, sizeof(tmp)));
		break;
	case C_ROUTES:
		if (!a)
			break;
		v->t = V_LIST;
		for (off = 0; off + sizeof(struct kl2tp_route) <= mnl_attr_get_payload_len(a);
		     off += sizeof(struct kl2tp_route)) {
			struct kl2tp_route rt;

			memcpy(&rt, (const uint8_t *)mnl_attr_get_payload(a) + off, sizeof(rt));
			snprintf(tmp, sizeof(tmp), "%s/%u", ip_str(rt.prefix, ip), rt.len);
			list_add(v, tmp);
		}
		break;
	case C_LNS:
		if (!attr_ip_addr(a, &first))
			break;
		v->t = V_LIST;
		n = at->tb[col->a2];
		x = n && mnl_attr_get_payload_len(n) == 2 ? mnl_attr_get_u16(n) : 0;
		list_add(v, hostport_str(&first, x, tmp, sizeof(tmp)));
		a = at->tb[KL2TP_A_LNS_MORE];
		for (off = 0; a && off + sizeof(struct kl2tp_lns_addr) <=
		     mnl_attr_get_payload_len(a); off += sizeof(struct kl2tp_lns_addr)) {
			struct kl2tp_lns_addr la;

			memcpy(&la, (const uint8_t *)mnl_attr_get_payload(a) + off, sizeof(la));
			la6.v6 = la.addr;
			list_add(v, hostport_str(&la6, la.port, tmp, sizeof(tmp)));
		}
		break;
	default:	/* C_NAMES */
		if (!a) {
			set_str(v, "any");
			break;
		}
		v->t = V_LIST;
		mnl_attr_for_each_nested(n, a) {
			const char *name = attr_str(n);

			if (mnl_attr_get_type(n) == KL2TP_A_NAME && name && *name)
				list_add(v, name);
		}
	}
}

static void get_stat(const struct nl_attrs *at, const struct col *col,
		     struct val *v)
{
	struct nl_attrs st;

	if (!at->tb[KL2TP_A_STATS])
		return;
	nl_parse_nest(at->tb[KL2TP_A_STATS], &st);
	set_num(v, st.tb[col->a1]);
}

void col_value(const struct nl_attrs *at, const struct col *col, struct val *v)
{
	const struct nlattr *a = at->tb[col->a1];
	uint64_t x, y;

	memset(v, 0, offsetof(struct val, buf));
	v->buf[0] = '\0';
	switch (col->kind) {
	case C_STR:
		set_str(v, attr_str(a));
		break;
	case C_UINT:
		set_num(v, a);
		break;
	case C_IP:
		set_str(v, addr_str(a, v->buf));
		break;
	case C_PREFIX:
	case C_HOSTPORT:
	case C_RANGE:
		get_addrs(at, col, v);
		break;
	case C_IPLIST:
	case C_AUTH:
	case C_NAMES:
	case C_ROUTES:
	case C_LNS:
		get_list(at, col, v);
		break;
	case C_ONOFF:
		if (attr_uint(a, &x)) {
			v->t = V_BOOL;
			v->on = x != 0;
		}
		break;
	case C_FLAG:
		v->t = V_BOOL;
		v->on = !!a;
		break;
	case C_IFID:
		if (a && mnl_attr_get_payload_len(a) == 8) {
			struct in6_addr ll;

			memset(&ll, 0, sizeof(ll));
			ll.s6_addr[0] = 0xfe;
			ll.s6_addr[1] = 0x80;
			memcpy(&ll.s6_addr[8], mnl_attr_get_payload(a), 8);
			set_str(v, ip6_str(&ll, v->buf));
		}
		break;
	case C_SET:
		if (a)
			set_str(v, "set");
		break;
	case C_ENUM:
		if (attr_uint(a, &x))
			set_str(v, name_of(col->names, x, v->buf, sizeof(v->buf)));
		break;
	case C_UPTIME:
		set_num(v, a);
		if (v->t == V_NUM) {
			fmt_duration(v->num, v->buf, sizeof(v->buf));
			v->text = v->buf;
		}
		break;
	case C_PAIR:
		if (attr_uint(a, &x) && attr_uint(at->tb[col->a2], &y)) {
			snprintf(v->buf, sizeof(v->buf), "%" PRIu64 "/%" PRIu64, x, y);
			set_str(v, v->buf);
		}
		break;
	case C_STAT:
		get_stat(at, col, v);
		break;
	case C_STATS:
		break;
	case C_CUSTOM:
		col->get(at, col, v);
		break;
	}
}

const char *val_text(struct val *v)
{
	size_t off = 0;
	int i;

	if (v->text)
		return v->text;
	switch (v->t) {
	case V_STR:
		return v->str[0] ? v->str : "-";
	case V_NUM:
		snprintf(v->buf, sizeof(v->buf), "%" PRIu64, v->num);
		return v->buf;
	case V_BOOL:
		return v->on ? "on" : "off";
	case V_LIST:
		if (!v->n)
			return "-";
		/* Join the items in place: they are stored one after another. */
		for (i = 0; i < v->n; i++)
			off += strlen(v->item[i]) + 1;
		for (i = 0; i < (int)off - 1; i++)
			if (v->buf[i] == '\0')
				v->buf[i] = ',';
		v->n = 0;
		v->text = v->buf;
		return v->buf;
	case V_NONE:
		break;
	}
	return "-";
}

static bool col_shown(const struct ctx *c, const struct col *col, bool json)
{
	if ((col->flags & COL_STATS) && !c->stats)
		return false;
	return json ? !!col->key : !!col->head;
}

static void json_stats(const struct nl_attrs *at, struct jw *w)
{
	struct nl_attrs st;
	char tmp[32];
	uint64_t x;
	unsigned int i;

	if (!at->tb[KL2TP_A_STATS])
		return;
	nl_parse_nest(at->tb[KL2TP_A_STATS], &st);
	for (i = KL2TP_STAT_PAD + 1; i < ARRAY_SIZE(st.tb); i++) {
		if (!attr_uint(st.tb[i], &x))
			continue;
		if (i >= stat_names.n || !stat_names.v[i])
			snprintf(tmp, sizeof(tmp), "stat_%u", i);
		jw_u64(w, i < stat_names.n && stat_names.v[i] ? stat_names.v[i] : tmp, x);
	}
}

static void val_json(struct jw *w, const char *key, const struct val *v)
{
	int i;

	switch (v->t) {
	case V_STR:
		jw_str(w, key, v->str);
		break;
	case V_NUM:
		jw_u64(w, key, v->num);
		break;
	case V_BOOL:
		jw_bool(w, key, v->on);
		break;
	case V_LIST:
		jw_arr_open(w, key);
		for (i = 0; i < v->n; i++)
			jw_str(w, NULL, v->item[i]);
		jw_arr_close(w);
		break;
	case V_NONE:
		jw_null(w, key);
		break;
	}
}

void view_json(struct ctx *c, const struct view *v, const struct nl_attrs *at,
	       struct jw *w)
{
	struct val val;
	size_t i;

	jw_obj_open(w, NULL);
	for (i = 0; i < v->ncols; i++) {
		const struct col *col = &v->cols[i];

		if (!col_shown(c, col, true))
			continue;
		if (col->kind == C_STATS) {
			json_stats(at, w);
			continue;
		}
		col_value(at, col, &val);
		if (val.t != V_NONE || !v->sparse)
			val_json(w, col->key, &val);
	}
	jw_obj_close(w);
}

void view_line(struct ctx *c, const struct view *v, const struct nl_attrs *at,
	       FILE *f)
{
	struct val val;
	size_t i;

	for (i = 0; i < v->ncols; i++) {
		const struct col *col = &v->cols[i];

		if (!col_shown(c, col, false))
			continue;
		col_value(at, col, &val);
		if (val.t == V_NONE || (val.t == V_STR && !*val.str))
			continue;
		fprintf(f, " %s ", col->head);
		if (val.t == V_STR && !val.text)
			put_word(f, val.str);
		else
			fputs(val_text(&val), f);
	}
}

/* Tables */

struct table {
	size_t ncols, ncells, cap;
	char **cells;
	bool nomem;
};

static void table_add(struct table *t, const char *s)
{
	size_t cap = t->cap ? t->cap * 2 : 64;
	char **p, *cell;

	if (t->nomem)
		return;
	if (t->ncells == t->cap) {
		p = realloc(t->cells, cap * sizeof(*p));
		if (!p) {
			t->nomem = true;
			return;
		}
		t->cells = p;
		t->cap = cap;
	}
	cell = strdup(s);
	if (!cell)
		t->nomem = true;
	else
		t->cells[t->ncells++] = cell;
}

static void table_free(struct table *t)
{
	size_t i;

	for (i = 0; i < t->ncells; i++)
		free(t->cells[i]);
	free(t->cells);
	memset(t, 0, sizeof(*t));
}

static void table_print(const struct table *t, FILE *f)
{
	size_t i, w[64] = { 0 }, ncols = t->ncols < 64 ? t->ncols : 64;

	for (i = 0; i < t->ncells; i++)
		if (i % t->ncols < ncols && strlen(t->cells[i]) > w[i % t->ncols])
			w[i % t->ncols] = strlen(t->cells[i]);
	for (i = 0; i < t->ncells; i++) {
		size_t col = i % t->ncols;

		if (col + 1 == t->ncols || col >= ncols)
			fprintf(f, "%s\n", t->cells[i]);
		else
			fprintf(f, "%-*s  ", (int)w[col], t->cells[i]);
	}
}

struct show {
	struct ctx *c;
	const struct view *v;
	struct table t;		/* tables */
	char *out;		/* JSON */
	size_t outlen;
	FILE *f;
	struct jw w;
};

static bool row_match(const struct row_filter *f, const struct nl_attrs *at)
{
	const char *user = attr_str(at->tb[KL2TP_A_USER]);
	uint32_t a, p;
	uint64_t st;

	if (f->user && (!user || strcmp(user, f->user)))
		return false;
	if (f->has_addr &&
	    !(attr_ip(at->tb[KL2TP_A_ADDRESS], &a) && a == f->addr) &&
	    !(attr_ip(at->tb[KL2TP_A_PEER_ADDRESS], &p) && p == f->addr))
		return false;
	if (f->state >= 0 &&
	    !(attr_uint(at->tb[KL2TP_A_STATE], &st) && st == (uint64_t)f->state))
		return false;
	return true;
}

static int show_cb(const struct nlmsghdr *nlh, void *arg)
{
	struct show *s = arg;
	struct nl_attrs at;
	struct val val;
	size_t i;

	nl_parse(nlh, &at);
	if (s->c->filter && !row_match(s->c->filter, &at))
		return MNL_CB_OK;
	if (s->c->json) {
		view_json(s->c, s->v, &at, &s->w);
		return MNL_CB_OK;
	}
	for (i = 0; i < s->v->ncols; i++) {
		if (!col_shown(s->c, &s->v->cols[i], false))
			continue;
		col_value(&at, &s->v->cols[i], &val);
		table_add(&s->t, val_text(&val));
	}
	if (s->t.nomem) {
		errno = ENOMEM;
		return MNL_CB_ERROR;
	}
	return MNL_CB_OK;
}

static int show_start(struct show *s)
{
	size_t i;

	if (s->c->json) {
		s->f = open_memstream(&s->out, &s->outlen);
		if (!s->f)
			return -ENOMEM;
		jw_init(&s->w, s->f);
		jw_arr_open(&s->w, NULL);
		return 0;
	}
	for (i = 0; i < s->v->ncols; i++) {
		if (!col_shown(s->c, &s->v->cols[i], false))
			continue;
		table_add(&s->t, s->v->cols[i].head);
		s->t.ncols++;
	}
	return s->t.nomem ? -ENOMEM : 0;
}

static void show_end(struct show *s, bool print)
{
	if (s->f) {
		jw_arr_close(&s->w);
		jw_end(&s->w);
		fclose(s->f);
		if (print)
			fwrite(s->out, 1, s->outlen, stdout);
		free(s->out);
	} else if (print && s->t.ncols) {
		table_print(&s->t, stdout);
	}
	table_free(&s->t);
	s->f = NULL;
	s->out = NULL;
}

/* Runs of a dump that objects keep changing, before it is shown as read. */
struct show_run {
	struct show s;
	struct req *r;
};

static int show_once(void *arg)
{
	struct show_run *run = arg;
	struct ctx *c = run->s.c;
	int ret;

	ret = show_start(&run->s);
	if (!ret)
		ret = req_send(c, run->r, show_cb, &run->s);
	if (!ret && c->nl.was_intr)
		err_msg("%s %s: objects changed during the dump; shown as read",
			run->r->obj, run->r->verb);
	show_end(&run->s, ret == 0);
	return ret;
}

int view_show(struct ctx *c, const struct view *v, struct req *r)
{
	struct show_run run = { .s = { .c = c, .v = v }, .r = r };
	int ret;

	ret = ctx_connect(c);
	if (ret)
		return ret;
	/*
	 * If objects keep going (mass teardown), the last run is shown whole,
	 * with a warning: it lists no object twice, but may miss one that
	 * followed a deleted one.
	 */
	ret = nl_dump_retry(&c->nl, true, show_once, &run);
	if (ret)
		return req_fail(c, r, ret);
	return fflush(stdout) ? EXIT_FAIL : EXIT_OK;
}
