/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-window"

#include "config.h"

#include <glib/gi18n.h>

#include "liaison-application.h"
#include "liaison-communications-page.h"
#include "liaison-import-dialog.h"
#include "liaison-job.h"
#include "liaison-map-page.h"
#include "liaison-statistics-page.h"
#include "liaison-store-server.h"
#include "liaison-toast.h"
#include "liaison-watch-bar.h"
#include "liaison-window-private.h"

/*
 * The main window: the Communications, Statistics and Map pages in a view
 * stack under one header bar, the toasts of both, files dropped on it, and
 * its size remembered. It says which database it shows: the file's name in
 * its title, and under the title or beside the view switcher (whichever
 * shows), with the full path in a tooltip. Its actions are in
 * liaison-window-actions.c.
 */

G_DEFINE_FINAL_TYPE (LiaisonWindow, liaison_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Drag and drop */

static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         LiaisonWindow *self)
{
  GdkFileList *list = g_value_get_boxed (value);
  g_autoptr(GPtrArray) files = g_ptr_array_new ();

  for (GSList *l = gdk_file_list_get_files (list); l != NULL; l = l->next)
    g_ptr_array_add (files, l->data);

  if (files->len == 0)
    return FALSE;

  liaison_window_offer_import (self, (GFile **) files->pdata, files->len);
  return TRUE;
}

/* State */

static void
save_state (LiaisonWindow *self)
{
  int width, height;

  if (self->settings == NULL)
    return;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
}

/**
 * liaison_window_restore_state:
 * @window: the main window, or what stands in for it, not shown yet
 * @settings: the application's settings
 *
 * Gives @window the size the main window had when it was last closed, and
 * maximizes it if it was.
 */
void
liaison_window_restore_state (GtkWindow *window,
                              GSettings *settings)
{
  g_return_if_fail (GTK_IS_WINDOW (window));
  g_return_if_fail (G_IS_SETTINGS (settings));

  gtk_window_set_default_size (window, g_settings_get_int (settings, "window-width"),
                               g_settings_get_int (settings, "window-height"));
  if (g_settings_get_boolean (settings, "window-maximized"))
    gtk_window_maximize (window);
}

static gboolean
liaison_window_close_request (GtkWindow *window)
{
  save_state (LIAISON_WINDOW (window));

  return GTK_WINDOW_CLASS (liaison_window_parent_class)->close_request (window);
}

static void
liaison_window_unrealize (GtkWidget *widget)
{
  save_state (LIAISON_WINDOW (widget));

  GTK_WIDGET_CLASS (liaison_window_parent_class)->unrealize (widget);
}

/* Which database this window shows: a file's name, or the database and
 * its server's host (team.md 1), with the file's path or the server's
 * URI (without a password) in the tooltips. */
static void
show_database (LiaisonWindow *self)
{
  g_autoptr(LiaisonStoreDescription) description = liaison_store_describe (self->store);
  g_autofree char *name = liaison_store_description_location (description);
  g_autofree char *path = NULL;
  g_autofree char *title = NULL;
  g_autofree char *tooltip = NULL;
  g_autofree char *spoken = NULL;

  if (description->server)
    path = g_strdup (liaison_store_get_path (self->store));
  else
    {
      g_autoptr(GFile) file = g_file_new_for_path (liaison_store_get_path (self->store));

      path = g_file_get_parse_name (file);
    }

  /* TRANSLATORS: the main window's title: the database file's name, then the application's */
  title = g_strdup_printf (_("%s — Liaison"), name);
  gtk_window_set_title (GTK_WINDOW (self), title);

  adw_view_switcher_title_set_subtitle (ADW_VIEW_SWITCHER_TITLE (self->switcher_title), name);
  gtk_widget_set_tooltip_text (self->switcher_title, path);

  gtk_label_set_text (GTK_LABEL (self->database_label), name);
  /* TRANSLATORS: the tooltip of the database's name in the header bar: its full path */
  tooltip = g_strdup_printf (_("%s\nOpen another database"), path);
  gtk_widget_set_tooltip_text (self->database_button, tooltip);
  /* TRANSLATORS: how a screen reader names the button with the database's file name */
  spoken = g_strdup_printf (_("Database %s"), name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->database_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, spoken,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, path,
                                  -1);
}

/* What a role that may only read cannot do (team.md 3). */
static const char * const writing_actions[] = {
  "win.add", "win.import", "win.sample-host", "win.watch-folder",
  "page.delete", "page.undo", "page.edit-selected", "page.set-client-device",
  "page.set-listener-device", "map.groups", "map.add-to-group",
};

/* The buttons of @widget and below for writing actions say why they are off. */
static void
explain_read_only (GtkWidget *widget)
{
  if (GTK_IS_ACTIONABLE (widget) && gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)) != NULL &&
      g_strv_contains (writing_actions, gtk_actionable_get_action_name (GTK_ACTIONABLE (widget))))
    gtk_widget_set_tooltip_text (widget, liaison_store_read_only_reason ());

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    explain_read_only (child);
}

/* On a store the role may only read, the window's writing actions are off
 * (the Communications page turns off its own). */
static void
show_read_only (LiaisonWindow *self)
{
  if (!liaison_store_is_read_only (self->store))
    return;

  for (guint i = 0; i < G_N_ELEMENTS (writing_actions); i++)
    if (g_str_has_prefix (writing_actions[i], "win."))
      g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self),
                                                                                writing_actions[i] + 4)),
                                   FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self->map_page), "map.groups", FALSE);
  explain_read_only (GTK_WIDGET (self));
}

/* The title says which database it is when it shows; the name beside the
 * view switcher does when the switcher shows instead. The title changes
 * while the header bar is laid out: the name follows once that is done. */
static gboolean
follow_title (gpointer user_data)
{
  LiaisonWindow *self = user_data;

  self->follow_title_source = 0;
  gtk_widget_set_visible (self->database_squeezer,
                          !adw_view_switcher_title_get_title_visible (ADW_VIEW_SWITCHER_TITLE (self->switcher_title)));
  return G_SOURCE_REMOVE;
}

static void
on_title_visible_changed (LiaisonWindow *self)
{
  if (self->follow_title_source == 0)
    self->follow_title_source = g_idle_add (follow_title, self);
}

/* The header bar's search button acts on the page in view, as Ctrl+F
 * does: it opens and closes the Communications page's search bar, and
 * shows whether it is open; on the Statistics page, whose search is
 * always there, it takes the keyboard to it. */

static gboolean
communications_in_view (LiaisonWindow *self)
{
  return adw_view_stack_get_visible_child (ADW_VIEW_STACK (self->stack)) == self->communications_page;
}

static void
show_search_state (LiaisonWindow *self)
{
  gboolean search_mode = FALSE;

  if (communications_in_view (self))
    g_object_get (self->communications_page, "search-mode", &search_mode, NULL);

  self->showing_search_state = TRUE;
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->search_button), search_mode);
  self->showing_search_state = FALSE;
}

static void
on_search_button_toggled (LiaisonWindow *self)
{
  gboolean active = gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->search_button));

  if (self->showing_search_state)
    return;

  if (communications_in_view (self))
    {
      g_object_set (self->communications_page, "search-mode", active, NULL);
      return;
    }

  if (active && self->statistics_page != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self->statistics_page), "statistics.search", NULL);
  show_search_state (self);
}

/* A team server's connection ---------------------------------------------- */

/* How often a lost connection is tried again, in seconds. */
#define RECONNECT_SECONDS 5

/* In a worker: a connection opened is the server's answer. */
static void
connect_in_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  GError *error = NULL;

  if (liaison_store_connection_open (task_data, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
on_connected (GObject      *source_object,
              GAsyncResult *result,
              gpointer      user_data)
{
  LiaisonWindow *self = LIAISON_WINDOW (source_object);
  g_autoptr(GError) error = NULL;

  self->probing = FALSE;
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_debug ("reconnect: %s", error->message);
      return;
    }
  if (self->reconnect_source == 0)
    return;
  /* Handed over without a round trip; the pages read again in workers. */
  liaison_store_adopt_connection (self->store, g_task_get_task_data (G_TASK (result)));
  g_clear_handle_id (&self->reconnect_source, g_source_remove);
  gtk_revealer_set_reveal_child (GTK_REVEALER (self->connection_banner), FALSE);
}

/* The window's connection is made again in a worker: while the server
 * cannot be reached, and while it answers far away, the window does not
 * wait for it (team.md 3). Its store then takes the new connection. */
static void
probe (LiaisonWindow *self)
{
  g_autoptr(GTask) task = NULL;

  if (self->probing)
    return;
  self->probing = TRUE;
  task = g_task_new (self, NULL, on_connected, NULL);
  g_task_set_task_data (task, liaison_store_connection_new (self->store),
                        (GDestroyNotify) liaison_store_connection_free);
  g_task_run_in_thread (task, connect_in_thread);
}

static gboolean
reconnect_later (gpointer user_data)
{
  probe (user_data);
  return G_SOURCE_CONTINUE;
}

/* Reconnect asks the same way, at once. */
static void
on_reconnect_clicked (LiaisonWindow *self)
{
  probe (self);
}

/* The others' work goes on: the window says so, keeps every form open,
 * and connects again by itself (team.md 3). */
static void
on_connection_lost (LiaisonWindow *self)
{
  gtk_revealer_set_reveal_child (GTK_REVEALER (self->connection_banner), TRUE);
  if (self->reconnect_source == 0)
    self->reconnect_source = g_timeout_add_seconds (RECONNECT_SECONDS, reconnect_later, self);
}

/* GObject */

static void
liaison_window_constructed (GObject *object)
{
  LiaisonWindow *self = (LiaisonWindow *)object;
  LiaisonCommunicationsPage *page = LIAISON_COMMUNICATIONS_PAGE (self->communications_page);

  G_OBJECT_CLASS (liaison_window_parent_class)->constructed (object);

  liaison_communications_page_set_store (page, self->store);
  show_database (self);

  self->statistics_page = liaison_statistics_page_new (self->store);
  adw_bin_set_child (ADW_BIN (self->statistics_bin), GTK_WIDGET (self->statistics_page));

  self->map_page = liaison_map_page_new (self->store);
  adw_bin_set_child (ADW_BIN (self->map_bin), GTK_WIDGET (self->map_page));

  /* The page's column choices, also from the main menu. */
  gtk_widget_insert_action_group (GTK_WIDGET (self), "columns",
                                  liaison_communications_page_get_columns_actions (page));
  g_menu_append_submenu (self->columns_section, _("_Columns"),
                         liaison_communications_page_get_columns_menu (page));
  show_read_only (self);
  g_signal_connect_object (self->store, "connection-lost",
                           G_CALLBACK (on_connection_lost), self, G_CONNECT_SWAPPED);
}

static void
liaison_window_dispose (GObject *object)
{
  LiaisonWindow *self = (LiaisonWindow *)object;

  g_clear_handle_id (&self->follow_title_source, g_source_remove);
  g_clear_handle_id (&self->reconnect_source, g_source_remove);
  /* Sampling ends with the window; what is being filed is filed. */
  if (self->hosts_window != NULL)
    gtk_window_destroy (self->hosts_window);
  g_clear_weak_pointer (&self->hosts_window);
  if (self->ssh_sampler != NULL)
    liaison_ssh_sampler_cancel (self->ssh_sampler);
  g_clear_object (&self->host_sampler);
  g_clear_object (&self->ssh_sampler);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (liaison_window_parent_class)->dispose (object);
}

static void
liaison_window_finalize (GObject *object)
{
  LiaisonWindow *self = (LiaisonWindow *)object;

  g_clear_object (&self->store);

  G_OBJECT_CLASS (liaison_window_parent_class)->finalize (object);
}

static void
liaison_window_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  LiaisonWindow *self = LIAISON_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_window_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  LiaisonWindow *self = LIAISON_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_window_class_init (LiaisonWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = liaison_window_constructed;
  object_class->dispose = liaison_window_dispose;
  object_class->finalize = liaison_window_finalize;
  object_class->get_property = liaison_window_get_property;
  object_class->set_property = liaison_window_set_property;
  widget_class->unrealize = liaison_window_unrealize;
  window_class->close_request = liaison_window_close_request;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, LIAISON_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (LIAISON_TYPE_COMMUNICATIONS_PAGE);
  g_type_ensure (LIAISON_TYPE_WATCH_BAR);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/liaison/Liaison/liaison-window.ui");
  gtk_widget_class_bind_template_child (widget_class, LiaisonWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, LiaisonWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, LiaisonWindow, communications_page);
  gtk_widget_class_bind_template_child (widget_class, LiaisonWindow, statistics_bin);
  gtk_widget_class_bind_template_child (widget_class, LiaisonWindow, map_bin);
  gtk_widget_class_bind_template_child (widget_class, LiaisonWindow, search_button);
  gtk_widget_class_bind_template_child (widget_class, LiaisonWindow, columns_section);
  gtk_widget_class_bind_template_child (widget_class, LiaisonWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, LiaisonWindow, database_squeezer);
  gtk_widget_class_bind_template_child (widget_class, LiaisonWindow, database_button);
  gtk_widget_class_bind_template_child (widget_class, LiaisonWindow, database_label);
  gtk_widget_class_bind_template_child (widget_class, LiaisonWindow, watch_bar);
  gtk_widget_class_bind_template_child (widget_class, LiaisonWindow, connection_banner);
  gtk_widget_class_bind_template_child (widget_class, LiaisonWindow, connection_label);
  gtk_widget_class_bind_template_callback (widget_class, on_reconnect_clicked);
}

static void
liaison_window_init (LiaisonWindow *self)
{
  GtkDropTarget *drop;

  gtk_widget_init_template (GTK_WIDGET (self));

  liaison_window_actions_init (self);

  g_signal_connect_object (self->search_button, "toggled",
                           G_CALLBACK (on_search_button_toggled), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->communications_page, "notify::search-mode",
                           G_CALLBACK (show_search_state), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->stack, "notify::visible-child",
                           G_CALLBACK (show_search_state), self, G_CONNECT_SWAPPED);
  show_search_state (self);
  g_signal_connect_object (self->switcher_title, "notify::title-visible",
                           G_CALLBACK (on_title_visible_changed), self, G_CONNECT_SWAPPED);

  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect_object (drop, "drop", G_CALLBACK (on_drop), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
}

LiaisonWindow *
liaison_window_new (LiaisonApplication *application,
                    LiaisonStore       *store)
{
  LiaisonWindow *self;
  GSettings *settings;

  g_return_val_if_fail (LIAISON_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (LIAISON_IS_STORE (store), NULL);

  settings = liaison_application_get_settings (application);
  self = g_object_new (LIAISON_TYPE_WINDOW, "application", application, "store", store, NULL);
  liaison_window_restore_state (GTK_WINDOW (self), settings);
  self->settings = g_object_ref (settings);
  self->host_sampler = liaison_host_sampler_new (store, settings);
  self->ssh_sampler = liaison_ssh_sampler_new (store, settings);

  /* A role that may only read takes no samples on a schedule either. */
  if (liaison_store_is_read_only (store))
    {
      LiaisonSchedule *schedules[] = { liaison_host_sampler_get_schedule (self->host_sampler),
                                       liaison_ssh_sampler_get_schedule (self->ssh_sampler) };

      for (guint i = 0; i < G_N_ELEMENTS (schedules); i++)
        {
          g_settings_unbind (schedules[i], "enabled");
          g_object_set (schedules[i], "enabled", FALSE, NULL);
        }
    }

  return self;
}

LiaisonStore *
liaison_window_get_store (LiaisonWindow *self)
{
  g_return_val_if_fail (LIAISON_IS_WINDOW (self), NULL);

  return self->store;
}

GSettings *
liaison_window_get_settings (LiaisonWindow *self)
{
  g_return_val_if_fail (LIAISON_IS_WINDOW (self), NULL);

  return self->settings;
}

/**
 * liaison_window_offer_import:
 *
 * Asks how to import @files (dropped, chosen or given on the command line).
 */
void
liaison_window_offer_import (LiaisonWindow  *self,
                             GFile         **files,
                             guint           n_files)
{
  LiaisonImportDialog *dialog;

  g_return_if_fail (LIAISON_IS_WINDOW (self));

  if (n_files == 0)
    return;
  if (liaison_store_is_read_only (self->store))
    {
      liaison_toast_add (self->stack, adw_toast_new (liaison_store_read_only_reason ()));
      return;
    }

  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (self->stack), "communications");
  dialog = liaison_import_dialog_new (self->stack, self->store, self->settings, files, n_files);
  gtk_window_present (GTK_WINDOW (dialog));
}

GtkWidget *
liaison_window_get_communications_page (LiaisonWindow *self)
{
  g_return_val_if_fail (LIAISON_IS_WINDOW (self), NULL);

  return self->communications_page;
}

/* Where the Statistics page goes (an AdwBin). */
GtkWidget *
liaison_window_get_statistics_bin (LiaisonWindow *self)
{
  g_return_val_if_fail (LIAISON_IS_WINDOW (self), NULL);

  return self->statistics_bin;
}
