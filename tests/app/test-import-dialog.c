/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-import-dialog"

#include "config.h"

#include <glib/gstdio.h>

#include "liaison-communications-page-private.h"
#include "liaison-import-dialog-private.h"
#include "liaison-test-utils.h"

typedef LiaisonTestFixture Fixture;

typedef struct
{
  gboolean finished;
  gboolean success;
} Outcome;

static void
on_finished (LiaisonImportDialog *dialog,
             gboolean             success,
             Outcome             *outcome)
{
  outcome->finished = TRUE;
  outcome->success = success;
}

static gboolean
is_finished (gpointer user_data)
{
  return ((Outcome *) user_data)->finished;
}

static void
test_bad_file (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *bad_path = g_build_filename (fixture->dir, "web07-netstat.txt", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (bad_path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GRegex) file_line = NULL;
  g_autoptr(LiaisonImportDialog) dialog = NULL;
  Outcome outcome = { 0 };
  const char *message;

  liaison_test_add_row (fixture->store, "10.0.0.1", "10.0.0.2", "80", NULL);
  liaison_test_flush ();

  g_file_set_contents (bad_path,
                       "Proto Recv-Q Send-Q Local Address           Foreign Address         State\n"
                       "tcp        0      0 10.0.0.5:22             10.0.0.9:51234          ESTABLISHED\n"
                       "this line is not a socket at all, not even close\n",
                       -1, &error);
  g_assert_no_error (error);

  dialog = g_object_ref_sink (liaison_import_dialog_new (fixture->window->stack, fixture->store,
                                                         fixture->window->settings, &file, 1));
  gtk_window_present (GTK_WINDOW (dialog));
  liaison_test_flush ();

  /* The host comes from the file name. */
  g_assert_cmpstr (liaison_import_dialog_get_host (dialog), ==, "web07");
  liaison_import_dialog_set_kind (dialog, LIAISON_SAMPLE_NETSTAT);

  g_signal_connect (dialog, "finished", G_CALLBACK (on_finished), &outcome);
  liaison_import_dialog_start (dialog);
  g_assert_true (liaison_import_dialog_is_running (dialog));
  g_assert_true (liaison_test_wait (is_finished, &outcome, 30000));
  liaison_test_flush ();

  g_assert_false (outcome.success);
  message = liaison_import_dialog_get_error (dialog);
  g_assert_nonnull (message);
  g_test_message ("import error: %s", message);

  /* FILE:LINE names the file and the line. */
  file_line = g_regex_new ("web07-netstat\\.txt:[0-9]+", 0, 0, NULL);
  g_assert_true (g_regex_match (file_line, message, 0, NULL));

  /* Nothing was imported. */
  g_assert_cmpint (liaison_store_count_communications (fixture->store, NULL), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (liaison_communications_page_get_model (
                      liaison_test_get_page (fixture)))), ==, 1);

  /* The dialog stays, ready for another try. */
  g_assert_false (liaison_import_dialog_is_running (dialog));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_good_file (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "netstat", "ss-tunap.txt", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(LiaisonImportDialog) dialog = NULL;
  LiaisonCommunicationModel *model;
  Outcome outcome = { 0 };

  model = liaison_communications_page_get_model (
      liaison_test_get_page (fixture));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);

  dialog = g_object_ref_sink (liaison_import_dialog_new (fixture->window->stack, fixture->store,
                                                         fixture->window->settings, &file, 1));
  g_assert_cmpint (liaison_import_dialog_get_kind (dialog), ==, LIAISON_SAMPLE_NETSTAT);
  gtk_window_present (GTK_WINDOW (dialog));
  g_signal_connect (dialog, "finished", G_CALLBACK (on_finished), &outcome);
  liaison_import_dialog_start (dialog);
  g_assert_true (liaison_test_wait (is_finished, &outcome, 30000));
  liaison_test_flush ();

  g_assert_true (outcome.success);
  g_assert_null (liaison_import_dialog_get_error (dialog));
  /* The list follows what the worker's connection wrote. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), >, 0);
  g_assert_cmpint (liaison_store_count_communications (fixture->store, NULL), ==,
                   g_list_model_get_n_items (G_LIST_MODEL (model)));
}

static const LiaisonTestSetup no_database = { LIAISON_TEST_FOLDER };

static void
test_suggest_host (Fixture       *fixture,
                   gconstpointer  data)
{
  static const struct { const char *name; const char *host; } cases[] = {
    { "web01-netstat-20240501.txt", "web01" },
    { "netstat_db02.log", "db02" },
    { "/var/tmp/mail.example.org.txt", "mail" },
    { "ss-tunap-cache3.txt", "cache3" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GFile) file = g_file_new_for_path (cases[i].name);
      g_autofree char *host = liaison_import_suggest_host (file);

      g_assert_cmpstr (host, ==, cases[i].host);
    }

  /* Nothing that looks like a host: this machine. */
  {
    g_autoptr(GFile) file = g_file_new_for_path ("ss-tunap.txt");
    g_autofree char *host = liaison_import_suggest_host (file);

    g_assert_cmpstr (host, ==, g_get_host_name ());
  }
}

int
main (int   argc,
      char *argv[])
{
  liaison_test_init (&argc, &argv);

  liaison_test_add ("/import-dialog/suggest-host", test_suggest_host, &no_database);
  liaison_test_add ("/import-dialog/bad-file", test_bad_file, NULL);
  liaison_test_add ("/import-dialog/good-file", test_good_file, NULL);

  return g_test_run ();
}
