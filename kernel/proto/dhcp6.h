/* SPDX-License-Identifier: GPL-2.0 */
/*
 * DHCPv6 (RFC 8415) as kl2tp speaks it over a PPP link: prefix delegation
 * only (IA_PD), the LNS the one server of the link and the client its one
 * client. The server answers Solicit (Advertise, or Reply with Rapid
 * Commit), Request, Renew, Rebind, Release and Information-Request from
 * what the LNS holds for the session (one delegated prefix, its DNS
 * servers); it assigns no address (an IA_NA gets NoAddrsAvail). The
 * client side builds the messages a requesting router sends for one
 * IA_PD. Messages are UDP payloads; kl2tp_udp6_build() and
 * kl2tp_udp6_parse() wrap and unwrap them in IPv6 and UDP.
 *
 * Like the rest of the protocol core, nothing here allocates, locks or
 * reads a clock: the glue keeps the state and the timers.
 */
#ifndef KL2TP_PROTO_DHCP6_H
#define KL2TP_PROTO_DHCP6_H

#include "platform.h"

#define KL2TP_DHCP6_CLIENT_PORT		546
#define KL2TP_DHCP6_SERVER_PORT		547
/* All_DHCP_Relay_Agents_and_Servers, ff02::1:2 (RFC 8415 7.1) */
#define KL2TP_DHCP6_SERVERS_ADDR \
	{ 0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, 0, 0x02 }

/* Message types (RFC 8415 7.3). */
#define KL2TP_DHCP6_SOLICIT		1
#define KL2TP_DHCP6_ADVERTISE		2
#define KL2TP_DHCP6_REQUEST		3
#define KL2TP_DHCP6_CONFIRM		4
#define KL2TP_DHCP6_RENEW		5
#define KL2TP_DHCP6_REBIND		6
#define KL2TP_DHCP6_REPLY		7
#define KL2TP_DHCP6_RELEASE		8
#define KL2TP_DHCP6_DECLINE		9
#define KL2TP_DHCP6_INFO_REQUEST	11

/* Options (RFC 8415 21, RFC 3646). */
#define KL2TP_DHCP6_OPT_CLIENTID	1
#define KL2TP_DHCP6_OPT_SERVERID	2
#define KL2TP_DHCP6_OPT_IA_NA		3
#define KL2TP_DHCP6_OPT_IA_TA		4
#define KL2TP_DHCP6_OPT_ORO		6
#define KL2TP_DHCP6_OPT_ELAPSED_TIME	8
#define KL2TP_DHCP6_OPT_STATUS_CODE	13
#define KL2TP_DHCP6_OPT_RAPID_COMMIT	14
#define KL2TP_DHCP6_OPT_DNS_SERVERS	23
#define KL2TP_DHCP6_OPT_IA_PD		25
#define KL2TP_DHCP6_OPT_IAPREFIX	26

/* Status codes (RFC 8415 21.13). */
#define KL2TP_DHCP6_SUCCESS		0
#define KL2TP_DHCP6_NO_ADDRS_AVAIL	2
#define KL2TP_DHCP6_NO_BINDING		3
#define KL2TP_DHCP6_NO_PREFIX_AVAIL	6
#define KL2TP_DHCP6_NO_STATUS		0xffff	/* none in the message */

/* A DUID is 2 to 130 bytes (RFC 8415 11.1: type and up to 128 more). */
#define KL2TP_DHCP6_DUID_MIN		2
#define KL2TP_DHCP6_DUID_MAX		130
#define KL2TP_DHCP6_DNS_MAX		2
#define KL2TP_UDP6_HDR_LEN		48	/* IPv6 and UDP headers */
/* Room for any message built here, headers included. */
#define KL2TP_DHCP6_PKT_MAX		(KL2TP_UDP6_HDR_LEN + 512)

/**
 * struct kl2tp_dhcp6_prefix - a delegated prefix (an IAPREFIX option)
 * @prefix: the prefix, no bit set beyond @len
 * @len: its length, 0: none
 * @preferred: preferred lifetime, seconds
 * @valid: valid lifetime, seconds (>= @preferred)
 */
struct kl2tp_dhcp6_prefix {
	u8 prefix[16];
	u8 len;
	u32 preferred;
	u32 valid;
};

/**
 * struct kl2tp_dhcp6_msg - what kl2tp_dhcp6_parse() read of a message
 * @type: the message type
 * @xid: its transaction id
 * @client_id_len: Client Identifier's length, 0 when absent
 * @client_id: the client's DUID
 * @server_id_len: Server Identifier's length, 0 when absent
 * @server_id: the server's DUID
 * @n_ia_pd: IA_PD options (only the first one's fields are kept)
 * @iaid: the first IA_PD's IAID
 * @t1: its T1, seconds
 * @t2: its T2, seconds
 * @pfx: its first IAPREFIX with a valid lifetime, else its first (@pfx.len
 *	0: none; a /0 is read as none)
 * @pd_status: its Status Code, or KL2TP_DHCP6_NO_STATUS
 * @n_ia_na: IA_NA and IA_TA options (kl2tp assigns no address)
 * @ia_na_iaid: the first IA_NA's IAID
 * @status: the message's own Status Code, or KL2TP_DHCP6_NO_STATUS
 * @oro_dns: its Option Request option asks for DNS servers
 * @rapid_commit: it has a Rapid Commit option
 * @n_dns: DNS servers in its DNS Recursive Name Server option (at most
 *	KL2TP_DHCP6_DNS_MAX kept)
 * @dns: their addresses
 */
struct kl2tp_dhcp6_msg {
	u8 type;
	u8 xid[3];
	u8 client_id_len;
	u8 server_id_len;
	u8 client_id[KL2TP_DHCP6_DUID_MAX];
	u8 server_id[KL2TP_DHCP6_DUID_MAX];
	u8 n_ia_pd;
	u32 iaid;
	u32 t1;
	u32 t2;
	struct kl2tp_dhcp6_prefix pfx;
	u16 pd_status;
	u8 n_ia_na;
	u32 ia_na_iaid;
	u16 status;
	bool oro_dns;
	bool rapid_commit;
	u8 n_dns;
	u8 dns[KL2TP_DHCP6_DNS_MAX][16];
};

/*
 * kl2tp_dhcp6_parse() - read the DHCPv6 message @p (@len bytes, a UDP
 * payload) into @m. Returns 0, or -EINVAL when it is malformed: shorter
 * than its header, an option running past its container, an option
 * shorter than its fixed part, a Client or Server Identifier of the
 * wrong size or given twice, an IAPREFIX longer than 128 bits, a DNS
 * option not a multiple of 16 bytes.
 */
int kl2tp_dhcp6_parse(struct kl2tp_dhcp6_msg *m, const u8 *p, size_t len);

/**
 * struct kl2tp_dhcp6_server - what the server holds for its one client
 * @duid: its own DUID (KL2TP_DHCP6_DUID_MIN..MAX bytes)
 * @duid_len: its length
 * @pfx: the prefix delegated to the link (@pfx.len 0: none to give)
 * @t1: T1 to give, seconds (0: kl2tp_dhcp6_t1()'s)
 * @t2: T2 to give, seconds (0: kl2tp_dhcp6_t2()'s)
 * @n_dns: DNS servers to give (0..KL2TP_DHCP6_DNS_MAX)
 * @dns: their addresses
 */
struct kl2tp_dhcp6_server {
	const u8 *duid;
	u8 duid_len;
	struct kl2tp_dhcp6_prefix pfx;
	u32 t1;
	u32 t2;
	u8 n_dns;
	u8 dns[KL2TP_DHCP6_DNS_MAX][16];
};

/* An IA_PD's T1 and T2: @t as given, else RFC 8415 21.21's recommendation. */
static inline u32 kl2tp_dhcp6_t1(u32 t, u32 preferred)
{
	return t ?: preferred / 2;
}

static inline u32 kl2tp_dhcp6_t2(u32 t, u32 preferred)
{
	return t ?: preferred / 5 * 4;
}

/*
 * kl2tp_dhcp6_answer() - the server's answer to client message @q into
 * @buf (@cap bytes): Advertise to a Solicit (a Reply with Rapid Commit
 * when it asks), a Reply to Request, Renew, Rebind, Release and
 * Information-Request. Messages RFC 8415 16 says to discard (no Client
 * Identifier where one is required, a Server Identifier where none may
 * be or naming another server) and other types get none. Each IA_PD is
 * answered with @s's prefix, a prefix of the client's that is not it
 * with lifetimes 0, NoPrefixAvail when @s has none; an IA_NA with
 * NoAddrsAvail. Returns the answer's length, 0 for none, -ENOSPC.
 */
int kl2tp_dhcp6_answer(const struct kl2tp_dhcp6_server *s,
		       const struct kl2tp_dhcp6_msg *q, u8 *buf, size_t cap);

/**
 * struct kl2tp_dhcp6_client - what a requesting router says about itself
 * @duid: its DUID
 * @duid_len: its length
 * @iaid: its one IA_PD's IAID
 * @server_id: the server chosen (Request, Renew, Release), or NULL
 * @server_id_len: its length
 * @pfx: the prefix it holds (Request, Renew, Rebind, Release), or len 0
 * @elapsed: centiseconds since the exchange began (Elapsed Time)
 */
struct kl2tp_dhcp6_client {
	const u8 *duid;
	u8 duid_len;
	u32 iaid;
	const u8 *server_id;
	u8 server_id_len;
	struct kl2tp_dhcp6_prefix pfx;
	u16 elapsed;
};

/*
 * kl2tp_dhcp6_client_build() - client message @type (Solicit with Rapid
 * Commit, Request, Renew, Rebind, Release) with transaction id @xid into
 * @buf (@cap bytes): Client Identifier, Server Identifier where the type
 * takes one, Elapsed Time, an Option Request for DNS servers, one IA_PD
 * with the prefix held. Returns its length, -EINVAL (another type, no
 * server for a type that needs one), -ENOSPC.
 */
int kl2tp_dhcp6_client_build(const struct kl2tp_dhcp6_client *c, u8 type,
			     const u8 *xid, u8 *buf, size_t cap);

/*
 * kl2tp_udp6_build() - the IPv6 and UDP headers (KL2TP_UDP6_HDR_LEN
 * bytes) at @pkt for the @len bytes of payload that follow them, from
 * @src port @sport to @dst port @dport, hop limit 255 (on-link only),
 * the UDP checksum set. Returns the packet's length.
 */
size_t kl2tp_udp6_build(u8 *pkt, const u8 *src, const u8 *dst, u16 sport,
			u16 dport, size_t len);

/*
 * kl2tp_udp6_parse() - @pkt (@len bytes) is an IPv6 packet with UDP
 * right after the fixed header, lengths consistent, checksum correct (not
 * 0): its ports into *@sport, *@dport and its payload into *@data,
 * *@dlen. Returns 0 or -EINVAL.
 */
int kl2tp_udp6_parse(const u8 *pkt, size_t len, u16 *sport, u16 *dport,
		     const u8 **data, size_t *dlen);

#endif /* KL2TP_PROTO_DHCP6_H */
