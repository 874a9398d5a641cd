/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-timeline"

#include "config.h"

#include <adwaita.h>

#include "liaison-timeline-paint.h"

/*
 * How the lanes' segments look, for the timeline and for the small lane of
 * each row of the client table: netflow in the accent colour, netstat in
 * purple (libadwaita's palette, lighter in dark style). Activity is solid;
 * absence is thin: a gap is a line, a silent tail a dotted line with no
 * end, a sample that did not see the client a short mark. What is not
 * known yet is hatched (pending) or only outlined (a first run from before
 * runs were kept).
 */

/* @color, @alpha times as opaque. */
GdkRGBA
liaison_timeline_with_alpha (const GdkRGBA *color,
                             float          alpha)
{
  GdkRGBA result = *color;

  result.alpha *= alpha;
  return result;
}

void
liaison_timeline_colors_lookup (GtkWidget             *widget,
                                LiaisonTimelineColors *colors)
{
  GtkStyleContext *context = gtk_widget_get_style_context (widget);
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());

  if (!gtk_style_context_lookup_color (context, "accent_bg_color", &colors->accent))
    gdk_rgba_parse (&colors->accent, "#3584e4");
  if (!gtk_style_context_lookup_color (context, "card_bg_color", &colors->background) ||
      colors->background.alpha < 0.5)
    gdk_rgba_parse (&colors->background, dark ? "#303030" : "#ffffff");
  /* libadwaita's purple 2 and 3. */
  gdk_rgba_parse (&colors->netstat, dark ? "#c061cb" : "#9141ac");
  gtk_style_context_get_color (context, &colors->foreground);
}

gboolean
liaison_timeline_colors_equal (const LiaisonTimelineColors *a,
                               const LiaisonTimelineColors *b)
{
  return gdk_rgba_equal (&a->accent, &b->accent) && gdk_rgba_equal (&a->netstat, &b->netstat) &&
         gdk_rgba_equal (&a->foreground, &b->foreground) && gdk_rgba_equal (&a->background, &b->background);
}

static void
draw_hatching (cairo_t       *cr,
               const GdkRGBA *color,
               double         width,
               double         height)
{
  gdk_cairo_set_source_rgba (cr, color);
  cairo_set_line_width (cr, 2.0);
  for (double x = -height; x < width + height; x += 6.0)
    {
      cairo_move_to (cr, x, height);
      cairo_line_to (cr, x + height, 0);
    }
  cairo_stroke (cr);
}

/* A rectangle with rounded ends as wide as it allows, into @cr's path. */
static void
rounded_rect (cairo_t                      *cr,
              const LiaisonTimelineSegment *segment)
{
  double radius = MIN (4.0, MIN (segment->height, segment->width) / 2);
  double x = segment->x, y = segment->y, w = segment->width, h = segment->height;

  if (w < 2 * radius + 1)
    {
      cairo_rectangle (cr, x, y, w, h);
      return;
    }
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - radius, y + radius, radius, -G_PI / 2, 0);
  cairo_arc (cr, x + w - radius, y + h - radius, radius, 0, G_PI / 2);
  cairo_arc (cr, x + radius, y + h - radius, radius, G_PI / 2, G_PI);
  cairo_arc (cr, x + radius, y + radius, radius, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

/* Fills every segment of @kind in one go. */
static void
fill_kind (cairo_t       *cr,
           GArray        *segments,
           guint          kind,
           const GdkRGBA *color)
{
  gboolean any = FALSE;

  for (guint i = 0; i < segments->len; i++)
    {
      const LiaisonTimelineSegment *segment = &g_array_index (segments, LiaisonTimelineSegment, i);

      if (segment->kind != kind)
        continue;
      any = TRUE;
      if (kind == LIAISON_TIMELINE_SILENT)
        /* A silent tail: dots along the line, two pixels every five. */
        for (double x = segment->x + 2; x < segment->x + segment->width; x += 5)
          cairo_rectangle (cr, x, segment->y, 2, segment->height);
      else if (kind == LIAISON_TIMELINE_ACTIVE || kind == LIAISON_TIMELINE_RUN ||
               kind == LIAISON_TIMELINE_PENDING || kind == LIAISON_TIMELINE_UNKNOWN_RUN)
        rounded_rect (cr, segment);
      else
        cairo_rectangle (cr, segment->x, segment->y, segment->width, segment->height);
    }
  if (!any)
    return;
  gdk_cairo_set_source_rgba (cr, color);
  cairo_fill (cr);
}

/* The stripes of the pending tails over their wash, inside their shape. */
static void
hatch_pending (cairo_t       *cr,
               GArray        *segments,
               const GdkRGBA *accent)
{
  GdkRGBA stripes = liaison_timeline_with_alpha (accent, 0.65f);

  for (guint i = 0; i < segments->len; i++)
    {
      const LiaisonTimelineSegment *segment = &g_array_index (segments, LiaisonTimelineSegment, i);

      if (segment->kind != LIAISON_TIMELINE_PENDING)
        continue;
      cairo_save (cr);
      rounded_rect (cr, segment);
      cairo_clip (cr);
      cairo_translate (cr, segment->x, segment->y);
      draw_hatching (cr, &stripes, segment->width, segment->height);
      cairo_restore (cr);
    }
}

/* A first run not known in between: a line around its faint wash. */
static void
outline_unknown (cairo_t       *cr,
                 GArray        *segments,
                 const GdkRGBA *color)
{
  gboolean any = FALSE;

  for (guint i = 0; i < segments->len; i++)
    {
      const LiaisonTimelineSegment *segment = &g_array_index (segments, LiaisonTimelineSegment, i);
      LiaisonTimelineSegment inside = *segment;

      if (segment->kind != LIAISON_TIMELINE_UNKNOWN_RUN)
        continue;
      inside.x += 0.5;
      inside.y += 0.5;
      inside.width = MAX (0, inside.width - 1);
      inside.height = MAX (0, inside.height - 1);
      rounded_rect (cr, &inside);
      any = TRUE;
    }
  if (!any)
    return;
  gdk_cairo_set_source_rgba (cr, color);
  cairo_set_line_width (cr, 1.0);
  cairo_stroke (cr);
}

/**
 * liaison_timeline_paint_segments:
 * @segments: (element-type LiaisonTimelineSegment): from the lane geometry
 *
 * Draws the segments as one cairo node, a fill for each kind: what lies
 * under the bars, the bars, then the marks over them. Thousands of small
 * rectangles (gaps, ticks) cost a path each, not a render node each.
 */
void
liaison_timeline_paint_segments (GtkSnapshot                 *snapshot,
                                 GArray                      *segments,
                                 const LiaisonTimelineColors *colors)
{
  GdkRGBA gap = liaison_timeline_with_alpha (&colors->foreground, 0.4f);
  GdkRGBA silent = liaison_timeline_with_alpha (&colors->foreground, 0.35f);
  GdkRGBA absent = liaison_timeline_with_alpha (&colors->foreground, 0.3f);
  GdkRGBA notch = liaison_timeline_with_alpha (&colors->background, 0.75f);
  GdkRGBA wash = liaison_timeline_with_alpha (&colors->accent, 0.16f);
  GdkRGBA unknown = liaison_timeline_with_alpha (&colors->netstat, 0.18f);
  graphene_rect_t bounds = GRAPHENE_RECT_INIT (0, 0, 0, 0);
  cairo_t *cr;

  if (segments->len == 0)
    return;
  for (guint i = 0; i < segments->len; i++)
    {
      const LiaisonTimelineSegment *segment = &g_array_index (segments, LiaisonTimelineSegment, i);
      graphene_rect_t rect = GRAPHENE_RECT_INIT (segment->x, segment->y, segment->width, segment->height);

      if (i == 0)
        bounds = rect;
      else
        graphene_rect_union (&bounds, &rect, &bounds);
    }

  cr = gtk_snapshot_append_cairo (snapshot, &bounds);
  fill_kind (cr, segments, LIAISON_TIMELINE_GAP, &gap);
  fill_kind (cr, segments, LIAISON_TIMELINE_SILENT, &silent);
  fill_kind (cr, segments, LIAISON_TIMELINE_PENDING, &wash);
  hatch_pending (cr, segments, &colors->accent);
  fill_kind (cr, segments, LIAISON_TIMELINE_UNKNOWN_RUN, &unknown);
  fill_kind (cr, segments, LIAISON_TIMELINE_ACTIVE, &colors->accent);
  fill_kind (cr, segments, LIAISON_TIMELINE_RUN, &colors->netstat);
  outline_unknown (cr, segments, &colors->netstat);
  fill_kind (cr, segments, LIAISON_TIMELINE_SEEN_TICK, &notch);
  fill_kind (cr, segments, LIAISON_TIMELINE_TICK, &absent);
  cairo_destroy (cr);
}
