// SPDX-License-Identifier: GPL-2.0
/*
 * PPP frame and control packet codec. See ppp_frame.h.
 */
#include "ppp_frame.h"

int kl2tp_ppp_frame_parse(struct kl2tp_ppp_frame *f, const u8 *buf,
			  size_t len)
{
	size_t off = 0;

	memset(f, 0, sizeof(*f));
	if (len >= 1 && buf[0] == KL2TP_PPP_ADDRESS) {
		if (len < 2 || buf[1] != KL2TP_PPP_CONTROL)
			return -EBADMSG;
		f->acf = true;
		off = 2;
	}
	if (off >= len)
		return -EBADMSG;
	if (buf[off] & 1) {
		/* One byte: the high byte 0 was left out (PFC). */
		f->proto = buf[off];
		f->pfc = true;
		off += 1;
	} else {
		if (len - off < 2 || !(buf[off + 1] & 1))
			return -EBADMSG;
		f->proto = kl2tp_get_be16(buf + off);
		off += 2;
	}
	f->data = buf + off;
	f->len = len - off;
	return 0;
}

int kl2tp_ppp_cp_parse(struct kl2tp_ppp_cp *cp, const u8 *buf, size_t len)
{
	u16 plen;

	memset(cp, 0, sizeof(*cp));
	if (len < KL2TP_PPP_CP_HDR_LEN)
		return -EBADMSG;
	plen = kl2tp_get_be16(buf + 2);
	if (plen < KL2TP_PPP_CP_HDR_LEN || plen > len)
		return -EBADMSG;
	cp->code = buf[0];
	cp->id = buf[1];
	cp->data = buf + KL2TP_PPP_CP_HDR_LEN;
	cp->len = plen - KL2TP_PPP_CP_HDR_LEN;
	return 0;
}

int kl2tp_ppp_opt_next(const u8 **pos, size_t *left, struct kl2tp_ppp_opt *o)
{
	const u8 *p = *pos;
	u8 olen;

	if (!*left)
		return 0;
	if (*left < KL2TP_PPP_OPT_HDR_LEN)
		return -EBADMSG;
	olen = p[1];
	if (olen < KL2TP_PPP_OPT_HDR_LEN || olen > *left)
		return -EBADMSG;
	o->type = p[0];
	o->len = olen - KL2TP_PPP_OPT_HDR_LEN;
	o->val = p + KL2TP_PPP_OPT_HDR_LEN;
	o->raw = p;
	*pos = p + olen;
	*left -= olen;
	return 1;
}

int kl2tp_ppp_opts_valid(const u8 *buf, size_t len)
{
	struct kl2tp_ppp_opt o;
	int ret;

	while ((ret = kl2tp_ppp_opt_next(&buf, &len, &o)) > 0)
		;
	return ret;
}

void kl2tp_ppp_buf_init(struct kl2tp_ppp_buf *b, u8 *buf, size_t cap)
{
	b->buf = buf;
	b->cap = buf ? cap : 0;
	b->len = 0;
	b->cp = (size_t)-1;
	b->err = 0;
}

void kl2tp_ppp_put(struct kl2tp_ppp_buf *b, const void *p, size_t len)
{
	if (b->err || !len)
		return;
	if (len > b->cap - b->len) {
		b->err = -ENOSPC;
		return;
	}
	memcpy(b->buf + b->len, p, len);
	b->len += len;
}

void kl2tp_ppp_put_u8(struct kl2tp_ppp_buf *b, u8 v)
{
	kl2tp_ppp_put(b, &v, 1);
}

void kl2tp_ppp_put_be16(struct kl2tp_ppp_buf *b, u16 v)
{
	u8 x[2];

	kl2tp_put_be16(x, v);
	kl2tp_ppp_put(b, x, sizeof(x));
}

void kl2tp_ppp_put_be32(struct kl2tp_ppp_buf *b, u32 v)
{
	u8 x[4];

	kl2tp_put_be32(x, v);
	kl2tp_ppp_put(b, x, sizeof(x));
}

void kl2tp_ppp_put_hdr(struct kl2tp_ppp_buf *b, u16 proto, bool acfc,
		       bool pfc)
{
	if (!acfc) {
		kl2tp_ppp_put_u8(b, KL2TP_PPP_ADDRESS);
		kl2tp_ppp_put_u8(b, KL2TP_PPP_CONTROL);
	}
	if (pfc && proto < 0x100)
		kl2tp_ppp_put_u8(b, proto);
	else
		kl2tp_ppp_put_be16(b, proto);
}

void kl2tp_ppp_cp_begin(struct kl2tp_ppp_buf *b, u8 code, u8 id)
{
	u8 hdr[KL2TP_PPP_CP_HDR_LEN] = { code, id, 0, 0 };
	size_t at = b->len;

	kl2tp_ppp_put(b, hdr, sizeof(hdr));
	if (!b->err)
		b->cp = at;
}

void kl2tp_ppp_cp_end(struct kl2tp_ppp_buf *b)
{
	size_t n;

	if (b->err)
		return;
	if (b->cp > b->len || b->len - b->cp < KL2TP_PPP_CP_HDR_LEN) {
		b->err = -EINVAL;
		return;
	}
	n = b->len - b->cp;
	if (n > 0xffff) {
		b->err = -EMSGSIZE;
		return;
	}
	kl2tp_put_be16(b->buf + b->cp + 2, (u16)n);
}

void kl2tp_ppp_put_opt(struct kl2tp_ppp_buf *b, u8 type, const void *val,
		       size_t len)
{
	u8 hdr[KL2TP_PPP_OPT_HDR_LEN];

	if (b->err)
		return;
	if (len > 255 - KL2TP_PPP_OPT_HDR_LEN) {
		b->err = -EMSGSIZE;
		return;
	}
	if (len + sizeof(hdr) > b->cap - b->len) {
		b->err = -ENOSPC;
		return;
	}
	hdr[0] = type;
	hdr[1] = (u8)(len + sizeof(hdr));
	kl2tp_ppp_put(b, hdr, sizeof(hdr));
	kl2tp_ppp_put(b, val, len);
}

void kl2tp_ppp_put_opt_u16(struct kl2tp_ppp_buf *b, u8 type, u16 v)
{
	u8 x[2];

	kl2tp_put_be16(x, v);
	kl2tp_ppp_put_opt(b, type, x, sizeof(x));
}

void kl2tp_ppp_put_opt_u32(struct kl2tp_ppp_buf *b, u8 type, u32 v)
{
	u8 x[4];

	kl2tp_put_be32(x, v);
	kl2tp_ppp_put_opt(b, type, x, sizeof(x));
}

void kl2tp_ppp_io_begin(struct kl2tp_ppp_io *io, struct kl2tp_ppp_buf *b,
			u16 proto)
{
	kl2tp_ppp_buf_init(b, io->tx, io->tx_cap);
	kl2tp_ppp_put_hdr(b, proto, false, false);
}

int kl2tp_ppp_io_send(struct kl2tp_ppp_io *io, struct kl2tp_ppp_buf *b)
{
	if (b->err)
		return b->err;
	io->send(io->ctx, b->buf, b->len);
	return 0;
}

const char *kl2tp_ppp_proto_name(u16 proto)
{
	switch (proto) {
	case KL2TP_PPP_IP:
		return "IP";
	case KL2TP_PPP_VJ_COMP:
		return "VJ-Compressed-TCP";
	case KL2TP_PPP_VJ_UNCOMP:
		return "VJ-Uncompressed-TCP";
	case KL2TP_PPP_IPV6:
		return "IPv6";
	case KL2TP_PPP_COMP:
		return "Compressed-Datagram";
	case KL2TP_PPP_IPCP:
		return "IPCP";
	case KL2TP_PPP_IPV6CP:
		return "IPV6CP";
	case KL2TP_PPP_CCP:
		return "CCP";
	case KL2TP_PPP_LCP:
		return "LCP";
	case KL2TP_PPP_PAP:
		return "PAP";
	case KL2TP_PPP_LQR:
		return "LQR";
	case KL2TP_PPP_CHAP:
		return "CHAP";
	case KL2TP_PPP_EAP:
		return "EAP";
	default:
		return "unknown";
	}
}

const char *kl2tp_ppp_code_name(u8 code)
{
	static const char * const names[] = {
		[KL2TP_PPP_CONF_REQ] = "Configure-Request",
		[KL2TP_PPP_CONF_ACK] = "Configure-Ack",
		[KL2TP_PPP_CONF_NAK] = "Configure-Nak",
		[KL2TP_PPP_CONF_REJ] = "Configure-Reject",
		[KL2TP_PPP_TERM_REQ] = "Terminate-Request",
		[KL2TP_PPP_TERM_ACK] = "Terminate-Ack",
		[KL2TP_PPP_CODE_REJ] = "Code-Reject",
		[KL2TP_PPP_PROTO_REJ] = "Protocol-Reject",
		[KL2TP_PPP_ECHO_REQ] = "Echo-Request",
		[KL2TP_PPP_ECHO_REP] = "Echo-Reply",
		[KL2TP_PPP_DISC_REQ] = "Discard-Request",
		[KL2TP_PPP_IDENTIFICATION] = "Identification",
		[KL2TP_PPP_TIME_REMAINING] = "Time-Remaining",
	};

	if (code < ARRAY_SIZE(names) && names[code])
		return names[code];
	return "unknown";
}
