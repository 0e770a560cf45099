// SPDX-License-Identifier: GPL-2.0
/*
 * L2TPv2 AVP codec (RFC 2661 4, 6). See avp.h.
 */
#include "avp.h"
#include "auth.h"

#define ANY	KL2TP_AVP_MAX_VALUE

/* Never sent hidden: decoding them would need what they carry. */
#define NO_HIDE	0x1

/* What RFC 2661 4.4 allows for each IETF attribute's value. */
struct avp_info {
	const char *name;
	u16 min;
	u16 max;
	u8 flags;
};

static const struct avp_info avp_info[KL2TP_AVP_MAX + 1] = {
	[KL2TP_AVP_MSG_TYPE]		= { "Message Type", 2, 2, NO_HIDE },
	/* result (2), optional error (2), optional message */
	[KL2TP_AVP_RESULT_CODE]		= { "Result Code", 2, ANY, 0 },
	[KL2TP_AVP_PROTOCOL_VERSION]	= { "Protocol Version", 2, 2, 0 },
	[KL2TP_AVP_FRAMING_CAP]		= { "Framing Capabilities", 4, 4, 0 },
	[KL2TP_AVP_BEARER_CAP]		= { "Bearer Capabilities", 4, 4, 0 },
	[KL2TP_AVP_TIE_BREAKER]		= { "Tie Breaker", 8, 8, 0 },
	[KL2TP_AVP_FIRMWARE_REV]	= { "Firmware Revision", 2, 2, 0 },
	[KL2TP_AVP_HOST_NAME]		= { "Host Name", 1, ANY, 0 },
	[KL2TP_AVP_VENDOR_NAME]		= { "Vendor Name", 0, ANY, 0 },
	[KL2TP_AVP_ASSIGNED_TUNNEL_ID]	= { "Assigned Tunnel ID", 2, 2, 0 },
	[KL2TP_AVP_RX_WINDOW_SIZE]	= { "Receive Window Size", 2, 2, 0 },
	[KL2TP_AVP_CHALLENGE]		= { "Challenge", 1, ANY, 0 },
	/* cause (2), msg (1), optional advisory */
	[KL2TP_AVP_Q931_CAUSE]		= { "Q.931 Cause Code", 3, ANY, 0 },
	[KL2TP_AVP_CHALLENGE_RESPONSE]	= { "Challenge Response", 16, 16, 0 },
	[KL2TP_AVP_ASSIGNED_SESSION_ID]	= { "Assigned Session ID", 2, 2, 0 },
	[KL2TP_AVP_CALL_SERIAL]		= { "Call Serial Number", 4, 4, 0 },
	[KL2TP_AVP_MIN_BPS]		= { "Minimum BPS", 4, 4, 0 },
	[KL2TP_AVP_MAX_BPS]		= { "Maximum BPS", 4, 4, 0 },
	[KL2TP_AVP_BEARER_TYPE]		= { "Bearer Type", 4, 4, 0 },
	[KL2TP_AVP_FRAMING_TYPE]	= { "Framing Type", 4, 4, 0 },
	[KL2TP_AVP_CALLED_NUMBER]	= { "Called Number", 0, ANY, 0 },
	[KL2TP_AVP_CALLING_NUMBER]	= { "Calling Number", 0, ANY, 0 },
	[KL2TP_AVP_SUB_ADDRESS]		= { "Sub-Address", 0, ANY, 0 },
	[KL2TP_AVP_TX_CONNECT_SPEED]	= { "Tx Connect Speed", 4, 4, 0 },
	[KL2TP_AVP_PHYS_CHANNEL_ID]	= { "Physical Channel ID", 4, 4, 0 },
	[KL2TP_AVP_INIT_RX_LCP_CONFREQ]	= { "Initial Received LCP CONFREQ",
					    0, ANY, 0 },
	[KL2TP_AVP_LAST_TX_LCP_CONFREQ]	= { "Last Sent LCP CONFREQ", 0, ANY, 0 },
	[KL2TP_AVP_LAST_RX_LCP_CONFREQ]	= { "Last Received LCP CONFREQ",
					    0, ANY, 0 },
	[KL2TP_AVP_PROXY_AUTH_TYPE]	= { "Proxy Authen Type", 2, 2, 0 },
	[KL2TP_AVP_PROXY_AUTH_NAME]	= { "Proxy Authen Name", 0, ANY, 0 },
	[KL2TP_AVP_PROXY_AUTH_CHALLENGE] = { "Proxy Authen Challenge",
					    1, ANY, 0 },
	/* reserved (1), ID (1) */
	[KL2TP_AVP_PROXY_AUTH_ID]	= { "Proxy Authen ID", 2, 2, 0 },
	[KL2TP_AVP_PROXY_AUTH_RESPONSE]	= { "Proxy Authen Response", 0, ANY, 0 },
	/* reserved (2), six 4-octet counters */
	[KL2TP_AVP_CALL_ERRORS]		= { "Call Errors", 26, 26, 0 },
	/* reserved (2), send ACCM (4), receive ACCM (4) */
	[KL2TP_AVP_ACCM]		= { "ACCM", 10, 10, 0 },
	[KL2TP_AVP_RANDOM_VECTOR]	= { "Random Vector", 1, ANY, NO_HIDE },
	[KL2TP_AVP_PRIVATE_GROUP_ID]	= { "Private Group ID", 0, ANY, 0 },
	[KL2TP_AVP_RX_CONNECT_SPEED]	= { "Rx Connect Speed", 4, 4, 0 },
	[KL2TP_AVP_SEQUENCING_REQUIRED]	= { "Sequencing Required", 0, 0, 0 },
};

static const struct avp_info *avp_lookup(u16 vendor, u16 type)
{
	if (vendor != KL2TP_VENDOR_IETF || type > KL2TP_AVP_MAX ||
	    !avp_info[type].name)
		return NULL;
	return &avp_info[type];
}

#define B(t)	KL2TP_AVP_BIT(KL2TP_AVP_##t)

/* AVPs each message type MUST carry (RFC 2661 6.1 - 6.14). */
static const u64 required_avps[KL2TP_MSG_MAX + 1] = {
	[KL2TP_MSG_SCCRQ]	= B(MSG_TYPE) | B(PROTOCOL_VERSION) |
				  B(HOST_NAME) | B(FRAMING_CAP) |
				  B(ASSIGNED_TUNNEL_ID),
	[KL2TP_MSG_SCCRP]	= B(MSG_TYPE) | B(PROTOCOL_VERSION) |
				  B(FRAMING_CAP) | B(HOST_NAME) |
				  B(ASSIGNED_TUNNEL_ID),
	[KL2TP_MSG_SCCCN]	= B(MSG_TYPE),
	[KL2TP_MSG_STOPCCN]	= B(MSG_TYPE) | B(ASSIGNED_TUNNEL_ID) |
				  B(RESULT_CODE),
	[KL2TP_MSG_HELLO]	= B(MSG_TYPE),
	[KL2TP_MSG_OCRQ]	= B(MSG_TYPE) | B(ASSIGNED_SESSION_ID) |
				  B(CALL_SERIAL) | B(MIN_BPS) | B(MAX_BPS) |
				  B(BEARER_TYPE) | B(FRAMING_TYPE) |
				  B(CALLED_NUMBER),
	[KL2TP_MSG_OCRP]	= B(MSG_TYPE) | B(ASSIGNED_SESSION_ID),
	[KL2TP_MSG_OCCN]	= B(MSG_TYPE) | B(TX_CONNECT_SPEED) |
				  B(FRAMING_TYPE),
	[KL2TP_MSG_ICRQ]	= B(MSG_TYPE) | B(ASSIGNED_SESSION_ID) |
				  B(CALL_SERIAL),
	[KL2TP_MSG_ICRP]	= B(MSG_TYPE) | B(ASSIGNED_SESSION_ID),
	[KL2TP_MSG_ICCN]	= B(MSG_TYPE) | B(TX_CONNECT_SPEED) |
				  B(FRAMING_TYPE),
	[KL2TP_MSG_CDN]		= B(MSG_TYPE) | B(RESULT_CODE) |
				  B(ASSIGNED_SESSION_ID),
	[KL2TP_MSG_WEN]		= B(MSG_TYPE) | B(CALL_ERRORS),
	[KL2TP_MSG_SLI]		= B(MSG_TYPE) | B(ACCM),
};

#undef B

static void set_val(struct kl2tp_avp_val *v, const u8 *p, u16 len)
{
	v->data = p;
	v->len = len;
}

/* Store a value whose length avp_info[] has already checked. */
static void store(struct kl2tp_ctrl_msg *m, u16 type, const u8 *p, u16 len)
{
	switch (type) {
	case KL2TP_AVP_MSG_TYPE:
		m->msg_type = kl2tp_get_be16(p);
		break;
	case KL2TP_AVP_RESULT_CODE:
		/*
		 * 2: result only; 4: with error; more: with message. Some
		 * peers send an odd length: a lone extra byte is ignored.
		 */
		m->result.result = kl2tp_get_be16(p);
		m->result.has_error = len >= 4;
		m->result.error = len >= 4 ? kl2tp_get_be16(p + 2) : 0;
		if (len > 4)
			set_val(&m->result.msg, p + 4, len - 4);
		else
			set_val(&m->result.msg, NULL, 0);
		break;
	case KL2TP_AVP_PROTOCOL_VERSION:
		m->proto_version = p[0];
		m->proto_revision = p[1];
		break;
	case KL2TP_AVP_FRAMING_CAP:
		m->framing_cap = kl2tp_get_be32(p);
		break;
	case KL2TP_AVP_BEARER_CAP:
		m->bearer_cap = kl2tp_get_be32(p);
		break;
	case KL2TP_AVP_TIE_BREAKER:
		memcpy(m->tie_breaker, p, sizeof(m->tie_breaker));
		break;
	case KL2TP_AVP_FIRMWARE_REV:
		m->firmware_rev = kl2tp_get_be16(p);
		break;
	case KL2TP_AVP_HOST_NAME:
		set_val(&m->host_name, p, len);
		break;
	case KL2TP_AVP_VENDOR_NAME:
		set_val(&m->vendor_name, p, len);
		break;
	case KL2TP_AVP_ASSIGNED_TUNNEL_ID:
		m->assigned_tunnel_id = kl2tp_get_be16(p);
		break;
	case KL2TP_AVP_RX_WINDOW_SIZE:
		m->rx_window_size = kl2tp_get_be16(p);
		break;
	case KL2TP_AVP_CHALLENGE:
		set_val(&m->challenge, p, len);
		break;
	case KL2TP_AVP_Q931_CAUSE:
		m->q931.cause = kl2tp_get_be16(p);
		m->q931.msg = p[2];
		set_val(&m->q931.advisory, len > 3 ? p + 3 : NULL, len - 3);
		break;
	case KL2TP_AVP_CHALLENGE_RESPONSE:
		memcpy(m->challenge_response, p,
		       sizeof(m->challenge_response));
		break;
	case KL2TP_AVP_ASSIGNED_SESSION_ID:
		m->assigned_session_id = kl2tp_get_be16(p);
		break;
	case KL2TP_AVP_CALL_SERIAL:
		m->call_serial = kl2tp_get_be32(p);
		break;
	case KL2TP_AVP_MIN_BPS:
		m->min_bps = kl2tp_get_be32(p);
		break;
	case KL2TP_AVP_MAX_BPS:
		m->max_bps = kl2tp_get_be32(p);
		break;
	case KL2TP_AVP_BEARER_TYPE:
		m->bearer_type = kl2tp_get_be32(p);
		break;
	case KL2TP_AVP_FRAMING_TYPE:
		m->framing_type = kl2tp_get_be32(p);
		break;
	case KL2TP_AVP_CALLED_NUMBER:
		set_val(&m->called_number, p, len);
		break;
	case KL2TP_AVP_CALLING_NUMBER:
		set_val(&m->calling_number, p, len);
		break;
	case KL2TP_AVP_SUB_ADDRESS:
		set_val(&m->sub_address, p, len);
		break;
	case KL2TP_AVP_TX_CONNECT_SPEED:
		m->tx_connect_speed = kl2tp_get_be32(p);
		break;
	case KL2TP_AVP_PHYS_CHANNEL_ID:
		m->phys_channel_id = kl2tp_get_be32(p);
		break;
	case KL2TP_AVP_INIT_RX_LCP_CONFREQ:
		set_val(&m->init_rx_lcp_confreq, p, len);
		break;
	case KL2TP_AVP_LAST_TX_LCP_CONFREQ:
		set_val(&m->last_tx_lcp_confreq, p, len);
		break;
	case KL2TP_AVP_LAST_RX_LCP_CONFREQ:
		set_val(&m->last_rx_lcp_confreq, p, len);
		break;
	case KL2TP_AVP_PROXY_AUTH_TYPE:
		m->proxy_auth_type = kl2tp_get_be16(p);
		break;
	case KL2TP_AVP_PROXY_AUTH_NAME:
		set_val(&m->proxy_auth_name, p, len);
		break;
	case KL2TP_AVP_PROXY_AUTH_CHALLENGE:
		set_val(&m->proxy_auth_challenge, p, len);
		break;
	case KL2TP_AVP_PROXY_AUTH_ID:
		m->proxy_auth_id = p[1];
		break;
	case KL2TP_AVP_PROXY_AUTH_RESPONSE:
		set_val(&m->proxy_auth_response, p, len);
		break;
	case KL2TP_AVP_CALL_ERRORS:
		m->call_errors.crc_errors = kl2tp_get_be32(p + 2);
		m->call_errors.framing_errors = kl2tp_get_be32(p + 6);
		m->call_errors.hardware_overruns = kl2tp_get_be32(p + 10);
		m->call_errors.buffer_overruns = kl2tp_get_be32(p + 14);
		m->call_errors.timeout_errors = kl2tp_get_be32(p + 18);
		m->call_errors.alignment_errors = kl2tp_get_be32(p + 22);
		break;
	case KL2TP_AVP_ACCM:
		m->send_accm = kl2tp_get_be32(p + 2);
		m->recv_accm = kl2tp_get_be32(p + 6);
		break;
	case KL2TP_AVP_RANDOM_VECTOR:
		set_val(&m->random_vector, p, len);
		break;
	case KL2TP_AVP_PRIVATE_GROUP_ID:
		set_val(&m->private_group_id, p, len);
		break;
	case KL2TP_AVP_RX_CONNECT_SPEED:
		m->rx_connect_speed = kl2tp_get_be32(p);
		break;
	default:	/* KL2TP_AVP_SEQUENCING_REQUIRED: presence only */
		break;
	}
}

/*
 * Decode the hidden value @len bytes at @off + 6 of @buf into the same
 * place in @scratch; on success point *@val / *@vlen at the original value.
 */
static int unhide(const struct kl2tp_ctrl_msg *m, u16 type, const u8 *buf,
		  size_t off, size_t len, const u8 *secret, size_t secret_len,
		  u8 *scratch, const u8 **val, u16 *vlen)
{
	u8 *out;
	u16 orig;
	int ret;

	if (!secret)
		return -ENOKEY;
	if (!kl2tp_ctrl_has(m, KL2TP_AVP_RANDOM_VECTOR))
		return -ENODATA;
	if (!scratch)
		return -EINVAL;
	/* Too short to hold the original length: no secret can fix that. */
	if (len < 2)
		return -EBADMSG;

	out = scratch + off + KL2TP_AVP_HDR_LEN;
	ret = kl2tp_avp_unhide(type, secret, secret_len,
			       m->random_vector.data, m->random_vector.len,
			       buf + off + KL2TP_AVP_HDR_LEN, out, len);
	if (ret)
		return ret;
	orig = kl2tp_get_be16(out);
	if (orig > len - 2)
		return -EKEYREJECTED;
	*val = out + 2;
	*vlen = orig;
	return 0;
}

int kl2tp_ctrl_parse(struct kl2tp_ctrl_msg *m, const u8 *buf, size_t len,
		     const u8 *secret, size_t secret_len, u8 *scratch)
{
	const struct avp_info *info;
	const u8 *p, *val;
	size_t off;
	u16 w, alen, vendor, type, vlen;
	int ret;

	memset(m, 0, sizeof(*m));
	if (!len) {
		m->err_type = 0xffff;
		return -EBADMSG;
	}

	for (off = 0; off < len; off += alen) {
		p = buf + off;
		m->err_off = off;
		if (len - off < KL2TP_AVP_HDR_LEN) {
			m->err_vendor = 0;
			m->err_type = 0xffff;
			return -EBADMSG;
		}
		w = kl2tp_get_be16(p);
		alen = w & KL2TP_AVP_LEN_MASK;
		vendor = kl2tp_get_be16(p + 2);
		type = kl2tp_get_be16(p + 4);
		m->err_vendor = vendor;
		m->err_type = type;

		if (alen < KL2TP_AVP_HDR_LEN || alen > len - off)
			return -EBADMSG;
		/* RFC 2661 4.1: the Message Type AVP comes first. */
		if (off == 0 && (vendor != KL2TP_VENDOR_IETF ||
				 type != KL2TP_AVP_MSG_TYPE))
			return -EBADMSG;
		/*
		 * RFC 2661 4.1: reserved bits set make the AVP unrecognised
		 * (skipped unless M is set). Not the Message Type: without
		 * it there is no message to read.
		 */
		if ((w & KL2TP_AVP_RSVD) && !off)
			return -EOPNOTSUPP;
		info = (w & KL2TP_AVP_RSVD) ? NULL : avp_lookup(vendor, type);
		if (!info) {
			if (w & KL2TP_AVP_M)
				return -EOPNOTSUPP;
			if (m->unknown < 0xffff)
				m->unknown++;
			continue;
		}

		val = p + KL2TP_AVP_HDR_LEN;
		vlen = alen - KL2TP_AVP_HDR_LEN;
		if (w & KL2TP_AVP_H) {
			if (info->flags & NO_HIDE)
				return -EBADMSG;
			ret = unhide(m, type, buf, off, vlen, secret,
				     secret_len, scratch, &val, &vlen);
			if (ret)
				return ret;
			m->hidden |= KL2TP_AVP_BIT(type);
		}
		if (vlen < info->min || vlen > info->max)
			return -EBADMSG;
		if (type == KL2TP_AVP_MSG_TYPE) {
			if (off)
				return -EBADMSG;
			m->msg_type_m = w & KL2TP_AVP_M;
		}
		store(m, type, val, vlen);
		m->present |= KL2TP_AVP_BIT(type);
	}

	m->err_off = 0;
	m->err_vendor = 0;
	m->err_type = 0;
	return 0;
}

u64 kl2tp_ctrl_required(unsigned int msg_type)
{
	if (msg_type >= ARRAY_SIZE(required_avps))
		return 0;
	return required_avps[msg_type];
}

int kl2tp_ctrl_msg_validate(const struct kl2tp_ctrl_msg *m)
{
	u64 missing;
	int type;

	if (!kl2tp_ctrl_has(m, KL2TP_AVP_MSG_TYPE))
		return -EBADMSG;
	missing = kl2tp_ctrl_required(m->msg_type);
	if (!missing)
		return -EOPNOTSUPP;
	missing &= ~m->present;
	for (type = 0; type <= KL2TP_AVP_MAX; type++)
		if (missing & KL2TP_AVP_BIT(type))
			return type;
	return 0;
}

/* Names */

static const char * const msg_type_names[KL2TP_MSG_MAX + 1] = {
	[KL2TP_MSG_SCCRQ] = "SCCRQ",
	[KL2TP_MSG_SCCRP] = "SCCRP",
	[KL2TP_MSG_SCCCN] = "SCCCN",
	[KL2TP_MSG_STOPCCN] = "StopCCN",
	[KL2TP_MSG_HELLO] = "HELLO",
	[KL2TP_MSG_OCRQ] = "OCRQ",
	[KL2TP_MSG_OCRP] = "OCRP",
	[KL2TP_MSG_OCCN] = "OCCN",
	[KL2TP_MSG_ICRQ] = "ICRQ",
	[KL2TP_MSG_ICRP] = "ICRP",
	[KL2TP_MSG_ICCN] = "ICCN",
	[KL2TP_MSG_CDN] = "CDN",
	[KL2TP_MSG_WEN] = "WEN",
	[KL2TP_MSG_SLI] = "SLI",
};

static const char * const stopccn_result_names[] = {
	[0] = "reserved",
	[KL2TP_STOPCCN_RC_CLEAR] = "general request to clear control connection",
	[KL2TP_STOPCCN_RC_GENERAL_ERROR] = "general error",
	[KL2TP_STOPCCN_RC_ALREADY_EXISTS] = "control channel already exists",
	[KL2TP_STOPCCN_RC_NOT_AUTHORIZED] = "requester is not authorized",
	[KL2TP_STOPCCN_RC_BAD_PROTOCOL] = "protocol version not supported",
	[KL2TP_STOPCCN_RC_SHUTTING_DOWN] = "requester is being shut down",
	[KL2TP_STOPCCN_RC_FSM_ERROR] = "finite state machine error",
};

static const char * const cdn_result_names[] = {
	[0] = "reserved",
	[KL2TP_CDN_RC_LOST_CARRIER] = "loss of carrier",
	[KL2TP_CDN_RC_GENERAL_ERROR] = "error, see error code",
	[KL2TP_CDN_RC_ADMIN] = "administrative disconnect",
	[KL2TP_CDN_RC_NO_FACILITIES_TEMP] = "no facilities (temporary)",
	[KL2TP_CDN_RC_NO_FACILITIES_PERM] = "no facilities (permanent)",
	[KL2TP_CDN_RC_INVALID_DEST] = "invalid destination",
	[KL2TP_CDN_RC_NO_CARRIER] = "no carrier detected",
	[KL2TP_CDN_RC_BUSY] = "busy signal",
	[KL2TP_CDN_RC_NO_DIALTONE] = "no dial tone",
	[KL2TP_CDN_RC_TIMEOUT] = "not established in time",
	[KL2TP_CDN_RC_NO_FRAMING] = "no framing detected",
};

static const char * const error_names[] = {
	[KL2TP_ERR_NONE] = "no general error",
	[KL2TP_ERR_NO_TUNNEL] = "no control connection exists yet",
	[KL2TP_ERR_BAD_LENGTH] = "length is wrong",
	[KL2TP_ERR_BAD_VALUE] = "field value out of range or reserved field non-zero",
	[KL2TP_ERR_NO_RESOURCES] = "insufficient resources",
	[KL2TP_ERR_BAD_SESSION_ID] = "invalid session id",
	[KL2TP_ERR_VENDOR] = "vendor-specific error",
	[KL2TP_ERR_TRY_ANOTHER] = "try another",
	[KL2TP_ERR_UNKNOWN_MANDATORY] = "unknown mandatory AVP",
};

static const char *lookup_name(const char * const *names, size_t n,
			       unsigned int i)
{
	if (i >= n || !names[i])
		return "unknown";
	return names[i];
}

const char *kl2tp_msg_type_name(unsigned int msg_type)
{
	return lookup_name(msg_type_names, ARRAY_SIZE(msg_type_names),
			   msg_type);
}

const char *kl2tp_avp_name(unsigned int type)
{
	if (type > KL2TP_AVP_MAX || !avp_info[type].name)
		return "unknown";
	return avp_info[type].name;
}

const char *kl2tp_stopccn_result_name(unsigned int result)
{
	return lookup_name(stopccn_result_names,
			   ARRAY_SIZE(stopccn_result_names), result);
}

const char *kl2tp_cdn_result_name(unsigned int result)
{
	return lookup_name(cdn_result_names, ARRAY_SIZE(cdn_result_names),
			   result);
}

const char *kl2tp_result_name(unsigned int msg_type, unsigned int result)
{
	if (msg_type == KL2TP_MSG_STOPCCN)
		return kl2tp_stopccn_result_name(result);
	if (msg_type == KL2TP_MSG_CDN)
		return kl2tp_cdn_result_name(result);
	return "unknown";
}

const char *kl2tp_error_name(unsigned int error)
{
	return lookup_name(error_names, ARRAY_SIZE(error_names), error);
}

/* Building */

void kl2tp_msgbuf_init(struct kl2tp_msgbuf *mb, u8 *buf, size_t cap)
{
	mb->buf = buf;
	mb->cap = cap;
	mb->len = 0;
	mb->err = 0;
	mb->hide = NULL;
}

static void put_fail(struct kl2tp_msgbuf *mb, int err)
{
	if (!mb->err)
		mb->err = err;
}

/*
 * Start an AVP whose value will be @len bytes: check everything, write the
 * AVP header (and the original length of a hidden value) and return where
 * the value goes. NULL on error, recorded in mb->err.
 */
static u8 *avp_begin(struct kl2tp_msgbuf *mb, u16 flags, u16 vendor,
		     u16 type, size_t len)
{
	const struct kl2tp_hide_key *key = mb->hide;
	bool hidden = flags & KL2TP_AVP_H;
	size_t vlen = hidden ? len + 2 : len;
	u8 *p;

	if (mb->err)
		return NULL;
	if (flags & ~(KL2TP_AVP_M | KL2TP_AVP_H)) {
		put_fail(mb, -EINVAL);
		return NULL;
	}
	if (vlen > KL2TP_AVP_MAX_VALUE) {
		put_fail(mb, -EMSGSIZE);
		return NULL;
	}
	if (mb->len > mb->cap ||
	    mb->cap - mb->len < KL2TP_AVP_HDR_LEN + vlen) {
		put_fail(mb, -ENOSPC);
		return NULL;
	}
	if (hidden) {
		if (vendor == KL2TP_VENDOR_IETF && type <= KL2TP_AVP_MAX &&
		    (avp_info[type].flags & NO_HIDE)) {
			put_fail(mb, -EINVAL);
			return NULL;
		}
		if (!key || !key->secret) {
			put_fail(mb, -ENOKEY);
			return NULL;
		}
		if (!key->rv) {
			put_fail(mb, -ENODATA);
			return NULL;
		}
	}

	p = mb->buf + mb->len;
	kl2tp_put_be16(p, flags | (KL2TP_AVP_HDR_LEN + vlen));
	kl2tp_put_be16(p + 2, vendor);
	kl2tp_put_be16(p + 4, type);
	p += KL2TP_AVP_HDR_LEN;
	if (hidden) {
		kl2tp_put_be16(p, len);
		p += 2;
	}
	return p;
}

/* Finish the AVP avp_begin() started: hide its value if asked, commit it. */
static void avp_end(struct kl2tp_msgbuf *mb, u16 flags, u16 type,
		    size_t len)
{
	const struct kl2tp_hide_key *key = mb->hide;
	u8 *val = mb->buf + mb->len + KL2TP_AVP_HDR_LEN;
	int ret;

	if (flags & KL2TP_AVP_H) {
		len += 2;
		ret = kl2tp_avp_hide(type, key->secret, key->secret_len,
				     key->rv, key->rv_len, val, len);
		if (ret) {
			put_fail(mb, ret);
			return;
		}
	}
	mb->len += KL2TP_AVP_HDR_LEN + len;
}

void kl2tp_avp_put(struct kl2tp_msgbuf *mb, u16 flags, u16 vendor, u16 type,
		   const void *val, size_t len)
{
	u8 *p = avp_begin(mb, flags, vendor, type, len);

	if (!p)
		return;
	if (len)
		memcpy(p, val, len);
	avp_end(mb, flags, type, len);
}

void kl2tp_avp_put_bytes(struct kl2tp_msgbuf *mb, u16 flags, u16 type,
			 const void *val, size_t len)
{
	kl2tp_avp_put(mb, flags, KL2TP_VENDOR_IETF, type, val, len);
}

void kl2tp_avp_put_u16(struct kl2tp_msgbuf *mb, u16 flags, u16 type, u16 v)
{
	u8 b[2];

	kl2tp_put_be16(b, v);
	kl2tp_avp_put_bytes(mb, flags, type, b, sizeof(b));
}

void kl2tp_avp_put_u32(struct kl2tp_msgbuf *mb, u16 flags, u16 type, u32 v)
{
	u8 b[4];

	kl2tp_put_be32(b, v);
	kl2tp_avp_put_bytes(mb, flags, type, b, sizeof(b));
}

void kl2tp_avp_put_u64(struct kl2tp_msgbuf *mb, u16 flags, u16 type, u64 v)
{
	u8 b[8];

	kl2tp_put_be32(b, v >> 32);
	kl2tp_put_be32(b + 4, (u32)v);
	kl2tp_avp_put_bytes(mb, flags, type, b, sizeof(b));
}

void kl2tp_avp_put_string(struct kl2tp_msgbuf *mb, u16 flags, u16 type,
			  const char *s)
{
	kl2tp_avp_put_bytes(mb, flags, type, s, s ? strlen(s) : 0);
}

void kl2tp_avp_put_msg_type(struct kl2tp_msgbuf *mb, u16 msg_type)
{
	kl2tp_avp_put_u16(mb, KL2TP_AVP_M, KL2TP_AVP_MSG_TYPE, msg_type);
}

void kl2tp_avp_put_proto_version(struct kl2tp_msgbuf *mb)
{
	u8 b[2] = { KL2TP_PROTO_VERSION, KL2TP_PROTO_REVISION };

	kl2tp_avp_put_bytes(mb, KL2TP_AVP_M, KL2TP_AVP_PROTOCOL_VERSION, b,
			    sizeof(b));
}

void kl2tp_avp_put_result_code(struct kl2tp_msgbuf *mb, u16 flags,
			       u16 result, int error, const char *msg)
{
	size_t mlen = error >= 0 && msg ? strlen(msg) : 0;
	size_t len = (error >= 0 ? 4 : 2) + mlen;
	u8 *p = avp_begin(mb, flags, KL2TP_VENDOR_IETF, KL2TP_AVP_RESULT_CODE,
			  len);

	if (!p)
		return;
	kl2tp_put_be16(p, result);
	if (error >= 0)
		kl2tp_put_be16(p + 2, error);
	if (mlen)
		memcpy(p + 4, msg, mlen);
	avp_end(mb, flags, KL2TP_AVP_RESULT_CODE, len);
}

void kl2tp_avp_put_q931_cause(struct kl2tp_msgbuf *mb, u16 flags, u16 cause,
			      u8 msg, const char *advisory)
{
	size_t alen = advisory ? strlen(advisory) : 0;
	u8 *p = avp_begin(mb, flags, KL2TP_VENDOR_IETF, KL2TP_AVP_Q931_CAUSE,
			  3 + alen);

	if (!p)
		return;
	kl2tp_put_be16(p, cause);
	p[2] = msg;
	if (alen)
		memcpy(p + 3, advisory, alen);
	avp_end(mb, flags, KL2TP_AVP_Q931_CAUSE, 3 + alen);
}

void kl2tp_avp_put_accm(struct kl2tp_msgbuf *mb, u16 flags, u32 send_accm,
			u32 recv_accm)
{
	u8 b[10] = { 0 };

	kl2tp_put_be32(b + 2, send_accm);
	kl2tp_put_be32(b + 6, recv_accm);
	kl2tp_avp_put_bytes(mb, flags, KL2TP_AVP_ACCM, b, sizeof(b));
}

void kl2tp_avp_put_call_errors(struct kl2tp_msgbuf *mb, u16 flags,
			       const struct kl2tp_call_errors *ce)
{
	u8 b[26] = { 0 };

	kl2tp_put_be32(b + 2, ce->crc_errors);
	kl2tp_put_be32(b + 6, ce->framing_errors);
	kl2tp_put_be32(b + 10, ce->hardware_overruns);
	kl2tp_put_be32(b + 14, ce->buffer_overruns);
	kl2tp_put_be32(b + 18, ce->timeout_errors);
	kl2tp_put_be32(b + 22, ce->alignment_errors);
	kl2tp_avp_put_bytes(mb, flags, KL2TP_AVP_CALL_ERRORS, b, sizeof(b));
}

int kl2tp_avp_peek_u16(const u8 *buf, size_t len, u16 type, u16 *val)
{
	size_t off = 0;
	u16 hdr, alen;

	while (off + KL2TP_AVP_HDR_LEN <= len) {
		hdr = kl2tp_get_be16(buf + off);
		alen = hdr & KL2TP_AVP_LEN_MASK;
		if (alen < KL2TP_AVP_HDR_LEN || alen > len - off)
			break;
		if (!(hdr & KL2TP_AVP_H) && alen == KL2TP_AVP_HDR_LEN + 2 &&
		    kl2tp_get_be16(buf + off + 2) == KL2TP_VENDOR_IETF &&
		    kl2tp_get_be16(buf + off + 4) == type) {
			*val = kl2tp_get_be16(buf + off + 6);
			return 0;
		}
		off += alen;
	}
	return -ENOENT;
}
