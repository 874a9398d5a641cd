#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Counts the records of flow files as statistics.md 4.1 reads them, without Liaison.

For each file: the records that are service communications, and the others by
the first reason that applies (another protocol, port 0, an unspecified,
broadcast or multicast address, a start before 1990, an end before the start).
nfcapd files are read through `nfdump -o fmt:...`, CSV files with Python's csv
module. The output is the C table of tests/core/test-corpus.c's readings.

    tests/data/count-flow-records.py ../shared/corpus
"""

import csv
import datetime
import ipaddress
import os
import subprocess
import sys

EPOCH_1990 = datetime.datetime(1990, 1, 1, tzinfo=datetime.timezone.utc)
NAMES = {"ICMP": "ICMP", "ICMP6": "ICMPv6", "IPV6-ICMP": "ICMPv6", "GRE": "GRE", "ESP": "ESP"}
NUMBERS = {"ICMP": 1, "ICMPv6": 58, "GRE": 47, "ESP": 50}


def parse_time(text):
    text = text.strip()
    for fmt in ("%Y-%m-%d %H:%M:%S.%f", "%Y-%m-%d %H:%M:%S"):
        try:
            return datetime.datetime.strptime(text, fmt).replace(tzinfo=datetime.timezone.utc)
        except ValueError:
            pass
    raise ValueError(text)


def rows_of(path):
    """(start, end, src, dst, sport, dport, proto) of every record."""
    if path.endswith(".nfcapd"):
        out = subprocess.run(["nfdump", "-q", "-6", "-r", path, "-o", "fmt:%ts,%te,%sa,%da,%sp,%dp,%pr"],
                             env=dict(os.environ, TZ="UTC", LC_ALL="C"),
                             check=True, capture_output=True, text=True).stdout
        for line in out.splitlines():
            if line.strip():
                yield [field.strip() for field in line.split(",")]
        return
    with open(path, newline="", encoding="utf-8-sig") as f:
        reader = csv.reader(f)
        header = [name.strip() for name in next(reader)]
        index = {name: header.index(name) for name in ("ts", "te", "sa", "da", "sp", "dp", "pr")}
        for row in reader:
            if not row or row[0] == "Summary":
                break
            yield [row[index[name]].strip() for name in ("ts", "te", "sa", "da", "sp", "dp", "pr")]


def not_a_host(text):
    address = ipaddress.ip_address(text.split("%")[0])
    if getattr(address, "ipv4_mapped", None):
        address = address.ipv4_mapped
    return address.is_unspecified or address.is_multicast or str(address) == "255.255.255.255"


def reason_of(row):
    start, end, src, dst, sport, dport, proto = row
    if proto.upper() not in ("TCP", "UDP", "6", "17"):
        return ("protocol", NAMES.get(proto.upper(), proto))
    if int(sport) == 0 or int(dport) == 0:
        return ("port",)
    if not_a_host(src) or not_a_host(dst):
        return ("address",)
    start, end = parse_time(start), parse_time(end)
    if start < EPOCH_1990:
        return ("1990",)
    if end < start:
        return ("end",)
    return None


def plural(n, one, many):
    return one if n == 1 else many


def describe(skips):
    parts = []
    protocols = sorted((NUMBERS.get(name, 999), name, n) for (kind, *rest), n in skips.items()
                       for name in rest if kind == "protocol")
    order = [("port",), ("address",), ("1990",), ("end",)]
    for _, name, n in protocols:
        parts.append(f"{n} {name}")
    words = {
        ("port",): ("to port 0", "to port 0"),
        ("address",): ("with a broadcast, multicast or unspecified address",) * 2,
        ("1990",): ("stamped before 1990",) * 2,
        ("end",): ("ending before it starts", "ending before they start"),
    }
    for key in order:
        n = skips.get(key, 0)
        if n:
            parts.append(f"{n} {plural(n, *words[key])}")
    total = sum(skips.values())
    return f"skipped {total} {plural(total, 'record', 'records')}: " + ", ".join(parts) if total else None


def main():
    corpus = sys.argv[1]
    with open(os.path.join(corpus, "MANIFEST.tsv")) as f:
        entries = [line.rstrip("\n").split("\t") for line in f if line.strip() and not line.startswith("#")]
    for path, kind, expect, *_ in entries:
        if kind != "netflow":
            continue
        usable, skips = 0, {}
        for row in rows_of(os.path.join(corpus, path)):
            reason = reason_of(row)
            if reason is None:
                usable += 1
            else:
                skips[reason] = skips.get(reason, 0) + 1
        text = describe(skips)
        quoted = f'"{text}"' if text else "NULL"
        print(f'  {{ "{path}", {usable}, {quoted} }},')


if __name__ == "__main__":
    main()
