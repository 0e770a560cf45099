/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kl2tp: the PPP engine of each session (ppp.c).
 */
#ifndef KL2TP_PPP_H
#define KL2TP_PPP_H

#include "kl2tp.h"

void kl2tp_ppp_start(struct kl2tp_session *s, const struct kl2tp_ctrl_msg *m);
void kl2tp_ppp_stop(struct kl2tp_session *s);
void kl2tp_ppp_rx(struct kl2tp_session *s, struct sk_buff *skb);
void kl2tp_ppp_free(struct kl2tp_session *s);
u64 kl2tp_ppp_rx_dropped(const struct kl2tp_session *s);
void kl2tp_ppp_dev_gone(struct kl2tp_session *s);
struct kl2tp_aaa_attrs;
int kl2tp_ppp_set_limits(struct kl2tp_session *s, u8 set, u32 st, u32 it);
int kl2tp_ppp_aaa_verdict(struct kl2tp_session *s, u64 cookie, u8 result,
			  const u8 *authresp, size_t authresp_len,
			  struct kl2tp_aaa_attrs *attrs);

#endif /* KL2TP_PPP_H */
