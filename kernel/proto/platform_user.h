/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The userspace half of platform.h: libc types and the few kernel helpers
 * the protocol core uses. Not kernel code, so not checkpatch'ed.
 */
#ifndef KL2TP_PROTO_PLATFORM_USER_H
#define KL2TP_PROTO_PLATFORM_USER_H

#include <stdint.h>
#include <stddef.h>
#include <stdbool.h>
#include <string.h>
#include <errno.h>
#include <assert.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int8_t s8;
typedef int16_t s16;
typedef int32_t s32;
typedef int64_t s64;

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#endif
#ifndef min_t
#define min_t(t, a, b) ((t)(a) < (t)(b) ? (t)(a) : (t)(b))
#define max_t(t, a, b) ((t)(a) > (t)(b) ? (t)(a) : (t)(b))
#endif
#ifndef fallthrough
#define fallthrough __attribute__((__fallthrough__))
#endif
#ifndef EPROTO
#define EPROTO 71
#endif

#endif
