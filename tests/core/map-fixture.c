/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "liaison-store-communications.h"
#include "liaison-store-groups.h"
#include "map-fixture.h"

#define SS_HEADER LIAISON_TEST_SS_HEADER
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

#define FLOW_HEADER LIAISON_TEST_CSV_HEADER

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

/* A fixture (liaison-test-fixture.h) with the store of the map tests. */
LiaisonTestFixture *
map_fixture_new (void)
{
  g_autoptr(GError) error = NULL;
  LiaisonTestFixture *f = liaison_test_fixture_new ();
  const char *shop[] = { "web01", "web02", NULL };

  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    liaison_test_import_netstat_text (f, samples[i].host, samples[i].time, samples[i].content);
  for (guint i = 0; i < G_N_ELEMENTS (flows); i++)
    liaison_test_import_netflow_text (f, 300, flows[i]);

  liaison_test_add (f->store, "10.0.1.11", "203.0.113.10", "443", "tcp", "payment-client");

  g_assert_true (liaison_store_group_add (f->store, "shop", shop, &error));
  g_assert_no_error (error);
  return f;
}

LiaisonMap *
map_fixture_map (LiaisonTestFixture       *f,
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

/* Whether `nft --check` works here: it needs nft and the right to talk to
 * the kernel's nf_tables (root, or CAP_NET_ADMIN). */
static gboolean
nft_works (char **why)
{
  g_autofree char *nft = g_find_program_in_path ("nft");
  g_autofree char *err = NULL;
  const char *argv[] = { "nft", "--check", "-f", "-", NULL };
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;

  if (nft == NULL)
    {
      *why = g_strdup ("nft is not installed (Debian: nftables)");
      return FALSE;
    }
  argv[0] = nft;
  process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  if (process == NULL ||
      !g_subprocess_communicate_utf8 (process, "table inet liaison_probe {\n\tchain c {\n\t\taccept\n\t}\n}\n",
                                      NULL, NULL, &err, &error) ||
      !g_subprocess_get_successful (process))
    {
      *why = g_strdup_printf ("nft --check does not work here: %s",
                              error != NULL ? error->message : err != NULL ? err : "");
      return FALSE;
    }
  return TRUE;
}

/* @ruleset passes `nft --check -f` where nft works (a file in @dir). */
void
map_fixture_assert_nft_check (const char *dir,
                              const char *ruleset)
{
  g_autofree char *why = NULL;
  g_autofree char *path = g_build_filename (dir, "rules.nft", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) process = NULL;

  if (!nft_works (&why))
    {
      g_test_message ("not run: %s", why);
      return;
    }
  g_file_set_contents (path, ruleset, -1, &error);
  g_assert_no_error (error);
  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error,
                              "nft", "--check", "-f", path, NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (process, NULL, NULL, &out, &err, &error));
  g_assert_cmpstr (err, ==, "");
  g_assert_true (g_subprocess_get_successful (process));
}
