/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-map-view"

#include "config.h"

#include <math.h>
#ifdef __linux__
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

#include "liaison-map-view-private.h"

/*
 * The map view's image: the part of the map in view and a margin around
 * it, drawn in a worker thread (liaison-map-render.c) and placed by
 * snapshot as a render node (see liaison-map-view.c).
 */

#define MARGIN          0.25      /* of the view's size, drawn around it */
#define MAX_RASTER_PX   (4 * 1024 * 1024)
#define SETTLE_MS       90        /* a zoom has settled after this long */

void
_liaison_map_view_drop_raster (LiaisonMapView *self)
{
  g_clear_pointer (&self->raster, cairo_surface_destroy);
  g_clear_pointer (&self->raster_node, gsk_render_node_unref);
}

void
_liaison_map_view_cancel_render (LiaisonMapView *self)
{
  g_clear_handle_id (&self->render_source, g_source_remove);
  if (self->render_cancellable != NULL)
    {
      g_cancellable_cancel (self->render_cancellable);
      g_clear_object (&self->render_cancellable);
    }
}

void
_liaison_map_view_ensure_style (LiaisonMapView *self)
{
  if (self->style_valid)
    return;
  liaison_map_style_clear (&self->style);
  liaison_map_style_init (&self->style, GTK_WIDGET (self));
  self->style_valid = TRUE;
}

typedef struct
{
  LiaisonMapRenderJob *job;
  LiaisonMapRect       area;      /* in points */
  double               scale;     /* logical pixels per point */
} RenderData;

static void
render_data_free (gpointer data)
{
  RenderData *render = data;

  liaison_map_render_job_free (render->job);
  g_free (render);
}

/* One thread draws for every view, one image at a time: a new image
 * cancels the one under way, and the thread keeps its fonts. */
static void
render_thread (gpointer data,
               gpointer user_data)
{
  static gboolean niced;
  g_autoptr(GTask) task = data;
  RenderData *render = g_task_get_task_data (task);
  cairo_surface_t *surface = NULL;

#ifdef __linux__
  /* The window's frames come first: the image is late rather than they. */
  if (!niced)
    niced = setpriority (PRIO_PROCESS, (id_t) syscall (SYS_gettid), 10) == 0 || TRUE;
#endif

  if (!g_task_return_error_if_cancelled (task))
    {
      surface = liaison_map_render (render->job, g_task_get_cancellable (task));
      if (surface == NULL)
        g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "cancelled");
      else
        g_task_return_pointer (task, surface, (GDestroyNotify) cairo_surface_destroy);
    }
}

static void
run_render (GTask *task)
{
  static GThreadPool *pool;

  if (g_once_init_enter (&pool))
    g_once_init_leave (&pool, g_thread_pool_new (render_thread, NULL, 1, TRUE, NULL));
  g_thread_pool_push (pool, task, NULL);
}

static void
render_done (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  LiaisonMapView *self = LIAISON_MAP_VIEW (object);
  RenderData *render = g_task_get_task_data (G_TASK (result));
  cairo_surface_t *surface = g_task_propagate_pointer (G_TASK (result), NULL);

  if (surface == NULL || g_task_get_cancellable (G_TASK (result)) != self->render_cancellable)
    {
      g_clear_pointer (&surface, cairo_surface_destroy);
      return;
    }
  g_clear_object (&self->render_cancellable);

  _liaison_map_view_drop_raster (self);
  self->raster = surface;
  self->raster_scale = render->scale;
  self->raster_x = render->area.x0;
  self->raster_y = render->area.y0;
  self->raster_width = (render->area.x1 - render->area.x0) * render->scale;
  self->raster_height = (render->area.y1 - render->area.y0) * render->scale;
  self->renders++;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* The part of the map to draw: the view and a margin around it, within the
 * map, no bigger than MAX_RASTER_PX device pixels. */
static gboolean
render_area (LiaisonMapView *self,
             LiaisonMapRect *area)
{
  LiaisonMapRect view, bounds;
  int device = gtk_widget_get_scale_factor (GTK_WIDGET (self));
  double margin = MARGIN;
  double width, height;

  _liaison_map_view_area (self, &view);
  liaison_map_scene_get_bounds (self->scene, &bounds);
  width = view.x1 - view.x0;
  height = view.y1 - view.y0;

  /* Outlines and labels reach a little out of the bounds. */
  bounds.x0 -= 12, bounds.y0 -= 12, bounds.x1 += 12, bounds.y1 += 12;
  for (;;)
    {
      area->x0 = MAX (view.x0 - margin * width, bounds.x0);
      area->y0 = MAX (view.y0 - margin * height, bounds.y0);
      area->x1 = MIN (view.x1 + margin * width, bounds.x1);
      area->y1 = MIN (view.y1 + margin * height, bounds.y1);
      if (area->x1 <= area->x0 || area->y1 <= area->y0)
        return FALSE;
      if ((area->x1 - area->x0) * (area->y1 - area->y0) * self->scale * self->scale * device * device <= MAX_RASTER_PX ||
          margin <= 0)
        break;
      margin = MAX (0, margin - 0.05);
    }

  /* Whole device pixels, so that the image lies on the pixel grid. */
  area->x0 = floor (area->x0 * self->scale * device) / (self->scale * device);
  area->y0 = floor (area->y0 * self->scale * device) / (self->scale * device);
  return TRUE;
}

void
_liaison_map_view_request_render (LiaisonMapView *self)
{
  RenderData *render;
  g_autoptr(GTask) task = NULL;
  int device;

  _liaison_map_view_cancel_render (self);
  if (self->scene == NULL || !gtk_widget_get_realized (GTK_WIDGET (self)) ||
      gtk_widget_get_width (GTK_WIDGET (self)) <= 0)
    return;

  render = g_new0 (RenderData, 1);
  if (!render_area (self, &render->area))
    {
      /* Nothing of the map is near the view. */
      g_free (render);
      _liaison_map_view_drop_raster (self);
      gtk_widget_queue_draw (GTK_WIDGET (self));
      return;
    }

  _liaison_map_view_ensure_style (self);
  device = gtk_widget_get_scale_factor (GTK_WIDGET (self));
  render->scale = self->scale;
  render->job = liaison_map_render_job_new (self->scene, &self->style, self->marks);
  render->job->scale = self->scale * device;
  render->job->x = render->area.x0;
  render->job->y = render->area.y0;
  render->job->width = (int) ceil ((render->area.x1 - render->area.x0) * render->job->scale);
  render->job->height = (int) ceil ((render->area.y1 - render->area.y0) * render->job->scale);
  render->area.x1 = render->area.x0 + render->job->width / render->job->scale;
  render->area.y1 = render->area.y0 + render->job->height / render->job->scale;

  self->render_area = render->area;
  self->render_scale = self->scale;
  self->render_cancellable = g_cancellable_new ();
  task = g_task_new (self, self->render_cancellable, render_done, NULL);
  g_task_set_source_tag (task, _liaison_map_view_request_render);
  g_task_set_task_data (task, render, render_data_free);
  run_render (g_steal_pointer (&task));
}

static void
render_settled_cb (gpointer data)
{
  LiaisonMapView *self = data;

  self->render_source = 0;
  _liaison_map_view_request_render (self);
}

static gboolean
covers (const LiaisonMapRect *outer,
        const LiaisonMapRect *inner,
        const LiaisonMapRect *bounds)
{
  /* What lies beyond the map need not be covered. */
  return outer->x0 <= MAX (inner->x0, bounds->x0) && outer->y0 <= MAX (inner->y0, bounds->y0) &&
         outer->x1 >= MIN (inner->x1, bounds->x1) && outer->y1 >= MIN (inner->y1, bounds->y1);
}

/* The view moved (_liaison_map_view_changed()): a new image when the old
 * one no longer serves. */
void
_liaison_map_view_render_moved (LiaisonMapView *self,
                                gboolean        zoomed)
{
  LiaisonMapRect view, bounds;

  if (zoomed)
    {
      /* The old image, scaled, stands in until the zoom settles. */
      g_clear_handle_id (&self->render_source, g_source_remove);
      self->render_source = g_timeout_add_once (SETTLE_MS, render_settled_cb, self);
      return;
    }

  /* A pan: a new image when the view leaves the one shown (or coming). */
  _liaison_map_view_area (self, &view);
  liaison_map_scene_get_bounds (self->scene, &bounds);
  if (self->render_cancellable != NULL && self->render_scale == self->scale)
    {
      if (!covers (&self->render_area, &view, &bounds))
        _liaison_map_view_request_render (self);
    }
  else if (self->render_source == 0)
    {
      LiaisonMapRect shown = { self->raster_x, self->raster_y,
                               self->raster_x + self->raster_width / MAX (self->raster_scale, 1e-9),
                               self->raster_y + self->raster_height / MAX (self->raster_scale, 1e-9) };

      if (self->raster == NULL || self->raster_scale != self->scale || !covers (&shown, &view, &bounds))
        _liaison_map_view_request_render (self);
    }
}

/* The image as a render node, made once for each image. */
GskRenderNode *
_liaison_map_view_raster_node (LiaisonMapView *self)
{
  g_autoptr(GtkSnapshot) snapshot = NULL;
  int device = gtk_widget_get_scale_factor (GTK_WIDGET (self));
  cairo_t *cr;

  if (self->raster_node != NULL)
    return self->raster_node;

  snapshot = gtk_snapshot_new ();
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, self->raster_width, self->raster_height));
  cairo_scale (cr, 1.0 / device, 1.0 / device);
  cairo_set_source_surface (cr, self->raster, 0, 0);
  /* Shown unscaled the image is copied as it is; scaled while a zoom goes
   * on, the nearest pixel costs a tenth of a smooth filter. */
  cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_FAST);
  cairo_paint (cr);
  cairo_destroy (cr);
  self->raster_node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  return self->raster_node;
}
