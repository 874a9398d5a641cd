/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-timeline-lanes"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "liaison-format.h"
#include "liaison-timeline-lanes.h"

/*
 * The timeline's lanes as geometry: one lane per client, turned into
 * rectangles for what is in view, and points turned back into segments.
 * Plain GLib, so that it is tested without a display.
 *
 * Only what is visible is computed: the lanes in view, and in each lane
 * only the gaps in the visible time range that are wide enough to see (a
 * gap narrower than MIN_GAP_WIDTH pixels is part of the bar around it).
 * Gaps are found by binary search, and runs of invisible gaps are skipped
 * by the longest gap of each block of GAP_BLOCK, so a lane of 100,000
 * segments costs about its width in pixels.
 */

#define GAP_HEIGHT     2.0
#define MIN_GAP_WIDTH  1.5
#define GAP_BLOCK      64
#define OVERDRAW      20.0   /* how far beyond the edges segments are kept */
#define MAX_DESCRIBED 50

#define MS_MINUTE     G_GINT64_CONSTANT (60000)
#define MS_HOUR       (60 * MS_MINUTE)

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
} Lane;

struct _LiaisonTimelineLanes
{
  Lane        *lanes;
  guint        n_lanes;
  LiaisonTime  data_start;   /* LIAISON_TIME_NONE: no lane has netflow spans */
  LiaisonTime  data_end;
};

/**
 * liaison_timeline_lanes_new:
 * @lanes: (array length=n_lanes): the lanes, top to bottom
 *
 * Returns: (transfer full): the lanes, with their totals
 */
LiaisonTimelineLanes *
liaison_timeline_lanes_new (const LiaisonTimelineLane *lanes,
                            guint                      n_lanes)
{
  LiaisonTimelineLanes *self;

  g_return_val_if_fail (n_lanes == 0 || lanes != NULL, NULL);

  self = g_new0 (LiaisonTimelineLanes, 1);
  self->lanes = g_new0 (Lane, n_lanes);
  self->n_lanes = n_lanes;
  self->data_start = LIAISON_TIME_NONE;
  self->data_end = LIAISON_TIME_NONE;

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

  return self;
}

void
liaison_timeline_lanes_free (LiaisonTimelineLanes *self)
{
  if (self == NULL)
    return;

  for (guint i = 0; i < self->n_lanes; i++)
    {
      g_free (self->lanes[i].label);
      g_free (self->lanes[i].gaps);
      g_free (self->lanes[i].block_max);
    }
  g_free (self->lanes);
  g_free (self);
}

guint
liaison_timeline_lanes_get_n_lanes (const LiaisonTimelineLanes *self)
{
  return self->n_lanes;
}

const char *
liaison_timeline_lanes_get_label (const LiaisonTimelineLanes *self,
                                  guint                       lane)
{
  g_return_val_if_fail (lane < self->n_lanes, NULL);

  return self->lanes[lane].label;
}

/**
 * liaison_timeline_lanes_has_spans:
 *
 * Returns: whether any lane has netflow spans
 */
gboolean
liaison_timeline_lanes_has_spans (const LiaisonTimelineLanes *self)
{
  return self->data_start != LIAISON_TIME_NONE;
}

/**
 * liaison_timeline_lanes_fit:
 * @start: (out): where a view that shows every lane whole starts
 * @end: (out): where it ends
 *
 * The view holds every lane's spans and pending tail with a margin of 4 %
 * on each side, at least a minute; with no spans, the last hour.
 */
void
liaison_timeline_lanes_fit (const LiaisonTimelineLanes *self,
                            double                     *start,
                            double                     *end)
{
  double span, margin;

  if (self->data_start == LIAISON_TIME_NONE)
    {
      LiaisonTime now = liaison_time_now ();

      *start = now - MS_HOUR;
      *end = now;
      return;
    }

  span = (double) (self->data_end - self->data_start);
  if (span < MS_MINUTE)
    span = MS_MINUTE;
  margin = span * 0.04;
  *start = (double) self->data_start - margin;
  *end = *start + span + 2 * margin;
  if (self->data_end - self->data_start < MS_MINUTE)
    {
      double middle = ((double) self->data_start + (double) self->data_end) / 2;

      *start = middle - (span + 2 * margin) / 2;
      *end = middle + (span + 2 * margin) / 2;
    }
}

/**
 * liaison_timeline_lanes_describe:
 *
 * Returns: (transfer full): what @lane shows, in words: its client and
 *   its active, gap and pending time
 */
char *
liaison_timeline_lanes_describe (const LiaisonTimelineLanes *self,
                                 guint                       lane_index)
{
  const Lane *lane;
  g_autofree char *active = NULL;
  g_autofree char *gap = NULL;
  g_autofree char *pending = NULL;

  g_return_val_if_fail (lane_index < self->n_lanes, NULL);

  lane = &self->lanes[lane_index];
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

/**
 * liaison_timeline_lanes_describe_all:
 *
 * Returns: (transfer full): what the lanes show, in words: the first
 *   %MAX_DESCRIBED lanes one after the other, and how many more there are
 */
char *
liaison_timeline_lanes_describe_all (const LiaisonTimelineLanes *self)
{
  GString *description = g_string_new (NULL);

  for (guint i = 0; i < self->n_lanes && i < MAX_DESCRIBED; i++)
    {
      g_autofree char *line = liaison_timeline_lanes_describe (self, i);

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

  return g_string_free (description, FALSE);
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

/**
 * liaison_timeline_lanes_kind_at:
 * @start: (out) (optional): the start of the segment
 * @end: (out) (optional): the end of the segment
 *
 * Returns: the kind of the segment of @lane that holds @time
 */
LiaisonTimelineKind
liaison_timeline_lanes_kind_at (const LiaisonTimelineLanes *self,
                                guint                       lane_index,
                                LiaisonTime                 time,
                                LiaisonTime                *start,
                                LiaisonTime                *end)
{
  const Lane *lane;
  guint k;

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

/* In view */

static double
lanes_height (const LiaisonTimelineView *view)
{
  return MAX (0.0, view->height - LIAISON_TIMELINE_AXIS_HEIGHT);
}

/**
 * liaison_timeline_lanes_max_v_offset:
 *
 * Returns: how far the lanes scroll up at most: until the last is in view
 */
double
liaison_timeline_lanes_max_v_offset (const LiaisonTimelineLanes *self,
                                     const LiaisonTimelineView  *view)
{
  return MAX (0.0, self->n_lanes * LIAISON_TIMELINE_LANE_HEIGHT - lanes_height (view));
}

/**
 * liaison_timeline_lanes_top:
 *
 * Returns: the y coordinate of the top of @lane's row
 */
double
liaison_timeline_lanes_top (const LiaisonTimelineView *view,
                            guint                      lane)
{
  return LIAISON_TIMELINE_AXIS_HEIGHT + lane * LIAISON_TIMELINE_LANE_HEIGHT - view->v_offset;
}

/**
 * liaison_timeline_lanes_visible:
 * @first: (out): the first lane in view
 * @end: (out): the lane after the last in view
 */
void
liaison_timeline_lanes_visible (const LiaisonTimelineLanes *self,
                                const LiaisonTimelineView  *view,
                                guint                      *first,
                                guint                      *end)
{
  *first = MIN (self->n_lanes, (guint) (view->v_offset / LIAISON_TIMELINE_LANE_HEIGHT));
  *end = MIN (self->n_lanes,
              (guint) ceil ((view->v_offset + lanes_height (view)) / LIAISON_TIMELINE_LANE_HEIGHT));
}

static void
add_segment (GArray                    *segments,
             const LiaisonTimelineView *view,
             double                     x0,
             double                     x1,
             double                     y,
             LiaisonTimelineKind        kind)
{
  LiaisonTimelineSegment segment;

  if (kind == LIAISON_TIMELINE_ACTIVE && x1 - x0 < LIAISON_TIMELINE_MIN_BAR_WIDTH)
    {
      double middle = (x0 + x1) / 2;

      x0 = middle - LIAISON_TIMELINE_MIN_BAR_WIDTH / 2;
      x1 = middle + LIAISON_TIMELINE_MIN_BAR_WIDTH / 2;
    }
  if (x1 < -OVERDRAW || x0 > view->width + OVERDRAW)
    return;

  /* Far outside the widget, only the edges matter; this keeps the numbers
   * small for the renderer at any zoom. */
  x0 = MAX (x0, -OVERDRAW);
  x1 = MIN (x1, view->width + OVERDRAW);

  segment.x = x0;
  segment.width = x1 - x0;
  if (kind == LIAISON_TIMELINE_GAP)
    {
      segment.y = y + (LIAISON_TIMELINE_BAR_HEIGHT - GAP_HEIGHT) / 2;
      segment.height = GAP_HEIGHT;
    }
  else
    {
      segment.y = y;
      segment.height = LIAISON_TIMELINE_BAR_HEIGHT;
    }
  segment.kind = kind;
  g_array_append_val (segments, segment);
}

/**
 * liaison_timeline_lanes_add_segments:
 * @segments: (element-type LiaisonTimelineSegment): where to add them
 *
 * Adds the rectangles of @lane that are in view: its pending tail first,
 * then each gap wide enough to see with the active span before it, then
 * the last active span.
 */
void
liaison_timeline_lanes_add_segments (const LiaisonTimelineLanes *self,
                                     const LiaisonTimelineView  *view,
                                     guint                       lane_index,
                                     GArray                     *segments)
{
  const LiaisonTimeRuler *ruler = &view->ruler;
  const Lane *lane;
  double y = liaison_timeline_lanes_top (view, lane_index) + LIAISON_TIMELINE_BAR_Y;
  LiaisonTime visible_start = liaison_time_ruler_x_to_time (ruler, -OVERDRAW);
  LiaisonTime visible_end = liaison_time_ruler_x_to_time (ruler, view->width + OVERDRAW);
  gint64 min_gap_ms = (gint64) ceil (MIN_GAP_WIDTH * liaison_time_ruler_ms_per_px (ruler));
  LiaisonTime cursor;
  guint k;

  g_return_if_fail (lane_index < self->n_lanes);

  lane = &self->lanes[lane_index];
  cursor = lane->first;
  if (lane->first == LIAISON_TIME_NONE)
    return;

  /* Pending first, so that the bars' rounded ends lie over it. */
  if (lane->pending_end != LIAISON_TIME_NONE && lane->pending_end > lane->last)
    add_segment (segments, view,
                 liaison_time_ruler_time_to_x (ruler, lane->last),
                 liaison_time_ruler_time_to_x (ruler, lane->pending_end),
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
          add_segment (segments, view,
                       liaison_time_ruler_time_to_x (ruler, gap->from),
                       liaison_time_ruler_time_to_x (ruler, gap->to),
                       y, LIAISON_TIMELINE_GAP);
          add_segment (segments, view,
                       liaison_time_ruler_time_to_x (ruler, cursor),
                       liaison_time_ruler_time_to_x (ruler, gap->from),
                       y, LIAISON_TIMELINE_ACTIVE);
          cursor = gap->to;
        }
      k++;
    }

  add_segment (segments, view,
               liaison_time_ruler_time_to_x (ruler, cursor),
               liaison_time_ruler_time_to_x (ruler, lane->last),
               y, LIAISON_TIMELINE_ACTIVE);
}

/**
 * liaison_timeline_lanes_hit:
 * @hit: (out): the lane at @y and its segment at @x
 *
 * Points and short bars are drawn wider than they are (at least
 * %LIAISON_TIMELINE_MIN_BAR_WIDTH): so a point beside a segment, within
 * that width, is on it.
 *
 * Returns: whether a lane is at @y
 */
gboolean
liaison_timeline_lanes_hit (const LiaisonTimelineLanes *self,
                            const LiaisonTimelineView  *view,
                            double                      x,
                            double                      y,
                            LiaisonTimelineHit         *hit)
{
  LiaisonTime time;
  double lane;

  if (y < LIAISON_TIMELINE_AXIS_HEIGHT || self->n_lanes == 0)
    return FALSE;

  lane = (y - LIAISON_TIMELINE_AXIS_HEIGHT + view->v_offset) / LIAISON_TIMELINE_LANE_HEIGHT;
  if (lane >= self->n_lanes)
    return FALSE;

  hit->lane = (guint) lane;
  hit->start = 0;
  hit->end = 0;
  time = liaison_time_ruler_x_to_time (&view->ruler, x);
  hit->kind = liaison_timeline_lanes_kind_at (self, hit->lane, time, &hit->start, &hit->end);
  if (hit->kind == LIAISON_TIMELINE_NONE)
    {
      gint64 slack = (gint64) ceil (LIAISON_TIMELINE_MIN_BAR_WIDTH * liaison_time_ruler_ms_per_px (&view->ruler));

      hit->kind = liaison_timeline_lanes_kind_at (self, hit->lane, time + slack, &hit->start, &hit->end);
      if (hit->kind == LIAISON_TIMELINE_NONE)
        hit->kind = liaison_timeline_lanes_kind_at (self, hit->lane, time - slack, &hit->start, &hit->end);
    }

  return TRUE;
}

/**
 * liaison_timeline_lanes_dup_tooltip:
 * @hit: a point of the lanes, as liaison_timeline_lanes_hit() found it
 *
 * Returns: (transfer full): the markup of the tooltip there: the segment's
 *   kind, client, start and end (in the display zone) and duration; or,
 *   beside the segments, the lane's description
 */
char *
liaison_timeline_lanes_dup_tooltip (const LiaisonTimelineLanes *self,
                                    const LiaisonTimelineHit   *hit)
{
  g_autofree char *escaped = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *duration = NULL;
  g_autofree char *markup = NULL;
  const char *title;

  g_return_val_if_fail (hit->lane < self->n_lanes, NULL);

  switch (hit->kind)
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
        g_autofree char *description = liaison_timeline_lanes_describe (self, hit->lane);

        return g_markup_escape_text (description, -1);
      }
    }

  escaped = g_markup_escape_text (self->lanes[hit->lane].label, -1);
  from = liaison_format_time (hit->start);
  to = liaison_format_time (hit->end);
  duration = liaison_format_duration (hit->end - hit->start);
  /* TRANSLATORS: the tooltip of a timeline segment: its kind (Active, Gap,
   * Pending), the client IP, its start, end and duration */
  markup = g_strdup_printf (_("<b>%s</b> · %s\nFrom %s\nTo %s\nDuration %s"),
                            title, escaped, from, to, duration);
  if (hit->kind != LIAISON_TIMELINE_PENDING)
    return g_steal_pointer (&markup);

  return g_strconcat (markup, "\n<small>", _("Not classified until the next sample"), "</small>", NULL);
}
