// SPDX-License-Identifier: GPL-2.0
/*
 * kl2tp-aaad: the AAA agent of a network namespace's kl2tp listeners
 * (uapi/linux/kl2tp.h, "AAA agent"). It registers with the module, takes
 * each credential the kernel's PPP hands over, asks RADIUS servers about
 * it and returns the verdict with what the server said of the user. The
 * sessions stay the kernel's: this process may die or restart at any time.
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <libmnl/libmnl.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>

#include "../../uapi/linux/kl2tp.h"
#include "aaad.h"

#ifndef KL2TP_TOOL_VERSION
#define KL2TP_TOOL_VERSION "unknown"
#endif

#define AAAD_QUEUE_MAX		4096	/* requests waiting for a worker */
#define AAAD_THREADS_MAX	256
#define AAAD_RCVBUF		(4 << 20)
#define AAAD_AUTH_PORT		1812
#define AAAD_ACCT_PORT		1813

struct aaad_conf conf = {
	.auth = { .timeout_ms = 3000, .retries = 2 },
	.acct = { .timeout_ms = 3000, .retries = 2 },
	.threads = 16,
	.coa_port = 3799,
};

static volatile sig_atomic_t stopping;

void logmsg(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

/* One request of the kernel, as it arrived. */
struct request {
	struct request *next;
	uint64_t cookie;
	uint16_t session_id, tunnel_id;
	uint8_t method;
	bool proxy;
	char user[KL2TP_NAME_MAX];
	char listener[KL2TP_NAME_MAX];
	uint8_t password[RAD_PASSWORD_MAX];
	size_t password_len;
	uint8_t chap_id;
	uint8_t challenge[64];
	size_t challenge_len;
	uint8_t response[64];
	size_t response_len;
	struct tunnel_addr remote, local;
	struct call_numbers numbers;
};

static struct {
	pthread_mutex_t lock;
	pthread_cond_t cond;
	struct request *head, *tail;
	int count;
} queue = {
	.lock = PTHREAD_MUTEX_INITIALIZER,
	.cond = PTHREAD_COND_INITIALIZER,
};

struct mnl_socket *nl;
uint16_t family;
static pthread_mutex_t seq_lock = PTHREAD_MUTEX_INITIALIZER;
static unsigned int seq;

unsigned int next_seq(void)
{
	unsigned int s;

	pthread_mutex_lock(&seq_lock);
	s = ++seq;
	pthread_mutex_unlock(&seq_lock);
	return s;
}

/* ---- configuration ---- */

static int add_server(struct rad_client *c, const char *spec,
		      uint16_t port, const char *secret)
{
	if (c->nservers == RAD_SERVERS_MAX) {
		logmsg("at most %d servers", RAD_SERVERS_MAX);
		return -1;
	}
	if (rad_server_parse(&c->servers[c->nservers], spec, port, secret)) {
		logmsg("bad server \"%s\" (HOST[:PORT], [IPV6]:PORT; a secret of 1..%d bytes)",
		       spec, RAD_SECRET_MAX);
		return -1;
	}
	c->nservers++;
	return 0;
}

static int parse_uint(const char *s, long min, long max, long *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

/* One "key value..." setting, from the file or the command line. */
static int setting(const char *key, char **args, int nargs)
{
	struct in6_addr a6;
	struct in_addr a4;
	long v;

	if (!strcmp(key, "server") || !strcmp(key, "acct-server") ||
	    !strcmp(key, "coa-client")) {
		if (nargs != 2) {
			logmsg("%s: HOST%s SECRET", key,
			       key[0] == 'c' ? "" : "[:PORT]");
			return -1;
		}
		if (key[0] == 's')
			return add_server(&conf.auth, args[0], AAAD_AUTH_PORT,
					  args[1]);
		if (key[0] == 'c')
			return add_server(&conf.dae, args[0], 1, args[1]);
		return add_server(&conf.acct, args[0], AAAD_ACCT_PORT, args[1]);
	}
	if (nargs != 1) {
		logmsg("%s takes one value", key);
		return -1;
	}
	if (!strcmp(key, "timeout")) {
		if (parse_uint(args[0], 1, 60, &v)) {
			logmsg("timeout: 1..60 seconds");
			return -1;
		}
		conf.auth.timeout_ms = v * 1000;
		conf.acct.timeout_ms = v * 1000;
	} else if (!strcmp(key, "retries")) {
		if (parse_uint(args[0], 0, 10, &v)) {
			logmsg("retries: 0..10");
			return -1;
		}
		conf.auth.retries = v;
		conf.acct.retries = v;
	} else if (!strcmp(key, "coa-port")) {
		if (parse_uint(args[0], 0, 65535, &v)) {
			logmsg("coa-port: 0 (none) or 1..65535");
			return -1;
		}
		conf.coa_port = v;
	} else if (!strcmp(key, "threads")) {
		if (parse_uint(args[0], 1, AAAD_THREADS_MAX, &v)) {
			logmsg("threads: 1..%d", AAAD_THREADS_MAX);
			return -1;
		}
		conf.threads = v;
	} else if (!strcmp(key, "nas-identifier")) {
		if (!*args[0] || strlen(args[0]) > 253) {
			logmsg("nas-identifier: 1..253 bytes");
			return -1;
		}
		strcpy(conf.nas_identifier, args[0]);
	} else if (!strcmp(key, "nas-ip-address")) {
		/* once for each family: NAS-IP-Address, NAS-IPv6-Address */
		if (inet_pton(AF_INET, args[0], &a4) == 1) {
			conf.nas_ip = a4;
		} else if (inet_pton(AF_INET6, args[0], &a6) == 1 &&
			   !IN6_IS_ADDR_V4MAPPED(&a6)) {
			conf.nas_ip6 = a6;
		} else {
			logmsg("nas-ip-address: an IPv4 or an IPv6 address");
			return -1;
		}
	} else {
		logmsg("unknown setting \"%s\"", key);
		return -1;
	}
	return 0;
}

static int read_config(const char *path)
{
	char line[1024], *args[8], *save, *tok, *key;
	int lineno = 0, n;
	FILE *f;

	f = fopen(path, "r");
	if (!f) {
		logmsg("%s: %s", path, strerror(errno));
		return -1;
	}
	while (fgets(line, sizeof(line), f)) {
		lineno++;
		if (!strchr(line, '\n') && !feof(f)) {
			logmsg("%s:%d: line too long", path, lineno);
			goto bad;
		}
		line[strcspn(line, "#\n")] = 0;
		key = strtok_r(line, " \t\r", &save);
		if (!key)
			continue;
		n = 0;
		while ((tok = strtok_r(NULL, " \t\r", &save))) {
			if (n == 8) {
				logmsg("%s:%d: too many values", path, lineno);
				goto bad;
			}
			args[n++] = tok;
		}
		if (setting(key, args, n)) {
			logmsg("%s:%d: in this line", path, lineno);
			goto bad;
		}
	}
	fclose(f);
	return 0;
bad:
	fclose(f);
	return -1;
}

/* ---- netlink ---- */

static int family_cb(const struct nlmsghdr *nlh, void *data)
{
	struct nlattr *a;

	mnl_attr_for_each(a, nlh, sizeof(struct genlmsghdr))
		if (mnl_attr_get_type(a) == CTRL_ATTR_FAMILY_ID &&
		    mnl_attr_validate(a, MNL_TYPE_U16) >= 0)
			family = mnl_attr_get_u16(a);
	return MNL_CB_OK;
}

struct nlmsghdr *put_genl(char *buf, uint16_t type, uint8_t cmd,
			  uint16_t flags, unsigned int s)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	struct genlmsghdr *g;

	nlh->nlmsg_type = type;
	nlh->nlmsg_flags = NLM_F_REQUEST | flags;
	nlh->nlmsg_seq = s;
	g = mnl_nlmsg_put_extra_header(nlh, sizeof(*g));
	g->cmd = cmd;
	g->version = type == GENL_ID_CTRL ? 1 : KL2TP_GENL_VERSION;
	return nlh;
}

/* Send and wait for the answer (the socket has no requests yet). */
static int transact(struct nlmsghdr *nlh, mnl_cb_t cb)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	unsigned int portid = mnl_socket_get_portid(nl);
	int ret;

	if (mnl_socket_sendto(nl, nlh, nlh->nlmsg_len) < 0)
		return -errno;
	do {
		ret = mnl_socket_recvfrom(nl, buf, sizeof(buf));
		if (ret < 0)
			return -errno;
		ret = mnl_cb_run(buf, ret, nlh->nlmsg_seq, portid, cb, NULL);
	} while (ret > 0);
	return ret < 0 ? -errno : 0;
}

static int nl_open(void)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct nlmsghdr *nlh;
	int rcvbuf = AAAD_RCVBUF, one = 1, ret;

	nl = mnl_socket_open(NETLINK_GENERIC);
	if (!nl || mnl_socket_bind(nl, 0, MNL_SOCKET_AUTOPID) < 0) {
		logmsg("netlink: %s", strerror(errno));
		return -1;
	}
	/* Requests are not queued for us: room for a burst of logins. */
	if (setsockopt(mnl_socket_get_fd(nl), SOL_SOCKET, SO_RCVBUFFORCE,
		       &rcvbuf, sizeof(rcvbuf)) < 0)
		setsockopt(mnl_socket_get_fd(nl), SOL_SOCKET, SO_RCVBUF,
			   &rcvbuf, sizeof(rcvbuf));
	mnl_socket_setsockopt(nl, NETLINK_CAP_ACK, &one, sizeof(one));

	nlh = put_genl(buf, GENL_ID_CTRL, CTRL_CMD_GETFAMILY, NLM_F_ACK,
		       next_seq());
	mnl_attr_put_strz(nlh, CTRL_ATTR_FAMILY_NAME, KL2TP_GENL_NAME);
	if (transact(nlh, family_cb) < 0 || !family) {
		logmsg("the kl2tp module is not loaded");
		return -1;
	}
	nlh = put_genl(buf, family, KL2TP_CMD_AAA_REGISTER, NLM_F_ACK,
		       next_seq());
	ret = transact(nlh, NULL);
	if (ret == -EBUSY) {
		logmsg("another AAA agent serves this network namespace");
		return -1;
	}
	if (ret) {
		logmsg("cannot register as the AAA agent: %s", strerror(-ret));
		return -1;
	}
	return 0;
}

/* ---- requests ---- */

int aaad_attr_cb(const struct nlattr *a, void *data)
{
	const struct nlattr **tb = data;
	uint16_t type = mnl_attr_get_type(a);

	if (type <= KL2TP_A_MAX)
		tb[type] = a;
	return MNL_CB_OK;
}

static int get_bin(const struct nlattr *a, void *dst, size_t max,
		   size_t *len)
{
	size_t n = mnl_attr_get_payload_len(a);

	if (n > max)
		return -1;
	memcpy(dst, mnl_attr_get_payload(a), n);
	*len = n;
	return 0;
}

static int get_str(const struct nlattr *a, char *dst, size_t size)
{
	if (mnl_attr_validate(a, MNL_TYPE_NUL_STRING) < 0 ||
	    mnl_attr_get_payload_len(a) > size)
		return -1;
	strcpy(dst, mnl_attr_get_str(a));
	return 0;
}

/* A KL2TP_CMD_AAA_REQUEST into a struct request: 0, or -1 if malformed. */
static int parse_request(const struct nlmsghdr *nlh, struct request *r)
{
	const struct nlattr *tb[KL2TP_A_MAX + 1] = { NULL };

	if (mnl_attr_parse(nlh, sizeof(struct genlmsghdr), aaad_attr_cb,
			   tb) < 0)
		return -1;
	if (!tb[KL2TP_A_AAA_COOKIE] || !tb[KL2TP_A_SESSION_ID] ||
	    !tb[KL2TP_A_AAA_METHOD] ||
	    mnl_attr_validate(tb[KL2TP_A_AAA_COOKIE], MNL_TYPE_U64) < 0 ||
	    mnl_attr_validate(tb[KL2TP_A_SESSION_ID], MNL_TYPE_U16) < 0 ||
	    mnl_attr_validate(tb[KL2TP_A_AAA_METHOD], MNL_TYPE_U8) < 0)
		return -1;
	r->cookie = mnl_attr_get_u64(tb[KL2TP_A_AAA_COOKIE]);
	r->session_id = mnl_attr_get_u16(tb[KL2TP_A_SESSION_ID]);
	r->method = mnl_attr_get_u8(tb[KL2TP_A_AAA_METHOD]);
	r->proxy = tb[KL2TP_A_AAA_PROXY];
	if (tb[KL2TP_A_TUNNEL_ID] &&
	    mnl_attr_validate(tb[KL2TP_A_TUNNEL_ID], MNL_TYPE_U16) >= 0)
		r->tunnel_id = mnl_attr_get_u16(tb[KL2TP_A_TUNNEL_ID]);
	if (tb[KL2TP_A_USER] &&
	    get_str(tb[KL2TP_A_USER], r->user, sizeof(r->user)))
		return -1;
	if (tb[KL2TP_A_NAME] &&
	    get_str(tb[KL2TP_A_NAME], r->listener, sizeof(r->listener)))
		return -1;
	if (tb[KL2TP_A_PASSWORD] &&
	    get_bin(tb[KL2TP_A_PASSWORD], r->password, sizeof(r->password),
		    &r->password_len))
		return -1;
	if (tb[KL2TP_A_AAA_CHAP_ID] &&
	    mnl_attr_validate(tb[KL2TP_A_AAA_CHAP_ID], MNL_TYPE_U8) >= 0)
		r->chap_id = mnl_attr_get_u8(tb[KL2TP_A_AAA_CHAP_ID]);
	if (tb[KL2TP_A_AAA_CHALLENGE] &&
	    get_bin(tb[KL2TP_A_AAA_CHALLENGE], r->challenge,
		    sizeof(r->challenge), &r->challenge_len))
		return -1;
	if (tb[KL2TP_A_AAA_RESPONSE] &&
	    get_bin(tb[KL2TP_A_AAA_RESPONSE], r->response,
		    sizeof(r->response), &r->response_len))
		return -1;
	get_tunnel_addr(tb[KL2TP_A_REMOTE_ADDR], &r->remote);
	get_tunnel_addr(tb[KL2TP_A_LOCAL_ADDR], &r->local);
	get_call_numbers(tb, &r->numbers);
	return 0;
}

void get_tunnel_addr(const struct nlattr *a, struct tunnel_addr *dst)
{
	size_t n = a ? mnl_attr_get_payload_len(a) : 0;

	dst->len = 0;
	if (n != 4 && n != 16)
		return;
	memcpy(dst->a, mnl_attr_get_payload(a), n);
	dst->len = (uint8_t)n;
}

/* Does @a hold an address other than 0.0.0.0 or ::? */
static bool tunnel_addr_set(const struct tunnel_addr *a)
{
	static const uint8_t zero[sizeof(a->a)];

	return a->len && memcmp(a->a, zero, a->len);
}

void get_call_numbers(const struct nlattr **tb, struct call_numbers *n)
{
	/* a malformed one is left out: the kernel sends none */
	if (tb[KL2TP_A_CALLING_NUMBER] &&
	    get_str(tb[KL2TP_A_CALLING_NUMBER], n->calling, sizeof(n->calling)))
		n->calling[0] = '\0';
	if (tb[KL2TP_A_CALLED_NUMBER] &&
	    get_str(tb[KL2TP_A_CALLED_NUMBER], n->called, sizeof(n->called)))
		n->called[0] = '\0';
}

int add_call_attrs(struct rad_msg *m, uint16_t tid, uint16_t sid,
		   const struct tunnel_addr *raddr,
		   const struct tunnel_addr *laddr,
		   const struct call_numbers *n)
{
	const struct tunnel_addr *any = tunnel_addr_set(raddr) ? raddr : laddr;
	char port_id[32];
	int err = 0;

	err |= rad_add_str(m, RAD_NAS_IDENTIFIER, conf.nas_identifier);
	if (conf.nas_ip.s_addr)
		err |= rad_add_nas_addr(m, &conf.nas_ip, 4);
	if (!IN6_IS_ADDR_UNSPECIFIED(&conf.nas_ip6))
		err |= rad_add_nas_addr(m, &conf.nas_ip6, 16);
	err |= rad_add_u32(m, RAD_NAS_PORT, sid);
	snprintf(port_id, sizeof(port_id), "%u/%u", tid, sid);
	err |= rad_add_str(m, RAD_NAS_PORT_ID, port_id);
	err |= rad_add_u32(m, RAD_NAS_PORT_TYPE, RAD_NAS_PORT_TYPE_VIRTUAL);
	err |= rad_add_u32(m, RAD_SERVICE_TYPE, RAD_SERVICE_FRAMED);
	err |= rad_add_u32(m, RAD_FRAMED_PROTOCOL, RAD_FRAMED_PPP);
	/* RFC 2868: tag 0, then the value (Tunnel-Type's is 3 octets). */
	err |= rad_add_u32(m, RAD_TUNNEL_TYPE, RAD_TUNNEL_L2TP);
	/* IPv6 when the tunnel runs over it (RFC 2868 3.2) */
	err |= rad_add_u32(m, RAD_TUNNEL_MEDIUM_TYPE,
			   tunnel_addr_set(any) && any->len == 16 ?
			   RAD_MEDIUM_IPV6 : RAD_MEDIUM_IPV4);
	if (tunnel_addr_set(raddr))
		err |= rad_add_addr_str(m, RAD_TUNNEL_CLIENT_ENDPOINT, raddr->a,
					raddr->len);
	if (tunnel_addr_set(laddr))
		err |= rad_add_addr_str(m, RAD_TUNNEL_SERVER_ENDPOINT, laddr->a,
					laddr->len);
	if (n->calling[0])
		err |= rad_add_str(m, RAD_CALLING_STATION_ID, n->calling);
	if (n->called[0])
		err |= rad_add_str(m, RAD_CALLED_STATION_ID, n->called);
	return err;
}

/* The Access-Request for a request: 0, or -1 when its credential cannot
 * be put in one (a method RADIUS does not carry, a bad length). */
static int build_access_request(const struct request *r, struct rad_msg *m)
{
	uint8_t v[64];
	int err = 0;

	rad_init(m, RAD_ACCESS_REQUEST);
	err |= rad_add_str(m, RAD_USER_NAME, r->user);
	switch (r->method) {
	case KL2TP_AUTH_PAP:
		if (!r->password_len)
			return -1;
		err |= rad_set_password(m, r->password, r->password_len);
		break;
	case KL2TP_AUTH_CHAP:
		if (r->response_len != 16 || !r->challenge_len)
			return -1;
		v[0] = r->chap_id;
		memcpy(v + 1, r->response, 16);
		err |= rad_add(m, RAD_CHAP_PASSWORD, v, 17);
		err |= rad_add(m, RAD_CHAP_CHALLENGE, r->challenge,
			       r->challenge_len);
		break;
	case KL2TP_AUTH_MSCHAPV2:
		/* Peer-Challenge 16, reserved 8, NT-Response 24, Flags 1
		 * (RFC 2759 4) into Ident, Flags, the rest (RFC 2548 2.3.2). */
		if (r->response_len != 49 || r->challenge_len != 16)
			return -1;
		v[0] = r->chap_id;
		v[1] = r->response[48];
		memcpy(v + 2, r->response, 48);
		err |= rad_add_vsa(m, RAD_VENDOR_MICROSOFT, RAD_MS_CHAP_CHALLENGE,
				   r->challenge, 16);
		err |= rad_add_vsa(m, RAD_VENDOR_MICROSOFT,
				   RAD_MS_CHAP2_RESPONSE, v, 50);
		break;
	default:
		return -1;
	}
	err |= add_call_attrs(m, r->tunnel_id, r->session_id, &r->remote,
			      &r->local, &r->numbers);
	return err ? -1 : 0;
}

/* ---- verdicts ---- */

/* Reply-Message is text for a log line: printable ASCII, the rest '?'. */
static void sanitize(char *dst, const uint8_t *val, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		dst[i] = val[i] >= 0x20 && val[i] < 0x7f ? val[i] : '?';
	dst[len] = 0;
}

static const char *const method_names[] = {
	[KL2TP_AUTH_PAP] = "PAP",
	[KL2TP_AUTH_CHAP] = "CHAP",
	[KL2TP_AUTH_MSCHAPV2] = "MS-CHAPv2",
};

static const char *method_name(uint8_t m)
{
	return m < sizeof(method_names) / sizeof(method_names[0]) &&
	       method_names[m] ? method_names[m] : "?";
}

static void answer(const struct request *r)
{
	struct rad_msg *req, *rep;
	struct verdict *v;
	const char *why = NULL, *result_name;
	const uint8_t *val;
	uint8_t result;
	size_t len;
	int server = -1, ret;

	req = malloc(sizeof(*req));
	rep = malloc(sizeof(*rep));
	v = malloc(sizeof(*v));
	if (!req || !rep || !v) {
		logmsg("session %u: out of memory", r->session_id);
		goto out;
	}
	memset(v, 0, sizeof(*v));
	v->nlh = put_genl(v->buf, family, KL2TP_CMD_AAA_VERDICT, 0,
			  next_seq());
	mnl_attr_put_u64(v->nlh, KL2TP_A_AAA_COOKIE, r->cookie);
	mnl_attr_put_u16(v->nlh, KL2TP_A_SESSION_ID, r->session_id);

	if (build_access_request(r, req)) {
		result = KL2TP_AAA_REJECT;
		why = "credential RADIUS cannot carry";
	} else if ((ret = rad_exchange(&conf.auth, req, rep, &server))) {
		result = KL2TP_AAA_UNAVAILABLE;
		why = ret == -ETIMEDOUT ? "no RADIUS server answered" :
					  strerror(-ret);
	} else if (rad_code(rep) == RAD_ACCESS_ACCEPT) {
		result = KL2TP_AAA_ACCEPT;
		if (accept_attrs(r->session_id, r->method, rep, v, &why))
			result = KL2TP_AAA_REJECT;
	} else {
		result = KL2TP_AAA_REJECT;
		if (rad_code(rep) == RAD_ACCESS_CHALLENGE)
			why = "Access-Challenge (not supported)";
	}
	if (server >= 0 && rad_find(rep, RAD_REPLY_MESSAGE, &val, &len)) {
		sanitize(v->message, val, len);
		mnl_attr_put_strz(v->nlh, KL2TP_A_MESSAGE, v->message);
	} else if (why) {
		mnl_attr_put_strz(v->nlh, KL2TP_A_MESSAGE, why);
	}
	mnl_attr_put_u8(v->nlh, KL2TP_A_AAA_RESULT, result);

	result_name = result == KL2TP_AAA_ACCEPT ? "accept" :
		      result == KL2TP_AAA_REJECT ? "reject" : "unavailable";
	logmsg("session %u user \"%s\" %s%s: %s%s%s%s", r->session_id,
	       r->user, method_name(r->method), r->proxy ? " (proxy)" : "",
	       result_name, why ? " (" : "", why ? why : "", why ? ")" : "");
	if (server >= 0)
		verbose("session %u: answered by server %d%s%s%s", r->session_id,
			server + 1, v->message[0] ? ", Reply-Message \"" : "",
			v->message, v->message[0] ? "\"" : "");
	/* Errors come back to the main loop, which logs them. */
	if (mnl_socket_sendto(nl, v->nlh, v->nlh->nlmsg_len) < 0)
		logmsg("session %u: verdict not sent: %s", r->session_id,
		       strerror(errno));
out:
	/* The credential leaves memory with the request. */
	if (req)
		explicit_bzero(req, sizeof(*req));
	free(req);
	free(rep);
	free(v);
}

static void *worker(void *arg)
{
	struct request *r;

	for (;;) {
		pthread_mutex_lock(&queue.lock);
		while (!queue.head)
			pthread_cond_wait(&queue.cond, &queue.lock);
		r = queue.head;
		queue.head = r->next;
		if (!queue.head)
			queue.tail = NULL;
		queue.count--;
		pthread_mutex_unlock(&queue.lock);

		answer(r);
		explicit_bzero(r, sizeof(*r));
		free(r);
	}
	return NULL;
}

/* An answer the kernel gave to a verdict: only its errors are news. */
static void kernel_error(const struct nlmsghdr *nlh)
{
	const struct nlmsgerr *e = mnl_nlmsg_get_payload(nlh);

	if (nlh->nlmsg_len < mnl_nlmsg_size(sizeof(*e)))
		return;
	if (dae_ack(e->msg.nlmsg_seq, e->error) || !e->error)
		return;
	if (acct_error(e->msg.nlmsg_seq, e->error))
		return;
	/* The session went, or was answered by its timeout meanwhile. */
	if (e->error == -ENOENT || e->error == -ESTALE)
		verbose("verdict (seq %u) too late: %s", e->msg.nlmsg_seq,
			strerror(-e->error));
	else
		logmsg("verdict (seq %u) refused: %s", e->msg.nlmsg_seq,
		       strerror(-e->error));
}

static void enqueue(struct request *r)
{
	pthread_mutex_lock(&queue.lock);
	if (queue.count >= AAAD_QUEUE_MAX) {
		pthread_mutex_unlock(&queue.lock);
		/* The kernel's timeout gives the listener's fallback. */
		logmsg("session %u: %d requests waiting, dropped",
		       r->session_id, AAAD_QUEUE_MAX);
		explicit_bzero(r, sizeof(*r));
		free(r);
		return;
	}
	if (queue.tail)
		queue.tail->next = r;
	else
		queue.head = r;
	queue.tail = r;
	queue.count++;
	pthread_cond_signal(&queue.cond);
	pthread_mutex_unlock(&queue.lock);
}

static void on_signal(int sig)
{
	stopping = 1;
}

static int serve(void)
{
	static char buf[1 << 16];
	struct pollfd pfd[2] = {
		{ .fd = mnl_socket_get_fd(nl), .events = POLLIN },
		{ .fd = dae_fd(), .events = POLLIN },
	};
	struct nlmsghdr *nlh;
	struct request *r;
	time_t last = 0;
	uint8_t cmd;
	int len;

	acct_tick(true);
	while (!stopping) {
		if (time(NULL) != last) {
			last = time(NULL);
			acct_tick(false);
			if (pfd[1].fd >= 0)
				dae_tick();
		}
		if (poll(pfd, pfd[1].fd >= 0 ? 2 : 1, 1000) <= 0)
			continue;
		if (pfd[1].fd >= 0 && (pfd[1].revents & POLLIN))
			dae_receive();
		if (!(pfd[0].revents & POLLIN))
			continue;
		len = recv(pfd[0].fd, buf, sizeof(buf), MSG_DONTWAIT);
		if (len < 0) {
			if (errno == EAGAIN)
				continue;
			if (errno == EINTR)
				continue;
			if (errno == ENOBUFS) {
				/* The kernel sends the lost ones again. */
				logmsg("netlink receive queue overrun");
				continue;
			}
			logmsg("netlink: %s", strerror(errno));
			return 1;
		}
		for (nlh = (struct nlmsghdr *)buf; mnl_nlmsg_ok(nlh, len);
		     nlh = mnl_nlmsg_next(nlh, &len)) {
			if (nlh->nlmsg_type == NLMSG_ERROR) {
				kernel_error(nlh);
				continue;
			}
			if (nlh->nlmsg_type == NLMSG_DONE) {
				acct_done(nlh->nlmsg_seq);
				continue;
			}
			if (nlh->nlmsg_type != family ||
			    nlh->nlmsg_len < mnl_nlmsg_size(sizeof(struct genlmsghdr)))
				continue;
			cmd = ((struct genlmsghdr *)mnl_nlmsg_get_payload(nlh))->cmd;
			if (cmd != KL2TP_CMD_AAA_REQUEST) {
				acct_message(nlh, cmd);
				continue;
			}
			r = calloc(1, sizeof(*r));
			if (!r) {
				logmsg("out of memory");
				continue;
			}
			if (parse_request(nlh, r)) {
				logmsg("malformed request from the kernel");
				free(r);
				continue;
			}
			enqueue(r);
		}
	}
	return 0;
}

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: kl2tp-aaad [-c FILE] [--server HOST[:PORT]]... [--acct-server HOST[:PORT]]...\n"
		"                  [--secret SECRET]\n"
		"                  [--timeout SECONDS] [--retries N] [--threads N] [--coa-port PORT]\n"
		"                  [--nas-identifier ID] [--nas-ip-address ADDR] [-v]\n"
		"The RADIUS agent of this network namespace's kl2tp listeners\n"
		"(lns ... aaa radius); see kl2tp-aaad(8).\n");
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "server", required_argument, NULL, 's' },
		{ "acct-server", required_argument, NULL, 'a' },
		{ "secret", required_argument, NULL, 'S' },
		{ "timeout", required_argument, NULL, 't' },
		{ "retries", required_argument, NULL, 'r' },
		{ "threads", required_argument, NULL, 'T' },
		{ "coa-port", required_argument, NULL, 'p' },
		{ "nas-identifier", required_argument, NULL, 'n' },
		{ "nas-ip-address", required_argument, NULL, 'i' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "version", no_argument, NULL, 'V' },
		{ "help", no_argument, NULL, 'h' },
		{ }
	};
	static const char *const keys[] = {
		['t'] = "timeout", ['r'] = "retries", ['T'] = "threads",
		['p'] = "coa-port",
		['n'] = "nas-identifier", ['i'] = "nas-ip-address",
	};
	const char *servers[RAD_SERVERS_MAX], *acct_servers[RAD_SERVERS_MAX];
	const char *secret = NULL;
	int nservers = 0, nacct = 0, opt, i;
	struct sigaction sa = { .sa_handler = on_signal };
	sigset_t mask;
	pthread_t t;

	while ((opt = getopt_long(argc, argv, "c:vh", opts, NULL)) != -1) {
		switch (opt) {
		case 'c':
			if (read_config(optarg))
				return 2;
			break;
		case 's':
		case 'a':
			if ((opt == 's' ? nservers : nacct) == RAD_SERVERS_MAX) {
				logmsg("at most %d servers", RAD_SERVERS_MAX);
				return 2;
			}
			if (opt == 's')
				servers[nservers++] = optarg;
			else
				acct_servers[nacct++] = optarg;
			break;
		case 'S':
			secret = optarg;
			break;
		case 't': case 'r': case 'T': case 'n': case 'i': case 'p':
			if (setting(keys[opt], &optarg, 1))
				return 2;
			break;
		case 'v':
			conf.verbose = 1;
			break;
		case 'V':
			printf("kl2tp-aaad %s\n", KL2TP_TOOL_VERSION);
			return 0;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (optind < argc) {
		usage(stderr);
		return 2;
	}
	if ((nservers || nacct) && !secret) {
		logmsg("--server and --acct-server need --secret");
		return 2;
	}
	for (i = 0; i < nservers; i++)
		if (add_server(&conf.auth, servers[i], AAAD_AUTH_PORT, secret))
			return 2;
	for (i = 0; i < nacct; i++)
		if (add_server(&conf.acct, acct_servers[i], AAAD_ACCT_PORT,
			       secret))
			return 2;
	if (!conf.auth.nservers) {
		logmsg("no RADIUS server: -c FILE or --server and --secret");
		return 2;
	}
	/* Accounting goes to the authentication servers' next port. */
	if (!conf.acct.nservers) {
		conf.acct.nservers = conf.auth.nservers;
		for (i = 0; i < conf.auth.nservers; i++) {
			struct rad_server *s = &conf.acct.servers[i];

			*s = conf.auth.servers[i];
			if (s->addr.ss_family == AF_INET)
				((struct sockaddr_in *)&s->addr)->sin_port =
					htons(ntohs(((struct sockaddr_in *)&s->addr)->sin_port) + 1);
			else
				((struct sockaddr_in6 *)&s->addr)->sin6_port =
					htons(ntohs(((struct sockaddr_in6 *)&s->addr)->sin6_port) + 1);
		}
	}
	if (!conf.nas_identifier[0] &&
	    gethostname(conf.nas_identifier, sizeof(conf.nas_identifier) - 1))
		strcpy(conf.nas_identifier, "kl2tp");

	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	if (nl_open() || dae_init(conf.coa_port))
		return 1;
	/* The signals interrupt the main thread's receive, not a worker. */
	sigemptyset(&mask);
	sigaddset(&mask, SIGTERM);
	sigaddset(&mask, SIGINT);
	pthread_sigmask(SIG_BLOCK, &mask, NULL);
	for (i = 0; i < conf.threads; i++)
		if (pthread_create(&t, NULL, worker, NULL) ||
		    pthread_detach(t)) {
			logmsg("cannot start threads");
			return 1;
		}
	if (acct_init()) {
		logmsg("cannot start threads");
		return 1;
	}
	pthread_sigmask(SIG_UNBLOCK, &mask, NULL);
	logmsg("kl2tp-aaad %s: the AAA agent, %d RADIUS server%s",
	       KL2TP_TOOL_VERSION, conf.auth.nservers,
	       conf.auth.nservers > 1 ? "s" : "");
	/* The exit closes the socket (workers may still send on it): that
	 * unregisters, and pending requests get the listeners' fallback. */
	return serve();
}
