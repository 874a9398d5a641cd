/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "liaison-store.h"
#include "liaison-types.h"

G_BEGIN_DECLS

#define LIAISON_TYPE_WINDOW (liaison_window_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonWindow, liaison_window, LIAISON, WINDOW, AdwApplicationWindow)

LiaisonWindow *liaison_window_new          (LiaisonApplication *application,
                                            LiaisonStore       *store);
void           liaison_window_offer_import (LiaisonWindow      *self,
                                            GFile             **files,
                                            guint               n_files);

void           liaison_window_restore_state (GtkWindow          *window,
                                             GSettings          *settings);

G_END_DECLS
