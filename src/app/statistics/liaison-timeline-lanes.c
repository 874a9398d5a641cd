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
 *
 * Netstat activity runs (statistics.md 3.6) are bars of their own track:
 * the lane's bar when it has no netflow spans, else a thinner track under
 * them. Runs closer than a pixel and a half draw as one bar. The moments
 * of the samples that discovered the listener are ticks on that track
 * where there is room for them: notches in a run, marks of absence
 * between runs. A netflow tail longer than an interval (4.4) is silent:
 * drawn as an open, dotted gap after the last span.
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
  LiaisonTime  silent_end;
  LiaisonGap  *gaps;
  guint        n_gaps;
  gint64      *block_max;    /* the longest gap of each GAP_BLOCK gaps */
  gint64       active_ms;
  gint64       gap_ms;
  gint64       pending_ms;
  gint64       silent_ms;
  LiaisonRun  *runs;
  guint        n_runs;
  gboolean     first_run_unknown;
} Lane;

struct _LiaisonTimelineLanes
{
  Lane        *lanes;
  guint        n_lanes;
  LiaisonTime  data_start;   /* LIAISON_TIME_NONE: no lane has spans or runs */
  LiaisonTime  data_end;
  LiaisonTime *moments;      /* the listener's sample moments, time order */
  guint        n_moments;
};

static void
widen_data (LiaisonTimelineLanes *self,
            LiaisonTime           start,
            LiaisonTime           end)
{
  if (self->data_start == LIAISON_TIME_NONE || start < self->data_start)
    self->data_start = start;
  if (self->data_end == LIAISON_TIME_NONE || end > self->data_end)
    self->data_end = end;
}

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
      lane->silent_end = LIAISON_TIME_NONE;
      if (in->n_runs > 0)
        {
          lane->runs = g_memdup2 (in->runs, sizeof (LiaisonRun) * in->n_runs);
          lane->n_runs = in->n_runs;
          lane->first_run_unknown = in->first_run_unknown;
          widen_data (self, in->runs[0].first, in->runs[in->n_runs - 1].last);
        }
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
      if (in->silent_end != LIAISON_TIME_NONE && in->silent_end > in->last && lane->pending_ms == 0)
        {
          lane->silent_end = in->silent_end;
          lane->silent_ms = in->silent_end - in->last;
        }

      widen_data (self, in->first, in->last);
      if (lane->pending_ms > 0)
        widen_data (self, in->first, in->pending_end);
      if (lane->silent_ms > 0)
        widen_data (self, in->first, in->silent_end);
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
      g_free (self->lanes[i].runs);
    }
  g_free (self->lanes);
  g_free (self->moments);
  g_free (self);
}

/**
 * liaison_timeline_lanes_set_moments:
 * @moments: (array length=n_moments): the moments of the samples that
 *   discovered the listener, in time order
 *
 * The ticks of the lanes' netstat tracks.
 */
void
liaison_timeline_lanes_set_moments (LiaisonTimelineLanes *self,
                                    const LiaisonTime    *moments,
                                    guint                 n_moments)
{
  g_free (self->moments);
  self->moments = n_moments > 0 ? g_memdup2 (moments, sizeof (LiaisonTime) * n_moments) : NULL;
  self->n_moments = n_moments;
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
 * Returns: whether any lane has netflow spans or netstat runs
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
 * The view holds every lane's spans, runs and tail (pending or silent)
 * with a margin of 4 % on each side, at least a minute: the data's own
 * times; only with no data at all, the last hour.
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
  g_autofree char *description = NULL;

  g_return_val_if_fail (lane_index < self->n_lanes, NULL);

  lane = &self->lanes[lane_index];
  if (lane->first == LIAISON_TIME_NONE && lane->n_runs == 0)
    /* TRANSLATORS: the accessible description of a timeline lane with no
     * netflow data; %s is the client IP */
    return g_strdup_printf (_("%s: no netflow spans"), lane->label);

  if (lane->first == LIAISON_TIME_NONE)
    /* TRANSLATORS: the accessible description of a timeline lane of
     * netstat data only: the client IP and its activity runs */
    return g_strdup_printf (ngettext ("%s: seen by netstat in %u run", "%s: seen by netstat in %u runs",
                                      lane->n_runs),
                            lane->label, lane->n_runs);

  active = liaison_format_duration (lane->active_ms);
  gap = liaison_format_duration (lane->gap_ms);
  pending = liaison_format_duration (lane->silent_ms > 0 ? lane->silent_ms : lane->pending_ms);

  if (lane->silent_ms > 0)
    /* TRANSLATORS: the accessible description of a timeline lane: the client
     * IP, then its active and gap time and how long it has been silent */
    description = g_strdup_printf (_("%s: active %s, gap %s, silent for %s"),
                                   lane->label, active, gap, pending);
  else
    /* TRANSLATORS: the accessible description of a timeline lane: the client
     * IP, then its active, gap and pending time */
    description = g_strdup_printf (_("%s: active %s, gap %s, pending %s"),
                                   lane->label, active, gap, pending);
  if (lane->n_runs == 0)
    return g_steal_pointer (&description);

  /* TRANSLATORS: after a lane's netflow figures, its netstat activity runs */
  return g_strdup_printf (ngettext ("%s; seen by netstat in %u run", "%s; seen by netstat in %u runs", lane->n_runs),
                          description, lane->n_runs);
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

/* The segment from @from to @to, of @kind, told through the optional
 * @start and @end. */
static LiaisonTimelineKind
segment (LiaisonTimelineKind  kind,
         LiaisonTime          from,
         LiaisonTime          to,
         LiaisonTime         *start,
         LiaisonTime         *end)
{
  if (start != NULL)
    *start = from;
  if (end != NULL)
    *end = to;
  return kind;
}

/* The lane at @lane_index or, past the last, a lane with nothing in it:
 * the lookups below then find no segment there without a check of their
 * own. */
static const Lane *
lane_at (const LiaisonTimelineLanes *self,
         guint                       lane_index)
{
  static const Lane no_lane = { .first = LIAISON_TIME_NONE };

  return lane_index < self->n_lanes ? &self->lanes[lane_index] : &no_lane;
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
  const Lane *lane = lane_at (self, lane_index);
  guint k;

  if (lane->first == LIAISON_TIME_NONE || time < lane->first)
    return LIAISON_TIMELINE_NONE;

  if (time > lane->last)
    {
      if (lane->pending_ms > 0 && time <= lane->pending_end)
        return segment (LIAISON_TIMELINE_PENDING, lane->last, lane->pending_end, start, end);
      if (lane->silent_ms > 0 && time <= lane->silent_end)
        return segment (LIAISON_TIMELINE_SILENT, lane->last, lane->silent_end, start, end);
      return LIAISON_TIMELINE_NONE;
    }

  k = first_gap_ending_after (lane, time);
  if (k < lane->n_gaps && lane->gaps[k].from <= time && time < lane->gaps[k].to)
    return segment (LIAISON_TIMELINE_GAP, lane->gaps[k].from, lane->gaps[k].to, start, end);

  /* Between the gap before and the gap after (a gap ending exactly at
   * @time is behind it). */
  if (k < lane->n_gaps && lane->gaps[k].to <= time)
    k++;
  return segment (LIAISON_TIMELINE_ACTIVE, k > 0 ? lane->gaps[k - 1].to : lane->first,
                  k < lane->n_gaps ? lane->gaps[k].from : lane->last, start, end);
}

static guint
first_run_ending_after (const Lane  *lane,
                        LiaisonTime  time)
{
  return liaison_runs_find (lane->runs, lane->n_runs, time);
}

/**
 * liaison_timeline_lanes_run_at:
 * @start: (out) (optional): the start of the run
 * @end: (out) (optional): the end of the run
 *
 * Returns: %LIAISON_TIMELINE_RUN (or %LIAISON_TIMELINE_UNKNOWN_RUN for a
 *   first run not known in between) when a netstat run of @lane holds
 *   @time, else %LIAISON_TIMELINE_NONE
 */
LiaisonTimelineKind
liaison_timeline_lanes_run_at (const LiaisonTimelineLanes *self,
                               guint                       lane_index,
                               LiaisonTime                 time,
                               LiaisonTime                *start,
                               LiaisonTime                *end)
{
  const Lane *lane = lane_at (self, lane_index);
  guint k = first_run_ending_after (lane, time);

  if (k >= lane->n_runs || lane->runs[k].first > time)
    return LIAISON_TIMELINE_NONE;

  return segment (k == 0 && lane->first_run_unknown ? LIAISON_TIMELINE_UNKNOWN_RUN : LIAISON_TIMELINE_RUN,
                  lane->runs[k].first, lane->runs[k].last, start, end);
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

/* A track of a lane: where its bars are. */
typedef struct
{
  double y;
  double height;
} Track;

static void
add_segment (GArray                    *segments,
             const LiaisonTimelineView *view,
             double                     x0,
             double                     x1,
             const Track               *track,
             LiaisonTimelineKind        kind)
{
  LiaisonTimelineSegment segment;

  if ((kind == LIAISON_TIMELINE_ACTIVE || kind == LIAISON_TIMELINE_RUN || kind == LIAISON_TIMELINE_UNKNOWN_RUN) &&
      x1 - x0 < LIAISON_TIMELINE_MIN_BAR_WIDTH)
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
  segment.y = track->y;
  segment.height = track->height;
  if (kind == LIAISON_TIMELINE_GAP || kind == LIAISON_TIMELINE_SILENT)
    {
      segment.y = track->y + (track->height - GAP_HEIGHT) / 2;
      segment.height = GAP_HEIGHT;
    }
  else if (kind == LIAISON_TIMELINE_TICK || kind == LIAISON_TIMELINE_SEEN_TICK)
    {
      segment.x = x0 - 0.5;
      segment.width = 1;
      if (kind == LIAISON_TIMELINE_TICK)
        {
          segment.y = track->y + track->height - 3;
          segment.height = 3;
        }
    }
  segment.kind = kind;
  g_array_append_val (segments, segment);
}

/* The tracks of @lane at @top: the netflow bar and the netstat runs. */
static void
lane_tracks (const Lane *lane,
             double      top,
             Track      *netflow,
             Track      *netstat)
{
  netflow->y = top + LIAISON_TIMELINE_BAR_Y;
  netflow->height = LIAISON_TIMELINE_BAR_HEIGHT;
  *netstat = *netflow;
  if (lane->first != LIAISON_TIME_NONE && lane->n_runs > 0)
    {
      netflow->height = LIAISON_TIMELINE_SHARED_BAR_HEIGHT;
      netstat->y = top + LIAISON_TIMELINE_RUNS_Y;
      netstat->height = LIAISON_TIMELINE_RUNS_HEIGHT;
    }
}

/* The netflow spans of a lane in view: the tail first (pending, or the
 * silence after it), then each gap wide enough to see with the active
 * span before it, then the last active span. */
static void
add_spans (const Lane                *lane,
           const LiaisonTimelineView *view,
           const Track               *track,
           GArray                    *segments)
{
  const LiaisonTimeRuler *ruler = &view->ruler;
  LiaisonTime visible_start = liaison_time_ruler_x_to_time (ruler, -OVERDRAW);
  LiaisonTime visible_end = liaison_time_ruler_x_to_time (ruler, view->width + OVERDRAW);
  gint64 min_gap_ms = (gint64) ceil (MIN_GAP_WIDTH * liaison_time_ruler_ms_per_px (ruler));
  LiaisonTime cursor = lane->first;
  guint k;

  /* The tail first, so that the bars' rounded ends lie over it. */
  if (lane->pending_ms > 0)
    add_segment (segments, view,
                 liaison_time_ruler_time_to_x (ruler, lane->last),
                 liaison_time_ruler_time_to_x (ruler, lane->pending_end),
                 track, LIAISON_TIMELINE_PENDING);
  else if (lane->silent_ms > 0)
    add_segment (segments, view,
                 liaison_time_ruler_time_to_x (ruler, lane->last),
                 liaison_time_ruler_time_to_x (ruler, lane->silent_end),
                 track, LIAISON_TIMELINE_SILENT);

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
                       track, LIAISON_TIMELINE_GAP);
          add_segment (segments, view,
                       liaison_time_ruler_time_to_x (ruler, cursor),
                       liaison_time_ruler_time_to_x (ruler, gap->from),
                       track, LIAISON_TIMELINE_ACTIVE);
          cursor = gap->to;
        }
      k++;
    }

  add_segment (segments, view,
               liaison_time_ruler_time_to_x (ruler, cursor),
               liaison_time_ruler_time_to_x (ruler, lane->last),
               track, LIAISON_TIMELINE_ACTIVE);
}

/* The netstat runs of a lane in view; runs whose break is narrower than
 * MIN_GAP_WIDTH pixels draw as one bar. */
static void
add_runs (const Lane                *lane,
          const LiaisonTimelineView *view,
          const Track               *track,
          GArray                    *segments)
{
  const LiaisonTimeRuler *ruler = &view->ruler;
  LiaisonTime visible_start = liaison_time_ruler_x_to_time (ruler, -OVERDRAW);
  LiaisonTime visible_end = liaison_time_ruler_x_to_time (ruler, view->width + OVERDRAW);
  LiaisonTimelineKind kind = LIAISON_TIMELINE_NONE;
  double x0 = 0, x1 = 0;

  for (guint k = first_run_ending_after (lane, visible_start); k < lane->n_runs; k++)
    {
      const LiaisonRun *run = &lane->runs[k];
      double a = liaison_time_ruler_time_to_x (ruler, run->first);
      double b = liaison_time_ruler_time_to_x (ruler, run->last);
      LiaisonTimelineKind run_kind = k == 0 && lane->first_run_unknown ? LIAISON_TIMELINE_UNKNOWN_RUN
                                                                       : LIAISON_TIMELINE_RUN;

      if (run->first > visible_end)
        break;
      if (kind == run_kind && a - x1 < MIN_GAP_WIDTH)
        {
          x1 = MAX (x1, b);
          continue;
        }
      if (kind != LIAISON_TIMELINE_NONE)
        add_segment (segments, view, x0, x1, track, kind);
      kind = run_kind;
      x0 = a;
      x1 = b;
    }
  if (kind != LIAISON_TIMELINE_NONE)
    add_segment (segments, view, x0, x1, track, kind);
}

/* The sample moments in view as ticks on the netstat track, when there is
 * room for each: notches inside runs, marks of absence between them. */
static void
add_ticks (const LiaisonTimelineLanes *self,
           const Lane                 *lane,
           const LiaisonTimelineView  *view,
           const Track                *track,
           GArray                     *segments)
{
  const LiaisonTimeRuler *ruler = &view->ruler;
  LiaisonTime visible_start = liaison_time_ruler_x_to_time (ruler, 0);
  LiaisonTime visible_end = liaison_time_ruler_x_to_time (ruler, view->width);
  guint lo = 0, hi = self->n_moments, first, k;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (self->moments[mid] < visible_start)
        lo = mid + 1;
      else
        hi = mid;
    }
  first = lo;
  for (hi = first; hi < self->n_moments && self->moments[hi] <= visible_end; hi++)
    ;
  /* On average closer than MIN_TICK_SPACE pixels: too close to draw. */
  if (hi - first >= 2 &&
      liaison_time_ruler_time_to_x (ruler, self->moments[hi - 1]) - liaison_time_ruler_time_to_x (ruler, self->moments[first]) <
      (hi - first - 1) * LIAISON_TIMELINE_MIN_TICK_SPACE)
    return;

  k = first_run_ending_after (lane, visible_start);
  for (guint i = first; i < hi; i++)
    {
      LiaisonTime moment = self->moments[i];

      while (k < lane->n_runs && lane->runs[k].last < moment)
        k++;
      /* Before the first run and after the last, the client was not there
       * yet or any more: only the runs' own surroundings are marked. */
      if (lane->n_runs == 0 || moment < lane->runs[0].first)
        continue;
      add_segment (segments, view,
                   liaison_time_ruler_time_to_x (ruler, moment),
                   liaison_time_ruler_time_to_x (ruler, moment),
                   track,
                   k < lane->n_runs && lane->runs[k].first <= moment ? LIAISON_TIMELINE_SEEN_TICK
                                                                     : LIAISON_TIMELINE_TICK);
    }
}

/**
 * liaison_timeline_lanes_add_segments:
 * @segments: (element-type LiaisonTimelineSegment): where to add them
 *
 * Adds the rectangles of @lane that are in view: its netflow spans (the
 * pending tail first, then each gap wide enough to see with the active
 * span before it, then the last active span), then its netstat runs and
 * the ticks of the sample moments among them.
 */
void
liaison_timeline_lanes_add_segments (const LiaisonTimelineLanes *self,
                                     const LiaisonTimelineView  *view,
                                     guint                       lane_index,
                                     GArray                     *segments)
{
  const Lane *lane;
  Track netflow, netstat;

  g_return_if_fail (lane_index < self->n_lanes);

  lane = &self->lanes[lane_index];
  lane_tracks (lane, liaison_timeline_lanes_top (view, lane_index), &netflow, &netstat);
  if (lane->first != LIAISON_TIME_NONE)
    add_spans (lane, view, &netflow, segments);
  if (lane->n_runs > 0)
    {
      add_runs (lane, view, &netstat, segments);
      add_ticks (self, lane, view, &netstat, segments);
    }
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

  /* The netstat track: the whole row of a lane with runs only, else from
   * just above its bar down. */
  {
    const Lane *l = &self->lanes[hit->lane];
    double top = liaison_timeline_lanes_top (view, hit->lane);
    gboolean runs = l->n_runs > 0 && (l->first == LIAISON_TIME_NONE || y >= top + LIAISON_TIMELINE_RUNS_Y - 1);
    LiaisonTimelineKind (*kind_at) (const LiaisonTimelineLanes *, guint, LiaisonTime, LiaisonTime *, LiaisonTime *) =
      runs ? liaison_timeline_lanes_run_at : liaison_timeline_lanes_kind_at;

    hit->kind = kind_at (self, hit->lane, time, &hit->start, &hit->end);
    if (hit->kind == LIAISON_TIMELINE_NONE)
      {
        gint64 slack = (gint64) ceil (LIAISON_TIMELINE_MIN_BAR_WIDTH * liaison_time_ruler_ms_per_px (&view->ruler));

        hit->kind = kind_at (self, hit->lane, time + slack, &hit->start, &hit->end);
        if (hit->kind == LIAISON_TIMELINE_NONE)
          hit->kind = kind_at (self, hit->lane, time - slack, &hit->start, &hit->end);
      }
  }

  return TRUE;
}

/* What a segment's tooltip calls each kind, with a note where the kind needs
 * one; the kinds without a title (none, the ticks) describe the lane. */
static const struct
{
  const char *title;
  const char *note;
} kind_texts[] = {
  [LIAISON_TIMELINE_ACTIVE] = { N_("Active"), NULL },
  [LIAISON_TIMELINE_GAP] = { N_("Gap"), NULL },
  [LIAISON_TIMELINE_PENDING] = { N_("Pending"), N_("Not classified until the next sample") },
  [LIAISON_TIMELINE_SILENT] = { N_("Silent"),
                                N_("Not seen for longer than a sample interval, up to the end of the newest sample") },
  [LIAISON_TIMELINE_RUN] = { N_("Seen by Netstat"), NULL },
  [LIAISON_TIMELINE_UNKNOWN_RUN] = { N_("Seen by Netstat"),
                                     N_("Not known in between: recorded before Liaison kept activity runs") },
};

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
  const char *note;

  g_return_val_if_fail (hit->lane < self->n_lanes, NULL);

  title = hit->kind < G_N_ELEMENTS (kind_texts) ? kind_texts[hit->kind].title : NULL;
  if (title == NULL)
    {
      g_autofree char *description = liaison_timeline_lanes_describe (self, hit->lane);

      return g_markup_escape_text (description, -1);
    }
  title = _(title);
  note = kind_texts[hit->kind].note;
  if (note != NULL)
    note = _(note);

  escaped = g_markup_escape_text (self->lanes[hit->lane].label, -1);
  from = liaison_format_time (hit->start);
  to = liaison_format_time (hit->end);
  duration = liaison_format_duration (hit->end - hit->start);
  /* TRANSLATORS: the tooltip of a timeline segment: its kind (Active, Gap,
   * Pending), the client IP, its start, end and duration */
  markup = g_strdup_printf (_("<b>%s</b> · %s\nFrom %s\nTo %s\nDuration %s"),
                            title, escaped, from, to, duration);
  if (note == NULL)
    return g_steal_pointer (&markup);

  return g_strconcat (markup, "\n<small>", note, "</small>", NULL);
}
