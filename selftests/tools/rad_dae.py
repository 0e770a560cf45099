#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""RFC 5176 Disconnect-Requests that radclient cannot send: the same
request twice, or one whose Event-Timestamp is old.

Usage: rad_dae.py HOST PORT SECRET MODE NAME=VALUE...

NAME is User-Name, Acct-Session-Id or Framed-IP-Address. The request is
signed as RFC 5176 3.5 says (Request Authenticator: MD5 of the packet with
16 zero octets in its place, then the secret; a Message-Authenticator,
HMAC-MD5 over the packet with its value zeroed) and carries an
Event-Timestamp. MODE:

  twice  the request, then the same datagram again (a retransmission:
         same Identifier, same authenticator) once the first is answered;
         prints "CODE1 CODE2 same" or "CODE1 CODE2 different" (the
         answers' codes: 41 Disconnect-ACK, 42 Disconnect-NAK), or
         "no answer"
  stale  the request with an Event-Timestamp 1000 s old; prints the
         answer's code, or "no answer" within 3 s
  fresh  the same with the current time; prints the code or "no answer"
"""
import hashlib
import hmac
import os
import socket
import struct
import sys
import time

TYPES = {"User-Name": 1, "Framed-IP-Address": 8, "Acct-Session-Id": 44}
EVENT_TIMESTAMP, MESSAGE_AUTHENTICATOR = 55, 80
DISCONNECT_REQUEST = 40


def attr(typ, value):
    return bytes([typ, 2 + len(value)]) + value


def request(secret, attrs, stamp):
    ident = os.urandom(1)[0]
    body = b"".join(attrs) + attr(EVENT_TIMESTAMP, struct.pack("!I", stamp))
    ma_off = 20 + len(body)
    body += attr(MESSAGE_AUTHENTICATOR, bytes(16))
    head = struct.pack("!BBH", DISCONNECT_REQUEST, ident, 20 + len(body))
    pkt = bytearray(head + bytes(16) + body)
    mac = hmac.new(secret, bytes(pkt), hashlib.md5).digest()
    pkt[ma_off + 2:ma_off + 18] = mac
    pkt[4:20] = hashlib.md5(bytes(pkt) + secret).digest()
    return bytes(pkt)


def answer(sock):
    try:
        return sock.recv(4096)
    except socket.timeout:
        return None


def main():
    host, port, secret, mode = sys.argv[1:5]
    attrs = []
    for arg in sys.argv[5:]:
        name, value = arg.split("=", 1)
        raw = (socket.inet_aton(value) if name == "Framed-IP-Address"
               else value.encode())
        attrs.append(attr(TYPES[name], raw))
    stamp = int(time.time()) - (1000 if mode == "stale" else 0)
    pkt = request(secret.encode(), attrs, stamp)
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.settimeout(3)
    sock.connect((host, int(port)))
    sock.send(pkt)
    first = answer(sock)
    if first is None:
        print("no answer")
        return
    if mode != "twice":
        print(first[0])
        return
    sock.send(pkt)
    second = answer(sock)
    if second is None:
        print("no answer")
        return
    print(first[0], second[0], "same" if first == second else "different")


if __name__ == "__main__":
    main()
