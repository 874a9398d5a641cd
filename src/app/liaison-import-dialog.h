/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "liaison-store.h"
#include "liaison-types.h"

G_BEGIN_DECLS

#define LIAISON_TYPE_IMPORT_DIALOG (liaison_import_dialog_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonImportDialog, liaison_import_dialog, LIAISON, IMPORT_DIALOG, AdwWindow)

LiaisonImportDialog *liaison_import_dialog_new (GtkWidget     *widget,
                                                LiaisonStore  *store,
                                                GSettings     *settings,
                                                GFile        **files,
                                                guint          n_files);

G_END_DECLS
