/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-bench"

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <time.h>

#include "bench-common.h"
#include "liaison-address.h"
#include "liaison-map.h"
#include "liaison-map-export.h"
#include "liaison-map-layout.h"
#include "liaison-store.h"
#include "liaison-store-private.h"

/*
 * bench-map: the dependency map of a large database.
 *
 * - map data: liaison_map_new() over N service communications (and their
 *   statistics records), grouped by subnet:24 to under 2,000 nodes; goal 1 s
 *   for a million;
 * - layout: liaison_map_layout_compute() of that map (sfdp beyond a few
 *   hundred nodes); goal 5 s for 2,000 nodes and 10,000 edges;
 * - beside them, what a user would otherwise do: the same graph written as
 *   plain DOT (nodes, and one labelled edge per pair of nodes, as Liaison
 *   hands it to Graphviz), laid out and drawn by the Graphviz program
 *   (`sfdp -Tsvg`), beside Liaison's layout and SVG export of it.
 *
 * The database is filled directly with SQL in the schema of
 * src/core/liaison-schema.c (one transaction), in the order imports would
 * write it: host by host, as samples come. It is cached in --cache-dir
 * keyed by N.
 *
 * The network: 1,500 servers (srv-0000...), each with one address in
 * 10.1.0.0/16 and one or two service ports, called by the 221 workstations
 * of each of two of 400 client /24s (10.64.0.0/24 ...), which no device is
 * named for: grouped by /24 they are 400 nodes. Each server also calls five
 * others and itself over loopback. 85 % of the pairs have a statistics
 * record with a netstat part, 30 % of those a netflow part as well.
 */

static gint opt_communications = 1000000;
static gint opt_runs = 3;
static char *opt_cache_dir;
static char *opt_sfdp = (char *) "sfdp";
static gboolean opt_no_baseline;
static gboolean opt_rebuild;

static const GOptionEntry entries[] = {
  { "communications", 'n', 0, G_OPTION_ARG_INT, &opt_communications, "Service communications in the database (1000000)", "N" },
  { "runs", 'r', 0, G_OPTION_ARG_INT, &opt_runs, "Repetitions (3)", "N" },
  { "cache-dir", 0, 0, G_OPTION_ARG_FILENAME, &opt_cache_dir, "Where the database is kept between runs (liaison-bench-UID in the temporary folder)", "DIR" },
  { "sfdp", 0, 0, G_OPTION_ARG_FILENAME, &opt_sfdp, "The Graphviz sfdp program (sfdp)", "PROGRAM" },
  { "no-baseline", 0, 0, G_OPTION_ARG_NONE, &opt_no_baseline, "Measure Liaison only", NULL },
  { "rebuild", 0, 0, G_OPTION_ARG_NONE, &opt_rebuild, "Build the database again even if cached", NULL },
  { NULL }
};

#define N_SERVERS 1500
#define N_SUBNETS 400
#define CLIENTS_PER_SUBNET 221
#define T0 G_GINT64_CONSTANT (1793577600000)     /* 2026-11-01T00:00:00Z */
#define DAY_MS G_GINT64_CONSTANT (86400000)

static const guint server_ports[] = { 443, 5432, 3306, 8080, 6379, 9200, 389, 53 };

typedef struct
{
  LiaisonStore *store;
  sqlite3_stmt *communication;
  sqlite3_stmt *record;
  guint         n;
  guint         target;
} Filler;

static void
set_key (const char *text,
         guint8      key[LIAISON_ADDRESS_KEY_LEN])
{
  LiaisonAddress address;

  g_assert (liaison_address_parse (text, -1, &address));
  liaison_address_to_key (&address, key);
}

static void
bind_text_or_null (sqlite3_stmt *stmt,
                   int           index,
                   const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, index);
}

static gboolean
step (Filler        *filler,
      sqlite3_stmt  *stmt,
      GError       **error)
{
  gboolean ok = sqlite3_step (stmt) == SQLITE_DONE;

  if (!ok)
    liaison_store_set_error (filler->store, error);
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  return ok;
}

/* One pair: its service communication and, mostly, its statistics record. */
static gboolean
add_pair (Filler        *filler,
          const char    *client_ip,
          const char    *client_device,
          const char    *listener_ip,
          const char    *listener_device,
          guint          port,
          const char    *scope,
          GError       **error)
{
  guint32 h = bench_mix (filler->n);
  guint8 client_key[LIAISON_ADDRESS_KEY_LEN], listener_key[LIAISON_ADDRESS_KEY_LEN];
  const char *protocol = port == 53 ? "udp" : "tcp";
  LiaisonTime first = T0 + (LiaisonTime) (h % 20) * DAY_MS;
  LiaisonTime last = first + (LiaisonTime) (1 + (h >> 5) % 10) * DAY_MS;

  set_key (client_ip, client_key);
  set_key (listener_ip, listener_key);

  sqlite3_bind_text (filler->communication, 1, client_ip, -1, SQLITE_STATIC);
  sqlite3_bind_blob (filler->communication, 2, client_key, sizeof client_key, SQLITE_STATIC);
  bind_text_or_null (filler->communication, 3, client_device);
  sqlite3_bind_text (filler->communication, 4, listener_ip, -1, SQLITE_STATIC);
  sqlite3_bind_blob (filler->communication, 5, listener_key, sizeof listener_key, SQLITE_STATIC);
  bind_text_or_null (filler->communication, 6, listener_device);
  sqlite3_bind_int (filler->communication, 7, (int) port);
  sqlite3_bind_text (filler->communication, 8, protocol, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (filler->communication, 9, first);
  sqlite3_bind_int64 (filler->communication, 10, last);
  sqlite3_bind_text (filler->communication, 11, scope, -1, SQLITE_STATIC);
  if (!step (filler, filler->communication, error))
    return FALSE;

  if (h % 100 < 85)
    {
      gint64 total = 100 + h % 900, active = 1 + (h >> 3) % total;

      sqlite3_bind_text (filler->record, 1, listener_ip, -1, SQLITE_STATIC);
      sqlite3_bind_blob (filler->record, 2, listener_key, sizeof listener_key, SQLITE_STATIC);
      sqlite3_bind_int (filler->record, 3, (int) port);
      sqlite3_bind_text (filler->record, 4, protocol, -1, SQLITE_STATIC);
      sqlite3_bind_text (filler->record, 5, client_ip, -1, SQLITE_STATIC);
      sqlite3_bind_blob (filler->record, 6, client_key, sizeof client_key, SQLITE_STATIC);
      sqlite3_bind_text (filler->record, 7, scope, -1, SQLITE_STATIC);
      bind_text_or_null (filler->record, 8, listener_device);
      bind_text_or_null (filler->record, 9, client_device);
      sqlite3_bind_int64 (filler->record, 10, total);
      sqlite3_bind_int64 (filler->record, 11, active);
      sqlite3_bind_int64 (filler->record, 12, active + (h >> 7) % (2 * active));
      sqlite3_bind_int64 (filler->record, 13, first);
      sqlite3_bind_int64 (filler->record, 14, last);
      if ((h >> 12) % 100 < 30)
        {
          sqlite3_bind_int64 (filler->record, 15, 1 + (h >> 9) % 288);
          sqlite3_bind_int64 (filler->record, 16, 1 + (h >> 11) % 5000);
          sqlite3_bind_int64 (filler->record, 17, first);
          sqlite3_bind_int64 (filler->record, 18, last);
          sqlite3_bind_int64 (filler->record, 19, (h >> 13) % 3600 * 1000);
        }
      if (!step (filler, filler->record, error))
        return FALSE;
    }

  filler->n++;
  return TRUE;
}

static void
server_ip (char  *buf,
           gsize  size,
           guint  server)
{
  g_snprintf (buf, size, "10.1.%u.%u", server / 250, server % 250 + 1);
}

static gboolean
fill (Filler  *filler,
      GError **error)
{
  for (guint server = 0; server < N_SERVERS && filler->n < filler->target; server++)
    {
      char listener_ip[48], device[16];
      guint n_ports = 1 + server % 2;

      server_ip (listener_ip, sizeof listener_ip, server);
      g_snprintf (device, sizeof device, "srv-%04u", server);

      /* The workstations of two /24s; servers of the same kind share ports. */
      for (guint k = 0; k < 2; k++)
        for (guint c = 0; c < CLIENTS_PER_SUBNET; c++)
          for (guint p = 0; p < n_ports && filler->n < filler->target; p++)
            {
              guint subnet = (server + k * 200) % N_SUBNETS;
              char client_ip[48];

              g_snprintf (client_ip, sizeof client_ip, "10.%u.%u.%u", 64 + subnet / 256, subnet % 256, c + 1);
              if (!add_pair (filler, client_ip, NULL, listener_ip, device,
                             server_ports[(server + p) % G_N_ELEMENTS (server_ports)], "", error))
                return FALSE;
            }

      /* Five other servers, and itself over loopback. */
      for (guint k = 1; k <= 5 && filler->n < filler->target; k++)
        {
          guint other = (server * 7 + k * 211) % N_SERVERS;
          char client_ip[48], client_device[16];

          if (other == server)
            continue;
          server_ip (client_ip, sizeof client_ip, other);
          g_snprintf (client_device, sizeof client_device, "srv-%04u", other);
          if (!add_pair (filler, client_ip, client_device, listener_ip, device,
                         server_ports[server % G_N_ELEMENTS (server_ports)], "", error))
            return FALSE;
        }
      if (filler->n < filler->target &&
          !add_pair (filler, "127.0.0.1", device, "127.0.0.1", device, 6379, device, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
build_database (LiaisonStore  *store,
                guint          n,
                GError       **error)
{
  sqlite3 *db = liaison_store_get_db (store);
  Filler filler = { store, NULL, NULL, 0, n };
  gint64 start = g_get_monotonic_time ();
  gboolean ok = FALSE;

  if (!liaison_store_begin (store, error))
    return FALSE;

  if (sqlite3_prepare_v2 (db,
                          "INSERT INTO communication (client_ip, client_key, client_device, listener_ip,"
                          " listener_key, listener_device, port, protocol, first_detected, last_detected,"
                          " source, scope) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 'netstat', ?11)",
                          -1, &filler.communication, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (db,
                          "INSERT INTO stat_record (listener_ip, listener_key, port, protocol, client_ip,"
                          " client_key, scope, listener_device, client_device, ns_host, ns_total_samples,"
                          " ns_active_samples, ns_total_ports, ns_first_found, ns_last_found, nf_interval,"
                          " nf_active_samples, nf_total_events, nf_total_ports, nf_first_found,"
                          " nf_last_found, nf_first_interval, nf_gap_span)"
                          " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?8, ?10, ?11, ?12, ?13, ?14,"
                          " CASE WHEN ?15 IS NULL THEN NULL ELSE 300 END, ?15, ?16, ?15, ?17, ?18,"
                          " CASE WHEN ?15 IS NULL THEN NULL ELSE 300 END, ?19)",
                          -1, &filler.record, NULL) != SQLITE_OK)
    {
      liaison_store_set_error (store, error);
      goto out;
    }

  ok = liaison_store_exec (store,
                           "WITH RECURSIVE n (i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 1499)"
                           " INSERT INTO device (name) SELECT printf ('srv-%04d', i) FROM n;",
                           error) &&
       fill (&filler, error) &&
       liaison_store_exec (store,
                           "INSERT INTO sample (kind, content_hash, file_name, host, sample_time, records, imported_at)"
                           " SELECT 'netstat', 'bench-' || name, 'bench.txt', name, 1795305600000, 1, 1795305600000"
                           " FROM device;"
                           "INSERT INTO sample (kind, content_hash, file_name, window_start, window_end, interval,"
                           " records, imported_at) VALUES ('netflow', 'bench-flows', 'bench.csv',"
                           " 1795305300000, 1795305600000, 300, 1, 1795305600000);",
                           error);

out:
  sqlite3_finalize (filler.communication);
  sqlite3_finalize (filler.record);
  if (!ok)
    {
      liaison_store_rollback (store);
      return FALSE;
    }
  if (!liaison_store_commit (store, error))
    return FALSE;
  g_print ("  built %u service communications in %.1f s\n", filler.n, bench_ms (start, g_get_monotonic_time ()) / 1000);
  return TRUE;
}

/* The map's graph as a person would hand it to Graphviz: nodes with their
 * labels, one edge per link with its ports as label, no positions. */
static gboolean
write_plain_dot (LiaisonMap              *map,
                 const LiaisonMapLayout  *layout,
                 const char              *path,
                 GError                 **error)
{
  g_autoptr(GString) dot = g_string_new ("digraph map {\n  overlap=prism;\n  node [shape=box, style=rounded, fontname=Sans, fontsize=10];\n");

  for (guint i = 0; i < layout->n_nodes; i++)
    g_string_append_printf (dot, "  n%u [label=\"%s\"];\n", i, liaison_map_get_node (map, i)->id);
  for (guint i = 0; i < layout->n_links; i++)
    g_string_append_printf (dot, "  n%u -> n%u [label=\"%s\"];\n", layout->links[i].client,
                            layout->links[i].listener, layout->links[i].label);
  g_string_append (dot, "}\n");
  return g_file_set_contents (path, dot->str, (gssize) dot->len, error);
}

static gboolean
export_svg (LiaisonMap              *map,
            const LiaisonMapLayout  *layout,
            const char              *path,
            GError                 **error)
{
  LiaisonMapExport options = { LIAISON_MAP_FORMAT_SVG, NULL, layout };

  return liaison_map_export_file (map, &options, path, NULL, error);
}

static LiaisonStore *
open_database (GError **error)
{
  g_autofree char *dir = bench_cache_dir (opt_cache_dir);
  g_autofree char *name = g_strdup_printf ("bench-map-%d.db", opt_communications);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *ready = g_strconcat (path, ".ready", NULL);
  g_autoptr(LiaisonStore) store = NULL;

  if (opt_rebuild || !g_file_test (ready, G_FILE_TEST_EXISTS))
    {
      bench_remove_database (path);
      g_unlink (ready);
      store = liaison_store_open (path, error);
      if (store == NULL || !build_database (store, (guint) opt_communications, error))
        return NULL;
      if (!g_file_set_contents (ready, "", 0, error))
        return NULL;
      return g_steal_pointer (&store);
    }
  return liaison_store_open (path, error);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("- time the dependency map");
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaisonStore) store = NULL;
  g_autoptr(LiaisonMap) map = NULL;
  g_autofree double *map_ms = NULL;
  g_autofree double *map_cpu_ms = NULL;
  LiaisonMapGrouping grouping = { 0 };
  guint n_edges = 0;

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bench-map: %s\n", error->message);
      return 2;
    }
  opt_runs = MAX (opt_runs, 1);

  store = open_database (&error);
  if (store == NULL)
    {
      g_printerr ("bench-map: %s\n", error->message);
      return 1;
    }

  g_assert (liaison_map_grouping_parse ("subnet:24", &grouping, NULL));
  map_ms = g_new (double, opt_runs);
  map_cpu_ms = g_new (double, opt_runs);
  for (gint run = 0; run < opt_runs; run++)
    {
      gint64 start = g_get_monotonic_time ();
      double cpu_start = bench_cpu_ms ();

      g_clear_pointer (&map, liaison_map_unref);
      map = liaison_map_new (store, NULL, &grouping, NULL, &error);
      if (map == NULL)
        {
          g_printerr ("bench-map: %s\n", error->message);
          return 1;
        }
      map_ms[run] = bench_ms (start, g_get_monotonic_time ());
      map_cpu_ms[run] = bench_cpu_ms () - cpu_start;
    }
  liaison_map_get_edges (map, &n_edges);
  g_print ("  map of %d service communications: %u nodes, %u edges\n",
           opt_communications, liaison_map_get_n_nodes (map), n_edges);
  bench_print_runs ("liaison_map_new (subnet:24), wall", map_ms, opt_runs, "ms");
  bench_print_runs ("liaison_map_new (subnet:24), processor", map_cpu_ms, opt_runs, "ms");
  {
    g_autofree char *name = g_strdup_printf ("map data, %d service communications, %u nodes",
                                             opt_communications, liaison_map_get_n_nodes (map));
    double median = bench_median (map_ms, opt_runs);

    bench_result (name, median, "ms", "< 1000 ms", median < 1000 ? "yes" : "NO");
    bench_result ("map data, processor time", bench_median (map_cpu_ms, opt_runs), "ms", NULL, NULL);
  }

  {
    g_autofree double *layout_ms = g_new (double, opt_runs);
    g_autofree double *layout_cpu_ms = g_new (double, opt_runs);
    g_autofree double *svg_ms = g_new (double, opt_runs);
    g_autofree double *baseline_ms = g_new (double, opt_runs);
    g_autofree char *dir = bench_cache_dir (opt_cache_dir);
    g_autofree char *dot_path = g_build_filename (dir, "bench-map.dot", NULL);
    g_autofree char *svg_path = g_build_filename (dir, "bench-map.svg", NULL);
    g_autofree char *baseline_svg = g_build_filename (dir, "bench-map-sfdp.svg", NULL);
    g_autoptr(LiaisonMapLayout) layout = NULL;
    g_autofree char *name = NULL;
    double median;

    for (gint run = 0; run < opt_runs; run++)
      {
        gint64 start = g_get_monotonic_time ();
        double cpu_start = bench_cpu_ms ();

        g_clear_pointer (&layout, liaison_map_layout_free);
        layout = liaison_map_layout_compute (map, LIAISON_LAYOUT_AUTO, NULL, &error);
        if (layout == NULL)
          {
            g_printerr ("bench-map: %s\n", error->message);
            return 1;
          }
        layout_ms[run] = bench_ms (start, g_get_monotonic_time ());
        layout_cpu_ms[run] = bench_cpu_ms () - cpu_start;

        start = g_get_monotonic_time ();
        if (!export_svg (map, layout, svg_path, &error))
          {
            g_printerr ("bench-map: %s\n", error->message);
            return 1;
          }
        svg_ms[run] = layout_ms[run] + bench_ms (start, g_get_monotonic_time ());
      }
    g_print ("  layout (%s): %u nodes, %u links for %u edges\n",
             layout->engine == LIAISON_LAYOUT_DOT ? "dot" : "sfdp", layout->n_nodes, layout->n_links, n_edges);
    bench_print_runs ("liaison_map_layout_compute, wall", layout_ms, opt_runs, "ms");
    bench_print_runs ("liaison_map_layout_compute, processor", layout_cpu_ms, opt_runs, "ms");
    bench_print_runs ("layout and SVG export", svg_ms, opt_runs, "ms");
    name = g_strdup_printf ("layout, %u nodes and %u edges (%u links)", layout->n_nodes, n_edges, layout->n_links);
    median = bench_median (layout_ms, opt_runs);
    bench_result (name, median, "ms", "< 5000 ms", median < 5000 ? "yes" : "NO");
    bench_result ("layout and SVG export", bench_median (svg_ms, opt_runs), "ms", NULL, NULL);

    if (!opt_no_baseline)
      {
        const char *argv[] = { opt_sfdp, "-Tsvg", "-o", baseline_svg, dot_path, NULL };

        if (!write_plain_dot (map, layout, dot_path, &error))
          {
            g_printerr ("bench-map: %s\n", error->message);
            return 1;
          }
        for (gint run = 0; run < opt_runs; run++)
          if (!bench_run (argv, NULL, &baseline_ms[run], &error))
            {
              g_printerr ("bench-map: %s: %s\n", opt_sfdp, error->message);
              return 1;
            }
        bench_print_runs ("sfdp -Tsvg of the same graph as DOT", baseline_ms, opt_runs, "ms");
        bench_result ("beside it: sfdp -Tsvg of the same graph", bench_median (baseline_ms, opt_runs), "ms", NULL, NULL);
      }
  }

  g_print ("  peak resident memory %.0f MB\n", bench_peak_rss_kb () / 1024.0);
  return 0;
}
