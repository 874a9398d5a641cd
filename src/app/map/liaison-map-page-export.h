/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "liaison-map-export.h"
#include "liaison-map-scene.h"

G_BEGIN_DECLS

void liaison_map_page_export         (GtkWidget        *widget,
                                      const char       *database_path,
                                      LiaisonMapScene  *scene,
                                      LiaisonMapFormat  format);
void liaison_map_page_export_to_file (GtkWidget        *widget,
                                      const char       *database_path,
                                      LiaisonMapScene  *scene,
                                      LiaisonMapFormat  format,
                                      GFile            *file);

G_END_DECLS
