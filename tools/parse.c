// SPDX-License-Identifier: GPL-2.0
/*
 * l2tpctl: argument parsing helpers and requests.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "parse.h"

int perr(struct perr *e, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
	va_end(ap);
	return -1;
}

/* Requests */

void req_init(struct req *r, const char *obj, const char *verb, uint8_t cmd,
	      uint16_t flags)
{
	struct kl2tp_nl none = { 0 };

	r->obj = obj;
	r->verb = verb;
	r->name[0] = '\0';
	r->undo_cmd = 0;
	r->undo_verb = NULL;
	r->overflow = false;
	r->file = NULL;
	r->line = 0;
	r->nlh = nl_msg(&none, r->buf, cmd, flags);
}

void req_put(struct req *r, uint16_t type, size_t len, const void *data)
{
	if (!mnl_attr_put_check(r->nlh, sizeof(r->buf), type, len, data))
		r->overflow = true;
}

void req_put_u8(struct req *r, uint16_t type, uint8_t v)
{
	req_put(r, type, sizeof(v), &v);
}

void req_put_u16(struct req *r, uint16_t type, uint16_t v)
{
	req_put(r, type, sizeof(v), &v);
}

void req_put_u32(struct req *r, uint16_t type, uint32_t v)
{
	req_put(r, type, sizeof(v), &v);
}

void req_put_str(struct req *r, uint16_t type, const char *s)
{
	req_put(r, type, strlen(s) + 1, s);
}

void req_put_flag(struct req *r, uint16_t type)
{
	req_put(r, type, 0, NULL);
}

void req_put_name(struct req *r, const char *name)
{
	snprintf(r->name, sizeof(r->name), "%s", name);
	req_put_str(r, KL2TP_A_NAME, name);
}

struct nlattr *req_nest_start(struct req *r, uint16_t type)
{
	struct nlattr *nest = mnl_attr_nest_start_check(r->nlh, sizeof(r->buf), type);

	if (!nest)
		r->overflow = true;
	return nest;
}

void req_nest_end(struct req *r, struct nlattr *nest)
{
	if (nest)
		mnl_attr_nest_end(r->nlh, nest);
}

const char *req_what(const struct req *r, char *buf, size_t len)
{
	int n = 0;

	if (r->file)
		n = snprintf(buf, len, "%s:%d: ", r->file, r->line);
	if (n < 0 || (size_t)n >= len)
		n = 0;
	snprintf(buf + n, len - n, "%s %s%s%s", r->obj, r->verb,
		 r->name[0] ? " " : "", r->name);
	return buf;
}

int req_send(struct ctx *c, struct req *r, nl_reply_cb cb, void *arg)
{
	return nl_talk(&c->nl, r->nlh, cb, arg);
}

int req_fail(struct ctx *c, const struct req *r, int err)
{
	const char *why = NULL;
	char what[512];

	req_what(r, what, sizeof(what));
	if (!c->nl.errmsg[0]) {
		if (err == -EEXIST)
			why = "already exists";
		else if (err == -ENOENT && !strcmp(r->verb, "add"))
			why = "refers to something that does not exist";
		else if (err == -ENOENT)
			why = "does not exist";
		else if (err == -EBUSY)
			why = "is in use";
		else if (err == -EADDRINUSE)
			why = "the address and port are already in use";
		else if (err == -EOPNOTSUPP)
			why = "not supported by the loaded kl2tp module";
	}
	if (!why)
		return nl_fail(c, what, err);
	err_msg("%s: %s", what, why);
	return EXIT_FAIL;
}

/* Values */

bool name_ok(const char *s)
{
	size_t n = 0;

	for (; *s; s++, n++)
		if (*s <= ' ' || *s > '~')
			return false;
	return n >= 1 && n < KL2TP_NAME_MAX;
}

int parse_name(const char *s, const char *what, struct perr *e)
{
	if (name_ok(s))
		return 0;
	return perr(e, "invalid %s \"%s\" (1..%d printable characters, no spaces)",
		    what, s, KL2TP_NAME_MAX - 1);
}

int parse_ip4(const char *s, uint32_t *be)
{
	struct in_addr a;

	if (inet_pton(AF_INET, s, &a) != 1)
		return -1;
	*be = a.s_addr;
	return 0;
}

int parse_u32(const char *s, uint32_t min, uint32_t max, uint32_t *v)
{
	unsigned long long n = 0;

	if (!*s || strlen(s) > 10)
		return -1;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		n = n * 10 + (unsigned int)(*s - '0');
	}
	if (n < min || n > max)
		return -1;
	*v = (uint32_t)n;
	return 0;
}

int parse_onoff(const char *s, uint8_t *v)
{
	if (!strcmp(s, "on") || !strcmp(s, "yes") || !strcmp(s, "1"))
		*v = 1;
	else if (!strcmp(s, "off") || !strcmp(s, "no") || !strcmp(s, "0"))
		*v = 0;
	else
		return -1;
	return 0;
}

/* Split s at the first sep into an address and the rest. */
static const char *split_addr(const char *s, char sep, uint32_t *addr)
{
	const char *p = strchr(s, sep);
	char buf[INET_ADDRSTRLEN];
	size_t n = p ? (size_t)(p - s) : strlen(s);

	if (n >= sizeof(buf))
		return NULL;
	memcpy(buf, s, n);
	buf[n] = '\0';
	if (parse_ip4(buf, addr))
		return NULL;
	return p ? p + 1 : s + n;
}

int parse_prefix(const char *s, uint32_t *addr, uint8_t *len)
{
	const char *rest = split_addr(s, '/', addr);
	uint32_t v;

	if (!rest)
		return -1;
	*len = 32;
	if (rest == s + strlen(s))
		return 0;
	if (parse_u32(rest, 0, 32, &v))
		return -1;
	*len = (uint8_t)v;
	return 0;
}

int parse_range(const char *s, uint32_t *first, uint32_t *last)
{
	const char *rest = split_addr(s, '-', first);

	if (!rest || rest == s + strlen(s) || parse_ip4(rest, last))
		return -1;
	return ntohl(*first) <= ntohl(*last) ? 0 : -1;
}

int parse_ip6(const char *s, struct in6_addr *a)
{
	return inet_pton(AF_INET6, s, a) == 1 ? 0 : -1;
}

int parse_ip_addr(const char *s, struct ip_addr *a)
{
	if (!strchr(s, ':')) {
		a->len = sizeof(a->v4);
		return parse_ip4(s, &a->v4);
	}
	a->len = sizeof(a->v6);
	if (parse_ip6(s, &a->v6))
		return -1;
	return IN6_IS_ADDR_V4MAPPED(&a->v6) ? PARSE_MAPPED : 0;
}

/* Copy s[0..n) into buf (size len) as a string; -1 if it does not fit. */
static int copy_part(char *buf, size_t len, const char *s, size_t n)
{
	if (n >= len)
		return -1;
	memcpy(buf, s, n);
	buf[n] = '\0';
	return 0;
}

int parse_hostport(const char *s, struct ip_addr *a, uint16_t *port)
{
	const char *colon = strchr(s, ':'), *end;
	char buf[INET6_ADDRSTRLEN];
	uint32_t v;
	int ret;

	*port = 0;
	if (s[0] == '[') {
		/* [X:X::X][:PORT]: an IPv6 address in the brackets */
		end = strchr(s, ']');
		if (!end || copy_part(buf, sizeof(buf), s + 1, end - s - 1) ||
		    !strchr(buf, ':'))
			return -1;
		colon = end[1] ? end + 1 : NULL;
		if (colon && *colon != ':')
			return -1;
	} else if (colon && strchr(colon + 1, ':')) {
		/* X:X::X: two colons or more, no port */
		return parse_ip_addr(s, a);
	} else {
		/* A.B.C.D[:PORT] */
		if (copy_part(buf, sizeof(buf), s,
			      colon ? (size_t)(colon - s) : strlen(s)))
			return -1;
	}
	ret = parse_ip_addr(buf, a);
	if (ret || !colon)
		return ret;
	if (parse_u32(colon + 1, 1, 65535, &v))
		return -1;
	*port = (uint16_t)v;
	return 0;
}

int parse_ip_prefix(const char *s, struct ip_addr *a, uint8_t *len)
{
	const char *slash = strchr(s, '/');
	char buf[INET6_ADDRSTRLEN];
	uint32_t v;
	int ret;

	if (copy_part(buf, sizeof(buf), s, slash ? (size_t)(slash - s) : strlen(s)))
		return -1;
	ret = parse_ip_addr(buf, a);
	if (ret)
		return ret;
	*len = (uint8_t)(a->len * 8);
	if (!slash)
		return 0;
	if (parse_u32(slash + 1, 0, a->len * 8, &v))
		return -1;
	*len = (uint8_t)v;
	return 0;
}

int parse_prefix6(const char *s, struct in6_addr *a, uint8_t *len)
{
	const char *p = strchr(s, '/');
	char buf[INET6_ADDRSTRLEN];
	uint32_t v;

	if (!p || (size_t)(p - s) >= sizeof(buf))
		return -1;
	memcpy(buf, s, p - s);
	buf[p - s] = '\0';
	if (parse_ip6(buf, a) || parse_u32(p + 1, 0, 128, &v))
		return -1;
	*len = (uint8_t)v;
	return 0;
}

bool prefix6_clean(const struct in6_addr *a, uint8_t len)
{
	unsigned int i;

	for (i = len; i < 128; i++)
		if (a->s6_addr[i / 8] & (0x80 >> (i % 8)))
			return false;
	return true;
}

int parse_id(const char *s, const char *what, uint16_t *id, struct perr *e)
{
	uint32_t v;

	if (parse_u32(s, 1, 65535, &v))
		return perr(e, "invalid %s \"%s\" (expected 1..65535)", what, s);
	*id = (uint16_t)v;
	return 0;
}

int read_first_line(const char *path, char *buf, size_t len, struct perr *e)
{
	FILE *f = fopen(path, "r");
	size_t n;

	if (!f)
		return perr(e, "cannot read \"%s\": %s", path, strerror(errno));
	if (!fgets(buf, (int)len, f))
		buf[0] = '\0';
	fclose(f);
	n = strcspn(buf, "\r\n");
	if (buf[n] == '\0' && n == len - 1)
		return perr(e, "first line of \"%s\" is too long", path);
	buf[n] = '\0';
	if (!n)
		return perr(e, "first line of \"%s\" is empty", path);
	return 0;
}

int strip_output_flags(struct ctx *c, int argc, char **argv, bool secrets)
{
	int i, n = 0;

	for (i = 0; i < argc; i++) {
		const char *a = argv[i];

		if (!strcmp(a, "-j") || !strcmp(a, "--json") || !strcmp(a, "-json"))
			c->json = true;
		else if (!strcmp(a, "-s") || !strcmp(a, "--stats") || !strcmp(a, "-stats"))
			c->stats = true;
		else if (secrets && !strcmp(a, "--secrets"))
			c->secrets = true;
		else
			argv[n++] = argv[i];
	}
	return n;
}

int leading_output_flags(struct ctx *c, int argc, char **argv)
{
	int n = 0;

	while (n < argc && strip_output_flags(c, 1, argv + n, false) == 0)
		n++;
	return n;
}

/* Files */

static bool blank(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n';
}

/* Copy a quoted string from *rp (at the quote) to *wp; -1 if unterminated. */
static int unquote(char **rp, char **wp)
{
	char q = *(*rp)++, *r = *rp, *w = *wp;

	while (*r && *r != q) {
		if (q == '"' && *r == '\\' && (r[1] == '"' || r[1] == '\\'))
			r++;
		*w++ = *r++;
	}
	if (!*r)
		return -1;
	*rp = r + 1;
	*wp = w;
	return 0;
}

int tokenize(char *line, char **words, int max, struct perr *e)
{
	char *r = line, *w;
	int n = 0;

	for (;;) {
		while (blank(*r))
			r++;
		if (!*r || *r == '#')
			return n;
		if (n == max)
			return perr(e, "too many words (at most %d)", max);
		w = r;
		words[n++] = w;
		while (*r && !blank(*r)) {
			char q = *r;

			if (q != '"' && q != '\'')
				*w++ = *r++;
			else if (unquote(&r, &w))
				return perr(e, "unterminated %c quote", q);
		}
		if (*r)
			r++;
		*w = '\0';
	}
}

void put_word(FILE *f, const char *s)
{
	const char *p;

	if (*s && !strpbrk(s, " \t\r\n\"'\\#")) {
		fputs(s, f);
		return;
	}
	fputc('"', f);
	for (p = s; *p; p++) {
		if (*p == '"' || *p == '\\')
			fputc('\\', f);
		fputc(*p, f);
	}
	fputc('"', f);
}
