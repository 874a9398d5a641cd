/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include "map-test-store.h"

/*
 * liaison-map-scene.c on the map of the hand-built store, by device (10
 * nodes; 19 edges on 18 lines, one line per pair of nodes): what lies where,
 * what the pointer is over, the order the keyboard goes in, and what a
 * screen reader and a tooltip say of a node and a line.
 */

static LiaisonMapScene *
device_scene (MapTestStore **store)
{
  *store = map_test_store_new ();
  return map_test_store_scene (*store, NULL, NULL);
}

/* The point of a line's curve half way along its middle piece. */
static LiaisonPoint
link_middle (const LiaisonMapLayout *layout,
             guint                   link)
{
  const LiaisonLayoutLink *l = &layout->links[link];
  const LiaisonPoint *p = &layout->points[l->first_point + 3 * ((l->n_points - 1) / 3 / 2)];

  return (LiaisonPoint) {
    0.125 * p[0].x + 0.375 * p[1].x + 0.375 * p[2].x + 0.125 * p[3].x,
    0.125 * p[0].y + 0.375 * p[1].y + 0.375 * p[2].y + 0.125 * p[3].y,
  };
}

static void
test_hit (void)
{
  g_autoptr(MapTestStore) store = NULL;
  g_autoptr(LiaisonMapScene) scene = device_scene (&store);
  const LiaisonMapLayout *layout = liaison_map_scene_get_layout (scene);
  LiaisonMapRect bounds;

  g_assert_cmpuint (liaison_map_scene_get_n_nodes (scene), ==, 10);
  g_assert_cmpuint (liaison_map_scene_get_n_links (scene), ==, 18);
  liaison_map_scene_get_bounds (scene, &bounds);
  g_assert_cmpfloat (bounds.x1, ==, layout->width);
  g_assert_cmpfloat (bounds.y1, ==, layout->height);

  /* Every node under its centre, nothing outside the map. */
  for (guint i = 0; i < layout->n_nodes; i++)
    g_assert_cmpuint (liaison_map_scene_node_at (scene, layout->nodes[i].x, layout->nodes[i].y), ==, i);
  g_assert_cmpuint (liaison_map_scene_node_at (scene, -5, -5), ==, LIAISON_MAP_SCENE_NONE);
  g_assert_cmpuint (liaison_map_scene_link_at (scene, -5, -5, 3), ==, LIAISON_MAP_SCENE_NONE);

  /* Every line under the middle of its curve and under its label. */
  for (guint i = 0; i < layout->n_links; i++)
    {
      LiaisonPoint middle = link_middle (layout, i);

      g_test_message ("line %u: %s", i, layout->links[i].label);
      g_assert_cmpuint (liaison_map_scene_link_at (scene, middle.x, middle.y, 0.5), ==, i);
      g_assert_cmpuint (liaison_map_scene_link_at (scene, layout->links[i].label_at.x,
                                                   layout->links[i].label_at.y, 0.5), ==, i);
    }
}

static void
test_query (void)
{
  g_autoptr(MapTestStore) store = NULL;
  g_autoptr(LiaisonMapScene) scene = device_scene (&store);
  const LiaisonMapLayout *layout = liaison_map_scene_get_layout (scene);
  g_autoptr(GArray) nodes = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) links = g_array_new (FALSE, FALSE, sizeof (guint));
  LiaisonMapRect bounds, around;
  guint db01 = liaison_map_scene_find_node (scene, "db01");
  guint upstream = liaison_map_scene_find_node (scene, "198.51.100.1");

  /* All of it, each once, in drawing order. */
  liaison_map_scene_get_bounds (scene, &bounds);
  liaison_map_scene_query (scene, &bounds, nodes, links);
  g_assert_cmpuint (nodes->len, ==, 10);
  g_assert_cmpuint (links->len, ==, 18);
  for (guint i = 0; i < nodes->len; i++)
    g_assert_cmpuint (g_array_index (nodes, guint, i), ==, i);
  for (guint i = 0; i < links->len; i++)
    g_assert_cmpuint (g_array_index (links, guint, i), ==, i);

  /* A point in db01: db01, not the node at the far end of the map. */
  around = (LiaisonMapRect) { layout->nodes[db01].x, layout->nodes[db01].y,
                              layout->nodes[db01].x + 1, layout->nodes[db01].y + 1 };
  liaison_map_scene_query (scene, &around, nodes, links);
  g_assert_cmpuint (nodes->len, >=, 1);
  g_assert_cmpuint (nodes->len, <, 10);
  {
    gboolean has_db01 = FALSE, has_upstream = FALSE;

    for (guint i = 0; i < nodes->len; i++)
      {
        has_db01 |= g_array_index (nodes, guint, i) == db01;
        has_upstream |= g_array_index (nodes, guint, i) == upstream;
      }
    g_assert_true (has_db01);
    g_assert_false (has_upstream);
  }

  /* Beyond the map: nothing. */
  around = (LiaisonMapRect) { bounds.x1 + 10, 0, bounds.x1 + 20, 10 };
  liaison_map_scene_query (scene, &around, nodes, links);
  g_assert_cmpuint (nodes->len, ==, 0);
  g_assert_cmpuint (links->len, ==, 0);
}

/* dot lays the map out in columns from clients to what they call: the
 * keyboard goes down each column, the columns left to right. */
static void
test_keyboard_order (void)
{
  g_autoptr(MapTestStore) store = NULL;
  g_autoptr(LiaisonMapScene) scene = device_scene (&store);
  const LiaisonMapLayout *layout = liaison_map_scene_get_layout (scene);
  gboolean seen[10] = { FALSE };

  g_assert_cmpint (layout->engine, ==, LIAISON_LAYOUT_DOT);
  for (guint p = 0; p < 10; p++)
    {
      guint node = liaison_map_scene_node_at_position (scene, p);

      g_assert_cmpuint (node, <, 10);
      g_assert_false (seen[node]);
      seen[node] = TRUE;
      g_assert_cmpuint (liaison_map_scene_get_position (scene, node), ==, p);
      if (p > 0)
        {
          const LiaisonLayoutNode *before = &layout->nodes[liaison_map_scene_node_at_position (scene, p - 1)];
          const LiaisonLayoutNode *now = &layout->nodes[node];

          g_assert_cmpfloat (floor (before->x / 8), <=, floor (now->x / 8));
          if (floor (before->x / 8) == floor (now->x / 8))
            g_assert_cmpfloat (before->y, <, now->y);
        }
    }

  /* Left and right go to the nearest node that way, or nowhere. */
  for (guint i = 0; i < 10; i++)
    {
      guint right = liaison_map_scene_neighbour (scene, i, 1, 0);
      guint left = liaison_map_scene_neighbour (scene, i, -1, 0);

      if (right != LIAISON_MAP_SCENE_NONE)
        g_assert_cmpfloat (layout->nodes[right].x, >, layout->nodes[i].x);
      if (left != LIAISON_MAP_SCENE_NONE)
        g_assert_cmpfloat (layout->nodes[left].x, <, layout->nodes[i].x);
    }
  g_assert_cmpuint (liaison_map_scene_neighbour (scene, liaison_map_scene_node_at_position (scene, 0), -1, 0),
                    ==, LIAISON_MAP_SCENE_NONE);
  g_assert_cmpuint (liaison_map_scene_neighbour (scene, liaison_map_scene_node_at_position (scene, 9), 1, 0),
                    ==, LIAISON_MAP_SCENE_NONE);
}

static void
assert_label (LiaisonMapScene *scene,
              const char      *id,
              const char      *expected)
{
  g_autofree char *label = liaison_map_scene_dup_node_label (scene, liaison_map_scene_find_node (scene, id));

  g_assert_cmpstr (label, ==, expected);
}

/* What a screen reader says of each node: the counts of impact (map.md 4). */
static void
test_words (void)
{
  g_autoptr(MapTestStore) store = NULL;
  g_autoptr(LiaisonMapScene) scene = device_scene (&store);
  g_autofree char *tooltip = NULL;
  g_autofree char *line = NULL;
  g_autofree char *description = NULL;

  assert_label (scene, "db01", "db01, 6 dependents, 5 dependencies");
  assert_label (scene, "dns01", "dns01, 7 dependents, 1 dependency");
  assert_label (scene, "203.0.113.10", "203.0.113.10, 7 dependents, 0 dependencies");
  assert_label (scene, "192.168.20.7", "192.168.20.7, 0 dependents, 6 dependencies");

  tooltip = liaison_map_scene_dup_node_tooltip (scene, liaison_map_scene_find_node (scene, "db01"));
  g_assert_cmpstr (tooltip, ==,
                   "<b>db01</b>\nDevice · 10.0.2.21, 127.0.0.1\n"
                   "Called by 2 nodes, calls 2 nodes\n6 dependents, 5 dependencies");

  /* 192.168.10.5 -> web01 443: both parts; silent 450 s. */
  line = liaison_map_scene_dup_link_tooltip (scene, map_test_store_find_link (scene, "192.168.10.5", "web01"));
  g_assert_cmpstr (line, ==,
                   "<b>192.168.10.5 → web01</b>\n"
                   "443/https: persistence 66.7 %, weight 1.50, 1 flow event\n"
                   "Last found 2026-11-22 00:02:30, silent for 7 min 30 s");

  description = liaison_map_scene_dup_description (scene);
  g_assert_true (g_str_has_prefix (description, "Who talks to whom: 10 nodes and 18 lines between them"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/map-scene/hit", test_hit);
  g_test_add_func ("/map-scene/query", test_query);
  g_test_add_func ("/map-scene/keyboard-order", test_keyboard_order);
  g_test_add_func ("/map-scene/words", test_words);

  return g_test_run ();
}
