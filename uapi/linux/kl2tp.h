/* SPDX-License-Identifier: (GPL-2.0 WITH Linux-syscall-note) OR MIT */
/*
 * kl2tp: an L2TPv2 (RFC 2661) LNS and LAC with PPP in the kernel.
 *
 * Userspace API: one generic netlink family, KL2TP_GENL_NAME ("kl2tp"),
 * version KL2TP_GENL_VERSION. Every operation is per network namespace and
 * requires CAP_NET_ADMIN in the user namespace that owns the netns of the
 * requesting socket. Requests are validated strictly: an unknown attribute,
 * an attribute of the wrong type or length, or a flag mask with unknown bits
 * set is refused (-EINVAL, or -EOPNOTSUPP for unknown flag bits) and the
 * extended ack names the attribute.
 *
 * Attribute trees below use this notation:
 *     KL2TP_A_X: NLA_TYPE, constraint    meaning
 * and "(reply)" marks attributes the kernel sends back.
 *
 * KL2TP_CMD_GET_INFO
 * ------------------
 * Request: no attributes, flags NLM_F_REQUEST.
 * Reply (KL2TP_CMD_GET_INFO):
 *     KL2TP_A_INFO_VERSION: NUL-terminated string, the module version
 *                           (e.g. "0.1.0").
 *     KL2TP_A_INFO_API: NLA_U32, KL2TP_API_VERSION of the module. A tool
 *                       built for another API version must refuse to run
 *                       and say so.
 *     KL2TP_A_INFO_FEATURES: NLA_U64, a mask of enum kl2tp_feature bits the
 *                            module implements.
 * Errors: -EPERM without CAP_NET_ADMIN in the netns.
 */
#ifndef _UAPI_LINUX_KL2TP_H
#define _UAPI_LINUX_KL2TP_H

#define KL2TP_GENL_NAME		"kl2tp"
#define KL2TP_GENL_VERSION	1

/*
 * Bumped on every incompatible change of commands or attributes. The tool
 * and the module must agree on it.
 */
#define KL2TP_API_VERSION	1

enum kl2tp_cmd {
	KL2TP_CMD_UNSPEC,
	KL2TP_CMD_GET_INFO,
	__KL2TP_CMD_MAX
};

#define KL2TP_CMD_MAX (__KL2TP_CMD_MAX - 1)

enum kl2tp_feature {
	KL2TP_FEATURE_INFO	= 1ULL << 0,	/* KL2TP_CMD_GET_INFO */
};

#define KL2TP_FEATURES_ALL	(KL2TP_FEATURE_INFO)

enum kl2tp_attr {
	KL2TP_A_UNSPEC,
	KL2TP_A_INFO_VERSION,
	KL2TP_A_INFO_API,
	KL2TP_A_INFO_FEATURES,
	KL2TP_A_PAD,
	__KL2TP_A_MAX
};

#define KL2TP_A_MAX (__KL2TP_A_MAX - 1)

#endif /* _UAPI_LINUX_KL2TP_H */
