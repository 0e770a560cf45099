// SPDX-License-Identifier: GPL-2.0
/*
 * Writes the seed corpus of fuzz_ppp (format: fuzz_ppp.h): full
 * negotiations with each authentication method, with Nak rounds, loss and
 * keepalives, proxy handovers (PAP, CHAP, altered, force-chap,
 * lcp-renegotiate, mid-negotiation), the external check (each method
 * accepted on a verdict, refused, a wrong password, a garbled MS-CHAPv2
 * authenticator response, a proxied PAP, checked locally after all),
 * IPV6CP (both ends, one end, the same identifier asked for by both, a
 * glue that cannot carry IPv6, a proxy handover, IPv6 frames and a Protocol-Reject of IPCP under it),
 * valid LCP, IPCP, PAP, CHAP, IP and IPV6CP frames injected once the
 * link is up, built with the codec itself, and a Router Solicitation.
 *
 *   gcc -I kernel/proto -o /tmp/gen_corpus_ppp \
 *	selftests/fuzz/gen_corpus_ppp.c selftests/unit/support/[a-z]*.c \
 *	kernel/proto/[a-z]*.c
 *   /tmp/gen_corpus_ppp selftests/fuzz/corpus_ppp
 */
#include <stdio.h>
#include <stdlib.h>

#include "ppp_frame.h"
#include "ppp_lcp.h"
#include "ppp_ipcp.h"
#include "ppp_auth.h"
#include "avp.h"
#include "nd6.h"
#include "fuzz_ppp.h"

static const char *dir;

struct seed {
	u8 b[1024];
	size_t n;
};

/* Configuration bytes 0 and 1; byte 2 (IPv6) is 0 unless start6(). */
static void start(struct seed *s, u8 c0, u8 c1)
{
	s->n = 0;
	s->b[s->n++] = c0;
	s->b[s->n++] = c1;
	s->b[s->n++] = 0;
}

static void start6(struct seed *s, u8 c0, u8 c1, u8 c2)
{
	start(s, c0, c1);
	s->b[2] = c2;
}

static void op(struct seed *s, u8 o)
{
	s->b[s->n++] = o;
}

static void op_arg(struct seed *s, u8 o, u8 arg)
{
	op(s, o);
	op(s, arg);
}

/* OP_INJECT of the control packet in @b to node @dst, prefix @pfx. */
static void inject(struct seed *s, int dst, int pfx,
		   const struct kl2tp_ppp_buf *b)
{
	if (b->err || b->len > 255) {
		fprintf(stderr, "inject: build failed (%d)\n", b->err);
		exit(1);
	}
	op(s, OP_INJECT | dst << 3 | pfx << 4);
	op(s, (u8)b->len);
	memcpy(s->b + s->n, b->buf, b->len);
	s->n += b->len;
}

static void delivers(struct seed *s, int n)
{
	while (n--)
		op(s, OP_DELIVER);
}

static void emit(const char *name, const struct seed *s)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "wb");
	if (!f || fwrite(s->b, 1, s->n, f) != s->n || fclose(f)) {
		perror(path);
		exit(1);
	}
}

int main(int argc, char **argv)
{
	static const u8 chal[16] = "0123456789abcdef";
	struct kl2tp_ppp_buf b;
	struct seed s;
	u8 buf[256], v[3];

	if (argc != 2) {
		fprintf(stderr, "usage: %s DIR\n", argv[0]);
		return 2;
	}
	dir = argv[1];

	/* Whole negotiations. */
	start(&s, KL2TP_PPP_AUTH_PAP, 0);
	op(&s, OP_PUMP);
	emit("up_pap", &s);
	start(&s, KL2TP_PPP_AUTH_CHAP_MD5, 1);
	op(&s, OP_PUMP);
	emit("up_chap_md5_domain", &s);
	start(&s, KL2TP_PPP_AUTH_MSCHAPV2, 0x40);
	op(&s, OP_PUMP);
	emit("up_mschapv2", &s);
	start(&s, KL2TP_PPP_AUTH_MSCHAPV2, 2);
	op(&s, OP_PUMP);
	emit("wrong_password", &s);
	start(&s, KL2TP_PPP_AUTH_MSCHAPV2 | 1 << 2 | 0x10 | 0x80,
	      0x04 | 0x08 | 0x10);
	op(&s, OP_PUMP);
	emit("nak_reject_rounds", &s);
	start(&s, KL2TP_PPP_AUTH_PAP | 0x40, 0);
	op(&s, OP_PUMP);
	emit("no_address", &s);
	start(&s, KL2TP_PPP_AUTH_CHAP_MD5 | 0x20, 0x20);
	op(&s, OP_PUMP);
	op_arg(&s, OP_WAIT, 100);
	op(&s, OP_PUMP);
	op(&s, OP_CONTROL);
	op(&s, OP_PUMP);
	emit("echo_close", &s);
	start(&s, KL2TP_PPP_AUTH_CHAP_MD5, 0);
	op(&s, OP_DELIVER);
	op(&s, OP_DROP);
	op(&s, OP_DELIVER);
	op_arg(&s, OP_WAIT, 60);
	op(&s, OP_DELIVER);
	op(&s, OP_DELIVER);
	op(&s, OP_DROP);
	op_arg(&s, OP_WAIT, 60);
	op(&s, OP_PUMP);
	op(&s, OP_CONTROL | 3 << 3);
	emit("loss_lower_down", &s);

	/*
	 * The external check (configuration byte 1 bit 7): each method
	 * waits for the verdict and comes up on it; refused; MS-CHAPv2 with
	 * the authenticator response garbled; proxied PAP through it. The
	 * verdict comes after the frames, before the client gives up.
	 */
	start(&s, KL2TP_PPP_AUTH_PAP, 0x80);
	delivers(&s, 16);
	op(&s, OP_CONTROL | 0x20);
	op(&s, OP_PUMP);
	emit("aaa_pap", &s);
	start(&s, KL2TP_PPP_AUTH_CHAP_MD5, 0x80 | 1);
	delivers(&s, 16);
	op(&s, OP_CONTROL | 0x20);
	op(&s, OP_PUMP);
	emit("aaa_chap_md5_domain", &s);
	start(&s, KL2TP_PPP_AUTH_MSCHAPV2, 0x80);
	delivers(&s, 16);
	op(&s, OP_CONTROL | 0x20);
	op(&s, OP_PUMP);
	emit("aaa_mschapv2", &s);
	start(&s, KL2TP_PPP_AUTH_MSCHAPV2, 0x80);
	delivers(&s, 16);
	op(&s, OP_CONTROL | 0x20 | 0x80);
	op(&s, OP_PUMP);
	emit("aaa_mschapv2_garbled", &s);
	start(&s, KL2TP_PPP_AUTH_CHAP_MD5, 0x80);
	delivers(&s, 16);
	op(&s, OP_CONTROL | 0x20 | 0x40);
	op(&s, OP_PUMP);
	emit("aaa_refused", &s);
	start(&s, KL2TP_PPP_AUTH_PAP, 0x80 | 2);
	delivers(&s, 16);
	op(&s, OP_CONTROL | 0x20);
	op(&s, OP_PUMP);
	emit("aaa_wrong_password", &s);
	start(&s, KL2TP_PPP_AUTH_PAP, 0x80);
	delivers(&s, 16);
	op_arg(&s, OP_PROXY, 6);
	op(&s, OP_CONTROL | 0x20);
	op(&s, OP_PUMP);
	emit("aaa_proxy_pap", &s);
	/* the AAA server cannot decide: checked locally after all */
	start(&s, KL2TP_PPP_AUTH_PAP, 0x80);
	delivers(&s, 16);
	op(&s, OP_CONTROL | 0x20 | 0x80);
	op(&s, OP_PUMP);
	emit("aaa_local_pap", &s);
	start(&s, KL2TP_PPP_AUTH_CHAP_MD5, 0x80 | 1);
	delivers(&s, 16);
	op(&s, OP_CONTROL | 0x20 | 0x80);
	op(&s, OP_PUMP);
	emit("aaa_local_chap_md5_domain", &s);
	start(&s, KL2TP_PPP_AUTH_CHAP_MD5, 0x80 | 2);
	delivers(&s, 16);
	op(&s, OP_CONTROL | 0x20 | 0x80);
	op(&s, OP_PUMP);
	emit("aaa_local_wrong_password", &s);

	/*
	 * Proxy handover (OP_PROXY, format at the top of fuzz_ppp.c): the
	 * server played the LAC through a whole negotiation, or part of one,
	 * then a new server takes the call with what it saw; with the
	 * response altered, with force-chap, with lcp-renegotiate, and with
	 * the frames in flight kept.
	 */
	{
		static const struct {
			const char *name;
			u8 c0, delivers, op, f;
		} px[] = {
			{ "proxy_pap", KL2TP_PPP_AUTH_PAP, 0, OP_PROXY, 6 },
			{ "proxy_chap", KL2TP_PPP_AUTH_CHAP_MD5, 0, OP_PROXY, 6 },
			{ "proxy_chap_altered", KL2TP_PPP_AUTH_CHAP_MD5, 0,
			  OP_PROXY, 7 },
			{ "proxy_force_chap", KL2TP_PPP_AUTH_PAP, 0, OP_PROXY,
			  6 | 0x08 },
			{ "proxy_renegotiate", KL2TP_PPP_AUTH_CHAP_MD5, 0,
			  OP_PROXY, 6 | 0x10 },
			{ "proxy_mid_lcp", KL2TP_PPP_AUTH_PAP, 3,
			  OP_PROXY | 8, 6 },
			{ "proxy_mid_auth", KL2TP_PPP_AUTH_CHAP_MD5, 6,
			  OP_PROXY | 8, 6 },
			{ "proxy_none", KL2TP_PPP_AUTH_PAP, 0, OP_PROXY,
			  KL2TP_PROXY_AUTH_NONE },
		};
		unsigned int k, d;

		for (k = 0; k < sizeof(px) / sizeof(px[0]); k++) {
			start(&s, px[k].c0, 0);
			if (px[k].delivers)
				for (d = 0; d < px[k].delivers; d++)
					op(&s, OP_DELIVER);
			else
				op(&s, OP_PUMP);
			op_arg(&s, px[k].op, px[k].f);
			op(&s, OP_PUMP);
			emit(px[k].name, &s);
		}
	}
	/*
	 * IPV6CP (configuration byte 2): both ends, each alone, both asking
	 * for the same identifier, through a proxy handover; then IPv6
	 * frames both ways and IPCP Protocol-Rejected under it.
	 */
	start6(&s, KL2TP_PPP_AUTH_CHAP_MD5, 0, 3);
	op(&s, OP_PUMP);
	emit("ipv6_dual", &s);
	start6(&s, KL2TP_PPP_AUTH_PAP, 0, 1);
	op(&s, OP_PUMP);
	emit("ipv6_server_only", &s);
	start6(&s, KL2TP_PPP_AUTH_MSCHAPV2, 0, 2);
	op(&s, OP_PUMP);
	emit("ipv6_client_only", &s);
	start6(&s, KL2TP_PPP_AUTH_PAP, 0, 7);
	op(&s, OP_PUMP);
	emit("ipv6_same_iid", &s);
	start6(&s, KL2TP_PPP_AUTH_CHAP_MD5, 0, 3 | 8);
	op(&s, OP_PUMP);
	emit("ipv6_refused", &s);
	start6(&s, KL2TP_PPP_AUTH_PAP, 0x80, 3);
	delivers(&s, 16);
	op_arg(&s, OP_PROXY, 6);
	op(&s, OP_CONTROL | 0x20);
	op(&s, OP_PUMP);
	emit("ipv6_aaa_proxy_pap", &s);
	start6(&s, KL2TP_PPP_AUTH_PAP, 0, 3);
	op(&s, OP_PUMP);
	op(&s, OP_INJECT | 0 << 3 | FUZZ_PFX_NONE << 4);
	op(&s, 8);
	memcpy(s.b + s.n, "\xff\x03\x00\x57\x60\0\0\0", 8);
	s.n += 8;
	op(&s, OP_INJECT | 1 << 3 | FUZZ_PFX_NONE << 4);
	op(&s, 5);
	memcpy(s.b + s.n, "\x57\x60\0\0\0", 5);
	s.n += 5;
	kl2tp_ppp_buf_init(&b, buf, sizeof(buf));
	kl2tp_ppp_cp_begin(&b, KL2TP_PPP_PROTO_REJ, 9);
	kl2tp_ppp_put_be16(&b, KL2TP_PPP_IPCP);
	kl2tp_ppp_put(&b, "\x01\x01\x00\x04", 4);
	kl2tp_ppp_cp_end(&b);
	inject(&s, 0, FUZZ_PFX_LCP, &b);
	op(&s, OP_PUMP);
	emit("ipv6_data_ipcp_rejected", &s);

	/* a Router Solicitation as the whole input: for nd6's check */
	{
		static const u8 ll[16] = { 0xfe, 0x80, [15] = 9 };
		static const u8 rtrs[16] = { 0xff, 0x02, [15] = 2 };

		memset(s.b, 0, 48);
		s.b[0] = 0x60;
		s.b[5] = 8;
		s.b[6] = KL2TP_IPPROTO_ICMPV6;
		s.b[7] = 255;
		memcpy(s.b + 8, ll, 16);
		memcpy(s.b + 24, rtrs, 16);
		s.b[40] = KL2TP_ND6_RS;
		kl2tp_put_be16(s.b + 42, kl2tp_ip6_csum(ll, rtrs,
							KL2TP_IPPROTO_ICMPV6,
							s.b + 40, 8));
		s.n = 48;
		emit("nd6_rs", &s);
	}

	start(&s, KL2TP_PPP_AUTH_PAP, 0);
	op(&s, OP_DELIVER);
	op(&s, OP_MUTATE);
	op(&s, 12);
	op(&s, 0x01);
	op(&s, OP_PUMP);
	emit("mutate", &s);

	/* Frames injected into an established link. */
	start(&s, KL2TP_PPP_AUTH_PAP, 0);
	op(&s, OP_PUMP);
	kl2tp_ppp_buf_init(&b, buf, sizeof(buf));
	kl2tp_ppp_cp_begin(&b, KL2TP_PPP_CONF_REQ, 0x42);
	kl2tp_ppp_put_opt_u16(&b, KL2TP_PPP_LCP_MRU, 1460);
	kl2tp_ppp_put_opt_u32(&b, KL2TP_PPP_LCP_ACCM, 0);
	kl2tp_ppp_put_opt(&b, KL2TP_PPP_LCP_AUTH, v,
			  kl2tp_ppp_lcp_auth_encode(KL2TP_PPP_AUTH_CHAP_MD5,
						    v));
	kl2tp_ppp_put_opt_u32(&b, KL2TP_PPP_LCP_MAGIC, 0x12345678);
	kl2tp_ppp_put_opt(&b, KL2TP_PPP_LCP_PFC, NULL, 0);
	kl2tp_ppp_put_opt(&b, KL2TP_PPP_LCP_ACFC, NULL, 0);
	kl2tp_ppp_cp_end(&b);
	inject(&s, 0, FUZZ_PFX_LCP, &b);
	op(&s, OP_PUMP);
	emit("lcp_confreq", &s);

	start(&s, KL2TP_PPP_AUTH_PAP, 0);
	op(&s, OP_PUMP);
	kl2tp_ppp_buf_init(&b, buf, sizeof(buf));
	kl2tp_ppp_cp_begin(&b, KL2TP_PPP_CONF_REQ, 9);
	kl2tp_ppp_put_opt_u32(&b, KL2TP_PPP_IPCP_ADDR, 0);
	kl2tp_ppp_put_opt_u32(&b, KL2TP_PPP_IPCP_DNS1, 0);
	kl2tp_ppp_put_opt_u32(&b, KL2TP_PPP_IPCP_DNS2, 0);
	kl2tp_ppp_put_opt_u16(&b, KL2TP_PPP_IPCP_COMP, KL2TP_PPP_VJ_COMP);
	kl2tp_ppp_cp_end(&b);
	inject(&s, 0, FUZZ_PFX_IPCP, &b);
	inject(&s, 1, FUZZ_PFX_IPCP, &b);
	op(&s, OP_PUMP);
	emit("ipcp_confreq", &s);

	start(&s, KL2TP_PPP_AUTH_PAP, 0);
	op(&s, OP_DELIVER);
	op(&s, OP_DELIVER);
	op(&s, OP_DELIVER);
	op(&s, OP_DELIVER);
	kl2tp_ppp_buf_init(&b, buf, sizeof(buf));
	kl2tp_ppp_pap_put_req(&b, 3, (const u8 *)FUZZ_USER,
			      strlen(FUZZ_USER), (const u8 *)FUZZ_PASSWORD,
			      strlen(FUZZ_PASSWORD));
	inject(&s, 0, FUZZ_PFX_PAP, &b);
	op(&s, OP_PUMP);
	emit("pap_request", &s);

	start(&s, KL2TP_PPP_AUTH_CHAP_MD5, 0);
	op(&s, OP_DELIVER);
	op(&s, OP_DELIVER);
	op(&s, OP_DELIVER);
	op(&s, OP_DELIVER);
	kl2tp_ppp_buf_init(&b, buf, sizeof(buf));
	kl2tp_ppp_chap_put(&b, KL2TP_PPP_CHAP_CHALLENGE, 7, chal,
			   sizeof(chal), (const u8 *)"lns", 3);
	inject(&s, 1, FUZZ_PFX_CHAP, &b);
	kl2tp_ppp_buf_init(&b, buf, sizeof(buf));
	kl2tp_ppp_chap_put_msg(&b, KL2TP_PPP_CHAP_SUCCESS, 7, "S=", 2);
	inject(&s, 1, FUZZ_PFX_CHAP, &b);
	op(&s, OP_PUMP);
	emit("chap_challenge", &s);

	start(&s, KL2TP_PPP_AUTH_MSCHAPV2 | 2 << 2, 0);
	op(&s, OP_PUMP);
	kl2tp_ppp_buf_init(&b, buf, sizeof(buf));
	kl2tp_ppp_cp_begin(&b, KL2TP_PPP_ECHO_REQ, 1);
	kl2tp_ppp_put_be32(&b, 0x12345678);
	kl2tp_ppp_put(&b, "ping", 4);
	kl2tp_ppp_cp_end(&b);
	inject(&s, 0, FUZZ_PFX_LCP, &b);
	kl2tp_ppp_buf_init(&b, buf, sizeof(buf));
	kl2tp_ppp_cp_begin(&b, KL2TP_PPP_DISC_REQ, 2);
	kl2tp_ppp_put_be32(&b, 0x12345678);
	kl2tp_ppp_cp_end(&b);
	inject(&s, 1, FUZZ_PFX_LCP, &b);
	kl2tp_ppp_buf_init(&b, buf, sizeof(buf));
	kl2tp_ppp_put(&b, "\x45\x00\x00\x14", 4);
	inject(&s, 0, FUZZ_PFX_IP, &b);
	kl2tp_ppp_buf_init(&b, buf, sizeof(buf));
	kl2tp_ppp_cp_begin(&b, KL2TP_PPP_CONF_REQ, 1);
	kl2tp_ppp_put_opt(&b, 1, "\0\0\0\0\0\0\0\1", 8);
	kl2tp_ppp_cp_end(&b);
	inject(&s, 0, FUZZ_PFX_IPV6CP, &b);
	inject(&s, 1, FUZZ_PFX_CCP, &b);
	op(&s, OP_PUMP);
	emit("echo_data_ipv6cp", &s);

	start(&s, KL2TP_PPP_AUTH_PAP, 0);
	op(&s, OP_PUMP);
	kl2tp_ppp_buf_init(&b, buf, sizeof(buf));
	kl2tp_ppp_cp_begin(&b, KL2TP_PPP_PROTO_REJ, 5);
	kl2tp_ppp_put_be16(&b, KL2TP_PPP_IPCP);
	kl2tp_ppp_put(&b, "\x01\x01\x00\x04", 4);
	kl2tp_ppp_cp_end(&b);
	inject(&s, 0, FUZZ_PFX_LCP, &b);
	op(&s, OP_PUMP);
	emit("proto_reject", &s);

	start(&s, KL2TP_PPP_AUTH_PAP, 0);
	op(&s, OP_PUMP);
	kl2tp_ppp_buf_init(&b, buf, sizeof(buf));
	kl2tp_ppp_cp_begin(&b, KL2TP_PPP_TERM_REQ, 5);
	kl2tp_ppp_put(&b, "bye", 3);
	kl2tp_ppp_cp_end(&b);
	inject(&s, 1, FUZZ_PFX_LCP, &b);
	kl2tp_ppp_buf_init(&b, buf, sizeof(buf));
	kl2tp_ppp_cp_begin(&b, KL2TP_PPP_CODE_REJ, 6);
	kl2tp_ppp_put(&b, "\x09\x01\x00\x08\0\0\0\0", 8);
	kl2tp_ppp_cp_end(&b);
	inject(&s, 0, FUZZ_PFX_LCP, &b);
	op(&s, OP_PUMP);
	emit("terminate", &s);
	return 0;
}
