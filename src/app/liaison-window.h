/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "liaison-application.h"
#include "liaison-store.h"

G_BEGIN_DECLS

#define LIAISON_TYPE_WINDOW (liaison_window_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonWindow, liaison_window, LIAISON, WINDOW, AdwApplicationWindow)

LiaisonWindow *liaison_window_new                (LiaisonApplication *application,
                                                  LiaisonStore       *store);
LiaisonStore  *liaison_window_get_store          (LiaisonWindow      *self);
GSettings     *liaison_window_get_settings       (LiaisonWindow      *self);
void           liaison_window_add_toast          (LiaisonWindow      *self,
                                                  AdwToast           *toast);
void           liaison_window_offer_import       (LiaisonWindow      *self,
                                                  GFile             **files,
                                                  guint               n_files);
GtkWidget     *liaison_window_get_communications_page (LiaisonWindow *self);
GtkWidget     *liaison_window_get_statistics_bin (LiaisonWindow      *self);

G_END_DECLS
