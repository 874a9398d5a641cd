/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "liaison-store-communications.h"

G_BEGIN_DECLS

void liaison_device_dialog_present      (GtkWidget              *widget,
                                         LiaisonStore           *store,
                                         const gint64           *ids,
                                         LiaisonCommunication  **shown,
                                         guint                   n,
                                         LiaisonColumn           column);
void liaison_device_entry_offer_devices (GtkWidget              *entry,
                                         LiaisonStore           *store);

G_END_DECLS
