/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-map-impact-list"

#include "config.h"

#include <glib/gi18n.h>

#include "liaison-map-page-parts.h"

/*
 * One side of a node's impact (map.md 4) as an ordinary list: a heading
 * with the count, then each node with how far it is ("calls it directly",
 * "2 steps away") and whether it is a hub, nearest first. A row activated
 * (Enter, a click) asks the page to show that node on the map. A GtkListBox,
 * not a list view: in GTK 4.8 its rows are what a screen reader reads best.
 */

/* An item ------------------------------------------------------------------------- */

#define LIAISON_TYPE_MAP_IMPACT_ITEM (liaison_map_impact_item_get_type ())
G_DECLARE_FINAL_TYPE (LiaisonMapImpactItem, liaison_map_impact_item, LIAISON, MAP_IMPACT_ITEM, GObject)

struct _LiaisonMapImpactItem
{
  GObject  parent_instance;

  guint    node;
  char    *id;
  guint    distance;
  gboolean hub;
};

G_DEFINE_FINAL_TYPE (LiaisonMapImpactItem, liaison_map_impact_item, G_TYPE_OBJECT)

static void
liaison_map_impact_item_finalize (GObject *object)
{
  g_free (LIAISON_MAP_IMPACT_ITEM (object)->id);
  G_OBJECT_CLASS (liaison_map_impact_item_parent_class)->finalize (object);
}

static void
liaison_map_impact_item_class_init (LiaisonMapImpactItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = liaison_map_impact_item_finalize;
}

static void
liaison_map_impact_item_init (LiaisonMapImpactItem *self)
{
}

/* The list ------------------------------------------------------------------------ */

struct _LiaisonMapImpactList
{
  AdwBin                  parent_instance;

  LiaisonImpactDirection  direction;
  GtkWidget              *box;
  GtkWidget              *heading;
  GtkWidget              *empty;
  GtkWidget              *list;
  GListStore             *items;
};

G_DEFINE_FINAL_TYPE (LiaisonMapImpactList, liaison_map_impact_list, ADW_TYPE_BIN)

enum
{
  NODE_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static char *
distance_text (LiaisonImpactDirection direction,
               guint                  distance)
{
  if (distance == 1)
    return g_strdup (direction == LIAISON_IMPACT_DEPENDENTS ? _("calls it directly") : _("called directly"));
  /* TRANSLATORS: how far a node is from the selected one, in lines */
  return g_strdup_printf (ngettext ("%u step away", "%u steps away", distance), distance);
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  LiaisonMapImpactList *self = user_data;
  LiaisonMapImpactItem *impact = item;
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *name = gtk_label_new (impact->id);
  g_autofree char *distance = distance_text (self->direction, impact->distance);
  GtkWidget *how = gtk_label_new (distance);

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_MIDDLE);
  gtk_widget_set_hexpand (name, TRUE);
  gtk_box_append (GTK_BOX (row), name);
  if (impact->hub)
    {
      /* TRANSLATORS: a node of an impact list that is a hub */
      GtkWidget *hub = gtk_label_new (_("hub"));

      gtk_widget_add_css_class (hub, "map-hub-badge");
      gtk_box_append (GTK_BOX (row), hub);
    }
  gtk_widget_add_css_class (how, "dim-label");
  gtk_widget_add_css_class (how, "caption");
  gtk_box_append (GTK_BOX (row), how);
  gtk_widget_set_margin_top (row, 4);
  gtk_widget_set_margin_bottom (row, 4);
  return row;
}

static void
row_activated_cb (LiaisonMapImpactList *self,
                  GtkListBoxRow        *row)
{
  g_autoptr(LiaisonMapImpactItem) item =
    g_list_model_get_item (G_LIST_MODEL (self->items), (guint) gtk_list_box_row_get_index (row));

  if (item != NULL)
    g_signal_emit (self, signals[NODE_ACTIVATED], 0, item->node);
}

static void
liaison_map_impact_list_dispose (GObject *object)
{
  LiaisonMapImpactList *self = LIAISON_MAP_IMPACT_LIST (object);

  g_clear_object (&self->items);

  G_OBJECT_CLASS (liaison_map_impact_list_parent_class)->dispose (object);
}

static void
liaison_map_impact_list_class_init (LiaisonMapImpactListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = liaison_map_impact_list_dispose;
  gtk_widget_class_set_css_name (widget_class, "mapimpactlist");

  /**
   * LiaisonMapImpactList::node-activated:
   * @node: the node of the row
   */
  signals[NODE_ACTIVATED] = g_signal_new ("node-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
}

static void
liaison_map_impact_list_init (LiaisonMapImpactList *self)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  self->items = g_list_store_new (LIAISON_TYPE_MAP_IMPACT_ITEM);
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  adw_bin_set_child (ADW_BIN (self), self->box);

  self->heading = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->heading), 0);
  gtk_label_set_wrap (GTK_LABEL (self->heading), TRUE);
  gtk_widget_add_css_class (self->heading, "heading");
  gtk_box_append (GTK_BOX (self->box), self->heading);

  self->empty = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->empty), 0);
  gtk_label_set_wrap (GTK_LABEL (self->empty), TRUE);
  gtk_widget_add_css_class (self->empty, "dim-label");
  gtk_box_append (GTK_BOX (self->box), self->empty);

  self->list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (self->list, "boxed-list");
  gtk_list_box_bind_model (GTK_LIST_BOX (self->list), G_LIST_MODEL (self->items), create_row, self, NULL);
  g_signal_connect_swapped (self->list, "row-activated", G_CALLBACK (row_activated_cb), self);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                  self->heading, NULL, -1);

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), self->list);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (self->box), scrolled);
}

GtkWidget *
liaison_map_impact_list_new (LiaisonImpactDirection direction)
{
  LiaisonMapImpactList *self = g_object_new (LIAISON_TYPE_MAP_IMPACT_LIST, NULL);

  self->direction = direction;
  liaison_map_impact_list_show (self, NULL, NULL);
  return GTK_WIDGET (self);
}

/**
 * liaison_map_impact_list_show:
 * @map: (nullable): the map of @impact
 * @impact: (nullable): what to list; %NULL for nothing
 */
void
liaison_map_impact_list_show (LiaisonMapImpactList *self,
                              LiaisonMap           *map,
                              const LiaisonImpact  *impact)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *heading = NULL;
  const char *origin = NULL;
  guint n = impact != NULL ? impact->nodes->len : 0;

  g_return_if_fail (LIAISON_IS_MAP_IMPACT_LIST (self));

  if (impact != NULL)
    {
      origin = liaison_map_get_node (map, impact->origin)->id;
      for (guint i = 0; i < n; i++)
        {
          const LiaisonImpactNode *found = &g_array_index (impact->nodes, LiaisonImpactNode, i);
          LiaisonMapImpactItem *item = g_object_new (LIAISON_TYPE_MAP_IMPACT_ITEM, NULL);

          item->node = found->node;
          item->id = g_strdup (liaison_map_get_node (map, found->node)->id);
          item->distance = found->distance;
          item->hub = found->hub;
          g_ptr_array_add (items, item);
        }
    }

  if (self->direction == LIAISON_IMPACT_DEPENDENTS)
    heading = origin != NULL
              /* TRANSLATORS: %s is a node of the map, %u how many nodes depend on it */
              ? g_strdup_printf (ngettext ("What breaks if %s goes away: %u node",
                                           "What breaks if %s goes away: %u nodes", n), origin, n)
              : g_strdup (_("What breaks if it goes away"));
  else
    heading = origin != NULL
              /* TRANSLATORS: %s is a node of the map, %u how many nodes it depends on */
              ? g_strdup_printf (ngettext ("What %s needs: %u node", "What %s needs: %u nodes", n), origin, n)
              : g_strdup (_("What it needs"));
  gtk_label_set_text (GTK_LABEL (self->heading), heading);

  gtk_label_set_text (GTK_LABEL (self->empty),
                      origin == NULL ? ""
                      : self->direction == LIAISON_IMPACT_DEPENDENTS ? _("Nothing on this map depends on it.")
                      : _("It depends on nothing on this map."));
  gtk_widget_set_visible (self->empty, origin != NULL && n == 0);

  g_list_store_splice (self->items, 0, g_list_model_get_n_items (G_LIST_MODEL (self->items)),
                       items->pdata, items->len);
  gtk_widget_set_visible (self->list, n > 0);
}

guint
liaison_map_impact_list_get_n_rows (LiaisonMapImpactList *self)
{
  g_return_val_if_fail (LIAISON_IS_MAP_IMPACT_LIST (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->items));
}

/* The node id of row @position (the list holds it), for tests; NULL past the end. */
const char *
liaison_map_impact_list_get_row_id (LiaisonMapImpactList *self,
                                    guint                 position)
{
  g_autoptr(LiaisonMapImpactItem) item = NULL;

  g_return_val_if_fail (LIAISON_IS_MAP_IMPACT_LIST (self), NULL);

  item = g_list_model_get_item (G_LIST_MODEL (self->items), position);
  return item != NULL ? item->id : NULL;
}

const char *
liaison_map_impact_list_get_heading (LiaisonMapImpactList *self)
{
  g_return_val_if_fail (LIAISON_IS_MAP_IMPACT_LIST (self), NULL);

  return gtk_label_get_text (GTK_LABEL (self->heading));
}
