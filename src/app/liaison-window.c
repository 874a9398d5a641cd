/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-window"

#include "config.h"

#include <glib/gi18n.h>

#include "liaison-accessible.h"
#include "liaison-application.h"
#include "liaison-communications-page.h"
#include "liaison-import-dialog.h"
#include "liaison-map-page.h"
#include "liaison-statistics-page.h"
#include "liaison-watch-bar.h"
#include "liaison-window-private.h"

/*
 * The main window: the Communications, Statistics and Map pages in a view
 * stack under one header bar, the toasts of both, files dropped on it, and
 * its size remembered. Its actions are in liaison-window-actions.c.
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

/* GObject */

static void
liaison_window_constructed (GObject *object)
{
  LiaisonWindow *self = (LiaisonWindow *)object;
  LiaisonCommunicationsPage *page = LIAISON_COMMUNICATIONS_PAGE (self->communications_page);

  G_OBJECT_CLASS (liaison_window_parent_class)->constructed (object);

  liaison_communications_page_set_store (page, self->store);

  self->statistics_page = liaison_statistics_page_new (self->store);
  adw_bin_set_child (ADW_BIN (self->statistics_bin), GTK_WIDGET (self->statistics_page));

  self->map_page = liaison_map_page_new (self->store);
  adw_bin_set_child (ADW_BIN (self->map_bin), GTK_WIDGET (self->map_page));

  /* The page's column choices, also from the main menu. */
  gtk_widget_insert_action_group (GTK_WIDGET (self), "columns",
                                  liaison_communications_page_get_columns_actions (page));
  g_menu_append_submenu (self->columns_section, _("_Columns"),
                         liaison_communications_page_get_columns_menu (page));

  liaison_accessible_name_mnemonic_buttons (GTK_WIDGET (self));
}

static void
liaison_window_dispose (GObject *object)
{
  LiaisonWindow *self = (LiaisonWindow *)object;

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
  gtk_widget_class_bind_template_child (widget_class, LiaisonWindow, watch_bar);
}

static void
liaison_window_init (LiaisonWindow *self)
{
  GtkDropTarget *drop;

  gtk_widget_init_template (GTK_WIDGET (self));

  liaison_window_actions_init (self);

  g_object_bind_property (self->search_button, "active",
                          self->communications_page, "search-mode",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);

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
  self = g_object_new (LIAISON_TYPE_WINDOW,
                       "application", application,
                       "store", store,
                       "default-width", g_settings_get_int (settings, "window-width"),
                       "default-height", g_settings_get_int (settings, "window-height"),
                       "maximized", g_settings_get_boolean (settings, "window-maximized"),
                       NULL);
  self->settings = g_object_ref (settings);
  self->host_sampler = liaison_host_sampler_new (store, settings);
  self->ssh_sampler = liaison_ssh_sampler_new (store, settings);

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
