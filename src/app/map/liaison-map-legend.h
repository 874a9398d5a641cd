/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define LIAISON_TYPE_MAP_LEGEND (liaison_map_legend_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonMapLegend, liaison_map_legend, LIAISON, MAP_LEGEND, GtkWidget)

GtkWidget *liaison_map_legend_new           (void);
void       liaison_map_legend_set_selection (LiaisonMapLegend *self,
                                             gboolean          selection);

G_END_DECLS
