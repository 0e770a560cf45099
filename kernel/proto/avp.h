/* SPDX-License-Identifier: GPL-2.0 */
/*
 * L2TPv2 control message body: Attribute Value Pairs (RFC 2661 4).
 *
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |M|H| rsvd  |      Length       |           Vendor ID           |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |         Attribute Type        |        Attribute Value...
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * Receive: kl2tp_ctrl_parse() decodes the AVP region of one control message
 * (the payload kl2tp_hdr_parse() found) into a struct kl2tp_ctrl_msg, then
 * kl2tp_ctrl_msg_validate() checks that the AVPs its message type requires
 * (RFC 2661 6) are there.
 *
 * Send: a struct kl2tp_msgbuf collects AVPs with kl2tp_avp_put_*(); the
 * first error sticks in ->err and later puts do nothing, so a caller checks
 * once at the end.
 */
#ifndef KL2TP_PROTO_AVP_H
#define KL2TP_PROTO_AVP_H

#include "platform.h"

#define KL2TP_AVP_M		0x8000	/* mandatory */
#define KL2TP_AVP_H		0x4000	/* hidden */
#define KL2TP_AVP_RSVD		0x3c00
#define KL2TP_AVP_LEN_MASK	0x03ff
#define KL2TP_AVP_HDR_LEN	6
#define KL2TP_AVP_MAX_LEN	KL2TP_AVP_LEN_MASK
#define KL2TP_AVP_MAX_VALUE	(KL2TP_AVP_MAX_LEN - KL2TP_AVP_HDR_LEN)
#define KL2TP_VENDOR_IETF	0

/* Control message types (RFC 2661 3.2). 5 and 13 are reserved. */
enum kl2tp_msg_type {
	KL2TP_MSG_SCCRQ = 1,
	KL2TP_MSG_SCCRP = 2,
	KL2TP_MSG_SCCCN = 3,
	KL2TP_MSG_STOPCCN = 4,
	KL2TP_MSG_HELLO = 6,
	KL2TP_MSG_OCRQ = 7,
	KL2TP_MSG_OCRP = 8,
	KL2TP_MSG_OCCN = 9,
	KL2TP_MSG_ICRQ = 10,
	KL2TP_MSG_ICRP = 11,
	KL2TP_MSG_ICCN = 12,
	KL2TP_MSG_CDN = 14,
	KL2TP_MSG_WEN = 15,
	KL2TP_MSG_SLI = 16,
	KL2TP_MSG_MAX = KL2TP_MSG_SLI,
};

/* IETF (vendor 0) attribute types (RFC 2661 4.4). 20 is unassigned. */
enum kl2tp_avp_type {
	KL2TP_AVP_MSG_TYPE = 0,
	KL2TP_AVP_RESULT_CODE = 1,
	KL2TP_AVP_PROTOCOL_VERSION = 2,
	KL2TP_AVP_FRAMING_CAP = 3,
	KL2TP_AVP_BEARER_CAP = 4,
	KL2TP_AVP_TIE_BREAKER = 5,
	KL2TP_AVP_FIRMWARE_REV = 6,
	KL2TP_AVP_HOST_NAME = 7,
	KL2TP_AVP_VENDOR_NAME = 8,
	KL2TP_AVP_ASSIGNED_TUNNEL_ID = 9,
	KL2TP_AVP_RX_WINDOW_SIZE = 10,
	KL2TP_AVP_CHALLENGE = 11,
	KL2TP_AVP_Q931_CAUSE = 12,
	KL2TP_AVP_CHALLENGE_RESPONSE = 13,
	KL2TP_AVP_ASSIGNED_SESSION_ID = 14,
	KL2TP_AVP_CALL_SERIAL = 15,
	KL2TP_AVP_MIN_BPS = 16,
	KL2TP_AVP_MAX_BPS = 17,
	KL2TP_AVP_BEARER_TYPE = 18,
	KL2TP_AVP_FRAMING_TYPE = 19,
	KL2TP_AVP_CALLED_NUMBER = 21,
	KL2TP_AVP_CALLING_NUMBER = 22,
	KL2TP_AVP_SUB_ADDRESS = 23,
	KL2TP_AVP_TX_CONNECT_SPEED = 24,
	KL2TP_AVP_PHYS_CHANNEL_ID = 25,
	KL2TP_AVP_INIT_RX_LCP_CONFREQ = 26,
	KL2TP_AVP_LAST_TX_LCP_CONFREQ = 27,
	KL2TP_AVP_LAST_RX_LCP_CONFREQ = 28,
	KL2TP_AVP_PROXY_AUTH_TYPE = 29,
	KL2TP_AVP_PROXY_AUTH_NAME = 30,
	KL2TP_AVP_PROXY_AUTH_CHALLENGE = 31,
	KL2TP_AVP_PROXY_AUTH_ID = 32,
	KL2TP_AVP_PROXY_AUTH_RESPONSE = 33,
	KL2TP_AVP_CALL_ERRORS = 34,
	KL2TP_AVP_ACCM = 35,
	KL2TP_AVP_RANDOM_VECTOR = 36,
	KL2TP_AVP_PRIVATE_GROUP_ID = 37,
	KL2TP_AVP_RX_CONNECT_SPEED = 38,
	KL2TP_AVP_SEQUENCING_REQUIRED = 39,
	KL2TP_AVP_MAX = KL2TP_AVP_SEQUENCING_REQUIRED,
};

#define KL2TP_AVP_BIT(type)	((u64)1 << (type))

/* Result Code values of StopCCN (RFC 2661 4.4.2). */
enum kl2tp_stopccn_result {
	KL2TP_STOPCCN_RC_CLEAR = 1,		/* general request to clear */
	KL2TP_STOPCCN_RC_GENERAL_ERROR = 2,	/* see the Error Code */
	KL2TP_STOPCCN_RC_ALREADY_EXISTS = 3,
	KL2TP_STOPCCN_RC_NOT_AUTHORIZED = 4,
	KL2TP_STOPCCN_RC_BAD_PROTOCOL = 5,
	KL2TP_STOPCCN_RC_SHUTTING_DOWN = 6,
	KL2TP_STOPCCN_RC_FSM_ERROR = 7,
};

/* Result Code values of CDN (RFC 2661 4.4.2). */
enum kl2tp_cdn_result {
	KL2TP_CDN_RC_LOST_CARRIER = 1,
	KL2TP_CDN_RC_GENERAL_ERROR = 2,		/* see the Error Code */
	KL2TP_CDN_RC_ADMIN = 3,
	KL2TP_CDN_RC_NO_FACILITIES_TEMP = 4,
	KL2TP_CDN_RC_NO_FACILITIES_PERM = 5,
	KL2TP_CDN_RC_INVALID_DEST = 6,
	KL2TP_CDN_RC_NO_CARRIER = 7,
	KL2TP_CDN_RC_BUSY = 8,
	KL2TP_CDN_RC_NO_DIALTONE = 9,
	KL2TP_CDN_RC_TIMEOUT = 10,
	KL2TP_CDN_RC_NO_FRAMING = 11,
};

/* General Error Codes (RFC 2661 4.4.2). */
enum kl2tp_error_code {
	KL2TP_ERR_NONE = 0,
	KL2TP_ERR_NO_TUNNEL = 1,	/* no control connection yet */
	KL2TP_ERR_BAD_LENGTH = 2,
	KL2TP_ERR_BAD_VALUE = 3,	/* out of range, or reserved bit set */
	KL2TP_ERR_NO_RESOURCES = 4,
	KL2TP_ERR_BAD_SESSION_ID = 5,
	KL2TP_ERR_VENDOR = 6,
	KL2TP_ERR_TRY_ANOTHER = 7,
	KL2TP_ERR_UNKNOWN_MANDATORY = 8,
};

/* Bits of Framing Capabilities / Framing Type. */
#define KL2TP_FRAMING_SYNC	0x00000001
#define KL2TP_FRAMING_ASYNC	0x00000002
/* Bits of Bearer Capabilities / Bearer Type. */
#define KL2TP_BEARER_DIGITAL	0x00000001
#define KL2TP_BEARER_ANALOG	0x00000002

/* Proxy Authen Type values. */
enum kl2tp_proxy_auth_type {
	KL2TP_PROXY_AUTH_TEXT = 1,	/* textual username/password */
	KL2TP_PROXY_AUTH_CHAP = 2,
	KL2TP_PROXY_AUTH_PAP = 3,
	KL2TP_PROXY_AUTH_NONE = 4,
	KL2TP_PROXY_AUTH_MSCHAPV1 = 5,
};

/* Protocol Version AVP value this implementation speaks: 1.0 */
#define KL2TP_PROTO_VERSION	1
#define KL2TP_PROTO_REVISION	0

/*
 * A variable-length value: points into the parsed buffer, or into the
 * scratch buffer for a hidden AVP. Not NUL-terminated.
 */
struct kl2tp_avp_val {
	const u8 *data;
	u16 len;
};

struct kl2tp_call_errors {
	u32 crc_errors;
	u32 framing_errors;
	u32 hardware_overruns;
	u32 buffer_overruns;
	u32 timeout_errors;
	u32 alignment_errors;
};

/**
 * struct kl2tp_ctrl_msg - one decoded control message
 *
 * A field is meaningful only when its AVP's bit is set in @present
 * (kl2tp_ctrl_has()). When an AVP occurs more than once the last one wins;
 * for Random Vector that is also the one used to decode the hidden AVPs
 * that follow it.
 *
 * @msg_type: Message Type value (may be a type this code does not know)
 * @msg_type_m: the M bit of the Message Type AVP; for an unknown message
 *	type it tells whether to tear the tunnel down (set) or to ignore the
 *	message (clear)
 * @present: bit n set: IETF AVP type n was seen (KL2TP_AVP_BIT())
 * @hidden: bit n set: AVP type n arrived hidden
 * @unknown: unrecognised non-mandatory AVPs skipped
 * @err_vendor, @err_type, @err_off: after an error, the offending AVP's
 *	vendor, type and offset in the AVP region (0xffff type: the AVP
 *	header itself was cut short)
 */
struct kl2tp_ctrl_msg {
	u16 msg_type;
	bool msg_type_m;
	u64 present;
	u64 hidden;
	u16 unknown;
	u16 err_vendor;
	u16 err_type;
	u32 err_off;

	/* Result Code: @error valid if @has_error; @msg may be empty */
	struct {
		u16 result;
		u16 error;
		bool has_error;
		struct kl2tp_avp_val msg;
	} result;
	u8 proto_version;
	u8 proto_revision;
	u32 framing_cap;
	u32 bearer_cap;
	u8 tie_breaker[8];
	u16 firmware_rev;
	struct kl2tp_avp_val host_name;
	struct kl2tp_avp_val vendor_name;
	u16 assigned_tunnel_id;
	u16 rx_window_size;
	struct kl2tp_avp_val challenge;
	struct {
		u16 cause;
		u8 msg;
		struct kl2tp_avp_val advisory;
	} q931;
	u8 challenge_response[16];
	u16 assigned_session_id;
	u32 call_serial;
	u32 min_bps;
	u32 max_bps;
	u32 bearer_type;
	u32 framing_type;
	struct kl2tp_avp_val called_number;
	struct kl2tp_avp_val calling_number;
	struct kl2tp_avp_val sub_address;
	u32 tx_connect_speed;
	u32 phys_channel_id;
	struct kl2tp_avp_val init_rx_lcp_confreq;
	struct kl2tp_avp_val last_tx_lcp_confreq;
	struct kl2tp_avp_val last_rx_lcp_confreq;
	u16 proxy_auth_type;
	struct kl2tp_avp_val proxy_auth_name;
	struct kl2tp_avp_val proxy_auth_challenge;
	u8 proxy_auth_id;
	struct kl2tp_avp_val proxy_auth_response;
	struct kl2tp_call_errors call_errors;
	u32 send_accm;
	u32 recv_accm;
	struct kl2tp_avp_val random_vector;
	struct kl2tp_avp_val private_group_id;
	u32 rx_connect_speed;
	/* Sequencing Required has no value: test its bit in @present */
};

static inline bool kl2tp_ctrl_has(const struct kl2tp_ctrl_msg *m,
				  unsigned int type)
{
	return type <= KL2TP_AVP_MAX && (m->present & KL2TP_AVP_BIT(type));
}

/*
 * kl2tp_ctrl_parse() - decode the AVPs of one control message.
 * @m: filled in (zeroed first)
 * @buf: the AVP region: kl2tp_hdr payload of a control message. A ZLB
 *	(no AVPs) is not a message to parse: handle it before calling.
 * @len: bytes of it
 * @secret: tunnel shared secret for hidden AVPs, or NULL
 * @secret_len: its length
 * @scratch: where hidden AVPs are decoded; at least @len bytes, or NULL if
 *	hidden AVPs should be refused. A hidden AVP at offset o of @buf is
 *	decoded to the same offset of @scratch, so @scratch may be @buf itself
 *	(in-place decoding, which destroys the ciphertext: parse only once).
 *
 * Values point into @buf or @scratch: they live as long as those do.
 * Returns 0, or (with @m->err_* naming the AVP):
 *   -EBADMSG     malformed: the first AVP is not Message Type, an AVP is
 *                shorter than 6 bytes or runs past @len, a known AVP has a
 *                value length its type does not allow, a second Message
 *                Type, or Message Type / Random Vector hidden
 *   -EOPNOTSUPP  an unrecognised AVP with the M bit set (unknown IETF
 *                type, any vendor, or a reserved header bit set: RFC 2661
 *                4.1), or a Message Type AVP with a reserved bit set: tear
 *                down the tunnel or session (Result Code with
 *                KL2TP_ERR_UNKNOWN_MANDATORY); unrecognised AVPs without
 *                M are skipped and counted in @m->unknown
 *   -ENOKEY      a hidden AVP but no @secret
 *   -ENODATA     a hidden AVP not preceded by a Random Vector
 *   -EINVAL      a hidden AVP but no @scratch
 *   -EKEYREJECTED  a hidden AVP decoded to an original length larger than
 *                the AVP: most likely the secrets differ
 *   other        kl2tp_md5() failed
 * On error after the first AVP, @m->msg_type and @m->msg_type_m are valid.
 */
int kl2tp_ctrl_parse(struct kl2tp_ctrl_msg *m, const u8 *buf, size_t len,
		     const u8 *secret, size_t secret_len, u8 *scratch);

/*
 * kl2tp_ctrl_msg_validate() - are the AVPs RFC 2661 section 6 requires for
 * m->msg_type present? Returns 0 if so, the type (> 0) of the first missing
 * one (lowest type number) if not, -EOPNOTSUPP for a message type this code
 * does not know (see @msg_type_m), or -EBADMSG if @m has no Message Type.
 */
int kl2tp_ctrl_msg_validate(const struct kl2tp_ctrl_msg *m);

/*
 * kl2tp_avp_peek_u16() - find a clear (not hidden) IETF AVP of @type with a
 * 2-byte value by walking the AVP headers of @buf, decoding nothing else.
 * For answering a message whose full parse failed, e.g. one whose hidden
 * AVPs do not decode under our secret: its Assigned Tunnel ID is still
 * readable. Returns 0 with *@val set, or -ENOENT.
 */
int kl2tp_avp_peek_u16(const u8 *buf, size_t len, u16 type, u16 *val);

/* AVPs required in @msg_type as KL2TP_AVP_BIT()s; 0 for unknown types. */
u64 kl2tp_ctrl_required(unsigned int msg_type);

/* Names for logs and the monitor; never NULL. */
const char *kl2tp_msg_type_name(unsigned int msg_type);	/* "SCCRQ" */
const char *kl2tp_avp_name(unsigned int type);		/* "Host Name" */
const char *kl2tp_stopccn_result_name(unsigned int result);
const char *kl2tp_cdn_result_name(unsigned int result);
/* StopCCN or CDN table by @msg_type, else "unknown" */
const char *kl2tp_result_name(unsigned int msg_type, unsigned int result);
const char *kl2tp_error_name(unsigned int error);

/*
 * Building. Flags for kl2tp_avp_put*(): KL2TP_AVP_M, and KL2TP_AVP_H to
 * hide the value with mb->hide (RFC 2661 4.3; the Random Vector it names
 * must already be in the message, before this AVP). The hidden value
 * carries no padding.
 */
struct kl2tp_hide_key {
	const u8 *secret;
	size_t secret_len;
	const u8 *rv;		/* the Random Vector value sent earlier */
	size_t rv_len;
};

/**
 * struct kl2tp_msgbuf - AVP output buffer
 * @buf: where AVPs go (usually just after room for the control header)
 * @cap: bytes available at @buf
 * @len: bytes written so far
 * @err: first error, sticky: -ENOSPC (@cap too small), -EMSGSIZE (value
 *	longer than an AVP can carry), -EINVAL (bad flags; hiding Message Type
 *	or Random Vector), -ENOKEY (KL2TP_AVP_H without a secret in @hide),
 *	-ENODATA (KL2TP_AVP_H without a random vector in @hide), or an MD5
 *	error. On error, @len stays at the end of the last AVP written whole.
 * @hide: key for KL2TP_AVP_H, or NULL
 */
struct kl2tp_msgbuf {
	u8 *buf;
	size_t cap;
	size_t len;
	int err;
	const struct kl2tp_hide_key *hide;
};

void kl2tp_msgbuf_init(struct kl2tp_msgbuf *mb, u8 *buf, size_t cap);

/* Any AVP, including vendor ones: the other puts are shorthands. */
void kl2tp_avp_put(struct kl2tp_msgbuf *mb, u16 flags, u16 vendor, u16 type,
		   const void *val, size_t len);
void kl2tp_avp_put_u16(struct kl2tp_msgbuf *mb, u16 flags, u16 type, u16 v);
void kl2tp_avp_put_u32(struct kl2tp_msgbuf *mb, u16 flags, u16 type, u32 v);
void kl2tp_avp_put_u64(struct kl2tp_msgbuf *mb, u16 flags, u16 type, u64 v);
void kl2tp_avp_put_bytes(struct kl2tp_msgbuf *mb, u16 flags, u16 type,
			 const void *val, size_t len);
void kl2tp_avp_put_string(struct kl2tp_msgbuf *mb, u16 flags, u16 type,
			  const char *s);
/* Message Type: always first, always M, never hidden. */
void kl2tp_avp_put_msg_type(struct kl2tp_msgbuf *mb, u16 msg_type);
/* Protocol Version: KL2TP_PROTO_VERSION.KL2TP_PROTO_REVISION, M set. */
void kl2tp_avp_put_proto_version(struct kl2tp_msgbuf *mb);
/* Result Code; @error < 0: no Error Code (and no message); @msg may be NULL */
void kl2tp_avp_put_result_code(struct kl2tp_msgbuf *mb, u16 flags,
			       u16 result, int error, const char *msg);
/* Q.931 Cause Code with an optional @advisory (NULL: none) */
void kl2tp_avp_put_q931_cause(struct kl2tp_msgbuf *mb, u16 flags, u16 cause,
			      u8 msg, const char *advisory);
void kl2tp_avp_put_accm(struct kl2tp_msgbuf *mb, u16 flags, u32 send_accm,
			u32 recv_accm);
void kl2tp_avp_put_call_errors(struct kl2tp_msgbuf *mb, u16 flags,
			       const struct kl2tp_call_errors *ce);

#endif /* KL2TP_PROTO_AVP_H */
