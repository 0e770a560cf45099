// SPDX-License-Identifier: GPL-2.0
/*
 * l2tpctl: configure and inspect kl2tp, the in-kernel L2TPv2 LNS/LAC.
 *
 *     l2tpctl [-j] [-s] [-n NETNS] OBJECT [COMMAND [ARGS]]
 *     l2tpctl [-n NETNS] -f FILE
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../uapi/linux/kl2tp.h"
#include "cmd.h"

#ifndef KL2TP_TOOL_VERSION
#define KL2TP_TOOL_VERSION "unknown"
#endif

void err_msg(const char *fmt, ...)
{
	va_list ap;

	fputs("l2tpctl: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int nl_fail(struct ctx *c, const char *what, int err)
{
	if (err == -EPERM)
		err_msg("%s: permission denied (CAP_NET_ADMIN is required in this network namespace)",
			what);
	else if (c->nl.errmsg[0])
		err_msg("%s: %s (%s)", what, c->nl.errmsg, strerror(-err));
	else
		err_msg("%s: %s", what, strerror(-err));
	return EXIT_FAIL;
}

static int info_cb(const struct nlmsghdr *nlh, void *arg)
{
	struct ctx *c = arg;
	struct nl_attrs at;

	nl_parse(nlh, &at);
	if (at.tb[KL2TP_A_INFO_VERSION])
		snprintf(c->module_version, sizeof(c->module_version), "%s",
			 mnl_attr_get_str(at.tb[KL2TP_A_INFO_VERSION]));
	if (at.tb[KL2TP_A_INFO_API])
		c->module_api = mnl_attr_get_u32(at.tb[KL2TP_A_INFO_API]);
	if (at.tb[KL2TP_A_INFO_FEATURES])
		c->module_features = mnl_attr_get_u64(at.tb[KL2TP_A_INFO_FEATURES]);
	return MNL_CB_OK;
}

static int connect_fail(struct ctx *c, int ret)
{
	nl_close(&c->nl);
	return ret;
}

int ctx_connect(struct ctx *c)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct nlmsghdr *nlh;
	int ret;

	if (c->connected)
		return 0;
	ret = nl_open(&c->nl);
	if (ret == -ENOENT) {
		err_msg("the kl2tp module is not loaded (generic netlink family \"%s\" not found; try 'modprobe kl2tp')",
			KL2TP_GENL_NAME);
		return connect_fail(c, EXIT_FAIL);
	}
	if (ret)
		return connect_fail(c, nl_fail(c, "cannot open generic netlink", ret));

	nlh = nl_msg(&c->nl, buf, KL2TP_CMD_GET_INFO, 0);
	ret = nl_talk(&c->nl, nlh, info_cb, c);
	if (ret)
		return connect_fail(c, nl_fail(c, "cannot query the kl2tp module", ret));
	if (c->module_api != KL2TP_API_VERSION) {
		err_msg("kl2tp module %s speaks API %u but this l2tpctl (%s) speaks API %u: install matching versions",
			c->module_version, c->module_api, KL2TP_TOOL_VERSION,
			KL2TP_API_VERSION);
		return connect_fail(c, EXIT_FAIL);
	}
	c->connected = true;
	return 0;
}

static const struct {
	uint64_t bit;
	const char *name;
} feature_names[] = {
	{ KL2TP_FEATURE_INFO, "info" },
	{ KL2TP_FEATURE_CONTROL, "control" },
	{ KL2TP_FEATURE_PPP, "ppp" },
	{ KL2TP_FEATURE_POOLS, "pools" },
	{ KL2TP_FEATURE_STATS, "stats" },
	{ KL2TP_FEATURE_SET, "set" },
	{ KL2TP_FEATURE_IPV6, "ipv6" },
	{ KL2TP_FEATURE_IPV6_UNDERLAY, "ipv6-underlay" },
	{ KL2TP_FEATURE_DHCP6_PD, "dhcp6-pd" },
};

static int do_version(struct ctx *c, const struct object *o, int argc, char **argv)
{
	struct jw w;
	size_t i;
	int ret;

	if (argc > 0) {
		err_msg("version takes no arguments");
		return EXIT_USAGE;
	}
	if (!c->json)
		printf("l2tpctl %s (api %u)\n", KL2TP_TOOL_VERSION,
		       KL2TP_API_VERSION);
	ret = ctx_connect(c);
	if (ret)
		return ret;
	if (!c->json) {
		printf("kl2tp module %s (api %u)\n", c->module_version,
		       c->module_api);
		printf("features:");
		for (i = 0; i < ARRAY_SIZE(feature_names); i++)
			if (c->module_features & feature_names[i].bit)
				printf(" %s", feature_names[i].name);
		printf("\n");
		return EXIT_OK;
	}
	jw_init(&w, stdout);
	jw_obj_open(&w, NULL);
	jw_str(&w, "tool", KL2TP_TOOL_VERSION);
	jw_str(&w, "module", c->module_version);
	jw_u64(&w, "api", c->module_api);
	jw_arr_open(&w, "features");
	for (i = 0; i < ARRAY_SIZE(feature_names); i++)
		if (c->module_features & feature_names[i].bit)
			jw_str(&w, NULL, feature_names[i].name);
	jw_arr_close(&w);
	jw_obj_close(&w);
	jw_end(&w);
	return EXIT_OK;
}

static int do_help(struct ctx *c, const struct object *o, int argc, char **argv);
static void monitor_complete(struct ctx *c, const struct object *o, int argc,
			     char **argv);
static void help_complete(struct ctx *c, const struct object *o, int argc,
			  char **argv);
static void apply_complete(struct ctx *c, const struct object *o, int argc,
			   char **argv);

static const struct object objects[] = {
	/* usage NULL: generated from the keyword table (cfg_usage()) */
	{ "pool", cfg_run, NULL, &cfg_pool, cfg_complete },
	{ "user", cfg_run, NULL, &cfg_user, cfg_complete },
	{ "peer", cfg_run, NULL, &cfg_peer, cfg_complete },
	{ "lns", cfg_run, NULL, &cfg_lns, cfg_complete },
	{ "client", cfg_run, NULL, &cfg_client, cfg_complete },
	{ "tunnel", live_run, TUNNEL_USAGE, &live_tunnel, live_complete },
	{ "session", live_run, SESSION_USAGE, &live_session, live_complete },
	{ "monitor", monitor_run, MONITOR_USAGE, NULL, monitor_complete },
	{ "status", status_run, STATUS_USAGE, NULL, NULL },
	{ "metrics", metrics_run, METRICS_USAGE, NULL, NULL },
	{ "dump", dump_run, DUMP_USAGE, NULL, NULL },
	{ "flush", flush_run, FLUSH_USAGE, NULL, NULL },
	{ "apply", apply_run, APPLY_USAGE, NULL, apply_complete },
	{ "version", do_version,
	  "version                    print tool and module versions", NULL, NULL },
	{ "help", do_help,
	  "help [OBJECT]              this text, or OBJECT's commands", NULL, help_complete },
};

#define N_OBJECTS ARRAY_SIZE(objects)

const struct object *object_find(const char *name)
{
	size_t i;

	for (i = 0; i < N_OBJECTS; i++)
		if (!strcmp(name, objects[i].name))
			return &objects[i];
	return NULL;
}

void object_usage(FILE *f, const struct object *o)
{
	const char *p = o->usage, *nl;

	if (!p) {
		cfg_usage(f, o);
		return;
	}
	while (*p) {
		nl = strchrnul(p, '\n');
		/* Lines starting with a blank continue the previous one. */
		fprintf(f, "  %s%.*s\n", *p == ' ' ? "        " : "l2tpctl ", (int)(nl - p), p);
		p = *nl ? nl + 1 : nl;
	}
}

static void usage(FILE *f)
{
	size_t i;

	fprintf(f,
		"Usage: l2tpctl [OPTIONS] OBJECT [COMMAND [ARGS]]\n"
		"       l2tpctl [-n NS] -f FILE\n"
		"Options:\n"
		"  -j, --json       JSON output\n"
		"  -s, --stats      include counters\n"
		"  -n, --netns NS   run in network namespace NS (/run/netns/NS)\n"
		"  -f, --file FILE  apply a file of add and client up lines, all or nothing\n"
		"                   ('#' comments; FILE - is stdin)\n"
		"  -V, --version    print the tool version\n"
		"Objects and commands (show is the default command):\n");
	for (i = 0; i < N_OBJECTS; i++)
		object_usage(f, &objects[i]);
}

static int do_help(struct ctx *c, const struct object *o, int argc, char **argv)
{
	if (argc > 0) {
		o = object_find(argv[0]);
		if (!o) {
			err_msg("help: unknown object \"%s\"", argv[0]);
			return EXIT_USAGE;
		}
		if (o->run != do_help) {
			object_usage(stdout, o);
			return EXIT_OK;
		}
	}
	usage(stdout);
	return EXIT_OK;
}

static int enter_netns(const char *name)
{
	char path[256];
	int fd;

	if (strchr(name, '/'))
		snprintf(path, sizeof(path), "%s", name);
	else
		snprintf(path, sizeof(path), "/run/netns/%s", name);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		err_msg("cannot open network namespace \"%s\": %s", name,
			strerror(errno));
		return -1;
	}
	if (setns(fd, CLONE_NEWNET) < 0) {
		err_msg("cannot enter network namespace \"%s\": %s", name,
			strerror(errno));
		close(fd);
		return -1;
	}
	close(fd);
	return 0;
}

static bool is_flag(const char *a, const char *s, const char *l)
{
	return !strcmp(a, s) || !strcmp(a, l) || (l[1] == '-' && !strcmp(a, l + 1));
}

/* Completion: the shell's side is tools/l2tpctl.bash */

static void monitor_complete(struct ctx *c, const struct object *o, int argc,
			     char **argv)
{
	if (argc == 1)
		puts("-t");
}

/* apply FILE [--dry-run] */
static void apply_complete(struct ctx *c, const struct object *o, int argc,
			   char **argv)
{
	if (argv[argc - 1][0] == '-')
		puts("--dry-run");
	else
		puts("@files");
}

static void help_complete(struct ctx *c, const struct object *o, int argc,
			  char **argv)
{
	size_t i;

	if (argc == 1)
		for (i = 0; i < N_OBJECTS; i++)
			puts(objects[i].name);
}

/* "-n NS": the namespaces ip netns names */
static void complete_netns(void)
{
	struct dirent *e;
	DIR *dir = opendir("/run/netns");

	if (!dir)
		return;
	while ((e = readdir(dir)))
		if (e->d_name[0] != '.')
			puts(e->d_name);
	closedir(dir);
}

/*
 * l2tpctl --complete WORD...: the command line after "l2tpctl", the last
 * WORD being the one under the cursor (maybe empty). Prints what may come
 * there, one per line, for the shell to filter; "@files" for a file name.
 * Errors (no module, no permission) only leave out the live names.
 */
static int complete_main(int argc, char **argv)
{
	static const char *const options[] = {
		"-j", "--json", "-s", "--stats", "-n", "--netns", "-f", "--file",
		"-V", "--version", "-h", "--help",
	};
	struct ctx c = { 0 };
	const struct object *o;
	int i = 0, n = argc - 1;
	size_t k;

	if (argc < 1)
		return EXIT_USAGE;
	while (i < n && argv[i][0] == '-') {
		bool file = is_flag(argv[i], "-f", "--file");

		if (file || is_flag(argv[i], "-n", "--netns")) {
			if (i + 1 == n) {
				if (file)
					puts("@files");
				else
					complete_netns();
				return EXIT_OK;
			}
			if (file)
				return EXIT_OK;	/* -f FILE takes no object */
			if (enter_netns(argv[i + 1]))
				return EXIT_FAIL;
			i++;
		}
		i++;
	}
	if (i == n) {
		if (argv[n][0] == '-')
			for (k = 0; k < ARRAY_SIZE(options); k++)
				puts(options[k]);
		else
			for (k = 0; k < N_OBJECTS; k++)
				puts(objects[k].name);
		return EXIT_OK;
	}
	o = object_find(argv[i]);
	if (o && o->complete)
		o->complete(&c, o, n - i, argv + i + 1);
	if (c.connected)
		nl_close(&c.nl);
	return EXIT_OK;
}

int main(int argc, char **argv)
{
	struct ctx c = { 0 };
	const struct object *o;
	const char *file = NULL;
	int ret;

	argc--;
	argv++;
	if (argc > 0 && !strcmp(argv[0], "--complete"))
		return complete_main(argc - 1, argv + 1);
	while (argc > 0 && argv[0][0] == '-') {
		const char *a = argv[0];

		if (is_flag(a, "-j", "--json")) {
			c.json = true;
		} else if (is_flag(a, "-s", "--stats")) {
			c.stats = true;
		} else if (!strcmp(a, "--secrets")) {
			c.secrets = true;
		} else if (is_flag(a, "-V", "--version")) {
			printf("l2tpctl %s (api %u)\n", KL2TP_TOOL_VERSION,
			       KL2TP_API_VERSION);
			return EXIT_OK;
		} else if (is_flag(a, "-h", "--help")) {
			usage(stdout);
			return EXIT_OK;
		} else if (is_flag(a, "-n", "--netns")) {
			if (argc < 2) {
				err_msg("%s needs a namespace name", a);
				return EXIT_USAGE;
			}
			if (enter_netns(argv[1]))
				return EXIT_FAIL;
			argc--;
			argv++;
		} else if (is_flag(a, "-f", "--file")) {
			if (argc < 2) {
				err_msg("%s needs a file name", a);
				return EXIT_USAGE;
			}
			file = argv[1];
			argc--;
			argv++;
		} else {
			err_msg("unknown option \"%s\" (try 'l2tpctl help')", a);
			return EXIT_USAGE;
		}
		argc--;
		argv++;
	}
	if (file && argc > 0) {
		err_msg("-f FILE takes no OBJECT (\"%s\")", argv[0]);
		return EXIT_USAGE;
	}
	if (!file && argc == 0) {
		usage(stderr);
		return EXIT_USAGE;
	}
	o = file ? NULL : object_find(argv[0]);
	if (!file && !o) {
		err_msg("unknown object \"%s\" (try 'l2tpctl help')", argv[0]);
		return EXIT_USAGE;
	}
	ret = file ? file_apply(&c, file) : o->run(&c, o, argc - 1, argv + 1);
	if (c.connected)
		nl_close(&c.nl);
	return ret;
}
