/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "liaison-map-compare.h"
#include "liaison-store.h"

G_BEGIN_DECLS

#define LIAISON_TYPE_COMPARE_DIALOG (liaison_compare_dialog_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonCompareDialog, liaison_compare_dialog, LIAISON, COMPARE_DIALOG, AdwWindow)

GtkWidget *liaison_compare_dialog_new     (GtkWidget              *widget,
                                           LiaisonStore           *store,
                                           const LiaisonMapFilter *filter);
void       liaison_compare_dialog_compare (LiaisonCompareDialog   *self,
                                           const char             *before_from,
                                           const char             *before_to,
                                           const char             *after_from,
                                           const char             *after_to);
gboolean   liaison_compare_dialog_get_busy (LiaisonCompareDialog  *self);
GtkWidget *liaison_compare_dialog_get_list (LiaisonCompareDialog  *self,
                                            LiaisonCompareState    state);

G_END_DECLS
