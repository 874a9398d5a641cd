/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "liaison-accessible.h"
#include "liaison-preferences-window.h"

/*
 * The Preferences window: the netflow sample interval offered on import,
 * whether times show in the local time zone or in UTC, and which database
 * file is open, with the way to open another one.
 */

struct _LiaisonPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  LiaisonWindow        *main_window;   /* weak */
  GSettings            *settings;

  GtkAdjustment        *interval_adjustment;
  GtkWidget            *time_zone_row;
  GtkWidget            *database_row;
  GtkWidget            *open_database_button;
};

G_DEFINE_FINAL_TYPE (LiaisonPreferencesWindow, liaison_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* The time-zone key is an enum: its nicks map to the combo row's positions. */
static const char * const time_zone_nicks[] = { "local", "utc" };

static gboolean
time_zone_get_mapping (GValue   *value,
                       GVariant *variant,
                       gpointer  user_data)
{
  const char *nick = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (time_zone_nicks); i++)
    if (g_str_equal (nick, time_zone_nicks[i]))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }

  return FALSE;
}

static GVariant *
time_zone_set_mapping (const GValue       *value,
                       const GVariantType *expected_type,
                       gpointer            user_data)
{
  guint position = g_value_get_uint (value);

  if (position >= G_N_ELEMENTS (time_zone_nicks))
    return NULL;

  return g_variant_new_string (time_zone_nicks[position]);
}

static void
update_database_row (LiaisonPreferencesWindow *self)
{
  LiaisonStore *store = NULL;
  const char *path = NULL;
  g_autofree char *display = NULL;

  if (self->main_window != NULL)
    store = liaison_window_get_store (self->main_window);
  if (store != NULL)
    path = liaison_store_get_path (store);

  if (path != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_path (path);

      display = g_file_get_parse_name (file);
    }

  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->database_row),
                               display != NULL ? display : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->database_row),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  display != NULL ? display : "",
                                  -1);
}

/**
 * liaison_preferences_window_open_database:
 * @file: the database file to open
 *
 * Opens @file as the application's database: the main window is replaced
 * by one on the new database, and these preferences move over to it. When
 * the file cannot be opened, a toast says why and nothing changes.
 */
void
liaison_preferences_window_open_database (LiaisonPreferencesWindow *self,
                                          GFile                    *file)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  LiaisonApplication *app;
  LiaisonWindow *window;

  g_return_if_fail (LIAISON_IS_PREFERENCES_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  app = LIAISON_APPLICATION (g_application_get_default ());
  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_autofree char *name = g_file_get_parse_name (file);

      g_set_error (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("“%s” is not a local file"), name);
      window = NULL;
    }
  else
    {
      window = liaison_application_open_database (app, path, &error);
    }

  if (window == NULL)
    {
      AdwToast *toast = adw_toast_new (error->message);

      adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
      adw_toast_set_timeout (toast, 0);
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), toast);
      return;
    }

  /* Already moved over by the application; this keeps it so either way. */
  liaison_preferences_window_set_main_window (self, window);
  gtk_window_present (GTK_WINDOW (self));
}

static void
on_open_database_response (GtkNativeDialog          *chooser,
                           int                       response,
                           LiaisonPreferencesWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        liaison_preferences_window_open_database (self, file);
    }

  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  g_object_unref (self);
}

static void
on_open_database_clicked (LiaisonPreferencesWindow *self)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) databases = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Open Other Database"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);

  gtk_file_filter_set_name (databases, _("Liaison databases"));
  gtk_file_filter_add_mime_type (databases, "application/vnd.sqlite3");
  gtk_file_filter_add_mime_type (databases, "application/x-sqlite3");
  gtk_file_filter_add_pattern (databases, "*.db");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), databases);

  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);

  g_signal_connect (chooser, "response", G_CALLBACK (on_open_database_response),
                    g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
liaison_preferences_window_dispose (GObject *object)
{
  LiaisonPreferencesWindow *self = (LiaisonPreferencesWindow *)object;

  g_clear_weak_pointer (&self->main_window);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (liaison_preferences_window_parent_class)->dispose (object);
}

static void
liaison_preferences_window_class_init (LiaisonPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = liaison_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/liaison/Liaison/liaison-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, LiaisonPreferencesWindow, interval_adjustment);
  gtk_widget_class_bind_template_child (widget_class, LiaisonPreferencesWindow, time_zone_row);
  gtk_widget_class_bind_template_child (widget_class, LiaisonPreferencesWindow, database_row);
  gtk_widget_class_bind_template_child (widget_class, LiaisonPreferencesWindow, open_database_button);
  gtk_widget_class_bind_template_callback (widget_class, on_open_database_clicked);
}

static void
liaison_preferences_window_init (LiaisonPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  liaison_accessible_name_mnemonic_buttons (GTK_WIDGET (self));
}

/**
 * liaison_preferences_window_new:
 * @window: the main window whose database is shown
 *
 * Returns: (transfer none): a new preferences window, transient for @window
 */
LiaisonPreferencesWindow *
liaison_preferences_window_new (LiaisonWindow *window)
{
  LiaisonPreferencesWindow *self;

  g_return_val_if_fail (LIAISON_IS_WINDOW (window), NULL);

  self = g_object_new (LIAISON_TYPE_PREFERENCES_WINDOW, NULL);

  self->settings = g_object_ref (liaison_window_get_settings (window));
  g_settings_bind (self->settings, "netflow-interval",
                   self->interval_adjustment, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (self->settings, "time-zone",
                                self->time_zone_row, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                time_zone_get_mapping, time_zone_set_mapping,
                                NULL, NULL);

  liaison_preferences_window_set_main_window (self, window);

  return self;
}

/**
 * liaison_preferences_window_get_main_window:
 *
 * Returns: (transfer none) (nullable): the main window these preferences
 *   belong to
 */
LiaisonWindow *
liaison_preferences_window_get_main_window (LiaisonPreferencesWindow *self)
{
  g_return_val_if_fail (LIAISON_IS_PREFERENCES_WINDOW (self), NULL);

  return self->main_window;
}

void
liaison_preferences_window_set_main_window (LiaisonPreferencesWindow *self,
                                            LiaisonWindow            *window)
{
  g_return_if_fail (LIAISON_IS_PREFERENCES_WINDOW (self));
  g_return_if_fail (window == NULL || LIAISON_IS_WINDOW (window));

  g_set_weak_pointer (&self->main_window, window);
  gtk_window_set_transient_for (GTK_WINDOW (self), GTK_WINDOW (window));
  update_database_row (self);
}
