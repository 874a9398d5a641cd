/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-listener-columns"

#include "config.h"

#include "liaison-format.h"
#include "liaison-listener-list.h"
#include "liaison-stat-listener.h"
#include "liaison-tooltip.h"

/*
 * The Statistics page's list of listeners, column by column: each cell a
 * label (numbers right-aligned), each column sorted by a property of
 * LiaisonStatListener, and the Last Found cells shown again when the
 * display's time zone changes.
 */

static void
setup_label_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  user_data)
{
  float xalign = GPOINTER_TO_INT (user_data) ? 1.0f : 0.0f;
  GtkWidget *label = g_object_new (GTK_TYPE_LABEL,
                                   "xalign", xalign,
                                   "ellipsize", PANGO_ELLIPSIZE_END,
                                   NULL);

  if (xalign > 0)
    gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (item, label);
}

/* Shows @text in the cell of @item, with @tooltip (or none) over it. */
static void
show_cell (GtkListItem *item,
           const char  *text,
           const char  *tooltip)
{
  GtkWidget *label = gtk_list_item_get_child (item);

  gtk_label_set_label (GTK_LABEL (label), text);
  liaison_tooltip_set_text (label, tooltip);
}

static void
bind_listener_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  gpointer                  user_data)
{
  const char *title = liaison_stat_listener_get_title (gtk_list_item_get_item (item));

  show_cell (item, title, title);
}

static void
bind_device_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  user_data)
{
  const char *device = liaison_stat_listener_get_device (gtk_list_item_get_item (item));
  GtkWidget *label = gtk_list_item_get_child (item);

  show_cell (item, device != NULL ? device : LIAISON_FORMAT_NONE, device);
  if (device == NULL)
    gtk_widget_add_css_class (label, "dim-label");
  else
    gtk_widget_remove_css_class (label, "dim-label");
}

static void
bind_clients_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  user_data)
{
  LiaisonStatListener *listener = gtk_list_item_get_item (item);
  g_autofree char *text = liaison_format_count (liaison_stat_listener_get_clients (listener));

  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (item)), text);
}

static void
bind_last_found_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    gpointer                  user_data)
{
  LiaisonStatListener *listener = gtk_list_item_get_item (item);
  LiaisonTime last = liaison_stat_listener_get_last_found (listener);
  g_autofree char *text = liaison_format_time_short (last);
  g_autofree char *tooltip = last != LIAISON_TIME_NONE ? liaison_format_time_tooltip (last) : NULL;

  show_cell (item, text, tooltip);
}

static void
last_found_zone_changed_cb (GtkListItem *item)
{
  if (gtk_list_item_get_item (item) != NULL)
    bind_last_found_cb (NULL, item, NULL);
}

/* A last found cell shows its time again when the display zone changes. */
static void
setup_last_found_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *item,
                     gpointer                  user_data)
{
  g_signal_connect_object (liaison_display_zone_get_default (), "notify::time-zone",
                           G_CALLBACK (last_found_zone_changed_cb), item, G_CONNECT_SWAPPED);
}

static void
set_up_column (GtkColumnViewColumn *column,
               GCallback            bind,
               gboolean             numeric,
               const char          *sort_property,
               gboolean             string_sort)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  GtkExpression *expression;
  g_autoptr(GtkSorter) sorter = NULL;

  g_signal_connect (factory, "setup", G_CALLBACK (setup_label_cb), GINT_TO_POINTER (numeric));
  g_signal_connect (factory, "bind", bind, NULL);
  gtk_column_view_column_set_factory (column, factory);

  expression = gtk_property_expression_new (LIAISON_TYPE_STAT_LISTENER, NULL, sort_property);
  if (string_sort)
    sorter = GTK_SORTER (gtk_string_sorter_new (expression));
  else
    sorter = GTK_SORTER (gtk_numeric_sorter_new (expression));
  gtk_column_view_column_set_sorter (column, sorter);
}

/**
 * liaison_listener_columns_set_up:
 *
 * Gives the listener list's four columns their cells and sorters.
 */
void
liaison_listener_columns_set_up (GtkColumnViewColumn *listener,
                                 GtkColumnViewColumn *device,
                                 GtkColumnViewColumn *clients,
                                 GtkColumnViewColumn *last_found)
{
  set_up_column (listener, G_CALLBACK (bind_listener_cb), FALSE, "position", FALSE);
  set_up_column (device, G_CALLBACK (bind_device_cb), FALSE, "device", TRUE);
  set_up_column (clients, G_CALLBACK (bind_clients_cb), TRUE, "clients", FALSE);
  set_up_column (last_found, G_CALLBACK (bind_last_found_cb), FALSE, "last-found", FALSE);
  g_signal_connect (gtk_column_view_column_get_factory (last_found), "setup",
                    G_CALLBACK (setup_last_found_cb), NULL);
}
