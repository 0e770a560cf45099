#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Join a generic netlink multicast group with a raw socket, as any program
could (not through l2tpctl, which asks the module for its version first).

Usage: genl_join.py FAMILY GROUP

Prints "joined" and exits 0, or prints "refused: <errno name>" and exits 1
(EPERM: the kernel keeps the group for CAP_NET_ADMIN). Exits 2 if the
family or the group does not exist.
"""
import errno
import os
import socket
import struct
import sys

GENL_ID_CTRL = 0x10
CTRL_CMD_GETFAMILY = 3
CTRL_ATTR_FAMILY_NAME = 2
CTRL_ATTR_MCAST_GROUPS = 7
CTRL_ATTR_MCAST_GRP_NAME = 1
CTRL_ATTR_MCAST_GRP_ID = 2
NLM_F_REQUEST = 1
NLMSG_ERROR = 2
SOL_NETLINK = 270
NETLINK_ADD_MEMBERSHIP = 1


def attrs(buf):
    out, off = {}, 0
    while off + 4 <= len(buf):
        n, typ = struct.unpack_from("=HH", buf, off)
        if n < 4:
            break
        out[typ & 0x3fff] = buf[off + 4:off + n]
        off += (n + 3) & ~3
    return out


def group_id(sock, family, group):
    name = family.encode() + b"\0"
    attr = struct.pack("=HH", 4 + len(name), CTRL_ATTR_FAMILY_NAME) + name
    attr += b"\0" * (-len(attr) % 4)
    body = struct.pack("=BBH", CTRL_CMD_GETFAMILY, 1, 0) + attr
    sock.send(struct.pack("=IHHII", 16 + len(body), GENL_ID_CTRL,
                          NLM_F_REQUEST, 1, 0) + body)
    reply = sock.recv(65536)
    _, typ = struct.unpack_from("=IH", reply)
    if typ == NLMSG_ERROR:
        return None
    top = attrs(reply[20:])
    for grp in attrs(top.get(CTRL_ATTR_MCAST_GROUPS, b"")).values():
        a = attrs(grp)
        if a.get(CTRL_ATTR_MCAST_GRP_NAME, b"").rstrip(b"\0") == group.encode():
            return struct.unpack("=I", a[CTRL_ATTR_MCAST_GRP_ID])[0]
    return None


def main():
    sock = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, 16)  # GENERIC
    grp = group_id(sock, sys.argv[1], sys.argv[2])
    if grp is None:
        print("no such family or group")
        return 2
    try:
        sock.setsockopt(SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, grp)
    except OSError as e:
        print("refused: %s" % errno.errorcode.get(e.errno, str(e.errno)))
        return 1
    print("joined")
    return 0


if __name__ == "__main__":
    sys.exit(main())
