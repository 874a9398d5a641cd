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

static GdkRGBA
with_alpha (const GdkRGBA *color,
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

static graphene_rect_t
segment_rect (const LiaisonTimelineSegment *segment)
{
  return GRAPHENE_RECT_INIT (segment->x, segment->y, segment->width, segment->height);
}

static void
append_bar (GtkSnapshot           *snapshot,
            const graphene_rect_t *rect,
            const GdkRGBA         *color)
{
  float radius = MIN (4.0f, rect->size.height / 2);

  if (rect->size.width >= 2 * radius + 1)
    {
      GskRoundedRect clip;

      gsk_rounded_rect_init_from_rect (&clip, rect, radius);
      gtk_snapshot_push_rounded_clip (snapshot, &clip);
      gtk_snapshot_append_color (snapshot, color, rect);
      gtk_snapshot_pop (snapshot);
    }
  else
    gtk_snapshot_append_color (snapshot, color, rect);
}

/* A silent tail: dots along the line, two pixels every five. */
static void
append_dots (GtkSnapshot           *snapshot,
             const graphene_rect_t *rect,
             const GdkRGBA         *color)
{
  for (float x = rect->origin.x + 2; x < rect->origin.x + rect->size.width; x += 5)
    gtk_snapshot_append_color (snapshot, color,
                               &GRAPHENE_RECT_INIT (x, rect->origin.y, 2, rect->size.height));
}

static void
append_pending (GtkSnapshot           *snapshot,
                const graphene_rect_t *rect,
                const GdkRGBA         *accent)
{
  GdkRGBA wash = with_alpha (accent, 0.16f);
  GdkRGBA stripes = with_alpha (accent, 0.65f);
  GskRoundedRect clip;
  cairo_t *cr;

  gsk_rounded_rect_init_from_rect (&clip, rect, MIN (4.0f, rect->size.width / 2));
  gtk_snapshot_push_rounded_clip (snapshot, &clip);
  gtk_snapshot_append_color (snapshot, &wash, rect);
  cr = gtk_snapshot_append_cairo (snapshot, rect);
  cairo_translate (cr, rect->origin.x, rect->origin.y);
  draw_hatching (cr, &stripes, rect->size.width, rect->size.height);
  cairo_destroy (cr);
  gtk_snapshot_pop (snapshot);
}

/* A first run not known in between: a faint wash inside its outline. */
static void
append_outline (GtkSnapshot           *snapshot,
                const graphene_rect_t *rect,
                const GdkRGBA         *color)
{
  GdkRGBA wash = with_alpha (color, 0.18f);
  float radius = MIN (4.0f, rect->size.height / 2);
  GskRoundedRect outline;
  float widths[4] = { 1, 1, 1, 1 };
  GdkRGBA colors[4] = { *color, *color, *color, *color };

  gsk_rounded_rect_init_from_rect (&outline, rect, MIN (radius, rect->size.width / 2));
  gtk_snapshot_push_rounded_clip (snapshot, &outline);
  gtk_snapshot_append_color (snapshot, &wash, rect);
  gtk_snapshot_pop (snapshot);
  gtk_snapshot_append_border (snapshot, &outline, widths, colors);
}

/**
 * liaison_timeline_paint_segments:
 * @segments: (element-type LiaisonTimelineSegment): from the lane geometry
 *
 * Draws the segments: what lies under the bars, the bars, then the marks
 * over them.
 */
void
liaison_timeline_paint_segments (GtkSnapshot                 *snapshot,
                                 GArray                      *segments,
                                 const LiaisonTimelineColors *colors)
{
  GdkRGBA gap = with_alpha (&colors->foreground, 0.4f);
  GdkRGBA silent = with_alpha (&colors->foreground, 0.35f);
  GdkRGBA absent = with_alpha (&colors->foreground, 0.3f);
  GdkRGBA notch = with_alpha (&colors->background, 0.75f);

  for (guint pass = 0; pass < 3; pass++)
    for (guint i = 0; i < segments->len; i++)
      {
        const LiaisonTimelineSegment *segment = &g_array_index (segments, LiaisonTimelineSegment, i);
        graphene_rect_t rect = segment_rect (segment);

        switch (segment->kind)
          {
          case LIAISON_TIMELINE_GAP:
            if (pass == 0)
              gtk_snapshot_append_color (snapshot, &gap, &rect);
            break;
          case LIAISON_TIMELINE_SILENT:
            if (pass == 0)
              append_dots (snapshot, &rect, &silent);
            break;
          case LIAISON_TIMELINE_PENDING:
            if (pass == 0)
              append_pending (snapshot, &rect, &colors->accent);
            break;
          case LIAISON_TIMELINE_ACTIVE:
            if (pass == 1)
              append_bar (snapshot, &rect, &colors->accent);
            break;
          case LIAISON_TIMELINE_RUN:
            if (pass == 1)
              append_bar (snapshot, &rect, &colors->netstat);
            break;
          case LIAISON_TIMELINE_UNKNOWN_RUN:
            if (pass == 1)
              append_outline (snapshot, &rect, &colors->netstat);
            break;
          case LIAISON_TIMELINE_SEEN_TICK:
            if (pass == 2)
              gtk_snapshot_append_color (snapshot, &notch, &rect);
            break;
          case LIAISON_TIMELINE_TICK:
            if (pass == 2)
              gtk_snapshot_append_color (snapshot, &absent, &rect);
            break;
          case LIAISON_TIMELINE_NONE:
          default:
            break;
          }
      }
}
