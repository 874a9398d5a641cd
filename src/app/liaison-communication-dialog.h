/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "liaison-store-communications.h"

G_BEGIN_DECLS

#define LIAISON_TYPE_COMMUNICATION_DIALOG (liaison_communication_dialog_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonCommunicationDialog, liaison_communication_dialog, LIAISON, COMMUNICATION_DIALOG, AdwWindow)

LiaisonCommunicationDialog *liaison_communication_dialog_new     (GtkWindow                  *parent,
                                                                  LiaisonStore               *store,
                                                                  LiaisonCommunication       *communication);

G_END_DECLS
