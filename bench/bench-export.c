/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-bench"

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>
#include <sys/resource.h>

#include "bench-common.h"
#include "liaison-address.h"
#include "liaison-export.h"
#include "liaison-store.h"
#include "liaison-store-private.h"

/*
 * bench-export: liaison_export_statistics() of N statistics records (each
 * with a netstat part, a netflow part and 0-3 gap segments) to a file:
 * wall time and peak resident memory (VmHWM), against the goals of 3 s and
 * 100 MB for a million records.
 *
 * The database is filled directly with SQL in the schema of
 * src/core/liaison-store-schema.c (one transaction, through the store's own
 * SQLite handle), not through the importers: a million distinct
 * (listener, client) pairs with both parts would take far longer to make
 * from samples, and the export reads only these tables. It is cached in
 * --cache-dir keyed by N.
 *
 * Each measured export runs in a fresh child process (this program with
 * --once), so that the peak memory is the export's alone. Beside it: the
 * sqlite3 program dumping the same rows with their gap segments as JSON
 * (`sqlite3 -json`) to a file, timed the same way, its peak memory read
 * with getrusage(RUSAGE_CHILDREN).
 */

static gint opt_records = 1000000;
static gint opt_runs = 3;
static char *opt_cache_dir;
static char *opt_output;
static char *opt_sqlite3 = (char *) "sqlite3";
static gboolean opt_no_baseline;
static gboolean opt_rebuild;
static char *opt_once;
static char *opt_baseline_once;

static const GOptionEntry entries[] = {
  { "records", 'n', 0, G_OPTION_ARG_INT, &opt_records, "Statistics records in the database (1000000)", "N" },
  { "runs", 'r', 0, G_OPTION_ARG_INT, &opt_runs, "Repetitions (3)", "N" },
  { "cache-dir", 0, 0, G_OPTION_ARG_FILENAME, &opt_cache_dir, "Where the database is kept between runs (liaison-bench-UID in the temporary folder)", "DIR" },
  { "output", 'o', 0, G_OPTION_ARG_FILENAME, &opt_output, "Where the exported document goes (next to the database)", "FILE" },
  { "sqlite3", 0, 0, G_OPTION_ARG_FILENAME, &opt_sqlite3, "The sqlite3 program (sqlite3)", "PROGRAM" },
  { "no-baseline", 0, 0, G_OPTION_ARG_NONE, &opt_no_baseline, "Measure Liaison only", NULL },
  { "rebuild", 0, 0, G_OPTION_ARG_NONE, &opt_rebuild, "Build the database again even if cached", NULL },
  { "once", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_FILENAME, &opt_once, "Export DATABASE once to --output and print the figures", "DATABASE" },
  { "baseline-once", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_FILENAME, &opt_baseline_once, "Dump DATABASE with sqlite3 once", "DATABASE" },
  { NULL }
};

#define BASELINE_SQL \
  "SELECT r.listener_ip, r.port, r.protocol, r.client_ip, r.listener_device, r.client_device," \
  " r.ns_total_samples, r.ns_active_samples, r.ns_total_ports, r.ns_first_found, r.ns_last_found," \
  " r.nf_interval, r.nf_active_samples, r.nf_total_events, r.nf_total_ports, r.nf_first_found," \
  " r.nf_last_found, r.nf_gap_span," \
  " (SELECT json_group_array(json_array(g.gap_from, g.gap_to)) FROM gap_segment AS g" \
  "  WHERE g.record_id = r.id) AS gap_segments" \
  " FROM stat_record AS r" \
  " ORDER BY r.listener_key, r.port, r.protocol, r.client_key, r.listener_device;"

static const guint ports[] = {
  443, 80, 22, 5432, 3306, 6379, 8080, 8443, 9200, 25, 389, 636, 5672, 9092, 2049, 53,
};

#define T0 G_GINT64_CONSTANT (1793577600000)     /* 2026-11-01T00:00:00Z */
#define DAY_MS G_GINT64_CONSTANT (86400000)

static gboolean
step_done (LiaisonStore  *store,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  gboolean ok = sqlite3_step (stmt) == SQLITE_DONE;

  if (!ok)
    liaison_store_set_error (store, error);
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  return ok;
}

static gboolean
build_database (LiaisonStore  *store,
                gint           n_records,
                GError       **error)
{
  sqlite3 *db = liaison_store_get_db (store);
  sqlite3_stmt *record_stmt = NULL, *gap_stmt = NULL, *sample_stmt = NULL;
  gint64 start = g_get_monotonic_time ();
  LiaisonTime newest = 0;
  guint n_gaps = 0;
  gboolean ok = FALSE;

  if (!liaison_store_begin (store, error))
    return FALSE;

  if (sqlite3_prepare_v2 (db,
                          "INSERT INTO stat_record (id, listener_ip, listener_key, port, protocol, client_ip,"
                          " client_key, scope, listener_device, client_device, ns_host, ns_total_samples,"
                          " ns_active_samples, ns_total_ports, ns_first_found, ns_last_found, nf_interval,"
                          " nf_active_samples, nf_total_events, nf_total_ports, nf_first_found, nf_last_found,"
                          " nf_first_interval, nf_gap_span)"
                          " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, '', ?8, ?9, ?8, ?10, ?11, ?12, ?13, ?14,"
                          " 300, ?15, ?16, ?17, ?18, ?19, 300, ?20)",
                          -1, &record_stmt, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (db,
                          "INSERT INTO gap_segment (record_id, gap_from, gap_to, to_interval) VALUES (?, ?, ?, 300)",
                          -1, &gap_stmt, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (db,
                          "INSERT INTO sample (kind, content_hash, file_name, window_start, window_end, interval,"
                          " records, imported_at) VALUES ('netflow', ?1, 'bench.csv', ?2, ?3, 300, ?4, ?3)",
                          -1, &sample_stmt, NULL) != SQLITE_OK)
    {
      liaison_store_set_error (store, error);
      goto out;
    }

  for (gint i = 0; i < n_records; i++)
    {
      guint host = (guint) i / 1000;
      guint port = ports[((guint) i / 500) % 2 + 2 * (host % 8)];
      guint client = (guint) i % 500 + 500 * (host % 120);
      gboolean v6 = host % 25 == 3;
      guint32 h = bench_mix ((guint32) i);
      char listener_ip[48], client_ip[48], listener_device[16], client_device[16];
      LiaisonAddress listener_address, client_address;
      guint8 listener_key[LIAISON_ADDRESS_KEY_LEN], client_key[LIAISON_ADDRESS_KEY_LEN];
      gint64 ns_total = 100 + h % 1900, ns_active = 1 + (h >> 4) % ns_total;
      LiaisonTime ns_first = T0 + (LiaisonTime) (h % 20) * DAY_MS;
      LiaisonTime nf_first = T0 + (LiaisonTime) ((h >> 3) % (20u * 86400u)) * 1000;
      LiaisonTime nf_last = nf_first + DAY_MS + (LiaisonTime) ((h >> 9) % 86400u) * 1000;
      guint gaps = (h >> 20) % 4;
      LiaisonTime gap_from[4], gap_to[4];
      gint64 gap_span = 0;
      gint64 nf_active = 1 + (h >> 11) % 288;

      if (v6)
        {
          g_snprintf (listener_ip, sizeof listener_ip, "2001:db8:10::%x", host + 1);
          g_snprintf (client_ip, sizeof client_ip, "2001:db8:20::%x", client + 1);
        }
      else
        {
          g_snprintf (listener_ip, sizeof listener_ip, "10.10.%u.%u", host / 250, host % 250 + 1);
          g_snprintf (client_ip, sizeof client_ip, "10.%u.%u.%u", 20 + client / 62500, (client / 250) % 250, client % 250 + 1);
        }
      g_snprintf (listener_device, sizeof listener_device, "srv-%04u", host);
      g_snprintf (client_device, sizeof client_device, "ws-%05u", client);
      if (!liaison_address_parse (listener_ip, -1, &listener_address) ||
          !liaison_address_parse (client_ip, -1, &client_address))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "cannot parse %s or %s", listener_ip, client_ip);
          goto out;
        }
      liaison_address_to_key (&listener_address, listener_key);
      liaison_address_to_key (&client_address, client_key);

      /* Gap segments, evenly placed, each longer than the interval. */
      for (guint g = 0; g < gaps; g++)
        {
          LiaisonTime span = nf_last - nf_first;

          gap_from[g] = nf_first + span * (LiaisonTime) (2 * g + 1) / (LiaisonTime) (2 * gaps + 1);
          gap_to[g] = gap_from[g] + 301000 + (LiaisonTime) ((h >> (g * 3)) % 3000u) * 1000;
          gap_span += gap_to[g] - gap_from[g];
        }

      sqlite3_bind_int64 (record_stmt, 1, i + 1);
      sqlite3_bind_text (record_stmt, 2, listener_ip, -1, SQLITE_TRANSIENT);
      sqlite3_bind_blob (record_stmt, 3, listener_key, sizeof listener_key, SQLITE_TRANSIENT);
      sqlite3_bind_int (record_stmt, 4, (int) port);
      sqlite3_bind_text (record_stmt, 5, port == 53 ? "udp" : "tcp", -1, SQLITE_STATIC);
      sqlite3_bind_text (record_stmt, 6, client_ip, -1, SQLITE_TRANSIENT);
      sqlite3_bind_blob (record_stmt, 7, client_key, sizeof client_key, SQLITE_TRANSIENT);
      sqlite3_bind_text (record_stmt, 8, listener_device, -1, SQLITE_TRANSIENT);
      if (client % 3 == 0)
        sqlite3_bind_text (record_stmt, 9, client_device, -1, SQLITE_TRANSIENT);
      else
        sqlite3_bind_null (record_stmt, 9);
      sqlite3_bind_int64 (record_stmt, 10, ns_total);
      sqlite3_bind_int64 (record_stmt, 11, ns_active);
      sqlite3_bind_int64 (record_stmt, 12, ns_active * (1 + (h >> 13) % 5));
      sqlite3_bind_int64 (record_stmt, 13, ns_first);
      sqlite3_bind_int64 (record_stmt, 14, ns_first + (LiaisonTime) (1 + (h >> 5) % 10) * DAY_MS);
      sqlite3_bind_int64 (record_stmt, 15, nf_active);
      sqlite3_bind_int64 (record_stmt, 16, nf_active * (1 + (h >> 7) % 40));
      sqlite3_bind_int64 (record_stmt, 17, nf_active * (1 + (h >> 10) % 6));
      sqlite3_bind_int64 (record_stmt, 18, nf_first);
      sqlite3_bind_int64 (record_stmt, 19, nf_last);
      sqlite3_bind_int64 (record_stmt, 20, gap_span);
      if (!step_done (store, record_stmt, error))
        goto out;

      for (guint g = 0; g < gaps; g++)
        {
          sqlite3_bind_int64 (gap_stmt, 1, i + 1);
          sqlite3_bind_int64 (gap_stmt, 2, gap_from[g]);
          sqlite3_bind_int64 (gap_stmt, 3, gap_to[g]);
          if (!step_done (store, gap_stmt, error))
            goto out;
          n_gaps++;
        }

      newest = MAX (newest, nf_last);
    }

  /* The newest netflow window, which pending spans are measured against. */
  {
    LiaisonTime window_end = (newest / 300000 + 1) * 300000;

    sqlite3_bind_text (sample_stmt, 1, "bench-export", -1, SQLITE_STATIC);
    sqlite3_bind_int64 (sample_stmt, 2, window_end - 300000);
    sqlite3_bind_int64 (sample_stmt, 3, window_end);
    sqlite3_bind_int64 (sample_stmt, 4, n_records);
    if (!step_done (store, sample_stmt, error))
      goto out;
  }

  ok = TRUE;

out:
  sqlite3_finalize (record_stmt);
  sqlite3_finalize (gap_stmt);
  sqlite3_finalize (sample_stmt);
  if (!ok)
    {
      liaison_store_rollback (store);
      return FALSE;
    }
  if (!liaison_store_commit (store, error))
    return FALSE;
  g_print ("built %d statistics records with %u gap segments in %.1f s (direct SQL)\n",
           n_records, n_gaps, bench_ms (start, g_get_monotonic_time ()) / 1000.0);
  return TRUE;
}

/* --once: one export in this (fresh) process. */
static int
export_once (const char *db_path,
             const char *output)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaisonStore) store = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (output);
  g_autoptr(GFileOutputStream) stream = NULL;
  gint64 before_kb, start;
  double ms;
  goffset size;

  store = liaison_store_open (db_path, &error);
  if (store == NULL)
    goto fail;
  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, &error);
  if (stream == NULL)
    goto fail;

  before_kb = bench_peak_rss_kb ();
  start = g_get_monotonic_time ();
  if (!liaison_export_statistics (store, NULL, G_GINT64_CONSTANT (1795737600000),
                                  G_OUTPUT_STREAM (stream), NULL, &error))
    goto fail;
  size = g_seekable_tell (G_SEEKABLE (stream));
  if (!g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, &error))
    goto fail;
  ms = bench_ms (start, g_get_monotonic_time ());

  g_print ("ONCE\t%.3f\t%" G_GINT64_FORMAT "\t%" G_GINT64_FORMAT "\t%" G_GINT64_FORMAT "\n",
           ms, bench_peak_rss_kb (), before_kb, (gint64) size);
  return 0;

fail:
  g_printerr ("bench-export: %s\n", error->message);
  return 1;
}

/* --baseline-once: sqlite3 -json of the same rows, in a child of this process. */
static int
baseline_once (const char *db_path,
               const char *output)
{
  g_autoptr(GError) error = NULL;
  const char *argv[] = { opt_sqlite3, "-json", db_path, BASELINE_SQL, NULL };
  struct rusage usage;
  GStatBuf st;
  double ms;

  if (!bench_run (argv, output, &ms, &error))
    {
      g_printerr ("bench-export: %s: %s\n", opt_sqlite3, error->message);
      return 1;
    }
  getrusage (RUSAGE_CHILDREN, &usage);
  if (g_stat (output, &st) != 0)
    st.st_size = 0;
  g_print ("ONCE\t%.3f\t%ld\t0\t%" G_GINT64_FORMAT "\n", ms, usage.ru_maxrss, (gint64) st.st_size);
  return 0;
}

typedef struct
{
  double ms;
  double peak_mb;
  double before_mb;
  double size_mb;
} Figures;

/* Runs this program with @mode in a child and reads its ONCE line. */
static gboolean
run_child (const char  *self,
           const char  *mode,
           const char  *db_path,
           const char  *output,
           Figures     *figures,
           GError     **error)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autofree char *out = NULL;
  g_auto(GStrv) fields = NULL;
  const char *line;

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, error,
                              self, mode, db_path, "--output", output, "--sqlite3", opt_sqlite3, NULL);
  if (process == NULL)
    return FALSE;
  if (!g_subprocess_communicate_utf8 (process, NULL, NULL, &out, NULL, error) ||
      !g_subprocess_wait_check (process, NULL, error))
    return FALSE;
  line = strstr (out, "ONCE\t");
  if (line == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "no figures from %s %s", self, mode);
      return FALSE;
    }
  fields = g_strsplit (line, "\t", -1);
  if (g_strv_length (fields) < 5)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "bad figures from %s %s", self, mode);
      return FALSE;
    }
  figures->ms = g_ascii_strtod (fields[1], NULL);
  figures->peak_mb = g_ascii_strtod (fields[2], NULL) / 1024.0;
  figures->before_mb = g_ascii_strtod (fields[3], NULL) / 1024.0;
  figures->size_mb = g_ascii_strtod (fields[4], NULL) / 1048576.0;
  return TRUE;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("- time the statistics export");
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *name = NULL;
  g_autofree char *cache_dir = NULL;
  g_autofree char *self = NULL;
  g_autofree char *output = NULL;
  g_autofree char *base_output = NULL;
  g_autofree double *ms = NULL, *peak = NULL, *base_ms = NULL, *base_peak = NULL;
  double size_mb = 0, base_size_mb = 0, before_mb = 0;
  double ms_median, peak_median;

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bench-export: %s\n", error->message);
      return 2;
    }
  if (opt_once != NULL || opt_baseline_once != NULL)
    {
      if (opt_output == NULL)
        {
          g_printerr ("bench-export: --once and --baseline-once need --output\n");
          return 2;
        }
      return opt_once != NULL ? export_once (opt_once, opt_output) : baseline_once (opt_baseline_once, opt_output);
    }
  opt_runs = CLAMP (opt_runs, 1, 99);
  if (opt_records < 1 || opt_records > 100000000)
    {
      g_printerr ("bench-export: --records must be between 1 and 100000000\n");
      return 2;
    }

  self = g_file_read_link ("/proc/self/exe", &error);
  if (self == NULL)
    {
      g_printerr ("bench-export: %s\n", error->message);
      return 1;
    }

  name = g_strdup_printf ("liaison-bench-export-%d.db", opt_records);
  cache_dir = bench_cache_dir (opt_cache_dir);
  path = g_build_filename (cache_dir, name, NULL);
  output = opt_output != NULL ? g_strdup (opt_output) : g_strconcat (path, ".json", NULL);
  base_output = g_strconcat (output, ".sqlite3.json", NULL);
  if (opt_rebuild)
    bench_remove_database (path);

  /* Build the database once, in this process (the measured runs are children). */
  {
    g_autoptr(LiaisonStore) store = liaison_store_open (path, &error);
    g_autoptr(LiaisonStmt) stmt = NULL;
    gint64 count = -1;

    if (store == NULL)
      {
        g_printerr ("bench-export: %s: %s\n", path, error->message);
        return 1;
      }
    stmt = liaison_store_prepare (store, "SELECT count(*) FROM stat_record", &error);
    if (stmt != NULL && liaison_stmt_step (stmt) == LIAISON_ROW)
      count = liaison_stmt_column_int64 (stmt, 0);
    g_clear_pointer (&stmt, liaison_stmt_release);
    if (count != opt_records)
      {
        g_clear_object (&store);
        bench_remove_database (path);
        store = liaison_store_open (path, &error);
        if (store == NULL || !build_database (store, opt_records, &error))
          {
            g_printerr ("bench-export: building %s: %s\n", path, error->message);
            bench_remove_database (path);
            return 1;
          }
      }
    else
      g_print ("using the cached database %s (%" G_GINT64_FORMAT " statistics records)\n", path, count);
  }

  ms = g_new0 (double, opt_runs);
  peak = g_new0 (double, opt_runs);
  base_ms = g_new0 (double, opt_runs);
  base_peak = g_new0 (double, opt_runs);

  for (gint run = 0; run < opt_runs; run++)
    {
      Figures f;

      if (!run_child (self, "--once", path, output, &f, &error))
        {
          g_printerr ("bench-export: %s\n", error->message);
          return 1;
        }
      ms[run] = f.ms;
      peak[run] = f.peak_mb;
      before_mb = f.before_mb;
      size_mb = f.size_mb;

      if (!opt_no_baseline)
        {
          if (!run_child (self, "--baseline-once", path, base_output, &f, &error))
            {
              g_printerr ("bench-export: %s\n", error->message);
              return 1;
            }
          base_ms[run] = f.ms;
          base_peak[run] = f.peak_mb;
          base_size_mb = f.size_mb;
        }
    }

  g_print ("export of %d statistics records to %s (%.0f MB)\n", opt_records, output, size_mb);
  bench_print_runs ("liaison_export_statistics: time", ms, opt_runs, "ms");
  bench_print_runs ("liaison_export_statistics: peak RSS (VmHWM) of the process", peak, opt_runs, "MB");
  g_print ("  (%.1f MB of that was already resident before the export began)\n", before_mb);
  if (!opt_no_baseline)
    {
      g_print ("sqlite3 -json of the same rows and gap segments to %s (%.0f MB)\n", base_output, base_size_mb);
      bench_print_runs ("sqlite3 -json: time", base_ms, opt_runs, "ms");
      bench_print_runs ("sqlite3 -json: peak RSS", base_peak, opt_runs, "MB");
    }

  ms_median = bench_median (ms, opt_runs);
  peak_median = bench_median (peak, opt_runs);
  bench_result ("export: time (ms)", ms_median, "ms", "< 3000", ms_median < 3000 ? "yes" : "NO");
  bench_result ("export: peak RSS (MB)", peak_median, "MB", "< 100", peak_median < 100 ? "yes" : "NO");
  bench_result ("export: records/s", opt_records / (ms_median / 1000.0), "records/s", NULL, NULL);
  if (!opt_no_baseline)
    {
      double b = bench_median (base_ms, opt_runs);

      bench_result ("baseline: sqlite3 -json dump (ms)", b, "ms", NULL, NULL);
      bench_result ("baseline: sqlite3 -json peak RSS (MB)", bench_median (base_peak, opt_runs), "MB", NULL, NULL);
      bench_result ("export: Liaison time / sqlite3 time", ms_median / b, "x", NULL, NULL);
    }

  g_unlink (base_output);
  if (opt_output == NULL)
    g_unlink (output);
  return 0;
}
