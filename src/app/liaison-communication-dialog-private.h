/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "liaison-communication-dialog.h"

G_BEGIN_DECLS

/* The parts of the form and what its Save button does, for the tests. */

gint64       liaison_communication_dialog_get_id            (LiaisonCommunicationDialog *self);
void         liaison_communication_dialog_save              (LiaisonCommunicationDialog *self);
GtkEditable *liaison_communication_dialog_get_entry         (LiaisonCommunicationDialog *self,
                                                             LiaisonColumn               column);
GtkLabel    *liaison_communication_dialog_get_reason_label  (LiaisonCommunicationDialog *self,
                                                             LiaisonColumn               column);
AdwComboRow *liaison_communication_dialog_get_protocol      (LiaisonCommunicationDialog *self);
GtkWidget   *liaison_communication_dialog_get_save_button   (LiaisonCommunicationDialog *self);
GtkWidget   *liaison_communication_dialog_get_delete_button (LiaisonCommunicationDialog *self);
const char  *liaison_communication_dialog_get_message       (LiaisonCommunicationDialog *self);
GtkWidget   *liaison_communication_dialog_get_conflict_dialog (LiaisonCommunicationDialog *self);

G_END_DECLS
