/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "liaison-store-communications.h"

G_BEGIN_DECLS

void liaison_device_dialog_present (GtkWidget     *widget,
                                    LiaisonStore  *store,
                                    GPtrArray     *seen,
                                    guint          gone,
                                    LiaisonColumn  column);

G_END_DECLS
