/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include "liaison-error.h"
#include "liaison-map-layout.h"
#include "map-fixture.h"

/*
 * The layout of the hand-built store (map-fixture.h) by Graphviz. Where
 * exactly a node lands depends on the fonts at hand, so the tests check
 * what a drawing needs to be right: every node inside the bounding box and
 * apart from the others, every line a curve from its client to an arrow at
 * its listener, labels and figures by link, the links standing for the
 * map's edges, and the layered order of dot.
 */

#define NEAR 3.0      /* points */

static LiaisonMapLayout *
lay_out (LiaisonMap          *map,
         LiaisonLayoutEngine  engine)
{
  g_autoptr(GError) error = NULL;
  LiaisonMapLayout *layout = liaison_map_layout_compute (map, engine, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (layout);
  return layout;
}

static guint
node_index (LiaisonMap *map,
            const char *name)
{
  guint index = G_MAXUINT;

  g_assert_true (liaison_map_lookup_node (map, name, &index, NULL));
  return index;
}

/* The distance from @p to the border of @node's box (0 on it, negative inside). */
static double
box_distance (const LiaisonLayoutNode *node,
              LiaisonPoint             p)
{
  double dx = fabs (p.x - node->x) - node->width / 2;
  double dy = fabs (p.y - node->y) - node->height / 2;

  if (dx <= 0 && dy <= 0)
    return MAX (dx, dy);
  return hypot (MAX (dx, 0), MAX (dy, 0));
}

static const LiaisonLayoutLink *
find_link (LiaisonMap             *map,
           const LiaisonMapLayout *layout,
           const char             *client,
           const char             *listener)
{
  guint c = node_index (map, client), l = node_index (map, listener);

  for (guint i = 0; i < layout->n_links; i++)
    if (layout->links[i].client == c && layout->links[i].listener == l)
      return &layout->links[i];
  return NULL;
}

static void
assert_geometry (LiaisonMap             *map,
                 const LiaisonMapLayout *layout)
{
  const LiaisonMapEdge *edges;
  guint n_edges;

  g_assert_cmpuint (layout->n_nodes, ==, liaison_map_get_n_nodes (map));
  g_assert_cmpfloat (layout->width, >, 0);
  g_assert_cmpfloat (layout->height, >, 0);

  for (guint i = 0; i < layout->n_nodes; i++)
    {
      const LiaisonLayoutNode *a = &layout->nodes[i];

      g_test_message ("node %s at %.1f,%.1f", a->label, a->x, a->y);
      g_assert_cmpfloat (a->width, >, 20);
      g_assert_cmpfloat (a->height, >, 10);
      g_assert_cmpfloat (a->x - a->width / 2, >=, -NEAR);
      g_assert_cmpfloat (a->x + a->width / 2, <=, layout->width + NEAR);
      g_assert_cmpfloat (a->y - a->height / 2, >=, -NEAR);
      g_assert_cmpfloat (a->y + a->height / 2, <=, layout->height + NEAR);
      for (guint j = i + 1; j < layout->n_nodes; j++)
        {
          const LiaisonLayoutNode *b = &layout->nodes[j];

          /* Boxes apart. */
          g_assert_true (fabs (a->x - b->x) >= (a->width + b->width) / 2 - 1 ||
                         fabs (a->y - b->y) >= (a->height + b->height) / 2 - 1);
        }
    }

  /* Every drawn edge is on the link of its two nodes, and each link's edges are its own. */
  edges = liaison_map_get_edges (map, &n_edges);
  for (guint i = 0; i < n_edges; i++)
    {
      const LiaisonLayoutLink *link = &layout->links[layout->edge_links[i]];

      g_assert_cmpuint (link->client, ==, edges[i].client);
      g_assert_cmpuint (link->listener, ==, edges[i].listener);
    }
  for (guint i = 0; i < layout->n_links; i++)
    {
      const LiaisonLayoutLink *link = &layout->links[i];
      const LiaisonPoint *points = &layout->points[link->first_point];

      g_assert_cmpuint (link->n_edges, >=, 1);
      for (guint e = link->first_edge; e < link->first_edge + link->n_edges; e++)
        g_assert_cmpuint (layout->edge_links[layout->edges[e]], ==, i);

      /* A cubic Bézier curve from the client's box to an arrow on the listener's. */
      g_assert_cmpuint (link->n_points, >=, 4);
      g_assert_cmpuint ((link->n_points - 1) % 3, ==, 0);
      g_assert_cmpuint (link->first_point + link->n_points, <=, layout->n_points);
      g_assert_true (link->has_arrow);
      g_assert_cmpfloat (box_distance (&layout->nodes[link->client], points[0]), <=, NEAR);
      g_assert_cmpfloat (fabs (box_distance (&layout->nodes[link->listener], link->arrow_tip)), <=, NEAR);
      g_assert_cmpfloat (link->label_width, >, 0);
      g_assert_cmpfloat (link->label_at.x, >=, -NEAR);
      g_assert_cmpfloat (link->label_at.x, <=, layout->width + NEAR);
    }
}

static void
test_dot (void)
{
  g_autoptr(LiaisonTestFixture) f = map_fixture_new ();
  g_autoptr(LiaisonMap) map = map_fixture_map (f, NULL, NULL);
  g_autoptr(LiaisonMapLayout) layout = lay_out (map, LIAISON_LAYOUT_AUTO);
  const LiaisonLayoutLink *link;
  guint n_edges;

  /* Ten nodes: dot. */
  g_assert_cmpint (layout->engine, ==, LIAISON_LAYOUT_DOT);
  assert_geometry (map, layout);

  /* 19 edges on 18 links: web01 -> dns01 is 53/tcp and 53/udp, both "domain". */
  liaison_map_get_edges (map, &n_edges);
  g_assert_cmpuint (n_edges, ==, 19);
  g_assert_cmpuint (layout->n_links, ==, 18);
  link = find_link (map, layout, "web01", "dns01");
  g_assert_cmpuint (link->n_edges, ==, 2);
  g_assert_cmpstr (link->label, ==, "53/domain");
  g_assert_cmpfloat (link->persistence, ==, 100);
  g_assert_cmpint (link->flow_events, ==, 3);

  link = find_link (map, layout, "web02", "db01");
  g_assert_cmpstr (link->label, ==, "5432/postgresql");
  g_assert_cmpfloat_with_epsilon (link->weight, 4.0 / 3, 1e-9);
  g_assert_cmpint (link->flow_events, ==, -1);
  link = find_link (map, layout, "web01", "203.0.113.10");
  g_assert_cmpfloat (link->persistence, ==, -1);
  g_assert_cmpfloat (link->weight, ==, -1);

  /* Hubs and groups say so on a second line. */
  g_assert_cmpstr (layout->nodes[node_index (map, "web01")].label, ==, "web01");

  /* Layered, clients to the left of what they call: the outside clients
   * left of web01, web02 left of db01. */
  g_assert_cmpfloat (layout->nodes[node_index (map, "192.168.20.7")].x, <,
                     layout->nodes[node_index (map, "web01")].x);
  g_assert_cmpfloat (layout->nodes[node_index (map, "web02")].x, <,
                     layout->nodes[node_index (map, "db01")].x);
}

static void
test_sfdp (void)
{
  g_autoptr(LiaisonTestFixture) f = map_fixture_new ();
  g_autoptr(LiaisonMap) map = map_fixture_map (f, NULL, NULL);
  g_autoptr(LiaisonMapLayout) layout = lay_out (map, LIAISON_LAYOUT_SFDP);

  g_assert_cmpint (layout->engine, ==, LIAISON_LAYOUT_SFDP);
  assert_geometry (map, layout);
}

static void
test_hubs_and_groups (void)
{
  g_autoptr(LiaisonTestFixture) f = map_fixture_new ();
  /* Grouped, dns01 has four client nodes: shop, db01, db02, 192.168.10.0/24. */
  LiaisonMapFilter filter = { .hide_hubs = 3 };
  LiaisonMapGrouping grouping = { .groups = TRUE, .subnets = TRUE };
  g_autoptr(LiaisonMap) map = map_fixture_map (f, &filter, &grouping);
  g_autoptr(LiaisonMapLayout) layout = lay_out (map, LIAISON_LAYOUT_AUTO);
  guint dns01 = node_index (map, "dns01");

  assert_geometry (map, layout);
  /* The hub is drawn once, apart: no line goes into it. */
  for (guint i = 0; i < layout->n_links; i++)
    g_assert_cmpuint (layout->links[i].listener, !=, dns01);
  g_assert_cmpstr (layout->nodes[dns01].label, ==, "dns01\nhub, 4 clients");
  g_assert_cmpstr (layout->nodes[node_index (map, "shop")].label, ==, "shop\n3 addresses");
  g_assert_cmpstr (layout->nodes[node_index (map, "192.168.10.0/24")].label, ==, "192.168.10.0/24\n2 addresses");
}

/* Layouts take turns on two threads and come out the same. */
static gpointer
lay_out_thread (gpointer data)
{
  return liaison_map_layout_compute (data, LIAISON_LAYOUT_AUTO, NULL, NULL);
}

static void
test_threads (void)
{
  g_autoptr(LiaisonTestFixture) f = map_fixture_new ();
  g_autoptr(LiaisonMap) map = map_fixture_map (f, NULL, NULL);
  GThread *threads[2];
  LiaisonMapLayout *layouts[2];

  for (guint i = 0; i < 2; i++)
    threads[i] = g_thread_new ("layout", lay_out_thread, map);
  for (guint i = 0; i < 2; i++)
    layouts[i] = g_thread_join (threads[i]);

  g_assert_nonnull (layouts[0]);
  g_assert_nonnull (layouts[1]);
  g_assert_cmpuint (layouts[0]->n_points, ==, layouts[1]->n_points);
  for (guint i = 0; i < layouts[0]->n_nodes; i++)
    {
      g_assert_cmpfloat (layouts[0]->nodes[i].x, ==, layouts[1]->nodes[i].x);
      g_assert_cmpfloat (layouts[0]->nodes[i].y, ==, layouts[1]->nodes[i].y);
    }
  for (guint i = 0; i < layouts[0]->n_points; i++)
    g_assert_cmpfloat (layouts[0]->points[i].x, ==, layouts[1]->points[i].x);
  liaison_map_layout_free (layouts[0]);
  liaison_map_layout_free (layouts[1]);
}

static void
test_cancelled (void)
{
  g_autoptr(LiaisonTestFixture) f = map_fixture_new ();
  g_autoptr(LiaisonMap) map = map_fixture_map (f, NULL, NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);
  g_assert_null (liaison_map_layout_compute (map, LIAISON_LAYOUT_AUTO, cancellable, &error));
  g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_CANCELLED);
}

/* A map with nothing in it has nothing to lay out. */
static void
test_empty (void)
{
  g_autoptr(LiaisonTestFixture) f = map_fixture_new ();
  LiaisonMapFilter filter = { .min_events = 1000, .protocol = "udp" };
  g_autoptr(LiaisonMap) map = map_fixture_map (f, &filter, NULL);
  g_autoptr(LiaisonMapLayout) layout = lay_out (map, LIAISON_LAYOUT_AUTO);

  g_assert_cmpuint (liaison_map_get_n_nodes (map), ==, 0);
  g_assert_cmpuint (layout->n_nodes, ==, 0);
  g_assert_cmpuint (layout->n_links, ==, 0);
  g_assert_cmpfloat (layout->width, ==, 0);
}

/* Three ranks of eight, each node calling two of the next, and a monitor
 * that calls all 24: left to right, the monitor's long lines stack up in
 * every rank, a tall column; top to bottom they cost little, and a screen
 * shows the map bigger. */
static void
test_tall (void)
{
  g_autoptr(LiaisonTestFixture) f = liaison_test_fixture_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaisonMap) map = NULL;
  g_autoptr(LiaisonMapLayout) layout = NULL;
  double monitor = 0, first_rank = 0;

  for (guint r = 0; r < 3; r++)
    for (guint i = 0; i < 8; i++)
      {
        g_autofree char *node = g_strdup_printf ("10.%u.0.%u", r, i + 1);

        liaison_test_add (f->store, "10.99.0.1", node, "443", "tcp", NULL);
        for (guint j = 0; r < 2 && j < 2; j++)
          {
            g_autofree char *next = g_strdup_printf ("10.%u.0.%u", r + 1, (i + j) % 8 + 1);

            liaison_test_add (f->store, node, next, "443", "tcp", NULL);
          }
      }
  map = liaison_map_new (f->store, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  layout = liaison_map_layout_compute (map, LIAISON_LAYOUT_AUTO, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (layout->engine, ==, LIAISON_LAYOUT_DOT);
  g_assert_true (layout->down);
  g_assert_cmpfloat (layout->width, >, 2 * layout->height);

  /* Clients above what they call: the monitor above the first rank. */
  for (guint i = 0; i < layout->n_nodes; i++)
    if (g_str_equal (liaison_map_get_node (map, i)->id, "10.99.0.1"))
      monitor = layout->nodes[i].y;
    else if (g_str_equal (liaison_map_get_node (map, i)->id, "10.0.0.1"))
      first_rank = layout->nodes[i].y;
  g_assert_cmpfloat (monitor, <, first_rank);

  /* The fixture's map is wide already: left to right. */
  {
    g_autoptr(LiaisonTestFixture) g = map_fixture_new ();
    g_autoptr(LiaisonMap) wide = map_fixture_map (g, NULL, NULL);
    g_autoptr(LiaisonMapLayout) across = liaison_map_layout_compute (wide, LIAISON_LAYOUT_AUTO, NULL, &error);

    g_assert_no_error (error);
    g_assert_false (across->down);
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/map-layout/dot", test_dot);
  g_test_add_func ("/map-layout/sfdp", test_sfdp);
  g_test_add_func ("/map-layout/hubs-and-groups", test_hubs_and_groups);
  g_test_add_func ("/map-layout/threads", test_threads);
  g_test_add_func ("/map-layout/cancelled", test_cancelled);
  g_test_add_func ("/map-layout/empty", test_empty);
  g_test_add_func ("/map-layout/tall", test_tall);

  return g_test_run ();
}
