/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-bench"

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <utime.h>

#include "bench-common.h"
#include "liaison-import.h"
#include "liaison-store.h"
#include "liaison-store-private.h"

/*
 * bench-fleet: a fleet's samples of `ss -tanp`, imported host by host in
 * time order: H hosts, S samples each, five minutes apart, of N sockets.
 * Each host listens on a few ports; four fifths of its sockets are
 * long-lived connections that stay from sample to sample, the rest come
 * and go (a new client port each sample, from a pool of 200 clients per
 * host). The same options give the same samples.
 *
 * A person with a week of each host's samples imports a host's files in
 * one command (`liaison-cli import-netstat --host H FILE...`: one
 * transaction, each file's time its modification time), and that is what
 * is timed by default; --per-sample imports one sample a command instead,
 * as a collector feeding samples one at a time would (a transaction and a
 * sync each).
 *
 * It reports sockets per second over all samples and over the last tenth
 * of each host's samples (the steady state: every conversation known;
 * inside one command, timed from the progress of its files), and the
 * database's size per service communication and per statistics record.
 * Beside it, what a user would do without Liaison: awk counting, over all
 * of a host's samples, the samples each (local, peer address) pair was
 * established in.
 */

#define START_SECONDS G_GINT64_CONSTANT (1795132800)   /* 2026-11-20 00:00 UTC */

static const guint ports[] = { 22, 443, 5432, 6379, 8080 };

static gint opt_hosts = 20;
static gint opt_samples = 288;
static gint opt_sockets = 300;
static char *opt_workdir;
static char *opt_awk = (char *) "awk";
static gboolean opt_no_baseline;
static gboolean opt_per_sample;

static const GOptionEntry entries[] = {
  { "hosts", 'H', 0, G_OPTION_ARG_INT, &opt_hosts, "Hosts (20; the issue's fleet: 500)", "N" },
  { "samples", 'S', 0, G_OPTION_ARG_INT, &opt_samples, "Samples per host, 5 minutes apart (288; a week: 2016)", "N" },
  { "sockets", 'n', 0, G_OPTION_ARG_INT, &opt_sockets, "Sockets per sample (300)", "N" },
  { "workdir", 0, 0, G_OPTION_ARG_FILENAME, &opt_workdir, "Folder for the database and samples (a temporary one)", "DIR" },
  { "awk", 0, 0, G_OPTION_ARG_FILENAME, &opt_awk, "The awk program (awk)", "PROGRAM" },
  { "no-baseline", 0, 0, G_OPTION_ARG_NONE, &opt_no_baseline, "Measure Liaison only", NULL },
  { "per-sample", 0, 0, G_OPTION_ARG_NONE, &opt_per_sample, "One import a sample, not one a host", NULL },
  { NULL }
};

/* Sample @s of host @h, as ss lays it out (addresses need not line up). */
static char *
sample_text (guint h,
             guint s)
{
  GString *text = g_string_new ("State  Recv-Q Send-Q Local Address:Port Peer Address:Port Process\n");
  guint stable = opt_sockets * 4 / 5;

  for (guint i = 0; i < G_N_ELEMENTS (ports); i++)
    g_string_append_printf (text, "LISTEN 0      128    0.0.0.0:%u        0.0.0.0:*\n", ports[i]);

  for (guint j = 0; j < (guint) opt_sockets; j++)
    {
      /* a long-lived connection keeps its 4-tuple; the others change */
      guint32 seed = bench_mix (h * 1000003u + j * 7919u + (j < stable ? 0 : (s + 1) * 104729u));
      guint client = seed % 200;
      guint port = ports[(seed >> 8) % G_N_ELEMENTS (ports)];
      guint client_port = 32768 + (seed >> 12) % 28000;

      g_string_append_printf (text, "ESTAB  0      0      10.%u.%u.10:%u 10.200.%u.%u:%u users:((\"srv%u\",pid=%u,fd=%u))\n",
                              h / 250, h % 250, port, client / 250, client % 250 + 1, client_port, port,
                              1000 + port, 10 + j);
    }
  return g_string_free (text, FALSE);
}

/* When each file of one host's import was applied (liaison_import_files()'s
 * progress), in wall time and in processor time. */
typedef struct
{
  gint64 *wall;
  double *cpu;
} Applied;

static void
note_applied (guint    done,
              guint    total,
              double   within,
              gpointer user_data)
{
  Applied *applied = user_data;

  /* Progress within the next file says nothing of the files applied. */
  if (done == 0 || within > 0)
    return;
  applied->wall[done - 1] = g_get_monotonic_time ();
  applied->cpu[done - 1] = bench_cpu_ms ();
}

/* The bytes of the pages that hold the tables named in @tables (a JSON
 * array) and their indexes, as SQLite's dbstat table counts them (unused
 * room in a page included); -1 where this SQLite has no dbstat table. */
static gint64
table_bytes (LiaisonStore *store,
             const char   *tables)
{
  sqlite3_stmt *stmt = NULL;
  gint64 bytes = -1;

  if (sqlite3_prepare_v2 (liaison_store_get_db (store),
                          "SELECT coalesce(sum(pgsize), 0) FROM dbstat WHERE name IN"
                          " (SELECT name FROM sqlite_schema WHERE tbl_name IN (SELECT value FROM json_each(?1)))",
                          -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_bind_text (stmt, 1, tables, -1, SQLITE_STATIC) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    bytes = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return bytes;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("- time a fleet's netstat samples");
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaisonStore) store = NULL;
  g_autofree char *workdir = NULL;
  g_autofree char *db_path = NULL;
  g_autofree double *host_ms = NULL;
  guint64 sockets = 0, communications = 0, records = 0;
  double total_ms = 0, steady_ms = 0, awk_ms = 0, total_cpu = 0, steady_cpu = 0;
  guint64 steady_sockets = 0, awk_sockets = 0;
  GStatBuf st;
  gint64 record_bytes, communication_bytes;

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bench-fleet: %s\n", error->message);
      return 2;
    }
  opt_hosts = CLAMP (opt_hosts, 1, 64000);
  opt_samples = CLAMP (opt_samples, 10, 100000);
  opt_sockets = CLAMP (opt_sockets, 10, 100000);

  workdir = opt_workdir != NULL ? g_strdup (opt_workdir) : g_dir_make_tmp ("liaison-bench-XXXXXX", &error);
  if (workdir == NULL || g_mkdir_with_parents (workdir, 0700) != 0)
    {
      g_printerr ("bench-fleet: %s\n", error != NULL ? error->message : g_strerror (errno));
      return 1;
    }
  db_path = g_build_filename (workdir, "fleet.db", NULL);
  bench_remove_database (db_path);
  store = liaison_store_open (db_path, &error);
  if (store == NULL)
    {
      g_printerr ("bench-fleet: %s\n", error->message);
      return 1;
    }

  g_print ("fleet: %d hosts x %d samples x %d sockets, %s\n", opt_hosts, opt_samples, opt_sockets,
           opt_per_sample ? "one import a sample" : "one import a host");
  host_ms = g_new0 (double, opt_hosts);
  for (guint h = 0; h < (guint) opt_hosts; h++)
    {
      g_autofree char *host = g_strdup_printf ("host%03u", h);
      g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);

      g_autofree gint64 *applied_wall = g_new0 (gint64, opt_samples);
      g_autofree double *applied_cpu = g_new0 (double, opt_samples);
      Applied applied = { applied_wall, applied_cpu };
      LiaisonImportOptions options = { 0 };

      options.kind = LIAISON_SAMPLE_NETSTAT;
      options.host = host;
      options.start = LIAISON_TIME_NONE;

      /* The samples, each file's time its modification time. */
      for (guint s = 0; s < (guint) opt_samples && error == NULL; s++)
        {
          g_autofree char *text = sample_text (h, s);
          g_autofree char *name = g_strdup_printf ("%s-%05u.txt", host, s);
          char *path = g_build_filename (workdir, name, NULL);
          struct utimbuf times;

          g_ptr_array_add (paths, path);
          times.actime = times.modtime = START_SECONDS + (gint64) s * 300;
          if (g_file_set_contents (path, text, -1, &error) && g_utime (path, &times) != 0)
            g_set_error (&error, G_FILE_ERROR, g_file_error_from_errno (errno), "%s: %s", path, g_strerror (errno));
        }

      if (error == NULL && !opt_per_sample)
        {
          LiaisonImportSummary summary = { 0 };
          guint steady_from = (guint) opt_samples - (guint) opt_samples / 10;
          gint64 start;
          double cpu_start;

          g_ptr_array_add (paths, NULL);
          options.time = LIAISON_TIME_NONE;
          start = g_get_monotonic_time ();
          cpu_start = bench_cpu_ms ();
          if (liaison_import_files (store, &options, (const char * const *) paths->pdata, NULL, note_applied,
                                    &applied, &summary, &error))
            {
              double ms = bench_ms (start, g_get_monotonic_time ());

              total_cpu += bench_cpu_ms () - cpu_start;
              steady_cpu += applied_cpu[opt_samples - 1] - applied_cpu[steady_from - 1];
              host_ms[h] = ms;
              total_ms += ms;
              sockets += summary.records;
              communications += summary.new_communications;
              records += summary.new_statistics;
              steady_ms += bench_ms (applied_wall[steady_from - 1], applied_wall[opt_samples - 1]);
              steady_sockets += summary.records / (guint) opt_samples * (guint64) (opt_samples - steady_from);
            }
          g_ptr_array_set_size (paths, paths->len - 1);
        }

      for (guint s = 0; opt_per_sample && error == NULL && s < (guint) opt_samples; s++)
        {
          LiaisonImportSummary summary = { 0 };
          const char *one[] = { paths->pdata[s], NULL };
          gint64 start;
          double ms, cpu_start, cpu;

          options.time = (START_SECONDS + (gint64) s * 300) * 1000;
          start = g_get_monotonic_time ();
          cpu_start = bench_cpu_ms ();
          if (!liaison_import_files (store, &options, one, NULL, NULL, NULL, &summary, &error))
            break;
          ms = bench_ms (start, g_get_monotonic_time ());
          cpu = bench_cpu_ms () - cpu_start;
          total_cpu += cpu;

          host_ms[h] += ms;
          total_ms += ms;
          sockets += summary.records;
          communications += summary.new_communications;
          records += summary.new_statistics;
          if (s >= (guint) opt_samples - (guint) opt_samples / 10)
            {
              steady_ms += ms;
              steady_cpu += cpu;
              steady_sockets += summary.records;
            }
        }
      if (error != NULL)
        {
          g_printerr ("bench-fleet: %s\n", error->message);
          return 1;
        }

      /* awk over the host's samples: the samples each pair was established in */
      if (!opt_no_baseline)
        {
          g_autoptr(GPtrArray) args = g_ptr_array_new ();
          double ms = 0;

          g_ptr_array_add (args, opt_awk);
          g_ptr_array_add (args, "$1 == \"ESTAB\" { n[$4 \" \" $5]++ } END { for (k in n) c++; print c }");
          for (guint i = 0; i < paths->len; i++)
            g_ptr_array_add (args, paths->pdata[i]);
          g_ptr_array_add (args, NULL);
          if (!bench_run ((const char * const *) args->pdata, "/dev/null", &ms, &error))
            {
              g_printerr ("bench-fleet: %s\n", error->message);
              return 1;
            }
          awk_ms += ms;
          awk_sockets += (guint64) opt_samples * opt_sockets;
        }
      for (guint i = 0; i < paths->len; i++)
        g_unlink (paths->pdata[i]);
    }
  /* What the database holds for its statistics records (each with its
   * netstat runs, which it keeps in its row, and its netflow gaps and
   * window runs), and for its service communications (with their search
   * index); the rest is the samples' own rows. */
  record_bytes = table_bytes (store, "[\"stat_record\", \"gap_segment\", \"nf_window_run\"]");
  communication_bytes = table_bytes (store, "[\"communication\", \"search_value\", \"search_value_index\","
                                            " \"search_value_index_data\", \"search_value_index_idx\","
                                            " \"search_value_index_config\"]");
  g_clear_object (&store);

  if (g_stat (db_path, &st) != 0)
    st.st_size = 0;

  g_print ("  imported %" G_GUINT64_FORMAT " sockets: %" G_GUINT64_FORMAT " service communications, %"
           G_GUINT64_FORMAT " statistics records; database %.1f MB\n",
           sockets, communications, records, st.st_size / 1e6);
  g_print ("  host times (ms): first %.0f, median %.0f, last %.0f\n", host_ms[0],
           bench_median (host_ms, opt_hosts), host_ms[opt_hosts - 1]);
  /* The import uses one thread: on a shared machine the goal is judged on
   * its processor time; the wall time is beside it. */
  bench_result ("fleet: netstat import, all samples, wall time (sockets/s)", sockets / (total_ms / 1000.0),
                "sockets/s", NULL, NULL);
  bench_result ("fleet: netstat import, all samples (sockets/s of processor time)",
                sockets / (total_cpu / 1000.0), "sockets/s", NULL, NULL);
  bench_result ("fleet: netstat import, steady state, wall time (sockets/s)", steady_sockets / (steady_ms / 1000.0),
                "sockets/s", NULL, NULL);
  bench_result ("fleet: netstat import, steady state (sockets/s of processor time)",
                steady_sockets / (steady_cpu / 1000.0), "sockets/s", ">= 200000",
                steady_sockets / (steady_cpu / 1000.0) >= 200000 ? "yes" : "NO");
  bench_result ("fleet: database bytes per service communication",
                communications > 0 ? (double) st.st_size / communications : 0, "bytes", NULL, NULL);
  bench_result ("fleet: database bytes per statistics record",
                records > 0 ? (double) st.st_size / records : 0, "bytes", NULL, NULL);
  if (communication_bytes >= 0 && communications > 0)
    bench_result ("fleet: bytes of a service communication with its search index",
                  (double) communication_bytes / communications, "bytes", NULL, NULL);
  if (record_bytes >= 0 && records > 0)
    bench_result ("fleet: bytes of a statistics record with its runs", (double) record_bytes / records,
                  "bytes", "< 400", (double) record_bytes / records < 400 ? "yes" : "NO");
  if (!opt_no_baseline)
    bench_result ("baseline: awk count per pair over each host's samples (sockets/s)",
                  awk_sockets / (awk_ms / 1000.0), "sockets/s", NULL, NULL);

  bench_remove_database (db_path);
  if (opt_workdir == NULL)
    g_rmdir (workdir);
  return 0;
}
