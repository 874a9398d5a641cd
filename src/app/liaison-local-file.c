/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-local-file"

#include "config.h"

#include <glib/gi18n.h>

#include "liaison-local-file.h"

/*
 * Files a user picks in a file chooser. The database and the exports are
 * files on this computer: a file without a local path (a remote location
 * of GVfs) is refused with a message that names it. The chooser of a
 * database to open is made here once, for the main menu and Preferences.
 */

/**
 * liaison_local_file_get_path:
 *
 * Returns: (transfer full) (nullable): the path of @file, or %NULL when it
 *   has none (%G_IO_ERROR_NOT_SUPPORTED)
 */
char *
liaison_local_file_get_path (GFile   *file,
                             GError **error)
{
  char *path;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_autofree char *name = g_file_get_parse_name (file);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("“%s” is not a local file"), name);
    }

  return path;
}

/**
 * liaison_local_file_write:
 * @func: writes the content
 *
 * Writes @file with liaison_output_file_write(): it appears, or is
 * replaced, only when @func wrote all of it.
 */
gboolean
liaison_local_file_write (GFile              *file,
                          LiaisonOutputFunc   func,
                          gpointer            user_data,
                          GCancellable       *cancellable,
                          GError            **error)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  path = liaison_local_file_get_path (file, error);
  if (path == NULL)
    return FALSE;

  return liaison_output_file_write (path, func, user_data, cancellable, error);
}

/**
 * liaison_local_file_add_filters:
 * @files: the filter of the files the chooser is for, named
 *
 * Gives @chooser @files, shown first, then one for every file.
 */
void
liaison_local_file_add_filters (GtkFileChooser *chooser,
                                GtkFileFilter  *files)
{
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  gtk_file_chooser_add_filter (chooser, files);
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (chooser, all);
}

/**
 * liaison_local_file_database_chooser_new:
 * @parent: (nullable): the window it is modal to
 *
 * Returns: (transfer full): a file chooser for *Open Other Database…*,
 *   Liaison's databases first, not shown yet
 */
GtkFileChooserNative *
liaison_local_file_database_chooser_new (GtkWindow *parent)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) databases = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Open Other Database"), parent,
                                         GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);

  gtk_file_filter_set_name (databases, _("Liaison databases"));
  gtk_file_filter_add_mime_type (databases, "application/vnd.sqlite3");
  gtk_file_filter_add_mime_type (databases, "application/x-sqlite3");
  gtk_file_filter_add_pattern (databases, "*.db");
  liaison_local_file_add_filters (GTK_FILE_CHOOSER (chooser), databases);

  return chooser;
}
