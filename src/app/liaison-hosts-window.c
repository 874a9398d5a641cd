/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-hosts-window"

#include "config.h"

#include <glib/gi18n.h>

#include "liaison-format.h"
#include "liaison-hosts-window-private.h"

/*
 * The Hosts window: this computer and the remote hosts, what each said
 * last, their schedules, and the round under way with its progress and
 * Cancel. The samplers do the work and keep the state; this window shows
 * it and asks them.
 */

G_DEFINE_FINAL_TYPE (LiaisonHostsWindow, liaison_hosts_window, ADW_TYPE_PREFERENCES_WINDOW)

/* "every 5 minutes while Liaison is open; next at 2026-12-03 10:10" */
static char *
schedule_text (LiaisonSchedule *schedule)
{
  g_autofree char *next = NULL;
  guint minutes = liaison_schedule_get_minutes (schedule);

  if (!liaison_schedule_get_enabled (schedule))
    return g_strdup_printf (ngettext ("Every %u minute while Liaison is open",
                                      "Every %u minutes while Liaison is open", minutes),
                            minutes);

  next = liaison_format_time_short (liaison_schedule_get_next (schedule));
  /* Translators: the schedule that is on, and when it is due next */
  return g_strdup_printf (ngettext ("Every %u minute while Liaison is open; next at %s",
                                    "Every %u minutes while Liaison is open; next at %s", minutes),
                          minutes, next);
}

static void
update_this (LiaisonHostsWindow *self)
{
  LiaisonHostSampler *sampler = self->host_sampler;
  LiaisonTime last = liaison_host_sampler_get_last_time (sampler);
  gboolean busy = liaison_host_sampler_get_busy (sampler);
  g_autofree char *schedule = schedule_text (liaison_host_sampler_get_schedule (sampler));
  g_autofree char *subtitle = NULL;

  if (last == LIAISON_TIME_NONE)
    subtitle = g_strdup (_("No sample yet since Liaison started"));
  else
    {
      g_autofree char *when = liaison_format_time (last);

      /* Translators: “Last sample 2026-12-03 10:05:12: 3 new communications” */
      subtitle = g_strdup_printf (_("Last sample %s: %s"), when, liaison_host_sampler_get_last_result (sampler));
    }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->this_row), g_get_host_name ());
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->this_row), subtitle);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->this_schedule_row), schedule);
  gtk_spinner_set_spinning (GTK_SPINNER (self->this_spinner), busy);
  gtk_widget_set_sensitive (self->this_button, !busy);
}

static void
on_sample_this_clicked (LiaisonHostsWindow *self)
{
  liaison_sample_host (self->this_button, self->host_sampler, NULL);
}

/* Remote hosts ---------------------------------------------------------------- */

static void
update_host_row (LiaisonHostsWindow *self,
                 const char         *host)
{
  GtkWidget *row = g_hash_table_lookup (self->rows, host);
  const LiaisonSshHostState *state = liaison_ssh_sampler_get_state (self->ssh_sampler, host);
  GtkWidget *icon, *spinner, *test;
  g_autofree char *subtitle = NULL;

  if (row == NULL)
    return;

  icon = g_object_get_data (G_OBJECT (row), "icon");
  spinner = g_object_get_data (G_OBJECT (row), "spinner");
  test = g_object_get_data (G_OBJECT (row), "test");

  if (state == NULL || state->time == LIAISON_TIME_NONE)
    subtitle = g_strdup (_("Not sampled yet"));
  else
    {
      g_autofree char *when = liaison_format_time (state->time);

      /* Translators: when a host said last, and what: “2026-12-03 10:05:12: Sampled as …” */
      subtitle = g_strdup_printf (_("%s: %s"), when, state->text);
    }
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  gtk_widget_set_visible (icon, state != NULL && state->time != LIAISON_TIME_NONE);
  if (state != NULL && state->failed)
    {
      gtk_image_set_from_icon_name (GTK_IMAGE (icon), "dialog-warning-symbolic");
      gtk_widget_remove_css_class (icon, "success");
      gtk_widget_add_css_class (icon, "error");
    }
  else
    {
      gtk_image_set_from_icon_name (GTK_IMAGE (icon), "emblem-ok-symbolic");
      gtk_widget_remove_css_class (icon, "error");
      gtk_widget_add_css_class (icon, "success");
    }
  gtk_spinner_set_spinning (GTK_SPINNER (spinner), state != NULL && state->busy);
  gtk_widget_set_sensitive (test, !liaison_ssh_sampler_get_running (self->ssh_sampler));
}

static void
on_test_clicked (GtkButton          *button,
                 LiaisonHostsWindow *self)
{
  liaison_ssh_sampler_test (self->ssh_sampler, g_object_get_data (G_OBJECT (button), "host"));
}

static void
on_remove_clicked (GtkButton          *button,
                   LiaisonHostsWindow *self)
{
  liaison_ssh_sampler_remove_host (self->ssh_sampler, g_object_get_data (G_OBJECT (button), "host"));
}

static GtkWidget *
host_row_new (LiaisonHostsWindow *self,
              const char         *host)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new ();
  GtkWidget *spinner = gtk_spinner_new ();
  GtkWidget *test = gtk_button_new_with_mnemonic (_("_Test"));
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  g_autofree char *remove_label = g_strdup_printf (_("Remove %s"), host);
  g_autofree char *test_label = g_strdup_printf (_("Test %s"), host);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), host);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);

  for (GtkWidget *w = spinner; w != NULL; w = w == spinner ? test : w == test ? remove : NULL)
    {
      gtk_widget_set_valign (w, GTK_ALIGN_CENTER);
      g_object_set_data_full (G_OBJECT (w), "host", g_strdup (host), g_free);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), w);
    }
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, _("Remove"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, remove_label, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (test), GTK_ACCESSIBLE_PROPERTY_LABEL, test_label, -1);
  g_signal_connect (test, "clicked", G_CALLBACK (on_test_clicked), self);
  g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_clicked), self);

  g_object_set_data (G_OBJECT (row), "icon", icon);
  g_object_set_data (G_OBJECT (row), "spinner", spinner);
  g_object_set_data (G_OBJECT (row), "test", test);
  g_object_set_data (G_OBJECT (row), "remove", remove);
  return row;
}

static void
update_round (LiaisonHostsWindow *self)
{
  gboolean running = liaison_ssh_sampler_get_running (self->ssh_sampler);
  guint done = liaison_ssh_sampler_get_done (self->ssh_sampler);
  guint total = liaison_ssh_sampler_get_total (self->ssh_sampler);
  g_autofree char *schedule = schedule_text (liaison_ssh_sampler_get_schedule (self->ssh_sampler));
  GHashTableIter iter;
  gpointer host;

  gtk_widget_set_visible (self->progress_row, running);
  if (running)
    {
      g_autofree char *title = g_strdup_printf (ngettext ("Sampling: %u of %u host done",
                                                          "Sampling: %u of %u hosts done", total),
                                                done, total);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->progress_row), title);
      gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (self->progress_bar),
                                     total > 0 ? (double) done / total : 0.0);
    }

  gtk_widget_set_sensitive (self->run_button, !running && g_hash_table_size (self->rows) > 0);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->ssh_schedule_row), schedule);

  g_hash_table_iter_init (&iter, self->rows);
  while (g_hash_table_iter_next (&iter, &host, NULL))
    update_host_row (self, host);
}

/* The list of hosts changed: a row for each, in its order. */
static void
rebuild_hosts (LiaisonHostsWindow *self)
{
  g_auto(GStrv) hosts = liaison_ssh_sampler_dup_hosts (self->ssh_sampler);
  GHashTableIter iter;
  gpointer row;

  g_hash_table_iter_init (&iter, self->rows);
  while (g_hash_table_iter_next (&iter, NULL, &row))
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self->hosts_group), row);
  g_hash_table_remove_all (self->rows);

  for (guint i = 0; hosts[i] != NULL; i++)
    {
      GtkWidget *row = host_row_new (self, hosts[i]);

      g_hash_table_insert (self->rows, g_strdup (hosts[i]), row);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->hosts_group), row);
    }
  update_round (self);
}

static void
on_add_apply (LiaisonHostsWindow *self)
{
  g_autoptr(GError) error = NULL;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->add_row));

  if (!liaison_ssh_sampler_add_host (self->ssh_sampler, text, &error))
    {
      AdwToast *toast = adw_toast_new (error->message);

      adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), toast);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->add_row), "");
}

static void
on_run_clicked (LiaisonHostsWindow *self)
{
  liaison_ssh_sampler_run (self->ssh_sampler);
}

static void
on_cancel_clicked (LiaisonHostsWindow *self)
{
  liaison_ssh_sampler_cancel (self->ssh_sampler);
}

/* GObject ------------------------------------------------------------------ */

static void
liaison_hosts_window_dispose (GObject *object)
{
  LiaisonHostsWindow *self = (LiaisonHostsWindow *)object;

  if (self->host_sampler != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->host_sampler, self);
      g_signal_handlers_disconnect_by_data (liaison_host_sampler_get_schedule (self->host_sampler), self);
    }
  if (self->ssh_sampler != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->ssh_sampler, self);
      g_signal_handlers_disconnect_by_data (liaison_ssh_sampler_get_schedule (self->ssh_sampler), self);
    }
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_object (&self->host_sampler);
  g_clear_object (&self->ssh_sampler);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->rows, g_hash_table_unref);

  G_OBJECT_CLASS (liaison_hosts_window_parent_class)->dispose (object);
}

static void
liaison_hosts_window_class_init (LiaisonHostsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = liaison_hosts_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/liaison/Liaison/liaison-hosts-window.ui");
  gtk_widget_class_bind_template_child (widget_class, LiaisonHostsWindow, this_row);
  gtk_widget_class_bind_template_child (widget_class, LiaisonHostsWindow, this_spinner);
  gtk_widget_class_bind_template_child (widget_class, LiaisonHostsWindow, this_button);
  gtk_widget_class_bind_template_child (widget_class, LiaisonHostsWindow, this_schedule_row);
  gtk_widget_class_bind_template_child (widget_class, LiaisonHostsWindow, this_switch);
  gtk_widget_class_bind_template_child (widget_class, LiaisonHostsWindow, this_minutes);
  gtk_widget_class_bind_template_child (widget_class, LiaisonHostsWindow, hosts_group);
  gtk_widget_class_bind_template_child (widget_class, LiaisonHostsWindow, run_button);
  gtk_widget_class_bind_template_child (widget_class, LiaisonHostsWindow, progress_row);
  gtk_widget_class_bind_template_child (widget_class, LiaisonHostsWindow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, LiaisonHostsWindow, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, LiaisonHostsWindow, add_row);
  gtk_widget_class_bind_template_child (widget_class, LiaisonHostsWindow, ssh_schedule_row);
  gtk_widget_class_bind_template_child (widget_class, LiaisonHostsWindow, ssh_switch);
  gtk_widget_class_bind_template_child (widget_class, LiaisonHostsWindow, ssh_minutes);
  gtk_widget_class_bind_template_child (widget_class, LiaisonHostsWindow, ssh_jobs);
  gtk_widget_class_bind_template_child (widget_class, LiaisonHostsWindow, ssh_sudo);
  gtk_widget_class_bind_template_callback (widget_class, on_sample_this_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_add_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_run_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked);
}

static void
liaison_hosts_window_init (LiaisonHostsWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/**
 * liaison_hosts_window_new:
 * @parent: the main window
 * @host_sampler: this computer's sampler
 * @ssh_sampler: the remote hosts' sampler
 * @settings: the application's settings: the schedules
 *
 * Returns: (transfer none): a new Hosts window, transient for @parent
 */
LiaisonHostsWindow *
liaison_hosts_window_new (GtkWindow          *parent,
                          LiaisonHostSampler *host_sampler,
                          LiaisonSshSampler  *ssh_sampler,
                          GSettings          *settings)
{
  LiaisonHostsWindow *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (LIAISON_IS_HOST_SAMPLER (host_sampler), NULL);
  g_return_val_if_fail (LIAISON_IS_SSH_SAMPLER (ssh_sampler), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (LIAISON_TYPE_HOSTS_WINDOW, "transient-for", parent, NULL);
  self->host_sampler = g_object_ref (host_sampler);
  self->ssh_sampler = g_object_ref (ssh_sampler);
  self->settings = g_object_ref (settings);

  g_settings_bind (settings, "sample-host-every", self->this_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "sample-host-minutes", self->this_minutes, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "ssh-every", self->ssh_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "ssh-minutes", self->ssh_minutes, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "ssh-jobs", self->ssh_jobs, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "ssh-sudo", self->ssh_sudo, "active", G_SETTINGS_BIND_DEFAULT);

  g_signal_connect_swapped (host_sampler, "notify", G_CALLBACK (update_this), self);
  g_signal_connect_swapped (liaison_host_sampler_get_schedule (host_sampler), "notify",
                            G_CALLBACK (update_this), self);
  g_signal_connect_swapped (ssh_sampler, "notify", G_CALLBACK (update_round), self);
  g_signal_connect_swapped (liaison_ssh_sampler_get_schedule (ssh_sampler), "notify",
                            G_CALLBACK (update_round), self);
  g_signal_connect_swapped (ssh_sampler, "host-changed", G_CALLBACK (update_host_row), self);
  g_signal_connect_swapped (settings, "changed::ssh-hosts", G_CALLBACK (rebuild_hosts), self);

  update_this (self);
  rebuild_hosts (self);
  return self;
}
