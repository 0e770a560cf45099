// SPDX-License-Identifier: GPL-2.0
/*
 * kl2tp-aaad: what an Access-Accept says of the user, into the verdict
 * for the kernel (uapi KL2TP_CMD_AAA_VERDICT): its IPv4 address or pool,
 * DNS servers, MTU, framed routes, timeouts and accounting (RFC 2865,
 * 2866, 2869, 2548), and its IPv6 prefix or pool and IPv6 DNS servers
 * (RFC 3162, 6911). An attribute the kernel could not take is left out.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <libmnl/libmnl.h>
#include <linux/netlink.h>

#include "../../uapi/linux/kl2tp.h"
#include "aaad.h"

/* uapi: KL2TP_A_PREFIX6_LEN 1..64 */
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

/* A pool's name (Framed-Pool, Framed-IPv6-Pool) into @name: 0, or -1. */
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

/* What the accept says of the user's IPv6, gathered for the verdict. */
struct accept6 {
	uint8_t prefix[16];
	uint8_t plen;			/* 0: no Framed-IPv6-Prefix taken */
	char pool[KL2TP_NAME_MAX];
	size_t pool_len;		/* 0: no Framed-IPv6-Pool taken */
	uint8_t dns[2][16];
	int ndns;
	bool delegated;
};

/* An IPv6 attribute of the accept (RFC 3162, 4818, 6911) into @a6. */
static void accept6_attr(uint16_t sid, uint8_t type, const uint8_t *val,
			 size_t len, struct accept6 *a6)
{
	char text[INET6_ADDRSTRLEN];
	uint8_t prefix[16], plen;

	switch (type) {
	case RAD_FRAMED_IPV6_PREFIX:
		if (a6->plen)
			break;
		if (rad_get_ipv6_prefix(val, len, prefix, &plen)) {
			logmsg("session %u: Framed-IPv6-Prefix not used (malformed, %zu octets)",
			       sid, len);
			break;
		}
		if (plen < 1 || plen > PREFIX6_LEN_MAX) {
			inet_ntop(AF_INET6, prefix, text, sizeof(text));
			logmsg("session %u: Framed-IPv6-Prefix %s/%u not used (a length of 1..%d)",
			       sid, text, plen, PREFIX6_LEN_MAX);
			break;
		}
		memcpy(a6->prefix, prefix, 16);
		a6->plen = plen;
		break;
	case RAD_FRAMED_IPV6_POOL:
		if (a6->pool_len)
			break;
		if (pool_name(val, len, a6->pool)) {
			logmsg("session %u: Framed-IPv6-Pool not used (a name of 1..%d octets)",
			       sid, KL2TP_NAME_MAX - 1);
			break;
		}
		a6->pool_len = len;
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
	case RAD_DELEGATED_IPV6_PREFIX:
		a6->delegated = true;
		break;
	}
}

/* @a6 into the verdict: a prefix or a pool (the kernel takes one only). */
static void accept6_put(uint16_t sid, const struct accept6 *a6,
			struct verdict *v)
{
	if (a6->plen) {
		vput(v, KL2TP_A_PREFIX6, 16, a6->prefix);
		vput(v, KL2TP_A_PREFIX6_LEN, 1, &a6->plen);
		if (a6->pool_len)
			logmsg("session %u: Framed-IPv6-Pool \"%s\" not used: Framed-IPv6-Prefix given",
			       sid, a6->pool);
	} else if (a6->pool_len) {
		vput(v, KL2TP_A_POOL6, a6->pool_len + 1, a6->pool);
	}
	if (a6->ndns > 0)
		vput(v, KL2TP_A_DNS6_1, 16, a6->dns[0]);
	if (a6->ndns > 1)
		vput(v, KL2TP_A_DNS6_2, 16, a6->dns[1]);
	if (a6->delegated)
		verbose("session %u: Delegated-IPv6-Prefix not used (no prefix delegation)",
			sid);
}

int accept_attrs(uint16_t sid, uint8_t method, const struct rad_msg *rep,
		 struct verdict *v, const char **why)
{
	struct accept6 a6 = { .plen = 0 };
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
