/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "liaison-communication-row.h"

G_BEGIN_DECLS

/* What the list model (liaison-communication-model.c) does with its rows. */

LiaisonCommunicationRow *liaison_communication_row_new               (guint                    position);
guint                    liaison_communication_row_get_position      (LiaisonCommunicationRow *self);
void                     liaison_communication_row_set_position      (LiaisonCommunicationRow *self,
                                                                      guint                    position);
void                     liaison_communication_row_set_communication (LiaisonCommunicationRow *self,
                                                                      LiaisonCommunication    *communication);

G_END_DECLS
