/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-bench"

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <sqlite3.h>
#ifdef HAVE_LIBPQ
#include <libpq-fe.h>
#endif

#include "bench-common.h"
#include "liaison-store.h"
#include "liaison-store-communications.h"
#include "liaison-store-observations-private.h"

/*
 * bench-list: the list of service communications over a large database.
 *
 * Builds (once, then cached in --cache-dir keyed by the row count and the
 * way it was filled) a database of N service communications, then times
 * what a list view asks for:
 *
 * - liaison_store_query_page(): the first page of 100 rows for a sort on
 *   every column, ascending and descending, and for several searches;
 * - liaison_store_query_ids(): every matching id of the same queries (what
 *   a view over the whole result holds);
 * - liaison_store_get_communications(): 100 rows by id from the middle of
 *   the list, as a view does while scrolling.
 *
 * The goal is a first page under 100 ms, in a file and (--server URI) in
 * a schema of its own on a PostgreSQL server, kept there between runs too.
 * The server's rows are the file's, copied table by table with COPY into
 * the schema the store made (a million single-row calls on a server take
 * half an hour), then ANALYZEd as autovacuum would.
 *
 * The rows: about 85% come in through liaison_store_observe_communication()
 * (as imports make them: times, source netstat or netflow, a process when
 * known) and 15% through liaison_store_add_communication() (typed by a user:
 * source manual, some with a display name), all in one transaction.
 * Conversations are distinct, so every call makes one row.
 */

static gint opt_rows = 1000000;
static gint opt_runs = 3;
static char *opt_cache_dir;
static char *opt_server;
static char *opt_method = (char *) "mixed";
static gboolean opt_rebuild;
static char *opt_search;
static char *opt_sort;

static const GOptionEntry entries[] = {
  { "rows", 'n', 0, G_OPTION_ARG_INT, &opt_rows, "Service communications in the database (1000000)", "N" },
  { "runs", 'r', 0, G_OPTION_ARG_INT, &opt_runs, "Repetitions of each query (3)", "N" },
  { "cache-dir", 0, 0, G_OPTION_ARG_FILENAME, &opt_cache_dir, "Where the database is kept between runs (liaison-bench-UID in the temporary folder)", "DIR" },
  { "server", 0, 0, G_OPTION_ARG_STRING, &opt_server, "Keep the rows in a schema of this PostgreSQL database instead of a file", "URI" },
  { "method", 0, 0, G_OPTION_ARG_STRING, &opt_method, "How rows are made: mixed, add or observe (mixed)", "METHOD" },
  { "rebuild", 0, 0, G_OPTION_ARG_NONE, &opt_rebuild, "Build the database again even if cached", NULL },
  { "search", 0, 0, G_OPTION_ARG_STRING, &opt_search, "Time only this search (for profiling; with --runs)", "TEXT" },
  { "sort", 0, 0, G_OPTION_ARG_STRING, &opt_sort, "Time only this sort (for profiling; with --runs)", "COLUMN[:desc]" },
  { NULL }
};

static const char *processes[] = {
  "curl", "java", "python3", "node", "postgres", "filebeat", "prometheus", "ruby",
  "php-fpm", "git", "ssh", "rsync", "telegraf", "consul", "vault", "nginx",
  "influxdb", "couchdb", "redis-cli", "psql", "mysql", "grafana-server", "chronyd", "dig",
};

static const guint ports[] = {
  443, 80, 22, 5432, 3306, 6379, 8080, 8443, 9200, 25, 389, 636, 5672, 9092, 2049,
  11211, 53, 123, 161, 27017, 9090, 3000,
};

#define N_LISTENERS 4099        /* prime: slot * 131 mod it never repeats */

static void
row_address (char    *buf,
             gsize    size,
             gboolean listener,
             guint    index,
             gboolean v6)
{
  if (v6)
    g_snprintf (buf, size, "2001:db8:%x::%x", listener ? 0x10 : 0x20, index + 1);
  else if (listener)
    g_snprintf (buf, size, "10.10.%u.%u", index / 250, index % 250 + 1);
  else
    g_snprintf (buf, size, "10.%u.%u.%u", 20 + index / 62500, (index / 250) % 250, index % 250 + 1);
}

static gboolean
build_database (LiaisonStore  *store,
                gint           n_rows,
                GError       **error)
{
  gboolean use_add = !g_str_equal (opt_method, "observe");
  gboolean use_observe = !g_str_equal (opt_method, "add");
  gint64 start = g_get_monotonic_time ();
  guint n_added = 0, n_observed = 0;

  if (!liaison_store_begin (store, error))
    return FALSE;

  for (gint i = 0; i < n_rows; i++)
    {
      guint client = (guint) i % 65536;
      guint slot = (guint) i / 65536;
      guint listener = (client * 7 + slot * 131) % N_LISTENERS;
      guint32 h = bench_mix ((guint32) i);
      gboolean v6 = client % 50 == 7;
      guint port = ports[(client + slot * 3) % G_N_ELEMENTS (ports)];
      const char *protocol = port == 53 || port == 123 || port == 161 ? "udp" : "tcp";
      char client_ip[48], listener_ip[48], client_device[16], listener_device[16], port_text[8];
      const char *process;
      gboolean manual;

      row_address (client_ip, sizeof client_ip, FALSE, client, v6);
      row_address (listener_ip, sizeof listener_ip, TRUE, listener, v6);
      g_snprintf (client_device, sizeof client_device, "ws-%05u", client);
      g_snprintf (listener_device, sizeof listener_device, "srv-%04u", listener);
      g_snprintf (port_text, sizeof port_text, "%u", port);

      if ((guint) i % 100003 == 17)
        process = "rarebackupd";            /* the rare search term: about 10 rows in a million */
      else if (h % 100 < 30)
        process = "";                       /* unknown */
      else
        process = processes[(h >> 8) % G_N_ELEMENTS (processes)];

      manual = use_add && (!use_observe || (h >> 16) % 100 < 15);
      if (manual)
        {
          LiaisonCommunicationInput input = { 0 };
          g_autofree char *display = NULL;

          if (*process != '\0' && (h >> 24) % 3 == 0)
            display = g_strdup_printf ("%s on %s", process, client_device);
          input.client_ip = client_ip;
          input.listener_ip = listener_ip;
          input.port = port_text;
          input.protocol = protocol;
          input.client_device = client % 3 != 0 ? client_device : NULL;
          input.listener_device = listener % 5 != 0 ? listener_device : NULL;
          input.client_process_name = *process != '\0' ? process : NULL;
          input.client_process_display_name = display;
          if (liaison_store_add_communication (store, &input, error) <= 0)
            goto fail;
          n_added++;
        }
      else
        {
          LiaisonObservation o = { 0 };
          LiaisonTime first = G_GINT64_CONSTANT (1793577600000)                /* 2026-11-01 */
                              + (LiaisonTime) (h % (26u * 86400u)) * 1000;

          o.client_ip = client_ip;
          o.listener_ip = listener_ip;
          o.port = port;
          o.protocol = protocol;
          o.process = process;
          o.client_device = client % 3 != 0 ? client_device : NULL;
          o.listener_device = listener % 5 != 0 ? listener_device : NULL;
          o.scope = NULL;
          o.time_first = first;
          o.time_last = first + (LiaisonTime) ((h >> 7) % 172800u) * 1000;
          o.source = *process != '\0' ? "netstat" : "netflow";
          if (!liaison_store_observe_communication (store, &o, error))
            goto fail;
          n_observed++;
        }

      if ((i + 1) % 100000 == 0)
        g_printerr ("  %d rows, %.0f s\n", i + 1, bench_ms (start, g_get_monotonic_time ()) / 1000.0);
    }

  if (!liaison_store_commit (store, error))
    return FALSE;

  g_print ("built %d rows in %.1f s: %u through liaison_store_add_communication, "
           "%u through liaison_store_observe_communication (%.0f rows/s)\n",
           n_rows, bench_ms (start, g_get_monotonic_time ()) / 1000.0, n_added, n_observed,
           n_rows / (bench_ms (start, g_get_monotonic_time ()) / 1000.0));
  return TRUE;

fail:
  liaison_store_rollback (store);
  return FALSE;
}

#ifdef HAVE_LIBPQ
static gboolean
pg_ok (PGconn    *conn,
       PGresult  *result,
       GError   **error)
{
  ExecStatusType status = PQresultStatus (result);
  gboolean ok = status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_COPY_IN;

  if (!ok)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s", PQerrorMessage (conn));
  PQclear (result);
  return ok;
}

/* One SQLite value in COPY's text format. */
static void
copy_value (GString       *line,
            sqlite3_stmt  *stmt,
            int            column)
{
  switch (sqlite3_column_type (stmt, column))
    {
    case SQLITE_NULL:
      g_string_append (line, "\\N");
      break;
    case SQLITE_INTEGER:
      g_string_append_printf (line, "%lld", (long long) sqlite3_column_int64 (stmt, column));
      break;
    case SQLITE_BLOB:
      {
        const guint8 *blob = sqlite3_column_blob (stmt, column);
        int n = sqlite3_column_bytes (stmt, column);

        g_string_append (line, "\\\\x");
        for (int i = 0; i < n; i++)
          g_string_append_printf (line, "%02x", blob[i]);
      }
      break;
    default:
      for (const char *p = (const char *) sqlite3_column_text (stmt, column); *p != '\0'; p++)
        {
          if (*p == '\\' || *p == '\t' || *p == '\n' || *p == '\r')
            g_string_append_c (line, '\\');
          g_string_append_c (line, *p == '\t' ? 't' : *p == '\n' ? 'n' : *p == '\r' ? 'r' : *p);
        }
    }
}

/* Copies the rows of @table from the file @file into the server's schema. */
static gboolean
copy_table (sqlite3     *file,
            PGconn      *conn,
            const char  *table,
            GError     **error)
{
  g_autofree char *select = g_strdup_printf ("SELECT * FROM %s", table);
  g_autoptr(GString) columns = g_string_new (NULL);
  g_autoptr(GString) line = g_string_new (NULL);
  g_autofree char *copy = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (file, select, -1, &stmt, NULL) != SQLITE_OK)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s", sqlite3_errmsg (file));
      return FALSE;
    }
  for (int c = 0; c < sqlite3_column_count (stmt); c++)
    g_string_append_printf (columns, "%s%s", c > 0 ? ", " : "", sqlite3_column_name (stmt, c));
  copy = g_strdup_printf ("COPY %s (%s) FROM STDIN", table, columns->str);
  if (!pg_ok (conn, PQexec (conn, copy), error))
    goto fail;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_string_truncate (line, 0);
      for (int c = 0; c < sqlite3_column_count (stmt); c++)
        {
          if (c > 0)
            g_string_append_c (line, '\t');
          copy_value (line, stmt, c);
        }
      g_string_append_c (line, '\n');
      if (PQputCopyData (conn, line->str, (int) line->len) != 1)
        break;
    }
  sqlite3_finalize (stmt);
  stmt = NULL;
  if (PQputCopyEnd (conn, rc == SQLITE_DONE ? NULL : "the file could not be read") != 1 ||
      !pg_ok (conn, PQgetResult (conn), error))
    goto fail;
  return TRUE;

fail:
  sqlite3_finalize (stmt);
  return FALSE;
}

/* The server's schema at @uri (made by the store, empty) gets the rows of the file at @path. */
static gboolean
copy_to_server (const char  *path,
                const char  *uri,
                GError     **error)
{
  static const char *tables[] = { "device", "communication" };
  gint64 start = g_get_monotonic_time ();
  sqlite3 *file = NULL;
  PGconn *conn = PQconnectdb (uri);
  gboolean ok = FALSE;

  if (PQstatus (conn) != CONNECTION_OK)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s", PQerrorMessage (conn));
      goto out;
    }
  if (sqlite3_open_v2 (path, &file, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s: %s", path, sqlite3_errmsg (file));
      goto out;
    }
  if (!pg_ok (conn, PQexec (conn, "BEGIN"), error))
    goto out;
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    if (!copy_table (file, conn, tables[i], error))
      goto out;
  ok = pg_ok (conn, PQexec (conn, "SELECT setval (pg_get_serial_sequence ('communication', 'id'),"
                                  " (SELECT max (id) FROM communication))"), error) &&
       pg_ok (conn, PQexec (conn, "COMMIT"), error) &&
       pg_ok (conn, PQexec (conn, "ANALYZE device, communication"), error);
  if (ok)
    g_print ("copied the rows to the server in %.1f s (with ANALYZE)\n",
             bench_ms (start, g_get_monotonic_time ()) / 1000.0);

out:
  sqlite3_close (file);
  PQfinish (conn);
  return ok;
}
#endif

typedef struct
{
  const char *label;
  const char *search;
  LiaisonColumn sort;
  gboolean descending;
} Case;

static gboolean
time_case (LiaisonStore  *store,
           const Case    *c,
           double        *page_median,
           double        *ids_median,
           guint         *matches,
           GError       **error)
{
  LiaisonQuery query = { c->search, c->sort, c->descending };
  g_autofree double *page_ms = g_new0 (double, opt_runs);
  g_autofree double *ids_ms = g_new0 (double, opt_runs);

  for (gint run = 0; run < opt_runs; run++)
    {
      g_autoptr(GPtrArray) page = NULL;
      g_autoptr(GArray) ids = NULL;
      gint64 start;

      start = g_get_monotonic_time ();
      page = liaison_store_query_page (store, &query, 0, 100, error);
      if (page == NULL)
        return FALSE;
      page_ms[run] = bench_ms (start, g_get_monotonic_time ());

      start = g_get_monotonic_time ();
      ids = liaison_store_query_ids (store, &query, error);
      if (ids == NULL)
        return FALSE;
      ids_ms[run] = bench_ms (start, g_get_monotonic_time ());
      *matches = ids->len;

      if (page->len != MIN (ids->len, 100))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                       "%s: the page has %u rows but the query matches %u", c->label, page->len, ids->len);
          return FALSE;
        }
    }

  *page_median = bench_median (page_ms, opt_runs);
  *ids_median = bench_median (ids_ms, opt_runs);
  return TRUE;
}

static gboolean
run_cases (LiaisonStore  *store,
           GError       **error)
{
  g_autoptr(GArray) cases = g_array_new (FALSE, TRUE, sizeof (Case));
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  static const struct { const char *label; const char *term; } searches[] = {
    { "rare term", "rarebackupd" },
    { "medium term", "postgres" },
    { "common term", "srv-" },
    { "address prefix", "10.20.3." },
    { "2-character term", "db" },
    { "2-character term, no match", "zq" },
    { "2-character term, few matches", "ku" },
    { "1-character term", "t" },
    { "1-character term, few matches", "k" },
    { "1-character term, no match", "z" },
    { "3+ characters, no match", "zzzq" },
  };
  double worst_sort = 0, worst_search = 0, worst_sort_ids = 0, worst_search_ids = 0;

  for (guint col = 0; col < LIAISON_N_COLUMNS; col++)
    for (int desc = 0; desc < 2; desc++)
      {
        Case c = { NULL, NULL, col, desc };
        char *label = g_strdup_printf ("sort %s %s", liaison_column_to_string (col), desc ? "desc" : "asc");

        g_ptr_array_add (labels, label);
        c.label = label;
        g_array_append_val (cases, c);
      }
  for (guint s = 0; s < G_N_ELEMENTS (searches); s++)
    for (int sorted = 0; sorted < 2; sorted++)
      {
        Case c = { NULL, searches[s].term, sorted ? LIAISON_COLUMN_LAST_DETECTED : LIAISON_COLUMN_ID, sorted };
        char *label = g_strdup_printf ("search \"%s\" (%s)%s", searches[s].term, searches[s].label,
                                       sorted ? ", sort last_detected desc" : "");

        g_ptr_array_add (labels, label);
        c.label = label;
        g_array_append_val (cases, c);
      }

  g_print ("\n  %-66s %10s %10s %9s\n", "query (median of runs)", "page ms", "ids ms", "matches");
  for (guint i = 0; i < cases->len; i++)
    {
      const Case *c = &g_array_index (cases, Case, i);
      double page_ms, ids_ms;
      guint matches = 0;
      g_autofree char *name = NULL;

      if (!time_case (store, c, &page_ms, &ids_ms, &matches, error))
        return FALSE;
      g_print ("  %-66s %10.2f %10.1f %9u%s\n", c->label, page_ms, ids_ms, matches,
               page_ms < 100.0 ? "" : "  > 100 ms");

      /* The results table gets every search and the slowest sort; the
       * table above has every query. */
      if (c->search != NULL)
        {
          name = g_strdup_printf ("list first page: %s (ms)", c->label);
          bench_result (name, page_ms, "ms", "< 100", page_ms < 100.0 ? "yes" : "NO");
          worst_search = MAX (worst_search, page_ms);
          worst_search_ids = MAX (worst_search_ids, ids_ms);
        }
      else
        {
          worst_sort = MAX (worst_sort, page_ms);
          worst_sort_ids = MAX (worst_sort_ids, ids_ms);
        }
    }

  bench_result ("list first page, slowest of the 24 sorts (ms)", worst_sort, "ms", "< 100",
                worst_sort < 100 ? "yes" : "NO");
  bench_result ("list all ids (query_ids), slowest of the 24 sorts (ms)", worst_sort_ids, "ms", NULL, NULL);
  bench_result ("list first page, slowest search (ms)", worst_search, "ms", "< 100",
                worst_search < 100 ? "yes" : "NO");
  bench_result ("list all ids (query_ids), slowest search (ms)", worst_search_ids, "ms", NULL, NULL);

  /* Scrolling: 100 rows by id from the middle of the id list. */
  {
    LiaisonQuery query = { NULL, LIAISON_COLUMN_LAST_DETECTED, TRUE };
    g_autoptr(GArray) ids = liaison_store_query_ids (store, &query, error);
    g_autofree double *ms = g_new0 (double, opt_runs);

    if (ids == NULL)
      return FALSE;
    for (gint run = 0; run < opt_runs; run++)
      {
        guint at = ids->len / 2 + (guint) run * 1000;
        g_autoptr(GPtrArray) rows = NULL;
        gint64 start = g_get_monotonic_time ();

        at = MIN (at, ids->len > 100 ? ids->len - 100 : 0);
        rows = liaison_store_get_communications (store, &g_array_index (ids, gint64, at),
                                                 MIN (100, ids->len - at), error);
        if (rows == NULL)
          return FALSE;
        ms[run] = bench_ms (start, g_get_monotonic_time ());
      }
    g_print ("  %-66s %10.2f\n", "get_communications: 100 rows by id, middle of the list", bench_median (ms, opt_runs));
    bench_result ("list scroll: 100 rows by id from the middle (ms)", bench_median (ms, opt_runs), "ms", "< 100",
                  bench_median (ms, opt_runs) < 100 ? "yes" : "NO");
  }
  return TRUE;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("- time the list queries over many service communications");
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaisonStore) store = NULL;
  g_autofree char *path = NULL;
  g_autofree char *name = NULL;
  g_autofree char *cache_dir = NULL;
  gint64 count;

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bench-list: %s\n", error->message);
      return 2;
    }
  if (!g_str_equal (opt_method, "mixed") && !g_str_equal (opt_method, "add") && !g_str_equal (opt_method, "observe"))
    {
      g_printerr ("bench-list: --method is mixed, add or observe, not “%s”\n", opt_method);
      return 2;
    }
  opt_runs = CLAMP (opt_runs, 1, 99);
  if (opt_rows < 1 || opt_rows > 65536 * N_LISTENERS)
    {
      g_printerr ("bench-list: --rows must be between 1 and %d\n", 65536 * N_LISTENERS);
      return 2;
    }

  name = g_strdup_printf ("liaison-bench-list-%d-%s.db", opt_rows, opt_method);
  cache_dir = bench_cache_dir (opt_cache_dir);
  path = g_build_filename (cache_dir, name, NULL);
  if (opt_rebuild)
    bench_remove_database (path);

  store = liaison_store_open (path, &error);
  if (store == NULL)
    {
      g_printerr ("bench-list: %s: %s\n", path, error->message);
      return 1;
    }
  count = liaison_store_count_communications (store, &error);
  if (count < 0)
    {
      g_printerr ("bench-list: %s\n", error->message);
      return 1;
    }
  if (count != opt_rows)
    {
      g_clear_object (&store);
      bench_remove_database (path);
      store = liaison_store_open (path, &error);
      if (store == NULL || !build_database (store, opt_rows, &error))
        {
          g_printerr ("bench-list: building %s: %s\n", path, error->message);
          bench_remove_database (path);
          return 1;
        }
    }
  else
    g_print ("using the cached database %s (%" G_GINT64_FORMAT " rows, made with --method %s)\n",
             path, count, opt_method);

  if (opt_server != NULL)
    {
#ifdef HAVE_LIBPQ
      g_autofree char *uri = bench_database (opt_server, cache_dir, name);

      g_clear_object (&store);
      store = liaison_store_open (uri, &error);
      count = store != NULL ? liaison_store_count_communications (store, &error) : -1;
      if (count != opt_rows)
        {
          g_clear_object (&store);
          g_clear_error (&error);
          bench_remove_database (uri);
          store = liaison_store_open (uri, &error);
          g_clear_object (&store);
          if (error != NULL || !copy_to_server (path, uri, &error) ||
              (store = liaison_store_open (uri, &error)) == NULL)
            {
              g_printerr ("bench-list: filling %s: %s\n", uri, error->message);
              return 1;
            }
        }
      else
        g_print ("using the cached rows on the server (%" G_GINT64_FORMAT ")\n", count);
      g_print ("on the server %s\n", uri);
#else
      g_printerr ("bench-list: --server: this build has no libpq\n");
      return 2;
#endif
    }

  g_print ("list over %d service communications, %d runs each, first page = 100 rows\n", opt_rows, opt_runs);
  if (opt_search != NULL || opt_sort != NULL)
    {
      g_auto(GStrv) parts = g_strsplit (opt_sort != NULL ? opt_sort : "id", ":", 2);
      Case c = { "selected query", opt_search, LIAISON_COLUMN_ID, parts[1] != NULL && g_str_equal (parts[1], "desc") };
      g_autofree char *name = NULL;
      double page_ms, ids_ms;
      guint matches = 0;

      if (!liaison_column_from_string (parts[0], &c.sort))
        {
          g_printerr ("bench-list: no column “%s”\n", parts[0]);
          return 2;
        }
      if (!time_case (store, &c, &page_ms, &ids_ms, &matches, &error))
        {
          g_printerr ("bench-list: %s\n", error->message);
          return 1;
        }
      g_print ("  search %s, sort %s: first page %.2f ms, all ids %.1f ms, %u matches\n",
               opt_search != NULL ? opt_search : "(none)", opt_sort != NULL ? opt_sort : "id",
               page_ms, ids_ms, matches);
      name = g_strdup_printf ("list first page, search %s, sort %s (ms)",
                              opt_search != NULL ? opt_search : "(none)", opt_sort != NULL ? opt_sort : "id");
      bench_result (name, page_ms, "ms", "< 100", page_ms < 100.0 ? "yes" : "NO");
      return 0;
    }
  if (!run_cases (store, &error))
    {
      g_printerr ("bench-list: %s\n", error->message);
      return 1;
    }
  return 0;
}
