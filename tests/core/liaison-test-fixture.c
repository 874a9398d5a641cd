/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <sqlite3.h>
#include <string.h>
#include <utime.h>

#include <glib/gstdio.h>

#include "liaison-error.h"
#include "liaison-export.h"
#include "liaison-store-communications.h"
#include "liaison-store-private.h"
#include "liaison-test-fixture.h"

#include <unistd.h>

/* Folders ------------------------------------------------------------------ */

/* Removes @path and all it holds, read-only folders too. */
void
liaison_test_remove_tree (const char *path)
{
  GDir *dir;
  const char *name;

  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_chmod (path, 0700);
      dir = g_dir_open (path, 0, NULL);
      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          liaison_test_remove_tree (child);
        }
      if (dir != NULL)
        g_dir_close (dir);
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

/* A new temporary folder; the database path in it, with no database yet. */
LiaisonTestFixture *
liaison_test_folder_new (void)
{
  g_autoptr(GError) error = NULL;
  LiaisonTestFixture *f = g_new0 (LiaisonTestFixture, 1);

  f->dir = g_dir_make_tmp ("liaison-test-XXXXXX", &error);
  g_assert_no_error (error);
  f->db = g_build_filename (f->dir, "liaison.db", NULL);
  return f;
}

/* Whether the tests run on a PostgreSQL server: LIAISON_TEST_SERVER names
 * a database (a URI) in which each fixture makes a schema of its own. */
gboolean
liaison_test_on_server (void)
{
  return liaison_test_pg_configured ();
}

/* A test of what only a database file has (its journal, its mode, SQLite's
 * own migrations and search index): registered when the tests run on
 * files, and not on a server, which has none of them. */
void
liaison_test_add_file_func (const char *path,
                            GTestFunc   func)
{
  if (!liaison_test_on_server ())
    g_test_add_func (path, func);
}

/* On a server, the fixture's database is a schema of its own. */
static void
use_server (LiaisonTestFixture *f)
{
  static gboolean searchable;

  f->pg = liaison_test_pg_new ();
  /* The search's trigram extension where a team's database would hold it,
   * in public, shared by the fixtures' schemas: made in the first fixture's
   * own schema, dropping that schema would take it and the other schemas'
   * indexes along. Where it cannot be made, the store searches without it. */
  if (!searchable)
    liaison_test_pg_exec (f->pg, "DO $$ BEGIN CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public;"
                          " EXCEPTION WHEN unique_violation OR duplicate_object OR insufficient_privilege"
                          " OR undefined_file OR invalid_schema_name THEN NULL; END $$");
  searchable = TRUE;
  g_free (f->db);
  f->db = g_strdup (f->pg->uri);
}

/* A new temporary folder with a new database, open. */
LiaisonTestFixture *
liaison_test_fixture_new (void)
{
  g_autoptr(GError) error = NULL;
  LiaisonTestFixture *f = liaison_test_folder_new ();

  if (liaison_test_on_server ())
    use_server (f);

  f->store = liaison_store_open (f->db, &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->store);
  return f;
}

void
liaison_test_fixture_free (LiaisonTestFixture *f)
{
  if (f == NULL)
    return;
  g_clear_object (&f->store);
  g_clear_pointer (&f->pg, liaison_test_pg_free);
  liaison_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->db);
  g_free (f);
}

/* The folder holds no file but the database and its journals. */
void
liaison_test_assert_database_only (LiaisonTestFixture *f)
{
  g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
  g_autofree char *base = g_path_get_basename (f->db);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      const char *suffix = g_str_has_prefix (name, base) ? name + strlen (base) : NULL;

      if (suffix == NULL ||
          (*suffix != '\0' && strcmp (suffix, "-wal") != 0 && strcmp (suffix, "-shm") != 0 &&
           strcmp (suffix, "-journal") != 0))
        g_error ("%s: a file the store did not make: %s", f->dir, name);
    }
}

/* Files -------------------------------------------------------------------- */

/* Writes @content to the file @name of the folder; returns its path. */
char *
liaison_test_write_file (LiaisonTestFixture *f,
                         const char         *name,
                         const char         *content)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (f->dir, name, NULL);

  g_file_set_contents (path, content, -1, &error);
  g_assert_no_error (error);
  f->files++;
  return path;
}

/*
 * An nfdump of the test's own, first in PATH (which becomes the fixture's
 * folder alone: call it in a subprocess of the test): a shell script whose
 * body is @script, with `%1$s` the file of @rows. Returns a file that
 * starts like an nfcapd file, for it to read.
 */
char *
liaison_test_fake_nfdump (LiaisonTestFixture *f,
                          const char         *rows,
                          const char         *script)
{
  g_autofree char *rows_path = liaison_test_write_file (f, "nfdump-rows.txt", rows);
  g_autofree char *body = g_strdup_printf (script, rows_path);
  g_autofree char *text = g_strconcat ("#!/bin/sh\n", body, NULL);
  g_autofree char *script_path = liaison_test_write_file (f, NFDUMP_PROGRAM, text);

  g_assert_cmpint (g_chmod (script_path, 0755), ==, 0);
  g_setenv ("PATH", f->dir, TRUE);
  return liaison_test_write_file (f, "flows.nfcapd", "\x0c\xa5 an nfcapd file");
}

/* tests/data/@kind/@name (G_TEST_SRCDIR is tests/). */
char *
liaison_test_data_path (const char *kind,
                        const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", kind, name, NULL);
}

char *
liaison_test_read_data (const char *kind,
                        const char *name,
                        gsize      *length)
{
  g_autofree char *path = liaison_test_data_path (kind, name);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, length, &error);
  g_assert_no_error (error);
  return contents;
}

LiaisonTime
liaison_test_time (const char *text)
{
  LiaisonTime time = LIAISON_TIME_NONE;

  g_assert_true (liaison_time_parse (text, -1, FALSE, &time));
  return time;
}

/* Importing ---------------------------------------------------------------- */

gboolean
liaison_test_import_netflow (LiaisonTestFixture    *f,
                             guint                  interval,
                             const char * const    *paths,
                             LiaisonImportSummary  *summary,
                             GError               **error)
{
  LiaisonImportOptions options = { 0 };

  options.kind = LIAISON_SAMPLE_NETFLOW;
  options.interval = interval;
  options.start = LIAISON_TIME_NONE;
  options.time = LIAISON_TIME_NONE;
  return liaison_import_files (f->store, &options, paths, NULL, NULL, NULL, summary, error);
}

void
liaison_test_import_netflow_file (LiaisonTestFixture *f,
                                  guint               interval,
                                  const char         *path)
{
  g_autoptr(GError) error = NULL;
  const char *paths[] = { path, NULL };

  g_assert_true (liaison_test_import_netflow (f, interval, paths, NULL, &error));
  g_assert_no_error (error);
}

void
liaison_test_import_netflow_text (LiaisonTestFixture *f,
                                  guint               interval,
                                  const char         *content)
{
  g_autofree char *name = g_strdup_printf ("netflow-%u.csv", f->files);
  g_autofree char *path = liaison_test_write_file (f, name, content);

  liaison_test_import_netflow_file (f, interval, path);
}

void
liaison_test_import_netstat_text (LiaisonTestFixture *f,
                                  const char         *host,
                                  const char         *time,
                                  const char         *content)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strdup_printf ("netstat-%u.txt", f->files);
  g_autofree char *path = liaison_test_write_file (f, name, content);
  const char *paths[] = { path, NULL };
  LiaisonImportOptions options = { 0 };

  options.kind = LIAISON_SAMPLE_NETSTAT;
  options.host = host;
  options.time = liaison_test_time (time);
  options.start = LIAISON_TIME_NONE;
  g_assert_true (liaison_import_files (f->store, &options, paths, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
}

/* Several netstat samples of @host in one import, in the order given; each
 * file's time is its modification time, as with `import-netstat FILE...`. */
void
liaison_test_import_netstat_texts (LiaisonTestFixture *f,
                                   const char         *host,
                                   guint               n,
                                   const char * const *times,
                                   const char * const *contents)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  LiaisonImportOptions options = { 0 };

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("netstat-%u.txt", f->files);
      char *path = liaison_test_write_file (f, name, contents[i]);
      struct utimbuf when;

      when.actime = when.modtime = (time_t) (liaison_test_time (times[i]) / 1000);
      g_assert_cmpint (g_utime (path, &when), ==, 0);
      g_ptr_array_add (paths, path);
    }
  g_ptr_array_add (paths, NULL);

  options.kind = LIAISON_SAMPLE_NETSTAT;
  options.host = host;
  options.time = LIAISON_TIME_NONE;
  options.start = LIAISON_TIME_NONE;
  g_assert_true (liaison_import_files (f->store, &options, (const char * const *) paths->pdata,
                                       NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
}

/* Service communications --------------------------------------------------- */

/* Adds a service communication by hand; returns its id. */
gint64
liaison_test_add (LiaisonStore *store,
                  const char   *client,
                  const char   *listener,
                  const char   *port,
                  const char   *protocol,
                  const char   *process)
{
  g_autoptr(GError) error = NULL;
  LiaisonCommunicationInput in = {
    .client_ip = client, .listener_ip = listener, .port = port, .protocol = protocol,
    .client_process_name = process,
  };
  gint64 id = liaison_store_add_communication (store, &in, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

/* All rows as one line each, in id order: what a user would see. */
char *
liaison_test_list (LiaisonStore *store)
{
  LiaisonQuery q = { NULL, LIAISON_COLUMN_ID, FALSE };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = liaison_store_query_page (store, &q, 0, 1000, &error);
  GString *out = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < rows->len; i++)
    {
      for (guint c = 0; c < LIAISON_N_COLUMNS; c++)
        {
          g_autofree char *v = liaison_communication_dup_column_text (g_ptr_array_index (rows, i), c);
          g_string_append_printf (out, "%s%s", c ? "," : "", v ? v : "-");
        }
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

/* The ids of a search and its first page are @expected, in order. */
void
liaison_test_assert_ids (LiaisonStore  *store,
                         const char    *search,
                         LiaisonColumn  sort,
                         gboolean       descending,
                         const gint64  *expected,
                         guint          n)
{
  LiaisonQuery q = { search, sort, descending };
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = liaison_store_query_ids (store, &q, &error);
  g_autoptr(GPtrArray) page = liaison_store_query_page (store, &q, 0, 100, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, n);
  g_assert_cmpuint (page->len, ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpint (g_array_index (ids, gint64, i), ==, expected[i]);
      g_assert_cmpint (liaison_communication_get_id (g_ptr_array_index (page, i)), ==, expected[i]);
    }
}

/* Statistics records ------------------------------------------------------- */

static gboolean
collect_record (const LiaisonStatRecord  *record,
                gpointer                  user_data,
                GError                  **error)
{
  g_ptr_array_add (user_data, liaison_stat_record_copy (record));
  return TRUE;
}

/* Copies of every statistics record, in export.md order. */
GPtrArray *
liaison_test_records (LiaisonStore *store)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *records = g_ptr_array_new_with_free_func ((GDestroyNotify) liaison_stat_record_free);

  g_assert_true (liaison_statistics_foreach_record (store, NULL, collect_record, records, &error));
  g_assert_no_error (error);
  return records;
}

/* The one record of @records with that listener, port and client (and
 * listener device, when not %NULL); aborts the test when there is none. */
const LiaisonStatRecord *
liaison_test_find_record (GPtrArray  *records,
                          const char *listener_ip,
                          guint       port,
                          const char *client_ip,
                          const char *listener_device)
{
  const LiaisonStatRecord *found = NULL;

  for (guint i = 0; i < records->len; i++)
    {
      const LiaisonStatRecord *r = g_ptr_array_index (records, i);

      if (g_str_equal (r->listener_ip, listener_ip) && r->port == port &&
          g_str_equal (r->client_ip, client_ip) &&
          (listener_device == NULL || g_strcmp0 (r->listener_device, listener_device) == 0))
        {
          g_assert_null (found);
          found = r;
        }
    }

  if (found == NULL)
    g_error ("no statistics record %s:%u <- %s", listener_ip, port, client_ip);
  return found;
}

static gboolean
collect_classic (const LiaisonClassicRecord  *record,
                 gpointer                     user_data,
                 GError                     **error)
{
  g_ptr_array_add (user_data, liaison_classic_record_copy (record));
  return TRUE;
}

/* Copies of every classic record, in export.md order. */
GPtrArray *
liaison_test_classic (LiaisonStore *store)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *records = g_ptr_array_new_with_free_func ((GDestroyNotify) liaison_classic_record_free);

  g_assert_true (liaison_statistics_foreach_classic (store, NULL, collect_classic, records, &error));
  g_assert_no_error (error);
  return records;
}

/* The database --------------------------------------------------------------- */

/* One text value of the database, NULL when none or NULL. */
char *
liaison_test_query_text (LiaisonStore *store,
                         const char   *sql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaisonStmt) stmt = liaison_store_prepare (store, sql, &error);
  char *text = NULL;

  g_assert_no_error (error);
  if (liaison_stmt_step (stmt) == LIAISON_ROW && liaison_stmt_column_type (stmt, 0) != LIAISON_NULL)
    text = g_strdup ((const char *) liaison_stmt_column_text (stmt, 0));
  return text;
}

gint64
liaison_test_query_int (LiaisonStore *store,
                        const char   *sql)
{
  g_autofree char *text = liaison_test_query_text (store, sql);

  g_assert_nonnull (text);
  return g_ascii_strtoll (text, NULL, 10);
}

/* The rows the search index has: on a file, the rows each of whose
 * searched values (an address with its key) is in search_value and in its
 * trigram index; on a server, which searches the rows themselves, every
 * row. */
gint64
liaison_test_indexed_rows (LiaisonStore *store)
{
  if (liaison_store_get_db (store) == NULL)
    return liaison_test_query_int (store, "SELECT count(*) FROM communication");
  g_assert_cmpint (sqlite3_exec (liaison_store_get_db (store),
                                 "CREATE VIRTUAL TABLE IF NOT EXISTS temp.test_terms"
                                 " USING fts5vocab (main, search_value_index, 'instance');"
                                 "DROP TABLE IF EXISTS temp.test_indexed;"
                                 "CREATE TEMP TABLE test_indexed AS SELECT value, key FROM search_value"
                                 " WHERE id IN (SELECT doc FROM temp.test_terms);",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  return liaison_test_query_int (store,
                                 "SELECT count(*) FROM communication AS c"
                                 " WHERE (c.client_ip, c.client_key) IN (SELECT value, key FROM temp.test_indexed)"
                                 " AND (c.listener_ip, c.listener_key) IN (SELECT value, key FROM temp.test_indexed)"
                                 " AND CAST (c.port AS TEXT) IN (SELECT value FROM temp.test_indexed WHERE key = x'')"
                                 " AND (coalesce (c.client_device, '') = '' OR c.client_device IN"
                                 "      (SELECT value FROM temp.test_indexed WHERE key = x''))"
                                 " AND (coalesce (c.listener_device, '') = '' OR c.listener_device IN"
                                 "      (SELECT value FROM temp.test_indexed WHERE key = x''))"
                                 " AND (c.client_process_name = '' OR c.client_process_name IN"
                                 "      (SELECT value FROM temp.test_indexed WHERE key = x''))"
                                 " AND (coalesce (c.client_process_display_name, '') = ''"
                                 "      OR c.client_process_display_name IN"
                                 "      (SELECT value FROM temp.test_indexed WHERE key = x''))");
}

/* Every row of every table, as text: equal dumps are equal databases. */
char *
liaison_test_dump_database (LiaisonStore *store)
{
  static const char *tables[] = {
    "SELECT * FROM device ORDER BY name",
    "SELECT * FROM communication ORDER BY id",
    "SELECT * FROM listener ORDER BY id",
    "SELECT * FROM stat_record ORDER BY id",
    "SELECT * FROM gap_segment ORDER BY record_id, gap_from",
    "SELECT * FROM classic_stat ORDER BY communication_id",
    "SELECT * FROM sample ORDER BY id",
    "SELECT * FROM netstat_moments ORDER BY host, start",
    "SELECT * FROM discovered_set ORDER BY id",
    /* The search index's values, and its trigrams (SQLite's only). */
    "SELECT * FROM search_value ORDER BY id",
    "SELECT * FROM search_value_index_data ORDER BY id",
    "SELECT * FROM search_value_index_idx ORDER BY segid, term",
  };
  GString *dump = g_string_new (NULL);
  guint n_tables = G_N_ELEMENTS (tables) - (liaison_store_get_db (store) == NULL ? 3 : 0);

  for (guint i = 0; i < n_tables; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(LiaisonStmt) stmt = liaison_store_prepare (store, tables[i], &error);

      g_assert_no_error (error);
      g_string_append_printf (dump, "%s\n", tables[i]);
      while (liaison_stmt_step (stmt) == LIAISON_ROW)
        {
          for (int c = 0; c < liaison_stmt_column_count (stmt); c++)
            {
              if (liaison_stmt_column_type (stmt, c) == LIAISON_NULL)
                g_string_append (dump, "NULL|");
              else if (liaison_stmt_column_type (stmt, c) == LIAISON_BLOB)
                {
                  const guint8 *blob = liaison_stmt_column_blob (stmt, c);
                  for (int b = 0; b < liaison_stmt_column_bytes (stmt, c); b++)
                    g_string_append_printf (dump, "%02x", blob[b]);
                  g_string_append_c (dump, '|');
                }
              else
                g_string_append_printf (dump, "%s|", liaison_stmt_column_text (stmt, c));
            }
          g_string_append_c (dump, '\n');
        }
    }

  return g_string_free (dump, FALSE);
}

/* Every figure of every record, the service communications and the samples
 * a user can see, as text: what must not depend on the order of imports. */
static gboolean
describe_figures (const LiaisonStatRecord  *r,
                  gpointer                  user_data,
                  GError                  **error)
{
  GString *out = user_data;
  char first[LIAISON_TIME_STRLEN], last[LIAISON_TIME_STRLEN];

  liaison_time_to_string (r->nf_first_found, first);
  liaison_time_to_string (r->nf_last_found, last);
  g_string_append_printf (out, "%s %s:%u/%s samples %" G_GINT64_FORMAT " events %" G_GINT64_FORMAT
                          " ports %" G_GINT64_FORMAT " %s..%s gaps",
                          r->client_ip, r->listener_ip, r->port, r->protocol, r->nf_active_samples,
                          r->nf_total_events, r->nf_total_ports, first, last);
  for (guint i = 0; i < r->nf_gaps->len; i++)
    {
      const LiaisonGap *g = &g_array_index (r->nf_gaps, LiaisonGap, i);
      char from[LIAISON_TIME_STRLEN], to[LIAISON_TIME_STRLEN];

      liaison_time_to_string (g->from, from);
      liaison_time_to_string (g->to, to);
      g_string_append_printf (out, " %s/%s", from, to);
    }
  g_string_append_printf (out, " gap %" G_GINT64_FORMAT " active %" G_GINT64_FORMAT " pending %" G_GINT64_FORMAT "\n",
                          r->nf_gap_ms, r->nf_active_ms, r->nf_pending_ms);
  return TRUE;
}

char *
liaison_test_netflow_figures (LiaisonStore *store)
{
  GString *out = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *rows = NULL;
  g_autofree char *samples = NULL;

  g_assert_true (liaison_statistics_foreach_record (store, NULL, describe_figures, out, &error));
  g_assert_no_error (error);
  rows = liaison_test_query_text (store,
                                  "SELECT group_concat(client_ip || '>' || listener_ip || ':' || port || ' '"
                                  " || first_detected || '-' || last_detected || ' ' || source, ';') FROM"
                                  " (SELECT * FROM communication ORDER BY client_key, listener_key, port)");
  samples = liaison_test_query_text (store,
                                     "SELECT group_concat(window_start || '-' || window_end || ' ' || records, ';') FROM"
                                     " (SELECT * FROM sample ORDER BY window_start, window_end, records)");
  g_string_append_printf (out, "communications %s\nsamples %s\n", rows, samples);
  return g_string_free (out, FALSE);
}

/* The statistics export (export.md) of @store, as a string, exported at @exported_at. */
char *
liaison_test_export (LiaisonStore            *store,
                     const LiaisonStatFilter *filter,
                     const char              *exported_at)
{
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;
  gboolean ok;

  ok = liaison_export_statistics (store, filter, liaison_test_time (exported_at), stream, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_output_stream_write_all (stream, "", 1, NULL, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_close (stream, NULL, &error);
  g_assert_no_error (error);

  return g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (stream));
}

/* Samples ---------------------------------------------------------------------- */

/* The figures of the seed example (statistics.md section 5), whatever the
 * order its three files were imported in. */
void
liaison_test_assert_seed_figures (LiaisonTestFixture *f)
{
  g_autoptr(GPtrArray) records = liaison_test_records (f->store);
  const LiaisonStatRecord *r;
  const LiaisonGap *gap;

  g_assert_cmpuint (records->len, ==, 1);
  r = liaison_test_find_record (records, "10.0.0.5", 443, "10.0.0.9", NULL);
  g_assert_cmpstr (r->protocol, ==, "tcp");
  g_assert_false (r->has_netstat);
  g_assert_true (r->has_netflow);
  g_assert_cmpuint (r->nf_interval, ==, 60);
  g_assert_cmpint (r->nf_active_samples, ==, 3);
  g_assert_cmpint (r->nf_total_events, ==, 6);
  g_assert_cmpint (r->nf_total_ports, ==, 6);
  g_assert_cmpint (r->nf_first_found, ==, liaison_test_time ("2026-11-27T00:01:15Z"));
  g_assert_cmpint (r->nf_last_found, ==, liaison_test_time ("2026-11-27T00:03:55Z"));
  g_assert_cmpint (r->nf_active_ms, ==, 95000);
  g_assert_cmpint (r->nf_gap_ms, ==, 65000);
  g_assert_cmpint (r->nf_pending_ms, ==, 5000);
  g_assert_cmpuint (r->nf_gaps->len, ==, 1);
  gap = &g_array_index (r->nf_gaps, LiaisonGap, 0);
  g_assert_cmpint (gap->from, ==, liaison_test_time ("2026-11-27T00:02:45Z"));
  g_assert_cmpint (gap->to, ==, liaison_test_time ("2026-11-27T00:03:50Z"));

  /* The pair made its service communication (section 4.2). */
  g_assert_cmpint (liaison_test_query_int (f->store, "SELECT count(*) FROM communication"), ==, 1);
  {
    g_autofree char *row = liaison_test_query_text (f->store,
                                                    "SELECT client_ip || ' ' || listener_ip || ':' || port"
                                                    " || '/' || protocol || ' [' || client_process_name"
                                                    " || '] ' || source FROM communication");
    g_assert_cmpstr (row, ==, "10.0.0.9 10.0.0.5:443/tcp [] netflow");
  }
  g_assert_cmpint (liaison_test_query_int (f->store, "SELECT count(*) FROM sample WHERE kind = 'netflow'"), ==, 3);
  g_assert_cmpint (liaison_test_query_int (f->store, "SELECT max(window_end) FROM sample"), ==,
                   liaison_test_time ("2026-11-27T00:04:00Z"));
}

/* Imports the week of web01: Friday, Saturday, Monday, the next Saturday. */
void
liaison_test_import_web01_week (LiaisonTestFixture *f)
{
  liaison_test_import_netstat_text (f, "web01", "2026-11-20T00:00:00Z", liaison_test_web01_friday);
  liaison_test_import_netstat_text (f, "web01", "2026-11-21T00:00:00Z", liaison_test_web01_saturday);
  liaison_test_import_netstat_text (f, "web01", "2026-11-23T00:00:00Z", liaison_test_web01_monday);
  liaison_test_import_netstat_text (f, "web01", "2026-11-28T00:00:00Z", liaison_test_web01_next_saturday);
}


const char *const liaison_test_seed_files[3] = {
  LIAISON_TEST_CSV_HEADER
  "2026-11-27T00:01:15Z,,10.0.0.9,51001,10.0.0.5,443,tcp\n"
  "2026-11-27T00:01:45Z,,10.0.0.9,51002,10.0.0.5,443,tcp\n",
  LIAISON_TEST_CSV_HEADER
  "2026-11-27T00:02:10Z,,10.0.0.9,51003,10.0.0.5,443,tcp\n"
  "2026-11-27T00:02:45Z,,10.0.0.9,51004,10.0.0.5,443,tcp\n",
  LIAISON_TEST_CSV_HEADER
  "2026-11-27T00:03:50Z,,10.0.0.9,51005,10.0.0.5,443,tcp\n"
  "2026-11-27T00:03:55Z,,10.0.0.9,51006,10.0.0.5,443,tcp\n",
};

const char liaison_test_web01_friday[] =
  LIAISON_TEST_SS_HEADER
  "LISTEN     0      128     0.0.0.0:443          0.0.0.0:*          users:((\"nginx\",pid=10,fd=6))\n"
  "LISTEN     0      128     127.0.0.1:5432       0.0.0.0:*          users:((\"postgres\",pid=20,fd=5))\n"
  "LISTEN     0      128     [::]:22              [::]:*             users:((\"sshd\",pid=30,fd=3))\n"
  "ESTAB      0      0       10.0.0.5:443         10.0.0.9:50001     users:((\"nginx\",pid=11,fd=7))\n"
  "ESTAB      0      0       10.0.0.5:443         10.0.0.9:50002     users:((\"nginx\",pid=11,fd=8))\n"
  "ESTAB      0      0       10.0.0.5:443         10.0.0.10:50010    users:((\"nginx\",pid=11,fd=9))\n"
  "TIME-WAIT  0      0       10.0.0.5:443         10.0.0.9:49999\n"
  "SYN-SENT   0      1       10.0.0.5:43999       10.0.0.21:5432     users:((\"curl\",pid=41,fd=3))\n"
  "ESTAB      0      0       10.0.0.5:22          10.0.0.30:60000    users:((\"sshd\",pid=31,fd=4))\n"
  "ESTAB      0      0       127.0.0.1:5432       127.0.0.1:41000    users:((\"postgres\",pid=21,fd=9))\n"
  "ESTAB      0      0       127.0.0.1:41000      127.0.0.1:5432     users:((\"psql\",pid=50,fd=3))\n"
  "ESTAB      0      0       10.0.0.5:43000       10.0.0.20:5432     users:((\"curl\",pid=40,fd=3))\n";

const char liaison_test_web01_saturday[] =
  LIAISON_TEST_SS_HEADER
  "LISTEN     0      128     0.0.0.0:443          0.0.0.0:*          users:((\"nginx\",pid=10,fd=6))\n"
  "LISTEN     0      128     10.0.0.5:8080        0.0.0.0:*          users:((\"weekend\",pid=60,fd=3))\n"
  "LISTEN     0      128     127.0.0.1:5432       0.0.0.0:*          users:((\"postgres\",pid=20,fd=5))\n"
  "ESTAB      0      0       10.0.0.5:443         10.0.0.9:50003     users:((\"nginx\",pid=11,fd=7))\n"
  "ESTAB      0      0       10.0.0.5:8080        10.0.0.11:51000    users:((\"weekend\",pid=60,fd=4))\n"
  "ESTAB      0      0       10.0.0.5:8080        10.0.0.11:51001    users:((\"weekend\",pid=60,fd=5))\n"
  "ESTAB      0      0       10.0.0.5:8080        10.0.0.11:51002    users:((\"weekend\",pid=60,fd=6))\n"
  "ESTAB      0      0       10.0.0.5:43001       10.0.0.20:5432     users:((\"curl\",pid=40,fd=3))\n"
  "ESTAB      0      0       10.0.0.5:43002       10.0.0.20:5432     users:((\"curl\",pid=42,fd=3))\n";

/* No 8080, no curl; 10.0.0.10 comes back. */
const char liaison_test_web01_monday[] =
  LIAISON_TEST_SS_HEADER
  "LISTEN     0      128     0.0.0.0:443          0.0.0.0:*          users:((\"nginx\",pid=10,fd=6))\n"
  "LISTEN     0      128     127.0.0.1:5432       0.0.0.0:*          users:((\"postgres\",pid=20,fd=5))\n"
  "ESTAB      0      0       10.0.0.5:443         10.0.0.10:50011    users:((\"nginx\",pid=11,fd=7))\n";

/* The next Saturday: PostgreSQL is not running; 8080 has one connection
 * but its listening socket is not in this sample: the listener found
 * before still makes it inbound. */
const char liaison_test_web01_next_saturday[] =
  LIAISON_TEST_SS_HEADER
  "LISTEN     0      128     0.0.0.0:443          0.0.0.0:*          users:((\"nginx\",pid=10,fd=6))\n"
  "ESTAB      0      0       10.0.0.5:8080        10.0.0.11:51003    users:((\"weekend\",pid=60,fd=4))\n";

const char liaison_test_db01_sample[] = LIAISON_TEST_DB01_SAMPLE;

/* Socket tables */

LiaisonNetstatTable *
liaison_test_parse_netstat (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  LiaisonNetstatTable *table;
  gsize length;

  contents = liaison_test_read_data ("netstat", name, &length);
  table = liaison_netstat_parse (name, contents, length, &error);
  g_assert_no_error (error);
  g_assert_nonnull (table);
  return table;
}

/* One socket as text: "tcp 127.0.0.1:8080 -> 127.0.0.3:55007 counted [python3]". */
char *
liaison_test_socket_text (const LiaisonSocket *socket,
             gboolean             with_process)
{
  static const char * const kinds[] = { "listening", "counted", "ignored" };
  g_autofree char *local = liaison_address_dup_string (&socket->local);
  g_autofree char *peer = socket->peer.family != 0 ? liaison_address_dup_string (&socket->peer) : g_strdup ("-");

  return g_strdup_printf ("%s %s:%u -> %s:%u %s [%s]",
                          liaison_protocol_to_string (socket->protocol), local, socket->local_port,
                          peer, socket->peer_port, kinds[socket->kind],
                          with_process && socket->process != NULL ? socket->process : "");
}

static int
compare_text_lines (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* The sockets as sorted lines, for comparing two tables. */
char *
liaison_test_table_text (const LiaisonNetstatTable *table,
            gboolean                   with_process)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < table->sockets->len; i++)
    g_ptr_array_add (lines, liaison_test_socket_text (&g_array_index (table->sockets, LiaisonSocket, i), with_process));
  g_ptr_array_sort (lines, compare_text_lines);
  for (guint i = 0; i < lines->len; i++)
    g_string_append_printf (s, "%s\n", (const char *) g_ptr_array_index (lines, i));
  return g_string_free (s, FALSE);
}


/* A flow as a line of text: `tcp 10.0.0.9:51512 > 10.0.0.5:443
 * 2026-11-27T00:01:15Z..2026-11-27T00:01:16Z client` (`..` alone: a point;
 * the last word says who the file says opened it: guess, client, listener). */
char *
liaison_test_flow_text (const LiaisonFlow *flow)
{
  static const char * const orientations[] = { "guess", "client", "listener" };
  g_autofree char *src = liaison_address_dup_string (&flow->src);
  g_autofree char *dst = liaison_address_dup_string (&flow->dst);
  char start[LIAISON_TIME_STRLEN], end[LIAISON_TIME_STRLEN] = "";

  liaison_time_to_string (flow->start, start);
  if (flow->end != LIAISON_TIME_NONE)
    liaison_time_to_string (flow->end, end);
  return g_strdup_printf ("%s %s:%u > %s:%u %s..%s %s",
                          liaison_protocol_to_string (flow->protocol), src, flow->src_port,
                          dst, flow->dst_port, start, end, orientations[flow->oriented]);
}

/* The flows of @file, one line each in file order. */
char *
liaison_test_flows_text (const LiaisonFlowFile *file)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < file->flows->len; i++)
    {
      g_autofree char *line = liaison_test_flow_text (&g_array_index (file->flows, LiaisonFlow, i));

      g_string_append_printf (s, "%s\n", line);
    }
  return g_string_free (s, FALSE);
}

/* A flow file of tests/data/netflow read as liaison-cli reads it. */
LiaisonFlowFile *
liaison_test_read_flows (const char *name,
                         gboolean    strict)
{
  g_autofree char *path = liaison_test_data_path ("netflow", name);
  g_autoptr(GError) error = NULL;
  LiaisonFlowReadOptions options = { FALSE, strict };
  LiaisonFlowFile *file;

  file = liaison_netflow_read_file (path, &options, &error);
  g_assert_no_error (error);
  g_assert_nonnull (file);
  return file;
}

/* The message of reading @text (named @name) as a flow file, which must fail. */
char *
liaison_test_flow_error (const char *name,
                         const char *text,
                         gsize       length,
                         gboolean    strict)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaisonFlowFile) file = NULL;
  LiaisonFlowReadOptions options = { FALSE, strict };

  file = liaison_netflow_parse (name, text, length, &options, &error);
  g_assert_null (file);
  g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID);
  return g_strdup (error->message);
}

/* The flow files of tests/data/netflow named in @data_files (NULL-terminated)
 * joined end to end, as cat joins logs, read as one file named @name. */
LiaisonFlowFile *
liaison_test_parse_joined_flows (const char         *name,
                                 const char * const *data_files)
{
  g_autoptr(GString) joined = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  LiaisonFlowFile *file;

  for (guint i = 0; data_files[i] != NULL; i++)
    {
      gsize length;
      g_autofree char *data = liaison_test_read_data ("netflow", data_files[i], &length);

      g_string_append_len (joined, data, length);
    }
  file = liaison_netflow_parse (name, joined->str, joined->len, NULL, &error);
  g_assert_no_error (error);
  return file;
}

/* Each case's text, read as a flow file named @name (not strict), fails
 * with the case's message. */
void
liaison_test_assert_bad_flows (const char               *name,
                               const LiaisonTestBadFlow *cases,
                               guint                     n_cases)
{
  for (guint i = 0; i < n_cases; i++)
    {
      g_autofree char *message = liaison_test_flow_error (name, cases[i].text, strlen (cases[i].text), FALSE);

      g_test_message ("case %u", i);
      g_assert_cmpstr (message, ==, cases[i].message);
    }
}

char *
liaison_test_memory_text (GOutputStream *memory)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (g_output_stream_write_all (memory, "", 1, NULL, NULL, &error));
  g_assert_true (g_output_stream_close (memory, NULL, &error));
  g_assert_no_error (error);
  return g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (memory));
}

/* Another program that commits in the middle of a read */

static void
intrude (const char *sql,
         gpointer    data)
{
  LiaisonTestIntruder *in = data;
  LiaisonStore *reading;

  if (in->done || sql == NULL || strstr (sql, in->match) == NULL)
    return;
  if (in->skip > 0)
    {
      in->skip--;
      return;
    }
  in->done = TRUE;

  reading = in->f->store;
  in->f->store = in->other;
  in->commit (in->f);
  in->f->store = reading;
}

void
liaison_test_intruder_arm (LiaisonTestIntruder *in)
{
  g_autoptr(GError) error = NULL;

  in->other = liaison_store_open_existing (in->f->db, &error);
  g_assert_no_error (error);
  liaison_store_set_statement_hook (in->f->store, intrude, in);
}

void
liaison_test_intruder_disarm (LiaisonTestIntruder *in)
{
  liaison_store_set_statement_hook (in->f->store, NULL, NULL);
  g_assert_true (in->done);
  g_clear_object (&in->other);
}
