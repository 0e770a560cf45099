// SPDX-License-Identifier: GPL-2.0
/*
 * kl2tp-aaad: what an Access-Accept says of the user, into the verdict
 * for the kernel (uapi KL2TP_CMD_AAA_VERDICT): its IPv4 address or pool,
 * DNS servers, MTU, framed routes, timeouts and accounting (RFC 2865,
 * 2866, 2869, 2548), its IPv6 prefix or pool and IPv6 DNS servers (RFC
 * 3162, 6911), and the prefix or pool of the prefix delegated to its
 * router (RFC 4818, 6911). An attribute the kernel could not take is left
 * out.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <libmnl/libmnl.h>
#include <linux/netlink.h>

#include "../../uapi/linux/kl2tp.h"
#include "aaad.h"

/* uapi: KL2TP_A_PREFIX6_LEN and KL2TP_A_PD_PREFIX_LEN 1..64 */
#define PREFIX6_LEN_MAX		64

/* Framed-Route (RFC 2865 5.22): "prefix[/len] [gateway [metric]...]"; the
 * route goes through the session, its gateway and metric are not ours. */
static int parse_route(const uint8_t *val, size_t len, struct kl2tp_route *rt)
{
	char s[254], *slash, *sp, *end;
	struct in_addr a;
	long bits = 32;

	memcpy(s, val, len);
	s[len] = 0;
	sp = strpbrk(s, " \t");
	if (sp)
		*sp = 0;
	slash = strchr(s, '/');
	if (slash) {
		*slash = 0;
		errno = 0;
		bits = strtol(slash + 1, &end, 10);
		if (errno || end == slash + 1 || *end || bits < 1 || bits > 32)
			return -1;
	}
	if (inet_pton(AF_INET, s, &a) != 1)
		return -1;
	memset(rt, 0, sizeof(*rt));
	rt->len = bits;
	rt->prefix = a.s_addr & htonl(bits == 32 ? ~0u : ~(~0u >> bits));
	return 0;
}

/*
 * A pool's name (Framed-Pool, Framed-IPv6-Pool, Delegated-IPv6-Prefix-Pool)
 * into @name: 0, or -1.
 */
static int pool_name(const uint8_t *val, size_t len, char *name)
{
	if (!len || len >= KL2TP_NAME_MAX)
		return -1;
	memcpy(name, val, len);
	name[len] = 0;
	return 0;
}

/*
 * An attribute of the verdict: the first of each type only (RADIUS may
 * repeat any), and only while it fits with room for the message and the
 * result that follow.
 */
static void vput(struct verdict *v, uint16_t type, size_t len,
		 const void *val)
{
	if (v->seen[type])
		return;
	v->seen[type] = true;
	if (!mnl_attr_put_check(v->nlh, sizeof(v->buf) - 512, type, len, val))
		logmsg("verdict full: attribute %u left out", type);
}

static void vput_u32(struct verdict *v, uint16_t type, uint32_t u)
{
	vput(v, type, sizeof(u), &u);
}

/*
 * A prefix an accept gives, or a pool to take it from: the user's own
 * (RFC 3162) or the one delegated to its router (RFC 4818, 6911). The
 * kernel takes one of the two.
 */
struct prefix_kind {
	const char *prefix_name, *pool_name;
	uint16_t prefix_attr, len_attr, pool_attr;
};

static const struct prefix_kind framed6 = {
	"Framed-IPv6-Prefix", "Framed-IPv6-Pool",
	KL2TP_A_PREFIX6, KL2TP_A_PREFIX6_LEN, KL2TP_A_POOL6,
};

static const struct prefix_kind delegated6 = {
	"Delegated-IPv6-Prefix", "Delegated-IPv6-Prefix-Pool",
	KL2TP_A_PD_PREFIX, KL2TP_A_PD_PREFIX_LEN, KL2TP_A_PD_POOL,
};

struct prefix_or_pool {
	const struct prefix_kind *kind;
	uint8_t prefix[16];
	uint8_t plen;			/* 0: no prefix taken */
	char pool[KL2TP_NAME_MAX];
	size_t pool_len;		/* 0: no pool taken */
};

/* What the accept says of IPv6 (the user's, its router's), gathered. */
struct accept6 {
	struct prefix_or_pool user, pd;
	uint8_t dns[2][16];
	int ndns;
};

/*
 * The first prefix the kernel takes (an "ipv6prefix", bits beyond its
 * length cleared); the others are logged.
 */
static void take_prefix(uint16_t sid, const uint8_t *val, size_t len,
			struct prefix_or_pool *p)
{
	char text[INET6_ADDRSTRLEN];
	uint8_t prefix[16], plen;

	if (p->plen)
		return;
	if (rad_get_ipv6_prefix(val, len, prefix, &plen)) {
		logmsg("session %u: %s not used (malformed, %zu octets)",
		       sid, p->kind->prefix_name, len);
		return;
	}
	if (plen < 1 || plen > PREFIX6_LEN_MAX) {
		inet_ntop(AF_INET6, prefix, text, sizeof(text));
		logmsg("session %u: %s %s/%u not used (a length of 1..%d)",
		       sid, p->kind->prefix_name, text, plen, PREFIX6_LEN_MAX);
		return;
	}
	memcpy(p->prefix, prefix, 16);
	p->plen = plen;
}

/* The first pool name the kernel takes; the others are logged. */
static void take_pool(uint16_t sid, const uint8_t *val, size_t len,
		      struct prefix_or_pool *p)
{
	if (p->pool_len)
		return;
	if (pool_name(val, len, p->pool)) {
		logmsg("session %u: %s not used (a name of 1..%d octets)",
		       sid, p->kind->pool_name, KL2TP_NAME_MAX - 1);
		return;
	}
	p->pool_len = len;
}

/* An IPv6 attribute of the accept (RFC 3162, 4818, 6911) into @a6. */
static void accept6_attr(uint16_t sid, uint8_t type, const uint8_t *val,
			 size_t len, struct accept6 *a6)
{
	switch (type) {
	case RAD_FRAMED_IPV6_PREFIX:
		take_prefix(sid, val, len, &a6->user);
		break;
	case RAD_FRAMED_IPV6_POOL:
		take_pool(sid, val, len, &a6->user);
		break;
	case RAD_DELEGATED_IPV6_PREFIX:
		take_prefix(sid, val, len, &a6->pd);
		break;
	case RAD_DELEGATED_IPV6_PREFIX_POOL:
		take_pool(sid, val, len, &a6->pd);
		break;
	case RAD_DNS_SERVER_IPV6_ADDRESS:
		if (len != 16) {
			logmsg("session %u: DNS-Server-IPv6-Address not used (%zu octets, not 16)",
			       sid, len);
			break;
		}
		/* the first two: KL2TP_A_DNS6_1, KL2TP_A_DNS6_2 */
		if (a6->ndns < 2)
			memcpy(a6->dns[a6->ndns++], val, 16);
		break;
	}
}

/* @p into the verdict: its prefix, else its pool (a line if both came). */
static void prefix_or_pool_put(uint16_t sid, const struct prefix_or_pool *p,
			       struct verdict *v)
{
	if (p->plen) {
		vput(v, p->kind->prefix_attr, 16, p->prefix);
		vput(v, p->kind->len_attr, 1, &p->plen);
		if (p->pool_len)
			logmsg("session %u: %s \"%s\" not used: %s given",
			       sid, p->kind->pool_name, p->pool,
			       p->kind->prefix_name);
	} else if (p->pool_len) {
		vput(v, p->kind->pool_attr, p->pool_len + 1, p->pool);
	}
}

/* @a6 into the verdict. */
static void accept6_put(uint16_t sid, const struct accept6 *a6,
			struct verdict *v)
{
	prefix_or_pool_put(sid, &a6->user, v);
	if (a6->ndns > 0)
		vput(v, KL2TP_A_DNS6_1, 16, a6->dns[0]);
	if (a6->ndns > 1)
		vput(v, KL2TP_A_DNS6_2, 16, a6->dns[1]);
	prefix_or_pool_put(sid, &a6->pd, v);
}

int accept_attrs(uint16_t sid, uint8_t method, const struct rad_msg *rep,
		 struct verdict *v, const char **why)
{
	struct accept6 a6 = {
		.user.kind = &framed6,
		.pd.kind = &delegated6,
	};
	char pool[KL2TP_NAME_MAX];
	const uint8_t *val;
	size_t off = 0, len;
	uint8_t type;
	uint32_t u = 0;

	while (rad_next(rep, &off, &type, &val, &len)) {
		if (len == 4)
			memcpy(&u, val, 4);
		switch (type) {
		case RAD_FRAMED_IP_ADDRESS:
			/* 255.255.255.254: the NAS chooses; ...255: the user. */
			if (len == 4 && memcmp(val, "\xff\xff\xff", 3))
				vput(v, KL2TP_A_ADDRESS, 4, val);
			break;
		case RAD_FRAMED_POOL:
			if (!pool_name(val, len, pool))
				vput(v, KL2TP_A_POOL, len + 1, pool);
			break;
		case RAD_FRAMED_MTU:
			if (len != 4)
				break;
			u = ntohl(u);
			if (u > KL2TP_MTU_MAX)
				u = KL2TP_MTU_MAX;
			if (u >= KL2TP_MTU_MIN)
				vput_u32(v, KL2TP_A_MTU, u);
			break;
		case RAD_SESSION_TIMEOUT:
		case RAD_IDLE_TIMEOUT:
		case RAD_ACCT_INTERIM_INTERVAL:
			if (len != 4 || !u)
				break;
			vput_u32(v, type == RAD_SESSION_TIMEOUT ?
				 KL2TP_A_SESSION_TIMEOUT :
				 type == RAD_IDLE_TIMEOUT ? KL2TP_A_IDLE_TIMEOUT :
				 KL2TP_A_ACCT_INTERIM, ntohl(u));
			break;
		case RAD_CLASS:
			/* the first Class: the one accounting sends back */
			if (len)
				vput(v, KL2TP_A_ACCT_CLASS, len, val);
			break;
		case RAD_FRAMED_ROUTE:
			if (v->nroutes == KL2TP_ROUTES_MAX ||
			    parse_route(val, len, &v->routes[v->nroutes])) {
				logmsg("session %u: Framed-Route \"%.*s\" not used",
				       sid, (int)len, val);
				break;
			}
			v->nroutes++;
			break;
		case RAD_FRAMED_IPV6_PREFIX:
		case RAD_FRAMED_IPV6_POOL:
		case RAD_DNS_SERVER_IPV6_ADDRESS:
		case RAD_DELEGATED_IPV6_PREFIX:
		case RAD_DELEGATED_IPV6_PREFIX_POOL:
			accept6_attr(sid, type, val, len, &a6);
			break;
		}
	}
	if (v->nroutes)
		vput(v, KL2TP_A_ROUTES, v->nroutes * sizeof(v->routes[0]),
		     v->routes);
	if (rad_find_vsa(rep, RAD_VENDOR_MICROSOFT, RAD_MS_PRIMARY_DNS, &val,
			 &len) && len == 4)
		vput(v, KL2TP_A_DNS1, 4, val);
	if (rad_find_vsa(rep, RAD_VENDOR_MICROSOFT, RAD_MS_SECONDARY_DNS,
			 &val, &len) && len == 4)
		vput(v, KL2TP_A_DNS2, 4, val);
	accept6_put(sid, &a6, v);
	if (method == KL2TP_AUTH_MSCHAPV2) {
		/* Ident, then "S=" and 40 hex digits (RFC 2548 2.3.3). */
		if (!rad_find_vsa(rep, RAD_VENDOR_MICROSOFT,
				  RAD_MS_CHAP2_SUCCESS, &val, &len) ||
		    len != 43 || val[1] != 'S' || val[2] != '=') {
			*why = "MS-CHAP2-Success missing or malformed";
			return -1;
		}
		vput(v, KL2TP_A_AAA_AUTHRESP, 42, val + 1);
	}
	return 0;
}
