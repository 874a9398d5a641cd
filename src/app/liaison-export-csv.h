/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "liaison-store.h"

G_BEGIN_DECLS

void liaison_export_csv (GtkWidget    *widget,
                         LiaisonStore *store,
                         GArray       *ids);

G_END_DECLS
