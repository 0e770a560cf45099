/* SPDX-License-Identifier: GPL-2.0 */
/*
 * PPP frames as L2TP carries them (RFC 2661 2, RFC 1661 2 and 5).
 *
 * An L2TP data message carries one PPP frame without HDLC flags, FCS or
 * byte stuffing:
 *
 *	+----------+----------+----------+-------------+---------+
 *	| Address  | Control  | Protocol | Information | Padding |
 *	| 0xff     | 0x03     | 1 or 2   | *           | *       |
 *	+----------+----------+----------+-------------+---------+
 *
 * Address and Control may be left out once Address-and-Control-Field-
 * Compression was negotiated (ACFC), and a Protocol value below 0x100 may
 * be sent in one byte once Protocol-Field-Compression was (PFC). A receiver
 * accepts both forms at any time (RFC 1661 6.5, 6.6): the parser does.
 *
 * The Information field of LCP, IPCP and the other control protocols is
 * one control packet:
 *
 *	+--------+------------+--------------+---------
 *	| Code   | Identifier | Length (2)   | Data ...
 *	+--------+------------+--------------+---------
 *
 * Length counts the four header bytes; bytes past it are padding.
 * Configure-Request/Ack/Nak/Reject carry a list of options, each
 *
 *	+--------+--------+---------
 *	| Type   | Length | Data ...
 *	+--------+--------+---------
 *
 * with Length counting the two header bytes (so >= 2).
 *
 * Send: a struct kl2tp_ppp_buf collects bytes with kl2tp_ppp_put_*(); the
 * first error sticks in ->err and later puts do nothing, so a caller checks
 * once at the end.
 */
#ifndef KL2TP_PROTO_PPP_FRAME_H
#define KL2TP_PROTO_PPP_FRAME_H

#include "platform.h"

#define KL2TP_PPP_ADDRESS	0xff	/* all-stations address */
#define KL2TP_PPP_CONTROL	0x03	/* unnumbered information */
#define KL2TP_PPP_HDR_LEN	4	/* address, control, 2-byte protocol */
#define KL2TP_PPP_CP_HDR_LEN	4	/* code, identifier, length */
#define KL2TP_PPP_OPT_HDR_LEN	2	/* type, length */

/* MRU limits: the default of RFC 1661 6.1, and what we accept. */
#define KL2TP_PPP_DEF_MRU	1500
#define KL2TP_PPP_MIN_MRU	128
#define KL2TP_PPP_MAX_MRU	1500

/* Protocol field values (the IANA PPP DLL protocol numbers). */
enum kl2tp_ppp_proto {
	KL2TP_PPP_IP = 0x0021,
	KL2TP_PPP_VJ_COMP = 0x002d,
	KL2TP_PPP_VJ_UNCOMP = 0x002f,
	KL2TP_PPP_IPV6 = 0x0057,
	KL2TP_PPP_COMP = 0x00fd,
	KL2TP_PPP_IPCP = 0x8021,
	KL2TP_PPP_IPV6CP = 0x8057,
	KL2TP_PPP_CCP = 0x80fd,
	KL2TP_PPP_LCP = 0xc021,
	KL2TP_PPP_PAP = 0xc023,
	KL2TP_PPP_LQR = 0xc025,
	KL2TP_PPP_CHAP = 0xc223,
	KL2TP_PPP_EAP = 0xc227,
};

/* Codes shared by LCP and the NCPs (RFC 1661 5), and LCP's own. */
enum kl2tp_ppp_code {
	KL2TP_PPP_CONF_REQ = 1,
	KL2TP_PPP_CONF_ACK = 2,
	KL2TP_PPP_CONF_NAK = 3,
	KL2TP_PPP_CONF_REJ = 4,
	KL2TP_PPP_TERM_REQ = 5,
	KL2TP_PPP_TERM_ACK = 6,
	KL2TP_PPP_CODE_REJ = 7,
	KL2TP_PPP_PROTO_REJ = 8,	/* LCP only, from here on */
	KL2TP_PPP_ECHO_REQ = 9,
	KL2TP_PPP_ECHO_REP = 10,
	KL2TP_PPP_DISC_REQ = 11,
	KL2TP_PPP_IDENTIFICATION = 12,	/* RFC 1570 */
	KL2TP_PPP_TIME_REMAINING = 13,	/* RFC 1570 */
};

/**
 * struct kl2tp_ppp_frame - one decoded PPP frame
 * @proto: Protocol field value
 * @data: the Information field (and any padding)
 * @len: its length
 * @acf: the frame carried the Address and Control fields
 * @pfc: the Protocol field was one byte
 */
struct kl2tp_ppp_frame {
	u16 proto;
	const u8 *data;
	size_t len;
	bool acf;
	bool pfc;
};

/**
 * struct kl2tp_ppp_cp - one decoded control packet
 * @code: Code
 * @id: Identifier
 * @data: the Data field, padding removed
 * @len: its length (the Length field less 4)
 */
struct kl2tp_ppp_cp {
	u8 code;
	u8 id;
	const u8 *data;
	size_t len;
};

/**
 * struct kl2tp_ppp_opt - one configuration option
 * @type: Type
 * @len: length of @val (the Length field less 2)
 * @val: its value
 * @raw: the whole option, header included (@len + 2 bytes)
 */
struct kl2tp_ppp_opt {
	u8 type;
	u8 len;
	const u8 *val;
	const u8 *raw;
};

/*
 * kl2tp_ppp_frame_parse() - decode the PPP header of an L2TP payload.
 * @f: filled in
 * @buf: the payload (the PPP frame)
 * @len: its length
 *
 * Returns 0, or -EBADMSG when the frame is too short to hold a Protocol
 * field, or starts with 0xff not followed by 0x03, or its Protocol field is
 * not a valid value (RFC 1661 2: the low bit of the last byte set, of every
 * other byte clear).
 */
int kl2tp_ppp_frame_parse(struct kl2tp_ppp_frame *f, const u8 *buf,
			  size_t len);

/*
 * kl2tp_ppp_cp_parse() - decode the control packet of an Information field.
 * Returns 0, or -EBADMSG when it is shorter than 4 bytes, its Length is
 * below 4 or runs past @len.
 */
int kl2tp_ppp_cp_parse(struct kl2tp_ppp_cp *cp, const u8 *buf, size_t len);

/*
 * kl2tp_ppp_opt_next() - take the next option of an option list.
 * @pos: in: where the list left off, out: past the option taken
 * @left: bytes left at *@pos, updated
 * @o: filled when 1 is returned
 *
 * Returns 1 with @o filled, 0 at the end of the list, or -EBADMSG when the
 * option's Length is below 2 or runs past the list (the list is then
 * malformed as a whole: discard the packet).
 */
int kl2tp_ppp_opt_next(const u8 **pos, size_t *left, struct kl2tp_ppp_opt *o);

/*
 * kl2tp_ppp_opts_valid() - 0 if @len bytes at @buf are a well-formed option
 * list (every option as kl2tp_ppp_opt_next() wants it), else -EBADMSG.
 */
int kl2tp_ppp_opts_valid(const u8 *buf, size_t len);

/**
 * struct kl2tp_ppp_buf - PPP frame output buffer
 * @buf: where the frame goes
 * @cap: bytes available at @buf
 * @len: bytes written so far
 * @cp: offset of the control packet being built (kl2tp_ppp_cp_begin())
 * @err: first error, sticky: -ENOSPC (@cap too small), -EMSGSIZE (a value
 *	longer than its length field allows), -EINVAL (kl2tp_ppp_cp_end()
 *	without a kl2tp_ppp_cp_begin()). On error, @len stays where the
 *	failing put found it.
 */
struct kl2tp_ppp_buf {
	u8 *buf;
	size_t cap;
	size_t len;
	size_t cp;
	int err;
};

void kl2tp_ppp_buf_init(struct kl2tp_ppp_buf *b, u8 *buf, size_t cap);

/* Raw bytes; @len 0 writes nothing (then @p may be NULL). */
void kl2tp_ppp_put(struct kl2tp_ppp_buf *b, const void *p, size_t len);
void kl2tp_ppp_put_u8(struct kl2tp_ppp_buf *b, u8 v);
void kl2tp_ppp_put_be16(struct kl2tp_ppp_buf *b, u16 v);
void kl2tp_ppp_put_be32(struct kl2tp_ppp_buf *b, u32 v);

/*
 * kl2tp_ppp_put_hdr() - Address/Control (unless @acfc) and the Protocol
 * field (one byte if @pfc and @proto < 0x100).
 */
void kl2tp_ppp_put_hdr(struct kl2tp_ppp_buf *b, u16 proto, bool acfc,
		       bool pfc);

/*
 * kl2tp_ppp_cp_begin() / kl2tp_ppp_cp_end() - a control packet: begin
 * writes Code, Identifier and a placeholder Length, end fills Length in
 * (-EMSGSIZE past 65535). Data goes between the two.
 */
void kl2tp_ppp_cp_begin(struct kl2tp_ppp_buf *b, u8 code, u8 id);
void kl2tp_ppp_cp_end(struct kl2tp_ppp_buf *b);

/* One option: Type, Length (@len + 2; -EMSGSIZE past 255), value. */
void kl2tp_ppp_put_opt(struct kl2tp_ppp_buf *b, u8 type, const void *val,
		       size_t len);
void kl2tp_ppp_put_opt_u16(struct kl2tp_ppp_buf *b, u8 type, u16 v);
void kl2tp_ppp_put_opt_u32(struct kl2tp_ppp_buf *b, u8 type, u32 v);

/**
 * struct kl2tp_ppp_io - where the PPP engine's packets go
 *
 * Shared by the layers of one PPP session (LCP, authentication, NCPs):
 * calls into them are serialised by the caller, so one frame buffer does.
 *
 * @tx: frame buffer, @tx_cap bytes: a frame is built there, then handed
 *	to @send; a reply longer than the buffer is not sent
 * @tx_cap: its size (KL2TP_PPP_MAX_MRU + KL2TP_PPP_HDR_LEN is enough)
 * @peer_mru: the peer's MRU: the rejected packet quoted by Code-Reject
 *	and Protocol-Reject is truncated to fit it
 * @send: transmit @len bytes at @frame (Address, Control and a two-byte
 *	Protocol first); the frame is only valid during the call. Must not
 *	call back into the PPP engine.
 * @random: fill @len bytes at @buf with unpredictable bytes (magic
 *	numbers, challenges)
 * @ctx: first argument of @send and @random
 */
struct kl2tp_ppp_io {
	u8 *tx;
	size_t tx_cap;
	u16 peer_mru;
	void (*send)(void *ctx, const u8 *frame, size_t len);
	void (*random)(void *ctx, void *buf, size_t len);
	void *ctx;
};

/*
 * kl2tp_ppp_io_begin() - start a frame of @proto in @io->tx: @b is
 * initialised there and the uncompressed header written.
 * kl2tp_ppp_io_send() - hand @b's frame to @io->send unless @b->err.
 * Returns @b->err (nothing sent) or 0.
 */
void kl2tp_ppp_io_begin(struct kl2tp_ppp_io *io, struct kl2tp_ppp_buf *b,
			u16 proto);
int kl2tp_ppp_io_send(struct kl2tp_ppp_io *io, struct kl2tp_ppp_buf *b);

/* Names for logs; never NULL. */
const char *kl2tp_ppp_proto_name(u16 proto);	/* "LCP" */
const char *kl2tp_ppp_code_name(u8 code);	/* "Configure-Request" */

#endif /* KL2TP_PROTO_PPP_FRAME_H */
