// SPDX-License-Identifier: GPL-2.0
/*
 * l2tpctl: configuration files: -f FILE applies one, dump prints one.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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

int file_apply(struct ctx *c, const char *path)
{
	struct batch b = { 0 };
	bool std = !strcmp(path, "-");
	FILE *f = std ? stdin : fopen(path, "r");
	int ret;

	if (!f) {
		err_msg("cannot open \"%s\": %s", path, strerror(errno));
		return EXIT_FAIL;
	}
	ret = parse_file(f, std ? "<stdin>" : path, &b);
	if (!std)
		fclose(f);
	if (!ret && b.n)
		ret = ctx_connect(c);
	if (!ret && b.n)
		ret = apply(c, std ? "<stdin>" : path, &b);
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
