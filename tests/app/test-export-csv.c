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

int
main (int   argc,
      char *argv[])
{
  liaison_test_init (&argc, &argv);

  liaison_test_add ("/export-csv/matches-cli", test_export_matches_cli, NULL);
  liaison_test_add ("/export-csv/remote-file-refused", test_remote_file_refused, NULL);

  return g_test_run ();
}
