/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib.h>

#include "liaison-error.h"
#include "liaison-test-fixture.h"

/* AWS VPC Flow Logs (statistics.md 4.1), on the records of AWS's own
 * documentation (tests/data/README.md). */

static void
assert_flows (const char *name,
              const char *expected,
              const char *skipped)
{
  g_autoptr(LiaisonFlowFile) file = liaison_test_read_flows (name, FALSE);
  g_autofree char *text = liaison_test_flows_text (file);
  g_autofree char *skips = liaison_flow_skips_describe (&file->skipped);

  g_assert_cmpint (file->format, ==, LIAISON_NETFLOW_FORMAT_VPC);
  g_assert_cmpstr (text, ==, expected);
  g_assert_cmpstr (skips, ==, skipped);
}

#define DEFAULT_FLOWS \
  "tcp 172.31.16.139:20641 > 172.31.16.21:22 2014-12-14T04:06:50Z..2014-12-14T04:07:50Z guess\n" \
  "tcp 2001:db8:1234:a100:8d6e:3477:df66:f105:34892 > 2001:db8:1234:a102:3304:8879:34cf:4071:22 " \
  "2016-10-31T11:35:08Z..2016-10-31T11:37:00Z guess\n"
#define DEFAULT_SKIPPED "skipped 5 records: 2 NODATA or SKIPDATA lines, 2 rejected, 1 ICMP"

/* The default format, version 2: with the header an S3 object begins with,
 * without it (as from CloudWatch Logs), gzip-compressed as S3 delivers it. */
static void
test_default (void)
{
  g_autoptr(LiaisonFlowFile) gzipped = NULL;

  assert_flows ("vpc-default.log", DEFAULT_FLOWS, DEFAULT_SKIPPED);
  assert_flows ("vpc-default.noheader.log", DEFAULT_FLOWS, DEFAULT_SKIPPED);
  assert_flows ("123456789010_vpcflowlogs_us-east-1_fl-1234abcd_20141214T0420Z_0a1b2c3d.log.gz",
                DEFAULT_FLOWS, DEFAULT_SKIPPED);
  gzipped = liaison_test_read_flows ("123456789010_vpcflowlogs_us-east-1_fl-1234abcd_20141214T0420Z_0a1b2c3d.log.gz",
                                     FALSE);
  g_assert_true (gzipped->compressed);
}

/* A custom format (version 3) with tcp-flags: SYN (2, 3 with FIN) from the
 * client, SYN-ACK (18, 19 with FIN) from the listener; a FIN alone (1) says
 * nothing. Two spaces in one record, as in AWS's page, read as one. */
static void
test_tcp_flags (void)
{
  assert_flows ("vpc-tcp-flags.log",
                "tcp 52.213.180.42:43416 > 10.0.0.62:5001 2019-08-26T19:47:55Z..2019-08-26T19:48:53Z client\n"
                "tcp 10.0.0.62:5001 > 52.213.180.42:43416 2019-08-26T19:47:55Z..2019-08-26T19:48:53Z listener\n"
                "tcp 52.213.180.42:43418 > 10.0.0.62:5001 2019-08-26T19:47:55Z..2019-08-26T19:48:53Z client\n"
                "tcp 10.0.0.62:5001 > 52.213.180.42:43418 2019-08-26T19:47:55Z..2019-08-26T19:48:53Z listener\n"
                "tcp 10.0.0.62:5001 > 52.213.180.42:43418 2019-08-26T19:48:53Z..2019-08-26T19:51:53Z guess\n"
                "tcp 52.213.180.42:43418 > 10.0.0.62:5001 2019-08-26T19:48:53Z..2019-08-26T19:51:53Z guess\n"
                "tcp 52.213.180.42:43638 > 10.0.0.62:5001 2019-08-27T19:12:13Z..2019-08-27T19:13:13Z client\n"
                "tcp 10.0.0.62:5001 > 52.213.180.42:43638 2019-08-27T19:12:13Z..2019-08-27T19:13:13Z listener\n",
                NULL);
}

/* Version 5 fields, the header written as `${field}`, fields in another order. */
static void
test_version_5 (void)
{
  assert_flows ("vpc-v5.log",
                "tcp 52.95.128.179:80 > 10.0.0.71:34210 2021-03-26T03:28:12Z..2021-03-26T03:29:09Z listener\n"
                "tcp 10.0.0.71:34210 > 52.95.128.179:80 2021-03-26T03:28:12Z..2021-03-26T03:29:09Z client\n",
                NULL);
}

/* pkt-srcaddr and pkt-dstaddr, when not `-`, are the endpoints: AWS's
 * transit gateway example, its requester-managed interfaces showing the
 * gateway's own address in srcaddr and dstaddr (with start and end added:
 * the page leaves them out of its format). */
static void
test_packet_addresses (void)
{
  static const char text[] =
    "version interface-id account-id vpc-id subnet-id instance-id srcaddr dstaddr srcport dstport protocol "
    "tcp-flags type pkt-srcaddr pkt-dstaddr action log-status start end\n"
    "3 eni-11111111111111111 123456789010 vpc-abcdefab012345678 subnet-11111111aaaaaaaaa - 10.40.1.175 "
    "10.40.2.236 39812 80 6 3 IPv4 10.20.33.164 10.40.2.236 ACCEPT OK 1566848875 1566848933\n"
    "3 eni-22222222222222222 123456789010 vpc-abcdefab012345678 subnet-22222222bbbbbbbbb - 10.40.2.236 "
    "10.40.2.31 80 39812 6 19 IPv4 10.40.2.236 10.20.33.164 ACCEPT OK 1566848875 1566848933\n"
    "3 eni-33333333333333333 123456789010 vpc-abcdefab012345678 subnet-22222222bbbbbbbbb - 10.40.2.236 "
    "10.40.2.31 80 39812 6 19 IPv4 - - ACCEPT OK 1566848875 1566848933\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaisonFlowFile) file = liaison_netflow_parse ("tgw.log", text, strlen (text), NULL, &error);
  g_autofree char *flows = NULL;

  g_assert_no_error (error);
  flows = liaison_test_flows_text (file);
  g_assert_cmpstr (flows, ==,
                   "tcp 10.20.33.164:39812 > 10.40.2.236:80 2019-08-26T19:47:55Z..2019-08-26T19:48:53Z client\n"
                   "tcp 10.40.2.236:80 > 10.20.33.164:39812 2019-08-26T19:47:55Z..2019-08-26T19:48:53Z listener\n"
                   "tcp 10.40.2.236:80 > 10.40.2.31:39812 2019-08-26T19:47:55Z..2019-08-26T19:48:53Z listener\n");
}

/* Objects joined end to end: each one's header line, again a header. */
static void
test_joined (void)
{
  const char *files[] = { "vpc-default.log", "vpc-v5.log", "vpc-default.log", NULL };
  g_autoptr(LiaisonFlowFile) file = liaison_test_parse_joined_flows ("joined.log", files);

  g_assert_cmpuint (file->flows->len, ==, 6);
  g_assert_cmpuint (liaison_flow_skips_total (&file->skipped), ==, 10);
}

/* --strict: each skipped record an error at its line, under its first reason. */
static void
test_strict (void)
{
  g_autofree char *text = NULL;
  g_autofree char *message = NULL;
  gsize length;

  text = liaison_test_read_data ("netflow", "vpc-default.log", &length);
  message = liaison_test_flow_error ("flows.log", text, length, TRUE);
  g_assert_cmpstr (message, ==, "flows.log:3: action “REJECT”: a rejected flow is not a communication");
  g_clear_pointer (&message, g_free);

  message = liaison_test_flow_error ("flows.log", strchr (text, '\n') + 1, strlen (strchr (text, '\n') + 1), TRUE);
  g_assert_cmpstr (message, ==, "flows.log:2: action “REJECT”: a rejected flow is not a communication");
  g_clear_pointer (&message, g_free);

  /* NODATA is told before a missing action */
  message = liaison_test_flow_error ("flows.log",
                                     "2 123456789010 eni-1235b8ca123456789 - - - - - - - 1431280876 1431280934 - NODATA\n",
                                     strlen ("2 123456789010 eni-1235b8ca123456789 - - - - - - - 1431280876 1431280934 - NODATA\n"),
                                     TRUE);
  g_assert_cmpstr (message, ==, "flows.log:1: log-status “NODATA”: no flow was recorded");
}

#define ROW "2 123456789010 eni-1235b8ca123456789 172.31.16.139 172.31.16.21 20641 22 6 20 4249 1418530010 1418530070 ACCEPT OK\n"

static const LiaisonTestBadFlow bad_cases[] = {
  /* a missing field */
  { ROW "2 123456789010 eni-1235b8ca123456789 172.31.16.139 172.31.16.21 20641 22 6 20 4249 1418530010 ACCEPT OK\n",
    "flows.log:2: expected 14 fields, found 13" },
  { "version srcaddr dstaddr srcport dstport protocol start\n"
    "2 10.0.0.1 10.0.0.2 5000 443 6\n",
    "flows.log:2: expected 7 fields, found 6" },
  /* headerless: the default layout only */
  { ROW "3 vpc-1 10.0.0.1 10.0.0.2 5000 443 6 1418530010\n",
    "flows.log:2: expected 14 fields, found 8" },
  { ROW "2 123456789010 eni-1235b8ca123456789 172.31.16.139 172.31.16.21 20641 22 6 20 4249 yesterday 1418530070 ACCEPT OK\n",
    "flows.log:2: “yesterday” is not a time" },
  { ROW "2 123456789010 eni-1235b8ca123456789 172.31.16.139 host 20641 22 6 20 4249 1418530010 1418530070 ACCEPT OK\n",
    "flows.log:2: “host” is not an IP address" },
  { ROW "2 123456789010 eni-1235b8ca123456789 172.31.16.139 172.31.16.21 - 22 6 20 4249 1418530010 1418530070 ACCEPT OK\n",
    "flows.log:2: port “-” is not between 1 and 65535" },
  /* a format Liaison cannot read flows from: AWS's transit gateway example has no start */
  { "version interface-id account-id vpc-id subnet-id instance-id srcaddr dstaddr srcport dstport protocol "
    "tcp-flags type pkt-srcaddr pkt-dstaddr action log-status\n",
    "flows.log:1: the flow log's format has no start field: Liaison needs srcaddr, dstaddr, srcport, dstport, "
    "protocol and start" },
};

static void
test_bad_input (void)
{
  g_autofree char *tgw = NULL;
  g_autofree char *message = NULL;
  gsize length;

  liaison_test_assert_bad_flows ("flows.log", bad_cases, G_N_ELEMENTS (bad_cases));

  tgw = liaison_test_read_data ("netflow", "vpc-transit-gateway.log", &length);
  message = liaison_test_flow_error ("vpc-transit-gateway.log", tgw, length, FALSE);
  g_assert_true (g_str_has_prefix (message, "vpc-transit-gateway.log:1: the flow log's format has no start field"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/netflow-vpc/default", test_default);
  g_test_add_func ("/netflow-vpc/tcp-flags", test_tcp_flags);
  g_test_add_func ("/netflow-vpc/version-5", test_version_5);
  g_test_add_func ("/netflow-vpc/packet-addresses", test_packet_addresses);
  g_test_add_func ("/netflow-vpc/joined", test_joined);
  g_test_add_func ("/netflow-vpc/strict", test_strict);
  g_test_add_func ("/netflow-vpc/bad-input", test_bad_input);

  return g_test_run ();
}
