#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Timing helpers for selftests/bench.sh: one process per measurement, so
that no exec of l2tpctl or jq sits inside a timed window (each costs ~0.1 s
under TCG).

Usage (run in the LAC's network namespace, as root):

  kl2tp_bench.py ping DST [--every MS] [--timeout S] [--events 1] -- CMD...
      Starts CMD (the dial command) and, from that instant, sends an ICMP
      echo request to DST every MS ms (default 3) from a raw socket. Sends
      that fail (no route yet: the session's device or its address does not
      exist) are counted as probes too. Prints one line:
        first_reply_ms=T cmd_ms=T probes=N unroutable=N steps=S@T,...
      times from just before CMD was started; with --events 1, steps are
      the first state events of kl2tp's clients, tunnels and sessions here
      (e.g. session-ppp_lcp@41.2), else "-". Exit 1 if no reply in S s.

  kl2tp_bench.py setup N [--lns NETNS] [--every MS] [--timeout S]
                 [--stall S] -- CMD...
      Starts CMD (l2tpctl -f FILE) and counts the clients that are "up"
      from kl2tp's client-state events (generic netlink multicast, read as
      they come: no polling, no exec; a client dump when the socket
      overflowed, and to confirm the end) until N are up, or no client came
      up for --stall S (default 60) after CMD ended, or --timeout S
      (default 900). Prints
        up=K of=N ms=T cmd_ms=T cmd_rc=RC events=N resyncs=N busy_jiffies=J
        own_jiffies=J hz=HZ lns_sessions=K lns_up=K lac_sessions=K
      busy_jiffies: all CPUs' non-idle time from /proc/stat over the window;
      own_jiffies: this process's (reading the events), to subtract. Exit 0 when all are up, 3 when not.

  kl2tp_bench.py teardown [--every MS] [--timeout S]
      Sends a TUNNEL_RESET for every tunnel of this namespace (from this one
      process) and waits until no session and no l2tp* device is left here
      (tunnels that linger, closing, are not waited for). Prints
        tunnels=N ms=T left_sessions=K left_devices=K
      Exit 3 on timeout.

  kl2tp_bench.py delclients
      Deletes every kl2tp client of this namespace (untimed clean-up:
      `l2tpctl -f` cannot delete, one exec per client takes minutes).

  kl2tp_bench.py reset
      Sends a TUNNEL_RESET for every tunnel of this namespace; no wait.

  kl2tp_bench.py count [--lns NETNS]
      Prints "clients_up=K lac_sessions=K lns_sessions=K lns_up=K".

The enum values come from uapi/linux/kl2tp.h (KL2TP_ROOT or this tree).
"""
import ctypes
import errno
import os
import re
import select
import socket
import struct
import subprocess
import sys
import time

ROOT = os.environ.get("KL2TP_ROOT") or os.path.join(os.path.dirname(
    os.path.abspath(__file__)), "..", "..")


def uapi_enums():
    """Every enumerator of kl2tp.h, by name."""
    text = open(os.path.join(ROOT, "uapi/linux/kl2tp.h")).read()
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    vals = {}
    for body in re.findall(r"enum\s+\w+\s*\{(.*?)\}", text, flags=re.S):
        n = -1
        for item in body.split(","):
            item = item.strip()
            if not item:
                continue
            if "=" in item:
                name, expr = (s.strip() for s in item.split("=", 1))
                try:
                    n = int(eval(expr.replace("ULL", ""), {}, dict(vals)))
                except Exception:
                    n += 1
            else:
                name = item
                n += 1
            vals[name] = n
    return vals


E = uapi_enums()

NLMSG_ERROR, NLMSG_DONE = 2, 3
NLM_F_REQUEST, NLM_F_ACK, NLM_F_DUMP = 1, 4, 0x300
GENL_ID_CTRL, CTRL_CMD_GETFAMILY = 0x10, 3
CTRL_ATTR_FAMILY_ID, CTRL_ATTR_FAMILY_NAME = 1, 2
CTRL_ATTR_MCAST_GROUPS, CTRL_ATTR_MCAST_GRP_NAME, CTRL_ATTR_MCAST_GRP_ID = 7, 1, 2
SOL_NETLINK, NETLINK_ADD_MEMBERSHIP = 270, 1
NLA_TYPE_MASK = 0x3fff


def attrs(buf):
    out = {}
    off = 0
    while off + 4 <= len(buf):
        ln, typ = struct.unpack_from("=HH", buf, off)
        if ln < 4:
            break
        out[typ & NLA_TYPE_MASK] = buf[off + 4:off + ln]
        off += (ln + 3) & ~3
    return out


def nla(typ, data):
    n = 4 + len(data)
    return struct.pack("=HH", n, typ) + data + b"\0" * ((4 - n % 4) % 4)


class Genl:
    def __init__(self):
        self.s = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, 16)
        self.s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 8 << 20)
        self.s.bind((0, 0))
        self.seq = 0
        self.fam = GENL_ID_CTRL
        name = b"kl2tp\0"
        msgs = self.request(CTRL_CMD_GETFAMILY, nla(CTRL_ATTR_FAMILY_NAME, name), ver=1)
        a = attrs(msgs[0])
        self.fam = struct.unpack("=H", a[CTRL_ATTR_FAMILY_ID][:2])[0]
        self.groups = {}
        for g in attrs(a.get(CTRL_ATTR_MCAST_GROUPS, b"")).values():
            g = attrs(g)
            self.groups[g[CTRL_ATTR_MCAST_GRP_NAME].rstrip(b"\0").decode()] = \
                struct.unpack("=I", g[CTRL_ATTR_MCAST_GRP_ID][:4])[0]

    def events(self, only=None):
        """A second socket, subscribed to kl2tp's events; with only (two
        event kinds), a socket filter lets through just those
        (KL2TP_A_EVENT is each event's first attribute: its byte is at
        offset 16 + 4 + 4), so that this process does not spend the guest's
        CPU on the others."""
        ev = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, 16)
        if only is not None:
            prog = [(0x30, 0, 0, 24),           # ldb [24]
                    (0x15, 1, 0, only[0]),      # jeq #only0, accept
                    (0x15, 0, 1, only[1]),      # jeq #only1, accept, drop
                    (0x06, 0, 0, 0xffffffff),   # ret #-1
                    (0x06, 0, 0, 0)]            # ret #0
            code = b"".join(struct.pack("=HBBI", *i) for i in prog)
            buf = ctypes.create_string_buffer(code)
            fprog = struct.pack("HL", len(prog), ctypes.addressof(buf))
            ev.setsockopt(socket.SOL_SOCKET, 26, fprog)  # SO_ATTACH_FILTER
        try:
            ev.setsockopt(socket.SOL_SOCKET, 33, 32 << 20)  # SO_RCVBUFFORCE
        except OSError:
            ev.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 32 << 20)
        ev.bind((0, 0))
        ev.setsockopt(SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, self.groups["events"])
        ev.setblocking(False)
        return ev

    def send(self, cmd, payload=b"", flags=NLM_F_REQUEST | NLM_F_ACK, ver=1):
        self.seq += 1
        body = struct.pack("=BBH", cmd, ver, 0) + payload
        self.s.send(struct.pack("=IHHII", 16 + len(body), self.fam, flags,
                                self.seq, 0) + body)
        return self.seq

    def recv(self, seq, dump):
        """Genl payloads (attributes) of the answer to seq; raises on error."""
        out = []
        while True:
            data = self.s.recv(1 << 20)
            off = 0
            while off + 16 <= len(data):
                ln, typ, _flags, mseq, _pid = struct.unpack_from("=IHHII", data, off)
                msg = data[off + 16:off + ln]
                off += (ln + 3) & ~3
                if mseq != seq:
                    continue
                if typ == NLMSG_ERROR:
                    err = struct.unpack_from("=i", msg)[0]
                    if err:
                        raise OSError(-err, os.strerror(-err))
                    return out
                if typ == NLMSG_DONE:
                    return out
                out.append(msg[4:])
                if not dump:
                    pass

    def request(self, cmd, payload=b"", ver=1):
        return self.recv(self.send(cmd, payload, ver=ver), False)

    def dump(self, cmd, payload=b""):
        return [attrs(m) for m in
                self.recv(self.send(cmd, payload, NLM_F_REQUEST | NLM_F_DUMP), True)]


def genl_msgs(data):
    """The attributes of each generic netlink message in one recv()."""
    off = 0
    while off + 20 <= len(data):
        ln = struct.unpack_from("=I", data, off)[0]
        if ln < 20:
            break
        yield attrs(data[off + 20:off + ln])
        off += (ln + 3) & ~3


def u8(a, k):
    v = a.get(E[k])
    return v[0] if v else None


def u16(a, k):
    v = a.get(E[k])
    return struct.unpack("=H", v[:2])[0] if v else None


def netns_fd(name):
    return os.open("/run/netns/" + name, os.O_RDONLY)


_libc = ctypes.CDLL(None, use_errno=True)


def setns(fd):
    if _libc.setns(fd, 0x40000000) != 0:  # CLONE_NEWNET
        e = ctypes.get_errno()
        raise OSError(e, os.strerror(e))


def genl_in(ns):
    """A kl2tp socket in network namespace ns (this one if None)."""
    if ns is None:
        return Genl()
    home = os.open("/proc/self/ns/net", os.O_RDONLY)
    fd = netns_fd(ns)
    try:
        setns(fd)
        return Genl()
    finally:
        setns(home)
        os.close(fd)
        os.close(home)


def now_ms():
    return time.monotonic() * 1000.0


def busy_jiffies():
    with open("/proc/stat") as f:
        v = [int(x) for x in f.readline().split()[1:]]
    # user nice system idle iowait irq softirq steal
    return sum(v[:8]) - v[3] - v[4]


def own_jiffies():
    """This process's CPU (not CMD's: l2tpctl's system time is the kernel
    creating the clients, part of the setup's cost)."""
    t = os.times()
    return (t.user + t.system) * os.sysconf("SC_CLK_TCK")


def l2tp_devices():
    with open("/proc/self/net/dev") as f:
        return sum(1 for line in f if line.strip().startswith("l2tp"))


def states(objs, prefix):
    """'name:count,...' of the objects' KL2TP_A_STATE, by enum name."""
    names = {v: k[len(prefix):].lower() for k, v in E.items() if k.startswith(prefix)}
    h = {}
    for a in objs:
        st = names.get(u8(a, "KL2TP_A_STATE"), "?")
        h[st] = h.get(st, 0) + 1
    return ",".join("%s:%d" % kv for kv in sorted(h.items())) or "-"


def counts(lac, lns):
    cl = lac.dump(E["KL2TP_CMD_CLIENT_GET"])
    up = sum(1 for a in cl if u8(a, "KL2TP_A_STATE") == E["KL2TP_CLIENT_UP"])
    r = {"clients_up": up, "clients": states(cl, "KL2TP_CLIENT_")}
    ss = lac.dump(E["KL2TP_CMD_SESSION_GET"])
    r["lac_sessions"] = len(ss)
    r["lac_states"] = states(ss, "KL2TP_SESSION_")
    if lns:
        ss = lns.dump(E["KL2TP_CMD_SESSION_GET"])
        r["lns_sessions"] = len(ss)
        r["lns_up"] = sum(1 for a in ss if u8(a, "KL2TP_A_STATE") == E["KL2TP_SESSION_UP"])
        r["lns_states"] = states(ss, "KL2TP_SESSION_")
    return r


def opts(argv, spec):
    """--name VALUE options (spec: name -> default), then -- and a command."""
    o = dict(spec)
    rest = []
    i = 0
    while i < len(argv):
        a = argv[i]
        if a == "--":
            return o, rest, argv[i + 1:]
        if a.startswith("--") and a[2:] in spec:
            o[a[2:]] = type(spec[a[2:]])(argv[i + 1]) if spec[a[2:]] is not None \
                else argv[i + 1]
            i += 2
            continue
        rest.append(a)
        i += 1
    return o, rest, []


def csum(b):
    if len(b) % 2:
        b += b"\0"
    s = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    s = (s >> 16) + (s & 0xffff)
    s += s >> 16
    return ~s & 0xffff


# event kind -> (label, prefix of its states' enumerators)
STEP_KINDS = {E["KL2TP_EVENT_TUNNEL_STATE"]: ("tunnel", "KL2TP_TUNNEL_"),
              E["KL2TP_EVENT_SESSION_STATE"]: ("session", "KL2TP_SESSION_"),
              E["KL2TP_EVENT_CLIENT_STATE"]: ("client", "KL2TP_CLIENT_")}


def step_label(a):
    """"session-ppp_auth" for a state event's attributes, else None."""
    kind = STEP_KINDS.get(a.get(E["KL2TP_A_EVENT"], b"\0")[0])
    st = a.get(E["KL2TP_A_STATE"])
    if kind is None or not st:
        return None
    names = [k for k, v in E.items() if k.startswith(kind[1]) and v == st[0]
             and not k.startswith("__")]
    return "%s-%s" % (kind[0], names[0][len(kind[1]):].lower() if names else st[0])


def cmd_ping(argv):
    o, rest, cmd = opts(argv, {"every": 3.0, "timeout": 30.0, "events": 0})
    dst = rest[0]
    ident = os.getpid() & 0xffff
    s = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP)
    s.setblocking(False)
    # with --events 1: when each state of kl2tp's objects was first
    # announced in this namespace, in ms from the command's start
    ev = Genl().events() if o["events"] else None
    steps = []
    probes = unroutable = 0
    first = None
    t0 = now_ms()
    p = subprocess.Popen(cmd)
    cmd_ms = None
    nxt = t0
    while first is None and now_ms() - t0 < o["timeout"] * 1000:
        t = now_ms()
        if t >= nxt:
            probes += 1
            seq = probes & 0xffff
            hdr = struct.pack("!BBHHH", 8, 0, 0, ident, seq) + b"kl2tp-bench"
            pkt = hdr[:2] + struct.pack("!H", csum(hdr)) + hdr[4:]
            try:
                s.sendto(pkt, (dst, 0))
            except OSError:
                unroutable += 1
            nxt = t + o["every"]
        if cmd_ms is None and p.poll() is not None:
            cmd_ms = now_ms() - t0
        r, _, _ = select.select([s] + ([ev] if ev else []), [], [],
                                max(0.0, (nxt - now_ms()) / 1000))
        while ev and ev in r:
            try:
                data = ev.recv(1 << 16)
            except BlockingIOError:
                break
            t = now_ms() - t0
            for a in genl_msgs(data):
                label = step_label(a)
                if label and label not in (x[0] for x in steps):
                    steps.append((label, t))
        while s in r:
            try:
                data, addr = s.recvfrom(2048)
            except BlockingIOError:
                break
            ihl = (data[0] & 15) * 4
            typ, _code, _c, rid, _rseq = struct.unpack_from("!BBHHH", data, ihl)
            if typ == 0 and rid == ident and addr[0] == dst:
                first = now_ms() - t0
                break
    rc = p.wait()
    if cmd_ms is None:
        cmd_ms = now_ms() - t0
    print("first_reply_ms=%s cmd_ms=%.0f cmd_rc=%d probes=%d unroutable=%d steps=%s" %
          ("%.1f" % first if first is not None else "none", cmd_ms, rc, probes, unroutable,
           ",".join("%s@%.1f" % x for x in steps) or "-"))
    return 0 if first is not None else 1


def clients_up(g):
    """Names of the clients that are up (a dump)."""
    return {a[E["KL2TP_A_NAME"]] for a in g.dump(E["KL2TP_CMD_CLIENT_GET"])
            if u8(a, "KL2TP_A_STATE") == E["KL2TP_CLIENT_UP"]}


def cmd_setup(argv):
    o, rest, cmd = opts(argv, {"lns": None, "every": 100.0, "timeout": 900.0,
                               "stall": 60.0})
    n = int(rest[0])
    lac = Genl()
    ev = lac.events(only=(E["KL2TP_EVENT_CLIENT_STATE"], E["KL2TP_EVENT_SESSION_DOWN"]))
    ev_down = E["KL2TP_EVENT_SESSION_DOWN"]
    a_msg, a_rc, a_local = E["KL2TP_A_MESSAGE"], E["KL2TP_A_RESULT_CODE"], E["KL2TP_A_LOCAL"]
    downs = {}
    lns = genl_in(o["lns"]) if o["lns"] else None
    hz = os.sysconf("SC_CLK_TCK")
    a_event, a_name, a_state = E["KL2TP_A_EVENT"], E["KL2TP_A_NAME"], E["KL2TP_A_STATE"]
    ev_client, st_up = E["KL2TP_EVENT_CLIENT_STATE"], E["KL2TP_CLIENT_UP"]
    up = clients_up(lac)  # none, normally
    b0, j0 = busy_jiffies(), own_jiffies()
    t0 = now_ms()
    p = subprocess.Popen(cmd)
    cmd_ms = cmd_rc = None
    best, t_best = len(up), t0
    end = None
    resyncs = nev = 0
    # Counted from the client-state events, as they come (no polling); a
    # dump when the event socket overflowed, and once at the end to confirm.
    while True:
        if cmd_rc is None:
            cmd_rc = p.poll()
            if cmd_rc is not None:
                cmd_ms = now_ms() - t0
        r, _, _ = select.select([ev], [], [], o["every"] / 1000)
        while r:
            try:
                data = ev.recv(1 << 20)
            except BlockingIOError:
                break
            except OSError as e:
                if e.errno != errno.ENOBUFS:
                    raise
                resyncs += 1
                up = clients_up(lac)
                continue
            for a in genl_msgs(data):
                nev += 1
                if a.get(a_event, b"\0")[0] == ev_down:
                    # why calls ended during the run: result, message, who
                    why = "%d:%s:%s" % (
                        struct.unpack("=H", a[a_rc][:2])[0] if a_rc in a else 0,
                        a.get(a_msg, b"-").rstrip(b"\0").decode(errors="replace"),
                        "us" if a_local in a else "peer")
                    why = why.replace(" ", "_").replace(",", ";")
                    downs[why] = downs.get(why, 0) + 1
                    continue
                if a.get(a_event, b"\0")[0] != ev_client or a_name not in a:
                    continue
                if a.get(a_state, b"\0")[0] == st_up:
                    up.add(a[a_name])
                else:
                    up.discard(a[a_name])
        t = now_ms()
        if len(up) > best:
            best, t_best = len(up), t
        if len(up) >= n:
            if len(clients_up(lac)) >= n:
                end = t
                break
            resyncs += 1
            up = clients_up(lac)
        if cmd_rc not in (None, 0):
            break
        if t - t0 > o["timeout"] * 1000 or (cmd_rc is not None and t - t_best > o["stall"] * 1000):
            break
    if cmd_rc is None:
        cmd_rc = p.wait()
        cmd_ms = now_ms() - t0
    b1, j1 = busy_jiffies(), own_jiffies()
    if end is None:
        end = t_best  # when the last one came up
    c = counts(lac, lns)
    print("up=%d of=%d ms=%.0f cmd_ms=%.0f cmd_rc=%d events=%d resyncs=%d busy_jiffies=%d "
          "own_jiffies=%.0f hz=%d lns_sessions=%s lns_up=%s lac_sessions=%d clients=%s "
          "lac_states=%s lns_states=%s lac_downs=%s" %
          (c["clients_up"], n, end - t0, cmd_ms, cmd_rc, nev, resyncs, b1 - b0, j1 - j0, hz,
           c.get("lns_sessions", "-"), c.get("lns_up", "-"), c["lac_sessions"], c["clients"],
           c["lac_states"], c.get("lns_states", "-"),
           ",".join("%s:%d" % kv for kv in sorted(downs.items())) or "-"))
    return 0 if c["clients_up"] >= n else 3


def tunnel_ids(g):
    return [u16(a, "KL2TP_A_TUNNEL_ID") for a in g.dump(E["KL2TP_CMD_TUNNEL_GET"])]


def reset_tunnels(g, tids):
    """A TUNNEL_RESET for each of tids (gone already: fine)."""
    for tid in tids:
        try:
            g.request(E["KL2TP_CMD_TUNNEL_RESET"], nla(E["KL2TP_A_TUNNEL_ID"],
                                                       struct.pack("=H", tid)))
        except OSError as e:
            if e.errno != errno.ENOENT:
                raise


def cmd_teardown(argv):
    o, _rest, _cmd = opts(argv, {"every": 50.0, "timeout": 600.0})
    g = Genl()
    tids = tunnel_ids(g)
    t0 = now_ms()
    reset_tunnels(g, tids)
    ok = False
    while now_ms() - t0 < o["timeout"] * 1000:
        tp = now_ms()
        ss = len(g.dump(E["KL2TP_CMD_SESSION_GET"]))
        dv = l2tp_devices()
        if ss == 0 and dv == 0:
            ok = True
            break
        time.sleep(max(o["every"], 3 * (now_ms() - tp)) / 1000)
    t = now_ms() - t0
    ss = len(g.dump(E["KL2TP_CMD_SESSION_GET"]))
    print("tunnels=%d ms=%.0f left_sessions=%d left_devices=%d left_tunnels=%d" %
          (len(tids), t, ss, l2tp_devices(), len(g.dump(E["KL2TP_CMD_TUNNEL_GET"]))))
    return 0 if ok else 3


def cmd_delclients(_argv):
    g = Genl()
    names = [a[E["KL2TP_A_NAME"]] for a in g.dump(E["KL2TP_CMD_CLIENT_GET"])]
    for name in names:
        g.request(E["KL2TP_CMD_CLIENT_DEL"], nla(E["KL2TP_A_NAME"], name.rstrip(b"\0") + b"\0"))
    print("deleted=%d" % len(names))
    return 0


def cmd_reset(_argv):
    """Every tunnel of the namespace reset, not waited for."""
    g = Genl()
    tids = tunnel_ids(g)
    reset_tunnels(g, tids)
    print("reset=%d" % len(tids))
    return 0


def cmd_count(argv):
    o, _rest, _cmd = opts(argv, {"lns": None})
    c = counts(Genl(), genl_in(o["lns"]) if o["lns"] else None)
    print(" ".join("%s=%s" % kv for kv in c.items()))
    return 0


def main():
    cmds = {"ping": cmd_ping, "setup": cmd_setup, "teardown": cmd_teardown,
            "delclients": cmd_delclients, "reset": cmd_reset, "count": cmd_count}
    if len(sys.argv) < 2 or sys.argv[1] not in cmds:
        sys.stderr.write(__doc__)
        return 2
    return cmds[sys.argv[1]](sys.argv[2:])


if __name__ == "__main__":
    sys.exit(main())
