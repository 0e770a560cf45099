#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""A test AAA agent for kl2tp: the kernel side of kl2tp-aaad's protocol
(uapi/linux/kl2tp.h, "AAA agent"), with a users table instead of RADIUS.

Usage:
  aaa_agent.py serve USERS LOG [--silent | --unavailable]
      Register as the namespace's agent ("registered" on stdout, or
      "refused: ERRNO" and exit 1), then answer each request: PAP by the
      password, CHAP-MD5 by the response computed from the table's
      password (USERS: "name password [key=value]..." lines; an accept
      carries the keys as a RADIUS server's attributes would: address,
      pool, dns1, dns2, mtu, timeout (seconds), routes (prefix/len,...),
      pd_prefix (prefix/len), pd_pool);
      unknown users, other methods and wrong credentials are rejected. --silent answers
      nothing; --unavailable says no server answered. Before each real
      verdict a verdict for another cookie is sent, which the kernel must
      refuse (ESTALE), and for MS-CHAPv2 an accept without the
      authenticator response (EINVAL). Each request and verdict is a line
      in LOG.
  aaa_agent.py register
      Try to register and exit (the socket's close unregisters):
      "registered" or "refused: ERRNO".
  aaa_agent.py verdict SESSION COOKIE
      Send an accept verdict from a socket that is not the agent's:
      prints "ok" or "refused: ERRNO".
  aaa_agent.py raw CMD [ATTR=TYPE:VALUE]...
      Send one request the way no l2tpctl would (CMD and ATTR without
      their KL2TP_CMD_ / KL2TP_A_ prefix; TYPE str, u8, u16, ip (an IPv4
      or IPv6 address, 4 or 16 bytes) or hex): prints "ok" or
      "refused: ERRNO", to reach the module's own checks.
"""
import errno
import hashlib
import os
import re
import socket
import struct
import sys

from genl_join import attrs  # the netlink attribute parser, next to this file

GENL_ID_CTRL = 0x10
CTRL_CMD_GETFAMILY = 3
CTRL_ATTR_FAMILY_ID = 1
CTRL_ATTR_FAMILY_NAME = 2
NLM_F_REQUEST = 1
NLM_F_ACK = 4
NLMSG_ERROR = 2


def uapi_enums():
    """The values of the uapi header's enums, by name."""
    root = os.environ.get("KL2TP_ROOT",
                          os.path.join(os.path.dirname(__file__), "../.."))
    text = open(os.path.join(root, "uapi/linux/kl2tp.h")).read()
    vals = {}
    for body in re.findall(r"enum \w+ \{(.*?)\};", text, re.S):
        n = 0
        for m in re.finditer(r"^\s*(KL2TP_\w+)(?:\s*=\s*([^,]+))?,", body, re.M):
            if m.group(2):
                try:
                    n = int(m.group(2), 0)
                except ValueError:
                    continue
            vals[m.group(1)] = n
            n += 1
    return vals


E = uapi_enums()


def attr(typ, data):
    a = struct.pack("=HH", 4 + len(data), typ) + data
    return a + b"\0" * (-len(a) % 4)


class Genl:
    def __init__(self):
        self.sock = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, 16)
        self.seq = 0
        self.family = self.resolve("kl2tp")

    def send(self, family, cmd, body, flags=NLM_F_REQUEST | NLM_F_ACK):
        self.seq += 1
        msg = struct.pack("=BBH", cmd, 1, 0) + body
        self.sock.send(struct.pack("=IHHII", 16 + len(msg), family, flags,
                                   self.seq, 0) + msg)
        return self.seq

    def resolve(self, name):
        self.send(GENL_ID_CTRL, CTRL_CMD_GETFAMILY,
                  attr(CTRL_ATTR_FAMILY_NAME, name.encode() + b"\0"),
                  NLM_F_REQUEST)
        reply = self.sock.recv(65536)
        _, typ = struct.unpack_from("=IH", reply)
        if typ == NLMSG_ERROR:
            sys.exit("no kl2tp family")
        return struct.unpack("=H", attrs(reply[20:])[CTRL_ATTR_FAMILY_ID][:2])[0]

    def request(self, cmd, body):
        """Send a kl2tp request, return its error (0 or a positive errno);
        requests from the kernel that arrive meanwhile are kept."""
        seq = self.send(self.family, cmd, body)
        while True:
            for typ, s, payload in self.recv():
                if typ == NLMSG_ERROR and s == seq:
                    return -struct.unpack_from("=i", payload)[0]
                if typ == self.family:
                    self.pending.append(payload)

    pending = []

    def recv(self):
        buf = self.sock.recv(65536)
        off = 0
        while off + 16 <= len(buf):
            n, typ, _, seq, _ = struct.unpack_from("=IHHII", buf, off)
            yield typ, seq, buf[off + 16:off + n]
            off += (n + 3) & ~3


def raw_attr(arg):
    """NAME=TYPE:VALUE as a netlink attribute."""
    name, spec = arg.split("=", 1)
    typ, val = spec.split(":", 1)
    if typ == "str":
        data = val.encode() + b"\0"
    elif typ == "u8":
        data = struct.pack("=B", int(val, 0))
    elif typ == "u16":
        data = struct.pack("=H", int(val, 0))
    elif typ == "ip":
        fam = socket.AF_INET6 if ":" in val else socket.AF_INET
        data = socket.inet_pton(fam, val)
    else:
        data = bytes.fromhex(val)
    return attr(E["KL2TP_A_" + name], data)


def errname(e):
    return errno.errorcode.get(e, str(e))


def decide(users, a):
    """ACCEPT or REJECT for a request's attributes, and why."""
    user = a.get(E["KL2TP_A_USER"], b"").rstrip(b"\0").decode(errors="replace")
    method = a[E["KL2TP_A_AAA_METHOD"]][0]
    pw = users.get(user, (None,))[0]
    if pw is None:
        return E["KL2TP_AAA_REJECT"], "unknown user %s" % user
    if method == E["KL2TP_AUTH_PAP"]:
        ok = a.get(E["KL2TP_A_PASSWORD"]) == pw.encode()
    elif method == E["KL2TP_AUTH_CHAP"]:
        ident = a[E["KL2TP_A_AAA_CHAP_ID"]][:1]
        want = hashlib.md5(ident + pw.encode() +
                           a[E["KL2TP_A_AAA_CHALLENGE"]]).digest()
        ok = a.get(E["KL2TP_A_AAA_RESPONSE"]) == want
    else:
        return E["KL2TP_AAA_REJECT"], "method %d not here" % method
    return (E["KL2TP_AAA_ACCEPT"], "welcome %s" % user) if ok else \
        (E["KL2TP_AAA_REJECT"], "wrong password for %s" % user)


def user_attrs(keys):
    """A table line's key=value pairs as verdict attributes."""
    b = b""
    for k, v in keys.items():
        if k in ("address", "dns1", "dns2"):
            a = {"address": "KL2TP_A_ADDRESS", "dns1": "KL2TP_A_DNS1",
                 "dns2": "KL2TP_A_DNS2"}[k]
            b += attr(E[a], socket.inet_aton(v))
        elif k == "pool":
            b += attr(E["KL2TP_A_POOL"], v.encode() + b"\0")
        elif k == "mtu":
            b += attr(E["KL2TP_A_MTU"], struct.pack("=I", int(v)))
        elif k == "timeout":
            b += attr(E["KL2TP_A_SESSION_TIMEOUT"], struct.pack("=I", int(v)))
        elif k == "pd_prefix":
            pfx, ln = v.split("/")
            b += attr(E["KL2TP_A_PD_PREFIX"], socket.inet_pton(socket.AF_INET6, pfx))
            b += attr(E["KL2TP_A_PD_PREFIX_LEN"], struct.pack("=B", int(ln)))
        elif k == "pd_pool":
            b += attr(E["KL2TP_A_PD_POOL"], v.encode() + b"\0")
        elif k == "routes":
            r = b""
            for route in v.split(","):
                pfx, ln = route.split("/")
                r += socket.inet_aton(pfx) + struct.pack("=B3x", int(ln))
            b += attr(E["KL2TP_A_ROUTES"], r)
    return b


def verdict_body(sid, cookie, result, message=None, extra=b""):
    b = attr(E["KL2TP_A_AAA_COOKIE"], struct.pack("=Q", cookie))
    b += attr(E["KL2TP_A_SESSION_ID"], struct.pack("=H", sid))
    b += attr(E["KL2TP_A_AAA_RESULT"], struct.pack("=B", result))
    if message:
        b += attr(E["KL2TP_A_MESSAGE"], message.encode() + b"\0")
    return b + extra


def serve(users_file, log_file, mode):
    users = {}
    for line in open(users_file):
        f = line.split()
        if len(f) >= 2:
            users[f[0]] = (f[1], dict(kv.split("=", 1) for kv in f[2:]))
    g = Genl()
    err = g.request(E["KL2TP_CMD_AAA_REGISTER"], b"")
    if err:
        print("refused: %s" % errname(err), flush=True)
        return 1
    print("registered", flush=True)
    log = open(log_file, "a", buffering=1)
    while True:
        while not g.pending:
            for typ, _, payload in g.recv():
                if typ == g.family:
                    g.pending.append(payload)
        payload = g.pending.pop(0)
        if payload[0] != E["KL2TP_CMD_AAA_REQUEST"]:
            continue
        a = attrs(payload[4:])
        sid = struct.unpack("=H", a[E["KL2TP_A_SESSION_ID"]][:2])[0]
        cookie = struct.unpack("=Q", a[E["KL2TP_A_AAA_COOKIE"]][:8])[0]
        user = a.get(E["KL2TP_A_USER"], b"").rstrip(b"\0").decode(errors="replace")
        log.write("request session %d cookie %d user %s method %d proxy %d "
                  "listener %s peer %s\n" %
                  (sid, cookie, user, a[E["KL2TP_A_AAA_METHOD"]][0],
                   E["KL2TP_A_AAA_PROXY"] in a,
                   a.get(E["KL2TP_A_NAME"], b"-").rstrip(b"\0").decode(),
                   socket.inet_ntoa(a.get(E["KL2TP_A_REMOTE_ADDR"], b"\0" * 4))))
        if mode == "silent":
            continue
        err = g.request(E["KL2TP_CMD_AAA_VERDICT"],
                        verdict_body(sid, cookie + 1000000, E["KL2TP_AAA_ACCEPT"]))
        log.write("other cookie: %s\n" % (errname(err) if err else "accepted"))
        if mode == "unavailable":
            result, why = E["KL2TP_AAA_UNAVAILABLE"], "no server"
        else:
            result, why = decide(users, a)
        if a[E["KL2TP_A_AAA_METHOD"]][0] == E["KL2TP_AUTH_MSCHAPV2"]:
            err = g.request(E["KL2TP_CMD_AAA_VERDICT"],
                            verdict_body(sid, cookie, E["KL2TP_AAA_ACCEPT"]))
            log.write("mschapv2 accept without authenticator response: %s\n" %
                      (errname(err) if err else "accepted"))
        extra = b""
        if result == E["KL2TP_AAA_ACCEPT"]:
            extra = user_attrs(users[user][1])
        err = g.request(E["KL2TP_CMD_AAA_VERDICT"],
                        verdict_body(sid, cookie, result, why, extra))
        log.write("verdict session %d user %s result %d (%s): %s\n" %
                  (sid, user, result, why, errname(err) if err else "ok"))


def main():
    if len(sys.argv) >= 4 and sys.argv[1] == "serve":
        mode = sys.argv[4].lstrip("-") if len(sys.argv) > 4 else "table"
        return serve(sys.argv[2], sys.argv[3], mode)
    if len(sys.argv) == 2 and sys.argv[1] == "register":
        err = Genl().request(E["KL2TP_CMD_AAA_REGISTER"], b"")
        print("refused: %s" % errname(err) if err else "registered")
        return 1 if err else 0
    if len(sys.argv) == 4 and sys.argv[1] == "verdict":
        err = Genl().request(E["KL2TP_CMD_AAA_VERDICT"],
                             verdict_body(int(sys.argv[2]), int(sys.argv[3]),
                                          E["KL2TP_AAA_ACCEPT"]))
        print("refused: %s" % errname(err) if err else "ok")
        return 1 if err else 0
    if len(sys.argv) >= 3 and sys.argv[1] == "raw":
        body = b"".join(raw_attr(a) for a in sys.argv[3:])
        err = Genl().request(E["KL2TP_CMD_" + sys.argv[2]], body)
        print("refused: %s" % errname(err) if err else "ok")
        return 1 if err else 0
    sys.exit(__doc__)


if __name__ == "__main__":
    sys.exit(main())
