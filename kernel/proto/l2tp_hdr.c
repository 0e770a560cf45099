// SPDX-License-Identifier: GPL-2.0
/*
 * L2TPv2 message header codec (RFC 2661 3.1). See l2tp_hdr.h.
 */
#include "l2tp_hdr.h"

/* Header length implied by the flags, without offset pad. */
static unsigned int hdr_len_for(u16 flags)
{
	unsigned int n = 6;	/* flags/ver, tunnel id, session id */

	if (flags & KL2TP_HDR_L)
		n += 2;
	if (flags & KL2TP_HDR_S)
		n += 4;
	if (flags & KL2TP_HDR_O)
		n += 2;
	return n;
}

/* RFC 2661 3.1: a control message has L and S set, O and P clear. */
static bool ctrl_flags_ok(u16 flags)
{
	return (flags & (KL2TP_HDR_L | KL2TP_HDR_S | KL2TP_HDR_O |
			 KL2TP_HDR_P)) == (KL2TP_HDR_L | KL2TP_HDR_S);
}

int kl2tp_hdr_parse(struct kl2tp_hdr *h, const u8 *buf, size_t len,
		    unsigned int flags)
{
	unsigned int need, off;
	size_t end;
	u16 w;

	memset(h, 0, sizeof(*h));
	if (len < 2)
		return -EMSGSIZE;

	w = kl2tp_get_be16(buf);
	h->ver = w & KL2TP_HDR_VER_MASK;
	h->flags = w & KL2TP_HDR_FLAGS;
	h->rsvd = w & KL2TP_HDR_RSVD;

	/* Other versions lay out the rest differently: look no further. */
	if (h->ver == KL2TP_VER_L2TPV3)
		return -EPROTONOSUPPORT;
	if (h->ver != KL2TP_VER_L2TPV2)
		return -EPROTO;

	if ((flags & KL2TP_HDR_PARSE_STRICT) && h->rsvd)
		return -EINVAL;
	if ((h->flags & KL2TP_HDR_T) && !ctrl_flags_ok(h->flags))
		return -EINVAL;

	need = hdr_len_for(h->flags);
	if (len < need)
		return -EMSGSIZE;

	off = 2;
	if (h->flags & KL2TP_HDR_L) {
		h->length = kl2tp_get_be16(buf + off);
		off += 2;
	}
	h->tunnel_id = kl2tp_get_be16(buf + off);
	h->session_id = kl2tp_get_be16(buf + off + 2);
	off += 4;
	if (h->flags & KL2TP_HDR_S) {
		h->ns = kl2tp_get_be16(buf + off);
		h->nr = kl2tp_get_be16(buf + off + 2);
		off += 4;
	}
	if (h->flags & KL2TP_HDR_O)
		h->offset_size = kl2tp_get_be16(buf + off);
	h->hdr_len = need;

	end = len;
	if (h->flags & KL2TP_HDR_L) {
		if (h->length < need || h->length > len)
			return -EBADMSG;
		end = h->length;
	}

	if (h->offset_size > end - need)
		return -ERANGE;
	h->payload_off = need + h->offset_size;
	h->payload_len = end - h->payload_off;
	return 0;
}

int kl2tp_hdr_build(const struct kl2tp_hdr *h, u8 *buf, size_t cap)
{
	unsigned int need, off, total;

	if (h->flags & ~KL2TP_HDR_FLAGS)
		return -EINVAL;
	if ((h->flags & KL2TP_HDR_T) && !ctrl_flags_ok(h->flags))
		return -EINVAL;

	need = hdr_len_for(h->flags);
	total = need;
	if (h->flags & KL2TP_HDR_O)
		total += h->offset_size;
	if ((h->flags & KL2TP_HDR_L) && h->payload_len > 0xffff - total)
		return -EMSGSIZE;
	if (cap < total)
		return -ENOSPC;

	kl2tp_put_be16(buf, h->flags | KL2TP_VER_L2TPV2);
	off = 2;
	if (h->flags & KL2TP_HDR_L) {
		kl2tp_put_be16(buf + off, total + h->payload_len);
		off += 2;
	}
	kl2tp_put_be16(buf + off, h->tunnel_id);
	kl2tp_put_be16(buf + off + 2, h->session_id);
	off += 4;
	if (h->flags & KL2TP_HDR_S) {
		kl2tp_put_be16(buf + off, h->ns);
		kl2tp_put_be16(buf + off + 2, h->nr);
		off += 4;
	}
	if (h->flags & KL2TP_HDR_O) {
		kl2tp_put_be16(buf + off, h->offset_size);
		memset(buf + need, 0, h->offset_size);
	}
	return total;
}

const char *kl2tp_hdr_ver_name(unsigned int ver)
{
	switch (ver) {
	case KL2TP_VER_L2F:
		return "L2F";
	case KL2TP_VER_L2TPV2:
		return "L2TPv2";
	case KL2TP_VER_L2TPV3:
		return "L2TPv3";
	default:
		return "unknown";
	}
}
