/* SPDX-License-Identifier: GPL-2.0 */
/*
 * PPP authentication: PAP (RFC 1334), CHAP with MD5 (RFC 1994) and
 * MS-CHAPv2 (RFC 2759).
 *
 * Codecs build and parse the packets; the MS-CHAPv2 functions are the
 * RFC 2759 section 8 algorithms, named after them. struct kl2tp_ppp_auth
 * runs both directions of one session's authentication phase: as
 * authenticator (we check the peer: "server" side, the method we asked
 * for in LCP) and as peer (we prove ourselves: "client" side, the method
 * the peer asked for). Either may be KL2TP_PPP_AUTH_NONE.
 *
 * Authenticator:
 *	PAP		wait for an Authenticate-Request, look the name up,
 *			compare the password, answer Ack or Nak. A repeated
 *			request gets the same answer again.
 *	CHAP-MD5	send a Challenge (16 random bytes and cfg.name),
 *	MS-CHAPv2	resent every restart_ms up to max_tries times; check
 *			the Response with the secret looked up; answer
 *			Success ("S=<authenticator response> M=..." for
 *			MS-CHAPv2) or Failure ("E=691 R=0 C=<challenge> V=3
 *			M=..."). A repeated Response gets the same answer.
 *	Waiting longer than restart_ms * max_tries for the peer fails with
 *	KL2TP_PPP_R_AUTH_TIMEOUT; a wrong password or unknown name with
 *	KL2TP_PPP_R_AUTH_FAILED.
 *	With cfg.verify, each credential goes to it first: checked as
 *	above (LOCAL), refused, or PENDING until kl2tp_ppp_auth_verdict()
 *	(see kl2tp_ppp_verify_t). A pending check has no deadline here:
 *	the caller bounds it (and a peer gives up after its own retries).
 * Peer:
 *	PAP		send Authenticate-Request (cfg.name, cfg.secret), resent
 *			every restart_ms up to max_tries times, until Ack
 *			(done) or Nak (KL2TP_PPP_R_PEER_AUTH_FAILED)
 *	CHAP-MD5	answer every Challenge, also after success (RFC 1994
 *	MS-CHAPv2	allows rechallenges); Success completes, Failure fails
 *			(KL2TP_PPP_R_PEER_AUTH_FAILED). Without either, the
 *			Response is resent every restart_ms up to max_tries
 *			times: the authenticator answers a repeated Response
 *			again, so a lost Success is recovered. An MS-CHAPv2
 *			Success
 *			whose authenticator response is wrong fails with
 *			KL2TP_PPP_R_AUTH_FAILED: the server does not know our
 *			password.
 *
 * Proxy authentication (RFC 2661 4.4.5): kl2tp_ppp_auth_start_proxy()
 * starts the phase with the authenticator's decision taken on what the
 * peer already told another node (the LAC): a PAP Peer-ID and Password,
 * or a CHAP-MD5 Challenge, Identifier and Response. It is checked as if
 * it had just arrived, and the answer (PAP Ack/Nak, CHAP Success/Failure,
 * with the proxied Identifier) is sent: the peer, still waiting for it,
 * goes on. A repeated request gets the same answer again.
 *
 * Secrets are compared in constant time (kl2tp_memneq()) and copies made
 * on the stack or in ->ucs2 are wiped after use.
 */
#ifndef KL2TP_PROTO_PPP_AUTH_H
#define KL2TP_PROTO_PPP_AUTH_H

#include "platform.h"
#include "hash.h"
#include "ppp_frame.h"
#include "ppp_lcp.h"

#define KL2TP_PPP_NAME_MAX		255
#define KL2TP_PPP_SECRET_MAX		255

/* PAP codes (RFC 1334 2.2). */
enum kl2tp_ppp_pap_code {
	KL2TP_PPP_PAP_REQ = 1,
	KL2TP_PPP_PAP_ACK = 2,
	KL2TP_PPP_PAP_NAK = 3,
};

/* CHAP codes (RFC 1994 4). */
enum kl2tp_ppp_chap_code {
	KL2TP_PPP_CHAP_CHALLENGE = 1,
	KL2TP_PPP_CHAP_RESPONSE = 2,
	KL2TP_PPP_CHAP_SUCCESS = 3,
	KL2TP_PPP_CHAP_FAILURE = 4,
};

#define KL2TP_PPP_CHAP_CHAL_LEN		16	/* we send, both methods */
#define KL2TP_PPP_CHAP_MD5_LEN		KL2TP_MD5_LEN
#define KL2TP_PPP_MSCHAP_CHAL_LEN	16
#define KL2TP_PPP_MSCHAP_NT_LEN		24	/* NT-Response */
#define KL2TP_PPP_MSCHAP_RESP_LEN	49	/* Response Value */
#define KL2TP_PPP_MSCHAP_HASH_LEN	16	/* PasswordHash */
#define KL2TP_PPP_MSCHAP_CHASH_LEN	8	/* ChallengeHash */
#define KL2TP_PPP_MSCHAP_AUTHRESP_LEN	42	/* "S=" and 40 hex digits */
/* A password is up to 256 Unicode characters (RFC 2759 8.2). */
#define KL2TP_PPP_MSCHAP_PW_MAX		256

/**
 * struct kl2tp_ppp_pap_req - a PAP Authenticate-Request
 * @name: Peer-ID, @name_len bytes
 * @passwd: Password, @passwd_len bytes
 */
struct kl2tp_ppp_pap_req {
	const u8 *name;
	const u8 *passwd;
	u8 name_len;
	u8 passwd_len;
};

/**
 * struct kl2tp_ppp_chap_msg - a CHAP Challenge or Response
 * @value: Value, @value_len bytes
 * @name: Name, @name_len bytes (the rest of the packet)
 */
struct kl2tp_ppp_chap_msg {
	const u8 *value;
	const u8 *name;
	size_t name_len;
	u8 value_len;
};

/*
 * Parsers take the Data field of a control packet (struct kl2tp_ppp_cp);
 * values point into it. They return 0, or -EBADMSG when a length runs past
 * the data (or a CHAP Value is empty). Bytes after a PAP request's
 * Password are ignored.
 */
int kl2tp_ppp_pap_parse_req(const u8 *data, size_t len,
			    struct kl2tp_ppp_pap_req *r);
/* Ack/Nak: @msg may be empty (a packet without Msg-Length is accepted) */
int kl2tp_ppp_pap_parse_reply(const u8 *data, size_t len, const u8 **msg,
			      size_t *msg_len);
int kl2tp_ppp_chap_parse(const u8 *data, size_t len,
			 struct kl2tp_ppp_chap_msg *m);

/*
 * Builders append a whole control packet (Code .. Data) to @b; lengths
 * that do not fit their fields set -EMSGSIZE.
 */
void kl2tp_ppp_pap_put_req(struct kl2tp_ppp_buf *b, u8 id, const u8 *name,
			   size_t name_len, const u8 *passwd,
			   size_t passwd_len);
void kl2tp_ppp_pap_put_reply(struct kl2tp_ppp_buf *b, u8 code, u8 id,
			     const char *msg);
void kl2tp_ppp_chap_put(struct kl2tp_ppp_buf *b, u8 code, u8 id,
			const u8 *value, size_t value_len, const u8 *name,
			size_t name_len);
/* Success or Failure with a text message */
void kl2tp_ppp_chap_put_msg(struct kl2tp_ppp_buf *b, u8 code, u8 id,
			    const void *msg, size_t len);

/* CHAP-MD5 Response Value: MD5(Identifier || secret || challenge). */
int kl2tp_ppp_chap_md5(u8 id, const u8 *secret, size_t secret_len,
		       const u8 *chal, size_t chal_len,
		       u8 out[KL2TP_PPP_CHAP_MD5_LEN]);

/*
 * MS-CHAPv2 (RFC 2759 8). All return 0 or a hash/cipher error.
 *
 * NtPasswordHash: MD4 of the password in UTF-16LE. @pw is UTF-8; a byte
 * that does not start a valid UTF-8 sequence counts as the Latin-1
 * character of that value. @ucs2 is scratch space of
 * 2 * KL2TP_PPP_MSCHAP_PW_MAX bytes (wiped before returning). -EINVAL if
 * the password has more than KL2TP_PPP_MSCHAP_PW_MAX UTF-16 units.
 */
int kl2tp_ppp_mschap_nt_password_hash(const u8 *pw, size_t pw_len, u8 *ucs2,
				      u8 out[KL2TP_PPP_MSCHAP_HASH_LEN]);
/* HashNtPasswordHash: MD4 of the PasswordHash. */
int kl2tp_ppp_mschap_hash_nt_password_hash(const u8 hash[16], u8 out[16]);
/*
 * ChallengeHash: the first 8 bytes of SHA1(peer challenge || authenticator
 * challenge || user name), where a "DOMAIN\" prefix of @user is left out.
 */
int kl2tp_ppp_mschap_challenge_hash(const u8 peer_chal[16],
				    const u8 auth_chal[16], const u8 *user,
				    size_t user_len, u8 out[8]);
/*
 * ChallengeResponse: the PasswordHash, zero-padded to 21 bytes, is three
 * 7-byte DES keys; each encrypts @chal into 8 bytes of @out.
 */
int kl2tp_ppp_mschap_challenge_response(const u8 chal[8], const u8 hash[16],
					u8 out[24]);
/* GenerateNTResponse, from the PasswordHash. */
int kl2tp_ppp_mschap_nt_response(const u8 auth_chal[16],
				 const u8 peer_chal[16], const u8 *user,
				 size_t user_len, const u8 hash[16],
				 u8 out[KL2TP_PPP_MSCHAP_NT_LEN]);
/*
 * GenerateAuthenticatorResponse, from the PasswordHash: "S=" and 40
 * uppercase hex digits, not NUL-terminated.
 */
int kl2tp_ppp_mschap_auth_response(const u8 hash[16],
				   const u8 nt_resp[KL2TP_PPP_MSCHAP_NT_LEN],
				   const u8 peer_chal[16],
				   const u8 auth_chal[16], const u8 *user,
				   size_t user_len,
				   char out[KL2TP_PPP_MSCHAP_AUTHRESP_LEN]);

/*
 * The authenticator's credential lookup: the secret of the peer called
 * @name (@name_len bytes, not NUL-terminated, at most KL2TP_PPP_NAME_MAX).
 * Returns 0 with *@secret and *@secret_len set (the secret stays valid
 * until the auth function that called the lookup returns), or a negative
 * errno (unknown name: authentication fails). Runs in the caller's
 * context: must not sleep if the caller cannot.
 */
typedef int (*kl2tp_ppp_lookup_t)(void *ctx, const u8 *name,
				  size_t name_len, const u8 **secret,
				  size_t *secret_len);

/**
 * struct kl2tp_ppp_auth_cred - what a peer gave to authenticate: for a
 * check made elsewhere (kl2tp_ppp_verify_t, valid during that call only),
 * or given to another node (kl2tp_ppp_auth_start_proxy())
 * @method: KL2TP_PPP_AUTH_PAP, _CHAP_MD5 or _MSCHAPV2
 * @id: Identifier of the exchange
 * @proxy: given to a LAC, which passed it on (RFC 2661 4.4.5); set by
 *	kl2tp_ppp_auth_start_proxy()
 * @seq: numbers the calls of cfg.verify (set by the engine, from 1 for
 *	each kl2tp_ppp_auth_init()): the verdict names the call it answers.
 *	Unique within one engine only: a glue that reuses engines or their
 *	ids adds a generation of its own to what it hands out
 * @name: PAP Peer-ID or CHAP Name, @name_len bytes (at most
 *	KL2TP_PPP_NAME_MAX)
 * @chal: CHAP: the Challenge Value the peer answered (MS-CHAPv2: the
 *	Authenticator Challenge), @chal_len bytes; not used for PAP
 * @resp: PAP: the Password; CHAP-MD5: the 16-byte Response Value;
 *	MS-CHAPv2: the 49-byte Response Value (Peer-Challenge, 8 reserved,
 *	NT-Response, Flags); @resp_len bytes
 */
struct kl2tp_ppp_auth_cred {
	u8 method;
	u8 id;
	bool proxy;
	u32 seq;
	const u8 *name;
	size_t name_len;
	const u8 *chal;
	size_t chal_len;
	const u8 *resp;
	size_t resp_len;
};

/* What a kl2tp_ppp_verify_t decided. */
enum kl2tp_ppp_verify {
	KL2TP_PPP_VERIFY_LOCAL,		/* check it here, with the lookup */
	KL2TP_PPP_VERIFY_PENDING,	/* kl2tp_ppp_auth_verdict() will say */
	KL2TP_PPP_VERIFY_REJECT,	/* it fails now */
};

/*
 * The authenticator's external check (an AAA server): hand @cred on (with
 * its @seq) and return enum kl2tp_ppp_verify; any other value refuses the
 * peer. While a verdict is pending the exchange waits: no retransmission
 * of ours, the peer's repeats get no answer (the verdict answers the
 * last PAP request). Runs in the caller's context and must not call back
 * into the engine (a verdict known at once is given after it returns).
 */
typedef int (*kl2tp_ppp_verify_t)(void *ctx,
				  const struct kl2tp_ppp_auth_cred *cred);

/**
 * struct kl2tp_ppp_auth_cfg - authentication configuration
 * @name: our name: Peer-ID/Name when we prove ourselves, Name of our
 *	Challenges when we authenticate; the caller's memory, @name_len bytes
 * @secret: our password when we prove ourselves (the caller's memory)
 * @secret_len: its length (at most KL2TP_PPP_SECRET_MAX)
 * @lookup: the secrets of peers we authenticate (NULL: every peer fails)
 * @verify: asked first about each credential, when not NULL
 * @lookup_ctx: the first argument of @lookup and @verify
 * @restart_ms: retransmission interval
 * @max_tries: transmissions of a PAP request or CHAP challenge
 */
struct kl2tp_ppp_auth_cfg {
	const u8 *name;
	size_t name_len;
	const u8 *secret;
	size_t secret_len;
	kl2tp_ppp_lookup_t lookup;
	kl2tp_ppp_verify_t verify;
	void *lookup_ctx;
	u32 restart_ms;
	u8 max_tries;
};

/* State of one direction. */
enum kl2tp_ppp_auth_state {
	KL2TP_PPP_AUTH_IDLE,		/* not started */
	KL2TP_PPP_AUTH_RUNNING,
	KL2TP_PPP_AUTH_OK,
	KL2TP_PPP_AUTH_FAILED,
	KL2TP_PPP_AUTH_PENDING,		/* authenticator: awaits a verdict */
};

/**
 * struct kl2tp_ppp_auth_side - one direction
 * @method: enum kl2tp_ppp_auth_method
 * @state: enum kl2tp_ppp_auth_state
 * @reason: enum kl2tp_ppp_reason once FAILED
 * @id: Identifier of the exchange in progress
 * @tries: transmissions so far
 * @timer_on: @timer_at is meaningful
 * @timer_at: next retransmission or deadline
 */
struct kl2tp_ppp_auth_side {
	u8 method;
	u8 state;
	u8 reason;
	u8 id;
	u8 tries;
	bool timer_on;
	u64 timer_at;
};

/**
 * struct kl2tp_ppp_auth - authentication phase of one session
 * @io: frame output
 * @cfg: configuration
 * @srv: we authenticate the peer
 * @cli: we prove ourselves to the peer
 * @chal: our challenge (authenticator)
 * @peer_name: the name the peer gave (authenticator), @peer_name_len
 *	bytes; authenticated once @srv.state is OK
 * @verify_seq: authenticator: numbers the calls of cfg.verify; a verdict
 *	answers the last one only
 * @verify_proxy: authenticator: that call was about a proxied credential
 * @srv_authresp: authenticator: the MS-CHAPv2 authenticator response we
 *	send (computed, or given with the verdict)
 * @cli_authresp: peer: the MS-CHAPv2 authenticator response we expect
 * @responded: peer: we answered the challenge with Identifier @cli.id
 * @resp: peer: the Value of that answer, @resp_len bytes, for resending
 * @ucs2: scratch for kl2tp_ppp_mschap_nt_password_hash()
 */
struct kl2tp_ppp_auth {
	struct kl2tp_ppp_io *io;
	struct kl2tp_ppp_auth_cfg cfg;
	struct kl2tp_ppp_auth_side srv;
	struct kl2tp_ppp_auth_side cli;
	u8 chal[KL2TP_PPP_CHAP_CHAL_LEN];
	u8 peer_name_len;
	u8 peer_name[KL2TP_PPP_NAME_MAX];
	char srv_authresp[KL2TP_PPP_MSCHAP_AUTHRESP_LEN];
	char cli_authresp[KL2TP_PPP_MSCHAP_AUTHRESP_LEN];
	u32 verify_seq;
	bool verify_proxy;
	bool responded;
	u8 resp_len;
	u8 resp[KL2TP_PPP_MSCHAP_RESP_LEN];
	u8 ucs2[2 * KL2TP_PPP_MSCHAP_PW_MAX];
};

/*
 * kl2tp_ppp_auth_init() - both directions idle.
 * Returns 0, or -EINVAL for a secret or name too long, or zero
 * restart_ms / max_tries.
 */
int kl2tp_ppp_auth_init(struct kl2tp_ppp_auth *a, struct kl2tp_ppp_io *io,
			const struct kl2tp_ppp_auth_cfg *cfg);

/*
 * kl2tp_ppp_auth_start() - LCP is Opened: authenticate the peer with
 * @srv_method and ourselves with @cli_method (KL2TP_PPP_AUTH_NONE: that
 * direction is done at once). Sends the first CHAP Challenge or PAP
 * request.
 */
void kl2tp_ppp_auth_start(struct kl2tp_ppp_auth *a, u64 now, u8 srv_method,
			  u8 cli_method);

/*
 * kl2tp_ppp_auth_start_proxy() - kl2tp_ppp_auth_start() where the
 * authenticator's side is decided on @p (see the top), as PAP or CHAP-MD5
 * would on a request carrying it: at once, or by cfg.verify's verdict;
 * @cli_method as there. @p's @proxy is ignored.
 * Returns 0, or -EINVAL when @p cannot be checked (another method, a
 * Name over KL2TP_PPP_NAME_MAX bytes, a Password over 255, a Challenge
 * empty or over 255, a Response not 16 bytes): nothing was done.
 */
int kl2tp_ppp_auth_start_proxy(struct kl2tp_ppp_auth *a, u64 now,
			       const struct kl2tp_ppp_auth_cred *p,
			       u8 cli_method);

/*
 * kl2tp_ppp_auth_verdict() - the answer to cfg.verify's call @seq, which
 * said KL2TP_PPP_VERIFY_PENDING: @ok, and for MS-CHAPv2 the authenticator
 * response to send (@authresp, @authresp_len bytes: MS-CHAP2-Success
 * without its Ident byte, "S=" and 40 hex digits of either case; without
 * a valid one the peer is refused, as it would refuse us). Sends the
 * Ack/Nak or Success/Failure. Returns 0; -EINVAL when the peer was
 * refused for a malformed @authresp; -EALREADY, nothing done, when no
 * verdict is awaited for @seq (a late answer: authentication restarted,
 * stopped, or asked again since).
 */
int kl2tp_ppp_auth_verdict(struct kl2tp_ppp_auth *a, u32 seq, bool ok,
			   const char *authresp, size_t authresp_len);

/*
 * kl2tp_ppp_auth_verdict_local() - answer cfg.verify's pending call @seq
 * here after all: @c, the credential that call was given (the caller's
 * copy, @c->seq == @seq), checked with cfg.lookup as a local check would
 * have (for an external check that could not be made: no server, no
 * answer in time). Sends the Ack/Nak or Success/Failure. Returns 0;
 * -EINVAL, the peer refused, when @c is not the pending credential
 * (another method, number or name); -EALREADY, nothing done, when no
 * verdict is awaited for @seq.
 */
int kl2tp_ppp_auth_verdict_local(struct kl2tp_ppp_auth *a, u32 seq,
				 const struct kl2tp_ppp_auth_cred *c);

/* kl2tp_ppp_auth_stop() - LCP went down: both directions idle. */
void kl2tp_ppp_auth_stop(struct kl2tp_ppp_auth *a);

/*
 * kl2tp_ppp_auth_input() - a PAP or CHAP packet (@proto) arrived; @pkt is
 * the frame's Information field. Returns 0 when processed, or -EBADMSG
 * (malformed), -EPROTO (unexpected: wrong direction, method, state or
 * Identifier) when dropped.
 */
int kl2tp_ppp_auth_input(struct kl2tp_ppp_auth *a, u64 now, u16 proto,
			 const u8 *pkt, size_t len);

/* Time left until kl2tp_ppp_auth_timer() has work, or KL2TP_PPP_NO_TIMEOUT */
u32 kl2tp_ppp_auth_next_timeout(const struct kl2tp_ppp_auth *a, u64 now);
void kl2tp_ppp_auth_timer(struct kl2tp_ppp_auth *a, u64 now);

/* Both directions succeeded. */
bool kl2tp_ppp_auth_done(const struct kl2tp_ppp_auth *a);
/* The enum kl2tp_ppp_reason of a failed direction, 0 if none failed. */
int kl2tp_ppp_auth_failed(const struct kl2tp_ppp_auth *a);

#endif /* KL2TP_PROTO_PPP_AUTH_H */
