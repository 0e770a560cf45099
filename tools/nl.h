/* SPDX-License-Identifier: GPL-2.0 */
/*
 * l2tpctl: generic netlink plumbing over libmnl.
 */
#ifndef L2TPCTL_NL_H
#define L2TPCTL_NL_H

#include <stdbool.h>
#include <stdint.h>
#include <libmnl/libmnl.h>

struct kl2tp_nl {
	struct mnl_socket *sock;
	uint16_t family;
	uint32_t portid;
	uint32_t seq;
	uint32_t mcgrp_events;	/* id of the "events" multicast group, 0 if none */
	char errmsg[256];	/* extended ack message of the last error */
	char *buf;		/* MNL_SOCKET_BUFFER_SIZE-ish receive buffer */
	size_t bufsz;
	bool take_intr;		/* take an inconsistent dump whole, */
	bool was_intr;		/* ... and say so here */
};

/* Collected attributes of one message: tb[type] or NULL. */
struct nl_attrs {
	const struct nlattr *tb[128];
};

typedef int (*nl_reply_cb)(const struct nlmsghdr *nlh, void *arg);

/*
 * Open a generic netlink socket and resolve the kl2tp family.
 * Returns 0, -ENOENT when the family is not registered (module not
 * loaded), or another -errno.
 */
int nl_open(struct kl2tp_nl *nl);
void nl_close(struct kl2tp_nl *nl);

/*
 * Start a kl2tp request in buf (MNL_SOCKET_BUFFER_SIZE bytes). May be
 * called before nl_open() (the family is then 0): nl_talk() fills in the
 * family and a fresh sequence number when it sends.
 */
struct nlmsghdr *nl_msg(struct kl2tp_nl *nl, void *buf, uint8_t cmd,
			uint16_t flags);

/*
 * Send a request and process replies with cb (may be NULL) until the
 * kernel's ack or the end of a (multi-part) dump. Returns 0 or -errno; on
 * error the kernel's extended ack message, if any, is in nl->errmsg.
 * -EINTR means the kernel flagged the dump inconsistent (NLM_F_DUMP_INTR;
 * the rest of it has been drained): run it again.
 */
int nl_talk(struct kl2tp_nl *nl, struct nlmsghdr *nlh, nl_reply_cb cb,
	    void *arg);

/*
 * Run @dump (one or more dumps through nl_talk() and what consumes them;
 * it starts from scratch each time) again while the kernel flags a dump
 * inconsistent (-EINTR: objects came or went while it ran), backing off
 * 2, 4 ... 64 ms, at most NL_DUMP_TRIES times. With @take_last the last
 * try keeps what it read (nl->was_intr says so): a show may show a table
 * that moved, as iproute2 does; a configuration dump may not. Returns
 * @dump's result, with nl->take_intr false again.
 */
#define NL_DUMP_TRIES	10
int nl_dump_retry(struct kl2tp_nl *nl, bool take_last,
		  int (*dump)(void *arg), void *arg);

/* Join a multicast group (nl->mcgrp_events). Returns 0 or -errno. */
int nl_subscribe(struct kl2tp_nl *nl, uint32_t group);

/*
 * Receive multicast messages and pass each to cb, until cb fails or a
 * receive error: returns -errno (-EINTR on a signal, -ENOBUFS when events
 * were lost; both leave the socket usable).
 */
int nl_listen(struct kl2tp_nl *nl, nl_reply_cb cb, void *arg);

/* Parse the attributes of a kl2tp message (or of a nest) into at. */
void nl_parse(const struct nlmsghdr *nlh, struct nl_attrs *at);
void nl_parse_nest(const struct nlattr *nest, struct nl_attrs *at);

#endif
