/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define LIAISON_TYPE_MAP_NODE_ITEM (liaison_map_node_item_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonMapNodeItem, liaison_map_node_item, LIAISON, MAP_NODE_ITEM, GtkWidget)

GtkWidget *liaison_map_node_item_new      (guint               node,
                                           const char         *label);
guint      liaison_map_node_item_get_node (LiaisonMapNodeItem *self);

G_END_DECLS
