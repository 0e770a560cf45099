// SPDX-License-Identifier: GPL-2.0
/*
 * MD5 support code (RFC 1321 test suite) and tunnel authentication:
 * selftests/unit/support/md5.c, kernel/proto/auth.c
 */
#include "unit.h"
#include "auth.h"
#include "avp.h"
#include "hash.h"

static void unhex(const char *s, u8 *out)
{
	size_t i;
	unsigned int v;

	for (i = 0; s[2 * i]; i++) {
		sscanf(s + 2 * i, "%2x", &v);
		out[i] = v;
	}
}

static void md5_str(const char *s, u8 out[16])
{
	struct kl2tp_iov iov = { s, strlen(s) };

	CHECK_EQ(kl2tp_md5(&iov, 1, out), 0);
}

/* RFC 1321 A.5 */
UNIT_TEST(md5_rfc1321_suite)
{
	static const struct {
		const char *in, *hex;
	} v[] = {
		{ "", "d41d8cd98f00b204e9800998ecf8427e" },
		{ "a", "0cc175b9c0f1b6a831c399e269772661" },
		{ "abc", "900150983cd24fb0d6963f7d28e17f72" },
		{ "message digest", "f96b697d7cb7938d525a2f31aaf161d0" },
		{ "abcdefghijklmnopqrstuvwxyz",
		  "c3fcd3d76192e4007dfb496cca67e13b" },
		{ "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
		  "d174ab98d277d9f5a5611c2c9f419d9f" },
		{ "1234567890123456789012345678901234567890"
		  "1234567890123456789012345678901234567890",
		  "57edf4a22be3c955ac49da2e2107b67a" },
	};
	u8 got[16], want[16];
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(v); i++) {
		md5_str(v[i].in, got);
		unhex(v[i].hex, want);
		CHECK_MEM(got, want, 16);
	}
}

/* A million 'a's, fed in uneven pieces. */
UNIT_TEST(md5_long)
{
	static u8 a[1000000];
	struct kl2tp_iov iov[4];
	u8 got[16], want[16];

	memset(a, 'a', sizeof(a));
	unhex("7707d6ae4e027c70eea2a935c2296f21", want);
	iov[0].base = a;
	iov[0].len = 1;
	iov[1].base = a;
	iov[1].len = 63;
	iov[2].base = a;
	iov[2].len = 999935;
	iov[3].base = a;
	iov[3].len = 1;
	CHECK_EQ(kl2tp_md5(iov, 4, got), 0);
	CHECK_MEM(got, want, 16);
}

/* Splitting the input anywhere, into any pieces, changes nothing. */
UNIT_TEST(md5_iov_splits)
{
	u8 data[200], flat[16], got[16];
	struct kl2tp_iov iov[4];
	size_t i, j, len;

	for (i = 0; i < sizeof(data); i++)
		data[i] = i ^ 0x5a;
	for (len = 0; len <= sizeof(data); len += 13) {
		iov[0].base = data;
		iov[0].len = len;
		CHECK_EQ(kl2tp_md5(iov, 1, flat), 0);
		for (i = 0; i <= len; i += 7) {
			for (j = i; j <= len; j += 11) {
				iov[0].base = data;
				iov[0].len = i;
				iov[1].base = NULL;	/* empty piece */
				iov[1].len = 0;
				iov[2].base = data + i;
				iov[2].len = j - i;
				iov[3].base = data + j;
				iov[3].len = len - j;
				CHECK_EQ(kl2tp_md5(iov, 4, got), 0);
				CHECK_MEM(got, flat, 16);
			}
		}
	}
	CHECK_EQ(kl2tp_md5(NULL, 0, got), 0);
	unhex("d41d8cd98f00b204e9800998ecf8427e", flat);
	CHECK_MEM(got, flat, 16);
}

/*
 * Challenge Response = MD5(type || secret || challenge): the expected
 * value is MD5 of the concatenated bytes, and a constant computed with
 * another MD5 implementation.
 */
UNIT_TEST(challenge_response_known_answer)
{
	static const u8 secret[] = "secret";
	u8 chal[16], cat[64], want[16], got[16], fixed[16];
	struct kl2tp_iov iov = { cat, 0 };
	size_t i;

	for (i = 0; i < sizeof(chal); i++)
		chal[i] = i;
	cat[0] = KL2TP_MSG_SCCRP;
	memcpy(cat + 1, secret, 6);
	memcpy(cat + 7, chal, 16);
	iov.len = 23;
	CHECK_EQ(kl2tp_md5(&iov, 1, want), 0);
	unhex("dd4186e2196f00124a9d588f02701259", fixed);
	CHECK_MEM(want, fixed, 16);

	CHECK_EQ(kl2tp_chal_response(KL2TP_MSG_SCCRP, secret, 6, chal, 16,
				     got), 0);
	CHECK_MEM(got, want, 16);

	/* SCCCN answering the SCCRP's challenge */
	unhex("8f3c2fa6fcfea72215ae83ea89ec2b77", fixed);
	CHECK_EQ(kl2tp_chal_response(KL2TP_MSG_SCCCN, secret, 6, chal, 16,
				     got), 0);
	CHECK_MEM(got, fixed, 16);
}

UNIT_TEST(challenge_verify)
{
	static const u8 secret[] = "s3cr3t";
	static const u8 chal[] = { 0xde, 0xad, 0xbe, 0xef, 0x01 };
	u8 resp[16];
	unsigned int bit;

	CHECK_EQ(kl2tp_chal_response(KL2TP_MSG_SCCRP, secret, 6, chal,
				     sizeof(chal), resp), 0);
	CHECK_EQ(kl2tp_chal_verify(KL2TP_MSG_SCCRP, secret, 6, chal,
				   sizeof(chal), resp), 0);
	/* wrong message type, secret, challenge */
	CHECK_EQ(kl2tp_chal_verify(KL2TP_MSG_SCCCN, secret, 6, chal,
				   sizeof(chal), resp), -EACCES);
	CHECK_EQ(kl2tp_chal_verify(KL2TP_MSG_SCCRP, secret, 5, chal,
				   sizeof(chal), resp), -EACCES);
	CHECK_EQ(kl2tp_chal_verify(KL2TP_MSG_SCCRP, secret, 6, chal,
				   sizeof(chal) - 1, resp), -EACCES);
	/* any single flipped bit */
	for (bit = 0; bit < 128; bit++) {
		resp[bit / 8] ^= 1 << (bit % 8);
		CHECK_EQ(kl2tp_chal_verify(KL2TP_MSG_SCCRP, secret, 6, chal,
					   sizeof(chal), resp), -EACCES);
		resp[bit / 8] ^= 1 << (bit % 8);
	}
	/* an empty secret is still a digest */
	CHECK_EQ(kl2tp_chal_response(KL2TP_MSG_SCCRP, NULL, 0, chal,
				     sizeof(chal), resp), 0);
	CHECK_EQ(kl2tp_chal_verify(KL2TP_MSG_SCCRP, NULL, 0, chal,
				   sizeof(chal), resp), 0);
}

UNIT_TEST(memneq)
{
	u8 a[32], b[32];
	size_t i;

	for (i = 0; i < sizeof(a); i++)
		a[i] = b[i] = i;
	CHECK_EQ(kl2tp_memneq(a, b, sizeof(a)), 0);
	CHECK_EQ(kl2tp_memneq(a, b, 0), 0);
	for (i = 0; i < sizeof(a); i++) {
		b[i] ^= 0x80;
		CHECK_EQ(kl2tp_memneq(a, b, sizeof(a)), 1);
		CHECK_EQ(kl2tp_memneq(a, b, i), 0);
		b[i] ^= 0x80;
	}
}

UNIT_MAIN(UNIT_CASE(md5_rfc1321_suite),
	  UNIT_CASE(md5_long),
	  UNIT_CASE(md5_iov_splits),
	  UNIT_CASE(challenge_response_known_answer),
	  UNIT_CASE(challenge_verify),
	  UNIT_CASE(memneq))
