/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-map"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gvc.h>

#include "liaison-error.h"
#include "liaison-map-layout.h"
#include "liaison-map-private.h"

/*
 * Layout by Graphviz (libgvc): `dot` for a layered map up to a few hundred
 * nodes, `sfdp` beyond. The map's drawn edges between two nodes share one
 * line (their ports in its label), so Graphviz routes one edge per pair.
 * Edge labels are placed by dot as external labels (`xlabel`, which cost
 * no ranks); sfdp gets none (placing thousands of them takes it tens of
 * seconds) and each label goes to the middle of its line.
 *
 * Graphviz keeps global state, and its contexts are not safe to use from
 * two threads at once: every use of it here holds one lock, and one
 * context serves the whole program. It cannot be interrupted either: a
 * cancellation is seen before Graphviz starts and after it returns, and a
 * layout waiting for the lock gives up as soon as it is cancelled. A
 * layout started and then cancelled ends on its own; dot's work is bounded
 * (DOT_MAX_NODES, DOT_MAX_LINKS and its search limits) so that takes a few
 * seconds at most, and sfdp's grows little faster than the map.
 *
 * The exports draw the same geometry: the graph is built again with every
 * position and curve given (`pos`), laid out by `nop2` (neato -n2, which
 * keeps them) and rendered.
 */

#define DOT_MAX_NODES 300
#define DOT_MAX_LINKS 1200
#define FONT "Sans"
#define PNG_MAX_PIXELS 8000.0
#define TALL 1.2

static GMutex   graphviz_lock;
static GCond    graphviz_idle;
static gboolean graphviz_busy;
static GVC_t   *graphviz_context;
static GString *graphviz_errors;

static int
on_graphviz_error (char *message)
{
  if (graphviz_errors != NULL)
    g_string_append (graphviz_errors, message);
  return 0;
}

/* Waits for Graphviz to be free, unless @cancellable is cancelled first. */
static gboolean
graphviz_acquire (GCancellable  *cancellable,
                  GError       **error)
{
  g_mutex_lock (&graphviz_lock);
  while (graphviz_busy)
    {
      if (liaison_map_check_cancelled (cancellable, error))
        {
          g_mutex_unlock (&graphviz_lock);
          return FALSE;
        }
      g_cond_wait_until (&graphviz_idle, &graphviz_lock, g_get_monotonic_time () + 20 * G_TIME_SPAN_MILLISECOND);
    }
  graphviz_busy = TRUE;
  g_mutex_unlock (&graphviz_lock);

  if (graphviz_context == NULL)
    {
      /* Errors are collected for the message; warnings are left out. */
      agseterr (AGERR);
      agseterrf (on_graphviz_error);
      graphviz_context = gvContext ();
      graphviz_errors = g_string_new (NULL);
    }
  g_string_truncate (graphviz_errors, 0);
  agreseterrors ();
  return TRUE;
}

static void
graphviz_release (void)
{
  g_mutex_lock (&graphviz_lock);
  graphviz_busy = FALSE;
  g_cond_broadcast (&graphviz_idle);
  g_mutex_unlock (&graphviz_lock);
}

/* What Graphviz said when it failed. */
static const char *
graphviz_reason (void)
{
  g_strchomp (graphviz_errors->str);
  return graphviz_errors->str[0] != '\0' ? graphviz_errors->str : _("no reason given");
}

/* Links ------------------------------------------------------------------ */

static char *
edge_label (const LiaisonMapEdge *edge)
{
  return g_strdup_printf ("%u/%s", edge->port, edge->service != NULL ? edge->service : edge->protocol);
}

/* The map's drawn edges lie by client node, then listener node: each run
 * of one pair of nodes is one link. */
static void
build_links (LiaisonMap       *map,
             LiaisonMapLayout *layout)
{
  const LiaisonMapEdge *edges;
  guint n_edges;
  GArray *links = g_array_new (FALSE, TRUE, sizeof (LiaisonLayoutLink));

  edges = liaison_map_get_edges (map, &n_edges);
  layout->edges = g_new (guint, MAX (n_edges, 1));
  layout->edge_links = g_new (guint, MAX (n_edges, 1));

  for (guint i = 0; i < n_edges; )
    {
      LiaisonLayoutLink link = { 0 };
      g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
      gint64 ns_total = 0, ns_active = 0, ns_ports = 0;
      GString *text = g_string_new (NULL);
      guint shown = 0;

      link.client = edges[i].client;
      link.listener = edges[i].listener;
      link.first_edge = i;
      link.flow_events = -1;
      for (; i < n_edges && edges[i].client == link.client && edges[i].listener == link.listener; i++)
        {
          char *label = edge_label (&edges[i]);

          layout->edges[i] = i;
          layout->edge_links[i] = links->len;
          if (labels->len == 0 || !g_str_equal (g_ptr_array_index (labels, labels->len - 1), label))
            g_ptr_array_add (labels, label);
          else
            g_free (label);
          if (edges[i].has_netstat)
            {
              ns_total += edges[i].ns_total_samples;
              ns_active += edges[i].ns_active_samples;
              ns_ports += edges[i].ns_total_ports;
            }
          if (edges[i].has_netflow)
            link.flow_events = MAX (link.flow_events, 0) + edges[i].flow_events;
        }
      link.n_edges = i - link.first_edge;
      link.persistence = ns_total > 0 ? 100.0 * (double) ns_active / (double) ns_total : -1;
      link.weight = ns_active > 0 ? (double) ns_ports / (double) ns_active : -1;

      /* Three ports at most, then how many more. */
      for (; shown < labels->len && shown < 3; shown++)
        g_string_append_printf (text, "%s%s", shown > 0 ? ", " : "", (char *) g_ptr_array_index (labels, shown));
      if (shown < labels->len)
        g_string_append_printf (text, ", +%u", labels->len - shown);
      link.label = g_string_free (text, FALSE);
      g_array_append_val (links, link);
    }

  layout->n_links = links->len;
  layout->links = (LiaisonLayoutLink *) (gpointer) g_array_free (links, FALSE);
}

static char *
node_label (LiaisonMap *map,
            guint       index)
{
  const LiaisonMapNode *node = liaison_map_get_node (map, index);

  if (node->hub)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s\nhub, %u client", "%s\nhub, %u clients",
                                         node->client_nodes),
                            node->id, node->client_nodes);
  if (node->kind == LIAISON_MAP_NODE_GROUP || node->kind == LIAISON_MAP_NODE_SUBNET)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s\n%u address", "%s\n%u addresses",
                                         node->n_addresses),
                            node->id, node->n_addresses);
  return g_strdup (node->id);
}

/* Graphviz ---------------------------------------------------------------- */

static void
set (void       *object,
     const char *name,
     const char *value)
{
  agsafeset (object, (char *) name, (char *) value, (char *) "");
}

static void
set_printf (void       *object,
            const char *name,
            const char *format,
            ...) G_GNUC_PRINTF (3, 4);

static void
set_printf (void       *object,
            const char *name,
            const char *format,
            ...)
{
  g_autofree char *value = NULL;
  va_list args;

  va_start (args, format);
  value = g_strdup_vprintf (format, args);
  va_end (args);
  set (object, name, value);
}

/* Text that SVG (XML) can hold: other control characters become spaces. */
static char *
printable (const char *text)
{
  char *copy = g_utf8_make_valid (text, -1);

  for (char *p = copy; *p != '\0'; p++)
    if (((guchar) *p < 0x20 && *p != '\n') || *p == 0x7f)
      *p = ' ';
  return copy;
}

/* Graphviz reads escapes in labels (\n, \N, \l...): text is given with its
 * backslashes doubled and its line breaks as \n. */
static void
set_label (void       *object,
           const char *name,
           const char *text)
{
  g_autofree char *shown = printable (text);
  GString *escaped = g_string_new (NULL);

  for (const char *p = shown; *p != '\0'; p++)
    {
      if (*p == '\\')
        g_string_append (escaped, "\\\\");
      else if (*p == '\n')
        g_string_append (escaped, "\\n");
      else
        g_string_append_c (escaped, *p);
    }
  set (object, name, escaped->str);
  g_string_free (escaped, TRUE);
}

static void
set_attribute (Agraph_t   *g,
               int         kind,
               const char *name,
               const char *value)
{
  agattr (g, kind, (char *) name, (char *) value);
}

/* The graph of @layout's nodes and links; @nodes and @links get Graphviz's. */
static Agraph_t *
build_graph (LiaisonMap              *map,
             const LiaisonMapLayout  *layout,
             LiaisonLayoutEngine      engine,
             Agnode_t               **nodes,
             Agedge_t               **links)
{
  Agraph_t *g = agopen ((char *) "map", Agdirected, NULL);

  set_attribute (g, AGRAPH, "fontname", FONT);
  if (engine == LIAISON_LAYOUT_DOT)
    {
      set_attribute (g, AGRAPH, "rankdir", layout->down ? "TB" : "LR");
      set_attribute (g, AGRAPH, "nodesep", "0.25");
      set_attribute (g, AGRAPH, "ranksep", "0.9");
      /* Bounds on dot's crossing minimization and network simplex. */
      set_attribute (g, AGRAPH, "mclimit", "0.5");
      set_attribute (g, AGRAPH, "nslimit", "5");
      set_attribute (g, AGRAPH, "nslimit1", "5");
    }
  else
    {
      set_attribute (g, AGRAPH, "overlap", "prism");
      set_attribute (g, AGRAPH, "sep", "+6");
    }
  set_attribute (g, AGNODE, "shape", "box");
  set_attribute (g, AGNODE, "style", "rounded");
  set_attribute (g, AGNODE, "fontname", FONT);
  set_attribute (g, AGNODE, "fontsize", "10");
  set_attribute (g, AGNODE, "height", "0.3");
  set_attribute (g, AGNODE, "margin", "0.1,0.05");
  set_attribute (g, AGEDGE, "fontname", FONT);
  set_attribute (g, AGEDGE, "fontsize", "8");
  set_attribute (g, AGEDGE, "arrowsize", "0.6");

  /* Nodes are named by their ids, printable; "n" and the index where that
   * leaves two alike. */
  for (guint i = 0; i < layout->n_nodes; i++)
    {
      g_autofree char *name = printable (liaison_map_get_node (map, i)->id);

      g_strdelimit (name, "\n", ' ');
      if (agnode (g, name, FALSE) != NULL)
        {
          g_free (name);
          name = g_strdup_printf ("n%u", i);
        }
      nodes[i] = agnode (g, name, TRUE);
      set_label (nodes[i], "label", layout->nodes[i].label);
    }
  for (guint i = 0; i < layout->n_links; i++)
    {
      const LiaisonLayoutLink *link = &layout->links[i];

      links[i] = agedge (g, nodes[link->client], nodes[link->listener], NULL, TRUE);
      if (engine == LIAISON_LAYOUT_DOT)
        set_label (links[i], "xlabel", link->label);
    }
  return g;
}

/* The point of a cubic Bézier curve at @t. */
static LiaisonPoint
bezier_at (const LiaisonPoint *p,
           double              t)
{
  double u = 1 - t;
  LiaisonPoint r;

  r.x = u * u * u * p[0].x + 3 * u * u * t * p[1].x + 3 * u * t * t * p[2].x + t * t * t * p[3].x;
  r.y = u * u * u * p[0].y + 3 * u * u * t * p[1].y + 3 * u * t * t * p[2].y + t * t * t * p[3].y;
  return r;
}

/* The middle of a link's curve, where sfdp's labels go. */
static LiaisonPoint
curve_middle (const LiaisonPoint *points,
              guint               n_points)
{
  guint segments = (n_points - 1) / 3;

  if (segments == 0)
    return points[0];
  if (segments % 2 == 1)
    return bezier_at (&points[3 * (segments / 2)], 0.5);
  return points[3 * (segments / 2)];
}

/* Whether a label of @width and @height at @centre lies over a node: dot
 * places a few that way, and they then go to the middle of their line. */
static gboolean
covers_node (const LiaisonMapLayout *layout,
             LiaisonPoint            centre,
             double                  width,
             double                  height)
{
  for (guint i = 0; i < layout->n_nodes; i++)
    {
      const LiaisonLayoutNode *node = &layout->nodes[i];

      if (fabs (centre.x - node->x) < (width + node->width) / 2 - 1 &&
          fabs (centre.y - node->y) < (height + node->height) / 2 - 1)
        return TRUE;
    }
  return FALSE;
}

static void
read_geometry (Agraph_t         *g,
               LiaisonMapLayout *layout,
               Agnode_t        **nodes,
               Agedge_t        **links)
{
  boxf bb = GD_bb (g);
  GArray *points = g_array_new (FALSE, FALSE, sizeof (LiaisonPoint));

#define POINT(p) ((LiaisonPoint) { (p).x - bb.LL.x, bb.UR.y - (p).y })

  layout->width = bb.UR.x - bb.LL.x;
  layout->height = bb.UR.y - bb.LL.y;

  for (guint i = 0; i < layout->n_nodes; i++)
    {
      LiaisonPoint centre = POINT (ND_coord (nodes[i]));

      layout->nodes[i].x = centre.x;
      layout->nodes[i].y = centre.y;
      layout->nodes[i].width = ND_width (nodes[i]) * 72;
      layout->nodes[i].height = ND_height (nodes[i]) * 72;
    }

  for (guint i = 0; i < layout->n_links; i++)
    {
      LiaisonLayoutLink *link = &layout->links[i];
      splines *spl = ED_spl (links[i]);
      textlabel_t *xlabel = ED_xlabel (links[i]);

      link->first_point = points->len;
      for (guint b = 0; spl != NULL && b < (guint) spl->size; b++)
        {
          const bezier *bz = &spl->list[b];

          /* A curve in pieces goes on from where the last one ended. */
          for (guint p = b > 0 ? 1 : 0; p < (guint) bz->size; p++)
            {
              LiaisonPoint point = POINT (bz->list[p]);

              g_array_append_val (points, point);
            }
          if (bz->eflag)
            {
              link->has_arrow = TRUE;
              link->arrow_tip = POINT (bz->ep);
            }
        }
      link->n_points = points->len - link->first_point;

      if (xlabel != NULL && xlabel->set && !covers_node (layout, POINT (xlabel->pos), xlabel->dimen.x, xlabel->dimen.y))
        {
          link->label_at = POINT (xlabel->pos);
          link->label_width = xlabel->dimen.x;
          link->label_height = xlabel->dimen.y;
        }
      else if (link->n_points > 0)
        {
          /* About the size of 8 pt text. */
          link->label_at = curve_middle (&g_array_index (points, LiaisonPoint, link->first_point), link->n_points);
          link->label_width = 4.4 * g_utf8_strlen (link->label, -1) + 4;
          link->label_height = 11;
        }
    }
#undef POINT

  layout->n_points = points->len;
  layout->points = (LiaisonPoint *) (gpointer) g_array_free (points, FALSE);
}

/* How big a screen of 16:10 shows @layout, fitted. */
static double
screen_fit (const LiaisonMapLayout *layout)
{
  return MIN (1.6 / MAX (layout->width, 1.0), 1.0 / MAX (layout->height, 1.0));
}

static LiaisonLayoutEngine
choose_engine (LiaisonMap          *map,
               LiaisonMapLayout    *layout,
               LiaisonLayoutEngine  engine)
{
  if (engine != LIAISON_LAYOUT_AUTO)
    return engine;
  return layout->n_nodes <= DOT_MAX_NODES && layout->n_links <= DOT_MAX_LINKS
         ? LIAISON_LAYOUT_DOT : LIAISON_LAYOUT_SFDP;
}

/**
 * liaison_map_layout_compute:
 * @engine: %LIAISON_LAYOUT_AUTO: dot up to a few hundred nodes, sfdp beyond
 * @cancellable: (nullable): looked at before Graphviz starts and after it ends
 * @error: return location for an error: %LIAISON_ERROR_CANCELLED, or
 *   %LIAISON_ERROR_UNSUPPORTED when Graphviz fails
 *
 * Lays the map out; may run on any thread (layouts take turns).
 *
 * Returns: (transfer full): the layout, or %NULL
 */
LiaisonMapLayout *
liaison_map_layout_compute (LiaisonMap           *map,
                            LiaisonLayoutEngine   engine,
                            GCancellable         *cancellable,
                            GError              **error)
{
  g_autoptr(LiaisonMapLayout) layout = g_new0 (LiaisonMapLayout, 1);
  g_autofree Agnode_t **nodes = NULL;
  g_autofree Agedge_t **links = NULL;
  double across = 0;
  Agraph_t *g;
  gboolean ok;

  g_return_val_if_fail (map != NULL, NULL);

  layout->n_nodes = liaison_map_get_n_nodes (map);
  layout->nodes = g_new0 (LiaisonLayoutNode, MAX (layout->n_nodes, 1));
  for (guint i = 0; i < layout->n_nodes; i++)
    layout->nodes[i].label = node_label (map, i);
  build_links (map, layout);
  layout->engine = choose_engine (map, layout, engine);

  if (layout->n_nodes == 0)
    return g_steal_pointer (&layout);
  if (liaison_map_check_cancelled (cancellable, error) ||
      !graphviz_acquire (cancellable, error))
    return NULL;

  nodes = g_new (Agnode_t *, layout->n_nodes);
  links = g_new (Agedge_t *, MAX (layout->n_links, 1));
  for (guint attempt = 0; ; attempt++)
    {
      g = build_graph (map, layout, layout->engine, nodes, links);
      ok = gvLayout (graphviz_context, g, layout->engine == LIAISON_LAYOUT_DOT ? "dot" : "sfdp") == 0;
      if (ok)
        {
          g_clear_pointer (&layout->points, g_free);
          read_geometry (g, layout, nodes, links);
          gvFreeLayout (graphviz_context, g);
        }
      else
        g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_UNSUPPORTED,
                     _("Graphviz could not lay out the map: %s"), graphviz_reason ());
      agclose (g);

      /* Ranks of many nodes make a tall, narrow map that a screen shows
       * small: then ranks across, top to bottom, are tried, and kept if a
       * screen shows them bigger; else left to right again. */
      if (!ok || layout->engine != LIAISON_LAYOUT_DOT)
        break;
      if (attempt == 0 && layout->height > TALL * layout->width)
        {
          across = screen_fit (layout);
          layout->down = TRUE;
          continue;
        }
      if (attempt == 1 && screen_fit (layout) < across)
        {
          layout->down = FALSE;
          continue;
        }
      break;
    }
  graphviz_release ();

  if (!ok || liaison_map_check_cancelled (cancellable, error))
    return NULL;
  return g_steal_pointer (&layout);
}

void
liaison_map_layout_free (LiaisonMapLayout *layout)
{
  if (layout == NULL)
    return;
  for (guint i = 0; i < layout->n_nodes; i++)
    g_free (layout->nodes[i].label);
  for (guint i = 0; i < layout->n_links; i++)
    g_free (layout->links[i].label);
  g_free (layout->nodes);
  g_free (layout->links);
  g_free (layout->points);
  g_free (layout->edges);
  g_free (layout->edge_links);
  g_free (layout);
}

/* Rendering ---------------------------------------------------------------- */

/**
 * liaison_map_link_class:
 *
 * Returns: how @link is drawn: by its persistence, else by whether it has
 *   netflow events
 */
LiaisonLinkClass
liaison_map_link_class (const LiaisonLayoutLink *link)
{
  if (link->persistence >= 80)
    return LIAISON_LINK_STRONG;
  if (link->persistence >= 50)
    return LIAISON_LINK_STEADY;
  if (link->persistence >= 20)
    return LIAISON_LINK_OCCASIONAL;
  if (link->persistence >= 0)
    return LIAISON_LINK_RARE;
  return link->flow_events > 0 ? LIAISON_LINK_FLOWS : LIAISON_LINK_UNMEASURED;
}

/**
 * liaison_map_link_width:
 *
 * Returns: the width of @link's line in points, 1 to 5: wider for more
 *   connections at a time (its weight), else for more flow events
 */
double
liaison_map_link_width (const LiaisonLayoutLink *link)
{
  double width;

  if (link->weight > 0)
    width = 1 + 1.5 * log10 (1 + link->weight);
  else if (link->flow_events > 0)
    width = 1 + 0.5 * log10 (1 + (double) link->flow_events);
  else
    width = 1;
  return MIN (width, 5.0);
}

/* Persistence by colour and by pattern, so that neither carries it alone. */
static void
style_link (Agedge_t                *edge,
            const LiaisonLayoutLink *link)
{
  static const struct { const char *color, *style; } styles[LIAISON_LINK_N_CLASSES] = {
    [LIAISON_LINK_STRONG] = { "#1c71d8", "solid" },
    [LIAISON_LINK_STEADY] = { "#26a269", "solid" },
    [LIAISON_LINK_OCCASIONAL] = { "#e66100", "dashed" },
    [LIAISON_LINK_RARE] = { "#c01c28", "dotted" },
    [LIAISON_LINK_FLOWS] = { "#77767b", "solid" },
    [LIAISON_LINK_UNMEASURED] = { "#77767b", "dotted" },
  };
  LiaisonLinkClass class = liaison_map_link_class (link);

  set (edge, "color", styles[class].color);
  set (edge, "fontcolor", styles[class].color);
  set (edge, "style", styles[class].style);
  set_printf (edge, "penwidth", "%.2f", liaison_map_link_width (link));
}

static void
describe_link (Agedge_t                *edge,
               LiaisonMap              *map,
               const LiaisonLayoutLink *link)
{
  GString *text = g_string_new (NULL);

  g_string_append_printf (text, "%s → %s: %s", liaison_map_get_node (map, link->client)->id,
                          liaison_map_get_node (map, link->listener)->id, link->label);
  if (link->persistence >= 0)
    g_string_append_printf (text, _("; persistence %.1f %%"), link->persistence);
  if (link->flow_events >= 0)
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "; %lld flow event", "; %lld flow events",
                                               (gulong) MIN (link->flow_events, G_MAXLONG)),
                            (long long) link->flow_events);
  set_label (edge, "tooltip", text->str);
  g_string_free (text, TRUE);
}

/* Its addresses, ten at most. */
static void
describe_node (Agnode_t   *node,
               LiaisonMap *map,
               guint       index)
{
  g_auto(GStrv) addresses = liaison_map_dup_addresses (map, index);
  guint n = g_strv_length (addresses);
  GString *text = g_string_new (liaison_map_get_node (map, index)->id);

  for (guint i = 0; i < n && i < 10; i++)
    g_string_append_printf (text, "%s%s", i == 0 ? ": " : ", ", addresses[i]);
  if (n > 10)
    g_string_append (text, ", …");
  set_label (node, "tooltip", text->str);
  g_string_free (text, TRUE);
}

static void
style_node (Agnode_t             *node,
            const LiaisonMapNode *map_node)
{
  static const char *fills[] = { "#dce8fa", "#f6f5f4", "#f6f5f4", "#ffffff" };

  set (node, "style", map_node->kind == LIAISON_MAP_NODE_ADDRESS ? "rounded,dashed" : "rounded,filled");
  set (node, "fillcolor", map_node->hub ? "#fdf0d5" : fills[map_node->kind]);
  set (node, "color", map_node->hub ? "#c64600" : "#5e5c64");
  if (map_node->hub || map_node->kind == LIAISON_MAP_NODE_GROUP)
    set (node, "peripheries", "2");
}

static gboolean
write_all (GOutputStream  *stream,
           const char     *data,
           gsize           length,
           GCancellable   *cancellable,
           GError        **error)
{
  return g_output_stream_write_all (stream, data, length, NULL, cancellable, error);
}

/**
 * liaison_map_layout_render:
 * @layout: a layout of @map
 * @format: "dot", "svg" or "png"
 *
 * Writes @map as laid out in @layout, with persistence shown by colour and
 * pattern and weight by width.
 */
gboolean
liaison_map_layout_render (LiaisonMap              *map,
                           const LiaisonMapLayout  *layout,
                           const char              *format,
                           GOutputStream           *stream,
                           GCancellable            *cancellable,
                           GError                 **error)
{
  g_autofree Agnode_t **nodes = NULL;
  g_autofree Agedge_t **links = NULL;
  char *data = NULL;
  size_t length = 0;
  Agraph_t *g;
  FILE *file;
  gboolean ok;

  g_return_val_if_fail (map != NULL, FALSE);
  g_return_val_if_fail (layout != NULL && layout->n_nodes == liaison_map_get_n_nodes (map), FALSE);

  if (format == NULL || !(g_str_equal (format, "dot") || g_str_equal (format, "svg") || g_str_equal (format, "png")))
    {
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID,
                   _("“%s” is not a format of the map’s drawing (dot, svg or png)"), format != NULL ? format : "");
      return FALSE;
    }
  if (liaison_map_check_cancelled (cancellable, error) ||
      !graphviz_acquire (cancellable, error))
    return FALSE;

  nodes = g_new (Agnode_t *, MAX (layout->n_nodes, 1));
  links = g_new (Agedge_t *, MAX (layout->n_links, 1));
  g = build_graph (map, layout, layout->engine, nodes, links);
  set_attribute (g, AGRAPH, "bb", "");
  set_attribute (g, AGRAPH, "notranslate", "true");
  set_attribute (g, AGRAPH, "labelloc", "b");
  set_attribute (g, AGRAPH, "fontsize", "9");
  /* xgettext:no-c-format */
  set_label (g, "label", _("Lines by persistence: blue solid 80 % or more, green solid 50 % or more,\n"
                           "orange dashed 20 % or more, red dotted less; grey: no netstat figures. "
                           "Wider: more connections at a time."));
  if (g_str_equal (format, "png"))
    set_printf (g, "dpi", "%.2f", MIN (96.0, PNG_MAX_PIXELS * 72 / MAX (1.0, MAX (layout->width, layout->height))));
  set_attribute (g, AGNODE, "fixedsize", "true");

#define GV_X(x) (x)
#define GV_Y(y) (layout->height - (y))
  for (guint i = 0; i < layout->n_nodes; i++)
    {
      const LiaisonLayoutNode *node = &layout->nodes[i];

      set_printf (nodes[i], "pos", "%.3f,%.3f", GV_X (node->x), GV_Y (node->y));
      set_printf (nodes[i], "width", "%.4f", node->width / 72);
      set_printf (nodes[i], "height", "%.4f", node->height / 72);
      style_node (nodes[i], liaison_map_get_node (map, i));
      describe_node (nodes[i], map, i);
    }
  for (guint i = 0; i < layout->n_links; i++)
    {
      const LiaisonLayoutLink *link = &layout->links[i];
      GString *pos = g_string_new (NULL);

      if (link->has_arrow)
        g_string_append_printf (pos, "e,%.3f,%.3f", GV_X (link->arrow_tip.x), GV_Y (link->arrow_tip.y));
      for (guint p = 0; p < link->n_points; p++)
        {
          const LiaisonPoint *point = &layout->points[link->first_point + p];

          g_string_append_printf (pos, "%s%.3f,%.3f", pos->len > 0 ? " " : "", GV_X (point->x), GV_Y (point->y));
        }
      if (pos->len > 0)
        set (links[i], "pos", pos->str);
      g_string_free (pos, TRUE);

      set_label (links[i], "xlabel", link->label);
      set_printf (links[i], "xlp", "%.3f,%.3f", GV_X (link->label_at.x), GV_Y (link->label_at.y));
      style_link (links[i], link);
      describe_link (links[i], map, link);
    }
#undef GV_X
#undef GV_Y

  ok = gvLayout (graphviz_context, g, "nop2") == 0;
  if (ok)
    {
      file = open_memstream (&data, &length);
      ok = file != NULL && gvRender (graphviz_context, g, format, file) == 0;
      if (file != NULL)
        ok = fclose (file) == 0 && ok;
      gvFreeLayout (graphviz_context, g);
    }
  if (!ok)
    g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_UNSUPPORTED,
                 _("Graphviz could not draw the map: %s"), graphviz_reason ());
  agclose (g);
  graphviz_release ();

  ok = ok && write_all (stream, data, length, cancellable, error);
  free (data);
  return ok;
}
