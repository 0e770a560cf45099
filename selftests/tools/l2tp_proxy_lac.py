#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""A LAC that did LCP and authentication itself and hands the call over,
or one that never completes its call.

Usage: l2tp_proxy_lac.py LNS_ADDR PORT MODE

It opens a tunnel and a call to the LNS (its ICRQ with a Calling Number
of 77 octets, two of them not printable, and an empty Called Number),
and sends in its ICCN the proxy
LCP (AVPs 27, 28) and proxy authentication AVPs (29-33) of RFC 2661 4.4.5,
for the user "alice" with the password "pw". Then it watches the PPP frames
the LNS sends on the session. MODE:

  pap-ok     proxied PAP, right password: the LNS Acks the PAP request
             with the proxied Identifier and goes on to IPCP; no LCP
             Configure-Request of its own
  pap-bad    proxied PAP, wrong password: the LNS Naks, and the call ends
             with a CDN
  chap-ok    proxied CHAP-MD5, right response: CHAP Success, then IPCP
  force-chap proxied PAP on a listener with force-chap on: the LNS
             renegotiates LCP (it cannot challenge over a PAP link)
  chap-force proxied CHAP-MD5 with force-chap on: the LNS sends a CHAP
             Challenge of its own instead of trusting the proxy
  stall      no ICCN after the ICRP: within 20 s the LNS ends the call
             with a CDN, Result Code 10, no sooner than 2 s after its
             ICRP (run with call_setup_timeout 2 to 15)

Prints "ok NAME" or "FAIL NAME: why"; the exit code is the failure count.
"""
import hashlib
import os
import socket
import struct
import sys
import time

T, L, S = 0x8000, 0x4000, 0x0800
CALLING = b"line\x01\xff/" + b"9" * 70
fails = 0


def avp(typ, value, m=True):
    return struct.pack("!HHH", (0x8000 if m else 0) | (6 + len(value)), 0,
                       typ) + value


def u16(v):
    return struct.pack("!H", v)


def u32(v):
    return struct.pack("!I", v)


def parse(pkt):
    """(header fields: length, tunnel, session, Ns, Nr; {AVP type: value})
    of a control message (AVPs not hidden)."""
    length, tid, sid, ns, nr = struct.unpack("!HHHHH", pkt[2:12])
    avps, off = {}, 12
    while off + 6 <= length:
        h, _vendor, typ = struct.unpack("!HHH", pkt[off:off + 6])
        n = h & 0x3ff
        if n < 6:
            break
        avps[typ] = pkt[off + 6:off + n]
        off += n
    return (length, tid, sid, ns, nr), avps


def result(name, ok, why=""):
    global fails
    print(("ok   %s" % name) if ok else ("FAIL %s: %s" % (name, why)))
    if not ok:
        fails += 1


class Lac:
    def __init__(self, dst):
        self.s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.s.bind(("0.0.0.0", 0))
        self.s.settimeout(1)
        self.dst = dst
        self.ns = 0
        self.nr = 0
        self.ptid = 0
        self.psid = 0
        self.ppp = []       # PPP frames received on the session
        self.msgs = []      # control message types received

    def send(self, sid, body):
        n = 12 + len(body)
        self.s.sendto(struct.pack("!HHHHHH", T | L | S | 2, n, self.ptid, sid,
                                  self.ns, self.nr) + body, self.dst)
        self.ns += 1

    def zlb(self):
        self.s.sendto(struct.pack("!HHHHHH", T | L | S | 2, 12, self.ptid, 0,
                                  self.ns, self.nr), self.dst)

    def recv_until(self, want, tries=10):
        """Read until a control message of type @want; None on timeout."""
        for _ in range(tries):
            try:
                pkt = self.s.recv(4096)
            except socket.timeout:
                continue
            flags = struct.unpack("!H", pkt[:2])[0]
            if not flags & T:
                self.data(pkt, flags)
                continue
            (length, _tid, _sid, ns, _nr), avps = parse(pkt)
            if length == 12:
                continue            # ZLB
            if ns == self.nr:
                self.nr += 1
            self.zlb()
            mt = struct.unpack("!H", avps.get(0, b"\0\0"))[0]
            self.msgs.append(mt)
            if mt == want:
                return avps
        return None

    def data(self, pkt, flags):
        off = 4 if flags & L else 2
        off += 4                    # tunnel, session
        if flags & S:
            off += 4
        if flags & 0x0200:
            off += 2 + struct.unpack("!H", pkt[off:off + 2])[0]
        frame = pkt[off:]
        if frame[:2] == b"\xff\x03":
            frame = frame[2:]
        self.ppp.append(frame)

    def watch(self, secs):
        for _ in range(secs):
            try:
                pkt = self.s.recv(4096)
            except socket.timeout:
                continue
            flags = struct.unpack("!H", pkt[:2])[0]
            if flags & T:
                self.s.settimeout(0.01)
                self.recv_until(-1, 1)
                self.s.settimeout(1)
            else:
                self.data(pkt, flags)


def frames(lac, proto, code=None):
    return [f for f in lac.ppp if f[:2] == u16(proto) and
            (code is None or (len(f) > 2 and f[2] == code))]


def stall(lac):
    t0 = time.monotonic()
    r = lac.recv_until(14, 20)
    dt = time.monotonic() - t0
    result("CDN for the call without ICCN", r is not None,
           "messages %r" % lac.msgs)
    if r is None:
        return
    rc = struct.unpack("!H", r.get(1, b"\0\0")[:2])[0]
    result("Result Code 10 (not established in time)", rc == 10,
           "result %d" % rc)
    result("not before the deadline", dt >= 2, "after %.1f s" % dt)


def main():
    dst = (sys.argv[1], int(sys.argv[2]))
    mode = sys.argv[3]
    lac = Lac(dst)

    lac.send(0, avp(0, u16(1)) + avp(2, b"\x01\x00") + avp(3, u32(3)) +
             avp(7, b"proxylac") + avp(9, u16(7)))
    r = lac.recv_until(2)
    result("SCCRP", r is not None, "no SCCRP")
    if r is None:
        return
    lac.ptid = struct.unpack("!H", r[9])[0]
    lac.send(0, avp(0, u16(3)))
    # a Calling Number the LNS must cut to 63 characters, its two bytes
    # that are not printable ASCII shown as '?'; an empty Called Number
    lac.send(0, avp(0, u16(10)) + avp(14, u16(9)) + avp(15, u32(1)) +
             avp(22, CALLING) + avp(21, b""))
    r = lac.recv_until(11)
    result("ICRP", r is not None, "no ICRP")
    if r is None:
        return
    lac.psid = struct.unpack("!H", r[14])[0]
    if mode == "stall":
        stall(lac)
        return

    magic_ours, magic_peer = os.urandom(4), os.urandom(4)
    chap = mode.startswith("chap")
    auth_opt = b"\x03\x05\xc2\x23\x05" if chap else b"\x03\x04\xc0\x23"
    sent = b"\x01\x04\x05\xb4" + auth_opt + b"\x05\x06" + magic_ours
    rcvd = b"\x05\x06" + magic_peer
    pid = 42
    proxy = avp(27, sent) + avp(28, rcvd) + avp(26, rcvd)
    if chap:
        chal = os.urandom(16)
        resp = hashlib.md5(bytes([pid]) + b"pw" + chal).digest()
        proxy += (avp(29, u16(2)) + avp(30, b"alice") + avp(31, chal) +
                  avp(32, u16(pid)) + avp(33, resp))
    else:
        pw = b"nope" if mode == "pap-bad" else b"pw"
        proxy += (avp(29, u16(3)) + avp(30, b"alice") + avp(32, u16(pid)) +
                  avp(33, pw))
    lac.send(lac.psid, avp(0, u16(12)) + avp(24, u32(100000000)) +
             avp(19, u32(1)) + proxy)
    lac.watch(6)

    lcp_req = frames(lac, 0xc021, 1)
    ipcp_req = frames(lac, 0x8021, 1)
    if mode == "pap-ok":
        ack = frames(lac, 0xc023, 2)
        result("PAP Ack for the proxied request", ack and ack[0][3] == pid,
               "frames %r" % lac.ppp[:4])
        result("no LCP of its own", not lcp_req, "LCP %r" % lcp_req[:1])
        result("IPCP started", bool(ipcp_req), "frames %r" % lac.ppp[:4])
    elif mode == "pap-bad":
        nak = frames(lac, 0xc023, 3)
        result("PAP Nak", bool(nak), "frames %r" % lac.ppp[:4])
        result("no IPCP", not ipcp_req, "IPCP %r" % ipcp_req[:1])
        result("CDN", 14 in lac.msgs or lac.recv_until(14) is not None,
               "messages %r" % lac.msgs)
    elif mode == "chap-ok":
        ok = frames(lac, 0xc223, 3)
        result("CHAP Success", ok and ok[0][3] == pid,
               "frames %r" % lac.ppp[:4])
        result("no LCP of its own", not lcp_req, "LCP %r" % lcp_req[:1])
        result("IPCP started", bool(ipcp_req), "frames %r" % lac.ppp[:4])
    elif mode == "chap-force":
        chal = frames(lac, 0xc223, 1)
        result("CHAP Challenge of its own", bool(chal),
               "frames %r" % lac.ppp[:4])
        result("no IPCP before it", not ipcp_req, "IPCP %r" % ipcp_req[:1])
    elif mode == "force-chap":
        result("LCP renegotiated", bool(lcp_req), "frames %r" % lac.ppp[:4])
    else:
        result("mode", False, "unknown mode %s" % mode)


if __name__ == "__main__":
    main()
    sys.exit(fails)
