/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-communications-page"

#include "config.h"

#include "liaison-communications-page-private.h"
#include "liaison-test-utils.h"

#include "liaison-communication-dialog-private.h"

/*
 * The Communications page: its list searched and sorted, its columns, its
 * client device links.
 */

typedef LiaisonTestFixture Fixture;

static gboolean
search_applied (gpointer user_data)
{
  Fixture *fixture = user_data;

  return liaison_test_n_rows (fixture) == 1;
}

static gboolean
search_empty (gpointer user_data)
{
  Fixture *fixture = user_data;

  return liaison_test_n_rows (fixture) == 0;
}

static gboolean
list_settled (gpointer user_data)
{
  Fixture *fixture = user_data;

  return !liaison_communication_model_get_loading (liaison_communications_page_get_model (liaison_test_get_page (fixture)));
}

static void
test_search_and_sort (Fixture       *fixture,
                      gconstpointer  data)
{
  LiaisonCommunicationsPage *page = liaison_test_get_page (fixture);
  GtkColumnView *view = liaison_communications_page_get_column_view (page);
  GListModel *columns = gtk_column_view_get_columns (view);
  g_autoptr(GtkColumnViewColumn) port_column = NULL;
  g_autoptr(LiaisonCommunication) first = NULL;
  g_autoptr(LiaisonCommunication) found = NULL;
  GtkSearchEntry *entry = liaison_communications_page_get_search_entry (page);

  liaison_test_add_row (fixture->store, "10.0.0.1", "10.0.0.9", "8080", "zeta");
  liaison_test_add_row (fixture->store, "10.0.0.2", "10.0.0.9", "22", "eta");
  liaison_test_add_row (fixture->store, "10.0.0.3", "10.0.0.9", "443", "theta");
  liaison_test_flush ();

  /* Sorting by a header asks the database. Port is the fifth column. */
  port_column = g_list_model_get_item (columns, 4);
  g_assert_cmpstr (gtk_column_view_column_get_title (port_column), ==, "Port");
  gtk_column_view_sort_by_column (view, port_column, GTK_SORT_DESCENDING);
  /* The query runs in the background: the window goes on meanwhile. */
  g_assert_true (liaison_communication_model_get_loading (liaison_communications_page_get_model (page)));
  g_assert_true (liaison_test_wait (list_settled, fixture, 5000));
  first = liaison_test_get_row (fixture, 0);
  g_assert_cmpuint (liaison_communication_get_port (first), ==, 8080);
  g_clear_object (&first);

  gtk_column_view_sort_by_column (view, port_column, GTK_SORT_ASCENDING);
  g_assert_true (liaison_test_wait (list_settled, fixture, 5000));
  first = liaison_test_get_row (fixture, 0);
  g_assert_cmpuint (liaison_communication_get_port (first), ==, 22);

  /* Search filters as the user types. */
  gtk_widget_activate_action (GTK_WIDGET (page), "page.search", NULL);
  liaison_test_flush ();
  liaison_test_type (GTK_EDITABLE (entry), "thet");
  g_assert_true (liaison_test_wait (search_applied, fixture, 5000));
  found = liaison_test_get_row (fixture, 0);
  g_assert_cmpstr (liaison_communication_get_client_device (found), ==, "theta");

  gtk_editable_set_text (GTK_EDITABLE (entry), "no such thing");
  g_assert_true (liaison_test_wait (search_empty, fixture, 5000));
  g_assert_cmpstr (liaison_communications_page_get_visible_child_name (page), ==, "no-results");
}

static void
test_hidden_columns (Fixture       *fixture,
                     gconstpointer  data)
{
  LiaisonCommunicationsPage *page = liaison_test_get_page (fixture);
  GActionGroup *actions = liaison_communications_page_get_columns_actions (page);
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_auto(GStrv) hidden = NULL;
  g_autoptr(GtkColumnViewColumn) column = NULL;

  column = g_list_model_get_item (gtk_column_view_get_columns (liaison_communications_page_get_column_view (page)), 1);
  g_assert_cmpstr (gtk_column_view_column_get_title (column), ==, "Client IP");
  g_assert_true (gtk_column_view_column_get_visible (column));

  g_action_group_change_action_state (actions, "client_ip", g_variant_new_boolean (FALSE));
  liaison_test_flush ();
  hidden = g_settings_get_strv (settings, "hidden-columns");
  g_assert_true (g_strv_contains ((const char * const *) hidden, "client_ip"));
  g_assert_false (gtk_column_view_column_get_visible (column));

  g_action_group_change_action_state (actions, "client_ip", g_variant_new_boolean (TRUE));
  liaison_test_flush ();
  g_assert_true (gtk_column_view_column_get_visible (column));
}

static gboolean
is_link_to (GtkWidget     *widget,
            gconstpointer  name)
{
  GtkWidget *child = gtk_button_get_child (GTK_BUTTON (widget));

  return gtk_widget_get_mapped (widget) && gtk_widget_has_css_class (widget, "liaison-device-link") &&
         GTK_IS_INSCRIPTION (child) && g_strcmp0 (gtk_inscription_get_text (GTK_INSCRIPTION (child)), name) == 0;
}

static gboolean
is_mapped_link (GtkWidget     *widget,
                gconstpointer  data)
{
  return gtk_widget_get_mapped (widget) && gtk_widget_has_css_class (widget, "liaison-device-link");
}

static gboolean
is_no_device (GtkWidget     *widget,
              gconstpointer  data)
{
  return gtk_widget_get_mapped (widget) && gtk_widget_has_css_class (widget, "liaison-no-device");
}

/* A client device is a link to the row's Edit dialog; a row with none (a
 * flow names no device) shows a dash, not a link that says so. */
static void
test_device_links (Fixture       *fixture,
                   gconstpointer  data)
{
  LiaisonCommunicationsPage *page = liaison_test_get_page (fixture);
  gint64 named = liaison_test_add_row (fixture->store, "10.0.0.1", "10.0.0.9", "8080", "web01");
  LiaisonCommunicationDialog *dialog;
  GtkWidget *link;
  GtkWidget *none;

  liaison_test_add_row (fixture->store, "10.0.0.2", "10.0.0.9", "22", NULL);
  liaison_test_flush ();
  g_assert_cmpuint (liaison_test_n_rows (fixture), ==, 2);
  liaison_test_resize (fixture->window, 1200, 600);

  none = liaison_test_find_widget (GTK_WIDGET (page), GTK_TYPE_INSCRIPTION, is_no_device, NULL);
  g_assert_nonnull (none);
  g_assert_cmpstr (gtk_inscription_get_text (GTK_INSCRIPTION (none)), ==, "—");
  /* One link only: web01's. */
  link = liaison_test_find_widget (GTK_WIDGET (page), GTK_TYPE_BUTTON, is_mapped_link, NULL);
  g_assert_true (link == liaison_test_find_widget (GTK_WIDGET (page), GTK_TYPE_BUTTON, is_link_to, "web01"));
  g_assert_false (gtk_widget_is_ancestor (none, gtk_widget_get_parent (link)));

  gtk_widget_activate (link);
  dialog = LIAISON_COMMUNICATION_DIALOG (liaison_test_wait_for_window (LIAISON_TYPE_COMMUNICATION_DIALOG));
  g_assert_cmpint (liaison_communication_dialog_get_id (dialog), ==, named);
}

int
main (int   argc,
      char *argv[])
{
  liaison_test_init (&argc, &argv);

  liaison_test_add ("/communications-page/search-and-sort", test_search_and_sort, NULL);
  liaison_test_add ("/communications-page/hidden-columns", test_hidden_columns, NULL);
  liaison_test_add ("/communications-page/device-links", test_device_links, NULL);

  return g_test_run ();
}
