// SPDX-License-Identifier: GPL-2.0
/*
 * Writes the seed corpus of fuzz_dhcp6: the messages a requesting router
 * sends (Solicit with Rapid Commit, Request, Renew, Rebind, Release), built
 * by kernel/proto/dhcp6.c's client side, and an Information-Request, each
 * for a server with a prefix and DNS servers (first byte 0x03) and without
 * (0x00); one wrapped in IPv6 and UDP.
 *
 *   gcc -I kernel/proto -o /tmp/gen_corpus_dhcp6 selftests/fuzz/gen_corpus_dhcp6.c \
 *	kernel/proto/dhcp6.c kernel/proto/nd6.c
 *   /tmp/gen_corpus_dhcp6 selftests/fuzz/corpus_dhcp6
 */
#include <stdio.h>
#include <stdlib.h>

#include "dhcp6.h"

static const char *dir;

static void put(const char *name, u8 state, const u8 *msg, size_t len)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s_%02x", dir, name, state);
	f = fopen(path, "wb");
	if (!f || fputc(state, f) == EOF || fwrite(msg, 1, len, f) != len ||
	    fclose(f)) {
		perror(path);
		exit(1);
	}
}

int main(int argc, char **argv)
{
	static const u8 cduid[] = { 0, 3, 0, 1, 2, 0, 0, 0, 0, 2 };
	static const u8 sduid[] = { 0, 3, 0, 1, 2, 0, 0, 0, 0, 1 };
	static const u8 pfx[16] = { 0x20, 0x01, 0x0d, 0xb8, 0x02 };
	static const u8 ll[16] = { 0xfe, 0x80, [15] = 2 };
	static const u8 srv[16] = { 0xff, 0x02, [13] = 1, [15] = 2 };
	static const struct { const char *name; u8 type; } m[] = {
		{ "solicit", KL2TP_DHCP6_SOLICIT },
		{ "request", KL2TP_DHCP6_REQUEST },
		{ "renew", KL2TP_DHCP6_RENEW },
		{ "rebind", KL2TP_DHCP6_REBIND },
		{ "release", KL2TP_DHCP6_RELEASE },
	};
	struct kl2tp_dhcp6_client c = {
		.duid = cduid, .duid_len = sizeof(cduid), .iaid = 1,
		.server_id = sduid, .server_id_len = sizeof(sduid),
	};
	const u8 xid[3] = { 1, 2, 3 }, info[4] = { KL2TP_DHCP6_INFO_REQUEST, 1, 2, 3 };
	u8 buf[KL2TP_DHCP6_PKT_MAX];
	unsigned int i;
	int n;

	if (argc != 2)
		return 2;
	dir = argv[1];
	for (i = 0; i < sizeof(m) / sizeof(m[0]); i++) {
		memcpy(c.pfx.prefix, pfx, 16);
		c.pfx.len = m[i].type == KL2TP_DHCP6_SOLICIT ? 0 : 56;
		c.pfx.preferred = 3600;
		c.pfx.valid = 7200;
		n = kl2tp_dhcp6_client_build(&c, m[i].type, xid, buf, sizeof(buf));
		if (n < 0)
			return 1;
		put(m[i].name, 0x03, buf, n);
		put(m[i].name, 0x00, buf, n);
	}
	put("info", 0x03, info, sizeof(info));
	c.pfx.len = 0;
	n = kl2tp_dhcp6_client_build(&c, KL2TP_DHCP6_SOLICIT, xid,
				     buf + KL2TP_UDP6_HDR_LEN,
				     sizeof(buf) - KL2TP_UDP6_HDR_LEN);
	if (n < 0)
		return 1;
	n = (int)kl2tp_udp6_build(buf, ll, srv, KL2TP_DHCP6_CLIENT_PORT,
				  KL2TP_DHCP6_SERVER_PORT, n);
	put("udp6_solicit", 0x03, buf, n);
	return 0;
}
