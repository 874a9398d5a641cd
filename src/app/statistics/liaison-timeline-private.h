/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "liaison-timeline.h"

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
  GdkRGBA               node_colors[2];

  /* interaction */
  double                pointer_x;
  double                pointer_y;
  double                drag_view_start;
  double                drag_view_end;
  double                drag_v_offset;
  double                zoom_scale;
};

/* For the sibling that moves the view: liaison-timeline-input.c */

double              _liaison_timeline_get_plot_width      (LiaisonTimeline *self);
double              _liaison_timeline_get_max_v_offset    (LiaisonTimeline *self);
void                _liaison_timeline_view_changed        (LiaisonTimeline *self);
void                _liaison_timeline_class_init_input    (GtkWidgetClass  *widget_class);
void                _liaison_timeline_init_input          (LiaisonTimeline *self);

/* What the tests look at and steer, as a user would with the pointer. */

GtkWidget          *liaison_timeline_new                  (void);
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
