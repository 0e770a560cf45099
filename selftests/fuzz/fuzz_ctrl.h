/* SPDX-License-Identifier: GPL-2.0 */
/* Shared by fuzz_ctrl.c and gen_corpus_ctrl.c: the seeds' shared secret. */
#ifndef KL2TP_FUZZ_CTRL_H
#define KL2TP_FUZZ_CTRL_H

#define FUZZ_SECRET	"kl2tp-fuzz-secret"

#endif
