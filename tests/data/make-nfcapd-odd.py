#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Sends NetFlow v5 records that real exporters send, and are not all service
communications, to an nfcapd on 127.0.0.1, which writes them to an nfcapd file.

    nfcapd -w DIR -b 127.0.0.1 -p 9996 -t 300 &
    tests/data/make-nfcapd-odd.py 127.0.0.1 9996
    kill %1; mv DIR/nfcapd.2* tests/data/netflow/nfcapd.odd

and, with `icmp` after the port, a file of pings only (nfcapd.icmp).

Two export packets: the first from an exporter whose clock is set (2026-11-27
00:02:00 UTC, up for an hour), the second from one whose clock was never set
and counts from its boot as from 1970 (so its flows are stamped 1970-01-01).
(NetFlow v5 cannot carry a flow that ends before it starts: nfcapd reads a
last-seen uptime below the first-seen one as the uptime wrapping around.)
"""

import socket
import struct
import sys
import time

UPTIME = 3600000          # ms since the exporter booted, at export


def header(count, unix_secs, sequence):
    # version, count, sysUptime, unix_secs, unix_nsecs, flow_sequence, engine type, engine id, sampling
    return struct.pack("!HHIIIIBBH", 5, count, UPTIME, unix_secs, 0, sequence, 0, 0, 0)


def record(src, dst, sport, dport, proto, first, last, flags=0x1b, packets=4, octets=320):
    # first, last: ms of uptime
    return struct.pack("!4s4s4sHHIIIIHHBBBBHHBBH",
                       socket.inet_aton(src), socket.inet_aton(dst), socket.inet_aton("0.0.0.0"),
                       1, 2, packets, octets, first, last, sport, dport,
                       0, flags, proto, 0, 0, 0, 0, 0, 0)


def main():
    address = (sys.argv[1], int(sys.argv[2]))
    up = UPTIME
    first = [
        # 1, 2: a connection to 443 as two one-way flows
        record("10.1.1.10", "10.1.1.20", 51000, 443, 6, up - 50000, up - 49000),
        record("10.1.1.20", "10.1.1.10", 443, 51000, 6, up - 50000, up - 49000),
        # 3: a connection to 8080 seen one way
        record("10.1.1.60", "10.1.1.20", 40000, 8080, 6, up - 49500, up - 49000),
        # 4: a TCP reset with port 0, as MikroTik and H3C export them
        record("10.1.1.30", "10.1.1.20", 0, 443, 6, up - 47000, up - 47000, flags=0x04),
        # 5, 6: NTP between two servers, 123 <-> 123 both ways
        record("10.1.1.50", "10.1.1.40", 123, 123, 17, up - 46000, up - 46000, flags=0),
        record("10.1.1.40", "10.1.1.50", 123, 123, 17, up - 46000, up - 45990, flags=0),
        # 7: ICMP echo (type 8 in the destination port, as exporters write it)
        record("10.1.1.10", "10.1.1.20", 0, 0x0800, 1, up - 45000, up - 45000, flags=0),
        # 8: mDNS to a multicast group
        record("10.1.1.10", "224.0.0.251", 5353, 5353, 17, up - 44000, up - 44000, flags=0),
        # 9: DHCP discover, from the unspecified address to broadcast
        record("0.0.0.0", "255.255.255.255", 68, 67, 17, up - 42000, up - 42000, flags=0),
    ]
    second = [
        # 10: from the exporter whose clock was never set
        record("10.1.1.70", "10.1.1.20", 50000, 22, 6, up - 41000, up - 40000),
    ]
    pings = [
        record("10.1.1.10", "10.1.1.20", 0, 0x0800, 1, up - 30000, up - 30000, flags=0),
        record("10.1.1.20", "10.1.1.10", 0, 0x0000, 1, up - 30000, up - 29990, flags=0),
    ]
    sender = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    if len(sys.argv) > 3 and sys.argv[3] == "icmp":
        sender.sendto(header(len(pings), 1795737720, 0) + b"".join(pings), address)
        return
    sender.sendto(header(len(first), 1795737720, 0) + b"".join(first), address)
    time.sleep(0.2)
    sender.sendto(header(len(second), UPTIME // 1000, 0) + b"".join(second), address)


if __name__ == "__main__":
    main()
