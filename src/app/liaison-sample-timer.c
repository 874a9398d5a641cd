/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-sample-timer"

#include "config.h"

#include <errno.h>
#include <unistd.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "liaison-error.h"
#include "liaison-sample-timer.h"

/*
 * Sampling this computer while Liaison is closed: the systemd user timer
 * liaison-sample-host.timer (data/systemd), installed with Liaison. It is
 * enabled the way `systemctl --user enable` enables it, with a link in
 * ~/.config/systemd/user/timers.target.wants, so that it runs from the
 * next login on even where no user manager answers now; when one answers,
 * it is asked to start or stop the timer at once.
 *
 * Inside a Flatpak there is none of this: the sandbox has no systemd of
 * the user's, and the Preferences row is hidden.
 */

#define TIMER_UNIT "liaison-sample-host.timer"

/* Where meson installed the units; $LIAISON_SYSTEMD_USER_UNIT_DIR for a
 * build that is not installed. */
static char *
unit_path (void)
{
  const char *dir = g_getenv ("LIAISON_SYSTEMD_USER_UNIT_DIR");

  return g_build_filename (dir != NULL && *dir != '\0' ? dir : SYSTEMD_USER_UNIT_DIR, TIMER_UNIT, NULL);
}

static char *
wants_path (void)
{
  return g_build_filename (g_get_user_config_dir (), "systemd", "user", "timers.target.wants", TIMER_UNIT, NULL);
}

/* Whether the timer can be used here: installed, and not in a sandbox. */
gboolean
liaison_sample_timer_is_available (void)
{
  g_autofree char *unit = unit_path ();

  return !g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS) &&
         g_file_test (unit, G_FILE_TEST_IS_REGULAR);
}

gboolean
liaison_sample_timer_get_enabled (void)
{
  g_autofree char *wants = wants_path ();

  return g_file_test (wants, G_FILE_TEST_IS_SYMLINK);
}

/* Tells the user's systemd, if it answers, to start or stop the timer now.
 * A build that is not installed has its units where systemd does not
 * look: then the link is all. */
static void
tell_systemd (gboolean enabled)
{
  g_autofree char *systemctl = g_find_program_in_path ("systemctl");
  g_autofree char *command = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) process = NULL;

  if (systemctl == NULL || g_getenv ("LIAISON_SYSTEMD_USER_UNIT_DIR") != NULL)
    return;

  command = g_strdup_printf ("\"$0\" --user daemon-reload && \"$0\" --user %s " TIMER_UNIT,
                             enabled ? "start" : "stop");
  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE,
                              &error, "/bin/sh", "-c", command, systemctl, NULL);
  if (process == NULL)
    g_message ("cannot run systemctl: %s", error->message);
}

/**
 * liaison_sample_timer_set_enabled:
 *
 * Enables or disables the timer, from the next login on and, where the
 * user's systemd answers, now.
 */
gboolean
liaison_sample_timer_set_enabled (gboolean   enabled,
                                  GError   **error)
{
  g_autofree char *wants = wants_path ();
  g_autofree char *unit = unit_path ();
  g_autofree char *folder = g_path_get_dirname (wants);
  gboolean done;

  if (enabled)
    done = (g_remove (wants) == 0 || errno == ENOENT) &&
           g_mkdir_with_parents (folder, 0755) == 0 &&
           symlink (unit, wants) == 0;
  else
    done = g_remove (wants) == 0 || errno == ENOENT;

  if (!done)
    {
      int saved = errno;

      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_IO,
                   enabled ? _("Cannot enable the background sampling: %s: %s")
                           : _("Cannot disable the background sampling: %s: %s"),
                   wants, g_strerror (saved));
      return FALSE;
    }

  tell_systemd (enabled);
  return TRUE;
}
