/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bench-runs"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <sqlite3.h>

#include "bench-common.h"
#include "liaison-netstat-parser.h"
#include "liaison-netstat-statistics-private.h"
#include "liaison-store-statistics-private.h"
#include "liaison-store-private.h"

/*
 * What activity runs (statistics.md 3.6) cost: a fleet's week of netstat
 * samples, host by host in time order (a week at 5 minutes is 2,016
 * samples), then the database's bytes per statistics record, taken apart
 * by table (SQLite's dbstat), and the import's speed.
 *
 *   bench-runs [--hosts N] [--samples N] [--sockets N] [--database FILE]
 *
 * Each host listens on 20 ports and has a pool of clients, each bound to
 * one listener, each present in a sample with its own persistence: most
 * clients are pooled connections that are always there (99.5 %), some are
 * often there (90 %), some come and go (50 %, 10 %). The sockets of a
 * sample are the present clients' connections, to about --sockets a
 * sample. Deterministic: a fixed seed.
 */

static int opt_hosts = 20;
static int opt_samples = 2016;
static int opt_sockets = 300;
static char *opt_database;

typedef struct { guint64 s; } Rng;

static guint32
rng_below (Rng    *rng,
           guint32 n)
{
  rng->s ^= rng->s >> 12;
  rng->s ^= rng->s << 25;
  rng->s ^= rng->s >> 27;
  return (guint32) (((rng->s * G_GUINT64_CONSTANT (2685821657736338717)) >> 32) % n);
}

#define N_LISTENERS 20

static const guint persistence_per_mille[] = { 995, 995, 995, 995, 995, 995, 900, 900, 500, 100 };

/* The socket table of one host at one sample. */
static char *
sample_text (guint host,
             guint sample,
             guint n_clients)
{
  GString *text = g_string_new ("State      Recv-Q Send-Q Local Address:Port  Peer Address:Port\n");
  Rng rng = { G_GUINT64_CONSTANT (0x9E3779B97F4A7C15) ^ ((guint64) host << 32) ^ sample };

  for (guint l = 0; l < N_LISTENERS; l++)
    g_string_append_printf (text, "LISTEN     0      128    0.0.0.0:%u          0.0.0.0:*\n", 8000 + l);

  for (guint c = 0; c < n_clients; c++)
    {
      guint kind = c % G_N_ELEMENTS (persistence_per_mille);

      if (rng_below (&rng, 1000) >= persistence_per_mille[kind])
        continue;
      g_string_append_printf (text, "ESTAB      0      0      10.%u.0.1:%u       10.%u.%u.%u:%u\n",
                              host % 250, 8000 + c % N_LISTENERS,
                              100 + c / 62500, (c / 250) % 250, c % 250 + 1, 32768 + rng_below (&rng, 28000));
    }
  return g_string_free (text, FALSE);
}

/* The runs blobs' average bytes by the persistence of their clients. */
static void
print_by_persistence (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  double bytes[G_N_ELEMENTS (persistence_per_mille)] = { 0 };
  guint count[G_N_ELEMENTS (persistence_per_mille)] = { 0 };

  sqlite3_prepare_v2 (db, "SELECT client_ip, coalesce(length(ns_runs), 0) FROM stat_record", -1, &stmt, NULL);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      guint a, b, c, d;

      if (sscanf ((const char *) sqlite3_column_text (stmt, 0), "%u.%u.%u.%u", &a, &b, &c, &d) != 4)
        continue;
      c = ((b - 100) * 62500 + c * 250 + d - 1) % G_N_ELEMENTS (persistence_per_mille);
      bytes[c] += sqlite3_column_int (stmt, 1);
      count[c]++;
    }
  sqlite3_finalize (stmt);

  for (guint p = 0; p < G_N_ELEMENTS (persistence_per_mille); p++)
    if (count[p] > 0 && (p == 0 || persistence_per_mille[p] != persistence_per_mille[p - 1]))
      {
        double sum = 0;
        guint n = 0;

        for (guint q = p; q < G_N_ELEMENTS (persistence_per_mille) && persistence_per_mille[q] == persistence_per_mille[p]; q++)
          {
            sum += bytes[q];
            n += count[q];
          }
        g_print ("    clients there %4.1f %% of the time: %6.1f bytes of runs a record\n",
                 persistence_per_mille[p] / 10.0, sum / n);
      }
}

static gint64
query_int (sqlite3    *db,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

/* The bytes of a table with its indexes, as SQLite's dbstat counts pages. */
static gint64
table_bytes (sqlite3    *db,
             const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT sum(pgsize) FROM dbstat WHERE name = '%s'"
                                          " OR name IN (SELECT name FROM sqlite_schema"
                                          "             WHERE type = 'index' AND tbl_name = '%s')",
                                          table, table);

  return query_int (db, sql);
}

int
main (int    argc,
      char **argv)
{
  GOptionEntry entries[] = {
    { "hosts", 0, 0, G_OPTION_ARG_INT, &opt_hosts, "Hosts of the fleet (20)", "N" },
    { "samples", 0, 0, G_OPTION_ARG_INT, &opt_samples, "Samples a host (2016: a week at 5 minutes)", "N" },
    { "sockets", 0, 0, G_OPTION_ARG_INT, &opt_sockets, "Sockets a sample, about (300)", "N" },
    { "database", 0, 0, G_OPTION_ARG_FILENAME, &opt_database, "The database (a new temporary one)", "FILE" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("- what activity runs cost");
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaisonStore) store = NULL;
  g_autofree char *path = NULL;
  guint n_clients;
  gint64 sockets = 0;
  gint64 start, parse_us = 0;
  double seconds;
  sqlite3 *db;
  gint64 records, classic, total, runs_blobs, runs_records, moments, sets, stat_bytes;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }

  /* A pool as big as a sample's sockets over the average persistence. */
  n_clients = (guint) (opt_sockets * 1.2);
  path = opt_database != NULL ? g_strdup (opt_database)
                              : g_build_filename (g_get_tmp_dir (), "liaison-bench-runs.db", NULL);
  bench_remove_database (path);
  store = liaison_store_open (path, &error);
  if (store == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  start = g_get_monotonic_time ();
  for (int h = 0; h < opt_hosts; h++)
    {
      g_autofree char *host = g_strdup_printf ("host%03d", h);
      LiaisonTime t0 = G_GINT64_CONSTANT (1795737600000);

      if (!liaison_store_begin (store, &error))
        break;
      /* As an import of the host's files does. */
      liaison_store_hold_statistics (store);
      for (int s = 0; s < opt_samples; s++)
        {
          g_autofree char *text = sample_text (h, s, n_clients);
          gint64 before = g_get_monotonic_time ();
          LiaisonNetstatTable *table = liaison_netstat_parse (host, text, strlen (text), &error);

          parse_us += g_get_monotonic_time () - before;
          if (table == NULL ||
              !liaison_statistics_apply_netstat (store, host, t0 + (gint64) s * 300000, table, &error))
            {
              g_printerr ("%s\n", error->message);
              return 1;
            }
          sockets += table->sockets->len;
          liaison_netstat_table_free (table);
        }
      if (!liaison_store_commit (store, &error))
        break;
    }
  if (error != NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  seconds = bench_ms (start, g_get_monotonic_time ()) / 1000.0;

  db = liaison_store_get_db (store);
  liaison_store_exec (store, "PRAGMA wal_checkpoint(TRUNCATE)", NULL);
  liaison_store_exec (store, "VACUUM", NULL);
  records = query_int (db, "SELECT count(*) FROM stat_record");
  classic = query_int (db, "SELECT count(*) FROM classic_stat");
  total = query_int (db, "SELECT page_count * page_size FROM pragma_page_count, pragma_page_size");
  runs_blobs = query_int (db, "SELECT coalesce(sum(length(ns_runs)), 0) FROM stat_record");
  runs_records = query_int (db, "SELECT count(*) FROM stat_record WHERE ns_runs IS NOT NULL");
  moments = table_bytes (db, "netstat_moments");
  sets = table_bytes (db, "discovered_set");
  stat_bytes = table_bytes (db, "stat_record");

  g_print ("fleet: %d hosts x %d samples, %" G_GINT64_FORMAT " sockets (%.0f a sample)\n",
           opt_hosts, opt_samples, sockets, (double) sockets / (opt_hosts * opt_samples));
  g_print ("import: %.1f s, %.0f sockets/s (parsing %.1f s of it)\n",
           seconds, sockets / seconds, parse_us / 1e6);
  g_print ("statistics records: %" G_GINT64_FORMAT " (%" G_GINT64_FORMAT " with more than one run), classic: %" G_GINT64_FORMAT "\n",
           records, runs_records, classic);
  g_print ("database: %" G_GINT64_FORMAT " bytes, %.0f a statistics record\n", total, (double) total / records);
  g_print ("  stat_record with its indexes: %.0f bytes a record, of which runs blobs %.1f\n",
           (double) stat_bytes / records, (double) runs_blobs / records);
  print_by_persistence (db);
  g_print ("  netstat_moments: %" G_GINT64_FORMAT " bytes (%.1f a sample, %.1f a record)\n",
           moments, (double) moments / (opt_hosts * opt_samples), (double) moments / records);
  g_print ("  discovered_set: %" G_GINT64_FORMAT " bytes\n", sets);
  g_print ("  runs in all (blobs, moments, sets): %.1f bytes a statistics record\n",
           (double) (runs_blobs + moments + sets) / records);

  bench_result ("runs: bytes a record", (double) (runs_blobs + moments + sets) / records, "B", "", "");
  bench_result ("fleet import", sockets / seconds, "sockets/s", "", "");

  g_clear_object (&store);
  if (opt_database == NULL)
    bench_remove_database (path);
  g_free (opt_database);
  return 0;
}
