// SPDX-License-Identifier: GPL-2.0
/*
 * Writes the seed corpus of fuzz_ctrl: a few valid L2TPv2 datagrams, built
 * with the codec itself.
 *
 *   gcc -I kernel/proto -o /tmp/gen_corpus_ctrl \
 *	selftests/fuzz/gen_corpus_ctrl.c selftests/unit/support/md5.c \
 *	kernel/proto/[a-z]*.c
 *   /tmp/gen_corpus_ctrl selftests/fuzz/corpus_ctrl
 */
#include <stdio.h>
#include <stdlib.h>

#include "l2tp_hdr.h"
#include "avp.h"
#include "fuzz_ctrl.h"

static const char *dir;

static void emit(const char *name, u16 tunnel, u16 session, u16 ns, u16 nr,
		 const struct kl2tp_msgbuf *mb)
{
	struct kl2tp_hdr h = {
		.flags = KL2TP_CTRL_FLAGS, .tunnel_id = tunnel,
		.session_id = session, .ns = ns, .nr = nr,
		.payload_len = mb->len,
	};
	char path[512];
	FILE *f;

	if (mb->err || kl2tp_hdr_build(&h, mb->buf - KL2TP_CTRL_HDR_LEN,
				       KL2TP_CTRL_HDR_LEN) !=
	    KL2TP_CTRL_HDR_LEN) {
		fprintf(stderr, "%s: build failed (%d)\n", name, mb->err);
		exit(1);
	}
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "wb");
	if (!f || fwrite(mb->buf - KL2TP_CTRL_HDR_LEN, 1,
			 KL2TP_CTRL_HDR_LEN + mb->len, f) !=
	    KL2TP_CTRL_HDR_LEN + mb->len || fclose(f)) {
		perror(path);
		exit(1);
	}
}

/* Control message AVPs go after room for the header. */
static void begin(struct kl2tp_msgbuf *mb, u8 *buf, size_t cap, u16 type)
{
	kl2tp_msgbuf_init(mb, buf + KL2TP_CTRL_HDR_LEN,
			  cap - KL2TP_CTRL_HDR_LEN);
	kl2tp_avp_put_msg_type(mb, type);
}

int main(int argc, char **argv)
{
	static const u8 rv[16] = { 0x3a, 0x91, 0x07, 0xc4, 0x5d, 0xe2, 0x18,
				   0x6f, 0xa0, 0x2b, 0x74, 0xd9, 0x46, 0x8e,
				   0x13, 0xbc };
	static const u8 chal[16] = "challenge-bytes!";
	static const struct kl2tp_call_errors cerr = { 1, 2, 3, 4, 5, 6 };
	struct kl2tp_hide_key key = {
		(const u8 *)FUZZ_SECRET, sizeof(FUZZ_SECRET) - 1,
		rv, sizeof(rv),
	};
	struct kl2tp_msgbuf mb;
	u8 buf[1024];

	if (argc != 2) {
		fprintf(stderr, "usage: %s DIR\n", argv[0]);
		return 2;
	}
	dir = argv[1];

	begin(&mb, buf, sizeof(buf), KL2TP_MSG_SCCRQ);
	kl2tp_avp_put_proto_version(&mb);
	kl2tp_avp_put_string(&mb, KL2TP_AVP_M, KL2TP_AVP_HOST_NAME, "lac1");
	kl2tp_avp_put_u32(&mb, KL2TP_AVP_M, KL2TP_AVP_FRAMING_CAP,
			  KL2TP_FRAMING_SYNC | KL2TP_FRAMING_ASYNC);
	kl2tp_avp_put_u32(&mb, KL2TP_AVP_M, KL2TP_AVP_BEARER_CAP,
			  KL2TP_BEARER_ANALOG);
	kl2tp_avp_put_u16(&mb, KL2TP_AVP_M, KL2TP_AVP_ASSIGNED_TUNNEL_ID, 7);
	kl2tp_avp_put_u16(&mb, KL2TP_AVP_M, KL2TP_AVP_RX_WINDOW_SIZE, 4);
	kl2tp_avp_put_u64(&mb, 0, KL2TP_AVP_TIE_BREAKER, 0x1122334455667788);
	kl2tp_avp_put_u16(&mb, 0, KL2TP_AVP_FIRMWARE_REV, 0x0100);
	kl2tp_avp_put_string(&mb, 0, KL2TP_AVP_VENDOR_NAME, "kl2tp");
	kl2tp_avp_put_bytes(&mb, KL2TP_AVP_M, KL2TP_AVP_CHALLENGE, chal,
			    sizeof(chal));
	emit("sccrq", 0, 0, 0, 0, &mb);

	begin(&mb, buf, sizeof(buf), KL2TP_MSG_ICRQ);
	kl2tp_avp_put_u16(&mb, KL2TP_AVP_M, KL2TP_AVP_ASSIGNED_SESSION_ID, 9);
	kl2tp_avp_put_u32(&mb, KL2TP_AVP_M, KL2TP_AVP_CALL_SERIAL, 1);
	kl2tp_avp_put_u32(&mb, KL2TP_AVP_M, KL2TP_AVP_BEARER_TYPE,
			  KL2TP_BEARER_ANALOG);
	kl2tp_avp_put_string(&mb, KL2TP_AVP_M, KL2TP_AVP_CALLING_NUMBER,
			     "5551000");
	kl2tp_avp_put_string(&mb, KL2TP_AVP_M, KL2TP_AVP_CALLED_NUMBER,
			     "5552000");
	kl2tp_avp_put(&mb, 0, 9, 1, "vendor", 6);	/* skippable */
	emit("icrq", 100, 0, 2, 1, &mb);

	/* ICCN with hidden proxy authentication */
	begin(&mb, buf, sizeof(buf), KL2TP_MSG_ICCN);
	kl2tp_avp_put_bytes(&mb, KL2TP_AVP_M, KL2TP_AVP_RANDOM_VECTOR, rv,
			    sizeof(rv));
	mb.hide = &key;
	kl2tp_avp_put_u32(&mb, KL2TP_AVP_M, KL2TP_AVP_TX_CONNECT_SPEED,
			  10000000);
	kl2tp_avp_put_u32(&mb, KL2TP_AVP_M, KL2TP_AVP_FRAMING_TYPE,
			  KL2TP_FRAMING_SYNC);
	kl2tp_avp_put_u16(&mb, KL2TP_AVP_M | KL2TP_AVP_H,
			  KL2TP_AVP_PROXY_AUTH_TYPE, KL2TP_PROXY_AUTH_CHAP);
	kl2tp_avp_put_string(&mb, KL2TP_AVP_M | KL2TP_AVP_H,
			     KL2TP_AVP_PROXY_AUTH_NAME, "user@realm");
	kl2tp_avp_put_bytes(&mb, KL2TP_AVP_M | KL2TP_AVP_H,
			    KL2TP_AVP_PROXY_AUTH_CHALLENGE, chal,
			    sizeof(chal));
	kl2tp_avp_put_u16(&mb, KL2TP_AVP_M | KL2TP_AVP_H,
			  KL2TP_AVP_PROXY_AUTH_ID, 1);
	kl2tp_avp_put_bytes(&mb, KL2TP_AVP_M | KL2TP_AVP_H,
			    KL2TP_AVP_PROXY_AUTH_RESPONSE, rv, sizeof(rv));
	kl2tp_avp_put_bytes(&mb, KL2TP_AVP_M, KL2TP_AVP_SEQUENCING_REQUIRED,
			    NULL, 0);
	emit("iccn_hidden", 100, 9, 3, 2, &mb);

	begin(&mb, buf, sizeof(buf), KL2TP_MSG_CDN);
	kl2tp_avp_put_result_code(&mb, KL2TP_AVP_M, KL2TP_CDN_RC_GENERAL_ERROR,
				  KL2TP_ERR_VENDOR, "bye");
	kl2tp_avp_put_u16(&mb, KL2TP_AVP_M, KL2TP_AVP_ASSIGNED_SESSION_ID, 9);
	kl2tp_avp_put_q931_cause(&mb, KL2TP_AVP_M, 16, 0x2d, NULL);
	emit("cdn", 100, 9, 4, 3, &mb);

	begin(&mb, buf, sizeof(buf), KL2TP_MSG_STOPCCN);
	kl2tp_avp_put_u16(&mb, KL2TP_AVP_M, KL2TP_AVP_ASSIGNED_TUNNEL_ID, 7);
	kl2tp_avp_put_result_code(&mb, KL2TP_AVP_M, KL2TP_STOPCCN_RC_CLEAR,
				  -1, NULL);
	emit("stopccn", 100, 0, 5, 4, &mb);

	begin(&mb, buf, sizeof(buf), KL2TP_MSG_SLI);
	kl2tp_avp_put_accm(&mb, KL2TP_AVP_M, 0xffffffff, 0);
	emit("sli", 100, 9, 6, 5, &mb);

	begin(&mb, buf, sizeof(buf), KL2TP_MSG_WEN);
	kl2tp_avp_put_call_errors(&mb, KL2TP_AVP_M, &cerr);
	emit("wen", 100, 9, 7, 5, &mb);

	begin(&mb, buf, sizeof(buf), KL2TP_MSG_HELLO);
	emit("hello", 100, 0, 8, 6, &mb);

	/* ZLB ack: header only */
	kl2tp_msgbuf_init(&mb, buf + KL2TP_CTRL_HDR_LEN, 0);
	emit("zlb", 100, 0, 9, 7, &mb);
	return 0;
}
