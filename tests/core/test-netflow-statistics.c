/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "liaison-error.h"
#include "liaison-netflow-parser.h"
#include "liaison-netflow-statistics-private.h"
#include "liaison-store-communications.h"
#include "liaison-store-private.h"
#include "liaison-store-schema-private.h"
#include "liaison-test-fixture.h"

/* The netflow statistics (statistics.md 4.2 to 4.4), through imports. */

static const guint permutations[6][3] = {
  { 0, 1, 2 }, { 0, 2, 1 }, { 1, 0, 2 }, { 1, 2, 0 }, { 2, 0, 1 }, { 2, 1, 0 },
};

static void
test_seed_separate_imports (void)
{
  for (guint p = 0; p < G_N_ELEMENTS (permutations); p++)
    {
      g_autoptr(LiaisonTestFixture) f = liaison_test_fixture_new ();

      for (guint i = 0; i < 3; i++)
        {
          guint which = permutations[p][i];
          g_autofree char *name = g_strdup_printf ("seed-%u.csv", which + 1);
          g_autofree char *path = liaison_test_write_file (f, name, liaison_test_seed_files[which]);

          liaison_test_import_netflow_file (f, 60, path);
        }
      liaison_test_assert_seed_figures (f);
    }
}

static void
test_seed_one_batch (void)
{
  for (guint p = 0; p < G_N_ELEMENTS (permutations); p++)
    {
      g_autoptr(LiaisonTestFixture) f = liaison_test_fixture_new ();
      g_autoptr(GError) error = NULL;
      char *paths[4] = { NULL };
      LiaisonImportSummary summary;

      for (guint i = 0; i < 3; i++)
        {
          guint which = permutations[p][i];
          g_autofree char *name = g_strdup_printf ("seed-%u.csv", which + 1);

          paths[i] = liaison_test_write_file (f, name, liaison_test_seed_files[which]);
        }
      g_assert_true (liaison_test_import_netflow (f, 60, (const char * const *) paths, &summary, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (summary.files, ==, 3);
      g_assert_cmpuint (summary.records, ==, 6);
      g_assert_cmpuint (summary.new_communications, ==, 1);
      g_assert_cmpuint (summary.new_statistics, ==, 1);

      /* Applied in the order of sample times, whatever the command line. */
      {
        g_autofree char *order = liaison_test_query_text (f->store,
                                                          "SELECT group_concat(window_start, ',') FROM"
                                                          " (SELECT window_start FROM sample ORDER BY id)");
        g_autofree char *expected = g_strdup_printf ("%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT,
                                                     liaison_test_time ("2026-11-27T00:01:00Z"),
                                                     liaison_test_time ("2026-11-27T00:02:00Z"),
                                                     liaison_test_time ("2026-11-27T00:03:00Z"));
        g_assert_cmpstr (order, ==, expected);
      }

      liaison_test_assert_seed_figures (f);
      for (guint i = 0; i < 3; i++)
        g_free (paths[i]);
    }
}

/* Importing an older sample later splits a gap (section 4.4). */
static void
test_netflow_gap_split (void)
{
  g_autoptr(LiaisonTestFixture) f = liaison_test_fixture_new ();
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  const LiaisonStatRecord *r;

  liaison_test_import_netflow_text (f, 60, LIAISON_TEST_CSV_HEADER
                                    "2026-11-27T00:00:10Z,2026-11-27T00:00:20Z,10.0.0.9,51001,10.0.0.5,443,tcp\n");
  liaison_test_import_netflow_text (f, 60, LIAISON_TEST_CSV_HEADER
                                    "2026-11-27T00:05:00Z,2026-11-27T00:05:30Z,10.0.0.9,51002,10.0.0.5,443,tcp\n");

  before = liaison_test_records (f->store);
  r = liaison_test_find_record (before, "10.0.0.5", 443, "10.0.0.9", NULL);
  g_assert_cmpuint (r->nf_gaps->len, ==, 1);
  g_assert_cmpint (r->nf_gap_ms, ==, 280000);            /* 00:00:20 to 00:05:00 */
  g_assert_cmpint (r->nf_active_ms, ==, 40000);
  g_assert_cmpint (r->nf_pending_ms, ==, 30000);         /* to 00:06:00 */

  /* 00:02:30-00:02:40 lies in the gap: 00:00:20-00:02:30 and 00:02:40-00:05:00
   * are both longer than 60 s, so the gap splits in two. */
  liaison_test_import_netflow_text (f, 60, LIAISON_TEST_CSV_HEADER
                                    "2026-11-27T00:02:30Z,2026-11-27T00:02:40Z,10.0.0.9,51003,10.0.0.5,443,tcp\n");
  after = liaison_test_records (f->store);
  r = liaison_test_find_record (after, "10.0.0.5", 443, "10.0.0.9", NULL);
  g_assert_cmpuint (r->nf_gaps->len, ==, 2);
  g_assert_cmpint (g_array_index (r->nf_gaps, LiaisonGap, 0).from, ==, liaison_test_time ("2026-11-27T00:00:20Z"));
  g_assert_cmpint (g_array_index (r->nf_gaps, LiaisonGap, 0).to, ==, liaison_test_time ("2026-11-27T00:02:30Z"));
  g_assert_cmpint (g_array_index (r->nf_gaps, LiaisonGap, 1).from, ==, liaison_test_time ("2026-11-27T00:02:40Z"));
  g_assert_cmpint (g_array_index (r->nf_gaps, LiaisonGap, 1).to, ==, liaison_test_time ("2026-11-27T00:05:00Z"));
  g_assert_cmpint (r->nf_gap_ms, ==, 130000 + 140000);
  g_assert_cmpint (r->nf_active_ms, ==, 320000 - 270000);
  g_assert_cmpint (r->nf_active_samples, ==, 3);
  g_assert_cmpint (r->nf_pending_ms, ==, 30000);
  g_assert_cmpint (liaison_test_query_int (f->store, "SELECT count(*) FROM gap_segment"), ==, 2);
}

/* Netflow events and ports (section 4.3) ------------------------------------ */

static void
test_netflow_events_ports (void)
{
  g_autoptr(LiaisonTestFixture) f = liaison_test_fixture_new ();
  g_autoptr(GPtrArray) records = NULL;
  const LiaisonStatRecord *r;

  /* 51001 split into two records: 2 events; 51002: 1; no client port: 1
   * event and no port. Events 4, ports 2. */
  liaison_test_import_netflow_text (f, 300, LIAISON_TEST_CSV_HEADER
                                    "2026-11-27T00:00:10Z,2026-11-27T00:01:00Z,10.0.0.9,51001,10.0.0.5,443,tcp\n"
                                    "2026-11-27T00:01:00Z,2026-11-27T00:02:00Z,10.0.0.9,51001,10.0.0.5,443,tcp\n"
                                    "2026-11-27T00:02:00Z,2026-11-27T00:02:05Z,10.0.0.9,51002,10.0.0.5,443,tcp\n"
                                    "2026-11-27T00:03:00Z,,10.0.0.9,,10.0.0.5,443,tcp\n");
  records = liaison_test_records (f->store);
  r = liaison_test_find_record (records, "10.0.0.5", 443, "10.0.0.9", NULL);
  g_assert_cmpint (r->nf_active_samples, ==, 1);
  g_assert_cmpint (r->nf_total_events, ==, 4);
  g_assert_cmpint (r->nf_total_ports, ==, 2);
  g_assert_cmpint (r->nf_first_found, ==, liaison_test_time ("2026-11-27T00:00:10Z"));
  g_assert_cmpint (r->nf_last_found, ==, liaison_test_time ("2026-11-27T00:03:00Z"));
  g_assert_cmpuint (r->nf_gaps->len, ==, 0);
  g_assert_cmpint (r->nf_pending_ms, ==, 120000);        /* window 00:00-00:05 */
  g_clear_pointer (&records, g_ptr_array_unref);

  /* The next sample uses 51001 again: ports are counted per sample, summed. */
  liaison_test_import_netflow_text (f, 300, LIAISON_TEST_CSV_HEADER
                                    "2026-11-27T00:05:10Z,2026-11-27T00:05:20Z,10.0.0.9,51001,10.0.0.5,443,tcp\n");
  records = liaison_test_records (f->store);
  r = liaison_test_find_record (records, "10.0.0.5", 443, "10.0.0.9", NULL);
  g_assert_cmpint (r->nf_active_samples, ==, 2);
  g_assert_cmpint (r->nf_total_events, ==, 5);
  g_assert_cmpint (r->nf_total_ports, ==, 3);
  g_assert_cmpfloat_with_epsilon (liaison_stat_ratio (r->nf_total_ports, r->nf_active_samples), 1.5, 1e-9);
  g_assert_cmpint (r->nf_last_found, ==, liaison_test_time ("2026-11-27T00:05:20Z"));
  /* 00:03:00 to 00:05:10 is 130 s, within I = 300: active. */
  g_assert_cmpint (r->nf_gap_ms, ==, 0);
  g_assert_cmpint (r->nf_active_ms, ==, 310000);
}

static void
test_netflow_orientation (void)
{
  g_autoptr(LiaisonTestFixture) f = liaison_test_fixture_new ();
  g_autoptr(GPtrArray) records = NULL;
  const LiaisonStatRecord *r;
  g_autoptr(GError) error = NULL;
  LiaisonCommunicationInput manual = { 0 };

  /* Netstat found a listener on an ephemeral port of db01. */
  liaison_test_import_netstat_text (f, "db01", "2026-11-26T00:00:00Z",
                                       "State  Recv-Q Send-Q Local Address:Port Peer Address:Port Process\n"
                                       "LISTEN 0      128    10.0.0.20:40000    0.0.0.0:*\n");

  /* A listener entered by hand. */
  manual.client_ip = "10.0.0.51";
  manual.listener_ip = "10.0.0.50";
  manual.port = "45000";
  manual.protocol = "tcp";
  g_assert_cmpint (liaison_store_add_communication (f->store, &manual, &error), >, 0);
  g_assert_no_error (error);

  liaison_test_import_netflow_text (f, 300,
                                    LIAISON_TEST_NFDUMP_HEADER
                       /* known (netstat): request and reply fold into one event */
                                    LIAISON_TEST_NFDUMP_FLOW ("2026-11-27 00:00:01.000", "2026-11-27 00:00:02.000", "10.0.0.21", "10.0.0.20", "5000", "40000", "TCP")
                                    LIAISON_TEST_NFDUMP_FLOW ("2026-11-27 00:00:01.500", "2026-11-27 00:00:02.000", "10.0.0.20", "10.0.0.21", "40000", "5000", "TCP")
                       /* known (by hand): the reply alone is oriented by its source */
                                    LIAISON_TEST_NFDUMP_FLOW ("2026-11-27 00:00:03.000", "2026-11-27 00:00:04.000", "10.0.0.50", "10.0.0.51", "45000", "1000", "TCP")
                       /* ephemeral range: 8443 listens, not 50000 */
                                    LIAISON_TEST_NFDUMP_FLOW ("2026-11-27 00:00:05.000", "2026-11-27 00:00:06.000", "10.0.0.31", "10.0.0.30", "8443", "50000", "TCP")
                       /* neither ephemeral: the lower port listens */
                                    LIAISON_TEST_NFDUMP_FLOW ("2026-11-27 00:00:07.000", "2026-11-27 00:00:08.000", "10.0.0.42", "10.0.0.43", "1500", "2000", "UDP")
                       /* both ephemeral: the lower port listens */
                                    LIAISON_TEST_NFDUMP_FLOW ("2026-11-27 00:00:09.000", "2026-11-27 00:00:10.000", "10.0.0.44", "10.0.0.45", "50000", "40000", "TCP")
                       /* one connection as two one-way flows, twice (a split): 2 events */
                                    LIAISON_TEST_NFDUMP_FLOW ("2026-11-27 00:00:11.000", "2026-11-27 00:00:12.000", "10.0.0.60", "10.0.0.61", "33000", "22", "TCP")
                                    LIAISON_TEST_NFDUMP_FLOW ("2026-11-27 00:00:11.000", "2026-11-27 00:00:12.000", "10.0.0.61", "10.0.0.60", "22", "33000", "TCP")
                                    LIAISON_TEST_NFDUMP_FLOW ("2026-11-27 00:00:13.000", "2026-11-27 00:00:14.000", "10.0.0.60", "10.0.0.61", "33000", "22", "TCP")
                                    LIAISON_TEST_NFDUMP_FLOW ("2026-11-27 00:00:13.000", "2026-11-27 00:00:14.000", "10.0.0.61", "10.0.0.60", "22", "33000", "TCP")
                                    LIAISON_TEST_NFDUMP_FLOW ("2026-11-27 00:00:15.000", "2026-11-27 00:00:16.000", "10.0.0.61", "10.0.0.60", "22", "33000", "TCP")
                                    LIAISON_TEST_NFDUMP_SUMMARY);

  records = liaison_test_records (f->store);
  g_assert_cmpuint (records->len, ==, 6);

  r = liaison_test_find_record (records, "10.0.0.20", 40000, "10.0.0.21", NULL);
  g_assert_cmpint (r->nf_total_events, ==, 1);
  g_assert_cmpint (r->nf_total_ports, ==, 1);
  g_assert_cmpint (r->nf_first_found, ==, liaison_test_time ("2026-11-27T00:00:01Z"));
  g_assert_cmpint (r->nf_last_found, ==, liaison_test_time ("2026-11-27T00:00:02Z"));

  r = liaison_test_find_record (records, "10.0.0.50", 45000, "10.0.0.51", NULL);
  g_assert_cmpint (r->nf_total_events, ==, 1);

  r = liaison_test_find_record (records, "10.0.0.31", 8443, "10.0.0.30", NULL);
  g_assert_cmpint (r->nf_total_events, ==, 1);

  r = liaison_test_find_record (records, "10.0.0.42", 1500, "10.0.0.43", NULL);
  g_assert_cmpstr (r->protocol, ==, "udp");

  r = liaison_test_find_record (records, "10.0.0.45", 40000, "10.0.0.44", NULL);
  g_assert_cmpint (r->nf_total_ports, ==, 1);

  /* One 5-tuple, 2 records client -> listener and 3 listener -> client:
   * max(2, 3) = 3 events, one client port. */
  r = liaison_test_find_record (records, "10.0.0.61", 22, "10.0.0.60", NULL);
  g_assert_cmpint (r->nf_total_events, ==, 3);
  g_assert_cmpint (r->nf_total_ports, ==, 1);

  /* Every pair has its service communication, unknown process; the one
   * entered by hand stays one row and keeps its source. */
  g_assert_cmpint (liaison_test_query_int (f->store, "SELECT count(*) FROM communication WHERE source = 'netflow'"
                                                     " AND client_process_name = ''"), ==, 5);
  g_assert_cmpint (liaison_test_query_int (f->store, "SELECT count(*) FROM communication WHERE source = 'manual'"), ==, 1);
  g_assert_cmpint (liaison_test_query_int (f->store, "SELECT count(*) FROM communication"), ==, 6);
}

/* Netflow's own guesses never make a listener known: the same reply is
 * oriented the same way whether or not the request came first. */
static void
test_netflow_guess_not_known (void)
{
  g_autoptr(LiaisonTestFixture) f = liaison_test_fixture_new ();
  g_autoptr(GPtrArray) records = NULL;

  liaison_test_import_netflow_text (f, 300,
                                    LIAISON_TEST_NFDUMP_HEADER
                                    LIAISON_TEST_NFDUMP_FLOW ("2026-11-27 00:00:01.000", "2026-11-27 00:00:02.000", "10.0.0.1", "10.0.0.2", "40000", "41000", "TCP")
                                    LIAISON_TEST_NFDUMP_SUMMARY);
  liaison_test_import_netflow_text (f, 300,
                                    LIAISON_TEST_NFDUMP_HEADER
                                    LIAISON_TEST_NFDUMP_FLOW ("2026-11-27 00:05:01.000", "2026-11-27 00:05:02.000", "10.0.0.2", "10.0.0.1", "2000", "40000", "TCP")
                                    LIAISON_TEST_NFDUMP_SUMMARY);
  records = liaison_test_records (f->store);
  g_assert_cmpuint (records->len, ==, 2);
  liaison_test_find_record (records, "10.0.0.1", 40000, "10.0.0.2", NULL);
  liaison_test_find_record (records, "10.0.0.2", 2000, "10.0.0.1", NULL);
}

/*
 * The real NetFlow captures of tests/data/netflow, imported end to end:
 * the figures tests/data/README.md works out by hand for an interval of
 * 60 s, from the nfcapd files themselves (read through nfdump), from the
 * same flows in nfdump's newer CSV (milliseconds) and from nfdump 1.7.1's
 * own CSV output (whole seconds).
 */
typedef struct
{
  const char *client;
  const char *listener;          /* ip:port/protocol */
  gint64      active_samples;
  gint64      total_events;
  gint64      total_ports;
  const char *first;
  const char *last;
  const char *gaps;              /* "from/to from/to", or "" */
  const char *gap_span;
  const char *active_span;
  const char *pending_span;
  const char *silent_span;       /* statistics.md 4.4: past one interval the tail is silent, not pending */
} Expected;

/* README: "all three samples imported, I = 60", from the ms values. */
static const Expected with_milliseconds[] = {
  { "127.0.0.1", "127.0.0.1:5514/udp", 2, 2, 2, "2026-11-27T05:08:07.800Z", "2026-11-27T05:11:20.799Z",
    "2026-11-27T05:08:08Z/2026-11-27T05:11:20.598Z",
    "192.598", "0.401", "39.201", "0" },
  { "127.0.0.1", "127.0.0.1:8080/tcp", 3, 6, 6, "2026-11-27T05:08:05.768Z", "2026-11-27T05:11:20.097Z",
    "2026-11-27T05:08:06.787Z/2026-11-27T05:09:15.488Z 2026-11-27T05:09:16.497Z/2026-11-27T05:11:20.096Z",
    "192.3", "2.029", "39.903", "0" },
  { "127.0.0.3", "127.0.0.1:8080/tcp", 1, 1, 1, "2026-11-27T05:08:07.294Z", "2026-11-27T05:08:07.295Z",
    "", "0", "0.001", "0", "232.705" },
  { "::1", "::1:9090/tcp", 3, 6, 6, "2026-11-27T05:08:07.797Z", "2026-11-27T05:11:21Z",
    "2026-11-27T05:08:07.799Z/2026-11-27T05:09:16.999Z 2026-11-27T05:09:17Z/2026-11-27T05:11:20.999Z",
    "193.199", "0.004", "39", "0" },
};

/* README: the same pairs from the legacy CSVs, whole seconds as printed. */
static const Expected with_seconds[] = {
  { "127.0.0.1", "127.0.0.1:5514/udp", 2, 2, 2, "2026-11-27T05:08:07Z", "2026-11-27T05:11:20Z",
    "2026-11-27T05:08:08Z/2026-11-27T05:11:20Z",
    "192", "1", "40", "0" },
  { "127.0.0.1", "127.0.0.1:8080/tcp", 3, 6, 6, "2026-11-27T05:08:05Z", "2026-11-27T05:11:20Z",
    "2026-11-27T05:08:06Z/2026-11-27T05:09:15Z 2026-11-27T05:09:16Z/2026-11-27T05:11:20Z",
    "193", "2", "40", "0" },
  { "127.0.0.3", "127.0.0.1:8080/tcp", 1, 1, 1, "2026-11-27T05:08:07Z", "2026-11-27T05:08:07Z",
    "", "0", "0", "0", "233" },
  { "::1", "::1:9090/tcp", 3, 6, 6, "2026-11-27T05:08:07Z", "2026-11-27T05:11:21Z",
    "2026-11-27T05:08:07Z/2026-11-27T05:09:16Z 2026-11-27T05:09:17Z/2026-11-27T05:11:20Z",
    "192", "2", "39", "0" },
};

/* One line per record, in export order (listener address, port, protocol,
 * client), in the terms of the tables above. */
static gboolean
describe_record (const LiaisonStatRecord  *r,
                 gpointer                  user_data,
                 GError                  **error)
{
  GString *out = user_data;
  char first[LIAISON_TIME_STRLEN], last[LIAISON_TIME_STRLEN];
  char gap[LIAISON_TIME_STRLEN], active[LIAISON_TIME_STRLEN], pending[LIAISON_TIME_STRLEN];
  char silent[LIAISON_TIME_STRLEN];

  g_assert_true (r->has_netflow);
  g_assert_false (r->has_netstat);
  g_assert_cmpuint (r->nf_interval, ==, 60);

  liaison_time_to_string (r->nf_first_found, first);
  liaison_time_to_string (r->nf_last_found, last);
  liaison_duration_to_string (r->nf_gap_ms, gap);
  liaison_duration_to_string (r->nf_active_ms, active);
  liaison_duration_to_string (r->nf_pending_ms, pending);
  liaison_duration_to_string (r->nf_silent_ms, silent);

  g_string_append_printf (out, "%s %s:%u/%s %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %s %s [",
                          r->client_ip, r->listener_ip, r->port, r->protocol,
                          r->nf_active_samples, r->nf_total_events, r->nf_total_ports, first, last);
  for (guint i = 0; i < r->nf_gaps->len; i++)
    {
      const LiaisonGap *g = &g_array_index (r->nf_gaps, LiaisonGap, i);
      char from[LIAISON_TIME_STRLEN], to[LIAISON_TIME_STRLEN];

      liaison_time_to_string (g->from, from);
      liaison_time_to_string (g->to, to);
      g_string_append_printf (out, "%s%s/%s", i ? " " : "", from, to);
    }
  g_string_append_printf (out, "] %s %s %s %s\n", gap, active, pending, silent);
  return TRUE;
}

static char *
expected_text (const Expected *expected,
               gsize           n)
{
  GString *out = g_string_new (NULL);

  for (gsize i = 0; i < n; i++)
    g_string_append_printf (out, "%s %s %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %s %s [%s] %s %s %s %s\n",
                            expected[i].client, expected[i].listener, expected[i].active_samples,
                            expected[i].total_events, expected[i].total_ports, expected[i].first, expected[i].last,
                            expected[i].gaps, expected[i].gap_span, expected[i].active_span, expected[i].pending_span,
                            expected[i].silent_span);
  return g_string_free (out, FALSE);
}

/* Imports the three files named by @pattern (with %d for 1..3) in @order
 * and returns the records described. */
static char *
import_and_describe (const char *pattern,
                     const int   order[3])
{
  g_autoptr(LiaisonTestFixture) f = liaison_test_fixture_new ();
  g_autoptr(GError) error = NULL;
  LiaisonImportSummary summary = { 0 };
  GString *out = g_string_new (NULL);
  char *paths[4] = { NULL };

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *name = g_strdup_printf (pattern, order[i]);
      paths[i] = liaison_test_data_path ("netflow", name);
    }

  g_assert_true (liaison_test_import_netflow (f, 60, (const char * const *) paths, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.files, ==, 3);
  g_assert_cmpuint (summary.new_statistics, ==, 4);

  g_assert_true (liaison_statistics_foreach_record (f->store, NULL, describe_record, out, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < 3; i++)
    g_free (paths[i]);
  return g_string_free (out, FALSE);
}

static const int orders[][3] = {
  { 1, 2, 3 }, { 3, 2, 1 }, { 2, 3, 1 },
};

static void
check (const char     *pattern,
       const Expected *expected,
       gsize           n)
{
  g_autofree char *want = expected_text (expected, n);

  /* Whatever order the files come in (statistics.md 4.4). */
  for (guint i = 0; i < G_N_ELEMENTS (orders); i++)
    {
      g_autofree char *got = import_and_describe (pattern, orders[i]);
      g_assert_cmpstr (got, ==, want);
    }
}

static void
test_nfcapd_files (void)
{
  g_autofree char *nfdump = g_find_program_in_path (NFDUMP_PROGRAM);

  if (nfdump == NULL)
    {
      g_test_skip ("reading nfcapd files needs the nfdump program, which is not installed");
      return;
    }
  check ("nfcapd.sample%d", with_milliseconds, G_N_ELEMENTS (with_milliseconds));
}

static void
test_newer_nfdump_csv (void)
{
  check ("nfcapd.sample%d.nfdump-1.7.5-format.hand.csv", with_milliseconds, G_N_ELEMENTS (with_milliseconds));
}

static void
test_legacy_nfdump_csv (void)
{
  check ("nfcapd.sample%d.csv", with_seconds, G_N_ELEMENTS (with_seconds));
}

/* Sample windows (statistics.md 4) ------------------------------------------- */

/* Three files of I = 60 s: A spans the windows 00:01 to 00:04 (a Zeek log
 * or a flow-log object), B (a second exporter) fills 00:02 again, C (a third,
 * an AWS flow log) 00:03 and 00:04. */
static const char window_file_a[] =
  LIAISON_TEST_CSV_HEADER
  "2026-11-27T00:01:15Z,,10.0.0.9,52001,10.0.0.5,443,tcp\n"
  "2026-11-27T00:02:10Z,2026-11-27T00:02:12Z,10.0.0.9,52003,10.0.0.5,443,tcp\n"
  "2026-11-27T00:03:50Z,,10.0.0.9,52005,10.0.0.5,443,tcp\n"
  "2026-11-27T00:02:30Z,,10.0.0.7,41000,10.0.0.5,443,tcp\n";
static const char window_file_b[] =
  LIAISON_TEST_NFDUMP_HEADER
  LIAISON_TEST_NFDUMP_FLOW ("2026-11-27 00:02:40.000", "2026-11-27 00:02:41.000", "10.0.0.9", "10.0.0.5", "52010", "443", "TCP")
  LIAISON_TEST_NFDUMP_FLOW ("2026-11-27 00:02:40.000", "2026-11-27 00:02:41.000", "10.0.0.5", "10.0.0.9", "443", "52010", "TCP")
  LIAISON_TEST_NFDUMP_FLOW ("2026-11-27 00:02:35.000", "2026-11-27 00:02:35.000", "10.0.0.7", "10.0.0.5", "41001", "443", "TCP")
  LIAISON_TEST_NFDUMP_SUMMARY;
static const char window_file_c[] =
  "2 123456789010 eni-1 10.0.0.9 10.0.0.5 52006 443 6 1 40 1795737835 1795737836 ACCEPT OK\n"
  "2 123456789010 eni-1 10.0.0.9 10.0.0.5 52007 443 6 1 40 1795737860 1795737861 ACCEPT OK\n"
  "2 123456789010 eni-1 10.0.0.8 10.0.0.5 43000 443 6 1 40 1795737870 1795737871 ACCEPT OK\n";

static char *
import_windows (const guint order[3],
                gboolean    batch)
{
  static const char * const names[] = { "a.csv", "b.csv", "c.log" };
  const char * const texts[] = { window_file_a, window_file_b, window_file_c };
  g_autoptr(LiaisonTestFixture) f = liaison_test_fixture_new ();
  char *paths[4] = { NULL };
  g_autoptr(GError) error = NULL;
  char *text;

  for (guint i = 0; i < 3; i++)
    paths[i] = liaison_test_write_file (f, names[order[i]], texts[order[i]]);
  if (batch)
    {
      g_assert_true (liaison_test_import_netflow (f, 60, (const char * const *) paths, NULL, &error));
      g_assert_no_error (error);
    }
  else
    for (guint i = 0; i < 3; i++)
      liaison_test_import_netflow_file (f, 60, paths[i]);

  text = liaison_test_netflow_figures (f->store);
  for (guint i = 0; i < 3; i++)
    g_free (paths[i]);
  return text;
}

/* A window counts once, whatever files bring it and in whatever order they
 * come, one at a time or in one import. */
static void
test_windows_any_order (void)
{
  g_autofree char *first = import_windows (permutations[0], FALSE);
  g_autoptr(LiaisonTestFixture) f = liaison_test_fixture_new ();
  g_autoptr(GPtrArray) records = NULL;
  g_autofree char *path = liaison_test_write_file (f, "a.csv", window_file_a);
  const LiaisonStatRecord *r;

  for (guint p = 0; p < G_N_ELEMENTS (permutations); p++)
    for (guint batch = 0; batch < 2; batch++)
      {
        g_autofree char *other = import_windows (permutations[p], batch);

        g_test_message ("order %u, %s", p, batch ? "one import" : "one import each");
        g_assert_cmpstr (other, ==, first);
      }

  /* By hand: 10.0.0.9 in 00:01 (A), 00:02 (A, B), 00:03 (A, C), 00:04 (C):
   * 4 windows; events and client ports of each file added, A 3, B 1 (two
   * one-way flows of port 52010), C 2; 00:02:41 to 00:03:50 is a gap (69 s
   * > 60), the rest of 00:01:15 to 00:04:21 is active (117 s); the newest
   * window ends at 00:05, 39 s after. */
  g_assert_nonnull (strstr (first,
                            "10.0.0.9 10.0.0.5:443/tcp samples 4 events 6 ports 6 "
                            "2026-11-27T00:01:15Z..2026-11-27T00:04:21Z gaps "
                            "2026-11-27T00:02:41Z/2026-11-27T00:03:50Z gap 69000 active 117000 pending 39000\n"));
  /* 10.0.0.7 in 00:02 from A and B: one window, two events on two ports */
  g_assert_nonnull (strstr (first, "10.0.0.7 10.0.0.5:443/tcp samples 1 events 2 ports 2 "
                                   "2026-11-27T00:02:30Z..2026-11-27T00:02:35Z gaps gap 0 active 5000"));
  g_assert_nonnull (strstr (first, "10.0.0.8 10.0.0.5:443/tcp samples 1 events 1 ports 1 "
                                   "2026-11-27T00:04:30Z..2026-11-27T00:04:31Z gaps gap 0 active 1000"));

  /* A alone: one file, three windows, one sample row from its first to its last */
  liaison_test_import_netflow_file (f, 60, path);
  records = liaison_test_records (f->store);
  r = liaison_test_find_record (records, "10.0.0.5", 443, "10.0.0.9", NULL);
  g_assert_cmpint (r->nf_active_samples, ==, 3);
  g_assert_cmpint (liaison_test_query_int (f->store, "SELECT window_start FROM sample"), ==,
                   liaison_test_time ("2026-11-27T00:01:00Z"));
  g_assert_cmpint (liaison_test_query_int (f->store, "SELECT window_end FROM sample"), ==,
                   liaison_test_time ("2026-11-27T00:04:00Z"));
  /* its runs of windows: 00:01-00:04 for 10.0.0.9, 00:02-00:03 for 10.0.0.7, in the records */
  g_assert_cmpint (liaison_test_query_int (f->store, "SELECT nf_run_from FROM stat_record WHERE client_ip = '10.0.0.9'"),
                   ==, liaison_test_time ("2026-11-27T00:01:00Z"));
  g_assert_cmpint (liaison_test_query_int (f->store, "SELECT nf_run_to FROM stat_record WHERE client_ip = '10.0.0.9'"),
                   ==, liaison_test_time ("2026-11-27T00:04:00Z"));
  g_assert_cmpint (liaison_test_query_int (f->store, "SELECT count(*) FROM nf_window_run"), ==, 0);
}

/* Windows with holes between them, brought by three files in any order:
 * 00:01, 00:05, 00:09 (D); 00:05 again and 00:07 (E); 00:03, 00:09 again
 * and 00:11 (F): six windows, kept as six runs. */
static void
test_windows_with_holes (void)
{
  static const char * const texts[] = {
    LIAISON_TEST_CSV_HEADER
    "2026-11-27T00:01:10Z,,10.0.0.9,52001,10.0.0.5,443,tcp\n"
    "2026-11-27T00:05:10Z,,10.0.0.9,52002,10.0.0.5,443,tcp\n"
    "2026-11-27T00:09:10Z,,10.0.0.9,52003,10.0.0.5,443,tcp\n",
    LIAISON_TEST_CSV_HEADER
    "2026-11-27T00:05:20Z,,10.0.0.9,52004,10.0.0.5,443,tcp\n"
    "2026-11-27T00:07:10Z,,10.0.0.9,52005,10.0.0.5,443,tcp\n",
    LIAISON_TEST_CSV_HEADER
    "2026-11-27T00:03:10Z,,10.0.0.9,52006,10.0.0.5,443,tcp\n"
    "2026-11-27T00:09:20Z,,10.0.0.9,52007,10.0.0.5,443,tcp\n"
    "2026-11-27T00:11:10Z,,10.0.0.9,52008,10.0.0.5,443,tcp\n",
  };
  g_autofree char *first = NULL;
  g_autofree char *first_runs = NULL;

  for (guint p = 0; p < G_N_ELEMENTS (permutations); p++)
    {
      g_autoptr(LiaisonTestFixture) f = liaison_test_fixture_new ();
      g_autofree char *text = NULL;
      g_autofree char *runs = NULL;

      for (guint i = 0; i < 3; i++)
        {
          g_autofree char *name = g_strdup_printf ("%u.csv", permutations[p][i]);
          g_autofree char *path = liaison_test_write_file (f, name, texts[permutations[p][i]]);

          liaison_test_import_netflow_file (f, 60, path);
        }
      text = liaison_test_netflow_figures (f->store);
      runs = liaison_test_query_text (f->store,
                                      "SELECT (SELECT group_concat(run_from || '-' || run_to, ',') FROM"
                                      " (SELECT * FROM nf_window_run ORDER BY run_to)) || ' newest '"
                                      " || nf_run_from || '-' || nf_run_to FROM stat_record");
      if (first == NULL)
        {
          first = g_steal_pointer (&text);
          first_runs = g_steal_pointer (&runs);
          continue;
        }
      g_assert_cmpstr (text, ==, first);
      g_assert_cmpstr (runs, ==, first_runs);
    }

  g_assert_nonnull (strstr (first, "10.0.0.9 10.0.0.5:443/tcp samples 6 events 8 ports 8 "));
  g_assert_cmpstr (first_runs, ==,
                   "1795737660000-1795737720000,1795737780000-1795737840000,1795737900000-1795737960000,"
                   "1795738020000-1795738080000,1795738140000-1795738200000 newest 1795738260000-1795738320000");
}

/* Equal ports (NTP 123 <-> 123, NetBIOS 138 <-> 138): the lower address
 * listens, so both directions are one pair (statistics.md 4.2). */
static void
test_equal_ports (void)
{
  g_autoptr(LiaisonTestFixture) f = liaison_test_fixture_new ();
  g_autofree char *path = liaison_test_data_path ("netflow", "nfcapd.odd.csv");
  g_autoptr(GPtrArray) records = NULL;
  const LiaisonStatRecord *r;

  liaison_test_import_netflow_file (f, 300, path);
  records = liaison_test_records (f->store);
  g_assert_cmpuint (records->len, ==, 3);
  r = liaison_test_find_record (records, "10.1.1.40", 123, "10.1.1.50", NULL);
  g_assert_cmpstr (r->protocol, ==, "udp");
  g_assert_cmpint (r->nf_total_events, ==, 1);
  g_assert_cmpint (r->nf_total_ports, ==, 1);
  g_assert_cmpint (liaison_test_query_int (f->store, "SELECT count(*) FROM communication WHERE port = 123"), ==, 1);
}

/* AWS flow logs: tcp-flags say who listens, and both directions of a
 * conversation fold onto one pair (AWS's TCP flag example, by hand: windows
 * 19:47, 19:48 and the next day's 19:12; events and ports 2 + 1 + 1; one gap
 * of 84,020 s between 2019-08-26T19:51:53 and 2019-08-27T19:12:13). */
static void
test_vpc_pairs (void)
{
  g_autoptr(LiaisonTestFixture) f = liaison_test_fixture_new ();
  g_autofree char *path = liaison_test_data_path ("netflow", "vpc-tcp-flags.log");
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GPtrArray) constructed = NULL;
  const LiaisonStatRecord *r;

  liaison_test_import_netflow_file (f, 60, path);
  records = liaison_test_records (f->store);
  g_assert_cmpuint (records->len, ==, 1);
  r = liaison_test_find_record (records, "10.0.0.62", 5001, "52.213.180.42", NULL);
  g_assert_cmpint (r->nf_active_samples, ==, 3);
  g_assert_cmpint (r->nf_total_events, ==, 4);
  g_assert_cmpint (r->nf_total_ports, ==, 4);
  g_assert_cmpint (r->nf_first_found, ==, liaison_test_time ("2019-08-26T19:47:55Z"));
  g_assert_cmpint (r->nf_last_found, ==, liaison_test_time ("2019-08-27T19:13:13Z"));
  g_assert_cmpint (r->nf_gap_ms, ==, 84020000);
  g_assert_cmpint (r->nf_active_ms, ==, 298000);

  /* A service on an ephemeral port (50000), its client on 1024: the ports
   * alone would make 1024 the listener; the flags say otherwise. */
  liaison_test_import_netflow_text (f, 60,
                                    "version srcaddr dstaddr srcport dstport protocol start end action tcp-flags log-status\n"
                                    "3 10.0.0.1 10.0.0.2 1024 50000 6 1795737601 1795737602 ACCEPT 2 OK\n"
                                    "3 10.0.0.2 10.0.0.1 50000 1024 6 1795737601 1795737602 ACCEPT 18 OK\n");
  constructed = liaison_test_records (f->store);
  g_assert_cmpuint (constructed->len, ==, 2);
  r = liaison_test_find_record (constructed, "10.0.0.2", 50000, "10.0.0.1", NULL);
  g_assert_cmpint (r->nf_total_events, ==, 1);
  g_assert_cmpint (r->nf_total_ports, ==, 1);
}

/* Zeek's documented records (JSON), I = 300, by hand: five pairs; the two
 * connections to 185.24.233.103:443 in one window, one event each; Zeek
 * says who opened each, so 40.84.25.61 listens on 65444. */
static void
test_zeek_figures (void)
{
  g_autoptr(LiaisonTestFixture) f = liaison_test_fixture_new ();
  g_autofree char *path = liaison_test_data_path ("netflow", "zeek-conn.docs.json.log");
  g_autoptr(GPtrArray) records = NULL;
  const LiaisonStatRecord *r;

  liaison_test_import_netflow_file (f, 300, path);
  records = liaison_test_records (f->store);
  g_assert_cmpuint (records->len, ==, 5);

  r = liaison_test_find_record (records, "185.24.233.103", 443, "192.168.4.142", NULL);
  g_assert_cmpint (r->nf_active_samples, ==, 1);
  g_assert_cmpint (r->nf_total_events, ==, 2);
  g_assert_cmpint (r->nf_total_ports, ==, 2);
  g_assert_cmpint (r->nf_first_found, ==, liaison_test_time ("2020-08-28T16:20:59.332Z"));
  g_assert_cmpint (r->nf_last_found, ==, liaison_test_time ("2020-08-28T16:21:05.355Z"));
  g_assert_cmpint (r->nf_active_ms, ==, 6023);
  g_assert_cmpint (r->nf_gap_ms, ==, 0);

  r = liaison_test_find_record (records, "40.84.25.61", 65444, "192.168.4.31", NULL);
  g_assert_cmpstr (r->protocol, ==, "udp");
  g_assert_cmpint (r->nf_first_found, ==, liaison_test_time ("2020-12-15T00:55:58.291Z"));
  g_assert_cmpint (r->nf_last_found, ==, liaison_test_time ("2020-12-15T00:55:58.291Z"));

  r = liaison_test_find_record (records, "192.168.4.1", 53, "192.168.4.76", NULL);
  g_assert_cmpint (r->nf_last_found, ==, liaison_test_time ("2020-06-05T14:39:59.373Z"));

  /* one file, windows from 2020-06-05 14:35 to the end of 2020-12-15 00:55 */
  g_assert_cmpint (liaison_test_query_int (f->store, "SELECT window_start FROM sample"), ==,
                   liaison_test_time ("2020-06-05T14:35:00Z"));
  g_assert_cmpint (liaison_test_query_int (f->store, "SELECT window_end FROM sample"), ==,
                   liaison_test_time ("2020-12-15T01:00:00Z"));
  g_assert_cmpint (liaison_test_query_int (f->store, "SELECT count(*) FROM communication WHERE source = 'netflow'"),
                   ==, 5);
}

/* The schema version before the sample windows' migration (the last in
 * src/core/liaison-store-schema.c). */
#define VERSION_BEFORE_WINDOWS 3

/* A database of the version before sample windows opens with its figures
 * as they were, and takes new files. */
static void
test_migration (void)
{
  g_autoptr(LiaisonTestFixture) f = liaison_test_fixture_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  char *paths[3] = { NULL };

  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *name = g_strdup_printf ("seed-%u.csv", i + 1);

      paths[i] = liaison_test_write_file (f, name, liaison_test_seed_files[i]);
      liaison_test_import_netflow_file (f, 60, paths[i]);
    }
  before = liaison_test_netflow_figures (f->store);

  /* as the version before left it: no runs of windows (nor what later
   * migrations add: activity runs) */
  g_assert_cmpint (sqlite3_exec (liaison_store_get_db (f->store),
                                 "ALTER TABLE stat_record DROP COLUMN ns_runs;"
                                 "ALTER TABLE classic_stat DROP COLUMN runs;"
                                 "DROP TABLE netstat_moments;"
                                 "DROP TABLE discovered_set;"
                                 "DROP TABLE nf_window_run;"
                                 "ALTER TABLE stat_record DROP COLUMN nf_run_from;"
                                 "ALTER TABLE stat_record DROP COLUMN nf_run_to;"
                                 LIAISON_TEST_SEARCH_INDEX_OF_ROWS
                                 "PRAGMA user_version = " G_STRINGIFY (VERSION_BEFORE_WINDOWS) ";",
                                 NULL, NULL, NULL),
                   ==, SQLITE_OK);
  g_clear_object (&f->store);
  f->store = liaison_store_open (f->db, &error);
  g_assert_no_error (error);

  g_assert_cmpint (liaison_test_query_int (f->store, "PRAGMA user_version"), ==, liaison_schema_version ());
  g_assert_cmpint (liaison_test_query_int (f->store, "SELECT count(*) FROM nf_window_run"), ==, 0);
  after = liaison_test_netflow_figures (f->store);
  g_assert_cmpstr (after, ==, before);

  paths[2] = liaison_test_write_file (f, "seed-3.csv", liaison_test_seed_files[2]);
  liaison_test_import_netflow_file (f, 60, paths[2]);
  liaison_test_assert_seed_figures (f);
  for (guint i = 0; i < 3; i++)
    g_free (paths[i]);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/netflow-statistics/seed/separate-imports", test_seed_separate_imports);
  g_test_add_func ("/netflow-statistics/seed/one-batch", test_seed_one_batch);
  g_test_add_func ("/netflow-statistics/gap-split", test_netflow_gap_split);
  g_test_add_func ("/netflow-statistics/events-ports", test_netflow_events_ports);
  g_test_add_func ("/netflow-statistics/orientation", test_netflow_orientation);
  g_test_add_func ("/netflow-statistics/guess-not-known", test_netflow_guess_not_known);
  g_test_add_func ("/netflow-statistics/captures/nfcapd-files", test_nfcapd_files);
  g_test_add_func ("/netflow-statistics/captures/nfdump-1.7.5-csv", test_newer_nfdump_csv);
  g_test_add_func ("/netflow-statistics/captures/nfdump-1.7.1-csv", test_legacy_nfdump_csv);
  g_test_add_func ("/netflow-statistics/windows/any-order", test_windows_any_order);
  g_test_add_func ("/netflow-statistics/windows/with-holes", test_windows_with_holes);
  g_test_add_func ("/netflow-statistics/equal-ports", test_equal_ports);
  g_test_add_func ("/netflow-statistics/vpc-pairs", test_vpc_pairs);
  g_test_add_func ("/netflow-statistics/zeek-figures", test_zeek_figures);
  liaison_test_add_file_func ("/netflow-statistics/migration", test_migration);

  return g_test_run ();
}
