/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-map-node-item"

#include "config.h"

#include "liaison-map-node-item.h"

/*
 * A node of the map as the keyboard and a screen reader know it. In GTK 4.8
 * what a widget draws has no accessible parts, so each node is one of
 * these: an empty, focusable button placed over the node, named "db01, 12
 * dependents, 3 dependencies". The map view draws the node and its focus
 * ring; these draw nothing and take no pointer events.
 */

struct _LiaisonMapNodeItem
{
  GtkWidget parent_instance;

  guint     node;
};

G_DEFINE_FINAL_TYPE (LiaisonMapNodeItem, liaison_map_node_item, GTK_TYPE_WIDGET)

static void
liaison_map_node_item_class_init (LiaisonMapNodeItemClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_css_name (widget_class, "mapnode");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_BUTTON);
}

static void
liaison_map_node_item_init (LiaisonMapNodeItem *self)
{
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_can_target (GTK_WIDGET (self), FALSE);
}

GtkWidget *
liaison_map_node_item_new (guint       node,
                           const char *label)
{
  LiaisonMapNodeItem *self = g_object_new (LIAISON_TYPE_MAP_NODE_ITEM, NULL);

  self->node = node;
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  return GTK_WIDGET (self);
}

guint
liaison_map_node_item_get_node (LiaisonMapNodeItem *self)
{
  g_return_val_if_fail (LIAISON_IS_MAP_NODE_ITEM (self), G_MAXUINT);

  return self->node;
}
