/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "liaison-import-dialog.h"
#include "liaison-import.h"

G_BEGIN_DECLS

/* What the tests do and read of the import dialog, as its buttons would. */

void                 liaison_import_dialog_start      (LiaisonImportDialog *self);
gboolean             liaison_import_dialog_is_running (LiaisonImportDialog *self);
LiaisonSampleKind    liaison_import_dialog_get_kind   (LiaisonImportDialog *self);
void                 liaison_import_dialog_set_kind   (LiaisonImportDialog *self,
                                                       LiaisonSampleKind    kind);
const char          *liaison_import_dialog_get_host   (LiaisonImportDialog *self);
const char          *liaison_import_dialog_get_error  (LiaisonImportDialog *self);
gboolean             liaison_import_dialog_get_can_import (LiaisonImportDialog *self);
GtkEditable         *liaison_import_dialog_get_host_row   (LiaisonImportDialog *self);
GtkEditable         *liaison_import_dialog_get_sample_time_row (LiaisonImportDialog *self);
GtkWidget           *liaison_import_dialog_get_hint       (LiaisonImportDialog *self,
                                                           const char          *which);
char                *liaison_import_suggest_host      (GFile               *file);

G_END_DECLS
