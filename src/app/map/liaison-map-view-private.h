/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "liaison-map-render.h"
#include "liaison-map-style.h"
#include "liaison-map-view.h"

G_BEGIN_DECLS

/*
 * The map view's own, shared by its three files: liaison-map-view.c (the
 * view, its drawing and its node items), liaison-map-view-raster.c (the
 * image of the map, drawn off the main thread) and liaison-map-view-input.c
 * (what the pointer, touch and the keyboard do to it); and what the tests steer.
 */

struct _LiaisonMapView
{
  GtkWidget           parent_instance;

  LiaisonMapScene    *scene;
  LiaisonMapStyle     style;
  gboolean            style_valid;
  guint8             *marks;          /* LiaisonMapMark per node, or NULL */

  /* The view: widget = layout * scale + offset. */
  double              scale;
  double              offset_x;
  double              offset_y;
  gboolean            fit;            /* fit again on resize, until moved */
  int                 width;          /* as last allocated */
  int                 height;

  guint               selected;
  guint               hovered_node;
  guint               hovered_link;
  guint               focus_node;     /* the node item with the focus, or NONE */

  /* The image of the map around the view, drawn in a worker thread. */
  cairo_surface_t    *raster;
  double              raster_scale;   /* logical pixels per point */
  double              raster_x;       /* the point at its top left corner */
  double              raster_y;
  double              raster_width;   /* logical pixels */
  double              raster_height;
  GskRenderNode      *raster_node;    /* the image as a render node, kept until it changes */
  GCancellable       *render_cancellable;
  LiaisonMapRect      render_area;    /* what the render under way covers, in points */
  double              render_scale;
  guint               render_source;  /* a render asked for after the view settles */
  guint               renders;        /* renders done, for tests and benchmarks */

  /* The node items, one per node, and when to put them where the nodes are. */
  GPtrArray          *items;
  guint               place_source;

  GtkWidget          *menu;           /* a node's menu, a popover */

  /* Interaction */
  double              drag_offset_x;
  double              drag_offset_y;
  gboolean            dragging;
  double              zoom_start_scale;
  double              pointer_x;
  double              pointer_y;
};

enum
{
  LIAISON_MAP_VIEW_SELECTION_CHANGED,
  LIAISON_MAP_VIEW_NODE_ACTIVATED,
  LIAISON_MAP_VIEW_CONTEXT_MENU,
  LIAISON_MAP_VIEW_N_SIGNALS
};

extern guint liaison_map_view_signals[LIAISON_MAP_VIEW_N_SIGNALS];

/* For liaison-map-view-input.c and liaison-map-view-raster.c */
void     _liaison_map_view_class_init_input (GtkWidgetClass *widget_class);
void     _liaison_map_view_init_input       (LiaisonMapView *self);
void     _liaison_map_view_changed          (LiaisonMapView *self,
                                             gboolean        zoomed);
void     _liaison_map_view_set_hover        (LiaisonMapView *self,
                                             guint           node,
                                             guint           link);
void     _liaison_map_view_focus_node       (LiaisonMapView *self,
                                             guint           node);
void     _liaison_map_view_to_layout        (LiaisonMapView *self,
                                             double          x,
                                             double          y,
                                             double         *lx,
                                             double         *ly);
double   _liaison_map_view_min_scale        (LiaisonMapView *self);
void     _liaison_map_view_area             (LiaisonMapView *self,
                                             LiaisonMapRect *area);

/* For liaison-map-view-raster.c */
void     _liaison_map_view_request_render   (LiaisonMapView *self);
void     _liaison_map_view_cancel_render    (LiaisonMapView *self);
void     _liaison_map_view_drop_raster      (LiaisonMapView *self);
void     _liaison_map_view_ensure_style     (LiaisonMapView *self);
void     _liaison_map_view_render_moved     (LiaisonMapView *self,
                                             gboolean        zoomed);
GskRenderNode *_liaison_map_view_raster_node (LiaisonMapView *self);

/* What the tests and the benchmark look at and steer. */
gboolean liaison_map_view_is_rendered       (LiaisonMapView *self);
guint    liaison_map_view_get_n_renders     (LiaisonMapView *self);
void     liaison_map_view_node_position     (LiaisonMapView *self,
                                             guint           node,
                                             double         *x,
                                             double         *y);
void     liaison_map_view_pan               (LiaisonMapView *self,
                                             double          dx,
                                             double          dy);
guint    liaison_map_view_get_focus_node    (LiaisonMapView *self);
GtkWidget *liaison_map_view_get_item        (LiaisonMapView *self,
                                             guint           node);
char    *liaison_map_view_dup_tooltip_markup (LiaisonMapView *self,
                                             double          x,
                                             double          y,
                                             GdkRectangle   *area);

G_END_DECLS
