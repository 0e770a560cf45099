// SPDX-License-Identifier: GPL-2.0
/*
 * l2tpctl: configure and inspect kl2tp, the in-kernel L2TPv2 LNS/LAC.
 *
 *     l2tpctl [-j] [-s] [-n NETNS] OBJECT [COMMAND [ARGS]]
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "uapi/linux/kl2tp.h"
#include "l2tpctl.h"

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
		return EXIT_FAIL;
	}
	if (ret)
		return nl_fail(c, "cannot open generic netlink", ret);

	nlh = nl_msg(&c->nl, buf, KL2TP_CMD_GET_INFO, 0);
	ret = nl_talk(&c->nl, nlh, info_cb, c);
	if (ret)
		return nl_fail(c, "cannot query the kl2tp module", ret);
	if (c->module_api != KL2TP_API_VERSION) {
		err_msg("kl2tp module %s speaks API %u but this l2tpctl (%s) speaks API %u: install matching versions",
			c->module_version, c->module_api, KL2TP_TOOL_VERSION,
			KL2TP_API_VERSION);
		return EXIT_FAIL;
	}
	c->connected = true;
	return 0;
}

static const struct {
	uint64_t bit;
	const char *name;
} feature_names[] = {
	{ KL2TP_FEATURE_INFO, "info" },
};

static int do_version(struct ctx *c, int argc, char **argv)
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
		for (i = 0; i < sizeof(feature_names) / sizeof(feature_names[0]); i++)
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
	for (i = 0; i < sizeof(feature_names) / sizeof(feature_names[0]); i++)
		if (c->module_features & feature_names[i].bit)
			jw_str(&w, NULL, feature_names[i].name);
	jw_arr_close(&w);
	jw_obj_close(&w);
	jw_end(&w);
	return EXIT_OK;
}

static int do_help(struct ctx *c, int argc, char **argv);

static const struct object objects[] = {
	{ "version", do_version, "version                print tool and module versions" },
	{ "help", do_help, "help                   this text" },
};

#define N_OBJECTS (sizeof(objects) / sizeof(objects[0]))

static void usage(FILE *f)
{
	size_t i;

	fprintf(f,
		"Usage: l2tpctl [OPTIONS] OBJECT [COMMAND [ARGS]]\n"
		"Options:\n"
		"  -j, --json       JSON output\n"
		"  -s, --stats      include counters\n"
		"  -n, --netns NS   run in network namespace NS (/run/netns/NS)\n"
		"  -V, --version    print the tool version\n"
		"Objects and commands:\n");
	for (i = 0; i < N_OBJECTS; i++)
		fprintf(f, "  %s\n", objects[i].usage);
}

static int do_help(struct ctx *c, int argc, char **argv)
{
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

int main(int argc, char **argv)
{
	struct ctx c = { 0 };
	const char *obj;
	size_t i;
	int ret;

	argc--;
	argv++;
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
		} else {
			err_msg("unknown option \"%s\" (try 'l2tpctl help')", a);
			return EXIT_USAGE;
		}
		argc--;
		argv++;
	}
	if (argc == 0) {
		usage(stderr);
		return EXIT_USAGE;
	}
	obj = argv[0];
	for (i = 0; i < N_OBJECTS; i++) {
		if (strcmp(obj, objects[i].name))
			continue;
		ret = objects[i].run(&c, argc - 1, argv + 1);
		if (c.connected)
			nl_close(&c.nl);
		return ret;
	}
	err_msg("unknown object \"%s\" (try 'l2tpctl help')", obj);
	return EXIT_USAGE;
}
