/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "liaison-communication.h"
#include "liaison-types.h"

G_BEGIN_DECLS

#define LIAISON_TYPE_COMMUNICATION_ROW (liaison_communication_row_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonCommunicationRow, liaison_communication_row, LIAISON, COMMUNICATION_ROW, GObject)

LiaisonCommunication *liaison_communication_row_get_communication (LiaisonCommunicationRow *self);

G_END_DECLS
