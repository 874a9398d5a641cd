/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-timeline"

#include "config.h"

#include <math.h>

#include "liaison-timeline-private.h"

/*
 * How the timeline is moved through, as people expect of a chart inside a
 * page: the plain wheel is the page's (it scrolls the page, never the
 * chart), Ctrl+wheel and a pinch zoom around the pointer, Shift+wheel and
 * a sideways swipe pan through time, a drag pans through time and through
 * the lanes; the lanes also scroll by their scrollbar and Up/Down. A click
 * on a lane activates it; a drag on the axis selects a time range. The
 * keys and the page's buttons zoom and pan through actions.
 */

#define DRAG_THRESHOLD 4.0

static void
pan (LiaisonTimeline *self,
     double           dx_pixels,
     double           dy_pixels)
{
  double shift = dx_pixels * (self->view_end - self->view_start) / _liaison_timeline_get_plot_width (self);

  self->fit = FALSE;
  self->view_start += shift;
  self->view_end += shift;
  self->v_offset = CLAMP (self->v_offset + dy_pixels, 0, _liaison_timeline_get_max_v_offset (self));
  _liaison_timeline_view_changed (self);
}

static void
motion_cb (LiaisonTimeline          *self,
           double                    x,
           double                    y,
           GtkEventControllerMotion *controller)
{
  self->pointer_x = x;
  self->pointer_y = y;
}

/**
 * liaison_timeline_scroll:
 * @dx: the wheel's or the touchpad's horizontal steps
 * @dy: its vertical steps
 * @state: the modifiers held
 * @handled: (out): whether the timeline took the scroll; when not, it
 *   goes on to the page around it
 *
 * What a scroll over the timeline does, at the pointer.
 */
void
liaison_timeline_scroll (LiaisonTimeline *self,
                         double           dx,
                         double           dy,
                         GdkModifierType  state,
                         gboolean        *handled)
{
  g_return_if_fail (LIAISON_IS_TIMELINE (self));

  *handled = TRUE;
  if (state & GDK_CONTROL_MASK)
    liaison_timeline_zoom (self, pow (1.2, -dy), self->pointer_x);
  else if (state & GDK_SHIFT_MASK)
    pan (self, (dx != 0 ? dx : dy) * 40, 0);
  else if (dx != 0 && fabs (dx) >= fabs (dy))
    pan (self, dx * 40, 0);
  else
    *handled = FALSE;
}

static gboolean
scroll_cb (LiaisonTimeline          *self,
           double                    dx,
           double                    dy,
           GtkEventControllerScroll *controller)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));
  gboolean handled;

  liaison_timeline_scroll (self, dx, dy, state, &handled);
  return handled;
}

/**
 * liaison_timeline_click:
 *
 * A click at (@x, @y) without a drag: on a lane, it is activated; on the
 * axis, it clears the time range selected there.
 */
void
liaison_timeline_click (LiaisonTimeline *self,
                        double           x,
                        double           y)
{
  double lane;

  g_return_if_fail (LIAISON_IS_TIMELINE (self));

  if (y < LIAISON_TIMELINE_AXIS_HEIGHT)
    {
      if (self->range_start != LIAISON_TIME_NONE)
        _liaison_timeline_select_range (self, LIAISON_TIME_NONE, LIAISON_TIME_NONE, TRUE);
      return;
    }
  lane = (y - LIAISON_TIMELINE_AXIS_HEIGHT + self->v_offset) / LIAISON_TIMELINE_LANE_HEIGHT;
  if (lane >= 0)
    _liaison_timeline_activate_lane (self, (guint) lane);
}

static void
click_released_cb (LiaisonTimeline *self,
                   int              n_press,
                   double           x,
                   double           y,
                   GtkGestureClick *gesture)
{
  if (n_press == 1)
    liaison_timeline_click (self, x, y);
}

/**
 * liaison_timeline_drag:
 * @x: where the drag began
 * @y: where the drag began
 * @dx: how far it went
 * @dy: how far it went
 *
 * A drag: from the axis it selects the time range it covers (announced
 * when the drag ends: see liaison-timeline.c); from the lanes it pans.
 * Call with @dx and @dy 0 to begin it.
 */
void
liaison_timeline_drag (LiaisonTimeline *self,
                       double           x,
                       double           y,
                       double           dx,
                       double           dy)
{
  g_return_if_fail (LIAISON_IS_TIMELINE (self));

  if (dx == 0 && dy == 0)
    {
      self->selecting = y < LIAISON_TIMELINE_AXIS_HEIGHT;
      self->drag_view_start = self->view_start;
      self->drag_view_end = self->view_end;
      self->drag_v_offset = self->v_offset;
      return;
    }

  if (self->selecting)
    {
      _liaison_timeline_select_range (self, liaison_timeline_x_to_time (self, x),
                                      liaison_timeline_x_to_time (self, x + dx), FALSE);
      return;
    }

  {
    double shift = -dx * (self->drag_view_end - self->drag_view_start) / _liaison_timeline_get_plot_width (self);

    self->fit = FALSE;
    self->view_start = self->drag_view_start + shift;
    self->view_end = self->drag_view_end + shift;
    self->v_offset = CLAMP (self->drag_v_offset - dy, 0, _liaison_timeline_get_max_v_offset (self));
    _liaison_timeline_view_changed (self);
  }
}

static void
drag_begin_cb (LiaisonTimeline *self,
               double           x,
               double           y,
               GtkGestureDrag  *gesture)
{
  liaison_timeline_drag (self, x, y, 0, 0);
}

static void
drag_update_cb (LiaisonTimeline *self,
                double           dx,
                double           dy,
                GtkGestureDrag  *gesture)
{
  double x, y;

  if (fabs (dx) < DRAG_THRESHOLD && fabs (dy) < DRAG_THRESHOLD)
    return;
  gtk_gesture_drag_get_start_point (gesture, &x, &y);
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), self->selecting ? "col-resize" : "grabbing");
  liaison_timeline_drag (self, x, y, dx, dy);
}

/**
 * liaison_timeline_drag_end:
 *
 * The end of a drag that went @dx and @dy: a time range selected on the
 * axis is announced.
 */
void
liaison_timeline_drag_end (LiaisonTimeline *self,
                           double           dx,
                           double           dy)
{
  g_return_if_fail (LIAISON_IS_TIMELINE (self));

  if (self->selecting && fabs (dx) >= DRAG_THRESHOLD)
    _liaison_timeline_select_range (self, self->range_start, self->range_end, TRUE);
  self->selecting = FALSE;
}

static void
drag_end_cb (LiaisonTimeline *self,
             double           dx,
             double           dy,
             GtkGestureDrag  *gesture)
{
  gtk_widget_set_cursor (GTK_WIDGET (self), NULL);
  liaison_timeline_drag_end (self, dx, dy);
}

static void
zoom_begin_cb (LiaisonTimeline  *self,
               GdkEventSequence *sequence,
               GtkGesture       *gesture)
{
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
  double middle = LIAISON_TIMELINE_PAD_X + _liaison_timeline_get_plot_width (self) / 2;

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

  if (g_str_equal (action_name, "timeline.lane-up"))
    pan (self, 0, -LIAISON_TIMELINE_LANE_HEIGHT);
  else if (g_str_equal (action_name, "timeline.lane-down"))
    pan (self, 0, LIAISON_TIMELINE_LANE_HEIGHT);
  else
    pan (self, (g_str_equal (action_name, "timeline.pan-left") ? -1 : 1) *
               _liaison_timeline_get_plot_width (self) / 8, 0);
}

/* The timeline's actions, each with the keys that run it. */
static const struct
{
  const char                  *name;
  GtkWidgetActionActivateFunc  activate;
  guint                        keys[3];
} actions[] = {
  { "timeline.zoom-in", zoom_action, { GDK_KEY_plus, GDK_KEY_equal, GDK_KEY_KP_Add } },
  { "timeline.zoom-out", zoom_action, { GDK_KEY_minus, GDK_KEY_KP_Subtract } },
  { "timeline.zoom-to-fit", zoom_action, { GDK_KEY_0, GDK_KEY_Home } },
  { "timeline.pan-left", pan_action, { GDK_KEY_Left } },
  { "timeline.pan-right", pan_action, { GDK_KEY_Right } },
  { "timeline.lane-up", pan_action, { GDK_KEY_Up } },
  { "timeline.lane-down", pan_action, { GDK_KEY_Down } },
};

void
_liaison_timeline_class_init_input (GtkWidgetClass *widget_class)
{
  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    {
      gtk_widget_class_install_action (widget_class, actions[i].name, NULL, actions[i].activate);
      for (guint k = 0; k < G_N_ELEMENTS (actions[i].keys) && actions[i].keys[k] != 0; k++)
        gtk_widget_class_add_binding_action (widget_class, actions[i].keys[k], 0, actions[i].name, NULL);
    }
}

void
_liaison_timeline_init_input (LiaisonTimeline *self)
{
  GtkEventController *controller;
  GtkGesture *gesture;

  controller = gtk_event_controller_motion_new ();
  g_signal_connect_swapped (controller, "enter", G_CALLBACK (motion_cb), self);
  g_signal_connect_swapped (controller, "motion", G_CALLBACK (motion_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  g_signal_connect_swapped (controller, "scroll", G_CALLBACK (scroll_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  gesture = gtk_gesture_click_new ();
  g_signal_connect_swapped (gesture, "released", G_CALLBACK (click_released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_drag_new ();
  g_signal_connect_swapped (gesture, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect_swapped (gesture, "drag-update", G_CALLBACK (drag_update_cb), self);
  g_signal_connect_swapped (gesture, "drag-end", G_CALLBACK (drag_end_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_zoom_new ();
  g_signal_connect_swapped (gesture, "begin", G_CALLBACK (zoom_begin_cb), self);
  g_signal_connect_swapped (gesture, "scale-changed", G_CALLBACK (zoom_scale_changed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));
}
