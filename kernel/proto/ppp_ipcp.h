/* SPDX-License-Identifier: GPL-2.0 */
/*
 * IPCP, the IP Control Protocol (RFC 1332), with the DNS options of RFC
 * 1877, on the automaton of ppp_fsm.h.
 *
 * Addresses are u32 in host byte order (kl2tp_get_be32() of the wire
 * value); 0 is 0.0.0.0, "unknown".
 *
 * Server (LNS): we request IP-Address cfg.local (a Nak does not change it,
 * a Reject drops it). The peer's IP-Address must be cfg.peer: 0.0.0.0 or
 * another value is Nak'd with it, and a request without it gets a Nak
 * hinting it. Primary/Secondary-DNS-Address requests are Nak'd with
 * cfg.dns1/cfg.dns2 unless equal, or Rejected when that is 0.
 *
 * Client (LAC): we request IP-Address cfg.local (0.0.0.0: "assign me
 * one") and, if cfg.want_dns, both DNS addresses as 0.0.0.0; we take the
 * values Nak'd, and stop asking for a DNS option the server Rejects. A
 * Reject of IP-Address ends the negotiation (KL2TP_PPP_R_NO_ADDRESS). We
 * Ack any non-zero IP-Address of the server and Reject 0.0.0.0.
 *
 * Both: IP-Compression-Protocol, the old IP-Addresses option, the NBNS
 * options, unknown options and known ones of the wrong length are
 * Rejected.
 */
#ifndef KL2TP_PROTO_PPP_IPCP_H
#define KL2TP_PROTO_PPP_IPCP_H

#include "ppp_fsm.h"

/* IPCP Configuration Option types (RFC 1332, RFC 1877). */
enum kl2tp_ppp_ipcp_opt {
	KL2TP_PPP_IPCP_ADDRS = 1,	/* deprecated */
	KL2TP_PPP_IPCP_COMP = 2,
	KL2TP_PPP_IPCP_ADDR = 3,
	KL2TP_PPP_IPCP_DNS1 = 129,
	KL2TP_PPP_IPCP_NBNS1 = 130,
	KL2TP_PPP_IPCP_DNS2 = 131,
	KL2TP_PPP_IPCP_NBNS2 = 132,
};

/**
 * struct kl2tp_ppp_ipcp_addrs - the addresses of one link, host order
 * @local: ours
 * @peer: the peer's
 * @dns1: primary DNS server (0: none)
 * @dns2: secondary DNS server (0: none)
 */
struct kl2tp_ppp_ipcp_addrs {
	u32 local;
	u32 peer;
	u32 dns1;
	u32 dns2;
};

/**
 * struct kl2tp_ppp_ipcp_cfg - IPCP configuration
 * @server: we assign the peer's address (LNS) rather than ask for ours
 * @addrs: server: all four as above (@addrs.peer non-zero); client:
 *	@addrs.local is the address we ask for (usually 0), the rest unused
 * @want_dns: client: ask for DNS server addresses
 */
struct kl2tp_ppp_ipcp_cfg {
	bool server;
	struct kl2tp_ppp_ipcp_addrs addrs;
	bool want_dns;
};

/**
 * struct kl2tp_ppp_ipcp - IPCP of one session
 * @fsm: its automaton (fsm.priv is this struct)
 * @cfg: configuration
 * @want: the values we request
 * @req_addr: we request IP-Address
 * @req_dns1: we request Primary-DNS-Address
 * @req_dns2: we request Secondary-DNS-Address
 * @peer: the values of the peer's request (.local unused)
 * @peer_addr_seen: the peer's request carried IP-Address
 */
struct kl2tp_ppp_ipcp {
	struct kl2tp_ppp_fsm fsm;
	struct kl2tp_ppp_ipcp_cfg cfg;
	struct kl2tp_ppp_ipcp_addrs want;
	bool req_addr;
	bool req_dns1;
	bool req_dns2;
	struct kl2tp_ppp_ipcp_addrs peer;
	bool peer_addr_seen;
};

/*
 * kl2tp_ppp_ipcp_init() - IPCP in the Initial state.
 * Returns 0, or -EINVAL for a server @cfg without a peer address, or an
 * invalid @p.
 */
int kl2tp_ppp_ipcp_init(struct kl2tp_ppp_ipcp *ic,
			const struct kl2tp_ppp_ipcp_cfg *cfg,
			const struct kl2tp_ppp_fsm_ops *ops, void *owner,
			struct kl2tp_ppp_io *io,
			const struct kl2tp_ppp_fsm_params *p);

/*
 * kl2tp_ppp_ipcp_result() - the negotiated addresses (meaningful once
 * Opened). Server: cfg's local and peer, and the DNS addresses the peer
 * asked for and got. Client: the address and DNS servers we obtained, and
 * the server's address (0 if it did not say).
 */
void kl2tp_ppp_ipcp_result(const struct kl2tp_ppp_ipcp *ic,
			   struct kl2tp_ppp_ipcp_addrs *out);

#endif /* KL2TP_PROTO_PPP_IPCP_H */
