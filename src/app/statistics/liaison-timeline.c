/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-timeline"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "liaison-format.h"
#include "liaison-timeline.h"

/*
 * The span timeline: one lane per client of a listener on a shared time
 * axis. Active spans are solid bars, gap segments a thin line between them,
 * the pending tail is hatched.
 *
 * The view is a visible time range [view_start, view_end] mapped onto the
 * plot's width. Everything snapshot draws (tick positions and labels, the
 * rectangles of the visible lanes) is computed in update_geometry() when the
 * size, the view, the vertical offset or the data change, and only what is
 * visible is computed: the lanes in view, and in each lane only the gaps in
 * the visible time range that are wide enough to see (a gap narrower than a
 * pixel is part of the bar around it). Gaps are found by binary search, and
 * runs of invisible gaps are skipped by the largest gap of each block, so a
 * lane of 100,000 segments costs about its width in pixels.
 */

#define PAD_X          12.0   /* the plot's left and right margin */
#define AXIS_HEIGHT    44.0
#define LANE_HEIGHT    40.0
#define LANE_LABEL_Y    5.0
#define BAR_Y          21.0
#define BAR_HEIGHT     14.0
#define GAP_HEIGHT      2.0
#define MIN_BAR_WIDTH   3.0
#define MIN_GAP_WIDTH   1.5   /* narrower gaps are drawn as part of the bar */
#define MAX_NAT_LANES   8
#define MIN_TICK_SPACE 110.0
#define GAP_BLOCK      64
#define MIN_MS_PER_PX   1.0
#define MAX_SPAN_MS    (1000.0 * 86400 * 365.25 * 200)
#define MAX_DESCRIBED  50

typedef struct
{
  char        *label;
  LiaisonTime  first;
  LiaisonTime  last;
  LiaisonTime  pending_end;
  LiaisonGap  *gaps;
  guint        n_gaps;
  gint64      *block_max;    /* the longest gap of each GAP_BLOCK gaps */
  gint64       active_ms;
  gint64       gap_ms;
  gint64       pending_ms;
  PangoLayout *layout;
} Lane;

typedef struct
{
  graphene_rect_t rect;
  guint           kind;
} Shape;

typedef struct
{
  float        x;
  PangoLayout *label;
  PangoLayout *date;
} Tick;

struct _LiaisonTimeline
{
  GtkWidget      parent_instance;

  Lane          *lanes;
  guint          n_lanes;
  LiaisonTime    data_start;
  LiaisonTime    data_end;

  double         view_start;
  double         view_end;
  double         v_offset;
  gboolean       fit;

  /* the geometry: valid when geometry_valid */
  gboolean       geometry_valid;
  GArray        *shapes;       /* Shape */
  GArray        *ticks;        /* Tick */
  PangoLayout   *edge_date;
  guint          first_visible;
  guint          end_visible;
  GskRenderNode *lanes_node;
  GdkRGBA        node_colors[2];

  /* interaction */
  double         pointer_x;
  double         pointer_y;
  double         drag_view_start;
  double         drag_view_end;
  double         drag_v_offset;
  double         zoom_scale;
  double         zoom_view_start;
  double         zoom_view_end;
};

G_DEFINE_FINAL_TYPE (LiaisonTimeline, liaison_timeline, GTK_TYPE_WIDGET)

/* Geometry helpers */

static double
plot_width (LiaisonTimeline *self)
{
  return MAX (1.0, gtk_widget_get_width (GTK_WIDGET (self)) - 2 * PAD_X);
}

static double
lanes_height (LiaisonTimeline *self)
{
  return MAX (0.0, gtk_widget_get_height (GTK_WIDGET (self)) - AXIS_HEIGHT);
}

static double
max_v_offset (LiaisonTimeline *self)
{
  return MAX (0.0, self->n_lanes * LANE_HEIGHT - lanes_height (self));
}

/**
 * liaison_timeline_time_to_x:
 * @self: a timeline
 * @time: a moment
 *
 * Returns: the x coordinate of @time in @self's coordinates:
 *   `PAD_X + (time - start) * plot_width / (end - start)` for the visible
 *   range [start, end], where the plot is the widget's width less PAD_X
 *   (12 pixels) on each side
 */
double
liaison_timeline_time_to_x (LiaisonTimeline *self,
                            LiaisonTime      time)
{
  g_return_val_if_fail (LIAISON_IS_TIMELINE (self), 0);

  return PAD_X + ((double) time - self->view_start) * plot_width (self)
                 / (self->view_end - self->view_start);
}

/**
 * liaison_timeline_x_to_time:
 *
 * Returns: the moment at @x, the inverse of liaison_timeline_time_to_x()
 *   rounded to the millisecond
 */
LiaisonTime
liaison_timeline_x_to_time (LiaisonTimeline *self,
                            double           x)
{
  g_return_val_if_fail (LIAISON_IS_TIMELINE (self), 0);

  return (LiaisonTime) llround (self->view_start
                                + (x - PAD_X) * (self->view_end - self->view_start) / plot_width (self));
}

static double
ms_per_px (LiaisonTimeline *self)
{
  return (self->view_end - self->view_start) / plot_width (self);
}

/* Ticks: nice steps from milliseconds to years */

typedef enum { STEP_MS, STEP_DAYS, STEP_MONTHS } StepUnit;

typedef struct
{
  StepUnit unit;
  gint64   size;        /* milliseconds, days or months */
  gint64   approx_ms;
} Step;

#define MS_SEC  G_GINT64_CONSTANT (1000)
#define MS_MIN  (60 * MS_SEC)
#define MS_HOUR (60 * MS_MIN)
#define MS_DAY  (24 * MS_HOUR)

static const Step steps[] = {
  { STEP_MS, 10, 10 }, { STEP_MS, 20, 20 }, { STEP_MS, 50, 50 },
  { STEP_MS, 100, 100 }, { STEP_MS, 200, 200 }, { STEP_MS, 500, 500 },
  { STEP_MS, 1 * MS_SEC, 1 * MS_SEC }, { STEP_MS, 2 * MS_SEC, 2 * MS_SEC }, { STEP_MS, 5 * MS_SEC, 5 * MS_SEC },
  { STEP_MS, 10 * MS_SEC, 10 * MS_SEC }, { STEP_MS, 15 * MS_SEC, 15 * MS_SEC }, { STEP_MS, 30 * MS_SEC, 30 * MS_SEC },
  { STEP_MS, 1 * MS_MIN, 1 * MS_MIN }, { STEP_MS, 2 * MS_MIN, 2 * MS_MIN }, { STEP_MS, 5 * MS_MIN, 5 * MS_MIN },
  { STEP_MS, 10 * MS_MIN, 10 * MS_MIN }, { STEP_MS, 15 * MS_MIN, 15 * MS_MIN }, { STEP_MS, 30 * MS_MIN, 30 * MS_MIN },
  { STEP_MS, 1 * MS_HOUR, 1 * MS_HOUR }, { STEP_MS, 2 * MS_HOUR, 2 * MS_HOUR }, { STEP_MS, 3 * MS_HOUR, 3 * MS_HOUR },
  { STEP_MS, 6 * MS_HOUR, 6 * MS_HOUR }, { STEP_MS, 12 * MS_HOUR, 12 * MS_HOUR },
  { STEP_DAYS, 1, MS_DAY }, { STEP_DAYS, 2, 2 * MS_DAY }, { STEP_DAYS, 7, 7 * MS_DAY },
  { STEP_MONTHS, 1, 30 * MS_DAY }, { STEP_MONTHS, 2, 61 * MS_DAY }, { STEP_MONTHS, 3, 91 * MS_DAY },
  { STEP_MONTHS, 6, 182 * MS_DAY }, { STEP_MONTHS, 12, 365 * MS_DAY }, { STEP_MONTHS, 24, 730 * MS_DAY },
  { STEP_MONTHS, 60, 1826 * MS_DAY }, { STEP_MONTHS, 120, 3652 * MS_DAY },
  { STEP_MONTHS, 600, 18262 * MS_DAY },
};

static const Step *
choose_step (double ms_per_pixel)
{
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    if (steps[i].approx_ms / ms_per_pixel >= MIN_TICK_SPACE)
      return &steps[i];
  return &steps[G_N_ELEMENTS (steps) - 1];
}

static GDateTime *
local_date_time (LiaisonTime  time,
                 GTimeZone   *zone)
{
  g_autoptr(GDateTime) utc = NULL;
  gint64 seconds = time >= 0 ? time / 1000 : -((-time + 999) / 1000);

  utc = g_date_time_new_from_unix_utc (seconds);
  if (utc == NULL)
    return NULL;
  return g_date_time_to_timezone (utc, zone);
}

static char *
tick_label (const Step *step,
            GDateTime  *date_time,
            LiaisonTime time)
{
  if (step->unit == STEP_MS && step->size < MS_SEC)
    {
      g_autofree char *seconds = g_date_time_format (date_time, "%H:%M:%S");
      int ms = (int) (((time % 1000) + 1000) % 1000);

      return g_strdup_printf ("%s.%03d", seconds, ms);
    }
  if (step->unit == STEP_MS && step->size < MS_MIN)
    return g_date_time_format (date_time, "%H:%M:%S");
  if (step->unit == STEP_MS)
    return g_date_time_format (date_time, "%H:%M");
  if (step->unit == STEP_DAYS)
    /* TRANSLATORS: a day on the timeline's axis, see the GDateTime format documentation */
    return g_date_time_format (date_time, _("%b %-d"));
  if (step->size < 12)
    /* TRANSLATORS: a month on the timeline's axis, see the GDateTime format documentation */
    return g_date_time_format (date_time, _("%b %Y"));
  return g_date_time_format (date_time, "%Y");
}

static void
tick_clear (gpointer data)
{
  Tick *tick = data;

  g_clear_object (&tick->label);
  g_clear_object (&tick->date);
}

static PangoLayout *
small_layout (LiaisonTimeline *self,
              const char      *text,
              gboolean         bold)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  PangoAttrList *attrs = pango_attr_list_new ();

  pango_attr_list_insert (attrs, pango_attr_scale_new (0.83));
  pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum"));
  if (bold)
    pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);

  return layout;
}

/* The first tick at or before @time, and the next one after a tick. */
static LiaisonTime
tick_floor (const Step  *step,
            LiaisonTime  time,
            GTimeZone   *zone)
{
  g_autoptr(GDateTime) local = local_date_time (time, zone);
  gint64 offset;

  if (local == NULL)
    return time;
  offset = g_date_time_get_utc_offset (local) / 1000;

  if (step->unit == STEP_MS)
    {
      gint64 shifted = time + offset;
      gint64 floored = shifted - (((shifted % step->size) + step->size) % step->size);

      return floored - offset;
    }
  if (step->unit == STEP_DAYS)
    {
      gint64 shifted = time + offset;
      gint64 days = shifted >= 0 ? shifted / MS_DAY : -((-shifted + MS_DAY - 1) / MS_DAY);

      /* Weeks start on Monday: day 4 of the epoch was one. */
      if (step->size == 7)
        days -= (((days - 4) % 7) + 7) % 7;
      else
        days -= ((days % step->size) + step->size) % step->size;
      return days * MS_DAY - offset;
    }
  else
    {
      int months = g_date_time_get_year (local) * 12 + g_date_time_get_month (local) - 1;
      g_autoptr(GDateTime) first = NULL;

      months -= months % (int) step->size;
      first = g_date_time_new (zone, months / 12, months % 12 + 1, 1, 0, 0, 0);
      return first != NULL ? g_date_time_to_unix (first) * 1000 : time;
    }
}

static LiaisonTime
tick_next (const Step  *step,
           LiaisonTime  tick,
           GTimeZone   *zone)
{
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) next = NULL;

  if (step->unit == STEP_MS)
    return tick + step->size;

  local = local_date_time (tick, zone);
  if (local == NULL)
    return tick + step->approx_ms;

  /* Calendar arithmetic keeps local midnight across daylight saving changes. */
  if (step->unit == STEP_DAYS)
    next = g_date_time_add_days (local, (int) step->size);
  else
    next = g_date_time_add_months (local, (int) step->size);
  if (next == NULL)
    return tick + step->approx_ms;

  return g_date_time_to_unix (next) * 1000;
}

static void
update_ticks (LiaisonTimeline *self)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_local ();
  const Step *step = choose_step (ms_per_px (self));
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  LiaisonTime start = liaison_timeline_x_to_time (self, 0);
  LiaisonTime end = liaison_timeline_x_to_time (self, width);
  g_autoptr(GDateTime) edge = NULL;
  int previous_day = -1;
  double first_date_x = G_MAXDOUBLE;

  g_array_set_size (self->ticks, 0);
  g_clear_object (&self->edge_date);

  for (LiaisonTime t = tick_floor (step, start, zone); t <= end; t = tick_next (step, t, zone))
    {
      g_autoptr(GDateTime) local = local_date_time (t, zone);
      g_autofree char *label = NULL;
      Tick tick = { 0 };
      int day;

      if (local == NULL || self->ticks->len > 1000)
        break;

      tick.x = liaison_timeline_time_to_x (self, t);
      label = tick_label (step, local, t);
      tick.label = small_layout (self, label, FALSE);

      /* Under sub-day ticks, the date where it changes. */
      day = g_date_time_get_day_of_year (local) + 400 * g_date_time_get_year (local);
      if (step->unit == STEP_MS && previous_day != -1 && day != previous_day)
        {
          /* TRANSLATORS: the date under the timeline's axis, see the GDateTime format documentation */
          g_autofree char *date = g_date_time_format (local, _("%a %-d %b %Y"));

          tick.date = small_layout (self, date, TRUE);
          first_date_x = MIN (first_date_x, tick.x);
        }
      previous_day = day;

      g_array_append_val (self->ticks, tick);
    }

  /* And the date at the left edge, unless a date label is close. */
  edge = local_date_time (start, zone);
  if (step->unit == STEP_MS && edge != NULL)
    {
      /* TRANSLATORS: the date under the timeline's axis, see the GDateTime format documentation */
      g_autofree char *date = g_date_time_format (edge, _("%a %-d %b %Y"));
      int w;

      self->edge_date = small_layout (self, date, TRUE);
      pango_layout_get_pixel_size (self->edge_date, &w, NULL);
      if (first_date_x < PAD_X + w + 16)
        g_clear_object (&self->edge_date);
    }
}

/* Lanes */

static void
lane_clear (Lane *lane)
{
  g_clear_pointer (&lane->label, g_free);
  g_clear_pointer (&lane->gaps, g_free);
  g_clear_pointer (&lane->block_max, g_free);
  g_clear_object (&lane->layout);
}

static void
clear_lanes (LiaisonTimeline *self)
{
  for (guint i = 0; i < self->n_lanes; i++)
    lane_clear (&self->lanes[i]);
  g_clear_pointer (&self->lanes, g_free);
  self->n_lanes = 0;
}

static void
append_shape (LiaisonTimeline *self,
              double           x0,
              double           x1,
              double           y,
              guint            kind)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  Shape shape;

  if (kind == LIAISON_TIMELINE_ACTIVE && x1 - x0 < MIN_BAR_WIDTH)
    {
      double middle = (x0 + x1) / 2;

      x0 = middle - MIN_BAR_WIDTH / 2;
      x1 = middle + MIN_BAR_WIDTH / 2;
    }
  if (x1 < -20 || x0 > width + 20)
    return;

  /* Far outside the widget, only the edges matter; this keeps the numbers
   * small for the renderer at any zoom. */
  x0 = MAX (x0, -20);
  x1 = MIN (x1, width + 20);

  if (kind == LIAISON_TIMELINE_GAP)
    graphene_rect_init (&shape.rect, x0, y + (BAR_HEIGHT - GAP_HEIGHT) / 2, x1 - x0, GAP_HEIGHT);
  else
    graphene_rect_init (&shape.rect, x0, y, x1 - x0, BAR_HEIGHT);
  shape.kind = kind;
  g_array_append_val (self->shapes, shape);
}

/* The index of the first gap that ends at or after @time. */
static guint
first_gap_ending_after (const Lane  *lane,
                        LiaisonTime  time)
{
  guint lo = 0, hi = lane->n_gaps;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (lane->gaps[mid].to < time)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

static void
lane_shapes (LiaisonTimeline *self,
             const Lane      *lane,
             double           y)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  LiaisonTime visible_start = liaison_timeline_x_to_time (self, -20);
  LiaisonTime visible_end = liaison_timeline_x_to_time (self, width + 20);
  gint64 min_gap_ms = (gint64) ceil (MIN_GAP_WIDTH * ms_per_px (self));
  LiaisonTime cursor = lane->first;
  guint k;

  if (lane->first == LIAISON_TIME_NONE)
    return;

  /* Pending first, so that the bars' rounded ends lie over it. */
  if (lane->pending_end != LIAISON_TIME_NONE && lane->pending_end > lane->last)
    append_shape (self,
                  liaison_timeline_time_to_x (self, lane->last),
                  liaison_timeline_time_to_x (self, lane->pending_end),
                  y, LIAISON_TIMELINE_PENDING);

  if (lane->last < visible_start || lane->first > visible_end)
    return;

  for (k = first_gap_ending_after (lane, visible_start); k < lane->n_gaps; )
    {
      const LiaisonGap *gap = &lane->gaps[k];

      if (k % GAP_BLOCK == 0 && lane->block_max[k / GAP_BLOCK] < min_gap_ms)
        {
          k += GAP_BLOCK;
          continue;
        }
      if (gap->from > visible_end)
        break;
      if (gap->to - gap->from >= min_gap_ms)
        {
          append_shape (self,
                        liaison_timeline_time_to_x (self, gap->from),
                        liaison_timeline_time_to_x (self, gap->to),
                        y, LIAISON_TIMELINE_GAP);
          append_shape (self,
                        liaison_timeline_time_to_x (self, cursor),
                        liaison_timeline_time_to_x (self, gap->from),
                        y, LIAISON_TIMELINE_ACTIVE);
          cursor = gap->to;
        }
      k++;
    }

  append_shape (self,
                liaison_timeline_time_to_x (self, cursor),
                liaison_timeline_time_to_x (self, lane->last),
                y, LIAISON_TIMELINE_ACTIVE);
}

static void
invalidate_geometry (LiaisonTimeline *self)
{
  self->geometry_valid = FALSE;
  g_clear_pointer (&self->lanes_node, gsk_render_node_unref);
  g_array_set_size (self->shapes, 0);
  g_array_set_size (self->ticks, 0);
  g_clear_object (&self->edge_date);
}

static void
update_geometry (LiaisonTimeline *self)
{
  double height = gtk_widget_get_height (GTK_WIDGET (self));

  invalidate_geometry (self);
  if (gtk_widget_get_width (GTK_WIDGET (self)) <= 0)
    return;

  self->v_offset = CLAMP (self->v_offset, 0, max_v_offset (self));
  update_ticks (self);

  self->first_visible = MIN (self->n_lanes, (guint) (self->v_offset / LANE_HEIGHT));
  self->end_visible = MIN (self->n_lanes,
                           (guint) ceil ((self->v_offset + MAX (0, height - AXIS_HEIGHT)) / LANE_HEIGHT));

  for (guint i = self->first_visible; i < self->end_visible; i++)
    {
      Lane *lane = &self->lanes[i];

      if (lane->layout == NULL)
        {
          lane->layout = small_layout (self, lane->label, FALSE);
          pango_layout_set_ellipsize (lane->layout, PANGO_ELLIPSIZE_END);
        }
      pango_layout_set_width (lane->layout, (int) (plot_width (self) * PANGO_SCALE));
      lane_shapes (self, lane, liaison_timeline_get_lane_y (self, i));
    }

  self->geometry_valid = TRUE;
}

static void
view_changed (LiaisonTimeline *self)
{
  update_geometry (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* The view */

void
liaison_timeline_zoom_to_fit (LiaisonTimeline *self)
{
  double span, margin;

  g_return_if_fail (LIAISON_IS_TIMELINE (self));

  self->fit = TRUE;

  if (self->data_start == LIAISON_TIME_NONE)
    {
      LiaisonTime now = liaison_time_now ();

      self->view_start = now - MS_HOUR;
      self->view_end = now;
      view_changed (self);
      return;
    }

  span = (double) (self->data_end - self->data_start);
  if (span < 60 * MS_SEC)
    span = 60 * MS_SEC;
  margin = span * 0.04;
  self->view_start = (double) self->data_start - margin;
  self->view_end = self->view_start + span + 2 * margin;
  if (self->data_end - self->data_start < 60 * MS_SEC)
    {
      double middle = ((double) self->data_start + (double) self->data_end) / 2;

      self->view_start = middle - (span + 2 * margin) / 2;
      self->view_end = middle + (span + 2 * margin) / 2;
    }
  view_changed (self);
}

/**
 * liaison_timeline_zoom:
 * @factor: more than 1 zooms in, less than 1 zooms out
 * @x: the x coordinate that stays where it is
 */
void
liaison_timeline_zoom (LiaisonTimeline *self,
                       double           factor,
                       double           x)
{
  double anchor, span, fraction;

  g_return_if_fail (LIAISON_IS_TIMELINE (self));
  g_return_if_fail (factor > 0);

  anchor = self->view_start + (x - PAD_X) * ms_per_px (self);
  fraction = (x - PAD_X) / plot_width (self);
  span = (self->view_end - self->view_start) / factor;
  span = CLAMP (span, MIN_MS_PER_PX * plot_width (self), MAX_SPAN_MS);

  self->fit = FALSE;
  self->view_start = anchor - fraction * span;
  self->view_end = self->view_start + span;
  view_changed (self);
}

void
liaison_timeline_set_visible_range (LiaisonTimeline *self,
                                    LiaisonTime      start,
                                    LiaisonTime      end)
{
  g_return_if_fail (LIAISON_IS_TIMELINE (self));
  g_return_if_fail (end > start);

  self->fit = FALSE;
  self->view_start = (double) start;
  self->view_end = (double) end;
  view_changed (self);
}

void
liaison_timeline_get_visible_range (LiaisonTimeline *self,
                                    LiaisonTime     *start,
                                    LiaisonTime     *end)
{
  g_return_if_fail (LIAISON_IS_TIMELINE (self));

  if (start != NULL)
    *start = (LiaisonTime) llround (self->view_start);
  if (end != NULL)
    *end = (LiaisonTime) llround (self->view_end);
}

static void
pan (LiaisonTimeline *self,
     double           dx_pixels,
     double           dy_pixels)
{
  double shift = dx_pixels * ms_per_px (self);

  self->fit = FALSE;
  self->view_start += shift;
  self->view_end += shift;
  self->v_offset = CLAMP (self->v_offset + dy_pixels, 0, max_v_offset (self));
  view_changed (self);
}

/* Lanes: data */

static char *
describe_lane (const Lane *lane)
{
  g_autofree char *active = NULL;
  g_autofree char *gap = NULL;
  g_autofree char *pending = NULL;

  if (lane->first == LIAISON_TIME_NONE)
    /* TRANSLATORS: the accessible description of a timeline lane with no
     * netflow data; %s is the client IP */
    return g_strdup_printf (_("%s: no netflow spans"), lane->label);

  active = liaison_format_duration (lane->active_ms);
  gap = liaison_format_duration (lane->gap_ms);
  pending = liaison_format_duration (lane->pending_ms);

  /* TRANSLATORS: the accessible description of a timeline lane: the client
   * IP, then its active, gap and pending time */
  return g_strdup_printf (_("%s: active %s, gap %s, pending %s"),
                          lane->label, active, gap, pending);
}

char *
liaison_timeline_dup_lane_description (LiaisonTimeline *self,
                                       guint            lane)
{
  g_return_val_if_fail (LIAISON_IS_TIMELINE (self), NULL);
  g_return_val_if_fail (lane < self->n_lanes, NULL);

  return describe_lane (&self->lanes[lane]);
}

static void
update_accessible (LiaisonTimeline *self)
{
  g_autoptr(GString) description = g_string_new (NULL);

  for (guint i = 0; i < self->n_lanes && i < MAX_DESCRIBED; i++)
    {
      g_autofree char *line = describe_lane (&self->lanes[i]);

      if (i > 0)
        g_string_append (description, "; ");
      g_string_append (description, line);
    }
  if (self->n_lanes > MAX_DESCRIBED)
    {
      g_string_append (description, "; ");
      g_string_append_printf (description,
                              /* TRANSLATORS: after the descriptions of the first lanes */
                              ngettext ("and %u more client", "and %u more clients",
                                        self->n_lanes - MAX_DESCRIBED),
                              self->n_lanes - MAX_DESCRIBED);
    }
  if (self->n_lanes == 0)
    g_string_append (description, _("No clients"));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description->str,
                                  -1);
}

/**
 * liaison_timeline_set_lanes:
 * @lanes: (array length=n_lanes): the lanes, top to bottom
 *
 * Replaces the lanes and fits the view to them.
 */
void
liaison_timeline_set_lanes (LiaisonTimeline           *self,
                            const LiaisonTimelineLane *lanes,
                            guint                      n_lanes)
{
  g_return_if_fail (LIAISON_IS_TIMELINE (self));
  g_return_if_fail (n_lanes == 0 || lanes != NULL);

  clear_lanes (self);
  self->lanes = g_new0 (Lane, n_lanes);
  self->n_lanes = n_lanes;
  self->data_start = LIAISON_TIME_NONE;
  self->data_end = LIAISON_TIME_NONE;
  self->v_offset = 0;

  for (guint i = 0; i < n_lanes; i++)
    {
      const LiaisonTimelineLane *in = &lanes[i];
      Lane *lane = &self->lanes[i];
      guint n_blocks;

      lane->label = g_strdup (in->label != NULL ? in->label : "");
      lane->first = in->first;
      lane->last = in->last;
      lane->pending_end = in->pending_end;
      if (in->first == LIAISON_TIME_NONE)
        continue;

      lane->gaps = g_memdup2 (in->gaps, sizeof (LiaisonGap) * in->n_gaps);
      lane->n_gaps = in->n_gaps;
      n_blocks = (in->n_gaps + GAP_BLOCK - 1) / GAP_BLOCK;
      lane->block_max = g_new0 (gint64, MAX (1, n_blocks));
      for (guint k = 0; k < in->n_gaps; k++)
        {
          gint64 length = in->gaps[k].to - in->gaps[k].from;

          lane->gap_ms += length;
          lane->block_max[k / GAP_BLOCK] = MAX (lane->block_max[k / GAP_BLOCK], length);
        }
      lane->active_ms = (in->last - in->first) - lane->gap_ms;
      if (in->pending_end != LIAISON_TIME_NONE && in->pending_end > in->last)
        lane->pending_ms = in->pending_end - in->last;

      if (self->data_start == LIAISON_TIME_NONE || in->first < self->data_start)
        self->data_start = in->first;
      if (self->data_end == LIAISON_TIME_NONE || in->last > self->data_end)
        self->data_end = in->last;
      if (lane->pending_ms > 0 && in->pending_end > self->data_end)
        self->data_end = in->pending_end;
    }

  update_accessible (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  liaison_timeline_zoom_to_fit (self);
}

guint
liaison_timeline_get_n_lanes (LiaisonTimeline *self)
{
  g_return_val_if_fail (LIAISON_IS_TIMELINE (self), 0);

  return self->n_lanes;
}

/**
 * liaison_timeline_get_lane_y:
 *
 * Returns: the y coordinate of the top of @lane's bar
 */
double
liaison_timeline_get_lane_y (LiaisonTimeline *self,
                             guint            lane)
{
  g_return_val_if_fail (LIAISON_IS_TIMELINE (self), 0);

  return AXIS_HEIGHT + lane * LANE_HEIGHT - self->v_offset + BAR_Y;
}

/**
 * liaison_timeline_kind_at:
 * @start: (out) (optional): the start of the segment
 * @end: (out) (optional): the end of the segment
 *
 * Returns: the kind of the segment of @lane that holds @time
 */
LiaisonTimelineKind
liaison_timeline_kind_at (LiaisonTimeline *self,
                          guint            lane_index,
                          LiaisonTime      time,
                          LiaisonTime     *start,
                          LiaisonTime     *end)
{
  const Lane *lane;
  guint k;

  g_return_val_if_fail (LIAISON_IS_TIMELINE (self), LIAISON_TIMELINE_NONE);

  if (lane_index >= self->n_lanes)
    return LIAISON_TIMELINE_NONE;
  lane = &self->lanes[lane_index];
  if (lane->first == LIAISON_TIME_NONE || time < lane->first)
    return LIAISON_TIMELINE_NONE;

  if (time > lane->last)
    {
      if (lane->pending_ms <= 0 || time > lane->pending_end)
        return LIAISON_TIMELINE_NONE;
      if (start != NULL)
        *start = lane->last;
      if (end != NULL)
        *end = lane->pending_end;
      return LIAISON_TIMELINE_PENDING;
    }

  k = first_gap_ending_after (lane, time);
  if (k < lane->n_gaps && lane->gaps[k].from <= time && time < lane->gaps[k].to)
    {
      if (start != NULL)
        *start = lane->gaps[k].from;
      if (end != NULL)
        *end = lane->gaps[k].to;
      return LIAISON_TIMELINE_GAP;
    }

  /* Between the gap before and the gap after (a gap ending exactly at
   * @time is behind it). */
  if (k < lane->n_gaps && lane->gaps[k].to <= time)
    k++;
  if (start != NULL)
    *start = k > 0 ? lane->gaps[k - 1].to : lane->first;
  if (end != NULL)
    *end = k < lane->n_gaps ? lane->gaps[k].from : lane->last;
  return LIAISON_TIMELINE_ACTIVE;
}

/* Drawing */

static void
lookup_colors (LiaisonTimeline *self,
               GdkRGBA         *accent,
               GdkRGBA         *foreground)
{
  GtkStyleContext *context = gtk_widget_get_style_context (GTK_WIDGET (self));

  if (!gtk_style_context_lookup_color (context, "accent_bg_color", accent))
    gdk_rgba_parse (accent, "#3584e4");
  gtk_style_context_get_color (context, foreground);
}

static GdkRGBA
with_alpha (const GdkRGBA *color,
            float          alpha)
{
  GdkRGBA result = *color;

  result.alpha *= alpha;
  return result;
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

static GskRenderNode *
build_lanes_node (LiaisonTimeline *self,
                  const GdkRGBA   *accent,
                  const GdkRGBA   *foreground)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  GdkRGBA gap_color = with_alpha (foreground, 0.4f);
  GdkRGBA wash = with_alpha (accent, 0.16f);
  GdkRGBA stripes = with_alpha (accent, 0.65f);
  GskRenderNode *node;

  /* Gaps and pending tails under the bars. */
  for (guint i = 0; i < self->shapes->len; i++)
    {
      const Shape *shape = &g_array_index (self->shapes, Shape, i);

      if (shape->kind == LIAISON_TIMELINE_GAP)
        gtk_snapshot_append_color (snapshot, &gap_color, &shape->rect);
      else if (shape->kind == LIAISON_TIMELINE_PENDING)
        {
          GskRoundedRect clip;
          cairo_t *cr;

          gsk_rounded_rect_init_from_rect (&clip, &shape->rect,
                                           MIN (4.0f, shape->rect.size.width / 2));
          gtk_snapshot_push_rounded_clip (snapshot, &clip);
          gtk_snapshot_append_color (snapshot, &wash, &shape->rect);
          cr = gtk_snapshot_append_cairo (snapshot, &shape->rect);
          cairo_translate (cr, shape->rect.origin.x, shape->rect.origin.y);
          draw_hatching (cr, &stripes, shape->rect.size.width, shape->rect.size.height);
          cairo_destroy (cr);
          gtk_snapshot_pop (snapshot);
        }
    }

  for (guint i = 0; i < self->shapes->len; i++)
    {
      const Shape *shape = &g_array_index (self->shapes, Shape, i);

      if (shape->kind != LIAISON_TIMELINE_ACTIVE)
        continue;

      if (shape->rect.size.width >= 8)
        {
          GskRoundedRect clip;

          gsk_rounded_rect_init_from_rect (&clip, &shape->rect, 4.0f);
          gtk_snapshot_push_rounded_clip (snapshot, &clip);
          gtk_snapshot_append_color (snapshot, accent, &shape->rect);
          gtk_snapshot_pop (snapshot);
        }
      else
        gtk_snapshot_append_color (snapshot, accent, &shape->rect);
    }

  node = gtk_snapshot_free_to_node (snapshot);
  return node != NULL ? node : gsk_container_node_new (NULL, 0);
}

static void
liaison_timeline_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  LiaisonTimeline *self = LIAISON_TIMELINE (widget);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  GdkRGBA accent, foreground, grid, text, label, stripe;

  if (!self->geometry_valid)
    update_geometry (self);

  lookup_colors (self, &accent, &foreground);
  grid = with_alpha (&foreground, 0.1f);
  text = with_alpha (&foreground, 0.6f);
  label = with_alpha (&foreground, 0.75f);
  stripe = with_alpha (&foreground, 0.03f);

  if (self->lanes_node != NULL &&
      (!gdk_rgba_equal (&self->node_colors[0], &accent) ||
       !gdk_rgba_equal (&self->node_colors[1], &foreground)))
    g_clear_pointer (&self->lanes_node, gsk_render_node_unref);
  if (self->lanes_node == NULL)
    {
      self->lanes_node = build_lanes_node (self, &accent, &foreground);
      self->node_colors[0] = accent;
      self->node_colors[1] = foreground;
    }

  /* The axis */
  gtk_snapshot_append_color (snapshot, &grid,
                             &GRAPHENE_RECT_INIT (0, AXIS_HEIGHT - 1, width, 1));
  for (guint i = 0; i < self->ticks->len; i++)
    {
      const Tick *tick = &g_array_index (self->ticks, Tick, i);
      int label_width;

      gtk_snapshot_append_color (snapshot, &grid,
                                 &GRAPHENE_RECT_INIT (tick->x, AXIS_HEIGHT - 6, 1, height - AXIS_HEIGHT + 6));
      /* A label that would be cut at the right edge is left out. */
      pango_layout_get_pixel_size (tick->label, &label_width, NULL);
      if (tick->x + 4 + label_width > width)
        continue;
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (tick->x + 4, 4));
      gtk_snapshot_append_layout (snapshot, tick->label, &text);
      if (tick->date != NULL)
        {
          gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (0, 17));
          gtk_snapshot_append_layout (snapshot, tick->date, &label);
        }
      gtk_snapshot_restore (snapshot);
    }
  if (self->edge_date != NULL)
    {
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (PAD_X, 21));
      gtk_snapshot_append_layout (snapshot, self->edge_date, &label);
      gtk_snapshot_restore (snapshot);
    }

  /* The lanes, scrolled under the axis */
  gtk_snapshot_push_clip (snapshot,
                          &GRAPHENE_RECT_INIT (0, AXIS_HEIGHT, width, MAX (0, height - AXIS_HEIGHT)));

  for (guint i = self->first_visible; i < self->end_visible; i++)
    {
      double top = AXIS_HEIGHT + i * LANE_HEIGHT - self->v_offset;

      if (i % 2 == 1)
        gtk_snapshot_append_color (snapshot, &stripe,
                                   &GRAPHENE_RECT_INIT (0, top, width, LANE_HEIGHT));
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (PAD_X, top + LANE_LABEL_Y));
      gtk_snapshot_append_layout (snapshot, self->lanes[i].layout, &label);
      gtk_snapshot_restore (snapshot);
    }

  gtk_snapshot_append_node (snapshot, self->lanes_node);

  if (self->n_lanes == 0 || self->data_start == LIAISON_TIME_NONE)
    {
      g_autoptr(PangoLayout) empty = gtk_widget_create_pango_layout (widget, _("No netflow spans"));
      int w, h;

      pango_layout_get_pixel_size (empty, &w, &h);
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot,
                              &GRAPHENE_POINT_INIT ((width - w) / 2,
                                                    AXIS_HEIGHT + (height - AXIS_HEIGHT - h) / 2));
      gtk_snapshot_append_layout (snapshot, empty, &text);
      gtk_snapshot_restore (snapshot);
    }

  gtk_snapshot_pop (snapshot);
}

/* Size */

static void
liaison_timeline_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  LiaisonTimeline *self = LIAISON_TIMELINE (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 200;
      *natural = 600;
    }
  else
    {
      /* Up to MAX_NAT_LANES lanes show without scrolling; a scrolled
       * window gives its child the minimum, so ask for them there. */
      *minimum = (int) (AXIS_HEIGHT + LANE_HEIGHT * CLAMP (self->n_lanes, 1, MAX_NAT_LANES) + 4);
      *natural = *minimum;
    }
}

static void
liaison_timeline_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  LiaisonTimeline *self = LIAISON_TIMELINE (widget);

  if (self->fit)
    liaison_timeline_zoom_to_fit (self);
  else
    update_geometry (self);
}

/* Tooltip */

static gboolean
liaison_timeline_query_tooltip (GtkWidget  *widget,
                                int         x,
                                int         y,
                                gboolean    keyboard,
                                GtkTooltip *tooltip)
{
  LiaisonTimeline *self = LIAISON_TIMELINE (widget);
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *duration = NULL;
  g_autofree char *markup = NULL;
  g_autofree char *escaped = NULL;
  LiaisonTimelineKind kind;
  LiaisonTime time, start = 0, end = 0;
  const char *title;
  double lane_top;
  guint lane;

  if (keyboard || y < AXIS_HEIGHT || self->n_lanes == 0)
    return FALSE;

  lane = (guint) ((y - AXIS_HEIGHT + self->v_offset) / LANE_HEIGHT);
  if (lane >= self->n_lanes)
    return FALSE;

  time = liaison_timeline_x_to_time (self, x);
  kind = liaison_timeline_kind_at (self, lane, time, &start, &end);
  /* Points and short bars are drawn wider than they are: look around. */
  if (kind == LIAISON_TIMELINE_NONE)
    {
      gint64 slack = (gint64) ceil (MIN_BAR_WIDTH * ms_per_px (self));

      kind = liaison_timeline_kind_at (self, lane, time + slack, &start, &end);
      if (kind == LIAISON_TIMELINE_NONE)
        kind = liaison_timeline_kind_at (self, lane, time - slack, &start, &end);
    }

  escaped = g_markup_escape_text (self->lanes[lane].label, -1);
  switch (kind)
    {
    case LIAISON_TIMELINE_ACTIVE:
      title = _("Active");
      break;
    case LIAISON_TIMELINE_GAP:
      title = _("Gap");
      break;
    case LIAISON_TIMELINE_PENDING:
      title = _("Pending");
      break;
    case LIAISON_TIMELINE_NONE:
    default:
      {
        g_autofree char *description = describe_lane (&self->lanes[lane]);
        g_autofree char *text = g_markup_escape_text (description, -1);

        gtk_tooltip_set_markup (tooltip, text);
        return TRUE;
      }
    }

  from = liaison_format_time (start);
  to = liaison_format_time (end);
  duration = liaison_format_duration (end - start);
  /* TRANSLATORS: the tooltip of a timeline segment: its kind (Active, Gap,
   * Pending), the client IP, its start, end and duration */
  markup = g_strdup_printf (_("<b>%s</b> · %s\nFrom %s\nTo %s\nDuration %s"),
                            title, escaped, from, to, duration);
  if (kind == LIAISON_TIMELINE_PENDING)
    {
      char *longer = g_strconcat (markup, "\n<small>",
                                  _("Not classified until the next sample"),
                                  "</small>", NULL);

      g_free (markup);
      markup = longer;
    }
  gtk_tooltip_set_markup (tooltip, markup);

  lane_top = AXIS_HEIGHT + lane * LANE_HEIGHT - self->v_offset;
  gtk_tooltip_set_tip_area (tooltip,
                            &(GdkRectangle) {
                              (int) floor (MAX (0, liaison_timeline_time_to_x (self, start) - MIN_BAR_WIDTH)),
                              (int) lane_top,
                              (int) ceil (MIN (gtk_widget_get_width (widget),
                                               liaison_timeline_time_to_x (self, end) + MIN_BAR_WIDTH)
                                          - MAX (0, liaison_timeline_time_to_x (self, start) - MIN_BAR_WIDTH)) + 1,
                              (int) LANE_HEIGHT,
                            });
  return TRUE;
}

/* Input */

static void
motion_cb (LiaisonTimeline          *self,
           double                    x,
           double                    y,
           GtkEventControllerMotion *controller)
{
  self->pointer_x = x;
  self->pointer_y = y;
}

static gboolean
scroll_cb (LiaisonTimeline          *self,
           double                    dx,
           double                    dy,
           GtkEventControllerScroll *controller)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));

  if (state & GDK_CONTROL_MASK)
    {
      liaison_timeline_zoom (self, pow (1.2, -dy), self->pointer_x);
      return TRUE;
    }

  if (state & GDK_SHIFT_MASK)
    {
      dx = dx != 0 ? dx : dy;
      dy = 0;
    }
  else if (max_v_offset (self) <= 0 && dx == 0)
    {
      /* Nothing to scroll vertically: a plain wheel moves through time. */
      dx = dy;
      dy = 0;
    }

  pan (self, dx * 40, dy * 40);
  return TRUE;
}

static void
drag_begin_cb (LiaisonTimeline *self,
               double           x,
               double           y,
               GtkGestureDrag  *gesture)
{
  self->drag_view_start = self->view_start;
  self->drag_view_end = self->view_end;
  self->drag_v_offset = self->v_offset;
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "grabbing");
}

static void
drag_update_cb (LiaisonTimeline *self,
                double           dx,
                double           dy,
                GtkGestureDrag  *gesture)
{
  double shift = -dx * (self->drag_view_end - self->drag_view_start) / plot_width (self);

  self->fit = FALSE;
  self->view_start = self->drag_view_start + shift;
  self->view_end = self->drag_view_end + shift;
  self->v_offset = CLAMP (self->drag_v_offset - dy, 0, max_v_offset (self));
  view_changed (self);
}

static void
drag_end_cb (LiaisonTimeline *self,
             double           dx,
             double           dy,
             GtkGestureDrag  *gesture)
{
  gtk_widget_set_cursor (GTK_WIDGET (self), NULL);
}

static void
zoom_begin_cb (LiaisonTimeline  *self,
               GdkEventSequence *sequence,
               GtkGesture       *gesture)
{
  self->zoom_view_start = self->view_start;
  self->zoom_view_end = self->view_end;
  self->zoom_scale = 1.0;
}

static void
zoom_scale_changed_cb (LiaisonTimeline *self,
                       double           scale,
                       GtkGestureZoom  *gesture)
{
  double x, y;

  if (scale <= 0 || !gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &x, &y))
    return;

  liaison_timeline_zoom (self, scale / self->zoom_scale, x);
  self->zoom_scale = scale;
}

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  LiaisonTimeline *self = LIAISON_TIMELINE (widget);
  double middle = PAD_X + plot_width (self) / 2;

  if (g_str_equal (action_name, "timeline.zoom-in"))
    liaison_timeline_zoom (self, 1.5, middle);
  else if (g_str_equal (action_name, "timeline.zoom-out"))
    liaison_timeline_zoom (self, 1 / 1.5, middle);
  else
    liaison_timeline_zoom_to_fit (self);
}

static void
pan_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  LiaisonTimeline *self = LIAISON_TIMELINE (widget);
  double direction = g_str_equal (action_name, "timeline.pan-left") ? -1 : 1;

  pan (self, direction * plot_width (self) / 8, 0);
}

/* Object */

static void
liaison_timeline_dispose (GObject *object)
{
  LiaisonTimeline *self = LIAISON_TIMELINE (object);

  clear_lanes (self);
  invalidate_geometry (self);

  G_OBJECT_CLASS (liaison_timeline_parent_class)->dispose (object);
}

static void
liaison_timeline_finalize (GObject *object)
{
  LiaisonTimeline *self = LIAISON_TIMELINE (object);

  g_clear_pointer (&self->shapes, g_array_unref);
  g_clear_pointer (&self->ticks, g_array_unref);

  G_OBJECT_CLASS (liaison_timeline_parent_class)->finalize (object);
}

static void
liaison_timeline_class_init (LiaisonTimelineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = liaison_timeline_dispose;
  object_class->finalize = liaison_timeline_finalize;

  widget_class->snapshot = liaison_timeline_snapshot;
  widget_class->measure = liaison_timeline_measure;
  widget_class->size_allocate = liaison_timeline_size_allocate;
  widget_class->query_tooltip = liaison_timeline_query_tooltip;

  gtk_widget_class_set_css_name (widget_class, "timeline");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);

  gtk_widget_class_install_action (widget_class, "timeline.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "timeline.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "timeline.zoom-to-fit", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "timeline.pan-left", NULL, pan_action);
  gtk_widget_class_install_action (widget_class, "timeline.pan-right", NULL, pan_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, 0, "timeline.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, 0, "timeline.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, 0, "timeline.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, 0, "timeline.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, 0, "timeline.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, 0, "timeline.zoom-to-fit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Home, 0, "timeline.zoom-to-fit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, 0, "timeline.pan-left", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, 0, "timeline.pan-right", NULL);
}

static void
liaison_timeline_init (LiaisonTimeline *self)
{
  GtkEventController *controller;
  GtkGesture *gesture;

  self->shapes = g_array_new (FALSE, FALSE, sizeof (Shape));
  self->ticks = g_array_new (FALSE, FALSE, sizeof (Tick));
  g_array_set_clear_func (self->ticks, tick_clear);
  self->data_start = LIAISON_TIME_NONE;
  self->data_end = LIAISON_TIME_NONE;
  self->view_start = 0;
  self->view_end = 60 * MS_SEC;
  self->fit = TRUE;

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);

  controller = gtk_event_controller_motion_new ();
  g_signal_connect_swapped (controller, "enter", G_CALLBACK (motion_cb), self);
  g_signal_connect_swapped (controller, "motion", G_CALLBACK (motion_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  g_signal_connect_swapped (controller, "scroll", G_CALLBACK (scroll_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  gesture = gtk_gesture_drag_new ();
  g_signal_connect_swapped (gesture, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect_swapped (gesture, "drag-update", G_CALLBACK (drag_update_cb), self);
  g_signal_connect_swapped (gesture, "drag-end", G_CALLBACK (drag_end_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_zoom_new ();
  g_signal_connect_swapped (gesture, "begin", G_CALLBACK (zoom_begin_cb), self);
  g_signal_connect_swapped (gesture, "scale-changed", G_CALLBACK (zoom_scale_changed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Span timeline"),
                                  -1);
  update_accessible (self);
}

GtkWidget *
liaison_timeline_new (void)
{
  return g_object_new (LIAISON_TYPE_TIMELINE, NULL);
}
