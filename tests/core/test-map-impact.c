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

  return g_test_run ();
}
