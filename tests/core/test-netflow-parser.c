/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "liaison-error.h"
#include "liaison-netflow-parser.h"
#include "liaison-test-fixture.h"

/* statistics.md section 4.1; the facts are those of tests/data/README.md. */

static LiaisonFlowFile *
read_data (const char *name)
{
  g_autofree char *path = liaison_test_data_path ("netflow", name);
  g_autoptr(GError) error = NULL;
  LiaisonFlowFile *file;

  file = liaison_netflow_read_file (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (file);
  return file;
}

static LiaisonFlowFile *
parse_text (const char *text,
            gboolean    local_time)
{
  g_autoptr(GError) error = NULL;
  LiaisonFlowReadOptions options = { local_time, FALSE };
  LiaisonFlowFile *file;

  file = liaison_netflow_parse ("flows.csv", text, strlen (text), &options, &error);
  g_assert_no_error (error);
  g_assert_nonnull (file);
  return file;
}

static void
assert_flow (const LiaisonFlowFile *file,
             guint                  i,
             const char            *start,
             const char            *end,
             const char            *src,
             guint                  src_port,
             const char            *dst,
             guint                  dst_port,
             LiaisonProtocol        protocol,
             gboolean               oriented)
{
  const LiaisonFlow *flow;
  char buf[LIAISON_ADDRESS_STRLEN];

  g_assert_cmpuint (i, <, file->flows->len);
  flow = &g_array_index (file->flows, LiaisonFlow, i);

  g_assert_cmpint (flow->start, ==, liaison_test_time (start));
  if (end == NULL)
    g_assert_cmpint (flow->end, ==, LIAISON_TIME_NONE);
  else
    g_assert_cmpint (flow->end, ==, liaison_test_time (end));
  liaison_address_to_string (&flow->src, buf);
  g_assert_cmpstr (buf, ==, src);
  liaison_address_to_string (&flow->dst, buf);
  g_assert_cmpstr (buf, ==, dst);
  g_assert_cmpuint (flow->src_port, ==, src_port);
  g_assert_cmpuint (flow->dst_port, ==, dst_port);
  g_assert_cmpuint (flow->protocol, ==, protocol);
  g_assert_cmpuint (flow->oriented, ==, oriented);
}

/* The records of one client/listener pair, in either direction. */
static void
assert_pair (const LiaisonFlowFile *file,
             const char            *client,
             const char            *listener,
             guint                  port,
             LiaisonProtocol        protocol,
             guint                  records,
             const char            *earliest,
             const char            *latest)
{
  LiaisonAddress c, l;
  guint n = 0;
  LiaisonTime first = G_MAXINT64, last = G_MININT64;

  g_assert_true (liaison_address_parse (client, -1, &c));
  g_assert_true (liaison_address_parse (listener, -1, &l));

  for (guint i = 0; i < file->flows->len; i++)
    {
      const LiaisonFlow *f = &g_array_index (file->flows, LiaisonFlow, i);
      gboolean forward = liaison_address_equal (&f->src, &c) && liaison_address_equal (&f->dst, &l) &&
                         f->dst_port == port && f->src_port != port;
      gboolean reply = liaison_address_equal (&f->src, &l) && liaison_address_equal (&f->dst, &c) &&
                       f->src_port == port && f->dst_port != port;

      if (f->protocol != protocol || (!forward && !reply))
        continue;
      n++;
      first = MIN (first, f->start);
      last = MAX (last, f->end);
    }

  g_assert_cmpuint (n, ==, records);
  g_assert_cmpint (first, ==, liaison_test_time (earliest));
  g_assert_cmpint (last, ==, liaison_test_time (latest));
}

static void
assert_same_flows (const LiaisonFlowFile *a,
                   const LiaisonFlowFile *b)
{
  g_assert_cmpuint (a->flows->len, ==, b->flows->len);
  for (guint i = 0; i < a->flows->len; i++)
    {
      const LiaisonFlow *fa = &g_array_index (a->flows, LiaisonFlow, i);
      const LiaisonFlow *fb = &g_array_index (b->flows, LiaisonFlow, i);

      g_assert_cmpint (fa->start, ==, fb->start);
      g_assert_cmpint (fa->end, ==, fb->end);
      g_assert_true (liaison_address_equal (&fa->src, &fb->src));
      g_assert_true (liaison_address_equal (&fa->dst, &fb->dst));
      g_assert_cmpuint (fa->src_port, ==, fb->src_port);
      g_assert_cmpuint (fa->dst_port, ==, fb->dst_port);
      g_assert_cmpuint (fa->protocol, ==, fb->protocol);
      g_assert_cmpuint (fa->oriented, ==, fb->oriented);
    }
}

/* nfdump 1.7.1's `-o csv`: the legacy column set, whole seconds, a Summary block. */
static void
test_nfdump_legacy_csv (void)
{
  g_autoptr(LiaisonFlowFile) s1 = read_data ("nfcapd.sample1.csv");
  g_autoptr(LiaisonFlowFile) s2 = read_data ("nfcapd.sample2.csv");
  g_autoptr(LiaisonFlowFile) s3 = read_data ("nfcapd.sample3.csv");

  g_assert_cmpint (s1->format, ==, LIAISON_NETFLOW_FORMAT_NFDUMP_CSV);
  g_assert_cmpuint (s1->flows->len, ==, 16);
  g_assert_cmpuint (s2->flows->len, ==, 8);
  g_assert_cmpuint (s3->flows->len, ==, 6);
  g_assert_cmpint (s1->earliest_start, ==, liaison_test_time ("2026-11-27T05:08:05Z"));
  g_assert_cmpint (s2->earliest_start, ==, liaison_test_time ("2026-11-27T05:09:15Z"));
  g_assert_cmpint (s3->earliest_start, ==, liaison_test_time ("2026-11-27T05:11:20Z"));

  assert_flow (s1, 0, "2026-11-27T05:08:07Z", "2026-11-27T05:08:07Z",
               "127.0.0.1", 8080, "127.0.0.3", 42188, LIAISON_PROTOCOL_TCP, FALSE);
  assert_flow (s1, 2, "2026-11-27T05:08:07Z", "2026-11-27T05:08:08Z",
               "127.0.0.1", 59986, "127.0.0.1", 5514, LIAISON_PROTOCOL_UDP, FALSE);
  assert_flow (s1, 15, "2026-11-27T05:08:07Z", "2026-11-27T05:08:07Z",
               "::1", 9090, "::1", 59244, LIAISON_PROTOCOL_TCP, FALSE);

  assert_pair (s1, "127.0.0.1", "127.0.0.1", 8080, LIAISON_PROTOCOL_TCP, 6,
               "2026-11-27T05:08:05Z", "2026-11-27T05:08:06Z");
  assert_pair (s1, "127.0.0.3", "127.0.0.1", 8080, LIAISON_PROTOCOL_TCP, 2,
               "2026-11-27T05:08:07Z", "2026-11-27T05:08:07Z");
  assert_pair (s1, "::1", "::1", 9090, LIAISON_PROTOCOL_TCP, 6,
               "2026-11-27T05:08:07Z", "2026-11-27T05:08:07Z");
  assert_pair (s1, "127.0.0.1", "127.0.0.1", 5514, LIAISON_PROTOCOL_UDP, 2,
               "2026-11-27T05:08:07Z", "2026-11-27T05:08:08Z");
  assert_pair (s2, "127.0.0.1", "127.0.0.1", 8080, LIAISON_PROTOCOL_TCP, 4,
               "2026-11-27T05:09:15Z", "2026-11-27T05:09:16Z");
  assert_pair (s2, "::1", "::1", 9090, LIAISON_PROTOCOL_TCP, 4,
               "2026-11-27T05:09:16Z", "2026-11-27T05:09:17Z");
  assert_pair (s3, "127.0.0.1", "127.0.0.1", 5514, LIAISON_PROTOCOL_UDP, 2,
               "2026-11-27T05:11:20Z", "2026-11-27T05:11:20Z");
  assert_pair (s3, "::1", "::1", 9090, LIAISON_PROTOCOL_TCP, 2,
               "2026-11-27T05:11:20Z", "2026-11-27T05:11:21Z");
}

/* nfdump <= 1.6.17 flags (6 characters) change nothing. */
static void
test_nfdump_16_csv (void)
{
  g_autoptr(LiaisonFlowFile) legacy = read_data ("nfcapd.sample1.csv");
  g_autoptr(LiaisonFlowFile) old = read_data ("nfcapd.sample1.nfdump-1.6.17-flags.hand.csv");

  g_assert_cmpint (old->format, ==, LIAISON_NETFLOW_FORMAT_NFDUMP_CSV);
  assert_same_flows (legacy, old);
  g_assert_cmpint (old->earliest_start, ==, legacy->earliest_start);
}

/* nfdump >= 1.7.5: firstSeen with ms, duration instead of an end, numeric protocols. */
static void
test_nfdump_175_csv (void)
{
  g_autoptr(LiaisonFlowFile) s1 = read_data ("nfcapd.sample1.nfdump-1.7.5-format.hand.csv");
  g_autoptr(LiaisonFlowFile) s2 = read_data ("nfcapd.sample2.nfdump-1.7.5-format.hand.csv");
  g_autoptr(LiaisonFlowFile) s3 = read_data ("nfcapd.sample3.nfdump-1.7.5-format.hand.csv");

  g_assert_cmpint (s1->format, ==, LIAISON_NETFLOW_FORMAT_NFDUMP_CSV);
  g_assert_cmpuint (s1->flows->len, ==, 16);
  g_assert_cmpuint (s2->flows->len, ==, 8);
  g_assert_cmpuint (s3->flows->len, ==, 6);
  g_assert_cmpint (s1->earliest_start, ==, liaison_test_time ("2026-11-27T05:08:05.768Z"));
  g_assert_cmpint (s3->earliest_start, ==, liaison_test_time ("2026-11-27T05:11:20.096Z"));

  assert_flow (s1, 2, "2026-11-27T05:08:07.800Z", "2026-11-27T05:08:08.000Z",
               "127.0.0.1", 59986, "127.0.0.1", 5514, LIAISON_PROTOCOL_UDP, FALSE);
  assert_flow (s3, 0, "2026-11-27T05:11:20.598Z", "2026-11-27T05:11:20.799Z",
               "127.0.0.1", 35436, "127.0.0.1", 5514, LIAISON_PROTOCOL_UDP, FALSE);

  assert_pair (s1, "127.0.0.1", "127.0.0.1", 8080, LIAISON_PROTOCOL_TCP, 6,
               "2026-11-27T05:08:05.768Z", "2026-11-27T05:08:06.787Z");
  assert_pair (s1, "127.0.0.3", "127.0.0.1", 8080, LIAISON_PROTOCOL_TCP, 2,
               "2026-11-27T05:08:07.294Z", "2026-11-27T05:08:07.295Z");
  assert_pair (s1, "::1", "::1", 9090, LIAISON_PROTOCOL_TCP, 6,
               "2026-11-27T05:08:07.797Z", "2026-11-27T05:08:07.799Z");
  assert_pair (s1, "127.0.0.1", "127.0.0.1", 5514, LIAISON_PROTOCOL_UDP, 2,
               "2026-11-27T05:08:07.800Z", "2026-11-27T05:08:08.000Z");
  assert_pair (s2, "127.0.0.1", "127.0.0.1", 8080, LIAISON_PROTOCOL_TCP, 4,
               "2026-11-27T05:09:15.488Z", "2026-11-27T05:09:16.497Z");
  assert_pair (s2, "::1", "::1", 9090, LIAISON_PROTOCOL_TCP, 4,
               "2026-11-27T05:09:16.999Z", "2026-11-27T05:09:17.000Z");
  assert_pair (s3, "::1", "::1", 9090, LIAISON_PROTOCOL_TCP, 2,
               "2026-11-27T05:11:20.999Z", "2026-11-27T05:11:21.000Z");
}

/* nfcapd binary files, read through nfdump: the same records, with milliseconds. */
static void
test_nfcapd (void)
{
  static const char * const samples[] = { "nfcapd.sample1", "nfcapd.sample2", "nfcapd.sample3" };
  g_autofree char *nfdump = g_find_program_in_path (NFDUMP_PROGRAM);

  if (nfdump == NULL)
    {
      g_test_skip ("nfdump is not installed");
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    {
      g_autofree char *csv_name = g_strconcat (samples[i], ".nfdump-1.7.5-format.hand.csv", NULL);
      g_autoptr(LiaisonFlowFile) binary = read_data (samples[i]);
      g_autoptr(LiaisonFlowFile) csv = read_data (csv_name);

      g_assert_cmpint (binary->format, ==, LIAISON_NETFLOW_FORMAT_NFCAPD);
      assert_same_flows (binary, csv);
      g_assert_cmpint (binary->earliest_start, ==, csv->earliest_start);
    }
}

/* nfcapd files are real moments: --local-time does not move them. */
static void
test_nfcapd_local_time (void)
{
  LiaisonFlowReadOptions local_time = { TRUE, FALSE };
  g_autofree char *nfdump = g_find_program_in_path (NFDUMP_PROGRAM);
  g_autofree char *path = liaison_test_data_path ("netflow", "nfcapd.sample3");
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaisonFlowFile) file = NULL;

  if (nfdump == NULL)
    {
      g_test_skip ("nfdump is not installed");
      return;
    }

  /* The environment is changed in a child, before any thread exists. */
  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
      g_test_trap_assert_passed ();
      return;
    }

  g_setenv ("TZ", "EST5", TRUE);
  file = liaison_netflow_read_file (path, &local_time, &error);
  g_assert_no_error (error);
  g_assert_cmpint (file->earliest_start, ==, liaison_test_time ("2026-11-27T05:11:20.096Z"));
}

/* An nfcapd file of NetFlow v5 as exporters send it (tests/data/README.md):
 * records that are not service communications skipped; with --strict, an
 * error at the record's number, which is what the user can find. */
static void
test_nfcapd_odd (void)
{
  g_autofree char *nfdump = g_find_program_in_path (NFDUMP_PROGRAM);
  g_autofree char *path = liaison_test_data_path ("netflow", "nfcapd.odd");
  g_autoptr(LiaisonFlowFile) file = NULL;
  g_autoptr(LiaisonFlowFile) csv = NULL;
  g_autoptr(GError) error = NULL;
  LiaisonFlowReadOptions strict = { FALSE, TRUE };
  g_autofree char *text = NULL;
  g_autofree char *skipped = NULL;
  g_autofree char *expected = NULL;

  if (nfdump == NULL)
    {
      g_test_skip ("nfdump is not installed");
      return;
    }

  file = liaison_test_read_flows ("nfcapd.odd", FALSE);
  text = liaison_test_flows_text (file);
  g_assert_cmpstr (text, ==,
                   "tcp 10.1.1.10:51000 > 10.1.1.20:443 2026-11-27T00:01:10Z..2026-11-27T00:01:11Z guess\n"
                   "tcp 10.1.1.20:443 > 10.1.1.10:51000 2026-11-27T00:01:10Z..2026-11-27T00:01:11Z guess\n"
                   "tcp 10.1.1.60:40000 > 10.1.1.20:8080 2026-11-27T00:01:10.500Z..2026-11-27T00:01:11Z guess\n"
                   "udp 10.1.1.50:123 > 10.1.1.40:123 2026-11-27T00:01:14Z..2026-11-27T00:01:14Z guess\n"
                   "udp 10.1.1.40:123 > 10.1.1.50:123 2026-11-27T00:01:14Z..2026-11-27T00:01:14.010Z guess\n");
  skipped = liaison_flow_skips_describe (&file->skipped);
  g_assert_cmpstr (skipped, ==, "skipped 5 records: 1 ICMP, 1 to port 0, "
                                "2 with a broadcast, multicast or unspecified address, 1 stamped before 1990");
  g_assert_cmpint (file->first_seen, ==, LIAISON_TIME_NONE);

  /* nfdump's own CSV of it: the same records, in whole seconds */
  csv = liaison_test_read_flows ("nfcapd.odd.csv", FALSE);
  g_assert_cmpuint (csv->flows->len, ==, 5);
  g_assert_cmpuint (liaison_flow_skips_total (&csv->skipped), ==, 5);

  g_clear_pointer (&file, liaison_flow_file_free);
  file = liaison_netflow_read_file (path, &strict, &error);
  g_assert_null (file);
  g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID);
  expected = g_strdup_printf ("%s: record 4: port “0” is not between 1 and 65535", path);
  g_assert_cmpstr (error->message, ==, expected);
}

/* An nfcapd file with no usable record: the first-seen time of its stat record. */
static void
test_nfcapd_first_seen (void)
{
  g_autofree char *nfdump = g_find_program_in_path (NFDUMP_PROGRAM);
  g_autoptr(LiaisonFlowFile) file = NULL;

  if (nfdump == NULL)
    {
      g_test_skip ("nfdump is not installed");
      return;
    }

  file = liaison_test_read_flows ("nfcapd.icmp", FALSE);
  g_assert_cmpuint (file->flows->len, ==, 0);
  g_assert_cmpuint (file->skipped.protocols[1], ==, 2);
  g_assert_cmpint (file->first_seen, ==, liaison_test_time ("2026-11-27T00:01:30Z"));
  g_assert_cmpint (file->earliest_start, ==, LIAISON_TIME_NONE);
}

static void
test_nfcapd_without_nfdump (void)
{
  g_autofree char *path = liaison_test_data_path ("netflow", "nfcapd.sample1");
  g_autofree char *expected = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaisonFlowFile) file = NULL;

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
      g_test_trap_assert_passed ();
      return;
    }

  g_setenv ("PATH", "/nonexistent", TRUE);
  file = liaison_netflow_read_file (path, NULL, &error);

  g_assert_null (file);
  g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_UNSUPPORTED);
  expected = g_strdup_printf ("%s: is an nfcapd file; reading it needs the nfdump program, "
                              "which is not installed", path);
  g_assert_cmpstr (error->message, ==, expected);
}

/* nfdump's rows of a big file come through a pipe a piece at a time, cut
 * anywhere: every record is read whole, as from a file. */
static void
test_nfcapd_in_pieces (void)
{
  const guint n = 200000;
  g_autoptr(LiaisonTestFixture) f = NULL;
  g_autoptr(GString) rows = g_string_new (NULL);
  g_autofree char *dd = g_find_program_in_path ("dd");
  g_autofree char *script = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaisonFlowFile) file = NULL;

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
      g_test_trap_assert_passed ();
      return;
    }

  f = liaison_test_fixture_new ();
  for (guint i = 0; i < n; i++)
    g_string_append_printf (rows, "%u.%03u,2026-11-27 00:%02u:%02u.999,"
                            "%16s.%u,      10.1.0.1, %5u,   443,TCP  \n",
                            1795737600 + i / 1000, i % 1000, i / 60000, i / 1000 % 60, "10.0.7", i % 250,
                            32768 + i % 28000);
  /* An nfdump that writes its rows 999 bytes at a time. */
  script = g_strdup_printf ("exec '%s' if='%%1$s' bs=999 status=none\n", dd);
  path = liaison_test_fake_nfdump (f, rows->str, script);

  file = liaison_netflow_read_file (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (file);
  g_assert_cmpuint (file->flows->len, ==, n);
  for (guint i = 0; i < n; i++)
    {
      const LiaisonFlow *flow = &g_array_index (file->flows, LiaisonFlow, i);

      g_assert_cmpuint (flow->src_port, ==, 32768 + i % 28000);
      g_assert_cmpuint (flow->dst_port, ==, 443);
      g_assert_cmpint (flow->start, ==, G_GINT64_CONSTANT (1795737600000) + i);
    }
}

/* The fake nfdump of @script prints @rows; read strictly, they fail with
 * the file's name and @message. */
static void
assert_strict_message (LiaisonTestFixture *f,
                       const char         *script,
                       const char         *rows,
                       const char         *message)
{
  LiaisonFlowReadOptions strict = { FALSE, TRUE };
  g_autofree char *path = liaison_test_fake_nfdump (f, rows, script);
  g_autofree char *expected = g_strdup_printf ("%s: %s", path, message);
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaisonFlowFile) file = liaison_netflow_read_file (path, &strict, &error);

  g_assert_null (file);
  g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, expected);
}

/* nfdump prints a record's start as seconds since 1970 (`%tsr`); one that
 * is not a number names its record and value, and nothing is read. A
 * message about a start that is a number tells it as a date. */
static void
test_nfcapd_bad_start (void)
{
  g_autoptr(LiaisonTestFixture) f = NULL;
  g_autofree char *cat = g_find_program_in_path ("cat");
  g_autofree char *script = NULL;
  g_autofree char *path = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaisonFlowFile) file = NULL;

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
      g_test_trap_assert_passed ();
      return;
    }

  f = liaison_test_fixture_new ();
  script = g_strdup_printf ("exec '%s' '%%1$s'\n", cat);
  path = liaison_test_fake_nfdump (f,
                                   "1795737601.250,2026-11-27 00:00:01.999,10.0.7.1,10.1.0.1,40000,443,TCP\n"
                                   "2026-11-27 00:00:02.000,2026-11-27 00:00:02.999,10.0.7.1,10.1.0.1,40001,443,TCP\n",
                                   script);
  file = liaison_netflow_read_file (path, NULL, &error);
  g_assert_null (file);
  g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID);
  expected = g_strdup_printf ("%s: record 2: “2026-11-27 00:00:02.000” is not a time", path);
  g_assert_cmpstr (error->message, ==, expected);

  /* the first row alone: its milliseconds are kept */
  g_clear_error (&error);
  g_clear_pointer (&path, g_free);
  path = liaison_test_fake_nfdump (f, "1795737601.250,2026-11-27 00:00:01.999,10.0.7.1,10.1.0.1,40000,443,TCP\n", script);
  file = liaison_netflow_read_file (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (file->flows->len, ==, 1);
  g_assert_cmpint (g_array_index (file->flows, LiaisonFlow, 0).start, ==, G_GINT64_CONSTANT (1795737601250));
  g_assert_cmpint (g_array_index (file->flows, LiaisonFlow, 0).end, ==, G_GINT64_CONSTANT (1795737601999));

  /* a message about a start tells it as a date */
  assert_strict_message (f, script,
                         "1795737602.500,2026-11-27 00:00:02.000,10.0.7.1,10.1.0.1,40000,443,TCP\n"
                         "3559.000,1970-01-01 00:59:20.000,10.0.7.1,10.1.0.1,40001,443,TCP\n",
                         "record 1: end “2026-11-27 00:00:02.000” is before start “2026-11-27T00:00:02.500Z”");
  assert_strict_message (f, script, "3559.000,1970-01-01 00:59:20.000,10.0.7.1,10.1.0.1,40001,443,TCP\n",
                         "record 1: start “1970-01-01T00:59:19Z” is before 1990: the exporter's clock was not set");

  /* nfdump 1.7.4 and later: an end of zero is a date of zeros */
  assert_strict_message (f, script, "1795737602.500,0000-00-00 00:00:00.000,10.0.7.1,10.1.0.1,40001,443,TCP\n",
                         "record 1: end “0000-00-00 00:00:00.000” is before start “2026-11-27T00:00:02.500Z”");
}

/* nfdump writes its rows through a large output buffer when coreutils'
 * stdbuf is there and works, and runs as it is otherwise. The fake nfdump
 * tells the buffer it was given, in its message; `nfdump -V` succeeds, as
 * the real one's does. @stdbuf: "none" (not on the PATH), "coreutils"
 * (the real one) or "broken" (one that fails, as without its library). */
static void
output_buffer_case (const char *stdbuf,
                    const char *buffer)
{
  g_autofree char *real = g_find_program_in_path ("stdbuf");
  g_autoptr(LiaisonTestFixture) f = NULL;
  g_autofree char *path = NULL;
  g_autofree char *link = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaisonFlowFile) file = NULL;

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
      g_test_trap_assert_passed ();
      return;
    }

  f = liaison_test_fixture_new ();
  path = liaison_test_fake_nfdump (f, "",
                                   "[ \"$1\" = -V ] && exit 0\n"
                                   "echo \"buffer ${_STDBUF_O:-none}\" >&2\n"
                                   "exit 1\n");
  /* PATH is the fixture's folder alone */
  link = g_build_filename (f->dir, "stdbuf", NULL);
  if (g_str_equal (stdbuf, "coreutils"))
    {
      g_assert_nonnull (real);
      g_assert_cmpint (symlink (real, link), ==, 0);
    }
  else if (g_str_equal (stdbuf, "broken"))
    {
      g_file_set_contents (link, "#!/bin/sh\necho 'stdbuf: failed to find libstdbuf.so' >&2\nexit 125\n", -1, &error);
      g_assert_no_error (error);
      g_assert_cmpint (g_chmod (link, 0755), ==, 0);
    }

  file = liaison_netflow_read_file (path, NULL, &error);
  g_assert_null (file);
  expected = g_strdup_printf ("%s: nfdump failed: buffer %s", path, buffer);
  g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, expected);
}

static void
test_nfcapd_output_buffer (void)
{
  output_buffer_case ("coreutils", "262144");
}

static void
test_nfcapd_without_stdbuf (void)
{
  output_buffer_case ("none", "none");
}

static void
test_nfcapd_broken_stdbuf (void)
{
  output_buffer_case ("broken", "none");
}

/* A file with nfcapd's magic that nfdump cannot read: nfdump's own words. */
static void
test_nfcapd_broken (void)
{
  g_autofree char *nfdump = g_find_program_in_path (NFDUMP_PROGRAM);
  g_autoptr(LiaisonTestFixture) f = liaison_test_folder_new ();
  g_autofree char *path = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaisonFlowFile) file = NULL;

  if (nfdump == NULL)
    {
      g_test_skip ("nfdump is not installed");
      return;
    }

  path = g_build_filename (f->dir, "broken.nfcapd", NULL);
  g_file_set_contents (path, "\x0c\xa5 not really an nfcapd file", -1, &error);
  g_assert_no_error (error);

  file = liaison_netflow_read_file (path, NULL, &error);
  g_assert_null (file);
  g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID);
  expected = g_strdup_printf ("%s: nfdump failed: ", path);
  g_assert_true (g_str_has_prefix (error->message, expected));
  g_assert_cmpuint (strlen (error->message), >, strlen (expected));
}

static void
test_missing_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaisonFlowFile) file = NULL;

  file = liaison_netflow_read_file ("/nonexistent/flows.csv", NULL, &error);
  g_assert_null (file);
  g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "/nonexistent/flows.csv"));
}

static void
test_liaison_csv (void)
{
  g_autoptr(LiaisonFlowFile) file = NULL;

  file = parse_text ("start,end,client_ip,client_port,listener_ip,listener_port,protocol\n"
                     "2026-11-27T00:01:15Z,2026-11-27T00:01:16.5Z,10.0.0.9,51512,10.0.0.5,443,tcp\n"
                     "2026-11-27 00:01:10,,::ffff:10.0.0.9,,[2001:db8::1],53,UDP\n"
                     "2026-11-27T02:01:20+02:00,2026-11-27T00:01:30Z,10.0.0.9,1,10.0.0.5,65535,6\n",
                     FALSE);

  g_assert_cmpint (file->format, ==, LIAISON_NETFLOW_FORMAT_LIAISON_CSV);
  g_assert_cmpuint (file->flows->len, ==, 3);
  assert_flow (file, 0, "2026-11-27T00:01:15Z", "2026-11-27T00:01:16.500Z",
               "10.0.0.9", 51512, "10.0.0.5", 443, LIAISON_PROTOCOL_TCP, TRUE);
  assert_flow (file, 1, "2026-11-27T00:01:10Z", NULL,
               "10.0.0.9", 0, "2001:db8::1", 53, LIAISON_PROTOCOL_UDP, TRUE);
  assert_flow (file, 2, "2026-11-27T00:01:20Z", "2026-11-27T00:01:30Z",
               "10.0.0.9", 1, "10.0.0.5", 65535, LIAISON_PROTOCOL_TCP, TRUE);
  g_assert_cmpint (file->earliest_start, ==, liaison_test_time ("2026-11-27T00:01:10Z"));
}

#define NFDUMP_HEADER "ts,te,td,sa,da,sp,dp,pr,flg\n"

/* Other protocols are skipped; CRLF, blank lines, nfdump's notes and summary are not records. */
static void
test_nfdump_text (void)
{
  g_autoptr(LiaisonFlowFile) file = NULL;
  g_autoptr(LiaisonFlowFile) empty = NULL;

  file = parse_text ("\xef\xbb\xbf" NFDUMP_HEADER
                     "2026-11-27 00:00:59.999,2026-11-27 00:01:00,0.001,10.0.0.1,10.0.0.2,40000,22,TCP,.A....\r\n"
                     "2026-11-27 00:01:00,2026-11-27 00:01:00,0.000,10.0.0.1,10.0.0.2,0,8.0,ICMP,......\n"
                     "\n"
                     "2026-11-27 00:01:01.5,2026-11-27 00:01:02.25,0.750,10.0.0.2,10.0.0.1,53,40001,17,......\n"
                     "2026-11-27 00:00:58,2026-11-27 00:02:00,62.0,fe80::1%eth0,10.0.0.1,1,2,GRE,......\n"
                     "2026-11-27 00:00:58,2026-11-28 00:00:00,0.000,::1,::2,1,65535,6,\n"
                     "Summary\n"
                     "flows,bytes,packets,avg_bps,avg_pps,avg_bpp\n"
                     "4,5878,79,21058,35,74\n",
                     FALSE);

  g_assert_cmpint (file->format, ==, LIAISON_NETFLOW_FORMAT_NFDUMP_CSV);
  g_assert_cmpuint (file->flows->len, ==, 3);
  assert_flow (file, 0, "2026-11-27T00:00:59.999Z", "2026-11-27T00:01:00Z",
               "10.0.0.1", 40000, "10.0.0.2", 22, LIAISON_PROTOCOL_TCP, FALSE);
  assert_flow (file, 1, "2026-11-27T00:01:01.500Z", "2026-11-27T00:01:02.250Z",
               "10.0.0.2", 53, "10.0.0.1", 40001, LIAISON_PROTOCOL_UDP, FALSE);
  assert_flow (file, 2, "2026-11-27T00:00:58Z", "2026-11-28T00:00:00Z",
               "::1", 1, "::2", 65535, LIAISON_PROTOCOL_TCP, FALSE);
  g_assert_cmpint (file->earliest_start, ==, liaison_test_time ("2026-11-27T00:00:58Z"));

  /* What nfdump prints for a file without flows. */
  empty = parse_text (NFDUMP_HEADER "No matching flows\nSummary\nflows,bytes\n0,0\n", FALSE);
  g_assert_cmpuint (empty->flows->len, ==, 0);
  g_assert_cmpint (empty->earliest_start, ==, LIAISON_TIME_NONE);
}

/* nfdump writes local times: --local-time reads them so. */
static void
test_local_time (void)
{
  static const char text[] = NFDUMP_HEADER
    "2026-11-27 05:08:07,2026-11-27 05:09:00.250,0,10.0.0.1,10.0.0.2,40000,22,TCP,\n"
    "2026-11-27 05:08:59,2026-11-27 05:09:00,0,10.0.0.1,10.0.0.2,40000,22,TCP,\n";
  g_autoptr(LiaisonFlowFile) utc = NULL;
  g_autoptr(LiaisonFlowFile) local = NULL;

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
      g_test_trap_assert_passed ();
      return;
    }

  g_setenv ("TZ", "CET-1", TRUE);
  utc = parse_text (text, FALSE);
  local = parse_text (text, TRUE);

  assert_flow (utc, 0, "2026-11-27T05:08:07Z", "2026-11-27T05:09:00.250Z",
               "10.0.0.1", 40000, "10.0.0.2", 22, LIAISON_PROTOCOL_TCP, FALSE);
  assert_flow (local, 0, "2026-11-27T04:08:07Z", "2026-11-27T04:09:00.250Z",
               "10.0.0.1", 40000, "10.0.0.2", 22, LIAISON_PROTOCOL_TCP, FALSE);
  assert_flow (local, 1, "2026-11-27T04:08:59Z", "2026-11-27T04:09:00Z",
               "10.0.0.1", 40000, "10.0.0.2", 22, LIAISON_PROTOCOL_TCP, FALSE);
}

#define LIAISON_HEADER "start,end,client_ip,client_port,listener_ip,listener_port,protocol\n"
#define GOOD_LIAISON_LINE "2026-11-27T00:01:15Z,2026-11-27T00:01:16Z,10.0.0.9,51512,10.0.0.5,443,tcp\n"

typedef struct
{
  const char *text;
  const char *message;
} BadCase;

static const BadCase bad_cases[] = {
  { LIAISON_HEADER GOOD_LIAISON_LINE
    "2026-11-27T00:01:15Z,,10.0.0.300,51512,10.0.0.5,443,tcp\n",
    "flows.csv:3: “10.0.0.300” is not an IP address" },
  { LIAISON_HEADER GOOD_LIAISON_LINE GOOD_LIAISON_LINE
    "2026-11-27T00:01:15Z,,10.0.0.9,51512,10.0.0.5,70000,tcp\n",
    "flows.csv:4: port “70000” is not between 1 and 65535" },
  { LIAISON_HEADER "2026-11-27T00:01:15Z,,10.0.0.9,51512,10.0.0.5,0,tcp\n",
    "flows.csv:2: port “0” is not between 1 and 65535" },
  { LIAISON_HEADER "2026-11-27T00:01:15Z,,10.0.0.9,0,10.0.0.5,22,tcp\n",
    "flows.csv:2: port “0” is not between 1 and 65535" },
  { LIAISON_HEADER "2026-11-27T00:01:15Z,,10.0.0.9,1,10.0.0.5,,tcp\n",
    "flows.csv:2: port “” is not between 1 and 65535" },
  { LIAISON_HEADER "2026-11-27T00:01:15Z,,10.0.0.9,-5,10.0.0.5,22,tcp\n",
    "flows.csv:2: port “-5” is not between 1 and 65535" },
  { LIAISON_HEADER "\n\n\nyesterday,,10.0.0.9,51512,10.0.0.5,443,tcp\n",
    "flows.csv:5: “yesterday” is not a time" },
  { LIAISON_HEADER "2026-11-27T00:01:15Z,2026-13-01 00:00,10.0.0.9,51512,10.0.0.5,443,tcp\n",
    "flows.csv:2: “2026-13-01 00:00” is not a time" },
  { LIAISON_HEADER ",,10.0.0.9,51512,10.0.0.5,443,tcp\n",
    "flows.csv:2: “” is not a time" },
  { LIAISON_HEADER GOOD_LIAISON_LINE GOOD_LIAISON_LINE GOOD_LIAISON_LINE GOOD_LIAISON_LINE
    "2026-11-27T00:01:15Z,,10.0.0.9,51512,10.0.0.5\n",
    "flows.csv:6: expected 7 columns, found 5" },
  { LIAISON_HEADER "2026-11-27T00:01:15Z,,10.0.0.9,51512,10.0.0.5,443,tcp,extra\n",
    "flows.csv:2: expected 7 columns, found 8" },
  { LIAISON_HEADER "\n\n\n\n\n2026-11-27T00:01:15Z,2026-11-27T00:01:14.999Z,10.0.0.9,51512,10.0.0.5,443,tcp\n",
    "flows.csv:7: end “2026-11-27T00:01:14.999Z” is before start “2026-11-27T00:01:15Z”" },
  { LIAISON_HEADER "2026-11-27T00:01:15Z,,10.0.0.9,51512,10.0.0.5,443,icmp\n",
    "flows.csv:2: protocol “icmp” is not tcp or udp" },
  { NFDUMP_HEADER "2026-11-27 00:01:15,2026-11-27 00:01:15,0.0,10.0.0.1,10.0.0.2,0,22,TCP,\n",
    "flows.csv:2: port “0” is not between 1 and 65535" },
  { NFDUMP_HEADER "2026-11-27 00:01:15,2026-11-27 00:01:15,0.0,10.0.0.1,10.0.0.2\n",
    "flows.csv:2: expected 9 columns, found 5" },
  { NFDUMP_HEADER "2026-11-27 00:01:15,2026-11-27 00:01:15,0.0,10.0.0.1,host.example,1,22,UDP,\n",
    "flows.csv:2: “host.example” is not an IP address" },
  { NFDUMP_HEADER "2026-11-27 00:01:75,2026-11-27 00:01:15,0.0,10.0.0.1,10.0.0.2,1,22,UDP,\n",
    "flows.csv:2: “2026-11-27 00:01:75” is not a time" },
  { NFDUMP_HEADER "2026-11-27 00:01:15,2026-11-27 00:01:14,0.0,10.0.0.1,10.0.0.2,1,22,UDP,\n",
    "flows.csv:2: end “2026-11-27 00:01:14” is before start “2026-11-27 00:01:15”" },
  /* nfdump 1.7.5 and later print a time of zero as a date of zeros */
  { NFDUMP_HEADER "2026-11-27 00:01:15,0000-00-00 00:00:00.000,0.0,10.0.0.1,10.0.0.2,1,22,UDP,\n",
    "flows.csv:2: end “0000-00-00 00:00:00.000” is before start “2026-11-27 00:01:15”" },
  { NFDUMP_HEADER "0000-00-00 00:00:00.100,2026-11-27 00:01:15,0.0,10.0.0.1,10.0.0.2,1,22,UDP,\n",
    "flows.csv:2: “0000-00-00 00:00:00.100” is not a time" },
  { "firstSeen,duration,proto,srcAddr,srcPort,dstAddr,dstPort\n"
    "2026-11-27 05:08:07.294,soon,6,127.0.0.1,8080,127.0.0.3,42188\n",
    "flows.csv:2: duration “soon” is not a number of seconds" },
  { LIAISON_HEADER GOOD_LIAISON_LINE "2026-11-27T00:01:15Z,\0,10.0.0.9\n",
    "flows.csv:3: binary data, not a flow file" },
  { "\x0c\xa5\x02\x00\x00\x01\x07\x01",
    "flows.csv:1: binary data, not a flow file" },
  { "\x89PNG\r\n",
    "flows.csv:1: binary data, not a flow file" },
  { "",
    "flows.csv: empty file, not a flow file" },
  { "\n  \r\n\n",
    "flows.csv: empty file, not a flow file" },
  /* statistics.md 4.1: a file of another kind says what it is, or which kinds Liaison reads */
  { "Proto Recv-Q Send-Q Local Address Foreign Address State\n",
    "flows.csv:1: a socket table, not flow records: import it as a netstat sample (liaison-cli import-netstat)" },
  { "Date first seen  Duration Proto  Src IP Addr:Port  Dst IP Addr:Port  Packets Bytes Flows\n",
    "flows.csv:1: not a flow file that Liaison reads (“Date first seen  Duration Proto  Src IP Addr:Port  "
    "Dst IP Addr:P…”): it reads nfcapd files, nfdump CSV, Zeek conn.log (TSV or JSON), "
    "AWS VPC Flow Logs and Liaison flow CSV, also gzip-compressed" },
  { "start,end,client_ip,client_port,listener_ip,listener_port\n",
    "flows.csv:1: not nfdump CSV or Liaison flow CSV (header “start,end,client_ip,client_port,listener_ip,listener_port”)" },
  { "ts,te,td,sa,da,sp,dp\n",
    "flows.csv:1: not nfdump CSV or Liaison flow CSV (header “ts,te,td,sa,da,sp,dp”)" },
  { LIAISON_HEADER "2026-11-27T00:01:15Z,,\xff\xfe,1,10.0.0.5,22,tcp\n",
    "flows.csv:2: “\xef\xbf\xbd\xef\xbf\xbd” is not an IP address" },
};

/* Lengths of the cases whose text holds a nul. */
static gsize
case_length (const BadCase *c)
{
  if (strstr (c->message, "binary data") != NULL && c->text[0] == 's')
    return strlen (LIAISON_HEADER GOOD_LIAISON_LINE) + strlen ("2026-11-27T00:01:15Z,") + 1 + strlen (",10.0.0.9\n");
  if ((guchar) c->text[0] == 0x0c)
    return 8;
  return strlen (c->text);
}

static void
test_bad_input (void)
{
  LiaisonFlowReadOptions strict = { FALSE, TRUE };

  for (guint i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(LiaisonFlowFile) file = NULL;

      g_test_message ("case %u: %s", i, bad_cases[i].message);
      file = liaison_netflow_parse ("flows.csv", bad_cases[i].text, case_length (&bad_cases[i]),
                                    &strict, &error);
      g_assert_null (file);
      g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID);
      g_assert_cmpstr (error->message, ==, bad_cases[i].message);
    }
}

/* statistics.md 4.1: records that are not service communications are
 * skipped and counted, each under its first reason; the rest import. */
static void
test_skipped (void)
{
  g_autoptr(LiaisonFlowFile) nfdump = NULL;
  g_autoptr(LiaisonFlowFile) liaison = NULL;
  g_autofree char *skipped = NULL;

  nfdump = parse_text (NFDUMP_HEADER
                       "2026-11-27 00:01:15,2026-11-27 00:01:15,0.0,10.0.0.1,10.0.0.2,0,22,TCP,\n"
                       "2026-11-27 00:01:15,2026-11-27 00:01:15,0.0,10.0.0.1,10.0.0.2,0,8.0,ICMP,\n"
                       "1970-01-01 00:00:00,1970-01-01 00:00:00,0.0,10.0.0.1,224.0.0.1,5000,5000,UDP,\n"
                       "1970-01-01 00:00:00,1970-01-01 00:00:00,0.0,10.0.0.1,10.0.0.2,5000,53,UDP,\n"
                       "0000-00-00 00:00:00.000,0000-00-00 00:00:00.000,0.0,10.0.0.1,10.0.0.2,5000,53,UDP,\n"
                       "2026-11-27 00:01:15,2026-11-27 00:01:14,0.0,10.0.0.1,10.0.0.2,1,22,UDP,\n"
                       "2026-11-27 00:01:15.250,0000-00-00 00:00:00,0.0,10.0.0.1,10.0.0.2,1,22,UDP,\n"
                       "2026-11-27 00:01:15,2026-11-27 00:01:16,0.0,::,10.0.0.2,1,22,TCP,\n"
                       "2026-11-27 00:01:15,2026-11-27 00:01:16,0.0,10.0.0.1,10.0.0.2,40000,22,TCP,\n",
                       FALSE);
  g_assert_cmpuint (nfdump->flows->len, ==, 1);
  skipped = liaison_flow_skips_describe (&nfdump->skipped);
  g_assert_cmpstr (skipped, ==, "skipped 8 records: 1 ICMP, 1 to port 0, "
                                "2 with a broadcast, multicast or unspecified address, 2 stamped before 1990, "
                                "2 ending before they start");
  g_clear_pointer (&skipped, g_free);

  liaison = parse_text (LIAISON_HEADER
                        "2026-11-27T00:01:15Z,,10.0.0.9,51512,10.0.0.5,443,icmp\n"
                        "2026-11-27T00:01:15Z,,10.0.0.9,0,10.0.0.5,443,tcp\n"
                        "2026-11-27T00:01:15Z,,10.0.0.9,,10.0.0.5,443,tcp\n"
                        "2026-11-27T00:01:15Z,2026-11-27T00:01:14Z,10.0.0.9,51512,10.0.0.5,443,tcp\n",
                        FALSE);
  g_assert_cmpuint (liaison->flows->len, ==, 1);
  skipped = liaison_flow_skips_describe (&liaison->skipped);
  g_assert_cmpstr (skipped, ==, "skipped 3 records: 1 ICMP, 1 to port 0, 1 ending before it starts");
}

static void
test_long_line (void)
{
  g_autoptr(GString) text = g_string_new (LIAISON_HEADER GOOD_LIAISON_LINE);
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaisonFlowFile) file = NULL;
  g_autoptr(LiaisonFlowFile) fits = NULL;

  /* A line of exactly 64 KiB is read (and fails on its content). */
  for (guint i = 0; i < 64 * 1024; i++)
    g_string_append_c (text, 'x');
  g_string_append_c (text, '\n');
  fits = liaison_netflow_parse ("flows.csv", text->str, text->len, NULL, &error);
  g_assert_null (fits);
  g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "flows.csv:3: expected 7 columns, found 1"));
  g_clear_error (&error);

  g_string_truncate (text, strlen (LIAISON_HEADER GOOD_LIAISON_LINE));
  for (guint i = 0; i < 70000; i++)
    g_string_append_c (text, 'x');
  file = liaison_netflow_parse ("flows.csv", text->str, text->len, NULL, &error);
  g_assert_null (file);
  g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "flows.csv:3: line too long (70000 bytes)");
}

/* A value too long to quote whole is shortened in the message. */
static void
test_long_value (void)
{
  g_autoptr(GString) text = g_string_new (LIAISON_HEADER "2026-11-27T00:01:15Z,,");
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaisonFlowFile) file = NULL;
  g_autofree char *expected = NULL;

  for (guint i = 0; i < 100; i++)
    g_string_append_c (text, 'a');
  g_string_append (text, ",1,10.0.0.5,22,tcp\n");

  file = liaison_netflow_parse ("flows.csv", text->str, text->len, NULL, &error);
  g_assert_null (file);
  expected = g_strdup_printf ("flows.csv:2: “%s…” is not an IP address",
                              "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
  g_assert_cmpstr (error->message, ==, expected);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/netflow-parser/nfdump-legacy-csv", test_nfdump_legacy_csv);
  g_test_add_func ("/netflow-parser/nfdump-1.6-csv", test_nfdump_16_csv);
  g_test_add_func ("/netflow-parser/nfdump-1.7.5-csv", test_nfdump_175_csv);
  g_test_add_func ("/netflow-parser/nfcapd", test_nfcapd);
  g_test_add_func ("/netflow-parser/nfcapd-local-time", test_nfcapd_local_time);
  g_test_add_func ("/netflow-parser/nfcapd-odd", test_nfcapd_odd);
  g_test_add_func ("/netflow-parser/nfcapd-first-seen", test_nfcapd_first_seen);
  g_test_add_func ("/netflow-parser/nfcapd-without-nfdump", test_nfcapd_without_nfdump);
  g_test_add_func ("/netflow-parser/nfcapd-broken", test_nfcapd_broken);
  g_test_add_func ("/netflow-parser/missing-file", test_missing_file);
  g_test_add_func ("/netflow-parser/liaison-csv", test_liaison_csv);
  g_test_add_func ("/netflow-parser/nfdump-text", test_nfdump_text);
  g_test_add_func ("/netflow-parser/local-time", test_local_time);
  g_test_add_func ("/netflow-parser/bad-input", test_bad_input);
  g_test_add_func ("/netflow-parser/skipped", test_skipped);
  g_test_add_func ("/netflow-parser/long-line", test_long_line);
  g_test_add_func ("/netflow-parser/nfcapd-in-pieces", test_nfcapd_in_pieces);
  g_test_add_func ("/netflow-parser/nfcapd-bad-start", test_nfcapd_bad_start);
  g_test_add_func ("/netflow-parser/nfcapd-output-buffer", test_nfcapd_output_buffer);
  g_test_add_func ("/netflow-parser/nfcapd-without-stdbuf", test_nfcapd_without_stdbuf);
  g_test_add_func ("/netflow-parser/nfcapd-broken-stdbuf", test_nfcapd_broken_stdbuf);
  g_test_add_func ("/netflow-parser/long-value", test_long_value);

  return g_test_run ();
}
