// SPDX-License-Identifier: GPL-2.0
/*
 * l2tpctl: configuration objects (pool, user, peer, lns, client).
 *
 * Each object is a table of keywords: how "add" parses them into
 * attributes, and how "dump" prints them back from a GET reply; and a
 * view: how "show" prints a GET reply.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdarg.h>
#include <string.h>

#include "cmd.h"

enum kw_type {
	KW_NAME,	/* a1: an object name */
	KW_STR,		/* a1: 1..255 printable characters */
	KW_SECRET,	/* a1: binary 1..255, write-only */
	KW_SECRET_FILE,	/* a1: the same, from the first line of a file */
	KW_IP,		/* a1: A.B.C.D */
	KW_PREFIX,	/* a1, a2: A.B.C.D[/LEN] or X:X::X[/LEN] (ip_addr) */
	KW_HOSTPORT,	/* a1, a2: A.B.C.D[:PORT] or [X:X::X][:PORT] (ip_addr) */
	KW_RANGE,	/* a1, a2: A.B.C.D-A.B.C.D */
	KW_DNS,		/* a1, a2: A.B.C.D [A.B.C.D]; a3, a4: X:X::X [X:X::X] */
	KW_U32,		/* a1: min..max */
	KW_U8,		/* a1: min..max, a u8 */
	KW_PREFIX6,	/* a1, a2: X:X::X/LEN, LEN 1..64, whole */
	KW_ONOFF,	/* a1: on|off */
	KW_AUTH,	/* a1: pap|chap|mschapv2[,...] */
	KW_PEERS,	/* a1: any|NAME[,...] */
	KW_LCP_ECHO,	/* a1, a2: SECONDS FAILURES */
	KW_OWN,		/* a1: "own" -> flag */
	KW_IFNAME,	/* a1: device name pattern, e.g. l2tp%d */
	KW_SHDEV,	/* a1: one device name, no '%' */
	KW_DEV,		/* a1: none|one device name, no '%' */
	KW_ROUTES,	/* a1: A.B.C.D/LEN[,...] */
	KW_LNS,		/* a1, a2, KL2TP_A_LNS_MORE: KW_HOSTPORT's[,...] */
	KW_ENUM,	/* a1: one of names */
	KW_NUMBER,	/* a1: none|1..63 printable characters */
};

/* KW_HOSTPORT, and each LNS of a KW_LNS: a port only in brackets for IPv6 */
#define HOSTPORT_SYNTAX	"A.B.C.D[:PORT], [X:X::X][:PORT] or X:X::X"
#define HOSTPORT_META	"A.B.C.D[:PORT]|[X:X::X][:PORT]"

/*
 * How each type reads: value words, syntax for messages, the value in the
 * usage text (generated from the keyword tables: cfg_usage()), view column.
 */
static const struct {
	int nargs;
	const char *syntax;
	const char *meta;
	enum col_kind col;
} kw_types[] = {
	[KW_NAME] = { 1, "NAME", "NAME", C_STR },
	[KW_STR] = { 1, "1..255 printable characters", "STR", C_STR },
	[KW_SECRET] = { 1, "1..255 characters", "STR", C_SET },
	[KW_SECRET_FILE] = { 1, "FILE", "FILE", C_SET },
	[KW_IP] = { 1, "A.B.C.D", "A.B.C.D", C_IP },
	[KW_PREFIX] = { 1, "A.B.C.D[/LEN] (LEN 0..32) or X:X::X[/LEN] (LEN 0..128)",
		       "A.B.C.D[/LEN]|X:X::X[/LEN]", C_PREFIX },
	[KW_HOSTPORT] = { 1, HOSTPORT_SYNTAX, HOSTPORT_META, C_HOSTPORT },
	[KW_RANGE] = { 1, "A.B.C.D-A.B.C.D, at most 65536 addresses",
		       "A.B.C.D-A.B.C.D", C_RANGE },
	[KW_DNS] = { 1, "A.B.C.D [A.B.C.D], or X:X::X [X:X::X] for an IPv6 pool",
		     "ADDRESS [ADDRESS]", C_IPLIST },
	[KW_U32] = { 1, "N", "N", C_UINT },
	[KW_U8] = { 1, "N", "N", C_UINT },
	[KW_PREFIX6] = { 1, "X:X::X/LEN, LEN 1..64", "X:X::X/LEN", C_PREFIX },
	[KW_ONOFF] = { 1, "on|off", "on|off", C_ONOFF },
	[KW_AUTH] = { 1, "pap|chap|mschapv2[,...]", "pap|chap|mschapv2[,...]", C_AUTH },
	[KW_PEERS] = { 1, "any|NAME[,...]", "any|NAME[,...]", C_NAMES },
	[KW_LCP_ECHO] = { 2, "SECONDS FAILURES", "SECONDS FAILURES", C_PAIR },
	[KW_OWN] = { 1, "own", "own", C_FLAG },
	[KW_IFNAME] = { 1, "1..15 characters without '/', ':' or spaces", "PATTERN", C_STR },
	[KW_SHDEV] = { 1, "1..15 characters without '/', ':', '%' or spaces", "NAME",
		       C_STR },
	[KW_DEV] = {
		1, "none or 1..15 characters without '/', ':', '%' or spaces",
		"none|IFNAME", C_STR },
	[KW_ROUTES] = { 1, "none|A.B.C.D/LEN[,...], at most 8", "none|A.B.C.D/LEN[,...]",
			C_ROUTES },
	[KW_LNS] = { 1, HOSTPORT_META "[,...], at most 8", HOSTPORT_META "[,...]", C_LNS },
	[KW_ENUM] = { 1, NULL, NULL, C_ENUM },
	[KW_NUMBER] = { 1, "none or 1..63 printable characters", "none|NUMBER", C_STR },
};
_Static_assert(KL2TP_CALL_NUMBER_MAX == 64, "KW_NUMBER's syntax says 1..63");

/* KW_PREFIX6: IPv6 prefixes of pools and users are 1..64 bits long. */
#define PREFIX6_LEN_MAX		64

struct kw {
	const char *word;
	enum kw_type type;
	uint16_t a1, a2;
	uint16_t a3, a4;	/* KW_DNS: the IPv6 servers' attributes */
	uint32_t min, max;	/* KW_U32, KW_U8 */
	uint8_t group;		/* keywords of one group exclude each other */
	bool required;		/* on add: this one or another of its group */
	bool fixed;		/* set cannot change it: apply replaces the
				 * object when it changes */
	const char *def;	/* the module's value when absent from an add,
				 * for those it always reports (apply) */
	const char *meta;	/* usage text for the value, if not the type's */
	const struct names *names;	/* KW_ENUM */
	const char *obj;	/* KW_NAME: the object it names, if not word */
};

/* A KW_ENUM's values as NAME|NAME..., in buf. */
static const char *enum_syntax(const struct kw *k, char *buf, size_t len)
{
	size_t n = 0;
	unsigned int i;

	buf[0] = '\0';
	for (i = 0; i < k->names->n && n < len; i++)
		n += snprintf(buf + n, len - n, "%s%s", i ? "|" : "", k->names->v[i]);
	return buf;
}

#define XSTR(x)		STR(x)
#define STR(x)		#x
#define DEF_LCP_ECHO	XSTR(KL2TP_DEFAULT_LCP_ECHO) " " XSTR(KL2TP_DEFAULT_LCP_ECHO_FAILURES)

/* KW(word, type, a1, .a2 = ..., .min/.max = ..., .group = ..., .required = ...) */
#define KW(w, t, attr, ...) \
	{ .word = (w), .type = (t), .a1 = (attr), __VA_ARGS__ }

struct cfg_obj {
	uint8_t add, del, get, up, down, set;	/* commands; 0: none */
	const struct kw *kws;
	size_t nkws;
	struct view view;
	/* what the table cannot say: checks of a whole add or set request */
	int (*check)(const struct req *r, bool set, struct perr *e);
};

#define SECRET_LEN	KL2TP_SECRET_MAX

/* Pools */

/* The module's length of the prefixes an IPv6 pool hands out. */
#define PREFIX6_ASSIGN_DEF	64
/* At most this many of them in a pool: 2^16. */
#define PREFIX6_ASSIGN_BITS	16

/* An IPv4 pool is a range, an IPv6 pool a prefix: one kind for its life. */
static const struct kw pool_kws[] = {
	KW("range", KW_RANGE, KL2TP_A_POOL_START, .a2 = KL2TP_A_POOL_END, .group = 1,
	   .required = true),
	KW("prefix", KW_PREFIX6, KL2TP_A_PREFIX6, .a2 = KL2TP_A_PREFIX6_LEN, .group = 1,
	   .required = true, .fixed = true),
	KW("length", KW_U8, KL2TP_A_PREFIX6_ASSIGN, .min = 1, .max = PREFIX6_LEN_MAX,
	   .meta = "LEN", .fixed = true, .def = XSTR(PREFIX6_ASSIGN_DEF)),
	KW("dns", KW_DNS, KL2TP_A_DNS1, .a2 = KL2TP_A_DNS2, .a3 = KL2TP_A_DNS6_1,
	   .a4 = KL2TP_A_DNS6_2),
};

static const struct col pool_cols[] = {
	COL("Name", "name", C_STR, KL2TP_A_NAME),
	COL("Range", "range", C_RANGE, KL2TP_A_POOL_START, .a2 = KL2TP_A_POOL_END),
	COL("Prefix", "prefix", C_PREFIX, KL2TP_A_PREFIX6, .a2 = KL2TP_A_PREFIX6_LEN),
	COL("Length", "length", C_UINT, KL2TP_A_PREFIX6_ASSIGN),
	COL("Size", "size", C_UINT, KL2TP_A_POOL_SIZE),
	COL("Used", "used", C_UINT, KL2TP_A_POOL_USED),
	COL("DNS", "dns", C_IPLIST, KL2TP_A_DNS1, .a2 = KL2TP_A_DNS2,
	    .a3 = KL2TP_A_DNS6_1, .a4 = KL2TP_A_DNS6_2),
};

/*
 * An add of an IPv6 pool (prefix) takes IPv6 DNS servers and a length, at
 * most 65536 prefixes of it; an IPv4 one (range) IPv4 servers. A set of
 * an IPv6 pool changes its DNS servers only; which kind of servers a set
 * takes the tool cannot tell: the module knows the pool's kind and
 * refuses the other's.
 */
static int pool_check(const struct req *r, bool set, struct perr *e)
{
	uint64_t len = 0, assign = PREFIX6_ASSIGN_DEF;
	struct nl_attrs at;
	bool v6;

	nl_parse(r->nlh, &at);
	v6 = !!at.tb[KL2TP_A_PREFIX6];
	if (set && (v6 || at.tb[KL2TP_A_PREFIX6_ASSIGN]))
		return perr(e, "\"%s\" cannot change in place (del and add)",
			    v6 ? "prefix" : "length");
	if (set)
		return 0;
	if (!v6 && at.tb[KL2TP_A_PREFIX6_ASSIGN])
		return perr(e, "\"length\" is for an IPv6 pool (\"prefix\")");
	if (v6 && at.tb[KL2TP_A_DNS1])
		return perr(e, "the dns servers of an IPv6 pool (\"prefix\") are IPv6 addresses");
	if (!v6 && at.tb[KL2TP_A_DNS6_1])
		return perr(e, "the dns servers of an IPv4 pool (\"range\") are IPv4 addresses");
	if (!v6)
		return 0;
	attr_uint(at.tb[KL2TP_A_PREFIX6_LEN], &len);
	attr_uint(at.tb[KL2TP_A_PREFIX6_ASSIGN], &assign);
	if (assign < len)
		return perr(e, "length %u is shorter than the prefix's /%u",
			    (unsigned int)assign, (unsigned int)len);
	if (assign - len > PREFIX6_ASSIGN_BITS)
		return perr(e, "a /%u holds more than %u /%u prefixes (length at most %u)",
			    (unsigned int)len, 1u << PREFIX6_ASSIGN_BITS,
			    (unsigned int)assign,
			    (unsigned int)len + PREFIX6_ASSIGN_BITS);
	return 0;
}

const struct cfg_obj cfg_pool = {
	KL2TP_CMD_POOL_ADD, KL2TP_CMD_POOL_DEL, KL2TP_CMD_POOL_GET, 0, 0,
	KL2TP_CMD_POOL_SET,
	pool_kws, ARRAY_SIZE(pool_kws), VIEW(pool_cols), pool_check,
};

/* Users */

static const struct kw user_kws[] = {
	KW("password", KW_SECRET, KL2TP_A_PASSWORD, .group = 1, .required = true,
	   .meta = "PASS"),
	KW("password-file", KW_SECRET_FILE, KL2TP_A_PASSWORD, .group = 1, .required = true),
	KW("pool", KW_NAME, KL2TP_A_POOL, .group = 2),
	KW("address", KW_IP, KL2TP_A_ADDRESS, .group = 2),
	KW("pool6", KW_NAME, KL2TP_A_POOL6, .group = 3, .obj = "pool"),
	KW("prefix6", KW_PREFIX6, KL2TP_A_PREFIX6, .a2 = KL2TP_A_PREFIX6_LEN, .group = 3),
	KW("pd-pool", KW_NAME, KL2TP_A_PD_POOL, .obj = "pool"),
	KW("max-sessions", KW_U32, KL2TP_A_MAX_SESSIONS, .max = UINT32_MAX, .def = "0"),
	KW("route", KW_ROUTES, KL2TP_A_ROUTES),
};

static const struct col user_cols[] = {
	COL("Name", "name", C_STR, KL2TP_A_NAME),
	COL("Pool", "pool", C_STR, KL2TP_A_POOL),
	COL("Address", "address", C_IP, KL2TP_A_ADDRESS),
	COL("Pool6", "pool6", C_STR, KL2TP_A_POOL6),
	COL("Prefix6", "prefix6", C_PREFIX, KL2TP_A_PREFIX6, .a2 = KL2TP_A_PREFIX6_LEN),
	COL("PDPool", "pd_pool", C_STR, KL2TP_A_PD_POOL),
	COL("MaxSessions", "max_sessions", C_UINT, KL2TP_A_MAX_SESSIONS),
	COL("Sessions", "sessions", C_UINT, KL2TP_A_SESSIONS),
	COL("Routes", "routes", C_ROUTES, KL2TP_A_ROUTES),
	COL("Secret", "secret", C_SET, KL2TP_A_SECRET_SET),
};

const struct cfg_obj cfg_user = {
	KL2TP_CMD_USER_ADD, KL2TP_CMD_USER_DEL, KL2TP_CMD_USER_GET, 0, 0,
	KL2TP_CMD_USER_SET,
	user_kws, ARRAY_SIZE(user_kws), VIEW(user_cols), NULL,
};

/* Peers */

static const struct kw peer_kws[] = {
	KW("address", KW_PREFIX, KL2TP_A_ADDRESS, .a2 = KL2TP_A_PREFIXLEN),
	KW("hostname", KW_STR, KL2TP_A_HOSTNAME),
	KW("secret", KW_SECRET, KL2TP_A_SECRET, .group = 1),
	KW("secret-file", KW_SECRET_FILE, KL2TP_A_SECRET, .group = 1),
	KW("hidden", KW_ONOFF, KL2TP_A_HIDDEN, .def = "off"),
	KW("hello", KW_U32, KL2TP_A_HELLO, .max = KL2TP_HELLO_MAX, .meta = "SECONDS",
	   .def = XSTR(KL2TP_DEFAULT_HELLO)),
	KW("max-sessions", KW_U32, KL2TP_A_MAX_SESSIONS, .max = UINT32_MAX, .def = "0"),
	KW("trust-proxy", KW_ONOFF, KL2TP_A_TRUST_PROXY, .def = "off"),
};

static const struct col peer_cols[] = {
	COL("Name", "name", C_STR, KL2TP_A_NAME),
	COL("Address", "address", C_PREFIX, KL2TP_A_ADDRESS, .a2 = KL2TP_A_PREFIXLEN),
	COL("Hostname", "hostname", C_STR, KL2TP_A_HOSTNAME),
	COL("Hidden", "hidden", C_ONOFF, KL2TP_A_HIDDEN),
	COL("Hello", "hello", C_UINT, KL2TP_A_HELLO),
	COL("MaxSessions", "max_sessions", C_UINT, KL2TP_A_MAX_SESSIONS),
	COL(NULL, "trust_proxy", C_ONOFF, KL2TP_A_TRUST_PROXY),
	COL("Secret", "secret", C_SET, KL2TP_A_SECRET_SET),
};

const struct cfg_obj cfg_peer = {
	KL2TP_CMD_PEER_ADD, KL2TP_CMD_PEER_DEL, KL2TP_CMD_PEER_GET, 0, 0,
	KL2TP_CMD_PEER_SET,
	peer_kws, ARRAY_SIZE(peer_kws), VIEW(peer_cols), NULL,
};

/* Listeners */

static const struct kw lns_kws[] = {
	/* its socket: moving it is del and add */
	KW("listen", KW_HOSTPORT, KL2TP_A_LISTEN_ADDR, .a2 = KL2TP_A_LISTEN_PORT,
	   .required = true, .fixed = true),
	KW("local-ip", KW_IP, KL2TP_A_LOCAL_IP, .required = true),
	KW("pool", KW_NAME, KL2TP_A_POOL, .required = true),
	KW("pool6", KW_NAME, KL2TP_A_POOL6, .obj = "pool"),
	KW("pd-pool", KW_NAME, KL2TP_A_PD_POOL, .obj = "pool"),
	KW("auth", KW_AUTH, KL2TP_A_AUTH),
	KW("hostname", KW_STR, KL2TP_A_HOSTNAME),
	KW("peers", KW_PEERS, KL2TP_A_PEERS),
	KW("mtu", KW_U32, KL2TP_A_MTU, .min = KL2TP_MTU_MIN, .max = KL2TP_MTU_MAX),
	KW("sequencing", KW_ONOFF, KL2TP_A_SEQUENCING, .def = "off"),
	KW("lcp-echo", KW_LCP_ECHO, KL2TP_A_LCP_ECHO_INTERVAL,
	   .a2 = KL2TP_A_LCP_ECHO_FAILURES, .def = DEF_LCP_ECHO),
	KW("max-tunnels", KW_U32, KL2TP_A_MAX_TUNNELS, .max = UINT32_MAX, .def = "0"),
	KW("max-sessions", KW_U32, KL2TP_A_MAX_SESSIONS, .max = UINT32_MAX, .def = "0"),
	KW("ifname", KW_IFNAME, KL2TP_A_IFNAME, .group = 1),
	KW("shared-dev", KW_SHDEV, KL2TP_A_SHARED_DEV, .group = 1),
	KW("strip-domain", KW_ONOFF, KL2TP_A_STRIP_DOMAIN, .def = "off"),
	KW("force-chap", KW_ONOFF, KL2TP_A_FORCE_CHAP, .def = "off"),
	KW("lcp-renegotiate", KW_ONOFF, KL2TP_A_LCP_RENEGOTIATE, .def = "off"),
	KW("mss-clamp", KW_ONOFF, KL2TP_A_MSS_CLAMP, .def = "off"),
	KW("aaa", KW_ENUM, KL2TP_A_AAA, .names = &aaa_names, .def = "local"),
	KW("aaa-timeout", KW_U32, KL2TP_A_AAA_TIMEOUT, .min = 1,
	   .max = KL2TP_AAA_TIMEOUT_MAX, .meta = "SECONDS",
	   .def = XSTR(KL2TP_DEFAULT_AAA_TIMEOUT)),
};

static const struct col lns_cols[] = {
	COL("Name", "name", C_STR, KL2TP_A_NAME),
	COL("Listen", "listen", C_HOSTPORT, KL2TP_A_LISTEN_ADDR, .a2 = KL2TP_A_LISTEN_PORT),
	COL("LocalIP", "local_ip", C_IP, KL2TP_A_LOCAL_IP),
	COL("Pool", "pool", C_STR, KL2TP_A_POOL),
	COL("Pool6", "pool6", C_STR, KL2TP_A_POOL6),
	COL("PDPool", "pd_pool", C_STR, KL2TP_A_PD_POOL),
	COL("Auth", "auth", C_AUTH, KL2TP_A_AUTH),
	COL("Hostname", "hostname", C_STR, KL2TP_A_HOSTNAME),
	COL("Peers", "peers", C_NAMES, KL2TP_A_PEERS),
	COL("MTU", "mtu", C_UINT, KL2TP_A_MTU),
	COL("Seq", "sequencing", C_ONOFF, KL2TP_A_SEQUENCING),
	COL("LcpEcho", NULL, C_PAIR, KL2TP_A_LCP_ECHO_INTERVAL,
	    .a2 = KL2TP_A_LCP_ECHO_FAILURES),
	COL(NULL, "lcp_echo_interval", C_UINT, KL2TP_A_LCP_ECHO_INTERVAL),
	COL(NULL, "lcp_echo_failures", C_UINT, KL2TP_A_LCP_ECHO_FAILURES),
	COL(NULL, "max_tunnels", C_UINT, KL2TP_A_MAX_TUNNELS),
	COL(NULL, "max_sessions", C_UINT, KL2TP_A_MAX_SESSIONS),
	COL(NULL, "ifname", C_STR, KL2TP_A_IFNAME),
	COL(NULL, "shared_dev", C_STR, KL2TP_A_SHARED_DEV),
	COL(NULL, "strip_domain", C_ONOFF, KL2TP_A_STRIP_DOMAIN),
	COL(NULL, "force_chap", C_ONOFF, KL2TP_A_FORCE_CHAP),
	COL(NULL, "lcp_renegotiate", C_ONOFF, KL2TP_A_LCP_RENEGOTIATE),
	COL(NULL, "mss_clamp", C_ONOFF, KL2TP_A_MSS_CLAMP),
	COL(NULL, "aaa", C_ENUM, KL2TP_A_AAA, .names = &aaa_names),
	COL(NULL, "aaa_timeout", C_UINT, KL2TP_A_AAA_TIMEOUT),
	COL(NULL, "stats", C_STATS, KL2TP_A_STATS, .flags = COL_STATS),
};

const struct cfg_obj cfg_lns = {
	KL2TP_CMD_LNS_ADD, KL2TP_CMD_LNS_DEL, KL2TP_CMD_LNS_GET, 0, 0,
	KL2TP_CMD_LNS_SET,
	lns_kws, ARRAY_SIZE(lns_kws), VIEW(lns_cols), NULL,
};

/* Clients */

static const struct kw client_kws[] = {
	KW("lns", KW_LNS, KL2TP_A_REMOTE_ADDR, .a2 = KL2TP_A_REMOTE_PORT,
	   .required = true),
	KW("lns-policy", KW_ENUM, KL2TP_A_LNS_POLICY, .names = &lns_policies,
	   .def = "failover"),
	KW("user", KW_NAME, KL2TP_A_USER, .required = true),
	KW("password", KW_SECRET, KL2TP_A_PASSWORD, .group = 1, .required = true,
	   .meta = "PASS"),
	KW("password-file", KW_SECRET_FILE, KL2TP_A_PASSWORD, .group = 1, .required = true),
	KW("secret", KW_SECRET, KL2TP_A_SECRET, .group = 2),
	KW("secret-file", KW_SECRET_FILE, KL2TP_A_SECRET, .group = 2),
	KW("hostname", KW_STR, KL2TP_A_HOSTNAME),
	KW("default-route", KW_ONOFF, KL2TP_A_DEFAULT_ROUTE, .def = "off"),
	KW("redial", KW_ONOFF, KL2TP_A_REDIAL, .def = "on"),
	KW("ipv6", KW_ONOFF, KL2TP_A_IPV6, .def = "off"),
	KW("pd", KW_ONOFF, KL2TP_A_PD, .def = "off"),
	KW("pd-dev", KW_DEV, KL2TP_A_PD_DEV),
	KW("mtu", KW_U32, KL2TP_A_MTU, .min = KL2TP_MTU_MIN, .max = KL2TP_MTU_MAX),
	KW("auth", KW_AUTH, KL2TP_A_AUTH),
	KW("hello", KW_U32, KL2TP_A_HELLO, .max = KL2TP_HELLO_MAX, .meta = "SECONDS",
	   .def = XSTR(KL2TP_DEFAULT_HELLO)),
	KW("hidden", KW_ONOFF, KL2TP_A_HIDDEN, .def = "off"),
	KW("tunnel", KW_OWN, KL2TP_A_TUNNEL_OWN),
	KW("lcp-echo", KW_LCP_ECHO, KL2TP_A_LCP_ECHO_INTERVAL,
	   .a2 = KL2TP_A_LCP_ECHO_FAILURES, .def = DEF_LCP_ECHO),
	KW("ifname", KW_IFNAME, KL2TP_A_IFNAME, .group = 3),
	KW("shared-dev", KW_SHDEV, KL2TP_A_SHARED_DEV, .group = 3),
	KW("mss-clamp", KW_ONOFF, KL2TP_A_MSS_CLAMP, .def = "off"),
	KW("calling-number", KW_NUMBER, KL2TP_A_CALLING_NUMBER),
	KW("called-number", KW_NUMBER, KL2TP_A_CALLED_NUMBER),
};
_Static_assert(ARRAY_SIZE(client_kws) <= 32, "parse_add(): a bit per keyword");

static const struct col client_cols[] = {
	COL("Name", "name", C_STR, KL2TP_A_NAME),
	COL("LNS", "lns_list", C_LNS, KL2TP_A_REMOTE_ADDR, .a2 = KL2TP_A_REMOTE_PORT),
	COL(NULL, "lns", C_HOSTPORT, KL2TP_A_REMOTE_ADDR, .a2 = KL2TP_A_REMOTE_PORT),
	COL(NULL, "lns_policy", C_ENUM, KL2TP_A_LNS_POLICY, .names = &lns_policies),
	COL(NULL, "lns_current", C_UINT, KL2TP_A_LNS_CURRENT),
	COL("User", "user", C_STR, KL2TP_A_USER),
	COL("State", "state", C_ENUM, KL2TP_A_STATE, .names = &client_states),
	COL("TunnelID", "tunnel_id", C_UINT, KL2TP_A_TUNNEL_ID),
	COL("SessionID", "session_id", C_UINT, KL2TP_A_SESSION_ID),
	COL("DefRoute", "default_route", C_ONOFF, KL2TP_A_DEFAULT_ROUTE),
	COL("Redial", "redial", C_ONOFF, KL2TP_A_REDIAL),
	COL("IPv6", "ipv6", C_ONOFF, KL2TP_A_IPV6),
	COL("PD", "pd", C_ONOFF, KL2TP_A_PD),
	COL("PDDev", "pd_dev", C_STR, KL2TP_A_PD_DEV),
	COL("MTU", "mtu", C_UINT, KL2TP_A_MTU),
	COL("Auth", "auth", C_AUTH, KL2TP_A_AUTH),
	COL(NULL, "hostname", C_STR, KL2TP_A_HOSTNAME),
	COL(NULL, "hello", C_UINT, KL2TP_A_HELLO),
	COL(NULL, "hidden", C_ONOFF, KL2TP_A_HIDDEN),
	COL(NULL, "tunnel_own", C_FLAG, KL2TP_A_TUNNEL_OWN),
	COL(NULL, "secret", C_SET, KL2TP_A_SECRET_SET),
	COL(NULL, "password", C_SET, KL2TP_A_PASSWORD_SET),
	COL(NULL, "lcp_echo_interval", C_UINT, KL2TP_A_LCP_ECHO_INTERVAL),
	COL(NULL, "lcp_echo_failures", C_UINT, KL2TP_A_LCP_ECHO_FAILURES),
	COL(NULL, "ifname", C_STR, KL2TP_A_IFNAME),
	COL(NULL, "shared_dev", C_STR, KL2TP_A_SHARED_DEV),
	COL(NULL, "mss_clamp", C_ONOFF, KL2TP_A_MSS_CLAMP),
	COL(NULL, "calling_number", C_STR, KL2TP_A_CALLING_NUMBER),
	COL(NULL, "called_number", C_STR, KL2TP_A_CALLED_NUMBER),
};

const struct cfg_obj cfg_client = {
	KL2TP_CMD_CLIENT_ADD, KL2TP_CMD_CLIENT_DEL, KL2TP_CMD_CLIENT_GET,
	KL2TP_CMD_CLIENT_UP, KL2TP_CMD_CLIENT_DOWN, KL2TP_CMD_CLIENT_SET,
	client_kws, ARRAY_SIZE(client_kws), VIEW(client_cols), NULL,
};

/* Parsing values */

static bool printable(const char *s)
{
	for (; *s; s++)
		if (*s < ' ' || *s > '~')
			return false;
	return true;
}

static int put_secret(struct req *r, const struct kw *k, const char *s,
		      struct perr *e)
{
	size_t n = strlen(s);

	/* Never echo a secret. */
	if (n < 1 || n > SECRET_LEN)
		return perr(e, "the %s must be 1..%d characters", k->word, SECRET_LEN);
	req_put(r, k->a1, n, s);
	return 0;
}

static int put_auth(struct req *r, const struct kw *k, const char *s,
		    struct perr *e)
{
	uint8_t methods[KL2TP_AUTH_LIST_MAX];
	char buf[128], *tok, *save = NULL;
	size_t n = 0, i;
	int m;

	if (strlen(s) >= sizeof(buf))
		return perr(e, "invalid auth \"%s\"", s);
	strcpy(buf, s);
	for (tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		m = name_index(&auth_names, tok);
		if (m <= KL2TP_AUTH_NONE)
			return perr(e, "unknown auth method \"%s\" (expected pap, chap or mschapv2)",
				    tok);
		for (i = 0; i < n; i++)
			if (methods[i] == m)
				return perr(e, "auth method \"%s\" given twice", tok);
		methods[n++] = (uint8_t)m;
	}
	if (!n || s[0] == ',' || s[strlen(s) - 1] == ',' || strstr(s, ",,"))
		return perr(e, "invalid auth \"%s\" (expected pap|chap|mschapv2[,...])", s);
	req_put(r, k->a1, n, methods);
	return 0;
}

/* A comma-separated list: no empty item, shorter than @size. */
static bool list_ok(const char *s, size_t size)
{
	size_t n = strlen(s);

	return n && n < size && s[0] != ',' && s[n - 1] != ',' && !strstr(s, ",,");
}

/* Framed routes: whole networks, each once. */
static int put_routes(struct req *r, const struct kw *k, const char *s,
		      struct perr *e)
{
	struct kl2tp_route rt[KL2TP_ROUTES_MAX];
	char buf[KL2TP_ROUTES_MAX * 20], *tok, *save = NULL;
	size_t n = 0, i;
	uint32_t a;
	uint8_t len;

	if (!strcmp(s, "none")) {
		if (!strcmp(r->verb, "set"))	/* empty: remove them */
			req_put(r, k->a1, 0, "");
		return 0;
	}
	if (!list_ok(s, sizeof(buf)))
		return perr(e, "invalid route \"%s\" (expected %s)", s,
			    kw_types[k->type].syntax);
	strcpy(buf, s);
	memset(rt, 0, sizeof(rt));
	for (tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		if (n == KL2TP_ROUTES_MAX)
			return perr(e, "more than %d routes", KL2TP_ROUTES_MAX);
		if (!strchr(tok, '/') || parse_prefix(tok, &a, &len) || !len)
			return perr(e, "invalid route \"%s\" (expected A.B.C.D/LEN, LEN 1..32)",
				    tok);
		if (ntohl(a) & ~(0xffffffffu << (32 - len)))
			return perr(e, "route \"%s\" has bits set beyond /%u", tok, len);
		for (i = 0; i < n; i++)
			if (rt[i].prefix == a && rt[i].len == len)
				return perr(e, "route \"%s\" given twice", tok);
		rt[n].prefix = a;
		rt[n++].len = len;
	}
	req_put(r, k->a1, n * sizeof(rt[0]), rt);
	return 0;
}

static int put_peers(struct req *r, const struct kw *k, const char *s,
		     struct perr *e)
{
	char buf[REQ_BUFSZ], *tok, *save = NULL;
	struct nlattr *nest;

	if (!strcmp(s, "any")) {
		if (!strcmp(r->verb, "set"))	/* empty: drop the list */
			req_nest_end(r, req_nest_start(r, k->a1));
		return 0;		/* absent: any */
	}
	if (!list_ok(s, sizeof(buf)))
		return perr(e, "invalid peers \"%s\" (expected any|NAME[,...])", s);
	strcpy(buf, s);
	nest = req_nest_start(r, k->a1);
	for (tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		if (!strcmp(tok, "any"))
			return perr(e, "\"any\" cannot be combined with peer names");
		if (parse_name(tok, "peer name", e))
			return -1;
		req_put_str(r, KL2TP_A_NAME, tok);
	}
	req_nest_end(r, nest);
	return 0;
}

static int put_u32(struct req *r, uint16_t type, const char *word,
		   const char *s, uint32_t min, uint32_t max, struct perr *e)
{
	uint32_t v;

	if (parse_u32(s, min, max, &v))
		return perr(e, "invalid %s \"%s\" (expected %u..%u)", word, s, min, max);
	req_put_u32(r, type, v);
	return 0;
}

static int bad(const struct kw *k, const char *s, struct perr *e)
{
	return perr(e, "invalid %s \"%s\" (expected %s)", k->word, s,
		    kw_types[k->type].syntax);
}

/* An address keyword's value that does not parse (@ret: PARSE_MAPPED or -1). */
static int bad_addr(const struct kw *k, const char *s, const char *syntax, int ret,
		    struct perr *e)
{
	if (ret == PARSE_MAPPED)
		return perr(e, "invalid %s \"%s\" (an IPv4-mapped IPv6 address: give the IPv4 address)",
			    k->word, s);
	return perr(e, "invalid %s \"%s\" (expected %s)", k->word, s, syntax);
}

/* Put an ip_addr attribute: 4 or 16 bytes. */
static void put_ip_addr(struct req *r, uint16_t type, const struct ip_addr *a)
{
	req_put(r, type, a->len, a->b);
}

/*
 * A client's LNSes, in order, each once: the first as KL2TP_A_REMOTE_ADDR
 * (4 or 16 bytes) and _PORT, the others in KL2TP_A_LNS_MORE (an IPv4 one
 * IPv4-mapped; a missing port: 1701).
 */
static int put_lns(struct req *r, const struct kw *k, const char *s,
		   struct perr *e)
{
	struct kl2tp_lns_addr lns[KL2TP_LNS_MAX];
	/* each at most "[" INET6_ADDRSTRLEN "]:65535," */
	char buf[KL2TP_LNS_MAX * (INET6_ADDRSTRLEN + 8)], *tok, *save = NULL;
	struct ip_addr a, first;
	size_t n = 0, i;
	uint16_t port;
	int ret;

	if (!list_ok(s, sizeof(buf)))
		return bad(k, s, e);
	strcpy(buf, s);
	memset(lns, 0, sizeof(lns));
	for (tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		if (n == KL2TP_LNS_MAX)
			return perr(e, "more than %d LNSes", KL2TP_LNS_MAX);
		ret = parse_hostport(tok, &a, &port);
		if (ret)
			return bad_addr(k, tok, HOSTPORT_SYNTAX, ret, e);
		if (!n)
			first = a;
		if (a.len == sizeof(a.v4)) {
			lns[n].addr.s6_addr[10] = 0xff;
			lns[n].addr.s6_addr[11] = 0xff;
			memcpy(&lns[n].addr.s6_addr[12], &a.v4, sizeof(a.v4));
		} else {
			lns[n].addr = a.v6;
		}
		lns[n].port = port ? port : KL2TP_DEFAULT_PORT;
		for (i = 0; i < n; i++)
			if (IN6_ARE_ADDR_EQUAL(&lns[i].addr, &lns[n].addr) &&
			    lns[i].port == lns[n].port)
				return perr(e, "%s \"%s\" given twice", k->word, tok);
		n++;
	}
	put_ip_addr(r, k->a1, &first);
	req_put_u16(r, k->a2, lns[0].port);
	if (n > 1)
		req_put(r, KL2TP_A_LNS_MORE, (n - 1) * sizeof(lns[0]), &lns[1]);
	return 0;
}

/* One DNS server: 4 (IPv4) or 16 bytes (IPv6, with a ':') into a; 0 if bad. */
static size_t parse_dns(const char *s, void *a)
{
	if (strchr(s, ':'))
		return parse_ip6(s, a) ? 0 : sizeof(struct in6_addr);
	return parse_ip4(s, a) ? 0 : sizeof(uint32_t);
}

/*
 * One or two DNS servers, both IPv4 (a1, a2) or both IPv6 (a3, a4): the
 * second is the next word if it is an address. Returns the words used.
 */
static int put_dns(struct req *r, const struct kw *k, int argc, char **argv,
		   struct perr *e)
{
	struct in6_addr a, b;
	size_t n, m;

	n = parse_dns(argv[0], &a);
	if (!n)
		return bad(k, argv[0], e);
	req_put(r, n == sizeof(a) ? k->a3 : k->a1, n, &a);
	m = argc < 2 ? 0 : parse_dns(argv[1], &b);
	if (!m)
		return 1;	/* the next keyword */
	if (m != n)
		return perr(e, "%s \"%s\" and \"%s\": both IPv4 or both IPv6", k->word,
			    argv[0], argv[1]);
	req_put(r, n == sizeof(a) ? k->a4 : k->a2, m, &b);
	return 2;
}

/* X:X::X/LEN, LEN 1..64, no bit set beyond it. */
static int put_prefix6(struct req *r, const struct kw *k, const char *s,
		       struct perr *e)
{
	struct in6_addr a;
	uint8_t len;

	if (parse_prefix6(s, &a, &len) || len < 1 || len > PREFIX6_LEN_MAX)
		return bad(k, s, e);
	if (!prefix6_clean(&a, len))
		return perr(e, "%s \"%s\" has bits set beyond /%u", k->word, s, len);
	req_put(r, k->a1, sizeof(a), &a);
	req_put_u8(r, k->a2, len);
	return 0;
}

/*
 * Parse keyword k's value words (argv, argc of them are left) into r.
 * Returns the number of words used, or -1.
 */
static int kw_parse(struct req *r, const struct kw *k, int argc, char **argv,
		    struct perr *e)
{
	char line[SECRET_LEN + 2];
	struct ip_addr ip;
	uint32_t a, b;
	uint16_t port;
	uint8_t u8;
	int m;

	if (argc < kw_types[k->type].nargs)
		return perr(e, "\"%s\" needs a value (%s)", k->word,
			    k->type == KW_ENUM ? enum_syntax(k, line, sizeof(line)) :
			    kw_types[k->type].syntax);
	switch (k->type) {
	case KW_NAME:
		if (parse_name(argv[0], k->word, e))
			return -1;
		req_put_str(r, k->a1, argv[0]);
		break;
	case KW_STR:
		if (!argv[0][0] || strlen(argv[0]) >= KL2TP_HOSTNAME_MAX || !printable(argv[0]))
			return bad(k, argv[0], e);
		req_put_str(r, k->a1, argv[0]);
		break;
	case KW_NUMBER:		/* "none": "" */
		if (!strcmp(argv[0], "none")) {
			req_put_str(r, k->a1, "");
			break;
		}
		if (!argv[0][0] || strlen(argv[0]) >= KL2TP_CALL_NUMBER_MAX ||
		    !printable(argv[0]))
			return bad(k, argv[0], e);
		req_put_str(r, k->a1, argv[0]);
		break;
	case KW_SECRET:
		return put_secret(r, k, argv[0], e) ?: 1;
	case KW_SECRET_FILE:
		if (read_first_line(argv[0], line, sizeof(line), e))
			return -1;
		return put_secret(r, k, line, e) ?: 1;
	case KW_IP:
		if (parse_ip4(argv[0], &a))
			return bad(k, argv[0], e);
		req_put(r, k->a1, sizeof(a), &a);
		break;
	case KW_PREFIX:
		m = parse_ip_prefix(argv[0], &ip, &u8);
		if (m)
			return bad_addr(k, argv[0], kw_types[k->type].syntax, m, e);
		put_ip_addr(r, k->a1, &ip);
		req_put_u8(r, k->a2, u8);
		break;
	case KW_HOSTPORT:
		m = parse_hostport(argv[0], &ip, &port);
		if (m)
			return bad_addr(k, argv[0], kw_types[k->type].syntax, m, e);
		put_ip_addr(r, k->a1, &ip);
		req_put_u16(r, k->a2, port ? port : KL2TP_DEFAULT_PORT);
		break;
	case KW_RANGE:
		if (parse_range(argv[0], &a, &b) || ntohl(b) - ntohl(a) >= 65536)
			return bad(k, argv[0], e);
		req_put(r, k->a1, sizeof(a), &a);
		req_put(r, k->a2, sizeof(b), &b);
		break;
	case KW_DNS:
		return put_dns(r, k, argc, argv, e);
	case KW_U32:
		return put_u32(r, k->a1, k->word, argv[0], k->min, k->max, e) ?: 1;
	case KW_U8:
		if (parse_u32(argv[0], k->min, k->max, &a))
			return perr(e, "invalid %s \"%s\" (expected %u..%u)", k->word,
				    argv[0], k->min, k->max);
		req_put_u8(r, k->a1, (uint8_t)a);
		break;
	case KW_PREFIX6:
		return put_prefix6(r, k, argv[0], e) ?: 1;
	case KW_ONOFF:
		if (parse_onoff(argv[0], &u8))
			return bad(k, argv[0], e);
		req_put_u8(r, k->a1, u8);
		break;
	case KW_AUTH:
		return put_auth(r, k, argv[0], e) ?: 1;
	case KW_PEERS:
		return put_peers(r, k, argv[0], e) ?: 1;
	case KW_ROUTES:
		return put_routes(r, k, argv[0], e) ?: 1;
	case KW_LNS:
		return put_lns(r, k, argv[0], e) ?: 1;
	case KW_ENUM:
		m = name_index(k->names, argv[0]);
		if (m < 0)
			return perr(e, "invalid %s \"%s\" (expected %s)", k->word, argv[0],
				    enum_syntax(k, line, sizeof(line)));
		req_put_u8(r, k->a1, (uint8_t)m);
		break;
	case KW_LCP_ECHO:
		if (put_u32(r, k->a1, "lcp-echo interval", argv[0], 0,
			    KL2TP_LCP_ECHO_INTERVAL_MAX, e) ||
		    put_u32(r, k->a2, "lcp-echo failures", argv[1],
			    KL2TP_LCP_ECHO_FAILURES_MIN, KL2TP_LCP_ECHO_FAILURES_MAX, e))
			return -1;
		return 2;
	case KW_OWN:
		if (strcmp(argv[0], "own"))
			return bad(k, argv[0], e);
		req_put_flag(r, k->a1);
		break;
	case KW_IFNAME:
	case KW_SHDEV:
	case KW_DEV:
		/* KW_DEV's "none": absent on add, "" (remove it) on set */
		if (k->type == KW_DEV && !strcmp(argv[0], "none")) {
			if (!strcmp(r->verb, "set"))
				req_put_str(r, k->a1, "");
			break;
		}
		if (!argv[0][0] || strlen(argv[0]) >= 16 || !printable(argv[0]) ||
		    strpbrk(argv[0], k->type == KW_IFNAME ? "/: " : "/: %") ||
		    !strcmp(argv[0], ".") || !strcmp(argv[0], ".."))
			return bad(k, argv[0], e);
		req_put_str(r, k->a1, argv[0]);
		break;
	}
	return 1;
}

static const struct kw *kw_find(const struct cfg_obj *d, const char *word)
{
	size_t i;

	for (i = 0; i < d->nkws; i++)
		if (!strcmp(d->kws[i].word, word))
			return &d->kws[i];
	return NULL;
}

/* Check k against the keywords seen so far (a bit per index). */
static int kw_check_seen(const struct cfg_obj *d, const struct kw *k,
			 uint32_t seen, struct perr *e)
{
	size_t i;

	for (i = 0; i < d->nkws; i++) {
		if (!(seen & (1u << i)))
			continue;
		if (&d->kws[i] == k)
			return perr(e, "\"%s\" given twice", k->word);
		if (k->group && d->kws[i].group == k->group)
			return perr(e, "\"%s\" and \"%s\" exclude each other",
				    d->kws[i].word, k->word);
	}
	return 0;
}

static int kw_check_required(const struct cfg_obj *d, uint32_t seen,
			     struct perr *e)
{
	char words[128];
	size_t i, j, n;

	for (i = 0; i < d->nkws; i++) {
		const struct kw *k = &d->kws[i];
		bool ok = seen & (1u << i);

		if (!k->required)
			continue;
		n = 0;
		words[0] = '\0';
		for (j = 0; j < d->nkws; j++) {
			if (j != i && (!k->group || d->kws[j].group != k->group))
				continue;
			ok |= !!(seen & (1u << j));
			n += (size_t)snprintf(words + n, sizeof(words) - n, "%s\"%s\"",
					      n ? " or " : "", d->kws[j].word);
			if (n >= sizeof(words))
				n = sizeof(words) - 1;
		}
		if (!ok)
			return perr(e, "%s is required", words);
	}
	return 0;
}

/* NAME KEYWORD VALUE...: all required ones on add, at least one on set. */
static int parse_add(const struct cfg_obj *d, int argc, char **argv,
		     struct req *r, bool set, struct perr *e)
{
	const struct kw *k;
	uint32_t seen = 0;
	int i, n;

	if (argc < 1 || kw_find(d, argv[0]))
		return perr(e, "expected NAME%s%s%s", argc ? " before \"" : "",
			    argc ? argv[0] : "", argc ? "\"" : "");
	if (parse_name(argv[0], "name", e))
		return -1;
	req_put_name(r, argv[0]);
	for (i = 1; i < argc; i += 1 + n) {
		k = kw_find(d, argv[i]);
		if (!k)
			return perr(e, "unknown keyword \"%s\"", argv[i]);
		if (kw_check_seen(d, k, seen, e))
			return -1;
		seen |= 1u << (k - d->kws);
		n = kw_parse(r, k, argc - i - 1, argv + i + 1, e);
		if (n < 0)
			return -1;
	}
	if (set && !seen)
		return perr(e, "nothing to change");
	if (!set && kw_check_required(d, seen, e))
		return -1;
	return d->check ? d->check(r, set, e) : 0;
}

static int parse_one_name(int argc, char **argv, struct req *r, struct perr *e)
{
	if (argc < 1)
		return perr(e, "expected NAME");
	if (argc > 1)
		return perr(e, "unexpected argument \"%s\"", argv[1]);
	if (parse_name(argv[0], "name", e))
		return -1;
	req_put_name(r, argv[0]);
	return 0;
}

int cfg_parse(const struct object *o, int argc, char **argv, struct req *r,
	      struct perr *e)
{
	static const char *const verbs[] = { "add", "del", "up", "down", "set" };
	const struct cfg_obj *d = o->priv;
	uint8_t cmds[] = { d->add, d->del, d->up, d->down, d->set };
	uint8_t undo[] = { d->del, 0, d->down, 0, 0 };
	static const char *const undo_verbs[] = { "del", NULL, "down", NULL, NULL };
	struct perr sub;
	size_t i;
	int ret;

	for (i = 0; i < ARRAY_SIZE(verbs); i++)
		if (argc && cmds[i] && !strcmp(argv[0], verbs[i]))
			break;
	if (i == ARRAY_SIZE(verbs))
		return perr(e, "%s: unknown command \"%s\" (try 'l2tpctl %s help')",
			    o->name, argc ? argv[0] : "", o->name);
	req_init(r, o->name, verbs[i], cmds[i], 0);
	r->undo_cmd = undo[i];
	r->undo_verb = undo_verbs[i];
	if (i == 0 || i == 4)
		ret = parse_add(d, argc - 1, argv + 1, r, i == 4, &sub);
	else
		ret = parse_one_name(argc - 1, argv + 1, r, &sub);
	if (!ret && r->overflow)
		ret = perr(&sub, "too many arguments");
	if (ret)
		return perr(e, "%s %s: %s", o->name, verbs[i], sub.msg);
	return 0;
}

/* show */

static int cfg_show(struct ctx *c, const struct object *o, int argc, char **argv)
{
	const struct cfg_obj *d = o->priv;
	struct perr e;
	struct req r;

	argc = strip_output_flags(c, argc, argv, false);
	if (argc > 1) {
		err_msg("%s show: unexpected argument \"%s\"", o->name, argv[1]);
		return EXIT_USAGE;
	}
	if (argc == 1 && parse_name(argv[0], "name", &e)) {
		err_msg("%s show: %s", o->name, e.msg);
		return EXIT_USAGE;
	}
	req_init(&r, o->name, "show", d->get, argc ? 0 : NLM_F_DUMP);
	if (argc)
		req_put_name(&r, argv[0]);
	return view_show(c, &d->view, &r);
}

int cfg_get_all(struct ctx *c, const struct object *o, nl_reply_cb cb, void *arg)
{
	const struct cfg_obj *d = o->priv;
	struct req r;

	req_init(&r, o->name, "show", d->get, NLM_F_DUMP);
	return req_send(c, &r, cb, arg);
}

/* Append @s to the usage line in @line, wrapping before column 92. */
static void usage_word(FILE *f, char *line, size_t size, const char *s,
		       size_t indent)
{
	size_t n = strlen(line);

	if (n > indent && n + 1 + strlen(s) > 92) {
		fprintf(f, "%s\n", line);
		snprintf(line, size, "%*s%s", (int)indent, "", s);
		return;
	}
	snprintf(line + n, size - n, "%s%s", n ? " " : "", s);
}

/*
 * "  l2tpctl OBJECT add NAME ..." from the keyword table: required
 * keywords plain, optional ones in [], a group's keywords joined by "|"
 * where the first of them stands; then del, up/down and show.
 */
void cfg_usage(FILE *f, const struct object *o)
{
	const struct cfg_obj *d = o->priv;
	char line[256], item[256], tmp[sizeof(item) + 2], meta[64];
	size_t i, j, indent;

	snprintf(line, sizeof(line), "  l2tpctl %s add NAME", o->name);
	indent = strlen(line) - strlen("NAME");
	for (i = 0; i < d->nkws; i++) {
		const struct kw *k = &d->kws[i];
		size_t n = 0;
		bool first = true;

		if (k->group) {
			for (j = 0; j < i; j++)
				if (d->kws[j].group == k->group)
					break;
			if (j < i)
				continue;	/* shown with the group's first */
		}
		for (j = i; j < d->nkws; j++) {
			const struct kw *g = &d->kws[j];

			if (j != i && (!k->group || g->group != k->group))
				continue;
			n += snprintf(item + n, sizeof(item) - n, "%s%s %s",
				      first ? "" : " | ", g->word,
				      g->meta ? g->meta : g->type == KW_ENUM ?
				      enum_syntax(g, meta, sizeof(meta)) :
				      kw_types[g->type].meta);
			first = false;
			if (n >= sizeof(item))
				break;
		}
		/* required: plain, or (a | b) for a group; optional: [...] */
		snprintf(tmp, sizeof(tmp), "%s%s%s",
			 !k->required ? "[" : k->group ? "(" : "", item,
			 !k->required ? "]" : k->group ? ")" : "");
		usage_word(f, line, sizeof(line), tmp, indent);
	}
	fprintf(f, "%s\n", line);
	if (d->set)
		fprintf(f, "  l2tpctl %s set NAME KEYWORD VALUE... (those of add, at least one)\n",
			o->name);
	if (d->up)
		fprintf(f, "  l2tpctl %s up NAME | %s down NAME | %s del NAME\n",
			o->name, o->name, o->name);
	else
		fprintf(f, "  l2tpctl %s del NAME\n", o->name);
	fprintf(f, "  l2tpctl %s [show [NAME]]\n", o->name);
}

static bool is_show(const char *verb)
{
	return !strcmp(verb, "show") || !strcmp(verb, "list") || !strcmp(verb, "ls");
}

int cfg_run(struct ctx *c, const struct object *o, int argc, char **argv)
{
	struct perr e;
	struct req r;
	int ret, n;

	/* Options may come before the command: "pool -j show". */
	n = leading_output_flags(c, argc, argv);
	argc -= n;
	argv += n;
	if (argc && !strcmp(argv[0], "help")) {
		object_usage(stdout, o);
		return EXIT_OK;
	}
	if (!argc || is_show(argv[0]))
		return cfg_show(c, o, argc ? argc - 1 : 0, argv + !!argc);
	if (cfg_parse(o, argc, argv, &r, &e)) {
		err_msg("%s", e.msg);
		return EXIT_USAGE;
	}
	ret = ctx_connect(c);
	if (ret)
		return ret;
	if (!strcmp(r.verb, "set") && !(c->module_features & KL2TP_FEATURE_SET)) {
		err_msg("%s set: the loaded kl2tp module cannot change objects in place (it is older than this l2tpctl)",
			o->name);
		return EXIT_FAIL;
	}
	ret = req_send(c, &r, NULL, NULL);
	return ret ? req_fail(c, &r, ret) : EXIT_OK;
}

/* dump */

static void kw_dump(const struct kw *k, const struct nl_attrs *at, FILE *f)
{
	struct col col = { .kind = kw_types[k->type].col, .a1 = k->a1, .a2 = k->a2,
			   .a3 = k->a3, .a4 = k->a4, .names = k->names };
	uint64_t x, y;
	struct val v;
	int i;

	col_value(at, &col, &v);
	switch (k->type) {
	case KW_SECRET:
	case KW_SECRET_FILE:
		return;		/* write-only */
	case KW_U32:
	case KW_U8:
		if (v.t != V_NUM || v.num < k->min || v.num > k->max)
			return;
		break;
	case KW_PEERS:
		if (v.t != V_LIST || !v.n)
			return;	/* any */
		break;
	case KW_OWN:
		if (v.on)
			fprintf(f, " %s own", k->word);
		return;
	case KW_DNS:
		if (!v.n)
			return;
		fprintf(f, " %s", k->word);
		for (i = 0; i < v.n; i++)
			fprintf(f, " %s", v.item[i]);
		return;
	case KW_LCP_ECHO:
		if (attr_uint(at->tb[k->a1], &x) && attr_uint(at->tb[k->a2], &y) &&
		    x <= KL2TP_LCP_ECHO_INTERVAL_MAX &&
		    y >= KL2TP_LCP_ECHO_FAILURES_MIN && y <= KL2TP_LCP_ECHO_FAILURES_MAX)
			fprintf(f, " %s %u %u", k->word, (unsigned int)x, (unsigned int)y);
		return;
	default:
		break;
	}
	if (v.t == V_NONE || (v.t == V_LIST && !v.n) || (v.t == V_STR && !*v.str))
		return;
	fprintf(f, " %s ", k->word);
	put_word(f, val_text(&v));
}

void cfg_dump_line(const struct object *o, const struct nl_attrs *at, FILE *f)
{
	const struct cfg_obj *d = o->priv;
	const char *name = attr_str(at->tb[KL2TP_A_NAME]);
	size_t i, n = 0;

	if (!name || !*name)
		return;
	fprintf(f, "%s add ", o->name);
	put_word(f, name);
	for (i = 0; i < d->nkws; i++)
		kw_dump(&d->kws[i], at, f);
	/*
	 * Name what must be added back: the required ones, and the optional
	 * one KL2TP_A_SECRET_SET says is set (a user's is its password).
	 */
	for (i = 0; i < d->nkws; i++) {
		const struct kw *k = &d->kws[i];

		if (k->type != KW_SECRET || !(k->required || at->tb[KL2TP_A_SECRET_SET]))
			continue;
		fprintf(f, "%s%s", n++ ? ", " : "  # omitted (write-only): ", k->word);
	}
	fputc('\n', f);
}

/* apply */

/* " word value" of @k in @at, as dump prints it, or its default, or "". */
static void kw_text(const struct kw *k, const struct nl_attrs *at, char *buf,
		    size_t len)
{
	FILE *f = fmemopen(buf, len, "w");

	buf[0] = '\0';
	if (!f)
		return;
	kw_dump(k, at, f);
	if (!ftell(f) && k->def)
		fprintf(f, " %s %s", k->word, k->def);
	fclose(f);
}

/* Does @at carry a value of @k (a1, or a3: a KW_DNS's IPv6 servers)? */
static bool kw_in(const struct kw *k, const struct nl_attrs *at)
{
	return at->tb[k->a1] || (k->a3 && at->tb[k->a3]);
}

/* Does @at (an add request) give @k, or another keyword of its group? */
static bool kw_given(const struct cfg_obj *d, const struct kw *k,
		     const struct nl_attrs *at)
{
	size_t i;

	for (i = 0; i < d->nkws; i++) {
		const struct kw *g = &d->kws[i];

		if ((g == k || (k->group && g->group == k->group)) && kw_in(g, at))
			return true;
	}
	return false;
}

/* Append @k's words for "value" (e.g. "30 5") to the set request @r. */
static int kw_put_text(struct req *r, const struct kw *k, const char *value,
		       struct perr *e)
{
	char buf[128], *w[3];
	int n;

	snprintf(buf, sizeof(buf), "%s", value);
	n = tokenize(buf, w, 3, e);
	if (n < 0)
		return -1;
	return kw_parse(r, k, n, w, e) < 0 ? -1 : 0;
}

/*
 * How the object of add request @add (its attributes @fa) differs from the
 * running one (@ra, from a dump): CFG_SAME; CFG_SET, with @set the request
 * that makes it so in place (add's attributes, plus the module's defaults
 * and "none"/"any" for what the file leaves out and the running object
 * has); or CFG_REPLACE when only del and add can (why in @e). @changes
 * gets "keyword: old -> new" items (secrets: "keyword (write-only)").
 * Secrets cannot be compared: an object given one is always set.
 */
/* Copy attribute @type of @fa, as it is (flags included), into @r. */
static void copy_attr(struct req *r, const struct nl_attrs *fa, uint16_t type)
{
	const struct nlattr *a = type ? fa->tb[type] : NULL;

	if (a)
		req_put(r, a->nla_type, mnl_attr_get_payload_len(a),
			mnl_attr_get_payload(a));
}

/* Append "fmt" to the list in @buf (length @len, @n used), clamped. */
static size_t list_add(char *buf, size_t len, size_t n, const char *fmt, ...)
{
	va_list ap;

	if (n >= len - 1)
		return n;
	va_start(ap, fmt);
	n += vsnprintf(buf + n, len - n, fmt, ap);
	va_end(ap);
	return n < len ? n : len - 1;
}

int cfg_compare(const struct object *o, const struct req *add,
		const struct nl_attrs *fa, const struct nl_attrs *ra,
		struct req *set, char *changes, size_t clen, struct perr *e)
{
	const struct cfg_obj *d = o->priv;
	static char ft[REQ_BUFSZ], rt[REQ_BUFSZ];
	int diff = CFG_SAME;
	size_t i, n = 0;

	changes[0] = '\0';
	/* the name, what changed and the secrets: nothing else is touched */
	req_init(set, o->name, "set", d->set, 0);
	req_put_name(set, add->name);
	set->file = add->file;
	set->line = add->line;
	for (i = 0; i < d->nkws; i++) {
		const struct kw *k = &d->kws[i];
		const char *fv, *rv;

		if (k->type == KW_SECRET_FILE)
			continue;	/* the same attribute as its KW_SECRET */
		if (k->type == KW_SECRET) {
			if (fa->tb[k->a1]) {
				n = list_add(changes, clen, n, "%s%s (write-only)",
					     n ? ", " : "", k->word);
				copy_attr(set, fa, k->a1);
				if (diff == CFG_SAME)
					diff = CFG_SET;
			} else if (!k->required && ra->tb[KL2TP_A_SECRET_SET]) {
				n = list_add(changes, clen, n, "%s%s: set -> -",
					     n ? ", " : "", k->word);
				perr(e, "a secret cannot be removed in place");
				diff = CFG_REPLACE;
			}
			continue;
		}
		kw_text(k, fa, ft, sizeof(ft));
		kw_text(k, ra, rt, sizeof(rt));
		if (!strcmp(ft, rt))
			continue;
		fv = ft[0] ? ft + strlen(k->word) + 2 : "-";
		rv = rt[0] ? rt + strlen(k->word) + 2 : "-";
		n = list_add(changes, clen, n, "%s%s: %s -> %s", n ? ", " : "",
			     k->word, rv, fv);
		if (k->fixed) {
			perr(e, "\"%s\" cannot change in place", k->word);
			diff = CFG_REPLACE;
			continue;
		}
		if (diff == CFG_SAME)
			diff = CFG_SET;
		if (kw_in(k, fa)) {
			copy_attr(set, fa, k->a1);
			copy_attr(set, fa, k->a2);
			copy_attr(set, fa, k->a3);
			copy_attr(set, fa, k->a4);
			if (k->type == KW_LNS)
				copy_attr(set, fa, KL2TP_A_LNS_MORE);
			continue;
		}
		if (k->group && kw_given(d, k, fa))
			continue;	/* one of its group replaces it */
		if (k->def) {
			if (kw_put_text(set, k, k->def, e))
				return -1;
		} else if (k->type == KW_ROUTES || k->type == KW_NUMBER ||
			   k->type == KW_DEV) {
			if (kw_put_text(set, k, "none", e))
				return -1;
		} else if (k->type == KW_PEERS) {
			if (kw_put_text(set, k, "any", e))
				return -1;
		} else if (k->type == KW_DNS) {
			/* none: the unspecified address of the pool's kind */
			if (kw_put_text(set, k, k->a3 && ra->tb[k->a3] ? "::" : "0.0.0.0",
					e))
				return -1;
		} else {
			perr(e, "\"%s\" cannot be removed in place", k->word);
			diff = CFG_REPLACE;
		}
	}
	if (set->overflow)
		return perr(e, "too many arguments");
	return diff;
}

/* Completion */

void complete_names(struct ctx *c, const struct object *o)
{
	const struct cfg_obj *d;

	if (o && o->run == cfg_run) {
		d = o->priv;
		complete_dump(c, d->get, KL2TP_A_NAME);
	}
}

static void complete_value(struct ctx *c, const struct kw *k)
{
	unsigned int i;

	switch (k->type) {
	case KW_ONOFF:
		puts("on");
		puts("off");
		break;
	case KW_AUTH:
		for (i = KL2TP_AUTH_NONE + 1; i < auth_names.n; i++)
			puts(auth_names.v[i]);
		break;
	case KW_OWN:
		puts("own");
		break;
	case KW_ENUM:
		for (i = 0; i < k->names->n; i++)
			puts(k->names->v[i]);
		break;
	case KW_SECRET_FILE:
		puts("@files");
		break;
	case KW_ROUTES:
	case KW_DEV:
		puts("none");
		break;
	case KW_PEERS:
		puts("any");
		complete_names(c, object_find("peer"));
		break;
	case KW_NAME:		/* "pool NAME": the keyword names the object */
		complete_names(c, object_find(k->obj ? k->obj : k->word));
		break;
	default:
		break;
	}
}

void cfg_complete(struct ctx *c, const struct object *o, int argc, char **argv)
{
	const struct cfg_obj *d = o->priv;
	const struct kw *k, *u;
	int n = argc - 1, j;
	bool set;
	size_t i;

	if (n == 0) {
		puts("add");
		puts("del");
		puts("show");
		puts("help");
		if (d->up) {
			puts("up");
			puts("down");
		}
		if (d->set)
			puts("set");
		return;
	}
	set = d->set && !strcmp(argv[0], "set");
	if (strcmp(argv[0], "add") && !set) {	/* del, show, up, down NAME */
		if (n == 1 && strcmp(argv[0], "help"))
			complete_names(c, o);
		return;
	}
	if (n == 1) {
		if (set)
			complete_names(c, o);
		return;			/* add: the new object's name */
	}
	k = kw_find(d, argv[n - 1]);
	if (k) {
		complete_value(c, k);
		return;
	}
	k = n >= 3 ? kw_find(d, argv[n - 2]) : NULL;
	if (k && kw_types[k->type].nargs == 2)
		return;			/* "lcp-echo SECONDS FAILURES" */
	/* the keywords not given yet, nor excluded by one given */
	for (i = 0; i < d->nkws; i++) {
		k = &d->kws[i];
		for (j = 2; j < n; j++) {
			u = kw_find(d, argv[j]);
			if (u == k || (u && k->group && u->group == k->group))
				break;
		}
		if (j == n)
			puts(k->word);
	}
}
