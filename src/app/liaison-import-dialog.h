/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "liaison-import.h"
#include "liaison-store.h"
#include "liaison-types.h"

G_BEGIN_DECLS

#define LIAISON_TYPE_IMPORT_DIALOG (liaison_import_dialog_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonImportDialog, liaison_import_dialog, LIAISON, IMPORT_DIALOG, AdwWindow)

LiaisonImportDialog *liaison_import_dialog_new           (GtkWidget            *widget,
                                                          LiaisonStore         *store,
                                                          GSettings            *settings,
                                                          GFile               **files,
                                                          guint                 n_files);
void                 liaison_import_dialog_start         (LiaisonImportDialog  *self);
void                 liaison_import_dialog_cancel        (LiaisonImportDialog  *self);
gboolean             liaison_import_dialog_is_running    (LiaisonImportDialog  *self);
LiaisonSampleKind    liaison_import_dialog_get_kind      (LiaisonImportDialog  *self);
void                 liaison_import_dialog_set_kind      (LiaisonImportDialog  *self,
                                                          LiaisonSampleKind     kind);
const char          *liaison_import_dialog_get_host      (LiaisonImportDialog  *self);
const char          *liaison_import_dialog_get_error     (LiaisonImportDialog  *self);
char                *liaison_import_suggest_host         (GFile                *file);

G_END_DECLS
