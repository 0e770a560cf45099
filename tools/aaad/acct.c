// SPDX-License-Identifier: GPL-2.0
/*
 * kl2tp-aaad: RADIUS accounting (RFC 2866, 2869). The kernel keeps each
 * accounted session's Start and Stop as a record until we acknowledge it
 * (uapi "Accounting"): a record arrives as it is made, and every
 * ACCT_DUMP_EVERY seconds a dump brings those still there (missed, or not
 * taken by any server yet). Interim updates are ours: the accounted
 * sessions are followed here (from their Start, or the session dump an
 * agent makes when it starts), and the counters of one that asked for
 * updates read from the kernel when one is due; a restarted agent sends
 * an update for each of those at once.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>

#include "../../uapi/linux/kl2tp.h"
#include "aaad.h"

#define ACCT_THREADS		4
#define ACCT_DUMP_EVERY		10	/* seconds */
#define ACCT_GET_RETRY		10	/* seconds: a session get unanswered */
#define ACCT_QUEUE_MAX		65536
#define ACCT_BUSY_MAX		256	/* records in hand; the rest wait */

#define RAD_ACCT_DELAY_TIME	41
enum { RAD_ACCT_START = 1, RAD_ACCT_STOP = 2, RAD_ACCT_INTERIM = 3 };

/* One Accounting-Request to send. */
struct acct_job {
	struct acct_job *next;
	uint8_t status;			/* RAD_ACCT_* */
	uint64_t record;		/* the kernel's record; 0: interim */
	uint64_t acct_id;
	time_t event;
	uint16_t tid, sid;
	char user[KL2TP_NAME_MAX];
	struct in_addr addr;
	uint8_t prefix6[16];		/* the user's IPv6 prefix */
	uint8_t prefix6_len;		/* 0: none (not routed) */
	uint8_t pd_prefix[16];		/* the one delegated to its router */
	uint8_t pd_prefix_len;		/* 0: none (not routed) */
	struct tunnel_addr raddr, laddr;
	struct call_numbers numbers;
	bool counters;
	uint32_t session_time;
	uint64_t rx_packets, rx_bytes, tx_packets, tx_bytes;
	uint8_t cause;
	uint8_t class[KL2TP_ACCT_CLASS_MAX];
	size_t class_len;
	uint32_t interim;
};

/*
 * One queue per worker, a session's requests always on the same one: its
 * Start, Interim-Updates and Stop reach the servers in order.
 */
static struct {
	pthread_mutex_t lock;
	pthread_cond_t cond[ACCT_THREADS];
	struct acct_job *head[ACCT_THREADS], *tail[ACCT_THREADS];
	int count;
	/* records queued or being sent: not taken again from a dump */
	uint64_t busy[ACCT_BUSY_MAX];
	size_t nbusy;
	/*
	 * records acknowledged since the last dump was asked for: a part of
	 * it made before the acknowledgment may still hold them
	 */
	uint64_t *acked;
	size_t nacked, acked_size;
} q = {
	.lock = PTHREAD_MUTEX_INITIALIZER,
};

/*
 * An accounted session, followed for its interim updates (when it has an
 * interval) and for RFC 5176 requests (dae.c): main thread only.
 */
struct followed {
	uint64_t acct_id;
	uint16_t sid;
	char user[KL2TP_NAME_MAX];
	struct in_addr addr;
	struct tunnel_addr raddr, laddr;
	uint32_t interim;
	time_t due;			/* 0: no interim updates */
	unsigned int seq;		/* our session get, while unanswered */
	time_t asked;
};

static struct followed *fol;
static size_t nfol, fol_size;
/*
 * fol's index by Acct-Session-Id: open addressing, linear probing, each
 * slot an index into fol plus one (0: empty), at most half full.
 */
static uint32_t *fidx;
static size_t fidx_size;		/* a power of two, or 0 */
static unsigned int sessions_seq;	/* the session dump's */
static time_t last_dump;
static unsigned int dump_seq;
/* a socket runs one dump at a time: the sessions' after the records' */
static bool want_sessions;

/* ---- the records in hand ---- */

static bool busy_find(uint64_t id, size_t *at)
{
	size_t i;

	for (i = 0; i < q.nbusy; i++)
		if (q.busy[i] == id) {
			if (at)
				*at = i;
			return true;
		}
	return false;
}

static bool acked_find(uint64_t id)
{
	size_t i;

	for (i = 0; i < q.nacked; i++)
		if (q.acked[i] == id)
			return true;
	return false;
}

/*
 * q.lock held: take record @id unless it is in hand already, was just
 * acknowledged, or too many are in hand (a later dump brings it).
 */
static bool busy_take(uint64_t id)
{
	if (q.nbusy == ACCT_BUSY_MAX || busy_find(id, NULL) || acked_find(id))
		return false;
	q.busy[q.nbusy++] = id;
	return true;
}

/* Record @id leaves our hands; @acked: the kernel forgot it. */
static void busy_drop(uint64_t id, bool acked)
{
	uint64_t *n;
	size_t at;

	pthread_mutex_lock(&q.lock);
	if (busy_find(id, &at))
		q.busy[at] = q.busy[--q.nbusy];
	if (acked) {
		if (q.nacked == q.acked_size) {
			n = realloc(q.acked, (q.acked_size * 2 + 64) * sizeof(*n));
			if (n) {
				q.acked = n;
				q.acked_size = q.acked_size * 2 + 64;
			}
		}
		if (q.nacked < q.acked_size)
			q.acked[q.nacked++] = id;
	}
	pthread_mutex_unlock(&q.lock);
}

/* A dump is asked for: what it holds was not acknowledged before. */
static void acked_forget(void)
{
	pthread_mutex_lock(&q.lock);
	q.nacked = 0;
	pthread_mutex_unlock(&q.lock);
}

static void enqueue(struct acct_job *j)
{
	unsigned int w = j->acct_id % ACCT_THREADS;

	pthread_mutex_lock(&q.lock);
	if (q.count >= ACCT_QUEUE_MAX ||
	    (j->record && !busy_take(j->record))) {
		pthread_mutex_unlock(&q.lock);
		free(j);
		return;
	}
	j->next = NULL;
	if (q.tail[w])
		q.tail[w]->next = j;
	else
		q.head[w] = j;
	q.tail[w] = j;
	q.count++;
	pthread_cond_signal(&q.cond[w]);
	pthread_mutex_unlock(&q.lock);
}

/* ---- sending ---- */

static const char *const status_names[] = {
	[RAD_ACCT_START] = "Start",
	[RAD_ACCT_STOP] = "Stop",
	[RAD_ACCT_INTERIM] = "Interim-Update",
};

static int build_request(const struct acct_job *j, struct rad_msg *m)
{
	char id[17];
	time_t now = time(NULL);
	int err = 0;

	rad_init(m, RAD_ACCOUNTING_REQUEST);
	snprintf(id, sizeof(id), "%016" PRIX64, j->acct_id);
	err |= rad_add_u32(m, RAD_ACCT_STATUS_TYPE, j->status);
	err |= rad_add_str(m, RAD_ACCT_SESSION_ID, id);
	if (j->user[0])
		err |= rad_add_str(m, RAD_USER_NAME, j->user);
	if (j->addr.s_addr)
		err |= rad_add(m, RAD_FRAMED_IP_ADDRESS, &j->addr, 4);
	if (j->prefix6_len)
		err |= rad_add_ipv6_prefix(m, RAD_FRAMED_IPV6_PREFIX, j->prefix6,
					   j->prefix6_len);
	if (j->pd_prefix_len)
		err |= rad_add_ipv6_prefix(m, RAD_DELEGATED_IPV6_PREFIX,
					   j->pd_prefix, j->pd_prefix_len);
	if (j->class_len)
		err |= rad_add(m, RAD_CLASS, j->class, j->class_len);
	err |= add_call_attrs(m, j->tid, j->sid, &j->raddr, &j->laddr,
			      &j->numbers);
	err |= rad_add_u32(m, RAD_EVENT_TIMESTAMP, (uint32_t)j->event);
	err |= rad_add_u32(m, RAD_ACCT_DELAY_TIME,
			   now > j->event ? (uint32_t)(now - j->event) : 0);
	if (j->counters) {
		err |= rad_add_u32(m, RAD_ACCT_SESSION_TIME, j->session_time);
		err |= rad_add_u32(m, RAD_ACCT_INPUT_OCTETS, (uint32_t)j->rx_bytes);
		err |= rad_add_u32(m, RAD_ACCT_INPUT_GIGAWORDS, j->rx_bytes >> 32);
		err |= rad_add_u32(m, RAD_ACCT_OUTPUT_OCTETS, (uint32_t)j->tx_bytes);
		err |= rad_add_u32(m, RAD_ACCT_OUTPUT_GIGAWORDS, j->tx_bytes >> 32);
		err |= rad_add_u32(m, RAD_ACCT_INPUT_PACKETS, (uint32_t)j->rx_packets);
		err |= rad_add_u32(m, RAD_ACCT_OUTPUT_PACKETS, (uint32_t)j->tx_packets);
	}
	if (j->status == RAD_ACCT_STOP && j->cause)
		err |= rad_add_u32(m, RAD_ACCT_TERMINATE_CAUSE, j->cause);
	return err;
}

/* The server took record @id: the kernel may forget it. */
static bool ack(uint64_t id)
{
	char buf[256];
	struct nlmsghdr *nlh;

	/* sequence 0: acct_error() knows its errors */
	nlh = put_genl(buf, family, KL2TP_CMD_AAA_ACCT_ACK, 0, 0);
	mnl_attr_put_u64(nlh, KL2TP_A_ACCT_RECORD, id);
	if (mnl_socket_sendto(nl, nlh, nlh->nlmsg_len) < 0) {
		logmsg("accounting record %" PRIu64 ": acknowledgment not sent: %s",
		       id, strerror(errno));
		return false;
	}
	return true;
}

/* Returns true when the record was acknowledged to the kernel. */
static bool send_job(const struct acct_job *j)
{
	struct rad_msg *req, *rep;
	int ret, server = -1;
	bool acked = false;

	req = malloc(sizeof(*req));
	rep = malloc(sizeof(*rep));
	if (!req || !rep || build_request(j, req)) {
		logmsg("session %u: accounting %s not built", j->sid,
		       status_names[j->status]);
		goto out;
	}
	ret = rad_exchange(&conf.acct, req, rep, &server);
	if (ret || rad_code(rep) != RAD_ACCOUNTING_RESPONSE) {
		logmsg("session %u user \"%s\": accounting %s: %s%s", j->sid,
		       j->user, status_names[j->status],
		       ret == -ETIMEDOUT ? "no RADIUS server answered" :
		       ret ? strerror(-ret) : "not an Accounting-Response",
		       j->record ? " (the kernel keeps it: again later)" : "");
		goto out;
	}
	logmsg("session %u user \"%s\": accounting %s sent", j->sid, j->user,
	       status_names[j->status]);
	verbose("session %u: accounting %s taken by server %d", j->sid,
		status_names[j->status], server + 1);
	if (j->record)
		acked = ack(j->record);
out:
	free(req);
	free(rep);
	return acked;
}

static void *worker(void *arg)
{
	unsigned int w = (uintptr_t)arg;
	struct acct_job *j;
	bool acked;

	for (;;) {
		pthread_mutex_lock(&q.lock);
		while (!q.head[w])
			pthread_cond_wait(&q.cond[w], &q.lock);
		j = q.head[w];
		q.head[w] = j->next;
		if (!q.head[w])
			q.tail[w] = NULL;
		q.count--;
		pthread_mutex_unlock(&q.lock);

		acked = send_job(j);
		if (j->record)
			busy_drop(j->record, acked);
		free(j);
	}
	return NULL;
}

int acct_init(void)
{
	pthread_t t;
	uintptr_t i;

	for (i = 0; i < ACCT_THREADS; i++)
		if (pthread_cond_init(&q.cond[i], NULL) ||
		    pthread_create(&t, NULL, worker, (void *)i) ||
		    pthread_detach(t))
			return -1;
	return 0;
}

/* ---- the kernel's messages ---- */

static int stat_cb(const struct nlattr *a, void *data)
{
	struct acct_job *j = data;

	if (mnl_attr_validate(a, MNL_TYPE_U64) < 0)
		return MNL_CB_OK;
	switch (mnl_attr_get_type(a)) {
	case KL2TP_STAT_RX_PACKETS:
		j->rx_packets = mnl_attr_get_u64(a);
		break;
	case KL2TP_STAT_RX_BYTES:
		j->rx_bytes = mnl_attr_get_u64(a);
		break;
	case KL2TP_STAT_TX_PACKETS:
		j->tx_packets = mnl_attr_get_u64(a);
		break;
	case KL2TP_STAT_TX_BYTES:
		j->tx_bytes = mnl_attr_get_u64(a);
		break;
	}
	return MNL_CB_OK;
}

static bool valid(const struct nlattr *a, enum mnl_attr_data_type t)
{
	return a && mnl_attr_validate(a, t) >= 0;
}

static void get_addr(const struct nlattr *a, struct in_addr *dst)
{
	if (a && mnl_attr_get_payload_len(a) == 4)
		memcpy(dst, mnl_attr_get_payload(a), 4);
}

/*
 * An IPv6 prefix, when routed, into @prefix and @len: the user's
 * (KL2TP_A_PREFIX6, _LEN) or the one delegated to its router
 * (KL2TP_A_PD_PREFIX, _LEN), attributes @type and @len_type.
 */
static void get_prefix6(const struct nlattr **tb, uint16_t type,
			uint16_t len_type, uint8_t prefix[16], uint8_t *len)
{
	const struct nlattr *a = tb[type], *l = tb[len_type];

	if (!a || mnl_attr_get_payload_len(a) != 16 ||
	    !valid(l, MNL_TYPE_U8) || mnl_attr_get_u8(l) > 128)
		return;
	memcpy(prefix, mnl_attr_get_payload(a), 16);
	*len = mnl_attr_get_u8(l);
}

/* What a record or a session tells of a session, into @j: 0, -1 bad. */
static int parse_session(const struct nlmsghdr *nlh, struct acct_job *j,
			 const struct nlattr **tb)
{
	if (mnl_attr_parse(nlh, sizeof(struct genlmsghdr), aaad_attr_cb, tb) < 0 ||
	    !valid(tb[KL2TP_A_ACCT_SESSION_ID], MNL_TYPE_U64) ||
	    !valid(tb[KL2TP_A_SESSION_ID], MNL_TYPE_U16))
		return -1;
	j->acct_id = mnl_attr_get_u64(tb[KL2TP_A_ACCT_SESSION_ID]);
	j->sid = mnl_attr_get_u16(tb[KL2TP_A_SESSION_ID]);
	if (valid(tb[KL2TP_A_TUNNEL_ID], MNL_TYPE_U16))
		j->tid = mnl_attr_get_u16(tb[KL2TP_A_TUNNEL_ID]);
	if (valid(tb[KL2TP_A_USER], MNL_TYPE_NUL_STRING) &&
	    mnl_attr_get_payload_len(tb[KL2TP_A_USER]) <= sizeof(j->user))
		strcpy(j->user, mnl_attr_get_str(tb[KL2TP_A_USER]));
	get_addr(tb[KL2TP_A_PEER_ADDRESS], &j->addr);
	get_prefix6(tb, KL2TP_A_PREFIX6, KL2TP_A_PREFIX6_LEN, j->prefix6,
		    &j->prefix6_len);
	get_prefix6(tb, KL2TP_A_PD_PREFIX, KL2TP_A_PD_PREFIX_LEN, j->pd_prefix,
		    &j->pd_prefix_len);
	get_call_numbers(tb, &j->numbers);
	if (valid(tb[KL2TP_A_ACCT_INTERIM], MNL_TYPE_U32))
		j->interim = mnl_attr_get_u32(tb[KL2TP_A_ACCT_INTERIM]);
	if (tb[KL2TP_A_ACCT_CLASS] &&
	    mnl_attr_get_payload_len(tb[KL2TP_A_ACCT_CLASS]) <= sizeof(j->class)) {
		j->class_len = mnl_attr_get_payload_len(tb[KL2TP_A_ACCT_CLASS]);
		memcpy(j->class, mnl_attr_get_payload(tb[KL2TP_A_ACCT_CLASS]),
		       j->class_len);
	}
	if (valid(tb[KL2TP_A_ACCT_SESSION_TIME], MNL_TYPE_U32))
		j->session_time = mnl_attr_get_u32(tb[KL2TP_A_ACCT_SESSION_TIME]);
	if (tb[KL2TP_A_STATS] &&
	    mnl_attr_parse_nested(tb[KL2TP_A_STATS], stat_cb, j) >= 0)
		j->counters = true;
	return 0;
}

static size_t fidx_home(uint64_t acct_id)
{
	/* the ids' low bits are random (kernel/acct.c) */
	return (size_t)(acct_id * 0x9e3779b97f4a7c15ULL >> 17) &
	       (fidx_size - 1);
}

/* The slot of @acct_id, or of the empty one where it would go. */
static size_t fidx_slot(uint64_t acct_id)
{
	size_t i = fidx_home(acct_id);

	while (fidx[i] && fol[fidx[i] - 1].acct_id != acct_id)
		i = (i + 1) & (fidx_size - 1);
	return i;
}

static struct followed *follow_find(uint64_t acct_id)
{
	size_t i;

	if (!fidx_size)
		return NULL;
	i = fidx_slot(acct_id);
	return fidx[i] ? &fol[fidx[i] - 1] : NULL;
}

/* Room in the index for @n entries: 0, or -1 out of memory. */
static int fidx_reserve(size_t n)
{
	size_t size = fidx_size ? fidx_size : 128, i;
	uint32_t *t;

	if (2 * n <= fidx_size)
		return 0;
	while (2 * n > size)
		size *= 2;
	t = calloc(size, sizeof(*t));
	if (!t)
		return -1;
	free(fidx);
	fidx = t;
	fidx_size = size;
	for (i = 0; i < nfol; i++)
		fidx[fidx_slot(fol[i].acct_id)] = i + 1;
	return 0;
}

/* Take @f out of fol and the index; the last entry fills its place. */
static void unfollow(struct followed *f)
{
	size_t i = fidx_slot(f->acct_id), j, home, last = --nfol;

	/* backward-shift deletion: no slot is left unreachable */
	fidx[i] = 0;
	for (j = (i + 1) & (fidx_size - 1); fidx[j];
	     j = (j + 1) & (fidx_size - 1)) {
		home = fidx_home(fol[fidx[j] - 1].acct_id);
		if (((j - home) & (fidx_size - 1)) >=
		    ((j - i) & (fidx_size - 1))) {
			fidx[i] = fidx[j];
			fidx[j] = 0;
			i = j;
		}
	}
	if (f != &fol[last]) {
		*f = fol[last];
		fidx[fidx_slot(f->acct_id)] = f - fol + 1;
	}
}

static void follow(const struct acct_job *j, time_t due)
{
	struct followed *f = follow_find(j->acct_id), *n;

	if (!f) {
		if (nfol == fol_size) {
			n = realloc(fol, (fol_size * 2 + 64) * sizeof(*n));
			if (!n)
				goto oom;
			fol = n;
			fol_size = fol_size * 2 + 64;
		}
		if (fidx_reserve(nfol + 1))
			goto oom;
		f = &fol[nfol++];
		fidx[fidx_slot(j->acct_id)] = nfol;
	}
	*f = (struct followed){ .acct_id = j->acct_id, .sid = j->sid,
				.addr = j->addr, .raddr = j->raddr,
				.laddr = j->laddr, .interim = j->interim,
				.due = j->interim ? due : 0 };
	strcpy(f->user, j->user);
	return;
oom:
	logmsg("session %u: out of memory, not followed", j->sid);
}

int acct_sessions(const struct acct_match *m, uint16_t *sids, int max)
{
	size_t i;
	int n = 0;

	for (i = 0; i < nfol && n < max; i++) {
		const struct followed *f = &fol[i];

		if ((m->by_id && f->acct_id != m->acct_id) ||
		    (m->user && strcmp(f->user, m->user)) ||
		    (m->addr.s_addr && f->addr.s_addr != m->addr.s_addr) ||
		    (m->by_sid && f->sid != m->sid))
			continue;
		sids[n++] = f->sid;
	}
	return n;
}

/* A record (KL2TP_CMD_AAA_ACCT): to be sent, unless in hand already. */
static void on_record(const struct nlmsghdr *nlh)
{
	const struct nlattr *tb[KL2TP_A_MAX + 1] = { NULL };
	struct acct_job *j = calloc(1, sizeof(*j));
	struct followed *f;
	uint8_t type;

	if (!j)
		return;
	if (parse_session(nlh, j, tb) ||
	    !valid(tb[KL2TP_A_ACCT_RECORD], MNL_TYPE_U64) ||
	    !valid(tb[KL2TP_A_ACCT_TYPE], MNL_TYPE_U8)) {
		logmsg("malformed accounting record from the kernel");
		free(j);
		return;
	}
	j->record = mnl_attr_get_u64(tb[KL2TP_A_ACCT_RECORD]);
	type = mnl_attr_get_u8(tb[KL2TP_A_ACCT_TYPE]);
	if (valid(tb[KL2TP_A_ACCT_TIME], MNL_TYPE_U64))
		j->event = mnl_attr_get_u64(tb[KL2TP_A_ACCT_TIME]);
	get_tunnel_addr(tb[KL2TP_A_REMOTE_ADDR], &j->raddr);
	get_tunnel_addr(tb[KL2TP_A_LOCAL_ADDR], &j->laddr);
	if (type == KL2TP_ACCT_START) {
		j->status = RAD_ACCT_START;
		j->counters = false;
		if (!follow_find(j->acct_id))
			follow(j, j->event + j->interim);
	} else if (type == KL2TP_ACCT_STOP) {
		j->status = RAD_ACCT_STOP;
		if (valid(tb[KL2TP_A_ACCT_CAUSE], MNL_TYPE_U8))
			j->cause = mnl_attr_get_u8(tb[KL2TP_A_ACCT_CAUSE]);
		f = follow_find(j->acct_id);
		if (f)
			unfollow(f);
	} else {
		free(j);
		return;
	}
	enqueue(j);
}

/*
 * A session (KL2TP_CMD_SESSION_GET: our get's answer, or the dump at
 * start): its interim update when one is due.
 */
static void on_session(const struct nlmsghdr *nlh)
{
	const struct nlattr *tb[KL2TP_A_MAX + 1] = { NULL };
	struct acct_job *j = calloc(1, sizeof(*j));
	time_t now = time(NULL);
	struct followed *f;

	size_t i;

	if (!j)
		return;
	/* our get found another session of that id: ours is gone (not a
	 * message of the session dump, which no follower asked for) */
	for (i = 0; nlh->nlmsg_seq && nlh->nlmsg_seq != sessions_seq &&
		    i < nfol; i++)
		if (fol[i].seq == nlh->nlmsg_seq &&
		    (parse_session(nlh, j, tb) || fol[i].acct_id != j->acct_id)) {
			unfollow(&fol[i]);
			break;
		}
	memset(j, 0, sizeof(*j));
	memset(tb, 0, sizeof(tb));
	if (parse_session(nlh, j, tb)) {
		free(j);	/* not accounted */
		return;
	}
	f = follow_find(j->acct_id);
	if (!f) {
		/* one we did not know: we restarted; an update now */
		follow(j, now);
		free(j);
		return;
	}
	if (!f->seq || f->seq != nlh->nlmsg_seq) {
		free(j);
		return;
	}
	f->seq = 0;
	f->due = now + f->interim;
	j->raddr = f->raddr;
	j->laddr = f->laddr;
	j->status = RAD_ACCT_INTERIM;
	j->event = now;
	enqueue(j);
}

int acct_message(const struct nlmsghdr *nlh, uint8_t cmd)
{
	if (cmd == KL2TP_CMD_AAA_ACCT) {
		on_record(nlh);
		return 1;
	}
	if (cmd == KL2TP_CMD_SESSION_GET) {
		on_session(nlh);
		return 1;
	}
	return 0;
}

int acct_error(unsigned int seq, int error)
{
	size_t i;

	if (!seq) {
		verbose("accounting acknowledgment refused: %s", strerror(-error));
		return 1;
	}
	if (seq == dump_seq) {
		logmsg("accounting records not read: %s", strerror(-error));
		acct_done(seq);
		return 1;
	}
	for (i = 0; i < nfol; i++)
		if (fol[i].seq == seq) {
			/* gone: its Stop says the rest; else asked again */
			fol[i].seq = 0;
			if (error == -ENOENT)
				unfollow(&fol[i]);
			else
				fol[i].due = time(NULL) + ACCT_GET_RETRY;
			return 1;
		}
	return 0;
}

static void send_dump(uint8_t cmd, unsigned int s)
{
	char buf[256];
	struct nlmsghdr *nlh;

	nlh = put_genl(buf, family, cmd, NLM_F_DUMP, s);
	if (mnl_socket_sendto(nl, nlh, nlh->nlmsg_len) < 0)
		logmsg("netlink: %s", strerror(errno));
}

void acct_done(unsigned int seq)
{
	if (seq != dump_seq || !want_sessions)
		return;
	want_sessions = false;
	sessions_seq = next_seq();
	send_dump(KL2TP_CMD_SESSION_GET, sessions_seq);
}

void acct_tick(bool first)
{
	time_t now = time(NULL);
	struct nlmsghdr *nlh;
	char buf[256];
	size_t i;

	if (first)
		want_sessions = true;
	if (first || now - last_dump >= ACCT_DUMP_EVERY) {
		last_dump = now;
		acked_forget();
		dump_seq = next_seq();
		send_dump(KL2TP_CMD_AAA_ACCT_GET, dump_seq);
	}
	for (i = 0; i < nfol; i++) {
		struct followed *f = &fol[i];

		if (!f->due || f->due > now ||
		    (f->seq && now - f->asked < ACCT_GET_RETRY))
			continue;
		f->seq = next_seq();
		f->asked = now;
		nlh = put_genl(buf, family, KL2TP_CMD_SESSION_GET, 0, f->seq);
		mnl_attr_put_u16(nlh, KL2TP_A_SESSION_ID, f->sid);
		if (mnl_socket_sendto(nl, nlh, nlh->nlmsg_len) < 0)
			logmsg("netlink: %s", strerror(errno));
	}
}
