#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Send malformed L2TP control messages to an LNS and check its answers.

Usage: l2tp_inject.py LNS_ADDR [PORT]
       l2tp_inject.py --flood N LNS_ADDR [PORT [SRC_ADDR [SECS]]]
       l2tp_inject.py --sccrq SRC_ADDR LNS_ADDR [PORT [tie] [challenge]]
       l2tp_inject.py --data TID SID LNS_ADDR [PORT [CASE]]
       l2tp_inject.py --spoof TID N SRC_ADDR LNS_ADDR [PORT]

--flood sends N valid SCCRQs, each from a new socket (an ephemeral port of
SRC_ADDR if given) with its own Assigned Tunnel ID, and never answers: the
half-open tunnels an attacker can make an LNS keep. With SECS, spread
over that many seconds (at most as fast as it can).

--sccrq sends one valid SCCRQ (a random Assigned Tunnel ID) from SRC_ADDR
port 1701 and waits for the SCCRP, sending it again after 1 s and 2 s (as
a LAC would): "ok" with the time to the answer (exit 0), a StopCCN (exit
2, acknowledged), or FAIL after 3 s of silence (exit 1). An SCCRP is
answered with a StopCCN, so the LNS closes that tunnel at once. "tie" adds a Tie Breaker AVP, "challenge" a
Challenge AVP (refused by an LNS without a secret for us).

--data sends malformed data messages to the live session SID of tunnel TID
(the LNS's ids), and some well-formed ones it must take in stride: an
offset pad that makes the datagram larger than the MTU (it arrives as IP
fragments, so the pad is not in the skb's linear part). With CASE (from 0),
only that one. The bytes are the same every run, so a caller can count.

--spoof sends N well-formed Hellos to the live tunnel TID (the LNS's id)
from SRC_ADDR and a port of its own: not the tunnel's peer, or not its
port. The LNS must drop and count every one before its tunnel work sees it.

Every case prints "ok NAME" or "FAIL NAME: why"; the exit code is the number
of failures. Cases that must be dropped silently are checked by the caller
through the listener's rx_drops counter; cases that must be answered (an
unknown mandatory AVP in an open tunnel: StopCCN, Result Code 2, Error 8)
are checked here.
"""
import os
import random
import socket
import struct
import sys
import time

T, L, S = 0x8000, 0x4000, 0x0800
fails = 0


def avp(typ, value, m=True, vendor=0, length=None):
    flags = 0x8000 if m else 0
    n = 6 + len(value) if length is None else length
    return struct.pack("!HHH", flags | n, vendor, typ) + value


def ctrl(tid, sid, ns, nr, body, length=None):
    n = 12 + len(body) if length is None else length
    return struct.pack("!HHHHHH", T | L | S | 2, n, tid, sid, ns, nr) + body


def sccrq(assigned_tid, extra=b"", version=b"\x01\x00"):
    return (avp(0, struct.pack("!H", 1)) + avp(2, version) +
            avp(3, struct.pack("!I", 3)) + avp(7, b"inject") +
            avp(9, struct.pack("!H", assigned_tid)) + extra)


def parse(pkt):
    flags, length, tid, sid, ns, nr = struct.unpack("!HHHHHH", pkt[:12])
    avps, off = {}, 12
    while off + 6 <= length:
        h, vendor, typ = struct.unpack("!HHH", pkt[off:off + 6])
        n = h & 0x3ff
        if n < 6:
            break
        if vendor == 0:
            avps[typ] = pkt[off + 6:off + n]
        off += n
    return tid, ns, nr, avps


def result(name, ok, why=""):
    global fails
    print(("ok   %s" % name) if ok else ("FAIL %s: %s" % (name, why)))
    if not ok:
        fails += 1


def main():
    dst = (sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 1701)
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind(("0.0.0.0", 0))
    s.settimeout(5)

    # Dropped and counted by the listener.
    drops = [
        ("truncated header", b"\xc8\x02\x00"),
        ("L2TPv3 version", struct.pack("!HH", T | L | S | 3, 12) + b"\0" * 8),
        ("L2F version", struct.pack("!HH", T | L | S | 1, 12) + b"\0" * 8),
        ("length beyond the packet", ctrl(0, 0, 0, 0, sccrq(7), length=200)),
        ("AVP length < 6", ctrl(0, 0, 0, 0, sccrq(7, avp(7, b"", length=4)))),
        ("AVP beyond the message", ctrl(0, 0, 0, 0, sccrq(7, avp(7, b"x" * 8, length=60)))),
        ("unknown mandatory AVP in SCCRQ", ctrl(0, 0, 0, 0, sccrq(7, avp(200, b"x")))),
        ("zero Assigned Tunnel ID", ctrl(0, 0, 0, 0, sccrq(0))),
        ("first AVP not Message Type", ctrl(0, 0, 0, 0, avp(7, b"x") + sccrq(7))),
        ("unknown tunnel", ctrl(4242, 0, 0, 0, avp(0, struct.pack("!H", 6)))),
        ("data for unknown tunnel", struct.pack("!HHH", 0x0002, 4242, 1) + b"\xff\x03"),
        ("random garbage", os.urandom(64)),
    ]
    for name, pkt in drops:
        s.sendto(pkt, dst)
        result("sent: " + name, True)

    # Another protocol version: refused with StopCCN result 5.
    s.sendto(ctrl(0, 0, 0, 0, sccrq(98, version=b"\x02\x00")), dst)
    try:
        pkt, _ = s.recvfrom(2048)
        tid, sns, _, avps = parse(pkt)
        rc = struct.unpack("!H", avps[1][:2])[0] if 1 in avps else None
        result("StopCCN 5 to an SCCRQ of version 2.0",
               tid == 98 and avps.get(0) == struct.pack("!H", 4) and rc == 5,
               "tid %d avps %r" % (tid, avps))
        s.sendto(ctrl(struct.unpack("!H", avps[9])[0] if 9 in avps else 0,
                      0, 1, (sns + 1) & 0xffff, b""), dst)
    except socket.timeout:
        result("StopCCN 5 to an SCCRQ of version 2.0", False, "no answer")

    # An open tunnel that then gets an unknown mandatory AVP: StopCCN 2/8.
    # Its SCCRQ carries a Vendor Name with a reserved bit set and M clear:
    # an unrecognised AVP to skip (RFC 2661 4.1), not a reason to drop it.
    rsvd = struct.pack("!HHH", 0x0400 | 10, 0, 8) + b"rsvd"
    name = "SCCRP to an SCCRQ with a reserved-bit AVP (M clear)"
    s.sendto(ctrl(0, 0, 0, 0, sccrq(99, rsvd)), dst)
    try:
        pkt, _ = s.recvfrom(2048)
    except socket.timeout:
        result(name, False, "no answer")
        return fails
    tid, ns, nr, avps = parse(pkt)
    ok = tid == 99 and struct.unpack("!H", avps.get(0, b"\0\0"))[0] == 2
    result(name, ok, repr(avps))
    if not ok:
        return fails
    lns_tid = struct.unpack("!H", avps[9])[0]
    # SCCCN, then a HELLO carrying an unknown mandatory vendor AVP.
    s.sendto(ctrl(lns_tid, 0, 1, 1, avp(0, struct.pack("!H", 3))), dst)
    s.sendto(ctrl(lns_tid, 0, 2, 1, avp(0, struct.pack("!H", 6)) +
                  avp(77, b"zz", vendor=311)), dst)
    got = None
    for _ in range(6):
        try:
            pkt, _ = s.recvfrom(2048)
        except socket.timeout:
            break
        _, sns, _, avps = parse(pkt)
        if avps.get(0) == struct.pack("!H", 4):
            got = avps
            break
    if got is None:
        result("StopCCN after an unknown mandatory AVP", False, "none")
    else:
        rc, ec = struct.unpack("!HH", got[1][:4])
        result("StopCCN after an unknown mandatory AVP", (rc, ec) == (2, 8),
               "result %d error %d" % (rc, ec))
        # ack it so the LNS does not retransmit for long
        s.sendto(ctrl(lns_tid, 0, 3, (sns + 1) & 0xffff, b""), dst)
    return fails


def flood():
    n = int(sys.argv[2])
    dst = (sys.argv[3], int(sys.argv[4]) if len(sys.argv) > 4 else 1701)
    src = sys.argv[5] if len(sys.argv) > 5 else ""
    secs = float(sys.argv[6]) if len(sys.argv) > 6 else 0
    t0 = time.monotonic()
    for i in range(n):
        ahead = t0 + secs * i / n - time.monotonic()
        if ahead > 0:
            time.sleep(ahead)
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.bind((src, 0))
            s.sendto(ctrl(0, 0, 0, 0, sccrq(1000 + i % 60000)), dst)
    print("ok   sent %d SCCRQs" % n)
    return 0


def one_sccrq():
    dst = (sys.argv[3], int(sys.argv[4]) if len(sys.argv) > 4 else 1701)
    extra = b""
    if "tie" in sys.argv[5:]:
        extra += avp(5, bytes(range(1, 9)), m=False)  # M must be 0
    if "challenge" in sys.argv[5:]:
        extra += avp(11, bytes(range(16)))
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind((sys.argv[2], 1701))
    my_tid = random.randint(1, 0xffff)
    t0 = time.monotonic()
    for attempt in range(3):
        s.sendto(ctrl(0, 0, 0, 0, sccrq(my_tid, extra)), dst)
        end = time.monotonic() + 1
        while time.monotonic() < end:
            s.settimeout(max(end - time.monotonic(), 0.01))
            try:
                pkt, peer = s.recvfrom(2048)
            except socket.timeout:
                break
            try:
                tid, ns, _, avps = parse(pkt)
            except (struct.error, ValueError):
                continue
            if tid != my_tid:
                continue
            ms = (time.monotonic() - t0) * 1000
            if avps.get(0) == struct.pack("!H", 4):
                lns_tid = struct.unpack("!H", avps[9][:2])[0]
                s.sendto(ctrl(lns_tid, 0, 1, (ns + 1) & 0xffff, b""), peer)
                print("ok   StopCCN in %.0f ms" % ms)
                return 2
            if avps.get(0) != struct.pack("!H", 2):
                continue
            lns_tid = struct.unpack("!H", avps[9][:2])[0]
            # StopCCN (Ns 1, Nr 1): the LNS closes the tunnel at once.
            s.sendto(ctrl(lns_tid, 0, 1, 1,
                          avp(0, struct.pack("!H", 4)) +
                          avp(9, struct.pack("!H", my_tid)) +
                          avp(1, struct.pack("!H", 1))), peer)
            print("ok   SCCRP in %.0f ms (%d sent)" % (ms, attempt + 1))
            return 0
    print("FAIL no SCCRP in 3 s (3 SCCRQs sent)")
    return 1


def spoof():
    tid, n = int(sys.argv[2]), int(sys.argv[3])
    dst = (sys.argv[5], int(sys.argv[6]) if len(sys.argv) > 6 else 1701)
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind((sys.argv[4], 0))
    hello = avp(0, struct.pack("!H", 6))
    for i in range(n):
        s.sendto(ctrl(tid, 0, i & 0xffff, 0, hello), dst)
    print("ok   sent %d Hellos to tunnel %d from %s:%d" %
          (n, tid, sys.argv[4], s.getsockname()[1]))
    return 0


def junk(n, seed=[7]):
    """n bytes that look random but are the same every run."""
    seed[0] = (seed[0] * 1103515245 + 12345) & 0x7fffffff
    return random.Random(seed[0]).randbytes(n)


def data():
    tid, sid = int(sys.argv[2]), int(sys.argv[3])
    dst = (sys.argv[4], int(sys.argv[5]) if len(sys.argv) > 5 else 1701)
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind(("0.0.0.0", 0))
    O, D = 0x0200, 0x0002       # Offset Size present, Ver 2

    def hdr(flags=0, tail=b""):
        return struct.pack("!HHH", D | flags, tid, sid) + tail

    discard = b"\xff\x03\xc0\x21" + struct.pack("!BBH", 11, 1, 8) + b"junk"
    ip6 = b"\xff\x03\x00\x57"

    def ip6hdr(plen, nh, hl, src, dst):
        return (struct.pack("!IHBB", 6 << 28, plen, nh, hl) +
                socket.inet_pton(socket.AF_INET6, src) +
                socket.inet_pton(socket.AF_INET6, dst))

    def rs(opts):
        return (ip6hdr(8 + len(opts), 58, 255, "fe80::1", "ff02::2") +
                struct.pack("!BBHI", 133, 0, 0, 0) + opts)
    cases = [
        ("no PPP frame", hdr()),
        ("one byte of PPP", hdr() + b"\xff"),
        ("Address without Control", hdr() + b"\xff\x05\x00\x21"),
        ("invalid Protocol field", hdr() + b"\xff\x03\x00\x20"),
        ("Offset Size past the end", hdr(O, struct.pack("!H", 0xffff)) + b"xx"),
        ("Offset Size past the end, fragmented",
         hdr(O, struct.pack("!H", 0xfff0)) + junk(3000)),
        ("Length beyond the packet",
         struct.pack("!HHHH", D | L, 400, tid, sid) + discard),
        ("Length inside the header",
         struct.pack("!HHHH", D | L, 4, tid, sid) + discard),
        ("IPv4 from another source",
         hdr() + b"\xff\x03\x00\x21" + bytes([0x45, 0, 0, 28, 0, 0, 0, 0,
                                               64, 17, 0, 0, 10, 9, 9, 9,
                                               10, 0, 0, 1]) + b"\0" * 8),
        ("IPV6CP Configure-Request", hdr() + b"\xff\x03\x80\x57" +
         struct.pack("!BBH", 1, 1, 14) + b"\x01\x0a" + junk(8)),
        ("LCP garbage", hdr() + b"\xff\x03\xc0\x21" + junk(40)),
        ("unknown session", struct.pack("!HHH", D, tid, sid ^ 0x5555) + discard),
        ("garbage behind an even Protocol", hdr() + b"\xff\x03\x02\x02" + junk(200)),
        # taken: a Discard-Request behind a pad too big for the linear part
        ("Discard-Request behind a 2500-byte pad, fragmented",
         hdr(O, struct.pack("!H", 2500)) + b"\0" * 2500 + discard),
        # to a session whose IPV6CP is up (14 on)
        ("truncated IPv6 header", hdr() + ip6 + junk(20)),
        ("IPv6 from another source", hdr() + ip6 +
         ip6hdr(0, 59, 64, "2001:db8:ffff::1", "2001:db8::1")),
        ("Router Solicitation with an option of length 0",
         hdr() + ip6 + rs(b"\x01\x00" + b"\0" * 6)),
        ("Router Solicitation cut short", hdr() + ip6 + rs(b"")[:44]),
    ]
    if len(sys.argv) > 6:
        cases = [cases[int(sys.argv[6])]]
    for name, pkt in cases:
        s.sendto(pkt, dst)
        result("sent: " + name, True)
    return fails


if __name__ == "__main__":
    if sys.argv[1] == "--flood":
        sys.exit(flood())
    if sys.argv[1] == "--sccrq":
        sys.exit(one_sccrq())
    if sys.argv[1] == "--spoof":
        sys.exit(spoof())
    sys.exit(data() if sys.argv[1] == "--data" else main())
