/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-timeline"

#include "config.h"

#include <math.h>

#include "liaison-timeline-private.h"

/*
 * How the timeline is moved through: the wheel pans (through time when
 * there is nothing to scroll vertically), Shift+wheel pans through time,
 * Ctrl+wheel and a pinch zoom around the pointer, a drag pans both ways,
 * and the keys and the page's buttons zoom and pan through actions.
 */

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
  else if (_liaison_timeline_get_max_v_offset (self) <= 0 && dx == 0)
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
  double shift = -dx * (self->drag_view_end - self->drag_view_start) / _liaison_timeline_get_plot_width (self);

  self->fit = FALSE;
  self->view_start = self->drag_view_start + shift;
  self->view_end = self->drag_view_end + shift;
  self->v_offset = CLAMP (self->drag_v_offset - dy, 0, _liaison_timeline_get_max_v_offset (self));
  _liaison_timeline_view_changed (self);
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
  double direction = g_str_equal (action_name, "timeline.pan-left") ? -1 : 1;

  pan (self, direction * _liaison_timeline_get_plot_width (self) / 8, 0);
}

void
_liaison_timeline_class_init_input (GtkWidgetClass *widget_class)
{
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
