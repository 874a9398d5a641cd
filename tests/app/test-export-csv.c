/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-export-csv"

#include "config.h"

#include <string.h>

#include "liaison-communications-page-private.h"
#include "liaison-export-csv-private.h"
#include "liaison-test-utils.h"

/*
 * Export Selected as CSV of the rows a user picked (search, sort by a
 * header, Ctrl+A) writes exactly the bytes that `liaison-cli list --format
 * csv` prints for the same rows; Export All as CSV does for the whole list
 * as it shows, with its progress under the list, and Cancel.
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
  LiaisonCommunicationModel *model = liaison_communications_page_get_model (liaison_test_get_page (count->fixture));

  return g_list_model_get_n_items (G_LIST_MODEL (model)) == count->n_rows;
}

/* The export is done when the window says so: the file exists as soon as
 * the worker starts writing it, which is too early to read it. */
static gboolean
export_reported (gpointer user_data)
{
  Fixture *fixture = user_data;

  return liaison_test_shows_label (GTK_WIDGET (fixture->window), "Exported to “selected.csv”");
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
  LiaisonCommunicationsPage *page = liaison_test_get_page (fixture);
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
  GtkFileChooser *chooser;
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
  chooser = liaison_test_wait_for_chooser ();
  g_assert_cmpstr (gtk_file_chooser_get_current_name (chooser), ==, "service-communications.csv");
  liaison_test_answer_chooser (chooser, GTK_RESPONSE_CANCEL);

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

/* A chosen file that is not on this computer (a remote location) is
 * refused with a message that names it. */
static void
test_remote_file_refused (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GFile) file = g_file_new_for_uri ("sftp://example.org/selected.csv");
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 id = liaison_test_add_row (fixture->store, "10.1.0.1", "192.0.2.10", "5432", NULL);

  g_array_append_val (ids, id);
  liaison_export_csv_to_file (GTK_WIDGET (liaison_test_get_page (fixture)), fixture->store, ids, file);
  g_assert_true (liaison_test_wait_for_label (GTK_WIDGET (fixture->window),
                                              "“sftp://example.org/selected.csv” is not a local file",
                                              10000));
  g_assert_false (liaison_test_shows_label (GTK_WIDGET (fixture->window), "Exported to “selected.csv”"));
}

static gboolean
file_reported (gpointer user_data)
{
  Fixture *fixture = user_data;

  return liaison_test_shows_label (GTK_WIDGET (fixture->window), "Exported to “all.csv”");
}

/* Export All as CSV… from the main menu: every row the list shows, in its
 * order, not only the selected ones. */
static void
test_export_all (Fixture       *fixture,
                 gconstpointer  data)
{
  LiaisonCommunicationsPage *page = liaison_test_get_page (fixture);
  GtkColumnView *view = liaison_communications_page_get_column_view (page);
  GtkSearchEntry *entry = liaison_communications_page_get_search_entry (page);
  g_autoptr(GtkColumnViewColumn) port_column = NULL;
  g_autoptr(GFile) folder = g_file_new_for_path (fixture->dir);
  g_autofree char *path = g_build_filename (fixture->dir, "all.csv", NULL);
  g_autofree char *exported = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(GError) error = NULL;
  GtkFileChooser *chooser;
  RowCount count = { fixture, 3 };

  add_row (fixture->store, "10.1.0.1", "5432", "tcp", "app-blue", NULL);
  add_row (fixture->store, "10.1.0.2", "5433", "tcp", "app-green", NULL);
  add_row (fixture->store, "10.1.0.3", "53", "udp", "app-red", NULL);
  add_row (fixture->store, "10.9.9.9", "22", "tcp", "bastion", NULL);
  port_column = g_list_model_get_item (gtk_column_view_get_columns (view), 4);
  gtk_column_view_sort_by_column (view, port_column, GTK_SORT_DESCENDING);
  gtk_widget_activate_action (GTK_WIDGET (page), "page.search", NULL);
  liaison_test_flush ();
  liaison_test_type (GTK_EDITABLE (entry), "app");
  g_assert_true (liaison_test_wait (has_n_rows, &count, 5000));

  /* One row selected; all three are exported. */
  gtk_selection_model_select_item (liaison_communications_page_get_selection (page), 0, TRUE);
  g_action_group_activate_action (G_ACTION_GROUP (fixture->window), "export-all", NULL);
  chooser = liaison_test_wait_for_chooser ();
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (chooser)), ==, "Export All as CSV");
  g_assert_true (gtk_file_chooser_set_current_folder (chooser, folder, NULL));
  gtk_file_chooser_set_current_name (chooser, "all.csv");
  liaison_test_answer_chooser (chooser, GTK_RESPONSE_ACCEPT);

  g_assert_true (liaison_test_wait (file_reported, fixture, 10000));
  g_file_get_contents (path, &exported, NULL, &error);
  g_assert_no_error (error);
  expected = run_cli (fixture->path, "app", "port:desc");
  g_assert_cmpstr (exported, ==, expected);
  g_assert_nonnull (strstr (exported, "app-blue"));
  g_assert_nonnull (strstr (exported, "app-red"));
  g_assert_null (strstr (exported, "bastion"));
  /* The bar under the list is gone with the export. */
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (page->export_revealer)));
}

typedef struct
{
  gboolean finished;
  gboolean success;
  guint    written_shown;
} Followed;

static void
on_finished (LiaisonCsvExport *export,
             gboolean          success,
             Followed         *followed)
{
  followed->finished = TRUE;
  followed->success = success;
}

static void
on_written (LiaisonCsvExport *export,
            GParamSpec       *pspec,
            Followed         *followed)
{
  followed->written_shown = liaison_csv_export_get_written (export);
}

static gboolean
is_finished (gpointer user_data)
{
  return ((Followed *) user_data)->finished;
}

static GArray *
all_ids (Fixture *fixture)
{
  LiaisonCommunicationModel *model = liaison_communications_page_get_model (liaison_test_get_page (fixture));
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < liaison_test_n_rows (fixture); i++)
    {
      gint64 id = liaison_communication_model_get_id (model, i);

      g_array_append_val (ids, id);
    }
  return ids;
}

static const LiaisonTestSetup many_rows = { LIAISON_TEST_WINDOW, liaison_test_fill_rows };

/* The export says how far it is, and the bar under the list shows it. */
static void
test_export_progress (Fixture       *fixture,
                      gconstpointer  data)
{
  LiaisonCommunicationsPage *page = liaison_test_get_page (fixture);
  g_autoptr(GArray) ids = all_ids (fixture);
  g_autofree char *path = g_build_filename (fixture->dir, "progress.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(LiaisonCsvExport) export = NULL;
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  Followed followed = { 0 };

  g_assert_cmpuint (ids->len, ==, LIAISON_TEST_ROWS);
  export = g_object_ref (liaison_export_csv_to_file (GTK_WIDGET (page), fixture->store, ids, file));
  g_signal_connect (export, "finished", G_CALLBACK (on_finished), &followed);
  g_signal_connect (export, "notify::written", G_CALLBACK (on_written), &followed);
  liaison_communications_page_follow_export (page, export);
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (page->export_revealer)));
  g_assert_cmpuint (liaison_csv_export_get_total (export), ==, LIAISON_TEST_ROWS);
  /* One export at a time: no second chooser. */
  gtk_widget_activate_action (GTK_WIDGET (page), "page.export-all", NULL);
  liaison_test_flush ();
  g_assert_null (liaison_test_find_window (GTK_TYPE_FILE_CHOOSER_DIALOG));

  g_assert_true (liaison_test_wait (is_finished, &followed, 20000));
  g_assert_true (followed.success);
  g_assert_cmpuint (followed.written_shown, ==, LIAISON_TEST_ROWS);
  g_assert_cmpuint (liaison_csv_export_get_written (export), ==, LIAISON_TEST_ROWS);
  g_assert_false (liaison_csv_export_get_running (export));
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (page->export_revealer)));

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  lines = g_strsplit (contents, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, LIAISON_TEST_ROWS + 2);
}

/* Cancel stops the export: no file, and the toast says so. */
static void
test_export_cancel (Fixture       *fixture,
                    gconstpointer  data)
{
  LiaisonCommunicationsPage *page = liaison_test_get_page (fixture);
  g_autoptr(GArray) ids = all_ids (fixture);
  g_autofree char *path = g_build_filename (fixture->dir, "cancelled.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(LiaisonCsvExport) export = NULL;
  Followed followed = { 0 };

  export = g_object_ref (liaison_export_csv_to_file (GTK_WIDGET (page), fixture->store, ids, file));
  g_signal_connect (export, "finished", G_CALLBACK (on_finished), &followed);
  liaison_communications_page_follow_export (page, export);
  liaison_csv_export_cancel (export);

  g_assert_true (liaison_test_wait (is_finished, &followed, 20000));
  g_assert_false (followed.success);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_true (liaison_test_wait_for_label (GTK_WIDGET (fixture->window),
                                              "Export cancelled: no file was written", 5000));
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (page->export_revealer)));
}

/* An empty list has nothing to export, and says so. */
static void
test_export_all_empty (Fixture       *fixture,
                       gconstpointer  data)
{
  g_action_group_activate_action (G_ACTION_GROUP (fixture->window), "export-all", NULL);
  g_assert_true (liaison_test_wait_for_label (GTK_WIDGET (fixture->window),
                                              "There are no service communications to export", 5000));
  g_assert_null (liaison_test_find_window (GTK_TYPE_FILE_CHOOSER_DIALOG));
}

int
main (int   argc,
      char *argv[])
{
  liaison_test_init (&argc, &argv);

  liaison_test_add ("/export-csv/matches-cli", test_export_matches_cli, NULL);
  liaison_test_add ("/export-csv/remote-file-refused", test_remote_file_refused, NULL);
  liaison_test_add ("/export-csv/export-all", test_export_all, NULL);
  liaison_test_add ("/export-csv/progress", test_export_progress, &many_rows);
  liaison_test_add ("/export-csv/cancel", test_export_cancel, &many_rows);
  liaison_test_add ("/export-csv/export-all-empty", test_export_all_empty, NULL);

  return g_test_run ();
}
