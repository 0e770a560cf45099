/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A RADIUS client (RFC 2865, 2866, 2869, 3579 Message-Authenticator) for
 * kl2tp-aaad: requests built attribute by attribute, sent to servers in
 * failover order, replies taken only when they check. Thread-safe: each
 * exchange uses its own socket, a client is read-only once set up.
 */
#ifndef KL2TP_AAAD_RADIUS_H
#define KL2TP_AAAD_RADIUS_H

#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>

#define RAD_MAX_LEN		4096	/* RFC 2865 3 */
#define RAD_HDR_LEN		20
#define RAD_AUTH_LEN		16
#define RAD_SECRET_MAX		128
#define RAD_SERVERS_MAX		8
#define RAD_PASSWORD_MAX	128	/* RFC 2865 5.2 */

/* Codes. */
enum {
	RAD_ACCESS_REQUEST = 1,
	RAD_ACCESS_ACCEPT = 2,
	RAD_ACCESS_REJECT = 3,
	RAD_ACCOUNTING_REQUEST = 4,
	RAD_ACCOUNTING_RESPONSE = 5,
	RAD_ACCESS_CHALLENGE = 11,
	RAD_DISCONNECT_REQUEST = 40,
	RAD_DISCONNECT_ACK = 41,
	RAD_DISCONNECT_NAK = 42,
	RAD_COA_REQUEST = 43,
	RAD_COA_ACK = 44,
	RAD_COA_NAK = 45,
};

/* Attributes used here. */
enum {
	RAD_USER_NAME = 1,
	RAD_USER_PASSWORD = 2,
	RAD_CHAP_PASSWORD = 3,
	RAD_NAS_IP_ADDRESS = 4,
	RAD_NAS_PORT = 5,
	RAD_SERVICE_TYPE = 6,
	RAD_FRAMED_PROTOCOL = 7,
	RAD_FRAMED_IP_ADDRESS = 8,
	RAD_FRAMED_MTU = 12,
	RAD_REPLY_MESSAGE = 18,
	RAD_FRAMED_ROUTE = 22,
	RAD_CLASS = 25,
	RAD_VENDOR_SPECIFIC = 26,
	RAD_SESSION_TIMEOUT = 27,
	RAD_IDLE_TIMEOUT = 28,
	RAD_CALLED_STATION_ID = 30,
	RAD_CALLING_STATION_ID = 31,
	RAD_NAS_IDENTIFIER = 32,
	RAD_ACCT_STATUS_TYPE = 40,
	RAD_ACCT_INPUT_OCTETS = 42,
	RAD_ACCT_OUTPUT_OCTETS = 43,
	RAD_ACCT_SESSION_ID = 44,
	RAD_ACCT_SESSION_TIME = 46,
	RAD_ACCT_INPUT_PACKETS = 47,
	RAD_ACCT_OUTPUT_PACKETS = 48,
	RAD_ACCT_TERMINATE_CAUSE = 49,
	RAD_ACCT_INPUT_GIGAWORDS = 52,
	RAD_ACCT_OUTPUT_GIGAWORDS = 53,
	RAD_EVENT_TIMESTAMP = 55,
	RAD_CHAP_CHALLENGE = 60,
	RAD_NAS_PORT_TYPE = 61,
	RAD_TUNNEL_TYPE = 64,
	RAD_TUNNEL_MEDIUM_TYPE = 65,
	RAD_TUNNEL_CLIENT_ENDPOINT = 66,
	RAD_TUNNEL_SERVER_ENDPOINT = 67,
	RAD_MESSAGE_AUTHENTICATOR = 80,
	RAD_ACCT_INTERIM_INTERVAL = 85,
	RAD_NAS_PORT_ID = 87,
	RAD_FRAMED_POOL = 88,
	RAD_NAS_IPV6_ADDRESS = 95,	/* RFC 3162 2.1 */
	RAD_FRAMED_IPV6_PREFIX = 97,	/* RFC 3162 2.3 */
	RAD_FRAMED_IPV6_POOL = 100,	/* RFC 3162 2.6 */
	RAD_ERROR_CAUSE = 101,
	RAD_DELEGATED_IPV6_PREFIX = 123,	/* RFC 4818 */
	RAD_DNS_SERVER_IPV6_ADDRESS = 169,	/* RFC 6911 */
	RAD_DELEGATED_IPV6_PREFIX_POOL = 171,	/* RFC 6911 */
};

/* Microsoft vendor attributes (RFC 2548). */
#define RAD_VENDOR_MICROSOFT	311
enum {
	RAD_MS_CHAP_CHALLENGE = 11,
	RAD_MS_CHAP2_RESPONSE = 25,
	RAD_MS_CHAP2_SUCCESS = 26,
	RAD_MS_PRIMARY_DNS = 28,
	RAD_MS_SECONDARY_DNS = 29,
};

struct rad_server {
	struct sockaddr_storage addr;
	socklen_t addrlen;
	char secret[RAD_SECRET_MAX + 1];
};

struct rad_client {
	struct rad_server servers[RAD_SERVERS_MAX];
	int nservers;
	int timeout_ms;		/* per try */
	int retries;		/* tries after the first, per server */
};

/*
 * A packet. For a request, attributes are added in order; User-Password
 * is kept in the clear in password[] and hidden for each server as the
 * request is sent, and an Access-Request gets its Message-Authenticator
 * then too.
 */
struct rad_msg {
	uint8_t buf[RAD_MAX_LEN];
	size_t len;
	uint8_t password[RAD_PASSWORD_MAX];
	size_t password_len;	/* 0: none */
};

/* Start a request of this code (header only). */
void rad_init(struct rad_msg *m, uint8_t code);

/* Add an attribute: 0, or -EMSGSIZE when it does not fit (value > 253 or
 * the packet would pass RAD_MAX_LEN). */
int rad_add(struct rad_msg *m, uint8_t type, const void *val, size_t len);
int rad_add_str(struct rad_msg *m, uint8_t type, const char *s);
int rad_add_u32(struct rad_msg *m, uint8_t type, uint32_t v);	/* network order */
int rad_add_vsa(struct rad_msg *m, uint32_t vendor, uint8_t type,
		const void *val, size_t len);
/*
 * The NAS's address, 4 network-order bytes (IPv4: NAS-IP-Address) or 16
 * (IPv6: NAS-IPv6-Address, RFC 3162 2.1); -EINVAL for another length.
 */
int rad_add_nas_addr(struct rad_msg *m, const void *addr, size_t len);
/*
 * A string attribute holding the text of an address of 4 bytes (IPv4,
 * dotted decimal) or 16 (IPv6, RFC 5952): a Tunnel-Client-Endpoint or
 * Tunnel-Server-Endpoint (RFC 2868 3.3, 3.4) without a tag. -EINVAL for
 * another length.
 */
int rad_add_addr_str(struct rad_msg *m, uint8_t type, const void *addr,
		     size_t len);
/*
 * An IPv6 prefix (RFC 3162 2.3, RFC 8044 "ipv6prefix": a reserved octet,
 * the length in bits, then the prefix) of 16 network-order bytes and
 * 0..128 bits (-EINVAL beyond). All 16 octets go, the bits beyond the
 * length zeroed: RFC 3162 allows only those the length covers, but the
 * full form is the one FreeRADIUS sends itself, and readers that assume
 * a fixed size take it too.
 */
int rad_add_ipv6_prefix(struct rad_msg *m, uint8_t type, const void *prefix,
			uint8_t plen);
/* User-Password (1..128 bytes; -EINVAL otherwise), hidden when sent. */
int rad_set_password(struct rad_msg *m, const void *pw, size_t len);

/*
 * Send the request to the servers in order, each tried 1 + retries times
 * with timeout_ms per try, and wait for a reply that checks: same
 * Identifier, a length within the datagram, attributes that frame it
 * exactly, a code that answers the request's, the Response Authenticator
 * (MD5 of the reply with the request's authenticator and the secret) and
 * the Message-Authenticator when present (RFC 3579 3.2).
 * Other datagrams are dropped and the wait goes on. Returns 0 with *reply
 * and *server (index) set, -ETIMEDOUT when no server answered, or another
 * negative errno (bad request: -EINVAL).
 */
int rad_exchange(const struct rad_client *c, const struct rad_msg *req,
		 struct rad_msg *reply, int *server);

/* The reply's code. */
static inline uint8_t rad_code(const struct rad_msg *m)
{
	return m->buf[0];
}

/*
 * Walk a (checked) packet's attributes: *off starts at 0. Returns 1 with
 * the next attribute, 0 at the end.
 */
int rad_next(const struct rad_msg *m, size_t *off, uint8_t *type,
	     const uint8_t **val, size_t *len);
/* The first attribute of this type, or of this vendor's type (a VSA's
 * vendor type and length inside attribute 26): 1 found, 0 not. */
int rad_find(const struct rad_msg *m, uint8_t type, const uint8_t **val,
	     size_t *len);
int rad_find_vsa(const struct rad_msg *m, uint32_t vendor, uint8_t type,
		 const uint8_t **val, size_t *len);
/*
 * An "ipv6prefix" value (rad_add_ipv6_prefix()) of len octets: 2..18, a
 * length of 0..128 bits and at least the octets it covers (a server may
 * send only those, RFC 3162 2.3). 0 with prefix[16] (every bit beyond the
 * length zeroed, whatever was sent there) and *plen, or -EINVAL.
 */
int rad_get_ipv6_prefix(const uint8_t *val, size_t len, uint8_t prefix[16],
			uint8_t *plen);

/*
 * The server side, for RFC 5176 requests that reach kl2tp-aaad: take a
 * datagram as a request when its framing checks, its code is
 * Disconnect-Request or CoA-Request, its Request Authenticator is the MD5
 * of the packet with 16 zero octets in its place and the secret (as an
 * Accounting-Request's, RFC 5176 3.5) and its Message-Authenticator, when
 * present, checks: 0 and *req filled, -EBADMSG otherwise.
 */
int rad_check_request(const void *buf, size_t len, const char *secret,
		      struct rad_msg *req);
/*
 * Make *resp (rad_init()ed with its code, attributes added) the answer to
 * req: its Identifier, its length, and its Response Authenticator
 * computed with req's authenticator and the secret.
 */
void rad_finish_response(struct rad_msg *resp, const struct rad_msg *req,
			 const char *secret);

/* "host[:port]" (IPv4, [IPv6] or a name) into a server; -EINVAL if bad. */
int rad_server_parse(struct rad_server *s, const char *spec,
		     uint16_t default_port, const char *secret);

#endif
