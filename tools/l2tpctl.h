/* SPDX-License-Identifier: GPL-2.0 */
/*
 * l2tpctl: shared declarations.
 */
#ifndef L2TPCTL_H
#define L2TPCTL_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "nl.h"
#include "json.h"

struct ctx {
	struct kl2tp_nl nl;
	bool connected;
	bool json;
	bool stats;
	bool secrets;
	bool timestamp;		/* monitor -t */
	const struct row_filter *filter;	/* session show filters */
	/* from KL2TP_CMD_GET_INFO */
	char module_version[64];
	uint32_t module_api;
	uint64_t module_features;
};

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

/* Exit codes. */
#define EXIT_OK		0
#define EXIT_FAIL	1	/* the request failed */
#define EXIT_USAGE	2	/* the command line was wrong */

struct object {
	const char *name;
	int (*run)(struct ctx *c, const struct object *o, int argc, char **argv);
	const char *usage;	/* lines of "OBJECT COMMAND ARGS", '\n'-separated */
	const void *priv;	/* what run needs to know about the object */
	/* what may follow on the command line: cmd.h */
	void (*complete)(struct ctx *c, const struct object *o, int argc, char **argv);
};

/* Print "l2tpctl: <msg>" on stderr. */
void err_msg(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Report a failed netlink request: what failed, errno text, extack. */
int nl_fail(struct ctx *c, const char *what, int err);
/* Connect to the module and check its API version; prints errors. */
int ctx_connect(struct ctx *c);
/* The object called name, or NULL. */
const struct object *object_find(const char *name);
/* Print an object's usage lines, indented. */
void object_usage(FILE *f, const struct object *o);

#endif
