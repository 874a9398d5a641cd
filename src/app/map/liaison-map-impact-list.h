/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "liaison-map-impact.h"

G_BEGIN_DECLS

#define LIAISON_TYPE_MAP_IMPACT_LIST (liaison_map_impact_list_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonMapImpactList, liaison_map_impact_list, LIAISON, MAP_IMPACT_LIST, GtkWidget)

GtkWidget  *liaison_map_impact_list_new         (LiaisonImpactDirection  direction);
void        liaison_map_impact_list_show        (LiaisonMapImpactList   *self,
                                                 LiaisonMap             *map,
                                                 const LiaisonImpact    *impact);
guint       liaison_map_impact_list_get_n_rows  (LiaisonMapImpactList   *self);
const char *liaison_map_impact_list_get_row_id  (LiaisonMapImpactList   *self,
                                                 guint                   position);
const char *liaison_map_impact_list_get_heading (LiaisonMapImpactList   *self);

G_END_DECLS
