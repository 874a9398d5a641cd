/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-watch-bar"

#include "config.h"

#include <glib/gi18n.h>

#include "liaison-error.h"
#include "liaison-format.h"
#include "liaison-watch-bar.h"

/*
 * Watch Folder: a bar under the header bar while a collector's folder is
 * watched. It owns the watch (liaison-folder-watch.c does the work), says
 * which folder, how many files came in, the last one, and what went wrong,
 * and stops it. The watch runs while the window is open; it is not
 * remembered.
 */

struct _LiaisonWatchBar
{
  AdwBin              parent_instance;

  LiaisonFolderWatch *watch;
  LiaisonStore       *store;
  char               *last_name;
  LiaisonTime         last_time;
  char               *problem;       /* the last failure, until a file goes in */

  GtkWidget          *revealer;
  GtkWidget          *title_label;
  GtkWidget          *status_label;
  GtkWidget          *spinner;
  GtkWidget          *stop_button;
};

G_DEFINE_FINAL_TYPE (LiaisonWatchBar, liaison_watch_bar, ADW_TYPE_BIN)

static void
update (LiaisonWatchBar *self)
{
  g_autofree char *status = NULL;
  guint imported;

  if (self->watch == NULL)
    return;

  imported = liaison_folder_watch_get_imported (self->watch);
  if (self->problem != NULL)
    status = g_strdup (self->problem);
  else if (self->last_name == NULL)
    status = g_strdup (_("Waiting for the files a collector finishes"));
  else
    {
      g_autofree char *when = liaison_format_time (self->last_time);

      /* Translators: “12 files imported; the last, nfcapd.202612031005, at 2026-12-03 10:10:02” */
      status = g_strdup_printf (ngettext ("%u file imported; the last, %s, at %s",
                                          "%u files imported; the last, %s, at %s", imported),
                                imported, self->last_name, when);
    }

  gtk_label_set_text (GTK_LABEL (self->status_label), status);
  gtk_spinner_set_spinning (GTK_SPINNER (self->spinner), liaison_folder_watch_get_busy (self->watch));
}

static void
on_file_done (LiaisonFolderWatch       *watch,
              const LiaisonWatchedFile *file,
              LiaisonWatchBar          *self)
{
  /* Imported before, by an earlier watch or another program: nothing to say. */
  if (g_error_matches (file->error, LIAISON_ERROR, LIAISON_ERROR_DUPLICATE))
    return;

  g_clear_pointer (&self->problem, g_free);
  if (file->error != NULL)
    self->problem = g_strdup (file->error->message);
  else
    {
      g_free (self->last_name);
      self->last_name = g_strdup (file->name);
      self->last_time = file->time;
      /* Another connection wrote: tell this one's lists. */
      liaison_store_changed (self->store);
    }
  update (self);
}

static void
on_folder_error (LiaisonFolderWatch *watch,
                 const GError       *error,
                 LiaisonWatchBar    *self)
{
  g_free (self->problem);
  self->problem = g_strdup (error->message);
  update (self);
}

static void
drop_watch (LiaisonWatchBar *self)
{
  if (self->watch == NULL)
    return;

  g_signal_handlers_disconnect_by_data (self->watch, self);
  /* A file being imported is imported: the watch lives until then. */
  liaison_folder_watch_stop (self->watch);
  g_clear_object (&self->watch);
  g_clear_object (&self->store);
  g_clear_pointer (&self->last_name, g_free);
  g_clear_pointer (&self->problem, g_free);
}

/**
 * liaison_watch_bar_watch:
 * @folder: the folder a collector writes to
 * @store: the database the files go into
 * @interval: the netflow sample interval of the files, in seconds
 *
 * Watches @folder instead of the folder watched so far, and shows the bar.
 *
 * Returns: %FALSE when @folder is no folder here (the bar is as it was)
 */
gboolean
liaison_watch_bar_watch (LiaisonWatchBar  *self,
                         GFile            *folder,
                         LiaisonStore     *store,
                         guint             interval,
                         GError          **error)
{
  g_autoptr(LiaisonFolderWatch) watch = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *title = NULL;

  g_return_val_if_fail (LIAISON_IS_WATCH_BAR (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (folder), FALSE);
  g_return_val_if_fail (LIAISON_IS_STORE (store), FALSE);

  watch = liaison_folder_watch_new (folder, interval, liaison_store_get_path (store));
  g_signal_connect (watch, "file-done", G_CALLBACK (on_file_done), self);
  g_signal_connect (watch, "folder-error", G_CALLBACK (on_folder_error), self);
  g_signal_connect_swapped (watch, "notify", G_CALLBACK (update), self);
  if (!liaison_folder_watch_start (watch, error))
    {
      g_signal_handlers_disconnect_by_data (watch, self);
      return FALSE;
    }

  drop_watch (self);
  self->watch = g_steal_pointer (&watch);
  self->store = g_object_ref (store);

  shown = g_file_get_parse_name (folder);
  /* Translators: the bar of a watched folder: “Watching /srv/flows” */
  title = g_strdup_printf (_("Watching %s"), shown);
  gtk_label_set_text (GTK_LABEL (self->title_label), title);
  update (self);
  gtk_revealer_set_reveal_child (GTK_REVEALER (self->revealer), TRUE);
  return TRUE;
}

/* Stops watching and hides the bar. */
void
liaison_watch_bar_stop (LiaisonWatchBar *self)
{
  g_return_if_fail (LIAISON_IS_WATCH_BAR (self));

  drop_watch (self);
  gtk_revealer_set_reveal_child (GTK_REVEALER (self->revealer), FALSE);
}

/* The folder watched now, or NULL. */
LiaisonFolderWatch *
liaison_watch_bar_get_watch (LiaisonWatchBar *self)
{
  g_return_val_if_fail (LIAISON_IS_WATCH_BAR (self), NULL);

  return self->watch;
}

static void
liaison_watch_bar_dispose (GObject *object)
{
  LiaisonWatchBar *self = (LiaisonWatchBar *)object;

  drop_watch (self);

  G_OBJECT_CLASS (liaison_watch_bar_parent_class)->dispose (object);
}

static void
liaison_watch_bar_class_init (LiaisonWatchBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = liaison_watch_bar_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/liaison/Liaison/liaison-watch-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, LiaisonWatchBar, revealer);
  gtk_widget_class_bind_template_child (widget_class, LiaisonWatchBar, title_label);
  gtk_widget_class_bind_template_child (widget_class, LiaisonWatchBar, status_label);
  gtk_widget_class_bind_template_child (widget_class, LiaisonWatchBar, spinner);
  gtk_widget_class_bind_template_child (widget_class, LiaisonWatchBar, stop_button);
  gtk_widget_class_bind_template_callback (widget_class, liaison_watch_bar_stop);
}

static void
liaison_watch_bar_init (LiaisonWatchBar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->last_time = LIAISON_TIME_NONE;
}
