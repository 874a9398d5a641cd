/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "liaison-error.h"
#include "liaison-test-fixture.h"

/* Zeek conn.log (statistics.md 4.1), on Zeek's own logs: its test baselines
 * and the conn.log records of its documentation (tests/data/README.md). Times
 * are Zeek's microseconds rounded to the millisecond. */

static void
assert_flows (const char *name,
              const char *expected,
              const char *skipped)
{
  g_autoptr(LiaisonFlowFile) file = liaison_test_read_flows (name, FALSE);
  g_autofree char *text = liaison_test_flows_text (file);
  g_autofree char *skips = liaison_flow_skips_describe (&file->skipped);

  g_assert_cmpstr (text, ==, expected);
  g_assert_cmpstr (skips, ==, skipped);
}

/* Zeek 2.4's TSV, a teredo trace: attempts (SHR, SH, RSTOS0, RSTRH), an
 * established RSTO, UDP whatever its state (S0, SHR), DHCP from 0.0.0.0 to
 * 255.255.255.255, a subnet broadcast (192.168.2.255: a host's address as
 * far as 4.1 goes), ICMPv6, IPv6 in Teredo. */
static void
test_tsv (void)
{
  g_autoptr(LiaisonFlowFile) file = liaison_test_read_flows ("zeek-conn.teredo.log", FALSE);

  g_assert_cmpint (file->format, ==, LIAISON_NETFLOW_FORMAT_ZEEK_TSV);
  g_assert_false (file->compressed);
  assert_flows ("zeek-conn.teredo.log",
                "tcp 192.168.2.16:1578 > 75.126.203.78:80 2008-05-16T15:50:57.834Z..2008-05-16T15:50:58.242Z client\n"
                "udp 192.168.2.16:1920 > 192.168.2.1:53 2008-05-16T15:50:58.350Z..2008-05-16T15:50:58.573Z client\n"
                "udp 192.168.2.16:137 > 192.168.2.255:137 2008-05-16T15:50:58.577Z..2008-05-16T15:51:00.076Z client\n"
                "udp 192.168.2.16:1920 > 192.168.2.1:53 2008-05-16T15:51:14.265Z..2008-05-16T15:51:14.563Z client\n"
                "tcp 2001:0:4137:9e50:8000:f12a:b9c8:2815:1286 > 2001:4860:0:2001::68:80 "
                "2008-05-16T15:51:01.312Z..2008-05-16T15:51:14.123Z client\n"
                "tcp 192.168.2.16:1580 > 67.228.110.120:80 2008-05-16T15:51:14.570Z..2008-05-16T15:51:15.037Z client\n"
                "udp 192.168.2.16:3797 > 65.55.158.80:3544 2008-05-16T15:50:52.203Z..2008-05-16T15:51:01.131Z client\n"
                "udp 192.168.2.16:3797 > 83.170.1.38:32900 2008-05-16T15:51:00.829Z..2008-05-16T15:51:14.123Z client\n"
                "udp 192.168.2.16:3797 > 65.55.158.81:3544 2008-05-16T15:50:52.325Z.. client\n"
                "udp 192.168.2.16:138 > 192.168.2.255:138 2008-05-16T15:50:46.592Z..2008-05-16T15:51:15.040Z client\n",
                "skipped 11 records: 3 ICMP, 1 with a broadcast, multicast or unspecified address, "
                "7 connection attempts");
  g_assert_cmpint (file->earliest_start, ==, liaison_test_time ("2008-05-16T15:50:46.592Z"));
  g_assert_cmpint (file->latest_start, ==, liaison_test_time ("2008-05-16T15:51:14.570Z"));
}

/* Layouts of other Zeek versions, the same reading. */
static void
test_tsv_versions (void)
{
  /* Zeek 2.1 (q-in-q): UDP S0 between equal ports counts; multicast does not */
  assert_flows ("zeek-conn.q-in-q.log",
                "udp 172.19.51.37:47808 > 172.19.51.63:47808 2013-03-21T21:18:19.548Z..2013-03-21T21:18:19.548Z client\n",
                "skipped 1 record: 1 with a broadcast, multicast or unspecified address");
  /* Zeek 2.4 (an FTP transfer of 2.5 minutes) */
  assert_flows ("zeek-conn.ftp.log",
                "tcp 192.168.56.1:59763 > 192.168.56.101:63988 2014-03-27T16:56:46.176Z..2014-03-27T16:56:46.178Z client\n"
                "tcp 192.168.56.1:59764 > 192.168.56.101:37150 2014-03-27T16:56:51.361Z..2014-03-27T16:59:21.857Z client\n"
                "tcp 192.168.56.1:59762 > 192.168.56.101:21 2014-03-27T16:56:39.985Z..2014-03-27T16:59:29.619Z client\n",
                NULL);
  /* Bro 2.0 (ayiya): no #open or #close, a `parents` column, IPv6 */
  assert_flows ("zeek-conn.ayiya.log",
                "tcp 2001:4978:f:4c::2:53382 > 2001:4860:b002::68:80 2009-11-08T04:41:41.596Z..2009-11-08T04:41:43.697Z client\n"
                "udp 192.168.3.101:53859 > 216.14.98.22:5072 2009-11-08T04:41:36.585Z..2009-11-08T04:41:57.464Z client\n"
                "udp 192.168.3.101:53796 > 216.14.98.22:5072 2009-11-08T04:41:33.629Z.. client\n",
                "skipped 5 records: 5 ICMP");
  /* no duration: points; one address on both ends */
  assert_flows ("zeek-conn.mpls-in-vlan.log",
                "tcp 65.65.65.65:19244 > 65.65.65.65:80 2013-06-19T23:48:06.537Z.. client\n"
                "tcp 65.65.65.65:32828 > 65.65.65.65:80 2013-06-20T00:09:21.157Z.. client\n"
                "tcp 65.65.65.65:61193 > 65.65.65.65:80 2013-06-20T00:09:21.479Z.. client\n",
                NULL);
  assert_flows ("zeek-conn.pppoe.log",
                "udp fe80::c801:eff:fe88:8:547 > fe80::ce05:eff:fe88:0:546 2010-09-13T13:43:38.015Z..2010-09-13T13:43:38.111Z client\n",
                "skipped 6 records: 5 ICMP, 1 with a broadcast, multicast or unspecified address");
  /* a cluster's log: `_node_name` first; columns are found by name */
  assert_flows ("zeek-conn.cluster.log",
                "tcp 141.42.64.125:56730 > 125.190.109.199:80 2005-10-07T23:23:55.451Z..2005-10-07T23:23:57.184Z client\n"
                "tcp 10.20.80.1:50343 > 10.0.0.15:80 2010-07-08T14:53:22.069Z..2010-07-08T14:53:22.074Z client\n",
                "skipped 1 record: 1 connection attempt");
}

#define DOCS_FLOWS \
  "udp 192.168.4.76:36844 > 192.168.4.1:53 2020-06-05T14:39:59.306Z..2020-06-05T14:39:59.373Z client\n" \
  "tcp 192.168.4.76:46378 > 31.3.245.133:80 2020-06-05T14:39:59.430Z..2020-06-05T14:39:59.684Z client\n" \
  "tcp 192.168.4.142:63213 > 185.24.233.103:443 2020-08-28T16:20:59.653Z..2020-08-28T16:21:05.355Z client\n" \
  "tcp 192.168.4.142:63210 > 185.24.233.103:443 2020-08-28T16:20:59.332Z..2020-08-28T16:21:05.355Z client\n" \
  "udp 192.168.4.31:3074 > 40.84.25.61:3544 2020-12-15T00:55:59.322Z..2020-12-15T00:55:59.337Z client\n" \
  "udp 192.168.4.31:3074 > 40.84.25.61:65444 2020-12-15T00:55:58.291Z.. client\n"

/* JSON lines, epoch seconds and Zeek's ISO 8601 mode: durations with 17
 * digits, unset fields left out, arrays (tunnel_parents) skipped. */
static void
test_json (void)
{
  g_autoptr(LiaisonFlowFile) epoch = liaison_test_read_flows ("zeek-conn.docs.json.log", FALSE);
  g_autoptr(LiaisonFlowFile) iso = liaison_test_read_flows ("zeek-conn.docs.iso.json.log", FALSE);

  g_assert_cmpint (epoch->format, ==, LIAISON_NETFLOW_FORMAT_ZEEK_JSON);
  g_assert_cmpint (iso->format, ==, LIAISON_NETFLOW_FORMAT_ZEEK_JSON);
  assert_flows ("zeek-conn.docs.json.log", DOCS_FLOWS, "skipped 3 records: 3 ICMP");
  assert_flows ("zeek-conn.docs.iso.json.log", DOCS_FLOWS, "skipped 3 records: 3 ICMP");
}

static char *
write_gzip (LiaisonTestFixture *f,
            const char         *name,
            const char         *data_name,
            gsize               cut)
{
  g_autofree char *text = NULL;
  g_autofree char *compressed = NULL;
  g_autoptr(GConverter) compressor = G_CONVERTER (g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, 6));
  g_autoptr(GError) error = NULL;
  gsize length, read, written;
  char *path;

  text = liaison_test_read_data ("netflow", data_name, &length);
  compressed = g_malloc (length + 1024);
  g_assert_cmpint (g_converter_convert (compressor, text, length, compressed, length + 1024,
                                        G_CONVERTER_INPUT_AT_END, &read, &written, &error),
                   ==, G_CONVERTER_FINISHED);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, name, NULL);
  g_file_set_contents (path, compressed, written - cut, &error);
  g_assert_no_error (error);
  return path;
}

/* Rotated logs are gzip-compressed (conn.00:00:00-01:00:00.log.gz): the same records. */
static void
test_gzip (void)
{
  g_autoptr(LiaisonTestFixture) f = liaison_test_folder_new ();
  g_autofree char *path = write_gzip (f, "conn.00:00:00-01:00:00.log.gz", "zeek-conn.teredo.log", 0);
  g_autoptr(LiaisonFlowFile) plain = liaison_test_read_flows ("zeek-conn.teredo.log", FALSE);
  g_autoptr(LiaisonFlowFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *plain_text = liaison_test_flows_text (plain);
  g_autofree char *text = NULL;
  g_autofree char *truncated = NULL;
  g_autofree char *expected = NULL;

  file = liaison_netflow_read_file (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (file->compressed);
  text = liaison_test_flows_text (file);
  g_assert_cmpstr (text, ==, plain_text);

  /* cut short: FILE:LINE of the line the data ends in (29 of 30), nothing read */
  truncated = write_gzip (f, "conn.01:00:00-02:00:00.log.gz", "zeek-conn.teredo.log", 20);
  g_clear_pointer (&file, liaison_flow_file_free);
  file = liaison_netflow_read_file (truncated, NULL, &error);
  g_assert_null (file);
  g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID);
  expected = g_strdup_printf ("%s:29: the gzip data ends too early: the file is cut short", truncated);
  g_assert_cmpstr (error->message, ==, expected);
}

/* Logs joined with cat: each log's directives again, and #close between. */
static void
test_joined (void)
{
  const char *files[] = { "zeek-conn.q-in-q.log", "zeek-conn.ayiya.log", NULL };
  g_autoptr(LiaisonFlowFile) file = liaison_test_parse_joined_flows ("conn.log", files);
  g_autofree char *text = liaison_test_flows_text (file);

  g_assert_cmpstr (text, ==,
                   "udp 172.19.51.37:47808 > 172.19.51.63:47808 2013-03-21T21:18:19.548Z..2013-03-21T21:18:19.548Z client\n"
                   "tcp 2001:4978:f:4c::2:53382 > 2001:4860:b002::68:80 2009-11-08T04:41:41.596Z..2009-11-08T04:41:43.697Z client\n"
                   "udp 192.168.3.101:53859 > 216.14.98.22:5072 2009-11-08T04:41:36.585Z..2009-11-08T04:41:57.464Z client\n"
                   "udp 192.168.3.101:53796 > 216.14.98.22:5072 2009-11-08T04:41:33.629Z.. client\n");
}

/* --strict: each skipped record an error at its line. */
static void
test_strict (void)
{
  g_autofree char *text = NULL;
  g_autofree char *message = NULL;
  gsize length;

  text = liaison_test_read_data ("netflow", "zeek-conn.teredo.log", &length);
  message = liaison_test_flow_error ("conn.log", text, length, TRUE);
  g_assert_cmpstr (message, ==, "conn.log:9: conn_state “SHR”: a connection attempt, not a communication");
  g_free (message);

  text = (g_free (text), liaison_test_read_data ("netflow", "zeek-conn.docs.json.log", &length));
  message = liaison_test_flow_error ("conn.log", text, length, TRUE);
  g_assert_cmpstr (message, ==, "conn.log:7: protocol “icmp” is not tcp or udp");
  g_free (message);

  /* A time before 1970 with a duration (found by fuzz-netflow: the check
   * that the end fits overflowed on it). */
  text = (g_free (text), g_strdup ("{\"ts\":\"1878-06-05T14:39:59.430166Z\",\"id.orig_h\":\"10.0.0.1\","
                                   "\"id.orig_p\":5000,\"id.resp_h\":\"10.0.0.2\",\"id.resp_p\":53,"
                                   "\"proto\":\"udp\",\"duration\":0.25}\n"));
  message = liaison_test_flow_error ("conn.log", text, strlen (text), TRUE);
  g_assert_cmpstr (message, ==,
                   "conn.log:1: start “1878-06-05T14:39:59.430166Z” is before 1990: the exporter's clock was not set");
}

#define HEADER \
  "#separator \\x09\n" \
  "#set_separator\t,\n" \
  "#empty_field\t(empty)\n" \
  "#unset_field\t-\n" \
  "#path\tconn\n" \
  "#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tduration\tconn_state\n" \
  "#types\ttime\tstring\taddr\tport\taddr\tport\tenum\tinterval\tstring\n"

static const LiaisonTestBadFlow bad_cases[] = {
  /* a #fields line that does not match the rows */
  { HEADER "1591367999.305988\tC1\t10.0.0.1\t5000\t10.0.0.2\t53\tudp\t0.1\n",
    "conn.log:8: expected 9 fields, as #fields names them, found 8" },
  { HEADER "1591367999.305988\tC1\t10.0.0.1\t5000\t10.0.0.2\t53\tudp\t0.1\tSF\textra\n",
    "conn.log:8: expected 9 fields, as #fields names them, found 10" },
  { "#separator \\x09\n1591367999.305988\tC1\t10.0.0.1\t5000\t10.0.0.2\t53\tudp\t0.1\tSF\n",
    "conn.log:2: a record before the #fields line that names its columns" },
  { "#separator \\x09\n#path\tdns\n",
    "conn.log:2: a Zeek “dns” log, not conn.log" },
  { "#separator \\x09\n#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tproto\n",
    "conn.log:2: #fields names no “id.resp_p” column: not a Zeek conn.log" },
  { HEADER "-\tC1\t10.0.0.1\t5000\t10.0.0.2\t53\tudp\t0.1\tSF\n",
    "conn.log:8: “-” is not a time" },
  { HEADER "1591367999.305988\tC1\t10.0.0.1\t5000\t10.0.0.2\t53\tudp\tsoon\tSF\n",
    "conn.log:8: duration “soon” is not a number of seconds" },
  { HEADER "1591367999.305988\tC1\t10.0.0.1\t-\t10.0.0.2\t53\tudp\t0.1\tSF\n",
    "conn.log:8: port “-” is not between 1 and 65535" },
  { "{\"ts\":1591367999.305988,\"id.orig_h\":\"10.0.0.1\",\"id.orig_p\":5000,\"id.resp_h\":\"10.0.0.2\",\"id.resp_p\":53,\"proto\":\"udp\"}\n"
    "{\"ts\":1591367999.305988,\"id.orig_h\":\"10.0.0.1\",\"id.orig_p\":5000,\"id.resp_h\":\"10.0.0.2\",\"proto\":\"udp\"}\n",
    "conn.log:2: no “id.resp_p” in this record: not a Zeek conn.log" },
  { "{\"ts\":1591367999.305988,\"id.orig_h\":\"10.0.0.1\",\"id.orig_p\":5000,\"id.resp_h\":\"10.0.0.2\",\"id.resp_p\":53,\"proto\":\"udp\"}\n"
    "{\"ts\":1591367999.305988,\"id.orig_h\":\"10.0.0.1\",\"id.orig_p\":5000,\n",
    "conn.log:2: not a JSON object: a Zeek JSON log has one object a line" },
  { "{\"_path\":\"http\",\"ts\":1591367999.305988,\"id.orig_h\":\"10.0.0.1\",\"id.orig_p\":5000,\"id.resp_h\":\"10.0.0.2\",\"id.resp_p\":80}\n",
    "conn.log:1: a Zeek “http” log, not conn.log" },
};

static void
test_bad_input (void)
{
  liaison_test_assert_bad_flows ("conn.log", bad_cases, G_N_ELEMENTS (bad_cases));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/netflow-zeek/tsv", test_tsv);
  g_test_add_func ("/netflow-zeek/tsv-versions", test_tsv_versions);
  g_test_add_func ("/netflow-zeek/json", test_json);
  g_test_add_func ("/netflow-zeek/gzip", test_gzip);
  g_test_add_func ("/netflow-zeek/joined", test_joined);
  g_test_add_func ("/netflow-zeek/strict", test_strict);
  g_test_add_func ("/netflow-zeek/bad-input", test_bad_input);

  return g_test_run ();
}
