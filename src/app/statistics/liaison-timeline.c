/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-timeline"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "liaison-format.h"
#include "liaison-timeline-paint.h"
#include "liaison-timeline-private.h"

/*
 * The activity timeline: one lane per client of a listener on a shared
 * time axis. Netflow's active spans are solid bars, gap segments a thin
 * line between them, the pending tail is hatched and a silent one an open
 * dotted line; netstat's activity runs are bars on a track of their own,
 * notched at the sample moments (a first run not known in between is only
 * outlined), with marks where a sample did not see the client.
 *
 * The lanes scroll by their adjustment (a scrollbar beside the timeline)
 * or a drag; a click on a lane activates it, a drag on the axis selects a
 * time range (liaison-timeline-input.c).
 *
 * The view is a visible time range [view_start, view_end] mapped onto the
 * plot's width by a time ruler (liaison-time-ruler.c), which also gives the
 * ticks; the lanes' rectangles come from the lane geometry
 * (liaison-timeline-lanes.c). Both are computed in update_geometry() when
 * the size, the view, the vertical offset, the data or the display zone
 * change; snapshot only draws them, from a render node kept until then.
 */

#define MAX_NAT_LANES   8

#define PAD_X          LIAISON_TIMELINE_PAD_X
#define AXIS_HEIGHT    LIAISON_TIMELINE_AXIS_HEIGHT
#define LANE_HEIGHT    LIAISON_TIMELINE_LANE_HEIGHT
#define MIN_BAR_WIDTH  LIAISON_TIMELINE_MIN_BAR_WIDTH

typedef struct
{
  float        x;
  PangoLayout *label;
  PangoLayout *date;
} Tick;

enum {
  LANE_ACTIVATED,
  RANGE_SELECTED,
  VIEW_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (LiaisonTimeline, liaison_timeline, GTK_TYPE_WIDGET)

/* Geometry helpers */

double
_liaison_timeline_get_plot_width (LiaisonTimeline *self)
{
  return MAX (1.0, gtk_widget_get_width (GTK_WIDGET (self)) - 2 * PAD_X);
}

/* What is in view now: the ruler across the plot, the size, the scroll. */
static LiaisonTimelineView
get_view (LiaisonTimeline *self)
{
  return (LiaisonTimelineView) {
    .ruler = { self->view_start, self->view_end, PAD_X, _liaison_timeline_get_plot_width (self) },
    .width = gtk_widget_get_width (GTK_WIDGET (self)),
    .height = gtk_widget_get_height (GTK_WIDGET (self)),
    .v_offset = self->v_offset,
  };
}

double
_liaison_timeline_get_max_v_offset (LiaisonTimeline *self)
{
  LiaisonTimelineView view = get_view (self);

  return liaison_timeline_lanes_max_v_offset (self->lanes, &view);
}

/**
 * liaison_timeline_time_to_x:
 * @self: a timeline
 * @time: a moment
 *
 * Returns: the x coordinate of @time in @self's coordinates:
 *   `PAD_X + (time - start) * plot_width / (end - start)` for the visible
 *   range [start, end], where the plot is the widget's width less PAD_X
 *   (12 pixels) on each side
 */
double
liaison_timeline_time_to_x (LiaisonTimeline *self,
                            LiaisonTime      time)
{
  LiaisonTimelineView view;

  g_return_val_if_fail (LIAISON_IS_TIMELINE (self), 0);

  view = get_view (self);
  return liaison_time_ruler_time_to_x (&view.ruler, time);
}

/**
 * liaison_timeline_x_to_time:
 *
 * Returns: the moment at @x, the inverse of liaison_timeline_time_to_x()
 *   rounded to the millisecond
 */
LiaisonTime
liaison_timeline_x_to_time (LiaisonTimeline *self,
                            double           x)
{
  LiaisonTimelineView view;

  g_return_val_if_fail (LIAISON_IS_TIMELINE (self), 0);

  view = get_view (self);
  return liaison_time_ruler_x_to_time (&view.ruler, x);
}

/* Ticks */

static void
tick_clear (gpointer data)
{
  Tick *tick = data;

  g_clear_object (&tick->label);
  g_clear_object (&tick->date);
}

/* A lane's label: made when the lane first shows. */
static void
free_layout (gpointer layout)
{
  if (layout != NULL)
    g_object_unref (layout);
}

static PangoLayout *
small_layout (LiaisonTimeline *self,
              const char      *text,
              gboolean         bold)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  PangoAttrList *attrs = pango_attr_list_new ();

  pango_attr_list_insert (attrs, pango_attr_scale_new (0.83));
  pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum"));
  if (bold)
    pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);

  return layout;
}

static void
update_ticks (LiaisonTimeline           *self,
              const LiaisonTimelineView *view)
{
  g_autoptr(GArray) ticks = NULL;
  g_autofree char *edge_date = NULL;
  double first_date_x = G_MAXDOUBLE;

  g_array_set_size (self->ticks, 0);
  g_clear_object (&self->edge_date);

  ticks = liaison_time_ruler_ticks (&view->ruler, 0, view->width, &edge_date);
  for (guint i = 0; i < ticks->len; i++)
    {
      const LiaisonTick *ruler_tick = &g_array_index (ticks, LiaisonTick, i);
      Tick tick = { ruler_tick->x, small_layout (self, ruler_tick->label, FALSE), NULL };

      if (ruler_tick->date != NULL)
        {
          tick.date = small_layout (self, ruler_tick->date, TRUE);
          first_date_x = MIN (first_date_x, tick.x);
        }
      g_array_append_val (self->ticks, tick);
    }

  /* And the date at the left edge, unless a date label is close. */
  if (edge_date != NULL)
    {
      int w;

      self->edge_date = small_layout (self, edge_date, TRUE);
      pango_layout_get_pixel_size (self->edge_date, &w, NULL);
      if (first_date_x < PAD_X + w + 16)
        g_clear_object (&self->edge_date);
    }
}

/* Lanes */

static void
invalidate_geometry (LiaisonTimeline *self)
{
  self->geometry_valid = FALSE;
  g_clear_pointer (&self->lanes_node, gsk_render_node_unref);
  g_array_set_size (self->segments, 0);
  g_array_set_size (self->ticks, 0);
  g_clear_object (&self->edge_date);
}

/* The adjustment follows the lanes: their height, what shows, the scroll. */
static void
sync_adjustment (LiaisonTimeline *self)
{
  double page = MAX (0.0, gtk_widget_get_height (GTK_WIDGET (self)) - AXIS_HEIGHT);
  double upper = liaison_timeline_lanes_get_n_lanes (self->lanes) * LANE_HEIGHT;

  self->syncing_adjustment = TRUE;
  gtk_adjustment_configure (self->vadjustment, self->v_offset, 0, MAX (upper, page),
                            LANE_HEIGHT, MAX (LANE_HEIGHT, page - LANE_HEIGHT), page);
  self->syncing_adjustment = FALSE;
}

static void
update_geometry (LiaisonTimeline *self)
{
  LiaisonTimelineView view;

  invalidate_geometry (self);
  if (gtk_widget_get_width (GTK_WIDGET (self)) <= 0)
    return;

  self->v_offset = CLAMP (self->v_offset, 0, _liaison_timeline_get_max_v_offset (self));
  view = get_view (self);
  update_ticks (self, &view);
  sync_adjustment (self);

  liaison_timeline_lanes_visible (self->lanes, &view, &self->first_visible, &self->end_visible);
  for (guint i = self->first_visible; i < self->end_visible; i++)
    {
      PangoLayout *label = g_ptr_array_index (self->lane_labels, i);

      if (label == NULL)
        {
          label = small_layout (self, liaison_timeline_lanes_get_label (self->lanes, i), FALSE);
          pango_layout_set_ellipsize (label, PANGO_ELLIPSIZE_END);
          g_ptr_array_index (self->lane_labels, i) = label;
        }
      pango_layout_set_width (label, (int) (_liaison_timeline_get_plot_width (self) * PANGO_SCALE));
      liaison_timeline_lanes_add_segments (self->lanes, &view, i, self->segments);
    }

  self->geometry_valid = TRUE;
}

void
_liaison_timeline_view_changed (LiaisonTimeline *self)
{
  update_geometry (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_signal_emit (self, signals[VIEW_CHANGED], 0);
}

void
_liaison_timeline_set_v_offset (LiaisonTimeline *self,
                                double           v_offset)
{
  self->v_offset = CLAMP (v_offset, 0, _liaison_timeline_get_max_v_offset (self));
  _liaison_timeline_view_changed (self);
}

static void
adjustment_changed_cb (LiaisonTimeline *self,
                       GtkAdjustment   *adjustment)
{
  if (!self->syncing_adjustment && gtk_adjustment_get_value (adjustment) != self->v_offset)
    _liaison_timeline_set_v_offset (self, gtk_adjustment_get_value (adjustment));
}

/**
 * liaison_timeline_get_vadjustment:
 *
 * Returns: (transfer none): how far the lanes are scrolled, for a
 *   scrollbar beside the timeline; a lane is its step
 */
GtkAdjustment *
liaison_timeline_get_vadjustment (LiaisonTimeline *self)
{
  g_return_val_if_fail (LIAISON_IS_TIMELINE (self), NULL);

  return self->vadjustment;
}

/**
 * liaison_timeline_get_visible_lanes:
 * @first: (out): the first lane in view, at least partly
 * @end: (out): the lane after the last in view
 */
void
liaison_timeline_get_visible_lanes (LiaisonTimeline *self,
                                    guint           *first,
                                    guint           *end)
{
  LiaisonTimelineView view;

  g_return_if_fail (LIAISON_IS_TIMELINE (self));

  view = get_view (self);
  liaison_timeline_lanes_visible (self->lanes, &view, first, end);
}

/* Scrolls the lanes the least that shows @lane whole. Before the timeline
 * has the height of a lane (not yet laid out), the lane goes to the top:
 * scrolling it "into" no height would put the one before it at the top
 * once there is room. */
void
liaison_timeline_scroll_to_lane (LiaisonTimeline *self,
                                 guint            lane)
{
  double page = MAX (0.0, gtk_widget_get_height (GTK_WIDGET (self)) - AXIS_HEIGHT);
  double top = lane * LANE_HEIGHT;

  g_return_if_fail (LIAISON_IS_TIMELINE (self));

  if (top < self->v_offset || page < LANE_HEIGHT)
    _liaison_timeline_set_v_offset (self, top);
  else if (top + LANE_HEIGHT > self->v_offset + page)
    _liaison_timeline_set_v_offset (self, top + LANE_HEIGHT - page);
}

void
_liaison_timeline_activate_lane (LiaisonTimeline *self,
                                 guint            lane)
{
  if (lane < liaison_timeline_lanes_get_n_lanes (self->lanes))
    g_signal_emit (self, signals[LANE_ACTIVATED], 0, lane);
}

/* A time range selected on the axis, while it is being dragged and when
 * it is done (then it is announced). */
void
_liaison_timeline_select_range (LiaisonTimeline *self,
                                LiaisonTime      start,
                                LiaisonTime      end,
                                gboolean         done)
{
  self->range_start = MIN (start, end);
  self->range_end = MAX (start, end);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  if (done)
    g_signal_emit (self, signals[RANGE_SELECTED], 0, self->range_start, self->range_end);
}

/**
 * liaison_timeline_set_selected_range:
 * @start: the start, or %LIAISON_TIME_NONE for no range
 *
 * Shows a selected time range over the lanes (without announcing it).
 */
void
liaison_timeline_set_selected_range (LiaisonTimeline *self,
                                     LiaisonTime      start,
                                     LiaisonTime      end)
{
  g_return_if_fail (LIAISON_IS_TIMELINE (self));

  self->range_start = start;
  self->range_end = start == LIAISON_TIME_NONE ? LIAISON_TIME_NONE : end;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* The view */

void
liaison_timeline_zoom_to_fit (LiaisonTimeline *self)
{
  g_return_if_fail (LIAISON_IS_TIMELINE (self));

  self->fit = TRUE;
  liaison_timeline_lanes_fit (self->lanes, &self->view_start, &self->view_end);
  _liaison_timeline_view_changed (self);
}

/**
 * liaison_timeline_zoom:
 * @factor: more than 1 zooms in, less than 1 zooms out
 * @x: the x coordinate that stays where it is
 */
void
liaison_timeline_zoom (LiaisonTimeline *self,
                       double           factor,
                       double           x)
{
  LiaisonTimelineView view;

  g_return_if_fail (LIAISON_IS_TIMELINE (self));
  g_return_if_fail (factor > 0);

  view = get_view (self);
  liaison_time_ruler_zoom (&view.ruler, factor, x);

  self->fit = FALSE;
  self->view_start = view.ruler.start;
  self->view_end = view.ruler.end;
  _liaison_timeline_view_changed (self);
}

void
liaison_timeline_set_visible_range (LiaisonTimeline *self,
                                    LiaisonTime      start,
                                    LiaisonTime      end)
{
  g_return_if_fail (LIAISON_IS_TIMELINE (self));
  g_return_if_fail (end > start);

  self->fit = FALSE;
  self->view_start = (double) start;
  self->view_end = (double) end;
  _liaison_timeline_view_changed (self);
}

void
liaison_timeline_get_visible_range (LiaisonTimeline *self,
                                    LiaisonTime     *start,
                                    LiaisonTime     *end)
{
  g_return_if_fail (LIAISON_IS_TIMELINE (self));

  if (start != NULL)
    *start = (LiaisonTime) llround (self->view_start);
  if (end != NULL)
    *end = (LiaisonTime) llround (self->view_end);
}

/* Lanes: data */

char *
liaison_timeline_dup_lane_description (LiaisonTimeline *self,
                                       guint            lane)
{
  g_return_val_if_fail (LIAISON_IS_TIMELINE (self), NULL);
  g_return_val_if_fail (lane < liaison_timeline_lanes_get_n_lanes (self->lanes), NULL);

  return liaison_timeline_lanes_describe (self->lanes, lane);
}

static void
update_accessible (LiaisonTimeline *self)
{
  g_autofree char *description = liaison_timeline_lanes_describe_all (self->lanes);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

/* Makes @lanes the timeline's, with the sample moments it has; its size
 * and what it tells assistive technologies follow. */
static void
replace_lanes (LiaisonTimeline           *self,
               const LiaisonTimelineLane *lanes,
               guint                      n_lanes)
{
  g_clear_pointer (&self->lanes, liaison_timeline_lanes_free);
  self->lanes = liaison_timeline_lanes_new (lanes, n_lanes);
  liaison_timeline_lanes_set_moments (self->lanes, (const LiaisonTime *) (gpointer) self->moments->data,
                                      self->moments->len);
  g_ptr_array_set_size (self->lane_labels, 0);
  g_ptr_array_set_size (self->lane_labels, n_lanes);
  update_accessible (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

/**
 * liaison_timeline_set_lanes:
 * @lanes: (array length=n_lanes): the lanes, top to bottom
 *
 * Replaces the lanes and fits the view to them.
 */
void
liaison_timeline_set_lanes (LiaisonTimeline           *self,
                            const LiaisonTimelineLane *lanes,
                            guint                      n_lanes)
{
  g_return_if_fail (LIAISON_IS_TIMELINE (self));
  g_return_if_fail (n_lanes == 0 || lanes != NULL);

  self->v_offset = 0;
  replace_lanes (self, lanes, n_lanes);
  liaison_timeline_zoom_to_fit (self);
}

/**
 * liaison_timeline_set_moments:
 * @moments: (array length=n_moments): the moments of the samples that
 *   discovered the listener, in time order
 *
 * The sample moments, drawn as ticks on the lanes' netstat tracks.
 */
void
liaison_timeline_set_moments (LiaisonTimeline   *self,
                              const LiaisonTime *moments,
                              guint              n_moments)
{
  g_return_if_fail (LIAISON_IS_TIMELINE (self));

  g_array_set_size (self->moments, 0);
  if (n_moments > 0)
    g_array_append_vals (self->moments, moments, n_moments);
  liaison_timeline_lanes_set_moments (self->lanes, moments, n_moments);
  _liaison_timeline_view_changed (self);
}

/**
 * liaison_timeline_update_lanes:
 * @lanes: (array length=n_lanes): the lanes, top to bottom
 *
 * Replaces the lanes (the same clients, filtered or in another order)
 * keeping the view where it is.
 */
void
liaison_timeline_update_lanes (LiaisonTimeline           *self,
                               const LiaisonTimelineLane *lanes,
                               guint                      n_lanes)
{
  g_return_if_fail (LIAISON_IS_TIMELINE (self));
  g_return_if_fail (n_lanes == 0 || lanes != NULL);

  replace_lanes (self, lanes, n_lanes);
  _liaison_timeline_view_changed (self);
}

/* Shows @lane as the selected one (G_MAXUINT: none). */
void
liaison_timeline_set_selected_lane (LiaisonTimeline *self,
                                    guint            lane)
{
  g_return_if_fail (LIAISON_IS_TIMELINE (self));

  self->selected_lane = lane;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
liaison_timeline_get_n_lanes (LiaisonTimeline *self)
{
  g_return_val_if_fail (LIAISON_IS_TIMELINE (self), 0);

  return liaison_timeline_lanes_get_n_lanes (self->lanes);
}

/**
 * liaison_timeline_get_lane_y:
 *
 * Returns: the y coordinate of the top of @lane's bar
 */
double
liaison_timeline_get_lane_y (LiaisonTimeline *self,
                             guint            lane)
{
  LiaisonTimelineView view;

  g_return_val_if_fail (LIAISON_IS_TIMELINE (self), 0);

  view = get_view (self);
  return liaison_timeline_lanes_top (&view, lane) + LIAISON_TIMELINE_BAR_Y;
}

/**
 * liaison_timeline_get_tick_label:
 *
 * Returns: (nullable): the label of the axis' tick @tick, left to right,
 *   or %NULL after the last
 */
const char *
liaison_timeline_get_tick_label (LiaisonTimeline *self,
                                 guint            tick)
{
  g_return_val_if_fail (LIAISON_IS_TIMELINE (self), NULL);

  if (!self->geometry_valid)
    update_geometry (self);
  if (tick >= self->ticks->len)
    return NULL;

  return pango_layout_get_text (g_array_index (self->ticks, Tick, tick).label);
}

/* Drawing */

static GskRenderNode *
build_lanes_node (LiaisonTimeline             *self,
                  const LiaisonTimelineColors *colors)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  GskRenderNode *node;

  liaison_timeline_paint_segments (snapshot, self->segments, colors);
  node = gtk_snapshot_free_to_node (snapshot);
  return node != NULL ? node : gsk_container_node_new (NULL, 0);
}

static void
liaison_timeline_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  LiaisonTimeline *self = LIAISON_TIMELINE (widget);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  GdkRGBA grid, text, label, stripe;
  LiaisonTimelineColors colors;
  LiaisonTimelineView view;

  if (!self->geometry_valid)
    update_geometry (self);

  liaison_timeline_colors_lookup (widget, &colors);
  grid = liaison_timeline_with_alpha (&colors.foreground, 0.1f);
  text = liaison_timeline_with_alpha (&colors.foreground, 0.6f);
  label = liaison_timeline_with_alpha (&colors.foreground, 0.75f);
  stripe = liaison_timeline_with_alpha (&colors.foreground, 0.03f);

  if (self->lanes_node != NULL && !liaison_timeline_colors_equal (&self->node_colors, &colors))
    g_clear_pointer (&self->lanes_node, gsk_render_node_unref);
  if (self->lanes_node == NULL)
    {
      self->lanes_node = build_lanes_node (self, &colors);
      self->node_colors = colors;
    }

  /* The axis */
  gtk_snapshot_append_color (snapshot, &grid,
                             &GRAPHENE_RECT_INIT (0, AXIS_HEIGHT - 1, width, 1));
  for (guint i = 0; i < self->ticks->len; i++)
    {
      const Tick *tick = &g_array_index (self->ticks, Tick, i);
      int label_width;

      gtk_snapshot_append_color (snapshot, &grid,
                                 &GRAPHENE_RECT_INIT (tick->x, AXIS_HEIGHT - 6, 1, height - AXIS_HEIGHT + 6));
      /* A label that would be cut at the right edge is left out. */
      pango_layout_get_pixel_size (tick->label, &label_width, NULL);
      if (tick->x + 4 + label_width > width)
        continue;
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (tick->x + 4, 4));
      gtk_snapshot_append_layout (snapshot, tick->label, &text);
      if (tick->date != NULL)
        {
          gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (0, 17));
          gtk_snapshot_append_layout (snapshot, tick->date, &label);
        }
      gtk_snapshot_restore (snapshot);
    }
  if (self->edge_date != NULL)
    {
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (PAD_X, 21));
      gtk_snapshot_append_layout (snapshot, self->edge_date, &label);
      gtk_snapshot_restore (snapshot);
    }

  /* The lanes, scrolled under the axis */
  gtk_snapshot_push_clip (snapshot,
                          &GRAPHENE_RECT_INIT (0, AXIS_HEIGHT, width, MAX (0, height - AXIS_HEIGHT)));

  view = get_view (self);
  for (guint i = self->first_visible; i < self->end_visible; i++)
    {
      double top = liaison_timeline_lanes_top (&view, i);

      if (i == self->selected_lane)
        {
          GdkRGBA selected = liaison_timeline_with_alpha (&colors.accent, 0.12f);

          gtk_snapshot_append_color (snapshot, &selected, &GRAPHENE_RECT_INIT (0, top, width, LANE_HEIGHT));
        }
      else if (i % 2 == 1)
        gtk_snapshot_append_color (snapshot, &stripe,
                                   &GRAPHENE_RECT_INIT (0, top, width, LANE_HEIGHT));
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (PAD_X, top + LIAISON_TIMELINE_LABEL_Y));
      gtk_snapshot_append_layout (snapshot, g_ptr_array_index (self->lane_labels, i), &label);
      gtk_snapshot_restore (snapshot);
    }

  gtk_snapshot_append_node (snapshot, self->lanes_node);

  /* A time range selected on the axis, over the lanes too. */
  if (self->range_start != LIAISON_TIME_NONE)
    {
      double x0 = MAX (-1.0, liaison_timeline_time_to_x (self, self->range_start));
      double x1 = MIN (width + 1, liaison_timeline_time_to_x (self, self->range_end));
      GdkRGBA band = liaison_timeline_with_alpha (&colors.accent, 0.12f);
      GdkRGBA edge = liaison_timeline_with_alpha (&colors.accent, 0.8f);

      gtk_snapshot_pop (snapshot);
      if (x1 >= x0)
        {
          gtk_snapshot_append_color (snapshot, &band, &GRAPHENE_RECT_INIT (x0, 0, MAX (1.0, x1 - x0), height));
          gtk_snapshot_append_color (snapshot, &edge, &GRAPHENE_RECT_INIT (x0, 0, 1, height));
          gtk_snapshot_append_color (snapshot, &edge, &GRAPHENE_RECT_INIT (x1 - 1, 0, 1, height));
        }
      gtk_snapshot_push_clip (snapshot,
                              &GRAPHENE_RECT_INIT (0, AXIS_HEIGHT, width, MAX (0, height - AXIS_HEIGHT)));
    }

  if (!liaison_timeline_lanes_has_spans (self->lanes))
    {
      g_autoptr(PangoLayout) empty = gtk_widget_create_pango_layout (widget, _("No activity"));
      int w, h;

      pango_layout_get_pixel_size (empty, &w, &h);
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot,
                              &GRAPHENE_POINT_INIT ((width - w) / 2,
                                                    AXIS_HEIGHT + (height - AXIS_HEIGHT - h) / 2));
      gtk_snapshot_append_layout (snapshot, empty, &text);
      gtk_snapshot_restore (snapshot);
    }

  gtk_snapshot_pop (snapshot);
}

/* Size */

static void
liaison_timeline_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  LiaisonTimeline *self = LIAISON_TIMELINE (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 200;
      *natural = 600;
    }
  else
    {
      /* Up to MAX_NAT_LANES lanes show without scrolling; a scrolled
       * window gives its child the minimum, so ask for them there. */
      guint n_lanes = liaison_timeline_lanes_get_n_lanes (self->lanes);

      *minimum = (int) (AXIS_HEIGHT + LANE_HEIGHT * CLAMP (n_lanes, 1, MAX_NAT_LANES) + 4);
      *natural = *minimum;
    }
}

static void
liaison_timeline_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  LiaisonTimeline *self = LIAISON_TIMELINE (widget);

  if (self->fit)
    liaison_timeline_zoom_to_fit (self);
  else
    _liaison_timeline_view_changed (self);
}

/* Tooltip */

/**
 * liaison_timeline_dup_tooltip_markup:
 * @area: (out) (optional): where the tooltip is about
 *
 * Returns: (transfer full) (nullable): the tooltip at (@x, @y): the segment
 *   there, in the display zone, or the lane's description beside its
 *   segments; %NULL outside the lanes
 */
char *
liaison_timeline_dup_tooltip_markup (LiaisonTimeline *self,
                                     double           x,
                                     double           y,
                                     GdkRectangle    *area)
{
  LiaisonTimelineView view;
  LiaisonTimelineHit hit;
  double x0, x1;

  g_return_val_if_fail (LIAISON_IS_TIMELINE (self), NULL);

  view = get_view (self);
  if (!liaison_timeline_lanes_hit (self->lanes, &view, x, y, &hit))
    return NULL;

  /* A segment's tooltip is about it, drawn as wide as it may be. */
  if (area != NULL && hit.kind != LIAISON_TIMELINE_NONE)
    {
      x0 = MAX (0, liaison_time_ruler_time_to_x (&view.ruler, hit.start) - MIN_BAR_WIDTH);
      x1 = MIN (view.width, liaison_time_ruler_time_to_x (&view.ruler, hit.end) + MIN_BAR_WIDTH);
      *area = (GdkRectangle) {
        (int) floor (x0),
        (int) liaison_timeline_lanes_top (&view, hit.lane),
        (int) ceil (x1 - x0) + 1,
        (int) LANE_HEIGHT,
      };
    }

  return liaison_timeline_lanes_dup_tooltip (self->lanes, &hit);
}

static gboolean
liaison_timeline_query_tooltip (GtkWidget  *widget,
                                int         x,
                                int         y,
                                gboolean    keyboard,
                                GtkTooltip *tooltip)
{
  LiaisonTimeline *self = LIAISON_TIMELINE (widget);
  GdkRectangle area = { -1, -1, -1, -1 };
  g_autofree char *markup = NULL;

  if (keyboard)
    return FALSE;

  markup = liaison_timeline_dup_tooltip_markup (self, x, y, &area);
  if (markup == NULL)
    return FALSE;

  gtk_tooltip_set_markup (tooltip, markup);
  if (area.width >= 0)
    gtk_tooltip_set_tip_area (tooltip, &area);
  return TRUE;
}

/* Object */

static void
liaison_timeline_dispose (GObject *object)
{
  LiaisonTimeline *self = LIAISON_TIMELINE (object);

  g_ptr_array_set_size (self->lane_labels, 0);
  invalidate_geometry (self);
  if (self->vadjustment != NULL)
    g_signal_handlers_disconnect_by_data (self->vadjustment, self);
  g_clear_object (&self->vadjustment);

  G_OBJECT_CLASS (liaison_timeline_parent_class)->dispose (object);
}

static void
liaison_timeline_finalize (GObject *object)
{
  LiaisonTimeline *self = LIAISON_TIMELINE (object);

  g_clear_pointer (&self->lanes, liaison_timeline_lanes_free);
  g_clear_pointer (&self->lane_labels, g_ptr_array_unref);
  g_clear_pointer (&self->segments, g_array_unref);
  g_clear_pointer (&self->ticks, g_array_unref);
  g_clear_pointer (&self->moments, g_array_unref);

  G_OBJECT_CLASS (liaison_timeline_parent_class)->finalize (object);
}

static void
liaison_timeline_class_init (LiaisonTimelineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = liaison_timeline_dispose;
  object_class->finalize = liaison_timeline_finalize;

  widget_class->snapshot = liaison_timeline_snapshot;
  widget_class->measure = liaison_timeline_measure;
  widget_class->size_allocate = liaison_timeline_size_allocate;
  widget_class->query_tooltip = liaison_timeline_query_tooltip;

  /**
   * LiaisonTimeline::lane-activated:
   * @lane: the lane clicked (or activated with the keyboard)
   */
  signals[LANE_ACTIVATED] =
    g_signal_new ("lane-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
  /**
   * LiaisonTimeline::range-selected:
   * @start: the start of the time range dragged out on the axis
   * @end: its end
   */
  signals[RANGE_SELECTED] =
    g_signal_new ("range-selected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_INT64);
  /**
   * LiaisonTimeline::view-changed:
   *
   * The visible time range, the size or the lanes' scroll changed.
   */
  signals[VIEW_CHANGED] =
    g_signal_new ("view-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_css_name (widget_class, "timeline");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);

  _liaison_timeline_class_init_input (widget_class);
}

static void
liaison_timeline_init (LiaisonTimeline *self)
{
  self->lanes = liaison_timeline_lanes_new (NULL, 0);
  self->lane_labels = g_ptr_array_new_with_free_func (free_layout);
  self->segments = g_array_new (FALSE, FALSE, sizeof (LiaisonTimelineSegment));
  self->ticks = g_array_new (FALSE, FALSE, sizeof (Tick));
  g_array_set_clear_func (self->ticks, tick_clear);
  self->moments = g_array_new (FALSE, FALSE, sizeof (LiaisonTime));
  self->range_start = LIAISON_TIME_NONE;
  self->range_end = LIAISON_TIME_NONE;
  self->selected_lane = G_MAXUINT;
  self->vadjustment = g_object_ref_sink (gtk_adjustment_new (0, 0, 0, LANE_HEIGHT, LANE_HEIGHT, 0));
  g_signal_connect_swapped (self->vadjustment, "value-changed", G_CALLBACK (adjustment_changed_cb), self);
  self->view_start = 0;
  self->view_end = 60000;
  self->fit = TRUE;

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);

  _liaison_timeline_init_input (self);

  /* The ticks are in the display zone: they follow it. */
  g_signal_connect_object (liaison_display_zone_get_default (), "notify::time-zone",
                           G_CALLBACK (_liaison_timeline_view_changed), self, G_CONNECT_SWAPPED);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Activity timeline"),
                                  -1);
  update_accessible (self);
}

GtkWidget *
liaison_timeline_new (void)
{
  return g_object_new (LIAISON_TYPE_TIMELINE, NULL);
}
