// SPDX-License-Identifier: GPL-2.0
/*
 * l2tpctl: configuration files: -f FILE applies one, dump prints one.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>

#include "cmd.h"

#define MAX_WORDS	128

struct batch {
	struct req **r;
	size_t n, cap;
};

static void batch_free(struct batch *b)
{
	size_t i;

	for (i = 0; i < b->n; i++)
		free(b->r[i]);
	free(b->r);
}

static int batch_add(struct batch *b, struct req *r)
{
	struct req **p;

	if (b->n == b->cap) {
		b->cap = b->cap ? 2 * b->cap : 32;
		p = realloc(b->r, b->cap * sizeof(*p));
		if (!p)
			return -1;
		b->r = p;
	}
	b->r[b->n++] = r;
	return 0;
}

/* Parse one line into *out (NULL for blank lines and comments). */
static int parse_line(char *text, struct req **out, struct perr *e)
{
	const struct object *o;
	char *w[MAX_WORDS];
	int n, skip;

	*out = NULL;
	n = tokenize(text, w, MAX_WORDS, e);
	if (n <= 0)
		return n;
	skip = !strcmp(w[0], "l2tpctl");	/* tolerate pasted command lines */
	if (n == skip)
		return perr(e, "expected OBJECT");
	o = object_find(w[skip]);
	if (!o)
		return perr(e, "unknown object \"%s\"", w[skip]);
	if (o->run != cfg_run || n < skip + 2 ||
	    (strcmp(w[skip + 1], "add") && strcmp(w[skip + 1], "up")))
		return perr(e, "\"%s%s%s\" is not allowed in a file: only add and client up lines are, so that everything can be undone",
			    w[skip], n > skip + 1 ? " " : "", n > skip + 1 ? w[skip + 1] : "");
	*out = malloc(sizeof(**out));
	if (!*out)
		return perr(e, "out of memory");
	if (cfg_parse(o, n - skip - 1, w + skip + 1, *out, e)) {
		free(*out);
		*out = NULL;
		return -1;
	}
	return 0;
}

/* Parse every line of f; prints every error. Returns an exit code. */
static int parse_file(FILE *f, const char *path, struct batch *b)
{
	size_t cap = 0;
	char *text = NULL;
	int line = 0, ret = EXIT_OK;
	struct req *r;
	struct perr e;

	while (getline(&text, &cap, f) >= 0) {
		line++;
		if (parse_line(text, &r, &e)) {
			err_msg("%s:%d: %s", path, line, e.msg);
			ret = EXIT_USAGE;
			continue;
		}
		if (!r)
			continue;
		r->file = path;
		r->line = line;
		if (batch_add(b, r)) {
			free(r);
			err_msg("%s:%d: out of memory", path, line);
			ret = EXIT_FAIL;
			break;
		}
	}
	if (ferror(f)) {
		err_msg("%s: %s", path, strerror(errno));
		ret = EXIT_FAIL;
	}
	free(text);
	return ret;
}

/* Undo b's first n requests, last first. Returns how many could not be. */
static size_t undo(struct ctx *c, struct batch *b, size_t n)
{
	size_t failed = 0;
	struct req u;
	int ret;

	while (n--) {
		const struct req *r = b->r[n];

		req_init(&u, r->obj, r->undo_verb, r->undo_cmd, 0);
		req_put_name(&u, r->name);
		u.file = r->file;
		u.line = r->line;
		ret = req_send(c, &u, NULL, NULL);
		if (ret) {
			req_fail(c, &u, ret);
			failed++;
		}
	}
	return failed;
}

static int apply(struct ctx *c, const char *path, struct batch *b)
{
	size_t i, failed;
	int ret;

	for (i = 0; i < b->n; i++) {
		ret = req_send(c, b->r[i], NULL, NULL);
		if (!ret)
			continue;
		req_fail(c, b->r[i], ret);
		failed = undo(c, b, i);
		if (failed)
			err_msg("%s: %zu of %zu applied changes could not be undone", path,
				failed, i);
		else
			err_msg("%s: nothing applied (%zu change%s undone)", path, i,
				i == 1 ? "" : "s");
		return EXIT_FAIL;
	}
	return EXIT_OK;
}

/*
 * Parse file @path ("-": standard input) into @b; its name for messages in
 * *@name. @what prefixes the message if it cannot be opened. An exit code.
 */
static int read_file(const char *what, const char *path, struct batch *b,
		     const char **name)
{
	bool std = !strcmp(path, "-");
	FILE *f = std ? stdin : fopen(path, "r");
	int ret;

	*name = std ? "<stdin>" : path;
	if (!f) {
		err_msg("%scannot open \"%s\": %s", what, path, strerror(errno));
		return EXIT_FAIL;
	}
	ret = parse_file(f, *name, b);
	if (!std)
		fclose(f);
	return ret;
}

int file_apply(struct ctx *c, const char *path)
{
	struct batch b = { 0 };
	const char *name;
	int ret;

	ret = read_file("", path, &b, &name);
	if (!ret && b.n)
		ret = ctx_connect(c);
	if (!ret && b.n)
		ret = apply(c, name, &b);
	batch_free(&b);
	return ret;
}

/* dump */

/* In dependency order: what a line refers to comes before it. */
static const char *const dump_order[] = { "pool", "user", "peer", "lns", "client" };

struct dump {
	const struct object *o;
	FILE *f;	/* add lines */
	FILE *up;	/* client up lines */
};

static int dump_cb(const struct nlmsghdr *nlh, void *arg)
{
	struct dump *d = arg;
	struct nl_attrs at;
	const char *name;
	uint64_t state;

	nl_parse(nlh, &at);
	cfg_dump_line(d->o, &at, d->f);
	name = attr_str(at.tb[KL2TP_A_NAME]);
	if (d->up && name && *name && attr_uint(at.tb[KL2TP_A_STATE], &state) &&
	    state != KL2TP_CLIENT_DOWN) {
		fputs("client up ", d->up);
		put_word(d->up, name);
		fputc('\n', d->up);
	}
	return MNL_CB_OK;
}

struct dump_run {
	struct ctx *c;
	const struct object *o;
	FILE *out, *up;
};

/* One try of dump_object(): output only when the dump was consistent. */
static int dump_once(void *arg)
{
	struct dump_run *run = arg;
	struct dump d = { .o = run->o };
	char *buf[2] = { NULL, NULL };
	size_t len[2];
	int ret;

	d.f = open_memstream(&buf[0], &len[0]);
	d.up = run->up ? open_memstream(&buf[1], &len[1]) : NULL;
	if (!d.f || (run->up && !d.up))
		ret = -ENOMEM;
	else
		ret = cfg_get_all(run->c, run->o, dump_cb, &d);
	if (d.f)
		fclose(d.f);
	if (d.up)
		fclose(d.up);
	if (!ret) {
		fwrite(buf[0], 1, len[0], run->out);
		if (run->up)
			fwrite(buf[1], 1, len[1], run->up);
	}
	free(buf[0]);
	free(buf[1]);
	return ret;
}

/* Dump one object type into out (and up); 0 or -errno. */
static int dump_object(struct ctx *c, const struct object *o, FILE *out, FILE *up)
{
	struct dump_run run = { .c = c, .o = o, .out = out, .up = up };

	return nl_dump_retry(&c->nl, false, dump_once, &run);
}

int dump_run(struct ctx *c, const struct object *o, int argc, char **argv)
{
	char *text[2] = { NULL, NULL };
	size_t i, len[2];
	FILE *out, *up;
	int ret;

	argc = strip_output_flags(c, argc, argv, true);
	if (argc && !strcmp(argv[0], "help")) {
		object_usage(stdout, o);
		return EXIT_OK;
	}
	if (argc) {
		err_msg("dump: unexpected argument \"%s\"", argv[0]);
		return EXIT_USAGE;
	}
	if (c->secrets) {
		err_msg("dump --secrets: secrets and passwords are write-only: the module never returns them, so they cannot be dumped");
		return EXIT_FAIL;
	}
	ret = ctx_connect(c);
	if (ret)
		return ret;
	out = open_memstream(&text[0], &len[0]);
	up = open_memstream(&text[1], &len[1]);
	if (!out || !up) {
		err_msg("dump: out of memory");
		ret = -ENOMEM;
	} else {
		fputs("# kl2tp configuration, for l2tpctl -f\n", out);
		fputs("# secrets omitted (write-only)\n", out);
	}
	for (i = 0; i < ARRAY_SIZE(dump_order) && !ret; i++) {
		const struct object *d = object_find(dump_order[i]);

		ret = dump_object(c, d, out, !strcmp(d->name, "client") ? up : NULL);
		if (ret == -EOPNOTSUPP) {
			fprintf(out, "# %s: not supported by the loaded module\n", d->name);
			ret = 0;
		} else if (ret) {
			char what[64];

			snprintf(what, sizeof(what), "dump: %s", d->name);
			nl_fail(c, what, ret);
		}
	}
	if (out)
		fclose(out);
	if (up)
		fclose(up);
	if (!ret) {
		fwrite(text[0], 1, len[0], stdout);
		fwrite(text[1], 1, len[1], stdout);
	}
	free(text[0]);
	free(text[1]);
	return ret || fflush(stdout) ? EXIT_FAIL : EXIT_OK;
}

/* flush */

struct flush_names {
	char (*v)[KL2TP_NAME_MAX];
	size_t n;
};

static int flush_cb(const struct nlmsghdr *nlh, void *arg)
{
	struct flush_names *l = arg;
	struct nl_attrs at;
	const char *name;
	void *v;

	nl_parse(nlh, &at);
	name = attr_str(at.tb[KL2TP_A_NAME]);
	if (!name || !*name || strlen(name) >= KL2TP_NAME_MAX)
		return MNL_CB_OK;
	v = realloc(l->v, (l->n + 1) * sizeof(*l->v));
	if (!v) {
		errno = ENOMEM;
		return MNL_CB_ERROR;
	}
	l->v = v;
	strcpy(l->v[l->n++], name);
	return MNL_CB_OK;
}

/* The names of every object of type o, into l (freed by the caller). */
static int flush_names(struct ctx *c, const struct object *o, struct flush_names *l)
{
	int ret, tries = 5;

	do {
		l->n = 0;
		ret = cfg_get_all(c, o, flush_cb, l);
	} while (ret == -EINTR && --tries);	/* the dump was interrupted */
	return ret;
}

/* How long flush waits for the calls of what it deleted to end: 10 s. */
#define FLUSH_BUSY_WAIT_US	50000
#define FLUSH_BUSY_TRIES	200

/* Delete everything, in the reverse of dump_order: users of an object first. */
int flush_run(struct ctx *c, const struct object *o, int argc, char **argv)
{
	struct flush_names l = { NULL, 0 };
	size_t i, j;
	int ret, tries;

	argc = strip_output_flags(c, argc, argv, false);
	if (argc && !strcmp(argv[0], "help")) {
		object_usage(stdout, o);
		return EXIT_OK;
	}
	if (argc) {
		err_msg("flush: unexpected argument \"%s\"", argv[0]);
		return EXIT_USAGE;
	}
	ret = ctx_connect(c);
	if (ret)
		return ret;
	for (i = ARRAY_SIZE(dump_order); i-- > 0 && !ret;) {
		const struct object *d = object_find(dump_order[i]);

		ret = flush_names(c, d, &l);
		if (ret == -EOPNOTSUPP) {
			ret = 0;
			continue;
		}
		if (ret) {
			char what[64];

			snprintf(what, sizeof(what), "flush: %s", d->name);
			ret = nl_fail(c, what, ret);
			break;
		}
		for (j = 0; j < l.n && !ret; j++) {
			char *args[] = { "del", l.v[j] };
			struct perr e;
			struct req r;

			if (cfg_parse(d, 2, args, &r, &e)) {
				err_msg("flush: %s", e.msg);
				ret = EXIT_FAIL;
				break;
			}
			/*
			 * A user or pool still in use by calls that are ending
			 * (their listener or client just went): wait for them.
			 */
			for (tries = FLUSH_BUSY_TRIES;; tries--) {
				ret = req_send(c, &r, NULL, NULL);
				if (ret != -EBUSY || !tries)
					break;
				usleep(FLUSH_BUSY_WAIT_US);
			}
			if (ret == -ENOENT)	/* gone meanwhile */
				ret = 0;
			else if (ret)
				ret = req_fail(c, &r, ret);
		}
	}
	free(l.v);
	return ret ? (ret < 0 ? EXIT_FAIL : ret) : EXIT_OK;
}

/* apply */

/* A running object, from a dump (its message copied). */
struct cur {
	const struct object *o;
	struct nlmsghdr *nlh;
	struct nl_attrs at;
	const char *name;
	bool in_file;
	bool replaced;
};

struct curs {
	struct cur *v;
	size_t n;
	const struct object *o;	/* what the dump being read is of */
	size_t start;		/* where its objects start (a retry drops them) */
};

static int cur_cb(const struct nlmsghdr *nlh, void *arg)
{
	struct curs *l = arg;
	struct cur *v, *p;

	v = realloc(l->v, (l->n + 1) * sizeof(*v));
	if (!v)
		goto nomem;
	l->v = v;
	p = &v[l->n];
	memset(p, 0, sizeof(*p));
	p->nlh = malloc(nlh->nlmsg_len);
	if (!p->nlh)
		goto nomem;
	memcpy(p->nlh, nlh, nlh->nlmsg_len);
	p->o = l->o;
	nl_parse(p->nlh, &p->at);
	p->name = attr_str(p->at.tb[KL2TP_A_NAME]);
	if (!p->name || !*p->name) {
		free(p->nlh);
		return MNL_CB_OK;
	}
	l->n++;
	return MNL_CB_OK;
nomem:
	errno = ENOMEM;
	return MNL_CB_ERROR;
}

struct cur_run {
	struct ctx *c;
	struct curs *l;
};

static int cur_once(void *arg)
{
	struct cur_run *run = arg;
	struct curs *l = run->l;

	while (l->n > l->start)
		free(l->v[--l->n].nlh);
	return cfg_get_all(run->c, l->o, cur_cb, l);
}

static void curs_free(struct curs *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->v[i].nlh);
	free(l->v);
}

static struct cur *cur_find(struct curs *l, const struct object *o, const char *name)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (l->v[i].o == o && !strcmp(l->v[i].name, name))
			return &l->v[i];
	return NULL;
}

enum step_kind { ST_ADD, ST_SET, ST_REPLACE, ST_UP, ST_DOWN, ST_DEL };

struct step {
	enum step_kind kind;
	const struct object *o;
	char name[KL2TP_NAME_MAX];
	struct req *add;	/* the file's, for ST_ADD and ST_REPLACE */
	struct req req;		/* ST_SET, ST_UP, ST_DOWN, ST_DEL */
	char note[1024];	/* what changes, or why it is replaced */
};

struct plan {
	struct step *v;
	size_t n;
	size_t same;
};

static struct step *plan_add(struct plan *p, enum step_kind kind,
			     const struct object *o, const char *name)
{
	struct step *v = realloc(p->v, (p->n + 1) * sizeof(*v));

	if (!v)
		return NULL;
	p->v = v;
	v = &v[p->n++];
	memset(v, 0, sizeof(*v));
	v->kind = kind;
	v->o = o;
	snprintf(v->name, sizeof(v->name), "%s", name);
	return v;
}

/* A request "OBJ VERB NAME" (del, up, down) into s->req. */
static int step_simple(struct step *s, const char *verb)
{
	char *args[] = { (char *)verb, s->name };
	struct perr e;

	if (cfg_parse(s->o, 2, args, &s->req, &e)) {
		err_msg("apply: %s", e.msg);
		return -1;
	}
	return 0;
}

/* Calls that keep an object from going: a user's sessions, a pool's leases. */
static bool cur_busy(const struct cur *r, char *why, size_t len)
{
	uint64_t x;

	if (!strcmp(r->o->name, "user") && attr_uint(r->at.tb[KL2TP_A_SESSIONS], &x) && x) {
		snprintf(why, len, "user %s has %" PRIu64 " session%s (reset them first)",
			 r->name, x, x == 1 ? "" : "s");
		return true;
	}
	if (!strcmp(r->o->name, "pool") && attr_uint(r->at.tb[KL2TP_A_POOL_USED], &x) && x) {
		const char *what = r->at.tb[KL2TP_A_PREFIX6] ? "prefix" : "address";

		snprintf(why, len, "pool %s has %" PRIu64 " %s%s in use (reset their sessions first)",
			 r->name, x, what, x == 1 ? "" : "es");
		return true;
	}
	return false;
}

static bool file_wants_up(const struct batch *b, const char *name)
{
	size_t i;

	for (i = 0; i < b->n; i++)
		if (!strcmp(b->r[i]->verb, "up") && !strcmp(b->r[i]->name, name))
			return true;
	return false;
}

static bool file_adds(const struct batch *b, const char *obj, const char *name)
{
	size_t i;

	for (i = 0; i < b->n; i++)
		if (!strcmp(b->r[i]->verb, "add") && !strcmp(b->r[i]->obj, obj) &&
		    !strcmp(b->r[i]->name, name))
			return true;
	return false;
}

/* Does running listener @r list peer @name? */
static bool lns_lists_peer(const struct cur *r, const char *name)
{
	const struct nlattr *nest = r->at.tb[KL2TP_A_PEERS], *a;

	if (!nest)
		return false;
	mnl_attr_for_each_nested(a, nest)
		if (mnl_attr_get_type(a) == KL2TP_A_NAME &&
		    !strcmp(mnl_attr_get_str(a), name))
			return true;
	return false;
}

/* A peer that a running listener lists by name (it cannot be deleted). */
static bool peer_listed(struct curs *l, const struct cur *p, char *why, size_t len)
{
	size_t i;

	if (strcmp(p->o->name, "peer"))
		return false;
	for (i = 0; i < l->n; i++) {
		if (!strcmp(l->v[i].o->name, "lns") && lns_lists_peer(&l->v[i], p->name)) {
			snprintf(why, len, "listener %s lists it (change that first)",
				 l->v[i].name);
			return true;
		}
	}
	return false;
}

static uint32_t attr_u32be(const struct nlattr *a)
{
	return a ? ntohl(mnl_attr_get_u32(a)) : 0;
}

/* Are the ip_addr attributes @a and @b the same address (and family)? */
static bool same_ip_addr(const struct nlattr *a, const struct nlattr *b)
{
	struct ip_addr p, q;

	return attr_ip_addr(a, &p) && attr_ip_addr(b, &q) && p.len == q.len &&
	       !memcmp(p.b, q.b, p.len);
}

/* Do the IPv6 prefixes a/alen and b/blen have an address in common? */
static bool prefix6_overlap(const struct in6_addr *a, uint64_t alen,
			    const struct in6_addr *b, uint64_t blen)
{
	unsigned int i, n = alen < blen ? alen : blen;

	for (i = 0; i < n && i < 128; i++)
		if ((a->s6_addr[i / 8] ^ b->s6_addr[i / 8]) & (0x80 >> (i % 8)))
			return false;
	return true;
}

/* Do the pools @a and @b overlap (ranges, or prefixes: never one of each)? */
static bool pools_overlap(const struct nl_attrs *a, const struct nl_attrs *b)
{
	struct in6_addr p, q;
	uint64_t m, n;

	if (a->tb[KL2TP_A_PREFIX6] || b->tb[KL2TP_A_PREFIX6])
		return attr_ip6(a->tb[KL2TP_A_PREFIX6], &p) &&
		       attr_ip6(b->tb[KL2TP_A_PREFIX6], &q) &&
		       attr_uint(a->tb[KL2TP_A_PREFIX6_LEN], &m) &&
		       attr_uint(b->tb[KL2TP_A_PREFIX6_LEN], &n) &&
		       prefix6_overlap(&p, m, &q, n);
	return attr_u32be(a->tb[KL2TP_A_POOL_START]) <=
	       attr_u32be(b->tb[KL2TP_A_POOL_END]) &&
	       attr_u32be(b->tb[KL2TP_A_POOL_START]) <=
	       attr_u32be(a->tb[KL2TP_A_POOL_END]);
}

/*
 * What the adds (which go first) would clash with in an object the file
 * deletes or replaces: a listener's address and port, a pool's range or
 * prefix.
 * Each is said; returns true if any.
 */
static bool plan_clashes(const char *path, struct batch *b, struct curs *l)
{
	struct nl_attrs fa;
	bool bad = false;
	size_t i, j;

	for (j = 0; j < b->n; j++) {
		struct req *f = b->r[j];
		bool lns = !strcmp(f->obj, "lns"), pool = !strcmp(f->obj, "pool");

		if (strcmp(f->verb, "add") || (!lns && !pool) ||
		    cur_find(l, object_find(f->obj), f->name))
			continue;	/* only new objects are added first */
		nl_parse(f->nlh, &fa);
		for (i = 0; i < l->n; i++) {
			const struct cur *r = &l->v[i];
			bool clash;

			if (strcmp(r->o->name, f->obj) || (r->in_file && !r->replaced))
				continue;
			if (lns)
				clash = same_ip_addr(r->at.tb[KL2TP_A_LISTEN_ADDR],
						     fa.tb[KL2TP_A_LISTEN_ADDR]) &&
					r->at.tb[KL2TP_A_LISTEN_PORT] && fa.tb[KL2TP_A_LISTEN_PORT] &&
					mnl_attr_get_u16(r->at.tb[KL2TP_A_LISTEN_PORT]) ==
					mnl_attr_get_u16(fa.tb[KL2TP_A_LISTEN_PORT]);
			else
				clash = pools_overlap(&fa, &r->at);
			if (!clash)
				continue;
			err_msg("%s:%d: %s %s takes the %s of %s %s, which the file %s: apply it in two steps (without either first)",
				path, f->line, f->obj, f->name, lns ? "address" : "addresses",
				r->o->name, r->name, r->in_file ? "replaces" : "deletes");
			bad = true;
		}
	}
	return bad;
}

/* A line that adds the same object twice, or brings a client up twice. */
static bool plan_dups(const char *path, struct batch *b)
{
	bool bad = false;
	size_t i, j;

	for (j = 0; j < b->n; j++) {
		for (i = 0; i < j; i++) {
			if (strcmp(b->r[i]->obj, b->r[j]->obj) ||
			    strcmp(b->r[i]->verb, b->r[j]->verb) ||
			    strcmp(b->r[i]->name, b->r[j]->name))
				continue;
			err_msg("%s:%d: %s %s %s again (line %d)", path, b->r[j]->line,
				b->r[j]->obj, b->r[j]->verb, b->r[j]->name, b->r[i]->line);
			bad = true;
			break;
		}
	}
	return bad;
}

/* The steps that make the running configuration @l equal to the file's @b. */
static int plan_build(const char *path, struct batch *b, struct curs *l,
		      struct plan *p)
{
	const struct object *client = object_find("client");
	struct nl_attrs fa;
	struct step *s;
	struct perr e;
	uint64_t state;
	struct cur *r;
	size_t i, j;
	int ret = 0, diff;
	char why[256];

	if (plan_dups(path, b))
		return -EINVAL;
	/*
	 * Adds first (they can be undone), then changes in place, then ups
	 * and downs, then deletions: a failure is most likely where it is
	 * cheapest. Each in dependency order.
	 */
	for (i = 0; i < 2 * ARRAY_SIZE(dump_order); i++) {
		const struct object *o = object_find(dump_order[i % ARRAY_SIZE(dump_order)]);
		bool adds = i < ARRAY_SIZE(dump_order);

		for (j = 0; j < b->n; j++) {
			struct req *f = b->r[j];

			if (strcmp(f->obj, o->name) || strcmp(f->verb, "add"))
				continue;
			r = cur_find(l, o, f->name);
			if (!r != adds)
				continue;
			if (!r) {
				s = plan_add(p, ST_ADD, o, f->name);
				if (!s)
					return -ENOMEM;
				s->add = f;
				continue;
			}
			r->in_file = true;
			nl_parse(f->nlh, &fa);
			s = plan_add(p, ST_SET, o, f->name);
			if (!s)
				return -ENOMEM;
			diff = cfg_compare(o, f, &fa, &r->at, &s->req, s->note,
					   sizeof(s->note), &e);
			if (diff < 0) {
				err_msg("%s:%d: %s", path, f->line, e.msg);
				return -EINVAL;
			}
			if (diff == CFG_SAME) {
				p->n--;
				p->same++;
			} else if (diff == CFG_REPLACE) {
				s->kind = ST_REPLACE;
				s->add = f;
				r->replaced = true;
				snprintf(s->note, sizeof(s->note), "%s", e.msg);
				if (cur_busy(r, why, sizeof(why)) ||
				    peer_listed(l, r, why, sizeof(why))) {
					err_msg("%s:%d: %s %s must be deleted and added (%s), but %s",
						path, f->line, o->name, f->name, e.msg, why);
					ret = -EBUSY;
				}
			}
		}
	}
	if (plan_clashes(path, b, l))
		ret = -EINVAL;
	/* clients up or down as the file says */
	for (j = 0; j < b->n; j++) {
		struct req *f = b->r[j];

		if (!strcmp(f->verb, "up") && !file_adds(b, "client", f->name)) {
			err_msg("%s:%d: client up %s: the file does not add it", path,
				f->line, f->name);
			ret = -EINVAL;
		}
	}
	for (i = 0; i < l->n; i++) {
		bool up, want;

		r = &l->v[i];
		if (strcmp(r->o->name, "client") || !r->in_file || r->replaced)
			continue;
		up = attr_uint(r->at.tb[KL2TP_A_STATE], &state) && state != KL2TP_CLIENT_DOWN;
		want = file_wants_up(b, r->name);
		if (up == want)
			continue;
		s = plan_add(p, want ? ST_UP : ST_DOWN, r->o, r->name);
		if (!s || step_simple(s, want ? "up" : "down"))
			return -ENOMEM;
	}
	for (j = 0; j < b->n; j++) {
		struct req *f = b->r[j];

		if (strcmp(f->verb, "up"))
			continue;
		r = cur_find(l, client, f->name);
		if (r && !r->replaced)
			continue;	/* up or down above */
		s = plan_add(p, ST_UP, client, f->name);
		if (!s || step_simple(s, "up"))
			return -ENOMEM;
	}
	/* what the file no longer has, users of an object first */
	for (i = ARRAY_SIZE(dump_order); i-- > 0;) {
		const struct object *o = object_find(dump_order[i]);

		for (j = 0; j < l->n; j++) {
			r = &l->v[j];
			if (r->o != o || r->in_file)
				continue;
			if (cur_busy(r, why, sizeof(why))) {
				err_msg("%s: %s %s is not in the file, but %s", path, o->name,
					r->name, why);
				ret = -EBUSY;
			}
			s = plan_add(p, ST_DEL, o, r->name);
			if (!s || step_simple(s, "del"))
				return -ENOMEM;
		}
	}
	return ret;
}

static void plan_print(const struct plan *p, FILE *f)
{
	static const char *const sign[] = { "+", "~", "!", ">", "<", "-" };
	static const char *const verb[] = { "add", "set", "replace", "up", "down", "del" };
	size_t i;

	for (i = 0; i < p->n; i++) {
		const struct step *s = &p->v[i];

		fprintf(f, "%s %s %s %s", sign[s->kind], s->o->name, verb[s->kind], s->name);
		if (s->kind == ST_SET)
			fprintf(f, ": %s", s->note);
		else if (s->kind == ST_REPLACE)
			fprintf(f, ": delete and add%s (%s)",
				!strcmp(s->o->name, "lns") || !strcmp(s->o->name, "client") ?
				", its calls end" : "", s->note);
		fputc('\n', f);
	}
	fprintf(f, "%zu change%s, %zu object%s unchanged\n", p->n, p->n == 1 ? "" : "s",
		p->same, p->same == 1 ? "" : "s");
}

/* The objects of @o running now, into @now (emptied first); 0 or -errno. */
static int curs_now(struct ctx *c, const struct object *o, struct curs *now)
{
	struct cur_run run = { .c = c, .l = now };

	curs_free(now);
	memset(now, 0, sizeof(*now));
	now->o = o;
	return nl_dump_retry(&c->nl, false, cur_once, &run);
}

/*
 * The request that puts @old (from the dump apply began with) back in
 * place of @now into @u: 1, or 0 when they are the same, or -1 on an
 * error, or -2 when only a del and add could put all of it back (why in
 * @e: a value the run added that cannot be removed in place, a secret the
 * run added); @u then still carries the rest. Secrets cannot be read
 * back: one the object had keeps the file's value.
 */
static int undo_set(const struct cur *old, const struct cur *now, struct req *u,
		    struct perr *e)
{
	struct nl_attrs ra = now->at;
	static struct req name;
	char note[512];
	int diff;

	/* a request with the name only: what cfg_compare starts from */
	req_init(&name, old->o->name, "set", 0, 0);
	req_put_name(&name, old->name);
	if (old->at.tb[KL2TP_A_SECRET_SET])
		ra.tb[KL2TP_A_SECRET_SET] = NULL;
	diff = cfg_compare(old->o, &name, &old->at, &ra, u, note, sizeof(note), e);
	/* what @u carries besides the name can still go back */
	if (diff == CFG_REPLACE)
		return u->nlh->nlmsg_len > name.nlh->nlmsg_len ? -2 : -1;
	return diff < 0 ? -1 : diff == CFG_SET;
}

/* The add request that recreates @old, which had no secret, into @u. */
static int undo_del(const struct cur *old, struct req **u, struct perr *e)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f;
	int ret;

	*u = NULL;
	if (old->at.tb[KL2TP_A_SECRET_SET] || !strcmp(old->o->name, "user") ||
	    !strcmp(old->o->name, "client"))
		return perr(e, "its secret or password cannot be read back");
	f = open_memstream(&text, &len);
	if (!f)
		return perr(e, "out of memory");
	cfg_dump_line(old->o, &old->at, f);
	fclose(f);
	ret = parse_line(text, u, e);
	free(text);
	if (!ret && !*u)
		ret = perr(e, "nothing to add");
	return ret;
}

/*
 * Undo step @s, from the running objects @l that apply began with (@now
 * and @u: scratch): 0 when it is undone, or -1 when it stays (said).
 */
static int undo_step(struct ctx *c, const char *path, const struct step *s,
		     struct curs *l, struct curs *now, struct req *u)
{
	const struct cur *old = cur_find(l, s->o, s->name), *cur;
	struct req *add = NULL;
	uint64_t state;
	struct perr e;
	int ret = -1;

	e.msg[0] = '\0';
	switch (s->kind) {
	case ST_ADD:
		req_init(u, s->add->obj, s->add->undo_verb, s->add->undo_cmd, 0);
		req_put_name(u, s->add->name);
		u->file = s->add->file;
		u->line = s->add->line;
		ret = req_send(c, u, NULL, NULL);
		if (ret)
			req_fail(c, u, ret);
		break;
	case ST_UP:
		/* a replaced client that was up before: it stays up */
		if (old && attr_uint(old->at.tb[KL2TP_A_STATE], &state) &&
		    state != KL2TP_CLIENT_DOWN)
			return 0;
		/* fall through */
	case ST_DOWN:
		if (cfg_parse(s->o, 2, (char *[]){ s->kind == ST_UP ? "down" : "up",
						   (char *)s->name }, u, &e))
			break;
		ret = req_send(c, u, NULL, NULL);
		if (ret)
			req_fail(c, u, ret);
		break;
	case ST_SET:
		ret = curs_now(c, s->o, now);
		if (ret) {
			perr(&e, "it could not be read (%s)", strerror(-ret));
			ret = -1;
			break;
		}
		cur = cur_find(now, s->o, s->name);
		if (!old || !cur) {
			perr(&e, "it is gone");
			break;
		}
		ret = undo_set(old, cur, u, &e);
		if (ret > 0 || ret == -2) {
			/* -2: the rest goes back, the object is still named */
			bool partial = ret == -2;

			u->file = path;
			u->line = s->req.line;
			ret = req_send(c, u, NULL, NULL);
			if (ret)
				req_fail(c, u, ret);
			if (partial)
				ret = -1;
		}
		break;
	case ST_DEL:
		if (!old || undo_del(old, &add, &e))
			break;
		ret = req_send(c, add, NULL, NULL);
		if (ret)
			req_fail(c, add, ret);
		free(add);
		break;
	case ST_REPLACE:
		perr(&e, "it was deleted and added again");
		break;
	}
	if (ret && e.msg[0])
		err_msg("%s: %s %s could not be put back: %s", path, s->o->name,
			s->name, e.msg);
	return ret ? -1 : 0;
}

/*
 * Undo the first @n steps, last first, from the running objects @l that
 * apply began with: an add is deleted, a client brought up or down is
 * brought down or up (up last, once its changes in place are undone), a
 * change in place is changed back, a deleted object without a secret is
 * added again. What cannot be put back stays and is said: a value the run
 * added that set cannot remove, a secret it added, a replaced object, a
 * deleted one with a secret. A secret the object had keeps the file's
 * value (it cannot be read back). Returns how many stay.
 */
static size_t plan_undo(struct ctx *c, const char *path, struct plan *p, size_t n,
			struct curs *l)
{
	struct curs now = { 0 };
	size_t kept = 0, k;
	struct req *u;
	int pass;

	u = malloc(sizeof(*u));
	if (!u) {
		err_msg("%s: out of memory: nothing undone", path);
		return n;
	}
	for (pass = 0; pass < 2; pass++)
		for (k = n; k-- > 0;)
			if ((p->v[k].kind == ST_DOWN) == pass &&
			    undo_step(c, path, &p->v[k], l, &now, u))
				kept++;
	curs_free(&now);
	free(u);
	return kept;
}

/* Send step @s; 0, or -1 with the failure reported (*@lost: a replaced
 * object was deleted and its new self not added). */
static int step_send(struct ctx *c, const char *path, struct step *s, bool *lost)
{
	struct perr e;
	struct req d;
	int ret;

	switch (s->kind) {
	case ST_ADD:
		ret = req_send(c, s->add, NULL, NULL);
		if (ret)
			req_fail(c, s->add, ret);
		return ret ? -1 : 0;
	case ST_REPLACE:
		if (cfg_parse(s->o, 2, (char *[]){ "del", s->name }, &d, &e)) {
			err_msg("apply: %s", e.msg);
			return -1;
		}
		d.file = s->add->file;
		d.line = s->add->line;
		ret = req_send(c, &d, NULL, NULL);
		if (ret) {
			req_fail(c, &d, ret);
			return -1;
		}
		ret = req_send(c, s->add, NULL, NULL);
		if (ret) {
			req_fail(c, s->add, ret);
			*lost = true;
			return -1;
		}
		return 0;
	default:
		/* the step array may have moved since the request was built */
		s->req.nlh = (struct nlmsghdr *)s->req.buf;
		s->req.file = path;
		ret = req_send(c, &s->req, NULL, NULL);
		if (ret)
			req_fail(c, &s->req, ret);
		return ret ? -1 : 0;
	}
}

/* Add back @s's object, deleted to be replaced: 0, or -1 (said). */
static int readd_lost(struct ctx *c, const char *path, const struct step *s,
		      struct curs *l)
{
	const struct cur *old = cur_find(l, s->o, s->name);
	struct req *add = NULL;
	struct perr e;
	int ret;

	if (!old || undo_del(old, &add, &e)) {
		err_msg("%s: %s %s was deleted to be replaced, its replacement could not be added, and it cannot be added back: %s",
			path, s->o->name, s->name, old ? e.msg : "it is unknown");
		return -1;
	}
	ret = req_send(c, add, NULL, NULL);
	if (ret)
		req_fail(c, add, ret);
	free(add);
	if (ret)
		err_msg("%s: %s %s was deleted to be replaced and is gone", path,
			s->o->name, s->name);
	return ret ? -1 : 0;
}

static int plan_run(struct ctx *c, const char *path, struct plan *p,
		    struct curs *l)
{
	bool lost = false;
	size_t i, kept;

	for (i = 0; i < p->n; i++)
		if (step_send(c, path, &p->v[i], &lost))
			break;
	if (i == p->n)
		return EXIT_OK;
	kept = (lost && readd_lost(c, path, &p->v[i], l)) ? 1 : 0;
	kept += plan_undo(c, path, p, i, l);
	if (!kept)
		err_msg("%s: stopped at change %zu of %zu; %s", path, i + 1, p->n,
			i || lost ? "what it changed was undone" : "nothing changed");
	else
		err_msg("%s: stopped at change %zu of %zu; %zu change%s could not be undone (l2tpctl apply --dry-run shows what is left)",
			path, i + 1, p->n, kept, kept == 1 ? "" : "s");
	return EXIT_FAIL;
}

int apply_run(struct ctx *c, const struct object *o, int argc, char **argv)
{
	struct batch b = { 0 };
	struct curs l = { 0 };
	struct plan p = { 0 };
	const char *path = NULL;
	bool dry = false;
	size_t i;
	int ret;

	argc = strip_output_flags(c, argc, argv, false);
	for (i = 0; i < (size_t)argc; i++) {
		if (!strcmp(argv[i], "help")) {
			object_usage(stdout, o);
			return EXIT_OK;
		} else if (!strcmp(argv[i], "--dry-run") || !strcmp(argv[i], "-n")) {
			dry = true;
		} else if (!path) {
			path = argv[i];
		} else {
			err_msg("apply: unexpected argument \"%s\"", argv[i]);
			return EXIT_USAGE;
		}
	}
	if (!path) {
		err_msg("apply: expected FILE");
		return EXIT_USAGE;
	}
	ret = read_file("apply: ", path, &b, &path);
	if (!ret)
		ret = ctx_connect(c);
	for (i = 0; i < ARRAY_SIZE(dump_order) && !ret; i++) {
		struct cur_run run = { .c = c, .l = &l };

		l.o = object_find(dump_order[i]);
		l.start = l.n;
		ret = nl_dump_retry(&c->nl, false, cur_once, &run);
		if (ret == -EOPNOTSUPP)
			ret = 0;	/* the module has none of these */
		if (ret) {
			char what[64];

			snprintf(what, sizeof(what), "apply: %s", l.o->name);
			ret = nl_fail(c, what, ret);
		}
	}
	if (!ret && plan_build(path, &b, &l, &p))
		ret = EXIT_FAIL;
	for (i = 0; !ret && !dry && i < p.n; i++) {
		if (p.v[i].kind == ST_SET && !(c->module_features & KL2TP_FEATURE_SET)) {
			err_msg("apply: the loaded kl2tp module cannot change objects in place (it is older than this l2tpctl)");
			ret = EXIT_FAIL;
		}
	}
	if (!ret && dry)
		plan_print(&p, stdout);
	else if (!ret)
		ret = plan_run(c, path, &p, &l);
	free(p.v);
	curs_free(&l);
	batch_free(&b);
	return ret;
}
