/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "liaison-map-compare.h"
#include "liaison-map-impact.h"
#include "liaison-store.h"

G_BEGIN_DECLS

/* The parts of the Map page beside the map view: its filter controls
 * (liaison-map-filter-bar.c), the legend (liaison-map-legend.c), a list of
 * dependents or dependencies (liaison-map-impact-list.c), and the windows
 * it opens over itself, its groups (liaison-group-dialog.c) and a
 * comparison of two periods (liaison-compare-dialog.c). */

#define LIAISON_TYPE_MAP_FILTER_BAR (liaison_map_filter_bar_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonMapFilterBar, liaison_map_filter_bar, LIAISON, MAP_FILTER_BAR, AdwBin)

GtkWidget *liaison_map_filter_bar_new (GSettings *settings,
                                       gboolean   down);

#define LIAISON_TYPE_MAP_LEGEND (liaison_map_legend_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonMapLegend, liaison_map_legend, LIAISON, MAP_LEGEND, AdwBin)

GtkWidget *liaison_map_legend_new           (void);
void       liaison_map_legend_set_selection (LiaisonMapLegend *self,
                                             gboolean          selection);

#define LIAISON_TYPE_MAP_IMPACT_LIST (liaison_map_impact_list_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonMapImpactList, liaison_map_impact_list, LIAISON, MAP_IMPACT_LIST, AdwBin)

GtkWidget  *liaison_map_impact_list_new         (LiaisonImpactDirection  direction);
void        liaison_map_impact_list_show        (LiaisonMapImpactList   *self,
                                                 LiaisonMap             *map,
                                                 const LiaisonImpact    *impact);
guint       liaison_map_impact_list_get_n_rows  (LiaisonMapImpactList   *self);
const char *liaison_map_impact_list_get_row_id  (LiaisonMapImpactList   *self,
                                                 guint                   position);
const char *liaison_map_impact_list_get_heading (LiaisonMapImpactList   *self);

#define LIAISON_TYPE_GROUP_DIALOG (liaison_group_dialog_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonGroupDialog, liaison_group_dialog, LIAISON, GROUP_DIALOG, AdwWindow)

GtkWidget *liaison_group_dialog_new (GtkWidget          *widget,
                                     LiaisonStore       *store,
                                     const char * const *adding);

#define LIAISON_TYPE_COMPARE_DIALOG (liaison_compare_dialog_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonCompareDialog, liaison_compare_dialog, LIAISON, COMPARE_DIALOG, AdwWindow)

GtkWidget *liaison_compare_dialog_new     (GtkWidget              *widget,
                                           LiaisonStore           *store,
                                           const LiaisonMapFilter *filter);
void       liaison_compare_dialog_compare (LiaisonCompareDialog   *self,
                                           const char             *before_from,
                                           const char             *before_to,
                                           const char             *after_from,
                                           const char             *after_to);
gboolean   liaison_compare_dialog_get_busy (LiaisonCompareDialog  *self);
GtkWidget *liaison_compare_dialog_get_list (LiaisonCompareDialog  *self,
                                            LiaisonCompareState    state);

G_END_DECLS
