/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kl2tp: what tunnel.c shares with listener.c only (tunnel setup on the
 * LNS side); the rest of the module uses kl2tp.h.
 */
#ifndef KL2TP_TUNNEL_H
#define KL2TP_TUNNEL_H

#include "kl2tp.h"

struct kl2tp_tunnel *kl2tp_tunnel_alloc(struct kl2tp_net *kn,
					struct kl2tp_sock *ks);
bool kl2tp_tunnel_destroy_half_open(struct kl2tp_tunnel *t);
void kl2tp_tunnel_set_state(struct kl2tp_tunnel *t, u8 state);
void kl2tp_tunnel_pin_port(struct kl2tp_tunnel *t, __be16 sport);
bool kl2tp_tunnel_learn(struct kl2tp_tunnel *t, const struct kl2tp_ctrl_msg *m);
void kl2tp_put_ctrl_avps(struct kl2tp_tunnel *t, struct kl2tp_msgbuf *mb);
int kl2tp_put_chal_response(struct kl2tp_tunnel *t, struct kl2tp_msgbuf *mb,
			    u8 type, const struct kl2tp_avp_val *chal);
bool kl2tp_hidden_error(int err);

#endif
