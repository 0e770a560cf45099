/* SPDX-License-Identifier: GPL-2.0 */
/*
 * l2tpctl: rendering replies as tables, JSON and event lines.
 *
 * An object's view is a table of columns; each column says which
 * attributes it shows and how, once, for tables (heading) and JSON (key).
 * Missing or malformed attributes show as "-" and are left out of JSON.
 */
#ifndef L2TPCTL_VIEW_H
#define L2TPCTL_VIEW_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <netinet/in.h>

#include "l2tpctl.h"
#include "parse.h"

/* An index -> name table for an enum. */
struct names {
	const char *const *v;
	unsigned int n;
};

#define NAMES(a)	{ (a), ARRAY_SIZE(a) }

extern const struct names tunnel_states, session_states, client_states;
extern const struct names auth_names, stat_names, event_names, lns_policies;
extern const struct names aaa_names, aaa_vias;

/* names->v[i], or "unknown-I" in buf. */
const char *name_of(const struct names *names, uint64_t i, char *buf, size_t len);
/* Index of name in names, or -1. */
int name_index(const struct names *names, const char *name);

enum val_type { V_NONE, V_STR, V_NUM, V_BOOL, V_LIST };

#define VAL_ITEMS 64

/* One column's value in one reply. */
struct val {
	enum val_type t;
	uint64_t num;			/* V_NUM */
	bool on;			/* V_BOOL */
	const char *str;		/* V_STR */
	const char *text;		/* table text, when not the JSON value's */
	int n;				/* V_LIST */
	const char *item[VAL_ITEMS];
	char buf[4096];
};

enum col_kind {
	C_STR,		/* a1: string */
	C_UINT,		/* a1: u8, u16, u32 or u64 */
	C_IP,		/* a1: in_addr, or in6_addr (an ip_addr) */
	C_PREFIX,	/* a1/a2: in_addr or in6_addr/prefix length (default
			 * 32 or 128) */
	C_HOSTPORT,	/* a1:a2: A.B.C.D:PORT or [X:X::X]:PORT of an ip_addr
			 * and a port */
	C_RANGE,	/* a1-a2: in_addr-in_addr */
	C_IPLIST,	/* a1, a2, a3, a4: list of the addresses present
			 * (in_addr or in6_addr) */
	C_IFID,		/* a1: Interface-Identifier (8 bytes): fe80::IFID */
	C_ONOFF,	/* a1: u8 0/1 */
	C_FLAG,		/* a1: flag, present or not */
	C_SET,		/* a1: flag: "set", or nothing */
	C_AUTH,		/* a1: binary of enum kl2tp_auth */
	C_NAMES,	/* a1: nest of KL2TP_A_NAME; absent = "any" */
	C_ROUTES,	/* a1: binary array of struct kl2tp_route */
	C_LNS,		/* a1:a2, then KL2TP_A_LNS_MORE's: list of C_HOSTPORT's
			 * (IPv4-mapped ones as IPv4) */
	C_ENUM,		/* a1: u8 index into names */
	C_UPTIME,	/* a1: u64 seconds; tables show 1h02m03s */
	C_PAIR,		/* a1/a2: two numbers */
	C_STAT,		/* counter a1 of KL2TP_A_STATS */
	C_STATS,	/* JSON: every counter of KL2TP_A_STATS, by name */
	C_CUSTOM,	/* get() computes it */
};

#define COL_STATS	1	/* only with -s */

struct col {
	const char *head;	/* table heading / event label; NULL: none */
	const char *key;	/* JSON key; NULL: none */
	enum col_kind kind;
	uint16_t a1, a2;
	uint16_t a3, a4;	/* C_IPLIST: more addresses */
	const struct names *names;
	void (*get)(const struct nl_attrs *at, const struct col *col, struct val *v);
	unsigned int flags;
};

/* COL(heading, key, kind, a1, .a2 = ..., .names = ..., .flags = ...) */
#define COL(h, k, kd, attr, ...) \
	{ .head = (h), .key = (k), .kind = (kd), .a1 = (attr), __VA_ARGS__ }

struct view {
	const struct col *cols;
	size_t ncols;
	bool sparse;	/* JSON leaves missing values out, rather than null */
};

#define VIEW(cols)	{ (cols), ARRAY_SIZE(cols), false }

/*
 * Attribute access that tolerates absent and malformed attributes: a
 * string must be NUL-terminated, an in_addr 4 bytes, an in6_addr 16, an
 * ip_addr either, a
 * number 1, 2, 4 or 8 bytes; otherwise it counts as missing.
 */
bool attr_uint(const struct nlattr *a, uint64_t *v);
const char *attr_str(const struct nlattr *a);
bool attr_ip(const struct nlattr *a, uint32_t *be);
bool attr_ip6(const struct nlattr *a, struct in6_addr *in6);
/* An ip_addr: an in_addr or an in6_addr. */
bool attr_ip_addr(const struct nlattr *a, struct ip_addr *ip);
/* A.B.C.D of a network-order address, in buf (16 bytes). */
const char *ip_str(uint32_t be, char *buf);
/* The text of an in6_addr, in buf (INET6_ADDRSTRLEN bytes). */
const char *ip6_str(const struct in6_addr *in6, char *buf);
/* The text of an ip_addr, in buf (INET6_ADDRSTRLEN bytes). */
const char *ip_addr_str(const struct ip_addr *ip, char *buf);

void col_value(const struct nl_attrs *at, const struct col *col, struct val *v);
/* The table text of v ("-" when missing). */
const char *val_text(struct val *v);

/*
 * The rows a show keeps (session show user/address/state): each set field
 * must match; rows of a dump that do not are left out.
 */
struct row_filter {
	const char *user;		/* KL2TP_A_USER */
	bool has_addr;
	uint32_t addr;			/* KL2TP_A_ADDRESS or _PEER_ADDRESS */
	int state;			/* KL2TP_A_STATE, or -1 */
};

/* One JSON object for a reply; missing values are null unless sparse. */
void view_json(struct ctx *c, const struct view *v, const struct nl_attrs *at,
	       struct jw *w);
/* " label value" for every column with a value (event lines). */
void view_line(struct ctx *c, const struct view *v, const struct nl_attrs *at,
	       FILE *f);
/*
 * Connect, send r (a GET doit or dump), and print the replies as a table
 * or a JSON array. Returns an exit code.
 */
int view_show(struct ctx *c, const struct view *v, struct req *r);

#endif
