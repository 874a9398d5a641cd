/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-map-view"

#include "config.h"

#include <math.h>

#include "liaison-map-node-item.h"
#include "liaison-map-view-private.h"

/*
 * What the pointer, touch and the keyboard do to the map view:
 *
 * - drag (or scroll) pans; Ctrl+scroll and pinch zoom around the pointer;
 *   a click selects the node under it (or clears the selection), a double
 *   click activates it, a secondary click or a long press asks for its menu;
 *   hovering shows a node's or a line's figures in a tooltip;
 * - the keyboard goes through the nodes: Tab and Shift+Tab, Down and Up in
 *   reading order (columns of a layered map, left to right, each top to
 *   bottom), Left and Right to the nearest node that way, Home and End to
 *   the first and the last; Tab past the last node, or Ctrl+Tab, leaves the
 *   map. Enter or Space selects, Menu or Shift+F10 opens the node's menu,
 *   Escape clears the selection, + and - zoom, 0 fits.
 */

#define DRAG_THRESHOLD   4.0
#define HIT_TOLERANCE    5.0     /* pixels */
#define WHEEL_PAN        48.0    /* pixels a notch */

/* The node at (@x, @y) of the widget, else the line near it. */
static void
items_under (LiaisonMapView *self,
             double          x,
             double          y,
             guint          *node,
             guint          *link)
{
  double lx, ly;

  *node = *link = LIAISON_MAP_SCENE_NONE;
  if (self->scene == NULL)
    return;
  _liaison_map_view_to_layout (self, x, y, &lx, &ly);
  *node = liaison_map_scene_node_at (self->scene, lx, ly);
  if (*node == LIAISON_MAP_SCENE_NONE && link != NULL)
    *link = liaison_map_scene_link_at (self->scene, lx, ly, HIT_TOLERANCE / self->scale);
}

static guint
node_under (LiaisonMapView *self,
            double          x,
            double          y)
{
  guint node, link;

  items_under (self, x, y, &node, &link);
  return node;
}

/* Pointer ---------------------------------------------------------------------- */

static void
motion_cb (LiaisonMapView           *self,
           double                    x,
           double                    y,
           GtkEventControllerMotion *controller)
{
  guint node, link;

  self->pointer_x = x;
  self->pointer_y = y;
  if (self->dragging)
    return;
  items_under (self, x, y, &node, &link);
  _liaison_map_view_set_hover (self, node, link);
}

static void
leave_cb (LiaisonMapView *self)
{
  _liaison_map_view_set_hover (self, LIAISON_MAP_SCENE_NONE, LIAISON_MAP_SCENE_NONE);
}

static gboolean
scroll_cb (LiaisonMapView           *self,
           double                    dx,
           double                    dy,
           GtkEventControllerScroll *controller)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));
  gboolean wheel = gtk_event_controller_scroll_get_unit (controller) == GDK_SCROLL_UNIT_WHEEL;

  if (self->scene == NULL)
    return FALSE;
  if (state & GDK_CONTROL_MASK)
    {
      liaison_map_view_zoom (self, pow (wheel ? 1.2 : 1.01, -dy), self->pointer_x, self->pointer_y);
      return TRUE;
    }
  if (state & GDK_SHIFT_MASK && dx == 0)
    dx = dy, dy = 0;
  liaison_map_view_pan (self, -dx * (wheel ? WHEEL_PAN : 1), -dy * (wheel ? WHEEL_PAN : 1));
  return TRUE;
}

static void
select_at (LiaisonMapView *self,
           double          x,
           double          y)
{
  guint node = node_under (self, x, y);

  liaison_map_view_select (self, node);
  if (node != LIAISON_MAP_SCENE_NONE)
    gtk_widget_grab_focus (liaison_map_view_get_item (self, node));
}

static void
drag_begin_cb (LiaisonMapView *self,
               double          x,
               double          y,
               GtkGestureDrag *gesture)
{
  self->drag_offset_x = self->offset_x;
  self->drag_offset_y = self->offset_y;
  self->dragging = FALSE;
}

static void
drag_update_cb (LiaisonMapView *self,
                double          dx,
                double          dy,
                GtkGestureDrag *gesture)
{
  if (!self->dragging && hypot (dx, dy) < DRAG_THRESHOLD)
    return;
  if (!self->dragging)
    {
      self->dragging = TRUE;
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
      gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "grabbing");
      _liaison_map_view_set_hover (self, LIAISON_MAP_SCENE_NONE, LIAISON_MAP_SCENE_NONE);
    }
  liaison_map_view_pan (self, self->drag_offset_x + dx - self->offset_x, self->drag_offset_y + dy - self->offset_y);
}

static void
drag_end_cb (LiaisonMapView *self,
             double          dx,
             double          dy,
             GtkGestureDrag *gesture)
{
  double x, y;

  if (self->dragging)
    {
      self->dragging = FALSE;
      gtk_widget_set_cursor (GTK_WIDGET (self), NULL);
      return;
    }
  /* Not far enough to be a drag: a click. */
  if (gtk_gesture_drag_get_start_point (gesture, &x, &y))
    select_at (self, x + dx, y + dy);
}

static void
pressed_cb (LiaisonMapView  *self,
            int              n_press,
            double           x,
            double           y,
            GtkGestureClick *gesture)
{
  guint button = gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture));
  guint node = node_under (self, x, y);

  if (button == GDK_BUTTON_SECONDARY)
    {
      select_at (self, x, y);
      if (node != LIAISON_MAP_SCENE_NONE)
        g_signal_emit (self, liaison_map_view_signals[LIAISON_MAP_VIEW_CONTEXT_MENU], 0, node, x, y);
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
    }
  else if (n_press == 2 && node != LIAISON_MAP_SCENE_NONE)
    g_signal_emit (self, liaison_map_view_signals[LIAISON_MAP_VIEW_NODE_ACTIVATED], 0, node);
}

static void
long_pressed_cb (LiaisonMapView      *self,
                 double               x,
                 double               y,
                 GtkGestureLongPress *gesture)
{
  guint node = node_under (self, x, y);

  if (node == LIAISON_MAP_SCENE_NONE)
    return;
  select_at (self, x, y);
  g_signal_emit (self, liaison_map_view_signals[LIAISON_MAP_VIEW_CONTEXT_MENU], 0, node, x, y);
}

static void
zoom_begin_cb (LiaisonMapView *self,
               GdkEventSequence *sequence,
               GtkGesture     *gesture)
{
  self->zoom_start_scale = self->scale;
}

static void
zoom_scale_changed_cb (LiaisonMapView *self,
                       double          scale,
                       GtkGestureZoom *gesture)
{
  double x, y;

  if (scale <= 0 || self->zoom_start_scale <= 0 ||
      !gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &x, &y))
    return;
  liaison_map_view_zoom (self, self->zoom_start_scale * scale / self->scale, x, y);
}

/* Tooltips ------------------------------------------------------------------------- */

/**
 * liaison_map_view_dup_tooltip_markup:
 * @area: (out): where the tooltip holds
 *
 * Returns: (transfer full) (nullable): the figures of the node or the line
 *   at (@x, @y)
 */
char *
liaison_map_view_dup_tooltip_markup (LiaisonMapView *self,
                                     double          x,
                                     double          y,
                                     GdkRectangle   *area)
{
  guint node, link;

  items_under (self, x, y, &node, &link);
  if (node != LIAISON_MAP_SCENE_NONE)
    {
      double cx, cy;

      liaison_map_view_node_position (self, node, &cx, &cy);
      *area = (GdkRectangle) { (int) cx - 4, (int) cy - 4, 8, 8 };
      return liaison_map_scene_dup_node_tooltip (self->scene, node);
    }
  if (link != LIAISON_MAP_SCENE_NONE)
    {
      *area = (GdkRectangle) { (int) x - 2, (int) y - 2, 4, 4 };
      return liaison_map_scene_dup_link_tooltip (self->scene, link);
    }
  return NULL;
}

static gboolean
query_tooltip_cb (LiaisonMapView *self,
                  int             x,
                  int             y,
                  gboolean        keyboard,
                  GtkTooltip     *tooltip)
{
  g_autofree char *markup = NULL;
  GdkRectangle area;

  if (keyboard && self->focus_node != LIAISON_MAP_SCENE_NONE)
    {
      double cx, cy;

      liaison_map_view_node_position (self, self->focus_node, &cx, &cy);
      x = (int) cx, y = (int) cy;
    }
  markup = liaison_map_view_dup_tooltip_markup (self, x, y, &area);
  if (markup == NULL)
    return FALSE;
  gtk_tooltip_set_markup (tooltip, markup);
  gtk_tooltip_set_tip_area (tooltip, &area);
  return TRUE;
}

/* Keyboard ---------------------------------------------------------------------------- */

static guint
node_at_position (LiaisonMapView *self,
                  int             position)
{
  guint n = liaison_map_scene_get_n_nodes (self->scene);

  if (position < 0 || (guint) position >= n)
    return LIAISON_MAP_SCENE_NONE;
  return liaison_map_scene_node_at_position (self->scene, (guint) position);
}

/* The node @step places on from the focused one in reading order. */
static guint
step_node (LiaisonMapView *self,
           int             step)
{
  if (self->focus_node == LIAISON_MAP_SCENE_NONE)
    return node_at_position (self, 0);
  return node_at_position (self, (int) liaison_map_scene_get_position (self->scene, self->focus_node) + step);
}

static gboolean
key_pressed_cb (LiaisonMapView        *self,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkEventControllerKey *controller)
{
  guint n, node = LIAISON_MAP_SCENE_NONE;
  gboolean shift = (state & GDK_SHIFT_MASK) != 0;
  GdkModifierType mods = state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK);

  if (self->scene == NULL || (n = liaison_map_scene_get_n_nodes (self->scene)) == 0)
    return FALSE;

  /* Zoom, with or without Ctrl (the page has Ctrl+± too). */
  if ((mods & ~GDK_CONTROL_MASK) == 0)
    switch (keyval)
      {
      case GDK_KEY_plus:
      case GDK_KEY_equal:
      case GDK_KEY_KP_Add:
        liaison_map_view_zoom_step (self, 1);
        return TRUE;
      case GDK_KEY_minus:
      case GDK_KEY_KP_Subtract:
        liaison_map_view_zoom_step (self, -1);
        return TRUE;
      case GDK_KEY_0:
      case GDK_KEY_KP_0:
        liaison_map_view_fit (self);
        return TRUE;
      default:
        break;
      }
  if (mods != 0)
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Tab:
    case GDK_KEY_KP_Tab:
    case GDK_KEY_ISO_Left_Tab:
      node = step_node (self, shift || keyval == GDK_KEY_ISO_Left_Tab ? -1 : 1);
      /* Past the ends, the focus leaves the map. */
      if (node == LIAISON_MAP_SCENE_NONE)
        return FALSE;
      break;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      node = step_node (self, 1);
      break;
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      node = step_node (self, -1);
      break;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      if (self->focus_node == LIAISON_MAP_SCENE_NONE)
        node = node_at_position (self, 0);
      else
        node = liaison_map_scene_neighbour (self->scene, self->focus_node,
                                            keyval == GDK_KEY_Right || keyval == GDK_KEY_KP_Right ? 1 : -1, 0);
      break;
    case GDK_KEY_Home:
    case GDK_KEY_KP_Home:
      node = node_at_position (self, 0);
      break;
    case GDK_KEY_End:
    case GDK_KEY_KP_End:
      node = node_at_position (self, (int) n - 1);
      break;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
    case GDK_KEY_space:
    case GDK_KEY_KP_Space:
      if (self->focus_node == LIAISON_MAP_SCENE_NONE)
        return FALSE;
      liaison_map_view_select (self, self->focus_node);
      if (keyval != GDK_KEY_space && keyval != GDK_KEY_KP_Space)
        g_signal_emit (self, liaison_map_view_signals[LIAISON_MAP_VIEW_NODE_ACTIVATED], 0, self->focus_node);
      return TRUE;
    case GDK_KEY_Menu:
    case GDK_KEY_F10:
      if (self->focus_node == LIAISON_MAP_SCENE_NONE || (keyval == GDK_KEY_F10 && !shift))
        return FALSE;
      {
        double x, y;

        liaison_map_view_select (self, self->focus_node);
        liaison_map_view_node_position (self, self->focus_node, &x, &y);
        g_signal_emit (self, liaison_map_view_signals[LIAISON_MAP_VIEW_CONTEXT_MENU], 0, self->focus_node, x, y);
      }
      return TRUE;
    case GDK_KEY_Escape:
      if (self->selected == LIAISON_MAP_SCENE_NONE)
        return FALSE;
      liaison_map_view_select (self, LIAISON_MAP_SCENE_NONE);
      return TRUE;
    default:
      return FALSE;
    }

  /* At an end already: stay, and keep the key. */
  if (node != LIAISON_MAP_SCENE_NONE)
    _liaison_map_view_focus_node (self, node);
  return TRUE;
}

/* Focus coming into the map goes to the selected node, else the one that
 * had it last, else the first (the last going backwards); Ctrl+Tab, which
 * the window turns into a focus move, leaves it. */
static gboolean
liaison_map_view_focus (GtkWidget        *widget,
                        GtkDirectionType  direction)
{
  LiaisonMapView *self = LIAISON_MAP_VIEW (widget);
  guint n, node;

  if (self->scene == NULL || (n = liaison_map_scene_get_n_nodes (self->scene)) == 0)
    return FALSE;
  if (gtk_widget_get_focus_child (widget) != NULL)
    return FALSE;

  if (self->selected != LIAISON_MAP_SCENE_NONE)
    node = self->selected;
  else
    node = liaison_map_scene_node_at_position (self->scene, direction == GTK_DIR_TAB_BACKWARD ? n - 1 : 0);
  _liaison_map_view_focus_node (self, node);
  return TRUE;
}

/* Setting up ---------------------------------------------------------------------------- */

void
_liaison_map_view_class_init_input (GtkWidgetClass *widget_class)
{
  widget_class->focus = liaison_map_view_focus;
}

void
_liaison_map_view_init_input (LiaisonMapView *self)
{
  GtkEventController *controller;
  GtkGesture *gesture;

  controller = gtk_event_controller_motion_new ();
  g_signal_connect_swapped (controller, "enter", G_CALLBACK (motion_cb), self);
  g_signal_connect_swapped (controller, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect_swapped (controller, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  g_signal_connect_swapped (controller, "scroll", G_CALLBACK (scroll_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  gesture = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_PRIMARY);
  g_signal_connect_swapped (gesture, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect_swapped (gesture, "drag-update", G_CALLBACK (drag_update_cb), self);
  g_signal_connect_swapped (gesture, "drag-end", G_CALLBACK (drag_end_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), 0);
  g_signal_connect_swapped (gesture, "pressed", G_CALLBACK (pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_long_press_new ();
  gtk_gesture_single_set_touch_only (GTK_GESTURE_SINGLE (gesture), TRUE);
  g_signal_connect_swapped (gesture, "pressed", G_CALLBACK (long_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_zoom_new ();
  g_signal_connect_swapped (gesture, "begin", G_CALLBACK (zoom_begin_cb), self);
  g_signal_connect_swapped (gesture, "scale-changed", G_CALLBACK (zoom_scale_changed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  controller = gtk_event_controller_key_new ();
  g_signal_connect_swapped (controller, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  g_signal_connect (self, "query-tooltip", G_CALLBACK (query_tooltip_cb), NULL);
}
