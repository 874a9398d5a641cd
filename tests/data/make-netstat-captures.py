#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Makes the localized socket-table captures of tests/data/netstat/i18n-*:
# one moment of one private network namespace, printed by ss (English),
# by net-tools netstat under seven locales, by lsof, and by /proc.
#
#   sudo tests/data/make-netstat-captures.py OUTDIR
#
# Needs root (a network namespace, raw packets on its loopback), iproute2,
# net-tools, lsof, curl and the locales C, de_DE, fr_FR, cs_CZ, ja_JP,
# pt_BR and et_EE in UTF-8 (localedef -i xx_XX -f UTF-8 xx_XX.UTF-8).
# Only the namespace's loopback carries traffic; 10.9.0.1 is added to it,
# and a route to 10.9.0.2 through it, so that a peer 10.9.0.2 can be played
# with raw packets: the segments sent to it are
# never delivered, which holds the TCP states that pass in microseconds on
# a real loopback (SYN_RECV, FIN_WAIT1, CLOSING, LAST_ACK, SYN_SENT).

import ctypes
import os
import signal
import socket
import struct
import subprocess
import sys
import time

NETNS = "liaisoni18n"
LOCALES = [("en", "C.UTF-8"), ("de", "de_DE.UTF-8"), ("fr", "fr_FR.UTF-8"),
           ("cs", "cs_CZ.UTF-8"), ("ja", "ja_JP.UTF-8"), ("pt_BR", "pt_BR.UTF-8"),
           ("et", "et_EE.UTF-8")]
SERVER = "10.9.0.1"
PEER = "10.9.0.2"
WATCH_PORT = 7070
# The fake peer's ports, by the server state each one holds.
SYN_RECV_PORT, FIN_WAIT1_PORT, LAST_ACK_PORT, CLOSING_PORT = 40001, 40002, 40003, 40004


def set_comm(name):
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(15, name.encode()[:15], 0, 0, 0)  # PR_SET_NAME


# ---------------------------------------------------------------- roles

def role_dualsrv():
    s = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
    s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
    s.bind(("::", 6060))
    s.listen(16)
    held = []
    while True:
        conn, _ = s.accept()
        held.append(conn)            # never read, never closed


def role_v6echo():
    s = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
    s.bind(("::1", 9090))
    s.listen(16)
    held = []
    while True:
        conn, _ = s.accept()
        held.append(conn)


def role_udpsrv():
    a = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    a.bind(("127.0.0.1", 5514))
    b = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
    b.bind(("::1", 5515))
    signal.pause()


def role_watcher():
    """Listens on 10.9.0.1:7070; closes the fake peer's connections as its
    port says, holds every other one."""
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind((SERVER, WATCH_PORT))
    s.listen(16)
    held = []
    while True:
        conn, (host, port) = s.accept()
        if host == PEER and port in (FIN_WAIT1_PORT, CLOSING_PORT):
            conn.close()
        elif host == PEER and port == LAST_ACK_PORT:
            while conn.recv(1024):
                pass
            conn.close()
        else:
            held.append(conn)


def role_client():
    """Connections out of the Japanese-named client."""
    held = []
    for family, address in ((socket.AF_INET, (SERVER, WATCH_PORT)),
                            (socket.AF_INET, (SERVER, WATCH_PORT)),
                            (socket.AF_INET6, ("::1", 9090)),
                            (socket.AF_INET, ("127.0.0.1", 6060))):
        c = socket.socket(family, socket.SOCK_STREAM)
        c.connect(address)
        held.append(c)
    # one half-closed: client FIN_WAIT2 (still ours), server CLOSE_WAIT (dualsrv's)
    c = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    c.connect(("127.0.0.1", 6060))
    c.shutdown(socket.SHUT_WR)
    held.append(c)
    u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    u.connect(("127.0.0.1", 5514))
    held.append(u)
    # SYN_SENT: 10.9.0.2 never answers
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.setblocking(False)
    try:
        s.connect((PEER, 443))
    except BlockingIOError:
        pass
    held.append(s)
    signal.pause()


def role_clientb():
    held = []
    for source, family, address in (("127.0.0.3", socket.AF_INET, ("127.0.0.1", 8080)),
                                    ("127.0.0.3", socket.AF_INET, ("127.0.0.1", 8080)),
                                    (None, socket.AF_INET6, ("::1", 6060))):
        c = socket.socket(family, socket.SOCK_STREAM)
        if source:
            c.bind((source, 0))
        c.connect(address)
        held.append(c)
    signal.pause()


ROLES = {
    "dualsrv": role_dualsrv,
    "v6echo": role_v6echo,
    "udpsrv": role_udpsrv,
    "Überwacher": role_watcher,
    "接続テスト": role_client,
    "clientb": role_clientb,
}


# ---------------------------------------------------------------- fake peer

def checksum(data):
    if len(data) % 2:
        data += b"\0"
    total = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while total >> 16:
        total = (total & 0xFFFF) + (total >> 16)
    return ~total & 0xFFFF


def tcp_frame(sport, dport, seq, ack, flags):
    src, dst = socket.inet_aton(PEER), socket.inet_aton(SERVER)
    tcp = struct.pack("!HHIIBBHHH", sport, dport, seq, ack, 5 << 4, flags, 65535, 0, 0)
    pseudo = src + dst + struct.pack("!BBH", 0, socket.IPPROTO_TCP, len(tcp))
    tcp = tcp[:16] + struct.pack("!H", checksum(pseudo + tcp)) + tcp[18:]
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(tcp), 0, 0x4000, 64,
                     socket.IPPROTO_TCP, 0, src, dst)
    ip = ip[:10] + struct.pack("!H", checksum(ip)) + ip[12:]
    return b"\0" * 12 + b"\x08\x00" + ip + tcp


SYN, FIN, ACK = 0x02, 0x01, 0x10


class FakePeer:
    def __init__(self):
        self.sock = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(0x0003))
        self.sock.bind(("lo", 0))
        self.sock.settimeout(0.2)

    def send(self, sport, seq, ack, flags):
        self.sock.send(tcp_frame(sport, WATCH_PORT, seq, ack, flags))

    def wait(self, dport, want, timeout=3.0):
        """The next segment from the server to @dport with all flags of @want."""
        end = time.time() + timeout
        while time.time() < end:
            try:
                frame, meta = self.sock.recvfrom(65535)
            except socket.timeout:
                continue
            if meta[2] != socket.PACKET_OUTGOING or frame[12:14] != b"\x08\x00":
                continue
            ip = frame[14:]
            if ip[9] != socket.IPPROTO_TCP or ip[12:16] != socket.inet_aton(SERVER):
                continue
            tcp = ip[(ip[0] & 15) * 4:]
            sport, port, seq, ack, _, flags = struct.unpack("!HHIIBB", tcp[:14])
            if sport == WATCH_PORT and port == dport and flags & want == want:
                return seq, ack
        raise RuntimeError("no segment with flags %#x to port %d" % (want, dport))

    def handshake(self, port, complete=True):
        isn = 1000 * port
        self.send(port, isn, 0, SYN)
        s, _ = self.wait(port, SYN | ACK)
        if complete:
            self.send(port, isn + 1, s + 1, ACK)
        return isn + 1, s + 1

    def hold_states(self):
        self.handshake(SYN_RECV_PORT, complete=False)                # SYN_RECV
        self.handshake(FIN_WAIT1_PORT)                               # server closes, FIN never acked
        self.wait(FIN_WAIT1_PORT, FIN)
        seq, ack = self.handshake(LAST_ACK_PORT)                     # we close first, server follows
        self.send(LAST_ACK_PORT, seq, ack, FIN | ACK)
        self.wait(LAST_ACK_PORT, FIN)
        seq, ack = self.handshake(CLOSING_PORT)                      # both close, neither FIN acked
        self.wait(CLOSING_PORT, FIN)
        self.send(CLOSING_PORT, seq, ack, FIN | ACK)


# ---------------------------------------------------------------- capture

def run(args, out=None, lang="C.UTF-8"):
    env = {"PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "LANG": lang, "LC_ALL": lang}
    result = subprocess.run(args, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=True)
    if out:
        with open(out, "wb") as f:
            f.write(result.stdout)
    return result.stdout


def inside(outdir):
    run(["ip", "link", "set", "lo", "up"])
    # /32 and a route: a whole prefix on lo would make 10.9.0.2 local too,
    # and the kernel would answer the server's segments to it with resets.
    run(["ip", "addr", "add", SERVER + "/32", "dev", "lo"])
    run(["ip", "route", "add", PEER + "/32", "dev", "lo"])

    children = [subprocess.Popen(["python3", "-m", "http.server", "--bind", "127.0.0.1", "8080"],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)]
    time.sleep(0.5)
    for name in ROLES:
        children.append(subprocess.Popen([name, os.path.abspath(__file__), "--role", name],
                                         executable=sys.executable))
        time.sleep(0.3)
    try:
        time.sleep(1.0)
        FakePeer().hold_states()
        # Two requests that end in server-side TIME_WAIT (http.server closes first).
        for _ in range(2):
            run(["curl", "-s", "-o", "/dev/null", "http://127.0.0.1:8080/"])
        time.sleep(0.5)

        start = time.time()
        run(["ss", "-tanp"], os.path.join(outdir, "i18n-ss-tanp.txt"))
        run(["ss", "-tuanp"], os.path.join(outdir, "i18n-ss-tuanp.txt"))
        for suffix, lang in LOCALES:
            run(["netstat", "-tanp"], os.path.join(outdir, "i18n-netstat-tanp.%s.txt" % suffix), lang)
            run(["netstat", "-tunapeo"], os.path.join(outdir, "i18n-netstat-tunapeo.%s.txt" % suffix), lang)
        run(["lsof", "-i", "-n", "-P"], os.path.join(outdir, "i18n-lsof-i-n-P.txt"))
        with open(os.path.join(outdir, "i18n-proc-net.txt"), "wb") as f:
            for name in ("tcp", "tcp6", "udp", "udp6"):
                with open("/proc/net/" + name, "rb") as part:
                    f.write(part.read())
        print("captured in %.0f ms at %s" % ((time.time() - start) * 1000,
                                             time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(start))))
    finally:
        for child in children:
            child.kill()


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--role":
        set_comm(sys.argv[2])
        ROLES[sys.argv[2]]()
        return
    if len(sys.argv) == 3 and sys.argv[1] == "--inside":
        inside(sys.argv[2])
        return
    if len(sys.argv) != 2:
        sys.exit("usage: %s OUTDIR" % sys.argv[0])
    outdir = os.path.abspath(sys.argv[1])
    os.makedirs(outdir, exist_ok=True)
    subprocess.run(["ip", "netns", "del", NETNS], stderr=subprocess.DEVNULL)
    subprocess.run(["ip", "netns", "add", NETNS], check=True)
    try:
        subprocess.run(["ip", "netns", "exec", NETNS, sys.executable, os.path.abspath(__file__),
                        "--inside", outdir], check=True)
    finally:
        subprocess.run(["ip", "netns", "del", NETNS])


if __name__ == "__main__":
    main()
