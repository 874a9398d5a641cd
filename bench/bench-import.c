/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-bench"

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>

#include "bench-common.h"
#include "liaison-import.h"
#include "liaison-netflow-parser.h"
#include "liaison-netstat-parser.h"
#include "liaison-store-private.h"

/*
 * bench-import: how fast samples go into a database.
 *
 * - netflow: liaison_import_files() of one nfdump CSV file (interval 300)
 *   into a fresh database, timed inside this process; records per second.
 *   Beside it, what a user would do without Liaison: the sqlite3 program
 *   `.import --csv` of the same file into a table plus one GROUP BY over
 *   the pairs, timed from start to exit.
 * - netflow, parse only: liaison_netflow_read_file() alone, to tell the
 *   parser's share from the statistics and the database's.
 * - netflow, next window: a second file (the next 300 s of the same
 *   network) imported into the database that holds the first, the steady
 *   state of a collector feeding Liaison every five minutes.
 * - nfcapd: liaison_import_files() of one nfcapd file (made by nfcapd
 *   itself, gen-nfcapd) into a fresh database, beside `nfdump -r FILE -o
 *   fmt:...` alone with its output thrown away: what reading the file costs
 *   at the least, since Liaison reads nfcapd files through nfdump. The goal
 *   is against the very rows Liaison asks for (the start in seconds); the
 *   same with the start as a date is printed beside it.
 * - netstat: liaison_import_files() of one `ss -tanp` sample into a fresh
 *   database. Beside it: awk counting connections per (listener, client).
 *
 * With --server URI, the netflow files also go into a schema of their own
 * on that PostgreSQL server in every run, right after SQLite's, and the
 * server's rate is compared with SQLite's (team.md 4: at least half).
 *
 * Every measurement is repeated --runs times; the median is reported.
 */

static char *opt_netflow;
static char *opt_netflow_next;
static char *opt_netstat;
static char *opt_nfcapd;
static char *opt_workdir;
static char *opt_server;
static char *opt_sqlite3 = (char *) "sqlite3";
static char *opt_awk = (char *) "awk";
static gint opt_runs = 3;
static gboolean opt_no_baseline;
static gboolean opt_statements;

static const GOptionEntry entries[] = {
  { "netflow", 0, 0, G_OPTION_ARG_FILENAME, &opt_netflow, "nfdump CSV sample to import", "FILE" },
  { "netflow-next", 0, 0, G_OPTION_ARG_FILENAME, &opt_netflow_next, "The next window's sample, imported after the first", "FILE" },
  { "nfcapd", 0, 0, G_OPTION_ARG_FILENAME, &opt_nfcapd, "nfcapd file to import (see gen-nfcapd)", "FILE" },
  { "netstat", 0, 0, G_OPTION_ARG_FILENAME, &opt_netstat, "ss -tanp sample to import", "FILE" },
  { "server", 0, 0, G_OPTION_ARG_STRING, &opt_server, "Also import the netflow files into a schema of this PostgreSQL database, beside SQLite", "URI" },
  { "workdir", 0, 0, G_OPTION_ARG_FILENAME, &opt_workdir, "Folder for the databases (a temporary one)", "DIR" },
  { "runs", 'r', 0, G_OPTION_ARG_INT, &opt_runs, "Repetitions of each measurement (3)", "N" },
  { "sqlite3", 0, 0, G_OPTION_ARG_FILENAME, &opt_sqlite3, "The sqlite3 program (sqlite3)", "PROGRAM" },
  { "awk", 0, 0, G_OPTION_ARG_FILENAME, &opt_awk, "The awk program (awk)", "PROGRAM" },
  { "no-baseline", 0, 0, G_OPTION_ARG_NONE, &opt_no_baseline, "Measure Liaison only", NULL },
  { "statements", 0, 0, G_OPTION_ARG_NONE, &opt_statements, "Count the statements each netflow import runs, by text (round trips on a server)", NULL },
  { NULL }
};

static LiaisonStore *
open_fresh (const char  *path,
            GError     **error)
{
  bench_remove_database (path);
  return liaison_store_open (path, error);
}

/* --statements: how often each statement ran (SQL text -> count). */
static GHashTable *statement_counts;

static void
count_statement (const char *sql,
                 gpointer    data)
{
  gpointer n = g_hash_table_lookup (statement_counts, sql);

  /* SQLite's texts of its own statements (the search index's) do not outlive them. */
  g_hash_table_replace (statement_counts, g_strdup (sql), GSIZE_TO_POINTER (GPOINTER_TO_SIZE (n) + 1));
}

static gint
count_compare (gconstpointer a,
               gconstpointer b,
               gpointer      data)
{
  gsize x = GPOINTER_TO_SIZE (g_hash_table_lookup (data, *(const char *const *) a));
  gsize y = GPOINTER_TO_SIZE (g_hash_table_lookup (data, *(const char *const *) b));

  return x < y ? 1 : x > y ? -1 : 0;
}

/* Prints the statements counted since the last call, most frequent first. */
static void
print_statements (void)
{
  g_autofree gpointer *texts = NULL;
  guint n = 0;
  gsize total = 0;

  if (statement_counts == NULL)
    return;
  texts = g_hash_table_get_keys_as_array (statement_counts, &n);
  g_qsort_with_data (texts, n, sizeof *texts, count_compare, statement_counts);
  for (guint i = 0; i < n; i++)
    total += GPOINTER_TO_SIZE (g_hash_table_lookup (statement_counts, texts[i]));
  g_print ("  %" G_GSIZE_FORMAT " statements:\n", total);
  for (guint i = 0; i < n && i < 12; i++)
    g_print ("  %9" G_GSIZE_FORMAT "  %.110s\n", GPOINTER_TO_SIZE (g_hash_table_lookup (statement_counts, texts[i])),
             (const char *) texts[i]);
  g_hash_table_remove_all (statement_counts);
}

/* The processor time of the last time_import(), in ms. */
static double last_cpu_ms;

/* Imports @paths (one sample per file) into @store; returns the elapsed ms
 * or < 0, and leaves the processor time in last_cpu_ms. */
static double
time_import (LiaisonStore          *store,
             LiaisonSampleKind      kind,
             const char            *path,
             LiaisonImportSummary  *summary,
             GError               **error)
{
  double cpu_start = bench_cpu_ms ();
  LiaisonImportOptions options = { 0 };
  const char *paths[] = { path, NULL };
  gint64 start;

  options.kind = kind;
  options.host = kind == LIAISON_SAMPLE_NETSTAT ? "bench01" : NULL;
  options.time = kind == LIAISON_SAMPLE_NETSTAT ? G_GINT64_CONSTANT (1795737600000) : LIAISON_TIME_NONE;
  options.interval = 300;
  options.start = LIAISON_TIME_NONE;
  options.local_time = FALSE;

  if (opt_statements)
    {
      if (statement_counts == NULL)
        statement_counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      liaison_store_set_statement_hook (store, count_statement, NULL);
    }
  start = g_get_monotonic_time ();
  if (!liaison_import_files (store, &options, paths, NULL, NULL, NULL, summary, error))
    return -1.0;
  last_cpu_ms = bench_cpu_ms () - cpu_start;
  print_statements ();
  return bench_ms (start, g_get_monotonic_time ());
}

/* A fresh database with the flow file @path imported; the first run says what it added. */
static LiaisonStore *
import_fresh (const char  *db_path,
              const char  *path,
              gint         run,
              double      *ms,
              guint       *records,
              GError     **error)
{
  g_autoptr(LiaisonStore) store = open_fresh (db_path, error);
  LiaisonImportSummary summary = { 0 };

  if (store == NULL)
    return NULL;
  *ms = time_import (store, LIAISON_SAMPLE_NETFLOW, path, &summary, error);
  if (*ms < 0)
    return NULL;
  *records = summary.records;
  if (run == 0)
    g_print ("  imported %u records, %u new service communications, %u new statistics records\n",
             summary.records, summary.new_communications, summary.new_statistics);
  return g_steal_pointer (&store);
}

/* The netflow file into a fresh database at @db_path, then the next window's if given. */
static gboolean
import_both (const char  *db_path,
             gint         run,
             double      *ms,
             double      *next_ms,
             double      *cpu_ms,
             double      *next_cpu_ms,
             guint       *records,
             guint       *next_records,
             GError     **error)
{
  g_autoptr(LiaisonStore) store = import_fresh (db_path, opt_netflow, run, ms, records, error);
  LiaisonImportSummary next = { 0 };

  if (store == NULL)
    return FALSE;
  *cpu_ms = last_cpu_ms;
  if (opt_netflow_next == NULL)
    return TRUE;
  *next_ms = time_import (store, LIAISON_SAMPLE_NETFLOW, opt_netflow_next, &next, error);
  *next_cpu_ms = last_cpu_ms;
  *next_records = next.records;
  return *next_ms >= 0;
}

static gboolean
bench_netflow (const char  *workdir,
               GError     **error)
{
  g_autofree char *db_path = g_build_filename (workdir, "netflow.db", NULL);
  g_autofree char *base_path = g_build_filename (workdir, "netflow-sqlite3.db", NULL);
  g_autofree double *import_ms = g_new0 (double, opt_runs);
  g_autofree double *parse_ms = g_new0 (double, opt_runs);
  g_autofree double *next_ms = g_new0 (double, opt_runs);
  g_autofree double *base_ms = g_new0 (double, opt_runs);
  g_autofree double *import_cpu = g_new0 (double, opt_runs);
  g_autofree double *next_cpu = g_new0 (double, opt_runs);
  g_autofree double *server_ms = g_new0 (double, opt_runs);
  g_autofree double *server_next_ms = g_new0 (double, opt_runs);
  g_autofree char *server_db = NULL;
  guint records = 0, next_records = 0;
  double import_median, base_median, rate, cpu_rate;

  if (opt_server != NULL)
    server_db = bench_database (opt_server, workdir, "import_netflow");

  g_print ("netflow: %s\n", opt_netflow);
  for (gint run = 0; run < opt_runs; run++)
    {
      g_autoptr(LiaisonStore) store = NULL;

      /* Parse alone. */
      {
        g_autoptr(LiaisonFlowFile) file = NULL;
        gint64 start = g_get_monotonic_time ();

        file = liaison_netflow_read_file (opt_netflow, NULL, error);
        if (file == NULL)
          return FALSE;
        parse_ms[run] = bench_ms (start, g_get_monotonic_time ());
      }

      if (!import_both (db_path, run, &import_ms[run], &next_ms[run], &import_cpu[run], &next_cpu[run], &records,
                        &next_records, error))
        return FALSE;

      if (server_db != NULL)
        {
          guint server_records = 0, server_next = 0;
          double server_cpu = 0, server_next_cpu = 0;

          if (!import_both (server_db, run, &server_ms[run], &server_next_ms[run], &server_cpu, &server_next_cpu,
                            &server_records, &server_next, error))
            return FALSE;
          if (server_records != records || server_next != next_records)
            {
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           "the server took %u and %u records, SQLite %u and %u", server_records, server_next,
                           records, next_records);
              return FALSE;
            }
        }

      if (!opt_no_baseline)
        {
          g_autofree char *import_cmd = g_strdup_printf (".import --csv %s t", opt_netflow);
          const char *argv[] = {
            opt_sqlite3, base_path, import_cmd,
            "SELECT sa, da, dp, pr, count(*), count(DISTINCT sp), min(ts), max(te)"
            " FROM t GROUP BY sa, da, dp, pr;",
            NULL
          };

          bench_remove_database (base_path);
          if (!bench_run (argv, NULL, &base_ms[run], error))
            return FALSE;
        }
    }

  bench_print_runs ("liaison_netflow_read_file (parse only)", parse_ms, opt_runs, "ms");
  bench_print_runs ("liaison_import_files, fresh database", import_ms, opt_runs, "ms");
  bench_print_runs ("  the same, processor time", import_cpu, opt_runs, "ms");
  if (opt_netflow_next != NULL)
    {
      bench_print_runs ("liaison_import_files, next window, same database", next_ms, opt_runs, "ms");
      bench_print_runs ("  the same, processor time", next_cpu, opt_runs, "ms");
    }
  if (server_db != NULL)
    {
      bench_print_runs ("liaison_import_files, fresh database, server", server_ms, opt_runs, "ms");
      if (opt_netflow_next != NULL)
        bench_print_runs ("liaison_import_files, next window, same database, server", server_next_ms, opt_runs, "ms");
    }
  if (!opt_no_baseline)
    bench_print_runs ("sqlite3 .import --csv + GROUP BY", base_ms, opt_runs, "ms");

  /* The goal is one core's worth: judged on processor time (the import
   * uses one thread; on a shared machine the wall time also counts the
   * time others had the core). */
  import_median = bench_median (import_ms, opt_runs);
  rate = records / (import_median / 1000.0);
  cpu_rate = records / (bench_median (import_cpu, opt_runs) / 1000.0);
  bench_result ("netflow import, 1 file (ms)", import_median, "ms", NULL, NULL);
  bench_result ("netflow import, wall time (records/s)", rate, "records/s", NULL, NULL);
  bench_result ("netflow import (records/s of processor time)", cpu_rate, "records/s", ">= 1000000",
                cpu_rate >= 1e6 ? "yes" : "NO");
  bench_result ("netflow parse only (records/s)", records / (bench_median (parse_ms, opt_runs) / 1000.0),
                "records/s", NULL, NULL);
  if (opt_netflow_next != NULL)
    {
      double next_rate = next_records / (bench_median (next_cpu, opt_runs) / 1000.0);

      bench_result ("netflow import, next window, wall time (records/s)",
                    next_records / (bench_median (next_ms, opt_runs) / 1000.0), "records/s", NULL, NULL);
      bench_result ("netflow import, next window (records/s of processor time)", next_rate, "records/s",
                    ">= 1000000", next_rate >= 1e6 ? "yes" : "NO");
    }
  if (server_db != NULL)
    {
      double server_median = bench_median (server_ms, opt_runs);
      double ratio = import_median / server_median;

      bench_result ("netflow import on the server, 1 file (ms)", server_median, "ms", NULL, NULL);
      bench_result ("netflow import on the server (records/s)", records / (server_median / 1000.0),
                    "records/s", NULL, NULL);
      bench_result ("netflow import: server rate / SQLite rate", ratio, "x", ">= 0.5", ratio >= 0.5 ? "yes" : "NO");
      if (opt_netflow_next != NULL)
        {
          double next_ratio = bench_median (next_ms, opt_runs) / bench_median (server_next_ms, opt_runs);

          bench_result ("netflow import on the server, next window (records/s)",
                        next_records / (bench_median (server_next_ms, opt_runs) / 1000.0), "records/s", NULL, NULL);
          bench_result ("netflow import, next window: server rate / SQLite rate", next_ratio, "x", ">= 0.5",
                        next_ratio >= 0.5 ? "yes" : "NO");
        }
      bench_remove_database (server_db);
    }
  if (!opt_no_baseline)
    {
      base_median = bench_median (base_ms, opt_runs);
      bench_result ("baseline: sqlite3 .import + GROUP BY (ms)", base_median, "ms", NULL, NULL);
      bench_result ("baseline: sqlite3 .import + GROUP BY (records/s)", records / (base_median / 1000.0),
                    "records/s", NULL, NULL);
      bench_result ("netflow: sqlite3 time / Liaison time", base_median / import_median, "x", NULL, NULL);
    }
  return TRUE;
}

static gboolean
bench_nfcapd (const char  *workdir,
              GError     **error)
{
  g_autofree char *db_path = g_build_filename (workdir, "nfcapd.db", NULL);
  g_autofree double *import_ms = g_new0 (double, opt_runs);
  g_autofree double *nfdump_ms = g_new0 (double, opt_runs);
  g_autofree double *dates_ms = g_new0 (double, opt_runs);
  /* The rows Liaison asks nfdump for (liaison-netflow-nfcapd.c), and the
   * same with the start as a date, as a person would print them. */
  const char *argv[] = {
    "env", "TZ=UTC", "LC_ALL=C", "nfdump", "-q", "-6", "-o", "fmt:%tsr,%te,%sa,%da,%sp,%dp,%pr", "-r", opt_nfcapd, NULL
  };
  const char *dates_argv[] = {
    "env", "TZ=UTC", "LC_ALL=C", "nfdump", "-q", "-6", "-o", "fmt:%ts,%te,%sa,%da,%sp,%dp,%pr", "-r", opt_nfcapd, NULL
  };
  guint records = 0;
  double ratio;

  g_print ("nfcapd: %s\n", opt_nfcapd);
  for (gint run = 0; run < opt_runs; run++)
    {
      g_autoptr(LiaisonStore) store = NULL;

      if (!bench_run (argv, "/dev/null", &nfdump_ms[run], error) ||
          !bench_run (dates_argv, "/dev/null", &dates_ms[run], error))
        return FALSE;
      store = import_fresh (db_path, opt_nfcapd, run, &import_ms[run], &records, error);
      if (store == NULL)
        return FALSE;
    }

  bench_print_runs ("nfdump -r FILE -o fmt:%tsr,... > /dev/null (Liaison's rows)", nfdump_ms, opt_runs, "ms");
  bench_print_runs ("nfdump -r FILE -o fmt:%ts,... > /dev/null (dates)", dates_ms, opt_runs, "ms");
  bench_print_runs ("liaison_import_files, fresh database", import_ms, opt_runs, "ms");
  bench_result ("nfcapd import time / nfdump printing dates",
                bench_median (import_ms, opt_runs) / bench_median (dates_ms, opt_runs), "x", NULL, NULL);
  ratio = bench_median (import_ms, opt_runs) / bench_median (nfdump_ms, opt_runs);
  bench_result ("nfcapd import (records/s)", records / (bench_median (import_ms, opt_runs) / 1000.0),
                "records/s", NULL, NULL);
  bench_result ("nfcapd import time / nfdump alone", ratio, "x", "<= 1.3", ratio <= 1.3 ? "yes" : "NO");
  return TRUE;
}

static gboolean
bench_netstat (const char  *workdir,
               GError     **error)
{
  g_autofree char *db_path = g_build_filename (workdir, "netstat.db", NULL);
  g_autofree double *import_ms = g_new0 (double, opt_runs);
  g_autofree double *parse_ms = g_new0 (double, opt_runs);
  g_autofree double *base_ms = g_new0 (double, opt_runs);
  guint records = 0;
  double import_median, base_median;

  g_print ("netstat: %s\n", opt_netstat);
  for (gint run = 0; run < opt_runs; run++)
    {
      g_autoptr(LiaisonStore) store = NULL;
      LiaisonImportSummary summary = { 0 };

      {
        g_autofree char *data = NULL;
        gsize length;
        g_autoptr(LiaisonNetstatTable) table = NULL;
        gint64 start = g_get_monotonic_time ();

        if (!g_file_get_contents (opt_netstat, &data, &length, error))
          return FALSE;
        table = liaison_netstat_parse (opt_netstat, data, length, error);
        if (table == NULL)
          return FALSE;
        parse_ms[run] = bench_ms (start, g_get_monotonic_time ());
      }

      store = open_fresh (db_path, error);
      if (store == NULL)
        return FALSE;
      import_ms[run] = time_import (store, LIAISON_SAMPLE_NETSTAT, opt_netstat, &summary, error);
      if (import_ms[run] < 0)
        return FALSE;
      records = summary.records;
      if (run == 0)
        g_print ("  imported %u sockets, %u new service communications, %u new statistics records\n",
                 summary.records, summary.new_communications, summary.new_statistics);
      g_clear_object (&store);

      if (!opt_no_baseline)
        {
          /* Connections per (listener address:port, client address), ESTAB only. */
          const char *argv[] = {
            opt_awk,
            "$1 == \"ESTAB\" { n = split($5, p, \":\"); ip = substr($5, 1, length($5) - length(p[n]) - 1);"
            " c[$4 \" \" ip]++ } END { for (k in c) print k, c[k] }",
            opt_netstat, NULL
          };

          if (!bench_run (argv, NULL, &base_ms[run], error))
            return FALSE;
        }
    }

  bench_print_runs ("liaison_netstat_parse (read + parse only)", parse_ms, opt_runs, "ms");
  bench_print_runs ("liaison_import_files, fresh database", import_ms, opt_runs, "ms");
  if (!opt_no_baseline)
    bench_print_runs ("awk: connections per (listener, client)", base_ms, opt_runs, "ms");

  import_median = bench_median (import_ms, opt_runs);
  bench_result ("netstat import, ss -tanp sample (ms)", import_median, "ms", "< 1000",
                import_median < 1000.0 ? "yes" : "NO");
  bench_result ("netstat import (sockets/s)", records / (import_median / 1000.0), "sockets/s", NULL, NULL);
  bench_result ("netstat parse only (ms)", bench_median (parse_ms, opt_runs), "ms", NULL, NULL);
  if (!opt_no_baseline)
    {
      base_median = bench_median (base_ms, opt_runs);
      bench_result ("baseline: awk count per (listener, client) (ms)", base_median, "ms", NULL, NULL);
      bench_result ("netstat: Liaison time / awk time", import_median / base_median, "x", NULL, NULL);
    }
  return TRUE;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("- time the sample importers");
  g_autoptr(GError) error = NULL;
  g_autofree char *workdir = NULL;

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bench-import: %s\n", error->message);
      return 2;
    }
  if (opt_netflow == NULL && opt_netstat == NULL && opt_nfcapd == NULL)
    {
      g_printerr ("bench-import: give --netflow FILE, --nfcapd FILE and/or --netstat FILE (see gen-nfdump-csv, gen-nfcapd, gen-ss)\n");
      return 2;
    }
  opt_runs = CLAMP (opt_runs, 1, 99);

  if (opt_workdir != NULL)
    {
      workdir = g_strdup (opt_workdir);
      g_mkdir_with_parents (workdir, 0700);
    }
  else
    {
      workdir = g_dir_make_tmp ("liaison-bench-XXXXXX", &error);
      if (workdir == NULL)
        {
          g_printerr ("bench-import: %s\n", error->message);
          return 1;
        }
    }

  if (opt_netflow != NULL && !bench_netflow (workdir, &error))
    {
      g_printerr ("bench-import: netflow: %s\n", error->message);
      return 1;
    }
  if (opt_nfcapd != NULL && !bench_nfcapd (workdir, &error))
    {
      g_printerr ("bench-import: nfcapd: %s\n", error->message);
      return 1;
    }
  if (opt_netstat != NULL && !bench_netstat (workdir, &error))
    {
      g_printerr ("bench-import: netstat: %s\n", error->message);
      return 1;
    }

  {
    g_autofree char *a = g_build_filename (workdir, "netflow.db", NULL);
    g_autofree char *b = g_build_filename (workdir, "netflow-sqlite3.db", NULL);
    g_autofree char *c = g_build_filename (workdir, "netstat.db", NULL);
    g_autofree char *d = g_build_filename (workdir, "nfcapd.db", NULL);

    bench_remove_database (a);
    bench_remove_database (b);
    bench_remove_database (c);
    bench_remove_database (d);
    if (opt_workdir == NULL)
      g_rmdir (workdir);
  }
  return 0;
}
