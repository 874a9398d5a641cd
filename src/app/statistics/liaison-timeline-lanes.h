/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "liaison-runs.h"
#include "liaison-span.h"
#include "liaison-time-ruler.h"
#include "liaison-time.h"

G_BEGIN_DECLS

/* One lane as the timeline is fed: plain data, no database. The lanes
 * copy what they need. A lane shows a client's netflow spans and its
 * netstat activity runs, each on a track of its own when it has both. */
typedef struct
{
  const char       *label;        /* the client IP */
  LiaisonTime       first;        /* LIAISON_TIME_NONE: no netflow spans */
  LiaisonTime       last;
  const LiaisonGap *gaps;         /* time order, between first and last */
  guint             n_gaps;
  LiaisonTime       pending_end;  /* LIAISON_TIME_NONE or <= last: nothing pending */
  const LiaisonRun *runs;         /* netstat activity runs, time order */
  guint             n_runs;
  gboolean          first_run_unknown; /* the first run predates runs: not known in between */
  LiaisonTime       silent_end;   /* 0, LIAISON_TIME_NONE or <= last: not silent */
} LiaisonTimelineLane;

typedef enum
{
  LIAISON_TIMELINE_NONE,
  LIAISON_TIMELINE_ACTIVE,
  LIAISON_TIMELINE_GAP,
  LIAISON_TIMELINE_PENDING,
  LIAISON_TIMELINE_SILENT,        /* after the netflow tail, longer than an interval: an open gap */
  LIAISON_TIMELINE_RUN,           /* a netstat activity run */
  LIAISON_TIMELINE_UNKNOWN_RUN,   /* a first run not known in between */
  LIAISON_TIMELINE_TICK,          /* a sample moment that did not see the client */
  LIAISON_TIMELINE_SEEN_TICK,     /* a sample moment inside a run */
} LiaisonTimelineKind;

/* Where things are, in pixels: the axis above the lanes, then one lane
 * under the other, each with its label and, below that, its bar; the plot
 * leaves a margin left and right. */
#define LIAISON_TIMELINE_PAD_X          12.0
#define LIAISON_TIMELINE_AXIS_HEIGHT    44.0
#define LIAISON_TIMELINE_LANE_HEIGHT    40.0
#define LIAISON_TIMELINE_LABEL_Y         5.0   /* from the lane's top */
#define LIAISON_TIMELINE_BAR_Y          21.0   /* from the lane's top */
#define LIAISON_TIMELINE_BAR_HEIGHT     14.0
#define LIAISON_TIMELINE_MIN_BAR_WIDTH   3.0   /* shorter active spans are drawn this wide */
/* A lane with both: the netflow bar on top, the netstat track under it. */
#define LIAISON_TIMELINE_SHARED_BAR_HEIGHT 7.0
#define LIAISON_TIMELINE_RUNS_Y         30.0   /* from the lane's top */
#define LIAISON_TIMELINE_RUNS_HEIGHT     5.0
#define LIAISON_TIMELINE_MIN_TICK_SPACE  5.0   /* closer sample moments are not drawn */

/* What is in view: the time ruler across, the widget's size, and how far
 * the lanes are scrolled up under the axis. */
typedef struct
{
  LiaisonTimeRuler ruler;
  double           width;
  double           height;
  double           v_offset;
} LiaisonTimelineView;

/* A rectangle of one kind, ready to fill. */
typedef struct
{
  float               x;
  float               y;
  float               width;
  float               height;
  LiaisonTimelineKind kind;
} LiaisonTimelineSegment;

/* What is under a point of the lanes. */
typedef struct
{
  guint               lane;
  LiaisonTimelineKind kind;   /* NONE: in the lane, on none of its segments */
  LiaisonTime         start;  /* the segment's */
  LiaisonTime         end;
} LiaisonTimelineHit;

typedef struct _LiaisonTimelineLanes LiaisonTimelineLanes;

LiaisonTimelineLanes *liaison_timeline_lanes_new          (const LiaisonTimelineLane  *lanes,
                                                           guint                       n_lanes);
void                  liaison_timeline_lanes_set_moments  (LiaisonTimelineLanes       *self,
                                                           const LiaisonTime          *moments,
                                                           guint                       n_moments);
void                  liaison_timeline_lanes_free         (LiaisonTimelineLanes       *self);
guint                 liaison_timeline_lanes_get_n_lanes  (const LiaisonTimelineLanes *self);
const char           *liaison_timeline_lanes_get_label    (const LiaisonTimelineLanes *self,
                                                           guint                       lane);
gboolean              liaison_timeline_lanes_has_spans    (const LiaisonTimelineLanes *self);
void                  liaison_timeline_lanes_fit          (const LiaisonTimelineLanes *self,
                                                           double                     *start,
                                                           double                     *end);
char                 *liaison_timeline_lanes_describe     (const LiaisonTimelineLanes *self,
                                                           guint                       lane);
char                 *liaison_timeline_lanes_describe_all (const LiaisonTimelineLanes *self);
LiaisonTimelineKind   liaison_timeline_lanes_kind_at      (const LiaisonTimelineLanes *self,
                                                           guint                       lane,
                                                           LiaisonTime                 time,
                                                           LiaisonTime                *start,
                                                           LiaisonTime                *end);
LiaisonTimelineKind   liaison_timeline_lanes_run_at       (const LiaisonTimelineLanes *self,
                                                           guint                       lane,
                                                           LiaisonTime                 time,
                                                           LiaisonTime                *start,
                                                           LiaisonTime                *end);

double                liaison_timeline_lanes_max_v_offset (const LiaisonTimelineLanes *self,
                                                           const LiaisonTimelineView  *view);
double                liaison_timeline_lanes_top          (const LiaisonTimelineView  *view,
                                                           guint                       lane);
void                  liaison_timeline_lanes_visible      (const LiaisonTimelineLanes *self,
                                                           const LiaisonTimelineView  *view,
                                                           guint                      *first,
                                                           guint                      *end);
void                  liaison_timeline_lanes_add_segments (const LiaisonTimelineLanes *self,
                                                           const LiaisonTimelineView  *view,
                                                           guint                       lane,
                                                           GArray                     *segments);
gboolean              liaison_timeline_lanes_hit          (const LiaisonTimelineLanes *self,
                                                           const LiaisonTimelineView  *view,
                                                           double                      x,
                                                           double                      y,
                                                           LiaisonTimelineHit         *hit);
char                 *liaison_timeline_lanes_dup_tooltip  (const LiaisonTimelineLanes *self,
                                                           const LiaisonTimelineHit   *hit);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LiaisonTimelineLanes, liaison_timeline_lanes_free)

G_END_DECLS
