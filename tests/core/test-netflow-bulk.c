/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "liaison-error.h"
#include "liaison-export.h"
#include "liaison-netflow-parser.h"
#include "liaison-netflow-statistics-private.h"
#include "liaison-import.h"
#include "liaison-store-communications.h"
#include "liaison-store-private.h"
#include "liaison-store-schema-private.h"
#include "liaison-test-fixture.h"

/* The netflow statistics' bulk paths (liaison-netflow-statistics.c): the
 * same figures and ids as one row at a time, and Cancel inside a file. */

/* Bulk paths (liaison-netflow-statistics.c) ------------------------------------ */

/* Two windows of I = 60 s of a network of @pairs pairs from @first on: pair
 * k talks in window @window and, when k is even, two windows later too. */
static char *
many_pairs_csv (guint first,
                guint pairs,
                guint window)
{
  GString *out = g_string_new (LIAISON_TEST_CSV_HEADER);

  for (guint k = first; k < first + pairs; k++)
    for (guint w = window; w <= window + 2; w += 2)
      {
        if (w != window && k % 2 != 0)
          continue;
        g_string_append_printf (out, "2026-11-27T00:%02u:%02uZ,,10.1.%u.%u,%u,10.9.%u.1,%u,%s\n",
                                w, k % 60, k / 250, k % 250, 40000 + k % 1000, k % 7,
                                k % 3 == 0 ? 53 : 443, k % 3 == 0 ? "udp" : "tcp");
      }
  return g_string_free (out, FALSE);
}

/* Every figure, with the ids of the rows and the devices they name. */
static char *
figures_and_ids (LiaisonStore *store)
{
  g_autofree char *text = liaison_test_netflow_figures (store);
  g_autofree char *communications = liaison_test_query_text (store,
    "SELECT group_concat(id || ' ' || client_ip || '>' || listener_ip || ':' || port || ' '"
    " || client_process_name || ' ' || coalesce(client_device, '-') || ' ' || coalesce(listener_device, '-'), ';')"
    " FROM (SELECT * FROM communication ORDER BY id)");
  g_autofree char *records = liaison_test_query_text (store,
    "SELECT group_concat(id || ' ' || client_ip || '>' || listener_ip || ':' || port || ' '"
    " || coalesce(client_device, '-') || ' ' || coalesce(listener_device, '-'), ';')"
    " FROM (SELECT * FROM stat_record ORDER BY id)");

  return g_strdup_printf ("%sids %s\nrecords %s\n", text, communications, records);
}

/* 6,000 pairs, more than one statement or one held batch takes, half of
 * them new in the second import beside rows of a netstat sample: the same
 * rows, ids and figures as writing one row at a time. */
static char *
import_many_pairs (gboolean single_rows,
                   guint   *n_records)
{
  g_autoptr(LiaisonTestFixture) f = liaison_test_fixture_new ();
  g_autofree char *a = many_pairs_csv (0, 4000, 1);
  g_autofree char *b = many_pairs_csv (2000, 4000, 2);

  liaison_store_set_single_rows (f->store, single_rows);
  /* Rows that name a device and a process before any flow. */
  liaison_test_import_netstat_text (f, "db01", "2026-11-26T00:00:00Z",
                                    "State  Recv-Q Send-Q Local Address:Port Peer Address:Port Process\n"
                                    "LISTEN 0      128    0.0.0.0:443        0.0.0.0:*\n"
                                    "ESTAB  0      0      10.9.0.1:443       10.1.16.4:40004 users:((\"nginx\",pid=1,fd=3))\n"
                                    "ESTAB  0      0      10.9.3.1:443       10.1.8.5:40005\n");
  liaison_test_import_netflow_text (f, 60, a);
  liaison_test_import_netflow_text (f, 60, b);
  *n_records = (guint) liaison_test_query_int (f->store, "SELECT count(*) FROM stat_record");
  g_assert_cmpint (liaison_test_query_int (f->store,
                                           "SELECT count(*) FROM stat_record WHERE listener_device = 'db01'"
                                           " AND nf_active_samples > 0"), ==, 2);
  return figures_and_ids (f->store);
}

/* The indexes of the database, as its schema names and makes them. On a
 * server, whose indexes an import leaves alone, none: "server". */
static char *
index_schema (LiaisonStore *store)
{
  if (liaison_test_on_server ())
    return g_strdup ("server");
  return liaison_test_query_text (store,
                                  "SELECT group_concat(name || ': ' || sql, char(10))"
                                  " FROM (SELECT name, sql FROM sqlite_schema"
                                  "       WHERE type = 'index' AND sql IS NOT NULL ORDER BY name)");
}

/* 4,000 new pairs into an empty database, whose rows go in before most of
 * their indexes are made (liaison_store_defer_indexes(), and the service
 * communications' identity, liaison_store_defer_identity()), then a window
 * that updates half of them and adds 2,000: the same indexes as before,
 * and the same rows, ids, figures and search as one row at a time. */
static char *
import_fresh_pairs (gboolean single_rows)
{
  g_autoptr(LiaisonTestFixture) f = liaison_test_fixture_new ();
  g_autofree char *a = many_pairs_csv (0, 4000, 1);
  g_autofree char *b = many_pairs_csv (2000, 4000, 2);
  g_autofree char *indexes = index_schema (f->store);
  g_autofree char *after = NULL;
  g_autofree char *check = NULL;
  g_autofree char *rows = NULL;
  gint64 found;

  g_assert_true (liaison_test_on_server () || strstr (indexes, "communication_by_port: CREATE INDEX") != NULL);
  g_assert_true (liaison_test_on_server () || strstr (indexes, "stat_record_by_host: CREATE INDEX") != NULL);

  liaison_store_set_single_rows (f->store, single_rows);
  liaison_test_import_netflow_text (f, 60, a);
  after = index_schema (f->store);
  g_assert_cmpstr (after, ==, indexes);
  /* SQLite's indexes (a server keeps its own): sound, and they find the
   * rows by port, by host (none for flows), by search. (Per table: SQLite 3.40's
   * check of a whole database wrongly finds NULL in the WITHOUT ROWID
   * tables.) */
  if (!liaison_test_on_server ())
    {
      check = liaison_test_query_text (f->store,
                                       "SELECT group_concat(integrity_check, ' ') FROM (SELECT * FROM pragma_integrity_check('communication')"
                                       " UNION ALL SELECT * FROM pragma_integrity_check('stat_record'))");
      g_assert_cmpstr (check, ==, "ok ok");
      g_assert_cmpint (liaison_test_query_int (f->store,
                                               "SELECT count(*) FROM communication INDEXED BY communication_by_port"
                                               " WHERE port = 53"), ==, 1334);
      g_assert_cmpint (liaison_test_query_int (f->store,
                                               "SELECT count(*) FROM stat_record INDEXED BY stat_record_by_host"
                                               " WHERE ns_host >= ''"), ==, 0);
      /* the identity too, which the rows went in without */
      g_assert_cmpint (liaison_test_query_int (f->store,
                                               "SELECT count(*) FROM communication INDEXED BY communication_identity"
                                               " WHERE client_key >= x''"), ==, 4000);
      found = liaison_test_query_int (f->store,
                                      "SELECT count(*) FROM communication WHERE client_key IN (SELECT key FROM search_value"
                                      " WHERE id IN (SELECT rowid FROM search_value_index"
                                      " WHERE search_value_index MATCH '\"10.1.15.\"'))");
      g_assert_cmpint (found, ==, 250);
    }

  /* Every row's last detection moves: that index is made again after
   * the window (liaison_store_defer_index_for_updates()), and is whole. */
  liaison_test_import_netflow_text (f, 60, b);
  g_clear_pointer (&after, g_free);
  after = index_schema (f->store);
  g_assert_cmpstr (after, ==, indexes);
  if (!liaison_test_on_server ())
    {
      g_clear_pointer (&check, g_free);
      check = liaison_test_query_text (f->store, "SELECT group_concat(integrity_check, ' ')"
                                                 " FROM pragma_integrity_check('communication')");
      g_assert_cmpstr (check, ==, "ok");
      g_assert_cmpint (liaison_test_query_int (f->store,
                                               "SELECT count(*) FROM communication INDEXED BY communication_by_last_detected"
                                               " WHERE last_detected >= 0"), ==, 6000);
    }
  rows = figures_and_ids (f->store);
  return g_strdup_printf ("%slast detected %" G_GINT64_FORMAT "\n", rows,
                          liaison_test_query_int (f->store,
                                                  "SELECT count(*) FROM communication WHERE last_detected >= 0"));
}

static void
test_fresh_pairs_as_single_rows (void)
{
  g_autofree char *batched = import_fresh_pairs (FALSE);
  g_autofree char *single = import_fresh_pairs (TRUE);

  g_assert_cmpstr (batched, ==, single);
}

/* The last detection's index is dropped for an import that moves a third
 * of the rows' or more, in a file; and made again as it was. */
static void
test_defer_index_for_updates (void)
{
  g_autoptr(LiaisonTestFixture) f = liaison_test_fixture_new ();
  g_autofree char *a = many_pairs_csv (0, 3000, 1);
  g_autofree char *indexes = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GPtrArray) deferred = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  const char *name = "communication_by_last_detected";

  liaison_test_import_netflow_text (f, 60, a);
  indexes = index_schema (f->store);
  g_assert_true (liaison_store_begin (f->store, &error));
  g_assert_no_error (error);

  /* 999 of 3,000 rows: kept */
  g_assert_true (liaison_store_defer_index_for_updates (f->store, "communication", name, 999, deferred, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (deferred->len, ==, 0);

  /* 1,000: dropped on a file, kept on a server */
  g_assert_true (liaison_store_defer_index_for_updates (f->store, "communication", name, 1000, deferred, &error));
  g_assert_no_error (error);
  if (liaison_test_on_server ())
    g_assert_cmpuint (deferred->len, ==, 0);
  else
    {
      g_assert_cmpuint (deferred->len, ==, 1);
      g_assert_cmpstr (g_ptr_array_index (deferred, 0), ==,
                       "CREATE INDEX communication_by_last_detected ON communication (last_detected)");
      g_assert_cmpint (liaison_test_query_int (f->store,
                                               "SELECT count(*) FROM sqlite_schema WHERE type = 'index'"
                                               " AND name = 'communication_by_last_detected'"), ==, 0);
      g_assert_cmpint (liaison_test_query_int (f->store,
                                               "SELECT count(*) FROM sqlite_schema WHERE type = 'index'"
                                               " AND tbl_name = 'communication'"), ==, 13);
    }

  g_assert_true (liaison_store_restore_indexes (f->store, deferred, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (deferred->len, ==, 0);
  g_assert_true (liaison_store_commit (f->store, &error));
  g_assert_no_error (error);
  after = index_schema (f->store);
  g_assert_cmpstr (after, ==, indexes);
}

/* An import into an empty database stopped after the indexes were dropped
 * leaves the database as it was, indexes and all. */
static void
test_fresh_pairs_cancelled (void)
{
  g_autoptr(LiaisonTestFixture) f = liaison_test_fixture_new ();
  g_autofree char *a = many_pairs_csv (0, 4000, 1);
  g_autofree char *path = liaison_test_write_file (f, "a.csv", a);
  g_autofree char *indexes = index_schema (f->store);
  g_autofree char *after = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(LiaisonFlowFile) file = NULL;
  g_autoptr(GError) error = NULL;

  file = liaison_netflow_read_file (path, NULL, &error);
  g_assert_no_error (error);
  g_cancellable_cancel (cancellable);
  g_assert_false (liaison_statistics_apply_netflow (f->store, 60, file, cancellable, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  after = index_schema (f->store);
  g_assert_cmpstr (after, ==, indexes);
  g_assert_cmpint (liaison_test_query_int (f->store, "SELECT count(*) FROM communication"), ==, 0);
  g_assert_cmpint (liaison_test_query_int (f->store, "SELECT count(*) FROM stat_record"), ==, 0);
}

static void
test_many_pairs_as_single_rows (void)
{
  guint batched_records = 0, single_records = 0;
  g_autofree char *batched = import_many_pairs (FALSE, &batched_records);
  g_autofree char *single = import_many_pairs (TRUE, &single_records);

  g_assert_cmpuint (batched_records, ==, 6000);
  g_assert_cmpuint (single_records, ==, 6000);
  g_assert_cmpstr (batched, ==, single);
}

static gpointer
cancel_later (gpointer data)
{
  g_usleep (300 * 1000);
  g_cancellable_cancel (data);
  return NULL;
}

/* Cancel while nfdump still writes a file's rows: the import stops within
 * a second and writes nothing. */
static void
test_cancel_inside_file (void)
{
  g_autoptr(LiaisonTestFixture) f = NULL;
  g_autoptr(GString) rows = g_string_new (NULL);
  g_autoptr(GCancellable) cancellable = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *cat = g_find_program_in_path ("cat");
  g_autofree char *sleep = g_find_program_in_path ("sleep");
  g_autofree char *script = NULL;
  g_autofree char *path = NULL;
  LiaisonImportOptions options = { 0 };
  const char *paths[2] = { NULL, NULL };
  GThread *thread;
  gint64 start;
  gboolean ok;

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
      g_test_trap_assert_passed ();
      return;
    }

  f = liaison_test_fixture_new ();
  for (guint i = 0; i < 1000; i++)
    g_string_append_printf (rows, "1795737601.000,2026-11-27 00:00:02.000,  10.0.0.%u,  10.1.0.1, %u,   443,TCP  \n",
                            i % 250 + 1, 40000 + i);
  /* An nfdump that writes some rows and then takes its time. */
  script = g_strdup_printf ("'%s' '%%1$s'\nexec '%s' 60\n", cat, sleep);
  path = liaison_test_fake_nfdump (f, rows->str, script);

  options.kind = LIAISON_SAMPLE_NETFLOW;
  options.interval = 60;
  options.time = LIAISON_TIME_NONE;
  options.start = LIAISON_TIME_NONE;
  paths[0] = path;
  cancellable = g_cancellable_new ();
  thread = g_thread_new ("cancel", cancel_later, cancellable);
  start = g_get_monotonic_time ();
  ok = liaison_import_files (f->store, &options, paths, cancellable, NULL, NULL, NULL, &error);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 1300 * 1000);
  g_thread_join (thread);

  g_assert_false (ok);
  g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_CANCELLED);
  g_assert_cmpint (liaison_test_query_int (f->store, "SELECT count(*) FROM communication"), ==, 0);
  g_assert_cmpint (liaison_test_query_int (f->store, "SELECT count(*) FROM stat_record"), ==, 0);
  g_assert_cmpint (liaison_test_query_int (f->store, "SELECT count(*) FROM sample"), ==, 0);
}

/* Into an inventory that has records (the next windows) ------------------------- */

/* The statistics document, exported at a fixed time. */
static char *
export_text (LiaisonStore *store)
{
  g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;

  g_assert_true (liaison_export_statistics (store, NULL, liaison_test_time ("2026-12-01T00:00:00Z"),
                                            memory, NULL, &error));
  g_assert_no_error (error);
  return liaison_test_memory_text (memory);
}

/* Imports the file @path (interval 60) into @store; FALSE with @error. */
static gboolean
import_path (LiaisonStore  *store,
             const char    *path,
             GCancellable  *cancellable,
             GError       **error)
{
  const char *paths[] = { path, NULL };
  LiaisonImportOptions options = { 0 };

  options.kind = LIAISON_SAMPLE_NETFLOW;
  options.interval = 60;
  options.time = LIAISON_TIME_NONE;
  options.start = LIAISON_TIME_NONE;
  return liaison_import_files (store, &options, paths, cancellable, NULL, NULL, NULL, error);
}

/* Three files of a network into @store: 3,000 pairs in windows 1 and 3;
 * then windows 5 and 7 of 3,000 pairs, 2,000 of which have records; then
 * windows 2 and 4 of 2,000 of the first, late, which split their gaps and
 * runs of windows. The export after each. */
static char *
import_three_windows (LiaisonTestFixture *f,
                      LiaisonStore       *store)
{
  g_autofree char *a = many_pairs_csv (0, 3000, 1);
  g_autofree char *b = many_pairs_csv (1000, 3000, 5);
  g_autofree char *c = many_pairs_csv (0, 2000, 2);
  const char *contents[] = { a, b, c };
  GString *exports = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (contents); i++)
    {
      g_autofree char *name = g_strdup_printf ("window-%u-%p.csv", i, (gpointer) store);
      g_autofree char *path = liaison_test_write_file (f, name, contents[i]);
      g_autofree char *text = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_true (import_path (store, path, NULL, &error));
      g_assert_no_error (error);
      text = export_text (store);
      g_string_append (exports, text);
    }
  return g_string_free (exports, FALSE);
}

/* The next windows of thousands of pairs into an inventory that has their
 * records (on a server: COPY and set-based merges) export byte for byte
 * what a database file exports after the same files, and what one row at
 * a time gives on the same engine. */
static void
test_next_windows_as_file (void)
{
  g_autoptr(LiaisonTestFixture) f = liaison_test_fixture_new ();
  g_autoptr(LiaisonTestFixture) single = liaison_test_fixture_new ();
  g_autofree char *file_path = g_build_filename (f->dir, "reference.db", NULL);
  g_autoptr(LiaisonStore) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *exported = NULL;
  g_autofree char *reference = NULL;
  g_autofree char *one_by_one = NULL;

  file = liaison_store_open (file_path, &error);
  g_assert_no_error (error);
  liaison_store_set_single_rows (single->store, TRUE);

  exported = import_three_windows (f, f->store);
  reference = import_three_windows (f, file);
  one_by_one = import_three_windows (single, single->store);

  /* the late file split gaps and runs of windows */
  g_assert_cmpint (liaison_test_query_int (f->store, "SELECT count(*) FROM nf_window_run"), >, 0);
  g_assert_cmpint (liaison_test_query_int (f->store, "SELECT count(*) FROM gap_segment"), >, 1000);
  g_assert_nonnull (strstr (exported, "\"client_ip\": \"10.1.15.249\""));
  g_assert_cmpstr (exported, ==, reference);
  g_assert_cmpstr (exported, ==, one_by_one);
}

/* An inventory that has 3,000 pairs' records: the window-1 file imported.
 * Returns its export; @next gets the path of the file of windows 5 and 7
 * (3,000 pairs, 2,000 of them with records), not imported. */
static char *
existing_inventory (LiaisonTestFixture  *f,
                    char               **next)
{
  g_autofree char *a = many_pairs_csv (0, 3000, 1);
  g_autofree char *b = many_pairs_csv (1000, 3000, 5);
  g_autofree char *a_path = liaison_test_write_file (f, "a.csv", a);
  g_autoptr(GError) error = NULL;

  g_assert_true (import_path (f->store, a_path, NULL, &error));
  g_assert_no_error (error);
  *next = liaison_test_write_file (f, "b.csv", b);
  return export_text (f->store);
}

static GCancellable *cancel_when;
static const char *cancel_match;

static void
cancel_at_statement (const char *sql,
                     gpointer    data)
{
  if (strstr (sql, cancel_match) != NULL)
    g_cancellable_cancel (cancel_when);
}

/* An import into an inventory that has records, cancelled while its
 * records are written (on a server: when its new records are staged, the
 * last Cancel is heard before the updates are merged), changes nothing:
 * one transaction. */
static void
test_next_window_cancelled (void)
{
  g_autoptr(LiaisonTestFixture) f = liaison_test_fixture_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *b_path = NULL;
  g_autofree char *before = existing_inventory (f, &b_path);
  g_autofree char *before_rows = figures_and_ids (f->store);
  g_autofree char *indexes = index_schema (f->store);
  g_autofree char *after = NULL;
  g_autofree char *after_rows = NULL;
  g_autofree char *after_indexes = NULL;

  cancel_when = cancellable;
  cancel_match = liaison_test_on_server () ? "COPY liaison_stage_record" : "INSERT INTO stat_record";
  liaison_store_set_statement_hook (f->store, cancel_at_statement, NULL);
  g_assert_false (import_path (f->store, b_path, cancellable, &error));
  liaison_store_set_statement_hook (f->store, NULL, NULL);
  g_assert_true (g_cancellable_is_cancelled (cancellable));
  g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_CANCELLED);

  after = export_text (f->store);
  after_rows = figures_and_ids (f->store);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpstr (after_rows, ==, before_rows);
  g_assert_cmpint (liaison_test_query_int (f->store, "SELECT count(*) FROM sample"), ==, 1);
  /* the last detection's index, dropped for the window, is back */
  after_indexes = index_schema (f->store);
  g_assert_cmpstr (after_indexes, ==, indexes);

  /* and the same file imports afterwards */
  g_clear_error (&error);
  g_assert_true (import_path (f->store, b_path, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (liaison_test_query_int (f->store, "SELECT count(*) FROM stat_record"), ==, 4000);
}

/* A bad value in the middle of the next window's file names the file, the
 * line and the value, and changes nothing. */
static void
test_next_window_bad_value (void)
{
  g_autoptr(LiaisonTestFixture) f = liaison_test_fixture_new ();
  g_autofree char *b_path = NULL;
  g_autofree char *before = existing_inventory (f, &b_path);
  g_autofree char *b = NULL;
  g_autoptr(GString) bad = g_string_new (NULL);
  g_autofree char *bad_path = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  const char *middle;

  g_assert_true (g_file_get_contents (b_path, &b, NULL, NULL));
  middle = b;
  /* line 2001: a port that cannot be */
  for (guint i = 0; i < 2000; i++)
    middle = strchr (middle, '\n') + 1;
  g_string_append_len (bad, b, middle - b);
  g_string_append (bad, "2026-11-27T00:05:30Z,,10.1.0.1,40001,10.9.0.1,70000,tcp\n");
  g_string_append (bad, middle);
  bad_path = liaison_test_write_file (f, "bad.csv", bad->str);

  g_assert_false (import_path (f->store, bad_path, NULL, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "bad.csv:2001: "));
  g_assert_nonnull (strstr (error->message, "70000"));

  after = export_text (f->store);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (liaison_test_query_int (f->store, "SELECT count(*) FROM sample"), ==, 1);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/netflow-statistics/bulk/many-pairs", test_many_pairs_as_single_rows);
  g_test_add_func ("/netflow-statistics/bulk/defer-index-for-updates", test_defer_index_for_updates);
  g_test_add_func ("/netflow-statistics/bulk/fresh-pairs", test_fresh_pairs_as_single_rows);
  g_test_add_func ("/netflow-statistics/bulk/fresh-pairs-cancelled", test_fresh_pairs_cancelled);
  g_test_add_func ("/netflow-statistics/cancel-inside-file", test_cancel_inside_file);
  g_test_add_func ("/netflow-statistics/bulk/next-windows-as-file", test_next_windows_as_file);
  g_test_add_func ("/netflow-statistics/bulk/next-window-cancelled", test_next_window_cancelled);
  g_test_add_func ("/netflow-statistics/bulk/next-window-bad-value", test_next_window_bad_value);

  return g_test_run ();
}
