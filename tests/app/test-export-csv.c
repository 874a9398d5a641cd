/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-export-csv"

#include "config.h"

#include <string.h>

#include "liaison-communications-page-private.h"
#include "liaison-export-csv.h"
#include "liaison-test-utils.h"

/*
 * Export Selected as CSV of the rows a user picked (search, sort by a
 * header, Ctrl+A) writes exactly the bytes that `liaison-cli list --format
 * csv` prints for the same rows.
 */

typedef LiaisonTestFixture Fixture;

static void
add_row (LiaisonStore *store,
         const char   *client_ip,
         const char   *port,
         const char   *protocol,
         const char   *client_device,
         const char   *display_name)
{
  LiaisonCommunicationInput input = { 0 };
  g_autoptr(GError) error = NULL;

  input.client_ip = client_ip;
  input.listener_ip = "192.0.2.10";
  input.port = port;
  input.protocol = protocol;
  input.client_device = client_device;
  input.listener_device = "db, primary";
  input.client_process_name = "psql";
  input.client_process_display_name = display_name;

  g_assert_cmpint (liaison_store_add_communication (store, &input, &error), >, 0);
  g_assert_no_error (error);
}

typedef struct
{
  Fixture *fixture;
  guint    n_rows;
} RowCount;

static gboolean
has_n_rows (gpointer user_data)
{
  RowCount *count = user_data;
  GtkWidget *page = liaison_window_get_communications_page (count->fixture->window);
  LiaisonCommunicationModel *model = liaison_communications_page_get_model (LIAISON_COMMUNICATIONS_PAGE (page));

  return g_list_model_get_n_items (G_LIST_MODEL (model)) == count->n_rows;
}

static gboolean
chooser_open (gpointer user_data)
{
  return liaison_test_find_window (GTK_TYPE_FILE_CHOOSER_DIALOG) != NULL;
}

static gboolean
chooser_closed (gpointer user_data)
{
  return liaison_test_find_window (GTK_TYPE_FILE_CHOOSER_DIALOG) == NULL;
}

/* Whether a label below @widget reads @text. */
static gboolean
shows_label (GtkWidget  *widget,
             const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    if (shows_label (child, text))
      return TRUE;
  return FALSE;
}

/* The export is done when the window says so: the file exists as soon as
 * the worker starts writing it, which is too early to read it. */
static gboolean
export_reported (gpointer user_data)
{
  Fixture *fixture = user_data;

  return shows_label (GTK_WIDGET (fixture->window), "Exported to “selected.csv”");
}

static char *
run_cli (const char *database,
         const char *search,
         const char *sort)
{
  const char *cli = g_getenv ("LIAISON_CLI");
  const char *argv[] = { cli, "--database", database, "list", "--format", "csv",
                         "--search", search, "--sort", sort, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  int status = 0;

  g_assert_nonnull (cli);
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                &out, &err, &status, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (err, ==, "");
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  return out;
}

static void
test_export_matches_cli (Fixture       *fixture,
                         gconstpointer  data)
{
  LiaisonCommunicationsPage *page = LIAISON_COMMUNICATIONS_PAGE (liaison_window_get_communications_page (fixture->window));
  GtkColumnView *view = liaison_communications_page_get_column_view (page);
  GtkSearchEntry *entry = liaison_communications_page_get_search_entry (page);
  g_autoptr(GtkColumnViewColumn) port_column = NULL;
  g_autoptr(GArray) selected = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *exported_path = g_build_filename (fixture->dir, "selected.csv", NULL);
  g_autofree char *exported = NULL;
  g_autofree char *expected = NULL;
  g_auto(GStrv) lines = NULL;
  GtkWindow *chooser;
  RowCount count = { fixture, 0 };

  /* Values that need quoting, empty optional fields, and rows the search leaves out. */
  add_row (fixture->store, "10.1.0.1", "5432", "tcp", "app \"blue\", rack 4", "Postgres, main");
  add_row (fixture->store, "10.1.0.2", "5433", "tcp", "app-green", NULL);
  add_row (fixture->store, "10.1.0.3", "53", "udp", "app-red", "DNS \"resolver\"");
  add_row (fixture->store, "10.9.9.9", "22", "tcp", "bastion", "ssh");
  add_row (fixture->store, "10.9.9.8", "443", "tcp", NULL, NULL);

  /* The user sorts by Port, descending, and searches for "app". */
  port_column = g_list_model_get_item (gtk_column_view_get_columns (view), 4);
  g_assert_cmpstr (gtk_column_view_column_get_title (port_column), ==, "Port");
  gtk_column_view_sort_by_column (view, port_column, GTK_SORT_DESCENDING);
  gtk_widget_activate_action (GTK_WIDGET (page), "page.search", NULL);
  liaison_test_flush ();
  liaison_test_type (GTK_EDITABLE (entry), "app");
  count.n_rows = 3;
  g_assert_true (liaison_test_wait (has_n_rows, &count, 5000));

  gtk_widget_activate_action (GTK_WIDGET (page), "page.select-all", NULL);
  liaison_test_flush ();
  selected = liaison_communications_page_get_selected_ids (page);
  g_assert_cmpuint (selected->len, ==, 3);

  /* Export Selected as CSV… asks for a file, suggesting a name. */
  gtk_widget_activate_action (GTK_WIDGET (page), "page.export-selected", NULL);
  g_assert_true (liaison_test_wait (chooser_open, NULL, 5000));
  chooser = liaison_test_find_window (GTK_TYPE_FILE_CHOOSER_DIALOG);
  g_assert_cmpstr (gtk_file_chooser_get_current_name (GTK_FILE_CHOOSER (chooser)), ==,
                   "service-communications.csv");
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_CANCEL);
  g_assert_true (liaison_test_wait (chooser_closed, NULL, 5000));

  /* What the chooser's Export does with the file picked. */
  file = g_file_new_for_path (exported_path);
  liaison_export_csv_to_file (GTK_WIDGET (page), fixture->store, selected, file);
  g_assert_true (liaison_test_wait (export_reported, fixture, 10000));

  g_file_get_contents (exported_path, &exported, NULL, &error);
  g_assert_no_error (error);
  expected = run_cli (fixture->path, "app", "port:desc");

  g_assert_cmpstr (exported, ==, expected);
  /* Not trivially equal: three rows under the header, quoting at work. */
  lines = g_strsplit (exported, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 5);
  g_assert_cmpstr (lines[4], ==, "");
  g_assert_true (g_str_has_prefix (exported, "id,"));
  g_assert_nonnull (strstr (exported, "\n3,10.1.0.3,app-red,192.0.2.10,\"db, primary\",53,udp,psql,\"DNS \"\"resolver\"\"\","));
  g_assert_nonnull (strstr (exported, ",\"app \"\"blue\"\", rack 4\","));
  g_assert_null (strstr (exported, "bastion"));
}

int
main (int   argc,
      char *argv[])
{
  liaison_test_init (&argc, &argv);

  g_test_add ("/export-csv/matches-cli", Fixture, NULL,
              liaison_test_fixture_setup, test_export_matches_cli, liaison_test_fixture_teardown);

  return g_test_run ();
}
