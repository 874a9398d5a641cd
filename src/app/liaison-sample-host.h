/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "liaison-store.h"

G_BEGIN_DECLS

void liaison_sample_host (GtkWidget     *widget,
                          LiaisonStore  *store,
                          GSimpleAction *action);

G_END_DECLS
