/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-window"

#include "config.h"

#include <glib/gstdio.h>

#include "liaison-communications-page-private.h"
#include "liaison-import.h"
#include "liaison-import-dialog-private.h"
#include "liaison-statistics-page-private.h"
#include "liaison-test-pg.h"
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

static gboolean
search_button_active (Fixture *fixture)
{
  return gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (fixture->window->search_button));
}

/* The header bar's search button, clicked, acts on the page in view as
 * Ctrl+F does, and shows the state of that page's search. */
static void
test_search_button_acts_on_the_page_in_view (Fixture       *fixture,
                                             gconstpointer  data)
{
  GtkWidget *search_button = fixture->window->search_button;

  liaison_test_import_netstat (fixture->store, "netstat-tanp.txt", "web01", LIAISON_TIME_NONE);
  g_assert_true (liaison_test_wait (statistics_loaded, fixture, 5000));

  /* On the Statistics page it goes to the listener search, and leaves the
   * Communications page's search closed. */
  show_page (fixture, "statistics");
  g_assert_false (search_button_active (fixture));
  gtk_widget_activate (search_button);
  g_assert_true (liaison_test_wait (statistics_search_focused, fixture, 5000));
  liaison_test_flush ();
  g_assert_true (communications_search_closed (fixture));
  g_assert_false (search_button_active (fixture));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (ADW_VIEW_STACK (fixture->window->stack)), ==, "statistics");

  /* On the Communications page it opens that page's search, and shows it
   * open... */
  show_page (fixture, "communications");
  gtk_widget_activate (search_button);
  g_assert_true (liaison_test_wait (communications_search_focused, fixture, 5000));
  g_assert_true (search_button_active (fixture));

  /* ...but not on the Statistics page, where a click still goes to the
   * listener search and the Communications page's search stays open... */
  show_page (fixture, "statistics");
  g_assert_false (search_button_active (fixture));
  gtk_widget_activate (search_button);
  g_assert_true (liaison_test_wait (statistics_search_focused, fixture, 5000));
  g_assert_false (search_button_active (fixture));
  g_assert_false (communications_search_closed (fixture));

  /* ...until it is closed from its own page. */
  show_page (fixture, "communications");
  g_assert_true (search_button_active (fixture));
  gtk_widget_activate (search_button);
  g_assert_true (liaison_test_wait (communications_search_closed, fixture, 5000));
  g_assert_false (search_button_active (fixture));
}

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
      /* Once read: a server's rows come from a worker. */
      g_autoptr(LiaisonCommunication) communication = liaison_test_get_row (fixture, i);

      if (liaison_communication_get_port (communication) == 443)
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

/* A label that reads @text and is on the screen. */
static gboolean
is_shown_label (GtkWidget     *widget,
                gconstpointer  text)
{
  return g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0 && gtk_widget_get_mapped (widget);
}

typedef struct
{
  GtkWidget  *root;
  const char *text;
} ShownLabel;

static gboolean
label_shown (gpointer user_data)
{
  ShownLabel *shown = user_data;

  return liaison_test_find_widget (shown->root, GTK_TYPE_LABEL, is_shown_label, shown->text) != NULL;
}

/* Export Statistics… from the main menu while the Communications page
 * shows: the toast that says it is done shows there, not on the hidden
 * Statistics page. */
static void
test_toast_where_the_user_is (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GFile) folder = g_file_new_for_path (fixture->dir);
  g_autofree char *path = g_build_filename (fixture->dir, "statistics.json", NULL);
  GtkFileChooser *chooser;
  ShownLabel done = { GTK_WIDGET (fixture->window), "Statistics exported to statistics.json" };

  liaison_test_import_netstat (fixture->store, "netstat-tanp.txt", "web01", LIAISON_TIME_NONE);
  g_assert_true (liaison_test_wait (statistics_loaded, fixture, 5000));
  show_page (fixture, "communications");

  g_action_group_activate_action (G_ACTION_GROUP (fixture->window), "export-statistics", NULL);
  chooser = liaison_test_wait_for_chooser ();
  g_assert_true (gtk_file_chooser_set_current_folder (chooser, folder, NULL));
  gtk_file_chooser_set_current_name (chooser, "statistics.json");
  liaison_test_answer_chooser (chooser, GTK_RESPONSE_ACCEPT);

  g_assert_true (liaison_test_wait (label_shown, &done, 10000));
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (ADW_VIEW_STACK (fixture->window->stack)), ==, "communications");
}

static gboolean
offers (GtkFileFilter *filter,
        const char    *name,
        const char    *content_type)
{
  g_autoptr(GFileInfo) info = g_file_info_new ();

  g_file_info_set_display_name (info, name);
  g_file_info_set_content_type (info, content_type);
  return gtk_filter_match (GTK_FILTER (filter), info);
}

/* Import Samples… offers the files Liaison reads, and not packet captures. */
static void
test_import_filter (Fixture       *fixture,
                    gconstpointer  data)
{
  GtkFileChooser *chooser;
  g_autoptr(GListModel) filters = NULL;
  g_autoptr(GtkFileFilter) samples = NULL;

  g_action_group_activate_action (G_ACTION_GROUP (fixture->window), "import", NULL);
  chooser = GTK_FILE_CHOOSER (liaison_test_wait_for_window (GTK_TYPE_FILE_CHOOSER_DIALOG));
  filters = gtk_file_chooser_get_filters (chooser);
  samples = g_list_model_get_item (filters, 0);
  g_assert_true (gtk_file_chooser_get_filter (chooser) == samples);

  g_assert_true (offers (samples, "web01-ss.txt", "text/plain"));
  g_assert_true (offers (samples, "flows.csv", "text/csv"));
  g_assert_true (offers (samples, "tcp6", "application/octet-stream"));
  g_assert_true (offers (samples, "nfcapd.202611270000", "application/octet-stream"));
  g_assert_true (offers (samples, "conn.00:00:00-01:00:00.log.gz", "application/gzip"));
  g_assert_false (offers (samples, "phase1.pcap", "application/vnd.tcpdump.pcap"));
  g_assert_false (offers (samples, "capture.pcapng", "application/x-pcapng"));

  liaison_test_answer_chooser (chooser, GTK_RESPONSE_CANCEL);
}

/* The file chosen in Import Samples… is offered for import: the import
 * dialog opens on it, with the host its name gives. */
static void
test_import_chosen_file (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "web07-netstat.txt", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  GtkFileChooser *chooser;
  LiaisonImportDialog *dialog;

  g_file_set_contents (path,
                       "Proto Recv-Q Send-Q Local Address           Foreign Address         State\n"
                       "tcp        0      0 10.0.0.5:22             10.0.0.9:51234          ESTABLISHED\n",
                       -1, &error);
  g_assert_no_error (error);

  g_action_group_activate_action (G_ACTION_GROUP (fixture->window), "import", NULL);
  chooser = GTK_FILE_CHOOSER (liaison_test_wait_for_window (GTK_TYPE_FILE_CHOOSER_DIALOG));
  g_assert_true (gtk_file_chooser_set_file (chooser, file, &error));
  g_assert_no_error (error);
  liaison_test_accept_chooser_on (chooser, file);

  dialog = LIAISON_IMPORT_DIALOG (liaison_test_wait_for_window (LIAISON_TYPE_IMPORT_DIALOG));
  g_assert_cmpstr (liaison_import_dialog_get_host (dialog), ==, "web07");
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static gboolean
is_shown_status_page (GtkWidget     *widget,
                      gconstpointer  data)
{
  return gtk_widget_get_mapped (widget);
}

static gboolean
imports (GtkWidget     *widget,
         gconstpointer  data)
{
  return gtk_widget_get_mapped (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), "win.import") == 0;
}

/* The empty Statistics page has an icon of its own, and a button that
 * helps: Import Samples…. */
static void
test_empty_statistics (Fixture       *fixture,
                       gconstpointer  data)
{
  GtkWidget *status;
  GtkWidget *button;
  GtkFileChooser *chooser;

  show_page (fixture, "statistics");
  g_assert_true (liaison_test_wait (statistics_loaded, fixture, 5000));
  liaison_test_flush ();

  status = liaison_test_find_widget (GTK_WIDGET (fixture->window->statistics_page), ADW_TYPE_STATUS_PAGE,
                                     is_shown_status_page, NULL);
  g_assert_nonnull (status);
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (status)), ==, "No Statistics");
  g_assert_cmpstr (adw_status_page_get_icon_name (ADW_STATUS_PAGE (status)), ==, "liaison-statistics-symbolic");
  g_assert_true (gtk_icon_theme_has_icon (gtk_icon_theme_get_for_display (gtk_widget_get_display (status)),
                                          "liaison-statistics-symbolic"));

  button = liaison_test_find_widget (status, GTK_TYPE_BUTTON, imports, NULL);
  g_assert_nonnull (button);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, "_Import Samples…");

  /* At 360 px it fits the window: its button in full, nothing to scroll
   * sideways to (the listeners and figures it replaces need more). */
  liaison_test_resize (fixture->window, 360, 640);
  {
    graphene_rect_t bounds;
    GtkScrolledWindow *scroller = GTK_SCROLLED_WINDOW (gtk_widget_get_ancestor (status, GTK_TYPE_SCROLLED_WINDOW));
    GtkAdjustment *sideways = gtk_scrolled_window_get_hadjustment (scroller);

    g_assert_true (gtk_widget_compute_bounds (button, GTK_WIDGET (fixture->window), &bounds));
    g_test_message ("Import Samples… at %.0f to %.0f px of 360", bounds.origin.x, bounds.origin.x + bounds.size.width);
    g_assert_cmpfloat (bounds.origin.x, >=, 0);
    g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=, 360);
    g_assert_cmpfloat (gtk_adjustment_get_upper (sideways), <=, gtk_adjustment_get_page_size (sideways));
  }

  gtk_widget_activate (button);
  chooser = GTK_FILE_CHOOSER (liaison_test_wait_for_window (GTK_TYPE_FILE_CHOOSER_DIALOG));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (chooser)), ==, "Import Samples");
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_CANCEL);
  liaison_test_wait_for_no_window (GTK_TYPE_FILE_CHOOSER_DIALOG);
}

/* Narrow and wide */


static graphene_rect_t
bounds_in_window (Fixture   *fixture,
                  GtkWidget *widget)
{
  graphene_rect_t bounds;

  g_assert_true (gtk_widget_compute_bounds (widget, GTK_WIDGET (fixture->window), &bounds));
  return bounds;
}

static gboolean
overlap (Fixture   *fixture,
         GtkWidget *a,
         GtkWidget *b)
{
  graphene_rect_t x = bounds_in_window (fixture, a);
  graphene_rect_t y = bounds_in_window (fixture, b);

  return graphene_rect_intersection (&x, &y, NULL);
}

static void
fill_for_layout (LiaisonStore *store)
{
  liaison_test_add_row (store, "192.168.100.200", "192.168.200.100", "65535", "build-runner");
  liaison_test_add_row (store, "10.0.0.2", "10.0.0.9", "22", "backup-server");
}

static const LiaisonTestSetup layout_rows = { LIAISON_TEST_WINDOW, fill_for_layout };

/* At 360 px the window fits, its title (which names the database) beside
 * the buttons, not over them; at 600 px the count of selected rows reads
 * in full; at 1,400 px every column's title does, with no sideways
 * scrolling. */
static void
test_narrow_and_wide (Fixture       *fixture,
                      gconstpointer  data)
{
  LiaisonCommunicationsPage *page = liaison_test_get_page (fixture);
  LiaisonWindow *window = fixture->window;
  g_autofree char *name = fixture->pg != NULL ? g_strdup_printf ("%s on localhost", fixture->pg->database)
                                               : g_path_get_basename (fixture->path);
  g_autoptr(GPtrArray) titles = NULL;
  GtkWidget *menu_button = liaison_test_find_widget (GTK_WIDGET (window), GTK_TYPE_MENU_BUTTON, NULL, NULL);
  GtkAdjustment *sideways;
  int minimum;

  g_assert_cmpuint (liaison_test_n_rows (fixture), ==, 2);

  /* 360 px */
  gtk_widget_measure (GTK_WIDGET (window), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  g_assert_cmpint (minimum, <=, 360);
  liaison_test_resize (fixture->window, 360, 640);
  g_assert_cmpint (gdk_surface_get_width (gtk_native_get_surface (GTK_NATIVE (window))), ==, 360);
  g_assert_true (adw_view_switcher_title_get_title_visible (ADW_VIEW_SWITCHER_TITLE (window->switcher_title)));
  g_assert_cmpstr (adw_view_switcher_title_get_subtitle (ADW_VIEW_SWITCHER_TITLE (window->switcher_title)), ==, name);
  g_assert_false (overlap (fixture, window->switcher_title, menu_button));
  g_assert_false (overlap (fixture, window->switcher_title, window->search_button));

  /* 600 px, one row selected */
  liaison_test_resize (fixture->window, 600, 500);
  gtk_selection_model_select_item (liaison_communications_page_get_selection (page), 0, TRUE);
  liaison_test_resize (fixture->window, 600, 500);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (page->selection_label)), ==, "1 selected");
  g_assert_true (liaison_test_label_in_full (page->selection_label));

  /* 1,400 px */
  liaison_test_resize (fixture->window, 1400, 900);
  g_assert_false (adw_view_switcher_title_get_title_visible (ADW_VIEW_SWITCHER_TITLE (window->switcher_title)));
  g_assert_true (gtk_widget_get_mapped (window->database_button));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (window->database_label)), ==, name);
  titles = liaison_test_get_column_titles (liaison_communications_page_get_column_view (page));
  g_assert_cmpuint (titles->len, ==, LIAISON_COMMUNICATIONS_PAGE_N_COLUMNS);
  for (guint i = 0; i < titles->len; i++)
    {
      g_test_message ("column %s", gtk_label_get_text (g_ptr_array_index (titles, i)));
      g_assert_true (liaison_test_label_in_full (g_ptr_array_index (titles, i)));
    }
  sideways = gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (liaison_communications_page_get_column_view (page)));
  g_assert_cmpfloat (gtk_adjustment_get_upper (sideways), <=, gtk_adjustment_get_page_size (sideways));
}

#define LONG_DEVICE "build-runner-of-the-nightly-images.example.org"

static void
fill_long_device (LiaisonStore *store)
{
  liaison_test_add_row (store, "192.168.100.200", "192.168.200.100", "65535", LONG_DEVICE);
  liaison_test_add_row (store, "10.0.0.2", "10.0.0.9", "22", "mmww01");
}

static const LiaisonTestSetup long_device_rows = { LIAISON_TEST_WINDOW, fill_long_device };

static gboolean
is_shown_inscription (GtkWidget     *widget,
                      gconstpointer  text)
{
  return gtk_widget_get_mapped (widget) && g_strcmp0 (gtk_inscription_get_text (GTK_INSCRIPTION (widget)), text) == 0;
}

/* A long device name takes the room its column has: its link is not
 * held to the width of a short name, as it was at any window size; a
 * short name of wide letters reads in full too, and its link stays
 * shorter. (The display's 1,400 px leave the
 * column too narrow for all of this name.) */
static void
test_long_device_name (Fixture       *fixture,
                       gconstpointer  data)
{
  GtkWidget *page = GTK_WIDGET (liaison_test_get_page (fixture));
  GtkWidget *long_name;
  GtkWidget *short_name;
  g_autoptr(GtkWidget) sixteen = g_object_ref_sink (gtk_inscription_new (NULL));
  int sixteen_wide;

  g_assert_cmpuint (liaison_test_n_rows (fixture), ==, 2);
  liaison_test_resize (fixture->window, 1400, 900);

  long_name = liaison_test_find_widget (page, GTK_TYPE_INSCRIPTION, is_shown_inscription, LONG_DEVICE);
  g_assert_nonnull (long_name);
  short_name = liaison_test_find_widget (page, GTK_TYPE_INSCRIPTION, is_shown_inscription, "mmww01");
  g_assert_nonnull (short_name);
  g_assert_true (liaison_test_text_fits (short_name, "mmww01"));

  /* Wider than sixteen characters, which it was held to. */
  gtk_inscription_set_nat_chars (GTK_INSCRIPTION (sixteen), 16);
  gtk_widget_measure (sixteen, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &sixteen_wide, NULL, NULL);
  g_test_message ("the long link: %d px; sixteen characters: %d px", gtk_widget_get_width (long_name), sixteen_wide);
  g_assert_cmpint (gtk_widget_get_width (long_name), >, sixteen_wide);
  g_assert_cmpint (gtk_widget_get_width (short_name), <, gtk_widget_get_width (long_name));
}

typedef struct
{
  LiaisonCommunicationModel *model;
  guint                      n;
} Rows;

static gboolean
model_has_rows (gpointer user_data)
{
  Rows *rows = user_data;

  return !liaison_communication_model_get_loading (rows->model) &&
         g_list_model_get_n_items (G_LIST_MODEL (rows->model)) == rows->n;
}

/* A team server that drops the window's connections: the banner says so,
 * and the window connects again by itself, a worker having asked first
 * whether the server answers (team.md 3); what the others write shows. */
static void
test_reconnects_by_itself (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(LiaisonTestPg) pg = liaison_test_pg_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaisonStore) owner = liaison_store_open (pg->uri, &error);
  g_autoptr(LiaisonStore) store = NULL;
  LiaisonCommunicationsPage *page;
  LiaisonWindow *window;
  Rows rows = { NULL, 1 };

  g_assert_no_error (error);
  liaison_test_add_row (owner, "192.0.2.10", "192.0.2.20", "443", "team-client");
  liaison_test_pg_grant_reader (pg);
  store = liaison_store_open (pg->reader_uri, &error);
  g_assert_no_error (error);
  liaison_store_watch_others (store);
  window = g_object_ref_sink (liaison_window_new (fixture->app, store));
  gtk_window_present (GTK_WINDOW (window));
  page = LIAISON_COMMUNICATIONS_PAGE (liaison_window_get_communications_page (window));
  rows.model = liaison_communications_page_get_model (page);
  g_assert_true (liaison_test_wait (model_has_rows, &rows, 20000));

  /* The reader's connections: the window's and its workers'. */
  g_assert_cmpint (liaison_test_pg_terminate (pg->reader_uri), >, 0);
  g_assert_true (liaison_test_wait (liaison_test_connection_banner_shown, window, 10000));
  g_assert_true (liaison_test_wait (liaison_test_connection_banner_hidden, window, 20000));

  liaison_test_add_row (owner, "192.0.2.11", "192.0.2.20", "443", "team-client-2");
  rows.n = 2;
  g_assert_true (liaison_test_wait (model_has_rows, &rows, 20000));

  gtk_window_destroy (GTK_WINDOW (window));
  liaison_test_flush ();
  g_object_unref (window);
}

int
main (int   argc,
      char *argv[])
{
  liaison_test_init (&argc, &argv);

  liaison_test_add ("/window/empty-database", test_empty_database, NULL);
  liaison_test_add ("/window/find-acts-on-the-page-in-view", test_find_acts_on_the_page_in_view, NULL);
  liaison_test_add ("/window/search-button-acts-on-the-page-in-view", test_search_button_acts_on_the_page_in_view,
                    NULL);
  liaison_test_add ("/window/export-acts-on-the-page-in-view", test_export_acts_on_the_page_in_view, NULL);
  liaison_test_add ("/window/show-statistics", test_show_statistics, NULL);
  liaison_test_add ("/window/import-filter", test_import_filter, NULL);
  liaison_test_add ("/window/import-chosen-file", test_import_chosen_file, NULL);
  liaison_test_add ("/window/toast-where-the-user-is", test_toast_where_the_user_is, NULL);
  liaison_test_add ("/window/narrow-and-wide", test_narrow_and_wide, &layout_rows);
  liaison_test_add ("/window/long-device-name", test_long_device_name, &long_device_rows);
  liaison_test_add ("/window/empty-statistics", test_empty_statistics, NULL);
  liaison_test_add ("/window/reconnects-by-itself", test_reconnects_by_itself, NULL);

  return g_test_run ();
}
