// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target for DHCPv6 prefix delegation (kernel/proto/dhcp6.c):
 * the input's first byte picks the server's state (a prefix or none, DNS
 * servers, T1/T2), the rest is a client's message, read and answered, and
 * also taken as a whole IPv6 packet by kl2tp_udp6_parse().
 *
 *   make build/fuzz/fuzz_dhcp6
 *   build/fuzz/fuzz_dhcp6 -max_total_time=60 build/fuzz/corpus_dhcp6
 *
 * Traps when: the parser reads past the input (ASan) or keeps more than
 * it has room for; an answer is not a message of its own parser's liking,
 * is not an Advertise or Reply with the question's transaction id and our
 * Server Identifier, gives a prefix that is not ours (or with lifetimes
 * where it should take one back), answers what RFC 8415 16 discards, or
 * differs between two runs; a buffer short by one byte is not refused; a
 * UDP payload said to be there is not inside the packet.
 */
#include <stdint.h>
#include <stdlib.h>

#include "dhcp6.h"

#define ASSERT(c) do { if (!(c)) __builtin_trap(); } while (0)

static const u8 duid[] = { 0, 3, 0, 1, 2, 0, 0, 0, 0, 1 };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const u8 pfx[16] = { 0x20, 0x01, 0x0d, 0xb8, 0x02 };
	static u8 out[1024], again[1024];
	struct kl2tp_dhcp6_server s = { .duid = duid, .duid_len = sizeof(duid) };
	struct kl2tp_dhcp6_msg q, r;
	const u8 *pl;
	size_t plen;
	u16 sp, dp;
	int n, m;

	if (!size)
		return 0;
	if (data[0] & 1) {
		memcpy(s.pfx.prefix, pfx, 16);
		s.pfx.len = 56;
		s.pfx.preferred = 3600;
		s.pfx.valid = 7200;
	}
	s.n_dns = (data[0] >> 1) % (KL2TP_DHCP6_DNS_MAX + 1);
	s.t1 = data[0] & 8 ? 100 : 0;
	s.t2 = data[0] & 8 ? 200 : 0;
	data++;
	size--;

	if (!kl2tp_udp6_parse(data, size, &sp, &dp, &pl, &plen))
		ASSERT(pl >= data + KL2TP_UDP6_HDR_LEN && pl + plen == data + size);

	if (kl2tp_dhcp6_parse(&q, data, size))
		return 0;
	ASSERT(q.client_id_len <= KL2TP_DHCP6_DUID_MAX &&
	       q.server_id_len <= KL2TP_DHCP6_DUID_MAX &&
	       q.n_dns <= KL2TP_DHCP6_DNS_MAX && q.pfx.len <= 128);
	n = kl2tp_dhcp6_answer(&s, &q, out, sizeof(out));
	ASSERT(n >= 0);
	if (!n) {
		ASSERT(!(q.type == KL2TP_DHCP6_SOLICIT && q.client_id_len &&
			 !q.server_id_len));
		return 0;
	}
	ASSERT(q.type == KL2TP_DHCP6_SOLICIT || q.type == KL2TP_DHCP6_REQUEST ||
	       q.type == KL2TP_DHCP6_RENEW || q.type == KL2TP_DHCP6_REBIND ||
	       q.type == KL2TP_DHCP6_RELEASE ||
	       q.type == KL2TP_DHCP6_INFO_REQUEST);
	ASSERT(!q.server_id_len || (q.server_id_len == sizeof(duid) &&
				    !memcmp(q.server_id, duid, sizeof(duid))));
	ASSERT(q.type == KL2TP_DHCP6_INFO_REQUEST || q.client_id_len);
	m = kl2tp_dhcp6_answer(&s, &q, again, sizeof(again));
	ASSERT(m == n && !memcmp(out, again, n));
	ASSERT(kl2tp_dhcp6_answer(&s, &q, again, n - 1) == -ENOSPC);

	ASSERT(kl2tp_dhcp6_parse(&r, out, n) == 0);
	ASSERT(r.type == (q.type == KL2TP_DHCP6_SOLICIT && !q.rapid_commit ?
			  KL2TP_DHCP6_ADVERTISE : KL2TP_DHCP6_REPLY));
	ASSERT(!memcmp(r.xid, q.xid, 3));
	ASSERT(r.server_id_len == sizeof(duid) &&
	       !memcmp(r.server_id, duid, sizeof(duid)));
	ASSERT(r.client_id_len == q.client_id_len &&
	       !memcmp(r.client_id, q.client_id, q.client_id_len));
	ASSERT(r.n_ia_pd <= 1);
	if (r.n_ia_pd) {
		ASSERT(q.n_ia_pd && r.iaid == q.iaid);
		/* its first prefix: ours, or the client's taken back */
		ASSERT(!r.pfx.len ||
		       (s.pfx.len && r.pfx.len == 56 &&
			!memcmp(r.pfx.prefix, pfx, 16) &&
			r.pfx.valid == 7200) ||
		       (!s.pfx.len && r.pfx.len == q.pfx.len &&
			!memcmp(r.pfx.prefix, q.pfx.prefix, 16) &&
			!r.pfx.valid && !r.pfx.preferred));
		ASSERT(s.pfx.len ? r.pd_status == KL2TP_DHCP6_NO_STATUS :
				   r.pd_status != KL2TP_DHCP6_NO_STATUS);
	}
	if (q.type == KL2TP_DHCP6_RELEASE)
		ASSERT(r.status == KL2TP_DHCP6_SUCCESS && !r.n_ia_pd);
	return 0;
}
