#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Count IPv4 packets on a device, both directions, until SIGTERM.

Usage: l2tp_watch.py DEV big | lcp-confreq

Prints "ready" once capturing, and on SIGTERM:
  big          "big N of M": UDP packets longer than 1500 bytes (IP total
               length), of M UDP packets
  lcp-confreq  "SRC N" lines: LCP Configure-Requests in L2TP data messages,
               by source address
"""
import signal
import socket
import struct
import sys


def lcp_confreq_src(p):
    """The source address if @p carries an LCP Configure-Request, else None."""
    ihl = (p[0] & 15) * 4
    if p[9] != 17 or len(p) < ihl + 8 + 6:
        return None
    l = p[ihl + 8:]
    f = struct.unpack('!H', l[:2])[0]
    if f & 0x8000:
        return None
    o = 2 + (2 if f & 0x4000 else 0) + 4 + (4 if f & 0x0800 else 0)
    if f & 0x0200:
        o += 2 + struct.unpack('!H', l[o:o + 2])[0]
    ppp = l[o:]
    if ppp[:2] == b'\xff\x03':
        ppp = ppp[2:]
    if ppp[:3] == b'\xc0\x21\x01':
        return socket.inet_ntoa(p[12:16])
    return None


def main():
    dev, mode = sys.argv[1], sys.argv[2]
    if mode not in ('big', 'lcp-confreq'):
        sys.exit('usage: l2tp_watch.py DEV big|lcp-confreq')
    # ETH_P_ALL: a protocol's own tap sees only what is received
    s = socket.socket(socket.AF_PACKET, socket.SOCK_DGRAM, socket.htons(3))
    s.bind((dev, 0))
    big = n = 0
    by_src = {}

    def out(*_):
        if mode == 'big':
            print('big', big, 'of', n, flush=True)
        for k, v in sorted(by_src.items()):
            print(k, v, flush=True)
        sys.exit(0)

    signal.signal(signal.SIGTERM, out)
    print('ready', flush=True)
    while True:
        p, a = s.recvfrom(70000)
        if a[1] != 0x0800:
            continue
        if mode == 'big':
            if p[9] == 17:
                n += 1
                big += (p[2] << 8 | p[3]) > 1500
            continue
        src = lcp_confreq_src(p)
        if src:
            by_src[src] = by_src.get(src, 0) + 1


if __name__ == '__main__':
    main()
