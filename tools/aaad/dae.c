// SPDX-License-Identifier: GPL-2.0
/*
 * kl2tp-aaad: RFC 5176 dynamic authorization. A Disconnect-Request from
 * one of our RADIUS servers (or a configured DAE client), signed with its
 * secret, ends the accounted sessions it names (Acct-Session-Id,
 * User-Name, Framed-IP-Address, NAS-Port: all those given must match)
 * with a session reset; a CoA-Request gives those sessions its
 * Session-Timeout and Idle-Timeout (KL2TP_CMD_SESSION_SET). The ACK goes
 * once the kernel has done it for each. A request that does not check is
 * dropped, as RFC 5176 3.5 says.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <sys/socket.h>

#include "../../uapi/linux/kl2tp.h"
#include "aaad.h"

#define DAE_SESSIONS_MAX	64	/* ended by one request */
#define DAE_PENDING_MAX		64	/* requests waiting for the kernel */

/* RFC 5176 3.5 Error-Cause values. */
enum {
	ERR_UNSUPPORTED_ATTRIBUTE = 401,
	ERR_MISSING_ATTRIBUTE = 402,
	ERR_NAS_MISMATCH = 403,
	ERR_INVALID_REQUEST = 404,
	ERR_UNSUPPORTED_SERVICE = 405,
	ERR_SESSION_NOT_FOUND = 503,
	ERR_RESOURCES_UNAVAILABLE = 506,
};

/* A request waiting for the kernel's resets or changes. */
struct pending {
	bool used;
	uint8_t ack, nak;		/* the answer's codes */
	struct rad_msg req;
	struct sockaddr_storage from;
	socklen_t fromlen;
	const char *secret;
	unsigned int seqs[DAE_SESSIONS_MAX];	/* of the resets */
	int n, left;
	bool failed;
};

static int fd = -1;
static struct pending pend[DAE_PENDING_MAX];

int dae_fd(void)
{
	return fd;
}

int dae_init(uint16_t port)
{
	struct sockaddr_in a = {
		.sin_family = AF_INET,
		.sin_port = htons(port),
	};
	int one = 1;

	if (!port)
		return 0;
	fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	if (fd < 0 ||
	    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) ||
	    bind(fd, (struct sockaddr *)&a, sizeof(a))) {
		logmsg("RFC 5176 port %u: %s", port, strerror(errno));
		return -1;
	}
	return 0;
}

/* The secret of the client at @from: a DAE client's, else a server's. */
static const char *client_secret(const struct sockaddr_in *from)
{
	const struct rad_client *lists[] = { &conf.dae, &conf.auth, &conf.acct };
	size_t l;
	int i;

	for (l = 0; l < sizeof(lists) / sizeof(lists[0]); l++)
		for (i = 0; i < lists[l]->nservers; i++) {
			const struct sockaddr_in *s = (const void *)
				&lists[l]->servers[i].addr;

			if (s->sin_family == AF_INET &&
			    s->sin_addr.s_addr == from->sin_addr.s_addr)
				return lists[l]->servers[i].secret;
		}
	return NULL;
}

static void respond(const struct rad_msg *req, uint8_t code, int error,
		    const struct sockaddr_storage *to, socklen_t tolen,
		    const char *secret)
{
	struct rad_msg *resp = malloc(sizeof(*resp));

	if (!resp)
		return;
	rad_init(resp, code);
	if (error)
		rad_add_u32(resp, RAD_ERROR_CAUSE, error);
	rad_finish_response(resp, req, secret);
	if (sendto(fd, resp->buf, resp->len, 0, (const struct sockaddr *)to,
		   tolen) < 0)
		logmsg("RFC 5176 answer not sent: %s", strerror(errno));
	free(resp);
}

/* What a CoA-Request changes. */
struct change {
	bool st, it;
	uint32_t session_timeout, idle_timeout;
};

/*
 * What a request names, into @m, and for a CoA-Request what it changes,
 * into @c: 0, or an Error-Cause (an attribute we do not take, another
 * NAS named, no session named, a CoA that changes nothing).
 */
static int identify(const struct rad_msg *req, struct acct_match *m,
		    char *user, size_t usize, struct change *c)
{
	const uint8_t *val;
	size_t off = 0, len;
	uint8_t type;
	uint32_t u;
	char hex[17];
	bool named = false;

	memset(m, 0, sizeof(*m));
	while (rad_next(req, &off, &type, &val, &len)) {
		switch (type) {
		case RAD_ACCT_SESSION_ID:
			if (!len || len > 16)
				return ERR_INVALID_REQUEST;
			memcpy(hex, val, len);
			hex[len] = 0;
			if (strspn(hex, "0123456789abcdefABCDEF") != len)
				return ERR_INVALID_REQUEST;
			m->acct_id = strtoull(hex, NULL, 16);
			m->by_id = named = true;
			break;
		case RAD_USER_NAME:
			if (!len || len >= usize)
				return ERR_INVALID_REQUEST;
			memcpy(user, val, len);
			user[len] = 0;
			m->user = user;
			named = true;
			break;
		case RAD_FRAMED_IP_ADDRESS:
			if (len != 4)
				return ERR_INVALID_REQUEST;
			memcpy(&m->addr, val, 4);
			named = true;
			break;
		case RAD_NAS_PORT:
			if (len != 4)
				return ERR_INVALID_REQUEST;
			memcpy(&u, val, 4);
			if (ntohl(u) > 0xffff)
				return ERR_SESSION_NOT_FOUND;
			m->sid = ntohl(u);
			m->by_sid = named = true;
			break;
		case RAD_NAS_IDENTIFIER:
			if (len != strlen(conf.nas_identifier) ||
			    memcmp(val, conf.nas_identifier, len))
				return ERR_NAS_MISMATCH;
			break;
		case RAD_NAS_IP_ADDRESS:
			if (len != 4 || memcmp(val, &conf.nas_ip, 4))
				return ERR_NAS_MISMATCH;
			break;
		case RAD_SESSION_TIMEOUT:
		case RAD_IDLE_TIMEOUT:
			if (!c)
				return ERR_UNSUPPORTED_ATTRIBUTE;
			if (len != 4)
				return ERR_INVALID_REQUEST;
			memcpy(&u, val, 4);
			if (type == RAD_SESSION_TIMEOUT) {
				c->st = true;
				c->session_timeout = ntohl(u);
			} else {
				c->it = true;
				c->idle_timeout = ntohl(u);
			}
			break;
		case RAD_MESSAGE_AUTHENTICATOR:
		case RAD_EVENT_TIMESTAMP:
		case RAD_ACCT_TERMINATE_CAUSE:
		case RAD_REPLY_MESSAGE:
		case RAD_CALLING_STATION_ID:
		case RAD_CALLED_STATION_ID:
		case RAD_NAS_PORT_ID:
		case RAD_NAS_PORT_TYPE:
		case RAD_CLASS:
			break;
		default:
			return ERR_UNSUPPORTED_ATTRIBUTE;
		}
	}
	if (c && !c->st && !c->it)
		return ERR_MISSING_ATTRIBUTE;
	return named ? 0 : ERR_MISSING_ATTRIBUTE;
}

/* A Disconnect-Request, or a CoA-Request (@coa). */
static void handle(const struct rad_msg *req, bool coa,
		   const struct sockaddr_storage *from, socklen_t fromlen,
		   const char *secret)
{
	uint8_t ack = coa ? RAD_COA_ACK : RAD_DISCONNECT_ACK;
	uint8_t nak = coa ? RAD_COA_NAK : RAD_DISCONNECT_NAK;
	const char *what = coa ? "CoA-Request" : "Disconnect-Request";
	uint16_t sids[DAE_SESSIONS_MAX];
	char user[KL2TP_NAME_MAX], buf[256];
	struct change c = { 0 };
	struct acct_match m;
	struct pending *p = NULL;
	struct nlmsghdr *nlh;
	int err, n, i;

	err = identify(req, &m, user, sizeof(user), coa ? &c : NULL);
	if (!err) {
		n = acct_sessions(&m, sids, DAE_SESSIONS_MAX);
		if (!n)
			err = ERR_SESSION_NOT_FOUND;
	}
	for (i = 0; !err && i < DAE_PENDING_MAX; i++)
		if (!pend[i].used) {
			p = &pend[i];
			break;
		}
	if (!err && !p)
		err = ERR_RESOURCES_UNAVAILABLE;
	if (err) {
		logmsg("%s refused: Error-Cause %d", what, err);
		respond(req, nak, err, from, fromlen, secret);
		return;
	}
	*p = (struct pending){ .used = true, .ack = ack, .nak = nak,
			       .req = *req, .from = *from, .fromlen = fromlen,
			       .secret = secret, .n = n, .left = n };
	for (i = 0; i < n; i++) {
		unsigned int s = next_seq();

		p->seqs[i] = s;
		nlh = put_genl(buf, family, coa ? KL2TP_CMD_SESSION_SET :
			       KL2TP_CMD_SESSION_RESET, NLM_F_ACK, s);
		mnl_attr_put_u16(nlh, KL2TP_A_SESSION_ID, sids[i]);
		if (c.st)
			mnl_attr_put_u32(nlh, KL2TP_A_SESSION_TIMEOUT,
					 c.session_timeout);
		if (c.it)
			mnl_attr_put_u32(nlh, KL2TP_A_IDLE_TIMEOUT,
					 c.idle_timeout);
		if (mnl_socket_sendto(nl, nlh, nlh->nlmsg_len) < 0) {
			p->failed = true;
			p->left--;
		}
		logmsg("%s: session %u %s", what, sids[i],
		       coa ? "changed" : "reset");
	}
	if (!p->left) {
		respond(&p->req, nak, ERR_RESOURCES_UNAVAILABLE, &p->from,
			p->fromlen, p->secret);
		p->used = false;
	}
}

int dae_ack(unsigned int seq, int error)
{
	int i, k;

	for (i = 0; i < DAE_PENDING_MAX; i++) {
		struct pending *p = &pend[i];

		for (k = 0; p->used && k < p->n && p->seqs[k] != seq; k++)
			;
		if (!p->used || k == p->n)
			continue;
		p->seqs[k] = 0;
		if (error)
			p->failed = true;
		if (--p->left)
			return 1;
		if (p->failed)
			respond(&p->req, p->nak, ERR_SESSION_NOT_FOUND,
				&p->from, p->fromlen, p->secret);
		else
			respond(&p->req, p->ack, 0, &p->from, p->fromlen,
				p->secret);
		p->used = false;
		return 1;
	}
	return 0;
}

void dae_receive(void)
{
	struct sockaddr_storage from;
	socklen_t fromlen = sizeof(from);
	uint8_t buf[RAD_MAX_LEN];
	struct rad_msg *req;
	const char *secret;
	ssize_t len;

	len = recvfrom(fd, buf, sizeof(buf), 0, (struct sockaddr *)&from,
		       &fromlen);
	if (len < 0 || from.ss_family != AF_INET)
		return;
	secret = client_secret((const struct sockaddr_in *)&from);
	req = malloc(sizeof(*req));
	if (!req)
		return;
	if (!secret || rad_check_request(buf, len, secret, req)) {
		verbose("RFC 5176 request from %s dropped: %s",
			inet_ntoa(((struct sockaddr_in *)&from)->sin_addr),
			secret ? "it does not check with its secret" :
				 "not a client");
		free(req);
		return;
	}
	handle(req, rad_code(req) == RAD_COA_REQUEST, &from, fromlen, secret);
	free(req);
}
