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
gint64                      liaison_communication_dialog_get_id  (LiaisonCommunicationDialog *self);
void                        liaison_communication_dialog_save    (LiaisonCommunicationDialog *self);

/* The parts of the form, for tests. */
GtkEditable                *liaison_communication_dialog_get_entry        (LiaisonCommunicationDialog *self,
                                                                           LiaisonColumn               column);
GtkLabel                   *liaison_communication_dialog_get_reason_label (LiaisonCommunicationDialog *self,
                                                                           LiaisonColumn               column);
GtkDropDown                *liaison_communication_dialog_get_protocol     (LiaisonCommunicationDialog *self);
GtkWidget                  *liaison_communication_dialog_get_save_button  (LiaisonCommunicationDialog *self);
GtkWidget                  *liaison_communication_dialog_get_delete_button (LiaisonCommunicationDialog *self);
const char                 *liaison_communication_dialog_get_message      (LiaisonCommunicationDialog *self);

G_END_DECLS
