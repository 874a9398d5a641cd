/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The real NetFlow captures of tests/data/netflow, imported end to end:
 * the figures tests/data/README.md works out by hand for an interval of
 * 60 s, from the nfcapd files themselves (read through nfdump), from the
 * same flows in nfdump's newer CSV (milliseconds) and from nfdump 1.7.1's
 * own CSV output (whole seconds).
 */
#include "config.h"

#include <glib/gstdio.h>

#include "liaison-import.h"
#include "liaison-statistics.h"
#include "liaison-store.h"

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

static void
remove_database (const char *dir,
                 const char *path)
{
  const char *suffixes[] = { "", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      g_remove (file);
    }
  g_rmdir (dir);
}

/* Imports the three files named by @pattern (with %d for 1..3) in @order
 * and returns the records described. */
static char *
import_and_describe (const char *pattern,
                     const int   order[3])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("liaison-captures-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "liaison.db", NULL);
  g_autoptr(LiaisonStore) store = NULL;
  LiaisonImportOptions options = { 0 };
  LiaisonImportSummary summary = { 0 };
  GString *out = g_string_new (NULL);
  char *paths[4] = { NULL };

  g_assert_no_error (error);
  store = liaison_store_open (path, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *name = g_strdup_printf (pattern, order[i]);
      paths[i] = g_test_build_filename (G_TEST_DIST, "data", "netflow", name, NULL);
    }

  options.kind = LIAISON_SAMPLE_NETFLOW;
  options.interval = 60;
  options.start = LIAISON_TIME_NONE;
  options.time = LIAISON_TIME_NONE;
  g_assert_true (liaison_import_files (store, &options, (const char * const *) paths, NULL, NULL, NULL, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.files, ==, 3);
  g_assert_cmpuint (summary.new_statistics, ==, 4);

  g_assert_true (liaison_statistics_foreach_record (store, NULL, describe_record, out, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < 3; i++)
    g_free (paths[i]);
  g_clear_object (&store);
  remove_database (dir, path);
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
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/captures/netflow/nfcapd-files", test_nfcapd_files);
  g_test_add_func ("/captures/netflow/nfdump-1.7.5-csv", test_newer_nfdump_csv);
  g_test_add_func ("/captures/netflow/nfdump-1.7.1-csv", test_legacy_nfdump_csv);

  return g_test_run ();
}
