/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-map-render"

#include "config.h"

#include <math.h>
#include <pango/pangocairo.h>

#include "liaison-map-render.h"

/*
 * Cairo stroking thousands of curves takes tens of milliseconds, far more
 * than a frame: so the map is drawn here, off the main thread, into an
 * image the view then only moves and scales. Everything is drawn in the
 * layout's points under one scale, with Pango at 72 dots an inch and no
 * hinting, so that an image drawn at another scale matches this one.
 */

#define DIM_ALPHA          0.22
#define NODE_RADIUS        4.0
#define NODE_PADDING       3.0
#define MIN_LINE_PIXELS    0.9
#define MIN_ARROW_PIXELS   3.0
#define MIN_NODE_TEXT_PX   5.0
#define MIN_LINK_TEXT_PX   6.5
#define CANCEL_EVERY       128

LiaisonMapRenderJob *
liaison_map_render_job_new (LiaisonMapScene       *scene,
                            const LiaisonMapStyle *style,
                            const guint8          *marks)
{
  LiaisonMapRenderJob *job = g_new0 (LiaisonMapRenderJob, 1);

  job->scene = liaison_map_scene_ref (scene);
  liaison_map_style_copy (&job->style, style);
  if (marks != NULL)
    job->marks = g_memdup2 (marks, MAX (liaison_map_scene_get_n_nodes (scene), 1));
  return job;
}

void
liaison_map_render_job_free (LiaisonMapRenderJob *job)
{
  if (job == NULL)
    return;
  liaison_map_scene_unref (job->scene);
  liaison_map_style_clear (&job->style);
  g_free (job->marks);
  g_free (job);
}

static void
set_color (cairo_t       *cr,
           const GdkRGBA *color,
           double         alpha)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha * alpha);
}

/* Text ------------------------------------------------------------------------ */

static PangoContext *
create_text_context (void)
{
  PangoContext *context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  cairo_font_options_t *options = cairo_font_options_create ();

  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_antialias (options, CAIRO_ANTIALIAS_GRAY);
  pango_cairo_context_set_font_options (context, options);
  pango_cairo_context_set_resolution (context, 72);
  cairo_font_options_destroy (options);
  return context;
}

static PangoLayout *
create_layout (PangoContext               *context,
               const PangoFontDescription *family,
               double                      size)
{
  PangoLayout *layout = pango_layout_new (context);
  PangoFontDescription *font = pango_font_description_copy (family);

  pango_font_description_set_size (font, (int) (size * PANGO_SCALE));
  pango_layout_set_font_description (layout, font);
  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_font_description_free (font);
  return layout;
}

/* @text centred on (@x, @y), at most @width wide. */
static void
draw_text (cairo_t     *cr,
           PangoLayout *layout,
           const char  *text,
           double       x,
           double       y,
           double       width,
           gboolean     halo,
           const GdkRGBA *halo_color)
{
  PangoRectangle ink, logical;

  pango_layout_set_text (layout, text, -1);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_get_extents (layout, &ink, &logical);

  cairo_save (cr);
  cairo_move_to (cr, x - width / 2, y - (double) logical.height / PANGO_SCALE / 2);
  if (halo)
    {
      cairo_save (cr);
      pango_cairo_layout_path (cr, layout);
      gdk_cairo_set_source_rgba (cr, halo_color);
      cairo_set_line_width (cr, 2.5);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      cairo_stroke (cr);
      cairo_restore (cr);
      cairo_move_to (cr, x - width / 2, y - (double) logical.height / PANGO_SCALE / 2);
    }
  pango_cairo_show_layout (cr, layout);
  cairo_restore (cr);
}

/* Lines -------------------------------------------------------------------------- */

static gboolean
is_highlighted (const guint8 *marks,
                guint         client,
                guint         listener)
{
  guint8 a = marks[client], b = marks[listener];
  guint8 up = LIAISON_MAP_MARK_DEPENDENT | LIAISON_MAP_MARK_SELECTED;
  guint8 down = LIAISON_MAP_MARK_DEPENDENCY | LIAISON_MAP_MARK_SELECTED;

  return ((a & up) && (b & up)) || ((a & down) && (b & down));
}

/* A line between what is not highlighted fades while a node is selected. */
static double
link_alpha (const LiaisonMapRenderJob *job,
            const LiaisonLayoutLink   *link,
            double                     alpha)
{
  return job->marks != NULL && !is_highlighted (job->marks, link->client, link->listener) ? DIM_ALPHA : alpha;
}

static void
trace_curve (cairo_t                *cr,
             const LiaisonMapLayout *layout,
             const LiaisonLayoutLink *link)
{
  const LiaisonPoint *p = &layout->points[link->first_point];

  cairo_move_to (cr, p[0].x, p[0].y);
  for (guint i = 1; i + 2 < link->n_points; i += 3)
    cairo_curve_to (cr, p[i].x, p[i].y, p[i + 1].x, p[i + 1].y, p[i + 2].x, p[i + 2].y);
}

static void
draw_arrow (cairo_t                 *cr,
            const LiaisonMapLayout  *layout,
            const LiaisonLayoutLink *link,
            double                   width)
{
  const LiaisonPoint *end = &layout->points[link->first_point + link->n_points - 1];
  double dx = link->arrow_tip.x - end->x, dy = link->arrow_tip.y - end->y;
  double length = hypot (dx, dy);
  double half = MAX (length * 0.45, width * 1.5);

  if (length <= 0)
    return;
  cairo_move_to (cr, link->arrow_tip.x, link->arrow_tip.y);
  cairo_line_to (cr, end->x - dy / length * half, end->y + dx / length * half);
  cairo_line_to (cr, end->x + dy / length * half, end->y - dx / length * half);
  cairo_close_path (cr);
  cairo_fill (cr);
}

static void
draw_links (cairo_t                   *cr,
            const LiaisonMapRenderJob *job,
            GArray                    *links,
            GCancellable              *cancellable)
{
  const LiaisonMapLayout *layout = liaison_map_scene_get_layout (job->scene);
  double min_width = MIN_LINE_PIXELS / job->scale;

  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  for (guint i = 0; i < links->len; i++)
    {
      const LiaisonLayoutLink *link = &layout->links[g_array_index (links, guint, i)];
      LiaisonLinkClass link_class = liaison_map_link_class (link);
      double width = MAX (liaison_map_link_width (link), min_width);
      double alpha = link_alpha (job, link, 1.0);

      if (i % CANCEL_EVERY == 0 && g_cancellable_is_cancelled (cancellable))
        return;
      if (link->n_points == 0)
        continue;

      set_color (cr, &job->style.link[link_class], alpha);
      liaison_map_style_set_line (cr, link_class, width);
      trace_curve (cr, layout, link);
      cairo_stroke (cr);

      if (link->has_arrow)
        {
          const LiaisonPoint *end = &layout->points[link->first_point + link->n_points - 1];

          if (hypot (link->arrow_tip.x - end->x, link->arrow_tip.y - end->y) * job->scale >= MIN_ARROW_PIXELS)
            draw_arrow (cr, layout, link, width);
          else
            {
              cairo_set_dash (cr, NULL, 0, 0);
              cairo_move_to (cr, end->x, end->y);
              cairo_line_to (cr, link->arrow_tip.x, link->arrow_tip.y);
              cairo_stroke (cr);
            }
        }
    }
  cairo_set_dash (cr, NULL, 0, 0);
}

static void
draw_link_labels (cairo_t                   *cr,
                  const LiaisonMapRenderJob *job,
                  GArray                    *links,
                  PangoLayout               *text)
{
  const LiaisonMapLayout *layout = liaison_map_scene_get_layout (job->scene);

  for (guint i = 0; i < links->len; i++)
    {
      const LiaisonLayoutLink *link = &layout->links[g_array_index (links, guint, i)];
      double alpha = link_alpha (job, link, 0.85);

      if (link->label == NULL || link->label_width <= 0)
        continue;
      set_color (cr, &job->style.foreground, alpha);
      draw_text (cr, text, link->label, link->label_at.x, link->label_at.y,
                 link->label_width + 24, TRUE, &job->style.background);
    }
}

/* Nodes -------------------------------------------------------------------------- */

static void
rounded_rect (cairo_t *cr,
              double   x0,
              double   y0,
              double   x1,
              double   y1,
              double   radius)
{
  radius = MIN (radius, MIN (x1 - x0, y1 - y0) / 2);
  cairo_new_sub_path (cr);
  cairo_arc (cr, x1 - radius, y0 + radius, radius, -G_PI / 2, 0);
  cairo_arc (cr, x1 - radius, y1 - radius, radius, 0, G_PI / 2);
  cairo_arc (cr, x0 + radius, y1 - radius, radius, G_PI / 2, G_PI);
  cairo_arc (cr, x0 + radius, y0 + radius, radius, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

/* An outline @gap points outside the box, @width wide, dashed or not. */
static void
outline (cairo_t              *cr,
         const LiaisonMapRect *r,
         double                gap,
         double                width,
         gboolean              dashed)
{
  static const double dashes[] = { 4, 2.5 };

  rounded_rect (cr, r->x0 - gap, r->y0 - gap, r->x1 + gap, r->y1 + gap, NODE_RADIUS + gap);
  cairo_set_line_width (cr, width);
  cairo_set_dash (cr, dashed ? dashes : NULL, dashed ? G_N_ELEMENTS (dashes) : 0, 0);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);
}

static void
draw_node (cairo_t                   *cr,
           const LiaisonMapRenderJob *job,
           guint                      index,
           PangoLayout               *text,
           gboolean                   with_text)
{
  const LiaisonMapStyle *style = &job->style;
  const LiaisonMapNode *node = liaison_map_get_node (liaison_map_scene_get_map (job->scene), index);
  const LiaisonLayoutNode *drawn = &liaison_map_scene_get_layout (job->scene)->nodes[index];
  guint8 mark = job->marks != NULL ? job->marks[index] : LIAISON_MAP_MARK_NONE;
  double alpha = job->marks != NULL && mark == LIAISON_MAP_MARK_NONE ? 0.4 : 1.0;
  double min_width = MIN_LINE_PIXELS / job->scale;
  LiaisonMapRect r;

  liaison_map_scene_get_node_rect (job->scene, index, &r);

  rounded_rect (cr, r.x0, r.y0, r.x1, r.y1, NODE_RADIUS);
  set_color (cr, node->hub ? &style->hub_fill : &style->node_fill[node->kind], 1.0);
  cairo_fill_preserve (cr);
  set_color (cr, node->hub ? &style->hub_border : &style->node_border, alpha);
  cairo_set_line_width (cr, MAX (node->hub ? 1.5 : 1.0, min_width));
  if (node->kind == LIAISON_MAP_NODE_ADDRESS && !node->hub)
    {
      static const double dashes[] = { 3, 2 };

      cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0);
    }
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);

  /* A second outline for groups and hubs, as in the drawings. */
  if (node->hub || node->kind == LIAISON_MAP_NODE_GROUP)
    {
      set_color (cr, node->hub ? &style->hub_border : &style->node_border, alpha);
      outline (cr, &r, 2.5, MAX (1.0, min_width), FALSE);
    }

  if (mark & LIAISON_MAP_MARK_SELECTED)
    {
      set_color (cr, &style->accent, 1.0);
      outline (cr, &r, 2.5, MAX (3.0, 2 * min_width), FALSE);
    }
  else if (mark & LIAISON_MAP_MARK_DEPENDENT)
    {
      set_color (cr, &style->dependent, 1.0);
      outline (cr, &r, 2.5, MAX (2.0, 2 * min_width), FALSE);
    }
  if ((mark & LIAISON_MAP_MARK_DEPENDENCY) && !(mark & LIAISON_MAP_MARK_SELECTED))
    {
      set_color (cr, &style->dependency, 1.0);
      outline (cr, &r, (mark & LIAISON_MAP_MARK_DEPENDENT) ? 5.5 : 2.5, MAX (2.0, 2 * min_width), TRUE);
    }

  if (with_text && drawn->label != NULL)
    {
      set_color (cr, &style->foreground, alpha);
      draw_text (cr, text, drawn->label, drawn->x, drawn->y, MAX (1.0, drawn->width - 2 * NODE_PADDING),
                 FALSE, NULL);
    }
}

/**
 * liaison_map_render:
 *
 * Returns: (transfer full) (nullable): the image of @job's part of the
 *   map, or %NULL when @cancellable was cancelled meanwhile
 */
cairo_surface_t *
liaison_map_render (const LiaisonMapRenderJob *job,
                    GCancellable              *cancellable)
{
  g_autoptr(GArray) nodes = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) links = g_array_new (FALSE, FALSE, sizeof (guint));
  PangoContext *context;
  PangoLayout *node_text, *link_text;
  cairo_surface_t *surface;
  LiaisonMapRect area;
  double reach;
  cairo_t *cr;

  g_return_val_if_fail (job != NULL && job->scale > 0, NULL);

  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, MAX (job->width, 1), MAX (job->height, 1));
  cr = cairo_create (surface);
  gdk_cairo_set_source_rgba (cr, &job->style.background);
  cairo_paint (cr);

  /* What reaches into the image: lines are wider than their curves, and
   * outlines lie outside their nodes. */
  reach = 8 + 2 * MIN_LINE_PIXELS / job->scale;
  area = (LiaisonMapRect) { job->x - reach, job->y - reach,
                            job->x + job->width / job->scale + reach, job->y + job->height / job->scale + reach };
  liaison_map_scene_query (job->scene, &area, nodes, links);

  cairo_scale (cr, job->scale, job->scale);
  cairo_translate (cr, -job->x, -job->y);

  context = create_text_context ();
  node_text = create_layout (context, job->style.font, LIAISON_MAP_NODE_FONT_SIZE);
  link_text = create_layout (context, job->style.font, LIAISON_MAP_LINK_FONT_SIZE);

  /* Port labels last: dot puts them beside the nodes they lead to. */
  draw_links (cr, job, links, cancellable);
  for (guint i = 0; i < nodes->len && !g_cancellable_is_cancelled (cancellable); i++)
    draw_node (cr, job, g_array_index (nodes, guint, i), node_text,
               LIAISON_MAP_NODE_FONT_SIZE * job->scale >= MIN_NODE_TEXT_PX);
  if (LIAISON_MAP_LINK_FONT_SIZE * job->scale >= MIN_LINK_TEXT_PX)
    draw_link_labels (cr, job, links, link_text);

  g_object_unref (node_text);
  g_object_unref (link_text);
  g_object_unref (context);
  cairo_destroy (cr);
  if (g_cancellable_is_cancelled (cancellable))
    {
      cairo_surface_destroy (surface);
      return NULL;
    }
  cairo_surface_flush (surface);
  return surface;
}
