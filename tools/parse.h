/* SPDX-License-Identifier: GPL-2.0 */
/*
 * l2tpctl: argument parsing helpers and requests.
 *
 * Commands that change the configuration are parsed into a struct req
 * (a complete netlink message plus what undoes it) before anything is
 * sent, so that the command line and -f FILE share one code path and a
 * file can be checked whole, applied, and rolled back.
 */
#ifndef L2TPCTL_PARSE_H
#define L2TPCTL_PARSE_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <netinet/in.h>

#include "../uapi/linux/kl2tp.h"
#include "l2tpctl.h"

/* A usage error: one line naming the bad word, without "l2tpctl: ". */
struct perr {
	char msg[512];
};

/* Format e->msg; returns -1 so that parsers can `return perr(...)`. */
int perr(struct perr *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#define REQ_BUFSZ	4096

struct req {
	const char *obj;		/* "pool", "tunnel", ... */
	const char *verb;		/* "add", "show", ... */
	char name[KL2TP_NAME_MAX];	/* object name or id, "" for dumps */
	uint8_t undo_cmd;		/* undoes this request (with name), or 0 */
	const char *undo_verb;
	bool overflow;			/* an attribute did not fit */
	const char *file;		/* where the request came from (-f) */
	int line;
	struct nlmsghdr *nlh;
	char buf[REQ_BUFSZ];
};

/* Start a request; nl_talk() fills in the family when sending it. */
void req_init(struct req *r, const char *obj, const char *verb, uint8_t cmd,
	      uint16_t flags);
void req_put(struct req *r, uint16_t type, size_t len, const void *data);
void req_put_u8(struct req *r, uint16_t type, uint8_t v);
void req_put_u16(struct req *r, uint16_t type, uint16_t v);
void req_put_u32(struct req *r, uint16_t type, uint32_t v);
void req_put_str(struct req *r, uint16_t type, const char *s);
void req_put_flag(struct req *r, uint16_t type);
/* Set the request's name and add it as KL2TP_A_NAME. */
void req_put_name(struct req *r, const char *name);
struct nlattr *req_nest_start(struct req *r, uint16_t type);
void req_nest_end(struct req *r, struct nlattr *nest);
/* "FILE:LINE: obj verb name" for messages. */
const char *req_what(const struct req *r, char *buf, size_t len);
/* Send r; 0 or -errno (c must be connected). */
int req_send(struct ctx *c, struct req *r, nl_reply_cb cb, void *arg);
/* Report a failed request with a message fit for its errno; EXIT_FAIL. */
int req_fail(struct ctx *c, const struct req *r, int err);

/* Names: 1..63 printable ASCII characters, no spaces. */
bool name_ok(const char *s);
int parse_name(const char *s, const char *what, struct perr *e);
/* Strict dotted quad; *be in network byte order. */
int parse_ip4(const char *s, uint32_t *be);
int parse_u32(const char *s, uint32_t min, uint32_t max, uint32_t *v);
int parse_onoff(const char *s, uint8_t *v);
/* A.B.C.D[/LEN]; *len is 32 when absent. */
int parse_prefix(const char *s, uint32_t *addr, uint8_t *len);

/* An "ip_addr" of the uapi: an IPv4 or an IPv6 address. */
struct ip_addr {
	size_t len;			/* 4: IPv4, 16: IPv6 */
	union {
		uint32_t v4;		/* network order */
		struct in6_addr v6;
		uint8_t b[16];		/* its first len bytes: either */
	};
};

/*
 * The parsers of ip_addr values return 0, -1 when s is malformed, or
 * PARSE_MAPPED for an IPv4-mapped IPv6 address (::ffff:A.B.C.D), which the
 * module refuses: the IPv4 address is to be given as such.
 */
#define PARSE_MAPPED	(-2)

/* A.B.C.D or X:X::X. */
int parse_ip_addr(const char *s, struct ip_addr *a);
/*
 * A.B.C.D[:PORT], [X:X::X][:PORT] or X:X::X (a port only in brackets);
 * PORT 1..65535, *port 0 when absent.
 */
int parse_hostport(const char *s, struct ip_addr *a, uint16_t *port);
/* A.B.C.D[/LEN] (LEN 0..32, 32 when absent) or X:X::X[/LEN] (0..128, 128). */
int parse_ip_prefix(const char *s, struct ip_addr *a, uint8_t *len);
/* A.B.C.D-A.B.C.D, first <= last. */
int parse_range(const char *s, uint32_t *first, uint32_t *last);
/* An IPv6 address (inet_pton's syntax). */
int parse_ip6(const char *s, struct in6_addr *a);
/* X:X::X/LEN, the length 0..128 and not optional. */
int parse_prefix6(const char *s, struct in6_addr *a, uint8_t *len);
/* No bit of a set beyond the first len. */
bool prefix6_clean(const struct in6_addr *a, uint8_t len);
/* Read the first line of path (without its newline) into buf. */
int read_first_line(const char *path, char *buf, size_t len, struct perr *e);

/* An ID: 1..65535. */
int parse_id(const char *s, const char *what, uint16_t *id, struct perr *e);

/*
 * Remove the output options (-j, --json, -s, --stats and, with secrets,
 * --secrets) from argv, setting them in c; returns the new argc.
 */
int strip_output_flags(struct ctx *c, int argc, char **argv, bool secrets);
/* Set the output options at the start of argv; returns how many there were. */
int leading_output_flags(struct ctx *c, int argc, char **argv);

/*
 * Split a line of a file into words: blanks separate, "..." (with \" and
 * \\) and '...' quote, a word starting with # starts a comment. Returns
 * the number of words (at most max) or -1.
 */
int tokenize(char *line, char **words, int max, struct perr *e);
/* Print s as one word that tokenize() reads back. */
void put_word(FILE *f, const char *s);

#endif
