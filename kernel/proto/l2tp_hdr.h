/* SPDX-License-Identifier: GPL-2.0 */
/*
 * L2TPv2 message header (RFC 2661 3.1).
 *
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |T|L|x|x|S|x|O|P|x|x|x|x|  Ver  |          Length (opt)         |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |           Tunnel ID           |           Session ID          |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |             Ns (opt)          |             Nr (opt)          |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |      Offset Size (opt)        |    Offset pad... (opt)
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * Control messages (T=1) MUST have L=1 and S=1, O=0 and P=0; their header
 * is always KL2TP_CTRL_HDR_LEN bytes. Reserved (x) bits MUST be sent as 0
 * and ignored on receipt.
 */
#ifndef KL2TP_PROTO_L2TP_HDR_H
#define KL2TP_PROTO_L2TP_HDR_H

#include "platform.h"

/* Bits of the first header word. */
#define KL2TP_HDR_T		0x8000	/* control message */
#define KL2TP_HDR_L		0x4000	/* Length field present */
#define KL2TP_HDR_S		0x0800	/* Ns, Nr present */
#define KL2TP_HDR_O		0x0200	/* Offset Size present */
#define KL2TP_HDR_P		0x0100	/* priority (data only) */
#define KL2TP_HDR_FLAGS		(KL2TP_HDR_T | KL2TP_HDR_L | KL2TP_HDR_S | \
				 KL2TP_HDR_O | KL2TP_HDR_P)
#define KL2TP_HDR_RSVD		0x34f0
#define KL2TP_HDR_VER_MASK	0x000f
#define KL2TP_CTRL_FLAGS	(KL2TP_HDR_T | KL2TP_HDR_L | KL2TP_HDR_S)

/* Values of the Ver field. */
#define KL2TP_VER_L2F		1	/* RFC 2341, shares the port */
#define KL2TP_VER_L2TPV2	2	/* RFC 2661, the only one accepted */
#define KL2TP_VER_L2TPV3	3	/* RFC 3931 */

#define KL2TP_CTRL_HDR_LEN	12	/* T, L, S: all a control header has */
#define KL2TP_HDR_MAX_LEN	14	/* every option, without offset pad */

/* kl2tp_hdr_parse() flags */
#define KL2TP_HDR_PARSE_STRICT	0x1	/* reject set reserved bits (-EINVAL) */

/**
 * struct kl2tp_hdr - a decoded L2TPv2 header
 * @flags: T, L, S, O, P bits as on the wire (KL2TP_HDR_*)
 * @rsvd: reserved bits as received (ignored unless parsing strictly)
 * @ver: Ver field; set by parse even when it fails on the version
 * @length: Length field; 0 when L is clear
 * @tunnel_id: Tunnel ID
 * @session_id: Session ID
 * @ns: Ns; 0 when S is clear
 * @nr: Nr; 0 when S is clear
 * @offset_size: Offset Size; 0 when O is clear
 * @hdr_len: fixed header length, up to and including Offset Size
 * @payload_off: offset of the payload: hdr_len + offset_size
 * @payload_len: payload bytes: up to Length if L is set, else to the end of
 *	the buffer. For a control message this is the AVP region (0: ZLB ack).
 *
 * kl2tp_hdr_build() reads flags, tunnel_id, session_id, ns, nr, offset_size
 * and payload_len (for the Length field); it ignores the other fields.
 */
struct kl2tp_hdr {
	u16 flags;
	u16 rsvd;
	u8 ver;
	u16 length;
	u16 tunnel_id;
	u16 session_id;
	u16 ns;
	u16 nr;
	u16 offset_size;
	u16 hdr_len;
	u32 payload_off;
	u32 payload_len;
};

/*
 * kl2tp_hdr_parse() - decode the header at the start of @buf.
 * @h: filled in; on error only ver, flags and rsvd are meaningful
 * @buf: the UDP payload
 * @len: bytes in @buf
 * @flags: KL2TP_HDR_PARSE_*
 *
 * Trailing bytes beyond the Length field are ignored (not part of the
 * message). Returns 0 or:
 *   -EPROTONOSUPPORT  Ver is 3: an L2TPv3 message
 *   -EPROTO           Ver is neither 2 nor 3 (1 is L2F); discard
 *   -EINVAL           a control message without L or S, or with O or P;
 *                     or a reserved bit set under KL2TP_HDR_PARSE_STRICT
 *   -EMSGSIZE         @buf ends inside the header (truncated)
 *   -EBADMSG          the Length field is shorter than the header or
 *                     longer than @buf
 *   -ERANGE           the offset pad runs past the end of the message
 */
int kl2tp_hdr_parse(struct kl2tp_hdr *h, const u8 *buf, size_t len,
		    unsigned int flags);

/*
 * kl2tp_hdr_build() - write the header described by @h (Ver 2, reserved
 * bits and offset pad zero) at the start of @buf.
 *
 * Returns the header length including offset pad (where the payload goes),
 * or:
 *   -EINVAL    unknown bits in h->flags, or T without L and S, or T with
 *              O or P (never emits an invalid control header)
 *   -EMSGSIZE  L is set and header + payload_len exceeds 65535
 *   -ENOSPC    @cap is smaller than the header
 */
int kl2tp_hdr_build(const struct kl2tp_hdr *h, u8 *buf, size_t cap);

/* Name of a Ver value for logs: "L2F", "L2TPv2", "L2TPv3" or "unknown". */
const char *kl2tp_hdr_ver_name(unsigned int ver);

static inline bool kl2tp_hdr_is_ctrl(const struct kl2tp_hdr *h)
{
	return h->flags & KL2TP_HDR_T;
}

/* The data header we send: flags, Tunnel ID, Session ID [, Ns, Nr]. */
#define KL2TP_DATA_HDR_LEN	6
#define KL2TP_DATA_SEQ_LEN	4	/* Ns and Nr, when sequencing */
#define KL2TP_DATA_HDR_MAX	(KL2TP_DATA_HDR_LEN + KL2TP_DATA_SEQ_LEN)

/*
 * The fields every header has, in front of any other (the receive demux
 * reads them before it parses anything): flags and version, the Length
 * when KL2TP_HDR_L is set, the Tunnel ID, the Session ID.
 */
#define KL2TP_HDR_MIN_LEN	6	/* no Length */
#define KL2TP_HDR_IDS_LEN	4	/* Tunnel ID and Session ID */

/* Where the Tunnel ID starts in a header with these @flags. */
static inline unsigned int kl2tp_hdr_tid_off(u16 flags)
{
	return (flags & KL2TP_HDR_L) ? 4 : 2;
}

/*
 * kl2tp_data_hdr_put() - write the data header we send at @buf: Ver 2,
 * no Length, no offset; with @seq, S and Ns @ns (Nr 0: reserved in data
 * messages). @buf has room for KL2TP_DATA_HDR_LEN bytes, plus
 * KL2TP_DATA_SEQ_LEN with @seq. Returns the header length. The data path's
 * own builder: kl2tp_hdr_build() takes any header, at a cost per packet.
 */
static inline unsigned int kl2tp_data_hdr_put(u8 *buf, u16 tunnel_id,
					      u16 session_id, bool seq, u16 ns)
{
	kl2tp_put_be16(buf, KL2TP_VER_L2TPV2 | (seq ? KL2TP_HDR_S : 0));
	kl2tp_put_be16(buf + 2, tunnel_id);
	kl2tp_put_be16(buf + 4, session_id);
	if (!seq)
		return KL2TP_DATA_HDR_LEN;
	kl2tp_put_be16(buf + 6, ns);
	kl2tp_put_be16(buf + 8, 0);
	return KL2TP_DATA_HDR_LEN + KL2TP_DATA_SEQ_LEN;
}

#endif /* KL2TP_PROTO_L2TP_HDR_H */
