/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Portability shim for the protocol core.
 *
 * Everything under kernel/proto/ is pure protocol logic: it needs no kernel
 * service (no allocation, no locks, no time source) and compiles both in the
 * module and in userspace, where it is unit-tested and fuzzed. This header
 * supplies the few types and helpers it needs in either world.
 */
#ifndef KL2TP_PROTO_PLATFORM_H
#define KL2TP_PROTO_PLATFORM_H

#ifdef __KERNEL__
#include <linux/types.h>
#include <linux/string.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/build_bug.h>
#else
#include "platform_user.h"
#endif /* __KERNEL__ */

/* Byte-wise big-endian accessors: no alignment assumptions, no headers. */
static inline u16 kl2tp_get_be16(const u8 *p)
{
	return (u16)((p[0] << 8) | p[1]);
}

static inline u32 kl2tp_get_be32(const u8 *p)
{
	return ((u32)p[0] << 24) | ((u32)p[1] << 16) | ((u32)p[2] << 8) | p[3];
}

static inline void kl2tp_put_be16(u8 *p, u16 v)
{
	p[0] = v >> 8;
	p[1] = v & 0xff;
}

static inline void kl2tp_put_be32(u8 *p, u32 v)
{
	p[0] = v >> 24;
	p[1] = (v >> 16) & 0xff;
	p[2] = (v >> 8) & 0xff;
	p[3] = v & 0xff;
}

#endif /* KL2TP_PROTO_PLATFORM_H */
