/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "liaison-span.h"
#include "liaison-time.h"

G_BEGIN_DECLS

/* One lane as the timeline is fed: plain data, no database. The timeline
 * copies what it needs. */
typedef struct
{
  const char       *label;        /* the client IP */
  LiaisonTime       first;        /* LIAISON_TIME_NONE: no netflow spans */
  LiaisonTime       last;
  const LiaisonGap *gaps;         /* time order, between first and last */
  guint             n_gaps;
  LiaisonTime       pending_end;  /* LIAISON_TIME_NONE or <= last: nothing pending */
} LiaisonTimelineLane;

typedef enum
{
  LIAISON_TIMELINE_NONE,
  LIAISON_TIMELINE_ACTIVE,
  LIAISON_TIMELINE_GAP,
  LIAISON_TIMELINE_PENDING,
} LiaisonTimelineKind;

#define LIAISON_TYPE_TIMELINE (liaison_timeline_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonTimeline, liaison_timeline, LIAISON, TIMELINE, GtkWidget)

GtkWidget          *liaison_timeline_new                (void);
void                liaison_timeline_set_lanes          (LiaisonTimeline           *self,
                                                         const LiaisonTimelineLane *lanes,
                                                         guint                      n_lanes);
guint               liaison_timeline_get_n_lanes        (LiaisonTimeline           *self);
char               *liaison_timeline_dup_lane_description (LiaisonTimeline         *self,
                                                         guint                      lane);
void                liaison_timeline_zoom_to_fit        (LiaisonTimeline           *self);
void                liaison_timeline_zoom               (LiaisonTimeline           *self,
                                                         double                     factor,
                                                         double                     x);
void                liaison_timeline_set_visible_range  (LiaisonTimeline           *self,
                                                         LiaisonTime                start,
                                                         LiaisonTime                end);
void                liaison_timeline_get_visible_range  (LiaisonTimeline           *self,
                                                         LiaisonTime               *start,
                                                         LiaisonTime               *end);
double              liaison_timeline_time_to_x          (LiaisonTimeline           *self,
                                                         LiaisonTime                time);
LiaisonTime         liaison_timeline_x_to_time          (LiaisonTimeline           *self,
                                                         double                     x);
double              liaison_timeline_get_lane_y         (LiaisonTimeline           *self,
                                                         guint                      lane);
LiaisonTimelineKind liaison_timeline_kind_at            (LiaisonTimeline           *self,
                                                         guint                      lane,
                                                         LiaisonTime                time,
                                                         LiaisonTime               *start,
                                                         LiaisonTime               *end);

G_END_DECLS
