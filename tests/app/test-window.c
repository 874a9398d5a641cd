/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-window"

#include "config.h"

#include <glib/gstdio.h>

#include "liaison-communications-page-private.h"
#include "liaison-import.h"
#include "liaison-statistics-page-private.h"
#include "liaison-test-utils.h"

/*
 * The main window: its pages, and the keys that act on the page in view.
 */

typedef LiaisonTestFixture Fixture;

static void
test_empty_database (Fixture       *fixture,
                     gconstpointer  data)
{
  LiaisonCommunicationsPage *page = liaison_test_get_page (fixture);

  g_assert_cmpuint (liaison_test_n_rows (fixture), ==, 0);
  g_assert_cmpstr (liaison_communications_page_get_visible_child_name (page), ==, "empty");
  g_assert_true (GTK_IS_BIN_LAYOUT (gtk_widget_get_layout_manager (GTK_WIDGET (page))));
  g_assert_true (ADW_IS_BIN (liaison_window_get_statistics_bin (fixture->window)));
}

static GtkWidget *
statistics_search (Fixture *fixture)
{
  return GTK_WIDGET (liaison_statistics_page_get_search_entry (fixture->window->statistics_page));
}

/* Whether the keyboard focus is in @widget. */
static gboolean
has_focus_in (GtkWidget *widget)
{
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (widget));

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

static gboolean
statistics_search_focused (gpointer user_data)
{
  return has_focus_in (statistics_search (user_data));
}

static gboolean
communications_search_focused (gpointer user_data)
{
  Fixture *fixture = user_data;
  GtkSearchEntry *entry = liaison_communications_page_get_search_entry (liaison_test_get_page (fixture));
  gboolean search_mode = FALSE;

  g_object_get (liaison_test_get_page (fixture), "search-mode", &search_mode, NULL);
  return search_mode && has_focus_in (GTK_WIDGET (entry));
}

static gboolean
communications_search_closed (gpointer user_data)
{
  gboolean search_mode = TRUE;

  g_object_get (liaison_test_get_page (user_data), "search-mode", &search_mode, NULL);
  return !search_mode;
}

static void
show_page (Fixture    *fixture,
           const char *name)
{
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (fixture->window->stack), name);
  liaison_test_flush ();
}

static void
test_find_acts_on_the_page_in_view (Fixture       *fixture,
                                    gconstpointer  data)
{
  GtkWidget *search_button = fixture->window->search_button;

  /* On the Statistics page, Ctrl+F goes to its listener search... */
  show_page (fixture, "statistics");
  liaison_test_press_keys (GTK_WINDOW (fixture->window), "ctrl+f");
  g_assert_true (liaison_test_wait (statistics_search_focused, fixture, 5000));
  /* ...and leaves the Communications page's search alone. */
  liaison_test_flush ();
  g_assert_true (communications_search_closed (fixture));
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (search_button)));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (ADW_VIEW_STACK (fixture->window->stack)), ==, "statistics");

  /* On the Communications page, it opens that page's search, as the
   * header bar's search button shows... */
  show_page (fixture, "communications");
  liaison_test_press_keys (GTK_WINDOW (fixture->window), "ctrl+f");
  g_assert_true (liaison_test_wait (communications_search_focused, fixture, 5000));
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (search_button)));
  g_assert_false (has_focus_in (statistics_search (fixture)));

  /* ...and closes it again. */
  liaison_test_press_keys (GTK_WINDOW (fixture->window), "ctrl+f");
  g_assert_true (liaison_test_wait (communications_search_closed, fixture, 5000));
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (search_button)));
}

static gboolean
statistics_loaded (gpointer user_data)
{
  Fixture *fixture = user_data;

  return !liaison_statistics_page_get_loading (fixture->window->statistics_page);
}

/* Presses @keys and returns the title of the file chooser they open. */
/* Presses @keys and returns the title of the file chooser they open. */
static char *
press_for_chooser (Fixture    *fixture,
                   const char *keys)
{
  GtkFileChooser *chooser;
  char *title;

  liaison_test_press_keys (GTK_WINDOW (fixture->window), keys);
  chooser = liaison_test_wait_for_chooser ();
  title = g_strdup (gtk_window_get_title (GTK_WINDOW (chooser)));
  liaison_test_answer_chooser (chooser, GTK_RESPONSE_CANCEL);

  return title;
}

static void
test_export_acts_on_the_page_in_view (Fixture       *fixture,
                                      gconstpointer  data)
{
  g_autofree char *statistics_title = NULL;
  g_autofree char *communications_title = NULL;

  /* Listeners to export, and rows to select. */
  liaison_test_import_netstat (fixture->store, "netstat-tanp.txt", "web01", LIAISON_TIME_NONE);
  g_assert_cmpuint (liaison_test_n_rows (fixture), >, 0);
  g_assert_true (liaison_test_wait (statistics_loaded, fixture, 5000));

  /* On the Statistics page, Ctrl+E exports the statistics. */
  show_page (fixture, "statistics");
  statistics_title = press_for_chooser (fixture, "ctrl+e");
  g_assert_cmpstr (statistics_title, ==, "Export Statistics");

  /* On the Communications page, it exports the selected rows. */
  show_page (fixture, "communications");
  gtk_widget_activate_action (GTK_WIDGET (liaison_test_get_page (fixture)), "page.select-all", NULL);
  liaison_test_flush ();
  communications_title = press_for_chooser (fixture, "ctrl+e");
  g_assert_cmpstr (communications_title, ==, "Export Selected as CSV");

  /* The application keeps no accelerator of its own for either key. */
  for (const char *accel[] = { "<Control>f", "<Control>e" }, **a = accel; a < accel + 2; a++)
    {
      g_auto(GStrv) actions = gtk_application_get_actions_for_accel (GTK_APPLICATION (fixture->app), *a);

      g_assert_cmpuint (g_strv_length (actions), ==, 0);
    }
}

/* Show Statistics: from a row of the Communications page to its listener
 * on the Statistics page, and the listener export entry of the main menu. */

/* The heading of the listener shown (the list of listeners has the same
 * text in a row, which does not count). */
static gboolean
heading_is (GtkWidget     *widget,
            gconstpointer  text)
{
  return gtk_widget_has_css_class (widget, "title-2") &&
         g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0 &&
         gtk_widget_is_drawable (widget);
}

static gboolean
statistics_shown (gpointer user_data)
{
  Fixture *fixture = user_data;

  return g_strcmp0 (adw_view_stack_get_visible_child_name (ADW_VIEW_STACK (fixture->window->stack)), "statistics") == 0 &&
         liaison_test_find_widget (GTK_WIDGET (fixture->window), GTK_TYPE_LABEL, heading_is, "10.0.0.5:443/tcp") != NULL;
}

static gboolean
rows_shown (gpointer user_data)
{
  LiaisonCommunicationsPage *page = liaison_test_get_page (user_data);

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
  LiaisonCommunicationsPage *page = liaison_test_get_page (fixture);
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
main (int   argc,
      char *argv[])
{
  liaison_test_init (&argc, &argv);

  liaison_test_add ("/window/empty-database", test_empty_database, NULL);
  liaison_test_add ("/window/find-acts-on-the-page-in-view", test_find_acts_on_the_page_in_view, NULL);
  liaison_test_add ("/window/export-acts-on-the-page-in-view", test_export_acts_on_the_page_in_view, NULL);
  liaison_test_add ("/window/show-statistics", test_show_statistics, NULL);

  return g_test_run ();
}
