/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-map-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "liaison-map-node-item.h"
#include "liaison-map-view-private.h"

/*
 * The map view draws the scene's nodes and lines from the layout's
 * geometry, under a scale and an offset that the pointer, touch and keys
 * change (liaison-map-view-input.c).
 *
 * Drawing: cairo strokes a few thousand curves in tens of milliseconds,
 * too slow for a frame, so the part of the map in view and a margin around
 * it are drawn into an image in a worker thread (liaison-map-view-raster.c,
 * liaison-map-render.c).
 * Snapshot only places that image, as a render node kept until the image
 * changes, moved and scaled to the view: panning costs a copy, and while a
 * zoom goes on the image is shown scaled until the new one, drawn at the
 * new scale, comes in. What changes with the pointer (hover, the focus
 * ring) is drawn over it in snapshot. A new image is asked for when the
 * view leaves the old one, after a zoom settles, on resize, and when the
 * scene, the highlight or the style change.
 *
 * Keyboard and screen reader: every node is a LiaisonMapNodeItem, an
 * empty focusable child placed over its node (see there why); the view
 * draws the focus ring of the one that has the focus.
 */

#define PLACE_MS        250       /* node items follow the view after this long */
#define MAX_SCALE       6.0
#define FIT_MAX_SCALE   1.6
#define FIT_PADDING     24.0

guint liaison_map_view_signals[LIAISON_MAP_VIEW_N_SIGNALS];

G_DEFINE_FINAL_TYPE (LiaisonMapView, liaison_map_view, GTK_TYPE_WIDGET)

/* Geometry ------------------------------------------------------------------ */

void
_liaison_map_view_to_layout (LiaisonMapView *self,
                             double          x,
                             double          y,
                             double         *lx,
                             double         *ly)
{
  *lx = (x - self->offset_x) / self->scale;
  *ly = (y - self->offset_y) / self->scale;
}

/* What is in view, in points. */
void
_liaison_map_view_area (LiaisonMapView *self,
                        LiaisonMapRect *area)
{
  _liaison_map_view_to_layout (self, 0, 0, &area->x0, &area->y0);
  _liaison_map_view_to_layout (self, gtk_widget_get_width (GTK_WIDGET (self)),
                               gtk_widget_get_height (GTK_WIDGET (self)), &area->x1, &area->y1);
}

static double
fit_scale (LiaisonMapView *self)
{
  LiaisonMapRect bounds;
  double width = gtk_widget_get_width (GTK_WIDGET (self)) - 2 * FIT_PADDING;
  double height = gtk_widget_get_height (GTK_WIDGET (self)) - 2 * FIT_PADDING;

  if (self->scene == NULL)
    return 1.0;
  liaison_map_scene_get_bounds (self->scene, &bounds);
  return MIN (FIT_MAX_SCALE, MIN (MAX (width, 32) / MAX (bounds.x1 - bounds.x0, 1),
                                   MAX (height, 32) / MAX (bounds.y1 - bounds.y0, 1)));
}

double
_liaison_map_view_min_scale (LiaisonMapView *self)
{
  return MIN (0.5, fit_scale (self) / 2);
}

static void
apply_fit (LiaisonMapView *self)
{
  LiaisonMapRect bounds;

  if (self->scene == NULL)
    return;
  liaison_map_scene_get_bounds (self->scene, &bounds);
  self->scale = fit_scale (self);
  self->offset_x = (gtk_widget_get_width (GTK_WIDGET (self)) - (bounds.x1 + bounds.x0) * self->scale) / 2;
  self->offset_y = (gtk_widget_get_height (GTK_WIDGET (self)) - (bounds.y1 + bounds.y0) * self->scale) / 2;
}

/* Node items ---------------------------------------------------------------------- */

static void
place_items (LiaisonMapView *self)
{
  for (guint i = 0; self->items != NULL && i < self->items->len; i++)
    {
      GtkWidget *item = g_ptr_array_index (self->items, i);
      LiaisonMapRect r;
      GskTransform *transform;

      liaison_map_scene_get_node_rect (self->scene, i, &r);
      transform = gsk_transform_translate (NULL, &GRAPHENE_POINT_INIT (r.x0 * self->scale + self->offset_x,
                                                                       r.y0 * self->scale + self->offset_y));
      gtk_widget_allocate (item, MAX (1, (int) ((r.x1 - r.x0) * self->scale)),
                           MAX (1, (int) ((r.y1 - r.y0) * self->scale)), -1, transform);
    }
}

static void
place_items_cb (gpointer data)
{
  LiaisonMapView *self = data;

  self->place_source = 0;
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

static void
remove_items (LiaisonMapView *self)
{
  if (self->items == NULL)
    return;
  for (guint i = 0; i < self->items->len; i++)
    gtk_widget_unparent (g_ptr_array_index (self->items, i));
  g_clear_pointer (&self->items, g_ptr_array_unref);
}

/* In keyboard order, so that the widget tree reads as the keys go. */
static void
add_items (LiaisonMapView *self)
{
  guint n = liaison_map_scene_get_n_nodes (self->scene);

  self->items = g_ptr_array_new_full (n, NULL);
  g_ptr_array_set_size (self->items, n);
  for (guint p = 0; p < n; p++)
    {
      guint node = liaison_map_scene_node_at_position (self->scene, p);
      g_autofree char *label = liaison_map_scene_dup_node_label (self->scene, node);
      GtkWidget *item = liaison_map_node_item_new (node, label);

      gtk_widget_insert_before (item, GTK_WIDGET (self), NULL);
      g_ptr_array_index (self->items, node) = item;
    }
}

GtkWidget *
liaison_map_view_get_item (LiaisonMapView *self,
                           guint           node)
{
  g_return_val_if_fail (LIAISON_IS_MAP_VIEW (self), NULL);

  if (self->items == NULL || node >= self->items->len)
    return NULL;
  return g_ptr_array_index (self->items, node);
}

/**
 * _liaison_map_view_changed:
 * @zoomed: the scale changed
 *
 * The view moved: draw, place the node items later, and ask for a new
 * image when the old one no longer serves.
 */
void
_liaison_map_view_changed (LiaisonMapView *self,
                           gboolean        zoomed)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
  if (self->scene == NULL)
    return;

  g_clear_handle_id (&self->place_source, g_source_remove);
  self->place_source = g_timeout_add_once (PLACE_MS, place_items_cb, self);

  _liaison_map_view_render_moved (self, zoomed);
}

/* Drawing ----------------------------------------------------------------------------- */

static void
node_widget_rect (LiaisonMapView  *self,
                  guint            node,
                  graphene_rect_t *rect)
{
  LiaisonMapRect r;

  liaison_map_scene_get_node_rect (self->scene, node, &r);
  graphene_rect_init (rect, r.x0 * self->scale + self->offset_x, r.y0 * self->scale + self->offset_y,
                      (r.x1 - r.x0) * self->scale, (r.y1 - r.y0) * self->scale);
}

/* A rounded outline @gap pixels around @node. */
static void
append_outline (LiaisonMapView *self,
                GtkSnapshot    *snapshot,
                guint           node,
                double          gap,
                double          width,
                const GdkRGBA  *color)
{
  graphene_rect_t rect;
  GskRoundedRect outline;
  float widths[4] = { width, width, width, width };
  GdkRGBA colors[4] = { *color, *color, *color, *color };
  double radius = 4 * self->scale + gap;

  node_widget_rect (self, node, &rect);
  graphene_rect_inset (&rect, -gap, -gap);
  gsk_rounded_rect_init_from_rect (&outline, &rect, radius);
  gtk_snapshot_append_border (snapshot, &outline, widths, colors);
}

static void
append_hovered_link (LiaisonMapView *self,
                     GtkSnapshot    *snapshot)
{
  const LiaisonMapLayout *layout = liaison_map_scene_get_layout (self->scene);
  const LiaisonLayoutLink *link = &layout->links[self->hovered_link];
  const LiaisonPoint *p = &layout->points[link->first_point];
  GdkRGBA color = self->style.accent;
  cairo_t *cr;

  if (link->n_points == 0)
    return;
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (GTK_WIDGET (self)),
                                                                 gtk_widget_get_height (GTK_WIDGET (self))));
  cairo_translate (cr, self->offset_x, self->offset_y);
  cairo_scale (cr, self->scale, self->scale);
  cairo_move_to (cr, p[0].x, p[0].y);
  for (guint i = 1; i + 2 < link->n_points; i += 3)
    cairo_curve_to (cr, p[i].x, p[i].y, p[i + 1].x, p[i + 1].y, p[i + 2].x, p[i + 2].y);
  if (link->has_arrow)
    cairo_line_to (cr, link->arrow_tip.x, link->arrow_tip.y);
  color.alpha = 0.45;
  gdk_cairo_set_source_rgba (cr, &color);
  cairo_set_line_width (cr, (liaison_map_link_width (link) + 4 / self->scale));
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_stroke (cr);
  cairo_destroy (cr);
}

static void
liaison_map_view_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  LiaisonMapView *self = LIAISON_MAP_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  _liaison_map_view_ensure_style (self);
  gtk_snapshot_append_color (snapshot, &self->style.background, &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (self->scene == NULL)
    return;

  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (self->raster != NULL)
    {
      double zoom = self->scale / self->raster_scale;
      double x = self->raster_x * self->scale + self->offset_x;
      double y = self->raster_y * self->scale + self->offset_y;

      gtk_snapshot_save (snapshot);
      if (zoom == 1.0)
        {
          /* On the pixel grid: an unscaled image stays sharp. */
          int device = gtk_widget_get_scale_factor (widget);

          x = round (x * device) / device;
          y = round (y * device) / device;
        }
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
      if (zoom != 1.0)
        gtk_snapshot_scale (snapshot, zoom, zoom);
      gtk_snapshot_append_node (snapshot, _liaison_map_view_raster_node (self));
      gtk_snapshot_restore (snapshot);
    }

  if (self->hovered_link != LIAISON_MAP_SCENE_NONE)
    append_hovered_link (self, snapshot);
  if (self->hovered_node != LIAISON_MAP_SCENE_NONE)
    {
      GdkRGBA color = self->style.foreground;

      color.alpha = 0.5;
      append_outline (self, snapshot, self->hovered_node, 1, 2, &color);
    }
  if (self->focus_node != LIAISON_MAP_SCENE_NONE &&
      gtk_widget_has_visible_focus (g_ptr_array_index (self->items, self->focus_node)))
    {
      GdkRGBA color = self->style.accent;

      color.alpha = 0.8;
      append_outline (self, snapshot, self->focus_node, 6, 2, &color);
    }
  gtk_snapshot_pop (snapshot);
}

/* Size ----------------------------------------------------------------------------- */

static void
liaison_map_view_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  *minimum = 120;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 640 : 420;
}

static void
liaison_map_view_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  LiaisonMapView *self = LIAISON_MAP_VIEW (widget);
  gboolean resized = width != self->width || height != self->height;

  self->width = width;
  self->height = height;
  if (self->fit)
    apply_fit (self);
  place_items (self);
  if (self->menu != NULL)
    gtk_popover_present (GTK_POPOVER (self->menu));
  if (resized)
    _liaison_map_view_request_render (self);
}

/* Style --------------------------------------------------------------------------------- */

static void
style_changed (LiaisonMapView *self)
{
  LiaisonMapStyle style;

  if (!self->style_valid)
    return;
  liaison_map_style_init (&style, GTK_WIDGET (self));
  if (!liaison_map_style_equal (&style, &self->style))
    {
      liaison_map_style_clear (&self->style);
      self->style = style;
      _liaison_map_view_request_render (self);
    }
  else
    liaison_map_style_clear (&style);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
liaison_map_view_css_changed (GtkWidget         *widget,
                              GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (liaison_map_view_parent_class)->css_changed (widget, change);
  style_changed (LIAISON_MAP_VIEW (widget));
}

static void
liaison_map_view_realize (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (liaison_map_view_parent_class)->realize (widget);
  _liaison_map_view_request_render (LIAISON_MAP_VIEW (widget));
}

static void
liaison_map_view_unrealize (GtkWidget *widget)
{
  LiaisonMapView *self = LIAISON_MAP_VIEW (widget);

  _liaison_map_view_cancel_render (self);
  _liaison_map_view_drop_raster (self);
  GTK_WIDGET_CLASS (liaison_map_view_parent_class)->unrealize (widget);
}

/* The scene -------------------------------------------------------------------------------- */

static void
update_description (LiaisonMapView *self)
{
  g_autofree char *description = self->scene != NULL ? liaison_map_scene_dup_description (self->scene) : NULL;

  if (description != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

/**
 * liaison_map_view_set_scene:
 * @scene: (nullable): what to show
 * @keep_view: keep the scale and the offset unless the view was fitted
 *
 * Shows @scene, with nothing selected.
 */
void
liaison_map_view_set_scene (LiaisonMapView  *self,
                            LiaisonMapScene *scene,
                            gboolean         keep_view)
{
  gboolean had_focus;

  g_return_if_fail (LIAISON_IS_MAP_VIEW (self));

  had_focus = self->focus_node != LIAISON_MAP_SCENE_NONE;
  _liaison_map_view_cancel_render (self);
  _liaison_map_view_drop_raster (self);
  remove_items (self);
  g_clear_pointer (&self->marks, g_free);
  g_clear_pointer (&self->scene, liaison_map_scene_unref);
  self->selected = self->hovered_node = self->hovered_link = self->focus_node = LIAISON_MAP_SCENE_NONE;

  if (scene != NULL)
    {
      self->scene = liaison_map_scene_ref (scene);
      add_items (self);
    }
  if (!keep_view)
    self->fit = TRUE;
  if (self->fit)
    apply_fit (self);

  update_description (self);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  _liaison_map_view_request_render (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  if (had_focus && self->scene != NULL && liaison_map_scene_get_n_nodes (self->scene) > 0)
    gtk_widget_grab_focus (g_ptr_array_index (self->items, liaison_map_scene_node_at_position (self->scene, 0)));
}

LiaisonMapScene *
liaison_map_view_get_scene (LiaisonMapView *self)
{
  g_return_val_if_fail (LIAISON_IS_MAP_VIEW (self), NULL);

  return self->scene;
}

guint
liaison_map_view_get_selected (LiaisonMapView *self)
{
  g_return_val_if_fail (LIAISON_IS_MAP_VIEW (self), LIAISON_MAP_SCENE_NONE);

  return self->selected;
}

/**
 * liaison_map_view_select:
 * @node: a node, or %LIAISON_MAP_SCENE_NONE
 *
 * Selects @node; the page then highlights what depends on it
 * (liaison_map_view_set_marks()).
 */
void
liaison_map_view_select (LiaisonMapView *self,
                         guint           node)
{
  g_return_if_fail (LIAISON_IS_MAP_VIEW (self));
  g_return_if_fail (node == LIAISON_MAP_SCENE_NONE ||
                    (self->scene != NULL && node < liaison_map_scene_get_n_nodes (self->scene)));

  if (node == self->selected)
    return;
  self->selected = node;
  g_signal_emit (self, liaison_map_view_signals[LIAISON_MAP_VIEW_SELECTION_CHANGED], 0);
}

/**
 * liaison_map_view_set_marks:
 * @marks: (nullable): a LiaisonMapMark for each node; %NULL: none highlighted
 */
void
liaison_map_view_set_marks (LiaisonMapView *self,
                            const guint8   *marks)
{
  g_return_if_fail (LIAISON_IS_MAP_VIEW (self));

  g_clear_pointer (&self->marks, g_free);
  if (marks != NULL && self->scene != NULL)
    self->marks = g_memdup2 (marks, MAX (liaison_map_scene_get_n_nodes (self->scene), 1));
  _liaison_map_view_request_render (self);
}

/* The view --------------------------------------------------------------------------- */

/**
 * liaison_map_view_zoom:
 * @factor: more than 1 zooms in
 *
 * Zooms around the point (@x, @y) of the widget, which stays where it is.
 */
void
liaison_map_view_zoom (LiaisonMapView *self,
                       double          factor,
                       double          x,
                       double          y)
{
  double scale;

  g_return_if_fail (LIAISON_IS_MAP_VIEW (self));

  if (self->scene == NULL || factor <= 0)
    return;
  scale = CLAMP (self->scale * factor, _liaison_map_view_min_scale (self), MAX_SCALE);
  if (scale == self->scale)
    return;

  self->offset_x = x - (x - self->offset_x) * scale / self->scale;
  self->offset_y = y - (y - self->offset_y) * scale / self->scale;
  self->scale = scale;
  self->fit = FALSE;
  _liaison_map_view_changed (self, TRUE);
}

/* Zooms in (@steps > 0) or out around the focused node, else the centre. */
void
liaison_map_view_zoom_step (LiaisonMapView *self,
                            int             steps)
{
  double x = gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
  double y = gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;

  g_return_if_fail (LIAISON_IS_MAP_VIEW (self));

  if (self->focus_node != LIAISON_MAP_SCENE_NONE)
    liaison_map_view_node_position (self, self->focus_node, &x, &y);
  liaison_map_view_zoom (self, pow (1.25, steps), x, y);
}

void
liaison_map_view_fit (LiaisonMapView *self)
{
  g_return_if_fail (LIAISON_IS_MAP_VIEW (self));

  self->fit = TRUE;
  apply_fit (self);
  _liaison_map_view_changed (self, TRUE);
}

double
liaison_map_view_get_zoom (LiaisonMapView *self)
{
  g_return_val_if_fail (LIAISON_IS_MAP_VIEW (self), 1.0);

  return self->scale;
}

void
liaison_map_view_pan (LiaisonMapView *self,
                      double          dx,
                      double          dy)
{
  g_return_if_fail (LIAISON_IS_MAP_VIEW (self));

  if (dx == 0 && dy == 0)
    return;
  self->offset_x += dx;
  self->offset_y += dy;
  self->fit = FALSE;
  _liaison_map_view_changed (self, FALSE);
}

/* The centre of @node, in the widget's coordinates. */
void
liaison_map_view_node_position (LiaisonMapView *self,
                                guint           node,
                                double         *x,
                                double         *y)
{
  graphene_rect_t rect;

  g_return_if_fail (LIAISON_IS_MAP_VIEW (self));
  g_return_if_fail (self->scene != NULL && node < liaison_map_scene_get_n_nodes (self->scene));

  node_widget_rect (self, node, &rect);
  *x = rect.origin.x + rect.size.width / 2;
  *y = rect.origin.y + rect.size.height / 2;
}

/**
 * liaison_map_view_show_node:
 *
 * Moves the view so that @node is in it, with a margin.
 */
void
liaison_map_view_show_node (LiaisonMapView *self,
                            guint           node)
{
  graphene_rect_t rect;
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  double height = gtk_widget_get_height (GTK_WIDGET (self));
  double margin = 32;

  g_return_if_fail (LIAISON_IS_MAP_VIEW (self));

  if (self->scene == NULL || node >= liaison_map_scene_get_n_nodes (self->scene) || width <= 0)
    return;
  node_widget_rect (self, node, &rect);
  if (rect.origin.x >= margin && rect.origin.y >= margin &&
      rect.origin.x + rect.size.width <= width - margin && rect.origin.y + rect.size.height <= height - margin)
    return;
  liaison_map_view_pan (self, width / 2 - (rect.origin.x + rect.size.width / 2),
                        height / 2 - (rect.origin.y + rect.size.height / 2));
}

void
_liaison_map_view_set_hover (LiaisonMapView *self,
                             guint           node,
                             guint           link)
{
  if (node == self->hovered_node && link == self->hovered_link)
    return;
  self->hovered_node = node;
  self->hovered_link = link;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
_liaison_map_view_focus_node (LiaisonMapView *self,
                              guint           node)
{
  if (self->items == NULL || node >= self->items->len)
    return;
  liaison_map_view_show_node (self, node);
  gtk_widget_grab_focus (g_ptr_array_index (self->items, node));
}

guint
liaison_map_view_get_focus_node (LiaisonMapView *self)
{
  g_return_val_if_fail (LIAISON_IS_MAP_VIEW (self), LIAISON_MAP_SCENE_NONE);

  return self->focus_node;
}

static void
liaison_map_view_set_focus_child (GtkWidget *widget,
                                  GtkWidget *child)
{
  LiaisonMapView *self = LIAISON_MAP_VIEW (widget);

  GTK_WIDGET_CLASS (liaison_map_view_parent_class)->set_focus_child (widget, child);
  self->focus_node = LIAISON_IS_MAP_NODE_ITEM (child)
                     ? liaison_map_node_item_get_node (LIAISON_MAP_NODE_ITEM (child)) : LIAISON_MAP_SCENE_NONE;
  gtk_widget_queue_draw (widget);
}

/**
 * liaison_map_view_popup_menu:
 * @model: the menu
 *
 * Pops @model up at (@x, @y) of the view.
 */
void
liaison_map_view_popup_menu (LiaisonMapView *self,
                             GMenuModel     *model,
                             double          x,
                             double          y)
{
  g_return_if_fail (LIAISON_IS_MAP_VIEW (self));
  g_return_if_fail (G_IS_MENU_MODEL (model));

  if (self->menu == NULL)
    {
      self->menu = gtk_popover_menu_new_from_model (model);
      gtk_widget_set_parent (self->menu, GTK_WIDGET (self));
      gtk_popover_set_has_arrow (GTK_POPOVER (self->menu), FALSE);
      gtk_widget_set_halign (self->menu, GTK_ALIGN_START);
    }
  else
    gtk_popover_menu_set_menu_model (GTK_POPOVER_MENU (self->menu), model);
  gtk_popover_set_pointing_to (GTK_POPOVER (self->menu), &(GdkRectangle) { (int) x, (int) y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self->menu));
}

/* Tests ---------------------------------------------------------------------------------- */

/* Whether the image shown is that of the view as it is. */
gboolean
liaison_map_view_is_rendered (LiaisonMapView *self)
{
  g_return_val_if_fail (LIAISON_IS_MAP_VIEW (self), FALSE);

  return self->scene != NULL && self->raster != NULL && self->render_cancellable == NULL &&
         self->render_source == 0 && self->raster_scale == self->scale;
}

guint
liaison_map_view_get_n_renders (LiaisonMapView *self)
{
  g_return_val_if_fail (LIAISON_IS_MAP_VIEW (self), 0);

  return self->renders;
}

/* Object ----------------------------------------------------------------------------------- */

static void
liaison_map_view_dispose (GObject *object)
{
  LiaisonMapView *self = LIAISON_MAP_VIEW (object);

  _liaison_map_view_cancel_render (self);
  g_clear_handle_id (&self->place_source, g_source_remove);
  remove_items (self);
  g_clear_pointer (&self->menu, gtk_widget_unparent);
  _liaison_map_view_drop_raster (self);
  g_clear_pointer (&self->scene, liaison_map_scene_unref);

  G_OBJECT_CLASS (liaison_map_view_parent_class)->dispose (object);
}

static void
liaison_map_view_finalize (GObject *object)
{
  LiaisonMapView *self = LIAISON_MAP_VIEW (object);

  g_free (self->marks);
  liaison_map_style_clear (&self->style);

  G_OBJECT_CLASS (liaison_map_view_parent_class)->finalize (object);
}

static void
liaison_map_view_class_init (LiaisonMapViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = liaison_map_view_dispose;
  object_class->finalize = liaison_map_view_finalize;
  widget_class->snapshot = liaison_map_view_snapshot;
  widget_class->measure = liaison_map_view_measure;
  widget_class->size_allocate = liaison_map_view_size_allocate;
  widget_class->css_changed = liaison_map_view_css_changed;
  widget_class->realize = liaison_map_view_realize;
  widget_class->unrealize = liaison_map_view_unrealize;
  widget_class->set_focus_child = liaison_map_view_set_focus_child;

  /**
   * LiaisonMapView::selection-changed:
   *
   * A node was selected, or the selection cleared.
   */
  liaison_map_view_signals[LIAISON_MAP_VIEW_SELECTION_CHANGED] =
    g_signal_new ("selection-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * LiaisonMapView::node-activated:
   * @node: the node
   *
   * A node was double-clicked, or Enter pressed on it.
   */
  liaison_map_view_signals[LIAISON_MAP_VIEW_NODE_ACTIVATED] =
    g_signal_new ("node-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  /**
   * LiaisonMapView::context-menu:
   * @node: the node
   * @x: where, in the view's coordinates
   * @y: where
   *
   * A node's menu is wanted: a secondary click, a long press, or the Menu key.
   */
  liaison_map_view_signals[LIAISON_MAP_VIEW_CONTEXT_MENU] =
    g_signal_new ("context-menu", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 3, G_TYPE_UINT, G_TYPE_DOUBLE, G_TYPE_DOUBLE);

  gtk_widget_class_set_css_name (widget_class, "mapview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
  _liaison_map_view_class_init_input (widget_class);
}

static void
liaison_map_view_init (LiaisonMapView *self)
{
  self->scale = 1.0;
  self->fit = TRUE;
  self->selected = self->hovered_node = self->hovered_link = self->focus_node = LIAISON_MAP_SCENE_NONE;

  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Dependency map"), -1);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (style_changed), self, G_CONNECT_SWAPPED);
  _liaison_map_view_init_input (self);
}

GtkWidget *
liaison_map_view_new (void)
{
  return g_object_new (LIAISON_TYPE_MAP_VIEW, NULL);
}
