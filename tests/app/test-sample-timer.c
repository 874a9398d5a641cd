/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-sample-timer"

#include "config.h"

#include <glib/gstdio.h>

#include "liaison-preferences-window.h"
#include "liaison-sample-timer.h"
#include "liaison-test-utils.h"

/*
 * The Preferences window's Background Sampling: the systemd user timer of
 * this build ($LIAISON_SYSTEMD_USER_UNIT_DIR, data/ of the build) enabled
 * and disabled as systemctl --user enable does it, with the link in
 * $XDG_CONFIG_HOME/systemd/user/timers.target.wants; the row hidden where
 * no timer is installed.
 */

typedef LiaisonTestFixture Fixture;

static char *config_home;

static GtkWindow *
open_preferences (Fixture *fixture)
{
  GtkWindow *preferences;

  g_action_group_activate_action (G_ACTION_GROUP (fixture->app), "preferences", NULL);
  preferences = liaison_test_wait_for_window (LIAISON_TYPE_PREFERENCES_WINDOW);
  liaison_test_flush ();
  return preferences;
}

static gboolean
is_timer_switch (GtkWidget     *widget,
                 gconstpointer  data)
{
  GtkWidget *row = gtk_widget_get_ancestor (widget, ADW_TYPE_ACTION_ROW);

  return row != NULL &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)),
                    "Sample This Computer While Liaison Is _Closed") == 0;
}

static GtkWidget *
timer_switch (GtkWindow *preferences)
{
  GtkWidget *found = liaison_test_find_widget (GTK_WIDGET (preferences), GTK_TYPE_SWITCH, is_timer_switch, NULL);

  g_assert_nonnull (found);
  return found;
}

static char *
wants_link (void)
{
  return g_build_filename (config_home, "systemd", "user", "timers.target.wants",
                           "liaison-sample-host.timer", NULL);
}

static void
test_enable (Fixture       *fixture,
             gconstpointer  data)
{
  GtkWindow *preferences = open_preferences (fixture);
  GtkWidget *toggle = timer_switch (preferences);
  g_autofree char *link = wants_link ();
  g_autofree char *target = NULL;
  g_autofree char *expected = g_build_filename (g_getenv ("LIAISON_SYSTEMD_USER_UNIT_DIR"),
                                                "liaison-sample-host.timer", NULL);

  g_assert_true (gtk_widget_is_visible (toggle));
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (toggle)));
  g_assert_false (g_file_test (link, G_FILE_TEST_EXISTS));

  gtk_switch_set_active (GTK_SWITCH (toggle), TRUE);
  liaison_test_flush ();
  target = g_file_read_link (link, NULL);
  g_assert_cmpstr (target, ==, expected);
  g_assert_true (g_file_test (link, G_FILE_TEST_IS_REGULAR));
  g_assert_true (liaison_sample_timer_get_enabled ());

  /* Opened again, it says so. */
  gtk_window_destroy (preferences);
  liaison_test_wait_for_no_window (LIAISON_TYPE_PREFERENCES_WINDOW);
  preferences = open_preferences (fixture);
  toggle = timer_switch (preferences);
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (toggle)));

  gtk_switch_set_active (GTK_SWITCH (toggle), FALSE);
  liaison_test_flush ();
  g_assert_false (g_file_test (link, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (link, G_FILE_TEST_IS_SYMLINK));
}

/* A link that cannot be made: the switch goes back and a toast says why. */
static void
test_enable_fails (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *user = g_build_filename (config_home, "systemd", "user", NULL);
  g_autofree char *wants = g_build_filename (user, "timers.target.wants", NULL);
  g_autofree char *link = wants_link ();
  g_autofree char *expected = NULL;
  GtkWindow *preferences;
  GtkWidget *toggle;

  /* A file where the folder of links would go. */
  g_assert_cmpint (g_mkdir_with_parents (user, 0755), ==, 0);
  g_rmdir (wants);
  g_assert_true (g_file_set_contents (wants, "not a folder\n", -1, NULL));

  preferences = open_preferences (fixture);
  toggle = timer_switch (preferences);
  gtk_switch_set_active (GTK_SWITCH (toggle), TRUE);
  liaison_test_flush ();

  expected = g_strdup_printf ("Cannot enable the background sampling: %s: Not a directory", link);
  g_assert_true (liaison_test_wait_for_label (GTK_WIDGET (preferences), expected, 5000));
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (toggle)));
  g_remove (wants);
}

/* Where no timer is installed (or in a Flatpak), no row. */
static void
test_not_installed (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *units = g_strdup (g_getenv ("LIAISON_SYSTEMD_USER_UNIT_DIR"));
  GtkWindow *preferences;

  g_setenv ("LIAISON_SYSTEMD_USER_UNIT_DIR", fixture->dir, TRUE);
  g_assert_false (liaison_sample_timer_is_available ());
  preferences = open_preferences (fixture);
  g_assert_false (gtk_widget_is_visible (timer_switch (preferences)));
  g_setenv ("LIAISON_SYSTEMD_USER_UNIT_DIR", units, TRUE);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  /* The links go to a folder of this test's own. */
  config_home = g_dir_make_tmp ("liaison-config-XXXXXX", &error);
  g_assert_no_error (error);
  g_setenv ("XDG_CONFIG_HOME", config_home, TRUE);

  liaison_test_init (&argc, &argv);

  liaison_test_add ("/sample-timer/enable", test_enable, NULL);
  liaison_test_add ("/sample-timer/enable-fails", test_enable_fails, NULL);
  liaison_test_add ("/sample-timer/not-installed", test_not_installed, NULL);

  status = g_test_run ();

  {
    g_autofree char *wants = g_build_filename (config_home, "systemd", "user", "timers.target.wants", NULL);
    g_autofree char *user = g_build_filename (config_home, "systemd", "user", NULL);
    g_autofree char *systemd = g_build_filename (config_home, "systemd", NULL);

    g_rmdir (wants);
    g_rmdir (user);
    g_rmdir (systemd);
    g_rmdir (config_home);
  }
  g_free (config_home);
  return status;
}
