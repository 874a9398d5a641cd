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

static gboolean
model_has_rows (gpointer user_data)
{
  return g_list_model_get_n_items (G_LIST_MODEL (user_data)) > 0;
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
  /* "ss-tunap.txt" names no host: the user says which. */
  liaison_test_type (liaison_import_dialog_get_host_row (dialog), "web07");
  g_signal_connect (dialog, "finished", G_CALLBACK (on_finished), &outcome);
  liaison_import_dialog_start (dialog);
  g_assert_true (liaison_test_wait (is_finished, &outcome, 30000));
  liaison_test_flush ();

  g_assert_true (outcome.success);
  g_assert_null (liaison_import_dialog_get_error (dialog));
  /* The list follows what the worker's connection wrote, once it has read
   * it again (in the background). */
  g_assert_true (liaison_test_wait (model_has_rows, model, 5000));
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
    { "web01-ss.txt", "web01" },
    { "ss-web01.txt", "web01" },
    { "netstat_20240501T0900Z_db02.log", "db02" },
    { "lsof-i-n-P-mac07.out", "mac07" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GFile) file = g_file_new_for_path (cases[i].name);
      g_autofree char *host = liaison_import_suggest_host (file);

      g_assert_cmpstr (host, ==, cases[i].host);
    }

  /* Nothing that looks like a host: no guess, not this machine's name (a
   * file was most likely captured elsewhere). */
  for (const char *names[] = { "ss-tunap.txt", "netstat-an-20240501.txt", NULL }, **name = names; *name != NULL; name++)
    {
      g_autoptr(GFile) file = g_file_new_for_path (*name);
      g_autofree char *host = liaison_import_suggest_host (file);

      g_assert_null (host);
    }
}

/* A copy of tests/data/netstat/@name in the fixture's folder as @as,
 * modified at @modified (ISO 8601). */
static GFile *
copy_sample (Fixture    *fixture,
             const char *name,
             const char *as,
             const char *modified)
{
  g_autofree char *source = g_test_build_filename (G_TEST_DIST, "..", "data", "netstat", name, NULL);
  g_autofree char *path = g_build_filename (fixture->dir, as, NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) when = g_date_time_new_from_iso8601 (modified, NULL);
  GFile *file;
  gsize length;

  g_assert_true (g_file_get_contents (source, &contents, &length, &error));
  g_assert_true (g_file_set_contents (path, contents, length, &error));
  file = g_file_new_for_path (path);
  g_assert_true (g_file_set_attribute_uint64 (file, G_FILE_ATTRIBUTE_TIME_MODIFIED,
                                              g_date_time_to_unix (when), G_FILE_QUERY_INFO_NONE,
                                              NULL, &error));
  g_assert_no_error (error);
  return file;
}

static LiaisonImportDialog *
open_dialog (Fixture *fixture,
             GFile   *file)
{
  LiaisonImportDialog *dialog = g_object_ref_sink (liaison_import_dialog_new (fixture->window->stack, fixture->store,
                                                                              fixture->window->settings, &file, 1));

  gtk_window_present (GTK_WINDOW (dialog));
  liaison_test_flush ();
  return dialog;
}

static const char *
hint_text (LiaisonImportDialog *dialog,
           const char          *which)
{
  return gtk_label_get_text (GTK_LABEL (liaison_import_dialog_get_hint (dialog, which)));
}

static gboolean
hint_is_wrong (LiaisonImportDialog *dialog,
               const char          *which)
{
  return gtk_widget_has_css_class (liaison_import_dialog_get_hint (dialog, which), "liaison-field-reason");
}

static void
run_import (LiaisonImportDialog *dialog,
            gboolean             expect_success)
{
  Outcome outcome = { 0 };
  gulong handler = g_signal_connect (dialog, "finished", G_CALLBACK (on_finished), &outcome);

  liaison_import_dialog_start (dialog);
  g_assert_true (liaison_test_wait (is_finished, &outcome, 30000));
  g_signal_handler_disconnect (dialog, handler);
  liaison_test_flush ();
  g_assert_true (outcome.success == expect_success);
}

/* The host: from the file name when it says one, else as in the last
 * import, else empty with a hint; each time the line under it says so. */
static void
test_host_source (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GFile) named = copy_sample (fixture, "ss-tunap.txt", "ss-web07.txt", "2026-11-27T10:15:00Z");
  g_autoptr(GFile) unnamed = copy_sample (fixture, "ss-tunap-2.txt", "ss-tunap.txt", "2026-11-27T10:20:00Z");
  g_autoptr(GFile) other = copy_sample (fixture, "netstat-tanp.txt", "netstat-tanp.txt", "2026-11-27T10:25:00Z");
  g_autoptr(LiaisonImportDialog) dialog = NULL;

  g_settings_reset (fixture->window->settings, "import-host");

  /* Nothing to go by: empty, and the Import button waits for a name. */
  dialog = open_dialog (fixture, unnamed);
  g_assert_cmpstr (liaison_import_dialog_get_host (dialog), ==, "");
  g_assert_cmpstr (hint_text (dialog, "host"), ==,
                   "Host: required, the name of the machine the samples were taken on, such as web01.");
  g_assert_false (liaison_import_dialog_get_can_import (dialog));
  liaison_test_type (liaison_import_dialog_get_host_row (dialog), "lab7");
  g_assert_true (liaison_import_dialog_get_can_import (dialog));
  g_assert_cmpstr (hint_text (dialog, "host"), ==, "Host: the machine the samples were taken on.");
  run_import (dialog, TRUE);
  g_clear_object (&dialog);

  /* The file name says one. */
  dialog = open_dialog (fixture, named);
  g_assert_cmpstr (liaison_import_dialog_get_host (dialog), ==, "web07");
  g_assert_cmpstr (hint_text (dialog, "host"), ==, "Host: from the file name.");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_clear_object (&dialog);

  /* None does: the last import's host, said to be that. */
  dialog = open_dialog (fixture, other);
  g_assert_cmpstr (liaison_import_dialog_get_host (dialog), ==, "lab7");
  g_assert_cmpstr (hint_text (dialog, "host"), ==, "Host: as in the last import; no file name says one.");
  g_assert_true (liaison_import_dialog_get_can_import (dialog));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* The sample time: left empty, the line under it names the file's
 * modification time that will be used; typed, it reads it back; wrong, it
 * says why and how to write it. */
static void
test_sample_time (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GFile) file = copy_sample (fixture, "ss-tunap.txt", "web07-ss.txt", "2026-11-27T10:15:00Z");
  g_autoptr(LiaisonImportDialog) dialog = open_dialog (fixture, file);
  GtkEditable *time = liaison_import_dialog_get_sample_time_row (dialog);
  g_autoptr(LiaisonCommunication) row = NULL;

  g_assert_cmpstr (hint_text (dialog, "sample-time"), ==,
                   "Sample time: empty, so the file’s modification time is used: Fri 27 Nov 2026, 10:15. "
                   "Type the time the sample was taken if that is not it.");
  g_assert_false (hint_is_wrong (dialog, "sample-time"));
  g_assert_true (liaison_import_dialog_get_can_import (dialog));

  liaison_test_type (time, "yesterday");
  g_assert_false (liaison_import_dialog_get_can_import (dialog));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (time), "error"));
  g_assert_true (hint_is_wrong (dialog, "sample-time"));
  g_assert_cmpstr (hint_text (dialog, "sample-time"), ==,
                   "Sample time: “yesterday” is not a time. Write it as 2026-11-27 10:15 or "
                   "2026-11-27T10:15:00Z, or leave it empty.");

  gtk_editable_delete_text (time, 0, -1);
  liaison_test_type (time, "2026-11-26 08:00");
  g_assert_true (liaison_import_dialog_get_can_import (dialog));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (time), "error"));
  g_assert_false (hint_is_wrong (dialog, "sample-time"));
  g_assert_cmpstr (hint_text (dialog, "sample-time"), ==,
                   "Sample time: read as 2026-11-26 08:00:00. Write it as 2026-11-27 10:15 or 2026-11-27T10:15:00Z.");

  /* The time typed is the sample's. */
  run_import (dialog, TRUE);
  row = liaison_test_get_row (fixture, 0);
  g_assert_nonnull (row);
  g_assert_cmpint (liaison_communication_get_last_detected (row), ==, G_GINT64_CONSTANT (1795680000000));
}

/* A file imported before is refused with the time it was, as a person
 * reads it, not in ISO 8601. */
static void
test_duplicate_time (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GFile) file = copy_sample (fixture, "ss-tunap.txt", "web07-ss.txt", "2026-11-27T10:15:00Z");
  g_autoptr(LiaisonImportDialog) first = open_dialog (fixture, file);
  g_autoptr(LiaisonImportDialog) second = NULL;
  g_autoptr(GRegex) iso = g_regex_new ("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+Z", 0, 0, NULL);
  g_autoptr(GRegex) said = g_regex_new ("^.*web07-ss\\.txt: already imported \\(on [A-Z][a-z]{2} [0-9]{1,2} [A-Z][a-z]{2} [0-9]{4}, [0-9]{2}:[0-9]{2} as .*web07-ss\\.txt\\)$", 0, 0, NULL);
  const char *message;

  run_import (first, TRUE);

  second = open_dialog (fixture, file);
  run_import (second, FALSE);
  message = liaison_import_dialog_get_error (second);
  g_test_message ("duplicate: %s", message);
  g_assert_true (g_regex_match (said, message, 0, NULL));
  g_assert_false (g_regex_match (iso, message, 0, NULL));
}

/* A later snapshot of the same host says how many communications it
 * updated: not "0 new communications". */
static void
test_later_snapshot (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GFile) first = copy_sample (fixture, "ss-tunap.txt", "web07-ss-1.txt", "2026-11-27T10:15:00Z");
  g_autoptr(GFile) again = copy_sample (fixture, "ss-tunap-2.txt", "web07-ss-2.txt", "2026-11-27T10:20:00Z");
  g_autoptr(LiaisonImportDialog) dialog = NULL;
  g_autoptr(GDateTime) second = g_date_time_new_from_iso8601 ("2026-11-27T10:20:00Z", NULL);
  LiaisonTime then = g_date_time_to_unix (second) * 1000;
  g_autofree char *said = NULL;
  gint64 before, after, updated = 0;

  dialog = open_dialog (fixture, first);
  run_import (dialog, TRUE);
  g_clear_object (&dialog);
  before = liaison_store_count_communications (fixture->store, NULL);

  dialog = open_dialog (fixture, again);
  run_import (dialog, TRUE);
  after = liaison_store_count_communications (fixture->store, NULL);

  /* Seen before and again now: first detected earlier, last detected now. */
  g_assert_cmpuint (liaison_test_n_rows (fixture), ==, after);
  for (guint i = 0; i < after; i++)
    {
      g_autoptr(LiaisonCommunication) row = liaison_test_get_row (fixture, i);

      if (liaison_communication_get_first_detected (row) < then &&
          liaison_communication_get_last_detected (row) == then)
        updated++;
    }
  g_assert_cmpint (updated, >, 0);

  if (after > before)
    said = g_strdup_printf ("Imported 1 file: %" G_GINT64_FORMAT " new communication%s, %" G_GINT64_FORMAT " updated",
                            after - before, after - before == 1 ? "" : "s", updated);
  else
    said = g_strdup_printf ("Imported 1 file: %" G_GINT64_FORMAT " communication%s updated",
                            updated, updated == 1 ? "" : "s");
  g_test_message ("toast: %s", said);
  g_assert_true (liaison_test_wait_for_label (GTK_WIDGET (fixture->window), said, 5000));
}

static gboolean
never (gpointer user_data)
{
  return FALSE;
}

/* The kinds to choose from read in full, even in a narrow dialog. */
static gboolean
is_kind_label (GtkWidget     *widget,
               gconstpointer  text)
{
  return g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0 && gtk_widget_get_mapped (widget);
}

static void
test_kinds_read_in_full (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GFile) file = copy_sample (fixture, "ss-tunap.txt", "web07-ss.txt", "2026-11-27T10:15:00Z");
  g_autoptr(LiaisonImportDialog) dialog = open_dialog (fixture, file);

  gtk_window_set_default_size (GTK_WINDOW (dialog), 360, 600);
  for (guint kind = 0; kind < 2; kind++)
    {
      const char *name = kind == 0 ? "Netstat" : "Netflow";
      GtkWidget *label;

      liaison_import_dialog_set_kind (dialog, kind == 0 ? LIAISON_SAMPLE_NETSTAT : LIAISON_SAMPLE_NETFLOW);
      /* A few frames: the dialog lays itself out. */
      liaison_test_wait (never, NULL, 400);
      label = liaison_test_find_widget (GTK_WIDGET (dialog), GTK_TYPE_LABEL, is_kind_label, name);
      g_assert_nonnull (label);
      g_assert_false (pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (label))));
    }

  /* Under the choice: what it means, and what the file was found to be. */
  liaison_import_dialog_set_kind (dialog, LIAISON_SAMPLE_NETSTAT);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (liaison_test_find_widget (GTK_WIDGET (dialog), ADW_TYPE_COMBO_ROW, NULL, NULL))), ==,
                   "Socket tables taken on one host; detected: socket table");
}

static void
on_fraction (GtkProgressBar *bar,
             GParamSpec     *pspec,
             GArray         *fractions)
{
  double fraction = gtk_progress_bar_get_fraction (bar);

  g_array_append_val (fractions, fraction);
}

/* One flow file of 5,000 pairs: the bar moves within it, as its records
 * are applied, not only once it is done. */
static void
test_progress_within_file (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "pairs.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GString) text = g_string_new ("start,end,client_ip,client_port,listener_ip,listener_port,protocol\n");
  g_autoptr(GArray) fractions = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(LiaisonImportDialog) dialog = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *bar;
  Outcome outcome = { 0 };
  guint inside = 0;

  for (guint k = 0; k < 5000; k++)
    g_string_append_printf (text, "2026-11-27T00:00:%02uZ,,10.1.%u.%u,%u,10.9.%u.1,443,tcp\n",
                            k % 60, k / 250, k % 250 + 1, 40000 + k % 1000, k % 7);
  g_file_set_contents (path, text->str, -1, &error);
  g_assert_no_error (error);

  dialog = g_object_ref_sink (liaison_import_dialog_new (fixture->window->stack, fixture->store,
                                                         fixture->window->settings, &file, 1));
  g_assert_cmpint (liaison_import_dialog_get_kind (dialog), ==, LIAISON_SAMPLE_NETFLOW);
  gtk_window_present (GTK_WINDOW (dialog));
  liaison_test_flush ();
  bar = liaison_test_find_widget (GTK_WIDGET (dialog), GTK_TYPE_PROGRESS_BAR, NULL, NULL);
  g_assert_nonnull (bar);
  g_signal_connect (bar, "notify::fraction", G_CALLBACK (on_fraction), fractions);

  g_signal_connect (dialog, "finished", G_CALLBACK (on_finished), &outcome);
  liaison_import_dialog_start (dialog);
  g_assert_true (liaison_test_wait (is_finished, &outcome, 30000));
  liaison_test_flush ();
  g_assert_true (outcome.success);

  /* Between none and all of the one file, rising. */
  for (guint i = 0; i < fractions->len; i++)
    {
      double fraction = g_array_index (fractions, double, i);

      if (i > 0)
        g_assert_cmpfloat (fraction, >=, g_array_index (fractions, double, i - 1));
      if (fraction > 0 && fraction < 1)
        inside++;
    }
  g_assert_cmpuint (inside, >=, 2);
  g_assert_cmpint (liaison_store_count_communications (fixture->store, NULL), ==, 5000);
}

int
main (int   argc,
      char *argv[])
{
  liaison_test_init (&argc, &argv);

  liaison_test_add ("/import-dialog/suggest-host", test_suggest_host, &no_database);
  liaison_test_add ("/import-dialog/bad-file", test_bad_file, NULL);
  liaison_test_add ("/import-dialog/good-file", test_good_file, NULL);
  liaison_test_add ("/import-dialog/host-source", test_host_source, NULL);
  liaison_test_add ("/import-dialog/sample-time", test_sample_time, NULL);
  liaison_test_add ("/import-dialog/duplicate-time", test_duplicate_time, NULL);
  liaison_test_add ("/import-dialog/kinds-read-in-full", test_kinds_read_in_full, NULL);
  liaison_test_add ("/import-dialog/later-snapshot", test_later_snapshot, NULL);
  liaison_test_add ("/import-dialog/progress-within-file", test_progress_within_file, NULL);

  return g_test_run ();
}
