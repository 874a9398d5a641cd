/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-client-lane"

#include "config.h"

#include "liaison-client-lane.h"
#include "liaison-timeline-paint.h"

/*
 * The small lane of a row of the client table: the client's netflow spans
 * and netstat runs on the timeline's time axis, drawn by the timeline's
 * own geometry and paint, centred in the row. Its accessible name says
 * what it shows.
 */

#define HEIGHT 24.0

struct _LiaisonClientLane
{
  GtkWidget             parent_instance;

  LiaisonTimelineLanes *lanes;
  double                start;
  double                end;
  GArray               *segments;
  gboolean              valid;
};

G_DEFINE_FINAL_TYPE (LiaisonClientLane, liaison_client_lane, GTK_TYPE_WIDGET)

static void
invalidate (LiaisonClientLane *self)
{
  self->valid = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* @row: (nullable): the row whose lane to show */
void
liaison_client_lane_set_row (LiaisonClientLane *self,
                             LiaisonClientRow  *row)
{
  g_return_if_fail (LIAISON_IS_CLIENT_LANE (self));

  g_clear_pointer (&self->lanes, liaison_timeline_lanes_free);
  if (row != NULL)
    {
      LiaisonTimelineLane lane = liaison_client_row_get_lane (row);
      g_autofree char *description = NULL;

      self->lanes = liaison_timeline_lanes_new (&lane, 1);
      description = liaison_timeline_lanes_describe (self->lanes, 0);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, description, -1);
    }
  invalidate (self);
}

/* The time range across the lane, in milliseconds. */
void
liaison_client_lane_set_axis (LiaisonClientLane *self,
                              double             start,
                              double             end)
{
  g_return_if_fail (LIAISON_IS_CLIENT_LANE (self));

  if (start == self->start && end == self->end)
    return;
  self->start = start;
  self->end = end;
  invalidate (self);
}

static void
liaison_client_lane_snapshot (GtkWidget   *widget,
                              GtkSnapshot *snapshot)
{
  LiaisonClientLane *self = LIAISON_CLIENT_LANE (widget);
  double width = gtk_widget_get_width (widget);
  LiaisonTimelineColors colors;

  if (self->lanes == NULL || width <= 0 || self->end <= self->start)
    return;

  if (!self->valid)
    {
      /* The lane's bar, centred: its row starts above the widget. */
      LiaisonTimelineView view = {
        .ruler = { self->start, self->end, 0, width },
        .width = width,
        .height = LIAISON_TIMELINE_AXIS_HEIGHT + LIAISON_TIMELINE_LANE_HEIGHT,
        .v_offset = LIAISON_TIMELINE_AXIS_HEIGHT + LIAISON_TIMELINE_BAR_Y -
                    (gtk_widget_get_height (widget) - LIAISON_TIMELINE_BAR_HEIGHT) / 2,
      };

      g_array_set_size (self->segments, 0);
      liaison_timeline_lanes_add_segments (self->lanes, &view, 0, self->segments);
      self->valid = TRUE;
    }

  liaison_timeline_colors_lookup (widget, &colors);
  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, gtk_widget_get_height (widget)));
  liaison_timeline_paint_segments (snapshot, self->segments, &colors);
  gtk_snapshot_pop (snapshot);
}

static void
liaison_client_lane_measure (GtkWidget      *widget,
                             GtkOrientation  orientation,
                             int             for_size,
                             int            *minimum,
                             int            *natural,
                             int            *minimum_baseline,
                             int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 60;
      *natural = 160;
    }
  else
    *minimum = *natural = (int) HEIGHT;
}

static void
liaison_client_lane_size_allocate (GtkWidget *widget,
                                   int        width,
                                   int        height,
                                   int        baseline)
{
  LIAISON_CLIENT_LANE (widget)->valid = FALSE;
}

static void
liaison_client_lane_finalize (GObject *object)
{
  LiaisonClientLane *self = LIAISON_CLIENT_LANE (object);

  g_clear_pointer (&self->lanes, liaison_timeline_lanes_free);
  g_clear_pointer (&self->segments, g_array_unref);

  G_OBJECT_CLASS (liaison_client_lane_parent_class)->finalize (object);
}

static void
liaison_client_lane_class_init (LiaisonClientLaneClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = liaison_client_lane_finalize;
  widget_class->snapshot = liaison_client_lane_snapshot;
  widget_class->measure = liaison_client_lane_measure;
  widget_class->size_allocate = liaison_client_lane_size_allocate;

  gtk_widget_class_set_css_name (widget_class, "clientlane");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
liaison_client_lane_init (LiaisonClientLane *self)
{
  self->segments = g_array_new (FALSE, FALSE, sizeof (LiaisonTimelineSegment));
  self->start = 0;
  self->end = 1;
}

GtkWidget *
liaison_client_lane_new (void)
{
  return g_object_new (LIAISON_TYPE_CLIENT_LANE, NULL);
}
