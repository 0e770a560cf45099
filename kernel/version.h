/* SPDX-License-Identifier: GPL-2.0 */
#ifndef KL2TP_VERSION_H
#define KL2TP_VERSION_H

#define KL2TP_VERSION "0.1.0"

#endif
