// SPDX-License-Identifier: GPL-2.0
/*
 * kl2tp-aaad's Accounting-Requests (tools/aaad/acct.c, included for its
 * static parts): the kernel's records and session get answers, as
 * netlink messages, into the jobs it queues, and those into the requests
 * it would send. The IPv6 prefixes: Framed-IPv6-Prefix from
 * KL2TP_A_PREFIX6, Delegated-IPv6-Prefix (RFC 4818) from
 * KL2TP_A_PD_PREFIX, in Start, Interim-Update and Stop. Nothing is sent:
 * no worker runs, and the jobs are taken off the queue here.
 */
#define _GNU_SOURCE
#include "unit.h"

#include "acct.c"

/* What acct.c takes from kl2tp-aaad.c: the call's facts left out. */
struct aaad_conf conf;
struct mnl_socket *nl;
uint16_t family;

void logmsg(const char *fmt, ...)
{
}

unsigned int next_seq(void)
{
	static unsigned int seq;

	return ++seq;
}

int aaad_attr_cb(const struct nlattr *a, void *data)
{
	const struct nlattr **tb = data;
	uint16_t type = mnl_attr_get_type(a);

	if (type <= KL2TP_A_MAX)
		tb[type] = a;
	return MNL_CB_OK;
}

struct nlmsghdr *put_genl(char *buf, uint16_t type, uint8_t cmd,
			  uint16_t flags, unsigned int s)
{
	abort();
}

void get_tunnel_addr(const struct nlattr *a, struct tunnel_addr *dst)
{
	dst->len = 0;
}

void get_call_numbers(const struct nlattr **tb, struct call_numbers *n)
{
}

int add_call_attrs(struct rad_msg *m, uint16_t tid, uint16_t sid,
		   const struct tunnel_addr *raddr,
		   const struct tunnel_addr *laddr,
		   const struct call_numbers *n)
{
	return 0;
}

#define ACCT_ID		0x1234abcd5678ef01ULL
#define SID		42

/*
 * The user's /64 and a delegated /56, bits set beyond their lengths: the
 * requests carry them zeroed.
 */
static const uint8_t user64[16] = {
	0x20, 0x01, 0x0d, 0xb8, 0x00, 0x01, 0x00, 0x02, 0xff, 0xff,
};

static const uint8_t pd56[16] = {
	0x20, 0x01, 0x0d, 0xb8, 0x00, 0x09, 0x00, 0xff, 0xff, 0xff,
};

static const uint8_t want_pd56[16] = {
	0x20, 0x01, 0x0d, 0xb8, 0x00, 0x09, 0x00,
};

static char msg_buf[4096];

/* A message of the kernel: @cmd, sequence @seq, a session's ids. */
static struct nlmsghdr *msg_start(uint8_t cmd, unsigned int seq)
{
	struct nlmsghdr *nlh;
	struct genlmsghdr *g;

	memset(msg_buf, 0, sizeof(msg_buf));
	nlh = mnl_nlmsg_put_header(msg_buf);
	nlh->nlmsg_seq = seq;
	g = mnl_nlmsg_put_extra_header(nlh, sizeof(*g));
	g->cmd = cmd;
	mnl_attr_put_u64(nlh, KL2TP_A_ACCT_SESSION_ID, ACCT_ID);
	mnl_attr_put_u16(nlh, KL2TP_A_SESSION_ID, SID);
	mnl_attr_put_strz(nlh, KL2TP_A_USER, "frank");
	return nlh;
}

/* Record @id of @type (enum kl2tp_acct_type), with an interim interval. */
static struct nlmsghdr *record(uint8_t type, uint64_t id)
{
	struct nlmsghdr *nlh = msg_start(KL2TP_CMD_AAA_ACCT, 0);

	mnl_attr_put_u64(nlh, KL2TP_A_ACCT_RECORD, id);
	mnl_attr_put_u8(nlh, KL2TP_A_ACCT_TYPE, type);
	mnl_attr_put_u64(nlh, KL2TP_A_ACCT_TIME, 1700000000);
	mnl_attr_put_u32(nlh, KL2TP_A_ACCT_INTERIM, 300);
	return nlh;
}

static void put_prefix(struct nlmsghdr *nlh, uint16_t type, uint16_t len_type,
		       const uint8_t *prefix, uint8_t len)
{
	mnl_attr_put(nlh, type, 16, prefix);
	mnl_attr_put_u8(nlh, len_type, len);
}

/* The job acct.c queued, off its queue (NULL: none). */
static struct acct_job *take_job(void)
{
	struct acct_job *j;
	unsigned int w;

	for (w = 0; w < ACCT_THREADS; w++) {
		j = q.head[w];
		if (!j)
			continue;
		q.head[w] = j->next;
		if (!q.head[w])
			q.tail[w] = NULL;
		q.count--;
		if (j->record)
			busy_drop(j->record, false);
		return j;
	}
	return NULL;
}

static struct rad_msg req;

/*
 * The kernel's message @nlh (@cmd) to acct.c: true when it queued one
 * job, of @status, built into req.
 */
static bool request(const struct nlmsghdr *nlh, uint8_t cmd, uint8_t status)
{
	struct acct_job *j;
	bool ok;

	CHECK_EQ(acct_message(nlh, cmd), 1);
	j = take_job();
	if (!j)
		return false;
	CHECK_EQ(j->status, status);
	CHECK(!take_job());
	ok = !build_request(j, &req);
	free(j);
	return ok;
}

/* How many attributes of @type the request has. */
static int count(uint8_t type)
{
	const uint8_t *v;
	size_t n, off = 0;
	uint8_t t;
	int c = 0;

	while (rad_next(&req, &off, &t, &v, &n))
		c += t == type;
	return c;
}

/* The request's Delegated-IPv6-Prefix is @want/@len (0: none). */
static void check_pd(const uint8_t *want, uint8_t len)
{
	const uint8_t *v;
	size_t n;

	CHECK_EQ(count(RAD_DELEGATED_IPV6_PREFIX), len ? 1 : 0);
	if (!len || !rad_find(&req, RAD_DELEGATED_IPV6_PREFIX, &v, &n))
		return;
	/* all 16 octets, the bits beyond the length zero */
	CHECK_EQ(n, 18);
	CHECK_EQ(v[0], 0);
	CHECK_EQ(v[1], len);
	CHECK_MEM(v + 2, want, 16);
}

/* The request's Framed-IPv6-Prefix is the user's /64. */
static void check_user64(void)
{
	static const uint8_t want[16] = {
		0x20, 0x01, 0x0d, 0xb8, 0x00, 0x01, 0x00, 0x02,
	};
	const uint8_t *v;
	size_t n;

	CHECK(rad_find(&req, RAD_FRAMED_IPV6_PREFIX, &v, &n) && n == 18 &&
	      v[1] == 64 && !memcmp(v + 2, want, 16));
}

/*
 * Start and Stop: Delegated-IPv6-Prefix when the record has
 * KL2TP_A_PD_PREFIX and _LEN, beside the user's Framed-IPv6-Prefix; none
 * when it has not, or has half of it, or a length past 128.
 */
UNIT_TEST(t_record_pd)
{
	struct nlmsghdr *nlh;

	nlh = record(KL2TP_ACCT_START, 1);
	put_prefix(nlh, KL2TP_A_PREFIX6, KL2TP_A_PREFIX6_LEN, user64, 64);
	put_prefix(nlh, KL2TP_A_PD_PREFIX, KL2TP_A_PD_PREFIX_LEN, pd56, 56);
	CHECK(request(nlh, KL2TP_CMD_AAA_ACCT, RAD_ACCT_START));
	check_pd(want_pd56, 56);
	check_user64();

	/* a Start made before IPV6CP was up: neither */
	nlh = record(KL2TP_ACCT_START, 2);
	CHECK(request(nlh, KL2TP_CMD_AAA_ACCT, RAD_ACCT_START));
	check_pd(NULL, 0);
	CHECK_EQ(count(RAD_FRAMED_IPV6_PREFIX), 0);

	/* the delegated prefix alone */
	nlh = record(KL2TP_ACCT_STOP, 3);
	put_prefix(nlh, KL2TP_A_PD_PREFIX, KL2TP_A_PD_PREFIX_LEN, pd56, 56);
	CHECK(request(nlh, KL2TP_CMD_AAA_ACCT, RAD_ACCT_STOP));
	check_pd(want_pd56, 56);
	CHECK_EQ(count(RAD_FRAMED_IPV6_PREFIX), 0);

	/* the prefix without its length, a length past 128: none */
	nlh = record(KL2TP_ACCT_STOP, 4);
	mnl_attr_put(nlh, KL2TP_A_PD_PREFIX, 16, pd56);
	put_prefix(nlh, KL2TP_A_PREFIX6, KL2TP_A_PREFIX6_LEN, user64, 64);
	CHECK(request(nlh, KL2TP_CMD_AAA_ACCT, RAD_ACCT_STOP));
	check_pd(NULL, 0);
	check_user64();
	nlh = record(KL2TP_ACCT_STOP, 5);
	put_prefix(nlh, KL2TP_A_PD_PREFIX, KL2TP_A_PD_PREFIX_LEN, pd56, 129);
	CHECK(request(nlh, KL2TP_CMD_AAA_ACCT, RAD_ACCT_STOP));
	check_pd(NULL, 0);
}

/*
 * Interim-Update: the prefixes of the session get's answer, not the
 * Start's (the session was followed without one, it has one now).
 */
UNIT_TEST(t_interim_pd)
{
	struct followed *f;
	struct nlmsghdr *nlh;

	nlh = record(KL2TP_ACCT_START, 10);
	CHECK(request(nlh, KL2TP_CMD_AAA_ACCT, RAD_ACCT_START));
	check_pd(NULL, 0);
	f = follow_find(ACCT_ID);
	CHECK(f && f->due);
	if (!f)
		return;
	/* acct_tick()'s get, asked */
	f->seq = 77;
	nlh = msg_start(KL2TP_CMD_SESSION_GET, 77);
	put_prefix(nlh, KL2TP_A_PREFIX6, KL2TP_A_PREFIX6_LEN, user64, 64);
	put_prefix(nlh, KL2TP_A_PD_PREFIX, KL2TP_A_PD_PREFIX_LEN, pd56, 56);
	CHECK(request(nlh, KL2TP_CMD_SESSION_GET, RAD_ACCT_INTERIM));
	check_pd(want_pd56, 56);
	check_user64();

	/* the next one, the prefix no longer routed: none */
	f = follow_find(ACCT_ID);
	CHECK(f && !f->seq);
	if (!f)
		return;
	f->seq = 78;
	nlh = msg_start(KL2TP_CMD_SESSION_GET, 78);
	CHECK(request(nlh, KL2TP_CMD_SESSION_GET, RAD_ACCT_INTERIM));
	check_pd(NULL, 0);
}

UNIT_MAIN(UNIT_CASE(t_record_pd), UNIT_CASE(t_interim_pd))
