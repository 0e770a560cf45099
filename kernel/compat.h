/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Differences between the kernels kl2tp builds against (5.15 and later).
 * Kbuild probes the headers of the target kernel and defines KL2TP_HAVE_*;
 * nothing here guesses from LINUX_VERSION_CODE.
 */
#ifndef KL2TP_COMPAT_H
#define KL2TP_COMPAT_H

#ifdef KL2TP_HAVE_LINUX_UNALIGNED_H
#include <linux/unaligned.h>
#else
#include <asm/unaligned.h>
#endif

#endif /* KL2TP_COMPAT_H */
