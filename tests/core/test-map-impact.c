/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "liaison-map-impact.h"
#include "map-fixture.h"

/*
 * Impact (map.md 4) on the hand-built store (map-fixture.h). Its edges, by
 * device: outside clients -> web01, web02 (443); web01, web02 -> db01
 * (5432); web01, db01 -> db02 (3306); db02 -> web01 (8080), which closes
 * the cycle web01 -> db01 -> db02 -> web01; everyone but 192.168.10.6 and
 * 192.168.20.7 -> dns01 (53), dns01 -> 198.51.100.1 (53); web01 ->
 * 203.0.113.10 (443); loopback self-edges on web01 and db01.
 */

/* "node:distance" in the impact's order, "*" after a hub; then each cycle. */
static char *
describe (LiaisonMap    *map,
          LiaisonImpact *impact)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < impact->nodes->len; i++)
    {
      const LiaisonImpactNode *node = &g_array_index (impact->nodes, LiaisonImpactNode, i);

      g_string_append_printf (out, "%s%s:%u%s", i > 0 ? " " : "",
                              liaison_map_get_node (map, node->node)->id, node->distance,
                              node->hub ? "*" : "");
    }
  for (guint i = 0; i < impact->cycles->len; i++)
    {
      GArray *cycle = g_ptr_array_index (impact->cycles, i);

      g_string_append (out, " [");
      for (guint j = 0; j < cycle->len; j++)
        g_string_append_printf (out, "%s%s", j > 0 ? "," : "",
                                liaison_map_get_node (map, g_array_index (cycle, guint, j))->id);
      g_string_append (out, "]");
    }
  return g_string_free (out, FALSE);
}

static void
assert_impact (LiaisonMap             *map,
               const char             *origin,
               LiaisonImpactDirection  direction,
               guint                   depth,
               gboolean                through_hubs,
               const char             *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaisonImpact) impact = NULL;
  g_autofree char *text = NULL;
  guint node = G_MAXUINT;

  g_assert_true (liaison_map_lookup_node (map, origin, &node, &error));
  g_assert_no_error (error);
  impact = liaison_map_impact (map, node, direction, depth, through_hubs);
  g_assert_cmpuint (impact->origin, ==, node);
  text = describe (map, impact);
  g_assert_cmpstr (text, ==, expected);
}

static void
test_dependencies (void)
{
  g_autoptr(LiaisonTestFixture) f = map_fixture_new ();
  g_autoptr(LiaisonMap) map = map_fixture_map (f, NULL, NULL);

  /* The cycle is listed once, not walked round. */
  assert_impact (map, "web01", LIAISON_IMPACT_DEPENDENCIES, 0, FALSE,
                 "db01:1 db02:1 dns01:1 203.0.113.10:1 198.51.100.1:2 [db01,db02,web01]");
  /* Depth 1: what web01 calls itself; the cycle is beyond it. */
  assert_impact (map, "web01", LIAISON_IMPACT_DEPENDENCIES, 1, FALSE,
                 "db01:1 db02:1 dns01:1 203.0.113.10:1");
  /* Depth 2 closes it: web01 -> db01 -> db02 -> web01. */
  assert_impact (map, "web01", LIAISON_IMPACT_DEPENDENCIES, 2, FALSE,
                 "db01:1 db02:1 dns01:1 203.0.113.10:1 198.51.100.1:2 [db01,db02,web01]");
  /* An address finds its device. */
  assert_impact (map, "10.0.2.22", LIAISON_IMPACT_DEPENDENCIES, 0, FALSE,
                 "dns01:1 web01:1 db01:2 198.51.100.1:2 203.0.113.10:2 [db01,db02,web01]");
  assert_impact (map, "203.0.113.10", LIAISON_IMPACT_DEPENDENCIES, 0, FALSE, "");
}

static void
test_dependents (void)
{
  g_autoptr(LiaisonTestFixture) f = map_fixture_new ();
  g_autoptr(LiaisonMap) map = map_fixture_map (f, NULL, NULL);

  /* What breaks if db01 goes away; its own loopback client is not one. */
  assert_impact (map, "db01", LIAISON_IMPACT_DEPENDENTS, 0, FALSE,
                 "web01:1 web02:1 db02:2 192.168.10.5:2 192.168.10.6:2 192.168.20.7:2 [db01,db02,web01]");
  assert_impact (map, "db01", LIAISON_IMPACT_DEPENDENTS, 1, FALSE, "web01:1 web02:1");
  assert_impact (map, "192.168.10.5", LIAISON_IMPACT_DEPENDENTS, 0, FALSE, "");
}

static void
test_hubs (void)
{
  g_autoptr(LiaisonTestFixture) f = map_fixture_new ();
  LiaisonMapFilter filter = { .hide_hubs = 4 };
  g_autoptr(LiaisonMap) map = map_fixture_map (f, &filter, NULL);

  /* dns01 is a hub: listed where it is reached, not gone through. */
  assert_impact (map, "web01", LIAISON_IMPACT_DEPENDENCIES, 0, FALSE,
                 "db01:1 db02:1 dns01:1* 203.0.113.10:1 [db01,db02,web01]");
  assert_impact (map, "web01", LIAISON_IMPACT_DEPENDENCIES, 0, TRUE,
                 "db01:1 db02:1 dns01:1* 203.0.113.10:1 198.51.100.1:2 [db01,db02,web01]");

  /* Asking everyone's resolver does not make everyone depend on its upstream. */
  assert_impact (map, "198.51.100.1", LIAISON_IMPACT_DEPENDENTS, 0, FALSE, "dns01:1*");
  assert_impact (map, "198.51.100.1", LIAISON_IMPACT_DEPENDENTS, 0, TRUE,
                 "dns01:1* db01:2 db02:2 web01:2 web02:2 192.168.10.5:2 192.168.10.6:3 192.168.20.7:3"
                 " [db01,db02,web01]");

  /* The hub itself is gone through: it is where the walk starts. */
  assert_impact (map, "dns01", LIAISON_IMPACT_DEPENDENTS, 0, FALSE,
                 "db01:1 db02:1 web01:1 web02:1 192.168.10.5:1 192.168.10.6:2 192.168.20.7:2"
                 " [db01,db02,web01]");
}

static void
test_groups (void)
{
  g_autoptr(LiaisonTestFixture) f = map_fixture_new ();
  LiaisonMapGrouping grouping = { .groups = TRUE };
  g_autoptr(LiaisonMap) map = map_fixture_map (f, NULL, &grouping);

  /* shop is web01 and web02: the cycle runs through the group. */
  assert_impact (map, "db01", LIAISON_IMPACT_DEPENDENTS, 0, FALSE,
                 "shop:1 db02:2 192.168.10.5:2 192.168.10.6:2 192.168.20.7:2 [shop,db01,db02]");
  assert_impact (map, "web02", LIAISON_IMPACT_DEPENDENCIES, 1, FALSE,
                 "db01:1 db02:1 dns01:1 203.0.113.10:1");
}

/* Filters apply: with only edges of 50 % persistence or more, db02 no
 * longer calls web01 (33 %) and the cycle is gone. */
static void
test_filtered (void)
{
  g_autoptr(LiaisonTestFixture) f = map_fixture_new ();
  LiaisonMapFilter filter = { .min_persistence = 50 };
  g_autoptr(LiaisonMap) map = map_fixture_map (f, &filter, NULL);

  assert_impact (map, "db01", LIAISON_IMPACT_DEPENDENTS, 0, FALSE,
                 "web01:1 web02:1 192.168.10.5:2 192.168.10.6:2");
}

/* The counts of every node at once are the lengths of each node's walk,
 * with hubs, cycles, groups and filters. */
static void
assert_counts (LiaisonMap *map)
{
  guint n = liaison_map_get_n_nodes (map);

  for (guint d = 0; d < 2; d++)
    {
      LiaisonImpactDirection direction = d == 0 ? LIAISON_IMPACT_DEPENDENTS : LIAISON_IMPACT_DEPENDENCIES;
      g_autofree guint *counts = g_new0 (guint, n);

      liaison_map_impact_counts (map, direction, counts);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(LiaisonImpact) impact = liaison_map_impact (map, i, direction, 0, FALSE);

          g_test_message ("%s, %s", liaison_map_get_node (map, i)->id, d == 0 ? "dependents" : "dependencies");
          g_assert_cmpuint (counts[i], ==, impact->nodes->len);
        }
    }
}

static void
test_counts (void)
{
  g_autoptr(LiaisonTestFixture) f = map_fixture_new ();
  LiaisonMapFilter hubs = { .hide_hubs = 2 };
  LiaisonMapFilter persistent = { .min_persistence = 50 };
  LiaisonMapGrouping groups = { .groups = TRUE };
  LiaisonMapGrouping subnets = { .subnets = TRUE, .ipv4_bits = 8 };
  g_autoptr(LiaisonMap) all = map_fixture_map (f, NULL, NULL);
  g_autoptr(LiaisonMap) with_hubs = map_fixture_map (f, &hubs, NULL);
  g_autoptr(LiaisonMap) grouped = map_fixture_map (f, &hubs, &groups);
  g_autoptr(LiaisonMap) filtered = map_fixture_map (f, &persistent, &subnets);
  guint counts[16] = { 0 };
  guint node = G_MAXUINT;

  /* By hand: db01 -> db02, dns01 -> web01 -> 198.51.100.1, 203.0.113.10. */
  g_assert_true (liaison_map_lookup_node (all, "db01", &node, NULL));
  g_assert_cmpuint (liaison_map_get_n_nodes (all), <=, G_N_ELEMENTS (counts));
  liaison_map_impact_counts (all, LIAISON_IMPACT_DEPENDENCIES, counts);
  g_assert_cmpuint (counts[node], ==, 5);
  liaison_map_impact_counts (all, LIAISON_IMPACT_DEPENDENTS, counts);
  g_assert_cmpuint (counts[node], ==, 6);

  assert_counts (all);
  assert_counts (with_hubs);
  assert_counts (grouped);
  assert_counts (filtered);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/map-impact/dependencies", test_dependencies);
  g_test_add_func ("/map-impact/dependents", test_dependents);
  g_test_add_func ("/map-impact/hubs", test_hubs);
  g_test_add_func ("/map-impact/groups", test_groups);
  g_test_add_func ("/map-impact/filtered", test_filtered);
  g_test_add_func ("/map-impact/counts", test_counts);

  return g_test_run ();
}
