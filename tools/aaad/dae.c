// SPDX-License-Identifier: GPL-2.0
/*
 * kl2tp-aaad: RFC 5176 dynamic authorization. A Disconnect-Request from
 * one of our RADIUS servers (or a configured DAE client), signed with its
 * secret, ends the accounted sessions it names (Acct-Session-Id,
 * User-Name, Framed-IP-Address, NAS-Port: all those given must match)
 * with a session reset; a CoA-Request gives those sessions its
 * Session-Timeout and Idle-Timeout (KL2TP_CMD_SESSION_SET). The answer
 * goes once the kernel has answered for each session. A request that does
 * not check, or whose Event-Timestamp is out of the window, is dropped
 * (RFC 5176 3.5); a retransmission gets the answer the first one got.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <sys/socket.h>

#include "../../uapi/linux/kl2tp.h"
#include "aaad.h"

#define DAE_SESSIONS_MAX	64	/* one request's sessions */
#define DAE_PENDING_MAX		64	/* requests waiting for the kernel */
#define DAE_PENDING_TIME	10	/* seconds the kernel has to answer */
#define DAE_ANSWERS		64	/* answers kept for retransmissions */
#define DAE_WINDOW		300	/* seconds: Event-Timestamp (3.5) */

/* RFC 5176 3.5 Error-Cause values. */
enum {
	ERR_UNSUPPORTED_ATTRIBUTE = 401,
	ERR_MISSING_ATTRIBUTE = 402,
	ERR_NAS_MISMATCH = 403,
	ERR_INVALID_REQUEST = 404,
	ERR_SESSION_NOT_FOUND = 503,
	ERR_RESOURCES_UNAVAILABLE = 506,
};

/* Who asked, with what: a retransmission has the same. */
struct dae_key {
	struct sockaddr_in from;
	uint8_t id;
	uint8_t auth[RAD_AUTH_LEN];
};

/* A request waiting for the kernel's resets or changes. */
struct pending {
	bool used;
	struct dae_key key;
	uint8_t ack, nak;		/* the answer's codes */
	struct rad_msg req;
	const char *secret;
	time_t deadline;
	unsigned int seqs[DAE_SESSIONS_MAX];	/* of those not answered */
	int n;
	int error;			/* the Error-Cause, once one failed */
};

/* An answer sent, for a retransmission of its request. */
struct answer {
	struct dae_key key;
	uint8_t buf[RAD_HDR_LEN + 6];	/* the header and an Error-Cause */
	size_t len;
};

static int fd = -1;
static struct pending pend[DAE_PENDING_MAX];
static struct answer answers[DAE_ANSWERS];
static unsigned int next_answer;

int dae_fd(void)
{
	return fd;
}

static void warn_ipv6(const struct rad_client *c, const char *what)
{
	int i;

	for (i = 0; i < c->nservers; i++)
		if (c->servers[i].addr.ss_family != AF_INET)
			logmsg("RFC 5176 takes IPv4 clients only: %s %d ignored",
			       what, i + 1);
}

int dae_init(uint16_t port)
{
	struct sockaddr_in a = {
		.sin_family = AF_INET,
		.sin_port = htons(port),
	};

	if (!port)
		return 0;
	warn_ipv6(&conf.dae, "coa-client");
	warn_ipv6(&conf.auth, "server");
	warn_ipv6(&conf.acct, "accounting server");
	/* no SO_REUSEADDR: nobody else may take the port beside us */
	fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	if (fd < 0 || bind(fd, (struct sockaddr *)&a, sizeof(a))) {
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

static bool same_key(const struct dae_key *a, const struct dae_key *b)
{
	return a->from.sin_addr.s_addr == b->from.sin_addr.s_addr &&
	       a->from.sin_port == b->from.sin_port && a->id == b->id &&
	       !memcmp(a->auth, b->auth, RAD_AUTH_LEN);
}

/* Answer @req (from @key) and keep the answer for a retransmission. */
static void respond(const struct dae_key *key, const struct rad_msg *req,
		    uint8_t code, int error, const char *secret)
{
	struct rad_msg *resp = malloc(sizeof(*resp));
	struct answer *a;

	if (!resp)
		return;
	rad_init(resp, code);
	if (error)
		rad_add_u32(resp, RAD_ERROR_CAUSE, error);
	rad_finish_response(resp, req, secret);
	if (sendto(fd, resp->buf, resp->len, 0,
		   (const struct sockaddr *)&key->from, sizeof(key->from)) < 0)
		logmsg("RFC 5176 answer not sent: %s", strerror(errno));
	if (resp->len <= sizeof(a->buf)) {
		a = &answers[next_answer++ % DAE_ANSWERS];
		a->key = *key;
		memcpy(a->buf, resp->buf, resp->len);
		a->len = resp->len;
	}
	free(resp);
}

/* What a CoA-Request changes. */
struct change {
	bool st, it;
	uint32_t session_timeout, idle_timeout;
};

/*
 * What a request names, into @m, and for a CoA-Request what it changes,
 * into @c: 0, -1 to drop it (an Event-Timestamp out of the window), or an
 * Error-Cause (an attribute we do not take, another NAS named, no
 * session named, a CoA that changes nothing).
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
	time_t now = time(NULL);

	memset(m, 0, sizeof(*m));
	while (rad_next(req, &off, &type, &val, &len)) {
		if (len == 4)
			memcpy(&u, val, 4);
		switch (type) {
		case RAD_ACCT_SESSION_ID:
			if (!len || len > 16)
				return ERR_SESSION_NOT_FOUND;	/* not one of ours */
			memcpy(hex, val, len);
			hex[len] = 0;
			if (strspn(hex, "0123456789abcdefABCDEF") != len)
				return ERR_SESSION_NOT_FOUND;
			m->acct_id = strtoull(hex, NULL, 16);
			m->by_id = named = true;
			break;
		case RAD_USER_NAME:
			if (!len || len >= usize || memchr(val, 0, len))
				return ERR_INVALID_REQUEST;
			memcpy(user, val, len);
			user[len] = 0;
			m->user = user;
			named = true;
			break;
		case RAD_FRAMED_IP_ADDRESS:
			if (len != 4 || !u)
				return ERR_INVALID_REQUEST;
			memcpy(&m->addr, val, 4);
			named = true;
			break;
		case RAD_NAS_PORT:
			if (len != 4)
				return ERR_INVALID_REQUEST;
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
			/* only when we send one (servers may add the source) */
			if (conf.nas_ip.s_addr &&
			    (len != 4 || memcmp(val, &conf.nas_ip, 4)))
				return ERR_NAS_MISMATCH;
			break;
		case RAD_NAS_IPV6_ADDRESS:
			if (!IN6_IS_ADDR_UNSPECIFIED(&conf.nas_ip6) &&
			    (len != 16 || memcmp(val, &conf.nas_ip6, 16)))
				return ERR_NAS_MISMATCH;
			break;
		case RAD_EVENT_TIMESTAMP:
			if (len != 4 ||
			    labs((long)(now - (time_t)ntohl(u))) > DAE_WINDOW)
				return -1;
			break;
		case RAD_SESSION_TIMEOUT:
		case RAD_IDLE_TIMEOUT:
			if (!c)
				return ERR_UNSUPPORTED_ATTRIBUTE;
			if (len != 4)
				return ERR_INVALID_REQUEST;
			if (type == RAD_SESSION_TIMEOUT) {
				c->st = true;
				c->session_timeout = ntohl(u);
			} else {
				c->it = true;
				c->idle_timeout = ntohl(u);
			}
			break;
		case RAD_MESSAGE_AUTHENTICATOR:
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
	if (!named || (c && !c->st && !c->it))
		return ERR_MISSING_ATTRIBUTE;
	return 0;
}

/* A Disconnect-Request, or a CoA-Request (@coa). */
static void handle(const struct dae_key *key, const struct rad_msg *req,
		   bool coa, const char *secret)
{
	uint8_t ack = coa ? RAD_COA_ACK : RAD_DISCONNECT_ACK;
	uint8_t nak = coa ? RAD_COA_NAK : RAD_DISCONNECT_NAK;
	const char *what = coa ? "CoA-Request" : "Disconnect-Request";
	uint16_t sids[DAE_SESSIONS_MAX + 1];
	char user[KL2TP_NAME_MAX], buf[256];
	struct change c = { 0 };
	struct acct_match m;
	struct pending *p = NULL;
	struct nlmsghdr *nlh;
	int err, n = 0, i;

	err = identify(req, &m, user, sizeof(user), coa ? &c : NULL);
	if (err < 0) {
		verbose("%s dropped: Event-Timestamp out of the window", what);
		return;
	}
	if (!err) {
		n = acct_sessions(&m, sids, DAE_SESSIONS_MAX + 1);
		if (!n)
			err = ERR_SESSION_NOT_FOUND;
		else if (n > DAE_SESSIONS_MAX)
			err = ERR_RESOURCES_UNAVAILABLE;	/* too many */
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
		respond(key, req, nak, err, secret);
		return;
	}
	*p = (struct pending){ .used = true, .key = *key, .ack = ack,
			       .nak = nak, .req = *req, .secret = secret,
			       .deadline = time(NULL) + DAE_PENDING_TIME };
	for (i = 0; i < n; i++) {
		unsigned int s = next_seq();

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
			logmsg("%s: session %u: %s", what, sids[i],
			       strerror(errno));
			p->error = ERR_RESOURCES_UNAVAILABLE;
			continue;
		}
		p->seqs[p->n++] = s;
		logmsg("%s: session %u %s", what, sids[i],
		       coa ? "changed" : "reset");
	}
	if (!p->n) {
		respond(&p->key, &p->req, nak, p->error, secret);
		p->used = false;
	}
}

static void finish(struct pending *p)
{
	if (p->error)
		respond(&p->key, &p->req, p->nak, p->error, p->secret);
	else
		respond(&p->key, &p->req, p->ack, 0, p->secret);
	p->used = false;
}

int dae_ack(unsigned int seq, int error)
{
	int i, k;

	if (!seq)
		return 0;
	for (i = 0; i < DAE_PENDING_MAX; i++) {
		struct pending *p = &pend[i];

		for (k = 0; p->used && k < p->n && p->seqs[k] != seq; k++)
			;
		if (!p->used || k == p->n)
			continue;
		p->seqs[k] = p->seqs[--p->n];
		if (error && !p->error)
			p->error = error == -ENOENT ? ERR_SESSION_NOT_FOUND :
						      ERR_RESOURCES_UNAVAILABLE;
		if (!p->n)
			finish(p);
		return 1;
	}
	return 0;
}

/* Once a second: a request the kernel did not answer in time is NAKed. */
void dae_tick(void)
{
	time_t now = time(NULL);
	int i;

	for (i = 0; i < DAE_PENDING_MAX; i++)
		if (pend[i].used && now >= pend[i].deadline) {
			pend[i].error = ERR_RESOURCES_UNAVAILABLE;
			finish(&pend[i]);
		}
}

void dae_receive(void)
{
	struct dae_key key = { 0 };
	socklen_t fromlen = sizeof(key.from);
	uint8_t buf[RAD_MAX_LEN];
	struct rad_msg *req;
	const char *secret;
	ssize_t len;
	int i;

	len = recvfrom(fd, buf, sizeof(buf), 0, (struct sockaddr *)&key.from,
		       &fromlen);
	if (len < 0 || key.from.sin_family != AF_INET)
		return;
	secret = client_secret(&key.from);
	req = malloc(sizeof(*req));
	if (!req)
		return;
	if (!secret || rad_check_request(buf, len, secret, req)) {
		verbose("RFC 5176 request from %s dropped: %s",
			inet_ntoa(key.from.sin_addr),
			secret ? "it does not check with its secret" :
				 "not a client");
		free(req);
		return;
	}
	key.id = req->buf[1];
	memcpy(key.auth, req->buf + 4, RAD_AUTH_LEN);
	/* a retransmission: the same answer, or the one still to come */
	for (i = 0; i < DAE_ANSWERS; i++)
		if (answers[i].len && same_key(&answers[i].key, &key)) {
			sendto(fd, answers[i].buf, answers[i].len, 0,
			       (struct sockaddr *)&key.from, sizeof(key.from));
			free(req);
			return;
		}
	for (i = 0; i < DAE_PENDING_MAX; i++)
		if (pend[i].used && same_key(&pend[i].key, &key)) {
			free(req);
			return;
		}
	handle(&key, req, rad_code(req) == RAD_COA_REQUEST, secret);
	free(req);
}
