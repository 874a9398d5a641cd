/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "liaison-import.h"
#include "liaison-time.h"

G_BEGIN_DECLS

/* One finished file of the folder, imported or not. */
typedef struct
{
  const char           *name;        /* its name in the folder */
  const char           *path;
  LiaisonTime           time;        /* when it was done */
  LiaisonImportSummary  summary;
  const GError         *error;       /* NULL: imported; LIAISON_ERROR_DUPLICATE: imported before */
} LiaisonWatchedFile;

#define LIAISON_TYPE_FOLDER_WATCH (liaison_folder_watch_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonFolderWatch, liaison_folder_watch, LIAISON, FOLDER_WATCH, GObject)

LiaisonFolderWatch *liaison_folder_watch_new          (GFile               *folder,
                                                       guint                interval,
                                                       const char          *database_path);
gboolean            liaison_folder_watch_start        (LiaisonFolderWatch  *self,
                                                       GError             **error);
void                liaison_folder_watch_stop         (LiaisonFolderWatch  *self);
GFile              *liaison_folder_watch_get_folder   (LiaisonFolderWatch  *self);
gboolean            liaison_folder_watch_get_busy     (LiaisonFolderWatch  *self);
gboolean            liaison_folder_watch_get_running  (LiaisonFolderWatch  *self);
guint               liaison_folder_watch_get_imported (LiaisonFolderWatch  *self);
guint               liaison_folder_watch_get_failed   (LiaisonFolderWatch  *self);

G_END_DECLS
