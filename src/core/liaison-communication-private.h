/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "liaison-store-private.h"

#include "liaison-communication.h"

G_BEGIN_DECLS

/* The columns liaison_communication_new_from_row() reads, in this order. */
#define LIAISON_COMMUNICATION_COLUMNS \
  "id, client_ip, client_device, listener_ip, listener_device, port, protocol, " \
  "client_process_name, client_process_display_name, first_detected, last_detected, source"

LiaisonCommunication *liaison_communication_new_from_row (LiaisonStmt *stmt);

G_END_DECLS
