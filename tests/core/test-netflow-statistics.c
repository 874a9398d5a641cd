/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "liaison-store-communications.h"
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
} Expected;

/* README: "all three samples imported, I = 60", from the ms values. */
static const Expected with_milliseconds[] = {
  { "127.0.0.1", "127.0.0.1:5514/udp", 2, 2, 2, "2026-11-27T05:08:07.800Z", "2026-11-27T05:11:20.799Z",
    "2026-11-27T05:08:08Z/2026-11-27T05:11:20.598Z",
    "192.598", "0.401", "39.201" },
  { "127.0.0.1", "127.0.0.1:8080/tcp", 3, 6, 6, "2026-11-27T05:08:05.768Z", "2026-11-27T05:11:20.097Z",
    "2026-11-27T05:08:06.787Z/2026-11-27T05:09:15.488Z 2026-11-27T05:09:16.497Z/2026-11-27T05:11:20.096Z",
    "192.3", "2.029", "39.903" },
  { "127.0.0.3", "127.0.0.1:8080/tcp", 1, 1, 1, "2026-11-27T05:08:07.294Z", "2026-11-27T05:08:07.295Z",
    "", "0", "0.001", "232.705" },
  { "::1", "::1:9090/tcp", 3, 6, 6, "2026-11-27T05:08:07.797Z", "2026-11-27T05:11:21Z",
    "2026-11-27T05:08:07.799Z/2026-11-27T05:09:16.999Z 2026-11-27T05:09:17Z/2026-11-27T05:11:20.999Z",
    "193.199", "0.004", "39" },
};

/* README: the same pairs from the legacy CSVs, whole seconds as printed. */
static const Expected with_seconds[] = {
  { "127.0.0.1", "127.0.0.1:5514/udp", 2, 2, 2, "2026-11-27T05:08:07Z", "2026-11-27T05:11:20Z",
    "2026-11-27T05:08:08Z/2026-11-27T05:11:20Z",
    "192", "1", "40" },
  { "127.0.0.1", "127.0.0.1:8080/tcp", 3, 6, 6, "2026-11-27T05:08:05Z", "2026-11-27T05:11:20Z",
    "2026-11-27T05:08:06Z/2026-11-27T05:09:15Z 2026-11-27T05:09:16Z/2026-11-27T05:11:20Z",
    "193", "2", "40" },
  { "127.0.0.3", "127.0.0.1:8080/tcp", 1, 1, 1, "2026-11-27T05:08:07Z", "2026-11-27T05:08:07Z",
    "", "0", "0", "233" },
  { "::1", "::1:9090/tcp", 3, 6, 6, "2026-11-27T05:08:07Z", "2026-11-27T05:11:21Z",
    "2026-11-27T05:08:07Z/2026-11-27T05:09:16Z 2026-11-27T05:09:17Z/2026-11-27T05:11:20Z",
    "192", "2", "39" },
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

  g_assert_true (r->has_netflow);
  g_assert_false (r->has_netstat);
  g_assert_cmpuint (r->nf_interval, ==, 60);

  liaison_time_to_string (r->nf_first_found, first);
  liaison_time_to_string (r->nf_last_found, last);
  liaison_duration_to_string (r->nf_gap_ms, gap);
  liaison_duration_to_string (r->nf_active_ms, active);
  liaison_duration_to_string (r->nf_pending_ms, pending);

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
  g_string_append_printf (out, "] %s %s %s\n", gap, active, pending);
  return TRUE;
}

static char *
expected_text (const Expected *expected,
               gsize           n)
{
  GString *out = g_string_new (NULL);

  for (gsize i = 0; i < n; i++)
    g_string_append_printf (out, "%s %s %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %s %s [%s] %s %s %s\n",
                            expected[i].client, expected[i].listener, expected[i].active_samples,
                            expected[i].total_events, expected[i].total_ports, expected[i].first, expected[i].last,
                            expected[i].gaps, expected[i].gap_span, expected[i].active_span, expected[i].pending_span);
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

  return g_test_run ();
}
