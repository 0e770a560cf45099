/* SPDX-License-Identifier: (GPL-2.0 WITH Linux-syscall-note) OR MIT */
/*
 * kl2tp: an L2TPv2 (RFC 2661) LNS and LAC with PPP in the kernel.
 *
 * Userspace API: one generic netlink family, KL2TP_GENL_NAME ("kl2tp"),
 * version KL2TP_GENL_VERSION, with one multicast group,
 * KL2TP_MCGRP_EVENTS ("events").
 *
 * Every operation is per network namespace and requires CAP_NET_ADMIN in
 * the user namespace that owns the netns of the requesting socket (-EPERM
 * otherwise). Requests are validated strictly, per operation: an attribute
 * the operation does not take, or one of the wrong type, length or range,
 * is refused with -EINVAL and an extended ack naming it.
 *
 * Notation: each line is
 *     KL2TP_A_X: TYPE [constraint]           meaning
 * TYPE is the netlink type (NLA_U32, NLA_NUL_STRING, NLA_BINARY, ...);
 * "in_addr" is an NLA_BE32 IPv4 address in network byte order, "in6_addr"
 * an NLA_BINARY of exactly 16 bytes (struct in6_addr), "ip_addr" either
 * (4 bytes: IPv4, 16 bytes: IPv6; IPv4-mapped IPv6 addresses are refused:
 * give the IPv4 one); "[req]" marks a required attribute. Replies carry
 * the same attributes.
 *
 * Names (peers, listeners, clients, pools, users) are 1..63 bytes of
 * printable ASCII without spaces. Secrets and passwords are write-only:
 * no reply or dump ever carries them (KL2TP_A_SECRET_SET says one is set).
 *
 * Configuration objects
 * ---------------------
 * KL2TP_CMD_POOL_ADD / _DEL / _GET (dump, or doit by KL2TP_A_NAME) / _SET
 *     KL2TP_A_NAME: NLA_NUL_STRING [req]
 *     KL2TP_A_POOL_START: in_addr [req]          first address
 *     KL2TP_A_POOL_END: in_addr [req]            last address, >= start,
 *                                                 at most 65536 addresses
 *     KL2TP_A_DNS1, KL2TP_A_DNS2: in_addr        DNS servers for IPCP
 *     (reply) KL2TP_A_POOL_SIZE, KL2TP_A_POOL_USED: NLA_U32
 *   or, for an IPv6 pool (prefixes for dual-stack sessions), instead of
 *   the range and the DNS servers:
 *     KL2TP_A_PREFIX6: in6_addr [req]            the pool's prefix, no bit
 *                                                 set beyond its length
 *     KL2TP_A_PREFIX6_LEN: NLA_U8 1..64 [req]    its length
 *     KL2TP_A_PREFIX6_ASSIGN: NLA_U8 1..64       the length of each prefix
 *                                                 handed out (default 64),
 *                                                 >= KL2TP_A_PREFIX6_LEN,
 *                                                 at most 65536 of them
 *     KL2TP_A_DNS6_1, KL2TP_A_DNS6_2: in6_addr   DNS servers for its users
 *                                                 (kept: nothing announces
 *                                                 them yet)
 *   A pool is of one kind for its life: IPv4 attributes on an IPv6 pool
 *   or the other way round are refused (-EINVAL); SET of an IPv6 pool
 *   changes its DNS servers only (KL2TP_A_DNS6_1 :: alone removes them).
 *   -EEXIST on ADD of an existing name, -EADDRINUSE when the range
 *   overlaps another pool, -ENOENT on DEL/GET of an unknown one, -EBUSY on
 *   DEL while a listener or user refers to it or an address of it is in
 *   use. SET changes the range (both ends) or the DNS servers (DNS1, and
 *   DNS2 or none; DNS1 0.0.0.0 alone removes them), or both: a new range
 *   must keep every address handed out (-EBUSY) and overlap no other
 *   pool (-EADDRINUSE); sessions keep their DNS servers, new ones get the
 *   new ones.
 *
 * KL2TP_CMD_USER_ADD / _DEL / _GET / _SET
 *     KL2TP_A_NAME: NLA_NUL_STRING [req]         may be user@domain
 *     KL2TP_A_PASSWORD: NLA_BINARY 1..255 [req on ADD], write-only
 *     KL2TP_A_POOL: NLA_NUL_STRING               allocate from this pool
 *     KL2TP_A_ADDRESS: in_addr                   or this static address
 *     KL2TP_A_POOL6: NLA_NUL_STRING              IPv6: a prefix of this
 *                                                 IPv6 pool (the user's
 *                                                 sessions run IPV6CP)
 *     KL2TP_A_PREFIX6: in6_addr, KL2TP_A_PREFIX6_LEN: NLA_U8 1..64  or
 *                                                 this static prefix (as
 *                                                 a static address: one
 *                                                 session at most); none
 *                                                 in an IPv6 pool or
 *                                                 another user's
 *                                                 (-EADDRINUSE; nor a new
 *                                                 IPv6 pool over one)
 *     KL2TP_A_PD_POOL: NLA_NUL_STRING            IPv6 pool of the prefixes
 *                                                 delegated to the user's
 *                                                 router (DHCPv6 IA_PD; the
 *                                                 user's sessions run
 *                                                 IPV6CP)
 *     KL2TP_A_MAX_SESSIONS: NLA_U32              0 = unlimited
 *     KL2TP_A_ROUTES: NLA_BINARY                 framed routes: 0..
 *                                                KL2TP_ROUTES_MAX struct
 *                                                kl2tp_route, networks
 *                                                behind the user
 *     (reply) KL2TP_A_SESSIONS: NLA_U32, KL2TP_A_SECRET_SET: NLA_FLAG
 *   -ENOENT on ADD naming an unknown pool; -EBUSY on DEL while the user
 *   has sessions. SET changes the attributes it carries (at least one):
 *   a pool replaces a static address and the other way round, an empty
 *   KL2TP_A_ROUTES removes the routes; sessions keep the address and
 *   routes they have, the next authentication uses the new values.
 *   A user's framed routes go through the session's device while it is
 *   up, and the LNS takes from the user sources inside them as well as
 *   the address it gave; such a user, like one with a static address, has
 *   at most one session.
 *
 * KL2TP_CMD_PEER_ADD / _DEL / _GET / _SET     who may build tunnels
 *     KL2TP_A_NAME: NLA_NUL_STRING [req]
 *     KL2TP_A_ADDRESS: ip_addr, KL2TP_A_PREFIXLEN: NLA_U8 0..32, or 0..128
 *                                                 for IPv6 (default the
 *                                                 whole address): source
 *                                                 prefix it may use
 *     KL2TP_A_HOSTNAME: NLA_NUL_STRING 1..255    the Host Name AVP it sends
 *     KL2TP_A_SECRET: NLA_BINARY 1..255           tunnel secret (write-only):
 *                                                 challenge the peer and
 *                                                 answer its challenges
 *     KL2TP_A_HIDDEN: NLA_U8 0..1                 hide AVPs sent to it
 *     KL2TP_A_HELLO: NLA_U32 0..KL2TP_HELLO_MAX   Hello interval, seconds
 *                                                 (0 = off; default 60)
 *     KL2TP_A_MAX_SESSIONS: NLA_U32               per tunnel, 0 = unlimited
 *     KL2TP_A_TRUST_PROXY: NLA_U8 0..1            take its proxy LCP and
 *                                                 authentication (ICCN)
 *                                                 even without a secret
 *   A peer matches a tunnel request when its address prefix (if set)
 *   contains the source address and its hostname (if set) equals the Host
 *   Name AVP. The most specific match wins. SET changes the attributes
 *   it carries (at least one; hidden still needs a secret): tunnels keep
 *   what they took at setup, new tunnels match and use the new values.
 *
 * KL2TP_CMD_LNS_ADD / _DEL / _GET / _SET      a listener (LNS role)
 *     KL2TP_A_NAME: NLA_NUL_STRING [req]
 *     KL2TP_A_LISTEN_ADDR: ip_addr [req]          0.0.0.0 = all IPv4
 *                                                 addresses, :: = all IPv6
 *                                                 ones (IPv6 only): a
 *                                                 listener is one family
 *     KL2TP_A_LISTEN_PORT: NLA_U16 (default 1701)
 *     KL2TP_A_LOCAL_IP: in_addr                    PPP address of the LNS
 *     KL2TP_A_POOL: NLA_NUL_STRING                 default address pool; must
 *                                                 exist (-ENXIO)
 *     KL2TP_A_POOL6: NLA_NUL_STRING                default IPv6 pool (-ENXIO
 *                                                 as above): its sessions
 *                                                 run IPV6CP; without it
 *                                                 (and without a user's)
 *                                                 IPV6CP is Protocol-
 *                                                 Rejected
 *     KL2TP_A_PD_POOL: NLA_NUL_STRING              default IPv6 pool of
 *                                                 delegated prefixes (-ENXIO
 *                                                 as above): its sessions
 *                                                 run IPV6CP, each takes
 *                                                 one of them when IPV6CP
 *                                                 comes up, routed through
 *                                                 the session, and the LNS
 *                                                 answers DHCPv6 (RFC 8415
 *                                                 IA_PD) with it
 *     KL2TP_A_AUTH: NLA_BINARY 1..KL2TP_AUTH_LIST_MAX  enum kl2tp_auth
 *                                                 bytes in order of
 *                                                 preference, each once
 *     KL2TP_A_HOSTNAME: NLA_NUL_STRING 1..255     our Host Name AVP
 *     KL2TP_A_PEERS: NLA_NESTED of KL2TP_A_NAME  allowed peers (0..32);
 *                                                 absent or empty = any
 *     KL2TP_A_MTU: NLA_U32 KL2TP_MTU_MIN..KL2TP_MTU_MAX
 *     KL2TP_A_SEQUENCING: NLA_U8 0..1             require data sequencing
 *     KL2TP_A_LCP_ECHO_INTERVAL: NLA_U32 0..KL2TP_LCP_ECHO_INTERVAL_MAX seconds
 *                                                 (default 30)
 *     KL2TP_A_LCP_ECHO_FAILURES: NLA_U32 KL2TP_LCP_ECHO_FAILURES_MIN.._MAX (default 5)
 *     KL2TP_A_MAX_TUNNELS: NLA_U32                0 = unlimited
 *     KL2TP_A_MAX_SESSIONS: NLA_U32               in total, 0 = unlimited
 *     KL2TP_A_IFNAME: NLA_NUL_STRING 1..15        session device name
 *                                                 pattern (default l2tp%d)
 *     KL2TP_A_SHARED_DEV: NLA_NUL_STRING 1..15    instead of a device per
 *         session, one device of this name (no '%') for all of them,
 *         created with the first and removed with the last: no per-call
 *         netdev. The LNS adds its address to it, a host route per user
 *         (framed routes via the user's address) and sends each packet on
 *         the session of the route's next hop; for IPv6, one link-local
 *         address on it and the routes to the user's prefixes via
 *         fe80::5efe:A.B.C.D, A.B.C.D the user's IPv4 address. A client
 *         adds its address and sends by source address (no IPv6:
 *         KL2TP_A_IPV6). Excludes KL2TP_A_IFNAME (-EINVAL).
 *     KL2TP_A_STRIP_DOMAIN: NLA_U8 0..1           user@domain unknown as a
 *                                                 whole: try "user"
 *     KL2TP_A_FORCE_CHAP: NLA_U8 0..1             challenge with CHAP even
 *                                                 after proxy authentication
 *     KL2TP_A_LCP_RENEGOTIATE: NLA_U8 0..1        ignore the LAC's proxy LCP
 *                                                 and negotiate LCP again
 *     KL2TP_A_MSS_CLAMP: NLA_U8 0..1              lower the MSS of TCP SYNs
 *                                                 crossing the session to
 *                                                 its MTU - 40 (default 0)
 *     KL2TP_A_AAA: NLA_U8 enum kl2tp_aaa          who checks the users'
 *                                                 credentials (default
 *                                                 local: KL2TP_CMD_USER_*)
 *     KL2TP_A_AAA_TIMEOUT: NLA_U32 1..KL2TP_AAA_TIMEOUT_MAX  seconds the
 *                                                 agent has to answer
 *                                                 (default
 *                                                 KL2TP_DEFAULT_AAA_TIMEOUT)
 *     (reply) KL2TP_A_STATS: NLA_NESTED with KL2TP_STAT_RX_DROPS,
 *                                                 KL2TP_STAT_EVICTED
 *   -EADDRINUSE when the address and port are taken. SET changes the
 *   attributes it carries (at least one; the listen address and port, if
 *   given, must be the listener's: -EINVAL, as moving it is a new socket);
 *   KL2TP_A_IFNAME or KL2TP_A_SHARED_DEV replaces the other. Tunnels and
 *   calls that are up keep what they took; new ones use the new values.
 *
 * KL2TP_CMD_CLIENT_ADD / _DEL / _GET / _UP / _DOWN / _SET   dial out (LAC)
 *     KL2TP_A_NAME: NLA_NUL_STRING [req]
 *     KL2TP_A_REMOTE_ADDR: ip_addr [req]          the LNS (IPv4 or IPv6)
 *     KL2TP_A_REMOTE_PORT: NLA_U16 (default 1701)
 *     KL2TP_A_LNS_MORE: NLA_BINARY                LNSes to fail over to, in
 *                                                 order: 1..KL2TP_LNS_MAX - 1
 *                                                 struct kl2tp_lns_addr,
 *                                                 each with an address and
 *                                                 a port (no default),
 *                                                 each LNS once
 *     KL2TP_A_LNS_POLICY: NLA_U8 enum kl2tp_lns_policy (default failover)
 *     KL2TP_A_USER: NLA_NUL_STRING [req on ADD]   PPP user name
 *     KL2TP_A_PASSWORD: NLA_BINARY 1..255         write-only
 *     KL2TP_A_SECRET: NLA_BINARY 1..255           tunnel secret, write-only
 *     KL2TP_A_HOSTNAME: NLA_NUL_STRING 1..255     our Host Name AVP
 *     KL2TP_A_DEFAULT_ROUTE: NLA_U8 0..1
 *     KL2TP_A_REDIAL: NLA_U8 0..1                 (default 1)
 *     KL2TP_A_IPV6: NLA_U8 0..1                   run IPV6CP too (default
 *                                                 0); not with
 *                                                 KL2TP_A_SHARED_DEV
 *     KL2TP_A_PD: NLA_U8 0..1                     ask the LNS for a
 *                                                 delegated prefix (DHCPv6
 *                                                 IA_PD; needs
 *                                                 KL2TP_A_IPV6): routed
 *                                                 unreachable here but for
 *                                                 what KL2TP_A_PD_DEV takes;
 *                                                 taken only /32 to /64, in
 *                                                 2000::/3 or fc00::/7, not
 *                                                 holding the tunnel's peer
 *     KL2TP_A_PD_DEV: NLA_NUL_STRING 0..15        a device of the network
 *                                                 behind us: its first /64
 *                                                 goes on it (address ::1),
 *                                                 "" none (needs KL2TP_A_PD)
 *     KL2TP_A_MTU, KL2TP_A_AUTH, KL2TP_A_HELLO, KL2TP_A_HIDDEN: as above
 *     KL2TP_A_TUNNEL_OWN: NLA_FLAG                never share a tunnel
 *     KL2TP_A_CALLING_NUMBER, KL2TP_A_CALLED_NUMBER: NLA_NUL_STRING
 *         0..KL2TP_CALL_NUMBER_MAX - 1 printable ASCII: the Calling and
 *         Called Number AVPs of our ICRQ ("", the default: none); the LNS
 *         hands them to RADIUS as Calling-Station-Id and Called-Station-Id
 *     KL2TP_A_LCP_ECHO_INTERVAL, KL2TP_A_LCP_ECHO_FAILURES, KL2TP_A_IFNAME,
 *     KL2TP_A_SHARED_DEV, KL2TP_A_MSS_CLAMP:      as for a listener
 *     (reply) KL2TP_A_SECRET_SET, KL2TP_A_PASSWORD_SET: NLA_FLAG when set
 *     (reply) KL2TP_A_STATE: NLA_U8 enum kl2tp_client_state,
 *             KL2TP_A_TUNNEL_ID, KL2TP_A_SESSION_ID: NLA_U16 when dialled,
 *             KL2TP_A_LNS_CURRENT: NLA_U8 the LNS dialled now or last
 *             (0: KL2TP_A_REMOTE_ADDR, 1..: KL2TP_A_LNS_MORE's entries)
 *   ADD creates the client down; UP dials (and redials while up); DOWN
 *   hangs up. Clients dialling the same LNS with the same secret and
 *   hostname share one tunnel unless KL2TP_A_TUNNEL_OWN is set. With
 *   several LNSes, a call that ends before it is up (no answer, tunnel or
 *   call refused, PPP failed) is dialled again at once to the next LNS;
 *   after a round of all of them, or when a call that was up ends, the
 *   redial (KL2TP_A_REDIAL, with its backoff) starts a new round where
 *   KL2TP_A_LNS_POLICY says. SET changes the attributes it carries (at
 *   least one; an LNS list from its first address; hidden still needs a
 *   secret; KL2TP_A_TUNNEL_OWN, a flag, can only be turned on): a call
 *   that is up stays on its LNS with what it took, the next dial uses
 *   the new values (a new LNS list from its start).
 *
 * Live state
 * ----------
 * KL2TP_CMD_TUNNEL_GET (dump, or doit by KL2TP_A_TUNNEL_ID)
 *     KL2TP_A_TUNNEL_ID, KL2TP_A_PEER_TUNNEL_ID: NLA_U16
 *     KL2TP_A_LOCAL_ADDR, KL2TP_A_REMOTE_ADDR: ip_addr  the underlay's
 *     KL2TP_A_LOCAL_PORT, KL2TP_A_REMOTE_PORT: NLA_U16
 *     KL2TP_A_REMOTE_NAME: NLA_NUL_STRING         peer's Host Name AVP
 *     KL2TP_A_NAME: NLA_NUL_STRING                listener or client name
 *     KL2TP_A_PEER: NLA_NUL_STRING                matched peer, if any
 *     KL2TP_A_STATE: NLA_U8 enum kl2tp_tunnel_state
 *     KL2TP_A_SESSIONS: NLA_U32
 *     KL2TP_A_UPTIME: NLA_U64                     seconds since created
 *     KL2TP_A_STATS: NLA_NESTED, enum kl2tp_stat_attr (NLA_U64 each)
 * KL2TP_CMD_TUNNEL_RESET: KL2TP_A_TUNNEL_ID [req]; sends StopCCN and
 *     tears the tunnel and its sessions down.
 *
 * KL2TP_CMD_SESSION_GET (dump, optionally filtered by KL2TP_A_TUNNEL_ID,
 *     or doit by KL2TP_A_SESSION_ID; session ids are unique per netns)
 *     KL2TP_A_SESSION_ID, KL2TP_A_PEER_SESSION_ID, KL2TP_A_TUNNEL_ID: NLA_U16
 *     KL2TP_A_STATE: NLA_U8 enum kl2tp_session_state
 *     KL2TP_A_USER: NLA_NUL_STRING, KL2TP_A_IFNAME: NLA_NUL_STRING
 *     KL2TP_A_ADDRESS, KL2TP_A_PEER_ADDRESS: in_addr  once PPP is up: our
 *         address on the link and the other end's (on an LNS the peer
 *         address is the one assigned to the user)
 *     KL2TP_A_DNS1, KL2TP_A_DNS2: in_addr         DNS servers negotiated
 *     KL2TP_A_IFID, KL2TP_A_PEER_IFID: NLA_BINARY 8  once IPV6CP is up: the
 *         Interface-Identifiers of our link-local address (fe80::IFID on
 *         the device) and the other end's
 *     KL2TP_A_PREFIX6, KL2TP_A_PREFIX6_LEN        LNS: the user's IPv6
 *         prefix, routed through the device while IPV6CP is up
 *     KL2TP_A_PD_PREFIX, KL2TP_A_PD_PREFIX_LEN    the delegated prefix: LNS,
 *         the user's (routed through the device while IPV6CP is up);
 *         client, the one the LNS gave us and it holds
 *     KL2TP_A_IFNAME: NLA_NUL_STRING              the session's device
 *     KL2TP_A_SEQUENCING: NLA_U8                  data messages carry Ns
 *     KL2TP_A_ROUTES: NLA_BINARY                  LNS: the user's framed
 *         routes, added through the device (a failure is only logged)
 *     KL2TP_A_CALLING_NUMBER, KL2TP_A_CALLED_NUMBER: NLA_NUL_STRING  the
 *         call's Calling and Called Number AVPs (the LAC's ICRQ, or ours),
 *         when it had them: at most KL2TP_CALL_NUMBER_MAX - 1 characters
 *         (longer ones cut), a byte outside printable ASCII shown as '?'
 *     KL2TP_A_UPTIME: NLA_U64;  KL2TP_A_STATS: NLA_NESTED (RX/TX packets,
 *         bytes, errors; RX_DROPS: out of sequence or PPP queue full)
 *     KL2TP_A_AAA_VIA: NLA_U8 enum kl2tp_aaa_via   LNS: who checked the
 *         user, or why the listener's agent did not
 *     KL2TP_A_SESSION_TIMEOUT: NLA_U32            the AAA server's limit on
 *         the session, seconds from its verdict (or from the last
 *         KL2TP_CMD_SESSION_SET)
 *     KL2TP_A_IDLE_TIMEOUT: NLA_U32               its idle limit, seconds
 *     KL2TP_A_ACCT_SESSION_ID: NLA_U64            accounted sessions (see
 *         "Accounting"): its id, KL2TP_A_ACCT_SESSION_TIME: NLA_U32 seconds
 *         up, KL2TP_A_ACCT_INTERIM: NLA_U32 and KL2TP_A_ACCT_CLASS:
 *         NLA_BINARY when the verdict gave them
 * KL2TP_CMD_SESSION_RESET: KL2TP_A_SESSION_ID [req]; sends CDN.
 * KL2TP_CMD_SESSION_SET: an LNS session's limits, as RADIUS CoA changes
 *     them (at least one of the two):
 *     KL2TP_A_SESSION_ID: NLA_U16 [req]
 *     KL2TP_A_SESSION_TIMEOUT: NLA_U32            seconds from now until
 *         the session ends (CDN "session timeout"); 0: no limit
 *     KL2TP_A_IDLE_TIMEOUT: NLA_U32               seconds without data
 *         either way until it ends (CDN "idle timeout"); 0: no limit
 *   -ENOENT no such session; -EINVAL not an LNS session; -EBUSY its PPP
 *   is not up (yet, or any more).
 *
 * KL2TP_CMD_STATS_GET: the namespace's counters since the module was
 *     loaded or the namespace created; they only grow (for monitoring:
 *     rates, Prometheus counters).
 *     Request: no attributes. Reply:
 *     KL2TP_A_STATS: NLA_NESTED with KL2TP_STAT_TUNNELS_UP (tunnels that
 *         reached established), KL2TP_STAT_SESSIONS_UP (calls whose PPP
 *         came up, once each), KL2TP_STAT_CTRL_RETRANSMITS (of every
 *         tunnel, gone or live)
 *     KL2TP_A_TUNNEL_ENDS, KL2TP_A_SESSION_ENDS: NLA_NESTED, how tunnels
 *         and calls ended (counted as their teardown starts, by its first
 *         reason): one KL2TP_A_END (NLA_NESTED) per kind seen, with
 *         KL2TP_A_RESULT_CODE (NLA_U16: the StopCCN or CDN Result Code,
 *         0 when none was given; KL2TP_RESULT_CODE_OTHER counts the codes
 *         from it up), KL2TP_A_LOCAL (NLA_FLAG: we ended them) and
 *         KL2TP_A_COUNT (NLA_U64)
 *
 * AAA agent
 * ---------
 * A listener with KL2TP_A_AAA other than local asks one process of its
 * namespace, the AAA agent (kl2tp-aaad: RADIUS), about each credential
 * (PAP, CHAP-MD5, MS-CHAPv2, proxied) and waits for its verdict; the
 * session stays in KL2TP_SESSION_PPP_AUTH meanwhile.
 *
 * KL2TP_CMD_AAA_REGISTER: no attributes. The requesting socket becomes
 *     the namespace's agent: requests go to its port id, verdicts come
 *     from it. -EBUSY while another socket is the agent. Closing the
 *     socket (or the process's end) unregisters it; requests then pending
 *     get the listener's fallback within a second. Established sessions
 *     never depend on the agent. Requests are not queued for the agent:
 *     one its socket cannot take now is sent again a second later (give
 *     the socket a receive buffer for the logins of a second).
 * KL2TP_CMD_AAA_REQUEST (kernel to agent, unicast)
 *     KL2TP_A_AAA_COOKIE: NLA_U64                 names this request; the
 *                                                 verdict returns it
 *     KL2TP_A_SESSION_ID, KL2TP_A_TUNNEL_ID: NLA_U16
 *     KL2TP_A_NAME: NLA_NUL_STRING                the listener
 *     KL2TP_A_REMOTE_ADDR, KL2TP_A_LOCAL_ADDR: ip_addr,
 *     KL2TP_A_REMOTE_PORT, KL2TP_A_LOCAL_PORT: NLA_U16  the tunnel's
 *     KL2TP_A_REMOTE_NAME: NLA_NUL_STRING         the LAC's Host Name AVP
 *     KL2TP_A_CALLING_NUMBER, KL2TP_A_CALLED_NUMBER: NLA_NUL_STRING  the
 *                                                 call's, as session get
 *     KL2TP_A_AAA_METHOD: NLA_U8 enum kl2tp_auth
 *     KL2TP_A_USER: NLA_NUL_STRING                PAP Peer-ID, CHAP Name
 *     KL2TP_A_PASSWORD: NLA_BINARY                PAP
 *     KL2TP_A_AAA_CHAP_ID: NLA_U8                 CHAP, MS-CHAPv2:
 *     KL2TP_A_AAA_CHALLENGE: NLA_BINARY           the Challenge answered
 *     KL2TP_A_AAA_RESPONSE: NLA_BINARY            the Response Value (16
 *                                                 bytes, or MS-CHAPv2's 49)
 *     KL2TP_A_AAA_PROXY: NLA_FLAG                 the LAC authenticated the
 *                                                 user (proxy authentication)
 * KL2TP_CMD_AAA_VERDICT (from the agent's socket only: -EPERM otherwise)
 *     KL2TP_A_AAA_COOKIE: NLA_U64 [req]
 *     KL2TP_A_SESSION_ID: NLA_U16 [req]
 *     KL2TP_A_AAA_RESULT: NLA_U8 enum kl2tp_aaa_result [req]
 *     KL2TP_A_AAA_AUTHRESP: NLA_BINARY 42         MS-CHAPv2 accepted: the
 *                                                 authenticator response
 *                                                 ("S=" and 40 hex digits,
 *                                                 MS-CHAP2-Success without
 *                                                 its Ident); required
 *     KL2TP_A_MESSAGE: NLA_NUL_STRING             the server's reply
 *                                                 message, logged
 *   With KL2TP_AAA_ACCEPT, what the server said about the user (each
 *   optional; the listener's pool and its DNS servers otherwise):
 *     KL2TP_A_ADDRESS: in_addr                    its address (taken from
 *                                                 the pool whose range holds
 *                                                 it; refused when handed
 *                                                 out already, or, outside
 *                                                 every pool, in use)
 *     KL2TP_A_POOL: NLA_NUL_STRING                or a kl2tp pool to take it
 *                                                 from (not both)
 *     KL2TP_A_DNS1, KL2TP_A_DNS2: in_addr         DNS servers for IPCP
 *     KL2TP_A_PREFIX6: in6_addr, KL2TP_A_PREFIX6_LEN: NLA_U8 1..64  its
 *                                                 IPv6 prefix (no bit set
 *                                                 beyond it; taken from the
 *                                                 IPv6 pool it is one of;
 *                                                 else a /64, not a user's
 *                                                 static prefix; refused
 *                                                 when handed out already,
 *                                                 overlapping a pool
 *                                                 otherwise, or in use):
 *                                                 the session runs IPV6CP
 *     KL2TP_A_POOL6: NLA_NUL_STRING               or an IPv6 pool to take it
 *                                                 from (not both); the
 *                                                 session runs IPV6CP
 *     KL2TP_A_DNS6_1, KL2TP_A_DNS6_2: in6_addr    IPv6 DNS servers for the
 *                                                 Router Advertisements
 *                                                 (and DHCPv6)
 *     KL2TP_A_PD_PREFIX: in6_addr, KL2TP_A_PD_PREFIX_LEN: NLA_U8 1..64
 *                                                 the prefix delegated to
 *                                                 its router: one of an
 *                                                 IPv6 pool's, of its
 *                                                 length (refused outside
 *                                                 them, of another length
 *                                                 or in use)
 *     KL2TP_A_PD_POOL: NLA_NUL_STRING             or an IPv6 pool to take it
 *                                                 from (not both)
 *     KL2TP_A_MTU: NLA_U32 KL2TP_MTU_MIN..KL2TP_MTU_MAX  at most this MTU
 *     KL2TP_A_ROUTES: NLA_BINARY                  framed routes, as a user's
 *     KL2TP_A_SESSION_TIMEOUT: NLA_U32 1..        seconds from then until the
 *                                                 session ends (CDN, "session
 *                                                 timeout")
 *     KL2TP_A_IDLE_TIMEOUT: NLA_U32 1..           the session ends after
 *                                                 this many seconds without a
 *                                                 data packet either way
 *                                                 (CDN, "idle timeout")
 *     KL2TP_A_ACCT_INTERIM: NLA_U32 1..           Acct-Interim-Interval,
 *                                                 seconds: kept with the
 *                                                 session for the agent
 *     KL2TP_A_ACCT_CLASS: NLA_BINARY 1..253       the Class attribute, kept
 *                                                 for the session's accounting
 *   -ENOENT when the session is gone; -ESTALE when it is not waiting for
 *   this cookie (answered, timed out or asked again since); -EINVAL for
 *   an MS-CHAPv2 accept without KL2TP_A_AAA_AUTHRESP (the request still
 *   waits).
 *
 * Accounting. A session of a listener whose KL2TP_A_AAA is not local is
 * accounted from its PPP's first up: it gets a KL2TP_A_ACCT_SESSION_ID
 * (unique in the namespace, also in session get; they go on from the
 * namespace's creation time, so that they do not repeat across reboots
 * and namespaces), and the kernel keeps a
 * Start record then and a Stop record at its end, in a queue of the
 * namespace (at most KL2TP_ACCT_QUEUE_MAX records; when full the oldest
 * goes, counted as KL2TP_STAT_ACCT_DROPPED), until the agent acknowledges
 * each: a record outlives the agent's death and the session's end.
 * Interim updates are the agent's, from session get (its counters,
 * KL2TP_A_ACCT_SESSION_TIME, KL2TP_A_ACCT_INTERIM).
 *
 * KL2TP_CMD_AAA_ACCT (kernel to agent): one record, unicast to the agent
 *     as it is queued (lost if its socket is full: the agent also dumps),
 *     and the messages of a KL2TP_CMD_AAA_ACCT_GET dump.
 *     KL2TP_A_ACCT_RECORD: NLA_U64                names the record (ACK)
 *     KL2TP_A_ACCT_TYPE: NLA_U8 enum kl2tp_acct_type
 *     KL2TP_A_ACCT_SESSION_ID: NLA_U64
 *     KL2TP_A_ACCT_TIME: NLA_U64                  the event, seconds since
 *                                                 the epoch (real time)
 *     KL2TP_A_TUNNEL_ID, KL2TP_A_SESSION_ID: NLA_U16
 *     KL2TP_A_NAME: NLA_NUL_STRING                the listener
 *     KL2TP_A_USER: NLA_NUL_STRING
 *     KL2TP_A_PEER_ADDRESS: in_addr               the user's address
 *     KL2TP_A_REMOTE_ADDR, KL2TP_A_LOCAL_ADDR: ip_addr  the tunnel's ends
 *     KL2TP_A_PREFIX6: in6_addr, KL2TP_A_PREFIX6_LEN: NLA_U8  the user's
 *                                                 IPv6 prefix once routed
 *                                                 (the last, in a Stop)
 *     KL2TP_A_PD_PREFIX: in6_addr, KL2TP_A_PD_PREFIX_LEN: NLA_U8  and the
 *                                                 one delegated, likewise
 *     KL2TP_A_CALLING_NUMBER, KL2TP_A_CALLED_NUMBER: NLA_NUL_STRING  the
 *                                                 call's, as session get
 *     KL2TP_A_ACCT_INTERIM: NLA_U32, KL2TP_A_ACCT_CLASS: NLA_BINARY  as
 *                                                 the verdict gave them
 *     Stop only:
 *     KL2TP_A_ACCT_SESSION_TIME: NLA_U32          seconds up
 *     KL2TP_A_STATS: NLA_NESTED                   KL2TP_STAT_RX_PACKETS,
 *         _RX_BYTES (from the user), _TX_PACKETS, _TX_BYTES (to the user)
 *     KL2TP_A_ACCT_CAUSE: NLA_U8                  why it ended, as RFC 2866
 *                                                 Acct-Terminate-Cause
 *                                                 (enum kl2tp_acct_cause)
 * KL2TP_CMD_AAA_ACCT_GET: dump (from the agent's socket only: -EPERM) of
 *     the records not yet acknowledged, oldest first.
 * KL2TP_CMD_AAA_ACCT_ACK (from the agent's socket only)
 *     KL2TP_A_ACCT_RECORD: NLA_U64 [req]          the server took it: the
 *                                                 record goes; -ENOENT if
 *                                                 it is not queued
 *
 * Events (multicast group "events")
 * ---------------------------------
 * KL2TP_CMD_EVENT
 *     KL2TP_A_EVENT: NLA_U8 enum kl2tp_event
 *     KL2TP_A_TUNNEL_ID, KL2TP_A_SESSION_ID, KL2TP_A_STATE, KL2TP_A_NAME,
 *     KL2TP_A_REMOTE_ADDR (ip_addr), KL2TP_A_REMOTE_NAME, KL2TP_A_USER,
 *     KL2TP_A_ADDRESS, KL2TP_A_IFNAME as they apply;
 *     KL2TP_A_RESULT_CODE, KL2TP_A_ERROR_CODE: NLA_U16 and
 *     KL2TP_A_MESSAGE: NLA_NUL_STRING on teardown (RFC 2661 4.4.2 codes;
 *     KL2TP_A_LOCAL: NLA_FLAG when the teardown was ours, absent when the
 *     peer's).
 *
 * KL2TP_CMD_GET_INFO
 * ------------------
 * Request: no attributes. Reply:
 *     KL2TP_A_INFO_VERSION: NLA_NUL_STRING       module version
 *     KL2TP_A_INFO_API: NLA_U32                  KL2TP_API_VERSION; a tool
 *                                                built for another one must
 *                                                refuse to run and say so
 *     KL2TP_A_INFO_FEATURES: NLA_U64             enum kl2tp_feature mask
 */
#ifndef _UAPI_LINUX_KL2TP_H
#define _UAPI_LINUX_KL2TP_H

#include <linux/types.h>
#include <linux/in6.h>

#define KL2TP_GENL_NAME		"kl2tp"
#define KL2TP_GENL_VERSION	1
#define KL2TP_MCGRP_EVENTS	"events"

/*
 * Bumped on every incompatible change of commands or attributes. The tool
 * and the module must agree on it.
 */
#define KL2TP_API_VERSION	5

#define KL2TP_NAME_MAX		64	/* including the NUL */
#define KL2TP_HOSTNAME_MAX	256	/* including the NUL */
#define KL2TP_SECRET_MAX	255
#define KL2TP_CALL_NUMBER_MAX	64	/* including the NUL */

/* Ranges of KL2TP_A_MTU, KL2TP_A_HELLO and the KL2TP_A_LCP_ECHO_* pair. */
#define KL2TP_MTU_MIN		576
#define KL2TP_MTU_MAX		16000
#define KL2TP_HELLO_MAX		3600	/* seconds; 0 = no Hello */
#define KL2TP_LCP_ECHO_INTERVAL_MAX	3600	/* seconds; 0 = no echo */
#define KL2TP_LCP_ECHO_FAILURES_MIN	1
#define KL2TP_LCP_ECHO_FAILURES_MAX	100
/* Their values when absent from an ADD (KL2TP_A_MTU: 0, automatic). */
#define KL2TP_DEFAULT_HELLO		60	/* seconds */
#define KL2TP_DEFAULT_LCP_ECHO		30	/* seconds */
#define KL2TP_DEFAULT_LCP_ECHO_FAILURES	5

/* KL2TP_A_AAA_TIMEOUT, seconds. */
#define KL2TP_AAA_TIMEOUT_MAX		600
#define KL2TP_DEFAULT_AAA_TIMEOUT	10

/* KL2TP_A_AUTH: each method at most once. */
#define KL2TP_AUTH_LIST_MAX	(__KL2TP_AUTH_MAX - 1)

/* A framed route (KL2TP_A_ROUTES holds an array of them). */
struct kl2tp_route {
	__be32 prefix;		/* no bit set beyond len */
	__u8 len;		/* 1..32 */
	__u8 pad[3];		/* zero */
};

#define KL2TP_ROUTES_MAX	8

/* The L2TP port (RFC 2661): listeners' and clients' when none is given. */
#define KL2TP_DEFAULT_PORT	1701

/*
 * An LNS a client fails over to (KL2TP_A_LNS_MORE holds an array). An
 * IPv4 LNS is given IPv4-mapped (::ffff:a.b.c.d).
 */
struct kl2tp_lns_addr {
	struct in6_addr addr;
	__u16 port;		/* host order, as KL2TP_A_REMOTE_PORT */
	__u16 pad;		/* zero */
};

/* A client's LNSes: the first (KL2TP_A_REMOTE_ADDR) and the others. */
#define KL2TP_LNS_MAX		8

/* KL2TP_A_LNS_POLICY: where each round of dialling starts. */
enum kl2tp_lns_policy {
	KL2TP_LNS_FAILOVER,	/* the first LNS, then the others in order */
	KL2TP_LNS_RANDOM,	/* a random one, then the next in order */
	__KL2TP_LNS_POLICY_MAX
};

enum kl2tp_cmd {
	KL2TP_CMD_UNSPEC,
	KL2TP_CMD_GET_INFO,
	KL2TP_CMD_POOL_ADD,
	KL2TP_CMD_POOL_DEL,
	KL2TP_CMD_POOL_GET,
	KL2TP_CMD_USER_ADD,
	KL2TP_CMD_USER_DEL,
	KL2TP_CMD_USER_GET,
	KL2TP_CMD_PEER_ADD,
	KL2TP_CMD_PEER_DEL,
	KL2TP_CMD_PEER_GET,
	KL2TP_CMD_LNS_ADD,
	KL2TP_CMD_LNS_DEL,
	KL2TP_CMD_LNS_GET,
	KL2TP_CMD_CLIENT_ADD,
	KL2TP_CMD_CLIENT_DEL,
	KL2TP_CMD_CLIENT_GET,
	KL2TP_CMD_CLIENT_UP,
	KL2TP_CMD_CLIENT_DOWN,
	KL2TP_CMD_TUNNEL_GET,
	KL2TP_CMD_TUNNEL_RESET,
	KL2TP_CMD_SESSION_GET,
	KL2TP_CMD_SESSION_RESET,
	KL2TP_CMD_EVENT,
	KL2TP_CMD_STATS_GET,
	KL2TP_CMD_USER_SET,
	KL2TP_CMD_PEER_SET,
	KL2TP_CMD_LNS_SET,
	KL2TP_CMD_CLIENT_SET,
	KL2TP_CMD_POOL_SET,
	KL2TP_CMD_AAA_REGISTER,
	KL2TP_CMD_AAA_REQUEST,
	KL2TP_CMD_AAA_VERDICT,
	KL2TP_CMD_AAA_ACCT,
	KL2TP_CMD_AAA_ACCT_GET,
	KL2TP_CMD_AAA_ACCT_ACK,
	KL2TP_CMD_SESSION_SET,
	__KL2TP_CMD_MAX
};

#define KL2TP_CMD_MAX (__KL2TP_CMD_MAX - 1)

enum kl2tp_feature {
	KL2TP_FEATURE_INFO	= 1ULL << 0,	/* KL2TP_CMD_GET_INFO */
	KL2TP_FEATURE_CONTROL	= 1ULL << 1,	/* peers, lns, client, tunnels */
	KL2TP_FEATURE_PPP	= 1ULL << 2,	/* sessions carry PPP */
	KL2TP_FEATURE_POOLS	= 1ULL << 3,	/* address pools and users */
	KL2TP_FEATURE_STATS	= 1ULL << 4,	/* KL2TP_CMD_STATS_GET */
	KL2TP_FEATURE_SET	= 1ULL << 5,	/* the five *_SET commands */
	KL2TP_FEATURE_AAA	= 1ULL << 6,	/* the AAA agent's commands */
	KL2TP_FEATURE_ACCT	= 1ULL << 7,	/* accounting records, idle timeout */
	KL2TP_FEATURE_IPV6	= 1ULL << 8,	/* IPV6CP, IPv6 pools */
	KL2TP_FEATURE_IPV6_UNDERLAY = 1ULL << 9,	/* tunnels over UDP/IPv6 */
	KL2TP_FEATURE_DHCP6_PD	= 1ULL << 10,	/* DHCPv6 prefix delegation */
};

/* KL2TP_CMD_STATS_GET: this Result Code and those above it, counted as one. */
#define KL2TP_RESULT_CODE_OTHER	15

enum kl2tp_auth {
	KL2TP_AUTH_NONE,
	KL2TP_AUTH_PAP,
	KL2TP_AUTH_CHAP,	/* CHAP with MD5 */
	KL2TP_AUTH_MSCHAPV2,
	__KL2TP_AUTH_MAX
};

/* KL2TP_A_AAA: who checks a listener's users. */
enum kl2tp_aaa {
	KL2TP_AAA_LOCAL,	/* the users of KL2TP_CMD_USER_ADD */
	KL2TP_AAA_AGENT,	/* the AAA agent; none, no answer: refused */
	/* the agent; none, no answer or no server: the local users */
	KL2TP_AAA_AGENT_LOCAL,
	__KL2TP_AAA_MAX
};

/* KL2TP_A_AAA_RESULT: the agent's verdict. */
enum kl2tp_aaa_result {
	KL2TP_AAA_ACCEPT,
	KL2TP_AAA_REJECT,
	KL2TP_AAA_UNAVAILABLE,	/* no server answered: the listener's fallback */
	__KL2TP_AAA_RESULT_MAX
};

/* KL2TP_CMD_AAA_ACCT's queue, records. */
#define KL2TP_ACCT_QUEUE_MAX	65536
#define KL2TP_ACCT_CLASS_MAX	253

/* KL2TP_A_ACCT_TYPE */
enum kl2tp_acct_type {
	KL2TP_ACCT_START = 1,
	KL2TP_ACCT_STOP,
};

/* KL2TP_A_ACCT_CAUSE: RFC 2866 5.10's values, those kl2tp gives. */
enum kl2tp_acct_cause {
	KL2TP_ACCT_USER_REQUEST = 1,	/* the LAC or the user hung up */
	KL2TP_ACCT_LOST_CARRIER = 2,	/* LCP echo, tunnel or PPP timeout */
	KL2TP_ACCT_IDLE_TIMEOUT = 4,
	KL2TP_ACCT_SESSION_TIMEOUT = 5,
	KL2TP_ACCT_ADMIN_RESET = 6,	/* l2tpctl: session, tunnel, lns */
	KL2TP_ACCT_NAS_ERROR = 9,	/* ended by an error here */
	KL2TP_ACCT_NAS_REBOOT = 11,	/* the namespace or module went */
};

/* KL2TP_A_AAA_VIA: how a session's user was checked. */
enum kl2tp_aaa_via {
	KL2TP_AAA_VIA_NONE,		/* not yet */
	KL2TP_AAA_VIA_LOCAL,		/* local users (the listener's choice) */
	KL2TP_AAA_VIA_PENDING,		/* the agent was asked */
	KL2TP_AAA_VIA_AGENT,		/* the agent's verdict */
	/* the agent could not decide; local users, or refused: */
	KL2TP_AAA_VIA_NO_AGENT,		/* none registered (or it went) */
	KL2TP_AAA_VIA_TIMEOUT,		/* no verdict within the timeout */
	KL2TP_AAA_VIA_UNAVAILABLE,	/* its servers did not answer */
	__KL2TP_AAA_VIA_MAX
};

enum kl2tp_tunnel_state {
	KL2TP_TUNNEL_IDLE,
	KL2TP_TUNNEL_WAIT_CTL_REPLY,	/* we sent SCCRQ */
	KL2TP_TUNNEL_WAIT_CTL_CONN,	/* we sent SCCRP */
	KL2TP_TUNNEL_ESTABLISHED,
	KL2TP_TUNNEL_CLOSING,		/* StopCCN sent or received */
	__KL2TP_TUNNEL_STATE_MAX
};

enum kl2tp_session_state {
	KL2TP_SESSION_IDLE,
	KL2TP_SESSION_WAIT_TUNNEL,	/* LAC: waiting for the tunnel */
	KL2TP_SESSION_WAIT_REPLY,	/* ICRQ sent */
	KL2TP_SESSION_WAIT_CONNECT,	/* ICRP sent */
	KL2TP_SESSION_ESTABLISHED,	/* ICCN done, PPP not started */
	KL2TP_SESSION_PPP_LCP,
	KL2TP_SESSION_PPP_AUTH,
	KL2TP_SESSION_PPP_NETWORK,
	KL2TP_SESSION_UP,
	KL2TP_SESSION_CLOSING,
	__KL2TP_SESSION_STATE_MAX
};

enum kl2tp_client_state {
	KL2TP_CLIENT_DOWN,
	KL2TP_CLIENT_DIALING,
	KL2TP_CLIENT_UP,
	KL2TP_CLIENT_WAIT_REDIAL,
	__KL2TP_CLIENT_STATE_MAX
};

enum kl2tp_event {
	KL2TP_EVENT_UNSPEC,
	KL2TP_EVENT_TUNNEL_STATE,	/* a tunnel changed state */
	KL2TP_EVENT_TUNNEL_DOWN,	/* a tunnel is gone, with the reason */
	KL2TP_EVENT_SESSION_STATE,
	KL2TP_EVENT_SESSION_DOWN,
	KL2TP_EVENT_CLIENT_STATE,
	__KL2TP_EVENT_MAX
};

enum kl2tp_stat_attr {
	KL2TP_STAT_UNSPEC,
	KL2TP_STAT_PAD,
	KL2TP_STAT_CTRL_TX,		/* control messages sent (not ZLB) */
	KL2TP_STAT_CTRL_RX,		/* control messages received */
	KL2TP_STAT_CTRL_RETRANSMITS,
	KL2TP_STAT_CTRL_DUP,		/* duplicates received */
	KL2TP_STAT_CTRL_OOO,		/* held out of order */
	KL2TP_STAT_CTRL_ZLB_TX,
	KL2TP_STAT_CTRL_ZLB_RX,
	KL2TP_STAT_CTRL_ERRORS,		/* malformed or refused */
	KL2TP_STAT_RX_PACKETS,
	KL2TP_STAT_RX_BYTES,
	KL2TP_STAT_TX_PACKETS,
	KL2TP_STAT_TX_BYTES,
	KL2TP_STAT_RX_ERRORS,
	KL2TP_STAT_TX_ERRORS,
	/* e.g. data out of sequence; for a listener: datagrams refused */
	KL2TP_STAT_RX_DROPS,
	KL2TP_STAT_CTRL_HIDDEN_RX,	/* messages with hidden AVPs received */
	/* listener: tunnels being set up closed to admit a newer SCCRQ */
	KL2TP_STAT_EVICTED,
	/* tunnel: calls ended because the peer did not answer our ICRQ or ICRP */
	KL2TP_STAT_CALL_TIMEOUTS,
	KL2TP_STAT_TUNNELS_UP,		/* namespace (KL2TP_CMD_STATS_GET) */
	KL2TP_STAT_SESSIONS_UP,		/* namespace */
	KL2TP_STAT_ACCT_DROPPED,	/* namespace: records the full queue lost */
	__KL2TP_STAT_MAX
};

#define KL2TP_STAT_MAX (__KL2TP_STAT_MAX - 1)

enum kl2tp_attr {
	KL2TP_A_UNSPEC,
	KL2TP_A_PAD,
	KL2TP_A_INFO_VERSION,
	KL2TP_A_INFO_API,
	KL2TP_A_INFO_FEATURES,
	KL2TP_A_NAME,
	KL2TP_A_ADDRESS,
	KL2TP_A_PREFIXLEN,
	KL2TP_A_HOSTNAME,
	KL2TP_A_SECRET,
	KL2TP_A_SECRET_SET,
	KL2TP_A_HIDDEN,
	KL2TP_A_HELLO,
	KL2TP_A_MAX_SESSIONS,
	KL2TP_A_MAX_TUNNELS,
	KL2TP_A_LISTEN_ADDR,
	KL2TP_A_LISTEN_PORT,
	KL2TP_A_LOCAL_IP,
	KL2TP_A_POOL,
	KL2TP_A_AUTH,
	KL2TP_A_PEERS,
	KL2TP_A_MTU,
	KL2TP_A_SEQUENCING,
	KL2TP_A_LCP_ECHO_INTERVAL,
	KL2TP_A_LCP_ECHO_FAILURES,
	KL2TP_A_REMOTE_ADDR,
	KL2TP_A_REMOTE_PORT,
	KL2TP_A_LOCAL_ADDR,
	KL2TP_A_LOCAL_PORT,
	KL2TP_A_USER,
	KL2TP_A_PASSWORD,
	KL2TP_A_DEFAULT_ROUTE,
	KL2TP_A_REDIAL,
	KL2TP_A_TUNNEL_OWN,
	KL2TP_A_POOL_START,
	KL2TP_A_POOL_END,
	KL2TP_A_POOL_SIZE,
	KL2TP_A_POOL_USED,
	KL2TP_A_DNS1,
	KL2TP_A_DNS2,
	KL2TP_A_SESSIONS,
	KL2TP_A_TUNNEL_ID,
	KL2TP_A_PEER_TUNNEL_ID,
	KL2TP_A_SESSION_ID,
	KL2TP_A_PEER_SESSION_ID,
	KL2TP_A_REMOTE_NAME,
	KL2TP_A_PEER,
	KL2TP_A_STATE,
	KL2TP_A_UPTIME,
	KL2TP_A_STATS,
	KL2TP_A_IFNAME,
	KL2TP_A_PEER_ADDRESS,
	KL2TP_A_EVENT,
	KL2TP_A_RESULT_CODE,
	KL2TP_A_ERROR_CODE,
	KL2TP_A_MESSAGE,
	KL2TP_A_LOCAL,
	KL2TP_A_PASSWORD_SET,
	KL2TP_A_STRIP_DOMAIN,
	KL2TP_A_FORCE_CHAP,
	KL2TP_A_LCP_RENEGOTIATE,
	KL2TP_A_MSS_CLAMP,
	KL2TP_A_ROUTES,
	KL2TP_A_TRUST_PROXY,
	KL2TP_A_SHARED_DEV,
	KL2TP_A_TUNNEL_ENDS,
	KL2TP_A_SESSION_ENDS,
	KL2TP_A_END,
	KL2TP_A_COUNT,
	KL2TP_A_LNS_MORE,
	KL2TP_A_LNS_POLICY,
	KL2TP_A_LNS_CURRENT,
	KL2TP_A_AAA,
	KL2TP_A_AAA_TIMEOUT,
	KL2TP_A_AAA_VIA,
	KL2TP_A_AAA_COOKIE,
	KL2TP_A_AAA_METHOD,
	KL2TP_A_AAA_CHAP_ID,
	KL2TP_A_AAA_CHALLENGE,
	KL2TP_A_AAA_RESPONSE,
	KL2TP_A_AAA_PROXY,
	KL2TP_A_AAA_RESULT,
	KL2TP_A_AAA_AUTHRESP,
	KL2TP_A_SESSION_TIMEOUT,
	KL2TP_A_IDLE_TIMEOUT,
	KL2TP_A_ACCT_INTERIM,
	KL2TP_A_ACCT_CLASS,
	KL2TP_A_ACCT_RECORD,
	KL2TP_A_ACCT_TYPE,
	KL2TP_A_ACCT_SESSION_ID,
	KL2TP_A_ACCT_TIME,
	KL2TP_A_ACCT_SESSION_TIME,
	KL2TP_A_ACCT_CAUSE,
	KL2TP_A_CALLING_NUMBER,
	KL2TP_A_CALLED_NUMBER,
	KL2TP_A_PREFIX6,
	KL2TP_A_PREFIX6_LEN,
	KL2TP_A_PREFIX6_ASSIGN,
	KL2TP_A_DNS6_1,
	KL2TP_A_DNS6_2,
	KL2TP_A_POOL6,
	KL2TP_A_IPV6,
	KL2TP_A_IFID,
	KL2TP_A_PEER_IFID,
	KL2TP_A_PD_POOL,
	KL2TP_A_PD_PREFIX,
	KL2TP_A_PD_PREFIX_LEN,
	KL2TP_A_PD,
	KL2TP_A_PD_DEV,
	__KL2TP_A_MAX
};

#define KL2TP_A_MAX (__KL2TP_A_MAX - 1)

#endif /* _UAPI_LINUX_KL2TP_H */
