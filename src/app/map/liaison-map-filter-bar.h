/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define LIAISON_TYPE_MAP_FILTER_BAR (liaison_map_filter_bar_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonMapFilterBar, liaison_map_filter_bar, LIAISON, MAP_FILTER_BAR, GtkWidget)

GtkWidget *liaison_map_filter_bar_new (GSettings *settings,
                                       gboolean   down);

G_END_DECLS
