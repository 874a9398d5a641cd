/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "liaison-folder-watch.h"
#include "liaison-store.h"

G_BEGIN_DECLS

#define LIAISON_TYPE_WATCH_BAR (liaison_watch_bar_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonWatchBar, liaison_watch_bar, LIAISON, WATCH_BAR, AdwBin)

gboolean            liaison_watch_bar_watch     (LiaisonWatchBar  *self,
                                                 GFile            *folder,
                                                 LiaisonStore     *store,
                                                 guint             interval,
                                                 GError          **error);
void                liaison_watch_bar_stop      (LiaisonWatchBar  *self);
LiaisonFolderWatch *liaison_watch_bar_get_watch (LiaisonWatchBar  *self);

G_END_DECLS
