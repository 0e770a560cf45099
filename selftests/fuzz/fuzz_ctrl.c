// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target for the control message codec: header parse, AVP parse
 * without a secret, with one (separate scratch, then in place), validate.
 *
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -I kernel/proto \
 *	selftests/fuzz/fuzz_ctrl.c selftests/unit/support/md5.c \
 *	kernel/proto/[a-z]*.c -o /tmp/fuzz_ctrl
 *   /tmp/fuzz_ctrl -max_total_time=60 selftests/fuzz/corpus_ctrl
 *
 * Besides the sanitizers, it checks that the two ways of decoding hidden
 * AVPs agree, that every value points inside the buffers given, and that
 * the header's payload lies inside the datagram; it traps otherwise.
 */
#include <stdint.h>
#include <stdlib.h>
#include <stddef.h>

#include "l2tp_hdr.h"
#include "avp.h"
#include "auth.h"
#include "fuzz_ctrl.h"

#define ASSERT(c) do { if (!(c)) __builtin_trap(); } while (0)

static const size_t val_fields[] = {
	offsetof(struct kl2tp_ctrl_msg, result.msg),
	offsetof(struct kl2tp_ctrl_msg, host_name),
	offsetof(struct kl2tp_ctrl_msg, vendor_name),
	offsetof(struct kl2tp_ctrl_msg, challenge),
	offsetof(struct kl2tp_ctrl_msg, q931.advisory),
	offsetof(struct kl2tp_ctrl_msg, called_number),
	offsetof(struct kl2tp_ctrl_msg, calling_number),
	offsetof(struct kl2tp_ctrl_msg, sub_address),
	offsetof(struct kl2tp_ctrl_msg, init_rx_lcp_confreq),
	offsetof(struct kl2tp_ctrl_msg, last_tx_lcp_confreq),
	offsetof(struct kl2tp_ctrl_msg, last_rx_lcp_confreq),
	offsetof(struct kl2tp_ctrl_msg, proxy_auth_name),
	offsetof(struct kl2tp_ctrl_msg, proxy_auth_challenge),
	offsetof(struct kl2tp_ctrl_msg, proxy_auth_response),
	offsetof(struct kl2tp_ctrl_msg, random_vector),
	offsetof(struct kl2tp_ctrl_msg, private_group_id),
};

static struct kl2tp_avp_val *field(struct kl2tp_ctrl_msg *m, size_t off)
{
	return (struct kl2tp_avp_val *)((u8 *)m + off);
}

static bool inside(const u8 *p, size_t n, const u8 *buf, size_t len)
{
	return buf && p >= buf && p + n <= buf + len;
}

/* Every value lies in @a or @b. */
static void check_vals(struct kl2tp_ctrl_msg *m, const u8 *a, const u8 *b,
		       size_t len)
{
	struct kl2tp_avp_val *v;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(val_fields); i++) {
		v = field(m, val_fields[i]);
		if (!v->len)
			continue;
		ASSERT(inside(v->data, v->len, a, len) ||
		       inside(v->data, v->len, b, len));
	}
}

/* Two decodes of the same message agree on everything. */
static void check_same(struct kl2tp_ctrl_msg *x, struct kl2tp_ctrl_msg *y)
{
	struct kl2tp_avp_val *vx, *vy;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(val_fields); i++) {
		vx = field(x, val_fields[i]);
		vy = field(y, val_fields[i]);
		ASSERT(vx->len == vy->len);
		ASSERT(!vx->len || !memcmp(vx->data, vy->data, vx->len));
		vx->data = NULL;
		vy->data = NULL;
	}
	ASSERT(!memcmp(x, y, sizeof(*x)));
}

static void put_val(struct kl2tp_msgbuf *mb, u16 flags, u16 type,
		    const struct kl2tp_avp_val *v)
{
	kl2tp_avp_put_bytes(mb, flags, type, v->data, v->len);
}

/* Result Code through its own builder where the message is a C string. */
static void put_result(struct kl2tp_msgbuf *mb, u16 f,
		       const struct kl2tp_ctrl_msg *m)
{
	static char msg[KL2TP_AVP_MAX_LEN + 1];
	static u8 raw[KL2TP_AVP_MAX_LEN];
	size_t n = m->result.msg.len;

	if (n)
		memcpy(msg, m->result.msg.data, n);
	msg[n] = 0;
	if (strlen(msg) == n) {
		kl2tp_avp_put_result_code(mb, f, m->result.result,
					  m->result.has_error ?
					  m->result.error : -1, msg);
		return;
	}
	kl2tp_put_be16(raw, m->result.result);
	kl2tp_put_be16(raw + 2, m->result.error);
	memcpy(raw + 4, m->result.msg.data, n);
	kl2tp_avp_put_bytes(mb, f, KL2TP_AVP_RESULT_CODE, raw, 4 + n);
}

/*
 * Build a message from a parsed @m with the builder, hiding what was
 * hidden, and check that it parses back to the same thing.
 */
static void rebuild(const struct kl2tp_ctrl_msg *m)
{
	static u8 buf[65536], scratch[65536];
	static const u8 secret[] = FUZZ_SECRET;
	struct kl2tp_hide_key key = {
		secret, sizeof(secret) - 1,
		m->random_vector.data, m->random_vector.len,
	};
	struct kl2tp_ctrl_msg m1, m2;
	struct kl2tp_msgbuf mb;
	u8 v[32];
	unsigned int t;
	u16 f;

	kl2tp_msgbuf_init(&mb, buf, sizeof(buf));
	mb.hide = &key;
	kl2tp_avp_put_msg_type(&mb, m->msg_type);
	if (kl2tp_ctrl_has(m, KL2TP_AVP_RANDOM_VECTOR))
		put_val(&mb, 0, KL2TP_AVP_RANDOM_VECTOR, &m->random_vector);
	for (t = 1; t <= KL2TP_AVP_MAX; t++) {
		if (!kl2tp_ctrl_has(m, t) || t == KL2TP_AVP_RANDOM_VECTOR)
			continue;
		f = KL2TP_AVP_M;
		if (m->hidden & KL2TP_AVP_BIT(t))
			f |= KL2TP_AVP_H;
		switch (t) {
		case KL2TP_AVP_RESULT_CODE:
			put_result(&mb, f, m);
			break;
		case KL2TP_AVP_PROTOCOL_VERSION:
			v[0] = m->proto_version;
			v[1] = m->proto_revision;
			kl2tp_avp_put_bytes(&mb, f, t, v, 2);
			break;
		case KL2TP_AVP_FRAMING_CAP:
			kl2tp_avp_put_u32(&mb, f, t, m->framing_cap);
			break;
		case KL2TP_AVP_BEARER_CAP:
			kl2tp_avp_put_u32(&mb, f, t, m->bearer_cap);
			break;
		case KL2TP_AVP_TIE_BREAKER:
			kl2tp_avp_put_u64(&mb, f, t,
					  ((u64)kl2tp_get_be32(m->tie_breaker)
					   << 32) |
					  kl2tp_get_be32(m->tie_breaker + 4));
			break;
		case KL2TP_AVP_FIRMWARE_REV:
			kl2tp_avp_put_u16(&mb, f, t, m->firmware_rev);
			break;
		case KL2TP_AVP_HOST_NAME:
			put_val(&mb, f, t, &m->host_name);
			break;
		case KL2TP_AVP_VENDOR_NAME:
			put_val(&mb, f, t, &m->vendor_name);
			break;
		case KL2TP_AVP_ASSIGNED_TUNNEL_ID:
			kl2tp_avp_put_u16(&mb, f, t, m->assigned_tunnel_id);
			break;
		case KL2TP_AVP_RX_WINDOW_SIZE:
			kl2tp_avp_put_u16(&mb, f, t, m->rx_window_size);
			break;
		case KL2TP_AVP_CHALLENGE:
			put_val(&mb, f, t, &m->challenge);
			break;
		case KL2TP_AVP_Q931_CAUSE:
			{
				static u8 q[1024];

				kl2tp_put_be16(q, m->q931.cause);
				q[2] = m->q931.msg;
				if (m->q931.advisory.len)
					memcpy(q + 3, m->q931.advisory.data,
					       m->q931.advisory.len);
				kl2tp_avp_put_bytes(&mb, f, t, q,
						    3 + m->q931.advisory.len);
			}
			break;
		case KL2TP_AVP_CHALLENGE_RESPONSE:
			kl2tp_avp_put_bytes(&mb, f, t, m->challenge_response,
					    16);
			break;
		case KL2TP_AVP_ASSIGNED_SESSION_ID:
			kl2tp_avp_put_u16(&mb, f, t, m->assigned_session_id);
			break;
		case KL2TP_AVP_CALL_SERIAL:
			kl2tp_avp_put_u32(&mb, f, t, m->call_serial);
			break;
		case KL2TP_AVP_MIN_BPS:
			kl2tp_avp_put_u32(&mb, f, t, m->min_bps);
			break;
		case KL2TP_AVP_MAX_BPS:
			kl2tp_avp_put_u32(&mb, f, t, m->max_bps);
			break;
		case KL2TP_AVP_BEARER_TYPE:
			kl2tp_avp_put_u32(&mb, f, t, m->bearer_type);
			break;
		case KL2TP_AVP_FRAMING_TYPE:
			kl2tp_avp_put_u32(&mb, f, t, m->framing_type);
			break;
		case KL2TP_AVP_CALLED_NUMBER:
			put_val(&mb, f, t, &m->called_number);
			break;
		case KL2TP_AVP_CALLING_NUMBER:
			put_val(&mb, f, t, &m->calling_number);
			break;
		case KL2TP_AVP_SUB_ADDRESS:
			put_val(&mb, f, t, &m->sub_address);
			break;
		case KL2TP_AVP_TX_CONNECT_SPEED:
			kl2tp_avp_put_u32(&mb, f, t, m->tx_connect_speed);
			break;
		case KL2TP_AVP_PHYS_CHANNEL_ID:
			kl2tp_avp_put_u32(&mb, f, t, m->phys_channel_id);
			break;
		case KL2TP_AVP_INIT_RX_LCP_CONFREQ:
			put_val(&mb, f, t, &m->init_rx_lcp_confreq);
			break;
		case KL2TP_AVP_LAST_TX_LCP_CONFREQ:
			put_val(&mb, f, t, &m->last_tx_lcp_confreq);
			break;
		case KL2TP_AVP_LAST_RX_LCP_CONFREQ:
			put_val(&mb, f, t, &m->last_rx_lcp_confreq);
			break;
		case KL2TP_AVP_PROXY_AUTH_TYPE:
			kl2tp_avp_put_u16(&mb, f, t, m->proxy_auth_type);
			break;
		case KL2TP_AVP_PROXY_AUTH_NAME:
			put_val(&mb, f, t, &m->proxy_auth_name);
			break;
		case KL2TP_AVP_PROXY_AUTH_CHALLENGE:
			put_val(&mb, f, t, &m->proxy_auth_challenge);
			break;
		case KL2TP_AVP_PROXY_AUTH_ID:
			kl2tp_avp_put_u16(&mb, f, t, m->proxy_auth_id);
			break;
		case KL2TP_AVP_PROXY_AUTH_RESPONSE:
			put_val(&mb, f, t, &m->proxy_auth_response);
			break;
		case KL2TP_AVP_CALL_ERRORS:
			kl2tp_avp_put_call_errors(&mb, f, &m->call_errors);
			break;
		case KL2TP_AVP_ACCM:
			kl2tp_avp_put_accm(&mb, f, m->send_accm, m->recv_accm);
			break;
		case KL2TP_AVP_PRIVATE_GROUP_ID:
			put_val(&mb, f, t, &m->private_group_id);
			break;
		case KL2TP_AVP_RX_CONNECT_SPEED:
			kl2tp_avp_put_u32(&mb, f, t, m->rx_connect_speed);
			break;
		case KL2TP_AVP_SEQUENCING_REQUIRED:
			kl2tp_avp_put_bytes(&mb, f, t, NULL, 0);
			break;
		}
	}
	/*
	 * A hidden value is 2 bytes longer than the plain one, so what fit
	 * the peer's AVP can overflow ours only by that.
	 */
	if (mb.err == -EMSGSIZE)
		return;
	ASSERT(mb.err == 0);
	ASSERT(!kl2tp_ctrl_parse(&m2, buf, mb.len, secret, sizeof(secret) - 1,
				 scratch));
	memcpy(&m1, m, sizeof(m1));	/* padding included */
	m1.unknown = 0;
	m1.msg_type_m = true;
	check_same(&m1, &m2);
}

static void parse_avps(const u8 *avps, size_t len)
{
	static const u8 secret[] = FUZZ_SECRET;
	struct kl2tp_ctrl_msg m, m2;
	u8 *copy, *scratch;
	int ret, ret2;

	/* no secret, no scratch */
	ret = kl2tp_ctrl_parse(&m, avps, len, NULL, 0, NULL);
	if (!ret) {
		ASSERT(!m.hidden);
		ASSERT(kl2tp_ctrl_has(&m, KL2TP_AVP_MSG_TYPE));
		check_vals(&m, avps, NULL, len);
		ret = kl2tp_ctrl_msg_validate(&m);
		ASSERT(ret >= -EOPNOTSUPP && ret <= KL2TP_AVP_MAX);
		ASSERT(ret <= 0 || !kl2tp_ctrl_has(&m, ret));
	}
	(void)kl2tp_msg_type_name(m.msg_type);
	(void)kl2tp_result_name(m.msg_type, m.result.result);
	(void)kl2tp_error_name(m.result.error);
	(void)kl2tp_avp_name(m.err_type);

	/* exact-size buffers, so ASan sees any overrun */
	copy = malloc(len ? len : 1);
	scratch = malloc(len ? len : 1);
	ASSERT(copy && scratch);
	memcpy(copy, avps, len);

	ret = kl2tp_ctrl_parse(&m, copy, len, secret, sizeof(secret) - 1,
			       scratch);
	ASSERT(!memcmp(copy, avps, len));	/* input left alone */
	if (!ret) {
		check_vals(&m, copy, scratch, len);
		(void)kl2tp_ctrl_msg_validate(&m);
	}

	ret2 = kl2tp_ctrl_parse(&m2, copy, len, secret, sizeof(secret) - 1,
				copy);
	ASSERT(ret == ret2);
	if (!ret2)
		check_vals(&m2, copy, NULL, len);
	if (!ret)
		rebuild(&m);
	check_same(&m, &m2);

	free(scratch);
	free(copy);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static u8 out[KL2TP_HDR_MAX_LEN + 0xffff];
	struct kl2tp_hdr h, h2;
	int ret, n;

	ret = kl2tp_hdr_parse(&h, data, size, 0);
	if (!ret) {
		ASSERT(h.ver == KL2TP_VER_L2TPV2);
		ASSERT((size_t)h.payload_off + h.payload_len <= size);
		ASSERT(h.hdr_len <= h.payload_off);
		ASSERT(!h.length || h.length == h.payload_off + h.payload_len);
		ASSERT(kl2tp_hdr_parse(&h2, data, size,
				       KL2TP_HDR_PARSE_STRICT) ==
		       (h.rsvd ? -EINVAL : 0));
		/* rebuilt: the same header, less the reserved bits */
		n = kl2tp_hdr_build(&h, out, sizeof(out));
		ASSERT(n >= 0 && (u32)n == h.payload_off);
		ASSERT(kl2tp_get_be16(out) ==
		       (kl2tp_get_be16(data) & ~KL2TP_HDR_RSVD));
		ASSERT(!memcmp(out + 2, data + 2, h.hdr_len - 2));
		if ((size_t)n + h.payload_len <= sizeof(out)) {
			ASSERT(!kl2tp_hdr_parse(&h2, out, n + h.payload_len,
						KL2TP_HDR_PARSE_STRICT));
			ASSERT(h2.payload_off == h.payload_off &&
			       h2.payload_len == h.payload_len);
		}
		if (kl2tp_hdr_is_ctrl(&h) && h.payload_len)
			parse_avps(data + h.payload_off, h.payload_len);
	} else {
		ASSERT(ret == -EMSGSIZE || ret == -EPROTO ||
		       ret == -EPROTONOSUPPORT || ret == -EINVAL ||
		       ret == -EBADMSG || ret == -ERANGE);
		/* reach the AVP parser with any bytes, too */
		parse_avps(data, size);
	}
	return 0;
}
