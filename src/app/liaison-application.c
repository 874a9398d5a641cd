/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-application"

#include "config.h"

#include <glib/gi18n.h>

#include "liaison-accessible.h"
#include "liaison-application-private.h"
#include "liaison-file-choice.h"
#include "liaison-format.h"
#include "liaison-job.h"
#include "liaison-local-file.h"
#include "liaison-preferences-window.h"
#include "liaison-resources.h"
#include "liaison-statistics-page.h"
#include "liaison-store-server.h"
#include "liaison-window.h"

/*
 * The application: its database, its windows and its app.* actions. The
 * database-path setting says which database it works on; when it changes
 * (Open Other Database… in the main menu or in Preferences writes it), the
 * main window gives way to one on the new database.
 */

struct _LiaisonApplication
{
  AdwApplication            parent_instance;

  GSettings                *settings;
  char                     *database_setting; /* the database-path setting, as last followed */
  char                     *database_path;    /* the database worked on */
  LiaisonStore             *store;
  LiaisonPreferencesWindow *preferences;      /* weak */
  GtkWindow                *loading;          /* weak: a server opened at start-up */
  GPtrArray                *offered;          /* GFile: to import once it is open */
};

G_DEFINE_FINAL_TYPE (LiaisonApplication, liaison_application, ADW_TYPE_APPLICATION)

LiaisonApplication *
liaison_application_new (GApplicationFlags flags)
{
  return g_object_new (LIAISON_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "resource-base-path", "/io/github/liaison/Liaison",
                       "flags", flags,
                       NULL);
}

void
liaison_application_set_database_path (LiaisonApplication *self,
                                       const char         *path)
{
  g_return_if_fail (LIAISON_IS_APPLICATION (self));

  g_free (self->database_path);
  self->database_path = g_strdup (path);
}

GSettings *
liaison_application_get_settings (LiaisonApplication *self)
{
  g_return_val_if_fail (LIAISON_IS_APPLICATION (self), NULL);

  return self->settings;
}

/* The database: --database, else $LIAISON_DATABASE, else the
 * database-path setting, else the default location. */
static char *
choose_database_path (LiaisonApplication *self)
{
  g_autofree char *setting = NULL;
  const char *env;

  if (self->database_path != NULL)
    return g_strdup (self->database_path);

  env = g_getenv ("LIAISON_DATABASE");
  if (env != NULL && *env != '\0')
    return liaison_store_default_path ();

  setting = g_settings_get_string (self->settings, "database-path");
  if (setting != NULL && *setting != '\0')
    return g_steal_pointer (&setting);

  return liaison_store_default_path ();
}

/**
 * liaison_application_get_store:
 *
 * Returns: (transfer none) (nullable): the database of this application,
 *   or %NULL when it cannot be opened (the user has been told why)
 */
LiaisonStore *
liaison_application_get_store (LiaisonApplication *self)
{
  g_return_val_if_fail (LIAISON_IS_APPLICATION (self), NULL);

  return self->store;
}

static void
on_open_failed_response (AdwMessageDialog *dialog,
                         const char       *response,
                         gpointer          user_data)
{
  g_application_release (G_APPLICATION (user_data));
}

/* Says why the database cannot be opened: in the Preferences window when
 * it is open, else in a dialog over @parent (or alone, holding the
 * application until it is closed). */
static void
report_open_failed (LiaisonApplication *self,
                    GtkWindow          *parent,
                    const GError       *error)
{
  GtkWidget *dialog;

  if (self->preferences != NULL)
    {
      liaison_preferences_window_show_error (self->preferences, error);
      return;
    }

  dialog = adw_message_dialog_new (parent, _("Cannot Open the Database"), error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  if (parent == NULL)
    {
      gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (self));
      g_application_hold (G_APPLICATION (self));
      g_signal_connect (dialog, "response", G_CALLBACK (on_open_failed_response), self);
    }
  gtk_window_present (GTK_WINDOW (dialog));
}

/*
 * Makes @store, open on @path, the database this application works on.
 * The windows on the previous database give way to one window on the new
 * database, of the same size; an open Preferences window moves over to it.
 */
static void
show_store (LiaisonApplication *self,
            const char         *path,
            LiaisonStore       *store)
{
  g_autoptr(GPtrArray) old_windows = g_ptr_array_new ();
  LiaisonWindow *window;

  g_free (self->database_path);
  self->database_path = g_strdup (path);
  g_set_object (&self->store, store);
  /* The others' changes to a team's inventory show at once (team.md 3). */
  liaison_store_watch_others (store);

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (LIAISON_IS_WINDOW (l->data) || LIAISON_IS_LOADING_WINDOW (l->data))
      g_ptr_array_add (old_windows, l->data);

  window = liaison_window_new (self, store);
  if (old_windows->len > 0)
    {
      GtkWindow *old = g_ptr_array_index (old_windows, 0);
      int width, height;

      gtk_window_get_default_size (old, &width, &height);
      gtk_window_set_default_size (GTK_WINDOW (window), width, height);
      if (gtk_window_is_maximized (old))
        gtk_window_maximize (GTK_WINDOW (window));
    }

  gtk_window_present (GTK_WINDOW (window));
  for (guint i = 0; i < old_windows->len; i++)
    gtk_window_destroy (g_ptr_array_index (old_windows, i));

  /* Preferences stay open across the switch, now over the new window. */
  if (self->preferences != NULL)
    {
      gtk_window_set_transient_for (GTK_WINDOW (self->preferences), GTK_WINDOW (window));
      liaison_preferences_window_set_database_path (self->preferences, path);
      gtk_window_present (GTK_WINDOW (self->preferences));
    }
}

/* The database-path setting is followed: @store is open on @path, or (when
 * %NULL) it could not be opened, nothing changes and the setting goes back. */
static void
follow_setting (LiaisonApplication *self,
                const char         *path,
                LiaisonStore       *store,
                const GError       *error)
{
  if (store == NULL)
    {
      g_settings_set_string (self->settings, "database-path", self->database_setting);
      report_open_failed (self, gtk_application_get_active_window (GTK_APPLICATION (self)), error);
      return;
    }

  show_store (self, path, store);
  g_free (self->database_setting);
  self->database_setting = g_strdup (path);
}

static LiaisonWindow *find_main_window (LiaisonApplication *self);

/* The server opened at start-up (or not: the user is told why, as for a
 * file). Its window takes the place of the one that said it was loading;
 * the files offered meanwhile are offered now. Nothing shows when that
 * window was closed meanwhile. */
static void
started (LiaisonApplication *self,
         const char         *path,
         LiaisonStore       *store,
         const GError       *error)
{
  g_autoptr(GPtrArray) offered = g_steal_pointer (&self->offered);
  LiaisonWindow *window;

  if (self->loading == NULL)
    return;
  if (store == NULL)
    {
      report_open_failed (self, NULL, error);
      gtk_window_destroy (self->loading);
      return;
    }

  show_store (self, path, store);
  window = find_main_window (self);
  if (offered != NULL && window != NULL)
    liaison_window_offer_import (window, (GFile **) offered->pdata, offered->len);
}

/* A server is opened off the main thread (team.md 3): connecting may take
 * as long as the network does. The job's connection becomes the
 * application's. */
typedef struct
{
  char         *path;
  gboolean      starting;   /* at start-up, not for the setting */
  LiaisonStore *store;
} ServerOpening;

static void
server_opening_free (gpointer data)
{
  ServerOpening *opening = data;

  g_free (opening->path);
  g_clear_object (&opening->store);
  g_free (opening);
}

static gboolean
keep_store (LiaisonStore  *store,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  ((ServerOpening *) data)->store = g_object_ref (store);
  return TRUE;
}

static void
on_server_opened (gpointer      source,
                  gpointer      data,
                  const GError *error)
{
  LiaisonApplication *self = source;
  ServerOpening *opening = data;
  g_autofree char *setting = g_settings_get_string (self->settings, "database-path");

  if (opening->starting)
    {
      started (self, opening->path, opening->store, error);
      return;
    }
  /* The setting moved on meanwhile: this answer is no longer asked for. */
  if (g_strcmp0 (setting, opening->path) != 0)
    return;
  follow_setting (self, opening->path, opening->store, error);
}

/* Opens the server at @path in a worker; @starting: for the first window,
 * which a window saying so stands in for meanwhile. */
static void
open_server (LiaisonApplication *self,
             const char         *path,
             gboolean            starting)
{
  ServerOpening *opening = g_new0 (ServerOpening, 1);

  opening->path = g_strdup (path);
  opening->starting = starting;
  liaison_job_run (self, liaison_job_connection_new (opening->path), keep_store, opening, server_opening_free,
                   NULL, on_server_opened);
}

/* The database-path setting changed: work on that database from now on. A
 * database that cannot be opened puts the setting back. A cleared setting
 * means the default database at the next start; this one stays open. */
static void
on_database_setting_changed (LiaisonApplication *self)
{
  g_autofree char *path = g_settings_get_string (self->settings, "database-path");
  g_autoptr(LiaisonStore) store = NULL;
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (path, self->database_setting) == 0)
    return;

  if (*path == '\0' || g_strcmp0 (path, self->database_path) == 0)
    {
      g_free (self->database_setting);
      self->database_setting = g_steal_pointer (&path);
      return;
    }

  if (liaison_store_path_is_server (path))
    {
      open_server (self, path, FALSE);
      return;
    }

  store = liaison_store_open (path, &error);
  follow_setting (self, path, store, error);
}

static gboolean
ensure_store (LiaisonApplication *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  if (self->store != NULL)
    return TRUE;

  path = choose_database_path (self);
  if (liaison_store_path_is_server (path))
    {
      if (self->loading == NULL)
        {
          g_set_weak_pointer (&self->loading,
                              GTK_WINDOW (liaison_loading_window_new (GTK_APPLICATION (self), self->settings, path)));
          open_server (self, path, TRUE);
        }
      gtk_window_present (self->loading);
      return FALSE;
    }
  self->store = liaison_store_open (path, &error);
  if (self->store == NULL)
    {
      report_open_failed (self, NULL, error);
      return FALSE;
    }
  /* The others' changes to a team's inventory show at once (team.md 3). */
  liaison_store_watch_others (self->store);

  g_free (self->database_path);
  self->database_path = g_steal_pointer (&path);
  return TRUE;
}

static LiaisonWindow *
ensure_window (LiaisonApplication *self)
{
  GtkWindow *window;

  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (LIAISON_IS_WINDOW (window))
    return LIAISON_WINDOW (window);

  if (!ensure_store (self))
    return NULL;

  return liaison_window_new (self, self->store);
}

static void
liaison_application_activate (GApplication *app)
{
  LiaisonWindow *window = ensure_window (LIAISON_APPLICATION (app));

  if (window != NULL)
    gtk_window_present (GTK_WINDOW (window));
}

static void
liaison_application_open (GApplication  *app,
                          GFile        **files,
                          int            n_files,
                          const char    *hint)
{
  LiaisonApplication *self = LIAISON_APPLICATION (app);
  LiaisonWindow *window = ensure_window (self);
  g_autoptr(GPtrArray) list = g_ptr_array_new ();

  if (window == NULL)
    {
      /* Offered once the server is open. */
      if (self->loading != NULL)
        {
          if (self->offered == NULL)
            self->offered = g_ptr_array_new_with_free_func (g_object_unref);
          for (int i = 0; i < n_files; i++)
            g_ptr_array_add (self->offered, g_object_ref (files[i]));
        }
      return;
    }

  gtk_window_present (GTK_WINDOW (window));

  for (int i = 0; i < n_files; i++)
    g_ptr_array_add (list, files[i]);

  liaison_window_offer_import (window, (GFile **) list->pdata, list->len);
}

static int
liaison_application_handle_local_options (GApplication *app,
                                          GVariantDict *options)
{
  LiaisonApplication *self = LIAISON_APPLICATION (app);
  g_autofree char *database = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("liaison %s\n", PACKAGE_VERSION);
      return 0;
    }

  if (g_variant_dict_lookup (options, "database", "^ay", &database))
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (database);

      g_clear_pointer (&self->database_path, g_free);
      /* A server's URI is no file's name (team.md 1). */
      self->database_path = liaison_store_path_is_server (database) ? g_strdup (database)
                                                                     : g_file_get_path (file);
    }

  return -1;
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  LiaisonApplication *self = user_data;
  GList *windows;

  /* Close the windows first, so that each saves its state. */
  windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_destroy (GTK_WINDOW (l->data));
  g_list_free (windows);

  g_application_quit (G_APPLICATION (self));
}

/* Open Other Database… */

/**
 * liaison_application_open_database:
 * @file: the database file the user chose
 *
 * Makes @file the database setting, which this application follows (see
 * on_database_setting_changed()). A file that is not on this computer
 * changes nothing, and the user is told why.
 */
void
liaison_application_open_database (LiaisonApplication *self,
                                   GFile              *file)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (LIAISON_IS_APPLICATION (self));
  g_return_if_fail (G_IS_FILE (file));

  path = liaison_local_file_get_path (file, &error);
  if (path == NULL)
    {
      report_open_failed (self, gtk_application_get_active_window (GTK_APPLICATION (self)), error);
      return;
    }

  g_settings_set_string (self->settings, "database-path", path);
}

static void
open_database_activated (GSimpleAction *action,
                         GVariant      *parameter,
                         gpointer       user_data)
{
  LiaisonApplication *self = user_data;
  GtkFileChooserNative *chooser;

  chooser = liaison_local_file_database_chooser_new (gtk_application_get_active_window (GTK_APPLICATION (self)));
  liaison_file_choice_show (chooser, (LiaisonFileChosen) liaison_application_open_database,
                            g_object_ref (self), g_object_unref);
}

/* The first widget of @type (and of @css_class, when given) at or below @root. */
static GtkWidget *
find_child (GtkWidget  *root,
            GType       type,
            const char *css_class)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) &&
      (css_class == NULL || gtk_widget_has_css_class (root, css_class)))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_child (child, type, css_class);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  LiaisonApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  const char *developers[] = { _("The Liaison developers"), NULL };
  GtkWidget *about;
  GtkWidget *version;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "application-name", _("Liaison"),
                        "application-icon", APPLICATION_ID,
                        "version", PACKAGE_VERSION,
                        "comments", _("See which services talk to which, and how often"),
                        "website", "https://github.com/liaison-app/liaison",
                        "issue-url", "https://github.com/liaison-app/liaison/issues",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "developer-name", _("The Liaison developers"),
                        "developers", developers,
                        "copyright", _("© The Liaison developers"),
                        "translator-credits", _("translator-credits"),
                        "transient-for", parent,
                        "modal", TRUE,
                        NULL);
  /* libadwaita 1.2 shows the version on a button it gives no name to speak. */
  version = find_child (about, GTK_TYPE_BUTTON, "app-version");
  if (version != NULL)
    {
      g_autofree char *name = g_strdup_printf (_("Version %s"), PACKAGE_VERSION);

      gtk_accessible_update_property (GTK_ACCESSIBLE (version), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
    }
  gtk_window_present (GTK_WINDOW (about));
}

/* The main window an action of the application is about. */
static LiaisonWindow *
find_main_window (LiaisonApplication *self)
{
  GtkWindow *active = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (LIAISON_IS_WINDOW (active))
    return LIAISON_WINDOW (active);

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (LIAISON_IS_WINDOW (l->data))
      return l->data;

  return NULL;
}

static void
preferences_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  LiaisonApplication *self = user_data;
  LiaisonWindow *window = find_main_window (self);

  if (window == NULL)
    return;

  if (self->preferences == NULL)
    g_set_weak_pointer (&self->preferences,
                        liaison_preferences_window_new (GTK_WINDOW (window), self->settings,
                                                        self->database_path));
  else
    gtk_window_set_transient_for (GTK_WINDOW (self->preferences), GTK_WINDOW (window));

  gtk_window_present (GTK_WINDOW (self->preferences));
}

static void
shortcuts_activated (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  LiaisonApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  g_autoptr(GtkBuilder) builder = NULL;
  GtkWindow *shortcuts;
  GtkWidget *search;

  builder = gtk_builder_new_from_resource ("/io/github/liaison/Liaison/liaison-shortcuts-window.ui");
  shortcuts = GTK_WINDOW (gtk_builder_get_object (builder, "shortcuts_window"));
  /* GTK 4.8 gives the window's search button, an icon, no name to speak. */
  search = find_child (gtk_window_get_titlebar (shortcuts), GTK_TYPE_TOGGLE_BUTTON, NULL);
  if (search != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (search),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, _("Search Shortcuts"),
                                    -1);
  gtk_window_set_transient_for (shortcuts, parent);
  gtk_window_set_modal (shortcuts, TRUE);
  gtk_window_present (shortcuts);
}

static const GActionEntry app_actions[] = {
  { "quit", quit_activated },
  { "preferences", preferences_activated },
  { "about", about_activated },
  { "shortcuts", shortcuts_activated },
  { "open-database", open_database_activated },
};

static void
liaison_application_startup (GApplication *app)
{
  LiaisonApplication *self = LIAISON_APPLICATION (app);
  static const struct { const char *action; const char *accels[3]; } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "app.preferences", { "<Control>comma", NULL } },
    { "app.shortcuts", { "<Control>question", "<Control>slash", NULL } },
    { "window.close", { "<Control>w", NULL } },
    { "win.add", { "<Control>n", NULL } },
    { "win.import", { "<Control>i", NULL } },
  };

  G_APPLICATION_CLASS (liaison_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self),
                                           accels[i].action, accels[i].accels);

  gtk_window_set_default_icon_name (APPLICATION_ID);
  liaison_accessible_init ();

  /* Every shown time follows the time-zone setting. */
  liaison_display_zone_follow_settings (liaison_display_zone_get_default (), self->settings);
}

static void
liaison_application_dispose (GObject *object)
{
  LiaisonApplication *self = (LiaisonApplication *)object;

  g_clear_weak_pointer (&self->preferences);
  g_clear_weak_pointer (&self->loading);
  g_clear_pointer (&self->offered, g_ptr_array_unref);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (liaison_application_parent_class)->dispose (object);
}

static void
liaison_application_finalize (GObject *object)
{
  LiaisonApplication *self = (LiaisonApplication *)object;

  g_clear_pointer (&self->database_setting, g_free);
  g_clear_pointer (&self->database_path, g_free);

  G_OBJECT_CLASS (liaison_application_parent_class)->finalize (object);
}

static void
liaison_application_class_init (LiaisonApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = liaison_application_dispose;
  object_class->finalize = liaison_application_finalize;

  app_class->activate = liaison_application_activate;
  app_class->open = liaison_application_open;
  app_class->startup = liaison_application_startup;
  app_class->handle_local_options = liaison_application_handle_local_options;

  /* The resources live in static libraries: register them by hand. */
  liaison_register_resource ();
  liaison_statistics_page_register_resources ();
}

static void
liaison_application_init (LiaisonApplication *self)
{
  static const GOptionEntry entries[] = {
    { "database", 'd', 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Open the database FILE instead of the default one"), N_("FILE") },
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Show the version and exit"), NULL },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), entries);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), _("[FILE…]"));
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Files given are offered for import as netstat or netflow samples."));

  self->settings = g_settings_new (APPLICATION_ID);
  g_signal_connect_object (self->settings, "changed::database-path",
                           G_CALLBACK (on_database_setting_changed), self, G_CONNECT_SWAPPED);
  /* Read once with the handler connected, as GSettings asks. */
  self->database_setting = g_settings_get_string (self->settings, "database-path");
}
