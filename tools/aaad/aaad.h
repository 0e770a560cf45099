/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kl2tp-aaad: what its parts share (kl2tp-aaad.c: options, netlink,
 * authentication; verdict.c: what an accept says of the user; acct.c:
 * accounting; dae.c: RFC 5176).
 */
#ifndef KL2TP_AAAD_H
#define KL2TP_AAAD_H

#include <netinet/in.h>
#include <stdbool.h>
#include <stdint.h>
#include <libmnl/libmnl.h>

#include "radius.h"

/* RADIUS values sent with every request. */
#define RAD_NAS_PORT_TYPE_VIRTUAL	5
#define RAD_SERVICE_FRAMED		2
#define RAD_FRAMED_PPP			1
#define RAD_TUNNEL_L2TP			3
#define RAD_MEDIUM_IPV4			1
#define RAD_MEDIUM_IPV6			2

struct aaad_conf {
	struct rad_client auth;
	struct rad_client acct;		/* no servers: the auth servers' */
	struct rad_client dae;		/* RFC 5176 clients besides those */
	uint16_t coa_port;		/* 0: no RFC 5176 */
	char nas_identifier[254];
	struct in_addr nas_ip;		/* 0: none */
	struct in6_addr nas_ip6;	/* :: (unspecified): none */
	int threads;
	int verbose;
};

extern struct aaad_conf conf;
extern struct mnl_socket *nl;		/* the registered socket */
extern uint16_t family;

void logmsg(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
#define verbose(...) do { if (conf.verbose) logmsg(__VA_ARGS__); } while (0)

unsigned int next_seq(void);
/* mnl_attr_parse() callback: each kl2tp attribute into tb[type] */
int aaad_attr_cb(const struct nlattr *a, void *data);
struct nlmsghdr *put_genl(char *buf, uint16_t type, uint8_t cmd,
			  uint16_t flags, unsigned int s);

/* A tunnel's end: KL2TP_A_REMOTE_ADDR or _LOCAL_ADDR, an IPv4 or IPv6 address. */
struct tunnel_addr {
	uint8_t len;			/* 4, 16, or 0: none */
	uint8_t a[16];			/* network order */
};

/* The address of attribute @a into @dst (len 0 when it is not one). */
void get_tunnel_addr(const struct nlattr *a, struct tunnel_addr *dst);

/* The Calling and Called Number of a call ("" when it had none). */
struct call_numbers {
	char calling[KL2TP_CALL_NUMBER_MAX];
	char called[KL2TP_CALL_NUMBER_MAX];
};

/* Those of a kernel message's attributes @tb (parsed by aaad_attr_cb). */
void get_call_numbers(const struct nlattr **tb, struct call_numbers *n);
/* The attributes every request tells of the call (NAS, port, tunnel,
 * Calling-Station-Id and Called-Station-Id). */
int add_call_attrs(struct rad_msg *m, uint16_t tid, uint16_t sid,
		   const struct tunnel_addr *raddr,
		   const struct tunnel_addr *laddr,
		   const struct call_numbers *n);

/* verdict.c: an answer to the kernel (KL2TP_CMD_AAA_VERDICT), built */
struct verdict {
	char buf[8192];
	struct nlmsghdr *nlh;
	struct kl2tp_route routes[KL2TP_ROUTES_MAX];
	int nroutes;
	bool seen[KL2TP_A_MAX + 1];
	char message[254];
};

/*
 * The attributes of an Access-Accept into the verdict, for session @sid
 * authenticated with @method (enum kl2tp_auth). Returns 0, or -1 with
 * *why set when the accept cannot be honoured (MS-CHAPv2 without a good
 * MS-CHAP2-Success).
 */
int accept_attrs(uint16_t sid, uint8_t method, const struct rad_msg *rep,
		 struct verdict *v, const char **why);

/* acct.c */
int acct_init(void);
/* A message of the kernel for accounting: 1 taken, 0 not accounting's. */
int acct_message(const struct nlmsghdr *nlh, uint8_t cmd);
/* An error the kernel answered: 1 when it answered accounting. */
int acct_error(unsigned int seq, int error);
/* The accounted sessions that match all of what @m gives: their ids. */
struct acct_match {
	bool by_id, by_sid;
	uint64_t acct_id;
	uint16_t sid;
	const char *user;
	struct in_addr addr;
};
int acct_sessions(const struct acct_match *m, uint16_t *sids, int max);
/* dae.c: RFC 5176 */
int dae_init(uint16_t port);
int dae_fd(void);
void dae_receive(void);
/* The kernel's answer to a reset: 1 when it was for a Disconnect. */
int dae_ack(unsigned int seq, int error);
/* Once a second: requests the kernel left unanswered are NAKed. */
void dae_tick(void);

/* The end of a dump we asked for. */
void acct_done(unsigned int seq);
/* Once a second, and at start (@first). */
void acct_tick(bool first);

#endif
