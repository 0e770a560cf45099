#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""An LNS that answers the first call of a tunnel too late.

Usage: l2tp_stall_lns.py BIND_ADDR PORT SECS LATE

It answers an SCCRQ with an SCCRP and acknowledges every message. The
first ICRQ gets its ICRP only LATE seconds later, after the LAC's setup
deadline (call_setup_timeout below LATE) ended the call; every later ICRQ
is answered at once, so the tunnel keeps a call and stays. Within SECS
seconds it expects:
- no CDN for the first call before its ICRP: the LAC cannot name our
  session yet, and a CDN to Session ID 0 would end an xl2tpd tunnel;
- after the late ICRP, a CDN to the session that ICRP named, with the
  first ICRQ's Assigned Session ID, Result Code 2, Error Code 5 (invalid
  Session ID).

Prints "ok NAME" or "FAIL NAME: why"; the exit code is the failure count.
"""
import socket
import struct
import sys
import time

from l2tp_proxy_lac import T, L, S, avp, parse, u16, u32, result
import l2tp_proxy_lac

LATE_SID = 77               # our session id for the first call


def main():
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind((sys.argv[1], int(sys.argv[2])))
    s.settimeout(0.2)
    end = time.monotonic() + float(sys.argv[3])
    late = float(sys.argv[4])
    st = {"ns": 0, "nr": 0, "ptid": 0}
    first = None                # (time, Assigned Session ID) of call 1
    icrp_at = None
    early_cdn = []
    cdn = None                  # (header, AVPs) of the CDN after the ICRP
    next_sid = LATE_SID + 1
    peer = None

    def send(sid, body):
        hdr = struct.pack("!HHHHHH", T | L | S | 2, 12 + len(body),
                          st["ptid"], sid, st["ns"], st["nr"])
        s.sendto(hdr + body, peer)
        if body:
            st["ns"] += 1

    while cdn is None and time.monotonic() < end:
        if first and icrp_at is None and time.monotonic() >= first[0] + late:
            icrp_at = time.monotonic()
            send(first[1], avp(0, u16(11)) + avp(14, u16(LATE_SID)))
        try:
            pkt, peer = s.recvfrom(4096)
        except socket.timeout:
            continue
        if len(pkt) < 12 or not struct.unpack("!H", pkt[:2])[0] & T:
            continue            # data: PPP of the calls answered
        hdr, avps = parse(pkt)
        if hdr[0] == 12:
            continue            # ZLB
        if hdr[3] != st["nr"]:
            send(0, b"")        # a retransmission: acknowledged again
            continue
        st["nr"] += 1
        mt = struct.unpack("!H", avps.get(0, b"\0\0"))[0]
        if mt == 1:             # SCCRQ
            st["ptid"] = struct.unpack("!H", avps[9])[0]
            send(0, avp(0, u16(2)) + avp(2, b"\x01\x00") + avp(3, u32(3)) +
                 avp(7, b"stall-lns") + avp(9, u16(77)))
            continue
        if mt == 10:            # ICRQ
            sid = struct.unpack("!H", avps[14])[0]
            if first is None:
                first = (time.monotonic(), sid)
            else:
                send(sid, avp(0, u16(11)) + avp(14, u16(next_sid)))
                next_sid += 1
                continue
        elif mt == 14 and first and avps.get(14) == u16(first[1]):
            if icrp_at is None:
                early_cdn.append(hdr[2])
            else:
                cdn = (hdr, avps)
        send(0, b"")            # ZLB

    result("first ICRQ", first is not None, "none")
    result("no CDN for it before its ICRP", not early_cdn,
           "CDN to session(s) %r" % early_cdn)
    result("late ICRP sent", icrp_at is not None, "no time left")
    result("CDN after the late ICRP", cdn is not None, "none")
    if cdn is None:
        return
    hdr, avps = cdn
    rc = avps.get(1, b"\0\0\0\0")
    result("to the session the ICRP named", hdr[2] == LATE_SID,
           "session %d" % hdr[2])
    result("Result Code 2, Error Code 5 (invalid Session ID)",
           rc[:4] == b"\0\x02\0\x05", "%r" % rc)


if __name__ == "__main__":
    main()
    sys.exit(l2tp_proxy_lac.fails)
