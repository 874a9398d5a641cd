#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Makes the Zeek JSON and AWS VPC Flow Log test data from the documents they appear in.

    make-flow-log-data.py ZEEK_CHECKOUT AWS_VPC_USER_GUIDE_CHECKOUT VLAN_MPLS_CONN_LOG OUTDIR

ZEEK_CHECKOUT is a checkout of github.com/zeek/zeek (doc/reference/logs/{conn,ssl,tunnel}.rst),
AWS_VPC_USER_GUIDE_CHECKOUT one of github.com/awsdocs/amazon-vpc-user-guide
(doc_source/flow-logs-records-examples.md), VLAN_MPLS_CONN_LOG Zeek's baseline
testing/btest/Baseline/core.vlan-mpls/conn.log of 2015. tests/data/README.md says which commits.
"""

import datetime
import gzip
import json
import os
import re
import sys


def zeek_json_records(zeek):
    """The conn.log records of Zeek's log documentation, one compact JSON object each."""
    records = []
    # conn.rst and ssl.rst show `jq -c` output: one object a line, kept as they are
    for name in ("conn.rst", "ssl.rst"):
        with open(os.path.join(zeek, "doc/reference/logs", name)) as f:
            for line in f:
                line = line.strip()
                if line.startswith('{"ts":') and '"conn_state"' in line:
                    records.append(line)
    # tunnel.rst shows its conn.log records pretty-printed with **highlights**
    with open(os.path.join(zeek, "doc/reference/logs/tunnel.rst")) as f:
        text = f.read()
    section = text[text.index(":file:`conn.log` for this traffic"):text.index(":file:`tunnel.log`\n")]
    for block in re.findall(r"\n  \{\n.*?\n  \}\n", section, re.S):
        obj = json.loads(block.replace("**", ""))
        records.append(json.dumps(obj, separators=(",", ":")))
    return records


def iso_record(line):
    """The same record as Zeek's JSON writer writes it in its ISO 8601 mode."""
    seconds, fraction = line.split('"ts":', 1)[1].split(",", 1)[0].split(".")
    moment = datetime.datetime.fromtimestamp(int(seconds), datetime.timezone.utc)
    iso = moment.strftime("%Y-%m-%dT%H:%M:%S") + "." + fraction.ljust(6, "0") + "Z"
    return re.sub(r'"ts":[0-9.]+', f'"ts":"{iso}"', line, count=1)


def aws_blocks(aws):
    with open(os.path.join(aws, "doc_source/flow-logs-records-examples.md")) as f:
        text = f.read()
    return [block.strip("\n").splitlines() for block in re.findall(r"```\n(.*?)```", text, re.S)]


def main():
    zeek, aws, vlan_mpls, out = sys.argv[1:5]

    records = zeek_json_records(zeek)
    with open(os.path.join(out, "zeek-conn.docs.json.log"), "w") as f:
        f.write("\n".join(records) + "\n")
    with open(os.path.join(out, "zeek-conn.docs.iso.json.log"), "w") as f:
        f.write("\n".join(iso_record(r) for r in records) + "\n")

    # A cluster's conn.log: the logger adds the node's name as the first column.
    with open(vlan_mpls) as f, open(os.path.join(out, "zeek-conn.cluster.log"), "w") as o:
        for line in f:
            if line.startswith("#fields\t"):
                line = "#fields\t_node_name\t" + line[len("#fields\t"):]
            elif line.startswith("#types\t"):
                line = "#types\tstring\t" + line[len("#types\t"):]
            elif not line.startswith("#"):
                line = "worker-1\t" + line
            o.write(line)

    blocks = aws_blocks(aws)
    default_header = "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status"
    default = [line for block in blocks for line in block if line.startswith("2 123456789010 ")]
    tcp_flags_header = next(line for block in blocks for line in block if line.startswith("version vpc-id subnet-id"))
    tcp_flags = [line for block in blocks for line in block if line.startswith("3 vpc-abcdefab012345678 ")]
    v5_header = next(line for block in blocks for line in block if line.startswith("version srcaddr dstaddr"))
    v5 = [line for block in blocks for line in block if line.startswith("5 ")]
    tgw_header = next(line for block in blocks for line in block if line.startswith("version interface-id account-id"))
    tgw = [line for block in blocks for line in block if line.startswith("3 eni-")]

    def write(name, lines, compress=False):
        data = ("\n".join(lines) + "\n").encode()
        if compress:
            data = gzip.compress(data, mtime=0)
        with open(os.path.join(out, name), "wb") as f:
            f.write(data)

    write("vpc-default.log", [default_header] + default)
    write("vpc-default.noheader.log", default)
    # as S3 delivers them: gzip-compressed, named after account, region, flow log and time
    write("123456789010_vpcflowlogs_us-east-1_fl-1234abcd_20141214T0420Z_0a1b2c3d.log.gz",
          [default_header] + default, compress=True)
    write("vpc-tcp-flags.log", [tcp_flags_header] + tcp_flags)
    write("vpc-v5.log", ["${" + "} ${".join(v5_header.split()) + "}"] + v5)
    write("vpc-transit-gateway.log", [tgw_header] + tgw)


if __name__ == "__main__":
    main()
