/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "liaison-timeline.h"
#include "liaison-timeline-paint.h"

G_BEGIN_DECLS

struct _LiaisonTimeline
{
  GtkWidget             parent_instance;

  LiaisonTimelineLanes *lanes;
  GPtrArray            *lane_labels;  /* PangoLayout, made when the lane first shows */

  double                view_start;
  double                view_end;
  double                v_offset;
  gboolean              fit;

  /* the geometry: valid when geometry_valid */
  gboolean              geometry_valid;
  GArray               *segments;     /* LiaisonTimelineSegment */
  GArray               *ticks;        /* Tick */
  PangoLayout          *edge_date;
  guint                 first_visible;
  guint                 end_visible;
  GskRenderNode        *lanes_node;
  LiaisonTimelineColors node_colors;

  /* interaction */
  double                pointer_x;
  double                pointer_y;
  double                drag_view_start;
  double                drag_view_end;
  double                drag_v_offset;
  double                zoom_scale;
  gboolean              selecting;    /* a drag on the axis selects a time range */
  LiaisonTime           range_start;  /* the selected range, LIAISON_TIME_NONE: none */
  LiaisonTime           range_end;
  guint                 selected_lane;

  GtkAdjustment        *vadjustment;  /* the lanes' scroll, for a scrollbar */
  GArray               *moments;      /* LiaisonTime: the listener's sample moments */
  gboolean              syncing_adjustment;
};

/* For the sibling that moves the view: liaison-timeline-input.c */

double              _liaison_timeline_get_plot_width      (LiaisonTimeline *self);
double              _liaison_timeline_get_max_v_offset    (LiaisonTimeline *self);
void                _liaison_timeline_view_changed        (LiaisonTimeline *self);
void                _liaison_timeline_set_v_offset        (LiaisonTimeline *self,
                                                           double           v_offset);
void                _liaison_timeline_activate_lane       (LiaisonTimeline *self,
                                                           guint            lane);
void                _liaison_timeline_select_range        (LiaisonTimeline *self,
                                                           LiaisonTime      start,
                                                           LiaisonTime      end,
                                                           gboolean         done);
void                _liaison_timeline_class_init_input    (GtkWidgetClass  *widget_class);
void                _liaison_timeline_init_input          (LiaisonTimeline *self);

/* What the tests look at and steer, as a user would with the pointer. */

GtkWidget          *liaison_timeline_new                  (void);
void                liaison_timeline_scroll               (LiaisonTimeline *self,
                                                           double           dx,
                                                           double           dy,
                                                           GdkModifierType  state,
                                                           gboolean        *handled);
void                liaison_timeline_click                (LiaisonTimeline *self,
                                                           double           x,
                                                           double           y);
void                liaison_timeline_drag                 (LiaisonTimeline *self,
                                                           double           x,
                                                           double           y,
                                                           double           dx,
                                                           double           dy);
void                liaison_timeline_drag_end             (LiaisonTimeline *self,
                                                           double           dx,
                                                           double           dy);
guint               liaison_timeline_get_n_lanes          (LiaisonTimeline *self);
char               *liaison_timeline_dup_lane_description (LiaisonTimeline *self,
                                                           guint            lane);
void                liaison_timeline_zoom                 (LiaisonTimeline *self,
                                                           double           factor,
                                                           double           x);
void                liaison_timeline_set_visible_range    (LiaisonTimeline *self,
                                                           LiaisonTime      start,
                                                           LiaisonTime      end);
void                liaison_timeline_get_visible_range    (LiaisonTimeline *self,
                                                           LiaisonTime     *start,
                                                           LiaisonTime     *end);
double              liaison_timeline_time_to_x            (LiaisonTimeline *self,
                                                           LiaisonTime      time);
LiaisonTime         liaison_timeline_x_to_time            (LiaisonTimeline *self,
                                                           double           x);
double              liaison_timeline_get_lane_y           (LiaisonTimeline *self,
                                                           guint            lane);
const char         *liaison_timeline_get_tick_label       (LiaisonTimeline *self,
                                                           guint            tick);
char               *liaison_timeline_dup_tooltip_markup   (LiaisonTimeline *self,
                                                           double           x,
                                                           double           y,
                                                           GdkRectangle    *area);

G_END_DECLS
