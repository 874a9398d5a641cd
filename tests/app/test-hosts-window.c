/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-hosts-window"

#include "config.h"

#include "liaison-format.h"
#include "liaison-hosts-window-private.h"
#include "liaison-live-sample.h"
#include "liaison-schedule-private.h"
#include "liaison-test-servers.h"
#include "liaison-test-utils.h"

/*
 * The Hosts window, against sshd servers the test starts on loopback
 * (tests/servers): adding and removing hosts, a round with each host's
 * result or error, a test of one host, Cancel, and the schedules of this
 * computer and of the remote hosts.
 */

typedef LiaisonTestFixture Fixture;

static LiaisonHostsWindow *
open_hosts (Fixture *fixture)
{
  static const char * const keys[] = {
    "ssh-hosts", "ssh-every", "ssh-minutes", "ssh-config-file", "sample-host-every", "sample-host-minutes",
  };
  GSettings *settings = liaison_window_get_settings (fixture->window);
  LiaisonHostsWindow *hosts;

  /* Each test from the defaults: the settings live as long as the program. */
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_settings_reset (settings, keys[i]);

  g_action_group_activate_action (G_ACTION_GROUP (fixture->window), "hosts", NULL);
  hosts = LIAISON_HOSTS_WINDOW (liaison_test_wait_for_window (LIAISON_TYPE_HOSTS_WINDOW));
  liaison_test_flush ();
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (hosts)) == GTK_WINDOW (fixture->window));

  /* One window: asked again, the same comes to the front. */
  g_action_group_activate_action (G_ACTION_GROUP (fixture->window), "hosts", NULL);
  g_assert_true (liaison_test_find_window (LIAISON_TYPE_HOSTS_WINDOW) == GTK_WINDOW (hosts));
  return hosts;
}

static void
type_host (LiaisonHostsWindow *hosts,
           const char         *host)
{
  gtk_editable_set_text (GTK_EDITABLE (hosts->add_row), host);
  g_signal_emit_by_name (hosts->add_row, "apply");
  liaison_test_flush ();
}

/* What a click on @button does. */
static void
click (GtkWidget *button)
{
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  liaison_test_flush ();
}

static char **
setting_hosts (LiaisonHostsWindow *hosts)
{
  return g_settings_get_strv (hosts->settings, "ssh-hosts");
}

static const char *
row_subtitle (LiaisonHostsWindow *hosts,
              const char         *host)
{
  GtkWidget *row = g_hash_table_lookup (hosts->rows, host);

  g_assert_nonnull (row);
  return adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
}

/* A button of @host's row: Test, or the trash. */
static GtkWidget *
row_button (LiaisonHostsWindow *hosts,
            const char         *host,
            gboolean            test)
{
  GtkWidget *row = g_hash_table_lookup (hosts->rows, host);
  GtkWidget *button;

  g_assert_nonnull (row);
  button = g_object_get_data (G_OBJECT (row), test ? "test" : "remove");
  g_assert_true (GTK_IS_BUTTON (button));
  g_assert_true (gtk_widget_is_ancestor (button, row));
  return button;
}

static gboolean
round_over (gpointer user_data)
{
  LiaisonHostsWindow *hosts = user_data;

  return !liaison_ssh_sampler_get_running (hosts->ssh_sampler);
}

/* Added through the entry, refused when ssh could take it for an option or
 * when it is there already, removed with its trash button. */
static void
test_add_remove (Fixture       *fixture,
                 gconstpointer  data)
{
  LiaisonHostsWindow *hosts = open_hosts (fixture);
  g_auto(GStrv) list = NULL;

  type_host (hosts, "  db01  ");
  type_host (hosts, "root@web01");
  list = setting_hosts (hosts);
  g_assert_cmpuint (g_strv_length (list), ==, 2);
  g_assert_cmpstr (list[0], ==, "db01");
  g_assert_cmpstr (list[1], ==, "root@web01");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (hosts->add_row)), ==, "");
  g_assert_cmpstr (row_subtitle (hosts, "db01"), ==, "Not sampled yet");
  g_assert_true (gtk_widget_get_sensitive (hosts->run_button));

  type_host (hosts, "-oProxyCommand=touch /tmp/owned");
  g_assert_true (liaison_test_wait_for_label (GTK_WIDGET (hosts),
                                              "“-oProxyCommand=touch /tmp/owned” is not a host: a host may not start with “-”",
                                              5000));
  type_host (hosts, "db01");
  g_assert_true (liaison_test_wait_for_label (GTK_WIDGET (hosts), "“db01” is in the list already", 5000));
  g_strfreev (list);
  list = setting_hosts (hosts);
  g_assert_cmpuint (g_strv_length (list), ==, 2);

  click (row_button (hosts, "db01", FALSE));
  g_strfreev (list);
  list = setting_hosts (hosts);
  g_assert_cmpuint (g_strv_length (list), ==, 1);
  g_assert_cmpstr (list[0], ==, "root@web01");
  g_assert_null (g_hash_table_lookup (hosts->rows, "db01"));
}

/* A host that came into the setting from elsewhere (dconf, a settings
 * file) and that ssh could take for an option is never given to ssh. */
static void
test_refused_setting (Fixture       *fixture,
                      gconstpointer  data)
{
  LiaisonHostsWindow *hosts = open_hosts (fixture);
  g_autofree char *owned = g_build_filename (fixture->dir, "owned", NULL);
  g_autofree char *host = g_strdup_printf ("-oProxyCommand=touch %s", owned);
  g_autofree char *expected = g_strdup_printf ("“%s” is not a host: a host may not start with “-”", host);
  const char *list[] = { host, NULL };

  g_settings_set_strv (hosts->settings, "ssh-hosts", list);
  liaison_test_flush ();
  click (hosts->run_button);
  g_assert_false (liaison_ssh_sampler_get_running (hosts->ssh_sampler));
  g_assert_true (g_str_has_suffix (row_subtitle (hosts, host), expected));
  g_assert_false (g_file_test (owned, G_FILE_TEST_EXISTS));
}

/* A round: progress while it runs, then each host's result or error. */
static void
test_round (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(LiaisonTestSshd) sshd = liaison_test_sshd_new (NULL);
  g_autoptr(LiaisonTestSockets) sockets = NULL;
  LiaisonHostsWindow *hosts;
  g_autofree char *sampled = NULL;
  const char *subtitle;
  const char *progress;

  if (sshd == NULL)
    return;

  sockets = liaison_test_sockets_new ();
  hosts = open_hosts (fixture);
  g_settings_set_string (hosts->settings, "ssh-config-file", sshd->config);
  type_host (hosts, "ss-host");
  type_host (hosts, "proc-host");
  type_host (hosts, "unknown-key-host");
  type_host (hosts, "nowhere");

  click (hosts->run_button);
  g_assert_true (gtk_widget_get_visible (hosts->progress_row));
  /* The quick failures may be in already. */
  progress = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (hosts->progress_row));
  g_assert_true (g_str_has_prefix (progress, "Sampling: "));
  g_assert_true (g_str_has_suffix (progress, " of 4 hosts done"));
  g_assert_cmpstr (progress, !=, "Sampling: 4 of 4 hosts done");
  g_assert_false (gtk_widget_get_sensitive (hosts->run_button));
  g_assert_false (gtk_widget_get_sensitive (row_button (hosts, "ss-host", TRUE)));

  g_assert_true (liaison_test_wait (round_over, hosts, 60000));
  liaison_test_flush ();
  g_assert_false (gtk_widget_get_visible (hosts->progress_row));
  g_assert_true (gtk_widget_get_sensitive (hosts->run_button));

  sampled = g_strdup_printf (": Sampled as %s with ss -tunapH: ", sshd->ss_device);
  subtitle = row_subtitle (hosts, "ss-host");
  g_assert_nonnull (strstr (subtitle, sampled));
  g_assert_true (g_str_has_suffix (subtitle, " new communications") || g_str_has_suffix (subtitle, " new communication"));
  g_free (sampled);
  sampled = g_strdup_printf (": Sampled as %s with /proc/net: ", sshd->proc_device);
  g_assert_nonnull (strstr (row_subtitle (hosts, "proc-host"), sampled));
  g_assert_true (g_str_has_suffix (row_subtitle (hosts, "unknown-key-host"),
                                   ": the host key is unknown; check it and add it to known_hosts, "
                                   "for example by logging in once with ssh (No ED25519 host key is known for "
                                   "unknown-key-host and you have requested strict checking.)"));
  g_assert_nonnull (strstr (row_subtitle (hosts, "nowhere"), ": the host name does not resolve ("));
  g_assert_null (strstr (row_subtitle (hosts, "nowhere"), "nowhere: "));

  /* The samples are in the database and the list shows them. */
  g_assert_cmpint (liaison_test_count_samples (fixture->path), ==, 2);
  g_assert_cmpuint (liaison_test_n_rows (fixture), >, 0);
}

/* A test asks the host and files nothing. */
static void
test_test_host (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(LiaisonTestSshd) sshd = liaison_test_sshd_new (NULL);
  LiaisonHostsWindow *hosts;
  g_autofree char *works = NULL;

  if (sshd == NULL)
    return;

  hosts = open_hosts (fixture);
  g_settings_set_string (hosts->settings, "ssh-config-file", sshd->config);
  type_host (hosts, "ss-host");

  click (row_button (hosts, "ss-host", TRUE));
  g_assert_true (liaison_test_wait (round_over, hosts, 30000));
  works = g_strdup_printf (": Works: %s answers with ss -tunapH, ", sshd->ss_device);
  g_assert_nonnull (strstr (row_subtitle (hosts, "ss-host"), works));
  g_assert_true (g_str_has_suffix (row_subtitle (hosts, "ss-host"), " sockets"));
  g_assert_cmpint (liaison_test_count_samples (fixture->path), ==, 0);
}

/* Cancel stops the ssh under way; the hosts keep what they said before. */
static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(LiaisonTestSshd) sshd = liaison_test_sshd_new (NULL);
  LiaisonHostsWindow *hosts;
  gint64 start;

  if (sshd == NULL)
    return;

  hosts = open_hosts (fixture);
  g_settings_set_string (hosts->settings, "ssh-config-file", sshd->config);
  type_host (hosts, "slow-host");
  type_host (hosts, "slow-host-2");

  click (hosts->run_button);
  g_assert_true (gtk_widget_get_visible (hosts->cancel_button));
  start = g_get_monotonic_time ();
  click (hosts->cancel_button);
  g_assert_true (liaison_test_wait (round_over, hosts, 10000));
  g_assert_cmpint (g_get_monotonic_time () - start, <, 1500000);
  liaison_test_flush ();

  g_assert_false (gtk_widget_get_visible (hosts->progress_row));
  g_assert_cmpstr (row_subtitle (hosts, "slow-host"), ==, "Not sampled yet");
  g_assert_cmpstr (row_subtitle (hosts, "slow-host-2"), ==, "Not sampled yet");
  g_assert_cmpint (liaison_test_count_samples (fixture->path), ==, 0);
}

static gboolean
this_host_sampled (gpointer user_data)
{
  LiaisonHostsWindow *hosts = user_data;

  return !liaison_host_sampler_get_busy (hosts->host_sampler) &&
         liaison_host_sampler_get_last_time (hosts->host_sampler) != LIAISON_TIME_NONE;
}

/* This computer every N minutes: remembered, the next sample shown, and
 * the last one when it is taken; a second in one period is skipped. */
static void
test_this_host_schedule (Fixture       *fixture,
                         gconstpointer  data)
{
  LiaisonHostsWindow *hosts = open_hosts (fixture);
  LiaisonSchedule *schedule = liaison_host_sampler_get_schedule (hosts->host_sampler);
  g_autofree char *next = NULL;
  g_autofree char *expected = NULL;
  const char *subtitle;
  LiaisonTime period_start;

  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (hosts->this_row)), ==,
                   "No sample yet since Liaison started");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (hosts->this_schedule_row)), ==,
                   "Every 5 minutes while Liaison is open");

  gtk_spin_button_set_value (GTK_SPIN_BUTTON (hosts->this_minutes), 60);
  gtk_switch_set_active (GTK_SWITCH (hosts->this_switch), TRUE);
  liaison_test_flush ();
  g_assert_true (g_settings_get_boolean (hosts->settings, "sample-host-every"));
  g_assert_cmpuint (g_settings_get_uint (hosts->settings, "sample-host-minutes"), ==, 60);

  /* Due at the next full hour. */
  period_start = liaison_period_start (liaison_time_now (), 3600 * 1000);
  g_assert_cmpint (liaison_schedule_get_next (schedule), ==, period_start + 3600 * 1000);
  next = liaison_format_time_short (period_start + 3600 * 1000);
  expected = g_strdup_printf ("Every 60 minutes while Liaison is open; next at %s", next);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (hosts->this_schedule_row)), ==, expected);

  liaison_schedule_fire (schedule);
  g_assert_true (liaison_test_wait (this_host_sampled, hosts, 30000));
  liaison_test_flush ();
  subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (hosts->this_row));
  g_assert_true (g_str_has_prefix (subtitle, "Last sample "));
  g_assert_true (g_str_has_suffix (subtitle, " new communications") || g_str_has_suffix (subtitle, " new communication"));
  g_assert_cmpint (liaison_test_count_samples (fixture->path), ==, 1);

  /* The same hour again: skipped, said, nothing written. */
  if (liaison_period_start (liaison_time_now (), 3600 * 1000) == period_start)
    {
      liaison_schedule_fire (schedule);
      g_assert_true (liaison_test_wait (this_host_sampled, hosts, 30000));
      g_assert_true (liaison_host_sampler_get_busy (hosts->host_sampler) == FALSE);
      liaison_test_flush ();
      subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (hosts->this_row));
      g_assert_nonnull (strstr (subtitle, ": already sampled in the 1h period from "));
      g_assert_cmpint (liaison_test_count_samples (fixture->path), ==, 1);
    }

  /* Off: nothing due. */
  gtk_switch_set_active (GTK_SWITCH (hosts->this_switch), FALSE);
  liaison_test_flush ();
  g_assert_false (g_settings_get_boolean (hosts->settings, "sample-host-every"));
  g_assert_cmpint (liaison_schedule_get_next (schedule), ==, LIAISON_TIME_NONE);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (hosts->this_schedule_row)), ==,
                   "Every 60 minutes while Liaison is open");
}

/* The remote hosts on a schedule: a round when it is due. */
static void
test_remote_schedule (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(LiaisonTestSshd) sshd = liaison_test_sshd_new (NULL);
  LiaisonHostsWindow *hosts;
  LiaisonSchedule *schedule;

  if (sshd == NULL)
    return;

  hosts = open_hosts (fixture);
  schedule = liaison_ssh_sampler_get_schedule (hosts->ssh_sampler);
  g_settings_set_string (hosts->settings, "ssh-config-file", sshd->config);
  type_host (hosts, "ss-host");
  gtk_switch_set_active (GTK_SWITCH (hosts->ssh_switch), TRUE);
  liaison_test_flush ();
  g_assert_true (g_settings_get_boolean (hosts->settings, "ssh-every"));
  g_assert_cmpint (liaison_schedule_get_next (schedule), !=, LIAISON_TIME_NONE);
  g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (ADW_ACTION_ROW (hosts->ssh_schedule_row)),
                                   "Every 5 minutes while Liaison is open; next at "));

  liaison_schedule_fire (schedule);
  liaison_test_flush ();
  g_assert_true (liaison_ssh_sampler_get_running (hosts->ssh_sampler));
  g_assert_true (liaison_test_wait (round_over, hosts, 30000));
  g_assert_cmpint (liaison_test_count_samples (fixture->path), ==, 1);
  g_assert_nonnull (strstr (row_subtitle (hosts, "ss-host"), ": Sampled as "));
}

int
main (int   argc,
      char *argv[])
{
  liaison_test_init (&argc, &argv);

  liaison_test_add ("/hosts/add-remove", test_add_remove, NULL);
  liaison_test_add ("/hosts/refused-setting", test_refused_setting, NULL);
  liaison_test_add ("/hosts/round", test_round, NULL);
  liaison_test_add ("/hosts/test-host", test_test_host, NULL);
  liaison_test_add ("/hosts/cancel", test_cancel, NULL);
  liaison_test_add ("/hosts/this-host-schedule", test_this_host_schedule, NULL);
  liaison_test_add ("/hosts/remote-schedule", test_remote_schedule, NULL);

  return g_test_run ();
}
