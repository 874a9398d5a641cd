/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "liaison-map-scene.h"

G_BEGIN_DECLS

#define LIAISON_TYPE_MAP_VIEW (liaison_map_view_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonMapView, liaison_map_view, LIAISON, MAP_VIEW, GtkWidget)

GtkWidget       *liaison_map_view_new          (void);
void             liaison_map_view_set_scene    (LiaisonMapView  *self,
                                                LiaisonMapScene *scene,
                                                gboolean         keep_view);
LiaisonMapScene *liaison_map_view_get_scene    (LiaisonMapView  *self);
guint            liaison_map_view_get_selected (LiaisonMapView  *self);
void             liaison_map_view_select       (LiaisonMapView  *self,
                                                guint            node);
void             liaison_map_view_set_marks    (LiaisonMapView  *self,
                                                const guint8    *marks);
void             liaison_map_view_show_node    (LiaisonMapView  *self,
                                                guint            node);
void             liaison_map_view_zoom         (LiaisonMapView  *self,
                                                double           factor,
                                                double           x,
                                                double           y);
void             liaison_map_view_zoom_step    (LiaisonMapView  *self,
                                                int              steps);
void             liaison_map_view_fit          (LiaisonMapView  *self);
double           liaison_map_view_get_zoom     (LiaisonMapView  *self);
void             liaison_map_view_popup_menu   (LiaisonMapView  *self,
                                                GMenuModel      *model,
                                                double           x,
                                                double           y);

G_END_DECLS
