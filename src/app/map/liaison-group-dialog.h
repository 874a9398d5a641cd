/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "liaison-store.h"

G_BEGIN_DECLS

#define LIAISON_TYPE_GROUP_DIALOG (liaison_group_dialog_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonGroupDialog, liaison_group_dialog, LIAISON, GROUP_DIALOG, AdwWindow)

GtkWidget *liaison_group_dialog_new (GtkWidget          *widget,
                                     LiaisonStore       *store,
                                     const char * const *adding);

G_END_DECLS
