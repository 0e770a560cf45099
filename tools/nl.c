// SPDX-License-Identifier: GPL-2.0
/*
 * l2tpctl: generic netlink plumbing over libmnl.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/socket.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>

#include "../uapi/linux/kl2tp.h"
#include "nl.h"

#ifndef NETLINK_EXT_ACK
#define NETLINK_EXT_ACK 11
#endif

static int mcgrp_attr_cb(const struct nlattr *attr, void *data)
{
	const struct nlattr **tb = data;
	uint16_t type = mnl_attr_get_type(attr);

	if (type == CTRL_ATTR_MCAST_GRP_NAME &&
	    mnl_attr_validate(attr, MNL_TYPE_NUL_STRING) >= 0)
		tb[type] = attr;
	if (type == CTRL_ATTR_MCAST_GRP_ID &&
	    mnl_attr_validate(attr, MNL_TYPE_U32) >= 0)
		tb[type] = attr;
	return MNL_CB_OK;
}

/* One entry of CTRL_ATTR_MCAST_GROUPS: remember the "events" group. */
static int mcgrps_cb(const struct nlattr *grp, void *data)
{
	const struct nlattr *tb[CTRL_ATTR_MCAST_GRP_MAX + 1] = { NULL };
	struct kl2tp_nl *nl = data;

	if (mnl_attr_parse_nested(grp, mcgrp_attr_cb, tb) < 0)
		return MNL_CB_OK;
	if (tb[CTRL_ATTR_MCAST_GRP_NAME] && tb[CTRL_ATTR_MCAST_GRP_ID] &&
	    !strcmp(mnl_attr_get_str(tb[CTRL_ATTR_MCAST_GRP_NAME]),
		    KL2TP_MCGRP_EVENTS))
		nl->mcgrp_events = mnl_attr_get_u32(tb[CTRL_ATTR_MCAST_GRP_ID]);
	return MNL_CB_OK;
}

static int family_attr_cb(const struct nlattr *attr, void *data)
{
	struct kl2tp_nl *nl = data;

	switch (mnl_attr_get_type(attr)) {
	case CTRL_ATTR_FAMILY_ID:
		if (mnl_attr_validate(attr, MNL_TYPE_U16) >= 0)
			nl->family = mnl_attr_get_u16(attr);
		break;
	case CTRL_ATTR_MCAST_GROUPS:
		mnl_attr_parse_nested(attr, mcgrps_cb, nl);
		break;
	}
	return MNL_CB_OK;
}

static int family_cb(const struct nlmsghdr *nlh, void *data)
{
	return mnl_attr_parse(nlh, sizeof(struct genlmsghdr), family_attr_cb,
			      data) < 0 ? MNL_CB_ERROR : MNL_CB_OK;
}

static int resolve_family(struct kl2tp_nl *nl)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct nlmsghdr *nlh;
	struct genlmsghdr *genl;

	nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = GENL_ID_CTRL;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	nlh->nlmsg_seq = ++nl->seq;
	genl = mnl_nlmsg_put_extra_header(nlh, sizeof(*genl));
	genl->cmd = CTRL_CMD_GETFAMILY;
	genl->version = 1;
	mnl_attr_put_strz(nlh, CTRL_ATTR_FAMILY_NAME, KL2TP_GENL_NAME);

	nl->family = 0;
	nl->mcgrp_events = 0;
	return nl_talk(nl, nlh, family_cb, nl);
}

int nl_open(struct kl2tp_nl *nl)
{
	int one = 1, ret;

	memset(nl, 0, sizeof(*nl));
	nl->bufsz = MNL_SOCKET_BUFFER_SIZE * 4;
	nl->buf = malloc(nl->bufsz);
	if (!nl->buf)
		return -ENOMEM;
	nl->sock = mnl_socket_open(NETLINK_GENERIC);
	if (!nl->sock)
		return -errno;
	mnl_socket_setsockopt(nl->sock, NETLINK_EXT_ACK, &one, sizeof(one));
	if (mnl_socket_bind(nl->sock, 0, MNL_SOCKET_AUTOPID) < 0)
		return -errno;
	nl->portid = mnl_socket_get_portid(nl->sock);
	nl->seq = (uint32_t)time(NULL);
	ret = resolve_family(nl);
	if (ret)
		return ret;
	return nl->family ? 0 : -ENOENT;
}

void nl_close(struct kl2tp_nl *nl)
{
	if (nl->sock)
		mnl_socket_close(nl->sock);
	free(nl->buf);
	nl->sock = NULL;
	nl->buf = NULL;
}

struct nlmsghdr *nl_msg(struct kl2tp_nl *nl, void *buf, uint8_t cmd,
			uint16_t flags)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	struct genlmsghdr *genl;

	nlh->nlmsg_type = nl->family;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK | flags;
	nlh->nlmsg_seq = ++nl->seq;
	genl = mnl_nlmsg_put_extra_header(nlh, sizeof(*genl));
	genl->cmd = cmd;
	genl->version = KL2TP_GENL_VERSION;
	return nlh;
}

/* Pull the extended ack message out of the TLVs at offset off of nlh. */
static void save_extack(struct kl2tp_nl *nl, const struct nlmsghdr *nlh,
			unsigned int off)
{
	const struct nlattr *attr;

	nl->errmsg[0] = '\0';
	if (!(nlh->nlmsg_flags & NLM_F_ACK_TLVS))
		return;
	if (off >= mnl_nlmsg_get_payload_len(nlh))
		return;
	mnl_attr_for_each(attr, nlh, off) {
		if (mnl_attr_get_type(attr) == NLMSGERR_ATTR_MSG &&
		    mnl_attr_validate(attr, MNL_TYPE_NUL_STRING) >= 0)
			snprintf(nl->errmsg, sizeof(nl->errmsg), "%s",
				 mnl_attr_get_str(attr));
	}
}

struct talk_ctx {
	struct kl2tp_nl *nl;
	nl_reply_cb cb;
	void *arg;
};

static int data_cb(const struct nlmsghdr *nlh, void *data)
{
	struct talk_ctx *ctx = data;

	return ctx->cb ? ctx->cb(nlh, ctx->arg) : MNL_CB_OK;
}

static int error_cb(const struct nlmsghdr *nlh, void *data)
{
	struct kl2tp_nl *nl = ((struct talk_ctx *)data)->nl;
	const struct nlmsgerr *err = mnl_nlmsg_get_payload(nlh);

	if (nlh->nlmsg_len < mnl_nlmsg_size(sizeof(*err))) {
		errno = EBADMSG;
		return MNL_CB_ERROR;
	}
	if (err->error) {
		unsigned int off = sizeof(*err);

		/* The request is echoed unless the ack is capped. */
		if (!(nlh->nlmsg_flags & NLM_F_CAPPED))
			off += mnl_nlmsg_get_payload_len(&err->msg);
		save_extack(nl, nlh, off);
		errno = -err->error;
		return MNL_CB_ERROR;
	}
	return MNL_CB_STOP;
}

static int done_cb(const struct nlmsghdr *nlh, void *data)
{
	struct kl2tp_nl *nl = ((struct talk_ctx *)data)->nl;
	const int *err = mnl_nlmsg_get_payload(nlh);

	/* A dump that failed half way reports its error in NLMSG_DONE. */
	if (nlh->nlmsg_len >= mnl_nlmsg_size(sizeof(int)) && *err) {
		save_extack(nl, nlh, sizeof(int));
		errno = -*err;
		return MNL_CB_ERROR;
	}
	return MNL_CB_STOP;
}

/* Scan a receive buffer for the end of an exchange and for NLM_F_DUMP_INTR. */
static void scan(const void *buf, ssize_t n, bool *end, bool *intr)
{
	const struct nlmsghdr *nlh = buf;
	int len = (int)n;

	*end = false;
	*intr = false;
	for (; mnl_nlmsg_ok(nlh, len); nlh = mnl_nlmsg_next(nlh, &len)) {
		if (nlh->nlmsg_type == NLMSG_DONE || nlh->nlmsg_type == NLMSG_ERROR)
			*end = true;
		if (nlh->nlmsg_flags & NLM_F_DUMP_INTR)
			*intr = true;
	}
}

/* Clear NLM_F_DUMP_INTR, which makes libmnl stop at the message. */
static bool clear_intr(void *buf, ssize_t n)
{
	struct nlmsghdr *nlh = buf;
	int len = (int)n;
	bool seen = false;

	for (; mnl_nlmsg_ok(nlh, len); nlh = mnl_nlmsg_next(nlh, &len)) {
		if (nlh->nlmsg_flags & NLM_F_DUMP_INTR) {
			nlh->nlmsg_flags &= ~NLM_F_DUMP_INTR;
			seen = true;
		}
	}
	return seen;
}

static ssize_t recv_retry(struct kl2tp_nl *nl)
{
	ssize_t n;

	do
		n = mnl_socket_recvfrom(nl->sock, nl->buf, nl->bufsz);
	while (n < 0 && errno == EINTR);
	return n < 0 ? -errno : n;
}

int nl_talk(struct kl2tp_nl *nl, struct nlmsghdr *nlh, nl_reply_cb cb,
	    void *arg)
{
	mnl_cb_t ctl_cb[NLMSG_MIN_TYPE] = {
		[NLMSG_ERROR] = error_cb,
		[NLMSG_DONE] = done_cb,
	};
	struct talk_ctx ctx = { .nl = nl, .cb = cb, .arg = arg };
	bool draining = false, end, intr;
	uint32_t seq;
	ssize_t n;
	int ret;

	/* Requests may have been built before the family was known. */
	if (nlh->nlmsg_type != GENL_ID_CTRL) {
		nlh->nlmsg_type = nl->family;
		nlh->nlmsg_seq = ++nl->seq;
	}
	seq = nlh->nlmsg_seq;
	nl->errmsg[0] = '\0';
	do
		n = mnl_socket_sendto(nl->sock, nlh, nlh->nlmsg_len);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return -errno;
	for (;;) {
		n = recv_retry(nl);
		if (n < 0)
			return (int)n;
		if (draining) {
			scan(nl->buf, n, &end, &intr);
			if (end)
				return -EINTR;
			continue;
		}
		if (nl->take_intr && clear_intr(nl->buf, n))
			nl->was_intr = true;
		/* Multi-part replies: MNL_CB_OK until NLMSG_DONE or the ack. */
		errno = 0;
		ret = mnl_cb_run2(nl->buf, n, seq, nl->portid, data_cb, &ctx,
				  ctl_cb, NLMSG_MIN_TYPE);
		if (ret == MNL_CB_STOP)
			return 0;
		if (ret != MNL_CB_ERROR)
			continue;
		if (errno != EINTR)
			return errno ? -errno : -EIO;
		/* An inconsistent dump: drain it so the socket stays in sync. */
		scan(nl->buf, n, &end, &intr);
		if (!intr || end)
			return -EINTR;
		draining = true;
	}
}

int nl_dump_retry(struct kl2tp_nl *nl, bool take_last,
		  int (*dump)(void *arg), void *arg)
{
	struct timespec ts = { 0 };
	int ret, tries;

	for (tries = 1;; tries++) {
		nl->take_intr = take_last && tries == NL_DUMP_TRIES;
		nl->was_intr = false;
		ret = dump(arg);
		nl->take_intr = false;
		if (ret != -EINTR || tries == NL_DUMP_TRIES)
			return ret;
		ts.tv_nsec = 1000000L << (tries < 6 ? tries : 6);
		nanosleep(&ts, NULL);
	}
}

int nl_subscribe(struct kl2tp_nl *nl, uint32_t group)
{
	int rcvbuf = 1 << 20;

	if (!group)
		return -ENOENT;
	/* Best effort: a larger buffer loses fewer events in bursts. */
	setsockopt(mnl_socket_get_fd(nl->sock), SOL_SOCKET, SO_RCVBUF,
		   &rcvbuf, sizeof(rcvbuf));
	if (mnl_socket_setsockopt(nl->sock, NETLINK_ADD_MEMBERSHIP, &group,
				  sizeof(group)) < 0)
		return -errno;
	return 0;
}

int nl_listen(struct kl2tp_nl *nl, nl_reply_cb cb, void *arg)
{
	ssize_t n;

	for (;;) {
		n = mnl_socket_recvfrom(nl->sock, nl->buf, nl->bufsz);
		if (n < 0)
			return -errno;
		/* Events carry sequence number and port id 0. */
		if (mnl_cb_run(nl->buf, n, 0, 0, cb, arg) == MNL_CB_ERROR)
			return errno ? -errno : -EIO;
	}
}

static int collect_cb(const struct nlattr *attr, void *data)
{
	struct nl_attrs *at = data;
	uint16_t type = mnl_attr_get_type(attr);

	if (type < sizeof(at->tb) / sizeof(at->tb[0]))
		at->tb[type] = attr;
	return MNL_CB_OK;
}

void nl_parse(const struct nlmsghdr *nlh, struct nl_attrs *at)
{
	memset(at, 0, sizeof(*at));
	mnl_attr_parse(nlh, sizeof(struct genlmsghdr), collect_cb, at);
}

void nl_parse_nest(const struct nlattr *nest, struct nl_attrs *at)
{
	memset(at, 0, sizeof(*at));
	mnl_attr_parse_nested(nest, collect_cb, at);
}
