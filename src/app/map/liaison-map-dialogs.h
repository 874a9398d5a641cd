/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "liaison-map-compare.h"
#include "liaison-store.h"

G_BEGIN_DECLS

/* The windows the Map page opens over itself: its groups
 * (liaison-group-dialog.c), and a comparison of two periods
 * (liaison-compare-dialog.c). */

#define LIAISON_TYPE_GROUP_DIALOG (liaison_group_dialog_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonGroupDialog, liaison_group_dialog, LIAISON, GROUP_DIALOG, AdwWindow)

GtkWidget *liaison_group_dialog_new (GtkWidget          *widget,
                                     LiaisonStore       *store,
                                     const char * const *adding);

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
