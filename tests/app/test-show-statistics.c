/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * From a row of the Communications page to its listener on the Statistics
 * page (Show Statistics), and the listener export entry of the main menu.
 */
#include "config.h"

#include <glib/gstdio.h>

#include "liaison-communications-page-private.h"
#include "liaison-import.h"
#include "liaison-test-utils.h"

typedef LiaisonTestFixture Fixture;

/* The first widget below @root of @type for which @match says yes. */
static GtkWidget *
find_widget (GtkWidget *root,
             GType      type,
             gboolean (*match) (GtkWidget *widget, gpointer data),
             gpointer   data)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) && (match == NULL || match (root, data)))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type, match, data);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The heading of the listener shown (the list of listeners has the same
 * text in a row, which does not count). */
static gboolean
heading_is (GtkWidget *widget,
            gpointer   text)
{
  return gtk_widget_has_css_class (widget, "title-2") &&
         g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0 &&
         gtk_widget_is_drawable (widget);
}

static gboolean
statistics_shown (gpointer user_data)
{
  Fixture *fixture = user_data;
  GtkWidget *stack = find_widget (GTK_WIDGET (fixture->window), ADW_TYPE_VIEW_STACK, NULL, NULL);

  return g_strcmp0 (adw_view_stack_get_visible_child_name (ADW_VIEW_STACK (stack)), "statistics") == 0 &&
         find_widget (GTK_WIDGET (fixture->window), GTK_TYPE_LABEL, heading_is, (gpointer) "10.0.0.5:443/tcp") != NULL;
}

static gboolean
rows_shown (gpointer user_data)
{
  Fixture *fixture = user_data;
  LiaisonCommunicationsPage *page = LIAISON_COMMUNICATIONS_PAGE (liaison_window_get_communications_page (fixture->window));

  return g_list_model_get_n_items (G_LIST_MODEL (liaison_communications_page_get_model (page))) == 2;
}

static void
import_flows (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "flows.csv", NULL);
  const char *paths[] = { path, NULL };
  LiaisonImportOptions options = { 0 };

  /* Two listeners, so that the one shown is the one asked for. */
  g_assert_true (g_file_set_contents (path,
                                      "start,end,client_ip,client_port,listener_ip,listener_port,protocol\n"
                                      "2026-11-27T00:01:15Z,,10.0.0.9,50000,10.0.0.5,443,tcp\n"
                                      "2026-11-27T00:01:20Z,,10.0.0.9,50001,10.0.0.4,22,tcp\n",
                                      -1, &error));
  options.kind = LIAISON_SAMPLE_NETFLOW;
  options.interval = 60;
  options.start = LIAISON_TIME_NONE;
  options.time = LIAISON_TIME_NONE;
  g_assert_true (liaison_import_files (fixture->store, &options, paths, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_remove (path);
}

static void
test_show_statistics (Fixture       *fixture,
                      gconstpointer  data)
{
  LiaisonCommunicationsPage *page = LIAISON_COMMUNICATIONS_PAGE (liaison_window_get_communications_page (fixture->window));
  GtkSelectionModel *selection;
  GListModel *model;
  guint position = G_MAXUINT;

  import_flows (fixture);
  g_assert_true (liaison_test_wait (rows_shown, fixture, 5000));

  /* Select the row of 10.0.0.5:443 and ask for its statistics. */
  selection = gtk_column_view_get_model (liaison_communications_page_get_column_view (page));
  model = G_LIST_MODEL (selection);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(LiaisonCommunicationRow) row = g_list_model_get_item (model, i);

      if (liaison_communication_get_port (liaison_communication_row_get_communication (row)) == 443)
        position = i;
    }
  g_assert_cmpuint (position, !=, G_MAXUINT);
  gtk_selection_model_select_item (selection, position, TRUE);
  liaison_test_flush ();

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "page.show-statistics", NULL));
  g_assert_true (liaison_test_wait (statistics_shown, fixture, 5000));

  /* The main menu offers the listener's own export. */
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (fixture->window), "export-listener-statistics"));
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (fixture->window), "export-listener-statistics"));
}

int
main (int argc, char **argv)
{
  liaison_test_init (&argc, &argv);

  g_test_add ("/window/show-statistics", Fixture, NULL, liaison_test_fixture_setup, test_show_statistics,
              liaison_test_fixture_teardown);

  return g_test_run ();
}
