// SPDX-License-Identifier: GPL-2.0
/*
 * kl2tp-aaad's reading of an Access-Accept (tools/aaad/verdict.c): the
 * verdict it builds for the kernel, read back attribute by attribute, and
 * the lines it logs for what it leaves out. The IPv6 attributes (RFC 3162
 * Framed-IPv6-Prefix and Framed-IPv6-Pool, RFC 6911
 * DNS-Server-IPv6-Address, RFC 4818 Delegated-IPv6-Prefix and RFC 6911
 * Delegated-IPv6-Prefix-Pool), and the IPv4 verdict compared octet for
 * octet with the one built before them.
 */
#define _GNU_SOURCE
#include "unit.h"

#include <errno.h>
#include <stdarg.h>
#include <arpa/inet.h>
#include <libmnl/libmnl.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>

#include "uapi/linux/kl2tp.h"
#include "aaad.h"

struct aaad_conf conf;

/* What verdict.c logged since log_reset(): the lines, one after another. */
static char logged[4096];
static int nlogged;

void logmsg(const char *fmt, ...)
{
	size_t used = strlen(logged);
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(logged + used, sizeof(logged) - used, fmt, ap);
	va_end(ap);
	used = strlen(logged);
	if (used + 1 < sizeof(logged))
		strcpy(logged + used, "\n");
	nlogged++;
}

static void log_reset(void)
{
	logged[0] = 0;
	nlogged = 0;
}

/* A verdict read back: each attribute, and how many times it came. */
struct readback {
	const struct nlattr *tb[KL2TP_A_MAX + 1];
	int count[KL2TP_A_MAX + 1];
	int total;
};

static int read_cb(const struct nlattr *a, void *data)
{
	struct readback *rb = data;
	uint16_t type = mnl_attr_get_type(a);

	rb->total++;
	if (type <= KL2TP_A_MAX) {
		if (!rb->tb[type])
			rb->tb[type] = a;
		rb->count[type]++;
	}
	return MNL_CB_OK;
}

static struct verdict v;
static struct readback rb;

/* The accept @rep into v (session 7, @method), read back into rb. */
static int run(const struct rad_msg *rep, uint8_t method)
{
	const char *why = NULL;
	int ret;

	memset(&v, 0, sizeof(v));
	memset(&rb, 0, sizeof(rb));
	log_reset();
	v.nlh = mnl_nlmsg_put_header(v.buf);
	mnl_nlmsg_put_extra_header(v.nlh, sizeof(struct genlmsghdr));
	ret = accept_attrs(7, method, rep, &v, &why);
	if (mnl_attr_parse(v.nlh, sizeof(struct genlmsghdr), read_cb, &rb) < 0)
		abort();
	return ret;
}

static const uint8_t *payload(uint16_t type, size_t len)
{
	if (!rb.tb[type] || mnl_attr_get_payload_len(rb.tb[type]) != len)
		return NULL;
	return mnl_attr_get_payload(rb.tb[type]);
}

static void accept_init(struct rad_msg *m)
{
	rad_init(m, RAD_ACCESS_ACCEPT);
}

/* An accept of one attribute @type of these octets. */
static void one_attr(uint8_t type, const void *val, size_t len)
{
	struct rad_msg m;

	accept_init(&m);
	if (rad_add(&m, type, val, len))
		abort();
	CHECK_EQ(run(&m, KL2TP_AUTH_PAP), 0);
}

/* An accept of one Framed-IPv6-Prefix of these octets. */
static void one_prefix(const void *val, size_t len)
{
	one_attr(RAD_FRAMED_IPV6_PREFIX, val, len);
}

static const uint8_t p64[2 + 8] = {
	0, 64, 0x20, 0x01, 0x0d, 0xb8, 0x00, 0x01, 0x00, 0x02,
};
static const uint8_t want64[16] = {
	0x20, 0x01, 0x0d, 0xb8, 0x00, 0x01, 0x00, 0x02,
};

/* Framed-IPv6-Prefix: KL2TP_A_PREFIX6 and _LEN, 1..64, bits zeroed. */
UNIT_TEST(t_prefix6)
{
	static const uint8_t p48[2 + 6] = {
		0, 48, 0x20, 0x01, 0x0d, 0xb8, 0xab, 0xcd,
	};
	static const uint8_t want48[16] = {
		0x20, 0x01, 0x0d, 0xb8, 0xab, 0xcd,
	};
	static const uint8_t bad_len[] = { 0, 65, 129 };
	uint8_t full[2 + 16], other[2 + 8];
	const uint8_t *p;
	struct rad_msg m;
	size_t i;

	one_prefix(p64, sizeof(p64));
	p = payload(KL2TP_A_PREFIX6, 16);
	CHECK(p && !memcmp(p, want64, 16));
	p = payload(KL2TP_A_PREFIX6_LEN, 1);
	CHECK(p && *p == 64);
	CHECK_EQ(rb.total, 2);
	CHECK_EQ(nlogged, 0);

	one_prefix(p48, sizeof(p48));
	p = payload(KL2TP_A_PREFIX6, 16);
	CHECK(p && !memcmp(p, want48, 16));
	p = payload(KL2TP_A_PREFIX6_LEN, 1);
	CHECK(p && *p == 48);
	CHECK_EQ(nlogged, 0);

	/* a /64 in 16 octets with its host bits set, as FreeRADIUS sends */
	memcpy(full, p64, sizeof(p64));
	memset(full + sizeof(p64), 0xff, sizeof(full) - sizeof(p64));
	one_prefix(full, sizeof(full));
	p = payload(KL2TP_A_PREFIX6, 16);
	CHECK(p && !memcmp(p, want64, 16));
	p = payload(KL2TP_A_PREFIX6_LEN, 1);
	CHECK(p && *p == 64);
	CHECK_EQ(nlogged, 0);

	/* lengths the kernel does not take: left out, a line each */
	for (i = 0; i < sizeof(bad_len); i++) {
		full[1] = bad_len[i];
		one_prefix(full, sizeof(full));
		CHECK_EQ(rb.total, 0);
		CHECK_EQ(nlogged, 1);
		CHECK(strstr(logged, "session 7: Framed-IPv6-Prefix"));
	}
	full[1] = 65;
	one_prefix(full, sizeof(full));
	CHECK(strstr(logged, "2001:db8:1:2:8000::/65 not used"));
	/* truncated: a /64 in 7 octets; no prefix octet at all; too long */
	one_prefix(p64, sizeof(p64) - 1);
	CHECK_EQ(rb.total, 0);
	CHECK_EQ(nlogged, 1);
	CHECK(strstr(logged, "Framed-IPv6-Prefix not used (malformed, 9 octets)"));
	one_prefix(p64, 1);
	CHECK_EQ(rb.total, 0);
	CHECK_EQ(nlogged, 1);
	one_prefix(full, 0);
	CHECK_EQ(rb.total, 0);
	CHECK_EQ(nlogged, 1);

	/* a bad one, then good ones: the first good one */
	memcpy(other, p64, sizeof(other));
	other[9] = 0x99;
	accept_init(&m);
	full[1] = 65;
	rad_add(&m, RAD_FRAMED_IPV6_PREFIX, full, sizeof(full));
	rad_add(&m, RAD_FRAMED_IPV6_PREFIX, p64, sizeof(p64));
	rad_add(&m, RAD_FRAMED_IPV6_PREFIX, other, sizeof(other));
	CHECK_EQ(run(&m, KL2TP_AUTH_PAP), 0);
	CHECK_EQ(rb.count[KL2TP_A_PREFIX6], 1);
	CHECK_EQ(rb.count[KL2TP_A_PREFIX6_LEN], 1);
	p = payload(KL2TP_A_PREFIX6, 16);
	CHECK(p && !memcmp(p, want64, 16));
	CHECK_EQ(nlogged, 1);
}

/* Framed-IPv6-Pool: KL2TP_A_POOL6, Framed-Pool's rules; a prefix wins. */
UNIT_TEST(t_pool6)
{
	char name[KL2TP_NAME_MAX + 1];
	const uint8_t *p;
	struct rad_msg m;

	accept_init(&m);
	rad_add_str(&m, RAD_FRAMED_IPV6_POOL, "six");
	rad_add_str(&m, RAD_FRAMED_POOL, "four");
	rad_add_str(&m, RAD_FRAMED_IPV6_POOL, "second");
	CHECK_EQ(run(&m, KL2TP_AUTH_PAP), 0);
	p = payload(KL2TP_A_POOL6, 4);
	CHECK(p && !memcmp(p, "six", 4));
	p = payload(KL2TP_A_POOL, 5);
	CHECK(p && !memcmp(p, "four", 5));
	CHECK_EQ(rb.count[KL2TP_A_POOL6], 1);
	CHECK_EQ(rb.total, 2);
	CHECK_EQ(nlogged, 0);

	/* 63 octets: the longest name */
	memset(name, 'n', sizeof(name));
	accept_init(&m);
	rad_add(&m, RAD_FRAMED_IPV6_POOL, name, KL2TP_NAME_MAX - 1);
	CHECK_EQ(run(&m, KL2TP_AUTH_PAP), 0);
	p = payload(KL2TP_A_POOL6, KL2TP_NAME_MAX);
	CHECK(p && !memcmp(p, name, KL2TP_NAME_MAX - 1) &&
	      !p[KL2TP_NAME_MAX - 1]);
	/* 64 octets, or none: left out with a line */
	accept_init(&m);
	rad_add(&m, RAD_FRAMED_IPV6_POOL, name, KL2TP_NAME_MAX);
	rad_add(&m, RAD_FRAMED_IPV6_POOL, name, 0);
	CHECK_EQ(run(&m, KL2TP_AUTH_PAP), 0);
	CHECK_EQ(rb.total, 0);
	CHECK_EQ(nlogged, 2);
	CHECK(strstr(logged, "session 7: Framed-IPv6-Pool not used"));

	/* with a prefix (before or after it): the prefix, and a line */
	accept_init(&m);
	rad_add_str(&m, RAD_FRAMED_IPV6_POOL, "six");
	rad_add(&m, RAD_FRAMED_IPV6_PREFIX, p64, sizeof(p64));
	CHECK_EQ(run(&m, KL2TP_AUTH_PAP), 0);
	CHECK(!rb.tb[KL2TP_A_POOL6]);
	p = payload(KL2TP_A_PREFIX6, 16);
	CHECK(p && !memcmp(p, want64, 16));
	CHECK_EQ(nlogged, 1);
	CHECK(strstr(logged, "Framed-IPv6-Pool \"six\" not used: Framed-IPv6-Prefix given"));
	/* a prefix left out: the pool */
	accept_init(&m);
	rad_add(&m, RAD_FRAMED_IPV6_PREFIX, p64, 5);
	rad_add_str(&m, RAD_FRAMED_IPV6_POOL, "six");
	CHECK_EQ(run(&m, KL2TP_AUTH_PAP), 0);
	CHECK(!rb.tb[KL2TP_A_PREFIX6] && !rb.tb[KL2TP_A_PREFIX6_LEN]);
	p = payload(KL2TP_A_POOL6, 4);
	CHECK(p && !memcmp(p, "six", 4));
}

/* DNS-Server-IPv6-Address: exactly 16 octets; the first two. */
UNIT_TEST(t_dns6)
{
	uint8_t a[3][16];
	const uint8_t *p;
	struct rad_msg m;
	int i;

	for (i = 0; i < 3; i++) {
		memset(a[i], 0, 16);
		a[i][0] = 0x20;
		a[i][1] = 0x01;
		a[i][15] = 0x53 + i;
	}
	accept_init(&m);
	rad_add(&m, RAD_DNS_SERVER_IPV6_ADDRESS, a[0], 15);
	rad_add(&m, RAD_DNS_SERVER_IPV6_ADDRESS, a[0], 16);
	rad_add(&m, RAD_DNS_SERVER_IPV6_ADDRESS, a[1], 16);
	rad_add(&m, RAD_DNS_SERVER_IPV6_ADDRESS, a[2], 16);
	CHECK_EQ(run(&m, KL2TP_AUTH_PAP), 0);
	p = payload(KL2TP_A_DNS6_1, 16);
	CHECK(p && !memcmp(p, a[0], 16));
	p = payload(KL2TP_A_DNS6_2, 16);
	CHECK(p && !memcmp(p, a[1], 16));
	CHECK_EQ(rb.total, 2);
	CHECK_EQ(nlogged, 1);
	CHECK(strstr(logged, "DNS-Server-IPv6-Address not used (15 octets, not 16)"));

	/* one: DNS6_1 only; 15 or 17 octets alone: none */
	accept_init(&m);
	rad_add(&m, RAD_DNS_SERVER_IPV6_ADDRESS, a[2], 16);
	CHECK_EQ(run(&m, KL2TP_AUTH_PAP), 0);
	p = payload(KL2TP_A_DNS6_1, 16);
	CHECK(p && !memcmp(p, a[2], 16));
	CHECK(!rb.tb[KL2TP_A_DNS6_2]);
	accept_init(&m);
	rad_add(&m, RAD_DNS_SERVER_IPV6_ADDRESS, a[0], 15);
	CHECK_EQ(run(&m, KL2TP_AUTH_PAP), 0);
	CHECK_EQ(rb.total, 0);
	CHECK_EQ(nlogged, 1);
}

/* A delegated /56 (RFC 4818), its octets, and as the kernel wants it. */
static const uint8_t pd56[2 + 7] = {
	0, 56, 0x20, 0x01, 0x0d, 0xb8, 0x00, 0x09, 0x00,
};

static const uint8_t want_pd56[16] = {
	0x20, 0x01, 0x0d, 0xb8, 0x00, 0x09, 0x00,
};

/*
 * Delegated-IPv6-Prefix: KL2TP_A_PD_PREFIX and _LEN, as Framed-IPv6-Prefix
 * is taken (1..64, bits beyond the length zeroed, the first good one), and
 * apart from it.
 */
UNIT_TEST(t_pd_prefix)
{
	static const uint8_t bad_len[] = { 0, 65, 128 };
	static const uint8_t want48[16] = {
		0x20, 0x01, 0x0d, 0xb8, 0x00, 0x09,
	};
	uint8_t full[2 + 16];
	const uint8_t *p;
	struct rad_msg m;
	size_t i;

	one_attr(RAD_DELEGATED_IPV6_PREFIX, pd56, sizeof(pd56));
	p = payload(KL2TP_A_PD_PREFIX, 16);
	CHECK(p && !memcmp(p, want_pd56, 16));
	p = payload(KL2TP_A_PD_PREFIX_LEN, 1);
	CHECK(p && *p == 56);
	CHECK(!rb.tb[KL2TP_A_PREFIX6] && !rb.tb[KL2TP_A_PREFIX6_LEN]);
	CHECK_EQ(rb.total, 2);
	CHECK_EQ(nlogged, 0);

	/* a /48 in 16 octets, the bits beyond it set: zeroed */
	memcpy(full, pd56, sizeof(pd56));
	memset(full + sizeof(pd56), 0xff, sizeof(full) - sizeof(pd56));
	full[1] = 48;
	one_attr(RAD_DELEGATED_IPV6_PREFIX, full, sizeof(full));
	p = payload(KL2TP_A_PD_PREFIX, 16);
	CHECK(p && !memcmp(p, want48, 16));
	p = payload(KL2TP_A_PD_PREFIX_LEN, 1);
	CHECK(p && *p == 48);
	CHECK_EQ(nlogged, 0);

	/* lengths the kernel does not take: left out, a line each */
	for (i = 0; i < sizeof(bad_len); i++) {
		full[1] = bad_len[i];
		one_attr(RAD_DELEGATED_IPV6_PREFIX, full, sizeof(full));
		CHECK_EQ(rb.total, 0);
		CHECK_EQ(nlogged, 1);
		CHECK(strstr(logged, "session 7: Delegated-IPv6-Prefix "));
		CHECK(strstr(logged, "not used (a length of 1..64)"));
	}
	full[1] = 65;
	one_attr(RAD_DELEGATED_IPV6_PREFIX, full, sizeof(full));
	CHECK(strstr(logged, "Delegated-IPv6-Prefix 2001:db8:9:ff:8000::/65 not used"));
	/* truncated: a /56 in 6 octets */
	one_attr(RAD_DELEGATED_IPV6_PREFIX, pd56, sizeof(pd56) - 1);
	CHECK_EQ(rb.total, 0);
	CHECK_EQ(nlogged, 1);
	CHECK(strstr(logged, "session 7: Delegated-IPv6-Prefix not used (malformed, 8 octets)"));

	/* a bad one, then good ones: the first good one */
	accept_init(&m);
	rad_add(&m, RAD_DELEGATED_IPV6_PREFIX, full, sizeof(full));
	rad_add(&m, RAD_DELEGATED_IPV6_PREFIX, pd56, sizeof(pd56));
	rad_add(&m, RAD_DELEGATED_IPV6_PREFIX, p64, sizeof(p64));
	CHECK_EQ(run(&m, KL2TP_AUTH_PAP), 0);
	CHECK_EQ(rb.count[KL2TP_A_PD_PREFIX], 1);
	CHECK_EQ(rb.count[KL2TP_A_PD_PREFIX_LEN], 1);
	p = payload(KL2TP_A_PD_PREFIX, 16);
	CHECK(p && !memcmp(p, want_pd56, 16));
	CHECK_EQ(nlogged, 1);

	/* with the user's own prefix: each where it belongs */
	accept_init(&m);
	rad_add(&m, RAD_DELEGATED_IPV6_PREFIX, pd56, sizeof(pd56));
	rad_add(&m, RAD_FRAMED_IPV6_PREFIX, p64, sizeof(p64));
	CHECK_EQ(run(&m, KL2TP_AUTH_PAP), 0);
	p = payload(KL2TP_A_PREFIX6, 16);
	CHECK(p && !memcmp(p, want64, 16));
	p = payload(KL2TP_A_PREFIX6_LEN, 1);
	CHECK(p && *p == 64);
	p = payload(KL2TP_A_PD_PREFIX, 16);
	CHECK(p && !memcmp(p, want_pd56, 16));
	p = payload(KL2TP_A_PD_PREFIX_LEN, 1);
	CHECK(p && *p == 56);
	CHECK_EQ(rb.total, 4);
	CHECK_EQ(nlogged, 0);
}

/*
 * Delegated-IPv6-Prefix-Pool: KL2TP_A_PD_POOL, a name as Framed-IPv6-Pool's;
 * a delegated prefix wins over it, as Framed-IPv6-Prefix over
 * Framed-IPv6-Pool. The user's prefix or pool does not.
 */
UNIT_TEST(t_pd_pool)
{
	char name[KL2TP_NAME_MAX + 1];
	const uint8_t *p;
	struct rad_msg m;

	accept_init(&m);
	rad_add_str(&m, RAD_DELEGATED_IPV6_PREFIX_POOL, "pd");
	rad_add_str(&m, RAD_FRAMED_IPV6_POOL, "six");
	rad_add_str(&m, RAD_DELEGATED_IPV6_PREFIX_POOL, "second");
	CHECK_EQ(run(&m, KL2TP_AUTH_PAP), 0);
	p = payload(KL2TP_A_PD_POOL, 3);
	CHECK(p && !memcmp(p, "pd", 3));
	p = payload(KL2TP_A_POOL6, 4);
	CHECK(p && !memcmp(p, "six", 4));
	CHECK_EQ(rb.count[KL2TP_A_PD_POOL], 1);
	CHECK_EQ(rb.total, 2);
	CHECK_EQ(nlogged, 0);

	/* 63 octets: the longest name; 64, or none: left out with a line */
	memset(name, 'n', sizeof(name));
	accept_init(&m);
	rad_add(&m, RAD_DELEGATED_IPV6_PREFIX_POOL, name, KL2TP_NAME_MAX - 1);
	CHECK_EQ(run(&m, KL2TP_AUTH_PAP), 0);
	p = payload(KL2TP_A_PD_POOL, KL2TP_NAME_MAX);
	CHECK(p && !memcmp(p, name, KL2TP_NAME_MAX - 1) &&
	      !p[KL2TP_NAME_MAX - 1]);
	accept_init(&m);
	rad_add(&m, RAD_DELEGATED_IPV6_PREFIX_POOL, name, KL2TP_NAME_MAX);
	rad_add(&m, RAD_DELEGATED_IPV6_PREFIX_POOL, name, 0);
	CHECK_EQ(run(&m, KL2TP_AUTH_PAP), 0);
	CHECK_EQ(rb.total, 0);
	CHECK_EQ(nlogged, 2);
	CHECK(strstr(logged, "session 7: Delegated-IPv6-Prefix-Pool not used"));
	CHECK(strstr(logged, "(a name of 1..63 octets)"));

	/* with a delegated prefix (before or after it): the prefix, a line */
	accept_init(&m);
	rad_add_str(&m, RAD_DELEGATED_IPV6_PREFIX_POOL, "pd");
	rad_add(&m, RAD_DELEGATED_IPV6_PREFIX, pd56, sizeof(pd56));
	CHECK_EQ(run(&m, KL2TP_AUTH_PAP), 0);
	CHECK(!rb.tb[KL2TP_A_PD_POOL]);
	p = payload(KL2TP_A_PD_PREFIX, 16);
	CHECK(p && !memcmp(p, want_pd56, 16));
	CHECK_EQ(rb.total, 2);
	CHECK_EQ(nlogged, 1);
	CHECK(strstr(logged, "session 7: Delegated-IPv6-Prefix-Pool \"pd\" not used:"));
	CHECK(strstr(logged, "not used: Delegated-IPv6-Prefix given"));
	/* a delegated prefix left out: the pool */
	accept_init(&m);
	rad_add(&m, RAD_DELEGATED_IPV6_PREFIX, pd56, 5);
	rad_add_str(&m, RAD_DELEGATED_IPV6_PREFIX_POOL, "pd");
	CHECK_EQ(run(&m, KL2TP_AUTH_PAP), 0);
	CHECK(!rb.tb[KL2TP_A_PD_PREFIX] && !rb.tb[KL2TP_A_PD_PREFIX_LEN]);
	p = payload(KL2TP_A_PD_POOL, 3);
	CHECK(p && !memcmp(p, "pd", 3));
	/* the user's own prefix does not hide the delegated pool */
	accept_init(&m);
	rad_add(&m, RAD_FRAMED_IPV6_PREFIX, p64, sizeof(p64));
	rad_add_str(&m, RAD_DELEGATED_IPV6_PREFIX_POOL, "pd");
	CHECK_EQ(run(&m, KL2TP_AUTH_PAP), 0);
	p = payload(KL2TP_A_PREFIX6, 16);
	CHECK(p && !memcmp(p, want64, 16));
	p = payload(KL2TP_A_PD_POOL, 3);
	CHECK(p && !memcmp(p, "pd", 3));
	CHECK_EQ(rb.total, 3);
	CHECK_EQ(nlogged, 0);
}

/*
 * An IPv4 accept: the verdict verdict.c builds is, octet for octet, the
 * one kl2tp-aaad built before IPv6 (its attributes, in the same order,
 * written here by hand); with IPv6 attributes mixed in, the IPv4 part is
 * the same and the IPv6 attributes follow it.
 */
UNIT_TEST(t_ipv4_unchanged)
{
	static const uint8_t addr[4] = { 10, 0, 0, 5 };
	static const uint8_t dns1[4] = { 192, 0, 2, 53 };
	static const uint8_t dns2[4] = { 192, 0, 2, 54 };
	/* Ident 1, then "S=" and 40 hex digits */
	static const uint8_t success[43] =
		"\x01S=0123456789ABCDEF0123456789ABCDEF01234567";
	static char want_buf[8192];
	struct kl2tp_route routes[2] = {
		{ .prefix = htonl(0xc6336400), .len = 24 },
		{ .prefix = htonl(0xcb007180), .len = 25 },
	};
	struct nlmsghdr *want;
	struct rad_msg m;
	size_t ipv4_len;
	int six;

	for (six = 0; six < 2; six++) {
		accept_init(&m);
		if (six)
			rad_add(&m, RAD_DNS_SERVER_IPV6_ADDRESS, want64, 16);
		rad_add(&m, RAD_FRAMED_IP_ADDRESS, addr, 4);
		rad_add_u32(&m, RAD_FRAMED_MTU, 1400);
		rad_add_str(&m, RAD_FRAMED_POOL, "p");
		rad_add_str(&m, RAD_FRAMED_ROUTE, "198.51.100.7/24 10.0.0.1 1");
		if (six) {
			rad_add(&m, RAD_DELEGATED_IPV6_PREFIX, pd56,
				sizeof(pd56));
			rad_add(&m, RAD_FRAMED_IPV6_PREFIX, p64, sizeof(p64));
		}
		rad_add_str(&m, RAD_FRAMED_ROUTE, "not-a-route");
		rad_add_str(&m, RAD_FRAMED_ROUTE, "203.0.113.200/25");
		rad_add_u32(&m, RAD_SESSION_TIMEOUT, 3600);
		rad_add_u32(&m, RAD_IDLE_TIMEOUT, 0);
		rad_add_u32(&m, RAD_ACCT_INTERIM_INTERVAL, 300);
		rad_add_str(&m, RAD_CLASS, "class-1");
		rad_add_str(&m, RAD_CLASS, "class-2");
		rad_add_vsa(&m, RAD_VENDOR_MICROSOFT, RAD_MS_SECONDARY_DNS,
			    dns2, 4);
		rad_add_vsa(&m, RAD_VENDOR_MICROSOFT, RAD_MS_PRIMARY_DNS,
			    dns1, 4);
		rad_add_vsa(&m, RAD_VENDOR_MICROSOFT, RAD_MS_CHAP2_SUCCESS,
			    success, 43);
		CHECK_EQ(run(&m, KL2TP_AUTH_MSCHAPV2), 0);
		CHECK_EQ(nlogged, 1);
		CHECK(strstr(logged, "Framed-Route \"not-a-route\" not used"));

		memset(want_buf, 0, sizeof(want_buf));	/* padding too */
		want = mnl_nlmsg_put_header(want_buf);
		mnl_nlmsg_put_extra_header(want, sizeof(struct genlmsghdr));
		mnl_attr_put(want, KL2TP_A_ADDRESS, 4, addr);
		mnl_attr_put_u32(want, KL2TP_A_MTU, 1400);
		mnl_attr_put_strz(want, KL2TP_A_POOL, "p");
		mnl_attr_put_u32(want, KL2TP_A_SESSION_TIMEOUT, 3600);
		mnl_attr_put_u32(want, KL2TP_A_ACCT_INTERIM, 300);
		mnl_attr_put(want, KL2TP_A_ACCT_CLASS, 7, "class-1");
		mnl_attr_put(want, KL2TP_A_ROUTES, sizeof(routes), routes);
		mnl_attr_put(want, KL2TP_A_DNS1, 4, dns1);
		mnl_attr_put(want, KL2TP_A_DNS2, 4, dns2);
		ipv4_len = want->nlmsg_len;
		if (six) {
			uint8_t plen = 64, pd_len = 56;

			mnl_attr_put(want, KL2TP_A_PREFIX6, 16, want64);
			mnl_attr_put(want, KL2TP_A_PREFIX6_LEN, 1, &plen);
			mnl_attr_put(want, KL2TP_A_DNS6_1, 16, want64);
			mnl_attr_put(want, KL2TP_A_PD_PREFIX, 16, want_pd56);
			mnl_attr_put(want, KL2TP_A_PD_PREFIX_LEN, 1, &pd_len);
		}
		mnl_attr_put(want, KL2TP_A_AAA_AUTHRESP, 42, success + 1);
		CHECK_EQ(v.nlh->nlmsg_len, want->nlmsg_len);
		CHECK_MEM(v.buf, want_buf, ipv4_len);
		CHECK_MEM(v.buf, want_buf, want->nlmsg_len);
	}

	/* MS-CHAPv2 without MS-CHAP2-Success: not honoured, as before */
	accept_init(&m);
	rad_add(&m, RAD_FRAMED_IPV6_PREFIX, p64, sizeof(p64));
	CHECK_EQ(run(&m, KL2TP_AUTH_MSCHAPV2), -1);
}

UNIT_MAIN(UNIT_CASE(t_prefix6), UNIT_CASE(t_pool6), UNIT_CASE(t_dns6),
	  UNIT_CASE(t_pd_prefix), UNIT_CASE(t_pd_pool),
	  UNIT_CASE(t_ipv4_unchanged))
