/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "liaison-file-choice.h"
#include "liaison-format.h"
#include "liaison-local-file.h"
#include "liaison-preferences-window-private.h"
#include "liaison-sample-timer.h"
#include "liaison-store-server.h"
#include "liaison-toast.h"

/*
 * The Preferences window: the netflow sample interval offered on import,
 * whether times show in the local time zone or in UTC, and which database
 * is open: a file on this computer, with the way to open another one, or
 * a team's server (team.md 1), with Test connection. Each is a setting:
 * the application follows the database setting (see LiaisonApplication)
 * and tells this window which database it has open.
 */

struct _LiaisonPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;
  char                 *database_path;

  GtkAdjustment        *interval_adjustment;
  GtkWidget            *time_zone_row;
  GtkWidget            *database_kind_row;
  GtkWidget            *database_row;
  GtkWidget            *open_database_button;
  GtkWidget            *server_row;
  GtkWidget            *test_row;
  GtkWidget            *test_button;
  GtkWidget            *password_row;
  gboolean              following;        /* showing the database, not asked to change it */
  GtkWidget            *timer_group;
  GtkWidget            *timer_switch;
};

G_DEFINE_FINAL_TYPE (LiaisonPreferencesWindow, liaison_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_DATABASE_PATH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The time-zone key's nicks are LiaisonTimeZone's, whose values are the
 * combo row's positions. */
static gboolean
time_zone_get_mapping (GValue   *value,
                       GVariant *variant,
                       gpointer  user_data)
{
  g_autoptr(GEnumClass) zones = g_type_class_ref (LIAISON_TYPE_TIME_ZONE);
  GEnumValue *zone = g_enum_get_value_by_nick (zones, g_variant_get_string (variant, NULL));

  if (zone == NULL)
    return FALSE;

  g_value_set_uint (value, zone->value);
  return TRUE;
}

static GVariant *
time_zone_set_mapping (const GValue       *value,
                       const GVariantType *expected_type,
                       gpointer            user_data)
{
  g_autoptr(GEnumClass) zones = g_type_class_ref (LIAISON_TYPE_TIME_ZONE);
  GEnumValue *zone = g_enum_get_value (zones, g_value_get_uint (value));

  return zone != NULL ? g_variant_new_string (zone->value_nick) : NULL;
}

enum { KEPT_ON_THIS_COMPUTER, KEPT_ON_TEAM_SERVER };

/* The rows of the kind of database chosen. */
static void
show_database_kind (LiaisonPreferencesWindow *self)
{
  gboolean server = adw_combo_row_get_selected (ADW_COMBO_ROW (self->database_kind_row)) == KEPT_ON_TEAM_SERVER;

  gtk_widget_set_visible (self->database_row, !server);
  gtk_widget_set_visible (self->server_row, server);
  gtk_widget_set_visible (self->test_row, server);
  gtk_widget_set_visible (self->password_row, server);
}

static void
update_database_row (LiaisonPreferencesWindow *self)
{
  g_autofree char *display = NULL;
  gboolean server = liaison_store_path_is_server (self->database_path);

  if (self->database_path != NULL && !server)
    {
      g_autoptr(GFile) file = g_file_new_for_path (self->database_path);

      display = g_file_get_parse_name (file);
    }

  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->database_row),
                               display != NULL ? display : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->database_row),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  display != NULL ? display : "",
                                  -1);

  self->following = TRUE;
  adw_combo_row_set_selected (ADW_COMBO_ROW (self->database_kind_row),
                              server ? KEPT_ON_TEAM_SERVER : KEPT_ON_THIS_COMPUTER);
  if (server)
    gtk_editable_set_text (GTK_EDITABLE (self->server_row), self->database_path);
  self->following = FALSE;
  show_database_kind (self);
}

/* This Computer, while a server is open: back to the file in the usual
 * place. Team Server waits for a URI. */
static void
on_database_kind_selected (LiaisonPreferencesWindow *self)
{
  show_database_kind (self);
  if (self->following || self->settings == NULL)
    return;

  if (adw_combo_row_get_selected (ADW_COMBO_ROW (self->database_kind_row)) == KEPT_ON_THIS_COMPUTER &&
      liaison_store_path_is_server (self->database_path))
    {
      g_autofree char *file = g_build_filename (g_get_user_data_dir (), "liaison", "liaison.db", NULL);

      g_settings_set_string (self->settings, "database-path", file);
    }
  else if (adw_combo_row_get_selected (ADW_COMBO_ROW (self->database_kind_row)) == KEPT_ON_TEAM_SERVER)
    gtk_widget_grab_focus (self->server_row);
}

/* The URI typed, when it is one; else says what it must look like. */
static const char *
typed_uri (LiaisonPreferencesWindow *self)
{
  const char *uri = gtk_editable_get_text (GTK_EDITABLE (self->server_row));

  if (liaison_store_path_is_server (uri))
    return uri;
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->test_row),
                               _("A server’s URI begins with postgresql:// or postgres://"));
  return NULL;
}

/* Apply: the server becomes the database, its URI kept without a password. */
static void
on_server_apply (LiaisonPreferencesWindow *self)
{
  const char *uri = typed_uri (self);
  g_autofree char *kept = NULL;
  gboolean had_password = FALSE;

  if (uri == NULL)
    return;

  kept = liaison_store_uri_without_password (uri, &had_password);
  if (had_password)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->server_row), kept);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->password_row),
                                     _("The Password Was Not Saved"));
    }
  g_settings_set_string (self->settings, "database-path", kept);
}

/* What Test connection reached, in a sentence. */
static char *
describe_reached (const LiaisonStoreDescription *description)
{
  g_autofree char *warning = liaison_store_description_warning (description);
  g_autofree char *reached = NULL;

  /* TRANSLATORS: what Test connection reached: the server's version, the
   * database, the role, then "read only" or "may change the inventory" */
  reached = g_strdup_printf (_("Reached %s, database “%s” as role “%s”: %s"),
                             description->version, description->database, description->role,
                             description->read_only ? _("read only") : _("may change the inventory"));
  if (warning == NULL)
    return g_steal_pointer (&reached);
  /* TRANSLATORS: what Test connection reached, then a warning about the connection */
  return g_strdup_printf (_("%s\nWarning: %s"), reached, warning);
}

static void
test_connection_thread (GTask        *task,
                        gpointer      source_object,
                        gpointer      task_data,
                        GCancellable *cancellable)
{
  GError *error = NULL;
  LiaisonStoreDescription *description = liaison_store_test_connection (task_data, &error);

  if (description == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, description, (GDestroyNotify) liaison_store_description_free);
}

static void
on_test_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  LiaisonPreferencesWindow *self = LIAISON_PREFERENCES_WINDOW (source);
  g_autoptr(LiaisonStoreDescription) description = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *reached = NULL;

  description = g_task_propagate_pointer (G_TASK (result), &error);
  reached = description != NULL ? describe_reached (description) : NULL;
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->test_row),
                               reached != NULL ? reached : error->message);
  gtk_widget_set_sensitive (self->test_button, TRUE);
}

/* Test Connection: opens the URI typed (with a password, if one was
 * typed: it is not kept) off the main thread, and says what it reached or
 * the server's own error. */
static void
on_test_clicked (LiaisonPreferencesWindow *self)
{
  const char *uri = typed_uri (self);
  g_autoptr(GTask) task = NULL;

  if (uri == NULL)
    return;

  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->test_row), _("Connecting…"));
  gtk_widget_set_sensitive (self->test_button, FALSE);
  task = g_task_new (self, NULL, on_test_done, NULL);
  g_task_set_task_data (task, g_strdup (uri), g_free);
  g_task_run_in_thread (task, test_connection_thread);
}

/**
 * liaison_preferences_window_show_error:
 *
 * Says in a toast that stays why the last change could not be made.
 */
void
liaison_preferences_window_show_error (LiaisonPreferencesWindow *self,
                                       const GError             *error)
{
  AdwToast *toast;

  g_return_if_fail (LIAISON_IS_PREFERENCES_WINDOW (self));
  g_return_if_fail (error != NULL);

  toast = liaison_toast_new_text (error->message);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_set_timeout (toast, 0);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), toast);
}

/**
 * liaison_preferences_window_open_database:
 * @file: the database file to open
 *
 * Makes @file the database setting: the application opens it and puts its
 * main window on it, and this window follows. A file that is not on this
 * computer, or that the application cannot open, changes nothing and a
 * toast says why.
 */
void
liaison_preferences_window_open_database (LiaisonPreferencesWindow *self,
                                          GFile                    *file)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (LIAISON_IS_PREFERENCES_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  path = liaison_local_file_get_path (file, &error);
  if (path == NULL)
    {
      liaison_preferences_window_show_error (self, error);
      return;
    }

  g_settings_set_string (self->settings, "database-path", path);
}

static void
on_open_database_clicked (LiaisonPreferencesWindow *self)
{
  GtkFileChooserNative *chooser = liaison_local_file_database_chooser_new (GTK_WINDOW (self));

  liaison_file_choice_show (chooser, (LiaisonFileChosen) liaison_preferences_window_open_database,
                            g_object_ref (self), g_object_unref);
}

/* Background sampling: the systemd timer, where there is one. */
static void
on_timer_switch_active (LiaisonPreferencesWindow *self)
{
  gboolean active = gtk_switch_get_active (GTK_SWITCH (self->timer_switch));
  g_autoptr(GError) error = NULL;

  if (active == liaison_sample_timer_get_enabled ())
    return;

  if (!liaison_sample_timer_set_enabled (active, &error))
    {
      liaison_preferences_window_show_error (self, error);
      gtk_switch_set_active (GTK_SWITCH (self->timer_switch), !active);
    }
}

static void
liaison_preferences_window_dispose (GObject *object)
{
  LiaisonPreferencesWindow *self = (LiaisonPreferencesWindow *)object;

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (liaison_preferences_window_parent_class)->dispose (object);
}

static void
liaison_preferences_window_finalize (GObject *object)
{
  LiaisonPreferencesWindow *self = (LiaisonPreferencesWindow *)object;

  g_clear_pointer (&self->database_path, g_free);

  G_OBJECT_CLASS (liaison_preferences_window_parent_class)->finalize (object);
}

static void
liaison_preferences_window_get_property (GObject    *object,
                                         guint       prop_id,
                                         GValue     *value,
                                         GParamSpec *pspec)
{
  LiaisonPreferencesWindow *self = LIAISON_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_DATABASE_PATH:
      g_value_set_string (value, self->database_path);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_preferences_window_set_property (GObject      *object,
                                         guint         prop_id,
                                         const GValue *value,
                                         GParamSpec   *pspec)
{
  LiaisonPreferencesWindow *self = LIAISON_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_DATABASE_PATH:
      liaison_preferences_window_set_database_path (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_preferences_window_class_init (LiaisonPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = liaison_preferences_window_dispose;
  object_class->finalize = liaison_preferences_window_finalize;
  object_class->get_property = liaison_preferences_window_get_property;
  object_class->set_property = liaison_preferences_window_set_property;

  /**
   * LiaisonPreferencesWindow:database-path:
   *
   * The database the application has open (a file, or a server's URI
   * without its password), named in the Database group.
   */
  properties[PROP_DATABASE_PATH] =
    g_param_spec_string ("database-path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/liaison/Liaison/liaison-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, LiaisonPreferencesWindow, interval_adjustment);
  gtk_widget_class_bind_template_child (widget_class, LiaisonPreferencesWindow, time_zone_row);
  gtk_widget_class_bind_template_child (widget_class, LiaisonPreferencesWindow, database_kind_row);
  gtk_widget_class_bind_template_child (widget_class, LiaisonPreferencesWindow, database_row);
  gtk_widget_class_bind_template_child (widget_class, LiaisonPreferencesWindow, open_database_button);
  gtk_widget_class_bind_template_child (widget_class, LiaisonPreferencesWindow, server_row);
  gtk_widget_class_bind_template_child (widget_class, LiaisonPreferencesWindow, test_row);
  gtk_widget_class_bind_template_child (widget_class, LiaisonPreferencesWindow, test_button);
  gtk_widget_class_bind_template_child (widget_class, LiaisonPreferencesWindow, password_row);
  gtk_widget_class_bind_template_child (widget_class, LiaisonPreferencesWindow, timer_group);
  gtk_widget_class_bind_template_child (widget_class, LiaisonPreferencesWindow, timer_switch);
  gtk_widget_class_bind_template_callback (widget_class, on_open_database_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_database_kind_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_server_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_test_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_timer_switch_active);
}

static void
liaison_preferences_window_init (LiaisonPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update_database_row (self);

  /* Not in a Flatpak, and not where it was not installed. */
  gtk_widget_set_visible (self->timer_group, liaison_sample_timer_is_available ());
  gtk_switch_set_active (GTK_SWITCH (self->timer_switch), liaison_sample_timer_get_enabled ());
}

/**
 * liaison_preferences_window_new:
 * @parent: the main window
 * @settings: the application's settings
 * @database_path: the database file the application has open
 *
 * Returns: (transfer none): a new preferences window, transient for @parent
 */
LiaisonPreferencesWindow *
liaison_preferences_window_new (GtkWindow  *parent,
                                GSettings  *settings,
                                const char *database_path)
{
  LiaisonPreferencesWindow *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (LIAISON_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "database-path", database_path,
                       NULL);

  self->settings = g_object_ref (settings);
  g_settings_bind (self->settings, "netflow-interval",
                   self->interval_adjustment, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (self->settings, "time-zone",
                                self->time_zone_row, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                time_zone_get_mapping, time_zone_set_mapping,
                                NULL, NULL);

  return self;
}

void
liaison_preferences_window_set_database_path (LiaisonPreferencesWindow *self,
                                              const char               *database_path)
{
  g_return_if_fail (LIAISON_IS_PREFERENCES_WINDOW (self));

  if (g_strcmp0 (self->database_path, database_path) == 0)
    return;

  g_free (self->database_path);
  self->database_path = g_strdup (database_path);
  update_database_row (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATABASE_PATH]);
}
