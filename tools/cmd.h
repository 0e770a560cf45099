/* SPDX-License-Identifier: GPL-2.0 */
/*
 * l2tpctl: the objects' commands.
 */
#ifndef L2TPCTL_CMD_H
#define L2TPCTL_CMD_H

#include "l2tpctl.h"
#include "parse.h"
#include "view.h"

/* pool, user, peer, lns, client (cmd_config.c); priv: struct cfg_obj */
struct cfg_obj;
extern const struct cfg_obj cfg_pool, cfg_user, cfg_peer, cfg_lns, cfg_client;
int cfg_run(struct ctx *c, const struct object *o, int argc, char **argv);
/*
 * Parse "add NAME ...", "del NAME", "up NAME" or "down NAME" (argv[0] is
 * the command) into r, sending nothing. Returns 0 or -1 with e set.
 */
int cfg_parse(const struct object *o, int argc, char **argv, struct req *r,
	      struct perr *e);
/* Print the "OBJECT add NAME ..." line that recreates a GET reply. */
void cfg_dump_line(const struct object *o, const struct nl_attrs *at, FILE *f);
/* apply: how a file's object differs from the running one. */
enum cfg_diff { CFG_SAME, CFG_SET, CFG_REPLACE };
int cfg_compare(const struct object *o, const struct req *add,
		const struct nl_attrs *fa, const struct nl_attrs *ra,
		struct req *set, char *changes, size_t clen, struct perr *e);
/* The usage lines of a configuration object, from its keyword table. */
void cfg_usage(FILE *f, const struct object *o);
/* Send a GET dump of o's objects, calling cb on each; 0 or -errno. */
int cfg_get_all(struct ctx *c, const struct object *o, nl_reply_cb cb, void *arg);

/*
 * Completion (l2tpctl --complete): print what may follow the @argc - 1
 * words of @argv after the object (argv[argc - 1] is the word being
 * completed), one per line; "@files" for a file name. Live names and ids
 * come from the module when it answers.
 */
void cfg_complete(struct ctx *c, const struct object *o, int argc, char **argv);
void live_complete(struct ctx *c, const struct object *o, int argc, char **argv);
/* The names of o's configuration objects, one per line (if the module answers). */
void complete_names(struct ctx *c, const struct object *o);
/* @attr (a name, a user or an id) of each object a @cmd dump returns. */
void complete_dump(struct ctx *c, uint8_t cmd, uint16_t attr);

/* tunnel, session (cmd_live.c); priv: struct live_obj */
struct live_obj;
extern const struct live_obj live_tunnel, live_session;
int live_run(struct ctx *c, const struct object *o, int argc, char **argv);
int monitor_run(struct ctx *c, const struct object *o, int argc, char **argv);

/* cmd_status.c */
int status_run(struct ctx *c, const struct object *o, int argc, char **argv);
int metrics_run(struct ctx *c, const struct object *o, int argc, char **argv);

/* cmd_file.c */
int dump_run(struct ctx *c, const struct object *o, int argc, char **argv);
int flush_run(struct ctx *c, const struct object *o, int argc, char **argv);
/* Apply a file of add and client up lines, all or nothing (-f FILE). */
int file_apply(struct ctx *c, const char *path);
int apply_run(struct ctx *c, const struct object *o, int argc, char **argv);
#define APPLY_USAGE \
	"apply FILE [--dry-run]     make the configuration equal to FILE's (add, set,\n" \
	"                           delete; calls of unchanged objects stay up)"

#define TUNNEL_USAGE \
	"tunnel [show [ID]] [-s]\n" \
	"tunnel reset ID"
#define SESSION_USAGE \
	"session [show [ID | [tunnel TID] [user NAME] [address A.B.C.D] [state STATE]]] [-s]\n" \
	"session reset ID\n" \
	"session set ID [session-timeout SECONDS] [idle-timeout SECONDS]   (0: no limit)"
#define MONITOR_USAGE \
	"monitor [-t]               one line per event (-j: one JSON object per line;\n" \
	"                           -t: each stamped with the time it was read)"
#define STATUS_USAGE \
	"status [-j]                tunnels and sessions by state, pools, drops"
#define METRICS_USAGE \
	"metrics                    the same and the module's counters, for Prometheus"
#define DUMP_USAGE \
	"dump                       print the configuration as a file for -f\n" \
	"                           (without secrets: they are write-only)"
#define FLUSH_USAGE \
	"flush                      delete every client, listener, peer, user and pool\n" \
	"                           (their tunnels and calls end; waits up to 10 s for them)"

#endif
