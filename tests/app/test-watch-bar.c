/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-watch-bar"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <utime.h>

#include "liaison-format.h"
#include "liaison-test-servers.h"
#include "liaison-test-utils.h"
#include "liaison-watch-bar.h"

/*
 * Watch Folder…: a folder chosen in the file chooser is watched, the bar
 * under the header bar says what came in and what went wrong, the list
 * shows the new rows, Stop ends it. Fed by a real nfcapd when installed.
 */

typedef LiaisonTestFixture Fixture;

static const char seed[] =
  "start,end,client_ip,client_port,listener_ip,listener_port,protocol\n"
  "2026-11-27T00:01:15Z,,10.0.0.9,52001,10.0.0.5,443,tcp\n";

static LiaisonWatchBar *
bar_of (Fixture *fixture)
{
  return LIAISON_WATCH_BAR (fixture->window->watch_bar);
}

static const char *
status_text (Fixture *fixture)
{
  GtkWidget *revealer = adw_bin_get_child (ADW_BIN (bar_of (fixture)));
  GtkWidget *labels = gtk_widget_get_next_sibling (gtk_widget_get_first_child (gtk_revealer_get_child (GTK_REVEALER (revealer))));

  return gtk_label_get_text (GTK_LABEL (gtk_widget_get_last_child (labels)));
}

static gboolean
bar_revealed (Fixture *fixture)
{
  GtkWidget *revealer = adw_bin_get_child (ADW_BIN (bar_of (fixture)));

  return gtk_revealer_get_reveal_child (GTK_REVEALER (revealer));
}

/* Chooses @folder in Watch Folder…'s chooser: opened in it, nothing
 * selected, the chooser answers with the folder it shows. */
static void
choose_folder (Fixture    *fixture,
               const char *folder)
{
  g_autoptr(GFile) file = g_file_new_for_path (folder);
  g_autoptr(GError) error = NULL;
  GtkFileChooser *chooser;

  g_action_group_activate_action (G_ACTION_GROUP (fixture->window), "watch-folder", NULL);
  chooser = GTK_FILE_CHOOSER (liaison_test_wait_for_window (GTK_TYPE_FILE_CHOOSER_DIALOG));
  g_assert_cmpint (gtk_file_chooser_get_action (chooser), ==, GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER);
  gtk_file_chooser_set_current_folder (chooser, file, &error);
  g_assert_no_error (error);
  liaison_test_accept_chooser_on (chooser, file);
  liaison_test_flush ();
}

typedef struct
{
  Fixture    *fixture;
  const char *prefix;
} StatusWait;

static gboolean
status_starts (gpointer user_data)
{
  StatusWait *wait = user_data;

  return g_str_has_prefix (status_text (wait->fixture), wait->prefix);
}

static void
wait_for_status (Fixture    *fixture,
                 const char *prefix)
{
  StatusWait wait = { fixture, prefix };

  if (!liaison_test_wait (status_starts, &wait, 30000))
    g_error ("the bar says “%s”, not “%s…”", status_text (fixture), prefix);
}

static void
write_old (const char *path,
           const char *contents)
{
  struct utimbuf minute_ago = { time (NULL) - 60, time (NULL) - 60 };

  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  g_assert_cmpint (g_utime (path, &minute_ago), ==, 0);
}

static gboolean
is_stop_button (GtkWidget     *widget,
                gconstpointer  data)
{
  return g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), "_Stop Watching") == 0;
}

static void
test_watch_files (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *folder = g_build_filename (fixture->dir, "flows", NULL);
  g_autofree char *good = g_build_filename (folder, "seed-1.csv", NULL);
  g_autofree char *bad = g_build_filename (folder, "seed-2.csv", NULL);
  g_autofree char *title = g_strdup_printf ("Watching %s", folder);
  g_autofree char *expected = NULL;
  GtkWidget *stop;

  g_assert_cmpint (g_mkdir (folder, 0755), ==, 0);
  g_assert_false (bar_revealed (fixture));

  choose_folder (fixture, folder);
  g_assert_true (bar_revealed (fixture));
  g_assert_true (liaison_test_shows_label (GTK_WIDGET (fixture->window), title));
  g_assert_cmpstr (status_text (fixture), ==, "Waiting for the files a collector finishes");

  write_old (good, seed);
  wait_for_status (fixture, "1 file imported; the last, seed-1.csv, at ");
  g_assert_cmpuint (liaison_test_n_rows (fixture), ==, 1);
  g_assert_cmpint (liaison_test_count_samples (fixture->path), ==, 1);

  /* A bad file: the bar says what and where; the watch goes on. */
  write_old (bad, "start,end,client_ip,client_port,listener_ip,listener_port,protocol\n"
                  "2026-11-27T00:02:15Z,,10.0.0.900,52001,10.0.0.5,443,tcp\n");
  expected = g_strdup_printf ("%s:2: ", bad);
  wait_for_status (fixture, expected);
  g_assert_true (liaison_folder_watch_get_running (liaison_watch_bar_get_watch (bar_of (fixture))));

  /* Stop: the bar goes, the watch with it. */
  stop = liaison_test_find_widget (GTK_WIDGET (bar_of (fixture)), GTK_TYPE_BUTTON, is_stop_button, NULL);
  g_assert_nonnull (stop);
  g_signal_emit_by_name (stop, "clicked");
  g_assert_false (bar_revealed (fixture));
  g_assert_null (liaison_watch_bar_get_watch (bar_of (fixture)));
}

/* nfcapd's own files, as it finishes them. */
static void
test_watch_nfcapd (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *folder = g_build_filename (fixture->dir, "nfcapd", NULL);
  g_autoptr(LiaisonTestNfcapd) nfcapd = NULL;
  guint16 port = 40000;

  g_assert_cmpint (g_mkdir (folder, 0755), ==, 0);
  nfcapd = liaison_test_nfcapd_new (folder);
  if (nfcapd == NULL)
    return;

  choose_folder (fixture, folder);
  /* nfcapd finishes a file every two seconds, flows or not: a file may
   * come before the first flow, imported with nothing in it. */
  while (strstr (status_text (fixture), " imported; the last, nfcapd.2") == NULL ||
         liaison_test_n_rows (fixture) == 0)
    {
      liaison_test_nfcapd_send (nfcapd, "10.1.2.3", port++, "10.9.9.9");
      for (guint i = 0; i < 25; i++)
        {
          g_main_context_iteration (NULL, FALSE);
          g_usleep (20000);
        }
      g_assert_cmpuint (port, <, 40100);
    }
  g_assert_true (g_str_has_prefix (status_text (fixture), "1 file imported; the last, nfcapd.2") ||
                 g_regex_match_simple ("^[0-9]+ files imported; the last, nfcapd\\.2", status_text (fixture), 0, 0));
  g_assert_cmpuint (liaison_test_n_rows (fixture), ==, 1);
  liaison_watch_bar_stop (bar_of (fixture));
}

/* A folder that is gone before it is watched: a toast, no bar. */
static void
test_no_folder (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *folder = g_build_filename (fixture->dir, "gone", NULL);
  g_autofree char *expected = g_strdup_printf ("%s: no such folder", folder);
  g_autoptr(GFile) file = g_file_new_for_path (folder);
  g_autoptr(GError) error = NULL;

  g_assert_false (liaison_watch_bar_watch (bar_of (fixture), file, fixture->store, 300, &error));
  g_assert_cmpstr (error->message, ==, expected);
  g_assert_false (bar_revealed (fixture));
}

int
main (int   argc,
      char *argv[])
{
  liaison_test_init (&argc, &argv);

  liaison_test_add ("/watch-bar/files", test_watch_files, NULL);
  liaison_test_add ("/watch-bar/nfcapd", test_watch_nfcapd, NULL);
  liaison_test_add ("/watch-bar/no-folder", test_no_folder, NULL);

  return g_test_run ();
}
