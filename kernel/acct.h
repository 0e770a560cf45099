/* SPDX-License-Identifier: GPL-2.0 */
#ifndef KL2TP_ACCT_H
#define KL2TP_ACCT_H

#include <linux/list.h>
#include <linux/types.h>
#include <uapi/linux/kl2tp.h>

struct kl2tp_net;
struct kl2tp_session;

/*
 * A Start or Stop of an accounted session, queued in its namespace
 * (kn->acct_q, under kn->acct_lock) until the AAA agent acknowledges it.
 */
struct kl2tp_acct_rec {
	struct list_head node;
	u64 id;				/* KL2TP_A_ACCT_RECORD */
	u64 acct_id;			/* KL2TP_A_ACCT_SESSION_ID */
	time64_t time;			/* the event, real time */
	u8 type;			/* enum kl2tp_acct_type */
	u8 cause;			/* Stop: enum kl2tp_acct_cause */
	u8 class_len;
	u16 tid, sid;
	__be32 addr;
	union kl2tp_sa raddr, laddr;
	struct in6_addr prefix6;	/* the user's IPv6 prefix, if prefix6_len */
	u8 prefix6_len;
	struct in6_addr pd_pfx;		/* the delegated prefix, if pd_len */
	u8 pd_len;
	u32 interim;			/* seconds, or 0 */
	u32 session_time;		/* Stop: seconds up */
	u64 rx_packets, rx_bytes, tx_packets, tx_bytes;	/* Stop */
	char listener[KL2TP_NAME_MAX];
	char user[KL2TP_NAME_MAX];
	char calling[KL2TP_CALL_NUMBER_MAX];	/* "" = none */
	char called[KL2TP_CALL_NUMBER_MAX];
	u8 class[KL2TP_ACCT_CLASS_MAX];
};

void kl2tp_acct_init(struct kl2tp_net *kn);
void kl2tp_acct_uninit(struct kl2tp_net *kn);
void kl2tp_acct_record(struct kl2tp_session *s, u8 type);
int kl2tp_acct_ack(struct kl2tp_net *kn, u64 id);

#endif /* KL2TP_ACCT_H */
