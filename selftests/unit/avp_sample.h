/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A control message carrying every IETF AVP of RFC 2661 with distinctive
 * values, for the AVP and hidden-AVP tests: put_everything() builds it
 * (optionally hiding every AVP that may be hidden), check_everything()
 * checks a parse of it.
 */
#ifndef KL2TP_AVP_SAMPLE_H
#define KL2TP_AVP_SAMPLE_H

#include "unit.h"
#include "avp.h"

static bool val_eq(const struct kl2tp_avp_val *v, const void *p, size_t len)
{
	return v->len == len && (!len || !memcmp(v->data, p, len));
}

static bool val_str(const struct kl2tp_avp_val *v, const char *s)
{
	return val_eq(v, s, strlen(s));
}

static const u8 tie[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };
static const u8 chresp[16] = {
	0xf0, 0xe1, 0xd2, 0xc3, 0xb4, 0xa5, 0x96, 0x87,
	0x78, 0x69, 0x5a, 0x4b, 0x3c, 0x2d, 0x1e, 0x0f,
};
static const u8 lcp1[] = { 0x01, 0x01, 0x00, 0x04 };
static const u8 lcp2[] = { 0x01, 0x02, 0x00, 0x08, 0x05, 0x06, 1, 2 };
static const u8 lcp3[] = { 0x01, 0x03, 0x00, 0x05, 0xee };
static const u8 chal[] = { 9, 8, 7, 6, 5, 4, 3, 2, 1 };
static const u8 pchal[] = { 0xaa, 0xbb, 0xcc };
static const u8 presp[] = { 0x11, 0x22 };
static const u8 rv[16] = "0123456789abcdef";
static const u8 pgid[] = { 'g', 0, 'x' };
static const struct kl2tp_call_errors cerr = { 1, 2, 3, 4, 5, 0xffffffff };

/* Put every IETF AVP, with distinctive values, after the Message Type. */
static void put_everything(struct kl2tp_msgbuf *mb, u16 hide)
{
	kl2tp_avp_put_msg_type(mb, KL2TP_MSG_ICCN);
	kl2tp_avp_put_bytes(mb, 0, KL2TP_AVP_RANDOM_VECTOR, rv, sizeof(rv));
	kl2tp_avp_put_result_code(mb, KL2TP_AVP_M | hide, 2, 6, "vendor says");
	kl2tp_avp_put_proto_version(mb);
	kl2tp_avp_put_u32(mb, hide, KL2TP_AVP_FRAMING_CAP, 3);
	kl2tp_avp_put_u32(mb, hide, KL2TP_AVP_BEARER_CAP, 2);
	kl2tp_avp_put_u64(mb, hide, KL2TP_AVP_TIE_BREAKER,
			  0x0102030405060708ULL);
	kl2tp_avp_put_u16(mb, hide, KL2TP_AVP_FIRMWARE_REV, 0x0600);
	kl2tp_avp_put_string(mb, KL2TP_AVP_M | hide, KL2TP_AVP_HOST_NAME,
			     "lns.example");
	kl2tp_avp_put_string(mb, hide, KL2TP_AVP_VENDOR_NAME, "kl2tp");
	kl2tp_avp_put_u16(mb, KL2TP_AVP_M | hide, KL2TP_AVP_ASSIGNED_TUNNEL_ID,
			  0xbeef);
	kl2tp_avp_put_u16(mb, KL2TP_AVP_M | hide, KL2TP_AVP_RX_WINDOW_SIZE, 8);
	kl2tp_avp_put_bytes(mb, KL2TP_AVP_M | hide, KL2TP_AVP_CHALLENGE, chal,
			    sizeof(chal));
	kl2tp_avp_put_q931_cause(mb, hide, 0x1234, 0x56, "advice");
	kl2tp_avp_put_bytes(mb, KL2TP_AVP_M | hide,
			    KL2TP_AVP_CHALLENGE_RESPONSE, chresp,
			    sizeof(chresp));
	kl2tp_avp_put_u16(mb, KL2TP_AVP_M | hide,
			  KL2TP_AVP_ASSIGNED_SESSION_ID, 0xcafe);
	kl2tp_avp_put_u32(mb, KL2TP_AVP_M | hide, KL2TP_AVP_CALL_SERIAL,
			  0xdeadbeef);
	kl2tp_avp_put_u32(mb, hide, KL2TP_AVP_MIN_BPS, 9600);
	kl2tp_avp_put_u32(mb, hide, KL2TP_AVP_MAX_BPS, 100000000);
	kl2tp_avp_put_u32(mb, hide, KL2TP_AVP_BEARER_TYPE, 1);
	kl2tp_avp_put_u32(mb, hide, KL2TP_AVP_FRAMING_TYPE, 1);
	kl2tp_avp_put_string(mb, hide, KL2TP_AVP_CALLED_NUMBER, "5551234");
	kl2tp_avp_put_string(mb, hide, KL2TP_AVP_CALLING_NUMBER, "5559876");
	kl2tp_avp_put_string(mb, hide, KL2TP_AVP_SUB_ADDRESS, "");
	kl2tp_avp_put_u32(mb, hide, KL2TP_AVP_TX_CONNECT_SPEED, 1000000);
	kl2tp_avp_put_u32(mb, hide, KL2TP_AVP_PHYS_CHANNEL_ID, 77);
	kl2tp_avp_put_bytes(mb, hide, KL2TP_AVP_INIT_RX_LCP_CONFREQ, lcp1,
			    sizeof(lcp1));
	kl2tp_avp_put_bytes(mb, hide, KL2TP_AVP_LAST_TX_LCP_CONFREQ, lcp2,
			    sizeof(lcp2));
	kl2tp_avp_put_bytes(mb, hide, KL2TP_AVP_LAST_RX_LCP_CONFREQ, lcp3,
			    sizeof(lcp3));
	kl2tp_avp_put_u16(mb, hide, KL2TP_AVP_PROXY_AUTH_TYPE,
			  KL2TP_PROXY_AUTH_CHAP);
	kl2tp_avp_put_string(mb, hide, KL2TP_AVP_PROXY_AUTH_NAME, "alice");
	kl2tp_avp_put_bytes(mb, hide, KL2TP_AVP_PROXY_AUTH_CHALLENGE, pchal,
			    sizeof(pchal));
	kl2tp_avp_put_u16(mb, hide, KL2TP_AVP_PROXY_AUTH_ID, 0x42);
	kl2tp_avp_put_bytes(mb, hide, KL2TP_AVP_PROXY_AUTH_RESPONSE, presp,
			    sizeof(presp));
	kl2tp_avp_put_call_errors(mb, KL2TP_AVP_M | hide, &cerr);
	kl2tp_avp_put_accm(mb, KL2TP_AVP_M | hide, 0xffffffff, 0x000a0000);
	kl2tp_avp_put_bytes(mb, hide, KL2TP_AVP_PRIVATE_GROUP_ID, pgid,
			    sizeof(pgid));
	kl2tp_avp_put_u32(mb, hide, KL2TP_AVP_RX_CONNECT_SPEED, 2000000);
	kl2tp_avp_put_bytes(mb, KL2TP_AVP_M | hide,
			    KL2TP_AVP_SEQUENCING_REQUIRED, NULL, 0);
}

/* Check everything put_everything() put; shared with test_hidden.c. */
static void check_everything(const struct kl2tp_ctrl_msg *m)
{
	unsigned int t;

	for (t = 0; t <= KL2TP_AVP_MAX; t++)
		CHECK_EQ(kl2tp_ctrl_has(m, t), t != 20);
	CHECK_EQ(m->present, 0xffffffffffULL & ~KL2TP_AVP_BIT(20));
	CHECK_EQ(m->msg_type, KL2TP_MSG_ICCN);
	CHECK(m->msg_type_m);
	CHECK_EQ(m->unknown, 0);
	CHECK_EQ(m->result.result, 2);
	CHECK(m->result.has_error);
	CHECK_EQ(m->result.error, 6);
	CHECK(val_str(&m->result.msg, "vendor says"));
	CHECK_EQ(m->proto_version, 1);
	CHECK_EQ(m->proto_revision, 0);
	CHECK_EQ(m->framing_cap, 3);
	CHECK_EQ(m->bearer_cap, 2);
	CHECK_MEM(m->tie_breaker, tie, 8);
	CHECK_EQ(m->firmware_rev, 0x0600);
	CHECK(val_str(&m->host_name, "lns.example"));
	CHECK(val_str(&m->vendor_name, "kl2tp"));
	CHECK_EQ(m->assigned_tunnel_id, 0xbeef);
	CHECK_EQ(m->rx_window_size, 8);
	CHECK(val_eq(&m->challenge, chal, sizeof(chal)));
	CHECK_EQ(m->q931.cause, 0x1234);
	CHECK_EQ(m->q931.msg, 0x56);
	CHECK(val_str(&m->q931.advisory, "advice"));
	CHECK_MEM(m->challenge_response, chresp, 16);
	CHECK_EQ(m->assigned_session_id, 0xcafe);
	CHECK_EQ(m->call_serial, 0xdeadbeef);
	CHECK_EQ(m->min_bps, 9600);
	CHECK_EQ(m->max_bps, 100000000);
	CHECK_EQ(m->bearer_type, 1);
	CHECK_EQ(m->framing_type, 1);
	CHECK(val_str(&m->called_number, "5551234"));
	CHECK(val_str(&m->calling_number, "5559876"));
	CHECK_EQ(m->sub_address.len, 0);
	CHECK_EQ(m->tx_connect_speed, 1000000);
	CHECK_EQ(m->phys_channel_id, 77);
	CHECK(val_eq(&m->init_rx_lcp_confreq, lcp1, sizeof(lcp1)));
	CHECK(val_eq(&m->last_tx_lcp_confreq, lcp2, sizeof(lcp2)));
	CHECK(val_eq(&m->last_rx_lcp_confreq, lcp3, sizeof(lcp3)));
	CHECK_EQ(m->proxy_auth_type, KL2TP_PROXY_AUTH_CHAP);
	CHECK(val_str(&m->proxy_auth_name, "alice"));
	CHECK(val_eq(&m->proxy_auth_challenge, pchal, sizeof(pchal)));
	CHECK_EQ(m->proxy_auth_id, 0x42);
	CHECK(val_eq(&m->proxy_auth_response, presp, sizeof(presp)));
	CHECK_EQ(m->call_errors.crc_errors, 1);
	CHECK_EQ(m->call_errors.framing_errors, 2);
	CHECK_EQ(m->call_errors.hardware_overruns, 3);
	CHECK_EQ(m->call_errors.buffer_overruns, 4);
	CHECK_EQ(m->call_errors.timeout_errors, 5);
	CHECK_EQ(m->call_errors.alignment_errors, 0xffffffff);
	CHECK_EQ(m->send_accm, 0xffffffff);
	CHECK_EQ(m->recv_accm, 0x000a0000);
	CHECK(val_eq(&m->random_vector, rv, sizeof(rv)));
	CHECK(val_eq(&m->private_group_id, pgid, sizeof(pgid)));
	CHECK_EQ(m->rx_connect_speed, 2000000);
}

#endif
