/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "liaison-import.h"
#include "liaison-store-communications.h"
#include "liaison-store-groups.h"
#include "map-fixture.h"

#define SS_HEADER "State      Recv-Q Send-Q  Local Address:Port   Peer Address:Port  Process\n"
#define SS_LISTEN(addr) "LISTEN     0      128     " addr "    0.0.0.0:*\n"
#define SS_ESTAB(local, peer) "ESTAB      0      0       " local "    " peer "\n"
#define SS_OUT(local, peer, process) \
  "ESTAB      0      0       " local "    " peer "    users:((\"" process "\",pid=77,fd=3))\n"

static const struct
{
  const char *host;
  const char *time;
  const char *content;
} samples[] = {
  { "web01", "2026-11-20T00:00:00Z",
    SS_HEADER
    SS_LISTEN ("0.0.0.0:443") SS_LISTEN ("0.0.0.0:8080") SS_LISTEN ("127.0.0.1:6379")
    SS_ESTAB ("10.0.1.11:443", "192.168.10.5:50001")
    SS_ESTAB ("10.0.1.11:443", "192.168.10.5:50002")
    SS_ESTAB ("10.0.1.11:443", "192.168.20.7:50010")
    SS_ESTAB ("10.0.1.11:8080", "10.0.2.22:40000")
    SS_OUT ("10.0.1.11:41000", "10.0.2.21:5432", "shop")
    SS_OUT ("10.0.1.11:41001", "10.0.2.22:3306", "shop")
    SS_ESTAB ("127.0.0.1:6379", "127.0.0.1:45000")
    SS_OUT ("127.0.0.1:45000", "127.0.0.1:6379", "shop") },
  { "web01", "2026-11-21T00:00:00Z",
    SS_HEADER
    SS_LISTEN ("0.0.0.0:443") SS_LISTEN ("0.0.0.0:8080") SS_LISTEN ("127.0.0.1:6379")
    SS_ESTAB ("10.0.1.11:443", "192.168.10.5:50003")
    SS_OUT ("10.0.1.11:41002", "10.0.2.21:5432", "shop")
    SS_ESTAB ("127.0.0.1:6379", "127.0.0.1:45001")
    SS_OUT ("127.0.0.1:45001", "127.0.0.1:6379", "shop") },
  { "web01", "2026-11-22T00:00:00Z",
    SS_HEADER
    SS_LISTEN ("0.0.0.0:443") SS_LISTEN ("0.0.0.0:8080") SS_LISTEN ("127.0.0.1:6379")
    SS_ESTAB ("10.0.1.11:443", "192.168.10.6:50020")
    SS_OUT ("10.0.1.11:47000", "10.0.3.53:53", "named-checkzone") },
  { "web02", "2026-11-20T00:00:00Z",
    SS_HEADER
    SS_LISTEN ("0.0.0.0:443")
    SS_ESTAB ("10.0.1.12:443", "192.168.10.6:50100")
    SS_OUT ("10.0.1.12:42000", "10.0.2.21:5432", "shop") },
  { "web02", "2026-11-21T00:00:00Z",
    SS_HEADER
    SS_LISTEN ("0.0.0.0:443")
    SS_ESTAB ("10.0.1.12:443", "192.168.10.6:50101")
    SS_ESTAB ("10.0.1.12:443", "192.168.10.6:50102")
    SS_OUT ("10.0.1.12:42001", "10.0.2.21:5432", "shop")
    SS_OUT ("10.0.1.12:42002", "10.0.2.21:5432", "shop") },
  { "web02", "2026-11-22T00:00:00Z",
    SS_HEADER
    SS_LISTEN ("0.0.0.0:443")
    SS_OUT ("10.0.1.12:42003", "10.0.2.21:5432", "shop") },
  { "db01", "2026-11-20T00:00:00Z",
    SS_HEADER
    SS_LISTEN ("0.0.0.0:5432")
    SS_ESTAB ("10.0.2.21:5432", "10.0.1.11:41000")
    SS_ESTAB ("10.0.2.21:5432", "10.0.1.12:42000")
    SS_OUT ("10.0.2.21:43000", "10.0.2.22:3306", "replicator")
    SS_ESTAB ("127.0.0.1:5432", "127.0.0.1:46000")
    SS_OUT ("127.0.0.1:46000", "127.0.0.1:5432", "psql") },
  { "db01", "2026-11-21T00:00:00Z",
    SS_HEADER
    SS_LISTEN ("0.0.0.0:5432")
    SS_ESTAB ("10.0.2.21:5432", "10.0.1.11:41002")
    SS_ESTAB ("10.0.2.21:5432", "10.0.1.12:42001")
    SS_ESTAB ("10.0.2.21:5432", "10.0.1.12:42002")
    SS_OUT ("10.0.2.21:43001", "10.0.2.22:3306", "replicator") },
  { "db01", "2026-11-22T00:00:00Z",
    SS_HEADER
    SS_LISTEN ("0.0.0.0:5432")
    SS_ESTAB ("10.0.2.21:5432", "10.0.1.12:42003") },
  { "db02", "2026-11-20T00:00:00Z",
    SS_HEADER
    SS_LISTEN ("0.0.0.0:3306")
    SS_ESTAB ("10.0.2.22:3306", "10.0.1.11:41001")
    SS_ESTAB ("10.0.2.22:3306", "10.0.2.21:43000")
    SS_OUT ("10.0.2.22:40000", "10.0.1.11:8080", "callback") },
  { "db02", "2026-11-21T00:00:00Z",
    SS_HEADER
    SS_LISTEN ("0.0.0.0:3306")
    SS_ESTAB ("10.0.2.22:3306", "10.0.2.21:43001") },
  { "db02", "2026-11-22T00:00:00Z",
    SS_HEADER
    SS_LISTEN ("0.0.0.0:3306") },
  { "dns01", "2026-11-22T00:00:00Z",
    SS_HEADER
    SS_LISTEN ("0.0.0.0:53")
    SS_ESTAB ("10.0.3.53:53", "10.0.1.11:47000") },
};

#define FLOW_HEADER "start,end,client_ip,client_port,listener_ip,listener_port,protocol\n"

static const char *flows[] = {
  FLOW_HEADER
  "2026-11-22T00:00:10Z,2026-11-22T00:00:11Z,10.0.1.11,51000,10.0.3.53,53,udp\n"
  "2026-11-22T00:01:00Z,2026-11-22T00:01:01Z,10.0.1.11,51001,10.0.3.53,53,udp\n"
  "2026-11-22T00:00:20Z,2026-11-22T00:00:21Z,10.0.1.12,52000,10.0.3.53,53,udp\n"
  "2026-11-22T00:00:30Z,2026-11-22T00:00:31Z,10.0.2.21,53000,10.0.3.53,53,udp\n"
  "2026-11-22T00:00:40Z,2026-11-22T00:00:41Z,10.0.2.22,54000,10.0.3.53,53,udp\n"
  "2026-11-22T00:00:50Z,2026-11-22T00:00:51Z,192.168.10.5,55000,10.0.3.53,53,udp\n"
  "2026-11-22T00:02:00Z,2026-11-22T00:02:30Z,192.168.10.5,50500,10.0.1.11,443,tcp\n",
  FLOW_HEADER
  "2026-11-22T00:05:10Z,2026-11-22T00:05:11Z,10.0.1.11,51002,10.0.3.53,53,udp\n"
  "2026-11-22T00:06:00Z,2026-11-22T00:06:01Z,10.0.3.53,40053,198.51.100.1,53,udp\n"
  "2026-11-22T00:09:00Z,2026-11-22T00:09:01Z,10.0.1.12,52001,10.0.3.53,53,udp\n",
};

LiaisonTime
map_fixture_time (const char *text)
{
  LiaisonTime time = LIAISON_TIME_NONE;

  g_assert_true (liaison_time_parse (text, -1, FALSE, &time));
  return time;
}

static char *
write_file (MapFixture *f,
            const char *name,
            const char *content)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (f->dir, name, NULL);

  g_file_set_contents (path, content, -1, &error);
  g_assert_no_error (error);
  return path;
}

void
map_fixture_set_up (MapFixture    *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db = NULL;
  char *flow_paths[G_N_ELEMENTS (flows) + 1] = { NULL };
  LiaisonCommunicationInput manual = { 0 };
  const char *shop[] = { "web01", "web02", NULL };
  LiaisonImportOptions options = { 0 };

  f->dir = g_dir_make_tmp ("liaison-map-XXXXXX", &error);
  g_assert_no_error (error);
  db = g_build_filename (f->dir, "liaison.db", NULL);
  f->store = liaison_store_open (db, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    {
      g_autofree char *name = g_strdup_printf ("netstat-%u.txt", i);
      g_autofree char *path = write_file (f, name, samples[i].content);
      const char *paths[] = { path, NULL };

      memset (&options, 0, sizeof options);
      options.kind = LIAISON_SAMPLE_NETSTAT;
      options.host = samples[i].host;
      options.time = map_fixture_time (samples[i].time);
      options.start = LIAISON_TIME_NONE;
      g_assert_true (liaison_import_files (f->store, &options, paths, NULL, NULL, NULL, NULL, &error));
      g_assert_no_error (error);
    }

  for (guint i = 0; i < G_N_ELEMENTS (flows); i++)
    {
      g_autofree char *name = g_strdup_printf ("flows-%u.csv", i);

      flow_paths[i] = write_file (f, name, flows[i]);
    }
  memset (&options, 0, sizeof options);
  options.kind = LIAISON_SAMPLE_NETFLOW;
  options.interval = 300;
  options.time = LIAISON_TIME_NONE;
  options.start = LIAISON_TIME_NONE;
  g_assert_true (liaison_import_files (f->store, &options, (const char * const *) flow_paths,
                                       NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (flows); i++)
    g_free (flow_paths[i]);

  manual.client_ip = "10.0.1.11";
  manual.listener_ip = "203.0.113.10";
  manual.port = "443";
  manual.protocol = "tcp";
  manual.client_process_name = "payment-client";
  g_assert_cmpint (liaison_store_add_communication (f->store, &manual, &error), >, 0);
  g_assert_no_error (error);

  g_assert_true (liaison_store_group_add (f->store, "shop", shop, &error));
  g_assert_no_error (error);
}

void
map_fixture_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    {
      g_remove (path);
      return;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      map_fixture_remove_tree (child);
    }
  g_rmdir (path);
}

void
map_fixture_tear_down (MapFixture    *f,
                       gconstpointer  data)
{
  g_clear_object (&f->store);
  map_fixture_remove_tree (f->dir);
  g_clear_pointer (&f->dir, g_free);
}

LiaisonMap *
map_fixture_map (MapFixture               *f,
                 const LiaisonMapFilter   *filter,
                 const LiaisonMapGrouping *grouping)
{
  g_autoptr(GError) error = NULL;
  LiaisonMap *map = liaison_map_new (f->store, filter, grouping, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (map);
  return map;
}

/* The edge between two nodes named by their ids, drawn or into a hub; NULL if none. */
const LiaisonMapEdge *
map_fixture_edge (LiaisonMap *map,
                  const char *client,
                  const char *listener,
                  guint       port,
                  const char *protocol)
{
  for (guint hubs = 0; hubs < 2; hubs++)
    {
      const LiaisonMapEdge *edges;
      guint n;

      edges = hubs ? liaison_map_get_hub_edges (map, &n) : liaison_map_get_edges (map, &n);
      for (guint i = 0; i < n; i++)
        if (g_str_equal (liaison_map_get_node (map, edges[i].client)->id, client) &&
            g_str_equal (liaison_map_get_node (map, edges[i].listener)->id, listener) &&
            edges[i].port == port && g_str_equal (edges[i].protocol, protocol))
          return &edges[i];
    }
  return NULL;
}

char *
map_fixture_read_file (const char *path,
                       gsize      *length)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, length, &error);
  g_assert_no_error (error);
  return contents;
}
