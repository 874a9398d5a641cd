/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-map-scene"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "liaison-format.h"
#include "liaison-map-scene.h"

/*
 * The grid: the layout's bounds cut into square cells, each with the nodes
 * and the lines that pass through it. A node goes into the cells of its
 * rectangle, a line into the cells its curve crosses (sampled at a fifth of
 * a cell) and those of its label, so that a long line costs the cells it
 * passes, not those of its bounding box. A query walks the cells of a
 * rectangle and marks what it found in a bitmap, to give each item once.
 */

#define GRID_CELLS      64     /* along the longer side */
#define CURVE_STEPS     16     /* samples of a Bézier piece for hit testing */

struct _LiaisonMapScene
{
  LiaisonMap        *map;
  LiaisonMapLayout  *layout;
  LiaisonMapRect     bounds;

  double             cell;
  guint              columns;
  guint              rows;
  guint             *cell_first;    /* columns * rows + 1 */
  guint             *cell_items;

  guint             *order;         /* nodes in keyboard order */
  guint             *position;      /* node -> its place in order */
  guint             *dependents;
  guint             *dependencies;
};

/* Geometry ----------------------------------------------------------------- */

static void
node_rect (const LiaisonMapLayout *layout,
           guint                   node,
           LiaisonMapRect         *rect)
{
  const LiaisonLayoutNode *n = &layout->nodes[node];

  rect->x0 = n->x - n->width / 2;
  rect->x1 = n->x + n->width / 2;
  rect->y0 = n->y - n->height / 2;
  rect->y1 = n->y + n->height / 2;
}

static LiaisonPoint
bezier_at (const LiaisonPoint *p,
           double              t)
{
  double u = 1 - t;

  return (LiaisonPoint) {
    u * u * u * p[0].x + 3 * u * u * t * p[1].x + 3 * u * t * t * p[2].x + t * t * t * p[3].x,
    u * u * u * p[0].y + 3 * u * u * t * p[1].y + 3 * u * t * t * p[2].y + t * t * t * p[3].y,
  };
}

/* Calls @func for points along @link's curve, the arrow and the label's
 * corners, no further apart than @step. */
typedef void (*PointFunc) (double x, double y, gpointer user_data);

static void
walk_link (const LiaisonMapLayout  *layout,
           const LiaisonLayoutLink *link,
           double                   step,
           PointFunc                func,
           gpointer                 user_data)
{
  const LiaisonPoint *points = &layout->points[link->first_point];

  for (guint p = 0; p + 3 < link->n_points; p += 3)
    {
      double length = 0;
      guint steps;

      for (guint i = 0; i < 3; i++)
        length += hypot (points[p + i + 1].x - points[p + i].x, points[p + i + 1].y - points[p + i].y);
      steps = MAX (1, (guint) ceil (length / step));
      for (guint s = 0; s <= steps; s++)
        {
          LiaisonPoint at = bezier_at (&points[p], (double) s / steps);

          func (at.x, at.y, user_data);
        }
    }
  if (link->n_points == 1)
    func (points[0].x, points[0].y, user_data);
  if (link->has_arrow)
    func (link->arrow_tip.x, link->arrow_tip.y, user_data);
  if (link->label_width > 0)
    for (double x = link->label_at.x - link->label_width / 2; ; x += step)
      {
        double x1 = MIN (x, link->label_at.x + link->label_width / 2);

        func (x1, link->label_at.y - link->label_height / 2, user_data);
        func (x1, link->label_at.y + link->label_height / 2, user_data);
        if (x1 >= link->label_at.x + link->label_width / 2)
          break;
      }
}

/* The grid ------------------------------------------------------------------ */

static guint
cell_index (LiaisonMapScene *self,
            double           x,
            double           y)
{
  int column = (int) floor ((x - self->bounds.x0) / self->cell);
  int row = (int) floor ((y - self->bounds.y0) / self->cell);

  column = CLAMP (column, 0, (int) self->columns - 1);
  row = CLAMP (row, 0, (int) self->rows - 1);
  return (guint) row * self->columns + (guint) column;
}

typedef struct
{
  LiaisonMapScene *scene;
  GArray          *pairs;      /* (cell, item) */
  guint            item;
  guint            last_cell;
} GridFill;

static void
add_pair (GridFill *fill,
          guint     cell)
{
  guint pair[2] = { cell, fill->item };

  if (cell == fill->last_cell)
    return;
  fill->last_cell = cell;
  g_array_append_vals (fill->pairs, pair, 1);
}

static void
add_point (double   x,
           double   y,
           gpointer user_data)
{
  GridFill *fill = user_data;

  add_pair (fill, cell_index (fill->scene, x, y));
}

static int
compare_pairs (gconstpointer a,
               gconstpointer b)
{
  const guint *x = a, *y = b;

  if (x[0] != y[0])
    return x[0] < y[0] ? -1 : 1;
  return (x[1] > y[1]) - (x[1] < y[1]);
}

static void
build_grid (LiaisonMapScene *self)
{
  const LiaisonMapLayout *layout = self->layout;
  double width = MAX (1.0, self->bounds.x1 - self->bounds.x0);
  double height = MAX (1.0, self->bounds.y1 - self->bounds.y0);
  g_autoptr(GArray) pairs = g_array_new (FALSE, FALSE, 2 * sizeof (guint));
  GridFill fill = { self, pairs, 0, G_MAXUINT };
  guint n_cells;

  self->cell = MAX (width, height) / GRID_CELLS;
  self->columns = MAX (1, (guint) ceil (width / self->cell));
  self->rows = MAX (1, (guint) ceil (height / self->cell));
  n_cells = self->columns * self->rows;

  for (guint i = 0; i < layout->n_nodes; i++)
    {
      LiaisonMapRect r;

      node_rect (layout, i, &r);
      fill.item = i;
      fill.last_cell = G_MAXUINT;
      for (double y = r.y0; ; y += self->cell)
        {
          double y1 = MIN (y, r.y1);

          for (double x = r.x0; ; x += self->cell)
            {
              double x1 = MIN (x, r.x1);

              add_pair (&fill, cell_index (self, x1, y1));
              if (x1 >= r.x1)
                break;
            }
          if (y1 >= r.y1)
            break;
        }
    }
  for (guint i = 0; i < layout->n_links; i++)
    {
      fill.item = layout->n_nodes + i;
      fill.last_cell = G_MAXUINT;
      walk_link (layout, &layout->links[i], self->cell / 5, add_point, &fill);
    }

  /* Sorted by cell, then item: each cell's items once, in drawing order. */
  g_array_sort (pairs, compare_pairs);
  self->cell_first = g_new0 (guint, n_cells + 1);
  self->cell_items = g_new (guint, MAX (pairs->len, 1));
  for (guint i = 0, n = 0; i < pairs->len; i++)
    {
      const guint *pair = &g_array_index (pairs, guint, 2 * i);

      if (i > 0 && compare_pairs (pair, &g_array_index (pairs, guint, 2 * (i - 1))) == 0)
        continue;
      self->cell_items[n++] = pair[1];
      self->cell_first[pair[0] + 1]++;
    }
  for (guint c = 0; c < n_cells; c++)
    self->cell_first[c + 1] += self->cell_first[c];
}

/* Keyboard order ---------------------------------------------------------------- */

typedef struct
{
  const LiaisonMapLayout *layout;
  gboolean                columns;
  double                  band;
} ReadingOrder;

/* dot lays ranks out left to right: columns, each top to bottom (or top to
 * bottom: rows). sfdp has no ranks: rows of about a node's height. Rows are
 * read left to right. */
static int
compare_reading (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  const ReadingOrder *order = user_data;
  guint i = *(const guint *) a, j = *(const guint *) b;
  const LiaisonLayoutNode *x = &order->layout->nodes[i];
  const LiaisonLayoutNode *y = &order->layout->nodes[j];
  double major_x = floor ((order->columns ? x->x : x->y) / order->band);
  double major_y = floor ((order->columns ? y->x : y->y) / order->band);
  double minor_x = order->columns ? x->y : x->x;
  double minor_y = order->columns ? y->y : y->x;

  if (major_x != major_y)
    return major_x < major_y ? -1 : 1;
  if (minor_x != minor_y)
    return minor_x < minor_y ? -1 : 1;
  return (i > j) - (i < j);
}

static void
build_order (LiaisonMapScene *self)
{
  guint n = self->layout->n_nodes;
  ReadingOrder order = { self->layout, self->layout->engine == LIAISON_LAYOUT_DOT && !self->layout->down, 0 };

  order.band = self->layout->engine == LIAISON_LAYOUT_DOT ? 8.0 : 36.0;
  self->order = g_new (guint, MAX (n, 1));
  self->position = g_new (guint, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    self->order[i] = i;
  g_qsort_with_data (self->order, n, sizeof (guint), compare_reading, &order);
  for (guint i = 0; i < n; i++)
    self->position[self->order[i]] = i;
}

static void
count_impacts (LiaisonMapScene *self)
{
  guint n = MAX (self->layout->n_nodes, 1);

  self->dependents = g_new0 (guint, n);
  self->dependencies = g_new0 (guint, n);
  liaison_map_impact_counts (self->map, LIAISON_IMPACT_DEPENDENTS, self->dependents);
  liaison_map_impact_counts (self->map, LIAISON_IMPACT_DEPENDENCIES, self->dependencies);
}

/* The scene ------------------------------------------------------------------ */

static void
scene_clear (gpointer data)
{
  LiaisonMapScene *self = data;

  liaison_map_unref (self->map);
  liaison_map_layout_free (self->layout);
  g_free (self->cell_first);
  g_free (self->cell_items);
  g_free (self->order);
  g_free (self->position);
  g_free (self->dependents);
  g_free (self->dependencies);
}

/**
 * liaison_map_scene_new:
 * @layout: (transfer full): a layout of @map
 *
 * Returns: (transfer full): the scene of @map as @layout lays it out
 */
LiaisonMapScene *
liaison_map_scene_new (LiaisonMap       *map,
                       LiaisonMapLayout *layout)
{
  LiaisonMapScene *self;

  g_return_val_if_fail (map != NULL, NULL);
  g_return_val_if_fail (layout != NULL && layout->n_nodes == liaison_map_get_n_nodes (map), NULL);

  self = g_atomic_rc_box_new0 (LiaisonMapScene);
  self->map = liaison_map_ref (map);
  self->layout = layout;
  self->bounds = (LiaisonMapRect) { 0, 0, layout->width, layout->height };

  build_grid (self);
  build_order (self);
  count_impacts (self);
  return self;
}

LiaisonMapScene *
liaison_map_scene_ref (LiaisonMapScene *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_atomic_rc_box_acquire (self);
}

void
liaison_map_scene_unref (LiaisonMapScene *self)
{
  if (self != NULL)
    g_atomic_rc_box_release_full (self, scene_clear);
}

LiaisonMap *
liaison_map_scene_get_map (LiaisonMapScene *self)
{
  return self->map;
}

const LiaisonMapLayout *
liaison_map_scene_get_layout (LiaisonMapScene *self)
{
  return self->layout;
}

guint
liaison_map_scene_get_n_nodes (LiaisonMapScene *self)
{
  return self->layout->n_nodes;
}

guint
liaison_map_scene_get_n_links (LiaisonMapScene *self)
{
  return self->layout->n_links;
}

void
liaison_map_scene_get_bounds (LiaisonMapScene *self,
                              LiaisonMapRect  *bounds)
{
  *bounds = self->bounds;
}

void
liaison_map_scene_get_node_rect (LiaisonMapScene *self,
                                 guint            node,
                                 LiaisonMapRect  *rect)
{
  g_return_if_fail (node < self->layout->n_nodes);

  node_rect (self->layout, node, rect);
}

/**
 * liaison_map_scene_query:
 * @nodes: (element-type guint): gets the nodes that may lie in @area, in order
 * @links: (element-type guint) (nullable): gets the lines likewise
 *
 * Finds what may be drawn in @area: every item in it, and perhaps a few
 * close by (what shares a cell of the grid with it).
 */
void
liaison_map_scene_query (LiaisonMapScene      *self,
                         const LiaisonMapRect *area,
                         GArray               *nodes,
                         GArray               *links)
{
  guint n_nodes = self->layout->n_nodes;
  guint n_items = n_nodes + self->layout->n_links;
  g_autofree guint32 *seen = NULL;
  guint first, last;
  guint c0, c1, r0, r1;

  g_array_set_size (nodes, 0);
  if (links != NULL)
    g_array_set_size (links, 0);
  if (area->x1 < self->bounds.x0 || area->x0 > self->bounds.x1 ||
      area->y1 < self->bounds.y0 || area->y0 > self->bounds.y1 || n_items == 0)
    return;

  seen = g_new0 (guint32, n_items / 32 + 1);
  first = cell_index (self, area->x0, area->y0);
  last = cell_index (self, area->x1, area->y1);
  c0 = first % self->columns, r0 = first / self->columns;
  c1 = last % self->columns, r1 = last / self->columns;

  for (guint r = r0; r <= r1; r++)
    for (guint c = c0; c <= c1; c++)
      {
        guint cell = r * self->columns + c;

        for (guint i = self->cell_first[cell]; i < self->cell_first[cell + 1]; i++)
          {
            guint item = self->cell_items[i];

            if (seen[item / 32] & (1u << (item % 32)))
              continue;
            seen[item / 32] |= 1u << (item % 32);
          }
      }

  /* Read back in item order: nodes and lines in the order they are drawn. */
  for (guint item = 0; item < n_items; item++)
    {
      if ((seen[item / 32] & (1u << (item % 32))) == 0)
        {
          if (seen[item / 32] == 0)
            item |= 31;
          continue;
        }
      if (item < n_nodes)
        g_array_append_val (nodes, item);
      else if (links != NULL)
        {
          guint link = item - n_nodes;

          g_array_append_val (links, link);
        }
    }
}

/**
 * liaison_map_scene_node_at:
 *
 * Returns: the node whose box holds (@x, @y), or %LIAISON_MAP_SCENE_NONE
 */
guint
liaison_map_scene_node_at (LiaisonMapScene *self,
                           double           x,
                           double           y)
{
  LiaisonMapRect area = { x, y, x, y };
  g_autoptr(GArray) nodes = g_array_new (FALSE, FALSE, sizeof (guint));

  liaison_map_scene_query (self, &area, nodes, NULL);
  /* The last drawn is on top. */
  for (guint i = nodes->len; i > 0; i--)
    {
      guint node = g_array_index (nodes, guint, i - 1);
      LiaisonMapRect r;

      node_rect (self->layout, node, &r);
      if (x >= r.x0 && x <= r.x1 && y >= r.y0 && y <= r.y1)
        return node;
    }
  return LIAISON_MAP_SCENE_NONE;
}

static double
segment_distance (double ax, double ay, double bx, double by, double x, double y)
{
  double dx = bx - ax, dy = by - ay;
  double length = dx * dx + dy * dy;
  double t = length > 0 ? CLAMP (((x - ax) * dx + (y - ay) * dy) / length, 0, 1) : 0;

  return hypot (ax + t * dx - x, ay + t * dy - y);
}

/* How far (@x, @y) is from @link's curve, arrow or label. */
static double
link_distance (const LiaisonMapLayout  *layout,
               const LiaisonLayoutLink *link,
               double                   x,
               double                   y)
{
  const LiaisonPoint *points = &layout->points[link->first_point];
  double best = G_MAXDOUBLE;

  for (guint p = 0; p + 3 < link->n_points; p += 3)
    {
      LiaisonPoint last = points[p];

      for (guint s = 1; s <= CURVE_STEPS; s++)
        {
          LiaisonPoint at = bezier_at (&points[p], (double) s / CURVE_STEPS);

          best = MIN (best, segment_distance (last.x, last.y, at.x, at.y, x, y));
          last = at;
        }
    }
  if (link->has_arrow && link->n_points > 0)
    {
      const LiaisonPoint *end = &points[link->n_points - 1];

      best = MIN (best, segment_distance (end->x, end->y, link->arrow_tip.x, link->arrow_tip.y, x, y));
    }
  if (link->label_width > 0 &&
      fabs (x - link->label_at.x) <= link->label_width / 2 && fabs (y - link->label_at.y) <= link->label_height / 2)
    best = 0;
  return best;
}

/**
 * liaison_map_scene_link_at:
 * @tolerance: how far from the line, in points
 *
 * Returns: the line closest to (@x, @y) within @tolerance, or
 *   %LIAISON_MAP_SCENE_NONE
 */
guint
liaison_map_scene_link_at (LiaisonMapScene *self,
                           double           x,
                           double           y,
                           double           tolerance)
{
  LiaisonMapRect area = { x - tolerance, y - tolerance, x + tolerance, y + tolerance };
  g_autoptr(GArray) nodes = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) links = g_array_new (FALSE, FALSE, sizeof (guint));
  guint found = LIAISON_MAP_SCENE_NONE;
  double best = tolerance;

  liaison_map_scene_query (self, &area, nodes, links);
  for (guint i = 0; i < links->len; i++)
    {
      guint link = g_array_index (links, guint, i);
      double distance = link_distance (self->layout, &self->layout->links[link], x, y);

      if (distance <= best)
        {
          best = distance;
          found = link;
        }
    }
  return found;
}

/* The keyboard -------------------------------------------------------------- */

/**
 * liaison_map_scene_node_at_position:
 *
 * Returns: the node at @position of the keyboard order (columns of a
 *   layered map left to right, each top to bottom; rows of a large map)
 */
guint
liaison_map_scene_node_at_position (LiaisonMapScene *self,
                                    guint            position)
{
  g_return_val_if_fail (position < self->layout->n_nodes, LIAISON_MAP_SCENE_NONE);

  return self->order[position];
}

guint
liaison_map_scene_get_position (LiaisonMapScene *self,
                                guint            node)
{
  g_return_val_if_fail (node < self->layout->n_nodes, 0);

  return self->position[node];
}

/**
 * liaison_map_scene_neighbour:
 * @dx: -1, 0 or 1
 * @dy: -1, 0 or 1
 *
 * Returns: the nearest node from @node in the direction (@dx, @dy), a
 *   sideways step counting twice, or %LIAISON_MAP_SCENE_NONE
 */
guint
liaison_map_scene_neighbour (LiaisonMapScene *self,
                             guint            node,
                             int              dx,
                             int              dy)
{
  const LiaisonLayoutNode *from;
  guint found = LIAISON_MAP_SCENE_NONE;
  double best = G_MAXDOUBLE;

  g_return_val_if_fail (node < self->layout->n_nodes, LIAISON_MAP_SCENE_NONE);

  from = &self->layout->nodes[node];
  for (guint i = 0; i < self->layout->n_nodes; i++)
    {
      const LiaisonLayoutNode *to = &self->layout->nodes[i];
      double along = dx * (to->x - from->x) + dy * (to->y - from->y);
      double across = fabs (dy * (to->x - from->x)) + fabs (dx * (to->y - from->y));
      double cost;

      if (i == node || along <= 0.5)
        continue;
      cost = along + 2 * across;
      if (cost < best)
        {
          best = cost;
          found = i;
        }
    }
  return found;
}

/* Words ------------------------------------------------------------------------ */

guint
liaison_map_scene_get_n_dependents (LiaisonMapScene *self,
                                    guint            node)
{
  g_return_val_if_fail (node < self->layout->n_nodes, 0);

  return self->dependents[node];
}

guint
liaison_map_scene_get_n_dependencies (LiaisonMapScene *self,
                                      guint            node)
{
  g_return_val_if_fail (node < self->layout->n_nodes, 0);

  return self->dependencies[node];
}

/**
 * liaison_map_scene_dup_node_label:
 *
 * Returns: (transfer full): what a screen reader says of @node: "db01, 12
 *   dependents, 3 dependencies"
 */
char *
liaison_map_scene_dup_node_label (LiaisonMapScene *self,
                                  guint            node)
{
  g_autofree char *dependents = NULL;
  g_autofree char *dependencies = NULL;

  g_return_val_if_fail (node < self->layout->n_nodes, NULL);

  dependents = g_strdup_printf (ngettext ("%u dependent", "%u dependents", self->dependents[node]),
                                self->dependents[node]);
  dependencies = g_strdup_printf (ngettext ("%u dependency", "%u dependencies", self->dependencies[node]),
                                  self->dependencies[node]);
  /* TRANSLATORS: a node of the map as a screen reader says it: its name,
   * "12 dependents", "3 dependencies" */
  return g_strdup_printf (_("%s, %s, %s"), liaison_map_get_node (self->map, node)->id,
                          dependents, dependencies);
}

static const char *
kind_name (const LiaisonMapNode *node)
{
  if (node->hub)
    return _("Hub");
  switch (node->kind)
    {
    case LIAISON_MAP_NODE_GROUP:
      return _("Group");
    case LIAISON_MAP_NODE_DEVICE:
      return _("Device");
    case LIAISON_MAP_NODE_SUBNET:
      return _("Subnet");
    case LIAISON_MAP_NODE_ADDRESS:
    default:
      return _("Address");
    }
}

/**
 * liaison_map_scene_dup_node_tooltip:
 *
 * Returns: (transfer full): the figures of @node, as Pango markup
 */
char *
liaison_map_scene_dup_node_tooltip (LiaisonMapScene *self,
                                    guint            node)
{
  const LiaisonMapNode *n;
  g_auto(GStrv) addresses = NULL;
  g_autofree char *label = NULL;
  GString *text;
  guint n_addresses;

  g_return_val_if_fail (node < self->layout->n_nodes, NULL);

  n = liaison_map_get_node (self->map, node);
  addresses = liaison_map_dup_addresses (self->map, node);
  n_addresses = g_strv_length (addresses);

  text = g_string_new (NULL);
  g_string_append_printf (text, "<b>%s</b>\n", label = g_markup_escape_text (n->id, -1));
  g_string_append (text, kind_name (n));
  for (guint i = 0; i < n_addresses && i < 4; i++)
    g_string_append_printf (text, "%s%s", i == 0 ? " · " : ", ", addresses[i]);
  if (n_addresses > 4)
    g_string_append_printf (text, ngettext (", and %u more", ", and %u more", n_addresses - 4), n_addresses - 4);
  g_string_append_c (text, '\n');
  g_string_append_printf (text, ngettext ("Called by %u node", "Called by %u nodes", n->client_nodes), n->client_nodes);
  g_string_append (text, ", ");
  g_string_append_printf (text, ngettext ("calls %u node", "calls %u nodes", n->listener_nodes), n->listener_nodes);
  g_string_append_c (text, '\n');
  g_string_append_printf (text, ngettext ("%u dependent", "%u dependents", self->dependents[node]),
                          self->dependents[node]);
  g_string_append (text, ", ");
  g_string_append_printf (text, ngettext ("%u dependency", "%u dependencies", self->dependencies[node]),
                          self->dependencies[node]);
  return g_string_free (text, FALSE);
}

static void
append_edge_figures (GString              *text,
                     const LiaisonMapEdge *edge)
{
  if (edge->has_netstat)
    {
      g_autofree char *persistence = liaison_format_percent (edge->persistence_percent);
      g_autofree char *weight = liaison_format_decimal (edge->weight);

      /* TRANSLATORS: the netstat figures of a line of the map */
      g_string_append_printf (text, _("persistence %s, weight %s"), persistence, weight);
    }
  if (edge->has_netflow)
    {
      if (edge->has_netstat)
        g_string_append (text, ", ");
      g_string_append_printf (text, ngettext ("%lld flow event", "%lld flow events",
                                              (gulong) CLAMP (edge->flow_events, 0, G_MAXLONG)),
                              (long long) edge->flow_events);
    }
  if (!edge->has_netstat && !edge->has_netflow)
    g_string_append (text, _("not measured"));
}

/**
 * liaison_map_scene_dup_link_tooltip:
 *
 * Returns: (transfer full): the figures of @link's ports, as Pango markup
 */
char *
liaison_map_scene_dup_link_tooltip (LiaisonMapScene *self,
                                    guint            link)
{
  const LiaisonLayoutLink *l;
  const LiaisonMapEdge *edges;
  g_autofree char *client = NULL;
  g_autofree char *listener = NULL;
  LiaisonTime last = LIAISON_TIME_NONE;
  gint64 silent = -1;
  GString *text;
  guint n_edges;

  g_return_val_if_fail (link < self->layout->n_links, NULL);

  l = &self->layout->links[link];
  edges = liaison_map_get_edges (self->map, &n_edges);
  client = g_markup_escape_text (liaison_map_get_node (self->map, l->client)->id, -1);
  listener = g_markup_escape_text (liaison_map_get_node (self->map, l->listener)->id, -1);

  text = g_string_new (NULL);
  g_string_append_printf (text, "<b>%s → %s</b>", client, listener);
  for (guint i = 0; i < l->n_edges; i++)
    {
      const LiaisonMapEdge *edge = &edges[self->layout->edges[l->first_edge + i]];

      if (i == 6)
        {
          g_string_append_c (text, '\n');
          g_string_append_printf (text, ngettext ("and %u more port", "and %u more ports", l->n_edges - 6),
                                  l->n_edges - 6);
          break;
        }
      g_string_append_printf (text, "\n%u/%s: ", edge->port, edge->service != NULL ? edge->service : edge->protocol);
      append_edge_figures (text, edge);
    }
  for (guint i = 0; i < l->n_edges; i++)
    {
      const LiaisonMapEdge *edge = &edges[self->layout->edges[l->first_edge + i]];

      if (edge->last_found != LIAISON_TIME_NONE && (last == LIAISON_TIME_NONE || edge->last_found > last))
        last = edge->last_found;
      if (edge->silent_span >= 0 && (silent < 0 || edge->silent_span < silent))
        silent = edge->silent_span;
    }
  if (last != LIAISON_TIME_NONE)
    {
      g_autofree char *when = liaison_format_time (last);

      g_string_append_c (text, '\n');
      g_string_append_printf (text, _("Last found %s"), when);
    }
  if (silent > 0)
    {
      g_autofree char *span = liaison_format_duration (silent);

      g_string_append (text, ", ");
      g_string_append_printf (text, _("silent for %s"), span);
    }
  return g_string_free (text, FALSE);
}

/**
 * liaison_map_scene_dup_description:
 *
 * Returns: (transfer full): what the map shows, in one sentence, and how
 *   to go through it by keyboard
 */
char *
liaison_map_scene_dup_description (LiaisonMapScene *self)
{
  g_autofree char *nodes = g_strdup_printf (ngettext ("%u node", "%u nodes", self->layout->n_nodes),
                                            self->layout->n_nodes);
  g_autofree char *links = g_strdup_printf (ngettext ("%u line", "%u lines", self->layout->n_links),
                                            self->layout->n_links);

  /* TRANSLATORS: the accessible description of the map: "12 nodes", "30 lines" */
  return g_strdup_printf (_("Who talks to whom: %s and %s between them, each line from a client "
                            "to what it calls. Arrow keys go from node to node; Enter shows what "
                            "depends on a node."), nodes, links);
}

/**
 * liaison_map_scene_find_node:
 *
 * Returns: the node with the id @id, or %LIAISON_MAP_SCENE_NONE
 */
guint
liaison_map_scene_find_node (LiaisonMapScene *self,
                             const char      *id)
{
  for (guint i = 0; id != NULL && i < self->layout->n_nodes; i++)
    if (g_str_equal (liaison_map_get_node (self->map, i)->id, id))
      return i;
  return LIAISON_MAP_SCENE_NONE;
}
