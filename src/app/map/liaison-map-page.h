/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "liaison-store.h"

G_BEGIN_DECLS

#define LIAISON_TYPE_MAP_PAGE (liaison_map_page_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonMapPage, liaison_map_page, LIAISON, MAP_PAGE, GtkWidget)

LiaisonMapPage *liaison_map_page_new (LiaisonStore *store);

G_END_DECLS
